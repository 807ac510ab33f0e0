// Package reflectfill offers reflection-based helpers for tests that check
// copy and conversion code: Fill populates every exported field of a value,
// ZeroFields lists the exported fields still at their zero value, and
// SharedReferences lists the places where two values share memory.
//
// The helpers are slow and panic on misuse; they are meant for tests only.
//
// Paths are written the way the fields would be accessed in Go, without the
// root: "AlgorithmSpecification.MetricDefinitions[0].Name" or
// `HyperParameters["epochs"]`. Pointers are transparent in paths. The root
// value itself is reported as "(root)".
//
// time.Time is treated as an opaque value throughout: Fill sets it as a
// whole, ZeroFields only asks whether it is zero, and SharedReferences does
// not look inside it (its *time.Location is shared by design).
package reflectfill

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"time"
)

// RootPath names the root value in reported paths.
const RootPath = "(root)"

// maxRecursion is how many times one struct type may appear on the current
// path before Fill stops allocating pointers, slices and maps beneath it.
const maxRecursion = 3

// maxDepth bounds how deep Fill goes whatever the types involved.
const maxDepth = 64

var timeType = reflect.TypeFor[time.Time]()

// baseTime is the time Fill derives every time.Time from.
var baseTime = time.Date(2024, time.March, 4, 5, 6, 7, 123_000_000, time.UTC)

// Fill sets every exported field reachable from v to a non-zero value. v must
// be a non-nil pointer. The values depend only on seed and on the field's
// path, so two calls with the same seed produce deeply equal results and
// different fields get different strings.
//
// Strings (including named string types such as SDK enums) become
// "<path>#<seed>", integers and floats a non-zero number derived from path
// and seed, bools true, time.Time a UTC time with millisecond precision that
// depends on seed. Pointers are allocated, slices get two elements and maps
// two entries (fewer if the key type has fewer distinct values, as with
// bool). Unexported fields are left alone, as are funcs, channels, unsafe
// pointers and interfaces that a string does not satisfy. Recursive types
// are cut off: once a struct type occurs maxRecursion times on the path,
// pointers, slices and maps below it stay nil.
func Fill(v any, seed int64) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic(fmt.Sprintf("reflectfill.Fill: need a non-nil pointer, got %T", v))
	}
	f := filler{seed: seed, onPath: map[reflect.Type]int{}}
	f.fill(rv.Elem(), "", 0)
}

type filler struct {
	seed   int64
	onPath map[reflect.Type]int // struct types on the current path
}

func (f *filler) hash(path string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s#%d", path, f.seed)
	return h.Sum64()
}

// blocked reports whether recursion guards forbid allocating below here.
func (f *filler) blocked(depth int) bool {
	if depth >= maxDepth {
		return true
	}
	for _, n := range f.onPath {
		if n >= maxRecursion {
			return true
		}
	}
	return false
}

func (f *filler) fill(v reflect.Value, path string, depth int) {
	if v.Type() == timeType {
		v.Set(reflect.ValueOf(baseTime.Add(time.Duration(f.seed) * (time.Hour + 7*time.Millisecond))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path + "#" + fmt.Sprint(f.seed))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(1 + f.hash(path)%intRange(v.Type())))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(1 + f.hash(path)%intRange(v.Type()))
	case reflect.Float32, reflect.Float64:
		// Multiples of 1/8 below 1000 are exact in float32.
		v.SetFloat(float64(1+f.hash(path)%7999) / 8)
	case reflect.Complex64, reflect.Complex128:
		h := f.hash(path)
		v.SetComplex(complex(float64(1+h%7999)/8, float64(1+(h>>20)%7999)/8))
	case reflect.Pointer:
		if f.blocked(depth) {
			return
		}
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), path, depth+1)
		v.Set(p)
	case reflect.Slice:
		if f.blocked(depth) {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			f.fill(s.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			f.fill(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
		}
	case reflect.Map:
		if f.blocked(depth) {
			return
		}
		t := v.Type()
		m := reflect.MakeMapWithSize(t, 2)
		for i := 0; m.Len() < 2 && i < 8; i++ {
			k := reflect.New(t.Key()).Elem()
			f.fill(k, fmt.Sprintf("%s{key%d}", path, i), depth+1)
			if m.MapIndex(k).IsValid() {
				continue // duplicate key, e.g. bool
			}
			e := reflect.New(t.Elem()).Elem()
			f.fill(e, fmt.Sprintf("%s[%d]", path, i), depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		t := v.Type()
		f.onPath[t]++
		defer func() { f.onPath[t]-- }()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			f.fill(v.Field(i), join(path, sf.Name), depth+1)
		}
	case reflect.Interface:
		s := reflect.ValueOf(path + "#" + fmt.Sprint(f.seed))
		if s.Type().Implements(v.Type()) {
			v.Set(s)
		}
	}
}

// intRange keeps generated integers positive and within the type's range.
func intRange(t reflect.Type) uint64 {
	bits := min(t.Bits(), 32)
	return 1<<(bits-2) - 1
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func rootOr(path string) string {
	if path == "" {
		return RootPath
	}
	return path
}

// mapKeyPath renders a map key the way it would appear in Go source.
func mapKeyPath(path string, k reflect.Value) string {
	if k.Kind() == reflect.String {
		return fmt.Sprintf("%s[%q]", path, k.String())
	}
	return fmt.Sprintf("%s[%v]", path, k)
}

// sortedKeys returns m's keys in a stable order.
func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	return keys
}

// ZeroFields returns the paths of everything reachable from v through
// exported fields, pointers, slices, arrays and map values that is still at
// its zero value: nil pointers, slices, maps and interfaces, zero scalars,
// zero time.Time values. Non-zero pointers are followed, so a pointer to a
// zero string is reported at the pointer's path, and a pointer to a zero
// struct reports each of the struct's fields. Slice elements and map values
// are checked too, which catches a copy that allocated a slice but never
// filled it. A non-nil empty slice or map is not zero. Structs without
// exported fields (other than time.Time) are not reported. It returns nil
// when nothing is zero.
func ZeroFields(v any) []string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return []string{RootPath}
	}
	z := zeroWalker{seen: map[uintptr]bool{}}
	z.walk(rv, "")
	return z.out
}

type zeroWalker struct {
	out  []string
	seen map[uintptr]bool // pointers already followed, for cyclic values
}

func (z *zeroWalker) walk(v reflect.Value, path string) {
	if v.Type() == timeType {
		if v.IsZero() {
			z.out = append(z.out, rootOr(path))
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				z.walk(v.Field(i), join(path, t.Field(i).Name))
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			z.out = append(z.out, rootOr(path))
			return
		}
		if z.seen[v.Pointer()] {
			return
		}
		z.seen[v.Pointer()] = true
		z.walk(v.Elem(), path)
	case reflect.Interface:
		if v.IsNil() {
			z.out = append(z.out, rootOr(path))
			return
		}
		z.walk(v.Elem(), path)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			z.out = append(z.out, rootOr(path))
			return
		}
		for i := range v.Len() {
			z.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if v.IsNil() {
			z.out = append(z.out, rootOr(path))
			return
		}
		for _, k := range sortedKeys(v) {
			z.walk(v.MapIndex(k), mapKeyPath(path, k))
		}
	default:
		if v.IsZero() {
			z.out = append(z.out, rootOr(path))
		}
	}
}

// SharedReferences walks a and b, which must have the same type, in
// parallel through exported fields, pointers, slices, arrays, map values and
// interfaces, and returns the paths where the two share memory: the same
// non-nil pointer, map or channel, or slices whose backing arrays overlap.
// Below a shared reference nothing more is reported. Map values are compared
// for the keys present in both maps. Unexported fields and the inside of
// time.Time are not examined. It returns nil when nothing is shared.
//
// Passing two pointers compares the pointers themselves first, so
// SharedReferences(x, x) reports "(root)".
func SharedReferences(a, b any) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !va.IsValid() || !vb.IsValid() {
		return nil
	}
	if va.Type() != vb.Type() {
		panic(fmt.Sprintf("reflectfill.SharedReferences: different types %s and %s", va.Type(), vb.Type()))
	}
	s := shareWalker{seen: map[[2]uintptr]bool{}}
	s.walk(va, vb, "")
	return s.out
}

type shareWalker struct {
	out  []string
	seen map[[2]uintptr]bool // pointer pairs already followed
}

func (s *shareWalker) report(path string) {
	s.out = append(s.out, rootOr(path))
}

func (s *shareWalker) walk(a, b reflect.Value, path string) {
	if a.Type() == timeType {
		return
	}
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				s.walk(a.Field(i), b.Field(i), join(path, t.Field(i).Name))
			}
		}
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return
		}
		pa, pb := a.Pointer(), b.Pointer()
		if pa == pb {
			s.report(path)
			return
		}
		if s.seen[[2]uintptr{pa, pb}] {
			return
		}
		s.seen[[2]uintptr{pa, pb}] = true
		s.walk(a.Elem(), b.Elem(), path)
	case reflect.Slice:
		if a.IsNil() || b.IsNil() {
			return
		}
		if overlap(a, b) {
			s.report(path)
			return
		}
		for i := range min(a.Len(), b.Len()) {
			s.walk(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Array:
		for i := range a.Len() {
			s.walk(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if a.IsNil() || b.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			s.report(path)
			return
		}
		for _, k := range sortedKeys(a) {
			if bv := b.MapIndex(k); bv.IsValid() {
				s.walk(a.MapIndex(k), bv, mapKeyPath(path, k))
			}
		}
	case reflect.Interface:
		if a.IsNil() || b.IsNil() || a.Elem().Type() != b.Elem().Type() {
			return
		}
		s.walk(a.Elem(), b.Elem(), path)
	case reflect.Chan:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			s.report(path)
		}
	}
}

// overlap reports whether two slices' backing arrays, up to their
// capacities, share any element.
func overlap(a, b reflect.Value) bool {
	size := a.Type().Elem().Size()
	if a.Cap() == 0 || b.Cap() == 0 || size == 0 {
		// Nothing to share: zero-size elements all live at one address.
		return false
	}
	pa, pb := a.Pointer(), b.Pointer()
	endA := pa + uintptr(a.Cap())*size
	endB := pb + uintptr(b.Cap())*size
	return pa < endB && pb < endA
}
