package trainingjobtest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// The contract suite holds for the in-memory fake used directly.
func TestContractFake(t *testing.T) {
	t.Parallel()
	trainingjobtest.RunServiceTests(t, func(t *testing.T) (trainingjobtest.Client, func(time.Duration)) {
		f := trainingjobtest.NewFake()
		return f, func(d time.Duration) { f.Advance(d) }
	})
}

// The contract suite holds for aws-sdk-go-v2's own client talking to the
// fake over HTTP.
func TestContractServerSDK(t *testing.T) {
	t.Parallel()
	trainingjobtest.RunServiceTests(t, func(t *testing.T) (trainingjobtest.Client, func(time.Duration)) {
		srv := trainingjobtest.NewServer(nil)
		t.Cleanup(srv.Close)
		return srv.SDKClient(), func(d time.Duration) { srv.Fake.Advance(d) }
	})
}

// ctBroken wraps a fake and breaks one behaviour, to show that the
// contract suite notices.
type ctBroken struct {
	*trainingjobtest.Fake
	kind string
}

func (b ctBroken) DescribeTrainingJob(ctx context.Context, in *sagemaker.DescribeTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	out, err := b.Fake.DescribeTrainingJob(ctx, in, optFns...)
	if b.kind == "jumps-to-completed" && err == nil {
		// What naive fakes do: report success at once, with a history that
		// says otherwise.
		out.TrainingJobStatus, out.SecondaryStatus = types.TrainingJobStatusCompleted, types.SecondaryStatusCompleted
	}
	if b.kind == "generic-errors" && err != nil {
		err = fmt.Errorf("describe failed: %s", err.Error())
	}
	return out, err
}

func (b ctBroken) CreateTrainingJob(ctx context.Context, in *sagemaker.CreateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.CreateTrainingJobOutput, error) {
	out, err := b.Fake.CreateTrainingJob(ctx, in, optFns...)
	var inUse *types.ResourceInUse
	if b.kind == "duplicate-names" && errors.As(err, &inUse) {
		return &sagemaker.CreateTrainingJobOutput{TrainingJobArn: aws.String("arn:aws:sagemaker:us-east-1:123456789012:training-job/dup")}, nil
	}
	return out, err
}

func (b ctBroken) StopTrainingJob(ctx context.Context, in *sagemaker.StopTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.StopTrainingJobOutput, error) {
	out, err := b.Fake.StopTrainingJob(ctx, in, optFns...)
	if b.kind == "stops-anything" && err != nil {
		return &sagemaker.StopTrainingJobOutput{}, nil
	}
	return out, err
}

func (b ctBroken) ListTrainingJobs(ctx context.Context, in *sagemaker.ListTrainingJobsInput, optFns ...func(*sagemaker.Options)) (*sagemaker.ListTrainingJobsOutput, error) {
	if in != nil {
		c := *in
		switch b.kind {
		case "ignores-name-filter":
			c.NameContains = nil
		case "no-paging":
			c.MaxResults, c.NextToken = aws.Int32(100), nil
		}
		in = &c
	}
	return b.Fake.ListTrainingJobs(ctx, in, optFns...)
}

// The broken services and the check of the suite that must catch each.
var ctBrokenKinds = map[string]string{
	"jumps-to-completed":  "LifecycleToCompleted",
	"generic-errors":      "Errors",
	"duplicate-names":     "Errors",
	"stops-anything":      "Stop",
	"ignores-name-filter": "ListFiltersAndSort",
	"no-paging":           "ListPaging",
}

// RunServiceTests fails for services that break the contract: the suite
// runs against each broken service in a child test process, where it must
// fail in the expected check. One child runs them all, a subtest each: a
// process costs most of a second under the race detector.
func TestContractCatchesBrokenServices(t *testing.T) {
	t.Parallel()
	if os.Getenv("TRAININGJOBTEST_BROKEN") != "" {
		t.Skip("this is the child process")
	}
	kinds := make([]string, 0, len(ctBrokenKinds))
	for kind := range ctBrokenKinds {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestContractBrokenChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "TRAININGJOBTEST_BROKEN="+strings.Join(kinds, ","))
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the suite passed every broken service:\n%s", out)
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			assert.Contains(t, string(out), "--- FAIL: TestContractBrokenChild/"+kind+"/"+ctBrokenKinds[kind]+" ",
				"the suite passed a service that %s:\n%s", kind, out)
		})
	}
}

// TestContractBrokenChild runs the suite against each of the broken
// services TRAININGJOBTEST_BROKEN names (separated by commas), a subtest
// each; only TestContractCatchesBrokenServices runs it, in a child process.
func TestContractBrokenChild(t *testing.T) {
	kinds := os.Getenv("TRAININGJOBTEST_BROKEN")
	if kinds == "" {
		t.Skip("run by TestContractCatchesBrokenServices in a child process")
	}
	for _, kind := range strings.Split(kinds, ",") {
		t.Run(kind, func(t *testing.T) {
			trainingjobtest.RunServiceTests(t, func(t *testing.T) (trainingjobtest.Client, func(time.Duration)) {
				f := trainingjobtest.NewFake()
				return ctBroken{Fake: f, kind: kind}, func(d time.Duration) { f.Advance(d) }
			})
		})
	}
}
