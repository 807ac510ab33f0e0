package constraintgen

// The default run of the tests and the full one: by default the matchers
// are compared with package regexp on fewer random samples; with
// TRAININGJOB_ALL_ORACLES=1, as .ci/run sets it, on all of them. The one
// variable serves every package of the module.

import "os"

// allOracles reports whether TRAININGJOB_ALL_ORACLES=1 asks for the full run.
func allOracles() bool { return os.Getenv("TRAININGJOB_ALL_ORACLES") == "1" }
