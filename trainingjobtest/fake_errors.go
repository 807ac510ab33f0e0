package trainingjobtest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
)

func apiError(code, msg string) error {
	return &smithy.GenericAPIError{Code: code, Message: msg, Fault: smithy.FaultClient}
}

func notFound() error { return apiError(CodeValidationException, NotFoundMessage) }

// violation is one constraint a request member breaks, in the form the
// service's ValidationException lists it.
type violation struct {
	// path is the member's path as the service writes it: lowerCamelCase
	// member names joined with dots.
	path string
	// value is the member's value as the service quotes it; nil stands for
	// an absent member, which the service writes as null.
	value *string
	// constraint is the rule, worded as the service words it, such as
	// "Member must not be null".
	constraint string
	// withheld leaves the value out ("Value at 'path' ..."), the form the
	// service uses for members it keeps secret. The fake uses it for maps,
	// whose values (hyperparameters, environment variables) may hold
	// secrets, where the service would quote the whole map.
	withheld bool
}

// String words the violation as one entry of the service's list:
// "Value 'x' at 'path' failed to satisfy constraint: Member must ...".
func (v violation) String() string {
	quoted := "Value null at '"
	switch {
	case v.withheld:
		quoted = "Value at '"
	case v.value != nil:
		quoted = "Value '" + *v.value + "' at '"
	}
	return quoted + v.path + "' failed to satisfy constraint: " + v.constraint
}

// Constraint sentences the service uses in its validation messages.
func mustNotBeNull() string { return "Member must not be null" }
func lengthAtMost(n int) string {
	return fmt.Sprintf("Member must have length less than or equal to %d", n)
}
func lengthAtLeast(n int) string {
	return fmt.Sprintf("Member must have length greater than or equal to %d", n)
}
func valueAtMost(n int64) string {
	return fmt.Sprintf("Member must have value less than or equal to %d", n)
}
func valueAtLeast(n int64) string {
	return fmt.Sprintf("Member must have value greater than or equal to %d", n)
}
func matchesPattern(p string) string {
	return "Member must satisfy regular expression pattern: " + p
}
func inEnumSet(values []string) string {
	return "Member must satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}

// violations words the violations as one ValidationException, as
// validationFailure does.
func violations(vs ...violation) error {
	problems := make([]string, len(vs))
	for i, v := range vs {
		problems[i] = v.String()
	}
	return validationFailure(problems...)
}

// validationFailure words a list of problems as the service does: how many
// there are, then each of them.
func validationFailure(problems ...string) error {
	s := "s"
	if len(problems) == 1 {
		s = ""
	}
	return apiError(CodeValidationException,
		fmt.Sprintf("%d validation error%s detected: %s", len(problems), s, strings.Join(problems, "; ")))
}

// nameInUse is the service's ResourceInUse for a CreateTrainingJob whose
// name is taken, naming the existing job's ARN, as in
// https://github.com/aws/amazon-sagemaker-examples/pull/3108 and
// https://github.com/SuperCowPowers/workbench/issues/384. It is the SDK's
// modelled *types.ResourceInUse, as a real client returns it.
func nameInUse(arn string) error {
	return &types.ResourceInUse{Message: aws.String(
		"Training job names must be unique within an AWS account and region, and a training job with this name already exists (" + arn + ")")}
}

// statusRefusal is the ValidationException of an operation the job's
// status does not allow. StopTrainingJob's wording is the service's
// (https://github.com/awslabs/benchmark-ai/issues/928: "The request was
// rejected because the training job is in status Stopped."); no real
// message was found for DeleteTrainingJob or UpdateTrainingJob, which use
// the same one.
func statusRefusal(status trainingjob.Status) error {
	return apiError(CodeValidationException, fmt.Sprintf("The request was rejected because the training job is in status %s.", status))
}

// nothingToUpdate is the message of an UpdateTrainingJob that names no
// member to change. It is the fake's wording: no real one was found.
const nothingToUpdate = "The request was rejected because it does not update anything: give at least one of ProfilerConfig, ProfilerRuleConfigurations, ResourceConfig or RemoteDebugConfig."

var nameContainsPattern = regexp.MustCompile(`^[a-zA-Z0-9\-]+$`)

// checkName checks the TrainingJobName member of a request that names an
// existing job (DescribeTrainingJob, StopTrainingJob, DeleteTrainingJob)
// against the model, as the service does, worded as its ValidationException.
func checkName(p *string) error {
	in := struct{ TrainingJobName *string }{p}
	if vs := checkRequest("DescribeTrainingJobRequest", &in); len(vs) > 0 {
		return violations(vs...)
	}
	return nil
}
