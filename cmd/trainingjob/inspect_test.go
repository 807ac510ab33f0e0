package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
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
	for _, dir := range []string{"describe", "cli-v2", "js-sdk", "events", "search", "invalid"} {
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
	for _, width := range []int{40, 60, 80, 132, 200} {
		r := runCLI(t, nil, "", "inspect", "--no-color", "--width", strconv.Itoa(width), file)
		require.Equal(t, exitOK, r.code)
		widest, bars := 0, 0
		for _, line := range strings.Split(r.stdout, "\n") {
			n := textWidth(line)
			assert.LessOrEqual(t, n, width, "width %d: %q", width, line)
			widest = max(widest, n)
			if strings.Contains(line, "█") {
				bars++
			}
		}
		assert.Equal(t, width, widest, "width %d", width)
		if width >= 60 {
			assert.Positive(t, bars, "width %d: bars", width)
		} else {
			assert.Zero(t, bars, "width %d: no room for bars", width)
		}
	}
}

func TestInspectLargeHistory(t *testing.T) {
	file := filepath.Join(samples, "large", "describe-large.json")
	r := runCLI(t, nil, "", "inspect", "--no-color", file)
	require.Equal(t, exitOK, r.code, r.stderr)
	rows := 0
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.Contains(line, "█") || strings.Contains(line, "▏") {
			rows++
		}
	}
	assert.Equal(t, 1000, rows, "one row per history entry")
	assert.Contains(t, r.stdout, "Validation (default): valid")
}

// TestInspectFitsTheWidth renders every sample at widths from the least to
// a wide terminal's, in both views: every line fits. Down to 80 columns
// nothing is cut short: long values wrap, keeping every word.
func TestInspectFitsTheWidth(t *testing.T) {
	files := append(sampleFiles(t), filepath.Join(samples, "large", "describe-large.json"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		doc, err := trainingjob.ReadDocument(data)
		if err != nil {
			continue // nothing to draw
		}
		for _, showSecrets := range []bool{false, true} {
			r := newReport(file, doc, time.Time{}, false)
			if showSecrets {
				r.showSecrets(&doc.Job)
			}
			for _, width := range []int{minWidth, 50, 60, 80, 100, 132, 200, maxWidth} {
				for _, color := range []bool{false, true} {
					var b strings.Builder
					renderText(&b, r, style{color: color, width: width})
					widest := 0
					for _, line := range strings.Split(b.String(), "\n") {
						n := textWidth(line)
						widest = max(widest, n)
						require.LessOrEqual(t, n, width, "%s at %d columns: %q", file, width, line)
						if width >= 80 {
							assert.NotContains(t, line, "…", "%s at %d columns: nothing is cut", file, width)
						}
					}
					if width >= 60 {
						assert.Equal(t, width, widest, "%s at %d columns: the bars reach the margin", file, width)
					}
				}
			}
		}
	}
}

// Long values wrap at spaces, slashes and commas, and lose nothing.
func TestInspectWrapsLongValues(t *testing.T) {
	job := trainingjobtest.Failed().MustBuild()
	uri := "s3://acme-vision-123456789012/a/very/long/prefix/that/goes/on/ResNet50-ImageNet-Spot-2024-07-01/output/model.tar.gz"
	job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String(uri)}
	job.FailureReason = "AlgorithmError: " + strings.Repeat("a long explanation ", 8) + "\nsecond line"
	var b strings.Builder
	renderText(&b, newReport("f.json", &trainingjob.Document{Form: trainingjob.FormDescribe, Job: job}, time.Time{}, false),
		style{width: 60})
	out := b.String()
	var model, reason []string
	in := ""
	for _, line := range strings.Split(out, "\n") {
		require.LessOrEqual(t, textWidth(line), 60, "%q", line)
		switch {
		case strings.HasPrefix(line, "  Model "):
			in = "model"
		case strings.HasPrefix(line, "  Failure        "):
			in = "reason"
		case !strings.HasPrefix(line, strings.Repeat(" ", summaryIndent)):
			in = ""
		}
		if len(line) < summaryIndent {
			continue
		}
		switch in {
		case "model":
			model = append(model, line[summaryIndent:])
		case "reason":
			reason = append(reason, line[summaryIndent:])
		}
	}
	assert.Greater(t, len(model), 1, "the URI wraps")
	assert.Equal(t, uri, strings.Join(model, ""), "at slashes, losing nothing")
	for _, l := range model[:len(model)-1] {
		assert.True(t, strings.HasSuffix(l, "/"), "%q breaks after a slash", l)
	}
	assert.Equal(t, job.FailureReason, strings.Join(reason[:len(reason)-1], " ")+"\n"+reason[len(reason)-1])
}

// Totals over the instances are computed in int64 seconds: beyond int32,
// and beyond what a time.Duration holds, they are still right, in the text
// and in --json.
func TestInspectTotals(t *testing.T) {
	tests := []struct {
		name                string
		trainingSeconds     int32
		billableSeconds     int32
		instances           int32
		endAfter            time.Duration // TrainingEndTime - CreationTime; 0 for a running job
		wantTraining        string
		wantBillable        string
		wantTotalTraining   int64
		wantTotalBillable   int64
		wantValid           bool
		wantTrainingFinding bool
	}{
		{"an ordinary job", 3600, 3600, 2, 2 * time.Hour,
			"1h00m00s per instance, 2h00m00s for 2 instances", "1h00m00s per instance, 2h00m00s for 2 instances",
			7200, 7200, true, false},
		{"2,000,000,000 seconds on 100 instances", 2_000_000_000, 3600, 100, 2 * time.Hour,
			"23148d03h33m per instance, 2314814d19h33m for 100 instances", "1h00m00s per instance, 4d04h00m for 100 instances",
			200_000_000_000, 360_000, false, true},
		{"the same while running: nothing to compare with", 2_000_000_000, 0, 100, 0,
			"23148d03h33m per instance, 2314814d19h33m for 100 instances", "",
			200_000_000_000, 0, true, false},
		{"1,000 instances for 25 days: past int32, and valid", 25 * 86400, 25 * 86400, 1000, 26 * 24 * time.Hour,
			"25d00h00m per instance, 25000d00h00m for 1000 instances", "25d00h00m per instance, 25000d00h00m for 1000 instances",
			2_160_000_000, 2_160_000_000, true, false},
		{"the largest int32 figures", math.MaxInt32, 0, math.MaxInt32, 0,
			"24855d03h14m per instance, 53375995533940d01h16m for 2147483647 instances", "",
			math.MaxInt32 * math.MaxInt32, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := trainingjobtest.InProgress(trainingjob.SecondaryStatusTraining).MustBuild()
			if tt.endAfter > 0 {
				job = trainingjobtest.Completed().MustBuild()
				shift := job.CreationTime.Add(tt.endAfter).Sub(job.TrainingEndTime)
				last := len(job.SecondaryStatusTransitions) - 1
				job.SecondaryStatusTransitions[last-1].EndTime = job.SecondaryStatusTransitions[last-1].EndTime.Add(shift)
				job.SecondaryStatusTransitions[last].StartTime = job.SecondaryStatusTransitions[last].StartTime.Add(shift)
				job.SecondaryStatusTransitions[last].EndTime = job.SecondaryStatusTransitions[last].EndTime.Add(shift)
				job.TrainingEndTime, job.LastModifiedTime = job.TrainingEndTime.Add(shift), job.LastModifiedTime.Add(shift)
			}
			job.TrainingTimeInSeconds, job.BillableTimeInSeconds = tt.trainingSeconds, tt.billableSeconds
			job.ResourceConfig.InstanceCount = aws.Int32(tt.instances)
			data, err := trainingjob.Marshal(&job)
			require.NoError(t, err)
			file := filepath.Join(t.TempDir(), "job.json")
			require.NoError(t, os.WriteFile(file, data, 0o600))

			wantCode := exitOK
			if !tt.wantValid {
				wantCode = exitProblem
			}
			text := runCLI(t, nil, "", "inspect", "--no-color", "--width", "200", file)
			require.Equal(t, wantCode, text.code, text.stderr+text.stdout)
			assert.Contains(t, text.stdout, "  Training time  "+tt.wantTraining+"\n")
			if tt.wantBillable != "" {
				assert.Contains(t, text.stdout, "  Billable time  "+tt.wantBillable+"\n")
			}
			assert.NotRegexp(t, `for \d+ instances.*-|-\d+d`, text.stdout, "no negative total")

			js := runCLI(t, nil, "", "inspect", "--json", file)
			require.Equal(t, wantCode, js.code, js.stderr)
			var rep report
			require.NoError(t, json.Unmarshal([]byte(js.stdout), &rep))
			require.NotNil(t, rep.TotalTrainingSeconds)
			assert.Equal(t, tt.wantTotalTraining, *rep.TotalTrainingSeconds)
			if tt.wantTotalBillable > 0 {
				require.NotNil(t, rep.TotalBillableSeconds)
				assert.Equal(t, tt.wantTotalBillable, *rep.TotalBillableSeconds)
			}
			assert.Equal(t, tt.wantValid, rep.Validation.Valid)
			found := false
			for _, f := range rep.Validation.Findings {
				found = found || f.Field == "TrainingTimeInSeconds" && f.Kind == trainingjob.ErrInvalid.Error()
			}
			assert.Equal(t, tt.wantTrainingFinding, found, "%+v", rep.Validation.Findings)
		})
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
		if content == "" {
			assert.Equal(t, "trainingjob: inspect: "+p+" is empty: no document to inspect\n", r.stderr)
		} else {
			assert.Contains(t, r.stderr, "trainingjob: inspect: "+p+": ", name)
		}
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
