package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"

	"github.com/trainingjob-go/trainingjob"
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
	region, profile, endpoint string
	noSign, inspect           bool
	poll, maxPoll             time.Duration
	out                       outputFlags
}

func (o *watchOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.region, "region", "", "the AWS `REGION` (default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's)")
	fs.StringVar(&o.profile, "profile", "", "the shared configuration profile's `NAME` (default: AWS_PROFILE, or \"default\")")
	fs.StringVar(&o.endpoint, "endpoint-url", "", "send requests to `URL` instead of SageMaker's endpoint (default: AWS_ENDPOINT_URL_SAGEMAKER, else AWS_ENDPOINT_URL, else SageMaker's)")
	fs.BoolVar(&o.noSign, "no-sign-request", false, "send unsigned requests; no credentials are looked up")
	fs.DurationVar(&o.poll, "poll", trainingjob.DefaultMinPollDelay, "wait `DURATION` after a change before the next call")
	fs.DurationVar(&o.maxPoll, "max-poll", trainingjob.DefaultMaxPollDelay, "longest wait between two calls, a `DURATION`")
	fs.BoolVar(&o.inspect, "inspect", false, "print the inspect view of the job at the end")
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
	region, profile, endpoint, noSign, inspect := o.region, o.profile, o.endpoint, o.noSign, o.inspect
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
	if endpoint != "" {
		u, err := url.Parse(endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErrorf("watch", "--endpoint-url %q is not an http or https URL", endpoint)
		}
	}

	var loadOpts []func(*config.LoadOptions) error
	if region != "" {
		loadOpts = append(loadOpts, config.WithRegion(region))
	}
	if profile != "" {
		loadOpts = append(loadOpts, config.WithSharedConfigProfile(profile))
	}
	if noSign {
		loadOpts = append(loadOpts, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
	}
	// The SDK's own log lines (such as its notice that it falls back to
	// IMDSv1 while looking for credentials) would land in the middle of
	// the watch's output; what matters of them is in the errors below.
	loadOpts = append(loadOpts, config.WithLogger(logging.Nop{}), config.WithClientLogMode(0))
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return exitf(exitUsage, "watch: loading the AWS configuration: %v", err)
	}
	if cfg.Region == "" {
		return exitf(exitUsage, "watch: no AWS region: pass --region, or set AWS_REGION (or AWS_DEFAULT_REGION), or a region in the profile")
	}
	if !noSign {
		if err := checkCredentials(ctx, cfg); err != nil {
			if ctx.Err() != nil {
				return exitf(exitInterrupted, "watch: interrupted while looking for AWS credentials")
			}
			return err
		}
	}
	client := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		// One attempt per call: the watch retries failures itself, and
		// says so at once (see retryNotice), where the SDK's own retries
		// would keep the first failure quiet for seconds.
		o.RetryMaxAttempts = 1
	})

	st := out.style(stdout)
	where := cfg.Region
	if endpoint != "" {
		where += " at " + endpoint
	}
	fmt.Fprintf(stderr, "Watching training job %s in %s. Ctrl-C stops watching; the job keeps running.\n", name, where)
	con := &console{w: stdout}
	last, outcome, err := follow(ctx, client, name, con, st, trainingjob.WithPollDelay(poll, maxPoll),
		trainingjob.WithRetryHandler(retryNotice(stderr, endpoint)))
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
	if inspect {
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
func checkCredentials(ctx context.Context, cfg aws.Config) error {
	if cfg.Credentials == nil {
		return exitf(exitUsage, "watch: no AWS credentials: %s", credentialsFix)
	}
	cctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return exitf(exitUsage, "watch: no usable AWS credentials (%s): %s", credentialsReason(err), credentialsFix)
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
