package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// sampleFiles lists the sample documents inspect's goldens cover: every
// form, every outcome. The 1,000-entry sample has a test of its own.
func sampleFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"describe", "cli-v2", "js-sdk", "events", "search"} {
		m, err := filepath.Glob(filepath.Join(samples, dir, "*.json"))
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.NotEmpty(t, files)
	return files
}

// goldenName is the golden file's name for a sample: describe/completed.json
// gives describe-completed.
func goldenName(file string) string {
	rel, _ := filepath.Rel(samples, file)
	return strings.TrimSuffix(strings.ReplaceAll(filepath.ToSlash(rel), "/", "-"), ".json")
}

func TestInspectGolden(t *testing.T) {
	for _, file := range sampleFiles(t) {
		name := goldenName(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			wantCode := exitOK
			doc, err := trainingjob.ReadDocument(data)
			if err != nil || doc.Job.Validate() != nil {
				wantCode = exitProblem
			}

			text := runCLI(t, nil, "", "inspect", "--no-color", "--width", "100", file)
			assert.Equal(t, wantCode, text.code, text.stderr)
			golden(t, "inspect/"+name+".txt", text.stdout+stderrSection(text))

			js := runCLI(t, nil, "", "inspect", "--json", file)
			assert.Equal(t, wantCode, js.code, js.stderr)
			golden(t, "inspect/"+name+".json", js.stdout)
			var obj map[string]any
			require.NoError(t, json.Unmarshal([]byte(js.stdout), &obj), "--json writes one JSON object")
			assert.EqualValues(t, reportSchemaVersion, obj["schemaVersion"])
			assert.Equal(t, file, obj["file"])
		})
	}
}

// stderrSection appends what went to stderr to a golden, when anything did.
func stderrSection(r result) string {
	if r.stderr == "" {
		return ""
	}
	return "--- stderr ---\n" + r.stderr
}

func TestInspectStrictGolden(t *testing.T) {
	// Stopping with a lagging secondary status is what the service sends
	// while a job stops: valid at both strengths (issue 21).
	file := filepath.Join(samples, "describe", "stopping-lagging.json")
	r := runCLI(t, nil, "", "inspect", "--strict", "--no-color", "--width", "100", file)
	assert.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "inspect/describe-stopping-lagging.strict.txt", r.stdout)
	assert.Contains(t, r.stdout, "Validation (strict): valid")

	// A FailureReason on a job that did not fail is something only strict
	// validation rejects.
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	odd := filepath.Join(t.TempDir(), "odd.json")
	require.NoError(t, os.WriteFile(odd, bytes.Replace(data, []byte(`"ProfilingStatus"`), []byte(`"FailureReason": "none", "ProfilingStatus"`), 1), 0o600))
	r = runCLI(t, nil, "", "inspect", odd)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Strict validation (--strict) reports 1 more problem.")

	r = runCLI(t, nil, "", "inspect", "--strict", "--json", odd)
	assert.Equal(t, exitProblem, r.code)
	var rep report
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, "strict", rep.Validation.Strength)
	assert.False(t, rep.Validation.Valid)
	require.Len(t, rep.Validation.Findings, 1)
	assert.Equal(t, finding{Field: "FailureReason", Kind: "forbidden", Problem: `forbidden: "none": only a failed job has one`},
		rep.Validation.Findings[0])
}

func TestInspectNow(t *testing.T) {
	file := filepath.Join(samples, "describe", "in-progress.json")
	r := runCLI(t, nil, "", "inspect", "--json", file)
	require.Equal(t, exitOK, r.code, r.stderr)
	var rep report
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, "document", rep.AsOfSource)
	last := rep.Timeline.Phases[len(rep.Timeline.Phases)-1]
	assert.True(t, last.Open)
	require.NotNil(t, last.Start)
	require.NotNil(t, rep.AsOf)
	start, _ := time.Parse(jsonTime, *last.Start)
	asOf, _ := time.Parse(jsonTime, *rep.AsOf)
	assert.InDelta(t, asOf.Sub(start).Seconds(), last.DurationSeconds, 0.001, "an open phase runs to asOf")

	later := start.Add(10 * time.Hour)
	r = runCLI(t, nil, "", "inspect", "--json", "--now", later.Format(time.RFC3339Nano), file)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, "flag", rep.AsOfSource)
	last = rep.Timeline.Phases[len(rep.Timeline.Phases)-1]
	assert.InDelta(t, 10*3600, last.DurationSeconds, 0.001)

	r = runCLI(t, nil, "", "inspect", "--now", "yesterday", file)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "RFC 3339")

	r = runCLI(t, nil, "", "inspect", "--no-color", "--now", later.Format(time.RFC3339Nano), file)
	assert.Contains(t, r.stdout, "10h00m00s*")
	assert.Contains(t, r.stdout, "(from --now)")
}

func TestInspectWidth(t *testing.T) {
	file := filepath.Join(samples, "describe", "spot-interrupted.json")
	for _, width := range []int{60, 80, 132, 200} {
		r := runCLI(t, nil, "", "inspect", "--no-color", "--width", strconv.Itoa(width), file)
		require.Equal(t, exitOK, r.code)
		inTable, widest := false, 0
		for _, line := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(line, "Timeline") {
				inTable = true
				continue
			}
			if inTable && strings.HasPrefix(line, "  Total") {
				break
			}
			if inTable {
				n := utf8.RuneCountInString(line)
				assert.LessOrEqual(t, n, width, "width %d: %q", width, line)
				widest = max(widest, n)
			}
		}
		// The bars fill the width: the last one reaches the right margin.
		assert.Equal(t, width, widest, "width %d", width)
	}
}

func TestInspectLargeHistory(t *testing.T) {
	file := filepath.Join(samples, "large", "describe-large.json")
	r := runCLI(t, nil, "", "inspect", "--no-color", file)
	require.Contains(t, []int{exitOK, exitProblem}, r.code, r.stderr)
	rows := 0
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.Contains(line, "█") || strings.Contains(line, "▏") {
			rows++
		}
	}
	assert.Equal(t, 1000, rows, "one row per history entry")
	if r.code == exitOK {
		assert.Contains(t, r.stdout, "Validation (default): valid")
	} else {
		assert.Contains(t, r.stdout, "Validation (default): ")
		assert.NotContains(t, r.stdout, "Validation (default): valid")
	}
}

func TestInspectStdin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(samples, "describe", "completed.json"))
	require.NoError(t, err)
	for _, args := range [][]string{{"inspect", "--no-color"}, {"inspect", "--no-color", "-"}} {
		r := runCLI(t, nil, string(data), args...)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "(standard input)")
		assert.Contains(t, r.stdout, "Outcome        Succeeded")
	}
}

func TestInspectExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	// Valid documents exit 0 whatever the job's outcome.
	for _, f := range []string{"completed.json", "failed.json", "stopped.json", "max-runtime-exceeded.json", "in-progress.json", "deleting.json"} {
		r := runCLI(t, nil, "", "inspect", filepath.Join(samples, "describe", f))
		assert.Equal(t, exitOK, r.code, f)
	}
	// An invalid document: time runs backwards.
	bad := trainingjobtest.Completed().MustBuild()
	bad.TrainingEndTime = bad.CreationTime.Add(-time.Hour)
	data, err := trainingjob.Marshal(&bad)
	require.NoError(t, err)
	invalid := write("invalid.json", string(data))
	r := runCLI(t, nil, "", "inspect", "--no-color", invalid)
	assert.Equal(t, exitProblem, r.code)
	assert.Contains(t, r.stdout, "TrainingEndTime: out of order")
	assert.Empty(t, r.stderr)

	// Documents that cannot be decoded.
	for name, content := range map[string]string{
		"syntax.json":  `{"TrainingJobName": "x",`,
		"array.json":   `[1, 2]`,
		"unknown.json": `{"Foo": 1}`,
		"empty.json":   ``,
		"time.json":    `{"TrainingJobName": "x", "CreationTime": "yesterday"}`,
	} {
		p := write(name, content)
		r := runCLI(t, nil, "", "inspect", p)
		assert.Equal(t, exitProblem, r.code, name)
		assert.Contains(t, r.stderr, "trainingjob: inspect: "+p+": ", name)
		assert.Empty(t, r.stdout, name)

		r = runCLI(t, nil, "", "inspect", "--json", p)
		assert.Equal(t, exitProblem, r.code, name)
		var f decodeFailure
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &f), name)
		assert.Equal(t, p, f.File)
		assert.NotEmpty(t, f.Error.Kind, name)
	}

	// Usage and I/O errors.
	for _, args := range [][]string{
		{"inspect", filepath.Join(dir, "missing.json")},
		{"inspect", dir},
		{"inspect", invalid, invalid},
		{"inspect", "--width", "wide", invalid},
		{"inspect", "--bogus", invalid},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.NotEmpty(t, r.stderr, args)
	}
}

func TestInspectColor(t *testing.T) {
	// Off a terminal, there is no colour even without --no-color.
	r := runCLI(t, nil, "", "inspect", filepath.Join(samples, "describe", "failed.json"))
	assert.NotContains(t, r.stdout, "\x1b[")

	// With colour on, statuses and the outcome are painted.
	data, err := os.ReadFile(filepath.Join(samples, "describe", "failed.json"))
	require.NoError(t, err)
	doc, err := trainingjob.ReadDocument(data)
	require.NoError(t, err)
	var b strings.Builder
	renderText(&b, newReport("failed.json", doc, time.Time{}, false), style{color: true, width: 80})
	assert.Contains(t, b.String(), "\x1b[31mFailed\x1b[0m")
	assert.Contains(t, b.String(), "\x1b[32m"+"Training")
}

func TestFmtDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                      "0s",
		300 * time.Millisecond: "<1s",
		500 * time.Millisecond: "1s",
		45 * time.Second:       "45s",
		185 * time.Second:      "3m05s",
		time.Hour + 2*time.Minute + 3*time.Second: "1h02m03s",
		47*time.Hour + 59*time.Minute:             "47h59m00s",
		76*time.Hour + 5*time.Minute:              "3d04h05m",
		-90 * time.Second:                         "-1m30s",
	} {
		assert.Equal(t, want, fmtDuration(d), d.String())
	}
	for n, want := range map[int64]string{3600: "1h", 5400: "1h30m", 172800: "2d", 90: "1m30s", 0: "0s"} {
		assert.Equal(t, want, fmtLimit(n))
	}
}

func TestDrawBar(t *testing.T) {
	assert.Equal(t, bar{0, "██████████"}, drawBar(0, 10*time.Minute, 10*time.Minute, 10, false))
	assert.Equal(t, bar{5, "█████"}, drawBar(5*time.Minute, 5*time.Minute, 10*time.Minute, 10, false))
	assert.Equal(t, bar{9, "▏"}, drawBar(10*time.Minute, 0, 10*time.Minute, 10, false), "a terminal entry is a thin mark at the end")
	assert.Equal(t, bar{3, "▏"}, drawBar(3*time.Minute, time.Second, 10*time.Minute, 10, false), "too short for a cell")
	assert.Equal(t, bar{2, "░░"}, drawBar(2*time.Minute, 2*time.Minute, 10*time.Minute, 10, true))
	assert.Equal(t, bar{0, "▏"}, drawBar(0, 0, 0, 10, false), "an empty span")
}

func TestInspectSanitizesText(t *testing.T) {
	job := trainingjobtest.Failed().MustBuild()
	job.FailureReason = "AlgorithmError: \x1b[2J\x1b]0;pwned\x07 line two\nline three\u202e"
	job.SecondaryStatusTransitions[0].StatusMessage = "evil \x1b[31m"
	data, err := trainingjob.Marshal(&job)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "evil.json")
	require.NoError(t, os.WriteFile(p, data, 0o644))

	r := runCLI(t, nil, "", "inspect", p)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "\x1b", "escape sequences from the document are not sent to the terminal")
	assert.NotContains(t, r.stdout, "\u202e")
	assert.Contains(t, r.stdout, `AlgorithmError: \x1b[2J\x1b]0;pwned\a line two`)
	assert.Contains(t, r.stdout, "\n                 line three\\u202e\n", "continuation lines stay, indented")

	r = runCLI(t, nil, "", "inspect", "--json", p)
	var rep report
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, job.FailureReason, *rep.FailureReason, "JSON keeps the value as it is")
}
