// Package model holds the part of the SageMaker service model that this
// module is built from: the training-job operations (CreateTrainingJob,
// DescribeTrainingJob, StopTrainingJob, UpdateTrainingJob, ListTrainingJobs,
// DeleteTrainingJob), every shape they reach, and the TrainingJob shape that
// Search returns, with their constraints and without documentation; and the
// service's waiter for those operations.
//
// The JSON files beside this source are produced by Trim from botocore's
// full botocore/data/sagemaker/2017-07-24/service-2.json and waiters-2.json;
// cmd/trimmodel is the command that does it. The code generators read
// ServiceFile, and tests read the embedded copies.
package model

import (
	_ "embed" // for the model files
)

// ServiceFile and WaitersFile are the names of the trimmed model files in
// this directory; AdditionsFile holds what the pinned SDK knows and the
// newest botocore model did not yet, merged in by Trim.
const (
	ServiceFile   = "service-2.training-job.json"
	WaitersFile   = "waiters-2.training-job.json"
	AdditionsFile = "additions.json"
)

// Operations lists the operations the trimmed model keeps, in the order
// of the service model.
var Operations = []string{
	"CreateTrainingJob",
	"DeleteTrainingJob",
	"DescribeTrainingJob",
	"ListTrainingJobs",
	"StopTrainingJob",
	"UpdateTrainingJob",
}

// ExtraShapes lists the shapes kept although no kept operation reaches
// them: TrainingJob is what Search and the SDK's types.TrainingJob carry.
var ExtraShapes = []string{"TrainingJob"}

//go:embed service-2.training-job.json
var serviceJSON []byte

//go:embed waiters-2.training-job.json
var waitersJSON []byte

//go:embed additions.json
var additionsJSON []byte

// Service returns a copy of the trimmed service model.
func Service() []byte { return append([]byte(nil), serviceJSON...) }

// Waiters returns a copy of the trimmed waiter definitions.
func Waiters() []byte { return append([]byte(nil), waitersJSON...) }

// Additions returns a copy of the additions merged into the service model.
func Additions() []byte { return append([]byte(nil), additionsJSON...) }
