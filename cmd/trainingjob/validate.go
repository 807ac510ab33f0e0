package main

import (
	"context"
	"errors"
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

followed by a summary line. PATH may be a file (read whatever its name), a
directory (every *.json file below it, recursively, in lexical order) or -
for standard input. Each document may be in any form 'trainingjob inspect'
reads. A document that cannot be decoded is one problem, located by the
member being decoded (or "(document)"); a problem with the job as a whole
has the field "(job)".

Options:
  --strict         validate at the strict strength (for documents built by
                   hand, such as test fixtures) instead of the default one
  -v, --verbose    also print "FILE: ok" for every valid document
  -h, --help       show this help

Exit status:
  0  every document is valid
  1  at least one document is invalid or cannot be decoded
  2  usage error, or a path cannot be read (the other paths are still
     checked)
`

func runValidate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fset := newFlagSet("validate")
	var strict, verbose bool
	fset.BoolVar(&strict, "strict", false, "")
	fset.BoolVar(&verbose, "verbose", false, "")
	fset.BoolVar(&verbose, "v", false, "")
	paths, err := parseFlags(fset, args, validateUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	if len(paths) == 0 {
		return usageErrorf("validate", "no PATH given (a file, a directory, or - for standard input)")
	}
	var opts []trainingjob.ValidateOption
	if strict {
		opts = append(opts, trainingjob.Strict())
	}
	var (
		docs, invalid, problems, ioErrors int
		usedStdin                         bool
	)
	check := func(name string, data []byte) {
		docs++
		lines := documentProblems(data, opts)
		if len(lines) == 0 {
			if verbose {
				fmt.Fprintf(stdout, "%s: ok\n", name)
			}
			return
		}
		invalid++
		problems += len(lines)
		for _, l := range lines {
			fmt.Fprintf(stdout, "%s: %s\n", name, l)
		}
	}
	ioError := func(err error) {
		ioErrors++
		fmt.Fprintf(stderr, "trainingjob: validate: %v\n", err)
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return &exitError{Code: exitInterrupted, Err: errors.New("validate: interrupted")}
		}
		if p == "-" {
			if usedStdin {
				return usageErrorf("validate", "- (standard input) given more than once")
			}
			usedStdin = true
			data, err := readInputContext(ctx, "-", stdin)
			if err != nil {
				if ctx.Err() != nil {
					return exitf(exitInterrupted, "validate: interrupted")
				}
				ioError(err)
				continue
			}
			check("-", data)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			ioError(err)
			continue
		}
		if !fi.IsDir() {
			data, err := readInput(p, nil)
			if err != nil {
				ioError(err)
				continue
			}
			check(p, data)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
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
			data, err := readInput(path, nil)
			if err != nil {
				ioError(err)
				return nil
			}
			check(path, data)
			return nil
		})
		if err != nil {
			return &exitError{Code: exitInterrupted, Err: errors.New("validate: interrupted")}
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

// documentProblems returns one "FIELD: PROBLEM" line per problem of the
// document in data, or none when it is a valid training job.
func documentProblems(data []byte, opts []trainingjob.ValidateOption) []string {
	doc, err := trainingjob.ReadDocument(data)
	if err != nil {
		var de *trainingjob.DecodeError
		if !errors.As(err, &de) {
			return []string{"(document): " + libMessage(err)}
		}
		field := de.Path
		if field == "" {
			field = "(document)"
		}
		problem := de.Msg
		if de.Kind != nil {
			problem = de.Kind.Error() + ": " + problem
		}
		return []string{fmt.Sprintf("%s: %s (at byte %d)", field, problem, de.Offset)}
	}
	var lines []string
	for _, f := range findingsOf(doc.Validate(opts...)) {
		field := f.Field
		if field == "" {
			field = "(job)"
		}
		lines = append(lines, field+": "+f.Problem)
	}
	return lines
}
