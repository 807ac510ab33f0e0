package trainingjobtest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// The fake's ValidationException messages, word for word. The forms come
// from real responses quoted in public issues:
//
//   - https://github.com/zenml-io/zenml/issues/1502: a CreateTrainingJob
//     name breaking its pattern and its length, both listed, pattern first,
//     the pattern written with a leading ^.
//   - https://github.com/aws/sagemaker-python-sdk/issues/384: one
//     violation, "1 validation error detected: ".
//   - https://github.com/aws-samples/aws-sagemaker-heart-disease-prediction/issues/1:
//     'resourceConfig.instanceType' and "Member must satisfy enum value set".
//   - https://github.com/aws-samples/amazon-sagemaker-pytorch-detectron2/issues/10
//     and https://github.com/aws/sagemaker-xgboost-container/issues/120:
//     a hyperparameter value too long, "Map value must satisfy constraint:
//     [...]" with the value shape's three constraints. The service quotes
//     the whole map; the fake withholds it, as it never echoes
//     hyperparameters or environment variables.
//   - https://github.com/aws/sagemaker-python-sdk/pull/6016: more than 100
//     hyperparameters, "Member must have length less than or equal to 100".
//   - https://github.com/SWO-GS/auto-tag/issues/90: list members as
//     'tags.6.member.value'.
//   - https://github.com/Kenza-AI/sagify/issues/111: MaxWaitTimeInSeconds
//     without managed spot training.
//   - https://github.com/aws/sagemaker-python-sdk/pull/5564 and
//     https://github.com/aws/sagemaker-python-sdk/issues/5225: instance
//     groups.
func TestFakeValidationMessages(t *testing.T) {
	t.Parallel()
	longName := "basic-zenml-project-pipeline-2023-04-24-12-22-59-886794-step-show-sagemaker-s3-link"
	cases := []struct {
		name string
		edit func(in *sagemaker.CreateTrainingJobInput)
		want string
	}{
		{"bad name", func(in *sagemaker.CreateTrainingJobInput) { in.TrainingJobName = aws.String("bad_name") },
			"1 validation error detected: Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"},
		{"name too long and bad", func(in *sagemaker.CreateTrainingJobInput) { in.TrainingJobName = aws.String(longName) },
			"2 validation errors detected: Value '" + longName + "' at 'trainingJobName' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; Value '" + longName +
				"' at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal to 63"},
		{"required members missing", func(in *sagemaker.CreateTrainingJobInput) { in.RoleArn, in.OutputDataConfig = nil, nil },
			"2 validation errors detected: Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'roleArn' failed to satisfy constraint: Member must not be null"},
		{"role too short", func(in *sagemaker.CreateTrainingJobInput) { in.RoleArn = aws.String("arn:aws:iam::1:role") },
			"2 validation errors detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+; " +
				"Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"enum in a nested structure", func(in *sagemaker.CreateTrainingJobInput) { in.AlgorithmSpecification.TrainingInputMode = "Bogus" },
			"1 validation error detected: Value 'Bogus' at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: " +
				"Member must satisfy enum value set: [Pipe, File, FastFile]"},
		{"nested required member null", func(in *sagemaker.CreateTrainingJobInput) {
			in.AlgorithmSpecification.TrainingInputMode = ""
		},
			"1 validation error detected: Value null at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must not be null"},
		{"list member", func(in *sagemaker.CreateTrainingJobInput) {
			in.InputDataConfig = append(in.InputDataConfig, types.Channel{ChannelName: aws.String("bad name"),
				DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://b/p")}}})
		},
			"1 validation error detected: Value 'bad name' at 'inputDataConfig.2.member.channelName' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: [A-Za-z0-9\\.\\-_]+"},
		{"range", func(in *sagemaker.CreateTrainingJobInput) {
			in.StoppingCondition = &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(0)}
		},
			"1 validation error detected: Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: " +
				"Member must have value greater than or equal to 1"},
		{"map value too long", func(in *sagemaker.CreateTrainingJobInput) {
			in.HyperParameters = map[string]string{"epochs": "10", "classes": strings.Repeat("x", 2501)}
		},
			"1 validation error detected: Value at 'hyperParameters' " +
				"failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 2500, " +
				"Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: .*]"},
		{"map key", func(in *sagemaker.CreateTrainingJobInput) { in.Environment = map[string]string{"1BAD": "v"} },
			"1 validation error detected: Value at 'environment' failed to satisfy constraint: Map keys must satisfy constraint: " +
				"[Member must have length less than or equal to 512, Member must have length greater than or equal to 0, " +
				"Member must satisfy regular expression pattern: [a-zA-Z_][a-zA-Z0-9_]*]"},
		{"tag list member", func(in *sagemaker.CreateTrainingJobInput) {
			in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("ml")}, {Key: aws.String("owner"), Value: aws.String("a,b")}}
		},
			"1 validation error detected: Value 'a,b' at 'tags.2.member.value' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)"},
		{"list of strings", func(in *sagemaker.CreateTrainingJobInput) {
			in.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-1", "bad id"}, Subnets: []string{"subnet-1"}}
		},
			"1 validation error detected: Value '[sg-1, bad id]' at 'vpcConfig.securityGroupIds' failed to satisfy constraint: " +
				"Member must satisfy constraint: [Member must have length less than or equal to 32, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: [-0-9a-zA-Z]+]"},
		{"managed spot without a wait limit", func(in *sagemaker.CreateTrainingJobInput) {
			in.StoppingCondition = &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(3600), MaxWaitTimeInSeconds: aws.Int32(7200)}
		},
			"Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true"},
		{"instance groups with an instance type", func(in *sagemaker.CreateTrainingJobInput) {
			in.ResourceConfig.InstanceGroups = []types.InstanceGroup{{InstanceGroupName: aws.String("g1"), InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1)}}
		},
			"InstanceType or InstanceCount cannot be specified with InstanceGroups"},
		{"channels half assigned to instance groups", func(in *sagemaker.CreateTrainingJobInput) {
			in.ResourceConfig = &types.ResourceConfig{VolumeSizeInGB: aws.Int32(10), InstanceGroups: []types.InstanceGroup{
				{InstanceGroupName: aws.String("g1"), InstanceType: types.TrainingInstanceTypeMlM5Large, InstanceCount: aws.Int32(1)}}}
			in.InputDataConfig = []types.Channel{fkChannel("train", "g1"), fkChannel("code", ""), fkChannel("test", "g1")}
		},
			"Some channels have assigned instance groups: [train, test] while others not: [code]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := trainingjobtest.NewFake()
			in := fkRequest("messages")
			c.edit(in)
			_, err := f.CreateTrainingJob(context.Background(), in)
			assert.Equal(t, c.want, fkAPIError(t, err, trainingjobtest.CodeValidationException))
		})
	}
}

func fkChannel(name, group string) types.Channel {
	s3 := &types.S3DataSource{S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://b/" + name)}
	if group != "" {
		s3.InstanceGroupNames = []string{group}
	}
	return types.Channel{ChannelName: aws.String(name), DataSource: &types.DataSource{S3DataSource: s3}}
}

// The errors of calls the job's state or the service's names refuse, with
// the real messages: a name in use
// (https://github.com/aws/amazon-sagemaker-examples/pull/3108), a job not
// found (https://github.com/aws/amazon-sagemaker-examples/issues/2360,
// https://github.com/aws/aws-sdk/issues/165) and a stop of a job that is
// not InProgress (https://github.com/awslabs/benchmark-ai/issues/928).
func TestFakeStateErrorMessages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("Taken-Name"))
	_, err := f.CreateTrainingJob(ctx, fkRequest("taken-name"))
	assert.Equal(t, "Training job names must be unique within an AWS account and region, and a training job with this name "+
		"already exists (arn:aws:sagemaker:us-east-1:123456789012:training-job/taken-name)",
		fkAPIError(t, err, trainingjobtest.CodeResourceInUse))

	name := aws.String("taken-name")
	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: name})
	assert.Equal(t, "The request was rejected because the training job is in status InProgress.",
		fkAPIError(t, err, trainingjobtest.CodeValidationException))

	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: name})
	assert.Contains(t, fkAPIError(t, err, trainingjobtest.CodeValidationException), "does not update anything")
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: name, ResourceConfig: &types.ResourceConfigForUpdate{}})
	assert.Equal(t, "1 validation error detected: Value null at 'resourceConfig.keepAlivePeriodInSeconds' failed to satisfy constraint: Member must not be null",
		fkAPIError(t, err, trainingjobtest.CodeValidationException))
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: name,
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(21601)}})
	assert.Equal(t, "1 validation error detected: Value '21601' at 'resourceConfig.keepAlivePeriodInSeconds' failed to satisfy constraint: "+
		"Member must have value less than or equal to 21600", fkAPIError(t, err, trainingjobtest.CodeValidationException))

	_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: name})
	require.NoError(t, err)
	f.Advance(time.Hour)
	_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: name})
	assert.Equal(t, "The request was rejected because the training job is in status Stopped.",
		fkAPIError(t, err, trainingjobtest.CodeValidationException))
	_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: name,
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(60)}})
	assert.Equal(t, "The request was rejected because the training job is in status Stopped.",
		fkAPIError(t, err, trainingjobtest.CodeValidationException))

	for op, call := range fkNameOps(ctx, f) {
		assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, call(aws.String("no-such-job")), trainingjobtest.CodeValidationException), op)
		assert.Equal(t, "1 validation error detected: Value null at 'trainingJobName' failed to satisfy constraint: Member must not be null",
			fkAPIError(t, call(nil), trainingjobtest.CodeValidationException), op)
		assert.Equal(t, "1 validation error detected: Value 'a_b' at 'trainingJobName' failed to satisfy constraint: "+
			"Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
			fkAPIError(t, call(aws.String("a_b")), trainingjobtest.CodeValidationException), op)
	}
}
