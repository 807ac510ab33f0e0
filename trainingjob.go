package trainingjob

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// TrainingJob is one SageMaker training job: every member of the API's
// TrainingJob shape (what Search returns) and of the DescribeTrainingJob
// response, under the names aws-sdk-go-v2 gives them.
//
// The job's own scalar members are plain values, so they need no pointer
// helpers in a struct literal. Their zero value means the member is
// absent: an empty string, a zero time.Time, a zero number or false.
// Nested structures are aws-sdk-go-v2's own types, whose members are
// pointers (aws.String, aws.Int32) and where nil means absent; the
// Builder's setters fill the common ones from plain values. The two statuses and the
// history use this package's types.
//
// A TrainingJob is a plain value with no hidden state. Copying it with
// assignment shares its maps, slices and nested pointers; use Clone for an
// independent copy. Validate checks it against what the service can send.
// fmt and log/slog show the values of HyperParameters and Environment as
// RedactedValue, whose documentation lists the paths that do and do not
// redact; Redacted gives a copy without them for any other encoder.
type TrainingJob struct {
	// TrainingJobName is the job's name, unique in an account and region.
	TrainingJobName string
	// TrainingJobArn is the job's ARN. The service writes the name inside it
	// in lower case, whatever the case of TrainingJobName.
	TrainingJobArn string
	// TuningJobArn is the ARN of the hyperparameter tuning job that
	// launched this job, if any.
	TuningJobArn string
	// LabelingJobArn is the ARN of the Ground Truth labeling job that
	// created this job, if any.
	LabelingJobArn string
	// AutoMLJobArn is the ARN of the AutoML job that created this job, if
	// any.
	AutoMLJobArn string
	// ModelArtifacts locates the model the job wrote to S3. The service
	// leaves it out while a job runs, although its model marks it required.
	ModelArtifacts *types.ModelArtifacts
	// TrainingJobStatus is the primary status.
	TrainingJobStatus Status
	// SecondaryStatus is the detailed status; it equals the Status of the
	// last history entry.
	SecondaryStatus SecondaryStatus
	// FailureReason says why a job failed. It is free text for people.
	FailureReason string
	// HyperParameters are the algorithm's hyperparameters. Values may hold
	// secrets.
	HyperParameters map[string]string
	// AlgorithmSpecification names the training image or algorithm.
	AlgorithmSpecification *types.AlgorithmSpecification
	// RoleArn is the IAM role the job runs as.
	RoleArn string
	// InputDataConfig lists the input channels.
	InputDataConfig []types.Channel
	// OutputDataConfig says where the model is written.
	OutputDataConfig *types.OutputDataConfig
	// ResourceConfig describes the instances.
	ResourceConfig *types.ResourceConfig
	// WarmPoolStatus describes the job's warm pool, if it has one.
	WarmPoolStatus *types.WarmPoolStatus
	// VpcConfig places the job in a VPC.
	VpcConfig *types.VpcConfig
	// StoppingCondition sets the runtime and spot wait limits.
	StoppingCondition *types.StoppingCondition
	// CreationTime is when the job was created.
	CreationTime time.Time
	// TrainingStartTime is when the job began running on its instances.
	TrainingStartTime time.Time
	// TrainingEndTime is when the job finished. Only finished jobs have it.
	TrainingEndTime time.Time
	// LastModifiedTime is when the job's status last changed.
	LastModifiedTime time.Time
	// SecondaryStatusTransitions is the job's history, one entry per visit
	// to a secondary status, oldest first.
	SecondaryStatusTransitions []SecondaryStatusTransition
	// FinalMetricDataList holds the final value of each metric.
	FinalMetricDataList []types.MetricData
	// EnableNetworkIsolation cuts the training container off the network.
	EnableNetworkIsolation bool
	// EnableInterContainerTrafficEncryption encrypts traffic between
	// instances.
	EnableInterContainerTrafficEncryption bool
	// EnableManagedSpotTraining runs the job on spot capacity.
	EnableManagedSpotTraining bool
	// CheckpointConfig says where checkpoints are kept.
	CheckpointConfig *types.CheckpointConfig
	// TrainingTimeInSeconds is the time spent training, per instance. It
	// can appear while the job runs, and can exceed the runtime limit.
	TrainingTimeInSeconds int32
	// BillableTimeInSeconds is the time billed, per instance: equal to
	// TrainingTimeInSeconds on demand and smaller with managed spot.
	BillableTimeInSeconds int32
	// BillableTokenCount is the number of tokens billed, for jobs billed by
	// tokens.
	BillableTokenCount int64
	// DebugHookConfig configures SageMaker Debugger's hook.
	DebugHookConfig *types.DebugHookConfig
	// ExperimentConfig ties the job to an experiment and trial.
	ExperimentConfig *types.ExperimentConfig
	// DebugRuleConfigurations lists the Debugger rules.
	DebugRuleConfigurations []types.DebugRuleConfiguration
	// TensorBoardOutputConfig says where TensorBoard data goes.
	TensorBoardOutputConfig *types.TensorBoardOutputConfig
	// DebugRuleEvaluationStatuses reports the Debugger rules' results.
	DebugRuleEvaluationStatuses []types.DebugRuleEvaluationStatus
	// ProfilerConfig configures the profiler.
	ProfilerConfig *types.ProfilerConfig
	// ProfilerRuleConfigurations lists the profiler rules.
	ProfilerRuleConfigurations []types.ProfilerRuleConfiguration
	// ProfilerRuleEvaluationStatuses reports the profiler rules' results.
	ProfilerRuleEvaluationStatuses []types.ProfilerRuleEvaluationStatus
	// ProfilingStatus says whether profiling is enabled.
	ProfilingStatus types.ProfilingStatus
	// Environment holds the container's environment variables. Values may
	// hold secrets.
	Environment map[string]string
	// RetryStrategy says how often the service retries after an internal
	// error.
	RetryStrategy *types.RetryStrategy
	// RemoteDebugConfig enables remote debugging.
	RemoteDebugConfig *types.RemoteDebugConfig
	// InfraCheckConfig enables infrastructure health checks.
	InfraCheckConfig *types.InfraCheckConfig
	// ServerlessJobConfig configures a serverless job.
	ServerlessJobConfig *types.ServerlessJobConfig
	// MlflowConfig ties the job to an MLflow tracking server.
	MlflowConfig *types.MlflowConfig
	// ModelPackageConfig registers the model in a model package group.
	ModelPackageConfig *types.ModelPackageConfig
	// MlflowDetails names the MLflow experiment and run of the job.
	MlflowDetails *types.MlflowDetails
	// ProgressInfo reports epochs and steps.
	ProgressInfo *types.TrainingProgressInfo
	// OutputModelPackageArn is the ARN of the model package the job
	// created.
	OutputModelPackageArn string
	// Tags are the job's tags. Only the TrainingJob shape (Search) carries
	// them; DescribeTrainingJob does not.
	Tags []types.Tag
}

// Clone returns a deep copy of j: the copy shares no map, slice or pointer
// with j, so either may be changed without affecting the other. Nil members
// stay nil and empty ones stay empty.
func (j TrainingJob) Clone() TrainingJob {
	c := j
	c.ModelArtifacts = copyModelArtifacts(j.ModelArtifacts)
	c.HyperParameters = cloneMap(j.HyperParameters)
	c.AlgorithmSpecification = copyAlgorithmSpecification(j.AlgorithmSpecification)
	c.InputDataConfig = copyChannelSlice(j.InputDataConfig)
	c.OutputDataConfig = copyOutputDataConfig(j.OutputDataConfig)
	c.ResourceConfig = copyResourceConfig(j.ResourceConfig)
	c.WarmPoolStatus = copyWarmPoolStatus(j.WarmPoolStatus)
	c.VpcConfig = copyVpcConfig(j.VpcConfig)
	c.StoppingCondition = copyStoppingCondition(j.StoppingCondition)
	c.SecondaryStatusTransitions = cloneSlice(j.SecondaryStatusTransitions)
	c.FinalMetricDataList = copyMetricDataSlice(j.FinalMetricDataList)
	c.CheckpointConfig = copyCheckpointConfig(j.CheckpointConfig)
	c.DebugHookConfig = copyDebugHookConfig(j.DebugHookConfig)
	c.ExperimentConfig = copyExperimentConfig(j.ExperimentConfig)
	c.DebugRuleConfigurations = copyDebugRuleConfigurationSlice(j.DebugRuleConfigurations)
	c.TensorBoardOutputConfig = copyTensorBoardOutputConfig(j.TensorBoardOutputConfig)
	c.DebugRuleEvaluationStatuses = copyDebugRuleEvaluationStatusSlice(j.DebugRuleEvaluationStatuses)
	c.ProfilerConfig = copyProfilerConfig(j.ProfilerConfig)
	c.ProfilerRuleConfigurations = copyProfilerRuleConfigurationSlice(j.ProfilerRuleConfigurations)
	c.ProfilerRuleEvaluationStatuses = copyProfilerRuleEvaluationStatusSlice(j.ProfilerRuleEvaluationStatuses)
	c.Environment = cloneMap(j.Environment)
	c.RetryStrategy = copyRetryStrategy(j.RetryStrategy)
	c.RemoteDebugConfig = copyRemoteDebugConfig(j.RemoteDebugConfig)
	c.InfraCheckConfig = copyInfraCheckConfig(j.InfraCheckConfig)
	c.ServerlessJobConfig = copyServerlessJobConfig(j.ServerlessJobConfig)
	c.MlflowConfig = copyMlflowConfig(j.MlflowConfig)
	c.ModelPackageConfig = copyModelPackageConfig(j.ModelPackageConfig)
	c.MlflowDetails = copyMlflowDetails(j.MlflowDetails)
	c.ProgressInfo = copyTrainingProgressInfo(j.ProgressInfo)
	c.Tags = copyTagSlice(j.Tags)
	return c
}

// IsTerminal reports whether the job has finished for good (its primary
// status is Completed, Failed or Stopped).
func (j TrainingJob) IsTerminal() bool { return j.TrainingJobStatus.IsTerminal() }

// Outcome classifies the job's two statuses; see ClassifyOutcome.
func (j TrainingJob) Outcome() Outcome {
	return ClassifyOutcome(j.TrainingJobStatus, j.SecondaryStatus)
}

// PairVerdict looks the job's status pair up in the status table; see
// CheckPair.
func (j TrainingJob) PairVerdict() PairVerdict {
	return CheckPair(j.TrainingJobStatus, j.SecondaryStatus)
}

// CurrentTransition returns the last entry of the job's history, the one
// describing what the job is doing now (or how it ended), and false when the
// history is empty.
func (j TrainingJob) CurrentTransition() (SecondaryStatusTransition, bool) {
	n := len(j.SecondaryStatusTransitions)
	if n == 0 {
		return SecondaryStatusTransition{}, false
	}
	return j.SecondaryStatusTransitions[n-1], true
}
