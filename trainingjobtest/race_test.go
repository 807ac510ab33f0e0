//go:build race

package trainingjobtest_test

// raceEnabled reports whether the tests run under the race detector, which
// slows everything down: timing checks skip, figures are only indicative.
const raceEnabled = true
