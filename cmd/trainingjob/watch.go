package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

const watchUsage = `Usage: trainingjob watch [OPTIONS] NAME

Follows the training job NAME until it ends: one progress line for every new
entry of its history, such as

  2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.

and its outcome at the end. It calls DescribeTrainingJob, 10 seconds after
a change and up to 2 minutes apart while nothing changes, and retries
throttling and transient errors. Credentials and region come from the
standard AWS configuration (environment, shared config and credentials
files, SSO, instance roles); the options below override it.

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
	fs.StringVar(&o.region, "region", "", "the AWS `REGION` (default: AWS_REGION, or the profile's)")
	fs.StringVar(&o.profile, "profile", "", "the shared configuration profile's `NAME` (default: AWS_PROFILE, or \"default\")")
	fs.StringVar(&o.endpoint, "endpoint-url", "", "send requests to `URL` instead of SageMaker's endpoint")
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
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return exitf(exitUsage, "watch: loading the AWS configuration: %v", err)
	}
	if cfg.Region == "" {
		return exitf(exitUsage, "watch: no AWS region: pass --region, set AWS_REGION, or set a region in the profile")
	}
	client := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})

	st := out.style(stdout)
	where := cfg.Region
	if endpoint != "" {
		where += " at " + endpoint
	}
	fmt.Fprintf(stderr, "Watching training job %s in %s. Ctrl-C stops watching; the job keeps running.\n", name, where)
	con := &console{w: stdout}
	last, outcome, err := follow(ctx, client, name, con, st, trainingjob.WithPollDelay(poll, maxPoll))
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
		return exitf(exitUsage, "watch: %s", libMessage(err))
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
