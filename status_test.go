package trainingjob_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

func sortedStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	slices.Sort(out)
	return out
}

// A value the service adds makes these fail until the table learns it.
func TestValuesMatchSDK(t *testing.T) {
	assert.Equal(t, sortedStrings(types.TrainingJobStatus("").Values()), sortedStrings(tj.Status("").Values()))
	assert.Equal(t, sortedStrings(types.SecondaryStatus("").Values()), sortedStrings(tj.SecondaryStatus("").Values()))
	assert.Len(t, tj.Status("").Values(), 6)
	assert.Len(t, tj.SecondaryStatus("").Values(), 17)
}

func TestValuesReturnsFreshSlice(t *testing.T) {
	v := tj.Status("").Values()
	v[0] = "changed"
	assert.Equal(t, tj.StatusInProgress, tj.Status("").Values()[0])

	s := tj.SecondaryStatus("").Values()
	s[0] = "changed"
	assert.Equal(t, tj.SecondaryStatusStarting, tj.SecondaryStatus("").Values()[0])

	p := tj.Pairings()
	p[0].Primary = "changed"
	assert.Equal(t, tj.StatusInProgress, tj.Pairings()[0].Primary)
}

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		s                 tj.Status
		known, isTerminal bool
	}{
		{tj.StatusInProgress, true, false},
		{tj.StatusCompleted, true, true},
		{tj.StatusFailed, true, true},
		{tj.StatusStopping, true, false},
		{tj.StatusStopped, true, true},
		{tj.StatusDeleting, true, false},
		{"", false, false},
		{"inprogress", false, false},
		{"Paused", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			assert.Equal(t, tt.known, tt.s.IsKnown(), "IsKnown")
			assert.Equal(t, tt.isTerminal, tt.s.IsTerminal(), "IsTerminal")
			assert.Equal(t, string(tt.s), tt.s.String())
		})
	}
}

func TestSecondaryStatusPredicates(t *testing.T) {
	tests := []struct {
		s                             tj.SecondaryStatus
		known, isTerminal, deprecated bool
	}{
		{tj.SecondaryStatusStarting, true, false, false},
		{tj.SecondaryStatusLaunchingMLInstances, true, false, true},
		{tj.SecondaryStatusPreparingTrainingStack, true, false, true},
		{tj.SecondaryStatusDownloading, true, false, false},
		{tj.SecondaryStatusDownloadingTrainingImage, true, false, true},
		{tj.SecondaryStatusTraining, true, false, false},
		{tj.SecondaryStatusUploading, true, false, false},
		{tj.SecondaryStatusStopping, true, false, false},
		{tj.SecondaryStatusStopped, true, true, false},
		{tj.SecondaryStatusMaxRuntimeExceeded, true, true, false},
		{tj.SecondaryStatusCompleted, true, true, false},
		{tj.SecondaryStatusFailed, true, true, false},
		{tj.SecondaryStatusInterrupted, true, false, false},
		{tj.SecondaryStatusMaxWaitTimeExceeded, true, true, false},
		{tj.SecondaryStatusUpdating, true, false, false},
		{tj.SecondaryStatusRestarting, true, false, false},
		{tj.SecondaryStatusPending, true, false, false},
		{"", false, false, false},
		{"Hibernating", false, false, false},
	}
	require.Len(t, tests, 19, "every known value and two unknown ones")
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			assert.Equal(t, tt.known, tt.s.IsKnown(), "IsKnown")
			assert.Equal(t, tt.isTerminal, tt.s.IsTerminal(), "IsTerminal")
			assert.Equal(t, tt.deprecated, tt.s.IsDeprecated(), "IsDeprecated")
			assert.Equal(t, string(tt.s), tt.s.String())
		})
	}
}

func TestParseStatus(t *testing.T) {
	for _, s := range tj.Status("").Values() {
		got, err := tj.ParseStatus(string(s))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	tests := []struct {
		in, suggestion string
	}{
		{"inprogress", "InProgress"},
		{" Completed ", "Completed"},
		{"Paused", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := tj.ParseStatus(tt.in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.ErrorIs(t, err, tj.ErrNotSupported)
			var ee *tj.EnumError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, "Status", ee.TypeName)
			assert.Equal(t, tt.in, ee.Value)
			assert.Equal(t, tt.suggestion, ee.Suggestion)
			assert.Len(t, ee.Valid, 6)
			assert.Contains(t, err.Error(), "InProgress, Completed, Failed, Stopping, Stopped, Deleting")
			if tt.suggestion != "" {
				assert.Contains(t, err.Error(), `did you mean "`+tt.suggestion+`"?`)
			} else {
				assert.NotContains(t, err.Error(), "did you mean")
			}
		})
	}
}

func TestParseSecondaryStatus(t *testing.T) {
	for _, s := range tj.SecondaryStatus("").Values() {
		got, err := tj.ParseSecondaryStatus(string(s))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	got, err := tj.ParseSecondaryStatus("maxruntimeexceeded")
	require.Error(t, err)
	assert.Empty(t, got)
	var ee *tj.EnumError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, "SecondaryStatus", ee.TypeName)
	assert.Equal(t, "MaxRuntimeExceeded", ee.Suggestion)
	assert.Len(t, ee.Valid, 17)
	assert.ErrorIs(t, err, tj.ErrNotSupported)
	assert.NotErrorIs(t, err, tj.ErrInvalid)
}

// Unknown values from the service survive decoding and encoding unchanged.
func TestUnknownValuesKeptByteForByte(t *testing.T) {
	type doc struct {
		TrainingJobStatus tj.Status
		SecondaryStatus   tj.SecondaryStatus
	}
	in := `{"TrainingJobStatus":"Paused","SecondaryStatus":"Hibernating\u00e9"}`
	var d doc
	require.NoError(t, json.Unmarshal([]byte(in), &d))
	assert.Equal(t, tj.Status("Paused"), d.TrainingJobStatus)
	assert.Equal(t, tj.SecondaryStatus("Hibernatingé"), d.SecondaryStatus)
	assert.False(t, d.TrainingJobStatus.IsKnown())

	out, err := json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	var s tj.Status
	require.NoError(t, s.UnmarshalText([]byte("Deleting")))
	assert.Equal(t, tj.StatusDeleting, s)
	text, err := tj.SecondaryStatus("Weird status").MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "Weird status", string(text))
	var ss tj.SecondaryStatus
	require.NoError(t, ss.UnmarshalText([]byte("")))
	assert.Equal(t, tj.SecondaryStatus(""), ss)
}

// expectedPairs restates the project's status model (the pairs, with the evidence for each) independently of the
// package's own table: "legal" at both strengths or "lenient" (default
// only). Every pair not listed is illegal.
var expectedPairs = map[tj.Status]map[tj.SecondaryStatus]tj.PairVerdict{
	tj.StatusInProgress: {
		"Starting": tj.PairLegal, "Pending": tj.PairLegal, "Downloading": tj.PairLegal, "Training": tj.PairLegal,
		"Uploading": tj.PairLegal, "Interrupted": tj.PairLegal, "Restarting": tj.PairLegal, "Updating": tj.PairLegal,
		"LaunchingMLInstances": tj.PairLegal, "PreparingTrainingStack": tj.PairLegal, "DownloadingTrainingImage": tj.PairLegal,
	},
	tj.StatusCompleted: {"Completed": tj.PairLegal},
	tj.StatusFailed:    {"Failed": tj.PairLegal},
	tj.StatusStopping: {
		// Lagging secondaries: legal at both strengths since issue 21.
		"Stopping": tj.PairLegal,
		"Starting": tj.PairLegal, "Pending": tj.PairLegal, "Downloading": tj.PairLegal, "Training": tj.PairLegal,
		"Uploading": tj.PairLegal, "Interrupted": tj.PairLegal, "Restarting": tj.PairLegal, "Updating": tj.PairLegal,
		"LaunchingMLInstances": tj.PairLegal, "PreparingTrainingStack": tj.PairLegal, "DownloadingTrainingImage": tj.PairLegal,
	},
	tj.StatusStopped: {"Stopped": tj.PairLegal, "MaxRuntimeExceeded": tj.PairLegal, "MaxWaitTimeExceeded": tj.PairLegal},
	tj.StatusDeleting: {
		"Completed": tj.PairLegal, "Failed": tj.PairLegal, "Stopped": tj.PairLegal,
		"MaxRuntimeExceeded": tj.PairLegal, "MaxWaitTimeExceeded": tj.PairLegal,
	},
}

// Every one of the 6 x 17 pairs, and the job-level validation agrees.
func TestCheckPairEveryPair(t *testing.T) {
	n := 0
	for _, p := range tj.Status("").Values() {
		for _, s := range tj.SecondaryStatus("").Values() {
			want, ok := expectedPairs[p][s]
			if !ok {
				want = tj.PairIllegal
			}
			n++
			t.Run(string(p)+"/"+string(s), func(t *testing.T) {
				assert.Equal(t, want, tj.CheckPair(p, s))
				row, found := tj.LookupPair(p, s)
				assert.Equal(t, want != tj.PairIllegal, found)
				if found {
					assert.Equal(t, want == tj.PairLenient, row.Lenient())
					assert.NotZero(t, row.Evidence)
				}
				assert.Equal(t, want == tj.PairLegal, slices.Contains(tj.Secondaries(p, tj.Strict()), s), "Secondaries strict")
				assert.Equal(t, want != tj.PairIllegal, slices.Contains(tj.Secondaries(p), s), "Secondaries default")
				assert.Equal(t, want != tj.PairIllegal, slices.Contains(s.Primaries(), p), "Primaries")

				job := tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: p, SecondaryStatus: s}
				assert.Equal(t, want, job.PairVerdict())
				for _, strict := range []bool{false, true} {
					opts := strength(strict)
					err := job.Validate(opts...)
					assert.Equal(t, want.Allowed(opts...), !errors.Is(err, tj.ErrIllegalPair), "strict=%v: %v", strict, err)
				}
			})
		}
	}
	assert.Equal(t, 102, n)
	assert.Len(t, tj.Pairings(), 33)
}

func TestCheckPairUnknownValues(t *testing.T) {
	assert.Equal(t, tj.PairUnknown, tj.CheckPair("Paused", tj.SecondaryStatusTraining))
	assert.Equal(t, tj.PairUnknown, tj.CheckPair(tj.StatusInProgress, "Hibernating"))
	assert.Equal(t, tj.PairUnknown, tj.CheckPair("", ""))
	assert.Nil(t, tj.SecondaryStatus("Hibernating").Primaries())
	assert.Nil(t, tj.Secondaries("Paused"))
	assert.Nil(t, tj.Secondaries("Paused", tj.Strict()))
	_, found := tj.LookupPair("Paused", tj.SecondaryStatusTraining)
	assert.False(t, found)
}

func TestPairingEvidence(t *testing.T) {
	for _, p := range tj.Pairings() {
		switch {
		case p.Evidence&tj.EvidenceLagging != 0:
			assert.Equal(t, tj.StatusStopping, p.Primary, "only Stopping has lagging secondaries: %+v", p)
		case p.Primary == tj.StatusDeleting:
			assert.Equal(t, tj.EvidenceInferred, p.Evidence, "%+v", p)
		case p.Secondary.IsDeprecated():
			assert.Equal(t, tj.EvidenceDocumented, p.Evidence, "%+v", p)
		}
	}
	row, ok := tj.LookupPair(tj.StatusStopping, tj.SecondaryStatusStarting)
	require.True(t, ok)
	assert.Equal(t, tj.EvidenceLagging|tj.EvidenceSeen, row.Evidence, "Stopping with Starting was seen in a real response")
	row, ok = tj.LookupPair(tj.StatusInProgress, tj.SecondaryStatusRestarting)
	require.True(t, ok)
	assert.Equal(t, tj.EvidenceInferred, row.Evidence)
}

func TestEvidenceString(t *testing.T) {
	assert.Equal(t, "none", tj.Evidence(0).String())
	assert.Equal(t, "documented+seen", (tj.EvidenceDocumented | tj.EvidenceSeen).String())
	assert.Equal(t, "inferred", tj.EvidenceInferred.String())
	assert.Equal(t, "seen+lagging", (tj.EvidenceLagging | tj.EvidenceSeen).String())
	assert.Equal(t, "documented+unknown", (tj.EvidenceDocumented | 1<<6).String())
	assert.Equal(t, "unknown", tj.Evidence(1<<7).String())
}

func TestPairVerdict(t *testing.T) {
	tests := []struct {
		v                   tj.PairVerdict
		name                string
		defaultOK, strictOK bool
	}{
		{tj.PairIllegal, "illegal", false, false},
		{tj.PairLegal, "legal", true, true},
		{tj.PairLenient, "lenient", true, false},
		{tj.PairUnknown, "unknown", true, false},
		{tj.PairVerdict(9), "PairVerdict(9)", false, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.name, tt.v.String())
		assert.Equal(t, tt.defaultOK, tt.v.Allowed(), tt.name)
		assert.Equal(t, tt.defaultOK, tt.v.Allowed(nil), tt.name)
		assert.Equal(t, tt.strictOK, tt.v.Allowed(tj.Strict()), tt.name)
	}
}

func TestClassifyOutcome(t *testing.T) {
	tests := []struct {
		p    tj.Status
		s    tj.SecondaryStatus
		want tj.Outcome
	}{
		{tj.StatusInProgress, tj.SecondaryStatusTraining, tj.OutcomeRunning},
		{tj.StatusInProgress, tj.SecondaryStatusInterrupted, tj.OutcomeRunning},
		{tj.StatusStopping, tj.SecondaryStatusStarting, tj.OutcomeRunning},
		{tj.StatusStopping, tj.SecondaryStatusStopping, tj.OutcomeRunning},
		{tj.StatusCompleted, tj.SecondaryStatusCompleted, tj.OutcomeSucceeded},
		{tj.StatusFailed, tj.SecondaryStatusFailed, tj.OutcomeFailed},
		{tj.StatusStopped, tj.SecondaryStatusStopped, tj.OutcomeStoppedByUser},
		{tj.StatusStopped, tj.SecondaryStatusMaxRuntimeExceeded, tj.OutcomeMaxRuntimeExceeded},
		{tj.StatusStopped, tj.SecondaryStatusMaxWaitTimeExceeded, tj.OutcomeMaxWaitTimeExceeded},
		{tj.StatusStopped, "", tj.OutcomeUnknown},
		{tj.StatusDeleting, tj.SecondaryStatusCompleted, tj.OutcomeDeleting},
		{"Paused", tj.SecondaryStatusTraining, tj.OutcomeUnknown},
		{"", tj.SecondaryStatusCompleted, tj.OutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(string(tt.p)+"/"+string(tt.s), func(t *testing.T) {
			assert.Equal(t, tt.want, tj.ClassifyOutcome(tt.p, tt.s))
			job := tj.TrainingJob{TrainingJobStatus: tt.p, SecondaryStatus: tt.s}
			assert.Equal(t, tt.want, job.Outcome())
		})
	}
}

func TestOutcomeNames(t *testing.T) {
	tests := []struct {
		o     tj.Outcome
		name  string
		final bool
	}{
		{tj.OutcomeUnknown, "Unknown", false},
		{tj.OutcomeRunning, "Running", false},
		{tj.OutcomeSucceeded, "Succeeded", true},
		{tj.OutcomeFailed, "Failed", true},
		{tj.OutcomeStoppedByUser, "StoppedByUser", true},
		{tj.OutcomeMaxRuntimeExceeded, "MaxRuntimeExceeded", true},
		{tj.OutcomeMaxWaitTimeExceeded, "MaxWaitTimeExceeded", true},
		{tj.OutcomeDeleting, "Deleting", false},
		{tj.Outcome(42), "Outcome(42)", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.name, tt.o.String())
		assert.Equal(t, tt.final, tt.o.IsFinal(), tt.name)
		text, err := tt.o.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.name, string(text))
	}
	out, err := json.Marshal(map[string]tj.Outcome{"outcome": tj.OutcomeStoppedByUser})
	require.NoError(t, err)
	assert.JSONEq(t, `{"outcome":"StoppedByUser"}`, string(out))
}

func FuzzParseStatus(f *testing.F) {
	for _, s := range tj.Status("").Values() {
		f.Add(string(s))
	}
	for _, s := range tj.SecondaryStatus("").Values() {
		f.Add(string(s))
	}
	f.Add("inprogress")
	f.Add("\xff\xfe")
	f.Add("")
	f.Add(" Completed\n")
	f.Add("InProgress\x00")
	f.Add("\x1b[31mFailed")
	f.Add(strings.Repeat("Training", 40))
	f.Fuzz(func(t *testing.T, in string) {
		p, err := tj.ParseStatus(in)
		if problem := errorTextProblem(err); problem != "" {
			t.Fatalf("ParseStatus(%q): error text has %s: %q", in, problem, err)
		}
		if tj.Status(in).IsKnown() {
			if err != nil || string(p) != in {
				t.Fatalf("ParseStatus(%q) = %q, %v", in, p, err)
			}
		} else if err == nil || !errors.Is(err, tj.ErrNotSupported) || p != "" {
			t.Fatalf("ParseStatus(%q) = %q, %v; want ErrNotSupported", in, p, err)
		}
		s, err := tj.ParseSecondaryStatus(in)
		if tj.SecondaryStatus(in).IsKnown() != (err == nil) || err == nil && string(s) != in {
			t.Fatalf("ParseSecondaryStatus(%q) = %q, %v", in, s, err)
		}
		var u tj.SecondaryStatus
		if err := u.UnmarshalText([]byte(in)); err != nil || string(u) != in {
			t.Fatalf("UnmarshalText(%q) = %q, %v", in, u, err)
		}
	})
}

// expectedEvidence restates the project's status model (the pairs, with the evidence for each) with its evidence
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

// Every row of Pairings carries the evidence the status model gives, and every pair
// the model lists is a row: the two tables are equal, evidence included.
func TestPairingsEvidenceEveryRow(t *testing.T) {
	want := expectedEvidence()
	rows := tj.Pairings()
	seen := map[tj.Pairing]bool{}
	for _, row := range rows {
		t.Run(string(row.Primary)+"/"+string(row.Secondary), func(t *testing.T) {
			assert.False(t, seen[tj.Pairing{Primary: row.Primary, Secondary: row.Secondary}], "duplicate row")
			seen[tj.Pairing{Primary: row.Primary, Secondary: row.Secondary}] = true
			ev, ok := want[row.Primary][row.Secondary]
			require.True(t, ok, "the table has a pair the status model does not list")
			assert.Equal(t, ev.String(), row.Evidence.String(), "evidence")
			assert.False(t, row.Lenient(), "no row is lenient: strict accepts lagging secondaries")

			found, ok := tj.LookupPair(row.Primary, row.Secondary)
			require.True(t, ok)
			assert.Equal(t, row, found, "LookupPair returns the row")
		})
	}
	n := 0
	for p, secondaries := range want {
		for s := range secondaries {
			n++
			assert.True(t, seen[tj.Pairing{Primary: p, Secondary: s}], "status model pair %s/%s missing from Pairings", p, s)
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
	assert.Equal(t, tj.Secondaries(tj.StatusStopping), tj.Secondaries(tj.StatusStopping, tj.Strict()), "strict accepts lagging secondaries")
	assert.Len(t, tj.Secondaries(tj.StatusStopping, tj.Strict()), 12)
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
