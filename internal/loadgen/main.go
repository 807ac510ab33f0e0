// Command loadgen measures trainingjob serve: its resident memory after
// many DescribeTrainingJob calls, and its describe throughput side by side
// with moto's server under the same workload. scripts/load.sh builds the
// command and runs it; it is not part of any test run.
//
// Both servers run on loopback as child processes of loadgen, and each
// gets one job, created by the same CreateTrainingJob request. The workload
// is DescribeTrainingJob of that job from -concurrency goroutines sharing
// one aws-sdk-go-v2 client (anonymous credentials, no retries, enough idle
// connections kept for every goroutine).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func main() {
	var (
		serveBin    = flag.String("serve", "", "the trainingjob binary to run as serve (required)")
		motoCmd     = flag.String("moto", "moto_server", "moto's server command; empty skips the comparison")
		rssAt       = flag.String("rss", "10000,100000", "comma-separated call counts after which to read serve's RSS; empty skips")
		concurrency = flag.Int("concurrency", 16, "concurrent clients")
		duration    = flag.Duration("duration", 5*time.Second, "length of one throughput run")
		rounds      = flag.Int("rounds", 5, "throughput runs of each server, alternating")
		idle        = flag.Duration("idle", 0, "after the last RSS figure, wait this long and read the RSS again")
	)
	flag.Parse()
	if *serveBin == "" {
		fmt.Fprintln(os.Stderr, "loadgen: -serve BIN is required")
		os.Exit(2)
	}
	if err := run(*serveBin, *motoCmd, *rssAt, *concurrency, *duration, *rounds, *idle); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(serveBin, motoCmd, rssAt string, concurrency int, duration time.Duration, rounds int, idle time.Duration) error {
	ctx := context.Background()
	if rssAt != "" {
		var marks []int
		for _, s := range strings.Split(rssAt, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				return fmt.Errorf("-rss: %q is not a positive count", s)
			}
			marks = append(marks, n)
		}
		slices.Sort(marks)
		if err := measureRSS(ctx, serveBin, marks, concurrency, idle); err != nil {
			return err
		}
	}
	if rounds > 0 {
		return measureThroughput(ctx, serveBin, motoCmd, concurrency, duration, rounds)
	}
	return nil
}

// server is a child process serving SageMaker's API on loopback.
type server struct {
	name     string
	cmd      *exec.Cmd
	endpoint string
	client   *sagemaker.Client
}

var endpointLine = regexp.MustCompile(`listening on (http://\S+) `)

// startServe runs bin serve --quiet on a free loopback port.
func startServe(bin string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--quiet", "--addr", "127.0.0.1:0")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s serve: %w", bin, err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := endpointLine.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return newServer("serve", cmd, m[1]), nil
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return nil, fmt.Errorf("%s serve printed no endpoint", bin)
}

// startMoto runs moto's server on a free loopback port and waits until it
// answers.
func startMoto(command string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(command, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", command, err)
	}
	endpoint := "http://127.0.0.1:" + strconv.Itoa(port)
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return newServer("moto", cmd, endpoint), nil
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return nil, fmt.Errorf("%s did not answer on %s within a minute", command, endpoint)
}

func newServer(name string, cmd *exec.Cmd, endpoint string) *server {
	hc := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 256
	})
	client := sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(endpoint), Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDLOADGEN", SecretAccessKey: "secret"}, nil
		}),
		RetryMaxAttempts: 1, Retryer: aws.NopRetryer{}, HTTPClient: hc,
	})
	return &server{name: name, cmd: cmd, endpoint: endpoint, client: client}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

const jobName = "loadgen-job"

// createJob creates the workload's job, with a request both servers take.
func (s *server) createJob(ctx context.Context) error {
	_, err := s.client.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String(jobName),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/LoadgenRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		HyperParameters: map[string]string{"epochs": "10"},
		InputDataConfig: []types.Channel{{
			ChannelName: aws.String("train"),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://loadgen-bucket/train/"),
			}},
		}},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://loadgen-bucket/models/")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1), VolumeSizeInGB: aws.Int32(10)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(3600)},
	})
	if err != nil {
		return fmt.Errorf("%s: CreateTrainingJob: %w", s.name, err)
	}
	return nil
}

// describe runs calls DescribeTrainingJob calls, or as many as fit before
// stop closes when calls is 0, from concurrency goroutines, and returns the
// number made.
func (s *server) describe(ctx context.Context, concurrency int, calls int64, stop <-chan struct{}) (int64, error) {
	var made atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	in := &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(jobName)}
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if calls > 0 && made.Add(1) > calls {
					made.Add(-1)
					return
				}
				if stop != nil {
					select {
					case <-stop:
						return
					default:
					}
				}
				out, err := s.client.DescribeTrainingJob(ctx, in)
				if err == nil && aws.ToString(out.TrainingJobName) != jobName {
					err = fmt.Errorf("described %q, not %q", aws.ToString(out.TrainingJobName), jobName)
				}
				if err != nil {
					once.Do(func() { firstErr = fmt.Errorf("%s: DescribeTrainingJob: %w", s.name, err) })
					return
				}
				if calls == 0 {
					made.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return made.Load(), firstErr
}

// cpuSeconds returns the CPU time (user and system) process pid has used,
// from /proc/PID/stat, or -1 when it cannot be read.
func cpuSeconds(pid int) float64 {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// The fields after the command name, which is in parentheses.
	i := strings.LastIndexByte(string(stat), ')')
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseFloat(fields[11], 64)
	stime, err2 := strconv.ParseFloat(fields[12], 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return (utime + stime) / 100 // clock ticks; 100 a second on Linux
}

// rssKB reads VmRSS of process pid from /proc, in kB.
func rssKB(pid int) (int, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, errors.New("no VmRSS line in /proc/PID/status")
}

func measureRSS(ctx context.Context, bin string, marks []int, concurrency int, idle time.Duration) error {
	srv, err := startServe(bin)
	if err != nil {
		return err
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	report := func(label string) error {
		kb, err := rssKB(pid)
		if err != nil {
			return err
		}
		fmt.Printf("  %-28s %8.1f MB\n", label, float64(kb)/1024)
		return nil
	}
	fmt.Printf("RSS of %s serve --quiet (pid %d), DescribeTrainingJob from %d clients:\n", bin, pid, concurrency)
	if err := report("at start"); err != nil {
		return err
	}
	if err := srv.createJob(ctx); err != nil {
		return err
	}
	done := 0
	for _, m := range marks {
		began := time.Now()
		if _, err := srv.describe(ctx, concurrency, int64(m-done), nil); err != nil {
			return err
		}
		rate := float64(m-done) / time.Since(began).Seconds()
		done = m
		if err := report(fmt.Sprintf("after %d calls", m)); err != nil {
			return err
		}
		fmt.Printf("  %-28s %8.0f calls/s\n", "", rate)
	}
	if idle > 0 {
		time.Sleep(idle)
		if err := report(fmt.Sprintf("after %v idle", idle)); err != nil {
			return err
		}
	}
	return nil
}

func measureThroughput(ctx context.Context, serveBin, motoCmd string, concurrency int, duration time.Duration, rounds int) error {
	servers := []*server{}
	srv, err := startServe(serveBin)
	if err != nil {
		return err
	}
	defer srv.stop()
	servers = append(servers, srv)
	if motoCmd != "" {
		moto, err := startMoto(motoCmd)
		if err != nil {
			return err
		}
		defer moto.stop()
		servers = append(servers, moto)
	}
	for _, s := range servers {
		if err := s.createJob(ctx); err != nil {
			return err
		}
		// Warm up: connections opened, code paths run once.
		if _, err := s.describe(ctx, concurrency, int64(concurrency)*10, nil); err != nil {
			return err
		}
	}
	fmt.Printf("DescribeTrainingJob throughput, %d clients, %v per run, %d rounds (servers alternating):\n", concurrency, duration, rounds)
	rates := make([][]float64, len(servers))
	cpuPerCall := make([][2][]float64, len(servers)) // server's, loadgen's; µs a call
	for r := range rounds {
		line := fmt.Sprintf("  round %d:", r+1)
		for i, s := range servers {
			stop := make(chan struct{})
			timer := time.AfterFunc(duration, func() { close(stop) })
			srvCPU, ownCPU := cpuSeconds(s.cmd.Process.Pid), cpuSeconds(os.Getpid())
			began := time.Now()
			n, err := s.describe(ctx, concurrency, 0, stop)
			timer.Stop()
			if err != nil {
				return err
			}
			rate := float64(n) / time.Since(began).Seconds()
			rates[i] = append(rates[i], rate)
			if srvCPU >= 0 && ownCPU >= 0 && n > 0 {
				cpuPerCall[i][0] = append(cpuPerCall[i][0], (cpuSeconds(s.cmd.Process.Pid)-srvCPU)/float64(n)*1e6)
				cpuPerCall[i][1] = append(cpuPerCall[i][1], (cpuSeconds(os.Getpid())-ownCPU)/float64(n)*1e6)
			}
			line += fmt.Sprintf(" %s %.0f calls/s", s.name, rate)
		}
		if len(servers) == 2 {
			line += fmt.Sprintf(" (ratio %.1f)", rates[0][r]/rates[1][r])
		}
		fmt.Println(line)
	}
	for i, s := range servers {
		fmt.Printf("  median %-6s %8.0f calls/s", s.name, median(rates[i]))
		if len(cpuPerCall[i][0]) > 0 {
			fmt.Printf("; CPU a call: server %.0f µs, client (loadgen) %.0f µs", median(cpuPerCall[i][0]), median(cpuPerCall[i][1]))
		}
		fmt.Println()
	}
	if len(servers) == 2 {
		ratios := make([]float64, rounds)
		for r := range ratios {
			ratios[r] = rates[0][r] / rates[1][r]
		}
		fmt.Printf("  serve/moto: ratio of medians %.1f, median of the rounds' ratios %.1f\n",
			median(rates[0])/median(rates[1]), median(ratios))
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
