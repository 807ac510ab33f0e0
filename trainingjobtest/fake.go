package trainingjobtest

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

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
	// that does not exist, as the service words it
	// (https://github.com/aws/amazon-sagemaker-examples/issues/2360; the
	// code is ValidationException, not the modelled ResourceNotFound:
	// https://github.com/aws/aws-sdk/issues/165).
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

// WallClock is the Clock of the machine: its Now is time.Now. With it and
// WithTimeScale a fake's stamps are real instants, never ahead of the wall
// clock, as the service's are.
type WallClock struct{}

// Now returns the current time.
func (WallClock) Now() time.Time { return time.Now() }

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

// WithScenarioRules gives the jobs whose names match a rule's pattern the
// rule's scenario; the first matching rule wins. The rules come after
// WithJobScenario and the ScenarioTagKey tag and before WithScenarioFunc
// and WithDefaultScenario. ReadScenarioRules reads them from a file. Calls
// add up.
func WithScenarioRules(rules ...ScenarioRule) FakeOption {
	return func(f *Fake) {
		for _, r := range rules {
			r.Scenario = copyScenario(r.Scenario)
			f.rules = append(f.rules, r)
		}
	}
}

// WithTimeScale makes every new job's life speed times shorter than its
// scenario says (Scenario.Scaled): with a WallClock and speed 60 a default
// job's 34 minutes pass in 34 seconds of real time, and its stamps,
// TrainingTimeInSeconds and BillableTimeInSeconds tell of those 34
// seconds, as a real job that short would. Warm pools' keep-alive periods
// shrink the same way. A speed of 1 or less leaves the scenarios as they
// are.
func WithTimeScale(speed float64) FakeOption {
	return func(f *Fake) { f.speed = speed }
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

// WithStrictRequests is kept for the callers that set it; it changes
// nothing.
//
// Deprecated: the fake refuses an enumeration value the service model does
// not list (an instance type from the future, say) whether or not it is
// given, because the service refuses values it does not know.
func WithStrictRequests() FakeOption {
	return func(f *Fake) { f.createChecks = []trainingjob.ValidateOption{trainingjob.Strict()} }
}

// WithCallLog bounds the log of calls that Calls returns. With n < 0 the
// fake keeps every call, which is the default; with n == 0 it keeps none,
// so Calls always returns an empty slice; with n > 0 it keeps the last n
// calls, forgetting the oldest one as each new one arrives. A fake that
// serves a long-running process (trainingjob serve, say) wants 0 or a small
// bound, since every call it keeps holds a copy of its request.
func WithCallLog(n int) FakeOption {
	return func(f *Fake) {
		if n < 0 {
			n = -1
		}
		f.callLimit = n
	}
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
	rules           []ScenarioRule
	speed           float64
	region, account string
	deletingFor     time.Duration
	createChecks    []trainingjob.ValidateOption
	maxInstances    int

	callLimit int // see WithCallLog: < 0 keeps all, 0 none, > 0 the last callLimit

	mu      sync.Mutex
	jobs    map[string]*fakeJob // by lower-cased name
	listIdx *listIndex          // the jobs in ListTrainingJobs' orders; see fake_index.go
	warm    []*fakeJob          // completed or running jobs with a keep-alive period
	// calls is the call log. When callLimit > 0 and the log is full it is
	// a ring whose oldest entry is at callHead.
	calls    []Call
	callHead int
	subs     []*Subscription // see Subscribe; events are sent with mu held

	// deletedLogs are the jobs whose deletion has finished, kept for their
	// CloudWatch logs, which outlive a job (at most maxDeletedLogs, the
	// oldest forgotten first); logThrottle counts the CloudWatch Logs
	// calls still to be throttled (see ThrottleLogs).
	deletedLogs []*fakeJob
	logThrottle int
}

// fakeJob is what the fake keeps of one job.
type fakeJob struct {
	req      trainingjob.TrainingJob // the request's members, owned by the fake
	scenario Scenario
	updated  time.Time // last UpdateTrainingJob
	deleted  time.Time // when DeleteTrainingJob was called
	ev       jobEvents // its events, while someone subscribes; see fake_events.go
	logCache *jobLogs  // its CloudWatch logs, built on demand; see fake_logs.go
}

// NewFake returns an empty fake. Without options its clock is a
// ManualClock at DefaultFakeStart() and every job follows the zero Scenario
// (the phases as long as DefaultPhases() says, then Completed).
//
// The scenario of a job comes from WithJobScenario, else the request's
// ScenarioTagKey tag (so that a client in any language can ask for one),
// else WithScenarioRules, else WithScenarioFunc, else WithDefaultScenario;
// the fake then sets its Name, Created, Region, Account and StopRequested,
// and takes from the request what the request says: Spot from
// EnableManagedSpotTraining, MaxRuntime and MaxWait from StoppingCondition,
// InstanceType, InstanceCount and KeepAlive from ResourceConfig, and how
// many Restarts its RetryStrategy allows. A job whose request matches a
// completed job's Available warm pool reuses it (a short Starting,
// WarmPoolStatus InUse; the other job's pool shows Reused). WithTimeScale
// then shortens the whole life. A
// job that would succeed but trains longer than its MaxRuntimeInSeconds
// (from the start of Downloading to the start of Uploading) is stopped at
// the limit as OutcomeMaxRuntimeExceeded, as the service does.
func NewFake(opts ...FakeOption) *Fake {
	f := &Fake{
		byName:      map[string]Scenario{},
		region:      "us-east-1",
		account:     "123456789012",
		deletingFor: DefaultDeletingFor,
		callLimit:   -1,
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

// Advance moves the fake's clock d forward, sends the events of the state
// changes that the move brings about (see Subscribe), and returns the new
// time. It panics when the clock has no Advance method (ManualClock and
// ScaledClock have one).
func (f *Fake) Advance(d time.Duration) time.Time {
	a, ok := f.clock.(interface{ Advance(time.Duration) time.Time })
	if !ok {
		panic(fmt.Sprintf("trainingjobtest: the fake's clock %T cannot be advanced", f.clock))
	}
	a.Advance(d)
	f.EmitEvents()
	return f.Now()
}

// Calls returns the calls made so far, oldest first: all of them, or as
// many of the latest as WithCallLog allows. The result, inputs included, is
// a copy.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Call, 0, len(f.calls))
	for _, part := range [][]Call{f.calls[f.callHead:], f.calls[:f.callHead]} {
		for _, c := range part {
			c.Input = copyInput(c.Input)
			out = append(out, c)
		}
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
	case *cloudwatchlogs.DescribeLogStreamsInput:
		return copyDescribeLogStreamsInput(in)
	case *cloudwatchlogs.GetLogEventsInput:
		return copyGetLogEventsInput(in)
	case *cloudwatchlogs.FilterLogEventsInput:
		return copyFilterLogEventsInput(in)
	}
	return in
}

// ResetCalls forgets the calls recorded so far.
func (f *Fake) ResetCalls() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls, f.callHead = nil, 0
}

// keepsCalls reports whether the fake records calls at all; callers skip
// copying a request for a log that keeps none.
func (f *Fake) keepsCalls() bool { return f.callLimit != 0 }

// record adds a call to the log, within the bound WithCallLog set. It is
// called with f.mu held.
func (f *Fake) record(op, name string, now time.Time, in any, err error) {
	if !f.keepsCalls() {
		return
	}
	if v := reflect.ValueOf(in); v.Kind() == reflect.Pointer && v.IsNil() {
		in = nil
	}
	c := Call{Operation: op, JobName: name, Time: now, Input: in, Err: err}
	if f.callLimit < 0 || len(f.calls) < f.callLimit {
		f.calls = append(f.calls, c)
		return
	}
	f.calls[f.callHead] = c
	f.callHead = (f.callHead + 1) % len(f.calls)
}
