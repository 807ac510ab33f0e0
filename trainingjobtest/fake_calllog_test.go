package trainingjobtest_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
