package trainingjobtest

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/smithy-go"
)

// The fake serves its jobs' logs through the three reading operations of
// CloudWatch Logs, with the signatures of *cloudwatchlogs.Client, so code
// that follows a job's logs through the SDK's client (or the SDK's
// paginators) runs against it.
var (
	_ cloudwatchlogs.DescribeLogStreamsAPIClient = (*Fake)(nil)
	_ cloudwatchlogs.GetLogEventsAPIClient       = (*Fake)(nil)
	_ cloudwatchlogs.FilterLogEventsAPIClient    = (*Fake)(nil)
)

// Error codes and messages of the CloudWatch Logs operations, as the
// service words them.
const (
	// CodeResourceNotFoundException is the code of a request naming a log
	// group or stream that does not exist.
	CodeResourceNotFoundException = "ResourceNotFoundException"
	// CodeInvalidParameterException is the code of a request with a
	// member out of range, a token the service did not issue, or members
	// that cannot go together.
	CodeInvalidParameterException = "InvalidParameterException"
	// CodeThrottlingException is the code of a request refused for its
	// rate; ThrottleLogs makes the fake answer with it.
	CodeThrottlingException = "ThrottlingException"

	// NoLogGroupMessage and NoLogStreamMessage are the messages of the
	// ResourceNotFoundException for a missing group and stream.
	NoLogGroupMessage  = "The specified log group does not exist."
	NoLogStreamMessage = "The specified log stream does not exist."
	// ThrottlingMessage is the message of a ThrottlingException.
	ThrottlingMessage = "Rate exceeded"
	// InvalidTokenMessage is the message of the InvalidParameterException
	// for a token the fake did not issue, the service's wording
	// (https://github.com/boto/boto3/issues/1467).
	InvalidTokenMessage = "The specified nextToken is invalid."
)

// Limits of the reading operations: DescribeLogStreams returns at most 50
// streams a page; GetLogEvents and FilterLogEvents at most 10,000 events
// and about 1 MB (each event counting its message and 26 bytes) a page.
const (
	maxStreamsPage = 50
	maxEventsPage  = 10000
	maxPageBytes   = 1 << 20
)

// ThrottleLogs makes the next n CloudWatch Logs calls to the fake fail with
// a ThrottlingException ("Rate exceeded"), as the service answers a caller
// that reads too fast; n <= 0 ends a throttle in progress. Calls to the
// SageMaker operations are not affected.
func (f *Fake) ThrottleLogs(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logThrottle = max(n, 0)
}

// logsDo runs a CloudWatch Logs operation as do runs SageMaker ones, after
// the throttle ThrottleLogs asked for.
func logsDo[Out any](f *Fake, ctx context.Context, op string, in any, run func(now time.Time) (Out, error)) (Out, error) {
	return do(f, ctx, op, "", in, func(now time.Time) (Out, error) {
		if f.logThrottle > 0 {
			f.logThrottle--
			var none Out
			return none, &smithy.GenericAPIError{Code: CodeThrottlingException, Message: ThrottlingMessage, Fault: smithy.FaultClient}
		}
		return run(now)
	})
}

// maxDeletedLogs bounds how many deleted jobs the fake keeps logs for.
const maxDeletedLogs = 10000

// keepLogs keeps a deleted job's logs, as CloudWatch keeps them after
// DeleteTrainingJob.
func (f *Fake) keepLogs(j *fakeJob) {
	if len(f.deletedLogs) == maxDeletedLogs {
		f.deletedLogs = append(f.deletedLogs[:0], f.deletedLogs[1:]...)
	}
	f.deletedLogs = append(f.deletedLogs, j)
}

func invalidParameter(msg string) error {
	return &cwtypes.InvalidParameterException{Message: aws.String(msg)}
}

func noGroup() error {
	return &cwtypes.ResourceNotFoundException{Message: aws.String(NoLogGroupMessage)}
}

// logGroup checks the group a request names: LogGroupName, or
// LogGroupIdentifier (a name or an ARN), exactly one of them.
func (f *Fake) logGroup(name, identifier *string, now time.Time) error {
	switch {
	case name != nil && identifier != nil:
		return invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
	case name == nil && identifier == nil:
		return invalidParameter("Either logGroupName or logGroupIdentifier must be specified.")
	}
	group := aws.ToString(name)
	if identifier != nil {
		group = *identifier
		if strings.HasPrefix(group, "arn:") {
			_, after, _ := strings.Cut(group, ":log-group:")
			group = strings.TrimSuffix(after, ":*")
		}
	}
	if group != LogGroupName || !f.anyLogs(now) {
		return noGroup()
	}
	return nil
}

// streamRef is one stream that exists at the time of a call.
type streamRef struct {
	st      *logStream
	visible int // events ingested by then
}

// logJobs returns the jobs whose streams may start with prefix: every job,
// deleted ones included (their logs outlive them), or the one job the
// prefix names up to its "/".
func (f *Fake) logJobs(prefix string, now time.Time) []*fakeJob {
	var jobs []*fakeJob
	if name, _, ok := strings.Cut(prefix, "/"); ok {
		if j := f.jobs[strings.ToLower(name)]; j != nil && j.scenario.Name == name {
			jobs = append(jobs, j)
		}
	} else {
		for _, j := range f.jobs {
			if strings.HasPrefix(j.scenario.Name, prefix) {
				jobs = append(jobs, j)
			}
		}
	}
	for _, j := range f.deletedLogs {
		if strings.HasPrefix(j.scenario.Name+"/", prefix) || strings.HasPrefix(prefix, j.scenario.Name+"/") {
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// streams returns the streams that exist at now (their first line is
// ingested) and whose names start with prefix, sorted by name.
func (f *Fake) streams(prefix string, now time.Time) []streamRef {
	ms := now.UnixMilli()
	var out []streamRef
	for _, j := range f.logJobs(prefix, now) {
		if now.Before(j.scenario.Created) {
			continue
		}
		logs := j.logs()
		for i := range logs.streams {
			st := &logs.streams[i]
			if !strings.HasPrefix(st.name, prefix) {
				continue
			}
			if v := st.visible(ms); v > 0 {
				out = append(out, streamRef{st, v})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].st.name < out[b].st.name })
	return out
}

// anyLogs reports whether any job has written a line by now: the group
// exists from then on, as SageMaker creates it for an account's first job.
func (f *Fake) anyLogs(now time.Time) bool {
	ms := now.UnixMilli()
	check := func(j *fakeJob) bool {
		for i := range j.logs().streams {
			if j.logs().streams[i].visible(ms) > 0 {
				return true
			}
		}
		return false
	}
	for _, j := range f.jobs {
		if check(j) {
			return true
		}
	}
	for _, j := range f.deletedLogs {
		if check(j) {
			return true
		}
	}
	return false
}

func (f *Fake) streamArn(name string) string {
	return "arn:aws:logs:" + f.region + ":" + f.account + ":log-group:" + LogGroupName + ":log-stream:" + name
}

// DescribeLogStreams lists the streams of the fake's log group, as
// CloudWatch Logs does: by name (the default) or by the time of their last
// line (OrderBy LastEventTime, which cannot go with LogStreamNamePrefix),
// up to Limit (1 to 50, 50 by default) a page, with a NextToken while more
// remain. A group that does not exist yet (no job has written a line) is a
// *types.ResourceNotFoundException.
func (f *Fake) DescribeLogStreams(ctx context.Context, params *cloudwatchlogs.DescribeLogStreamsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogStreamsOutput, error) {
	in := copyDescribeLogStreamsInput(params)
	return logsDo(f, ctx, "DescribeLogStreams", in, func(now time.Time) (*cloudwatchlogs.DescribeLogStreamsOutput, error) {
		return f.describeLogStreams(in, now)
	})
}

func (f *Fake) describeLogStreams(in *cloudwatchlogs.DescribeLogStreamsInput, now time.Time) (*cloudwatchlogs.DescribeLogStreamsOutput, error) {
	if in == nil {
		in = &cloudwatchlogs.DescribeLogStreamsInput{}
	}
	limit, err := pageLimit(in.Limit, maxStreamsPage)
	if err != nil {
		return nil, err
	}
	byTime := false
	switch in.OrderBy {
	case "", cwtypes.OrderByLogStreamName:
	case cwtypes.OrderByLastEventTime:
		byTime = true
	default:
		return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: fmt.Sprintf(
			"1 validation error detected: Value '%s' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]", excerpt(string(in.OrderBy))), Fault: smithy.FaultClient}
	}
	prefix := aws.ToString(in.LogStreamNamePrefix)
	if byTime && prefix != "" {
		// The service's words, quoted in
		// https://github.com/turbot/steampipe-plugin-aws/issues/1949.
		return nil, invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
	}
	if err := f.logGroup(in.LogGroupName, in.LogGroupIdentifier, now); err != nil {
		return nil, err
	}
	refs := f.streams(prefix, now)
	if byTime {
		sort.SliceStable(refs, func(a, b int) bool { return refs[a].last() < refs[b].last() })
	}
	if aws.ToBool(in.Descending) {
		for i, j := 0, len(refs)-1; i < j; i, j = i+1, j-1 {
			refs[i], refs[j] = refs[j], refs[i]
		}
	}
	start := 0
	if in.NextToken != nil {
		pos, ok := decodeStreamToken(*in.NextToken)
		if !ok || pos > len(refs) {
			return nil, invalidParameter(InvalidTokenMessage)
		}
		start = pos
	}
	out := &cloudwatchlogs.DescribeLogStreamsOutput{LogStreams: []cwtypes.LogStream{}}
	end := min(start+limit, len(refs))
	for _, r := range refs[start:end] {
		first, last := r.st.events[0], r.st.events[r.visible-1]
		out.LogStreams = append(out.LogStreams, cwtypes.LogStream{
			LogStreamName:       aws.String(r.st.name),
			Arn:                 aws.String(f.streamArn(r.st.name)),
			CreationTime:        aws.Int64(first.ingest),
			FirstEventTimestamp: aws.Int64(first.ts),
			LastEventTimestamp:  aws.Int64(last.ts),
			LastIngestionTime:   aws.Int64(last.ingest),
			StoredBytes:         aws.Int64(0), // deprecated: the service reports 0
		})
	}
	if end < len(refs) {
		out.NextToken = aws.String(encodeStreamToken(end))
	}
	return out, nil
}

func (r streamRef) last() int64 { return r.st.events[r.visible-1].ts }

// Stream listing tokens carry the position of the next stream; they are
// opaque to callers, as the service's are.
func encodeStreamToken(pos int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("streams/" + strconv.Itoa(pos)))
}

func decodeStreamToken(tok string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	n, ok := strings.CutPrefix(string(raw), "streams/")
	if !ok {
		return 0, false
	}
	pos, err := strconv.Atoi(n)
	return pos, err == nil && pos >= 0
}

// pageLimit reads a request's Limit: absent means def; out of [1, def] is
// the service's ValidationException.
func pageLimit(limit *int32, def int) (int, error) {
	if limit == nil {
		return def, nil
	}
	switch {
	case *limit < 1:
		return 0, &smithy.GenericAPIError{Code: "ValidationException", Message: fmt.Sprintf(
			"1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", *limit), Fault: smithy.FaultClient}
	case int(*limit) > def:
		return 0, &smithy.GenericAPIError{Code: "ValidationException", Message: fmt.Sprintf(
			"1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d", *limit, def), Fault: smithy.FaultClient}
	}
	return int(*limit), nil
}

// GetLogEvents reads one stream as CloudWatch Logs does. Without a token it
// starts at the head when StartFromHead is true and otherwise returns the
// stream's latest events (the service's default); StartTime and EndTime
// (epoch milliseconds, the end excluded) narrow the events. A page holds at
// most Limit events (10,000 by default) and about 1 MB. NextForwardToken
// reads on from the page's end; at the end of the stream it is the token
// the request gave, so a reader that polls with it sees new lines as they
// arrive. NextBackwardToken reads the events before the page. A missing
// group or stream is a *types.ResourceNotFoundException, a token the fake
// did not issue an *types.InvalidParameterException.
func (f *Fake) GetLogEvents(ctx context.Context, params *cloudwatchlogs.GetLogEventsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error) {
	in := copyGetLogEventsInput(params)
	return logsDo(f, ctx, "GetLogEvents", in, func(now time.Time) (*cloudwatchlogs.GetLogEventsOutput, error) {
		return f.getLogEvents(in, now)
	})
}

func (f *Fake) getLogEvents(in *cloudwatchlogs.GetLogEventsInput, now time.Time) (*cloudwatchlogs.GetLogEventsOutput, error) {
	if in == nil {
		in = &cloudwatchlogs.GetLogEventsInput{}
	}
	limit, err := pageLimit(in.Limit, maxEventsPage)
	if err != nil {
		return nil, err
	}
	if in.LogStreamName == nil {
		return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null", Fault: smithy.FaultClient}
	}
	if err := f.logGroup(in.LogGroupName, in.LogGroupIdentifier, now); err != nil {
		return nil, err
	}
	name := *in.LogStreamName
	var ref *streamRef
	for _, r := range f.streams(name, now) {
		if r.st.name == name {
			ref = &r
			break
		}
	}
	if ref == nil {
		return nil, &cwtypes.ResourceNotFoundException{Message: aws.String(NoLogStreamMessage)}
	}
	// The events the time range admits are a run [lo, hi) of the visible
	// ones, as timestamps never decrease along a stream.
	events := ref.st.events[:ref.visible]
	lo, hi := 0, len(events)
	if in.StartTime != nil {
		lo = sort.Search(len(events), func(i int) bool { return events[i].ts >= *in.StartTime })
	}
	if in.EndTime != nil {
		hi = sort.Search(len(events), func(i int) bool { return events[i].ts >= *in.EndTime })
	}
	hi = max(hi, lo)
	forward := aws.ToBool(in.StartFromHead)
	var from, to int // the page is events[from:to]
	switch {
	case in.NextToken != nil:
		dir, pos, ok := decodeEventToken(*in.NextToken)
		if !ok || pos > len(ref.st.events) {
			return nil, invalidParameter(InvalidTokenMessage)
		}
		pos = min(max(pos, lo), hi)
		if dir == 'f' {
			from, to = pos, pageEnd(events, pos, hi, limit)
		} else {
			to, from = pos, pageStart(events, lo, pos, limit)
		}
	case forward:
		from, to = lo, pageEnd(events, lo, hi, limit)
	default:
		to, from = hi, pageStart(events, lo, hi, limit)
	}
	out := &cloudwatchlogs.GetLogEventsOutput{Events: make([]cwtypes.OutputLogEvent, 0, to-from)}
	for _, ev := range events[from:to] {
		out.Events = append(out.Events, cwtypes.OutputLogEvent{
			Timestamp: aws.Int64(ev.ts), IngestionTime: aws.Int64(ev.ingest), Message: aws.String(ev.msg)})
	}
	forwardToken, backwardToken := eventToken('f', to), eventToken('b', from)
	if in.NextToken != nil && from == to {
		// Past the end in the token's direction the service answers with
		// the token it was given, which is how readers (the SDKs'
		// paginators among them) know they are done; the other token keeps
		// pointing the other way (https://github.com/getmoto/moto/pull/2361
		// follows it too).
		if (*in.NextToken)[0] == 'f' {
			forwardToken = *in.NextToken
		} else {
			backwardToken = *in.NextToken
		}
	}
	out.NextForwardToken, out.NextBackwardToken = aws.String(forwardToken), aws.String(backwardToken)
	return out, nil
}

// pageEnd returns the end of a forward page that starts at from.
func pageEnd(events []logEvent, from, hi, limit int) int {
	size := 0
	to := from
	for to < hi && to-from < limit {
		size += len(events[to].msg) + 26
		if size > maxPageBytes && to > from {
			break
		}
		to++
	}
	return to
}

// pageStart returns the start of a backward page that ends at to.
func pageStart(events []logEvent, lo, to, limit int) int {
	size := 0
	from := to
	for from > lo && to-from < limit {
		size += len(events[from-1].msg) + 26
		if size > maxPageBytes && from < to {
			break
		}
		from--
	}
	return from
}

// Event tokens have the service's look: "f/" or "b/" and 56 digits, here
// the position in the stream.
func eventToken(dir byte, pos int) string { return fmt.Sprintf("%c/%056d", dir, pos) }

func decodeEventToken(tok string) (dir byte, pos int, ok bool) {
	if len(tok) != 58 || (tok[0] != 'f' && tok[0] != 'b') || tok[1] != '/' {
		return 0, 0, false
	}
	n, err := strconv.ParseUint(tok[2:], 10, 31)
	if err != nil {
		return 0, 0, false
	}
	return tok[0], int(n), true
}

// FilterLogEvents searches the fake's log group as CloudWatch Logs does:
// the events of the streams LogStreamNames lists (up to 100) or whose names
// start with LogStreamNamePrefix (not both), within StartTime and EndTime,
// that FilterPattern matches, in timestamp order across streams, up to
// Limit (10,000 by default) and about 1 MB a page, with a NextToken while
// more remain. The pattern is a list of terms that must all appear in the
// line, case-sensitively, each a word or a "quoted phrase"; the fake
// refuses the other forms of the filter pattern syntax (JSON and
// space-delimited patterns, ?alternatives, -exclusions) with an
// InvalidParameterException that says so.
func (f *Fake) FilterLogEvents(ctx context.Context, params *cloudwatchlogs.FilterLogEventsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.FilterLogEventsOutput, error) {
	in := copyFilterLogEventsInput(params)
	return logsDo(f, ctx, "FilterLogEvents", in, func(now time.Time) (*cloudwatchlogs.FilterLogEventsOutput, error) {
		return f.filterLogEvents(in, now)
	})
}

// filteredEvent is one event FilterLogEvents returns, with its place.
type filteredEvent struct {
	ev     logEvent
	stream string
	pos    int
}

func (f *Fake) filterLogEvents(in *cloudwatchlogs.FilterLogEventsInput, now time.Time) (*cloudwatchlogs.FilterLogEventsOutput, error) {
	if in == nil {
		in = &cloudwatchlogs.FilterLogEventsInput{}
	}
	limit, err := pageLimit(in.Limit, maxEventsPage)
	if err != nil {
		return nil, err
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != nil {
		return nil, invalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.")
	}
	if len(in.LogStreamNames) > 100 {
		return nil, invalidParameter("The number of log streams specified exceeds the maximum of 100.")
	}
	terms, err := filterTerms(aws.ToString(in.FilterPattern))
	if err != nil {
		return nil, err
	}
	if err := f.logGroup(in.LogGroupName, in.LogGroupIdentifier, now); err != nil {
		return nil, err
	}
	var after *filteredEvent
	if in.NextToken != nil {
		a, ok := decodeFilterToken(*in.NextToken)
		if !ok {
			return nil, invalidParameter(InvalidTokenMessage)
		}
		after = &a
	}
	wanted := map[string]bool{}
	for _, n := range in.LogStreamNames {
		wanted[n] = true
	}
	var matched []filteredEvent
	for _, r := range f.streams(aws.ToString(in.LogStreamNamePrefix), now) {
		if len(wanted) > 0 && !wanted[r.st.name] {
			continue
		}
		for i, ev := range r.st.events[:r.visible] {
			if in.StartTime != nil && ev.ts < *in.StartTime || in.EndTime != nil && ev.ts >= *in.EndTime {
				continue
			}
			fe := filteredEvent{ev, r.st.name, i}
			if after != nil && !after.before(fe) {
				continue
			}
			if matchesTerms(ev.msg, terms) {
				matched = append(matched, fe)
			}
		}
	}
	sort.Slice(matched, func(a, b int) bool { return matched[a].before(matched[b]) })
	out := &cloudwatchlogs.FilterLogEventsOutput{Events: []cwtypes.FilteredLogEvent{}}
	size := 0
	for i, m := range matched {
		size += len(m.ev.msg) + 26
		if i == limit || (size > maxPageBytes && i > 0) {
			out.NextToken = aws.String(encodeFilterToken(matched[i-1]))
			break
		}
		out.Events = append(out.Events, cwtypes.FilteredLogEvent{
			LogStreamName: aws.String(m.stream),
			Timestamp:     aws.Int64(m.ev.ts),
			IngestionTime: aws.Int64(m.ev.ingest),
			Message:       aws.String(m.ev.msg),
			EventId:       aws.String(eventID(m)),
		})
	}
	return out, nil
}

// before orders events by timestamp, then stream name, then position.
func (a filteredEvent) before(b filteredEvent) bool {
	if a.ev.ts != b.ev.ts {
		return a.ev.ts < b.ev.ts
	}
	if a.stream != b.stream {
		return a.stream < b.stream
	}
	return a.pos < b.pos
}

// eventID is a 56-digit identifier in the service's form, the same for an
// event in every response.
func eventID(m filteredEvent) string {
	h := uint64(14695981039346656037)
	for i := 0; i < len(m.stream); i++ {
		h = (h ^ uint64(m.stream[i])) * 1099511628211
	}
	return fmt.Sprintf("%020d%020d%016d", m.ev.ts, h%1e19, m.pos)
}

// Filter tokens carry the last event returned.
func encodeFilterToken(m filteredEvent) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("filter/%d/%d/%s", m.ev.ts, m.pos, m.stream)))
}

func decodeFilterToken(tok string) (filteredEvent, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return filteredEvent{}, false
	}
	parts := strings.SplitN(string(raw), "/", 4)
	if len(parts) != 4 || parts[0] != "filter" {
		return filteredEvent{}, false
	}
	ts, err1 := strconv.ParseInt(parts[1], 10, 64)
	pos, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || pos < 0 {
		return filteredEvent{}, false
	}
	return filteredEvent{ev: logEvent{ts: ts}, pos: pos, stream: parts[3]}, true
}

// filterTerms splits a filter pattern into its terms: words, and phrases
// in double quotes.
func filterTerms(pattern string) ([]string, error) {
	var terms []string
	rest := strings.TrimSpace(pattern)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, invalidParameter("Invalid character(s) in term '" + excerpt(rest) + "'")
			}
			terms = append(terms, rest[1:1+end])
			rest = strings.TrimSpace(rest[2+end:])
			continue
		}
		word, tail, _ := strings.Cut(rest, " ")
		if strings.ContainsAny(word[:1], "{[?-") {
			return nil, invalidParameter("The fake supports filter patterns of plain terms and \"quoted phrases\" only; '" +
				excerpt(word) + "' uses another form of the filter pattern syntax")
		}
		terms = append(terms, word)
		rest = strings.TrimSpace(tail)
	}
	return terms, nil
}

func matchesTerms(msg string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(msg, t) {
			return false
		}
	}
	return true
}

// excerpt cuts a caller's value for quoting in a message.
func excerpt(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func copyDescribeLogStreamsInput(in *cloudwatchlogs.DescribeLogStreamsInput) *cloudwatchlogs.DescribeLogStreamsInput {
	if in == nil {
		return nil
	}
	return &cloudwatchlogs.DescribeLogStreamsInput{
		Descending: copyPtr(in.Descending), Limit: copyPtr(in.Limit),
		LogGroupIdentifier: copyPtr(in.LogGroupIdentifier), LogGroupName: copyPtr(in.LogGroupName),
		LogStreamNamePrefix: copyPtr(in.LogStreamNamePrefix), NextToken: copyPtr(in.NextToken), OrderBy: in.OrderBy,
	}
}

func copyGetLogEventsInput(in *cloudwatchlogs.GetLogEventsInput) *cloudwatchlogs.GetLogEventsInput {
	if in == nil {
		return nil
	}
	return &cloudwatchlogs.GetLogEventsInput{
		LogStreamName: copyPtr(in.LogStreamName), EndTime: copyPtr(in.EndTime), Limit: copyPtr(in.Limit),
		LogGroupIdentifier: copyPtr(in.LogGroupIdentifier), LogGroupName: copyPtr(in.LogGroupName),
		NextToken: copyPtr(in.NextToken), StartFromHead: copyPtr(in.StartFromHead), StartTime: copyPtr(in.StartTime),
		Unmask: in.Unmask,
	}
}

func copyFilterLogEventsInput(in *cloudwatchlogs.FilterLogEventsInput) *cloudwatchlogs.FilterLogEventsInput {
	if in == nil {
		return nil
	}
	return &cloudwatchlogs.FilterLogEventsInput{
		EndTime: copyPtr(in.EndTime), FilterPattern: copyPtr(in.FilterPattern), Interleaved: copyPtr(in.Interleaved),
		Limit: copyPtr(in.Limit), LogGroupIdentifier: copyPtr(in.LogGroupIdentifier), LogGroupName: copyPtr(in.LogGroupName),
		LogStreamNamePrefix: copyPtr(in.LogStreamNamePrefix), LogStreamNames: append([]string(nil), in.LogStreamNames...),
		NextToken: copyPtr(in.NextToken), StartFromHead: copyPtr(in.StartFromHead), StartTime: copyPtr(in.StartTime),
		Unmask: in.Unmask,
	}
}
