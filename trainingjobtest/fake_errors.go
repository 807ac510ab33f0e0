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
