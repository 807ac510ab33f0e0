package trainingjobtest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// BufferedClient returns a copy of c whose transport reads the body of each
// request of known length into memory before sending it. Give it to an
// aws-sdk-go-v2 client that talks to a local server, as SDKClient does.
//
// It works around a race between the SDK and net/http that shows under
// load, most often with large responses. The SDK closes the request body it
// handed to the transport as soon as the response headers arrive. net/http
// sends such a body straight to the socket and then reads it once more to
// make sure nothing is left; when the close comes first, that last read
// fails (the SDK's closed body reports io.EOF as an error from WriteTo), and
// the transport drops the connection under the SDK while it is still
// reading the response. The call then fails with "use of closed network
// connection" or "transport connection broken: EOF"; aws/aws-sdk-go-v2
// issues 1825 and 2737 show the same error against AWS. A body copied into
// memory is not touched by the SDK's close and ends cleanly.
//
// Bodies of unknown length (ContentLength -1 or 0, such as the SDK's event
// streams) are passed on as they are, since reading them first could wait
// forever. A body whose length differs from ContentLength is an error, as
// it is for net/http. A nil c stands for http.DefaultClient.
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
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength <= 0 {
		return t.next.RoundTrip(req)
	}
	data, err := io.ReadAll(io.LimitReader(req.Body, req.ContentLength+1))
	closeErr := req.Body.Close()
	switch {
	case err != nil:
		return nil, err
	case closeErr != nil:
		return nil, closeErr
	case int64(len(data)) != req.ContentLength:
		return nil, fmt.Errorf("trainingjobtest: request body is not %d bytes long as ContentLength says", req.ContentLength)
	}
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(data))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return t.next.RoundTrip(out)
}

// CloseIdleConnections closes the idle connections of the transport
// underneath, so that http.Client.CloseIdleConnections reaches them.
func (t bufferedTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
