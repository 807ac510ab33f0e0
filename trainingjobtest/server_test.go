package trainingjobtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// svSDKClient builds aws-sdk-go-v2's client by hand, as a user would:
// BaseEndpoint at the server, fixed (dummy) static keys, no retries, the
// server's HTTP client wrapped by BufferedClient.
func svSDKClient(srv *trainingjobtest.Server) *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{
		BaseEndpoint: aws.String(srv.URL),
		Region:       "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDFAKESERVER", SecretAccessKey: "fake-secret", Source: "test"}, nil
		}),
		RetryMaxAttempts: 1,
		Retryer:          aws.NopRetryer{},
		HTTPClient:       trainingjobtest.BufferedClient(srv.Client()),
	})
}

// advanceWhile advances the fake's clock by step every tick until the
// returned function is called.
func svAdvanceWhile(f *trainingjobtest.Fake, step time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case <-time.After(500 * time.Microsecond):
				f.Advance(step)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// aws-sdk-go-v2's client drives the fake over HTTP through every
// operation, its paginator and its waiter, and reads exactly what the fake
// holds.
func TestServerWithSDKClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("sdk-fails",
		trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailureReason: "ClientError: bad input"}))
	srv := trainingjobtest.NewServer(f)
	defer srv.Close()
	c := svSDKClient(srv)

	in := fkSpot(fkRequest("SDK-Job"), 3600, 7200)
	in.VpcConfig = &types.VpcConfig{SecurityGroupIds: []string{"sg-0123456789abcdef0"}, Subnets: []string{"subnet-0123456789abcdef0"}}
	in.Environment = map[string]string{"A": "1"}
	in.SessionChainingConfig = &types.SessionChainingConfig{EnableSessionTagChaining: aws.Bool(true)}
	in.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	out, err := c.CreateTrainingJob(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sagemaker:us-east-1:123456789012:training-job/sdk-job", aws.ToString(out.TrainingJobArn))
	recorded := f.Calls()[0].Input.(*sagemaker.CreateTrainingJobInput)
	assert.Equal(t, in.Tags, recorded.Tags, "the request's members arrive whole")
	assert.Equal(t, in.VpcConfig, recorded.VpcConfig)
	assert.True(t, aws.ToBool(recorded.SessionChainingConfig.EnableSessionTagChaining))

	// What the SDK decodes from the wire equals what the fake holds, at
	// every step, with times that are not whole seconds too.
	for i := 0; i < 40; i++ {
		httpOut, err := c.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("SDK-Job")})
		require.NoError(t, err)
		direct, err := f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("SDK-Job")})
		require.NoError(t, err)
		got, want := trainingjob.FromDescribeOutput(httpOut), trainingjob.FromDescribeOutput(direct)
		require.NoError(t, got.Validate(trainingjob.Strict()))
		assert.Equal(t, want, got, "describe at %s", f.Now())
		f.Advance(time.Minute + 125*time.Millisecond)
	}

	// Paging with the SDK's paginator.
	for i := 0; i < 4; i++ {
		_, err := c.CreateTrainingJob(ctx, fkRequest(fmt.Sprintf("sdk-page-%d", i)))
		require.NoError(t, err)
		f.Advance(time.Second)
	}
	p := sagemaker.NewListTrainingJobsPaginator(c, &sagemaker.ListTrainingJobsInput{NameContains: aws.String("sdk-page"), SortBy: types.SortByName, SortOrder: types.SortOrderAscending},
		func(o *sagemaker.ListTrainingJobsPaginatorOptions) { o.Limit = 3 })
	var names []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, s := range page.TrainingJobSummaries {
			names = append(names, aws.ToString(s.TrainingJobName))
			assert.Equal(t, types.TrainingJobStatusInProgress, s.TrainingJobStatus)
			assert.False(t, aws.ToTime(s.CreationTime).IsZero())
		}
	}
	assert.Equal(t, []string{"sdk-page-0", "sdk-page-1", "sdk-page-2", "sdk-page-3"}, names)
	listed, err := c.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{CreationTimeAfter: aws.Time(trainingjobtest.DefaultFakeStart().Add(time.Millisecond))})
	require.NoError(t, err)
	assert.Len(t, listed.TrainingJobSummaries, 4, "the SDK's timestamp filter arrives intact")

	// Update, stop, delete.
	_, err = c.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("sdk-page-0"),
		ProfilerRuleConfigurations: []types.ProfilerRuleConfiguration{{RuleConfigurationName: aws.String("CPUBottleneck"),
			RuleEvaluatorImage: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/rules:1"), RuleParameters: map[string]string{"threshold": "90"}}},
		ProfilerConfig: &types.ProfilerConfigForUpdate{ProfilingIntervalInMilliseconds: aws.Int64(100)},
		ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(300)}})
	require.NoError(t, err)
	updated := fkDescribe(t, f, "sdk-page-0")
	require.Len(t, updated.ProfilerRuleConfigurations, 1)
	assert.Equal(t, "90", updated.ProfilerRuleConfigurations[0].RuleParameters["threshold"])
	assert.Equal(t, int64(100), aws.ToInt64(updated.ProfilerConfig.ProfilingIntervalInMilliseconds))
	assert.Equal(t, int32(300), aws.ToInt32(updated.ResourceConfig.KeepAlivePeriodInSeconds))

	_, err = c.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	require.NoError(t, err)
	stopping, err := c.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusStopping, stopping.TrainingJobStatus)
	assert.Equal(t, types.SecondaryStatusStopping, stopping.SecondaryStatus)
	f.Advance(time.Minute)
	_, err = c.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	var apiErr smithy.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, trainingjobtest.CodeValidationException, apiErr.ErrorCode())
	assert.Contains(t, apiErr.ErrorMessage(), "Stopped")

	_, err = c.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	require.NoError(t, err)
	deleting, err := c.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusDeleting, deleting.TrainingJobStatus)
	assert.Equal(t, types.SecondaryStatusStopped, deleting.SecondaryStatus)
	deletingJob := trainingjob.FromDescribeOutput(deleting)
	require.NoError(t, deletingJob.Validate(trainingjob.Strict()))
	f.Advance(trainingjobtest.DefaultDeletingFor)
	_, err = c.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("sdk-page-0")})
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, trainingjobtest.CodeValidationException, apiErr.ErrorCode())
	assert.Equal(t, trainingjobtest.NotFoundMessage, apiErr.ErrorMessage())

	// A name in use is the SDK's modelled ResourceInUse.
	_, err = c.CreateTrainingJob(ctx, fkRequest("sdk-page-1"))
	var inUse *types.ResourceInUse
	require.True(t, errors.As(err, &inUse), "%v (%T)", err, err)
	assert.Equal(t, trainingjobtest.CodeResourceInUse, inUse.ErrorCode())
	assert.Contains(t, inUse.ErrorMessage(), "sdk-page-1")

	// The waiter runs to completion while the clock moves, and reports a
	// failed job as the waiter's failure.
	stop := svAdvanceWhile(f, time.Minute)
	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(c, func(o *sagemaker.TrainingJobCompletedOrStoppedWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, 5*time.Millisecond
	})
	final, err := w.WaitForOutput(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("sdk-page-2")}, 30*time.Second)
	require.NoError(t, err)
	assert.Equal(t, types.TrainingJobStatusCompleted, final.TrainingJobStatus)
	assert.Equal(t, "s3://fake-bucket/models/sdk-page-2/output/model.tar.gz", aws.ToString(final.ModelArtifacts.S3ModelArtifacts))
	_, err = c.CreateTrainingJob(ctx, fkRequest("sdk-fails"))
	require.NoError(t, err)
	err = w.Wait(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("sdk-fails")}, 30*time.Second)
	stop()
	require.Error(t, err)
	failed := fkDescribe(t, f, "sdk-fails")
	assert.Equal(t, "ClientError: bad input", failed.FailureReason)
}

// svPost sends a raw request and returns the status, the headers and the
// body decoded as JSON.
func svPost(t *testing.T, url, method, target, contentType string, body io.Reader) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var doc map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	require.NoError(t, d.Decode(&doc), "response body %q", data)
	return resp.StatusCode, resp.Header, doc
}

// The server speaks the protocol and answers what breaks it as the service
// would.
func TestServerProtocol(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	srv := trainingjobtest.NewServer(f, trainingjobtest.WithMaxRequestBytes(4096))
	defer srv.Close()
	const ct = "application/x-amz-json-1.1"
	fkCreate(t, f, fkRequest("wire-job"))

	status, h, doc := svPost(t, srv.URL, http.MethodPost, "SageMaker.DescribeTrainingJob", ct, strings.NewReader(`{"TrainingJobName":"wire-job"}`))
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, ct, h.Get("Content-Type"))
	assert.NotEmpty(t, h.Get("X-Amzn-RequestId"))
	assert.Equal(t, json.Number("1709294400"), doc["CreationTime"], "timestamps are epoch seconds")
	assert.Equal(t, "InProgress", doc["TrainingJobStatus"])

	status, _, doc = svPost(t, srv.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct, strings.NewReader(`{"MaxResults":1}`))
	assert.Equal(t, http.StatusOK, status)
	sums := doc["TrainingJobSummaries"].([]any)
	require.Len(t, sums, 1)
	assert.Equal(t, json.Number("1709294400"), sums[0].(map[string]any)["CreationTime"])
	assert.NotContains(t, doc, "NextToken")

	f.Advance(1500 * time.Millisecond)
	status, _, doc = svPost(t, srv.URL, http.MethodPost, "SageMaker.StopTrainingJob", ct, strings.NewReader(`{"TrainingJobName":"wire-job"}`))
	assert.Equal(t, http.StatusOK, status)
	assert.Empty(t, doc)
	_, _, doc = svPost(t, srv.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct, strings.NewReader(`{}`))
	assert.Equal(t, json.Number("1709294401.5"), doc["TrainingJobSummaries"].([]any)[0].(map[string]any)["LastModifiedTime"])

	// Every form of timestamp a client may send in a filter.
	for _, form := range []string{`1709294400`, `1709294400.0`, `1.7092944E9`, `"1709294400"`, `"2024-03-01T12:00:00Z"`, `"2024-03-01T13:00:00+01:00"`} {
		status, _, doc := svPost(t, srv.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct,
			strings.NewReader(`{"CreationTimeBefore":`+form+`,"CreationTimeAfter":1709294399.999}`))
		require.Equal(t, http.StatusOK, status, form)
		assert.Empty(t, doc["TrainingJobSummaries"], "strictly before %s", form)
		_, _, doc = svPost(t, srv.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct, strings.NewReader(`{"LastModifiedTimeAfter":`+form+`}`))
		assert.Len(t, doc["TrainingJobSummaries"], 1, "modified after %s", form)
	}

	cases := []struct {
		name, method, target, contentType, body string
		status                                  int
		code, message                           string
	}{
		{"not found", "POST", "SageMaker.DescribeTrainingJob", ct, `{"TrainingJobName":"nope"}`, 400, "ValidationException", trainingjobtest.NotFoundMessage},
		{"in use", "POST", "SageMaker.CreateTrainingJob", ct,
			`{"TrainingJobName":"wire-job","RoleArn":"arn:aws:iam::123456789012:role/R","OutputDataConfig":{"S3OutputPath":"s3://b/o"}}`, 400, "ResourceInUse", "wire-job"},
		{"invalid create", "POST", "SageMaker.CreateTrainingJob", ct, `{"TrainingJobName":"x"}`, 400, "ValidationException", "2 validation errors detected"},
		{"GET", "GET", "SageMaker.DescribeTrainingJob", ct, ``, 405, "UnknownOperationException", "POST"},
		{"no target", "POST", "", ct, `{}`, 400, "UnknownOperationException", "X-Amz-Target"},
		{"other service", "POST", "DynamoDB_20120810.ListTables", ct, `{}`, 400, "UnknownOperationException", "DynamoDB_20120810.ListTables"},
		{"other operation", "POST", "SageMaker.CreateEndpoint", ct, `{}`, 400, "UnknownOperationException", "CreateEndpoint"},
		{"no content type", "POST", "SageMaker.ListTrainingJobs", "", `{}`, 415, "UnsupportedMediaTypeException", "application/x-amz-json-1.1"},
		{"JSON 1.0", "POST", "SageMaker.ListTrainingJobs", "application/x-amz-json-1.0", `{}`, 415, "UnsupportedMediaTypeException", "x-amz-json-1.0"},
		{"not JSON", "POST", "SageMaker.ListTrainingJobs", ct, `MaxResults=1`, 400, "SerializationException", "JSON"},
		{"JSON array", "POST", "SageMaker.ListTrainingJobs", ct, `[1]`, 400, "SerializationException", "JSON object"},
		{"wrong type", "POST", "SageMaker.DescribeTrainingJob", ct, `{"TrainingJobName":5}`, 400, "SerializationException", "TrainingJobName"},
		{"wrong type in create", "POST", "SageMaker.CreateTrainingJob", ct, `{"TrainingJobName":"t","HyperParameters":[]}`, 400, "SerializationException", "HyperParameters"},
		{"bad time", "POST", "SageMaker.ListTrainingJobs", ct, `{"CreationTimeAfter":"yesterday"}`, 400, "SerializationException", "CreationTimeAfter"},
		{"too large", "POST", "SageMaker.ListTrainingJobs", ct, `{"NameContains":"` + strings.Repeat("a", 5000) + `"}`, 413, "RequestEntityTooLargeException", "4096 bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, h, doc := svPost(t, srv.URL, c.method, c.target, c.contentType, strings.NewReader(c.body))
			assert.Equal(t, c.status, status)
			assert.Equal(t, c.code, doc["__type"])
			assert.Contains(t, doc["message"], c.message)
			assert.Equal(t, c.code, h.Get("X-Amzn-ErrorType"))
			assert.Equal(t, ct, h.Get("Content-Type"))
			if c.status == http.StatusMethodNotAllowed {
				assert.Equal(t, "POST", h.Get("Allow"))
			}
		})
	}

	// A body without a Content-Length is cut off at the limit too.
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte(`{"NameContains":"` + strings.Repeat("b", 10000) + `"}`))
		pw.Close()
	}()
	status, _, doc = svPost(t, srv.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct, pr)
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	assert.Equal(t, "RequestEntityTooLargeException", doc["__type"])

	// The default limit is 1 MiB.
	big := trainingjobtest.NewServer(f)
	defer big.Close()
	status, _, doc = svPost(t, big.URL, http.MethodPost, "SageMaker.ListTrainingJobs", ct,
		strings.NewReader(`{"NameContains":"`+strings.Repeat("c", trainingjobtest.DefaultMaxRequestBytes)+`"}`))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	assert.Contains(t, doc["message"], "1048576")
}

// The server listens on loopback unless told otherwise, and Handler serves
// the same protocol from any server.
func TestServerListensOnLoopback(t *testing.T) {
	t.Parallel()
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	addr, ok := srv.Listener.Addr().(*net.TCPAddr)
	require.True(t, ok)
	assert.True(t, addr.IP.IsLoopback(), "listening on %s", addr)
	assert.NotNil(t, srv.Fake)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	free := l.Addr().String()
	require.NoError(t, l.Close())
	fixed := trainingjobtest.NewServer(nil, trainingjobtest.WithListenAddress(free))
	defer fixed.Close()
	assert.Equal(t, "http://"+free, fixed.URL)
	_, err = fixed.SDKClient().ListTrainingJobs(context.Background(), &sagemaker.ListTrainingJobsInput{})
	assert.NoError(t, err)

	f := trainingjobtest.NewFake()
	plain := httptest.NewServer(trainingjobtest.Handler(f))
	defer plain.Close()
	c := sagemaker.New(sagemaker.Options{BaseEndpoint: aws.String(plain.URL + "/prefix"), Region: "eu-central-1",
		Credentials: aws.AnonymousCredentials{}, Retryer: aws.NopRetryer{}})
	_, err = c.CreateTrainingJob(context.Background(), fkRequest("via-handler"))
	require.NoError(t, err)
	assert.Equal(t, trainingjob.StatusInProgress, fkDescribe(t, f, "via-handler").TrainingJobStatus)
}

// ---------------------------------------------------------------------------
// The AWS CLI and boto3, run isolated from the machine's AWS setup.

// svIsolatedEnv returns the environment for an AWS tool: none of the
// caller's AWS_* variables, a configuration file of its own with one
// attempt and no retries, no credentials file, no instance metadata, no
// pager, UTC.
func svIsolatedEnv(t *testing.T) (env []string, dir string) {
	t.Helper()
	dir = t.TempDir()
	cfg := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(cfg, []byte("[default]\nregion = us-east-1\nmax_attempts = 1\nretry_mode = standard\n"), 0o600))
	creds := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(creds, nil, 0o600))
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "TZ=") || strings.HasPrefix(kv, "PYTHON") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "AWS_CONFIG_FILE="+cfg, "AWS_SHARED_CREDENTIALS_FILE="+creds,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "TZ=UTC0")
	return env, dir
}

// svAWS runs `aws <args> --endpoint-url url` unsigned, with a timeout, and
// returns its output; err is the exit error.
func svAWS(t *testing.T, url string, args ...string) (stdout []byte, stderr string, err error) {
	t.Helper()
	bin, lookErr := exec.LookPath("aws")
	if lookErr != nil {
		t.Skipf("skipping: the AWS CLI (aws) is not on PATH: %v", lookErr)
	}
	env, dir := svIsolatedEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args = append(args, "--endpoint-url", url, "--region", "us-east-1", "--no-sign-request", "--output", "json",
		"--cli-read-timeout", "20", "--cli-connect-timeout", "5")
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Dir = env, dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.String(), err
}

func svMustAWS(t *testing.T, url string, args ...string) []byte {
	t.Helper()
	out, stderr, err := svAWS(t, url, args...)
	require.NoError(t, err, "aws %s\nstderr:\n%s", strings.Join(args, " "), stderr)
	return out
}

func svJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	require.NoError(t, d.Decode(&doc), "output %q", data)
	return doc
}

// svCLIJobRequest is the request `aws sagemaker create-training-job` sends
// in TestServerWithAWSCLI.
func svCLIJobRequest() *sagemaker.CreateTrainingJobInput {
	return &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String("CLI-Job"),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/CliRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/cli:1"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		InputDataConfig: []types.Channel{{
			ChannelName: aws.String("train"),
			DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
				S3DataType: types.S3DataTypeS3Prefix, S3Uri: aws.String("s3://cli-bucket/train/"),
			}},
		}},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://cli-bucket/out")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Xlarge, InstanceCount: aws.Int32(1), VolumeSizeInGB: aws.Int32(20)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(7200)},
		HyperParameters:   map[string]string{"epochs": "3", "lr": "0.1"},
	}
}

// The AWS CLI creates, describes, lists (following NextToken page by page)
// and stops jobs on the fake, and what it prints is what the fake holds.
//
// Each run of the CLI costs about a second of CPU, so by default the CLI
// only describes (its output, read back with Unmarshal) and lists page by
// page (its paginator); the fake itself creates and stops the jobs, with
// the request the CLI would send. TestExternalClients drives every
// operation and its errors through the CLI's own code in one process
// (and through boto3), and TRAININGJOB_ALL_ORACLES=1 has the aws command
// here create, stop and fail too.
func TestServerWithAWSCLI(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skipf("skipping: the AWS CLI (aws) is not on PATH: %v", err)
	}
	f := trainingjobtest.NewFake()
	srv := trainingjobtest.NewServer(f)
	defer srv.Close()

	if testenv.AllOracles() {
		out := svMustAWS(t, srv.URL, "sagemaker", "create-training-job",
			"--training-job-name", "CLI-Job",
			"--role-arn", "arn:aws:iam::123456789012:role/CliRole",
			"--algorithm-specification", "TrainingImage=123456789012.dkr.ecr.us-east-1.amazonaws.com/cli:1,TrainingInputMode=File",
			"--input-data-config", `[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://cli-bucket/train/"}}}]`,
			"--output-data-config", "S3OutputPath=s3://cli-bucket/out",
			"--resource-config", "InstanceType=ml.m5.xlarge,InstanceCount=1,VolumeSizeInGB=20",
			"--stopping-condition", "MaxRuntimeInSeconds=7200",
			"--hyper-parameters", "epochs=3,lr=0.1")
		assert.Equal(t, "arn:aws:sagemaker:us-east-1:123456789012:training-job/cli-job", svJSON(t, out)["TrainingJobArn"])
		created := f.Calls()[0].Input.(*sagemaker.CreateTrainingJobInput)
		assert.Equal(t, map[string]string{"epochs": "3", "lr": "0.1"}, created.HyperParameters)
		assert.Equal(t, int32(20), aws.ToInt32(created.ResourceConfig.VolumeSizeInGB))
		assert.Equal(t, svCLIJobRequest(), created, "the default run creates the job the CLI creates")
	} else {
		fkCreate(t, f, svCLIJobRequest())
	}

	f.Advance(5 * time.Minute)
	out := svMustAWS(t, srv.URL, "sagemaker", "describe-training-job", "--training-job-name", "CLI-Job")
	doc := svJSON(t, out)
	assert.Equal(t, "InProgress", doc["TrainingJobStatus"])
	assert.Equal(t, "Training", doc["SecondaryStatus"])
	assert.Equal(t, json.Number("1709294400"), doc["CreationTime"], "CLI v1 prints the wire's epoch seconds")
	assert.Equal(t, map[string]any{"epochs": "3", "lr": "0.1"}, doc["HyperParameters"])
	assert.Len(t, doc["SecondaryStatusTransitions"], 3)
	var printed trainingjob.TrainingJob
	require.NoError(t, trainingjob.Unmarshal(out, &printed))
	require.NoError(t, printed.Validate(trainingjob.Strict()), "what the CLI prints is a strictly valid job")
	assert.Equal(t, fkDescribe(t, f, "CLI-Job"), printed)

	for _, n := range []string{"cli-b", "cli-c", "cli-d"} {
		fkCreate(t, f, fkRequest(n))
	}
	if testenv.AllOracles() {
		out = svMustAWS(t, srv.URL, "sagemaker", "stop-training-job", "--training-job-name", "CLI-Job")
		assert.Empty(t, bytes.TrimSpace(out))
	} else {
		_, err := f.StopTrainingJob(context.Background(), &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("CLI-Job")})
		require.NoError(t, err)
	}
	assert.Equal(t, trainingjob.StatusStopping, fkDescribe(t, f, "CLI-Job").TrainingJobStatus)

	f.ResetCalls()
	out = svMustAWS(t, srv.URL, "sagemaker", "list-training-jobs", "--status-equals", "InProgress",
		"--sort-by", "Name", "--sort-order", "Descending", "--page-size", "1")
	var names []string
	for _, s := range svJSON(t, out)["TrainingJobSummaries"].([]any) {
		sum := s.(map[string]any)
		names = append(names, sum["TrainingJobName"].(string))
		assert.Equal(t, "InProgress", sum["TrainingJobStatus"])
		assert.Equal(t, "Starting", sum["SecondaryStatus"])
	}
	assert.Equal(t, []string{"cli-d", "cli-c", "cli-b"}, names)
	var tokens int
	for _, c := range f.Calls() {
		if in := c.Input.(*sagemaker.ListTrainingJobsInput); aws.ToString(in.NextToken) != "" {
			tokens++
			assert.Equal(t, int32(1), aws.ToInt32(in.MaxResults))
		}
	}
	assert.GreaterOrEqual(t, tokens, 2, "the CLI followed NextToken from page to page")

	if !testenv.AllOracles() {
		return // the CLI's error path runs in the full run; boto3 reads the same error responses
	}
	_, stderr, err := svAWS(t, srv.URL, "sagemaker", "describe-training-job", "--training-job-name", "cli-missing")
	require.Error(t, err)
	assert.Contains(t, stderr, "(ValidationException)")
	assert.Contains(t, stderr, trainingjobtest.NotFoundMessage)
}
