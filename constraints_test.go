package trainingjob_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/constraintgen"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// modelPath is the trimmed service model that go generate reads.
const modelPath = "internal/model/service-2.training-job.json"

// The committed constraints_gen.go is what the generator writes from the
// service model today.
func TestConstraintCodeIsFresh(t *testing.T) {
	want, err := constraintgen.Generate(modelPath, ".")
	require.NoError(t, err)
	got, err := os.ReadFile("constraints_gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "constraints_gen.go is stale: run go generate ./...")
}

// Each kind of constraint, met at the boundary and broken just past it, at
// several depths.
func TestModelConstraintsAtTheBoundary(t *testing.T) {
	s3 := func(n int) string { return "s3://b/" + strings.Repeat("k", n-len("s3://b/")) }
	tests := []struct {
		name  string
		edit  func(*tj.TrainingJob)
		field string
		kind  error
	}{
		{"name of 63", func(j *tj.TrainingJob) { j.TrainingJobName, j.TrainingJobArn = strings.Repeat("a", 63), "" }, "", nil},
		{"name of 64", func(j *tj.TrainingJob) { j.TrainingJobName, j.TrainingJobArn = strings.Repeat("a", 64), "" }, "TrainingJobName", tj.ErrTooLong},
		{"name pattern", func(j *tj.TrainingJob) { j.TrainingJobName, j.TrainingJobArn = "a_b", "" }, "TrainingJobName", tj.ErrInvalid},
		{"channel name of 64 in a list", func(j *tj.TrainingJob) { j.InputDataConfig[0].ChannelName = aws.String(strings.Repeat("c", 64)) }, "", nil},
		{"channel name of 65 in a list", func(j *tj.TrainingJob) { j.InputDataConfig[0].ChannelName = aws.String(strings.Repeat("c", 65)) },
			"InputDataConfig[0].ChannelName", tj.ErrTooLong},
		{"S3 URI of 1024 three levels down", func(j *tj.TrainingJob) {
			j.InputDataConfig = []types.Channel{channel("a", "s3://x/"), channel("b", s3(1024))}
		}, "", nil},
		{"S3 URI of 1025 three levels down", func(j *tj.TrainingJob) {
			j.InputDataConfig = []types.Channel{channel("a", "s3://x/"), channel("b", s3(1025))}
		},
			"InputDataConfig[1].DataSource.S3DataSource.S3Uri", tj.ErrTooLong},
		{"S3 URI pattern three levels down", func(j *tj.TrainingJob) {
			j.InputDataConfig = []types.Channel{channel("a", "s3://x/"), channel("b", "ftp://x/")}
		},
			"InputDataConfig[1].DataSource.S3DataSource.S3Uri", tj.ErrInvalid},
		{"required member inside a list", func(j *tj.TrainingJob) { j.InputDataConfig[0].DataSource = nil },
			"InputDataConfig[0].DataSource", tj.ErrRequired},
		{"required member of a pointer", func(j *tj.TrainingJob) { j.ModelArtifacts = &types.ModelArtifacts{} },
			"ModelArtifacts.S3ModelArtifacts", tj.ErrRequired},
		{"20 channels", func(j *tj.TrainingJob) { j.InputDataConfig = channels(20) }, "", nil},
		{"21 channels", func(j *tj.TrainingJob) { j.InputDataConfig = channels(21) }, "InputDataConfig", tj.ErrTooMany},
		{"no channels", func(j *tj.TrainingJob) { j.InputDataConfig = []types.Channel{} }, "InputDataConfig", tj.ErrInvalid},
		{"50 tags", func(j *tj.TrainingJob) { j.Tags = tags(50) }, "", nil},
		{"51 tags", func(j *tj.TrainingJob) { j.Tags = tags(51) }, "Tags", tj.ErrTooMany},
		{"tag key pattern", func(j *tj.TrainingJob) { j.Tags = []types.Tag{{Key: aws.String("a*b"), Value: aws.String("v")}} }, "Tags[0].Key", tj.ErrInvalid},
		{"MaxPendingTimeInSeconds at its minimum", func(j *tj.TrainingJob) { j.StoppingCondition.MaxPendingTimeInSeconds = aws.Int32(7200) }, "", nil},
		{"MaxPendingTimeInSeconds below its minimum", func(j *tj.TrainingJob) { j.StoppingCondition.MaxPendingTimeInSeconds = aws.Int32(7199) },
			"StoppingCondition.MaxPendingTimeInSeconds", tj.ErrOutOfRange},
		{"MaxPendingTimeInSeconds at its maximum", func(j *tj.TrainingJob) { j.StoppingCondition.MaxPendingTimeInSeconds = aws.Int32(2419200) }, "", nil},
		{"MaxPendingTimeInSeconds above its maximum", func(j *tj.TrainingJob) { j.StoppingCondition.MaxPendingTimeInSeconds = aws.Int32(2419201) },
			"StoppingCondition.MaxPendingTimeInSeconds", tj.ErrOutOfRange},
		{"MaxRuntimeInSeconds of 0", func(j *tj.TrainingJob) { j.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(0) },
			"StoppingCondition.MaxRuntimeInSeconds", tj.ErrOutOfRange},
		{"retry attempts of 30", func(j *tj.TrainingJob) { j.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(30)} }, "", nil},
		{"retry attempts of 31", func(j *tj.TrainingJob) { j.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(31)} },
			"RetryStrategy.MaximumRetryAttempts", tj.ErrOutOfRange},
		{"retry strategy without attempts", func(j *tj.TrainingJob) { j.RetryStrategy = &types.RetryStrategy{} },
			"RetryStrategy.MaximumRetryAttempts", tj.ErrRequired},
		{"16 subnets", func(j *tj.TrainingJob) {
			j.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-1"}, Subnets: strings.Split(strings.Repeat("subnet-1,", 16)[:9*16-1], ",")}
		}, "", nil},
		{"17 subnets", func(j *tj.TrainingJob) {
			j.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-1"}, Subnets: strings.Split(strings.Repeat("subnet-1,", 17)[:9*17-1], ",")}
		}, "VpcConfig.Subnets", tj.ErrTooMany},
		{"subnet pattern inside a list of strings", func(j *tj.TrainingJob) {
			j.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-1"}, Subnets: []string{"subnet-1", "subnet_2"}}
		}, "VpcConfig.Subnets[1]", tj.ErrInvalid},
		{"metric regex of 500 four levels down", func(j *tj.TrainingJob) {
			j.AlgorithmSpecification.MetricDefinitions = []types.MetricDefinition{{Name: aws.String("m"), Regex: aws.String(strings.Repeat("r", 500))}}
		}, "", nil},
		{"metric regex of 501", func(j *tj.TrainingJob) {
			j.AlgorithmSpecification.MetricDefinitions = []types.MetricDefinition{{Name: aws.String("m"), Regex: aws.String(strings.Repeat("r", 501))}}
		}, "AlgorithmSpecification.MetricDefinitions[0].Regex", tj.ErrTooLong},
		{"role ARN of 19 characters", func(j *tj.TrainingJob) { j.RoleArn = "arn:aws:iam::1:role" }, "RoleArn", tj.ErrInvalid},
		{"TrainingTimeInSeconds of -1", func(j *tj.TrainingJob) { j.TrainingTimeInSeconds, j.BillableTimeInSeconds = -1, 0 }, "TrainingTimeInSeconds", tj.ErrOutOfRange},
		{"lengths count characters", func(j *tj.TrainingJob) { j.FailureReason = strings.Repeat("é", 1024) }, "", nil},
		{"1025 characters", func(j *tj.TrainingJob) { j.FailureReason = strings.Repeat("é", 1025) }, "FailureReason", tj.ErrTooLong},
		{"40 final metrics", func(j *tj.TrainingJob) {
			j.FinalMetricDataList = make([]types.MetricData, 40)
		}, "", nil},
		{"41 final metrics", func(j *tj.TrainingJob) {
			j.FinalMetricDataList = make([]types.MetricData, 41)
		}, "FinalMetricDataList", tj.ErrTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := with(completedJob(), tt.edit)
			err := job.Validate()
			if tt.kind == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, []problem{{tt.field, tt.kind}}, problems(t, err))
		})
	}
}

// Unknown enumeration values in nested members pass at the default strength
// and fail in strict mode, as the statuses do.
func TestNestedEnumerations(t *testing.T) {
	job := with(completedJob(), func(j *tj.TrainingJob) {
		j.InputDataConfig[0].CompressionType = "Zstd"
		j.ResourceConfig.InstanceType = "ml.future.96xlarge"
		j.ProfilingStatus = "Sometimes"
	})
	require.NoError(t, job.Validate())
	assert.Equal(t, []problem{
		{"InputDataConfig[0].CompressionType", tj.ErrNotSupported},
		{"ResourceConfig.InstanceType", tj.ErrNotSupported},
		{"ProfilingStatus", tj.ErrNotSupported},
	}, problems(t, job.Validate(tj.Strict())))

	known := with(completedJob(), func(j *tj.TrainingJob) { j.InputDataConfig[0].CompressionType = types.CompressionTypeGzip })
	assert.NoError(t, known.Validate(tj.Strict()))
}

// Map entries never show their values: hyperparameters and environment
// variables may hold secrets.
func TestModelChecksWithholdMapValues(t *testing.T) {
	job := with(completedJob(), func(j *tj.TrainingJob) {
		j.HyperParameters["token"] = "line1\nline2-secret"
		j.Environment["API_KEY"] = strings.Repeat("s", 513)
	})
	err := job.Validate()
	require.Error(t, err)
	assert.Equal(t, []problem{{`HyperParameters["token"]`, tj.ErrInvalid}, {`Environment["API_KEY"]`, tj.ErrTooLong}}, problems(t, err))
	assert.NotContains(t, err.Error(), "secret")
	assert.NotContains(t, err.Error(), "sss")
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, fe := range ve.Errors {
		assert.Nil(t, fe.BadValue, fe.Field)
	}
}

func TestValidateCreateInput(t *testing.T) {
	in := completedJob().ToCreateInput()
	require.NoError(t, tj.ValidateCreateInput(in))
	require.NoError(t, tj.ValidateCreateInput(in, tj.Strict()))

	err := tj.ValidateCreateInput(&sagemaker.CreateTrainingJobInput{})
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "CreateTrainingJobInput", ve.TypeName)
	assert.ElementsMatch(t, []problem{{"TrainingJobName", tj.ErrRequired}, {"RoleArn", tj.ErrRequired}, {"OutputDataConfig", tj.ErrRequired}},
		problems(t, err))

	bad := completedJob().ToCreateInput()
	bad.TrainingJobName = aws.String("bad_name")
	bad.OutputDataConfig = &types.OutputDataConfig{}
	bad.InputDataConfig[0].DataSource.S3DataSource.S3Uri = nil
	bad.AlgorithmSpecification.TrainingInputMode = ""
	bad.ResourceConfig.InstanceType = "ml.future.96xlarge"
	err = tj.ValidateCreateInput(bad)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "bad_name", ve.Name)
	assert.ElementsMatch(t, []problem{
		{"TrainingJobName", tj.ErrInvalid},
		{"OutputDataConfig.S3OutputPath", tj.ErrRequired},
		{"InputDataConfig[0].DataSource.S3DataSource.S3Uri", tj.ErrRequired},
		{"AlgorithmSpecification.TrainingInputMode", tj.ErrRequired},
	}, problems(t, err))
	strictErr := tj.ValidateCreateInput(bad, tj.Strict())
	assert.Contains(t, problems(t, strictErr), problem{"ResourceConfig.InstanceType", tj.ErrNotSupported})

	assert.ErrorIs(t, tj.ValidateCreateInput(nil), tj.ErrRequired)
}

// randomValidJob varies a valid job within the model's limits: names of any
// legal form and length, any known instance type, any number of channels,
// tags and hyperparameters up to their limits.
func randomValidJob(r *rand.Rand) tj.TrainingJob {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alnum[r.IntN(len(alnum))]
		}
		return string(b)
	}
	j := completedJob()
	name := word(1 + r.IntN(31))
	if r.IntN(2) == 0 {
		name += "-" + word(1+r.IntN(30))
	}
	j.TrainingJobName = name
	j.TrainingJobArn = "arn:aws:sagemaker:eu-west-1:123456789012:training-job/" + strings.ToLower(name)
	j.InputDataConfig = channels(1 + r.IntN(20))
	j.Tags = tags(r.IntN(51))
	j.HyperParameters = map[string]string{}
	for i := r.IntN(101); i > 0; i-- {
		j.HyperParameters[word(1+r.IntN(256))] = word(r.IntN(2501))
	}
	types := types.TrainingInstanceType("").Values()
	j.ResourceConfig.InstanceType = types[r.IntN(len(types))]
	j.StoppingCondition.MaxPendingTimeInSeconds = aws.Int32(int32(7200 + r.IntN(2419200-7200+1)))
	return j
}

// Every job built within the limits passes both strengths: 60 random jobs
// by default, 300 with TRAININGJOB_ALL_ORACLES=1 (under -race and -cover a
// job costs about 15 ms).
func TestRandomValidJobsPass(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range testenv.FullSize(60, 300) {
		job := randomValidJob(r)
		require.NoError(t, job.Validate(tj.Strict()), "job %d", i)
		require.NoError(t, tj.ValidateCreateInput(job.ToCreateInput(), tj.Strict()), "job %d", i)
	}
}

// A valid job of any size is validated without allocating.
func TestModelValidationDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race; .ci/run checks them in its coverage run")
	}
	job := randomValidJob(rand.New(rand.NewPCG(3, 4)))
	require.NoError(t, job.Validate(tj.Strict()))
	assert.Zero(t, testing.AllocsPerRun(50, func() { _ = job.Validate() }))
	assert.Zero(t, testing.AllocsPerRun(50, func() { _ = job.Validate(tj.Strict()) }))
	in := job.ToCreateInput()
	assert.Zero(t, testing.AllocsPerRun(50, func() { _ = tj.ValidateCreateInput(in) }))
}

// longJob returns a valid job whose history has n entries.
func longJob(n int) tj.TrainingJob {
	j := completedJob()
	h := make([]tj.SecondaryStatusTransition, 0, n)
	at := j.CreationTime
	for i := 0; i < n-1; i++ {
		s := []tj.SecondaryStatus{tj.SecondaryStatusStarting, tj.SecondaryStatusDownloading, tj.SecondaryStatusTraining, tj.SecondaryStatusInterrupted}[i%4]
		h = append(h, tj.SecondaryStatusTransition{Status: s, StartTime: at, EndTime: at.Add(time.Second)})
		at = at.Add(time.Second)
	}
	h = append(h, tj.SecondaryStatusTransition{Status: tj.SecondaryStatusCompleted, StartTime: at, EndTime: at})
	j.SecondaryStatusTransitions = h
	j.TrainingStartTime, j.TrainingEndTime, j.LastModifiedTime = j.CreationTime, at, at
	j.TrainingTimeInSeconds = int32(n - 1)
	j.BillableTimeInSeconds = 1
	return j
}

// BenchmarkValidateBySize shows that the time grows linearly with the
// history: compare ns/op across the sizes.
func BenchmarkValidateBySize(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		job := longJob(n)
		if err := job.Validate(tj.Strict()); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = job.Validate(tj.Strict())
			}
		})
	}
}

// The cost per history entry stays flat from 100 to 10,000 entries (within
// a wide margin, since the machine is shared). Each measurement repeats
// Validate for about 20 ms, long enough to measure with or without the race
// detector, and keeps the best of five: noise only ever makes a run slower.
// (testing.Benchmark ran each size for a whole second.)
func TestValidateTimeIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	perEntry := func(n int) float64 {
		job := longJob(n)
		run := func(rounds int) time.Duration {
			start := time.Now()
			for range rounds {
				_ = job.Validate(tj.Strict())
			}
			return time.Since(start)
		}
		rounds := max(1, int(20*time.Millisecond/max(run(1), time.Microsecond)))
		best := time.Duration(math.MaxInt64)
		for range 5 {
			best = min(best, run(rounds))
		}
		return float64(best.Nanoseconds()) / float64(rounds*n)
	}
	small, large := perEntry(100), perEntry(10000)
	assert.Less(t, large, small*4, "per-entry cost: %.1f ns at 100 entries, %.1f ns at 10,000", small, large)
}

// A job with every member set, nested ones included, to values that break
// most patterns: validation reaches every generated check, reports through
// paths that name real members, and never panics.
func TestModelChecksReachEveryMember(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		var job tj.TrainingJob
		reflectfill.Fill(&job, seed)
		err := job.Validate(tj.Strict())
		require.Error(t, err)
		var ve *tj.ValidationError
		require.ErrorAs(t, err, &ve)
		roots := map[string]bool{}
		for _, fe := range ve.Errors {
			require.NotEmpty(t, fe.Field)
			root := strings.FieldsFunc(fe.Field, func(r rune) bool { return r == '.' || r == '[' })[0]
			roots[root] = true
			_, known := reflect.TypeFor[tj.TrainingJob]().FieldByName(root)
			assert.True(t, known, "path %q starts with a member of TrainingJob", fe.Field)
		}
		for _, member := range []string{"AlgorithmSpecification", "InputDataConfig", "ResourceConfig", "VpcConfig", "DebugRuleConfigurations",
			"ProfilerConfig", "ServerlessJobConfig", "MlflowConfig", "ModelPackageConfig", "Tags", "Environment"} {
			assert.True(t, roots[member], "seed %d: no problem reported under %s", seed, member)
		}
		in := job.ToCreateInput()
		err = tj.ValidateCreateInput(in, tj.Strict())
		require.Error(t, err)
	}
}
