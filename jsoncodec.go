package trainingjob

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// This file holds the small JSON reader and writer that the generated code
// in json_gen.go drives. The reader works on one string holding the whole
// document, so a decoded string without escapes is a substring of it and
// costs no allocation; the scalars behind the SDK's pointer members come from
// a slab, a few allocations for all of them.

// pathElem is one step of the path to the value being decoded: a member
// name, a list index, or a map key.
type pathElem struct {
	name  string
	index int
	kind  uint8
}

const (
	pathMember uint8 = iota
	pathIndex
	pathKey
)

// decoder reads one JSON document. After the first error it stops reading:
// every later call returns a zero value.
type decoder struct {
	src   string
	pos   int
	depth int
	err   *DecodeError
	path  [MaxDepth + 1]pathElem
	npath int
	slab  slab
}

func (d *decoder) init(src string) {
	d.src, d.pos, d.depth, d.err, d.npath = src, 0, 0, nil, 0
}

// fail records the first error at the current position and path.
func (d *decoder) fail(kind error, msg string) {
	if d.err != nil {
		return
	}
	d.err = &DecodeError{Path: d.pathString(), Offset: int64(d.pos), Kind: kind, Msg: msg}
	d.pos = len(d.src)
}

func (d *decoder) pathString() string {
	var b []byte
	for _, e := range d.path[:d.npath] {
		b = appendPathStep(b, e.kind, e.name, e.index)
	}
	return string(b)
}

func (d *decoder) push(e pathElem) {
	if d.npath < len(d.path) {
		d.path[d.npath] = e
	}
	d.npath++
}

// enter, enterIndex and enterKey extend the path for the value that follows;
// leave undoes the last of them.
func (d *decoder) enter(name string)      { d.push(pathElem{name: name, kind: pathMember}) }
func (d *decoder) enterIndex(i int)       { d.push(pathElem{index: i, kind: pathIndex}) }
func (d *decoder) enterKey(key string)    { d.push(pathElem{name: key, kind: pathKey}) }
func (d *decoder) leave()                 { d.npath-- }
func isSpace(c byte) bool                 { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }
func (d *decoder) errTypeMsg(want string) { d.fail(ErrType, "expected "+want+", found "+d.describe()) }

func (d *decoder) ws() {
	for d.pos < len(d.src) && isSpace(d.src[d.pos]) {
		d.pos++
	}
}

// describe names the JSON token at the current position, for messages.
func (d *decoder) describe() string {
	if d.pos >= len(d.src) {
		return "end of input"
	}
	switch c := d.src[d.pos]; {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "number"
	default:
		return strconv.QuoteRune(rune(c))
	}
}

// null consumes a JSON null and reports whether there was one.
func (d *decoder) null() bool {
	d.ws()
	if len(d.src)-d.pos >= 4 && d.src[d.pos:d.pos+4] == "null" {
		d.pos += 4
		return true
	}
	return false
}

func (d *decoder) literal(word string) bool {
	if len(d.src)-d.pos >= len(word) && d.src[d.pos:d.pos+len(word)] == word {
		d.pos += len(word)
		return true
	}
	d.fail(ErrSyntax, "invalid literal")
	return false
}

func (d *decoder) descend() bool {
	d.depth++
	if d.depth > MaxDepth {
		d.fail(ErrTooDeep, "nested deeper than "+strconv.Itoa(MaxDepth)+" levels")
		return false
	}
	return true
}

// openObject consumes '{'. It returns false for null (the member is absent)
// and after an error.
func (d *decoder) openObject() bool {
	if d.null() || d.err != nil {
		return false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '{' {
		d.errTypeMsg("object")
		return false
	}
	d.pos++
	return d.descend()
}

// firstKey and nextKey walk an object's members: they return the next key,
// with its colon consumed, or false at the closing brace.
func (d *decoder) firstKey() (string, bool) {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return "", false
	}
	return d.key()
}

func (d *decoder) nextKey() (string, bool) {
	d.ws()
	if d.pos >= len(d.src) {
		d.fail(ErrSyntax, "unexpected end of input in object")
		return "", false
	}
	switch d.src[d.pos] {
	case '}':
		d.pos++
		d.depth--
		return "", false
	case ',':
		d.pos++
		d.ws()
		return d.key()
	}
	d.fail(ErrSyntax, "expected ',' or '}' after object member")
	return "", false
}

func (d *decoder) key() (string, bool) {
	if d.pos >= len(d.src) || d.src[d.pos] != '"' {
		d.fail(ErrSyntax, "expected a member name")
		return "", false
	}
	k, ok := d.str()
	if !ok {
		return "", false
	}
	d.ws()
	if d.pos >= len(d.src) || d.src[d.pos] != ':' {
		d.fail(ErrSyntax, "expected ':' after member name")
		return "", false
	}
	d.pos++
	return k, true
}

// openArray consumes '['; it returns false for null and after an error.
func (d *decoder) openArray() bool {
	if d.null() || d.err != nil {
		return false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '[' {
		d.errTypeMsg("array")
		return false
	}
	d.pos++
	return d.descend()
}

// more reports whether the array has an element at index i, consuming the
// comma before it or the closing bracket after the last one.
func (d *decoder) more(i int) bool {
	d.ws()
	if d.pos >= len(d.src) {
		d.fail(ErrSyntax, "unexpected end of input in array")
		return false
	}
	c := d.src[d.pos]
	if c == ']' {
		d.pos++
		d.depth--
		return false
	}
	if i == 0 {
		return true
	}
	if c != ',' {
		d.fail(ErrSyntax, "expected ',' or ']' after array element")
		return false
	}
	d.pos++
	return true
}

// str reads a JSON string at the current position (which must be '"').
// Without escapes the result is a substring of the document.
func (d *decoder) str() (string, bool) {
	start := d.pos + 1
	i := start
	for i < len(d.src) {
		c := d.src[i]
		if c == '"' {
			d.pos = i + 1
			return d.src[start:i], true
		}
		if c == '\\' {
			return d.unescape(start)
		}
		if c < 0x20 {
			d.pos = i
			d.fail(ErrSyntax, "control character in string")
			return "", false
		}
		i++
	}
	d.pos = i
	d.fail(ErrSyntax, "unexpected end of input in string")
	return "", false
}

// unescape decodes a string with escapes that starts at src[start].
func (d *decoder) unescape(start int) (string, bool) {
	buf := make([]byte, 0, 32)
	i := start
	for i < len(d.src) {
		c := d.src[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(buf), true
		case c < 0x20:
			d.pos = i
			d.fail(ErrSyntax, "control character in string")
			return "", false
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(d.src) {
			break
		}
		i++
		switch e := d.src[i]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := hex4(d.src, i+1)
			if !ok {
				d.pos = i
				d.fail(ErrSyntax, "invalid \\u escape")
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(d.src, i+3); ok && i+2 < len(d.src) && d.src[i+1] == '\\' && d.src[i+2] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.pos = i
			d.fail(ErrSyntax, "invalid escape character "+strconv.QuoteRune(rune(e)))
			return "", false
		}
		i++
	}
	d.pos = len(d.src)
	d.fail(ErrSyntax, "unexpected end of input in string")
	return "", false
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a JSON number token and returns its text.
func (d *decoder) number() (string, bool) {
	start := d.pos
	i := start
	if i < len(d.src) && d.src[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d.src) && d.src[i] >= '0' && d.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intStart := i
	if n := digits(); n == 0 || n > 1 && d.src[intStart] == '0' {
		d.pos = start
		d.fail(ErrSyntax, "invalid number")
		return "", false
	}
	if i < len(d.src) && d.src[i] == '.' {
		i++
		if digits() == 0 {
			d.pos = start
			d.fail(ErrSyntax, "invalid number")
			return "", false
		}
	}
	if i < len(d.src) && (d.src[i] == 'e' || d.src[i] == 'E') {
		i++
		if i < len(d.src) && (d.src[i] == '+' || d.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.pos = start
			d.fail(ErrSyntax, "invalid number")
			return "", false
		}
	}
	d.pos = i
	return d.src[start:i], true
}

// skipValue passes over one value of any kind, checking its syntax and
// depth but keeping nothing.
func (d *decoder) skipValue() {
	d.ws()
	if d.pos >= len(d.src) {
		d.fail(ErrSyntax, "unexpected end of input, expected a value")
		return
	}
	switch c := d.src[d.pos]; {
	case c == '{':
		d.pos++
		if !d.descend() {
			return
		}
		for _, ok := d.firstKey(); ok; _, ok = d.nextKey() {
			d.skipValue()
		}
	case c == '[':
		d.pos++
		if !d.descend() {
			return
		}
		for i := 0; d.more(i); i++ {
			d.skipValue()
		}
	case c == '"':
		d.skipString()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		d.number()
	default:
		d.fail(ErrSyntax, "invalid character "+strconv.QuoteRune(rune(c))+" looking for a value")
	}
}

// skipString passes over a string without decoding its escapes.
func (d *decoder) skipString() {
	i := d.pos + 1
	for i < len(d.src) {
		switch c := d.src[i]; {
		case c == '"':
			d.pos = i + 1
			return
		case c == '\\':
			i += 2
			continue
		case c < 0x20:
			d.pos = i
			d.fail(ErrSyntax, "control character in string")
			return
		}
		i++
	}
	d.pos = len(d.src)
	d.fail(ErrSyntax, "unexpected end of input in string")
}

// stringValue reads a string member; null reads as "".
func (d *decoder) stringValue() string {
	if d.null() || d.err != nil {
		return ""
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '"' {
		d.errTypeMsg("string")
		return ""
	}
	s, _ := d.str()
	return s
}

func (d *decoder) stringPtr() *string {
	if d.null() || d.err != nil {
		return nil
	}
	s := d.stringValue()
	if d.err != nil {
		return nil
	}
	return d.slab.string(s)
}

// integer reads an integer that fits in bits bits. null reads as 0.
func (d *decoder) integer(bits int) (int64, bool) {
	if d.null() || d.err != nil {
		return 0, false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '-' && (d.src[d.pos] < '0' || d.src[d.pos] > '9') {
		d.errTypeMsg("integer")
		return 0, false
	}
	start := d.pos
	tok, ok := d.number()
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(tok, 10, bits)
	if err != nil {
		d.pos = start
		d.fail(ErrType, "expected an integer of "+strconv.Itoa(bits)+" bits, found "+tok)
		return 0, false
	}
	return v, true
}

func (d *decoder) int32Value() int32 {
	v, _ := d.integer(32)
	return int32(v)
}

func (d *decoder) int64Value() int64 {
	v, _ := d.integer(64)
	return v
}

func (d *decoder) int32Ptr() *int32 {
	v, ok := d.integer(32)
	if !ok {
		return nil
	}
	return d.slab.int32(int32(v))
}

func (d *decoder) int64Ptr() *int64 {
	v, ok := d.integer(64)
	if !ok {
		return nil
	}
	return d.slab.int64(v)
}

// boolean reads true or false; null reads as false, reported as absent.
func (d *decoder) boolean() (bool, bool) {
	if d.null() || d.err != nil {
		return false, false
	}
	if d.pos < len(d.src) {
		switch d.src[d.pos] {
		case 't':
			return d.literal("true"), true
		case 'f':
			d.literal("false")
			return false, d.err == nil
		}
	}
	d.errTypeMsg("boolean")
	return false, false
}

func (d *decoder) boolValue() bool {
	v, _ := d.boolean()
	return v
}

func (d *decoder) boolPtr() *bool {
	v, ok := d.boolean()
	if !ok {
		return nil
	}
	return d.slab.bool(v)
}

// float32Ptr reads a number, or one of the strings "NaN", "Infinity" and
// "-Infinity" that the AWS JSON protocol uses for non-finite values.
func (d *decoder) float32Ptr() *float32 {
	if d.null() || d.err != nil {
		return nil
	}
	start := d.pos
	var f float64
	switch {
	case d.pos < len(d.src) && d.src[d.pos] == '"':
		s, _ := d.str()
		switch s {
		case "NaN":
			f = math.NaN()
		case "Infinity":
			f = math.Inf(1)
		case "-Infinity":
			f = math.Inf(-1)
		default:
			d.pos = start
			d.fail(ErrType, "expected a number, found string "+strconv.Quote(s))
			return nil
		}
	case d.pos < len(d.src) && (d.src[d.pos] == '-' || d.src[d.pos] >= '0' && d.src[d.pos] <= '9'):
		tok, ok := d.number()
		if !ok {
			return nil
		}
		v, err := strconv.ParseFloat(tok, 32)
		if err != nil {
			d.pos = start
			d.fail(ErrType, "number out of range for a 32-bit float: "+tok)
			return nil
		}
		f = v
	default:
		d.errTypeMsg("number")
		return nil
	}
	return d.slab.float32(float32(f))
}

// timeValue reads a timestamp in any of the forms described on Unmarshal.
// null reads as the zero time.
func (d *decoder) timeValue() (time.Time, bool) {
	if d.null() || d.err != nil {
		return time.Time{}, false
	}
	start := d.pos
	var t time.Time
	var err string
	switch {
	case d.pos < len(d.src) && d.src[d.pos] == '"':
		s, ok := d.str()
		if !ok {
			return time.Time{}, false
		}
		t, err = parseTimeString(s)
	case d.pos < len(d.src) && (d.src[d.pos] == '-' || d.src[d.pos] >= '0' && d.src[d.pos] <= '9'):
		tok, ok := d.number()
		if !ok {
			return time.Time{}, false
		}
		t, err = parseEpoch(tok)
	default:
		d.errTypeMsg("timestamp")
		return time.Time{}, false
	}
	if err != "" {
		d.pos = start
		d.fail(ErrTimestamp, err)
		return time.Time{}, false
	}
	return t, true
}

func (d *decoder) timePtr() *time.Time {
	t, ok := d.timeValue()
	if !ok {
		return nil
	}
	return d.slab.time(t)
}

// stringList reads a list of strings; null leaves it absent.
func (d *decoder) stringList() []string {
	if !d.openArray() {
		return nil
	}
	out := []string{}
	for i := 0; d.more(i); i++ {
		d.enterIndex(i)
		out = append(out, d.stringValue())
		d.leave()
	}
	return out
}

// stringMap reads an object of string values; null leaves it absent.
func (d *decoder) stringMap() map[string]string {
	if !d.openObject() {
		return nil
	}
	out := map[string]string{}
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		d.enterKey(k)
		out[k] = d.stringValue()
		d.leave()
	}
	return out
}

// decodeList reads a list of structures with elem; null leaves it absent
// and [] gives an empty, non-nil slice.
func decodeList[T any](d *decoder, elem func(*decoder, *T)) []T {
	if !d.openArray() {
		return nil
	}
	out := []T{}
	for i := 0; d.more(i); i++ {
		var zero T
		out = append(out, zero)
		d.enterIndex(i)
		elem(d, &out[i])
		d.leave()
	}
	return out
}

// decodeTags reads a tag list, either as the API writes it, a list of
// {"Key": ..., "Value": ...} objects, or as EventBridge events write it, one
// object whose members are the tags (sorted by key here, for a stable order).
func decodeTags(d *decoder) []types.Tag {
	d.ws()
	if d.pos >= len(d.src) || d.src[d.pos] != '{' {
		return decodeList(d, decodeTag)
	}
	m := d.stringMap()
	if d.err != nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]types.Tag, len(keys))
	for i, k := range keys {
		v := m[k]
		out[i] = types.Tag{Key: d.slab.string(k), Value: d.slab.string(v)}
	}
	return out
}

// decodePtr reads a structure with f into a new value; null leaves it nil.
func decodePtr[T any](d *decoder, f func(*decoder, *T)) *T {
	d.ws()
	if d.null() || d.err != nil {
		return nil
	}
	v := new(T)
	f(d, v)
	if d.err != nil {
		return nil
	}
	return v
}

// slab hands out pointers to scalars from shared chunks, so that the many
// *string and *int32 members of the SDK's types cost a few allocations in
// all rather than one each.
type slab struct {
	strings  []string
	int32s   []int32
	int64s   []int64
	bools    []bool
	float32s []float32
	times    []time.Time
}

const slabChunk = 64

func slabNext[T any](chunk *[]T, v T) *T {
	if len(*chunk) == cap(*chunk) {
		*chunk = make([]T, 0, slabChunk)
	}
	*chunk = append(*chunk, v)
	return &(*chunk)[len(*chunk)-1]
}

func (s *slab) string(v string) *string     { return slabNext(&s.strings, v) }
func (s *slab) int32(v int32) *int32        { return slabNext(&s.int32s, v) }
func (s *slab) int64(v int64) *int64        { return slabNext(&s.int64s, v) }
func (s *slab) bool(v bool) *bool           { return slabNext(&s.bools, v) }
func (s *slab) float32(v float32) *float32  { return slabNext(&s.float32s, v) }
func (s *slab) time(v time.Time) *time.Time { return slabNext(&s.times, v) }

// encoder writes the service's JSON form into buf.
type encoder struct {
	buf []byte
	err error
}

// begin opens an object and returns the mark that key uses to place commas.
func (e *encoder) begin() int {
	e.buf = append(e.buf, '{')
	return len(e.buf)
}

func (e *encoder) end() { e.buf = append(e.buf, '}') }

// key writes a member name given already quoted with its colon, preceded by
// a comma unless it is the object's first member.
func (e *encoder) key(mark int, quotedKey string) {
	if len(e.buf) > mark {
		e.buf = append(e.buf, ',')
	}
	e.buf = append(e.buf, quotedKey...)
}

func (e *encoder) string(s string) { e.buf = appendJSONString(e.buf, s) }
func (e *encoder) int32(v int32)   { e.buf = strconv.AppendInt(e.buf, int64(v), 10) }
func (e *encoder) int64(v int64)   { e.buf = strconv.AppendInt(e.buf, v, 10) }
func (e *encoder) bool(v bool)     { e.buf = strconv.AppendBool(e.buf, v) }

// float32 writes v as a JSON number, or as the AWS JSON protocol's string
// for NaN and the infinities.
func (e *encoder) float32(v float32) {
	f := float64(v)
	switch {
	case math.IsNaN(f):
		e.buf = append(e.buf, `"NaN"`...)
	case math.IsInf(f, 1):
		e.buf = append(e.buf, `"Infinity"`...)
	case math.IsInf(f, -1):
		e.buf = append(e.buf, `"-Infinity"`...)
	default:
		format := byte('f')
		if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
			format = 'e'
		}
		e.buf = strconv.AppendFloat(e.buf, f, format, -1, 32)
	}
}

// time writes t as epoch seconds with a millisecond fraction, the service's
// form; digits beyond the millisecond are dropped.
func (e *encoder) time(t time.Time) {
	if !inEpochRange(t) && e.err == nil {
		e.err = fmt.Errorf("trainingjob: cannot write time %s: the wire format holds times from 1970 to 5138", t.Format(time.RFC3339Nano))
	}
	e.buf = appendEpoch(e.buf, t)
}

func (e *encoder) stringList(list []string) {
	e.buf = append(e.buf, '[')
	for i, s := range list {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.string(s)
	}
	e.buf = append(e.buf, ']')
}

// stringMap writes m with its keys sorted, so the output is deterministic.
func (e *encoder) stringMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	mark := e.begin()
	for _, k := range keys {
		if len(e.buf) > mark {
			e.buf = append(e.buf, ',')
		}
		e.string(k)
		e.buf = append(e.buf, ':')
		e.string(m[k])
	}
	e.end()
}

func appendList[T any](e *encoder, list []T, elem func(*encoder, *T)) {
	e.buf = append(e.buf, '[')
	for i := range list {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		elem(e, &list[i])
	}
	e.buf = append(e.buf, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s for JSON. Each invalid UTF-8 byte becomes the
// character U+FFFD, written as itself, so the output is always valid JSON and
// writing it again after reading it back gives the same bytes.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, string(utf8.RuneError)...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// timeOrZero reads a timestamp member of the package's own structs, where
// the zero time stands for absent.
func (d *decoder) timeOrZero() time.Time {
	t, _ := d.timeValue()
	return t
}
