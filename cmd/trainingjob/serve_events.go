package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// This file sends the fake's EventBridge events out of serve: appended to
// a file as JSON Lines (--events) and POSTed to a URL (--events-url) as an
// EventBridge API destination would.

// Delivery to --events-url. EventBridge waits at most five seconds for an
// API destination to answer
// (https://repost.aws/knowledge-center/eventbridge-api-destination-target-failure)
// and by default retries for up to 24 hours and 185 times with exponential
// backoff and jitter
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html).
// A development server should not hold an event for a day, so serve keeps
// the timeout and the backoff but gives up after eventAttempts attempts,
// logs the event's id and goes on with the next event. Which answers
// EventBridge retries was not found documented in what was searched; serve
// retries what can pass (a failed connection, a timeout, 429 and any 5xx)
// and takes any other answer as final: 2xx delivered, other 4xx refused.
const (
	eventAttempts     = 5
	eventTimeout      = 5 * time.Second
	eventFirstBackoff = 100 * time.Millisecond
	eventMaxBackoff   = 2 * time.Second
	// eventBuffer is the subscription's buffer: the events that wait while
	// a slow URL is retried. Past it the oldest are dropped (and counted
	// in the log).
	eventBuffer = 4096
	// eventPoll is how often the fake is asked for due events: its jobs
	// change with the clock, not only at calls.
	eventPoll = 100 * time.Millisecond
	// eventDrain bounds how long shutting down waits for the last events.
	eventDrain = 10 * time.Second
)

// eventOutput sends the fake's events to a file, a URL, or both.
type eventOutput struct {
	file   *os.File // nil without --events
	url    string   // "" without --events-url
	client *http.Client
	log    io.Writer
	sleep  func(context.Context, time.Duration) bool

	sub      *trainingjobtest.Subscription
	done     chan struct{}
	stopOnce sync.Once
}

// checkEventsURL checks the value of --events-url.
func checkEventsURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("want an http or https URL, such as http://127.0.0.1:9000/events")
	}
	return nil
}

// openEventOutput opens --events for appending (creating it, readable by
// its owner only: events carry hyperparameter and environment values) and
// prepares --events-url. It returns nil when neither is given.
func openEventOutput(file, rawURL string, log io.Writer) (*eventOutput, error) {
	if file == "" && rawURL == "" {
		return nil, nil
	}
	o := &eventOutput{url: rawURL, log: log, client: &http.Client{Timeout: eventTimeout}, sleep: sleepCtx}
	if file != "" {
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		o.file = f
	}
	return o, nil
}

// start subscribes to the fake's events and sends them until stop.
func (o *eventOutput) start(fake *trainingjobtest.Fake) {
	o.sub = fake.Subscribe(eventBuffer, trainingjobtest.PollEvery(eventPoll))
	o.done = make(chan struct{})
	go o.run()
}

// stop sends the events due by now and those still buffered, waiting at
// most eventDrain for a slow URL, then closes the file. Calls after the
// first do nothing.
func (o *eventOutput) stop(fake *trainingjobtest.Fake) {
	o.stopOnce.Do(func() { o.stopNow(fake) })
}

func (o *eventOutput) stopNow(fake *trainingjobtest.Fake) {
	fake.EmitEvents()
	o.sub.Close()
	select {
	case <-o.done:
	case <-time.After(eventDrain):
		fmt.Fprintf(o.log, "serve: events: gave up waiting for the last events after %s\n", eventDrain)
	}
	if o.file != nil {
		if err := o.file.Close(); err != nil {
			fmt.Fprintf(o.log, "serve: events: %v\n", err)
		}
	}
}

func (o *eventOutput) run() {
	defer close(o.done)
	var dropped uint64
	for ev := range o.sub.Events() {
		if n := o.sub.Dropped(); n > dropped {
			fmt.Fprintf(o.log, "serve: events: %d events dropped: the buffer of %d was full\n", n-dropped, eventBuffer)
			dropped = n
		}
		o.send(ev.Data)
	}
}

// send writes one event to the file and the URL. The file gets one line
// per event: the event's JSON holds no newline.
func (o *eventOutput) send(data []byte) {
	if o.file != nil {
		line := append(append(make([]byte, 0, len(data)+1), data...), '\n')
		if _, err := o.file.Write(line); err != nil {
			fmt.Fprintf(o.log, "serve: events: writing %s: %v\n", o.file.Name(), err)
		}
	}
	if o.url != "" {
		if err := o.post(context.Background(), data); err != nil {
			fmt.Fprintf(o.log, "serve: events: POST %s: %v\n", o.url, err)
		}
	}
}

// post sends one event to the URL, retrying as the comment on
// eventAttempts says.
func (o *eventOutput) post(ctx context.Context, data []byte) error {
	backoff := eventFirstBackoff
	var last error
	for attempt := 1; attempt <= eventAttempts; attempt++ {
		retry, err := o.postOnce(ctx, data)
		if err == nil {
			return nil
		}
		last = err
		if !retry {
			return fmt.Errorf("event refused, not retried: %w", err)
		}
		if attempt == eventAttempts {
			break
		}
		// Full jitter: a delay between half the backoff and the backoff.
		d := backoff/2 + time.Duration(rand.Int64N(int64(backoff/2)+1))
		if !o.sleep(ctx, d) {
			return ctx.Err()
		}
		backoff = min(2*backoff, eventMaxBackoff)
	}
	return fmt.Errorf("giving up after %d attempts: %w", eventAttempts, last)
}

// postOnce makes one attempt and says whether a failure may be retried.
func (o *eventOutput) postOnce(ctx context.Context, data []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.url, bytes.NewReader(data))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := o.client.Do(req)
	if err != nil {
		return true, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("HTTP %s", strconv.Itoa(resp.StatusCode))
	}
	return false, fmt.Errorf("HTTP %s", strconv.Itoa(resp.StatusCode))
}

// sleepCtx waits d or until ctx is done, and reports whether it waited d.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// syncWriter serialises writes to a writer shared by the request log and
// the event output.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
