package trainingjob

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/trainingjob-go/trainingjob/internal/wire"
)

// The kinds of problem validation reports. Every FieldError carries one of
// them as its Kind, so callers can test for a kind with errors.Is on the
// error Validate returns.
var (
	// ErrRequired: a member that must be present is absent.
	ErrRequired = errors.New("required")
	// ErrForbidden: a member is present where it must not be.
	ErrForbidden = errors.New("forbidden")
	// ErrInvalid: a value is malformed or contradicts another member.
	ErrInvalid = errors.New("invalid")
	// ErrNotSupported: an enumeration value this package does not know.
	ErrNotSupported = errors.New("not supported")
	// ErrTooLong: a string has more characters than the API allows.
	ErrTooLong = errors.New("too long")
	// ErrTooMany: a list or map has more entries than the API allows.
	ErrTooMany = errors.New("too many")
	// ErrOutOfRange: a number lies outside the range the API allows.
	ErrOutOfRange = errors.New("out of range")
	// ErrOutOfOrder: times that run backwards.
	ErrOutOfOrder = errors.New("out of order")
	// ErrIllegalPair: a secondary status that cannot go with the primary
	// status.
	ErrIllegalPair = errors.New("illegal status pair")
)

// FieldError is one problem found by validation, located by a path of wire
// member names such as SecondaryStatusTransitions[3].EndTime or
// HyperParameters["lr"].
type FieldError struct {
	// Field is the path to the member; "" stands for the value as a whole.
	Field string
	// Kind is the kind of problem: one of ErrRequired, ErrForbidden,
	// ErrInvalid, ErrNotSupported, ErrTooLong, ErrTooMany, ErrOutOfRange,
	// ErrOutOfOrder or ErrIllegalPair. DecodeError names its kind the same
	// way.
	Kind error
	// BadValue is the offending value, or nil when the member is absent or
	// its value is withheld: the entries of a map (hyperparameters and
	// environment variables may hold secrets), and any string that is too
	// long, whose length the Detail gives instead.
	BadValue any
	// Detail explains the problem in words.
	Detail string
}

// Error formats the problem as "Field: kind: value: detail", leaving out the
// parts that are empty.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("problem")
	}
	if e.BadValue != nil {
		b.WriteString(": ")
		b.WriteString(formatValue(e.BadValue))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns the kind of problem, so that errors.Is(err, ErrRequired)
// works on a FieldError.
func (e *FieldError) Unwrap() error { return e.Kind }

// MaxFieldErrors is the most problems a ValidationError lists: 100.
// Validation goes on counting past them, without allocating, and the
// ValidationError says how many more there were (Omitted). A job that is
// really wrong has a handful of problems, and a hundred say all there is to
// say about one that is not a job at all, such as a history of millions of
// empty entries, which would otherwise give millions of problems and
// gigabytes of errors.
const MaxFieldErrors = 100

// ValidationError carries the problems validation found in one value: all
// of them, or the first MaxFieldErrors and the count of the rest. Its
// Errors are in a deterministic order: the order of the checks, with map
// entries sorted by key.
type ValidationError struct {
	// TypeName names the type of the value validated: "TrainingJob",
	// "SecondaryStatusTransition" or "CreateTrainingJobInput".
	TypeName string
	// Name is the training job's name, when it has one.
	Name string
	// Errors lists the problems, at most MaxFieldErrors of them; it is
	// never empty.
	Errors []*FieldError
	// Omitted is how many problems were found beyond those Errors lists:
	// zero unless Errors holds MaxFieldErrors.
	Omitted int
}

// Total returns how many problems validation found: those listed in
// Errors and those Omitted.
func (e *ValidationError) Total() int { return len(e.Errors) + e.Omitted }

// Error lists the problems on one line, ending with "; ... and N more
// problems" when some were omitted.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("trainingjob: ")
	b.WriteString(e.TypeName)
	if e.Name != "" {
		b.WriteString(" ")
		b.WriteString(wire.Excerpt(e.Name, nameExcerptMax))
	}
	b.WriteString(" is invalid: ")
	for i, fe := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(fe.Error())
	}
	if e.Omitted > 0 {
		b.WriteString("; ")
		b.WriteString(e.OmittedLine())
	}
	return b.String()
}

// OmittedLine returns "... and N more problems" (N written with thousands
// separators, as in 9,999,901), saying how many problems Errors leaves out,
// or "" when it leaves out none.
func (e *ValidationError) OmittedLine() string {
	switch e.Omitted {
	case 0:
		return ""
	case 1:
		return "... and 1 more problem"
	}
	return "... and " + groupThousands(e.Omitted) + " more problems"
}

// groupThousands writes n with a comma between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// Unwrap returns the field errors, so that errors.Is and errors.As look
// through a ValidationError to each FieldError and its Kind.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// Filter returns the field errors whose Kind is kind.
func (e *ValidationError) Filter(kind error) []*FieldError {
	var out []*FieldError
	for _, fe := range e.Errors {
		if errors.Is(fe, kind) {
			out = append(out, fe)
		}
	}
	return out
}

// ValidateOption adjusts validation. Every function and method that
// validates takes any number of them: TrainingJob.Validate,
// SecondaryStatusTransition.Validate, ValidateCreateInput, the builders'
// Build and MustBuild, and the status table's Secondaries and
// PairVerdict.Allowed. Options apply in order; a nil ValidateOption changes
// nothing.
type ValidateOption func(*validateConfig)

// validateConfig is what the ValidateOptions of one call set.
type validateConfig struct {
	strict bool
	// event: the job was read from an EventBridge event (AsEvent).
	event bool
}

// Strict selects the strict strength. Besides everything the default
// strength rejects, it rejects what the service would not normally send:
// enumeration values neither the service model nor aws-sdk-go-v2 lists (the
// statuses and every nested enumeration); a history that does not start at
// CreationTime, has an open entry before the last, leaves a gap between
// entries or does not end in SecondaryStatus; in a finished job, an open last entry or a terminal entry
// that lasts any time or does not start at TrainingEndTime; a FailureReason
// on a job that did not fail, or none on one that did; a
// TrainingTimeInSeconds more than two seconds away from TrainingEndTime -
// TrainingStartTime; and the absence of members the DescribeTrainingJob
// response always has for a finished job. Use it for jobs built by hand,
// such as test fixtures, and add AsEvent for a job read from an event, whose
// form has no end times (Document.Validate adds it by itself).
//
// Strict accepts what the service normally sends, though the documentation
// does not list it: Stopping with a secondary status that still lags behind
// the stop request (Starting, Training, and the other InProgress
// secondaries; see Pairings), Deleting with the job's terminal secondary
// status, and statuses visited again after a spot interruption.
func Strict() ValidateOption { return setStrict }

func setStrict(c *validateConfig) { c.strict = true }

// AsEvent tells validation that the job was read from an EventBridge "SageMaker
// Training Job State Change" event rather than a DescribeTrainingJob response.
// It changes only what Strict demands: the event form carries no EndTime on
// any history entry, so strict validation neither requires them (before the
// last entry, nor on the last entry of a finished job) nor finds gaps between
// entries; it still requires the terminal entry of a finished job to start at
// TrainingEndTime. Nor does it require ModelArtifacts of a completed job: the
// documentation's sample event of a completed job has none
// (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html).
// At the default strength AsEvent changes nothing, since the default already
// accepts a history without end times. Document.Validate applies it by itself
// to a document of FormEvent.
func AsEvent() ValidateOption { return setEvent }

func setEvent(c *validateConfig) { c.event = true }

// validateConfigs holds the configs that options are applied to. An option
// is a function the compiler cannot see into, so a config whose address is
// passed to one would be allocated on every call; reusing them keeps
// validation free of allocations.
var validateConfigs = sync.Pool{New: func() any { return new(validateConfig) }}

// newValidateConfig applies opts, in order, to the default config.
func newValidateConfig(opts []ValidateOption) validateConfig {
	if len(opts) == 0 {
		return validateConfig{}
	}
	c := validateConfigs.Get().(*validateConfig)
	*c = validateConfig{}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	cfg := *c
	validateConfigs.Put(c)
	return cfg
}

// trainingTimeTolerance is how far strict validation lets
// TrainingTimeInSeconds stray from TrainingEndTime - TrainingStartTime, and
// how far validation at any strength lets a per-instance time pass the
// job's lifetime (see checkLifetime): the times are in milliseconds, the
// figures in whole seconds.
const trainingTimeTolerance = 2 * time.Second

// validator collects field errors. It allocates only when it finds a
// problem, so validating a valid job costs no allocations, and only for the
// first MaxFieldErrors problems: past them it only counts (omitted).
// Callers whose arguments cost an allocation (a path, a value, a detail)
// ask room first and build them only when it says yes.
type validator struct {
	strict  bool
	event   bool
	errs    []*FieldError
	omitted int
}

func newValidator(opts []ValidateOption) validator {
	return validatorFor(newValidateConfig(opts))
}

func validatorFor(c validateConfig) validator {
	return validator{strict: c.strict, event: c.event}
}

// room reports whether the next problem is to be kept. When it is not, it
// counts the problem as omitted: a caller that asks must then drop it.
func (v *validator) room() bool {
	if len(v.errs) < MaxFieldErrors {
		return true
	}
	v.omitted++
	return false
}

// add records a problem, or counts it when MaxFieldErrors are kept.
func (v *validator) add(kind error, field string, bad any, detail string) {
	if v.room() {
		v.keep(kind, field, bad, detail)
	}
}

// keep records a problem that room has made room for.
func (v *validator) keep(kind error, field string, bad any, detail string) {
	v.errs = append(v.errs, &FieldError{Field: field, Kind: kind, BadValue: bad, Detail: detail})
}

// addEntry records a problem with member of history entry i (see
// entryPath), building the path only when the problem is kept.
func (v *validator) addEntry(kind error, i int, member string, bad any, detail string) {
	if v.room() {
		v.keep(kind, entryPath(i, member), bad, detail)
	}
}

func (v *validator) result(typeName, name string) error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{TypeName: typeName, Name: name, Errors: v.errs, Omitted: v.omitted}
}

// Validate checks the job and returns nil, or a *ValidationError that holds
// every problem found: the rules that tie the statuses, the history and the
// times together, and every constraint the service model places on the
// members, nested ones included (constraints_gen.go). Without options it uses the default strength, which
// accepts everything the service has been seen to send and rejects what
// cannot be true; pass Strict() for documents built by hand, and AsEvent()
// with it for a job read from an EventBridge event (Document.Validate does
// that by itself). Validate never panics, whatever the job holds, and
// allocates nothing for a valid job.
//
// Validate has a value receiver, so it works on any TrainingJob, such as the
// result of FromSDK or FromDescribeOutput, without a variable to hold it.
// Through a nil *TrainingJob the call itself panics, before Validate runs,
// as with any method that has a value receiver.
func (j TrainingJob) Validate(opts ...ValidateOption) error {
	return j.validate(newValidateConfig(opts))
}

// Validate checks the document's job as TrainingJob.Validate does, knowing
// the form it was read from: for a document of FormEvent it adds AsEvent to
// opts, so that strict validation demands nothing the event form never
// carries. A nil Document gives an error rather than a panic. Like
// TrainingJob.Validate, it allocates nothing for a valid job.
func (d *Document) Validate(opts ...ValidateOption) error {
	if d == nil {
		return errNilDocument
	}
	c := newValidateConfig(opts)
	if d.Form == FormEvent {
		c.event = true
	}
	return d.Job.validate(c)
}

var errNilDocument = errors.New("trainingjob: Validate called on a nil *Document")

func (j *TrainingJob) validate(c validateConfig) error {
	v := validatorFor(c)
	v.checkName(j)
	v.checkJobModel(j)
	v.checkStatuses(j)
	v.checkTimes(j)
	v.checkHistory(j)
	v.checkDurations(j)
	v.checkFailureReason(j)
	if v.strict {
		v.checkFinishedMembers(j)
	}
	return v.result("TrainingJob", j.TrainingJobName)
}

// Validate checks one history entry on its own: Status and StartTime are
// required and EndTime may not come before StartTime; with Strict, an
// unknown Status is rejected too. Paths in the result name the entry's
// members without a prefix.
func (t SecondaryStatusTransition) Validate(opts ...ValidateOption) error {
	v := newValidator(opts)
	v.checkTransition(-1, &t)
	return v.result("SecondaryStatusTransition", "")
}

// checkName requires a name and checks that the ARN, when there is one,
// names the same job. The service writes the name inside the ARN in lower
// case, so the comparison ignores case. The forms of both are checked
// against the model's patterns in constraints_gen.go.
func (v *validator) checkName(j *TrainingJob) {
	name := j.TrainingJobName
	if name == "" {
		v.add(ErrRequired, "TrainingJobName", nil, "")
	}
	const marker = ":training-job/"
	arn := j.TrainingJobArn
	if i := strings.LastIndex(arn, marker); i >= 0 && name != "" && !strings.EqualFold(arn[i+len(marker):], name) {
		v.add(ErrInvalid, "TrainingJobArn", arn, "names job "+wire.Excerpt(arn[i+len(marker):], nameExcerptMax)+", not "+wire.Excerpt(name, nameExcerptMax))
	}
}

func (v *validator) checkStatuses(j *TrainingJob) {
	p, s := j.TrainingJobStatus, j.SecondaryStatus
	switch {
	case p == "":
		v.add(ErrRequired, "TrainingJobStatus", nil, "")
	case v.strict && !p.IsKnown():
		v.add(ErrNotSupported, "TrainingJobStatus", string(p), "valid values: "+joinValues(statusValues[:]))
	}
	switch {
	case s == "":
		if v.strict {
			v.add(ErrRequired, "SecondaryStatus", nil, "")
		}
		return
	case v.strict && !s.IsKnown():
		v.add(ErrNotSupported, "SecondaryStatus", string(s), "valid values: "+joinValues(secondaryStatusValues[:]))
		return
	}
	if p == "" {
		return
	}
	switch verdict := CheckPair(p, s); {
	case verdict == PairIllegal:
		v.add(ErrIllegalPair, "SecondaryStatus", string(s), fmt.Sprintf("cannot go with TrainingJobStatus %s, which allows %s",
			p, joinValues(secondaries(p, v.strict))))
	case verdict == PairLenient && v.strict:
		v.add(ErrIllegalPair, "SecondaryStatus", string(s), fmt.Sprintf("lags behind TrainingJobStatus %s; only %s is accepted in strict mode",
			p, joinValues(secondaries(p, true))))
	}
}

func (v *validator) checkTimes(j *TrainingJob) {
	created, start, end := j.CreationTime, j.TrainingStartTime, j.TrainingEndTime
	if !start.IsZero() && !created.IsZero() && start.Before(created) {
		v.add(ErrOutOfOrder, "TrainingStartTime", start, "before CreationTime "+formatTime(created))
	}
	switch {
	case end.IsZero():
	case !start.IsZero() && end.Before(start):
		v.add(ErrOutOfOrder, "TrainingEndTime", end, "before TrainingStartTime "+formatTime(start))
	case !created.IsZero() && end.Before(created):
		v.add(ErrOutOfOrder, "TrainingEndTime", end, "before CreationTime "+formatTime(created))
	}
	if mod := j.LastModifiedTime; !mod.IsZero() && !created.IsZero() && mod.Before(created) {
		v.add(ErrOutOfOrder, "LastModifiedTime", mod, "before CreationTime "+formatTime(created))
	}
	if end.IsZero() && endedAs(j, StatusCompleted, SecondaryStatusCompleted) {
		v.add(ErrRequired, "TrainingEndTime", nil, "a completed job has an end time")
	}
}

const historyField = "SecondaryStatusTransitions"

// entryPath returns the path of a member of history entry i, or the bare
// member name when i is negative (an entry validated on its own).
func entryPath(i int, member string) string {
	if i < 0 {
		return member
	}
	return historyField + "[" + strconv.Itoa(i) + "]." + member
}

// checkTransition applies the rules that concern one entry alone.
func (v *validator) checkTransition(i int, t *SecondaryStatusTransition) {
	switch {
	case t.Status == "":
		v.addEntry(ErrRequired, i, "Status", nil, "")
	case v.strict && !t.Status.IsKnown():
		if v.room() {
			v.keep(ErrNotSupported, entryPath(i, "Status"), string(t.Status), "valid values: "+joinValues(secondaryStatusValues[:]))
		}
	}
	if t.StartTime.IsZero() {
		v.addEntry(ErrRequired, i, "StartTime", nil, "")
	} else if !t.EndTime.IsZero() && t.EndTime.Before(t.StartTime) {
		if v.room() {
			v.keep(ErrOutOfOrder, entryPath(i, "EndTime"), t.EndTime, "before StartTime "+formatTime(t.StartTime))
		}
	}
}

func (v *validator) checkHistory(j *TrainingJob) {
	h := j.SecondaryStatusTransitions
	n := len(h)
	if n == 0 {
		return
	}
	anyClosed := false
	for i := range h {
		if !h[i].EndTime.IsZero() {
			anyClosed = true
			break
		}
	}
	finished := j.TrainingJobStatus.IsTerminal() || j.TrainingJobStatus == StatusDeleting
	for i := range h {
		t := &h[i]
		v.checkTransition(i, t)
		last := i == n-1
		if !last && t.Status.IsTerminal() {
			if v.room() {
				v.keep(ErrInvalid, entryPath(i, "Status"), string(t.Status), "a terminal status may only end the history")
			}
		}
		if i == 0 && !t.StartTime.IsZero() && !j.CreationTime.IsZero() {
			switch {
			case t.StartTime.Before(j.CreationTime):
				if v.room() {
					v.keep(ErrOutOfOrder, entryPath(i, "StartTime"), t.StartTime, "before CreationTime "+formatTime(j.CreationTime))
				}
			case v.strict && !t.StartTime.Equal(j.CreationTime):
				if v.room() {
					v.keep(ErrInvalid, entryPath(i, "StartTime"), t.StartTime, "the history starts at CreationTime "+formatTime(j.CreationTime))
				}
			}
		}
		if i > 0 && !t.StartTime.IsZero() && !h[i-1].StartTime.IsZero() && t.StartTime.Before(h[i-1].StartTime) {
			if v.room() {
				v.keep(ErrOutOfOrder, entryPath(i, "StartTime"), t.StartTime,
					fmt.Sprintf("before the StartTime of entry %d, %s", i-1, formatTime(h[i-1].StartTime)))
			}
		}
		if t.EndTime.IsZero() {
			switch {
			case !last && (anyClosed || v.strict && !v.event):
				v.addEntry(ErrRequired, i, "EndTime", nil, "only the last entry may be open")
			case last && finished && v.strict && !v.event:
				v.addEntry(ErrRequired, i, "EndTime", nil, "the history of a finished job is closed")
			case last && finished && v.strict && t.Status.IsTerminal() && !t.StartTime.IsZero():
				// An event's terminal entry has no EndTime to check, but
				// its start is still TrainingEndTime.
				v.checkFinalStart(i, t, j.TrainingEndTime)
			}
			continue
		}
		if last && v.strict && finished && t.Status.IsTerminal() && !t.StartTime.IsZero() && !t.EndTime.Before(t.StartTime) {
			v.checkFinalEntry(i, t, j.TrainingEndTime)
		}
		if last || !t.StartTime.IsZero() && t.EndTime.Before(t.StartTime) {
			// Nothing more to say about a final entry, nor about one whose
			// own interval is already reported as running backwards.
			continue
		}
		next := h[i+1].StartTime
		switch {
		case next.IsZero():
		case t.EndTime.After(next):
			if v.room() {
				v.keep(ErrOutOfOrder, entryPath(i, "EndTime"), t.EndTime,
					fmt.Sprintf("after entry %d starts, at %s", i+1, formatTime(next)))
			}
		case v.strict && t.EndTime.Before(next):
			if v.room() {
				v.keep(ErrInvalid, entryPath(i, "EndTime"), t.EndTime,
					fmt.Sprintf("leaves a gap of %s before entry %d starts", next.Sub(t.EndTime), i+1))
			}
		}
	}
	if v.strict && j.SecondaryStatus != "" && h[n-1].Status != j.SecondaryStatus {
		v.add(ErrInvalid, entryPath(n-1, "Status"), string(h[n-1].Status), "differs from SecondaryStatus "+statusExcerpt(string(j.SecondaryStatus)))
	}
}

// checkFinalEntry applies the strict rule for the terminal entry of a
// finished job: it lasts no time and starts at TrainingEndTime.
func (v *validator) checkFinalEntry(i int, t *SecondaryStatusTransition, end time.Time) {
	if !t.EndTime.Equal(t.StartTime) {
		if v.room() {
			v.keep(ErrInvalid, entryPath(i, "EndTime"), t.EndTime, "the terminal entry of a finished job ends when it starts, at "+formatTime(t.StartTime))
		}
	}
	v.checkFinalStart(i, t, end)
}

// checkFinalStart applies the strict rule that the terminal entry of a
// finished job starts at TrainingEndTime.
func (v *validator) checkFinalStart(i int, t *SecondaryStatusTransition, end time.Time) {
	if !end.IsZero() && !t.StartTime.Equal(end) {
		if v.room() {
			v.keep(ErrInvalid, entryPath(i, "StartTime"), t.StartTime, "the terminal entry starts at TrainingEndTime "+formatTime(end))
		}
	}
}

func (v *validator) checkDurations(j *TrainingJob) {
	billableOver := j.BillableTimeInSeconds > 0 && j.TrainingTimeInSeconds > 0 && j.BillableTimeInSeconds > j.TrainingTimeInSeconds
	if billableOver {
		v.add(ErrInvalid, "BillableTimeInSeconds", j.BillableTimeInSeconds,
			fmt.Sprintf("more than TrainingTimeInSeconds %d", j.TrainingTimeInSeconds))
	}
	trainingOver := v.checkLifetime(j, "TrainingTimeInSeconds", j.TrainingTimeInSeconds)
	if !billableOver && !trainingOver {
		v.checkLifetime(j, "BillableTimeInSeconds", j.BillableTimeInSeconds)
	}
	if trainingOver || !v.strict || j.TrainingTimeInSeconds <= 0 || j.TrainingStartTime.IsZero() || j.TrainingEndTime.IsZero() {
		return
	}
	span := j.TrainingEndTime.Sub(j.TrainingStartTime)
	diff := span - time.Duration(j.TrainingTimeInSeconds)*time.Second
	if diff < 0 {
		diff = -diff
	}
	if diff > trainingTimeTolerance {
		v.add(ErrInvalid, "TrainingTimeInSeconds", j.TrainingTimeInSeconds,
			fmt.Sprintf("TrainingEndTime - TrainingStartTime is %s", span))
	}
}

// checkLifetime reports a per-instance time, TrainingTimeInSeconds or
// BillableTimeInSeconds, that is longer than the job has existed: from
// CreationTime (or, without it, TrainingStartTime) to TrainingEndTime. No
// job trains longer than it lives, so such a figure cannot be true at any
// strength; it is also what makes totals over the instances absurd, such
// as 2,000,000,000 seconds (63 years) on a job that ran for an hour. A job
// that has not ended has no TrainingEndTime to compare with. It reports
// whether it found the problem.
func (v *validator) checkLifetime(j *TrainingJob, member string, seconds int32) bool {
	from, fromName := j.CreationTime, "CreationTime"
	if from.IsZero() {
		from, fromName = j.TrainingStartTime, "TrainingStartTime"
	}
	end := j.TrainingEndTime
	if seconds <= 0 || from.IsZero() || end.IsZero() || end.Before(from) {
		return false
	}
	life := end.Sub(from)
	if time.Duration(seconds)*time.Second <= life+trainingTimeTolerance {
		return false
	}
	v.add(ErrInvalid, member, seconds, fmt.Sprintf("longer than the job has existed: TrainingEndTime - %s is %s", fromName, life))
	return true
}

// endedAs reports whether the job ended with the given statuses: its primary
// status is p, or it is being deleted and its secondary status is s.
func endedAs(j *TrainingJob, p Status, s SecondaryStatus) bool {
	return j.TrainingJobStatus == p || j.TrainingJobStatus == StatusDeleting && j.SecondaryStatus == s
}

func (v *validator) checkFailureReason(j *TrainingJob) {
	reason := j.FailureReason
	if !v.strict {
		return
	}
	switch f := endedAs(j, StatusFailed, SecondaryStatusFailed); {
	case f && reason == "":
		v.add(ErrRequired, "FailureReason", nil, "a failed job says why it failed")
	case !f && reason != "":
		v.add(ErrForbidden, "FailureReason", reason, "only a failed job has one")
	}
}

// checkFinishedMembers requires, of a finished job, the members that the
// DescribeTrainingJob response always carries for one.
func (v *validator) checkFinishedMembers(j *TrainingJob) {
	if !j.TrainingJobStatus.IsTerminal() && j.TrainingJobStatus != StatusDeleting {
		return
	}
	const detail = "the service always sends it for a finished job"
	if j.TrainingJobArn == "" {
		v.add(ErrRequired, "TrainingJobArn", nil, detail)
	}
	if j.CreationTime.IsZero() {
		v.add(ErrRequired, "CreationTime", nil, detail)
	}
	if j.StoppingCondition == nil {
		v.add(ErrRequired, "StoppingCondition", nil, detail)
	}
	if j.ModelArtifacts == nil && endedAs(j, StatusCompleted, SecondaryStatusCompleted) && !v.event {
		v.add(ErrRequired, "ModelArtifacts", nil, "a completed job has model artifacts")
	}
}

func joinValues[T ~string](values []T) string {
	var b strings.Builder
	for i, s := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(s))
	}
	return b.String()
}

// formatTime writes t as RFC 3339 in UTC with milliseconds, the finest
// precision the service uses.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

func formatValue(x any) string {
	switch x := x.(type) {
	case string:
		// The value is the document's own text: quoted, and cut past
		// nameExcerptMax bytes, so that the error stays short and does
		// not carry the rest of a long value (a secret, say) into a log.
		return wire.Excerpt(x, nameExcerptMax)
	case time.Time:
		return formatTime(x)
	}
	return fmt.Sprint(x)
}

// statusExcerpt writes a status in a problem's detail: as it is when it is
// a plain word, as every status the service sends is, and otherwise quoted
// and cut as any other text of the job's.
func statusExcerpt(s string) string {
	if len(s) <= nameExcerptMax && strings.IndexFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		return s
	}
	return wire.Excerpt(s, nameExcerptMax)
}
