package trainingjob

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"
)

// RedactedValue stands in for the value of every Environment and
// HyperParameters entry when a TrainingJob is formatted or logged.
const RedactedValue = "[REDACTED]"

// redacted returns j with the values of Environment and HyperParameters
// replaced by RedactedValue, keeping their keys: the secrets the package
// keeps out of fmt's output. Every Format of the package that prints a job
// goes through it.
func (j TrainingJob) redacted() TrainingJob {
	j.HyperParameters = redactMap(j.HyperParameters)
	j.Environment = redactMap(j.Environment)
	return j
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
// but with the values of Environment and HyperParameters shown by %+v and
// %#v. (The one-line summary of %v and %s shows neither map.)
func (r RevealedTrainingJob) Format(f fmt.State, verb rune) {
	formatJob(f, verb, TrainingJob(r), true, "RevealedTrainingJob")
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
