package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/sdkgen"
)

// root is the trainingjob package, relative to this command's directory.
const root = "../../../.."

func TestRunWritesGeneratedSource(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sdk_gen.go")
	require.NoError(t, run(root, out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := sdkgen.GenerateDir(root)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
}

func TestRunFailsWithoutThePackage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sdk_gen.go")
	assert.Error(t, run(t.TempDir(), out))
	_, err := os.Stat(out)
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing is written on failure")
}
