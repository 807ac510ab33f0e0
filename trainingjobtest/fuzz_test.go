package trainingjobtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// fuzzContentTypes are the Content-Type headers FuzzHandler picks from; the
// fuzzer's own string is used when the choice is past the end.
var fuzzContentTypes = []string{
	"application/x-amz-json-1.1", "application/x-amz-json-1.1; charset=utf-8", "",
	"application/json", "text/plain", "application/x-amz-json-1.0", ";;;",
}

var fuzzMethods = []string{http.MethodPost, http.MethodGet, http.MethodPut, "BREW"}

// checkWireAnswer checks that rec holds what the SageMaker JSON protocol
// allows: a JSON body with HTTP 200, or a well-formed service error (a
// JSON object with a non-empty __type, the same code in X-Amzn-ErrorType, a
// message) with a 4xx status. The fake never answers 5xx to a request it
// could read.
func checkWireAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.Bytes()
	if got := rec.Header().Get("Content-Type"); got != "application/x-amz-json-1.1" {
		t.Fatalf("Content-Type %q (status %d, body %q)", got, rec.Code, body)
	}
	if rec.Header().Get("X-Amzn-RequestId") == "" {
		t.Fatal("no X-Amzn-RequestId")
	}
	if rec.Code == http.StatusOK {
		if !json.Valid(body) || len(body) == 0 || body[0] != '{' {
			t.Fatalf("HTTP 200 with a body that is not a JSON object: %q", body)
		}
		return
	}
	if rec.Code < 400 || rec.Code >= 500 {
		t.Fatalf("HTTP %d: %s", rec.Code, body)
	}
	var e struct {
		Type    *string `json:"__type"`
		Message *string `json:"message"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Type == nil || *e.Type == "" || e.Message == nil {
		t.Fatalf("HTTP %d with a body that is not a service error: %q (%v)", rec.Code, body, err)
	}
	if got := rec.Header().Get("X-Amzn-ErrorType"); got != *e.Type {
		t.Fatalf("X-Amzn-ErrorType %q, __type %q", got, *e.Type)
	}
}

// FuzzHandler sends any body, target (SageMaker's and CloudWatch Logs's),
// content type and method to the server's handler, in front of a fake
// holding one job in training: the answer is always well-formed (see
// checkWireAnswer) and nothing panics.
func FuzzHandler(f *testing.F) {
	for _, seed := range []struct {
		target string
		ct     uint8
		method uint8
		body   string
	}{
		{"SageMaker.DescribeTrainingJob", 0, 0, `{"TrainingJobName":"job"}`},
		{"SageMaker.DescribeTrainingJob", 0, 0, `{"TrainingJobName":"nope"}`},
		{"SageMaker.StopTrainingJob", 0, 0, `{"TrainingJobName":"job"}`},
		{"SageMaker.DeleteTrainingJob", 0, 0, `{"TrainingJobName":"job"}`},
		{"SageMaker.ListTrainingJobs", 0, 0, `{"MaxResults":1,"SortBy":"Name","CreationTimeAfter":"2024-01-01T00:00:00Z"}`},
		{"SageMaker.ListTrainingJobs", 0, 0, `{"NextToken":"garbage","LastModifiedTimeBefore":1.7e9}`},
		{"SageMaker.UpdateTrainingJob", 0, 0, `{"TrainingJobName":"job","ResourceConfig":{"KeepAlivePeriodInSeconds":60}}`},
		{"SageMaker.CreateTrainingJob", 0, 0, `{"TrainingJobName":"new","RoleArn":"arn:aws:iam::123456789012:role/R","AlgorithmSpecification":{"TrainingImage":"img","TrainingInputMode":"File"},"OutputDataConfig":{"S3OutputPath":"s3://b/o"},"ResourceConfig":{"InstanceType":"ml.m5.large","InstanceCount":1,"VolumeSizeInGB":10},"StoppingCondition":{"MaxRuntimeInSeconds":3600},"HyperParameters":{"k":"v"}}`},
		{"SageMaker.CreateTrainingJob", 0, 0, `{"TrainingJobName":"job"}`},
		{"SageMaker.CreateTrainingJob", 0, 0, `{"TrainingJobName":1}`},
		{"SageMaker.DescribeTrainingJob", 1, 0, `[]`},
		{"SageMaker.DescribeTrainingJob", 2, 0, ``},
		{"SageMaker.Nope", 0, 0, `{}`},
		{"", 0, 0, `{}`},
		{"Other.DescribeTrainingJob", 0, 1, `{"a":`},
		{"SageMaker.DescribeTrainingJob", 6, 3, "\xff"},
		{"SageMaker.DescribeTrainingJob", 0, 0, `{"TrainingJobName":"job","TrainingJobName":"nope"}`},
		{"SageMaker.DescribeTrainingJob", 0, 0, `{"TrainingJobName":null}`},
		{"SageMaker.DescribeTrainingJob", 0, 0, "{\"TrainingJobName\":\"j\\u0000\xff\"}"},
		{"SageMaker.ListTrainingJobs", 0, 0, `{"MaxResults":1e400,"CreationTimeAfter":-1}`},
		{"SageMaker.ListTrainingJobs", 0, 0, `{"MaxResults":` + strings.Repeat("[", 70) + `}`},
		{"SageMaker.CreateTrainingJob", 0, 0, `{"TrainingJobName":"x","HyperParameters":{"k":"1","k":"2"},"Environment":null}`},
		// The CloudWatch Logs operations, on the job's streams.
		{"Logs_20140328.DescribeLogStreams", 0, 0, `{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamNamePrefix":"job/","limit":1}`},
		{"Logs_20140328.DescribeLogStreams", 0, 0, `{"logGroupIdentifier":"/aws/sagemaker/TrainingJobs","orderBy":"LastEventTime","descending":true,"nextToken":"c3RyZWFtcy8x"}`},
		{"Logs_20140328.GetLogEvents", 0, 0, `{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamName":"job/algo-1-1709294580","startFromHead":true,"limit":5}`},
		{"Logs_20140328.GetLogEvents", 0, 0, `{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamName":"job/algo-1-1709294580","nextToken":"b/00000000000000000000000000000000000000000000000000000012","startTime":1709294590000,"endTime":1}`},
		{"Logs_20140328.FilterLogEvents", 0, 0, `{"logGroupName":"/aws/sagemaker/TrainingJobs","filterPattern":"\"epoch 3\" done","limit":2,"logStreamNames":["job/algo-1-1709294580"]}`},
		{"Logs_20140328.FilterLogEvents", 0, 0, `{"logGroupName":"/aws/sagemaker/TrainingJobs","filterPattern":"\"open","nextToken":"ZmlsdGVyLzEvMi9qb2I"}`},
		{"Logs_20140328.GetLogEvents", 0, 0, `{"logGroupName":null,"logStreamName":1,"limit":-1}`},
		{"Logs_20140328.PutLogEvents", 0, 0, `{}`},
	} {
		f.Add(seed.target, seed.ct, seed.method, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, target string, ct, method uint8, body []byte) {
		fake := trainingjobtest.NewFake()
		_, err := fake.CreateTrainingJob(context.Background(), trainingjobtest.Completed(trainingjobtest.WithJobName("job")).BuildUnchecked().ToCreateInput())
		if err != nil {
			t.Fatal(err)
		}
		fake.Advance(5 * time.Minute) // in Training: its streams are open
		h := trainingjobtest.Handler(fake, trainingjobtest.WithMaxRequestBytes(4096))
		req := httptest.NewRequest(fuzzMethods[int(method)%len(fuzzMethods)], "/", strings.NewReader(string(body)))
		if !validHeaderValue(target) {
			target = ""
		}
		if target != "" {
			req.Header.Set("X-Amz-Target", target)
		}
		contentType := target
		if int(ct) < len(fuzzContentTypes) {
			contentType = fuzzContentTypes[ct]
		}
		if contentType != "" && validHeaderValue(contentType) {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkWireAnswer(t, rec)
	})
}

// validHeaderValue reports whether s can travel in an HTTP header; the
// others could never reach the handler.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// FuzzScenarioSpec reads any text as a scenario spec (the tag's value) and
// as a rules file. Nothing panics; a spec ParseScenario accepts gives a job
// that passes strict validation at every moment of its life and ends.
func FuzzScenarioSpec(f *testing.F) {
	for _, seed := range []string{
		"", "fail=Training reason=AlgorithmError", "reason=CapacityError", "interruptions=3 savings=90",
		"restarts=2 training=1h", "outcome=MaxRuntimeExceeded", "pending=10m starting=5s uploading=1s stopping=2s",
		"outcome=MaxWaitTimeExceeded interruptions=1", "fail=Uploading reason=InternalServerError", "training=0s",
		`[{"name": "flaky-*", "scenario": "restarts=2"}]`,
		`[{"name": "x", "phases": [{"status": "Starting", "duration": "1m"}, {"status": "Failed"}], "failureReason": "ClientError: x"}]`,
		// Adversarial: bad UTF-8, huge and negative numbers, repeated
		// keys, empty and null rules, deep nesting.
		"training=ÿ", "interruptions=99999999999999999999 restarts=-1", "training=1h training=2h", "=",
		`[]`, `[null]`, `[{}]`, `{"name":"x"}`, `[{"name":"a","name":"b","scenario":"fail=Training"}]`,
		`[{"name":"*","phases":[{"status":"Training","duration":"1e400h"}]}]`,
		strings.Repeat("[", 100),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		if rules, err := trainingjobtest.ReadScenarioRules(strings.NewReader(spec)); err == nil {
			for _, r := range rules {
				s := r.Scenario
				s.Name, s.Created = "fuzz-job", created
				_ = s.JobAt(created.Add(time.Hour))
			}
		}
		s, err := trainingjobtest.ParseScenario(spec)
		if err != nil {
			return
		}
		s.Name, s.Created, s.Spot = "fuzz-job", created, s.Outcome == trainingjob.OutcomeMaxWaitTimeExceeded || len(s.Interruptions) > 0
		plan := s.Plan()
		var total time.Duration
		for _, p := range plan {
			total += p.Duration
		}
		for _, at := range []time.Duration{0, time.Second, total / 3, total / 2, total, total + time.Hour} {
			job := s.JobAt(created.Add(at))
			if err := job.Validate(trainingjob.Strict()); err != nil {
				t.Fatalf("spec %q at %s: %v", spec, at, err)
			}
		}
		if job := s.JobAt(created.Add(total + time.Hour)); !job.IsTerminal() {
			t.Fatalf("spec %q: still %s/%s after its plan", spec, job.TrainingJobStatus, job.SecondaryStatus)
		}
	})
}
