package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/deepcopygen"
)

func TestRunWritesGeneratedSource(t *testing.T) {
	out := filepath.Join(t.TempDir(), "deepcopy_gen.go")
	require.NoError(t, run(out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := deepcopygen.Generate()
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
}
