package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// TestReadmeCommands runs the sh and console blocks of README.md and
// docs/*.md line by line, as a reader would type them in the repository's
// root, each block in a subtest of its own (side by side), with these
// differences, all of timing or place:
//
//   - trainingjob (or go run ./cmd/trainingjob) runs in this process;
//   - serve listens on a free port instead of 8080 (the blocks' URLs and
//     environment are rewritten to it) and runs its jobs 20,000 times
//     faster, watch polls every few milliseconds, and demo runs its clock
//     a million times faster, so that nothing waits for a job in real time;
//   - the AWS CLI and python3 run only when installed (else the line is
//     checked by parsing and skipped, or, under TRAININGJOB_ALL_ORACLES=1,
//     fails), with a configuration of their own so that the reader's
//     profile and credentials play no part;
//   - go install, go get, go generate, go test of the whole module,
//     .ci/run and the scripts are checked against the repository instead
//     of run: the package or module exists, every flag is defined, every
//     environment variable is one the tool reads, and the test command is
//     the one .ci/run runs.
//
// A line is expected to exit 0 unless its comment says "exits N", or, in a
// console block, an "echo $?" after it shows N.
func TestReadmeCommands(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	pages := readPages(t)
	tools := newReadmeTools(t, root)
	isolate := tools.isolateEnv(t)
	t.Chdir(root)

	blocks := 0
	for _, p := range pages {
		for _, b := range p.blocks {
			if b.lang != "sh" && b.lang != "console" {
				continue
			}
			blocks++
			t.Run(strings.ReplaceAll(b.where(), "/", "_"), func(t *testing.T) {
				// Blocks run side by side (each has its own serve); the
				// commands that run in this process take turns, since
				// they share its environment.
				t.Parallel()
				sh := &readmeShell{t: t, root: root, tools: tools, env: map[string]string{}, isolate: isolate}
				defer sh.stopServe()
				if b.lang == "sh" {
					sh.runSh(b)
				} else {
					sh.runConsole(b)
				}
			})
		}
	}
	assert.Greater(t, blocks, 5, "the pages should show commands")
}

// readmeTools finds the external programs the blocks use, once.
type readmeTools struct {
	root      string
	aws       string // path of the AWS CLI, or ""
	awsWhy    string // why it is missing
	python    string // path of python3, or ""
	pythonWhy string
	boto3     sync.Once
	boto3Why  string // why boto3 cannot be imported; "" when it can
	dir       string // a directory holding an empty AWS configuration
}

func newReadmeTools(t *testing.T, root string) *readmeTools {
	tl := &readmeTools{root: root, dir: t.TempDir()}
	if p, err := exec.LookPath("aws"); err == nil {
		tl.aws = p
	} else {
		tl.awsWhy = fmt.Sprintf("the AWS CLI (aws) is not on PATH: %v", err)
	}
	if p, err := exec.LookPath("python3"); err == nil {
		tl.python = p
	} else {
		tl.pythonWhy = fmt.Sprintf("python3 is not on PATH: %v", err)
	}
	for _, f := range []string{"config", "credentials"} {
		require.NoError(t, os.WriteFile(filepath.Join(tl.dir, f), nil, 0o600))
	}
	return tl
}

// isolateEnv clears this process's AWS settings (restored when t ends) and
// returns the variables every command runs with: an empty AWS
// configuration, no instance metadata, no pager, no terminal width.
func (tl *readmeTools) isolateEnv(t *testing.T) map[string]string {
	isolate := map[string]string{
		"AWS_CONFIG_FILE":             filepath.Join(tl.dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(tl.dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PAGER":                   "",
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") || k == "COLUMNS" || k == "NO_COLOR" {
			t.Setenv(k, "")
			require.NoError(t, os.Unsetenv(k))
		}
	}
	for k, v := range isolate {
		t.Setenv(k, v)
	}
	for k := range readmeEnvNames {
		if _, ok := os.LookupEnv(k); !ok {
			t.Setenv(k, "") // restored (unset) when t ends
			require.NoError(t, os.Unsetenv(k))
		}
	}
	return isolate
}

// skipOrFail skips t with why, or fails it when every external client is
// required.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if testenv.AllOracles() {
		t.Fatalf("%s (%s=1 needs every external client)", why, testenv.AllOraclesVar)
	}
	t.Skipf("skipping the rest of this block: %s", why)
}

// readmeEnvNames are the environment variables a block may set for the
// command, the SDKs and the test suite. A script's own variables are
// checked against the script.
var readmeEnvNames = map[string]bool{
	"AWS_REGION":                       true,
	"AWS_DEFAULT_REGION":               true,
	"AWS_ACCESS_KEY_ID":                true,
	"AWS_SECRET_ACCESS_KEY":            true,
	"AWS_SESSION_TOKEN":                true,
	"AWS_PROFILE":                      true,
	"AWS_ENDPOINT_URL":                 true,
	"AWS_ENDPOINT_URL_SAGEMAKER":       true,
	"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": true,
	testenv.AllOraclesVar:              true,
	"NO_COLOR":                         true,
	"COLUMNS":                          true,
}

// readmeShell runs one block.
type readmeShell struct {
	t       *testing.T
	root    string
	tools   *readmeTools
	isolate map[string]string
	env     map[string]string // exported by the block
	serve   *readmeServe
	where   string // the line being run, for messages
}

// readmeServe is a trainingjob serve running in the background.
type readmeServe struct {
	cancel context.CancelFunc
	done   chan int
	url    string
	out    *readmeBuffer
}

// readmeBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines.
type readmeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (r *readmeBuffer) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.b.Write(p)
}

func (r *readmeBuffer) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.b.String()
}

// The address the blocks give serve, which the test replaces.
var defaultServeURLs = []string{"http://127.0.0.1:8080", "http://localhost:8080"}

var exitsRE = regexp.MustCompile(`\bexits (\d+)\b`)

func (sh *readmeShell) runSh(b mdBlock) {
	lines, err := splitShLines(b)
	require.NoError(sh.t, err, b.where())
	for _, l := range lines {
		want := 0
		if m := exitsRE.FindStringSubmatch(l.comment); m != nil {
			want, _ = strconv.Atoi(m[1])
		}
		sh.runLine(l, want, nil)
	}
}

// consoleStep is one command of a console block and the output shown
// after it.
type consoleStep struct {
	line   shLine
	output []string
}

func (sh *readmeShell) runConsole(b mdBlock) {
	var steps []consoleStep
	for i, raw := range b.lines {
		if cmd, ok := strings.CutPrefix(raw, "$ "); ok {
			l, err := parseShLine(cmd, fmt.Sprintf("%s:%d", b.file, b.line+1+i))
			require.NoError(sh.t, err)
			steps = append(steps, consoleStep{line: l})
			continue
		}
		require.NotEmpty(sh.t, steps, "%s: a console block starts with a $ command", b.where())
		steps[len(steps)-1].output = append(steps[len(steps)-1].output, raw)
	}
	for i, s := range steps {
		if isEchoStatus(s.line) {
			continue
		}
		want := 0
		if i+1 < len(steps) && isEchoStatus(steps[i+1].line) {
			require.Len(sh.t, steps[i+1].output, 1, "%s: echo $? shows one line", steps[i+1].line.where)
			n, err := strconv.Atoi(strings.TrimSpace(steps[i+1].output[0]))
			require.NoError(sh.t, err, "%s: echo $? shows a number", steps[i+1].line.where)
			want = n
		}
		expected := strings.Join(s.output, "\n")
		if expected != "" {
			expected += "\n"
		}
		sh.runLine(s.line, want, &expected)
	}
}

func isEchoStatus(l shLine) bool {
	return len(l.pipelines) == 1 && len(l.pipelines[0]) == 1 && slices.Equal(l.pipelines[0][0].argv, []string{"echo", "$?"})
}

// runLine runs one logical line and checks its exit status (that of its
// last pipeline; earlier ones must exit 0) and, when output is not nil,
// what its last command printed.
func (sh *readmeShell) runLine(l shLine, want int, output *string) {
	t := sh.t
	sh.where = l.where
	if sh.checkCILine(l) {
		return
	}
	for i, p := range l.pipelines {
		last := i == len(l.pipelines)-1
		var stdin []byte
		for j, c := range p {
			if j > 0 && stdin == nil {
				t.Logf("%s: not run, as what it reads was not: %s", l.where, strings.Join(c.argv, " "))
				break
			}
			res := sh.runCommand(c, stdin, l.background && last && j == len(p)-1)
			if res.notRun {
				stdin = nil
				continue
			}
			stdin = res.stdout
			if stdin == nil {
				stdin = []byte{}
			}
			if j < len(p)-1 {
				require.Equal(t, 0, res.code, "%s: %s exited %d in the middle of a pipeline\nstderr: %s", l.where, c.argv[0], res.code, res.stderr)
				continue
			}
			if output != nil && last {
				assert.Equal(t, *output, string(res.stdout), "%s: the output shown is not what the command prints", l.where)
				if res.code == 0 {
					assert.Empty(t, res.stderr, "%s: the command writes to standard error, which the block does not show", l.where)
				}
			}
			expect := 0
			if last {
				expect = want
			}
			assert.Equal(t, expect, res.code, "%s: exit status\nstdout: %s\nstderr: %s", l.where, res.stdout, res.stderr)
		}
	}
}

// cmdResult is what one command gave.
type cmdResult struct {
	stdout []byte
	stderr string
	code   int
	notRun bool // checked against the repository, not run: it has no output
}

func (sh *readmeShell) runCommand(c shCmd, stdin []byte, background bool) cmdResult {
	t := sh.t
	require.NotEmpty(t, c.argv, "%s: an empty command", sh.where)
	name := c.argv[0]
	for k := range c.env {
		sh.checkEnvName(k, name)
	}
	if background {
		require.True(t, name == "trainingjob" && len(c.argv) > 1 && c.argv[1] == "serve",
			"%s: only trainingjob serve may run in the background", sh.where)
	}
	switch {
	case name == "export":
		for _, a := range c.argv[1:] {
			k, v, ok := strings.Cut(a, "=")
			require.True(t, ok, "%s: export NAME=VALUE, not %q", sh.where, a)
			sh.checkEnvName(k, "")
			sh.env[k] = v
		}
		return cmdResult{}
	case name == "trainingjob":
		return sh.trainingjob(c.argv[1:], c.env, stdin, background)
	case name == "go":
		return sh.goCommand(c)
	case name == "aws":
		return sh.aws(c, stdin)
	case name == "python3":
		return sh.python(c, stdin)
	case name == "kill":
		require.Equal(t, []string{"kill", "%1"}, c.argv, "%s: only kill %%1 (the background serve) is understood", sh.where)
		require.NotNil(t, sh.serve, "%s: kill %%1 with no serve in the background", sh.where)
		return cmdResult{code: sh.stopServe()}
	case name == "echo":
		require.Fail(t, "echo $? belongs after a command in a console block", sh.where)
	case strings.HasPrefix(name, "scripts/") || strings.HasPrefix(name, ".ci/"):
		sh.checkScript(c)
		return cmdResult{notRun: true}
	case name == "npm":
		sh.checkInCI(strings.Join(c.argv, " "))
		return cmdResult{notRun: true}
	default:
		require.Failf(t, "unknown command", "%s: the README test does not know how to run or check %q; teach readme_commands_test.go", sh.where, name)
	}
	return cmdResult{}
}

// checkEnvName checks that the variable name is one the command, the SDKs
// or the test suite read, or, for a script, one the script reads.
func (sh *readmeShell) checkEnvName(name, command string) {
	if readmeEnvNames[name] {
		return
	}
	if strings.HasPrefix(command, "scripts/") {
		data, err := os.ReadFile(filepath.Join(sh.root, command))
		require.NoError(sh.t, err, sh.where)
		if bytes.Contains(data, []byte("${"+name)) || bytes.Contains(data, []byte("$"+name)) {
			return
		}
	}
	reader := "the command, the SDKs or the tests"
	if command != "" {
		reader = command
	}
	assert.Failf(sh.t, "unknown environment variable", "%s: %s is not a variable that %s reads", sh.where, name, reader)
}

// substitute rewrites the default serve address in s to the running
// serve's; it fails the test when s names it and no serve runs.
func (sh *readmeShell) substitute(s string) string {
	for _, u := range defaultServeURLs {
		if strings.Contains(s, u) {
			require.NotNil(sh.t, sh.serve, "%s: %s is used, but no trainingjob serve runs in this block", sh.where, u)
			s = strings.ReplaceAll(s, u, sh.serve.url)
		}
	}
	return s
}

// commandEnv is the block's environment for one command: the exported
// variables and the command's own, with serve's address rewritten.
func (sh *readmeShell) commandEnv(prefix map[string]string) map[string]string {
	env := map[string]string{}
	for k, v := range sh.env {
		env[k] = sh.substitute(v)
	}
	for k, v := range prefix {
		env[k] = sh.substitute(v)
	}
	return env
}

// inProcessMu makes the commands that run in this process take turns:
// each sets the environment of the whole process while it runs.
var inProcessMu sync.Mutex

// withEnv sets env in this process while fn runs.
func withEnv(t *testing.T, env map[string]string, fn func()) {
	type saved struct {
		v  string
		ok bool
	}
	prev := map[string]saved{}
	for k, v := range env {
		old, ok := os.LookupEnv(k)
		prev[k] = saved{old, ok}
		require.NoError(t, os.Setenv(k, v))
	}
	defer func() {
		for k, s := range prev {
			if s.ok {
				_ = os.Setenv(k, s.v)
			} else {
				_ = os.Unsetenv(k)
			}
		}
	}()
	fn()
}

// trainingjob runs the command in this process.
func (sh *readmeShell) trainingjob(args []string, prefix map[string]string, stdin []byte, background bool) cmdResult {
	t := sh.t
	require.NotEmpty(t, args, "%s: trainingjob needs a command", sh.where)
	for i, a := range args {
		args[i] = sh.substitute(a)
		if !strings.HasPrefix(a, "-") && !strings.Contains(a, "://") && (strings.Contains(a, "/") || strings.HasSuffix(a, ".json")) {
			_, err := os.Stat(filepath.Join(sh.root, a))
			require.NoError(t, err, "%s: %s does not exist in the repository", sh.where, a)
		}
	}
	switch args[0] {
	case "serve":
		require.True(t, background, "%s: run serve in the background (&), so that the block goes on", sh.where)
		require.Nil(t, sh.serve, "%s: a serve already runs in this block", sh.where)
		args = setFlag(args, "addr", "127.0.0.1:0")
		args = setFlag(args, "speed", "20000")
		sh.startServe(args)
		return cmdResult{}
	case "watch":
		if !hasFlag(args, "poll") {
			args = append(args, "--poll", "10ms")
		}
		if !hasFlag(args, "max-poll") {
			args = append(args, "--max-poll", "100ms")
		}
	case "logs":
		if !hasFlag(args, "poll") {
			args = append(args, "--poll", "10ms")
		}
		if !hasFlag(args, "max-poll") {
			args = append(args, "--max-poll", "100ms")
		}
	case "demo":
		if !hasFlag(args, "speed") {
			args = append(args, "--speed", "1000000")
		}
	}
	var stdout, stderr bytes.Buffer
	var code int
	env := sh.commandEnv(prefix)
	inProcessMu.Lock()
	defer inProcessMu.Unlock()
	withEnv(t, env, func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err := run(ctx, args, bytes.NewReader(stdin), &stdout, &stderr)
		code = exitCode(err, &stderr)
	})
	return cmdResult{stdout: stdout.Bytes(), stderr: stderr.String(), code: code}
}

// hasFlag reports whether args set the flag name (-name, --name, with or
// without =value).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// setFlag returns args with the flag name set to value, replacing the
// value args give it.
func setFlag(args []string, name, value string) []string {
	out := make([]string, 0, len(args)+2)
	for i := 0; i < len(args); i++ {
		a := args[i]
		bare := strings.TrimLeft(a, "-")
		if strings.HasPrefix(a, "-") && bare == name {
			i++ // its value
			continue
		}
		if strings.HasPrefix(a, "-") && strings.HasPrefix(bare, name+"=") {
			continue
		}
		out = append(out, a)
	}
	return append(out, "--"+name, value)
}

var listeningRE = regexp.MustCompile(`listening on (http://\S+)`)

func (sh *readmeShell) startServe(args []string) {
	t := sh.t
	ctx, cancel := context.WithCancel(context.Background())
	s := &readmeServe{cancel: cancel, done: make(chan int, 1), out: &readmeBuffer{}}
	errOut := &readmeBuffer{}
	go func() {
		err := run(ctx, args, bytes.NewReader(nil), s.out, errOut)
		s.done <- exitCode(err, errOut)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := listeningRE.FindStringSubmatch(s.out.String()); m != nil {
			s.url = m[1]
			break
		}
		select {
		case code := <-s.done:
			cancel()
			require.Failf(t, "serve did not start", "%s: exit status %d\nstdout: %s\nstderr: %s", sh.where, code, s.out.String(), errOut.String())
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			require.Failf(t, "serve did not start", "%s: no address after 10s\nstdout: %s\nstderr: %s", sh.where, s.out.String(), errOut.String())
		}
	}
	sh.serve = s
}

// stopServe stops the background serve, as Ctrl-C or SIGTERM would, and
// returns its exit status; -1 when none runs.
func (sh *readmeShell) stopServe() int {
	s := sh.serve
	if s == nil {
		return -1
	}
	sh.serve = nil
	s.cancel()
	select {
	case code := <-s.done:
		return code
	case <-time.After(10 * time.Second):
		assert.Fail(sh.t, "serve did not stop within 10s", sh.where)
		return -1
	}
}

// external runs an external program in the repository's root with the
// block's environment and the isolated AWS configuration.
func (sh *readmeShell) external(path string, args []string, prefix map[string]string, stdin []byte) cmdResult {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "PYTHON") || k == "COLUMNS" {
			continue
		}
		env = append(env, kv)
	}
	for k, v := range sh.isolate {
		env = append(env, k+"="+v)
	}
	for k, v := range sh.commandEnv(prefix) {
		env = append(env, k+"="+v)
	}
	for i := range args {
		args[i] = sh.substitute(args[i])
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir, cmd.Env, cmd.Stdin = sh.root, env, bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		require.True(sh.t, errors.As(err, &ee), "%s: %v", sh.where, err)
		code = ee.ExitCode()
	}
	return cmdResult{stdout: stdout.Bytes(), stderr: stderr.String(), code: code}
}

// awsOperations are the AWS CLI commands serve answers, by service.
var awsOperations = map[string][]string{
	"sagemaker": {"create-training-job", "describe-training-job", "list-training-jobs", "stop-training-job",
		"update-training-job", "delete-training-job", "wait"},
	"logs": {"describe-log-streams", "get-log-events", "filter-log-events"},
}

func (sh *readmeShell) aws(c shCmd, stdin []byte) cmdResult {
	t := sh.t
	require.GreaterOrEqual(t, len(c.argv), 3, "%s: aws SERVICE OPERATION", sh.where)
	ops, ok := awsOperations[c.argv[1]]
	require.True(t, ok, "%s: serve does not answer aws %s", sh.where, c.argv[1])
	require.Contains(t, ops, c.argv[2], "%s: serve does not answer aws %s %s", sh.where, c.argv[1], c.argv[2])
	if sh.tools.aws == "" {
		skipOrFail(t, sh.tools.awsWhy)
		return cmdResult{notRun: true}
	}
	require.NotNil(t, sh.serve, "%s: an aws command needs a trainingjob serve earlier in its block", sh.where)
	return sh.external(sh.tools.aws, slices.Clone(c.argv[1:]), c.env, stdin)
}

func (sh *readmeShell) python(c shCmd, stdin []byte) cmdResult {
	t := sh.t
	require.True(t, len(c.argv) == 3 && c.argv[1] == "-c", "%s: python3 -c 'CODE' is the form the README test runs", sh.where)
	if sh.tools.python == "" {
		skipOrFail(t, sh.tools.pythonWhy)
		return cmdResult{notRun: true}
	}
	if strings.Contains(c.argv[2], "boto3") {
		sh.tools.boto3.Do(func() {
			out, err := exec.Command(sh.tools.python, "-c", "import boto3").CombinedOutput()
			if err != nil {
				sh.tools.boto3Why = fmt.Sprintf("python3 cannot import boto3: %v: %s", err, out)
			}
		})
		if sh.tools.boto3Why != "" {
			skipOrFail(t, sh.tools.boto3Why)
			return cmdResult{notRun: true}
		}
	}
	return sh.external(sh.tools.python, slices.Clone(c.argv[1:]), c.env, stdin)
}

// ownModule is this module's path.
const ownModule = "github.com/trainingjob-go/trainingjob"

func (sh *readmeShell) goCommand(c shCmd) cmdResult {
	t := sh.t
	argv := c.argv
	require.GreaterOrEqual(t, len(argv), 2, "%s: go COMMAND", sh.where)
	switch argv[1] {
	case "run":
		require.GreaterOrEqual(t, len(argv), 3, sh.where)
		if argv[2] == "./cmd/trainingjob" {
			return sh.trainingjob(argv[3:], c.env, nil, false)
		}
		sh.checkProgram(argv[2], argv[3:])
	case "install":
		for _, pkg := range argv[2:] {
			sh.checkMainPackage(pkg)
		}
	case "generate":
		for _, pkg := range argv[2:] {
			sh.checkPackagePattern(pkg)
		}
	case "get":
		for _, a := range argv[2:] {
			mod, _, _ := strings.Cut(a, "@")
			require.NotEqual(t, ownModule, mod, "%s: %s is not published; go get of it fails", sh.where, ownModule)
			sh.checkRequired(mod)
		}
	case "mod":
		require.GreaterOrEqual(t, len(argv), 3, sh.where)
		switch argv[2] {
		case "tidy", "download":
		case "edit":
			for _, a := range argv[3:] {
				switch {
				case strings.HasPrefix(a, "-require="):
					mod, _, _ := strings.Cut(strings.TrimPrefix(a, "-require="), "@")
					assert.Equal(t, ownModule, mod, "%s: %s", sh.where, a)
				case strings.HasPrefix(a, "-replace="):
					mod, _, _ := strings.Cut(strings.TrimPrefix(a, "-replace="), "=")
					assert.Equal(t, ownModule, mod, "%s: %s", sh.where, a)
				default:
					assert.Failf(t, "unknown go mod edit argument", "%s: %s", sh.where, a)
				}
			}
		default:
			assert.Failf(t, "unknown go mod command", "%s: go mod %s", sh.where, argv[2])
		}
	case "list":
		require.Equal(t, []string{"-m", "-versions"}, argv[2:4], sh.where)
		for _, mod := range argv[4:] {
			sh.checkRequired(mod)
		}
	case "test", "vet":
		sh.checkGoTest(argv[1], argv[2:])
	case "doc":
		for _, a := range argv[2:] {
			rel, ok := strings.CutPrefix(a, ownModule)
			require.True(t, ok, "%s: go doc %s: not a package of this module", sh.where, a)
			sh.checkPackagePattern("." + rel)
		}
	default:
		assert.Failf(t, "unknown go command", "%s: the README test does not know go %s", sh.where, argv[1])
	}
	return cmdResult{notRun: true}
}

// checkCILine handles a line that runs the module's whole test suite: it
// must be (part of) a line of .ci/run, and its variables exported there.
// It reports whether the line was one.
func (sh *readmeShell) checkCILine(l shLine) bool {
	whole := false
	for _, p := range l.pipelines {
		for _, c := range p {
			if len(c.argv) >= 2 && c.argv[0] == "go" && (c.argv[1] == "test" || c.argv[1] == "vet") && slices.Contains(c.argv, "./...") {
				whole = true
			}
		}
	}
	if !whole {
		return false
	}
	text := l.text
	for _, p := range l.pipelines {
		for _, c := range p {
			for k, v := range c.env {
				sh.checkEnvName(k, "")
				sh.checkInCI("export " + k + "=" + v)
				text = strings.TrimSpace(strings.Replace(text, k+"="+v, "", 1))
			}
			if c.argv[0] == "go" {
				sh.checkGoTest(c.argv[1], c.argv[2:])
			}
		}
	}
	found := false
	for _, line := range ciLines(sh.t, sh.root) {
		if line == text || strings.HasSuffix(line, " "+text) || strings.HasPrefix(line, text+" ") {
			found = true
		}
	}
	assert.True(sh.t, found, "%s: %q is not what .ci/run runs; keep the two in agreement", sh.where, text)
	return true
}

// checkInCI checks that .ci/run has the line.
func (sh *readmeShell) checkInCI(line string) {
	assert.Contains(sh.t, ciLines(sh.t, sh.root), line, "%s: .ci/run does not run %q", sh.where, line)
}

// goTestFlags are go test's and go vet's own flags, and whether each takes
// a value.
var goTestFlags = map[string]bool{
	"race": false, "cover": false, "v": false, "short": false, "json": false,
	"run": true, "bench": true, "benchtime": true, "count": true, "coverpkg": true, "coverprofile": true,
	"fuzz": true, "fuzztime": true, "timeout": true, "cpu": true, "tags": true, "p": true,
}

func (sh *readmeShell) checkGoTest(verb string, args []string) {
	t := sh.t
	var pkgs, testFlags []string
	bench := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			pkgs = append(pkgs, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takes, known := goTestFlags[name]
		if !known {
			testFlags = append(testFlags, name)
			continue
		}
		if takes && !hasValue {
			require.Less(t, i+1, len(args), "%s: %s needs a value", sh.where, a)
			i++
			value = args[i]
		}
		if name == "bench" {
			bench = value
		}
	}
	require.NotEmpty(t, pkgs, "%s: go %s names no package", sh.where, verb)
	for _, p := range pkgs {
		sh.checkPackagePattern(p)
	}
	sources := func(p string, tests bool) string {
		var all strings.Builder
		files, _ := filepath.Glob(filepath.Join(sh.root, p, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") == tests {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				all.Write(data)
			}
		}
		return all.String()
	}
	for _, f := range testFlags {
		found := false
		for _, p := range pkgs {
			found = found || flagDefined(sources(p, true), f)
		}
		assert.True(t, found, "%s: -%s is neither a go test flag nor one the tests of %v define", sh.where, f, pkgs)
	}
	if regexp.MustCompile(`^Benchmark\w+$`).MatchString(bench) {
		found := false
		for _, p := range pkgs {
			found = found || strings.Contains(sources(p, true), "func "+bench+"(")
		}
		assert.True(t, found, "%s: no %s in %v", sh.where, bench, pkgs)
	}
}

// flagDefined reports whether Go source src defines a flag called name
// with the flag package.
func flagDefined(src, name string) bool {
	re := regexp.MustCompile(`\.(Bool|String|Int|Int64|Uint|Uint64|Float64|Duration|Func|Var|TextVar|BoolVar|StringVar|IntVar|Int64Var|UintVar|Uint64Var|Float64Var|DurationVar)\((?:[^,()]*,\s*)?"` + regexp.QuoteMeta(name) + `"`)
	return re.MatchString(src)
}

// checkProgram checks go run of a program other than the command: the
// package exists, is a program, and defines every flag given.
func (sh *readmeShell) checkProgram(pkg string, args []string) {
	src := sh.checkMainPackage(pkg)
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		assert.True(sh.t, flagDefined(src, name), "%s: %s defines no flag -%s", sh.where, pkg, name)
	}
}

// checkMainPackage checks that pkg (./dir) is a program of this module and
// returns its source.
func (sh *readmeShell) checkMainPackage(pkg string) string {
	t := sh.t
	require.True(t, strings.HasPrefix(pkg, "./"), "%s: %s: name the package as ./dir from the repository's root", sh.where, pkg)
	files, err := filepath.Glob(filepath.Join(sh.root, pkg, "*.go"))
	require.NoError(t, err)
	var src strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		src.Write(data)
	}
	require.Contains(t, src.String(), "package main\n", "%s: %s is not a program", sh.where, pkg)
	return src.String()
}

// checkPackagePattern checks that a package pattern (., ./dir, ./...,
// ./dir/...) names packages of this module.
func (sh *readmeShell) checkPackagePattern(p string) {
	dir := strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")
	if dir == "" {
		dir = "."
	}
	require.True(sh.t, dir == "." || strings.HasPrefix(dir, "./"), "%s: %s: name packages from the repository's root", sh.where, p)
	files, err := filepath.Glob(filepath.Join(sh.root, dir, "*.go"))
	require.NoError(sh.t, err)
	assert.True(sh.t, len(files) > 0 || strings.HasSuffix(p, "..."), "%s: %s holds no Go package", sh.where, p)
	_, err = os.Stat(filepath.Join(sh.root, dir))
	assert.NoError(sh.t, err, "%s: %s", sh.where, p)
}

// checkRequired checks that go.mod requires the module.
func (sh *readmeShell) checkRequired(mod string) {
	data, err := os.ReadFile(filepath.Join(sh.root, "go.mod"))
	require.NoError(sh.t, err)
	assert.Regexp(sh.t, `(?m)^\s*(require\s+)?`+regexp.QuoteMeta(mod)+` v`, string(data), "%s: go.mod does not require %s", sh.where, mod)
}

// checkScript checks a line that runs one of the repository's scripts:
// the script exists and is executable, and reads the variables given it.
func (sh *readmeShell) checkScript(c shCmd) {
	fi, err := os.Stat(filepath.Join(sh.root, c.argv[0]))
	require.NoError(sh.t, err, "%s: %s does not exist", sh.where, c.argv[0])
	assert.NotZero(sh.t, fi.Mode()&0o111, "%s: %s is not executable", sh.where, c.argv[0])
	for k := range c.env {
		sh.checkEnvName(k, c.argv[0])
	}
}

// Shell syntax: the part of sh the pages use. Words with single and double
// quotes, backslash line continuations, comments, env assignments before a
// command, pipes (|), && and ; between pipelines, and & at the end.

// shCmd is one simple command.
type shCmd struct {
	env  map[string]string
	argv []string
}

// shLine is one logical line: pipelines run one after another.
type shLine struct {
	where      string
	text       string // the line without its comment, spaces collapsed
	comment    string
	pipelines  [][]shCmd
	background bool
}

// splitShLines parses a block's logical lines.
func splitShLines(b mdBlock) ([]shLine, error) {
	var out []shLine
	var buf strings.Builder
	start := 0
	for i, raw := range b.lines {
		if buf.Len() == 0 {
			start = i
		}
		if strings.HasSuffix(raw, "\\") {
			buf.WriteString(strings.TrimSuffix(raw, "\\"))
			buf.WriteByte(' ')
			continue
		}
		buf.WriteString(raw)
		text := buf.String()
		buf.Reset()
		if strings.TrimSpace(text) == "" {
			continue
		}
		l, err := parseShLine(text, fmt.Sprintf("%s:%d", b.file, b.line+1+start))
		if err != nil {
			return nil, err
		}
		if len(l.pipelines) > 0 {
			out = append(out, l)
		}
	}
	if buf.Len() > 0 {
		return nil, fmt.Errorf("%s: the block ends with a continued line", b.where())
	}
	return out, nil
}

var assignRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// parseShLine parses one logical line.
func parseShLine(text, where string) (shLine, error) {
	l := shLine{where: where}
	type token struct {
		text     string
		op       bool
		assignOK bool // the word's NAME= part was not quoted
	}
	var toks []token
	var cur strings.Builder
	rs := []rune(text)
	codeEnd := len(rs)
	inWord, assignOK := false, true
	flush := func() {
		if inWord {
			toks = append(toks, token{text: cur.String(), assignOK: assignOK})
			cur.Reset()
			inWord, assignOK = false, true
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			flush()
		case r == '#' && !inWord:
			l.comment = strings.TrimSpace(string(rs[i+1:]))
			codeEnd, i = i, len(rs)
		case r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == len(rs) {
				return l, fmt.Errorf("%s: unclosed single quote", where)
			}
			if !strings.Contains(cur.String(), "=") {
				assignOK = false
			}
			cur.WriteString(string(rs[i+1 : j]))
			inWord, i = true, j
		case r == '"':
			j := i + 1
			var q strings.Builder
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) && strings.ContainsRune(`"\$`+"`", rs[j+1]) {
					j++
				} else if rs[j] == '$' || rs[j] == '`' {
					return l, fmt.Errorf("%s: expansions in double quotes are not supported", where)
				}
				q.WriteRune(rs[j])
			}
			if j == len(rs) {
				return l, fmt.Errorf("%s: unclosed double quote", where)
			}
			if !strings.Contains(cur.String(), "=") {
				assignOK = false
			}
			cur.WriteString(q.String())
			inWord, i = true, j
		case r == '\\' && i+1 < len(rs):
			cur.WriteRune(rs[i+1])
			inWord, i = true, i+1
		case r == '|' || r == '&' || r == ';':
			flush()
			op := string(r)
			if i+1 < len(rs) && (r == '|' || r == '&') && rs[i+1] == r {
				op += string(r)
				i++
			}
			if op == "||" {
				return l, fmt.Errorf("%s: || is not supported", where)
			}
			toks = append(toks, token{text: op, op: true})
		case r == '$' && !(i+1 < len(rs) && rs[i+1] == '?'):
			return l, fmt.Errorf("%s: expansions ($...) are not supported, except echo $?", where)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	flush()

	var pipeline []shCmd
	cmd := shCmd{env: map[string]string{}}
	endCmd := func() error {
		if len(cmd.argv) == 0 {
			return fmt.Errorf("%s: an empty command", where)
		}
		pipeline = append(pipeline, cmd)
		cmd = shCmd{env: map[string]string{}}
		return nil
	}
	endPipeline := func() error {
		if err := endCmd(); err != nil {
			return err
		}
		l.pipelines = append(l.pipelines, pipeline)
		pipeline = nil
		return nil
	}
	if len(toks) == 0 {
		return l, nil // a comment alone
	}
	for i, tk := range toks {
		if tk.op {
			var err error
			switch tk.text {
			case "|":
				err = endCmd()
			case "&&", ";":
				err = endPipeline()
			case "&":
				if i != len(toks)-1 {
					return l, fmt.Errorf("%s: & is supported only at the end of a line", where)
				}
				l.background = true
			}
			if err != nil {
				return l, err
			}
			continue
		}
		if len(cmd.argv) == 0 && tk.assignOK && assignRE.MatchString(tk.text) {
			k, v, _ := strings.Cut(tk.text, "=")
			cmd.env[k] = v
			continue
		}
		cmd.argv = append(cmd.argv, tk.text)
	}
	if err := endPipeline(); err != nil {
		return l, err
	}
	code := strings.TrimSuffix(strings.TrimSpace(string(rs[:codeEnd])), "&")
	l.text = strings.Join(strings.Fields(code), " ")
	return l, nil
}

func TestParseShLine(t *testing.T) {
	tests := []struct {
		line       string
		want       [][]shCmd
		background bool
		comment    string
		err        bool
	}{
		{line: "trainingjob serve --demo-job &   # start", want: [][]shCmd{{{env: map[string]string{}, argv: []string{"trainingjob", "serve", "--demo-job"}}}}, background: true, comment: "start"},
		{line: "go vet ./... && go test -race ./...", want: [][]shCmd{
			{{env: map[string]string{}, argv: []string{"go", "vet", "./..."}}},
			{{env: map[string]string{}, argv: []string{"go", "test", "-race", "./..."}}},
		}},
		{line: `A=1 B='x y' aws s --tags 'Key=k,Value=a b' | trainingjob inspect`, want: [][]shCmd{{
			{env: map[string]string{"A": "1", "B": "x y"}, argv: []string{"aws", "s", "--tags", "Key=k,Value=a b"}},
			{env: map[string]string{}, argv: []string{"trainingjob", "inspect"}},
		}}},
		{line: `python3 -c 'print("a#b")' "c\"d"`, want: [][]shCmd{{{env: map[string]string{}, argv: []string{"python3", "-c", `print("a#b")`, `c"d`}}}}},
		{line: "echo $?", want: [][]shCmd{{{env: map[string]string{}, argv: []string{"echo", "$?"}}}}},
		{line: "echo $HOME", err: true},
		{line: "a || b", err: true},
		{line: "a & b", err: true},
		{line: "'unclosed", err: true},
	}
	for _, tt := range tests {
		l, err := parseShLine(tt.line, "x")
		if tt.err {
			assert.Error(t, err, tt.line)
			continue
		}
		require.NoError(t, err, tt.line)
		assert.Equal(t, tt.want, l.pipelines, tt.line)
		assert.Equal(t, tt.background, l.background, tt.line)
		assert.Equal(t, tt.comment, l.comment, tt.line)
	}
}
