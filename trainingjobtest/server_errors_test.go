package trainingjobtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// aws-sdk-go-v2's client, talking to the fake over HTTP, reads the
// service's codes and messages word for word (sources in
// fake_errors_test.go).
func TestServerErrorWordsThroughSDK(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := trainingjobtest.NewServer(nil)
	t.Cleanup(srv.Close)
	c := srv.SDKClient()
	apiError := func(err error) (string, string) {
		t.Helper()
		var apiErr smithy.APIError
		require.True(t, errors.As(err, &apiErr), "%v (%T)", err, err)
		return apiErr.ErrorCode(), apiErr.ErrorMessage()
	}

	in := fkRequest("bad_name")
	in.ResourceConfig.InstanceType = "ml.bogus.huge"
	_, err := c.CreateTrainingJob(ctx, in)
	code, msg := apiError(err)
	assert.Equal(t, trainingjobtest.CodeValidationException, code)
	assert.Regexp(t, `^2 validation errors detected: Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: `+
		`Member must satisfy regular expression pattern: \^\[a-zA-Z0-9\]\(-\*\[a-zA-Z0-9\]\)\{0,62\}; `+
		`Value 'ml\.bogus\.huge' at 'resourceConfig\.instanceType' failed to satisfy constraint: Member must satisfy enum value set: \[ml\.m4\.xlarge, .*\]$`, msg)

	spot := fkRequest("wait-without-spot")
	spot.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(7200)
	_, err = c.CreateTrainingJob(ctx, spot)
	code, msg = apiError(err)
	assert.Equal(t, trainingjobtest.CodeValidationException, code)
	assert.Equal(t, "Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true", msg)

	_, err = c.CreateTrainingJob(ctx, fkRequest("Wire-Job"))
	require.NoError(t, err)
	_, err = c.CreateTrainingJob(ctx, fkRequest("wire-job"))
	var inUse *types.ResourceInUse
	require.True(t, errors.As(err, &inUse), "%v (%T)", err, err)
	assert.Equal(t, "Training job names must be unique within an AWS account and region, and a training job with this name "+
		"already exists (arn:aws:sagemaker:us-east-1:123456789012:training-job/wire-job)", inUse.ErrorMessage())

	_, err = c.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("wire-job")})
	require.NoError(t, err)
	srv.Fake.Advance(time.Hour)
	_, err = c.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("wire-job")})
	code, msg = apiError(err)
	assert.Equal(t, trainingjobtest.CodeValidationException, code)
	assert.Equal(t, "The request was rejected because the training job is in status Stopped.", msg)

	_, err = c.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("no-such-job")})
	code, msg = apiError(err)
	assert.Equal(t, trainingjobtest.CodeValidationException, code)
	assert.Equal(t, trainingjobtest.NotFoundMessage, msg)
}
