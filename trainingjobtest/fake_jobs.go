package trainingjobtest

import (
	"fmt"
	"path"
	"reflect"
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
	if len(job.FinalMetricDataList) > 0 {
		// A completed job's final metrics are what its logs say: the last
		// value each definition's expression captured (see fake_logs.go).
		at := job.FinalMetricDataList[0].Timestamp
		job.FinalMetricDataList = nil
		for _, m := range j.logs().metrics {
			m.Timestamp = at
			job.FinalMetricDataList = append(job.FinalMetricDataList, m)
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
// and the request decide. The scenario comes from WithJobScenario, else
// the ScenarioTagKey tag, else WithScenarioRules, else WithScenarioFunc,
// else WithDefaultScenario. A tag whose spec ParseScenario refuses is a
// ValidationException, so that a typo does not pass unseen.
func (f *Fake) scenarioFor(name string, in *sagemaker.CreateTrainingJobInput, now time.Time) (Scenario, error) {
	s, ok := f.byName[strings.ToLower(name)]
	if !ok {
		for i, tag := range in.Tags {
			if aws.ToString(tag.Key) != ScenarioTagKey {
				continue
			}
			parsed, err := ParseScenario(aws.ToString(tag.Value))
			if err == nil && !aws.ToBool(in.EnableManagedSpotTraining) &&
				(len(parsed.Interruptions) > 0 || parsed.Outcome == trainingjob.OutcomeMaxWaitTimeExceeded) {
				// Only managed spot jobs are interrupted or wait for spot
				// capacity.
				err = fmt.Errorf("scenario %q: interruptions= and outcome=MaxWaitTimeExceeded need EnableManagedSpotTraining", aws.ToString(tag.Value))
			}
			if err != nil {
				return Scenario{}, apiError(CodeValidationException, fmt.Sprintf(
					"tags.%d.member.value: the fake cannot read the %s tag: %v", i+1, ScenarioTagKey, err))
			}
			s, ok = parsed, true
			break
		}
	}
	if !ok {
		for _, r := range f.rules {
			if matched, _ := path.Match(r.Pattern, name); matched {
				s, ok = r.Scenario, true
				break
			}
		}
	}
	switch {
	case ok:
	case f.scenarioFunc != nil:
		s = f.scenarioFunc(name, copyCreateInput(in))
	default:
		s = f.defaultScenario
	}
	s = copyScenario(s)
	s.Name, s.Created, s.Region, s.Account = name, now, f.region, f.account
	s.StopRequested, s.Updates, s.ReusedBy, s.ReusedAt = time.Time{}, nil, "", time.Time{}
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
		if c.KeepAlivePeriodInSeconds != nil {
			s.KeepAlive = time.Duration(*c.KeepAlivePeriodInSeconds) * time.Second
		}
	}
	if allowed := retries(in); s.Restarts > allowed && len(s.Phases) == 0 {
		// The service restarts a job only as often as its RetryStrategy
		// allows; the next internal error fails it.
		s.Restarts, s.Outcome = allowed, trainingjob.OutcomeFailed
		s.FailIn, s.FailureReason = trainingjob.SecondaryStatusTraining, ReasonInternalServerError
	}
	if len(s.Phases) == 0 {
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
	}
	if pool := f.matchingPool(in, now); pool != nil && !s.WarmStart {
		s.WarmStart = true
		pool.scenario.ReusedBy, pool.scenario.ReusedAt = name, now
		f.reindex(pool, now)
	}
	return s.Scaled(f.speed), nil
}

// retries is how many times the request's RetryStrategy lets the service
// restart the job.
func retries(in *sagemaker.CreateTrainingJobInput) int {
	if in.RetryStrategy == nil || in.RetryStrategy.MaximumRetryAttempts == nil {
		return 0
	}
	return int(*in.RetryStrategy.MaximumRetryAttempts)
}

// matchingPool returns the job whose warm pool a new job with this request
// reuses: a finished job whose pool is still Available and whose role,
// instance type and count, volume and network match, as the service
// matches them (https://docs.aws.amazon.com/sagemaker/latest/dg/train-warm-pools.html,
// "Matching training jobs"). Pools that can no longer be reused are
// forgotten.
func (f *Fake) matchingPool(in *sagemaker.CreateTrainingJobInput, now time.Time) *fakeJob {
	if in.ResourceConfig == nil || in.ResourceConfig.KeepAlivePeriodInSeconds == nil || aws.ToBool(in.EnableManagedSpotTraining) {
		return nil
	}
	kept := f.warm[:0]
	var found *fakeJob
	for _, j := range f.warm {
		job := j.scenario.JobAt(now)
		w := job.WarmPoolStatus
		if w != nil && (w.Status == types.WarmPoolResourceStatusTerminated || w.Status == types.WarmPoolResourceStatusReused) || !j.deleted.IsZero() {
			continue
		}
		kept = append(kept, j)
		if found == nil && w != nil && w.Status == types.WarmPoolResourceStatusAvailable && samePool(&j.req, in) {
			found = j
		}
	}
	clear(f.warm[len(kept):])
	f.warm = kept
	return found
}

// samePool reports whether a new request can run on the instances a job
// kept.
func samePool(old *trainingjob.TrainingJob, in *sagemaker.CreateTrainingJobInput) bool {
	a, b := old.ResourceConfig, in.ResourceConfig
	if a == nil || b == nil || old.RoleArn != aws.ToString(in.RoleArn) {
		return false
	}
	same := a.InstanceType == b.InstanceType && aws.ToInt32(a.InstanceCount) == aws.ToInt32(b.InstanceCount) &&
		aws.ToInt32(a.VolumeSizeInGB) == aws.ToInt32(b.VolumeSizeInGB) && aws.ToString(a.VolumeKmsKeyId) == aws.ToString(b.VolumeKmsKeyId)
	return same && reflect.DeepEqual(vpcKey(old.VpcConfig), vpcKey(in.VpcConfig))
}

func vpcKey(c *types.VpcConfig) [2][]string {
	if c == nil {
		return [2][]string{}
	}
	return [2][]string{c.SecurityGroupIds, c.Subnets}
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
// constraints, once those hold, and returns the first one the request
// breaks as the service's ValidationException, or nil. The service stops
// at the first broken rule; so does the fake, in the order below. Where a
// real message is known it is used word for word, with its source; the
// others are the fake's wording, in the same style.
func serviceChecks(in *sagemaker.CreateTrainingJobInput) error {
	refuse := func(msg string) error { return apiError(CodeValidationException, msg) }
	spot := aws.ToBool(in.EnableManagedSpotTraining)
	var maxRun, maxWait *int32
	if c := in.StoppingCondition; c != nil {
		maxRun, maxWait = c.MaxRuntimeInSeconds, c.MaxWaitTimeInSeconds
	}
	switch {
	case !spot && maxWait != nil:
		// https://github.com/Kenza-AI/sagify/issues/111 and
		// https://github.com/aws/sagemaker-python-sdk/issues/4140.
		return refuse("Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true")
	case spot && maxWait == nil:
		return refuse("Invalid MaxWaitTimeInSeconds. It is required when EnableManagedSpotTraining is set to true")
	case spot && maxRun != nil && *maxWait < *maxRun:
		return refuse(fmt.Sprintf("Invalid MaxWaitTimeInSeconds. It must be greater than or equal to MaxRuntimeInSeconds (%d), but is %d",
			*maxRun, *maxWait))
	}
	if a := in.AlgorithmSpecification; a != nil && a.AlgorithmName != nil && a.TrainingImage != nil {
		// The API reference's AlgorithmSpecification: AlgorithmName and
		// TrainingImage exclude each other.
		return refuse("AlgorithmName and TrainingImage cannot both be specified in AlgorithmSpecification")
	}
	if r := in.ResourceConfig; r != nil && len(r.InstanceGroups) > 0 {
		if r.InstanceType != "" || r.InstanceCount != nil {
			// https://github.com/aws/sagemaker-python-sdk/pull/5564.
			return refuse("InstanceType or InstanceCount cannot be specified with InstanceGroups")
		}
		var with, without []string
		for _, c := range in.InputDataConfig {
			name := aws.ToString(c.ChannelName)
			if c.DataSource != nil && c.DataSource.S3DataSource != nil && len(c.DataSource.S3DataSource.InstanceGroupNames) > 0 {
				with = append(with, name)
			} else {
				without = append(without, name)
			}
		}
		if len(with) > 0 && len(without) > 0 {
			// https://github.com/aws/sagemaker-python-sdk/issues/5225 and
			// https://github.com/aws/sagemaker-python-sdk/issues/6089.
			return refuse(fmt.Sprintf("Some channels have assigned instance groups: [%s] while others not: [%s]",
				strings.Join(with, ", "), strings.Join(without, ", ")))
		}
	}
	seen := map[string]bool{}
	for _, c := range in.InputDataConfig {
		name := aws.ToString(c.ChannelName)
		if seen[name] {
			return refuse(fmt.Sprintf("Channel names must be unique within InputDataConfig; %q is given more than once", name))
		}
		seen[name] = true
	}
	if r := in.ResourceConfig; spot && r != nil && r.KeepAlivePeriodInSeconds != nil && *r.KeepAlivePeriodInSeconds > 0 {
		// The developer guide's warm pools: managed spot training cannot
		// keep a warm pool.
		return refuse("KeepAlivePeriodInSeconds cannot be specified when EnableManagedSpotTraining is set to true")
	}
	return nil
}
