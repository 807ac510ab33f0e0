package trainingjob

import (
	"strconv"
	"strings"

	"github.com/trainingjob-go/trainingjob/internal/wire"
)

// Status is the primary status of a training job, the member the API calls
// TrainingJobStatus. It says where the job is in its life.
//
// A Status holds the service's string exactly. Values this version of the
// package does not know (a value the service added later) are kept as they
// are when decoding; IsKnown reports whether a value is one of the constants
// below.
type Status string

// The primary statuses the service defines.
const (
	StatusInProgress Status = "InProgress"
	StatusCompleted  Status = "Completed"
	StatusFailed     Status = "Failed"
	StatusStopping   Status = "Stopping"
	StatusStopped    Status = "Stopped"
	StatusDeleting   Status = "Deleting"
)

var statusValues = [...]Status{
	StatusInProgress,
	StatusCompleted,
	StatusFailed,
	StatusStopping,
	StatusStopped,
	StatusDeleting,
}

// Values returns every known primary status in the service model's order.
// The receiver is ignored, as in aws-sdk-go-v2, so Status("").Values() works;
// each call returns a new slice that the caller may modify.
func (Status) Values() []Status {
	out := make([]Status, len(statusValues))
	copy(out, statusValues[:])
	return out
}

// IsKnown reports whether s is one of the primary statuses this package
// defines.
func (s Status) IsKnown() bool {
	switch s {
	case StatusInProgress, StatusCompleted, StatusFailed, StatusStopping, StatusStopped, StatusDeleting:
		return true
	}
	return false
}

// IsTerminal reports whether a job with primary status s has finished for
// good: Completed, Failed or Stopped. Deleting is not terminal in this sense
// (the job is on its way out of existence, see Outcome), and neither is an
// unknown value.
func (s Status) IsTerminal() bool {
	switch s {
	case StatusCompleted, StatusFailed, StatusStopped:
		return true
	}
	return false
}

// String returns the service's spelling of s.
func (s Status) String() string { return string(s) }

// MarshalText returns the bytes of s unchanged, known or not.
func (s Status) MarshalText() ([]byte, error) { return []byte(s), nil }

// UnmarshalText stores text in s exactly as given. It never fails: a value
// this package does not know is kept so that it survives a round trip; use
// IsKnown, or ParseStatus for input typed by a person, to reject it.
func (s *Status) UnmarshalText(text []byte) error {
	*s = Status(text)
	return nil
}

// ParseStatus converts text typed by a person into a Status. Unlike
// UnmarshalText it accepts only the known values, spelled as the service
// spells them; otherwise it returns an *EnumError that lists the valid values
// (and matches ErrNotSupported with errors.Is).
func ParseStatus(text string) (Status, error) {
	s := Status(text)
	if s.IsKnown() {
		return s, nil
	}
	return "", newEnumError("Status", text, statusValues[:])
}

// SecondaryStatus says what a training job is doing right now, in more
// detail than its Status. The service also uses it as the Status of each
// SecondaryStatusTransition in the job's history.
//
// Like Status, it holds the service's string exactly and keeps unknown
// values when decoding.
type SecondaryStatus string

// The secondary statuses the service defines. LaunchingMLInstances,
// PreparingTrainingStack and DownloadingTrainingImage are deprecated: only
// jobs from the second half of 2018 carry them (see IsDeprecated).
const (
	SecondaryStatusStarting                 SecondaryStatus = "Starting"
	SecondaryStatusLaunchingMLInstances     SecondaryStatus = "LaunchingMLInstances"
	SecondaryStatusPreparingTrainingStack   SecondaryStatus = "PreparingTrainingStack"
	SecondaryStatusDownloading              SecondaryStatus = "Downloading"
	SecondaryStatusDownloadingTrainingImage SecondaryStatus = "DownloadingTrainingImage"
	SecondaryStatusTraining                 SecondaryStatus = "Training"
	SecondaryStatusUploading                SecondaryStatus = "Uploading"
	SecondaryStatusStopping                 SecondaryStatus = "Stopping"
	SecondaryStatusStopped                  SecondaryStatus = "Stopped"
	SecondaryStatusMaxRuntimeExceeded       SecondaryStatus = "MaxRuntimeExceeded"
	SecondaryStatusCompleted                SecondaryStatus = "Completed"
	SecondaryStatusFailed                   SecondaryStatus = "Failed"
	SecondaryStatusInterrupted              SecondaryStatus = "Interrupted"
	SecondaryStatusMaxWaitTimeExceeded      SecondaryStatus = "MaxWaitTimeExceeded"
	SecondaryStatusUpdating                 SecondaryStatus = "Updating"
	SecondaryStatusRestarting               SecondaryStatus = "Restarting"
	SecondaryStatusPending                  SecondaryStatus = "Pending"
)

var secondaryStatusValues = [...]SecondaryStatus{
	SecondaryStatusStarting,
	SecondaryStatusLaunchingMLInstances,
	SecondaryStatusPreparingTrainingStack,
	SecondaryStatusDownloading,
	SecondaryStatusDownloadingTrainingImage,
	SecondaryStatusTraining,
	SecondaryStatusUploading,
	SecondaryStatusStopping,
	SecondaryStatusStopped,
	SecondaryStatusMaxRuntimeExceeded,
	SecondaryStatusCompleted,
	SecondaryStatusFailed,
	SecondaryStatusInterrupted,
	SecondaryStatusMaxWaitTimeExceeded,
	SecondaryStatusUpdating,
	SecondaryStatusRestarting,
	SecondaryStatusPending,
}

// Values returns every known secondary status in the service model's order.
// The receiver is ignored, as in aws-sdk-go-v2; each call returns a new
// slice.
func (SecondaryStatus) Values() []SecondaryStatus {
	out := make([]SecondaryStatus, len(secondaryStatusValues))
	copy(out, secondaryStatusValues[:])
	return out
}

// IsKnown reports whether s is one of the secondary statuses this package
// defines, deprecated ones included.
func (s SecondaryStatus) IsKnown() bool {
	switch s {
	case SecondaryStatusStarting, SecondaryStatusLaunchingMLInstances, SecondaryStatusPreparingTrainingStack,
		SecondaryStatusDownloading, SecondaryStatusDownloadingTrainingImage, SecondaryStatusTraining,
		SecondaryStatusUploading, SecondaryStatusStopping, SecondaryStatusStopped,
		SecondaryStatusMaxRuntimeExceeded, SecondaryStatusCompleted, SecondaryStatusFailed,
		SecondaryStatusInterrupted, SecondaryStatusMaxWaitTimeExceeded, SecondaryStatusUpdating,
		SecondaryStatusRestarting, SecondaryStatusPending:
		return true
	}
	return false
}

// IsTerminal reports whether s ends a job's history: Completed, Failed,
// Stopped, MaxRuntimeExceeded or MaxWaitTimeExceeded. Only the last entry of
// a history may carry a terminal status.
func (s SecondaryStatus) IsTerminal() bool {
	switch s {
	case SecondaryStatusCompleted, SecondaryStatusFailed, SecondaryStatusStopped,
		SecondaryStatusMaxRuntimeExceeded, SecondaryStatusMaxWaitTimeExceeded:
		return true
	}
	return false
}

// IsDeprecated reports whether s is one of the three statuses the service
// stopped using at the end of 2018: LaunchingMLInstances,
// PreparingTrainingStack and DownloadingTrainingImage. Old jobs still carry
// them, so they remain valid.
func (s SecondaryStatus) IsDeprecated() bool {
	switch s {
	case SecondaryStatusLaunchingMLInstances, SecondaryStatusPreparingTrainingStack,
		SecondaryStatusDownloadingTrainingImage:
		return true
	}
	return false
}

// Primaries returns the primary statuses that s may go with at the default
// validation strength, in the order of Status.Values. It returns nil for an
// unknown s. The result is a new slice.
func (s SecondaryStatus) Primaries() []Status {
	var out []Status
	for _, p := range pairings {
		if p.Secondary == s {
			out = append(out, p.Primary)
		}
	}
	return out
}

// String returns the service's spelling of s.
func (s SecondaryStatus) String() string { return string(s) }

// MarshalText returns the bytes of s unchanged, known or not.
func (s SecondaryStatus) MarshalText() ([]byte, error) { return []byte(s), nil }

// UnmarshalText stores text in s exactly as given and never fails, so that a
// value added to the service after this package was released survives a
// round trip.
func (s *SecondaryStatus) UnmarshalText(text []byte) error {
	*s = SecondaryStatus(text)
	return nil
}

// ParseSecondaryStatus converts text typed by a person into a
// SecondaryStatus. It accepts only known values, spelled exactly as the
// service spells them, and otherwise returns an *EnumError listing the valid
// values.
func ParseSecondaryStatus(text string) (SecondaryStatus, error) {
	s := SecondaryStatus(text)
	if s.IsKnown() {
		return s, nil
	}
	return "", newEnumError("SecondaryStatus", text, secondaryStatusValues[:])
}

// EnumError reports a value that is not one of an enumeration's known
// values. The parse functions return it; it matches ErrNotSupported with
// errors.Is.
type EnumError struct {
	// TypeName names the enumeration, such as "Status".
	TypeName string
	// Value is the text that was rejected. Error quotes at most its first
	// 24 bytes, escaped.
	Value string
	// Valid lists the accepted spellings.
	Valid []string
	// Suggestion is a valid value that differs from Value only in letter
	// case or surrounding space, or "" when there is none.
	Suggestion string
}

func newEnumError[T ~string](typeName, value string, valid []T) *EnumError {
	e := &EnumError{TypeName: typeName, Value: value, Valid: make([]string, len(valid))}
	for i, v := range valid {
		e.Valid[i] = string(v)
		if e.Suggestion == "" && strings.EqualFold(strings.TrimSpace(value), string(v)) {
			e.Suggestion = string(v)
		}
	}
	return e
}

// Error describes the rejected value and lists the valid ones.
func (e *EnumError) Error() string {
	var b strings.Builder
	b.WriteString("trainingjob: unknown ")
	b.WriteString(e.TypeName)
	b.WriteString(" ")
	b.WriteString(wire.Excerpt(e.Value, wire.ExcerptMax))
	if e.Suggestion != "" {
		b.WriteString(" (did you mean ")
		b.WriteString(strconv.Quote(e.Suggestion))
		b.WriteString("?)")
	}
	b.WriteString("; valid values: ")
	b.WriteString(strings.Join(e.Valid, ", "))
	return b.String()
}

// Is reports whether target is ErrNotSupported.
func (e *EnumError) Is(target error) bool { return target == ErrNotSupported }

// Evidence records why the package believes a primary and a secondary status
// can appear together. It is a set of flags.
type Evidence uint8

// The kinds of evidence behind a pairing.
const (
	// EvidenceDocumented: the service documentation names the pairing.
	EvidenceDocumented Evidence = 1 << iota
	// EvidenceSeen: the pairing appears in real DescribeTrainingJob
	// responses or events.
	EvidenceSeen
	// EvidenceInferred: nothing documents the pairing; it follows from what
	// the status means (for example, only a finished job can be deleted).
	EvidenceInferred
	// EvidenceLagging: the secondary status has not caught up yet with a
	// stop request: the job is Stopping while its secondary status still
	// says what it was doing. The service sends such pairs for a while (for
	// a job stopped before its instances came up, until it is Stopped), so
	// both validation strengths accept them.
	EvidenceLagging
)

// String lists the flags of e joined by "+", such as "documented+seen".
func (e Evidence) String() string {
	if e == 0 {
		return "none"
	}
	names := [...]string{"documented", "seen", "inferred", "lagging"}
	var b strings.Builder
	for i, n := range names {
		if e&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(n)
		}
	}
	if rest := e &^ (1<<len(names) - 1); rest != 0 {
		if b.Len() > 0 {
			b.WriteByte('+')
		}
		b.WriteString("unknown")
	}
	return b.String()
}

// Pairing is one row of the status table: a primary status, a secondary
// status that may go with it, and the evidence for the pair.
type Pairing struct {
	Primary   Status
	Secondary SecondaryStatus
	Evidence  Evidence
}

// Lenient reports whether the pair is legal only at the default validation
// strength. No pair of the current table is: lagging secondaries, the only
// pairs that once were, are what the service normally sends while a job
// stops, so strict accepts them too (see pairings).
// It stays so that a pair the service sends only in rare conditions can be
// marked again without changing the API.
func (p Pairing) Lenient() bool { return false }

// pairings is the one place where the package records which secondary
// statuses go with which primary status. Everything else (Primaries,
// Secondaries, CheckPair, validation) reads it.
//
// Stopping with a lagging secondary. The documentation pairs Stopping only
// with the secondary status Stopping, also for a spot job whose instances
// were never launched
// (https://docs.amazonaws.cn/en_us/sagemaker/latest/dg/model-managed-spot-training-status.html:
// "InProgress: Starting", then "Stopping: Stopping", then "Stopped:
// MaxWaitTimeExceeded"). Issue 21 reports two independent real captures, from
// 2018 and 2021, of jobs stopped before their instances came up whose
// response pairs Stopping with Starting, and takes that pair to be what the
// service normally sends. Searching public issues, pages and code for those
// captures (for "TrainingJobStatus": "Stopping" with "SecondaryStatus":
// "Starting") found neither, only mocks that set TrainingJobStatus to
// Stopping alone; the EvidenceSeen flag of Stopping with Starting rests on
// the report and on testdata/describe/stopping-lagging.json, which
// reproduces it. No capture shows Stopping with Downloading, Training or the
// other InProgress secondaries; they are accepted on the same reasoning (the
// secondary status is updated after the primary one), not on evidence.
var pairings = [...]Pairing{
	{StatusInProgress, SecondaryStatusStarting, EvidenceDocumented | EvidenceSeen},
	{StatusInProgress, SecondaryStatusPending, EvidenceDocumented | EvidenceSeen},
	{StatusInProgress, SecondaryStatusDownloading, EvidenceDocumented | EvidenceSeen},
	{StatusInProgress, SecondaryStatusTraining, EvidenceDocumented | EvidenceSeen},
	{StatusInProgress, SecondaryStatusUploading, EvidenceDocumented | EvidenceSeen},
	{StatusInProgress, SecondaryStatusInterrupted, EvidenceDocumented},
	{StatusInProgress, SecondaryStatusRestarting, EvidenceInferred},
	{StatusInProgress, SecondaryStatusUpdating, EvidenceInferred},
	{StatusInProgress, SecondaryStatusLaunchingMLInstances, EvidenceDocumented},
	{StatusInProgress, SecondaryStatusPreparingTrainingStack, EvidenceDocumented},
	{StatusInProgress, SecondaryStatusDownloadingTrainingImage, EvidenceDocumented},

	{StatusCompleted, SecondaryStatusCompleted, EvidenceDocumented | EvidenceSeen},

	{StatusFailed, SecondaryStatusFailed, EvidenceDocumented | EvidenceSeen},

	{StatusStopping, SecondaryStatusStopping, EvidenceDocumented},
	{StatusStopping, SecondaryStatusStarting, EvidenceLagging | EvidenceSeen},
	{StatusStopping, SecondaryStatusPending, EvidenceLagging},
	{StatusStopping, SecondaryStatusDownloading, EvidenceLagging},
	{StatusStopping, SecondaryStatusTraining, EvidenceLagging},
	{StatusStopping, SecondaryStatusUploading, EvidenceLagging},
	{StatusStopping, SecondaryStatusInterrupted, EvidenceLagging},
	{StatusStopping, SecondaryStatusRestarting, EvidenceLagging},
	{StatusStopping, SecondaryStatusUpdating, EvidenceLagging},
	{StatusStopping, SecondaryStatusLaunchingMLInstances, EvidenceLagging},
	{StatusStopping, SecondaryStatusPreparingTrainingStack, EvidenceLagging},
	{StatusStopping, SecondaryStatusDownloadingTrainingImage, EvidenceLagging},

	{StatusStopped, SecondaryStatusStopped, EvidenceDocumented | EvidenceSeen},
	{StatusStopped, SecondaryStatusMaxRuntimeExceeded, EvidenceDocumented | EvidenceSeen},
	{StatusStopped, SecondaryStatusMaxWaitTimeExceeded, EvidenceDocumented | EvidenceSeen},

	{StatusDeleting, SecondaryStatusCompleted, EvidenceInferred},
	{StatusDeleting, SecondaryStatusFailed, EvidenceInferred},
	{StatusDeleting, SecondaryStatusStopped, EvidenceInferred},
	{StatusDeleting, SecondaryStatusMaxRuntimeExceeded, EvidenceInferred},
	{StatusDeleting, SecondaryStatusMaxWaitTimeExceeded, EvidenceInferred},
}

// Pairings returns the whole status table: every legal pair of a primary and
// a secondary status with its evidence, lenient pairs included. The result is
// a new slice.
func Pairings() []Pairing {
	out := make([]Pairing, len(pairings))
	copy(out, pairings[:])
	return out
}

// Secondaries returns the secondary statuses that may go with primary, in
// table order. With Strict() it leaves out lenient pairs, of which the
// current table has none, so both strengths give the same list. It returns
// nil for an unknown primary.
func Secondaries(primary Status, opts ...ValidateOption) []SecondaryStatus {
	return secondaries(primary, newValidateConfig(opts).strict)
}

func secondaries(primary Status, strict bool) []SecondaryStatus {
	var out []SecondaryStatus
	for _, p := range pairings {
		if p.Primary == primary && (!strict || !p.Lenient()) {
			out = append(out, p.Secondary)
		}
	}
	return out
}

// PairVerdict is the answer of CheckPair.
type PairVerdict uint8

// The verdicts CheckPair gives.
const (
	// PairIllegal: both statuses are known and the service never pairs them.
	PairIllegal PairVerdict = iota
	// PairLegal: the pair is legal at both validation strengths.
	PairLegal
	// PairLenient: the pair is legal at the default strength only. No pair
	// of the current table has this verdict (see Pairing.Lenient).
	PairLenient
	// PairUnknown: at least one of the statuses is not known to this
	// package, so the table cannot judge the pair. Default validation
	// accepts it; strict validation rejects the unknown value.
	PairUnknown
)

// String returns the verdict's name: "illegal", "legal", "lenient" or
// "unknown".
func (v PairVerdict) String() string {
	switch v {
	case PairIllegal:
		return "illegal"
	case PairLegal:
		return "legal"
	case PairLenient:
		return "lenient"
	case PairUnknown:
		return "unknown"
	}
	return "PairVerdict(" + strconv.Itoa(int(v)) + ")"
}

// Allowed reports whether validation with opts accepts a pair with this
// verdict: at the default strength every verdict but PairIllegal, with
// Strict() only PairLegal.
func (v PairVerdict) Allowed(opts ...ValidateOption) bool {
	switch v {
	case PairLegal:
		return true
	case PairLenient, PairUnknown:
		return !newValidateConfig(opts).strict
	}
	return false
}

// CheckPair looks the pair up in the status table.
func CheckPair(primary Status, secondary SecondaryStatus) PairVerdict {
	p, ok := LookupPair(primary, secondary)
	switch {
	case ok && p.Lenient():
		return PairLenient
	case ok:
		return PairLegal
	case !primary.IsKnown() || !secondary.IsKnown():
		return PairUnknown
	}
	return PairIllegal
}

// LookupPair returns the table row for the pair and whether there is one.
func LookupPair(primary Status, secondary SecondaryStatus) (Pairing, bool) {
	for _, p := range pairings {
		if p.Primary == primary && p.Secondary == secondary {
			return p, true
		}
	}
	return Pairing{}, false
}

// Outcome names how a training job ended, or that it has not ended. The
// package does not decide whether a stopped job is a success: the outcome
// says precisely what happened and the caller decides.
type Outcome uint8

// The outcomes ClassifyOutcome gives.
const (
	// OutcomeUnknown: the statuses do not say how the job ended (an unknown
	// or missing primary status, or Stopped without a known reason).
	OutcomeUnknown Outcome = iota
	// OutcomeRunning: the job has not finished. This includes a job whose
	// spot instances were interrupted and that will resume, and a job that
	// is stopping.
	OutcomeRunning
	// OutcomeSucceeded: the job completed.
	OutcomeSucceeded
	// OutcomeFailed: the job failed; its FailureReason says why.
	OutcomeFailed
	// OutcomeStoppedByUser: someone called StopTrainingJob.
	OutcomeStoppedByUser
	// OutcomeMaxRuntimeExceeded: the service stopped the job when it ran
	// past StoppingCondition.MaxRuntimeInSeconds.
	OutcomeMaxRuntimeExceeded
	// OutcomeMaxWaitTimeExceeded: the service stopped a managed spot job
	// that waited for capacity past StoppingCondition.MaxWaitTimeInSeconds.
	OutcomeMaxWaitTimeExceeded
	// OutcomeDeleting: the job is being deleted.
	OutcomeDeleting
)

var outcomeNames = [...]string{
	OutcomeUnknown:             "Unknown",
	OutcomeRunning:             "Running",
	OutcomeSucceeded:           "Succeeded",
	OutcomeFailed:              "Failed",
	OutcomeStoppedByUser:       "StoppedByUser",
	OutcomeMaxRuntimeExceeded:  "MaxRuntimeExceeded",
	OutcomeMaxWaitTimeExceeded: "MaxWaitTimeExceeded",
	OutcomeDeleting:            "Deleting",
}

// String returns the outcome's name, such as "StoppedByUser".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText returns the outcome's name, so outcomes read well in JSON.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// IsFinal reports whether the outcome will not change any more: every
// outcome but Running, Deleting and Unknown.
func (o Outcome) IsFinal() bool {
	switch o {
	case OutcomeSucceeded, OutcomeFailed, OutcomeStoppedByUser,
		OutcomeMaxRuntimeExceeded, OutcomeMaxWaitTimeExceeded:
		return true
	}
	return false
}

// ClassifyOutcome names the outcome of a job from its two statuses. A
// Stopped job is classified by its secondary status (Stopped,
// MaxRuntimeExceeded or MaxWaitTimeExceeded); with any other secondary
// status the reason is not known and the outcome is OutcomeUnknown.
func ClassifyOutcome(primary Status, secondary SecondaryStatus) Outcome {
	switch primary {
	case StatusInProgress, StatusStopping:
		return OutcomeRunning
	case StatusCompleted:
		return OutcomeSucceeded
	case StatusFailed:
		return OutcomeFailed
	case StatusDeleting:
		return OutcomeDeleting
	case StatusStopped:
		switch secondary {
		case SecondaryStatusStopped:
			return OutcomeStoppedByUser
		case SecondaryStatusMaxRuntimeExceeded:
			return OutcomeMaxRuntimeExceeded
		case SecondaryStatusMaxWaitTimeExceeded:
			return OutcomeMaxWaitTimeExceeded
		}
	}
	return OutcomeUnknown
}
