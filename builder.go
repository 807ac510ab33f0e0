package trainingjob

import (
	"time"

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
// A Builder can serve as a template: each Build returns a job that shares no
// map, slice or pointer with the builder or with earlier results. A Builder
// is not safe for concurrent use; the jobs it builds are independent values.
//
// A Builder is a handle: copying a Builder value gives a second handle to
// the same builder, as copying a pointer would, so a Builder can be kept in
// a struct or a slice and moved freely. Clone starts a second, independent
// builder from this one. The zero Builder is ready to use; its storage is
// made by the first method called on it.
type Builder struct {
	s *builderState
}

// builderState is the storage behind a Builder.
type builderState struct {
	// handle is the Builder that NewBuilder and ToBuilder return a pointer
	// to; it lives here so that a new builder costs one allocation.
	handle Builder
	job    TrainingJob
	// c makes the setters' copies; its slabs hold the pointers of this
	// builder's job only. Build copies with a copier of its own.
	c copier
	// blk holds the setters' copies of the structures a jobBlock holds, so
	// that they cost no allocation of their own. A member of job points
	// into blk or, after ToBuilder, into the block of j's clone.
	blk jobBlock
	// seed holds the first chunks of c's slabs.
	seed slabSeed
}

// NewBuilder returns a builder for a job named name, with every other member
// absent.
func NewBuilder(name string) *Builder {
	return newBuilder(TrainingJob{TrainingJobName: name})
}

// ToBuilder returns a builder that starts from a deep copy of j, for
// copy-and-modify.
func (j TrainingJob) ToBuilder() *Builder {
	return newBuilder(j.Clone())
}

// newBuilder returns a builder that starts from job, which it takes over.
func newBuilder(job TrainingJob) *Builder {
	st := &builderState{job: job}
	st.handle.s = st
	st.c.seed(&st.seed)
	return &st.handle
}

// state returns the storage behind b, making it on a zero Builder's first
// use.
func (b *Builder) state() *builderState {
	if b.s == nil {
		b.s = newBuilder(TrainingJob{}).s
	}
	return b.s
}

// Clone returns a new builder that starts from a deep copy of b's job. The
// two share nothing: use Clone, not an assignment, to branch a template.
func (b *Builder) Clone() *Builder {
	return newBuilder(b.state().job.Clone())
}

// Build validates the job at the default strength, or as opts say, and
// returns a deep copy of it. When validation finds problems it returns the
// zero TrainingJob and a *ValidationError listing all of them.
func (b *Builder) Build(opts ...ValidateOption) (TrainingJob, error) {
	st := b.state()
	if err := st.job.Validate(opts...); err != nil {
		return TrainingJob{}, err
	}
	var c copier
	return st.job.cloneWith(&c), nil
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
	st := b.state()
	return st.job.Clone()
}

// appendFirstCap is the capacity a list gets when a setter appends its
// first element: jobs' lists are short, and growing one element at a time
// from nothing would cost an allocation for each of the first few appends.
const appendFirstCap = 8

// appendOne appends v to s, giving a list that has no room yet
// appendFirstCap elements' room at once.
func appendOne[E any](s []E, v E) []E {
	if cap(s) == 0 {
		s = make([]E, 0, appendFirstCap)
	}
	return append(s, v)
}

// clean drops the monotonic clock reading of t and keeps everything else.
func clean(t time.Time) time.Time { return t.Round(0) }

// WithTrainingJobName replaces the job's name.
func (b *Builder) WithTrainingJobName(name string) *Builder {
	st := b.state()
	st.job.TrainingJobName = name
	return b
}

// WithTrainingJobArn replaces the job's ARN.
func (b *Builder) WithTrainingJobArn(arn string) *Builder {
	st := b.state()
	st.job.TrainingJobArn = arn
	return b
}

// WithTuningJobArn replaces the ARN of the tuning job that launched the job.
func (b *Builder) WithTuningJobArn(arn string) *Builder {
	st := b.state()
	st.job.TuningJobArn = arn
	return b
}

// WithLabelingJobArn replaces the ARN of the labeling job that created the
// job.
func (b *Builder) WithLabelingJobArn(arn string) *Builder {
	st := b.state()
	st.job.LabelingJobArn = arn
	return b
}

// WithAutoMLJobArn replaces the ARN of the AutoML job that created the job.
func (b *Builder) WithAutoMLJobArn(arn string) *Builder {
	st := b.state()
	st.job.AutoMLJobArn = arn
	return b
}

// WithModelArtifacts replaces ModelArtifacts with a copy of m; nil removes
// it.
func (b *Builder) WithModelArtifacts(m *types.ModelArtifacts) *Builder {
	st := b.state()
	st.job.ModelArtifacts = copyToBlock(&st.c, &st.blk.ModelArtifacts, m, (*copier).copyIntoModelArtifacts)
	return b
}

// WithS3ModelArtifacts replaces ModelArtifacts with one that points at uri.
func (b *Builder) WithS3ModelArtifacts(uri string) *Builder {
	st := b.state()
	st.blk.ModelArtifacts = types.ModelArtifacts{S3ModelArtifacts: st.c.ptrString.get(uri)}
	st.job.ModelArtifacts = &st.blk.ModelArtifacts
	return b
}

// WithTrainingJobStatus replaces the primary status.
func (b *Builder) WithTrainingJobStatus(s Status) *Builder {
	st := b.state()
	st.job.TrainingJobStatus = s
	return b
}

// WithSecondaryStatus replaces the secondary status.
func (b *Builder) WithSecondaryStatus(s SecondaryStatus) *Builder {
	st := b.state()
	st.job.SecondaryStatus = s
	return b
}

// WithStatus replaces both statuses at once.
func (b *Builder) WithStatus(primary Status, secondary SecondaryStatus) *Builder {
	st := b.state()
	st.job.TrainingJobStatus = primary
	st.job.SecondaryStatus = secondary
	return b
}

// WithFailureReason replaces the failure reason.
func (b *Builder) WithFailureReason(reason string) *Builder {
	st := b.state()
	st.job.FailureReason = reason
	return b
}

// WithHyperParameters replaces all hyperparameters with a copy of m; nil
// removes them.
func (b *Builder) WithHyperParameters(m map[string]string) *Builder {
	st := b.state()
	st.job.HyperParameters = cloneMap(m)
	return b
}

// WithHyperParameter sets one hyperparameter, merging it into the ones
// already set: a second call with the same key replaces that key's value.
func (b *Builder) WithHyperParameter(key, value string) *Builder {
	st := b.state()
	if st.job.HyperParameters == nil {
		st.job.HyperParameters = make(map[string]string)
	}
	st.job.HyperParameters[key] = value
	return b
}

// WithAlgorithmSpecification replaces AlgorithmSpecification with a copy of
// a; nil removes it.
func (b *Builder) WithAlgorithmSpecification(a *types.AlgorithmSpecification) *Builder {
	st := b.state()
	st.job.AlgorithmSpecification = copyToBlock(&st.c, &st.blk.AlgorithmSpecification, a, (*copier).copyIntoAlgorithmSpecification)
	return b
}

// WithRoleArn replaces the IAM role's ARN.
func (b *Builder) WithRoleArn(arn string) *Builder {
	st := b.state()
	st.job.RoleArn = arn
	return b
}

// WithInputDataConfig replaces all input channels with copies of channels;
// with no arguments it removes them.
func (b *Builder) WithInputDataConfig(channels ...types.Channel) *Builder {
	st := b.state()
	st.job.InputDataConfig = st.c.copyChannelSlice(channels)
	return b
}

// WithInputChannel appends a copy of c to the input channels.
func (b *Builder) WithInputChannel(c types.Channel) *Builder {
	st := b.state()
	st.job.InputDataConfig = appendOne(st.job.InputDataConfig, types.Channel{})
	st.c.copyIntoChannel(&st.job.InputDataConfig[len(st.job.InputDataConfig)-1], &c)
	return b
}

// WithOutputDataConfig replaces OutputDataConfig with a copy of o; nil
// removes it.
func (b *Builder) WithOutputDataConfig(o *types.OutputDataConfig) *Builder {
	st := b.state()
	st.job.OutputDataConfig = copyToBlock(&st.c, &st.blk.OutputDataConfig, o, (*copier).copyIntoOutputDataConfig)
	return b
}

// WithResourceConfig replaces ResourceConfig with a copy of r; nil removes
// it.
func (b *Builder) WithResourceConfig(r *types.ResourceConfig) *Builder {
	st := b.state()
	st.job.ResourceConfig = copyToBlock(&st.c, &st.blk.ResourceConfig, r, (*copier).copyIntoResourceConfig)
	return b
}

// WithInstances merges an instance type and count into ResourceConfig,
// creating it if needed and keeping its other members.
func (b *Builder) WithInstances(instanceType types.TrainingInstanceType, count int32) *Builder {
	st := b.state()
	if st.job.ResourceConfig == nil {
		st.blk.ResourceConfig = types.ResourceConfig{}
		st.job.ResourceConfig = &st.blk.ResourceConfig
	}
	st.job.ResourceConfig.InstanceType = instanceType
	st.job.ResourceConfig.InstanceCount = st.c.ptrInt32.get(count)
	return b
}

// WithWarmPoolStatus replaces WarmPoolStatus with a copy of w; nil removes
// it.
func (b *Builder) WithWarmPoolStatus(w *types.WarmPoolStatus) *Builder {
	st := b.state()
	st.job.WarmPoolStatus = st.c.copyWarmPoolStatus(w)
	return b
}

// WithVpcConfig replaces VpcConfig with a copy of c; nil removes it.
func (b *Builder) WithVpcConfig(c *types.VpcConfig) *Builder {
	st := b.state()
	st.job.VpcConfig = st.c.copyVpcConfig(c)
	return b
}

// WithStoppingCondition replaces StoppingCondition with a copy of c; nil
// removes it.
func (b *Builder) WithStoppingCondition(c *types.StoppingCondition) *Builder {
	st := b.state()
	st.job.StoppingCondition = copyToBlock(&st.c, &st.blk.StoppingCondition, c, (*copier).copyIntoStoppingCondition)
	return b
}

// WithMaxRuntimeInSeconds merges a runtime limit into StoppingCondition,
// creating it if needed and keeping its other members.
func (b *Builder) WithMaxRuntimeInSeconds(seconds int32) *Builder {
	st := b.state()
	if st.job.StoppingCondition == nil {
		st.blk.StoppingCondition = types.StoppingCondition{}
		st.job.StoppingCondition = &st.blk.StoppingCondition
	}
	st.job.StoppingCondition.MaxRuntimeInSeconds = st.c.ptrInt32.get(seconds)
	return b
}

// WithCreationTime replaces the creation time.
func (b *Builder) WithCreationTime(t time.Time) *Builder {
	st := b.state()
	st.job.CreationTime = clean(t)
	return b
}

// WithTrainingStartTime replaces the training start time.
func (b *Builder) WithTrainingStartTime(t time.Time) *Builder {
	st := b.state()
	st.job.TrainingStartTime = clean(t)
	return b
}

// WithTrainingEndTime replaces the training end time.
func (b *Builder) WithTrainingEndTime(t time.Time) *Builder {
	st := b.state()
	st.job.TrainingEndTime = clean(t)
	return b
}

// WithLastModifiedTime replaces the last modification time.
func (b *Builder) WithLastModifiedTime(t time.Time) *Builder {
	st := b.state()
	st.job.LastModifiedTime = clean(t)
	return b
}

// WithSecondaryStatusTransitions replaces the whole history with a copy of
// history; with no arguments it removes it.
func (b *Builder) WithSecondaryStatusTransitions(history ...SecondaryStatusTransition) *Builder {
	st := b.state()
	st.job.SecondaryStatusTransitions = nil
	if history != nil {
		st.job.SecondaryStatusTransitions = make([]SecondaryStatusTransition, 0, len(history))
	}
	for _, t := range history {
		b.WithSecondaryStatusTransition(t)
	}
	return b
}

// WithSecondaryStatusTransition appends t to the history.
func (b *Builder) WithSecondaryStatusTransition(t SecondaryStatusTransition) *Builder {
	st := b.state()
	t.StartTime, t.EndTime = clean(t.StartTime), clean(t.EndTime)
	st.job.SecondaryStatusTransitions = appendOne(st.job.SecondaryStatusTransitions, t)
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
	st := b.state()
	st.job.FinalMetricDataList = st.c.copyMetricDataSlice(metrics)
	return b
}

// WithFinalMetric appends one final metric.
func (b *Builder) WithFinalMetric(name string, value float32, at time.Time) *Builder {
	st := b.state()
	at = clean(at)
	st.job.FinalMetricDataList = appendOne(st.job.FinalMetricDataList, types.MetricData{
		MetricName: st.c.ptrString.get(name), Value: st.c.ptrFloat32.get(value), Timestamp: st.c.ptrTime.get(at),
	})
	return b
}

// WithEnableNetworkIsolation replaces EnableNetworkIsolation.
func (b *Builder) WithEnableNetworkIsolation(on bool) *Builder {
	st := b.state()
	st.job.EnableNetworkIsolation = on
	return b
}

// WithEnableInterContainerTrafficEncryption replaces
// EnableInterContainerTrafficEncryption.
func (b *Builder) WithEnableInterContainerTrafficEncryption(on bool) *Builder {
	st := b.state()
	st.job.EnableInterContainerTrafficEncryption = on
	return b
}

// WithEnableManagedSpotTraining replaces EnableManagedSpotTraining.
func (b *Builder) WithEnableManagedSpotTraining(on bool) *Builder {
	st := b.state()
	st.job.EnableManagedSpotTraining = on
	return b
}

// WithCheckpointConfig replaces CheckpointConfig with a copy of c; nil
// removes it.
func (b *Builder) WithCheckpointConfig(c *types.CheckpointConfig) *Builder {
	st := b.state()
	st.job.CheckpointConfig = st.c.copyCheckpointConfig(c)
	return b
}

// WithTrainingTimeInSeconds replaces the training time.
func (b *Builder) WithTrainingTimeInSeconds(seconds int32) *Builder {
	st := b.state()
	st.job.TrainingTimeInSeconds = seconds
	return b
}

// WithBillableTimeInSeconds replaces the billable time.
func (b *Builder) WithBillableTimeInSeconds(seconds int32) *Builder {
	st := b.state()
	st.job.BillableTimeInSeconds = seconds
	return b
}

// WithBillableTokenCount replaces the billable token count.
func (b *Builder) WithBillableTokenCount(n int64) *Builder {
	st := b.state()
	st.job.BillableTokenCount = n
	return b
}

// WithDebugHookConfig replaces DebugHookConfig with a copy of c; nil removes
// it.
func (b *Builder) WithDebugHookConfig(c *types.DebugHookConfig) *Builder {
	st := b.state()
	st.job.DebugHookConfig = copyToBlock(&st.c, &st.blk.DebugHookConfig, c, (*copier).copyIntoDebugHookConfig)
	return b
}

// WithExperimentConfig replaces ExperimentConfig with a copy of c; nil
// removes it.
func (b *Builder) WithExperimentConfig(c *types.ExperimentConfig) *Builder {
	st := b.state()
	st.job.ExperimentConfig = st.c.copyExperimentConfig(c)
	return b
}

// WithDebugRuleConfigurations replaces all Debugger rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithDebugRuleConfigurations(rules ...types.DebugRuleConfiguration) *Builder {
	st := b.state()
	st.job.DebugRuleConfigurations = st.c.copyDebugRuleConfigurationSlice(rules)
	return b
}

// WithTensorBoardOutputConfig replaces TensorBoardOutputConfig with a copy of
// c; nil removes it.
func (b *Builder) WithTensorBoardOutputConfig(c *types.TensorBoardOutputConfig) *Builder {
	st := b.state()
	st.job.TensorBoardOutputConfig = st.c.copyTensorBoardOutputConfig(c)
	return b
}

// WithDebugRuleEvaluationStatuses replaces all Debugger rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithDebugRuleEvaluationStatuses(statuses ...types.DebugRuleEvaluationStatus) *Builder {
	st := b.state()
	st.job.DebugRuleEvaluationStatuses = st.c.copyDebugRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilerConfig replaces ProfilerConfig with a copy of c; nil removes
// it.
func (b *Builder) WithProfilerConfig(c *types.ProfilerConfig) *Builder {
	st := b.state()
	st.job.ProfilerConfig = copyToBlock(&st.c, &st.blk.ProfilerConfig, c, (*copier).copyIntoProfilerConfig)
	return b
}

// WithProfilerRuleConfigurations replaces all profiler rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithProfilerRuleConfigurations(rules ...types.ProfilerRuleConfiguration) *Builder {
	st := b.state()
	st.job.ProfilerRuleConfigurations = st.c.copyProfilerRuleConfigurationSlice(rules)
	return b
}

// WithProfilerRuleEvaluationStatuses replaces all profiler rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithProfilerRuleEvaluationStatuses(statuses ...types.ProfilerRuleEvaluationStatus) *Builder {
	st := b.state()
	st.job.ProfilerRuleEvaluationStatuses = st.c.copyProfilerRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilingStatus replaces ProfilingStatus.
func (b *Builder) WithProfilingStatus(s types.ProfilingStatus) *Builder {
	st := b.state()
	st.job.ProfilingStatus = s
	return b
}

// WithEnvironment replaces all environment variables with a copy of env;
// nil removes them.
func (b *Builder) WithEnvironment(env map[string]string) *Builder {
	st := b.state()
	st.job.Environment = cloneMap(env)
	return b
}

// WithEnvironmentVariable sets one environment variable, merging it into the
// ones already set: a second call with the same name replaces its value.
func (b *Builder) WithEnvironmentVariable(name, value string) *Builder {
	st := b.state()
	if st.job.Environment == nil {
		st.job.Environment = make(map[string]string)
	}
	st.job.Environment[name] = value
	return b
}

// WithRetryStrategy replaces RetryStrategy with a copy of r; nil removes it.
func (b *Builder) WithRetryStrategy(r *types.RetryStrategy) *Builder {
	st := b.state()
	st.job.RetryStrategy = st.c.copyRetryStrategy(r)
	return b
}

// WithRemoteDebugConfig replaces RemoteDebugConfig with a copy of c; nil
// removes it.
func (b *Builder) WithRemoteDebugConfig(c *types.RemoteDebugConfig) *Builder {
	st := b.state()
	st.job.RemoteDebugConfig = st.c.copyRemoteDebugConfig(c)
	return b
}

// WithInfraCheckConfig replaces InfraCheckConfig with a copy of c; nil
// removes it.
func (b *Builder) WithInfraCheckConfig(c *types.InfraCheckConfig) *Builder {
	st := b.state()
	st.job.InfraCheckConfig = st.c.copyInfraCheckConfig(c)
	return b
}

// WithServerlessJobConfig replaces ServerlessJobConfig with a copy of c; nil
// removes it.
func (b *Builder) WithServerlessJobConfig(c *types.ServerlessJobConfig) *Builder {
	st := b.state()
	st.job.ServerlessJobConfig = st.c.copyServerlessJobConfig(c)
	return b
}

// WithMlflowConfig replaces MlflowConfig with a copy of c; nil removes it.
func (b *Builder) WithMlflowConfig(c *types.MlflowConfig) *Builder {
	st := b.state()
	st.job.MlflowConfig = st.c.copyMlflowConfig(c)
	return b
}

// WithModelPackageConfig replaces ModelPackageConfig with a copy of c; nil
// removes it.
func (b *Builder) WithModelPackageConfig(c *types.ModelPackageConfig) *Builder {
	st := b.state()
	st.job.ModelPackageConfig = st.c.copyModelPackageConfig(c)
	return b
}

// WithMlflowDetails replaces MlflowDetails with a copy of d; nil removes it.
func (b *Builder) WithMlflowDetails(d *types.MlflowDetails) *Builder {
	st := b.state()
	st.job.MlflowDetails = st.c.copyMlflowDetails(d)
	return b
}

// WithProgressInfo replaces ProgressInfo with a copy of p; nil removes it.
func (b *Builder) WithProgressInfo(p *types.TrainingProgressInfo) *Builder {
	st := b.state()
	st.job.ProgressInfo = st.c.copyTrainingProgressInfo(p)
	return b
}

// WithOutputModelPackageArn replaces OutputModelPackageArn.
func (b *Builder) WithOutputModelPackageArn(arn string) *Builder {
	st := b.state()
	st.job.OutputModelPackageArn = arn
	return b
}

// WithTags replaces all tags with copies of tags; with no arguments it
// removes them.
func (b *Builder) WithTags(tags ...types.Tag) *Builder {
	st := b.state()
	st.job.Tags = st.c.copyTagSlice(tags)
	return b
}

// WithTag appends one tag.
func (b *Builder) WithTag(key, value string) *Builder {
	st := b.state()
	st.job.Tags = appendOne(st.job.Tags, types.Tag{Key: st.c.ptrString.get(key), Value: st.c.ptrString.get(value)})
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
