package trainingjob_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// %v prints a one-line summary of a job, %+v every member that is set,
// with pointers followed and secrets redacted.
func ExampleTrainingJob_Format() {
	created := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	job := trainingjob.NewBuilder("my-job").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining).
		WithInstances(types.TrainingInstanceTypeMlM5Xlarge, 1).
		WithHyperParameter("api_key", "s3cr3t").
		WithCreationTime(created).
		WithTransition(trainingjob.SecondaryStatusStarting, created, created.Add(90*time.Second), "Preparing the instances").
		WithTransition(trainingjob.SecondaryStatusTraining, created.Add(90*time.Second), time.Time{}, "Training in progress").
		BuildUnchecked()

	fmt.Printf("%v\n", job)
	fmt.Printf("%+v\n", job)
	fmt.Printf("%v\n", job.SecondaryStatusTransitions[0])
	fmt.Printf("%v\n", trainingjob.NewBuilder("draft"))
	// Output:
	// TrainingJob my-job InProgress/Training (Running), created 2024-03-01T12:00:00Z
	// {TrainingJobName:my-job TrainingJobStatus:InProgress SecondaryStatus:Training HyperParameters:map[api_key:[REDACTED]] ResourceConfig:{InstanceCount:1 InstanceType:ml.m5.xlarge} CreationTime:2024-03-01T12:00:00Z SecondaryStatusTransitions:[{Status:Starting StartTime:2024-03-01T12:00:00Z EndTime:2024-03-01T12:01:30Z StatusMessage:Preparing the instances} {Status:Training StartTime:2024-03-01T12:01:30Z StatusMessage:Training in progress}]}
	// Starting 2024-03-01T12:00:00Z→2024-03-01T12:01:30Z "Preparing the instances"
	// TrainingJob draft -/- (Unknown) (invalid: 1 problem)
}
