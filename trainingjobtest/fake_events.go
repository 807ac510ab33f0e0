package trainingjobtest

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trainingjob-go/trainingjob"
)

// This file makes the fake emit the EventBridge events SageMaker sends
// when a training job's state changes.
//
// Which changes produce an event. The documentation says SageMaker sends a
// "SageMaker Training Job State Change" event when the status of a training
// job changes, that a Failed job's event carries FailureReason, and that
// SageMaker may send more than one event for a change
// (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html#eventbridge-training).
// It does not say whether a change of SecondaryStatus alone (Starting to
// Downloading, say) produces one, and no public capture of a sequence of
// real events was found to settle it; every event carries both statuses,
// and the fake sends one for every change of either, as this repository's
// sample of an InProgress/Training event (testdata/events) supposes. So a
// job's events are: one at its creation (InProgress/Starting), one per
// later entry of its history (Downloading, Training, Interrupted, Updating,
// Stopping, the terminal entry, ...), and one when DeleteTrainingJob makes
// it Deleting (unless WithDeletingFor is zero, when the job is gone at
// once and never shows Deleting). A change that shows no new status (an
// update while one is applied, a warm pool expiring) sends none. The fake
// sends exactly one event per change, never the duplicates the service may
// send.
//
// When. The fake's jobs change lazily: a job's state is its Scenario read
// at a time. Events are therefore produced when the fake looks at the
// time: at every call (before the call runs, for the changes up to its
// time, and after it, for the change it made), at Advance, at EmitEvents,
// and every PollEvery interval of a subscription that asks for it (which a
// fake on a WallClock or ScaledClock needs, since its time moves without
// calls). Each event is stamped with the instant of its change on the
// fake's clock, not the moment it was produced, and holds the job as
// DescribeTrainingJob would have shown it at that instant; the events of
// one catch-up are sent in the order of their instants. The detail is the
// job as DescribeTrainingJob shows it, with the history's end times left
// out and the Tags of the create request added, as trainingjob.MarshalEvent
// writes it.

// JobEvent is one event the fake emitted: the event's bytes, as EventBridge
// delivers them to a target such as a Lambda function, and what it says
// about the job, for assertions.
type JobEvent struct {
	// Data is the "SageMaker Training Job State Change" event, written by
	// trainingjob.MarshalEvent. It belongs to the receiver.
	Data []byte
	// Time is the instant of the change on the fake's clock, to the
	// millisecond; the event's own time has whole seconds.
	Time time.Time
	// JobName is the job's TrainingJobName.
	JobName string
	// Status and SecondaryStatus are the job's statuses after the change.
	Status          trainingjob.Status
	SecondaryStatus trainingjob.SecondaryStatus
}

// Subscription receives the events a Fake emits, from the moment Subscribe
// returns until Close. Its methods are safe for concurrent use.
//
// The fake never waits for a subscriber: events go into a buffer of the
// size given to Subscribe, and when the buffer is full the oldest event in
// it is dropped to make room for the new one, so a consumer that falls
// behind sees the latest changes and loses the earliest. Dropped counts
// the events lost that way.
type Subscription struct {
	f       *Fake
	ch      chan JobEvent
	dropped atomic.Uint64

	closeOnce sync.Once
	stop      chan struct{} // closed by Close to end the poller
	polling   sync.WaitGroup
}

// SubscribeOption configures a Subscription; see Subscribe.
type SubscribeOption func(*subscribeConfig)

type subscribeConfig struct {
	poll time.Duration
}

// PollEvery makes the subscription call EmitEvents every d of real time,
// from a goroutine of its own that Close ends, so that events arrive when a
// fake on a WallClock or ScaledClock moves on without calls. A d that is
// not positive polls not at all, which is the default: a fake on a
// ManualClock emits at each call and each Advance.
func PollEvery(d time.Duration) SubscribeOption {
	return func(c *subscribeConfig) { c.poll = d }
}

// DefaultEventBuffer is the buffer size Subscribe uses for a size that is
// not positive.
const DefaultEventBuffer = 256

// Subscribe starts receiving the fake's events: the state changes of every
// job from now on (a job's earlier changes are not replayed). buffer is
// the number of events held for a consumer that has not received them yet
// (DefaultEventBuffer when it is not positive); see Subscription for what
// happens when it is full. Close the subscription when done.
//
// A fake without subscribers does no work for events at all.
func (f *Fake) Subscribe(buffer int, opts ...SubscribeOption) *Subscription {
	if buffer <= 0 {
		buffer = DefaultEventBuffer
	}
	var cfg subscribeConfig
	for _, o := range opts {
		o(&cfg)
	}
	s := &Subscription{f: f, ch: make(chan JobEvent, buffer), stop: make(chan struct{})}
	f.mu.Lock()
	if len(f.subs) == 0 {
		// Events start from the jobs' states now: changes made while no
		// one listened are not sent.
		now := f.Now()
		for _, j := range f.jobs {
			f.initEvents(j, now)
		}
	}
	f.subs = append(f.subs, s)
	f.mu.Unlock()
	if cfg.poll > 0 {
		s.polling.Add(1)
		go s.poll(cfg.poll)
	}
	return s
}

func (s *Subscription) poll(d time.Duration) {
	defer s.polling.Done()
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.f.EmitEvents()
		}
	}
}

// Events returns the channel the events arrive on. It is closed by Close,
// after which the events still buffered can be received.
func (s *Subscription) Events() <-chan JobEvent { return s.ch }

// Dropped returns the number of events dropped so far because the buffer
// was full.
func (s *Subscription) Dropped() uint64 { return s.dropped.Load() }

// Close ends the subscription: its poller stops, no more events are sent,
// and the Events channel is closed. Calling it again does nothing.
func (s *Subscription) Close() {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.polling.Wait()
		f := s.f
		f.mu.Lock()
		defer f.mu.Unlock()
		for i, o := range f.subs {
			if o == s {
				f.subs = append(f.subs[:i:i], f.subs[i+1:]...)
				break
			}
		}
		close(s.ch)
	})
}

// EmitEvents sends every event due by the fake's current time. Calls to
// the fake and Advance do it themselves; a test that moves the fake's clock
// in another way (ManualClock.Set, say), or a fake on a clock that runs by
// itself, calls it or subscribes with PollEvery.
func (f *Fake) EmitEvents() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emitDue(f.Now())
}

// jobEvents is what the fake keeps of a job for its events: the statuses
// of the last event sent, the time up to which the job's changes have been
// looked at, and the next instant at which it may change.
type jobEvents struct {
	primary   trainingjob.Status
	secondary trainingjob.SecondaryStatus
	seen      time.Time
	next      time.Time
}

// pendingEvent is an event found by a catch-up, before it is sent.
type pendingEvent struct {
	at  time.Time
	job *fakeJob
	seq int // the job's place in the catch-up, for a stable order
	out trainingjob.TrainingJob
}

// initEvents makes now the starting point of j's events, as if an event
// for its state at now had been sent. It is called with f.mu held.
func (f *Fake) initEvents(j *fakeJob, now time.Time) {
	v := f.view(j, now)
	j.ev = jobEvents{primary: v.TrainingJobStatus, secondary: v.SecondaryStatus, seen: now}
	j.ev.next = f.nextEventAt(j, now)
}

// emitDue sends the events of every job's changes up to now, in the order
// of their instants. It is called with f.mu held.
func (f *Fake) emitDue(now time.Time) {
	if len(f.subs) == 0 {
		return
	}
	var pending []pendingEvent
	for _, j := range f.jobs {
		if !j.ev.next.IsZero() && !j.ev.next.After(now) {
			pending = f.changes(pending, j, now)
		}
	}
	f.send(pending)
}

// afterCall sends the events of the change a call made to the job named
// name at now (a creation, a stop request, an update or a deletion). It is
// called with f.mu held.
func (f *Fake) afterCall(name string, now time.Time) {
	if len(f.subs) == 0 || name == "" {
		return
	}
	if j := f.jobs[strings.ToLower(name)]; j != nil {
		f.send(f.changes(nil, j, now))
	}
}

// changes appends to pending the events of j's changes from the last
// instant looked at to now, and moves j's starting point to now. A job
// that has never sent an event (a job created while someone listened)
// starts at its creation.
func (f *Fake) changes(pending []pendingEvent, j *fakeJob, now time.Time) []pendingEvent {
	from := j.ev.seen
	if from.IsZero() {
		from = j.scenario.Created
	}
	for _, t := range f.instants(j) {
		if t.Before(from) || t.After(now) || f.gone(j, t) {
			continue
		}
		v := f.view(j, t)
		if v.TrainingJobStatus == j.ev.primary && v.SecondaryStatus == j.ev.secondary {
			continue
		}
		j.ev.primary, j.ev.secondary = v.TrainingJobStatus, v.SecondaryStatus
		// DescribeTrainingJob has no Tags; the event's detail carries the
		// job's, as the documentation's sample shows (an object, {} for
		// none).
		v.Tags = trainingjob.TrainingJob{Tags: j.req.Tags}.Clone().Tags
		pending = append(pending, pendingEvent{at: t, job: j, seq: len(pending), out: v})
	}
	if now.After(j.ev.seen) {
		j.ev.seen = now
	}
	j.ev.next = f.nextEventAt(j, now)
	return pending
}

// instants returns, in order, the instants at which j's state may change:
// the start of each entry of its history as its scenario now lays it out,
// and its deletion.
func (f *Fake) instants(j *fakeJob) []time.Time {
	spans := j.scenario.timeline()
	out := make([]time.Time, 0, len(spans)+1)
	for _, g := range spans {
		out = append(out, g.start)
	}
	if !j.deleted.IsZero() {
		out = append(out, j.deleted)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Before(out[b]) })
	return out
}

// nextEventAt returns the first instant after now at which j's state may
// change, or the zero time when nothing is due without a call.
func (f *Fake) nextEventAt(j *fakeJob, now time.Time) time.Time {
	for _, t := range f.instants(j) {
		if t.After(now) {
			return t
		}
	}
	return time.Time{}
}

// send writes the pending events and hands each subscriber a copy, in the
// order of their instants (jobs in the order they were created at equal
// instants). It is called with f.mu held and never blocks.
func (f *Fake) send(pending []pendingEvent) {
	sort.SliceStable(pending, func(a, b int) bool {
		pa, pb := pending[a], pending[b]
		if !pa.at.Equal(pb.at) {
			return pa.at.Before(pb.at)
		}
		if !pa.job.scenario.Created.Equal(pb.job.scenario.Created) {
			return pa.job.scenario.Created.Before(pb.job.scenario.Created)
		}
		if pa.job.scenario.Name != pb.job.scenario.Name {
			return pa.job.scenario.Name < pb.job.scenario.Name
		}
		return pa.seq < pb.seq
	})
	for _, p := range pending {
		data, err := trainingjob.MarshalEvent(&p.out, trainingjob.Event{Time: p.at})
		if err != nil {
			// The fake's times lie in the range events hold; a clock set
			// before 1973 or after 5138 gives no events rather than a panic.
			continue
		}
		for i, s := range f.subs {
			ev := JobEvent{Time: p.at, JobName: p.out.TrainingJobName, Status: p.out.TrainingJobStatus, SecondaryStatus: p.out.SecondaryStatus, Data: data}
			if i < len(f.subs)-1 {
				ev.Data = append([]byte(nil), data...)
			}
			s.deliver(ev)
		}
	}
}

// deliver puts ev in the buffer, dropping the oldest buffered event when it
// is full. It never blocks: the fake's lock is held, and receivers take
// events out concurrently, so each step only tries.
func (s *Subscription) deliver(ev JobEvent) {
	for {
		select {
		case s.ch <- ev:
			return
		default:
		}
		select {
		case <-s.ch:
			s.dropped.Add(1)
		default:
			// A receiver emptied a place meanwhile; try again.
		}
	}
}
