package logs

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

// Defaults of the options.
const (
	// DefaultMinPollDelay is the wait before the next poll after one that
	// brought lines.
	DefaultMinPollDelay = 5 * time.Second
	// DefaultMaxPollDelay caps the wait between two polls, however long the
	// streams stay quiet.
	DefaultMaxPollDelay = 30 * time.Second
	// DefaultIngestionDelay is how long a line is held back before it is
	// delivered, for the lines other instances wrote before it to arrive.
	DefaultIngestionDelay = 5 * time.Second
	// DefaultMaxRetries is how many throttled or transiently failed polls
	// in a row are retried.
	DefaultMaxRetries = 8
)

// Option adjusts Read, Follow and Watch.
type Option func(*config)

type config struct {
	minDelay, maxDelay time.Duration
	ingestion          time.Duration
	maxRetries         int
	since              time.Time
	now                func() time.Time
	sleep              func(context.Context, time.Duration) error
	notices            []func(Notice) error
	clientOptions      []func(*cloudwatchlogs.Options)
	sageMakerOptions   []func(*sagemaker.Options)
}

// WithPollDelay sets the shortest and the longest wait between two polls
// of the streams and the job (defaults DefaultMinPollDelay and
// DefaultMaxPollDelay). The wait starts at minDelay and doubles after each
// poll that brings nothing new, up to maxDelay. minDelay must be positive
// and maxDelay at least minDelay, otherwise the functions return an error
// matching trainingjob.ErrInvalidOption before calling a client.
func WithPollDelay(minDelay, maxDelay time.Duration) Option {
	return func(c *config) { c.minDelay, c.maxDelay = minDelay, maxDelay }
}

// WithIngestionDelay sets how long Follow and Watch hold a line back before
// delivering it (default DefaultIngestionDelay): a line is delivered once
// the clock is that far past its time, so that the lines other instances
// wrote before it, which CloudWatch Logs may make readable later, come
// first. The clock is the reader's, or the service's as the latest
// ingestion time read shows it when that is ahead, so a fake whose clock
// runs fast is followed live too. 0 delivers each line as soon as it is read, in the order of each
// poll; a negative delay is an error matching trainingjob.ErrInvalidOption.
func WithIngestionDelay(d time.Duration) Option {
	return func(c *config) { c.ingestion = d }
}

// WithMaxRetries sets how many throttled or transiently failed polls in a
// row are retried (default DefaultMaxRetries), with a wait that doubles
// from the shortest poll delay up to the longest; the next failure ends
// the call with its error. 0 retries nothing; a negative n counts as 0.
// trainingjob.IsTransient says which errors count.
func WithMaxRetries(n int) Option {
	return func(c *config) { c.maxRetries = max(n, 0) }
}

// WithSince starts each stream at its first line written at t or later,
// instead of at its head.
func WithSince(t time.Time) Option {
	return func(c *config) { c.since = t }
}

// WithClock replaces the clock and the sleep, as trainingjob.WithClock
// does for a watch. Without it the functions use the SageMaker client's
// (for Read, the CloudWatch Logs client's) when it implements
// trainingjob.Clock, as trainingjobtest's Fake does, and otherwise
// time.Now and a timer. A nil function keeps the default.
func WithClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithNoticeHandler adds fn to the functions told, in the order the options
// are given, what a reader meets on its way that is not a line: a group or
// a job's streams that do not exist yet, a new stream, a retried failure
// (see NoticeKind). An error from fn ends the call and is returned as it
// is.
func WithNoticeHandler(fn func(Notice) error) Option {
	return func(c *config) {
		if fn != nil {
			c.notices = append(c.notices, fn)
		}
	}
}

// WithClientOptions adds options to every CloudWatch Logs call.
func WithClientOptions(fns ...func(*cloudwatchlogs.Options)) Option {
	return func(c *config) { c.clientOptions = append(c.clientOptions, fns...) }
}

// WithSageMakerOptions adds options to every DescribeTrainingJob call of
// Follow and Watch.
func WithSageMakerOptions(fns ...func(*sagemaker.Options)) Option {
	return func(c *config) { c.sageMakerOptions = append(c.sageMakerOptions, fns...) }
}

func newConfig(opts []Option) (*config, error) {
	c := &config{
		minDelay:   DefaultMinPollDelay,
		maxDelay:   DefaultMaxPollDelay,
		ingestion:  DefaultIngestionDelay,
		maxRetries: DefaultMaxRetries,
	}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	switch {
	case c.minDelay <= 0:
		return nil, fmt.Errorf("logs: %w: the shortest poll delay %s is not positive", trainingjob.ErrInvalidOption, c.minDelay)
	case c.maxDelay < c.minDelay:
		return nil, fmt.Errorf("logs: %w: the longest poll delay %s is shorter than the shortest, %s", trainingjob.ErrInvalidOption, c.maxDelay, c.minDelay)
	case c.ingestion < 0:
		return nil, fmt.Errorf("logs: %w: the ingestion delay %s is negative", trainingjob.ErrInvalidOption, c.ingestion)
	}
	return c, nil
}

// useClock fills the clock and the sleep the options left unset from the
// first client that implements trainingjob.Clock, else the machine's.
func (c *config) useClock(clients ...any) {
	for _, cl := range clients {
		clock, ok := cl.(trainingjob.Clock)
		if !ok {
			continue
		}
		if c.now == nil {
			c.now = clock.Now
		}
		if c.sleep == nil {
			c.sleep = clock.Sleep
		}
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepTimer
	}
}

func sleepTimer(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait sleeps d; an error ends the call: ctx.Err() when the context has
// ended, the sleep's own otherwise.
func (c *config) wait(ctx context.Context, d time.Duration) error {
	if err := c.sleep(ctx, d); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		return err
	}
	return ctx.Err()
}

// backoff is the wait before retry n (1 for the first).
func (c *config) backoff(n int) time.Duration {
	d := c.minDelay
	for i := 1; i < n && d < c.maxDelay; i++ {
		d *= 2
	}
	return min(d, c.maxDelay)
}

// notify tells the notice handlers of n. A handler's error comes back
// wrapped so that the caller returns it as it is.
func (c *config) notify(n Notice) error {
	for _, fn := range c.notices {
		if err := fn(n); err != nil {
			return stopError{err}
		}
	}
	return nil
}
