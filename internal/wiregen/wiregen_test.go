package wiregen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copySource copies the package's two source files the generator reads into
// a temporary directory, applying edit to trainingjob.go.
func copySource(t *testing.T, edit func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"trainingjob.go", "secondarystatus.go"} {
		data, err := os.ReadFile(filepath.Join("..", "..", name))
		require.NoError(t, err)
		src := string(data)
		if name == "trainingjob.go" {
			src = edit(src)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return dir
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(filepath.Join("..", ".."))
	require.NoError(t, err)
	b, err := Generate(filepath.Join("..", ".."))
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.True(t, strings.HasPrefix(string(a), Header+"\n"))
	for _, fn := range []string{"func decodeJob(", "func appendJob(", "func decodeHistoryEntry(", "func decodeChannel(", "func appendMetricData("} {
		assert.Contains(t, string(a), fn)
	}
}

func TestGenerateRefusesUnknownTypes(t *testing.T) {
	tests := map[string]string{
		"a channel":             "\tTags []types.Tag\n\tOdd chan int\n",
		"an unknown SDK type":   "\tTags []types.Tag\n\tOdd *types.NoSuchShape\n",
		"an unsupported scalar": "\tTags []types.Tag\n\tOdd float64\n",
	}
	for name, field := range tests {
		t.Run(name, func(t *testing.T) {
			dir := copySource(t, func(s string) string {
				return strings.Replace(s, "\tTags []types.Tag\n", field, 1)
			})
			_, err := Generate(dir)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "Odd")
		})
	}
	_, err := Generate(t.TempDir())
	assert.Error(t, err, "no source to read")
}

func TestWireOrderNamesRealMembers(t *testing.T) {
	tests := map[string]map[string][]string{
		"an unknown member":    {"MetricData": {"MetricName", "Valeu"}},
		"an unreachable shape": {"NoSuchShape": {"Name"}},
	}
	saved := wireOrder
	t.Cleanup(func() { wireOrder = saved })
	for name, order := range tests {
		t.Run(name, func(t *testing.T) {
			wireOrder = order
			_, err := Generate(filepath.Join("..", ".."))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "wireOrder")
		})
	}
}

func TestDecodersExpectTheWireOrder(t *testing.T) {
	src, err := Generate(filepath.Join("..", ".."))
	require.NoError(t, err)
	// MetricData's Go order is MetricName, Timestamp, Value; the service
	// writes Value before Timestamp.
	assert.Contains(t, string(src), "var metricDataKeys = [...]string{\n\t`\"MetricName\":`,\n\t`\"Value\":`,\n\t`\"Timestamp\":`,\n}")
	// The encoder keeps the Go order.
	enc := string(src)[strings.Index(string(src), "func appendMetricData("):]
	assert.Less(t, strings.Index(enc, `"Timestamp":`), strings.Index(enc, `"Value":`))
}
