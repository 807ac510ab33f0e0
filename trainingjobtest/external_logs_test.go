package trainingjobtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// The tests here read the fake's CloudWatch Logs over HTTP through clients
// written elsewhere, boto3 and the AWS CLI v1, both run by
// testdata/pyclient/logs_client.py, and require what each client makes of
// the answers to be what the fake returns in Go for the same request:
// stream names and times, events with their messages and timestamps, in
// the same order, page by page as the client's own pagination asks for
// them; and the service's errors, as each client raises them. Each client
// runs all its steps in one process of the script (the CLI by awscli's
// own entry point in that process, and, under TRAININGJOB_ALL_ORACLES=1,
// by the aws command as well).

// The jobs whose logs the clients read.
const (
	// xlTrio is a job of three instances, run to completion: three
	// streams.
	xlTrio = "xl-trio"
	// xlSpot is a managed spot job of two instances whose first start is
	// interrupted, run to completion: four streams, two per start.
	xlSpot = "xl-spot"
)

// xlTarget is a fake holding xlTrio and xlSpot, completed, served over
// HTTP, with a control server beside it: the script POSTs {"mark": i}
// to it before step i, so that each step's calls of the fake are known,
// and {"throttleLogs": n} makes the fake throttle its next n calls.
type xlTarget struct {
	fake *trainingjobtest.Fake
	srv  *trainingjobtest.Server
	ctl  *httptest.Server
	// trio and spot are the jobs' streams, sorted by name.
	trio, spot []string

	mu    sync.Mutex
	marks []int // marks[i] is how many calls the fake had recorded when step i began
}

func newXLTarget(t *testing.T) *xlTarget {
	t.Helper()
	s, err := trainingjobtest.ParseScenario("interruptions=1")
	require.NoError(t, err)
	f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario(xlSpot, s))
	trio := fkRequest(xlTrio)
	trio.ResourceConfig.InstanceCount = aws.Int32(3)
	fkCreate(t, f, trio)
	fkCreate(t, f, fkSpot(fkRequest(xlSpot), 7200, 14400))
	f.Advance(3 * time.Hour)
	for _, name := range []string{xlTrio, xlSpot} {
		require.Equal(t, trainingjob.StatusCompleted, fkDescribe(t, f, name).TrainingJobStatus, name)
	}
	require.Equal(t, 2, trainingjob.Visits(fkDescribe(t, f, xlSpot).SecondaryStatusTransitions, trainingjob.SecondaryStatusTraining),
		"the spot job starts twice")

	x := &xlTarget{fake: f, srv: trainingjobtest.NewServer(f)}
	x.trio = streamNames(t, f, xlTrio+"/", 50)
	x.spot = streamNames(t, f, xlSpot+"/", 50)
	require.Len(t, x.trio, 3, "a stream per instance")
	require.Len(t, x.spot, 4, "a stream per instance per start")
	x.ctl = httptest.NewServer(http.HandlerFunc(x.serveControl))
	t.Cleanup(func() {
		x.ctl.Close()
		x.srv.Close()
	})
	return x
}

func (x *xlTarget) serveControl(w http.ResponseWriter, r *http.Request) {
	var c struct {
		Mark         *int `json:"mark"`
		ThrottleLogs *int `json:"throttleLogs"`
	}
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if c.Mark != nil {
		x.mu.Lock()
		ok := *c.Mark == len(x.marks)
		if ok {
			x.marks = append(x.marks, len(x.fake.Calls()))
		}
		x.mu.Unlock()
		if !ok {
			http.Error(w, fmt.Sprintf("mark %d out of order", *c.Mark), http.StatusBadRequest)
			return
		}
	}
	if c.ThrottleLogs != nil {
		x.fake.ThrottleLogs(*c.ThrottleLogs)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte("{}"))
}

// xlStep is one step of a run: what the script does, and how the test
// checks what it gave back.
type xlStep struct {
	name  string
	do    xlDo
	check func(t *testing.T, r xlResult)
}

// xlDo is a step in the form logs_client.py reads (see its doc comment).
type xlDo struct {
	Call     string            `json:"call,omitempty"`
	Paginate string            `json:"paginate,omitempty"`
	Follow   string            `json:"follow,omitempty"`
	Input    map[string]any    `json:"input,omitempty"`
	Config   map[string]any    `json:"config,omitempty"`
	Attempts int               `json:"attempts,omitempty"`
	Args     []string          `json:"args,omitempty"`
	Env      map[string]string `json:"env,omitempty"`
	Control  map[string]any    `json:"control,omitempty"`
}

// xlCall is a call of the boto3 client's method on the request in, an SDK
// input whose members become boto3's parameters.
func xlCall(method string, in any) xlDo { return xlDo{Call: method, Input: xlParams(in)} }

// xlPaginate runs boto3's paginator for method on the request in, with
// the PaginationConfig config.
func xlPaginate(method string, in any, config map[string]any) xlDo {
	return xlDo{Paginate: method, Input: xlParams(in), Config: config}
}

// xlFollow reads a stream with boto3's get_log_events, following token
// ("nextForwardToken" or "nextBackwardToken") until it repeats.
func xlFollow(token string, in *cloudwatchlogs.GetLogEventsInput) xlDo {
	return xlDo{Follow: token, Input: xlParams(in)}
}

// xlCLI is `aws logs command` on the request in, an SDK input whose
// members become the command's options, with extra after them.
func xlCLI(command string, in any, extra ...string) xlDo {
	args := append([]string{"logs", command}, xlArgs(in)...)
	return xlDo{Args: append(args, extra...)}
}

// xlThrottle makes the fake throttle its next n CloudWatch Logs calls.
func xlThrottle(n int) xlStep {
	name := "throttle the next call"
	if n != 1 {
		name = fmt.Sprintf("throttle the next %d calls", n)
	}
	return xlStep{name: name, do: xlDo{Control: map[string]any{"throttleLogs": n}},
		check: func(t *testing.T, r xlResult) { require.Nil(t, r.Error) }}
}

// xlMembers calls visit with each member an SDK input sets: its name as
// the SDK spells it and its value, pointers followed.
func xlMembers(in any, visit func(name string, v reflect.Value)) {
	v := reflect.ValueOf(in).Elem()
	for i := 0; i < v.NumField(); i++ {
		f, fv := v.Type().Field(i), v.Field(i)
		if !f.IsExported() || fv.IsZero() {
			continue
		}
		if fv.Kind() == reflect.Pointer {
			fv = fv.Elem()
		}
		visit(f.Name, fv)
	}
}

// xlParams returns the members an SDK input sets as boto3 takes them: the
// wire's names, in lower camel case.
func xlParams(in any) map[string]any {
	m := map[string]any{}
	xlMembers(in, func(name string, v reflect.Value) {
		m[strings.ToLower(name[:1])+name[1:]] = v.Interface()
	})
	return m
}

// xlArgs returns the members an SDK input sets as the CLI's options:
// --log-stream-name NAME, --start-from-head, --log-stream-names A B.
func xlArgs(in any) []string {
	var args []string
	xlMembers(in, func(name string, v reflect.Value) {
		var b strings.Builder
		for i, r := range name {
			if unicode.IsUpper(r) && i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
		}
		flag := b.String()
		switch v.Kind() {
		case reflect.Bool:
			if v.Bool() {
				args = append(args, "--"+flag)
			} else {
				args = append(args, "--no-"+flag)
			}
		case reflect.Slice:
			args = append(args, "--"+flag)
			for i := 0; i < v.Len(); i++ {
				args = append(args, fmt.Sprint(v.Index(i).Interface()))
			}
		default:
			args = append(args, "--"+flag, fmt.Sprint(v.Interface()))
		}
	})
	return args
}

// xlResult is what the script gave back for a step, with the fake's calls
// during the step.
type xlResult struct {
	Output  json.RawMessage `json:"output"`
	Retries int             `json:"retries"`
	Error   *xlError        `json:"error"`

	calls []trainingjobtest.Call
}

// xlError is a client's error as the script reports it.
type xlError struct {
	Code, Message string
	// Class and Modeled (whether the error is the client's exception of
	// its code) are boto3's; ExitStatus the CLI's.
	Class      string
	Modeled    *bool
	HTTPStatus int
	ExitStatus int
	// Retries is how many times the client retried, when it says.
	Retries *int
}

// xlPages is the output of a paginator or a follow step: the pages, and a
// paginator's resume token when MaxItems cut the listing short.
type xlPages[P any] struct {
	Pages     []P
	NextToken *string
}

// xlOK requires the step to have succeeded and decodes its output into
// Out, whose fields encoding/json matches with the wire's names; a member
// Out does not have fails the test.
func xlOK[Out any](t *testing.T, r xlResult) Out {
	t.Helper()
	require.Nil(t, r.Error, "the step failed")
	var out Out
	d := json.NewDecoder(bytes.NewReader(r.Output))
	d.DisallowUnknownFields()
	require.NoError(t, d.Decode(&out), "output %s", r.Output)
	return out
}

// xlRun runs steps through client (extBoto3 or extCLI) against x in one
// run of logs_client.py and returns one result per step. With awsCmd set,
// the CLI's steps are run by that aws command, a process per step. It
// skips t (fails it under TRAININGJOB_ALL_ORACLES=1) when the client is
// not installed.
func xlRun(t *testing.T, client, awsCmd string, x *xlTarget, steps []xlStep) []xlResult {
	t.Helper()
	python, err := externalPython(client)
	if err != nil {
		skipOrFail(t, "%v", err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "pyclient", "logs_client.py"))
	require.NoError(t, err)
	args := []string{script, client}
	if awsCmd != "" {
		args = append(args, "--exec", awsCmd)
	}
	env, dir := svIsolatedEnv(t)
	if client == extCLI {
		// The standard retry mode's three attempts unless a step's
		// AWS_MAX_ATTEMPTS says otherwise, so that the variable decides.
		cfg := filepath.Join(dir, "cli-config")
		require.NoError(t, os.WriteFile(cfg, []byte("[default]\nregion = us-east-1\nretry_mode = standard\n"), 0o600))
		env = append(env, "AWS_CONFIG_FILE="+cfg)
	}
	req := struct {
		Endpoint string `json:"endpoint"`
		Control  string `json:"control"`
		Steps    []xlDo `json:"steps"`
	}{Endpoint: x.srv.URL, Control: x.ctl.URL}
	for _, s := range steps {
		req.Steps = append(req.Steps, s.do)
	}
	input, err := json.Marshal(req)
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Env, cmd.Dir, cmd.Stdin = env, dir, bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == externalMissing {
		skipOrFail(t, "%s cannot run the %s client: %s", python, client, strings.TrimSpace(stderr.String()))
	}
	require.NoError(t, err, "logs_client.py %s\nstderr:\n%s", client, stderr.String())
	t.Logf("%s: %d steps in %s", client, len(steps), time.Since(start).Round(time.Millisecond))

	var results []xlResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &results), "output %s\nstderr:\n%s", stdout.String(), stderr.String())
	require.Len(t, results, len(steps), "one result per step")
	calls := x.fake.Calls()
	x.mu.Lock()
	marks := append([]int(nil), x.marks...)
	x.mu.Unlock()
	require.Len(t, marks, len(steps), "a mark per step")
	for i := range results {
		end := len(calls)
		if i+1 < len(marks) {
			end = marks[i+1]
		}
		results[i].calls = calls[marks[i]:end]
	}
	return results
}

// xlCheck runs each step's check on its result, as a subtest.
func xlCheck(t *testing.T, steps []xlStep, results []xlResult) {
	t.Helper()
	for i, s := range steps {
		t.Run(s.name, func(t *testing.T) { s.check(t, results[i]) })
	}
}

// xlGoStreams lists the streams in selects through the SDK's paginator on
// the fake, and counts its pages.
func xlGoStreams(t *testing.T, f *trainingjobtest.Fake, in *cloudwatchlogs.DescribeLogStreamsInput) ([]cwtypes.LogStream, int) {
	t.Helper()
	p := cloudwatchlogs.NewDescribeLogStreamsPaginator(f, in)
	var streams []cwtypes.LogStream
	pages := 0
	for ; p.HasMorePages(); pages++ {
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		streams = append(streams, out.LogStreams...)
	}
	return streams, pages
}

// xlGoFilter reads every event FilterLogEvents returns for in through the
// SDK's paginator on the fake, and counts its pages.
func xlGoFilter(t *testing.T, f *trainingjobtest.Fake, in *cloudwatchlogs.FilterLogEventsInput) ([]cwtypes.FilteredLogEvent, int) {
	t.Helper()
	p := cloudwatchlogs.NewFilterLogEventsPaginator(f, in)
	var events []cwtypes.FilteredLogEvent
	pages := 0
	for ; p.HasMorePages(); pages++ {
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		events = append(events, out.Events...)
	}
	return events, pages
}

// xlGoEvents is GetLogEvents on the fake.
func xlGoEvents(t *testing.T, f *trainingjobtest.Fake, in *cloudwatchlogs.GetLogEventsInput) *cloudwatchlogs.GetLogEventsOutput {
	t.Helper()
	out, err := f.GetLogEvents(context.Background(), in)
	require.NoError(t, err)
	return out
}

// xlPaged requires calls to be n calls of op, pages of limit (0: the
// service's default), the first without a token and every other one
// following one, unless resumed, when every call follows a token.
func xlPaged(t *testing.T, calls []trainingjobtest.Call, op string, limit int32, n int, resumed bool) {
	t.Helper()
	require.Len(t, calls, n, "%s: calls %v", op, xlOps(calls))
	for i, c := range calls {
		require.Equal(t, op, c.Operation, "call %d", i)
		assert.NoError(t, c.Err, "call %d", i)
		var lim *int32
		var token *string
		switch in := c.Input.(type) {
		case *cloudwatchlogs.DescribeLogStreamsInput:
			lim, token = in.Limit, in.NextToken
		case *cloudwatchlogs.GetLogEventsInput:
			lim, token = in.Limit, in.NextToken
		case *cloudwatchlogs.FilterLogEventsInput:
			lim, token = in.Limit, in.NextToken
		default:
			t.Fatalf("call %d: input %T", i, c.Input)
		}
		assert.Equal(t, limit, aws.ToInt32(lim), "call %d: the page size", i)
		assert.Equal(t, i > 0 || resumed, token != nil, "call %d: follows a token", i)
	}
}

// xlThrottled requires calls to be n calls of op, all throttled but the
// last when it succeeded.
func xlThrottled(t *testing.T, calls []trainingjobtest.Call, op string, n int, succeeded bool) {
	t.Helper()
	require.Len(t, calls, n, "calls %v", xlOps(calls))
	for i, c := range calls {
		assert.Equal(t, op, c.Operation, "call %d", i)
		if succeeded && i == n-1 {
			assert.NoError(t, c.Err, "call %d", i)
			continue
		}
		assert.Equal(t, trainingjobtest.ThrottlingMessage, fkAPIError(t, c.Err, trainingjobtest.CodeThrottlingException), "call %d", i)
	}
}

func xlOps(calls []trainingjobtest.Call) []string {
	ops := make([]string, len(calls))
	for i, c := range calls {
		ops[i] = c.Operation
	}
	return ops
}

// xlInOrder requires events to be in timestamp order.
func xlInOrder(t *testing.T, events []cwtypes.FilteredLogEvent) {
	t.Helper()
	for i := 1; i < len(events); i++ {
		require.GreaterOrEqual(t, aws.ToInt64(events[i].Timestamp), aws.ToInt64(events[i-1].Timestamp), "event %d", i)
	}
}

// xlStreamSet is the set of streams events come from.
func xlStreamSet(events []cwtypes.FilteredLogEvent) map[string]bool {
	set := map[string]bool{}
	for _, e := range events {
		set[aws.ToString(e.LogStreamName)] = true
	}
	return set
}

var xlGroup = aws.String(trainingjobtest.LogGroupName)

// xlSome returns a pointer to v, or nil for the zero value.
func xlSome[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func xlTrioStreams(limit int32) *cloudwatchlogs.DescribeLogStreamsInput {
	return &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: xlGroup, LogStreamNamePrefix: aws.String(xlTrio + "/"), Limit: xlSome(limit)}
}

// xlByTime lists every stream, the latest line first.
func xlByTime(limit int32) *cloudwatchlogs.DescribeLogStreamsInput {
	return &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: xlGroup, OrderBy: cwtypes.OrderByLastEventTime,
		Descending: aws.Bool(true), Limit: xlSome(limit)}
}

// xlEpochs filters the spot job's "epoch N/M done" lines.
func xlEpochs(limit int32) *cloudwatchlogs.FilterLogEventsInput {
	return &cloudwatchlogs.FilterLogEventsInput{LogGroupName: xlGroup, LogStreamNamePrefix: aws.String(xlSpot + "/"),
		FilterPattern: aws.String("epoch done"), Limit: xlSome(limit)}
}

// xlVerdicts filters every job's "Reporting training SUCCESS" lines.
func xlVerdicts(limit int32) *cloudwatchlogs.FilterLogEventsInput {
	return &cloudwatchlogs.FilterLogEventsInput{LogGroupName: xlGroup, FilterPattern: aws.String(`"Reporting training"`), Limit: xlSome(limit)}
}

// xlMissing reads a stream that does not exist.
func xlMissing() *cloudwatchlogs.GetLogEventsInput {
	return &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(xlTrio + "/algo-9-1")}
}

// xlCheckStreamsByTime checks a listing by last event time, the latest
// first, read in two parts: first cut short by MaxItems after three
// streams, and the rest resumed from the client's token.
func xlCheckStreamsByTime(t *testing.T, f *trainingjobtest.Fake, first, rest []cwtypes.LogStream) {
	t.Helper()
	want, _ := xlGoStreams(t, f, xlByTime(2))
	require.Len(t, want, 7, "the two jobs' streams")
	assert.Len(t, first, 3, "MaxItems")
	assert.Equal(t, want, append(append([]cwtypes.LogStream(nil), first...), rest...), "the resumed listing goes on where MaxItems stopped")
	for i := 1; i < len(want); i++ {
		assert.LessOrEqual(t, aws.ToInt64(want[i].LastEventTimestamp), aws.ToInt64(want[i-1].LastEventTimestamp), "stream %d", i)
	}
}

// xlCheckVerdicts checks the "Reporting training" lines read in two parts:
// four cut short by MaxItems in the middle of a page of three, and the
// rest resumed from the client's token.
func xlCheckVerdicts(t *testing.T, x *xlTarget, first, rest []cwtypes.FilteredLogEvent) {
	t.Helper()
	want, _ := xlGoFilter(t, x.fake, xlVerdicts(3))
	assert.Len(t, first, 4, "MaxItems")
	assert.Equal(t, want, append(append([]cwtypes.FilteredLogEvent(nil), first...), rest...), "the resumed filter goes on where MaxItems stopped")
	assert.Equal(t, map[string]bool{x.trio[0]: true, x.trio[1]: true, x.trio[2]: true, x.spot[1]: true, x.spot[3]: true}, xlStreamSet(want),
		"every instance reports once, the spot job's at its second start")
	xlInOrder(t, want)
}

// boto3's logs client reads the fake's logs as aws-sdk-go-v2 reads them
// from the fake: its paginators (DescribeLogStreams, FilterLogEvents) with
// page sizes, MaxItems and resume tokens, GetLogEvents followed forward
// and backward until the token repeats, time windows, and the service's
// errors as the client's modeled exceptions, throttling included.
func TestExternalLogsBoto3(t *testing.T) {
	t.Parallel()
	x := newXLTarget(t)
	f := x.fake
	// The checks run in the steps' order, after the run: a step that a
	// later one resumes keeps what it read here.
	var firstStreams []cwtypes.LogStream
	var firstVerdicts []cwtypes.FilteredLogEvent
	forward := &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(x.trio[1]), StartFromHead: aws.Bool(true), Limit: aws.Int32(7)}
	backward := &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(x.spot[0]), Limit: aws.Int32(9)}
	trio0 := streamEvents(t, f, x.trio[0], 10000)
	require.Greater(t, len(trio0), 30)
	window := &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(x.trio[0]), StartFromHead: aws.Bool(true),
		StartTime: trio0[10].Timestamp, EndTime: trio0[30].Timestamp}
	byName := &cloudwatchlogs.FilterLogEventsInput{LogGroupName: xlGroup, LogStreamNames: []string{x.trio[2], x.spot[2]},
		StartTime: trio0[10].Timestamp, EndTime: aws.Int64(aws.ToInt64(trio0[10].Timestamp) + 20*60*1000)}

	steps := []xlStep{
		{name: "describe_log_streams paginator, pages of one", do: xlPaginate("describe_log_streams", xlTrioStreams(0), map[string]any{"PageSize": 1}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.DescribeLogStreamsOutput]](t, r)
				want, pages := xlGoStreams(t, f, xlTrioStreams(1))
				require.Len(t, got.Pages, pages)
				var streams []cwtypes.LogStream
				for _, p := range got.Pages {
					assert.Len(t, p.LogStreams, 1)
					streams = append(streams, p.LogStreams...)
				}
				assert.Equal(t, want, streams)
				assert.Nil(t, got.NextToken)
				xlPaged(t, r.calls, "DescribeLogStreams", 1, 3, false)
			}},
		{name: "describe_log_streams paginator by LastEventTime, MaxItems 3", do: xlPaginate("describe_log_streams", xlByTime(0), map[string]any{"PageSize": 2, "MaxItems": 3}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.DescribeLogStreamsOutput]](t, r)
				require.Len(t, got.Pages, 2)
				require.NotNil(t, got.NextToken, "MaxItems cut the listing short")
				for _, p := range got.Pages {
					firstStreams = append(firstStreams, p.LogStreams...)
				}
				xlPaged(t, r.calls, "DescribeLogStreams", 2, 2, false)
			}},
		{name: "describe_log_streams paginator resumed", do: xlPaginate("describe_log_streams", xlByTime(0), map[string]any{"PageSize": 2, "StartingToken": "{prev.NextToken}"}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.DescribeLogStreamsOutput]](t, r)
				assert.Nil(t, got.NextToken)
				var rest []cwtypes.LogStream
				for _, p := range got.Pages {
					rest = append(rest, p.LogStreams...)
				}
				xlCheckStreamsByTime(t, f, firstStreams, rest)
				// The resume token points into the second page: the
				// paginator asks for it again and drops the stream it
				// already gave.
				xlPaged(t, r.calls, "DescribeLogStreams", 2, 3, true)
			}},
		{name: "get_log_events forward until the token repeats", do: xlFollow("nextForwardToken", forward),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.GetLogEventsOutput]](t, r)
				whole := streamEvents(t, f, x.trio[1], 7)
				require.NotEmpty(t, whole)
				require.Len(t, got.Pages, (len(whole)+6)/7+1, "full pages, then an empty one at the end")
				assert.Equal(t, *xlGoEvents(t, f, forward), got.Pages[0], "the first page, tokens and all")
				var events []cwtypes.OutputLogEvent
				for i, p := range got.Pages[:len(got.Pages)-1] {
					assert.NotEmpty(t, p.Events, "page %d", i)
					assert.LessOrEqual(t, len(p.Events), 7, "page %d", i)
					events = append(events, p.Events...)
				}
				assert.Equal(t, whole, events)
				last := got.Pages[len(got.Pages)-1]
				assert.Empty(t, last.Events)
				assert.Equal(t, aws.ToString(got.Pages[len(got.Pages)-2].NextForwardToken), aws.ToString(last.NextForwardToken),
					"at the end the forward token comes back unchanged")
				assert.Contains(t, aws.ToString(whole[len(whole)-1].Message), "Reporting training SUCCESS")
				xlPaged(t, r.calls, "GetLogEvents", 7, len(got.Pages), false)
			}},
		{name: "get_log_events backward from the end until the token repeats", do: xlFollow("nextBackwardToken", backward),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.GetLogEventsOutput]](t, r)
				whole := streamEvents(t, f, x.spot[0], 10000)
				require.Len(t, got.Pages, (len(whole)+8)/9+1)
				assert.Equal(t, *xlGoEvents(t, f, backward), got.Pages[0], "the first page is the stream's latest events")
				var events []cwtypes.OutputLogEvent
				for _, p := range got.Pages {
					events = append(append([]cwtypes.OutputLogEvent(nil), p.Events...), events...)
				}
				assert.Equal(t, whole, events)
				last := got.Pages[len(got.Pages)-1]
				assert.Empty(t, last.Events)
				assert.Equal(t, aws.ToString(got.Pages[len(got.Pages)-2].NextBackwardToken), aws.ToString(last.NextBackwardToken),
					"at the head the backward token comes back unchanged")
				assert.Contains(t, aws.ToString(whole[len(whole)-1].Message), "Spot interruption notice", "the first start's stream ends at the interruption")
				xlPaged(t, r.calls, "GetLogEvents", 9, len(got.Pages), false)
			}},
		{name: "get_log_events in a time window", do: xlCall("get_log_events", window),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.GetLogEventsOutput](t, r)
				assert.Equal(t, *xlGoEvents(t, f, window), got)
				var in []cwtypes.OutputLogEvent
				for _, e := range trio0 {
					if ts := aws.ToInt64(e.Timestamp); ts >= aws.ToInt64(window.StartTime) && ts < aws.ToInt64(window.EndTime) {
						in = append(in, e)
					}
				}
				assert.Equal(t, in, got.Events, "the events from the start to before the end")
			}},
		{name: "filter_log_events paginator, pages of 5", do: xlPaginate("filter_log_events", xlEpochs(0), map[string]any{"PageSize": 5}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.FilterLogEventsOutput]](t, r)
				want, pages := xlGoFilter(t, f, xlEpochs(5))
				require.Len(t, got.Pages, pages)
				var events []cwtypes.FilteredLogEvent
				for i, p := range got.Pages {
					assert.LessOrEqual(t, len(p.Events), 5, "page %d", i)
					events = append(events, p.Events...)
				}
				assert.Equal(t, want, events)
				assert.Len(t, xlStreamSet(want), 4, "every instance of both starts")
				xlInOrder(t, want)
				xlPaged(t, r.calls, "FilterLogEvents", 5, pages, false)
			}},
		{name: "filter_log_events paginator, MaxItems 4 in pages of 3", do: xlPaginate("filter_log_events", xlVerdicts(0), map[string]any{"PageSize": 3, "MaxItems": 4}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.FilterLogEventsOutput]](t, r)
				require.NotNil(t, got.NextToken, "MaxItems cut the events short")
				for _, p := range got.Pages {
					firstVerdicts = append(firstVerdicts, p.Events...)
				}
				xlPaged(t, r.calls, "FilterLogEvents", 3, 2, false)
			}},
		{name: "filter_log_events paginator resumed", do: xlPaginate("filter_log_events", xlVerdicts(0), map[string]any{"PageSize": 3, "StartingToken": "{prev.NextToken}"}),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[xlPages[cloudwatchlogs.FilterLogEventsOutput]](t, r)
				assert.Nil(t, got.NextToken)
				var rest []cwtypes.FilteredLogEvent
				for _, p := range got.Pages {
					rest = append(rest, p.Events...)
				}
				xlCheckVerdicts(t, x, firstVerdicts, rest)
				xlPaged(t, r.calls, "FilterLogEvents", 3, 1, true)
			}},
		{name: "filter_log_events by stream names in a time window", do: xlCall("filter_log_events", byName),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.FilterLogEventsOutput](t, r)
				want, err := f.FilterLogEvents(context.Background(), byName)
				require.NoError(t, err)
				assert.Equal(t, *want, got)
				assert.Equal(t, map[string]bool{x.trio[2]: true, x.spot[2]: true}, xlStreamSet(got.Events), "the two streams interleave")
				xlInOrder(t, got.Events)
			}},
		{name: "a missing stream is client.exceptions.ResourceNotFoundException", do: xlCall("get_log_events", xlMissing()),
			check: func(t *testing.T, r xlResult) {
				_, err := f.GetLogEvents(context.Background(), xlMissing())
				msg := fkAPIError(t, err, trainingjobtest.CodeResourceNotFoundException)
				require.NotNil(t, r.Error, "output %s", r.Output)
				assert.Equal(t, xlError{Code: trainingjobtest.CodeResourceNotFoundException, Message: msg, Class: "ResourceNotFoundException",
					Modeled: aws.Bool(true), HTTPStatus: http.StatusBadRequest, Retries: aws.Int(0)}, *r.Error)
			}},
		xlThrottle(1),
		{name: "a throttled call fails without retries", do: xlDo{Call: "describe_log_streams", Input: xlParams(xlTrioStreams(0)), Attempts: 1},
			check: func(t *testing.T, r xlResult) {
				require.NotNil(t, r.Error, "output %s", r.Output)
				assert.Equal(t, trainingjobtest.CodeThrottlingException, r.Error.Code)
				assert.Equal(t, trainingjobtest.ThrottlingMessage, r.Error.Message)
				assert.Equal(t, http.StatusBadRequest, r.Error.HTTPStatus)
				assert.Equal(t, aws.Int(0), r.Error.Retries)
				xlThrottled(t, r.calls, "DescribeLogStreams", 1, false)
			}},
		xlThrottle(1),
		{name: "a throttled call succeeds with retries", do: xlDo{Call: "describe_log_streams", Input: xlParams(xlTrioStreams(0)), Attempts: 2},
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.DescribeLogStreamsOutput](t, r)
				want, _ := xlGoStreams(t, f, xlTrioStreams(0))
				assert.Equal(t, want, got.LogStreams)
				assert.Equal(t, 1, r.Retries)
				xlThrottled(t, r.calls, "DescribeLogStreams", 2, true)
			}},
	}
	xlCheck(t, steps, xlRun(t, extBoto3, "", x, steps))
}

// The AWS CLI reads the fake's logs as aws-sdk-go-v2 reads them from the
// fake: its automatic pagination with --page-size, --max-items and
// --starting-token, get-log-events from the head, from the end and on
// with the backward token, and the service's errors, a throttled call
// failing under AWS_MAX_ATTEMPTS=1 and getting through with a retry.
//
// By default awscli's entry point runs the commands in one process; under
// TRAININGJOB_ALL_ORACLES=1 the aws command runs them as well, a process
// per command.
func TestExternalLogsCLI(t *testing.T) {
	t.Parallel()
	t.Run("in-process", func(t *testing.T) {
		t.Parallel()
		x := newXLTarget(t)
		steps := xlCLISteps(x)
		xlCheck(t, steps, xlRun(t, extCLI, "", x, steps))
	})
	t.Run("aws-command", func(t *testing.T) {
		testenv.SkipUnlessAllOracles(t, "a process of the aws command per step costs a second or so each")
		t.Parallel()
		bin, err := exec.LookPath("aws")
		if err != nil {
			skipOrFail(t, "the AWS CLI (aws) is not on PATH: %v", err)
		}
		x := newXLTarget(t)
		steps := xlCLISteps(x)
		xlCheck(t, steps, xlRun(t, extCLI, bin, x, steps))
	})
}

// xlCLISteps are TestExternalLogsCLI's steps on x.
func xlCLISteps(x *xlTarget) []xlStep {
	f := x.fake
	// The checks run in the steps' order, after the run: a step that a
	// later one resumes keeps what it read here.
	var firstStreams []cwtypes.LogStream
	var firstVerdicts []cwtypes.FilteredLogEvent
	head := &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(x.trio[2]), StartFromHead: aws.Bool(true)}
	latest := &cloudwatchlogs.GetLogEventsInput{LogGroupName: xlGroup, LogStreamName: aws.String(x.spot[2]), Limit: aws.Int32(5)}
	var latestOut *cloudwatchlogs.GetLogEventsOutput
	before := func(token *string) *cloudwatchlogs.GetLogEventsInput {
		in := *latest
		in.NextToken = token
		return &in
	}

	return []xlStep{
		{name: "describe-log-streams --page-size 1", do: xlCLI("describe-log-streams", xlTrioStreams(0), "--page-size", "1"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.DescribeLogStreamsOutput](t, r)
				want, pages := xlGoStreams(t, f, xlTrioStreams(1))
				assert.Equal(t, want, got.LogStreams)
				assert.Nil(t, got.NextToken)
				xlPaged(t, r.calls, "DescribeLogStreams", 1, pages, false)
			}},
		{name: "describe-log-streams --max-items 3", do: xlCLI("describe-log-streams", xlByTime(0), "--page-size", "2", "--max-items", "3"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.DescribeLogStreamsOutput](t, r)
				require.NotNil(t, got.NextToken, "--max-items cut the listing short")
				firstStreams = got.LogStreams
				xlPaged(t, r.calls, "DescribeLogStreams", 2, 2, false)
			}},
		{name: "describe-log-streams --starting-token", do: xlCLI("describe-log-streams", xlByTime(0), "--page-size", "2", "--starting-token", "{prev.NextToken}"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.DescribeLogStreamsOutput](t, r)
				assert.Nil(t, got.NextToken)
				xlCheckStreamsByTime(t, f, firstStreams, got.LogStreams)
				xlPaged(t, r.calls, "DescribeLogStreams", 2, 3, true)
			}},
		{name: "get-log-events --start-from-head", do: xlCLI("get-log-events", head),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.GetLogEventsOutput](t, r)
				assert.Equal(t, *xlGoEvents(t, f, head), got, "the whole stream in a page, tokens and all")
				assert.Equal(t, streamEvents(t, f, x.trio[2], 3), got.Events)
				xlPaged(t, r.calls, "GetLogEvents", 0, 1, false)
			}},
		{name: "get-log-events, the latest events", do: xlCLI("get-log-events", latest),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.GetLogEventsOutput](t, r)
				latestOut = xlGoEvents(t, f, latest)
				assert.Equal(t, *latestOut, got)
				require.Len(t, got.Events, 5)
				assert.Contains(t, aws.ToString(got.Events[4].Message), "Spot interruption notice")
			}},
		{name: "get-log-events --next-token, backward", do: xlCLI("get-log-events", before(aws.String("{prev.nextBackwardToken}"))),
			check: func(t *testing.T, r xlResult) {
				require.NotNil(t, latestOut)
				got := xlOK[cloudwatchlogs.GetLogEventsOutput](t, r)
				assert.Equal(t, *xlGoEvents(t, f, before(latestOut.NextBackwardToken)), got)
				whole := streamEvents(t, f, x.spot[2], 10000)
				require.GreaterOrEqual(t, len(whole), 10)
				assert.Equal(t, whole[len(whole)-10:], append(got.Events, latestOut.Events...), "the five events before the latest five")
				xlPaged(t, r.calls, "GetLogEvents", 5, 1, true)
			}},
		{name: "filter-log-events --page-size 5", do: xlCLI("filter-log-events", xlEpochs(0), "--page-size", "5"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.FilterLogEventsOutput](t, r)
				want, pages := xlGoFilter(t, f, xlEpochs(5))
				assert.Equal(t, want, got.Events)
				assert.Nil(t, got.NextToken)
				assert.Len(t, xlStreamSet(want), 4, "every instance of both starts")
				xlInOrder(t, want)
				xlPaged(t, r.calls, "FilterLogEvents", 5, pages, false)
			}},
		{name: "filter-log-events --max-items 4", do: xlCLI("filter-log-events", xlVerdicts(0), "--page-size", "3", "--max-items", "4"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.FilterLogEventsOutput](t, r)
				require.NotNil(t, got.NextToken, "--max-items cut the events short")
				firstVerdicts = got.Events
				xlPaged(t, r.calls, "FilterLogEvents", 3, 2, false)
			}},
		{name: "filter-log-events --starting-token", do: xlCLI("filter-log-events", xlVerdicts(0), "--page-size", "3", "--starting-token", "{prev.NextToken}"),
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.FilterLogEventsOutput](t, r)
				assert.Nil(t, got.NextToken)
				xlCheckVerdicts(t, x, firstVerdicts, got.Events)
				xlPaged(t, r.calls, "FilterLogEvents", 3, 1, true)
			}},
		{name: "get-log-events of a missing stream", do: xlCLI("get-log-events", xlMissing()),
			check: func(t *testing.T, r xlResult) {
				_, err := f.GetLogEvents(context.Background(), xlMissing())
				msg := fkAPIError(t, err, trainingjobtest.CodeResourceNotFoundException)
				require.NotNil(t, r.Error, "output %s", r.Output)
				assert.Equal(t, trainingjobtest.CodeResourceNotFoundException, r.Error.Code)
				assert.Equal(t, msg, r.Error.Message)
				assert.Equal(t, 255, r.Error.ExitStatus, "the CLI's status for an error the service returned")
			}},
		xlThrottle(1),
		{name: "AWS_MAX_ATTEMPTS=1, throttled", do: xlDo{Args: xlCLI("describe-log-streams", xlTrioStreams(0)).Args, Env: map[string]string{"AWS_MAX_ATTEMPTS": "1"}},
			check: func(t *testing.T, r xlResult) {
				require.NotNil(t, r.Error, "output %s", r.Output)
				assert.Equal(t, trainingjobtest.CodeThrottlingException, r.Error.Code)
				assert.Equal(t, trainingjobtest.ThrottlingMessage, r.Error.Message)
				assert.Equal(t, aws.Int(0), r.Error.Retries, "the CLI says it made no retries")
				xlThrottled(t, r.calls, "DescribeLogStreams", 1, false)
			}},
		xlThrottle(1),
		{name: "AWS_MAX_ATTEMPTS=2, throttled then retried", do: xlDo{Args: xlCLI("describe-log-streams", xlTrioStreams(0)).Args, Env: map[string]string{"AWS_MAX_ATTEMPTS": "2"}},
			check: func(t *testing.T, r xlResult) {
				got := xlOK[cloudwatchlogs.DescribeLogStreamsOutput](t, r)
				want, _ := xlGoStreams(t, f, xlTrioStreams(0))
				assert.Equal(t, want, got.LogStreams)
				xlThrottled(t, r.calls, "DescribeLogStreams", 2, true)
			}},
	}
}
