package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The committed model is what the trim tool writes: trimming it again, with
// the same additions, changes nothing (the additions are in it already, so
// merging them is a no-op), and so does trimming its waiters again.
func TestCommittedModelIsTrimmed(t *testing.T) {
	out, _, err := Trim(Service(), Operations, ExtraShapes, Additions())
	require.NoError(t, err)
	assert.Equal(t, string(Service()), string(out), "internal/model is not what trimmodel writes: rerun it (see the package documentation)")

	waiters, err := TrimWaiters(Waiters(), Operations)
	require.NoError(t, err)
	assert.Equal(t, string(Waiters()), string(waiters))
}

const fullModel = `{
 "version": "2.0",
 "metadata": {"apiVersion": "2017-07-24", "protocol": "json"},
 "documentation": "<p>the service</p>",
 "operations": {
  "DescribeTrainingJob": {"name": "DescribeTrainingJob", "input": {"shape": "Req"}, "output": {"shape": "Resp"},
   "errors": [{"shape": "NotFound"}], "documentation": "<p>describes</p>"},
  "CreateEndpoint": {"name": "CreateEndpoint", "input": {"shape": "EndpointReq"}}
 },
 "shapes": {
  "Req": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "Name", "documentation": "x"}}},
  "Resp": {"type": "structure", "members": {"Tags": {"shape": "TagList"}, "Env": {"shape": "Env"}, "Size": {"shape": "Size"}}},
  "Name": {"type": "string", "max": 63, "pattern": "^[a-z<>&]+$"},
  "TagList": {"type": "list", "member": {"shape": "Tag"}, "max": 50},
  "Tag": {"type": "structure", "members": {"Key": {"shape": "Name"}}},
  "Env": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "EnvValue"}},
  "EnvValue": {"type": "string"},
  "Size": {"type": "long", "max": 9223372036854775807},
  "Kind": {"type": "string", "enum": ["A", "B"]},
  "Extra": {"type": "structure", "members": {"Kind": {"shape": "Kind"}}},
  "NotFound": {"type": "structure", "members": {}, "exception": true},
  "EndpointReq": {"type": "structure", "members": {"Other": {"shape": "Other"}}},
  "Other": {"type": "string"}
 }
}`

func TestTrimKeepsWhatTheOperationsReach(t *testing.T) {
	out, stale, err := Trim([]byte(fullModel), []string{"DescribeTrainingJob"}, []string{"Extra"},
		[]byte(`{"shapes": {"Kind": {"type": "string", "enum": ["B", "C"]},
			"Tag": {"type": "structure", "members": {"Value": {"shape": "EnvValue"}, "Key": {"shape": "Name"}}},
			"Req": {"required": ["Name", "Other"]},
			"New": {"type": "string"}, "Other": {"type": "string"}}}`))
	require.NoError(t, err)
	var m struct {
		Documentation string                     `json:"documentation"`
		Operations    map[string]json.RawMessage `json:"operations"`
		Shapes        map[string]map[string]any  `json:"shapes"`
		Metadata      map[string]any             `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal(out, &m))
	assert.Empty(t, m.Documentation)
	assert.Equal(t, []string{"DescribeTrainingJob"}, keys(m.Operations))
	assert.NotContains(t, string(m.Operations["DescribeTrainingJob"]), "documentation")
	assert.Equal(t, []string{"Env", "EnvValue", "Extra", "Kind", "Name", "NotFound", "Req", "Resp", "Size", "Tag", "TagList"}, keys(m.Shapes),
		"the shapes the operation and the extra shape reach, and no other (New is added but nothing reaches it)")
	assert.Equal(t, []any{"A", "B", "C"}, m.Shapes["Kind"]["enum"])
	assert.Len(t, m.Shapes["Tag"]["members"], 2)
	assert.Equal(t, []any{"Name", "Other"}, m.Shapes["Req"]["required"])
	assert.Equal(t, "2017-07-24", m.Metadata["apiVersion"])
	assert.Contains(t, string(out), `"max": 9223372036854775807`, "numbers are kept as written")
	assert.Contains(t, string(out), `"pattern": "^[a-z<>&]+$"`, "patterns are not HTML-escaped")
	assert.Equal(t, []string{`Kind enum value "B"`, "shape Other", "Req required Name", "Tag member Key"}, stale, "in the order of the shapes' names")

	again, _, err := Trim(out, []string{"DescribeTrainingJob"}, []string{"Extra"}, nil)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(again), "trimming is a fixpoint")
}

func TestTrimErrors(t *testing.T) {
	for _, tc := range []struct {
		name, model, additions, want string
		ops                          []string
	}{
		{"not JSON", `{`, "", "service model", []string{"DescribeTrainingJob"}},
		{"not a model", `{"a": 1}`, "", "no operations or shapes", nil},
		{"unknown operation", fullModel, "", `no operation "StopTrainingJob"`, []string{"StopTrainingJob"}},
		{"dangling reference", `{"operations": {"X": {"input": {"shape": "Gone"}}}, "shapes": {}}`, "", `shape "Gone" is referenced but not defined`, []string{"X"}},
		{"additions of another type", fullModel, `{"shapes": {"Kind": {"type": "structure"}}}`, "Kind is a string in the model", []string{"DescribeTrainingJob"}},
		{"additions not JSON", fullModel, `[`, "additions", []string{"DescribeTrainingJob"}},
		{"trailing data", `{} {}`, "", "data after the top-level value", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var add []byte
			if tc.additions != "" {
				add = []byte(tc.additions)
			}
			_, _, err := Trim([]byte(tc.model), tc.ops, nil, add)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestTrimWaitersKeepsTheOperationsWaiters(t *testing.T) {
	out, err := TrimWaiters([]byte(`{"version": 2, "waiters": {
		"EndpointInService": {"operation": "DescribeEndpoint", "delay": 30},
		"TrainingJobCompletedOrStopped": {"operation": "DescribeTrainingJob", "delay": 120, "documentation": "x"}}}`),
		[]string{"DescribeTrainingJob"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"version": 2, "waiters": {"TrainingJobCompletedOrStopped": {"operation": "DescribeTrainingJob", "delay": 120}}}`, string(out))

	_, err = TrimWaiters([]byte(`{"version": 2}`), nil)
	assert.ErrorContains(t, err, "no waiters member")
}

func keys[V any](m map[string]V) []string {
	out := sortedKeys(anyMap(m))
	return out
}
