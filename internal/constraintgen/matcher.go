package constraintgen

import (
	"fmt"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trainingjob-go/trainingjob/internal/dfa"
)

// A matcher is a deterministic automaton equivalent to an anchored Go
// regular expression: it accepts exactly the strings that
// regexp.MustCompile(expr).MatchString accepts. It reads the string one
// rune at a time, the way package regexp does (an invalid UTF-8 byte is
// the rune utf8.RuneError, one byte wide), maps each rune to a class of
// runes that every character class of the expression treats alike, and
// follows a transition table. It is built here and handed on in the table
// format of package dfa, which the generated file holds and the validator
// runs.
type matcher struct {
	ascii  [utf8.RuneSelf]uint8 // class of each ASCII rune
	ranges []classRange         // classes of the other runes, in order, covering 0x80..MaxRune
	ncls   int
	// next[state*ncls+class] is the next state; state 0 is the dead state
	// and state 1 the start.
	next   []int
	accept []bool
	// skip says, per state, what the matcher may jump over: skipNone, skipAll
	// (every rune loops back to the state) or an ASCII byte that is the only
	// rune leaving the state.
	skip []int
}

type classRange struct {
	lo, hi rune
	cls    int
}

// Values of matcher.skip besides an ASCII byte.
const (
	skipNone = dfa.SkipNone
	skipAll  = dfa.SkipAll
)

// maxStates bounds the automaton; an expression that needs more is left to
// package regexp.
const maxStates = 4096

// compileMatcher builds the automaton of an anchored expression, or says
// why it cannot.
func compileMatcher(expr string) (*matcher, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	// Check the instructions this construction understands.
	var bounds []rune // starts of the rune intervals
	for _, in := range prog.Inst {
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch, syntax.InstCapture, syntax.InstNop, syntax.InstMatch, syntax.InstFail:
		case syntax.InstEmptyWidth:
			if e := syntax.EmptyOp(in.Arg); e != syntax.EmptyBeginText && e != syntax.EmptyEndText {
				return nil, fmt.Errorf("empty-width assertion %v", e)
			}
		case syntax.InstRune:
			if len(in.Rune) == 1 {
				if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
					return nil, fmt.Errorf("case folding")
				}
				bounds = append(bounds, in.Rune[0], in.Rune[0]+1)
				continue
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				bounds = append(bounds, in.Rune[i], in.Rune[i+1]+1)
			}
		case syntax.InstRune1:
			bounds = append(bounds, in.Rune[0], in.Rune[0]+1)
		case syntax.InstRuneAny:
		case syntax.InstRuneAnyNotNL:
			bounds = append(bounds, '\n', '\n'+1)
		default:
			return nil, fmt.Errorf("instruction %v", in.Op)
		}
	}
	// Every ASCII rune is its own interval, so that the ASCII table is
	// exact; the other intervals start at the bounds.
	for r := rune(0); r <= utf8.RuneSelf; r++ {
		bounds = append(bounds, r)
	}
	bounds = append(bounds, utf8.RuneError, utf8.RuneError+1)
	sort.Slice(bounds, func(a, b int) bool { return bounds[a] < bounds[b] })
	var starts []rune
	for _, b := range bounds {
		if b <= unicode.MaxRune && (len(starts) == 0 || starts[len(starts)-1] != b) {
			starts = append(starts, b)
		}
	}
	// Group the intervals into classes by which rune instructions match them.
	var runeInsts []int
	for pc, in := range prog.Inst {
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			runeInsts = append(runeInsts, pc)
		}
	}
	m := &matcher{}
	classOf := map[string]int{}
	var reps []rune // a rune of each class
	intervalClass := make([]int, len(starts))
	for i, lo := range starts {
		var sig strings.Builder
		for _, pc := range runeInsts {
			if matchRune(&prog.Inst[pc], lo) {
				sig.WriteByte('1')
			} else {
				sig.WriteByte('0')
			}
		}
		c, ok := classOf[sig.String()]
		if !ok {
			c = len(reps)
			classOf[sig.String()] = c
			reps = append(reps, lo)
		}
		intervalClass[i] = c
	}
	m.ncls = len(reps)
	if m.ncls > 255 {
		return nil, fmt.Errorf("%d rune classes", m.ncls)
	}
	for i, lo := range starts {
		hi := rune(unicode.MaxRune)
		if i+1 < len(starts) {
			hi = starts[i+1] - 1
		}
		c := intervalClass[i]
		if lo < utf8.RuneSelf {
			m.ascii[lo] = uint8(c)
			continue
		}
		if n := len(m.ranges); n > 0 && m.ranges[n-1].cls == c && m.ranges[n-1].hi+1 == lo {
			m.ranges[n-1].hi = hi
			continue
		}
		m.ranges = append(m.ranges, classRange{lo, hi, c})
	}

	// Subset construction. A state is the set of rune and match
	// instructions reached, with the end-of-text assertions still pending.
	closure := func(pcs []uint32, begin bool) []uint32 {
		seen := map[uint32]bool{}
		var out []uint32
		var visit func(pc uint32)
		visit = func(pc uint32) {
			if seen[pc] {
				return
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				visit(in.Out)
				visit(in.Arg)
			case syntax.InstCapture, syntax.InstNop:
				visit(in.Out)
			case syntax.InstEmptyWidth:
				switch syntax.EmptyOp(in.Arg) {
				case syntax.EmptyBeginText:
					if begin {
						visit(in.Out)
					}
				case syntax.EmptyEndText:
					out = append(out, pc) // resolved at the end of the text
				}
			case syntax.InstFail:
			default:
				out = append(out, pc)
			}
		}
		for _, pc := range pcs {
			visit(pc)
		}
		sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
		return out
	}
	// accepts reports whether the text may end in the state.
	var acceptsAtEnd func(pcs []uint32, seen map[uint32]bool) bool
	acceptsAtEnd = func(pcs []uint32, seen map[uint32]bool) bool {
		for _, pc := range pcs {
			if seen[pc] {
				continue
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstMatch:
				return true
			case syntax.InstEmptyWidth:
				// At the end of the text, $ holds; ^ holds only when the
				// text is empty, which the start state's closure covered.
				if syntax.EmptyOp(in.Arg) == syntax.EmptyEndText {
					next := closure([]uint32{in.Out}, false)
					if acceptsAtEnd(next, seen) {
						return true
					}
				}
			}
		}
		return false
	}
	key := func(pcs []uint32) string {
		var b strings.Builder
		for _, pc := range pcs {
			b.WriteString(strconv.Itoa(int(pc)))
			b.WriteByte(',')
		}
		return b.String()
	}
	states := [][]uint32{nil} // state 0: dead
	index := map[string]int{"": 0}
	add := func(pcs []uint32) (int, error) {
		k := key(pcs)
		if s, ok := index[k]; ok {
			return s, nil
		}
		if len(states) >= maxStates {
			return 0, fmt.Errorf("more than %d states", maxStates)
		}
		index[k] = len(states)
		states = append(states, pcs)
		return len(states) - 1, nil
	}
	start := closure([]uint32{uint32(prog.Start)}, true)
	if len(start) == 0 {
		// The expression matches nothing; state 1 must still exist.
		states = append(states, nil)
		index["\x00start"] = 1
	} else if _, err := add(start); err != nil {
		return nil, err
	}
	for s := 1; s < len(states); s++ {
		for c := 0; c < m.ncls; c++ {
			var outs []uint32
			for _, pc := range states[s] {
				in := &prog.Inst[pc]
				switch in.Op {
				case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
					if matchRune(in, reps[c]) {
						outs = append(outs, in.Out)
					}
				}
			}
			next := 0
			if len(outs) > 0 {
				var err error
				if next, err = add(closure(outs, false)); err != nil {
					return nil, err
				}
			}
			m.next = append(m.next, next)
		}
	}
	// The dead state's row, in front.
	m.next = append(make([]int, m.ncls), m.next...)
	m.accept = make([]bool, len(states))
	m.skip = make([]int, len(states))
	for s := range states {
		m.accept[s] = s > 0 && acceptsAtEnd(states[s], map[uint32]bool{})
		m.skip[s] = m.skipOf(s)
	}
	return m, nil
}

// matchRune reports whether a rune instruction consumes r.
func matchRune(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	case syntax.InstRune1:
		return r == in.Rune[0]
	}
	return in.MatchRune(r)
}

// skipOf finds what state s lets the matcher jump over.
func (m *matcher) skipOf(s int) int {
	if s == 0 {
		return skipNone
	}
	row := m.next[s*m.ncls : (s+1)*m.ncls]
	for _, r := range m.ranges {
		if row[r.cls] != s {
			return skipNone
		}
	}
	exit := skipAll
	for b := 0; b < utf8.RuneSelf; b++ {
		if row[m.ascii[b]] == s {
			continue
		}
		if exit != skipAll {
			return skipNone
		}
		exit = b
	}
	return exit
}

// maxTable bounds the transition table written for one expression; a
// bigger automaton is left to package regexp, to keep the generated file
// small.
const maxTable = 8192

// machine returns the automaton in the table format of package dfa.
func (m *matcher) machine() *dfa.Machine {
	out := &dfa.Machine{
		ASCII:   string(m.ascii[:]),
		Classes: m.ncls,
		Next:    make([]uint16, len(m.next)),
		Skip:    make([]int16, len(m.skip)),
	}
	for _, r := range m.ranges {
		out.Ranges = append(out.Ranges, dfa.Range{Lo: r.lo, Hi: r.hi, Class: uint8(r.cls)})
	}
	for i, n := range m.next {
		out.Next[i] = uint16(n)
	}
	acc := make([]byte, len(m.accept))
	for i, a := range m.accept {
		if a {
			acc[i] = 1
		}
	}
	out.Accept = string(acc)
	for i, k := range m.skip {
		out.Skip[i] = int16(k)
	}
	return out
}
