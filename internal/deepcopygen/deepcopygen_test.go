package deepcopygen

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/deepcopygen/internal/fixture"
)

func TestGenerateIsDeterministic(t *testing.T) {
	first, err := Generate()
	require.NoError(t, err)
	for range 5 {
		again, err := Generate()
		require.NoError(t, err)
		require.Equal(t, string(first), string(again))
	}
}

func TestGenerateIsGofmtClean(t *testing.T) {
	src, err := Generate()
	require.NoError(t, err)
	formatted, err := format.Source(src)
	require.NoError(t, err)
	assert.Equal(t, string(formatted), string(src))
}

func TestGenerateHeader(t *testing.T) {
	src, err := Generate()
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(src, []byte(Header+"\n\npackage trainingjob\n")),
		"unexpected start:\n%s", firstLines(src, 3))
}

func TestGenerateContainsCopyFunctions(t *testing.T) {
	src, err := Generate()
	require.NoError(t, err)
	s := string(src)

	for _, want := range []string{
		"func copyAlgorithmSpecification(in *types.AlgorithmSpecification) *types.AlgorithmSpecification {",
		"func copyIntoAlgorithmSpecification(out, in *types.AlgorithmSpecification) {\n\t*out = *in\n",
		"func copyChannelSlice(in []types.Channel) []types.Channel {",
		// A pointer is allocated with new and filled by copyInto.
		"func copyChannel(in *types.Channel) *types.Channel {\n\tif in == nil {\n\t\treturn nil\n\t}\n\tout := new(types.Channel)\n\tcopyIntoChannel(out, in)\n\treturn out\n}",
		"func copyChannelSlice(in []types.Channel) []types.Channel {",
		"func copyResourceConfig(in *types.ResourceConfig) *types.ResourceConfig {",
		"func copyMetricData(in *types.MetricData) *types.MetricData {",
		"func copyMetricDataSlice(in []types.MetricData) []types.MetricData {",
		"func copyTagSlice(in []types.Tag) []types.Tag {",
		"func copyMlflowDetails(in *types.MlflowDetails) *types.MlflowDetails {",
		"func copyTrainingProgressInfo(in *types.TrainingProgressInfo) *types.TrainingProgressInfo {",
		"func copyDebugRuleEvaluationStatusSlice(in []types.DebugRuleEvaluationStatus) []types.DebugRuleEvaluationStatus {",
		// Field statements of each flavour.
		"\tout.MetricDefinitions = copyMetricDefinitionSlice(in.MetricDefinitions)\n",
		"\tout.TrainingImage = clonePtr(in.TrainingImage)\n",
		"\tout.ContainerEntrypoint = cloneSlice(in.ContainerEntrypoint)\n",
		"\tout.HookParameters = cloneMap(in.HookParameters)\n",
		"\tout.TrainingImageConfig = copyTrainingImageConfig(in.TrainingImageConfig)\n",
	} {
		assertContains(t, s, want)
	}
	for _, helper := range []string{"func clonePtr[", "func cloneSlice[", "func cloneMap[", "func copyIntoChannel("} {
		assert.Equal(t, 1, strings.Count(s, helper), helper)
	}
	// Values, enumerations among them, are copied by the assignment of the
	// whole struct, not field by field.
	assertNotContains(t, s, "out.TrainingInputMode =")
	// The copy is plain code: no copier state, slabs or blocks, and no
	// string copies.
	for _, unwanted := range []string{"copier", "slab", "Chunk", "Block", "internString", "strings.Clone", "func (", "\"strings\""} {
		assertNotContains(t, s, unwanted)
	}
	// The roots themselves and anything behind ResultMetadata are left out,
	// and so are helpers the SDK types do not need.
	for _, unwanted := range []string{
		"copyTrainingJob(", "copyDescribeTrainingJobOutput(", "ResultMetadata", "middleware",
		"reflect", "Func[", "Map[K comparable](",
	} {
		assertNotContains(t, s, unwanted)
	}
}

// TestGeneratePlanCoversRootFields checks that every field of the roots has
// the helper a hand-written Clone would call for it.
func TestGeneratePlanCoversRootFields(t *testing.T) {
	src, p, err := generate(sdkConfig())
	require.NoError(t, err)
	funcs := map[string]bool{}
	for _, name := range p.functionName {
		funcs[name] = true
		assert.Regexp(t, `(?m)^func `+name+`[(\[]`, string(src))
	}
	for _, r := range sdkConfig().roots {
		for i := 0; i < r.typ.NumField(); i++ {
			f := r.typ.Field(i)
			if !f.IsExported() || r.skip[f.Name] {
				continue
			}
			ft := f.Type
			var want string
			switch {
			case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct && ft.Elem() != reflect.TypeFor[time.Time]():
				want = "copy" + ft.Elem().Name()
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				want = "copy" + ft.Elem().Name() + "Slice"
			case ft.Kind() == reflect.Slice:
				want = "cloneSlice"
			case ft.Kind() == reflect.Map:
				want = "cloneMap"
			case ft.Kind() == reflect.Pointer:
				want = "clonePtr"
			default:
				continue // plain values need no helper
			}
			assert.True(t, funcs[want], "%s.%s (%s) needs %s", r.typ.Name(), f.Name, ft, want)
		}
	}
	// Names are unique and the struct list is sorted.
	assert.Len(t, funcs, len(p.functionName))
	for i := 1; i < len(p.structs); i++ {
		assert.Less(t, p.structs[i-1].Name(), p.structs[i].Name())
	}
}

// TestSDKTypesShape pins down facts about the SDK types that the generated
// code relies on; if an SDK upgrade changes them, this says what changed.
func TestSDKTypesShape(t *testing.T) {
	_, p, err := generate(sdkConfig())
	require.NoError(t, err)
	assert.Empty(t, p.mapElems, "no SDK map has struct values")
	assert.Equal(t, []string{"clonePtr", "cloneSlice", "cloneMap"}, p.helpers)
	assert.NotContains(t, typeNames(p.structs), "TrainingJob")
	assert.Contains(t, typeNames(p.structs), "AlgorithmSpecification")
	assert.Contains(t, typeNames(p.sliceElems), "Channel")
}

func typeNames(ts []reflect.Type) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name()
	}
	return out
}

// Types used to check that the walker rejects what it cannot copy.
type (
	withInterface struct {
		Name   *string
		Nested *ifaceHolder
	}
	ifaceHolder struct {
		Tags   []string
		Reader io.Reader
	}
	withFunc         struct{ F func() }
	withChan         struct{ C []chan int }
	withUnsafe       struct{ P map[string]unsafe.Pointer }
	withAnonymous    struct{ A *struct{ X *int } }
	withForeign      struct{ B *bytes.Buffer }
	withHiddenRefs   struct{ Inner hiddenRefs }
	hiddenRefs       struct{ p *int }
	withPtrKeys      struct{ M map[*int]string }
	withRefArray     struct{ A [2]*int }
	withTimeAndValue struct {
		T time.Time
		P *time.Time
	}
)

func localConfig(roots ...reflect.Type) config {
	cfg := config{
		pkgName:     "check",
		structPkgs:  map[string]bool{reflect.TypeFor[withInterface]().PkgPath(): true},
		valueStruct: map[reflect.Type]bool{reflect.TypeFor[time.Time](): true},
	}
	for _, r := range roots {
		cfg.roots = append(cfg.roots, root{typ: r})
	}
	return cfg
}

func TestGenerateRejectsUncopyableKinds(t *testing.T) {
	tests := []struct {
		root reflect.Type
		want []string
	}{
		{reflect.TypeFor[withInterface](), []string{"withInterface.Nested.Reader", "interface", "io.Reader"}},
		{reflect.TypeFor[withFunc](), []string{"withFunc.F", "func"}},
		{reflect.TypeFor[withChan](), []string{"withChan.C[]", "chan"}},
		{reflect.TypeFor[withUnsafe](), []string{"withUnsafe.P[value]", "unsafe.Pointer"}},
		{reflect.TypeFor[withAnonymous](), []string{"withAnonymous.A", "anonymous struct"}},
		{reflect.TypeFor[withForeign](), []string{"withForeign.B", "bytes.Buffer", "outside the generated set"}},
		{reflect.TypeFor[withHiddenRefs](), []string{"withHiddenRefs.Inner.p", "unexported field"}},
		{reflect.TypeFor[withPtrKeys](), []string{"withPtrKeys.M", "keys hold references"}},
		{reflect.TypeFor[withRefArray](), []string{"withRefArray.A", "array"}},
	}
	for _, tt := range tests {
		t.Run(tt.root.Name(), func(t *testing.T) {
			src, _, err := generate(localConfig(tt.root))
			require.Error(t, err)
			assert.Nil(t, src)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestGenerateValueTypes(t *testing.T) {
	src, p, err := generate(localConfig(reflect.TypeFor[withTimeAndValue]()))
	require.NoError(t, err)
	assert.Empty(t, p.structs, "time.Time gets no copy function")
	assertNotContains(t, string(src), "func copy")
}

func fixtureConfig() config {
	return config{
		pkgName: "fixturecheck",
		roots: []root{{
			typ:  reflect.TypeFor[fixture.Root](),
			skip: map[string]bool{"Skipped": true},
		}},
		structPkgs:  map[string]bool{reflect.TypeFor[fixture.Root]().PkgPath(): true},
		valueStruct: map[reflect.Type]bool{reflect.TypeFor[time.Time](): true},
	}
}

func TestGenerateFixtureShapes(t *testing.T) {
	src, p, err := generate(fixtureConfig())
	require.NoError(t, err)
	s := string(src)
	assert.Equal(t, []string{"Deep", "Nest", "Plain", "Tree"}, typeNames(p.structs))
	assert.Equal(t, []string{"Deep", "Plain", "Tree"}, typeNames(p.sliceElems))
	assert.Equal(t, []string{"Deep"}, typeNames(p.mapElems))
	assert.Equal(t, []string{"clonePtr", "cloneSlice", "cloneMap", "clonePtrFunc", "cloneSliceFunc", "cloneMapFunc"}, p.helpers)
	for _, want := range []string{
		// A struct without references: no copyInto, builtin copy for slices.
		"func copyPlain(in *fixture.Plain) *fixture.Plain {\n\tif in == nil {\n\t\treturn nil\n\t}\n\tout := *in\n\treturn &out\n}",
		"func copyPlainSlice(in []fixture.Plain) []fixture.Plain {\n\tif in == nil {\n\t\treturn nil\n\t}\n\tout := make([]fixture.Plain, len(in))\n\tcopy(out, in)\n\treturn out\n}",
		// Map of structs with references.
		"func copyDeepMap[K comparable](in map[K]fixture.Deep) map[K]fixture.Deep {\n\tif in == nil {\n\t\treturn nil\n\t}\n\tout := make(map[K]fixture.Deep, len(in))\n",
		// The struct is assigned whole first, unexported fields included,
		// then each field holding references gets a copy of its own.
		"func copyIntoDeep(out, in *fixture.Deep) {\n\t*out = *in\n\tout.Name = clonePtr(in.Name)\n",
		"func copyIntoTree(out, in *fixture.Tree) {\n\t*out = *in\n\tout.Label = clonePtr(in.Label)\n",
		// Struct value fields are copied in place.
		"\tcopyIntoDeep(&out.Inner, &in.Inner)\n",
		// Shapes needing a per-element copy.
		"\tout.Grid = cloneSliceFunc(in.Grid, cloneSlice)\n",
		"\tout.Multi = cloneMapFunc(in.Multi, cloneSlice)\n",
		"\tout.PtrPtr = clonePtrFunc(in.PtrPtr, clonePtr)\n",
		"\tout.DeepPtrs = cloneSliceFunc(in.DeepPtrs, copyDeep)\n",
		"\tout.PlainPtr = cloneMapFunc(in.PlainPtr, copyPlain)\n",
		// Recursion.
		"\tout.Children = copyTreeSlice(in.Children)\n",
		"\tout.Next = copyTree(in.Next)\n",
	} {
		assertContains(t, s, want)
	}
	assertNotContains(t, s, "func copyIntoPlain(") // Plain needs no copyInto
	assertNotContains(t, s, "out.E =")             // values come with the assignment
	assertNotContains(t, s, "Skipped")
	assertNotContains(t, s, "copyRoot")
}

// TestGeneratedCodeCopiesDeeply compiles the generated code, for both the
// SDK types and the fixture, together with a generated test that calls every
// emitted function on values built by reflectfill.Fill and checks that the
// copy is equal to its source and shares no memory with it. The package is
// added through a build overlay, so nothing is written to the repository.
func TestGeneratedCodeCopiesDeeply(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	modOut, err := exec.Command(goBin, "env", "GOMOD").Output()
	require.NoError(t, err)
	modRoot := filepath.Dir(strings.TrimSpace(string(modOut)))

	for name, cfg := range map[string]config{"sdk": sdkConfig(), "fixture": fixtureConfig()} {
		t.Run(name, func(t *testing.T) {
			src, p, err := generate(cfg)
			require.NoError(t, err)
			testSrc := behaviourTest(t, cfg, p)

			tmp := t.TempDir()
			genFile := filepath.Join(tmp, "deepcopy_gen.go")
			testFile := filepath.Join(tmp, "gen_test.go")
			require.NoError(t, os.WriteFile(genFile, src, 0o644))
			require.NoError(t, os.WriteFile(testFile, testSrc, 0o644))

			// The generated file stands alone: it needs nothing else of
			// the package it is written for.
			virtualDir := filepath.Join(modRoot, "internal", "deepcopygen", "zz_overlay_"+name)
			overlay := fmt.Sprintf(`{"Replace": {%q: %q, %q: %q}}`,
				filepath.Join(virtualDir, "deepcopy_gen.go"), genFile,
				filepath.Join(virtualDir, "gen_test.go"), testFile)
			overlayFile := filepath.Join(tmp, "overlay.json")
			require.NoError(t, os.WriteFile(overlayFile, []byte(overlay), 0o644))

			bin := filepath.Join(tmp, "check.test")
			build := exec.Command(goBin, "test", "-c", "-vet=off", "-overlay", overlayFile, "-o", bin,
				"./internal/deepcopygen/zz_overlay_"+name)
			build.Dir = modRoot
			build.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off")
			out, err := build.CombinedOutput()
			require.NoError(t, err, "building generated code:\n%s\n--- test source:\n%s", out, testSrc)

			run := exec.Command(bin, "-test.v")
			run.Dir = tmp
			out, err = run.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), "PASS")
			assert.NotContains(t, string(out), "FAIL")
		})
	}
}

// behaviourTest renders a test file for the package generated from cfg.
func behaviourTest(t *testing.T, cfg config, p *plan) []byte {
	t.Helper()
	g := newGenerator(cfg)
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"testing\"\n\n", cfg.pkgName)
	fmt.Fprintf(&b, "\t%q\n", p.structs[0].PkgPath())
	b.WriteString("\t\"github.com/stretchr/testify/require\"\n\t\"github.com/trainingjob-go/trainingjob/internal/reflectfill\"\n)\n\n")

	b.WriteString(`func checkDeep(t *testing.T, in, out any) {
	t.Helper()
	require.Equal(t, in, out)
	require.Nil(t, reflectfill.SharedReferences(in, out))
	require.Equal(t, reflectfill.ZeroFields(in), reflectfill.ZeroFields(out))
}

func TestHelpers(t *testing.T) {
	require.Nil(t, clonePtr[int](nil))
	require.Nil(t, cloneSlice[int](nil))
	require.NotNil(t, cloneSlice([]int{}))
	require.Empty(t, cloneSlice([]int{}))
	require.Nil(t, cloneMap[string, int](nil))
	require.NotNil(t, cloneMap(map[string]int{}))
	require.Empty(t, cloneMap(map[string]int{}))
	s := []string{"a", "b"}
	checkDeep(t, s, cloneSlice(s))
	m := map[string]string{"a": "b"}
	checkDeep(t, m, cloneMap(m))
	x := 3
	checkDeep(t, &x, clonePtr(&x))
	require.NotSame(t, &x, clonePtr(&x))
}

`)
	b.WriteString(`
func TestGenerated(t *testing.T) {
`)
	for _, st := range p.structs {
		tn, err := g.typeExpr(st)
		require.NoError(t, err)
		n := st.Name()
		fmt.Fprintf(&b, `	t.Run(%q, func(t *testing.T) {
		require.Nil(t, copy%[2]s(nil))
		in := new(%[3]s)
		reflectfill.Fill(in, 1)
		out := copy%[2]s(in)
		require.NotSame(t, in, out)
		checkDeep(t, in, out)
`, "copy"+n, n, tn)
		if g.hasRefs(st) {
			fmt.Fprintf(&b, `		into := new(%[2]s)
		reflectfill.Fill(into, 2)
		copyInto%[1]s(into, in)
		checkDeep(t, in, into)
`, n, tn)
		}
		b.WriteString("\t})\n")
	}
	for _, st := range p.sliceElems {
		tn, err := g.typeExpr(st)
		require.NoError(t, err)
		fmt.Fprintf(&b, `	t.Run(%[1]q, func(t *testing.T) {
		require.Nil(t, %[1]s(nil))
		empty := %[1]s([]%[2]s{})
		require.NotNil(t, empty)
		require.Empty(t, empty)
		var in []%[2]s
		reflectfill.Fill(&in, 1)
		checkDeep(t, in, %[1]s(in))
	})
`, "copy"+st.Name()+"Slice", tn)
	}
	for _, st := range p.mapElems {
		tn, err := g.typeExpr(st)
		require.NoError(t, err)
		fmt.Fprintf(&b, `	t.Run(%[1]q, func(t *testing.T) {
		require.Nil(t, %[1]s[string](nil))
		empty := %[1]s(map[string]%[2]s{})
		require.NotNil(t, empty)
		require.Empty(t, empty)
		var in map[string]%[2]s
		reflectfill.Fill(&in, 1)
		checkDeep(t, in, %[1]s(in))
	})
`, "copy"+st.Name()+"Map", tn)
	}
	b.WriteString("}\n")

	src, err := format.Source(b.Bytes())
	require.NoError(t, err, "%s", b.Bytes())
	return src
}

// assertContains is assert.Contains without dumping the whole file.
func assertContains(t *testing.T, s, want string) {
	t.Helper()
	assert.True(t, strings.Contains(s, want), "generated code lacks %q", want)
}

func assertNotContains(t *testing.T, s, unwanted string) {
	t.Helper()
	assert.False(t, strings.Contains(s, unwanted), "generated code contains %q", unwanted)
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
