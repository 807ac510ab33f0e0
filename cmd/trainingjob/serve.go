package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

const serveUsage = `Usage: trainingjob serve [OPTIONS]

Runs a fake SageMaker over HTTP for local development: the training job
operations CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs,
StopTrainingJob, UpdateTrainingJob and DeleteTrainingJob, with the service's
JSON protocol and error codes, and the jobs' logs through CloudWatch Logs'
DescribeLogStreams, GetLogEvents and FilterLogEvents. Jobs move through their phases (Starting,
Downloading, Training, Uploading, Completed) in real time, each phase
--speed times shorter than its scenario says, so every stamp the server
returns is a real instant, never ahead of the wall clock, and the reported
durations are those of the shortened phases. Requests are not authenticated;
anything that can reach the address can use it, so only loopback addresses
are allowed unless --allow-remote is given. Jobs live in memory and are gone
when the server stops (Ctrl-C or SIGTERM, which shut it down gracefully).

Point a client at it with its endpoint setting, any region, and no
signing (or any credentials):

  aws sagemaker list-training-jobs --endpoint-url http://127.0.0.1:8080 --no-sign-request --region us-east-1
  trainingjob watch --endpoint-url http://127.0.0.1:8080 --no-sign-request --region us-east-1 NAME
  aws logs filter-log-events --endpoint-url http://127.0.0.1:8080 --no-sign-request --region us-east-1 --log-group-name /aws/sagemaker/TrainingJobs

and in Go, with aws-sdk-go-v2:

  client := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) {
          o.BaseEndpoint = aws.String("http://127.0.0.1:8080")
  })

Options:

Scenarios: a job created with the tag trainingjobtest:scenario follows the
scenario its value spells, from any client, for example

  aws sagemaker create-training-job ... --tags 'Key=trainingjobtest:scenario,Value=fail=Training reason=AlgorithmError'

Words: outcome=Completed|Failed|MaxRuntimeExceeded|MaxWaitTimeExceeded,
fail=Starting|Downloading|Training|Uploading,
reason=AlgorithmError|ClientError|CapacityError|InternalServerError,
interruptions=N, restarts=N, savings=PERCENT, pending=DURATION, and
starting=, downloading=, training=, uploading=, stopping= durations (90s,
2m). A rules file matches job names instead:

  [{"name": "flaky-*", "scenario": "restarts=2"},
   {"name": "slow-*", "scenario": "pending=10m training=2h"}]

Exit status:
  0  stopped by Ctrl-C or SIGTERM
  2  usage error, or the address cannot be used
`

const defaultServeSpeed = 60

// serveOptions are serve's flags.
type serveOptions struct {
	addr, region, account       string
	allowRemote, demoJob, quiet bool
	virtualClock                bool
	scenariosFile               string
	eventsFile, eventsURL       string
	maxConns, maxInstances      int
	speed                       speedFlag
}

func (o *serveOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on, `HOST:PORT`; port 0 picks a free port")
	o.speed = defaultServeSpeed
	fs.Var(&o.speed, "speed", "make every phase `N` times shorter: at 60 a default job's 34 minutes take 34 seconds")
	fs.BoolVar(&o.virtualClock, "virtual-clock", false, "keep the phases' full length and run a virtual clock --speed "+
		"times faster than real time instead: stamps then run ahead of the wall clock")
	fs.StringVar(&o.scenariosFile, "scenarios", "", "give jobs whose names match a rule the rule's scenario "+
		"(`FILE` holds a JSON array of rules; see below)")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "allow an address that is not loopback (0.0.0.0, :8080, "+
		"a LAN address, a host name other than localhost)")
	fs.StringVar(&o.region, "region", "us-east-1", "`REGION` named in the jobs' ARNs")
	fs.StringVar(&o.account, "account", "123456789012", "account `ID` named in the jobs' ARNs")
	fs.BoolVar(&o.demoJob, "demo-job", false, "create the demo's job at start-up (see 'trainingjob demo'), "+
		"so that there is something to list")
	fs.IntVar(&o.maxConns, "max-connections", 0, "hold at most `N` client connections open at once (default 128, "+
		"or half the limit on open files when that is lower); further clients wait their turn, and idle "+
		"kept-alive connections are closed to make room")
	fs.IntVar(&o.maxInstances, "max-instances", 0, "refuse a job that would take the instances of running jobs "+
		"past `N`, with ResourceLimitExceeded as the service's quota does (default: no limit)")
	fs.StringVar(&o.eventsFile, "events", "", "append every EventBridge event the jobs' state changes produce "+
		"(\"SageMaker Training Job State Change\", one per change of either status) to `FILE`, one JSON object "+
		"per line; the file is created readable by its owner only, since events carry hyperparameters")
	fs.StringVar(&o.eventsURL, "events-url", "", "POST each event to `URL` (Content-Type application/json), as "+
		"an EventBridge API destination would: a failed connection, a timeout (5s), 429 or 5xx is retried up "+
		"to 4 times with backoff from 100ms, then the event is logged and skipped; other answers are final")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log requests to standard error; logged requests show control "+
		"characters escaped and long paths cut short")
}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve")
	var o serveOptions
	o.register(fs)
	pos, err := parseFlags(fs, args, serveUsage, stdout)
	if err != nil {
		return helpOrErr(err)
	}
	addr, region, account, allowRemote, demoJob, quiet := o.addr, o.region, o.account, o.allowRemote, o.demoJob, o.quiet
	virtualClock, scenariosFile, eventsFile, eventsURL := o.virtualClock, o.scenariosFile, o.eventsFile, o.eventsURL
	maxConns, maxInstances, speed := o.maxConns, o.maxInstances, o.speed
	if len(pos) > 0 {
		return usageErrorf("serve", "unexpected argument %q", pos[0])
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErrorf("serve", "--addr %q: want HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if !isLoopback(host) && !allowRemote {
		shown := host
		if shown == "" {
			shown = "every interface"
		}
		return usageErrorf("serve", "refusing to listen on %s (%s is not a loopback address): the fake answers "+
			"unsigned requests from anyone who can reach it; use 127.0.0.1 or localhost, or pass --allow-remote", addr, shown)
	}
	if len(account) != 12 || strings.Trim(account, "0123456789") != "" {
		return usageErrorf("serve", "--account %q: want 12 digits", account)
	}
	if region == "" {
		return usageErrorf("serve", "--region must not be empty")
	}
	if maxInstances < 0 {
		return usageErrorf("serve", "--max-instances %d: want a positive number (or 0 for no limit)", maxInstances)
	}
	if maxConns < 0 {
		return usageErrorf("serve", "--max-connections %d: want a positive number (or 0 for the default)", maxConns)
	}
	if eventsURL != "" {
		if err := checkEventsURL(eventsURL); err != nil {
			return usageErrorf("serve", "--events-url %q: %v", eventsURL, err)
		}
	}

	opts := []trainingjobtest.FakeOption{
		// A server that runs for days keeps no log of its calls: nothing
		// reads it, and it would grow with every request.
		trainingjobtest.WithCallLog(0),
		trainingjobtest.WithRegionAccount(region, account),
		trainingjobtest.WithJobScenario("resnet50-spot-demo", demoScenario()),
	}
	if maxInstances > 0 {
		opts = append(opts, trainingjobtest.WithMaxInstances(maxInstances))
	}
	if scenariosFile != "" {
		rules, err := readRules(scenariosFile)
		if err != nil {
			return usageErrorf("serve", "--scenarios: %v", err)
		}
		opts = append(opts, trainingjobtest.WithScenarioRules(rules...))
	}
	clockNote := "phases " + strconv.FormatFloat(float64(speed), 'f', -1, 64) + "× shorter, stamps in real time"
	if virtualClock {
		start := time.Now().UTC().Truncate(time.Millisecond)
		opts = append(opts, trainingjobtest.WithFakeClock(trainingjobtest.NewScaledClock(start, float64(speed))))
		clockNote = "virtual clock " + strconv.FormatFloat(float64(speed), 'f', -1, 64) + "× real time: stamps run ahead of the wall clock"
	} else {
		opts = append(opts, trainingjobtest.WithFakeClock(trainingjobtest.WallClock{}), trainingjobtest.WithTimeScale(float64(speed)))
	}

	logw := &syncWriter{w: stderr}
	events, err := openEventOutput(eventsFile, eventsURL, logw)
	if err != nil {
		return usageErrorf("serve", "--events: %v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if events != nil && events.file != nil {
			events.file.Close()
		}
		if errors.Is(err, syscall.EADDRINUSE) {
			return exitf(exitUsage, "serve: %v (another serve, or another program, has it; pick another with --addr 127.0.0.1:PORT, or --addr 127.0.0.1:0 for a free one)", err)
		}
		return exitf(exitUsage, "serve: %v", err)
	}
	fake := trainingjobtest.NewFake(opts...)
	if events != nil {
		// Subscribed before the demo job exists, so that its creation is
		// the first event.
		events.start(fake)
		defer events.stop(fake)
	}
	if demoJob {
		if _, err := fake.CreateTrainingJob(ctx, demoCreateInput("resnet50-spot-demo")); err != nil {
			ln.Close()
			return exitf(exitUsage, "serve: creating the demo job: %v", err)
		}
	}
	var handler http.Handler = trainingjobtest.Handler(fake)
	if !quiet {
		handler = logRequests(handler, logw)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: trainingjobtest.DefaultReadHeaderTimeout,
		ReadTimeout:       trainingjobtest.DefaultReadTimeout,
		WriteTimeout:      trainingjobtest.DefaultWriteTimeout,
		IdleTimeout:       trainingjobtest.DefaultIdleTimeout,
	}
	served := make(chan error, 1)
	limited := trainingjobtest.LimitConnections(srv, ln, maxConns)
	go func() { served <- srv.Serve(limited) }()

	endpoint := "http://" + net.JoinHostPort(connectHost(host), strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	fmt.Fprintf(stdout, "Fake SageMaker listening on %s (region %s, account %s; %s).\n",
		endpoint, region, account, clockNote)
	if demoJob {
		fmt.Fprintln(stdout, "Created training job resnet50-spot-demo.")
	}
	if eventsFile != "" {
		fmt.Fprintf(stdout, "Appending EventBridge events to %s, one per line.\n", eventsFile)
	}
	if eventsURL != "" {
		fmt.Fprintf(stdout, "POSTing EventBridge events to %s.\n", eventsURL)
	}
	fmt.Fprintf(stdout, "Try:\n  aws sagemaker list-training-jobs --endpoint-url %s --no-sign-request --region %s\n", endpoint, region)
	fmt.Fprintln(stdout, "Press Ctrl-C to stop.")

	select {
	case err := <-served:
		return exitf(exitUsage, "serve: %v", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if err != nil {
		srv.Close()
	}
	if serr := <-served; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return exitf(exitUsage, "serve: %v", serr)
	}
	if events != nil {
		events.stop(fake)
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

// readRules reads a --scenarios file.
func readRules(name string) ([]trainingjobtest.ScenarioRule, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return trainingjobtest.ReadScenarioRules(f)
}

// isLoopback reports whether host names only the loopback interface:
// "localhost", or a loopback IP address. An empty host (every interface)
// and other names are not.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// connectHost is the host a client on this machine uses to reach a server
// listening on host.
func connectHost(host string) string {
	if host == "" {
		return "127.0.0.1"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() != nil {
			return "127.0.0.1"
		}
		return "::1"
	}
	return host
}

// logRequests writes one line per request to w: the operation, the HTTP
// status and the time taken. What the client chose (the operation's name,
// or the method and path of a request without one) goes through logText,
// so that no request can write a line of its own or drive a terminal.
func logRequests(next http.Handler, w io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		began := time.Now()
		rec := &statusRecorder{ResponseWriter: rw, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "SageMaker.")
		if op == "" {
			op = r.Method + " " + r.URL.Path
		}
		line := fmt.Sprintf("%s %s %d %s\n", began.Format("15:04:05.000"), logText(op, maxLoggedText),
			rec.status, time.Since(began).Round(time.Microsecond))
		mu.Lock()
		defer mu.Unlock()
		_, _ = io.WriteString(w, line)
	})
}

// maxLoggedText is the most bytes of a client's text a log line shows.
const maxLoggedText = 200

// logText returns s as a log line may show it: printable characters as
// they are; a backslash, a double quote, control and other non-printable
// characters (newlines, carriage returns, escape, Unicode line
// separators and direction overrides) and bytes that are not UTF-8 as Go
// escapes (\\, \", \n, \x1b, \u2028, \xff). A text longer than limit bytes
// is cut at limit and ends with "...[N bytes]", N being its whole length.
func logText(s string, limit int) string {
	suffix := ""
	if len(s) > limit {
		suffix = fmt.Sprintf("...[%d bytes]", len(s))
		cut := limit
		// Back up to the start of a character, at most three bytes.
		for i := 0; i < utf8.UTFMax-1 && cut > 0 && !utf8.RuneStart(s[cut]); i++ {
			cut--
		}
		s = s[:cut]
	}
	q := strconv.Quote(s)
	return q[1:len(q)-1] + suffix
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
