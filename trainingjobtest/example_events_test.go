package trainingjobtest_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// spotNotifier is the code under test: a Lambda-style handler that an
// EventBridge rule on "SageMaker Training Job State Change" invokes with
// each event's bytes. It remembers the statuses it saw and, when a job
// ends, what it would post to a chat channel.
type spotNotifier struct {
	seen    []string
	notices []string
}

func (n *spotNotifier) Handle(ctx context.Context, event []byte) error {
	doc, err := trainingjob.ReadDocument(event)
	if err != nil {
		return fmt.Errorf("not a training job event: %w", err)
	}
	job := doc.Job
	n.seen = append(n.seen, fmt.Sprintf("%s %s/%s", doc.Event.Time.Format("15:04:05"), job.TrainingJobStatus, job.SecondaryStatus))
	if !job.IsTerminal() {
		return nil
	}
	interruptions := trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusInterrupted)
	n.notices = append(n.notices, fmt.Sprintf("%s: %s after %d interruption(s), billed %ds of %ds",
		job.TrainingJobName, job.Outcome(), interruptions, job.BillableTimeInSeconds, job.TrainingTimeInSeconds))
	return nil
}

// Test a Lambda-style handler against the events a managed spot job
// sends when its instances are reclaimed once and it then completes: the
// fake emits one event per status change, each in EventBridge's form, and
// the test feeds them to the handler as EventBridge would.
func ExampleFake_Subscribe() {
	ctx := context.Background()
	fake := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("spot-job", trainingjobtest.Scenario{
		Interruptions: []trainingjobtest.Interruption{{At: 10 * time.Minute, Lasts: 5 * time.Minute}},
	}))
	events := fake.Subscribe(64)
	defer events.Close()

	_, err := fake.CreateTrainingJob(ctx, &sagemaker.CreateTrainingJobInput{
		TrainingJobName:           aws.String("spot-job"),
		RoleArn:                   aws.String("arn:aws:iam::123456789012:role/SageMakerRole"),
		OutputDataConfig:          &types.OutputDataConfig{S3OutputPath: aws.String("s3://example-bucket/output")},
		EnableManagedSpotTraining: aws.Bool(true),
		StoppingCondition:         &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(3600), MaxWaitTimeInSeconds: aws.Int32(7200)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fake.Advance(2 * time.Hour) // the job's whole life

	var handler spotNotifier
	for len(events.Events()) > 0 {
		ev := <-events.Events()
		if err := handler.Handle(ctx, ev.Data); err != nil {
			fmt.Println("handler failed:", err)
		}
	}
	fmt.Println(strings.Join(handler.seen, "\n"))
	fmt.Println(strings.Join(handler.notices, "\n"))
	// Output:
	// 12:00:00 InProgress/Starting
	// 12:02:00 InProgress/Downloading
	// 12:03:00 InProgress/Training
	// 12:13:00 InProgress/Interrupted
	// 12:18:00 InProgress/Starting
	// 12:20:00 InProgress/Downloading
	// 12:21:00 InProgress/Training
	// 12:41:00 InProgress/Uploading
	// 12:42:00 Completed/Completed
	// spot-job: Succeeded after 1 interruption(s), billed 630s of 2400s
}
