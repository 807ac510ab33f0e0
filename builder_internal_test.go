package trainingjob

// These tests look at the job a Builder holds, which the package's external
// tests cannot see, and check with reflectfill.SharedReferences that no
// pointer, slice or map passes between a setter's argument, the builder and
// what it builds.

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

// Every setter With<Member> whose one argument has the type of the job's
// member of that name (a pointer, a slice or a map) stores a value equal to
// its argument that shares no memory with it. The setters are found by
// reflection, so a new one is covered without a change here.
func TestSetterCopySharesNothingWithItsArgument(t *testing.T) {
	bt := reflect.TypeFor[*Builder]()
	jt := reflect.TypeFor[TrainingJob]()
	var checked []string
	for i := 0; i < bt.NumMethod(); i++ {
		m := bt.Method(i)
		if !strings.HasPrefix(m.Name, "With") || m.Type.NumIn() != 2 {
			continue
		}
		f, ok := jt.FieldByName(strings.TrimPrefix(m.Name, "With"))
		if !ok || f.Type != m.Type.In(1) {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
		default:
			continue
		}
		checked = append(checked, m.Name)
		t.Run(m.Name, func(t *testing.T) {
			arg := reflect.New(f.Type)
			reflectfill.Fill(arg.Interface(), 3)
			require.Empty(t, reflectfill.ZeroFields(arg.Interface()), "Fill sets every field")
			b := NewBuilder("job")
			if m.Type.IsVariadic() {
				m.Func.CallSlice([]reflect.Value{reflect.ValueOf(b), arg.Elem()})
			} else {
				m.Func.Call([]reflect.Value{reflect.ValueOf(b), arg.Elem()})
			}
			member := reflect.ValueOf(b.job).FieldByIndex(f.Index).Interface()
			require.Equal(t, arg.Elem().Interface(), member)
			assert.Empty(t, reflectfill.SharedReferences(arg.Elem().Interface(), member))
		})
	}
	for _, name := range []string{
		"WithModelArtifacts", "WithHyperParameters", "WithAlgorithmSpecification", "WithInputDataConfig",
		"WithOutputDataConfig", "WithResourceConfig", "WithStoppingCondition", "WithSecondaryStatusTransitions",
		"WithFinalMetricDataList", "WithDebugHookConfig", "WithProfilerConfig", "WithEnvironment", "WithTags",
	} {
		assert.Contains(t, checked, name)
	}

	// An appended channel is a copy too.
	var c types.Channel
	reflectfill.Fill(&c, 4)
	b := NewBuilder("job").WithInputChannel(c).WithInputChannel(c)
	require.Len(t, b.job.InputDataConfig, 2)
	for i := range b.job.InputDataConfig {
		assert.Equal(t, c, b.job.InputDataConfig[i])
		assert.Empty(t, reflectfill.SharedReferences(c, b.job.InputDataConfig[i]), "channel %d", i)
	}
	assert.Empty(t, reflectfill.SharedReferences(b.job.InputDataConfig[0], b.job.InputDataConfig[1]))
}

// Build, BuildUnchecked, Clone and ToBuilder each return a deep copy: equal
// to the job it came from and sharing no pointer, slice or map with it, also
// after setters that append to lists, merge into maps and write into the
// builder's nested structures.
func TestBuildSharesNothingWithTheBuilder(t *testing.T) {
	var full TrainingJob
	reflectfill.Fill(&full, 5)
	require.Empty(t, reflectfill.ZeroFields(&full), "Fill sets every member")
	b := full.ToBuilder()
	assert.Equal(t, full, b.job)
	assert.Empty(t, reflectfill.SharedReferences(full, b.job), "ToBuilder")

	at := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	b.WithHyperParameter("lr", "0.1").
		WithEnvironmentVariable("MODE", "test").
		WithInputChannel(types.Channel{ChannelName: aws.String("extra")}).
		WithTag("owner", "me").
		WithFinalMetric("loss", 0.5, at).
		WithTransition(SecondaryStatusTraining, at, time.Time{}, "again").
		WithInstances(types.TrainingInstanceTypeMlM5Large, 2).
		WithMaxRuntimeInSeconds(60)
	got := b.BuildUnchecked()
	assert.Equal(t, b.job, got)
	assert.Empty(t, reflectfill.SharedReferences(b.job, got), "BuildUnchecked")

	branch := b.Clone()
	assert.Equal(t, b.job, branch.job)
	assert.Empty(t, reflectfill.SharedReferences(b.job, branch.job), "Builder.Clone")

	// A valid job, so that Build gets past validation.
	data, err := os.ReadFile(filepath.Join("testdata", "describe", "completed.json"))
	require.NoError(t, err)
	var valid TrainingJob
	require.NoError(t, Unmarshal(data, &valid))
	vb := valid.ToBuilder().WithHyperParameter("lr", "0.1").WithTag("owner", "me")
	for range 2 { // the builder is reusable
		built, err := vb.Build(Strict())
		require.NoError(t, err)
		assert.Equal(t, vb.job, built)
		assert.Empty(t, reflectfill.SharedReferences(vb.job, built), "Build")
	}
}
