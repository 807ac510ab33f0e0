package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	// Ctrl-C and SIGTERM end the context: watch and demo stop following the
	// job, serve shuts down gracefully. Once the first has arrived, stop
	// restores the default behaviour, so a second one kills the process.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit codes. Each command documents which of them it uses; see doc.go.
const (
	exitOK          = 0
	exitProblem     = 1   // inspect: invalid document; validate: a document has an error; watch: the job failed
	exitUsage       = 2   // usage or I/O error, or (watch) the job could not be followed
	exitStopped     = 3   // watch: the job was stopped (by a user, MaxRuntimeExceeded, MaxWaitTimeExceeded)
	exitOther       = 4   // watch: the job ended otherwise (deleted while watched, unknown status)
	exitInterrupted = 130 // interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); serve exits 0 instead
)

// exitError is an error that carries the process's exit code. Err is what
// main prints to standard error; a nil Err means that the command has
// already said everything (validation findings, an outcome), and only the
// code is left.
type exitError struct {
	Code int
	Err  error
}

func (e *exitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *exitError) Unwrap() error { return e.Err }

// exitCode maps run's error to the process's exit code and prints its
// message, if it has one, to stderr. An error that is not an *exitError
// exits with 2.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	code, msg := exitUsage, err
	var ee *exitError
	if errors.As(err, &ee) {
		code, msg = ee.Code, ee.Err
	}
	if msg != nil {
		fmt.Fprintln(stderr, "trainingjob: "+msg.Error())
	}
	return code
}

// exitf returns an *exitError with a formatted message.
func exitf(code int, format string, args ...any) error {
	return &exitError{Code: code, Err: fmt.Errorf(format, args...)}
}

// usageErrorf reports a mistake in the command line, with a hint at the
// command's help.
func usageErrorf(cmd, format string, args ...any) error {
	help := "trainingjob --help"
	if cmd != "" {
		help = "trainingjob " + cmd + " --help"
	}
	msg := fmt.Sprintf(format, args...)
	if cmd != "" {
		msg = cmd + ": " + msg
	}
	return &exitError{Code: exitUsage, Err: fmt.Errorf("%s\nRun '%s' for usage.", msg, help)}
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	// usage is the prose of the command's help; its Options block is
	// rendered from the flags (see usageText).
	usage string
	// flags registers the command's flags on a flag set, as run does, so
	// that 'trainingjob help NAME' lists the same options as NAME --help.
	flags func(*flag.FlagSet)
	run   func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// help is the command's usage, with its options.
func (c command) help() string {
	fs := newFlagSet(c.name)
	c.flags(fs)
	return usageText(c.usage, fs)
}

func commands() []command {
	return []command{
		{"inspect", "show a training job document: summary, timeline, validation", inspectUsage,
			func(fs *flag.FlagSet) { new(inspectOptions).register(fs) }, runInspect},
		{"validate", "check documents (files, directories, -) and list every problem", validateUsage,
			func(fs *flag.FlagSet) { new(validateOptions).register(fs) }, runValidate},
		{"watch", "follow a live training job until it ends", watchUsage,
			func(fs *flag.FlagSet) { new(watchOptions).register(fs) }, runWatch},
		{"logs", "print a training job's CloudWatch logs, every instance merged in time order", logsUsage,
			func(fs *flag.FlagSet) { new(logsOptions).register(fs) }, runLogs},
		{"serve", "run a fake SageMaker over HTTP for local development", serveUsage,
			func(fs *flag.FlagSet) { new(serveOptions).register(fs) }, runServe},
		{"demo", "create a job on an in-process fake and follow it at high speed", demoUsage,
			func(fs *flag.FlagSet) { new(demoOptions).register(fs) }, runDemo},
	}
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

const mainUsageHead = `trainingjob works with Amazon SageMaker training jobs: it reads the JSON
documents SageMaker, the AWS CLI and EventBridge produce, follows live jobs,
and runs a fake SageMaker for local development.

Usage:
  trainingjob COMMAND [OPTIONS] [ARGUMENTS]
  trainingjob help COMMAND
  trainingjob --version

Commands:
`

const mainUsageTail = `
Every command takes --help. Exit codes: 0 success, 1 a problem the command
exists to find (an invalid document, a failed job), 2 a usage or I/O error,
130 interrupted; watch also uses 3 (job stopped) and 4 (job ended
otherwise). See 'trainingjob help COMMAND'.

Nothing here sends a request to AWS except 'watch' and 'logs', and only to
the endpoint they are given or the one the standard AWS configuration
selects.
`

func mainUsage() string {
	var b strings.Builder
	b.WriteString(mainUsageHead)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	b.WriteString(mainUsageTail)
	return b.String()
}

// run is the whole program: it parses args (without the program name),
// runs the command, and returns nil or an error whose *exitError, if any,
// gives the exit code. ctx ends on Ctrl-C.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage())
		return &exitError{Code: exitUsage}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help", "help":
		if name == "help" && len(rest) > 0 {
			c, ok := lookupCommand(rest[0])
			if !ok {
				return usageErrorf("", "help: unknown command %q", rest[0])
			}
			fmt.Fprint(stdout, c.help())
			return nil
		}
		fmt.Fprint(stdout, mainUsage())
		return nil
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, "trainingjob "+version())
		return nil
	}
	c, ok := lookupCommand(name)
	if !ok {
		if strings.HasPrefix(name, "-") {
			return usageErrorf("", "unknown option %s before the command", name)
		}
		return usageErrorf("", "unknown command %q", name)
	}
	return c.run(ctx, rest, stdin, stdout, stderr)
}

// version reports the module version the binary was built from, as go
// install records it.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	return v + " " + info.GoVersion
}
