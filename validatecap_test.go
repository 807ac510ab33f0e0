package trainingjob_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// A history of millions of empty entries gives two problems an entry:
// validation lists the first MaxFieldErrors, counts the rest without
// allocating for them, and still matches errors.Is and errors.As.
func TestValidateCapsFindings(t *testing.T) {
	n := 5_000_000
	if raceEnabled || testing.Short() {
		n = 500_000
	}
	job := tj.TrainingJob{TrainingJobName: "x", TrainingJobStatus: tj.StatusInProgress,
		SecondaryStatusTransitions: make([]tj.SecondaryStatusTransition, n)}
	for _, tc := range []struct {
		name string
		opts []tj.ValidateOption
		// extra is the problems beyond two an entry.
		extra int
	}{
		{"default", nil, 0},
		// Strict: every entry but the last is open, and SecondaryStatus
		// is missing.
		{"strict", []tj.ValidateOption{tj.Strict()}, n - 1 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			err := job.Validate(tc.opts...)
			runtime.ReadMemStats(&after)

			var ve *tj.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Errors, tj.MaxFieldErrors)
			assert.Equal(t, 2*n+tc.extra, ve.Total())
			assert.Equal(t, ve.Total()-tj.MaxFieldErrors, ve.Omitted)
			assert.ErrorIs(t, err, tj.ErrRequired)
			var fe *tj.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Contains(t, []string{"SecondaryStatus", "SecondaryStatusTransitions[0].Status"}, fe.Field)

			msg := err.Error()
			assert.True(t, strings.HasSuffix(msg, "; "+ve.OmittedLine()), msg[max(0, len(msg)-80):])
			assert.Less(t, len(msg), 100*tj.MaxFieldErrors)
			assert.Equal(t, tj.MaxFieldErrors, strings.Count(msg, "; ")) // 100 problems, then the count

			allocs := after.Mallocs - before.Mallocs
			t.Logf("%d entries: %d problems, %d allocations, %d bytes", n, ve.Total(), allocs, after.TotalAlloc-before.TotalAlloc)
			// A few allocations a kept problem (the FieldError, its path,
			// the list growing), none for the millions counted.
			assert.Less(t, allocs, uint64(10*tj.MaxFieldErrors))
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<10))
		})
	}
}

func TestValidationErrorOmittedLine(t *testing.T) {
	for _, tc := range []struct {
		omitted int
		want    string
	}{
		{0, ""},
		{1, "... and 1 more problem"},
		{999, "... and 999 more problems"},
		{1000, "... and 1,000 more problems"},
		{9_999_901, "... and 9,999,901 more problems"},
	} {
		e := &tj.ValidationError{TypeName: "TrainingJob", Errors: []*tj.FieldError{{Field: "A", Kind: tj.ErrRequired}}, Omitted: tc.omitted}
		assert.Equal(t, tc.want, e.OmittedLine())
		assert.Equal(t, 1+tc.omitted, e.Total())
		want := "trainingjob: TrainingJob is invalid: A: required"
		if tc.want != "" {
			want += "; " + tc.want
		}
		assert.Equal(t, want, e.Error())
		assert.True(t, errors.Is(e, tj.ErrRequired))
	}
}

// Fewer problems than the cap are all listed, with nothing omitted.
func TestValidateUnderCapListsAll(t *testing.T) {
	job := tj.TrainingJob{TrainingJobName: "x", TrainingJobStatus: tj.StatusInProgress,
		SecondaryStatusTransitions: make([]tj.SecondaryStatusTransition, tj.MaxFieldErrors/2)}
	var ve *tj.ValidationError
	require.ErrorAs(t, job.Validate(), &ve)
	assert.Len(t, ve.Errors, tj.MaxFieldErrors)
	assert.Zero(t, ve.Omitted)
	assert.NotContains(t, ve.Error(), "more problem")
}
