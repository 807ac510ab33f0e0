package trainingjob

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Phase is one visit to a secondary status: one entry of the job's history
// seen as a span of time.
type Phase struct {
	// Index is the entry's position in SecondaryStatusTransitions.
	Index int
	// Status is the secondary status the job was in.
	Status SecondaryStatus
	// Start and End bound the phase; End is zero while the phase is open.
	// End is the entry's EndTime, or the end NewTimeline inferred for an
	// entry without one (see EndInferred).
	Start, End time.Time
	// Duration is End - Start, or now - Start for an open phase; never
	// negative.
	Duration time.Duration
	// Message is the entry's StatusMessage.
	Message string
	// Open reports whether the phase has no end: the entry has no EndTime
	// and none could be inferred. In a well-formed history only the last
	// entry of a running job is open.
	Open bool
	// EndInferred reports that the entry has no EndTime and End was
	// inferred: the next entry's start, or, for the terminal last entry of a
	// finished job, the entry's own start. EventBridge events carry no
	// EndTime at all, so every closed phase of an event's history has it.
	EndInferred bool
}

// Gap is time between two entries that no entry covers: entry After ended
// before entry After+1 started. The service's own histories have none.
type Gap struct {
	After      int
	Start, End time.Time
	Duration   time.Duration
}

// Timeline is where a job's time went, entry by entry and in total.
type Timeline struct {
	// Phases holds one phase per history entry, in order.
	Phases []Phase
	// Gaps lists the uncovered stretches between entries.
	Gaps []Gap
	// ByStatus sums the phases of each secondary status over every visit
	// (a spot job visits Training more than once).
	ByStatus map[SecondaryStatus]time.Duration
	// Queued is the time spent waiting for and preparing instances:
	// Starting and Pending, and the 2018 statuses LaunchingMLInstances and
	// PreparingTrainingStack.
	Queued time.Duration
	// Downloading is Downloading and the 2018 DownloadingTrainingImage.
	Downloading time.Duration
	// Training, Uploading and Interrupted are the time in those statuses.
	Training, Uploading, Interrupted time.Duration
	// Total runs from the first phase's start to the last phase's end (or
	// now, when it is open).
	Total time.Duration
}

// NewTimeline lays out the job's history. now stands in for the end of an
// open phase, so the result depends on no hidden clock; pass the time the
// job was described, or time.Now().
//
// NewTimeline closes the history first, so that every form of a job gives
// the same timeline: an entry without an EndTime ends where the next entry
// begins (when that start is known and not earlier than its own); the
// terminal last entry (Completed, Failed, Stopped, MaxRuntimeExceeded,
// MaxWaitTimeExceeded) of a finished job (Completed, Failed, Stopped or
// Deleting) ends where it starts, lasting no time, as the service's own
// DescribeTrainingJob histories show; any other entry without an EndTime
// stays open, which in a well-formed history is only the last entry of a
// running job. Phase.EndInferred marks the ends it inferred. A
// DescribeTrainingJob response and an EventBridge event (whose entries never
// carry an EndTime) of the same job at the same moment therefore give equal
// timelines, apart from EndInferred.
func NewTimeline(job *TrainingJob, now time.Time) Timeline {
	var tl Timeline
	if job == nil || len(job.SecondaryStatusTransitions) == 0 {
		return tl
	}
	h := job.SecondaryStatusTransitions
	tl.Phases = make([]Phase, len(h))
	tl.ByStatus = make(map[SecondaryStatus]time.Duration)
	var lastEnd time.Time
	for i := range h {
		t, inferred := closedEntry(job, i)
		ph := Phase{Index: i, Status: t.Status, Start: t.StartTime, End: t.EndTime, Message: t.StatusMessage,
			Open: t.IsOpen(), EndInferred: inferred}
		ph.Duration = t.Duration(now)
		tl.Phases[i] = ph
		lastEnd = t.EndTime
		// Each phase lasts at most the largest Duration (Time.Sub stops
		// there), but several of them may add up to more: the sums stop at
		// the largest Duration too rather than wrap around.
		tl.ByStatus[t.Status] = addDurations(tl.ByStatus[t.Status], ph.Duration)
		switch t.Status {
		case SecondaryStatusStarting, SecondaryStatusPending, SecondaryStatusLaunchingMLInstances, SecondaryStatusPreparingTrainingStack:
			tl.Queued = addDurations(tl.Queued, ph.Duration)
		case SecondaryStatusDownloading, SecondaryStatusDownloadingTrainingImage:
			tl.Downloading = addDurations(tl.Downloading, ph.Duration)
		case SecondaryStatusTraining:
			tl.Training = addDurations(tl.Training, ph.Duration)
		case SecondaryStatusUploading:
			tl.Uploading = addDurations(tl.Uploading, ph.Duration)
		case SecondaryStatusInterrupted:
			tl.Interrupted = addDurations(tl.Interrupted, ph.Duration)
		}
		if i+1 < len(h) && !t.EndTime.IsZero() && h[i+1].StartTime.After(t.EndTime) {
			tl.Gaps = append(tl.Gaps, Gap{After: i, Start: t.EndTime, End: h[i+1].StartTime, Duration: h[i+1].StartTime.Sub(t.EndTime)})
		}
	}
	first, last := h[0], h[len(h)-1]
	end := lastEnd
	if end.IsZero() {
		end = now
		if last.StartTime.After(end) {
			end = last.StartTime
		}
	}
	if !first.StartTime.IsZero() && end.After(first.StartTime) {
		tl.Total = end.Sub(first.StartTime)
	}
	return tl
}

// addDurations returns a + b for durations that are never negative,
// stopping at the largest Duration instead of overflowing.
func addDurations(a, b time.Duration) time.Duration {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// closedEntry returns entry i of job's history as NewTimeline lays it out,
// with an EndTime inferred where the entry has none and one can be known,
// and whether it was inferred. job and i must be valid.
func closedEntry(job *TrainingJob, i int) (SecondaryStatusTransition, bool) {
	h := job.SecondaryStatusTransitions
	t := h[i]
	if !t.EndTime.IsZero() {
		return t, false
	}
	if i+1 < len(h) {
		if next := h[i+1].StartTime; !next.IsZero() && !next.Before(t.StartTime) {
			t.EndTime = next
			return t, true
		}
		return t, false
	}
	if jobFinished(job) && t.Status.IsTerminal() && !t.StartTime.IsZero() {
		t.EndTime = t.StartTime
		return t, true
	}
	return t, false
}

// jobFinished reports whether the job has stopped running for good:
// Completed, Failed, Stopped, or Deleting (which only a finished job can be).
func jobFinished(j *TrainingJob) bool {
	return j.TrainingJobStatus.IsTerminal() || j.TrainingJobStatus == StatusDeleting
}

// Durations are the times the service reports for a job and the ones they
// imply. Each value comes with a flag that says whether it could be known:
// nothing is guessed when a member is absent.
type Durations struct {
	// TrainingTime is TrainingTimeInSeconds, per instance.
	TrainingTime    time.Duration
	HasTrainingTime bool
	// BillableTime is BillableTimeInSeconds, per instance.
	BillableTime    time.Duration
	HasBillableTime bool
	// Span is TrainingEndTime - TrainingStartTime, which TrainingTime
	// should match within a second.
	Span    time.Duration
	HasSpan bool
	// Instances is ResourceConfig.InstanceCount, or the sum of the instance
	// groups' counts for a heterogeneous cluster (at most math.MaxInt); 0
	// when neither is given.
	Instances int
	// TotalTrainingSeconds and TotalBillableSeconds are the per-instance
	// times multiplied by Instances, in instance-seconds, set only when
	// both are known (HasTotalTraining, HasTotalBillable). They are
	// computed in int64, which holds the product of any two int32 values
	// exactly, so they are exact for every job the service can describe;
	// a product beyond math.MaxInt64 (instance groups summing past the
	// int32 range) stops there.
	TotalTrainingSeconds, TotalBillableSeconds int64
	// TotalTrainingTime and TotalBillableTime are the same totals as
	// durations. A Duration holds about 292 years, less than some totals
	// the service's int32 members allow (2,000,000,000 seconds on 100
	// instances is 6,300 years), so these stop at the largest Duration
	// (math.MaxInt64 nanoseconds); the seconds above are exact.
	TotalTrainingTime, TotalBillableTime time.Duration
	HasTotalTraining, HasTotalBillable   bool
	// SpotSavings is 1 - BillableTime/TrainingTime, the fraction managed
	// spot saved (0 on demand), set only when both times are known and the
	// training time is not zero.
	SpotSavings    float64
	HasSpotSavings bool
}

// Durations computes the job's durations; see the Durations type.
func (j TrainingJob) Durations() Durations {
	var d Durations
	if j.TrainingTimeInSeconds > 0 {
		d.TrainingTime, d.HasTrainingTime = time.Duration(j.TrainingTimeInSeconds)*time.Second, true
	}
	if j.BillableTimeInSeconds > 0 {
		d.BillableTime, d.HasBillableTime = time.Duration(j.BillableTimeInSeconds)*time.Second, true
	}
	if !j.TrainingStartTime.IsZero() && !j.TrainingEndTime.IsZero() && !j.TrainingEndTime.Before(j.TrainingStartTime) {
		d.Span, d.HasSpan = j.TrainingEndTime.Sub(j.TrainingStartTime), true
	}
	d.Instances = instanceCount(j)
	if d.Instances > 0 && d.HasTrainingTime {
		d.TotalTrainingSeconds = instanceSeconds(j.TrainingTimeInSeconds, d.Instances)
		d.TotalTrainingTime, d.HasTotalTraining = secondsDuration(d.TotalTrainingSeconds), true
	}
	if d.Instances > 0 && d.HasBillableTime {
		d.TotalBillableSeconds = instanceSeconds(j.BillableTimeInSeconds, d.Instances)
		d.TotalBillableTime, d.HasTotalBillable = secondsDuration(d.TotalBillableSeconds), true
	}
	if d.HasTrainingTime && d.HasBillableTime {
		d.SpotSavings, d.HasSpotSavings = 1-float64(d.BillableTime)/float64(d.TrainingTime), true
	}
	return d
}

// instanceSeconds multiplies a positive per-instance time in seconds by a
// positive number of instances, stopping at math.MaxInt64.
func instanceSeconds(seconds int32, instances int) int64 {
	s, n := int64(seconds), int64(instances)
	if s > math.MaxInt64/n {
		return math.MaxInt64
	}
	return s * n
}

// secondsDuration converts seconds that are not negative to a Duration,
// stopping at the largest Duration.
func secondsDuration(s int64) time.Duration {
	if s > int64(math.MaxInt64/time.Second) {
		return math.MaxInt64
	}
	return time.Duration(s) * time.Second
}

func instanceCount(j TrainingJob) int {
	rc := j.ResourceConfig
	if rc == nil {
		return 0
	}
	if rc.InstanceCount != nil && *rc.InstanceCount > 0 {
		return int(*rc.InstanceCount)
	}
	n := 0
	for _, g := range rc.InstanceGroups {
		if g.InstanceCount != nil && *g.InstanceCount > 0 {
			// The sum of int32 counts can pass what an int holds on
			// 32-bit platforms.
			c := int(*g.InstanceCount)
			if n > math.MaxInt-c {
				return math.MaxInt
			}
			n += c
		}
	}
	return n
}

// ChangeKind names a kind of difference between two snapshots of a job.
type ChangeKind uint8

// The kinds of change Diff reports.
const (
	// ChangeStatus: TrainingJobStatus or SecondaryStatus changed.
	ChangeStatus ChangeKind = iota + 1
	// ChangeEntryAdded: the history has a new entry.
	ChangeEntryAdded
	// ChangeEntryUpdated: an entry's status or message changed.
	ChangeEntryUpdated
	// ChangeEntryClosed: an entry that was open got its EndTime.
	ChangeEntryClosed
	// ChangeFailureReason: FailureReason appeared or changed.
	ChangeFailureReason
)

// String returns the kind's name.
func (k ChangeKind) String() string {
	switch k {
	case ChangeStatus:
		return "StatusChanged"
	case ChangeEntryAdded:
		return "EntryAdded"
	case ChangeEntryUpdated:
		return "EntryUpdated"
	case ChangeEntryClosed:
		return "EntryClosed"
	case ChangeFailureReason:
		return "FailureReason"
	}
	return "ChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// Change is one difference between two snapshots of the same job.
type Change struct {
	Kind ChangeKind
	// Index is the history entry concerned, or -1 for a change of the job
	// itself.
	Index int
	// Entry is the entry as it is now, for entry changes, closed as
	// NewTimeline closes it: an EndTime the document lacks may have been
	// inferred.
	Entry SecondaryStatusTransition
	// Previous statuses and current ones, for ChangeStatus.
	OldStatus, NewStatus       Status
	OldSecondary, NewSecondary SecondaryStatus
	// FailureReason is the new reason, for ChangeFailureReason.
	FailureReason string
}

// Diff lists what changed from prev to cur, job-level changes first, then
// entry changes in history order. prev may be nil: everything in cur is
// then new.
//
// Diff compares the histories as NewTimeline closes them, so an entry whose
// end is known (given, or inferred from the next entry's start) counts as
// closed whichever form the snapshots came in: a sequence of EventBridge
// events gives the same changes as the DescribeTrainingJob responses of the
// same moments, and a mix of the two forms gives them too.
func Diff(prev, cur *TrainingJob) []Change {
	if cur == nil {
		return nil
	}
	var old TrainingJob
	if prev != nil {
		old = *prev
	}
	var out []Change
	if old.TrainingJobStatus != cur.TrainingJobStatus || old.SecondaryStatus != cur.SecondaryStatus {
		out = append(out, Change{Kind: ChangeStatus, Index: -1,
			OldStatus: old.TrainingJobStatus, NewStatus: cur.TrainingJobStatus,
			OldSecondary: old.SecondaryStatus, NewSecondary: cur.SecondaryStatus})
	}
	if cur.FailureReason != "" && cur.FailureReason != old.FailureReason {
		out = append(out, Change{Kind: ChangeFailureReason, Index: -1, FailureReason: cur.FailureReason})
	}
	for i := range cur.SecondaryStatusTransitions {
		e, _ := closedEntry(cur, i)
		if i >= len(old.SecondaryStatusTransitions) {
			out = append(out, Change{Kind: ChangeEntryAdded, Index: i, Entry: e})
			continue
		}
		was, _ := closedEntry(&old, i)
		if was.Status != e.Status || was.StatusMessage != e.StatusMessage {
			out = append(out, Change{Kind: ChangeEntryUpdated, Index: i, Entry: e})
		}
		if was.IsOpen() && !e.IsOpen() {
			out = append(out, Change{Kind: ChangeEntryClosed, Index: i, Entry: e})
		}
	}
	return out
}

// ProgressLine formats a history entry the way a person follows a job:
//
//	2024-03-08 10:01:02 UTC Training - Training image download completed. Training in progress.
//
// stamped with the entry's own start time in UTC (not the job's
// LastModifiedTime, which moves whenever anything changes). Without a
// message the line ends after the status.
func ProgressLine(t SecondaryStatusTransition) string {
	var b strings.Builder
	if t.StartTime.IsZero() {
		b.WriteString("-")
	} else {
		b.WriteString(t.StartTime.UTC().Format("2006-01-02 15:04:05 MST"))
	}
	b.WriteByte(' ')
	if t.Status == "" {
		b.WriteString("(no status)")
	} else {
		b.WriteString(string(t.Status))
	}
	if msg := strings.TrimSpace(t.StatusMessage); msg != "" {
		b.WriteString(" - ")
		b.WriteString(msg)
	}
	return b.String()
}

// ProgressLines returns one ProgressLine for each history entry that is new
// in cur or whose status or message changed since prev (nil prev: every
// entry). An entry that only got its EndTime gives no line: nothing a
// person would read has changed.
func ProgressLines(prev, cur *TrainingJob) []string {
	var lines []string
	for _, c := range Diff(prev, cur) {
		if c.Kind == ChangeEntryAdded || c.Kind == ChangeEntryUpdated {
			lines = append(lines, ProgressLine(c.Entry))
		}
	}
	return lines
}
