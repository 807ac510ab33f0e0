package trainingjob

import "time"

// slabChunk hands out pointers to values of type T, carving them from
// chunks allocated together: the many *string, *int32 and *time.Time
// members of the SDK's types then cost a few allocations in all rather than
// one each. Chunks double in length from next (at least slabMinChunk) up to
// slabMaxChunk. A chunk stays alive as long as any pointer into it does.
//
// The deep copies (see copier in deepcopy_gen.go) use it, each with slabs
// of its own, so no two results share a chunk; the decoder has its own
// slabs, in internal/wire.
type slabChunk[T any] struct {
	free []T
	next int // length of the next chunk
}

// Bounds on the length of a chunk.
const (
	slabMinChunk = 8
	slabMaxChunk = 1024
)

// get returns a pointer to a new value holding v.
func (c *slabChunk[T]) get(v T) *T {
	if len(c.free) == 0 {
		n := max(c.next, slabMinChunk)
		c.free = make([]T, n)
		c.next = min(2*n, slabMaxChunk)
	}
	p := &c.free[0]
	*p = v
	c.free = c.free[1:]
	return p
}

// clone returns a pointer to a new copy of *p, or nil if p is nil.
func (c *slabChunk[T]) clone(p *T) *T {
	if p == nil {
		return nil
	}
	return c.get(*p)
}

// slabSeed holds a first chunk of each kind of scalar, allocated together:
// a job of the usual size then gets all its scalars from one allocation
// when a copier copies it.
type slabSeed struct {
	strings  [32]string
	int32s   [slabMinChunk]int32
	int64s   [slabMinChunk]int64
	bools    [slabMinChunk]bool
	float32s [slabMinChunk]float32
	times    [slabMinChunk]time.Time
}
