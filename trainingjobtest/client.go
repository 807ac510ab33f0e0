package trainingjobtest

import (
	"bytes"
	"io"
	"net/http"
)

// BufferedClient returns a copy of c whose transport reads each request's
// body into memory before sending it. Give it to an aws-sdk-go-v2 client
// that talks to a local server, as SDKClient does.
//
// It works around a race between the SDK and net/http that shows under
// load, most often with large responses. The SDK closes the request body
// it handed to the transport as soon as the response headers arrive. When
// the transport has sent the body but not yet made its final read of it,
// that read then fails, the transport drops the connection, and the SDK,
// still reading the response body, reports "use of closed network
// connection" (aws/aws-sdk-go-v2 issues 1825 and 2737 show the same error
// against AWS). The transport writes a body held in memory in one go and
// the SDK never closes it.
//
// A nil c stands for http.DefaultClient.
func BufferedClient(c *http.Client) *http.Client {
	if c == nil {
		c = http.DefaultClient
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	out := *c
	out.Transport = bufferedTransport{next: next}
	return &out
}

// bufferedTransport is the RoundTripper of BufferedClient.
type bufferedTransport struct {
	next http.RoundTripper
}

// RoundTrip sends a copy of req whose body is the original's bytes.
func (t bufferedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return t.next.RoundTrip(req)
	}
	data, err := io.ReadAll(req.Body)
	closeErr := req.Body.Close()
	if err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(data))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	out.ContentLength = int64(len(data))
	return t.next.RoundTrip(out)
}

// CloseIdleConnections closes the idle connections of the transport
// underneath, so that http.Client.CloseIdleConnections and
// httptest.Server.Close reach them.
func (t bufferedTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
