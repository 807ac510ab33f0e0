package trainingjob_test

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
)

// completedBuilder assembles completedJob() through the setters.
func completedBuilder() *tj.Builder {
	j := completedJob()
	b := tj.NewBuilder(j.TrainingJobName).
		WithTrainingJobArn(j.TrainingJobArn).
		WithStatus(j.TrainingJobStatus, j.SecondaryStatus).
		WithS3ModelArtifacts(*j.ModelArtifacts.S3ModelArtifacts).
		WithHyperParameter("lr", "0.01").
		WithHyperParameter("epochs", "10").
		WithAlgorithmSpecification(j.AlgorithmSpecification).
		WithRoleArn(j.RoleArn).
		WithInputChannel(j.InputDataConfig[0]).
		WithOutputDataConfig(j.OutputDataConfig).
		WithResourceConfig(j.ResourceConfig).
		WithMaxRuntimeInSeconds(86400).
		WithCreationTime(j.CreationTime).
		WithTrainingStartTime(j.TrainingStartTime).
		WithTrainingEndTime(j.TrainingEndTime).
		WithLastModifiedTime(j.LastModifiedTime).
		WithFinalMetric("validation:accuracy", 0.93, j.TrainingEndTime).
		WithTrainingTimeInSeconds(j.TrainingTimeInSeconds).
		WithBillableTimeInSeconds(j.BillableTimeInSeconds).
		WithEnvironmentVariable("WANDB_API_KEY", "secret")
	for _, t := range j.SecondaryStatusTransitions {
		b.WithTransition(t.Status, t.StartTime, t.EndTime, t.StatusMessage)
	}
	return b
}

func TestBuilderMatchesStructLiteral(t *testing.T) {
	job, err := completedBuilder().Build(tj.Strict())
	require.NoError(t, err)
	assert.Equal(t, completedJob(), job)
}

// Every setter writes its own member and nothing else.
func TestBuilderSetters(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	tr := tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: now}
	tests := []struct {
		name string
		set  func(*tj.Builder)
		want func(*tj.TrainingJob)
	}{
		{"TrainingJobName", func(b *tj.Builder) { b.WithTrainingJobName("x") }, func(j *tj.TrainingJob) { j.TrainingJobName = "x" }},
		{"TrainingJobArn", func(b *tj.Builder) { b.WithTrainingJobArn("a") }, func(j *tj.TrainingJob) { j.TrainingJobArn = "a" }},
		{"TuningJobArn", func(b *tj.Builder) { b.WithTuningJobArn("a") }, func(j *tj.TrainingJob) { j.TuningJobArn = "a" }},
		{"LabelingJobArn", func(b *tj.Builder) { b.WithLabelingJobArn("a") }, func(j *tj.TrainingJob) { j.LabelingJobArn = "a" }},
		{"AutoMLJobArn", func(b *tj.Builder) { b.WithAutoMLJobArn("a") }, func(j *tj.TrainingJob) { j.AutoMLJobArn = "a" }},
		{"ModelArtifacts", func(b *tj.Builder) {
			b.WithModelArtifacts(&types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://m")})
		},
			func(j *tj.TrainingJob) {
				j.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://m")}
			}},
		{"S3ModelArtifacts", func(b *tj.Builder) { b.WithS3ModelArtifacts("s3://m") },
			func(j *tj.TrainingJob) {
				j.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://m")}
			}},
		{"TrainingJobStatus", func(b *tj.Builder) { b.WithTrainingJobStatus(tj.StatusFailed) }, func(j *tj.TrainingJob) { j.TrainingJobStatus = tj.StatusFailed }},
		{"SecondaryStatus", func(b *tj.Builder) { b.WithSecondaryStatus(tj.SecondaryStatusFailed) }, func(j *tj.TrainingJob) { j.SecondaryStatus = tj.SecondaryStatusFailed }},
		{"Status", func(b *tj.Builder) { b.WithStatus(tj.StatusStopped, tj.SecondaryStatusStopped) },
			func(j *tj.TrainingJob) {
				j.TrainingJobStatus, j.SecondaryStatus = tj.StatusStopped, tj.SecondaryStatusStopped
			}},
		{"FailureReason", func(b *tj.Builder) { b.WithFailureReason("r") }, func(j *tj.TrainingJob) { j.FailureReason = "r" }},
		{"HyperParameters", func(b *tj.Builder) { b.WithHyperParameters(map[string]string{"a": "1"}) },
			func(j *tj.TrainingJob) { j.HyperParameters = map[string]string{"a": "1"} }},
		{"HyperParameter", func(b *tj.Builder) { b.WithHyperParameter("a", "1") },
			func(j *tj.TrainingJob) { j.HyperParameters = map[string]string{"a": "1"} }},
		{"AlgorithmSpecification", func(b *tj.Builder) {
			b.WithAlgorithmSpecification(&types.AlgorithmSpecification{AlgorithmName: aws.String("xgb")})
		},
			func(j *tj.TrainingJob) {
				j.AlgorithmSpecification = &types.AlgorithmSpecification{AlgorithmName: aws.String("xgb")}
			}},
		{"RoleArn", func(b *tj.Builder) { b.WithRoleArn("r") }, func(j *tj.TrainingJob) { j.RoleArn = "r" }},
		{"InputDataConfig", func(b *tj.Builder) { b.WithInputDataConfig(types.Channel{ChannelName: aws.String("c")}) },
			func(j *tj.TrainingJob) { j.InputDataConfig = []types.Channel{{ChannelName: aws.String("c")}} }},
		{"InputChannel", func(b *tj.Builder) { b.WithInputChannel(types.Channel{ChannelName: aws.String("c")}) },
			func(j *tj.TrainingJob) { j.InputDataConfig = []types.Channel{{ChannelName: aws.String("c")}} }},
		{"OutputDataConfig", func(b *tj.Builder) {
			b.WithOutputDataConfig(&types.OutputDataConfig{S3OutputPath: aws.String("s3://o")})
		},
			func(j *tj.TrainingJob) {
				j.OutputDataConfig = &types.OutputDataConfig{S3OutputPath: aws.String("s3://o")}
			}},
		{"ResourceConfig", func(b *tj.Builder) { b.WithResourceConfig(&types.ResourceConfig{VolumeSizeInGB: aws.Int32(5)}) },
			func(j *tj.TrainingJob) { j.ResourceConfig = &types.ResourceConfig{VolumeSizeInGB: aws.Int32(5)} }},
		{"Instances", func(b *tj.Builder) { b.WithInstances(types.TrainingInstanceTypeMlM5Large, 3) },
			func(j *tj.TrainingJob) {
				j.ResourceConfig = &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(3)}
			}},
		{"WarmPoolStatus", func(b *tj.Builder) {
			b.WithWarmPoolStatus(&types.WarmPoolStatus{Status: types.WarmPoolResourceStatusAvailable})
		},
			func(j *tj.TrainingJob) {
				j.WarmPoolStatus = &types.WarmPoolStatus{Status: types.WarmPoolResourceStatusAvailable}
			}},
		{"VpcConfig", func(b *tj.Builder) { b.WithVpcConfig(&types.VpcConfig{Subnets: []string{"s"}}) },
			func(j *tj.TrainingJob) { j.VpcConfig = &types.VpcConfig{Subnets: []string{"s"}} }},
		{"StoppingCondition", func(b *tj.Builder) {
			b.WithStoppingCondition(&types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(9)})
		},
			func(j *tj.TrainingJob) {
				j.StoppingCondition = &types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(9)}
			}},
		{"MaxRuntimeInSeconds", func(b *tj.Builder) { b.WithMaxRuntimeInSeconds(60) },
			func(j *tj.TrainingJob) {
				j.StoppingCondition = &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(60)}
			}},
		{"CreationTime", func(b *tj.Builder) { b.WithCreationTime(now) }, func(j *tj.TrainingJob) { j.CreationTime = now }},
		{"TrainingStartTime", func(b *tj.Builder) { b.WithTrainingStartTime(now) }, func(j *tj.TrainingJob) { j.TrainingStartTime = now }},
		{"TrainingEndTime", func(b *tj.Builder) { b.WithTrainingEndTime(now) }, func(j *tj.TrainingJob) { j.TrainingEndTime = now }},
		{"LastModifiedTime", func(b *tj.Builder) { b.WithLastModifiedTime(now) }, func(j *tj.TrainingJob) { j.LastModifiedTime = now }},
		{"SecondaryStatusTransitions", func(b *tj.Builder) { b.WithSecondaryStatusTransitions(tr, tr) },
			func(j *tj.TrainingJob) { j.SecondaryStatusTransitions = []tj.SecondaryStatusTransition{tr, tr} }},
		{"SecondaryStatusTransition", func(b *tj.Builder) { b.WithSecondaryStatusTransition(tr) },
			func(j *tj.TrainingJob) { j.SecondaryStatusTransitions = []tj.SecondaryStatusTransition{tr} }},
		{"Transition", func(b *tj.Builder) { b.WithTransition(tj.SecondaryStatusTraining, now, time.Time{}, "") },
			func(j *tj.TrainingJob) { j.SecondaryStatusTransitions = []tj.SecondaryStatusTransition{tr} }},
		{"FinalMetricDataList", func(b *tj.Builder) { b.WithFinalMetricDataList(types.MetricData{MetricName: aws.String("m")}) },
			func(j *tj.TrainingJob) { j.FinalMetricDataList = []types.MetricData{{MetricName: aws.String("m")}} }},
		{"FinalMetric", func(b *tj.Builder) { b.WithFinalMetric("m", 1.5, now) },
			func(j *tj.TrainingJob) {
				j.FinalMetricDataList = []types.MetricData{{MetricName: aws.String("m"), Value: aws.Float32(1.5), Timestamp: aws.Time(now)}}
			}},
		{"EnableNetworkIsolation", func(b *tj.Builder) { b.WithEnableNetworkIsolation(true) }, func(j *tj.TrainingJob) { j.EnableNetworkIsolation = true }},
		{"EnableInterContainerTrafficEncryption", func(b *tj.Builder) { b.WithEnableInterContainerTrafficEncryption(true) },
			func(j *tj.TrainingJob) { j.EnableInterContainerTrafficEncryption = true }},
		{"EnableManagedSpotTraining", func(b *tj.Builder) { b.WithEnableManagedSpotTraining(true) }, func(j *tj.TrainingJob) { j.EnableManagedSpotTraining = true }},
		{"CheckpointConfig", func(b *tj.Builder) { b.WithCheckpointConfig(&types.CheckpointConfig{S3Uri: aws.String("s3://c")}) },
			func(j *tj.TrainingJob) { j.CheckpointConfig = &types.CheckpointConfig{S3Uri: aws.String("s3://c")} }},
		{"TrainingTimeInSeconds", func(b *tj.Builder) { b.WithTrainingTimeInSeconds(7) }, func(j *tj.TrainingJob) { j.TrainingTimeInSeconds = 7 }},
		{"BillableTimeInSeconds", func(b *tj.Builder) { b.WithBillableTimeInSeconds(7) }, func(j *tj.TrainingJob) { j.BillableTimeInSeconds = 7 }},
		{"BillableTokenCount", func(b *tj.Builder) { b.WithBillableTokenCount(7) }, func(j *tj.TrainingJob) { j.BillableTokenCount = 7 }},
		{"DebugHookConfig", func(b *tj.Builder) { b.WithDebugHookConfig(&types.DebugHookConfig{S3OutputPath: aws.String("s3://d")}) },
			func(j *tj.TrainingJob) {
				j.DebugHookConfig = &types.DebugHookConfig{S3OutputPath: aws.String("s3://d")}
			}},
		{"ExperimentConfig", func(b *tj.Builder) { b.WithExperimentConfig(&types.ExperimentConfig{ExperimentName: aws.String("e")}) },
			func(j *tj.TrainingJob) { j.ExperimentConfig = &types.ExperimentConfig{ExperimentName: aws.String("e")} }},
		{"DebugRuleConfigurations", func(b *tj.Builder) {
			b.WithDebugRuleConfigurations(types.DebugRuleConfiguration{RuleConfigurationName: aws.String("r")})
		},
			func(j *tj.TrainingJob) {
				j.DebugRuleConfigurations = []types.DebugRuleConfiguration{{RuleConfigurationName: aws.String("r")}}
			}},
		{"TensorBoardOutputConfig", func(b *tj.Builder) {
			b.WithTensorBoardOutputConfig(&types.TensorBoardOutputConfig{S3OutputPath: aws.String("s3://t")})
		},
			func(j *tj.TrainingJob) {
				j.TensorBoardOutputConfig = &types.TensorBoardOutputConfig{S3OutputPath: aws.String("s3://t")}
			}},
		{"DebugRuleEvaluationStatuses", func(b *tj.Builder) {
			b.WithDebugRuleEvaluationStatuses(types.DebugRuleEvaluationStatus{RuleConfigurationName: aws.String("r")})
		}, func(j *tj.TrainingJob) {
			j.DebugRuleEvaluationStatuses = []types.DebugRuleEvaluationStatus{{RuleConfigurationName: aws.String("r")}}
		}},
		{"ProfilerConfig", func(b *tj.Builder) { b.WithProfilerConfig(&types.ProfilerConfig{S3OutputPath: aws.String("s3://p")}) },
			func(j *tj.TrainingJob) { j.ProfilerConfig = &types.ProfilerConfig{S3OutputPath: aws.String("s3://p")} }},
		{"ProfilerRuleConfigurations", func(b *tj.Builder) {
			b.WithProfilerRuleConfigurations(types.ProfilerRuleConfiguration{RuleConfigurationName: aws.String("r")})
		}, func(j *tj.TrainingJob) {
			j.ProfilerRuleConfigurations = []types.ProfilerRuleConfiguration{{RuleConfigurationName: aws.String("r")}}
		}},
		{"ProfilerRuleEvaluationStatuses", func(b *tj.Builder) {
			b.WithProfilerRuleEvaluationStatuses(types.ProfilerRuleEvaluationStatus{RuleConfigurationName: aws.String("r")})
		}, func(j *tj.TrainingJob) {
			j.ProfilerRuleEvaluationStatuses = []types.ProfilerRuleEvaluationStatus{{RuleConfigurationName: aws.String("r")}}
		}},
		{"ProfilingStatus", func(b *tj.Builder) { b.WithProfilingStatus(types.ProfilingStatusEnabled) },
			func(j *tj.TrainingJob) { j.ProfilingStatus = types.ProfilingStatusEnabled }},
		{"Environment", func(b *tj.Builder) { b.WithEnvironment(map[string]string{"A": "1"}) },
			func(j *tj.TrainingJob) { j.Environment = map[string]string{"A": "1"} }},
		{"EnvironmentVariable", func(b *tj.Builder) { b.WithEnvironmentVariable("A", "1") },
			func(j *tj.TrainingJob) { j.Environment = map[string]string{"A": "1"} }},
		{"RetryStrategy", func(b *tj.Builder) { b.WithRetryStrategy(&types.RetryStrategy{MaximumRetryAttempts: aws.Int32(2)}) },
			func(j *tj.TrainingJob) { j.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(2)} }},
		{"RemoteDebugConfig", func(b *tj.Builder) {
			b.WithRemoteDebugConfig(&types.RemoteDebugConfig{EnableRemoteDebug: aws.Bool(true)})
		},
			func(j *tj.TrainingJob) {
				j.RemoteDebugConfig = &types.RemoteDebugConfig{EnableRemoteDebug: aws.Bool(true)}
			}},
		{"InfraCheckConfig", func(b *tj.Builder) { b.WithInfraCheckConfig(&types.InfraCheckConfig{EnableInfraCheck: aws.Bool(true)}) },
			func(j *tj.TrainingJob) {
				j.InfraCheckConfig = &types.InfraCheckConfig{EnableInfraCheck: aws.Bool(true)}
			}},
		{"ServerlessJobConfig", func(b *tj.Builder) {
			b.WithServerlessJobConfig(&types.ServerlessJobConfig{BaseModelArn: aws.String("m")})
		},
			func(j *tj.TrainingJob) {
				j.ServerlessJobConfig = &types.ServerlessJobConfig{BaseModelArn: aws.String("m")}
			}},
		{"MlflowConfig", func(b *tj.Builder) { b.WithMlflowConfig(&types.MlflowConfig{MlflowRunName: aws.String("r")}) },
			func(j *tj.TrainingJob) { j.MlflowConfig = &types.MlflowConfig{MlflowRunName: aws.String("r")} }},
		{"ModelPackageConfig", func(b *tj.Builder) {
			b.WithModelPackageConfig(&types.ModelPackageConfig{ModelPackageGroupArn: aws.String("g")})
		},
			func(j *tj.TrainingJob) {
				j.ModelPackageConfig = &types.ModelPackageConfig{ModelPackageGroupArn: aws.String("g")}
			}},
		{"MlflowDetails", func(b *tj.Builder) { b.WithMlflowDetails(&types.MlflowDetails{MlflowRunId: aws.String("r")}) },
			func(j *tj.TrainingJob) { j.MlflowDetails = &types.MlflowDetails{MlflowRunId: aws.String("r")} }},
		{"ProgressInfo", func(b *tj.Builder) { b.WithProgressInfo(&types.TrainingProgressInfo{CurrentEpoch: aws.Int64(3)}) },
			func(j *tj.TrainingJob) { j.ProgressInfo = &types.TrainingProgressInfo{CurrentEpoch: aws.Int64(3)} }},
		{"OutputModelPackageArn", func(b *tj.Builder) { b.WithOutputModelPackageArn("p") }, func(j *tj.TrainingJob) { j.OutputModelPackageArn = "p" }},
		{"Tags", func(b *tj.Builder) { b.WithTags(types.Tag{Key: aws.String("k"), Value: aws.String("v")}) },
			func(j *tj.TrainingJob) { j.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}} }},
		{"Tag", func(b *tj.Builder) { b.WithTag("k", "v") },
			func(j *tj.TrainingJob) { j.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}} }},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tj.NewBuilder("job")
			tt.set(b)
			want := tj.TrainingJob{TrainingJobName: "job"}
			tt.want(&want)
			assert.Equal(t, want, b.BuildUnchecked())
		})
		covered["With"+tt.name] = true
	}
	// A new setter without a case here fails this test.
	bt := reflect.TypeOf(&tj.Builder{})
	for i := 0; i < bt.NumMethod(); i++ {
		if name := bt.Method(i).Name; strings.HasPrefix(name, "With") {
			assert.True(t, covered[name], "setter %s has no test case", name)
		}
	}
	// And every member of TrainingJob has a setter of its own name.
	jt := reflect.TypeOf(tj.TrainingJob{})
	for i := 0; i < jt.NumField(); i++ {
		_, ok := bt.MethodByName("With" + jt.Field(i).Name)
		assert.True(t, ok, "TrainingJob.%s has no setter", jt.Field(i).Name)
	}
}

// Replace, append and merge as the setters' docs say.
func TestBuilderSecondCall(t *testing.T) {
	tr := func(s tj.SecondaryStatus) tj.SecondaryStatusTransition {
		return tj.SecondaryStatusTransition{Status: s, StartTime: base}
	}
	job := tj.NewBuilder("a").
		WithTrainingJobName("b").
		WithHyperParameters(map[string]string{"x": "1", "y": "2"}).
		WithHyperParameter("y", "3").
		WithHyperParameter("z", "4").
		WithEnvironment(map[string]string{"OLD": "1"}).
		WithEnvironment(map[string]string{"NEW": "1"}).
		WithEnvironmentVariable("NEW", "2").
		WithSecondaryStatusTransition(tr(tj.SecondaryStatusStarting)).
		WithSecondaryStatusTransition(tr(tj.SecondaryStatusTraining)).
		WithTag("k", "1").
		WithTag("k", "2").
		WithInstances(types.TrainingInstanceTypeMlM5Large, 1).
		WithResourceConfig(&types.ResourceConfig{VolumeSizeInGB: aws.Int32(30)}).
		WithInstances(types.TrainingInstanceTypeMlM5Xlarge, 2).
		WithStoppingCondition(&types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(100)}).
		WithMaxRuntimeInSeconds(50).
		BuildUnchecked()

	assert.Equal(t, "b", job.TrainingJobName, "replace")
	assert.Equal(t, map[string]string{"x": "1", "y": "3", "z": "4"}, job.HyperParameters, "merge one into the whole map")
	assert.Equal(t, map[string]string{"NEW": "2"}, job.Environment, "the whole map replaces")
	require.Len(t, job.SecondaryStatusTransitions, 2, "append")
	assert.Equal(t, tj.SecondaryStatusTraining, job.SecondaryStatusTransitions[1].Status)
	assert.Len(t, job.Tags, 2, "tags append")
	assert.Equal(t, &types.ResourceConfig{
		VolumeSizeInGB: aws.Int32(30), InstanceType: types.TrainingInstanceTypeMlM5Xlarge, InstanceCount: aws.Int32(2),
	}, job.ResourceConfig, "WithInstances merges into ResourceConfig")
	assert.Equal(t, &types.StoppingCondition{MaxWaitTimeInSeconds: aws.Int32(100), MaxRuntimeInSeconds: aws.Int32(50)}, job.StoppingCondition)

	replaced := tj.NewBuilder("a").
		WithSecondaryStatusTransition(tr(tj.SecondaryStatusStarting)).
		WithSecondaryStatusTransitions(tr(tj.SecondaryStatusPending)).
		WithInputChannel(types.Channel{ChannelName: aws.String("a")}).
		WithInputDataConfig(types.Channel{ChannelName: aws.String("b")}).
		BuildUnchecked()
	assert.Equal(t, []tj.SecondaryStatusTransition{tr(tj.SecondaryStatusPending)}, replaced.SecondaryStatusTransitions)
	assert.Equal(t, []types.Channel{{ChannelName: aws.String("b")}}, replaced.InputDataConfig)

	cleared := tj.NewBuilder("a").
		WithHyperParameter("x", "1").WithHyperParameters(nil).
		WithTag("k", "v").WithTags().
		WithTransition(tj.SecondaryStatusStarting, base, time.Time{}, "").WithSecondaryStatusTransitions().
		WithS3ModelArtifacts("s3://x").WithModelArtifacts(nil).
		BuildUnchecked()
	assert.Equal(t, tj.TrainingJob{TrainingJobName: "a"}, cleared, "nil or no arguments remove the member")

	empty := tj.NewBuilder("a").WithSecondaryStatusTransitions([]tj.SecondaryStatusTransition{}...).WithHyperParameters(map[string]string{}).BuildUnchecked()
	assert.NotNil(t, empty.SecondaryStatusTransitions, "an empty history stays empty, not absent")
	assert.Empty(t, empty.SecondaryStatusTransitions)
	assert.NotNil(t, empty.HyperParameters)
}

func TestBuilderDropsMonotonicClock(t *testing.T) {
	now := time.Now()
	require.NotEqual(t, now.String(), now.Round(0).String(), "time.Now carries a monotonic reading")
	job := tj.NewBuilder("a").WithCreationTime(now).WithTransition(tj.SecondaryStatusStarting, now, now, "").
		WithFinalMetric("m", 1, now).BuildUnchecked()
	assert.True(t, job.CreationTime == now.Round(0), "== works on built times")
	assert.True(t, job.SecondaryStatusTransitions[0].StartTime == now.Round(0))
	assert.True(t, job.SecondaryStatusTransitions[0].EndTime == now.Round(0))
	assert.True(t, *job.FinalMetricDataList[0].Timestamp == now.Round(0))
}

func TestBuildReportsEveryProblem(t *testing.T) {
	job, err := tj.NewBuilder("bad_name").
		WithStatus(tj.StatusCompleted, tj.SecondaryStatusTraining).
		WithTransition(tj.SecondaryStatusTraining, at(time.Hour), base, "").
		Build()
	require.Error(t, err)
	assert.Equal(t, tj.TrainingJob{}, job, "a failed Build returns the zero job")
	assert.Equal(t, []problem{
		{"TrainingJobName", tj.ErrInvalid},
		{"SecondaryStatus", tj.ErrIllegalPair},
		{"TrainingEndTime", tj.ErrRequired},
		{"SecondaryStatusTransitions[0].EndTime", tj.ErrOutOfOrder},
	}, problems(t, err))

	_, err = completedBuilder().WithStatus(tj.StatusCompleted, "Hibernating").Build()
	require.NoError(t, err, "an unknown secondary status passes the default strength")
	_, err = completedBuilder().WithStatus(tj.StatusCompleted, "Hibernating").Build(tj.Strict())
	assert.ErrorIs(t, err, tj.ErrNotSupported, "Build takes the strict option")
}

func TestMustBuild(t *testing.T) {
	assert.NotPanics(t, func() { completedBuilder().MustBuild(tj.Strict()) })
	defer func() {
		r := recover()
		require.NotNil(t, r, "MustBuild panics on an invalid job")
		err, ok := r.(error)
		require.True(t, ok)
		assert.ErrorIs(t, err, tj.ErrRequired)
	}()
	tj.NewBuilder("").MustBuild()
}

// Setters copy their arguments: changing them afterwards changes nothing.
func TestBuilderCopiesArguments(t *testing.T) {
	hp := map[string]string{"lr": "1"}
	env := map[string]string{"A": "1"}
	alg := &types.AlgorithmSpecification{TrainingImage: aws.String("img"), ContainerArguments: []string{"a"}}
	channels := []types.Channel{{ChannelName: aws.String("train"), DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{S3Uri: aws.String("s3://a")}}}}
	history := []tj.SecondaryStatusTransition{{Status: tj.SecondaryStatusStarting, StartTime: base}}
	tags := []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}

	b := tj.NewBuilder("job").
		WithHyperParameters(hp).WithEnvironment(env).WithAlgorithmSpecification(alg).
		WithInputDataConfig(channels...).WithInputChannel(channels[0]).
		WithSecondaryStatusTransitions(history...).WithTags(tags...)
	before := b.BuildUnchecked()

	hp["lr"] = "2"
	env["B"] = "2"
	*alg.TrainingImage = "changed"
	alg.ContainerArguments[0] = "changed"
	*channels[0].DataSource.S3DataSource.S3Uri = "changed"
	history[0].Status = tj.SecondaryStatusFailed
	*tags[0].Value = "changed"

	assert.Equal(t, before, b.BuildUnchecked())
	assert.Equal(t, "img", *b.BuildUnchecked().AlgorithmSpecification.TrainingImage)
}

// A builder is a template: built jobs share nothing with it or with each
// other, so goroutines can change them freely (run with -race).
func TestBuilderTemplateSharesNothing(t *testing.T) {
	var full tj.TrainingJob
	reflectfill.Fill(&full, 1)
	require.Empty(t, reflectfill.ZeroFields(&full), "Fill sets every member")
	b := full.ToBuilder()
	assert.Empty(t, reflectfill.SharedReferences(full, b.BuildUnchecked()), "ToBuilder copies")

	const n = 8
	jobs := make([]tj.TrainingJob, n)
	for i := range jobs {
		jobs[i] = b.BuildUnchecked()
	}
	for i := 1; i < n; i++ {
		assert.Empty(t, reflectfill.SharedReferences(jobs[0], jobs[i]), "results %d and 0 share memory", i)
	}
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func(j *tj.TrainingJob, i int) {
			defer wg.Done()
			j.HyperParameters["mine"] = fmt.Sprint(i)
			j.SecondaryStatusTransitions[0].StatusMessage = fmt.Sprint(i)
			*j.ResourceConfig.InstanceCount = int32(i)
			j.InputDataConfig[0].ChannelName = aws.String(fmt.Sprint(i))
			*j.AlgorithmSpecification.MetricDefinitions[0].Regex = fmt.Sprint(i)
		}(&jobs[i], i)
	}
	wg.Wait()
	assert.Equal(t, full, b.BuildUnchecked(), "the builder is unchanged by changes to its results")
	for i := range jobs {
		assert.Equal(t, fmt.Sprint(i), jobs[i].HyperParameters["mine"])
	}

	// Writing through every pointer, slice and map of a result leaves the
	// builder as it was.
	mutateInPlace(reflect.ValueOf(&jobs[0]).Elem())
	require.NotEqual(t, full, jobs[0])
	assert.Equal(t, full, b.BuildUnchecked(), "a result shares memory with its builder")

	valid := completedBuilder()
	want := valid.MustBuild()
	first := valid.MustBuild()
	second := valid.MustBuild()
	assert.Empty(t, reflectfill.SharedReferences(first, second), "Build copies too")
	first.SecondaryStatusTransitions[0].Status = tj.SecondaryStatusFailed
	assert.Equal(t, tj.SecondaryStatusStarting, valid.MustBuild().SecondaryStatusTransitions[0].Status)
	mutateInPlace(reflect.ValueOf(&second).Elem())
	assert.Equal(t, want, valid.MustBuild(), "a result of Build shares memory with its builder")
}

func TestTransitionBuilder(t *testing.T) {
	tr, err := tj.NewTransitionBuilder().
		WithStatus(tj.SecondaryStatusTraining).
		WithStartTime(base).
		WithEndTime(at(time.Minute)).
		WithStatusMessage("Training in progress").
		Build()
	require.NoError(t, err)
	assert.Equal(t, tj.SecondaryStatusTransition{
		Status: tj.SecondaryStatusTraining, StartTime: base, EndTime: at(time.Minute), StatusMessage: "Training in progress",
	}, tr)

	again := tr.ToBuilder().WithEndTime(time.Time{}).MustBuild()
	assert.True(t, again.IsOpen())
	assert.False(t, tr.IsOpen(), "ToBuilder works on a copy")

	_, err = tj.NewTransitionBuilder().WithStatusMessage("x").Build()
	assert.Equal(t, []problem{{"Status", tj.ErrRequired}, {"StartTime", tj.ErrRequired}}, problems(t, err))

	_, err = tj.NewTransitionBuilder().WithStatus("Hibernating").WithStartTime(base).Build(tj.Strict())
	assert.ErrorIs(t, err, tj.ErrNotSupported)
	assert.Panics(t, func() { tj.NewTransitionBuilder().MustBuild() })
}

// TestBuilderSettersAfterBuild calls, after a Build, the setters that
// replace a nested structure or write into one, and checks that the earlier
// result keeps its values while the next one has the new ones.
func TestBuilderSettersAfterBuild(t *testing.T) {
	b := completedBuilder().WithAlgorithmSpecification(&types.AlgorithmSpecification{
		TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/resnet:1"),
		TrainingInputMode: types.TrainingInputModeFile,
		MetricDefinitions: []types.MetricDefinition{{Name: aws.String("loss"), Regex: aws.String("loss=([0-9.]+)")}},
	})
	first := b.MustBuild()
	want := first.Clone()
	require.Len(t, first.AlgorithmSpecification.MetricDefinitions, 1)

	b.WithS3ModelArtifacts("s3://other/model.tar.gz").
		WithAlgorithmSpecification(&types.AlgorithmSpecification{TrainingImage: aws.String("other:1"), TrainingInputMode: types.TrainingInputModePipe}).
		WithOutputDataConfig(&types.OutputDataConfig{S3OutputPath: aws.String("s3://other/out")}).
		WithInstances(types.TrainingInstanceTypeMlP32xlarge, 4).
		WithMaxRuntimeInSeconds(60).
		WithDebugHookConfig(&types.DebugHookConfig{S3OutputPath: aws.String("s3://other/debug")}).
		WithProfilerConfig(&types.ProfilerConfig{S3OutputPath: aws.String("s3://other/profiler")})
	second := b.BuildUnchecked()
	assert.Equal(t, want, first, "setters after Build changed the job it returned")
	assert.Equal(t, "s3://other/model.tar.gz", *second.ModelArtifacts.S3ModelArtifacts)
	assert.Equal(t, "other:1", *second.AlgorithmSpecification.TrainingImage)
	assert.Nil(t, second.AlgorithmSpecification.MetricDefinitions, "a replaced structure keeps nothing of the one before")
	assert.Equal(t, "s3://other/out", *second.OutputDataConfig.S3OutputPath)
	assert.Equal(t, int32(4), *second.ResourceConfig.InstanceCount)
	assert.Equal(t, want.ResourceConfig.VolumeSizeInGB, second.ResourceConfig.VolumeSizeInGB, "WithInstances keeps the other members")
	assert.Equal(t, int32(60), *second.StoppingCondition.MaxRuntimeInSeconds)
	assert.Equal(t, "s3://other/debug", *second.DebugHookConfig.S3OutputPath)
	assert.Equal(t, "s3://other/profiler", *second.ProfilerConfig.S3OutputPath)
	assert.Empty(t, reflectfill.SharedReferences(first, second))

	b.WithModelArtifacts(nil).WithAlgorithmSpecification(nil).WithResourceConfig(nil).WithStoppingCondition(nil)
	third := b.BuildUnchecked()
	assert.Nil(t, third.ModelArtifacts)
	assert.Nil(t, third.AlgorithmSpecification)
	assert.Nil(t, third.ResourceConfig)
	assert.Nil(t, third.StoppingCondition)
	b.WithInstances(types.TrainingInstanceTypeMlM5Large, 1).WithMaxRuntimeInSeconds(5)
	fourth := b.BuildUnchecked()
	assert.Equal(t, &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1)}, fourth.ResourceConfig,
		"WithInstances after removal starts from an empty ResourceConfig")
	assert.Equal(t, &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(5)}, fourth.StoppingCondition)
	assert.Equal(t, int32(4), *second.ResourceConfig.InstanceCount, "an earlier result is unchanged")
}

// A branch made with Clone shares nothing with its builder: every setter
// that changes storage in place (merging into a map, appending to a list,
// writing into a copied structure) changes one builder only.
func TestBuilderClone(t *testing.T) {
	var full tj.TrainingJob
	reflectfill.Fill(&full, 1)
	b := full.ToBuilder()
	branch := b.Clone()
	require.Equal(t, full, branch.BuildUnchecked(), "the branch starts from the builder's job")

	change := func(b *tj.Builder, v string, n int32) {
		b.WithHyperParameter("lr", v).
			WithEnvironmentVariable("MODE", v).
			WithTag("owner", v).
			WithInputChannel(types.Channel{ChannelName: aws.String(v)}).
			WithTransition(tj.SecondaryStatusTraining, base, time.Time{}, v).
			WithFinalMetric(v, float32(n), base).
			WithInstances(types.TrainingInstanceTypeMlP32xlarge, n).
			WithMaxRuntimeInSeconds(n).
			WithS3ModelArtifacts("s3://bucket/" + v)
	}
	change(branch, "branch", 2)
	assert.Equal(t, full, b.BuildUnchecked(), "changing the branch leaves the builder as it was")
	want := branch.BuildUnchecked()
	change(b, "builder", 3)
	assert.Equal(t, want, branch.BuildUnchecked(), "changing the builder leaves the branch as it was")
}

// The zero Builder is ready to use, like a builder from NewBuilder("").
func TestZeroBuilder(t *testing.T) {
	var b tj.Builder
	got := b.WithTrainingJobName("zero").
		WithHyperParameter("lr", "0.1").
		WithInputChannel(types.Channel{ChannelName: aws.String("train")}).
		WithS3ModelArtifacts("s3://bucket/model.tar.gz").
		BuildUnchecked()
	want := tj.NewBuilder("zero").
		WithHyperParameter("lr", "0.1").
		WithInputChannel(types.Channel{ChannelName: aws.String("train")}).
		WithS3ModelArtifacts("s3://bucket/model.tar.gz").
		BuildUnchecked()
	assert.Equal(t, want, got)

	var zero tj.Builder
	assert.Equal(t, tj.TrainingJob{}, zero.BuildUnchecked())
	assert.Equal(t, tj.TrainingJob{}, zero.Clone().BuildUnchecked())
	_, err := zero.Build()
	assert.ErrorIs(t, err, tj.ErrRequired, "a zero builder's job has no name")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", new(tj.Builder)), `&trainingjob.Builder{job:trainingjob.TrainingJob{TrainingJobName:"", `),
		"a zero builder prints as an empty job")
}

var timeType = reflect.TypeFor[time.Time]()

// Every setter that takes a time.Time, alone or inside a history entry,
// stores it without its monotonic clock reading, so that built times compare
// equal with ==.
func TestBuilderEveryTimeSetterDropsMonotonicClock(t *testing.T) {
	now := time.Now()
	wall := now.Round(0)
	require.False(t, now == wall, "time.Now carries a monotonic reading")
	later := now.Add(time.Minute)
	require.False(t, later == later.Round(0))
	entry := tj.SecondaryStatusTransition{Status: tj.SecondaryStatusTraining, StartTime: now, EndTime: later}

	jobTests := []struct {
		setter string
		set    func(*tj.Builder)
		got    func(tj.TrainingJob) []time.Time
		want   []time.Time
	}{
		{"WithCreationTime", func(b *tj.Builder) { b.WithCreationTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.CreationTime} }, []time.Time{wall}},
		{"WithTrainingStartTime", func(b *tj.Builder) { b.WithTrainingStartTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.TrainingStartTime} }, []time.Time{wall}},
		{"WithTrainingEndTime", func(b *tj.Builder) { b.WithTrainingEndTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.TrainingEndTime} }, []time.Time{wall}},
		{"WithLastModifiedTime", func(b *tj.Builder) { b.WithLastModifiedTime(now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{j.LastModifiedTime} }, []time.Time{wall}},
		{"WithTransition", func(b *tj.Builder) { b.WithTransition(tj.SecondaryStatusTraining, now, later, "") },
			entryTimes, []time.Time{wall, later.Round(0)}},
		{"WithSecondaryStatusTransition", func(b *tj.Builder) { b.WithSecondaryStatusTransition(entry) },
			entryTimes, []time.Time{wall, later.Round(0)}},
		{"WithSecondaryStatusTransitions", func(b *tj.Builder) { b.WithSecondaryStatusTransitions(entry, entry) },
			entryTimes, []time.Time{wall, later.Round(0), wall, later.Round(0)}},
		{"WithFinalMetric", func(b *tj.Builder) { b.WithFinalMetric("m", 1, now) },
			func(j tj.TrainingJob) []time.Time { return []time.Time{*j.FinalMetricDataList[0].Timestamp} }, []time.Time{wall}},
	}
	covered := map[string]bool{}
	for _, tt := range jobTests {
		covered[tt.setter] = true
		t.Run(tt.setter, func(t *testing.T) {
			b := tj.NewBuilder("job")
			tt.set(b)
			for _, job := range []tj.TrainingJob{b.BuildUnchecked(), b.BuildUnchecked()} {
				got := tt.got(job)
				require.Len(t, got, len(tt.want))
				for i := range got {
					assert.True(t, got[i] == tt.want[i], "time %d: %v, want %v without a monotonic reading", i, got[i], tt.want[i])
					assert.True(t, got[i].Equal(tt.want[i]), "the instant is kept")
				}
			}
		})
	}
	// Every Builder method taking a time.Time or a history entry is in the
	// table above.
	bt := reflect.TypeFor[*tj.Builder]()
	entryType := reflect.TypeFor[tj.SecondaryStatusTransition]()
	for i := 0; i < bt.NumMethod(); i++ {
		m := bt.Method(i)
		for k := 1; k < m.Type.NumIn(); k++ {
			in := m.Type.In(k)
			if in.Kind() == reflect.Slice {
				in = in.Elem()
			}
			if in == timeType || in == entryType {
				assert.True(t, covered[m.Name], "%s takes a time but has no case here", m.Name)
			}
		}
	}

	t.Run("TransitionBuilder", func(t *testing.T) {
		tr := tj.NewTransitionBuilder().WithStatus(tj.SecondaryStatusTraining).WithStartTime(now).WithEndTime(later).MustBuild()
		assert.True(t, tr.StartTime == wall, "WithStartTime")
		assert.True(t, tr.EndTime == later.Round(0), "WithEndTime")
		tr = entry.ToBuilder().WithStartTime(later).WithEndTime(later.Add(time.Second)).MustBuild()
		assert.True(t, tr.StartTime == later.Round(0), "WithStartTime after ToBuilder")
		assert.True(t, tr.EndTime == later.Add(time.Second).Round(0), "WithEndTime after ToBuilder")
		tr = tj.NewTransitionBuilder().WithStatus(tj.SecondaryStatusTraining).WithStartTime(now).WithEndTime(time.Time{}).MustBuild()
		assert.True(t, tr.EndTime.IsZero())
		assert.True(t, tr.IsOpen())
	})
	tt := reflect.TypeFor[*tj.TransitionBuilder]()
	for i := 0; i < tt.NumMethod(); i++ {
		m := tt.Method(i)
		for k := 1; k < m.Type.NumIn(); k++ {
			if m.Type.In(k) == timeType {
				assert.Contains(t, []string{"WithStartTime", "WithEndTime"}, m.Name, "TransitionBuilder.%s takes a time but has no case here", m.Name)
			}
		}
	}
}

func entryTimes(j tj.TrainingJob) []time.Time {
	var out []time.Time
	for _, e := range j.SecondaryStatusTransitions {
		out = append(out, e.StartTime, e.EndTime)
	}
	return out
}

// holdsReferences reports whether a value of type t can share memory with
// another: it holds a pointer, slice or map somewhere (time.Time aside).
func holdsReferences(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == timeType || seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Array:
		return holdsReferences(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && holdsReferences(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// mutateInPlace changes every exported scalar reachable from v through
// pointers, slices, arrays and maps, writing through them rather than
// replacing them, so that whoever shares that memory sees the change. v must
// be addressable. Maps also gain an entry.
func mutateInPlace(v reflect.Value) {
	if v.Type() == timeType {
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour + time.Millisecond)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutateInPlace(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.Elem().Kind() == reflect.Pointer {
			mutateInPlace(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			mutateInPlace(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutateInPlace(e)
			v.SetMapIndex(k, e)
		}
		if v.Type().Key().Kind() == reflect.String {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString("added-after-the-call")
			v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				mutateInPlace(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString(v.String() + "~changed")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() ^ 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() ^ 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	}
}

// Every setter copies what it is given, deeply: for each With* method that
// takes a pointer, slice or map (found by reflection, so a new setter is
// covered without a change here), the test fills the arguments, calls the
// setter, changes the arguments through every pointer, slice and map they
// hold, and checks that the builder did not see the change.
func TestBuilderEverySetterCopiesItsArguments(t *testing.T) {
	bt := reflect.TypeFor[*tj.Builder]()
	var tested []string
	for i := 0; i < bt.NumMethod(); i++ {
		m := bt.Method(i)
		if !strings.HasPrefix(m.Name, "With") {
			continue
		}
		refs := false
		for k := 1; k < m.Type.NumIn(); k++ {
			refs = refs || holdsReferences(m.Type.In(k), map[reflect.Type]bool{})
		}
		if !refs {
			continue
		}
		tested = append(tested, m.Name)
		t.Run(m.Name, func(t *testing.T) {
			for seed := int64(1); seed <= 2; seed++ {
				b := tj.NewBuilder("job")
				args := make([]reflect.Value, m.Type.NumIn()-1)
				for k := range args {
					p := reflect.New(m.Type.In(k + 1))
					reflectfill.Fill(p.Interface(), seed)
					require.Empty(t, reflectfill.ZeroFields(p.Interface()), "Fill sets every field of argument %d", k)
					args[k] = p.Elem()
				}
				method := reflect.ValueOf(b).MethodByName(m.Name)
				if m.Type.IsVariadic() {
					method.CallSlice(args)
				} else {
					method.Call(args)
				}
				before := b.BuildUnchecked()
				require.NotEqual(t, tj.NewBuilder("job").BuildUnchecked(), before, "the setter stored something")

				for _, a := range args {
					mutateInPlace(a)
				}
				assert.Equal(t, before, b.BuildUnchecked(), "changing the argument of %s changed the builder", m.Name)
			}
		})
	}
	// TransitionBuilder's setters take nothing that could be shared; a new
	// one that does needs a case here.
	trt := reflect.TypeFor[*tj.TransitionBuilder]()
	for i := 0; i < trt.NumMethod(); i++ {
		m := trt.Method(i)
		if !strings.HasPrefix(m.Name, "With") {
			continue
		}
		for k := 1; k < m.Type.NumIn(); k++ {
			assert.False(t, holdsReferences(m.Type.In(k), map[reflect.Type]bool{}), "TransitionBuilder.%s", m.Name)
		}
	}
	// The enumeration found the setters the review named, and more.
	for _, name := range []string{
		"WithVpcConfig", "WithStoppingCondition", "WithFinalMetricDataList", "WithOutputDataConfig", "WithResourceConfig",
		"WithCheckpointConfig", "WithDebugRuleConfigurations", "WithModelArtifacts", "WithExperimentConfig", "WithWarmPoolStatus",
		"WithHyperParameters", "WithEnvironment", "WithInputDataConfig", "WithInputChannel", "WithTags", "WithAlgorithmSpecification",
		"WithDebugHookConfig", "WithTensorBoardOutputConfig", "WithDebugRuleEvaluationStatuses", "WithProfilerConfig",
		"WithProfilerRuleConfigurations", "WithProfilerRuleEvaluationStatuses", "WithRetryStrategy", "WithRemoteDebugConfig",
		"WithInfraCheckConfig", "WithServerlessJobConfig", "WithMlflowConfig", "WithModelPackageConfig", "WithMlflowDetails",
		"WithProgressInfo",
	} {
		assert.Contains(t, tested, name)
	}
}
