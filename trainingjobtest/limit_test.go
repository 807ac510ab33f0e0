package trainingjobtest_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// connCounter counts a server's open connections through its ConnState
// hook and remembers the most open at once.
type connCounter struct {
	open, peak atomic.Int64
}

func (c *connCounter) hook(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		n := c.open.Add(1)
		for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
		}
	case http.StateClosed, http.StateHijacked:
		c.open.Add(-1)
	}
}

// startLimited serves handler on a loopback port through LimitConnections
// with limit n, counting connections, until the test ends.
func startLimited(t *testing.T, handler http.Handler, n int, idle time.Duration) (url string, counter *connCounter) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	counter = &connCounter{}
	srv := &http.Server{Handler: handler, ConnState: counter.hook, IdleTimeout: idle, ReadHeaderTimeout: 5 * time.Second}
	limited := trainingjobtest.LimitConnections(srv, ln, n)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(limited)
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
	return "http://" + ln.Addr().String(), counter
}

// More clients than the limit are all served, never more than the limit
// at once, and the earlier ones keep the later ones waiting.
func TestLimitConnectionsHoldsAtMostN(t *testing.T) {
	const limit, clients = 3, 9
	release := make(chan struct{})
	var inside, peakInside atomic.Int64
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inside.Add(1)
		for p := peakInside.Load(); n > p && !peakInside.CompareAndSwap(p, n); p = peakInside.Load() {
		}
		<-release
		inside.Add(-1)
		_, _ = io.WriteString(w, "ok")
	})
	url, counter := startLimited(t, handler, limit, time.Minute)

	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A client of its own for each, so that none shares a
			// connection.
			c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
			resp, err := c.Get(url)
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			errs <- err
		}()
	}
	require.Eventually(t, func() bool { return inside.Load() == limit }, 5*time.Second, time.Millisecond)
	time.Sleep(100 * time.Millisecond) // time for a fourth to get in, were it let in
	assert.Equal(t, int64(limit), inside.Load(), "the others wait for a connection to close")
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, int64(limit), peakInside.Load())
	// net/http closes a connection before its ConnState hook reports it
	// closed, so the hook may report the connection that took the freed
	// slot as new just before it reports the old one closed: the count it
	// sees can pass the limit by one, never by more.
	assert.LessOrEqual(t, counter.peak.Load(), int64(limit+1))
}

// At the limit, a new client gets in by the closing of an idle kept-alive
// connection rather than waiting for the idle timeout.
func TestLimitConnectionsClosesIdleForNewClients(t *testing.T) {
	const limit = 2
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	url, _ := startLimited(t, handler, limit, time.Hour)

	get := func(c *http.Client) error {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		return err
	}
	// Two clients, each leaving a connection open and idle.
	for range limit {
		c := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
		require.NoError(t, get(c))
	}
	began := time.Now()
	late := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	require.NoError(t, get(late), "a new client is served although idle connections fill the limit")
	assert.Less(t, time.Since(began), 3*time.Second)
}

// slowBodies opens n connections that each send a request's header and a
// little of its body, then stall; it closes them when the test ends.
func slowBodies(t *testing.T, addr string, n int) {
	t.Helper()
	const head = "POST / HTTP/1.1\r\nHost: fake\r\nX-Amz-Target: SageMaker.DescribeTrainingJob\r\n" +
		"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{\"Train"
	conns := make([]net.Conn, 0, n)
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	for i := range n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		require.NoError(t, err, "slow connection %d", i)
		conns = append(conns, c)
		_, err = c.Write([]byte(head))
		require.NoError(t, err, "slow connection %d", i)
	}
}

// describeWithin creates nothing: it describes name through the SDK and
// returns how long the answer took, failing the test when none comes
// within limit.
func describeWithin(t *testing.T, endpoint, name string, limit time.Duration) time.Duration {
	t.Helper()
	client := sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(endpoint), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
		RetryMaxAttempts: 1, Retryer: aws.NopRetryer{},
	})
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	began := time.Now()
	out, err := client.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
	require.NoError(t, err, "a well-behaved client is served once the slow ones time out")
	assert.Equal(t, name, aws.ToString(out.TrainingJobName))
	return time.Since(began)
}

// Slow clients beyond the connection limit hold a well-behaved client off
// only until the read timeout closes them.
func TestServerSlowClientsBeyondTheLimit(t *testing.T) {
	const short = 300 * time.Millisecond
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("patient"))
	srv := trainingjobtest.NewServer(f, trainingjobtest.WithMaxConnections(4),
		trainingjobtest.WithTimeouts(trainingjobtest.Timeouts{ReadHeader: short, Read: short}))
	defer srv.Close()

	slowBodies(t, srv.Listener.Addr().String(), 10)
	took := describeWithin(t, srv.URL, "patient", 30*short)
	// Ten slow connections, four at a time, each held for the read
	// timeout: the describe waits behind them.
	assert.GreaterOrEqual(t, took, short/2, "the slow clients filled the limit")
}

// The child half of TestServerUnderOpenFileLimit: with the variable set,
// it lowers its limit on open files, serves a fake with a job named
// "survivor" with short timeouts, prints its URL and serves until its
// standard input closes.
const rlimitChildEnv = "TRAININGJOBTEST_RLIMIT_CHILD"

func TestServerUnderOpenFileLimitChild(t *testing.T) {
	limit := os.Getenv(rlimitChildEnv)
	if limit == "" {
		t.Skip("the child process of TestServerUnderOpenFileLimit")
	}
	var n uint64
	_, err := fmt.Sscan(limit, &n)
	require.NoError(t, err)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: n, Max: n}))
	f := trainingjobtest.NewFake(trainingjobtest.WithCallLog(0))
	fkCreate(t, f, fkRequest("survivor"))
	const short = 500 * time.Millisecond
	srv := trainingjobtest.NewServer(f, trainingjobtest.WithTimeouts(trainingjobtest.Timeouts{ReadHeader: short, Read: short}))
	defer srv.Close()
	fmt.Printf("URL %s\n", srv.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// A server limited to 256 open files (macOS's default) stays usable under
// 300 slow connections: with the default connection limit it never runs
// out of descriptors, and a describe is answered once the slow ones time
// out.
func TestServerUnderOpenFileLimit(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("sets RLIMIT_NOFILE in a child process")
	}
	if testing.Short() {
		t.Skip("opens 300 connections; skipped with -short")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, "-test.run", "^TestServerUnderOpenFileLimitChild$", "-test.v")
	cmd.Env = append(os.Environ(), rlimitChildEnv+"=256")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	defer func() {
		stdin.Close()
		_ = cmd.Wait()
		// The server logs accept errors to standard error; running out
		// of descriptors would show there.
		assert.NotContains(t, stderr.String(), "too many open files")
	}()
	sc := bufio.NewScanner(stdout)
	var url string
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "URL "); ok {
			url = u
			break
		}
	}
	require.NotEmpty(t, url, "the child printed no URL; stderr: %s", stderr.String())
	go func() { _, _ = io.Copy(io.Discard, stdout) }()

	slowBodies(t, strings.TrimPrefix(url, "http://"), 300)
	describeWithin(t, url, "survivor", 15*time.Second)
}
