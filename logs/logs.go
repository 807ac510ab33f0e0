package logs

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/trainingjob-go/trainingjob"
)

// LogGroup is the CloudWatch Logs group SageMaker writes training jobs'
// output to.
const LogGroup = "/aws/sagemaker/TrainingJobs"

// Client is what the package needs of a CloudWatch Logs client: the
// methods of *cloudwatchlogs.Client that list a group's streams and read
// one stream.
type Client interface {
	cloudwatchlogs.DescribeLogStreamsAPIClient
	cloudwatchlogs.GetLogEventsAPIClient
}

var _ Client = (*cloudwatchlogs.Client)(nil)

// Errors reported by Read. Match them with errors.Is.
var (
	// ErrNoLogGroup: the log group does not exist. CloudWatch Logs creates
	// it when an account's first training job writes its first line, so a
	// region that never ran a job has none.
	ErrNoLogGroup = errors.New("the log group " + LogGroup + " does not exist")
	// ErrNoStreams: the group holds no stream of the job, as for a job
	// whose containers have not started yet, or that failed before they
	// did.
	ErrNoStreams = errors.New("no log streams for the training job")
)

// Line is one line a job's instance wrote.
type Line struct {
	// Time is when the instance wrote the line (the event's timestamp,
	// to the millisecond).
	Time time.Time
	// Ingested is when CloudWatch Logs received it.
	Ingested time.Time
	// Stream is the name of the stream holding the line.
	Stream string
	// Instance names the instance, "algo-1" for the first: the stream's
	// name without the job's name and the start's suffix. It is the
	// stream's name after the job's for a stream not named in SageMaker's
	// form.
	Instance string
	// Message is the line, without a trailing newline.
	Message string
}

// String returns the line as "[instance] message".
func (l Line) String() string { return "[" + l.Instance + "] " + l.Message }

// Stream is what ParseStreamName finds in a stream's name.
type Stream struct {
	// Job is the training job's name.
	Job string
	// Instance names the instance: "algo-1" for the first.
	Instance string
	// Host is the instance's number: 1 for algo-1.
	Host int
	// Started is when the instance's container started, to the second.
	Started time.Time
}

// ParseStreamName reads a stream name of the form SageMaker gives a
// training job's streams, "<job>/algo-<n>-<epoch seconds>". ok is false
// for any other name.
func ParseStreamName(name string) (s Stream, ok bool) {
	job, rest, found := strings.Cut(name, "/")
	if !found || job == "" {
		return Stream{}, false
	}
	host, epoch, found := strings.Cut(strings.TrimPrefix(rest, "algo-"), "-")
	if !found || !strings.HasPrefix(rest, "algo-") {
		return Stream{}, false
	}
	n, err1 := strconv.Atoi(host)
	sec, err2 := strconv.ParseInt(epoch, 10, 64)
	if err1 != nil || err2 != nil || n < 1 || sec < 0 || host[0] == '+' || epoch[0] == '+' {
		return Stream{}, false
	}
	return Stream{Job: job, Instance: "algo-" + host, Host: n, Started: time.Unix(sec, 0).UTC()}, true
}

// instanceOf names the instance writing a job's stream.
func instanceOf(job, stream string) string {
	if s, ok := ParseStreamName(stream); ok && s.Job == job {
		return s.Instance
	}
	return strings.TrimPrefix(stream, job+"/")
}

// Read returns the lines the streams of the job called name hold now,
// merged in time order (lines of the same millisecond in the order of
// their streams' names, then of their streams), from the time WithSince
// gives or from the start. It reads every stream to its end and does not
// wait for more; Follow does.
//
// When there is nothing to read, Read returns an error matching
// ErrNoLogGroup or ErrNoStreams. Throttled and transient calls are retried
// as Follow retries them; any other error from the client ends the read,
// wrapped with the job's name so errors.As still finds the SDK's types.
func Read(ctx context.Context, client Client, name string, opts ...Option) ([]Line, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if client == nil {
		return nil, errors.New("logs: Read: the client is nil")
	}
	cfg.useClock(client, nil)
	r := newReader(client, name, cfg)
	for {
		err := r.poll(ctx)
		if err == nil {
			break
		}
		if err := r.retry(ctx, err); err != nil {
			return nil, err
		}
	}
	switch {
	case r.noGroup:
		return nil, fmt.Errorf("logs: training job %q: %w", name, ErrNoLogGroup)
	case len(r.streams) == 0:
		return nil, fmt.Errorf("logs: training job %q: %w", name, ErrNoStreams)
	}
	lines := r.take(time.Time{}, true)
	return lines, nil
}

// reader reads a job's streams: each from its head (or from the time
// WithSince gives), remembering where it stopped.
type reader struct {
	client   Client
	job      string
	cfg      *config
	streams  map[string]*streamState
	order    []string // stream names in the order they were found
	noGroup  bool     // the last listing found no group
	pending  []Line   // read, not yet delivered
	failures int      // failed calls in a row
	seq      int      // lines read, for a stable order
	seqs     []int    // seqs[i] is pending[i]'s
	// newest is the latest ingestion time read: the service's clock as
	// far as the reader knows it, which may run ahead of the reader's own
	// (a fake's scaled clock, a skewed machine).
	newest time.Time
}

type streamState struct {
	token *string // the next forward token; nil before the first read
}

func newReader(client Client, job string, cfg *config) *reader {
	return &reader{client: client, job: job, cfg: cfg, streams: map[string]*streamState{}}
}

// poll lists the job's streams, notes the new ones, and reads every stream
// to its end. It returns the first error a call gave; what was read before
// it is kept.
func (r *reader) poll(ctx context.Context) error {
	names, err := r.list(ctx)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, ok := r.streams[n]; ok {
			continue
		}
		if len(r.streams) == MaxStreams {
			return fmt.Errorf("logs: training job %q: more than %d streams", r.job, MaxStreams)
		}
		r.streams[n] = &streamState{}
		r.order = append(r.order, n)
		if err := r.cfg.notify(Notice{Kind: NoticeNewStream, Job: r.job, Stream: n, Time: r.cfg.now()}); err != nil {
			return err
		}
	}
	for _, n := range r.order {
		if err := r.read(ctx, n); err != nil {
			return err
		}
	}
	r.failures = 0
	return nil
}

// MaxStreams bounds how many streams of one job the package follows: far
// more than a job writes (one per instance per start), few enough that a
// wrong prefix cannot make it read a whole account's logs.
const MaxStreams = 10000

// maxPages bounds the pages of one listing or of one stream read in a
// poll, so that a client that keeps answering with new tokens cannot hold
// a poll forever; the next poll goes on from there.
const maxPages = 1000

// list returns the names of the job's streams. A group that does not exist
// yet gives no names and sets noGroup.
func (r *reader) list(ctx context.Context) ([]string, error) {
	in := &cloudwatchlogs.DescribeLogStreamsInput{
		LogGroupName:        aws.String(LogGroup),
		LogStreamNamePrefix: aws.String(r.job + "/"),
	}
	var names []string
	for page := 0; page < maxPages; page++ {
		out, err := r.client.DescribeLogStreams(ctx, in, r.cfg.clientOptions...)
		if err != nil {
			var missing *cwtypes.ResourceNotFoundException
			if errors.As(err, &missing) {
				r.noGroup = true
				return nil, nil
			}
			return nil, fmt.Errorf("logs: listing the streams of training job %q: %w", r.job, err)
		}
		r.noGroup = false
		for _, s := range out.LogStreams {
			if n := aws.ToString(s.LogStreamName); strings.HasPrefix(n, r.job+"/") {
				names = append(names, n)
			}
		}
		if out.NextToken == nil || aws.ToString(out.NextToken) == aws.ToString(in.NextToken) {
			break
		}
		in.NextToken = out.NextToken
	}
	return names, nil
}

// read reads the stream from where the last read stopped to its end: until
// the service answers with the forward token it was given.
func (r *reader) read(ctx context.Context, name string) error {
	st := r.streams[name]
	in := &cloudwatchlogs.GetLogEventsInput{
		LogGroupName:  aws.String(LogGroup),
		LogStreamName: aws.String(name),
		StartFromHead: aws.Bool(true),
		NextToken:     st.token,
	}
	if st.token == nil && !r.cfg.since.IsZero() {
		in.StartTime = aws.Int64(r.cfg.since.UnixMilli())
	}
	instance := instanceOf(r.job, name)
	for page := 0; page < maxPages; page++ {
		out, err := r.client.GetLogEvents(ctx, in, r.cfg.clientOptions...)
		if err != nil {
			var missing *cwtypes.ResourceNotFoundException
			if errors.As(err, &missing) {
				// Listed but not readable yet: CloudWatch Logs is
				// eventually consistent. The next poll tries again.
				return r.cfg.notify(Notice{Kind: NoticeStreamMissing, Job: r.job, Stream: name, Err: err, Time: r.cfg.now()})
			}
			return fmt.Errorf("logs: reading stream %s of training job %q: %w", name, r.job, err)
		}
		for _, e := range out.Events {
			ingested := time.UnixMilli(aws.ToInt64(e.IngestionTime)).UTC()
			if ingested.After(r.newest) {
				r.newest = ingested
			}
			r.pending = append(r.pending, Line{
				Time:     time.UnixMilli(aws.ToInt64(e.Timestamp)).UTC(),
				Ingested: ingested,
				Stream:   name,
				Instance: instance,
				Message:  strings.TrimRight(aws.ToString(e.Message), "\r\n"),
			})
			r.seqs = append(r.seqs, r.seq)
			r.seq++
		}
		next := out.NextForwardToken
		if next == nil {
			return nil
		}
		same := in.NextToken != nil && *next == *in.NextToken
		st.token, in.NextToken, in.StartTime = next, next, nil
		if same || len(out.Events) == 0 {
			return nil
		}
	}
	return nil
}

// take removes and returns, in time order, the pending lines written at or
// before until, or all of them when all is true.
func (r *reader) take(until time.Time, all bool) []Line {
	idx := make([]int, len(r.pending))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		la, lb := r.pending[idx[a]], r.pending[idx[b]]
		if !la.Time.Equal(lb.Time) {
			return la.Time.Before(lb.Time)
		}
		if la.Stream != lb.Stream {
			return la.Stream < lb.Stream
		}
		return r.seqs[idx[a]] < r.seqs[idx[b]]
	})
	var out, keep []Line
	var keepSeqs []int
	for _, i := range idx {
		if all || !r.pending[i].Time.After(until) {
			out = append(out, r.pending[i])
		} else {
			keep = append(keep, r.pending[i])
			keepSeqs = append(keepSeqs, r.seqs[i])
		}
	}
	r.pending, r.seqs = keep, keepSeqs
	return out
}

// retry decides what a failed poll leads to: for a throttled or transient
// failure, within WithMaxRetries, a notice and a wait, after which the
// caller polls again (nil); otherwise the error.
func (r *reader) retry(ctx context.Context, err error) error {
	var stop stopError
	if errors.As(err, &stop) {
		return stop.err
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if !trainingjob.IsTransient(err) {
		return err
	}
	r.failures++
	if r.failures > r.cfg.maxRetries {
		return fmt.Errorf("%w (%d failed attempts in a row)", err, r.failures)
	}
	wait := r.cfg.backoff(r.failures)
	if err := r.cfg.notify(Notice{Kind: NoticeRetry, Job: r.job, Err: err, Wait: wait, Time: r.cfg.now()}); err != nil {
		return errors.Unwrap(err)
	}
	return r.cfg.wait(ctx, wait)
}

// stopError carries an error from a notice handler, which ends the read
// as it is.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }
func (e stopError) Unwrap() error { return e.err }
