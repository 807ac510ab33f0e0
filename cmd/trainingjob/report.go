package main

import (
	"errors"
	"maps"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/trainingjob-go/trainingjob"
)

// reportSchemaVersion is the version of inspect's --json object. It changes
// only when a member is removed or changes meaning; new members may be
// added without a change.
const reportSchemaVersion = 1

// report is what inspect shows, and, as it is, the object inspect --json
// writes. Every member is always present; what the document does not say
// is null. Times are RFC 3339 in UTC with milliseconds, durations are
// seconds (with a millisecond fraction where one can occur).
type report struct {
	SchemaVersion int `json:"schemaVersion"`
	// File is the path read, "-" for standard input.
	File string `json:"file"`
	// Form is "describe" (a DescribeTrainingJob response from the API or
	// the AWS CLI), "event" (EventBridge) or "search" (a Search record).
	Form  string       `json:"form"`
	Event *reportEvent `json:"event"`

	Name              string  `json:"name"`
	Arn               *string `json:"arn"`
	Status            string  `json:"status"`
	SecondaryStatus   string  `json:"secondaryStatus"`
	Outcome           string  `json:"outcome"`
	Finished          bool    `json:"finished"`
	FailureReason     *string `json:"failureReason"`
	CreationTime      *string `json:"creationTime"`
	TrainingStartTime *string `json:"trainingStartTime"`
	TrainingEndTime   *string `json:"trainingEndTime"`
	LastModifiedTime  *string `json:"lastModifiedTime"`
	// AsOf is the moment open phases are measured to; AsOfSource says where
	// it came from: "flag" (--now) or "document" (the latest time the
	// document records).
	AsOf       *string `json:"asOf"`
	AsOfSource string  `json:"asOfSource"`

	InstanceType         *string  `json:"instanceType"`
	InstanceCount        *int     `json:"instanceCount"`
	ManagedSpot          bool     `json:"managedSpot"`
	MaxRuntimeSeconds    *int64   `json:"maxRuntimeSeconds"`
	MaxWaitTimeSeconds   *int64   `json:"maxWaitTimeSeconds"`
	TrainingTimeSeconds  *int64   `json:"trainingTimeSeconds"`
	BillableTimeSeconds  *int64   `json:"billableTimeSeconds"`
	TotalTrainingSeconds *int64   `json:"totalTrainingSeconds"`
	TotalBillableSeconds *int64   `json:"totalBillableSeconds"`
	SpotSavings          *float64 `json:"spotSavings"`
	ModelArtifacts       *string  `json:"modelArtifacts"`
	// HyperParameters and Environment map each key to its value, or to
	// trainingjob.RedactedValue unless SecretsShown (--show-secrets): their
	// values often hold credentials. null when the document has none.
	HyperParameters       map[string]string `json:"hyperParameters"`
	Environment           map[string]string `json:"environment"`
	SecretsShown          bool              `json:"secretsShown"`
	FinalMetrics          []metric          `json:"finalMetrics"`
	Timeline              timeline          `json:"timeline"`
	Validation            validity          `json:"validation"`
	StrictFindingsSkipped int               `json:"-"` // findings strict mode adds, for the text view's hint
}

type reportEvent struct {
	ID     string  `json:"id"`
	Time   *string `json:"time"`
	Region string  `json:"region"`
	Source string  `json:"source"`
}

type metric struct {
	Name  string   `json:"name"`
	Value *float64 `json:"value"`
}

type timeline struct {
	Phases []phase `json:"phases"`
	Gaps   []gap   `json:"gaps"`
	// Totals sum the phases: queued (Starting, Pending and the 2018
	// preparation statuses), downloading, training, uploading, interrupted,
	// and total, from the first phase's start to the last one's end.
	Totals totals `json:"totals"`
}

type phase struct {
	Index           int     `json:"index"`
	Status          string  `json:"status"`
	Start           *string `json:"start"`
	End             *string `json:"end"`
	DurationSeconds float64 `json:"durationSeconds"`
	// Open: the phase has not ended; its duration runs to asOf.
	Open bool `json:"open"`
	// EndInferred: the document gives no EndTime for this entry (as in
	// EventBridge events), so the end is the next entry's start, or the
	// start itself for the terminal entry of a finished job.
	EndInferred bool   `json:"endInferred"`
	Message     string `json:"message"`

	start, end time.Time
	duration   time.Duration
}

type gap struct {
	After           int     `json:"after"`
	Start           string  `json:"start"`
	End             string  `json:"end"`
	DurationSeconds float64 `json:"durationSeconds"`

	start    time.Time
	duration time.Duration
}

type totals struct {
	QueuedSeconds      float64 `json:"queuedSeconds"`
	DownloadingSeconds float64 `json:"downloadingSeconds"`
	TrainingSeconds    float64 `json:"trainingSeconds"`
	UploadingSeconds   float64 `json:"uploadingSeconds"`
	InterruptedSeconds float64 `json:"interruptedSeconds"`
	TotalSeconds       float64 `json:"totalSeconds"`

	queued, downloading, training, uploading, interrupted, total time.Duration
}

type validity struct {
	// Strength is "default" or "strict".
	Strength string    `json:"strength"`
	Valid    bool      `json:"valid"`
	Findings []finding `json:"findings"`
	// Omitted counts the problems found beyond the findings listed, which
	// are at most trainingjob.MaxFieldErrors; absent when none are.
	Omitted int `json:"omitted,omitempty"`
}

// total is the number of problems found, listed or omitted.
func (v validity) total() int { return len(v.Findings) + v.Omitted }

type finding struct {
	// Field is the member's path, such as
	// SecondaryStatusTransitions[3].EndTime; "" for the job as a whole.
	Field string `json:"field"`
	// Kind is the kind of problem: required, forbidden, invalid, not
	// supported, too long, too many, out of range, out of order, illegal
	// status pair.
	Kind string `json:"kind"`
	// Problem is the message without the field: kind, value and detail.
	Problem string `json:"problem"`
}

// decodeFailure is inspect --json's object for a document it cannot read.
type decodeFailure struct {
	SchemaVersion int         `json:"schemaVersion"`
	File          string      `json:"file"`
	Error         decodeError `json:"error"`
}

type decodeError struct {
	// Kind: invalid JSON, wrong JSON type, invalid timestamp, document too
	// large, document nested too deeply, unsupported document.
	Kind    string `json:"kind"`
	Path    string `json:"path"`
	Offset  int64  `json:"offset"`
	Message string `json:"message"`
}

func newDecodeFailure(file string, err error) decodeFailure {
	f := decodeFailure{SchemaVersion: reportSchemaVersion, File: file, Error: decodeError{Message: err.Error()}}
	var de *trainingjob.DecodeError
	if errors.As(err, &de) {
		f.Error = decodeError{Path: de.Path, Offset: de.Offset, Message: de.Msg}
		if de.Kind != nil {
			f.Error.Kind = de.Kind.Error()
		}
	}
	return f
}

// formName is the short name of a document form.
func formName(f trainingjob.Form) string {
	switch f {
	case trainingjob.FormDescribe:
		return "describe"
	case trainingjob.FormEvent:
		return "event"
	case trainingjob.FormSearchRecord:
		return "search"
	}
	return strings.ToLower(f.String())
}

// asOf is the moment open phases are measured to when --now is not given:
// the latest moment the document records. That keeps inspect's output the
// same on every run; for a running job it is usually a little before the
// real present.
func asOf(doc *trainingjob.Document) time.Time {
	j := &doc.Job
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	if doc.Event != nil {
		later(doc.Event.Time)
	}
	later(j.CreationTime)
	later(j.TrainingStartTime)
	later(j.TrainingEndTime)
	later(j.LastModifiedTime)
	for _, e := range j.SecondaryStatusTransitions {
		later(e.StartTime)
		later(e.EndTime)
	}
	if !j.TrainingStartTime.IsZero() && j.TrainingTimeInSeconds > 0 && j.TrainingEndTime.IsZero() {
		// While a job runs, TrainingTimeInSeconds is the time elapsed since
		// it started.
		later(j.TrainingStartTime.Add(time.Duration(j.TrainingTimeInSeconds) * time.Second))
	}
	return t
}

// newReport builds the report of doc read from file. now is --now, or zero.
func newReport(file string, doc *trainingjob.Document, now time.Time, strict bool) *report {
	j := &doc.Job
	r := &report{
		SchemaVersion:     reportSchemaVersion,
		File:              file,
		Form:              formName(doc.Form),
		Name:              j.TrainingJobName,
		Arn:               optString(j.TrainingJobArn),
		Status:            string(j.TrainingJobStatus),
		SecondaryStatus:   string(j.SecondaryStatus),
		Outcome:           j.Outcome().String(),
		Finished:          j.Outcome().IsFinal(),
		FailureReason:     optString(j.FailureReason),
		CreationTime:      optTime(j.CreationTime),
		TrainingStartTime: optTime(j.TrainingStartTime),
		TrainingEndTime:   optTime(j.TrainingEndTime),
		LastModifiedTime:  optTime(j.LastModifiedTime),
		ManagedSpot:       j.EnableManagedSpotTraining,
		FinalMetrics:      []metric{},
		HyperParameters:   redacted(j.HyperParameters),
		Environment:       redacted(j.Environment),
	}
	if ev := doc.Event; ev != nil {
		r.Event = &reportEvent{ID: ev.ID, Time: optTime(ev.Time), Region: ev.Region, Source: ev.Source}
	}
	r.AsOfSource = "flag"
	if now.IsZero() {
		now, r.AsOfSource = asOf(doc), "document"
	}
	r.AsOf = optTime(now)

	if rc := j.ResourceConfig; rc != nil {
		if rc.InstanceType != "" {
			r.InstanceType = optString(string(rc.InstanceType))
		} else if len(rc.InstanceGroups) > 0 {
			var names []string
			for _, g := range rc.InstanceGroups {
				names = append(names, string(g.InstanceType))
			}
			r.InstanceType = optString(strings.Join(names, "+"))
		}
	}
	d := j.Durations()
	if d.Instances > 0 {
		n := d.Instances
		r.InstanceCount = &n
	}
	if sc := j.StoppingCondition; sc != nil {
		if sc.MaxRuntimeInSeconds != nil && *sc.MaxRuntimeInSeconds > 0 {
			v := int64(*sc.MaxRuntimeInSeconds)
			r.MaxRuntimeSeconds = &v
		}
		if sc.MaxWaitTimeInSeconds != nil && *sc.MaxWaitTimeInSeconds > 0 {
			v := int64(*sc.MaxWaitTimeInSeconds)
			r.MaxWaitTimeSeconds = &v
		}
	}
	r.TrainingTimeSeconds = optSeconds(d.TrainingTime, d.HasTrainingTime)
	r.BillableTimeSeconds = optSeconds(d.BillableTime, d.HasBillableTime)
	// The totals in int64 seconds: a Duration cannot hold every total.
	r.TotalTrainingSeconds = optInt64(d.TotalTrainingSeconds, d.HasTotalTraining)
	r.TotalBillableSeconds = optInt64(d.TotalBillableSeconds, d.HasTotalBillable)
	if d.HasSpotSavings {
		v := math.Round(d.SpotSavings*10000) / 10000
		r.SpotSavings = &v
	}
	if m := j.ModelArtifacts; m != nil && m.S3ModelArtifacts != nil {
		r.ModelArtifacts = optString(*m.S3ModelArtifacts)
	}
	for _, m := range j.FinalMetricDataList {
		if m.MetricName == nil || m.Value == nil {
			continue
		}
		r.FinalMetrics = append(r.FinalMetrics, metric{Name: *m.MetricName, Value: roundFloat32(*m.Value)})
	}

	r.Timeline = newTimelineReport(j, now)
	r.Validation = newValidity(doc, strict)
	if !strict {
		r.StrictFindingsSkipped = newValidity(doc, true).total() - r.Validation.total()
	}
	return r
}

func newTimelineReport(j *trainingjob.TrainingJob, now time.Time) timeline {
	tl := trainingjob.NewTimeline(j, now)
	out := timeline{Phases: []phase{}, Gaps: []gap{}}
	for _, p := range tl.Phases {
		ph := phase{
			Index: p.Index, Status: string(p.Status), Start: optTime(p.Start), End: optTime(p.End),
			DurationSeconds: seconds(p.Duration), Open: p.Open, EndInferred: p.EndInferred, Message: p.Message,
			start: p.Start, end: p.End, duration: p.Duration,
		}
		out.Phases = append(out.Phases, ph)
	}
	for _, g := range tl.Gaps {
		out.Gaps = append(out.Gaps, gap{After: g.After, Start: formatTime(g.Start), End: formatTime(g.End),
			DurationSeconds: seconds(g.Duration), start: g.Start, duration: g.Duration})
	}
	out.Totals = totals{
		queued: tl.Queued, downloading: tl.Downloading, training: tl.Training,
		uploading: tl.Uploading, interrupted: tl.Interrupted, total: tl.Total,
		QueuedSeconds: seconds(tl.Queued), DownloadingSeconds: seconds(tl.Downloading),
		TrainingSeconds: seconds(tl.Training), UploadingSeconds: seconds(tl.Uploading),
		InterruptedSeconds: seconds(tl.Interrupted), TotalSeconds: seconds(tl.Total),
	}
	return out
}

// newValidity validates doc knowing its form, so that strict validation of
// an event demands nothing the event form never carries.
func newValidity(doc *trainingjob.Document, strict bool) validity {
	v := validity{Strength: "default", Findings: []finding{}}
	var opts []trainingjob.ValidateOption
	if strict {
		v.Strength = "strict"
		opts = append(opts, trainingjob.Strict())
	}
	v.Findings, v.Omitted = findingsOf(doc.Validate(opts...))
	v.Valid = len(v.Findings) == 0
	return v
}

// findingsOf lists the field errors of a Validate error, at most
// trainingjob.MaxFieldErrors, and returns the count of those omitted.
func findingsOf(err error) ([]finding, int) {
	out := []finding{}
	if err == nil {
		return out, 0
	}
	var ve *trainingjob.ValidationError
	if !errors.As(err, &ve) {
		return append(out, finding{Kind: "invalid", Problem: err.Error()}), 0
	}
	for _, fe := range ve.Errors {
		f := finding{Field: fe.Field, Problem: fe.Error()}
		if fe.Kind != nil {
			f.Kind = fe.Kind.Error()
		}
		if fe.Field != "" {
			f.Problem = strings.TrimPrefix(f.Problem, fe.Field+": ")
		}
		out = append(out, f)
	}
	return out, ve.Omitted
}

// jsonTime is how the JSON output writes times.
const jsonTime = "2006-01-02T15:04:05.000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(jsonTime) }

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := formatTime(t)
	return &s
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optSeconds(d time.Duration, ok bool) *int64 {
	return optInt64(int64(d/time.Second), ok)
}

func optInt64(v int64, ok bool) *int64 {
	if !ok {
		return nil
	}
	return &v
}

// seconds gives d in seconds, to the millisecond.
func seconds(d time.Duration) float64 {
	return float64(d.Round(time.Millisecond)/time.Millisecond) / 1000
}

// roundFloat32 widens a float32 to the shortest float64 that reads back as
// the same float32 (0.981 rather than 0.9810000061988831), or nil for NaN
// and infinities, which JSON cannot hold.
func roundFloat32(f float32) *float64 {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return nil
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(f), 'g', -1, 32), 64)
	return &v
}

// redacted returns a copy of m with every value replaced by
// trainingjob.RedactedValue; nil stays nil.
func redacted(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = trainingjob.RedactedValue
	}
	return out
}

// showSecrets puts the values of j's HyperParameters and Environment into
// the report, for --show-secrets.
func (r *report) showSecrets(j *trainingjob.TrainingJob) {
	r.HyperParameters = maps.Clone(j.HyperParameters)
	r.Environment = maps.Clone(j.Environment)
	r.SecretsShown = true
}
