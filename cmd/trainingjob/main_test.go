package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
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

// TestUsageListsFlags checks, for every command, that its help lists every
// flag the command defines, with a help text, and a value name for a flag
// that takes a value; that 'trainingjob help NAME' and NAME --help print
// the same; and that the Options block is the only list of options.
func TestUsageListsFlags(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, "", c.name, "--help")
			require.Equal(t, exitOK, r.code, r.stderr)
			help := r.stdout
			assert.Equal(t, help, runCLI(t, nil, "", "help", c.name).stdout, "help %s and %s --help differ", c.name, c.name)
			assert.Equal(t, 1, strings.Count(c.usage, optionsHeading), "the usage has one Options heading for the flags")
			_, after, ok := strings.Cut(help, optionsHeading)
			require.True(t, ok)
			options, _, _ := strings.Cut(after, "\n\n")

			fs := newFlagSet(c.name)
			c.flags(fs)
			n := 0
			fs.VisitAll(func(f *flag.Flag) {
				n++
				assert.NotEmpty(t, f.Usage, "--%s has no help text", f.Name)
				assert.Regexp(t, `(?m)^  (-\w, )?`+regexp.QuoteMeta(optionName(f.Name))+`[ ,\n]|, `+regexp.QuoteMeta(optionName(f.Name))+` `,
					options, "%s --help does not list %s", c.name, optionName(f.Name))
				if !isBoolFlag(f) {
					valueName, _ := flag.UnquoteUsage(f)
					assert.Contains(t, f.Usage, "`"+valueName+"`", "--%s takes a value: its help text names it in back quotes", f.Name)
					assert.Contains(t, options, optionName(f.Name)+" "+valueName)
				}
			})
			assert.Positive(t, n)
			assert.Contains(t, options, "  -h, --help ")
			for _, line := range strings.Split(options, "\n") {
				assert.LessOrEqual(t, textWidth(line), 80, "%q", line)
			}
			// The prose keeps no list of options of its own.
			assert.NotRegexp(t, `(?m)^  --[a-z]`, c.usage, "%s: options belong to the flag definitions", c.name)
		})
	}
}

// TestUsageShowsAliasesAndDefaults: a flag registered twice on one
// variable is one entry; a default other than the zero value is shown.
func TestUsageShowsAliasesAndDefaults(t *testing.T) {
	help := runCLI(t, nil, "", "validate", "--help").stdout
	assert.Contains(t, help, "\n  -v, --verbose ")
	assert.NotContains(t, help, "same as --verbose")
	assert.NotContains(t, help, "\n  -v ")

	help = runCLI(t, nil, "", "serve", "--help").stdout
	assert.Contains(t, help, "(default 127.0.0.1:8080)")
	assert.Contains(t, help, "(default 60)")
	assert.NotContains(t, help, "(default false)")
	assert.NotContains(t, help, "(default 0)")
}

// TestFlagErrors: mistakes in the flags are usage errors that name the
// option as the usage writes it, --name (or -n for a one-letter one).
func TestFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"inspect", "--bogus"}, "trainingjob: inspect: unknown option --bogus\n"},
		{[]string{"inspect", "-bogus"}, "trainingjob: inspect: unknown option --bogus\n"},
		{[]string{"inspect", "--bogus=1", "x.json"}, "trainingjob: inspect: unknown option --bogus\n"},
		{[]string{"validate", "-x"}, "trainingjob: validate: unknown option -x\n"},
		{[]string{"validate", "---v"}, "trainingjob: validate: unknown option ---v\n"},
		{[]string{"inspect", "--width"}, "trainingjob: inspect: option --width needs a value: --width N\n"},
		{[]string{"watch", "job", "--poll"}, "trainingjob: watch: option --poll needs a value: --poll DURATION\n"},
		{[]string{"inspect", "--width", "x"}, `trainingjob: inspect: invalid value "x" for --width: want a number of columns from 40 to 1000` + "\n"},
		{[]string{"inspect", "-width=39"}, `trainingjob: inspect: invalid value "39" for --width: want a number of columns from 40 to 1000` + "\n"},
		{[]string{"inspect", "--width", "10000000"}, `trainingjob: inspect: invalid value "10000000" for --width: want a number of columns from 40 to 1000` + "\n"},
		{[]string{"inspect", "--json=maybe"}, `trainingjob: inspect: invalid value "maybe" for --json: want true or false` + "\n"},
		{[]string{"inspect", "--now", "yesterday"}, `trainingjob: inspect: invalid value "yesterday" for --now: want an RFC 3339 time such as 2024-03-08T10:00:00Z, or now` + "\n"},
		{[]string{"watch", "--poll", "soon", "job"}, `trainingjob: watch: invalid value "soon" for --poll: want a duration such as 30s, 5m or 1h30m` + "\n"},
		{[]string{"serve", "--max-instances", "many"}, `trainingjob: serve: invalid value "many" for --max-instances: want a whole number` + "\n"},
		{[]string{"demo", "--speed", "0"}, `trainingjob: demo: invalid value "0" for --speed: want a number above 0 and up to 1e9, such as 60` + "\n"},
	}
	for _, tt := range tests {
		r := runCLI(t, nil, "", tt.args...)
		assert.Equal(t, exitUsage, r.code, tt.args)
		assert.Empty(t, r.stdout, tt.args)
		assert.Equal(t, tt.want+"Run 'trainingjob "+tt.args[0]+" --help' for usage.\n", r.stderr, tt.args)
		assert.NotContains(t, r.stderr, "flag provided but not defined", tt.args)
	}
	// Every command refuses an unknown option the same way.
	for _, c := range commands() {
		r := runCLI(t, nil, "", c.name, "-no-such-flag")
		assert.Equal(t, exitUsage, r.code)
		assert.Equal(t, "trainingjob: "+c.name+": unknown option --no-such-flag\nRun 'trainingjob "+c.name+" --help' for usage.\n", r.stderr)
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
	strict := fs.Bool("strict", false, "be strict")
	width := fs.Int("width", 0, "`N` columns")
	name := fs.String("name", "", "the `NAME`")
	var out bytes.Buffer
	pos, err := parseFlags(fs, []string{"a", "--strict", "b", "-width=7", "-", "--name", "-n", "--", "--not-a-flag", "c"}, "usage\n", &out)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "-", "--not-a-flag", "c"}, pos)
	assert.True(t, *strict)
	assert.Equal(t, 7, *width)
	assert.Equal(t, "-n", *name, "a flag's value may start with a dash")
	assert.Empty(t, out.String())

	_, err = parseFlags(fs, []string{"--strict=false"}, "usage\n", &out)
	require.NoError(t, err)
	assert.False(t, *strict)

	_, err = parseFlags(fs, []string{"a", "--help"}, "usage\n\nOptions:\n\nMore.\n", &out)
	assert.ErrorIs(t, err, errHelp)
	assert.Equal(t, "usage\n\nOptions:\n"+
		"  --name NAME          the NAME\n"+
		"  --strict             be strict\n"+
		"  --width N            N columns\n"+
		"  -h, --help           show this help\n"+
		"\nMore.\n", out.String())
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

// fakeTerminal is an output that says it is a terminal of a given width.
type fakeTerminal struct {
	bytes.Buffer
	width int
}

func (f *fakeTerminal) IsTerminal() bool { return true }
func (f *fakeTerminal) Width() int       { return f.width }

// fakeTerminalIn is an input that says it is a terminal.
type fakeTerminalIn struct{ strings.Reader }

func (f *fakeTerminalIn) IsTerminal() bool { return true }
func (f *fakeTerminalIn) Width() int       { return 0 }

func TestStyle(t *testing.T) {
	tests := []struct {
		name    string
		out     io.Writer
		flag    int
		columns string
		noColor string
		want    style
	}{
		{"a buffer: $COLUMNS", &bytes.Buffer{}, 0, "123", "", style{width: 123}},
		{"a buffer, no $COLUMNS: 80", &bytes.Buffer{}, 0, "", "", style{width: 80}},
		{"a buffer, $COLUMNS not a number: 80", &bytes.Buffer{}, 0, "wide", "", style{width: 80}},
		{"--width wins", &bytes.Buffer{}, 200, "123", "", style{width: 200}},
		{"a terminal: its width, before $COLUMNS", &fakeTerminal{width: 140}, 0, "80", "", style{color: true, width: 140}},
		{"a terminal without a size: $COLUMNS", &fakeTerminal{}, 0, "100", "", style{color: true, width: 100}},
		{"--width wins over the terminal", &fakeTerminal{width: 140}, 60, "", "", style{color: true, width: 60}},
		{"a narrow terminal: the least width", &fakeTerminal{width: 20}, 0, "", "", style{color: true, width: minWidth}},
		{"a huge $COLUMNS: the largest width", &bytes.Buffer{}, 0, "100000", "", style{width: maxWidth}},
		{"NO_COLOR", &fakeTerminal{width: 90}, 0, "", "1", style{width: 90}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("COLUMNS", tt.columns)
			t.Setenv("NO_COLOR", tt.noColor)
			t.Setenv("TERM", "xterm-256color")
			o := outputFlags{width: widthFlag(tt.flag)}
			assert.Equal(t, tt.want, o.style(tt.out))
		})
	}
	t.Setenv("NO_COLOR", "")
	o := outputFlags{noColor: true}
	assert.False(t, o.style(&fakeTerminal{width: 90}).color, "--no-color")
	t.Setenv("TERM", "dumb")
	assert.False(t, (&outputFlags{}).style(&fakeTerminal{width: 90}).color, "TERM=dumb")

	assert.Equal(t, "x", style{}.paint(sgrRed, "x"))
	assert.Equal(t, "\x1b[31mx\x1b[0m", style{color: true}.paint(sgrRed, "x"))
}

// /dev/null is a character device, not a terminal: inspect reads it (an
// empty document), rather than refusing standard input as a terminal.
func TestTerminalDetection(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devNull.Close()
	assert.False(t, isTerminal(devNull))
	assert.False(t, isTerminal(&bytes.Buffer{}))
	assert.False(t, isTerminal((*os.File)(nil)))
	assert.True(t, isTerminal(&fakeTerminal{}))

	var stdout, stderr bytes.Buffer
	code := exitCode(run(t.Context(), []string{"inspect"}, devNull, &stdout, &stderr), &stderr)
	assert.Equal(t, exitProblem, code)
	assert.Contains(t, stderr.String(), "trainingjob: inspect: standard input is empty: no document to inspect")
	assert.NotContains(t, stderr.String(), "terminal")

	r := runCLIWith(t, &fakeTerminalIn{}, "inspect")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "no FILE given and standard input is a terminal")
	r = runCLIWith(t, &fakeTerminalIn{}, "validate", "-")
	assert.Equal(t, exitProblem, r.code, "validate reads - whatever it is")
	assert.Contains(t, r.stdout, "-: (document): ")
}

// runCLIWith runs the command with stdin as standard input.
func runCLIWith(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	return runCLIWithContext(t, t.Context(), stdin, args...)
}

// runCLIWithContext runs the command with ctx and stdin, which may be any
// reader (nil for none).
func runCLIWithContext(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitCode(run(ctx, args, stdin, &stdout, &stderr), &stderr)
	return result{stdout.String(), stderr.String(), code}
}
