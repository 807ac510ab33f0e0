package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// isolateAWS keeps the AWS configuration of the machine out of the test:
// empty config and credentials files, no instance metadata, no AWS_*
// variables. Tests that call it cannot run in parallel.
func isolateAWS(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	credentials := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(config, nil, 0o600))
	require.NoError(t, os.WriteFile(credentials, nil, 0o600))
	t.Setenv("AWS_CONFIG_FILE", config)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", credentials)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// createJob creates a job of the fake's default request shape.
func createJob(t *testing.T, fake *trainingjobtest.Fake, name string) {
	t.Helper()
	in := demoCreateInput(name)
	in.EnableManagedSpotTraining = nil
	in.StoppingCondition.MaxWaitTimeInSeconds = nil
	in.CheckpointConfig = nil
	_, err := fake.CreateTrainingJob(context.Background(), in)
	require.NoError(t, err)
}

// watchArgs are the arguments that point watch at srv without signing.
func watchArgs(srv *trainingjobtest.Server, more ...string) []string {
	return append([]string{"watch", "--endpoint-url", srv.URL, "--no-sign-request", "--region", "us-east-1",
		"--poll", "1ms", "--max-poll", "5ms", "--no-color"}, more...)
}

func TestWatchOutcomes(t *testing.T) {
	isolateAWS(t)
	start := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	clock := trainingjobtest.NewScaledClock(start, 20000) // a default job's 34 minutes in 0.1 s
	fake := trainingjobtest.NewFake(
		trainingjobtest.WithFakeClock(clock),
		trainingjobtest.WithJobScenario("failing", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed,
			FailureReason: "AlgorithmError: out of memory"}),
		trainingjobtest.WithJobScenario("too-long", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeMaxRuntimeExceeded,
			MaxRuntime: 10 * time.Minute}),
	)
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()

	for _, name := range []string{"succeeding", "failing", "too-long", "stopped"} {
		createJob(t, fake, name)
	}
	_, err := fake.StopTrainingJob(context.Background(), &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("stopped")})
	require.NoError(t, err)

	tests := []struct {
		name, outcome string
		code          int
		statuses      []string
	}{
		{"succeeding", "Outcome: Succeeded (Completed / Completed)", exitOK,
			[]string{"Starting", "Downloading", "Training", "Uploading", "Completed"}},
		{"failing", "Outcome: Failed (Failed / Failed) after 34m00s: AlgorithmError: out of memory", exitProblem,
			[]string{"Starting", "Downloading", "Training", "Uploading", "Failed"}},
		{"too-long", "Outcome: MaxRuntimeExceeded (Stopped / MaxRuntimeExceeded)", exitStopped,
			[]string{"Starting", "Downloading", "Training", "Stopping", "MaxRuntimeExceeded"}},
		{"stopped", "Outcome: StoppedByUser (Stopped / Stopped)", exitStopped,
			[]string{"Stopping", "Stopped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", watchArgs(srv, tt.name)...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			require.NotEmpty(t, lines)
			assert.True(t, strings.HasPrefix(lines[len(lines)-1], tt.outcome), "last line %q", lines[len(lines)-1])
			var statuses []string
			for _, l := range lines[:len(lines)-1] {
				// 2024-03-08 10:02:00 UTC Training - ...
				f := strings.Fields(l)
				require.GreaterOrEqual(t, len(f), 4, l)
				statuses = append(statuses, f[3])
			}
			assert.Subset(t, statuses, tt.statuses)
			assert.Equal(t, tt.statuses[len(tt.statuses)-1], statuses[len(statuses)-1])
			assert.Contains(t, r.stderr, "Watching training job "+tt.name+" in us-east-1 at "+srv.URL)
		})
	}

	t.Run("inspect", func(t *testing.T) {
		r := runCLI(t, nil, "", watchArgs(srv, "--inspect", "succeeding")...)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "Outcome: Succeeded")
		assert.Contains(t, r.stdout, "\nsucceeding\narn:aws:sagemaker:us-east-1:123456789012:training-job/succeeding\n")
		assert.Contains(t, r.stdout, "Validation (default): valid")
	})

	t.Run("profile", func(t *testing.T) {
		// The region comes from the profile of the shared config file.
		require.NoError(t, os.WriteFile(os.Getenv("AWS_CONFIG_FILE"), []byte("[profile dev]\nregion = eu-west-1\n"), 0o600))
		r := runCLI(t, nil, "", "watch", "--profile", "dev", "--endpoint-url", srv.URL, "--no-sign-request",
			"--poll", "1ms", "--max-poll", "5ms", "succeeding")
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stderr, "Watching training job succeeding in eu-west-1 at "+srv.URL)
		assert.Contains(t, r.stdout, "Outcome: Succeeded")
	})

	t.Run("not found", func(t *testing.T) {
		r := runCLI(t, nil, "", watchArgs(srv, "no-such-job")...)
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.stderr, "trainingjob: watch: no training job no-such-job in us-east-1")
	})
}

func TestWatchDeleted(t *testing.T) {
	isolateAWS(t)
	clock := trainingjobtest.NewScaledClock(time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC), 10000)
	fake := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock), trainingjobtest.WithDeletingFor(time.Hour))
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()
	createJob(t, fake, "doomed")
	clock.Advance(2 * time.Hour)
	_, err := fake.DeleteTrainingJob(context.Background(), &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("doomed")})
	require.NoError(t, err)

	// The job shows Deleting for an hour of the fake's time, 0.36 s, and
	// then disappears.
	r := runCLI(t, nil, "", watchArgs(srv, "doomed")...)
	assert.Equal(t, exitOther, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Outcome: Deleting (Deleting / Completed)")

	// With --logs, the same ending, after the lines the job's streams
	// still hold.
	createJob(t, fake, "doomed-too")
	clock.Advance(2 * time.Hour)
	_, err = fake.DeleteTrainingJob(context.Background(), &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("doomed-too")})
	require.NoError(t, err)
	r = runCLI(t, nil, "", watchArgs(srv, "--logs", "doomed-too")...)
	assert.Equal(t, exitOther, r.code, r.stderr)
	assert.Contains(t, r.stdout, "[algo-1] ")
	assert.Contains(t, r.stdout, "Outcome: Deleting (Deleting / Completed)")
}

// cancelOnWrite cancels a context at the first write: the test's Ctrl-C,
// pressed once the first progress line is out.
type cancelOnWrite struct {
	syncBuffer
	once   sync.Once
	cancel context.CancelFunc
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	n, err := c.syncBuffer.Write(p)
	c.once.Do(c.cancel)
	return n, err
}

func TestWatchInterrupted(t *testing.T) {
	isolateAWS(t)
	fake := trainingjobtest.NewFake() // a manual clock that never moves: the job runs for ever
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()
	createJob(t, fake, "forever")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &cancelOnWrite{cancel: cancel}
	var stderr syncBuffer
	err := run(ctx, watchArgs(srv, "forever"), strings.NewReader(""), stdout, &stderr)
	code := exitCode(err, &stderr)
	assert.Equal(t, exitInterrupted, code)
	assert.Contains(t, stdout.String(), "Starting - ")
	assert.Contains(t, stderr.String(), "trainingjob: watch: interrupted; training job forever keeps running (last seen InProgress / Starting)")
}

func TestWatchUsage(t *testing.T) {
	isolateAWS(t)
	for _, args := range [][]string{
		{"watch"},
		{"watch", "a", "b"},
		{"watch", "--endpoint-url", "localhost:8080", "a"},
		{"watch", "--poll", "0s", "a"},
		{"watch", "--poll", "10s", "--max-poll", "1s", "a"},
		{"watch", "--poll", "soon", "a"},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "--help' for usage", args)
	}
	// No region anywhere: the configuration is incomplete.
	r := runCLI(t, nil, "", "watch", "--no-sign-request", "--endpoint-url", "http://127.0.0.1:1", "a")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "no AWS region")

	// A profile that does not exist.
	r = runCLI(t, nil, "", "watch", "--profile", "no-such-profile", "--region", "us-east-1", "a")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "no-such-profile")
}

func TestOutcomeExitCode(t *testing.T) {
	for o, code := range map[trainingjob.Outcome]int{
		trainingjob.OutcomeSucceeded:           0,
		trainingjob.OutcomeFailed:              1,
		trainingjob.OutcomeStoppedByUser:       3,
		trainingjob.OutcomeMaxRuntimeExceeded:  3,
		trainingjob.OutcomeMaxWaitTimeExceeded: 3,
		trainingjob.OutcomeDeleting:            4,
		trainingjob.OutcomeUnknown:             4,
		trainingjob.OutcomeRunning:             4,
	} {
		assert.Equal(t, code, outcomeExitCode(o), o.String())
	}
}
