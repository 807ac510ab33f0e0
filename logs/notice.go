package logs

import (
	"fmt"
	"time"
)

// NoticeKind says what a Notice reports.
type NoticeKind int

const (
	// NoticeNoLogGroup: the log group does not exist yet. The reader
	// polls until it does.
	NoticeNoLogGroup NoticeKind = iota + 1
	// NoticeNoStreams: the group holds no stream of the job yet; its
	// containers have not started. The reader polls until they do.
	NoticeNoStreams
	// NoticeNewStream: a stream of the job was found, Stream names it: an
	// instance started, or started again after an interruption or a
	// retry.
	NoticeNewStream
	// NoticeStreamMissing: a listed stream could not be read yet
	// (ResourceNotFoundException); the next poll reads it.
	NoticeStreamMissing
	// NoticeRetry: a call was throttled or failed transiently; the reader
	// waits Wait and tries again.
	NoticeRetry
	// NoticeJobGone: DescribeTrainingJob says the job does not exist any
	// more; the reader reads what its streams still hold and stops.
	NoticeJobGone
)

var noticeNames = map[NoticeKind]string{
	NoticeNoLogGroup: "NoLogGroup", NoticeNoStreams: "NoStreams", NoticeNewStream: "NewStream",
	NoticeStreamMissing: "StreamMissing", NoticeRetry: "Retry", NoticeJobGone: "JobGone",
}

// String returns the kind's name, such as "NewStream".
func (k NoticeKind) String() string {
	if s, ok := noticeNames[k]; ok {
		return s
	}
	return fmt.Sprintf("NoticeKind(%d)", int(k))
}

// Notice is something a reader met that is not a line; see
// WithNoticeHandler.
type Notice struct {
	Kind NoticeKind
	// Job is the training job's name.
	Job string
	// Stream names the stream, for NoticeNewStream and
	// NoticeStreamMissing.
	Stream string
	// Err is the failure, for NoticeRetry, NoticeStreamMissing and
	// NoticeJobGone.
	Err error
	// Wait is how long the reader waits before it tries again, for
	// NoticeRetry.
	Wait time.Duration
	// Time is when the reader met it, on its clock.
	Time time.Time
}

// String describes the notice in a sentence, as a command-line tool shows
// it.
func (n Notice) String() string {
	switch n.Kind {
	case NoticeNoLogGroup:
		return "the log group " + LogGroup + " does not exist yet; waiting for the job's first line"
	case NoticeNoStreams:
		return fmt.Sprintf("training job %q has no log streams yet; waiting for its instances to start", n.Job)
	case NoticeNewStream:
		if s, ok := ParseStreamName(n.Stream); ok {
			return fmt.Sprintf("%s started at %s: stream %s", s.Instance, s.Started.Format(time.RFC3339), n.Stream)
		}
		return "new stream " + n.Stream
	case NoticeStreamMissing:
		return "stream " + n.Stream + " is listed but cannot be read yet; trying again at the next poll"
	case NoticeRetry:
		return fmt.Sprintf("%v; trying again in %s", n.Err, n.Wait)
	case NoticeJobGone:
		return fmt.Sprintf("training job %q no longer exists; reading what its streams hold", n.Job)
	}
	return n.Kind.String()
}
