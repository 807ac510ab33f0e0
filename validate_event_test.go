package trainingjob_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// asEventForm strips what the event form never carries from a job: every
// EndTime of its history.
func asEventForm(j tj.TrainingJob) tj.TrainingJob {
	j = j.Clone()
	for i := range j.SecondaryStatusTransitions {
		j.SecondaryStatusTransitions[i].EndTime = time.Time{}
	}
	return j
}

// What AsEvent changes, rule by rule.
func TestValidateAsEvent(t *testing.T) {
	strict, event := tj.Strict(), tj.AsEvent()
	tests := []struct {
		name string
		job  tj.TrainingJob
		opts []tj.ValidateOption
		want []problem
	}{
		{"strict demands the end times of a describe response", asEventForm(completedJob()), []tj.ValidateOption{strict}, []problem{
			{"SecondaryStatusTransitions[0].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[1].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[2].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[3].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[4].EndTime", tj.ErrRequired},
		}},
		{"an event has none", asEventForm(completedJob()), []tj.ValidateOption{strict, event}, nil},
		{"the option order does not matter", asEventForm(completedJob()), []tj.ValidateOption{event, nil, strict}, nil},
		{"a running event", asEventForm(runningJob()), []tj.ValidateOption{strict, event}, nil},
		{"a spot event", asEventForm(spotJob()), []tj.ValidateOption{strict, event}, nil},
		{"a failed event", asEventForm(failedJob()), []tj.ValidateOption{strict, event}, nil},
		{"the terminal entry still starts at TrainingEndTime", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.TrainingEndTime = j.TrainingEndTime.Add(-time.Second)
		}), []tj.ValidateOption{strict, event}, []problem{{"SecondaryStatusTransitions[4].StartTime", tj.ErrInvalid}}},
		{"an event of a completed job need not carry ModelArtifacts", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.ModelArtifacts = nil
		}), []tj.ValidateOption{strict, event}, nil},
		{"a describe response must", with(completedJob(), func(j *tj.TrainingJob) {
			j.ModelArtifacts = nil
		}), []tj.ValidateOption{strict}, []problem{{"ModelArtifacts", tj.ErrRequired}}},
		{"the other finished members are still required", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.TrainingJobArn, j.StoppingCondition = "", nil
		}), []tj.ValidateOption{strict, event}, []problem{{"TrainingJobArn", tj.ErrRequired}, {"StoppingCondition", tj.ErrRequired}}},
		{"an open entry among closed ones is still wrong", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[1].EndTime = at(3 * time.Minute)
		}), []tj.ValidateOption{event}, []problem{
			{"SecondaryStatusTransitions[0].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[2].EndTime", tj.ErrRequired},
			{"SecondaryStatusTransitions[3].EndTime", tj.ErrRequired},
		}},
		{"the rest of strict applies", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[0].StartTime = at(time.Second)
			j.FailureReason = "none"
		}), []tj.ValidateOption{strict, event}, []problem{
			{"SecondaryStatusTransitions[0].StartTime", tj.ErrInvalid}, {"FailureReason", tj.ErrForbidden},
		}},
		{"at the default strength nothing changes", with(asEventForm(completedJob()), func(j *tj.TrainingJob) {
			j.ModelArtifacts = nil
		}), []tj.ValidateOption{event}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, problems(t, tt.job.Validate(tt.opts...)))
		})
	}
}

// Document.Validate knows the form: an event read from bytes is validated
// as an event, and strictly gives the same findings as the describe response
// of the same moment.
func TestDocumentValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "describe", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			desc := readForm(t, tj.FormDescribe, data)
			ev := readForm(t, tj.FormEvent, describeToEvent(t, data))
			for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
				want := problems(t, desc.Validate(opts...))
				assert.Equal(t, want, problems(t, ev.Validate(opts...)), "%d options", len(opts))
				assert.Equal(t, want, problems(t, ev.Job.Validate(append(opts, tj.AsEvent())...)))
				assert.Equal(t, want, problems(t, desc.Job.Validate(opts...)), "a describe response is validated as it is")
			}
			if len(ev.Job.SecondaryStatusTransitions) > 1 {
				assert.ErrorIs(t, ev.Job.Validate(tj.Strict()), tj.ErrRequired, "without the form, strict demands end times")
			}
		})
	}
	for _, name := range []string{"state-change-completed.json", "state-change-in-progress.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", "events", name))
		require.NoError(t, err)
		doc := readForm(t, tj.FormEvent, data)
		assert.NoError(t, doc.Validate(tj.Strict()), name)
	}

	var nilDoc *tj.Document
	err = nilDoc.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nil *Document")
}

func TestValidateEventDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race; .ci/run checks them in its coverage run")
	}
	data, err := os.ReadFile(filepath.Join("testdata", "events", "state-change-completed.json"))
	require.NoError(t, err)
	doc := readForm(t, tj.FormEvent, data)
	require.NoError(t, doc.Validate(tj.Strict()))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = doc.Validate(tj.Strict()) }))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = doc.Validate() }))
	job := asEventForm(completedJob())
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = job.Validate(tj.Strict(), tj.AsEvent()) }))
}
