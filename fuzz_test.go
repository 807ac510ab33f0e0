package trainingjob_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

// The fuzz targets of the root package that are not about the JSON decoder
// (FuzzUnmarshal and FuzzReadDocument live in json_test.go, FuzzParseStatus
// in status_test.go, FuzzValidate in validate_test.go). scripts/fuzz.sh
// lists every target of the module.

// fuzzInput hands out the bytes of a fuzz input as the values a target
// needs. Past the end it gives zeros, so every input is usable.
type fuzzInput struct{ data []byte }

func (in *fuzzInput) empty() bool { return len(in.data) == 0 }

func (in *fuzzInput) byte() byte {
	if len(in.data) == 0 {
		return 0
	}
	b := in.data[0]
	in.data = in.data[1:]
	return b
}

func (in *fuzzInput) intn(n int) int { return int(in.byte()) % n }

func (in *fuzzInput) uint32() uint32 {
	var b [4]byte
	for i := range b {
		b[i] = in.byte()
	}
	return binary.LittleEndian.Uint32(b[:])
}

func (in *fuzzInput) int32() int32 { return int32(in.uint32()) }

// str takes a length byte and that many bytes, any bytes at all, with a
// bias towards the values that matter to validation.
func (in *fuzzInput) str() string {
	switch n := in.byte(); {
	case n < 16:
		return ""
	case n < 48:
		return fuzzWords[int(in.byte())%len(fuzzWords)]
	default:
		n = n % 72
		if int(n) > len(in.data) {
			n = byte(len(in.data))
		}
		s := string(in.data[:n])
		in.data = in.data[n:]
		return s
	}
}

var fuzzWords = []string{
	"job", "ResNet-50", "a-b-c", "-bad", "x\xffy", strings.Repeat("n", 63), strings.Repeat("n", 64),
	"arn:aws:sagemaker:us-east-1:123456789012:training-job/job",
	"arn:aws:iam::123456789012:role/R", "s3://bucket/out/model.tar.gz", "lr", "0.01",
	"WANDB_API_KEY", "1KEY", "ml.m5.large", "\u00e9t\u00e9", "line\nbreak", "",
}

var fuzzStatuses = append(tj.Status("").Values(), "Paused", "")
var fuzzSecondaries = append(tj.SecondaryStatus("").Values(), "Sleeping", "")

func (in *fuzzInput) status() tj.Status {
	return fuzzStatuses[in.intn(len(fuzzStatuses))]
}

func (in *fuzzInput) secondary() tj.SecondaryStatus {
	return fuzzSecondaries[in.intn(len(fuzzSecondaries))]
}

// when gives a time around base: zero, or base plus or minus up to a few
// days in steps of a millisecond or of a second, with the odd far-away or
// sub-millisecond time.
func (in *fuzzInput) when() time.Time {
	switch k := in.byte(); {
	case k < 24:
		return time.Time{}
	case k < 32:
		return time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC).Add(time.Duration(in.int32()) * time.Second)
	case k < 40:
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(in.int32()) * time.Second)
	case k < 48:
		return base.Add(time.Duration(in.int32()) * time.Nanosecond)
	case k < 128:
		return base.Add(time.Duration(int16(in.uint32())) * time.Second)
	default:
		return base.Add(time.Duration(in.int32()) * time.Millisecond)
	}
}

// applyBuilderOp applies one builder call chosen by the input.
func applyBuilderOp(b *tj.Builder, in *fuzzInput) {
	switch in.intn(30) {
	case 0:
		b.WithTrainingJobName(in.str())
	case 1:
		b.WithTrainingJobArn(in.str())
	case 2:
		b.WithStatus(in.status(), in.secondary())
	case 3:
		b.WithTrainingJobStatus(in.status())
	case 4:
		b.WithSecondaryStatus(in.secondary())
	case 5:
		b.WithFailureReason(in.str())
	case 6:
		b.WithHyperParameter(in.str(), in.str())
	case 7:
		b.WithEnvironmentVariable(in.str(), in.str())
	case 8:
		b.WithRoleArn(in.str())
	case 9:
		b.WithInstances(types.TrainingInstanceType(in.str()), in.int32())
	case 10:
		b.WithMaxRuntimeInSeconds(in.int32())
	case 11:
		b.WithCreationTime(in.when())
	case 12:
		b.WithTrainingStartTime(in.when())
	case 13:
		b.WithTrainingEndTime(in.when())
	case 14:
		b.WithLastModifiedTime(in.when())
	case 15, 16, 17:
		b.WithTransition(in.secondary(), in.when(), in.when(), in.str())
	case 18:
		b.WithSecondaryStatusTransitions()
	case 19:
		b.WithTrainingTimeInSeconds(in.int32())
	case 20:
		b.WithBillableTimeInSeconds(in.int32())
	case 21:
		b.WithS3ModelArtifacts(in.str())
	case 22:
		b.WithEnableManagedSpotTraining(in.byte()&1 == 1)
	case 23:
		b.WithFinalMetric(in.str(), float32(in.int32())/7, in.when())
	case 24:
		b.WithTag(in.str(), in.str())
	case 25:
		b.WithStoppingCondition(&types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(in.int32()), MaxWaitTimeInSeconds: aws.Int32(in.int32())})
	case 26:
		b.WithInputChannel(types.Channel{ChannelName: aws.String(in.str()), DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{S3DataType: types.S3DataType(in.str()), S3Uri: aws.String(in.str())}}})
	case 27:
		b.WithBillableTokenCount(int64(in.int32()))
	case 28:
		b.WithHyperParameters(map[string]string{in.str(): in.str()})
	case 29:
		b.WithEnvironment(nil)
	}
}

// FuzzBuilder makes random sequences of builder calls: nothing panics, Build
// succeeds exactly when Validate on the built job is nil, a successful Build
// returns what BuildUnchecked does, results share no memory with one
// another, and building changes neither the builder nor jobs built earlier.
func FuzzBuilder(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 0, 16, 11, 200, 0, 0, 0, 0, 15, 12, 200, 0, 0, 0, 0, 200, 1, 0, 0, 0, 16})
	f.Add([]byte("\x00\x20\x00\x02\x01\x05\x06\x20\x0a\x20\x0b"))
	f.Add([]byte("\x00\xff" + strings.Repeat("\x0f\x10\x80\x01\x00\x00\x00\x80\x02\x00\x00\x00\x10", 6)))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{data: data}
		b := tj.NewBuilder(in.str())
		var earlier []tj.TrainingJob
		var snapshots []tj.TrainingJob
		for steps := 0; !in.empty() && steps < 64; steps++ {
			applyBuilderOp(b, in)
			switch in.byte() % 8 {
			case 0:
				j := b.BuildUnchecked()
				earlier = append(earlier, j)
				snapshots = append(snapshots, j.Clone())
			case 1:
				// A branch shares nothing with its builder: changing it
				// leaves the builder as it was. Go on with the branch.
				before := b.BuildUnchecked()
				branch := b.Clone()
				applyBuilderOp(branch, in)
				if !assert.ObjectsAreEqual(before, b.BuildUnchecked()) {
					t.Fatal("changing a Clone changed its builder")
				}
				b = branch
			}
		}
		job := b.BuildUnchecked()
		for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
			verr := job.Validate(opts...)
			built, err := b.Build(opts...)
			if (verr == nil) != (err == nil) {
				t.Fatalf("Build and Validate disagree: %v / %v", err, verr)
			}
			if err != nil {
				checkValidationError(t, err)
				if err.Error() != verr.Error() {
					t.Fatalf("Build says %q, Validate says %q", err, verr)
				}
				continue
			}
			if !assert.ObjectsAreEqual(job, built) {
				t.Fatal("Build returned another job than BuildUnchecked")
			}
			if shared := reflectfill.SharedReferences(job, built); shared != nil {
				t.Fatalf("Build and BuildUnchecked results share %v", shared)
			}
		}
		again := b.BuildUnchecked()
		if !assert.ObjectsAreEqual(job, again) {
			t.Fatal("building changed the builder")
		}
		if shared := reflectfill.SharedReferences(job, again); shared != nil {
			t.Fatalf("two results share %v", shared)
		}
		for i := range earlier {
			if !assert.ObjectsAreEqual(snapshots[i], earlier[i]) {
				t.Fatalf("job %d changed after it was built", i)
			}
		}
		// A builder made from the job gives the job back.
		if back := job.ToBuilder().BuildUnchecked(); !assert.ObjectsAreEqual(job, back) {
			t.Fatal("ToBuilder().BuildUnchecked() changed the job")
		}
	})
}

// FuzzTransitionBuilder does the same for the history-entry builder.
func FuzzTransitionBuilder(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 3, 1, 200, 0, 0, 0, 0, 2, 200, 1, 0, 0, 0, 3, 40, 5})
	f.Add([]byte{1, 200, 0, 0, 0, 0, 2, 200, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{data: data}
		b := tj.NewTransitionBuilder()
		for steps := 0; !in.empty() && steps < 32; steps++ {
			switch in.intn(4) {
			case 0:
				b.WithStatus(in.secondary())
			case 1:
				b.WithStartTime(in.when())
			case 2:
				b.WithEndTime(in.when())
			case 3:
				b.WithStatusMessage(in.str())
			}
		}
		for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
			tr, err := b.Build(opts...)
			verr := tr.Validate(opts...)
			if (verr == nil) != (err == nil) {
				t.Fatalf("Build and Validate disagree: %v / %v", err, verr)
			}
			if err != nil {
				checkValidationError(t, err)
			}
			if !tr.StartTime.IsZero() && tr.StartTime.Round(0) != tr.StartTime {
				t.Fatal("the builder kept a monotonic clock reading")
			}
			if err == nil && tr.ToBuilder().MustBuild(opts...) != tr {
				t.Fatal("ToBuilder changed the entry")
			}
		}
	})
}

// fuzzFixtures are the valid jobs FuzzMutatedJob starts from.
var fuzzFixtures = []func() tj.TrainingJob{
	completedJob, runningJob, failedJob, spotJob,
	func() tj.TrainingJob { return stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded) },
}

// mutateJob applies one change chosen by the input to j.
func mutateJob(j *tj.TrainingJob, in *fuzzInput) {
	h := j.SecondaryStatusTransitions
	entry := func() *tj.SecondaryStatusTransition {
		if len(h) == 0 {
			return nil
		}
		return &h[in.intn(len(h))]
	}
	switch in.intn(24) {
	case 0:
		j.TrainingJobStatus = in.status()
	case 1:
		j.SecondaryStatus = in.secondary()
	case 2:
		if e := entry(); e != nil {
			e.Status = in.secondary()
		}
	case 3:
		if e := entry(); e != nil {
			e.StartTime = in.when()
		}
	case 4:
		if e := entry(); e != nil {
			e.EndTime = in.when()
		}
	case 5:
		if e := entry(); e != nil {
			e.StatusMessage = in.str()
		}
	case 6:
		if len(h) > 0 {
			i := in.intn(len(h))
			h = append(h[:i:i], h[i+1:]...)
			j.SecondaryStatusTransitions = h
		}
	case 7:
		if len(h) > 1 {
			a, b := in.intn(len(h)), in.intn(len(h))
			h[a], h[b] = h[b], h[a]
		}
	case 8:
		if e := entry(); e != nil {
			h = append(h, *e)
			j.SecondaryStatusTransitions = h
		}
	case 9:
		j.CreationTime = in.when()
	case 10:
		j.TrainingStartTime = in.when()
	case 11:
		j.TrainingEndTime = in.when()
	case 12:
		j.LastModifiedTime = in.when()
	case 13:
		j.TrainingTimeInSeconds = in.int32()
	case 14:
		j.BillableTimeInSeconds = in.int32()
	case 15:
		j.TrainingJobName = in.str()
	case 16:
		j.TrainingJobArn = in.str()
	case 17:
		j.FailureReason = in.str()
	case 18:
		if j.Environment == nil {
			j.Environment = map[string]string{}
		}
		j.Environment[in.str()] = in.str()
	case 19:
		if j.HyperParameters == nil {
			j.HyperParameters = map[string]string{}
		}
		j.HyperParameters[in.str()] = in.str()
	case 20:
		j.EnableManagedSpotTraining = !j.EnableManagedSpotTraining
	case 21:
		if j.ResourceConfig != nil {
			j.ResourceConfig.InstanceCount = aws.Int32(in.int32())
		} else {
			j.ResourceConfig = &types.ResourceConfig{}
		}
	case 22:
		if j.StoppingCondition != nil {
			j.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(in.int32())
		} else {
			j.StoppingCondition = &types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(in.int32())}
		}
	case 23:
		j.SecondaryStatusTransitions = nil
	}
}

// FuzzMutatedJob changes valid jobs in random ways and runs everything that
// reads a job over them: validation (deterministic, never changing the job,
// errors well-formed), the timeline, progress lines, the diff, the SDK
// conversions, the request check and the wire encoder. Nothing may panic.
func FuzzMutatedJob(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{1, 0, 5, 1, 0, 2, 3, 200, 0, 0, 0, 0})
	f.Add([]byte{2, 6, 1, 7, 0, 3, 11, 30, 1, 2, 3, 4})
	f.Add([]byte{3, 18, 40, 12, 40, 2, 23, 0, 5, 0})
	f.Add([]byte{4, 4, 2, 40, 1, 0, 0, 0, 3, 33, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{data: data}
		orig := fuzzFixtures[in.intn(len(fuzzFixtures))]()
		job := orig.Clone()
		for steps := 0; !in.empty() && steps < 32; steps++ {
			mutateJob(&job, in)
		}
		before := job.Clone()
		for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
			err := job.Validate(opts...)
			if err != nil {
				checkValidationError(t, err)
				if again := job.Validate(opts...); again == nil || again.Error() != err.Error() {
					t.Fatalf("validation is not deterministic: %v / %v", err, again)
				}
			}
		}
		if !assert.ObjectsAreEqual(before, job) {
			t.Fatal("Validate changed the job")
		}
		if job.Validate(tj.Strict()) == nil && job.Validate() != nil {
			t.Fatal("a job valid in strict mode is invalid by default")
		}

		_ = job.Outcome()
		_ = job.PairVerdict()
		_ = job.IsTerminal()
		_, _ = job.CurrentTransition()
		_ = job.Durations()
		_ = tj.IsContiguous(job.SecondaryStatusTransitions)
		now := job.LastModifiedTime
		tl := tj.NewTimeline(&job, now)
		_ = tl
		_ = tj.ProgressLines(&orig, &job)
		_ = tj.ProgressLines(nil, &job)
		_ = tj.Diff(&orig, &job)
		for _, e := range job.SecondaryStatusTransitions {
			if utf8.ValidString(e.StatusMessage) && !strings.Contains(tj.ProgressLine(e), string(e.Status)) {
				t.Fatalf("progress line %q does not name status %q", tj.ProgressLine(e), e.Status)
			}
		}

		if back := tj.FromDescribeOutput(job.ToDescribeOutput()); !assert.ObjectsAreEqual(withoutTags(job), back) {
			t.Fatal("FromDescribeOutput(ToDescribeOutput()) changed the job")
		}
		if err := tj.ValidateCreateInput(job.ToCreateInput()); err != nil {
			checkValidationError(t, err)
		}

		out, err := tj.Marshal(&job)
		if err != nil {
			var de *tj.DecodeError
			if errors.As(err, &de) {
				t.Fatalf("Marshal gave a decode error: %v", err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("Marshal wrote invalid JSON: %q", out)
		}
	})
}

func withoutTags(j tj.TrainingJob) tj.TrainingJob {
	j.Tags = nil
	return j
}

// FuzzParseSecondaryStatus checks ParseSecondaryStatus and the text and
// JSON methods of both enums: known values parse to themselves, anything
// else is an *EnumError matching ErrNotSupported, and UnmarshalText and
// encoding/json keep every value byte for byte (invalid UTF-8 aside, which
// encoding/json replaces).
func FuzzParseSecondaryStatus(f *testing.F) {
	for _, s := range tj.SecondaryStatus("").Values() {
		f.Add(string(s))
	}
	f.Add("training")
	f.Add("Training ")
	f.Add("\x00")
	f.Add("\xc3\x28")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := tj.ParseSecondaryStatus(in)
		known := tj.SecondaryStatus(in).IsKnown()
		if known {
			if err != nil || string(s) != in {
				t.Fatalf("ParseSecondaryStatus(%q) = %q, %v", in, s, err)
			}
			if len(s.Primaries()) == 0 {
				t.Fatalf("known status %q pairs with no primary", in)
			}
		} else {
			var ee *tj.EnumError
			if !errors.As(err, &ee) || !errors.Is(err, tj.ErrNotSupported) || s != "" {
				t.Fatalf("ParseSecondaryStatus(%q) = %q, %v; want an *EnumError", in, s, err)
			}
			if err.Error() == "" {
				t.Fatal("an enum error without text")
			}
		}
		var p tj.Status
		if err := p.UnmarshalText([]byte(in)); err != nil || string(p) != in {
			t.Fatalf("Status.UnmarshalText(%q) = %q, %v", in, p, err)
		}
		if text, err := tj.SecondaryStatus(in).MarshalText(); err != nil || string(text) != in {
			t.Fatalf("MarshalText(%q) = %q, %v", in, text, err)
		}
		if !utf8.ValidString(in) {
			return
		}
		data, err := json.Marshal(struct {
			P tj.Status
			S tj.SecondaryStatus
		}{tj.Status(in), tj.SecondaryStatus(in)})
		if err != nil {
			t.Fatal(err)
		}
		var back struct {
			P tj.Status
			S tj.SecondaryStatus
		}
		if err := json.Unmarshal(data, &back); err != nil || string(back.P) != in || string(back.S) != in {
			t.Fatalf("encoding/json round trip of %q gave %+v, %v", in, back, err)
		}
		_ = tj.CheckPair(tj.Status(in), tj.SecondaryStatus(in))
		_ = tj.ClassifyOutcome(tj.Status(in), tj.SecondaryStatus(in))
		_, _ = tj.LookupPair(tj.Status(in), tj.SecondaryStatus(in))
	})
}

// FuzzUnmarshalTransition feeds any bytes to the history entry's
// UnmarshalJSON: the result is an entry that writes itself back to an equal
// entry, or a *DecodeError within the input. It belongs with the decoder's
// targets (scripts/fuzz.sh).
func FuzzUnmarshalTransition(f *testing.F) {
	f.Add([]byte(`{"Status":"Training","StartTime":1709892000.123,"EndTime":"2024-03-08T10:04:00Z","StatusMessage":"m"}`))
	f.Add([]byte(`{"Status":"Paused","StartTime":"1709892000123"}`))
	f.Add([]byte(`{"StartTime":1e400}`))
	f.Add([]byte(`{"StartTime":-1}`))
	f.Add([]byte(`{"StatusMessage":"\ud800"}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"Status":"Training","Status":"Starting","StartTime":null}`))
	f.Add([]byte(`{"StartTime":"2024-03-08 10:00:00","EndTime":99999999999999999999}`))
	f.Add([]byte("{\"StatusMessage\":\"\xff\\u0000\\n\",\"X\":{\"y\":[[[]]]}}"))
	f.Add([]byte(`{"Status":` + strings.Repeat("[", tj.MaxDepth) + `}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr tj.SecondaryStatusTransition
		in := bytes.Clone(data) // the engine's bytes must not be changed
		err := tr.UnmarshalJSON(in)
		checkOwnMemory(t, in, func() string { return fmt.Sprintf("%+v", tr) + errText(err) })
		if p := errorTextProblem(err); p != "" {
			t.Fatalf("error text has %s: %q", p, err)
		}
		if err != nil {
			var de *tj.DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > int64(len(data)) {
				t.Fatalf("error %v is not a *DecodeError within the input", err)
			}
			return
		}
		_ = tr.Validate()
		out, err := tr.MarshalJSON()
		if err != nil || !json.Valid(out) {
			t.Fatalf("MarshalJSON after a successful UnmarshalJSON: %v %q", err, out)
		}
		var back tj.SecondaryStatusTransition
		if err := back.UnmarshalJSON(out); err != nil {
			t.Fatalf("cannot read back %q: %v", out, err)
		}
		if again, _ := back.MarshalJSON(); string(again) != string(out) {
			t.Fatalf("round trip changed the entry:\n%s\n%s", out, again)
		}
	})
}
