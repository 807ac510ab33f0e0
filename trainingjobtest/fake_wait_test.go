package trainingjobtest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// realTimeBudget bounds the real time a wait on a ManualClock fake may
// take, the race detector and a busy machine included: the jobs below
// live 34 minutes on the fake's clock.
const realTimeBudget = 5 * time.Second

// trainingjob.Wait and trainingjob.Watch given a fake wait on the fake's
// clock, with no clock option: a job's whole life passes at once.
func TestWaitOnFakeTakesNoRealTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		scenario trainingjobtest.Scenario
		outcome  trainingjob.Outcome
		wantErr  error
	}{
		{name: "succeeds", outcome: trainingjob.OutcomeSucceeded},
		{name: "fails", scenario: trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: "AlgorithmError: boom"},
			outcome: trainingjob.OutcomeFailed, wantErr: trainingjob.ErrJobFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("j", tt.scenario))
			fkCreate(t, f, fkRequest("j"))
			created := f.Now()
			start := time.Now()
			var times []time.Time
			job, outcome, err := trainingjob.Wait(context.Background(), f, "j",
				trainingjob.WithEventHandler(func(ev trainingjob.WatchEvent) error {
					times = append(times, ev.Time)
					return nil
				}))
			elapsed := time.Since(start)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.outcome, outcome)
			assert.True(t, job.IsTerminal())
			assert.Less(t, elapsed, realTimeBudget, "the wait slept in real time")
			// The events are stamped on the fake's clock, which the waits moved
			// past the job's end.
			require.NotEmpty(t, times)
			assert.Equal(t, created, times[0])
			assert.False(t, f.Now().Before(job.LastModifiedTime), "fake clock %s, job last modified %s", f.Now(), job.LastModifiedTime)
			assert.IsIncreasing(t, times)
		})
	}
}

// WithClock still wins over the fake's own clock.
func TestWaitOnFakeWithClockOverrides(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("j"))
	var slept time.Duration
	_, outcome, err := trainingjob.Wait(context.Background(), f, "j", trainingjob.WithClock(nil, func(_ context.Context, d time.Duration) error {
		slept += d
		f.Advance(2 * d)
		return nil
	}))
	require.NoError(t, err)
	assert.Equal(t, trainingjob.OutcomeSucceeded, outcome)
	assert.Positive(t, slept)
	assert.Equal(t, trainingjobtest.DefaultFakeStart().Add(2*slept), f.Clock().Now(), "only the override moved the clock")
}

// A fake's Sleep ends with the context, without moving the clock.
func TestFakeSleepHonoursContext(t *testing.T) {
	t.Parallel()
	clocks := map[string]trainingjobtest.Clock{
		"manual": trainingjobtest.NewManualClock(trainingjobtest.DefaultFakeStart()),
		"scaled": trainingjobtest.NewScaledClock(trainingjobtest.DefaultFakeStart(), 2),
		"wall":   trainingjobtest.WallClock{},
	}
	for name, c := range clocks {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(c))
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			before := f.Now()
			require.ErrorIs(t, f.Sleep(ctx, time.Hour), context.Canceled)
			assert.WithinDuration(t, before, f.Now(), time.Second)
		})
	}
}

// On a ScaledClock a sleep takes its duration divided by the clock's
// speed in real time; on a ManualClock none.
func TestFakeSleepRealTime(t *testing.T) {
	t.Parallel()
	scaled := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(trainingjobtest.NewScaledClock(trainingjobtest.DefaultFakeStart(), 1000)))
	start := time.Now()
	require.NoError(t, scaled.Sleep(context.Background(), 50*time.Second))
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)

	manual := trainingjobtest.NewFake()
	start = time.Now()
	require.NoError(t, manual.Sleep(context.Background(), 50*time.Hour))
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, trainingjobtest.DefaultFakeStart().Add(50*time.Hour), manual.Now())
}

func waiterInput(name string) *sagemaker.DescribeTrainingJobInput {
	return &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)}
}

// The SDK's waiter set up with fake.WaiterOptions keeps its rules and its
// schedule, on the fake's clock.
func TestSDKWaiterOnFake(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("fails", trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed}))
	for _, name := range []string{"done", "fails", "stopped", "short"} {
		fkCreate(t, f, fkRequest(name))
	}
	_, err := f.StopTrainingJob(context.Background(), &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("stopped")})
	require.NoError(t, err)
	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(f, f.WaiterOptions)
	ctx := context.Background()

	start := time.Now()
	out, err := w.WaitForOutput(ctx, waiterInput("done"), 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusCompleted, out.TrainingJobStatus)
	assert.Less(t, time.Since(start), realTimeBudget)
	// The first delay is the waiter's MinDelay of 120 seconds, and every
	// later one at least that: the calls are at least two minutes apart on
	// the fake's clock, as they would be against the service.
	var at []time.Time
	for _, c := range f.Calls() {
		if c.Operation == "DescribeTrainingJob" && c.JobName == "done" {
			at = append(at, c.Time)
		}
	}
	require.GreaterOrEqual(t, len(at), 2)
	for i := 1; i < len(at); i++ {
		assert.GreaterOrEqual(t, at[i].Sub(at[i-1]), 120*time.Second, "call %d", i)
	}

	_, err = w.WaitForOutput(ctx, waiterInput("fails"), 2*time.Hour, f.WaiterOptions) // given twice: no change
	require.Error(t, err)
	assert.Contains(t, err.Error(), "waiter state transitioned to Failure")

	out, err = w.WaitForOutput(ctx, waiterInput("stopped"), 2*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusStopped, out.TrainingJobStatus)

	// The maximum wait counts on the fake's clock: 10 minutes of a job that
	// lives longer end with the waiter's own error, the clock having moved
	// as much as the waiter would have slept, 10 minutes less the last
	// MinDelay it leaves unslept.
	fkCreate(t, f, fkRequest("long"))
	before := f.Now()
	_, err = w.WaitForOutput(ctx, waiterInput("long"), 10*time.Minute)
	require.Error(t, err)
	assert.Equal(t, "exceeded max wait time for TrainingJobCompletedOrStopped waiter", err.Error())
	assert.InDelta(t, 8*time.Minute, f.Now().Sub(before), float64(time.Second))
}

// One waiter may serve several waits at once; each keeps its own count.
func TestSDKWaiterOnFakeConcurrent(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	names := []string{"a", "b", "c", "d"}
	for _, n := range names {
		fkCreate(t, f, fkRequest(n))
	}
	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(f, f.WaiterOptions)
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.Wait(context.Background(), waiterInput(n), 3*time.Hour)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		assert.NoError(t, err, names[i])
	}
}

// On a ScaledClock the waiter's delays are shortened by the clock's
// speed; the waiter still sleeps them.
func TestSDKWaiterOnScaledFake(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(trainingjobtest.NewScaledClock(trainingjobtest.DefaultFakeStart(), 12_000)))
	o := sagemaker.TrainingJobCompletedOrStoppedWaiterOptions{}
	f.WaiterOptions(&o)
	assert.Equal(t, 10*time.Millisecond, o.MinDelay)
	assert.Equal(t, 1800*time.Millisecond, o.MaxDelay)
	assert.Nil(t, o.Retryable, "options not made by the waiter's constructor keep their Retryable")

	fkCreate(t, f, fkRequest("scaled"))
	start := time.Now()
	require.NoError(t, sagemaker.NewTrainingJobCompletedOrStoppedWaiter(f, f.WaiterOptions).Wait(context.Background(), waiterInput("scaled"), 3*time.Hour))
	assert.Less(t, time.Since(start), 10*time.Second)
}
