package trainingjob_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// Build a running job with its history, then ask it what it is doing.
func Example() {
	created := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	job, err := trainingjob.NewBuilder("resnet-50").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining).
		WithInstances(types.TrainingInstanceTypeMlP32xlarge, 2).
		WithHyperParameter("lr", "0.01").
		WithCreationTime(created).
		WithTransition(trainingjob.SecondaryStatusStarting, created, created.Add(2*time.Minute), "Preparing the instances").
		WithTransition(trainingjob.SecondaryStatusTraining, created.Add(2*time.Minute), time.Time{}, "Training in progress").
		Build(trainingjob.Strict())
	if err != nil {
		fmt.Println(err)
		return
	}
	current, _ := job.CurrentTransition()
	fmt.Println(job.TrainingJobStatus, job.SecondaryStatus, job.Outcome())
	fmt.Println(current.StatusMessage, "for", current.Duration(created.Add(time.Hour)))
	// Output:
	// InProgress Training Running
	// Training in progress for 58m0s
}

// A struct literal is a job too: scalars are plain values, nested members
// are aws-sdk-go-v2's types.
func ExampleTrainingJob() {
	job := trainingjob.TrainingJob{
		TrainingJobName:   "xgboost-churn",
		TrainingJobStatus: trainingjob.StatusStopped,
		SecondaryStatus:   trainingjob.SecondaryStatusMaxRuntimeExceeded,
		StoppingCondition: &types.StoppingCondition{},
	}
	fmt.Println(job.IsTerminal(), job.Outcome(), job.Validate())
	// Output: true MaxRuntimeExceeded <nil>
}

// Validation reports every problem at once, each with the path to the
// member in wire names.
func ExampleTrainingJob_Validate() {
	start := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	job := trainingjob.TrainingJob{
		TrainingJobName:   "resnet-50",
		TrainingJobStatus: trainingjob.StatusCompleted,
		SecondaryStatus:   trainingjob.SecondaryStatusTraining,
		SecondaryStatusTransitions: []trainingjob.SecondaryStatusTransition{
			{Status: trainingjob.SecondaryStatusStarting, StartTime: start, EndTime: start.Add(-time.Minute)},
		},
	}
	err := job.Validate()

	var verr *trainingjob.ValidationError
	if errors.As(err, &verr) {
		for _, fe := range verr.Errors {
			fmt.Printf("%s: %v\n", fe.Field, fe.Kind)
		}
	}
	fmt.Println("illegal pair:", errors.Is(err, trainingjob.ErrIllegalPair))
	// Output:
	// SecondaryStatus: illegal status pair
	// TrainingEndTime: required
	// SecondaryStatusTransitions[0].EndTime: out of order
	// illegal pair: true
}

// A job converted from aws-sdk-go-v2 is validated on the spot: Validate has
// a value receiver, so the result of FromSDK needs no variable.
func ExampleFromSDK() {
	err := trainingjob.FromSDK(&types.TrainingJob{
		TrainingJobName:   aws.String("xgboost-churn"),
		TrainingJobStatus: types.TrainingJobStatusInProgress,
		SecondaryStatus:   types.SecondaryStatusStarting,
	}).Validate(trainingjob.Strict())
	fmt.Println(err)
	// Output: <nil>
}

// The default strength accepts what the real service sends; Strict also
// rejects what it would not normally send, such as a secondary status that
// lags behind a stop request.
func ExampleStrict() {
	job := trainingjob.TrainingJob{
		TrainingJobName:   "resnet-50",
		TrainingJobStatus: trainingjob.StatusInProgress,
		SecondaryStatus:   trainingjob.SecondaryStatusTraining,
		FailureReason:     "ClientError: out of memory",
	}
	fmt.Println(job.Validate())
	fmt.Println(job.Validate(trainingjob.Strict()))

	// A secondary status lagging behind a stop request is what the service
	// sends while a job stops: both strengths accept it.
	job.TrainingJobStatus, job.FailureReason = trainingjob.StatusStopping, ""
	fmt.Println(job.Validate(trainingjob.Strict()))
	// Output:
	// <nil>
	// trainingjob: TrainingJob "resnet-50" is invalid: FailureReason: forbidden: "ClientError: out of memory": only a failed job has one
	// <nil>
}

// Ask the status table about pairs of statuses.
func ExampleCheckPair() {
	fmt.Println(trainingjob.CheckPair(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining))
	fmt.Println(trainingjob.CheckPair(trainingjob.StatusStopping, trainingjob.SecondaryStatusStarting))
	fmt.Println(trainingjob.CheckPair(trainingjob.StatusCompleted, trainingjob.SecondaryStatusFailed))
	fmt.Println(trainingjob.CheckPair(trainingjob.StatusInProgress, "Hibernating"))
	fmt.Println(trainingjob.SecondaryStatusMaxRuntimeExceeded.Primaries())
	row, _ := trainingjob.LookupPair(trainingjob.StatusDeleting, trainingjob.SecondaryStatusCompleted)
	fmt.Println(row.Evidence)
	// Output:
	// legal
	// legal
	// illegal
	// unknown
	// [Stopped Deleting]
	// inferred
}

// Name how a job ended without deciding whether "stopped" is a success.
func ExampleClassifyOutcome() {
	for _, s := range []trainingjob.SecondaryStatus{
		trainingjob.SecondaryStatusStopped,
		trainingjob.SecondaryStatusMaxRuntimeExceeded,
		trainingjob.SecondaryStatusMaxWaitTimeExceeded,
	} {
		fmt.Println(trainingjob.ClassifyOutcome(trainingjob.StatusStopped, s))
	}
	// Output:
	// StoppedByUser
	// MaxRuntimeExceeded
	// MaxWaitTimeExceeded
}

// Text typed by a person goes through the strict parser.
func ExampleParseStatus() {
	_, err := trainingjob.ParseStatus("inprogress")
	fmt.Println(err)
	fmt.Println(errors.Is(err, trainingjob.ErrNotSupported))
	// Output:
	// trainingjob: unknown Status "inprogress" (did you mean "InProgress"?); valid values: InProgress, Completed, Failed, Stopping, Stopped, Deleting
	// true
}

// A builder is a template: each Build returns an independent job.
func ExampleTrainingJob_ToBuilder() {
	base := trainingjob.NewBuilder("sweep-1").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusStarting).
		WithHyperParameter("lr", "0.1").
		MustBuild()
	next := base.ToBuilder().WithTrainingJobName("sweep-2").WithHyperParameter("lr", "0.2").MustBuild()
	fmt.Println(base.TrainingJobName, base.HyperParameters["lr"])
	fmt.Println(next.TrainingJobName, next.HyperParameters["lr"])
	// Output:
	// sweep-1 0.1
	// sweep-2 0.2
}

// Branch one builder into two with Clone. Copying the Builder value instead
// would give two builders sharing the job's maps and lists.
func ExampleBuilder_Clone() {
	template := trainingjob.NewBuilder("sweep").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusStarting).
		WithHyperParameter("epochs", "10")
	small := template.Clone().WithTrainingJobName("sweep-small").WithHyperParameter("batch", "32").MustBuild()
	large := template.Clone().WithTrainingJobName("sweep-large").WithHyperParameter("batch", "256").MustBuild()
	fmt.Println(small.TrainingJobName, len(small.HyperParameters), small.HyperParameters["batch"])
	fmt.Println(large.TrainingJobName, len(large.HyperParameters), large.HyperParameters["batch"])
	fmt.Println(len(template.MustBuild().HyperParameters))
	// Output:
	// sweep-small 2 32
	// sweep-large 2 256
	// 1
}

// Read any of the JSON forms users meet: here an EventBridge event, whose
// times are epoch milliseconds, one of them quoted.
func ExampleReadDocument() {
	event := []byte(`{
		"version": "0", "id": "7e1f2d0c", "detail-type": "SageMaker Training Job State Change",
		"source": "aws.sagemaker", "account": "123456789012", "time": "2024-03-08T11:04:00Z",
		"region": "eu-west-1", "resources": ["arn:aws:sagemaker:eu-west-1:123456789012:training-job/resnet-50"],
		"detail": {
			"TrainingJobName": "resnet-50", "TrainingJobStatus": "Completed", "SecondaryStatus": "Completed",
			"CreationTime": 1709892000123, "TrainingEndTime": "1709895840123",
			"SecondaryStatusTransitions": [{"Status": "Completed", "StartTime": 1709895840123}]
		}
	}`)
	doc, err := trainingjob.ReadDocument(event)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Form, doc.Event.Region, doc.Event.Time.Format(time.RFC3339))
	fmt.Println(doc.Job.TrainingJobName, doc.Job.Outcome(), doc.Job.TrainingEndTime.Format(time.RFC3339Nano))
	// Output:
	// EventBridge event eu-west-1 2024-03-08T11:04:00Z
	// resnet-50 Succeeded 2024-03-08T11:04:00.123Z
}

// Marshal writes the service's own form: epoch seconds, absent members left
// out. Decoding errors name the member and the byte offset.
func ExampleMarshal() {
	job := trainingjob.TrainingJob{
		TrainingJobName:   "resnet-50",
		TrainingJobStatus: trainingjob.StatusInProgress,
		SecondaryStatus:   trainingjob.SecondaryStatusStarting,
		CreationTime:      time.Date(2024, 3, 8, 10, 0, 0, 123_000_000, time.UTC),
	}
	data, _ := trainingjob.Marshal(&job)
	fmt.Println(string(data))

	err := trainingjob.Unmarshal([]byte(`{"CreationTime":"yesterday"}`), &job)
	fmt.Println(err)
	// Output:
	// {"TrainingJobName":"resnet-50","TrainingJobStatus":"InProgress","SecondaryStatus":"Starting","CreationTime":1709892000.123,"EnableNetworkIsolation":false,"EnableInterContainerTrafficEncryption":false,"EnableManagedSpotTraining":false}
	// trainingjob: CreationTime: not an epoch number or an ISO 8601 time: "yesterday" (at byte 16)
}

// Where the time of a managed spot job went, visits to the same status
// summed, and what the interruption saved.
func ExampleNewTimeline() {
	start := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	job := trainingjob.NewBuilder("spot-job").
		WithStatus(trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted).
		WithInstances(types.TrainingInstanceTypeMlG5Xlarge, 2).
		WithTransition(trainingjob.SecondaryStatusStarting, at(0), at(3), "").
		WithTransition(trainingjob.SecondaryStatusTraining, at(3), at(20), "").
		WithTransition(trainingjob.SecondaryStatusInterrupted, at(20), at(30), "").
		WithTransition(trainingjob.SecondaryStatusStarting, at(30), at(32), "").
		WithTransition(trainingjob.SecondaryStatusTraining, at(32), at(60), "").
		WithTransition(trainingjob.SecondaryStatusCompleted, at(60), at(60), "").
		WithTrainingTimeInSeconds(3600).
		WithBillableTimeInSeconds(2700).
		BuildUnchecked()

	tl := trainingjob.NewTimeline(&job, time.Time{})
	fmt.Println("queued", tl.Queued, "training", tl.Training, "interrupted", tl.Interrupted, "total", tl.Total)
	d := job.Durations()
	fmt.Println("billable on all instances", d.TotalBillableTime)
	if d.HasSpotSavings {
		fmt.Printf("spot saved %.0f%%\n", 100*d.SpotSavings)
	}
	// Output:
	// queued 5m0s training 45m0s interrupted 10m0s total 1h0m0s
	// billable on all instances 1h30m0s
	// spot saved 25%
}

// Progress lines describe what changed between two snapshots, each stamped
// with its own entry's start time.
func ExampleProgressLines() {
	start := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	before := trainingjob.NewBuilder("resnet-50").
		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusStarting).
		WithTransition(trainingjob.SecondaryStatusStarting, start, time.Time{}, "Preparing the instances for training").
		BuildUnchecked()
	after := before.ToBuilder().
		WithSecondaryStatus(trainingjob.SecondaryStatusTraining).
		WithSecondaryStatusTransitions(
			trainingjob.SecondaryStatusTransition{Status: trainingjob.SecondaryStatusStarting, StartTime: start,
				EndTime: start.Add(2 * time.Minute), StatusMessage: "Preparing the instances for training"},
			trainingjob.SecondaryStatusTransition{Status: trainingjob.SecondaryStatusTraining, StartTime: start.Add(2 * time.Minute),
				StatusMessage: "Training image download completed. Training in progress."},
		).
		BuildUnchecked()
	for _, line := range trainingjob.ProgressLines(&before, &after) {
		fmt.Println(line)
	}
	for _, c := range trainingjob.Diff(&before, &after) {
		fmt.Println(c.Kind, c.Index)
	}
	// Output:
	// 2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.
	// StatusChanged -1
	// EntryClosed 0
	// EntryAdded 1
}

// Validate an EventBridge event strictly: the document knows its form, so
// the end times the event form never carries are not asked for, and the
// timeline infers them.
func ExampleDocument_Validate() {
	data, err := os.ReadFile("testdata/events/state-change-in-progress.json")
	if err != nil {
		panic(err)
	}
	doc, err := trainingjob.ReadDocument(data)
	if err != nil {
		panic(err)
	}
	fmt.Println(doc.Form, doc.Validate(trainingjob.Strict()))
	fmt.Println(errors.Is(doc.Job.Validate(trainingjob.Strict()), trainingjob.ErrRequired), "without the form")
	fmt.Println(doc.Job.Validate(trainingjob.Strict(), trainingjob.AsEvent()), "with AsEvent")
	for _, p := range trainingjob.NewTimeline(&doc.Job, doc.Event.Time).Phases {
		fmt.Println(p.Status, p.Duration, "open:", p.Open, "inferred:", p.EndInferred)
	}
	// Output:
	// EventBridge event <nil>
	// true without the form
	// <nil> with AsEvent
	// Starting 4m30.739s open: false inferred: true
	// Downloading 7m32.575s open: false inferred: true
	// Training 785ms open: true inferred: false
}
