package trainingjob_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// asEvent returns job as ReadDocument gives it back from MarshalEvent's
// output: the history without end times, the tags sorted by key, and every
// empty structure, map or list, at any depth, absent (the event form reads {} and []
// as absent; MarshalEvent writes "Tags": {} for a job without tags).
func asEvent(job tj.TrainingJob) tj.TrainingJob {
	job = job.Clone()
	for i := range job.SecondaryStatusTransitions {
		job.SecondaryStatusTransitions[i].EndTime = time.Time{}
	}
	slices.SortStableFunc(job.Tags, func(a, b types.Tag) int { return strings.Compare(aws.ToString(a.Key), aws.ToString(b.Key)) })
	emptyToNil(reflect.ValueOf(&job).Elem())
	return job
}

// emptyToNil sets every empty map, slice and structure pointer reachable
// from v to nil.
func emptyToNil(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			emptyToNil(v.Elem())
			if v.Elem().Kind() == reflect.Struct && v.Elem().IsZero() && v.CanSet() {
				v.Set(reflect.Zero(v.Type())) // written {}, read as absent
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				emptyToNil(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			if !v.IsNil() && v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
			return
		}
		for i := range v.Len() {
			emptyToNil(v.Index(i))
		}
	case reflect.Map:
		if v.Len() == 0 && !v.IsNil() && v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
		}
	}
}

func TestMarshalEventForm(t *testing.T) {
	job := completedJob()
	job.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("vision")}, {Key: aws.String("cost-center"), Value: aws.String("42")}}
	data, err := tj.MarshalEvent(&job, tj.Event{})
	require.NoError(t, err)

	var ev map[string]any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&ev))
	assert.Equal(t, "0", ev["version"])
	assert.Equal(t, "SageMaker Training Job State Change", ev["detail-type"])
	assert.Equal(t, "aws.sagemaker", ev["source"])
	assert.Equal(t, "123456789012", ev["account"])
	assert.Equal(t, "us-east-1", ev["region"])
	assert.Equal(t, "2024-03-08T11:04:00Z", ev["time"], "LastModifiedTime, whole seconds")
	assert.Equal(t, []any{job.TrainingJobArn}, ev["resources"])
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, ev["id"])

	detail := ev["detail"].(map[string]any)
	assert.Equal(t, json.Number("1709892000123"), detail["CreationTime"], "epoch milliseconds, a JSON number")
	assert.Equal(t, json.Number("1709895840123"), detail["LastModifiedTime"])
	assert.Equal(t, map[string]any{"team": "vision", "cost-center": "42"}, detail["Tags"], "tags as one object")
	history := detail["SecondaryStatusTransitions"].([]any)
	require.Len(t, history, 5)
	for _, e := range history {
		assert.NotContains(t, e, "EndTime")
		assert.IsType(t, json.Number(""), e.(map[string]any)["StartTime"])
	}
	metric := detail["FinalMetricDataList"].([]any)[0].(map[string]any)
	assert.Equal(t, json.Number("1709895840123"), metric["Timestamp"], "nested times are milliseconds too")

	// A job without tags has "Tags": {}, as in the documentation's sample.
	job.Tags = nil
	data, err = tj.MarshalEvent(&job, tj.Event{})
	require.NoError(t, err)
	assert.Contains(t, string(data), `"Tags":{}}}`)

	// The same job and time give the same event; another time another id.
	again, err := tj.MarshalEvent(&job, tj.Event{})
	require.NoError(t, err)
	assert.Equal(t, data, again)
	later, err := tj.MarshalEvent(&job, tj.Event{Time: job.LastModifiedTime.Add(time.Minute)})
	require.NoError(t, err)
	a, err := tj.ReadDocument(data)
	require.NoError(t, err)
	b, err := tj.ReadDocument(later)
	require.NoError(t, err)
	assert.NotEqual(t, a.Event.ID, b.Event.ID)

	// An empty job, given a time, is an event with an empty detail.
	data, err = tj.MarshalEvent(&tj.TrainingJob{}, tj.Event{Time: base})
	require.NoError(t, err)
	assert.Contains(t, string(data), `"resources":[],"detail":{`)
	assert.True(t, strings.HasSuffix(string(data), `"Tags":{}}}`), "%s", data)
	doc, err := tj.ReadDocument(data)
	require.NoError(t, err)
	assert.Equal(t, tj.TrainingJob{}, doc.Job, `"Tags": {} reads as absent in an event`)
}

func TestMarshalEventEnvelope(t *testing.T) {
	job := runningJob()
	at := time.Date(2024, 3, 8, 10, 3, 0, 999_000_000, time.UTC)
	tests := []struct {
		name string
		env  tj.Event
		want tj.Event
	}{
		{"defaults", tj.Event{}, tj.Event{Version: "0", DetailType: tj.EventDetailType, Source: "aws.sagemaker", Account: "123456789012",
			Time: time.Date(2024, 3, 8, 10, 3, 0, 0, time.UTC), Region: "us-east-1", Resources: []string{job.TrainingJobArn}}},
		{"given", tj.Event{ID: "x-1", Account: "210987654321", Region: "eu-west-1", Time: at.In(time.FixedZone("", 3600)), Resources: []string{}},
			tj.Event{Version: "0", ID: "x-1", DetailType: tj.EventDetailType, Source: "aws.sagemaker", Account: "210987654321",
				Time: time.Date(2024, 3, 8, 10, 3, 0, 0, time.UTC), Region: "eu-west-1", Resources: []string{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tj.MarshalEvent(&job, tc.env)
			require.NoError(t, err)
			doc, err := tj.ReadDocument(data)
			require.NoError(t, err)
			require.Equal(t, tj.FormEvent, doc.Form)
			got := *doc.Event
			if tc.want.ID == "" {
				assert.NotEmpty(t, got.ID)
				got.ID = ""
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestMarshalEventRoundTrip(t *testing.T) {
	withTags := completedJob()
	withTags.Tags = tags(5)
	noName := runningJob()
	noName.TrainingJobArn = ""
	tests := []struct {
		name string
		job  tj.TrainingJob
	}{
		{"completed", completedJob()},
		{"running", runningJob()},
		{"failed", failedJob()},
		{"spot", spotJob()},
		{"MaxRuntimeExceeded", stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded)},
		{"tags", withTags},
		{"no ARN", noName},
	}
	for seed := uint64(1); seed <= 20; seed++ {
		tests = append(tests, struct {
			name string
			job  tj.TrainingJob
		}{"random", trainingjobtest.Random(seed)})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tj.MarshalEvent(&tc.job, tj.Event{})
			require.NoError(t, err)
			require.True(t, json.Valid(data))
			doc, err := tj.ReadDocument(data)
			require.NoError(t, err)
			require.Equal(t, tj.FormEvent, doc.Form)
			assert.Equal(t, asEvent(tc.job), doc.Job)
			if tc.job.Validate() == nil {
				assert.NoError(t, doc.Job.Validate(), "an event of a valid job is valid")
			}
		})
	}
}

func TestMarshalEventErrors(t *testing.T) {
	early := completedJob()
	early.SecondaryStatusTransitions[1].StartTime = time.Date(1972, 1, 1, 0, 0, 0, 0, time.UTC)
	late := completedJob()
	late.CreationTime = time.Date(6000, 1, 1, 0, 0, 0, 0, time.UTC)
	nested := completedJob()
	nested.FinalMetricDataList[0].Timestamp = aws.Time(time.Date(1971, 1, 1, 0, 0, 0, 0, time.UTC))
	job := completedJob()
	tests := []struct {
		name string
		job  *tj.TrainingJob
		env  tj.Event
		want string
	}{
		{"nil job", nil, tj.Event{}, "nil *TrainingJob"},
		{"detail-type", &job, tj.Event{DetailType: "SageMaker Processing Job State Change"}, `detail-type "SageMaker Processing Job State Change" is not`},
		{"history before 1973", &early, tj.Event{}, "SecondaryStatusTransitions[1].StartTime: time 1972-01-01T00:00:00Z cannot be written"},
		{"after 5138", &late, tj.Event{Time: job.LastModifiedTime}, "CreationTime: time 6000-01-01T00:00:00Z"},
		{"nested", &nested, tj.Event{}, "cannot write time 1971-01-01T00:00:00Z as epoch milliseconds"},
		{"no time", &tj.TrainingJob{TrainingJobName: "a"}, tj.Event{}, "no event time"},
		{"envelope time", &job, tj.Event{Time: time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC)}, "event time 1969-01-01T00:00:00Z is outside"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tj.MarshalEvent(tc.job, tc.env)
			require.Error(t, err)
			assert.Nil(t, data)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "trainingjob: "), err.Error())
			var de *tj.DecodeError
			assert.False(t, errors.As(err, &de))
		})
	}
}

// FuzzMarshalEvent writes random jobs, valid ones and mutated ones, as
// events: MarshalEvent never panics, writes valid JSON whenever it
// succeeds, and ReadDocument reads every event it writes back to the same
// job in the event form; an event of a job valid by default is valid by
// default.
func FuzzMarshalEvent(f *testing.F) {
	f.Add(uint64(1), []byte{})
	f.Add(uint64(7), []byte{0, 0})
	f.Add(uint64(42), []byte{1, 0, 5, 1, 0, 2, 3, 200, 0, 0, 0, 0})
	f.Add(uint64(1000), []byte{2, 6, 1, 7, 0, 3, 11, 30, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		job := trainingjobtest.Random(seed)
		in := &fuzzInput{data: data}
		for steps := 0; !in.empty() && steps < 16; steps++ {
			mutateJob(&job, in)
		}
		out, err := tj.MarshalEvent(&job, tj.Event{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "trainingjob: ") {
				t.Fatalf("error without the package's prefix: %v", err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("MarshalEvent wrote invalid JSON: %q", out)
		}
		doc, err := tj.ReadDocument(out)
		if err != nil {
			t.Fatalf("ReadDocument refused MarshalEvent's output: %v\n%s", err, out)
		}
		// Times are written to the millisecond and invalid UTF-8 as U+FFFD
		// (which moves a map key in the sorted order): compare the jobs in
		// the wire form, each written, read and written again.
		a, errA := canonical(asEvent(job))
		b, errB := canonical(doc.Job)
		if errA == nil && (errB != nil || a != b) {
			t.Fatalf("the event reads back as another job (%v):\nwant %s\ngot  %s", errB, a, b)
		}
		if job.Validate() == nil {
			if err := doc.Job.Validate(); err != nil {
				t.Fatalf("the event of a valid job is invalid: %v", err)
			}
		}
	})
}

// canonical writes job, reads it back and writes it again.
func canonical(job tj.TrainingJob) (string, error) {
	data, err := tj.Marshal(&job)
	if err != nil {
		return "", err
	}
	var back tj.TrainingJob
	if err := tj.Unmarshal(data, &back); err != nil {
		return "", err
	}
	data, err = tj.Marshal(&back)
	return string(data), err
}
