package trainingjobtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// CreateTrainingJob creates a job that starts its life at the fake's
// current time, in InProgress/Starting. The request is checked with
// trainingjob.ValidateCreateInput (at the default strength unless
// WithStrictRequests) and the service's own rules for managed
// spot training (a MaxWaitTimeInSeconds, no less than MaxRuntimeInSeconds,
// for spot jobs only); a problem is a ValidationException listing them all.
// A name already in use (compared without regard to case, as the job's ARN
// is lower-cased) is a *types.ResourceInUse, the SDK's modelled error for
// the ResourceInUse code.
func (f *Fake) CreateTrainingJob(ctx context.Context, params *sagemaker.CreateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.CreateTrainingJobOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	in := copyCreateInput(params)
	name := ""
	if params != nil {
		name = aws.ToString(params.TrainingJobName)
	}
	out, err := f.create(in, name, now)
	f.record("CreateTrainingJob", name, now, copyCreateInput(params), err)
	return out, err
}

func (f *Fake) create(in *sagemaker.CreateTrainingJobInput, name string, now time.Time) (*sagemaker.CreateTrainingJobOutput, error) {
	if in == nil {
		in = &sagemaker.CreateTrainingJobInput{}
	}
	var problems []string
	if err := trainingjob.ValidateCreateInput(in, f.createChecks...); err != nil {
		var ve *trainingjob.ValidationError
		if !errors.As(err, &ve) {
			return nil, validationFailure(err.Error())
		}
		for _, fe := range ve.Errors {
			problems = append(problems, fe.Error())
		}
	}
	problems = append(problems, serviceChecks(in)...)
	if len(problems) > 0 {
		return nil, validationFailure(problems...)
	}
	if j := f.lookup(name, now); j != nil {
		return nil, &types.ResourceInUse{Message: aws.String(fmt.Sprintf(
			"A training job named %q already exists in this account and region (%s); training job names must be unique.",
			j.req.TrainingJobName, j.scenario.JobAt(now).TrainingJobArn))}
	}
	if err := f.checkInstanceLimit(in, now); err != nil {
		return nil, err
	}
	j := &fakeJob{req: requestJob(in), scenario: f.scenarioFor(name, in, now)}
	f.jobs[strings.ToLower(name)] = j
	f.indexJob(j, now)
	return &sagemaker.CreateTrainingJobOutput{TrainingJobArn: aws.String(j.scenario.JobAt(now).TrainingJobArn)}, nil
}

// DescribeTrainingJob returns the job as it is at the fake's current time.
// A job that does not exist, or whose deletion has finished, is a
// ValidationException with NotFoundMessage, as the service answers.
func (f *Fake) DescribeTrainingJob(ctx context.Context, params *sagemaker.DescribeTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	var name *string
	var in *sagemaker.DescribeTrainingJobInput
	if params != nil {
		name = params.TrainingJobName
		in = &sagemaker.DescribeTrainingJobInput{TrainingJobName: copyPtr(name)}
	}
	out, err := f.describe(name, now)
	f.record("DescribeTrainingJob", aws.ToString(name), now, in, err)
	return out, err
}

func (f *Fake) describe(name *string, now time.Time) (*sagemaker.DescribeTrainingJobOutput, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	j := f.lookup(*name, now)
	if j == nil {
		return nil, notFound()
	}
	job := f.view(j, now)
	return job.ToDescribeOutput(), nil
}

// StopTrainingJob asks an InProgress job to stop: it shows Stopping/Stopping
// at once and Stopped/Stopped when the scenario's Stopping phase is over. A
// job in any other status is a ValidationException.
func (f *Fake) StopTrainingJob(ctx context.Context, params *sagemaker.StopTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.StopTrainingJobOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	var name *string
	var in *sagemaker.StopTrainingJobInput
	if params != nil {
		name = params.TrainingJobName
		in = &sagemaker.StopTrainingJobInput{TrainingJobName: copyPtr(name)}
	}
	err := f.stop(name, now)
	f.record("StopTrainingJob", aws.ToString(name), now, in, err)
	if err != nil {
		return nil, err
	}
	return &sagemaker.StopTrainingJobOutput{}, nil
}

func (f *Fake) stop(name *string, now time.Time) error {
	if err := checkName(name); err != nil {
		return err
	}
	j := f.lookup(*name, now)
	if j == nil {
		return notFound()
	}
	cur := f.view(j, now)
	if cur.TrainingJobStatus != trainingjob.StatusInProgress {
		return statusRefusal(cur.TrainingJobName, "stopped", cur.TrainingJobStatus, "InProgress")
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
// The change shows at once, with LastModifiedTime set to the call's time;
// the job's history is not touched.
func (f *Fake) UpdateTrainingJob(ctx context.Context, params *sagemaker.UpdateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.UpdateTrainingJobOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	in := copyUpdateInput(params)
	name := ""
	if params != nil {
		name = aws.ToString(params.TrainingJobName)
	}
	out, err := f.update(copyUpdateInput(params), now)
	f.record("UpdateTrainingJob", name, now, in, err)
	return out, err
}

func (f *Fake) update(in *sagemaker.UpdateTrainingJobInput, now time.Time) (*sagemaker.UpdateTrainingJobOutput, error) {
	if in == nil {
		in = &sagemaker.UpdateTrainingJobInput{}
	}
	if err := checkName(in.TrainingJobName); err != nil {
		return nil, err
	}
	if in.ProfilerConfig == nil && in.ProfilerRuleConfigurations == nil && in.ResourceConfig == nil && in.RemoteDebugConfig == nil {
		return nil, validationFailure("the request changes nothing: give at least one of ProfilerConfig, ProfilerRuleConfigurations, ResourceConfig or RemoteDebugConfig")
	}
	// Check the new members against the model's constraints by way of a
	// create request that carries them.
	probe := &sagemaker.CreateTrainingJobInput{
		TrainingJobName:            in.TrainingJobName,
		RoleArn:                    aws.String("arn:aws:iam::123456789012:role/probe"),
		OutputDataConfig:           &types.OutputDataConfig{S3OutputPath: aws.String("s3://probe/out")},
		ProfilerRuleConfigurations: in.ProfilerRuleConfigurations,
	}
	if c := in.ProfilerConfig; c != nil {
		probe.ProfilerConfig = &types.ProfilerConfig{DisableProfiler: c.DisableProfiler, ProfilingIntervalInMilliseconds: c.ProfilingIntervalInMilliseconds,
			ProfilingParameters: c.ProfilingParameters, S3OutputPath: c.S3OutputPath}
	}
	var problems []string
	if err := trainingjob.ValidateCreateInput(probe); err != nil {
		var ve *trainingjob.ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve.Errors {
				problems = append(problems, fe.Error())
			}
		}
	}
	if c := in.ResourceConfig; c != nil && c.KeepAlivePeriodInSeconds != nil && (*c.KeepAlivePeriodInSeconds < 0 || *c.KeepAlivePeriodInSeconds > 21600) {
		problems = append(problems, fmt.Sprintf("ResourceConfig.KeepAlivePeriodInSeconds: out of range: %d: must be between 0 and 21600", *c.KeepAlivePeriodInSeconds))
	}
	if len(problems) > 0 {
		return nil, validationFailure(problems...)
	}
	j := f.lookup(*in.TrainingJobName, now)
	if j == nil {
		return nil, notFound()
	}
	cur := f.view(j, now)
	if cur.TrainingJobStatus != trainingjob.StatusInProgress {
		return nil, statusRefusal(cur.TrainingJobName, "updated", cur.TrainingJobStatus, "InProgress")
	}
	r := &j.req
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
	}
	if c := in.RemoteDebugConfig; c != nil {
		r.RemoteDebugConfig = &types.RemoteDebugConfig{EnableRemoteDebug: c.EnableRemoteDebug}
	}
	j.updated = now
	f.reindex(j, now)
	return &sagemaker.UpdateTrainingJobOutput{TrainingJobArn: aws.String(cur.TrainingJobArn)}, nil
}

// DeleteTrainingJob deletes a finished job (Completed, Failed or Stopped):
// for WithDeletingFor's time it shows TrainingJobStatus Deleting with its
// terminal secondary status, then it is gone and its name free again. A
// job in any other status, or already being deleted, is a
// ValidationException.
func (f *Fake) DeleteTrainingJob(ctx context.Context, params *sagemaker.DeleteTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DeleteTrainingJobOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	var name *string
	var in *sagemaker.DeleteTrainingJobInput
	if params != nil {
		name = params.TrainingJobName
		in = &sagemaker.DeleteTrainingJobInput{TrainingJobName: copyPtr(name)}
	}
	err := f.delete(name, now)
	f.record("DeleteTrainingJob", aws.ToString(name), now, in, err)
	if err != nil {
		return nil, err
	}
	return &sagemaker.DeleteTrainingJobOutput{}, nil
}

func (f *Fake) delete(name *string, now time.Time) error {
	if err := checkName(name); err != nil {
		return err
	}
	j := f.lookup(*name, now)
	if j == nil {
		return notFound()
	}
	cur := f.view(j, now)
	if !cur.TrainingJobStatus.IsTerminal() {
		return statusRefusal(cur.TrainingJobName, "deleted", cur.TrainingJobStatus, "Completed, Failed or Stopped")
	}
	j.deleted = now
	f.reindex(j, now)
	if f.gone(j, now) {
		f.forget(strings.ToLower(*name))
	}
	return nil
}
