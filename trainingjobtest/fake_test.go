package trainingjobtest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// fkRequest returns a valid create request with the members most jobs
// carry.
func fkRequest(name string) *sagemaker.CreateTrainingJobInput {
	return &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String(name),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/FakeTestRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		HyperParameters: map[string]string{"epochs": "10"},
		InputDataConfig: []types.Channel{{
			ChannelName: aws.String("train"),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://fake-bucket/train/"),
			}},
		}},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://fake-bucket/models/")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlG5Xlarge, InstanceCount: aws.Int32(2), VolumeSizeInGB: aws.Int32(50)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(86400)},
	}
}

// fkSpot turns a request into a managed spot one.
func fkSpot(in *sagemaker.CreateTrainingJobInput, maxRuntime, maxWait int32) *sagemaker.CreateTrainingJobInput {
	in.EnableManagedSpotTraining = aws.Bool(true)
	in.StoppingCondition = &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(maxRuntime), MaxWaitTimeInSeconds: aws.Int32(maxWait)}
	return in
}

func fkCreate(t *testing.T, f *trainingjobtest.Fake, in *sagemaker.CreateTrainingJobInput) {
	t.Helper()
	_, err := f.CreateTrainingJob(context.Background(), in)
	require.NoError(t, err, "CreateTrainingJob(%s)", aws.ToString(in.TrainingJobName))
}

// fkDescribe describes a job and requires that it passes strict
// validation.
func fkDescribe(t *testing.T, f *trainingjobtest.Fake, name string) trainingjob.TrainingJob {
	t.Helper()
	out, err := f.DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
	require.NoError(t, err, "DescribeTrainingJob(%s)", name)
	job := trainingjob.FromDescribeOutput(out)
	require.NoError(t, job.Validate(trainingjob.Strict()), "DescribeTrainingJob(%s) at %s", name, f.Now())
	return job
}

// fkAPIError requires err to be a smithy.APIError with the code and
// returns its message.
func fkAPIError(t *testing.T, err error, code string) string {
	t.Helper()
	require.Error(t, err)
	var apiErr smithy.APIError
	require.True(t, errors.As(err, &apiErr), "%v (%T) is not a smithy.APIError", err, err)
	assert.Equal(t, code, apiErr.ErrorCode(), "%v", err)
	assert.Equal(t, smithy.FaultClient, apiErr.ErrorFault())
	return apiErr.ErrorMessage()
}

// Every scenario the issue names runs its course in the fake, and every
// describe along the way, stop and delete included, is strictly valid.
func TestFakeScenariosStayStrictlyValid(t *testing.T) {
	t.Parallel()
	type action struct {
		at time.Duration
		op string // "stop" or "delete-when-done"
	}
	cases := []struct {
		name     string
		scenario *trainingjobtest.Scenario
		req      func(string) *sagemaker.CreateTrainingJobInput
		act      action
		want     trainingjob.Outcome
		check    func(t *testing.T, j trainingjob.TrainingJob)
	}{
		{name: "completed", want: trainingjob.OutcomeSucceeded},
		{name: "pending", scenario: &trainingjobtest.Scenario{Pending: 7 * time.Minute}, want: trainingjob.OutcomeSucceeded,
			check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.Equal(t, 1, trainingjob.Visits(j.SecondaryStatusTransitions, trainingjob.SecondaryStatusPending))
			}},
		{name: "failed", scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: "AlgorithmError: loss is NaN"},
			want: trainingjob.OutcomeFailed, check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.Equal(t, "AlgorithmError: loss is NaN", j.FailureReason)
				assert.Equal(t, 1, trainingjob.Visits(j.SecondaryStatusTransitions, trainingjob.SecondaryStatusUploading), "real failures pass through Uploading")
			}},
		{name: "capacity", scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusStarting},
			want: trainingjob.OutcomeFailed, check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.Contains(t, j.FailureReason, "CapacityError")
				assert.True(t, j.TrainingStartTime.IsZero())
			}},
		{name: "spot-interrupted",
			scenario: &trainingjobtest.Scenario{Interruptions: []trainingjobtest.Interruption{{At: 10 * time.Minute, Lasts: 6 * time.Minute}}},
			req:      func(n string) *sagemaker.CreateTrainingJobInput { return fkSpot(fkRequest(n), 7200, 14400) },
			want:     trainingjob.OutcomeSucceeded, check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.True(t, j.EnableManagedSpotTraining)
				assert.Equal(t, 1, trainingjob.Visits(j.SecondaryStatusTransitions, trainingjob.SecondaryStatusInterrupted))
				assert.Equal(t, 2, trainingjob.Visits(j.SecondaryStatusTransitions, trainingjob.SecondaryStatusTraining))
				assert.Less(t, j.BillableTimeInSeconds, j.TrainingTimeInSeconds, "spot billing leaves out the interruption")
				assert.Equal(t, int32(14400), aws.ToInt32(j.StoppingCondition.MaxWaitTimeInSeconds))
			}},
		{name: "max-runtime", scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeMaxRuntimeExceeded},
			req: func(n string) *sagemaker.CreateTrainingJobInput {
				in := fkRequest(n)
				in.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(1200)
				return in
			},
			want: trainingjob.OutcomeMaxRuntimeExceeded, check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.InDelta(t, 1200, j.TrainingTimeInSeconds, 60)
			}},
		{name: "max-runtime-enforced", // the default scenario trains 30 minutes, past a 10-minute limit
			req: func(n string) *sagemaker.CreateTrainingJobInput {
				in := fkRequest(n)
				in.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(600)
				return in
			},
			want: trainingjob.OutcomeMaxRuntimeExceeded, check: func(t *testing.T, j trainingjob.TrainingJob) {
				assert.InDelta(t, 600, j.TrainingTimeInSeconds, 60)
				assert.Zero(t, trainingjob.Visits(j.SecondaryStatusTransitions, trainingjob.SecondaryStatusUploading))
			}},
		{name: "max-wait",
			scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeMaxWaitTimeExceeded,
				Interruptions: []trainingjobtest.Interruption{{At: 5 * time.Minute, Lasts: 30 * time.Minute}}},
			req:  func(n string) *sagemaker.CreateTrainingJobInput { return fkSpot(fkRequest(n), 3600, 3600) },
			want: trainingjob.OutcomeMaxWaitTimeExceeded},
		{name: "stop-in-training", act: action{at: 10 * time.Minute, op: "stop"}, want: trainingjob.OutcomeStoppedByUser},
		{name: "stop-in-starting", act: action{at: 30 * time.Second, op: "stop"}, want: trainingjob.OutcomeStoppedByUser,
			check: func(t *testing.T, j trainingjob.TrainingJob) { assert.True(t, j.TrainingStartTime.IsZero()) }},
		{name: "stop-interrupted",
			scenario: &trainingjobtest.Scenario{Interruptions: []trainingjobtest.Interruption{{At: 10 * time.Minute, Lasts: 6 * time.Minute}}},
			req:      func(n string) *sagemaker.CreateTrainingJobInput { return fkSpot(fkRequest(n), 7200, 14400) },
			act:      action{at: 15 * time.Minute, op: "stop"}, want: trainingjob.OutcomeStoppedByUser},
		{name: "delete-completed", act: action{op: "delete-when-done"}, want: trainingjob.OutcomeSucceeded},
		{name: "delete-failed", scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed},
			act: action{op: "delete-when-done"}, want: trainingjob.OutcomeFailed},
	}
	var opts []trainingjobtest.FakeOption
	for _, c := range cases {
		if c.scenario != nil {
			opts = append(opts, trainingjobtest.WithJobScenario(c.name, *c.scenario))
		}
	}
	f := trainingjobtest.NewFake(opts...)
	start := f.Now()
	for _, c := range cases {
		req := fkRequest
		if c.req != nil {
			req = c.req
		}
		fkCreate(t, f, req(c.name))
	}
	const step = 15 * time.Second
	last := map[string]trainingjob.TrainingJob{}
	deleted := map[string]time.Time{}
	for now := time.Duration(0); now <= 3*time.Hour; now += step {
		for _, c := range cases {
			out, err := f.DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(c.name)})
			if del, ok := deleted[c.name]; ok && err != nil {
				assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException))
				assert.GreaterOrEqual(t, f.Now().Sub(del), trainingjobtest.DefaultDeletingFor, "%s vanished early", c.name)
				continue
			}
			require.NoError(t, err, "%s at +%s", c.name, now)
			job := trainingjob.FromDescribeOutput(out)
			require.NoError(t, job.Validate(trainingjob.Strict()), "%s at +%s", c.name, now)
			if prev, ok := last[c.name]; ok {
				assert.False(t, job.LastModifiedTime.Before(prev.LastModifiedTime), "%s: LastModifiedTime went back", c.name)
				assert.GreaterOrEqual(t, len(job.SecondaryStatusTransitions), len(prev.SecondaryStatusTransitions), "%s: history shrank", c.name)
				if prev.IsTerminal() {
					assert.Contains(t, []trainingjob.Status{prev.TrainingJobStatus, trainingjob.StatusDeleting}, job.TrainingJobStatus, "%s left a terminal status", c.name)
				}
			}
			last[c.name] = job
			switch {
			case c.act.op == "stop" && now == c.act.at:
				require.Equal(t, trainingjob.StatusInProgress, job.TrainingJobStatus, c.name)
				_, err := f.StopTrainingJob(context.Background(), &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(c.name)})
				require.NoError(t, err)
				after := fkDescribe(t, f, c.name)
				assert.Equal(t, trainingjob.StatusStopping, after.TrainingJobStatus)
				assert.Equal(t, trainingjob.SecondaryStatusStopping, after.SecondaryStatus)
			case c.act.op == "delete-when-done" && job.IsTerminal() && deleted[c.name].IsZero():
				_, err := f.DeleteTrainingJob(context.Background(), &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(c.name)})
				require.NoError(t, err)
				deleted[c.name] = f.Now()
				after := fkDescribe(t, f, c.name)
				assert.Equal(t, trainingjob.StatusDeleting, after.TrainingJobStatus)
				assert.Equal(t, job.SecondaryStatus, after.SecondaryStatus)
				assert.Equal(t, f.Now(), after.LastModifiedTime)
				assert.Equal(t, trainingjob.OutcomeDeleting, after.Outcome())
				last[c.name] = after
			}
		}
		f.Advance(step)
	}
	for _, c := range cases {
		job := last[c.name]
		if c.act.op == "delete-when-done" {
			assert.Contains(t, deleted, c.name)
			assert.Equal(t, trainingjob.StatusDeleting, job.TrainingJobStatus, "the last describe of %s showed it being deleted", c.name)
			wantSecondary := map[trainingjob.Outcome]trainingjob.SecondaryStatus{
				trainingjob.OutcomeSucceeded: trainingjob.SecondaryStatusCompleted, trainingjob.OutcomeFailed: trainingjob.SecondaryStatusFailed}
			assert.Equal(t, wantSecondary[c.want], job.SecondaryStatus, c.name)
			continue
		}
		assert.True(t, job.IsTerminal(), "%s did not finish in 3 hours: %s/%s", c.name, job.TrainingJobStatus, job.SecondaryStatus)
		assert.Equal(t, c.want, job.Outcome(), c.name)
		assert.Equal(t, start, job.CreationTime, c.name)
		if c.check != nil {
			t.Run(c.name, func(t *testing.T) { c.check(t, job) })
		}
	}
}

// Describe carries the create request's members, with ModelArtifacts under
// the request's S3OutputPath and final metrics named by its metric
// definitions.
func TestFakeDescribeCarriesRequest(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake(trainingjobtest.WithRegionAccount("eu-west-1", "210987654321"))
	in := fkSpot(fkRequest("Carry-Members"), 7200, 7200)
	in.AlgorithmSpecification.MetricDefinitions = []types.MetricDefinition{
		{Name: aws.String("validation:auc"), Regex: aws.String("auc=([0-9.]+)")},
		{Name: aws.String("train:loss"), Regex: aws.String("loss=([0-9.]+)")},
	}
	in.Environment = map[string]string{"LOG_LEVEL": "debug"}
	in.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-0123456789abcdef0"}, Subnets: []string{"subnet-0123456789abcdef0"}}
	in.CheckpointConfig = &types.CheckpointConfig{S3Uri: aws.String("s3://fake-bucket/checkpoints/")}
	in.EnableNetworkIsolation = aws.Bool(true)
	in.ProfilerConfig = &types.ProfilerConfig{S3OutputPath: aws.String("s3://fake-bucket/profiler/")}
	in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("ml")}}
	out, err := f.CreateTrainingJob(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sagemaker:eu-west-1:210987654321:training-job/carry-members", aws.ToString(out.TrainingJobArn))

	running := fkDescribe(t, f, "Carry-Members")
	assert.Equal(t, trainingjob.StatusInProgress, running.TrainingJobStatus)
	assert.Equal(t, trainingjob.SecondaryStatusStarting, running.SecondaryStatus)
	assert.Nil(t, running.ModelArtifacts)
	assert.Equal(t, in.HyperParameters, running.HyperParameters)
	assert.Equal(t, in.Environment, running.Environment)
	assert.Equal(t, *in.RoleArn, running.RoleArn)
	assert.Equal(t, in.VpcConfig, running.VpcConfig)
	assert.Equal(t, in.CheckpointConfig, running.CheckpointConfig)
	assert.Equal(t, in.InputDataConfig, running.InputDataConfig)
	assert.Equal(t, in.ResourceConfig, running.ResourceConfig)
	assert.Equal(t, in.StoppingCondition, running.StoppingCondition)
	assert.Equal(t, in.AlgorithmSpecification, running.AlgorithmSpecification)
	assert.True(t, running.EnableNetworkIsolation)
	assert.True(t, running.EnableManagedSpotTraining)
	assert.Equal(t, types.ProfilingStatusEnabled, running.ProfilingStatus)
	assert.Nil(t, running.Tags, "a describe response has no tags")

	f.Advance(2 * time.Hour)
	done := fkDescribe(t, f, "Carry-Members")
	assert.Equal(t, trainingjob.OutcomeSucceeded, done.Outcome())
	require.NotNil(t, done.ModelArtifacts)
	assert.Equal(t, "s3://fake-bucket/models/Carry-Members/output/model.tar.gz", aws.ToString(done.ModelArtifacts.S3ModelArtifacts))
	var metrics []string
	for _, m := range done.FinalMetricDataList {
		metrics = append(metrics, aws.ToString(m.MetricName))
		assert.Equal(t, done.TrainingEndTime, aws.ToTime(m.Timestamp))
	}
	assert.Equal(t, []string{"validation:auc", "train:loss"}, metrics)
	assert.Equal(t, done.TrainingTimeInSeconds, int32(done.TrainingEndTime.Sub(done.TrainingStartTime)/time.Second))

	// A request without the optional members still gives a complete,
	// strictly valid job from the scenario's defaults.
	fkCreate(t, f, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("bare"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/Bare"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://bare/out")},
	})
	f.Advance(time.Hour)
	bare := fkDescribe(t, f, "bare")
	assert.Equal(t, trainingjob.OutcomeSucceeded, bare.Outcome())
	assert.NotNil(t, bare.ResourceConfig)
	assert.Equal(t, int32(86400), aws.ToInt32(bare.StoppingCondition.MaxRuntimeInSeconds))
	assert.Equal(t, "s3://bare/out/bare/output/model.tar.gz", aws.ToString(bare.ModelArtifacts.S3ModelArtifacts))
}

// Errors carry the service's codes and kinds of message, and satisfy
// smithy.APIError.
func TestFakeErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("Taken-Name"))

	_, err := f.CreateTrainingJob(ctx, fkRequest("Taken-Name"))
	msg := fkAPIError(t, err, trainingjobtest.CodeResourceInUse)
	assert.Contains(t, msg, "already exists (arn:aws:sagemaker:us-east-1:123456789012:training-job/taken-name)")
	var inUse *types.ResourceInUse
	assert.True(t, errors.As(err, &inUse), "the SDK's modelled ResourceInUse error, as a real client returns")
	_, err = f.CreateTrainingJob(ctx, fkRequest("taken-name"))
	fkAPIError(t, err, trainingjobtest.CodeResourceInUse)

	for op, call := range fkNameOps(ctx, f) {
		err := call(aws.String("no-such-job"))
		assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException), op)
		var generic *smithy.GenericAPIError
		assert.True(t, errors.As(err, &generic), op)
		assert.Contains(t, fkAPIError(t, call(aws.String("bad_name")), trainingjobtest.CodeValidationException),
			"Value 'bad_name' at 'trainingJobName' failed to satisfy constraint", op)
		assert.Contains(t, fkAPIError(t, call(nil), trainingjobtest.CodeValidationException),
			"Value null at 'trainingJobName' failed to satisfy constraint: Member must not be null", op)
	}

	// Create requests are checked as the service checks them, every
	// problem reported at once.
	bad := fkRequest("bad_name")
	bad.RoleArn = aws.String("not-a-role")
	msg = fkAPIError(t, func() error { _, err := f.CreateTrainingJob(ctx, bad); return err }(), trainingjobtest.CodeValidationException)
	assert.True(t, strings.HasPrefix(msg, "3 validation errors detected: "), msg)
	assert.Contains(t, msg, "at 'trainingJobName'")
	assert.Contains(t, msg, "Value 'not-a-role' at 'roleArn'")
	msg = fkAPIError(t, func() error { _, err := f.CreateTrainingJob(ctx, nil); return err }(), trainingjobtest.CodeValidationException)
	assert.Contains(t, msg, "Value null at 'trainingJobName' failed to satisfy constraint: Member must not be null")
	noWait := fkRequest("spot-without-wait")
	noWait.EnableManagedSpotTraining = aws.Bool(true)
	msg = fkAPIError(t, func() error { _, err := f.CreateTrainingJob(ctx, noWait); return err }(), trainingjobtest.CodeValidationException)
	assert.Contains(t, msg, "MaxWaitTimeInSeconds")
	short := fkSpot(fkRequest("spot-short-wait"), 3600, 600)
	msg = fkAPIError(t, func() error { _, err := f.CreateTrainingJob(ctx, short); return err }(), trainingjobtest.CodeValidationException)
	assert.Contains(t, msg, "greater than or equal to MaxRuntimeInSeconds")
	onDemand := fkRequest("wait-without-spot")
	onDemand.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(7200)
	fkAPIError(t, func() error { _, err := f.CreateTrainingJob(ctx, onDemand); return err }(), trainingjobtest.CodeValidationException)

	// Operations the job's status does not allow.
	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("Taken-Name")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "InProgress")
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("Taken-Name")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "does not update anything")
	f.Advance(time.Hour)
	_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("Taken-Name")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Completed")
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("Taken-Name"),
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(60)}})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Completed")

	// ListTrainingJobs checks its members (the service's paths are
	// lowerCamelCase).
	for what, in := range map[string]*sagemaker.ListTrainingJobsInput{
		"'maxResults'":           {MaxResults: aws.Int32(0)},
		"'nameContains'":         {NameContains: aws.String("under_score")},
		"'sortBy'":               {SortBy: "Size"},
		"'sortOrder'":            {SortOrder: "Sideways"},
		"'statusEquals'":         {StatusEquals: "Running"},
		"'warmPoolStatusEquals'": {WarmPoolStatusEquals: "Warm"},
		"NextToken is not valid": {NextToken: aws.String("not-a-token")},
	} {
		_, err := f.ListTrainingJobs(ctx, in)
		assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), what)
	}

	// A cancelled context is the context's error, as with a real client.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = f.DescribeTrainingJob(cancelled, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("Taken-Name")})
	assert.ErrorIs(t, err, context.Canceled)
}

// A stop shows Stopping at once and Stopped after the Stopping phase; a
// deleted job shows Deleting, then is gone and its name free.
func TestFakeStopAndDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake(trainingjobtest.WithDefaultScenario(trainingjobtest.Scenario{Stopping: time.Minute}))
	fkCreate(t, f, fkRequest("stop-me"))
	f.Advance(5 * time.Minute)
	assert.Equal(t, trainingjob.SecondaryStatusTraining, fkDescribe(t, f, "stop-me").SecondaryStatus)
	stopAt := f.Now()
	_, err := f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	require.NoError(t, err)
	job := fkDescribe(t, f, "stop-me")
	assert.Equal(t, trainingjob.StatusStopping, job.TrainingJobStatus)
	assert.Equal(t, trainingjob.SecondaryStatusStopping, job.SecondaryStatus)
	assert.Equal(t, stopAt, job.LastModifiedTime)
	_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Stopping")
	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Stopping")

	f.Advance(59 * time.Second)
	assert.Equal(t, trainingjob.StatusStopping, fkDescribe(t, f, "stop-me").TrainingJobStatus)
	f.Advance(time.Second)
	job = fkDescribe(t, f, "stop-me")
	assert.Equal(t, trainingjob.OutcomeStoppedByUser, job.Outcome())
	assert.Equal(t, stopAt.Add(time.Minute), job.TrainingEndTime)

	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	require.NoError(t, err)
	job = fkDescribe(t, f, "stop-me")
	assert.Equal(t, trainingjob.StatusDeleting, job.TrainingJobStatus)
	assert.Equal(t, trainingjob.SecondaryStatusStopped, job.SecondaryStatus)
	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Deleting")
	list, err := f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusDeleting})
	require.NoError(t, err)
	require.Len(t, list.TrainingJobSummaries, 1)
	assert.Equal(t, types.SecondaryStatusStopped, list.TrainingJobSummaries[0].SecondaryStatus)

	f.Advance(trainingjobtest.DefaultDeletingFor - time.Millisecond)
	fkDescribe(t, f, "stop-me")
	f.Advance(time.Millisecond)
	_, err = f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("stop-me")})
	assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException))
	list, err = f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{})
	require.NoError(t, err)
	assert.Empty(t, list.TrainingJobSummaries)

	// The name is free again, and the new job starts a new life.
	fkCreate(t, f, fkRequest("stop-me"))
	job = fkDescribe(t, f, "stop-me")
	assert.Equal(t, trainingjob.SecondaryStatusStarting, job.SecondaryStatus)
	assert.Equal(t, f.Now(), job.CreationTime)

	// With WithDeletingFor(0) a deleted job is gone at once.
	g := trainingjobtest.NewFake(trainingjobtest.WithDeletingFor(0))
	fkCreate(t, g, fkRequest("gone"))
	g.Advance(time.Hour)
	_, err = g.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("gone")})
	require.NoError(t, err)
	_, err = g.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("gone")})
	fkAPIError(t, err, trainingjobtest.CodeValidationException)
}

// UpdateTrainingJob changes the members the API lets it change, on running
// jobs only.
func TestFakeUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	in := fkRequest("update-me")
	in.ProfilerConfig = &types.ProfilerConfig{S3OutputPath: aws.String("s3://fake-bucket/profiler/"), ProfilingParameters: map[string]string{"a": "1"}}
	fkCreate(t, f, in)
	f.Advance(4 * time.Minute)
	at := f.Now()
	out, err := f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{
		TrainingJobName: aws.String("update-me"),
		ProfilerConfig:  &types.ProfilerConfigForUpdate{ProfilingIntervalInMilliseconds: aws.Int64(500), ProfilingParameters: map[string]string{"b": "2"}},
		ProfilerRuleConfigurations: []types.ProfilerRuleConfiguration{{
			RuleConfigurationName: aws.String("LowGPU"), RuleEvaluatorImage: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/rules:1"),
		}},
		ResourceConfig:    &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(1800)},
		RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)},
	})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sagemaker:us-east-1:123456789012:training-job/update-me", aws.ToString(out.TrainingJobArn))
	job := fkDescribe(t, f, "update-me")
	assert.Equal(t, "s3://fake-bucket/profiler/", aws.ToString(job.ProfilerConfig.S3OutputPath))
	assert.Equal(t, int64(500), aws.ToInt64(job.ProfilerConfig.ProfilingIntervalInMilliseconds))
	assert.Equal(t, map[string]string{"a": "1", "b": "2"}, job.ProfilerConfig.ProfilingParameters)
	require.Len(t, job.ProfilerRuleConfigurations, 1)
	assert.Equal(t, int32(1800), aws.ToInt32(job.ResourceConfig.KeepAlivePeriodInSeconds))
	assert.Equal(t, int32(50), aws.ToInt32(job.ResourceConfig.VolumeSizeInGB), "the rest of ResourceConfig stays")
	assert.True(t, aws.ToBool(job.RemoteDebugConfig.EnableRemoteDebug))
	assert.Equal(t, at, job.LastModifiedTime)
	assert.Equal(t, trainingjob.StatusInProgress, job.TrainingJobStatus)

	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("update-me"),
		ProfilerConfig: &types.ProfilerConfigForUpdate{DisableProfiler: aws.Bool(true)}})
	require.NoError(t, err)
	assert.Equal(t, types.ProfilingStatusDisabled, fkDescribe(t, f, "update-me").ProfilingStatus)

	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("update-me"),
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(99999)}})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Value '99999' at 'resourceConfig.keepAlivePeriodInSeconds'")
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("update-me"),
		ProfilerRuleConfigurations: []types.ProfilerRuleConfiguration{{RuleConfigurationName: aws.String("no-image")}}})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "Value null at 'profilerRuleConfigurations.1.member.ruleEvaluatorImage'")

	f.Advance(time.Hour)
	done := fkDescribe(t, f, "update-me")
	assert.Equal(t, trainingjob.OutcomeSucceeded, done.Outcome())
	assert.Equal(t, done.TrainingEndTime, done.LastModifiedTime)
}

// ListTrainingJobs: the default page size, summaries from the current
// state, paging that holds while jobs are created and tokens that belong to
// one sort.
func TestFakeList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	for i := 0; i < 12; i++ {
		fkCreate(t, f, fkRequest(fmt.Sprintf("job-%02d", i)))
		f.Advance(10 * time.Minute)
	}
	out, err := f.ListTrainingJobs(ctx, nil)
	require.NoError(t, err)
	require.Len(t, out.TrainingJobSummaries, trainingjobtest.DefaultMaxResults)
	require.NotNil(t, out.NextToken)
	assert.Equal(t, "job-11", aws.ToString(out.TrainingJobSummaries[0].TrainingJobName), "newest first by default")
	for _, s := range out.TrainingJobSummaries {
		job := fkDescribe(t, f, aws.ToString(s.TrainingJobName))
		assert.Equal(t, string(job.TrainingJobStatus), string(s.TrainingJobStatus))
		assert.Equal(t, string(job.SecondaryStatus), string(s.SecondaryStatus))
		assert.Equal(t, job.TrainingJobArn, aws.ToString(s.TrainingJobArn))
		assert.Equal(t, job.CreationTime, aws.ToTime(s.CreationTime))
		assert.Equal(t, job.LastModifiedTime, aws.ToTime(s.LastModifiedTime))
		if job.IsTerminal() {
			assert.Equal(t, job.TrainingEndTime, aws.ToTime(s.TrainingEndTime))
		} else {
			assert.Nil(t, s.TrainingEndTime)
		}
	}
	next, err := f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{NextToken: out.NextToken})
	require.NoError(t, err)
	assert.Len(t, next.TrainingJobSummaries, 2)
	assert.Nil(t, next.NextToken)

	// A token is tied to its sort.
	_, err = f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{NextToken: out.NextToken, SortBy: types.SortByName})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "NextToken")

	// Completed jobs sort before InProgress ones by status, ascending.
	byStatus, err := f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{SortBy: types.SortByStatus, SortOrder: types.SortOrderAscending, MaxResults: aws.Int32(100)})
	require.NoError(t, err)
	var statuses []string
	for _, s := range byStatus.TrainingJobSummaries {
		statuses = append(statuses, string(s.TrainingJobStatus))
	}
	assert.IsNonDecreasing(t, statuses)
	assert.Contains(t, statuses, "Completed")
	assert.Contains(t, statuses, "InProgress")

	// Paging by name, ascending, while other goroutines create jobs whose
	// names sort both before and after the page boundary: every job that
	// existed when paging began is listed exactly once.
	var wg sync.WaitGroup
	seen := map[string]int{}
	in := &sagemaker.ListTrainingJobsInput{SortBy: types.SortByName, SortOrder: types.SortOrderAscending, MaxResults: aws.Int32(3)}
	for page := 0; ; page++ {
		res, err := f.ListTrainingJobs(ctx, in)
		require.NoError(t, err)
		for _, s := range res.TrainingJobSummaries {
			seen[aws.ToString(s.TrainingJobName)]++
		}
		if res.NextToken == nil {
			break
		}
		in.NextToken = res.NextToken
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, prefix := range []string{"aaa", "job-05a", "zzz"} {
				_, err := f.CreateTrainingJob(ctx, fkRequest(fmt.Sprintf("%s-%d", prefix, page)))
				assert.NoError(t, err)
			}
		}()
		wg.Wait()
	}
	for i := 0; i < 12; i++ {
		assert.Equal(t, 1, seen[fmt.Sprintf("job-%02d", i)], "job-%02d", i)
	}
	for name, n := range seen {
		assert.Equal(t, 1, n, name)
	}
}

// Nothing a caller passes in or gets back shares memory with the fake.
func TestFakeCopiesInAndOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	in := fkRequest("copied")
	fkCreate(t, f, in)
	in.HyperParameters["epochs"] = "999"
	in.ResourceConfig.InstanceCount = aws.Int32(64)
	*in.RoleArn = "arn:aws:iam::123456789012:role/Changed"
	in.InputDataConfig[0].ChannelName = aws.String("changed")

	out, err := f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("copied")})
	require.NoError(t, err)
	assert.Equal(t, "10", out.HyperParameters["epochs"])
	assert.Equal(t, int32(2), aws.ToInt32(out.ResourceConfig.InstanceCount))
	assert.Equal(t, "arn:aws:iam::123456789012:role/FakeTestRole", aws.ToString(out.RoleArn))
	assert.Equal(t, "train", aws.ToString(out.InputDataConfig[0].ChannelName))

	out.HyperParameters["epochs"] = "0"
	*out.ResourceConfig.VolumeSizeInGB = 1
	out.SecondaryStatusTransitions[0].StatusMessage = aws.String("changed")
	again := fkDescribe(t, f, "copied")
	assert.Equal(t, "10", again.HyperParameters["epochs"])
	assert.Equal(t, int32(50), aws.ToInt32(again.ResourceConfig.VolumeSizeInGB))
	assert.Equal(t, trainingjobtest.MessageStarting, again.SecondaryStatusTransitions[0].StatusMessage)

	calls := f.Calls()
	recorded := calls[0].Input.(*sagemaker.CreateTrainingJobInput)
	assert.Equal(t, "10", recorded.HyperParameters["epochs"], "the call record holds the request as it was")
	recorded.HyperParameters["epochs"] = "-1"
	assert.Equal(t, "10", f.Calls()[0].Input.(*sagemaker.CreateTrainingJobInput).HyperParameters["epochs"])
	assert.Equal(t, "10", fkDescribe(t, f, "copied").HyperParameters["epochs"])

	// The scenario hook gets a copy too.
	g := trainingjobtest.NewFake(trainingjobtest.WithScenarioFunc(func(name string, in *sagemaker.CreateTrainingJobInput) trainingjobtest.Scenario {
		in.HyperParameters["epochs"] = "hooked"
		return trainingjobtest.Scenario{Training: time.Duration(len(name)) * time.Minute}
	}))
	fkCreate(t, g, fkRequest("hook"))
	assert.Equal(t, "10", fkDescribe(t, g, "hook").HyperParameters["epochs"])
}

// Calls are recorded with their operation, job, time, input and error.
func TestFakeCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("recorded"))
	f.Advance(time.Minute)
	fkDescribe(t, f, "recorded")
	_, _ = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("missing")})
	_, _ = f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{NameContains: aws.String("rec")})
	calls := f.Calls()
	require.Len(t, calls, 4)
	var ops []string
	for _, c := range calls {
		ops = append(ops, c.Operation+"/"+c.JobName)
	}
	assert.Equal(t, []string{"CreateTrainingJob/recorded", "DescribeTrainingJob/recorded", "StopTrainingJob/missing", "ListTrainingJobs/"}, ops)
	assert.Equal(t, trainingjobtest.DefaultFakeStart(), calls[0].Time)
	assert.Equal(t, trainingjobtest.DefaultFakeStart().Add(time.Minute), calls[1].Time)
	assert.NoError(t, calls[1].Err)
	fkAPIError(t, calls[2].Err, trainingjobtest.CodeValidationException)
	assert.Equal(t, "rec", aws.ToString(calls[3].Input.(*sagemaker.ListTrainingJobsInput).NameContains))
	f.ResetCalls()
	assert.Empty(t, f.Calls())
}

// The fake is safe for concurrent use (run with -race).
func TestFakeConcurrentUse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	done := make(chan struct{})
	var clockWG sync.WaitGroup
	clockWG.Add(1)
	go func() {
		defer clockWG.Done()
		for {
			select {
			case <-done:
				return
			default:
				f.Advance(3 * time.Second)
				time.Sleep(50 * time.Microsecond)
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				name := fmt.Sprintf("w%d-job-%d", w, i)
				if _, err := f.CreateTrainingJob(ctx, fkRequest(name)); !assert.NoError(t, err) {
					return
				}
				out, err := f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
				if assert.NoError(t, err) {
					job := trainingjob.FromDescribeOutput(out)
					assert.NoError(t, job.Validate(trainingjob.Strict()))
				}
				_, _ = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)})
				_, err = f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(5)})
				assert.NoError(t, err)
				_, _ = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(fmt.Sprintf("w%d-job-%d", w, i/2))})
			}
		}()
	}
	wg.Wait()
	close(done)
	clockWG.Wait()
	creates := 0
	for _, c := range f.Calls() {
		if c.Operation == "CreateTrainingJob" {
			creates++
			assert.NoError(t, c.Err)
		}
	}
	assert.Equal(t, 8*15, creates)
}

// The SDK's paginator and waiter run against the fake itself.
func TestFakeWithSDKPaginatorAndWaiter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("fails",
		trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusTraining}))
	for i := 0; i < 5; i++ {
		fkCreate(t, f, fkRequest(fmt.Sprintf("paged-%d", i)))
	}
	fkCreate(t, f, fkRequest("fails"))
	p := sagemaker.NewListTrainingJobsPaginator(f, &sagemaker.ListTrainingJobsInput{NameContains: aws.String("paged")}, func(o *sagemaker.ListTrainingJobsPaginatorOptions) {
		o.Limit = 2
	})
	var names []string
	pages := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		pages++
		for _, s := range page.TrainingJobSummaries {
			names = append(names, aws.ToString(s.TrainingJobName))
		}
	}
	assert.Equal(t, 3, pages)
	assert.ElementsMatch(t, []string{"paged-0", "paged-1", "paged-2", "paged-3", "paged-4"}, names)

	wait := func(name string) (*sagemaker.DescribeTrainingJobOutput, error) {
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(200 * time.Microsecond):
					f.Advance(time.Minute)
				}
			}
		}()
		w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(f, func(o *sagemaker.TrainingJobCompletedOrStoppedWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, 2*time.Millisecond
		})
		return w.WaitForOutput(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)}, 30*time.Second)
	}
	out, err := wait("paged-0")
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusCompleted, out.TrainingJobStatus)
	_, err = wait("fails")
	require.Error(t, err)
	assert.Contains(t, strings.ToLower(err.Error()), "failure")
	_, err = wait("never-created")
	require.Error(t, err, "the waiter treats ValidationException as failure")
}

// A ScaledClock runs the fake in accelerated real time.
func TestFakeScaledClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := trainingjobtest.NewScaledClock(start, 6_000) // a minute per 10 milliseconds
	f := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock))
	fkCreate(t, f, fkRequest("scaled"))
	created := fkDescribe(t, f, "scaled").CreationTime
	assert.False(t, created.Before(start))
	assert.False(t, created.After(clock.Now()))
	require.Eventually(t, func() bool { return fkDescribe(t, f, "scaled").IsTerminal() }, 10*time.Second, time.Millisecond)
	assert.Equal(t, trainingjob.OutcomeSucceeded, fkDescribe(t, f, "scaled").Outcome())
	before := clock.Now()
	after := f.Advance(24 * time.Hour)
	assert.GreaterOrEqual(t, after.Sub(before), 24*time.Hour)
}

func TestManualClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	c := trainingjobtest.NewManualClock(start)
	assert.Equal(t, start, c.Now())
	assert.Equal(t, start.Add(time.Hour), c.Advance(time.Hour))
	c.Set(start.Add(2 * time.Hour))
	assert.Equal(t, start.Add(2*time.Hour), c.Now())
	assert.Panics(t, func() { c.Advance(-time.Second) })
	assert.Panics(t, func() { c.Set(start) })
	f := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(c))
	assert.Same(t, c, f.Clock())
	assert.Equal(t, start.Add(2*time.Hour), f.Now())
	frozen := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(fkFixedClock{start}))
	assert.Panics(t, func() { frozen.Advance(time.Second) })
}

type fkFixedClock struct{ t time.Time }

func (c fkFixedClock) Now() time.Time { return c.t }

// An enumeration value the service model does not list is refused, as the
// service refuses it, with or without WithStrictRequests.
func TestFakeStrictRequests(t *testing.T) {
	t.Parallel()
	in := fkRequest("future-instance")
	in.ResourceConfig.InstanceType = "ml.future.48xlarge"
	for _, f := range []*trainingjobtest.Fake{trainingjobtest.NewFake(), trainingjobtest.NewFake(trainingjobtest.WithStrictRequests())} {
		_, err := f.CreateTrainingJob(context.Background(), in)
		msg := fkAPIError(t, err, trainingjobtest.CodeValidationException)
		assert.True(t, strings.HasPrefix(msg, "1 validation error detected: Value 'ml.future.48xlarge' at 'resourceConfig.instanceType' "+
			"failed to satisfy constraint: Member must satisfy enum value set: [ml.m4.xlarge, "), msg)
		_, err = f.DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: in.TrainingJobName})
		assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException), "no job was created")
	}
}

// fkNameOps returns the operations that name one existing job, each called
// with only the name (and, for Update, one change), by operation.
func fkNameOps(ctx context.Context, f *trainingjobtest.Fake) map[string]func(name *string) error {
	return map[string]func(*string) error{
		"Describe": func(n *string) error {
			_, err := f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: n})
			return err
		},
		"Stop": func(n *string) error {
			_, err := f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: n})
			return err
		},
		"Delete": func(n *string) error {
			_, err := f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: n})
			return err
		},
		"Update": func(n *string) error {
			_, err := f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: n,
				RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)}})
			return err
		},
	}
}
