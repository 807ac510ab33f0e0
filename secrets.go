package trainingjob

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"
)

// RedactedValue stands in for the value of every Environment and
// HyperParameters entry when a TrainingJob is formatted or logged.
const RedactedValue = "[REDACTED]"

// Format writes the job for the fmt package with the values of Environment
// and HyperParameters replaced by RedactedValue, since those often hold API
// keys and passwords; their keys are kept, so the output still says which
// variables and hyperparameters the job has. Every verb and flag prints what
// it would print for the struct without this method (%v, %+v, %s, %#v, %q,
// %x and the rest), only redacted. Use RevealSecrets to format the values
// too.
//
// Format affects fmt and what is built on it (log, testing's t.Log,
// testify's messages); Marshal, MarshalJSON and the SDK conversions are
// untouched and carry the values in full. testify's diff of two jobs that
// differ is printed without methods, so it shows the values that differ.
func (j TrainingJob) Format(f fmt.State, verb rune) {
	j.HyperParameters = redactMap(j.HyperParameters)
	j.Environment = redactMap(j.Environment)
	formatPlain(f, verb, plainJob(j), "plainJob", "TrainingJob")
}

// plainJob is TrainingJob without its methods, so fmt prints its fields.
type plainJob TrainingJob

// formatPlain prints v with the verb and flags of f, renaming the type in
// the Go syntax of %#v. (fmt answers %T and %p itself.)
func formatPlain(f fmt.State, verb rune, v any, from, to string) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if verb == 'v' && f.Flag('#') {
		s = strings.Replace(s, "trainingjob."+from, "trainingjob."+to, 1)
	}
	_, _ = fmt.Fprint(f, s)
}

// redactMap returns a copy of m with every value replaced by RedactedValue;
// nil stays nil and empty stays empty.
func redactMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = RedactedValue
	}
	return out
}

// LogValue makes a job logged through log/slog a group of its identifying
// members: name, ARN, the two statuses, the failure reason and the times
// when present, the number of history entries, and the keys of
// HyperParameters and Environment with their values redacted (sorted by
// key). Use RevealSecrets to log the values.
func (j TrainingJob) LogValue() slog.Value {
	return slog.GroupValue(j.logAttrs(true)...)
}

func (j *TrainingJob) logAttrs(redact bool) []slog.Attr {
	attrs := []slog.Attr{slog.String("TrainingJobName", j.TrainingJobName)}
	addString := func(key, v string) {
		if v != "" {
			attrs = append(attrs, slog.String(key, v))
		}
	}
	addTime := func(key string, t time.Time) {
		if !t.IsZero() {
			attrs = append(attrs, slog.Time(key, t))
		}
	}
	addString("TrainingJobArn", j.TrainingJobArn)
	addString("TrainingJobStatus", string(j.TrainingJobStatus))
	addString("SecondaryStatus", string(j.SecondaryStatus))
	addString("FailureReason", j.FailureReason)
	addTime("CreationTime", j.CreationTime)
	addTime("TrainingStartTime", j.TrainingStartTime)
	addTime("TrainingEndTime", j.TrainingEndTime)
	addTime("LastModifiedTime", j.LastModifiedTime)
	attrs = append(attrs, slog.Int("SecondaryStatusTransitions", len(j.SecondaryStatusTransitions)))
	addMap := func(key string, m map[string]string) {
		if m == nil {
			return
		}
		group := make([]any, 0, len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			v := m[k]
			if redact {
				v = RedactedValue
			}
			group = append(group, slog.String(k, v))
		}
		attrs = append(attrs, slog.Group(key, group...))
	}
	addMap("HyperParameters", j.HyperParameters)
	addMap("Environment", j.Environment)
	return attrs
}

// RevealSecrets returns the job as a RevealedTrainingJob, which formats and
// logs like the job but with the values of Environment and HyperParameters
// in full. Call it only where those values may be seen: they often hold
// credentials.
func (j TrainingJob) RevealSecrets() RevealedTrainingJob { return RevealedTrainingJob(j) }

// RevealedTrainingJob is a TrainingJob whose formatting and logging do not
// redact Environment and HyperParameters; see TrainingJob.RevealSecrets.
// Convert it back with TrainingJob(r).
type RevealedTrainingJob TrainingJob

// Format writes the job for the fmt package as TrainingJob's Format does,
// but with every value shown.
func (r RevealedTrainingJob) Format(f fmt.State, verb rune) {
	formatPlain(f, verb, plainJob(r), "plainJob", "RevealedTrainingJob")
}

// LogValue makes the job a log/slog group as TrainingJob's LogValue does,
// but with the values of HyperParameters and Environment shown.
func (r RevealedTrainingJob) LogValue() slog.Value {
	j := TrainingJob(r)
	return slog.GroupValue(j.logAttrs(false)...)
}

// MarshalJSON writes the job as Marshal does.
func (r RevealedTrainingJob) MarshalJSON() ([]byte, error) {
	j := TrainingJob(r)
	return Marshal(&j)
}

// Format writes the builder for the fmt package as fmt would, but with the
// job it holds formatted by TrainingJob's Format, so that printing a
// builder does not reveal Environment and HyperParameters values either.
func (b *Builder) Format(f fmt.State, verb rune) {
	if b == nil {
		_, _ = fmt.Fprint(f, "<nil>")
		return
	}
	j := b.job
	j.HyperParameters = redactMap(j.HyperParameters)
	j.Environment = redactMap(j.Environment)
	s := fmt.Sprintf(fmt.FormatString(f, verb), &struct{ job plainJob }{plainJob(j)})
	if verb == 'v' && f.Flag('#') {
		s = strings.Replace(s, "&struct { job trainingjob.plainJob }", "&trainingjob.Builder", 1)
		s = strings.Replace(s, "trainingjob.plainJob{", "trainingjob.TrainingJob{", 1)
	}
	_, _ = fmt.Fprint(f, s)
}
