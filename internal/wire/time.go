package wire

import (
	"math/bits"
	"strconv"
	"time"
)

// millisecondThreshold separates epoch seconds from epoch milliseconds. No
// training job predates 2017, so a plausible time in seconds is near 1.5e9
// to 2e9, and the same time in milliseconds near 1.5e12 to 2e12: a value of
// 1e11 or more (the year 5138 in seconds, March 1973 in milliseconds) is
// read as milliseconds.
const millisecondThreshold = 1e11

// maxEpochSeconds is the latest time accepted, in November 5138: one more
// second would be written as a number the reader takes for milliseconds.
const maxEpochSeconds = millisecondThreshold - 1

// parseEpoch converts a JSON number, in integer, decimal or exponent form,
// into a time. It works on the decimal digits rather than a float64, so
// 1.678785164731E9 gives exactly 731 milliseconds. It returns a message
// instead of a time when the number is not a possible timestamp.
func parseEpoch(tok string) (time.Time, string) {
	if t, ok := parseEpochFast(tok); ok {
		return t, ""
	}
	return parseEpochDigits(tok)
}

// pow10 holds the powers of ten that fit in a uint64.
var pow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// parseEpochFast converts the forms the service writes, with integer
// arithmetic (see scanEpoch), when they make up the whole of tok. It gives
// the same result as parseEpochDigits, which handles everything else; ok is
// false when it cannot tell.
func parseEpochFast(tok string) (time.Time, bool) {
	t, end, ok := scanEpoch(tok, 0)
	return t, ok && end == len(tok)
}

// scanEpoch reads the epoch number that starts at s[i] and returns its time
// and the offset just after it. It handles the forms the service writes: a
// positive number whose integer part has no leading zero, with at least one
// digit after a decimal point if there is one, at most 19 significant
// digits, an exponent of one to three digits (1.678785164731E9, as the SDKs
// write it), and a value of 10 or 11 integer digits in seconds, or 12 or 13
// in milliseconds, so that the count of nanoseconds fits in a uint64.
// Digits below a nanosecond are dropped. ok is false for anything else,
// which the caller hands to the general parser.
func scanEpoch(s string, i int) (t time.Time, end int, ok bool) {
	if t, end, ok := scanEpochSeconds(s, i); ok {
		return t, end, true
	}
	if i >= len(s) || s[i] < '1' || s[i] > '9' {
		return time.Time{}, 0, false
	}
	start := i
	mant, i := scanDigits(s, i, 0)
	intDigits := i - start
	nd := intDigits // digits in mant
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		mant, i = scanDigits(s, i, mant)
		if i == fs {
			return time.Time{}, 0, false
		}
		nd += i - fs
	}
	if nd > 19 {
		return time.Time{}, 0, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		es := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			exp = exp*10 + int(s[i]-'0')
			i++
		}
		if i == es || i-es > 3 {
			return time.Time{}, 0, false
		}
		if neg {
			exp = -exp
		}
	}
	// The value is mant × 10^(exp - (nd - intDigits)), with intDigits+exp
	// digits before the decimal point.
	scale := 9 // nanoseconds per second, as a power of ten
	switch intDigits + exp {
	case 10, 11:
	case 12, 13:
		scale = 6 // milliseconds
	default:
		return time.Time{}, 0, false
	}
	var ns uint64
	switch shift := exp - (nd - intDigits) + scale; {
	case shift >= 0 && shift < len(pow10):
		hi, lo := bits.Mul64(mant, pow10[shift])
		if hi != 0 {
			return time.Time{}, 0, false
		}
		ns = lo
	case shift < 0 && -shift < len(pow10):
		ns = mant / pow10[-shift]
	default:
		return time.Time{}, 0, false
	}
	sec, nsec := ns/1e9, ns%1e9
	if sec > maxEpochSeconds {
		return time.Time{}, 0, false
	}
	return time.Unix(int64(sec), int64(nsec)).UTC(), i, true
}

// scanEpochSeconds reads the two forms nearly every timestamp takes, with
// no general arithmetic: ten digits of seconds with up to nine digits of
// fraction, as the service writes them (1709892000.123), and the same
// digits with the point after the first and the exponent 9, as the SDKs
// and the CLI write them (1.709892000123E9). The seconds are the first ten
// digits and the nanoseconds the next ones, scaled. ok is false for any
// other form, even one that merely starts like these, which scanEpoch then
// reads.
func scanEpochSeconds(s string, i int) (t time.Time, end int, ok bool) {
	if i+11 > len(s) || s[i] < '1' || s[i] > '9' {
		return time.Time{}, 0, false
	}
	var sec uint64
	j := i + 10
	exponent := s[i+1] == '.'
	if exponent {
		w, d9 := load64(s, i+2), s[i+10]-'0'
		if !eightDigits(w) || d9 > 9 {
			return time.Time{}, 0, false
		}
		sec = uint64(s[i]-'0')*1e9 + eightDigitsValue(w)*10 + uint64(d9)
		j++
	} else {
		w, d8, d9 := load64(s, i), s[i+8]-'0', s[i+9]-'0'
		if !eightDigits(w) || d8 > 9 || d9 > 9 {
			return time.Time{}, 0, false
		}
		sec = eightDigitsValue(w)*100 + uint64(d8)*10 + uint64(d9)
		if s[j] != '.' {
			return time.Unix(int64(sec), 0).UTC(), j, !isNumberByte(s[j])
		}
		j++
		if j == len(s) || s[j] < '0' || s[j] > '9' {
			return time.Time{}, 0, false
		}
	}
	var nsec uint64
	if f := s[j:min(j+4, len(s))]; len(f) == 4 && f[0]-'0' <= 9 && f[1]-'0' <= 9 && f[2]-'0' <= 9 && f[3]-'0' > 9 {
		// Three digits, milliseconds: the service's precision.
		nsec = (uint64(f[0]-'0')*100 + uint64(f[1]-'0')*10 + uint64(f[2]-'0')) * 1e6
		j += 3
	} else {
		fs := j
		for j < len(s) && j-fs < 9 && s[j] >= '0' && s[j] <= '9' {
			nsec = nsec*10 + uint64(s[j]-'0')
			j++
		}
		nsec *= pow10[9-(j-fs)]
	}
	if exponent {
		if j == len(s) || s[j] != 'E' && s[j] != 'e' {
			return time.Time{}, 0, false
		}
		j++
		if j < len(s) && s[j] == '+' {
			j++
		}
		if j == len(s) || s[j] != '9' {
			return time.Time{}, 0, false
		}
		j++
	}
	if j < len(s) && isNumberByte(s[j]) {
		return time.Time{}, 0, false
	}
	return time.Unix(int64(sec), int64(nsec)).UTC(), j, true
}

// isNumberByte reports whether c may continue a JSON number: a digit, a
// point, an exponent or a sign.
func isNumberByte(c byte) bool { return numberBytes[c] }

var numberBytes = func() (t [256]bool) {
	for _, c := range []byte("0123456789.eE+-") {
		t[c] = true
	}
	return t
}()

// scanDigits appends the decimal digits of s from i to mant, as in
// mant*10 + digit for each, and returns the result with the offset after
// the last digit. It takes eight digits at a time while it can. mant wraps
// around past 19 digits; callers count the digits and refuse that many.
func scanDigits(s string, i int, mant uint64) (uint64, int) {
	for i+8 <= len(s) {
		w := load64(s, i)
		if !eightDigits(w) {
			break
		}
		mant = mant*1e8 + eightDigitsValue(w)
		i += 8
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		mant = mant*10 + uint64(s[i]-'0')
		i++
	}
	return mant, i
}

// eightDigits reports whether the eight bytes of w are all ASCII digits:
// each has the high half 3, and adding 6 to its low half carries out of it
// exactly when the low half is above 9.
func eightDigits(w uint64) bool {
	const hi = 0xF0F0F0F0F0F0F0F0
	return w&hi == lsbs*'0' && (w+lsbs*6)&hi == lsbs*'0'
}

// eightDigitsValue returns the number written by the eight ASCII digits of
// w, the first in its lowest byte. Neighbouring digits are combined in
// pairs, then pairs of pairs, then the two halves, each step a multiply
// and a shift within lanes too wide to overflow.
func eightDigitsValue(w uint64) uint64 {
	w -= lsbs * '0'
	w = (w*10 + w>>8) & 0x00FF00FF00FF00FF
	w = (w*100 + w>>16) & 0x0000FFFF0000FFFF
	return (w*10000 + w>>32) & 0xFFFFFFFF
}

// parseEpochDigits is parseEpoch for every form, working digit by digit.
func parseEpochDigits(tok string) (time.Time, string) {
	neg := false
	s := tok
	if s != "" && s[0] == '-' {
		neg = true
		s = s[1:]
	}
	// Split into digits (integer and fraction joined) and a power of ten.
	var digits [40]byte
	nd, exp := 0, 0
	sawDot := false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			sawDot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		if nd == 0 && c == '0' {
			if sawDot {
				exp--
			}
			continue
		}
		if nd < len(digits) {
			digits[nd] = c
			nd++
			if sawDot {
				exp--
			}
		} else if !sawDot {
			// Digits past the 40th are far below a nanosecond; only
			// their count matters.
			exp++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return time.Time{}, "timestamp out of range: " + numberExcerpt(tok)
		}
		exp += e
	}
	if nd == 0 {
		return time.Unix(0, 0).UTC(), ""
	}
	if neg {
		return time.Time{}, "timestamp before 1970: " + numberExcerpt(tok)
	}
	// Number of digits before the decimal point.
	intDigits := nd + exp
	scale := 9 // nanoseconds per second, as a power of ten
	if intDigits >= 12 {
		scale = 6 // milliseconds: nanoseconds per millisecond
	}
	// The value in nanoseconds is digits × 10^(exp+scale). Split it into
	// whole seconds and nanoseconds.
	shift := exp + scale
	total := nd + shift // digits of the nanosecond count
	if total > 9+12 {
		return time.Time{}, "timestamp out of range: " + numberExcerpt(tok)
	}
	var ns [40]byte
	n := 0
	for k := 0; k < total && k < len(ns); k++ {
		if k < nd {
			ns[n] = digits[k]
		} else {
			ns[n] = '0'
		}
		n++
	}
	var sec, nsec int64
	for k := 0; k < n; k++ {
		if k < n-9 {
			sec = sec*10 + int64(ns[k]-'0')
		} else {
			nsec = nsec*10 + int64(ns[k]-'0')
		}
	}
	if sec > maxEpochSeconds {
		return time.Time{}, "timestamp out of range: " + numberExcerpt(tok)
	}
	return time.Unix(sec, nsec).UTC(), ""
}

// parseTimeString reads a timestamp given as a JSON string: ISO 8601 (what
// the AWS CLI v2 and the JavaScript SDK print) or a quoted epoch number (as
// some EventBridge samples have it).
func parseTimeString(s string) (time.Time, string) {
	if s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-') && !looksISO(s) {
		if !isNumber(s) {
			return time.Time{}, "not an epoch number or an ISO 8601 time: " + Excerpt(s, ExcerptMax)
		}
		return parseEpoch(s)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, "not an epoch number or an ISO 8601 time: " + Excerpt(s, ExcerptMax)
	}
	if t.Unix() < 0 || t.Unix() > maxEpochSeconds {
		return time.Time{}, "timestamp outside the years 1970 to 5138: " + Excerpt(s, ExcerptMax)
	}
	return t.UTC(), ""
}

// isNumber reports whether s is a number in JSON's grammar.
func isNumber(s string) bool {
	d := Decoder{src: s}
	_, ok := d.number()
	return ok && d.pos == len(s)
}

// looksISO reports whether s starts like a date, "2024-03-08".
func looksISO(s string) bool { return len(s) >= 10 && s[4] == '-' && s[7] == '-' }

// inEpochRange reports whether t can be written as epoch seconds that read
// back as the same time.
func inEpochRange(t time.Time) bool { return t.Unix() >= 0 && t.Unix() <= maxEpochSeconds }

// appendEpoch writes t as epoch seconds with up to three fraction digits,
// trailing zeros dropped.
func appendEpoch(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	if ms < 0 {
		b = append(b, '-')
		ms = -ms
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		b = append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
	}
	return b
}
