package trainingjobtest_test

import (
	"context"
	"fmt"
	"strings"
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

// statuses lists a history's statuses.
func statuses(h []trainingjob.SecondaryStatusTransition) []string {
	out := make([]string, len(h))
	for i, e := range h {
		out[i] = string(e.Status)
	}
	return out
}

// finished returns the scenario's job a long time after it was created.
func finished(s trainingjobtest.Scenario) trainingjob.TrainingJob {
	if s.Created.IsZero() {
		s.Created = created
	}
	if s.Name == "" {
		s.Name = "spec-job"
	}
	return s.JobAt(s.Created.Add(30 * 24 * time.Hour))
}

func TestParseScenario(t *testing.T) {
	cases := []struct {
		spec    string
		history []string
		outcome trainingjob.Outcome
		reason  string
	}{
		{"", []string{"Starting", "Downloading", "Training", "Uploading", "Completed"}, trainingjob.OutcomeSucceeded, ""},
		{"fail=Training reason=AlgorithmError", []string{"Starting", "Downloading", "Training", "Failed"}, trainingjob.OutcomeFailed, "AlgorithmError: "},
		{"reason=ClientError", []string{"Starting", "Downloading", "Training", "Uploading", "Failed"}, trainingjob.OutcomeFailed, "ClientError: "},
		{"reason=CapacityError", []string{"Starting", "Failed"}, trainingjob.OutcomeFailed, "CapacityError: "},
		{"fail=Downloading", []string{"Starting", "Downloading", "Failed"}, trainingjob.OutcomeFailed, "AlgorithmError: "},
		{"pending=10m", []string{"Starting", "Pending", "Downloading", "Training", "Uploading", "Completed"}, trainingjob.OutcomeSucceeded, ""},
		{"restarts=1", []string{"Starting", "Downloading", "Training", "Restarting", "Starting", "Downloading", "Training", "Uploading", "Completed"}, trainingjob.OutcomeSucceeded, ""},
		{"outcome=MaxRuntimeExceeded training=2h", []string{"Starting", "Downloading", "Training", "Stopping", "MaxRuntimeExceeded"}, trainingjob.OutcomeMaxRuntimeExceeded, ""},
		{"reason=InternalServerError   fail=Starting", []string{"Starting", "Failed"}, trainingjob.OutcomeFailed, "InternalServerError: "},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			s, err := trainingjobtest.ParseScenario(c.spec)
			require.NoError(t, err)
			job := finished(s)
			require.NoError(t, job.Validate(trainingjob.Strict()))
			assert.Equal(t, c.history, statuses(job.SecondaryStatusTransitions))
			assert.Equal(t, c.outcome, job.Outcome())
			if c.reason == "" {
				assert.Empty(t, job.FailureReason)
			} else {
				assert.True(t, strings.HasPrefix(job.FailureReason, c.reason), job.FailureReason)
			}
		})
	}

	t.Run("durations and interruptions", func(t *testing.T) {
		s, err := trainingjobtest.ParseScenario("starting=10s downloading=20s training=1h uploading=30s interruptions=2 savings=80")
		require.NoError(t, err)
		s.Spot = true
		job := finished(s)
		require.NoError(t, job.Validate(trainingjob.Strict()))
		assert.Equal(t, 2, trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusInterrupted))
		h := job.SecondaryStatusTransitions
		assert.Equal(t, 10*time.Second, h[0].EndTime.Sub(h[0].StartTime))
		// 20s download, 20m training, 2m interrupted, 10s start, 20s
		// download, 20m, 2m, 10s, 20s, 20m, 30s upload: 4m of interruption,
		// the rest billed at 20%.
		trained := 3*20*time.Second + 60*time.Minute + 2*10*time.Second + 30*time.Second
		total := trained + 4*time.Minute
		assert.Equal(t, int32(total/time.Second), job.TrainingTimeInSeconds)
		assert.Equal(t, int32(trained/time.Second/5), job.BillableTimeInSeconds)
	})

	bad := []struct{ spec, want string }{
		{"fail", "want key=value"},
		{"fial=Training", `unknown key "fial"`},
		{"fail=Sleeping", "want Starting, Downloading, Training or Uploading"},
		{"reason=OutOfMemory", "AlgorithmError, ClientError"},
		{"outcome=Succeeded", "Completed, Failed"},
		{"restarts=-1", "whole number"},
		{"training=soon", "positive duration"},
		{"savings=100", "percentage from 1 to 99"},
		{"training=1m training=2m", "training given twice"},
		{"outcome=Completed fail=Training", "need outcome=Failed"},
	}
	for _, c := range bad {
		t.Run("bad "+c.spec, func(t *testing.T) {
			_, err := trainingjobtest.ParseScenario(c.spec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestReadScenarioRules(t *testing.T) {
	rules, err := trainingjobtest.ReadScenarioRules(strings.NewReader(`[
		{"name": "flaky-*", "scenario": "restarts=2"},
		{"name": "custom", "phases": [
			{"status": "Starting", "duration": "30s", "message": "Launching"},
			{"status": "Downloading", "duration": "1m"},
			{"status": "Training", "duration": "5m"},
			{"status": "Failed"}],
		 "failureReason": "ClientError: bad input"}]`))
	require.NoError(t, err)
	require.Len(t, rules, 2)
	assert.Equal(t, "flaky-*", rules[0].Pattern)
	assert.Equal(t, 2, rules[0].Scenario.Restarts)
	custom := finished(rules[1].Scenario)
	require.NoError(t, custom.Validate(trainingjob.Strict()))
	assert.Equal(t, []string{"Starting", "Downloading", "Training", "Failed"}, statuses(custom.SecondaryStatusTransitions))
	assert.Equal(t, "Launching", custom.SecondaryStatusTransitions[0].StatusMessage)
	assert.Equal(t, trainingjobtest.MessageDownloading, custom.SecondaryStatusTransitions[1].StatusMessage, "a phase without a message gets the usual one")
	assert.Equal(t, "ClientError: bad input", custom.FailureReason)

	for _, c := range []struct{ file, want string }{
		{`{"name": "x"}`, "cannot unmarshal"},
		{`[{"name": "x", "scenario": "fail=Nope"}]`, `rule 1 ("x")`},
		{`[{"name": "[", "scenario": "restarts=1"}]`, "name: want a pattern"},
		{`[{"name": "x"}]`, "give either scenario or phases"},
		{`[{"name": "x", "phases": [{"status": "Sleeping"}]}]`, `phases[0].status: unknown status "Sleeping"`},
		{`[{"name": "x", "phases": [{"status": "Training", "duration": "long"}]}]`, "phases[0].duration"},
		{`[{"name": "x", "scenario": "restarts=1", "color": "red"}]`, `unknown field "color"`},
	} {
		_, err := trainingjobtest.ReadScenarioRules(strings.NewReader(c.file))
		require.Error(t, err, c.file)
		assert.Contains(t, err.Error(), c.want, c.file)
	}
}

// A scenario given as phases is followed as given: a new kind of life is
// one value.
func TestScenarioPhasesArePlainData(t *testing.T) {
	s := trainingjobtest.Scenario{Name: "phased", Created: created, Phases: []trainingjobtest.Phase{
		{Status: trainingjob.SecondaryStatusStarting, Duration: time.Minute, Message: "Launching"},
		{Status: trainingjob.SecondaryStatusPending, Duration: 3 * time.Minute, Message: "Waiting"},
		{Status: trainingjob.SecondaryStatusDownloading, Duration: time.Minute, Message: "Downloading"},
		{Status: trainingjob.SecondaryStatusTraining, Duration: 10 * time.Minute, Message: "Training"},
		{Status: trainingjob.SecondaryStatusRestarting, Duration: time.Minute, Message: "Restarting"},
		{Status: trainingjob.SecondaryStatusStarting, Duration: time.Minute, Message: "Launching"},
		{Status: trainingjob.SecondaryStatusDownloading, Duration: time.Minute, Message: "Downloading"},
		{Status: trainingjob.SecondaryStatusTraining, Duration: 10 * time.Minute, Message: "Training"},
		{Status: trainingjob.SecondaryStatusUploading, Duration: time.Minute, Message: "Uploading"},
	}}
	plan := s.Plan()
	require.Len(t, plan, 10)
	assert.Equal(t, trainingjob.SecondaryStatusCompleted, plan[9].Status, "Completed follows a plan that does not end")

	for m := 0; m <= 40; m++ {
		job := s.JobAt(created.Add(time.Duration(m) * time.Minute))
		require.NoError(t, job.Validate(trainingjob.Strict()), "at %dm", m)
	}
	at := func(m int) trainingjob.TrainingJob { return s.JobAt(created.Add(time.Duration(m) * time.Minute)) }
	assert.Equal(t, trainingjob.SecondaryStatusPending, at(2).SecondaryStatus)
	assert.Equal(t, trainingjob.SecondaryStatusRestarting, at(15).SecondaryStatus)
	assert.Equal(t, trainingjob.StatusInProgress, at(15).TrainingJobStatus)
	done := at(40)
	assert.Equal(t, trainingjob.StatusCompleted, done.TrainingJobStatus)
	assert.Equal(t, created.Add(29*time.Minute), done.TrainingEndTime)
	assert.Equal(t, created.Add(4*time.Minute), done.TrainingStartTime, "training time counts from the first download")

	// Scaled keeps the shape and divides every length.
	fast := s.Scaled(60).JobAt(created.Add(time.Hour))
	assert.Equal(t, statuses(done.SecondaryStatusTransitions), statuses(fast.SecondaryStatusTransitions))
	assert.Equal(t, created.Add(29*time.Second), fast.TrainingEndTime)
	assert.Equal(t, int32(25), fast.TrainingTimeInSeconds, "the reported times are the shortened ones")
}

func TestScenarioUpdatesShowUpdating(t *testing.T) {
	s := trainingjobtest.Scenario{Name: "upd", Created: created, Updates: []time.Time{created.Add(10 * time.Minute)}}
	during := s.JobAt(created.Add(10*time.Minute + 10*time.Second))
	assert.Equal(t, trainingjob.SecondaryStatusUpdating, during.SecondaryStatus)
	assert.Equal(t, trainingjob.StatusInProgress, during.TrainingJobStatus)
	after := s.JobAt(created.Add(11 * time.Minute))
	assert.Equal(t, trainingjob.SecondaryStatusTraining, after.SecondaryStatus, "training resumes")
	done := finished(s)
	require.NoError(t, done.Validate(trainingjob.Strict()))
	assert.Equal(t, []string{"Starting", "Downloading", "Training", "Updating", "Training", "Uploading", "Completed"}, statuses(done.SecondaryStatusTransitions))
	plain := finished(trainingjobtest.Scenario{Name: "upd", Created: created})
	assert.Equal(t, trainingjobtest.DefaultUpdating, done.TrainingEndTime.Sub(plain.TrainingEndTime), "the update adds its own time")
}

func TestScenarioModelArtifacts(t *testing.T) {
	cases := []struct {
		name  string
		s     trainingjobtest.Scenario
		model bool
	}{
		{"completed", trainingjobtest.Scenario{}, true},
		{"stopped while training", trainingjobtest.Scenario{StopRequested: created.Add(10 * time.Minute)}, true},
		{"stopped while starting", trainingjobtest.Scenario{StopRequested: created.Add(time.Minute)}, false},
		{"max runtime", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeMaxRuntimeExceeded}, true},
		{"failed in uploading", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed}, true},
		{"failed in training", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusTraining}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			job := finished(c.s)
			require.True(t, job.IsTerminal())
			assert.Equal(t, c.model, job.ModelArtifacts != nil)
		})
	}
}

func TestScenarioWarmPool(t *testing.T) {
	s := trainingjobtest.Scenario{Name: "warm", Created: created, KeepAlive: 10 * time.Minute}
	end := finished(s).TrainingEndTime
	at := func(s trainingjobtest.Scenario, d time.Duration) *types.WarmPoolStatus {
		return s.JobAt(end.Add(d)).WarmPoolStatus
	}

	assert.Nil(t, s.JobAt(created.Add(time.Minute)).WarmPoolStatus, "no pool while the first job runs")
	require.NotNil(t, at(s, 4*time.Minute))
	assert.Equal(t, types.WarmPoolResourceStatusAvailable, at(s, 4*time.Minute).Status)
	assert.Equal(t, int32(240), aws.ToInt32(at(s, 4*time.Minute).ResourceRetainedBillableTimeInSeconds))
	assert.Equal(t, types.WarmPoolResourceStatusTerminated, at(s, 11*time.Minute).Status)
	assert.Equal(t, int32(600), aws.ToInt32(at(s, 11*time.Minute).ResourceRetainedBillableTimeInSeconds))

	s.ReusedBy, s.ReusedAt = "next", end.Add(3*time.Minute)
	reused := at(s, 5*time.Minute)
	assert.Equal(t, types.WarmPoolResourceStatusReused, reused.Status)
	assert.Equal(t, "next", aws.ToString(reused.ReusedByJob))
	assert.Equal(t, int32(180), aws.ToInt32(reused.ResourceRetainedBillableTimeInSeconds))

	// Which endings keep the pool.
	for _, c := range []struct {
		name string
		s    trainingjobtest.Scenario
		kept bool
	}{
		{"stopped after starting", trainingjobtest.Scenario{StopRequested: created.Add(10 * time.Minute)}, true},
		{"stopped while starting", trainingjobtest.Scenario{StopRequested: created.Add(time.Minute)}, false},
		{"algorithm error", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: trainingjobtest.ReasonAlgorithmError}, true},
		{"client error", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: trainingjobtest.ReasonClientError}, true},
		{"internal error", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: trainingjobtest.ReasonInternalServerError}, false},
	} {
		c.s.KeepAlive = 10 * time.Minute
		job := finished(c.s)
		assert.Equal(t, c.kept, job.WarmPoolStatus != nil, c.name)
	}

	warm := trainingjobtest.Scenario{Name: "next", Created: created, WarmStart: true}
	running := warm.JobAt(created.Add(5 * time.Second))
	assert.Equal(t, types.WarmPoolResourceStatusInuse, running.WarmPoolStatus.Status)
	h := finished(warm).SecondaryStatusTransitions
	assert.Equal(t, trainingjobtest.DefaultWarmStart, h[0].EndTime.Sub(h[0].StartTime), "a warm start is short")
}

// Through the fake: a matching job created while a pool is Available
// reuses it; the tag and the rules choose scenarios; an update shows
// Updating; time scale shortens every phase.
func TestFakeScenarioSources(t *testing.T) {
	ctx := context.Background()
	clock := trainingjobtest.NewManualClock(created)
	fake := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock),
		trainingjobtest.WithScenarioRules(trainingjobtest.ScenarioRule{Pattern: "flaky-*", Scenario: trainingjobtest.Scenario{Restarts: 1}}))
	request := func(name string, keepAlive int32, tags ...types.Tag) *sagemaker.CreateTrainingJobInput {
		in := fkRequest(name)
		in.ResourceConfig.KeepAlivePeriodInSeconds = aws.Int32(keepAlive)
		in.Tags = tags
		return in
	}
	describe := func(name string) trainingjob.TrainingJob {
		out, err := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
		require.NoError(t, err)
		return trainingjob.FromDescribeOutput(out)
	}

	_, err := fake.CreateTrainingJob(ctx, request("first", 600))
	require.NoError(t, err)
	_, err = fake.CreateTrainingJob(ctx, request("tagged", 0, types.Tag{Key: aws.String(trainingjobtest.ScenarioTagKey), Value: aws.String("fail=Training reason=ClientError")}))
	require.NoError(t, err)
	flakyRequest := request("flaky-1", 0)
	flakyRequest.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(1)}
	_, err = fake.CreateTrainingJob(ctx, flakyRequest)
	require.NoError(t, err)
	_, err = fake.CreateTrainingJob(ctx, request("flaky-no-retries", 0))
	require.NoError(t, err)
	clock.Advance(10 * time.Minute)
	_, err = fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("flaky-1"),
		RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)}})
	require.NoError(t, err)
	assert.Equal(t, trainingjob.SecondaryStatusUpdating, describe("flaky-1").SecondaryStatus)
	for range 50 {
		_, err = fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("flaky-1"),
			RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)}})
		require.NoError(t, err)
	}

	clock.Advance(30 * time.Minute)
	first := describe("first")
	require.Equal(t, trainingjob.StatusCompleted, first.TrainingJobStatus)
	require.NotNil(t, first.WarmPoolStatus)
	assert.Equal(t, types.WarmPoolResourceStatusAvailable, first.WarmPoolStatus.Status)

	_, err = fake.CreateTrainingJob(ctx, request("second", 600))
	require.NoError(t, err)
	clock.Advance(5 * time.Second)
	second := describe("second")
	require.NotNil(t, second.WarmPoolStatus)
	assert.Equal(t, types.WarmPoolResourceStatusInuse, second.WarmPoolStatus.Status)
	first = describe("first")
	assert.Equal(t, types.WarmPoolResourceStatusReused, first.WarmPoolStatus.Status)
	assert.Equal(t, "second", aws.ToString(first.WarmPoolStatus.ReusedByJob))

	listed, err := fake.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{WarmPoolStatusEquals: types.WarmPoolResourceStatusReused, MaxResults: aws.Int32(100)})
	require.NoError(t, err)
	require.Len(t, listed.TrainingJobSummaries, 1, "WarmPoolStatusEquals finds the reused pool")
	assert.Equal(t, "first", aws.ToString(listed.TrainingJobSummaries[0].TrainingJobName))

	// A job that does not match (another instance type) starts cold.
	other := request("third", 600)
	other.ResourceConfig.InstanceType = types.TrainingInstanceTypeMlC5Xlarge
	_, err = fake.CreateTrainingJob(ctx, other)
	require.NoError(t, err)
	assert.Nil(t, describe("third").WarmPoolStatus)

	clock.Advance(2 * time.Hour)
	tagged := describe("tagged")
	assert.Equal(t, trainingjob.StatusFailed, tagged.TrainingJobStatus)
	assert.Equal(t, trainingjobtest.ReasonClientError, tagged.FailureReason)
	flaky := describe("flaky-1")
	assert.Equal(t, 1, trainingjob.Visits(flaky.SecondaryStatusTransitions, trainingjob.SecondaryStatusRestarting))
	assert.Equal(t, 1, trainingjob.Visits(flaky.SecondaryStatusTransitions, trainingjob.SecondaryStatusUpdating))
	noRetries := describe("flaky-no-retries")
	assert.Equal(t, trainingjob.StatusFailed, noRetries.TrainingJobStatus, "without a RetryStrategy the internal error fails the job")
	assert.Equal(t, trainingjobtest.ReasonInternalServerError, noRetries.FailureReason)
	assert.Zero(t, trainingjob.Visits(noRetries.SecondaryStatusTransitions, trainingjob.SecondaryStatusRestarting))

	_, err = fake.CreateTrainingJob(ctx, request("typo", 0, types.Tag{Key: aws.String(trainingjobtest.ScenarioTagKey), Value: aws.String("fial=Training")}))
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, trainingjobtest.CodeValidationException, apiErr.ErrorCode())
	assert.Contains(t, apiErr.ErrorMessage(), `unknown key "fial"`)

	_, err = fake.CreateTrainingJob(ctx, request("on-demand", 0, types.Tag{Key: aws.String(trainingjobtest.ScenarioTagKey), Value: aws.String("interruptions=2")}))
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.ErrorMessage(), "need EnableManagedSpotTraining", "only spot jobs are interrupted")
	spot := fkSpot(request("spot-tagged", 0, types.Tag{Key: aws.String(trainingjobtest.ScenarioTagKey), Value: aws.String("interruptions=2")}), 86400, 172800)
	_, err = fake.CreateTrainingJob(ctx, spot)
	require.NoError(t, err)
	clock.Advance(3 * time.Hour)
	assert.Equal(t, 2, trainingjob.Visits(describe("spot-tagged").SecondaryStatusTransitions, trainingjob.SecondaryStatusInterrupted))

	scaled := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock), trainingjobtest.WithTimeScale(60))
	_, err = scaled.CreateTrainingJob(ctx, fkRequest("quick"))
	require.NoError(t, err)
	clock.Advance(time.Minute)
	out, err := scaled.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("quick")})
	require.NoError(t, err)
	quick := trainingjob.FromDescribeOutput(out)
	assert.Equal(t, trainingjob.StatusCompleted, quick.TrainingJobStatus, "34 minutes at 60× take 34 seconds")
	assert.Equal(t, int32(32), quick.TrainingTimeInSeconds)
	assert.Equal(t, quick.CreationTime.Add(34*time.Second), quick.TrainingEndTime)
	assert.False(t, aws.ToBool(out.EnableNetworkIsolation))
	assert.NotNil(t, out.EnableNetworkIsolation, "the three Enable* members are always there")
	assert.NotNil(t, out.EnableInterContainerTrafficEncryption)
	assert.NotNil(t, out.EnableManagedSpotTraining)
}

// A finished job's Available warm pool takes an update of its keep-alive
// period: zero ends it at once, more keeps it longer; nothing else about a
// finished job can be updated.
func TestFakeUpdatesAFinishedJobsWarmPool(t *testing.T) {
	ctx := context.Background()
	clock := trainingjobtest.NewManualClock(created)
	fake := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock))
	for _, name := range []string{"pool-ended", "pool-kept", "no-pool"} {
		in := fkRequest(name)
		if name != "no-pool" {
			in.ResourceConfig.KeepAlivePeriodInSeconds = aws.Int32(600)
		}
		_, err := fake.CreateTrainingJob(ctx, in)
		require.NoError(t, err)
	}
	clock.Advance(35 * time.Minute) // the default life is 34 minutes: a minute of pool
	keep := func(name string, seconds int32) error {
		_, err := fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String(name),
			ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(seconds)}})
		return err
	}
	pool := func(name string) *types.WarmPoolStatus {
		out, err := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
		require.NoError(t, err)
		return out.WarmPoolStatus
	}
	require.NoError(t, keep("pool-ended", 0))
	assert.Equal(t, types.WarmPoolResourceStatusTerminated, pool("pool-ended").Status, "zero ends the pool at once")
	assert.Equal(t, int32(60), aws.ToInt32(pool("pool-ended").ResourceRetainedBillableTimeInSeconds))
	require.NoError(t, keep("pool-kept", 3600))
	clock.Advance(30 * time.Minute)
	assert.Equal(t, types.WarmPoolResourceStatusAvailable, pool("pool-kept").Status, "kept an hour from the job's end")
	assert.Equal(t, types.WarmPoolResourceStatusTerminated, pool("pool-ended").Status)

	var apiErr smithy.APIError
	require.ErrorAs(t, keep("no-pool", 600), &apiErr, "a finished job without a pool takes no update")
	assert.Equal(t, "The request was rejected because the training job is in status Completed.", apiErr.ErrorMessage())
	require.ErrorAs(t, keep("pool-ended", 600), &apiErr, "nor does a terminated pool")
	_, err := fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("pool-kept"),
		ResourceConfig:    &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(60)},
		RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)}})
	require.ErrorAs(t, err, &apiErr, "anything beside the pool is refused for a finished job")
}

// Profiling parameters merged by updates stop at the model's 20.
func TestFakeBoundsProfilingParameters(t *testing.T) {
	ctx := context.Background()
	fake := trainingjobtest.NewFake()
	_, err := fake.CreateTrainingJob(ctx, fkRequest("profiled"))
	require.NoError(t, err)
	fake.Advance(10 * time.Minute)
	var apiErr smithy.APIError
	for i := range 25 {
		_, err := fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("profiled"),
			ProfilerConfig: &types.ProfilerConfigForUpdate{ProfilingParameters: map[string]string{fmt.Sprintf("k%d", i): "v"}}})
		if i < 20 {
			require.NoError(t, err, "parameter %d", i)
			continue
		}
		require.ErrorAs(t, err, &apiErr, "parameter %d", i)
		assert.Contains(t, apiErr.ErrorMessage(), "would have 21 profiling parameters; a job has at most 20")
	}
}

// Under a time scale, Stopping and Updating stay long enough to be seen.
func TestScaledStoppingAndUpdatingStayVisible(t *testing.T) {
	s := trainingjobtest.Scenario{Name: "fast", Created: created, StopRequested: created.Add(10 * time.Second),
		Updates: []time.Time{created.Add(5 * time.Second)}}.Scaled(60)
	h := finished(s).SecondaryStatusTransitions
	var lengths = map[trainingjob.SecondaryStatus]time.Duration{}
	for _, e := range h {
		lengths[e.Status] += e.EndTime.Sub(e.StartTime)
	}
	assert.Equal(t, 5*time.Second, lengths[trainingjob.SecondaryStatusUpdating], "30 s at 60× would be half a second")
	assert.Equal(t, 5*time.Second, lengths[trainingjob.SecondaryStatusStopping])
	short := trainingjobtest.Scenario{Name: "fast", Created: created, Stopping: 2 * time.Second, StopRequested: created}.Scaled(60)
	h = finished(short).SecondaryStatusTransitions
	assert.Equal(t, 2*time.Second, h[len(h)-2].EndTime.Sub(h[len(h)-2].StartTime), "a phase shorter than the floor keeps its own length")
}
