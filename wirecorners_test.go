package trainingjob_test

// Tests of issue 21's wire items: what Marshal writes as the service does,
// the JSON corner cases with one rule each, the same in Unmarshal,
// UnmarshalJSON and ReadDocument and checked against aws-sdk-go-v2's own
// deserializer, and empty structures in events.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

// Marshal writes the three Enable booleans whatever their value, as the
// service's DescribeTrainingJob response has them; the SDK reads them as
// present, and the job comes back as it was.
func TestMarshalWritesEnableBooleans(t *testing.T) {
	tests := []struct {
		name                       string
		isolation, enc, spot       bool
		wantIso, wantEnc, wantSpot string
	}{
		{"none", false, false, false, `"EnableNetworkIsolation":false`, `"EnableInterContainerTrafficEncryption":false`, `"EnableManagedSpotTraining":false`},
		{"isolation", true, false, false, `"EnableNetworkIsolation":true`, `"EnableInterContainerTrafficEncryption":false`, `"EnableManagedSpotTraining":false`},
		{"encryption", false, true, false, `"EnableNetworkIsolation":false`, `"EnableInterContainerTrafficEncryption":true`, `"EnableManagedSpotTraining":false`},
		{"spot", false, false, true, `"EnableNetworkIsolation":false`, `"EnableInterContainerTrafficEncryption":false`, `"EnableManagedSpotTraining":true`},
		{"all", true, true, true, `"EnableNetworkIsolation":true`, `"EnableInterContainerTrafficEncryption":true`, `"EnableManagedSpotTraining":true`},
	}
	sdk := newBenchSDKDecoder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := completedJob()
			job.EnableNetworkIsolation, job.EnableInterContainerTrafficEncryption, job.EnableManagedSpotTraining = tt.isolation, tt.enc, tt.spot
			data, err := tj.Marshal(&job)
			require.NoError(t, err)
			for _, want := range []string{tt.wantIso, tt.wantEnc, tt.wantSpot} {
				assert.Equal(t, 1, strings.Count(string(data), want), want)
			}
			assert.Equal(t, job, roundTrip(t, job), "round trip exact")

			out, err := sdk.decode(data)
			require.NoError(t, err)
			require.NotNil(t, out.EnableNetworkIsolation)
			require.NotNil(t, out.EnableInterContainerTrafficEncryption)
			require.NotNil(t, out.EnableManagedSpotTraining)
			assert.Equal(t, tt.isolation, *out.EnableNetworkIsolation)
			assert.Equal(t, tt.enc, *out.EnableInterContainerTrafficEncryption)
			assert.Equal(t, tt.spot, *out.EnableManagedSpotTraining)
		})
	}
}

// The JSON corner cases give the same answer through Unmarshal,
// UnmarshalJSON (through encoding/json too) and ReadDocument, and agree
// with the SDK's deserializer except where noted.
func TestJSONCornerCasesOneRule(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		want         tj.TrainingJob
		wantErr      error  // nil: accepted
		errMsg       string // part of the message when refused
		sdkErr       bool   // whether the SDK refuses it
		nullDocument bool   // null itself: refused by Unmarshal and ReadDocument, a no-op for UnmarshalJSON
	}{
		{name: "null after a value keeps it", in: `{"TrainingJobName":"a","TrainingJobName":null}`,
			want: tj.TrainingJob{TrainingJobName: "a"}},
		{name: "value after null", in: `{"TrainingJobName":null,"TrainingJobName":"b"}`,
			want: tj.TrainingJob{TrainingJobName: "b"}},
		{name: "last of two values", in: `{"TrainingJobName":"a","TrainingJobName":"b"}`,
			want: tj.TrainingJob{TrainingJobName: "b"}},
		{name: "null structure keeps the one before", in: `{"TrainingJobName":"a","StoppingCondition":{"MaxRuntimeInSeconds":60},"StoppingCondition":null}`,
			want: tj.TrainingJob{TrainingJobName: "a", StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(60)}}},
		{name: "structure twice, last whole", in: `{"TrainingJobName":"a","StoppingCondition":{"MaxRuntimeInSeconds":60},"StoppingCondition":{"MaxWaitTimeInSeconds":90}}`,
			want: tj.TrainingJob{TrainingJobName: "a", StoppingCondition: &types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(90)}}},
		{name: "map twice, last whole", in: `{"TrainingJobName":"a","HyperParameters":{"x":"1"},"HyperParameters":{"y":"2"}}`,
			want: tj.TrainingJob{TrainingJobName: "a", HyperParameters: map[string]string{"y": "2"}}},
		{name: "null boolean keeps true", in: `{"TrainingJobName":"a","EnableManagedSpotTraining":true,"EnableManagedSpotTraining":null}`,
			want: tj.TrainingJob{TrainingJobName: "a", EnableManagedSpotTraining: true}},
		{name: "invalid escape in an unknown member", in: `{"TrainingJobName":"a","X":"\q"}`,
			wantErr: tj.ErrSyntax, errMsg: `X: invalid escape character 'q'`, sdkErr: true},
		{name: "short unicode escape in an unknown member", in: `{"TrainingJobName":"a","X":["\u12"]}`,
			wantErr: tj.ErrSyntax, errMsg: `invalid \u escape`, sdkErr: true},
		{name: "invalid escape deep in an unknown member", in: `{"TrainingJobName":"a","X":{"y":[1,{"z":"ok\n\x"}]}}`,
			wantErr: tj.ErrSyntax, errMsg: `invalid escape character 'x'`, sdkErr: true},
		{name: "valid escapes in an unknown member", in: `{"TrainingJobName":"a","X":"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00"}`,
			want: tj.TrainingJob{TrainingJobName: "a"}},
		{name: "null document", in: `null`, nullDocument: true,
			wantErr: tj.ErrType, errMsg: `expected object, found null (at byte 0)`, sdkErr: true},
		{name: "null document after white space", in: " \n null", nullDocument: true,
			wantErr: tj.ErrType, errMsg: `expected object, found null (at byte 3)`, sdkErr: true},
	}
	sdk := newBenchSDKDecoder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			err := tj.Unmarshal([]byte(tt.in), &job)
			var viaMethod tj.TrainingJob
			methodErr := viaMethod.UnmarshalJSON([]byte(tt.in))
			doc, docErr := tj.ReadDocument([]byte(tt.in))
			var viaStd struct{ Job tj.TrainingJob }
			stdErr := json.Unmarshal([]byte(`{"Job":`+tt.in+`}`), &viaStd)
			switch {
			case tt.nullDocument:
				// Unmarshal and ReadDocument refuse it; UnmarshalJSON, and so
				// encoding/json, leave the job as it was, as encoding/json
				// expects of an Unmarshaler.
				require.ErrorIs(t, err, tt.wantErr)
				assert.ErrorContains(t, err, tt.errMsg)
				assert.Equal(t, err, docErr, "ReadDocument")
				assert.Nil(t, doc)
				require.NoError(t, methodErr, "UnmarshalJSON")
				require.NoError(t, stdErr, "encoding/json")
				assert.Equal(t, tj.TrainingJob{}, viaMethod)
			case tt.wantErr != nil:
				require.ErrorIs(t, err, tt.wantErr)
				assert.ErrorContains(t, err, tt.errMsg)
				assert.Equal(t, err, methodErr, "UnmarshalJSON")
				assert.Equal(t, err, docErr, "ReadDocument")
				assert.Nil(t, doc)
				assert.Error(t, stdErr, "encoding/json")
			default:
				require.NoError(t, err)
				require.NoError(t, methodErr)
				require.NoError(t, docErr)
				require.NoError(t, stdErr)
				assert.Equal(t, tt.want, job)
				assert.Equal(t, tt.want, viaMethod, "UnmarshalJSON")
				assert.Equal(t, tt.want, doc.Job, "ReadDocument")
				assert.Equal(t, tt.want, viaStd.Job, "encoding/json")
			}

			out, sdkErr := sdk.decode([]byte(tt.in))
			if tt.sdkErr {
				assert.Error(t, sdkErr, "the SDK refuses it too")
				return
			}
			require.NoError(t, sdkErr)
			assert.Equal(t, tt.want, tj.FromDescribeOutput(out), "the SDK reads the same")
		})
	}
}

// A Search record with TrainingJob twice reads as the last one, whole, as
// docs/robustness.md says and the SDK does; a null second one leaves the first.
func TestSearchRecordTrainingJobTwice(t *testing.T) {
	first := `{"TrainingJobName":"a","FailureReason":"boom","TrainingJobStatus":"Failed"}`
	second := `{"TrainingJobName":"b","TrainingJobStatus":"Completed"}`
	tests := []struct {
		name, record string
		want         tj.TrainingJob
	}{
		{"last wins whole", `{"TrainingJob":` + first + `,"TrainingJob":` + second + `}`,
			tj.TrainingJob{TrainingJobName: "b", TrainingJobStatus: tj.StatusCompleted}},
		{"null leaves the first", `{"TrainingJob":` + first + `,"TrainingJob":null}`,
			tj.TrainingJob{TrainingJobName: "a", FailureReason: "boom", TrainingJobStatus: tj.StatusFailed}},
		{"null first", `{"TrainingJob":null,"TrainingJob":` + second + `}`,
			tj.TrainingJob{TrainingJobName: "b", TrainingJobStatus: tj.StatusCompleted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range []string{tt.record, `{"Results":[` + tt.record + `]}`, `{"Results":[{"TrainingJob":{"TrainingJobName":"c"}}],"Results":[` + tt.record + `]}`} {
				doc, err := tj.ReadDocument([]byte(in))
				require.NoError(t, err, in)
				assert.Equal(t, tj.FormSearchRecord, doc.Form)
				assert.Equal(t, tt.want, doc.Job, in)
			}

			body := []byte(`{"Results":[` + tt.record + `]}`)
			out, err := newBenchSDKClient(body).Search(context.Background(), &sagemaker.SearchInput{Resource: types.ResourceTypeTrainingJob})
			require.NoError(t, err)
			require.Len(t, out.Results, 1)
			require.NotNil(t, out.Results[0].TrainingJob)
			assert.Equal(t, tt.want, tj.FromSDK(out.Results[0].TrainingJob), "the SDK reads the same")
		})
	}
}

// In the detail of an event, and only there, {} and [] for a structure, a
// list or a map read as absent, at any depth; our own documents keep them.
func TestEventEmptyStructuresAreAbsent(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "events", "state-change-completed.json"))
	require.NoError(t, err)
	var ev map[string]any
	require.NoError(t, json.Unmarshal(base, &ev))
	detail := ev["detail"].(map[string]any)

	tests := []struct {
		member string
		value  any
		absent func(tj.TrainingJob) bool
	}{
		{"VpcConfig", map[string]any{}, func(j tj.TrainingJob) bool { return j.VpcConfig == nil }},
		{"Tags", map[string]any{}, func(j tj.TrainingJob) bool { return j.Tags == nil }},
		{"Tags", []any{}, func(j tj.TrainingJob) bool { return j.Tags == nil }},
		{"SecondaryStatusTransitions", []any{}, func(j tj.TrainingJob) bool { return j.SecondaryStatusTransitions == nil }},
		{"HyperParameters", map[string]any{}, func(j tj.TrainingJob) bool { return j.HyperParameters == nil }},
		{"Environment", map[string]any{}, func(j tj.TrainingJob) bool { return j.Environment == nil }},
		{"CheckpointConfig", map[string]any{}, func(j tj.TrainingJob) bool { return j.CheckpointConfig == nil }},
		{"DebugRuleConfigurations", []any{}, func(j tj.TrainingJob) bool { return j.DebugRuleConfigurations == nil }},
		{"ResourceConfig", map[string]any{"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10, "InstanceGroups": []any{}},
			func(j tj.TrainingJob) bool { return j.ResourceConfig != nil && j.ResourceConfig.InstanceGroups == nil }},
	}
	for _, tt := range tests {
		t.Run(tt.member, func(t *testing.T) {
			saved, had := detail[tt.member]
			t.Cleanup(func() {
				if had {
					detail[tt.member] = saved
				} else {
					delete(detail, tt.member)
				}
			})
			detail[tt.member] = tt.value
			data, err := json.MarshalIndent(ev, "", " ")
			require.NoError(t, err)
			// White space inside the empty value changes nothing.
			spaced := strings.NewReplacer(`{}`, "{ \n }", `[]`, "[\t]").Replace(string(data))
			for _, in := range []string{string(data), spaced} {
				doc, err := tj.ReadDocument([]byte(in))
				require.NoError(t, err)
				require.Equal(t, tj.FormEvent, doc.Form)
				assert.True(t, tt.absent(doc.Job), "%s read as absent", tt.member)
				assert.NoError(t, doc.Job.Validate(), "an event without a VPC is valid")
			}

			// The same detail as a describe response keeps {} and [] as
			// present and empty.
			detailJSON, err := json.Marshal(detail)
			require.NoError(t, err)
			var job tj.TrainingJob
			require.NoError(t, tj.Unmarshal(detailJSON, &job))
			assert.False(t, tt.absent(job), "%s kept in the describe form", tt.member)
		})
	}
}

// Our own documents round-trip as before: Marshal writes [] and {} for
// empty values, and every form but the event keeps them.
func TestEmptyValuesRoundTripOutsideEvents(t *testing.T) {
	job := tj.TrainingJob{
		TrainingJobName:            "j",
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{},
		HyperParameters:            map[string]string{},
		Tags:                       []types.Tag{},
		VpcConfig:                  &types.VpcConfig{},
	}
	data, err := tj.Marshal(&job)
	require.NoError(t, err)
	for _, in := range []string{string(data), `{"TrainingJob":` + string(data) + `}`} {
		doc, err := tj.ReadDocument([]byte(in))
		require.NoError(t, err)
		assert.Equal(t, job, doc.Job, in)
	}
}

// Every structure, list and map member, at any depth, reads as absent when
// an event gives it as {} or []: the event reads as the same event without
// that member. The job is one with every member set, so every member the
// decoders know is tried.
func TestEventEmptyAnywhereIsAbsent(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "events", "state-change-completed.json"))
	require.NoError(t, err)
	var full tj.TrainingJob
	reflectfill.Fill(&full, 7)
	detailJSON, err := tj.Marshal(&full)
	require.NoError(t, err)

	// event returns the event of base with detail as its detail, edited by
	// edit at the member named by path.
	event := func(path []any, edit func(parent map[string]any, key string)) []byte {
		var ev, detail map[string]any
		require.NoError(t, json.Unmarshal(base, &ev))
		require.NoError(t, json.Unmarshal(detailJSON, &detail))
		var at any = detail
		for _, step := range path[:len(path)-1] {
			switch s := step.(type) {
			case string:
				at = at.(map[string]any)[s]
			case int:
				at = at.([]any)[s]
			}
		}
		edit(at.(map[string]any), path[len(path)-1].(string))
		ev["detail"] = detail
		out, err := json.Marshal(ev)
		require.NoError(t, err)
		return out
	}

	// The members holding an object or an array, at any depth.
	var paths [][]any
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				p := append(append([]any(nil), path...), k)
				switch x.(type) {
				case map[string]any, []any:
					paths = append(paths, p)
				}
				walk(x, p)
			}
		case []any:
			for i, x := range v {
				walk(x, append(append([]any(nil), path...), i))
			}
		}
	}
	var detail map[string]any
	require.NoError(t, json.Unmarshal(detailJSON, &detail))
	walk(detail, nil)
	require.Greater(t, len(paths), 40, "the filled job has structures, lists and maps at every depth")

	for _, path := range paths {
		emptied := event(path, func(parent map[string]any, key string) {
			if _, isList := parent[key].([]any); isList {
				parent[key] = []any{}
			} else {
				parent[key] = map[string]any{}
			}
		})
		removed := event(path, func(parent map[string]any, key string) { delete(parent, key) })
		got, err := tj.ReadDocument(emptied)
		require.NoError(t, err, "%v", path)
		want, err := tj.ReadDocument(removed)
		require.NoError(t, err, "%v", path)
		assert.Equal(t, want.Job, got.Job, "%v given empty reads as absent", path)
	}
}
