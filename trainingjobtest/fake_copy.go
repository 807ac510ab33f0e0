package trainingjobtest

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyScenario(s Scenario) Scenario {
	s.Interruptions = append([]Interruption(nil), s.Interruptions...)
	s.Phases = append([]Phase(nil), s.Phases...)
	s.Updates = append([]time.Time(nil), s.Updates...)
	return s
}

// requestJob returns the members of a create request as a TrainingJob that
// shares no memory with in.
func requestJob(in *sagemaker.CreateTrainingJobInput) trainingjob.TrainingJob {
	j := trainingjob.TrainingJob{
		TrainingJobName:                       aws.ToString(in.TrainingJobName),
		RoleArn:                               aws.ToString(in.RoleArn),
		OutputDataConfig:                      in.OutputDataConfig,
		AlgorithmSpecification:                in.AlgorithmSpecification,
		CheckpointConfig:                      in.CheckpointConfig,
		DebugHookConfig:                       in.DebugHookConfig,
		DebugRuleConfigurations:               in.DebugRuleConfigurations,
		EnableInterContainerTrafficEncryption: aws.ToBool(in.EnableInterContainerTrafficEncryption),
		EnableManagedSpotTraining:             aws.ToBool(in.EnableManagedSpotTraining),
		EnableNetworkIsolation:                aws.ToBool(in.EnableNetworkIsolation),
		Environment:                           in.Environment,
		ExperimentConfig:                      in.ExperimentConfig,
		HyperParameters:                       in.HyperParameters,
		InfraCheckConfig:                      in.InfraCheckConfig,
		InputDataConfig:                       in.InputDataConfig,
		MlflowConfig:                          in.MlflowConfig,
		ModelPackageConfig:                    in.ModelPackageConfig,
		ProfilerConfig:                        in.ProfilerConfig,
		ProfilerRuleConfigurations:            in.ProfilerRuleConfigurations,
		RemoteDebugConfig:                     in.RemoteDebugConfig,
		ResourceConfig:                        in.ResourceConfig,
		RetryStrategy:                         in.RetryStrategy,
		ServerlessJobConfig:                   in.ServerlessJobConfig,
		StoppingCondition:                     in.StoppingCondition,
		Tags:                                  in.Tags,
		TensorBoardOutputConfig:               in.TensorBoardOutputConfig,
		VpcConfig:                             in.VpcConfig,
	}
	return j.Clone()
}

// copyCreateInput returns a deep copy of in, or nil.
func copyCreateInput(in *sagemaker.CreateTrainingJobInput) *sagemaker.CreateTrainingJobInput {
	if in == nil {
		return nil
	}
	c := *in
	j := requestJob(in)
	c.TrainingJobName = copyPtr(in.TrainingJobName)
	c.RoleArn = copyPtr(in.RoleArn)
	c.EnableInterContainerTrafficEncryption = copyPtr(in.EnableInterContainerTrafficEncryption)
	c.EnableManagedSpotTraining = copyPtr(in.EnableManagedSpotTraining)
	c.EnableNetworkIsolation = copyPtr(in.EnableNetworkIsolation)
	c.OutputDataConfig = j.OutputDataConfig
	c.AlgorithmSpecification = j.AlgorithmSpecification
	c.CheckpointConfig = j.CheckpointConfig
	c.DebugHookConfig = j.DebugHookConfig
	c.DebugRuleConfigurations = j.DebugRuleConfigurations
	c.Environment = j.Environment
	c.ExperimentConfig = j.ExperimentConfig
	c.HyperParameters = j.HyperParameters
	c.InfraCheckConfig = j.InfraCheckConfig
	c.InputDataConfig = j.InputDataConfig
	c.MlflowConfig = j.MlflowConfig
	c.ModelPackageConfig = j.ModelPackageConfig
	c.ProfilerConfig = j.ProfilerConfig
	c.ProfilerRuleConfigurations = j.ProfilerRuleConfigurations
	c.RemoteDebugConfig = j.RemoteDebugConfig
	c.ResourceConfig = j.ResourceConfig
	c.RetryStrategy = j.RetryStrategy
	c.ServerlessJobConfig = j.ServerlessJobConfig
	c.StoppingCondition = j.StoppingCondition
	c.Tags = j.Tags
	c.TensorBoardOutputConfig = j.TensorBoardOutputConfig
	c.VpcConfig = j.VpcConfig
	if s := in.SessionChainingConfig; s != nil {
		sc := *s
		sc.EnableSessionTagChaining = copyPtr(s.EnableSessionTagChaining)
		c.SessionChainingConfig = &sc
	}
	return &c
}

// copyUpdateInput returns a deep copy of in, or nil.
func copyUpdateInput(in *sagemaker.UpdateTrainingJobInput) *sagemaker.UpdateTrainingJobInput {
	if in == nil {
		return nil
	}
	c := *in
	c.TrainingJobName = copyPtr(in.TrainingJobName)
	if p := in.ProfilerConfig; p != nil {
		pc := *p
		pc.DisableProfiler = copyPtr(p.DisableProfiler)
		pc.ProfilingIntervalInMilliseconds = copyPtr(p.ProfilingIntervalInMilliseconds)
		pc.S3OutputPath = copyPtr(p.S3OutputPath)
		if p.ProfilingParameters != nil {
			pc.ProfilingParameters = make(map[string]string, len(p.ProfilingParameters))
			for k, v := range p.ProfilingParameters {
				pc.ProfilingParameters[k] = v
			}
		}
		c.ProfilerConfig = &pc
	}
	c.ProfilerRuleConfigurations = trainingjob.TrainingJob{ProfilerRuleConfigurations: in.ProfilerRuleConfigurations}.Clone().ProfilerRuleConfigurations
	if r := in.RemoteDebugConfig; r != nil {
		rc := *r
		rc.EnableRemoteDebug = copyPtr(r.EnableRemoteDebug)
		c.RemoteDebugConfig = &rc
	}
	if r := in.ResourceConfig; r != nil {
		rc := *r
		rc.KeepAlivePeriodInSeconds = copyPtr(r.KeepAlivePeriodInSeconds)
		c.ResourceConfig = &rc
	}
	return &c
}

// copyListInput returns a deep copy of in, or nil.
func copyListInput(in *sagemaker.ListTrainingJobsInput) *sagemaker.ListTrainingJobsInput {
	if in == nil {
		return nil
	}
	c := *in
	c.CreationTimeAfter = copyPtr(in.CreationTimeAfter)
	c.CreationTimeBefore = copyPtr(in.CreationTimeBefore)
	c.LastModifiedTimeAfter = copyPtr(in.LastModifiedTimeAfter)
	c.LastModifiedTimeBefore = copyPtr(in.LastModifiedTimeBefore)
	c.MaxResults = copyPtr(in.MaxResults)
	c.NameContains = copyPtr(in.NameContains)
	c.NextToken = copyPtr(in.NextToken)
	c.TrainingPlanArnEquals = copyPtr(in.TrainingPlanArnEquals)
	return &c
}
