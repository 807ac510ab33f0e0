package main

// The default run of the tests and the full one. By default the test that
// runs the command as a separate process with the AWS CLI
// (TestServeBinaryWithAWSCLI) runs the test binary itself as the command;
// with TRAININGJOB_ALL_ORACLES=1, as .ci/run sets it, it also builds the
// command with go build and runs that. The one variable serves every
// package of the module.

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
