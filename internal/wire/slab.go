package wire

import "time"

// slab hands out pointers to scalars from shared chunks, so that the many
// *string and *int32 members of the SDK's types cost a few allocations in
// all rather than one each. Chunks are sized from the document's length and
// grow as more are needed; a chunk is never shared between two results:
// every Reset of a Decoder starts a new slab.
type slab struct {
	strings  slabChunk[string]
	int32s   slabChunk[int32]
	int64s   slabChunk[int64]
	bools    slabChunk[bool]
	float32s slabChunk[float32]
	times    slabChunk[time.Time]
}

// size sets the first chunk lengths for a document of n bytes: in the
// service's documents there is a pointer to a string about every 128 bytes,
// and far fewer of the other kinds. A document of seedMinDoc bytes or more
// gets the first chunk of every kind at once, in one slabSeed.
func (s *slab) size(n int) {
	*s = slab{}
	s.strings.next = min(max(n/128, slabMinChunk), slabMaxChunk)
	other := min(max(n/1024, slabMinChunk), slabMaxChunk)
	s.int32s.next, s.int64s.next, s.bools.next, s.float32s.next, s.times.next = other, other, other, other, other
	if n >= seedMinDoc {
		seed := new(slabSeed)
		s.strings.free, s.int32s.free, s.int64s.free = seed.strings[:], seed.int32s[:], seed.int64s[:]
		s.bools.free, s.float32s.free, s.times.free = seed.bools[:], seed.float32s[:], seed.times[:]
	}
}

// seedMinDoc is the size from which a document gets a slabSeed.
const seedMinDoc = 4 << 10

func (s *slab) string(v string) *string     { return s.strings.get(v) }
func (s *slab) int32(v int32) *int32        { return s.int32s.get(v) }
func (s *slab) int64(v int64) *int64        { return s.int64s.get(v) }
func (s *slab) bool(v bool) *bool           { return s.bools.get(v) }
func (s *slab) float32(v float32) *float32  { return s.float32s.get(v) }
func (s *slab) time(v time.Time) *time.Time { return s.times.get(v) }

// slabChunk hands out pointers to values of type T, carving them from
// chunks allocated together. Chunks double in length from next (at least
// slabMinChunk) up to slabMaxChunk. A chunk stays alive as long as any
// pointer into it does.
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

// slabSeed holds a first chunk of each kind of scalar, allocated together:
// a job of the usual size then gets all its scalars from one allocation.
type slabSeed struct {
	strings  [32]string
	int32s   [slabMinChunk]int32
	int64s   [slabMinChunk]int64
	bools    [slabMinChunk]bool
	float32s [slabMinChunk]float32
	times    [slabMinChunk]time.Time
}
