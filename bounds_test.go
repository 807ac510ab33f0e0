package trainingjob_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// boundsDocSize is the size the adversarial documents are grown to: a few
// megabytes, enough for any per-element cost to dwarf fixed costs.
const boundsDocSize = 3 << 20

// repeatTo returns head, then elem repeated (joined by sep) until the
// document is about size bytes, then tail.
func repeatTo(size int, head, elem, sep, tail string) []byte {
	var b strings.Builder
	b.Grow(size + len(elem) + len(head) + len(tail))
	b.WriteString(head)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(elem)
	}
	b.WriteString(tail)
	return []byte(b.String())
}

// repeatN is repeatTo with a count instead of a size.
func repeatN(n int, head, elem, sep, tail string) []byte {
	return []byte(head + strings.Repeat(elem+sep, n-1) + elem + tail)
}

const boundsJobHead = `{"TrainingJobName":"x","TrainingJobStatus":"InProgress",`

// boundsShape is one adversarial document and what decoding it gives.
type boundsShape struct {
	name string
	doc  []byte
	// path is the Path of the ErrTooLarge error expected for a list too
	// long, budget when the allocation budget refuses the document, or ""
	// when the document decodes.
	path string
}

// budget stands for the allocation budget's refusal in boundsShape.
const budget = "(budget)"

// checkBoundsError checks err against path as boundsShape describes it.
func checkBoundsError(t *testing.T, path string, err error) {
	t.Helper()
	if path == "" {
		require.NoError(t, err)
		return
	}
	require.ErrorIs(t, err, tj.ErrTooLarge)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Positive(t, de.Offset)
	if path == budget {
		assert.Contains(t, de.Msg, "decoding would allocate more than ")
		return
	}
	assert.Equal(t, path, de.Path)
	assert.Contains(t, de.Msg, "entries, the most a list or map of this member may hold")
}

func boundsShapes() []boundsShape {
	list := func(member, elem string) []byte {
		return repeatTo(boundsDocSize, boundsJobHead+`"`+member+`":[`, elem, ",", "]}")
	}
	nested := func(outer, member, elem string) []byte {
		return repeatTo(boundsDocSize, boundsJobHead+`"`+outer+`":{"`+member+`":[`, elem, ",", "]}}")
	}
	nSameMember := func(member, value string) []byte {
		return repeatTo(boundsDocSize, `{`, `"`+member+`":`+value, ",", "}")
	}
	deep := strings.Repeat("[", tj.MaxDepth-2) + strings.Repeat("]", tj.MaxDepth-2)
	history9999 := "[" + strings.Repeat("{},", tj.MaxHistoryEntries-1) + "{}]"
	return []boundsShape{
		// The shapes: millions of empty entries and nulls.
		{"history of {}", list("SecondaryStatusTransitions", "{}"), "SecondaryStatusTransitions[10000]"},
		{"history of null", list("SecondaryStatusTransitions", "null"), "SecondaryStatusTransitions[10000]"},
		{"history at the limit", repeatN(tj.MaxHistoryEntries, boundsJobHead+`"SecondaryStatusTransitions":[`, `{}`, ",", "]}"), ""},
		{"history at the limit, given again and again", nSameMember("SecondaryStatusTransitions", history9999), budget},
		{"one-character unknown keys", repeatTo(boundsDocSize, boundsJobHead, `"a":0`, ",", "}"), ""},
		{"one-character unknown keys in history entries", list("SecondaryStatusTransitions", `{"a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0}`), "SecondaryStatusTransitions[10000]"},
		{"deep legal nesting, many times", repeatTo(boundsDocSize, boundsJobHead+`"Unknown":[`, deep, ",", "]}"), ""},
		{"deep legal nesting in history entries", list("SecondaryStatusTransitions", `{"x":`+deep[1:len(deep)-1]+`}`), "SecondaryStatusTransitions[10000]"},
		// Every list a job has.
		{"InputDataConfig of {}", list("InputDataConfig", "{}"), "InputDataConfig[1000]"},
		{"InputDataConfig of deep channels", list("InputDataConfig", `{"DataSource":{"S3DataSource":{"AttributeNames":[""]}},"ShuffleConfig":{}}`), "InputDataConfig[1000]"},
		{"FinalMetricDataList of {}", list("FinalMetricDataList", "{}"), "FinalMetricDataList[1000]"},
		{"FinalMetricDataList of timestamps", list("FinalMetricDataList", `{"Timestamp":0,"Value":0}`), "FinalMetricDataList[1000]"},
		{"MetricDefinitions of null", nested("AlgorithmSpecification", "MetricDefinitions", "null"), "AlgorithmSpecification.MetricDefinitions[1000]"},
		{"ContainerArguments of empty strings", nested("AlgorithmSpecification", "ContainerArguments", `""`), "AlgorithmSpecification.ContainerArguments[1000]"},
		{"Tags of {}", list("Tags", "{}"), "Tags[1000]"},
		{"DebugRuleConfigurations of {}", list("DebugRuleConfigurations", "{}"), "DebugRuleConfigurations[1000]"},
		{"DebugRuleEvaluationStatuses of {}", list("DebugRuleEvaluationStatuses", "{}"), "DebugRuleEvaluationStatuses[1000]"},
		{"ProfilerRuleConfigurations of {}", list("ProfilerRuleConfigurations", "{}"), "ProfilerRuleConfigurations[1000]"},
		{"ProfilerRuleEvaluationStatuses of {}", list("ProfilerRuleEvaluationStatuses", "{}"), "ProfilerRuleEvaluationStatuses[1000]"},
		{"InstanceGroups of {}", nested("ResourceConfig", "InstanceGroups", "{}"), "ResourceConfig.InstanceGroups[1000]"},
		{"CollectionConfigurations of {}", nested("DebugHookConfig", "CollectionConfigurations", "{}"), "DebugHookConfig.CollectionConfigurations[1000]"},
		{"Subnets of empty strings", nested("VpcConfig", "Subnets", `""`), "VpcConfig.Subnets[1000]"},
		{"HyperParameters with many keys", repeatTo(boundsDocSize, boundsJobHead+`"HyperParameters":{`, "", ",", "}}"), ""},
		// Repeated members: each occurrence replaces the last, but was
		// allocated.
		{"HyperParameters given again and again", nSameMember("HyperParameters", `{"a":""}`), budget},
		{"VpcConfig given again and again", nSameMember("VpcConfig", `{}`), ""},
		{"rule lists of one entry with a map, again and again", nSameMember("DebugRuleConfigurations", `[{"RuleParameters":{"a":""}}]`), budget},
		{"channel lists of one entry, again and again", nSameMember("InputDataConfig", `[{"DataSource":{"S3DataSource":{}}}]`), ""},
		{"tag pointers given again and again", repeatTo(boundsDocSize, boundsJobHead+`"Tags":[{`, `"Key":""`, ",", "}]}"), ""},
	}
}

// The HyperParameters shape above needs distinct keys; repeatTo writes the
// same element, so it is built here instead.
func manyKeys(size int) []byte {
	var b strings.Builder
	b.WriteString(boundsJobHead + `"HyperParameters":{`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + strconv.Itoa(i) + `":""`)
	}
	b.WriteString("}}")
	return []byte(b.String())
}

// TestDecodeMemoryBound decodes adversarial documents of a few megabytes
// and checks that decoding allocates at most AllocPerByte times the input
// plus AllocBase, as Unmarshal's documentation promises, that the result
// keeps no more, and that the lists past their limits are refused with
// ErrTooLarge at the first entry too many.
func TestDecodeMemoryBound(t *testing.T) {
	for _, tc := range boundsShapes() {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if tc.name == "HyperParameters with many keys" {
				doc, tc.path = manyKeys(boundsDocSize), "HyperParameters[\"1000\"]"
			}
			require.Less(t, len(doc), tj.MaxDocumentSize)
			bound := uint64(tj.AllocPerByte*len(doc) + tj.AllocBase)

			runtime.GC()
			var before, after, kept runtime.MemStats
			runtime.ReadMemStats(&before)
			job := new(tj.TrainingJob)
			err := tj.Unmarshal(doc, job)
			runtime.ReadMemStats(&after)
			runtime.GC()
			runtime.ReadMemStats(&kept)
			runtime.KeepAlive(job)

			checkBoundsError(t, tc.path, err)

			alloc := after.TotalAlloc - before.TotalAlloc
			retained := int64(kept.HeapAlloc) - int64(before.HeapAlloc)
			t.Logf("%d bytes: allocated %d (%.2f times), kept about %d", len(doc), alloc, float64(alloc)/float64(len(doc)), retained)
			if raceEnabled {
				// The race detector adds allocations of its own: only a
				// weaker bound holds, still far below the millions of
				// entries that the limits refuse.
				assert.Less(t, alloc, 2*bound)
				return
			}
			assert.LessOrEqual(t, alloc, bound, "allocated")
			assert.Less(t, retained, int64(bound), "kept")
		})
	}
}

// ReadDocument has Unmarshal's limits, in events (whose tags are an
// object) and Search records (whose TrainingJob may be given many times)
// too.
func TestReadDocumentMemoryBound(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  []byte
		path string
	}{
		{"event history of {}", repeatTo(boundsDocSize, `{"detail-type":"SageMaker Training Job State Change","detail":{"TrainingJobName":"x","SecondaryStatusTransitions":[`, "{}", ",", "]}}"), "detail.SecondaryStatusTransitions[10000]"},
		{"event tags as an object, again and again", repeatTo(boundsDocSize, `{"detail-type":"SageMaker Training Job State Change","detail":{"TrainingJobName":"x",`, `"Tags":{"a":"b"}`, ",", "}}"), budget},
		{"Search record with its job again and again", repeatTo(boundsDocSize, `{`, `"TrainingJob":{"TrainingJobName":"x","ModelArtifacts":{}}`, ",", "}"), budget},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bound := uint64(tj.AllocPerByte*len(tc.doc) + tj.AllocBase)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			doc, err := tj.ReadDocument(tc.doc)
			runtime.ReadMemStats(&after)
			runtime.KeepAlive(doc)
			checkBoundsError(t, tc.path, err)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes: allocated %d (%.2f times)", len(tc.doc), alloc, float64(alloc)/float64(len(tc.doc)))
			if raceEnabled {
				assert.Less(t, alloc, 2*bound)
				return
			}
			assert.LessOrEqual(t, alloc, bound)
		})
	}
}

// A null list element is a zero element, as in aws-sdk-go-v2, and counts
// towards the limit like any other; a list at its limit decodes whole.
func TestListLimits(t *testing.T) {
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal(repeatN(tj.MaxHistoryEntries, `{"SecondaryStatusTransitions":[`, "null", ",", "]}"), &job))
	require.Len(t, job.SecondaryStatusTransitions, tj.MaxHistoryEntries)
	assert.Equal(t, tj.SecondaryStatusTransition{}, job.SecondaryStatusTransitions[tj.MaxHistoryEntries-1])

	require.NoError(t, tj.Unmarshal(repeatN(tj.MaxListEntries, `{"Tags":[`, `{"Key":"k"}`, ",", "]}"), &job))
	require.Len(t, job.Tags, tj.MaxListEntries)

	doc := repeatN(tj.MaxListEntries+1, `{"Tags":[`, `{"Key":"k"}`, ",", "]}")
	err := tj.Unmarshal(doc, &job)
	require.ErrorIs(t, err, tj.ErrTooLarge)
	want := `trainingjob: Tags[1000]: more than 1000 entries, the most a list or map of this member may hold (at byte ` +
		strconv.Itoa(strings.LastIndex(string(doc), "{")) + ")"
	assert.Equal(t, want, err.Error())
}
