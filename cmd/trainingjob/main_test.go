package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// runAsCommandEnv, set to 1 in the environment of this test binary, makes
// it run main instead of the tests: TestServeBinaryWithAWSCLI runs it as
// the command, in a process of its own, without building the command.
const runAsCommandEnv = "TRAININGJOB_TEST_RUN_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(runAsCommandEnv) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// samples is the repository's testdata directory, seen from this package.
const samples = "../../testdata"

// result is what one run of the command gave.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs the command as main does, with args, stdin, and ctx (nil for
// a background context), and returns its output and exit code.
func runCLI(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	if ctx == nil {
		ctx = context.Background()
	}
	var stdout, stderr bytes.Buffer
	err := run(ctx, args, strings.NewReader(stdin), &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{stdout.String(), stderr.String(), code}
}

// golden compares got with the file testdata/golden/name, or rewrites the
// file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/trainingjob -update")
	assert.Equal(t, string(want), got, "output differs from %s; if the change is intended, run go test ./cmd/trainingjob -update", path)
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"-help"}} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, 0, r.code, args)
		assert.Contains(t, r.stdout, "Usage:\n  trainingjob COMMAND", args)
		assert.Empty(t, r.stderr, args)
		for _, c := range commands() {
			assert.Contains(t, r.stdout, "  "+c.name+" ", args)
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}, {c.name, "-help"}} {
			r := runCLI(t, nil, "", args...)
			assert.Equal(t, 0, r.code, args)
			assert.True(t, strings.HasPrefix(r.stdout, "Usage: trainingjob "+c.name), args)
			assert.Contains(t, r.stdout, "Exit status", args)
			assert.Empty(t, r.stderr, args)
		}
	}
	// --help wins wherever it is, even after other arguments.
	r := runCLI(t, nil, "", "inspect", "no-such-file.json", "--help")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "Usage: trainingjob inspect")
}

// TestUsageListsFlags checks that each command's usage text names every
// flag the command accepts, by giving each name to the command with --help.
func TestUsageListsFlags(t *testing.T) {
	flagsOf := map[string][]string{
		"inspect":  {"strict", "json", "now", "width", "no-color"},
		"validate": {"strict", "verbose", "v"},
		"watch":    {"region", "profile", "endpoint-url", "no-sign-request", "poll", "max-poll", "inspect", "width", "no-color"},
		"serve":    {"addr", "speed", "allow-remote", "region", "account", "demo-job", "quiet"},
		"demo":     {"speed", "start", "name", "width", "no-color"},
	}
	for _, c := range commands() {
		names, ok := flagsOf[c.name]
		require.True(t, ok, c.name)
		for _, n := range names {
			dash := "--"
			if len(n) == 1 {
				dash = "-"
			}
			assert.Contains(t, c.usage, dash+n, "%s usage lacks %s%s", c.name, dash, n)
		}
		// A flag the list does not know is refused as a usage error.
		r := runCLI(t, nil, "", c.name, "--no-such-flag")
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.stderr, "flag provided but not defined: -no-such-flag")
		assert.Contains(t, r.stderr, "Run 'trainingjob "+c.name+" --help' for usage.")
	}
}

func TestMainUsageErrors(t *testing.T) {
	r := runCLI(t, nil, "")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "Usage:")
	assert.Empty(t, r.stdout)

	r = runCLI(t, nil, "", "frobnicate")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `unknown command "frobnicate"`)

	r = runCLI(t, nil, "", "--frobnicate")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "unknown option --frobnicate")

	r = runCLI(t, nil, "", "help", "frobnicate")
	assert.Equal(t, exitUsage, r.code)

	r = runCLI(t, nil, "", "--version")
	assert.Equal(t, 0, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "trainingjob "))
}

func TestParseFlagsInterspersed(t *testing.T) {
	fs := newFlagSet("x")
	strict := fs.Bool("strict", false, "")
	width := fs.Int("width", 0, "")
	var out bytes.Buffer
	pos, err := parseFlags(fs, []string{"a", "--strict", "b", "-width=7", "-", "--", "--not-a-flag", "c"}, "usage\n", &out)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "-", "--not-a-flag", "c"}, pos)
	assert.True(t, *strict)
	assert.Equal(t, 7, *width)

	_, err = parseFlags(newFlagSet("x"), []string{"a", "--help"}, "usage\n", &out)
	assert.ErrorIs(t, err, errHelp)
	assert.Equal(t, "usage\n", out.String())
}

func TestExitCodeMapping(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 0, exitCode(nil, &stderr))
	assert.Equal(t, 3, exitCode(&exitError{Code: 3}, &stderr))
	assert.Empty(t, stderr.String(), "an exitError without a message prints nothing")
	assert.Equal(t, 1, exitCode(exitf(1, "bad %s", "thing"), &stderr))
	assert.Equal(t, "trainingjob: bad thing\n", stderr.String())
	stderr.Reset()
	assert.Equal(t, 2, exitCode(os.ErrNotExist, &stderr), "other errors are I/O errors")
	assert.Contains(t, stderr.String(), "file does not exist")
}

func TestStyle(t *testing.T) {
	t.Setenv("COLUMNS", "123")
	var buf bytes.Buffer
	o := outputFlags{}
	s := o.style(&buf)
	assert.False(t, s.color, "a buffer is not a terminal")
	assert.Equal(t, 123, s.width)

	t.Setenv("COLUMNS", "")
	assert.Equal(t, 80, o.style(&buf).width)
	o.width = 10
	assert.Equal(t, 40, o.style(&buf).width, "never narrower than 40")
	o.width = 200
	assert.Equal(t, 200, o.style(&buf).width)

	assert.Equal(t, "x", style{}.paint(sgrRed, "x"))
	assert.Equal(t, "\x1b[31mx\x1b[0m", style{color: true}.paint(sgrRed, "x"))
	assert.False(t, isTerminal(&buf))
}
