package trainingjob_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// The tests of watch.go follow scripted jobs through a fake client and a
// fake clock: no test sleeps for real.

const (
	wtName     = "ResNet-50-2024-03-08"
	wtMinDelay = 10 * time.Second
	wtMaxDelay = 60 * time.Second
)

// wtStep is one answer of the scripted client: a job or an error.
type wtStep struct {
	job *tj.TrainingJob
	err error
}

func wtOK(j *tj.TrainingJob) wtStep { return wtStep{job: j} }
func wtErr(err error) wtStep        { return wtStep{err: err} }

// wtClient replays its steps, one per DescribeTrainingJob call, converting
// each job with ToDescribeOutput as the SDK would hand it over.
type wtClient struct {
	t     *testing.T
	steps []wtStep
	calls int
	// optFns counts the functional options of each call.
	optFns []int
	// during, when set, runs inside call n (1-based) before it answers.
	during func(n int)
}

func (c *wtClient) DescribeTrainingJob(ctx context.Context, in *sagemaker.DescribeTrainingJobInput, optFns ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	c.calls++
	c.optFns = append(c.optFns, len(optFns))
	assert.Equal(c.t, wtName, aws.ToString(in.TrainingJobName), "the watch asks for the job it was given")
	if c.during != nil {
		c.during(c.calls)
	}
	if c.calls > len(c.steps) {
		c.t.Errorf("call %d: the script has only %d steps", c.calls, len(c.steps))
		return nil, errors.New("script exhausted")
	}
	s := c.steps[c.calls-1]
	if s.err != nil {
		return nil, s.err
	}
	return s.job.ToDescribeOutput(), nil
}

// wtClock is the fake clock: Sleep records the delay and moves Now on.
type wtClock struct {
	now   time.Time
	slept []time.Duration
	// after, when set, runs after sleep n (1-based) is recorded.
	after func(n int)
}

func newWTClock() *wtClock { return &wtClock{now: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *wtClock) Now() time.Time { return c.now }

func (c *wtClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	if c.after != nil {
		c.after(len(c.slept))
	}
	return ctx.Err()
}

// options returns the clock and the test delays, without jitter, so that
// the delays can be checked exactly.
func (c *wtClock) options(extra ...tj.WatchOption) []tj.WatchOption {
	return append([]tj.WatchOption{
		tj.WithClock(c.Now, c.Sleep),
		tj.WithPollDelay(wtMinDelay, wtMaxDelay),
		tj.WithJitter(0),
	}, extra...)
}

// wtEntry is a history entry from minute from to minute to of the test
// day; a negative to leaves it open.
func wtEntry(s tj.SecondaryStatus, from, to int, msg string) tj.SecondaryStatusTransition {
	e := tj.SecondaryStatusTransition{Status: s, StartTime: at(time.Duration(from) * time.Minute), StatusMessage: msg}
	if to >= 0 {
		e.EndTime = at(time.Duration(to) * time.Minute)
	}
	return e
}

// wtJob is a snapshot of the test job with the given primary status and
// history; the secondary status is the last entry's.
func wtJob(status tj.Status, history ...tj.SecondaryStatusTransition) *tj.TrainingJob {
	j := runningJob()
	j.TrainingJobStatus = status
	j.SecondaryStatusTransitions = history
	j.SecondaryStatus = history[len(history)-1].Status
	if status.IsTerminal() || status == tj.StatusDeleting {
		last := history[len(history)-1]
		j.TrainingEndTime, j.LastModifiedTime = last.StartTime, last.StartTime
	}
	return &j
}

// The entries of the test job's history, and the progress lines they give.
var (
	wtStarting     = wtEntry(tj.SecondaryStatusStarting, 0, -1, "Preparing the instances for training")
	wtStartingDone = wtEntry(tj.SecondaryStatusStarting, 0, 2, "Preparing the instances for training")
	wtDownloading  = wtEntry(tj.SecondaryStatusDownloading, 2, -1, "Downloading input data")
	wtDownloaded   = wtEntry(tj.SecondaryStatusDownloading, 2, 3, "Downloading input data")
	wtImage        = wtEntry(tj.SecondaryStatusTraining, 3, -1, "Downloading the training image")
	wtTraining     = wtEntry(tj.SecondaryStatusTraining, 3, -1, "Training image download completed. Training in progress.")
	wtTrained      = wtEntry(tj.SecondaryStatusTraining, 3, 63, "Training image download completed. Training in progress.")
	wtUploading    = wtEntry(tj.SecondaryStatusUploading, 63, -1, "Uploading generated training model")
	wtUploaded     = wtEntry(tj.SecondaryStatusUploading, 63, 64, "Uploading generated training model")
	wtCompleted    = wtEntry(tj.SecondaryStatusCompleted, 64, 64, "Training job completed")

	wtLineStarting    = "2024-03-08 10:00:00 UTC Starting - Preparing the instances for training"
	wtLineDownloading = "2024-03-08 10:02:00 UTC Downloading - Downloading input data"
	wtLineImage       = "2024-03-08 10:03:00 UTC Training - Downloading the training image"
	wtLineTraining    = "2024-03-08 10:03:00 UTC Training - Training image download completed. Training in progress."
	wtLineUploading   = "2024-03-08 11:03:00 UTC Uploading - Uploading generated training model"
	wtLineCompleted   = "2024-03-08 11:04:00 UTC Completed - Training job completed"
)

// Snapshots of a job's life that several scripts share.
func wtRunning() *tj.TrainingJob {
	return wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTraining)
}

func wtDone() *tj.TrainingJob {
	return wtJob(tj.StatusCompleted, wtStartingDone, wtDownloaded, wtTrained, wtUploaded, wtCompleted)
}

func wtFailed() *tj.TrainingJob {
	j := wtJob(tj.StatusFailed, wtStartingDone, wtDownloaded, wtTrained, wtUploaded,
		wtEntry(tj.SecondaryStatusFailed, 64, 64, "Training job failed"))
	j.FailureReason = "AlgorithmError: ExecuteUserScriptError: exit code 1"
	return j
}

func wtThrottle() error {
	return &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded", Fault: smithy.FaultClient}
}

func wtNotFound() error {
	return &smithy.GenericAPIError{Code: "ValidationException", Message: "Requested resource not found.", Fault: smithy.FaultClient}
}

// wtWant is an event the watch must emit.
type wtWant struct {
	status    tj.Status
	secondary tj.SecondaryStatus
	kinds     []tj.ChangeKind
	lines     []string
}

const (
	chStatus  = tj.ChangeStatus
	chAdded   = tj.ChangeEntryAdded
	chUpdated = tj.ChangeEntryUpdated
	chClosed  = tj.ChangeEntryClosed
	chReason  = tj.ChangeFailureReason
)

func wtKinds(changes []tj.Change) []tj.ChangeKind {
	var out []tj.ChangeKind
	for _, c := range changes {
		out = append(out, c.Kind)
	}
	return out
}

// wtCheckEvents compares every emitted event with the wanted ones.
func wtCheckEvents(t *testing.T, want []wtWant, got []tj.WatchEvent) {
	t.Helper()
	require.Len(t, got, len(want), "number of events")
	for i, w := range want {
		ev := got[i]
		assert.Equal(t, w.status, ev.Job.TrainingJobStatus, "event %d: TrainingJobStatus", i)
		assert.Equal(t, w.secondary, ev.Job.SecondaryStatus, "event %d: SecondaryStatus", i)
		assert.Equal(t, tj.ClassifyOutcome(w.status, w.secondary), ev.Outcome, "event %d: Outcome", i)
		assert.Equal(t, w.kinds, wtKinds(ev.Changes), "event %d: change kinds", i)
		assert.Equal(t, w.lines, ev.Lines, "event %d: progress lines", i)
		if assert.NotNil(t, ev.Output, "event %d: Output", i) {
			assert.Equal(t, string(w.status), string(ev.Output.TrainingJobStatus), "event %d: Output status", i)
		}
		if i > 0 {
			prev := got[i-1].Job
			assert.Equal(t, ev.Changes, tj.Diff(&prev, &ev.Job), "event %d: Changes are the Diff from the previous event", i)
		}
	}
}

type wtCase struct {
	name  string
	steps []wtStep
	opts  []tj.WatchOption
	// events and delays are what Watch must emit and sleep.
	events []wtWant
	delays []time.Duration
	// watchErr checks Watch's error; nil means it must succeed.
	watchErr func(t *testing.T, err error)
	// accept, when not nil, is passed to Wait with WithSuccess.
	accept []tj.Outcome
	// outcome is what Wait returns; waitErr checks its error (nil: none).
	outcome tj.Outcome
	waitErr func(t *testing.T, err error)
	// last is the description Wait must return.
	last *tj.TrainingJob
}

func wtRunCase(t *testing.T, c wtCase) {
	t.Run("Watch", func(t *testing.T) {
		client := &wtClient{t: t, steps: c.steps}
		clock := newWTClock()
		var events []tj.WatchEvent
		err := tj.Watch(context.Background(), client, wtName, func(ev tj.WatchEvent) error {
			assert.Equal(t, clock.Now(), ev.Time, "events are stamped by the injected clock")
			events = append(events, ev)
			return nil
		}, clock.options(c.opts...)...)
		if c.watchErr == nil {
			require.NoError(t, err)
		} else {
			require.Error(t, err)
			c.watchErr(t, err)
		}
		wtCheckEvents(t, c.events, events)
		assert.Equal(t, c.delays, clock.slept, "delays")
		assert.Equal(t, len(c.steps), client.calls, "every step of the script is used, and no more")
		for _, d := range clock.slept {
			assert.True(t, d >= wtMinDelay && d <= wtMaxDelay, "delay %v within [%v, %v]", d, wtMinDelay, wtMaxDelay)
		}
	})
	t.Run("Wait", func(t *testing.T) {
		client := &wtClient{t: t, steps: c.steps}
		clock := newWTClock()
		opts := clock.options(c.opts...)
		if c.accept != nil {
			opts = append(opts, tj.WithSuccess(c.accept...))
		}
		job, outcome, err := tj.Wait(context.Background(), client, wtName, opts...)
		require.NotNil(t, job, "Wait never returns a nil job")
		assert.Equal(t, c.outcome, outcome, "outcome")
		if c.waitErr == nil {
			assert.NoError(t, err)
		} else {
			require.Error(t, err)
			c.waitErr(t, err)
		}
		if c.last != nil {
			assert.Equal(t, *c.last, *job, "Wait returns the last description")
		}
		assert.Equal(t, c.delays, clock.slept, "Wait polls as Watch does")
	})
}

// wtUnsuccessful checks the *OutcomeError of a job that ended but not as
// the caller wanted.
func wtUnsuccessful(outcome tj.Outcome, failed bool, reason string) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		var oe *tj.OutcomeError
		require.ErrorAs(t, err, &oe)
		assert.Equal(t, outcome, oe.Outcome)
		assert.Equal(t, wtName, oe.TrainingJobName)
		assert.Equal(t, reason, oe.FailureReason)
		assert.ErrorIs(t, err, tj.ErrUnsuccessful)
		assert.Equal(t, failed, errors.Is(err, tj.ErrJobFailed), "ErrJobFailed only for a failed job")
		assert.NotErrorIs(t, err, tj.ErrJobNotFound)
		assert.Contains(t, err.Error(), wtName)
		if reason != "" {
			assert.Contains(t, err.Error(), reason)
		}
	}
}

func TestWatchAndWaitScripts(t *testing.T) {
	stoppingLagging := wtJob(tj.StatusStopping, wtStarting)
	stoppedEarly := wtJob(tj.StatusStopped, wtEntry(tj.SecondaryStatusStarting, 0, 1, "Preparing the instances for training"),
		wtEntry(tj.SecondaryStatusStopped, 1, 1, "Training job stopped"))
	stopping := wtJob(tj.StatusStopping, wtStartingDone, wtDownloaded, wtEntry(tj.SecondaryStatusTraining, 3, 30, wtTraining.StatusMessage),
		wtEntry(tj.SecondaryStatusStopping, 30, -1, "Stopping the training job"))
	stopped := wtJob(tj.StatusStopped, wtStartingDone, wtDownloaded, wtEntry(tj.SecondaryStatusTraining, 3, 30, wtTraining.StatusMessage),
		wtEntry(tj.SecondaryStatusStopping, 30, 31, "Stopping the training job"),
		wtEntry(tj.SecondaryStatusStopped, 31, 31, "Training job stopped"))
	maxRuntime := wtJob(tj.StatusStopped, wtStartingDone, wtDownloaded, wtTrained,
		wtEntry(tj.SecondaryStatusMaxRuntimeExceeded, 63, 63, "Training job exceeded MaxRuntimeInSeconds provided"))
	deleting := wtJob(tj.StatusDeleting, wtStartingDone, wtDownloaded, wtTrained, wtUploaded, wtCompleted)

	// The spot job: Training, Interrupted, Starting, Training, Completed.
	spot1 := wtRunning()
	spot1.EnableManagedSpotTraining = true
	spotAt := func(status tj.Status, h ...tj.SecondaryStatusTransition) *tj.TrainingJob {
		j := wtJob(status, h...)
		j.EnableManagedSpotTraining = true
		return j
	}
	training20 := wtEntry(tj.SecondaryStatusTraining, 3, 20, wtTraining.StatusMessage)
	interrupted := wtEntry(tj.SecondaryStatusInterrupted, 20, 25, "Insufficient Spot capacity. Waiting for capacity")
	restarting := wtEntry(tj.SecondaryStatusStarting, 25, 27, "Preparing the instances for training")
	resumed := wtEntry(tj.SecondaryStatusTraining, 27, 63, "Training resumed from the last checkpoint")
	open := func(e tj.SecondaryStatusTransition) tj.SecondaryStatusTransition { e.EndTime = time.Time{}; return e }
	spot2 := spotAt(tj.StatusInProgress, wtStartingDone, wtDownloaded, training20, open(interrupted))
	spot3 := spotAt(tj.StatusInProgress, wtStartingDone, wtDownloaded, training20, interrupted, open(restarting))
	spot4 := spotAt(tj.StatusInProgress, wtStartingDone, wtDownloaded, training20, interrupted, restarting, open(resumed))
	spot5 := spotAt(tj.StatusCompleted, wtStartingDone, wtDownloaded, training20, interrupted, restarting, resumed,
		wtEntry(tj.SecondaryStatusCompleted, 63, 63, "Training job completed"))

	s := func(n int) time.Duration { return time.Duration(n) * time.Second }

	cases := []wtCase{{
		name: "completed",
		steps: []wtStep{
			wtOK(wtJob(tj.StatusInProgress, wtStarting)),
			wtOK(wtJob(tj.StatusInProgress, wtStarting)),
			wtOK(wtJob(tj.StatusInProgress, wtStarting)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloading)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtImage)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTraining)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTraining)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTraining)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTraining)),
			wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTrained, wtUploading)),
			wtOK(wtDone()),
		},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusStarting, []tj.ChangeKind{chStatus, chAdded}, []string{wtLineStarting}},
			{tj.StatusInProgress, tj.SecondaryStatusDownloading, []tj.ChangeKind{chStatus, chClosed, chAdded}, []string{wtLineDownloading}},
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chClosed, chAdded}, []string{wtLineImage}},
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chUpdated}, []string{wtLineTraining}},
			{tj.StatusInProgress, tj.SecondaryStatusUploading, []tj.ChangeKind{chStatus, chClosed, chAdded}, []string{wtLineUploading}},
			{tj.StatusCompleted, tj.SecondaryStatusCompleted, []tj.ChangeKind{chStatus, chClosed, chAdded}, []string{wtLineCompleted}},
		},
		// Doubling while Starting and Training stay unchanged, capped at
		// the maximum, back to the minimum after each change.
		delays:  []time.Duration{s(10), s(20), s(40), s(10), s(10), s(10), s(20), s(40), s(60), s(10)},
		outcome: tj.OutcomeSucceeded,
		last:    wtDone(),
	}, {
		name:  "failed",
		steps: []wtStep{wtOK(wtRunning()), wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloaded, wtTrained, wtUploading)), wtOK(wtFailed())},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusInProgress, tj.SecondaryStatusUploading, []tj.ChangeKind{chStatus, chClosed, chAdded}, []string{wtLineUploading}},
			{tj.StatusFailed, tj.SecondaryStatusFailed, []tj.ChangeKind{chStatus, chReason, chClosed, chAdded},
				[]string{"2024-03-08 11:04:00 UTC Failed - Training job failed"}},
		},
		delays:  []time.Duration{s(10), s(10)},
		outcome: tj.OutcomeFailed,
		waitErr: wtUnsuccessful(tj.OutcomeFailed, true, "AlgorithmError: ExecuteUserScriptError: exit code 1"),
		last:    wtFailed(),
	}, {
		name:  "stopped, not accepted by default",
		steps: []wtStep{wtOK(wtRunning()), wtOK(wtRunning()), wtOK(stopping), wtOK(stopped)},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusStopping, tj.SecondaryStatusStopping, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:30:00 UTC Stopping - Stopping the training job"}},
			{tj.StatusStopped, tj.SecondaryStatusStopped, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:31:00 UTC Stopped - Training job stopped"}},
		},
		delays:  []time.Duration{s(10), s(20), s(10)},
		outcome: tj.OutcomeStoppedByUser,
		waitErr: wtUnsuccessful(tj.OutcomeStoppedByUser, false, ""),
		last:    stopped,
	}, {
		name:  "stopped, accepted when the caller says so",
		steps: []wtStep{wtOK(wtRunning()), wtOK(stopped)},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusStopped, tj.SecondaryStatusStopped, []tj.ChangeKind{chStatus, chClosed, chAdded, chAdded},
				[]string{"2024-03-08 10:30:00 UTC Stopping - Stopping the training job",
					"2024-03-08 10:31:00 UTC Stopped - Training job stopped"}},
		},
		delays:  []time.Duration{s(10)},
		accept:  []tj.Outcome{tj.OutcomeSucceeded, tj.OutcomeStoppedByUser},
		outcome: tj.OutcomeStoppedByUser,
		last:    stopped,
	}, {
		name:  "MaxRuntimeExceeded is not a stop by the user",
		steps: []wtStep{wtOK(wtRunning()), wtOK(maxRuntime)},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusStopped, tj.SecondaryStatusMaxRuntimeExceeded, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 11:03:00 UTC MaxRuntimeExceeded - Training job exceeded MaxRuntimeInSeconds provided"}},
		},
		delays:  []time.Duration{s(10)},
		accept:  []tj.Outcome{tj.OutcomeSucceeded, tj.OutcomeStoppedByUser},
		outcome: tj.OutcomeMaxRuntimeExceeded,
		waitErr: wtUnsuccessful(tj.OutcomeMaxRuntimeExceeded, false, ""),
		last:    maxRuntime,
	}, {
		name:  "spot interruption and resume",
		steps: []wtStep{wtOK(spot1), wtOK(spot2), wtOK(spot2), wtOK(spot3), wtOK(spot4), wtOK(spot4), wtOK(spot5)},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusInProgress, tj.SecondaryStatusInterrupted, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:20:00 UTC Interrupted - Insufficient Spot capacity. Waiting for capacity"}},
			{tj.StatusInProgress, tj.SecondaryStatusStarting, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:25:00 UTC Starting - Preparing the instances for training"}},
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:27:00 UTC Training - Training resumed from the last checkpoint"}},
			{tj.StatusCompleted, tj.SecondaryStatusCompleted, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 11:03:00 UTC Completed - Training job completed"}},
		},
		delays:  []time.Duration{s(10), s(10), s(20), s(10), s(10), s(20)},
		outcome: tj.OutcomeSucceeded,
		last:    spot5,
	}, {
		name:  "stop during Starting, the secondary status lagging",
		steps: []wtStep{wtOK(wtJob(tj.StatusInProgress, wtStarting)), wtOK(stoppingLagging), wtOK(stoppingLagging), wtOK(stoppedEarly)},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusStarting, []tj.ChangeKind{chStatus, chAdded}, []string{wtLineStarting}},
			// Only the primary status moved: a change without a line.
			{tj.StatusStopping, tj.SecondaryStatusStarting, []tj.ChangeKind{chStatus}, nil},
			{tj.StatusStopped, tj.SecondaryStatusStopped, []tj.ChangeKind{chStatus, chClosed, chAdded},
				[]string{"2024-03-08 10:01:00 UTC Stopped - Training job stopped"}},
		},
		delays:  []time.Duration{s(10), s(10), s(20)},
		outcome: tj.OutcomeStoppedByUser,
		waitErr: wtUnsuccessful(tj.OutcomeStoppedByUser, false, ""),
		last:    stoppedEarly,
	}, {
		name:  "deleting then gone ends normally",
		steps: []wtStep{wtOK(deleting), wtOK(deleting), wtErr(wtNotFound())},
		events: []wtWant{
			{tj.StatusDeleting, tj.SecondaryStatusCompleted, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining, wtLineUploading, wtLineCompleted}},
		},
		delays:  []time.Duration{s(10), s(20)},
		outcome: tj.OutcomeDeleting,
		waitErr: wtUnsuccessful(tj.OutcomeDeleting, false, ""),
		last:    deleting,
	}, {
		name:    "deleting then gone, deletion accepted",
		steps:   []wtStep{wtOK(deleting), wtErr(wtNotFound())},
		events:  []wtWant{{tj.StatusDeleting, tj.SecondaryStatusCompleted, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded, chAdded, chAdded}, []string{wtLineStarting, wtLineDownloading, wtLineTraining, wtLineUploading, wtLineCompleted}}},
		delays:  []time.Duration{s(10)},
		accept:  []tj.Outcome{tj.OutcomeSucceeded, tj.OutcomeDeleting},
		outcome: tj.OutcomeDeleting,
		last:    deleting,
	}, {
		name:   "not found from the start",
		steps:  []wtStep{wtErr(wtNotFound())},
		delays: nil,
		watchErr: func(t *testing.T, err error) {
			assert.ErrorIs(t, err, tj.ErrJobNotFound)
			var apiErr smithy.APIError
			require.ErrorAs(t, err, &apiErr, "the SDK's error stays reachable")
			assert.Equal(t, "ValidationException", apiErr.ErrorCode())
			assert.Contains(t, err.Error(), wtName)
		},
		outcome: tj.OutcomeUnknown,
		waitErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, tj.ErrJobNotFound) },
		last:    &tj.TrainingJob{TrainingJobName: wtName},
	}, {
		name:  "gone without Deleting is not found",
		steps: []wtStep{wtOK(wtRunning()), wtErr(wtNotFound())},
		events: []wtWant{{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
			[]string{wtLineStarting, wtLineDownloading, wtLineTraining}}},
		delays:   []time.Duration{s(10)},
		watchErr: func(t *testing.T, err error) { assert.ErrorIs(t, err, tj.ErrJobNotFound) },
		outcome:  tj.OutcomeRunning,
		waitErr:  func(t *testing.T, err error) { assert.ErrorIs(t, err, tj.ErrJobNotFound) },
		last:     wtRunning(),
	}, {
		name: "throttling in the middle is retried",
		steps: []wtStep{
			wtOK(wtRunning()),
			wtErr(wtThrottle()),
			wtErr(&smithy.GenericAPIError{Code: "ServiceUnavailable", Message: "Service is unavailable", Fault: smithy.FaultServer}),
			wtOK(wtRunning()),
			wtOK(wtDone()),
		},
		events: []wtWant{
			{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
				[]string{wtLineStarting, wtLineDownloading, wtLineTraining}},
			{tj.StatusCompleted, tj.SecondaryStatusCompleted, []tj.ChangeKind{chStatus, chClosed, chAdded, chAdded},
				[]string{wtLineUploading, wtLineCompleted}},
		},
		// Errors back off like unchanged polls: 20s, 40s, then the cap.
		delays:  []time.Duration{s(10), s(20), s(40), s(60)},
		outcome: tj.OutcomeSucceeded,
		last:    wtDone(),
	}, {
		name:  "too much throttling in a row gives up",
		steps: []wtStep{wtOK(wtRunning()), wtErr(wtThrottle()), wtOK(wtRunning()), wtErr(wtThrottle()), wtErr(wtThrottle()), wtErr(wtThrottle())},
		opts:  []tj.WatchOption{tj.WithMaxRetries(2)},
		events: []wtWant{{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
			[]string{wtLineStarting, wtLineDownloading, wtLineTraining}}},
		// A success in between resets the count of failures, not the
		// backoff: nothing changed.
		delays: []time.Duration{s(10), s(20), s(40), s(60), s(60)},
		watchErr: func(t *testing.T, err error) {
			var apiErr smithy.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "ThrottlingException", apiErr.ErrorCode())
			assert.NotErrorIs(t, err, tj.ErrJobNotFound)
			assert.Contains(t, err.Error(), wtName)
			assert.Contains(t, err.Error(), "3 failed attempts in a row")
		},
		outcome: tj.OutcomeRunning,
		waitErr: func(t *testing.T, err error) { assert.NotErrorIs(t, err, tj.ErrUnsuccessful) },
		last:    wtRunning(),
	}, {
		name:  "a non-retryable error is returned at once",
		steps: []wtStep{wtOK(wtRunning()), wtErr(&smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized"})},
		events: []wtWant{{tj.StatusInProgress, tj.SecondaryStatusTraining, []tj.ChangeKind{chStatus, chAdded, chAdded, chAdded},
			[]string{wtLineStarting, wtLineDownloading, wtLineTraining}}},
		delays: []time.Duration{s(10)},
		watchErr: func(t *testing.T, err error) {
			var apiErr smithy.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "AccessDeniedException", apiErr.ErrorCode())
			assert.Equal(t, `trainingjob: describing training job "`+wtName+`": api error AccessDeniedException: not authorized`, err.Error())
		},
		outcome: tj.OutcomeRunning,
		waitErr: func(t *testing.T, err error) { assert.NotErrorIs(t, err, tj.ErrJobNotFound) },
		last:    wtRunning(),
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wtRunCase(t, c) })
	}
}

// Errors that count as throttling or transient are retried, others are
// returned at once; a not-found is the sentinel.
func TestWatchErrorClassification(t *testing.T) {
	api := func(code, msg string) error {
		return &smithy.OperationError{ServiceID: "SageMaker", OperationName: "DescribeTrainingJob",
			Err: &smithy.GenericAPIError{Code: code, Message: msg}}
	}
	status := func(code int) error {
		return &smithy.OperationError{ServiceID: "SageMaker", OperationName: "DescribeTrainingJob",
			Err: &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{StatusCode: code}},
				Err:      errors.New("unexpected response")}}}
	}
	cases := []struct {
		name string
		err  error
		// retried: the watch goes on; notFound: ErrJobNotFound.
		retried, notFound bool
	}{
		{"ThrottlingException", api("ThrottlingException", "Rate exceeded"), true, false},
		{"RequestLimitExceeded", api("RequestLimitExceeded", "Request limit exceeded."), true, false},
		{"ServiceUnavailable", api("ServiceUnavailable", "Service unavailable"), true, false},
		{"InternalFailure", api("InternalFailure", "We encountered an internal error."), true, false},
		{"HTTP 503 without a code", status(503), true, false},
		{"HTTP 429", status(429), true, false},
		{"net timeout", &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}, true, false},
		{"url timeout", &url.Error{Op: "Post", URL: "https://api.sagemaker.us-east-1.amazonaws.com/", Err: os.ErrDeadlineExceeded}, true, false},
		{"connection error", &smithyhttp.RequestSendError{Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}, true, false},
		{"not found", api("ValidationException", "Requested resource not found."), false, true},
		{"could not find", api("ValidationException", "Could not find requested job with name "+wtName), false, true},
		{"ResourceNotFound", api("ResourceNotFound", "Resource not found"), false, true},
		{"other ValidationException", api("ValidationException", "1 validation error detected: Value at 'trainingJobName' failed to satisfy constraint"), false, false},
		{"AccessDeniedException", api("AccessDeniedException", "User is not authorized"), false, false},
		{"HTTP 400 without a code", status(400), false, false},
		{"plain error", errors.New("boom"), false, false},
		{"not a timeout", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("broken")}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client := &wtClient{t: t, steps: []wtStep{wtErr(c.err), wtOK(wtDone())}}
			clock := newWTClock()
			err := tj.Watch(context.Background(), client, wtName, nil, clock.options()...)
			switch {
			case c.retried:
				assert.NoError(t, err)
				assert.Equal(t, 2, client.calls)
				assert.Equal(t, []time.Duration{2 * wtMinDelay}, clock.slept, "the first retry waits one step longer")
				return
			case c.notFound:
				assert.ErrorIs(t, err, tj.ErrJobNotFound)
			default:
				require.Error(t, err)
				assert.NotErrorIs(t, err, tj.ErrJobNotFound)
			}
			assert.ErrorIs(t, err, c.err, "the client's error is wrapped, not replaced")
			assert.Contains(t, err.Error(), wtName)
			assert.Equal(t, 1, client.calls)
			assert.Empty(t, clock.slept)
		})
	}
}

func TestWatchRetryLimits(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			steps := []wtStep{}
			for range n + 1 {
				steps = append(steps, wtErr(wtThrottle()))
			}
			client := &wtClient{t: t, steps: steps}
			clock := newWTClock()
			err := tj.Watch(context.Background(), client, wtName, nil, clock.options(tj.WithMaxRetries(n))...)
			var apiErr smithy.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, n+1, client.calls, "n retries after the first attempt")
			assert.Len(t, clock.slept, n)
		})
	}
	t.Run("default", func(t *testing.T) {
		steps := []wtStep{}
		for range tj.DefaultMaxRetries + 1 {
			steps = append(steps, wtErr(wtThrottle()))
		}
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		err := tj.Watch(context.Background(), client, wtName, nil, clock.options()...)
		require.Error(t, err)
		assert.Equal(t, tj.DefaultMaxRetries+1, client.calls)
	})
}

func TestWatchContext(t *testing.T) {
	steps := []wtStep{
		wtOK(wtJob(tj.StatusInProgress, wtStarting)),
		wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloading)),
		wtOK(wtRunning()),
		wtOK(wtDone()),
	}
	t.Run("cancelled during a sleep", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		clock.after = func(n int) {
			if n == 2 {
				cancel()
			}
		}
		var events []tj.WatchEvent
		err := tj.Watch(ctx, client, wtName, func(ev tj.WatchEvent) error { events = append(events, ev); return nil }, clock.options()...)
		assert.Equal(t, context.Canceled, err, "ctx.Err() itself")
		assert.Equal(t, 2, client.calls)
		require.Len(t, events, 2)
		assert.Equal(t, tj.SecondaryStatusDownloading, events[1].Job.SecondaryStatus)
	})
	t.Run("cancelled during a call", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		client := &wtClient{t: t, steps: []wtStep{steps[0], wtErr(&smithy.CanceledError{Err: context.Canceled})}}
		client.during = func(n int) {
			if n == 2 {
				cancel()
			}
		}
		clock := newWTClock()
		job, outcome, err := tj.Wait(ctx, client, wtName, clock.options()...)
		assert.Equal(t, context.Canceled, err, "ctx.Err() itself, not the client's wrapping")
		assert.Equal(t, tj.OutcomeRunning, outcome)
		require.NotNil(t, job)
		assert.Equal(t, tj.SecondaryStatusStarting, job.SecondaryStatus, "the last description received")
	})
	t.Run("cancelled by the callback", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		err := tj.Watch(ctx, client, wtName, func(tj.WatchEvent) error { cancel(); return nil }, clock.options()...)
		assert.Equal(t, context.Canceled, err)
		assert.Equal(t, 1, client.calls)
		assert.Empty(t, clock.slept)
	})
	t.Run("deadline already passed", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
		defer cancel()
		client := &wtClient{t: t}
		clock := newWTClock()
		job, outcome, err := tj.Wait(ctx, client, wtName, clock.options()...)
		assert.Equal(t, context.DeadlineExceeded, err)
		assert.Equal(t, 0, client.calls)
		assert.Equal(t, tj.OutcomeUnknown, outcome)
		assert.Equal(t, &tj.TrainingJob{TrainingJobName: wtName}, job, "no description: a job holding only the name")
	})
	t.Run("a sleep error without the context ending", func(t *testing.T) {
		boom := errors.New("clock broke")
		client := &wtClient{t: t, steps: steps[:1]}
		err := tj.Watch(context.Background(), client, wtName, nil,
			tj.WithClock(nil, func(context.Context, time.Duration) error { return boom }))
		assert.Equal(t, boom, err)
	})
}

func TestWatchCallbacks(t *testing.T) {
	steps := []wtStep{
		wtOK(wtJob(tj.StatusInProgress, wtStarting)),
		wtOK(wtJob(tj.StatusInProgress, wtStartingDone, wtDownloading)),
		wtOK(wtRunning()),
		wtOK(wtDone()),
	}
	t.Run("an error from the callback stops the watch", func(t *testing.T) {
		stop := errors.New("seen enough")
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		var order []string
		err := tj.Watch(context.Background(), client, wtName, func(ev tj.WatchEvent) error {
			order = append(order, "fn:"+string(ev.Job.SecondaryStatus))
			if ev.Job.SecondaryStatus == tj.SecondaryStatusDownloading {
				return stop
			}
			return nil
		}, clock.options(tj.WithEventHandler(func(ev tj.WatchEvent) error {
			order = append(order, "handler:"+string(ev.Job.SecondaryStatus))
			return nil
		}))...)
		assert.Equal(t, stop, err, "returned as it is")
		assert.Equal(t, 2, client.calls)
		assert.Equal(t, []string{"handler:Starting", "fn:Starting", "handler:Downloading", "fn:Downloading"}, order)
	})
	t.Run("an error from a handler stops Wait", func(t *testing.T) {
		stop := errors.New("stop")
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		job, outcome, err := tj.Wait(context.Background(), client, wtName,
			clock.options(tj.WithEventHandler(func(tj.WatchEvent) error { return stop }))...)
		assert.Equal(t, stop, err)
		assert.Equal(t, tj.OutcomeRunning, outcome)
		assert.Equal(t, tj.SecondaryStatusStarting, job.SecondaryStatus)
	})
	t.Run("events belong to the receiver", func(t *testing.T) {
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		var events []tj.WatchEvent
		err := tj.Watch(context.Background(), client, wtName, func(ev tj.WatchEvent) error {
			events = append(events, ev)
			ev.Job.SecondaryStatusTransitions[0].StatusMessage = "scribbled over"
			ev.Job.TrainingJobStatus = "Scribbled"
			return nil
		}, clock.options()...)
		require.NoError(t, err)
		require.Len(t, events, 4)
		assert.Equal(t, []tj.ChangeKind{chStatus, chClosed, chAdded}, wtKinds(events[1].Changes),
			"the watch compares with its own copy, not the receiver's")
	})
	t.Run("nil callback and client options", func(t *testing.T) {
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		noop := func(*sagemaker.Options) {}
		require.NoError(t, tj.Watch(context.Background(), client, wtName, nil, clock.options(tj.WithClientOptions(noop, noop))...))
		assert.Equal(t, []int{2, 2, 2, 2}, client.optFns, "every call gets the client options")
	})
	t.Run("unchanged descriptions are not events, but Wait returns the last one", func(t *testing.T) {
		later := wtRunning()
		later.TrainingTimeInSeconds = 2400
		client := &wtClient{t: t, steps: []wtStep{wtOK(wtRunning()), wtOK(later),
			wtErr(&smithy.GenericAPIError{Code: "AccessDeniedException", Message: "denied"})}}
		clock := newWTClock()
		var events int
		job, outcome, err := tj.Wait(context.Background(), client, wtName,
			clock.options(tj.WithEventHandler(func(tj.WatchEvent) error { events++; return nil }))...)
		require.Error(t, err)
		assert.Equal(t, 1, events, "TrainingTimeInSeconds alone is no change")
		assert.Equal(t, tj.OutcomeRunning, outcome)
		assert.Equal(t, *later, *job)
		assert.Equal(t, []time.Duration{wtMinDelay, 2 * wtMinDelay}, clock.slept)
	})
}

func TestWatchOptionsInvalid(t *testing.T) {
	cases := map[string]tj.WatchOption{
		"zero minimum":        tj.WithPollDelay(0, time.Minute),
		"negative minimum":    tj.WithPollDelay(-time.Second, time.Minute),
		"maximum below":       tj.WithPollDelay(time.Minute, time.Second),
		"jitter above 1":      tj.WithJitter(1.5),
		"negative jitter":     tj.WithJitter(-0.1),
		"jitter not a number": tj.WithJitter(math.NaN()),
	}
	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			client := &wtClient{t: t}
			err := tj.Watch(context.Background(), client, wtName, nil, opt)
			assert.ErrorIs(t, err, tj.ErrInvalidOption)
			assert.NotErrorIs(t, err, tj.ErrInvalid, "ErrInvalid is validation's")
			job, outcome, err := tj.Wait(context.Background(), client, wtName, opt)
			assert.ErrorIs(t, err, tj.ErrInvalidOption)
			assert.NotErrorIs(t, err, tj.ErrInvalid, "ErrInvalid is validation's")
			assert.Equal(t, tj.OutcomeUnknown, outcome)
			assert.Equal(t, &tj.TrainingJob{TrainingJobName: wtName}, job)
			assert.Zero(t, client.calls, "the client is not called")
		})
	}
	t.Run("nil client", func(t *testing.T) {
		assert.Error(t, tj.Watch(context.Background(), nil, wtName, nil))
	})
	t.Run("equal bounds are fine", func(t *testing.T) {
		client := &wtClient{t: t, steps: []wtStep{wtOK(wtRunning()), wtOK(wtRunning()), wtOK(wtDone())}}
		clock := newWTClock()
		require.NoError(t, tj.Watch(context.Background(), client, wtName, nil,
			tj.WithClock(clock.Now, clock.Sleep), tj.WithPollDelay(time.Second, time.Second)))
		assert.Equal(t, []time.Duration{time.Second, time.Second}, clock.slept)
	})
}

// With jitter, every delay stays within [min, max] and within the jitter
// fraction of the schedule's base delay; a seeded source repeats itself.
func TestWatchJitter(t *testing.T) {
	steps := []wtStep{wtOK(wtJob(tj.StatusInProgress, wtStarting))}
	for range 8 {
		steps = append(steps, wtOK(wtJob(tj.StatusInProgress, wtStarting)))
	}
	steps = append(steps, wtOK(wtRunning()), wtOK(wtRunning()), wtOK(wtDone()))
	base := []time.Duration{10, 20, 40, 60, 60, 60, 60, 60, 60, 10, 20}
	const jitter = 0.5

	run := func(t *testing.T, seed uint64) []time.Duration {
		client := &wtClient{t: t, steps: steps}
		clock := newWTClock()
		require.NoError(t, tj.Watch(context.Background(), client, wtName, nil,
			tj.WithClock(clock.Now, clock.Sleep), tj.WithPollDelay(wtMinDelay, wtMaxDelay),
			tj.WithJitter(jitter), tj.WithRandSource(rand.NewPCG(seed, 7))))
		return clock.slept
	}
	got := run(t, 1)
	require.Len(t, got, len(base))
	for i, d := range got {
		b := base[i] * time.Second
		lo := max(time.Duration(float64(b)*(1-jitter)), wtMinDelay)
		hi := min(time.Duration(float64(b)*(1+jitter)), wtMaxDelay)
		assert.True(t, d >= lo && d <= hi, "delay %d: %v not within [%v, %v]", i, d, lo, hi)
	}
	assert.Equal(t, got, run(t, 1), "the same seed gives the same delays")
	assert.NotEqual(t, got, run(t, 2), "another seed gives other delays")
	var exact int
	for i, d := range got {
		if d == base[i]*time.Second {
			exact++
		}
	}
	assert.Less(t, exact, len(got), "jitter moves some delays")
}

// Without delay options, the defaults apply: the first wait is the default
// minimum, stretched by at most the default jitter.
func TestWatchDefaults(t *testing.T) {
	client := &wtClient{t: t, steps: []wtStep{wtOK(wtRunning()), wtOK(wtRunning()), wtOK(wtDone())}}
	clock := newWTClock()
	job, outcome, err := tj.Wait(context.Background(), client, wtName, tj.WithClock(clock.Now, clock.Sleep))
	require.NoError(t, err)
	assert.Equal(t, tj.OutcomeSucceeded, outcome)
	assert.Equal(t, tj.StatusCompleted, job.TrainingJobStatus)
	require.Len(t, clock.slept, 2)
	assert.GreaterOrEqual(t, clock.slept[0], tj.DefaultMinPollDelay)
	assert.LessOrEqual(t, clock.slept[0], time.Duration(float64(tj.DefaultMinPollDelay)*(1+tj.DefaultJitter)))
	assert.GreaterOrEqual(t, clock.slept[1], time.Duration(float64(2*tj.DefaultMinPollDelay)*(1-tj.DefaultJitter)))
	assert.LessOrEqual(t, clock.slept[1], time.Duration(float64(2*tj.DefaultMinPollDelay)*(1+tj.DefaultJitter)))
	assert.Equal(t, time.Duration(10*time.Second), tj.DefaultMinPollDelay)
	assert.Equal(t, 2*time.Minute, tj.DefaultMaxPollDelay)
}

func TestOutcomeErrorMessages(t *testing.T) {
	failed := &tj.OutcomeError{TrainingJobName: "a", Outcome: tj.OutcomeFailed, TrainingJobStatus: tj.StatusFailed,
		SecondaryStatus: tj.SecondaryStatusFailed, FailureReason: "ClientError: no data"}
	assert.Equal(t, `trainingjob: training job "a" failed: ClientError: no data`, failed.Error())
	failed.FailureReason = ""
	assert.Equal(t, `trainingjob: training job "a" failed without a failure reason`, failed.Error())
	stopped := &tj.OutcomeError{TrainingJobName: "a", Outcome: tj.OutcomeMaxWaitTimeExceeded, TrainingJobStatus: tj.StatusStopped,
		SecondaryStatus: tj.SecondaryStatusMaxWaitTimeExceeded}
	assert.Equal(t, `trainingjob: training job "a" did not succeed: outcome MaxWaitTimeExceeded (TrainingJobStatus Stopped, SecondaryStatus MaxWaitTimeExceeded)`, stopped.Error())
	assert.ErrorIs(t, stopped, tj.ErrUnsuccessful)
	assert.NotErrorIs(t, stopped, tj.ErrJobFailed)
	assert.ErrorIs(t, failed, tj.ErrJobFailed)
}

// wtReply is one answer of the HTTP server.
type wtReply struct {
	status int
	body   []byte
}

func wtJSON(t *testing.T, j *tj.TrainingJob) wtReply {
	t.Helper()
	body, err := tj.Marshal(j)
	require.NoError(t, err)
	return wtReply{http.StatusOK, body}
}

func wtAPIError(status int, code, msg string) wtReply {
	body, _ := json.Marshal(map[string]string{"__type": code, "message": msg})
	return wtReply{status, body}
}

// wtServe answers DescribeTrainingJob requests with the replies in turn,
// as the SageMaker JSON 1.1 protocol does.
func wtServe(t *testing.T, replies []wtReply) (*httptest.Server, func() int) {
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		req, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, "/", r.URL.Path)
		assert.Equal(t, "SageMaker.DescribeTrainingJob", r.Header.Get("X-Amz-Target"))
		assert.JSONEq(t, `{"TrainingJobName":"`+wtName+`"}`, string(req))
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", fmt.Sprintf("0a1b2c3d-watch-%04d", calls))
		if calls > len(replies) {
			t.Errorf("request %d: only %d replies scripted", calls, len(replies))
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"__type":"ValidationException","message":"script exhausted"}`))
			return
		}
		rep := replies[calls-1]
		w.WriteHeader(rep.status)
		_, _ = w.Write(rep.body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return calls }
}

// End to end through aws-sdk-go-v2's own client: its decoding of the
// service's answers, and its error types for the throttling and not-found
// answers.
func TestWatchWithSDKClient(t *testing.T) {
	notFound := wtAPIError(http.StatusBadRequest, "ValidationException", "Requested resource not found.")
	deleting := wtJob(tj.StatusDeleting, wtStartingDone, wtDownloaded, wtTrained, wtUploaded, wtCompleted)

	t.Run("throttled, then completed", func(t *testing.T) {
		srv, calls := wtServe(t, []wtReply{
			wtJSON(t, wtRunning()),
			wtAPIError(http.StatusBadRequest, "ThrottlingException", "Rate exceeded"),
			wtAPIError(http.StatusInternalServerError, "InternalFailure", "We encountered an internal error. Please try again."),
			wtJSON(t, wtDone()),
		})
		clock := newWTClock()
		var lines []string
		job, outcome, err := tj.Wait(context.Background(), oracleSDKClient(srv), wtName,
			clock.options(tj.WithEventHandler(func(ev tj.WatchEvent) error {
				assert.NotEmpty(t, ev.Output.ResultMetadata, "the SDK's response as it came")
				lines = append(lines, ev.Lines...)
				return nil
			}))...)
		require.NoError(t, err)
		assert.Equal(t, tj.OutcomeSucceeded, outcome)
		assert.Equal(t, *wtDone(), *job)
		assert.Equal(t, []string{wtLineStarting, wtLineDownloading, wtLineTraining, wtLineUploading, wtLineCompleted}, lines)
		assert.Equal(t, []time.Duration{wtMinDelay, 2 * wtMinDelay, 4 * wtMinDelay}, clock.slept)
		assert.Equal(t, 4, calls())
	})
	t.Run("deleting, then gone", func(t *testing.T) {
		srv, calls := wtServe(t, []wtReply{wtJSON(t, deleting), wtJSON(t, deleting), notFound})
		clock := newWTClock()
		var events []tj.WatchEvent
		err := tj.Watch(context.Background(), oracleSDKClient(srv), wtName, func(ev tj.WatchEvent) error {
			events = append(events, ev)
			return nil
		}, clock.options()...)
		require.NoError(t, err, "not-found after Deleting ends the watch")
		wtCheckEvents(t, []wtWant{{tj.StatusDeleting, tj.SecondaryStatusCompleted,
			[]tj.ChangeKind{chStatus, chAdded, chAdded, chAdded, chAdded, chAdded},
			[]string{wtLineStarting, wtLineDownloading, wtLineTraining, wtLineUploading, wtLineCompleted}}}, events)
		assert.Equal(t, 3, calls())
	})
	t.Run("not found", func(t *testing.T) {
		srv, calls := wtServe(t, []wtReply{notFound})
		clock := newWTClock()
		job, outcome, err := tj.Wait(context.Background(), oracleSDKClient(srv), wtName, clock.options()...)
		require.ErrorIs(t, err, tj.ErrJobNotFound)
		var opErr *smithy.OperationError
		require.ErrorAs(t, err, &opErr)
		assert.Equal(t, "DescribeTrainingJob", opErr.OperationName)
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "ValidationException", apiErr.ErrorCode())
		var respErr *awshttp.ResponseError
		require.ErrorAs(t, err, &respErr)
		assert.Equal(t, http.StatusBadRequest, respErr.HTTPStatusCode())
		assert.Equal(t, "0a1b2c3d-watch-0001", respErr.ServiceRequestID())
		assert.Equal(t, tj.OutcomeUnknown, outcome)
		assert.Equal(t, &tj.TrainingJob{TrainingJobName: wtName}, job)
		assert.Empty(t, clock.slept)
		assert.Equal(t, 1, calls())
	})
	t.Run("a client error is not retried", func(t *testing.T) {
		srv, calls := wtServe(t, []wtReply{wtAPIError(http.StatusBadRequest, "AccessDeniedException", "User is not authorized")})
		clock := newWTClock()
		err := tj.Watch(context.Background(), oracleSDKClient(srv), wtName, nil, clock.options()...)
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "AccessDeniedException", apiErr.ErrorCode())
		assert.NotErrorIs(t, err, tj.ErrJobNotFound)
		assert.True(t, strings.HasPrefix(err.Error(), `trainingjob: describing training job "`+wtName+`": `), err.Error())
		assert.Equal(t, 1, calls())
	})
}

// The default sleep honours the context, and a huge maximum delay neither
// overflows nor goes negative however long the job stays unchanged.
func TestWatchEdges(t *testing.T) {
	t.Run("default sleep", func(t *testing.T) {
		client := &wtClient{t: t, steps: []wtStep{wtOK(wtRunning()), wtOK(wtDone())}}
		// A nanosecond: the real timer fires at once.
		require.NoError(t, tj.Watch(context.Background(), client, wtName, nil,
			tj.WithPollDelay(time.Nanosecond, time.Nanosecond)))
		assert.Equal(t, 2, client.calls)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		client = &wtClient{t: t, steps: []wtStep{wtOK(wtRunning())}}
		err := tj.Watch(ctx, client, wtName, func(tj.WatchEvent) error { cancel(); return nil },
			tj.WithPollDelay(time.Hour, time.Hour))
		assert.Equal(t, context.Canceled, err, "the hour-long wait ends with the context")
	})
	t.Run("huge maximum", func(t *testing.T) {
		steps := []wtStep{}
		for range 80 {
			steps = append(steps, wtOK(wtRunning()))
		}
		steps = append(steps, wtOK(wtDone()))
		for _, jitter := range []float64{0, 1} {
			client := &wtClient{t: t, steps: steps}
			clock := newWTClock()
			clock.now = time.Time{}
			huge := time.Duration(math.MaxInt64)
			require.NoError(t, tj.Watch(context.Background(), client, wtName, nil,
				tj.WithClock(clock.Now, func(_ context.Context, d time.Duration) error {
					clock.slept = append(clock.slept, d)
					return nil
				}), tj.WithPollDelay(time.Second, huge), tj.WithJitter(jitter),
				tj.WithRandSource(rand.NewPCG(3, 4)), tj.WithRandSource(nil), tj.WithRandSource(rand.NewPCG(5, 6))))
			require.Len(t, clock.slept, 80)
			for i, d := range clock.slept {
				assert.True(t, d >= time.Second && d <= huge, "delay %d: %v", i, d)
			}
			if jitter == 0 {
				assert.Equal(t, huge, clock.slept[79], "capped at the maximum")
				assert.Equal(t, time.Second<<30, clock.slept[30])
			}
		}
	})
	t.Run("the global source", func(t *testing.T) {
		client := &wtClient{t: t, steps: []wtStep{wtOK(wtRunning()), wtOK(wtDone())}}
		clock := newWTClock()
		require.NoError(t, tj.Watch(context.Background(), client, wtName, nil,
			clock.options(tj.WithJitter(0.5), tj.WithRandSource(nil))...))
		require.Len(t, clock.slept, 1)
		assert.True(t, clock.slept[0] >= wtMinDelay && clock.slept[0] <= 15*time.Second, "%v", clock.slept[0])
	})
	t.Run("an unknown ending", func(t *testing.T) {
		odd := wtJob(tj.StatusStopped, wtStartingDone, wtEntry("Hibernated", 2, 2, ""))
		odd.FailureReason = "strange"
		client := &wtClient{t: t, steps: []wtStep{wtOK(odd)}}
		clock := newWTClock()
		_, outcome, err := tj.Wait(context.Background(), client, wtName, clock.options()...)
		assert.Equal(t, tj.OutcomeUnknown, outcome)
		assert.EqualError(t, err, `trainingjob: training job "`+wtName+`" did not succeed: outcome Unknown (TrainingJobStatus Stopped, SecondaryStatus Hibernated): strange`)
		assert.Equal(t, `trainingjob: training job "x" did not succeed: outcome Unknown (TrainingJobStatus (none), SecondaryStatus (none))`,
			(&tj.OutcomeError{TrainingJobName: "x"}).Error())
	})
	t.Run("a nil response without an error", func(t *testing.T) {
		err := tj.Watch(context.Background(), wtNilClient{}, wtName, nil)
		assert.ErrorContains(t, err, "neither a response nor an error")
	})
}

type wtNilClient struct{}

func (wtNilClient) DescribeTrainingJob(context.Context, *sagemaker.DescribeTrainingJobInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	return nil, nil
}

// An OutcomeError names the job Wait was asked about when the description
// carries no name.
func TestWaitNamesTheJob(t *testing.T) {
	nameless := *wtStoppedLike(tj.SecondaryStatusMaxWaitTimeExceeded)
	nameless.TrainingJobName = ""
	client := &wtClient{t: t, steps: []wtStep{wtOK(&nameless)}}
	clock := newWTClock()
	_, outcome, err := tj.Wait(context.Background(), client, wtName, clock.options()...)
	assert.Equal(t, tj.OutcomeMaxWaitTimeExceeded, outcome)
	var oe *tj.OutcomeError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, wtName, oe.TrainingJobName)
}

func wtStoppedLike(s tj.SecondaryStatus) *tj.TrainingJob {
	return wtJob(tj.StatusStopped, wtStartingDone, wtEntry(s, 2, 2, "Training job stopped"))
}

func TestIsTransientAndIsNotFound(t *testing.T) {
	cases := []struct {
		name                string
		err                 error
		transient, notFound bool
	}{
		{"throttled", &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded"}, true, false},
		{"server side", &smithy.GenericAPIError{Code: "InternalFailure"}, true, false},
		{"wrapped", fmt.Errorf("calling: %w", &smithy.GenericAPIError{Code: "SlowDown"}), true, false},
		{"timeout", &net.OpError{Op: "dial", Err: os.ErrDeadlineExceeded}, true, false},
		{"job not found", &smithy.GenericAPIError{Code: "ValidationException", Message: "Requested resource not found."}, false, true},
		{"stream not found", &smithy.GenericAPIError{Code: "ResourceNotFoundException", Message: "The specified log stream does not exist."}, false, true},
		{"other validation", &smithy.GenericAPIError{Code: "ValidationException", Message: "1 validation error detected"}, false, false},
		{"plain", errors.New("boom"), false, false},
		{"nil", nil, false, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.transient, tj.IsTransient(tc.err), tc.name)
		assert.Equal(t, tc.notFound, tj.IsNotFound(tc.err), tc.name)
	}
}
