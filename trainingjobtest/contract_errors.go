package trainingjobtest

import (
	"errors"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/trainingjob-go/trainingjob"
)

// The checks in this file hold the service's errors to the forms real
// responses show, so that they pass against SageMaker itself: they assert
// what the quoted responses have in common and leave alone what varies
// (the order of a ValidationException's entries, the order of an
// enumeration's value set, the text of a pattern, which the service has
// changed over the years). The sources are cited in fake_check.go and
// fake_errors.go next to the messages.

// apiErrorOf returns err's code and message, reporting a test error when
// err is nil or not a smithy.APIError.
func (s *suite) apiErrorOf(what string, err error) (code, msg string, ok bool) {
	s.t.Helper()
	var apiErr smithy.APIError
	switch {
	case err == nil:
		s.t.Errorf("%s: succeeded, want an error", what)
		return "", "", false
	case !errors.As(err, &apiErr):
		s.t.Errorf("%s: error %v (%T) does not satisfy smithy.APIError", what, err, err)
		return "", "", false
	}
	return apiErr.ErrorCode(), apiErr.ErrorMessage(), true
}

// expectViolations checks that err is a ValidationException listing the
// given entries, in any order, each a whole "Value ... at '...' failed to
// satisfy constraint: ..." entry or, ending in "...", its beginning.
func (s *suite) expectViolations(what string, err error, entries ...string) {
	s.t.Helper()
	code, msg, ok := s.apiErrorOf(what, err)
	if !ok {
		return
	}
	if code != CodeValidationException {
		s.t.Errorf("%s: error code %q (%s), want %q", what, code, msg, CodeValidationException)
		return
	}
	got, err := splitViolations(msg)
	if err != nil {
		s.t.Errorf("%s: %v", what, err)
		return
	}
	if len(got) != len(entries) {
		s.t.Errorf("%s: %d entries in %q, want %d", what, len(got), msg, len(entries))
		return
	}
	used := make([]bool, len(got))
	for _, want := range entries {
		prefix, isPrefix := strings.CutSuffix(want, "...")
		found := false
		for i, g := range got {
			if !used[i] && (g == want || isPrefix && strings.HasPrefix(g, prefix)) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			s.t.Errorf("%s: no entry %q in %q", what, want, msg)
		}
	}
}

// splitViolations splits a ValidationException message of the form
// "N validation error(s) detected: e1; e2" into its entries, checking that
// N counts them.
func splitViolations(msg string) ([]string, error) {
	count, rest, ok := strings.Cut(msg, " validation error")
	n, err := strconv.Atoi(count)
	if !ok || err != nil || n < 1 {
		return nil, errors.New("message " + strconv.Quote(msg) + " does not start with a count of validation errors")
	}
	rest, ok = strings.CutPrefix(rest, map[bool]string{true: " detected: ", false: "s detected: "}[n == 1])
	if !ok {
		return nil, errors.New("message " + strconv.Quote(msg) + " does not go on with \"validation error(s) detected: \"")
	}
	var entries []string
	for _, part := range strings.Split(rest, "; Value ") {
		if len(entries) > 0 {
			part = "Value " + part
		}
		entries = append(entries, part)
	}
	if len(entries) != n {
		return nil, errors.New("message " + strconv.Quote(msg) + " counts " + count + " errors and lists " + strconv.Itoa(len(entries)))
	}
	return entries, nil
}

// expectMessage checks err's code and that its message is want or, when
// want ends in "...", begins with the rest.
func (s *suite) expectMessage(what string, err error, code, want string) {
	s.t.Helper()
	gotCode, msg, ok := s.apiErrorOf(what, err)
	if !ok {
		return
	}
	if gotCode != code {
		s.t.Errorf("%s: error code %q (%s), want %q", what, gotCode, msg, code)
	}
	if prefix, isPrefix := strings.CutSuffix(want, "..."); isPrefix && !strings.HasPrefix(msg, prefix) || !isPrefix && msg != want {
		s.t.Errorf("%s: message %q, want %q", what, msg, want)
	}
}

// errorWording checks the wording of the service's errors: the
// ValidationException of requests that break the model's constraints, the
// cross-member rule whose message is known, a name in use, a missing job
// and operations the job's status refuses.
func (s *suite) errorWording() {
	create := func(edit func(*sagemaker.CreateTrainingJobInput)) error {
		in := suiteRequest("contract-wording")
		edit(in)
		_, err := s.c.CreateTrainingJob(s.ctx, in)
		return err
	}
	const pattern = "Member must satisfy regular expression pattern: ..."
	s.expectViolations("CreateTrainingJob with an invalid name", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.TrainingJobName = aws.String("not_a_valid_name")
	}), "Value 'not_a_valid_name' at 'trainingJobName' failed to satisfy constraint: "+pattern)
	long := strings.Repeat("a_", 40)
	s.expectViolations("CreateTrainingJob with a long invalid name", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.TrainingJobName = aws.String(long)
	}), "Value '"+long+"' at 'trainingJobName' failed to satisfy constraint: "+pattern,
		"Value '"+long+"' at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal to 63")
	// aws-sdk-go-v2 refuses a request without a required member before
	// sending it; a client that sends it gets the service's answer.
	err := create(func(in *sagemaker.CreateTrainingJobInput) { in.RoleArn = nil })
	if invalid := (smithy.InvalidParamsError{}); !errors.As(err, &invalid) {
		s.expectViolations("CreateTrainingJob without a role", err,
			"Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	}
	s.expectViolations("CreateTrainingJob with an unknown instance type", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.ResourceConfig.InstanceType = "ml.bogus.huge"
	}), "Value 'ml.bogus.huge' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [...")
	s.expectViolations("CreateTrainingJob with an unknown input mode", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.AlgorithmSpecification.TrainingInputMode = "Bogus"
	}), "Value 'Bogus' at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set: [...")
	s.expectViolations("CreateTrainingJob with an invalid channel name", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.InputDataConfig[0].ChannelName = aws.String("no spaces")
	}), "Value 'no spaces' at 'inputDataConfig.1.member.channelName' failed to satisfy constraint: "+pattern)
	s.expectViolations("CreateTrainingJob with MaxRuntimeInSeconds 0", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(0)
	}), "Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1")
	s.expectMessage("CreateTrainingJob with MaxWaitTimeInSeconds and no managed spot training", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(172800)
	}), CodeValidationException, "Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true")
	s.expectMessage("CreateTrainingJob with InstanceGroups and InstanceType", create(func(in *sagemaker.CreateTrainingJobInput) {
		in.ResourceConfig.InstanceGroups = []types.InstanceGroup{{InstanceGroupName: aws.String("group-1"),
			InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1)}}
	}), CodeValidationException, "InstanceType or InstanceCount cannot be specified with InstanceGroups")

	const name = "Contract-Wording-Taken"
	s.createJob(name)
	_, err = s.c.CreateTrainingJob(s.ctx, suiteRequest(name))
	var inUse *types.ResourceInUse
	if !errors.As(err, &inUse) {
		s.t.Errorf("CreateTrainingJob with a name in use: %v (%T), want a *types.ResourceInUse", err, err)
	}
	s.expectMessage("CreateTrainingJob with a name in use", err, CodeResourceInUse,
		"Training job names must be unique within an AWS account and region, and a training job with this name already exists (arn:...")
	if _, msg, ok := s.apiErrorOf("CreateTrainingJob with a name in use", err); ok && !strings.HasSuffix(msg, ":training-job/"+strings.ToLower(name)+")") {
		s.t.Errorf("CreateTrainingJob with a name in use: message %q does not end with the job's ARN", msg)
	}

	for op, call := range map[string]func(*string) error{
		"DescribeTrainingJob": func(n *string) error {
			_, err := s.c.DescribeTrainingJob(s.ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: n})
			return err
		},
		"StopTrainingJob": func(n *string) error {
			_, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: n})
			return err
		},
	} {
		s.expectMessage(op+" of a missing job", call(aws.String("contract-wording-missing")), CodeValidationException, NotFoundMessage)
		s.expectViolations(op+" with an invalid name", call(aws.String("bad_name")),
			"Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: "+pattern)
	}

	// DeleteTrainingJob of a running job: the API reference lists
	// ResourceInUse among the operation's errors, no real response was
	// found, and the fake answers ValidationException; either passes.
	_, err = s.c.DeleteTrainingJob(s.ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)})
	if code, msg, ok := s.apiErrorOf("DeleteTrainingJob of a running job", err); ok && code != CodeValidationException && code != CodeResourceInUse {
		s.t.Errorf("DeleteTrainingJob of a running job: error code %q (%s), want ValidationException or ResourceInUse", code, msg)
	}

	if _, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)}); err != nil {
		s.t.Fatalf("StopTrainingJob of a running job: %v", err)
	}
	s.runUntil(name, suiteMaxLife, func(j trainingjob.TrainingJob) bool { return j.IsTerminal() })
	_, err = s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)})
	s.expectMessage("StopTrainingJob of a stopped job", err, CodeValidationException,
		"The request was rejected because the training job is in status Stopped.")
}
