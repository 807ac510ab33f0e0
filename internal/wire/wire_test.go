package wire

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A failure carries the path, offset, kind and message, and only the first
// one counts.
func TestFirstFailureWins(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`{"A":[1,{"B":"x"}]}`))
	require.True(t, d.OpenObject())
	_, ok := d.FirstKey()
	require.True(t, ok)
	d.Enter()
	require.True(t, d.OpenArray())
	require.True(t, d.More(0))
	d.EnterIndex(0)
	assert.Equal(t, "", d.StringValue())
	require.True(t, d.Failed())
	d.FailAt(0, ErrSyntax, "a later failure")
	e := d.Err()
	require.NotNil(t, e)
	assert.Equal(t, &Error{Path: "A[0]", Offset: 6, Kind: ErrType, Msg: "expected string, found number"}, e)
	assert.Equal(t, "A[0]: expected string, found number (at byte 6)", e.Error())
	assert.True(t, errors.Is(e, ErrType))
	assert.Same(t, e, d.Finish())
	assert.Equal(t, byte(0), d.Peek(), "nothing is read after a failure")
	assert.False(t, d.OpenObject())
}

func TestFinishRefusesTrailingData(t *testing.T) {
	var d Decoder
	d.Reset([]byte(" null \n"))
	assert.True(t, d.Null())
	assert.Nil(t, d.Finish())

	d.Reset([]byte(`"a" "b"`))
	assert.Equal(t, "a", d.StringValue())
	e := d.Finish()
	require.NotNil(t, e)
	assert.Equal(t, ErrSyntax, e.Kind)
	assert.Equal(t, int64(4), e.Offset)
	assert.Equal(t, "unexpected data after the document", e.Msg)
}

// FailAt takes the caller's own kind and offset; Rewind and Seek move the
// reading position back.
func TestFailAtRewindAndSeek(t *testing.T) {
	doc := []byte(` {"x": {"y": 1}, "z": true}`)
	var d Decoder
	d.Reset(doc)
	assert.Equal(t, byte('{'), d.Peek())
	require.True(t, d.OpenObject())
	k, ok := d.FirstKey()
	require.True(t, ok)
	assert.Equal(t, "x", k)
	at, keyAt := d.Pos(), d.KeyAt()
	assert.Equal(t, byte('{'), doc[at])
	assert.Equal(t, byte('"'), doc[keyAt])
	d.SkipValue()
	k, ok = d.NextKey()
	require.True(t, ok)
	assert.Equal(t, "z", k)
	assert.True(t, d.BoolValue())
	_, ok = d.NextKey()
	require.False(t, ok)
	end := d.Pos()

	d.Seek(at)
	d.EnterAt(keyAt)
	require.True(t, d.OpenObject())
	_, ok = d.FirstKey()
	require.True(t, ok)
	d.Enter()
	assert.Equal(t, int32(1), d.Int32Value())
	d.Leave()
	_, ok = d.NextKey()
	require.False(t, ok)
	d.Leave()
	d.Seek(end)
	require.Nil(t, d.Finish())

	d.Rewind()
	assert.Equal(t, 0, d.Pos())
	require.True(t, d.OpenObject())
	mine := errors.New("mine")
	d.FailAt(0, mine, "not wanted")
	assert.Equal(t, &Error{Offset: 0, Kind: mine, Msg: "not wanted"}, d.Err())
	d.Rewind()
	assert.Equal(t, len(doc), d.Pos(), "a failure is kept")
}

// Reset starts a document afresh: no failure, no text or slab chunk shared
// with the values of the document before.
func TestResetForgets(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`[`))
	d.SkipValue()
	require.True(t, d.Failed())
	d.Reset([]byte(`"first"`))
	require.False(t, d.Failed())
	first := d.StringPtr()
	require.NotEmpty(t, d.slab.strings.free)
	require.NotEmpty(t, d.text)
	d.Reset([]byte(`"second"`))
	assert.Empty(t, d.slab.strings.free, "the rest of the first document's chunk")
	assert.Nil(t, d.text, "the first document's text")
	second := d.StringPtr()
	assert.Equal(t, "first", *first)
	assert.Equal(t, "second", *second)
}

func TestNewStringAndPointers(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`[7, 8, true, 1.5, "NaN", 1709892000.25, null]`))
	require.True(t, d.OpenArray())
	require.True(t, d.More(0))
	assert.Equal(t, int32(7), *d.Int32Ptr())
	require.True(t, d.More(1))
	assert.Equal(t, int64(8), *d.Int64Ptr())
	require.True(t, d.More(2))
	assert.True(t, *d.BoolPtr())
	require.True(t, d.More(3))
	assert.Equal(t, float32(1.5), *d.Float32Ptr())
	require.True(t, d.More(4))
	assert.True(t, math.IsNaN(float64(*d.Float32Ptr())))
	require.True(t, d.More(5))
	assert.True(t, time.Unix(1709892000, 250_000_000).Equal(*d.TimePtr()))
	require.True(t, d.More(6))
	assert.Nil(t, d.StringPtr())
	require.False(t, d.More(7))
	require.Nil(t, d.Finish())
	p := d.NewString("kept")
	assert.Equal(t, "kept", *p)
}

func TestEncoder(t *testing.T) {
	var e Encoder
	e.Grow(64)
	mark := e.Begin()
	e.Key(mark, `"A":`)
	e.StringList([]string{"x", "y\n"})
	e.Key(mark, `"B":`)
	e.StringMap(map[string]string{"b": "2", "a": "1"})
	e.Key(mark, `"C":`)
	AppendList(&e, []int32{1, 2}, func(e *Encoder, v *int32) { e.Int32(*v) })
	e.Key(mark, `"D":`)
	e.Float32(float32(math.Inf(-1)))
	e.Key(mark, `"E":`)
	e.Time(time.Unix(1709892000, 120_000_000))
	e.End()
	out, err := e.Finish()
	require.NoError(t, err)
	assert.Equal(t, `{"A":["x","y\n"],"B":{"a":"1","b":"2"},"C":[1,2],"D":"-Infinity","E":1709892000.12}`, string(out))

	var bad Encoder
	bad.Time(time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC))
	_, err = bad.Finish()
	assert.ErrorContains(t, err, "cannot write time 1969-12-31T00:00:00Z")
}

func TestAppendPathStep(t *testing.T) {
	var b []byte
	b = AppendPathStep(b, PathMember, "HyperParameters", 0)
	b = AppendPathStep(b, PathKey, `a"b`, 0)
	b = AppendPathStep(b, PathMember, "Tags", 0)
	b = AppendPathStep(b, PathIndex, "", 3)
	assert.Equal(t, `HyperParameters["a\"b"].Tags[3]`, string(b))
}

// Excerpt quotes a short value whole and cuts a long one on a character
// boundary, escaping what strconv.Quote escapes.
func TestExcerpt(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "abc", 24, `"abc"`},
		{"at the bound", "abcd", 4, `"abcd"`},
		{"cut", "abcdef", 4, `"abcd"… (6 bytes)`},
		{"escaped", "a\nb\x1bc", 24, `"a\nb\x1bc"`},
		{"invalid UTF-8 at the cut", "abc\xff\xfez", 4, `"abc\xff"… (6 bytes)`},
		{"two-byte character across the cut", "abcé", 4, `"abc"… (5 bytes)`},
		{"four-byte character across the cut", "a😀b", 3, `"a"… (6 bytes)`},
		{"four-byte character before the cut", "😀bc", 4, `"😀"… (6 bytes)`},
		{"lone continuation bytes", "\x80\x80\x80\x80\x80", 2, `"\x80\x80"… (5 bytes)`},
		{"zero", "abc", 0, `""… (3 bytes)`},
		{"negative", "abc", -1, `""… (3 bytes)`},
	} {
		assert.Equal(t, tt.want, Excerpt(tt.in, tt.max), tt.name)
	}
}

// A byte that a message rejects is quoted as a character when it is ASCII
// and in hex otherwise; a number token is cut without quotes.
func TestQuoteByteAndNumberExcerpt(t *testing.T) {
	assert.Equal(t, `'x'`, quoteByte('x'))
	assert.Equal(t, `'\x00'`, quoteByte(0))
	assert.Equal(t, `'\n'`, quoteByte('\n'))
	assert.Equal(t, `'\xff'`, quoteByte(0xff))
	assert.Equal(t, `'\x80'`, quoteByte(0x80))
	assert.Equal(t, "1.5e3", numberExcerpt("1.5e3"))
	assert.Equal(t, "123456789012345678901234… (30 bytes)", numberExcerpt("123456789012345678901234567890"))
	assert.Equal(t, `"1\n"`, numberExcerpt("1\n"))
}
