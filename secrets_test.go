package trainingjob_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// secretJob is a job whose Environment and HyperParameters hold values that
// must never show: each secret is a distinct word so a leak is easy to spot.
func secretJob() tj.TrainingJob {
	j := completedJob()
	j.Environment = map[string]string{"WANDB_API_KEY": "wandb-s3cr3t", "HF_TOKEN": "hf_t0ken"}
	j.HyperParameters = map[string]string{"api_key": "hp-s3cr3t", "lr": "0.0123"}
	return j
}

var secretValues = []string{"wandb-s3cr3t", "hf_t0ken", "hp-s3cr3t", "0.0123"}
var secretKeys = []string{"WANDB_API_KEY", "HF_TOKEN", "api_key", "lr"}

func assertRedacted(t *testing.T, out string, what string) {
	t.Helper()
	for _, v := range secretValues {
		assert.NotContains(t, out, v, "%s leaks a value", what)
	}
}

func TestFormatRedactsEveryVerb(t *testing.T) {
	job := secretJob()
	for _, verb := range []string{"%v", "%+v", "%s", "%#v", "%q", "%x", "%X", "%d", "%20v", "%-+v", "%.3s", "% x", "%#+v", "%t", "%e", "%U", "%c", "%o", "%b"} {
		t.Run(verb, func(t *testing.T) {
			for name, arg := range map[string]any{
				"value":   job,
				"pointer": &job,
				"slice":   []tj.TrainingJob{job},
				"nested":  struct{ Job tj.TrainingJob }{job},
				"map":     map[string]tj.TrainingJob{"a": job},
			} {
				out := fmt.Sprintf(verb, arg)
				assertRedacted(t, out, name+" "+verb)
				switch verb {
				case "%v", "%s":
					// The one-line summary names the job and shows
					// neither map.
					assert.Contains(t, out, job.TrainingJobName, "%s %s", name, verb)
					assert.NotContains(t, out, "WANDB_API_KEY", "%s %s", name, verb)
				case "%+v", "%#v", "%-+v", "%#+v":
					assert.Contains(t, out, job.TrainingJobName, "%s %s", name, verb)
					assert.Contains(t, out, tj.RedactedValue, "%s %s", name, verb)
					for _, k := range secretKeys {
						assert.Contains(t, out, k, "%s %s keeps the keys", name, verb)
					}
				}
			}
		})
	}
	// The redaction does not touch the job itself.
	assert.Equal(t, "wandb-s3cr3t", job.Environment["WANDB_API_KEY"])
}

func TestFormatGoSyntaxMatchesThePlainStruct(t *testing.T) {
	// With nothing to redact, %#v prints exactly what the struct prints
	// without Format, under the real type name, so testify's messages are
	// unchanged.
	type plain tj.TrainingJob
	job := completedJob()
	job.Environment, job.HyperParameters = nil, nil
	want := strings.Replace(fmt.Sprintf("%#v", plain(job)), "trainingjob_test.plain", "trainingjob.TrainingJob", 1)
	assert.Equal(t, want, fmt.Sprintf("%#v", job))
	assert.Equal(t, want, fmt.Sprintf("%#v", &job), "a pointer prints as its job")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", job), "trainingjob.TrainingJob{TrainingJobName:"))
	assert.Equal(t, "trainingjob.TrainingJob", fmt.Sprintf("%T", job))

	// A nil pointer prints as fmt prints nil pointers, whatever the verb.
	var nilJob *tj.TrainingJob
	for _, verb := range []string{"%v", "%+v", "%s", "%#v", "%q", "%d"} {
		assert.Equal(t, "<nil>", fmt.Sprintf(verb, nilJob), verb)
	}

	// Empty and nil maps keep their shape.
	job.Environment = map[string]string{}
	assert.Contains(t, fmt.Sprintf("%+v", job), "Environment:map[]")
	assert.NotContains(t, fmt.Sprintf("%+v", job), "HyperParameters")
	assert.Contains(t, fmt.Sprintf("%#v", job), "Environment:map[string]string{}")
	assert.Contains(t, fmt.Sprintf("%#v", job), "HyperParameters:map[string]string(nil)")
}

func TestRevealSecrets(t *testing.T) {
	job := secretJob()
	r := job.RevealSecrets()
	for _, verb := range []string{"%+v", "%#v"} {
		out := fmt.Sprintf(verb, r)
		for _, v := range secretValues {
			assert.Contains(t, out, v, verb)
		}
		assert.NotContains(t, out, tj.RedactedValue, verb)
	}
	// The one-line summary shows neither map, revealed or not.
	for _, verb := range []string{"%v", "%s", "%q"} {
		assert.Equal(t, fmt.Sprintf(verb, job), fmt.Sprintf(verb, r), verb)
	}
	assert.Equal(t, "%!d(trainingjob.RevealedTrainingJob="+fmt.Sprint(job)+")", fmt.Sprintf("%d", r))
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", r), "trainingjob.RevealedTrainingJob{"))
	assert.Equal(t, job, tj.TrainingJob(r), "converting back gives the job")

	// MarshalJSON of both is the wire format, in full.
	a, err := json.Marshal(job)
	require.NoError(t, err)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	for _, v := range secretValues {
		assert.Contains(t, string(a), v, "the wire format keeps the values")
	}
	var back tj.TrainingJob
	require.NoError(t, json.Unmarshal(a, &back))
	assert.Equal(t, job, back)
}

func TestLogValueRedacts(t *testing.T) {
	job := secretJob()
	for _, tt := range []struct {
		name string
		new  func(*bytes.Buffer) slog.Handler
	}{
		{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
		{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(tt.new(&buf))
			logger.Info("job", "job", job, "ptr", &job)
			logger.Info("any", slog.Any("job", job))
			logger.With("job", job).Info("with")
			logger.Info("group", slog.Group("g", "job", job))
			out := buf.String()
			assertRedacted(t, out, tt.name)
			for _, k := range secretKeys {
				assert.Contains(t, out, k)
			}
			assert.Contains(t, out, job.TrainingJobName)
			assert.Contains(t, out, "Completed")
			assert.Contains(t, out, tj.RedactedValue)

			buf.Reset()
			logger.Info("revealed", "job", job.RevealSecrets())
			for _, v := range secretValues {
				assert.Contains(t, buf.String(), v)
			}
		})
	}

	// The JSON handler writes a group: the members are there to query.
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "job", job)
	var rec struct {
		Job struct {
			TrainingJobName            string
			TrainingJobStatus          string
			SecondaryStatus            string
			CreationTime               string
			SecondaryStatusTransitions int
			Environment                map[string]string
			HyperParameters            map[string]string
		} `json:"job"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec), buf.String())
	assert.Equal(t, job.TrainingJobName, rec.Job.TrainingJobName)
	assert.Equal(t, "Completed", rec.Job.SecondaryStatus)
	assert.Equal(t, len(job.SecondaryStatusTransitions), rec.Job.SecondaryStatusTransitions)
	assert.Equal(t, map[string]string{"WANDB_API_KEY": tj.RedactedValue, "HF_TOKEN": tj.RedactedValue}, rec.Job.Environment)
	assert.Equal(t, map[string]string{"api_key": tj.RedactedValue, "lr": tj.RedactedValue}, rec.Job.HyperParameters)
	assert.Equal(t, base.Format("2006-01-02T15:04:05.000Z07:00"), rec.Job.CreationTime)

	// Members that are absent are left out; a job without maps has no
	// groups for them.
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "job", tj.TrainingJob{TrainingJobName: "n"})
	assert.Contains(t, buf.String(), "job.TrainingJobName=n job.SecondaryStatusTransitions=0\n")
}

func TestStandardLogAndErrorsRedact(t *testing.T) {
	job := secretJob()
	var buf bytes.Buffer
	l := log.New(&buf, "", 0)
	l.Printf("got %v", job)
	l.Println(job)
	l.Print(fmt.Errorf("wrapping %+v", job))
	assertRedacted(t, buf.String(), "log")
}

// recordingT captures what a failing testify assertion reports.
type recordingT struct{ msg string }

func (r *recordingT) Errorf(format string, args ...any) { r.msg += fmt.Sprintf(format, args...) }

func TestTestifyMessagesStillHelp(t *testing.T) {
	// Two jobs that differ only in a secret value: the %#v lines are
	// redacted (and so equal), but testify's diff, printed without methods,
	// shows the difference, so a failing test still says what is wrong.
	a, b := secretJob(), secretJob()
	b.Environment["HF_TOKEN"] = "other-t0ken"
	var rt recordingT
	assert.False(t, assert.Equal(&rt, a, b))
	assert.Contains(t, rt.msg, "Diff:")
	assert.Contains(t, rt.msg, `-  (string) (len=8) "HF_TOKEN": (string) (len=8) "hf_t0ken"`)
	assert.Contains(t, rt.msg, `+  (string) (len=8) "HF_TOKEN": (string) (len=11) "other-t0ken"`)
	assert.Contains(t, rt.msg, "expected: trainingjob.TrainingJob{")
	before, diff, ok := strings.Cut(rt.msg, "Diff:")
	require.True(t, ok)
	assertRedacted(t, before, "the expected and actual lines")

	// The diff is not redacted, and its context lines show the line on
	// either side of a change: here the unchanged value of the next key,
	// as Format's documentation says.
	assert.Contains(t, diff, `   (string) (len=13) "WANDB_API_KEY": (string) (len=12) "wandb-s3cr3t"`)

	// The same with a non-secret hyperparameter that differs: its
	// unchanged neighbour shows.
	c := secretJob()
	c.HyperParameters["lr"] = "0.5"
	rt = recordingT{}
	assert.Equal(&rt, a, c)
	_, diff, _ = strings.Cut(rt.msg, "Diff:")
	assert.Contains(t, diff, `   (string) (len=7) "api_key": (string) (len=9) "hp-s3cr3t",`)

	// A difference far from the maps shows in the %#v lines, and the diff
	// shows no secret value.
	d := secretJob()
	d.TrainingJobName = "another-name"
	rt = recordingT{}
	assert.Equal(&rt, a, d)
	assert.Contains(t, rt.msg, `TrainingJobName:"another-name"`)
	assertRedacted(t, rt.msg, "a diff far from the maps")
}

func TestBuilderUnaffectedByFormat(t *testing.T) {
	job := secretJob()
	built, err := job.ToBuilder().Build()
	require.NoError(t, err)
	assert.Equal(t, job, built)
	assert.Equal(t, "hp-s3cr3t", built.HyperParameters["api_key"])
	assertRedacted(t, fmt.Sprint(built), "built job")
}

func TestBuilderFormatRedacts(t *testing.T) {
	b := secretJob().ToBuilder()
	for _, verb := range []string{"%v", "%+v", "%s", "%#v", "%x"} {
		out := fmt.Sprintf(verb, b)
		assertRedacted(t, out, "builder "+verb)
		if verb != "%x" {
			assert.Contains(t, out, "ResNet-50", verb)
		}
		if verb == "%+v" || verb == "%#v" {
			assert.Contains(t, out, "WANDB_API_KEY", verb)
		}
	}
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", b), "&trainingjob.Builder{job:trainingjob.TrainingJob{TrainingJobName:"), fmt.Sprintf("%#v", b))
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%+v", b), "{TrainingJobName:ResNet-50"), fmt.Sprintf("%+v", b))
	var nilBuilder *tj.Builder
	assert.Equal(t, "<nil>", fmt.Sprint(nilBuilder))
	// The builder still builds the job with its values.
	assert.Equal(t, "wandb-s3cr3t", b.BuildUnchecked().Environment["WANDB_API_KEY"])
}

// logLine logs v as the attribute "v" through a new logger with the named
// handler ("text" or "json") and returns what it wrote.
func logLine(handler string, v any) string {
	var buf bytes.Buffer
	var h slog.Handler = slog.NewTextHandler(&buf, nil)
	if handler == "json" {
		h = slog.NewJSONHandler(&buf, nil)
	}
	slog.New(h).Info("m", "v", v)
	return buf.String()
}

// assertInClear checks that out shows every secret value: the paths that
// RedactedValue documents as not redacting must keep doing what it says.
func assertInClear(t *testing.T, out string, what string) {
	t.Helper()
	for _, v := range secretValues {
		assert.Contains(t, out, v, "%s: RedactedValue documents this path as showing the values", what)
	}
}

// TestRedactionPaths checks every path RedactedValue's documentation lists,
// those that redact and those that do not, so that the documentation cannot
// drift from what fmt and log/slog do.
func TestRedactionPaths(t *testing.T) {
	job := secretJob()
	doc := tj.Document{Form: tj.FormDescribe, Job: job}
	event := tj.WatchEvent{Job: job, Output: job.ToDescribeOutput(), Outcome: job.Outcome()}
	builder := job.ToBuilder()

	// fmt, every verb, on the package's values and on them nested in
	// exported fields, slices, arrays, maps and interfaces.
	fmtValues := map[string]any{
		"job":                  job,
		"*job":                 &job,
		"document":             doc,
		"*document":            &doc,
		"watch event":          event,
		"*watch event":         &event,
		"*builder":             builder,
		"[]job":                []tj.TrainingJob{job},
		"[]*job":               []*tj.TrainingJob{&job},
		"[1]job":               [1]tj.TrainingJob{job},
		"map of jobs":          map[string]tj.TrainingJob{"a": job},
		"map of *jobs":         map[string]*tj.TrainingJob{"a": &job},
		"struct field":         struct{ Job tj.TrainingJob }{job},
		"struct *field":        struct{ Job *tj.TrainingJob }{&job},
		"embedded":             struct{ tj.TrainingJob }{job},
		"[]any":                []any{job},
		"[]document":           []tj.Document{doc},
		"map of documents":     map[string]tj.Document{"a": doc},
		"document field":       struct{ Doc tj.Document }{doc},
		"[]watch event":        []tj.WatchEvent{event},
		"deep":                 map[string][]struct{ Docs []*tj.Document }{"a": {{Docs: []*tj.Document{&doc}}}},
		"error from fmt":       fmt.Errorf("job %+v: %w", job, errors.New("x")),
		"struct with *builder": struct{ B *tj.Builder }{builder},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q"}
	t.Run("fmt redacts", func(t *testing.T) {
		for name, v := range fmtValues {
			for _, verb := range verbs {
				out := fmt.Sprintf(verb, v)
				assertRedacted(t, out, name+" "+verb)
				assert.Contains(t, out, job.TrainingJobName, "%s %s", name, verb)
			}
			if name != "error from fmt" && name != "embedded" {
				// The embedded job promotes its Format, which prints only
				// the job; everything else shows the keys in %+v.
				assert.Contains(t, fmt.Sprintf("%+v", v), "api_key:"+tj.RedactedValue, name)
			}
		}
	})

	t.Run("fmt on an unexported field shows the values", func(t *testing.T) {
		for name, v := range map[string]any{
			"field":       struct{ job tj.TrainingJob }{job},
			"field slice": struct{ jobs []tj.TrainingJob }{[]tj.TrainingJob{job}},
			"document":    struct{ doc tj.Document }{doc},
		} {
			for _, verb := range []string{"%v", "%+v", "%#v"} {
				assertInClear(t, fmt.Sprintf(verb, v), name+" "+verb)
			}
		}
	})

	// slog: an attribute's value is resolved through LogValue by both
	// handlers, also inside a group and in Logger.With.
	topLevel := map[string]any{
		"job":          job,
		"*job":         &job,
		"document":     doc,
		"*document":    &doc,
		"watch event":  event,
		"*watch event": &event,
	}
	for _, handler := range []string{"text", "json"} {
		t.Run("slog "+handler+" top level redacts", func(t *testing.T) {
			for name, v := range topLevel {
				out := logLine(handler, v)
				assertRedacted(t, out, name)
				assert.Contains(t, out, tj.RedactedValue, name)
				assert.Contains(t, out, "api_key", name)

				var buf bytes.Buffer
				var h slog.Handler = slog.NewTextHandler(&buf, nil)
				if handler == "json" {
					h = slog.NewJSONHandler(&buf, nil)
				}
				l := slog.New(h)
				l.Info("m", slog.Group("g", "v", v))
				l.With("v", v).Info("m")
				l.WithGroup("g").Info("m", "v", v)
				assertRedacted(t, buf.String(), name+" in a group or With")
				assert.Equal(t, 3, strings.Count(buf.String(), "api_key"), "%s: %s", name, buf.String())
			}
		})
	}

	// Below the top level the two handlers part: the text handler prints
	// with fmt's %+v, the JSON handler encodes with encoding/json.
	nested := map[string]any{
		"[]job":            []tj.TrainingJob{job},
		"[]*job":           []*tj.TrainingJob{&job},
		"map of jobs":      map[string]tj.TrainingJob{"a": job},
		"struct field":     struct{ Job tj.TrainingJob }{job},
		"[]any":            []any{job},
		"[]document":       []tj.Document{doc},
		"map of documents": map[string]*tj.Document{"a": &doc},
		"document field":   struct{ Doc tj.Document }{doc},
		"[]watch event":    []tj.WatchEvent{event},
	}
	t.Run("slog text nested redacts", func(t *testing.T) {
		for name, v := range nested {
			out := logLine("text", v)
			assertRedacted(t, out, name)
			assert.Contains(t, out, "api_key:"+tj.RedactedValue, name)
		}
		out := logLine("text", builder)
		assertRedacted(t, out, "*builder")
		assert.Contains(t, out, "api_key:"+tj.RedactedValue)
		// fmt's rule for unexported fields holds here too.
		assertInClear(t, logLine("text", struct{ job tj.TrainingJob }{job}), "unexported field")
	})
	t.Run("slog json nested shows the values", func(t *testing.T) {
		for name, v := range nested {
			out := logLine("json", v)
			assertInClear(t, out, name)
			assert.NotContains(t, out, tj.RedactedValue, name)
		}
	})
	t.Run("slog json nested Redacted copies redact", func(t *testing.T) {
		r := job.Redacted()
		rdoc := doc
		rdoc.Job = doc.Job.Redacted()
		for name, v := range map[string]any{
			"[]job":          []tj.TrainingJob{r},
			"map of jobs":    map[string]tj.TrainingJob{"a": r},
			"struct field":   struct{ Job tj.TrainingJob }{r},
			"document field": struct{ Doc tj.Document }{rdoc},
		} {
			out := logLine("json", v)
			assertRedacted(t, out, name)
			assert.Contains(t, out, `"api_key":"`+tj.RedactedValue+`"`, name)
		}
	})

	t.Run("encoders and conversions show the values", func(t *testing.T) {
		data, err := tj.Marshal(&job)
		require.NoError(t, err)
		assertInClear(t, string(data), "Marshal")
		data, err = json.Marshal([]any{job, doc})
		require.NoError(t, err)
		assertInClear(t, string(data), "encoding/json")
		assertInClear(t, fmt.Sprintf("%+v", *job.ToSDK()), "ToSDK")
		assertInClear(t, fmt.Sprintf("%+v", *event.Output), "WatchEvent.Output")
		// But a watch event's own Format and LogValue leave Output out.
		assert.NotContains(t, fmt.Sprintf("%+v", event), " Output:")
		assertRedacted(t, logLine("json", event), "watch event")
	})
}

func TestRedactedCopy(t *testing.T) {
	job := secretJob()
	job.DebugHookConfig = &types.DebugHookConfig{S3OutputPath: aws.String("s3://b/debug"), HookParameters: map[string]string{"save_interval": "100"}}
	r := job.Redacted()

	assert.Equal(t, map[string]string{"api_key": tj.RedactedValue, "lr": tj.RedactedValue}, r.HyperParameters)
	assert.Equal(t, map[string]string{"WANDB_API_KEY": tj.RedactedValue, "HF_TOKEN": tj.RedactedValue}, r.Environment)
	assert.Equal(t, "hp-s3cr3t", job.HyperParameters["api_key"], "the job keeps its values")
	assert.Equal(t, "wandb-s3cr3t", job.Environment["WANDB_API_KEY"])

	// Everything else is equal, and shares nothing with the job.
	same := r
	same.HyperParameters, same.Environment = job.HyperParameters, job.Environment
	assert.Equal(t, job, same)
	*r.ResourceConfig.InstanceCount = 99
	r.SecondaryStatusTransitions[0].StatusMessage = "changed"
	r.DebugHookConfig.HookParameters["save_interval"] = "1"
	assert.NotEqual(t, int32(99), *job.ResourceConfig.InstanceCount)
	assert.NotEqual(t, "changed", job.SecondaryStatusTransitions[0].StatusMessage)
	assert.Equal(t, "100", job.DebugHookConfig.HookParameters["save_interval"])

	// The copy carries the redaction into the wire form, which reads back.
	data, err := tj.Marshal(&r)
	require.NoError(t, err)
	assertRedacted(t, string(data), "Marshal of a Redacted copy")
	var back tj.TrainingJob
	require.NoError(t, tj.Unmarshal(data, &back))
	assert.Equal(t, r, back)

	// On every representative job, Redacted is Clone with the values
	// replaced, as the format tests redact by hand.
	for name, j := range formatJobs(t) {
		assert.Equal(t, redactByHand(j), j.Redacted(), name)
	}

	// Nil and empty maps keep their shape.
	empty := tj.TrainingJob{TrainingJobName: "n", Environment: map[string]string{}}
	er := empty.Redacted()
	assert.Nil(t, er.HyperParameters)
	assert.NotNil(t, er.Environment)
	assert.Empty(t, er.Environment)
}

func TestOnlyTheTwoMapsAreRedacted(t *testing.T) {
	// The Debugger's and profiler's parameter maps and the tags print as
	// they are, as RedactedValue documents.
	job := secretJob()
	job.DebugHookConfig = &types.DebugHookConfig{S3OutputPath: aws.String("s3://b/debug"), HookParameters: map[string]string{"save_interval": "100"}}
	job.DebugRuleConfigurations = []types.DebugRuleConfiguration{{RuleConfigurationName: aws.String("r"), RuleParameters: map[string]string{"rule_to_invoke": "VanishingGradient"}}}
	job.ProfilerConfig = &types.ProfilerConfig{ProfilingParameters: map[string]string{"DataloaderProfilingConfig": `{"StartStep": 5}`}}
	job.ProfilerRuleConfigurations = []types.ProfilerRuleConfiguration{{RuleConfigurationName: aws.String("p"), RuleParameters: map[string]string{"threshold": "0.2"}}}
	job.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("vision")}}
	out := fmt.Sprintf("%+v", job)
	assertRedacted(t, out, "%+v")
	for _, shown := range []string{"save_interval:100", "rule_to_invoke:VanishingGradient", `DataloaderProfilingConfig:{"StartStep": 5}`, "threshold:0.2", "Value:vision"} {
		assert.Contains(t, out, shown)
	}
	r := job.Redacted()
	assert.Equal(t, job.DebugHookConfig, r.DebugHookConfig)
	assert.Equal(t, job.ProfilerConfig, r.ProfilerConfig)
}

func TestDocumentAndWatchEventLogValue(t *testing.T) {
	job := secretJob()
	at := time.Date(2024, 3, 8, 11, 5, 0, 0, time.UTC)
	doc := tj.Document{Form: tj.FormEvent, Job: job, Event: &tj.Event{ID: "id-1", Account: "123456789012", Region: "us-east-1", Time: at}}
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	l.Info("doc", "doc", doc)
	var rec struct {
		Doc struct {
			Form string
			Job  struct {
				TrainingJobName string
				HyperParameters map[string]string
			}
			Event map[string]string
		}
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec), buf.String())
	assert.Equal(t, "EventBridge event", rec.Doc.Form)
	assert.Equal(t, job.TrainingJobName, rec.Doc.Job.TrainingJobName)
	assert.Equal(t, map[string]string{"api_key": tj.RedactedValue, "lr": tj.RedactedValue}, rec.Doc.Job.HyperParameters)
	assert.Equal(t, map[string]string{"ID": "id-1", "Account": "123456789012", "Region": "us-east-1", "Time": "2024-03-08T11:05:00Z"}, rec.Doc.Event)

	buf.Reset()
	l.Info("doc", "doc", tj.Document{Form: tj.FormDescribe, Job: tj.TrainingJob{TrainingJobName: "n"}})
	assert.Equal(t, `{"level":"INFO","msg":"doc","doc":{"Form":"DescribeTrainingJob response","Job":{"TrainingJobName":"n","SecondaryStatusTransitions":0}}}`+"\n", buf.String())

	buf.Reset()
	l.Info("event", "event", tj.WatchEvent{Job: tj.TrainingJob{TrainingJobName: "n"}, Output: job.ToDescribeOutput(), Changes: make([]tj.Change, 2), Outcome: tj.OutcomeRunning, Time: at})
	assert.Equal(t, `{"level":"INFO","msg":"event","event":{"Job":{"TrainingJobName":"n","SecondaryStatusTransitions":0},"Outcome":"Running","Changes":2,"Time":"2024-03-08T11:05:00Z"}}`+"\n", buf.String())
}
