package wire

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Encoder writes the service's JSON form into a buffer of its own. The
// generated per-type writers drive it member by member; its zero value is
// ready to use. The only failure is a time that the wire format cannot
// hold (see Time); writing goes on after it and Finish reports it.
type Encoder struct {
	buf    []byte
	err    error
	millis bool // see SetMillis
}

// Grow makes room for n more bytes in the encoder's buffer, so that a
// document of about that size is written without the buffer growing.
func (e *Encoder) Grow(n int) { e.buf = slices.Grow(e.buf, n) }

// Finish returns the bytes written, or the first error met while writing
// them.
func (e *Encoder) Finish() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// Begin opens an object and returns the mark that Key uses to place commas.
func (e *Encoder) Begin() int {
	e.buf = append(e.buf, '{')
	return len(e.buf)
}

// End closes the object that the last unclosed Begin opened.
func (e *Encoder) End() { e.buf = append(e.buf, '}') }

// Key writes a member name given already quoted with its colon, such as
// `"TrainingJobName":`, preceded by a comma unless it is the first member
// of the object whose Begin returned mark.
func (e *Encoder) Key(mark int, quotedKey string) {
	if len(e.buf) > mark {
		e.buf = append(e.buf, ',')
	}
	e.buf = append(e.buf, quotedKey...)
}

// String writes s as a JSON string. Each invalid UTF-8 byte becomes the
// character U+FFFD, so that the output is always valid JSON.
func (e *Encoder) String(s string) { e.buf = appendJSONString(e.buf, s) }

// Int32 writes v as a JSON number.
func (e *Encoder) Int32(v int32) { e.buf = strconv.AppendInt(e.buf, int64(v), 10) }

// Int64 writes v as a JSON number.
func (e *Encoder) Int64(v int64) { e.buf = strconv.AppendInt(e.buf, v, 10) }

// Bool writes v as true or false.
func (e *Encoder) Bool(v bool) { e.buf = strconv.AppendBool(e.buf, v) }

// Float32 writes v as a JSON number, or as the AWS JSON protocol's string
// for NaN and the infinities.
func (e *Encoder) Float32(v float32) {
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

// Time writes t as epoch seconds with a millisecond fraction, the service's
// form; digits beyond the millisecond are dropped. A time before 1970 or
// after 5138, which would not read back as the same time, is written all
// the same and makes Finish fail.
func (e *Encoder) Time(t time.Time) {
	if e.millis {
		e.timeMillis(t)
		return
	}
	if !inEpochRange(t) && e.err == nil {
		e.err = fmt.Errorf("trainingjob: cannot write time %s: the wire format holds times from 1970 to 5138", t.Format(time.RFC3339Nano))
	}
	e.buf = appendEpoch(e.buf, t)
}

// StringList writes list as a JSON array of strings.
func (e *Encoder) StringList(list []string) {
	e.buf = append(e.buf, '[')
	for i, s := range list {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.String(s)
	}
	e.buf = append(e.buf, ']')
}

// StringMap writes m as a JSON object with its keys sorted, so that the
// output is the same for equal maps.
func (e *Encoder) StringMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	mark := e.Begin()
	for _, k := range keys {
		if len(e.buf) > mark {
			e.buf = append(e.buf, ',')
		}
		e.String(k)
		e.buf = append(e.buf, ':')
		e.String(m[k])
	}
	e.End()
}

// AppendList writes list as a JSON array, each element with elem.
func AppendList[T any](e *Encoder, list []T, elem func(*Encoder, *T)) {
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
