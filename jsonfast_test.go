package trainingjob

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast paths of the decoder must agree with the general code they
// bypass, for every input. The tests that draw random inputs draw a tenth
// of them by default: with -race and -cover every branch of the decoder
// costs an atomic operation through the race runtime, and the full draw
// took seconds a test. TRAININGJOB_ALL_ORACLES=1 draws them all (see
// oracles_test.go).

func TestParseEpochFastAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	var toks []string
	for range FullSize(20_000, 200_000) {
		intPart := strconv.Itoa(1+r.IntN(9)) + digits(r.IntN(15))
		tok := intPart
		if r.IntN(3) > 0 {
			tok += "." + digits(1+r.IntN(12))
		}
		if r.IntN(3) == 0 {
			e := r.IntN(16) - 4
			sign := ""
			switch {
			case e < 0:
				sign = "-"
				e = -e
			case r.IntN(2) == 0:
				sign = "+"
			}
			tok += string("eE"[r.IntN(2)]) + sign + strconv.Itoa(e)
		}
		toks = append(toks, tok)
	}
	toks = append(toks, "1709892000", "1709892000.123", "1.678785164731E9", "1709892000123", "1.709892000123e12",
		"99999999999", "99999999999.999999999", "100000000000", "9999999999999", "18446744073.709551616",
		"1e10", "1E+10", "17098920001234567890", "1709892000.0000000001", "0", "0.5", "-1", "1.5e-3",
		"1709892000.123456789", "1709892000.1234567891", "1709892000e1", "1709892000.5E0", "1709892000.", "0709892000.5",
		"170989200", "1709892000.000000000", "1.709892000E9", "1.709892000123456789E9",
		"1.7098920001234567891E9", "1.709892000E+9", "1.709892000e9", "1.70989200E9")
	// The forms the service, the SDKs and the CLI write, and near misses.
	for range FullSize(5_000, 50_000) {
		sec := strconv.Itoa(1_000_000_000 + r.IntN(9_000_000_000))
		frac := digits(r.IntN(12))
		var tok string
		if r.IntN(2) == 0 {
			tok = sec
			if frac != "" || r.IntN(4) == 0 {
				tok += "." + frac
			}
		} else {
			tok = sec[:1] + "." + sec[1:] + frac + []string{"E9", "e9", "E+9", "e+9", "E8", "E10", "E-9", "", "E", "E09"}[r.IntN(10)]
		}
		toks = append(toks, tok)
	}
	n, m := 0, 0
	for _, tok := range toks {
		// The decoder's own fast path reads the number in place, followed
		// by whatever comes next in the document.
		var d decoder
		d.src = tok + ","
		if inPlace, ok := d.epochFast(); ok {
			m++
			slow, msg := parseEpochDigits(tok)
			if msg != "" || !inPlace.Equal(slow) || inPlace.Location() != slow.Location() || d.pos != len(tok) {
				t.Fatalf("%s: epochFast gives %v at %d, general code %v %q", tok, inPlace, d.pos, slow, msg)
			}
		} else if d.pos != 0 {
			t.Fatalf("%s: epochFast refused the number but moved to %d", tok, d.pos)
		}
		fast, ok := parseEpochFast(tok)
		if !ok {
			continue
		}
		n++
		slow, msg := parseEpochDigits(tok)
		if msg != "" || !fast.Equal(slow) || fast.Location() != slow.Location() {
			t.Fatalf("%s: fast path gives %v, general code %v %q", tok, fast, slow, msg)
		}
	}
	t.Logf("the fast paths took %d and %d of %d tokens", n, m, len(toks))
	if least := FullSize(1_000, 10_000); n < least || m < least {
		t.Fatalf("the fast paths took only %d and %d of %d tokens", n, m, len(toks))
	}
}

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
	for range FullSize(30_000, 300_000) {
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

// A list's capacity is guessed from the bytes its first elements took: a
// long list at the end of the document is allocated once, and a guess far
// too large (a short list followed by much else) is cut to size.
func TestListBufGuess(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n, each, rest int
		maxCap        int
	}{
		{"long list at the end", 1000, 10, 0, 1100},
		{"short list before much else", 20, 10, 100000, 40},
	} {
		var d decoder
		d.init(strings.Repeat("x", tc.n*tc.each+tc.rest))
		l := listBuf[int]{start: d.pos}
		for i := 0; i < tc.n; i++ {
			*l.next(&d) = i
			d.pos += tc.each
		}
		got := l.slice()
		if len(got) != tc.n || cap(got) > tc.maxCap || cap(got) < tc.n {
			t.Fatalf("%s: len %d cap %d, want len %d cap at most %d", tc.name, len(got), cap(got), tc.n, tc.maxCap)
		}
	}
}

func TestListBuf(t *testing.T) {
	for _, n := range []int{0, 1, listBufLen - 1, listBufLen, listBufLen + 1, 5 * listBufLen} {
		var l listBuf[int]
		var d decoder
		for i := 0; i < n; i++ {
			*l.next(&d) = i
		}
		got := l.slice()
		if got == nil || len(got) != n {
			t.Fatalf("%d elements: got %v", n, got)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("%d elements: got %v", n, got)
			}
		}
	}
}

func TestFloat32FastAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	digits := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	toks := []string{"0", "-0", "0.0", "-0.0", "16777216", "16777217", "1.6777216", "1.6777217", "0.1", "0.3",
		"01", "-", "1.", "1.5e3", "1E3", "123456789012", "0.00000000001", "1.00000000000", "9999999999.9", "-12.75"}
	for range FullSize(20_000, 200_000) {
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
		var d decoder
		d.src = tok + "}"
		fast, ok := d.float32Fast()
		if !ok {
			if d.pos != 0 {
				t.Fatalf("%s: float32Fast refused the number but moved to %d", tok, d.pos)
			}
			continue
		}
		n++
		var e decoder
		e.src = tok + "}"
		num, okNum := e.number()
		want, err := strconv.ParseFloat(num, 32)
		if !okNum || err != nil || d.pos != len(tok) || e.pos != len(tok) ||
			math.Float32bits(fast) != math.Float32bits(float32(want)) {
			t.Fatalf("%s: float32Fast gives %v at %d, ParseFloat %v %v", tok, fast, d.pos, want, err)
		}
	}
	t.Logf("the fast path took %d of %d tokens", n, len(toks))
	if n < FullSize(5_000, 50_000) {
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
		d := decoder{src: src, pos: 1}
		d.skipSpace()
		if d.pos != want {
			t.Fatalf("skipSpace(%q) stopped at %d, want %d", src, d.pos, want)
		}
	}
}

// The word-at-a-time digit test and value agree with reading the bytes one
// by one, for digits and for the bytes either side of them.
func TestEightDigitsAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	near := []byte{'/', ':', '0', '9', 0x30 + 0x0a, 0x3f, 0x20, 0xb0, 0xb9, 0x00, 0x40}
	buf := make([]byte, 8)
	for range FullSize(30_000, 300_000) {
		randomBytes(r, buf, 10, near, func() byte { return '0' + byte(r.IntN(10)) })
		s := string(buf)
		want, err := strconv.ParseUint(s, 10, 64)
		isDigits := err == nil && !strings.ContainsAny(s, "+-_")
		w := load64(s, 0)
		if got := eightDigits(w); got != isDigits {
			t.Fatalf("eightDigits(%q) = %v", s, got)
		}
		if isDigits {
			if got := eightDigitsValue(w); got != want {
				t.Fatalf("eightDigitsValue(%q) = %d", s, got)
			}
		}
	}
	for _, s := range []string{"00000000", "99999999", "12345678", "1706745702.197"} {
		mant, end := scanDigits(s, 0, 0)
		want := strings.IndexByte(s+".", '.')
		v, _ := strconv.ParseUint(s[:want], 10, 64)
		assert.Equal(t, want, end, s)
		assert.Equal(t, v, mant, s)
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

// Whatever white space follows a colon, the member reads the same.
func TestWhiteSpaceAfterColon(t *testing.T) {
	for _, sep := range []string{"", " ", "  ", " \n", "\n", "\t ", " \r\n    "} {
		doc := `{"TrainingJobName":` + sep + `"a","MaxRuntime":` + sep + `1,"HyperParameters":` + sep + `{"k":` + sep + `"v"}}`
		var job TrainingJob
		if assert.NoError(t, Unmarshal([]byte(doc), &job), "%q", sep) {
			assert.Equal(t, "a", job.TrainingJobName, "%q", sep)
			assert.Equal(t, map[string]string{"k": "v"}, job.HyperParameters, "%q", sep)
		}
	}
	var job TrainingJob
	err := Unmarshal([]byte(`{"TrainingJobName": }`), &job)
	assert.ErrorIs(t, err, ErrSyntax)
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
		var d decoder
		d.init(doc)
		got, ok := d.keptStr()
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
	var d decoder
	d.init(doc)
	first, ok := d.keptStr()
	require.True(t, ok)
	d.ws()
	second, ok := d.keptStr()
	require.True(t, ok)
	assert.Equal(t, "aaaaaaaaaa", first)
	assert.Equal(t, long+"\n", second)
	buf := unsafe.String(unsafe.SliceData(d.text), cap(d.text))
	assert.NotContains(t, buf, first, "the buffer the escaped string moved to holds a copy of the earlier string")
	assert.Equal(t, unsafe.StringData(second), unsafe.StringData(buf), "the escaped string starts its new buffer")
}

// TestParseEpochFastPath checks that the service's timestamp forms are
// read by scanEpochSeconds itself, not left to the general parser.
func TestParseEpochFastPath(t *testing.T) {
	want := time.Unix(1709892000, 123_000_000)
	for _, tok := range []string{"1709892000.123", "1.709892000123E9", "1.709892000123e9", "1.709892000123E+9"} {
		got, end, ok := scanEpochSeconds(tok+",", 0)
		require.True(t, ok, tok)
		assert.True(t, want.Equal(got), "%s: %v", tok, got)
		assert.Equal(t, len(tok), end, tok)
	}
	got, _, ok := scanEpochSeconds("1709892000,", 0)
	require.True(t, ok)
	assert.True(t, time.Unix(1709892000, 0).Equal(got))
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
			var d decoder
			d.init(`"` + tt.in + `"`)
			got, ok := d.keptStr()
			require.True(t, ok)
			assert.Equal(t, []byte(tt.want), []byte(got))
		})
	}
}
