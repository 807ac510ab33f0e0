package trainingjobtest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/trainingjob-go/trainingjob/internal/model"
)

// This file checks requests against the constraints of the service model
// (internal/model's trimmed model, which already carries the additions) and
// words what it finds as the service's ValidationException does. Where the
// wording comes from:
//
//   - "N validation error(s) detected: " followed by the entries joined with
//     "; ", each "Value 'v' at 'path' failed to satisfy constraint: ...":
//     https://github.com/zenml-io/zenml/issues/1502 (CreateTrainingJob, a
//     name breaking both its pattern and its length: both are listed, the
//     pattern first) and https://github.com/aws/sagemaker-python-sdk/issues/384.
//   - Paths in lowerCamelCase, nested with dots: 'resourceConfig.instanceType'
//     in https://github.com/aws-samples/aws-sagemaker-heart-disease-prediction/issues/1.
//   - A list's structure members as 'list.N.member.name', counted from 1:
//     'tags.6.member.value' in https://github.com/SWO-GS/auto-tag/issues/90
//     and 'targets.1.member.inputTransformer.inputPathsMap' (EventBridge,
//     another service on the same validation layer).
//   - Enumerations: "Member must satisfy enum value set: [a, b]"
//     (heart-disease-prediction#1 above). The service lists the set in an
//     order of its own (a hash order, not the model's); the fake lists the
//     model's order, so tests must not depend on the order.
//   - Maps: the service quotes the whole map as Java writes one,
//     '{k=v, k2=v2}', at the map's path; the fake withholds it ("Value at
//     'hyperParameters' ..."), as the service does for members it keeps
//     secret, because hyperparameters and environment variables may hold
//     secrets the fake's answers never echo. "Map value must satisfy
//     constraint: [...]" lists
//     every constraint of the value's shape (maximum length, minimum
//     length, pattern):
//     https://github.com/aws-samples/amazon-sagemaker-pytorch-detectron2/issues/10
//     and https://github.com/aws/sagemaker-xgboost-container/issues/120;
//     "Map keys must satisfy constraint: [...]" for keys, as EventBridge
//     writes it.
//   - A map's or list's size: "Member must have length less than or equal
//     to 100" at 'hyperParameters':
//     https://github.com/aws/sagemaker-python-sdk/pull/6016.
//   - A list of strings whose elements break their shape's constraints:
//     "Member must satisfy constraint: [...]" at the list's path, the list
//     quoted as '[a, b]' (CloudFormation's 'capabilities', same layer).
//   - A missing required member: "Value null at 'roleArn' failed to satisfy
//     constraint: Member must not be null".
//   - Patterns as the service holds them: the model's text, except where a
//     real message shows another form (servicePatterns).

// servicePatterns maps a shape to its pattern as the service's messages
// write it, where that differs from the trimmed model's text. The model
// dropped the anchor the service still prints for training job names
// (https://github.com/zenml-io/zenml/issues/1502, 2023).
var servicePatterns = map[string]string{
	"TrainingJobName": "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
}

// modelShape is the part of a service model shape the checks read.
type modelShape struct {
	Type     string               `json:"type"`
	Members  map[string]memberRef `json:"members"`
	Required []string             `json:"required"`
	Min      *float64             `json:"min"`
	Max      *float64             `json:"max"`
	Pattern  string               `json:"pattern"`
	Enum     []string             `json:"enum"`
	Member   *memberRef           `json:"member"`
	Key      *memberRef           `json:"key"`
	Value    *memberRef           `json:"value"`

	name string
	re   func() *regexp.Regexp // nil when there is no pattern
}

type memberRef struct {
	Shape string `json:"shape"`
}

// modelShapes returns the shapes of the trimmed service model, parsed once.
var modelShapes = sync.OnceValue(func() map[string]*modelShape {
	var m struct {
		Shapes map[string]*modelShape `json:"shapes"`
	}
	if err := json.Unmarshal(model.Service(), &m); err != nil {
		// The model is embedded at build time; a model that does not parse
		// is a broken build, which every test shows at once.
		panic("trainingjobtest: the embedded service model does not parse: " + err.Error())
	}
	for name, s := range m.Shapes {
		s.name = name
		if s.Pattern != "" {
			expr := goPattern(s.Pattern)
			s.re = sync.OnceValue(func() *regexp.Regexp {
				re, err := regexp.Compile(expr)
				if err != nil {
					return nil // a pattern RE2 cannot run is not checked
				}
				return re
			})
		}
	}
	return m.Shapes
})

// goPattern anchors a model pattern for package regexp, rewriting the few
// Java forms RE2 lacks the way the library's generated checks do: the
// look-behind is dropped, a repetition beyond 1000 is left open, and
// \p{Alnum} becomes its ASCII class.
func goPattern(p string) string {
	p = strings.ReplaceAll(p, "(?<!-)", "")
	p = strings.ReplaceAll(p, "{1,2048}", "{1,}")
	p = strings.ReplaceAll(p, `\p{Alnum}`, "a-zA-Z0-9")
	return "^(?:" + p + ")$"
}

// servicePattern returns the shape's pattern as the service words it.
func (s *modelShape) servicePattern() string {
	if p, ok := servicePatterns[s.name]; ok {
		return p
	}
	return s.Pattern
}

// requestChecker collects the violations of one request.
type requestChecker struct {
	shapes map[string]*modelShape
	found  []violation
}

// checkRequest checks in, a pointer to an SDK input struct or any struct
// whose fields carry the model's member names, against the model shape
// named shapeName. It returns the violations in member order (the SDK
// struct's field order), nested members after their parent's own.
func checkRequest(shapeName string, in any) []violation {
	c := &requestChecker{shapes: modelShapes()}
	s := c.shapes[shapeName]
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v = reflect.Value{}
			break
		}
		v = v.Elem()
	}
	if s == nil {
		return nil
	}
	if !v.IsValid() {
		for _, r := range s.Required {
			c.add(lowerFirst(r), nil, mustNotBeNull())
		}
		return c.found
	}
	c.structure("", s, v)
	return c.found
}

func (c *requestChecker) add(path string, value *string, constraint string) {
	c.found = append(c.found, violation{path: path, value: value, constraint: constraint})
}

// structure checks the members of a struct value v of shape s.
func (c *requestChecker) structure(path string, s *modelShape, v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	seen := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		ref, ok := s.Members[f.Name]
		if !ok || !f.IsExported() {
			continue
		}
		seen[f.Name] = true
		p := joinPath(path, lowerFirst(f.Name))
		fv := v.Field(i)
		if !present(fv) {
			if slices.Contains(s.Required, f.Name) {
				c.add(p, nil, mustNotBeNull())
			}
			continue
		}
		c.value(p, c.shapes[ref.Shape], fv)
	}
	// A required member the Go type has no field for is always absent.
	for _, r := range s.Required {
		if !seen[r] {
			if _, ok := t.FieldByName(r); !ok {
				c.add(joinPath(path, lowerFirst(r)), nil, mustNotBeNull())
			}
		}
	}
}

// value checks one present member.
func (c *requestChecker) value(path string, s *modelShape, v reflect.Value) {
	if s == nil {
		return
	}
	v = deref(v)
	if !v.IsValid() {
		return
	}
	switch s.Type {
	case "string":
		if v.Kind() != reflect.String {
			return
		}
		str := v.String()
		for _, constraint := range s.stringViolations(str) {
			c.add(path, &str, constraint)
		}
	case "integer", "long", "float", "double":
		n, ok := number(v)
		if !ok {
			return
		}
		text := formatNumber(v)
		if s.Max != nil && n > *s.Max {
			c.add(path, &text, "Member must have value less than or equal to "+formatBound(*s.Max))
		}
		if s.Min != nil && n < *s.Min {
			c.add(path, &text, "Member must have value greater than or equal to "+formatBound(*s.Min))
		}
	case "structure":
		c.structure(path, s, v)
	case "list":
		c.list(path, s, v)
	case "map":
		c.mapValue(path, s, v)
	}
}

// stringViolations returns the constraints s breaks, in the order the
// service lists them for one member: enumeration, pattern, then length.
func (s *modelShape) stringViolations(str string) []string {
	var out []string
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, str) {
		out = append(out, inEnumSet(s.Enum))
	}
	if s.re != nil {
		if re := s.re(); re != nil && !re.MatchString(str) {
			out = append(out, matchesPattern(s.servicePattern()))
		}
	}
	n := utf8.RuneCountInString(str)
	if s.Max != nil && float64(n) > *s.Max {
		out = append(out, lengthAtMost(int(*s.Max)))
	}
	if s.Min != nil && float64(n) < *s.Min {
		out = append(out, lengthAtLeast(int(*s.Min)))
	}
	return out
}

// allConstraints lists every constraint of a scalar shape, as the service
// does inside "Map value must satisfy constraint: [...]": maximum length,
// minimum length, pattern, then the enumeration.
func (s *modelShape) allConstraints() string {
	var out []string
	switch s.Type {
	case "string":
		if s.Max != nil {
			out = append(out, lengthAtMost(int(*s.Max)))
		}
		if s.Min != nil {
			out = append(out, lengthAtLeast(int(*s.Min)))
		}
		if s.Pattern != "" {
			out = append(out, matchesPattern(s.servicePattern()))
		}
		if len(s.Enum) > 0 {
			out = append(out, inEnumSet(s.Enum))
		}
	default:
		if s.Max != nil {
			out = append(out, "Member must have value less than or equal to "+formatBound(*s.Max))
		}
		if s.Min != nil {
			out = append(out, "Member must have value greater than or equal to "+formatBound(*s.Min))
		}
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// scalarBreaks reports whether a scalar element breaks its shape.
func (c *requestChecker) scalarBreaks(s *modelShape, v reflect.Value) bool {
	v = deref(v)
	if !v.IsValid() {
		return false
	}
	if v.Kind() == reflect.String {
		return len(s.stringViolations(v.String())) > 0
	}
	n, ok := number(v)
	return ok && (s.Max != nil && n > *s.Max || s.Min != nil && n < *s.Min)
}

func (c *requestChecker) size(path string, s *modelShape, v reflect.Value) {
	n := float64(v.Len())
	if s.Max == nil && s.Min == nil {
		return
	}
	text := render(v)
	add := func(constraint string) {
		if v.Kind() == reflect.Map {
			c.found = append(c.found, violation{path: path, withheld: true, constraint: constraint})
		} else {
			c.add(path, &text, constraint)
		}
	}
	if s.Max != nil && n > *s.Max {
		add(lengthAtMost(int(*s.Max)))
	}
	if s.Min != nil && n < *s.Min {
		add(lengthAtLeast(int(*s.Min)))
	}
}

func (c *requestChecker) list(path string, s *modelShape, v reflect.Value) {
	if v.Kind() != reflect.Slice || s.Member == nil {
		return
	}
	c.size(path, s, v)
	elem := c.shapes[s.Member.Shape]
	if elem == nil {
		return
	}
	if elem.Type == "structure" {
		for i := 0; i < v.Len(); i++ {
			c.value(path+"."+strconv.Itoa(i+1)+".member", elem, v.Index(i))
		}
		return
	}
	for i := 0; i < v.Len(); i++ {
		if c.scalarBreaks(elem, v.Index(i)) {
			text := render(v)
			c.add(path, &text, "Member must satisfy constraint: "+elem.allConstraints())
			return
		}
	}
}

func (c *requestChecker) mapValue(path string, s *modelShape, v reflect.Value) {
	if v.Kind() != reflect.Map || s.Key == nil || s.Value == nil {
		return
	}
	c.size(path, s, v)
	key, val := c.shapes[s.Key.Shape], c.shapes[s.Value.Shape]
	var badKey, badValue bool
	iter := v.MapRange()
	for iter.Next() {
		badKey = badKey || key != nil && c.scalarBreaks(key, iter.Key())
		badValue = badValue || val != nil && c.scalarBreaks(val, iter.Value())
	}
	if badKey {
		c.found = append(c.found, violation{path: path, withheld: true, constraint: "Map keys must satisfy constraint: " + key.allConstraints()})
	}
	if badValue {
		c.found = append(c.found, violation{path: path, withheld: true, constraint: "Map value must satisfy constraint: " + val.allConstraints()})
	}
}

// present reports whether a member is set: a nil pointer, slice, map or
// interface, an empty enumeration string and a zero number (the SDK leaves
// those out of the request) are absent.
func present(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return !v.IsNil()
	case reflect.Invalid:
		return false
	default:
		return !v.IsZero()
	}
}

func deref(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func number(v reflect.Value) (float64, bool) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	}
	return 0, false
}

func formatNumber(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'f', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return strconv.FormatInt(v.Int(), 10)
}

func formatBound(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// render writes a value as the service quotes it, the way Java's toString
// writes strings, numbers, lists ([a, b]) and maps ({k=v, k2=v2}); map
// entries are sorted by key and a structure is written as its set members,
// {Name=value, ...}, in field order.
func render(v reflect.Value) string {
	v = deref(v)
	if !v.IsValid() {
		return "null"
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		return formatNumber(v)
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = render(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		type entry struct{ k, v string }
		entries := make([]entry, 0, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			entries = append(entries, entry{render(iter.Key()), render(iter.Value())})
		}
		sort.Slice(entries, func(a, b int) bool { return entries[a].k < entries[b].k })
		parts := make([]string, len(entries))
		for i, e := range entries {
			parts[i] = e.k + "=" + e.v
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Struct:
		var parts []string
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && present(v.Field(i)) {
				parts = append(parts, f.Name+"="+render(v.Field(i)))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v.Interface())
}

// lowerFirst writes a member name as the service's paths do: its first
// letter in lower case.
func lowerFirst(name string) string {
	r, n := utf8.DecodeRuneInString(name)
	if n == 0 {
		return name
	}
	return string(unicode.ToLower(r)) + name[n:]
}

func joinPath(parent, member string) string {
	if parent == "" {
		return member
	}
	return parent + "." + member
}
