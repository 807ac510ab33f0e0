package trainingjobtest_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// roundTripFunc lets a function stand for the transport underneath.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// closeTracker is a request body that records its Close and, like the
// body aws-sdk-go-v2 hands to the transport, reads nothing once closed.
type closeTracker struct {
	r      io.Reader
	closed bool
}

func (c *closeTracker) Read(p []byte) (int, error) {
	if c.closed {
		return 0, io.EOF
	}
	return c.r.Read(p)
}

func (c *closeTracker) Close() error { c.closed = true; return nil }

// The transport underneath gets the whole body even when the caller closes
// its own body before the transport has read it, as the SDK does once the
// response headers arrive.
func TestBufferedClientBodySurvivesCallerClose(t *testing.T) {
	const payload = `{"TrainingJobName":"resnet"}`
	body := &closeTracker{r: strings.NewReader(payload)}
	var got []string
	c := trainingjobtest.BufferedClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body.closed = true // the caller lets go of its body early
		for range 2 {
			data, err := io.ReadAll(r.Body)
			require.NoError(t, err)
			got = append(got, string(data))
			require.NotNil(t, r.GetBody, "a retry or redirect can have the body again")
			r.Body, err = r.GetBody()
			require.NoError(t, err)
		}
		assert.Equal(t, int64(len(payload)), r.ContentLength)
		assert.Equal(t, "application/x-amz-json-1.1", r.Header.Get("Content-Type"))
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})})

	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/", body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := c.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, []string{payload, payload}, got)
	assert.True(t, body.closed)
	assert.Same(t, body, req.Body, "the caller's request is not changed")
	assert.Zero(t, req.ContentLength, "the caller's request is not changed")
}

// idleTransport is a transport underneath that counts the calls of its
// CloseIdleConnections.
type idleTransport struct {
	roundTripFunc
	idleClosed int
}

func (t *idleTransport) CloseIdleConnections() { t.idleClosed++ }

// A request without a body goes through as it is; an error reading the
// body is returned before anything is sent; CloseIdleConnections reaches
// the transport underneath.
func TestBufferedClientEdges(t *testing.T) {
	sent := 0
	under := &idleTransport{roundTripFunc: func(r *http.Request) (*http.Response, error) {
		sent++
		assert.Nil(t, r.Body)
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
	}}
	c := trainingjobtest.BufferedClient(&http.Client{Transport: under})
	resp, err := c.Get("http://127.0.0.1/")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	broken := errors.New("disk on fire")
	_, err = c.Post("http://127.0.0.1/", "text/plain", io.MultiReader(strings.NewReader("x"), errReader{broken}))
	assert.ErrorIs(t, err, broken)
	assert.Equal(t, 1, sent, "nothing is sent when the body cannot be read")

	c.CloseIdleConnections()
	assert.Equal(t, 1, under.idleClosed)
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// BufferedClient keeps the rest of the client, leaves the original alone
// and talks to a real server.
func TestBufferedClientKeepsClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		_, _ = w.Write([]byte(strings.ToUpper(string(data))))
	}))
	defer srv.Close()
	base := srv.Client()
	base.Timeout = 7 * time.Second
	transport := base.Transport
	c := trainingjobtest.BufferedClient(base)
	assert.Equal(t, 7*time.Second, c.Timeout)
	assert.NotSame(t, base, c, "BufferedClient returns a copy")
	assert.Same(t, transport, base.Transport, "the original client keeps its transport")

	resp, err := c.Post(srv.URL, "text/plain", strings.NewReader("hello"))
	require.NoError(t, err)
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, "HELLO", string(data))

	assert.NotNil(t, trainingjobtest.BufferedClient(nil).Transport, "nil stands for http.DefaultClient")
}
