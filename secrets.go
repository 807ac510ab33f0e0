package trainingjob

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"
)

// RedactedValue stands in for the value of every HyperParameters and
// Environment entry when the package prints or logs a job. Those two maps
// often hold credentials; their keys stay visible. This comment is the
// whole promise: the paths below are the ones that redact, the others do
// not, and each is tested.
//
// Redacted:
//
//   - fmt, every verb, on a TrainingJob, *TrainingJob, Document,
//     WatchEvent or *Builder, and on such a value anywhere fmt reaches it
//     through exported struct fields, slice and array elements, map values
//     and interfaces: fmt calls its Format method. Whatever is built on fmt
//     follows: log, testing's t.Log, errors from fmt.Errorf, the "expected"
//     and "actual" lines of testify.
//   - log/slog, with the text and JSON handlers, on a TrainingJob,
//     *TrainingJob, Document or WatchEvent that is an attribute's value,
//     also within slog.Group and Logger.With: slog calls its LogValue,
//     which writes a group of identifying members.
//   - slog's text handler on a slice, map, struct or *Builder that holds a
//     job: it prints a value that has no LogValue with fmt's %+v, so fmt's
//     rules apply, the one for unexported fields below included.
//
// In clear:
//
//   - slog's JSON handler on a slice, map or struct that holds a job, a
//     Document or a WatchEvent: it encodes such a value with encoding/json,
//     which calls the job's MarshalJSON.
//   - Marshal, MarshalJSON, encoding/json and every encoder built on them:
//     they are the wire format, and must read back what was written.
//   - fmt on a job in an unexported struct field, where fmt cannot call a
//     method and prints the fields themselves.
//   - testify's diff, made without calling methods (see TrainingJob's
//     Format for what it shows).
//   - The SDK conversions, and WatchEvent.Output, which holds the job in
//     the SDK's form.
//   - RevealSecrets, on purpose.
//
// To log many jobs, or to encode jobs in any of the ways above that show
// the values, pass copies made by TrainingJob.Redacted: they carry
// RedactedValue in the maps themselves, so every encoder writes it.
//
// Only these two maps are redacted. The parameter maps of SageMaker
// Debugger and the profiler (DebugHookConfig.HookParameters, the
// RuleParameters of DebugRuleConfigurations and
// ProfilerRuleConfigurations, ProfilerConfig.ProfilingParameters) print as
// they are, as Tags do: they hold the settings of the service's own tools
// (intervals, collections, rule thresholds), which is what a reader of a
// printed job needs to see. Validation errors and the fake's messages
// withhold the values of every map.
const RedactedValue = "[REDACTED]"

// Redacted returns a deep copy of j (see Clone) whose HyperParameters and
// Environment keep their keys and carry RedactedValue as every value; nil
// and empty maps stay as they are. Marshal, encoding/json, slog's JSON
// handler and any other encoder write the copy without the secrets, so it
// is the way to log or encode jobs where RedactedValue's list says the
// values would show, such as a slice of jobs given to slog's JSON handler.
// j itself is not changed.
func (j TrainingJob) Redacted() TrainingJob {
	c := j.Clone()
	for k := range c.HyperParameters {
		c.HyperParameters[k] = RedactedValue
	}
	for k := range c.Environment {
		c.Environment[k] = RedactedValue
	}
	return c
}

// redacted returns j with the values of Environment and HyperParameters
// replaced by RedactedValue, keeping their keys. Unlike Redacted it shares
// every other member with j, which suits a job that is only read: every
// Format of the package that prints a job goes through it.
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
// key). Use RevealSecrets to log the values. slog calls LogValue only for
// an attribute's value, not for a job inside a slice, map or struct; see
// RedactedValue.
func (j TrainingJob) LogValue() slog.Value {
	return slog.GroupValue(j.logAttrs(true)...)
}

// LogValue makes a document logged through log/slog a group: Form, the
// form's name; Job, the job's group as TrainingJob's LogValue writes it,
// secrets redacted; and for an event, Event, a group of the envelope's ID,
// Time, Account and Region when present.
func (d Document) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("Form", d.Form.String()),
		{Key: "Job", Value: d.Job.LogValue()},
	}
	if e := d.Event; e != nil {
		var env []slog.Attr
		for _, a := range []struct{ key, v string }{{"ID", e.ID}, {"Account", e.Account}, {"Region", e.Region}} {
			if a.v != "" {
				env = append(env, slog.String(a.key, a.v))
			}
		}
		if !e.Time.IsZero() {
			env = append(env, slog.Time("Time", e.Time))
		}
		attrs = append(attrs, slog.Attr{Key: "Event", Value: slog.GroupValue(env...)})
	}
	return slog.GroupValue(attrs...)
}

// LogValue makes a watch event logged through log/slog a group: Job, the
// job's group as TrainingJob's LogValue writes it, secrets redacted;
// Outcome by name; Changes, the number of changes; and Time when set.
// Output, which holds the job in the SDK's form with its secrets, and
// Lines are left out.
func (e WatchEvent) LogValue() slog.Value {
	attrs := []slog.Attr{
		{Key: "Job", Value: e.Job.LogValue()},
		slog.String("Outcome", e.Outcome.String()),
		slog.Int("Changes", len(e.Changes)),
	}
	if !e.Time.IsZero() {
		attrs = append(attrs, slog.Time("Time", e.Time))
	}
	return slog.GroupValue(attrs...)
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
