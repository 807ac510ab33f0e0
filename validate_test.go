package trainingjob_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

func with(j tj.TrainingJob, edit func(*tj.TrainingJob)) tj.TrainingJob {
	j = j.Clone()
	edit(&j)
	return j
}

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

		// Quirks of real documents: accepted at the default strength, and
		// the lagging secondary at the strict one too (issue 21).
		{"Stopping with a lagging Starting", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusStarting
			j.SecondaryStatusTransitions = j.SecondaryStatusTransitions[:1]
			j.SecondaryStatusTransitions[0].EndTime = time.Time{}
		}), none, none},
		{"Stopping with a lagging Training", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus = tj.StatusStopping
		}), none, none},
		{"Stopping whose history lags behind its secondary", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusStopping
		}), none, []problem{{"SecondaryStatusTransitions[2].Status", tj.ErrInvalid}}},
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
			{keyStep("HyperParameters", strings.Repeat("k", 257)), tj.ErrTooLong},
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
		// completedJob lives 64 minutes, from CreationTime to
		// TrainingEndTime: no instance trains or is billed for longer.
		{"training time longer than the job has existed", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 64*60+3, 3000
		}), []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}, []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}},
		{"training time within two seconds of the job's lifetime", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 64*60+2, 3000
		}), none, []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}},
		{"2,000,000,000 seconds on 100 instances", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds = 2_000_000_000
			j.ResourceConfig.InstanceCount = aws.Int32(100)
		}), []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}, []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}},
		{"billable time longer than the job has existed", with(completedJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 0, 64*60+3
		}), []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}, []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}},
		{"without CreationTime the lifetime starts at TrainingStartTime", with(completedJob(), func(j *tj.TrainingJob) {
			j.CreationTime = time.Time{}
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 62*60+3, 3000
		}), []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}}, []problem{{"TrainingTimeInSeconds", tj.ErrInvalid}, {"CreationTime", tj.ErrRequired}}},
		{"a running job has no end to compare its training time with", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds = 2_000_000_000
		}), none, none},
		{"1,000 instances for 25 days: totals beyond int32 are no problem", with(completedJob(), func(j *tj.TrainingJob) {
			const days25 = 25 * 24 * time.Hour
			h := j.SecondaryStatusTransitions
			h[2].EndTime = h[2].EndTime.Add(days25)
			for i := 3; i < len(h); i++ {
				h[i].StartTime, h[i].EndTime = h[i].StartTime.Add(days25), h[i].EndTime.Add(days25)
			}
			j.TrainingEndTime, j.LastModifiedTime = j.TrainingEndTime.Add(days25), j.LastModifiedTime.Add(days25)
			j.TrainingTimeInSeconds += int32(days25 / time.Second)
			j.BillableTimeInSeconds = j.TrainingTimeInSeconds
			j.ResourceConfig.InstanceCount = aws.Int32(1000)
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

// validationCase is one job with the problems each strength reports.
type validationCase struct {
	name            string
	job             tj.TrainingJob
	lenient, strict []problem
}

func runValidationCases(t *testing.T, tests []validationCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.lenient, problems(t, tt.job.Validate()), "default strength")
			assert.Equal(t, tt.strict, problems(t, tt.job.Validate(tj.Strict())), "strict")
		})
	}
}

// fieldErrors returns the field errors of a validation error.
func fieldErrors(t *testing.T, err error) []*tj.FieldError {
	t.Helper()
	require.Error(t, err)
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve.Errors
}

// validate validates a job given by value.
func validate(j tj.TrainingJob, opts ...tj.ValidateOption) error { return j.Validate(opts...) }

// strength returns the options of one validation strength: none for the
// default, Strict() for strict.
func strength(strict bool) []tj.ValidateOption {
	if strict {
		return []tj.ValidateOption{tj.Strict()}
	}
	return nil
}

// namedRunning is runningJob with another name and no ARN, so that only the
// name is judged.
func namedRunning(name string) tj.TrainingJob {
	return with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName, j.TrainingJobArn = name, "" })
}

// Lengths are counted in characters, and each limit is inclusive.
func TestValidateLimitsAtTheBoundary(t *testing.T) {
	none := []problem(nil)
	tooLongName := []problem{{"TrainingJobName", tj.ErrTooLong}}
	badName := []problem{{"TrainingJobName", tj.ErrInvalid}}
	reason := func(s string) tj.TrainingJob {
		return with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = s })
	}
	hyper := func(m map[string]string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.HyperParameters = m })
	}
	env := func(m map[string]string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.Environment = m })
	}
	entries := func(n int, key func(int) string) map[string]string {
		m := make(map[string]string, n)
		for i := 0; i < n; i++ {
			m[key(i)] = "1"
		}
		require.Len(t, m, n)
		return m
	}
	hpKey := func(i int) string { return fmt.Sprintf("k%03d", i) }
	envKey := func(i int) string { return fmt.Sprintf("K_%03d", i) }
	r := strings.Repeat

	runValidationCases(t, []validationCase{
		{"name of 63 characters", namedRunning(r("a", 63)), none, none},
		{"name of 64 characters", namedRunning(r("a", 64)), tooLongName, tooLongName},
		{"name of 63 two-byte letters is invalid, not too long", namedRunning(r("é", 63)), badName, badName},
		{"name of 32 two-byte letters (64 bytes)", namedRunning(r("é", 32)), badName, badName},
		{"name of 64 two-byte letters", namedRunning(r("é", 64)), tooLongName, tooLongName},

		{"FailureReason of 1024 characters", reason(r("x", 1024)), none, none},
		{"FailureReason of 1025 characters", reason(r("x", 1025)), []problem{{"FailureReason", tj.ErrTooLong}}, []problem{{"FailureReason", tj.ErrTooLong}}},
		{"FailureReason of 1024 two-byte characters", reason(r("é", 1024)), none, none},
		{"FailureReason of 1025 two-byte characters", reason(r("é", 1025)), []problem{{"FailureReason", tj.ErrTooLong}}, []problem{{"FailureReason", tj.ErrTooLong}}},

		{"100 hyperparameters", hyper(entries(100, hpKey)), none, none},
		{"101 hyperparameters", hyper(entries(101, hpKey)), []problem{{"HyperParameters", tj.ErrTooMany}}, []problem{{"HyperParameters", tj.ErrTooMany}}},
		{"hyperparameter key of 256", hyper(map[string]string{r("k", 256): "1"}), none, none},
		{"hyperparameter key of 257", hyper(map[string]string{r("k", 257): "1"}),
			[]problem{{keyStep("HyperParameters", r("k", 257)), tj.ErrTooLong}}, []problem{{keyStep("HyperParameters", r("k", 257)), tj.ErrTooLong}}},
		{"hyperparameter key of 256 two-byte characters", hyper(map[string]string{r("é", 256): "1"}), none, none},
		{"hyperparameter key of 257 two-byte characters", hyper(map[string]string{r("é", 257): "1"}),
			[]problem{{keyStep("HyperParameters", r("é", 257)), tj.ErrTooLong}}, []problem{{keyStep("HyperParameters", r("é", 257)), tj.ErrTooLong}}},
		{"hyperparameter value of 2500", hyper(map[string]string{"lr": r("9", 2500)}), none, none},
		{"hyperparameter value of 2501", hyper(map[string]string{"lr": r("9", 2501)}),
			[]problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}},
		{"hyperparameter value of 2500 two-byte characters", hyper(map[string]string{"lr": r("é", 2500)}), none, none},
		{"hyperparameter value of 2501 two-byte characters", hyper(map[string]string{"lr": r("é", 2501)}),
			[]problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}},

		{"100 environment variables", env(entries(100, envKey)), none, none},
		{"101 environment variables", env(entries(101, envKey)), []problem{{"Environment", tj.ErrTooMany}}, []problem{{"Environment", tj.ErrTooMany}}},
		{"environment key of 512", env(map[string]string{r("K", 512): "1"}), none, none},
		{"environment key of 513", env(map[string]string{r("K", 513): "1"}),
			[]problem{{keyStep("Environment", r("K", 513)), tj.ErrTooLong}}, []problem{{keyStep("Environment", r("K", 513)), tj.ErrTooLong}}},
		{"environment key of 512 two-byte characters is invalid, not too long", env(map[string]string{r("É", 512): "1"}),
			[]problem{{keyStep("Environment", r("É", 512)), tj.ErrInvalid}}, []problem{{keyStep("Environment", r("É", 512)), tj.ErrInvalid}}},
		{"environment value of 512", env(map[string]string{"A": r("v", 512)}), none, none},
		{"environment value of 513", env(map[string]string{"A": r("v", 513)}),
			[]problem{{`Environment["A"]`, tj.ErrTooLong}}, []problem{{`Environment["A"]`, tj.ErrTooLong}}},
		{"environment value of 512 two-byte characters", env(map[string]string{"A": r("é", 512)}), none, none},
		{"environment value of 513 two-byte characters", env(map[string]string{"A": r("é", 513)}),
			[]problem{{`Environment["A"]`, tj.ErrTooLong}}, []problem{{`Environment["A"]`, tj.ErrTooLong}}},
	})
}

// The details of the length errors give the count in characters and the
// limit, and withhold what may be a secret.
func TestValidateLengthDetails(t *testing.T) {
	tests := []struct {
		name   string
		job    tj.TrainingJob
		field  string
		bad    any
		detail string
	}{
		// A too-long string is withheld, its length given instead (see
		// FieldError.BadValue).
		{"name", namedRunning(strings.Repeat("é", 64)), "TrainingJobName", nil, "64 characters, at most 63 allowed"},
		{"failure reason", with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = strings.Repeat("é", 1025) }),
			"FailureReason", nil, "1025 characters, at most 1024 allowed"},
		{"hyperparameter value", with(runningJob(), func(j *tj.TrainingJob) { j.HyperParameters = map[string]string{"lr": strings.Repeat("é", 2501)} }),
			`HyperParameters["lr"]`, nil, "value has 2501 characters, at most 2500 allowed"},
		{"environment key", with(runningJob(), func(j *tj.TrainingJob) { j.Environment = map[string]string{strings.Repeat("K", 513): "1"} }),
			keyStep("Environment", strings.Repeat("K", 513)), nil, "key has 513 characters, at most 512 allowed"},
		{"too many environment variables", with(runningJob(), func(j *tj.TrainingJob) {
			j.Environment = map[string]string{}
			for i := 0; i < 101; i++ {
				j.Environment[fmt.Sprintf("V%d", i)] = "x"
			}
		}), "Environment", 101, "at most 100 entries allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
				errs := fieldErrors(t, validate(tt.job, opts...))
				require.Len(t, errs, 1)
				assert.Equal(t, tt.field, errs[0].Field)
				assert.Equal(t, tt.bad, errs[0].BadValue)
				assert.Equal(t, tt.detail, errs[0].Detail)
			}
		})
	}
}

func TestValidateNameAndArnRules(t *testing.T) {
	none := []problem(nil)
	badName := []problem{{"TrainingJobName", tj.ErrInvalid}}
	badArn := []problem{{"TrainingJobArn", tj.ErrInvalid}}
	arn := func(a string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobArn = a })
	}
	runValidationCases(t, []validationCase{
		{"one letter", namedRunning("a"), none, none},
		{"one digit", namedRunning("7"), none, none},
		{"inner hyphens", namedRunning("a--b-9"), none, none},
		{"leading hyphen", namedRunning("-job"), badName, badName},
		{"only a hyphen", namedRunning("-"), badName, badName},
		{"trailing hyphen", namedRunning("job-"), badName, badName},
		{"dot", namedRunning("job.1"), badName, badName},
		{"space", namedRunning("my job"), badName, badName},
		{"marker without the arn: prefix", arn("x:training-job/resnet-50-2024-03-08"), badArn, badArn},
		{"arn: prefix without the marker", arn("arn:aws:sagemaker:us-east-1:123456789012:processing-job/resnet-50-2024-03-08"), badArn, badArn},
		{"ARN with the name as it is", arn("arn:aws:sagemaker:us-east-1:123456789012:training-job/ResNet-50-2024-03-08"), none, none},
		{"ARN of a job whose name is a prefix", arn("arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50-2024-03-08x"), badArn, badArn},
		{"ARN without a name on the job", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = "" }),
			[]problem{{"TrainingJobName", tj.ErrRequired}}, []problem{{"TrainingJobName", tj.ErrRequired}}},
	})

	errs := fieldErrors(t, validate(arn("x:training-job/resnet-50-2024-03-08")))
	require.Len(t, errs, 1)
	assert.Equal(t, "x:training-job/resnet-50-2024-03-08", errs[0].BadValue)
	assert.NotEmpty(t, errs[0].Detail)
	errs = fieldErrors(t, validate(arn("arn:aws:sagemaker:us-east-1:1:training-job/other")))
	assert.Equal(t, `names job "other", not "ResNet-50-2024-03-08"`, errs[0].Detail)

	errs = fieldErrors(t, validate(namedRunning(strings.Repeat("a", 64))))
	require.Len(t, errs, 1)
	assert.Equal(t, tj.ErrTooLong, errs[0].Kind)
	assert.Nil(t, errs[0].BadValue, "a too-long string is withheld; the detail gives its length")
	assert.Equal(t, "64 characters, at most 63 allowed", errs[0].Detail)
	errs = fieldErrors(t, validate(namedRunning("-job")))
	require.Len(t, errs, 1)
	assert.Equal(t, tj.ErrInvalid, errs[0].Kind)
	assert.Equal(t, "-job", errs[0].BadValue, "a malformed name is shown")
	assert.NotEmpty(t, errs[0].Detail)
}

// The detail of an illegal pair lists what the primary allows at the
// strength in use.
func TestValidateIllegalPairDetail(t *testing.T) {
	join := func(s []tj.SecondaryStatus) string {
		parts := make([]string, len(s))
		for i, v := range s {
			parts[i] = string(v)
		}
		return strings.Join(parts, ", ")
	}
	tests := []struct {
		p tj.Status
		s tj.SecondaryStatus
	}{
		{tj.StatusStopping, tj.SecondaryStatusCompleted},
		{tj.StatusInProgress, tj.SecondaryStatusStopped},
		{tj.StatusDeleting, tj.SecondaryStatusTraining},
	}
	for _, tt := range tests {
		t.Run(string(tt.p)+"/"+string(tt.s), func(t *testing.T) {
			job := tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tt.p, SecondaryStatus: tt.s}
			for _, strict := range []bool{false, true} {
				opts := strength(strict)
				var ve *tj.ValidationError
				require.ErrorAs(t, job.Validate(opts...), &ve)
				errs := ve.Filter(tj.ErrIllegalPair)
				require.Len(t, errs, 1)
				assert.Equal(t, "SecondaryStatus", errs[0].Field)
				assert.Equal(t, tj.ErrIllegalPair, errs[0].Kind)
				assert.Equal(t, string(tt.s), errs[0].BadValue)
				assert.Equal(t, "cannot go with TrainingJobStatus "+string(tt.p)+", which allows "+join(tj.Secondaries(tt.p, opts...)), errs[0].Detail,
					"strict=%v", strict)
			}
		})
	}
	// Spelled out once, so the list is not only compared with itself.
	errs := fieldErrors(t, validate(tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tj.StatusStopping, SecondaryStatus: tj.SecondaryStatusFailed}))
	assert.Equal(t, "cannot go with TrainingJobStatus Stopping, which allows Stopping, Starting, Pending, Downloading, Training, Uploading, "+
		"Interrupted, Restarting, Updating, LaunchingMLInstances, PreparingTrainingStack, DownloadingTrainingImage", errs[0].Detail)
	assert.NoError(t, tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tj.StatusStopping, SecondaryStatus: tj.SecondaryStatusTraining}.Validate(tj.Strict()),
		"strict accepts a lagging secondary")
}

func TestValidateMoreRules(t *testing.T) {
	none := []problem(nil)
	deleting := func(j tj.TrainingJob) tj.TrainingJob {
		return with(j, func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting })
	}
	noEnd := func(j *tj.TrainingJob) { j.TrainingEndTime = time.Time{} }
	runValidationCases(t, []validationCase{
		{"Deleting a completed job without TrainingEndTime", with(deleting(completedJob()), noEnd),
			[]problem{{"TrainingEndTime", tj.ErrRequired}}, []problem{{"TrainingEndTime", tj.ErrRequired}}},
		{"Deleting a failed job without TrainingEndTime", with(deleting(failedJob()), noEnd), none, none},
		{"Deleting a stopped job without TrainingEndTime", with(deleting(stoppedJob(tj.SecondaryStatusStopped)), noEnd), none, none},
		{"Stopped job without TrainingEndTime", with(stoppedJob(tj.SecondaryStatusStopped), noEnd), none, none},

		{"only the first entry is compared with CreationTime", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[2].StartTime = at(-time.Second)
		}), []problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}},
			[]problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}}},
		{"the first entry without CreationTime", with(completedJob(), func(j *tj.TrainingJob) {
			j.CreationTime = time.Time{}
			j.SecondaryStatusTransitions[0].StartTime = at(-time.Hour)
		}), none, []problem{{"CreationTime", tj.ErrRequired}}},

		{"strict: Deleting job with an open last entry", with(deleting(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = time.Time{}
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrRequired}}},
		{"strict: Stopped job with an open last entry", with(stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = time.Time{}
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrRequired}}},
		{"strict: Stopping job with an open last entry", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusStopping
			j.SecondaryStatusTransitions[2].EndTime = at(10 * time.Minute)
			j.SecondaryStatusTransitions = append(j.SecondaryStatusTransitions,
				tj.SecondaryStatusTransition{Status: tj.SecondaryStatusStopping, StartTime: at(10 * time.Minute)})
		}), none, none},
		{"strict: Deleting job's terminal entry lasts a while", with(deleting(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = j.SecondaryStatusTransitions[4].EndTime.Add(time.Second)
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrInvalid}}},

		{"strict: history without a SecondaryStatus", with(runningJob(), func(j *tj.TrainingJob) { j.SecondaryStatus = "" }),
			none, []problem{{"SecondaryStatus", tj.ErrRequired}}},
		{"billable time without training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 0, 100
		}), none, none},
		{"training time without billable time", with(completedJob(), func(j *tj.TrainingJob) { j.BillableTimeInSeconds = 0 }), none, none},
		{"billable equal to training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 100, 100
		}), none, none},
		{"billable a second above training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 100, 101
		}), []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}, []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}},

		{"strict: Stopped job without StoppingCondition", with(stoppedJob(tj.SecondaryStatusStopped), func(j *tj.TrainingJob) { j.StoppingCondition = nil }),
			none, []problem{{"StoppingCondition", tj.ErrRequired}}},
		{"strict: Failed job without StoppingCondition", with(failedJob(), func(j *tj.TrainingJob) { j.StoppingCondition = nil }),
			none, []problem{{"StoppingCondition", tj.ErrRequired}}},
		{"strict: Deleting job without ARN", with(deleting(failedJob()), func(j *tj.TrainingJob) { j.TrainingJobArn = "" }),
			none, []problem{{"TrainingJobArn", tj.ErrRequired}}},
		{"strict: Stopped job needs no ModelArtifacts", with(stoppedJob(tj.SecondaryStatusStopped), func(j *tj.TrainingJob) { j.ModelArtifacts = nil }), none, none},
		{"running job needs none of the finished members", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobArn, j.StoppingCondition, j.CreationTime = "", nil, time.Time{}
		}), none, none},
	})

	errs := fieldErrors(t, validate(with(completedJob(), func(j *tj.TrainingJob) {
		j.SecondaryStatusTransitions[2].StartTime = at(-time.Second)
	})))
	require.Len(t, errs, 2)
	assert.Equal(t, "before the StartTime of entry 1, 2024-03-08T10:02:00.123Z", errs[1].Detail)
}

// Map entries are withheld from errors, whatever the problem (they may hold
// secrets), and the errors of a map come out sorted by key.
func TestValidateMapEntries(t *testing.T) {
	job := with(runningJob(), func(j *tj.TrainingJob) {
		j.Environment = map[string]string{}
		j.HyperParameters = map[string]string{}
		for i := 9; i >= 0; i-- {
			j.Environment[fmt.Sprintf("%dBAD", i)] = "secret"
			j.HyperParameters[fmt.Sprintf("k%d", i)] = strings.Repeat("s", 2501)
		}
	})
	for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
		errs := fieldErrors(t, validate(job, opts...))
		require.Len(t, errs, 20)
		for i, fe := range errs[:10] {
			assert.Equal(t, fmt.Sprintf(`HyperParameters["k%d"]`, i), fe.Field)
			assert.Equal(t, tj.ErrTooLong, fe.Kind)
			assert.Nil(t, fe.BadValue)
			assert.Equal(t, "value has 2501 characters, at most 2500 allowed", fe.Detail)
		}
		for i, fe := range errs[10:] {
			assert.Equal(t, fmt.Sprintf(`Environment["%dBAD"]`, i), fe.Field)
			assert.Equal(t, tj.ErrInvalid, fe.Kind)
			assert.Nil(t, fe.BadValue, "an invalid key is withheld too")
			assert.True(t, strings.HasPrefix(fe.Detail, "key "), fe.Detail)
		}
		assert.NotContains(t, validate(job, opts...).Error(), "secret")
	}
}

// Options combine: one strict option makes the validation strict, whatever
// else is passed.
func TestValidateOptionsCombine(t *testing.T) {
	odd := with(runningJob(), func(j *tj.TrainingJob) { j.FailureReason = "none" })
	require.NoError(t, odd.Validate())
	require.NoError(t, odd.Validate(nil))
	for name, opts := range map[string][]tj.ValidateOption{
		"strict":           {tj.Strict()},
		"strict then nil":  {tj.Strict(), nil},
		"nil then strict":  {nil, tj.Strict()},
		"strict twice":     {tj.Strict(), tj.Strict()},
		"nil strict nil":   {nil, tj.Strict(), nil},
		"many nil, strict": {nil, nil, nil, tj.Strict()},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, []problem{{"FailureReason", tj.ErrForbidden}}, problems(t, odd.Validate(opts...)))
			_, err := odd.ToBuilder().Build(opts...)
			assert.ErrorIs(t, err, tj.ErrForbidden)
			_, err = tj.NewTransitionBuilder().WithStatus("Hibernating").WithStartTime(base).Build(opts...)
			assert.ErrorIs(t, err, tj.ErrNotSupported)
			assert.Equal(t, tj.Secondaries(tj.StatusStopping), tj.Secondaries(tj.StatusStopping, opts...))
			assert.False(t, tj.PairLenient.Allowed(opts...))
		})
	}
}

// randomJob starts from one of the fixtures and breaks it at random, the way
// FuzzValidate's inputs would.
func randomJob(r *rand.Rand) tj.TrainingJob {
	fixtures := []func() tj.TrainingJob{
		completedJob, runningJob, failedJob, spotJob,
		func() tj.TrainingJob { return stoppedJob(tj.SecondaryStatusStopped) },
		func() tj.TrainingJob { return stoppedJob(tj.SecondaryStatusMaxWaitTimeExceeded) },
	}
	j := fixtures[r.IntN(len(fixtures))]()
	chance := func(n int) bool { return r.IntN(n) == 0 }
	primaries := append(tj.Status("").Values(), "", "Paused")
	secondaries := append(tj.SecondaryStatus("").Values(), "", "Hibernating")
	shift := func(t time.Time) time.Time {
		switch r.IntN(4) {
		case 0:
			return time.Time{}
		case 1:
			return t.Add(-time.Duration(r.IntN(7200)) * time.Second)
		case 2:
			return t.Add(time.Duration(r.IntN(7200)) * time.Second)
		}
		return t.Add(time.Duration(r.IntN(3)-1) * time.Millisecond)
	}
	if chance(3) {
		j.TrainingJobStatus = primaries[r.IntN(len(primaries))]
	}
	if chance(3) {
		j.SecondaryStatus = secondaries[r.IntN(len(secondaries))]
	}
	if chance(4) {
		j.TrainingJobName = []string{"", "-job", "job-", "a_b", strings.Repeat("n", 64), strings.Repeat("é", 10), "ok-1"}[r.IntN(7)]
	}
	if chance(5) {
		j.TrainingJobArn = []string{"", "resnet", "arn:aws:sagemaker:r:1:training-job/other", "x:training-job/ok-1"}[r.IntN(4)]
	}
	h := j.SecondaryStatusTransitions
	for i := range h {
		if chance(6) {
			h[i].Status = secondaries[r.IntN(len(secondaries))]
		}
		if chance(6) {
			h[i].StartTime = shift(h[i].StartTime)
		}
		if chance(6) {
			h[i].EndTime = shift(h[i].EndTime)
		}
	}
	switch r.IntN(8) {
	case 0:
		j.SecondaryStatusTransitions = h[:r.IntN(len(h)+1)]
	case 1:
		j.SecondaryStatusTransitions = append(h, tj.SecondaryStatusTransition{
			Status: secondaries[r.IntN(len(secondaries))], StartTime: shift(h[len(h)-1].StartTime), EndTime: shift(h[len(h)-1].StartTime),
		})
	case 2:
		for i := range h {
			h[i].EndTime = time.Time{}
		}
	}
	if chance(4) {
		j.CreationTime = shift(j.CreationTime)
	}
	if chance(4) {
		j.TrainingStartTime = shift(j.TrainingStartTime)
	}
	if chance(4) {
		j.TrainingEndTime = shift(j.TrainingEndTime)
	}
	if chance(5) {
		j.LastModifiedTime = shift(j.LastModifiedTime)
	}
	if chance(3) {
		j.TrainingTimeInSeconds = int32(r.IntN(8000) - 10)
	}
	if chance(3) {
		j.BillableTimeInSeconds = int32(r.IntN(8000) - 10)
	}
	if chance(8) {
		j.BillableTokenCount = int64(r.IntN(5) - 2)
	}
	if chance(4) {
		j.FailureReason = []string{"", "oops", strings.Repeat("é", 1025)}[r.IntN(3)]
	}
	if chance(5) {
		j.StoppingCondition = nil
	}
	if chance(5) {
		j.ModelArtifacts = nil
	}
	if chance(6) {
		j.HyperParameters = map[string]string{strings.Repeat("k", 257): "1", "lr": strings.Repeat("9", 2501), "ok": "1"}
	}
	if chance(6) {
		j.Environment = map[string]string{"1BAD": "x", "OK": strings.Repeat("é", 513)}
	}
	if chance(10) {
		j.Environment = map[string]string{}
		for i := 0; i < 100+r.IntN(2); i++ {
			j.Environment[fmt.Sprintf("V%d", i)] = "x"
		}
	}
	return j
}

// Strict validation rejects everything the default rejects: on any job, the
// strict problems include the default ones (as field and kind, counted).
// It draws 600 random jobs by default and 3,000 with
// TRAININGJOB_ALL_ORACLES=1; either way every kind of problem turns up.
func TestStrictProblemsIncludeDefaultProblems(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 3))
	kinds := map[error]int{}
	strictOnly := 0
	for i := range testenv.FullSize(600, 3000) {
		job := randomJob(r)
		var lenient, strict []problem
		require.NotPanics(t, func() {
			lenient = problems(t, job.Validate())
			strict = problems(t, job.Validate(tj.Strict()))
		})
		count := map[problem]int{}
		for _, p := range strict {
			count[p]++
		}
		for _, p := range lenient {
			kinds[p.Kind]++
			if count[p] == 0 {
				t.Fatalf("job %d: default problem %v missing from strict %v\ndefault %v\njob %+v", i, p, strict, lenient, job)
			}
			count[p]--
		}
		if len(strict) > len(lenient) {
			strictOnly++
		}
	}
	// The generator reaches every kind of problem at the default strength,
	// and jobs that only strict validation rejects.
	for _, k := range []error{tj.ErrRequired, tj.ErrInvalid, tj.ErrTooLong, tj.ErrTooMany, tj.ErrOutOfRange, tj.ErrOutOfOrder, tj.ErrIllegalPair} {
		assert.NotZero(t, kinds[k], "no job with a %v problem", k)
	}
	assert.NotZero(t, strictOnly)
	t.Logf("problems by kind: %v; %d jobs with strict-only problems", kinds, strictOnly)
}

// keyStep is the path of a map entry whose key is too long to be quoted
// whole: the first 64 bytes of the key, cut before a character that would
// not fit, then its length in bytes.
func keyStep(member, key string) string {
	if len(key) <= 64 {
		return member + `["` + key + `"]`
	}
	n := 64
	for !utf8.RuneStart(key[n]) {
		n--
	}
	return fmt.Sprintf("%s[%q… (%d bytes)]", member, key[:n], len(key))
}

// A validation error quotes at most 64 bytes of any text of the job's (its
// name, a map key, an unknown status), so a long value, and what it may
// hide past its start, stays out of logs.
func TestValidationErrorsDoNotEchoLongValues(t *testing.T) {
	long := strings.Repeat("a", 100) + "MARKER\n"
	tests := []struct {
		name string
		job  tj.TrainingJob
	}{
		{"name", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = long })},
		{"hyperparameter key", with(runningJob(), func(j *tj.TrainingJob) { j.HyperParameters = map[string]string{long: "1"} })},
		{"environment key", with(runningJob(), func(j *tj.TrainingJob) { j.Environment = map[string]string{long: "1"} })},
		{"status", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.Status(long) })},
		{"secondary status", with(runningJob(), func(j *tj.TrainingJob) { j.SecondaryStatus = tj.SecondaryStatus(long) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.job.Validate(tj.Strict())
			require.Error(t, err)
			msg := err.Error()
			assert.NotContains(t, msg, "MARKER")
			assert.NotContains(t, msg, "\n")
			assert.Contains(t, msg, `"`+strings.Repeat("a", 64)+`"… (107 bytes)`)
		})
	}
}
