package trainingjob_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// formatJobs are the representative jobs of the format tests.
func formatJobs(t *testing.T) map[string]tj.TrainingJob {
	t.Helper()
	nilPointers := completedJob()
	nilPointers.ModelArtifacts = &types.ModelArtifacts{} // set, with nothing in it
	nilPointers.InputDataConfig = []types.Channel{{ChannelName: aws.String("train")}}
	nilPointers.AlgorithmSpecification = nil
	nilPointers.ResourceConfig = nil
	nilPointers.FinalMetricDataList = []types.MetricData{{MetricName: aws.String("loss")}}

	sample, err := os.ReadFile(filepath.Join("testdata", "describe", "completed.json"))
	require.NoError(t, err)
	var full tj.TrainingJob
	require.NoError(t, tj.Unmarshal(sample, &full))
	require.NotEmpty(t, full.HyperParameters, "the sample has secrets to hide")

	return map[string]tj.TrainingJob{
		"empty":        {},
		"minimal":      {TrainingJobName: "my-job"},
		"completed":    completedJob(),
		"running":      runningJob(),
		"failed":       failedJob(),
		"spot":         spotJob(),
		"secrets":      secretJob(),
		"nil pointers": nilPointers,
		"sample":       full,
	}
}

func TestFormatSummary(t *testing.T) {
	local := time.FixedZone("UTC-5", -5*3600)
	for _, tt := range []struct {
		name string
		job  tj.TrainingJob
		want string
	}{
		{"empty", tj.TrainingJob{}, "TrainingJob (unnamed) -/- (Unknown)"},
		{"name only", tj.TrainingJob{TrainingJobName: "my-job"}, "TrainingJob my-job -/- (Unknown)"},
		{"completed", completedJob(), "TrainingJob ResNet-50-2024-03-08 Completed/Completed (Succeeded), created 2024-03-08T10:00:00Z"},
		{"running", runningJob(), "TrainingJob ResNet-50-2024-03-08 InProgress/Training (Running), created 2024-03-08T10:00:00Z"},
		{"failed", failedJob(), "TrainingJob ResNet-50-2024-03-08 Failed/Failed (Failed), created 2024-03-08T10:00:00Z"},
		{"max runtime", stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded), "TrainingJob ResNet-50-2024-03-08 Stopped/MaxRuntimeExceeded (MaxRuntimeExceeded), created 2024-03-08T10:00:00Z"},
		{"secrets", secretJob(), "TrainingJob ResNet-50-2024-03-08 Completed/Completed (Succeeded), created 2024-03-08T10:00:00Z"},
		{"created in another zone", tj.TrainingJob{TrainingJobName: "j", CreationTime: time.Date(2024, 3, 1, 7, 0, 0, 5e8, local)}, "TrainingJob j -/- (Unknown), created 2024-03-01T12:00:00Z"},
		{"unknown status", tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: "Paused", SecondaryStatus: "Napping"}, "TrainingJob j Paused/Napping (Unknown)"},
		{"one status", tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tj.StatusInProgress}, "TrainingJob j InProgress/- (Running)"},
		{"name with a space", tj.TrainingJob{TrainingJobName: "my job"}, `TrainingJob "my job" -/- (Unknown)`},
		{"name with a newline", tj.TrainingJob{TrainingJobName: "a\nb", SecondaryStatus: "x y"}, `TrainingJob "a\nb" -/"x y" (Unknown)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			job := tt.job
			assert.Equal(t, tt.want, fmt.Sprintf("%v", job))
			assert.Equal(t, tt.want, fmt.Sprintf("%s", job))
			assert.Equal(t, tt.want, fmt.Sprintf("%v", &job), "pointer")
			assert.Equal(t, tt.want, fmt.Sprintf("%s", &job), "pointer")
			assert.Equal(t, tt.want, fmt.Sprintf("%+s", job), "+ is for %v only")
			assert.Equal(t, tt.want, fmt.Sprint(job))
			assert.Equal(t, tt.want+"\n", fmt.Sprintln(&job))
			assert.Equal(t, "["+tt.want+" "+tt.want+"]", fmt.Sprint([]tj.TrainingJob{job, job}))
			assert.NotContains(t, fmt.Sprint(job), "\n")
		})
	}
}

func TestFormatOtherVerbs(t *testing.T) {
	job := secretJob()
	sum := fmt.Sprint(job)
	require.True(t, strings.HasPrefix(sum, "TrainingJob ResNet-50"), sum)
	for _, tt := range []struct{ format, want string }{
		{"%q", strconv.Quote(sum)},
		{"%x", hex.EncodeToString([]byte(sum))},
		{"%X", strings.ToUpper(hex.EncodeToString([]byte(sum)))},
		{"%.11v", "TrainingJob"},
		{"%.11s", "TrainingJob"},
		{"%-100v|", sum + strings.Repeat(" ", 100-len(sum)) + "|"},
		{"%100s", strings.Repeat(" ", 100-len(sum)) + sum},
		{"%.4x", hex.EncodeToString([]byte("Trai"))},
		{"%d", "%!d(trainingjob.TrainingJob=" + sum + ")"},
		{"%t", "%!t(trainingjob.TrainingJob=" + sum + ")"},
		{"%e", "%!e(trainingjob.TrainingJob=" + sum + ")"},
	} {
		assert.Equal(t, tt.want, fmt.Sprintf(tt.format, job), tt.format)
		assert.Equal(t, tt.want, fmt.Sprintf(tt.format, &job), "pointer "+tt.format)
	}
	assert.Equal(t, "trainingjob.TrainingJob", fmt.Sprintf("%T", job), "fmt answers %T")
	assert.Equal(t, "%!d(trainingjob.SecondaryStatusTransition=Training -→(open))",
		fmt.Sprintf("%d", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining}))
}

// redactByHand returns a copy of j with the secret values replaced as the
// package documents it, for comparing against Format's own redaction.
func redactByHand(j tj.TrainingJob) tj.TrainingJob {
	c := j.Clone()
	for k := range c.HyperParameters {
		c.HyperParameters[k] = tj.RedactedValue
	}
	for k := range c.Environment {
		c.Environment[k] = tj.RedactedValue
	}
	return c
}

// topMembers splits the TrainingJob members of j into those that are set
// and those that are not (nil, or the zero value).
func topMembers(j tj.TrainingJob) (set, unset []string) {
	v := reflect.ValueOf(j)
	for i := range v.NumField() {
		f := v.Field(i)
		isSet := !f.IsZero()
		switch f.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice:
			isSet = !f.IsNil()
		}
		if isSet {
			set = append(set, v.Type().Field(i).Name)
		} else {
			unset = append(unset, v.Type().Field(i).Name)
		}
	}
	return set, unset
}

// hasMember reports whether out, a %+v text, has the member name at some
// depth: "{name:" or " name:".
func hasMember(out, name string) bool {
	return strings.Contains(out, "{"+name+":") || strings.Contains(out, " "+name+":")
}

func TestFormatDetailedMembers(t *testing.T) {
	for name, job := range formatJobs(t) {
		t.Run(name, func(t *testing.T) {
			out := fmt.Sprintf("%+v", job)
			assert.Equal(t, out, fmt.Sprintf("%+v", &job), "pointer")
			assert.Equal(t, out, fmt.Sprintf("%+v", job), "deterministic")
			assert.NotContains(t, out, "0x", "no pointer address")
			assert.NotContains(t, out, "\n")
			assert.True(t, strings.HasPrefix(out, "{") && strings.HasSuffix(out, "}"), out)

			set, unset := topMembers(job)
			for _, m := range set {
				assert.True(t, hasMember(out, m), "set member %s missing from %s", m, out)
			}
			for _, m := range unset {
				assert.False(t, hasMember(out, m), "unset member %s shown in %s", m, out)
			}

			// The secrets: every value of the two maps reads RedactedValue,
			// the keys stay, and nothing else changes.
			assert.Equal(t, fmt.Sprintf("%+v", redactByHand(job).RevealSecrets()), out)
			for k, v := range job.HyperParameters {
				assert.Contains(t, out, k+":"+tj.RedactedValue)
				assert.NotContains(t, out, k+":"+v)
			}
			for k, v := range job.Environment {
				assert.Contains(t, out, k+":"+tj.RedactedValue)
				assert.NotContains(t, out, k+":"+v)
			}
			if len(job.HyperParameters)+len(job.Environment) > 0 {
				assert.NotEqual(t, out, fmt.Sprintf("%+v", job.RevealSecrets()), "revealing shows the values")
			}
		})
	}
}

func TestFormatDetailedLayout(t *testing.T) {
	created := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	job := tj.TrainingJob{
		TrainingJobName:   "my-job",
		TrainingJobStatus: tj.StatusInProgress,
		SecondaryStatus:   tj.SecondaryStatusTraining,
		FailureReason:     "line one\nline two",
		HyperParameters:   map[string]string{"z": "1", "a": "2", "m": "3"},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Xlarge, InstanceCount: aws.Int32(1)},
		CreationTime:      created.In(time.FixedZone("UTC+1", 3600)),
		TrainingStartTime: created.Add(90*time.Second + 250*time.Millisecond),
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
			{Status: tj.SecondaryStatusStarting, StartTime: created, EndTime: created.Add(90 * time.Second), StatusMessage: "Preparing"},
			{Status: tj.SecondaryStatusTraining, StartTime: created.Add(90 * time.Second)},
		},
		FinalMetricDataList:    []types.MetricData{{MetricName: aws.String("loss"), Value: aws.Float32(0.25)}},
		EnableNetworkIsolation: true,
		CheckpointConfig:       &types.CheckpointConfig{S3Uri: aws.String("")},
		RetryStrategy:          &types.RetryStrategy{},
		Tags:                   []types.Tag{},
	}
	want := "{TrainingJobName:my-job TrainingJobStatus:InProgress SecondaryStatus:Training" +
		` FailureReason:"line one\nline two"` +
		" HyperParameters:map[a:[REDACTED] m:[REDACTED] z:[REDACTED]]" +
		" ResourceConfig:{InstanceCount:1 InstanceType:ml.m5.xlarge}" +
		" CreationTime:2024-03-01T12:00:00Z TrainingStartTime:2024-03-01T12:01:30.25Z" +
		" SecondaryStatusTransitions:[{Status:Starting StartTime:2024-03-01T12:00:00Z EndTime:2024-03-01T12:01:30Z StatusMessage:Preparing}" +
		" {Status:Training StartTime:2024-03-01T12:01:30Z}]" +
		" FinalMetricDataList:[{MetricName:loss Value:0.25}]" +
		" EnableNetworkIsolation:true" +
		` CheckpointConfig:{S3Uri:""}` +
		" RetryStrategy:{}" +
		" Tags:[]}"
	assert.Equal(t, want, fmt.Sprintf("%+v", job))
	assert.Equal(t, "["+want+"]", fmt.Sprintf("%+v", []*tj.TrainingJob{&job}), "inside a slice")
	assert.Equal(t, "{Job:"+want+"}", fmt.Sprintf("%+v", struct{ Job tj.TrainingJob }{job}), "inside a struct")
	assert.Equal(t, "{}", fmt.Sprintf("%+v", tj.TrainingJob{}))
}

func TestFormatGoSyntaxKeepsTestifyDiffs(t *testing.T) {
	// testify prints unequal values with %#v and adds a diff made by
	// go-spew with methods disabled: both must still show what differs.
	for _, tt := range []struct {
		name   string
		change func(*tj.TrainingJob)
		want   []string
	}{
		{"name", func(j *tj.TrainingJob) { j.TrainingJobName = "another-name" },
			[]string{`actual  : trainingjob.TrainingJob{TrainingJobName:"another-name"`, `+ TrainingJobName: (string) (len=12) "another-name"`}},
		{"nested pointer", func(j *tj.TrainingJob) {
			j.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://other/model.tar.gz")}
		}, []string{`-  S3ModelArtifacts: (*string)((len=28) "s3://bucket/out/model.tar.gz")`, `+  S3ModelArtifacts: (*string)((len=23) "s3://other/model.tar.gz")`}},
		{"history entry", func(j *tj.TrainingJob) { j.SecondaryStatusTransitions[1].StatusMessage = "Downloading other data" },
			[]string{`StatusMessage:"Downloading other data"`, `+   StatusMessage: (string) (len=22) "Downloading other data"`}},
		{"secret", func(j *tj.TrainingJob) { j.Environment["HF_TOKEN"] = "other-t0ken" },
			[]string{`+  (string) (len=8) "HF_TOKEN": (string) (len=11) "other-t0ken"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := secretJob(), secretJob()
			tt.change(&b)
			for _, pair := range [][2]any{{a, b}, {&a, &b}} {
				var rt recordingT
				require.False(t, assert.Equal(&rt, pair[0], pair[1]))
				assert.Contains(t, rt.msg, "expected: trainingjob.TrainingJob{TrainingJobName:")
				assert.Contains(t, rt.msg, "Diff:")
				for _, w := range tt.want {
					assert.Contains(t, rt.msg, w)
				}
			}
		})
	}
}

func TestFormatTransition(t *testing.T) {
	start := time.Date(2024, 3, 1, 12, 5, 0, 123e6, time.UTC)
	end := start.Add(time.Hour)
	for _, tt := range []struct {
		name      string
		entry     tj.SecondaryStatusTransition
		line, all string
	}{
		{"closed", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: start, EndTime: end, StatusMessage: "Training in progress"},
			`Training 2024-03-01T12:05:00Z→2024-03-01T13:05:00Z "Training in progress"`,
			"{Status:Training StartTime:2024-03-01T12:05:00.123Z EndTime:2024-03-01T13:05:00.123Z StatusMessage:Training in progress}"},
		{"open", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: start.In(time.FixedZone("UTC-5", -5*3600)), StatusMessage: `say "hi"`},
			`Training 2024-03-01T12:05:00Z→(open) "say \"hi\""`,
			`{Status:Training StartTime:2024-03-01T12:05:00.123Z StatusMessage:say "hi"}`},
		{"no message", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusCompleted, StartTime: end, EndTime: end},
			"Completed 2024-03-01T13:05:00Z→2024-03-01T13:05:00Z",
			"{Status:Completed StartTime:2024-03-01T13:05:00.123Z EndTime:2024-03-01T13:05:00.123Z}"},
		{"message on two lines", tj.SecondaryStatusTransition{Status: "Odd status", StatusMessage: "a\nb"},
			`"Odd status" -→(open) "a\nb"`,
			`{Status:Odd status StatusMessage:"a\nb"}`},
		{"empty", tj.SecondaryStatusTransition{}, "(no status) -→(open)", "{}"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.entry
			assert.Equal(t, tt.line, fmt.Sprintf("%v", e))
			assert.Equal(t, tt.line, fmt.Sprintf("%s", &e))
			assert.Equal(t, strconv.Quote(tt.line), fmt.Sprintf("%q", e))
			assert.Equal(t, tt.all, fmt.Sprintf("%+v", e))
			assert.Equal(t, tt.all, fmt.Sprintf("%+v", &e))
			type plain tj.SecondaryStatusTransition
			want := strings.Replace(fmt.Sprintf("%#v", plain(e)), "trainingjob_test.plain", "trainingjob.SecondaryStatusTransition", 1)
			assert.Equal(t, want, fmt.Sprintf("%#v", e))
		})
	}
	// A job's history prints one line per entry under %v.
	job := completedJob()
	assert.Equal(t, `[Starting 2024-03-08T10:00:00Z→2024-03-08T10:02:00Z "Preparing the instances for training" Downloading 2024-03-08T10:02:00Z→2024-03-08T10:03:00Z "Downloading input data"]`,
		fmt.Sprint(job.SecondaryStatusTransitions[:2]))
}

func TestFormatBuilder(t *testing.T) {
	valid := secretJob().ToBuilder()
	job := valid.BuildUnchecked()
	require.NoError(t, job.Validate())
	assert.Equal(t, fmt.Sprint(job), fmt.Sprint(valid))
	assert.Equal(t, fmt.Sprint(job), fmt.Sprintf("%s", valid))
	assert.Equal(t, fmt.Sprintf("%+v", job), fmt.Sprintf("%+v", valid))
	assert.Equal(t, fmt.Sprintf("%q", job), fmt.Sprintf("%q", valid))
	assert.Equal(t, "%!d(*trainingjob.Builder="+fmt.Sprint(job)+")", fmt.Sprintf("%d", valid))

	// A builder whose job would not build says how many problems Build
	// would report.
	invalid := tj.NewBuilder("my-job").
		WithStatus(tj.StatusCompleted, tj.SecondaryStatusTraining).
		WithHyperParameter("api_key", "hp-s3cr3t")
	_, err := invalid.Build()
	var ve *tj.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	n := len(ve.Errors)
	require.Positive(t, n)
	suffix := fmt.Sprintf(" (invalid: %d problem", n)
	if n != 1 {
		suffix += "s"
	}
	suffix += ")"
	assert.Equal(t, "TrainingJob my-job Completed/Training (Succeeded)"+suffix, fmt.Sprint(invalid))
	assert.Equal(t, "{TrainingJobName:my-job TrainingJobStatus:Completed SecondaryStatus:Training HyperParameters:map[api_key:[REDACTED]]}"+suffix,
		fmt.Sprintf("%+v", invalid))
	_, err = new(tj.Builder).Build()
	require.True(t, errors.As(err, &ve), "%v", err)
	require.Len(t, ve.Errors, 2, "the zero builder lacks a name and a status")
	assert.Equal(t, "{} (invalid: 2 problems)", fmt.Sprintf("%+v", new(tj.Builder)))
	assert.Equal(t, "TrainingJob my-job -/- (Unknown) (invalid: 1 problem)", fmt.Sprint(tj.NewBuilder("my-job")))

	// Formatting changes nothing: the builder builds what it held.
	assert.Equal(t, "hp-s3cr3t", invalid.BuildUnchecked().HyperParameters["api_key"])
	var nilBuilder *tj.Builder
	assert.Equal(t, "<nil>", fmt.Sprintf("%+v", nilBuilder))
}

func TestFormatDocument(t *testing.T) {
	for _, tt := range []struct{ path, line string }{
		{"describe/completed.json", "DescribeTrainingJob response: TrainingJob XGBoost-Churn-2024-03-08-10-00-00-123 Completed/Completed (Succeeded), created 2024-03-08T10:00:00Z"},
		{"events/state-change-completed.json", "EventBridge event: TrainingJob XGBoost-Churn-2024-03-08-10-00-00-123 Completed/Completed (Succeeded), created 2024-03-08T10:00:00Z"},
		{"search/result.json", "Search record: TrainingJob"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.path))
			require.NoError(t, err)
			doc, err := tj.ReadDocument(data)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(fmt.Sprint(doc), tt.line), fmt.Sprint(doc))
			assert.Equal(t, fmt.Sprint(doc.Form)+": "+fmt.Sprint(doc.Job), fmt.Sprintf("%s", *doc))

			out := fmt.Sprintf("%+v", doc)
			assert.NotContains(t, out, "0x")
			assert.Contains(t, out, "Form:"+doc.Form.String())
			assert.Contains(t, out, "Job:"+fmt.Sprintf("%+v", doc.Job))
			assert.Equal(t, doc.Event != nil, strings.Contains(out, "Event:{"), out)
			for k, v := range doc.Job.HyperParameters {
				assert.NotContains(t, out, k+":"+v)
			}
			assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", doc), "trainingjob.Document{Form:"), "Go syntax")
			assert.NotContains(t, fmt.Sprintf("%#v", doc), `"eta":"0.2"`, "Go syntax redacts the job too")
		})
	}
}

func TestFormatWatchEvent(t *testing.T) {
	job := secretJob()
	job.TrainingJobStatus, job.SecondaryStatus = tj.StatusInProgress, tj.SecondaryStatusTraining
	output := &sagemaker.DescribeTrainingJobOutput{TrainingJobName: aws.String(job.TrainingJobName),
		HyperParameters: job.HyperParameters}
	ev := tj.WatchEvent{
		Job:     job,
		Output:  output,
		Changes: tj.Diff(nil, &job),
		Lines:   []string{"a line"},
		Outcome: job.Outcome(),
		Time:    time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC),
	}
	require.Len(t, ev.Changes, 6)
	assert.Equal(t, fmt.Sprint(job)+"; 6 changes at 2024-03-08T12:00:00Z", fmt.Sprint(ev))
	ev.Changes = ev.Changes[:1]
	assert.Equal(t, fmt.Sprint(job)+"; 1 change at 2024-03-08T12:00:00Z", fmt.Sprint(&ev))

	ev.Changes = tj.Diff(nil, &job)[:2]
	out := fmt.Sprintf("%+v", ev)
	assert.Equal(t, "{Job:"+fmt.Sprintf("%+v", job)+
		" Changes:[{Kind:StatusChanged Index:-1 NewStatus:InProgress NewSecondary:Training}"+
		` {Kind:EntryAdded Index:0 Entry:{Status:Starting StartTime:2024-03-08T10:00:00.123Z EndTime:2024-03-08T10:02:00.123Z StatusMessage:Preparing the instances for training}}]`+
		" Lines:[a line] Outcome:Running Time:2024-03-08T12:00:00Z}", out)
	assertRedacted(t, out, "watch event")
	assert.False(t, hasMember(out, "Output"), "Output is left out")
	assert.Same(t, output, ev.Output, "formatting leaves the event alone")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", ev), "trainingjob.WatchEvent{Job:trainingjob.TrainingJob{"))
}

// noX replaces every x in the strings of v, at any depth, so that a "0x" in
// its %+v can come only from a pointer address.
func noX(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			noX(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				noX(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			noX(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(iter.Key())
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(iter.Value())
			noX(k)
			noX(e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.String:
		v.SetString(strings.NewReplacer("x", "y", "X", "Y").Replace(v.String()))
	}
}

func TestFormatRandomJobs(t *testing.T) {
	// Random jobs reach every member, strings with quotes and control
	// characters included: the summary stays on one line, %+v shows no
	// address and no secret, and nothing panics.
	seeds := 400
	if testing.Short() {
		seeds = 50
	}
	for seed := range uint64(seeds) {
		job := trainingjobtest.Random(seed)
		noX(reflect.ValueOf(&job).Elem())
		sum := fmt.Sprint(job)
		require.True(t, strings.HasPrefix(sum, "TrainingJob "+job.TrainingJobName+" "), "seed %d: %s", seed, sum)
		require.NotContains(t, sum, "\n", "seed %d", seed)

		out := fmt.Sprintf("%+v", job)
		require.NotContains(t, out, "0x", "seed %d: %s", seed, out)
		require.NotContains(t, out, "\n", "seed %d", seed)
		require.NotContains(t, out, "(PANIC=", "seed %d: %s", seed, out)
		require.Equal(t, fmt.Sprintf("%+v", redactByHand(job).RevealSecrets()), out, "seed %d", seed)
		set, _ := topMembers(job)
		for _, m := range set {
			require.True(t, hasMember(out, m), "seed %d: %s missing", seed, m)
		}
		for _, verb := range []string{"%v", "%#v", "%q", "%x", "%d", "%+q"} {
			// fmt turns a panic in Format into text.
			require.NotContains(t, fmt.Sprintf(verb, job), "(PANIC=", "seed %d %s", seed, verb)
		}
	}
}
