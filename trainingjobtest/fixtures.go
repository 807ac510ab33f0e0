package trainingjobtest

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// This file holds the named fixtures: each tells one story with a Scenario,
// takes the job as DescribeTrainingJob shows it at a chosen moment
// (Scenario.JobAt), dresses it with the members a real PyTorch job created
// by the SageMaker Python SDK has, and hands it over as a Builder.
//
// Every fixture starts from the same defaults, so their stories line up:
// Starting lasts 2 minutes, Downloading 1, Training 30, Uploading 1 and
// Stopping 30 seconds (DefaultPhases()); the job runs on one ml.m5.xlarge in
// us-east-1, account 123456789012.

// FixtureOption adjusts a fixture. The fixtures accept any number of them;
// a later option overrides an earlier one.
type FixtureOption func(*fixtureConfig)

type fixtureConfig struct {
	base time.Time
	name string
}

// defaultBaseTime is where every fixture's story starts unless WithBaseTime
// says otherwise.
var defaultBaseTime = time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)

// WithBaseTime makes the fixture's story start at t: t becomes the job's
// CreationTime and the StartTime of its first history entry, and every
// other time moves with it. Without this option the story starts at
// 2024-03-08T10:00:00Z.
//
// The fixture keeps the zone and precision of t (only a monotonic clock
// reading is dropped). The service's own times are in UTC with millisecond
// precision; pass such a time when the job must survive a JSON round trip
// unchanged.
func WithBaseTime(t time.Time) FixtureOption {
	return func(c *fixtureConfig) { c.base = t.Round(0) }
}

// WithJobName names the fixture's job. The name also appears, lower-cased,
// in TrainingJobArn, and in the paths and hyperparameters that mention the
// job. Each fixture documents its default name. A name the service would
// refuse makes Build fail.
func WithJobName(name string) FixtureOption {
	return func(c *fixtureConfig) { c.name = name }
}

func newFixture(defaultName string, opts []FixtureOption) fixtureConfig {
	c := fixtureConfig{base: defaultBaseTime, name: defaultName}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// scenario returns the fixture's story with every default.
func (c fixtureConfig) scenario() Scenario {
	return Scenario{Name: c.name, Created: c.base}
}

// longAfter is a moment when any fixture's story has ended.
func longAfter(s Scenario) time.Time { return s.Created.Add(30 * 24 * time.Hour) }

// at takes the job as it is at now, dresses it and returns a builder.
func (c fixtureConfig) at(s Scenario, now time.Time) *trainingjob.Builder {
	job := s.JobAt(now)
	dressFixture(&job, s)
	return job.ToBuilder()
}

// Completed returns a builder holding an on-demand job that ran to
// completion: Starting, Downloading, Training, Uploading, Completed, 34
// minutes in all, with ModelArtifacts and final metrics. Its default name
// is "completed-job".
func Completed(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("completed-job", opts)
	s := c.scenario()
	return c.at(s, longAfter(s))
}

// completedSpotScenario is a managed spot job whose instances are reclaimed
// after 12 minutes of training and come back 4 minutes later.
func (c fixtureConfig) completedSpotScenario() Scenario {
	s := c.scenario()
	s.Spot = true
	s.Interruptions = []Interruption{{At: 12 * time.Minute, Lasts: 4 * time.Minute}}
	return s
}

// CompletedSpot returns a builder holding a managed spot job that was
// interrupted once and then completed: Starting, Downloading, Training,
// Interrupted (4 minutes), Starting, Downloading, Training, Uploading,
// Completed. It visits Training twice, keeps checkpoints in S3, and its
// BillableTimeInSeconds is the TrainingTimeInSeconds less the 4 minutes of
// interruption. Its default name is "completed-spot-job".
func CompletedSpot(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("completed-spot-job", opts)
	s := c.completedSpotScenario()
	return c.at(s, longAfter(s))
}

// Failed returns a builder holding a job whose training script failed: it
// went through Starting, Downloading, Training and Uploading, as real
// failures do, before Failed, and its FailureReason names an AlgorithmError.
// Its default name is "failed-job".
func Failed(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("failed-job", opts)
	s := c.scenario()
	s.Outcome = trainingjob.OutcomeFailed
	return c.at(s, longAfter(s))
}

// FailedAtStart returns a builder holding a job that failed before it
// started: SageMaker found no capacity for its ml.p4d.24xlarge instance, so
// its history is Starting then Failed, its FailureReason is a
// CapacityError, and it has no TrainingStartTime, TrainingTimeInSeconds or
// BillableTimeInSeconds. Its default name is "failed-at-start-job".
func FailedAtStart(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("failed-at-start-job", opts)
	s := c.scenario()
	s.Outcome = trainingjob.OutcomeFailed
	s.FailIn = trainingjob.SecondaryStatusStarting
	s.InstanceType = types.TrainingInstanceTypeMlP4d24xlarge
	return c.at(s, longAfter(s))
}

// stopScenario is a job someone stops 15 minutes after creating it, 12
// minutes into training.
func (c fixtureConfig) stopScenario() Scenario {
	s := c.scenario()
	s.StopRequested = c.base.Add(15 * time.Minute)
	return s
}

// Stopped returns a builder holding a job that someone stopped with
// StopTrainingJob 12 minutes into training: Starting, Downloading, Training,
// Stopping (30 seconds), Stopped. Its default name is "stopped-job".
func Stopped(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("stopped-job", opts)
	s := c.stopScenario()
	return c.at(s, longAfter(s))
}

// Stopping returns a builder holding the Stopped fixture's job 10 seconds
// after the stop request: both statuses are Stopping and the last history
// entry is open. Its default name is "stopping-job".
func Stopping(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("stopping-job", opts)
	s := c.stopScenario()
	return c.at(s, s.StopRequested.Add(10*time.Second))
}

// MaxRuntimeExceeded returns a builder holding a job that SageMaker stopped
// when it reached its MaxRuntimeInSeconds of 20 minutes (1200 seconds) in
// the middle of training: Starting, Downloading, Training, Stopping,
// MaxRuntimeExceeded. Its TrainingTimeInSeconds, 1230, runs past the limit
// by the Stopping phase, as the service's does. Its default name is
// "max-runtime-exceeded-job".
func MaxRuntimeExceeded(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("max-runtime-exceeded-job", opts)
	s := c.scenario()
	s.Outcome = trainingjob.OutcomeMaxRuntimeExceeded
	s.MaxRuntime = 20 * time.Minute
	return c.at(s, longAfter(s))
}

// MaxWaitTimeExceeded returns a builder holding a managed spot job that
// SageMaker stopped because it waited too long for spot capacity: its
// instances were reclaimed after 30 minutes of training, and it was still
// Interrupted when its MaxWaitTimeInSeconds of 2 hours ran out (counted
// from TrainingStartTime). Its history is Starting, Downloading, Training,
// Interrupted, Stopping, MaxWaitTimeExceeded; MaxRuntimeInSeconds is one
// hour, which the job never reached. Its default name is
// "max-wait-time-exceeded-job".
func MaxWaitTimeExceeded(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("max-wait-time-exceeded-job", opts)
	s := c.scenario()
	s.Spot = true
	s.Outcome = trainingjob.OutcomeMaxWaitTimeExceeded
	s.Training = 90 * time.Minute
	s.MaxRuntime = time.Hour
	s.MaxWait = 2 * time.Hour
	s.Interruptions = []Interruption{{At: 30 * time.Minute, Lasts: 2 * time.Hour}}
	return c.at(s, longAfter(s))
}

// Deleting returns a builder holding the Completed fixture's job one hour
// after it ended, while DeleteTrainingJob removes it: TrainingJobStatus is
// Deleting, SecondaryStatus stays Completed, and LastModifiedTime is the
// moment of the delete request. For another deleted job, set the status on
// another fixture: Failed().WithTrainingJobStatus(trainingjob.StatusDeleting).
// Its default name is "deleting-job".
func Deleting(opts ...FixtureOption) *trainingjob.Builder {
	c := newFixture("deleting-job", opts)
	s := c.scenario()
	job := s.JobAt(longAfter(s))
	dressFixture(&job, s)
	job.TrainingJobStatus = trainingjob.StatusDeleting
	job.LastModifiedTime = job.TrainingEndTime.Add(time.Hour)
	return job.ToBuilder()
}

// inProgressSecondaries are the secondary statuses that go with InProgress
// and that the service still uses, in the order of a job's life.
var inProgressSecondaries = [...]trainingjob.SecondaryStatus{
	trainingjob.SecondaryStatusStarting,
	trainingjob.SecondaryStatusPending,
	trainingjob.SecondaryStatusDownloading,
	trainingjob.SecondaryStatusTraining,
	trainingjob.SecondaryStatusUploading,
	trainingjob.SecondaryStatusInterrupted,
	trainingjob.SecondaryStatusRestarting,
	trainingjob.SecondaryStatusUpdating,
}

// InProgressSecondaries returns the secondary statuses InProgress accepts:
// those that go with the InProgress primary status and that the service
// uses today. The three statuses deprecated in 2018 are not among them (a
// Generator makes jobs with those: see Generator.JobIn). The result is a new
// slice.
func InProgressSecondaries() []trainingjob.SecondaryStatus {
	return append([]trainingjob.SecondaryStatus(nil), inProgressSecondaries[:]...)
}

// Messages of the history entries that only the fixtures and the Generator
// write; the scenario's own messages are the Message constants.
const (
	messageRetrying = "Restarting the training job after an internal error"
	messageUpdating = "Updating the training job"
)

// InProgress returns a builder holding a running job whose secondary status
// is secondary, with the history that leads there and its last entry open.
// Each is a moment of a fixture's story:
//
//   - Starting: 1 minute after creation.
//   - Pending: 7 minutes after creation, in a story that waited 10 minutes
//     for capacity after Starting.
//   - Downloading: 2 minutes 30 seconds after creation.
//   - Training: 18 minutes after creation, 15 minutes into training.
//   - Uploading: 33 minutes 30 seconds after creation.
//   - Interrupted: the CompletedSpot story 17 minutes after creation, while
//     its spot instances are reclaimed.
//   - Restarting: an internal error ended training 15 minutes after
//     creation and SageMaker retries the job, as its RetryStrategy (3
//     attempts) allows; a minute later the job is Restarting. When the
//     restart is done the job goes back to Starting, Downloading and
//     Training.
//   - Updating: an UpdateTrainingJob call enabled the profiler 15 minutes
//     after creation (ProfilerConfig and ProfilingStatus show the new
//     settings); 30 seconds later the job is Updating, and it goes back to
//     Training afterwards.
//
// InProgress panics when secondary is not one of InProgressSecondaries.
// Its default name is "in-progress-" followed by the status in lower case,
// such as "in-progress-training-job".
func InProgress(secondary trainingjob.SecondaryStatus, opts ...FixtureOption) *trainingjob.Builder {
	name := ""
	for _, s := range inProgressSecondaries {
		if s == secondary {
			name = "in-progress-" + strings.ToLower(string(s)) + "-job"
		}
	}
	if name == "" {
		panic(fmt.Sprintf("trainingjobtest: InProgress(%q): not a secondary status of a running job today; use one of %v", string(secondary), InProgressSecondaries()))
	}
	c := newFixture(name, opts)
	s := c.scenario()
	b := c.base
	switch secondary {
	case trainingjob.SecondaryStatusStarting:
		return c.at(s, b.Add(time.Minute))
	case trainingjob.SecondaryStatusPending:
		s.Pending = 10 * time.Minute
		return c.at(s, b.Add(7*time.Minute))
	case trainingjob.SecondaryStatusDownloading:
		return c.at(s, b.Add(2*time.Minute+30*time.Second))
	case trainingjob.SecondaryStatusTraining:
		return c.at(s, b.Add(18*time.Minute))
	case trainingjob.SecondaryStatusUploading:
		return c.at(s, b.Add(33*time.Minute+30*time.Second))
	case trainingjob.SecondaryStatusInterrupted:
		s = c.completedSpotScenario()
		return c.at(s, b.Add(17*time.Minute))
	case trainingjob.SecondaryStatusRestarting:
		job := breakTraining(s, b.Add(15*time.Minute), b.Add(16*time.Minute), secondary, messageRetrying)
		job.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(3)}
		return job.ToBuilder()
	default: // Updating
		job := breakTraining(s, b.Add(15*time.Minute), b.Add(15*time.Minute+30*time.Second), secondary, messageUpdating)
		job.ProfilerConfig = &types.ProfilerConfig{
			S3OutputPath:                    aws.String(fixtureOutputPath(s)),
			ProfilingIntervalInMilliseconds: aws.Int64(500),
		}
		job.ProfilingStatus = types.ProfilingStatusEnabled
		return job.ToBuilder()
	}
}

// breakTraining takes the scenario's job while it trains, ends the Training
// entry at from and opens an entry of status there: the job as described at
// now.
func breakTraining(s Scenario, from, now time.Time, status trainingjob.SecondaryStatus, msg string) trainingjob.TrainingJob {
	job := s.JobAt(from)
	h := job.SecondaryStatusTransitions
	h[len(h)-1].EndTime = from
	job.SecondaryStatusTransitions = append(h, trainingjob.SecondaryStatusTransition{Status: status, StartTime: from, StatusMessage: msg})
	job.SecondaryStatus = status
	job.LastModifiedTime = from
	job.TrainingTimeInSeconds = int32(now.Sub(job.TrainingStartTime) / time.Second)
	dressFixture(&job, s)
	return job
}

// fixtureBucket is the SageMaker Python SDK's default bucket for the scenario's
// region and account.
func fixtureBucket(s Scenario) string { return "sagemaker-" + s.region() + "-" + s.account() }

// fixtureOutputPath is where the SDK writes a job's output by default; the
// scenario's ModelArtifacts lie below it.
func fixtureOutputPath(s Scenario) string { return "s3://" + fixtureBucket(s) + "/" }

// dressFixture adds to a scenario's job the members a PyTorch job launched with
// the SageMaker Python SDK carries: the training image and metric
// definitions, the SDK's hyperparameters, two S3 channels, the output
// configuration, a second final metric once completed, and checkpoints for
// a spot job. It builds fresh values on every call, so no two fixtures
// share memory.
func dressFixture(job *trainingjob.TrainingJob, s Scenario) {
	b := fixtureBucket(s)
	job.AlgorithmSpecification = &types.AlgorithmSpecification{
		TrainingImage:     aws.String("763104351884.dkr.ecr." + s.region() + ".amazonaws.com/pytorch-training:2.1.0-cpu-py310"),
		TrainingInputMode: types.TrainingInputModeFile,
		MetricDefinitions: []types.MetricDefinition{
			{Name: aws.String("train:loss"), Regex: aws.String(`train_loss=([0-9\.]+)`)},
			{Name: aws.String("validation:accuracy"), Regex: aws.String(`val_acc=([0-9\.]+)`)},
		},
		EnableSageMakerMetricsTimeSeries: aws.Bool(true),
	}
	job.HyperParameters = map[string]string{
		"epochs":                        "10",
		"batch-size":                    "64",
		"lr":                            "0.001",
		"sagemaker_program":             `"train.py"`,
		"sagemaker_submit_directory":    `"s3://` + b + "/" + s.Name + `/source/sourcedir.tar.gz"`,
		"sagemaker_region":              `"` + s.region() + `"`,
		"sagemaker_container_log_level": "20",
		"sagemaker_job_name":            `"` + s.Name + `"`,
	}
	channel := func(name, contentType string) types.Channel {
		return types.Channel{
			ChannelName: aws.String(name),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType:             types.S3DataTypeS3Prefix,
				S3Uri:                  aws.String("s3://" + b + "/datasets/mnist/" + name + "/"),
				S3DataDistributionType: types.S3DataDistributionFullyReplicated,
			}},
			ContentType:       aws.String(contentType),
			CompressionType:   types.CompressionTypeNone,
			RecordWrapperType: types.RecordWrapperNone,
		}
	}
	job.InputDataConfig = []types.Channel{channel("train", "application/x-npy"), channel("validation", "application/x-npy")}
	job.OutputDataConfig = &types.OutputDataConfig{
		S3OutputPath:    aws.String(fixtureOutputPath(s)),
		CompressionType: types.OutputCompressionTypeGzip,
	}
	job.EnableNetworkIsolation = false
	job.EnableInterContainerTrafficEncryption = false
	if job.TrainingJobStatus == trainingjob.StatusCompleted {
		job.FinalMetricDataList = append(job.FinalMetricDataList, types.MetricData{
			MetricName: aws.String("validation:accuracy"), Value: aws.Float32(0.981), Timestamp: aws.Time(job.TrainingEndTime),
		})
	}
	if s.Spot {
		job.CheckpointConfig = &types.CheckpointConfig{
			S3Uri:     aws.String("s3://" + b + "/" + s.Name + "/checkpoints"),
			LocalPath: aws.String("/opt/ml/checkpoints"),
		}
	}
}
