// Package trainingjob models Amazon SageMaker training jobs as plain Go
// values: the [TrainingJob] record, its history of
// [SecondaryStatusTransition] entries, the primary [Status] and the
// [SecondaryStatus], and the rules that tie them together.
//
// It sits beside aws-sdk-go-v2 rather than replacing it. Member names are the
// SDK's, nested structures are the SDK's own types, and scalars are plain
// values, so a job can be written as a struct literal or assembled with a
// [Builder]:
//
//	job := trainingjob.NewBuilder("resnet-50").
//		WithStatus(trainingjob.StatusInProgress, trainingjob.SecondaryStatusTraining).
//		WithCreationTime(created).
//		WithTransition(trainingjob.SecondaryStatusStarting, created, training, "Preparing the instances").
//		WithTransition(trainingjob.SecondaryStatusTraining, training, time.Time{}, "Training in progress").
//		MustBuild()
//
// # Statuses
//
// The service documents which secondary statuses go with which primary
// status only in prose. This package keeps that knowledge in one table,
// each pair marked with its [Evidence]; [Pairings], [Secondaries],
// [SecondaryStatus.Primaries] and [CheckPair] read it. [ClassifyOutcome]
// names how a job ended (succeeded, failed, stopped by a user, stopped by one
// of the two time limits) without deciding for the caller whether a stopped
// job counts as a success.
//
// Unknown status values, such as one the service adds after this package
// was released, are kept byte for byte when decoding. [ParseStatus] and
// [ParseSecondaryStatus] are the strict entry points for text typed by a
// person.
//
// # Validation
//
// [TrainingJob.Validate] reports every problem at once, as a
// [*ValidationError] whose [FieldError] entries carry a path in wire member
// names (SecondaryStatusTransitions[3].EndTime, HyperParameters["lr"]), the
// Kind of problem (match it with errors.Is against [ErrRequired],
// [ErrIllegalPair] and the other kinds), the bad value and a detail. The
// default strength accepts everything the real service has been seen to
// send, quirks included: a secondary status that lags behind a stop request,
// a history without end times as EventBridge sends it, a status visited
// again after a spot interruption, a training time past the runtime limit.
// It rejects what cannot be true at any strength, such as times that run
// backwards, or a per-instance TrainingTimeInSeconds or
// BillableTimeInSeconds longer than the job has existed (from CreationTime
// to TrainingEndTime). [Strict] also rejects what the service would not normally send, for jobs
// built by hand:
//
//	err := trainingjob.FromSDK(record.TrainingJob).Validate(trainingjob.Strict()) // a Search record
//
// Strict returns a [ValidateOption]. Options throughout the package are
// functions applied in order, as aws-sdk-go-v2's are: [Watch] and [Wait]
// take [WatchOption] values such as [WithPollDelay] in the same way.
//
// # Secrets
//
// Hyperparameter and environment values often hold credentials. fmt and
// log/slog print a job with [RedactedValue] in their place, on the paths
// RedactedValue lists; encoding/json, slog's JSON handler below the top
// level and the other paths listed there write them in clear.
// [TrainingJob.Redacted] makes a copy that is safe on every path, and
// [TrainingJob.RevealSecrets] shows the values on purpose.
package trainingjob

//go:generate go run ./internal/deepcopygen/cmd/deepcopygen -o deepcopy_gen.go
//go:generate go run ./internal/sdkgen/cmd/sdkgen -o sdk_gen.go
