// Package testenv tells the module's tests how large a run the environment
// asks for.
//
// By default the oracles that start an external client (the AWS CLI,
// boto3, a built binary) run a few representative cases, and tests that
// only repeat a cheap check many times (random inputs by the hundred
// thousand, documents at the 64 MiB limit under the race detector) draw
// less. With TRAININGJOB_ALL_ORACLES=1, as .ci/run sets it, every case runs
// at full size. Every package of the module reads the variable through
// this package.
package testenv

import (
	"os"
	"testing"
)

// AllOraclesVar is the environment variable that asks for the full run.
const AllOraclesVar = "TRAININGJOB_ALL_ORACLES"

// AllOracles reports whether TRAININGJOB_ALL_ORACLES=1 asks for every case
// of the oracles and the full size of the heavy tests.
func AllOracles() bool { return os.Getenv(AllOraclesVar) == "1" }

// SkipUnlessAllOracles skips t, saying why it does not run by default and
// how to run it, unless TRAININGJOB_ALL_ORACLES=1.
func SkipUnlessAllOracles(t testing.TB, why string) {
	t.Helper()
	if !AllOracles() {
		t.Skipf("%s; %s=1 runs it (.ci/run does)", why, AllOraclesVar)
	}
}

// FullSize returns full when TRAININGJOB_ALL_ORACLES=1 and def otherwise:
// the number of random inputs a test draws, for instance.
func FullSize(def, full int) int {
	if AllOracles() {
		return full
	}
	return def
}
