package trainingjob

import "time"

// SecondaryStatusTransition is one entry of a job's history: a visit to a
// secondary status, from StartTime until EndTime.
//
// The API requires Status and StartTime. A zero EndTime means the entry is
// still open: the job is in that status now. EventBridge events leave EndTime
// out of every entry, even for finished jobs. StatusMessage is free text for
// people that the service rewords over time: show it, never branch on it.
type SecondaryStatusTransition struct {
	// Status is the secondary status the job was in.
	Status SecondaryStatus
	// StartTime is when the job entered Status.
	StartTime time.Time
	// EndTime is when the job left Status; zero while it is still there.
	EndTime time.Time
	// StatusMessage describes the visit in words.
	StatusMessage string
}

// IsOpen reports whether the entry has no EndTime yet.
func (t SecondaryStatusTransition) IsOpen() bool { return t.EndTime.IsZero() }

// Duration returns how long the job stayed in the entry's status. For an
// open entry it measures up to now, which the caller passes so that results
// do not depend on a hidden clock. It returns 0 when StartTime is missing or
// when the end lies before the start.
func (t SecondaryStatusTransition) Duration(now time.Time) time.Duration {
	if t.StartTime.IsZero() {
		return 0
	}
	end := t.EndTime
	if end.IsZero() {
		end = now
	}
	if end.Before(t.StartTime) {
		return 0
	}
	return end.Sub(t.StartTime)
}

// Visits counts the entries of history whose status is s. A status can be
// visited more than once: spot interruptions and retries go back to Starting,
// Downloading and Training.
func Visits(history []SecondaryStatusTransition, s SecondaryStatus) int {
	n := 0
	for i := range history {
		if history[i].Status == s {
			n++
		}
	}
	return n
}

// IsContiguous reports whether every entry but the last ends exactly when the
// next one starts, as in the service's own histories. An empty history, or
// one of a single entry, is contiguous.
func IsContiguous(history []SecondaryStatusTransition) bool {
	for i := 0; i+1 < len(history); i++ {
		if !history[i].EndTime.Equal(history[i+1].StartTime) {
			return false
		}
	}
	return true
}
