package wire

import (
	"strings"
	"testing"
)

// A list's capacity is guessed from the bytes its first elements took: a
// long list at the end of the document is allocated once, and a guess far
// too large (a short list followed by much else) is cut to size.
func TestListBufGuess(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n, each, rest int
		maxCap        int
	}{
		{"long list at the end", 1000, 10, 0, 1100},
		{"short list before much else", 20, 10, 100000, 40},
	} {
		var d Decoder
		d.initString(strings.Repeat("x", tc.n*tc.each+tc.rest))
		l := ListBuf[int]{Start: d.pos}
		for i := 0; i < tc.n; i++ {
			*l.Next(&d) = i
			d.pos += tc.each
		}
		got := l.Slice(&d)
		if len(got) != tc.n || cap(got) > tc.maxCap || cap(got) < tc.n {
			t.Fatalf("%s: len %d cap %d, want len %d cap at most %d", tc.name, len(got), cap(got), tc.n, tc.maxCap)
		}
	}
}

func TestListBuf(t *testing.T) {
	for _, n := range []int{0, 1, listBufLen - 1, listBufLen, listBufLen + 1, 5 * listBufLen} {
		var l ListBuf[int]
		var d Decoder
		d.initString("")
		for i := 0; i < n; i++ {
			*l.Next(&d) = i
		}
		got := l.Slice(&d)
		if got == nil || len(got) != n {
			t.Fatalf("%d elements: got %v", n, got)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("%d elements: got %v", n, got)
			}
		}
	}
}
