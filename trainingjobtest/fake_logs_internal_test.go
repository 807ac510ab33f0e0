package trainingjobtest

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metricLine writes, for the expressions users give as MetricDefinitions,
// a line the expression matches with the value in its first group.
func TestMetricLine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		regex string
		ok    bool
	}{
		{`train:loss=([0-9.]+)`, true},
		{`loss: ([0-9\.]+)`, true},
		{`val_acc=([0-9\.]+);`, true},
		{`.*\[(\d+)\].*`, true}, // integers only: the value is written as one
		{`^epoch=\d+ loss=(\S+)$`, true},
		{`(?i)Accuracy\s*[:=]\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)`, true},
		{`#quality_metric: host=\S+, test (?:mse|rmse) <loss>=(\S+)`, true},
		{`lr=([0-9]\.[0-9]+e[-+][0-9]+)`, true},
		{`(a|b)+loss=([0-9.]+)`, false},     // group 1 is not the number
		{`loss=[0-9.]+`, false},             // no group
		{`loss(?=x)=([0-9.]+)`, false},      // not RE2
		{`loss=([a-z]+)`, false},            // no number fits the group
		{`\n(\d+)`, false},                  // a line cannot hold a newline
		{`x{1000}{1000}([0-9.]+)`, false},   // Go refuses it
		{`(?:a{100}){100}([0-9.]+)`, false}, // too long a line
	}
	for _, tc := range cases {
		re, _ := regexp.Compile(tc.regex)
		line, ok := metricLine(metricDef{name: "m", regex: tc.regex, re: re}, 0.4242)
		require.Equal(t, tc.ok, ok, "%s: %q", tc.regex, line)
		if !ok {
			continue
		}
		m := re.FindStringSubmatch(line)
		require.NotNil(t, m, "%s does not match %q", tc.regex, line)
		v, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		assert.Contains(t, []float64{0.4242, 424}, v, "%s: %q", tc.regex, line)
	}
}

// FuzzMetricLine gives metricLine any expression: it never panics nor
// runs long, and a line it writes is one the expression matches with a
// number in its first group, as the FinalMetricDataList of the job needs.
func FuzzMetricLine(f *testing.F) {
	for _, seed := range []string{
		`train:loss=([0-9.]+)`, `.*\[(\d+)\].*`, `loss: ([0-9\.]+)`, `(?i)acc\w*=(\S+)`, `^(\d+)$`,
		`(a|b)+loss=([0-9.]+)`, `x{1000}{1000}([0-9.]+)`, `((((((((((x))))))))))`, `[^\x00-\x{10FFFF}]([0-9.]+)`,
		`\b(\d+\.\d+)\b`, `(?s).(.)`, `(\pL+)`, `([0-9]{3,})`, `(?:(?:a{50}){50}){50}(\d+)`,
	} {
		f.Add(seed, 0.5)
	}
	f.Fuzz(func(t *testing.T, expr string, value float64) {
		re, err := regexp.Compile(expr)
		if err != nil {
			re = nil
		}
		start := time.Now()
		line, ok := metricLine(metricDef{name: "m", regex: expr, re: re}, value)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("metricLine took %s for %q", d, expr)
		}
		if !ok {
			return
		}
		m := re.FindStringSubmatch(line)
		if m == nil || len(m) < 2 {
			t.Fatalf("%q does not match the line %q", expr, line)
		}
		if _, err := strconv.ParseFloat(m[1], 64); err != nil {
			t.Fatalf("%q: group 1 of %q is %q, not a number", expr, line, m[1])
		}
	})
}
