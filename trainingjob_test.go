package trainingjob_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/deepcopygen"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

// Clone copies every member, deeply: a member added to TrainingJob but
// forgotten in Clone makes this fail.
func TestCloneIsDeepAndComplete(t *testing.T) {
	var j tj.TrainingJob
	reflectfill.Fill(&j, 7)
	require.Empty(t, reflectfill.ZeroFields(&j), "Fill sets every member, nested ones included")

	c := j.Clone()
	assert.Equal(t, j, c)
	assert.Empty(t, reflectfill.ZeroFields(&c), "Clone dropped members")
	assert.Empty(t, reflectfill.SharedReferences(j, c), "Clone shares memory with the original")

	c.HyperParameters["new"] = "x"
	c.SecondaryStatusTransitions[0].Status = "changed"
	*c.ResourceConfig.InstanceCount++
	assert.NotContains(t, j.HyperParameters, "new")
	assert.NotEqual(t, c.SecondaryStatusTransitions[0].Status, j.SecondaryStatusTransitions[0].Status)
	assert.NotEqual(t, *c.ResourceConfig.InstanceCount, *j.ResourceConfig.InstanceCount)
}

func TestCloneKeepsNilAndEmpty(t *testing.T) {
	assert.Equal(t, tj.TrainingJob{}, tj.TrainingJob{}.Clone())

	j := tj.TrainingJob{
		HyperParameters:            map[string]string{},
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{},
	}
	c := j.Clone()
	assert.NotNil(t, c.HyperParameters)
	assert.NotNil(t, c.SecondaryStatusTransitions)
	assert.Nil(t, c.Environment)
	assert.Nil(t, c.InputDataConfig)
	assert.Nil(t, c.ModelArtifacts)
}

// The committed deepcopy_gen.go is what the generator writes today; run
// `go generate ./...` after upgrading aws-sdk-go-v2.
func TestDeepCopyCodeIsFresh(t *testing.T) {
	want, err := deepcopygen.Generate()
	require.NoError(t, err)
	got, err := os.ReadFile("deepcopy_gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "deepcopy_gen.go is stale: run go generate ./...")
}

func TestDerivedFacts(t *testing.T) {
	running := runningJob()
	assert.False(t, running.IsTerminal())
	assert.Equal(t, tj.OutcomeRunning, running.Outcome())
	assert.Equal(t, tj.PairLegal, running.PairVerdict())
	cur, ok := running.CurrentTransition()
	require.True(t, ok)
	assert.Equal(t, tj.SecondaryStatusTraining, cur.Status)
	assert.True(t, cur.IsOpen())

	done := completedJob()
	assert.True(t, done.IsTerminal())
	assert.Equal(t, tj.OutcomeSucceeded, done.Outcome())
	cur, ok = done.CurrentTransition()
	require.True(t, ok)
	assert.Equal(t, tj.SecondaryStatusCompleted, cur.Status)
	assert.False(t, cur.IsOpen())

	_, ok = tj.TrainingJob{}.CurrentTransition()
	assert.False(t, ok)
	assert.Equal(t, tj.OutcomeMaxWaitTimeExceeded, stoppedJob(tj.SecondaryStatusMaxWaitTimeExceeded).Outcome())
}

func TestTransitionDuration(t *testing.T) {
	now := at(time.Hour)
	tests := []struct {
		name string
		tr   tj.SecondaryStatusTransition
		want time.Duration
	}{
		{"closed", tj.SecondaryStatusTransition{StartTime: base, EndTime: at(90 * time.Second)}, 90 * time.Second},
		{"open measures to now", tj.SecondaryStatusTransition{StartTime: at(10 * time.Minute)}, 50 * time.Minute},
		{"terminal entry", tj.SecondaryStatusTransition{StartTime: base, EndTime: base}, 0},
		{"no start", tj.SecondaryStatusTransition{EndTime: base}, 0},
		{"backwards", tj.SecondaryStatusTransition{StartTime: at(2 * time.Hour)}, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.tr.Duration(now), tt.name)
	}
}

func TestHistoryHelpers(t *testing.T) {
	spot := spotJob().SecondaryStatusTransitions
	assert.Equal(t, 2, tj.Visits(spot, tj.SecondaryStatusTraining))
	assert.Equal(t, 1, tj.Visits(spot, tj.SecondaryStatusInterrupted))
	assert.Equal(t, 0, tj.Visits(spot, tj.SecondaryStatusFailed))
	assert.Equal(t, 0, tj.Visits(nil, tj.SecondaryStatusFailed))

	assert.True(t, tj.IsContiguous(spot))
	assert.True(t, tj.IsContiguous(nil))
	assert.True(t, tj.IsContiguous(runningJob().SecondaryStatusTransitions), "an open last entry is fine")
	gap := completedJob().SecondaryStatusTransitions
	gap[1].EndTime = gap[1].EndTime.Add(-time.Millisecond)
	assert.False(t, tj.IsContiguous(gap))
	open := completedJob().SecondaryStatusTransitions
	open[0].EndTime = time.Time{}
	assert.False(t, tj.IsContiguous(open), "an open entry in the middle is not contiguous")
}
