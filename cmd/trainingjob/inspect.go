package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
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

Exit status:
  0  the document is valid, whatever the job's outcome
  1  the document is invalid, or cannot be decoded as a training job
  2  usage error, or the file cannot be read
`

// inspectOptions are inspect's flags.
type inspectOptions struct {
	strict, asJSON, showSecrets bool
	now                         timeFlag
	out                         outputFlags
}

func (o *inspectOptions) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.strict, "strict", false,
		"validate at the strict strength (for documents built by hand) instead of the default one (anything SageMaker sends)")
	fs.BoolVar(&o.asJSON, "json", false,
		"write one JSON object instead of text (see 'go doc github.com/trainingjob-go/trainingjob/cmd/trainingjob')")
	fs.Var(&o.now, "now", "measure open phases up to `TIME` (RFC 3339, or \"now\")")
	fs.BoolVar(&o.showSecrets, "show-secrets", false,
		"show the values of HyperParameters and Environment, which often hold credentials (hidden by default, keys shown)")
	o.out.register(fs)
}

func runInspect(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect")
	var o inspectOptions
	o.register(fs)
	pos, err := parseFlags(fs, args, inspectUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	strict, asJSON, showSecrets, now, out := o.strict, o.asJSON, o.showSecrets, o.now, o.out
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
	data, err := readInput(ctx, file, stdin)
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
		if len(bytes.TrimSpace(data)) == 0 {
			return &exitError{Code: exitProblem, Err: fmt.Errorf("inspect: %s is empty: no document to inspect", displayName(file))}
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
