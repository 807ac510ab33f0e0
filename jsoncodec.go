package trainingjob

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// This file holds the small JSON reader and writer that the generated code
// in json_gen.go drives. The reader works on one string holding the whole
// document. For Unmarshal, UnmarshalJSON and ReadDocument that string is a
// read-only view of the caller's bytes, not a copy, so nothing the result
// keeps may point into it: every string the result keeps is copied into
// the decoder's text buffer (strings with escapes are decoded straight into
// it) and is a substring of it, a few allocations for all of a document's
// strings. Member names and the other strings that are only looked at are
// read in place. The scalars behind the SDK's pointer members come from a
// slab, a few allocations for all of them, and the structures nearly every
// job points to from one block (jobBlock in json_gen.go). A result thus
// keeps alive no more than what it holds, give or take the unused rest of
// a chunk or block.
//
// The decoder itself lives on its caller's stack: nothing it is handed to
// keeps it (the generated code calls functions directly, never through func
// values), so a decode allocates only what the result holds.

// pathElem is one step of the path to the value being decoded: a member
// name, a list index, or a map key. A name or key is kept as the offset of
// its opening quote in the document and decoded again only to report an
// error, so that the path holds no pointers: pushing it costs no write
// barrier and no string header copy on the hot path.
type pathElem struct {
	at   int // key offset (pathMember, pathKey) or index (pathIndex)
	kind uint8
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
	keyAt int // offset of the opening quote of the last member name read
	err   *DecodeError
	npath int
	slab  slab
	// text holds the strings the result keeps, one after another; each is
	// a string view of its bytes (see textFrom). Bytes once written are
	// never written again: later strings are appended after them, and when
	// text is full a new buffer takes its place (see reserve), the strings
	// written before keeping the old one alive.
	text []byte
	path [MaxDepth + 1]pathElem
}

// viewOf returns a string that shares data's memory, so that the decoder
// reads data without copying it. Only a decode that ends before its caller
// returns may read the view, and nothing it returns may point into it
// (see keptStr): the caller is free to change data afterwards.
func viewOf(data []byte) string { return unsafe.String(unsafe.SliceData(data), len(data)) }

func (d *decoder) init(src string) {
	d.src, d.pos, d.depth, d.err, d.npath = src, 0, 0, nil, 0
	d.slab.size(len(src))
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
	for _, e := range d.path[:min(d.npath, len(d.path))] {
		switch e.kind {
		case pathIndex:
			b = appendPathStep(b, e.kind, "", e.at)
		default:
			b = appendPathStep(b, e.kind, d.keyAtOffset(e.at), 0)
		}
	}
	return string(b)
}

// keyAtOffset decodes again the member name whose opening quote is at
// offset at; it was decoded once already, so it is well-formed.
func (d *decoder) keyAtOffset(at int) string {
	k := decoder{src: d.src, pos: at}
	s, _ := k.str()
	return s
}

func (d *decoder) push(e pathElem) {
	if d.npath < len(d.path) {
		d.path[d.npath] = e
	}
	d.npath++
}

// enter, enterAt, enterIndex and enterKey extend the path for the value
// that follows: enter and enterKey with the member name or map key just
// read, enterAt with the member name read at offset at; leave undoes the
// last of them.
func (d *decoder) enter()           { d.push(pathElem{at: d.keyAt, kind: pathMember}) }
func (d *decoder) enterAt(at int)   { d.push(pathElem{at: at, kind: pathMember}) }
func (d *decoder) enterIndex(i int) { d.push(pathElem{at: i, kind: pathIndex}) }
func (d *decoder) enterKey()        { d.push(pathElem{at: d.keyAt, kind: pathKey}) }
func (d *decoder) leave()           { d.npath-- }

// errTypeMsg reports that the value at the current position is not of the
// wanted kind, naming the kind found. A position that holds no JSON value
// at all (the end of the input, a stray character, a misspelt literal) is
// a syntax error rather than a type error, so it is reported as ErrSyntax.
func (d *decoder) errTypeMsg(want string) {
	if d.pos >= len(d.src) {
		d.fail(ErrSyntax, "unexpected end of input, expected "+want)
		return
	}
	var found string
	switch c := d.src[d.pos]; {
	case c == '{':
		found = "object"
	case c == '[':
		found = "array"
	case c == '"':
		found = "string"
	case c == '-' || c >= '0' && c <= '9':
		found = "number"
	case c == 't' && d.hasLiteral("true"), c == 'f' && d.hasLiteral("false"):
		found = "boolean"
	case c == 'n' && d.hasLiteral("null"):
		found = "null"
	case c == 't' || c == 'f' || c == 'n':
		d.fail(ErrSyntax, "invalid literal")
		return
	default:
		d.fail(ErrSyntax, "invalid character "+strconv.QuoteRune(rune(c))+" looking for a value")
		return
	}
	d.fail(ErrType, "expected "+want+", found "+found)
}

// hasLiteral reports whether word starts at the current position.
func (d *decoder) hasLiteral(word string) bool {
	return len(d.src)-d.pos >= len(word) && d.src[d.pos:d.pos+len(word)] == word
}

// ws skips white space. The common cases, no white space at all (compact
// documents) or a token right after it, cost one comparison here.
func (d *decoder) ws() {
	if d.pos < len(d.src) && d.src[d.pos] > ' ' {
		return
	}
	d.skipSpace()
}

func (d *decoder) skipSpace() {
	s, i := d.src, d.pos
	for i < len(s) {
		c := s[i]
		if c > ' ' {
			break
		}
		if c == '\n' {
			// Indentation: the spaces after the newline, eight bytes at a
			// time, up to the first byte that is not a space.
			i++
			for i+8 <= len(s) {
				if x := load64(s, i) ^ allSpaces; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					break
				}
				i += 8
			}
			continue
		}
		if c != ' ' && c != '\r' && c != '\t' {
			break
		}
		i++
	}
	d.pos = i
}

// Words of eight bytes, for scanning eight bytes at a time.
const (
	lsbs      = 0x0101010101010101
	msbs      = 0x8080808080808080
	allSpaces = lsbs * ' '
)

// load64 returns the eight bytes of s from i as one little-endian word; the
// compiler turns it into a single load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// stringSpecials returns a word whose byte k has its top bit set when byte
// k of w is the first quote, backslash or control character of w (the
// bytes that end the fast scan of a string); later bytes may be marked too,
// or it is zero when w has none. (x-lsbs)&^x&msbs marks the zero bytes of x
// and (w-lsbs*0x20)&^w&msbs the bytes of w below 0x20; a borrow only
// carries upwards from a marked byte, so the lowest mark is always exact.
func stringSpecials(w uint64) uint64 {
	q := w ^ (lsbs * '"')
	b := w ^ (lsbs * '\\')
	return ((q-lsbs)&^q | (b-lsbs)&^b | (w-lsbs*0x20)&^w) & msbs
}

// plainRun returns the index of the first quote, backslash or control
// character of s at or after i, reading eight bytes at a time; when fewer
// than eight bytes remain it stops early, at the first of them.
func plainRun(s string, i int) int {
	for i+8 <= len(s) {
		if m := stringSpecials(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	return i
}

// null consumes a JSON null and reports whether there was one. The usual
// answer, a value that is not null right at the current position, is given
// without a call.
func (d *decoder) null() bool {
	if d.pos < len(d.src) && notNullStart[d.src[d.pos]] {
		return false
	}
	return d.nullSlow()
}

// notNullStart tells the bytes that can start a value other than null.
var notNullStart = func() (t [256]bool) {
	for c := '!'; c <= 0xff; c++ {
		t[c] = c != 'n'
	}
	return t
}()

func (d *decoder) nullSlow() bool {
	d.ws()
	if d.hasLiteral("null") {
		d.pos += 4
		return true
	}
	return false
}

func (d *decoder) literal(word string) bool {
	if d.hasLiteral(word) {
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

// firstMember and nextMember are firstKey and nextKey for the generated
// decoders, which know their structure's members. keys holds each member's
// name as it stands in a document, quoted and followed by its colon, in the
// order the service writes them; prev is the index in keys of the member
// just read (-1 for none or an unknown one). When the member after prev is
// the one that comes, a single comparison recognises it, and they return its
// index and no name. Otherwise they read the name in full and return -1
// with the name, for the caller to look up. Either way the name's offset is
// kept for the path, as key keeps it.
func (d *decoder) firstMember(keys []string) (int, string, bool) {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return -1, "", false
	}
	return d.member(keys, 0)
}

func (d *decoder) nextMember(keys []string, prev int) (int, string, bool) {
	// The common layouts first: a comma right after the value and the next
	// name right after it (compact documents) or after a newline and
	// spaces (indented ones), the expected member most often.
	if s, pos := d.src, d.pos; pos+1 < len(s) && s[pos] == ',' {
		at := pos + 1
		if s[at] == '\n' {
			// The same loop as skipSpace's, written out again: it does not
			// fit the inliner's budget as a function, and the call would cost
			// about 4% of decoding an indented document.
			at++
			for at+8 <= len(s) {
				if x := load64(s, at) ^ allSpaces; x != 0 {
					at += bits.TrailingZeros64(x) >> 3
					break
				}
				at += 8
			}
		}
		if at < len(s) && s[at] == '"' {
			g := prev + 1
			if g < len(keys) {
				k := keys[g]
				if end := at + len(k); end <= len(s) && s[at:end] == k {
					d.keyAt = at
					if end < len(s) && s[end] == ' ' {
						end++
					}
					d.pos = end
					return g, "", true
				}
			}
			d.pos = at
			return d.member(keys, g+1)
		}
	}
	d.ws()
	if d.pos >= len(d.src) {
		d.fail(ErrSyntax, "unexpected end of input in object")
		return -1, "", false
	}
	switch d.src[d.pos] {
	case '}':
		d.pos++
		d.depth--
		return -1, "", false
	case ',':
		d.pos++
		d.ws()
		return d.member(keys, prev+1)
	}
	d.fail(ErrSyntax, "expected ',' or '}' after object member")
	return -1, "", false
}

// memberLookahead is how many members member tries, from the expected
// one on: optional members are often absent, and a member a few places
// further on is still cheaper to recognise than to read and look up.
const memberLookahead = 4

// member reads a member name and its colon, trying the keys from
// keys[guess] on first.
func (d *decoder) member(keys []string, guess int) (int, string, bool) {
	if d.pos+1 < len(d.src) {
		first := d.src[d.pos+1]
		for i := guess; i < len(keys) && i < guess+memberLookahead; i++ {
			k := keys[i]
			if k[1] != first {
				continue
			}
			if end := d.pos + len(k); end <= len(d.src) && d.src[d.pos:end] == k {
				d.keyAt = d.pos
				d.pos = end
				if end < len(d.src) && d.src[end] == ' ' {
					d.pos++
				}
				return i, "", true
			}
		}
	}
	k, ok := d.key()
	return -1, k, ok
}

func (d *decoder) key() (string, bool) {
	if d.pos >= len(d.src) || d.src[d.pos] != '"' {
		d.fail(ErrSyntax, "expected a member name")
		return "", false
	}
	d.keyAt = d.pos
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
	// The one space an indented document puts after the colon, so that
	// the value's reader meets its first byte straight away.
	if d.pos < len(d.src) && d.src[d.pos] == ' ' {
		d.pos++
	}
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
	d.ws() // so that the element's reader meets its first byte straight away
	return true
}

// str reads a JSON string at the current position (which must be '"').
// Without escapes the result is a substring of the document.
func (d *decoder) str() (string, bool) {
	start := d.pos + 1
	i := plainRun(d.src, start)
	for i < len(d.src) {
		c := d.src[i]
		if c == '"' {
			d.pos = i + 1
			return d.src[start:i], true
		}
		if c == '\\' {
			return d.unescape(start, i)
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

// keptStr reads a JSON string at the current position (which must be '"')
// that the result keeps: a copy in d.text, never a substring of the
// document. A string str decoded from escapes is in d.text already, and
// is told apart by its length: every escape is longer than what it
// stands for, so only a string without escapes is as long as its span in
// the document.
func (d *decoder) keptStr() (string, bool) {
	start := d.pos + 1
	if i := plainRun(d.src, start); i < len(d.src) && d.src[i] == '"' {
		// The usual string, without escapes, found in one scan.
		d.pos = i + 1
		return d.keep(d.src[start:i]), true
	}
	s, ok := d.str()
	if !ok || len(s) != d.pos-1-start {
		return s, ok
	}
	return d.keep(s), true
}

// keep returns a copy of s in d.text.
func (d *decoder) keep(s string) string {
	if s == "" {
		return ""
	}
	d.reserve(len(s))
	base := len(d.text)
	d.text = append(d.text, s...)
	return d.textFrom(base)
}

// textFrom returns the bytes of d.text from base on as a string that
// shares their memory, which is safe because they are never written again.
func (d *decoder) textFrom(base int) string {
	if base == len(d.text) {
		return ""
	}
	return unsafe.String(&d.text[base], len(d.text)-base)
}

// reserve makes room for n more bytes in d.text. Rather than let the
// buffer grow by copying what it holds, which the strings already handed
// out would keep alive twice, it starts a new buffer, sized for n bytes
// and a share of what the document has left: in the service's documents
// the strings kept are about a third of the bytes.
func (d *decoder) reserve(n int) {
	if cap(d.text)-len(d.text) >= n {
		return
	}
	d.text = make([]byte, 0, max(n, (len(d.src)-d.pos)/textShare, textMinChunk))
}

// room makes room in d.text for n more bytes of the string being decoded
// into it from base on and returns where that string now starts. When the
// buffer is full it moves only that string to a new buffer, so that the
// strings handed out before it are not copied along and kept alive twice.
func (d *decoder) room(base, n int) int {
	if cap(d.text)-len(d.text) >= n {
		return base
	}
	return d.moveText(base, n)
}

func (d *decoder) moveText(base, n int) int {
	part := d.text[base:]
	text := make([]byte, len(part), max(2*len(part)+n, textMinChunk))
	copy(text, part)
	d.text = text
	return 0
}

// Sizing of the text buffers: a new one has room for the string at hand,
// and at least a textShare'th of the bytes left or textMinChunk bytes.
const (
	textShare    = 3
	textMinChunk = 64
)

// unescape decodes a string with escapes that starts at src[start] into
// d.text. Its length is not known in advance: when it outgrows the room
// left, room moves what has been decoded of it to a new buffer, leaving the
// strings already handed out where they were.
func (d *decoder) unescape(start, i int) (string, bool) {
	d.reserve(min(len(d.src)-start, textMinChunk))
	base := len(d.text)
	run := start // src[run:i] is yet to be written
	for i < len(d.src) {
		i = plainRun(d.src, i)
		if i == len(d.src) {
			break
		}
		c := d.src[i]
		switch {
		case c == '"':
			base = d.room(base, i-run)
			d.text = append(d.text, d.src[run:i]...)
			d.pos = i + 1
			return d.textFrom(base), true
		case c < 0x20:
			d.pos = i
			d.fail(ErrSyntax, "control character in string")
			return "", false
		case c != '\\':
			i++
			continue
		}
		// Room for the plain run and what the escape stands for, at most
		// utf8.UTFMax bytes.
		base = d.room(base, i-run+utf8.UTFMax)
		d.text = append(d.text, d.src[run:i]...)
		if i+1 >= len(d.src) {
			break
		}
		i++
		switch e := d.src[i]; e {
		case '"', '\\', '/':
			d.text = append(d.text, e)
		case 'b':
			d.text = append(d.text, '\b')
		case 'f':
			d.text = append(d.text, '\f')
		case 'n':
			d.text = append(d.text, '\n')
		case 'r':
			d.text = append(d.text, '\r')
		case 't':
			d.text = append(d.text, '\t')
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
			d.text = utf8.AppendRune(d.text, r)
		default:
			d.pos = i
			d.fail(ErrSyntax, "invalid escape character "+strconv.QuoteRune(rune(e)))
			return "", false
		}
		i++
		run = i
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
	i := plainRun(d.src, d.pos+1)
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

// stringValue reads a string; null reads as "". A string is looked for
// first, being what the member almost always holds. After an error d.pos
// is at the end of the input, so nothing more is read.
func (d *decoder) stringValue() string {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '"' {
		s, _ := d.keptStr()
		return s
	}
	if !d.null() && d.err == nil {
		d.errTypeMsg("string")
	}
	return ""
}

// stringPtr reads a string into a pointer from the slab; null reads as
// nil.
func (d *decoder) stringPtr() *string {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '"' {
		if s, ok := d.keptStr(); ok {
			return d.slab.string(s)
		}
		return nil
	}
	d.stringValue() // null, or the error
	return nil
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
	if v, ok := smallInt(tok); ok && (bits == 64 || v == int64(int32(v))) {
		return v, true
	}
	v, err := strconv.ParseInt(tok, 10, bits)
	if err != nil {
		d.pos = start
		d.fail(ErrType, "expected an integer of "+strconv.Itoa(bits)+" bits, found "+tok)
		return 0, false
	}
	return v, true
}

// smallInt converts a number token of at most 18 digits and no fraction or
// exponent (the grammar was checked by number); ok is false for any other.
func smallInt(tok string) (int64, bool) {
	neg := tok != "" && tok[0] == '-'
	digits := tok
	if neg {
		digits = tok[1:]
	}
	if digits == "" || len(digits) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
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
		if v, ok := d.float32Fast(); ok {
			return d.slab.float32(v)
		}
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

// pow10f32 holds the powers of ten that a float32 represents exactly.
var pow10f32 = [...]float32{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// float32Fast reads the common form of a metric value straight from the
// document: an optional minus sign, an integer part without leading zeros,
// an optional fraction of at most ten digits and no exponent, with at most
// 2^24 as the digits read as one integer. Such a number is that integer
// divided by a power of ten, both exact in a float32, so one division
// rounds it correctly, as strconv.ParseFloat does. For anything else it
// leaves the position alone and returns false.
func (d *decoder) float32Fast() (float32, bool) {
	s, i := d.src, d.pos
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' {
		return 0, false
	}
	var mant uint64
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 10 {
		mant = mant*10 + uint64(s[i]-'0')
		i++
	}
	if i-start > 1 && s[start] == '0' {
		return 0, false
	}
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-fs <= 10 {
			mant = mant*10 + uint64(s[i]-'0')
			i++
		}
		frac = i - fs
		if frac == 0 || frac > 10 {
			return 0, false
		}
	}
	if mant > 1<<24 || i < len(s) && (s[i] == 'e' || s[i] == 'E' || s[i] >= '0' && s[i] <= '9') {
		return 0, false
	}
	f := float32(mant) / pow10f32[frac]
	if neg {
		f = -f
	}
	d.pos = i
	return f, true
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
		if t, ok := d.epochFast(); ok {
			return t, true
		}
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

// epochFast reads the service's own form of a timestamp straight from the
// document: epoch seconds of 10 or 11 integer digits, or milliseconds of 12
// or 13, with an optional fraction, an optional exponent of at most three
// digits and at most 19 significant digits in all. It leaves the position
// alone and returns false for anything else (a sign, a malformed number),
// which the general path then reads or rejects; where it answers, it gives
// what parseEpoch gives.
func (d *decoder) epochFast() (time.Time, bool) {
	t, end, ok := scanEpoch(d.src, d.pos)
	if ok {
		d.pos = end
	}
	return t, ok
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
	l := listBuf[string]{start: d.pos}
	for i := 0; d.more(i); i++ {
		d.enterIndex(i)
		*l.next(d) = d.stringValue()
		d.leave()
	}
	return l.slice()
}

// stringMap reads an object of string values; null leaves it absent.
func (d *decoder) stringMap() map[string]string {
	if !d.openObject() {
		return nil
	}
	out := map[string]string{}
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		d.enterKey()
		out[d.keep(k)] = d.stringValue()
		d.leave()
	}
	return out
}

// listBufLen is how many elements of a list are collected on the stack
// before the list moves to the heap.
const listBufLen = 8

// listBuf collects the elements of a list being decoded: the first
// listBufLen in an array on the decoding function's stack, the rest in a
// slice, so that a short list costs one allocation of exactly its length.
// When a list outgrows the array, the slice is sized from the bytes the
// first elements took and the bytes left in the document, so that a long
// history is usually allocated once rather than grown step by step, and
// a list longer than the guess doubles; a guess that proves more than
// twice too large is cut to size at the end.
// The generated decoders of lists use it, setting start to the offset just
// after the opening bracket.
type listBuf[T any] struct {
	n     int
	start int
	heap  []T
	buf   [listBufLen]T
}

// listMaxGuess bounds the first capacity guessed for a list.
const listMaxGuess = 1 << 16

// next returns a zeroed element appended to the list; it stays valid until
// the next call.
func (l *listBuf[T]) next(d *decoder) *T {
	l.n++
	if l.n <= listBufLen {
		return &l.buf[l.n-1]
	}
	if l.heap == nil {
		c := 4 * listBufLen
		if used := d.pos - l.start; used > 0 {
			guess := listBufLen * (len(d.src) - l.start) / used
			c = min(max(c, guess+1), listMaxGuess)
		}
		l.heap = make([]T, listBufLen, c)
		copy(l.heap, l.buf[:])
	}
	if len(l.heap) == cap(l.heap) {
		// Double rather than let append grow by a quarter: a history of
		// a million entries then costs about twice its final size in all,
		// as one of a hundred thousand does.
		grown := make([]T, len(l.heap), 2*cap(l.heap))
		copy(grown, l.heap)
		l.heap = grown
	}
	l.heap = l.heap[:l.n]
	return &l.heap[l.n-1]
}

// slice returns the list, non-nil even when empty.
func (l *listBuf[T]) slice() []T {
	if l.heap != nil {
		if cap(l.heap) > 2*len(l.heap) {
			return slices.Clone(l.heap)
		}
		return l.heap
	}
	out := make([]T, l.n)
	copy(out, l.buf[:l.n])
	return out
}

// decodeTags reads a tag list, either as the API writes it, a list of
// {"Key": ..., "Value": ...} objects, or as EventBridge events write it, one
// object whose members are the tags (sorted by key here, for a stable order).
func decodeTags(d *decoder) []types.Tag {
	d.ws()
	if d.pos >= len(d.src) || d.src[d.pos] != '{' {
		return decodeTagList(d)
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

// slab hands out pointers to scalars from shared chunks, so that the many
// *string and *int32 members of the SDK's types cost a few allocations in
// all rather than one each. Chunks are sized from the document's length and
// grow as more are needed; a chunk is never shared between two results.
type slab struct {
	strings  slabChunk[string]
	int32s   slabChunk[int32]
	int64s   slabChunk[int64]
	bools    slabChunk[bool]
	float32s slabChunk[float32]
	times    slabChunk[time.Time]
}

// size sets the first chunk lengths for a document of n bytes: in the
// service's documents there is a pointer to a string about every 128 bytes,
// and far fewer of the other kinds. A document of seedMinDoc bytes or more
// gets the first chunk of every kind at once, in one slabSeed.
func (s *slab) size(n int) {
	s.strings.next = min(max(n/128, slabMinChunk), slabMaxChunk)
	other := min(max(n/1024, slabMinChunk), slabMaxChunk)
	s.int32s.next, s.int64s.next, s.bools.next, s.float32s.next, s.times.next = other, other, other, other, other
	if n >= seedMinDoc {
		seed := new(slabSeed)
		s.strings.free, s.int32s.free, s.int64s.free = seed.strings[:], seed.int32s[:], seed.int64s[:]
		s.bools.free, s.float32s.free, s.times.free = seed.bools[:], seed.float32s[:], seed.times[:]
	}
}

// seedMinDoc is the size from which a document gets a slabSeed.
const seedMinDoc = 4 << 10

func (s *slab) string(v string) *string     { return s.strings.get(v) }
func (s *slab) int32(v int32) *int32        { return s.int32s.get(v) }
func (s *slab) int64(v int64) *int64        { return s.int64s.get(v) }
func (s *slab) bool(v bool) *bool           { return s.bools.get(v) }
func (s *slab) float32(v float32) *float32  { return s.float32s.get(v) }
func (s *slab) time(v time.Time) *time.Time { return s.times.get(v) }

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
