package trainingjobtest

import (
	"fmt"
	"hash/fnv"
	"path"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// LogGroupName is the CloudWatch Logs group SageMaker writes training jobs'
// output to, and the only group the fake has. It exists once a job of the
// fake has written its first line.
const LogGroupName = "/aws/sagemaker/TrainingJobs"

// The fake's logs are a pure function of a job's scenario and request: every
// instance writes one stream per start of its container, named
// "<job>/algo-<n>-<epoch seconds>" as the service names them (the form the
// SageMaker Python SDK's log reader expects: sagemaker/logs.py, and the
// streams quoted in https://github.com/aws/sagemaker-python-sdk/issues/1001).
// A container starts when the job enters Training (data and image are
// downloaded before, by the platform, and write nothing to the instance's
// stream); it runs through Updating, and ends at the next other phase. A
// spot interruption or a retry (Restarting) ends it, and the next Training
// opens new streams with a new epoch suffix.

// logEvent is one line of a stream; times in epoch milliseconds.
type logEvent struct {
	ts, ingest int64
	msg        string
}

// logStream is one instance's stream for one start of the container.
type logStream struct {
	name   string
	events []logEvent // in timestamp (and ingestion) order
}

// visible returns how many of the stream's events are ingested at now
// (epoch ms). Ingestion times never decrease along a stream, so the
// visible events are a prefix.
func (s *logStream) visible(now int64) int {
	return sort.Search(len(s.events), func(i int) bool { return s.events[i].ingest > now })
}

// jobLogs is everything a job writes, for the scenario it has now.
type jobLogs struct {
	key     logKey
	streams []logStream // sorted by name
	metrics []types.MetricData
}

// logKey is what changes a job's logs after its creation: a stop request
// and updates. A cached jobLogs whose key differs is rebuilt.
type logKey struct {
	stop    time.Time
	updates int
}

// logs returns the job's logs, building them when the scenario changed
// since the last call. It is called with f.mu held.
func (j *fakeJob) logs() *jobLogs {
	key := logKey{j.scenario.StopRequested, len(j.scenario.Updates)}
	if j.logCache == nil || j.logCache.key != key {
		j.logCache = buildLogs(j.scenario, &j.req)
		j.logCache.key = key
	}
	return j.logCache
}

// containerRun is one start of the job's containers: from the first moment
// of a Training phase to the end of the last Training (or Updating) phase
// that follows it without another phase between; next is the phase that
// ends it.
type containerRun struct {
	start, end time.Time
	next       trainingjob.SecondaryStatus
}

func containerRuns(spans []span) []containerRun {
	var runs []containerRun
	open := false
	for _, g := range spans {
		switch g.Status {
		case trainingjob.SecondaryStatusTraining:
			if !open {
				runs = append(runs, containerRun{start: g.start})
				open = true
			}
			runs[len(runs)-1].end = g.end
		case trainingjob.SecondaryStatusUpdating:
			if open {
				runs[len(runs)-1].end = g.end
			}
		default:
			if open {
				runs[len(runs)-1].next = g.Status
				open = false
			}
		}
	}
	return runs
}

// metricDef is a metric definition the fake's instances print lines for.
type metricDef struct {
	name  string
	regex string
	re    *regexp.Regexp // nil when Go cannot compile the expression
}

// defaultMetric is what a job without MetricDefinitions reports, as a
// built-in algorithm reports its own metrics: train:loss, whose last value
// is the 0.042 that Scenario.JobAt gives a completed job.
var defaultMetric = metricDef{name: "train:loss", regex: `train:loss=([0-9.]+)`}

func metricDefs(req *trainingjob.TrainingJob) []metricDef {
	var defs []metricDef
	if a := req.AlgorithmSpecification; a != nil {
		for _, d := range a.MetricDefinitions {
			defs = append(defs, metricDef{name: aws.ToString(d.Name), regex: aws.ToString(d.Regex)})
		}
	}
	if len(defs) == 0 {
		defs = []metricDef{defaultMetric}
	}
	for i := range defs {
		defs[i].re, _ = regexp.Compile(defs[i].regex)
	}
	return defs
}

// finalValue is the value definition i of n ends at: a loss-like metric
// falls to it, a score-like one (accuracy, AUC, F1, precision, recall,
// top-k, IoU, BLEU, by its name or expression) rises to it.
func finalValue(d metricDef, i int) (float64, bool) {
	if d.name == defaultMetric.name && d.regex == defaultMetric.regex {
		return 0.042, false
	}
	lower := strings.ToLower(d.name + " " + d.regex)
	for _, w := range []string{"acc", "auc", "f1", "precision", "recall", "score", "map", "top", "iou", "bleu"} {
		if strings.Contains(lower, w) {
			return 0.93 - 0.01*float64(i%10), true
		}
	}
	return 0.042 * float64(i%10+1), false
}

// epochValue is the metric's value after epoch e of n.
func epochValue(final float64, rising bool, e, n int) float64 {
	left := float64(n-e) / float64(n)
	if rising {
		return final * (1 - 0.5*left)
	}
	return final * (1 + 4*left)
}

// buildLogs writes the job's streams, in the form of a framework
// container's output: the two bash lines and the training toolkit's
// "YYYY-MM-DD hh:mm:ss,mmm sagemaker-training-toolkit INFO     ..." lines
// as quoted from a real job in
// https://github.com/huggingface/notebooks/issues/136, and the toolkit's
// closing "Reporting training SUCCESS" or "FAILURE" line (sagemaker_training
// trainer.py). Times are laid out as fractions of
// each container run, so a scaled scenario's short runs hold the same
// lines; each instance's lines are shifted by a few milliseconds of its
// own, so that the streams of a multi-instance job interleave.
func buildLogs(s Scenario, req *trainingjob.TrainingJob) *jobLogs {
	spans := s.timeline()
	runs := containerRuns(spans)
	out := &jobLogs{}
	if len(runs) == 0 {
		return out
	}
	defs := metricDefs(req)
	instances := int(s.instanceCount())
	var trained time.Duration
	for _, r := range runs {
		trained += r.end.Sub(r.start)
	}
	epochs := int(trained / time.Minute)
	epochs = max(3, min(epochs, 50))
	channels := channelLines(req)
	failed := spans[len(spans)-1].Status == trainingjob.SecondaryStatusFailed
	done := 0 // epochs finished before the current run
	var cum time.Duration
	var prevSuffix int64
	for k, r := range runs {
		last := k == len(runs)-1
		length := r.end.Sub(r.start)
		// The epochs this run finishes: those whose end, as a share of
		// all training, falls within it.
		first := done
		cum += length
		upTo := int(int64(epochs) * int64(cum) / int64(max(trained, 1)))
		if last && r.next != trainingjob.SecondaryStatusStopping && r.next != trainingjob.SecondaryStatusInterrupted &&
			r.next != trainingjob.SecondaryStatusRestarting {
			upTo = epochs
		}
		suffix := r.start.Unix()
		if suffix <= prevSuffix {
			suffix = prevSuffix + 1 // two starts within a second still get two names
		}
		prevSuffix = suffix
		for n := 1; n <= instances; n++ {
			// A shift of up to 900 ms, less in a run too short for it (a
			// scaled scenario's).
			w := runWriter{run: r, jitter: jitterMs(s.Name, n, k) % max(min(900, length.Milliseconds()/50), 1), length: length}
			host := "algo-" + strconv.Itoa(n)
			w.line(0.000, "bash: cannot set terminal process group (-1): Inappropriate ioctl for device")
			w.line(0.001, "bash: no job control in this shell")
			w.toolkit(0.004, "INFO", "Imported framework sagemaker_pytorch_container.training")
			w.toolkit(0.006, "INFO", fmt.Sprintf("Host %s of %d: hosts %s", host, instances, hostList(instances)))
			for i, c := range channels {
				w.toolkit(0.008+0.001*float64(i), "INFO", c)
			}
			if first > 0 {
				w.toolkit(0.012, "INFO", fmt.Sprintf("Resuming from checkpoint /opt/ml/checkpoints/checkpoint-epoch-%d.pt (epoch %d of %d)", first, first, epochs))
			}
			w.toolkit(0.014, "INFO", "Invoking user script")
			w.line(0.015, "Training Env: current_host="+host+", num_gpus=0, module_name=train")
			for e := first + 1; e <= upTo; e++ {
				at := 0.02 + 0.93*float64(e-first)/float64(max(upTo-first, 1))
				if n == 1 {
					// Rank 0 reports the metrics, one line per definition.
					for i, d := range defs {
						final, rising := finalValue(d, i)
						if text, ok := metricLine(d, epochValue(final, rising, e, epochs)); ok {
							w.line(at, text)
						}
					}
				}
				w.line(at, fmt.Sprintf("epoch %d/%d done", e, epochs))
			}
			switch {
			case r.next == trainingjob.SecondaryStatusInterrupted:
				w.line(0.97, "Spot interruption notice: the instance is being reclaimed; checkpoint saved at epoch "+strconv.Itoa(upTo))
			case r.next == trainingjob.SecondaryStatusStopping:
				w.line(0.97, "Received SIGTERM: stopping after epoch "+strconv.Itoa(upTo))
			case last && failed:
				if n == 1 {
					w.traceback(s.failureReason())
				} else {
					w.toolkit(0.96, "ERROR", "Reporting training FAILURE: another host failed")
				}
			case last:
				w.toolkit(0.98, "INFO", "Reporting training SUCCESS")
			}
			out.streams = append(out.streams, logStream{
				name:   s.Name + "/" + host + "-" + strconv.FormatInt(suffix, 10),
				events: w.events,
			})
		}
		done = upTo
	}
	sort.Slice(out.streams, func(a, b int) bool { return out.streams[a].name < out.streams[b].name })
	out.metrics = finalMetrics(out.streams, defs)
	return out
}

// finalMetrics applies each definition's expression to every line, in
// timestamp order, as the service does, and keeps the last value each one
// captured: so a job's FinalMetricDataList is what its logs say.
func finalMetrics(streams []logStream, defs []metricDef) []types.MetricData {
	type hit struct {
		ts    int64
		value float64
	}
	var metrics []types.MetricData
	for _, d := range defs {
		if d.re == nil || d.re.NumSubexp() < 1 {
			continue
		}
		var best *hit
		for _, st := range streams {
			for _, ev := range st.events {
				m := d.re.FindStringSubmatch(ev.msg)
				if m == nil {
					continue
				}
				v, err := strconv.ParseFloat(m[1], 32)
				if err != nil {
					continue
				}
				if best == nil || ev.ts >= best.ts {
					best = &hit{ev.ts, v}
				}
			}
		}
		if best != nil {
			metrics = append(metrics, types.MetricData{MetricName: aws.String(d.name), Value: aws.Float32(float32(best.value))})
		}
	}
	return metrics
}

// How an instance's lines reach CloudWatch Logs: a batch every
// flushEvery, readable ingestLag after it is sent (milliseconds).
const (
	flushEvery = 2000
	ingestLag  = 300
)

// runWriter lays one instance's lines out over a container run.
type runWriter struct {
	run    containerRun
	length time.Duration
	jitter int64
	events []logEvent
}

// line adds msg at the share at of the run (0 to 1).
func (w *runWriter) line(at float64, msg string) {
	startMs := w.run.start.UnixMilli()
	endMs := w.run.end.UnixMilli()
	// A line is written before the run ends: at its end the next phase
	// has begun.
	ts := min(startMs+int64(at*float64(w.length.Milliseconds()))+w.jitter, endMs-1)
	if n := len(w.events); n > 0 && ts < w.events[n-1].ts {
		ts = w.events[n-1].ts
	}
	// The instance's log agent sends its lines in batches, every
	// flushEvery from an offset of its own, and CloudWatch Logs makes a
	// batch readable a moment later: so a line becomes readable up to a
	// few seconds after it is written, and lines from two instances can
	// become readable in another order than they were written. Never
	// after the run ends, so a finished job's logs are whole.
	flush := ts - w.jitter
	flush += flushEvery - ((flush%flushEvery)+flushEvery)%flushEvery
	ingest := min(flush+w.jitter+ingestLag, max(endMs, ts))
	if n := len(w.events); n > 0 && ingest < w.events[n-1].ingest {
		ingest = w.events[n-1].ingest
	}
	w.events = append(w.events, logEvent{ts: ts, ingest: ingest, msg: msg})
}

// toolkit adds a line in the form of the SageMaker training toolkit's
// logger, stamped with the line's own time.
func (w *runWriter) toolkit(at float64, level, msg string) {
	w.line(at, "")
	ev := &w.events[len(w.events)-1]
	t := time.UnixMilli(ev.ts).UTC()
	ev.msg = fmt.Sprintf("%s,%03d sagemaker-training-toolkit %-8s %s", t.Format("2006-01-02 15:04:05"), t.Nanosecond()/1e6, level, msg)
}

// traceback adds a Python traceback whose last line is the job's failure
// reason, one line per line of the reason.
func (w *runWriter) traceback(reason string) {
	lines := []string{
		"Traceback (most recent call last):",
		`  File "/opt/ml/code/train.py", line 87, in <module>`,
		"    main()",
		`  File "/opt/ml/code/train.py", line 64, in main`,
		"    loss = model.training_step(batch)",
	}
	lines = append(lines, strings.Split(reason, "\n")...)
	for i, l := range lines {
		w.line(0.96+0.001*float64(i), l)
	}
}

// jitterMs is instance n's shift, in milliseconds, for start k: stable for
// a job, different across instances.
func jitterMs(job string, n, k int) int64 {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d/%d", job, n, k)
	return int64(h.Sum32() % 900)
}

func hostList(n int) string {
	hosts := make([]string, 0, min(n, 4))
	for i := 1; i <= n && i <= 3; i++ {
		hosts = append(hosts, "algo-"+strconv.Itoa(i))
	}
	if n > 3 {
		hosts = append(hosts, "...", "algo-"+strconv.Itoa(n))
	}
	return "[" + strings.Join(hosts, ", ") + "]"
}

// channelLines tells of the data each input channel brought to the
// instance, in the request's order; a request without channels has the
// one a built-in algorithm's example would.
func channelLines(req *trainingjob.TrainingJob) []string {
	var out []string
	for _, c := range req.InputDataConfig {
		name := aws.ToString(c.ChannelName)
		src := ""
		if c.DataSource != nil && c.DataSource.S3DataSource != nil {
			src = " (from " + aws.ToString(c.DataSource.S3DataSource.S3Uri) + ")"
		}
		out = append(out, "Input data channel "+name+": "+path.Join("/opt/ml/input/data", name)+src)
	}
	if len(out) == 0 {
		out = append(out, "Input data channel training: /opt/ml/input/data/training")
	}
	return out
}

// metricLine returns a line the definition's expression matches with its
// first group capturing value, written in a form the group accepts (a
// decimal, an integer or an exponent). ok is false when no such line was
// found: then the job writes none, and the metric is missing from its
// final metrics, as it would be from a real job whose lines never match.
func metricLine(d metricDef, value float64) (string, bool) {
	if d.re == nil {
		return "", false
	}
	re, err := syntax.Parse(d.regex, syntax.Perl)
	if err != nil {
		return "", false
	}
	group := findCapture(re, 1)
	if group == nil {
		return "", false
	}
	groupRe, err := regexp.Compile(`^(?:` + group.String() + `)$`)
	if err != nil {
		return "", false
	}
	for _, text := range []string{
		strconv.FormatFloat(value, 'f', 4, 64),
		strconv.FormatInt(int64(value*1000+0.5), 10),
		strconv.FormatFloat(value, 'e', 4, 64),
	} {
		if !groupRe.MatchString(text) {
			continue
		}
		var b strings.Builder
		if !sample(&b, re, text, 0) {
			continue
		}
		line := b.String()
		if m := d.re.FindStringSubmatch(line); m != nil && m[1] == text && !strings.ContainsAny(line, "\n\r") {
			return line, true
		}
	}
	return "", false
}

func findCapture(re *syntax.Regexp, n int) *syntax.Regexp {
	if re.Op == syntax.OpCapture && re.Cap == n {
		return re.Sub[0]
	}
	for _, s := range re.Sub {
		if c := findCapture(s, n); c != nil {
			return c
		}
	}
	return nil
}

// sample writes a short string re matches, with group 1 written as value.
// It reports false for expressions too deep to walk.
func sample(b *strings.Builder, re *syntax.Regexp, value string, depth int) bool {
	if depth > 100 || b.Len() > 4096 {
		return false
	}
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(classRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('x')
	case syntax.OpCapture:
		if re.Cap == 1 {
			b.WriteString(value)
			return true
		}
		return sample(b, re.Sub[0], value, depth+1)
	case syntax.OpPlus:
		return sample(b, re.Sub[0], value, depth+1)
	case syntax.OpRepeat:
		for i := 0; i < re.Min; i++ {
			if !sample(b, re.Sub[0], value, depth+1) {
				return false
			}
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !sample(b, s, value, depth+1) {
				return false
			}
		}
	case syntax.OpAlternate:
		// The first alternative that holds the group, else the first.
		for _, s := range re.Sub {
			if findCapture(s, 1) != nil {
				return sample(b, s, value, depth+1)
			}
		}
		return sample(b, re.Sub[0], value, depth+1)
	case syntax.OpStar, syntax.OpQuest:
		// Zero times, unless the group is inside.
		if findCapture(re.Sub[0], 1) != nil {
			return sample(b, re.Sub[0], value, depth+1)
		}
	}
	// Empty matches, anchors and word boundaries write nothing; the caller
	// checks the whole line against the expression.
	return true
}

// classRune picks a printable member of a character class, preferring a
// letter or digit.
func classRune(ranges []rune) rune {
	var fallback rune = -1
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for _, r := range []rune{'a', 'A', '0'} {
			if lo <= r && r <= hi {
				return r
			}
		}
		if fallback < 0 && hi >= ' ' && lo <= '~' {
			fallback = max(lo, ' ')
		}
	}
	if fallback < 0 && len(ranges) > 0 {
		fallback = ranges[0]
	}
	return fallback
}
