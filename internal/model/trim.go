package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Trim returns the part of a botocore service model (service-2.json) that
// the given operations reach, plus the extra shapes and what they reach,
// with every "documentation" and "documentationUrl" member removed. The
// metadata and version members are kept as they are.
//
// Before trimming, it merges additions (the form of additions.json; nil for
// none) into the model: a shape the model lacks is added whole; for a shape
// it has, enumeration values, members and required names it lacks are
// added. Stale lists the additions the model already had, which can be
// deleted from the additions file.
//
// The output has its object keys sorted and one space of indentation per
// level, so that trimming the same input twice, or trimming a trimmed model
// again with the same additions, gives the same bytes.
func Trim(full []byte, operations, extraShapes []string, additions []byte) (out []byte, stale []string, err error) {
	var m map[string]any
	if err := decode(full, &m); err != nil {
		return nil, nil, fmt.Errorf("service model: %w", err)
	}
	ops, _ := m["operations"].(map[string]any)
	shapes, _ := m["shapes"].(map[string]any)
	if ops == nil || shapes == nil {
		return nil, nil, fmt.Errorf("service model: no operations or shapes: is this botocore's service-2.json?")
	}
	if additions != nil {
		if stale, err = merge(shapes, additions); err != nil {
			return nil, nil, err
		}
	}
	keptShapes := map[string]any{}
	var visit func(name string) error
	visit = func(name string) error {
		if _, done := keptShapes[name]; done {
			return nil
		}
		s, ok := shapes[name].(map[string]any)
		if !ok {
			return fmt.Errorf("service model: shape %q is referenced but not defined", name)
		}
		keptShapes[name] = s
		for _, ref := range shapeRefs(s) {
			if err := visit(ref); err != nil {
				return err
			}
		}
		return nil
	}
	keptOps := map[string]any{}
	for _, name := range operations {
		op, ok := ops[name].(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("service model: no operation %q", name)
		}
		keptOps[name] = op
		for _, ref := range operationRefs(op) {
			if err := visit(ref); err != nil {
				return nil, nil, err
			}
		}
	}
	for _, name := range extraShapes {
		if err := visit(name); err != nil {
			return nil, nil, err
		}
	}
	m["operations"] = keptOps
	m["shapes"] = keptShapes
	stripDocs(m)
	out, err = encode(m)
	return out, stale, err
}

// merge adds the shapes, enumeration values, members and required names of
// additions that shapes lacks, and lists those it already had.
func merge(shapes map[string]any, additions []byte) (stale []string, err error) {
	var add struct {
		Shapes map[string]map[string]any `json:"shapes"`
	}
	if err := decode(additions, &add); err != nil {
		return nil, fmt.Errorf("additions: %w", err)
	}
	for _, name := range sortedKeys(anyMap(add.Shapes)) {
		extra := add.Shapes[name]
		have, ok := shapes[name].(map[string]any)
		if !ok {
			shapes[name] = extra
			continue
		}
		if t, _ := extra["type"].(string); t != "" && t != have["type"] {
			return nil, fmt.Errorf("additions: shape %s is a %s in the model, not a %s", name, have["type"], t)
		}
		for _, v := range stringList(extra["enum"]) {
			if slices.Contains(stringList(have["enum"]), v) {
				stale = append(stale, fmt.Sprintf("%s enum value %q", name, v))
				continue
			}
			have["enum"] = append(have["enum"].([]any), v)
		}
		if members, ok := extra["members"].(map[string]any); ok {
			haveMembers, _ := have["members"].(map[string]any)
			for _, member := range sortedKeys(members) {
				if _, dup := haveMembers[member]; dup {
					stale = append(stale, fmt.Sprintf("%s member %s", name, member))
					continue
				}
				haveMembers[member] = members[member]
			}
		}
		for _, v := range stringList(extra["required"]) {
			if slices.Contains(stringList(have["required"]), v) {
				stale = append(stale, fmt.Sprintf("%s required %s", name, v))
				continue
			}
			req, _ := have["required"].([]any)
			have["required"] = append(req, v)
		}
		_, hasEnum := extra["enum"]
		_, hasMembers := extra["members"]
		_, hasRequired := extra["required"]
		if !hasEnum && !hasMembers && !hasRequired {
			stale = append(stale, "shape "+name) // a whole shape, now upstream
		}
	}
	return stale, nil
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// stringList returns the string elements of a decoded JSON array.
func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// TrimWaiters returns the waiters of a botocore waiters-2.json whose
// operation is one of operations, in the same layout as Trim.
func TrimWaiters(full []byte, operations []string) ([]byte, error) {
	var m map[string]any
	if err := decode(full, &m); err != nil {
		return nil, fmt.Errorf("waiters: %w", err)
	}
	waiters, ok := m["waiters"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("waiters: no waiters member: is this botocore's waiters-2.json?")
	}
	for name, w := range waiters {
		op, _ := w.(map[string]any)["operation"].(string)
		if !slices.Contains(operations, op) {
			delete(waiters, name)
		}
	}
	stripDocs(m)
	return encode(m)
}

// shapeRefs lists the shapes a shape's members, list element or map key
// and value refer to.
func shapeRefs(s map[string]any) []string {
	var refs []string
	if members, ok := s["members"].(map[string]any); ok {
		for _, name := range sortedKeys(members) {
			refs = appendRef(refs, members[name])
		}
	}
	for _, k := range []string{"member", "key", "value"} {
		refs = appendRef(refs, s[k])
	}
	return refs
}

// operationRefs lists the input, output and error shapes of an operation.
func operationRefs(op map[string]any) []string {
	refs := appendRef(nil, op["input"])
	refs = appendRef(refs, op["output"])
	if errs, ok := op["errors"].([]any); ok {
		for _, e := range errs {
			refs = appendRef(refs, e)
		}
	}
	return refs
}

func appendRef(refs []string, v any) []string {
	if ref, ok := v.(map[string]any); ok {
		if name, ok := ref["shape"].(string); ok {
			refs = append(refs, name)
		}
	}
	return refs
}

// stripDocs removes documentation members at every depth.
func stripDocs(v any) {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "documentation")
		delete(v, "documentationUrl")
		for _, e := range v {
			stripDocs(e)
		}
	case []any:
		for _, e := range v {
			stripDocs(e)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decode reads JSON keeping numbers as written, so that limits such as
// 9223372036854775807 survive a round trip.
func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the top-level value")
	}
	return nil
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
