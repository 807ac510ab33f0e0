package trainingjob_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"strings"
	"testing"

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

	// A difference elsewhere shows in the %#v lines too.
	c := secretJob()
	c.TrainingJobName = "another-name"
	rt = recordingT{}
	assert.Equal(&rt, a, c)
	assert.Contains(t, rt.msg, `TrainingJobName:"another-name"`)
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
