package trainingjob_test

// Benchmarks for issue 8, measured side by side with aws-sdk-go-v2 and
// encoding/json. scripts/bench.sh runs them with -count 10 and prints the
// benchstat comparison; docs/performance.md holds one run.
//
// Sub-benchmark names carry key=value parts (body=, impl=, entries=,
// strength=) so that benchstat can put the implementations side by side:
// benchstat -col /impl.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/schemas"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	tj "github.com/trainingjob-go/trainingjob"
)

// Sinks keep the compiler from discarding the benchmarked work, and make the
// decoded values escape to the heap as they would in real use.
var (
	benchSinkJob      *tj.TrainingJob
	benchSinkJobValue tj.TrainingJob
	benchSinkSDKOut   *sagemaker.DescribeTrainingJobOutput
	benchSinkSDKJob   *types.TrainingJob
	benchSinkMirror   *benchMirrorJob
	benchSinkErr      error
	benchSinkTimeline tj.Timeline
)

// benchBodies are the two realistic DescribeTrainingJob responses: a small
// one (about 6 KB) and a large one (1,000 history entries, 40 metric
// definitions and 40 final metrics, about 145 KB). Both are valid.
var benchBodies = []struct{ name, path string }{
	{"small", filepath.Join("testdata", "describe", "completed.json")},
	{"large", filepath.Join("testdata", "large", "describe-large.json")},
}

func benchRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func benchJob(tb testing.TB, path string) tj.TrainingJob {
	tb.Helper()
	var job tj.TrainingJob
	if err := tj.Unmarshal(benchRead(tb, path), &job); err != nil {
		tb.Fatal(err)
	}
	return job
}

// The SDK's own decoding, reached two ways.
//
// aws-sdk-go-v2's sagemaker v1.286.1 no longer has a generated
// deserializers.go: it decodes with smithy-go's schema-driven awsJson 1.1
// protocol (smithy-go/transport/http/protocol/awsjson), which the client's
// OperationDeserializer middleware calls as
// Options.Protocol.DeserializeResponse(ctx, operationSchema, TypeRegistry,
// response, output). Every piece of that call is exported: the protocol
// value (taken here from a real client's Options, so it is exactly the
// client's), the operation schema built from the exported schemas package
// the way api_op_DescribeTrainingJob.go builds it, sagemaker.TypeRegistry,
// and a *smithyhttp.Response. So "sdk" below is the SDK's protocol
// deserializer itself, with nothing around it: no middleware stack, no
// endpoint resolution, no signing, no retries. The only work beyond the bare
// shape deserializer (out.Deserialize over smithy-go's internal JSON
// decoder, which is unexported) is reading the body into a pooled buffer,
// one memcpy of the document. That is the most direct route short of
// copying SDK code.
//
// "sdk-client" is the whole sagemaker.Client: DescribeTrainingJob through
// the full middleware stack, answered by an in-memory HTTPClient that
// returns the bytes, with anonymous credentials and no retries.

func benchSDKOperation() *smithy.OperationSchema {
	return smithy.NewOperationSchema(schemas.DescribeTrainingJob, schemas.DescribeTrainingJobRequest, schemas.DescribeTrainingJobResponse)
}

// benchSDKDecoder decodes one body with the SDK's protocol deserializer.
type benchSDKDecoder struct {
	proto smithyhttp.ClientProtocol
	op    *smithy.OperationSchema
	body  *bytes.Reader
	resp  *smithyhttp.Response
}

func newBenchSDKDecoder() *benchSDKDecoder {
	client := sagemaker.New(sagemaker.Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}})
	d := &benchSDKDecoder{proto: client.Options().Protocol, op: benchSDKOperation(), body: bytes.NewReader(nil)}
	d.resp = &smithyhttp.Response{Response: &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/x-amz-json-1.1"}},
		Body:       io.NopCloser(d.body),
	}}
	return d
}

func (d *benchSDKDecoder) decode(data []byte) (*sagemaker.DescribeTrainingJobOutput, error) {
	d.body.Reset(data)
	out := &sagemaker.DescribeTrainingJobOutput{}
	err := d.proto.DeserializeResponse(context.Background(), d.op, sagemaker.TypeRegistry, d.resp, out)
	return out, err
}

// benchHTTPClient answers every request with the same body, from memory.
type benchHTTPClient struct{ body []byte }

func (c *benchHTTPClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		Status:     "200 OK",
		StatusCode: http.StatusOK,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":     {"application/x-amz-json-1.1"},
			"X-Amzn-Requestid": {"00000000-0000-0000-0000-000000000000"},
		},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       req,
	}, nil
}

func newBenchSDKClient(body []byte) *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String("https://sagemaker.us-east-1.amazonaws.com"),
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		Retryer:          aws.NopRetryer{},
		HTTPClient:       &benchHTTPClient{body: body},
	})
}

// benchMirrorJob mirrors the DescribeTrainingJob response for encoding/json
// the way a hand-written client would: pointer fields, float64 epoch
// seconds for timestamps, every member the samples use and the common
// others.
type benchMirrorJob struct {
	TrainingJobName                       *string
	TrainingJobArn                        *string
	TuningJobArn                          *string
	LabelingJobArn                        *string
	AutoMLJobArn                          *string
	ModelArtifacts                        *struct{ S3ModelArtifacts *string }
	TrainingJobStatus                     *string
	SecondaryStatus                       *string
	FailureReason                         *string
	HyperParameters                       map[string]string
	AlgorithmSpecification                *benchMirrorAlgorithm
	RoleArn                               *string
	InputDataConfig                       []benchMirrorChannel
	OutputDataConfig                      *benchMirrorOutput
	ResourceConfig                        *benchMirrorResources
	VpcConfig                             *struct{ SecurityGroupIds, Subnets []string }
	StoppingCondition                     *benchMirrorStopping
	CreationTime                          *float64
	TrainingStartTime                     *float64
	TrainingEndTime                       *float64
	LastModifiedTime                      *float64
	SecondaryStatusTransitions            []benchMirrorTransition
	FinalMetricDataList                   []benchMirrorMetric
	EnableNetworkIsolation                *bool
	EnableInterContainerTrafficEncryption *bool
	EnableManagedSpotTraining             *bool
	CheckpointConfig                      *struct{ S3Uri, LocalPath *string }
	TrainingTimeInSeconds                 *int32
	BillableTimeInSeconds                 *int32
	BillableTokenCount                    *int64
	DebugHookConfig                       *benchMirrorDebugHook
	DebugRuleConfigurations               []benchMirrorRule
	DebugRuleEvaluationStatuses           []benchMirrorRuleStatus
	TensorBoardOutputConfig               *struct{ S3OutputPath, LocalPath *string }
	ProfilerConfig                        *benchMirrorProfiler
	ProfilerRuleConfigurations            []benchMirrorRule
	ProfilerRuleEvaluationStatuses        []benchMirrorRuleStatus
	ProfilingStatus                       *string
	Environment                           map[string]string
	RetryStrategy                         *struct{ MaximumRetryAttempts *int32 }
	OutputModelPackageArn                 *string
}

type benchMirrorAlgorithm struct {
	TrainingImage                    *string
	AlgorithmName                    *string
	TrainingInputMode                *string
	MetricDefinitions                []struct{ Name, Regex *string }
	EnableSageMakerMetricsTimeSeries *bool
	ContainerEntrypoint              []string
	ContainerArguments               []string
}

type benchMirrorChannel struct {
	ChannelName *string
	DataSource  *struct {
		S3DataSource *struct {
			S3DataType             *string
			S3Uri                  *string
			S3DataDistributionType *string
			AttributeNames         []string
			InstanceGroupNames     []string
		}
	}
	ContentType       *string
	CompressionType   *string
	RecordWrapperType *string
	InputMode         *string
}

type benchMirrorOutput struct {
	KmsKeyId        *string
	S3OutputPath    *string
	CompressionType *string
}

type benchMirrorResources struct {
	InstanceType           *string
	InstanceCount          *int32
	VolumeSizeInGB         *int32
	VolumeKmsKeyId         *string
	KeepAlivePeriodInSecon *int32 `json:"KeepAlivePeriodInSeconds"`
}

type benchMirrorStopping struct {
	MaxRuntimeInSeconds  *int32
	MaxWaitTimeInSeconds *int32
	MaxPendingTimeInSecs *int32 `json:"MaxPendingTimeInSeconds"`
}

type benchMirrorTransition struct {
	Status        *string
	StartTime     *float64
	EndTime       *float64
	StatusMessage *string
}

type benchMirrorMetric struct {
	MetricName *string
	Value      *float32
	Timestamp  *float64
}

type benchMirrorDebugHook struct {
	LocalPath                *string
	S3OutputPath             *string
	HookParameters           map[string]string
	CollectionConfigurations []struct {
		CollectionName       *string
		CollectionParameters map[string]string
	}
}

type benchMirrorRule struct {
	RuleConfigurationName *string
	LocalPath             *string
	S3OutputPath          *string
	RuleEvaluatorImage    *string
	InstanceType          *string
	VolumeSizeInGB        *int32
	RuleParameters        map[string]string
}

type benchMirrorRuleStatus struct {
	RuleConfigurationName *string
	RuleEvaluationJobArn  *string
	RuleEvaluationStatus  *string
	StatusDetails         *string
	LastModifiedTime      *float64
}

type benchMirrorProfiler struct {
	S3OutputPath                    *string
	ProfilingIntervalInMilliseconds *int64
	ProfilingParameters             map[string]string
	DisableProfiler                 *bool
}

// BenchmarkDecode decodes the same bytes four ways: ours
// (trainingjob.Unmarshal), the SDK's protocol deserializer, the whole SDK
// client from memory, and encoding/json into a mirror struct.
func BenchmarkDecode(b *testing.B) {
	for _, body := range benchBodies {
		data := benchRead(b, body.path)
		b.Run("body="+body.name+"/impl=ours", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				job := new(tj.TrainingJob)
				benchSinkErr = tj.Unmarshal(data, job)
				benchSinkJob = job
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
		})
		b.Run("body="+body.name+"/impl=sdk", func(b *testing.B) {
			d := newBenchSDKDecoder()
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				benchSinkSDKOut, benchSinkErr = d.decode(data)
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
		})
		b.Run("body="+body.name+"/impl=sdk-client", func(b *testing.B) {
			client := newBenchSDKClient(data)
			ctx := context.Background()
			in := &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("XGBoost-Churn-2024-03-08-10-00-00-123")}
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				benchSinkSDKOut, benchSinkErr = client.DescribeTrainingJob(ctx, in)
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
		})
		b.Run("body="+body.name+"/impl=encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				m := new(benchMirrorJob)
				benchSinkErr = json.Unmarshal(data, m)
				benchSinkMirror = m
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
		})
	}
}

// benchHistoryEntries are the history lengths of the scaling benchmark.
var benchHistoryEntries = []int{10, 100, 1000, 10000}

// benchHistoryDoc returns a DescribeTrainingJob response of a running job
// whose history has n entries, in the service's form (epoch seconds with
// milliseconds, statuses cycling as a spot job's do), and little else, so
// that the cost per entry dominates.
func benchHistoryDoc(n int) []byte {
	statuses := []string{"Starting", "Downloading", "Training", "Interrupted"}
	t := int64(1706745600517) // milliseconds
	stamp := func(b []byte, ms int64) []byte {
		b = strconv.AppendInt(b, ms/1000, 10)
		return append(b, '.', byte('0'+ms/100%10), byte('0'+ms/10%10), byte('0'+ms%10))
	}
	b := make([]byte, 0, 256+n*150)
	b = append(b, `{"TrainingJobName":"scaling","TrainingJobArn":"arn:aws:sagemaker:us-east-1:123456789012:training-job/scaling","TrainingJobStatus":"InProgress","SecondaryStatus":"Training","CreationTime":`...)
	b = stamp(b, t)
	b = append(b, `,"SecondaryStatusTransitions":[`...)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"Status":"`...)
		if i == n-1 {
			b = append(b, "Training"...)
		} else {
			b = append(b, statuses[i%4]...)
		}
		b = append(b, `","StartTime":`...)
		b = stamp(b, t)
		if i < n-1 {
			t += 61_237 + int64(i%7)*1_003
			b = append(b, `,"EndTime":`...)
			b = stamp(b, t)
		}
		b = append(b, `,"StatusMessage":"`...)
		b = append(b, "Entry "...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ` of the job's history, as the service writes it"}`...)
	}
	b = append(b, "]}"...)
	return b
}

// BenchmarkDecodeHistory shows how decoding scales with the history: ns/entry
// should stay flat from 100 to 10,000 entries (10 is dominated by the rest of
// the document). TestDecodeCostPerEntryIsConstant checks it.
func BenchmarkDecodeHistory(b *testing.B) {
	for _, n := range benchHistoryEntries {
		data := benchHistoryDoc(n)
		b.Run(fmt.Sprintf("entries=%d/impl=ours", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				job := new(tj.TrainingJob)
				benchSinkErr = tj.Unmarshal(data, job)
				benchSinkJob = job
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
		b.Run(fmt.Sprintf("entries=%d/impl=sdk", n), func(b *testing.B) {
			d := newBenchSDKDecoder()
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				benchSinkSDKOut, benchSinkErr = d.decode(data)
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}

// BenchmarkValidate validates the small and the large job (1,000 history
// entries, 40 final metrics) at both strengths. Both are valid: validation
// allocates nothing.
func BenchmarkValidate(b *testing.B) {
	for _, body := range benchBodies {
		job := benchJob(b, body.path)
		for _, strength := range []struct {
			name string
			opts []tj.ValidateOption
		}{{"default", nil}, {"strict", []tj.ValidateOption{tj.Strict()}}} {
			if err := job.Validate(strength.opts...); err != nil {
				b.Fatalf("%s is not valid (%s): %v", body.name, strength.name, err)
			}
			b.Run("body="+body.name+"/strength="+strength.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					benchSinkErr = job.Validate(strength.opts...)
				}
			})
		}
	}
}

// Times of the small job, testdata/describe/completed.json.
var (
	benchCreated      = time.Unix(1709892000, 123e6).UTC()
	benchStarted      = time.Unix(1709892161, 877e6).UTC()
	benchDownloaded   = time.Unix(1709892199, 4e6).UTC()
	benchTrained      = time.Unix(1709894512, 310e6).UTC()
	benchEnded        = time.Unix(1709894525, 662e6).UTC()
	benchModified     = time.Unix(1709894592, 448e6).UTC()
	benchMetricsAt    = time.Unix(1709894503, 0).UTC()
	benchProfilerRule = time.Unix(1709894585, 117e6).UTC()
)

const (
	benchImage     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost-churn:1.7-1"
	benchRulesImg  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/debugger-rules:latest"
	benchRuleLocal = "/opt/ml/processing/output/rule"
	benchAucRegex  = `.*\[[0-9]+\].*#011train-auc:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`
	benchVAucRegex = `.*\[[0-9]+\].*#011validation-auc:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`
	benchLossRegex = `.*\[[0-9]+\].*#011validation-logloss:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`
)

// benchBuildSmall builds the small job through the builder, validating it.
// TestBenchJobsAreTheSample checks that the result equals the decoded
// sample.
func benchBuildSmall() (tj.TrainingJob, error) { return benchBuilderSmall().Build() }

// benchBuilderSmall sets every member of the small job on a builder, as a
// user would write it: the builder's own setters where it has them, SDK
// structures with pointer helpers for the rest.
func benchBuilderSmall() *tj.Builder {
	return tj.NewBuilder("XGBoost-Churn-2024-03-08-10-00-00-123").
		WithTrainingJobArn("arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-churn-2024-03-08-10-00-00-123").
		WithS3ModelArtifacts("s3://acme-churn-123456789012/models/XGBoost-Churn-2024-03-08-10-00-00-123/output/model.tar.gz").
		WithStatus(tj.StatusCompleted, tj.SecondaryStatusCompleted).
		WithHyperParameter("early_stopping_rounds", "20").
		WithHyperParameter("eta", "0.2").
		WithHyperParameter("eval_metric", "auc").
		WithHyperParameter("max_depth", "6").
		WithHyperParameter("min_child_weight", "4").
		WithHyperParameter("num_round", "300").
		WithHyperParameter("objective", "binary:logistic").
		WithHyperParameter("subsample", "0.8").
		WithAlgorithmSpecification(&types.AlgorithmSpecification{
			TrainingImage:     aws.String(benchImage),
			TrainingInputMode: types.TrainingInputModeFile,
			MetricDefinitions: []types.MetricDefinition{
				{Name: aws.String("train:auc"), Regex: aws.String(benchAucRegex)},
				{Name: aws.String("validation:auc"), Regex: aws.String(benchVAucRegex)},
				{Name: aws.String("validation:logloss"), Regex: aws.String(benchLossRegex)},
			},
			EnableSageMakerMetricsTimeSeries: aws.Bool(false),
		}).
		WithRoleArn("arn:aws:iam::123456789012:role/service-role/SageMaker-ChurnTrainingRole").
		WithInputDataConfig(
			types.Channel{
				ChannelName: aws.String("train"),
				DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
					S3DataType:             types.S3DataTypeS3Prefix,
					S3Uri:                  aws.String("s3://acme-churn-123456789012/data/2024-03-01/train/"),
					S3DataDistributionType: types.S3DataDistributionFullyReplicated,
				}},
				ContentType:       aws.String("text/csv"),
				CompressionType:   types.CompressionTypeNone,
				RecordWrapperType: types.RecordWrapperNone,
			},
			types.Channel{
				ChannelName: aws.String("validation"),
				DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
					S3DataType:             types.S3DataTypeS3Prefix,
					S3Uri:                  aws.String("s3://acme-churn-123456789012/data/2024-03-01/validation/"),
					S3DataDistributionType: types.S3DataDistributionFullyReplicated,
				}},
				ContentType:       aws.String("text/csv"),
				CompressionType:   types.CompressionTypeNone,
				RecordWrapperType: types.RecordWrapperNone,
			}).
		WithOutputDataConfig(&types.OutputDataConfig{
			S3OutputPath:    aws.String("s3://acme-churn-123456789012/models"),
			CompressionType: types.OutputCompressionTypeGzip,
		}).
		WithResourceConfig(&types.ResourceConfig{
			InstanceType:   types.TrainingInstanceTypeMlM52xlarge,
			InstanceCount:  aws.Int32(1),
			VolumeSizeInGB: aws.Int32(30),
		}).
		WithMaxRuntimeInSeconds(86400).
		WithCreationTime(benchCreated).
		WithTrainingStartTime(benchStarted).
		WithTrainingEndTime(benchEnded).
		WithLastModifiedTime(benchModified).
		WithTransition(tj.SecondaryStatusStarting, benchCreated, benchStarted, "Preparing the instances for training").
		WithTransition(tj.SecondaryStatusDownloading, benchStarted, benchDownloaded, "Downloading input data").
		WithTransition(tj.SecondaryStatusTraining, benchDownloaded, benchTrained, "Training image download completed. Training in progress.").
		WithTransition(tj.SecondaryStatusUploading, benchTrained, benchEnded, "Uploading generated training model").
		WithTransition(tj.SecondaryStatusCompleted, benchEnded, benchEnded, "Training job completed").
		WithFinalMetric("train:auc", 0.9412, benchMetricsAt).
		WithFinalMetric("validation:auc", 0.8873, benchMetricsAt).
		WithFinalMetric("validation:logloss", 0.31604, benchMetricsAt).
		WithTrainingTimeInSeconds(2364).
		WithBillableTimeInSeconds(2364).
		WithDebugHookConfig(&types.DebugHookConfig{
			S3OutputPath: aws.String("s3://acme-churn-123456789012/debug"),
			CollectionConfigurations: []types.CollectionConfiguration{{
				CollectionName:       aws.String("metrics"),
				CollectionParameters: map[string]string{"save_interval": "10"},
			}},
		}).
		WithDebugRuleConfigurations(types.DebugRuleConfiguration{
			RuleConfigurationName: aws.String("LossNotDecreasing"),
			LocalPath:             aws.String(benchRuleLocal),
			RuleEvaluatorImage:    aws.String(benchRulesImg),
			InstanceType:          types.ProcessingInstanceTypeMlT3Medium,
			VolumeSizeInGB:        aws.Int32(0),
			RuleParameters:        map[string]string{"collection_names": "metrics", "rule_to_invoke": "LossNotDecreasing"},
		}).
		WithDebugRuleEvaluationStatuses(types.DebugRuleEvaluationStatus{
			RuleConfigurationName: aws.String("LossNotDecreasing"),
			RuleEvaluationJobArn:  aws.String("arn:aws:sagemaker:us-east-1:123456789012:processing-job/xgboost-churn-2024-03-08-lossnotdecreasing-5c1e9a02"),
			RuleEvaluationStatus:  types.RuleEvaluationStatusNoIssuesFound,
			LastModifiedTime:      aws.Time(benchModified),
		}).
		WithProfilerConfig(&types.ProfilerConfig{
			S3OutputPath:                    aws.String("s3://acme-churn-123456789012/profiler"),
			ProfilingIntervalInMilliseconds: aws.Int64(500),
			DisableProfiler:                 aws.Bool(false),
		}).
		WithProfilerRuleConfigurations(types.ProfilerRuleConfiguration{
			RuleConfigurationName: aws.String("ProfilerReport-1709892000"),
			LocalPath:             aws.String(benchRuleLocal),
			RuleEvaluatorImage:    aws.String(benchRulesImg),
			InstanceType:          types.ProcessingInstanceTypeMlT3Medium,
			VolumeSizeInGB:        aws.Int32(0),
			RuleParameters:        map[string]string{"rule_to_invoke": "ProfilerReport"},
		}).
		WithProfilerRuleEvaluationStatuses(types.ProfilerRuleEvaluationStatus{
			RuleConfigurationName: aws.String("ProfilerReport-1709892000"),
			RuleEvaluationJobArn:  aws.String("arn:aws:sagemaker:us-east-1:123456789012:processing-job/xgboost-churn-2024-03-08-profilerreport-1709892000-8d3b71f4"),
			RuleEvaluationStatus:  types.RuleEvaluationStatusNoIssuesFound,
			LastModifiedTime:      aws.Time(benchProfilerRule),
		}).
		WithProfilingStatus(types.ProfilingStatusEnabled).
		WithEnvironmentVariable("CHURN_FEATURE_SET", "v7").
		WithEnvironmentVariable("LOG_LEVEL", "INFO")
}

// benchSDKSmall is the same job as an aws-sdk-go-v2 types.TrainingJob
// literal with pointer helpers. The TrainingJob shape has no profiler rule
// members and no ProfilingStatus, so the literal has three members fewer
// than the builder's job (TestBenchJobsAreTheSample checks it equals
// ToSDK of the sample).
func benchSDKSmall() *types.TrainingJob {
	return &types.TrainingJob{
		TrainingJobName:   aws.String("XGBoost-Churn-2024-03-08-10-00-00-123"),
		TrainingJobArn:    aws.String("arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-churn-2024-03-08-10-00-00-123"),
		ModelArtifacts:    &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://acme-churn-123456789012/models/XGBoost-Churn-2024-03-08-10-00-00-123/output/model.tar.gz")},
		TrainingJobStatus: types.TrainingJobStatusCompleted,
		SecondaryStatus:   types.SecondaryStatusCompleted,
		HyperParameters: map[string]string{
			"early_stopping_rounds": "20",
			"eta":                   "0.2",
			"eval_metric":           "auc",
			"max_depth":             "6",
			"min_child_weight":      "4",
			"num_round":             "300",
			"objective":             "binary:logistic",
			"subsample":             "0.8",
		},
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String(benchImage),
			TrainingInputMode: types.TrainingInputModeFile,
			MetricDefinitions: []types.MetricDefinition{
				{Name: aws.String("train:auc"), Regex: aws.String(benchAucRegex)},
				{Name: aws.String("validation:auc"), Regex: aws.String(benchVAucRegex)},
				{Name: aws.String("validation:logloss"), Regex: aws.String(benchLossRegex)},
			},
			EnableSageMakerMetricsTimeSeries: aws.Bool(false),
		},
		RoleArn: aws.String("arn:aws:iam::123456789012:role/service-role/SageMaker-ChurnTrainingRole"),
		InputDataConfig: []types.Channel{
			{
				ChannelName: aws.String("train"),
				DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
					S3DataType:             types.S3DataTypeS3Prefix,
					S3Uri:                  aws.String("s3://acme-churn-123456789012/data/2024-03-01/train/"),
					S3DataDistributionType: types.S3DataDistributionFullyReplicated,
				}},
				ContentType:       aws.String("text/csv"),
				CompressionType:   types.CompressionTypeNone,
				RecordWrapperType: types.RecordWrapperNone,
			},
			{
				ChannelName: aws.String("validation"),
				DataSource: &types.DataSource{S3DataSource: &types.S3DataSource{
					S3DataType:             types.S3DataTypeS3Prefix,
					S3Uri:                  aws.String("s3://acme-churn-123456789012/data/2024-03-01/validation/"),
					S3DataDistributionType: types.S3DataDistributionFullyReplicated,
				}},
				ContentType:       aws.String("text/csv"),
				CompressionType:   types.CompressionTypeNone,
				RecordWrapperType: types.RecordWrapperNone,
			},
		},
		OutputDataConfig: &types.OutputDataConfig{
			S3OutputPath:    aws.String("s3://acme-churn-123456789012/models"),
			CompressionType: types.OutputCompressionTypeGzip,
		},
		ResourceConfig: &types.ResourceConfig{
			InstanceType:   types.TrainingInstanceTypeMlM52xlarge,
			InstanceCount:  aws.Int32(1),
			VolumeSizeInGB: aws.Int32(30),
		},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(86400)},
		CreationTime:      aws.Time(benchCreated),
		TrainingStartTime: aws.Time(benchStarted),
		TrainingEndTime:   aws.Time(benchEnded),
		LastModifiedTime:  aws.Time(benchModified),
		SecondaryStatusTransitions: []types.SecondaryStatusTransition{
			{Status: types.SecondaryStatusStarting, StartTime: aws.Time(benchCreated), EndTime: aws.Time(benchStarted), StatusMessage: aws.String("Preparing the instances for training")},
			{Status: types.SecondaryStatusDownloading, StartTime: aws.Time(benchStarted), EndTime: aws.Time(benchDownloaded), StatusMessage: aws.String("Downloading input data")},
			{Status: types.SecondaryStatusTraining, StartTime: aws.Time(benchDownloaded), EndTime: aws.Time(benchTrained), StatusMessage: aws.String("Training image download completed. Training in progress.")},
			{Status: types.SecondaryStatusUploading, StartTime: aws.Time(benchTrained), EndTime: aws.Time(benchEnded), StatusMessage: aws.String("Uploading generated training model")},
			{Status: types.SecondaryStatusCompleted, StartTime: aws.Time(benchEnded), EndTime: aws.Time(benchEnded), StatusMessage: aws.String("Training job completed")},
		},
		FinalMetricDataList: []types.MetricData{
			{MetricName: aws.String("train:auc"), Value: aws.Float32(0.9412), Timestamp: aws.Time(benchMetricsAt)},
			{MetricName: aws.String("validation:auc"), Value: aws.Float32(0.8873), Timestamp: aws.Time(benchMetricsAt)},
			{MetricName: aws.String("validation:logloss"), Value: aws.Float32(0.31604), Timestamp: aws.Time(benchMetricsAt)},
		},
		TrainingTimeInSeconds: aws.Int32(2364),
		BillableTimeInSeconds: aws.Int32(2364),
		DebugHookConfig: &types.DebugHookConfig{
			S3OutputPath: aws.String("s3://acme-churn-123456789012/debug"),
			CollectionConfigurations: []types.CollectionConfiguration{{
				CollectionName:       aws.String("metrics"),
				CollectionParameters: map[string]string{"save_interval": "10"},
			}},
		},
		DebugRuleConfigurations: []types.DebugRuleConfiguration{{
			RuleConfigurationName: aws.String("LossNotDecreasing"),
			LocalPath:             aws.String(benchRuleLocal),
			RuleEvaluatorImage:    aws.String(benchRulesImg),
			InstanceType:          types.ProcessingInstanceTypeMlT3Medium,
			VolumeSizeInGB:        aws.Int32(0),
			RuleParameters:        map[string]string{"collection_names": "metrics", "rule_to_invoke": "LossNotDecreasing"},
		}},
		DebugRuleEvaluationStatuses: []types.DebugRuleEvaluationStatus{{
			RuleConfigurationName: aws.String("LossNotDecreasing"),
			RuleEvaluationJobArn:  aws.String("arn:aws:sagemaker:us-east-1:123456789012:processing-job/xgboost-churn-2024-03-08-lossnotdecreasing-5c1e9a02"),
			RuleEvaluationStatus:  types.RuleEvaluationStatusNoIssuesFound,
			LastModifiedTime:      aws.Time(benchModified),
		}},
		ProfilerConfig: &types.ProfilerConfig{
			S3OutputPath:                    aws.String("s3://acme-churn-123456789012/profiler"),
			ProfilingIntervalInMilliseconds: aws.Int64(500),
			DisableProfiler:                 aws.Bool(false),
		},
		Environment: map[string]string{"CHURN_FEATURE_SET": "v7", "LOG_LEVEL": "INFO"},
	}
}

// BenchmarkBuild constructs the small job from nothing: as an SDK literal,
// through the builder (every setter and Build, which validates and copies),
// and, for comparison with Build, by cloning the finished job.
func BenchmarkBuild(b *testing.B) {
	b.Run("impl=sdk-literal", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			benchSinkSDKJob = benchSDKSmall()
		}
	})
	b.Run("impl=builder", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			benchSinkJobValue, benchSinkErr = benchBuildSmall()
		}
		if benchSinkErr != nil {
			b.Fatal(benchSinkErr)
		}
	})
	b.Run("impl=builder-unchecked", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			benchSinkJobValue = benchBuilderSmall().BuildUnchecked()
		}
	})
	b.Run("impl=clone", func(b *testing.B) {
		job, err := benchBuildSmall()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			benchSinkJobValue = job.Clone()
		}
	})
}

// BenchmarkClone deep-copies the small and the large job.
func BenchmarkClone(b *testing.B) {
	for _, body := range benchBodies {
		job := benchJob(b, body.path)
		b.Run("body="+body.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSinkJobValue = job.Clone()
			}
		})
	}
}

// BenchmarkTimeline derives the phases of the large job.
func BenchmarkTimeline(b *testing.B) {
	job := benchJob(b, benchBodies[1].path)
	now := job.LastModifiedTime.Add(time.Hour)
	b.Run("body=large", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			benchSinkTimeline = tj.NewTimeline(&job, now)
		}
	})
}

// BenchmarkDecodePaired decodes the same bytes with Unmarshal and with the
// SDK's deserializer in alternation, timing each separately, and reports
// the ratio of their times (ours/sdk) alongside. On a shared machine whose
// speed drifts from second to second, the two then meet the same
// conditions, and the ratio varies far less from run to run than the ratio
// of two benchmarks run one after the other.
func BenchmarkDecodePaired(b *testing.B) {
	for _, body := range benchBodies {
		data := benchRead(b, body.path)
		b.Run("body="+body.name, func(b *testing.B) {
			d := newBenchSDKDecoder()
			var ours, sdk time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				job := new(tj.TrainingJob)
				benchSinkErr = tj.Unmarshal(data, job)
				benchSinkJob = job
				t1 := time.Now()
				benchSinkSDKOut, benchSinkErr = d.decode(data)
				t2 := time.Now()
				ours += t1.Sub(t0)
				sdk += t2.Sub(t1)
			}
			if benchSinkErr != nil {
				b.Fatal(benchSinkErr)
			}
			b.ReportMetric(float64(ours.Nanoseconds())/float64(b.N), "ours-ns/op")
			b.ReportMetric(float64(sdk.Nanoseconds())/float64(b.N), "sdk-ns/op")
			b.ReportMetric(float64(ours)/float64(sdk), "ours/sdk")
		})
	}
}
