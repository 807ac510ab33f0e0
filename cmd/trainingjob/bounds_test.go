package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
)

// writeEmptyHistory writes a job whose history holds n empty entries.
func writeEmptyHistory(t *testing.T, n int) string {
	t.Helper()
	doc := `{"TrainingJobName":"x","TrainingJobStatus":"InProgress","SecondaryStatus":"Training","SecondaryStatusTransitions":[` +
		strings.Repeat("{},", n-1) + "{}]}"
	file := filepath.Join(t.TempDir(), "empty.json")
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	return file
}

// runBounded runs the CLI and returns its result and the bytes it
// allocated.
func runBounded(t *testing.T, args ...string) (result, uint64) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := runCLI(t, nil, "", args...)
	runtime.ReadMemStats(&after)
	return r, after.TotalAlloc - before.TotalAlloc
}

// A history of the most entries the decoder takes, all empty: validate and
// inspect list MaxFieldErrors problems and count the rest, and inspect's
// timeline shows its first and last rows.
func TestReportsAreBounded(t *testing.T) {
	n := trainingjob.MaxHistoryEntries
	file := writeEmptyHistory(t, n)

	r, alloc := runBounded(t, "validate", file)
	assert.Equal(t, exitProblem, r.code)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, trainingjob.MaxFieldErrors+2)
	assert.Equal(t, file+": ... and 19,900 more problems", lines[len(lines)-2])
	assert.Equal(t, "1 document: 0 valid, 1 invalid (20000 problems)", lines[len(lines)-1])
	t.Logf("validate: %d bytes allocated", alloc)
	assert.Less(t, alloc, uint64(64<<20))

	r, alloc = runBounded(t, "inspect", "--no-color", file)
	assert.Equal(t, exitProblem, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Validation (default): 20000 problems\n")
	assert.Contains(t, r.stdout, "\n  ... and 19,900 more problems\n")
	assert.Contains(t, r.stdout, "\n  … 9000 rows omitted …\n")
	assert.Less(t, strings.Count(r.stdout, "\n"), 1200)
	t.Logf("inspect: %d bytes allocated", alloc)
	assert.Less(t, alloc, uint64(128<<20))
}

// The document, 5 million empty entries in 15 MB: both commands
// refuse it at once, naming the first entry too many.
func TestHugeHistoryIsRefused(t *testing.T) {
	n := 5_000_000
	if raceEnabled {
		n = 1_000_000
	}
	file := writeEmptyHistory(t, n)
	for _, cmd := range []string{"validate", "inspect"} {
		r, alloc := runBounded(t, cmd, file)
		assert.NotEqual(t, exitOK, r.code)
		assert.Contains(t, r.stdout+r.stderr, "SecondaryStatusTransitions[10000]")
		assert.Contains(t, r.stdout+r.stderr, "more than 10000 entries")
		t.Logf("%s: %d bytes allocated", cmd, alloc)
		assert.Less(t, alloc, uint64(2*n*3+64<<20), cmd)
	}
}
