package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":                       0,
		"abc":                    3,
		"2 × ml.p3":              9,
		"███▏":                   4,
		"\x1b[1;31mred\x1b[0m":   3,
		"日本語":                    6,
		"e\u0301":                1, // e and a combining acute accent
		"a\u200db":               2,
		"\x1b[2mdim\x1b[0m 🚀 go": 8,
	} {
		assert.Equal(t, want, textWidth(s), "%q", s)
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"fits", 10, []string{"fits"}},
		{"two words", 5, []string{"two", "words"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"alpha, beta, gamma", 12, []string{"alpha, beta,", "gamma"}},
		{"s3://bucket/prefix/model.tar.gz", 14, []string{"s3://bucket/", "prefix/", "model.tar.gz"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"日本語テキスト", 5, []string{"日本", "語テ", "キス", "ト"}},
		{"x \x1b[31mred words\x1b[0m", 5, []string{"x \x1b[31mred", "words\x1b[0m"}},
		{"spaces  kept inside", 12, []string{"spaces  kept", "inside"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.s, tt.width)
		assert.Equal(t, tt.want, got, "%q at %d", tt.s, tt.width)
		for _, l := range got {
			assert.LessOrEqual(t, textWidth(l), tt.width, "%q", l)
		}
	}
	// A character wider than the line still makes progress.
	assert.Equal(t, []string{"日", "本"}, wrapText("日本", 1))
}

func TestFitLine(t *testing.T) {
	assert.Equal(t, "short", fitLine("short", 10))
	assert.Equal(t, "abcdefghi…", fitLine(strings.Repeat("abcdefghij", 3), 10))
	assert.Equal(t, "\x1b[31mabcd…\x1b[0m", fitLine("\x1b[31mabcdefgh\x1b[0m", 5), "colour is turned off after the cut")
	assert.Equal(t, "a\n"+strings.Repeat("b", 3)+"…\nc", fitLines("a\n"+strings.Repeat("b", 10)+"\nc", 4))
	assert.Equal(t, "Sta…", cutText("Status", 4))
	assert.Equal(t, "Status", cutText("Status", 6))
	assert.Equal(t, "ab  ", padText("ab", 4))
}
