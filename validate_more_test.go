package trainingjob_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// validationCase is one job with the problems each strength reports.
type validationCase struct {
	name            string
	job             tj.TrainingJob
	lenient, strict []problem
}

func runValidationCases(t *testing.T, tests []validationCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.lenient, problems(t, tt.job.Validate()), "default strength")
			assert.Equal(t, tt.strict, problems(t, tt.job.Validate(tj.Strict())), "strict")
		})
	}
}

// fieldErrors returns the field errors of a validation error.
func fieldErrors(t *testing.T, err error) []*tj.FieldError {
	t.Helper()
	require.Error(t, err)
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve.Errors
}

// validate validates a job given by value.
func validate(j tj.TrainingJob, opts ...tj.ValidateOption) error { return j.Validate(opts...) }

// namedRunning is runningJob with another name and no ARN, so that only the
// name is judged.
func namedRunning(name string) tj.TrainingJob {
	return with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName, j.TrainingJobArn = name, "" })
}

// Lengths are counted in characters, and each limit is inclusive.
func TestValidateLimitsAtTheBoundary(t *testing.T) {
	none := []problem(nil)
	tooLongName := []problem{{"TrainingJobName", tj.ErrTooLong}}
	badName := []problem{{"TrainingJobName", tj.ErrInvalid}}
	reason := func(s string) tj.TrainingJob {
		return with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = s })
	}
	hyper := func(m map[string]string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.HyperParameters = m })
	}
	env := func(m map[string]string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.Environment = m })
	}
	entries := func(n int, key func(int) string) map[string]string {
		m := make(map[string]string, n)
		for i := 0; i < n; i++ {
			m[key(i)] = "1"
		}
		require.Len(t, m, n)
		return m
	}
	hpKey := func(i int) string { return fmt.Sprintf("k%03d", i) }
	envKey := func(i int) string { return fmt.Sprintf("K_%03d", i) }
	r := strings.Repeat

	runValidationCases(t, []validationCase{
		{"name of 63 characters", namedRunning(r("a", 63)), none, none},
		{"name of 64 characters", namedRunning(r("a", 64)), tooLongName, tooLongName},
		{"name of 63 two-byte letters is invalid, not too long", namedRunning(r("é", 63)), badName, badName},
		{"name of 32 two-byte letters (64 bytes)", namedRunning(r("é", 32)), badName, badName},
		{"name of 64 two-byte letters", namedRunning(r("é", 64)), tooLongName, tooLongName},

		{"FailureReason of 1024 characters", reason(r("x", 1024)), none, none},
		{"FailureReason of 1025 characters", reason(r("x", 1025)), []problem{{"FailureReason", tj.ErrTooLong}}, []problem{{"FailureReason", tj.ErrTooLong}}},
		{"FailureReason of 1024 two-byte characters", reason(r("é", 1024)), none, none},
		{"FailureReason of 1025 two-byte characters", reason(r("é", 1025)), []problem{{"FailureReason", tj.ErrTooLong}}, []problem{{"FailureReason", tj.ErrTooLong}}},

		{"100 hyperparameters", hyper(entries(100, hpKey)), none, none},
		{"101 hyperparameters", hyper(entries(101, hpKey)), []problem{{"HyperParameters", tj.ErrTooMany}}, []problem{{"HyperParameters", tj.ErrTooMany}}},
		{"hyperparameter key of 256", hyper(map[string]string{r("k", 256): "1"}), none, none},
		{"hyperparameter key of 257", hyper(map[string]string{r("k", 257): "1"}),
			[]problem{{`HyperParameters["` + r("k", 257) + `"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["` + r("k", 257) + `"]`, tj.ErrTooLong}}},
		{"hyperparameter key of 256 two-byte characters", hyper(map[string]string{r("é", 256): "1"}), none, none},
		{"hyperparameter key of 257 two-byte characters", hyper(map[string]string{r("é", 257): "1"}),
			[]problem{{`HyperParameters["` + r("é", 257) + `"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["` + r("é", 257) + `"]`, tj.ErrTooLong}}},
		{"hyperparameter value of 2500", hyper(map[string]string{"lr": r("9", 2500)}), none, none},
		{"hyperparameter value of 2501", hyper(map[string]string{"lr": r("9", 2501)}),
			[]problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}},
		{"hyperparameter value of 2500 two-byte characters", hyper(map[string]string{"lr": r("é", 2500)}), none, none},
		{"hyperparameter value of 2501 two-byte characters", hyper(map[string]string{"lr": r("é", 2501)}),
			[]problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}, []problem{{`HyperParameters["lr"]`, tj.ErrTooLong}}},

		{"100 environment variables", env(entries(100, envKey)), none, none},
		{"101 environment variables", env(entries(101, envKey)), []problem{{"Environment", tj.ErrTooMany}}, []problem{{"Environment", tj.ErrTooMany}}},
		{"environment key of 512", env(map[string]string{r("K", 512): "1"}), none, none},
		{"environment key of 513", env(map[string]string{r("K", 513): "1"}),
			[]problem{{`Environment["` + r("K", 513) + `"]`, tj.ErrTooLong}}, []problem{{`Environment["` + r("K", 513) + `"]`, tj.ErrTooLong}}},
		{"environment key of 512 two-byte characters is invalid, not too long", env(map[string]string{r("É", 512): "1"}),
			[]problem{{`Environment["` + r("É", 512) + `"]`, tj.ErrInvalid}}, []problem{{`Environment["` + r("É", 512) + `"]`, tj.ErrInvalid}}},
		{"environment value of 512", env(map[string]string{"A": r("v", 512)}), none, none},
		{"environment value of 513", env(map[string]string{"A": r("v", 513)}),
			[]problem{{`Environment["A"]`, tj.ErrTooLong}}, []problem{{`Environment["A"]`, tj.ErrTooLong}}},
		{"environment value of 512 two-byte characters", env(map[string]string{"A": r("é", 512)}), none, none},
		{"environment value of 513 two-byte characters", env(map[string]string{"A": r("é", 513)}),
			[]problem{{`Environment["A"]`, tj.ErrTooLong}}, []problem{{`Environment["A"]`, tj.ErrTooLong}}},
	})
}

// The details of the length errors give the count in characters and the
// limit, and withhold what may be a secret.
func TestValidateLengthDetails(t *testing.T) {
	tests := []struct {
		name   string
		job    tj.TrainingJob
		field  string
		bad    any
		detail string
	}{
		// A too-long string is withheld, its length given instead (see
		// FieldError.BadValue).
		{"name", namedRunning(strings.Repeat("é", 64)), "TrainingJobName", nil, "64 characters, at most 63 allowed"},
		{"failure reason", with(failedJob(), func(j *tj.TrainingJob) { j.FailureReason = strings.Repeat("é", 1025) }),
			"FailureReason", nil, "1025 characters, at most 1024 allowed"},
		{"hyperparameter value", with(runningJob(), func(j *tj.TrainingJob) { j.HyperParameters = map[string]string{"lr": strings.Repeat("é", 2501)} }),
			`HyperParameters["lr"]`, nil, "value has 2501 characters, at most 2500 allowed"},
		{"environment key", with(runningJob(), func(j *tj.TrainingJob) { j.Environment = map[string]string{strings.Repeat("K", 513): "1"} }),
			`Environment["` + strings.Repeat("K", 513) + `"]`, nil, "key has 513 characters, at most 512 allowed"},
		{"too many environment variables", with(runningJob(), func(j *tj.TrainingJob) {
			j.Environment = map[string]string{}
			for i := 0; i < 101; i++ {
				j.Environment[fmt.Sprintf("V%d", i)] = "x"
			}
		}), "Environment", 101, "at most 100 entries allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
				errs := fieldErrors(t, validate(tt.job, opts...))
				require.Len(t, errs, 1)
				assert.Equal(t, tt.field, errs[0].Field)
				assert.Equal(t, tt.bad, errs[0].BadValue)
				assert.Equal(t, tt.detail, errs[0].Detail)
			}
		})
	}
}

func TestValidateNameAndArnRules(t *testing.T) {
	none := []problem(nil)
	badName := []problem{{"TrainingJobName", tj.ErrInvalid}}
	badArn := []problem{{"TrainingJobArn", tj.ErrInvalid}}
	arn := func(a string) tj.TrainingJob {
		return with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobArn = a })
	}
	runValidationCases(t, []validationCase{
		{"one letter", namedRunning("a"), none, none},
		{"one digit", namedRunning("7"), none, none},
		{"inner hyphens", namedRunning("a--b-9"), none, none},
		{"leading hyphen", namedRunning("-job"), badName, badName},
		{"only a hyphen", namedRunning("-"), badName, badName},
		{"trailing hyphen", namedRunning("job-"), badName, badName},
		{"dot", namedRunning("job.1"), badName, badName},
		{"space", namedRunning("my job"), badName, badName},
		{"marker without the arn: prefix", arn("x:training-job/resnet-50-2024-03-08"), badArn, badArn},
		{"arn: prefix without the marker", arn("arn:aws:sagemaker:us-east-1:123456789012:processing-job/resnet-50-2024-03-08"), badArn, badArn},
		{"ARN with the name as it is", arn("arn:aws:sagemaker:us-east-1:123456789012:training-job/ResNet-50-2024-03-08"), none, none},
		{"ARN of a job whose name is a prefix", arn("arn:aws:sagemaker:us-east-1:123456789012:training-job/resnet-50-2024-03-08x"), badArn, badArn},
		{"ARN without a name on the job", with(runningJob(), func(j *tj.TrainingJob) { j.TrainingJobName = "" }),
			[]problem{{"TrainingJobName", tj.ErrRequired}}, []problem{{"TrainingJobName", tj.ErrRequired}}},
	})

	errs := fieldErrors(t, validate(arn("x:training-job/resnet-50-2024-03-08")))
	require.Len(t, errs, 1)
	assert.Equal(t, "x:training-job/resnet-50-2024-03-08", errs[0].BadValue)
	assert.NotEmpty(t, errs[0].Detail)
	errs = fieldErrors(t, validate(arn("arn:aws:sagemaker:us-east-1:1:training-job/other")))
	assert.Equal(t, `names job "other", not "ResNet-50-2024-03-08"`, errs[0].Detail)

	errs = fieldErrors(t, validate(namedRunning(strings.Repeat("a", 64))))
	require.Len(t, errs, 1)
	assert.Equal(t, tj.ErrTooLong, errs[0].Type)
	assert.Nil(t, errs[0].BadValue, "a too-long string is withheld; the detail gives its length")
	assert.Equal(t, "64 characters, at most 63 allowed", errs[0].Detail)
	errs = fieldErrors(t, validate(namedRunning("-job")))
	require.Len(t, errs, 1)
	assert.Equal(t, tj.ErrInvalid, errs[0].Type)
	assert.Equal(t, "-job", errs[0].BadValue, "a malformed name is shown")
	assert.NotEmpty(t, errs[0].Detail)
}

// The detail of an illegal pair lists what the primary allows at the
// strength in use.
func TestValidateIllegalPairDetail(t *testing.T) {
	join := func(s []tj.SecondaryStatus) string {
		parts := make([]string, len(s))
		for i, v := range s {
			parts[i] = string(v)
		}
		return strings.Join(parts, ", ")
	}
	tests := []struct {
		p tj.Status
		s tj.SecondaryStatus
	}{
		{tj.StatusStopping, tj.SecondaryStatusCompleted},
		{tj.StatusInProgress, tj.SecondaryStatusStopped},
		{tj.StatusDeleting, tj.SecondaryStatusTraining},
	}
	for _, tt := range tests {
		t.Run(string(tt.p)+"/"+string(tt.s), func(t *testing.T) {
			job := tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tt.p, SecondaryStatus: tt.s}
			for _, strict := range []bool{false, true} {
				var opts []tj.ValidateOption
				if strict {
					opts = append(opts, tj.Strict())
				}
				var ve *tj.ValidationError
				require.ErrorAs(t, job.Validate(opts...), &ve)
				errs := ve.Filter(tj.ErrIllegalPair)
				require.Len(t, errs, 1)
				assert.Equal(t, "SecondaryStatus", errs[0].Field)
				assert.Equal(t, tj.ErrIllegalPair, errs[0].Type)
				assert.Equal(t, string(tt.s), errs[0].BadValue)
				assert.Equal(t, "cannot go with TrainingJobStatus "+string(tt.p)+", which allows "+join(tj.Secondaries(tt.p, strict)), errs[0].Detail,
					"strict=%v", strict)
			}
		})
	}
	// Spelled out once, so the list is not only compared with itself.
	errs := fieldErrors(t, validate(tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tj.StatusStopping, SecondaryStatus: tj.SecondaryStatusFailed}))
	assert.Equal(t, "cannot go with TrainingJobStatus Stopping, which allows Stopping, Starting, Pending, Downloading, Training, Uploading, "+
		"Interrupted, Restarting, Updating, LaunchingMLInstances, PreparingTrainingStack, DownloadingTrainingImage", errs[0].Detail)
	errs = fieldErrors(t, validate(tj.TrainingJob{TrainingJobName: "j", TrainingJobStatus: tj.StatusStopping, SecondaryStatus: tj.SecondaryStatusTraining}, tj.Strict()))
	assert.Equal(t, "lags behind TrainingJobStatus Stopping; only Stopping is accepted in strict mode", errs[0].Detail)
}

func TestValidateMoreRules(t *testing.T) {
	none := []problem(nil)
	deleting := func(j tj.TrainingJob) tj.TrainingJob {
		return with(j, func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusDeleting })
	}
	noEnd := func(j *tj.TrainingJob) { j.TrainingEndTime = time.Time{} }
	runValidationCases(t, []validationCase{
		{"Deleting a completed job without TrainingEndTime", with(deleting(completedJob()), noEnd),
			[]problem{{"TrainingEndTime", tj.ErrRequired}}, []problem{{"TrainingEndTime", tj.ErrRequired}}},
		{"Deleting a failed job without TrainingEndTime", with(deleting(failedJob()), noEnd), none, none},
		{"Deleting a stopped job without TrainingEndTime", with(deleting(stoppedJob(tj.SecondaryStatusStopped)), noEnd), none, none},
		{"Stopped job without TrainingEndTime", with(stoppedJob(tj.SecondaryStatusStopped), noEnd), none, none},

		{"only the first entry is compared with CreationTime", with(completedJob(), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[2].StartTime = at(-time.Second)
		}), []problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}},
			[]problem{{hist(1) + ".EndTime", tj.ErrOutOfOrder}, {hist(2) + ".StartTime", tj.ErrOutOfOrder}}},
		{"the first entry without CreationTime", with(completedJob(), func(j *tj.TrainingJob) {
			j.CreationTime = time.Time{}
			j.SecondaryStatusTransitions[0].StartTime = at(-time.Hour)
		}), none, []problem{{"CreationTime", tj.ErrRequired}}},

		{"strict: Deleting job with an open last entry", with(deleting(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = time.Time{}
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrRequired}}},
		{"strict: Stopped job with an open last entry", with(stoppedJob(tj.SecondaryStatusMaxRuntimeExceeded), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = time.Time{}
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrRequired}}},
		{"strict: Stopping job with an open last entry", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusStopping
			j.SecondaryStatusTransitions[2].EndTime = at(10 * time.Minute)
			j.SecondaryStatusTransitions = append(j.SecondaryStatusTransitions,
				tj.SecondaryStatusTransition{Status: tj.SecondaryStatusStopping, StartTime: at(10 * time.Minute)})
		}), none, none},
		{"strict: Deleting job's terminal entry lasts a while", with(deleting(completedJob()), func(j *tj.TrainingJob) {
			j.SecondaryStatusTransitions[4].EndTime = j.SecondaryStatusTransitions[4].EndTime.Add(time.Second)
		}), none, []problem{{hist(4) + ".EndTime", tj.ErrInvalid}}},

		{"strict: history without a SecondaryStatus", with(runningJob(), func(j *tj.TrainingJob) { j.SecondaryStatus = "" }),
			none, []problem{{"SecondaryStatus", tj.ErrRequired}}},
		{"billable time without training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 0, 100
		}), none, none},
		{"training time without billable time", with(completedJob(), func(j *tj.TrainingJob) { j.BillableTimeInSeconds = 0 }), none, none},
		{"billable equal to training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 100, 100
		}), none, none},
		{"billable a second above training time", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingTimeInSeconds, j.BillableTimeInSeconds = 100, 101
		}), []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}, []problem{{"BillableTimeInSeconds", tj.ErrInvalid}}},

		{"strict: Stopped job without StoppingCondition", with(stoppedJob(tj.SecondaryStatusStopped), func(j *tj.TrainingJob) { j.StoppingCondition = nil }),
			none, []problem{{"StoppingCondition", tj.ErrRequired}}},
		{"strict: Failed job without StoppingCondition", with(failedJob(), func(j *tj.TrainingJob) { j.StoppingCondition = nil }),
			none, []problem{{"StoppingCondition", tj.ErrRequired}}},
		{"strict: Deleting job without ARN", with(deleting(failedJob()), func(j *tj.TrainingJob) { j.TrainingJobArn = "" }),
			none, []problem{{"TrainingJobArn", tj.ErrRequired}}},
		{"strict: Stopped job needs no ModelArtifacts", with(stoppedJob(tj.SecondaryStatusStopped), func(j *tj.TrainingJob) { j.ModelArtifacts = nil }), none, none},
		{"running job needs none of the finished members", with(runningJob(), func(j *tj.TrainingJob) {
			j.TrainingJobArn, j.StoppingCondition, j.CreationTime = "", nil, time.Time{}
		}), none, none},
	})

	errs := fieldErrors(t, validate(with(completedJob(), func(j *tj.TrainingJob) {
		j.SecondaryStatusTransitions[2].StartTime = at(-time.Second)
	})))
	require.Len(t, errs, 2)
	assert.Equal(t, "before the StartTime of entry 1, 2024-03-08T10:02:00.123Z", errs[1].Detail)
}

// Map entries are withheld from errors, whatever the problem (they may hold
// secrets), and the errors of a map come out sorted by key.
func TestValidateMapEntries(t *testing.T) {
	job := with(runningJob(), func(j *tj.TrainingJob) {
		j.Environment = map[string]string{}
		j.HyperParameters = map[string]string{}
		for i := 9; i >= 0; i-- {
			j.Environment[fmt.Sprintf("%dBAD", i)] = "secret"
			j.HyperParameters[fmt.Sprintf("k%d", i)] = strings.Repeat("s", 2501)
		}
	})
	for _, opts := range [][]tj.ValidateOption{nil, {tj.Strict()}} {
		errs := fieldErrors(t, validate(job, opts...))
		require.Len(t, errs, 20)
		for i, fe := range errs[:10] {
			assert.Equal(t, fmt.Sprintf(`HyperParameters["k%d"]`, i), fe.Field)
			assert.Equal(t, tj.ErrTooLong, fe.Type)
			assert.Nil(t, fe.BadValue)
			assert.Equal(t, "value has 2501 characters, at most 2500 allowed", fe.Detail)
		}
		for i, fe := range errs[10:] {
			assert.Equal(t, fmt.Sprintf(`Environment["%dBAD"]`, i), fe.Field)
			assert.Equal(t, tj.ErrInvalid, fe.Type)
			assert.Nil(t, fe.BadValue, "an invalid key is withheld too")
			assert.True(t, strings.HasPrefix(fe.Detail, "key "), fe.Detail)
		}
		assert.NotContains(t, validate(job, opts...).Error(), "secret")
	}
}

// Options combine: one strict option makes the validation strict, whatever
// else is passed.
func TestValidateOptionsCombine(t *testing.T) {
	lagging := with(runningJob(), func(j *tj.TrainingJob) {
		j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopping, tj.SecondaryStatusTraining
	})
	require.NoError(t, lagging.Validate())
	require.NoError(t, lagging.Validate(tj.ValidateOption{}))
	for name, opts := range map[string][]tj.ValidateOption{
		"strict":            {tj.Strict()},
		"strict then zero":  {tj.Strict(), {}},
		"zero then strict":  {{}, tj.Strict()},
		"strict twice":      {tj.Strict(), tj.Strict()},
		"zero strict zero":  {{}, tj.Strict(), {}},
		"many zero, strict": {{}, {}, {}, tj.Strict()},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, []problem{{"SecondaryStatus", tj.ErrIllegalPair}}, problems(t, lagging.Validate(opts...)))
			_, err := lagging.ToBuilder().Build(opts...)
			assert.ErrorIs(t, err, tj.ErrIllegalPair)
			_, err = tj.NewTransitionBuilder().WithStatus("Hibernating").WithStartTime(base).Build(opts...)
			assert.ErrorIs(t, err, tj.ErrNotSupported)
		})
	}
}

// randomJob starts from one of the fixtures and breaks it at random, the way
// FuzzValidate's inputs would.
func randomJob(r *rand.Rand) tj.TrainingJob {
	fixtures := []func() tj.TrainingJob{
		completedJob, runningJob, failedJob, spotJob,
		func() tj.TrainingJob { return stoppedJob(tj.SecondaryStatusStopped) },
		func() tj.TrainingJob { return stoppedJob(tj.SecondaryStatusMaxWaitTimeExceeded) },
	}
	j := fixtures[r.IntN(len(fixtures))]()
	chance := func(n int) bool { return r.IntN(n) == 0 }
	primaries := append(tj.Status("").Values(), "", "Paused")
	secondaries := append(tj.SecondaryStatus("").Values(), "", "Hibernating")
	shift := func(t time.Time) time.Time {
		switch r.IntN(4) {
		case 0:
			return time.Time{}
		case 1:
			return t.Add(-time.Duration(r.IntN(7200)) * time.Second)
		case 2:
			return t.Add(time.Duration(r.IntN(7200)) * time.Second)
		}
		return t.Add(time.Duration(r.IntN(3)-1) * time.Millisecond)
	}
	if chance(3) {
		j.TrainingJobStatus = primaries[r.IntN(len(primaries))]
	}
	if chance(3) {
		j.SecondaryStatus = secondaries[r.IntN(len(secondaries))]
	}
	if chance(4) {
		j.TrainingJobName = []string{"", "-job", "job-", "a_b", strings.Repeat("n", 64), strings.Repeat("é", 10), "ok-1"}[r.IntN(7)]
	}
	if chance(5) {
		j.TrainingJobArn = []string{"", "resnet", "arn:aws:sagemaker:r:1:training-job/other", "x:training-job/ok-1"}[r.IntN(4)]
	}
	h := j.SecondaryStatusTransitions
	for i := range h {
		if chance(6) {
			h[i].Status = secondaries[r.IntN(len(secondaries))]
		}
		if chance(6) {
			h[i].StartTime = shift(h[i].StartTime)
		}
		if chance(6) {
			h[i].EndTime = shift(h[i].EndTime)
		}
	}
	switch r.IntN(8) {
	case 0:
		j.SecondaryStatusTransitions = h[:r.IntN(len(h)+1)]
	case 1:
		j.SecondaryStatusTransitions = append(h, tj.SecondaryStatusTransition{
			Status: secondaries[r.IntN(len(secondaries))], StartTime: shift(h[len(h)-1].StartTime), EndTime: shift(h[len(h)-1].StartTime),
		})
	case 2:
		for i := range h {
			h[i].EndTime = time.Time{}
		}
	}
	if chance(4) {
		j.CreationTime = shift(j.CreationTime)
	}
	if chance(4) {
		j.TrainingStartTime = shift(j.TrainingStartTime)
	}
	if chance(4) {
		j.TrainingEndTime = shift(j.TrainingEndTime)
	}
	if chance(5) {
		j.LastModifiedTime = shift(j.LastModifiedTime)
	}
	if chance(3) {
		j.TrainingTimeInSeconds = int32(r.IntN(8000) - 10)
	}
	if chance(3) {
		j.BillableTimeInSeconds = int32(r.IntN(8000) - 10)
	}
	if chance(8) {
		j.BillableTokenCount = int64(r.IntN(5) - 2)
	}
	if chance(4) {
		j.FailureReason = []string{"", "oops", strings.Repeat("é", 1025)}[r.IntN(3)]
	}
	if chance(5) {
		j.StoppingCondition = nil
	}
	if chance(5) {
		j.ModelArtifacts = nil
	}
	if chance(6) {
		j.HyperParameters = map[string]string{strings.Repeat("k", 257): "1", "lr": strings.Repeat("9", 2501), "ok": "1"}
	}
	if chance(6) {
		j.Environment = map[string]string{"1BAD": "x", "OK": strings.Repeat("é", 513)}
	}
	if chance(10) {
		j.Environment = map[string]string{}
		for i := 0; i < 100+r.IntN(2); i++ {
			j.Environment[fmt.Sprintf("V%d", i)] = "x"
		}
	}
	return j
}

// Strict validation rejects everything the default rejects: on any job, the
// strict problems include the default ones (as field and kind, counted).
// It draws 600 random jobs by default and 3,000 with
// TRAININGJOB_ALL_ORACLES=1; either way every kind of problem turns up.
func TestStrictProblemsIncludeDefaultProblems(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 3))
	kinds := map[error]int{}
	strictOnly := 0
	for i := range tj.FullSize(600, 3000) {
		job := randomJob(r)
		var lenient, strict []problem
		require.NotPanics(t, func() {
			lenient = problems(t, job.Validate())
			strict = problems(t, job.Validate(tj.Strict()))
		})
		count := map[problem]int{}
		for _, p := range strict {
			count[p]++
		}
		for _, p := range lenient {
			kinds[p.Type]++
			if count[p] == 0 {
				t.Fatalf("job %d: default problem %v missing from strict %v\ndefault %v\njob %+v", i, p, strict, lenient, job)
			}
			count[p]--
		}
		if len(strict) > len(lenient) {
			strictOnly++
		}
	}
	// The generator reaches every kind of problem at the default strength,
	// and jobs that only strict validation rejects.
	for _, k := range []error{tj.ErrRequired, tj.ErrInvalid, tj.ErrTooLong, tj.ErrTooMany, tj.ErrOutOfRange, tj.ErrOutOfOrder, tj.ErrIllegalPair} {
		assert.NotZero(t, kinds[k], "no job with a %v problem", k)
	}
	assert.NotZero(t, strictOnly)
	t.Logf("problems by kind: %v; %d jobs with strict-only problems", kinds, strictOnly)
}
