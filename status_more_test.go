package trainingjob_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// expectedEvidence restates DESIGN.md's status table with its evidence
// column, row by row, independently of the package's own table. A pair that
// is not listed is illegal.
func expectedEvidence() map[tj.Status]map[tj.SecondaryStatus]tj.Evidence {
	const (
		doc      = tj.EvidenceDocumented
		docSeen  = tj.EvidenceDocumented | tj.EvidenceSeen
		inferred = tj.EvidenceInferred
		lagging  = tj.EvidenceLagging
	)
	return map[tj.Status]map[tj.SecondaryStatus]tj.Evidence{
		tj.StatusInProgress: {
			// Documented and seen in real jobs.
			tj.SecondaryStatusStarting:    docSeen,
			tj.SecondaryStatusPending:     docSeen,
			tj.SecondaryStatusDownloading: docSeen,
			tj.SecondaryStatusTraining:    docSeen,
			tj.SecondaryStatusUploading:   docSeen,
			// Managed spot: documented.
			tj.SecondaryStatusInterrupted: doc,
			// Enum values only: the pairing is inferred.
			tj.SecondaryStatusRestarting: inferred,
			tj.SecondaryStatusUpdating:   inferred,
			// Deprecated, 2018: documented.
			tj.SecondaryStatusLaunchingMLInstances:     doc,
			tj.SecondaryStatusPreparingTrainingStack:   doc,
			tj.SecondaryStatusDownloadingTrainingImage: doc,
		},
		tj.StatusCompleted: {tj.SecondaryStatusCompleted: docSeen},
		tj.StatusFailed:    {tj.SecondaryStatusFailed: docSeen},
		tj.StatusStopping: {
			tj.SecondaryStatusStopping: doc,
			// Any InProgress secondary lags for a while; Starting was seen.
			tj.SecondaryStatusStarting:                 lagging | tj.EvidenceSeen,
			tj.SecondaryStatusPending:                  lagging,
			tj.SecondaryStatusDownloading:              lagging,
			tj.SecondaryStatusTraining:                 lagging,
			tj.SecondaryStatusUploading:                lagging,
			tj.SecondaryStatusInterrupted:              lagging,
			tj.SecondaryStatusRestarting:               lagging,
			tj.SecondaryStatusUpdating:                 lagging,
			tj.SecondaryStatusLaunchingMLInstances:     lagging,
			tj.SecondaryStatusPreparingTrainingStack:   lagging,
			tj.SecondaryStatusDownloadingTrainingImage: lagging,
		},
		tj.StatusStopped: {
			tj.SecondaryStatusStopped:             docSeen,
			tj.SecondaryStatusMaxRuntimeExceeded:  docSeen,
			tj.SecondaryStatusMaxWaitTimeExceeded: docSeen,
		},
		tj.StatusDeleting: {
			tj.SecondaryStatusCompleted:           inferred,
			tj.SecondaryStatusFailed:              inferred,
			tj.SecondaryStatusStopped:             inferred,
			tj.SecondaryStatusMaxRuntimeExceeded:  inferred,
			tj.SecondaryStatusMaxWaitTimeExceeded: inferred,
		},
	}
}

// Every row of Pairings carries the evidence DESIGN.md gives, and every pair
// DESIGN.md lists is a row: the two tables are equal, evidence included.
func TestPairingsEvidenceEveryRow(t *testing.T) {
	want := expectedEvidence()
	rows := tj.Pairings()
	seen := map[tj.Pairing]bool{}
	for _, row := range rows {
		t.Run(string(row.Primary)+"/"+string(row.Secondary), func(t *testing.T) {
			assert.False(t, seen[tj.Pairing{Primary: row.Primary, Secondary: row.Secondary}], "duplicate row")
			seen[tj.Pairing{Primary: row.Primary, Secondary: row.Secondary}] = true
			ev, ok := want[row.Primary][row.Secondary]
			require.True(t, ok, "the table has a pair DESIGN.md does not list")
			assert.Equal(t, ev.String(), row.Evidence.String(), "evidence")
			assert.Equal(t, ev&tj.EvidenceLagging != 0, row.Lenient(), "lenient")

			found, ok := tj.LookupPair(row.Primary, row.Secondary)
			require.True(t, ok)
			assert.Equal(t, row, found, "LookupPair returns the row")
		})
	}
	n := 0
	for p, secondaries := range want {
		for s := range secondaries {
			n++
			assert.True(t, seen[tj.Pairing{Primary: p, Secondary: s}], "DESIGN.md pair %s/%s missing from Pairings", p, s)
		}
	}
	assert.Len(t, rows, n)
	assert.Equal(t, 33, n)
}

// Primaries lists a secondary's primaries in the order of Status.Values, and
// Secondaries a primary's secondaries in table order (the order of
// Pairings).
func TestPrimariesAndSecondariesOrder(t *testing.T) {
	rows := tj.Pairings()
	for _, s := range tj.SecondaryStatus("").Values() {
		var want []tj.Status
		for _, p := range tj.Status("").Values() {
			if _, ok := expectedEvidence()[p][s]; ok {
				want = append(want, p)
			}
		}
		assert.Equal(t, want, s.Primaries(), "%s", s)
	}
	for _, p := range tj.Status("").Values() {
		for _, strict := range []bool{false, true} {
			var want []tj.SecondaryStatus
			for _, row := range rows {
				if row.Primary == p && (!strict || !row.Lenient()) {
					want = append(want, row.Secondary)
				}
			}
			assert.Equal(t, want, tj.Secondaries(p, strength(strict)...), "%s strict=%v", p, strict)
		}
	}
	assert.Equal(t, []tj.SecondaryStatus{tj.SecondaryStatusStopping}, tj.Secondaries(tj.StatusStopping, tj.Strict()))
}

func TestOutcomeStringPastTheNames(t *testing.T) {
	tests := []struct {
		o    tj.Outcome
		want string
	}{
		{tj.OutcomeDeleting, "Deleting"},
		{tj.OutcomeDeleting + 1, "Outcome(8)"},
		{tj.Outcome(9), "Outcome(9)"},
		{tj.Outcome(255), "Outcome(255)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			require.NotPanics(t, func() { _ = tt.o.String() })
			assert.Equal(t, tt.want, tt.o.String())
			text, err := tt.o.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(text))
			assert.False(t, tt.o.IsFinal(), "neither Deleting nor an unnamed outcome is final")
		})
	}
}

// A job's IsTerminal follows its primary status: Completed, Failed and
// Stopped only. A Deleting job is on its way out, not terminal.
func TestJobIsTerminal(t *testing.T) {
	tests := []struct {
		name string
		job  tj.TrainingJob
		want bool
	}{
		{"completed", completedJob(), true},
		{"failed", failedJob(), true},
		{"stopped", stoppedJob(tj.SecondaryStatusStopped), true},
		{"max runtime", stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded), true},
		{"running", runningJob(), false},
		{"stopping", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusStopping }), false},
		{"deleting a completed job", with(completedJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting }), false},
		{"deleting a failed job", with(failedJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting }), false},
		{"unknown primary", with(completedJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = "Archived" }), false},
		{"zero job", tj.TrainingJob{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.job.IsTerminal())
			assert.Equal(t, tt.job.TrainingJobStatus.IsTerminal(), tt.job.IsTerminal())
		})
	}
}

func TestIsContiguousEveryGapPosition(t *testing.T) {
	h := completedJob().SecondaryStatusTransitions
	require.True(t, tj.IsContiguous(h))
	require.Len(t, h, 5)
	tests := []struct {
		name string
		edit func([]tj.SecondaryStatusTransition)
		want bool
	}{
		{"as the service writes it", func([]tj.SecondaryStatusTransition) {}, true},
		{"gap after the first entry", func(h []tj.SecondaryStatusTransition) { h[0].EndTime = h[0].EndTime.Add(-time.Millisecond) }, false},
		{"gap in the middle", func(h []tj.SecondaryStatusTransition) { h[2].EndTime = h[2].EndTime.Add(-time.Second) }, false},
		{"gap just before the final entry", func(h []tj.SecondaryStatusTransition) { h[3].EndTime = h[3].EndTime.Add(-time.Millisecond) }, false},
		{"final entry starts late", func(h []tj.SecondaryStatusTransition) { h[4].StartTime = h[4].StartTime.Add(time.Millisecond) }, false},
		{"overlap before the final entry", func(h []tj.SecondaryStatusTransition) { h[3].EndTime = h[3].EndTime.Add(time.Millisecond) }, false},
		{"open final entry", func(h []tj.SecondaryStatusTransition) { h[4].EndTime = time.Time{} }, true},
		{"final entry lasts a while", func(h []tj.SecondaryStatusTransition) { h[4].EndTime = h[4].EndTime.Add(time.Hour) }, true},
		{"same instant in another zone", func(h []tj.SecondaryStatusTransition) {
			h[4].StartTime = h[4].StartTime.In(time.FixedZone("X", 3600))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := slices.Clone(h)
			tt.edit(h)
			assert.Equal(t, tt.want, tj.IsContiguous(h))
		})
	}
	assert.True(t, tj.IsContiguous(nil))
	assert.True(t, tj.IsContiguous(h[:1]))
	two := slices.Clone(h[3:])
	two[0].EndTime = two[0].EndTime.Add(-time.Millisecond)
	assert.False(t, tj.IsContiguous(two), "a gap between the only two entries")
}
