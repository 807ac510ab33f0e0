package trainingjob_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

var moreTimeType = reflect.TypeFor[time.Time]()

// Every setter that takes a time.Time, alone or inside a history entry,
// stores it without its monotonic clock reading, so that built times compare
// equal with ==.
func TestBuilderEveryTimeSetterDropsMonotonicClock(t *testing.T) {
	now := time.Now()
	wall := now.Round(0)
	require.False(t, now == wall, "time.Now carries a monotonic reading")
	later := now.Add(time.Minute)
	require.False(t, later == later.Round(0))
	entry := tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: now, EndTime: later}

	jobTests := []struct {
		setter string
		set    func(*tj.Builder)
		got    func(tj.TrainingJob) []time.Time
		want   []time.Time
	}{
		{"WithCreationTime", func(b *tj.Builder) { b.WithCreationTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.CreationTime} }, []time.Time{wall}},
		{"WithTrainingStartTime", func(b *tj.Builder) { b.WithTrainingStartTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.TrainingStartTime} }, []time.Time{wall}},
		{"WithTrainingEndTime", func(b *tj.Builder) { b.WithTrainingEndTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.TrainingEndTime} }, []time.Time{wall}},
		{"WithLastModifiedTime", func(b *tj.Builder) { b.WithLastModifiedTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.LastModifiedTime} }, []time.Time{wall}},
		{"WithTransition", func(b *tj.Builder) { b.WithTransition(tj.SecondaryStatusTraining, now, later, "") },
			entryTimes, []time.Time{wall, later.Round(0)}},
		{"WithSecondaryStatusTransition", func(b *tj.Builder) { b.WithSecondaryStatusTransition(entry) },
			entryTimes, []time.Time{wall, later.Round(0)}},
		{"WithSecondaryStatusTransitions", func(b *tj.Builder) { b.WithSecondaryStatusTransitions(entry, entry) },
			entryTimes, []time.Time{wall, later.Round(0), wall, later.Round(0)}},
		{"WithFinalMetric", func(b *tj.Builder) { b.WithFinalMetric("m", 1, now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{*j.FinalMetricDataList[0].Timestamp} }, []time.Time{wall}},
	}
	covered := map[string]bool{}
	for _, tt := range jobTests {
		covered[tt.setter] = true
		t.Run(tt.setter, func(t *testing.T) {
			b := tj.NewBuilder("job")
			tt.set(b)
			for _, job := range []tj.TrainingJob{b.BuildUnchecked(), b.BuildUnchecked()} {
				got := tt.got(job)
				require.Len(t, got, len(tt.want))
				for i := range got {
					assert.True(t, got[i] == tt.want[i], "time %d: %v, want %v without a monotonic reading", i, got[i], tt.want[i])
					assert.True(t, got[i].Equal(tt.want[i]), "the instant is kept")
				}
			}
		})
	}
	// Every Builder method taking a time.Time or a history entry is in the
	// table above.
	bt := reflect.TypeFor[*tj.Builder]()
	entryType := reflect.TypeFor[tj.SecondaryStatusTransition]()
	for i := 0; i < bt.NumMethod(); i++ {
		m := bt.Method(i)
		for k := 1; k < m.Type.NumIn(); k++ {
			in := m.Type.In(k)
			if in.Kind() == reflect.Slice {
				in = in.Elem()
			}
			if in == moreTimeType || in == entryType {
				assert.True(t, covered[m.Name], "%s takes a time but has no case here", m.Name)
			}
		}
	}

	t.Run("TransitionBuilder", func(t *testing.T) {
		tr := tj.NewTransitionBuilder().WithStatus(tj.SecondaryStatusTraining).WithStartTime(now).WithEndTime(later).MustBuild()
		assert.True(t, tr.StartTime == wall, "WithStartTime")
		assert.True(t, tr.EndTime == later.Round(0), "WithEndTime")
		tr = entry.ToBuilder().WithStartTime(later).WithEndTime(later.Add(time.Second)).MustBuild()
		assert.True(t, tr.StartTime == later.Round(0), "WithStartTime after ToBuilder")
		assert.True(t, tr.EndTime == later.Add(time.Second).Round(0), "WithEndTime after ToBuilder")
		tr = tj.NewTransitionBuilder().WithStatus(tj.SecondaryStatusTraining).WithStartTime(now).WithEndTime(time.Time{}).MustBuild()
		assert.True(t, tr.EndTime.IsZero())
		assert.True(t, tr.IsOpen())
	})
	tt := reflect.TypeFor[*tj.TransitionBuilder]()
	for i := 0; i < tt.NumMethod(); i++ {
		m := tt.Method(i)
		for k := 1; k < m.Type.NumIn(); k++ {
			if m.Type.In(k) == moreTimeType {
				assert.Contains(t, []string{"WithStartTime", "WithEndTime"}, m.Name, "TransitionBuilder.%s takes a time but has no case here", m.Name)
			}
		}
	}
}

func entryTimes(j tj.TrainingJob) []time.Time {
	var out []time.Time
	for _, e := range j.SecondaryStatusTransitions {
		out = append(out, e.StartTime, e.EndTime)
	}
	return out
}

// holdsReferences reports whether a value of type t can share memory with
// another: it holds a pointer, slice or map somewhere (time.Time aside).
func holdsReferences(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == moreTimeType || seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Array:
		return holdsReferences(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && holdsReferences(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// mutateInPlace changes every exported scalar reachable from v through
// pointers, slices, arrays and maps, writing through them rather than
// replacing them, so that whoever shares that memory sees the change. v must
// be addressable. Maps also gain an entry.
func mutateInPlace(v reflect.Value) {
	if v.Type() == moreTimeType {
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour + time.Millisecond)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutateInPlace(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.Elem().Kind() == reflect.Pointer {
			mutateInPlace(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			mutateInPlace(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutateInPlace(e)
			v.SetMapIndex(k, e)
		}
		if v.Type().Key().Kind() == reflect.String {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString("added-after-the-call")
			v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				mutateInPlace(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString(v.String() + "~changed")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() ^ 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() ^ 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	}
}

// Every setter copies what it is given, deeply: for each With* method that
// takes a pointer, slice or map (found by reflection, so a new setter is
// covered without a change here), the test fills the arguments, calls the
// setter, changes the arguments through every pointer, slice and map they
// hold, and checks that the builder did not see the change.
func TestBuilderEverySetterCopiesItsArguments(t *testing.T) {
	bt := reflect.TypeFor[*tj.Builder]()
	var tested []string
	for i := 0; i < bt.NumMethod(); i++ {
		m := bt.Method(i)
		if !strings.HasPrefix(m.Name, "With") {
			continue
		}
		refs := false
		for k := 1; k < m.Type.NumIn(); k++ {
			refs = refs || holdsReferences(m.Type.In(k), map[reflect.Type]bool{})
		}
		if !refs {
			continue
		}
		tested = append(tested, m.Name)
		t.Run(m.Name, func(t *testing.T) {
			for seed := int64(1); seed <= 2; seed++ {
				b := tj.NewBuilder("job")
				args := make([]reflect.Value, m.Type.NumIn()-1)
				for k := range args {
					p := reflect.New(m.Type.In(k + 1))
					reflectfill.Fill(p.Interface(), seed)
					require.Empty(t, reflectfill.ZeroFields(p.Interface()), "Fill sets every field of argument %d", k)
					args[k] = p.Elem()
				}
				method := reflect.ValueOf(b).MethodByName(m.Name)
				if m.Type.IsVariadic() {
					method.CallSlice(args)
				} else {
					method.Call(args)
				}
				before := b.BuildUnchecked()
				require.NotEqual(t, tj.NewBuilder("job").BuildUnchecked(), before, "the setter stored something")

				for _, a := range args {
					mutateInPlace(a)
				}
				assert.Equal(t, before, b.BuildUnchecked(), "changing the argument of %s changed the builder", m.Name)
			}
		})
	}
	// TransitionBuilder's setters take nothing that could be shared; a new
	// one that does needs a case here.
	trt := reflect.TypeFor[*tj.TransitionBuilder]()
	for i := 0; i < trt.NumMethod(); i++ {
		m := trt.Method(i)
		if !strings.HasPrefix(m.Name, "With") {
			continue
		}
		for k := 1; k < m.Type.NumIn(); k++ {
			assert.False(t, holdsReferences(m.Type.In(k), map[reflect.Type]bool{}), "TransitionBuilder.%s", m.Name)
		}
	}
	// The enumeration found the setters the review named, and more.
	for _, name := range []string{
		"WithVpcConfig", "WithStoppingCondition", "WithFinalMetricDataList", "WithOutputDataConfig", "WithResourceConfig",
		"WithCheckpointConfig", "WithDebugRuleConfigurations", "WithModelArtifacts", "WithExperimentConfig", "WithWarmPoolStatus",
		"WithHyperParameters", "WithEnvironment", "WithInputDataConfig", "WithInputChannel", "WithTags", "WithAlgorithmSpecification",
		"WithDebugHookConfig", "WithTensorBoardOutputConfig", "WithDebugRuleEvaluationStatuses", "WithProfilerConfig",
		"WithProfilerRuleConfigurations", "WithProfilerRuleEvaluationStatuses", "WithRetryStrategy", "WithRemoteDebugConfig",
		"WithInfraCheckConfig", "WithServerlessJobConfig", "WithMlflowConfig", "WithModelPackageConfig", "WithMlflowDetails",
		"WithProgressInfo",
	} {
		assert.Contains(t, tested, name)
	}
}
