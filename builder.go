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
// A Builder must not be copied by value: the copy would share the
// original's maps, lists and storage, and the two would overwrite each
// other's members. go vet reports such copies, and a method called on one
// panics, as with strings.Builder. Clone starts a second, independent
// builder from this one.
type Builder struct {
	// _ lets go vet's copylocks check report a Builder copied by value.
	_ noCopy
	// self is the builder's own address, recorded by the first method
	// called on it, so that a copy made by value is caught at run time.
	self *Builder
	job  TrainingJob
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
	b := &Builder{job: job}
	b.self = b
	b.c.seed(&b.seed)
	return b
}

// Clone returns a new builder that starts from a deep copy of b's job. The
// two share nothing: use Clone, not an assignment, to branch a template.
func (b *Builder) Clone() *Builder {
	b.own()
	return newBuilder(b.job.Clone())
}

// own records b's address the first time a method is called on b, and
// panics when b has been copied by value from a builder already in use,
// because the copy shares that builder's storage.
func (b *Builder) own() {
	if b.self == b {
		return
	}
	if b.self != nil {
		panic("trainingjob: Builder copied by value; use Builder.Clone to branch a builder")
	}
	b.self = b
}

// noCopy has the methods that go vet's copylocks check looks for, so that
// vet reports a copy of a struct holding one.
type noCopy struct{}

// Lock does nothing; it exists for go vet.
func (*noCopy) Lock() {}

// Unlock does nothing; it exists for go vet.
func (*noCopy) Unlock() {}

// Build validates the job at the default strength, or as opts say, and
// returns a deep copy of it. When validation finds problems it returns the
// zero TrainingJob and a *ValidationError listing all of them.
func (b *Builder) Build(opts ...ValidateOption) (TrainingJob, error) {
	b.own()
	if err := b.job.Validate(opts...); err != nil {
		return TrainingJob{}, err
	}
	var c copier
	return b.job.cloneWith(&c), nil
}

// MustBuild is like Build but panics with the validation error. It is meant
// for tests and examples, where the job is known to be valid.
func (b *Builder) MustBuild(opts ...ValidateOption) TrainingJob {
	b.own()
	job, err := b.Build(opts...)
	if err != nil {
		panic(err)
	}
	return job
}

// BuildUnchecked returns a deep copy of the job without validating it, for
// tests that need an invalid job on purpose.
func (b *Builder) BuildUnchecked() TrainingJob {
	b.own()
	return b.job.Clone()
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
	b.own()
	b.job.TrainingJobName = name
	return b
}

// WithTrainingJobArn replaces the job's ARN.
func (b *Builder) WithTrainingJobArn(arn string) *Builder {
	b.own()
	b.job.TrainingJobArn = arn
	return b
}

// WithTuningJobArn replaces the ARN of the tuning job that launched the job.
func (b *Builder) WithTuningJobArn(arn string) *Builder {
	b.own()
	b.job.TuningJobArn = arn
	return b
}

// WithLabelingJobArn replaces the ARN of the labeling job that created the
// job.
func (b *Builder) WithLabelingJobArn(arn string) *Builder {
	b.own()
	b.job.LabelingJobArn = arn
	return b
}

// WithAutoMLJobArn replaces the ARN of the AutoML job that created the job.
func (b *Builder) WithAutoMLJobArn(arn string) *Builder {
	b.own()
	b.job.AutoMLJobArn = arn
	return b
}

// WithModelArtifacts replaces ModelArtifacts with a copy of m; nil removes
// it.
func (b *Builder) WithModelArtifacts(m *types.ModelArtifacts) *Builder {
	b.own()
	b.job.ModelArtifacts = copyToBlock(&b.c, &b.blk.ModelArtifacts, m, (*copier).copyIntoModelArtifacts)
	return b
}

// WithS3ModelArtifacts replaces ModelArtifacts with one that points at uri.
func (b *Builder) WithS3ModelArtifacts(uri string) *Builder {
	b.own()
	b.blk.ModelArtifacts = types.ModelArtifacts{S3ModelArtifacts: b.c.ptrString.get(uri)}
	b.job.ModelArtifacts = &b.blk.ModelArtifacts
	return b
}

// WithTrainingJobStatus replaces the primary status.
func (b *Builder) WithTrainingJobStatus(s Status) *Builder {
	b.own()
	b.job.TrainingJobStatus = s
	return b
}

// WithSecondaryStatus replaces the secondary status.
func (b *Builder) WithSecondaryStatus(s SecondaryStatus) *Builder {
	b.own()
	b.job.SecondaryStatus = s
	return b
}

// WithStatus replaces both statuses at once.
func (b *Builder) WithStatus(primary Status, secondary SecondaryStatus) *Builder {
	b.own()
	b.job.TrainingJobStatus = primary
	b.job.SecondaryStatus = secondary
	return b
}

// WithFailureReason replaces the failure reason.
func (b *Builder) WithFailureReason(reason string) *Builder {
	b.own()
	b.job.FailureReason = reason
	return b
}

// WithHyperParameters replaces all hyperparameters with a copy of m; nil
// removes them.
func (b *Builder) WithHyperParameters(m map[string]string) *Builder {
	b.own()
	b.job.HyperParameters = cloneMap(m)
	return b
}

// WithHyperParameter sets one hyperparameter, merging it into the ones
// already set: a second call with the same key replaces that key's value.
func (b *Builder) WithHyperParameter(key, value string) *Builder {
	b.own()
	if b.job.HyperParameters == nil {
		b.job.HyperParameters = make(map[string]string)
	}
	b.job.HyperParameters[key] = value
	return b
}

// WithAlgorithmSpecification replaces AlgorithmSpecification with a copy of
// a; nil removes it.
func (b *Builder) WithAlgorithmSpecification(a *types.AlgorithmSpecification) *Builder {
	b.own()
	b.job.AlgorithmSpecification = copyToBlock(&b.c, &b.blk.AlgorithmSpecification, a, (*copier).copyIntoAlgorithmSpecification)
	return b
}

// WithRoleArn replaces the IAM role's ARN.
func (b *Builder) WithRoleArn(arn string) *Builder {
	b.own()
	b.job.RoleArn = arn
	return b
}

// WithInputDataConfig replaces all input channels with copies of channels;
// with no arguments it removes them.
func (b *Builder) WithInputDataConfig(channels ...types.Channel) *Builder {
	b.own()
	b.job.InputDataConfig = b.c.copyChannelSlice(channels)
	return b
}

// WithInputChannel appends a copy of c to the input channels.
func (b *Builder) WithInputChannel(c types.Channel) *Builder {
	b.own()
	b.job.InputDataConfig = appendOne(b.job.InputDataConfig, types.Channel{})
	b.c.copyIntoChannel(&b.job.InputDataConfig[len(b.job.InputDataConfig)-1], &c)
	return b
}

// WithOutputDataConfig replaces OutputDataConfig with a copy of o; nil
// removes it.
func (b *Builder) WithOutputDataConfig(o *types.OutputDataConfig) *Builder {
	b.own()
	b.job.OutputDataConfig = copyToBlock(&b.c, &b.blk.OutputDataConfig, o, (*copier).copyIntoOutputDataConfig)
	return b
}

// WithResourceConfig replaces ResourceConfig with a copy of r; nil removes
// it.
func (b *Builder) WithResourceConfig(r *types.ResourceConfig) *Builder {
	b.own()
	b.job.ResourceConfig = copyToBlock(&b.c, &b.blk.ResourceConfig, r, (*copier).copyIntoResourceConfig)
	return b
}

// WithInstances merges an instance type and count into ResourceConfig,
// creating it if needed and keeping its other members.
func (b *Builder) WithInstances(instanceType types.TrainingInstanceType, count int32) *Builder {
	b.own()
	if b.job.ResourceConfig == nil {
		b.blk.ResourceConfig = types.ResourceConfig{}
		b.job.ResourceConfig = &b.blk.ResourceConfig
	}
	b.job.ResourceConfig.InstanceType = instanceType
	b.job.ResourceConfig.InstanceCount = b.c.ptrInt32.get(count)
	return b
}

// WithWarmPoolStatus replaces WarmPoolStatus with a copy of w; nil removes
// it.
func (b *Builder) WithWarmPoolStatus(w *types.WarmPoolStatus) *Builder {
	b.own()
	b.job.WarmPoolStatus = b.c.copyWarmPoolStatus(w)
	return b
}

// WithVpcConfig replaces VpcConfig with a copy of c; nil removes it.
func (b *Builder) WithVpcConfig(c *types.VpcConfig) *Builder {
	b.own()
	b.job.VpcConfig = b.c.copyVpcConfig(c)
	return b
}

// WithStoppingCondition replaces StoppingCondition with a copy of c; nil
// removes it.
func (b *Builder) WithStoppingCondition(c *types.StoppingCondition) *Builder {
	b.own()
	b.job.StoppingCondition = copyToBlock(&b.c, &b.blk.StoppingCondition, c, (*copier).copyIntoStoppingCondition)
	return b
}

// WithMaxRuntimeInSeconds merges a runtime limit into StoppingCondition,
// creating it if needed and keeping its other members.
func (b *Builder) WithMaxRuntimeInSeconds(seconds int32) *Builder {
	b.own()
	if b.job.StoppingCondition == nil {
		b.blk.StoppingCondition = types.StoppingCondition{}
		b.job.StoppingCondition = &b.blk.StoppingCondition
	}
	b.job.StoppingCondition.MaxRuntimeInSeconds = b.c.ptrInt32.get(seconds)
	return b
}

// WithCreationTime replaces the creation time.
func (b *Builder) WithCreationTime(t time.Time) *Builder {
	b.own()
	b.job.CreationTime = clean(t)
	return b
}

// WithTrainingStartTime replaces the training start time.
func (b *Builder) WithTrainingStartTime(t time.Time) *Builder {
	b.own()
	b.job.TrainingStartTime = clean(t)
	return b
}

// WithTrainingEndTime replaces the training end time.
func (b *Builder) WithTrainingEndTime(t time.Time) *Builder {
	b.own()
	b.job.TrainingEndTime = clean(t)
	return b
}

// WithLastModifiedTime replaces the last modification time.
func (b *Builder) WithLastModifiedTime(t time.Time) *Builder {
	b.own()
	b.job.LastModifiedTime = clean(t)
	return b
}

// WithSecondaryStatusTransitions replaces the whole history with a copy of
// history; with no arguments it removes it.
func (b *Builder) WithSecondaryStatusTransitions(history ...SecondaryStatusTransition) *Builder {
	b.own()
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
	b.own()
	t.StartTime, t.EndTime = clean(t.StartTime), clean(t.EndTime)
	b.job.SecondaryStatusTransitions = appendOne(b.job.SecondaryStatusTransitions, t)
	return b
}

// WithTransition appends a history entry made of its arguments. A zero end
// leaves the entry open.
func (b *Builder) WithTransition(status SecondaryStatus, start, end time.Time, message string) *Builder {
	b.own()
	return b.WithSecondaryStatusTransition(SecondaryStatusTransition{
		Status: status, StartTime: start, EndTime: end, StatusMessage: message,
	})
}

// WithFinalMetricDataList replaces all final metrics with copies of metrics;
// with no arguments it removes them.
func (b *Builder) WithFinalMetricDataList(metrics ...types.MetricData) *Builder {
	b.own()
	b.job.FinalMetricDataList = b.c.copyMetricDataSlice(metrics)
	return b
}

// WithFinalMetric appends one final metric.
func (b *Builder) WithFinalMetric(name string, value float32, at time.Time) *Builder {
	b.own()
	at = clean(at)
	b.job.FinalMetricDataList = appendOne(b.job.FinalMetricDataList, types.MetricData{
		MetricName: b.c.ptrString.get(name), Value: b.c.ptrFloat32.get(value), Timestamp: b.c.ptrTime.get(at),
	})
	return b
}

// WithEnableNetworkIsolation replaces EnableNetworkIsolation.
func (b *Builder) WithEnableNetworkIsolation(on bool) *Builder {
	b.own()
	b.job.EnableNetworkIsolation = on
	return b
}

// WithEnableInterContainerTrafficEncryption replaces
// EnableInterContainerTrafficEncryption.
func (b *Builder) WithEnableInterContainerTrafficEncryption(on bool) *Builder {
	b.own()
	b.job.EnableInterContainerTrafficEncryption = on
	return b
}

// WithEnableManagedSpotTraining replaces EnableManagedSpotTraining.
func (b *Builder) WithEnableManagedSpotTraining(on bool) *Builder {
	b.own()
	b.job.EnableManagedSpotTraining = on
	return b
}

// WithCheckpointConfig replaces CheckpointConfig with a copy of c; nil
// removes it.
func (b *Builder) WithCheckpointConfig(c *types.CheckpointConfig) *Builder {
	b.own()
	b.job.CheckpointConfig = b.c.copyCheckpointConfig(c)
	return b
}

// WithTrainingTimeInSeconds replaces the training time.
func (b *Builder) WithTrainingTimeInSeconds(seconds int32) *Builder {
	b.own()
	b.job.TrainingTimeInSeconds = seconds
	return b
}

// WithBillableTimeInSeconds replaces the billable time.
func (b *Builder) WithBillableTimeInSeconds(seconds int32) *Builder {
	b.own()
	b.job.BillableTimeInSeconds = seconds
	return b
}

// WithBillableTokenCount replaces the billable token count.
func (b *Builder) WithBillableTokenCount(n int64) *Builder {
	b.own()
	b.job.BillableTokenCount = n
	return b
}

// WithDebugHookConfig replaces DebugHookConfig with a copy of c; nil removes
// it.
func (b *Builder) WithDebugHookConfig(c *types.DebugHookConfig) *Builder {
	b.own()
	b.job.DebugHookConfig = copyToBlock(&b.c, &b.blk.DebugHookConfig, c, (*copier).copyIntoDebugHookConfig)
	return b
}

// WithExperimentConfig replaces ExperimentConfig with a copy of c; nil
// removes it.
func (b *Builder) WithExperimentConfig(c *types.ExperimentConfig) *Builder {
	b.own()
	b.job.ExperimentConfig = b.c.copyExperimentConfig(c)
	return b
}

// WithDebugRuleConfigurations replaces all Debugger rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithDebugRuleConfigurations(rules ...types.DebugRuleConfiguration) *Builder {
	b.own()
	b.job.DebugRuleConfigurations = b.c.copyDebugRuleConfigurationSlice(rules)
	return b
}

// WithTensorBoardOutputConfig replaces TensorBoardOutputConfig with a copy of
// c; nil removes it.
func (b *Builder) WithTensorBoardOutputConfig(c *types.TensorBoardOutputConfig) *Builder {
	b.own()
	b.job.TensorBoardOutputConfig = b.c.copyTensorBoardOutputConfig(c)
	return b
}

// WithDebugRuleEvaluationStatuses replaces all Debugger rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithDebugRuleEvaluationStatuses(statuses ...types.DebugRuleEvaluationStatus) *Builder {
	b.own()
	b.job.DebugRuleEvaluationStatuses = b.c.copyDebugRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilerConfig replaces ProfilerConfig with a copy of c; nil removes
// it.
func (b *Builder) WithProfilerConfig(c *types.ProfilerConfig) *Builder {
	b.own()
	b.job.ProfilerConfig = copyToBlock(&b.c, &b.blk.ProfilerConfig, c, (*copier).copyIntoProfilerConfig)
	return b
}

// WithProfilerRuleConfigurations replaces all profiler rules with copies of
// rules; with no arguments it removes them.
func (b *Builder) WithProfilerRuleConfigurations(rules ...types.ProfilerRuleConfiguration) *Builder {
	b.own()
	b.job.ProfilerRuleConfigurations = b.c.copyProfilerRuleConfigurationSlice(rules)
	return b
}

// WithProfilerRuleEvaluationStatuses replaces all profiler rule results with
// copies of statuses; with no arguments it removes them.
func (b *Builder) WithProfilerRuleEvaluationStatuses(statuses ...types.ProfilerRuleEvaluationStatus) *Builder {
	b.own()
	b.job.ProfilerRuleEvaluationStatuses = b.c.copyProfilerRuleEvaluationStatusSlice(statuses)
	return b
}

// WithProfilingStatus replaces ProfilingStatus.
func (b *Builder) WithProfilingStatus(s types.ProfilingStatus) *Builder {
	b.own()
	b.job.ProfilingStatus = s
	return b
}

// WithEnvironment replaces all environment variables with a copy of env;
// nil removes them.
func (b *Builder) WithEnvironment(env map[string]string) *Builder {
	b.own()
	b.job.Environment = cloneMap(env)
	return b
}

// WithEnvironmentVariable sets one environment variable, merging it into the
// ones already set: a second call with the same name replaces its value.
func (b *Builder) WithEnvironmentVariable(name, value string) *Builder {
	b.own()
	if b.job.Environment == nil {
		b.job.Environment = make(map[string]string)
	}
	b.job.Environment[name] = value
	return b
}

// WithRetryStrategy replaces RetryStrategy with a copy of r; nil removes it.
func (b *Builder) WithRetryStrategy(r *types.RetryStrategy) *Builder {
	b.own()
	b.job.RetryStrategy = b.c.copyRetryStrategy(r)
	return b
}

// WithRemoteDebugConfig replaces RemoteDebugConfig with a copy of c; nil
// removes it.
func (b *Builder) WithRemoteDebugConfig(c *types.RemoteDebugConfig) *Builder {
	b.own()
	b.job.RemoteDebugConfig = b.c.copyRemoteDebugConfig(c)
	return b
}

// WithInfraCheckConfig replaces InfraCheckConfig with a copy of c; nil
// removes it.
func (b *Builder) WithInfraCheckConfig(c *types.InfraCheckConfig) *Builder {
	b.own()
	b.job.InfraCheckConfig = b.c.copyInfraCheckConfig(c)
	return b
}

// WithServerlessJobConfig replaces ServerlessJobConfig with a copy of c; nil
// removes it.
func (b *Builder) WithServerlessJobConfig(c *types.ServerlessJobConfig) *Builder {
	b.own()
	b.job.ServerlessJobConfig = b.c.copyServerlessJobConfig(c)
	return b
}

// WithMlflowConfig replaces MlflowConfig with a copy of c; nil removes it.
func (b *Builder) WithMlflowConfig(c *types.MlflowConfig) *Builder {
	b.own()
	b.job.MlflowConfig = b.c.copyMlflowConfig(c)
	return b
}

// WithModelPackageConfig replaces ModelPackageConfig with a copy of c; nil
// removes it.
func (b *Builder) WithModelPackageConfig(c *types.ModelPackageConfig) *Builder {
	b.own()
	b.job.ModelPackageConfig = b.c.copyModelPackageConfig(c)
	return b
}

// WithMlflowDetails replaces MlflowDetails with a copy of d; nil removes it.
func (b *Builder) WithMlflowDetails(d *types.MlflowDetails) *Builder {
	b.own()
	b.job.MlflowDetails = b.c.copyMlflowDetails(d)
	return b
}

// WithProgressInfo replaces ProgressInfo with a copy of p; nil removes it.
func (b *Builder) WithProgressInfo(p *types.TrainingProgressInfo) *Builder {
	b.own()
	b.job.ProgressInfo = b.c.copyTrainingProgressInfo(p)
	return b
}

// WithOutputModelPackageArn replaces OutputModelPackageArn.
func (b *Builder) WithOutputModelPackageArn(arn string) *Builder {
	b.own()
	b.job.OutputModelPackageArn = arn
	return b
}

// WithTags replaces all tags with copies of tags; with no arguments it
// removes them.
func (b *Builder) WithTags(tags ...types.Tag) *Builder {
	b.own()
	b.job.Tags = b.c.copyTagSlice(tags)
	return b
}

// WithTag appends one tag.
func (b *Builder) WithTag(key, value string) *Builder {
	b.own()
	b.job.Tags = appendOne(b.job.Tags, types.Tag{Key: b.c.ptrString.get(key), Value: b.c.ptrString.get(value)})
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
