package trainingjob

// The default run of the tests and the full one. By default the oracles
// that start an external client (the AWS CLI, in oracle_test.go and
// forms_test.go) run a few representative cases, and the tests that
// only repeat a cheap check many times (random inputs drawn by the hundred
// thousand, documents at the 64 MiB limit under the race detector) run a
// smaller draw. With TRAININGJOB_ALL_ORACLES=1, as .ci/run sets it, every
// case runs at full size. The one variable serves every package of the
// module; each package reads it through a helper like this one.
//
// These are exported, in a _test.go file, only so that the external tests
// of package trainingjob_test use the same helper, as tj.AllOracles.

import (
	"os"
	"testing"
)

// AllOraclesEnv is the environment variable that asks for the full run.
const AllOraclesEnv = "TRAININGJOB_ALL_ORACLES"

// AllOracles reports whether TRAININGJOB_ALL_ORACLES=1 asks for every case
// of the oracles and the full size of the heavy tests.
func AllOracles() bool { return os.Getenv(AllOraclesEnv) == "1" }

// SkipUnlessAllOracles skips t, saying why it is not run by default,
// unless TRAININGJOB_ALL_ORACLES=1.
func SkipUnlessAllOracles(t testing.TB, why string) {
	t.Helper()
	if !AllOracles() {
		t.Skipf("%s; %s=1 runs it (.ci/run does)", why, AllOraclesEnv)
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
