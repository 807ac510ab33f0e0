package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

const demoUsage = `Usage: trainingjob demo [OPTIONS]

Shows what this project does without an AWS account: it starts a fake
SageMaker inside the process, creates a realistic training job on it (a
managed spot job on two GPU instances whose capacity is reclaimed once
during training), follows it live through its phases on an accelerated
clock, printing a progress line per phase, and then prints the inspect view
of the finished job. Nothing is sent over the network.

Options:

Exit status:
  0    the job was followed to its end
  2    usage error
  130  interrupted by Ctrl-C or SIGTERM
`

// defaultDemoSpeed makes the demo job's 52 minutes pass in about 3.5
// seconds.
const defaultDemoSpeed = 900

// demoScenario is the demo job's life: a managed spot job that waits for
// capacity, trains, loses its instances for five minutes 14 minutes into
// training, starts again from its checkpoint and completes.
func demoScenario() trainingjobtest.Scenario {
	return trainingjobtest.Scenario{
		Starting:      2 * time.Minute,
		Pending:       3 * time.Minute,
		Downloading:   90 * time.Second,
		Training:      36 * time.Minute,
		Uploading:     time.Minute,
		Interruptions: []trainingjobtest.Interruption{{At: 14 * time.Minute, Lasts: 5 * time.Minute}},
	}
}

// demoCreateInput is the request that creates the demo job, as an ML
// engineer would send it.
func demoCreateInput(name string) *sagemaker.CreateTrainingJobInput {
	const bucket = "s3://acme-vision-123456789012"
	channel := func(ch string) types.Channel {
		return types.Channel{
			ChannelName: aws.String(ch),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType:             types.S3DataTypeS3Prefix,
				S3Uri:                  aws.String(bucket + "/datasets/imagenet-1k/" + ch + "/"),
				S3DataDistributionType: types.S3DataDistributionFullyReplicated,
			}},
			InputMode: types.TrainingInputModeFastfile,
		}
	}
	return &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String(name),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/service-role/SageMakerExecutionRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker"),
			TrainingInputMode: types.TrainingInputModeFastfile,
			MetricDefinitions: []types.MetricDefinition{
				{Name: aws.String("val:top1"), Regex: aws.String(`Acc@1 ([0-9.]+)`)},
				{Name: aws.String("train:loss"), Regex: aws.String(`Loss ([0-9.]+)`)},
			},
		},
		HyperParameters: map[string]string{
			"arch": "resnet50", "epochs": "12", "lr": "0.1", "batch-size": "256", "checkpoint-every": "1",
		},
		InputDataConfig:  []types.Channel{channel("train"), channel("val")},
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String(bucket + "/resnet/output")},
		ResourceConfig: &types.ResourceConfig{
			InstanceType:   types.TrainingInstanceTypeMlG512xlarge,
			InstanceCount:  aws.Int32(2),
			VolumeSizeInGB: aws.Int32(200),
		},
		StoppingCondition: &types.StoppingCondition{
			MaxRuntimeInSeconds:  aws.Int32(4 * 3600),
			MaxWaitTimeInSeconds: aws.Int32(8 * 3600),
		},
		EnableManagedSpotTraining: aws.Bool(true),
		CheckpointConfig: &types.CheckpointConfig{
			S3Uri:     aws.String(bucket + "/resnet/checkpoints/" + name),
			LocalPath: aws.String("/opt/ml/checkpoints"),
		},
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("vision")}},
	}
}

// demoOptions are demo's flags.
type demoOptions struct {
	speed speedFlag
	start timeFlag
	name  string
	out   outputFlags
}

func (o *demoOptions) register(fs *flag.FlagSet) {
	o.speed = defaultDemoSpeed
	fs.Var(&o.speed, "speed", "run the job's clock `N` times faster than real time: at 900 the job's "+
		"52 minutes take about 3.5 seconds")
	fs.Var(&o.start, "start", "the job's creation `TIME`, RFC 3339 (default: now)")
	fs.StringVar(&o.name, "name", "resnet50-spot-demo", "the job's `NAME`")
	o.out.register(fs)
}

func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo")
	var o demoOptions
	o.register(fs)
	pos, err := parseFlags(fs, args, demoUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	speed, start, name, out := o.speed, o.start, o.name, o.out
	if len(pos) > 0 {
		return usageErrorf("demo", "unexpected argument %q", pos[0])
	}
	if !start.set {
		start.t = time.Now().UTC().Truncate(time.Second)
	}
	st := out.style(stdout)
	clock := newDemoClock(start.t, float64(speed))
	fake := trainingjobtest.NewFake(
		trainingjobtest.WithFakeClock(clock),
		trainingjobtest.WithJobScenario(name, demoScenario()),
	)
	in := demoCreateInput(name)
	if _, err := fake.CreateTrainingJob(ctx, in); err != nil {
		if ctx.Err() != nil {
			return exitf(exitInterrupted, "demo: interrupted")
		}
		return usageErrorf("demo", "creating the job: %s", libMessage(err))
	}

	for _, line := range []string{
		st.paint(sgrBold, "trainingjob demo") + ": a fake SageMaker runs inside this process; nothing is sent to AWS.",
		fmt.Sprintf("Created training job %s: %d × %s, managed spot, on a clock running %s× faster than real time.",
			st.paint(sgrBold, name), *in.ResourceConfig.InstanceCount, in.ResourceConfig.InstanceType,
			strconv.FormatFloat(float64(speed), 'f', -1, 64)),
	} {
		fmt.Fprintln(stdout, strings.Join(wrapText(line, st.width), "\n"))
	}
	fmt.Fprintln(stdout)

	con := &console{w: stdout, live: isTerminal(stdout) && st.color}
	var live liveLine
	stopLive := live.start(con, clock, st)
	clock.run()
	last, outcome, err := follow(ctx, fake, name, con, st, demoPollDelay(float64(speed)), trainingjob.WithEventHandler(live.record))
	stopLive()
	if err != nil {
		if ctx.Err() != nil {
			return exitf(exitInterrupted, "demo: interrupted")
		}
		return exitf(exitUsage, "demo: %v", err)
	}
	con.println(outcomeLine(last, outcome, st))
	fmt.Fprintln(stdout)
	doc := &trainingjob.Document{Form: trainingjob.FormDescribe, Job: *last}
	renderText(stdout, newReport("fake SageMaker", doc, time.Time{}, false), st)
	return nil
}

// liveLine keeps a line under the progress lines, on a terminal, that
// shows the job's clock and how long the job has been in its current phase,
// as of the last description the watch received.
type liveLine struct {
	mu  sync.Mutex
	job *trainingjob.TrainingJob
}

// record is a watch event handler that keeps the latest description.
func (l *liveLine) record(ev trainingjob.WatchEvent) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.job = &ev.Job
	return nil
}

// start redraws the line every 100 ms until the returned function is
// called.
func (l *liveLine) start(con *console, clock *demoClock, st style) (stop func()) {
	if !con.live {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				con.setStatus("")
				return
			case <-tick.C:
			}
			l.mu.Lock()
			job := l.job
			l.mu.Unlock()
			if job == nil {
				continue
			}
			now := clock.Now()
			text := "  " + st.paint(sgrDim, now.Format(textTime)) + "  " +
				st.paint(statusColor(string(job.SecondaryStatus)), string(job.SecondaryStatus))
			if cur, ok := job.CurrentTransition(); ok && cur.IsOpen() {
				text += " for " + fmtDuration(now.Sub(cur.StartTime))
			}
			text += st.paint(sgrDim, " · "+fmtDuration(now.Sub(job.CreationTime))+" since creation")
			// A line longer than the terminal would wrap, and the next
			// redraw, which goes back to the start of the line, would
			// leave the first part behind.
			con.setStatus(fitLine(text, st.width-1))
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// demoPollDelay polls the in-process fake at the default delays divided by
// speed, but at least every 100 ms, so that the display keeps up with the
// job.
func demoPollDelay(speed float64) trainingjob.WatchOption {
	minDelay := max(time.Duration(float64(trainingjob.DefaultMinPollDelay)/speed), time.Millisecond)
	maxDelay := max(min(time.Duration(float64(trainingjob.DefaultMaxPollDelay)/speed), 100*time.Millisecond), minDelay)
	return trainingjob.WithPollDelay(minDelay, maxDelay)
}

// demoClock is a trainingjobtest.Clock that stands still at its start
// until run is called, and then runs speed times faster than real time. The
// job is created while it stands still, so that its times do not depend on
// how long set-up took.
type demoClock struct {
	mu      sync.Mutex
	start   time.Time
	speed   float64
	started time.Time // real time when run was called; zero while stopped
}

func newDemoClock(start time.Time, speed float64) *demoClock {
	return &demoClock{start: start, speed: speed}
}

func (c *demoClock) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		c.started = time.Now()
	}
}

// Now returns the clock's time.
func (c *demoClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		return c.start
	}
	elapsed := float64(time.Since(c.started)) * c.speed
	if elapsed > float64(100*365*24*time.Hour) {
		elapsed = float64(100 * 365 * 24 * time.Hour)
	}
	return c.start.Add(time.Duration(elapsed))
}
