package trainingjobtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// Random returns a random training job drawn from seed, for property tests.
// It is NewGenerator(rand.New(rand.NewPCG(seed, c))).Job() for a fixed c:
// the same seed gives a deeply equal job every time (with the same version
// of this package), and different seeds practically never give equal jobs.
func Random(seed uint64) trainingjob.TrainingJob {
	return NewGenerator(rand.New(rand.NewPCG(seed, randomStream))).Job()
}

// randomStream is the second PCG seed Random uses ("training" in ASCII).
const randomStream = 0x747261696e696e67

// Generator draws random training jobs that pass trainingjob's strict
// validation, as the service could describe them.
//
// Each job has a pair of statuses that strict validation accepts, the
// history that leads there (contiguous, starting at CreationTime, with
// spot interruptions, retries, updates and the statuses of 2018 where they
// fit), times and durations that agree with it, and a random subset of the
// optional members: hyperparameters, environment, tags, input channels
// (S3, file system or dataset), VPC configuration, checkpoints, Debugger and
// profiler configurations and results, retry strategy, experiment and
// MLflow links, warm pools, and more. Values stay within the service
// model's limits (lengths counted in characters, patterns, counts and
// ranges), and often reach them: strings run up to their maximum length
// with multi-byte characters, quotes, backslashes and control characters.
//
// Every time is in UTC with millisecond precision, and no float is NaN, so
// a job survives trainingjob.Marshal and trainingjob.Unmarshal unchanged and
// compares equal with reflect.DeepEqual.
//
// A Generator is not safe for concurrent use.
type Generator struct {
	r *rand.Rand
}

// NewGenerator returns a generator that draws from r. The jobs depend only
// on the sequence r produces. It panics if r is nil.
func NewGenerator(r *rand.Rand) *Generator {
	if r == nil {
		panic("trainingjobtest: NewGenerator with a nil *rand.Rand")
	}
	return &Generator{r: r}
}

// strictPairs lists, in table order, the status pairs the generator makes:
// those that strict validation accepts, less the secondaries lagging behind
// a stop request, whose histories it does not draw.
var strictPairs = func() []trainingjob.Pairing {
	var out []trainingjob.Pairing
	for _, p := range trainingjob.Pairings() {
		if p.Evidence&trainingjob.EvidenceLagging == 0 {
			out = append(out, p)
		}
	}
	return out
}()

// Job returns a random job. Its status pair is drawn uniformly from the
// pairs of trainingjob.Pairings that strict validation accepts, less the
// lagging ones (Stopping with an InProgress secondary), so every pair turns
// up often in a few hundred jobs.
func (g *Generator) Job() trainingjob.TrainingJob {
	p := strictPairs[g.r.IntN(len(strictPairs))]
	return g.JobIn(p.Primary, p.Secondary)
}

// JobIn returns a random job with the given statuses. The pair must be one
// that strict validation accepts (trainingjob.CheckPair returns PairLegal)
// and not a secondary lagging behind a stop request
// (trainingjob.EvidenceLagging), whose histories JobIn does not draw; JobIn
// panics otherwise. A deprecated secondary status gives a job from the
// second half of 2018, with that year's history (Starting,
// LaunchingMLInstances, PreparingTrainingStack, Downloading,
// DownloadingTrainingImage, Training, Uploading); now and then a job with
// another pair that existed then comes from 2018 too.
func (g *Generator) JobIn(primary trainingjob.Status, secondary trainingjob.SecondaryStatus) trainingjob.TrainingJob {
	if v := trainingjob.CheckPair(primary, secondary); v != trainingjob.PairLegal {
		panic(fmt.Sprintf("trainingjobtest: JobIn(%q, %q): the pair is %s, not legal in strict validation", string(primary), string(secondary), v))
	}
	if p, _ := trainingjob.LookupPair(primary, secondary); p.Evidence&trainingjob.EvidenceLagging != 0 {
		panic(fmt.Sprintf("trainingjobtest: JobIn(%q, %q): the secondary status lags behind the stop request; JobIn does not draw such histories", string(primary), string(secondary)))
	}
	d := draft{g: g, primary: primary, secondary: secondary}
	d.decide()
	d.live()
	d.members()
	return d.job
}

// ---------------------------------------------------------------------------
// Randomness helpers

func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }

// between returns an int in [lo, hi].
func (g *Generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

// count returns how many entries a list or map of at most limit entries
// gets: usually a few, sometimes limit.
func (g *Generator) count(lo, limit int) int {
	switch {
	case limit > lo && g.chance(0.03):
		return limit
	case g.chance(0.15):
		return g.between(lo, limit)
	}
	return g.between(lo, min(limit, lo+4))
}

// duration returns a duration in [lo, hi] with millisecond precision.
func (g *Generator) duration(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	n := int64((hi - lo) / time.Millisecond)
	return lo + time.Duration(g.r.Int64N(n+1))*time.Millisecond
}

func pickOne[T any](g *Generator, from []T) T { return from[g.r.IntN(len(from))] }

// Alphabets for generated text.
var (
	alnumRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
	lowerRunes = []rune("abcdefghijklmnopqrstuvwxyz0123456789")
	hexRunes   = []rune("0123456789abcdef")
	// lineRunes are characters a pattern of the form .* accepts: anything
	// but a line feed. They include multi-byte characters, so lengths in
	// characters and in bytes differ, and characters JSON must escape.
	lineRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;!?'\"()[]{}<>&=+*/\\|@#$%^~`\t\r\x01\x7féüßñçøåΩλπж日本語中文한국어😀🚀\u00a0\u2028\u2029")
	// textRunes add the line feed, for members without a pattern or with
	// [\S\s]*.
	textRunes = append([]rune("\n"), lineRunes...)
	// tagRunes are what the tag patterns accept: letters, separators
	// (spaces), numbers and _.:/=+-@.
	tagRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/=+-@éüßΩж日本語\u00a0\u3000")
	// envKeyRunes may follow the first character of an environment
	// variable's name.
	envKeyRunes = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
	// roleRunes are what may follow "role/" in a role ARN.
	roleRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-/")
	// keyRunes make S3 object keys.
	keyRunes = []rune("abcdefghijklmnopqrstuvwxyz0123456789-_.!*'()=/éü日本")
)

// runes returns n characters drawn from alphabet.
func (g *Generator) runes(n int, alphabet []rune) string {
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[g.r.IntN(len(alphabet))])
	}
	return b.String()
}

// text returns a string of lo to hi characters from alphabet: usually
// short, sometimes exactly hi characters long.
func (g *Generator) text(lo, hi int, alphabet []rune) string {
	n := 0
	switch {
	case g.chance(0.04):
		n = hi
	case g.chance(0.1):
		n = g.between(lo, hi)
	default:
		n = g.between(lo, min(hi, lo+24))
	}
	return g.runes(n, alphabet)
}

// textOr returns one of the realistic values most of the time, and random
// text within the limits otherwise.
func (g *Generator) textOr(realistic []string, lo, hi int, alphabet []rune) string {
	if g.chance(0.75) {
		return pickOne(g, realistic)
	}
	return g.text(lo, hi, alphabet)
}

// entityName returns a name matching [a-zA-Z0-9](-*[a-zA-Z0-9]){0,limit-1},
// the pattern of job, experiment and other entity names, of at most limit
// characters.
func (g *Generator) entityName(limit int) string {
	n := g.between(1, min(limit, 24))
	if g.chance(0.05) {
		n = limit
	}
	out := make([]rune, n)
	for i := range out {
		if i > 0 && i < n-1 && g.chance(0.12) {
			out[i] = '-'
		} else {
			out[i] = alnumRunes[g.r.IntN(len(alnumRunes))]
		}
	}
	return string(out)
}

// float returns a float32 metric value: usually a loss or an accuracy,
// sometimes an extreme or an infinity, never NaN.
func (g *Generator) float() float32 {
	switch g.r.IntN(10) {
	case 0:
		return pickOne(g, []float32{0, -1, 1e30, -math.MaxFloat32, math.SmallestNonzeroFloat32, float32(math.Inf(1)), float32(math.Inf(-1))})
	case 1:
		return float32(g.r.NormFloat64() * 1000)
	}
	return g.r.Float32()
}

// ---------------------------------------------------------------------------
// The shape of a job's life

// phaseSpan is one planned visit to a secondary status.
type phaseSpan struct {
	status trainingjob.SecondaryStatus
	length time.Duration
}

// draft is a job being generated.
type draft struct {
	g                  *Generator
	primary            trainingjob.Status
	secondary          trainingjob.SecondaryStatus
	legacy, spot       bool
	retries            int32 // RetryStrategy.MaximumRetryAttempts, or 0 for none
	pending            bool  // the job waits for capacity after Starting
	trainingPlan       bool
	partition, region  string
	account, name, bkt string

	// Set by live.
	job           trainingjob.TrainingJob
	trainingStart time.Time
	end           time.Time // TrainingEndTime of a finished job
	now           time.Time // the moment a running job is described
	finished      bool
	limitAt       time.Time // when a time limit stopped the job
}

// legacyFits reports whether a job of 2018 can end with the pair: those jobs
// had no spot training, retries, updates or Pending.
func legacyFits(p trainingjob.Status, s trainingjob.SecondaryStatus) bool {
	switch s {
	case trainingjob.SecondaryStatusPending, trainingjob.SecondaryStatusInterrupted, trainingjob.SecondaryStatusRestarting,
		trainingjob.SecondaryStatusUpdating, trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		return false
	}
	return true
}

// decide draws what shapes the job's life: the year it ran in, spot
// training, retries, and where it runs.
func (d *draft) decide() {
	g := d.g
	d.legacy = d.secondary.IsDeprecated() || legacyFits(d.primary, d.secondary) && g.chance(0.1)
	if !d.legacy {
		d.spot = d.secondary == trainingjob.SecondaryStatusInterrupted || d.secondary == trainingjob.SecondaryStatusMaxWaitTimeExceeded || g.chance(0.3)
		if d.secondary == trainingjob.SecondaryStatusRestarting || g.chance(0.25) {
			d.retries = int32(g.between(1, 30))
		}
		d.trainingPlan = g.chance(0.08)
		d.pending = d.secondary == trainingjob.SecondaryStatusPending || g.chance(0.1) || d.trainingPlan && g.chance(0.7)
	}
	switch g.r.IntN(10) {
	case 0:
		d.partition, d.region = "aws-cn", pickOne(g, []string{"cn-north-1", "cn-northwest-1"})
	case 1:
		d.partition, d.region = "aws-us-gov", pickOne(g, []string{"us-gov-west-1", "us-gov-east-1"})
	default:
		d.partition, d.region = "aws", pickOne(g, []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2"})
	}
	if g.chance(0.3) {
		d.account = "123456789012"
	} else {
		d.account = g.runes(12, []rune("0123456789"))
	}
	if g.chance(0.6) {
		d.bkt = "sagemaker-" + d.region + "-" + d.account
	} else {
		d.bkt = g.runes(1, lowerRunes) + g.text(1, 61, []rune("abcdefghijklmnopqrstuvwxyz0123456789.-")) + g.runes(1, lowerRunes)
	}
}

// plan lays out the phases of the job's whole run up to the end of
// Uploading, with the events the target status needs.
func (d *draft) plan() []phaseSpan {
	g := d.g
	add := func(out []phaseSpan, s trainingjob.SecondaryStatus) []phaseSpan {
		return append(out, phaseSpan{s, d.phaseLength(s)})
	}
	var out []phaseSpan
	if d.legacy {
		for _, s := range []trainingjob.SecondaryStatus{
			trainingjob.SecondaryStatusStarting, trainingjob.SecondaryStatusLaunchingMLInstances,
			trainingjob.SecondaryStatusPreparingTrainingStack, trainingjob.SecondaryStatusDownloading,
			trainingjob.SecondaryStatusDownloadingTrainingImage, trainingjob.SecondaryStatusTraining,
			trainingjob.SecondaryStatusUploading,
		} {
			out = add(out, s)
		}
		return out
	}
	out = add(out, trainingjob.SecondaryStatusStarting)
	if d.pending {
		out = add(out, trainingjob.SecondaryStatusPending)
	}
	out = add(out, trainingjob.SecondaryStatusDownloading)

	// Events during training: spot interruptions, retries after internal
	// errors, updates. The target status forces at least one of its kind.
	var events []trainingjob.SecondaryStatus
	if d.spot {
		n := g.between(0, 2)
		if n == 0 && (d.secondary == trainingjob.SecondaryStatusInterrupted || d.secondary == trainingjob.SecondaryStatusMaxWaitTimeExceeded || g.chance(0.5)) {
			n = 1
		}
		for range n {
			events = append(events, trainingjob.SecondaryStatusInterrupted)
		}
	}
	if d.retries > 0 {
		n := g.between(0, min(int(d.retries), 2))
		if n == 0 && d.secondary == trainingjob.SecondaryStatusRestarting {
			n = 1
		}
		for range n {
			events = append(events, trainingjob.SecondaryStatusRestarting)
		}
	}
	if d.secondary == trainingjob.SecondaryStatusUpdating || g.chance(0.15) {
		events = append(events, trainingjob.SecondaryStatusUpdating)
	}
	g.r.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })

	out = add(out, trainingjob.SecondaryStatusTraining)
	for _, e := range events {
		out = add(out, e)
		switch e {
		case trainingjob.SecondaryStatusInterrupted:
			out = add(out, trainingjob.SecondaryStatusStarting)
			if d.trainingPlan && g.chance(0.5) {
				out = add(out, trainingjob.SecondaryStatusPending)
			}
			out = add(out, trainingjob.SecondaryStatusDownloading)
		case trainingjob.SecondaryStatusRestarting:
			out = add(out, trainingjob.SecondaryStatusStarting)
			out = add(out, trainingjob.SecondaryStatusDownloading)
		}
		out = add(out, trainingjob.SecondaryStatusTraining)
	}
	return add(out, trainingjob.SecondaryStatusUploading)
}

// phaseLength draws how long one visit to s lasts.
func (d *draft) phaseLength(s trainingjob.SecondaryStatus) time.Duration {
	g := d.g
	switch s {
	case trainingjob.SecondaryStatusStarting:
		return g.duration(20*time.Second, 8*time.Minute)
	case trainingjob.SecondaryStatusPending:
		return g.duration(30*time.Second, 3*time.Hour)
	case trainingjob.SecondaryStatusDownloading:
		return g.duration(5*time.Second, 20*time.Minute)
	case trainingjob.SecondaryStatusTraining:
		if g.chance(0.1) {
			return g.duration(10*time.Hour, 30*time.Hour)
		}
		return g.duration(30*time.Second, 3*time.Hour)
	case trainingjob.SecondaryStatusUploading:
		return g.duration(5*time.Second, 10*time.Minute)
	case trainingjob.SecondaryStatusInterrupted:
		return g.duration(10*time.Second, 2*time.Hour)
	case trainingjob.SecondaryStatusRestarting:
		return g.duration(10*time.Second, 5*time.Minute)
	case trainingjob.SecondaryStatusUpdating:
		return g.duration(5*time.Second, 3*time.Minute)
	case trainingjob.SecondaryStatusStopping:
		return g.duration(2*time.Second, 3*time.Minute)
	case trainingjob.SecondaryStatusLaunchingMLInstances:
		return g.duration(30*time.Second, 5*time.Minute)
	case trainingjob.SecondaryStatusPreparingTrainingStack:
		return g.duration(10*time.Second, 3*time.Minute)
	case trainingjob.SecondaryStatusDownloadingTrainingImage:
		return g.duration(5*time.Second, 3*time.Minute)
	}
	return g.duration(time.Second, time.Minute)
}

// spanIndexes returns the positions in spans whose status is s.
func spanIndexes(spans []phaseSpan, s trainingjob.SecondaryStatus) []int {
	var out []int
	for i, sp := range spans {
		if sp.status == s {
			out = append(out, i)
		}
	}
	return out
}

// cutSpans keeps spans up to and including i, the last one shortened to keep.
func cutSpans(spans []phaseSpan, i int, keep time.Duration) []phaseSpan {
	out := append([]phaseSpan(nil), spans[:i+1]...)
	out[i].length = keep
	return out
}

// live draws the job's history and the members that follow from it:
// statuses, times, durations, limits.
func (d *draft) live() {
	g := d.g
	spans := d.plan()
	var (
		open     bool          // the last phaseSpan is still running
		elapsed  time.Duration // how long it has run, when open
		terminal trainingjob.SecondaryStatus
		limited  bool // a time limit stopped the job: the Stopping phaseSpan marks it
	)
	someCut := func(spans []phaseSpan, i int) []phaseSpan {
		return cutSpans(spans, i, g.duration(time.Millisecond, spans[i].length))
	}
	stopping := func(spans []phaseSpan) []phaseSpan {
		return append(spans, phaseSpan{trainingjob.SecondaryStatusStopping, d.phaseLength(trainingjob.SecondaryStatusStopping)})
	}
	end := d.secondary
	switch d.primary {
	case trainingjob.StatusInProgress:
		at := pickOne(g, spanIndexes(spans, d.secondary))
		spans = spans[:at+1]
		open, elapsed = true, g.duration(0, spans[at].length-time.Millisecond)
		end = ""
	case trainingjob.StatusStopping:
		spans = stopping(someCut(spans, g.r.IntN(len(spans))))
		open, elapsed = true, g.duration(0, spans[len(spans)-1].length-time.Millisecond)
		end = ""
	}
	switch end {
	case trainingjob.SecondaryStatusCompleted:
		terminal = end
	case trainingjob.SecondaryStatusFailed:
		terminal = end
		if !g.chance(0.5) {
			spans = someCut(spans, g.r.IntN(len(spans)))
			if spans[len(spans)-1].status == trainingjob.SecondaryStatusTraining && g.chance(0.6) {
				// Failed jobs usually upload what they have before failing.
				spans = append(spans, phaseSpan{trainingjob.SecondaryStatusUploading, d.phaseLength(trainingjob.SecondaryStatusUploading)})
			}
		}
	case trainingjob.SecondaryStatusStopped:
		terminal = end
		spans = stopping(someCut(spans, g.r.IntN(len(spans))))
	case trainingjob.SecondaryStatusMaxRuntimeExceeded:
		// The runtime limit strikes while the job trains.
		terminal, limited = end, true
		spans = stopping(someCut(spans, pickOne(g, spanIndexes(spans, trainingjob.SecondaryStatusTraining))))
	case trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		// The wait limit strikes once the job has been interrupted,
		// usually while it waits for capacity again.
		terminal, limited = end, true
		first := spanIndexes(spans, trainingjob.SecondaryStatusInterrupted)[0]
		i := first
		if g.chance(0.4) {
			i = g.between(first, len(spans)-2) // any phaseSpan after the first interruption, but not Uploading
		}
		if spans[i].status == trainingjob.SecondaryStatusInterrupted {
			// At least 2 seconds of interruption, so the runtime limit,
			// which does not count it, can lie below the wait limit.
			spans = stopping(cutSpans(spans, i, g.duration(2*time.Second, spans[i].length)))
		} else {
			spans = stopping(someCut(spans, i))
		}
	}
	d.write(spans, open, elapsed, terminal, limited)
}

// write lays the spans out in time from a random creation time and fills
// the members that follow from the history.
func (d *draft) write(spans []phaseSpan, open bool, elapsed time.Duration, terminal trainingjob.SecondaryStatus, limited bool) {
	g := d.g
	var lo, hi time.Time
	if d.legacy {
		lo, hi = time.Date(2018, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 12, 1, 0, 0, 0, 0, time.UTC)
	} else {
		lo, hi = time.Date(2019, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	created := time.UnixMilli(lo.UnixMilli() + g.r.Int64N(hi.UnixMilli()-lo.UnixMilli())).UTC()
	d.name = d.jobName(created)
	job := &d.job
	job.TrainingJobName = d.name
	job.TrainingJobArn = d.arn("training-job/" + strings.ToLower(d.name))
	job.CreationTime = created
	job.TrainingJobStatus = d.primary
	job.SecondaryStatus = d.secondary

	history := make([]trainingjob.SecondaryStatusTransition, 0, len(spans)+1)
	at := created
	var interrupted time.Duration // time spent Interrupted, up to the limit or the end
	for i, sp := range spans {
		tr := trainingjob.SecondaryStatusTransition{Status: sp.status, StartTime: at, StatusMessage: d.message(sp.status, i)}
		if sp.status == trainingjob.SecondaryStatusDownloading && d.trainingStart.IsZero() {
			d.trainingStart = at
		}
		if limited && sp.status == trainingjob.SecondaryStatusStopping {
			d.limitAt = at
		}
		last := i == len(spans)-1
		if open && last {
			d.now = at.Add(elapsed)
			history = append(history, tr)
			break
		}
		at = at.Add(sp.length)
		tr.EndTime = at
		if sp.status == trainingjob.SecondaryStatusInterrupted && d.limitAt.IsZero() {
			interrupted += sp.length
		}
		history = append(history, tr)
	}
	if terminal != "" {
		d.finished, d.end = true, at
		history = append(history, trainingjob.SecondaryStatusTransition{Status: terminal, StartTime: at, EndTime: at, StatusMessage: d.message(terminal, len(spans))})
		job.TrainingEndTime = at
		job.LastModifiedTime = at
		if d.primary == trainingjob.StatusDeleting {
			job.LastModifiedTime = at.Add(g.duration(time.Second, 90*24*time.Hour))
		}
	} else {
		job.LastModifiedTime = history[len(history)-1].StartTime
	}
	job.SecondaryStatusTransitions = history
	job.TrainingStartTime = d.trainingStart

	// Durations, per instance.
	if !d.trainingStart.IsZero() {
		if d.finished {
			secs := roundSeconds(d.end.Sub(d.trainingStart))
			job.TrainingTimeInSeconds = max(secs, 1)
			job.BillableTimeInSeconds = job.TrainingTimeInSeconds
			if d.spot {
				job.BillableTimeInSeconds = min(max(roundSeconds(d.end.Sub(d.trainingStart)-interrupted), 1), job.TrainingTimeInSeconds)
			}
		} else if secs := int32(d.now.Sub(d.trainingStart) / time.Second); secs >= 1 && g.chance(0.8) {
			job.TrainingTimeInSeconds = secs
		}
	}
	d.limits(interrupted)
}

func roundSeconds(d time.Duration) int32 { return int32(d.Round(time.Second) / time.Second) }

func ceilSeconds(d time.Duration) int32 {
	return int32((d + time.Second - time.Millisecond) / time.Second)
}

// limits fills StoppingCondition so that it agrees with the history: the
// runtime limit counts time since TrainingStartTime less interruptions, the
// spot wait limit counts all time since TrainingStartTime, and the wait
// limit is never below the runtime limit (as the service requires).
func (d *draft) limits(interrupted time.Duration) {
	g := d.g
	point := d.now
	switch {
	case !d.limitAt.IsZero():
		point = d.limitAt
	case d.finished:
		point = d.end
	}
	var wall time.Duration
	if !d.trainingStart.IsZero() {
		wall = point.Sub(d.trainingStart)
	}
	running := wall - interrupted
	atLeast := func(n int32) int32 {
		common := []int32{3600, 7200, 86400, 172800, 432000, 2419200}
		var fit []int32
		for _, c := range common {
			if c >= n {
				fit = append(fit, c)
			}
		}
		if len(fit) > 0 && g.chance(0.7) {
			return pickOne(g, fit)
		}
		return n + int32(g.between(0, 100000))
	}
	sc := &types.StoppingCondition{}
	var maxRuntime, maxWait int32
	switch d.secondary {
	case trainingjob.SecondaryStatusMaxRuntimeExceeded:
		maxRuntime = max(int32(running/time.Second), 1)
		if d.spot {
			maxWait = max(maxRuntime, ceilSeconds(wall)) + int32(g.between(0, 3600))
		}
	case trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		maxWait = int32(wall / time.Second)
		maxRuntime = int32(g.between(int(ceilSeconds(running))+1, int(maxWait)))
	default:
		maxRuntime = atLeast(max(ceilSeconds(running), 1))
		if d.spot {
			maxWait = atLeast(max(maxRuntime, ceilSeconds(wall)))
		}
	}
	sc.MaxRuntimeInSeconds = aws.Int32(maxRuntime)
	if d.spot {
		sc.MaxWaitTimeInSeconds = aws.Int32(maxWait)
	}
	if d.trainingPlan || g.chance(0.1) {
		sc.MaxPendingTimeInSeconds = aws.Int32(int32(g.between(7200, 2419200)))
	}
	d.job.StoppingCondition = sc
	d.job.EnableManagedSpotTraining = d.spot
}

// Status messages in the service's manner, several per status.
var statusMessages = map[trainingjob.SecondaryStatus][]string{
	trainingjob.SecondaryStatusStarting:                 {"Starting the training job", "Preparing the instances for training", "Launching requested ML instances"},
	trainingjob.SecondaryStatusPending:                  {"Waiting for capacity to become available", "Pending: waiting for the training plan's reserved capacity"},
	trainingjob.SecondaryStatusDownloading:              {"Downloading input data", "Downloading the training image", "Insufficient capacity error from EC2 while launching instances, retrying!"},
	trainingjob.SecondaryStatusTraining:                 {"Training image download completed. Training in progress.", "Training in progress"},
	trainingjob.SecondaryStatusUploading:                {"Uploading generated training model", "Uploading checkpoints and model artifacts"},
	trainingjob.SecondaryStatusInterrupted:              {"Spot instances were interrupted; the job will resume", "Insufficient Spot capacity; waiting"},
	trainingjob.SecondaryStatusRestarting:               {messageRetrying, "Retrying the training job after an internal error"},
	trainingjob.SecondaryStatusUpdating:                 {messageUpdating, "Applying the requested update"},
	trainingjob.SecondaryStatusStopping:                 {"Stopping the training job", "Stopping the training job because it reached a time limit"},
	trainingjob.SecondaryStatusLaunchingMLInstances:     {"Launching requested ML instances"},
	trainingjob.SecondaryStatusPreparingTrainingStack:   {"Preparing the instances for training"},
	trainingjob.SecondaryStatusDownloadingTrainingImage: {"Downloading training image"},
	trainingjob.SecondaryStatusCompleted:                {"Training job completed"},
	trainingjob.SecondaryStatusFailed:                   {"Training job failed", "Training job failed. Check the FailureReason for details."},
	trainingjob.SecondaryStatusStopped:                  {"Training job stopped", "The training job was stopped by the user"},
	trainingjob.SecondaryStatusMaxRuntimeExceeded:       {"Training job runtime exceeded MaxRuntimeInSeconds provided"},
	trainingjob.SecondaryStatusMaxWaitTimeExceeded:      {"Training job wait time exceeded MaxWaitTimeInSeconds provided"},
}

func (d *draft) message(s trainingjob.SecondaryStatus, i int) string {
	if i > 0 && s == trainingjob.SecondaryStatusStarting && d.g.chance(0.7) {
		return MessageRestarting
	}
	if d.g.chance(0.05) {
		return "" // some entries carry no message
	}
	return pickOne(d.g, statusMessages[s])
}

// jobName draws a name: mostly the SageMaker Python SDK's form (a base name
// and the creation time to the millisecond), sometimes the form of a tuning
// job's children, sometimes anything the pattern allows (capitals, runs of
// hyphens, up to 63 characters).
func (d *draft) jobName(created time.Time) string {
	g := d.g
	stamp := created.Add(-time.Duration(g.r.IntN(1000)) * time.Millisecond).Format("2006-01-02-15-04-05-000")
	switch g.r.IntN(5) {
	case 0, 1:
		base := pickOne(g, []string{"pytorch-training", "tensorflow-training", "huggingface-pytorch-training", "xgboost", "sagemaker-scikit-learn", "ResNet50", "bert-base-uncased-finetune", "llama-3-8b-lora"})
		return base + "-" + stamp
	case 2:
		return pickOne(g, []string{"tuning", "hpo", "churn-xgb-tune"}) + "-" + stamp[2:10] + "-" + fmt.Sprintf("%03d", g.between(1, 500)) + "-" + g.runes(8, hexRunes)
	}
	return g.entityName(63)
}

// arn returns an ARN of the job's partition, region and account.
func (d *draft) arn(resource string) string {
	return "arn:" + d.partition + ":sagemaker:" + d.region + ":" + d.account + ":" + resource
}

// s3 returns an S3 URI in the job's bucket, usually below the job's name.
func (d *draft) s3(suffix string) string {
	g := d.g
	var b strings.Builder
	b.WriteString("s3://")
	b.WriteString(d.bkt)
	b.WriteString("/")
	if g.chance(0.1) {
		b.WriteString(g.text(0, 300, keyRunes))
		b.WriteString("/")
	}
	b.WriteString(d.name)
	b.WriteString("/")
	b.WriteString(suffix)
	return b.String()
}

func (d *draft) domain() string {
	if d.partition == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// ---------------------------------------------------------------------------
// Members

// started reports whether the job got as far as Downloading.
func (d *draft) started() bool { return !d.trainingStart.IsZero() }

// latest is the last moment the job's description covers.
func (d *draft) latest() time.Time {
	if d.finished {
		return d.end
	}
	return d.now
}

// timeBetween returns a time in [from, to] with millisecond precision.
func (d *draft) timeBetween(from, to time.Time) time.Time {
	if !to.After(from) {
		return from
	}
	return from.Add(d.g.duration(0, to.Sub(from)))
}

// members fills everything the history does not decide.
func (d *draft) members() {
	g := d.g
	job := &d.job
	newer := !d.legacy // features that came after 2018

	job.RoleArn = d.roleArn()
	job.AlgorithmSpecification = d.algorithm(newer)
	if g.chance(0.6) {
		job.HyperParameters = d.hyperParameters()
	}
	var groups []string
	job.ResourceConfig, groups = d.resources(newer)
	if g.chance(0.85) {
		job.InputDataConfig = d.channels(groups, newer)
	}
	job.OutputDataConfig = d.output()
	if g.chance(0.25) {
		job.VpcConfig = d.vpc()
	}
	job.EnableNetworkIsolation = g.chance(0.2)
	job.EnableInterContainerTrafficEncryption = g.chance(0.15)
	if d.spot && g.chance(0.8) || g.chance(0.15) {
		job.CheckpointConfig = &types.CheckpointConfig{S3Uri: aws.String(d.s3("checkpoints"))}
		if g.chance(0.6) {
			job.CheckpointConfig.LocalPath = aws.String(g.textOr([]string{"/opt/ml/checkpoints", "/opt/ml/checkpoints/run-1"}, 0, 4096, lineRunes))
		}
	}
	if d.retries > 0 {
		job.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(d.retries)}
	}
	if g.chance(0.35) {
		job.Environment = d.environment()
	}
	if g.chance(0.35) {
		job.Tags = d.tags()
	}
	if g.chance(0.15) {
		job.TuningJobArn = d.arn("hyper-parameter-tuning-job/" + g.entityName(32))
	}
	if g.chance(0.05) {
		job.LabelingJobArn = d.arn("labeling-job/" + g.entityName(63))
	}
	if g.chance(0.05) {
		job.AutoMLJobArn = d.arn("automl-job/" + g.entityName(32))
	}
	if newer {
		d.newerMembers()
	}
	d.outcomeMembers()
}

// newerMembers fills the optional members of features that came after
// 2018: Debugger, the profiler, experiments, MLflow, model registration,
// serverless jobs, remote debugging and health checks.
func (d *draft) newerMembers() {
	g := d.g
	job := &d.job
	if g.chance(0.25) {
		job.DebugHookConfig = d.debugHook()
	}
	if g.chance(0.25) {
		e := &types.ExperimentConfig{}
		if g.chance(0.8) {
			e.ExperimentName = aws.String(g.entityName(120))
		}
		if g.chance(0.6) {
			e.TrialName = aws.String(g.entityName(120))
		}
		if g.chance(0.4) {
			e.TrialComponentDisplayName = aws.String(g.entityName(120))
		}
		if g.chance(0.4) {
			e.RunName = aws.String(g.entityName(120))
		}
		job.ExperimentConfig = e
	}
	if g.chance(0.2) {
		job.DebugRuleConfigurations = d.debugRules()
		if d.started() && g.chance(0.8) {
			for _, r := range job.DebugRuleConfigurations {
				s := d.ruleStatus(r.RuleConfigurationName)
				job.DebugRuleEvaluationStatuses = append(job.DebugRuleEvaluationStatuses, types.DebugRuleEvaluationStatus(s))
			}
		}
	}
	if g.chance(0.2) {
		job.TensorBoardOutputConfig = &types.TensorBoardOutputConfig{S3OutputPath: aws.String(d.s3("tensorboard"))}
		if g.chance(0.5) {
			job.TensorBoardOutputConfig.LocalPath = aws.String(g.textOr([]string{"/opt/ml/output/tensorboard"}, 0, 4096, lineRunes))
		}
	}
	if g.chance(0.3) {
		job.ProfilerConfig = d.profiler()
	}
	if g.chance(0.2) {
		rules := d.debugRules()
		for _, r := range rules {
			job.ProfilerRuleConfigurations = append(job.ProfilerRuleConfigurations, types.ProfilerRuleConfiguration(r))
		}
		if d.started() && g.chance(0.8) {
			for _, r := range rules {
				job.ProfilerRuleEvaluationStatuses = append(job.ProfilerRuleEvaluationStatuses, d.ruleStatus(r.RuleConfigurationName))
			}
		}
	}
	if g.chance(0.3) {
		job.ProfilingStatus = pickOne(g, types.ProfilingStatus("").Values())
	}
	if g.chance(0.1) {
		job.RemoteDebugConfig = &types.RemoteDebugConfig{EnableRemoteDebug: aws.Bool(g.chance(0.7))}
	}
	if g.chance(0.1) {
		job.InfraCheckConfig = &types.InfraCheckConfig{EnableInfraCheck: aws.Bool(g.chance(0.7))}
	}
	if g.chance(0.08) {
		job.ServerlessJobConfig = d.serverless()
		if d.finished && d.started() && g.chance(0.9) {
			job.BillableTokenCount = 1 + g.r.Int64N(1e10)
		}
	}
	if g.chance(0.15) {
		job.MlflowConfig = &types.MlflowConfig{
			MlflowResourceArn: aws.String(d.arn(pickOne(g, []string{"mlflow-tracking-server/", "mlflow-app/"}) + g.entityName(40))),
		}
		if g.chance(0.7) {
			job.MlflowConfig.MlflowExperimentName = aws.String(g.textOr([]string{"churn-model", "llm-finetuning"}, 1, 256, lineRunes))
		}
		if g.chance(0.5) {
			job.MlflowConfig.MlflowRunName = aws.String(g.textOr([]string{d.name, "baseline"}, 1, 256, lineRunes))
		}
		if d.started() && g.chance(0.7) {
			job.MlflowDetails = &types.MlflowDetails{
				MlflowExperimentId: aws.String(strconv.Itoa(g.between(1, 99999))),
				MlflowRunId:        aws.String(g.runes(32, hexRunes)),
			}
		}
	}
	if g.chance(0.2) {
		group := g.entityName(63)
		job.ModelPackageConfig = &types.ModelPackageConfig{ModelPackageGroupArn: aws.String(d.arn("model-package-group/" + group))}
		if g.chance(0.3) {
			job.ModelPackageConfig.SourceModelPackageArn = aws.String(d.arn("model-package/" + group + "/" + strconv.Itoa(g.between(1, 40))))
		}
		if d.finished && d.secondary == trainingjob.SecondaryStatusCompleted {
			job.OutputModelPackageArn = d.arn("model-package/" + group + "/" + strconv.Itoa(g.between(1, 40)))
		}
	}
	if d.started() && g.chance(0.25) {
		maxEpoch := int64(g.between(1, 1000))
		steps := int64(g.between(1, 1000000))
		job.ProgressInfo = &types.TrainingProgressInfo{
			MaxEpoch:               aws.Int64(maxEpoch),
			CurrentEpoch:           aws.Int64(g.r.Int64N(maxEpoch + 1)),
			TotalStepCountPerEpoch: aws.Int64(steps),
			CurrentStep:            aws.Int64(g.r.Int64N(steps + 1)),
		}
	}
	if d.finished && job.ResourceConfig.KeepAlivePeriodInSeconds != nil && g.chance(0.8) {
		w := &types.WarmPoolStatus{Status: pickOne(g, types.WarmPoolResourceStatus("").Values())}
		switch w.Status {
		case types.WarmPoolResourceStatusReused:
			w.ReusedByJob = aws.String(g.entityName(63))
			w.ResourceRetainedBillableTimeInSeconds = aws.Int32(int32(g.between(0, 21600)))
		case types.WarmPoolResourceStatusTerminated:
			w.ResourceRetainedBillableTimeInSeconds = aws.Int32(int32(g.between(0, 21600)))
		}
		job.WarmPoolStatus = w
	}
}

// outcomeMembers fills what depends on how the job ended: the reason of a
// failure, model artifacts and final metrics.
func (d *draft) outcomeMembers() {
	g := d.g
	job := &d.job
	completed := d.secondary == trainingjob.SecondaryStatusCompleted
	stopped := d.secondary == trainingjob.SecondaryStatusStopped || d.secondary == trainingjob.SecondaryStatusMaxRuntimeExceeded ||
		d.secondary == trainingjob.SecondaryStatusMaxWaitTimeExceeded
	if d.secondary == trainingjob.SecondaryStatusFailed {
		h := job.SecondaryStatusTransitions
		job.FailureReason = d.failureReason(h[len(h)-2].Status)
	}
	if !d.finished {
		return
	}
	if completed || stopped && d.started() && g.chance(0.5) {
		job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String(d.s3("output/model.tar.gz"))}
	}
	defs := job.AlgorithmSpecification.MetricDefinitions
	p := 0.1
	switch {
	case completed:
		p = 0.9
	case stopped:
		p = 0.4
	}
	if len(defs) > 0 && d.started() && g.chance(p) {
		for _, def := range defs {
			if g.chance(0.7) {
				job.FinalMetricDataList = append(job.FinalMetricDataList, types.MetricData{
					MetricName: aws.String(*def.Name),
					Value:      aws.Float32(g.float()),
					Timestamp:  aws.Time(d.timeBetween(d.trainingStart, d.end)),
				})
			}
		}
	}
}

// failureReason explains a failure in the phase it happened in, in the
// service's words, or now and then with any text the model allows.
func (d *draft) failureReason(phase trainingjob.SecondaryStatus) string {
	g := d.g
	if g.chance(0.1) {
		return g.text(1, 1024, textRunes)
	}
	switch phase {
	case trainingjob.SecondaryStatusStarting, trainingjob.SecondaryStatusPending,
		trainingjob.SecondaryStatusLaunchingMLInstances, trainingjob.SecondaryStatusPreparingTrainingStack:
		return pickOne(g, []string{
			"CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type.",
			"ResourceLimitExceeded: The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances.",
			"InternalServerError: We encountered an internal error.  Please try again.",
		})
	case trainingjob.SecondaryStatusDownloading, trainingjob.SecondaryStatusDownloadingTrainingImage:
		return pickOne(g, []string{
			"ClientError: Data download failed:Could not download s3://" + d.bkt + "/train/data.csv: insufficient disk space",
			"ClientError: Failed to download data. Cannot find S3 object: s3://" + d.bkt + "/train in bucket " + d.bkt + ". Please check if the object exists and is accessible.",
			"ClientError: Cannot pull algorithm container. Either the image does not exist or its permissions are incorrect.",
		})
	case trainingjob.SecondaryStatusUploading:
		return pickOne(g, []string{
			"ClientError: Artifact upload failed:Error 7: The credentials received have been rotated faster than the upload could complete.",
			"AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage \"RuntimeError: CUDA out of memory.\"\nCommand \"/opt/conda/bin/python3.10 train.py --epochs 10\", exit code: 1",
		})
	}
	return pickOne(g, []string{
		"AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage \"ValueError: Expected input batch_size (64) to match target batch_size (32).\"\nCommand \"/opt/conda/bin/python3.10 train.py\", exit code: 1",
		"AlgorithmError: framework error: \nTraceback (most recent call last):\n  File \"train.py\", line 42, in <module>\nKeyError: 'label'",
		"InternalServerError: We encountered an internal error.  Please try again.",
	})
}

func (d *draft) roleArn() string {
	g := d.g
	prefix := "arn:" + d.partition + ":iam::" + d.account + ":role/"
	switch g.r.IntN(4) {
	case 0:
		return prefix + "SageMakerRole"
	case 1:
		return prefix + "service-role/AmazonSageMaker-ExecutionRole-" + d.job.CreationTime.Format("20060102T150405")
	case 2:
		return prefix + g.runes(1, alnumRunes) + g.text(0, 2048-len(prefix)-1, roleRunes)
	}
	return prefix + "ml/" + g.entityName(40)
}

// image returns a training image URI in Amazon ECR.
func (d *draft) image(repos ...string) string {
	g := d.g
	if g.chance(0.05) {
		return g.text(0, 255, lineRunes)
	}
	registry := pickOne(g, []string{"763104351884", "683313688378", d.account})
	tag := pickOne(g, []string{"latest", "2.1.0-gpu-py310", "2.1.0-cpu-py310", "1.7-1", "2.13.0-gpu-py310-cu118-ubuntu20.04-sagemaker"})
	return registry + ".dkr.ecr." + d.region + "." + d.domain() + "/" + pickOne(g, repos) + ":" + tag
}

func (d *draft) algorithm(newer bool) *types.AlgorithmSpecification {
	g := d.g
	a := &types.AlgorithmSpecification{TrainingInputMode: pickOne(g, types.TrainingInputMode("").Values())}
	if g.chance(0.85) {
		a.TrainingImage = aws.String(d.image("pytorch-training", "tensorflow-training", "huggingface-pytorch-training", "sagemaker-xgboost", "my-team/custom-trainer"))
	} else if g.chance(0.5) {
		a.AlgorithmName = aws.String(g.entityName(63))
	} else {
		a.AlgorithmName = aws.String(d.arn("algorithm/" + g.entityName(63)))
	}
	if g.chance(0.6) {
		n := g.count(1, 40)
		names := []string{"train:loss", "validation:loss", "validation:accuracy", "train:accuracy", "epoch", "learning_rate", "validation:auc", "test:f1"}
		seen := map[string]bool{}
		for i := range n {
			name := g.textOr(names, 1, 255, lineRunes)
			if seen[name] {
				name = fmt.Sprintf("metric-%d", i)
			}
			seen[name] = true
			a.MetricDefinitions = append(a.MetricDefinitions, types.MetricDefinition{
				Name:  aws.String(name),
				Regex: aws.String(g.textOr([]string{`loss: ([0-9\.]+)`, `val_acc=([0-9\.]+);`, `.*\[(\d+)\].*`}, 1, 500, lineRunes)),
			})
		}
	}
	if g.chance(0.5) {
		a.EnableSageMakerMetricsTimeSeries = aws.Bool(g.chance(0.5))
	}
	if g.chance(0.1) {
		a.ContainerEntrypoint = d.argv([]string{"python3", "/opt/ml/code/train.py", "torchrun", "--nproc_per_node=8"})
	}
	if g.chance(0.1) {
		a.ContainerArguments = d.argv([]string{"--epochs", "10", "--lr", "0.001", "--data-dir", "/opt/ml/input/data/train"})
	}
	if newer && a.TrainingImage != nil && g.chance(0.08) {
		c := &types.TrainingImageConfig{TrainingRepositoryAccessMode: pickOne(g, types.TrainingRepositoryAccessMode("").Values())}
		if c.TrainingRepositoryAccessMode == types.TrainingRepositoryAccessModeVpc && g.chance(0.6) {
			c.TrainingRepositoryAuthConfig = &types.TrainingRepositoryAuthConfig{
				TrainingRepositoryCredentialsProviderArn: aws.String("arn:" + d.partition + ":lambda:" + d.region + ":" + d.account + ":function:" + g.textOr([]string{"registry-credentials"}, 0, 200, lineRunes)),
			}
		}
		a.TrainingImageConfig = c
	}
	return a
}

// argv returns a command line of 1 to 100 strings of at most 256
// characters.
func (d *draft) argv(realistic []string) []string {
	out := make([]string, d.g.count(1, 100))
	for i := range out {
		out[i] = d.g.textOr(realistic, 0, 256, lineRunes)
	}
	return out
}

func (d *draft) hyperParameters() map[string]string {
	g := d.g
	keys := []string{"epochs", "lr", "learning-rate", "batch-size", "max_depth", "eta", "num_round", "objective", "sagemaker_program", "sagemaker_submit_directory"}
	values := []string{"10", "0.001", "64", "binary:logistic", `"train.py"`, `"s3://` + d.bkt + `/source/sourcedir.tar.gz"`, "true", ""}
	m := map[string]string{}
	for range g.count(1, 100) {
		m[g.textOr(keys, 0, 256, lineRunes)] = g.textOr(values, 0, 2500, lineRunes)
	}
	return m
}

func (d *draft) environment() map[string]string {
	g := d.g
	keys := []string{"SM_LOG_LEVEL", "PYTHONUNBUFFERED", "NCCL_DEBUG", "WANDB_API_KEY", "HF_TOKEN", "_PRIVATE"}
	values := []string{"20", "1", "INFO", g.runes(40, hexRunes), "line one\nline two", ""}
	m := map[string]string{}
	for range g.count(1, 100) {
		key := pickOne(g, keys)
		if g.chance(0.4) {
			key = g.runes(1, []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")) + g.text(0, 511, envKeyRunes)
		}
		m[key] = g.textOr(values, 0, 512, textRunes)
	}
	return m
}

func (d *draft) tags() []types.Tag {
	g := d.g
	keys := []string{"team", "project", "cost-center", "owner", "env", "sagemaker.amazonaws.com/source"}
	values := []string{"ml-platform", "churn", "1234", "alice@example.com", "prod", ""}
	seen := map[string]bool{}
	var out []types.Tag
	for range g.count(0, 50) {
		key := g.textOr(keys, 1, 128, tagRunes)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, types.Tag{Key: aws.String(key), Value: aws.String(g.textOr(values, 0, 256, tagRunes))})
	}
	if out == nil {
		out = []types.Tag{} // no tags, but the member is there
	}
	return out
}

// resources returns the ResourceConfig and the names of its instance
// groups, if it has any.
func (d *draft) resources(newer bool) (*types.ResourceConfig, []string) {
	g := d.g
	r := &types.ResourceConfig{VolumeSizeInGB: aws.Int32(int32(pickOne(g, []int{1, 30, 50, 100, 512, 16384})))}
	instanceTypes := types.TrainingInstanceType("").Values()
	var groups []string
	if newer && g.chance(0.15) {
		for i := range g.between(1, 5) {
			name := fmt.Sprintf("instance_group_%d", i+1)
			if g.chance(0.2) {
				name = g.text(1, 64, lineRunes) + strconv.Itoa(i) // distinct names
				if len([]rune(name)) > 64 {
					name = string([]rune(name)[:62]) + strconv.Itoa(i)
				}
			}
			groups = append(groups, name)
			r.InstanceGroups = append(r.InstanceGroups, types.InstanceGroup{
				InstanceGroupName: aws.String(name),
				InstanceCount:     aws.Int32(int32(g.between(1, 8))),
				InstanceType:      pickOne(g, instanceTypes),
			})
		}
	} else {
		r.InstanceType = pickOne(g, instanceTypes)
		n := int32(1)
		if g.chance(0.3) {
			n = int32(g.between(2, 64))
		}
		r.InstanceCount = aws.Int32(n)
	}
	if newer && g.chance(0.2) {
		r.KeepAlivePeriodInSeconds = aws.Int32(int32(g.between(0, 21600)))
	}
	if g.chance(0.1) {
		r.VolumeKmsKeyId = aws.String("arn:" + d.partition + ":kms:" + d.region + ":" + d.account + ":key/" + g.runes(8, hexRunes) + "-" + g.runes(4, hexRunes) + "-" + g.runes(4, hexRunes) + "-" + g.runes(4, hexRunes) + "-" + g.runes(12, hexRunes))
	}
	if d.trainingPlan {
		plan := "training-plan/" + g.entityName(63)
		for len(d.arn(plan)) < 50 {
			plan += "0"
		}
		r.TrainingPlanArn = aws.String(d.arn(plan))
	}
	if newer && g.chance(0.05) {
		p := &types.InstancePlacementConfig{EnableMultipleJobs: aws.Bool(g.chance(0.5))}
		for range g.between(1, 10) {
			s := types.PlacementSpecification{InstanceCount: aws.Int32(int32(g.between(0, 18)))}
			if g.chance(0.5) {
				s.UltraServerId = aws.String(g.text(0, 256, lineRunes))
			}
			p.PlacementSpecifications = append(p.PlacementSpecifications, s)
		}
		r.InstancePlacementConfig = p
	}
	return r, groups
}

func (d *draft) channels(groups []string, newer bool) []types.Channel {
	g := d.g
	names := []string{"train", "validation", "test", "training", "eval", "model"}
	seen := map[string]bool{}
	var out []types.Channel
	for i := range g.count(1, 20) {
		name := g.textOr(names, 1, 64, []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"))
		if seen[name] {
			name = "channel-" + strconv.Itoa(i)
		}
		seen[name] = true
		c := types.Channel{ChannelName: aws.String(name), DataSource: d.dataSource(name, groups, newer)}
		if g.chance(0.5) {
			c.ContentType = aws.String(g.textOr([]string{"text/csv", "application/x-recordio-protobuf", "application/jsonlines", "application/x-parquet"}, 0, 256, lineRunes))
		}
		if g.chance(0.5) {
			c.CompressionType = pickOne(g, types.CompressionType("").Values())
		}
		if g.chance(0.3) {
			c.InputMode = pickOne(g, types.TrainingInputMode("").Values())
		}
		if g.chance(0.3) {
			c.RecordWrapperType = pickOne(g, types.RecordWrapper("").Values())
		}
		if g.chance(0.15) {
			c.ShuffleConfig = &types.ShuffleConfig{Seed: aws.Int64(g.r.Int64())}
		}
		out = append(out, c)
	}
	return out
}

func (d *draft) dataSource(channel string, groups []string, newer bool) *types.DataSource {
	g := d.g
	switch x := g.r.Float64(); {
	case x < 0.12:
		id := "fs-" + g.runes(g.between(8, 17), hexRunes)
		return &types.DataSource{FileSystemDataSource: &types.FileSystemDataSource{
			DirectoryPath:        aws.String(g.textOr([]string{"/fsx/data/" + channel, "/" + channel}, 0, 4096, lineRunes)),
			FileSystemAccessMode: pickOne(g, types.FileSystemAccessMode("").Values()),
			FileSystemId:         aws.String(id),
			FileSystemType:       pickOne(g, types.FileSystemType("").Values()),
		}}
	case x < 0.16 && newer:
		return &types.DataSource{DatasetSource: &types.DatasetSource{DatasetArn: aws.String(
			"arn:" + d.partition + ":sagemaker:" + d.region + ":" + d.account + ":hub-content/" + g.entityName(63) + "/DataSet/" + g.entityName(64) + "/1.0." + strconv.Itoa(g.between(0, 9999)),
		)}}
	}
	s := &types.S3DataSource{
		S3DataType: pickOne(g, types.S3DataType("").Values()),
		S3Uri:      aws.String(d.s3("input/" + channel + "/")),
	}
	if g.chance(0.7) {
		s.S3DataDistributionType = pickOne(g, types.S3DataDistribution("").Values())
	}
	if s.S3DataType == types.S3DataTypeAugmentedManifestFile {
		for range g.count(1, 16) {
			s.AttributeNames = append(s.AttributeNames, g.textOr([]string{"source-ref", "class", "bounding-box"}, 1, 256, lineRunes))
		}
	}
	if len(groups) > 0 && g.chance(0.7) {
		s.InstanceGroupNames = append([]string(nil), groups[:g.between(1, len(groups))]...)
	}
	if newer && g.chance(0.03) {
		s.HubAccessConfig = &types.HubAccessConfig{HubContentArn: aws.String(g.text(0, 255, lineRunes))}
	}
	if newer && g.chance(0.03) {
		s.ModelAccessConfig = &types.ModelAccessConfig{AcceptEula: aws.Bool(g.chance(0.5))}
	}
	return &types.DataSource{S3DataSource: s}
}

func (d *draft) output() *types.OutputDataConfig {
	g := d.g
	o := &types.OutputDataConfig{S3OutputPath: aws.String("s3://" + d.bkt + "/")}
	if g.chance(0.5) {
		o.S3OutputPath = aws.String(d.s3("output"))
	}
	if g.chance(0.4) {
		o.CompressionType = pickOne(g, types.OutputCompressionType("").Values())
	}
	if g.chance(0.3) {
		o.KmsKeyId = aws.String(pickOne(g, []string{"", "alias/sagemaker-output", "arn:" + d.partition + ":kms:" + d.region + ":" + d.account + ":key/" + g.runes(32, hexRunes)}))
	}
	return o
}

func (d *draft) vpc() *types.VpcConfig {
	g := d.g
	v := &types.VpcConfig{}
	for range g.count(1, 5) {
		v.SecurityGroupIds = append(v.SecurityGroupIds, "sg-"+g.runes(pickOne(g, []int{8, 17, 29}), hexRunes))
	}
	for range g.count(1, 16) {
		v.Subnets = append(v.Subnets, "subnet-"+g.runes(pickOne(g, []int{8, 17, 25}), hexRunes))
	}
	return v
}

func (d *draft) debugHook() *types.DebugHookConfig {
	g := d.g
	h := &types.DebugHookConfig{S3OutputPath: aws.String(d.s3("debug-output"))}
	if g.chance(0.5) {
		h.LocalPath = aws.String(g.textOr([]string{"/opt/ml/output/tensors"}, 0, 4096, lineRunes))
	}
	if g.chance(0.4) {
		h.HookParameters = d.configMap(20, []string{"save_interval", "include_regex"}, []string{"100", "relu.*"})
	}
	if g.chance(0.6) {
		for range g.count(0, 20) {
			c := types.CollectionConfiguration{}
			if g.chance(0.9) {
				c.CollectionName = aws.String(g.textOr([]string{"weights", "gradients", "losses", "biases"}, 1, 256, lineRunes))
			}
			if g.chance(0.5) {
				c.CollectionParameters = d.configMap(20, []string{"save_interval", "reductions"}, []string{"500", "mean,max"})
			}
			h.CollectionConfigurations = append(h.CollectionConfigurations, c)
		}
	}
	return h
}

// configMap returns a map of up to limit configuration entries: keys of 1 to
// 256 characters, values of up to 256.
func (d *draft) configMap(limit int, keys, values []string) map[string]string {
	m := map[string]string{}
	for range d.g.count(0, limit) {
		m[d.g.textOr(keys, 1, 256, lineRunes)] = d.g.textOr(values, 0, 256, lineRunes)
	}
	return m
}

// debugRules returns Debugger or profiler rules with distinct names; the
// two shapes have the same members.
func (d *draft) debugRules() []types.DebugRuleConfiguration {
	g := d.g
	names := []string{"LossNotDecreasing", "VanishingGradient", "Overfit", "ProfilerReport", "LowGPUUtilization", "CPUBottleneck"}
	seen := map[string]bool{}
	var out []types.DebugRuleConfiguration
	for i := range g.count(1, 20) {
		name := g.textOr(names, 1, 256, lineRunes)
		if seen[name] {
			name = "rule-" + strconv.Itoa(i)
		}
		seen[name] = true
		r := types.DebugRuleConfiguration{
			RuleConfigurationName: aws.String(name),
			RuleEvaluatorImage:    aws.String(d.image("sagemaker-debugger-rules")),
		}
		if g.chance(0.3) {
			r.InstanceType = pickOne(g, types.ProcessingInstanceType("").Values())
		}
		if g.chance(0.2) {
			r.LocalPath = aws.String(g.textOr([]string{"/opt/ml/processing/output/rule"}, 0, 4096, lineRunes))
		}
		if g.chance(0.6) {
			r.RuleParameters = d.configMap(100, []string{"rule_to_invoke", "threshold"}, []string{name, "0.5"})
		}
		if g.chance(0.3) {
			r.S3OutputPath = aws.String(d.s3("rule-output/" + strconv.Itoa(i)))
		}
		if g.chance(0.3) {
			r.VolumeSizeInGB = aws.Int32(int32(g.between(0, 100)))
		}
		out = append(out, r)
	}
	return out
}

// ruleStatus reports on a rule, as far as the job has got.
func (d *draft) ruleStatus(name *string) types.ProfilerRuleEvaluationStatus {
	g := d.g
	var status types.RuleEvaluationStatus
	switch {
	case d.finished:
		status = pickOne(g, []types.RuleEvaluationStatus{types.RuleEvaluationStatusNoIssuesFound, types.RuleEvaluationStatusIssuesFound,
			types.RuleEvaluationStatusError, types.RuleEvaluationStatusStopped})
	case d.primary == trainingjob.StatusStopping:
		status = pickOne(g, []types.RuleEvaluationStatus{types.RuleEvaluationStatusInProgress, types.RuleEvaluationStatusStopping})
	default:
		status = pickOne(g, []types.RuleEvaluationStatus{types.RuleEvaluationStatusInProgress, types.RuleEvaluationStatusNoIssuesFound, types.RuleEvaluationStatusIssuesFound})
	}
	prefix := d.name
	if len(prefix) > 40 {
		prefix = strings.TrimRight(prefix[:40], "-")
	}
	s := types.ProfilerRuleEvaluationStatus{
		RuleConfigurationName: aws.String(*name),
		RuleEvaluationStatus:  status,
		LastModifiedTime:      aws.Time(d.timeBetween(d.trainingStart, d.latest())),
	}
	if g.chance(0.9) {
		s.RuleEvaluationJobArn = aws.String(d.arn("processing-job/" + prefix + "-" + g.runes(8, hexRunes)))
	}
	if status == types.RuleEvaluationStatusError || status == types.RuleEvaluationStatusIssuesFound || g.chance(0.1) {
		s.StatusDetails = aws.String(g.textOr([]string{"RuleEvaluationConditionMet: Evaluation of the rule " + *name + " at step 500 resulted in the condition being met"}, 0, 1024, lineRunes))
	}
	return s
}

func (d *draft) profiler() *types.ProfilerConfig {
	g := d.g
	p := &types.ProfilerConfig{}
	if g.chance(0.8) {
		p.S3OutputPath = aws.String(d.s3("profiler-output"))
	}
	if g.chance(0.6) {
		p.ProfilingIntervalInMilliseconds = aws.Int64(int64(pickOne(g, []int{100, 200, 500, 1000, 5000, 60000})))
	}
	if g.chance(0.3) {
		p.DisableProfiler = aws.Bool(g.chance(0.5))
	}
	if g.chance(0.4) {
		p.ProfilingParameters = d.configMap(20, []string{"DataloaderProfilingConfig", "PythonProfilingConfig", "DetailedProfilingConfig"},
			[]string{`{"StartStep": 5, "NumSteps": 3, "MetricsRegex": ".*"}`, `{"ProfilerName": "cprofile", "cProfileTimer": "total_time"}`})
	}
	return p
}

func (d *draft) serverless() *types.ServerlessJobConfig {
	g := d.g
	s := &types.ServerlessJobConfig{
		BaseModelArn: aws.String("arn:" + d.partition + ":sagemaker:" + d.region + ":aws:hub-content/SageMakerPublicHub/Model/" +
			pickOne(g, []string{"meta-textgeneration-llama-3-8b", "huggingface-llm-mistral-7b"}) + "/" + strconv.Itoa(g.between(1, 9)) + ".0." + strconv.Itoa(g.between(0, 30))),
		JobType: pickOne(g, types.ServerlessJobType("").Values()),
	}
	if g.chance(0.7) {
		s.AcceptEula = aws.Bool(true)
	}
	if g.chance(0.6) {
		s.CustomizationTechnique = pickOne(g, types.CustomizationTechnique("").Values())
	}
	if s.JobType == types.ServerlessJobTypeEvaluation && g.chance(0.7) {
		s.EvaluationType = pickOne(g, types.EvaluationType("").Values())
		s.EvaluatorArn = aws.String(d.arn("hub-content/evaluators/" + g.entityName(30)))
	}
	if g.chance(0.4) {
		s.Peft = pickOne(g, types.Peft("").Values())
	}
	if g.chance(0.4) {
		s.SequenceLength = aws.String(strconv.Itoa(pickOne(g, []int{2, 4, 8, 16, 32, 128})) + "K")
	}
	return s
}
