package trainingjob_test

// The Go blocks of README.md and docs/*.md, each inside an example that
// compiles it and, where it can run on its own, checks what it prints.
// TestReadmeGoBlocks (in cmd/trainingjob) fails when a block of the pages
// is not found here line for line, so the two cannot drift apart: change
// both together.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// A job written as a struct literal: the job's own scalars are plain
// values, the nested structures are aws-sdk-go-v2's types.
func Example_readmeStructLiteral() {
	created := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	job := trainingjob.TrainingJob{
		TrainingJobName:   "resnet-50",
		TrainingJobStatus: trainingjob.StatusInProgress,
		SecondaryStatus:   trainingjob.SecondaryStatusTraining,
		CreationTime:      created,
		HyperParameters:   map[string]string{"lr": "0.01"},
		// Nested structures are aws-sdk-go-v2's types, whose members are pointers.
		ResourceConfig: &types.ResourceConfig{
			InstanceType:   types.TrainingInstanceTypeMlP32xlarge,
			InstanceCount:  aws.Int32(2),
			VolumeSizeInGB: aws.Int32(50),
		},
	}
	fmt.Println(job.Outcome(), job.IsTerminal()) // Running false
	// Output:
	// Running false
}

// The same kind of job from a builder, and what validation says of it.
func Example_readmeBuilder() {
	created := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	b := trainingjob.NewBuilder("resnet-50").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining).
		WithInstances(types.TrainingInstanceTypeMlP32xlarge, 2). // fills ResourceConfig: no pointers
		WithCreationTime(created).
		WithTransition(trainingjob.SecondaryStatusStarting, created, created.Add(2*time.Minute), "Preparing the instances").
		WithTransition(trainingjob.SecondaryStatusTraining, created.Add(2*time.Minute), time.Time{}, "Training in progress")
	job, err := b.Build(trainingjob.Strict()) // validates: Strict() also asks for what the service always sends
	fmt.Println(job.Outcome(), err)           // Running <nil>

	_, err = b.WithStatus(trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted).Build()
	fmt.Println(errors.Is(err, trainingjob.ErrRequired)) // true
	var verr *trainingjob.ValidationError
	if errors.As(err, &verr) {
		for _, fe := range verr.Errors { // every problem at once, each with its path
			fmt.Println(fe.Field, "-", fe.Detail) // TrainingEndTime - a completed job has an end time
		}
	}
	// Output:
	// Running <nil>
	// true
	// TrainingEndTime - a completed job has an end time
}

// The status table, asked directly.
func Example_readmeStatusTable() {
	fmt.Println(trainingjob.CheckPair(trainingjob.StatusStopping, trainingjob.SecondaryStatusTraining))                 // legal: the secondary lags behind a stop
	fmt.Println(trainingjob.SecondaryStatusMaxRuntimeExceeded.Primaries())                                              // [Stopped Deleting]
	fmt.Println(trainingjob.ClassifyOutcome(trainingjob.StatusStopped, trainingjob.SecondaryStatusMaxWaitTimeExceeded)) // MaxWaitTimeExceeded
	// Output:
	// legal
	// [Stopped Deleting]
	// MaxWaitTimeExceeded
}

// Reading a document in any of its forms, and writing the service's JSON.
func Example_readmeReadDocument() {
	data, err := os.ReadFile("testdata/events/state-change-completed.json") // a sample of this repository
	if err != nil {
		panic(err)
	}
	doc, err := trainingjob.ReadDocument(data) // a describe response (API, AWS CLI, JS SDK), an EventBridge event or a Search record
	if err != nil {
		panic(err) // a *trainingjob.DecodeError names the member and the byte offset
	}
	fmt.Println(doc.Form, doc.Job.TrainingJobName, doc.Job.Outcome())
	fmt.Println(doc.Validate(trainingjob.Strict())) // an event is not asked for the end times it never carries
	body, err := trainingjob.Marshal(&doc.Job)      // the body of a DescribeTrainingJob response
	fmt.Println(len(body) > 0, err)
	// Output:
	// EventBridge event XGBoost-Churn-2024-03-08-10-00-00-123 Succeeded
	// <nil>
	// true <nil>
}

// The in-memory fake, fixtures and the fake over HTTP.
func Example_readmeFake() {
	ctx := context.Background()
	fake := trainingjobtest.NewFake() // an in-memory SageMaker with the methods of *sagemaker.Client
	_, err := fake.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("resnet-50"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://my-bucket/output")},
	})
	if err != nil {
		panic(err) // the service's error codes and words, such as a ValidationException
	}
	fake.Advance(40 * time.Minute) // jobs live on the fake's clock: 34 minutes by default
	out, err := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("resnet-50")})
	fmt.Println(out.TrainingJobStatus, out.SecondaryStatus, err) // Completed Completed <nil>

	failed := trainingjobtest.Failed().WithFailureReason("ClientError: out of memory").MustBuild() // a fixture for every ending
	fmt.Println(failed.Outcome())                                                                  // Failed

	srv := trainingjobtest.NewServer(fake) // the same fake over HTTP, on a free loopback port
	defer srv.Close()
	client := srv.SDKClient() // a *sagemaker.Client pointed at it
	_ = client
	// Output:
	// Completed Completed <nil>
	// Failed
}

// Following a job on the in-memory fake: Wait and the SDK's waiter move
// the fake's clock as they sleep.
func Example_readmeWaitOnFake() {
	ctx := context.Background()
	fake := trainingjobtest.NewFake()
	var err error
	_, err = fake.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:  aws.String("my-job"),
		RoleArn:          aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig: &types.OutputDataConfig{S3OutputPath: aws.String("s3://my-bucket/output")},
	})
	// Wait returns at once: the fake's clock moves as Wait sleeps.
	last, outcome, err := trainingjob.Wait(ctx, fake, "my-job")
	fmt.Println(outcome, last.TrainingEndTime.Sub(last.CreationTime), err) // Succeeded 34m0s <nil>

	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(fake, fake.WaiterOptions) // the SDK's waiter, on the same clock
	err = w.Wait(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("my-job")}, time.Hour)
	fmt.Println(err) // <nil>

	lines, err := logs.Read(ctx, fake, "my-job") // what its instances wrote to CloudWatch, merged in time order
	fmt.Println(len(lines), err)                 // 68 <nil>
	fmt.Println(lines[len(lines)-1])             // [algo-1] 2024-03-01 12:32:24,166 sagemaker-training-toolkit INFO     Reporting training SUCCESS
	// Output:
	// Succeeded 34m0s <nil>
	// <nil>
	// 68 <nil>
	// [algo-1] 2024-03-01 12:32:24,166 sagemaker-training-toolkit INFO     Reporting training SUCCESS
}

// The Go blocks of docs/*.md. They compile here; none runs, since each
// follows or calls a server.

// docs/library.md: timelines, durations and Wait.
func Example_docsTimeline() {
	ctx := context.Background()
	job := trainingjobtest.CompletedSpot().MustBuild()
	client := trainingjobtest.NewFake()

	tl := trainingjob.NewTimeline(&job, time.Now()) // one phase per history entry; open phases run to the time you pass
	fmt.Println(tl.Queued, tl.Training, tl.Interrupted, tl.ByStatus[trainingjob.SecondaryStatusTraining])

	d := job.Durations() // reported and implied times, per instance and for all instances
	if d.HasSpotSavings {
		fmt.Printf("managed spot saved %.0f%%\n", 100*d.SpotSavings)
	}

	// Follow a job through any DescribeTrainingJob client (a *sagemaker.Client, or a fake).
	last, outcome, err := trainingjob.Wait(ctx, client, "resnet-50",
		trainingjob.WithEventHandler(func(ev trainingjob.WatchEvent) error {
			for _, line := range ev.Lines {
				fmt.Println(line) // 2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.
			}
			return nil
		}))
	fmt.Println(last != nil, outcome, err)
}

// docs/library.md: a job's logs with its status changes.
func Example_docsLogs() {
	ctx := context.Background()
	cfg := aws.Config{Region: "us-east-1"}
	client := sagemaker.NewFromConfig(cfg)

	cw := cloudwatchlogs.NewFromConfig(cfg) // or trainingjobtest's fake, which has the same methods
	err := logs.Watch(ctx, cw, client, "resnet-50", func(e logs.Entry) error {
		switch {
		case e.Line != nil:
			fmt.Println(e.Line) // [algo-2] epoch 3/30 done
		case e.Status != nil:
			for _, line := range e.Status.Lines {
				fmt.Println(line) // 2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.
			}
		}
		return nil
	}, logs.WithSince(time.Now().Add(-time.Hour)))
	_ = err
}

// docs/fake.md: an aws-sdk-go-v2 client pointed at trainingjob serve.
func Example_docsBaseEndpoint() {
	cfg := aws.Config{Region: "us-east-1"}
	client := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) {
		o.BaseEndpoint = aws.String("http://127.0.0.1:8080")
	})
	_ = client
}

// docs/sdk-race.md: a client of one's own for a test server.
func Example_docsBufferedClient() {
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	client := sagemaker.New(sagemaker.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   trainingjobtest.BufferedClient(srv.Client()),
	})
	_ = client
}
