package trainingjob

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// Builder assembles a TrainingJob one member at a time:
//
//	job, err := trainingjob.NewBuilder("resnet-2024-03-08").
//		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining).
//		WithCreationTime(created).
//		WithHyperParameter("lr", "0.01").
//		Build()
//
// Every setter returns the builder so that calls chain. Each setter's doc
// says whether a second call replaces the member, appends to it or merges
// into it. Setters copy what they are given, deeply: changing a map, slice or
// nested structure after passing it in does not change the builder. The
// setters that take a time.Time (WithCreationTime, WithTransition,
// WithFinalMetric and the like) store it without its monotonic clock reading
// (see time.Time.Round), so that built jobs compare equal with == on those
// times and with reflect.DeepEqual; times inside SDK structures passed in
// whole are kept as they are.
//
// A Builder can serve as a template: Build and BuildUnchecked return a deep
// copy of the builder's job, which shares no map, slice or pointer with the
// builder or with earlier results, and the builder can go on being changed
// and built. A Builder is not safe for concurrent use; the jobs it builds
// are independent values.
//
// A Builder is used through its pointer, as NewBuilder and ToBuilder return
// it, the way a strings.Builder usually is. Copying a Builder value gives a
// second builder that shares the first one's maps, slices and nested
// structures, so that a setter called on one can change what the other
// builds; Clone is the way to branch a builder into two independent ones.
// The zero Builder is ready to use and starts from the zero TrainingJob.
type Builder struct {
	job TrainingJob
}

// NewBuilder returns a builder for a job named name, with every other member
// absent.
func NewBuilder(name string) *Builder {
	return &Builder{job: TrainingJob{TrainingJobName: name}}
}

// ToBuilder returns a builder that starts from a deep copy of j, for
// copy-and-modify.
func (j TrainingJob) ToBuilder() *Builder {
	return &Builder{job: j.Clone()}
}

// Clone returns a new builder that starts from a deep copy of b's job. The
// two share nothing: use Clone, not an assignment, to branch a template.
func (b *Builder) Clone() *Builder {
	return &Builder{job: b.job.Clone()}
}

// Build validates the job at the default strength, or as opts say, and
// returns a deep copy of it. When validation finds problems it returns the
// zero TrainingJob and a *ValidationError listing all of them.
func (b *Builder) Build(opts ...ValidateOption) (TrainingJob, error) {
	if err := b.job.Validate(opts...); err != nil {
		return TrainingJob{}, err
	}
	return b.job.Clone(), nil
}

// MustBuild is like Build but panics with the validation error. It is meant
// for tests and examples, where the job is known to be valid.
func (b *Builder) MustBuild(opts ...ValidateOption) TrainingJob {
	job, err := b.Build(opts...)
	if err != nil {
		panic(err)
	}
	return job
}

// BuildUnchecked returns a deep copy of the job without validating it, for
// tests that need an invalid job on purpose.
func (b *Builder) BuildUnchecked() TrainingJob {
	return b.job.Clone()
}

// Format writes the builder for the fmt package as the job it would build,
// with the values of Environment and HyperParameters never shown:
//
//   - %v and %s print the job's one-line summary and %+v every member of the
//     job that is set, as TrainingJob's Format does. When the job would not
//     pass Build (validation at the default strength), either ends with the
//     number of problems, as in " (invalid: 2 problems)"; the problems
//     themselves are Build's to report.
//   - %#v prints the Go syntax fmt gives for the builder,
//     &trainingjob.Builder{job:trainingjob.TrainingJob{...}}, its job's
//     secrets redacted.
//   - %q, %x, %X and other verbs follow TrainingJob's Format, applied to the
//     text %v prints.
//
// A nil *Builder prints "<nil>". Formatting does not change the builder.
func (b *Builder) Format(f fmt.State, verb rune) {
	if b == nil {
		_, _ = fmt.Fprint(f, "<nil>")
		return
	}
	if isGoSyntax(f, verb) {
		s := fmt.Sprintf(fmt.FormatString(f, verb), &struct{ job plainJob }{plainJob(b.job.redacted())})
		s = strings.Replace(s, "&struct { job trainingjob.plainJob }", "&trainingjob.Builder", 1)
		s = strings.Replace(s, "trainingjob.plainJob{", "trainingjob.TrainingJob{", 1)
		_, _ = fmt.Fprint(f, s)
		return
	}
	formatBuilder(f, verb, b.job)
}

// clean drops the monotonic clock reading of t and keeps everything else.
func clean(t time.Time) time.Time { return t.Round(0) }

// WithTrainingJobName replaces the job's name.
func (b *Builder) WithTrainingJobName(name string) *Builder {
	b.job.TrainingJobName = name
	return b
}

// WithTrainingJobArn replaces the job's ARN.
func (b *Builder) WithTrainingJobArn(arn string) *Builder {
	b.job.TrainingJobArn = arn
	return b
}

// WithTuningJobArn replaces the ARN of the tuning job that launched the job.
func (b *Builder) WithTuningJobArn(arn string) *Builder {
	b.job.TuningJobArn = arn
	return b
}

// WithLabelingJobArn replaces the ARN of the labeling job that created the
// job.
func (b *Builder) WithLabelingJobArn(arn string) *Builder {
	b.job.LabelingJobArn = arn
	return b
}

// WithAutoMLJobArn replaces the ARN of the AutoML job that created the job.
func (b *Builder) WithAutoMLJobArn(arn string) *Builder {
	b.job.AutoMLJobArn = arn
	return b
}

// WithModelArtifacts replaces ModelArtifacts with a copy of m; nil removes
// it.
func (b *Builder) WithModelArtifacts(m *types.ModelArtifacts) *Builder {
	b.job.ModelArtifacts = copyModelArtifacts(m)
	return b
}

// WithS3ModelArtifacts replaces ModelArtifacts with one that points at uri.
func (b *Builder) WithS3ModelArtifacts(uri string) *Builder {
	b.job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String(uri)}
	return b
}

// WithTrainingJobStatus replaces the primary status.
func (b *Builder) WithTrainingJobStatus(s Status) *Builder {
	b.job.TrainingJobStatus = s
	return b
}

// WithSecondaryStatus replaces the secondary status.
func (b *Builder) WithSecondaryStatus(s SecondaryStatus) *Builder {
	b.job.SecondaryStatus = s
	return b
}

// WithStatus replaces both statuses at once.
func (b *Builder) WithStatus(primary Status, secondary SecondaryStatus) *Builder {
	b.job.TrainingJobStatus = primary
	b.job.SecondaryStatus = secondary
	return b
}

// WithFailureReason replaces the failure reason.
func (b *Builder) WithFailureReason(reason string) *Builder {
	b.job.FailureReason = reason
	return b
}

// WithHyperParameters replaces all hyperparameters with a copy of m; nil
// removes them.
func (b *Builder) WithHyperParameters(m map[string]string) *Builder {
	b.job.HyperParameters = cloneMap(m)
	return b
}

// WithHyperParameter sets one hyperparameter, merging it into the ones
// already set: a second call with the same key replaces that key's value.
func (b *Builder) WithHyperParameter(key, value string) *Builder {
	if b.job.HyperParameters == nil {
		b.job.HyperParameters = make(map[string]string)
	}
	b.job.HyperParameters[key] = value
	return b
}

// WithAlgorithmSpecification replaces AlgorithmSpecification with a copy of
// a; nil removes it.
func (b *Builder) WithAlgorithmSpecification(a *types.AlgorithmSpecification) *Builder {
	b.job.AlgorithmSpecification = copyAlgorithmSpecification(a)
	return b
}

// WithRoleArn replaces the IAM role's ARN.
func (b *Builder) WithRoleArn(arn string) *Builder {
	b.job.RoleArn = arn
	return b
}

// WithInputDataConfig replaces all input channels with copies of channels;
// with no arguments it removes them.
func (b *Builder) WithInputDataConfig(channels ...types.Channel) *Builder {
	b.job.InputDataConfig = copyChannelSlice(channels)
	return b
}

// WithInputChannel appends a copy of c to the input channels.
func (b *Builder) WithInputChannel(c types.Channel) *Builder {
	b.job.InputDataConfig = append(b.job.InputDataConfig, *copyChannel(&c))
	return b
}

// WithOutputDataConfig replaces OutputDataConfig with a copy of o; nil
// removes it.
func (b *Builder) WithOutputDataConfig(o *types.OutputDataConfig) *Builder {
	b.job.OutputDataConfig = copyOutputDataConfig(o)
	return b
}

// WithResourceConfig replaces ResourceConfig with a copy of r; nil removes
// it.
func (b *Builder) WithResourceConfig(r *types.ResourceConfig) *Builder {
	b.job.ResourceConfig = copyResourceConfig(r)
	return b
}

// WithInstances merges an instance type and count into ResourceConfig,
// creating it if needed and keeping its other members.
func (b *Builder) WithInstances(instanceType types.TrainingInstanceType, count int32) *Builder {
	if b.job.ResourceConfig == nil {
		b.job.ResourceConfig = new(types.ResourceConfig)
	}
	b.job.ResourceConfig.InstanceType = instanceType
	b.job.ResourceConfig.InstanceCount = aws.Int32(count)
	return b
}

// WithWarmPoolStatus replaces WarmPoolStatus with a copy of w; nil removes
// it.
func (b *Builder) WithWarmPoolStatus(w *types.WarmPoolStatus) *Builder {
	b.job.WarmPoolStatus = copyWarmPoolStatus(w)
	return b
}

// WithVpcConfig replaces VpcConfig with a copy of c; nil removes it.
func (b *Builder) WithVpcConfig(c *types.VpcConfig) *Builder {
	b.job.VpcConfig = copyVpcConfig(c)
	return b
}

// WithStoppingCondition replaces StoppingCondition with a copy of c; nil
// removes it.
func (b *Builder) WithStoppingCondition(c *types.StoppingCondition) *Builder {
	b.job.StoppingCondition = copyStoppingCondition(c)
	return b
}

// WithMaxRuntimeInSeconds merges a runtime limit into StoppingCondition,
// creating it if needed and keeping its other members.
func (b *Builder) WithMaxRuntimeInSeconds(seconds int32) *Builder {
	if b.job.StoppingCondition == nil {
		b.job.StoppingCondition = new(types.StoppingCondition)
	}
	b.job.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(seconds)
	return b
}

// WithCreationTime replaces the creation time.
func (b *Builder) WithCreationTime(t time.Time) *Builder {
	b.job.CreationTime = clean(t)
	return b
}

// WithTrainingStartTime replaces the training start time.
func (b *Builder) WithTrainingStartTime(t time.Time) *Builder {
	b.job.TrainingStartTime = clean(t)
	return b
}

// WithTrainingEndTime replaces the training end time.
func (b *Builder) WithTrainingEndTime(t time.Time) *Builder {
	b.job.TrainingEndTime = clean(t)
	return b
}

// WithLastModifiedTime replaces the last modification time.
func (b *Builder) WithLastModifiedTime(t time.Time) *Builder {
	b.job.LastModifiedTime = clean(t)
	return b
}

// WithSecondaryStatusTransitions replaces the whole history with a copy of
// history; with no arguments it removes it.
func (b *Builder) WithSecondaryStatusTransitions(history ...SecondaryStatusTransition) *Builder {
	b.job.SecondaryStatusTransitions = nil
	if history != nil {
		b.job.SecondaryStatusTransitions = make([]SecondaryStatusTransition, 0, len(history))
	}
	for _, t := range history {
		b.WithSecondaryStatusTransition(t)
	}
	return b
}

// WithSecondaryStatusTransition appends t to the history.
func (b *Builder) WithSecondaryStatusTransition(t SecondaryStatusTransition) *Builder {
	t.StartTime, t.EndTime = clean(t.StartTime), clean(t.EndTime)
	b.job.SecondaryStatusTransitions = append(b.job.SecondaryStatusTransitions, t)
	return b
}

// WithTransition appends a history entry made of its arguments. A zero end
// leaves the entry open.
func (b *Builder) WithTransition(status SecondaryStatus, start, end time.Time, message string) *Builder {
	return b.WithSecondaryStatusTransition(SecondaryStatusTransition{
		Status: status, StartTime: start, EndTime: end, StatusMessage: message,
	})
}

// WithFinalMetricDataList replaces all final metrics with copies of metrics;
// with no arguments it removes them.
func (b *Builder) WithFinalMetricDataList(metrics ...types.MetricData) *Builder {
	b.job.FinalMetricDataList = copyMetricDataSlice(metrics)
	return b
}

// WithFinalMetric appends one final metric.
func (b *Builder) WithFinalMetric(name string, value float32, at time.Time) *Builder {
	b.job.FinalMetricDataList = append(b.job.FinalMetricDataList, types.MetricData{
		MetricName: aws.String(name), Value: aws.Float32(value), Timestamp: aws.Time(clean(at)),
	})
	return b
}

// WithEnableNetworkIsolation replaces EnableNetworkIsolation.
func (b *Builder) WithEnableNetworkIsolation(on bool) *Builder {
	b.job.EnableNetworkIsolation = on
	return b
}

// WithEnableInterContainerTrafficEncryption replaces
// EnableInterContainerTrafficEncryption.
func (b *Builder) WithEnableInterContainerTrafficEncryption(on bool) *Builder {
	b.job.EnableInterContainerTrafficEncryption = on
	return b
}

// WithEnableManagedSpotTraining replaces EnableManagedSpotTraining.
func (b *Builder) WithEnableManagedSpotTraining(on bool) *Builder {
	b.job.EnableManagedSpotTraining = on
	return b
}

// WithCheckpointConfig replaces CheckpointConfig with a copy of c; nil
// removes it.
func (b *Builder) WithCheckpointConfig(c *types.CheckpointConfig) *Builder {
	b.job.CheckpointConfig = copyCheckpointConfig(c)
	return b
}

// WithTrainingTimeInSeconds replaces the training time.
func (b *Builder) WithTrainingTimeInSeconds(seconds int32) *Builder {
	b.job.TrainingTimeInSeconds = seconds
	return b
}

// WithBillableTimeInSeconds replaces the billable time.
func (b *Builder) WithBillableTimeInSeconds(seconds int32) *Builder {
	b.job.BillableTimeInSeconds = seconds
	return b
}

// WithBillableTokenCount replaces the billable token count.
func (b *Builder) WithBillableTokenCount(n int64) *Builder {
	b.job.BillableTokenCount = n
	return b
}

// WithDebugHookConfig replaces DebugHookConfig with a copy of c; nil removes
// it.
func (b *Builder) WithDebugHookConfig(c *types.DebugHookConfig) *Builder {
	b.job.DebugHookConfig = copyDebugHookConfig(c)
	return b
}

// WithExperimentConfig replaces ExperimentConfig with a copy of c; nil
// removes it.
func (b *Builder) WithExperimentConfig(c *types.ExperimentConfig) *Builder {
	b.job.ExperimentConfig = copyExperimentConfig(c)
	return b
}

// WithDebugRuleConfigurations replaces all Debugger rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithDebugRuleConfigurations(rules ...types.DebugRuleConfiguration) *Builder {
	b.job.DebugRuleConfigurations = copyDebugRuleConfigurationSlice(rules)
	return b
}

// WithTensorBoardOutputConfig replaces TensorBoardOutputConfig with a copy of
// c; nil removes it.
func (b *Builder) WithTensorBoardOutputConfig(c *types.TensorBoardOutputConfig) *Builder {
	b.job.TensorBoardOutputConfig = copyTensorBoardOutputConfig(c)
	return b
}

// WithDebugRuleEvaluationStatuses replaces all Debugger rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithDebugRuleEvaluationStatuses(statuses ...types.DebugRuleEvaluationStatus) *Builder {
	b.job.DebugRuleEvaluationStatuses = copyDebugRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilerConfig replaces ProfilerConfig with a copy of c; nil removes
// it.
func (b *Builder) WithProfilerConfig(c *types.ProfilerConfig) *Builder {
	b.job.ProfilerConfig = copyProfilerConfig(c)
	return b
}

// WithProfilerRuleConfigurations replaces all profiler rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithProfilerRuleConfigurations(rules ...types.ProfilerRuleConfiguration) *Builder {
	b.job.ProfilerRuleConfigurations = copyProfilerRuleConfigurationSlice(rules)
	return b
}

// WithProfilerRuleEvaluationStatuses replaces all profiler rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithProfilerRuleEvaluationStatuses(statuses ...types.ProfilerRuleEvaluationStatus) *Builder {
	b.job.ProfilerRuleEvaluationStatuses = copyProfilerRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilingStatus replaces ProfilingStatus.
func (b *Builder) WithProfilingStatus(s types.ProfilingStatus) *Builder {
	b.job.ProfilingStatus = s
	return b
}

// WithEnvironment replaces all environment variables with a copy of env;
// nil removes them.
func (b *Builder) WithEnvironment(env map[string]string) *Builder {
	b.job.Environment = cloneMap(env)
	return b
}

// WithEnvironmentVariable sets one environment variable, merging it into the
// ones already set: a second call with the same name replaces its value.
func (b *Builder) WithEnvironmentVariable(name, value string) *Builder {
	if b.job.Environment == nil {
		b.job.Environment = make(map[string]string)
	}
	b.job.Environment[name] = value
	return b
}

// WithRetryStrategy replaces RetryStrategy with a copy of r; nil removes it.
func (b *Builder) WithRetryStrategy(r *types.RetryStrategy) *Builder {
	b.job.RetryStrategy = copyRetryStrategy(r)
	return b
}

// WithRemoteDebugConfig replaces RemoteDebugConfig with a copy of c; nil
// removes it.
func (b *Builder) WithRemoteDebugConfig(c *types.RemoteDebugConfig) *Builder {
	b.job.RemoteDebugConfig = copyRemoteDebugConfig(c)
	return b
}

// WithInfraCheckConfig replaces InfraCheckConfig with a copy of c; nil
// removes it.
func (b *Builder) WithInfraCheckConfig(c *types.InfraCheckConfig) *Builder {
	b.job.InfraCheckConfig = copyInfraCheckConfig(c)
	return b
}

// WithServerlessJobConfig replaces ServerlessJobConfig with a copy of c; nil
// removes it.
func (b *Builder) WithServerlessJobConfig(c *types.ServerlessJobConfig) *Builder {
	b.job.ServerlessJobConfig = copyServerlessJobConfig(c)
	return b
}

// WithMlflowConfig replaces MlflowConfig with a copy of c; nil removes it.
func (b *Builder) WithMlflowConfig(c *types.MlflowConfig) *Builder {
	b.job.MlflowConfig = copyMlflowConfig(c)
	return b
}

// WithModelPackageConfig replaces ModelPackageConfig with a copy of c; nil
// removes it.
func (b *Builder) WithModelPackageConfig(c *types.ModelPackageConfig) *Builder {
	b.job.ModelPackageConfig = copyModelPackageConfig(c)
	return b
}

// WithMlflowDetails replaces MlflowDetails with a copy of d; nil removes it.
func (b *Builder) WithMlflowDetails(d *types.MlflowDetails) *Builder {
	b.job.MlflowDetails = copyMlflowDetails(d)
	return b
}

// WithProgressInfo replaces ProgressInfo with a copy of p; nil removes it.
func (b *Builder) WithProgressInfo(p *types.TrainingProgressInfo) *Builder {
	b.job.ProgressInfo = copyTrainingProgressInfo(p)
	return b
}

// WithOutputModelPackageArn replaces OutputModelPackageArn.
func (b *Builder) WithOutputModelPackageArn(arn string) *Builder {
	b.job.OutputModelPackageArn = arn
	return b
}

// WithTags replaces all tags with copies of tags; with no arguments it
// removes them.
func (b *Builder) WithTags(tags ...types.Tag) *Builder {
	b.job.Tags = copyTagSlice(tags)
	return b
}

// WithTag appends one tag.
func (b *Builder) WithTag(key, value string) *Builder {
	b.job.Tags = append(b.job.Tags, types.Tag{Key: aws.String(key), Value: aws.String(value)})
	return b
}

// TransitionBuilder assembles a SecondaryStatusTransition. The API requires
// Status and StartTime; Build reports them when they are missing.
type TransitionBuilder struct {
	t SecondaryStatusTransition
}

// NewTransitionBuilder returns a builder for an empty history entry.
func NewTransitionBuilder() *TransitionBuilder { return &TransitionBuilder{} }

// ToBuilder returns a builder that starts from t.
func (t SecondaryStatusTransition) ToBuilder() *TransitionBuilder {
	return &TransitionBuilder{t: t}
}

// WithStatus replaces the entry's status.
func (b *TransitionBuilder) WithStatus(s SecondaryStatus) *TransitionBuilder {
	b.t.Status = s
	return b
}

// WithStartTime replaces the entry's start time.
func (b *TransitionBuilder) WithStartTime(t time.Time) *TransitionBuilder {
	b.t.StartTime = clean(t)
	return b
}

// WithEndTime replaces the entry's end time; a zero time leaves the entry
// open.
func (b *TransitionBuilder) WithEndTime(t time.Time) *TransitionBuilder {
	b.t.EndTime = clean(t)
	return b
}

// WithStatusMessage replaces the entry's message.
func (b *TransitionBuilder) WithStatusMessage(msg string) *TransitionBuilder {
	b.t.StatusMessage = msg
	return b
}

// Build validates the entry (see SecondaryStatusTransition.Validate) and
// returns it, or the zero entry and a *ValidationError.
func (b *TransitionBuilder) Build(opts ...ValidateOption) (SecondaryStatusTransition, error) {
	if err := b.t.Validate(opts...); err != nil {
		return SecondaryStatusTransition{}, err
	}
	return b.t, nil
}

// MustBuild is like Build but panics with the validation error, for tests
// and examples.
func (b *TransitionBuilder) MustBuild(opts ...ValidateOption) SecondaryStatusTransition {
	t, err := b.Build(opts...)
	if err != nil {
		panic(err)
	}
	return t
}
