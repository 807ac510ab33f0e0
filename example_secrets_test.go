package trainingjob_test

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/trainingjob-go/trainingjob"
)

// noTime drops the time from slog's records, so that the examples' output
// is the same on every run.
func noTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// A job given to slog as an attribute's value is logged as a group with its
// secrets redacted, by the text and JSON handlers alike. Below the top
// level they part: the text handler prints a slice of jobs with fmt, which
// redacts, but the JSON handler encodes it with encoding/json, which writes
// the wire form with the values. Give that one copies made by Redacted.
func ExampleTrainingJob_Redacted() {
	jobs := []trainingjob.TrainingJob{
		trainingjob.NewBuilder("job-a").WithHyperParameter("api_key", "s3cr3t").BuildUnchecked(),
		trainingjob.NewBuilder("job-b").WithEnvironmentVariable("HF_TOKEN", "hf_t0ken").BuildUnchecked(),
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))

	logger.Info("one job", "job", jobs[0]) // LogValue: redacted

	safe := make([]trainingjob.TrainingJob, len(jobs))
	for i, j := range jobs {
		safe[i] = j.Redacted()
	}
	logger.Info("all jobs", "jobs", safe) // the wire form, without the values

	text := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	text.Info("all jobs", "jobs", jobs) // fmt's %+v: redacted

	fmt.Println(jobs[0].HyperParameters["api_key"]) // the jobs keep theirs
	// Output:
	// {"level":"INFO","msg":"one job","job":{"TrainingJobName":"job-a","SecondaryStatusTransitions":0,"HyperParameters":{"api_key":"[REDACTED]"}}}
	// {"level":"INFO","msg":"all jobs","jobs":[{"TrainingJobName":"job-a","HyperParameters":{"api_key":"[REDACTED]"},"EnableNetworkIsolation":false,"EnableInterContainerTrafficEncryption":false,"EnableManagedSpotTraining":false},{"TrainingJobName":"job-b","EnableNetworkIsolation":false,"EnableInterContainerTrafficEncryption":false,"EnableManagedSpotTraining":false,"Environment":{"HF_TOKEN":"[REDACTED]"}}]}
	// level=INFO msg="all jobs" jobs="[{TrainingJobName:job-a HyperParameters:map[api_key:[REDACTED]]} {TrainingJobName:job-b Environment:map[HF_TOKEN:[REDACTED]]}]"
	// s3cr3t
}
