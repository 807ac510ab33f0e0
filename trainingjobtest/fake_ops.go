package trainingjobtest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// CreateTrainingJob creates a job that starts its life at the fake's
// current time, in InProgress/Starting. The request is checked as the
// service checks it: first every constraint of the service model
// (required members, lengths, patterns, ranges, sizes and enumeration
// value sets), all listed in one ValidationException worded as the
// service words it; then the service's rules across members (managed spot
// training's MaxWaitTimeInSeconds, AlgorithmName or TrainingImage,
// InstanceGroups, unique channel names, warm pools), the first one broken
// being a ValidationException of its own. A name already in use (compared without regard to case, as the job's ARN
// is lower-cased) is a *types.ResourceInUse, the SDK's modelled error for
// the ResourceInUse code.
func (f *Fake) CreateTrainingJob(ctx context.Context, params *sagemaker.CreateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.CreateTrainingJobOutput, error) {
	var name string
	if params != nil {
		name = aws.ToString(params.TrainingJobName)
	}
	return do(f, ctx, "CreateTrainingJob", name, copyCreateInput(params), func(now time.Time) (*sagemaker.CreateTrainingJobOutput, error) {
		return f.create(copyCreateInput(params), name, now)
	})
}

func (f *Fake) create(in *sagemaker.CreateTrainingJobInput, name string, now time.Time) (*sagemaker.CreateTrainingJobOutput, error) {
	if in == nil {
		in = &sagemaker.CreateTrainingJobInput{}
	}
	if vs := checkRequest("CreateTrainingJobRequest", in); len(vs) > 0 {
		return nil, violations(vs...)
	}
	if err := serviceChecks(in); err != nil {
		return nil, err
	}
	if j := f.lookup(name, now); j != nil {
		return nil, nameInUse(j.scenario.JobAt(now).TrainingJobArn)
	}
	if err := f.checkInstanceLimit(in, now); err != nil {
		return nil, err
	}
	s, err := f.scenarioFor(name, in, now)
	if err != nil {
		return nil, err
	}
	j := &fakeJob{req: requestJob(in), scenario: s}
	f.jobs[strings.ToLower(name)] = j
	if s.KeepAlive > 0 {
		f.warm = append(f.warm, j)
	}
	f.indexJob(j, now)
	return &sagemaker.CreateTrainingJobOutput{TrainingJobArn: aws.String(j.scenario.JobAt(now).TrainingJobArn)}, nil
}

// DescribeTrainingJob returns the job as it is at the fake's current time.
// A job that does not exist, or whose deletion has finished, is a
// ValidationException with NotFoundMessage, as the service answers.
func (f *Fake) DescribeTrainingJob(ctx context.Context, params *sagemaker.DescribeTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	name := jobName(params)
	return do(f, ctx, "DescribeTrainingJob", aws.ToString(name), copyInput(params), func(now time.Time) (*sagemaker.DescribeTrainingJobOutput, error) {
		return f.describe(name, now)
	})
}

func (f *Fake) describe(name *string, now time.Time) (*sagemaker.DescribeTrainingJobOutput, error) {
	_, job, err := f.named(name, now)
	if err != nil {
		return nil, err
	}
	out := job.ToDescribeOutput()
	alwaysPresent(out)
	return out, nil
}

// StopTrainingJob asks an InProgress job to stop: it shows Stopping/Stopping
// at once and Stopped/Stopped when the scenario's Stopping phase is over. A
// job in any other status is a ValidationException.
func (f *Fake) StopTrainingJob(ctx context.Context, params *sagemaker.StopTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.StopTrainingJobOutput, error) {
	name := jobName(params)
	return do(f, ctx, "StopTrainingJob", aws.ToString(name), copyInput(params), func(now time.Time) (*sagemaker.StopTrainingJobOutput, error) {
		if err := f.stop(name, now); err != nil {
			return nil, err
		}
		return &sagemaker.StopTrainingJobOutput{}, nil
	})
}

func (f *Fake) stop(name *string, now time.Time) error {
	j, cur, err := f.named(name, now)
	if err != nil {
		return err
	}
	if cur.TrainingJobStatus != trainingjob.StatusInProgress {
		return statusRefusal(cur.TrainingJobStatus)
	}
	j.scenario.StopRequested = now
	f.reindex(j, now)
	return nil
}

// UpdateTrainingJob changes what the API lets a running job change: its
// profiler (ProfilerConfig, merged member by member, and
// ProfilerRuleConfigurations, added to the job's), its warm pool's
// ResourceConfig.KeepAlivePeriodInSeconds and RemoteDebugConfig. Only
// InProgress jobs can be updated; a request that changes nothing, or whose
// members break the service model's constraints, is a ValidationException.
// The change shows at once, with LastModifiedTime set to the call's time,
// and the job shows SecondaryStatus Updating for its scenario's Updating
// (DefaultUpdating), after which the phase the update interrupted resumes
// for the time it had left.
func (f *Fake) UpdateTrainingJob(ctx context.Context, params *sagemaker.UpdateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.UpdateTrainingJobOutput, error) {
	var name string
	if params != nil {
		name = aws.ToString(params.TrainingJobName)
	}
	return do(f, ctx, "UpdateTrainingJob", name, copyUpdateInput(params), func(now time.Time) (*sagemaker.UpdateTrainingJobOutput, error) {
		return f.update(copyUpdateInput(params), now)
	})
}

func (f *Fake) update(in *sagemaker.UpdateTrainingJobInput, now time.Time) (*sagemaker.UpdateTrainingJobOutput, error) {
	if in == nil {
		in = &sagemaker.UpdateTrainingJobInput{}
	}
	if vs := checkRequest("UpdateTrainingJobRequest", in); len(vs) > 0 {
		return nil, violations(vs...)
	}
	if in.ProfilerConfig == nil && in.ProfilerRuleConfigurations == nil && in.ResourceConfig == nil && in.RemoteDebugConfig == nil {
		return nil, apiError(CodeValidationException, nothingToUpdate)
	}
	j, cur, err := f.named(in.TrainingJobName, now)
	if err != nil {
		return nil, err
	}
	if cur.TrainingJobStatus != trainingjob.StatusInProgress {
		if poolOnly(in) && cur.WarmPoolStatus != nil && cur.WarmPoolStatus.Status == types.WarmPoolResourceStatusAvailable {
			return f.retain(j, &cur, *in.ResourceConfig.KeepAlivePeriodInSeconds, now)
		}
		return nil, statusRefusal(cur.TrainingJobStatus)
	}
	r := &j.req
	if err := ruleRefusal(r.ProfilerRuleConfigurations, in.ProfilerRuleConfigurations); err != nil {
		return nil, err
	}
	if c := in.ProfilerConfig; c != nil && r.ProfilerConfig != nil {
		if err := parameterRefusal(r.ProfilerConfig.ProfilingParameters, c.ProfilingParameters); err != nil {
			return nil, err
		}
	}
	if c := in.ProfilerConfig; c != nil {
		if r.ProfilerConfig == nil {
			r.ProfilerConfig = &types.ProfilerConfig{}
		}
		p := r.ProfilerConfig
		if c.DisableProfiler != nil {
			p.DisableProfiler = c.DisableProfiler
		}
		if c.ProfilingIntervalInMilliseconds != nil {
			p.ProfilingIntervalInMilliseconds = c.ProfilingIntervalInMilliseconds
		}
		if c.S3OutputPath != nil {
			p.S3OutputPath = c.S3OutputPath
		}
		if c.ProfilingParameters != nil {
			if p.ProfilingParameters == nil {
				p.ProfilingParameters = map[string]string{}
			}
			for k, v := range c.ProfilingParameters {
				p.ProfilingParameters[k] = v
			}
		}
	}
	r.ProfilerRuleConfigurations = append(r.ProfilerRuleConfigurations, in.ProfilerRuleConfigurations...)
	if c := in.ResourceConfig; c != nil && c.KeepAlivePeriodInSeconds != nil {
		if r.ResourceConfig == nil {
			r.ResourceConfig = cur.ResourceConfig
		}
		r.ResourceConfig.KeepAlivePeriodInSeconds = c.KeepAlivePeriodInSeconds
		had := j.scenario.KeepAlive > 0
		j.scenario.KeepAlive = Scenario{KeepAlive: time.Duration(*c.KeepAlivePeriodInSeconds) * time.Second}.Scaled(f.speed).KeepAlive
		if !had && j.scenario.KeepAlive > 0 {
			f.warm = append(f.warm, j)
		}
	}
	if c := in.RemoteDebugConfig; c != nil {
		r.RemoteDebugConfig = &types.RemoteDebugConfig{EnableRemoteDebug: c.EnableRemoteDebug}
	}
	j.updated = now
	if cur.SecondaryStatus != trainingjob.SecondaryStatusUpdating {
		// An update made while one is being applied joins it, so the
		// history grows with the job's time, not with the calls.
		j.scenario.Updates = append(j.scenario.Updates, now)
	}
	f.reindex(j, now)
	return &sagemaker.UpdateTrainingJobOutput{TrainingJobArn: aws.String(cur.TrainingJobArn)}, nil
}

// poolOnly reports whether an update changes nothing but the warm pool's
// keep-alive period, the one change a finished job takes.
func poolOnly(in *sagemaker.UpdateTrainingJobInput) bool {
	return in.ResourceConfig != nil && in.ResourceConfig.KeepAlivePeriodInSeconds != nil &&
		in.ProfilerConfig == nil && in.ProfilerRuleConfigurations == nil && in.RemoteDebugConfig == nil
}

// retain changes how long a finished job's Available warm pool is kept,
// counted from the job's end, as UpdateTrainingJob does for the service's
// pools (changing the retention is what the operation offers for warm
// pools, https://docs.aws.amazon.com/sagemaker/latest/dg/train-warm-pools-how-to-use.html;
// and a pool "terminated by a user" is one of the WarmPoolStatus
// Terminated cases, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_WarmPoolStatus.html).
// Zero terminates the pool now; a period already past terminates it too.
func (f *Fake) retain(j *fakeJob, cur *trainingjob.TrainingJob, seconds int32, now time.Time) (*sagemaker.UpdateTrainingJobOutput, error) {
	keep := Scenario{KeepAlive: time.Duration(seconds) * time.Second}.Scaled(f.speed).KeepAlive
	if kept := now.Sub(cur.TrainingEndTime); keep <= 0 || keep < kept {
		keep = kept // the pool ends now, having been kept this long
		if keep <= 0 {
			keep = time.Millisecond
		}
	}
	j.scenario.KeepAlive = keep
	rc := *cur.ResourceConfig
	rc.KeepAlivePeriodInSeconds = aws.Int32(seconds)
	j.req.ResourceConfig = &rc
	j.updated = now
	f.reindex(j, now)
	return &sagemaker.UpdateTrainingJobOutput{TrainingJobArn: aws.String(cur.TrainingJobArn)}, nil
}

// maxProfilingParameters is the most ProfilingParameters a job's
// ProfilerConfig holds, the map's length limit in the service model.
const maxProfilingParameters = 20

// parameterRefusal refuses an update that would take the job's profiling
// parameters past the model's limit; without it, updates with new keys
// would grow a job without bound. The wording is the fake's own, in the
// form of its other refusals: no real message was found.
func parameterRefusal(have, add map[string]string) error {
	n := len(have)
	for k := range add {
		if _, ok := have[k]; !ok {
			n++
		}
	}
	if n > maxProfilingParameters {
		return apiError(CodeValidationException, fmt.Sprintf(
			"The request was rejected because the training job would have %d profiling parameters; a job has at most %d.", n, maxProfilingParameters))
	}
	return nil
}

// maxProfilerRules is the most profiler rule configurations a job has: the
// length limit of ProfilerRuleConfigurations in CreateTrainingJob and in the
// DescribeTrainingJob response
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html).
const maxProfilerRules = 20

// ruleRefusal checks the profiler rules an update adds to a job's: a rule
// configuration's name is unique among the job's
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProfilerRuleConfiguration.html),
// and the job keeps at most maxProfilerRules. Without these checks each
// update would add to the job's rules, and the job's description would
// grow with every call. The refusal is a ValidationException in the fake's
// words: no real message was found.
func ruleRefusal(have, add []types.ProfilerRuleConfiguration) error {
	seen := map[string]bool{}
	for _, c := range have {
		seen[aws.ToString(c.RuleConfigurationName)] = true
	}
	for _, c := range add {
		name := aws.ToString(c.RuleConfigurationName)
		if seen[name] {
			return apiError(CodeValidationException, fmt.Sprintf(
				"The request was rejected because the training job already has a profiler rule configuration named %q; rule configuration names must be unique.", name))
		}
		seen[name] = true
	}
	if n := len(have) + len(add); n > maxProfilerRules && len(add) > 0 {
		return apiError(CodeValidationException, fmt.Sprintf(
			"The request was rejected because the training job would have %d profiler rule configurations; a job has at most %d.", n, maxProfilerRules))
	}
	return nil
}

// DeleteTrainingJob deletes a finished job (Completed, Failed or Stopped):
// for WithDeletingFor's time it shows TrainingJobStatus Deleting with its
// terminal secondary status, then it is gone and its name free again. A
// job in any other status, or already being deleted, is a
// ValidationException.
func (f *Fake) DeleteTrainingJob(ctx context.Context, params *sagemaker.DeleteTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DeleteTrainingJobOutput, error) {
	name := jobName(params)
	return do(f, ctx, "DeleteTrainingJob", aws.ToString(name), copyInput(params), func(now time.Time) (*sagemaker.DeleteTrainingJobOutput, error) {
		if err := f.delete(name, now); err != nil {
			return nil, err
		}
		return &sagemaker.DeleteTrainingJobOutput{}, nil
	})
}

func (f *Fake) delete(name *string, now time.Time) error {
	j, cur, err := f.named(name, now)
	if err != nil {
		return err
	}
	if !cur.TrainingJobStatus.IsTerminal() {
		return statusRefusal(cur.TrainingJobStatus)
	}
	j.deleted = now
	f.reindex(j, now)
	if f.gone(j, now) {
		f.forget(strings.ToLower(*name))
	}
	return nil
}

// alwaysPresent sets the members the service returns in every
// DescribeTrainingJob response, false included: the three Enable*
// booleans. Real describe-training-job output published with public code
// (an AWS CLI transcript of a built-in XGBoost job of 2025-05-16, for one)
// carries "EnableNetworkIsolation": false,
// "EnableInterContainerTrafficEncryption": false and
// "EnableManagedSpotTraining": false for a job that set none of them.
func alwaysPresent(out *sagemaker.DescribeTrainingJobOutput) {
	if out.EnableNetworkIsolation == nil {
		out.EnableNetworkIsolation = aws.Bool(false)
	}
	if out.EnableInterContainerTrafficEncryption == nil {
		out.EnableInterContainerTrafficEncryption = aws.Bool(false)
	}
	if out.EnableManagedSpotTraining == nil {
		out.EnableManagedSpotTraining = aws.Bool(false)
	}
}

// named returns the live job a request names and the job as it is at now:
// a missing or malformed name is a ValidationException in the service's
// words, and so is a job that does not exist.
func (f *Fake) named(name *string, now time.Time) (*fakeJob, trainingjob.TrainingJob, error) {
	if err := checkName(name); err != nil {
		return nil, trainingjob.TrainingJob{}, err
	}
	j := f.lookup(*name, now)
	if j == nil {
		return nil, trainingjob.TrainingJob{}, notFound()
	}
	return j, f.view(j, now), nil
}

// do runs one operation the way every operation of the fake runs: it
// refuses a cancelled context, holds the fake's lock, reads the fake's time
// once, sends the events due by then and those of the change the call
// made, and records the call with in, a copy of the request.
func do[Out any](f *Fake, ctx context.Context, op, name string, in any, run func(now time.Time) (Out, error)) (Out, error) {
	var none Out
	if err := ctx.Err(); err != nil {
		return none, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	f.emitDue(now)
	out, err := run(now)
	f.afterCall(name, now)
	f.record(op, name, now, in, err)
	if err != nil {
		return none, err
	}
	return out, nil
}

// jobName returns the TrainingJobName of a request that names one job, nil
// for a nil request.
func jobName[In interface {
	*sagemaker.DescribeTrainingJobInput | *sagemaker.StopTrainingJobInput | *sagemaker.DeleteTrainingJobInput
}](params In) *string {
	switch p := any(params).(type) {
	case *sagemaker.DescribeTrainingJobInput:
		if p != nil {
			return p.TrainingJobName
		}
	case *sagemaker.StopTrainingJobInput:
		if p != nil {
			return p.TrainingJobName
		}
	case *sagemaker.DeleteTrainingJobInput:
		if p != nil {
			return p.TrainingJobName
		}
	}
	return nil
}
