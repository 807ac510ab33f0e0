package wire

import "os"

// fullSize returns full when TRAININGJOB_ALL_ORACLES=1 (as .ci/run sets
// it) and def otherwise. The tests that check a fast path against the
// general code on random inputs draw def of them by default: under -race
// and -cover every branch of the decoder costs an atomic operation, and the
// full draw takes seconds a test.
func fullSize(def, full int) int {
	if os.Getenv("TRAININGJOB_ALL_ORACLES") == "1" {
		return full
	}
	return def
}
