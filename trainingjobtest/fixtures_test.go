package trainingjobtest_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// fxDefaultBase is the documented default base time of the fixtures.
var fxDefaultBase = time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)

// Short names for the statuses, to keep the tables readable.
const (
	fxStarting    = trainingjob.SecondaryStatusStarting
	fxPending     = trainingjob.SecondaryStatusPending
	fxDownloading = trainingjob.SecondaryStatusDownloading
	fxTraining    = trainingjob.SecondaryStatusTraining
	fxUploading   = trainingjob.SecondaryStatusUploading
	fxInterrupted = trainingjob.SecondaryStatusInterrupted
	fxRestarting  = trainingjob.SecondaryStatusRestarting
	fxUpdating    = trainingjob.SecondaryStatusUpdating
	fxStopping    = trainingjob.SecondaryStatusStopping
)

// fxCase is one fixture and what it must look like.
type fxCase struct {
	name        string
	make        func(...trainingjobtest.FixtureOption) *trainingjob.Builder
	defaultName string
	primary     trainingjob.Status
	secondary   trainingjob.SecondaryStatus
	outcome     trainingjob.Outcome
	history     []trainingjob.SecondaryStatus
}

func fxInProgress(s trainingjob.SecondaryStatus) func(...trainingjobtest.FixtureOption) *trainingjob.Builder {
	return func(opts ...trainingjobtest.FixtureOption) *trainingjob.Builder {
		return trainingjobtest.InProgress(s, opts...)
	}
}

func fxCases() []fxCase {
	ran := []trainingjob.SecondaryStatus{fxStarting, fxDownloading, fxTraining, fxUploading}
	spot := []trainingjob.SecondaryStatus{fxStarting, fxDownloading, fxTraining, fxInterrupted, fxStarting, fxDownloading, fxTraining, fxUploading}
	upTo := func(tail ...trainingjob.SecondaryStatus) []trainingjob.SecondaryStatus {
		return append([]trainingjob.SecondaryStatus{fxStarting, fxDownloading, fxTraining}, tail...)
	}
	done := func(h []trainingjob.SecondaryStatus, last trainingjob.SecondaryStatus) []trainingjob.SecondaryStatus {
		return append(slices.Clone(h), last)
	}
	ip, running := trainingjob.StatusInProgress, trainingjob.OutcomeRunning
	return []fxCase{
		{"Completed", trainingjobtest.Completed, "completed-job", trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted,
			trainingjob.OutcomeSucceeded, done(ran, trainingjob.SecondaryStatusCompleted)},
		{"CompletedSpot", trainingjobtest.CompletedSpot, "completed-spot-job", trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted,
			trainingjob.OutcomeSucceeded, done(spot, trainingjob.SecondaryStatusCompleted)},
		{"Failed", trainingjobtest.Failed, "failed-job", trainingjob.StatusFailed, trainingjob.SecondaryStatusFailed,
			trainingjob.OutcomeFailed, done(ran, trainingjob.SecondaryStatusFailed)},
		{"FailedAtStart", trainingjobtest.FailedAtStart, "failed-at-start-job", trainingjob.StatusFailed, trainingjob.SecondaryStatusFailed,
			trainingjob.OutcomeFailed, []trainingjob.SecondaryStatus{fxStarting, trainingjob.SecondaryStatusFailed}},
		{"Stopped", trainingjobtest.Stopped, "stopped-job", trainingjob.StatusStopped, trainingjob.SecondaryStatusStopped,
			trainingjob.OutcomeStoppedByUser, upTo(fxStopping, trainingjob.SecondaryStatusStopped)},
		{"MaxRuntimeExceeded", trainingjobtest.MaxRuntimeExceeded, "max-runtime-exceeded-job", trainingjob.StatusStopped, trainingjob.SecondaryStatusMaxRuntimeExceeded,
			trainingjob.OutcomeMaxRuntimeExceeded, upTo(fxStopping, trainingjob.SecondaryStatusMaxRuntimeExceeded)},
		{"MaxWaitTimeExceeded", trainingjobtest.MaxWaitTimeExceeded, "max-wait-time-exceeded-job", trainingjob.StatusStopped, trainingjob.SecondaryStatusMaxWaitTimeExceeded,
			trainingjob.OutcomeMaxWaitTimeExceeded, upTo(fxInterrupted, fxStopping, trainingjob.SecondaryStatusMaxWaitTimeExceeded)},
		{"Stopping", trainingjobtest.Stopping, "stopping-job", trainingjob.StatusStopping, fxStopping, running, upTo(fxStopping)},
		{"Deleting", trainingjobtest.Deleting, "deleting-job", trainingjob.StatusDeleting, trainingjob.SecondaryStatusCompleted,
			trainingjob.OutcomeDeleting, done(ran, trainingjob.SecondaryStatusCompleted)},
		{"InProgress(Starting)", fxInProgress(fxStarting), "in-progress-starting-job", ip, fxStarting, running, []trainingjob.SecondaryStatus{fxStarting}},
		{"InProgress(Pending)", fxInProgress(fxPending), "in-progress-pending-job", ip, fxPending, running, []trainingjob.SecondaryStatus{fxStarting, fxPending}},
		{"InProgress(Downloading)", fxInProgress(fxDownloading), "in-progress-downloading-job", ip, fxDownloading, running, []trainingjob.SecondaryStatus{fxStarting, fxDownloading}},
		{"InProgress(Training)", fxInProgress(fxTraining), "in-progress-training-job", ip, fxTraining, running, upTo()},
		{"InProgress(Uploading)", fxInProgress(fxUploading), "in-progress-uploading-job", ip, fxUploading, running, upTo(fxUploading)},
		{"InProgress(Interrupted)", fxInProgress(fxInterrupted), "in-progress-interrupted-job", ip, fxInterrupted, running, upTo(fxInterrupted)},
		{"InProgress(Restarting)", fxInProgress(fxRestarting), "in-progress-restarting-job", ip, fxRestarting, running, upTo(fxRestarting)},
		{"InProgress(Updating)", fxInProgress(fxUpdating), "in-progress-updating-job", ip, fxUpdating, running, upTo(fxUpdating)},
	}
}

func fxStatuses(h []trainingjob.SecondaryStatusTransition) []trainingjob.SecondaryStatus {
	out := make([]trainingjob.SecondaryStatus, len(h))
	for i, t := range h {
		out[i] = t.Status
	}
	return out
}

// Every fixture passes strict validation and tells the story its doc
// promises: statuses, outcome, history, and the facts the status model records for
// real histories.
func TestFixturesAreValidAndShapedAsDocumented(t *testing.T) {
	cases := fxCases()
	require.Len(t, cases, 9+len(trainingjobtest.InProgressSecondaries()), "one case per fixture and per running status")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			job, err := c.make().Build(trainingjob.Strict())
			require.NoError(t, err)
			require.NotEmpty(t, job.SecondaryStatusTransitions)

			assert.Equal(t, c.defaultName, job.TrainingJobName)
			assert.Equal(t, "arn:aws:sagemaker:us-east-1:123456789012:training-job/"+c.defaultName, job.TrainingJobArn)
			assert.Equal(t, c.primary, job.TrainingJobStatus)
			assert.Equal(t, c.secondary, job.SecondaryStatus)
			assert.Equal(t, c.outcome, job.Outcome())
			assert.Equal(t, c.history, fxStatuses(job.SecondaryStatusTransitions))

			h := job.SecondaryStatusTransitions
			last := h[len(h)-1]
			assert.Equal(t, fxDefaultBase, job.CreationTime)
			assert.Equal(t, job.CreationTime, h[0].StartTime, "the history starts at CreationTime")
			assert.True(t, trainingjob.IsContiguous(h), "entries touch")
			assert.Equal(t, job.SecondaryStatus, last.Status)
			if first := slices.Index(fxStatuses(h), fxDownloading); first >= 0 {
				assert.Equal(t, h[first].StartTime, job.TrainingStartTime, "training starts with the first download")
			} else {
				assert.True(t, job.TrainingStartTime.IsZero(), "a job that never downloaded never started training")
			}

			// Realistic members on every fixture.
			require.NotNil(t, job.AlgorithmSpecification)
			assert.NotEmpty(t, aws.ToString(job.AlgorithmSpecification.TrainingImage))
			assert.NotEmpty(t, job.AlgorithmSpecification.MetricDefinitions)
			assert.NotEmpty(t, job.HyperParameters)
			require.NotEmpty(t, job.InputDataConfig)
			for _, ch := range job.InputDataConfig {
				require.NotNil(t, ch.DataSource)
				require.NotNil(t, ch.DataSource.S3DataSource, "S3 channels")
			}
			require.NotNil(t, job.OutputDataConfig)
			assert.Nil(t, job.VpcConfig)
			require.NotNil(t, job.StoppingCondition)
			require.NotNil(t, job.ResourceConfig)
			assert.NotEmpty(t, job.RoleArn)

			finished := job.TrainingJobStatus.IsTerminal() || job.TrainingJobStatus == trainingjob.StatusDeleting
			if finished {
				assert.False(t, last.IsOpen())
				assert.Equal(t, last.StartTime, last.EndTime, "the terminal entry lasts no time")
				assert.Equal(t, job.TrainingEndTime, last.StartTime)
				if job.TrainingJobStatus != trainingjob.StatusDeleting {
					assert.Equal(t, job.TrainingEndTime, job.LastModifiedTime)
				}
			} else {
				assert.True(t, last.IsOpen(), "a running job's last entry is open")
				assert.Equal(t, last.StartTime, job.LastModifiedTime)
				assert.True(t, job.TrainingEndTime.IsZero())
				assert.Nil(t, job.ModelArtifacts)
				assert.Zero(t, job.BillableTimeInSeconds)
				assert.Empty(t, job.FinalMetricDataList)
			}
			if job.SecondaryStatus == trainingjob.SecondaryStatusCompleted {
				require.NotNil(t, job.ModelArtifacts)
				assert.True(t, strings.HasPrefix(aws.ToString(job.ModelArtifacts.S3ModelArtifacts), aws.ToString(job.OutputDataConfig.S3OutputPath)),
					"the model lies below the output path")
				var defined []string
				for _, m := range job.AlgorithmSpecification.MetricDefinitions {
					defined = append(defined, aws.ToString(m.Name))
				}
				require.NotEmpty(t, job.FinalMetricDataList)
				for _, m := range job.FinalMetricDataList {
					assert.Contains(t, defined, aws.ToString(m.MetricName), "final metrics are defined metrics")
					assert.Equal(t, job.TrainingEndTime, aws.ToTime(m.Timestamp))
				}
			}
			if job.SecondaryStatus == trainingjob.SecondaryStatusFailed {
				assert.NotEmpty(t, job.FailureReason)
			} else {
				assert.Empty(t, job.FailureReason)
			}
			if !job.EnableManagedSpotTraining && job.BillableTimeInSeconds > 0 {
				assert.Equal(t, job.TrainingTimeInSeconds, job.BillableTimeInSeconds, "on demand, every second of training is billed")
			}
			if job.EnableManagedSpotTraining {
				require.NotNil(t, job.StoppingCondition.MaxWaitTimeInSeconds)
				assert.GreaterOrEqual(t, *job.StoppingCondition.MaxWaitTimeInSeconds, *job.StoppingCondition.MaxRuntimeInSeconds,
					"the service wants MaxWaitTimeInSeconds >= MaxRuntimeInSeconds")
				assert.NotNil(t, job.CheckpointConfig, "spot jobs keep checkpoints")
			}
		})
	}
}

// The facts each fixture's doc states, one by one.
func TestFixtureFacts(t *testing.T) {
	build := func(b *trainingjob.Builder) trainingjob.TrainingJob {
		t.Helper()
		job, err := b.Build(trainingjob.Strict())
		require.NoError(t, err)
		return job
	}
	at := func(d time.Duration) time.Time { return fxDefaultBase.Add(d) }

	t.Run("Completed", func(t *testing.T) {
		job := build(trainingjobtest.Completed())
		assert.Equal(t, at(34*time.Minute), job.TrainingEndTime)
		assert.Equal(t, at(2*time.Minute), job.TrainingStartTime)
		assert.Equal(t, int32(32*60), job.TrainingTimeInSeconds)
		assert.Equal(t, int32(32*60), job.BillableTimeInSeconds)
		assert.False(t, job.EnableManagedSpotTraining)
		assert.Equal(t, types.TrainingInstanceTypeMlM5Xlarge, job.ResourceConfig.InstanceType)
	})
	t.Run("CompletedSpot", func(t *testing.T) {
		job := build(trainingjobtest.CompletedSpot())
		assert.True(t, job.EnableManagedSpotTraining)
		assert.Equal(t, 2, trainingjob.Visits(job.SecondaryStatusTransitions, fxTraining), "trains before and after the interruption")
		assert.Equal(t, 1, trainingjob.Visits(job.SecondaryStatusTransitions, fxInterrupted))
		assert.Less(t, job.BillableTimeInSeconds, job.TrainingTimeInSeconds, "bills less than it trains")
		// 39 minutes trained, 4 of them interrupted: the other 35 are
		// billed less the default spot savings of 70%.
		assert.Equal(t, int32(39*60), job.TrainingTimeInSeconds)
		assert.Equal(t, int32(35*60*3/10), job.BillableTimeInSeconds, "the interruption is not billed, the rest at spot savings")
	})
	t.Run("Failed", func(t *testing.T) {
		job := build(trainingjobtest.Failed())
		h := fxStatuses(job.SecondaryStatusTransitions)
		assert.Equal(t, fxUploading, h[len(h)-2], "fails after Uploading, as real failures do")
		assert.True(t, strings.HasPrefix(job.FailureReason, "AlgorithmError"), job.FailureReason)
		require.NotNil(t, job.ModelArtifacts, "a failure during Uploading leaves what was uploaded")
	})
	t.Run("FailedAtStart", func(t *testing.T) {
		job := build(trainingjobtest.FailedAtStart())
		assert.True(t, job.TrainingStartTime.IsZero(), "never started")
		assert.Zero(t, job.TrainingTimeInSeconds)
		assert.Zero(t, job.BillableTimeInSeconds)
		assert.True(t, strings.HasPrefix(job.FailureReason, "CapacityError"), job.FailureReason)
		assert.Equal(t, types.TrainingInstanceTypeMlP4d24xlarge, job.ResourceConfig.InstanceType)
		assert.Equal(t, at(2*time.Minute), job.TrainingEndTime)
	})
	t.Run("Stopped", func(t *testing.T) {
		job := build(trainingjobtest.Stopped())
		h := job.SecondaryStatusTransitions
		assert.Equal(t, at(15*time.Minute), h[len(h)-2].StartTime, "Stopping begins at the stop request")
		assert.Equal(t, 30*time.Second, h[len(h)-2].Duration(time.Time{}))
		assert.Equal(t, int32(13*60+30), job.TrainingTimeInSeconds)
	})
	t.Run("Stopping", func(t *testing.T) {
		stopping := build(trainingjobtest.Stopping())
		stopped := build(trainingjobtest.Stopped())
		assert.Equal(t, stopped.SecondaryStatusTransitions[:3], stopping.SecondaryStatusTransitions[:3], "the same story as Stopped")
		assert.Equal(t, at(15*time.Minute), stopping.LastModifiedTime)
		assert.Equal(t, int32(13*60+10), stopping.TrainingTimeInSeconds, "elapsed 10 seconds after the stop request")
	})
	t.Run("MaxRuntimeExceeded", func(t *testing.T) {
		job := build(trainingjobtest.MaxRuntimeExceeded())
		assert.Equal(t, int32(1200), aws.ToInt32(job.StoppingCondition.MaxRuntimeInSeconds))
		assert.Equal(t, int32(1230), job.TrainingTimeInSeconds, "runs past the limit by the Stopping phase")
		h := job.SecondaryStatusTransitions
		assert.Equal(t, 20*time.Minute, h[len(h)-2].StartTime.Sub(job.TrainingStartTime), "stopped when the limit was reached")
	})
	t.Run("MaxWaitTimeExceeded", func(t *testing.T) {
		job := build(trainingjobtest.MaxWaitTimeExceeded())
		assert.True(t, job.EnableManagedSpotTraining)
		assert.Equal(t, int32(7200), aws.ToInt32(job.StoppingCondition.MaxWaitTimeInSeconds))
		assert.Equal(t, int32(3600), aws.ToInt32(job.StoppingCondition.MaxRuntimeInSeconds))
		h := job.SecondaryStatusTransitions
		stopping := h[len(h)-2]
		assert.Equal(t, 2*time.Hour, stopping.StartTime.Sub(job.TrainingStartTime), "stopped when the wait limit ran out")
		assert.Equal(t, fxInterrupted, h[len(h)-3].Status, "still waiting for capacity")
		var interrupted time.Duration
		for _, tr := range h {
			if tr.Status == fxInterrupted {
				interrupted += tr.Duration(time.Time{})
			}
		}
		running := stopping.StartTime.Sub(job.TrainingStartTime) - interrupted
		assert.Less(t, running, time.Hour, "never reached the runtime limit")
		assert.Less(t, job.BillableTimeInSeconds, job.TrainingTimeInSeconds)
	})
	t.Run("Deleting", func(t *testing.T) {
		job := build(trainingjobtest.Deleting())
		completed := build(trainingjobtest.Completed())
		assert.Equal(t, completed.SecondaryStatusTransitions, job.SecondaryStatusTransitions)
		assert.Equal(t, job.TrainingEndTime.Add(time.Hour), job.LastModifiedTime, "modified by the delete request")
		assert.False(t, job.IsTerminal())

		failed, err := trainingjobtest.Failed().WithTrainingJobStatus(trainingjob.StatusDeleting).Build(trainingjob.Strict())
		require.NoError(t, err, "another fixture, being deleted")
		assert.Equal(t, trainingjob.OutcomeDeleting, failed.Outcome())
	})
	t.Run("Restarting", func(t *testing.T) {
		job := build(trainingjobtest.InProgress(fxRestarting))
		require.NotNil(t, job.RetryStrategy, "only a job with a retry strategy restarts")
		assert.Equal(t, int32(3), aws.ToInt32(job.RetryStrategy.MaximumRetryAttempts))
		assert.Equal(t, at(15*time.Minute), job.LastModifiedTime)
		assert.Equal(t, int32(14*60), job.TrainingTimeInSeconds)
	})
	t.Run("Updating", func(t *testing.T) {
		job := build(trainingjobtest.InProgress(fxUpdating))
		require.NotNil(t, job.ProfilerConfig, "the update's new settings")
		assert.Equal(t, types.ProfilingStatusEnabled, job.ProfilingStatus)
	})
	t.Run("Interrupted", func(t *testing.T) {
		job := build(trainingjobtest.InProgress(fxInterrupted))
		spot := build(trainingjobtest.CompletedSpot())
		assert.True(t, job.EnableManagedSpotTraining)
		assert.Equal(t, spot.SecondaryStatusTransitions[:3], job.SecondaryStatusTransitions[:3], "the CompletedSpot story")
	})
	t.Run("Pending", func(t *testing.T) {
		job := build(trainingjobtest.InProgress(fxPending))
		assert.Equal(t, at(2*time.Minute), job.LastModifiedTime)
		assert.True(t, job.TrainingStartTime.IsZero())
		assert.Zero(t, job.TrainingTimeInSeconds)
	})
}

// fxEachTime calls fn with a pointer to every time.Time reachable from v
// through exported fields, pointers and slices, in a fixed order.
func fxEachTime(v reflect.Value, fn func(*time.Time)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fxEachTime(v.Elem(), fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			fxEachTime(v.Index(i), fn)
		}
	case reflect.Struct:
		if t, ok := v.Addr().Interface().(*time.Time); ok {
			if !t.IsZero() {
				fn(t)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fxEachTime(v.Field(i), fn)
			}
		}
	}
}

func fxTimes(job *trainingjob.TrainingJob) []time.Time {
	var out []time.Time
	fxEachTime(reflect.ValueOf(job).Elem(), func(t *time.Time) { out = append(out, *t) })
	return out
}

// WithBaseTime moves every time of every fixture by the same amount, and
// changes nothing else; the defaults are UTC with millisecond precision, so
// fixtures survive a JSON round trip.
func TestFixtureBaseTimeMovesEveryTime(t *testing.T) {
	base := time.Date(2025, 11, 30, 23, 59, 58, 987_000_000, time.UTC)
	shift := base.Sub(fxDefaultBase)
	for _, c := range fxCases() {
		t.Run(c.name, func(t *testing.T) {
			before := c.make().MustBuild(trainingjob.Strict())
			after, err := c.make(trainingjobtest.WithBaseTime(base)).Build(trainingjob.Strict())
			require.NoError(t, err)
			assert.Equal(t, base, after.CreationTime)

			times := fxTimes(&before)
			require.GreaterOrEqual(t, len(times), 3, "creation, modification and history times at least")
			for _, tm := range times {
				assert.Equal(t, time.UTC, tm.Location())
				assert.Zero(t, tm.Nanosecond()%int(time.Millisecond), "millisecond precision")
			}
			moved := before.Clone()
			fxEachTime(reflect.ValueOf(&moved).Elem(), func(t *time.Time) { *t = t.Add(shift) })
			assert.Equal(t, moved, after, "every time moved by the same amount, nothing else changed")

			data, err := trainingjob.Marshal(&before)
			require.NoError(t, err)
			var back trainingjob.TrainingJob
			require.NoError(t, trainingjob.Unmarshal(data, &back))
			assert.Equal(t, before, back)
		})
	}
}

// A monotonic clock reading in the base time does not leak into the job.
func TestFixtureBaseTimeFromTheClock(t *testing.T) {
	now := time.Now()
	job := trainingjobtest.Completed(trainingjobtest.WithBaseTime(now)).MustBuild(trainingjob.Strict())
	assert.True(t, now.Equal(job.CreationTime))
	assert.Equal(t, now.Round(0), job.CreationTime, "no monotonic reading")
	for _, tm := range fxTimes(&job) {
		assert.Equal(t, tm.Round(0), tm)
	}
}

func TestFixtureJobName(t *testing.T) {
	for _, c := range fxCases() {
		t.Run(c.name, func(t *testing.T) {
			job, err := c.make(trainingjobtest.WithJobName("ResNet-50--v2")).Build(trainingjob.Strict())
			require.NoError(t, err)
			assert.Equal(t, "ResNet-50--v2", job.TrainingJobName)
			assert.Equal(t, "arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50--v2", job.TrainingJobArn, "lower case in the ARN")
			assert.Equal(t, `"ResNet-50--v2"`, job.HyperParameters["sagemaker_job_name"])
			if job.ModelArtifacts != nil {
				assert.Contains(t, aws.ToString(job.ModelArtifacts.S3ModelArtifacts), "/ResNet-50--v2/")
			}
		})
	}
	t.Run("later options win, nil options are ignored", func(t *testing.T) {
		job := trainingjobtest.Completed(trainingjobtest.WithJobName("a"), nil, trainingjobtest.WithJobName("b")).MustBuild()
		assert.Equal(t, "b", job.TrainingJobName)
	})
	t.Run("a name the service refuses fails the build", func(t *testing.T) {
		_, err := trainingjobtest.Completed(trainingjobtest.WithJobName("bad_name")).Build(trainingjob.Strict())
		assert.ErrorIs(t, err, trainingjob.ErrInvalid)
	})
}

// A fixture's builder is a template: tweak it and build twice, and neither
// the earlier job nor a fresh fixture sees the change; changing a built job
// changes neither.
func TestFixtureBuildersAreIndependent(t *testing.T) {
	for _, c := range fxCases() {
		t.Run(c.name, func(t *testing.T) {
			pristine := c.make().MustBuild(trainingjob.Strict())

			b := c.make()
			first := b.MustBuild(trainingjob.Strict())
			b.WithHyperParameter("epochs", "99").WithInstances(types.TrainingInstanceTypeMlP32xlarge, 4).WithTag("team", "ml")
			second, err := b.Build(trainingjob.Strict())
			require.NoError(t, err, "one tweak and the job is still valid")

			assert.Equal(t, "10", first.HyperParameters["epochs"])
			assert.Equal(t, "99", second.HyperParameters["epochs"])
			assert.Equal(t, pristine.ResourceConfig.InstanceType, first.ResourceConfig.InstanceType)
			assert.Equal(t, types.TrainingInstanceTypeMlP32xlarge, second.ResourceConfig.InstanceType)
			assert.Equal(t, int32(4), aws.ToInt32(second.ResourceConfig.InstanceCount))
			assert.Empty(t, first.Tags)
			assert.Equal(t, pristine, first)

			// Scribble over the built jobs.
			first.HyperParameters["lr"] = "scribbled"
			first.SecondaryStatusTransitions[0].StatusMessage = "scribbled"
			*first.AlgorithmSpecification.TrainingImage = "scribbled"
			first.InputDataConfig[0].ChannelName = aws.String("scribbled")
			second.AlgorithmSpecification.MetricDefinitions[0].Name = aws.String("scribbled")

			third := b.MustBuild(trainingjob.Strict())
			assert.Equal(t, "0.001", third.HyperParameters["lr"])
			assert.Equal(t, "99", third.HyperParameters["epochs"], "the builder keeps its tweak")
			assert.Equal(t, pristine.SecondaryStatusTransitions, third.SecondaryStatusTransitions)
			assert.Equal(t, pristine.AlgorithmSpecification, third.AlgorithmSpecification)
			assert.Equal(t, pristine.InputDataConfig, third.InputDataConfig)
			assert.Equal(t, pristine, c.make().MustBuild(trainingjob.Strict()), "a fresh fixture is untouched")
		})
	}
}

func TestInProgressSecondaries(t *testing.T) {
	var today []trainingjob.SecondaryStatus
	for _, s := range trainingjob.Secondaries(trainingjob.StatusInProgress, trainingjob.Strict()) {
		if !s.IsDeprecated() {
			today = append(today, s)
		}
	}
	got := trainingjobtest.InProgressSecondaries()
	assert.ElementsMatch(t, today, got, "every running status the service uses today, and no other")
	got[0] = "changed"
	assert.Equal(t, fxStarting, trainingjobtest.InProgressSecondaries()[0], "a new slice each time")
}

func TestInProgressRefusesOtherStatuses(t *testing.T) {
	for _, s := range []trainingjob.SecondaryStatus{
		trainingjob.SecondaryStatusLaunchingMLInstances, trainingjob.SecondaryStatusPreparingTrainingStack,
		trainingjob.SecondaryStatusDownloadingTrainingImage, trainingjob.SecondaryStatusCompleted,
		trainingjob.SecondaryStatusFailed, fxStopping, trainingjob.SecondaryStatusStopped, "", "Sleeping",
	} {
		assert.Panics(t, func() { trainingjobtest.InProgress(s) }, "%q", string(s))
	}
}

// Scenario's limits agree with the StoppingCondition it reports, and a stop
// at a phase boundary adds no empty phase.
func TestScenarioLimitsAgreeWithStoppingCondition(t *testing.T) {
	for name, s := range map[string]trainingjobtest.Scenario{
		"default limit": {Name: "j", Created: fxDefaultBase, Outcome: trainingjob.OutcomeMaxRuntimeExceeded},
		"long limit":    {Name: "j", Created: fxDefaultBase, Outcome: trainingjob.OutcomeMaxRuntimeExceeded, MaxRuntime: 2 * time.Hour},
	} {
		job := s.JobAt(fxDefaultBase.Add(48 * time.Hour))
		assert.Equal(t, trainingjob.OutcomeMaxRuntimeExceeded, job.Outcome(), name)
		assert.GreaterOrEqual(t, job.TrainingTimeInSeconds, aws.ToInt32(job.StoppingCondition.MaxRuntimeInSeconds),
			"%s: a job stopped for exceeding its runtime ran at least that long", name)
	}
}

func TestScenarioStopAtAPhaseBoundary(t *testing.T) {
	s := trainingjobtest.Scenario{Name: "j", Created: fxDefaultBase, StopRequested: fxDefaultBase.Add(trainingjobtest.DefaultPhases().Starting)}
	job := s.JobAt(fxDefaultBase.Add(time.Hour))
	assert.Equal(t, []trainingjob.SecondaryStatus{fxStarting, fxStopping, trainingjob.SecondaryStatusStopped}, fxStatuses(job.SecondaryStatusTransitions))
	assert.True(t, job.TrainingStartTime.IsZero())
}
