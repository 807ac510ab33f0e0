package reflectfill

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type enum string

type inner struct {
	Name *string
	Vals []int64
	Meta map[string]string
	When time.Time
}

type sample struct {
	Str       string
	Other     string
	Enum      enum
	Int       int
	I8        int8
	U16       uint16
	F32       float32
	F64       float64
	Bool      bool
	C         complex128
	Time      time.Time
	TimePtr   *time.Time
	StrPtr    *string
	Inner     *inner
	Value     inner
	Inners    []inner
	InnerPtrs []*inner
	Map       map[string]string
	StructMap map[string]inner
	BoolMap   map[bool]int
	Arr       [2]int
	Any       any

	hidden    string
	hiddenPtr *string
}

type node struct {
	Name string
	Next *node
	Kids []node
}

func countNodes(n *node) int {
	if n == nil {
		return 0
	}
	c := 1 + countNodes(n.Next)
	for i := range n.Kids {
		c += countNodes(&n.Kids[i])
	}
	return c
}

func TestFillSetsEveryExportedField(t *testing.T) {
	var s sample
	Fill(&s, 1)

	assert.Nil(t, ZeroFields(&s))
	assert.NotEmpty(t, s.Str)
	assert.NotEmpty(t, s.Enum)
	assert.NotZero(t, s.Int)
	assert.NotZero(t, s.I8)
	assert.NotZero(t, s.U16)
	assert.NotZero(t, s.F32)
	assert.NotZero(t, s.F64)
	assert.NotZero(t, s.C)
	assert.True(t, s.Bool)
	require.NotNil(t, s.StrPtr)
	assert.NotEmpty(t, *s.StrPtr)
	require.NotNil(t, s.Inner)
	require.NotNil(t, s.Inner.Name)
	assert.Len(t, s.Inner.Vals, 2)
	assert.Len(t, s.Inners, 2)
	assert.Len(t, s.InnerPtrs, 2)
	assert.Len(t, s.Map, 2)
	assert.Len(t, s.StructMap, 2)
	assert.Len(t, s.BoolMap, 1, "bool keys have a single non-zero value")
	assert.IsType(t, "", s.Any)

	assert.Empty(t, s.hidden, "unexported fields are left alone")
	assert.Nil(t, s.hiddenPtr, "unexported fields are left alone")
}

func TestFillTime(t *testing.T) {
	var a, b sample
	Fill(&a, 1)
	Fill(&b, 2)
	for _, tm := range []time.Time{a.Time, *a.TimePtr, a.Value.When, b.Time} {
		assert.False(t, tm.IsZero())
		assert.Equal(t, time.UTC, tm.Location())
		assert.True(t, tm.Equal(tm.Truncate(time.Millisecond)), "millisecond precision: %v", tm)
	}
	assert.NotEqual(t, a.Time, b.Time, "time depends on the seed")
}

func TestFillIsDeterministicAndSeeded(t *testing.T) {
	var a, b, c sample
	Fill(&a, 7)
	Fill(&b, 7)
	Fill(&c, 8)
	assert.Equal(t, a, b)
	assert.NotEqual(t, a.Str, c.Str)
	assert.NotEqual(t, *a.Inner.Name, *c.Inner.Name)
	assert.Nil(t, SharedReferences(&a, &b), "separate calls allocate separately")
}

func TestFillDistinguishesFields(t *testing.T) {
	var s sample
	Fill(&s, 1)
	assert.NotEqual(t, s.Str, s.Other)
	assert.NotEqual(t, *s.Inners[0].Name, *s.Inners[1].Name)
	assert.NotEqual(t, *s.Inner.Name, *s.Value.Name)
	assert.NotEqual(t, s.Inner.Vals[0], s.Inner.Vals[1])
}

func TestFillRecursiveTypeTerminates(t *testing.T) {
	var n node
	Fill(&n, 1)
	require.NotNil(t, n.Next)
	require.Len(t, n.Kids, 2)
	// Bounded: with maxRecursion 3 the tree stops after a few levels.
	assert.Less(t, countNodes(&n), 100)
}

func TestFillPanicsOnMisuse(t *testing.T) {
	for name, v := range map[string]any{
		"nil":         nil,
		"non-pointer": sample{},
		"nil pointer": (*sample)(nil),
	} {
		t.Run(name, func(t *testing.T) {
			assert.Panics(t, func() { Fill(v, 1) })
		})
	}
}

func TestFillCoversSDKTypes(t *testing.T) {
	var tj types.TrainingJob
	Fill(&tj, 3)
	assert.Nil(t, ZeroFields(&tj))
	require.NotNil(t, tj.AlgorithmSpecification)
	require.Len(t, tj.AlgorithmSpecification.MetricDefinitions, 2)
	assert.NotEmpty(t, tj.TrainingJobStatus)
	assert.Len(t, tj.HyperParameters, 2)

	var out sagemaker.DescribeTrainingJobOutput
	Fill(&out, 3)
	assert.Nil(t, ZeroFields(&out), "ResultMetadata has no exported fields")
}

type leaf struct{ X int }

type pair struct {
	A      string
	B      *string
	C      []int
	D      map[string]int
	E      leaf
	T      time.Time
	hidden int
}

func TestZeroFields(t *testing.T) {
	full := func() pair {
		b := "b"
		return pair{A: "a", B: &b, C: []int{1, 2}, D: map[string]int{"k": 1}, E: leaf{X: 1}, T: time.Unix(1, 0)}
	}
	tests := []struct {
		name string
		v    func() any
		want []string
	}{
		{"zero value", func() any { return pair{} }, []string{"A", "B", "C", "D", "E.X", "T"}},
		{"zero value via pointer", func() any { return &pair{} }, []string{"A", "B", "C", "D", "E.X", "T"}},
		{"fully set", func() any { return full() }, nil},
		{"unexported ignored", func() any { p := full(); p.hidden = 0; return &p }, nil},
		{"pointer to zero", func() any { p := full(); p.B = new(string); return &p }, []string{"B"}},
		{"zero slice element", func() any { p := full(); p.C = []int{1, 0}; return &p }, []string{"C[1]"}},
		{"empty non-nil slice is set", func() any { p := full(); p.C = []int{}; return &p }, nil},
		{"zero map value", func() any { p := full(); p.D = map[string]int{"k": 0, "j": 1}; return &p }, []string{`D["k"]`}},
		{"nested struct field", func() any { p := full(); p.E.X = 0; return &p }, []string{"E.X"}},
		{"zero time", func() any { p := full(); p.T = time.Time{}; return &p }, []string{"T"}},
		{"nil root pointer", func() any { return (*pair)(nil) }, []string{RootPath}},
		{"slice of structs", func() any { return []pair{full(), {A: "x"}} }, []string{"[1].B", "[1].C", "[1].D", "[1].E.X", "[1].T"}},
		{"cyclic value", func() any { n := &node{Name: "n"}; n.Next = n; return n }, []string{"Kids"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ZeroFields(tt.v()))
		})
	}
}

type item struct{ P *int }

type shareT struct {
	P     *string
	Inner *inner
	S     []int
	Items []item
	M     map[string]string
	MS    map[string]item
	T     time.Time
	Arr   [1]*int
	Ch    chan int
}

func TestSharedReferences(t *testing.T) {
	tests := []struct {
		name string
		// mutate receives two independently filled values and makes them
		// share memory (or not); it returns what to compare.
		mutate func(a, b *shareT) (any, any)
		want   []string
	}{
		{"independent values", func(a, b *shareT) (any, any) { return a, b }, nil},
		{"same root pointer", func(a, _ *shareT) (any, any) { return a, a }, []string{RootPath}},
		{"shallow copy", func(a, _ *shareT) (any, any) { c := *a; return a, &c },
			[]string{"P", "Inner", "S", "Items", "M", "MS", "Arr[0]", "Ch"}},
		{"shallow copy by value", func(a, _ *shareT) (any, any) { return *a, *a },
			[]string{"P", "Inner", "S", "Items", "M", "MS", "Arr[0]", "Ch"}},
		{"nested pointer", func(a, b *shareT) (any, any) { b.Inner.Name = a.Inner.Name; return a, b }, []string{"Inner.Name"}},
		{"nested map", func(a, b *shareT) (any, any) { b.Inner.Meta = a.Inner.Meta; return a, b }, []string{"Inner.Meta"}},
		{"top-level map", func(a, b *shareT) (any, any) { b.M = a.M; return a, b }, []string{"M"}},
		{"slice backing array", func(a, b *shareT) (any, any) { b.S = a.S; return a, b }, []string{"S"}},
		{"overlapping subslice", func(a, b *shareT) (any, any) { b.S = a.S[1:]; return a, b }, []string{"S"}},
		{"same array, disjoint windows", func(a, b *shareT) (any, any) {
			arr := []int{1, 2}
			a.S, b.S = arr[:1:1], arr[1:]
			return a, b
		}, nil},
		{"zero-capacity slices share nothing", func(a, b *shareT) (any, any) {
			a.S = a.S[:0:0]
			b.S = a.S
			return a, b
		}, nil},
		{"pointer inside slice element", func(a, b *shareT) (any, any) { b.Items[1].P = a.Items[1].P; return a, b }, []string{"Items[1].P"}},
		{"pointer inside map value", func(a, b *shareT) (any, any) {
			p := new(int)
			a.MS = map[string]item{"k": {P: p}, "only-a": {P: p}}
			b.MS = map[string]item{"k": {P: p}}
			return a, b
		}, []string{`MS["k"].P`}},
		{"pointer inside nested slice of inner", func(a, b *shareT) (any, any) {
			b.Inner.Vals = a.Inner.Vals
			b.Arr[0] = a.Arr[0]
			return a, b
		}, []string{"Inner.Vals", "Arr[0]"}},
		{"time location is not a shared reference", func(a, b *shareT) (any, any) {
			a.T = time.Now()
			b.T = a.T
			b.Inner.When = a.T
			return a, b
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b shareT
			Fill(&a, 1)
			Fill(&b, 1)
			a.Ch, b.Ch = make(chan int), make(chan int)
			x, y := tt.mutate(&a, &b)
			assert.Equal(t, tt.want, SharedReferences(x, y))
		})
	}
}

func TestSharedReferencesCycles(t *testing.T) {
	mk := func() *node { n := &node{Name: "n"}; n.Next = n; return n }
	a, b := mk(), mk()
	assert.Nil(t, SharedReferences(a, b))
	b.Next = a
	assert.Equal(t, []string{"Next"}, SharedReferences(a, b))
}

func TestSharedReferencesNilAndMismatch(t *testing.T) {
	assert.Nil(t, SharedReferences(nil, nil))
	assert.Nil(t, SharedReferences((*shareT)(nil), &shareT{}))
	assert.Panics(t, func() { SharedReferences(&shareT{}, &pair{}) })
}

func TestSharedReferencesSDKTypes(t *testing.T) {
	var a, b types.TrainingJob
	Fill(&a, 1)
	Fill(&b, 1)
	assert.Nil(t, SharedReferences(&a, &b))

	b.AlgorithmSpecification.MetricDefinitions[1].Regex = a.AlgorithmSpecification.MetricDefinitions[1].Regex
	b.HyperParameters = a.HyperParameters
	assert.Equal(t, []string{"AlgorithmSpecification.MetricDefinitions[1].Regex", "HyperParameters"},
		SharedReferences(&a, &b))

	shallow := a
	assert.Contains(t, SharedReferences(&a, &shallow), "AlgorithmSpecification")
}
