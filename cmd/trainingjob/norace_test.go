//go:build !race

package main

// raceEnabled reports whether the tests run with the race detector; the
// test that builds the binary then builds it the same way, so that it
// reuses the packages the test build compiled.
const raceEnabled = false
