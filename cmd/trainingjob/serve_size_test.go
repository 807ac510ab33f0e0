package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogText(t *testing.T) {
	long := strings.Repeat("a", 1000)
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "DescribeTrainingJob", "DescribeTrainingJob"},
		{"path", "POST /a/b-c_d.e", "POST /a/b-c_d.e"},
		{"newline", "GET /x\n12:00:00.000 CreateTrainingJob 200 1ms", `GET /x\n12:00:00.000 CreateTrainingJob 200 1ms`},
		{"carriage return", "GET /x\rforged", `GET /x\rforged`},
		{"terminal escape", "GET /\x1b[2J\x1b[31mred", `GET /\x1b[2J\x1b[31mred`},
		{"NUL and DEL", "a\x00b\x7fc", `a\x00b\x7fc`},
		{"not UTF-8", "GET /\xff\xfe", `GET /\xff\xfe`},
		{"line separator", "a\u2028b\u2029c\u0085d", `a\u2028b\u2029c\u0085d`},
		{"direction override", "a\u202eb", `a\u202eb`},
		{"backslash and quote, so that escapes are not forged", `a\nb"c`, `a\\nb\"c`},
		{"printable Unicode stays", "GET /café/日本", "GET /café/日本"},
		{"long", long, strings.Repeat("a", 200) + "...[1000 bytes]"},
		{"long, cut before a character", strings.Repeat("a", 199) + "é" + long, strings.Repeat("a", 199) + "...[1201 bytes]"},
		{"exactly the limit", long[:200], long[:200]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := logText(tt.in, maxLoggedText)
			assert.Equal(t, tt.want, got)
			assert.NotContains(t, got, "\n")
			assert.LessOrEqual(t, len(got), 4*maxLoggedText+len("...[99999999 bytes]"))
		})
	}
}

// rawRequest sends request on a new connection to addr and reads the
// answer until the server closes it.
func rawRequest(t *testing.T, addr, request string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = io.WriteString(conn, request)
	require.NoError(t, err)
	answer, _ := io.ReadAll(conn)
	return string(answer)
}

var logLine = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3} \S.* \d{3} \S+$`)

// A request cannot add a line to serve's log, nor drive the terminal that
// shows it, nor make one line huge.
func TestServeLogCannotBeForged(t *testing.T) {
	endpoint, stop := startServe(t, "--addr", "127.0.0.1:0")
	addr := strings.TrimPrefix(endpoint, "http://")
	const forged = "12:00:00.000 CreateTrainingJob 200 1ms"
	longPath := "/" + strings.Repeat("p", 5000)
	requests := []struct{ name, line, header, want string }{
		{"%0a", "GET /x%0a" + strings.ReplaceAll(forged, " ", "%20") + " HTTP/1.1", "", `GET /x\n12:00:00.000 CreateTrainingJob 200 1ms 405`},
		{"%0d", "GET /x%0d" + strings.ReplaceAll(forged, " ", "%20") + " HTTP/1.1", "", `GET /x\r12:00:00.000`},
		{"%1b", "GET /%1b[2J HTTP/1.1", "", `GET /\x1b[2J 405`},
		{"raw bytes", "GET /\xff\xfe\x80 HTTP/1.1", "", `GET /\xff\xfe\x80 405`},
		{"long path", "GET " + longPath + " HTTP/1.1", "", "GET /" + strings.Repeat("p", 195) + "...[5005 bytes] 405"},
		{"target header", "POST / HTTP/1.1", "X-Amz-Target: SageMaker.\xffNo\tpe\r\n", `\xffNo\tpe 400`},
	}
	for _, r := range requests {
		answer := rawRequest(t, addr, r.line+"\r\nHost: fake\r\nConnection: close\r\n"+r.header+"Content-Length: 0\r\n\r\n")
		require.Contains(t, answer, "HTTP/1.1 4", "%s: the server answered the request: %q", r.name, answer)
	}
	res := stop()
	require.Equal(t, exitOK, res.code, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
	require.Len(t, lines, len(requests), "one line per request:\n%s", res.stderr)
	for i, l := range lines {
		assert.Regexp(t, logLine, l)
		assert.Contains(t, l, requests[i].want, requests[i].name)
		assert.NotRegexp(t, `[\x00-\x1f\x7f]`, l, "no control characters")
		assert.Less(t, len(l), 300, requests[i].name)
	}
}

func TestServeMaxConnectionsFlag(t *testing.T) {
	for _, v := range []string{"-1", "x", ""} {
		r := runCLI(t, nil, "", "serve", "--max-connections", v)
		assert.Equal(t, exitUsage, r.code, v)
		assert.Contains(t, r.stderr, "max-connections", v)
	}

	// With two connections allowed, two stalled clients keep a third
	// waiting until one of them goes.
	endpoint, stop := startServe(t, "--addr", "127.0.0.1:0", "--quiet", "--max-connections", "2")
	defer stop()
	addr := strings.TrimPrefix(endpoint, "http://")
	var stalled []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer c.Close()
		_, err = fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: fake\r\nX-Amz-Target: SageMaker.ListTrainingJobs\r\n"+
			"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{")
		require.NoError(t, err)
		stalled = append(stalled, c)
	}
	client := sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(endpoint), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
		RetryMaxAttempts: 1, Retryer: aws.NopRetryer{},
	})
	list := func(timeout time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		_, err := client.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{})
		return err
	}
	assert.Error(t, list(300*time.Millisecond), "a third connection waits while two are held")
	stalled[0].Close()
	assert.NoError(t, list(5*time.Second), "and is served when one of them goes")
}
