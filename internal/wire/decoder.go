package wire

import (
	"math"
	"math/bits"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// This file holds the reader that the generated code in the root
// package's json_gen.go drives. The reader works on one string holding the
// whole document. For Unmarshal, UnmarshalJSON and ReadDocument that string
// is a read-only view of the caller's bytes (see viewString), not a copy,
// so nothing the result keeps may point into it: every string the result
// keeps is copied into the Decoder's text buffer (strings with escapes are
// decoded straight into it) and is a substring of it, a few allocations for
// all of a document's strings. Member names and the other strings that are
// only looked at are read in place (see readStringView). The scalars behind
// the SDK's pointer members come from a slab, a few allocations for all of
// them, and the structures nearly every job points to from one block
// (jobBlock in json_gen.go). A result thus keeps alive no more than what it
// holds, give or take the unused rest of a chunk or block.
//
// The Decoder itself lives on its caller's stack: nothing it is handed to
// keeps it (the generated code calls functions directly, never through func
// values), so a decode allocates only what the result holds.

// pathElem is one step of the path to the value being decoded: a member
// name, a list index, or a map key. A name or key is kept as the offset of
// its opening quote in the document and decoded again only to report an
// error, so that the path holds no pointers: pushing it costs no write
// barrier and no string header copy on the hot path.
type pathElem struct {
	at   int // key offset (PathMember, PathKey) or index (PathIndex)
	kind uint8
}

// Decoder reads one JSON document. After the first failure it stops
// reading: every later call returns a zero value, and Err returns the
// failure. A Decoder is meant to live on its caller's stack; its zero
// value holds an empty document, and Reset gives it one to read.
type Decoder struct {
	src   string
	pos   int
	depth int
	keyAt int // offset of the opening quote of the last member name read
	// emptyAbsent makes Empty consume empty objects and lists (see
	// SetEmptyAsAbsent).
	emptyAbsent bool
	err         *Error
	npath       int
	// budget is how many bytes of list, map and structure storage the
	// decode may still allocate (see Claim).
	budget int
	slab   slab
	// text holds the strings the result keeps, one after another; each is
	// a string view of its bytes (see viewText). Bytes once written are
	// never written again: later strings are appended after them, and when
	// text is full a new buffer takes its place (see reserve), the strings
	// written before keeping the old one alive.
	text []byte
	path [MaxDepth + 1]pathElem
}

// viewString returns a string that shares data's memory, so that the
// Decoder reads data without copying it. Only a decode that ends before its
// caller returns may read the view, and nothing it returns may point into
// it (see readStringCopy and copyToText): the caller is free to change data
// afterwards.
func viewString(data []byte) string { return unsafe.String(unsafe.SliceData(data), len(data)) }

// Reset makes d ready to read the document data from its start, forgetting
// any earlier document and failure. d reads data in place, through
// viewString, and copies every string the decoded values keep, so that
// nothing they hold points into data: data must not change until the
// decode is over, and may be reused as soon as it is.
func (d *Decoder) Reset(data []byte) { d.initString(viewString(data)) }

// initString makes d ready to read src; Reset and the package's tests call
// it.
func (d *Decoder) initString(src string) {
	d.src, d.pos, d.depth, d.keyAt, d.err, d.npath, d.text = src, 0, 0, 0, nil, 0, nil
	d.emptyAbsent = false
	d.budget = Budget(len(src))
	d.slab.size(len(src))
}

// Budget returns the bytes of list, map and structure storage that a
// decode of a document of n bytes may allocate: BudgetPerByte times n plus
// BudgetBase.
func Budget(n int) int { return BudgetPerByte*n + BudgetBase }

// Claim takes n bytes from the decode's budget before the caller allocates
// them, and reports whether they were there. When they were not, d fails
// with ErrTooLarge at the current position and path, and the caller must
// not allocate. Every allocation whose size is not a fixed share of the
// bytes it was read from is claimed: the storage of lists (ListBuf), of
// maps (StringMap), and the structures that decoding allocates (New). The
// strings kept, and the scalars behind pointers (the slab), take at most
// about twice the bytes they were read from and are not claimed.
func (d *Decoder) Claim(n int) bool {
	if d.err != nil {
		return false
	}
	if n <= d.budget {
		d.budget -= n
		return true
	}
	d.fail(ErrTooLarge, "decoding would allocate more than "+strconv.Itoa(Budget(len(d.src)))+
		" bytes, the limit for a document of "+strconv.Itoa(len(d.src))+" bytes")
	return false
}

// claimIfAffordable claims n bytes when the budget has them, and otherwise
// reports false without failing: for allocations that may be skipped.
func (d *Decoder) claimIfAffordable(n int) bool {
	if d.err != nil || n > d.budget {
		return false
	}
	d.budget -= n
	return true
}

// affordable returns want, cut down to as many elements of size bytes as
// the budget can pay for, but never below need (Claim then fails if even
// need is too many).
func (d *Decoder) affordable(want, need, size int) int {
	return max(min(want, d.budget/size), need)
}

// failTooMany records that a list or map has more than limit entries.
func (d *Decoder) failTooMany(limit int) {
	d.fail(ErrTooLarge, "more than "+strconv.Itoa(limit)+" entries, the most a list or map of this member may hold")
}

// New returns a new zero T for a decoder to fill, its size claimed from
// d's budget (see Claim), or nil after a failure, the claim's included.
func New[T any](d *Decoder) *T {
	var zero T
	if !d.Claim(max(int(unsafe.Sizeof(zero)), 1)) {
		return nil
	}
	return new(T)
}

// Failed reports whether d has met a failure; it is the cheap test the
// generated decoders make after reading a value.
func (d *Decoder) Failed() bool { return d.err != nil }

// Err returns the first failure, or nil.
func (d *Decoder) Err() *Error { return d.err }

// Pos returns the offset in the document of the next byte to read, or the
// document's length after a failure.
func (d *Decoder) Pos() int { return d.pos }

// Seek moves the reading position to offset pos, which the caller had from
// Pos, to read again or to skip what it has read another way. The nesting
// depth is left as it is.
func (d *Decoder) Seek(pos int) { d.pos = pos }

// Rewind goes back to the start of the document, at depth zero, to read it
// again after a look at its members (see FirstKey). A failure is kept.
func (d *Decoder) Rewind() {
	if d.err == nil {
		d.pos, d.depth = 0, 0
	}
}

// KeyAt returns the offset of the opening quote of the last member name
// read, for EnterAt.
func (d *Decoder) KeyAt() int { return d.keyAt }

// Finish checks that nothing but white space follows the value read, and
// returns the first failure, or nil.
func (d *Decoder) Finish() *Error {
	if d.err == nil {
		d.ws()
		if d.pos < len(d.src) {
			d.fail(ErrSyntax, "unexpected data after the document")
		}
	}
	return d.err
}

// fail records the first failure at the current position and path.
func (d *Decoder) fail(kind error, msg string) {
	if d.err != nil {
		return
	}
	d.err = &Error{Path: d.pathString(), Offset: int64(d.pos), Kind: kind, Msg: msg}
	d.pos = len(d.src)
}

// FailAt records a failure of the given kind at offset, unless d has
// failed already; reading stops there. The root package uses it for the
// failures it finds itself, such as a document of a shape it does not
// read.
func (d *Decoder) FailAt(offset int, kind error, msg string) {
	if d.err != nil {
		return
	}
	d.pos = offset
	d.fail(kind, msg)
}

// pathString renders the path to the value being read.
func (d *Decoder) pathString() string {
	var b []byte
	for _, e := range d.path[:min(d.npath, len(d.path))] {
		switch e.kind {
		case PathIndex:
			b = AppendPathStep(b, e.kind, "", e.at)
		case PathKey:
			b = appendKeyExcerpt(b, d.keyAtOffset(e.at))
		default:
			// A member the document has but the reader does not know is
			// entered too, under the document's own name for it.
			if name := d.keyAtOffset(e.at); plainMemberName(name) {
				b = AppendPathStep(b, e.kind, name, 0)
			} else {
				b = appendKeyExcerpt(b, name)
			}
		}
	}
	return string(b)
}

// appendKeyExcerpt appends a step to a map key, or to a member whose name
// is not plain, as ["key"]: the document's own text, so quoted, escaped and
// cut as Excerpt cuts a rejected value.
func appendKeyExcerpt(b []byte, key string) []byte {
	b = append(b, '[')
	b = AppendExcerpt(b, key, ExcerptMax)
	return append(b, ']')
}

// plainMemberName reports whether a path may name the member as it is,
// after a dot: a name of at most 64 ASCII letters, digits, '-', '_' and
// '$', as the service's members and an event's envelope are named.
func plainMemberName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '$':
		default:
			return false
		}
	}
	return true
}

// keyAtOffset decodes again the member name whose opening quote is at
// offset at; it was decoded once already, so it is well-formed. The name
// views the document; pathString copies it into the path it returns, which
// outlives the document.
func (d *Decoder) keyAtOffset(at int) string {
	k := Decoder{src: d.src, pos: at}
	s, _ := k.readStringView()
	return s
}

func (d *Decoder) push(e pathElem) {
	if d.npath < len(d.path) {
		d.path[d.npath] = e
	}
	d.npath++
}

// Enter extends the path with the member name just read, for the value
// that follows; Leave undoes it.
func (d *Decoder) Enter() { d.push(pathElem{at: d.keyAt, kind: PathMember}) }

// EnterAt extends the path with the member name whose opening quote is at
// offset at (see KeyAt), for a value read after others.
func (d *Decoder) EnterAt(at int) { d.push(pathElem{at: at, kind: PathMember}) }

// EnterIndex extends the path with the list index i.
func (d *Decoder) EnterIndex(i int) { d.push(pathElem{at: i, kind: PathIndex}) }

// enterKey extends the path with the map key just read.
func (d *Decoder) enterKey() { d.push(pathElem{at: d.keyAt, kind: PathKey}) }

// Leave takes off the path the step that the last Enter, EnterAt or
// EnterIndex added.
func (d *Decoder) Leave() { d.npath-- }

// FailType records that the value at the current position is not of the
// wanted kind, naming the kind found. A position that holds no JSON value
// at all (the end of the input, a stray character, a misspelt literal) is
// a syntax error rather than a type error, so it is reported as ErrSyntax.
func (d *Decoder) FailType(want string) {
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
		d.fail(ErrSyntax, "invalid character "+quoteByte(c)+" looking for a value")
		return
	}
	d.fail(ErrType, "expected "+want+", found "+found)
}

// hasLiteral reports whether word starts at the current position.
func (d *Decoder) hasLiteral(word string) bool {
	return len(d.src)-d.pos >= len(word) && d.src[d.pos:d.pos+len(word)] == word
}

// ws skips white space. The common cases, no white space at all (compact
// documents) or a token right after it, cost one comparison here.
func (d *Decoder) ws() {
	if d.pos < len(d.src) && d.src[d.pos] > ' ' {
		return
	}
	d.skipSpace()
}

func (d *Decoder) skipSpace() {
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

// Peek skips white space and returns the byte that starts the next value,
// without consuming it, or 0 at the end of the input and after a failure.
func (d *Decoder) Peek() byte {
	d.ws()
	if d.pos < len(d.src) {
		return d.src[d.pos]
	}
	return 0
}

// NewString returns a pointer to s from the slab that the decoded pointers
// come from. s must be a string the result may keep, such as one that
// StringValue or StringMap returned.
func (d *Decoder) NewString(s string) *string { return d.slab.string(s) }

// Null consumes a JSON null and reports whether there was one. The usual
// answer, a value that is not null right at the current position, is given
// without a call.
func (d *Decoder) Null() bool {
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

func (d *Decoder) nullSlow() bool {
	d.ws()
	if d.hasLiteral("null") {
		d.pos += 4
		return true
	}
	return false
}

// SetEmptyAsAbsent says whether, from now on, an empty object ({}) or an
// empty list ([]) read through Empty stands for an absent member. Package
// trainingjob turns it on for the detail of an EventBridge event, whose
// writer puts {} or [] where a structure, list or map is absent; Reset
// turns it off.
func (d *Decoder) SetEmptyAsAbsent(on bool) { d.emptyAbsent = on }

// Empty consumes an empty object or an empty list, white space inside it
// allowed, and reports whether there was one; it does so only while
// SetEmptyAsAbsent is on, and otherwise reads nothing and returns false.
// The generated decoders call it before reading a member that holds a
// structure, a list or a map, and leave the member absent when it returns
// true.
func (d *Decoder) Empty() bool {
	// Small enough to inline, so that outside events a member pays one
	// test of a flag.
	return d.emptyAbsent && d.emptySlow()
}

func (d *Decoder) emptySlow() bool {
	d.ws()
	if d.pos >= len(d.src) {
		return false
	}
	var closing byte
	switch d.src[d.pos] {
	case '{':
		closing = '}'
	case '[':
		closing = ']'
	default:
		return false
	}
	start := d.pos
	d.pos++
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == closing {
		d.pos++
		return true
	}
	d.pos = start
	return false
}

func (d *Decoder) literal(word string) bool {
	if d.hasLiteral(word) {
		d.pos += len(word)
		return true
	}
	d.fail(ErrSyntax, "invalid literal")
	return false
}

func (d *Decoder) descend() bool {
	d.depth++
	if d.depth > MaxDepth {
		d.fail(ErrTooDeep, "nested deeper than "+strconv.Itoa(MaxDepth)+" levels")
		return false
	}
	return true
}

// OpenObject consumes the '{' that opens an object. It returns false for
// null (the member is absent) and after a failure; a value of another kind
// is a failure.
func (d *Decoder) OpenObject() bool {
	if d.Null() || d.Failed() {
		return false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '{' {
		d.FailType("object")
		return false
	}
	d.pos++
	return d.descend()
}

// FirstKey and NextKey walk the members of an object that OpenObject
// opened: they return the next member name, with its colon consumed, or
// false at the closing brace and after a failure. The name views the
// document: it is for looking at, not for keeping.
func (d *Decoder) FirstKey() (string, bool) {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return "", false
	}
	return d.key()
}

// NextKey returns the member name after the value just read; see FirstKey.
func (d *Decoder) NextKey() (string, bool) {
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

// FirstMember and NextMember are FirstKey and NextKey for the generated
// decoders, which know their structure's members. keys holds each member's
// name as it stands in a document, quoted and followed by its colon, in the
// order the service writes them; prev is the index in keys of the member
// just read (-1 for none or an unknown one). When the member after prev is
// the one that comes, a single comparison recognises it, and they return its
// index and no name. Otherwise they read the name in full and return -1
// with the name, for the caller to look up. Either way the name's offset is
// kept for the path, as FirstKey keeps it.
func (d *Decoder) FirstMember(keys []string) (int, string, bool) {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return -1, "", false
	}
	return d.member(keys, 0)
}

// NextMember returns the member after the value just read; see
// FirstMember.
func (d *Decoder) NextMember(keys []string, prev int) (int, string, bool) {
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
func (d *Decoder) member(keys []string, guess int) (int, string, bool) {
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

func (d *Decoder) key() (string, bool) {
	if d.pos >= len(d.src) || d.src[d.pos] != '"' {
		d.fail(ErrSyntax, "expected a member name")
		return "", false
	}
	d.keyAt = d.pos
	k, ok := d.readStringView()
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

// OpenArray consumes the '[' that opens an array. It returns false for
// null and after a failure; a value of another kind is a failure.
func (d *Decoder) OpenArray() bool {
	if d.Null() || d.Failed() {
		return false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '[' {
		d.FailType("array")
		return false
	}
	d.pos++
	return d.descend()
}

// More reports whether the array that OpenArray opened has an element at
// index i, consuming the comma before it or the closing bracket after the
// last one.
func (d *Decoder) More(i int) bool {
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

// readStringView reads a JSON string at the current position (which must be
// '"'). Without escapes the result is a substring of the document, a view
// of the caller's bytes that nothing decoded may keep; with escapes it is
// decoded into d.text.
func (d *Decoder) readStringView() (string, bool) {
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

// readStringCopy reads a JSON string at the current position (which must
// be '"') that the result keeps: a copy in d.text, never a substring of the
// document. A string readStringView decoded from escapes is in d.text
// already, and
// is told apart by its length: every escape is longer than what it
// stands for, so only a string without escapes is as long as its span in
// the document.
func (d *Decoder) readStringCopy() (string, bool) {
	start := d.pos + 1
	if i := plainRun(d.src, start); i < len(d.src) && d.src[i] == '"' {
		// The usual string, without escapes, found in one scan.
		d.pos = i + 1
		return d.copyToText(d.src[start:i]), true
	}
	s, ok := d.readStringView()
	if !ok || len(s) != d.pos-1-start {
		return s, ok
	}
	return d.copyToText(s), true
}

// copyToText returns a copy of s in d.text, for the result to keep.
func (d *Decoder) copyToText(s string) string {
	if s == "" {
		return ""
	}
	d.reserve(len(s))
	base := len(d.text)
	d.text = append(d.text, s...)
	return d.viewText(base)
}

// viewText returns the bytes of d.text from base on as a string that views
// them, which is safe because they are never written again.
func (d *Decoder) viewText(base int) string {
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
func (d *Decoder) reserve(n int) {
	if cap(d.text)-len(d.text) >= n {
		return
	}
	d.text = make([]byte, 0, max(n, (len(d.src)-d.pos)/textShare, textMinChunk))
}

// room makes room in d.text for n more bytes of the string being decoded
// into it from base on and returns where that string now starts. When the
// buffer is full it moves only that string to a new buffer, so that the
// strings handed out before it are not copied along and kept alive twice.
func (d *Decoder) room(base, n int) int {
	if cap(d.text)-len(d.text) >= n {
		return base
	}
	return d.moveText(base, n)
}

func (d *Decoder) moveText(base, n int) int {
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
func (d *Decoder) unescape(start, i int) (string, bool) {
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
			return d.viewText(base), true
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
			d.fail(ErrSyntax, "invalid escape character "+quoteByte(e))
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
func (d *Decoder) number() (string, bool) {
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

// SkipValue passes over one value of any kind, checking its syntax and
// depth but keeping nothing.
func (d *Decoder) SkipValue() {
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
		for _, ok := d.FirstKey(); ok; _, ok = d.NextKey() {
			d.SkipValue()
		}
	case c == '[':
		d.pos++
		if !d.descend() {
			return
		}
		for i := 0; d.More(i); i++ {
			d.SkipValue()
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
		d.fail(ErrSyntax, "invalid character "+quoteByte(c)+" looking for a value")
	}
}

// skipString passes over a string without decoding its escapes, but
// checking them: a skipped string must be valid JSON as much as one that is
// read, as the SDK's deserializer requires.
func (d *Decoder) skipString() {
	i := plainRun(d.src, d.pos+1)
	for i < len(d.src) {
		switch c := d.src[i]; {
		case c == '"':
			d.pos = i + 1
			return
		case c == '\\':
			if i+1 >= len(d.src) {
				i = len(d.src)
				continue
			}
			switch e := d.src[i+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(d.src, i+2); !ok {
					d.pos = i + 1
					d.fail(ErrSyntax, "invalid \\u escape")
					return
				}
				i += 6
			default:
				d.pos = i + 1
				d.fail(ErrSyntax, "invalid escape character "+quoteByte(e))
				return
			}
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

// StringValue reads a string, a copy the result may keep; null reads as "".
// A string is looked for first, being what the member almost always holds.
// After a failure the position is at the end of the input, so nothing more
// is read.
func (d *Decoder) StringValue() string {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '"' {
		s, _ := d.readStringCopy()
		return s
	}
	if !d.Null() && !d.Failed() {
		d.FailType("string")
	}
	return ""
}

// StringPtr reads a string, as StringValue does, into a pointer from the
// slab; null reads as nil.
func (d *Decoder) StringPtr() *string {
	d.ws()
	if d.pos < len(d.src) && d.src[d.pos] == '"' {
		if s, ok := d.readStringCopy(); ok {
			return d.slab.string(s)
		}
		return nil
	}
	d.StringValue() // null, or the error
	return nil
}

// integer reads an integer that fits in bits bits. null reads as 0.
func (d *Decoder) integer(bits int) (int64, bool) {
	if d.Null() || d.Failed() {
		return 0, false
	}
	if d.pos >= len(d.src) || d.src[d.pos] != '-' && (d.src[d.pos] < '0' || d.src[d.pos] > '9') {
		d.FailType("integer")
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
		d.fail(ErrType, "expected an integer of "+strconv.Itoa(bits)+" bits, found "+numberExcerpt(tok))
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

// Int32Value reads an integer of 32 bits; null reads as 0.
func (d *Decoder) Int32Value() int32 {
	v, _ := d.integer(32)
	return int32(v)
}

// Int64Value reads an integer of 64 bits; null reads as 0.
func (d *Decoder) Int64Value() int64 {
	v, _ := d.integer(64)
	return v
}

// Int32Ptr reads an integer of 32 bits into a pointer from the slab; null
// reads as nil.
func (d *Decoder) Int32Ptr() *int32 {
	v, ok := d.integer(32)
	if !ok {
		return nil
	}
	return d.slab.int32(int32(v))
}

// Int64Ptr reads an integer of 64 bits into a pointer from the slab; null
// reads as nil.
func (d *Decoder) Int64Ptr() *int64 {
	v, ok := d.integer(64)
	if !ok {
		return nil
	}
	return d.slab.int64(v)
}

// boolean reads true or false; null reads as false, reported as absent.
func (d *Decoder) boolean() (bool, bool) {
	if d.Null() || d.Failed() {
		return false, false
	}
	if d.pos < len(d.src) {
		switch d.src[d.pos] {
		case 't':
			return d.literal("true"), true
		case 'f':
			d.literal("false")
			return false, !d.Failed()
		}
	}
	d.FailType("boolean")
	return false, false
}

// BoolValue reads true or false; null reads as false.
func (d *Decoder) BoolValue() bool {
	v, _ := d.boolean()
	return v
}

// BoolPtr reads true or false into a pointer from the slab; null reads as
// nil.
func (d *Decoder) BoolPtr() *bool {
	v, ok := d.boolean()
	if !ok {
		return nil
	}
	return d.slab.bool(v)
}

// Float32Ptr reads a number, or one of the strings "NaN", "Infinity" and
// "-Infinity" that the AWS JSON protocol uses for non-finite values, into a
// pointer from the slab; null reads as nil.
func (d *Decoder) Float32Ptr() *float32 {
	if d.Null() || d.Failed() {
		return nil
	}
	start := d.pos
	var f float64
	switch {
	case d.pos < len(d.src) && d.src[d.pos] == '"':
		s, _ := d.readStringView()
		switch s {
		case "NaN":
			f = math.NaN()
		case "Infinity":
			f = math.Inf(1)
		case "-Infinity":
			f = math.Inf(-1)
		default:
			d.pos = start
			d.fail(ErrType, "expected a number, found string "+Excerpt(s, ExcerptMax))
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
			d.fail(ErrType, "number out of range for a 32-bit float: "+numberExcerpt(tok))
			return nil
		}
		f = v
	default:
		d.FailType("number")
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
func (d *Decoder) float32Fast() (float32, bool) {
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

// timeValue reads a timestamp in any of the forms described on
// trainingjob.Unmarshal.
// null reads as the zero time.
func (d *Decoder) timeValue() (time.Time, bool) {
	if d.Null() || d.Failed() {
		return time.Time{}, false
	}
	start := d.pos
	var t time.Time
	var err string
	switch {
	case d.pos < len(d.src) && d.src[d.pos] == '"':
		s, ok := d.readStringView()
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
		d.FailType("timestamp")
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
func (d *Decoder) epochFast() (time.Time, bool) {
	t, end, ok := scanEpoch(d.src, d.pos)
	if ok {
		d.pos = end
	}
	return t, ok
}

// TimePtr reads a timestamp, as TimeOrZero does, into a pointer from the
// slab; null reads as nil.
func (d *Decoder) TimePtr() *time.Time {
	t, ok := d.timeValue()
	if !ok {
		return nil
	}
	return d.slab.time(t)
}

// StringList reads a list of strings; null leaves it absent (nil) and []
// gives an empty, non-nil slice.
func (d *Decoder) StringList() []string {
	if !d.OpenArray() {
		return nil
	}
	l := ListBuf[string]{Start: d.pos, Max: MaxListEntries}
	for i := 0; d.More(i); i++ {
		d.EnterIndex(i)
		*l.Next(d) = d.StringValue()
		d.Leave()
	}
	return l.Slice(d)
}

// StringMap reads an object of string values into a map whose keys and
// values are copies the result may keep; null leaves it absent (nil). A key
// given twice keeps its last value. A map may hold MaxListEntries keys: a
// new key past them fails with ErrTooLarge, as does a map whose storage
// the budget cannot pay for (mapBytes for the map, mapEntryBytes a key).
func (d *Decoder) StringMap() map[string]string {
	if !d.OpenObject() {
		return nil
	}
	if !d.Claim(mapBytes) {
		return nil
	}
	out := map[string]string{}
	for k, ok := d.FirstKey(); ok; k, ok = d.NextKey() {
		d.enterKey()
		if _, dup := out[k]; !dup {
			if len(out) >= MaxListEntries {
				d.failTooMany(MaxListEntries)
			} else {
				d.Claim(mapEntryBytes)
			}
			if d.Failed() {
				d.Leave()
				return out
			}
		}
		out[d.copyToText(k)] = d.StringValue()
		d.Leave()
	}
	return out
}

// What StringMap claims from the budget for a map: a Go map of strings
// takes about 300 bytes with its first group of eight slots, and about 80
// bytes more a key as it grows (slots of 32 bytes, kept at most seven
// eighths full, the table doubling).
const (
	mapBytes      = 320
	mapEntryBytes = 96
)

// TimeOrZero reads a timestamp in any of the forms trainingjob.Unmarshal
// describes, as a time in UTC; null, and a failure, read as the zero time.
// The root package's own structs hold their times so, the zero time
// standing for absent.
func (d *Decoder) TimeOrZero() time.Time {
	t, _ := d.timeValue()
	return t
}
