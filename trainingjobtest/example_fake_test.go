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

// A job created on the fake lives through its phases as the test moves the
// fake's clock.
func ExampleFake() {
	ctx := context.Background()
	fake := trainingjobtest.NewFake()
	_, err := fake.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("example-job"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/output")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, step := range []time.Duration{0, 10 * time.Minute, time.Hour} {
		fake.Advance(step)
		out, err := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("example-job")})
		if err != nil {
			fmt.Println(err)
			return
		}
		job := trainingjob.FromDescribeOutput(out)
		fmt.Println(job.TrainingJobStatus, job.SecondaryStatus, job.Outcome())
	}
	// Output:
	// InProgress Starting Running
	// InProgress Training Running
	// Completed Completed Succeeded
}

// A scenario makes a job end another way; here it fails in training.
func ExampleWithJobScenario() {
	ctx := context.Background()
	fake := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("flaky-job", trainingjobtest.Scenario{
		Outcome:       trainingjob.OutcomeFailed,
		FailIn:        trainingjob.SecondaryStatusTraining,
		FailureReason: "AlgorithmError: out of memory",
	}))
	_, _ = fake.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("flaky-job"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/output")},
	})
	fake.Advance(time.Hour)
	out, _ := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("flaky-job")})
	fmt.Println(out.TrainingJobStatus, aws.ToString(out.FailureReason))
	// Output:
	// Failed AlgorithmError: out of memory
}

// aws-sdk-go-v2's own client talks to the fake over HTTP.
func ExampleNewServer() {
	ctx := context.Background()
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	client := srv.SDKClient()
	_, err := client.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("missing")})
	fmt.Println(err != nil)
	_, _ = client.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("served-job"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/output")},
	})
	srv.Fake.Advance(150 * time.Second)
	out, _ := client.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("served-job")})
	fmt.Println(out.TrainingJobStatus, out.SecondaryStatus)
	// Output:
	// true
	// InProgress Downloading
}
