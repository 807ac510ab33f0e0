package trainingjob

import (
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// FromSDK converts a job in the SDK's TrainingJob shape, as Search returns
// it. A nil in gives the zero TrainingJob.
//
// The member-by-member code behind FromSDK and the other conversions to and
// from aws-sdk-go-v2 is written by a generator that refuses to run when an
// SDK shape gains a member TrainingJob does not have. All of them follow the
// same rules:
//
//   - Where the SDK has a pointer to a string, number, bool or time.Time,
//     TrainingJob has the plain value. A nil pointer and a pointer to the
//     zero value ("", 0, false, a time whose IsZero reports true) both become
//     the zero value, and on the way back a zero value becomes nil. This is
//     the only change a round trip can make.
//   - Times are copied as they are: no rounding, no change of location.
//   - The two statuses are converted by their string value, so values this
//     package does not know survive unchanged, in both directions.
//   - Nested SDK structures, slices and maps are deep-copied, so the result
//     never shares memory with the input. A nil slice or map stays nil and an
//     empty one stays empty.
//
// The TrainingJob shape has no BillableTokenCount, ProfilerRuleConfigurations,
// ProfilerRuleEvaluationStatuses, ProfilingStatus, RemoteDebugConfig,
// InfraCheckConfig, ServerlessJobConfig, MlflowConfig, MlflowDetails or
// ProgressInfo (DescribeTrainingJob returns them), so those members of the
// result are zero.
func FromSDK(in *types.TrainingJob) TrainingJob { return trainingJobFromSDK(in) }

// FromDescribeOutput converts a DescribeTrainingJob response, following
// the rules described on FromSDK. A nil in gives the zero TrainingJob.
// ResultMetadata is ignored: it belongs to the call, not to the job.
//
// A describe response carries no tags, so Tags is nil in the result; call
// ListTags and set it yourself if you need them.
func FromDescribeOutput(in *sagemaker.DescribeTrainingJobOutput) TrainingJob {
	return trainingJobFromDescribeOutput(in)
}

// TransitionFromSDK converts one SDK history entry, following the rules
// described on FromSDK.
func TransitionFromSDK(in types.SecondaryStatusTransition) SecondaryStatusTransition {
	return transitionFromSDK(&in)
}

// ToSDK returns the job in the SDK's TrainingJob shape, following the rules
// described on FromSDK. The members that shape lacks (listed on FromSDK)
// are dropped, so FromSDK(j.ToSDK()) equals j with those members zeroed.
func (j TrainingJob) ToSDK() *types.TrainingJob {
	out := trainingJobToSDK(&j)
	return &out
}

// ToDescribeOutput returns the DescribeTrainingJob response that would
// describe the job, following the rules described on FromSDK, with an empty
// ResultMetadata. Tags are dropped, since that response has no such member.
func (j TrainingJob) ToDescribeOutput() *sagemaker.DescribeTrainingJobOutput {
	out := trainingJobToDescribeOutput(&j)
	return &out
}

// ToSDK returns the entry as the SDK's history entry, following the rules
// described on FromSDK.
func (t SecondaryStatusTransition) ToSDK() types.SecondaryStatusTransition {
	return transitionToSDK(&t)
}

// ToCreateInput returns the CreateTrainingJob request that would create a
// job like j: it carries every member such a request takes that TrainingJob
// has, converted by the rules described on FromSDK. What only the service
// sets (ARNs, statuses, times, metrics, rule results and the like) is no
// part of a request and is left out.
//
// SessionChainingConfig is left nil: no describe response returns it, so
// TrainingJob has no member to take it from. Set it on the result if you
// need it.
func (j TrainingJob) ToCreateInput() *sagemaker.CreateTrainingJobInput {
	out := trainingJobToCreateInput(&j)
	return &out
}
