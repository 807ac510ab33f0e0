package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
)

// eventSink is a test HTTP endpoint that records the events POSTed to it;
// the first failures requests are answered with status.
type eventSink struct {
	mu       sync.Mutex
	bodies   [][]byte
	types    []string
	calls    atomic.Int32
	failures int32
	status   int
}

func (s *eventSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.calls.Add(1)
	body, _ := io.ReadAll(r.Body)
	if n <= s.failures {
		w.WriteHeader(s.status)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, body)
	s.types = append(s.types, r.Method+" "+r.Header.Get("Content-Type"))
	w.WriteHeader(http.StatusNoContent)
}

func (s *eventSink) got() ([][]byte, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.bodies...), append([]string(nil), s.types...)
}

func statuses(t *testing.T, events [][]byte) []string {
	t.Helper()
	var out []string
	for _, e := range events {
		doc, err := trainingjob.ReadDocument(e)
		require.NoError(t, err, "%s", e)
		require.Equal(t, trainingjob.FormEvent, doc.Form)
		assert.NoError(t, doc.Job.Validate())
		out = append(out, string(doc.Job.TrainingJobStatus)+"/"+string(doc.Job.SecondaryStatus))
	}
	return out
}

// The demo job's life as events, in a JSON Lines file and POSTed to a
// URL, the URL's first answers being errors that are retried.
func TestServeEvents(t *testing.T) {
	sink := &eventSink{failures: 2, status: http.StatusServiceUnavailable}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	file := filepath.Join(t.TempDir(), "events.jsonl")
	require.NoError(t, os.WriteFile(file, []byte("{\"earlier\":true}\n"), 0o600))

	_, stop := startServe(t, "--addr", "127.0.0.1:0", "--quiet", "--speed", "100000", "--demo-job",
		"--events", file, "--events-url", hook.URL+"/hook")
	want := []string{"InProgress/Starting", "InProgress/Pending", "InProgress/Downloading", "InProgress/Training", "InProgress/Interrupted",
		"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Uploading", "Completed/Completed"}
	require.Eventually(t, func() bool {
		bodies, _ := sink.got()
		return len(bodies) == len(want)
	}, 20*time.Second, 10*time.Millisecond, "the demo job's events reach the URL")
	res := stop()
	assert.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Appending EventBridge events to "+file)
	assert.Contains(t, res.stdout, "POSTing EventBridge events to "+hook.URL+"/hook")
	assert.NotContains(t, res.stderr, "giving up", "two failures are retried")

	bodies, types := sink.got()
	assert.Equal(t, want, statuses(t, bodies))
	for _, ty := range types {
		assert.Equal(t, "POST application/json", ty)
	}
	assert.Equal(t, int32(len(want)+2), sink.calls.Load())

	data, err := os.ReadFile(file)
	require.NoError(t, err)
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	require.NoError(t, sc.Err())
	require.Len(t, lines, len(want)+1, "appended after the line already there")
	assert.Equal(t, `{"earlier":true}`, string(lines[0]))
	assert.Equal(t, bodies, lines[1:], "the file and the URL get the same events")
}

// A URL that keeps failing is given up on after a bounded number of
// attempts, logged, and serve goes on; a refusal (4xx) is not retried.
func TestServeEventsURLFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		attempts int32
		log      string
	}{
		{"5xx retried", http.StatusInternalServerError, eventAttempts, "giving up after 5 attempts: HTTP 500"},
		{"429 retried", http.StatusTooManyRequests, eventAttempts, "giving up after 5 attempts: HTTP 429"},
		{"4xx final", http.StatusBadRequest, 1, "event refused, not retried: HTTP 400"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := &eventSink{failures: 1 << 30, status: tc.status}
			hook := httptest.NewServer(sink)
			defer hook.Close()
			var log bytes.Buffer
			o, err := openEventOutput("", hook.URL, &syncWriter{w: &log})
			require.NoError(t, err)
			var slept []time.Duration
			o.sleep = func(_ context.Context, d time.Duration) bool { slept = append(slept, d); return true }
			o.send([]byte(`{"id":"x"}`))
			assert.Equal(t, tc.attempts, sink.calls.Load())
			assert.Contains(t, log.String(), "serve: events: POST "+hook.URL+": "+tc.log)
			require.Len(t, slept, int(tc.attempts-1))
			for i, d := range slept {
				hi := min(eventFirstBackoff<<i, eventMaxBackoff)
				assert.GreaterOrEqual(t, d, hi/2, "backoff %d", i)
				assert.LessOrEqual(t, d, hi, "backoff %d", i)
			}
		})
	}

	// An address where nothing listens: connection errors are retried.
	ln := httptest.NewServer(http.NotFoundHandler())
	dead := ln.URL
	ln.Close()
	var log bytes.Buffer
	o, err := openEventOutput("", dead, &syncWriter{w: &log})
	require.NoError(t, err)
	o.sleep = func(context.Context, time.Duration) bool { return true }
	o.send([]byte(`{}`))
	assert.Contains(t, log.String(), "giving up after 5 attempts")
}

func TestServeEventsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--events-url", "ftp://example.com/x"},
		{"serve", "--events-url", "not a url"},
		{"serve", "--events", filepath.Join(t.TempDir(), "missing-dir", "events.jsonl")},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.True(t, strings.Contains(r.stderr, "--events"), r.stderr)
	}
	r := runCLI(t, nil, "", "serve", "--help")
	assert.Contains(t, r.stdout, "--events FILE")
	assert.Contains(t, r.stdout, "--events-url URL")
}
