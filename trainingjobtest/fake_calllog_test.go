package trainingjobtest_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// describeNames describes each name (most do not exist; the call is
// recorded all the same).
func describeNames(t *testing.T, f *trainingjobtest.Fake, names ...string) {
	t.Helper()
	for _, n := range names {
		_, _ = f.DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(n)})
	}
}

func callNames(calls []trainingjobtest.Call) []string {
	out := []string{}
	for _, c := range calls {
		out = append(out, c.JobName)
		if in, ok := c.Input.(*sagemaker.DescribeTrainingJobInput); ok {
			// The recorded input belongs to its call.
			if aws.ToString(in.TrainingJobName) != c.JobName {
				out = append(out, "mismatch:"+aws.ToString(in.TrainingJobName))
			}
		}
	}
	return out
}

// WithCallLog keeps all calls, none, or the last n, oldest first, also
// across ResetCalls.
func TestFakeWithCallLog(t *testing.T) {
	for _, tc := range []struct {
		name         string
		opts         []trainingjobtest.FakeOption
		first, after []string // Calls after a..e, and after ResetCalls and f..h
	}{
		{"default keeps all", nil, []string{"a", "b", "c", "d", "e"}, []string{"f", "g", "h"}},
		{"negative keeps all", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(-7)},
			[]string{"a", "b", "c", "d", "e"}, []string{"f", "g", "h"}},
		{"zero keeps none", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(0)}, []string{}, []string{}},
		{"one", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(1)}, []string{"e"}, []string{"h"}},
		{"three", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(3)}, []string{"c", "d", "e"}, []string{"f", "g", "h"}},
		{"five, exactly full", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(5)},
			[]string{"a", "b", "c", "d", "e"}, []string{"f", "g", "h"}},
		{"larger than the calls", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(100)},
			[]string{"a", "b", "c", "d", "e"}, []string{"f", "g", "h"}},
		{"the last option wins", []trainingjobtest.FakeOption{trainingjobtest.WithCallLog(0), trainingjobtest.WithCallLog(2)},
			[]string{"d", "e"}, []string{"g", "h"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := trainingjobtest.NewFake(tc.opts...)
			describeNames(t, f, "a", "b", "c", "d", "e")
			calls := f.Calls()
			require.NotNil(t, calls)
			assert.Equal(t, tc.first, callNames(calls))
			f.ResetCalls()
			assert.Empty(t, f.Calls())
			describeNames(t, f, "f", "g", "h")
			assert.Equal(t, tc.after, callNames(f.Calls()))
		})
	}
}

// A ring that has wrapped many times still returns its calls in order,
// and the copies Calls returns are the caller's.
func TestFakeCallLogRingOrder(t *testing.T) {
	f := trainingjobtest.NewFake(trainingjobtest.WithCallLog(4))
	var names []string
	for i := range 23 {
		names = append(names, fmt.Sprint("job-", i))
	}
	describeNames(t, f, names...)
	calls := f.Calls()
	assert.Equal(t, names[19:], callNames(calls))
	calls[0].Input.(*sagemaker.DescribeTrainingJobInput).TrainingJobName = aws.String("changed")
	assert.Equal(t, names[19:], callNames(f.Calls()))
}

// With no call log, a fake's memory does not grow with the calls it
// answers.
func TestFakeNoCallLogKeepsMemoryFlat(t *testing.T) {
	f := trainingjobtest.NewFake(trainingjobtest.WithCallLog(0))
	fkCreate(t, f, fkRequest("flat"))
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	describe := func(n int) {
		for range n {
			_, err := f.DescribeTrainingJob(context.Background(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("flat")})
			require.NoError(t, err)
		}
	}
	describe(1000)
	before := heap()
	describe(20000)
	after := heap()
	// A kept call costs well over 100 bytes (the Call, the input, the
	// name), so 20,000 of them would add megabytes.
	assert.Less(t, int64(after)-int64(before), int64(500<<10), "heap grew from %d to %d bytes", before, after)
	assert.Len(t, f.Calls(), 0)
}

// Updates cannot grow a job's profiler rules without bound: a name is used
// once, and a job has at most 20 rules, so its description stays within
// the model's limits however many updates it gets.
func TestFakeUpdateRulesAreBounded(t *testing.T) {
	ctx := context.Background()
	f := trainingjobtest.NewFake(trainingjobtest.WithCallLog(0))
	fkCreate(t, f, fkRequest("ruled"))
	f.Advance(4 * time.Minute)
	rule := func(name string) types.ProfilerRuleConfiguration {
		return types.ProfilerRuleConfiguration{RuleConfigurationName: aws.String(name),
			RuleEvaluatorImage: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/rules:1")}
	}
	update := func(rules ...types.ProfilerRuleConfiguration) error {
		_, err := f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{
			TrainingJobName: aws.String("ruled"), ProfilerRuleConfigurations: rules})
		return err
	}
	require.NoError(t, update(rule("r0")))
	for range 5 {
		err := update(rule("r0"))
		assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), `"r0"`, "a name already in use")
	}
	assert.Contains(t, fkAPIError(t, update(rule("x"), rule("x")), trainingjobtest.CodeValidationException), `"x"`,
		"a name twice in one request")
	for i := 1; i < 20; i++ {
		require.NoError(t, update(rule(fmt.Sprint("r", i))))
	}
	assert.Contains(t, fkAPIError(t, update(rule("r20")), trainingjobtest.CodeValidationException), "at most 20")
	job := fkDescribe(t, f, "ruled")
	assert.Len(t, job.ProfilerRuleConfigurations, 20)
	require.NoError(t, job.Validate(trainingjob.Strict()), "the description stays within the model's limits")
	// Other updates still work on a job with 20 rules.
	_, err := f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("ruled"),
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(60)}})
	require.NoError(t, err)
}
