package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cellWidth is the number of terminal columns r takes: none for combining
// marks and zero-width characters, two for wide East Asian characters and
// emoji, one for the rest. Control characters never reach it: clean shows
// them as escapes first.
func cellWidth(r rune) int {
	switch {
	case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
		return 0
	case unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

// wideRanges are the blocks whose characters take two columns: Hangul Jamo,
// CJK, Hangul syllables, full-width forms, and the emoji blocks.
var wideRanges = [][2]rune{
	{0x1100, 0x115f}, {0x2e80, 0x303e}, {0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff},
	{0xa000, 0xa4cf}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe30, 0xfe4f}, {0xff00, 0xff60},
	{0xffe0, 0xffe6}, {0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
}

func isWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	for _, w := range wideRanges {
		if r >= w[0] && r <= w[1] {
			return true
		}
	}
	return false
}

// escapeLen is the length of the ANSI escape sequence (CSI: ESC [, then
// parameters, then a final byte) at the start of s, or 0.
func escapeLen(s string) int {
	if len(s) < 2 || s[0] != '\x1b' || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}

// textWidth is the number of columns s takes on a terminal; escape
// sequences take none.
func textWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if e := escapeLen(s[i:]); e > 0 {
			i += e
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += cellWidth(r)
		i += size
	}
	return n
}

// wrapText breaks s, one line of text, into lines of at most width
// columns. It breaks at spaces, which it drops, or after a slash or a
// comma, so that a path or a list breaks where it reads well; a word with
// none of them that is longer than a line is split where the line ends.
// Nothing is lost: the lines hold every character but the spaces at the
// breaks. Escape sequences take no room and are never split; colour that
// one turns on stays on across the break, as a terminal shows it.
func wrapText(s string, width int) []string {
	width = max(width, 1)
	var lines []string
	for textWidth(s) > width {
		end, resume := -1, -1 // where the line ends, and where the next starts
		cut, w := len(s), 0   // where the width runs out
		for i := 0; i < len(s); {
			if e := escapeLen(s[i:]); e > 0 {
				i += e
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			c := cellWidth(r)
			if w+c > width {
				cut = i
				if r == ' ' {
					end, resume = i, i+1
				}
				break
			}
			w += c
			switch {
			case r == ' ' && i > 0:
				end, resume = i, i+1
			case r == '/' || r == ',':
				end, resume = i+size, i+size
			}
			i += size
		}
		if end <= 0 {
			if cut == 0 { // a character wider than the line
				_, cut = utf8.DecodeRuneInString(s)
			}
			end, resume = cut, cut
		}
		lines = append(lines, strings.TrimRight(s[:end], " "))
		s = strings.TrimLeft(s[resume:], " ")
	}
	if s == "" && len(lines) > 0 {
		return lines
	}
	return append(lines, s)
}

// cutText shortens s, plain text, to at most width columns, ending it with
// "…" when it had to cut.
func cutText(s string, width int) string {
	if textWidth(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		c := cellWidth(r)
		if w+c > width-1 {
			break
		}
		b.WriteRune(r)
		w += c
	}
	return b.String() + "…"
}

// padText pads s, plain text, with spaces to width columns.
func padText(s string, width int) string {
	return s + strings.Repeat(" ", max(width-textWidth(s), 0))
}

// fitLine cuts line, which may hold colour escapes, to at most width
// columns, ending it with "…" and turning colour off when it had to cut.
func fitLine(line string, width int) string {
	if textWidth(line) <= width {
		return line
	}
	var b strings.Builder
	w, escaped := 0, false
	for i := 0; i < len(line); {
		if e := escapeLen(line[i:]); e > 0 {
			b.WriteString(line[i : i+e])
			escaped = true
			i += e
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if c := cellWidth(r); w+c > width-1 {
			break
		} else {
			w += c
		}
		b.WriteString(line[i : i+size])
		i += size
	}
	b.WriteString("…")
	if escaped {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// fitLines applies fitLine to every line of text.
func fitLines(text string, width int) string {
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		if textWidth(body) > width {
			lines[i] = fitLine(body, width) + l[len(body):]
		}
	}
	return strings.Join(lines, "")
}
