//go:build race

package trainingjob_test

// raceEnabled reports whether the tests run under the race detector, which
// makes sync.Pool drop items at random: allocation counts are then
// meaningless (regexp keeps its matchers in a pool).
const raceEnabled = true
