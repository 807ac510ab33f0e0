package trainingjobtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

var created = time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)

func scenarios() map[string]trainingjobtest.Scenario {
	return map[string]trainingjobtest.Scenario{
		"completed":          {Name: "Completed-Job", Created: created},
		"pending":            {Name: "pending-job", Created: created, Pending: 5 * time.Minute},
		"failed":             {Name: "failed-job", Created: created, Outcome: trainingjob.OutcomeFailed},
		"failed in training": {Name: "failed-job", Created: created, Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusTraining},
		"capacity":           {Name: "capacity-job", Created: created, Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusStarting},
		"spot": {Name: "spot-job", Created: created, Spot: true,
			Interruptions: []trainingjobtest.Interruption{{At: 10 * time.Minute, Lasts: 5 * time.Minute}, {At: 20 * time.Minute, Lasts: 3 * time.Minute}}},
		"max runtime": {Name: "runtime-job", Created: created, Outcome: trainingjob.OutcomeMaxRuntimeExceeded, MaxRuntime: 20 * time.Minute},
		"max wait": {Name: "wait-job", Created: created, Spot: true, Outcome: trainingjob.OutcomeMaxWaitTimeExceeded, MaxWait: 15 * time.Minute,
			Interruptions: []trainingjobtest.Interruption{{At: 5 * time.Minute, Lasts: 20 * time.Minute}}},
		"stopped in training":   {Name: "stopped-job", Created: created, StopRequested: created.Add(10 * time.Minute)},
		"stopped in starting":   {Name: "stopped-early", Created: created, StopRequested: created.Add(30 * time.Second)},
		"stopped at a boundary": {Name: "stopped-edge", Created: created, StopRequested: created.Add(2 * time.Minute)},
	}
}

// At every moment of every scenario the job passes strict validation, and
// it ends as the scenario says.
func TestJobAtIsAlwaysStrictlyValid(t *testing.T) {
	for name, s := range scenarios() {
		t.Run(name, func(t *testing.T) {
			var last trainingjob.TrainingJob
			for m := -1; m <= 120*60; m += 7 {
				now := created.Add(time.Duration(m) * time.Second)
				job := s.JobAt(now)
				require.NoError(t, job.Validate(trainingjob.Strict()), "at %s", now.Sub(created))
				last = job
			}
			assert.True(t, last.IsTerminal(), "finished within two hours: %s", last.SecondaryStatus)
			want := map[string]trainingjob.Outcome{
				"completed": trainingjob.OutcomeSucceeded, "pending": trainingjob.OutcomeSucceeded, "spot": trainingjob.OutcomeSucceeded,
				"failed": trainingjob.OutcomeFailed, "failed in training": trainingjob.OutcomeFailed, "capacity": trainingjob.OutcomeFailed,
				"max runtime": trainingjob.OutcomeMaxRuntimeExceeded, "max wait": trainingjob.OutcomeMaxWaitTimeExceeded,
				"stopped in training": trainingjob.OutcomeStoppedByUser, "stopped in starting": trainingjob.OutcomeStoppedByUser,
				"stopped at a boundary": trainingjob.OutcomeStoppedByUser,
			}[name]
			assert.Equal(t, want, last.Outcome())
		})
	}
}

func TestJobAtStory(t *testing.T) {
	s := scenarios()["failed"]
	var statuses []string
	for _, tr := range s.JobAt(created.Add(time.Hour)).SecondaryStatusTransitions {
		statuses = append(statuses, string(tr.Status))
	}
	assert.Equal(t, []string{"Starting", "Downloading", "Training", "Uploading", "Failed"}, statuses, "failures pass through Uploading")

	spot := scenarios()["spot"].JobAt(created.Add(time.Hour))
	assert.Equal(t, 3, trainingjob.Visits(spot.SecondaryStatusTransitions, trainingjob.SecondaryStatusTraining))
	assert.Less(t, spot.BillableTimeInSeconds, spot.TrainingTimeInSeconds)
	// 46 minutes from the first download to the end, 8 of them
	// interrupted: the 38 trained minutes are billed less the default 70%
	// spot savings.
	assert.Equal(t, int32(46*60), spot.TrainingTimeInSeconds)
	assert.Equal(t, int32(38*60*3/10), spot.BillableTimeInSeconds, "interruptions unbilled, the rest at the spot savings")

	running := scenarios()["completed"].JobAt(created.Add(10 * time.Minute))
	assert.Equal(t, trainingjob.StatusInProgress, running.TrainingJobStatus)
	assert.Equal(t, trainingjob.SecondaryStatusTraining, running.SecondaryStatus)
	assert.Nil(t, running.ModelArtifacts)
	assert.True(t, running.TrainingEndTime.IsZero())
	assert.Equal(t, int32(8*60), running.TrainingTimeInSeconds, "elapsed since downloading began")

	stopping := scenarios()["stopped in training"].JobAt(created.Add(10*time.Minute + 10*time.Second))
	assert.Equal(t, trainingjob.StatusStopping, stopping.TrainingJobStatus)
	assert.Equal(t, trainingjob.SecondaryStatusStopping, stopping.SecondaryStatus)
}

// The zero Scenario's phases last as long as DefaultPhases says, and a
// caller that changes the returned value changes it for nobody else.
func TestDefaultPhases(t *testing.T) {
	changed := trainingjobtest.DefaultPhases()
	changed.Training = time.Second
	def := trainingjobtest.DefaultPhases()
	assert.NotEqual(t, changed, def)
	assert.Equal(t, trainingjobtest.PhaseDurations{
		Starting: 2 * time.Minute, Downloading: time.Minute, Training: 30 * time.Minute,
		Uploading: time.Minute, Stopping: 30 * time.Second,
	}, def)

	job := trainingjobtest.Scenario{Name: "j", Created: created}.JobAt(created.Add(24 * time.Hour))
	var lengths []time.Duration
	for _, e := range job.SecondaryStatusTransitions {
		lengths = append(lengths, e.EndTime.Sub(e.StartTime))
	}
	assert.Equal(t, []time.Duration{def.Starting, def.Downloading, def.Training, def.Uploading, 0}, lengths)

	stopped := trainingjobtest.Scenario{Name: "j", Created: created, StopRequested: created.Add(time.Minute)}.JobAt(created.Add(time.Hour))
	h := stopped.SecondaryStatusTransitions
	require.Len(t, h, 3)
	assert.Equal(t, trainingjob.SecondaryStatusStopping, h[1].Status)
	assert.Equal(t, def.Stopping, h[1].EndTime.Sub(h[1].StartTime))

	start := trainingjobtest.DefaultFakeStart()
	assert.Equal(t, time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), start)
	assert.Equal(t, start, trainingjobtest.NewFake().Now())
}
