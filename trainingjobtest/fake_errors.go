package trainingjobtest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

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
}

// String words the violation as one entry of the service's list:
// "Value 'x' at 'path' failed to satisfy constraint: Member must ...".
func (v violation) String() string {
	quoted := "null"
	if v.value != nil {
		quoted = "'" + *v.value + "'"
	}
	return "Value " + quoted + " at '" + v.path + "' failed to satisfy constraint: " + v.constraint
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

func fromValidationError(err error) error {
	var ve *trainingjob.ValidationError
	if !errors.As(err, &ve) {
		return validationFailure(err.Error())
	}
	problems := make([]string, len(ve.Errors))
	for i, fe := range ve.Errors {
		problems[i] = fe.Error()
	}
	return validationFailure(problems...)
}

func statusRefusal(name, verb string, status trainingjob.Status, allowed string) error {
	return apiError(CodeValidationException, fmt.Sprintf(
		"Training job %q cannot be %s while its status is %s; only %s jobs can be.", name, verb, status, allowed))
}

var (
	namePattern         = regexp.MustCompile(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`)
	nameContainsPattern = regexp.MustCompile(`^[a-zA-Z0-9\-]+$`)
)

// checkName checks the TrainingJobName member of a request that names an
// existing job.
func checkName(p *string) error {
	if p == nil {
		return validationFailure("TrainingJobName: required: the member must be present")
	}
	if !namePattern.MatchString(*p) {
		return validationFailure(fmt.Sprintf("TrainingJobName: invalid: %q: must match the pattern %s and have 1 to 63 characters",
			*p, namePattern.String()))
	}
	return nil
}
