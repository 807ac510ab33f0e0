// Package dfa defines the table format of the deterministic automata that
// check the service model's string patterns, the matcher that runs them,
// and the writer that prints a table as Go source.
//
// internal/constraintgen builds a Machine from each anchored regular
// expression of the model and writes it into constraints_gen.go with
// WriteGo; the root package runs the generated tables with Match. Both
// import this package, so the format is defined once.
package dfa

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Values of Machine.Skip besides an ASCII byte.
const (
	// SkipNone: the state has no shortcut; read the next rune.
	SkipNone = -1
	// SkipAll: every rune leads back to the state, so the rest of the
	// text cannot change the answer.
	SkipAll = 256
)

// Machine is a deterministic automaton equivalent to an anchored regular
// expression: Match accepts exactly the strings that package regexp's
// MatchString accepts for it. It reads runes as package regexp does (an
// invalid UTF-8 byte is utf8.RuneError, one byte wide), maps each rune to a
// class of runes that the expression treats alike, and follows a
// transition table.
type Machine struct {
	// ASCII holds the class of each ASCII rune: 128 bytes.
	ASCII string
	// Ranges give the classes of the other runes, in order, covering
	// 0x80 to utf8.MaxRune.
	Ranges []Range
	// Classes is the number of rune classes.
	Classes int
	// Next is the transition table: Next[state*Classes+class] is the next
	// state. State 0 rejects whatever follows; state 1 is the start.
	Next []uint16
	// Accept holds, per state, 1 when the text may end there and 0
	// otherwise.
	Accept string
	// Skip says per state what Match may jump over: SkipNone, SkipAll, or
	// the only ASCII byte that leaves the state (every other rune loops
	// back to it).
	Skip []int16
}

// Range gives the class of the runes Lo to Hi, inclusive.
type Range struct {
	Lo, Hi rune
	Class  uint8
}

// Class returns the class of r.
func (m *Machine) Class(r rune) int {
	if r >= 0 && r < utf8.RuneSelf {
		return int(m.ASCII[r])
	}
	lo, hi := 0, len(m.Ranges)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if m.Ranges[h].Hi < r {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo == len(m.Ranges) {
		return 0 // not reached for a well-formed table: the ranges cover every rune
	}
	return int(m.Ranges[lo].Class)
}

// Match reports whether the automaton accepts the whole of s.
func (m *Machine) Match(s string) bool {
	next, ncls, ascii, skip := m.Next, m.Classes, m.ASCII[:utf8.RuneSelf], m.Skip
	st := 1
	for i := 0; i < len(s); {
		switch k := skip[st]; {
		case k == SkipAll:
			return m.Accept[st] == 1
		case k >= 0:
			j := strings.IndexByte(s[i:], byte(k))
			if j < 0 {
				return m.Accept[st] == 1
			}
			i += j
		}
		var cls int
		if c := s[i]; c < utf8.RuneSelf {
			cls = int(ascii[c])
			i++
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			cls = m.Class(r)
			i += w
		}
		st = int(next[st*ncls+cls])
		if st == 0 {
			return false
		}
	}
	return m.Accept[st] == 1
}

// WriteGo writes m as a Go expression of type *dfa.Machine, for a file
// that imports this package under its own name.
func (m *Machine) WriteGo(b *bytes.Buffer) {
	b.WriteString("&dfa.Machine{\nASCII: ")
	b.WriteString(strconv.Quote(m.ASCII))
	b.WriteString(",\n")
	if len(m.Ranges) > 0 {
		b.WriteString("Ranges: []dfa.Range{")
		for i, r := range m.Ranges {
			if i%8 == 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(b, "{Lo: %#x, Hi: %#x, Class: %d}, ", r.Lo, r.Hi, r.Class)
		}
		b.WriteString("\n},\n")
	}
	fmt.Fprintf(b, "Classes: %d,\nNext: []uint16{", m.Classes)
	for i, n := range m.Next {
		if i%m.Classes == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d, ", n)
	}
	b.WriteString("\n},\nAccept: ")
	b.WriteString(strconv.Quote(m.Accept))
	b.WriteString(",\nSkip: []int16{")
	for _, k := range m.Skip {
		fmt.Fprintf(b, "%d, ", k)
	}
	b.WriteString("},\n}")
}
