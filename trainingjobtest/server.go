package trainingjobtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
)

// DefaultMaxRequestBytes is the largest request body the server accepts
// unless WithMaxRequestBytes says otherwise: 1 MiB, far above the largest
// valid CreateTrainingJob request.
const DefaultMaxRequestBytes = 1 << 20

// Codes of the protocol-level errors the server answers with, besides the
// fake's own (CodeValidationException, CodeResourceInUse).
const (
	// CodeUnknownOperation answers a request whose X-Amz-Target is missing,
	// names another service, or names an operation the fake does not
	// implement (HTTP 400), and a request that is not a POST (HTTP 405).
	CodeUnknownOperation = "UnknownOperationException"
	// CodeSerialization answers a body that is not a JSON object of the
	// operation's members (HTTP 400).
	CodeSerialization = "SerializationException"
	// CodeUnsupportedMediaType answers a Content-Type other than
	// application/x-amz-json-1.1 (HTTP 415).
	CodeUnsupportedMediaType = "UnsupportedMediaTypeException"
	// CodeRequestTooLarge answers a body larger than the server's limit
	// (HTTP 413).
	CodeRequestTooLarge = "RequestEntityTooLargeException"
	// CodeInternalFailure answers a request the fake could not serve, such
	// as one cancelled by the client (HTTP 500).
	CodeInternalFailure = "InternalFailure"
)

// jsonContentType is the media type of the SageMaker JSON protocol.
const jsonContentType = "application/x-amz-json-1.1"

// ServerOption configures Handler and NewServer.
type ServerOption func(*serverConfig)

type serverConfig struct {
	maxBytes int64
	addr     string
	remote   bool
	timeouts Timeouts
	maxConns int // see WithMaxConnections
}

// The timeouts NewServer sets unless WithTimeouts says otherwise. They are
// far longer than any request to the fake takes, and short enough that a
// client that stalls (or never sends its request) cannot hold a connection
// for long.
const (
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
)

// Timeouts bound how long the server waits on a client, as the fields of
// http.Server of the same names do: ReadHeader for a request's header,
// Read for the whole request, Write for the response (counted from the end
// of the request's header), Idle for the next request on a kept-alive
// connection. A zero field means the default constant.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

func (t Timeouts) withDefaults() Timeouts {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.ReadHeader, DefaultReadHeaderTimeout)
	def(&t.Read, DefaultReadTimeout)
	def(&t.Write, DefaultWriteTimeout)
	def(&t.Idle, DefaultIdleTimeout)
	return t
}

// WithTimeouts sets the server's timeouts; fields left zero keep their
// defaults. Handler ignores it.
func WithTimeouts(t Timeouts) ServerOption {
	return func(c *serverConfig) { c.timeouts = t }
}

// WithRemoteAccess lets WithListenAddress name an address that is not
// loopback, such as ":8080" or "0.0.0.0:8080". Without it NewServer refuses
// one: the fake answers unsigned requests from anyone who can reach it.
func WithRemoteAccess() ServerOption {
	return func(c *serverConfig) { c.remote = true }
}

// WithMaxRequestBytes sets the largest request body accepted; larger ones
// are answered with HTTP 413 and CodeRequestTooLarge. A limit that is not
// positive means DefaultMaxRequestBytes.
func WithMaxRequestBytes(n int64) ServerOption {
	return func(c *serverConfig) { c.maxBytes = n }
}

// WithListenAddress makes NewServer listen on addr (such as
// "127.0.0.1:8080") instead of a free loopback port. The host must be
// "localhost" or a loopback IP address unless WithRemoteAccess is given
// too; an empty host means every interface. Handler ignores it.
func WithListenAddress(addr string) ServerOption {
	return func(c *serverConfig) { c.addr = addr }
}

func newServerConfig(opts []ServerOption) serverConfig {
	var c serverConfig
	for _, o := range opts {
		o(&c)
	}
	if c.maxBytes <= 0 {
		c.maxBytes = DefaultMaxRequestBytes
	}
	c.timeouts = c.timeouts.withDefaults()
	return c
}

// Server is a running HTTP server that speaks SageMaker's JSON protocol in
// front of a Fake, for clients that cannot take a Go value: aws-sdk-go-v2
// configured with the server's URL as BaseEndpoint, the AWS CLI with
// --endpoint-url, boto3 with endpoint_url. It embeds *httptest.Server, so
// URL, Client and Close work as there.
type Server struct {
	*httptest.Server
	// Fake is the fake the server serves.
	Fake *Fake
}

// NewServer starts a server for f on a free port of the loopback interface
// (or where WithListenAddress says). A nil f means NewFake(). Close it when
// done.
//
// The server never logs request bodies, which may hold secrets such as
// Environment values. Its timeouts (see Timeouts) close connections whose
// client stalls, and it holds at most WithMaxConnections connections open
// at once. It panics when it cannot listen, or when WithListenAddress
// names an address that is not loopback without WithRemoteAccess.
func NewServer(f *Fake, opts ...ServerOption) *Server {
	if f == nil {
		f = NewFake()
	}
	cfg := newServerConfig(opts)
	if cfg.addr != "" && !cfg.remote {
		host, _, err := net.SplitHostPort(cfg.addr)
		if err != nil {
			panic(fmt.Sprintf("trainingjobtest: NewServer: listen address %q: %v", cfg.addr, err))
		}
		if !isLoopback(host) {
			panic(fmt.Sprintf("trainingjobtest: NewServer refuses to listen on %q, which is not a loopback address; "+
				"the fake answers unsigned requests from anyone who can reach it (use WithRemoteAccess to allow it)", cfg.addr))
		}
	}
	srv := httptest.NewUnstartedServer(newHandler(f, cfg))
	srv.Config.ReadHeaderTimeout = cfg.timeouts.ReadHeader
	srv.Config.ReadTimeout = cfg.timeouts.Read
	srv.Config.WriteTimeout = cfg.timeouts.Write
	srv.Config.IdleTimeout = cfg.timeouts.Idle
	if cfg.addr != "" {
		l, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			panic(fmt.Sprintf("trainingjobtest: NewServer cannot listen on %s: %v", cfg.addr, err))
		}
		srv.Listener.Close()
		srv.Listener = l
	}
	srv.Listener = LimitConnections(srv.Config, srv.Listener, cfg.maxConns)
	srv.Start()
	return &Server{Server: srv, Fake: f}
}

// isLoopback reports whether host names only the loopback interface:
// "localhost" or a loopback IP address. An empty host means every
// interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// SDKClient returns an aws-sdk-go-v2 SageMaker client that talks to the
// server only: the server's URL as BaseEndpoint, region us-east-1,
// anonymous credentials (nothing is signed, no credentials are looked up),
// one attempt without retries, and the server's HTTP client wrapped by
// BufferedClient. optFns adjust the options further.
func (s *Server) SDKClient(optFns ...func(*sagemaker.Options)) *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{
		BaseEndpoint:     aws.String(s.URL),
		Region:           "us-east-1",
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		Retryer:          aws.NopRetryer{},
		HTTPClient:       BufferedClient(s.Client()),
	}, optFns...)
}

// Handler returns an http.Handler that serves f over SageMaker's JSON
// protocol, as the service does: POST requests (any path) carrying
// X-Amz-Target "SageMaker.<Operation>", Content-Type
// application/x-amz-json-1.1 and a JSON object of the operation's members.
// It implements the six training-job operations of Fake and, for
// X-Amz-Target "Logs_20140328.<Operation>", the three CloudWatch Logs
// operations that read the jobs' logs (see Fake.GetLogEvents), so one URL
// serves both clients. Responses are JSON with timestamps as epoch
// seconds, the DescribeTrainingJob one written by trainingjob.Marshal. Errors are HTTP 400 (or the status each
// Code* constant gives) with a body {"__type": code, "message": text},
// the form the SDKs decode into their error values. The handler is safe
// for concurrent use.
func Handler(f *Fake, opts ...ServerOption) http.Handler {
	if f == nil {
		f = NewFake()
	}
	return newHandler(f, newServerConfig(opts))
}

func newHandler(f *Fake, cfg serverConfig) *handler {
	return &handler{fake: f, maxBytes: cfg.maxBytes}
}

type handler struct {
	fake     *Fake
	maxBytes int64
	requests atomic.Uint64
}

// protocolError is an error answered with its own HTTP status and code.
type protocolError struct {
	status  int
	code    string
	message string
}

func (e *protocolError) Error() string { return e.code + ": " + e.message }

func serializationError(format string, args ...any) *protocolError {
	return &protocolError{http.StatusBadRequest, CodeSerialization, fmt.Sprintf(format, args...)}
}

var operations = map[string]func(h *handler, ctx context.Context, body []byte) ([]byte, error){
	"CreateTrainingJob":   (*handler).createTrainingJob,
	"DescribeTrainingJob": (*handler).describeTrainingJob,
	"StopTrainingJob":     (*handler).stopTrainingJob,
	"UpdateTrainingJob":   (*handler).updateTrainingJob,
	"ListTrainingJobs":    (*handler).listTrainingJobs,
	"DeleteTrainingJob":   (*handler).deleteTrainingJob,
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := h.requests.Add(1)
	w.Header().Set("X-Amzn-RequestId", fmt.Sprintf("%08x-fa4e-4000-8000-%012x", uint32(n>>16), n))
	body, err := h.serve(w, r)
	if err != nil {
		h.writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", jsonContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (h *handler) serve(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return nil, &protocolError{http.StatusMethodNotAllowed, CodeUnknownOperation,
			fmt.Sprintf("the SageMaker JSON protocol takes POST requests, not %s", r.Method)}
	}
	target := r.Header.Get("X-Amz-Target")
	var call func(h *handler, ctx context.Context, body []byte) ([]byte, error)
	if op, ok := strings.CutPrefix(target, "SageMaker."); ok {
		call = operations[op]
		if call == nil {
			return nil, &protocolError{http.StatusBadRequest, CodeUnknownOperation,
				fmt.Sprintf("operation %q is not implemented by this fake, which serves CreateTrainingJob, DescribeTrainingJob, StopTrainingJob, UpdateTrainingJob, ListTrainingJobs and DeleteTrainingJob", op)}
		}
	} else if op, ok := strings.CutPrefix(target, logsTargetPrefix); ok {
		call = logsOperations[op]
		if call == nil {
			return nil, &protocolError{http.StatusBadRequest, CodeUnknownOperation,
				fmt.Sprintf("CloudWatch Logs operation %q is not implemented by this fake, which serves DescribeLogStreams, GetLogEvents and FilterLogEvents", op)}
		}
	} else if target == "" {
		return nil, &protocolError{http.StatusBadRequest, CodeUnknownOperation, "the request has no X-Amz-Target header naming the operation"}
	} else {
		return nil, &protocolError{http.StatusBadRequest, CodeUnknownOperation,
			fmt.Sprintf("X-Amz-Target %q names neither a SageMaker operation (SageMaker.<Operation>) nor a CloudWatch Logs one (%s<Operation>)", target, logsTargetPrefix)}
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != jsonContentType {
		return nil, &protocolError{http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			fmt.Sprintf("Content-Type %q is not supported; send %s", r.Header.Get("Content-Type"), jsonContentType)}
	}
	tooLarge := &protocolError{http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
		fmt.Sprintf("the request body exceeds the limit of %d bytes", h.maxBytes)}
	if r.ContentLength > h.maxBytes {
		return nil, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge
		}
		return nil, serializationError("reading the request body: %v", err)
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		body = []byte("{}")
	}
	if body[0] != '{' || !json.Valid(body) {
		return nil, serializationError("the request body is not a JSON object")
	}
	return call(h, r.Context(), body)
}

func (h *handler) writeError(w http.ResponseWriter, err error) {
	status, code, msg := http.StatusInternalServerError, CodeInternalFailure, err.Error()
	var pe *protocolError
	var apiErr smithy.APIError
	switch {
	case errors.As(err, &pe):
		status, code, msg = pe.status, pe.code, pe.message
	case errors.As(err, &apiErr):
		status, code, msg = http.StatusBadRequest, apiErr.ErrorCode(), apiErr.ErrorMessage()
		if apiErr.ErrorFault() == smithy.FaultServer {
			status = http.StatusInternalServerError
		}
	}
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{code, msg})
	w.Header().Set("Content-Type", jsonContentType)
	w.Header().Set("X-Amzn-ErrorType", code)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// decodeMembers reads a request body with encoding/json; the SDK's input
// types and small structs name their fields as the wire does.
func decodeMembers(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return serializationError("the request body does not match the operation's members: %v", err)
	}
	return nil
}

func (h *handler) createTrainingJob(ctx context.Context, body []byte) ([]byte, error) {
	// The request's members are those of the TrainingJob shape, so the
	// package's own decoder reads them, nested shapes and all.
	var job trainingjob.TrainingJob
	if err := trainingjob.Unmarshal(body, &job); err != nil {
		return nil, serializationError("%v", err)
	}
	var extra struct {
		SessionChainingConfig *types.SessionChainingConfig
	}
	if err := decodeMembers(body, &extra); err != nil {
		return nil, err
	}
	in := job.ToCreateInput()
	in.SessionChainingConfig = extra.SessionChainingConfig
	out, err := h.fake.CreateTrainingJob(ctx, in)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct{ TrainingJobArn *string }{out.TrainingJobArn})
}

type nameRequest struct {
	TrainingJobName *string
}

func (h *handler) describeTrainingJob(ctx context.Context, body []byte) ([]byte, error) {
	var req nameRequest
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	out, err := h.fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: req.TrainingJobName})
	if err != nil {
		return nil, err
	}
	job := trainingjob.FromDescribeOutput(out)
	return trainingjob.Marshal(&job)
}

func (h *handler) stopTrainingJob(ctx context.Context, body []byte) ([]byte, error) {
	var req nameRequest
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	if _, err := h.fake.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: req.TrainingJobName}); err != nil {
		return nil, err
	}
	return []byte("{}"), nil
}

func (h *handler) deleteTrainingJob(ctx context.Context, body []byte) ([]byte, error) {
	var req nameRequest
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	if _, err := h.fake.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: req.TrainingJobName}); err != nil {
		return nil, err
	}
	return []byte("{}"), nil
}

func (h *handler) updateTrainingJob(ctx context.Context, body []byte) ([]byte, error) {
	var req struct {
		TrainingJobName            *string
		ProfilerConfig             *types.ProfilerConfigForUpdate
		ProfilerRuleConfigurations []types.ProfilerRuleConfiguration
		RemoteDebugConfig          *types.RemoteDebugConfigForUpdate
		ResourceConfig             *types.ResourceConfigForUpdate
	}
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	out, err := h.fake.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{
		TrainingJobName:            req.TrainingJobName,
		ProfilerConfig:             req.ProfilerConfig,
		ProfilerRuleConfigurations: req.ProfilerRuleConfigurations,
		RemoteDebugConfig:          req.RemoteDebugConfig,
		ResourceConfig:             req.ResourceConfig,
	})
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct{ TrainingJobArn *string }{out.TrainingJobArn})
}

func (h *handler) listTrainingJobs(ctx context.Context, body []byte) ([]byte, error) {
	var req struct {
		CreationTimeAfter, CreationTimeBefore         json.RawMessage
		LastModifiedTimeAfter, LastModifiedTimeBefore json.RawMessage
		MaxResults                                    *int32
		NameContains, NextToken                       *string
		SortBy                                        types.SortBy
		SortOrder                                     types.SortOrder
		StatusEquals                                  types.TrainingJobStatus
		TrainingPlanArnEquals                         *string
		WarmPoolStatusEquals                          types.WarmPoolResourceStatus
	}
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	in := &sagemaker.ListTrainingJobsInput{
		MaxResults: req.MaxResults, NameContains: req.NameContains, NextToken: req.NextToken,
		SortBy: req.SortBy, SortOrder: req.SortOrder, StatusEquals: req.StatusEquals,
		TrainingPlanArnEquals: req.TrainingPlanArnEquals, WarmPoolStatusEquals: req.WarmPoolStatusEquals,
	}
	for _, m := range []struct {
		name string
		raw  json.RawMessage
		dst  **time.Time
	}{
		{"CreationTimeAfter", req.CreationTimeAfter, &in.CreationTimeAfter},
		{"CreationTimeBefore", req.CreationTimeBefore, &in.CreationTimeBefore},
		{"LastModifiedTimeAfter", req.LastModifiedTimeAfter, &in.LastModifiedTimeAfter},
		{"LastModifiedTimeBefore", req.LastModifiedTimeBefore, &in.LastModifiedTimeBefore},
	} {
		t, ok, err := parseWireTime(m.raw)
		if err != nil {
			return nil, serializationError("%s: %v", m.name, err)
		}
		if ok {
			*m.dst = &t
		}
	}
	out, err := h.fake.ListTrainingJobs(ctx, in)
	if err != nil {
		return nil, err
	}
	type wireSummary struct {
		TrainingJobName   *string
		TrainingJobArn    *string
		CreationTime      json.RawMessage `json:",omitempty"`
		TrainingEndTime   json.RawMessage `json:",omitempty"`
		LastModifiedTime  json.RawMessage `json:",omitempty"`
		TrainingJobStatus string          `json:",omitempty"`
		SecondaryStatus   string          `json:",omitempty"`
		TrainingPlanArn   *string         `json:",omitempty"`
		WarmPoolStatus    *struct {
			Status                                string
			ResourceRetainedBillableTimeInSeconds *int32  `json:",omitempty"`
			ReusedByJob                           *string `json:",omitempty"`
		} `json:",omitempty"`
	}
	resp := struct {
		TrainingJobSummaries []wireSummary
		NextToken            *string `json:",omitempty"`
	}{TrainingJobSummaries: []wireSummary{}, NextToken: out.NextToken}
	for _, s := range out.TrainingJobSummaries {
		ws := wireSummary{
			TrainingJobName: s.TrainingJobName, TrainingJobArn: s.TrainingJobArn,
			CreationTime: epochSeconds(s.CreationTime), TrainingEndTime: epochSeconds(s.TrainingEndTime),
			LastModifiedTime:  epochSeconds(s.LastModifiedTime),
			TrainingJobStatus: string(s.TrainingJobStatus), SecondaryStatus: string(s.SecondaryStatus),
			TrainingPlanArn: s.TrainingPlanArn,
		}
		if w := s.WarmPoolStatus; w != nil {
			ws.WarmPoolStatus = &struct {
				Status                                string
				ResourceRetainedBillableTimeInSeconds *int32  `json:",omitempty"`
				ReusedByJob                           *string `json:",omitempty"`
			}{string(w.Status), w.ResourceRetainedBillableTimeInSeconds, w.ReusedByJob}
		}
		resp.TrainingJobSummaries = append(resp.TrainingJobSummaries, ws)
	}
	return json.Marshal(resp)
}

// epochSeconds writes t as the protocol does: a JSON number of seconds
// since the epoch, with a millisecond fraction when there is one. A nil or
// zero t gives nil, an absent member.
func epochSeconds(t *time.Time) json.RawMessage {
	if t == nil || t.IsZero() {
		return nil
	}
	ms := t.UnixMilli()
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	if frac == 0 {
		return json.RawMessage(strconv.FormatInt(sec, 10))
	}
	return json.RawMessage(strings.TrimRight(fmt.Sprintf("%d.%03d", sec, frac), "0"))
}

// parseWireTime reads a timestamp member of a request: a JSON number of
// epoch seconds (integer, decimal or exponent form), or a string holding
// such a number or an RFC 3339 time. ok is false when the member is absent
// or null.
func parseWireTime(raw json.RawMessage) (t time.Time, ok bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, false, nil
	}
	text := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return time.Time{}, false, err
		}
		if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
			return t.UTC().Truncate(time.Millisecond), true, nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1e11 {
		return time.Time{}, false, fmt.Errorf("%s is not a timestamp in epoch seconds", raw)
	}
	return time.UnixMilli(int64(math.Round(f * 1000))).UTC(), true, nil
}
