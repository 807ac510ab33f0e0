package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

var endpointLine = regexp.MustCompile(`listening on (http://\S+) `)

func TestServeRefusesRemoteAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "[::]:8080", "192.168.1.10:8080", "example.com:8080"} {
		r := runCLI(t, nil, "", "serve", "--addr", addr)
		assert.Equal(t, exitUsage, r.code, addr)
		assert.Contains(t, r.stderr, "refusing to listen on "+addr, addr)
		assert.Contains(t, r.stderr, "--allow-remote", addr)
		assert.Empty(t, r.stdout, addr)
	}
	for _, args := range [][]string{
		{"serve", "--addr", "8080"},
		{"serve", "--speed", "0"},
		{"serve", "--account", "12345"},
		{"serve", "extra"},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
	}
	for _, host := range []string{"127.0.0.1", "127.0.0.2", "::1", "localhost", "LocalHost"} {
		assert.True(t, isLoopback(host), host)
	}
	for _, host := range []string{"", "0.0.0.0", "::", "10.0.0.1", "example.com", "localhost.example.com"} {
		assert.False(t, isLoopback(host), host)
	}
}

// startServe runs serve in the background until the returned function is
// called, and returns its endpoint URL.
func startServe(t *testing.T, args ...string) (endpoint string, stop func() result) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), strings.NewReader(""), &stdout, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := endpointLine.FindStringSubmatch(stdout.String()); m != nil {
			endpoint = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve ended early: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "serve did not print its endpoint: %s", stdout.String())
		time.Sleep(5 * time.Millisecond)
	}
	return endpoint, func() result {
		cancel()
		err := <-done
		var errOut syncBuffer
		code := exitCode(err, &errOut)
		return result{stdout.String(), stderr.String() + errOut.String(), code}
	}
}

func TestServe(t *testing.T) {
	isolateAWS(t)
	endpoint, stop := startServe(t, "--addr", "127.0.0.1:0", "--speed", "100000", "--demo-job")
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, endpoint)

	// aws-sdk-go-v2 pointed at the endpoint.
	client := sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(endpoint), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
	})
	out, err := client.ListTrainingJobs(context.Background(), &sagemaker.ListTrainingJobsInput{})
	require.NoError(t, err)
	require.Len(t, out.TrainingJobSummaries, 1)
	assert.Equal(t, "resnet50-spot-demo", aws.ToString(out.TrainingJobSummaries[0].TrainingJobName))

	// watch, as the usage text suggests, follows the demo job to its end
	// (55 minutes at 100,000 times real time: 33 ms).
	r := runCLI(t, nil, "", "watch", "--endpoint-url", endpoint, "--no-sign-request", "--region", "us-east-1",
		"--poll", "1ms", "--max-poll", "5ms", "resnet50-spot-demo")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Interrupted - ")
	assert.Contains(t, r.stdout, "Outcome: Succeeded")

	res := stop()
	assert.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Created training job resnet50-spot-demo.\n")
	assert.Contains(t, res.stdout, "aws sagemaker list-training-jobs --endpoint-url "+endpoint+" --no-sign-request --region us-east-1\n")
	assert.True(t, strings.HasSuffix(res.stdout, "Stopped.\n"), res.stdout)
	assert.Contains(t, res.stderr, "ListTrainingJobs 200")
	assert.Contains(t, res.stderr, "DescribeTrainingJob 200")
}

func TestServeAllowRemote(t *testing.T) {
	endpoint, stop := startServe(t, "--addr", "0.0.0.0:0", "--allow-remote", "--quiet")
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, endpoint, "a client on this machine connects through loopback")
	client := sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(endpoint), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
	})
	_, err := client.ListTrainingJobs(context.Background(), &sagemaker.ListTrainingJobsInput{})
	require.NoError(t, err)
	res := stop()
	assert.Equal(t, exitOK, res.code)
	assert.Empty(t, res.stderr, "--quiet logs no requests")
}

func TestServeAddressInUse(t *testing.T) {
	endpoint, stop := startServe(t, "--addr", "127.0.0.1:0", "--quiet")
	defer stop()
	r := runCLI(t, nil, "", "serve", "--addr", strings.TrimPrefix(endpoint, "http://"))
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "address already in use")
	assert.Contains(t, r.stderr, "pick another with --addr 127.0.0.1:PORT, or --addr 127.0.0.1:0 for a free one")
}

// TestServeBinaryWithAWSCLI runs serve as a separate process, lists its
// jobs with the AWS CLI, and stops it with SIGINT.
//
// By default the process is this test binary run as the command (see
// TestMain): the same main, signal handling and output, without a build,
// which with the race detector takes longer than the rest of the
// package's tests together. TRAININGJOB_ALL_ORACLES=1 also builds the
// command with go build and runs that binary.
func TestServeBinaryWithAWSCLI(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT, which Windows does not have")
	}
	awsPath, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI (aws) is not on PATH; install it to run this test")
	}
	t.Run("test binary", func(t *testing.T) {
		exe, err := os.Executable()
		require.NoError(t, err)
		serveBinaryWithAWSCLI(t, awsPath, exe, runAsCommandEnv+"=1")
	})
	t.Run("go build", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds the binary; skipped with -short")
		}
		testenv.SkipUnlessAllOracles(t, "building the command takes longer than running it as the test binary")
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		bin := filepath.Join(t.TempDir(), "trainingjob")
		args := []string{"build", "-o", bin}
		if raceEnabled {
			args = append(args, "-race")
		}
		build := exec.Command(goTool, append(args, ".")...)
		if msg, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, msg)
		}
		serveBinaryWithAWSCLI(t, awsPath, bin)
	})
}

// serveBinaryWithAWSCLI runs `bin serve --demo-job`, with extraEnv added to
// its environment, lists its jobs with the AWS CLI at awsPath, and stops it
// with SIGINT.
func serveBinaryWithAWSCLI(t *testing.T, awsPath, bin string, extraEnv ...string) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--demo-job", "--speed", "600")
	srv.Env = append(os.Environ(), extraEnv...)
	stdout, err := srv.StdoutPipe()
	require.NoError(t, err)
	var stderr syncBuffer
	srv.Stderr = &stderr
	require.NoError(t, srv.Start())
	defer srv.Process.Kill()

	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var endpoint string
	var seen []string
	for endpoint == "" {
		select {
		case l, ok := <-lines:
			require.True(t, ok, "serve exited before printing its endpoint: %q, stderr %s", seen, stderr.String())
			seen = append(seen, l)
			if m := endpointLine.FindStringSubmatch(l); m != nil {
				endpoint = m[1]
			}
		case <-ctx.Done():
			t.Fatalf("serve printed no endpoint: %q", seen)
		}
	}

	config := filepath.Join(dir, "aws-config")
	require.NoError(t, os.WriteFile(config, []byte("[default]\nregion = us-east-1\noutput = json\n"), 0o600))
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	env = append(env, "AWS_CONFIG_FILE="+config, "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "no-credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=")
	cli := exec.CommandContext(ctx, awsPath, "sagemaker", "list-training-jobs",
		"--endpoint-url", endpoint, "--no-sign-request", "--region", "us-east-1")
	cli.Env = env
	out, err := cli.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("aws sagemaker list-training-jobs: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	var listed struct {
		TrainingJobSummaries []struct {
			TrainingJobName, TrainingJobStatus string
		}
	}
	require.NoError(t, json.Unmarshal(out, &listed), string(out))
	require.Len(t, listed.TrainingJobSummaries, 1, string(out))
	assert.Equal(t, "resnet50-spot-demo", listed.TrainingJobSummaries[0].TrainingJobName)
	assert.Equal(t, "InProgress", listed.TrainingJobSummaries[0].TrainingJobStatus)

	// A job created through the CLI with the scenario tag fails in
	// Training, in real time: its stamps are instants already past when
	// the CLI reads them, and --creation-time-before now finds it.
	aws := func(args ...string) map[string]any {
		t.Helper()
		cmd := exec.CommandContext(ctx, awsPath, append(append([]string{"sagemaker"}, args...),
			"--endpoint-url", endpoint, "--no-sign-request", "--region", "us-east-1")...)
		cmd.Env = env
		out, err := cmd.Output()
		if errors.As(err, &ee) {
			t.Fatalf("aws sagemaker %s: %v\n%s", args[0], err, ee.Stderr)
		}
		require.NoError(t, err)
		var v map[string]any
		require.NoError(t, json.Unmarshal(out, &v), string(out))
		return v
	}
	aws("create-training-job", "--training-job-name", "tagged-fail",
		"--role-arn", "arn:aws:iam::123456789012:role/Tests",
		"--algorithm-specification", `{"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/t:1", "TrainingInputMode": "File"}`,
		"--output-data-config", `{"S3OutputPath": "s3://tests/out"}`,
		"--resource-config", `{"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10}`,
		"--stopping-condition", `{"MaxRuntimeInSeconds": 3600}`,
		"--tags", `[{"Key": "trainingjobtest:scenario", "Value": "fail=Training reason=AlgorithmError training=1m"}]`)
	var job map[string]any
	for deadline := time.Now().Add(15 * time.Second); ; {
		job = aws("describe-training-job", "--training-job-name", "tagged-fail")
		if job["TrainingJobStatus"] != "InProgress" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	now := float64(time.Now().UnixMilli()) / 1000
	assert.Equal(t, "Failed", job["TrainingJobStatus"])
	assert.Equal(t, "Failed", job["SecondaryStatus"])
	assert.Contains(t, job["FailureReason"], "AlgorithmError")
	assert.Equal(t, false, job["EnableNetworkIsolation"], "the service always sends the three Enable* members")
	assert.Equal(t, false, job["EnableManagedSpotTraining"])
	assert.Equal(t, false, job["EnableInterContainerTrafficEncryption"])
	for _, key := range []string{"CreationTime", "TrainingStartTime", "TrainingEndTime", "LastModifiedTime"} {
		stamp, ok := job[key].(float64)
		require.True(t, ok, "%s: %v", key, job[key])
		assert.LessOrEqual(t, stamp, now, "%s is not ahead of the wall clock", key)
		assert.Greater(t, stamp, now-60, "%s is a recent real instant", key)
	}
	// Starting (2m), Downloading (1m) and Training (1m) at 600× take 0.4 s.
	end, start := job["TrainingEndTime"].(float64), job["CreationTime"].(float64)
	assert.InDelta(t, 0.4, end-start, 0.01, "the phases are 600 times shorter")
	listed = struct {
		TrainingJobSummaries []struct {
			TrainingJobName, TrainingJobStatus string
		}
	}{}
	b, _ := json.Marshal(aws("list-training-jobs", "--creation-time-before", strconv.FormatFloat(now, 'f', 3, 64)))
	require.NoError(t, json.Unmarshal(b, &listed))
	var names []string
	for _, s := range listed.TrainingJobSummaries {
		names = append(names, s.TrainingJobName)
	}
	assert.Contains(t, names, "tagged-fail", "a job created a moment ago is created before now")

	require.NoError(t, srv.Process.Signal(os.Interrupt))
	for l := range lines {
		seen = append(seen, l)
	}
	err = srv.Wait()
	require.NoError(t, err, "serve exits 0 on SIGINT; stderr: %s", stderr.String())
	assert.Equal(t, "Stopped.", seen[len(seen)-1])
	assert.Contains(t, stderr.String(), "ListTrainingJobs 200")
}

// serve's --scenarios rules and --max-instances quota, through
// aws-sdk-go-v2: a job the rules match fails as its rule says, and a job
// past the quota is refused with the service's ResourceLimitExceeded.
func TestServeScenariosAndQuota(t *testing.T) {
	isolateAWS(t)
	rules := filepath.Join(t.TempDir(), "rules.json")
	require.NoError(t, os.WriteFile(rules, []byte(`[{"name": "oom-*", "scenario": "fail=Training reason=AlgorithmError"}]`), 0o600))
	endpoint, stop := startServe(t, "--addr", "127.0.0.1:0", "--quiet", "--speed", "100000", "--max-instances", "2", "--scenarios", rules)
	defer stop()
	client := sagemaker.New(sagemaker.Options{BaseEndpoint: aws.String(endpoint), Region: "us-east-1", Credentials: aws.AnonymousCredentials{}})
	ctx := context.Background()
	create := func(name string, instances int32) error {
		_, err := client.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
			TrainingJobName:        aws.String(name),
			RoleArn:                aws.String("arn:aws:iam::123456789012:role/Tests"),
			AlgorithmSpecification: &types.AlgorithmSpecification{TrainingImage: aws.String("img:1"), TrainingInputMode: types.TrainingInputModeFile},
			OutputDataConfig:       &types.OutputDataConfig{S3OutputPath: aws.String("s3://tests/out")},
			ResourceConfig:         &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(instances), VolumeSizeInGB: aws.Int32(10)},
			StoppingCondition:      &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(3600)},
		})
		return err
	}
	require.NoError(t, create("oom-1", 2))
	err := create("second", 1)
	var limit *types.ResourceLimitExceeded
	require.ErrorAs(t, err, &limit, "2 instances run, the quota is 2")
	assert.Contains(t, limit.ErrorMessage(), "is 2 Instances, with current utilization of 2 Instances and a request delta of 1 Instances")

	var job *sagemaker.DescribeTrainingJobOutput
	require.Eventually(t, func() bool {
		job, err = client.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("oom-1")})
		return err == nil && job.TrainingJobStatus == types.TrainingJobStatusFailed
	}, 10*time.Second, 10*time.Millisecond)
	assert.True(t, strings.HasPrefix(aws.ToString(job.FailureReason), "AlgorithmError"), aws.ToString(job.FailureReason))
	require.NoError(t, create("second", 1), "a finished job holds no instances")

	for _, bad := range [][]string{{"--max-instances", "-1"}, {"--scenarios", filepath.Join(t.TempDir(), "missing.json")}} {
		r := runCLI(t, nil, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, bad...)...)
		assert.Equal(t, exitUsage, r.code, bad)
		assert.Contains(t, r.stderr, bad[0], bad)
	}
}
