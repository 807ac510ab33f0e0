package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// logsArgs are the arguments that point the logs command at srv.
func logsArgs(srv *trainingjobtest.Server, more ...string) []string {
	return append([]string{"logs", "--endpoint-url", srv.URL, "--no-sign-request", "--region", "us-east-1",
		"--poll", "1ms", "--max-poll", "5ms"}, more...)
}

// plainLines renders the job's lines as logs prints them without colour.
func plainLines(t *testing.T, fake *trainingjobtest.Fake, name string, opts ...logs.Option) string {
	t.Helper()
	lines, err := logs.Read(context.Background(), fake, name, opts...)
	require.NoError(t, err)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.String() + "\n")
	}
	return b.String()
}

func TestLogsPrintsEveryInstance(t *testing.T) {
	isolateAWS(t)
	fake := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("not-yet", trainingjobtest.Scenario{Starting: 10 * time.Hour}),
		trainingjobtest.WithJobScenario("no-capacity", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusStarting}))
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()
	createJob(t, fake, "not-yet")
	r := runCLI(t, nil, "", logsArgs(srv, "not-yet")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "trainingjob: logs: training job not-yet (InProgress / Starting) has no log streams: its instances have not started\n"+
		"trainingjob: logs: the log group /aws/sagemaker/TrainingJobs does not exist yet in this region\n", r.stderr)

	// In Training, before the first line is readable.
	createJob(t, fake, "just-started")
	fake.Advance(3 * time.Minute)
	r = runCLI(t, nil, "", logsArgs(srv, "just-started")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "training job just-started (InProgress / Training) has no log streams: its first lines have not reached CloudWatch Logs yet\n")

	createJob(t, fake, "done")
	createJob(t, fake, "no-capacity")
	fake.Advance(time.Hour)

	r = runCLI(t, nil, "", logsArgs(srv, "done")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, plainLines(t, fake, "done"), r.stdout)
	assert.Contains(t, r.stdout, "[algo-1] ")
	assert.Contains(t, r.stdout, "[algo-2] ")

	lines, err := logs.Read(context.Background(), fake, "done")
	require.NoError(t, err)
	since := lines[len(lines)-10].Time
	r = runCLI(t, nil, "", logsArgs(srv, "--since", since.Format(time.RFC3339Nano), "done")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, plainLines(t, fake, "done", logs.WithSince(since)), r.stdout)
	assert.Len(t, strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"), 10)

	// Following a job that ended long ago prints its lines and returns.
	r = runCLI(t, nil, "", logsArgs(srv, "--follow", "done")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, plainLines(t, fake, "done"), r.stdout)

	r = runCLI(t, nil, "", logsArgs(srv, "no-capacity")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "trainingjob: logs: training job no-capacity (Failed / Failed) has no log streams: it ended before its instances started\n", r.stderr)

	r = runCLI(t, nil, "", logsArgs(srv, "nope")...)
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, "trainingjob: logs: no training job nope in us-east-1 at "+srv.URL+"\n", r.stderr)

	// Throttled calls are said at once and retried.
	fake.ThrottleLogs(1)
	r = runCLI(t, nil, "", logsArgs(srv, "done")...)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "trainingjob: logs: ThrottlingException: Rate exceeded; retrying in 0s")
	assert.Equal(t, plainLines(t, fake, "done"), r.stdout)
}

// On a terminal each instance's name has a colour of its own; the
// messages, whatever they hold, cannot drive the terminal.
func TestLogsColoursTheInstances(t *testing.T) {
	isolateAWS(t)
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	fake := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("hostile", trainingjobtest.Scenario{
		Outcome: trainingjob.OutcomeFailed, FailureReason: "AlgorithmError: \x1b]0;owned\x07\x1b[2Jgone\u202e"}))
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()
	createJob(t, fake, "hostile")
	fake.Advance(time.Hour)

	out := &fakeTerminal{width: 100}
	var stderr syncBuffer
	err := run(context.Background(), logsArgs(srv, "hostile"), strings.NewReader(""), out, &stderr)
	require.Equal(t, exitOK, exitCode(err, &stderr), stderr.String())
	text := out.String()
	assert.Contains(t, text, "\x1b[36m[algo-1]\x1b[0m ")
	assert.Contains(t, text, "\x1b[35m[algo-2]\x1b[0m ")
	assert.Contains(t, text, `\x1b]0;owned\a\x1b[2Jgone\u202e`, "the failure reason's control characters are escaped")
	assert.Equal(t, strings.Count(text, "\x1b["), 2*strings.Count(text, "\n"), "the only escapes are the colours")

	r := runCLI(t, nil, "", logsArgs(srv, "--no-color", "hostile")...)
	assert.NotContains(t, r.stdout, "\x1b")
}

// watch --logs follows a job as it runs, on a fake whose phases are 2000
// times shorter and whose stamps are real instants: the progress lines and
// the instances' lines in one time order.
func TestLogsFollow(t *testing.T) {
	isolateAWS(t)
	fake := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(trainingjobtest.WallClock{}), trainingjobtest.WithTimeScale(2000),
		trainingjobtest.WithJobScenario("failing", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed,
			FailureReason: "AlgorithmError: CUDA out of memory"}))
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()

	// One run only: after the job ends, a follower waits the ingestion
	// delay, 5 s of real time here, for late lines.
	createJob(t, fake, "failing")
	r := runCLI(t, nil, "", watchArgs(srv, "--logs", "failing")...)
	assert.Equal(t, exitProblem, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Greater(t, len(lines), 20)
	var statuses, instanceLines []string
	lastLog, firstLog := -1, -1
	for i, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, "[algo-") {
			instanceLines = append(instanceLines, l)
			lastLog = i
			if firstLog < 0 {
				firstLog = i
			}
			continue
		}
		f := strings.Fields(l)
		require.GreaterOrEqual(t, len(f), 4, l)
		statuses = append(statuses, f[3])
	}
	assert.Equal(t, []string{"Starting", "Downloading", "Training", "Uploading", "Failed"}, statuses)
	assert.Contains(t, lines[firstLog-1], "Training - ", "the lines start after Training")
	assert.Contains(t, lines[lastLog+1], "Uploading - ", "and end before Uploading")
	assert.Equal(t, plainLines(t, fake, "failing"), strings.Join(instanceLines, "\n")+"\n")
	assert.Contains(t, instanceLines, "[algo-1] AlgorithmError: CUDA out of memory")
	assert.Regexp(t, `^Outcome: Failed \(Failed / Failed\) after \ds: AlgorithmError: CUDA out of memory$`, lines[len(lines)-1])
	assert.Contains(t, r.stderr, "the log group /aws/sagemaker/TrainingJobs does not exist yet; waiting for the job's first line")
}

func TestLogsUsage(t *testing.T) {
	isolateAWS(t)
	for _, args := range [][]string{
		{"logs"},
		{"logs", "a", "b"},
		{"logs", "--since", "yesterday", "a"},
		{"logs", "--since", "-5m", "a"},
		{"logs", "--poll", "0s", "a"},
		{"logs", "--poll", "1m", "--max-poll", "1s", "a"},
		{"logs", "--endpoint-url", "localhost:8080", "a"},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "--help' for usage", args)
	}
	r := runCLI(t, nil, "", "logs", "--no-sign-request", "--endpoint-url", "http://127.0.0.1:1", "a")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "logs: no AWS region")
}

func TestSinceFlag(t *testing.T) {
	now := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"10m":                       now.Add(-10 * time.Minute),
		"1h30m":                     now.Add(-90 * time.Minute),
		"2024-03-08T09:00:00Z":      time.Date(2024, 3, 8, 9, 0, 0, 0, time.UTC),
		"2024-03-08T11:00:00+02:00": time.Date(2024, 3, 8, 9, 0, 0, 0, time.UTC),
	} {
		var f sinceFlag
		require.NoError(t, f.Set(in), in)
		assert.Equal(t, want, f.time(now), in)
	}
	var f sinceFlag
	assert.True(t, f.time(now).IsZero())
	for _, bad := range []string{"", "0s", "-1m", "10", "2024-03-08", "soon"} {
		assert.Error(t, f.Set(bad), bad)
	}
}
