package wire

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// The fast paths of the decoder must agree with the general code they
// bypass, for every input.

func TestSmallIntAgrees(t *testing.T) {
	for _, tok := range []string{"0", "-0", "7", "-7", "2147483647", "2147483648", "-2147483648", "-2147483649",
		"999999999999999999", "-999999999999999999", "1000000000000000000", "9223372036854775807", "1.5", "1e3", "-"} {
		v, ok := smallInt(tok)
		want, err := strconv.ParseInt(tok, 10, 64)
		if ok && (err != nil || v != want) {
			t.Errorf("%s: smallInt %d, ParseInt %d %v", tok, v, want, err)
		}
		if !ok && len(strings.TrimPrefix(tok, "-")) <= 18 && err == nil {
			t.Errorf("%s: smallInt refused a small integer", tok)
		}
	}
}

// plainRun finds the first special byte of a string exactly, wherever it
// falls in a word and whatever follows it.
func TestPlainRunAgrees(t *testing.T) {
	special := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	r := rand.New(rand.NewPCG(3, 4))
	interesting := []byte{0, 0x1f, 0x20, 0x21, '"', '\\', 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff}
	buf := make([]byte, 24)
	for range testenv.FullSize(30_000, 300_000) {
		randomBytes(r, buf, 4, interesting, func() byte { return 'a' + byte(r.IntN(26)) })
		s := string(buf[:r.IntN(len(buf)+1)])
		from := r.IntN(len(s) + 1)
		want := from
		for want < len(s) && !special(s[want]) {
			want++
		}
		got := plainRun(s, from)
		// It may stop short only where fewer than eight bytes remain.
		if got != want && (got > want || len(s)-got >= 8) {
			t.Fatalf("plainRun(%q, %d) = %d, want %d", s, from, got, want)
		}
	}
}

func TestFloat32FastAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	digits := func(n int) string { return randomDigits(r, n) }
	toks := []string{"0", "-0", "0.0", "-0.0", "16777216", "16777217", "1.6777216", "1.6777217", "0.1", "0.3",
		"01", "-", "1.", "1.5e3", "1E3", "123456789012", "0.00000000001", "1.00000000000", "9999999999.9", "-12.75"}
	for range testenv.FullSize(20_000, 200_000) {
		tok := ""
		if r.IntN(4) == 0 {
			tok = "-"
		}
		tok += digits(1 + r.IntN(9))
		if r.IntN(4) > 0 {
			tok += "." + digits(r.IntN(12))
		}
		if r.IntN(8) == 0 {
			tok += "e" + strconv.Itoa(r.IntN(5))
		}
		toks = append(toks, tok)
	}
	n := 0
	for _, tok := range toks {
		var d Decoder
		d.src = tok + "}"
		fast, ok := d.float32Fast()
		if !ok {
			if d.pos != 0 {
				t.Fatalf("%s: float32Fast refused the number but moved to %d", tok, d.pos)
			}
			continue
		}
		n++
		var e Decoder
		e.src = tok + "}"
		num, okNum := e.number()
		want, err := strconv.ParseFloat(num, 32)
		if !okNum || err != nil || d.pos != len(tok) || e.pos != len(tok) ||
			math.Float32bits(fast) != math.Float32bits(float32(want)) {
			t.Fatalf("%s: float32Fast gives %v at %d, ParseFloat %v %v", tok, fast, d.pos, want, err)
		}
	}
	if n < testenv.FullSize(5_000, 50_000) {
		t.Fatalf("the fast path took only %d of %d tokens", n, len(toks))
	}
}

// skipSpace stops at the first byte that is not JSON whitespace, however
// the indentation after a newline falls across its eight-byte words.
func TestSkipSpaceAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	spaces := " \t\r\n"
	for range 20_000 {
		var b strings.Builder
		b.WriteString("x")
		n := r.IntN(40)
		for range n {
			if r.IntN(4) == 0 {
				b.WriteByte(spaces[r.IntN(len(spaces))])
			} else {
				b.WriteByte(' ')
			}
		}
		if r.IntN(4) > 0 { // sometimes the input ends in whitespace
			b.WriteString(`"a"`)
		}
		src := b.String()
		want := 1 + len(src[1:]) - len(strings.TrimLeft(src[1:], spaces))
		d := Decoder{src: src, pos: 1}
		d.skipSpace()
		if d.pos != want {
			t.Fatalf("skipSpace(%q) stopped at %d, want %d", src, d.pos, want)
		}
	}
}

// randomBytes fills buf for the tests of the word-at-a-time scans: of
// every oneIn bytes, on average one is drawn from edge (the bytes a scan
// must notice, and their neighbours), one from all 256, and the rest from
// common.
func randomBytes(r *rand.Rand, buf []byte, oneIn int, edge []byte, common func() byte) {
	for i := range buf {
		switch r.IntN(oneIn) {
		case 0:
			buf[i] = edge[r.IntN(len(edge))]
		case 1:
			buf[i] = byte(r.IntN(256))
		default:
			buf[i] = common()
		}
	}
}

// TestStringDecodingAgrees reads strings built from plain runs of every
// length, escapes, quotes and control characters, in every position
// relative to the eight-byte words, and checks the value (or the refusal)
// against encoding/json, and that a kept string does not point into the
// input.
func TestStringDecodingAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "abcdefgh", "0123456789abcdefghij", "é", "😀", `\"`, `\\`, `\/`, `\n`, `\u00e9`,
		`\ud83d\ude00`, `\ud800`, `\x`, "\x01", `"`, `\u12`, " "}
	for range 20_000 {
		var b strings.Builder
		b.WriteByte('"')
		for n := r.IntN(8); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if r.IntN(10) > 0 {
			b.WriteByte('"')
		}
		doc := b.String()
		var want string
		wantErr := json.Unmarshal([]byte(doc), &want) != nil
		var d Decoder
		d.initString(doc)
		got, ok := d.readStringCopy()
		if ok && strings.Trim(doc[d.pos:], " ") != "" {
			ok = false // a quote inside: the string ended early
		}
		if ok == wantErr || ok && got != want {
			t.Fatalf("%q: got %q %v, encoding/json %q (error %v)", doc, got, ok, want, wantErr)
		}
		if ok && got != "" {
			at := uintptr(unsafe.Pointer(unsafe.StringData(got)))
			from := uintptr(unsafe.Pointer(unsafe.StringData(doc)))
			if at >= from && at < from+uintptr(len(doc)) {
				t.Fatalf("%q: the decoded string points into the input", doc)
			}
		}
	}
}

// TestEscapedStringMovesAlone decodes a plain string and then one with an
// escape that outgrows the buffer the first went into: only the second
// moves to a new buffer, the first is not copied along.
func TestEscapedStringMovesAlone(t *testing.T) {
	long := strings.Repeat("b", 400)
	doc := `"aaaaaaaaaa" "` + long + `\n"` + strings.Repeat(" ", 600)
	var d Decoder
	d.initString(doc)
	first, ok := d.readStringCopy()
	require.True(t, ok)
	d.ws()
	second, ok := d.readStringCopy()
	require.True(t, ok)
	assert.Equal(t, "aaaaaaaaaa", first)
	assert.Equal(t, long+"\n", second)
	buf := unsafe.String(unsafe.SliceData(d.text), cap(d.text))
	assert.NotContains(t, buf, first, "the buffer the escaped string moved to holds a copy of the earlier string")
	assert.Equal(t, unsafe.StringData(second), unsafe.StringData(buf), "the escaped string starts its new buffer")
}

// TestStringKeepsInvalidUTF8 checks that bytes which are not UTF-8 come out
// of a string as they went in, on the path without escapes and on the one
// with them, at every place a word-at-a-time scan can meet them.
func TestStringKeepsInvalidUTF8(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "a\xffb", "a\xffb"},
		{"truncated sequence", "bad \xc3\x28", "bad \xc3\x28"},
		{"after an escape", `x\n` + "\xff\xfe", "x\n\xff\xfe"},
		{"before an escape", "\xe2\x82" + `\t`, "\xe2\x82\t"},
		{"long run with an escape", strings.Repeat("\x80", 17) + `\u00e9` + strings.Repeat("\xc0", 9), strings.Repeat("\x80", 17) + "é" + strings.Repeat("\xc0", 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d Decoder
			d.initString(`"` + tt.in + `"`)
			got, ok := d.readStringCopy()
			require.True(t, ok)
			assert.Equal(t, []byte(tt.want), []byte(got))
		})
	}
}

// Empty consumes {} and [] only while SetEmptyAsAbsent is on, and leaves
// anything else where it was.
func TestEmpty(t *testing.T) {
	tests := []struct {
		in      string
		on      bool
		want    bool
		wantPos int
	}{
		{`{}`, true, true, 2},
		{`[]`, true, true, 2},
		{" { \n\t} ", true, true, 6},
		{`[ ]`, true, true, 3},
		{`{}`, false, false, 0},
		{`[]`, false, false, 0},
		{`{"a":1}`, true, false, 0},
		{`[1]`, true, false, 0},
		{`{]`, true, false, 0},
		{`[}`, true, false, 0},
		{`{`, true, false, 0},
		{`null`, true, false, 0},
		{`""`, true, false, 0},
		{``, true, false, 0},
	}
	for _, tt := range tests {
		var d Decoder
		d.initString(tt.in)
		d.SetEmptyAsAbsent(tt.on)
		got := d.Empty()
		assert.Equal(t, tt.want, got, "%q on=%v", tt.in, tt.on)
		if got {
			assert.Equal(t, tt.wantPos, d.Pos(), "%q", tt.in)
		} else if strings.TrimSpace(tt.in) != "" {
			assert.Equal(t, strings.TrimSpace(tt.in)[0], d.Peek(), "%q: nothing consumed", tt.in)
		}
		assert.False(t, d.Failed(), "%q", tt.in)
		d.Reset(nil)
		assert.False(t, d.Empty(), "Reset turns it off")
	}
}

// SkipValue checks the escapes of the strings it skips, as the reader of a
// kept string does, with the same messages.
func TestSkipValueChecksEscapes(t *testing.T) {
	tests := []struct {
		in, msg string
		offset  int64
	}{
		{`"ok \" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"`, "", 0},
		{`"\q"`, `invalid escape character 'q'`, 2},
		{`"ab\x"`, `invalid escape character 'x'`, 4},
		{`"\u12"`, `invalid \u escape`, 2},
		{`"\u12G4"`, `invalid \u escape`, 2},
		{`["\'"]`, `invalid escape character '\''`, 3},
		{`{"k":"\a"}`, `invalid escape character 'a'`, 7},
		{`"\`, "unexpected end of input in string", 2},
	}
	for _, tt := range tests {
		var skip, read Decoder
		skip.initString(tt.in)
		skip.SkipValue()
		if tt.msg == "" {
			assert.Nil(t, skip.Finish(), "%q", tt.in)
			continue
		}
		err := skip.Finish()
		require.NotNil(t, err, "%q", tt.in)
		assert.ErrorIs(t, err, ErrSyntax)
		assert.Equal(t, tt.msg, err.Msg, "%q", tt.in)
		assert.Equal(t, tt.offset, err.Offset, "%q", tt.in)
		if tt.in[0] == '"' {
			read.initString(tt.in)
			read.StringValue()
			if rerr := read.Finish(); assert.NotNil(t, rerr) {
				assert.Equal(t, rerr.Msg, err.Msg, "%q: as when the string is read", tt.in)
				assert.Equal(t, rerr.Offset, err.Offset, "%q: as when the string is read", tt.in)
			}
		}
	}
}
