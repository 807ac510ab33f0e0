package trainingjob_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// eventTimeMembers are the timestamp members that the event form writes in
// epoch milliseconds where a DescribeTrainingJob response writes seconds.
var eventTimeMembers = map[string]bool{
	"CreationTime": true, "TrainingStartTime": true, "TrainingEndTime": true, "LastModifiedTime": true,
	"StartTime": true, "EndTime": true, "Timestamp": true,
}

// describeToEvent rewrites a DescribeTrainingJob response as the
// EventBridge event the service would send for the same job at the same
// moment: the job becomes the detail of a "SageMaker Training Job State
// Change" envelope, times are epoch milliseconds, history entries lose their
// EndTime, and Tags is an object (here empty), as in
// testdata/events/state-change-completed.json and the documentation's sample
// (https://github.com/awsdocs/amazon-sagemaker-developer-guide/blob/master/doc_source/automating-sagemaker-with-eventbridge.md).
// The event's time is the job's LastModifiedTime, the moment it describes.
func describeToEvent(t *testing.T, describe []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(describe))
	dec.UseNumber()
	var detail map[string]any
	require.NoError(t, dec.Decode(&detail))
	var walk func(key string, v any) any
	walk = func(key string, v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				v[k] = walk(k, x)
			}
		case []any:
			for i, x := range v {
				if key == "SecondaryStatusTransitions" {
					delete(x.(map[string]any), "EndTime")
				}
				v[i] = walk("", x)
			}
		case json.Number:
			if eventTimeMembers[key] {
				f, err := v.Float64()
				require.NoError(t, err)
				return json.Number(strconv.FormatInt(int64(math.Round(f*1000)), 10))
			}
		}
		return v
	}
	walk("", detail)
	detail["Tags"] = map[string]any{}
	modified, err := json.Number(detail["LastModifiedTime"].(json.Number)).Int64()
	require.NoError(t, err)
	name, _ := detail["TrainingJobName"].(string)
	event := map[string]any{
		"version": "0", "id": "00000000-0000-4000-8000-000000000021", "detail-type": tj.EventDetailType,
		"source": "aws.sagemaker", "account": "123456789012", "region": "eu-west-1",
		"time":      time.UnixMilli(modified).UTC().Format(time.RFC3339),
		"resources": []string{"arn:aws:sagemaker:eu-west-1:123456789012:training-job/" + name},
		"detail":    detail,
	}
	out, err := json.Marshal(event)
	require.NoError(t, err)
	return out
}

func readForm(t *testing.T, want tj.Form, data []byte) *tj.Document {
	t.Helper()
	doc, err := tj.ReadDocument(data)
	require.NoError(t, err)
	require.Equal(t, want, doc.Form)
	return doc
}

// earlier returns the snapshot of job at the moment its history had only
// its first n entries, in the same form: the job was running, in the status
// of entry n-1, and that entry was open.
func earlier(job *tj.TrainingJob, n int) *tj.TrainingJob {
	e := job.Clone()
	e.SecondaryStatusTransitions = e.SecondaryStatusTransitions[:n]
	e.SecondaryStatusTransitions[n-1].EndTime = time.Time{}
	e.TrainingJobStatus, e.SecondaryStatus = tj.StatusInProgress, e.SecondaryStatusTransitions[n-1].Status
	e.FailureReason, e.TrainingEndTime = "", time.Time{}
	return &e
}

// withoutInferred clears Phase.EndInferred, the one thing in which the
// timelines of the two forms differ.
func withoutInferred(tl tj.Timeline) tj.Timeline {
	tl.Phases = append([]tj.Phase(nil), tl.Phases...)
	for i := range tl.Phases {
		tl.Phases[i].EndInferred = false
	}
	return tl
}

// An EventBridge event and the DescribeTrainingJob response of the same job
// at the same moment give the same timeline, durations, progress lines and
// diffs. Every describe sample is paired with the event rewritten from it,
// and the committed event samples with their describe counterparts.
func TestTimelineEventEqualsDescribe(t *testing.T) {
	type pair struct {
		name            string
		event, describe []byte
		// laterDescribe: the describe response is from a later moment with
		// the same history (it carries a TrainingTimeInSeconds and metrics
		// the event predates), so only what the history decides is compared.
		laterDescribe bool
	}
	var pairs []pair
	files, err := filepath.Glob(filepath.Join("testdata", "describe", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		d, err := os.ReadFile(f)
		require.NoError(t, err)
		pairs = append(pairs, pair{name: "rewritten " + filepath.Base(f), event: describeToEvent(t, d), describe: d})
	}
	for _, p := range []struct {
		event, describe string
		later           bool
	}{
		{"state-change-completed.json", "completed.json", false},
		{"state-change-in-progress.json", "in-progress.json", true},
	} {
		ev, err := os.ReadFile(filepath.Join("testdata", "events", p.event))
		require.NoError(t, err)
		d, err := os.ReadFile(filepath.Join("testdata", "describe", p.describe))
		require.NoError(t, err)
		pairs = append(pairs, pair{name: p.event, event: ev, describe: d, laterDescribe: p.later})
	}

	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			evDoc := readForm(t, tj.FormEvent, p.event)
			descDoc := readForm(t, tj.FormDescribe, p.describe)
			ev, desc := &evDoc.Job, &descDoc.Job
			for _, e := range ev.SecondaryStatusTransitions {
				require.True(t, e.IsOpen(), "the event form has no EndTime")
			}
			now := evDoc.Event.Time.Add(time.Minute)

			evTL, descTL := tj.NewTimeline(ev, now), tj.NewTimeline(desc, now)
			assert.Equal(t, withoutInferred(descTL), withoutInferred(evTL))
			open := 0
			var sum time.Duration
			for i, ph := range evTL.Phases {
				assert.Equal(t, !ph.Open, ph.EndInferred, "phase %d: every end of an event is inferred", i)
				assert.False(t, descTL.Phases[i].EndInferred, "phase %d: a describe response gives its ends", i)
				if ph.Open {
					open++
					assert.Equal(t, len(evTL.Phases)-1, i, "only the last phase may be open")
				}
				sum += ph.Duration
			}
			if ev.IsTerminal() || ev.TrainingJobStatus == tj.StatusDeleting {
				assert.Zero(t, open, "a finished job's history is closed")
			}
			assert.Equal(t, evTL.Total, sum, "the phases add up to the total")

			if !p.laterDescribe {
				assert.Equal(t, desc.Durations(), ev.Durations())
			}

			assert.Equal(t, tj.ProgressLines(nil, desc), tj.ProgressLines(nil, ev))
			assert.Equal(t, tj.Diff(nil, desc), tj.Diff(nil, ev))
			for n := 1; n < len(ev.SecondaryStatusTransitions); n++ {
				prevEv, prevDesc := earlier(ev, n), earlier(desc, n)
				want := tj.Diff(prevDesc, desc)
				assert.Equal(t, want, tj.Diff(prevEv, ev), "events after %d entries", n)
				assert.Equal(t, want, tj.Diff(prevDesc, ev), "describe, then event, after %d entries", n)
				assert.Equal(t, want, tj.Diff(prevEv, desc), "event, then describe, after %d entries", n)
				assert.Equal(t, tj.ProgressLines(prevDesc, desc), tj.ProgressLines(prevEv, ev), "after %d entries", n)
			}
		})
	}
}

// The event of issue 21: without closing, every phase ran to now and the
// parts added up to more than the whole.
func TestTimelineInProgressEvent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "events", "state-change-in-progress.json"))
	require.NoError(t, err)
	doc := readForm(t, tj.FormEvent, data)
	tl := tj.NewTimeline(&doc.Job, doc.Event.Time)
	require.Len(t, tl.Phases, 3)
	assert.Equal(t, []bool{false, false, true}, []bool{tl.Phases[0].Open, tl.Phases[1].Open, tl.Phases[2].Open})
	assert.Equal(t, []bool{true, true, false}, []bool{tl.Phases[0].EndInferred, tl.Phases[1].EndInferred, tl.Phases[2].EndInferred})
	assert.Equal(t, 4*time.Minute+30*time.Second+739*time.Millisecond, tl.Queued, "Starting ends where Downloading begins")
	assert.Equal(t, 7*time.Minute+32*time.Second+575*time.Millisecond, tl.Downloading)
	assert.Equal(t, tl.Queued+tl.Downloading+tl.Training, tl.Total)
}

// NewTimeline's closing rules, entry by entry.
func TestTimelineClosesHistory(t *testing.T) {
	entries := func(statuses ...tj.SecondaryStatus) []tj.SecondaryStatusTransition {
		h := make([]tj.SecondaryStatusTransition, len(statuses))
		for i, s := range statuses {
			h[i] = tj.SecondaryStatusTransition{Status: s, StartTime: at(time.Duration(i) * time.Minute)}
		}
		return h
	}
	now := at(time.Hour)
	tests := []struct {
		name     string
		job      tj.TrainingJob
		ends     []time.Time // zero: open
		inferred []bool
		total    time.Duration
	}{
		{"running: the last entry is open", tj.TrainingJob{TrainingJobStatus: tj.StatusInProgress,
			SecondaryStatusTransitions: entries(tj.SecondaryStatusStarting, tj.SecondaryStatusTraining)},
			[]time.Time{at(time.Minute), {}}, []bool{true, false}, time.Hour},
		{"finished: the terminal entry lasts no time", tj.TrainingJob{TrainingJobStatus: tj.StatusCompleted,
			SecondaryStatusTransitions: entries(tj.SecondaryStatusTraining, tj.SecondaryStatusCompleted)},
			[]time.Time{at(time.Minute), at(time.Minute)}, []bool{true, true}, time.Minute},
		{"deleting counts as finished", tj.TrainingJob{TrainingJobStatus: tj.StatusDeleting,
			SecondaryStatusTransitions: entries(tj.SecondaryStatusTraining, tj.SecondaryStatusFailed)},
			[]time.Time{at(time.Minute), at(time.Minute)}, []bool{true, true}, time.Minute},
		{"stopping: a non-terminal last entry stays open", tj.TrainingJob{TrainingJobStatus: tj.StatusStopping,
			SecondaryStatusTransitions: entries(tj.SecondaryStatusStarting)},
			[]time.Time{{}}, []bool{false}, time.Hour},
		{"finished without a terminal entry: the last stays open", tj.TrainingJob{TrainingJobStatus: tj.StatusStopped,
			SecondaryStatusTransitions: entries(tj.SecondaryStatusStarting, tj.SecondaryStatusTraining)},
			[]time.Time{at(time.Minute), {}}, []bool{true, false}, time.Hour},
		{"given ends are kept", tj.TrainingJob{TrainingJobStatus: tj.StatusInProgress,
			SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
				{Status: tj.SecondaryStatusStarting, StartTime: base, EndTime: at(30 * time.Second)},
				{Status: tj.SecondaryStatusTraining, StartTime: at(time.Minute), EndTime: at(2 * time.Minute)},
			}},
			[]time.Time{at(30 * time.Second), at(2 * time.Minute)}, []bool{false, false}, 2 * time.Minute},
		{"a next entry that starts earlier gives no end", tj.TrainingJob{TrainingJobStatus: tj.StatusInProgress,
			SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
				{Status: tj.SecondaryStatusStarting, StartTime: at(2 * time.Minute)},
				{Status: tj.SecondaryStatusTraining, StartTime: at(time.Minute)},
			}},
			[]time.Time{{}, {}}, []bool{false, false}, 58 * time.Minute},
		{"a next entry without a start gives no end", tj.TrainingJob{TrainingJobStatus: tj.StatusInProgress,
			SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
				{Status: tj.SecondaryStatusStarting, StartTime: base},
				{Status: tj.SecondaryStatusTraining},
			}},
			[]time.Time{{}, {}}, []bool{false, false}, time.Hour},
		{"a terminal entry without a start stays open", tj.TrainingJob{TrainingJobStatus: tj.StatusFailed,
			SecondaryStatusTransitions: []tj.SecondaryStatusTransition{{Status: tj.SecondaryStatusFailed}}},
			[]time.Time{{}}, []bool{false}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := tj.NewTimeline(&tt.job, now)
			require.Len(t, tl.Phases, len(tt.ends))
			for i, ph := range tl.Phases {
				assert.Equal(t, tt.ends[i], ph.End, "phase %d end", i)
				assert.Equal(t, tt.ends[i].IsZero(), ph.Open, "phase %d open", i)
				assert.Equal(t, tt.inferred[i], ph.EndInferred, "phase %d inferred", i)
			}
			assert.Equal(t, tt.total, tl.Total)
			assert.Empty(t, tj.Diff(&tt.job, &tt.job))
		})
	}
}
