package trainingjobtest_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

func TestServerBindsLoopbackByDefault(t *testing.T) {
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	addr := srv.Listener.Addr().(*net.TCPAddr)
	assert.True(t, addr.IP.IsLoopback(), "listening on %v", addr)

	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:0"} {
		assert.PanicsWithValue(t, `trainingjobtest: NewServer refuses to listen on "`+addr+`", which is not a loopback address; `+
			`the fake answers unsigned requests from anyone who can reach it (use WithRemoteAccess to allow it)`,
			func() { trainingjobtest.NewServer(nil, trainingjobtest.WithListenAddress(addr)) }, addr)
	}
	assert.PanicsWithValue(t, `trainingjobtest: NewServer: listen address "nope": address nope: missing port in address`,
		func() { trainingjobtest.NewServer(nil, trainingjobtest.WithListenAddress("nope")) })

	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "127.0.0.2:0"} {
		s := trainingjobtest.NewServer(nil, trainingjobtest.WithListenAddress(addr))
		assert.True(t, s.Listener.Addr().(*net.TCPAddr).IP.IsLoopback(), addr)
		s.Close()
	}

	// Another address needs the explicit option.
	s := trainingjobtest.NewServer(nil, trainingjobtest.WithListenAddress("0.0.0.0:0"), trainingjobtest.WithRemoteAccess())
	defer s.Close()
	assert.True(t, s.Listener.Addr().(*net.TCPAddr).IP.IsUnspecified())
}

func TestServerTimeouts(t *testing.T) {
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	assert.Equal(t, trainingjobtest.DefaultReadHeaderTimeout, srv.Config.ReadHeaderTimeout)
	assert.Equal(t, trainingjobtest.DefaultReadTimeout, srv.Config.ReadTimeout)
	assert.Equal(t, trainingjobtest.DefaultWriteTimeout, srv.Config.WriteTimeout)
	assert.Equal(t, trainingjobtest.DefaultIdleTimeout, srv.Config.IdleTimeout)

	custom := trainingjobtest.NewServer(nil, trainingjobtest.WithTimeouts(trainingjobtest.Timeouts{Read: time.Second, Idle: 2 * time.Second}))
	defer custom.Close()
	assert.Equal(t, trainingjobtest.DefaultReadHeaderTimeout, custom.Config.ReadHeaderTimeout, "zero keeps the default")
	assert.Equal(t, time.Second, custom.Config.ReadTimeout)
	assert.Equal(t, trainingjobtest.DefaultWriteTimeout, custom.Config.WriteTimeout)
	assert.Equal(t, 2*time.Second, custom.Config.IdleTimeout)
}

// closedWithin reads from conn until the server closes it and reports how
// long that took; it fails the test when the server keeps it past limit.
func closedWithin(t *testing.T, conn net.Conn, limit time.Duration) (time.Duration, string) {
	t.Helper()
	began := time.Now()
	require.NoError(t, conn.SetReadDeadline(began.Add(limit)))
	got, err := io.ReadAll(conn)
	elapsed := time.Since(began)
	var ne net.Error
	if err != nil && (!assert.ErrorAs(t, err, &ne) || ne.Timeout()) {
		t.Fatalf("the server kept a stalled connection open for %v: %v", limit, err)
	}
	return elapsed, string(got)
}

func TestStalledClientsAreDisconnected(t *testing.T) {
	const short = 300 * time.Millisecond
	srv := trainingjobtest.NewServer(nil, trainingjobtest.WithTimeouts(trainingjobtest.Timeouts{
		ReadHeader: short, Read: short, Write: short, Idle: short,
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	const describe = `{"TrainingJobName":"nope"}`
	cases := []struct {
		name string
		send string
		// answered: the server answers before it closes.
		answered string
	}{
		{"sends nothing", "", ""},
		{"half a request line", "POST / HT", ""},
		{"stalls in the header", "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SageMaker.DescribeTrainingJob\r\n", ""},
		{"stalls in the body", "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SageMaker.DescribeTrainingJob\r\n" +
			"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{\"Train", ""},
		{"idle after a request", "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SageMaker.DescribeTrainingJob\r\n" +
			"Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + itoa(len(describe)) + "\r\n\r\n" + describe,
			"ValidationException"},
	}
	// The cases wait for the timeouts side by side, each on its own
	// connection (in turn they slept five times as long), and all are over
	// before the check that the server still serves others.
	t.Run("stalled", func(t *testing.T) {
		for _, tt := range cases {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				conn, err := net.Dial("tcp", addr)
				require.NoError(t, err)
				defer conn.Close()
				if tt.send != "" {
					_, err = conn.Write([]byte(tt.send))
					require.NoError(t, err)
				}
				elapsed, got := closedWithin(t, conn, 20*short)
				assert.GreaterOrEqual(t, elapsed, short/2, "closed too early to be the timeout")
				if tt.answered != "" {
					assert.Contains(t, got, tt.answered)
				} else {
					assert.NotContains(t, got, "200 OK")
				}
			})
		}
	})

	// The server still serves others afterwards.
	_, err := srv.SDKClient().ListTrainingJobs(context.Background(), &sagemaker.ListTrainingJobsInput{})
	require.NoError(t, err)
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// TestServerNeverLogsBodies captures everything the standard loggers (log
// and log/slog's default) write while the server handles requests whose
// bodies hold a secret, well-formed or not, and checks the secret is in
// none of it, nor in any error answer.
func TestServerNeverLogsBodies(t *testing.T) {
	const secret = "sk-live-0123456789abcdef"
	var logged bytes.Buffer
	oldOut, oldFlags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	oldSlog := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer func() {
		log.SetOutput(oldOut)
		log.SetFlags(oldFlags)
		slog.SetDefault(oldSlog)
	}()

	srv := trainingjobtest.NewServer(nil, trainingjobtest.WithMaxRequestBytes(2048),
		trainingjobtest.WithTimeouts(trainingjobtest.Timeouts{ReadHeader: 200 * time.Millisecond, Read: 200 * time.Millisecond}))
	defer srv.Close()

	create := `{"TrainingJobName":"leaky","RoleArn":"arn:aws:iam::123456789012:role/R",` +
		`"AlgorithmSpecification":{"TrainingImage":"img","TrainingInputMode":"File"},` +
		`"OutputDataConfig":{"S3OutputPath":"s3://b/o"},` +
		`"ResourceConfig":{"InstanceType":"ml.m5.large","InstanceCount":1,"VolumeSizeInGB":10},` +
		`"StoppingCondition":{"MaxRuntimeInSeconds":3600},` +
		`"Environment":{"API_KEY":"` + secret + `"},"HyperParameters":{"token":"` + secret + `"}}`
	bodies := []struct{ target, contentType, body string }{
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", create},
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", create},                                               // ResourceInUse
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", strings.Replace(create, `"leaky"`, `"-bad name"`, 1)}, // invalid
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", strings.Replace(create, `"API_KEY"`, `"1 bad key"`, 1)},
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", strings.Replace(create, `"leaky"`, `1`, 1)},
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", create[:len(create)-5]},
		{"SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", create + strings.Repeat(" ", 4096)},
		{"SageMaker.CreateTrainingJob", "text/plain", create},
		{"SageMaker.Nope", "application/x-amz-json-1.1", create},
		{"", "application/x-amz-json-1.1", create},
		{"SageMaker.DescribeTrainingJob", "application/x-amz-json-1.1", `{"TrainingJobName":"` + secret + `x"}`},
		{"SageMaker.DescribeTrainingJob", "application/x-amz-json-1.1", `{"TrainingJobName":["` + secret + `"]}`},
	}
	for i, b := range bodies {
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(b.body))
		require.NoError(t, err)
		if b.target != "" {
			req.Header.Set("X-Amz-Target", b.target)
		}
		req.Header.Set("Content-Type", b.contentType)
		resp, err := srv.Client().Do(req)
		require.NoError(t, err, i)
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			assert.NotContains(t, string(answer), secret, "error answer %d echoes the secret", i)
		}
	}
	// A client that stalls mid-body makes the server give up on it.
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	_, err = conn.Write([]byte("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SageMaker.CreateTrainingJob\r\n" +
		"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n" + create[:200]))
	require.NoError(t, err)
	_, _ = bufio.NewReader(conn).ReadString(0)
	conn.Close()

	// The job that was created holds the secret, as it should.
	out, err := srv.SDKClient().DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("leaky")})
	require.NoError(t, err)
	assert.Equal(t, secret, out.Environment["API_KEY"])

	assert.NotContains(t, logged.String(), secret)
}

// TestCatalogueServer is the server's part of the catalogue of bad inputs
// (docs/robustness.md, "Bad inputs"): each request and the service error it gets.
func TestCatalogueServer(t *testing.T) {
	const ct = "application/x-amz-json-1.1"
	big := `{"TrainingJobName":"` + strings.Repeat("a", trainingjobtest.DefaultMaxRequestBytes) + `"}`
	for _, tt := range []struct {
		name, method, target, contentType, body string
		status                                  int
		code, msg                               string
	}{
		{"body over the limit", "POST", "SageMaker.DescribeTrainingJob", ct, big,
			413, trainingjobtest.CodeRequestTooLarge, "the request body exceeds the limit of 1048576 bytes"},
		{"unknown operation", "POST", "SageMaker.CreateModel", ct, `{}`,
			400, trainingjobtest.CodeUnknownOperation, `operation "CreateModel" is not implemented by this fake`},
		{"missing target", "POST", "", ct, `{}`,
			400, trainingjobtest.CodeUnknownOperation, "the request has no X-Amz-Target header naming the operation"},
		{"another service's target", "POST", "DynamoDB_20120810.ListTables", ct, `{}`,
			400, trainingjobtest.CodeUnknownOperation, `X-Amz-Target "DynamoDB_20120810.ListTables" names neither a SageMaker operation`},
		{"a CloudWatch Logs operation the fake lacks", "POST", "Logs_20140328.PutLogEvents", ct, `{}`,
			400, trainingjobtest.CodeUnknownOperation, `CloudWatch Logs operation "PutLogEvents" is not implemented by this fake`},
		{"a CloudWatch Logs request that is not an object", "POST", "Logs_20140328.GetLogEvents", ct, `[1]`,
			400, trainingjobtest.CodeSerialization, "the request body is not a JSON object"},
		{"a CloudWatch Logs member of the wrong type", "POST", "Logs_20140328.GetLogEvents", ct, `{"limit":"ten"}`,
			400, trainingjobtest.CodeSerialization, "the request body does not match the operation's members"},
		{"missing content type", "POST", "SageMaker.ListTrainingJobs", "", `{}`,
			415, trainingjobtest.CodeUnsupportedMediaType, `Content-Type "" is not supported; send application/x-amz-json-1.1`},
		{"JSON 1.0 content type", "POST", "SageMaker.ListTrainingJobs", "application/x-amz-json-1.0", `{}`,
			415, trainingjobtest.CodeUnsupportedMediaType, `Content-Type "application/x-amz-json-1.0" is not supported`},
		{"GET", "GET", "SageMaker.ListTrainingJobs", ct, ``,
			405, trainingjobtest.CodeUnknownOperation, "the SageMaker JSON protocol takes POST requests, not GET"},
		{"body not an object", "POST", "SageMaker.ListTrainingJobs", ct, `[]`,
			400, trainingjobtest.CodeSerialization, "the request body is not a JSON object"},
		{"truncated body", "POST", "SageMaker.ListTrainingJobs", ct, `{"MaxResults":`,
			400, trainingjobtest.CodeSerialization, "the request body is not a JSON object"},
		{"wrong member type", "POST", "SageMaker.DescribeTrainingJob", ct, `{"TrainingJobName":1}`,
			400, trainingjobtest.CodeSerialization, "the request body does not match the operation's members"},
		{"wrong member type in a create", "POST", "SageMaker.CreateTrainingJob", ct, `{"TrainingJobName":1}`,
			400, trainingjobtest.CodeSerialization, "trainingjob: TrainingJobName: expected string, found number (at byte 19)"},
		{"timestamp of another format", "POST", "SageMaker.ListTrainingJobs", ct, `{"CreationTimeAfter":"08/03/2024"}`,
			400, trainingjobtest.CodeSerialization, `CreationTimeAfter: "08/03/2024" is not a timestamp in epoch seconds`},
		{"NaN timestamp", "POST", "SageMaker.ListTrainingJobs", ct, `{"CreationTimeAfter":"NaN"}`,
			400, trainingjobtest.CodeSerialization, `CreationTimeAfter: "NaN" is not a timestamp in epoch seconds`},
		{"negative timestamp", "POST", "SageMaker.ListTrainingJobs", ct, `{"CreationTimeAfter":-1}`,
			400, trainingjobtest.CodeSerialization, "CreationTimeAfter: -1 is not a timestamp in epoch seconds"},
		{"deeply nested body", "POST", "SageMaker.CreateTrainingJob", ct, `{"x":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`,
			400, trainingjobtest.CodeSerialization, "trainingjob: x: nested deeper than 64 levels (at byte 69)"},
		{"unknown job", "POST", "SageMaker.DescribeTrainingJob", ct, `{"TrainingJobName":"nope"}`,
			400, trainingjobtest.CodeValidationException, trainingjobtest.NotFoundMessage},
		{"invalid UTF-8 in a name", "POST", "SageMaker.DescribeTrainingJob", ct, "{\"TrainingJobName\":\"a\xffb\"}",
			400, trainingjobtest.CodeValidationException, "at 'trainingJobName' failed to satisfy constraint"},
		{"invalid UTF-8 in a create", "POST", "SageMaker.CreateTrainingJob", ct, "{\"TrainingJobName\":\"a\xffb\"}",
			400, trainingjobtest.CodeValidationException, "at 'trainingJobName' failed to satisfy constraint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := trainingjobtest.Handler(nil)
			req := httptest.NewRequest(tt.method, "/", strings.NewReader(tt.body))
			if tt.target != "" {
				req.Header.Set("X-Amz-Target", tt.target)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			checkWireAnswer(t, rec)
			assert.Equal(t, tt.status, rec.Code)
			var e struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
			assert.Equal(t, tt.code, e.Type)
			assert.Contains(t, e.Message, tt.msg)
		})
	}
}
