package trainingjobtest

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// lookup returns the live job named name, forgetting jobs whose deletion
// has finished.
func (f *Fake) lookup(name string, now time.Time) *fakeJob {
	key := strings.ToLower(name)
	j := f.jobs[key]
	if j != nil && f.gone(j, now) {
		f.forget(key)
		return nil
	}
	return j
}

func (f *Fake) gone(j *fakeJob, now time.Time) bool {
	return !j.deleted.IsZero() && !now.Before(j.deleted.Add(f.deletingFor))
}

// view returns the job as DescribeTrainingJob shows it at now: the
// scenario's job with the request's members laid over it. The result
// shares no memory with the fake.
func (f *Fake) view(j *fakeJob, now time.Time) trainingjob.TrainingJob {
	job := j.scenario.JobAt(now)
	r := &j.req
	if r.OutputDataConfig != nil && r.OutputDataConfig.S3OutputPath != nil && job.ModelArtifacts != nil {
		job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String(
			strings.TrimRight(*r.OutputDataConfig.S3OutputPath, "/") + "/" + job.TrainingJobName + "/output/model.tar.gz")}
	}
	if len(job.FinalMetricDataList) > 0 && r.AlgorithmSpecification != nil && len(r.AlgorithmSpecification.MetricDefinitions) > 0 {
		at := job.FinalMetricDataList[0].Timestamp
		var metrics []types.MetricData
		for i, d := range r.AlgorithmSpecification.MetricDefinitions {
			if d.Name == nil {
				continue
			}
			metrics = append(metrics, types.MetricData{MetricName: d.Name, Value: aws.Float32(1 / float32(i+2)), Timestamp: at})
		}
		if len(metrics) > 0 {
			job.FinalMetricDataList = metrics
		}
	}
	if r.RoleArn != "" {
		job.RoleArn = r.RoleArn
	}
	if r.ResourceConfig != nil {
		job.ResourceConfig = r.ResourceConfig
	}
	if r.StoppingCondition != nil {
		job.StoppingCondition = r.StoppingCondition
	}
	job.HyperParameters = r.HyperParameters
	job.AlgorithmSpecification = r.AlgorithmSpecification
	job.InputDataConfig = r.InputDataConfig
	job.OutputDataConfig = r.OutputDataConfig
	job.VpcConfig = r.VpcConfig
	job.EnableNetworkIsolation = r.EnableNetworkIsolation
	job.EnableInterContainerTrafficEncryption = r.EnableInterContainerTrafficEncryption
	job.CheckpointConfig = r.CheckpointConfig
	job.DebugHookConfig = r.DebugHookConfig
	job.ExperimentConfig = r.ExperimentConfig
	job.DebugRuleConfigurations = r.DebugRuleConfigurations
	job.TensorBoardOutputConfig = r.TensorBoardOutputConfig
	job.ProfilerConfig = r.ProfilerConfig
	job.ProfilerRuleConfigurations = r.ProfilerRuleConfigurations
	if c := r.ProfilerConfig; c != nil {
		job.ProfilingStatus = types.ProfilingStatusEnabled
		if aws.ToBool(c.DisableProfiler) {
			job.ProfilingStatus = types.ProfilingStatusDisabled
		}
	}
	job.Environment = r.Environment
	job.RetryStrategy = r.RetryStrategy
	job.RemoteDebugConfig = r.RemoteDebugConfig
	job.InfraCheckConfig = r.InfraCheckConfig
	job.ServerlessJobConfig = r.ServerlessJobConfig
	job.MlflowConfig = r.MlflowConfig
	job.ModelPackageConfig = r.ModelPackageConfig
	switch {
	case !j.deleted.IsZero() && !now.Before(j.deleted):
		job.TrainingJobStatus = trainingjob.StatusDeleting
		job.LastModifiedTime = j.deleted
	case j.updated.After(job.LastModifiedTime):
		job.LastModifiedTime = j.updated
	}
	return job.Clone()
}

// scenarioFor picks the scenario of a new job and fills in what the fake
// and the request decide.
func (f *Fake) scenarioFor(name string, in *sagemaker.CreateTrainingJobInput, now time.Time) Scenario {
	s, ok := f.byName[strings.ToLower(name)]
	switch {
	case ok:
	case f.scenarioFunc != nil:
		s = f.scenarioFunc(name, copyCreateInput(in))
	default:
		s = f.defaultScenario
	}
	s = copyScenario(s)
	s.Name, s.Created, s.Region, s.Account = name, now, f.region, f.account
	s.StopRequested = time.Time{}
	if in.EnableManagedSpotTraining != nil {
		s.Spot = *in.EnableManagedSpotTraining
	}
	if c := in.StoppingCondition; c != nil {
		if c.MaxRuntimeInSeconds != nil {
			s.MaxRuntime = time.Duration(*c.MaxRuntimeInSeconds) * time.Second
		}
		if c.MaxWaitTimeInSeconds != nil {
			s.MaxWait = time.Duration(*c.MaxWaitTimeInSeconds) * time.Second
		}
	}
	if c := in.ResourceConfig; c != nil {
		if c.InstanceType != "" {
			s.InstanceType = c.InstanceType
		}
		if c.InstanceCount != nil {
			s.InstanceCount = *c.InstanceCount
		}
	}
	switch s.Outcome {
	case trainingjob.OutcomeFailed, trainingjob.OutcomeMaxRuntimeExceeded, trainingjob.OutcomeMaxWaitTimeExceeded:
	default:
		limit := s.MaxRuntime
		if limit <= 0 {
			limit = 24 * time.Hour
		}
		if trainingRuntime(s) > limit {
			s.Outcome = trainingjob.OutcomeMaxRuntimeExceeded
			s.MaxRuntime = limit
		}
	}
	return s
}

// trainingRuntime is how long the scenario's job runs before it starts
// uploading, the time MaxRuntimeInSeconds limits, read off the job's
// finished history.
func trainingRuntime(s Scenario) time.Duration {
	job := s.JobAt(s.Created.Add(100 * 365 * 24 * time.Hour))
	if job.TrainingStartTime.IsZero() {
		return 0
	}
	for i := len(job.SecondaryStatusTransitions) - 1; i >= 0; i-- {
		if t := job.SecondaryStatusTransitions[i]; t.Status == trainingjob.SecondaryStatusUploading {
			return t.StartTime.Sub(job.TrainingStartTime)
		}
	}
	return 0
}

// serviceChecks applies the rules the service enforces beyond the model's
// constraints (ValidateCreateInput covers those).
func serviceChecks(in *sagemaker.CreateTrainingJobInput) []string {
	var problems []string
	spot := aws.ToBool(in.EnableManagedSpotTraining)
	var maxRun, maxWait *int32
	if c := in.StoppingCondition; c != nil {
		maxRun, maxWait = c.MaxRuntimeInSeconds, c.MaxWaitTimeInSeconds
	}
	switch {
	case spot && maxWait == nil:
		problems = append(problems, "StoppingCondition.MaxWaitTimeInSeconds: required: managed spot training needs a wait limit")
	case !spot && maxWait != nil:
		problems = append(problems, "StoppingCondition.MaxWaitTimeInSeconds: forbidden: only managed spot training takes a wait limit")
	case spot && maxRun != nil && *maxWait < *maxRun:
		problems = append(problems, fmt.Sprintf("StoppingCondition.MaxWaitTimeInSeconds: invalid: %d: must be at least MaxRuntimeInSeconds (%d)", *maxWait, *maxRun))
	}
	return problems
}
