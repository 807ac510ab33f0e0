package dfa

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// abc accepts "a" followed by any number of "b", "c" or "é", then an
// optional tail that starts with "!" and may hold anything: ^a[bcé]*(!.*)?$
// with "." taking every rune. Classes: 0 other, 1 'a', 2 'b' 'c' 'é', 3 '!'.
// States: 0 dead, 1 start, 2 after a, 3 after "!" (loops on everything).
func abc() *Machine {
	ascii := make([]byte, 128)
	ascii['a'] = 1
	ascii['b'], ascii['c'] = 2, 2
	ascii['!'] = 3
	return &Machine{
		ASCII:   string(ascii),
		Ranges:  []Range{{0x80, 0xe8, 0}, {0xe9, 0xe9, 2}, {0xea, 0x10ffff, 0}},
		Classes: 4,
		Next: []uint16{
			0, 0, 0, 0, // dead
			0, 2, 0, 0, // start: only 'a'
			0, 0, 2, 3, // after a
			3, 3, 3, 3, // after "!"
		},
		Accept: "\x00\x00\x01\x01",
		Skip:   []int16{SkipNone, SkipNone, SkipNone, SkipAll},
	}
}

func TestMatch(t *testing.T) {
	m := abc()
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"a", true},
		{"abcbc", true},
		{"abé", true},
		{"abx", false},
		{"ab!anything at all \xff", true},
		{"b", false},
		{"xa", false},
		{"a\xff", false},
		{"aé\xe9", false}, // an invalid byte is utf8.RuneError, class 0
		{"A", false},
	} {
		assert.Equal(t, tc.want, m.Match(tc.in), "%q", tc.in)
	}
}

// TestMatchSkipsToTheByte runs ^[^!]*!$, whose start state loops on
// everything but "!": Match jumps to the next "!".
func TestMatchSkipsToTheByte(t *testing.T) {
	ascii := make([]byte, 128)
	ascii['!'] = 1
	m := &Machine{
		ASCII:   string(ascii),
		Ranges:  []Range{{0x80, 0x10ffff, 0}},
		Classes: 2,
		Next:    []uint16{0, 0, 1, 2, 0, 0},
		Accept:  "\x00\x00\x01",
		Skip:    []int16{SkipNone, '!', SkipNone},
	}
	for in, want := range map[string]bool{"!": true, "abc!": true, "é\xff!": true, "abc": false, "!!": false, "": false, "a!b": false} {
		assert.Equal(t, want, m.Match(in), "%q", in)
	}
}

func TestClass(t *testing.T) {
	m := abc()
	assert.Equal(t, 1, m.Class('a'))
	assert.Equal(t, 2, m.Class('é'))
	assert.Equal(t, 0, m.Class('€'))
	assert.Equal(t, 0, m.Class(0x10ffff))
	assert.Equal(t, 0, m.Class(0x80))
	assert.Equal(t, 0, (&Machine{ASCII: string(make([]byte, 128))}).Class(0x100), "no ranges: class 0")
}

func TestWriteGo(t *testing.T) {
	var b bytes.Buffer
	abc().WriteGo(&b)
	got := b.String()
	for _, want := range []string{
		"&dfa.Machine{\nASCII: \"\\x00",
		"Ranges: []dfa.Range{\n{Lo: 0x80, Hi: 0xe8, Class: 0}, {Lo: 0xe9, Hi: 0xe9, Class: 2}, {Lo: 0xea, Hi: 0x10ffff, Class: 0}, \n},",
		"Classes: 4,\nNext: []uint16{\n0, 0, 0, 0, \n0, 2, 0, 0, \n0, 0, 2, 3, \n3, 3, 3, 3, \n},",
		"Accept: \"\\x00\\x00\\x01\\x01\",",
		"Skip: []int16{-1, -1, -1, 256, },\n}",
	} {
		assert.Contains(t, got, want)
	}
	b.Reset()
	(&Machine{ASCII: "x", Classes: 1, Next: []uint16{0, 0}, Accept: "\x00\x01", Skip: []int16{-1, -1}}).WriteGo(&b)
	assert.False(t, strings.Contains(b.String(), "Ranges"), "no ranges, no Ranges member")
}
