package trainingjob

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go"
)

// Errors reported by Watch and Wait. Match them with errors.Is.
var (
	// ErrJobNotFound: DescribeTrainingJob says there is no job of that
	// name. The service answers so with a ValidationException whose message
	// says the resource was not found. When the watch has already seen the
	// job in status Deleting, a not-found is the expected end and no error
	// is reported.
	ErrJobNotFound = errors.New("training job not found")
	// ErrJobFailed: the job ended with TrainingJobStatus Failed. The
	// *OutcomeError that matches it carries the FailureReason.
	ErrJobFailed = errors.New("training job failed")
	// ErrUnsuccessful: the job ended with an outcome the caller of Wait
	// does not count as success (see WithSuccess). Every *OutcomeError
	// matches it, a failed job's included.
	ErrUnsuccessful = errors.New("training job did not succeed")
	// ErrInvalidOption: a WatchOption was given a value Watch and Wait
	// cannot work with, such as a poll delay that is not positive or a
	// jitter outside [0, 1]. They report it before calling the client.
	// Validation's ErrInvalid is a different kind: a problem in a job.
	ErrInvalidOption = errors.New("invalid watch option")
)

// Defaults of the watch options.
const (
	// DefaultMinPollDelay is the wait before the next DescribeTrainingJob
	// call right after the job changed.
	DefaultMinPollDelay = 10 * time.Second
	// DefaultMaxPollDelay caps the wait between two calls, however long the
	// job stays unchanged.
	DefaultMaxPollDelay = 2 * time.Minute
	// DefaultJitter is the fraction by which each wait is randomly
	// lengthened or shortened.
	DefaultJitter = 0.2
	// DefaultMaxRetries is how many throttled or transiently failed calls in
	// a row a watch tolerates before it gives up.
	DefaultMaxRetries = 5
)

// WatchEvent is one observation of a job that differs from the previous
// one. A watch emits an event for the first description it receives and
// then for every description in which Diff finds a change; descriptions in
// which only other members moved (such as TrainingTimeInSeconds while the
// job trains) are not events.
//
// The event's values belong to the receiver: the watch keeps its own copy
// of the job for the next comparison.
type WatchEvent struct {
	// Job is the new snapshot, converted with FromDescribeOutput.
	Job TrainingJob
	// Output is the response as the client returned it, for its
	// ResultMetadata or for members this package does not convert.
	Output *sagemaker.DescribeTrainingJobOutput
	// Changes lists what changed since the previous description, as Diff
	// reports it; for the first event, everything in Job.
	Changes []Change
	// Lines are the progress lines for the changes, as ProgressLines
	// writes them: one per history entry that is new or reworded.
	Lines []string
	// Outcome classifies Job's statuses; see ClassifyOutcome.
	Outcome Outcome
	// Time is when the description was received, by the watch's clock
	// (see WithClock).
	Time time.Time
}

// OutcomeError reports a job that ended with an outcome the caller of Wait
// did not count as success. It matches ErrUnsuccessful with errors.Is, and
// ErrJobFailed too when the job failed.
type OutcomeError struct {
	// TrainingJobName names the job.
	TrainingJobName string
	// Outcome is how the job ended.
	Outcome Outcome
	// TrainingJobStatus and SecondaryStatus are the job's last statuses.
	TrainingJobStatus Status
	SecondaryStatus   SecondaryStatus
	// FailureReason is the job's FailureReason, the service's explanation
	// of a failure; empty when it gave none.
	FailureReason string
}

// Error names the job and its outcome, and quotes the failure reason of a
// failed job.
func (e *OutcomeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "trainingjob: training job %q ", e.TrainingJobName)
	if e.Outcome == OutcomeFailed {
		b.WriteString("failed")
		if e.FailureReason != "" {
			b.WriteString(": ")
			b.WriteString(e.FailureReason)
		} else {
			b.WriteString(" without a failure reason")
		}
		return b.String()
	}
	fmt.Fprintf(&b, "did not succeed: outcome %s (TrainingJobStatus %s, SecondaryStatus %s)",
		e.Outcome, orNone(string(e.TrainingJobStatus)), orNone(string(e.SecondaryStatus)))
	if e.FailureReason != "" {
		b.WriteString(": ")
		b.WriteString(e.FailureReason)
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Is reports whether target is ErrUnsuccessful, or ErrJobFailed for a
// failed job.
func (e *OutcomeError) Is(target error) bool {
	switch target {
	case ErrUnsuccessful:
		return true
	case ErrJobFailed:
		return e.Outcome == OutcomeFailed
	}
	return false
}

// WatchOption adjusts Watch and Wait.
type WatchOption func(*watchConfig)

type watchConfig struct {
	minDelay, maxDelay time.Duration
	jitter             float64
	maxRetries         int
	random             func() float64
	now                func() time.Time
	sleep              func(context.Context, time.Duration) error
	success            []Outcome
	handlers           []func(WatchEvent) error
	retryHandlers      []func(Retry) error
	clientOptions      []func(*sagemaker.Options)
}

// WithPollDelay sets the shortest and the longest wait between two
// DescribeTrainingJob calls (defaults DefaultMinPollDelay and
// DefaultMaxPollDelay). The wait starts at minDelay and doubles with every
// call that brings no change, up to maxDelay; a change brings it back to
// minDelay. minDelay must be positive and maxDelay at least minDelay,
// otherwise Watch and Wait return an error matching ErrInvalidOption before
// calling the client.
func WithPollDelay(minDelay, maxDelay time.Duration) WatchOption {
	return func(c *watchConfig) { c.minDelay, c.maxDelay = minDelay, maxDelay }
}

// WithJitter sets the fraction by which each wait is randomly lengthened or
// shortened (default DefaultJitter): with 0.2, a wait of 40s becomes a
// uniformly drawn value between 32s and 48s, then kept within the bounds
// set by WithPollDelay. Jitter spreads the calls of many watches started
// together. 0 turns it off; a fraction outside [0, 1] makes Watch and Wait
// return an error matching ErrInvalidOption.
func WithJitter(fraction float64) WatchOption {
	return func(c *watchConfig) { c.jitter = fraction }
}

// WithRandSource draws the jitter from src instead of math/rand/v2's global
// source, so that a test can repeat a sequence of waits. A rand.Source is
// not safe for concurrent use: give each watch its own. A nil src restores
// the global source.
func WithRandSource(src rand.Source) WatchOption {
	return func(c *watchConfig) {
		if src == nil {
			c.random = rand.Float64
			return
		}
		c.random = rand.New(src).Float64
	}
}

// WithMaxRetries sets how many failed calls in a row a watch retries when
// the failure is throttling or transient (default DefaultMaxRetries);
// the next one ends the watch with that error. 0 retries nothing; a
// negative n counts as 0. A successful call resets the count.
func WithMaxRetries(n int) WatchOption {
	return func(c *watchConfig) { c.maxRetries = max(n, 0) }
}

// Clock is a client's own time, which a watch follows instead of the
// machine's. When the client given to Watch or Wait implements Clock, as
// trainingjobtest's in-memory Fake does, the watch stamps its events with
// the client's Now and waits between calls with the client's Sleep, so a
// watch of a fake whose clock moves only when told takes no real time: the
// fake's clock moves by each wait. WithClock overrides either function.
// A client that wraps another one hides the inner one's Clock unless it
// implements Clock itself.
type Clock interface {
	// Now returns the client's current time.
	Now() time.Time
	// Sleep waits d on the client's clock, or until ctx ends, when it
	// returns ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

// WithClock replaces the clock and the sleep of the watch, so that tests
// run without waiting. now stamps each WatchEvent; sleep waits for d or
// until ctx ends, and then should return ctx.Err(). An error from sleep
// ends the watch: ctx.Err() when the context has ended, sleep's own error
// otherwise. A nil function keeps the default, which is the client's when
// the client implements Clock, and otherwise time.Now and a timer.
func WithClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) WatchOption {
	return func(c *watchConfig) {
		if now != nil {
			c.now = now
		}
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithSuccess sets the outcomes Wait counts as success, replacing the
// default, which is OutcomeSucceeded alone. To accept a job stopped on
// request as well, pass OutcomeSucceeded and OutcomeStoppedByUser. With no
// outcomes, nothing counts as success. Watch ignores this option.
func WithSuccess(outcomes ...Outcome) WatchOption {
	return func(c *watchConfig) { c.success = append([]Outcome{}, outcomes...) }
}

// WithEventHandler adds fn to the functions called with every event, in the
// order the options are given and before the function passed to Watch. It
// is how a caller of Wait sees the job's progress, such as to print each
// event's Lines. An error from fn ends the watch and is returned as it is.
func WithEventHandler(fn func(WatchEvent) error) WatchOption {
	return func(c *watchConfig) {
		if fn != nil {
			c.handlers = append(c.handlers, fn)
		}
	}
}

// Retry tells of a DescribeTrainingJob call that failed with a throttling
// or transient error (see Watch) and that the watch will try again.
type Retry struct {
	// Err is the call's error, as the client returned it.
	Err error
	// Failures counts the failed calls in a row, this one included: 1 for
	// the first.
	Failures int
	// MaxRetries is how many failed calls in a row the watch retries (see
	// WithMaxRetries); the watch gives up after failure MaxRetries+1.
	MaxRetries int
	// Wait is how long the watch waits before the next call.
	Wait time.Duration
	// Time is when the watch saw the failure, on the watch's clock.
	Time time.Time
}

// WithRetryHandler adds fn to the functions called, in the order the
// options are given, each time a call fails and the watch is about to wait
// and retry it, so that a program can say at once what went wrong instead
// of staying silent through the retries. An error from fn ends the watch
// and is returned as it is. Failures that are not retried end the watch
// with an error and do not reach fn.
func WithRetryHandler(fn func(Retry) error) WatchOption {
	return func(c *watchConfig) {
		if fn != nil {
			c.retryHandlers = append(c.retryHandlers, fn)
		}
	}
}

// WithClientOptions passes fns to every DescribeTrainingJob call, as the
// SDK's own waiters do with their ClientOptions.
func WithClientOptions(fns ...func(*sagemaker.Options)) WatchOption {
	return func(c *watchConfig) { c.clientOptions = append(c.clientOptions, fns...) }
}

func newWatchConfig(opts []WatchOption) (*watchConfig, error) {
	c := &watchConfig{
		minDelay:   DefaultMinPollDelay,
		maxDelay:   DefaultMaxPollDelay,
		jitter:     DefaultJitter,
		maxRetries: DefaultMaxRetries,
		random:     rand.Float64,
		success:    []Outcome{OutcomeSucceeded},
	}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	switch {
	case c.minDelay <= 0:
		return nil, fmt.Errorf("trainingjob: poll delay: minimum %v is not positive: %w", c.minDelay, ErrInvalidOption)
	case c.maxDelay < c.minDelay:
		return nil, fmt.Errorf("trainingjob: poll delay: maximum %v is below minimum %v: %w", c.maxDelay, c.minDelay, ErrInvalidOption)
	case !(c.jitter >= 0 && c.jitter <= 1): // also rejects NaN
		return nil, fmt.Errorf("trainingjob: jitter %v is outside [0, 1]: %w", c.jitter, ErrInvalidOption)
	}
	return c, nil
}

// delay returns the wait after step calls in a row that brought no change:
// minDelay doubled step times, capped at maxDelay, jittered, and kept
// within [minDelay, maxDelay].
func (c *watchConfig) delay(step int) time.Duration {
	d := c.minDelay
	for i := 0; i < step && d < c.maxDelay; i++ {
		if d > c.maxDelay/2 {
			d = c.maxDelay
			break
		}
		d *= 2
	}
	d = min(d, c.maxDelay)
	if c.jitter > 0 {
		f := float64(d) * (1 + c.jitter*(2*c.random()-1))
		if f >= math.MaxInt64 {
			d = c.maxDelay
		} else {
			d = time.Duration(f)
		}
	}
	return min(max(d, c.minDelay), c.maxDelay)
}

// useClock fills in the clock and the sleep that WithClock left unset:
// the client's when it is a Clock, the machine's otherwise.
func (c *watchConfig) useClock(client any) {
	clock, ok := client.(Clock)
	switch {
	case c.now != nil:
	case ok:
		c.now = clock.Now
	default:
		c.now = time.Now
	}
	switch {
	case c.sleep != nil:
	case ok:
		c.sleep = clock.Sleep
	default:
		c.sleep = sleepContext
	}
}

func (c *watchConfig) accepts(o Outcome) bool {
	for _, s := range c.success {
		if s == o {
			return true
		}
	}
	return false
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Watch follows the training job called name through client, which may be
// a *sagemaker.Client or any other implementation of the SDK's
// DescribeTrainingJobAPIClient, and calls fn with a WatchEvent for the
// first description and for every later one that shows a change (see
// WatchEvent). A nil fn is allowed, for instance with WithEventHandler.
//
// Watch returns nil once the job's primary status is terminal (Completed,
// Failed or Stopped; the terminal description is an event), or when the
// job is reported not found after the watch has seen it in status
// Deleting. Watch reports and does not judge: a failed or stopped job ends
// the watch with nil, and Wait is the place where outcomes are accepted or
// not. A job in status Deleting is followed until it disappears. A status
// this package does not know is not terminal, so such a job is followed
// until the context ends.
//
// Otherwise it returns:
//   - an error matching ErrInvalidOption, before any call, for invalid
//     options;
//   - ctx.Err(), unwrapped, once the context ends, whatever call or wait
//     was in progress;
//   - fn's error, unwrapped, when fn (or an event handler) returns one;
//   - an error matching ErrJobNotFound when the job does not exist, or
//     disappears without having been seen in status Deleting;
//   - any other error from the client, wrapped with the job's name, so
//     errors.As still finds the SDK's error types. Throttling and
//     transient errors are first retried; see WithMaxRetries.
//
// # Polling
//
// The first call is made at once. After each call Watch sleeps, using the
// sleep of WithClock, else the client's when it implements Clock, else a
// timer: for the minimum delay after a call that brought a
// change, and for twice the previous base delay, up to the maximum, after a
// call that brought none or failed transiently (see WithPollDelay). The
// jitter of WithJitter is applied to every wait.
//
// These errors count as throttling or transient: API errors whose code is
// a throttling code (ThrottlingException, Throttling, ThrottledException,
// RequestThrottled, RequestThrottledException, TooManyRequestsException,
// RequestLimitExceeded, SlowDown, ProvisionedThroughputExceededException)
// or a server-side one (ServiceUnavailable, ServiceUnavailableException,
// InternalFailure, InternalError, InternalServerError,
// InternalServerException, InternalServiceError, RequestTimeout,
// RequestTimeoutException); HTTP responses with status 429, 500, 502, 503
// or 504; errors sending the request (the SDK reports them as connection
// errors); and timeouts (errors with a Timeout method that returns true,
// such as a net.Error). The client's own retryer, if it has one, retries
// before Watch sees an error.
//
// The service reports a missing job as a ValidationException. Watch takes
// a ValidationException whose message says "not found", "could not find"
// or "does not exist", or an error coded ResourceNotFound, for a not-found:
// the message is the only sign the service gives.
func Watch(ctx context.Context, client sagemaker.DescribeTrainingJobAPIClient, name string, fn func(WatchEvent) error, opts ...WatchOption) error {
	cfg, err := newWatchConfig(opts)
	if err != nil {
		return err
	}
	_, err = watch(ctx, client, name, fn, cfg)
	return err
}

// watch runs the watch and also returns the last description received,
// nil when none was.
func watch(ctx context.Context, client sagemaker.DescribeTrainingJobAPIClient, name string, fn func(WatchEvent) error, cfg *watchConfig) (*TrainingJob, error) {
	if client == nil {
		return nil, errors.New("trainingjob: Watch: the client is nil")
	}
	cfg.useClock(client)
	handlers := cfg.handlers
	if fn != nil {
		handlers = append(handlers[:len(handlers):len(handlers)], fn)
	}
	in := &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)}
	var (
		prev        *TrainingJob
		sawDeleting bool
		step        int // calls in a row without a change
		failures    int // transient failures in a row
		retry       *Retry
	)
	for {
		if err := ctx.Err(); err != nil {
			return prev, err
		}
		out, err := client.DescribeTrainingJob(ctx, in, cfg.clientOptions...)
		switch {
		case err != nil:
			if cerr := ctx.Err(); cerr != nil {
				return prev, cerr
			}
			switch {
			case IsNotFound(err):
				if sawDeleting {
					return prev, nil
				}
				return prev, fmt.Errorf("trainingjob: training job %q: %w: %w", name, ErrJobNotFound, err)
			case IsTransient(err):
				failures++
				if failures > cfg.maxRetries {
					return prev, fmt.Errorf("trainingjob: describing training job %q: %d failed attempts in a row: %w", name, failures, err)
				}
				step++
				retry = &Retry{Err: err, Failures: failures, MaxRetries: cfg.maxRetries}
			default:
				return prev, fmt.Errorf("trainingjob: describing training job %q: %w", name, err)
			}
		case out == nil:
			return prev, fmt.Errorf("trainingjob: describing training job %q: the client returned neither a response nor an error", name)
		default:
			failures = 0
			job := FromDescribeOutput(out)
			changes := Diff(prev, &job)
			if prev == nil || len(changes) > 0 {
				step = 0
				ev := WatchEvent{
					Job:     job.Clone(),
					Output:  out,
					Changes: changes,
					Lines:   ProgressLines(prev, &job),
					Outcome: job.Outcome(),
					Time:    cfg.now(),
				}
				for _, h := range handlers {
					if err := h(ev); err != nil {
						return &job, err
					}
				}
			} else {
				step++
			}
			prev = &job
			if job.TrainingJobStatus == StatusDeleting {
				sawDeleting = true
			}
			if job.IsTerminal() {
				return prev, nil
			}
		}
		wait := cfg.delay(step)
		if retry != nil {
			retry.Wait, retry.Time = wait, cfg.now()
			for _, h := range cfg.retryHandlers {
				if err := h(*retry); err != nil {
					return prev, err
				}
			}
			retry = nil
		}
		if err := cfg.sleep(ctx, wait); err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return prev, cerr
			}
			return prev, err
		}
	}
}

// Wait follows the job called name like Watch until it ends, and returns
// its last description, its outcome, and an error.
//
// The error is nil when the outcome counts as success. By default only
// OutcomeSucceeded (TrainingJobStatus Completed) does; a job stopped on
// request, stopped by one of its time limits, or deleted while being
// watched gives an *OutcomeError. Use WithSuccess to choose otherwise. Note
// that the SDK's own waiter (sagemaker.TrainingJobCompletedOrStoppedWaiter)
// counts Stopped as success; WithSuccess(OutcomeSucceeded,
// OutcomeStoppedByUser, OutcomeMaxRuntimeExceeded,
// OutcomeMaxWaitTimeExceeded) behaves like it. A failed job's
// *OutcomeError carries its FailureReason and matches ErrJobFailed as well
// as ErrUnsuccessful.
//
// When the watch ends early (the context ends, the job is not found, the
// client fails, an event handler returns an error), Wait returns that error
// as Watch does, with the last description received and its outcome (such
// as OutcomeRunning).
//
// The returned job is never nil. When no description was received at all,
// it is a TrainingJob holding only TrainingJobName, the outcome is
// OutcomeUnknown, and the error is never nil.
func Wait(ctx context.Context, client sagemaker.DescribeTrainingJobAPIClient, name string, opts ...WatchOption) (*TrainingJob, Outcome, error) {
	cfg, err := newWatchConfig(opts)
	if err != nil {
		return &TrainingJob{TrainingJobName: name}, OutcomeUnknown, err
	}
	last, err := watch(ctx, client, name, nil, cfg)
	if last == nil {
		if err == nil { // cannot happen: a watch ends well only after a description
			err = fmt.Errorf("trainingjob: training job %q: no description received", name)
		}
		return &TrainingJob{TrainingJobName: name}, OutcomeUnknown, err
	}
	outcome := last.Outcome()
	if err != nil {
		return last, outcome, err
	}
	if cfg.accepts(outcome) {
		return last, outcome, nil
	}
	jobName := last.TrainingJobName
	if jobName == "" {
		jobName = name
	}
	return last, outcome, &OutcomeError{
		TrainingJobName:   jobName,
		Outcome:           outcome,
		TrainingJobStatus: last.TrainingJobStatus,
		SecondaryStatus:   last.SecondaryStatus,
		FailureReason:     last.FailureReason,
	}
}

// transientCodes are the API error codes a watch retries: throttling, and
// faults on the service's side.
var transientCodes = map[string]bool{
	"ThrottlingException":                    true,
	"Throttling":                             true,
	"ThrottledException":                     true,
	"RequestThrottled":                       true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"RequestLimitExceeded":                   true,
	"SlowDown":                               true,
	"ProvisionedThroughputExceededException": true,
	"ServiceUnavailable":                     true,
	"ServiceUnavailableException":            true,
	"InternalFailure":                        true,
	"InternalError":                          true,
	"InternalServerError":                    true,
	"InternalServerException":                true,
	"InternalServiceError":                   true,
	"RequestTimeout":                         true,
	"RequestTimeoutException":                true,
}

// IsTransient reports whether err is a failure Watch and Wait retry:
// throttling, a fault on the service's side, a connection error or a
// timeout, as the documentation of Watch lists them. Code that calls AWS on
// its own schedule, such as the logs package, retries the same errors.
func IsTransient(err error) bool {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && transientCodes[apiErr.ErrorCode()] {
		return true
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		switch status.HTTPStatusCode() {
		case 429, 500, 502, 503, 504:
			return true
		}
	}
	var conn interface{ ConnectionError() bool }
	if errors.As(err, &conn) && conn.ConnectionError() {
		return true
	}
	var timeout interface{ Timeout() bool }
	return errors.As(err, &timeout) && timeout.Timeout()
}

// IsNotFound reports whether err is the service saying that the training
// job does not exist: a ValidationException whose message says so (the
// only sign SageMaker gives), or an error coded ResourceNotFound or
// ResourceNotFoundException.
func IsNotFound(err error) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.ErrorCode() {
	case "ResourceNotFound", "ResourceNotFoundException":
		return true
	case "ValidationException":
		msg := strings.ToLower(apiErr.ErrorMessage())
		return strings.Contains(msg, "not found") || strings.Contains(msg, "could not find") ||
			strings.Contains(msg, "does not exist")
	}
	return false
}
