package trainingjob

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// The generated decoders expect each structure's members in the order the
// service writes them (their xKeys tables) and read any other order too.

// objectKeys gives the expected member order of each object of a
// DescribeTrainingJob response, by its path with list indices written [].
var objectKeys = map[string][]string{
	"":                       jobKeys[:],
	"ModelArtifacts":         modelArtifactsKeys[:],
	"AlgorithmSpecification": algorithmSpecificationKeys[:],
	"AlgorithmSpecification.MetricDefinitions[]": metricDefinitionKeys[:],
	"InputDataConfig[]":                          channelKeys[:],
	"InputDataConfig[].DataSource":               dataSourceKeys[:],
	"InputDataConfig[].DataSource.S3DataSource":  s3DataSourceKeys[:],
	"OutputDataConfig":                           outputDataConfigKeys[:],
	"ResourceConfig":                             resourceConfigKeys[:],
	"WarmPoolStatus":                             warmPoolStatusKeys[:],
	"VpcConfig":                                  vpcConfigKeys[:],
	"StoppingCondition":                          stoppingConditionKeys[:],
	"SecondaryStatusTransitions[]":               historyEntryKeys[:],
	"FinalMetricDataList[]":                      metricDataKeys[:],
	"CheckpointConfig":                           checkpointConfigKeys[:],
	"DebugHookConfig":                            debugHookConfigKeys[:],
	"DebugHookConfig.CollectionConfigurations[]": collectionConfigurationKeys[:],
	"ExperimentConfig":                           experimentConfigKeys[:],
	"DebugRuleConfigurations[]":                  debugRuleConfigurationKeys[:],
	"TensorBoardOutputConfig":                    tensorBoardOutputConfigKeys[:],
	"DebugRuleEvaluationStatuses[]":              debugRuleEvaluationStatusKeys[:],
	"ProfilerConfig":                             profilerConfigKeys[:],
	"ProfilerRuleConfigurations[]":               profilerRuleConfigurationKeys[:],
	"ProfilerRuleEvaluationStatuses[]":           profilerRuleEvaluationStatusKeys[:],
	"RetryStrategy":                              retryStrategyKeys[:],
	"InfraCheckConfig":                           infraCheckConfigKeys[:],
	"MlflowDetails":                              mlflowDetailsKeys[:],
	"ProgressInfo":                               trainingProgressInfoKeys[:],
}

// mapMembers are the members whose objects are maps of the user's keys.
var mapMembers = []string{"HyperParameters", "Environment", "HookParameters", "CollectionParameters", "RuleParameters", "ProfilingParameters", "Tags"}

// responseSamples are the DescribeTrainingJob responses the service wrote.
func responseSamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/describe/*.json")
	require.NoError(t, err)
	large, err := filepath.Glob("testdata/large/*.json")
	require.NoError(t, err)
	files = append(files, large...)
	require.NotEmpty(t, files)
	return files
}

// TestSamplesFollowTheExpectedOrder checks the key tables against the
// service's responses: in every object, the members come in the order of
// its table, so the decoder's first guess is right for each member present.
func TestSamplesFollowTheExpectedOrder(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range responseSamples(t) {
		if filepath.Base(file) == "failed.json" {
			continue // its members are in alphabetical order on purpose (see testdata/README.md)
		}
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case orderedObject:
				keys, ok := objectKeys[path]
				require.True(t, ok, "%s: no key table for the object at %q", file, path)
				seen[path] = true
				last := -1
				for _, m := range v {
					i := slices.Index(keys, `"`+m.name+`":`)
					require.GreaterOrEqual(t, i, 0, "%s: %q has a member %s its table lacks", file, path, m.name)
					assert.Greater(t, i, last, "%s: %q has %s out of the expected order", file, path, m.name)
					last = i
					if !slices.Contains(mapMembers, m.name) {
						walk(strings.TrimPrefix(path+"."+m.name, "."), m.value)
					}
				}
			case []any:
				for _, e := range v {
					walk(path+"[]", e)
				}
			}
		}
		walk("", decodeOrdered(t, data))
	}
	assert.Greater(t, len(seen), 15, "the samples reach too few of the tables")
}

// TestMemberOrderDoesNotMatter decodes every sample written compactly with
// its members, at every level, in their order, in reverse and in random
// orders, and with names written with escapes or with white space before
// the colon: the job is the same.
//
// The large sample holds the same objects as the others, only many more of
// them, and costs more than all of them together under -race and -cover:
// by default it is written only shuffled and plain (its long lists of
// reordered entries); TRAININGJOB_ALL_ORACLES=1 writes it in every way.
func TestMemberOrderDoesNotMatter(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, file := range responseSamples(t) {
		everyWay := testenv.AllOracles() || filepath.Base(filepath.Dir(file)) != "large"
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var want TrainingJob
		require.NoError(t, Unmarshal(data, &want))
		doc := decodeOrdered(t, data)
		variants := map[string]func([]orderedMember) []orderedMember{
			"as written": func(ms []orderedMember) []orderedMember { return ms },
			"reversed":   func(ms []orderedMember) []orderedMember { slices.Reverse(ms); return ms },
			"shuffled": func(ms []orderedMember) []orderedMember {
				r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
				return ms
			},
			"every other dropped and restored": func(ms []orderedMember) []orderedMember {
				var odd, even []orderedMember
				for i, m := range ms {
					if i%2 == 0 {
						even = append(even, m)
					} else {
						odd = append(odd, m)
					}
				}
				return append(even, odd...)
			},
		}
		for name, reorder := range variants {
			for _, style := range []string{"plain", "escaped", "spaced"} {
				if !everyWay && (name != "shuffled" || style != "plain") {
					continue
				}
				var b bytes.Buffer
				writeOrdered(&b, doc, reorder, style)
				var got TrainingJob
				require.NoError(t, Unmarshal(b.Bytes(), &got), "%s %s %s:\n%s", file, name, style, b.String())
				assert.Equal(t, want.RevealSecrets(), got.RevealSecrets(), "%s %s %s", file, name, style)
			}
		}
	}
}

// TestMemberFastPathKeepsThePath checks that an error in a member the
// decoder recognised by its first guess names the member, as one read in
// full does.
func TestMemberFastPathKeepsThePath(t *testing.T) {
	for _, doc := range []string{
		`{"SecondaryStatusTransitions":[{"Status":"Starting","StartTime":"x"}]}`,
		`{"SecondaryStatusTransitions":[{"StartTime":"x","Status":"Starting"}]}`,
		`{"SecondaryStatusTransitions":[{"Status":"Starting", "StartTime" : "x"}]}`,
	} {
		var job TrainingJob
		err := Unmarshal([]byte(doc), &job)
		var de *DecodeError
		require.ErrorAs(t, err, &de, doc)
		assert.Equal(t, "SecondaryStatusTransitions[0].StartTime", de.Path, doc)
	}
}

// orderedObject is a JSON object with its members in document order.
type orderedObject []orderedMember

type orderedMember struct {
	name  string
	value any
}

// decodeOrdered reads a JSON document, keeping the order of members.
func decodeOrdered(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var read func() any
	read = func() any {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok {
		case json.Delim('{'):
			var o orderedObject
			for dec.More() {
				k, err := dec.Token()
				require.NoError(t, err)
				o = append(o, orderedMember{k.(string), read()})
			}
			_, err := dec.Token()
			require.NoError(t, err)
			return o
		case json.Delim('['):
			l := []any{}
			for dec.More() {
				l = append(l, read())
			}
			_, err := dec.Token()
			require.NoError(t, err)
			return l
		}
		return tok
	}
	return read()
}

// writeOrdered writes v back as JSON, the members of every object in the
// order reorder gives, and each name plain, with its first letter escaped,
// or with a space before its colon.
func writeOrdered(b *bytes.Buffer, v any, reorder func([]orderedMember) []orderedMember, style string) {
	switch v := v.(type) {
	case orderedObject:
		ms := reorder(slices.Clone(v))
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			switch style {
			case "escaped":
				fmt.Fprintf(b, `"\u%04x%s":`, m.name[0], m.name[1:])
			case "spaced":
				fmt.Fprintf(b, `%q :`, m.name)
			default:
				fmt.Fprintf(b, `%q:`, m.name)
			}
			writeOrdered(b, m.value, reorder, style)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeOrdered(b, e, reorder, style)
		}
		b.WriteByte(']')
	default:
		out, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		b.Write(out)
	}
}

// TestRepeatedMembersLeaveNoTrace checks that a member given twice reads
// as its last value alone: the structures decodeJob reads into its block
// are cleared before each reading. A null leaves the value before it in
// place, as the SDK's deserializer skips null members.
func TestRepeatedMembersLeaveNoTrace(t *testing.T) {
	var job TrainingJob
	require.NoError(t, Unmarshal([]byte(`{"ResourceConfig":{"InstanceCount":1,"VolumeSizeInGB":30},`+
		`"ResourceConfig":{"InstanceCount":2},"ModelArtifacts":{"S3ModelArtifacts":"s3://a/b"},"ModelArtifacts":null,`+
		`"StoppingCondition":{"MaxRuntimeInSeconds":60},"StoppingCondition":{}}`), &job))
	require.NotNil(t, job.ResourceConfig)
	assert.Equal(t, int32(2), *job.ResourceConfig.InstanceCount)
	assert.Nil(t, job.ResourceConfig.VolumeSizeInGB, "nothing of the first ResourceConfig remains")
	require.NotNil(t, job.ModelArtifacts, "null leaves the earlier value")
	assert.Equal(t, "s3://a/b", *job.ModelArtifacts.S3ModelArtifacts)
	require.NotNil(t, job.StoppingCondition)
	assert.Nil(t, job.StoppingCondition.MaxRuntimeInSeconds)

	// Two jobs decoded from the same bytes share nothing.
	data, err := os.ReadFile(filepath.Join("testdata", "describe", "completed.json"))
	require.NoError(t, err)
	var a, b TrainingJob
	require.NoError(t, Unmarshal(data, &a))
	require.NoError(t, Unmarshal(data, &b))
	*a.ResourceConfig.InstanceCount = 99
	a.AlgorithmSpecification.TrainingImage = nil
	assert.Equal(t, int32(1), *b.ResourceConfig.InstanceCount)
	assert.NotNil(t, b.AlgorithmSpecification.TrainingImage)
}
