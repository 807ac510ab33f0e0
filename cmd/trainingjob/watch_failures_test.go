package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// cancelOnText cancels a context once what was written holds text: the
// test's Ctrl-C, pressed as soon as the watch has said something.
type cancelOnText struct {
	syncBuffer
	text   string
	once   sync.Once
	cancel context.CancelFunc
}

func (c *cancelOnText) Write(p []byte) (int, error) {
	n, err := c.syncBuffer.Write(p)
	if strings.Contains(c.String(), c.text) {
		c.once.Do(c.cancel)
	}
	return n, err
}

// closedURL returns the URL of a local port that nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	u := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	return u
}

// The first failed call is reported at once, with what is retried and
// when, long before the watch would give up: with an hour between calls,
// the notice comes within the test's few seconds.
func TestWatchReportsFirstFailureAtOnce(t *testing.T) {
	isolateAWS(t)
	endpoint := closedURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	stderr := &cancelOnText{text: "retrying in", cancel: cancel}
	var stdout syncBuffer
	start := time.Now()
	err := run(ctx, []string{"watch", "--endpoint-url", endpoint, "--no-sign-request", "--region", "us-east-1",
		"--poll", "1h", "--max-poll", "1h", "job"}, strings.NewReader(""), &stdout, stderr)
	assert.Equal(t, exitInterrupted, exitCode(err, stderr))
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Contains(t, stderr.String(), "trainingjob: watch: DescribeTrainingJob failed: dial tcp "+strings.TrimPrefix(endpoint, "http://")+
		": connect: connection refused (is anything listening at "+endpoint+"?); retrying in 1h")
	assert.Contains(t, stderr.String(), "(failure 1; the watch gives up after 6 in a row)")
}

// A watch that gives up says why in one line after its notices, and the
// SDK retries nothing itself: each failure the watch reports is one
// request.
func TestWatchRetriesAndGivesUp(t *testing.T) {
	isolateAWS(t)
	fake := trainingjobtest.NewFake()
	createJob(t, fake, "job")
	backend := trainingjobtest.NewServer(fake)
	defer backend.Close()
	target, err := url.Parse(backend.URL)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(target)

	tests := []struct {
		name     string
		failures int64
		code     int
		notices  int
		last     string
	}{
		{name: "recovers", failures: 2, code: exitOther, notices: 2},
		{name: "gives up", failures: 100, code: exitUsage, notices: 5,
			last: "trainingjob: watch: gave up: ServiceUnavailable: Please reduce your request rate.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) <= tt.failures {
					w.Header().Set("Content-Type", "application/x-amz-json-1.1")
					w.WriteHeader(http.StatusServiceUnavailable)
					_, _ = w.Write([]byte(`{"__type":"ServiceUnavailable","message":"Please reduce your request rate."}`))
					return
				}
				proxy.ServeHTTP(w, r)
			}))
			defer srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stdout, stderr syncBuffer
			args := []string{"watch", "--endpoint-url", srv.URL, "--no-sign-request", "--region", "us-east-1",
				"--poll", "1ms", "--max-poll", "2ms", "job"}
			if tt.failures < 100 {
				// The fake's clock stands still: stop once the job is seen.
				stdoutCancel := &cancelOnText{text: "Starting", cancel: cancel}
				err := run(ctx, args, strings.NewReader(""), stdoutCancel, &stderr)
				assert.Equal(t, exitInterrupted, exitCode(err, &stderr), stderr.String())
			} else {
				err := run(ctx, args, strings.NewReader(""), &stdout, &stderr)
				assert.Equal(t, tt.code, exitCode(err, &stderr), stderr.String())
				assert.True(t, strings.HasSuffix(stderr.String(), tt.last), stderr.String())
				assert.Equal(t, int64(tt.notices+1), calls.Load(), "one request per failure")
			}
			notice := "trainingjob: watch: DescribeTrainingJob failed: ServiceUnavailable: Please reduce your request rate.; retrying in "
			assert.Equal(t, tt.notices, strings.Count(stderr.String(), notice), stderr.String())
		})
	}
}

// Without credentials the watch says so in one line with the fix, and the
// SDK's own log lines stay out of the output.
func TestWatchWithoutCredentials(t *testing.T) {
	isolateAWS(t)
	r := runCLI(t, nil, "", "watch", "--region", "us-east-1", "--endpoint-url", closedURL(t), "job")
	assert.Equal(t, exitUsage, r.code)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	require.Len(t, lines, 1, r.stderr)
	assert.True(t, strings.HasPrefix(lines[0], "trainingjob: watch: no usable AWS credentials ("), lines[0])
	assert.Contains(t, lines[0], "set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	assert.Contains(t, lines[0], "pass --no-sign-request")
	assert.NotContains(t, r.stderr, "SDK ")
	assert.Empty(t, r.stdout)

	// With credentials in the environment, the watch goes on to call.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	stderr := &cancelOnText{text: "retrying in", cancel: cancel}
	err := run(ctx, []string{"watch", "--region", "us-east-1", "--endpoint-url", closedURL(t), "--poll", "1h", "--max-poll", "1h", "job"},
		strings.NewReader(""), &syncBuffer{}, stderr)
	assert.Equal(t, exitInterrupted, exitCode(err, stderr), stderr.String())
	assert.Contains(t, stderr.String(), "connection refused")
}
