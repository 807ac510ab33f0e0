package trainingjobtest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// exampleCreate creates a job on the fake with the fewest members the
// service accepts.
func exampleCreate(fake *trainingjobtest.Fake, name string) {
	_, err := fake.CreateTrainingJob(context.Background(), &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String(name),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/output")},
	})
	if err != nil {
		panic(err)
	}
}

// trainingjob.Wait given the fake waits on the fake's clock: the job's
// 34 minutes pass without a real wait, and nothing needs wiring.
func ExampleFake_Sleep() {
	fake := trainingjobtest.NewFake()
	exampleCreate(fake, "my-job")

	job, outcome, err := trainingjob.Wait(context.Background(), fake, "my-job")

	fmt.Println(outcome, err)
	fmt.Println(job.TrainingEndTime.Sub(job.CreationTime))
	// Output:
	// Succeeded <nil>
	// 34m0s
}

// The SDK's own waiter runs on the fake's clock with fake.WaiterOptions:
// its two-minute delays move the clock instead of being slept.
func ExampleFake_WaiterOptions() {
	fake := trainingjobtest.NewFake()
	exampleCreate(fake, "my-job")

	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(fake, fake.WaiterOptions)
	out, err := w.WaitForOutput(context.Background(),
		&sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("my-job")}, 2*time.Hour)

	fmt.Println(out.TrainingJobStatus, err)
	// Output:
	// Completed <nil>
}
