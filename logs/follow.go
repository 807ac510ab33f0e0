package logs

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

// Entry is one item of the feed Watch delivers: a change of the job's
// status or a line of its logs, never both.
type Entry struct {
	// Time orders the feed: for a line, when it was written; for a status
	// change, when its newest history entry began, or, for a change
	// without a new history entry, when the watch saw it (never before an
	// entry already delivered).
	Time time.Time
	// Status is the change, as trainingjob.Watch reports it; nil for a
	// line.
	Status *trainingjob.WatchEvent
	// Line is the line; nil for a status change.
	Line *Line
}

// Follow delivers to fn the lines of the job called name, from every
// instance and every start, in time order, until the job has ended and its
// streams are read to their end, as Watch does; the status changes are
// left out.
func Follow(ctx context.Context, client Client, sm sagemaker.DescribeTrainingJobAPIClient, name string, fn func(Line) error, opts ...Option) error {
	return Watch(ctx, client, sm, name, func(e Entry) error {
		if e.Line == nil || fn == nil {
			return nil
		}
		return fn(*e.Line)
	}, opts...)
}

// Watch follows the job called name: it describes the job through sm and
// reads its streams through client at each poll, and delivers to fn one
// feed in time order of the job's status changes (as trainingjob.Watch
// reports them) and the lines of every instance. It finds the streams of
// instances as they start, the new ones after a spot interruption or a
// retry included, and reads each from its head (or from WithSince) with
// the forward tokens, so every line is delivered once.
//
// Watch returns nil when the job has ended (trainingjob.TrainingJob's
// IsTerminal) and every line written before the end has been delivered:
// it polls until the ingestion delay has passed since the job's last
// change, so late lines are not lost. It returns early with:
//
//   - ctx.Err() when the context ends;
//   - the error fn or a notice handler returns;
//   - an error matching trainingjob.ErrJobNotFound when the job does not
//     exist, or disappears without having been seen in status Deleting;
//     in the second case the lines its streams still hold are delivered
//     first, as CloudWatch keeps them after the job is deleted;
//   - an error matching trainingjob.ErrInvalidOption for a bad option;
//   - any other error from a client, wrapped with the job's name so
//     errors.As still finds the SDK's types. Throttling and transient
//     errors are first retried (WithMaxRetries); a missing log group or
//     stream is waited for, and told to the notice handlers.
//
// Between polls Watch waits the shortest poll delay after a poll that
// brought something and twice the last wait, up to the longest, after one
// that brought nothing (WithPollDelay), on the clock WithClock describes.
func Watch(ctx context.Context, client Client, sm sagemaker.DescribeTrainingJobAPIClient, name string, fn func(Entry) error, opts ...Option) error {
	cfg, err := newConfig(opts)
	if err != nil {
		return err
	}
	switch {
	case client == nil:
		return errors.New("logs: Watch: the CloudWatch Logs client is nil")
	case sm == nil:
		return errors.New("logs: Watch: the SageMaker client is nil")
	}
	cfg.useClock(sm, client)
	w := &watcher{r: newReader(client, name, cfg), sm: sm, name: name, fn: fn, cfg: cfg}
	return w.run(ctx)
}

// watcher is the state of one Watch.
type watcher struct {
	r    *reader
	sm   sagemaker.DescribeTrainingJobAPIClient
	name string
	fn   func(Entry) error
	cfg  *config

	prev        *trainingjob.TrainingJob
	statuses    []Entry   // status changes not delivered yet
	delivered   time.Time // the Time of the last entry delivered
	sawDeleting bool
	gone        error     // why the job disappeared, when it did
	endedAt     time.Time // the job's last change, once it has ended
	state       NoticeKind
}

func (w *watcher) run(ctx context.Context) error {
	step := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		changed, err := w.describe(ctx)
		if err == nil {
			err = w.r.poll(ctx)
		}
		if err != nil {
			if err := w.r.retry(ctx, err); err != nil {
				return err
			}
			continue
		}
		if err := w.tellState(); err != nil {
			return err
		}
		now := w.cfg.now()
		final := w.gone != nil || w.prev.IsTerminal() && !now.Before(w.endedAt.Add(w.cfg.ingestion))
		read := len(w.r.pending) > 0
		// A line is delivered once the ingestion delay has passed since
		// it was written, by the reader's clock or by the service's, as
		// the latest ingestion time read shows it, whichever is ahead.
		if err := w.deliver(later(now, w.r.newest).Add(-w.cfg.ingestion), final); err != nil {
			return err
		}
		if final {
			if w.sawDeleting {
				return nil
			}
			return w.gone
		}
		if changed || read {
			step = 0
		} else {
			step++
		}
		wait := w.cfg.backoff(step + 1)
		if w.prev.IsTerminal() {
			// Only the lines ingested late remain: look again once the
			// ingestion delay has passed.
			wait = max(min(wait, w.endedAt.Add(w.cfg.ingestion).Sub(now)), time.Millisecond)
		}
		if err := w.cfg.wait(ctx, wait); err != nil {
			return err
		}
	}
}

// describe describes the job and queues a status entry when it changed.
// A job that no longer exists sets gone.
func (w *watcher) describe(ctx context.Context) (changed bool, err error) {
	if w.gone != nil {
		return false, nil
	}
	out, err := w.sm.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(w.name)}, w.cfg.sageMakerOptions...)
	switch {
	case err != nil && ctx.Err() != nil:
		return false, ctx.Err()
	case err != nil && trainingjob.IsNotFound(err):
		notFound := fmt.Errorf("logs: training job %q: %w: %w", w.name, trainingjob.ErrJobNotFound, err)
		if w.prev == nil {
			return false, stopError{notFound}
		}
		w.gone = notFound
		return true, w.cfg.notify(Notice{Kind: NoticeJobGone, Job: w.name, Err: err, Time: w.cfg.now()})
	case err != nil:
		return false, fmt.Errorf("logs: describing training job %q: %w", w.name, err)
	case out == nil:
		return false, stopError{fmt.Errorf("logs: describing training job %q: the client returned neither a response nor an error", w.name)}
	}
	job := trainingjob.FromDescribeOutput(out)
	changes := trainingjob.Diff(w.prev, &job)
	if w.prev != nil && len(changes) == 0 {
		return false, nil
	}
	now := w.cfg.now()
	ev := &trainingjob.WatchEvent{
		Job: job.Clone(), Output: out, Changes: changes,
		Lines: trainingjob.ProgressLines(w.prev, &job), Outcome: job.Outcome(), Time: now,
	}
	at := now
	if h := job.SecondaryStatusTransitions; len(h) > 0 && (w.prev == nil || len(w.prev.SecondaryStatusTransitions) != len(h)) {
		at = h[len(h)-1].StartTime
	}
	w.statuses = append(w.statuses, Entry{Time: at, Status: ev})
	w.prev = &job
	if job.TrainingJobStatus == trainingjob.StatusDeleting {
		w.sawDeleting = true
	}
	if job.IsTerminal() {
		w.endedAt = now
		if !job.LastModifiedTime.IsZero() && job.LastModifiedTime.Before(now) {
			w.endedAt = job.LastModifiedTime
		}
	}
	return true, nil
}

// tellState tells the notice handlers when the group or the job's streams
// stop or start being missing.
func (w *watcher) tellState() error {
	var state NoticeKind
	switch {
	case w.r.noGroup:
		state = NoticeNoLogGroup
	case len(w.r.streams) == 0:
		state = NoticeNoStreams
	}
	if state == w.state {
		return nil
	}
	w.state = state
	if state == 0 || w.prev.IsTerminal() || w.gone != nil {
		return nil
	}
	return w.cfg.notify(Notice{Kind: state, Job: w.name, Time: w.cfg.now()})
}

// deliver hands fn the status entries and lines up to until, or all of
// them when all is true, in time order; a status change comes before the
// lines of the same millisecond.
func (w *watcher) deliver(until time.Time, all bool) error {
	lines := w.r.take(until, all)
	var statuses []Entry
	keep := w.statuses[:0]
	for _, s := range w.statuses {
		if s.Time.Before(w.delivered) {
			s.Time = w.delivered
		}
		if all || !s.Time.After(until) {
			statuses = append(statuses, s)
		} else {
			keep = append(keep, s)
		}
	}
	w.statuses = keep
	sort.SliceStable(statuses, func(a, b int) bool { return statuses[a].Time.Before(statuses[b].Time) })
	i := 0
	for _, l := range lines {
		for i < len(statuses) && !statuses[i].Time.After(l.Time) {
			if err := w.emit(statuses[i]); err != nil {
				return err
			}
			i++
		}
		if err := w.emit(Entry{Time: l.Time, Line: &l}); err != nil {
			return err
		}
	}
	for ; i < len(statuses); i++ {
		if err := w.emit(statuses[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *watcher) emit(e Entry) error {
	if e.Time.After(w.delivered) {
		w.delivered = e.Time
	}
	if w.fn == nil {
		return nil
	}
	return w.fn(e)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
