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
	"github.com/trainingjob-go/trainingjob/internal/testenv"
	"github.com/trainingjob-go/trainingjob/internal/wire"
	"github.com/trainingjob-go/trainingjob/internal/wiregen"
)

// enableFalse is what Marshal writes for a job without any of the three
// Enable* booleans: the service's DescribeTrainingJob response always has
// them, false included.
const enableFalse = `"EnableNetworkIsolation":false,"EnableInterContainerTrafficEncryption":false,"EnableManagedSpotTraining":false`

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
	assert.JSONEq(t, `{"TrainingJobName":"j","HyperParameters":{},"InputDataConfig":[],"VpcConfig":{"Subnets":[]},"SecondaryStatusTransitions":[],`+enableFalse+`}`, string(data))
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
	assert.Equal(t, `{"CreationTime":1709892000.1,`+enableFalse+`}`, string(data))
	data, _ = tj.Marshal(&tj.TrainingJob{CreationTime: time.Unix(1709892000, 0)})
	assert.Equal(t, `{"CreationTime":1709892000,`+enableFalse+`}`, string(data))
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
	assert.Equal(t, "{\"TrainingJobName\":\"bad \uFFFD utf8 \\u0001\","+enableFalse+"}", string(data))
}

func TestFloatsAndNonFinite(t *testing.T) {
	job := tj.TrainingJob{FinalMetricDataList: []types.MetricData{
		{Value: aws.Float32(float32(math.NaN()))}, {Value: aws.Float32(float32(math.Inf(1)))},
		{Value: aws.Float32(float32(math.Inf(-1)))}, {Value: aws.Float32(0.93)}, {Value: aws.Float32(1e-7)}, {Value: aws.Float32(3e25)},
	}}
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	assert.Equal(t, `{"FinalMetricDataList":[{"Value":"NaN"},{"Value":"Infinity"},{"Value":"-Infinity"},{"Value":0.93},{"Value":1e-07},{"Value":3e+25}],`+enableFalse+`}`, string(data))
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
	// A document that is null holds no job: refused, as ReadDocument
	// refuses it, with the same error.
	err := tj.Unmarshal([]byte(` null`), &job)
	require.ErrorIs(t, err, tj.ErrType)
	assert.EqualError(t, err, "trainingjob: expected object, found null (at byte 1)")
	assert.Equal(t, tj.TrainingJob{}, job, "what the job held is gone all the same")
	_, docErr := tj.ReadDocument([]byte(` null`))
	assert.Equal(t, err, docErr)
	// UnmarshalJSON keeps encoding/json's convention: null leaves the
	// value as it was, so a user's struct with a null job member reads.
	kept := completedJob()
	require.NoError(t, kept.UnmarshalJSON([]byte(` null `)))
	assert.Equal(t, completedJob(), kept)
	var holder struct {
		Job  tj.TrainingJob
		Name string
	}
	holder.Job = completedJob()
	require.NoError(t, json.Unmarshal([]byte(`{"Job": null, "Name": "x"}`), &holder))
	assert.Equal(t, completedJob(), holder.Job)
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
		if p := errorTextProblem(err); p != "" {
			t.Fatalf("error text has %s: %q", p, err)
		}

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
		// The large sample (about 145 KB) is left out: the fuzzer mutates
		// a seed one small change at a time and runs each mutant whole,
		// so a seed that size makes every run slow and most mutations
		// land in its 1,000 alike history entries. The small samples
		// hold every form and member.
		if filepath.Base(filepath.Dir(name)) == "large" {
			continue
		}
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, s := range adversarialJSONSeeds {
		f.Add([]byte(s))
	}
}

// adversarialJSONSeeds are small documents at the edges of the decoder
// and the document reader, for the fuzz targets that read JSON: empty and
// null values, the wrong JSON types, nesting at and beyond MaxDepth, numbers
// out of every range, bad UTF-8 and escapes, duplicate members and keys,
// long values and the other document forms with their failures.
var adversarialJSONSeeds = []string{
	``, ` `, `{}`, `[]`, `null`, `""`, `0`, `{} {}`, "\ufeff{}", `{"TrainingJobName":null}`,
	`{"SecondaryStatusTransitions":null,"FinalMetricDataList":[null],"HyperParameters":null}`,
	`{"TrainingJobName":1}`, `{"TrainingJobName":{}}`, `{"TrainingTimeInSeconds":"1"}`, `{"CreationTime":true}`,
	strings.Repeat(`[`, tj.MaxDepth) + strings.Repeat(`]`, tj.MaxDepth),
	strings.Repeat(`{"a":`, tj.MaxDepth+1) + `1` + strings.Repeat(`}`, tj.MaxDepth+1),
	`{"HyperParameters":` + strings.Repeat(`{"a":`, tj.MaxDepth) + `1` + strings.Repeat(`}`, tj.MaxDepth+1),
	`{"TrainingTimeInSeconds":2147483648}`, `{"TrainingTimeInSeconds":-2147483649}`, `{"TrainingTimeInSeconds":1.5}`,
	`{"TrainingTimeInSeconds":1e3}`, `{"TrainingTimeInSeconds":` + strings.Repeat("9", 400) + `}`,
	`{"CreationTime":1e400}`, `{"CreationTime":-1}`, `{"CreationTime":0}`, `{"CreationTime":99999999999999999999}`,
	`{"CreationTime":1.7e-400}`, `{"CreationTime":"5139-01-01T00:00:00Z"}`, `{"CreationTime":"2024-03-08 10:00:00"}`,
	`{"CreationTime":"1709892000.123"}`, `{"CreationTime":"NaN"}`, `{"CreationTime":"` + strings.Repeat("1", 300) + `"}`,
	`{"FinalMetricDataList":[{"MetricName":"loss","Value":3.5e38},{"Value":-3.5e38},{"Value":1e-50},{"Value":"Infinity"},{"Value":"nan"}]}`,
	"{\"TrainingJobName\":\"\xff\xfe\"}", "{\"TrainingJobName\":\"a\x00b\"}", "{\"Train\xffingJobName\":1}",
	`{"TrainingJobName":"\ud800"}`, `{"TrainingJobName":"\udc00\ud83d"}`, `{"TrainingJobName":"\u12"}`, `{"TrainingJobName":"\q"}`,
	`{"TrainingJobName":"a","TrainingJobName":"b"}`, `{"TrainingJobName":"a","TRAININGJOBNAME":"b"}`,
	`{"HyperParameters":{"a":"1","a":"2"}}`, `{"Environment":{"":"","\u0000":"x"}}`, `{"Tags":[{"Key":"k"},{"Key":"k"}]}`,
	`{"TrainingJobName":"` + strings.Repeat("x", 1000) + `"}`,
	`{"detail-type":"SageMaker Training Job State Change","detail":null}`,
	`{"detail-type":"SageMaker Training Job State Change","detail":{"Tags":{}},"detail":{"Tags":[]}}`,
	`{"detail":{"TrainingJobName":"x"},"detail-type":"Other"}`, `{"detail-type":1,"detail":{}}`,
	`{"Results":[]}`, `{"Results":[{},{}]}`, `{"Results":[{"TrainingJob":null}]}`, `{"TrainingJob":[]}`,
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
		if p := errorTextProblem(err); p != "" {
			t.Fatalf("error text has %s: %q", p, err)
		}
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

// decodeError unmarshals in and returns the *DecodeError it must fail with.
func decodeError(t *testing.T, in string) *tj.DecodeError {
	t.Helper()
	var job tj.TrainingJob
	err := tj.Unmarshal([]byte(in), &job)
	require.Error(t, err, "input %q", in)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de)
	return de
}

// Epoch numbers in every form: the digits decide, not a float64, and the
// size tells seconds from milliseconds (1e11 and above is milliseconds).
func TestJSONEpochNumbers(t *testing.T) {
	want := time.Date(2024, 3, 8, 10, 0, 0, 123_000_000, time.UTC)
	epoch := time.Unix(0, 0).UTC()
	tests := []struct {
		name, value string
		want        time.Time
	}{
		{"exponent with leading fraction zeros", `0.0000000001709892000123e19`, want},
		{"exponent with leading zeros, upper case", `0.001709892000123E12`, want},
		{"negative exponent", `17098920001230e-4`, want},
		{"explicit plus exponent", `1.709892000123E+9`, want},
		{"zero exponent", `1709892000.123E0`, want},
		{"milliseconds in exponent form", `1.709892000123E12`, want},
		{"milliseconds with a zero exponent", `1709892000123e0`, want},
		{"fraction longer than forty digits", `1709892000.123` + strings.Repeat("0", 50) + `1`, want},
		{"exponent with a fraction longer than forty digits", `1.709892000123` + strings.Repeat("0", 45) + `9E9`, want},
		{"quoted exponent", `"1.709892000123E9"`, want},
		{"minus zero", `-0`, epoch},
		{"minus zero with a fraction", `-0.000`, epoch},
		{"zero with an exponent", `0e5`, epoch},
		{"exponent -1000", `1e-1000`, epoch},
		{"a millisecond after the epoch", `0.001`, time.Unix(0, 1_000_000).UTC()},
		{"1e11 is milliseconds", `100000000000`, time.UnixMilli(1e11).UTC()},
		{"1e11 in exponent form is milliseconds", `1e11`, time.UnixMilli(1e11).UTC()},
		{"1e11 with a fraction is milliseconds", `100000000000.5`, time.UnixMilli(1e11).Add(500 * time.Microsecond).UTC()},
		{"just below 1e11 is seconds", `99999999999`, time.Unix(99999999999, 0).UTC()},
		{"just below 1e11 with a fraction is seconds", `99999999999.999`, time.Unix(99999999999, 999_000_000).UTC()},
		{"latest milliseconds", `99999999999999`, time.UnixMilli(99999999999999).UTC()},
		{"ISO, the latest second", `"5138-11-16T09:46:39Z"`, time.Unix(99999999999, 0).UTC()},
		{"ISO, the latest millisecond", `"5138-11-16T09:46:39.999Z"`, time.Unix(99999999999, 999_000_000).UTC()},
		{"ISO, the epoch", `"1970-01-01T00:00:00Z"`, epoch},
		{"ISO, nine fraction digits", `"2024-03-08T10:00:00.123456789Z"`, want.Add(456789)},
		{"ISO, one fraction digit, offset", `"2024-03-08T10:30:00.1+00:30"`, time.Date(2024, 3, 8, 10, 0, 0, 100_000_000, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal([]byte(`{"CreationTime":`+tt.value+`}`), &job))
			assert.True(t, tt.want.Equal(job.CreationTime), "got %v, want %v", job.CreationTime, tt.want)
			assert.Equal(t, time.UTC, job.CreationTime.Location())
		})
	}
}

func TestJSONBadTimestamps(t *testing.T) {
	tests := []struct {
		value, msg string
	}{
		{`1e-1001`, "timestamp out of range: 1e-1001"},
		{`1e1001`, "timestamp out of range"},
		{`1e9223372036854775807`, "timestamp out of range"},
		{`1e-9223372036854775807`, "timestamp out of range"},
		{`1e20`, "timestamp out of range"},
		{`1e25`, "timestamp out of range"},
		{`1e40`, "timestamp out of range"},
		{`123456789012345678901234567890`, "timestamp out of range"},
		{`1234567890123456789012345678901234567890123`, "timestamp out of range"},
		{`100000000000000`, "timestamp out of range"},
		{`-1`, "timestamp before 1970: -1"},
		{`-0.001`, "timestamp before 1970"},
		{`"-5"`, "timestamp before 1970: -5"},
		{`"1709892000x"`, `not an epoch number or an ISO 8601 time: "1709892000x"`},
		{`"1709892000 "`, "not an epoch number or an ISO 8601 time"},
		{`"1709892000.5.5"`, "not an epoch number or an ISO 8601 time"},
		{`"17098920001e"`, "not an epoch number or an ISO 8601 time"},
		{`"5138-11-16T09:46:40Z"`, "timestamp outside the years 1970 to 5138"},
		{`"1969-12-31T23:59:59.999Z"`, "timestamp outside the years 1970 to 5138"},
		{`"2024-03-08"`, "not an epoch number or an ISO 8601 time"},
		{`""`, "not an epoch number or an ISO 8601 time"},
	}
	const prefix = `{"TrainingJobName":"x","CreationTime":`
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			de := decodeError(t, prefix+tt.value+`}`)
			assert.ErrorIs(t, de, tj.ErrTimestamp)
			assert.Equal(t, "CreationTime", de.Path)
			assert.Equal(t, int64(len(prefix)), de.Offset)
			assert.Contains(t, de.Msg, tt.msg)
		})
	}
}

// Times are written as epoch seconds with at most three fraction digits and
// no trailing zeros, and read back to the millisecond.
func TestJSONEpochFormatting(t *testing.T) {
	sec := int64(1709892000)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Unix(sec, 0), "1709892000"},
		{time.Unix(sec, 1_000_000), "1709892000.001"},
		{time.Unix(sec, 5_000_000), "1709892000.005"},
		{time.Unix(sec, 50_000_000), "1709892000.05"},
		{time.Unix(sec, 120_000_000), "1709892000.12"},
		{time.Unix(sec, 100_000_000), "1709892000.1"},
		{time.Unix(sec, 101_000_000), "1709892000.101"},
		{time.Unix(sec, 999_000_000), "1709892000.999"},
		{time.Unix(sec, 999_999), "1709892000"},
		{time.Unix(sec, 1_999_999), "1709892000.001"},
		{time.Unix(0, 0), "0"},
		{time.Unix(0, 5_000_000), "0.005"},
		{time.Unix(1e11-1, 0), "99999999999"},
		{time.Unix(1e11-1, 10_000_000), "99999999999.01"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			job := tj.TrainingJob{CreationTime: tt.t}
			data, err := tj.Marshal(&job)
			require.NoError(t, err)
			assert.Equal(t, `{"CreationTime":`+tt.want+`,`+enableFalse+`}`, string(data))
			var back tj.TrainingJob
			require.NoError(t, tj.Unmarshal(data, &back))
			assert.Equal(t, tt.t.Truncate(time.Millisecond).UTC(), back.CreationTime)

			tr, err := tj.SecondaryStatusTransition{StartTime: tt.t}.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, `{"StartTime":`+tt.want+`}`, string(tr))
		})
	}
	for _, bad := range []time.Time{time.Unix(0, -1), time.Unix(-1, 999_000_000), time.Unix(1e11, 0)} {
		_, err := tj.Marshal(&tj.TrainingJob{TrainingJobName: "j", CreationTime: bad})
		assert.ErrorContains(t, err, "holds times from 1970 to 5138", "%v", bad)
		_, err = tj.Marshal(&tj.TrainingJob{FinalMetricDataList: []types.MetricData{{Timestamp: aws.Time(bad)}}})
		assert.Error(t, err, "nested time %v", bad)
	}
	// Two bad times: the error names the first.
	_, err := tj.Marshal(&tj.TrainingJob{CreationTime: time.Unix(-5, 0).UTC(), TrainingEndTime: time.Unix(1e11, 0).UTC()})
	assert.ErrorContains(t, err, "1969-12-31T23:59:55Z")
}

func TestJSONStringEscapes(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"upper-case hex", `\u00E9\u00C9\u00Ff`, "éÉÿ"},
		{"high surrogate before another escape", `\ud83d\nde00`, "\ufffd\nde00"},
		{"two high surrogates, then a low one", `\ud83d\ud83d\ude00`, "\ufffd😀"},
		{"lone low surrogate", `\ude00`, "\ufffd"},
		{"lone low surrogate before a high one", `\ude00\ud83d\ude00`, "\ufffd😀"},
		{"high surrogate at the end", `a\ud83d`, "a\ufffd"},
		{"every short escape", `\"\\\/\b\f\n\r\t`, "\"\\/\b\f\n\r\t"},
		{"escapes of ASCII", `\u0041\u0000\u001f`, "A\x00\x1f"},
		{"DEL and non-ASCII as they are", "\x7f é ✓ 😀", "\x7f é ✓ 😀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal([]byte(`{"TrainingJobName":"`+tt.in+`"}`), &job))
			assert.Equal(t, tt.want, job.TrainingJobName)
			// encoding/json agrees.
			var std string
			require.NoError(t, json.Unmarshal([]byte(`"`+tt.in+`"`), &std))
			assert.Equal(t, std, job.TrainingJobName, "encoding/json reads it the same")
		})
	}
}

func TestJSONStringSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in string
		offset   int64
		msg      string
	}{
		{"control character 0x1f", "{\"TrainingJobName\":\"a\x1fb\"}", 21, "control character in string"},
		{"control character after an escape", "{\"TrainingJobName\":\"\\n\x1f\"}", 22, "control character in string"},
		{"control character in a skipped member", "{\"Unknown\":\"\x1f\"}", 12, "control character in string"},
		{"control character in a member name", "{\"a\x1f\":1}", 3, "control character in string"},
		{"truncated after a \\u escape", `{"TrainingJobName":"\u00e9`, 26, "unexpected end of input in string"},
		{"truncated inside a \\u escape", `{"TrainingJobName":"\u00e`, 21, `invalid \u escape`},
		{"bad hex digit", `{"TrainingJobName":"\u00g9"}`, 21, `invalid \u escape`},
		{"truncated after a backslash", `{"TrainingJobName":"a\`, 22, "unexpected end of input in string"},
		{"truncated skipped string", `{"Unknown":"a\"`, 15, "unexpected end of input in string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			de := decodeError(t, tt.in)
			assert.ErrorIs(t, de, tj.ErrSyntax)
			assert.Equal(t, tt.offset, de.Offset)
			assert.Equal(t, tt.msg, de.Msg)
		})
	}
}

// Unknown members of every JSON kind are skipped, escaped quotes included.
func TestJSONSkipsUnknownMembers(t *testing.T) {
	in := `{"u1":-1.5e3,"u2":false,"u3":true,"u4":null,"u5":"a\"b\\","u6":[-1,{"a":[false,"\""]},[]],"u7":{},` +
		`"u8":"\ud83d\ude00","u9":0,"u10":-0.5E-2,"TrainingJobName":"n","u11":"}"}`
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(in), &job))
	assert.Equal(t, tj.TrainingJob{TrainingJobName: "n"}, job)

	doc, err := tj.ReadDocument([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, tj.FormDescribe, doc.Form)
	assert.Equal(t, "n", doc.Job.TrainingJobName)
}

// The number grammar is JSON's, in members the decoder reads and in those it
// skips.
func TestJSONNumberGrammar(t *testing.T) {
	for _, good := range []string{`0`, `-0`, `-1.5e3`, `1E-3`, `1e+5`, `0.5E+2`, `10`, `1.0e0`} {
		t.Run("good "+good, func(t *testing.T) {
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal([]byte(`{"Unknown":`+good+`,"TrainingJobName":"n"}`), &job))
			assert.Equal(t, "n", job.TrainingJobName)
			require.NoError(t, tj.Unmarshal([]byte(`{"FinalMetricDataList":[{"Value":`+good+`}]}`), &job))
			var std float32
			require.NoError(t, json.Unmarshal([]byte(good), &std))
			assert.Equal(t, std, *job.FinalMetricDataList[0].Value)
		})
	}
	for _, bad := range []string{`1.`, `1.e5`, `-`, `1e`, `1e+`, `1E-`, `--1`, `-01`, `00`, `1.5e`, `-.5`} {
		t.Run("bad "+bad, func(t *testing.T) {
			for _, in := range []string{`{"Unknown":` + bad + `}`, `{"FinalMetricDataList":[{"Value":` + bad + `}]}`, `{"CreationTime":` + bad + `}`} {
				de := decodeError(t, in)
				assert.ErrorIs(t, de, tj.ErrSyntax, in)
				assert.Equal(t, int64(strings.LastIndex(in, ":")+1), de.Offset, in)
				assert.Equal(t, "invalid number", de.Msg, in)
			}
		})
	}
	for _, bad := range []string{`.5`, `+1`} {
		de := decodeError(t, `{"Unknown":`+bad+`}`)
		assert.ErrorIs(t, de, tj.ErrSyntax)
		assert.Contains(t, de.Msg, "looking for a value")
	}
}

func TestJSONIntegersAndFloats(t *testing.T) {
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(`{"TrainingTimeInSeconds":-5,"BillableTimeInSeconds":-2147483648,"BillableTokenCount":9223372036854775807,`+
		`"ResourceConfig":{"InstanceCount":-1,"KeepAlivePeriodInSeconds":0},"ProgressInfo":{"CurrentStep":-9223372036854775808}}`), &job))
	assert.Equal(t, int32(-5), job.TrainingTimeInSeconds)
	assert.Equal(t, int32(math.MinInt32), job.BillableTimeInSeconds)
	assert.Equal(t, int64(math.MaxInt64), job.BillableTokenCount)
	assert.Equal(t, aws.Int32(-1), job.ResourceConfig.InstanceCount)
	assert.Equal(t, aws.Int32(0), job.ResourceConfig.KeepAlivePeriodInSeconds)
	assert.Equal(t, aws.Int64(math.MinInt64), job.ProgressInfo.CurrentStep)

	de := decodeError(t, `{"BillableTokenCount":9223372036854775808}`)
	assert.ErrorIs(t, de, tj.ErrType)
	assert.Equal(t, "expected an integer of 64 bits, found 9223372036854775808", de.Msg)
	de = decodeError(t, `{"TrainingTimeInSeconds":-2147483649}`)
	assert.Equal(t, "expected an integer of 32 bits, found -2147483649", de.Msg)

	require.NoError(t, tj.Unmarshal([]byte(`{"FinalMetricDataList":[{"Value":-0.5},{"Value":1.5E-3},{"Value":"-Infinity"},{"Value":0},{"Value":-3.4e38}]}`), &job))
	values := make([]float32, len(job.FinalMetricDataList))
	for i, m := range job.FinalMetricDataList {
		values[i] = *m.Value
	}
	assert.Equal(t, []float32{-0.5, 1.5e-3, float32(math.Inf(-1)), 0, -3.4e38}, values)
	for _, bad := range []string{`"nan"`, `"inf"`, `"+Infinity"`, `"1.5"`, `true`} {
		de := decodeError(t, `{"FinalMetricDataList":[{"Value":`+bad+`}]}`)
		assert.ErrorIs(t, de, tj.ErrType, bad)
		assert.Equal(t, "FinalMetricDataList[0].Value", de.Path)
		assert.Equal(t, int64(33), de.Offset, bad)
	}
}

// Marshal writes float32 values in their shortest form, switching to
// exponent form below 1e-6 and from 1e21 on, as encoding/json does.
func TestJSONFloatFormatting(t *testing.T) {
	below1e21 := math.Nextafter32(1e21, 0)
	tests := []struct {
		v    float32
		want string
	}{
		{0, "0"},
		{float32(math.Copysign(0, -1)), "-0"},
		{0.1, "0.1"},
		{-0.5, "-0.5"},
		{1, "1"},
		{123456.78, "123456.78"},
		{2e-6, "0.000002"},
		{1e-6, "1e-06"},
		{-1e-7, "-1e-07"},
		{math.SmallestNonzeroFloat32, "1e-45"},
		{below1e21, "999999950000000000000"},
		{1e21, "1e+21"},
		{-1e21, "-1e+21"},
		{math.MaxFloat32, "3.4028235e+38"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			job := tj.TrainingJob{FinalMetricDataList: []types.MetricData{{Value: aws.Float32(tt.v)}}}
			data, err := tj.Marshal(&job)
			require.NoError(t, err)
			assert.Equal(t, `{"FinalMetricDataList":[{"Value":`+tt.want+`}],`+enableFalse+`}`, string(data))
			var back tj.TrainingJob
			require.NoError(t, tj.Unmarshal(data, &back))
			assert.Equal(t, math.Float32bits(tt.v), math.Float32bits(*back.FinalMetricDataList[0].Value), "bit for bit")
			std, err := json.Marshal(tt.v)
			require.NoError(t, err)
			var a, b float64
			require.NoError(t, json.Unmarshal(std, &a))
			require.NoError(t, json.Unmarshal([]byte(tt.want), &b))
			assert.Equal(t, a, b, "same number as encoding/json writes, %s", std)
		})
	}
	data, err := tj.Marshal(&tj.TrainingJob{FinalMetricDataList: []types.MetricData{
		{Value: aws.Float32(float32(math.Inf(-1)))}, {Value: aws.Float32(float32(math.Inf(1)))}, {Value: aws.Float32(float32(math.NaN()))},
	}})
	require.NoError(t, err)
	assert.Equal(t, `{"FinalMetricDataList":[{"Value":"-Infinity"},{"Value":"Infinity"},{"Value":"NaN"}],`+enableFalse+`}`, string(data))
}

// The encoder escapes what JSON requires and nothing else, and encoding/json
// reads back the same string.
func TestJSONEncoderEscaping(t *testing.T) {
	var in, want strings.Builder
	for c := 0; c < 0x20; c++ {
		in.WriteByte(byte(c))
		switch c {
		case '\n':
			want.WriteString(`\n`)
		case '\r':
			want.WriteString(`\r`)
		case '\t':
			want.WriteString(`\t`)
		default:
			fmt.Fprintf(&want, `\u%04x`, c)
		}
	}
	in.WriteString("\"\\/<>&\x7f\u2028é😀")
	want.WriteString("\\\"\\\\/<>&\x7f\u2028é😀")
	job := tj.TrainingJob{TrainingJobName: in.String()}
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	assert.Equal(t, `{"TrainingJobName":"`+want.String()+`",`+enableFalse+`}`, string(data))
	require.True(t, json.Valid(data))
	var std struct{ TrainingJobName string }
	require.NoError(t, json.Unmarshal(data, &std))
	assert.Equal(t, in.String(), std.TrainingJobName)
	assert.Equal(t, job, roundTrip(t, job))

	// Invalid UTF-8 becomes U+FFFD, each bad byte on its own, at any place.
	data, err = tj.Marshal(&tj.TrainingJob{TrainingJobName: "\xffa\xc3\xe2\x82b\xff"})
	require.NoError(t, err)
	assert.Equal(t, "{\"TrainingJobName\":\"\ufffda\ufffd\ufffd\ufffdb\ufffd\","+enableFalse+"}", string(data))
}

// Map keys are written sorted, whatever order they were inserted in, and
// the event form of tags is read sorted by key.
func TestJSONMapKeySorting(t *testing.T) {
	hp := map[string]string{}
	var keys []string
	for i := 9; i >= 0; i-- {
		k := fmt.Sprintf("k%d", i)
		hp[k] = fmt.Sprint(i)
		keys = append([]string{k}, keys...)
	}
	hp["B"], hp["a"], hp[""] = "upper", "lower", "empty"
	data, err := tj.Marshal(&tj.TrainingJob{HyperParameters: hp, Environment: map[string]string{}})
	require.NoError(t, err)
	var want strings.Builder
	want.WriteString(`{"HyperParameters":{"":"empty","B":"upper","a":"lower"`)
	for i, k := range keys {
		fmt.Fprintf(&want, `,%q:"%d"`, k, i)
	}
	want.WriteString(`},` + enableFalse + `,"Environment":{}}`)
	assert.Equal(t, want.String(), string(data))

	var tagsIn strings.Builder
	tagsIn.WriteString(`{"Tags":{`)
	for i := 9; i >= 0; i-- {
		if i < 9 {
			tagsIn.WriteByte(',')
		}
		fmt.Fprintf(&tagsIn, `"t%d":"v%d"`, i, i)
	}
	tagsIn.WriteString(`}}`)
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(tagsIn.String()), &job))
	require.Len(t, job.Tags, 10)
	for i, tag := range job.Tags {
		assert.Equal(t, fmt.Sprintf("t%d", i), *tag.Key)
		assert.Equal(t, fmt.Sprintf("v%d", i), *tag.Value)
	}
}

// null means absent: nil for pointers, slices and maps, the zero value for
// plain scalars; [] and {} are empty but present.
func TestJSONNullHandling(t *testing.T) {
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(`{"TrainingJobName":null,"TrainingJobStatus":null,"CreationTime":null,"TrainingTimeInSeconds":null,`+
		`"BillableTokenCount":null,"EnableNetworkIsolation":null,"ModelArtifacts":null,"HyperParameters":null,"InputDataConfig":null,`+
		`"SecondaryStatusTransitions":null,"Tags":null,"FinalMetricDataList":null,"VpcConfig":null,"Environment":null}`), &job))
	assert.Equal(t, tj.TrainingJob{}, job)

	require.NoError(t, tj.Unmarshal([]byte(`{"ModelArtifacts":{"S3ModelArtifacts":null},`+
		`"ResourceConfig":{"InstanceCount":null,"VolumeSizeInGB":0,"InstanceType":null},`+
		`"InfraCheckConfig":{"EnableInfraCheck":false},"RemoteDebugConfig":{"EnableRemoteDebug":null},`+
		`"ProfilerConfig":{"DisableProfiler":true,"ProfilingIntervalInMilliseconds":null},`+
		`"FinalMetricDataList":[{"MetricName":"m","Value":null,"Timestamp":null},{"Value":0,"Timestamp":0}],`+
		`"SecondaryStatusTransitions":[{"Status":"Training","StartTime":null,"EndTime":null,"StatusMessage":null}],`+
		`"VpcConfig":{"Subnets":null,"SecurityGroupIds":[]},"Tags":[],"HyperParameters":{}}`), &job))
	assert.Equal(t, &types.ModelArtifacts{}, job.ModelArtifacts)
	assert.Equal(t, &types.ResourceConfig{VolumeSizeInGB: aws.Int32(0)}, job.ResourceConfig)
	assert.Equal(t, &types.InfraCheckConfig{EnableInfraCheck: aws.Bool(false)}, job.InfraCheckConfig)
	assert.Equal(t, &types.RemoteDebugConfig{}, job.RemoteDebugConfig)
	assert.Equal(t, &types.ProfilerConfig{DisableProfiler: aws.Bool(true)}, job.ProfilerConfig)
	assert.Equal(t, []types.MetricData{
		{MetricName: aws.String("m")},
		{Value: aws.Float32(0), Timestamp: aws.Time(time.Unix(0, 0).UTC())},
	}, job.FinalMetricDataList)
	assert.Equal(t, []tj.SecondaryStatusTransition{{Status: tj.SecondaryStatusTraining}}, job.SecondaryStatusTransitions)
	assert.Equal(t, &types.VpcConfig{SecurityGroupIds: []string{}}, job.VpcConfig)
	assert.NotNil(t, job.Tags)
	assert.Empty(t, job.Tags)
	assert.NotNil(t, job.HyperParameters)
	assert.Empty(t, job.HyperParameters)
	assert.Equal(t, job, roundTrip(t, job), "present-but-empty survives a round trip")

	var tr tj.SecondaryStatusTransition
	require.NoError(t, tr.UnmarshalJSON([]byte(`null`)))
	assert.Equal(t, tj.SecondaryStatusTransition{}, tr)
}

// The decoder's type errors name what they found; where no value is found
// at all the error is one of syntax.
func TestJSONTypeErrorMessages(t *testing.T) {
	tests := []struct {
		value, msg string
		kind       error
	}{
		{`false`, "expected object, found boolean", tj.ErrType},
		{`true`, "expected object, found boolean", tj.ErrType},
		{`null,"x":1}`, "", nil}, // null is no error: the member stays absent
		{`-1`, "expected object, found number", tj.ErrType},
		{`7`, "expected object, found number", tj.ErrType},
		{`"x"`, "expected object, found string", tj.ErrType},
		{`[]`, "expected object, found array", tj.ErrType},
		{`}`, "invalid character '}' looking for a value", tj.ErrSyntax},
		{`fals`, "invalid literal", tj.ErrSyntax},
		{``, "unexpected end of input, expected object", tj.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			if tt.kind == nil {
				var job tj.TrainingJob
				require.NoError(t, tj.Unmarshal([]byte(`{"VpcConfig":`+tt.value), &job))
				assert.Nil(t, job.VpcConfig)
				return
			}
			de := decodeError(t, `{"VpcConfig":`+tt.value)
			assert.ErrorIs(t, de, tt.kind)
			assert.Equal(t, tt.msg, de.Msg)
			assert.Equal(t, "VpcConfig", de.Path)
			assert.Equal(t, int64(13), de.Offset)
		})
	}
	de := decodeError(t, `{"InputDataConfig":{}}`)
	assert.Equal(t, "expected array, found object", de.Msg)
	de = decodeError(t, `{"EnableNetworkIsolation":null,"EnableManagedSpotTraining":0}`)
	assert.Equal(t, "expected boolean, found number", de.Msg)
	assert.Equal(t, "EnableManagedSpotTraining", de.Path)
	de = decodeError(t, `{"CreationTime":false}`)
	assert.Equal(t, "expected timestamp, found boolean", de.Msg)
}

// addWhitespace puts JSON white space around every token of compact JSON.
func addWhitespace(compact []byte) []byte {
	const ws = " \t\r\n "
	var out bytes.Buffer
	inString, escaped := false, false
	out.WriteString(ws)
	for _, c := range compact {
		if inString {
			out.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				out.WriteString(ws)
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			out.WriteByte(c)
		case '{', '[', ',', ':', '}', ']':
			out.WriteString(ws)
			out.WriteByte(c)
			out.WriteString(ws)
		default:
			out.WriteByte(c)
		}
	}
	out.WriteString(ws)
	return out.Bytes()
}

// White space is allowed between any two tokens, before the document and
// after it.
func TestJSONWhitespaceEverywhere(t *testing.T) {
	job := completedJob()
	job.Tags = nil
	job.VpcConfig = &types.VpcConfig{Subnets: []string{"a", "b"}, SecurityGroupIds: []string{}}
	compact, err := tj.Marshal(&job)
	require.NoError(t, err)
	spaced := addWhitespace(compact)
	require.True(t, json.Valid(spaced))
	var back tj.TrainingJob
	require.NoError(t, tj.Unmarshal(spaced, &back))
	assert.Equal(t, job, back)

	doc, err := tj.ReadDocument(spaced)
	require.NoError(t, err)
	assert.Equal(t, job, doc.Job)

	event := addWhitespace([]byte(`{"detail-type":"SageMaker Training Job State Change","time":"2024-03-08T11:04:00Z","resources":["r"],` +
		`"detail":{"TrainingJobName":"n","Tags":{"b":"2","a":"1"},"SecondaryStatusTransitions":[{"Status":"Starting","StartTime":1709892000123}]}}`))
	doc, err = tj.ReadDocument(event)
	require.NoError(t, err)
	assert.Equal(t, tj.FormEvent, doc.Form)
	assert.Equal(t, []string{"r"}, doc.Event.Resources)
	assert.Equal(t, []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}, doc.Job.Tags)
	assert.Equal(t, time.UnixMilli(1709892000123).UTC(), doc.Job.SecondaryStatusTransitions[0].StartTime)

	var tr tj.SecondaryStatusTransition
	require.NoError(t, tr.UnmarshalJSON(addWhitespace([]byte(`{"Status":"Training","StartTime":1}`))))
	assert.Equal(t, tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: time.Unix(1, 0).UTC()}, tr)
}

// Depth counts open objects and arrays only: any number of siblings pass,
// and so does nesting of exactly MaxDepth levels, in every entry point.
func TestJSONDepthBookkeeping(t *testing.T) {
	siblings := func(elem string) string {
		return strings.TrimSuffix(strings.Repeat(elem+",", 3*tj.MaxDepth), ",")
	}
	for name, in := range map[string]string{
		"empty objects":                 `{"Unknown":[` + siblings(`{}`) + `],"TrainingJobName":"n"}`,
		"objects":                       `{"Unknown":[` + siblings(`{"a":1}`) + `],"TrainingJobName":"n"}`,
		"empty arrays":                  `{"Unknown":[` + siblings(`[]`) + `],"TrainingJobName":"n"}`,
		"arrays":                        `{"Unknown":[` + siblings(`[1]`) + `],"TrainingJobName":"n"}`,
		"empty channels":                `{"InputDataConfig":[` + siblings(`{}`) + `],"TrainingJobName":"n"}`,
		"channels":                      `{"InputDataConfig":[` + siblings(`{"ChannelName":"c"}`) + `],"TrainingJobName":"n"}`,
		"subnet lists":                  `{"InputDataConfig":[` + siblings(`{"DataSource":{"S3DataSource":{"AttributeNames":[]}}}`) + `],"TrainingJobName":"n"}`,
		"empty members":                 `{"TrainingJobName":"n",` + siblings(`"HyperParameters":{},"Tags":[],"VpcConfig":{}`) + `}`,
		"history entries":               `{"TrainingJobName":"n","SecondaryStatusTransitions":[` + siblings(`{"Status":"Training"}`) + `]}`,
		"unknown member after the name": `{"TrainingJobName":"n","x":[` + siblings(`{}`) + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal([]byte(in), &job))
			assert.Equal(t, "n", job.TrainingJobName)
			doc, err := tj.ReadDocument([]byte(in))
			require.NoError(t, err)
			assert.Equal(t, job, doc.Job)
		})
	}

	nested := func(levels int) string {
		// One top-level object, then levels-1 nested arrays in an
		// unknown member.
		return `{"TrainingJobName":"n","x":` + strings.Repeat("[", levels-1) + strings.Repeat("]", levels-1) + `}`
	}
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(nested(tj.MaxDepth)), &job))
	doc, err := tj.ReadDocument([]byte(nested(tj.MaxDepth)))
	require.NoError(t, err, "ReadDocument rewinds its depth after looking at the shape")
	assert.Equal(t, "n", doc.Job.TrainingJobName)
	event := `{"detail-type":"SageMaker Training Job State Change","detail":` + nested(tj.MaxDepth-1) + `}`
	doc, err = tj.ReadDocument([]byte(event))
	require.NoError(t, err)
	assert.Equal(t, "n", doc.Job.TrainingJobName)
	record := `{"TrainingJob":` + nested(tj.MaxDepth-1) + `}`
	doc, err = tj.ReadDocument([]byte(record))
	require.NoError(t, err)
	assert.Equal(t, "n", doc.Job.TrainingJobName)

	for name, in := range map[string]string{
		"job":    nested(tj.MaxDepth + 1),
		"event":  `{"detail-type":"SageMaker Training Job State Change","detail":` + nested(tj.MaxDepth) + `}`,
		"record": `{"TrainingJob":` + nested(tj.MaxDepth) + `}`,
	} {
		_, err := tj.ReadDocument([]byte(in))
		assert.ErrorIs(t, err, tj.ErrTooDeep, name)
	}
	err = tj.Unmarshal([]byte(nested(tj.MaxDepth+1)), &job)
	assert.ErrorIs(t, err, tj.ErrTooDeep)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de)
	// The offset is at the bracket that goes too deep, or just past it.
	at := int64(len(`{"TrainingJobName":"n","x":`) + tj.MaxDepth - 1)
	assert.True(t, de.Offset == at || de.Offset == at+1, "offset %d, bracket at %d", de.Offset, at)
	assert.Equal(t, fmt.Sprintf("nested deeper than %d levels", tj.MaxDepth), de.Msg)
}

// Exactly MaxDocumentSize bytes are accepted by every entry point; one more
// byte is refused.
// TestJSONSizeLimit: no entry point refuses a document of exactly
// MaxDocumentSize bytes for its size, every one refuses a byte more.
func TestJSONSizeLimit(t *testing.T) {
	// At the limit, a document whose syntax error follows its first member
	// shows that decoding began, without reading the 64 MiB: the rest is
	// zero bytes that nothing touches.
	atLimit := func(prefix string, size int) []byte {
		b := make([]byte, size)
		copy(b, prefix)
		return b
	}
	jobDoc := atLimit(`{"TrainingJobName":"n",`, tj.MaxDocumentSize)
	trDoc := atLimit(`{"Status":"Training",`, tj.MaxDocumentSize)
	var job tj.TrainingJob
	var tr tj.SecondaryStatusTransition
	for name, c := range map[string]struct {
		err    error
		offset int64
	}{
		"Unmarshal":    {tj.Unmarshal(jobDoc, &job), 23},
		"ReadDocument": {func() error { _, err := tj.ReadDocument(jobDoc); return err }(), 23},
		"transition":   {tr.UnmarshalJSON(trDoc), 21},
	} {
		assert.ErrorIs(t, c.err, tj.ErrSyntax, name)
		var de *tj.DecodeError
		if assert.ErrorAs(t, c.err, &de, name) {
			assert.Equal(t, c.offset, de.Offset, name)
			assert.Equal(t, "expected a member name", de.Msg, name)
		}
	}

	// A byte more is refused before decoding.
	jobDoc = atLimit(`{"TrainingJobName":"n"}`, tj.MaxDocumentSize+1)
	trDoc = atLimit(`{"Status":"Training"}`, tj.MaxDocumentSize+1)
	wantTooLarge := func(name string, err error) {
		t.Helper()
		assert.ErrorIs(t, err, tj.ErrTooLarge, name)
		var de *tj.DecodeError
		if assert.ErrorAs(t, err, &de, name) {
			assert.Equal(t, int64(tj.MaxDocumentSize), de.Offset, name)
			assert.Equal(t, fmt.Sprintf("document of %d bytes or more is larger than the limit of %d", tj.MaxDocumentSize+1, tj.MaxDocumentSize), de.Msg, name)
		}
	}
	wantTooLarge("Unmarshal", tj.Unmarshal(jobDoc, &job))
	_, err := tj.ReadDocument(jobDoc)
	wantTooLarge("ReadDocument", err)
	wantTooLarge("transition", tr.UnmarshalJSON(trDoc))

	// Whole documents: valid ones of exactly the limit decode, through
	// ReadDocumentFrom too, which reads the input in full before deciding.
	t.Run("whole documents", func(t *testing.T) {
		skipWholeLimitDocsUnderRace(t)
		pad := func(prefix string, size int) []byte {
			// A newline, then spaces to the closing brace: white space
			// the decoder skips a word at a time.
			b := bytes.Repeat([]byte{' '}, size)
			copy(b, prefix+"\n")
			b[size-1] = '}'
			return b
		}
		jobDoc := pad(`{"TrainingJobName":"n"`, tj.MaxDocumentSize)
		var job tj.TrainingJob
		require.NoError(t, tj.Unmarshal(jobDoc, &job))
		assert.Equal(t, "n", job.TrainingJobName)
		doc, err := tj.ReadDocument(jobDoc)
		require.NoError(t, err)
		assert.Equal(t, "n", doc.Job.TrainingJobName)
		doc, err = tj.ReadDocumentFrom(bytes.NewReader(jobDoc))
		require.NoError(t, err)
		assert.Equal(t, "n", doc.Job.TrainingJobName)
		var tr tj.SecondaryStatusTransition
		require.NoError(t, tr.UnmarshalJSON(pad(`{"Status":"Training"`, tj.MaxDocumentSize)))
		assert.Equal(t, tj.SecondaryStatusTraining, tr.Status)

		_, err = tj.ReadDocumentFrom(bytes.NewReader(append(jobDoc, ' ')))
		wantTooLarge("ReadDocumentFrom", err)
	})
}

// skipWholeLimitDocsUnderRace skips, under the race detector and unless
// TRAININGJOB_ALL_ORACLES=1, a test that reads or decodes whole documents
// of MaxDocumentSize bytes. Without -race that takes a fraction of a
// second; with it, reading 64 MiB through ReadDocumentFrom takes about
// five seconds and a gigabyte of shadow memory, and with -cover as well
// decoding them takes seconds more (the atomic coverage counters in the
// decoder's loops go through the race runtime). The cheaper checks at the
// limit, on documents whose bytes are never read, run in every mode.
func skipWholeLimitDocsUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		testenv.SkipUnlessAllOracles(t, "under the race detector, whole documents of MaxDocumentSize bytes take seconds and a gigabyte")
	}
}

func TestJSONReadDocumentShapes(t *testing.T) {
	// The first member that decides the shape decides it.
	doc, err := tj.ReadDocument([]byte(`{"ResponseMetadata":{"RequestId":"r"},"TrainingJobName":"a","Results":[]}`))
	require.NoError(t, err)
	assert.Equal(t, tj.FormDescribe, doc.Form)
	assert.Equal(t, "a", doc.Job.TrainingJobName)
	doc, err = tj.ReadDocument([]byte(`{"Results":[{"TrainingJob":{"TrainingJobName":"a"}}],"TrainingJobName":"b","NextToken":"t"}`))
	require.NoError(t, err)
	assert.Equal(t, tj.FormSearchRecord, doc.Form)
	assert.Equal(t, "a", doc.Job.TrainingJobName)
	doc, err = tj.ReadDocument([]byte(`{"Other":{"TrainingJob":{"TrainingJobName":"x"}},"TrainingJob":{"TrainingJobName":"a"},"detail":1}`))
	require.NoError(t, err)
	assert.Equal(t, tj.FormSearchRecord, doc.Form)
	assert.Equal(t, "a", doc.Job.TrainingJobName)

	// A search result that names its job by ARN only is a job.
	doc, err = tj.ReadDocument([]byte(`{"Results":[{"TrainingJob":{"TrainingJobArn":"arn:aws:sagemaker:r:1:training-job/a"}}]}`))
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sagemaker:r:1:training-job/a", doc.Job.TrainingJobArn)

	// An event's time may be null, and is checked like any timestamp.
	doc, err = tj.ReadDocument([]byte(`{"detail-type":"SageMaker Training Job State Change","time":null,"detail":{"TrainingJobName":"a"}}`))
	require.NoError(t, err)
	assert.True(t, doc.Event.Time.IsZero())
	const eventStart = `{"detail-type":"SageMaker Training Job State Change","time":`
	_, err = tj.ReadDocument([]byte(eventStart + `"soon","detail":{"TrainingJobName":"a"}}`))
	assert.ErrorIs(t, err, tj.ErrTimestamp)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "time", de.Path)
	assert.Equal(t, int64(len(eventStart)), de.Offset)

	// Unsupported documents are reported at the start of the document.
	for _, tt := range []struct{ in, msg string }{
		{`{"detail":{"TrainingJobName":"a"}}`, `event detail-type "" is not "SageMaker Training Job State Change"`},
		{`{"detail-type":"Other","detail":{}}`, `event detail-type "Other" is not`},
		{`{"detail-type":"SageMaker Training Job State Change","id":"x"}`, "event has no detail"},
		{`{"Hello":"world","Bye":[1]}`, "not a DescribeTrainingJob response, an EventBridge event or a Search record"},
		{`{}`, "not a DescribeTrainingJob response"},
		{`{"Results":[{"TrainingJob":{"TrainingJobName":"a"}},{}]}`, "Search response has 2 results; ReadDocument reads exactly one"},
		{`{"Results":null}`, "Search response has 0 results"},
		{`{"Results":[{"TrainingJob":{}}]}`, "Search result holds no TrainingJob"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			doc, err := tj.ReadDocument([]byte(tt.in))
			assert.Nil(t, doc)
			assert.ErrorIs(t, err, tj.ErrUnsupportedDocument)
			var de *tj.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, int64(0), de.Offset)
			assert.Equal(t, "", de.Path)
			assert.Contains(t, de.Msg, tt.msg)
		})
	}
}

// Many pointer members of one kind come from shared chunks; none of them
// overwrites another.
func TestJSONManyPointerMembers(t *testing.T) {
	const n = 300
	var in strings.Builder
	in.WriteString(`{"FinalMetricDataList":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			in.WriteByte(',')
		}
		fmt.Fprintf(&in, `{"MetricName":"m%d","Value":%d,"Timestamp":%d}`, i, i, 1709892000+i)
	}
	in.WriteString(`],"Tags":{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			in.WriteByte(',')
		}
		fmt.Fprintf(&in, `"k%03d":"v%d"`, i, i)
	}
	in.WriteString(`}}`)
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(in.String()), &job))
	require.Len(t, job.FinalMetricDataList, n)
	require.Len(t, job.Tags, n)
	for i := 0; i < n; i++ {
		m := job.FinalMetricDataList[i]
		assert.Equal(t, fmt.Sprintf("m%d", i), *m.MetricName)
		assert.Equal(t, float32(i), *m.Value)
		assert.Equal(t, time.Unix(int64(1709892000+i), 0).UTC(), *m.Timestamp)
		assert.Equal(t, fmt.Sprintf("k%03d", i), *job.Tags[i].Key)
		assert.Equal(t, fmt.Sprintf("v%d", i), *job.Tags[i].Value)
	}
	// Decoding another document leaves the first one alone.
	first := job
	var other tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(strings.ReplaceAll(in.String(), `"m`, `"x`)), &other))
	assert.Equal(t, "m0", *first.FinalMetricDataList[0].MetricName)
}

// Errors name the first problem, even when the decoder meets more on its way
// out.
func TestJSONFirstErrorWins(t *testing.T) {
	tests := []struct {
		in     string
		kind   error
		path   string
		offset int64
	}{
		{`{"ResourceConfig":{"InstanceCount":"x"`, tj.ErrType, "ResourceConfig.InstanceCount", 35},
		{`{"SecondaryStatusTransitions":[{"StartTime":"x"},`, tj.ErrTimestamp, "SecondaryStatusTransitions[0].StartTime", 44},
		{`{"InputDataConfig":[{"DataSource":{"S3DataSource":{"S3Uri":1}}}`, tj.ErrType, "InputDataConfig[0].DataSource.S3DataSource.S3Uri", 59},
		{`{"HyperParameters":{"a":"b","c":[`, tj.ErrType, `HyperParameters["c"]`, 32},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			de := decodeError(t, tt.in)
			assert.ErrorIs(t, de, tt.kind)
			assert.Equal(t, tt.path, de.Path)
			assert.Equal(t, tt.offset, de.Offset)
		})
	}
}

// ReadDocument of a top-level null says it found null, where the null is.
func TestJSONReadDocumentNullTopLevel(t *testing.T) {
	for _, in := range []string{`null`, ` null `} {
		doc, err := tj.ReadDocument([]byte(in))
		assert.Nil(t, doc)
		assert.ErrorIs(t, err, tj.ErrType)
		var de *tj.DecodeError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, "expected object, found null", de.Msg, "%q", in)
		assert.Equal(t, int64(strings.Index(in, "null")), de.Offset, "%q", in)
	}
}

// A null detail or TrainingJob holds no job, like an absent one: ReadDocument
// refuses an event without detail and a Search response whose result holds
// no job, and refuses these too rather than return an empty job.
func TestJSONReadDocumentNullJob(t *testing.T) {
	for _, tt := range []struct{ in, msg string }{
		{`{"detail-type":"SageMaker Training Job State Change","detail":null}`, "event has no detail"},
		{`{"TrainingJob":null}`, "holds no TrainingJob"},
		{`{"TrainingJob":{}}`, "holds no TrainingJob"},
	} {
		doc, err := tj.ReadDocument([]byte(tt.in))
		assert.Nil(t, doc, tt.in)
		assert.ErrorIs(t, err, tj.ErrUnsupportedDocument, tt.in)
		assert.ErrorContains(t, err, tt.msg, tt.in)
	}
}

// Whatever white space follows a colon, the member reads the same.
func TestWhiteSpaceAfterColon(t *testing.T) {
	for _, sep := range []string{"", " ", "  ", " \n", "\n", "\t ", " \r\n    "} {
		doc := `{"TrainingJobName":` + sep + `"a","MaxRuntime":` + sep + `1,"HyperParameters":` + sep + `{"k":` + sep + `"v"}}`
		var job tj.TrainingJob
		if assert.NoError(t, tj.Unmarshal([]byte(doc), &job), "%q", sep) {
			assert.Equal(t, "a", job.TrainingJobName, "%q", sep)
			assert.Equal(t, map[string]string{"k": "v"}, job.HyperParameters, "%q", sep)
		}
	}
	var job tj.TrainingJob
	err := tj.Unmarshal([]byte(`{"TrainingJobName": }`), &job)
	assert.ErrorIs(t, err, tj.ErrSyntax)
}
