package trainingjob_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// This file holds what several test files of package trainingjob_test
// share: the fixture jobs, small builders of nested SDK values, and the
// checks that read a validation or decoding error.

// base is the creation time of the test jobs, with milliseconds as the
// service writes them.
var base = time.Date(2024, 3, 8, 10, 0, 0, 123_000_000, time.UTC)

func at(d time.Duration) time.Time { return base.Add(d) }

// completedJob returns a finished on-demand job as the service describes
// one: contiguous history, last entry closed at TrainingEndTime, the name in
// the ARN lower-cased. It passes strict validation.
func completedJob() tj.TrainingJob {
	end := at(time.Hour + 4*time.Minute)
	return tj.TrainingJob{
		TrainingJobName:   "ResNet-50-2024-03-08",
		TrainingJobArn:    "arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50-2024-03-08",
		TrainingJobStatus: tj.StatusCompleted,
		SecondaryStatus:   tj.SecondaryStatusCompleted,
		ModelArtifacts:    &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://bucket/out/model.tar.gz")},
		HyperParameters:   map[string]string{"lr": "0.01", "epochs": "10"},
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/resnet:latest"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		RoleArn: "arn:aws:iam::123456789012:role/SageMakerRole",
		InputDataConfig: []types.Channel{{
			ChannelName: aws.String("train"),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://bucket/train/"),
			}},
		}},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://bucket/out/")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlP32xlarge, InstanceCount: aws.Int32(2), VolumeSizeInGB: aws.Int32(50)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(86400)},
		CreationTime:      base,
		TrainingStartTime: at(2 * time.Minute),
		TrainingEndTime:   end,
		LastModifiedTime:  end,
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
			{Status: tj.SecondaryStatusStarting, StartTime: base, EndTime: at(2 * time.Minute), StatusMessage: "Preparing the instances for training"},
			{Status: tj.SecondaryStatusDownloading, StartTime: at(2 * time.Minute), EndTime: at(3 * time.Minute), StatusMessage: "Downloading input data"},
			{Status: tj.SecondaryStatusTraining, StartTime: at(3 * time.Minute), EndTime: at(time.Hour + 3*time.Minute), StatusMessage: "Training image download completed. Training in progress."},
			{Status: tj.SecondaryStatusUploading, StartTime: at(time.Hour + 3*time.Minute), EndTime: end, StatusMessage: "Uploading generated training model"},
			{Status: tj.SecondaryStatusCompleted, StartTime: end, EndTime: end, StatusMessage: "Training job completed"},
		},
		FinalMetricDataList:   []types.MetricData{{MetricName: aws.String("validation:accuracy"), Value: aws.Float32(0.93), Timestamp: aws.Time(end)}},
		TrainingTimeInSeconds: 3720,
		BillableTimeInSeconds: 3720,
		Environment:           map[string]string{"WANDB_API_KEY": "secret"},
	}
}

// runningJob returns a job in the middle of training: no end time, no model
// artifacts, last entry open.
func runningJob() tj.TrainingJob {
	j := completedJob()
	j.TrainingJobStatus, j.SecondaryStatus = tj.StatusInProgress, tj.SecondaryStatusTraining
	j.SecondaryStatusTransitions = j.SecondaryStatusTransitions[:3:3]
	j.SecondaryStatusTransitions[2].EndTime = time.Time{}
	j.TrainingEndTime = time.Time{}
	j.LastModifiedTime = at(3 * time.Minute)
	j.ModelArtifacts = nil
	j.FinalMetricDataList = nil
	j.TrainingTimeInSeconds = 1800 // elapsed so far
	j.BillableTimeInSeconds = 0
	return j
}

// failedJob returns a job that failed after Uploading, as real failures do.
func failedJob() tj.TrainingJob {
	j := completedJob()
	h := j.SecondaryStatusTransitions
	j.TrainingJobStatus, j.SecondaryStatus = tj.StatusFailed, tj.SecondaryStatusFailed
	h[4].Status, h[4].StatusMessage = tj.SecondaryStatusFailed, "Training job failed"
	j.FailureReason = "AlgorithmError: ExecuteUserScriptError: exit code 1"
	j.ModelArtifacts = nil
	j.FinalMetricDataList = nil
	return j
}

// stoppedJob returns a job with primary status Stopped and the given
// secondary status as the last entry.
func stoppedJob(s tj.SecondaryStatus) tj.TrainingJob {
	j := completedJob()
	j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopped, s
	j.SecondaryStatusTransitions[4].Status = s
	j.SecondaryStatusTransitions[4].StatusMessage = "Training job stopped"
	j.ModelArtifacts = nil
	return j
}

// spotJob returns a managed spot job that was interrupted once and
// completed: Starting, Downloading and Training are visited twice, and the
// billable time is below the training time.
func spotJob() tj.TrainingJob {
	j := completedJob()
	t := func(s tj.SecondaryStatus, from, to time.Duration) tj.SecondaryStatusTransition {
		return tj.SecondaryStatusTransition{Status: s, StartTime: at(from), EndTime: at(to), StatusMessage: string(s)}
	}
	m := time.Minute
	j.SecondaryStatusTransitions = []tj.SecondaryStatusTransition{
		t(tj.SecondaryStatusStarting, 0, 2*m),
		t(tj.SecondaryStatusDownloading, 2*m, 3*m),
		t(tj.SecondaryStatusTraining, 3*m, 20*m),
		t(tj.SecondaryStatusInterrupted, 20*m, 25*m),
		t(tj.SecondaryStatusStarting, 25*m, 27*m),
		t(tj.SecondaryStatusDownloading, 27*m, 28*m),
		t(tj.SecondaryStatusTraining, 28*m, 63*m),
		t(tj.SecondaryStatusUploading, 63*m, 64*m),
		t(tj.SecondaryStatusCompleted, 64*m, 64*m),
	}
	j.EnableManagedSpotTraining = true
	j.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(7200)
	j.BillableTimeInSeconds = 1200
	return j
}

func channel(name, uri string) types.Channel {
	return types.Channel{
		ChannelName: aws.String(name),
		DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
			S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String(uri),
		}},
	}
}

func channels(n int) []types.Channel {
	out := make([]types.Channel, n)
	for i := range out {
		out[i] = channel(fmt.Sprintf("c%d", i), "s3://bucket/data/")
	}
	return out
}

func tags(n int) []types.Tag {
	out := make([]types.Tag, n)
	for i := range out {
		out[i] = types.Tag{Key: aws.String(fmt.Sprintf("k%d", i)), Value: aws.String("v")}
	}
	return out
}

// checkValidationError checks what every validation error must be: a
// non-empty *ValidationError whose field errors each have a type and a text
// that names where the problem is.
func checkValidationError(t *testing.T, err error) {
	t.Helper()
	var ve *tj.ValidationError
	if !errors.As(err, &ve) || len(ve.Errors) == 0 {
		t.Fatalf("error %v is not a non-empty *ValidationError", err)
	}
	for _, fe := range ve.Errors {
		if fe.Kind == nil || fe.Error() == "" {
			t.Fatalf("field error without a type or text: %#v", fe)
		}
		if !errors.Is(err, fe.Kind) {
			t.Fatalf("errors.Is(%v, %v) is false", err, fe.Kind)
		}
	}
	if err.Error() == "" {
		t.Fatal("a validation error without text")
	}
}

// addSampleSeeds adds every JSON sample under testdata to the fuzz corpus.
// checkOwnMemory overwrites data, which a decode has just read, and checks
// that what the decode returned, as text gives it, has not changed: the
// decoders read their input in place, and a caller may reuse its buffer as
// soon as they return. data is left overwritten.
func checkOwnMemory(t *testing.T, data []byte, text func() string) {
	t.Helper()
	before := text()
	const junk = "\x00\"\\{}[]:,x"
	for i := range data {
		data[i] = junk[i%len(junk)]
	}
	if after := text(); after != before {
		t.Fatalf("the decoded value changed when its input was overwritten:\nbefore: %s\nafter:  %s", before, after)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	var de *tj.DecodeError
	if errors.As(err, &de) {
		return fmt.Sprintf(" error %q at %d in %q: %s", de.Msg, de.Offset, de.Path, err)
	}
	return " error " + err.Error()
}

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

func hist(i int) string { return "SecondaryStatusTransitions[" + string(rune('0'+i)) + "]" }
