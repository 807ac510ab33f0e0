package logs_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob/logs"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// exampleJob creates a two-instance job in a fake, which writes its logs
// as SageMaker's instances would.
func exampleJob(f *trainingjobtest.Fake) {
	_, err := f.CreateTrainingJob(context.Background(), &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String("example"),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/Example"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1"), TrainingInputMode: types.TrainingInputModeFile,
			MetricDefinitions: []types.MetricDefinition{{Name: aws.String("validation:accuracy"), Regex: aws.String(`val_acc=([0-9.]+)`)}},
		},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/models/")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Xlarge, InstanceCount: aws.Int32(2), VolumeSizeInGB: aws.Int32(30)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(3600)},
	})
	if err != nil {
		panic(err)
	}
}

// Read returns what a finished job's instances wrote, merged in time
// order.
func ExampleRead() {
	f := trainingjobtest.NewFake()
	exampleJob(f)
	f.Advance(time.Hour) // the job has completed

	lines, err := logs.Read(context.Background(), f, "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines[len(lines)-4:] {
		fmt.Println(l)
	}
	// Output:
	// [algo-1] val_acc=0.9300
	// [algo-1] epoch 30/30 done
	// [algo-2] 2024-03-01 12:32:24,751 sagemaker-training-toolkit INFO     Reporting training SUCCESS
	// [algo-1] 2024-03-01 12:32:24,814 sagemaker-training-toolkit INFO     Reporting training SUCCESS
}

// Watch interleaves the job's status changes with its lines; here the
// status lines and the lines that tell of the start of the user's script.
func ExampleWatch() {
	f := trainingjobtest.NewFake()
	exampleJob(f)

	err := logs.Watch(context.Background(), f, f, "example", func(e logs.Entry) error {
		switch {
		case e.Status != nil:
			for _, l := range e.Status.Lines {
				fmt.Println(l)
			}
		case strings.Contains(e.Line.Message, "Invoking user script"):
			fmt.Printf("%s %s\n", e.Time.Format("15:04:05"), e.Line.Instance)
		}
		return nil
	})
	fmt.Println("error:", err)
	// Output:
	// 2024-03-01 12:00:00 UTC Starting - Preparing the instances for training
	// 2024-03-01 12:02:00 UTC Downloading - Downloading input data
	// 2024-03-01 12:03:00 UTC Training - Training image download completed. Training in progress.
	// 12:03:25 algo-2
	// 12:03:26 algo-1
	// 2024-03-01 12:33:00 UTC Uploading - Uploading generated training model
	// 2024-03-01 12:34:00 UTC Completed - Training job completed
	// error: <nil>
}
