package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
)

const watchUsage = `Usage: trainingjob watch [OPTIONS] NAME

Follows the training job NAME until it ends: one progress line for every new
entry of its history, such as

  2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.

and its outcome at the end. It calls DescribeTrainingJob, 10 seconds after
a change and up to 2 minutes apart while nothing changes. A call that fails
with throttling, a server error or a network error is reported on standard
error at once, with when it is tried again; the watch gives up after 6
such failures in a row. Credentials and region come from the standard AWS
configuration (environment, shared config and credentials files, SSO,
instance roles); the options below override it. Missing credentials or
region are reported before the first call, with the fix.

With --logs, the lines every instance of the job writes to CloudWatch Logs
are printed too, in time order with the progress lines, as 'trainingjob
logs --follow' prints them; a line on standard error says when the job has
no log streams yet, and when an instance starts.

Ctrl-C stops watching; the job itself keeps running.

To follow a job on 'trainingjob serve':

  trainingjob watch --endpoint-url http://127.0.0.1:8080 --no-sign-request --region us-east-1 NAME

Options:

Exit status, by the job's outcome:
  0    Succeeded (TrainingJobStatus Completed)
  1    Failed
  2    usage error, or the job could not be followed (no such job, no
       region or credentials, the endpoint cannot be reached, ...)
  3    stopped: StoppedByUser, MaxRuntimeExceeded or MaxWaitTimeExceeded
  4    another ending: deleted while being watched, or an unknown status
  130  interrupted by Ctrl-C or SIGTERM
`

// watchOptions are watch's flags.
type watchOptions struct {
	aws           awsFlags
	inspect, logs bool
	poll, maxPoll time.Duration
	out           outputFlags
}

func (o *watchOptions) register(fs *flag.FlagSet) {
	o.aws.register(fs)
	fs.DurationVar(&o.poll, "poll", trainingjob.DefaultMinPollDelay, "wait `DURATION` after a change before the next call")
	fs.DurationVar(&o.maxPoll, "max-poll", trainingjob.DefaultMaxPollDelay, "longest wait between two calls, a `DURATION`")
	fs.BoolVar(&o.inspect, "inspect", false, "print the inspect view of the job at the end")
	fs.BoolVar(&o.logs, "logs", false, "print the lines of every instance's CloudWatch log too, in time order with the progress lines")
	o.out.register(fs)
}

func runWatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("watch")
	var o watchOptions
	o.register(fs)
	pos, err := parseFlags(fs, args, watchUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	poll, maxPoll, out := o.poll, o.maxPoll, o.out
	if len(pos) != 1 {
		return usageErrorf("watch", "want one training job NAME, got %d arguments", len(pos))
	}
	name := pos[0]
	if poll <= 0 {
		return usageErrorf("watch", "--poll must be positive")
	}
	if maxPoll < poll {
		if isFlagSet(fs, "max-poll") {
			return usageErrorf("watch", "--max-poll %v is shorter than --poll %v", maxPoll, poll)
		}
		maxPoll = poll
	}
	if err := o.aws.check("watch"); err != nil {
		return err
	}
	cfg, err := o.aws.load(ctx, "watch")
	if err != nil {
		return err
	}
	endpoint := o.aws.endpoint
	client := o.aws.sageMaker(cfg)

	st := out.style(stdout)
	where := o.aws.where(cfg)
	fmt.Fprintf(stderr, "Watching training job %s in %s. Ctrl-C stops watching; the job keeps running.\n", name, where)
	con := &console{w: stdout}
	var last *trainingjob.TrainingJob
	var outcome trainingjob.Outcome
	if o.logs {
		f := &feed{out: con, st: st, stderr: stderr, cmd: "watch", endpoint: endpoint, statuses: true}
		err = f.watch(ctx, o.aws.cloudWatchLogs(cfg), client, name, logs.WithPollDelay(min(poll, logs.DefaultMinPollDelay), min(maxPoll, logs.DefaultMaxPollDelay)))
		last, outcome = f.last, f.outcome
	} else {
		last, outcome, err = follow(ctx, client, name, con, st, trainingjob.WithPollDelay(poll, maxPoll),
			trainingjob.WithRetryHandler(retryNotice(stderr, endpoint)))
	}
	if err != nil {
		if ctx.Err() != nil {
			was := ""
			if last != nil && last.TrainingJobStatus != "" {
				was = fmt.Sprintf(" (last seen %s / %s)", last.TrainingJobStatus, last.SecondaryStatus)
			}
			return exitf(exitInterrupted, "watch: interrupted; training job %s keeps running%s", name, was)
		}
		if errors.Is(err, trainingjob.ErrJobNotFound) {
			return exitf(exitUsage, "watch: no training job %s in %s", name, where)
		}
		return exitf(exitUsage, "watch: gave up: %s", callFailure(err, endpoint))
	}
	con.println(outcomeLine(last, outcome, st))
	if o.inspect {
		fmt.Fprintln(stdout)
		renderText(stdout, newReport("DescribeTrainingJob", &trainingjob.Document{Form: trainingjob.FormDescribe, Job: *last}, time.Time{}, false), st)
	}
	if code := outcomeExitCode(outcome); code != exitOK {
		return &exitError{Code: code}
	}
	return nil
}

// isFlagSet reports whether the command line set the flag called name.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// credentialsTimeout bounds the search for credentials, which may try an
// instance metadata service that is not there.
const credentialsTimeout = 20 * time.Second

// checkCredentials looks for credentials before the first call, so that
// a machine without any gets one line saying how to provide them instead
// of a retried failure deep in an SDK error.
func checkCredentials(ctx context.Context, cmd string, cfg aws.Config) error {
	if cfg.Credentials == nil {
		return exitf(exitUsage, "%s: no AWS credentials: %s", cmd, credentialsFix)
	}
	cctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return exitf(exitUsage, "%s: no usable AWS credentials (%s): %s", cmd, credentialsReason(err), credentialsFix)
	}
	return nil
}

// credentialsFix is what to do when no credentials are found.
const credentialsFix = "set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; " +
	"for a local fake such as 'trainingjob serve', which checks no signature, pass --no-sign-request"

// credentialsReason shortens the SDK's account of a failed credential
// search to its first clause, such as "no EC2 IMDS role found".
func credentialsReason(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "failed to refresh cached credentials, ")
	if i := strings.Index(msg, ", operation error"); i > 0 {
		msg = msg[:i]
	}
	return msg
}

// retryNotice returns the retry handler of the watch command: it prints
// each failure the watch is about to retry, at once, with when it will try
// again and how many more failures it will take.
func retryNotice(stderr io.Writer, endpoint string) func(trainingjob.Retry) error {
	return func(r trainingjob.Retry) error {
		fmt.Fprintf(stderr, "trainingjob: watch: DescribeTrainingJob failed: %s; retrying in %s (failure %d; the watch gives up after %d in a row)\n",
			callFailure(r.Err, endpoint), r.Wait.Round(time.Second), r.Failures, r.MaxRetries+1)
		return nil
	}
}

// callFailure says why a DescribeTrainingJob call failed in the fewest
// words that still name the cause: the network error when the request
// could not be sent (with a hint when an --endpoint-url was given), the
// service's code and message when it answered with an error, the whole
// error otherwise.
func callFailure(err error, endpoint string) string {
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		msg := opErr.Error()
		if endpoint != "" && errors.Is(err, syscall.ECONNREFUSED) {
			msg += " (is anything listening at " + endpoint + "?)"
		}
		return msg
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode() + ": " + apiErr.ErrorMessage()
	}
	return libMessage(err)
}
