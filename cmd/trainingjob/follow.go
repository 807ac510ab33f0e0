package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

// console writes progress lines, and on a terminal keeps a live status
// line under them that it redraws in place. It is safe for concurrent use.
type console struct {
	mu     sync.Mutex
	w      io.Writer
	live   bool   // draw the live line
	status string // the live line's text, "" for none
}

func (c *console) println(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.live && c.status != "" {
		io.WriteString(c.w, "\r\x1b[K")
	}
	io.WriteString(c.w, s+"\n")
	if c.live && c.status != "" {
		io.WriteString(c.w, c.status)
	}
}

// setStatus replaces the live line; "" removes it. It does nothing off a
// terminal.
func (c *console) setStatus(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live {
		return
	}
	io.WriteString(c.w, "\r\x1b[K"+s)
	c.status = s
}

// follow waits for the job called name to end, printing the progress lines
// of each change. It returns the last description and its outcome; err is
// nil when the job ended, whatever its outcome, and otherwise why the watch
// stopped (ctx.Err() when interrupted).
func follow(ctx context.Context, client sagemaker.DescribeTrainingJobAPIClient, name string, out *console, st style,
	opts ...trainingjob.WatchOption) (*trainingjob.TrainingJob, trainingjob.Outcome, error) {
	handler := func(ev trainingjob.WatchEvent) error {
		printEvent(ev, out, st)
		return nil
	}
	opts = append(opts, trainingjob.WithEventHandler(handler))
	last, outcome, err := trainingjob.Wait(ctx, client, name, opts...)
	var oe *trainingjob.OutcomeError
	if errors.As(err, &oe) {
		err = nil // the job ended; its outcome says how
	}
	return last, outcome, err
}

// printEvent prints the progress lines of a change.
func printEvent(ev trainingjob.WatchEvent, out *console, st style) {
	for _, l := range ev.Lines {
		out.println(paintProgress(clean(l, false), st))
	}
	if len(ev.Lines) == 0 {
		// The statuses moved without a new history entry, such as
		// Stopping with a lagging secondary status.
		for _, c := range ev.Changes {
			if c.Kind == trainingjob.ChangeStatus {
				out.println(statusLine(ev.Job, st))
			}
		}
	}
}

// paintProgress colours the status word of a progress line.
func paintProgress(line string, st style) string {
	if !st.color {
		return line
	}
	const stamp = len("2006-01-02 15:04:05 UTC ")
	if len(line) <= stamp {
		return line
	}
	rest := line[stamp:]
	word, tail, _ := strings.Cut(rest, " ")
	if tail != "" {
		tail = " " + tail
	}
	return st.paint(sgrDim, line[:stamp]) + st.paint(statusColor(word), word) + tail
}

// statusLine reports the job's statuses, stamped with its LastModifiedTime.
func statusLine(job trainingjob.TrainingJob, st style) string {
	stamp := "-"
	if !job.LastModifiedTime.IsZero() {
		stamp = job.LastModifiedTime.UTC().Format(textTime)
	}
	s := "TrainingJobStatus " + string(job.TrainingJobStatus)
	if job.SecondaryStatus != "" {
		s += " (SecondaryStatus " + string(job.SecondaryStatus) + ")"
	}
	return st.paint(sgrDim, stamp) + " " + clean(s, false)
}

// outcomeLine is the last line of a watch.
func outcomeLine(job *trainingjob.TrainingJob, outcome trainingjob.Outcome, st style) string {
	s := "Outcome: " + st.paint(sgrBold+";"+outcomeColor(outcome.String()), outcome.String())
	statuses := string(job.TrainingJobStatus)
	if job.SecondaryStatus != "" {
		statuses += " / " + string(job.SecondaryStatus)
	}
	if statuses != "" {
		s += " (" + clean(statuses, false) + ")"
	}
	if !job.TrainingEndTime.IsZero() && !job.CreationTime.IsZero() {
		s += " after " + fmtDuration(job.TrainingEndTime.Sub(job.CreationTime))
	}
	if job.FailureReason != "" {
		s += ": " + clean(job.FailureReason, false)
	}
	return s
}

// outcomeExitCode is watch's exit status for a job that ended.
func outcomeExitCode(o trainingjob.Outcome) int {
	switch o {
	case trainingjob.OutcomeSucceeded:
		return exitOK
	case trainingjob.OutcomeFailed:
		return exitProblem
	case trainingjob.OutcomeStoppedByUser, trainingjob.OutcomeMaxRuntimeExceeded, trainingjob.OutcomeMaxWaitTimeExceeded:
		return exitStopped
	}
	return exitOther
}
