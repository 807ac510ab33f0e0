package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/trainingjob-go/trainingjob"
)

const validateUsage = `Usage: trainingjob validate [OPTIONS] PATH...

Checks training job documents and lists every problem, one line each:

  FILE: FIELD: PROBLEM

such as

  jobs/run7.json: SecondaryStatusTransitions[3].EndTime: out of order: ...

followed by a summary line. PATH may be a file (read whatever its name and
kind, a FIFO too), a directory (every regular *.json file below it,
recursively, in lexical order; a FIFO, socket or device found there is
skipped with a note) or - for standard input. Each document may be in any
form 'trainingjob inspect' reads. A document that cannot be decoded is one problem, located by the
member being decoded (or "(document)"); a problem with the job as a whole
has the field "(job)".

Options:

Exit status:
  0  every document is valid
  1  at least one document is invalid or cannot be decoded
  2  usage error, or a path cannot be read (the other paths are still
     checked)
`

// validateOptions are validate's flags.
type validateOptions struct {
	strict, verbose bool
}

func (o *validateOptions) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.strict, "strict", false,
		"validate at the strict strength (for documents built by hand, such as test fixtures) instead of the default one")
	fs.BoolVar(&o.verbose, "verbose", false, `also print "FILE: ok" for every valid document`)
	fs.BoolVar(&o.verbose, "v", false, "same as --verbose")
}

func runValidate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fset := newFlagSet("validate")
	var o validateOptions
	o.register(fset)
	paths, err := parseFlags(fset, args, validateUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	strict, verbose := o.strict, o.verbose
	if len(paths) == 0 {
		return usageErrorf("validate", "no PATH given (a file, a directory, or - for standard input)")
	}
	var opts []trainingjob.ValidateOption
	if strict {
		opts = append(opts, trainingjob.Strict())
	}
	var (
		docs, invalid, problems, ioErrors, skipped int
		usedStdin                                  bool
	)
	check := func(name string, data []byte) {
		docs++
		lines, omitted := documentProblems(data, opts)
		if len(lines) == 0 {
			if verbose {
				fmt.Fprintf(stdout, "%s: ok\n", name)
			}
			return
		}
		invalid++
		problems += len(lines) + omitted
		for _, l := range lines {
			fmt.Fprintf(stdout, "%s: %s\n", name, l)
		}
	}
	ioError := func(err error) {
		ioErrors++
		fmt.Fprintf(stderr, "trainingjob: validate: %v\n", err)
	}
	interrupted := exitf(exitInterrupted, "validate: interrupted")
	for _, p := range paths {
		if ctx.Err() != nil {
			return interrupted
		}
		if p == "-" {
			if usedStdin {
				return usageErrorf("validate", "- (standard input) given more than once")
			}
			usedStdin = true
		}
		isDir := false
		if p != "-" {
			fi, err := os.Stat(p)
			if err != nil {
				ioError(err)
				continue
			}
			isDir = fi.IsDir()
		}
		if !isDir {
			// A path named on the command line is read whatever it is,
			// a FIFO too, until Ctrl-C.
			data, err := readInput(ctx, p, stdin)
			switch {
			case ctx.Err() != nil:
				return interrupted
			case err != nil:
				ioError(err)
			default:
				check(p, data)
			}
			continue
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				ioError(err)
				return nil // carry on with the rest of the tree
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".json") {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			// What a walk finds that is not a regular file (a FIFO, a
			// socket, a device, or a link to one) is skipped: reading it
			// could wait forever, and nobody asked for it by name.
			if kind := irregularKind(path, d); kind != "" {
				skipped++
				fmt.Fprintf(stderr, "trainingjob: validate: skipping %s: %s, not a regular file\n", path, kind)
				return nil
			}
			data, err := readInput(ctx, path, nil)
			if err != nil {
				if ctx.Err() != nil {
					return err
				}
				ioError(err)
				return nil
			}
			check(path, data)
			return nil
		})
		if err != nil {
			return interrupted
		}
	}
	summary := plural(docs, "document", "documents") + ": " + strconv.Itoa(docs-invalid) + " valid, " +
		strconv.Itoa(invalid) + " invalid"
	if problems > 0 {
		summary += " (" + plural(problems, "problem", "problems") + ")"
	}
	if ioErrors > 0 {
		summary += ", " + plural(ioErrors, "path", "paths") + " unreadable"
	}
	if skipped > 0 {
		summary += ", " + plural(skipped, "file", "files") + " skipped"
	}
	if strict {
		summary += "; strict validation"
	}
	fmt.Fprintln(stdout, summary)
	switch {
	case ioErrors > 0:
		return &exitError{Code: exitUsage}
	case invalid > 0:
		return &exitError{Code: exitProblem}
	}
	return nil
}

// irregularKind names what the walk found at path when it is not a regular
// file, following a symbolic link, and is "" for a regular file (or a
// link it cannot follow, whose read then reports why).
func irregularKind(path string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(path)
		if err != nil {
			return ""
		}
		mode = fi.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		return "a link to a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// documentProblems returns one "FIELD: PROBLEM" line per problem of the
// document in data, or none when it is a valid training job.
func documentProblems(data []byte, opts []trainingjob.ValidateOption) ([]string, int) {
	doc, err := trainingjob.ReadDocument(data)
	if err != nil {
		var de *trainingjob.DecodeError
		if !errors.As(err, &de) {
			return []string{"(document): " + libMessage(err)}, 0
		}
		field := de.Path
		if field == "" {
			field = "(document)"
		}
		problem := de.Msg
		if de.Kind != nil {
			problem = de.Kind.Error() + ": " + problem
		}
		return []string{fmt.Sprintf("%s: %s (at byte %d)", field, problem, de.Offset)}, 0
	}
	var lines []string
	findings, omitted := findingsOf(doc.Validate(opts...))
	for _, f := range findings {
		field := f.Field
		if field == "" {
			field = "(job)"
		}
		lines = append(lines, field+": "+f.Problem)
	}
	if omitted > 0 {
		e := trainingjob.ValidationError{Omitted: omitted}
		lines = append(lines, e.OmittedLine())
		omitted-- // lines holds the count line, which is no problem itself
	}
	return lines, omitted
}
