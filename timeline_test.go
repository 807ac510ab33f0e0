package trainingjob_test

import (
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

func TestTimelineCompleted(t *testing.T) {
	job := completedJob()
	tl := tj.NewTimeline(&job, at(100*time.Hour))
	require.Len(t, tl.Phases, 5)
	assert.Equal(t, tj.Phase{Index: 1, Status: tj.SecondaryStatusDownloading, Start: at(2 * time.Minute), End: at(3 * time.Minute),
		Duration: time.Minute, Message: "Downloading input data"}, tl.Phases[1])
	assert.Equal(t, 2*time.Minute, tl.Queued)
	assert.Equal(t, time.Minute, tl.Downloading)
	assert.Equal(t, time.Hour, tl.Training)
	assert.Equal(t, time.Minute, tl.Uploading)
	assert.Zero(t, tl.Interrupted)
	assert.Equal(t, 64*time.Minute, tl.Total, "from the first start to the last end; now does not matter")
	assert.Empty(t, tl.Gaps)
	assert.Equal(t, time.Duration(0), tl.ByStatus[tj.SecondaryStatusCompleted])
}

// Repeated visits add up; an open phase runs to now.
func TestTimelineSpotAndOpen(t *testing.T) {
	spot := spotJob()
	tl := tj.NewTimeline(&spot, time.Time{})
	assert.Equal(t, (17+35)*time.Minute, tl.Training)
	assert.Equal(t, tl.Training, tl.ByStatus[tj.SecondaryStatusTraining])
	assert.Equal(t, 5*time.Minute, tl.Interrupted)
	assert.Equal(t, 4*time.Minute, tl.Queued, "two visits to Starting")
	assert.Equal(t, 2*time.Minute, tl.Downloading)

	running := runningJob()
	now := at(33 * time.Minute)
	tl = tj.NewTimeline(&running, now)
	last := tl.Phases[len(tl.Phases)-1]
	assert.True(t, last.Open)
	assert.True(t, last.End.IsZero())
	assert.Equal(t, 30*time.Minute, last.Duration)
	assert.Equal(t, 33*time.Minute, tl.Total)

	// A now before the open phase started gives no negative duration.
	tl = tj.NewTimeline(&running, at(time.Minute))
	assert.Zero(t, tl.Phases[2].Duration)
	assert.Equal(t, 3*time.Minute, tl.Total)
}

func TestTimelineGapsAndEdges(t *testing.T) {
	job := completedJob()
	job.SecondaryStatusTransitions[1].EndTime = at(150 * time.Second)
	tl := tj.NewTimeline(&job, time.Time{})
	assert.Equal(t, []tj.Gap{{After: 1, Start: at(150 * time.Second), End: at(3 * time.Minute), Duration: 30 * time.Second}}, tl.Gaps)

	assert.Equal(t, tj.Timeline{}, tj.NewTimeline(nil, time.Time{}))
	assert.Equal(t, tj.Timeline{}, tj.NewTimeline(&tj.TrainingJob{}, time.Time{}))

	deprecated := tj.TrainingJob{SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
		{Status: tj.SecondaryStatusLaunchingMLInstances, StartTime: base, EndTime: at(time.Minute)},
		{Status: tj.SecondaryStatusPreparingTrainingStack, StartTime: at(time.Minute), EndTime: at(2 * time.Minute)},
		{Status: tj.SecondaryStatusDownloadingTrainingImage, StartTime: at(2 * time.Minute), EndTime: at(4 * time.Minute)},
		{Status: "Hibernating", StartTime: at(4 * time.Minute), EndTime: at(9 * time.Minute)},
	}}
	tl = tj.NewTimeline(&deprecated, time.Time{})
	assert.Equal(t, 2*time.Minute, tl.Queued, "the 2018 statuses count as queued")
	assert.Equal(t, 2*time.Minute, tl.Downloading)
	assert.Equal(t, 5*time.Minute, tl.ByStatus["Hibernating"], "unknown statuses are still totalled")
	assert.Equal(t, 9*time.Minute, tl.Total)
}

func TestDurations(t *testing.T) {
	const maxDuration = time.Duration(math.MaxInt64)
	tests := []struct {
		name string
		job  tj.TrainingJob
		want tj.Durations
	}{
		{"on demand, two instances", completedJob(), tj.Durations{
			TrainingTime: 3720 * time.Second, HasTrainingTime: true, BillableTime: 3720 * time.Second, HasBillableTime: true,
			Span: 62 * time.Minute, HasSpan: true, Instances: 2,
			TotalTrainingSeconds: 7440, TotalBillableSeconds: 7440,
			TotalTrainingTime: 7440 * time.Second, HasTotalTraining: true, TotalBillableTime: 7440 * time.Second, HasTotalBillable: true,
			SpotSavings: 0, HasSpotSavings: true,
		}},
		{"managed spot", spotJob(), tj.Durations{
			TrainingTime: 3720 * time.Second, HasTrainingTime: true, BillableTime: 1200 * time.Second, HasBillableTime: true,
			Span: 62 * time.Minute, HasSpan: true, Instances: 2,
			TotalTrainingSeconds: 7440, TotalBillableSeconds: 2400,
			TotalTrainingTime: 7440 * time.Second, HasTotalTraining: true, TotalBillableTime: 2400 * time.Second, HasTotalBillable: true,
			SpotSavings: 1 - 1200.0/3720.0, HasSpotSavings: true,
		}},
		{"running: no billable time, no savings", runningJob(), tj.Durations{
			TrainingTime: 1800 * time.Second, HasTrainingTime: true, Instances: 2,
			TotalTrainingSeconds: 3600, TotalTrainingTime: 3600 * time.Second, HasTotalTraining: true,
		}},
		{"instance groups are summed", with(completedJob(), func(j *tj.TrainingJob) {
			j.ResourceConfig = &types.ResourceConfig{InstanceGroups: []types.InstanceGroup{
				{InstanceCount: aws.Int32(3)}, {InstanceCount: aws.Int32(1)}, {},
			}}
			j.BillableTimeInSeconds = 0
		}), tj.Durations{
			TrainingTime: 3720 * time.Second, HasTrainingTime: true, Span: 62 * time.Minute, HasSpan: true, Instances: 4,
			TotalTrainingSeconds: 4 * 3720, TotalTrainingTime: 4 * 3720 * time.Second, HasTotalTraining: true,
		}},
		// 2e11 instance-seconds: beyond int32, and beyond what a Duration
		// holds (about 9.2e9 seconds), which used to wrap to a negative
		// total.
		{"2,000,000,000 seconds on 100 instances", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds = 2_000_000_000
			j.BillableTimeInSeconds = 1_000_000
			j.ResourceConfig.InstanceCount = aws.Int32(100)
		}), tj.Durations{
			TrainingTime: 2_000_000_000 * time.Second, HasTrainingTime: true,
			BillableTime: 1_000_000 * time.Second, HasBillableTime: true, Instances: 100,
			TotalTrainingSeconds: 200_000_000_000, TotalTrainingTime: maxDuration, HasTotalTraining: true,
			TotalBillableSeconds: 100_000_000, TotalBillableTime: 100_000_000 * time.Second, HasTotalBillable: true,
			SpotSavings: 1 - 1_000_000.0/2_000_000_000.0, HasSpotSavings: true,
		}},
		// A product of two int32 values is exact in int64.
		{"the largest int32 figures", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds = math.MaxInt32
			j.ResourceConfig.InstanceCount = aws.Int32(math.MaxInt32)
		}), tj.Durations{
			TrainingTime: math.MaxInt32 * time.Second, HasTrainingTime: true, Instances: math.MaxInt32,
			TotalTrainingSeconds: math.MaxInt32 * math.MaxInt32, TotalTrainingTime: maxDuration, HasTotalTraining: true,
		}},
		// A thousand instances for 25 days pass int32 instance-seconds: a
		// real, if large, job.
		{"1,000 instances for 25 days", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds = 25 * 86400
			j.ResourceConfig.InstanceCount = aws.Int32(1000)
		}), tj.Durations{
			TrainingTime: 25 * 24 * time.Hour, HasTrainingTime: true, Instances: 1000,
			TotalTrainingSeconds: 2_160_000_000, TotalTrainingTime: 25_000 * 24 * time.Hour, HasTotalTraining: true,
		}},
		{"nothing known", tj.TrainingJob{TrainingEndTime: base, TrainingStartTime: at(time.Second)}, tj.Durations{}},
		{"billable without training time: no division", tj.TrainingJob{BillableTimeInSeconds: 10}, tj.Durations{
			BillableTime: 10 * time.Second, HasBillableTime: true,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.job.Durations()
			assert.InDelta(t, tt.want.SpotSavings, got.SpotSavings, 1e-12)
			got.SpotSavings, tt.want.SpotSavings = 0, 0
			assert.Equal(t, tt.want, got)
		})
	}
}

// Phases that each fit a Duration can add up to more than one holds (a
// history that runs for centuries); the sums stop at the largest Duration
// instead of wrapping to negative ones.
func TestTimelineSumsSaturate(t *testing.T) {
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	century := start.AddDate(100, 0, 0).Sub(start)
	var h []tj.SecondaryStatusTransition
	for i := range 4 {
		h = append(h, tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining,
			StartTime: start.AddDate(100*i, 0, 0), EndTime: start.AddDate(100*(i+1), 0, 0)})
	}
	job := tj.TrainingJob{SecondaryStatusTransitions: h}
	tl := tj.NewTimeline(&job, time.Time{})
	require.Len(t, tl.Phases, 4)
	assert.Equal(t, start.AddDate(400, 0, 0).Sub(start.AddDate(300, 0, 0)), tl.Phases[3].Duration)
	assert.Equal(t, time.Duration(math.MaxInt64), tl.Training, "four centuries do not fit a Duration")
	assert.Equal(t, time.Duration(math.MaxInt64), tl.ByStatus[tj.SecondaryStatusTraining])
	assert.Equal(t, time.Duration(math.MaxInt64), tl.Total, "Time.Sub stops at the largest Duration too")

	job.SecondaryStatusTransitions = h[:2]
	tl = tj.NewTimeline(&job, time.Time{})
	assert.Equal(t, start.AddDate(200, 0, 0).Sub(start), tl.Training, "two centuries fit")
	assert.Equal(t, century+tl.Phases[1].Duration, tl.Training)
}

func TestDiff(t *testing.T) {
	running := runningJob()
	stopping := running.Clone()
	stopping.TrainingJobStatus = tj.StatusStopping
	stopping.SecondaryStatusTransitions[2].StatusMessage = "Stopping requested"

	failed := failedJob()
	prevFailed := failed.Clone()
	prevFailed.TrainingJobStatus, prevFailed.SecondaryStatus = tj.StatusInProgress, tj.SecondaryStatusUploading
	prevFailed.FailureReason = ""
	prevFailed.SecondaryStatusTransitions = prevFailed.SecondaryStatusTransitions[:4]
	prevFailed.SecondaryStatusTransitions[3].EndTime = time.Time{}

	tests := []struct {
		name      string
		prev, cur *tj.TrainingJob
		want      []tj.ChangeKind
		indexes   []int
	}{
		{"first snapshot", nil, &running, []tj.ChangeKind{tj.ChangeStatus, tj.ChangeEntryAdded, tj.ChangeEntryAdded, tj.ChangeEntryAdded}, []int{-1, 0, 1, 2}},
		{"nothing changed", &running, &running, nil, nil},
		{"status and message", &running, &stopping, []tj.ChangeKind{tj.ChangeStatus, tj.ChangeEntryUpdated}, []int{-1, 2}},
		{"failure", &prevFailed, &failed, []tj.ChangeKind{tj.ChangeStatus, tj.ChangeFailureReason, tj.ChangeEntryClosed, tj.ChangeEntryAdded}, []int{-1, -1, 3, 4}},
		{"no current snapshot", &running, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := tj.Diff(tt.prev, tt.cur)
			var kinds []tj.ChangeKind
			var indexes []int
			for _, c := range changes {
				kinds = append(kinds, c.Kind)
				indexes = append(indexes, c.Index)
			}
			assert.Equal(t, tt.want, kinds)
			assert.Equal(t, tt.indexes, indexes)
		})
	}
	changes := tj.Diff(&prevFailed, &failed)
	assert.Equal(t, tj.StatusInProgress, changes[0].OldStatus)
	assert.Equal(t, tj.StatusFailed, changes[0].NewStatus)
	assert.Equal(t, tj.SecondaryStatusUploading, changes[0].OldSecondary)
	assert.Equal(t, tj.SecondaryStatusFailed, changes[0].NewSecondary)
	assert.Equal(t, failed.FailureReason, changes[1].FailureReason)
	assert.Equal(t, failed.SecondaryStatusTransitions[4], changes[3].Entry)
}

func TestChangeKindNames(t *testing.T) {
	for k, name := range map[tj.ChangeKind]string{
		tj.ChangeStatus: "StatusChanged", tj.ChangeEntryAdded: "EntryAdded", tj.ChangeEntryUpdated: "EntryUpdated",
		tj.ChangeEntryClosed: "EntryClosed", tj.ChangeFailureReason: "FailureReason", 0: "ChangeKind(0)",
	} {
		assert.Equal(t, name, k.String())
	}
}

func TestProgressLines(t *testing.T) {
	running := runningJob()
	assert.Equal(t, []string{
		"2024-03-08 10:00:00 UTC Starting - Preparing the instances for training",
		"2024-03-08 10:02:00 UTC Downloading - Downloading input data",
		"2024-03-08 10:03:00 UTC Training - Training image download completed. Training in progress.",
	}, tj.ProgressLines(nil, &running))

	next := completedJob()
	next.LastModifiedTime = at(5 * time.Hour)
	assert.Equal(t, []string{
		"2024-03-08 11:03:00 UTC Uploading - Uploading generated training model",
		"2024-03-08 11:04:00 UTC Completed - Training job completed",
	}, tj.ProgressLines(&running, &next), "stamped with each entry's start, not LastModifiedTime; closing Training adds no line")

	assert.Empty(t, tj.ProgressLines(&next, &next))

	zone := time.FixedZone("X", -5*3600)
	assert.Equal(t, "2024-03-08 10:00:00 UTC Pending", tj.ProgressLine(tj.SecondaryStatusTransition{
		Status: tj.SecondaryStatusPending, StartTime: base.In(zone), StatusMessage: "  ",
	}), "UTC whatever the zone; no dash without a message")
	assert.Equal(t, "- (no status)", tj.ProgressLine(tj.SecondaryStatusTransition{}))
}
