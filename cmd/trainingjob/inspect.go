package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/trainingjob-go/trainingjob"
)

const inspectUsage = `Usage: trainingjob inspect [OPTIONS] [FILE|-]

Shows one training job document: a summary (name, statuses, outcome, times,
instances, training and billable time, spot savings), the timeline as a
table with a bar per phase scaled to the width of the output, and what
validation finds. FILE may hold any form the library reads: a
DescribeTrainingJob response (from the API, AWS CLI v1 or v2, or the
JavaScript SDK), an EventBridge "SageMaker Training Job State Change" event,
or a Search record. Without FILE, or with -, the document is read from
standard input:

  aws sagemaker describe-training-job --training-job-name NAME | trainingjob inspect

A phase that is still open is measured up to the latest time the document
records (the event's time, LastModifiedTime, the history's times, or
TrainingStartTime + TrainingTimeInSeconds), so the same document always
gives the same output; --now changes that.

Options:
  --strict         validate at the strict strength (for documents built by
                   hand) instead of the default one (anything SageMaker sends)
  --json           write one JSON object instead of text (see 'go doc
                   github.com/trainingjob-go/trainingjob/cmd/trainingjob')
  --now TIME       measure open phases up to TIME (RFC 3339, or "now")
  --show-secrets   show the values of HyperParameters and Environment, which
                   often hold credentials (hidden by default, keys shown)
  --width N        lay the output out for N columns (default $COLUMNS, or 80)
  --no-color       no colour (also off when NO_COLOR is set or the output is
                   not a terminal)
  -h, --help       show this help

Exit status:
  0  the document is valid, whatever the job's outcome
  1  the document is invalid, or cannot be decoded as a training job
  2  usage error, or the file cannot be read
`

func runInspect(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect")
	var (
		strict, asJSON, showSecrets bool
		now                         timeFlag
		out                         outputFlags
	)
	fs.BoolVar(&strict, "strict", false, "")
	fs.BoolVar(&asJSON, "json", false, "")
	fs.BoolVar(&showSecrets, "show-secrets", false, "")
	fs.Var(&now, "now", "")
	out.register(fs)
	pos, err := parseFlags(fs, args, inspectUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	if len(pos) > 1 {
		return usageErrorf("inspect", "one document at a time (got %d); use 'trainingjob validate' for many", len(pos))
	}
	file := "-"
	if len(pos) == 1 {
		file = pos[0]
	}
	if file == "-" && isTerminal(stdin) {
		return usageErrorf("inspect", "no FILE given and standard input is a terminal")
	}
	data, err := readInputContext(ctx, file, stdin)
	if err != nil {
		if ctx.Err() != nil {
			return exitf(exitInterrupted, "inspect: interrupted")
		}
		return &exitError{Code: exitUsage, Err: fmt.Errorf("inspect: %w", err)}
	}
	doc, err := trainingjob.ReadDocument(data)
	if err != nil {
		if asJSON {
			if werr := writeJSON(stdout, newDecodeFailure(file, err)); werr != nil {
				return &exitError{Code: exitUsage, Err: fmt.Errorf("inspect: %w", werr)}
			}
		}
		return &exitError{Code: exitProblem, Err: fmt.Errorf("inspect: %s: %s", displayName(file), libMessage(err))}
	}
	var at time.Time
	if now.set {
		at = now.t
	}
	r := newReport(file, doc, at, strict)
	if showSecrets {
		r.showSecrets(&doc.Job)
	}
	if asJSON {
		if err := writeJSON(stdout, r); err != nil {
			return &exitError{Code: exitUsage, Err: fmt.Errorf("inspect: %w", err)}
		}
	} else {
		renderText(stdout, r, out.style(stdout))
	}
	if !r.Validation.Valid {
		return &exitError{Code: exitProblem}
	}
	return nil
}

// readInputContext is readInput that gives up when ctx ends, since a read
// from a pipe may block for as long as the writer likes.
func readInputContext(ctx context.Context, file string, stdin io.Reader) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := readInput(file, stdin)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readInput reads file, or stdin for "-", up to one byte past the
// library's document limit (ReadDocument then refuses it).
func readInput(file string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory", file)
		}
		r = f
	} else if stdin == nil {
		return nil, errors.New("no standard input")
	}
	data, err := io.ReadAll(io.LimitReader(r, trainingjob.MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", displayName(file), err)
	}
	return data, nil
}

func displayName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return file
}

// libMessage is the library's error message without its "trainingjob: "
// prefix, which the command's own messages already carry.
func libMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "trainingjob: ")
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
