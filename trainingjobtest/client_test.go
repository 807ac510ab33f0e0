package trainingjobtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// roundTripFunc lets a function stand for a transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// sdkLikeBody behaves like the request body aws-sdk-go-v2 hands to the
// transport: once released (the SDK closes it when the response headers
// arrive) it reads nothing, and its WriteTo, which the transport's last
// check of the body calls, reports io.EOF as an error. That WriteTo waits
// for the release, so that the race the SDK can lose happens every time.
type sdkLikeBody struct {
	r        io.Reader
	release  func()
	released chan struct{}
	closes   atomic.Int32
	readErr  error
}

func newSDKLikeBody(data string) *sdkLikeBody {
	b := &sdkLikeBody{r: strings.NewReader(data), released: make(chan struct{})}
	var once sync.Once
	b.release = func() { once.Do(func() { close(b.released) }) }
	return b
}

func (b *sdkLikeBody) Read(p []byte) (int, error) {
	if b.readErr != nil {
		return 0, b.readErr
	}
	select {
	case <-b.released:
		return 0, io.EOF
	default:
		return b.r.Read(p)
	}
}

func (b *sdkLikeBody) WriteTo(io.Writer) (int64, error) {
	<-b.released
	return 0, io.EOF
}

func (b *sdkLikeBody) Close() error { b.closes.Add(1); return nil }

// The race itself: a server answers a request with 4 MB while the caller
// releases its request body as soon as the headers arrive. Through
// BufferedClient the whole answer arrives; without it, net/http drops the
// connection in the middle.
func TestBufferedClientSurvivesTheSDKRace(t *testing.T) {
	const size = 4 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write([]byte(strings.Repeat("x", size)))
	}))
	defer srv.Close()

	const payload = `{"TrainingJobName":"resnet"}`
	body := newSDKLikeBody(payload)
	inner := trainingjobtest.BufferedClient(srv.Client()).Transport
	c := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := inner.RoundTrip(r)
		body.release() // what the SDK does once RoundTrip returns
		return resp, err
	})}
	req, err := http.NewRequest(http.MethodPost, srv.URL, body)
	require.NoError(t, err)
	req.ContentLength = int64(len(payload))
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err, "the connection was dropped while the answer was read")
	assert.Len(t, got, size)
	assert.Equal(t, int32(1), body.closes.Load(), "the caller's body is closed once")
}

// The transport underneath gets a copy of the request with the same
// context, headers and bytes, and a GetBody for its own retries; the
// caller's request is left as it was.
func TestBufferedClientSendsACopy(t *testing.T) {
	const payload = `{"TrainingJobName":"resnet"}`
	type key struct{}
	body := newSDKLikeBody(payload)
	var got []string
	c := trainingjobtest.BufferedClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body.release()
		assert.Equal(t, "v", r.Context().Value(key{}))
		assert.Equal(t, "application/x-amz-json-1.1", r.Header.Get("Content-Type"))
		assert.Equal(t, int64(len(payload)), r.ContentLength)
		for range 2 {
			data, err := io.ReadAll(r.Body)
			require.NoError(t, err)
			got = append(got, string(data))
			require.NotNil(t, r.GetBody)
			r.Body, err = r.GetBody()
			require.NoError(t, err)
		}
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})})

	ctx := context.WithValue(context.Background(), key{}, "v")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1/", body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.ContentLength = int64(len(payload))
	resp, err := c.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, []string{payload, payload}, got)
	assert.Equal(t, int32(1), body.closes.Load(), "the caller's body is closed once")
	assert.Same(t, body, req.Body, "the caller's request is not changed")
	assert.Nil(t, req.GetBody, "the caller's request is not changed")
}

// idleTransport is a transport underneath that hands each request to
// handle and counts the calls of its CloseIdleConnections.
type idleTransport struct {
	handle     func(*http.Request)
	sent       int
	idleClosed int
}

func (t *idleTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.sent++
	t.handle(r)
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
}

func (t *idleTransport) CloseIdleConnections() { t.idleClosed++ }

// Requests without a body or of unknown length go through untouched; a
// body that cannot be read or whose length is not ContentLength is an
// error, with the body closed and nothing sent; CloseIdleConnections
// reaches the transport underneath.
func TestBufferedClientEdges(t *testing.T) {
	var seen io.ReadCloser
	under := &idleTransport{handle: func(r *http.Request) { seen = r.Body }}
	c := trainingjobtest.BufferedClient(&http.Client{Transport: under})
	do := func(body io.ReadCloser, length int64) error {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/", body)
		require.NoError(t, err)
		req.ContentLength = length
		resp, err := c.Do(req)
		if err == nil {
			require.NoError(t, resp.Body.Close())
		}
		return err
	}

	require.NoError(t, do(http.NoBody, 0))
	assert.Equal(t, http.NoBody, seen)
	for _, length := range []int64{-1, 0} {
		stream := newSDKLikeBody("a stream")
		require.NoError(t, do(stream, length))
		assert.Same(t, stream, seen, "a body of unknown length (%d) goes through as it is", length)
	}
	require.Equal(t, 3, under.sent)

	broken := newSDKLikeBody("")
	broken.readErr = errors.New("disk on fire")
	assert.ErrorIs(t, do(broken, 10), broken.readErr)
	assert.Equal(t, int32(1), broken.closes.Load())

	for _, length := range []int64{3, 100} {
		wrong := newSDKLikeBody("0123456789")
		assert.ErrorContains(t, do(wrong, length), "ContentLength")
		assert.Equal(t, int32(1), wrong.closes.Load())
	}
	assert.Equal(t, 3, under.sent, "nothing is sent when the body is wrong")

	c.CloseIdleConnections()
	assert.Equal(t, 1, under.idleClosed)
}

// BufferedClient keeps the rest of the client and leaves the original
// alone.
func TestBufferedClientKeepsClient(t *testing.T) {
	under := &idleTransport{handle: func(*http.Request) {}}
	base := &http.Client{Timeout: 7 * time.Second, Transport: under}
	c := trainingjobtest.BufferedClient(base)
	assert.Equal(t, 7*time.Second, c.Timeout)
	assert.NotSame(t, base, c, "BufferedClient returns a copy")
	assert.Same(t, under, base.Transport, "the original client keeps its transport")
	resp, err := c.Post("http://127.0.0.1/", "text/plain", strings.NewReader("hello"))
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, 1, under.sent, "the original transport sends")

	assert.NotNil(t, trainingjobtest.BufferedClient(nil).Transport, "nil stands for http.DefaultClient")
}
