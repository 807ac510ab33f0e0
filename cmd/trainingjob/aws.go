package main

import (
	"context"
	"flag"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go/logging"
)

// awsFlags are the flags of the commands that call AWS: where to, and as
// whom.
type awsFlags struct {
	region, profile, endpoint string
	noSign                    bool
}

func (o *awsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.region, "region", "", "the AWS `REGION` (default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's)")
	fs.StringVar(&o.profile, "profile", "", "the shared configuration profile's `NAME` (default: AWS_PROFILE, or \"default\")")
	fs.StringVar(&o.endpoint, "endpoint-url", "", "send requests to `URL` instead of AWS's endpoints (default: AWS_ENDPOINT_URL_SAGEMAKER "+
		"for SageMaker and AWS_ENDPOINT_URL_CLOUDWATCH_LOGS for CloudWatch Logs, else AWS_ENDPOINT_URL, else AWS's)")
	fs.BoolVar(&o.noSign, "no-sign-request", false, "send unsigned requests; no credentials are looked up")
}

// check reports a malformed --endpoint-url as a usage error of cmd.
func (o *awsFlags) check(cmd string) error {
	if o.endpoint == "" {
		return nil
	}
	u, err := url.Parse(o.endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageErrorf(cmd, "--endpoint-url %q is not an http or https URL", o.endpoint)
	}
	return nil
}

// load reads the standard AWS configuration with the flags' overrides, and
// makes sure it has a region and, unless requests go unsigned, usable
// credentials, so that what is missing is said before the first call.
func (o *awsFlags) load(ctx context.Context, cmd string) (aws.Config, error) {
	var loadOpts []func(*config.LoadOptions) error
	if o.region != "" {
		loadOpts = append(loadOpts, config.WithRegion(o.region))
	}
	if o.profile != "" {
		loadOpts = append(loadOpts, config.WithSharedConfigProfile(o.profile))
	}
	if o.noSign {
		loadOpts = append(loadOpts, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
	}
	// The SDK's own log lines (such as its notice that it falls back to
	// IMDSv1 while looking for credentials) would land in the middle of
	// the command's output; what matters of them is in the errors below.
	loadOpts = append(loadOpts, config.WithLogger(logging.Nop{}), config.WithClientLogMode(0))
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return cfg, exitf(exitUsage, "%s: loading the AWS configuration: %v", cmd, err)
	}
	if cfg.Region == "" {
		return cfg, exitf(exitUsage, "%s: no AWS region: pass --region, or set AWS_REGION (or AWS_DEFAULT_REGION), or a region in the profile", cmd)
	}
	if !o.noSign {
		if err := checkCredentials(ctx, cmd, cfg); err != nil {
			if ctx.Err() != nil {
				return cfg, exitf(exitInterrupted, "%s: interrupted while looking for AWS credentials", cmd)
			}
			return cfg, err
		}
	}
	return cfg, nil
}

// where names the region, and the endpoint when one was given, for the
// command's messages.
func (o *awsFlags) where(cfg aws.Config) string {
	if o.endpoint != "" {
		return cfg.Region + " at " + o.endpoint
	}
	return cfg.Region
}

// sageMaker returns the SageMaker client. It makes one attempt per call:
// the commands retry failures themselves, and say so at once (see
// retryNotice), where the SDK's own retries would keep the first failure
// quiet for seconds.
func (o *awsFlags) sageMaker(cfg aws.Config) *sagemaker.Client {
	return sagemaker.NewFromConfig(cfg, func(opts *sagemaker.Options) {
		if o.endpoint != "" {
			opts.BaseEndpoint = aws.String(o.endpoint)
		}
		opts.RetryMaxAttempts = 1
	})
}

// cloudWatchLogs returns the CloudWatch Logs client, with one attempt per call for
// the same reason.
func (o *awsFlags) cloudWatchLogs(cfg aws.Config) *cloudwatchlogs.Client {
	return cloudwatchlogs.NewFromConfig(cfg, func(opts *cloudwatchlogs.Options) {
		if o.endpoint != "" {
			opts.BaseEndpoint = aws.String(o.endpoint)
		}
		opts.RetryMaxAttempts = 1
	})
}
