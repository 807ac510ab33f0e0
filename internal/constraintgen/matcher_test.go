package constraintgen

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/dfa"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// extraExprs are expressions beyond the model's, for the corners of the
// construction: alternations, nested and counted repetitions, optional
// parts, Unicode classes, empty matches, negated classes and the dot.
var extraExprs = []string{
	`^(?:)$`,
	`^(?:a|ab|abc)$`,
	`^(?:(a|b)*c{2,3}d?)$`,
	`^(?:[^a-c]+x)$`,
	`^(?:.)$`,
	`^(?:[\S\s]?é)$`,
	`^(?:\p{Greek}+\d{1,3})$`,
	`^(?:[\p{L}\p{Z}]*|-)$`,
	`^(?:x*y*x*)$`,
	`^(?:[^\n]*\n.*)$`,
	`^(?:\x{FFFD}+)$`,
	`^(?:[a-z]{0,5}[0-9]{2,})$`,
	`^(?:(?:ab)+|(?:ba)+)$`,
	`^(?:[^/]+/?(.*))$`,
	`^(?:\w+(?:-\w+)+)$`,
	`^(?:[\x{10000}-\x{10FFFF}]+)$`,
	`^(?:\z)$`,
	`^(?:a\z)$`,
}

// modelExprs returns the anchored expressions of every pattern of the
// model that translates.
func modelExprs(t testing.TB) []string {
	data, err := readModelFile()
	if err != nil {
		t.Fatalf("reading the service model: %v", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, sh := range data.Shapes {
		if sh.Pattern == "" {
			continue
		}
		expr, _, ok := translatePattern(sh.Pattern)
		if ok && !seen[expr] {
			seen[expr] = true
			out = append(out, expr)
		}
	}
	sort.Strings(out)
	require.NotEmpty(t, out)
	return out
}

// sample returns strings to try on m: walks through the automaton that end
// in accepting states (the strings it accepts), those strings damaged, and
// random strings over an alphabet of the expression's characters, other
// ASCII, newlines, non-ASCII runes and invalid UTF-8.
func sample(rng *rand.Rand, m *matcher, expr string, n int) []string {
	alphabet := []string{"\n", "\r", "\x00", "\x7f", "\x80", "\xff", "\xc3", "é", "€", "𝄞", "\u2028", "\ufffd", " ", "\t", "ǅ", "Ω", "٣"}
	for _, r := range expr {
		alphabet = append(alphabet, string(r))
	}
	for c := '0'; c <= 'z'; c++ {
		alphabet = append(alphabet, string(c))
	}
	// runeOf picks a rune of class c.
	runeOf := func(c int) (string, bool) {
		var cands []rune
		for b := 0; b < utf8.RuneSelf; b++ {
			if int(m.ascii[b]) == c {
				cands = append(cands, rune(b))
			}
		}
		for _, r := range m.ranges {
			if r.cls == c {
				cands = append(cands, r.lo, r.hi, r.lo+(r.hi-r.lo)/2)
			}
		}
		if len(cands) == 0 {
			return "", false
		}
		r := cands[rng.IntN(len(cands))]
		if r == utf8.RuneError && rng.IntN(2) == 0 {
			return "\xff", true // an invalid byte reads as RuneError
		}
		if r >= 0xD800 && r <= 0xDFFF {
			return "", false
		}
		return string(r), true
	}
	var out []string
	for len(out) < n {
		var b strings.Builder
		switch rng.IntN(3) {
		case 0, 1: // a walk through the automaton
			st := 1
			for steps := 0; steps < 300; steps++ {
				if m.accept[st] && rng.IntN(8) == 0 {
					break
				}
				var live []int
				for c := 0; c < m.ncls; c++ {
					if m.next[st*m.ncls+c] != 0 {
						live = append(live, c)
					}
				}
				c := rng.IntN(m.ncls)
				if len(live) > 0 && rng.IntN(30) > 0 {
					c = live[rng.IntN(len(live))]
				}
				s, ok := runeOf(c)
				if !ok {
					continue
				}
				b.WriteString(s)
				st = m.next[st*m.ncls+c]
				if st == 0 {
					break
				}
			}
			s := b.String()
			out = append(out, s)
			if len(s) > 0 { // damaged copies
				i := rng.IntN(len(s))
				out = append(out, s[:i], s[:i]+alphabet[rng.IntN(len(alphabet))]+s[i:], s[:i]+s[i+1:], s+"\n", "\n"+s)
			}
		default:
			for k := rng.IntN(20); k > 0; k-- {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			out = append(out, b.String())
		}
	}
	return out
}

// TestMatchersAgreeWithRegexp compares each matcher with package regexp on
// 600 samples by default and 3,000 with TRAININGJOB_ALL_ORACLES=1: under
// -race -cover every step of a matcher costs an atomic operation through
// the race runtime, and the full draw took ten seconds.
func TestMatchersAgreeWithRegexp(t *testing.T) {
	exprs := append(modelExprs(t), extraExprs...)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 600
	switch {
	case testing.Short():
		n = 300
	case testenv.AllOracles():
		n = 3000
	}
	for _, expr := range exprs {
		t.Run(expr, func(t *testing.T) {
			re := regexp.MustCompile(expr)
			m, err := compileMatcher(expr)
			require.NoError(t, err)
			accepted := 0
			for _, s := range sample(rng, m, expr, n) {
				want := re.MatchString(s)
				if want {
					accepted++
				}
				require.Equal(t, want, m.machine().Match(s), "%q on %q", expr, s)
			}
			if expr != `^(?:\z)$` && !strings.Contains(expr, "(?:)") {
				assert.Positive(t, accepted, "no sample matched; the test would miss wrong rejections")
			}
		})
	}
}

func TestMatcherCorners(t *testing.T) {
	for _, tc := range []struct {
		expr string
		in   string
		want bool
	}{
		{`^(?:.*)$`, "a\nb", false},
		{`^(?:.*)$`, "a\rb\xff", true},
		{`^(?:.+)$`, "", false},
		{`^(?:[\S\s]*)$`, "\n\xff", true},
		{`^(?:[^/]+)$`, "a\nb", true},
		{`^(?:[a-z]{2})$`, "abc", false},
		{`^(?:é)$`, "\xc3", false},
		{`^(?:\x{FFFD})$`, "\xc3", true},
		{`^(?:\x{FFFD})$`, "\xc3\xa9", false},
	} {
		m, err := compileMatcher(tc.expr)
		require.NoError(t, err)
		assert.Equal(t, tc.want, m.machine().Match(tc.in), "%q on %q", tc.expr, tc.in)
		assert.Equal(t, regexp.MustCompile(tc.expr).MatchString(tc.in), tc.want, "the table itself is wrong for %q on %q", tc.expr, tc.in)
	}
}

func TestMatcherRefuses(t *testing.T) {
	for _, expr := range []string{`^(?:\bfoo)$`, `^(?i:abc)$`, `^(?:(?m)a$)$`} {
		_, err := compileMatcher(expr)
		assert.Error(t, err, expr)
	}
}

func FuzzMatchers(f *testing.F) {
	exprs := append(modelExprs(f), extraExprs...)
	matchers := make([]*dfa.Machine, len(exprs))
	res := make([]*regexp.Regexp, len(exprs))
	for i, expr := range exprs {
		m, err := compileMatcher(expr)
		require.NoError(f, err)
		matchers[i], res[i] = m.machine(), regexp.MustCompile(expr)
	}
	for _, s := range []string{"", "\n", "\xff", "arn:aws:sagemaker:us-east-1:123456789012:training-job/a-b", "s3://b/k", "fs-0123abcd", "12K", "ab--c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, m := range matchers {
			if got, want := m.Match(s), res[i].MatchString(s); got != want {
				t.Fatalf("%q on %q: matcher %v, regexp %v", exprs[i], s, got, want)
			}
		}
	})
}

func readModelFile() (*model, error) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		return nil, err
	}
	var m model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}
