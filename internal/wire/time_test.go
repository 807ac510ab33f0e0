package wire

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// The fast paths of the timestamp parser must agree with the general code
// they bypass, for every input.

func TestParseEpochFastAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string { return randomDigits(r, n) }
	var toks []string
	for range testenv.FullSize(20_000, 200_000) {
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
	for range testenv.FullSize(5_000, 50_000) {
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
		// The Decoder's own fast path reads the number in place, followed
		// by whatever comes next in the document.
		var d Decoder
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
	if least := testenv.FullSize(1_000, 10_000); n < least || m < least {
		t.Fatalf("the fast paths took only %d and %d of %d tokens", n, m, len(toks))
	}
}

// The word-at-a-time digit test and value agree with reading the bytes one
// by one, for digits and for the bytes either side of them.
func TestEightDigitsAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	near := []byte{'/', ':', '0', '9', 0x30 + 0x0a, 0x3f, 0x20, 0xb0, 0xb9, 0x00, 0x40}
	buf := make([]byte, 8)
	for range testenv.FullSize(30_000, 300_000) {
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

// randomDigits returns n decimal digits drawn from r.
func randomDigits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}
