package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
)

const logsUsage = `Usage: trainingjob logs [OPTIONS] NAME

Prints what the instances of the training job NAME wrote to CloudWatch Logs
(log group /aws/sagemaker/TrainingJobs, one stream per instance and per
start), merged in time order, each line after its instance's name:

  [algo-1] epoch 3/30 done
  [algo-2] epoch 3/30 done

The name is coloured on a terminal. --since starts at a time, given as a
duration before now (10m, 2h) or an RFC 3339 time (2024-03-08T10:00:00Z).
--follow keeps reading as the job writes, the streams of instances that
start later included, until the job has ended and every line is printed;
without it, logs prints what there is and exits. When the job has no log
streams yet, logs says so on standard error.

Credentials, region and endpoint are found as for 'trainingjob watch'; to
read the logs of a job on 'trainingjob serve':

  trainingjob logs --endpoint-url http://127.0.0.1:8080 --no-sign-request --region us-east-1 NAME

Options:

Exit status:
  0    the lines were printed (none, when the job has not written any yet)
  2    usage error, or the logs could not be read (no such job, no region
       or credentials, the endpoint cannot be reached, ...)
  130  interrupted by Ctrl-C or SIGTERM
`

// logsOptions are the flags of the logs command.
type logsOptions struct {
	aws           awsFlags
	since         sinceFlag
	follow        bool
	poll, maxPoll time.Duration
	out           outputFlags
}

func (o *logsOptions) register(fs *flag.FlagSet) {
	o.aws.register(fs)
	fs.Var(&o.since, "since", "start at `WHEN`: a duration before now, such as 10m, or an RFC 3339 time")
	fs.BoolVar(&o.follow, "follow", false, "keep printing new lines until the job has ended")
	fs.DurationVar(&o.poll, "poll", logs.DefaultMinPollDelay, "with --follow, wait `DURATION` after a poll that brought lines")
	fs.DurationVar(&o.maxPoll, "max-poll", logs.DefaultMaxPollDelay, "with --follow, longest wait between two polls, a `DURATION`")
	o.out.registerColor(fs)
}

// sinceFlag is --since: a duration before now, or a time.
type sinceFlag struct {
	ago time.Duration
	at  time.Time
}

func (f *sinceFlag) String() string {
	switch {
	case f.ago > 0:
		return f.ago.String()
	case !f.at.IsZero():
		return f.at.Format(time.RFC3339Nano)
	}
	return ""
}

func (f *sinceFlag) Set(s string) error {
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		f.ago, f.at = d, time.Time{}
		return nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		f.ago, f.at = 0, t.UTC()
		return nil
	}
	return errors.New("want a positive duration such as 10m or 2h, or an RFC 3339 time such as 2024-03-08T10:00:00Z")
}

// time is the moment --since names, now being now; zero when unset.
func (f *sinceFlag) time(now time.Time) time.Time {
	if f.ago > 0 {
		return now.Add(-f.ago)
	}
	return f.at
}

func runLogs(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("logs")
	var o logsOptions
	o.register(fs)
	pos, err := parseFlags(fs, args, logsUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	if len(pos) != 1 {
		return usageErrorf("logs", "want one training job NAME, got %d arguments", len(pos))
	}
	name := pos[0]
	if o.poll <= 0 {
		return usageErrorf("logs", "--poll must be positive")
	}
	if o.maxPoll < o.poll {
		if isFlagSet(fs, "max-poll") {
			return usageErrorf("logs", "--max-poll %v is shorter than --poll %v", o.maxPoll, o.poll)
		}
		o.maxPoll = o.poll
	}
	if err := o.aws.check("logs"); err != nil {
		return err
	}
	cfg, err := o.aws.load(ctx, "logs")
	if err != nil {
		return err
	}
	cw, sm := o.aws.cloudWatchLogs(cfg), o.aws.sageMaker(cfg)
	where := o.aws.where(cfg)
	con := &console{w: stdout}
	f := &feed{out: con, st: o.out.style(stdout), stderr: stderr, cmd: "logs", endpoint: o.aws.endpoint}
	opts := []logs.Option{logs.WithPollDelay(o.poll, o.maxPoll)}
	if since := o.since.time(time.Now()); !since.IsZero() {
		opts = append(opts, logs.WithSince(since))
	}

	if o.follow {
		err = f.watch(ctx, cw, sm, name, opts...)
	} else {
		err = printLogs(ctx, cw, sm, name, f, opts)
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return exitf(exitInterrupted, "logs: interrupted")
	case errors.Is(err, trainingjob.ErrJobNotFound):
		return exitf(exitUsage, "logs: no training job %s in %s", name, where)
	}
	return exitf(exitUsage, "logs: %s", callFailure(err, o.aws.endpoint))
}

// printLogs prints what the job's streams hold now. When they hold
// nothing, it asks SageMaker about the job, to tell a job that has not
// started from one that does not exist.
func printLogs(ctx context.Context, cw logs.Client, sm sagemaker.DescribeTrainingJobAPIClient, name string, f *feed, opts []logs.Option) error {
	opts = append(opts, logs.WithNoticeHandler(f.notice))
	lines, err := logs.Read(ctx, cw, name, opts...)
	if errors.Is(err, logs.ErrNoLogGroup) || errors.Is(err, logs.ErrNoStreams) {
		out, derr := sm.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
		switch {
		case derr != nil && trainingjob.IsNotFound(derr):
			return fmt.Errorf("%w: %w", trainingjob.ErrJobNotFound, derr)
		case derr != nil:
			return derr
		}
		job := trainingjob.FromDescribeOutput(out)
		why := "its instances have not started"
		switch {
		case job.IsTerminal():
			why = "it ended before its instances started"
		case job.SecondaryStatus == trainingjob.SecondaryStatusTraining:
			// The container has started; its first lines take a moment
			// to become readable.
			why = "its first lines have not reached CloudWatch Logs yet"
		}
		statuses := string(job.TrainingJobStatus)
		if job.SecondaryStatus != "" {
			statuses += " / " + string(job.SecondaryStatus)
		}
		fmt.Fprintf(f.stderr, "trainingjob: logs: training job %s (%s) has no log streams: %s\n", name, clean(statuses, false), why)
		if errors.Is(err, logs.ErrNoLogGroup) {
			fmt.Fprintf(f.stderr, "trainingjob: logs: the log group %s does not exist yet in this region\n", logs.LogGroup)
		}
		return nil
	}
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(instanceLine(l, f.st))
		b.WriteByte('\n')
	}
	_, err = io.WriteString(f.out.w, b.String())
	return err
}
