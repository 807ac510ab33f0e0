package trainingjob_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// problem is a field error reduced to what the tests compare.
type problem struct {
	Field string
	Kind  error
}

func problems(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	require.NotEmpty(t, ve.Errors)
	out := make([]problem, len(ve.Errors))
	for i, fe := range ve.Errors {
		out[i] = problem{fe.Field, fe.Kind}
	}
	return out
}

func with(j tj.TrainingJob, edit func(*tj.TrainingJob)) tj.TrainingJob {
	j = j.Clone()
	edit(&j)
	return j
}

func hist(i int) string { return "SecondaryStatusTransitions[" + string(rune('0'+i)) + "]" }

func TestValidate(t *testing.T) {
	none := []problem(nil)
	tests := []struct {
		name            string
		job             tj.TrainingJob
		lenient, strict []problem
	}{
		{"completed", completedJob(), none, none},
		{"running", runningJob(), none, none},
		{"failed after Uploading", failedJob(), none, none},
		{"stopped by user", stoppedJob(tj.SecondaryStatusStopped), none, none},
		{"MaxRuntimeExceeded", stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded), none, none},
		{"MaxWaitTimeExceeded", stoppedJob(tj.SecondaryStatusMaxWaitTimeExceeded), none, none},
		{"spot interruption revisits statuses", spotJob(), none, none},
		{"zero job", tj.TrainingJob{},
			[]problem{{"TrainingJobName", tj.ErrRequired}, {"TrainingJobStatus", tj.ErrRequired}},
			[]problem{{"TrainingJobName", tj.ErrRequired}, {"TrainingJobStatus", tj.ErrRequired}, {"SecondaryStatus", tj.ErrRequired}}},

		// Quirks of real documents: accepted at the default strength.
		{"Stopping with a lagging Starting", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusStarting
			j.SecondaryStatusTransitions = j.SecondaryStatusTransitions[:1]
			j.SecondaryStatusTransitions[0].EndTime = time.Time{}
		}), none, []problem{{"SecondaryStatus", tj.ErrIllegalPair}}},
		{"Deleting with Completed", with(completedJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting }), none, none},
		{"Deleting with Failed", with(failedJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting }), none, none},
		{"training time past MaxRuntimeInSeconds", with(completedJob(), func(j *tj.TrainingJob) {
			*j.StoppingCondition.MaxRuntimeInSeconds = 3600
		}), none, none},
		{"name in the ARN lower-cased", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingJobName = "RESNET-50-2024-03-08"
		}), none, none},
		{"2018 deprecated statuses", with(completedJob(), func(j *tj.TrainingJob) {
			h := j.SecondaryStatusTransitions
			h[0].Status, h[1].Status, h[2].Status = tj.SecondaryStatusLaunchingMLInstances, tj.SecondaryStatusPreparingTrainingStack, tj.SecondaryStatusDownloadingTrainingImage
			j.SecondaryStatusTransitions = append(h[:3:3], tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: h[2].EndTime, EndTime: h[3].StartTime}, h[3], h[4])
		}), none, none},
		{"running in a deprecated status", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatus = tj.SecondaryStatusDownloadingTrainingImage
			j.SecondaryStatusTransitions[2].Status = tj.SecondaryStatusDownloadingTrainingImage
		}), none, none},
		{"unknown future statuses", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = "Paused", "Hibernating"
			j.SecondaryStatusTransitions[2].Status = "Hibernating"
		}), none, []problem{{"TrainingJobStatus", tj.ErrNotSupported}, {"SecondaryStatus", tj.ErrNotSupported}, {hist(2) + ".Status", tj.ErrNotSupported}}},
		{"unknown secondary with a known primary", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatus = "Hibernating"
			j.SecondaryStatusTransitions[2].Status = "Hibernating"
		}), none, []problem{{"SecondaryStatus", tj.ErrNotSupported}, {hist(2) + ".Status", tj.ErrNotSupported}}},
		{"EventBridge history without end times", with(completedJob(), func(j *tj.TrainingJob) {
			for i := range j.SecondaryStatusTransitions {
				j.SecondaryStatusTransitions[i].EndTime = time.Time{}
			}
		}), none, []problem{
			{hist(0) + ".EndTime", tj.ErrRequired}, {hist(1) + ".EndTime", tj.ErrRequired}, {hist(2) + ".EndTime", tj.ErrRequired},
			{hist(3) + ".EndTime", tj.ErrRequired}, {hist(4) + ".EndTime", tj.ErrRequired},
		}},
		{"running job without history or secondary", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatus, j.SecondaryStatusTransitions = "", nil
		}), none, []problem{{"SecondaryStatus", tj.ErrRequired}}},

		// What cannot be true.
		{"illegal pair", with(runningJob(), func(j *tj.TrainingJob) { j.SecondaryStatus = tj.SecondaryStatusCompleted }),
			[]problem{{"SecondaryStatus", tj.ErrIllegalPair}},
			[]problem{{"SecondaryStatus", tj.ErrIllegalPair}, {hist(2) + ".Status", tj.ErrInvalid}}},
		{"entry without status and start", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[1].Status = ""
			j.SecondaryStatusTransitions[1].StartTime = time.Time{}
		}), []problem{{hist(1) + ".Status", tj.ErrRequired}, {hist(1) + ".StartTime", tj.ErrRequired}},
			[]problem{{hist(1) + ".Status", tj.ErrRequired}, {hist(1) + ".StartTime", tj.ErrRequired}}},
		{"entry ends before it starts", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[1].EndTime = at(time.Minute)
		}), []problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}},
			[]problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}}},
		{"start times go backwards", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[2].StartTime = at(90 * time.Second)
		}), []problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}},
			[]problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}}},
		{"entry ends after the next starts", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[0].EndTime = at(150 * time.Second)
		}), []problem{{hist(0) + ".EndTime", tj.ErrOutOfOrder}},
			[]problem{{hist(0) + ".EndTime", tj.ErrOutOfOrder}}},
		{"open entry in the middle", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[2].EndTime = time.Time{}
		}), []problem{{hist(2) + ".EndTime", tj.ErrRequired}},
			[]problem{{hist(2) + ".EndTime", tj.ErrRequired}}},
		{"terminal status in the middle", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[3].Status = tj.SecondaryStatusStopped
		}), []problem{{hist(3) + ".Status", tj.ErrInvalid}},
			[]problem{{hist(3) + ".Status", tj.ErrInvalid}}},
		{"history starts before the job", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[0].StartTime = at(-time.Second)
		}), []problem{{hist(0) + ".StartTime", tj.ErrOutOfOrder}},
			[]problem{{hist(0) + ".StartTime", tj.ErrOutOfOrder}}},
		{"job times out of order", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingStartTime = at(-time.Minute)
			j.TrainingEndTime = at(-2 * time.Minute)
			j.LastModifiedTime = at(-time.Hour)
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 0, 0
		}), []problem{{"TrainingStartTime", tj.ErrOutOfOrder}, {"TrainingEndTime", tj.ErrOutOfOrder}, {"LastModifiedTime", tj.ErrOutOfOrder}},
			[]problem{{"TrainingStartTime", tj.ErrOutOfOrder}, {"TrainingEndTime", tj.ErrOutOfOrder}, {"LastModifiedTime", tj.ErrOutOfOrder}, {hist(4) + ".StartTime", tj.ErrInvalid}}},
		{"end before creation without a start", with(failedJob(), func(j *tj.TrainingJob) {
			j.TrainingStartTime = time.Time{}
			j.TrainingEndTime = at(-time.Second)
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 0, 0
		}), []problem{{"TrainingEndTime", tj.ErrOutOfOrder}}, []problem{{"TrainingEndTime", tj.ErrOutOfOrder}, {hist(4) + ".StartTime", tj.ErrInvalid}}},
		{"billable above training time", with(completedJob(), func(j *tj.TrainingJob) { j.BillableTimeInSeconds = 3721 }),
			[]problem{{"BillableTimeInSeconds", tj.ErrInvalid}}, []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}},
		{"negative numbers", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds, j.BillableTokenCount = -1, -1, -1
		}), []problem{{"TrainingTimeInSeconds", tj.ErrOutOfRange}, {"BillableTimeInSeconds", tj.ErrOutOfRange}, {"BillableTokenCount", tj.ErrOutOfRange}},
			[]problem{{"TrainingTimeInSeconds", tj.ErrOutOfRange}, {"BillableTimeInSeconds", tj.ErrOutOfRange}, {"BillableTokenCount", tj.ErrOutOfRange}}},
		{"completed without an end time", with(completedJob(), func(j *tj.TrainingJob) { j.TrainingEndTime = time.Time{} }),
			[]problem{{"TrainingEndTime", tj.ErrRequired}}, []problem{{"TrainingEndTime", tj.ErrRequired}}},
		{"name too long", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = strings.Repeat("a", 64); j.TrainingJobArn = "" }),
			[]problem{{"TrainingJobName", tj.ErrTooLong}}, []problem{{"TrainingJobName", tj.ErrTooLong}}},
		{"name with bad characters", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = "my_job"; j.TrainingJobArn = "" }),
			[]problem{{"TrainingJobName", tj.ErrInvalid}}, []problem{{"TrainingJobName", tj.ErrInvalid}}},
		{"name ending in a hyphen", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = "job-"; j.TrainingJobArn = "" }),
			[]problem{{"TrainingJobName", tj.ErrInvalid}}, []problem{{"TrainingJobName", tj.ErrInvalid}}},
		{"ARN of another job", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobArn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/other"
		}), []problem{{"TrainingJobArn", tj.ErrInvalid}}, []problem{{"TrainingJobArn", tj.ErrInvalid}}},
		{"not an ARN", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobArn = "resnet" }),
			[]problem{{"TrainingJobArn", tj.ErrInvalid}}, []problem{{"TrainingJobArn", tj.ErrInvalid}}},
		{"hyperparameters and environment", with(runningJob(), func(j *tj.TrainingJob) {
			j.HyperParameters = map[string]string{"lr": strings.Repeat("9", 2501), strings.Repeat("k", 257): "1", "ok": "1"}
			j.Environment = map[string]string{"1BAD": "x", "GOOD_1": strings.Repeat("é", 512)}
		}), []problem{
			{`HyperParameters["` + strings.Repeat("k", 257) + `"]`, tj.ErrTooLong},
			{`HyperParameters["lr"]`, tj.ErrTooLong},
			{`Environment["1BAD"]`, tj.ErrInvalid},
		}, nil},
		{"too many hyperparameters", with(runningJob(), func(j *tj.TrainingJob) {
			j.HyperParameters = map[string]string{}
			for i := 0; i < 101; i++ {
				j.HyperParameters[strings.Repeat("x", i+1)] = "1"
			}
		}), []problem{{"HyperParameters", tj.ErrTooMany}}, []problem{{"HyperParameters", tj.ErrTooMany}}},
		{"failure reason too long", with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = strings.Repeat("x", 1025) }),
			[]problem{{"FailureReason", tj.ErrTooLong}}, []problem{{"FailureReason", tj.ErrTooLong}}},

		// What only strict validation rejects.
		{"failed without a reason", with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = "" }),
			none, []problem{{"FailureReason", tj.ErrRequired}}},
		{"reason on a completed job", with(completedJob(), func(j *tj.TrainingJob) { j.FailureReason = "nothing" }),
			none, []problem{{"FailureReason", tj.ErrForbidden}}},
		{"last entry differs from SecondaryStatus", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatus = tj.SecondaryStatusUploading
		}), none, []problem{{hist(2) + ".Status", tj.ErrInvalid}}},
		{"gap between entries", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[1].EndTime = at(170 * time.Second)
		}), none, []problem{{hist(1) + ".EndTime", tj.ErrInvalid}}},
		{"finished job with an open last entry", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = time.Time{}
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrRequired}}},
		{"history starts after creation", with(completedJob(), func(j *tj.TrainingJob) {
			j.CreationTime = at(-time.Second)
		}), none, []problem{{hist(0) + ".StartTime", tj.ErrInvalid}}},
		{"terminal entry lasts a while", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = j.SecondaryStatusTransitions[4].EndTime.Add(time.Second)
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrInvalid}}},
		{"terminal entry away from TrainingEndTime", with(stoppedJob(tj.SecondaryStatusStopped), func(j *tj.TrainingJob) {
			h := j.SecondaryStatusTransitions
			h[3].EndTime = h[3].EndTime.Add(-time.Second)
			h[4].StartTime, h[4].EndTime = h[3].EndTime, h[3].EndTime
		}), none, []problem{{hist(4) + ".StartTime", tj.ErrInvalid}}},
		{"running job ignores the final-entry rule", with(runningJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[2].EndTime = time.Time{}
		}), none, none},
		{"training time disagrees with the times", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 3723, 3000
		}), none, []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}},
		{"training time within two seconds", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 3722, 3000
		}), none, none},
		{"finished job without the members Describe always has", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingJobArn, j.StoppingCondition, j.ModelArtifacts = "", nil, nil
			j.CreationTime = time.Time{}
		}), none, []problem{{"TrainingJobArn", tj.ErrRequired}, {"CreationTime", tj.ErrRequired}, {"StoppingCondition", tj.ErrRequired}, {"ModelArtifacts", tj.ErrRequired}}},
		{"deleted completed job without model artifacts", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.ModelArtifacts = tj.StatusDeleting, nil
		}), none, []problem{{"ModelArtifacts", tj.ErrRequired}}},

		{"many problems in check order", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingJobName = ""
			j.SecondaryStatus = tj.SecondaryStatusTraining
			j.SecondaryStatusTransitions[3].EndTime = at(time.Minute)
			j.BillableTimeInSeconds = 4000
			j.HyperParameters["b"] = strings.Repeat("x", 2501)
			j.HyperParameters["a"] = strings.Repeat("x", 2501)
		}), []problem{
			{"TrainingJobName", tj.ErrRequired},
			{`HyperParameters["a"]`, tj.ErrTooLong},
			{`HyperParameters["b"]`, tj.ErrTooLong},
			{"SecondaryStatus", tj.ErrIllegalPair},
			{hist(3) + ".EndTime", tj.ErrOutOfOrder},
			{"BillableTimeInSeconds", tj.ErrInvalid},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := tt.job
			assert.Equal(t, tt.lenient, problems(t, job.Validate()), "default strength")
			if tt.strict == nil && tt.lenient != nil {
				// Strict rejects everything the default rejects; the
				// cases with nil strict check only that.
				err := job.Validate(tj.Strict())
				require.Error(t, err)
				assert.Subset(t, problems(t, err), tt.lenient)
				return
			}
			assert.Equal(t, tt.strict, problems(t, job.Validate(tj.Strict())), "strict")
		})
	}
}

// Validate has a value receiver, so the result of a function is validated
// without a variable to hold it; these calls must compile. A nil
// *TrainingJob has no value to validate: calling Validate through it
// panics, as with any value method.
func TestValidateValueReceiver(t *testing.T) {
	require.NoError(t, tj.FromSDK(&types.TrainingJob{
		TrainingJobName:   aws.String("xgboost-churn"),
		TrainingJobStatus: types.TrainingJobStatusInProgress,
		SecondaryStatus:   types.SecondaryStatusStarting,
	}).Validate())
	err := tj.FromSDK(&types.TrainingJob{TrainingJobName: aws.String("xgboost-churn")}).Validate(tj.Strict())
	assert.Equal(t, []problem{{"TrainingJobStatus", tj.ErrRequired}, {"SecondaryStatus", tj.ErrRequired}}, problems(t, err))
	assert.Equal(t, []problem{{"TrainingJobName", tj.ErrRequired}, {"TrainingJobStatus", tj.ErrRequired}},
		problems(t, tj.FromDescribeOutput(&sagemaker.DescribeTrainingJobOutput{}).Validate()))
	assert.Equal(t, []problem{{"Status", tj.ErrRequired}},
		problems(t, tj.TransitionFromSDK(types.SecondaryStatusTransition{StartTime: aws.Time(base)}).Validate()))

	for _, typ := range []reflect.Type{reflect.TypeFor[tj.TrainingJob](), reflect.TypeFor[tj.SecondaryStatusTransition]()} {
		_, ok := typ.MethodByName("Validate")
		assert.True(t, ok, "%s has no Validate in its value method set", typ)
	}

	assert.Panics(t, func() {
		var j *tj.TrainingJob
		_ = j.Validate()
	})
}

// Every error type uses one vocabulary: the field holding a sentinel kind is
// Kind error, and a field naming a type is TypeName string.
func TestErrorTypesShareVocabulary(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[tj.FieldError](), reflect.TypeFor[tj.ValidationError](), reflect.TypeFor[tj.DecodeError](),
		reflect.TypeFor[tj.EnumError](), reflect.TypeFor[tj.OutcomeError](),
	} {
		require.True(t, reflect.PointerTo(typ).Implements(reflect.TypeFor[error]()), "%s", typ)
		for i := range typ.NumField() {
			f := typ.Field(i)
			switch {
			case f.Type == reflect.TypeFor[error]():
				assert.Equal(t, "Kind", f.Name, "%s.%s holds a sentinel kind", typ, f.Name)
			case f.Name == "Kind":
				assert.Fail(t, "a Kind that is not an error", "%s.Kind is %s", typ, f.Type)
			case f.Name == "Type":
				assert.Fail(t, "Type is not part of the vocabulary", "%s.Type", typ)
			case f.Name == "TypeName":
				assert.Equal(t, reflect.TypeFor[string](), f.Type, "%s.TypeName", typ)
			}
		}
	}
	_, ok := reflect.TypeFor[tj.FieldError]().FieldByName("Kind")
	assert.True(t, ok)
	_, ok = reflect.TypeFor[tj.DecodeError]().FieldByName("Kind")
	assert.True(t, ok)
	_, ok = reflect.TypeFor[tj.ValidationError]().FieldByName("TypeName")
	assert.True(t, ok)
	_, ok = reflect.TypeFor[tj.EnumError]().FieldByName("TypeName")
	assert.True(t, ok)
}

func TestValidationErrorMatching(t *testing.T) {
	job := with(completedJob(), func(j *tj.TrainingJob) {
		j.SecondaryStatusTransitions[3].EndTime = at(time.Minute)
		j.TrainingJobStatus = tj.StatusInProgress
		j.HyperParameters["lr"] = strings.Repeat("9", 2501)
	})
	err := job.Validate()
	require.Error(t, err)

	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "TrainingJob", ve.TypeName)
	assert.Equal(t, "ResNet-50-2024-03-08", ve.Name)
	assert.ErrorIs(t, err, tj.ErrIllegalPair)
	assert.ErrorIs(t, err, tj.ErrOutOfOrder)
	assert.ErrorIs(t, err, tj.ErrTooLong)
	assert.NotErrorIs(t, err, tj.ErrRequired)

	var fe *tj.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, `HyperParameters["lr"]`, fe.Field, "errors.As finds the first field error")

	ooo := ve.Filter(tj.ErrOutOfOrder)
	require.Len(t, ooo, 1)
	assert.Equal(t, "SecondaryStatusTransitions[3].EndTime", ooo[0].Field)
	assert.Equal(t, at(time.Minute), ooo[0].BadValue)
	assert.Equal(t, "SecondaryStatusTransitions[3].EndTime: out of order: 2024-03-08T10:01:00.123Z: before StartTime 2024-03-08T11:03:00.123Z",
		ooo[0].Error())

	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, `trainingjob: TrainingJob "ResNet-50-2024-03-08" is invalid: HyperParameters["lr"]: too long: value has 2501 characters, at most 2500 allowed; `), msg)
	assert.Contains(t, msg, `; SecondaryStatus: illegal status pair: "Completed": cannot go with TrainingJobStatus InProgress`)
	assert.NotContains(t, msg, "9999", "hyperparameter values may be secrets and stay out of messages")
}

func TestFieldErrorFormatting(t *testing.T) {
	tests := []struct {
		fe   tj.FieldError
		want string
	}{
		{tj.FieldError{Field: "TrainingJobName", Kind: tj.ErrRequired}, "TrainingJobName: required"},
		{tj.FieldError{Kind: tj.ErrRequired, Detail: "the job is nil"}, "required: the job is nil"},
		{tj.FieldError{Field: "X", Kind: tj.ErrInvalid, BadValue: "v", Detail: "d"}, `X: invalid: "v": d`},
		{tj.FieldError{Field: "X", Kind: tj.ErrOutOfRange, BadValue: int32(-1)}, `X: out of range: -1`},
		{tj.FieldError{Field: "X", BadValue: 3}, `X: problem: 3`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.fe.Error())
	}
	assert.NoError(t, (&tj.FieldError{}).Unwrap())
}

func TestValidateTransition(t *testing.T) {
	tests := []struct {
		name            string
		tr              tj.SecondaryStatusTransition
		lenient, strict []problem
	}{
		{"open", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: base}, nil, nil},
		{"closed", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: base, EndTime: base}, nil, nil},
		{"empty", tj.SecondaryStatusTransition{},
			[]problem{{"Status", tj.ErrRequired}, {"StartTime", tj.ErrRequired}},
			[]problem{{"Status", tj.ErrRequired}, {"StartTime", tj.ErrRequired}}},
		{"backwards", tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: base, EndTime: at(-time.Millisecond)},
			[]problem{{"EndTime", tj.ErrOutOfOrder}}, []problem{{"EndTime", tj.ErrOutOfOrder}}},
		{"unknown", tj.SecondaryStatusTransition{Status: "Hibernating", StartTime: base},
			nil, []problem{{"Status", tj.ErrNotSupported}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.lenient, problems(t, tt.tr.Validate()))
			err := tt.tr.Validate(tj.Strict())
			assert.Equal(t, tt.strict, problems(t, err))
			if err != nil {
				assert.Contains(t, err.Error(), "trainingjob: SecondaryStatusTransition is invalid: ")
			}
		})
	}
}

// A valid job is validated without allocating, at both strengths.
func TestValidateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race; .ci/run checks them in its coverage run")
	}
	for name, job := range map[string]tj.TrainingJob{"completed": completedJob(), "running": runningJob(), "spot": spotJob()} {
		job := job
		require.NoError(t, job.Validate(tj.Strict()), name)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = job.Validate() }), "%s default", name)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = job.Validate(tj.Strict()) }), "%s strict", name)
	}
}

// Validation reads the job and never changes it.
func TestValidateLeavesJobUnchanged(t *testing.T) {
	job := with(completedJob(), func(j *tj.TrainingJob) {
		j.HyperParameters["z"] = strings.Repeat("x", 3000)
		j.HyperParameters["a"] = strings.Repeat("x", 3000)
		j.SecondaryStatusTransitions[2].EndTime = time.Time{}
	})
	before := job.Clone()
	first := job.Validate(tj.Strict())
	require.Error(t, first)
	assert.Equal(t, before, job)
	for i := 0; i < 20; i++ {
		assert.Equal(t, first.Error(), job.Validate(tj.Strict()).Error(), "the order is deterministic")
	}
}

func FuzzValidate(f *testing.F) {
	f.Add("job", "InProgress", "Training", "Training", int64(0), int64(60), int64(-1), int32(10), int32(5), "lr", "0.1")
	f.Add("", "Completed", "Completed", "Completed", int64(0), int64(0), int64(0), int32(0), int32(0), "", "")
	f.Add("a-b", "Stopping", "Starting", "Failed", int64(-5), int64(-10), int64(3), int32(-1), int32(7), "1x", "\xff")
	f.Fuzz(func(t *testing.T, name, primary, secondary, entry string, start, end, created int64, train, bill int32, key, value string) {
		sec := func(n int64) time.Time {
			if n == 0 {
				return time.Time{}
			}
			return base.Add(time.Duration(n) * time.Second)
		}
		b := tj.NewBuilder(name).
			WithStatus(tj.Status(primary), tj.SecondaryStatus(secondary)).
			WithCreationTime(sec(created)).
			WithTransition(tj.SecondaryStatus(entry), sec(start), sec(end), value).
			WithTransition(tj.SecondaryStatus(secondary), sec(end), time.Time{}, "").
			WithTrainingTimeInSeconds(train).
			WithBillableTimeInSeconds(bill).
			WithHyperParameter(key, value).
			WithEnvironmentVariable(key, value)
		for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
			job := b.BuildUnchecked()
			verr := job.Validate(opts...)
			built, err := b.Build(opts...)
			if (verr == nil) != (err == nil) {
				t.Fatalf("Build and Validate disagree: %v / %v", err, verr)
			}
			if err == nil {
				if !assert.ObjectsAreEqual(job, built) {
					t.Fatalf("Build returned another job than BuildUnchecked")
				}
				continue
			}
			checkValidationError(t, err)
		}
	})
}
