package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
)

// feed prints what logs.Watch delivers: the progress lines of the job's
// status changes (when statuses is set) and the lines of its instances,
// each after its instance's name, coloured on a terminal; and the notices
// on standard error.
type feed struct {
	out      *console
	st       style
	stderr   io.Writer
	cmd      string // the command, for the notices
	endpoint string // --endpoint-url, for the failures' hints
	statuses bool

	last    *trainingjob.TrainingJob // the last description
	outcome trainingjob.Outcome
}

// instanceColors colour the instances' names by their number; red is left
// for failures.
var instanceColors = []string{sgrCyan, sgrMagenta, sgrYellow, sgrBlue, sgrGreen}

// instanceLine renders one line of an instance's log: "[algo-1] message".
func instanceLine(l logs.Line, st style) string {
	color := instanceColors[0]
	if s, ok := logs.ParseStreamName(l.Stream); ok {
		color = instanceColors[(s.Host-1)%len(instanceColors)]
	}
	return st.paint(color, "["+clean(l.Instance, false)+"]") + " " + clean(l.Message, false)
}

func (f *feed) entry(e logs.Entry) error {
	switch {
	case e.Line != nil:
		f.out.println(instanceLine(*e.Line, f.st))
	case e.Status != nil:
		job := e.Status.Job
		f.last, f.outcome = &job, e.Status.Outcome
		if f.statuses {
			printEvent(*e.Status, f.out, f.st)
		}
	}
	return nil
}

func (f *feed) notice(n logs.Notice) error {
	switch n.Kind {
	case logs.NoticeRetry:
		fmt.Fprintf(f.stderr, "trainingjob: %s: %s; retrying in %s\n", f.cmd, callFailure(n.Err, f.endpoint), n.Wait.Round(time.Second))
	case logs.NoticeStreamMissing, logs.NoticeNewStream:
		// The next poll reads a missing stream, and a new one shows by
		// its lines: nothing to act on.
	default:
		fmt.Fprintf(f.stderr, "trainingjob: %s: %s\n", f.cmd, n)
	}
	return nil
}

// watch follows the job with logs.Watch.
func (f *feed) watch(ctx context.Context, cw logs.Client, sm sagemaker.DescribeTrainingJobAPIClient, name string, opts ...logs.Option) error {
	opts = append(opts, logs.WithNoticeHandler(f.notice))
	return logs.Watch(ctx, cw, sm, name, f.entry, opts...)
}
