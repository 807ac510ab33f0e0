package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

func TestValidateGolden(t *testing.T) {
	// The whole testdata tree: every sample, the large one included; the
	// fuzz corpus is skipped, its files not being *.json. Only the
	// samples in testdata/invalid are invalid, at either strength.
	for _, strict := range []bool{false, true} {
		args, name := []string{"validate", samples}, "validate/testdata.txt"
		if strict {
			args, name = []string{"validate", "--strict", samples}, "validate/testdata.strict.txt"
		}
		r := runCLI(t, nil, "", args...)
		golden(t, name, r.stdout+stderrSection(r))
		assert.Equal(t, exitProblem, r.code, "testdata/invalid holds invalid samples")
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		require.Greater(t, len(lines), 1)
		for _, l := range lines[:len(lines)-1] {
			assert.True(t, strings.HasPrefix(l, filepath.Join(samples, "invalid")+string(filepath.Separator)), "%s", l)
		}
		assert.Empty(t, r.stderr)
	}

	r := runCLI(t, nil, "", "validate", "-v", filepath.Join(samples, "describe"))
	golden(t, "validate/describe.verbose.txt", r.stdout+stderrSection(r))
	assert.Equal(t, exitOK, r.code)
}

func TestValidateLines(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "fixtures", "nested")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	write := func(path string, job trainingjob.TrainingJob) {
		data, err := trainingjob.Marshal(&job)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
	write(filepath.Join(dir, "fixtures", "ok.json"), trainingjobtest.Completed().MustBuild())
	bad := trainingjobtest.Stopped().MustBuild()
	bad.TrainingEndTime = bad.CreationTime.Add(-time.Minute)
	bad.TrainingJobName = ""
	write(filepath.Join(sub, "bad.JSON"), bad)
	require.NoError(t, os.WriteFile(filepath.Join(sub, "notes.txt"), []byte("not a document"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "broken.json"), []byte(`{"TrainingJobName": 7}`), 0o644))

	r := runCLI(t, nil, "", "validate", filepath.Join(dir, "fixtures"))
	assert.Equal(t, exitProblem, r.code)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	badPath := filepath.Join(sub, "bad.JSON")
	assert.Equal(t, []string{
		badPath + ": TrainingJobName: required",
		badPath + ": TrainingEndTime: out of order: 2024-03-08T09:59:00.000Z: before TrainingStartTime 2024-03-08T10:02:00.000Z",
		filepath.Join(sub, "broken.json") + ": TrainingJobName: wrong JSON type: expected string, found number (at byte 20)",
		"3 documents: 1 valid, 2 invalid (3 problems)",
	}, lines)

	// The same job from standard input; a file named directly is read
	// whatever its extension.
	data, err := os.ReadFile(badPath)
	require.NoError(t, err)
	r = runCLI(t, nil, string(data), "validate", "-", filepath.Join(dir, "fixtures", "ok.json"))
	assert.Equal(t, exitProblem, r.code)
	assert.Contains(t, r.stdout, "-: TrainingJobName: required\n")
	assert.Contains(t, r.stdout, "2 documents: 1 valid, 1 invalid (2 problems)\n")

	r = runCLI(t, nil, "", "validate", filepath.Join(sub, "notes.txt"))
	assert.Equal(t, exitProblem, r.code)
	assert.Contains(t, r.stdout, "notes.txt: (document): ")
	assert.Contains(t, r.stdout, "1 document: 0 valid, 1 invalid (1 problem)\n")
}

func TestValidateExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(samples, "describe", "completed.json")

	r := runCLI(t, nil, "", "validate", ok)
	assert.Equal(t, exitOK, r.code)
	assert.Equal(t, "1 document: 1 valid, 0 invalid\n", r.stdout)

	r = runCLI(t, nil, "", "validate", dir)
	assert.Equal(t, exitOK, r.code, "an empty directory holds no invalid document")
	assert.Equal(t, "0 documents: 0 valid, 0 invalid\n", r.stdout)

	r = runCLI(t, nil, "", "validate", filepath.Join(samples, "invalid", "other-detail-type.json"))
	assert.Equal(t, exitProblem, r.code)

	// A missing path is an I/O error; the other paths are still checked.
	r = runCLI(t, nil, "", "validate", filepath.Join(dir, "missing"), ok)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "missing")
	assert.Contains(t, r.stdout, "1 document: 1 valid, 0 invalid, 1 path unreadable\n")

	r = runCLI(t, nil, "", "validate")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "no PATH given")

	r = runCLI(t, nil, "", "validate", "-", "-")
	assert.Equal(t, exitUsage, r.code)
}
