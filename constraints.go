package trainingjob

import (
	"fmt"
	"regexp"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob/internal/dfa"
	"github.com/trainingjob-go/trainingjob/internal/wire"
)

//go:generate go run ./internal/constraintgen/cmd/constraintgen -model internal/model/service-2.training-job.json -o constraints_gen.go

// This file holds what the checks generated from the service model
// (constraints_gen.go) call: a path to the member being checked, built on
// the stack and turned into a string only when a check fails, and one
// method per kind of constraint.

// fieldPath locates a member for an error message. A nil *fieldPath is the
// value being validated; each node adds a member, a member with a list
// index, or a member with a map key.
type fieldPath struct {
	parent *fieldPath
	name   string
	key    string
	index  int
	kind   uint8 // pathMember, pathIndex or pathKey
}

// The kinds of fieldPath node, which are the decoder's kinds of path step:
// both kinds of path are written by wire.AppendPathStep, so they read
// alike.
const (
	pathMember = wire.PathMember
	pathIndex  = wire.PathIndex
	pathKey    = wire.PathKey
)

func (p *fieldPath) member(name string) fieldPath {
	return fieldPath{parent: p, name: name, kind: pathMember}
}

func (p *fieldPath) elem(name string, i int) fieldPath {
	return fieldPath{parent: p, name: name, index: i, kind: pathIndex}
}

func (p *fieldPath) mapKey(name, key string) fieldPath {
	return fieldPath{parent: p, name: name, key: key, kind: pathKey}
}

// join renders the path, followed by member when member is not "".
func (p *fieldPath) join(member string) string {
	var b []byte
	b = p.appendTo(b)
	if member != "" {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, member...)
	}
	return string(b)
}

func (p *fieldPath) appendTo(b []byte) []byte {
	if p == nil {
		return b
	}
	b = wire.AppendPathStep(p.parent.appendTo(b), pathMember, p.name, 0)
	switch p.kind {
	case pathIndex:
		b = wire.AppendPathStep(b, pathIndex, "", p.index)
	case pathKey:
		// A key is the document's own text: quoted and, past
		// nameExcerptMax bytes, cut, so that a path stays short and
		// carries no secret (map keys are usually short names).
		b = append(wire.AppendExcerpt(append(b, '['), p.key, nameExcerptMax), ']')
	}
	return b
}

// nameExcerptMax is the most bytes of a map key in a path, or of a job's
// name at the head of a ValidationError, that an error quotes: room for
// any name the service accepts (job names have at most 63 characters) and
// for the keys jobs use, such as sagemaker_submit_directory.
const nameExcerptMax = 64

// addAt records a problem at p.member, rendering the path only when the
// problem is kept (see validator.room). The value of a map entry is never
// recorded: hyperparameters and environment variables may hold secrets.
func (v *validator) addAt(kind error, p *fieldPath, member string, bad any, detail string) {
	if v.room() {
		v.keepAt(kind, p, member, bad, detail)
	}
}

// keepAt records a problem at p.member that room has made room for.
func (v *validator) keepAt(kind error, p *fieldPath, member string, bad any, detail string) {
	if member == "" && p != nil && p.kind == pathKey {
		bad = nil
	}
	v.keep(kind, p.join(member), bad, detail)
}

// required reports a missing member.
func (v *validator) required(p *fieldPath, member string) {
	v.addAt(ErrRequired, p, member, nil, "")
}

// strLen checks a string's length in characters (code points, as the
// service counts them); a negative bound is absent. label names the part of
// a map entry ("key " or "value ") or is "". It reports whether the length
// is within bounds, so that the pattern is only checked then.
func (v *validator) strLen(p *fieldPath, member, label, s string, minLen, maxLen int) bool {
	// A string has at most as many characters as bytes and at least a
	// quarter as many, so most need no counting.
	n := len(s)
	if (maxLen < 0 || n <= maxLen) && n >= 4*minLen {
		return true
	}
	n = utf8.RuneCountInString(s)
	switch {
	case maxLen >= 0 && n > maxLen:
		if v.room() {
			v.keepAt(ErrTooLong, p, member, nil, fmt.Sprintf("%s%d characters, at most %d allowed", lengthLabel(label), n, maxLen))
		}
	case minLen > 0 && n < minLen:
		if v.room() {
			v.keepAt(ErrInvalid, p, member, s, fmt.Sprintf("%s%d characters, at least %d required", lengthLabel(label), n, minLen))
		}
	default:
		return true
	}
	return false
}

func lengthLabel(label string) string {
	if label == "" {
		return ""
	}
	return label + "has "
}

// lazyPattern checks a pattern of the model: with its generated automaton
// when it has one, or else with the regular expression, compiled the first
// time it is used.
type lazyPattern struct {
	expr string // the anchored Go expression
	m    *dfa.Machine
	re   func() *regexp.Regexp
}

func newPattern(expr string, m *dfa.Machine) *lazyPattern {
	return &lazyPattern{expr: expr, m: m, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

func (p *lazyPattern) match(s string) bool {
	if p.m != nil {
		return p.m.Match(s)
	}
	return p.re().MatchString(s)
}

// pattern checks that the whole of s matches the model's pattern.
func (v *validator) pattern(p *fieldPath, member, label, s string, pat *lazyPattern) {
	if !pat.match(s) && v.room() {
		v.keepAt(ErrInvalid, p, member, s, label+"does not match the pattern "+pat.expr)
	}
}

// intRange checks a number against the model's bounds; hasMin and hasMax
// say which bounds exist.
func (v *validator) intRange(p *fieldPath, member string, n, minVal, maxVal int64, hasMin, hasMax bool) {
	if !(hasMin && n < minVal || hasMax && n > maxVal) || !v.room() {
		return
	}
	var detail string
	switch {
	case hasMin && hasMax:
		detail = fmt.Sprintf("must be between %d and %d", minVal, maxVal)
	case hasMin:
		detail = fmt.Sprintf("must be at least %d", minVal)
	default:
		detail = fmt.Sprintf("must be at most %d", maxVal)
	}
	v.keepAt(ErrOutOfRange, p, member, n, detail)
}

// count checks the number of entries of a list or map.
func (v *validator) count(p *fieldPath, member string, n, minCount, maxCount int) {
	switch {
	case maxCount >= 0 && n > maxCount:
		if v.room() {
			v.keepAt(ErrTooMany, p, member, n, fmt.Sprintf("at most %d entries allowed", maxCount))
		}
	case minCount > 0 && n < minCount:
		if v.room() {
			v.keepAt(ErrInvalid, p, member, n, fmt.Sprintf("at least %d entries required", minCount))
		}
	}
}

// enum rejects, in strict mode only, a value the model does not list; the
// default strength keeps values the service added after this package.
func (v *validator) enum(p *fieldPath, member, label, s string, known []string, has func(string) bool) {
	if v.strict && !has(s) && v.room() {
		v.keepAt(ErrNotSupported, p, member, s, label+"valid values: "+joinValues(known))
	}
}

// sortSince orders the errors added since index first by path, so that the
// errors found while ranging over a map come out in a stable order.
func (v *validator) sortSince(first int) {
	if added := v.errs[first:]; len(added) > 1 {
		sort.SliceStable(added, func(a, b int) bool { return added[a].Field < added[b].Field })
	}
}

// ValidateCreateInput checks a CreateTrainingJob request the way the service
// would, before it is sent: its required members (TrainingJobName, RoleArn,
// OutputDataConfig, and those of every nested structure present), and every
// length, pattern, range, size and enumeration constraint of the service
// model, reporting every problem at once as a *ValidationError with paths
// such as InputDataConfig[1].DataSource.S3DataSource.S3Uri. At the default
// strength an enumeration value the model does not list is accepted, since
// the service may have added it; Strict rejects it.
func ValidateCreateInput(in *sagemaker.CreateTrainingJobInput, opts ...ValidateOption) error {
	v := newValidator(opts)
	if in == nil {
		v.add(ErrRequired, "", nil, "the request is nil")
		return v.result("CreateTrainingJobInput", "")
	}
	checkCreateTrainingJobInput(&v, in)
	name := ""
	if in.TrainingJobName != nil {
		name = *in.TrainingJobName
	}
	return v.result("CreateTrainingJobInput", name)
}
