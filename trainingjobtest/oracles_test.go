package trainingjobtest_test

// The default run of the tests and the full one. By default the tests that
// start an external client (the AWS CLI and boto3, in server_test.go) run a
// few representative calls, and the load test runs fewer workers and calls;
// with TRAININGJOB_ALL_ORACLES=1, as .ci/run sets it, everything runs at
// full size. The one variable serves every package of the module.

import (
	"os"
	"testing"
)

// allOraclesEnv is the environment variable that asks for the full run.
const allOraclesEnv = "TRAININGJOB_ALL_ORACLES"

// allOracles reports whether TRAININGJOB_ALL_ORACLES=1.
func allOracles() bool { return os.Getenv(allOraclesEnv) == "1" }

// skipUnlessAllOracles skips t, saying why it is not run by default,
// unless TRAININGJOB_ALL_ORACLES=1.
func skipUnlessAllOracles(t testing.TB, why string) {
	t.Helper()
	if !allOracles() {
		t.Skipf("%s; %s=1 runs it (.ci/run does)", why, allOraclesEnv)
	}
}
