// Package logs reads the CloudWatch logs of Amazon SageMaker training jobs:
// the output every instance of a job writes, merged into one feed in time
// order, alone or together with the job's status lines.
//
// SageMaker writes a training job's output to the log group
// /aws/sagemaker/TrainingJobs, one stream per instance and per start of
// its container, named "<job>/algo-<n>-<epoch seconds>": a job on two
// instances that is interrupted once on spot capacity writes four streams,
// two for each start. Read reads what the streams hold now; Follow and
// Watch follow them until the job ends, finding new streams as instances
// start, and Watch interleaves the status changes of trainingjob.Watch
// with the lines.
//
// The functions take the aws-sdk-go-v2 CloudWatch Logs client, or anything
// with its DescribeLogStreams and GetLogEvents methods (see Client), such
// as trainingjobtest's Fake, which writes realistic logs for its jobs and
// serves them over HTTP as the service does. The package is separate from
// trainingjob so that programs that do not read logs do not depend on the
// CloudWatch Logs client.
//
// CloudWatch Logs makes a line readable a moment after it is written, and
// not always in the order the instances wrote them. Follow and Watch hold
// each line back for an ingestion delay (WithIngestionDelay) before they
// deliver it, so that a line written earlier on another instance, but
// ingested later, still comes before it; when the job has ended they
// deliver everything that remains.
package logs
