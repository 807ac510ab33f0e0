// Command trainingjob works with Amazon SageMaker training jobs from the
// command line: it shows and checks the JSON documents SageMaker, the AWS
// CLI and EventBridge produce, follows live jobs, and runs a fake SageMaker
// for local development.
//
// Install it from a clone of the repository with
//
//	go install ./cmd/trainingjob
//
// (once the module is published, go install
// github.com/trainingjob-go/trainingjob/cmd/trainingjob@latest will do),
// or try it without installing, and without an AWS account:
//
//	go run ./cmd/trainingjob demo
//
// # Commands
//
//	trainingjob inspect [OPTIONS] [FILE|-]
//	trainingjob validate [OPTIONS] PATH...
//	trainingjob watch [OPTIONS] NAME
//	trainingjob serve [OPTIONS]
//	trainingjob demo [OPTIONS]
//
// 'trainingjob help COMMAND', or COMMAND --help, lists the command's
// options.
//
// inspect shows one document (a DescribeTrainingJob response from the API or
// any AWS CLI or SDK, an EventBridge "SageMaker Training Job State Change"
// event, or a Search record): a summary, the timeline as a table with a bar
// per phase scaled to the output's width, and the validation findings.
// validate checks files, directories (every *.json below them) and standard
// input, and prints one line per problem, "FILE: FIELD: PROBLEM", then a
// count. A FIFO, socket or device that a directory holds is skipped with a
// note; one named on the command line is read. watch follows a job through aws-sdk-go-v2 with the standard AWS
// configuration and prints a line per phase and the outcome. serve runs the
// fake SageMaker of package trainingjobtest over HTTP on a loopback address.
// demo creates a job on an in-process fake and follows it at high speed.
//
// Flags may come before or after the arguments, and may be written with one
// dash or two; "--" ends them. Every command takes -h or --help, which
// prints its usage to standard output and exits 0. A mistake in the flags
// (an unknown option, a missing or bad value) is a usage error, such as
//
//	trainingjob: inspect: unknown option --bogus
//	Run 'trainingjob inspect --help' for usage.
//
// Colour is used only when standard output is a terminal, NO_COLOR is
// unset or empty, TERM is not "dumb" and --no-color is not given. The width
// is --width (40 to 1000), else the terminal's width when standard output
// is a terminal, else $COLUMNS, else 80; a width found outside 40 to 1000
// is brought within it. Every line of inspect's text view fits the width:
// long values wrap, and the timeline's bars shrink (and go, below 10
// cells).
//
// # Exit status
//
// Every command exits 2 for a usage error or an I/O error (a file that
// cannot be read, an address that cannot be used), and 130 when
// interrupted by Ctrl-C or SIGTERM (serve then shuts down and exits 0).
// Besides:
//
//	inspect   0 the document is valid, whatever the job's outcome
//	          1 the document is invalid, or not a training job document
//	validate  0 every document is valid
//	          1 at least one document is invalid or cannot be decoded
//	          (2 wins when a path could not be read)
//	watch     0 Succeeded (TrainingJobStatus Completed)
//	          1 Failed
//	          2 also: the job could not be followed (not found, no region or
//	            credentials, endpoint unreachable, API error)
//	          3 stopped: StoppedByUser, MaxRuntimeExceeded, MaxWaitTimeExceeded
//	          4 another ending: deleted while watched, or an unknown status
//	serve     0 stopped by Ctrl-C or SIGTERM
//	demo      0 the job was followed to its end
//
// # Open phases
//
// inspect measures a phase that has not ended up to the latest moment the
// document records: the event's time, LastModifiedTime, TrainingEndTime,
// the history's times, or TrainingStartTime + TrainingTimeInSeconds (which
// is the elapsed time while a job runs). The same document therefore always
// gives the same output. --now TIME (RFC 3339, or "now") measures to TIME
// instead. History entries without an EndTime other than the last one, as
// EventBridge sends them, end where the next entry starts; the terminal
// entry of a finished job ends where it starts.
//
// # inspect --json
//
// inspect --json writes one JSON object. Its members are always present
// (null when the document does not say), times are RFC 3339 strings in UTC
// with three fraction digits, and durations are numbers of seconds. New
// members may be added; schemaVersion changes when one is removed or
// changes meaning.
//
//	schemaVersion          1
//	file                   the path read, "-" for standard input
//	form                   "describe", "event" or "search"
//	event                  for events: {id, time, region, source}; else null
//	name, arn              TrainingJobName, TrainingJobArn
//	status                 TrainingJobStatus
//	secondaryStatus        SecondaryStatus
//	outcome                Succeeded, Failed, StoppedByUser, MaxRuntimeExceeded,
//	                       MaxWaitTimeExceeded, Running, Deleting or Unknown
//	finished               whether the outcome is final
//	failureReason          FailureReason
//	creationTime, trainingStartTime, trainingEndTime, lastModifiedTime
//	asOf, asOfSource       the time open phases run to, and "document" or "flag"
//	instanceType           ResourceConfig.InstanceType (the groups' types
//	                       joined with "+" for a heterogeneous cluster)
//	instanceCount          instances in all
//	managedSpot            EnableManagedSpotTraining
//	maxRuntimeSeconds, maxWaitTimeSeconds
//	trainingTimeSeconds, billableTimeSeconds    per instance, as reported
//	totalTrainingSeconds, totalBillableSeconds  for all instances (exact:
//	                       computed in 64 bits, they never wrap around)
//	spotSavings            1 - billable/training, a fraction (0.7 for 70%)
//	modelArtifacts         ModelArtifacts.S3ModelArtifacts
//	hyperParameters, environment  {key: value}, each value "[REDACTED]"
//	                       unless --show-secrets; null when absent
//	secretsShown           whether --show-secrets was given
//	finalMetrics           [{name, value}]
//	timeline.phases        [{index, status, start, end, durationSeconds, open,
//	                       endInferred, message}], one per history entry
//	timeline.gaps          [{after, start, end, durationSeconds}]: time no
//	                       entry covers, after entry index "after"
//	timeline.totals        {queuedSeconds, downloadingSeconds, trainingSeconds,
//	                       uploadingSeconds, interruptedSeconds, totalSeconds}
//	validation             {strength: "default" or "strict", valid,
//	                       findings: [{field, kind, problem}]}
//
// A document that cannot be decoded gives instead
//
//	{"schemaVersion": 1, "file": ..., "error": {"kind", "path", "offset", "message"}}
//
// and exit status 1.
package main
