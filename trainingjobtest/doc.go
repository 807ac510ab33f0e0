// Package trainingjobtest helps test code that works with SageMaker
// training jobs: scenarios that tell a job's life phase by phase the way the
// service does, fixtures built from them, random valid jobs for property
// tests, and a fake SageMaker that real clients can talk to.
//
// Everything here produces jobs that pass trainingjob's strict validation.
package trainingjobtest
