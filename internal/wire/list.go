package wire

import "slices"

// listBufLen is how many elements of a list are collected on the stack
// before the list moves to the heap.
const listBufLen = 8

// ListBuf collects the elements of a list being decoded: the first
// listBufLen in an array on the decoding function's stack, the rest in a
// slice, so that a short list costs one allocation of exactly its length.
// When a list outgrows the array, the slice is sized from the bytes the
// first elements took and the bytes left in the document, so that a long
// history is usually allocated once rather than grown step by step, and
// a list longer than the guess doubles; a guess that proves more than
// twice too large is cut to size at the end.
//
// The generated decoders of lists declare one as
// wire.ListBuf[T]{Start: d.Pos()} right after OpenArray, fill it with Next
// and return Slice.
type ListBuf[T any] struct {
	n int
	// Start is the offset in the document just after the list's opening
	// bracket, from which Next measures the bytes the elements take.
	Start int
	heap  []T
	buf   [listBufLen]T
}

// listMaxGuess bounds the first capacity guessed for a list.
const listMaxGuess = 1 << 16

// Next appends a zeroed element to the list and returns a pointer to it for
// d to decode into; the pointer stays valid until the next call.
func (l *ListBuf[T]) Next(d *Decoder) *T {
	l.n++
	if l.n <= listBufLen {
		return &l.buf[l.n-1]
	}
	if l.heap == nil {
		c := 4 * listBufLen
		if used := d.pos - l.Start; used > 0 {
			guess := listBufLen * (len(d.src) - l.Start) / used
			c = min(max(c, guess+1), listMaxGuess)
		}
		l.heap = make([]T, listBufLen, c)
		copy(l.heap, l.buf[:])
	}
	if len(l.heap) == cap(l.heap) {
		// Double rather than let append grow by a quarter: a history of
		// a million entries then costs about twice its final size in all,
		// as one of a hundred thousand does.
		grown := make([]T, len(l.heap), 2*cap(l.heap))
		copy(grown, l.heap)
		l.heap = grown
	}
	l.heap = l.heap[:l.n]
	return &l.heap[l.n-1]
}

// Slice returns the list, non-nil even when empty.
func (l *ListBuf[T]) Slice() []T {
	if l.heap != nil {
		if cap(l.heap) > 2*len(l.heap) {
			return slices.Clone(l.heap)
		}
		return l.heap
	}
	out := make([]T, l.n)
	copy(out, l.buf[:l.n])
	return out
}
