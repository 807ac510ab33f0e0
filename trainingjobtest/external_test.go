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
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// The harness of the tests that drive the fake over HTTP through clients
// written elsewhere: aws-sdk-go-v2 ("go"), the AWS SDK for JavaScript v3
// ("js", testdata/jsclient/driver.mjs), boto3 ("boto3") and the AWS CLI v1
// ("cli"), the last two through testdata/pyclient/driver.py. Every client
// takes the same list of calls, in the JSON form the drivers read, and
// gives back results in one form, so that a table of cases runs through
// all four and their answers can be compared with each other.

// The clients runExternal knows.
const (
	extGo    = "go"
	extJS    = "js"
	extBoto3 = "boto3"
	extCLI   = "cli"
)

// externalClients lists every client, in the order the tests run them;
// the first is the one the others are compared with.
var externalClients = []string{extGo, extJS, extBoto3, extCLI}

// Pseudo-operations a call may name besides the API's operations.
const (
	// opWait runs the client's TrainingJobCompletedOrStopped waiter on
	// {"TrainingJobName": ...}; its output is {} when the waiter succeeds
	// and its error "WaiterFailure" or "WaiterTimeout" otherwise.
	opWait = "waitUntilTrainingJobCompletedOrStopped"
	// opPaginate runs the client's ListTrainingJobs paginator on the
	// operation's members plus "PageSize"; its output is
	// {"TrainingJobSummaries": [...]}, every page's summaries in order.
	opPaginate = "paginateListTrainingJobs"
	// opAdvance moves the fake's clock by {"Duration": "5m"} (a
	// time.ParseDuration string); its output is {"Now": time}.
	opAdvance = "advance"
	// opControl is what the drivers see of opAdvance and of a waiter's
	// clock: a POST of the input to the call's endpoint.
	opControl = "control"
)

// externalCall is one call of a run, in the form the drivers read.
type externalCall struct {
	// Op is the API operation, such as "CreateTrainingJob", or a
	// pseudo-operation (opWait, opPaginate, opAdvance).
	Op string `json:"op"`
	// Input holds the operation's members as the API names them, with
	// timestamps as RFC 3339 strings.
	Input json.RawMessage `json:"input,omitempty"`
	// Endpoint is the URL the call goes to; runExternal sets it.
	Endpoint string `json:"endpoint,omitempty"`

	// target is the fake the call goes to; nil means the run's first.
	target *externalTarget
	// tick, for opWait, is how far the fake's clock moves at each of the
	// waiter's DescribeTrainingJob calls.
	tick time.Duration
}

// externalResult is what a client made of one call: its output, or its
// error.
type externalResult struct {
	// Output is the output as the client parsed it, as JSON with the API's
	// member names, decoded with encoding/json; members the answer does
	// not have are absent, and timestamps are RFC 3339 strings in UTC with
	// as many fractional digits as they need (see canonicalJSON).
	Output map[string]any `json:"output,omitempty"`
	// Error is the client's error; nil when the call succeeded.
	Error *externalError `json:"error,omitempty"`
}

// externalError is a client's error in the form the four share. Code and
// Message are the service's (the error code and its text); the other
// fields are there only when the client reports them.
type externalError struct {
	Code    string
	Message string
	// Fault is "client" or "server" (aws-sdk-go-v2 and the JavaScript SDK).
	Fault string `json:",omitempty"`
	// HTTPStatus is the response's status (all but the CLI).
	HTTPStatus int `json:",omitempty"`
	// Modeled tells whether the client raised the error as the exception
	// the service model declares for the code (all but the CLI).
	Modeled *bool `json:",omitempty"`
}

func (e *externalError) String() string {
	if e == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// xcall is a call of op with input given as JSON text ("" for none).
func xcall(op, input string) externalCall {
	c := externalCall{Op: op}
	if input != "" {
		c.Input = json.RawMessage(input)
	}
	return c
}

// xadvance is a call that moves the fake's clock by d.
func xadvance(d time.Duration) externalCall {
	return xcall(opAdvance, fmt.Sprintf(`{"Duration":%q}`, d.String()))
}

// xwait is a call of the waiter on the job named name, with the fake's
// clock moving by tick at each of the waiter's DescribeTrainingJob calls
// (so that a ManualClock does not hold the job where it is). The clock
// stands wherever the waiter leaves it, which depends on how the client
// polls: a case that goes on after the waiter should not depend on the
// time.
func xwait(name string, tick time.Duration) externalCall {
	c := xcall(opWait, fmt.Sprintf(`{"TrainingJobName":%q}`, name))
	c.tick = tick
	return c
}

// externalTarget is one fake served over HTTP to the clients, with a
// control server beside it that moves the fake's clock when a driver asks.
type externalTarget struct {
	fake *trainingjobtest.Fake
	srv  *trainingjobtest.Server
	ctl  *httptest.Server

	mu   sync.Mutex
	stop func() // stops the clock's ticking for a waiter; nil when it does not tick
}

// newExternalTarget starts a fake with a ManualClock at DefaultFakeStart
// (opts add to it) and its server; both stop when the test ends.
func newExternalTarget(t *testing.T, opts ...trainingjobtest.FakeOption) *externalTarget {
	t.Helper()
	clock := trainingjobtest.NewManualClock(trainingjobtest.DefaultFakeStart())
	f := trainingjobtest.NewFake(append([]trainingjobtest.FakeOption{trainingjobtest.WithFakeClock(clock)}, opts...)...)
	x := &externalTarget{fake: f, srv: trainingjobtest.NewServer(f)}
	x.ctl = httptest.NewServer(http.HandlerFunc(x.serveControl))
	t.Cleanup(func() {
		x.tickStop()
		x.ctl.Close()
		x.srv.Close()
	})
	return x
}

// externalControl is the body of a control request: Advance moves the
// clock once; TickJob and Tick make every DescribeTrainingJob of the job
// move it by Tick from now on, and an empty TickJob stops that.
type externalControl struct {
	Advance string `json:",omitempty"`
	TickJob string `json:",omitempty"`
	Tick    string `json:",omitempty"`
}

func (x *externalTarget) serveControl(w http.ResponseWriter, r *http.Request) {
	var c externalControl
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	now, err := x.control(c)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"Now": now.Format(time.RFC3339Nano)})
}

// control carries out c and returns the fake's time after it.
func (x *externalTarget) control(c externalControl) (time.Time, error) {
	if c.Advance != "" {
		d, err := time.ParseDuration(c.Advance)
		if err != nil || d < 0 {
			return time.Time{}, fmt.Errorf("advance %q: not a duration of zero or more", c.Advance)
		}
		x.fake.Advance(d)
	}
	x.tickStop()
	if c.TickJob != "" {
		d, err := time.ParseDuration(c.Tick)
		if err != nil || d <= 0 {
			return time.Time{}, fmt.Errorf("tick %q: not a positive duration", c.Tick)
		}
		x.tickStart(c.TickJob, d)
	}
	return x.fake.Now(), nil
}

// tickStart moves the clock by d after each DescribeTrainingJob of job
// the fake records, watching its calls every half millisecond (the
// waiters poll every few milliseconds or more).
func (x *externalTarget) tickStart(job string, d time.Duration) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	seen := len(x.fake.Calls())
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case <-time.After(500 * time.Microsecond):
			}
			calls := x.fake.Calls()
			for _, c := range calls[seen:] {
				if c.Operation == "DescribeTrainingJob" && c.JobName == job {
					x.fake.Advance(d)
				}
			}
			seen = len(calls)
		}
	}()
	x.mu.Lock()
	x.stop = func() { close(done); wg.Wait() }
	x.mu.Unlock()
}

func (x *externalTarget) tickStop() {
	x.mu.Lock()
	stop := x.stop
	x.stop = nil
	x.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// skipOrFail skips t with why, or fails it under TRAININGJOB_ALL_ORACLES=1,
// where every client must be there.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if testenv.AllOracles() {
		t.Fatalf("%s (%s=1 needs every external client)", msg, testenv.AllOraclesVar)
	}
	t.Skipf("skipping: %s", msg)
}

// runExternal runs calls in order through client ("go", "js", "boto3" or
// "cli"), all in one process of the client, and returns one result per
// call. A call without a target goes to first. It skips t (fails it under
// TRAININGJOB_ALL_ORACLES=1) when the client is not installed, and fails t
// when the client's driver itself fails.
func runExternal(t *testing.T, client string, first *externalTarget, calls []externalCall) []externalResult {
	t.Helper()
	// What the drivers see: pseudo-operations of the clock become control
	// requests; a waiter that moves the clock comes between two of them,
	// whose results are dropped.
	var wire []externalCall
	index := make([]int, len(calls)) // calls[i]'s result is at wire[index[i]]
	hidden := map[int]bool{}
	for i, c := range calls {
		x := c.target
		if x == nil {
			x = first
		}
		require.NotNil(t, x, "call %d (%s) has no target and the run no first one", i, c.Op)
		c.Endpoint, c.target = x.srv.URL, x
		ctl := func(body externalControl) externalCall {
			data, err := json.Marshal(body)
			require.NoError(t, err)
			return externalCall{Op: opControl, Input: data, Endpoint: x.ctl.URL, target: x}
		}
		switch c.Op {
		case opAdvance:
			var in struct{ Duration string }
			require.NoError(t, json.Unmarshal(c.Input, &in), "call %d: advance input %s", i, c.Input)
			c = ctl(externalControl{Advance: in.Duration})
		case opWait:
			if c.tick > 0 {
				var in struct{ TrainingJobName string }
				require.NoError(t, json.Unmarshal(c.Input, &in), "call %d: waiter input %s", i, c.Input)
				hidden[len(wire)] = true
				wire = append(wire, ctl(externalControl{TickJob: in.TrainingJobName, Tick: c.tick.String()}))
				index[i] = len(wire)
				wire = append(wire, c)
				hidden[len(wire)] = true
				wire = append(wire, ctl(externalControl{}))
				continue
			}
		}
		index[i] = len(wire)
		wire = append(wire, c)
	}

	var got []externalResult
	if client == extGo {
		got = runGo(t, wire)
	} else {
		got = runDriver(t, client, wire)
	}
	require.Len(t, got, len(wire), "%s: one result per call", client)
	for i, r := range got {
		if hidden[i] {
			require.Nil(t, r.Error, "%s: control call %d", client, i)
		}
	}
	results := make([]externalResult, len(calls))
	for i := range calls {
		r := got[index[i]]
		r.Output = canonicalJSON(r.Output).(map[string]any)
		results[i] = r
	}
	return results
}

// canonicalJSON returns v (decoded JSON) with every string that is an RFC
// 3339 date-time rewritten in UTC with the fewest fractional digits it
// needs, the forms the clients print timestamps in (the JavaScript SDK's
// 2024-03-01T12:00:00.000Z, Python's 2024-03-01T12:00:00+00:00, Go's
// 2024-03-01T12:00:00Z) all becoming the last. A nil map stays nil.
func canonicalJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if v == nil {
			return v
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = canonicalJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = canonicalJSON(e)
		}
		return out
	case string:
		if len(v) >= 20 && v[4] == '-' && v[10] == 'T' {
			if tm, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return tm.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	default:
		return v
	}
}

// ---------------------------------------------------------------------------
// aws-sdk-go-v2, in this process.

// goOps runs each operation of the JSON call form with aws-sdk-go-v2: the
// input is decoded into the SDK's input type by encoding/json (the SDK's
// field names are the API's member names), refusing members it does not
// know.
var goOps = map[string]func(ctx context.Context, c *sagemaker.Client, in json.RawMessage) (any, error){
	"CreateTrainingJob":   goOp((*sagemaker.Client).CreateTrainingJob),
	"DescribeTrainingJob": goOp((*sagemaker.Client).DescribeTrainingJob),
	"StopTrainingJob":     goOp((*sagemaker.Client).StopTrainingJob),
	"UpdateTrainingJob":   goOp((*sagemaker.Client).UpdateTrainingJob),
	"ListTrainingJobs":    goOp((*sagemaker.Client).ListTrainingJobs),
	"DeleteTrainingJob":   goOp((*sagemaker.Client).DeleteTrainingJob),
	opWait: func(ctx context.Context, c *sagemaker.Client, raw json.RawMessage) (any, error) {
		in, err := goDecode[sagemaker.DescribeTrainingJobInput](raw)
		if err != nil {
			return nil, err
		}
		w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(c, func(o *sagemaker.TrainingJobCompletedOrStoppedWaiterOptions) {
			o.MinDelay, o.MaxDelay = 5*time.Millisecond, 20*time.Millisecond
		})
		if err := w.Wait(ctx, in, 30*time.Second); err != nil {
			code := "WaiterFailure"
			if strings.Contains(err.Error(), "exceeded max wait time") {
				code = "WaiterTimeout"
			}
			return nil, &goWaiterError{code: code, err: err}
		}
		return struct{}{}, nil
	},
	opPaginate: func(ctx context.Context, c *sagemaker.Client, raw json.RawMessage) (any, error) {
		var size struct{ PageSize int32 }
		if err := json.Unmarshal(raw, &size); err != nil {
			return nil, err
		}
		var rest map[string]json.RawMessage
		if err := json.Unmarshal(raw, &rest); err != nil {
			return nil, err
		}
		delete(rest, "PageSize")
		data, err := json.Marshal(rest)
		if err != nil {
			return nil, err
		}
		in, err := goDecode[sagemaker.ListTrainingJobsInput](data)
		if err != nil {
			return nil, err
		}
		p := sagemaker.NewListTrainingJobsPaginator(c, in, func(o *sagemaker.ListTrainingJobsPaginatorOptions) {
			o.Limit = size.PageSize
		})
		out := &sagemaker.ListTrainingJobsOutput{}
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			out.TrainingJobSummaries = append(out.TrainingJobSummaries, page.TrainingJobSummaries...)
		}
		if out.TrainingJobSummaries == nil {
			out.TrainingJobSummaries = []types.TrainingJobSummary{}
		}
		return out, nil
	},
}

// goWaiterError is a waiter's failure, under the harness's code.
type goWaiterError struct {
	code string
	err  error
}

func (e *goWaiterError) Error() string { return e.err.Error() }

func goDecode[In any](raw json.RawMessage) (*In, error) {
	in := new(In)
	if len(raw) == 0 {
		return in, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(in); err != nil {
		return nil, fmt.Errorf("decoding %T: %w", in, err)
	}
	return in, nil
}

func goOp[In, Out any](op func(*sagemaker.Client, context.Context, *In, ...func(*sagemaker.Options)) (*Out, error)) func(context.Context, *sagemaker.Client, json.RawMessage) (any, error) {
	return func(ctx context.Context, c *sagemaker.Client, raw json.RawMessage) (any, error) {
		in, err := goDecode[In](raw)
		if err != nil {
			return nil, err
		}
		return op(c, ctx, in)
	}
}

// runGo runs calls with aws-sdk-go-v2, one client per endpoint (the
// server's SDKClient), as the drivers run them.
func runGo(t *testing.T, calls []externalCall) []externalResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	clients := map[string]*sagemaker.Client{}
	results := make([]externalResult, 0, len(calls))
	for i, c := range calls {
		if c.Op == opControl {
			var body externalControl
			require.NoError(t, json.Unmarshal(c.Input, &body))
			now, err := c.target.control(body)
			require.NoError(t, err, "call %d: control %s", i, c.Input)
			results = append(results, externalResult{Output: map[string]any{"Now": now.Format(time.RFC3339Nano)}})
			continue
		}
		op := goOps[c.Op]
		require.NotNil(t, op, "call %d: aws-sdk-go-v2 has no operation %q here", i, c.Op)
		sdk := clients[c.Endpoint]
		if sdk == nil {
			sdk = c.target.srv.SDKClient()
			clients[c.Endpoint] = sdk
		}
		out, err := op(ctx, sdk, c.Input)
		if err != nil {
			results = append(results, externalResult{Error: goError(err)})
			continue
		}
		results = append(results, externalResult{Output: goOutput(t, out)})
	}
	return results
}

// goError is err in the harness's form.
func goError(err error) *externalError {
	var we *goWaiterError
	if errors.As(err, &we) {
		return &externalError{Code: we.code, Message: we.err.Error()}
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return &externalError{Code: fmt.Sprintf("%T", err), Message: err.Error()}
	}
	e := &externalError{Code: apiErr.ErrorCode(), Message: apiErr.ErrorMessage()}
	switch apiErr.ErrorFault() {
	case smithy.FaultClient:
		e.Fault = "client"
	case smithy.FaultServer:
		e.Fault = "server"
	}
	var generic *smithy.GenericAPIError
	e.Modeled = aws.Bool(!errors.As(err, &generic))
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		e.HTTPStatus = re.HTTPStatusCode()
	}
	return e
}

// goOutput is an SDK output as the other clients print theirs: JSON with
// the API's member names, without ResultMetadata, members the answer does
// not have (nil, or the empty string of an enum) left out.
func goOutput(t *testing.T, out any) map[string]any {
	t.Helper()
	data, err := json.Marshal(out)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	delete(doc, "ResultMetadata")
	return goPrune(doc).(map[string]any)
}

func goPrune(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil || e == "" {
				delete(v, k)
				continue
			}
			v[k] = goPrune(e)
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = goPrune(e)
		}
		return v
	default:
		return v
	}
}

// ---------------------------------------------------------------------------
// The drivers in testdata.

// externalMissing is the exit status of a driver that cannot load its
// client (not installed, or too old a Node.js).
const externalMissing = 3

// runDriver runs calls through the driver of client in one process and
// decodes its results.
func runDriver(t *testing.T, client string, calls []externalCall) []externalResult {
	t.Helper()
	env, dir := svIsolatedEnv(t)
	var cmd *exec.Cmd
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	switch client {
	case extJS:
		node, err := exec.LookPath("node")
		if err != nil {
			skipOrFail(t, "node is not on PATH: %v", err)
		}
		pkg, err := filepath.Abs(filepath.Join("testdata", "jsclient"))
		require.NoError(t, err)
		if _, err := os.Stat(filepath.Join(pkg, "node_modules", "@aws-sdk", "client-sagemaker", "package.json")); err != nil {
			skipOrFail(t, "the AWS SDK for JavaScript is not installed: run npm ci in trainingjobtest/testdata/jsclient")
		}
		cmd = exec.CommandContext(ctx, node, filepath.Join(pkg, "driver.mjs"))
	case extBoto3, extCLI:
		python, err := externalPython(client)
		if err != nil {
			skipOrFail(t, "%v", err)
		}
		script, err := filepath.Abs(filepath.Join("testdata", "pyclient", "driver.py"))
		require.NoError(t, err)
		cmd = exec.CommandContext(ctx, python, script, client)
		if client == extCLI {
			// The CLI parses timestamps and prints them as ISO 8601, as
			// the other clients do, rather than the wire's epoch seconds.
			cfg := filepath.Join(dir, "cli-config")
			require.NoError(t, os.WriteFile(cfg, []byte("[default]\nregion = us-east-1\nmax_attempts = 1\nretry_mode = standard\ncli_timestamp_format = iso8601\n"), 0o600))
			env = append(env, "AWS_CONFIG_FILE="+cfg)
		}
	default:
		t.Fatalf("unknown external client %q", client)
	}
	input, err := json.Marshal(calls)
	require.NoError(t, err)
	cmd.Env, cmd.Dir = env, dir
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == externalMissing {
		skipOrFail(t, "%s cannot run the %s client: %s", cmd.Path, client, strings.TrimSpace(stderr.String()))
	}
	require.NoError(t, err, "%s driver\nstderr:\n%s", client, stderr.String())
	var results []externalResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &results), "%s driver output %s\nstderr:\n%s", client, stdout.String(), stderr.String())
	return results
}

// externalPython returns the Python interpreter for boto3 or the CLI:
// python3 for boto3; for the CLI, the interpreter its aws command names on
// its #! line when it names one (a pip-installed CLI's), so that the
// driver runs the same awscli package as the command, and python3
// otherwise.
func externalPython(client string) (string, error) {
	python, err := exec.LookPath("python3")
	if client == extBoto3 {
		if err != nil {
			return "", fmt.Errorf("python3 is not on PATH: %v", err)
		}
		return python, nil
	}
	awsPath, lookErr := exec.LookPath("aws")
	if lookErr != nil {
		return "", fmt.Errorf("the AWS CLI (aws) is not on PATH: %v", lookErr)
	}
	if data, err := os.ReadFile(awsPath); err == nil {
		line, _, _ := bytes.Cut(data, []byte("\n"))
		if interp, ok := bytes.CutPrefix(line, []byte("#!")); ok {
			if fields := strings.Fields(string(interp)); len(fields) == 1 && strings.Contains(filepath.Base(fields[0]), "python") {
				return fields[0], nil
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("python3 is not on PATH (the AWS CLI at %s runs on it): %v", awsPath, err)
	}
	return python, nil
}
