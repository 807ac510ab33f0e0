package trainingjobtest_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// Start from a fixture, change the one thing the test is about, and build.
func ExampleCompleted() {
	job, err := trainingjobtest.Completed(trainingjobtest.WithJobName("Churn-XGBoost")).
		WithInstances(types.TrainingInstanceTypeMlP32xlarge, 2).
		Build(trainingjob.Strict())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(job.TrainingJobArn)
	fmt.Println(job.TrainingJobStatus, job.Outcome(), job.ResourceConfig.InstanceType)
	for _, tr := range job.SecondaryStatusTransitions {
		fmt.Printf("%-11s %s\n", tr.Status, tr.StartTime.Format(time.TimeOnly))
	}
	// Output:
	// arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgboost
	// Completed Succeeded ml.p3.2xlarge
	// Starting    10:00:00
	// Downloading 10:02:00
	// Training    10:03:00
	// Uploading   10:33:00
	// Completed   10:34:00
}

// A managed spot job bills less than it trains: the interruption is free.
func ExampleCompletedSpot() {
	job := trainingjobtest.CompletedSpot().MustBuild(trainingjob.Strict())
	fmt.Println(trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusTraining), "visits to Training")
	fmt.Println(job.TrainingTimeInSeconds, "seconds trained,", job.BillableTimeInSeconds, "billed")
	fmt.Printf("savings %.0f%%\n", 100*(1-float64(job.BillableTimeInSeconds)/float64(job.TrainingTimeInSeconds)))
	// Output:
	// 2 visits to Training
	// 2340 seconds trained, 630 billed
	// savings 73%
}

// WithBaseTime moves the whole story.
func ExampleWithBaseTime() {
	base := time.Date(2025, 1, 31, 23, 0, 0, 0, time.UTC)
	job := trainingjobtest.Failed(trainingjobtest.WithBaseTime(base)).MustBuild(trainingjob.Strict())
	fmt.Println(job.CreationTime.Format(time.RFC3339), "to", job.TrainingEndTime.Format(time.RFC3339))
	fmt.Println(job.FailureReason)
	// Output:
	// 2025-01-31T23:00:00Z to 2025-01-31T23:34:00Z
	// AlgorithmError: ExecuteUserScriptError: Command "python train.py" exited with code 1
}

// A running job in each status the service uses today.
func ExampleInProgress() {
	for _, s := range trainingjobtest.InProgressSecondaries() {
		job := trainingjobtest.InProgress(s).MustBuild(trainingjob.Strict())
		current, _ := job.CurrentTransition()
		fmt.Println(job.TrainingJobStatus, job.SecondaryStatus, len(job.SecondaryStatusTransitions), current.IsOpen())
	}
	// Output:
	// InProgress Starting 1 true
	// InProgress Pending 2 true
	// InProgress Downloading 2 true
	// InProgress Training 3 true
	// InProgress Uploading 4 true
	// InProgress Interrupted 4 true
	// InProgress Restarting 4 true
	// InProgress Updating 4 true
}

// Random jobs for property tests: valid, and the same for the same seed.
func ExampleRandom() {
	for seed := range uint64(3) {
		job := trainingjobtest.Random(seed)
		again := trainingjobtest.Random(seed)
		fmt.Println(job.Validate(trainingjob.Strict()) == nil, reflect.DeepEqual(job, again))
	}
	// Output:
	// true true
	// true true
	// true true
}

// A Generator draws jobs in the statuses a test needs, including those of
// 2018.
func ExampleGenerator_JobIn() {
	g := trainingjobtest.NewGenerator(rand.New(rand.NewPCG(1, 2)))
	for _, want := range []struct {
		primary   trainingjob.Status
		secondary trainingjob.SecondaryStatus
	}{
		{trainingjob.StatusStopped, trainingjob.SecondaryStatusMaxWaitTimeExceeded},
		{trainingjob.StatusInProgress, trainingjob.SecondaryStatusLaunchingMLInstances},
	} {
		job := g.JobIn(want.primary, want.secondary)
		fmt.Println(job.Outcome(), job.SecondaryStatus, job.Validate(trainingjob.Strict()))
	}
	// Output:
	// MaxWaitTimeExceeded MaxWaitTimeExceeded <nil>
	// Running LaunchingMLInstances <nil>
}

// A scenario can be given as plain data, phase by phase: a new kind of
// life is one value.
func ExampleScenario_phases() {
	created := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	s := trainingjobtest.Scenario{Name: "oom-job", Created: created, FailureReason: trainingjobtest.ReasonAlgorithmError,
		Phases: []trainingjobtest.Phase{
			{Status: trainingjob.SecondaryStatusStarting, Duration: 2 * time.Minute, Message: trainingjobtest.MessageStarting},
			{Status: trainingjob.SecondaryStatusDownloading, Duration: time.Minute, Message: trainingjobtest.MessageDownloading},
			{Status: trainingjob.SecondaryStatusTraining, Duration: 7 * time.Minute, Message: trainingjobtest.MessageTraining},
			{Status: trainingjob.SecondaryStatusFailed, Message: trainingjobtest.MessageFailed},
		}}
	job := s.JobAt(created.Add(time.Hour))
	for _, e := range job.SecondaryStatusTransitions {
		fmt.Println(e.StartTime.Format("15:04"), e.Status)
	}
	fmt.Println(job.TrainingJobStatus, job.TrainingTimeInSeconds, "s")
	// Output:
	// 10:00 Starting
	// 10:02 Downloading
	// 10:03 Training
	// 10:10 Failed
	// Failed 480 s
}

// ParseScenario reads the spec a client of any language can send in the
// trainingjobtest:scenario tag, or a rules file can give.
func ExampleParseScenario() {
	s, err := trainingjobtest.ParseScenario("restarts=1 training=20m")
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Name, s.Created = "flaky", time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	for _, p := range s.Plan() {
		fmt.Println(p.Status, p.Duration)
	}
	// Output:
	// Starting 2m0s
	// Downloading 1m0s
	// Training 10m0s
	// Restarting 1m0s
	// Starting 2m0s
	// Downloading 1m0s
	// Training 10m0s
	// Uploading 1m0s
	// Completed 0s
}
