package trainingjob_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
	"github.com/trainingjob-go/trainingjob/internal/wire"
	"github.com/trainingjob-go/trainingjob/internal/wiregen"
)

func roundTrip(t *testing.T, job tj.TrainingJob) tj.TrainingJob {
	t.Helper()
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	require.True(t, json.Valid(data), "Marshal writes valid JSON: %s", data)
	var back tj.TrainingJob
	require.NoError(t, tj.Unmarshal(data, &back))
	again, err := tj.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "marshalling is deterministic and stable")
	return back
}

func TestJSONRoundTrip(t *testing.T) {
	var filled tj.TrainingJob
	reflectfill.Fill(&filled, 3)
	for name, job := range map[string]tj.TrainingJob{
		"completed": completedJob(), "running": runningJob(), "failed": failedJob(), "spot": spotJob(),
		"zero": {}, "every member set": filled,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, job, roundTrip(t, job))
		})
	}
}

func TestJSONKeepsNilAndEmpty(t *testing.T) {
	job := tj.TrainingJob{
		TrainingJobName:            "j",
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{},
		HyperParameters:            map[string]string{},
		InputDataConfig:            []types.Channel{},
		VpcConfig:                  &types.VpcConfig{Subnets: []string{}},
	}
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	assert.JSONEq(t, `{"TrainingJobName":"j","HyperParameters":{},"InputDataConfig":[],"VpcConfig":{"Subnets":[]},"SecondaryStatusTransitions":[]}`, string(data))
	assert.Equal(t, job, roundTrip(t, job))
}

// Times keep milliseconds through a round trip; finer digits are dropped,
// as the service has no finer precision.
func TestJSONTimePrecision(t *testing.T) {
	job := tj.TrainingJob{CreationTime: time.Date(2024, 3, 8, 10, 0, 0, 123_456_789, time.FixedZone("X", 3600))}
	back := roundTrip(t, job)
	assert.Equal(t, time.Date(2024, 3, 8, 9, 0, 0, 123_000_000, time.UTC), back.CreationTime)
	for _, bad := range []time.Time{time.Unix(-1, 0), time.Unix(1e11, 0), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)} {
		_, err := tj.Marshal(&tj.TrainingJob{CreationTime: bad})
		assert.ErrorContains(t, err, "holds times from 1970 to 5138", "%v", bad)
		_, err = tj.SecondaryStatusTransition{StartTime: bad}.MarshalJSON()
		assert.Error(t, err)
	}
	latest := tj.TrainingJob{CreationTime: time.Unix(1e11-1, 999_000_000).UTC()}
	assert.Equal(t, latest, roundTrip(t, latest), "the latest time the wire format holds")
	data, _ := tj.Marshal(&tj.TrainingJob{CreationTime: time.Unix(1709892000, 100_000_000)})
	assert.Equal(t, `{"CreationTime":1709892000.1}`, string(data))
	data, _ = tj.Marshal(&tj.TrainingJob{CreationTime: time.Unix(1709892000, 0)})
	assert.Equal(t, `{"CreationTime":1709892000}`, string(data))
}

func TestUnmarshalTimestampForms(t *testing.T) {
	want := time.Date(2024, 3, 8, 10, 0, 0, 123_000_000, time.UTC)
	whole := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name, value string
		want        time.Time
	}{
		{"integer seconds", `1709892000`, whole},
		{"decimal seconds", `1709892000.123`, want},
		{"exponent seconds", `1.709892000123E9`, want},
		{"lower-case exponent", `1.709892000123e+9`, want},
		{"exponent with a long fraction", `1.7098920001230000E9`, want},
		{"decimal beyond nanoseconds", `1709892000.1230000004`, want},
		{"epoch milliseconds", `1709892000123`, want},
		{"quoted milliseconds", `"1709892000123"`, want},
		{"quoted seconds", `"1709892000.123"`, want},
		{"ISO with Z, no fraction", `"2024-03-08T10:00:00Z"`, whole},
		{"ISO with Z, 3 digits", `"2024-03-08T10:00:00.123Z"`, want},
		{"ISO with an offset, 6 digits", `"2024-03-08T11:00:00.123000+01:00"`, want},
		{"ISO with a negative offset", `"2024-03-08T05:00:00.123-05:00"`, want},
		{"ISO with +00:00 and no fraction", `"2024-03-08T10:00:00+00:00"`, whole},
		{"zero", `0`, time.Unix(0, 0).UTC()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal([]byte(`{"CreationTime":`+tt.value+`}`), &job))
			assert.Equal(t, tt.want, job.CreationTime)
			assert.Equal(t, time.UTC, job.CreationTime.Location())
		})
	}
}

func TestUnmarshalBadTimestamps(t *testing.T) {
	for _, value := range []string{
		`"yesterday"`, `"2024-03-08 10:00:00"`, `"08/03/2024"`, `"NaN"`, `"Infinity"`, `true`, `{}`, `[]`,
		`-1`, `"-5"`, `1e400`, `253402300800000000`, `100000000000000`, `"5138-11-16T09:46:40Z"`, `"1969-12-31T23:59:59Z"`, `"10000-01-01T00:00:00Z"`,
	} {
		t.Run(value, func(t *testing.T) {
			var job tj.TrainingJob
			err := tj.Unmarshal([]byte(`{"TrainingJobName":"x","SecondaryStatusTransitions":[{"StartTime":`+value+`}]}`), &job)
			require.Error(t, err)
			var de *tj.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "SecondaryStatusTransitions[0].StartTime", de.Path)
			assert.Equal(t, int64(strings.Index(`{"TrainingJobName":"x","SecondaryStatusTransitions":[{"StartTime":`, "[{")+14), de.Offset)
			assert.True(t, errors.Is(err, tj.ErrTimestamp) || errors.Is(err, tj.ErrType), "%v", err)
		})
	}
}

func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		path     string
		offset   int64
	}{
		{"empty", ``, tj.ErrSyntax, "", 0},
		{"truncated", `{"TrainingJobName":"a`, tj.ErrSyntax, "TrainingJobName", 21},
		{"truncated after a member", `{"TrainingJobName":"a",`, tj.ErrSyntax, "", 23},
		{"missing colon", `{"TrainingJobName" "a"}`, tj.ErrSyntax, "", 19},
		{"trailing comma", `{"TrainingJobName":"a",}`, tj.ErrSyntax, "", 23},
		{"garbage after", `{} x`, tj.ErrSyntax, "", 3},
		{"not an object", `["a"]`, tj.ErrType, "", 0},
		{"number for a string", `{"TrainingJobName":5}`, tj.ErrType, "TrainingJobName", 19},
		{"string for a number", `{"TrainingTimeInSeconds":"5"}`, tj.ErrType, "TrainingTimeInSeconds", 25},
		{"fraction for an integer", `{"TrainingTimeInSeconds":1.5}`, tj.ErrType, "TrainingTimeInSeconds", 25},
		{"int32 overflow", `{"TrainingTimeInSeconds":2147483648}`, tj.ErrType, "TrainingTimeInSeconds", 25},
		{"string for a bool", `{"EnableNetworkIsolation":"true"}`, tj.ErrType, "EnableNetworkIsolation", 26},
		{"object for a list", `{"SecondaryStatusTransitions":{}}`, tj.ErrType, "SecondaryStatusTransitions", 30},
		{"nested wrong type", `{"ResourceConfig":{"InstanceCount":"two"}}`, tj.ErrType, "ResourceConfig.InstanceCount", 35},
		{"map value", `{"HyperParameters":{"lr":1}}`, tj.ErrType, `HyperParameters["lr"]`, 25},
		{"list element", `{"InputDataConfig":[{},{"ChannelName":[]}]}`, tj.ErrType, "InputDataConfig[1].ChannelName", 38},
		{"bad escape", `{"TrainingJobName":"a\x"}`, tj.ErrSyntax, "TrainingJobName", 22},
		{"control character", "{\"TrainingJobName\":\"a\nb\"}", tj.ErrSyntax, "TrainingJobName", 21},
		{"bad number", `{"TrainingTimeInSeconds":01}`, tj.ErrSyntax, "TrainingTimeInSeconds", 25},
		{"bad literal", `{"EnableNetworkIsolation":tru}`, tj.ErrSyntax, "EnableNetworkIsolation", 26},
		{"float out of range", `{"FinalMetricDataList":[{"Value":1e39}]}`, tj.ErrType, "FinalMetricDataList[0].Value", 33},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			err := tj.Unmarshal([]byte(tt.in), &job)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			var de *tj.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.path, de.Path)
			assert.Equal(t, tt.offset, de.Offset)
			assert.Contains(t, err.Error(), "(at byte ")
		})
	}
}

func TestUnmarshalLimits(t *testing.T) {
	deep := strings.Repeat(`{"a":`, tj.MaxDepth) + "1" + strings.Repeat("}", tj.MaxDepth)
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(deep), &job), "exactly MaxDepth levels pass")
	tooDeep := `{"x":` + strings.Repeat("[", tj.MaxDepth) + strings.Repeat("]", tj.MaxDepth) + "}"
	err := tj.Unmarshal([]byte(tooDeep), &job)
	assert.ErrorIs(t, err, tj.ErrTooDeep)

	big := make([]byte, tj.MaxDocumentSize+1)
	err = tj.Unmarshal(big, &job)
	assert.ErrorIs(t, err, tj.ErrTooLarge)
	_, err = tj.ReadDocument(big)
	assert.ErrorIs(t, err, tj.ErrTooLarge)
	t.Run("ReadDocumentFrom", func(t *testing.T) {
		skipWholeLimitDocsUnderRace(t) // it reads the whole input first
		_, err := tj.ReadDocumentFrom(bytes.NewReader(big))
		assert.ErrorIs(t, err, tj.ErrTooLarge)
	})

	assert.Error(t, tj.Unmarshal([]byte(`{}`), nil))
}

func TestUnmarshalUnknownMembersAndValues(t *testing.T) {
	in := `{"TrainingJobName":"a","FutureMember":{"x":[1,2,{"y":null}],"z":"\u00e9"},"TrainingJobStatus":"Paused",
		"SecondaryStatus":"Hibernating","ResourceConfig":{"InstanceType":"ml.future.96xlarge","NewThing":true},
		"SecondaryStatusTransitions":[{"Status":"Hibernating","StartTime":1709892000,"Extra":1}]}`
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(in), &job))
	assert.Equal(t, tj.Status("Paused"), job.TrainingJobStatus)
	assert.Equal(t, tj.SecondaryStatus("Hibernating"), job.SecondaryStatus)
	assert.Equal(t, types.TrainingInstanceType("ml.future.96xlarge"), job.ResourceConfig.InstanceType)
	assert.Equal(t, tj.SecondaryStatus("Hibernating"), job.SecondaryStatusTransitions[0].Status)
	assert.NoError(t, job.Validate(), "unknown values pass default validation")
}

func TestUnmarshalStrings(t *testing.T) {
	in := `{"TrainingJobName":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x","FailureReason":"caf\u00e9 ✓"}`
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(in), &job))
	assert.Equal(t, "a\"b\\c/d\b\f\n\r\té😀\ufffdx", job.TrainingJobName)
	assert.Equal(t, "café ✓", job.FailureReason)
	assert.Equal(t, job, roundTrip(t, job))

	data, err := tj.Marshal(&tj.TrainingJob{TrainingJobName: "bad \xff utf8 \x01"})
	require.NoError(t, err)
	assert.Equal(t, "{\"TrainingJobName\":\"bad \uFFFD utf8 \\u0001\"}", string(data))
}

func TestFloatsAndNonFinite(t *testing.T) {
	job := tj.TrainingJob{FinalMetricDataList: []types.MetricData{
		{Value: aws.Float32(float32(math.NaN()))}, {Value: aws.Float32(float32(math.Inf(1)))},
		{Value: aws.Float32(float32(math.Inf(-1)))}, {Value: aws.Float32(0.93)}, {Value: aws.Float32(1e-7)}, {Value: aws.Float32(3e25)},
	}}
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	assert.Equal(t, `{"FinalMetricDataList":[{"Value":"NaN"},{"Value":"Infinity"},{"Value":"-Infinity"},{"Value":0.93},{"Value":1e-07},{"Value":3e+25}]}`, string(data))
	var back tj.TrainingJob
	require.NoError(t, tj.Unmarshal(data, &back))
	assert.True(t, math.IsNaN(float64(*back.FinalMetricDataList[0].Value)))
	assert.Equal(t, float32(math.Inf(1)), *back.FinalMetricDataList[1].Value)
	assert.Equal(t, float32(math.Inf(-1)), *back.FinalMetricDataList[2].Value)
	assert.Equal(t, float32(0.93), *back.FinalMetricDataList[3].Value)
	assert.Equal(t, float32(1e-7), *back.FinalMetricDataList[4].Value)
	assert.Equal(t, float32(3e25), *back.FinalMetricDataList[5].Value)
}

// encoding/json goes through the same code as the direct entry points.
func TestEncodingJSONUsesTheWireFormat(t *testing.T) {
	job := completedJob()
	direct, err := tj.Marshal(&job)
	require.NoError(t, err)
	viaStd, err := json.Marshal(job)
	require.NoError(t, err)
	assert.Equal(t, string(direct), string(viaStd))

	var a, b tj.TrainingJob
	require.NoError(t, tj.Unmarshal(direct, &a))
	require.NoError(t, json.Unmarshal(direct, &b))
	assert.Equal(t, a, b)

	tr := job.SecondaryStatusTransitions[0]
	trJSON, err := json.Marshal(tr)
	require.NoError(t, err)
	assert.Equal(t, `{"Status":"Starting","StartTime":1709892000.123,"EndTime":1709892120.123,"StatusMessage":"Preparing the instances for training"}`, string(trJSON))
	var trBack tj.SecondaryStatusTransition
	require.NoError(t, json.Unmarshal([]byte(`{"Status":"Starting","StartTime":1709892000123,"EndTime":"2024-03-08T10:02:00.123Z","StatusMessage":"Preparing the instances for training"}`), &trBack))
	assert.Equal(t, tr, trBack)
	assert.ErrorIs(t, trBack.UnmarshalJSON([]byte(`{"StartTime":"soon"}`)), tj.ErrTimestamp)

	nilJSON, err := tj.Marshal(nil)
	require.NoError(t, err)
	assert.Equal(t, "null", string(nilJSON))
}

// Unmarshal replaces what the job held, as a decoder of whole documents
// should.
func TestUnmarshalReplaces(t *testing.T) {
	job := completedJob()
	require.NoError(t, tj.Unmarshal([]byte(`{"TrainingJobName":"other"}`), &job))
	assert.Equal(t, tj.TrainingJob{TrainingJobName: "other"}, job)
	require.NoError(t, tj.Unmarshal([]byte(`null`), &job))
	assert.Equal(t, tj.TrainingJob{}, job)
}

func TestReadDocumentForms(t *testing.T) {
	job := completedJob()
	body, err := tj.Marshal(&job)
	require.NoError(t, err)

	doc, err := tj.ReadDocument(body)
	require.NoError(t, err)
	assert.Equal(t, tj.FormDescribe, doc.Form)
	assert.Nil(t, doc.Event)
	assert.Equal(t, job, doc.Job)

	doc, err = tj.ReadDocument([]byte(`{"TrainingJob":` + string(body) + `,"Other":1}`))
	require.NoError(t, err)
	assert.Equal(t, tj.FormSearchRecord, doc.Form)
	assert.Equal(t, job, doc.Job)

	doc, err = tj.ReadDocument([]byte(`{"NextToken":"t","Results":[{"TrainingJob":` + string(body) + `}]}`))
	require.NoError(t, err)
	assert.Equal(t, tj.FormSearchRecord, doc.Form)
	assert.Equal(t, job, doc.Job)

	event := `{"detail":` + string(body) + `,"version":"0","id":"e-1","detail-type":"SageMaker Training Job State Change",
		"source":"aws.sagemaker","account":"123456789012","time":"2024-03-08T11:04:00Z","region":"us-east-1",
		"resources":["arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50-2024-03-08"]}`
	doc, err = tj.ReadDocument([]byte(event))
	require.NoError(t, err)
	assert.Equal(t, tj.FormEvent, doc.Form)
	assert.Equal(t, job, doc.Job)
	assert.Equal(t, &tj.Event{
		Version: "0", ID: "e-1", DetailType: tj.EventDetailType, Source: "aws.sagemaker", Account: "123456789012",
		Time: time.Date(2024, 3, 8, 11, 4, 0, 0, time.UTC), Region: "us-east-1",
		Resources: []string{"arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50-2024-03-08"},
	}, doc.Event)

	fromReader, err := tj.ReadDocumentFrom(strings.NewReader(event))
	require.NoError(t, err)
	assert.Equal(t, doc, fromReader)
}

func TestReadDocumentErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		msg      string
	}{
		{"other detail-type", `{"detail-type":"SageMaker Processing Job State Change","detail":{"ProcessingJobName":"p"}}`,
			tj.ErrUnsupportedDocument, `event detail-type "SageMaker Processing Job State Change" is not "SageMaker Training Job State Change"`},
		{"event without detail", `{"detail-type":"SageMaker Training Job State Change"}`, tj.ErrUnsupportedDocument, "event has no detail"},
		{"unknown shape", `{"Hello":"world"}`, tj.ErrUnsupportedDocument, "not a DescribeTrainingJob response"},
		{"empty search response", `{"Results":[]}`, tj.ErrUnsupportedDocument, "has 0 results"},
		{"two search results", `{"Results":[{"TrainingJob":{"TrainingJobName":"a"}},{"TrainingJob":{"TrainingJobName":"b"}}]}`,
			tj.ErrUnsupportedDocument, "has 2 results"},
		{"search result without a job", `{"Results":[{"Experiment":{}}]}`, tj.ErrUnsupportedDocument, "holds no TrainingJob"},
		{"not an object", `"x"`, tj.ErrType, "expected object"},
		{"broken detail", `{"detail-type":"SageMaker Training Job State Change","detail":{"TrainingJobName":3}}`, tj.ErrType, "detail.TrainingJobName"},
		{"truncated", `{"TrainingJobName":"a"`, tj.ErrSyntax, "unexpected end of input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tj.ReadDocument([]byte(tt.in))
			require.Error(t, err)
			assert.Nil(t, doc)
			assert.ErrorIs(t, err, tt.kind)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// The runtime in internal/wire reports failures with kinds of its own; what
// the package returns carries the public kinds instead, and only them.
func TestDecodeErrorsCarryThePublicKinds(t *testing.T) {
	tests := []struct {
		in         string
		kind, own  error
		path, text string
	}{
		{`{"TrainingJobName":"a",}`, tj.ErrSyntax, wire.ErrSyntax, "", "trainingjob: expected a member name (at byte 23)"},
		{`{"TrainingJobName":1}`, tj.ErrType, wire.ErrType, "TrainingJobName", "trainingjob: TrainingJobName: expected string, found number (at byte 19)"},
		{`{"CreationTime":-1}`, tj.ErrTimestamp, wire.ErrTimestamp, "CreationTime", "trainingjob: CreationTime: timestamp before 1970: -1 (at byte 16)"},
		{strings.Repeat(`{"a":`, tj.MaxDepth+1), tj.ErrTooDeep, wire.ErrTooDeep, "a", "trainingjob: a: nested deeper than 64 levels (at byte 321)"},
		{`{"Hello":"world"}`, tj.ErrUnsupportedDocument, nil, "", "trainingjob: not a DescribeTrainingJob response, an EventBridge event or a Search record (at byte 0)"},
	}
	for _, tt := range tests {
		var job tj.TrainingJob
		err := tj.Unmarshal([]byte(tt.in), &job)
		if tt.kind == tj.ErrUnsupportedDocument {
			_, err = tj.ReadDocument([]byte(tt.in))
		}
		var de *tj.DecodeError
		require.ErrorAs(t, err, &de, tt.in)
		assert.Same(t, tt.kind, de.Kind, tt.in)
		if tt.own != nil {
			assert.NotErrorIs(t, err, tt.own, tt.in)
		}
		assert.Equal(t, tt.path, de.Path, tt.in)
		assert.Contains(t, err.Error(), tt.text, tt.in)
	}
}

// EventBridge events write tags as one object; the API as a list.
func TestTagForms(t *testing.T) {
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(`{"Tags":{"team":"vision","cost-center":"42"}}`), &job))
	assert.Equal(t, []types.Tag{
		{Key: aws.String("cost-center"), Value: aws.String("42")},
		{Key: aws.String("team"), Value: aws.String("vision")},
	}, job.Tags)
	require.NoError(t, tj.Unmarshal([]byte(`{"Tags":{}}`), &job))
	assert.NotNil(t, job.Tags)
	assert.Empty(t, job.Tags)
	require.NoError(t, tj.Unmarshal([]byte(`{"Tags":[{"Key":"team","Value":"vision"}]}`), &job))
	assert.Equal(t, []types.Tag{{Key: aws.String("team"), Value: aws.String("vision")}}, job.Tags)
	err := tj.Unmarshal([]byte(`{"Tags":{"team":1}}`), &job)
	assert.ErrorIs(t, err, tj.ErrType)
	assert.Contains(t, err.Error(), `Tags["team"]`)
}

func TestFormString(t *testing.T) {
	assert.Equal(t, "DescribeTrainingJob response", tj.FormDescribe.String())
	assert.Equal(t, "EventBridge event", tj.FormEvent.String())
	assert.Equal(t, "Search record", tj.FormSearchRecord.String())
	assert.Equal(t, "Form(9)", tj.Form(9).String())
}

// The committed json_gen.go is what the generator writes today.
func TestJSONCodeIsFresh(t *testing.T) {
	want, err := wiregen.Generate(".")
	require.NoError(t, err)
	got, err := os.ReadFile("json_gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "json_gen.go is stale: run go generate ./...")
}

// addSampleSeeds adds every JSON sample under testdata to the fuzz corpus.
// checkOwnMemory overwrites data, which a decode has just read, and checks
// that what the decode returned, as text gives it, has not changed: the
// decoders read their input in place, and a caller may reuse its buffer as
// soon as they return. data is left overwritten.
func checkOwnMemory(t *testing.T, data []byte, text func() string) {
	t.Helper()
	before := text()
	const junk = "\x00\"\\{}[]:,x"
	for i := range data {
		data[i] = junk[i%len(junk)]
	}
	if after := text(); after != before {
		t.Fatalf("the decoded value changed when its input was overwritten:\nbefore: %s\nafter:  %s", before, after)
	}
}

func jobText(job *tj.TrainingJob) string {
	out, err := tj.Marshal(job)
	if err != nil {
		return "marshal: " + err.Error()
	}
	return string(out)
}

func docText(doc *tj.Document) string {
	if doc == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%v %+v %s", doc.Form, doc.Event, jobText(&doc.Job))
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	var de *tj.DecodeError
	if errors.As(err, &de) {
		return fmt.Sprintf(" error %q at %d in %q: %s", de.Msg, de.Offset, de.Path, err)
	}
	return " error " + err.Error()
}

// retainingReader hands its data to whoever reads it and, against the rule
// of io.Reader, keeps the buffers it wrote into, so that a test can
// overwrite what ReadDocumentFrom read once it has returned. io.ReadAll
// decodes a short input from the very buffer it handed to Read.
type retainingReader struct {
	data []byte
	bufs [][]byte
}

func (r *retainingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	r.bufs = append(r.bufs, p[:n])
	return n, nil
}

// TestDecodedValuesOwnTheirMemory decodes every sample, and documents
// built to exercise every kind of kept string (escaped or not, map keys
// and values, lists, pointers, enumerations, event fields, error paths),
// through every entry point (Unmarshal, ReadDocument, ReadDocumentFrom,
// and the UnmarshalJSON methods of TrainingJob and
// SecondaryStatusTransition, called directly and by encoding/json), and
// overwrites the input afterwards.
func TestDecodedValuesOwnTheirMemory(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.json")
	require.NoError(t, err)
	var inputs [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		inputs = append(inputs, data)
	}
	for _, doc := range []string{
		`{"TrainingJobName":"n\u00e9","HyperParameters":{"k\"1":"v\\1","k2":"v2"},"Tags":{"a":"b","c\n":"d"},` +
			`"VpcConfig":{"Subnets":["s-1","s-\u0032"]},"AlgorithmSpecification":{"TrainingInputMode":"Fi\u006ce"},` +
			`"SecondaryStatusTransitions":[{"Status":"Starting","StatusMessage":"m\ud83d\ude00"}]}`,
		`{"detail-type":"SageMaker Training Job State Change","id":"i","source":"aws.sagemaker","account":"1","region":"r",` +
			`"resources":["arn:x","arn:\u0079"],"detail":{"TrainingJobName":"n"}}`,
		`{"HyperParameters":{"a\u0062c":1}}`,
		`{"SecondaryStatusTransitions":[{"Status":"Starting","StartTime":"bad"}]}`,
		`{"Results":[{"TrainingJob":{"TrainingJobName":"x","Tags":[{"Key":"k","Value":"v"}]}}]}`,
		`{"FinalMetricDataList":[{"MetricName":"m","Value":"NaN"}],"Environment":{"E":"v"}}`,
		`{"Status":"Training","StartTime":1709892000,"EndTime":"2024-03-08T10:05:00Z","StatusMessage":"Downloading \u0022x\u0022"}`,
		`{"Status":"Tr\u0061ining","StartTime":1709892000.5,"StatusMessage":"plain"}`,
	} {
		inputs = append(inputs, []byte(doc))
	}
	for _, data := range inputs {
		var job tj.TrainingJob
		in := bytes.Clone(data)
		err := tj.Unmarshal(in, &job)
		checkOwnMemory(t, in, func() string { return jobText(&job) + errText(err) })

		in = bytes.Clone(data)
		doc, err := tj.ReadDocument(in)
		checkOwnMemory(t, in, func() string { return docText(doc) + errText(err) })

		r := &retainingReader{data: bytes.Clone(data)}
		fromReader, err := tj.ReadDocumentFrom(r)
		for _, buf := range r.bufs {
			checkOwnMemory(t, buf, func() string { return docText(fromReader) + errText(err) })
		}

		var direct tj.TrainingJob
		in = bytes.Clone(data)
		err = direct.UnmarshalJSON(in)
		checkOwnMemory(t, in, func() string { return jobText(&direct) + errText(err) })

		var entry tj.SecondaryStatusTransition
		in = bytes.Clone(data)
		err = entry.UnmarshalJSON(in)
		checkOwnMemory(t, in, func() string { return fmt.Sprintf("%+v", entry) + errText(err) })

		// encoding/json hands UnmarshalJSON a slice of its own buffer.
		var viaStd tj.TrainingJob
		in = bytes.Clone(data)
		err = json.Unmarshal(in, &viaStd)
		checkOwnMemory(t, in, func() string { return jobText(&viaStd) + errText(err) })

		var entries []tj.SecondaryStatusTransition
		in = bytes.Clone(data)
		if json.Unmarshal(in, &struct {
			SecondaryStatusTransitions *[]tj.SecondaryStatusTransition
		}{&entries}) == nil && len(entries) > 0 {
			checkOwnMemory(t, in, func() string { return fmt.Sprintf("%+v", entries) })
		}
	}
}

func addSampleSeeds(f *testing.F) {
	files, err := filepath.Glob("testdata/*/*.json")
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
}

func FuzzUnmarshal(f *testing.F) {
	addSampleSeeds(f)
	for _, job := range []tj.TrainingJob{completedJob(), runningJob(), spotJob(), failedJob()} {
		data, err := tj.Marshal(&job)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"CreationTime":"2024-03-08T11:00:00.123000+01:00","SecondaryStatusTransitions":[{"StartTime":"1709892000123"}]}`))
	f.Add([]byte(`{"FinalMetricDataList":[{"Value":"NaN","Timestamp":1.709892000123E9}]}`))
	f.Add([]byte(`{"a":[[[{"b":"\ud83d\ude00"}]]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var job tj.TrainingJob
		in := bytes.Clone(data) // the engine's bytes must not be changed
		err := tj.Unmarshal(in, &job)
		checkOwnMemory(t, in, func() string { return jobText(&job) + errText(err) })
		if err != nil {
			var de *tj.DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > int64(len(data)) {
				t.Fatalf("error %v is not a *DecodeError within the input", err)
			}
			return
		}
		_ = job.Validate()
		once, err := tj.Marshal(&job)
		if err != nil || !json.Valid(once) {
			t.Fatalf("Marshal after a successful Unmarshal: %v %q", err, once)
		}
		var back tj.TrainingJob
		if err := tj.Unmarshal(once, &back); err != nil {
			t.Fatalf("cannot read back our own output %q: %v", once, err)
		}
		twice, _ := tj.Marshal(&back)
		if !bytes.Equal(once, twice) {
			t.Fatalf("round trip changed the document:\n%s\n%s", once, twice)
		}
	})
}

func FuzzReadDocument(f *testing.F) {
	addSampleSeeds(f)
	job := completedJob()
	body, _ := tj.Marshal(&job)
	f.Add(body)
	f.Add([]byte(`{"detail-type":"SageMaker Training Job State Change","time":"2024-03-08T11:04:00Z","detail":` + string(body) + `}`))
	f.Add([]byte(`{"Results":[{"TrainingJob":` + string(body) + `}]}`))
	f.Add([]byte(`{"TrainingJob":{"TrainingJobName":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytes.Clone(data) // the engine's bytes must not be changed
		doc, err := tj.ReadDocument(in)
		checkOwnMemory(t, in, func() string { return docText(doc) + errText(err) })
		if err != nil {
			if doc != nil {
				t.Fatal("a document and an error")
			}
			return
		}
		if (doc.Form == tj.FormEvent) != (doc.Event != nil) {
			t.Fatalf("form %v with event %v", doc.Form, doc.Event)
		}
		out, err := tj.Marshal(&doc.Job)
		if err != nil {
			t.Fatal(err)
		}
		again, err := tj.ReadDocument(out)
		if err != nil && doc.Job.TrainingJobName != "" {
			t.Fatalf("our own output %q is not a document: %v", out, err)
		}
		if err == nil {
			twice, _ := tj.Marshal(&again.Job)
			if !bytes.Equal(out, twice) {
				t.Fatalf("round trip changed the job:\n%s\n%s", out, twice)
			}
		}
	})
}
