package trainingjob

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds what fmt prints for the package's types: a one-line
// summary for %v and %s, every member that is set for %+v, and Go syntax
// for %#v. The redaction of secrets is secrets.go's (TrainingJob.redacted);
// RedactedValue lists where it applies and where it does not.

// Format writes the job for the fmt package, with the values of Environment
// and HyperParameters never shown (see RedactedValue and RevealSecrets):
//
//   - %v and %s print a one-line summary: the name, the status pair
//     TrainingJobStatus/SecondaryStatus, the Outcome in parentheses and the
//     creation time in UTC to the second, as in
//     "TrainingJob my-job Completed/Completed (Succeeded), created
//     2024-03-01T12:00:00Z". A missing name reads "(unnamed)", a missing
//     status "-", and without a CreationTime the summary ends after the
//     outcome. A name or status holding a space or a character that does
//     not print is quoted, so the summary stays on one line.
//   - %+v prints every member that is set, in struct field order, as
//     {TrainingJobName:my-job TrainingJobStatus:Completed ...}: members at
//     their zero value (empty string, zero time or number, false, nil) are
//     left out, pointers are followed and print what they point to, maps
//     print sorted by key, times print in UTC as RFC 3339 with the fraction
//     of a second when there is one, and durations and enumerations by name.
//     Strings print as they are, quoted only when empty or when they hold a
//     character that does not print, such as a newline. No pointer address
//     is ever printed. The keys of Environment and HyperParameters are
//     shown and their values print as RedactedValue.
//   - %#v prints the Go syntax fmt gives for the struct, with the real type
//     name and the values of Environment and HyperParameters redacted.
//     testify prints unequal values with %#v, so those lines are redacted,
//     and adds a line diff of the two values dumped without calling
//     methods (go-spew, one map entry a line). The diff is not redacted: it
//     shows each line that differs and the line on either side of it, so a
//     secret value shows when it differs and also when it is unchanged but
//     sits next to a line that does, such as the next key of the same map.
//   - %q quotes the summary and %x and %X print it in hex, as fmt does for a
//     value with a String method; width, precision and flags apply to the
//     summary as to a string.
//   - Other verbs print fmt's bad-verb form with the summary, as in
//     "%!d(trainingjob.TrainingJob=TrainingJob my-job ...)".
//
// A nil *TrainingJob prints "<nil>". fmt answers %T and %p itself.
//
// Format affects fmt and what is built on it (log, testing's t.Log,
// testify's messages); Marshal, MarshalJSON, LogValue and the SDK
// conversions are untouched.
func (j TrainingJob) Format(f fmt.State, verb rune) {
	formatJob(f, verb, j, false, "TrainingJob")
}

// formatJob is the Format of TrainingJob and of RevealedTrainingJob, named
// typeName; reveal keeps the secret values.
func formatJob(f fmt.State, verb rune, j TrainingJob, reveal bool, typeName string) {
	if !reveal {
		j = j.redacted()
	}
	if isGoSyntax(f, verb) {
		formatPlain(f, verb, plainJob(j), "plainJob", typeName)
		return
	}
	s := j.summary()
	if isDetailed(f, verb) {
		if reveal {
			// Not a TrainingJob, so that detailed does not redact it.
			s = detailed(RevealedTrainingJob(j))
		} else {
			s = detailed(j)
		}
	}
	writeFormatted(f, verb, "trainingjob."+typeName, s)
}

// plainJob is TrainingJob without its methods, so fmt prints its fields.
type plainJob TrainingJob

// summary is the one line %v prints for the job.
func (j *TrainingJob) summary() string {
	var b strings.Builder
	b.WriteString("TrainingJob ")
	b.WriteString(word(j.TrainingJobName, "(unnamed)"))
	b.WriteByte(' ')
	b.WriteString(word(string(j.TrainingJobStatus), "-"))
	b.WriteByte('/')
	b.WriteString(word(string(j.SecondaryStatus), "-"))
	b.WriteString(" (")
	b.WriteString(j.Outcome().String())
	b.WriteByte(')')
	if !j.CreationTime.IsZero() {
		b.WriteString(", created ")
		b.WriteString(summaryTime(j.CreationTime))
	}
	return b.String()
}

// Format writes the history entry for the fmt package:
//
//   - %v and %s print one line: the status, the start and end times in UTC
//     to the second joined by an arrow, and the message quoted, as in
//     `Training 2024-03-01T12:05:00Z→2024-03-01T13:05:00Z "Training in
//     progress"`. A missing status reads "(no status)", a missing start
//     time "-", an open entry's end "(open)", and an entry without a
//     message ends after its times.
//   - %+v prints every member that is set, as TrainingJob's Format does.
//   - %#v prints the Go syntax fmt gives for the struct.
//   - %q, %x, %X and other verbs follow TrainingJob's Format.
func (t SecondaryStatusTransition) Format(f fmt.State, verb rune) {
	if isGoSyntax(f, verb) {
		formatPlain(f, verb, plainTransition(t), "plainTransition", "SecondaryStatusTransition")
		return
	}
	s := t.summary()
	if isDetailed(f, verb) {
		s = detailed(t)
	}
	writeFormatted(f, verb, "trainingjob.SecondaryStatusTransition", s)
}

// plainTransition is SecondaryStatusTransition without its methods.
type plainTransition SecondaryStatusTransition

func (t *SecondaryStatusTransition) summary() string {
	var b strings.Builder
	b.WriteString(word(string(t.Status), "(no status)"))
	b.WriteByte(' ')
	if t.StartTime.IsZero() {
		b.WriteByte('-')
	} else {
		b.WriteString(summaryTime(t.StartTime))
	}
	b.WriteString("→")
	if t.EndTime.IsZero() {
		b.WriteString("(open)")
	} else {
		b.WriteString(summaryTime(t.EndTime))
	}
	if t.StatusMessage != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(t.StatusMessage))
	}
	return b.String()
}

// Format writes the document for the fmt package:
//
//   - %v and %s print the form and the job's summary (see TrainingJob's
//     Format), as in "EventBridge event: TrainingJob my-job ...".
//   - %+v prints every member that is set, the job's secrets redacted, as
//     TrainingJob's Format does.
//   - %#v prints the Go syntax fmt gives for the struct, the job's secrets
//     redacted.
//   - %q, %x, %X and other verbs follow TrainingJob's Format.
func (d Document) Format(f fmt.State, verb rune) {
	if isGoSyntax(f, verb) {
		formatPlain(f, verb, plainDocument(d), "plainDocument", "Document")
		return
	}
	var s string
	if isDetailed(f, verb) {
		s = detailed(d)
	} else {
		s = d.Form.String() + ": " + d.Job.summary()
	}
	writeFormatted(f, verb, "trainingjob.Document", s)
}

// plainDocument is Document without its methods. Its Job keeps
// TrainingJob's Format, which redacts.
type plainDocument Document

// Format writes the watch event for the fmt package:
//
//   - %v and %s print the job's summary (see TrainingJob's Format), the
//     number of changes and when the description was received, as in
//     "TrainingJob my-job InProgress/Training (Running), created
//     2024-03-01T12:00:00Z; 2 changes at 2024-03-01T12:05:00Z".
//   - %+v prints every member that is set, as TrainingJob's Format does,
//     except Output: it holds the same job in the SDK's form, secrets
//     included, and its metadata cannot be printed without addresses.
//   - %#v prints the Go syntax fmt gives for the struct (Output as a
//     pointer), the job's secrets redacted.
//   - %q, %x, %X and other verbs follow TrainingJob's Format.
func (e WatchEvent) Format(f fmt.State, verb rune) {
	if isGoSyntax(f, verb) {
		formatPlain(f, verb, plainWatchEvent(e), "plainWatchEvent", "WatchEvent")
		return
	}
	var s string
	if isDetailed(f, verb) {
		e.Output = nil
		s = detailed(e)
	} else {
		s = e.Job.summary() + "; " + strconv.Itoa(len(e.Changes)) + " change"
		if len(e.Changes) != 1 {
			s += "s"
		}
		if !e.Time.IsZero() {
			s += " at " + summaryTime(e.Time)
		}
	}
	writeFormatted(f, verb, "trainingjob.WatchEvent", s)
}

// plainWatchEvent is WatchEvent without its methods.
type plainWatchEvent WatchEvent

// formatBuilder is the Format of *Builder other than for nil and %#v: the
// job's summary or members, and the number of problems Validate finds.
func formatBuilder(f fmt.State, verb rune, j TrainingJob) {
	var s string
	if isDetailed(f, verb) {
		s = detailed(j)
	} else {
		s = j.summary()
	}
	if n := problemCount(j.Validate()); n > 0 {
		s += " (invalid: " + strconv.Itoa(n) + " problem"
		if n != 1 {
			s += "s"
		}
		s += ")"
	}
	writeFormatted(f, verb, "*trainingjob.Builder", s)
}

// problemCount counts the problems in an error from Validate.
func problemCount(err error) int {
	if err == nil {
		return 0
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return len(ve.Errors)
	}
	return 1
}

// isGoSyntax reports whether fmt asks for Go syntax (%#v).
func isGoSyntax(f fmt.State, verb rune) bool { return verb == 'v' && f.Flag('#') }

// isDetailed reports whether fmt asks for every member (%+v).
func isDetailed(f fmt.State, verb rune) bool { return verb == 'v' && f.Flag('+') }

// writeFormatted writes s, the text of a value of type typeName, as fmt
// writes the String result of a value that has such a method: %v and %s
// print it, %q quotes it, %x and %X print it in hex, with f's flags, width
// and precision. Other verbs print fmt's bad-verb form, %!d(type=s).
func writeFormatted(f fmt.State, verb rune, typeName, s string) {
	switch verb {
	case 'v':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 's'), s)
	case 's', 'q', 'x', 'X':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), s)
	default:
		_, _ = fmt.Fprintf(f, "%%!%c(%s=%s)", verb, typeName, s)
	}
}

// formatPlain prints v with the verb and flags of f, renaming the type in
// the Go syntax of %#v. (fmt answers %T and %p itself.)
func formatPlain(f fmt.State, verb rune, v any, from, to string) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if verb == 'v' && f.Flag('#') {
		s = strings.Replace(s, "trainingjob."+from, "trainingjob."+to, 1)
	}
	_, _ = fmt.Fprint(f, s)
}

// summaryTime writes t as the summaries do: UTC, RFC 3339, to the second.
func summaryTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// word returns s for a summary: empty when s is "", quoted when it holds a
// space or a character that does not print, and as it is otherwise.
func word(s, empty string) string {
	if s == "" {
		return empty
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r == ' ' || !strconv.IsPrint(r) }) {
		return strconv.Quote(s)
	}
	return s
}

// detailed returns what %+v prints for v: every member that is set.
func detailed(v any) string {
	var p detailPrinter
	p.value(reflect.ValueOf(v), 0)
	return p.b.String()
}

// detailPrinter writes values for %+v. It walks them with reflect rather
// than through fmt, which would print nested pointers as addresses.
type detailPrinter struct {
	b strings.Builder
}

// maxDetailDepth bounds how deep detailPrinter goes, so that a value that
// refers to itself cannot make it loop; the package's own types are far
// shallower.
const maxDetailDepth = 32

var (
	jobType      = reflect.TypeFor[TrainingJob]()
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
	changeType   = reflect.TypeFor[Change]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)

func (p *detailPrinter) value(v reflect.Value, depth int) {
	if depth > maxDetailDepth {
		p.b.WriteString("...")
		return
	}
	switch v.Type() {
	case jobType:
		// Every job, the one formatted or one inside another value (a
		// Document, a WatchEvent), has its secrets redacted as the job's
		// own Format does. (Only exported members are walked, so v can
		// always give its value.)
		if !v.CanInterface() {
			p.b.WriteString("{...}")
			return
		}
		j := v.Interface().(TrainingJob).redacted()
		p.fields(reflect.ValueOf(j), depth)
		return
	case timeType:
		if v.CanInterface() {
			p.b.WriteString(v.Interface().(time.Time).UTC().Format(time.RFC3339Nano))
			return
		}
	case durationType:
		p.b.WriteString(time.Duration(v.Int()).String())
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		p.value(v.Elem(), depth+1)
	case reflect.Struct:
		p.fields(v, depth)
	case reflect.Slice, reflect.Array:
		p.b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				p.b.WriteByte(' ')
			}
			p.value(v.Index(i), depth+1)
		}
		p.b.WriteByte(']')
	case reflect.Map:
		p.mapEntries(v, depth)
	case reflect.String:
		p.b.WriteString(detailString(v.String()))
	case reflect.Bool:
		p.b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !p.stringer(v) {
			p.b.WriteString(strconv.FormatInt(v.Int(), 10))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !p.stringer(v) {
			p.b.WriteString(strconv.FormatUint(v.Uint(), 10))
		}
	case reflect.Float32, reflect.Float64:
		p.b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits()))
	case reflect.Complex64, reflect.Complex128:
		p.b.WriteString(strconv.FormatComplex(v.Complex(), 'g', -1, v.Type().Bits()))
	default:
		// Channels, functions and unsafe pointers: the type, never the
		// address.
		p.b.WriteString("(" + v.Type().String() + ")")
	}
}

// stringer writes v's String result when its type has that method, so that
// enumerations held in numbers (Outcome, Form, ChangeKind) print by name.
func (p *detailPrinter) stringer(v reflect.Value) bool {
	if !v.CanInterface() || !v.Type().Implements(stringerType) {
		return false
	}
	p.b.WriteString(v.Interface().(fmt.Stringer).String())
	return true
}

// fields writes the exported members of the struct v that are set.
func (p *detailPrinter) fields(v reflect.Value, depth int) {
	t := v.Type()
	p.b.WriteByte('{')
	first := true
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		fv := v.Field(i)
		if isUnset(fv) && !keepZero(t, sf) {
			continue
		}
		if !first {
			p.b.WriteByte(' ')
		}
		first = false
		p.b.WriteString(sf.Name)
		p.b.WriteByte(':')
		p.value(fv, depth+1)
	}
	p.b.WriteByte('}')
}

// isUnset reports whether a member is absent: nil, or its zero value.
func isUnset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return v.IsZero()
}

// keepZero reports the members whose zero value is meaningful: a Change's
// Index, where 0 is the first history entry.
func keepZero(t reflect.Type, sf reflect.StructField) bool {
	return t == changeType && sf.Name == "Index"
}

// mapEntries writes a map as map[k:v ...], sorted by the keys' text.
func (p *detailPrinter) mapEntries(v reflect.Value, depth int) {
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		var kp detailPrinter
		kp.value(iter.Key(), depth+1)
		entries = append(entries, entry{kp.b.String(), iter.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	p.b.WriteString("map[")
	for i, e := range entries {
		if i > 0 {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(e.key)
		p.b.WriteByte(':')
		p.value(e.val, depth+1)
	}
	p.b.WriteByte(']')
}

// detailString returns s as %+v prints it: as it is, or quoted when it is
// empty or holds a character that does not print.
func detailString(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !strconv.IsPrint(r) }) {
		return strconv.Quote(s)
	}
	return s
}
