package trainingjob_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/trainingjob-go/trainingjob"
)

// replayClient stands in for a *sagemaker.Client: it answers
// DescribeTrainingJob with its jobs in turn, repeating the last one.
type replayClient []trainingjob.TrainingJob

func (r *replayClient) DescribeTrainingJob(_ context.Context, _ *sagemaker.DescribeTrainingJobInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeTrainingJobOutput, error) {
	job := (*r)[0]
	if len(*r) > 1 {
		*r = (*r)[1:]
	}
	return job.ToDescribeOutput(), nil
}

// noSleep replaces the real wait between calls, so the examples finish at
// once. It reports each wait instead.
func noSleep(ctx context.Context, d time.Duration) error {
	fmt.Println("  (waits", d, "before the next call)")
	return ctx.Err()
}

// exampleLife returns four descriptions of a job, as a watch would receive
// them: starting, training twice unchanged, then ended with the given
// statuses.
func exampleLife(end trainingjob.Status, last trainingjob.SecondaryStatus, message, reason string) []trainingjob.TrainingJob {
	t0 := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	entry := func(s trainingjob.SecondaryStatus, from, to int, msg string) trainingjob.SecondaryStatusTransition {
		e := trainingjob.SecondaryStatusTransition{Status: s, StartTime: at(from), StatusMessage: msg}
		if to >= 0 {
			e.EndTime = at(to)
		}
		return e
	}
	job := func(p trainingjob.Status, h ...trainingjob.SecondaryStatusTransition) trainingjob.TrainingJob {
		return trainingjob.TrainingJob{TrainingJobName: "resnet-50", TrainingJobStatus: p,
			SecondaryStatus: h[len(h)-1].Status, CreationTime: t0, SecondaryStatusTransitions: h}
	}
	starting := entry(trainingjob.SecondaryStatusStarting, 0, 2, "Preparing the instances for training")
	training := entry(trainingjob.SecondaryStatusTraining, 2, -1, "Training image download completed. Training in progress.")
	trained := training
	trained.EndTime = at(45)
	ended := job(end, starting, trained, entry(last, 45, 45, message))
	ended.FailureReason = reason
	return []trainingjob.TrainingJob{
		job(trainingjob.StatusInProgress, entry(trainingjob.SecondaryStatusStarting, 0, -1, starting.StatusMessage)),
		job(trainingjob.StatusInProgress, starting, training),
		job(trainingjob.StatusInProgress, starting, training),
		ended,
	}
}

// Wait for a job to end, printing its progress lines as they appear. The
// default counts only a completed job as a success.
func ExampleWait() {
	client := replayClient(exampleLife(trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted, "Training job completed", ""))

	job, outcome, err := trainingjob.Wait(context.Background(), &client, "resnet-50",
		trainingjob.WithPollDelay(10*time.Second, time.Minute),
		trainingjob.WithJitter(0), // for a stable output; keep jitter in real use
		trainingjob.WithClock(nil, noSleep),
		trainingjob.WithEventHandler(func(ev trainingjob.WatchEvent) error {
			for _, line := range ev.Lines {
				fmt.Println(line)
			}
			return nil
		}))
	fmt.Println(outcome, job.TrainingJobStatus, err)
	// Output:
	// 2024-03-08 10:00:00 UTC Starting - Preparing the instances for training
	//   (waits 10s before the next call)
	// 2024-03-08 10:02:00 UTC Training - Training image download completed. Training in progress.
	//   (waits 10s before the next call)
	//   (waits 20s before the next call)
	// 2024-03-08 10:45:00 UTC Completed - Training job completed
	// Succeeded Completed <nil>
}

// A failed job's error carries the failure reason. A stopped job is no
// success unless the caller says so, as here; the SDK's own waiter counts
// every stop as a success.
func ExampleWait_outcomes() {
	wait := func(life []trainingjob.TrainingJob, opts ...trainingjob.WatchOption) {
		client := replayClient(life)
		quiet := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
		opts = append(opts, trainingjob.WithClock(nil, quiet))
		_, outcome, err := trainingjob.Wait(context.Background(), &client, "resnet-50", opts...)
		var oe *trainingjob.OutcomeError
		switch {
		case errors.Is(err, trainingjob.ErrJobFailed) && errors.As(err, &oe):
			fmt.Printf("%s: %s\n", outcome, oe.FailureReason)
		case errors.Is(err, trainingjob.ErrUnsuccessful):
			fmt.Printf("%s: not a success\n", outcome)
		case err != nil:
			fmt.Println("watch failed:", err)
		default:
			fmt.Printf("%s: success\n", outcome)
		}
	}
	failed := exampleLife(trainingjob.StatusFailed, trainingjob.SecondaryStatusFailed, "Training job failed",
		"AlgorithmError: ExecuteUserScriptError: exit code 1")
	stopped := exampleLife(trainingjob.StatusStopped, trainingjob.SecondaryStatusStopped, "Training job stopped", "")

	wait(failed)
	wait(stopped)
	wait(stopped, trainingjob.WithSuccess(trainingjob.OutcomeSucceeded, trainingjob.OutcomeStoppedByUser))
	// Output:
	// Failed: AlgorithmError: ExecuteUserScriptError: exit code 1
	// StoppedByUser: not a success
	// StoppedByUser: success
}

// Watch reports each change as it is seen, for programs that react to
// them; the watch ends by itself when the job does.
func ExampleWatch() {
	client := replayClient(exampleLife(trainingjob.StatusStopped, trainingjob.SecondaryStatusMaxRuntimeExceeded,
		"Training job exceeded MaxRuntimeInSeconds provided", ""))
	quiet := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }

	err := trainingjob.Watch(context.Background(), &client, "resnet-50", func(ev trainingjob.WatchEvent) error {
		for _, c := range ev.Changes {
			if c.Kind == trainingjob.ChangeStatus {
				fmt.Println(c.NewStatus, c.NewSecondary, ev.Outcome)
			}
		}
		return nil
	}, trainingjob.WithClock(nil, quiet))
	fmt.Println("watch ended:", err)
	// Output:
	// InProgress Starting Running
	// InProgress Training Running
	// Stopped MaxRuntimeExceeded MaxRuntimeExceeded
	// watch ended: <nil>
}
