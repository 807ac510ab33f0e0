package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shape is the part of a model shape that the comparison with the SDK reads.
type shape struct {
	Type    string `json:"type"`
	Members map[string]struct {
		Shape string `json:"shape"`
	} `json:"members"`
	Member struct {
		Shape string `json:"shape"`
	} `json:"member"`
	Value struct {
		Shape string `json:"shape"`
	} `json:"value"`
	Enum []string `json:"enum"`
}

func loadShapes(t *testing.T) map[string]shape {
	t.Helper()
	var m struct {
		Shapes map[string]shape `json:"shapes"`
	}
	require.NoError(t, json.Unmarshal(Service(), &m))
	require.NotEmpty(t, m.Shapes)
	return m.Shapes
}

// mismatch is one difference between the model and the pinned SDK.
type mismatch struct {
	where, what string
}

// sdkComparer walks a model structure and the SDK's Go type for it side by
// side and records every difference.
type sdkComparer struct {
	shapes map[string]shape
	seen   map[string]bool
	found  []mismatch
}

func (c *sdkComparer) add(where, format string, args ...any) {
	c.found = append(c.found, mismatch{where, fmt.Sprintf(format, args...)})
}

// skippedField reports the SDK's bookkeeping fields, which no model shape has.
func skippedField(f reflect.StructField) bool {
	return !f.IsExported() || f.Name == "ResultMetadata"
}

func (c *sdkComparer) compare(where, shapeName string, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	key := shapeName + "/" + t.String()
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	s, ok := c.shapes[shapeName]
	if !ok {
		c.add(where, "the model has no shape %s", shapeName)
		return
	}
	switch {
	case s.Type == "structure":
		if t.Kind() != reflect.Struct {
			c.add(where, "model structure %s is %s in the SDK", shapeName, t)
			return
		}
		for name, m := range s.Members {
			f, ok := t.FieldByName(name)
			if !ok {
				c.add(where+"."+name, "the model has member %s.%s; the SDK's %s has no such field", shapeName, name, t)
				continue
			}
			c.compare(where+"."+name, m.Shape, f.Type)
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if skippedField(f) {
				continue
			}
			if _, ok := s.Members[f.Name]; !ok {
				c.add(where+"."+f.Name, "the SDK's %s has field %s; the model's %s has no such member: refresh internal/model", t, f.Name, shapeName)
			}
		}
	case s.Type == "list":
		if t.Kind() != reflect.Slice {
			c.add(where, "model list %s is %s in the SDK", shapeName, t)
			return
		}
		c.compare(where+"[]", s.Member.Shape, t.Elem())
	case s.Type == "map":
		if t.Kind() != reflect.Map {
			c.add(where, "model map %s is %s in the SDK", shapeName, t)
			return
		}
		c.compare(where+"{}", s.Value.Shape, t.Elem())
	case len(s.Enum) > 0:
		c.compareEnum(where, shapeName, s.Enum, t)
	}
}

func (c *sdkComparer) compareEnum(where, shapeName string, model []string, t reflect.Type) {
	values := reflect.Zero(t).MethodByName("Values")
	if !values.IsValid() {
		c.add(where, "model enum %s is %s in the SDK, which has no Values method", shapeName, t)
		return
	}
	var sdk []string
	out := values.Call(nil)[0]
	for i := range out.Len() {
		sdk = append(sdk, out.Index(i).String())
	}
	for _, v := range sdk {
		if !slices.Contains(model, v) {
			c.add(where, "the SDK's %s has value %q; the model's enum %s lacks it: refresh internal/model and regenerate", t, v, shapeName)
		}
	}
	for _, v := range model {
		if !slices.Contains(sdk, v) {
			c.add(where, "the model's enum %s has value %q; the SDK's %s lacks it: upgrade aws-sdk-go-v2", shapeName, v, t)
		}
	}
}

// TestModelMatchesSDK fails when the pinned aws-sdk-go-v2 and the trimmed
// model disagree about a member of TrainingJob, DescribeTrainingJob's output
// or CreateTrainingJob's input, or about an enumeration's values anywhere
// below them. After an SDK upgrade that brings something new, refresh the
// model (see the package documentation) and run go generate ./..., so that
// model and code learn it together.
func TestModelMatchesSDK(t *testing.T) {
	shapes := loadShapes(t)
	c := &sdkComparer{shapes: shapes, seen: map[string]bool{}}
	c.compare("TrainingJob", "TrainingJob", reflect.TypeFor[types.TrainingJob]())
	c.compare("DescribeTrainingJobOutput", "DescribeTrainingJobResponse", reflect.TypeFor[sagemaker.DescribeTrainingJobOutput]())
	c.compare("CreateTrainingJobInput", "CreateTrainingJobRequest", reflect.TypeFor[sagemaker.CreateTrainingJobInput]())
	var lines []string
	for _, m := range c.found {
		lines = append(lines, m.where+": "+m.what)
	}
	slices.Sort(lines)
	assert.Empty(t, lines, "model and SDK disagree:\n%s", strings.Join(lines, "\n"))
	assert.Greater(t, len(c.seen), 50, "the walk must reach the nested shapes")
}

// TestSDKComparerReportsDifferences shows that the comparison above can
// fail, and says which member or value differs.
func TestSDKComparerReportsDifferences(t *testing.T) {
	type fake struct {
		TrainingJobName       *string
		Extra                 *string
		Status                types.TrainingJobStatus
		noSmithyDocumentSerde any
	}
	shapes := map[string]shape{
		"Job": {Type: "structure", Members: map[string]struct {
			Shape string `json:"shape"`
		}{"TrainingJobName": {"Name"}, "Missing": {"Name"}, "Status": {"St"}}},
		"Name": {Type: "string"},
		"St":   {Type: "string", Enum: []string{"InProgress", "Completed", "Failed", "Stopping", "Stopped", "Paused"}},
	}
	c := &sdkComparer{shapes: shapes, seen: map[string]bool{}}
	c.compare("Job", "Job", reflect.TypeFor[fake]())
	var got []string
	for _, m := range c.found {
		got = append(got, m.where+": "+m.what)
	}
	slices.Sort(got)
	require.Len(t, got, 4, "%q", got)
	assert.Contains(t, got[0], "Job.Extra: the SDK's model.fake has field Extra")
	assert.Contains(t, got[1], "Job.Missing: the model has member Job.Missing")
	assert.Contains(t, strings.Join(got[2:], "\n"), `the SDK's types.TrainingJobStatus has value "Deleting"`)
	assert.Contains(t, strings.Join(got[2:], "\n"), `the model's enum St has value "Paused"`)
}
