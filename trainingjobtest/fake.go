package trainingjobtest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
)

// The fake satisfies the SDK's per-operation client interfaces, so the SDK's
// paginator and waiter run against it, and the Client interface of the
// contract suite.
var (
	_ sagemaker.DescribeTrainingJobAPIClient = (*Fake)(nil)
	_ sagemaker.ListTrainingJobsAPIClient    = (*Fake)(nil)
	_ Client                                 = (*Fake)(nil)
)

// Error codes and the not-found message the fake answers with. They are the
// codes the service uses: a job that does not exist, or an operation its
// status does not allow, is a ValidationException; a name already taken is
// ResourceInUse.
const (
	// CodeValidationException is the code of a request the service
	// refuses: invalid members, a job that does not exist, or an operation
	// the job's status does not allow.
	CodeValidationException = "ValidationException"
	// CodeResourceInUse is the code of a CreateTrainingJob whose name is
	// taken.
	CodeResourceInUse = "ResourceInUse"
	// NotFoundMessage is the message of the ValidationException for a job
	// that does not exist.
	NotFoundMessage = "Requested resource not found."
)

// DefaultFakeStart returns the time a Fake's clock shows when NewFake is
// given no clock: 2024-03-01T12:00:00Z.
func DefaultFakeStart() time.Time { return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC) }

// DefaultDeletingFor is how long a deleted job shows TrainingJobStatus
// Deleting before it is gone, unless WithDeletingFor says otherwise.
const DefaultDeletingFor = 10 * time.Second

// Clock tells the fake what time it is. Jobs move through their lives as
// the clock moves; ManualClock and ScaledClock are the two kinds tests use.
// A Clock must be safe for concurrent use and must never go back.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
}

// ManualClock is a Clock that moves only when the test moves it, with
// Advance or Set. It is safe for concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a ManualClock that shows start until it is moved.
func NewManualClock(start time.Time) *ManualClock {
	return &ManualClock{now: start.Round(0)}
}

// Now returns the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock d forward and returns the new time. It panics
// when d is negative: the jobs' histories cannot run backwards.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	if d < 0 {
		panic("trainingjobtest: ManualClock.Advance with a negative duration")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Set moves the clock to t. It panics when t is before the clock's time.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.Before(c.now) {
		panic("trainingjobtest: ManualClock.Set to a time before the clock's time")
	}
	c.now = t.Round(0)
}

// ScaledClock is a Clock that follows real time, speed times faster, from a
// start time of the test's choosing: with speed 600, a default job's 34
// minutes pass in about 3.4 seconds. Advance jumps it forward on top. It is
// safe for concurrent use.
type ScaledClock struct {
	mu     sync.Mutex
	start  time.Time
	real   time.Time // when the clock was made, with its monotonic reading
	speed  float64
	offset time.Duration
}

// NewScaledClock returns a clock that shows start now and then runs speed
// times faster than real time. A speed that is not positive means 1.
func NewScaledClock(start time.Time, speed float64) *ScaledClock {
	if !(speed > 0) {
		speed = 1
	}
	return &ScaledClock{start: start.Round(0), real: time.Now(), speed: speed}
}

// Now returns the clock's time.
func (c *ScaledClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start.Add(c.offset + time.Duration(float64(time.Since(c.real))*c.speed))
}

// Advance jumps the clock d forward and returns the new time. It panics
// when d is negative.
func (c *ScaledClock) Advance(d time.Duration) time.Time {
	if d < 0 {
		panic("trainingjobtest: ScaledClock.Advance with a negative duration")
	}
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	return c.Now()
}

// FakeOption configures a Fake; see NewFake.
type FakeOption func(*Fake)

// WithFakeClock makes the fake read the time from c instead of a
// ManualClock set to DefaultFakeStart(). It is not trainingjob.WithClock,
// which gives a watch its clock and sleep; a test of a watch against a fake
// usually passes both, reading the same clock.
func WithFakeClock(c Clock) FakeOption {
	return func(f *Fake) { f.clock = c }
}

// WithDefaultScenario sets how every job's life unfolds unless
// WithJobScenario or WithScenarioFunc says otherwise: its phase durations,
// how it ends, its interruptions. A second call replaces the first. The
// members the fake takes from elsewhere are listed on NewFake.
func WithDefaultScenario(s Scenario) FakeOption {
	return func(f *Fake) { f.defaultScenario = copyScenario(s) }
}

// WithJobScenario sets the scenario of the job named name (compared without
// regard to case). It takes precedence over WithScenarioFunc and
// WithDefaultScenario; calls for different names add up.
func WithJobScenario(name string, s Scenario) FakeOption {
	return func(f *Fake) { f.byName[strings.ToLower(name)] = copyScenario(s) }
}

// WithScenarioFunc makes fn choose the scenario of each job created without
// a WithJobScenario entry. fn receives a copy of the request and is called
// with the fake's lock held, so it must not call the fake. A second call
// replaces the first.
func WithScenarioFunc(fn func(name string, in *sagemaker.CreateTrainingJobInput) Scenario) FakeOption {
	return func(f *Fake) { f.scenarioFunc = fn }
}

// WithRegionAccount sets the region and account that the jobs' ARNs name
// (us-east-1 and 123456789012 by default).
func WithRegionAccount(region, account string) FakeOption {
	return func(f *Fake) { f.region, f.account = region, account }
}

// WithDeletingFor sets how long a deleted job shows TrainingJobStatus
// Deleting before DescribeTrainingJob stops finding it (DefaultDeletingFor
// by default; zero makes it disappear at once).
func WithDeletingFor(d time.Duration) FakeOption {
	return func(f *Fake) {
		if d < 0 {
			d = 0
		}
		f.deletingFor = d
	}
}

// WithStrictRequests checks create requests with trainingjob.Strict, so
// that enumeration values neither the service model nor aws-sdk-go-v2 lists
// (an instance type from the future, say) are refused, as the service
// refuses values it does not know. By default they are accepted, as
// ValidateCreateInput's default strength does; the describes of such a job
// carry the unknown values and so fail strict validation.
func WithStrictRequests() FakeOption {
	return func(f *Fake) { f.createChecks = []trainingjob.ValidateOption{trainingjob.Strict()} }
}

// Call is one call made to a Fake, recorded for assertions.
type Call struct {
	// Operation is the API operation's name, such as "CreateTrainingJob".
	Operation string
	// JobName is the TrainingJobName of the request, or "" for
	// ListTrainingJobs.
	JobName string
	// Time is the fake's clock when the call was made.
	Time time.Time
	// Input is a deep copy of the request, such as a
	// *sagemaker.CreateTrainingJobInput; nil when the caller passed nil.
	Input any
	// Err is the error the call returned, or nil.
	Err error
}

// Fake is an in-memory SageMaker for training jobs. Its six methods have
// the signatures of aws-sdk-go-v2's *sagemaker.Client, so it stands in for
// the client wherever code takes an interface over it, including the SDK's
// ListTrainingJobs paginator and TrainingJobCompletedOrStopped waiter.
//
// Jobs live as Scenario tells: DescribeTrainingJob shows Scenario.JobAt at
// the fake's clock, with the members of the create request, so every job it
// returns passes trainingjob's strict validation. Requests are checked as
// the service checks them and refused with the service's error codes.
//
// A Fake is safe for concurrent use. Values are copied in and out: nothing
// a caller passes or receives shares memory with the fake. The optFns
// arguments are accepted and ignored.
type Fake struct {
	clock           Clock
	defaultScenario Scenario
	byName          map[string]Scenario
	scenarioFunc    func(string, *sagemaker.CreateTrainingJobInput) Scenario
	region, account string
	deletingFor     time.Duration
	createChecks    []trainingjob.ValidateOption

	mu    sync.Mutex
	jobs  map[string]*fakeJob // by lower-cased name
	calls []Call
}

// fakeJob is what the fake keeps of one job.
type fakeJob struct {
	req      trainingjob.TrainingJob // the request's members, owned by the fake
	scenario Scenario
	updated  time.Time // last UpdateTrainingJob
	deleted  time.Time // when DeleteTrainingJob was called
}

// NewFake returns an empty fake. Without options its clock is a
// ManualClock at DefaultFakeStart() and every job follows the zero Scenario
// (the phases as long as DefaultPhases() says, then Completed).
//
// The scenario of a job comes from WithJobScenario, else WithScenarioFunc,
// else WithDefaultScenario; the fake then sets its Name, Created, Region,
// Account and StopRequested, and takes from the request what the request
// says: Spot from EnableManagedSpotTraining, MaxRuntime and MaxWait from
// StoppingCondition, InstanceType and InstanceCount from ResourceConfig. A
// job that would succeed but trains longer than its MaxRuntimeInSeconds
// (from the start of Downloading to the start of Uploading) is stopped at
// the limit as OutcomeMaxRuntimeExceeded, as the service does.
func NewFake(opts ...FakeOption) *Fake {
	f := &Fake{
		byName:      map[string]Scenario{},
		region:      "us-east-1",
		account:     "123456789012",
		deletingFor: DefaultDeletingFor,
		jobs:        map[string]*fakeJob{},
	}
	for _, o := range opts {
		o(f)
	}
	if f.clock == nil {
		f.clock = NewManualClock(DefaultFakeStart())
	}
	return f
}

// Clock returns the fake's clock.
func (f *Fake) Clock() Clock { return f.clock }

// Now returns the fake's time: its clock's, in UTC, to the millisecond, the
// precision of the service's timestamps.
func (f *Fake) Now() time.Time { return f.clock.Now().UTC().Truncate(time.Millisecond) }

// Advance moves the fake's clock d forward and returns the new time. It
// panics when the clock has no Advance method (ManualClock and ScaledClock
// have one).
func (f *Fake) Advance(d time.Duration) time.Time {
	a, ok := f.clock.(interface{ Advance(time.Duration) time.Time })
	if !ok {
		panic(fmt.Sprintf("trainingjobtest: the fake's clock %T cannot be advanced", f.clock))
	}
	a.Advance(d)
	return f.Now()
}

// Calls returns the calls made so far, oldest first. The result, inputs
// included, is a copy.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Call, len(f.calls))
	for i, c := range f.calls {
		c.Input = copyInput(c.Input)
		out[i] = c
	}
	return out
}

// copyInput deep-copies a recorded request.
func copyInput(in any) any {
	switch in := in.(type) {
	case *sagemaker.CreateTrainingJobInput:
		return copyCreateInput(in)
	case *sagemaker.UpdateTrainingJobInput:
		return copyUpdateInput(in)
	case *sagemaker.ListTrainingJobsInput:
		return copyListInput(in)
	case *sagemaker.DescribeTrainingJobInput:
		if in != nil {
			return &sagemaker.DescribeTrainingJobInput{TrainingJobName: copyPtr(in.TrainingJobName)}
		}
	case *sagemaker.StopTrainingJobInput:
		if in != nil {
			return &sagemaker.StopTrainingJobInput{TrainingJobName: copyPtr(in.TrainingJobName)}
		}
	case *sagemaker.DeleteTrainingJobInput:
		if in != nil {
			return &sagemaker.DeleteTrainingJobInput{TrainingJobName: copyPtr(in.TrainingJobName)}
		}
	}
	return in
}

// ResetCalls forgets the calls recorded so far.
func (f *Fake) ResetCalls() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = nil
}

func (f *Fake) record(op, name string, now time.Time, in any, err error) {
	if v := reflect.ValueOf(in); v.Kind() == reflect.Pointer && v.IsNil() {
		in = nil
	}
	f.calls = append(f.calls, Call{Operation: op, JobName: name, Time: now, Input: in, Err: err})
}

// ---------------------------------------------------------------------------
// Errors

func apiError(code, msg string) error {
	return &smithy.GenericAPIError{Code: code, Message: msg, Fault: smithy.FaultClient}
}

func notFound() error { return apiError(CodeValidationException, NotFoundMessage) }

// validationFailure words a list of problems as the service does: how many
// there are, then each of them.
func validationFailure(problems ...string) error {
	s := "s"
	if len(problems) == 1 {
		s = ""
	}
	return apiError(CodeValidationException,
		fmt.Sprintf("%d validation error%s detected: %s", len(problems), s, strings.Join(problems, "; ")))
}

func fromValidationError(err error) error {
	var ve *trainingjob.ValidationError
	if !errors.As(err, &ve) {
		return validationFailure(err.Error())
	}
	problems := make([]string, len(ve.Errors))
	for i, fe := range ve.Errors {
		problems[i] = fe.Error()
	}
	return validationFailure(problems...)
}

func statusRefusal(name, verb string, status trainingjob.Status, allowed string) error {
	return apiError(CodeValidationException, fmt.Sprintf(
		"Training job %q cannot be %s while its status is %s; only %s jobs can be.", name, verb, status, allowed))
}

var (
	namePattern         = regexp.MustCompile(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`)
	nameContainsPattern = regexp.MustCompile(`^[a-zA-Z0-9\-]+$`)
)

// checkName checks the TrainingJobName member of a request that names an
// existing job.
func checkName(p *string) error {
	if p == nil {
		return validationFailure("TrainingJobName: required: the member must be present")
	}
	if !namePattern.MatchString(*p) {
		return validationFailure(fmt.Sprintf("TrainingJobName: invalid: %q: must match the pattern %s and have 1 to 63 characters",
			*p, namePattern.String()))
	}
	return nil
}

// ---------------------------------------------------------------------------
// Jobs

// lookup returns the live job named name, forgetting jobs whose deletion
// has finished.
func (f *Fake) lookup(name string, now time.Time) *fakeJob {
	key := strings.ToLower(name)
	j := f.jobs[key]
	if j != nil && f.gone(j, now) {
		delete(f.jobs, key)
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

// ---------------------------------------------------------------------------
// Operations

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
	j := &fakeJob{req: requestJob(in), scenario: f.scenarioFor(name, in, now)}
	f.jobs[strings.ToLower(name)] = j
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
	if f.gone(j, now) {
		delete(f.jobs, strings.ToLower(*name))
	}
	return nil
}

// ---------------------------------------------------------------------------
// ListTrainingJobs

// DefaultMaxResults is the page size of ListTrainingJobs when the request
// gives no MaxResults, as the service's.
const DefaultMaxResults = 10

// listToken is what an opaque NextToken holds: the sort that produced the
// page and the sort key of the page's last job. The next page starts after
// that key, so jobs created between calls neither shift nor repeat the jobs
// already listed.
type listToken struct {
	V       int    `json:"v"`
	SortBy  string `json:"b"`
	Order   string `json:"o"`
	Key     string `json:"k"`
	Created int64  `json:"c"`
	Name    string `json:"n"`
}

type listRow struct {
	key     string
	created time.Time
	name    string
	job     trainingjob.TrainingJob
}

// ListTrainingJobs lists the jobs as they are at the fake's current time,
// jobs being deleted included. Filters: StatusEquals; NameContains (without
// regard to case); CreationTimeAfter/Before and LastModifiedTimeAfter/Before
// (strictly after, strictly before). TrainingPlanArnEquals and
// WarmPoolStatusEquals match no job, since the fake's jobs have neither.
// SortBy is Name, CreationTime (the default) or Status, SortOrder Ascending
// or Descending (the default); ties are broken by creation time, then name,
// in the same order. MaxResults is 1 to 100, DefaultMaxResults when absent.
// NextToken is opaque; paging stays consistent while jobs are created
// between pages. A token from a different sort, or not from the fake, is a
// ValidationException.
func (f *Fake) ListTrainingJobs(ctx context.Context, params *sagemaker.ListTrainingJobsInput, optFns ...func(*sagemaker.Options)) (*sagemaker.ListTrainingJobsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	in := copyListInput(params)
	out, err := f.list(copyListInput(params), now)
	f.record("ListTrainingJobs", "", now, in, err)
	return out, err
}

func (f *Fake) list(in *sagemaker.ListTrainingJobsInput, now time.Time) (*sagemaker.ListTrainingJobsOutput, error) {
	if in == nil {
		in = &sagemaker.ListTrainingJobsInput{}
	}
	var problems []string
	max := int32(DefaultMaxResults)
	if in.MaxResults != nil {
		max = *in.MaxResults
		if max < 1 || max > 100 {
			problems = append(problems, fmt.Sprintf("MaxResults: out of range: %d: must be between 1 and 100", max))
		}
	}
	if p := in.NameContains; p != nil && (len(*p) > 63 || *p != "" && !nameContainsPattern.MatchString(*p)) {
		problems = append(problems, fmt.Sprintf("NameContains: invalid: %q: must match the pattern [a-zA-Z0-9\\-]+ and have at most 63 characters", *p))
	}
	if s := in.StatusEquals; s != "" && !containsValue(s.Values(), s) {
		problems = append(problems, fmt.Sprintf("StatusEquals: not supported: %q", s))
	}
	sortBy, order := in.SortBy, in.SortOrder
	if sortBy == "" {
		sortBy = types.SortByCreationTime
	}
	if order == "" {
		order = types.SortOrderDescending
	}
	if !containsValue(sortBy.Values(), sortBy) {
		problems = append(problems, fmt.Sprintf("SortBy: not supported: %q: valid values: Name, CreationTime, Status", sortBy))
	}
	if !containsValue(order.Values(), order) {
		problems = append(problems, fmt.Sprintf("SortOrder: not supported: %q: valid values: Ascending, Descending", order))
	}
	var after *listToken
	if tok := aws.ToString(in.NextToken); tok != "" {
		t, ok := decodeToken(tok)
		switch {
		case !ok:
			problems = append(problems, "NextToken: invalid: the token was not issued by ListTrainingJobs")
		case t.SortBy != string(sortBy) || t.Order != string(order):
			problems = append(problems, "NextToken: invalid: the token belongs to a listing sorted differently")
		default:
			after = &t
		}
	}
	if len(problems) > 0 {
		return nil, validationFailure(problems...)
	}

	var rows []listRow
	var nameContains string
	if in.NameContains != nil {
		nameContains = strings.ToLower(*in.NameContains)
	}
	for key, j := range f.jobs {
		if f.gone(j, now) {
			delete(f.jobs, key)
			continue
		}
		if !strings.Contains(key, nameContains) {
			continue // the key is the lower-cased name: skip the view
		}
		job := f.view(j, now)
		if !matches(in, &job) {
			continue
		}
		row := listRow{created: job.CreationTime, name: job.TrainingJobName, job: job}
		switch sortBy {
		case types.SortByName:
			row.key = job.TrainingJobName
		case types.SortByStatus:
			row.key = string(job.TrainingJobStatus)
		}
		rows = append(rows, row)
	}
	desc := order == types.SortOrderDescending
	less := func(a, b *listRow) bool {
		c := compareRows(a, b)
		if desc {
			return c > 0
		}
		return c < 0
	}
	sort.Slice(rows, func(a, b int) bool { return less(&rows[a], &rows[b]) })
	if after != nil {
		mark := listRow{key: after.Key, created: time.UnixMilli(after.Created).UTC(), name: after.Name}
		i := sort.Search(len(rows), func(i int) bool { return less(&mark, &rows[i]) })
		rows = rows[i:]
	}
	out := &sagemaker.ListTrainingJobsOutput{TrainingJobSummaries: []types.TrainingJobSummary{}}
	page := rows
	if len(page) > int(max) {
		page = page[:max]
		last := page[len(page)-1]
		out.NextToken = aws.String(encodeToken(listToken{V: 1, SortBy: string(sortBy), Order: string(order),
			Key: last.key, Created: last.created.UnixMilli(), Name: last.name}))
	}
	for i := range page {
		out.TrainingJobSummaries = append(out.TrainingJobSummaries, summary(&page[i].job))
	}
	return out, nil
}

func compareRows(a, b *listRow) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	if c := a.created.Compare(b.created); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

func matches(in *sagemaker.ListTrainingJobsInput, j *trainingjob.TrainingJob) bool {
	switch {
	case in.StatusEquals != "" && string(in.StatusEquals) != string(j.TrainingJobStatus):
		return false
	case in.NameContains != nil && !strings.Contains(strings.ToLower(j.TrainingJobName), strings.ToLower(*in.NameContains)):
		return false
	case in.CreationTimeAfter != nil && !j.CreationTime.After(*in.CreationTimeAfter):
		return false
	case in.CreationTimeBefore != nil && !j.CreationTime.Before(*in.CreationTimeBefore):
		return false
	case in.LastModifiedTimeAfter != nil && !j.LastModifiedTime.After(*in.LastModifiedTimeAfter):
		return false
	case in.LastModifiedTimeBefore != nil && !j.LastModifiedTime.Before(*in.LastModifiedTimeBefore):
		return false
	case aws.ToString(in.TrainingPlanArnEquals) != "", in.WarmPoolStatusEquals != "":
		return false
	}
	return true
}

func summary(j *trainingjob.TrainingJob) types.TrainingJobSummary {
	s := types.TrainingJobSummary{
		TrainingJobName:   aws.String(j.TrainingJobName),
		TrainingJobArn:    aws.String(j.TrainingJobArn),
		CreationTime:      aws.Time(j.CreationTime),
		TrainingJobStatus: types.TrainingJobStatus(j.TrainingJobStatus),
		SecondaryStatus:   types.SecondaryStatus(j.SecondaryStatus),
	}
	if !j.LastModifiedTime.IsZero() {
		s.LastModifiedTime = aws.Time(j.LastModifiedTime)
	}
	if !j.TrainingEndTime.IsZero() {
		s.TrainingEndTime = aws.Time(j.TrainingEndTime)
	}
	if w := j.WarmPoolStatus; w != nil {
		s.WarmPoolStatus = trainingjob.TrainingJob{WarmPoolStatus: w}.Clone().WarmPoolStatus
	}
	return s
}

func encodeToken(t listToken) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s string) (listToken, bool) {
	var t listToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.V != 1 {
		return listToken{}, false
	}
	return t, true
}

func containsValue[T comparable](values []T, v T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Copies

func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyScenario(s Scenario) Scenario {
	s.Interruptions = append([]Interruption(nil), s.Interruptions...)
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
