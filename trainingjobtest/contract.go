package trainingjobtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
)

// Client is the part of SageMaker's API that deals with training jobs: the
// six operations with aws-sdk-go-v2's signatures. *sagemaker.Client and
// *Fake implement it, and so does any fake of a user's that RunServiceTests
// can check.
type Client interface {
	// CreateTrainingJob starts a training job.
	CreateTrainingJob(ctx context.Context, params *sagemaker.CreateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.CreateTrainingJobOutput, error)
	// DescribeTrainingJob returns a job as it is now.
	DescribeTrainingJob(ctx context.Context, params *sagemaker.DescribeTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error)
	// StopTrainingJob asks a running job to stop.
	StopTrainingJob(ctx context.Context, params *sagemaker.StopTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.StopTrainingJobOutput, error)
	// UpdateTrainingJob changes a running job's profiler, warm pool or
	// remote debugging settings.
	UpdateTrainingJob(ctx context.Context, params *sagemaker.UpdateTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.UpdateTrainingJobOutput, error)
	// ListTrainingJobs lists jobs one page at a time.
	ListTrainingJobs(ctx context.Context, params *sagemaker.ListTrainingJobsInput, optFns ...func(*sagemaker.Options)) (*sagemaker.ListTrainingJobsOutput, error)
	// DeleteTrainingJob deletes a finished job.
	DeleteTrainingJob(ctx context.Context, params *sagemaker.DeleteTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DeleteTrainingJobOutput, error)
}

var _ Client = (*sagemaker.Client)(nil)

// RunServiceTests checks that a training-job service behaves as SageMaker
// does, in the spirit of testing/fstest.TestFS: creation, the life of a job
// to Completed with every DescribeTrainingJob strictly valid, stopping,
// updating (repeated updates must not pile up profiler rules), deleting,
// the service's errors (a name in use, a missing job, stopping a finished
// job, deleting a running one) and ListTrainingJobs' filters, sorting and
// paging, including that a page is cut to MaxResults before StatusEquals
// filters it, so that a page may be empty while a NextToken follows. Each
// check runs as a subtest.
//
// newClient is called once per subtest and must return a client of a
// service that holds no training jobs, and advance, which moves the
// service's clock forward by the given duration. advance is called from a
// second goroutine while the client is in use (by the waiter check), so it
// must be safe for that. The service's jobs must complete when nothing
// stops them, within 48 hours of advanced time, and a deleted job must be
// gone within an hour. Sorting by Status is taken to follow the status
// names (Completed before InProgress before Stopping), with ties in
// creation order. A *Fake with its default scenario qualifies, used
// directly or through NewServer and a *sagemaker.Client.
func RunServiceTests(t *testing.T, newClient func(t *testing.T) (client Client, advance func(time.Duration))) {
	t.Helper()
	checks := []struct {
		name string
		run  func(*suite)
	}{
		{"Create", (*suite).create},
		{"LifecycleToCompleted", (*suite).lifecycle},
		{"Waiter", (*suite).waiter},
		{"Stop", (*suite).stop},
		{"Update", (*suite).update},
		{"RepeatedUpdates", (*suite).repeatedUpdates},
		{"Delete", (*suite).delete},
		{"Errors", (*suite).errors},
		{"ErrorWording", (*suite).errorWording},
		{"ListFiltersAndSort", (*suite).listFilters},
		{"ListPaging", (*suite).listPaging},
		{"ListPageCut", (*suite).listPageCut},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			client, advance := newClient(t)
			if client == nil || advance == nil {
				t.Fatal("newClient returned a nil client or advance function")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			c.run(&suite{t: t, c: client, advance: advance, ctx: ctx})
		})
	}
}

// suite carries one subtest's client and clock.
type suite struct {
	t       *testing.T
	c       Client
	advance func(time.Duration)
	ctx     context.Context
}

const (
	suiteStep     = 15 * time.Second
	suiteMaxLife  = 48 * time.Hour
	suiteMaxGone  = time.Hour
	suiteS3Output = "s3://contract-bucket/output"
)

// request returns a complete, valid create request for a job named name.
func suiteRequest(name string) *sagemaker.CreateTrainingJobInput {
	return &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String(name),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/ContractRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/contract:latest"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		HyperParameters: map[string]string{"epochs": "3", "lr": "0.01"},
		InputDataConfig: []types.Channel{{
			ChannelName: aws.String("train"),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://contract-bucket/train/"),
			}},
		}},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String(suiteS3Output)},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1), VolumeSizeInGB: aws.Int32(10)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(86400)},
		Environment:       map[string]string{"MODE": "contract"},
	}
}

func (s *suite) createJob(name string) {
	s.t.Helper()
	if _, err := s.c.CreateTrainingJob(s.ctx, suiteRequest(name)); err != nil {
		s.t.Fatalf("CreateTrainingJob(%s): %v", name, err)
	}
}

// describe describes the job and reports it as an error of the test when
// the response is not strictly valid; it returns the call's error.
func (s *suite) describe(name string) (trainingjob.TrainingJob, error) {
	s.t.Helper()
	out, err := s.c.DescribeTrainingJob(s.ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
	if err != nil {
		return trainingjob.TrainingJob{}, err
	}
	job := trainingjob.FromDescribeOutput(out)
	if err := job.Validate(trainingjob.Strict()); err != nil {
		s.t.Errorf("DescribeTrainingJob(%s) at %s/%s is not strictly valid: %v", name, job.TrainingJobStatus, job.SecondaryStatus, err)
	}
	return job, nil
}

func (s *suite) mustDescribe(name string) trainingjob.TrainingJob {
	s.t.Helper()
	job, err := s.describe(name)
	if err != nil {
		s.t.Fatalf("DescribeTrainingJob(%s): %v", name, err)
	}
	return job
}

// runUntil advances the clock step by step, describing the job after each
// step, until done reports true or the time limit passes. It returns the
// describes seen, the first one included.
func (s *suite) runUntil(name string, limit time.Duration, done func(trainingjob.TrainingJob) bool) []trainingjob.TrainingJob {
	s.t.Helper()
	seen := []trainingjob.TrainingJob{s.mustDescribe(name)}
	for d := time.Duration(0); !done(seen[len(seen)-1]); d += suiteStep {
		if d > limit {
			last := seen[len(seen)-1]
			s.t.Fatalf("job %s still %s/%s after %s", name, last.TrainingJobStatus, last.SecondaryStatus, limit)
		}
		s.advance(suiteStep)
		seen = append(seen, s.mustDescribe(name))
	}
	return seen
}

func isTerminal(j trainingjob.TrainingJob) bool { return j.IsTerminal() }

// expectCode checks that err is an API error with the given code.
func (s *suite) expectCode(what string, err error, code string) {
	s.t.Helper()
	var apiErr smithy.APIError
	switch {
	case err == nil:
		s.t.Errorf("%s: succeeded, want a %s error", what, code)
	case !errors.As(err, &apiErr):
		s.t.Errorf("%s: error %v (%T) does not satisfy smithy.APIError", what, err, err)
	case apiErr.ErrorCode() != code:
		s.t.Errorf("%s: error code %q (%v), want %q", what, apiErr.ErrorCode(), err, code)
	case apiErr.ErrorMessage() == "":
		s.t.Errorf("%s: %s error without a message", what, code)
	}
}

func (s *suite) create() {
	const name = "Contract-Create"
	out, err := s.c.CreateTrainingJob(s.ctx, suiteRequest(name))
	if err != nil {
		s.t.Fatalf("CreateTrainingJob: %v", err)
	}
	arn := aws.ToString(out.TrainingJobArn)
	if !strings.HasPrefix(arn, "arn:") || !strings.HasSuffix(arn, ":training-job/"+strings.ToLower(name)) {
		s.t.Errorf("TrainingJobArn %q does not name training job %s in lower case", arn, name)
	}
	job := s.mustDescribe(name)
	if job.TrainingJobName != name || job.TrainingJobArn != arn {
		s.t.Errorf("describe names %q (%s), want %q (%s)", job.TrainingJobName, job.TrainingJobArn, name, arn)
	}
	if job.TrainingJobStatus != trainingjob.StatusInProgress {
		s.t.Errorf("a new job is %s/%s, want InProgress", job.TrainingJobStatus, job.SecondaryStatus)
	}
	if !job.TrainingEndTime.IsZero() || job.ModelArtifacts != nil || job.BillableTimeInSeconds != 0 {
		s.t.Errorf("a new job has members of a finished one: end %v, artifacts %v, billable %d", job.TrainingEndTime, job.ModelArtifacts, job.BillableTimeInSeconds)
	}
	req := suiteRequest(name)
	if fmt.Sprint(job.HyperParameters) != fmt.Sprint(req.HyperParameters) || fmt.Sprint(job.Environment) != fmt.Sprint(req.Environment) {
		s.t.Errorf("HyperParameters %v and Environment %v, want %v and %v", job.HyperParameters, job.Environment, req.HyperParameters, req.Environment)
	}
	if job.RoleArn != *req.RoleArn {
		s.t.Errorf("RoleArn %q, want %q", job.RoleArn, *req.RoleArn)
	}
	if job.AlgorithmSpecification == nil || aws.ToString(job.AlgorithmSpecification.TrainingImage) != *req.AlgorithmSpecification.TrainingImage {
		s.t.Errorf("AlgorithmSpecification %+v does not carry the request's image", job.AlgorithmSpecification)
	}
	if len(job.InputDataConfig) != 1 || aws.ToString(job.InputDataConfig[0].ChannelName) != "train" {
		s.t.Errorf("InputDataConfig %+v, want the request's train channel", job.InputDataConfig)
	}
	if job.OutputDataConfig == nil || aws.ToString(job.OutputDataConfig.S3OutputPath) != suiteS3Output {
		s.t.Errorf("OutputDataConfig %+v, want S3OutputPath %s", job.OutputDataConfig, suiteS3Output)
	}
	if job.ResourceConfig == nil || job.ResourceConfig.InstanceType != types.TrainingInstanceTypeMlM5Large || aws.ToInt32(job.ResourceConfig.VolumeSizeInGB) != 10 {
		s.t.Errorf("ResourceConfig %+v, want the request's", job.ResourceConfig)
	}
	if job.StoppingCondition == nil || aws.ToInt32(job.StoppingCondition.MaxRuntimeInSeconds) != 86400 {
		s.t.Errorf("StoppingCondition %+v, want MaxRuntimeInSeconds 86400", job.StoppingCondition)
	}
}

func (s *suite) lifecycle() {
	const name = "contract-lifecycle"
	s.createJob(name)
	seen := s.runUntil(name, suiteMaxLife, isTerminal)
	var visited []trainingjob.SecondaryStatus
	for i, j := range seen {
		if i > 0 {
			prev := seen[i-1]
			if prev.IsTerminal() && j.TrainingJobStatus != prev.TrainingJobStatus {
				s.t.Errorf("the job left terminal status %s for %s", prev.TrainingJobStatus, j.TrainingJobStatus)
			}
			// Closed entries never change; the history only grows.
			if len(j.SecondaryStatusTransitions) < len(prev.SecondaryStatusTransitions) {
				s.t.Errorf("the history shrank from %d to %d entries", len(prev.SecondaryStatusTransitions), len(j.SecondaryStatusTransitions))
			} else {
				for k := 0; k < len(prev.SecondaryStatusTransitions)-1; k++ {
					a, b := prev.SecondaryStatusTransitions[k], j.SecondaryStatusTransitions[k]
					if a.Status != b.Status || !a.StartTime.Equal(b.StartTime) || !a.EndTime.Equal(b.EndTime) {
						s.t.Errorf("history entry %d changed from %+v to %+v", k, a, b)
					}
				}
			}
			if j.CreationTime != prev.CreationTime && !j.CreationTime.Equal(prev.CreationTime) {
				s.t.Errorf("CreationTime changed from %v to %v", prev.CreationTime, j.CreationTime)
			}
		}
		if len(visited) == 0 || visited[len(visited)-1] != j.SecondaryStatus {
			visited = append(visited, j.SecondaryStatus)
		}
	}
	want := []trainingjob.SecondaryStatus{trainingjob.SecondaryStatusStarting, trainingjob.SecondaryStatusDownloading,
		trainingjob.SecondaryStatusTraining, trainingjob.SecondaryStatusUploading, trainingjob.SecondaryStatusCompleted}
	if !isSubsequence(want, visited) {
		s.t.Errorf("the job went through %v, want %v in that order", visited, want)
	}
	final := seen[len(seen)-1]
	if final.TrainingJobStatus != trainingjob.StatusCompleted || final.SecondaryStatus != trainingjob.SecondaryStatusCompleted {
		s.t.Fatalf("the job ended %s/%s, want Completed/Completed", final.TrainingJobStatus, final.SecondaryStatus)
	}
	if final.ModelArtifacts == nil || !strings.HasPrefix(aws.ToString(final.ModelArtifacts.S3ModelArtifacts), suiteS3Output+"/") {
		s.t.Errorf("ModelArtifacts %+v, want an object under %s", final.ModelArtifacts, suiteS3Output)
	}
	if final.TrainingEndTime.IsZero() || final.TrainingTimeInSeconds <= 0 || final.BillableTimeInSeconds <= 0 ||
		final.BillableTimeInSeconds > final.TrainingTimeInSeconds {
		s.t.Errorf("finished job: end %v, training %ds, billable %ds", final.TrainingEndTime, final.TrainingTimeInSeconds, final.BillableTimeInSeconds)
	}
	if h := final.SecondaryStatusTransitions; len(h) == 0 || h[len(h)-1].Status != trainingjob.SecondaryStatusCompleted {
		s.t.Errorf("the history of a completed job does not end in Completed: %+v", h)
	}
	if o := final.Outcome(); o != trainingjob.OutcomeSucceeded {
		s.t.Errorf("outcome %s, want Succeeded", o)
	}
}

func isSubsequence[T comparable](want, got []T) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

func (s *suite) waiter() {
	const name = "contract-waiter"
	s.createJob(name)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
				s.advance(time.Minute)
			}
		}
	}()
	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(s.c, func(o *sagemaker.TrainingJobCompletedOrStoppedWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, 5*time.Millisecond
	})
	out, err := w.WaitForOutput(s.ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)}, time.Minute)
	close(done)
	<-stopped
	if err != nil {
		s.t.Fatalf("the TrainingJobCompletedOrStopped waiter: %v", err)
	}
	if out.TrainingJobStatus != types.TrainingJobStatusCompleted {
		s.t.Errorf("the waiter ended at %s, want Completed", out.TrainingJobStatus)
	}
	job := trainingjob.FromDescribeOutput(out)
	if err := job.Validate(trainingjob.Strict()); err != nil {
		s.t.Errorf("the waiter's last describe is not strictly valid: %v", err)
	}
}

func (s *suite) stop() {
	const name = "contract-stop"
	s.createJob(name)
	s.runUntil(name, suiteMaxLife, func(j trainingjob.TrainingJob) bool {
		return j.SecondaryStatus == trainingjob.SecondaryStatusTraining || j.IsTerminal()
	})
	if _, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)}); err != nil {
		s.t.Fatalf("StopTrainingJob of a training job: %v", err)
	}
	job := s.mustDescribe(name)
	if job.TrainingJobStatus != trainingjob.StatusStopping && job.TrainingJobStatus != trainingjob.StatusStopped {
		s.t.Errorf("right after StopTrainingJob the job is %s/%s, want Stopping or Stopped", job.TrainingJobStatus, job.SecondaryStatus)
	}
	if job.TrainingJobStatus == trainingjob.StatusStopping {
		_, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)})
		s.expectCode("StopTrainingJob of a stopping job", err, CodeValidationException)
	}
	seen := s.runUntil(name, suiteMaxLife, isTerminal)
	final := seen[len(seen)-1]
	if final.TrainingJobStatus != trainingjob.StatusStopped || final.SecondaryStatus != trainingjob.SecondaryStatusStopped {
		s.t.Errorf("a stopped job ended %s/%s, want Stopped/Stopped", final.TrainingJobStatus, final.SecondaryStatus)
	}
	if o := final.Outcome(); o != trainingjob.OutcomeStoppedByUser {
		s.t.Errorf("outcome %s, want StoppedByUser", o)
	}
	_, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)})
	s.expectCode("StopTrainingJob of a stopped job", err, CodeValidationException)
}

func (s *suite) update() {
	const name = "contract-update"
	s.createJob(name)
	out, err := s.c.UpdateTrainingJob(s.ctx, &sagemaker.UpdateTrainingJobInput{
		TrainingJobName: aws.String(name),
		ResourceConfig:  &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(600)},
	})
	if err != nil {
		s.t.Fatalf("UpdateTrainingJob of a running job: %v", err)
	}
	job := s.mustDescribe(name)
	if aws.ToString(out.TrainingJobArn) != job.TrainingJobArn {
		s.t.Errorf("UpdateTrainingJob returned ARN %q, want %q", aws.ToString(out.TrainingJobArn), job.TrainingJobArn)
	}
	if job.ResourceConfig == nil || aws.ToInt32(job.ResourceConfig.KeepAlivePeriodInSeconds) != 600 {
		s.t.Errorf("after the update ResourceConfig is %+v, want KeepAlivePeriodInSeconds 600", job.ResourceConfig)
	}
	s.runUntil(name, suiteMaxLife, isTerminal)
	_, err = s.c.UpdateTrainingJob(s.ctx, &sagemaker.UpdateTrainingJobInput{
		TrainingJobName:   aws.String(name),
		RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(true)},
	})
	s.expectCode("UpdateTrainingJob of a finished job", err, CodeValidationException)
}

func (s *suite) delete() {
	const name = "contract-delete"
	s.createJob(name)
	_, err := s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)})
	s.expectCode("DeleteTrainingJob of a running job", err, CodeValidationException)
	finished := s.runUntil(name, suiteMaxLife, isTerminal)
	terminal := finished[len(finished)-1].SecondaryStatus
	if _, err := s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)}); err != nil {
		s.t.Fatalf("DeleteTrainingJob of a finished job: %v", err)
	}
	for d := time.Duration(0); ; d += suiteStep {
		job, err := s.describe(name)
		if err != nil {
			s.expectCode("DescribeTrainingJob of a deleted job", err, CodeValidationException)
			break
		}
		if job.TrainingJobStatus != trainingjob.StatusDeleting || job.SecondaryStatus != terminal {
			s.t.Errorf("a job being deleted is %s/%s, want Deleting/%s", job.TrainingJobStatus, job.SecondaryStatus, terminal)
		}
		if d > suiteMaxGone {
			s.t.Fatalf("the job is still there %s after DeleteTrainingJob", suiteMaxGone)
		}
		s.advance(suiteStep)
	}
	if names := s.listNames(&sagemaker.ListTrainingJobsInput{}); len(names) != 0 {
		s.t.Errorf("ListTrainingJobs lists %v after the deletion", names)
	}
	_, err = s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)})
	s.expectCode("DeleteTrainingJob of a deleted job", err, CodeValidationException)
}

func (s *suite) errors() {
	const name = "contract-errors"
	s.createJob(name)
	_, err := s.c.CreateTrainingJob(s.ctx, suiteRequest(name))
	s.expectCode("CreateTrainingJob with a name in use", err, CodeResourceInUse)
	_, err = s.c.CreateTrainingJob(s.ctx, suiteRequest("not_a_valid_name"))
	s.expectCode("CreateTrainingJob with an invalid name", err, CodeValidationException)
	bad := suiteRequest("contract-bad-runtime")
	bad.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(0)
	_, err = s.c.CreateTrainingJob(s.ctx, bad)
	s.expectCode("CreateTrainingJob with MaxRuntimeInSeconds 0", err, CodeValidationException)

	const missing = "contract-no-such-job"
	_, err = s.c.DescribeTrainingJob(s.ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(missing)})
	s.expectCode("DescribeTrainingJob of a missing job", err, CodeValidationException)
	_, err = s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(missing)})
	s.expectCode("StopTrainingJob of a missing job", err, CodeValidationException)
	_, err = s.c.UpdateTrainingJob(s.ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String(missing),
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(60)}})
	s.expectCode("UpdateTrainingJob of a missing job", err, CodeValidationException)
	_, err = s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(missing)})
	s.expectCode("DeleteTrainingJob of a missing job", err, CodeValidationException)
	_, err = s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)})
	s.expectCode("DeleteTrainingJob of a running job", err, CodeValidationException)
	_, err = s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(101)})
	s.expectCode("ListTrainingJobs with MaxResults 101", err, CodeValidationException)

	// None of the refused requests left a job behind.
	if names := s.listNames(&sagemaker.ListTrainingJobsInput{}); len(names) != 1 || names[0] != name {
		s.t.Errorf("after the refused requests the service lists %v, want only %s", names, name)
	}
}

// listNames lists every page and returns the jobs' names in order.
func (s *suite) listNames(in *sagemaker.ListTrainingJobsInput) []string {
	s.t.Helper()
	var names []string
	p := sagemaker.NewListTrainingJobsPaginator(s.c, in)
	for p.HasMorePages() {
		page, err := p.NextPage(s.ctx)
		if err != nil {
			s.t.Fatalf("ListTrainingJobs: %v", err)
		}
		for _, sum := range page.TrainingJobSummaries {
			names = append(names, aws.ToString(sum.TrainingJobName))
		}
	}
	return names
}

// makeJobs creates the named jobs one second apart and returns their
// creation times.
func (s *suite) makeJobs(names ...string) []time.Time {
	s.t.Helper()
	var times []time.Time
	for _, n := range names {
		s.createJob(n)
		times = append(times, s.mustDescribe(n).CreationTime)
		s.advance(time.Second)
	}
	return times
}

func (s *suite) expectNames(what string, got []string, want ...string) {
	s.t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		s.t.Errorf("%s: listed %v, want %v", what, got, want)
	}
}

func (s *suite) listFilters() {
	names := []string{"list-beta-1", "list-alpha-2", "list-gamma-3", "list-alpha-4", "list-beta-5"}
	created := s.makeJobs(names...)
	if _, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("list-gamma-3")}); err != nil {
		s.t.Fatalf("StopTrainingJob: %v", err)
	}
	s.expectNames("the default listing (CreationTime, Descending)", s.listNames(&sagemaker.ListTrainingJobsInput{}),
		"list-beta-5", "list-alpha-4", "list-gamma-3", "list-alpha-2", "list-beta-1")
	s.expectNames("CreationTime Ascending", s.listNames(&sagemaker.ListTrainingJobsInput{SortBy: types.SortByCreationTime, SortOrder: types.SortOrderAscending}),
		names...)
	s.expectNames("Name Ascending", s.listNames(&sagemaker.ListTrainingJobsInput{SortBy: types.SortByName, SortOrder: types.SortOrderAscending}),
		"list-alpha-2", "list-alpha-4", "list-beta-1", "list-beta-5", "list-gamma-3")
	s.expectNames("Name Descending", s.listNames(&sagemaker.ListTrainingJobsInput{SortBy: types.SortByName, SortOrder: types.SortOrderDescending}),
		"list-gamma-3", "list-beta-5", "list-beta-1", "list-alpha-4", "list-alpha-2")
	s.expectNames("Status Ascending", s.listNames(&sagemaker.ListTrainingJobsInput{SortBy: types.SortByStatus, SortOrder: types.SortOrderAscending}),
		"list-beta-1", "list-alpha-2", "list-alpha-4", "list-beta-5", "list-gamma-3")
	s.expectNames("StatusEquals Stopping", s.listNames(&sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusStopping}),
		"list-gamma-3")
	s.expectNames("StatusEquals InProgress", s.listNames(&sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusInProgress}),
		"list-beta-5", "list-alpha-4", "list-alpha-2", "list-beta-1")
	s.expectNames("NameContains alpha", s.listNames(&sagemaker.ListTrainingJobsInput{NameContains: aws.String("alpha")}),
		"list-alpha-4", "list-alpha-2")
	s.expectNames("CreationTimeAfter", s.listNames(&sagemaker.ListTrainingJobsInput{CreationTimeAfter: aws.Time(created[1])}),
		"list-beta-5", "list-alpha-4", "list-gamma-3")
	s.expectNames("CreationTimeBefore", s.listNames(&sagemaker.ListTrainingJobsInput{CreationTimeBefore: aws.Time(created[2])}),
		"list-alpha-2", "list-beta-1")
	s.expectNames("CreationTimeAfter and Before", s.listNames(&sagemaker.ListTrainingJobsInput{
		CreationTimeAfter: aws.Time(created[0]), CreationTimeBefore: aws.Time(created[4])}),
		"list-alpha-4", "list-gamma-3", "list-alpha-2")
	stopped := s.mustDescribe("list-gamma-3").LastModifiedTime
	s.expectNames("LastModifiedTimeAfter", s.listNames(&sagemaker.ListTrainingJobsInput{LastModifiedTimeAfter: aws.Time(stopped.Add(-time.Millisecond))}),
		"list-gamma-3")
	s.expectNames("LastModifiedTimeBefore", s.listNames(&sagemaker.ListTrainingJobsInput{LastModifiedTimeBefore: aws.Time(stopped), NameContains: aws.String("beta")}),
		"list-beta-5", "list-beta-1")

	out, err := s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{NameContains: aws.String("gamma")})
	if err != nil {
		s.t.Fatalf("ListTrainingJobs: %v", err)
	}
	if len(out.TrainingJobSummaries) != 1 {
		s.t.Fatalf("NameContains gamma gave %d summaries, want 1", len(out.TrainingJobSummaries))
	}
	sum, job := out.TrainingJobSummaries[0], s.mustDescribe("list-gamma-3")
	if aws.ToString(sum.TrainingJobArn) != job.TrainingJobArn || string(sum.TrainingJobStatus) != string(job.TrainingJobStatus) ||
		string(sum.SecondaryStatus) != string(job.SecondaryStatus) || !aws.ToTime(sum.CreationTime).Equal(job.CreationTime) ||
		!aws.ToTime(sum.LastModifiedTime).Equal(job.LastModifiedTime) {
		s.t.Errorf("the summary %+v does not agree with the describe (%s, %s/%s, created %v, modified %v)", sum,
			job.TrainingJobArn, job.TrainingJobStatus, job.SecondaryStatus, job.CreationTime, job.LastModifiedTime)
	}
}

func (s *suite) listPaging() {
	var names []string
	for i := 1; i <= 7; i++ {
		names = append(names, fmt.Sprintf("page-job-%d", i))
	}
	s.makeJobs(names...)

	// Page by page by hand, creating a job between pages: every job that
	// existed at the start is listed exactly once, in order.
	var got []string
	in := &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(3), SortOrder: types.SortOrderAscending}
	for page := 0; ; page++ {
		if page > 10 {
			s.t.Fatal("ListTrainingJobs never stopped returning a NextToken")
		}
		out, err := s.c.ListTrainingJobs(s.ctx, in)
		if err != nil {
			s.t.Fatalf("ListTrainingJobs page %d: %v", page, err)
		}
		if len(out.TrainingJobSummaries) > 3 {
			s.t.Errorf("page %d has %d summaries, more than MaxResults 3", page, len(out.TrainingJobSummaries))
		}
		for _, sum := range out.TrainingJobSummaries {
			got = append(got, aws.ToString(sum.TrainingJobName))
		}
		if aws.ToString(out.NextToken) == "" {
			break
		}
		if page == 0 {
			s.advance(time.Second)
			s.createJob("page-job-late")
		}
		in.NextToken = out.NextToken
	}
	s.expectNames("paging with a job created between pages", got, append(append([]string(nil), names...), "page-job-late")...)

	desc := s.listNames(&sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortBy: types.SortByName, SortOrder: types.SortOrderDescending})
	s.expectNames("the SDK paginator, two by two, by name descending", desc,
		"page-job-late", "page-job-7", "page-job-6", "page-job-5", "page-job-4", "page-job-3", "page-job-2", "page-job-1")

	out, err := s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{})
	if err != nil {
		s.t.Fatalf("ListTrainingJobs: %v", err)
	}
	if len(out.TrainingJobSummaries) != 8 || out.NextToken != nil && *out.NextToken != "" {
		s.t.Errorf("without MaxResults the service returned %d summaries and NextToken %v; want all 8 on one page (the default page size is 10)",
			len(out.TrainingJobSummaries), aws.ToString(out.NextToken))
	}
	out, err = s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(8)})
	if err != nil {
		s.t.Fatalf("ListTrainingJobs: %v", err)
	}
	if len(out.TrainingJobSummaries) != 8 {
		s.t.Errorf("MaxResults 8 returned %d summaries, want 8", len(out.TrainingJobSummaries))
	}
}
