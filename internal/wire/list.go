package wire

import (
	"slices"
	"unsafe"
)

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
// Every allocation is claimed from the Decoder's budget (see Claim) before
// it is made, and a list never grows past Max entries: Next fails with
// ErrTooLarge at entry Max, before allocating for it. A guess or a doubling
// that the budget cannot pay for is cut down to what it can.
//
// The generated decoders of lists declare one as
// wire.ListBuf[T]{Start: d.Pos(), Max: MaxListEntries} (MaxHistoryEntries
// for the history) right after OpenArray, fill it with Next and return
// Slice.
type ListBuf[T any] struct {
	n int
	// Start is the offset in the document just after the list's opening
	// bracket, from which Next measures the bytes the elements take.
	Start int
	// Max is the most entries the list may hold; 0 stands for
	// MaxListEntries.
	Max  int
	heap []T
	buf  [listBufLen]T
}

// listMaxGuess bounds the first capacity guessed for a list.
const listMaxGuess = 1 << 16

// Next appends a zeroed element to the list and returns a pointer to it for
// d to decode into; the pointer stays valid until the next call. When the
// list already holds Max entries, or the budget cannot pay for its storage,
// d fails with ErrTooLarge and Next returns a pointer to scratch space, not
// part of the list, that the caller may decode into harmlessly (d reads
// nothing more after a failure).
func (l *ListBuf[T]) Next(d *Decoder) *T {
	limit := l.Max
	if limit <= 0 {
		limit = MaxListEntries
	}
	if l.n >= limit {
		d.failTooMany(limit)
		return l.scratch()
	}
	if l.n < listBufLen {
		l.n++
		return &l.buf[l.n-1]
	}
	size := max(int(unsafe.Sizeof(l.buf[0])), 1)
	if l.heap == nil {
		c := 4 * listBufLen
		if used := d.pos - l.Start; used > 0 {
			guess := listBufLen * (len(d.src) - l.Start) / used
			c = min(max(c, guess+1), listMaxGuess)
		}
		c = d.affordable(min(c, limit), listBufLen+1, size)
		if !d.Claim(c * size) {
			return l.scratch()
		}
		l.heap = make([]T, listBufLen, c)
		copy(l.heap, l.buf[:])
	}
	if len(l.heap) == cap(l.heap) {
		// Double rather than let append grow by a quarter: a history of
		// a million entries then costs about twice its final size in all,
		// as one of a hundred thousand does.
		c := d.affordable(min(2*cap(l.heap), limit), len(l.heap)+1, size)
		if !d.Claim(c * size) {
			return l.scratch()
		}
		grown := make([]T, len(l.heap), c)
		copy(grown, l.heap)
		l.heap = grown
	}
	l.n++
	l.heap = l.heap[:l.n]
	return &l.heap[l.n-1]
}

// scratch returns the space Next hands out after a failure: the stack
// array's first slot, whose content no longer matters once d has failed.
func (l *ListBuf[T]) scratch() *T {
	var zero T
	l.buf[0] = zero
	return &l.buf[0]
}

// Slice returns the list, non-nil even when empty. A list held in a slice
// more than twice its length is copied to one of its length, when d's
// budget can pay for the copy; otherwise it is returned as it is.
func (l *ListBuf[T]) Slice(d *Decoder) []T {
	size := max(int(unsafe.Sizeof(l.buf[0])), 1)
	if l.heap != nil {
		if cap(l.heap) > 2*len(l.heap) && d.claimIfAffordable(len(l.heap)*size) {
			return slices.Clone(l.heap)
		}
		return l.heap
	}
	if l.n > 0 && !d.Claim(l.n*size) {
		return []T{}
	}
	out := make([]T, l.n)
	copy(out, l.buf[:l.n])
	return out
}
