package trainingjobtest_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// externalCase is one case of TestExternalClients: calls made in order, on
// a fake of its own, through each client, with what each must give back.
//
// To add a case, add an entry to externalCases: its calls (xcall,
// xadvance, xwait) each with what it must return (xok, xfail), as in
//
//	xok(xcall("DescribeTrainingJob", `{"TrainingJobName": "ext-job"}`), `{"TrainingJobStatus": "InProgress"}`),
//	xfail(extName("StopTrainingJob", "ext-missing"), "ValidationException", trainingjobtest.NotFoundMessage),
//
// Inputs and outputs are JSON with the API's member names. The case runs
// through every client unless clients says otherwise, and every client
// must give back the same results as aws-sdk-go-v2 does (see
// compareExternal). All the cases of a client run in one process, so a
// case costs a few milliseconds a call; a waiter, a few more polls.
type externalCase struct {
	name string
	// fake holds options for the case's fake, added to a ManualClock at
	// DefaultFakeStart (2024-03-01T12:00:00Z) that only the calls move.
	fake []trainingjobtest.FakeOption
	// steps are the calls, in order, with what each must return.
	steps []externalStep
	// clients, when set, are the only clients the case runs through.
	clients []string
	// check, when set, looks at the fake after the calls, once per client.
	check func(t *testing.T, f *trainingjobtest.Fake)
}

// externalStep is a call and what it must return: the error err, or
// (err nil) an output that matches out (see matchExternal).
type externalStep struct {
	call externalCall
	out  string
	err  *externalError
}

// xok is a call that must succeed with an output matching want, JSON text
// whose members must all be in the output with the same values (null: the
// member must be absent); arrays must match element by element, and
// timestamps may be written in any RFC 3339 form. An empty want accepts
// any output.
func xok(c externalCall, want string) externalStep { return externalStep{call: c, out: want} }

// xfail is a call that must fail with exactly this error code and message;
// an empty message accepts any (only for a waiter, whose text is each
// client's own).
func xfail(c externalCall, code, message string) externalStep {
	return externalStep{call: c, err: &externalError{Code: code, Message: message}}
}

// as adds to a failing step the HTTP status and whether the error is the
// exception the service model declares, checked with the clients that
// report them (all but the CLI).
func (s externalStep) as(status int, modeled bool) externalStep {
	e := *s.err
	e.HTTPStatus, e.Modeled = status, &modeled
	s.err = &e
	return s
}

// extCreate is a CreateTrainingJob call for a job named name with a small
// valid request.
func extCreate(name string) externalCall {
	return xcall("CreateTrainingJob", fmt.Sprintf(`{
		"TrainingJobName": %q,
		"RoleArn": "arn:aws:iam::123456789012:role/ExternalRole",
		"AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ext:1", "TrainingInputMode": "File"},
		"HyperParameters": {"depth": "6"},
		"OutputDataConfig": {"S3OutputPath": "s3://ext-bucket/out"},
		"ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
		"StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200},
		"EnableManagedSpotTraining": true
	}`, name))
}

func extName(op, name string) externalCall {
	return xcall(op, fmt.Sprintf(`{"TrainingJobName":%q}`, name))
}

func extArn(name string) string {
	return "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + strings.ToLower(name)
}

// extOnDemand is a CreateTrainingJob call for an on-demand job named name,
// with the request members given as JSON members added.
func extOnDemand(name, extra string) externalCall {
	if extra != "" {
		extra = "," + extra
	}
	return xcall("CreateTrainingJob", fmt.Sprintf(`{
		"TrainingJobName": %q,
		"RoleArn": "arn:aws:iam::123456789012:role/ExternalRole",
		"AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ext:1", "TrainingInputMode": "File"},
		"OutputDataConfig": {"S3OutputPath": "s3://ext-bucket/out"},
		"ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10%s},
		"StoppingCondition": {"MaxRuntimeInSeconds": 3600}%s
	}`, name, map[bool]string{true: `, "KeepAlivePeriodInSeconds": 600`}[strings.Contains(name, "warm")], extra))
}

var externalCases = []externalCase{
	{
		name: "create and describe",
		steps: []externalStep{
			xok(extCreate("Ext-Job"), `{"TrainingJobArn": "`+extArn("Ext-Job")+`"}`),
			xok(extName("DescribeTrainingJob", "Ext-Job"), `{
				"TrainingJobName": "Ext-Job",
				"TrainingJobArn": "`+extArn("Ext-Job")+`",
				"TrainingJobStatus": "InProgress",
				"SecondaryStatus": "Starting",
				"CreationTime": "2024-03-01T12:00:00Z",
				"LastModifiedTime": "2024-03-01T12:00:00Z",
				"TrainingStartTime": null,
				"TrainingEndTime": null,
				"FailureReason": null,
				"ModelArtifacts": null,
				"HyperParameters": {"depth": "6"},
				"EnableManagedSpotTraining": true,
				"StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200},
				"ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
				"SecondaryStatusTransitions": [
					{"Status": "Starting", "StartTime": "2024-03-01T12:00:00Z", "StatusMessage": "Preparing the instances for training"}
				]
			}`),
			xok(xadvance(10*time.Minute+1500*time.Millisecond), `{"Now": "2024-03-01T12:10:01.5Z"}`),
			xok(extName("DescribeTrainingJob", "ext-job"), `{
				"TrainingJobName": "Ext-Job",
				"TrainingJobStatus": "InProgress",
				"SecondaryStatus": "Training",
				"CreationTime": "2024-03-01T12:00:00Z",
				"LastModifiedTime": "2024-03-01T12:03:00Z",
				"TrainingStartTime": "2024-03-01T12:02:00Z",
				"TrainingTimeInSeconds": 481
			}`),
			xok(extName("StopTrainingJob", "Ext-Job"), `{}`),
			xok(extName("DescribeTrainingJob", "Ext-Job"), `{
				"TrainingJobStatus": "Stopping",
				"LastModifiedTime": "2024-03-01T12:10:01.5Z"
			}`),
		},
	},
	{
		name: "name in use",
		steps: []externalStep{
			xok(extCreate("ext-dup"), ``),
			xfail(extCreate("ext-dup"), "ResourceInUse", `Training job names must be unique within an AWS account and region, and a training job with this name already exists (`+extArn("ext-dup")+`)`).as(400, true),
			xfail(extCreate("EXT-DUP"), "ResourceInUse", `Training job names must be unique within an AWS account and region, and a training job with this name already exists (`+extArn("ext-dup")+`)`),
		},
	},
	{
		name: "validation errors in the service's words",
		steps: []externalStep{
			xfail(xcall("CreateTrainingJob", `{
				"TrainingJobName": "bad_name",
				"RoleArn": "arn:aws:iam::123456789012:role/ExternalRole",
				"AlgorithmSpecification": {"TrainingImage": "img:1", "TrainingInputMode": "Bogus"},
				"OutputDataConfig": {"S3OutputPath": "s3://ext-bucket/out"},
				"ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
				"StoppingCondition": {"MaxRuntimeInSeconds": 3600}
			}`), "ValidationException", "2 validation errors detected: "+
				"Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; "+
				"Value 'Bogus' at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set: [Pipe, File, FastFile]").as(400, false),
			xfail(extOnDemand("ext-spot-rules", `"StoppingCondition": {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}`),
				"ValidationException", "Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true"),
		},
	},
	{
		name: "a scenario asked for with the tag",
		steps: []externalStep{
			xok(extOnDemand("ext-tagged", `"Tags": [{"Key": "trainingjobtest:scenario", "Value": "fail=Training reason=AlgorithmError training=10m"}]`), ``),
			xok(xadvance(time.Hour), ``),
			xok(extName("DescribeTrainingJob", "ext-tagged"), `{
				"TrainingJobStatus": "Failed",
				"SecondaryStatus": "Failed",
				"FailureReason": "`+strings.ReplaceAll(trainingjobtest.ReasonAlgorithmError, `"`, `\"`)+`",
				"ModelArtifacts": null,
				"TrainingEndTime": "2024-03-01T12:13:00Z",
				"EnableNetworkIsolation": false,
				"EnableInterContainerTrafficEncryption": false,
				"EnableManagedSpotTraining": false
			}`),
			xfail(extOnDemand("ext-typo", `"Tags": [{"Key": "trainingjobtest:scenario", "Value": "fial=Training"}]`), "ValidationException",
				`tags.1.member.value: the fake cannot read the trainingjobtest:scenario tag: scenario "fial=Training": unknown key "fial" `+
					`(known: outcome, fail, reason, interruptions, restarts, savings, pending, starting, downloading, training, uploading, stopping)`),
		},
	},
	{
		name: "an update shows Updating",
		steps: []externalStep{
			xok(extOnDemand("ext-update", ``), ``),
			xok(xadvance(10*time.Minute), ``),
			xok(xcall("UpdateTrainingJob", `{"TrainingJobName": "ext-update", "RemoteDebugConfig": {"EnableRemoteDebug": true}}`), `{"TrainingJobArn": "`+extArn("ext-update")+`"}`),
			xok(extName("DescribeTrainingJob", "ext-update"), `{"TrainingJobStatus": "InProgress", "SecondaryStatus": "Updating",
				"LastModifiedTime": "2024-03-01T12:10:00Z", "RemoteDebugConfig": {"EnableRemoteDebug": true}}`),
			xok(xadvance(time.Minute), ``),
			xok(extName("DescribeTrainingJob", "ext-update"), `{"SecondaryStatus": "Training"}`),
		},
	},
	{
		name: "a warm pool is kept and reused",
		steps: []externalStep{
			xok(extOnDemand("ext-warm-1", ``), ``),
			xok(xadvance(40*time.Minute), ``),
			xok(extName("DescribeTrainingJob", "ext-warm-1"), `{"TrainingJobStatus": "Completed",
				"WarmPoolStatus": {"Status": "Available", "ResourceRetainedBillableTimeInSeconds": 360}}`),
			xok(extOnDemand("ext-warm-2", ``), ``),
			xok(xadvance(5*time.Second), ``),
			xok(extName("DescribeTrainingJob", "ext-warm-2"), `{"SecondaryStatus": "Starting", "WarmPoolStatus": {"Status": "InUse"}}`),
			xok(extName("DescribeTrainingJob", "ext-warm-1"), `{"WarmPoolStatus": {"Status": "Reused", "ReusedByJob": "ext-warm-2",
				"ResourceRetainedBillableTimeInSeconds": 360}}`),
			xok(xadvance(20*time.Second), ``),
			xok(extName("DescribeTrainingJob", "ext-warm-2"), `{"SecondaryStatus": "Downloading"}`),
		},
	},
	{
		name: "listing cuts the page before StatusEquals",
		steps: []externalStep{
			xok(extOnDemand("ext-l1", ``), ``),
			xok(xadvance(time.Second), ``),
			xok(extOnDemand("ext-l2", ``), ``),
			xok(xadvance(time.Second), ``),
			xok(extOnDemand("ext-l3", ``), ``),
			xok(extName("StopTrainingJob", "ext-l2"), `{}`),
			// Newest first: the page is ext-l3 alone, which is not Stopping.
			xok(xcall("ListTrainingJobs", `{"MaxResults": 1, "StatusEquals": "Stopping"}`), `{"TrainingJobSummaries": []}`),
			xok(xcall("ListTrainingJobs", `{"MaxResults": 2, "StatusEquals": "Stopping"}`), `{"TrainingJobSummaries": [{"TrainingJobName": "ext-l2"}]}`),
			// A paginator goes on through the empty pages.
			xok(xcall(opPaginate, `{"PageSize": 1, "StatusEquals": "Stopping"}`), `{"TrainingJobSummaries": [{"TrainingJobName": "ext-l2"}]}`),
			xfail(xcall("ListTrainingJobs", `{"NextToken": "forged"}`), "ValidationException", trainingjobtest.InvalidNextTokenMessage),
		},
	},
	{
		// botocore checks MaxResults' range itself before sending.
		name:    "listing's MaxResults range",
		clients: []string{"go", "js"},
		steps: []externalStep{
			xfail(xcall("ListTrainingJobs", `{"MaxResults": 101}`), "ValidationException",
				"1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100").as(400, false),
		},
	},
	{
		name: "not found",
		steps: []externalStep{
			xfail(extName("DescribeTrainingJob", "ext-missing"), "ValidationException", trainingjobtest.NotFoundMessage).as(400, false),
			xfail(extName("StopTrainingJob", "ext-missing"), "ValidationException", trainingjobtest.NotFoundMessage),
			xfail(extName("DeleteTrainingJob", "ext-missing"), "ValidationException", trainingjobtest.NotFoundMessage),
			xfail(xwait("ext-missing", 0), "WaiterFailure", ""),
		},
	},
	{
		name: "list with paging",
		steps: []externalStep{
			xok(extCreate("ext-c"), ``),
			xok(xadvance(time.Second), ``),
			xok(extCreate("ext-a"), ``),
			xok(xadvance(time.Second), ``),
			xok(extCreate("ext-b"), ``),
			xok(xcall("ListTrainingJobs", `{"MaxResults": 2, "SortBy": "Name", "SortOrder": "Ascending"}`), `{
				"TrainingJobSummaries": [
					{"TrainingJobName": "ext-a", "TrainingJobArn": "`+extArn("ext-a")+`", "TrainingJobStatus": "InProgress",
					 "SecondaryStatus": "Starting", "CreationTime": "2024-03-01T12:00:01Z", "LastModifiedTime": "2024-03-01T12:00:01Z"},
					{"TrainingJobName": "ext-b", "CreationTime": "2024-03-01T12:00:02Z"}
				]
			}`),
			xok(xcall(opPaginate, `{"PageSize": 1}`), `{
				"TrainingJobSummaries": [{"TrainingJobName": "ext-b"}, {"TrainingJobName": "ext-a"}, {"TrainingJobName": "ext-c"}]
			}`),
			xok(xcall(opPaginate, `{"PageSize": 2, "SortBy": "Name", "SortOrder": "Descending", "CreationTimeAfter": "2024-03-01T12:00:00.5Z"}`), `{
				"TrainingJobSummaries": [{"TrainingJobName": "ext-b"}, {"TrainingJobName": "ext-a"}]
			}`),
			xok(xcall("ListTrainingJobs", `{"NameContains": "nothing"}`), `{"TrainingJobSummaries": [], "NextToken": null}`),
		},
		check: func(t *testing.T, f *trainingjobtest.Fake) {
			// The paginator of page size 1 asked for page after page,
			// following NextToken.
			var pages, tokens int
			for _, c := range f.Calls() {
				if in, ok := c.Input.(*sagemaker.ListTrainingJobsInput); ok && aws.ToInt32(in.MaxResults) == 1 {
					pages++
					if aws.ToString(in.NextToken) != "" {
						tokens++
					}
				}
			}
			assert.GreaterOrEqual(t, pages, 3, "pages of one job")
			assert.Equal(t, pages-1, tokens, "every page after the first follows NextToken")
		},
	},
	{
		name: "stop and delete",
		steps: []externalStep{
			xok(extCreate("ext-stop"), ``),
			xok(xadvance(5*time.Minute), ``),
			xok(extName("StopTrainingJob", "ext-stop"), `{}`),
			xok(extName("DescribeTrainingJob", "ext-stop"), `{
				"TrainingJobStatus": "Stopping", "SecondaryStatus": "Stopping", "LastModifiedTime": "2024-03-01T12:05:00Z"
			}`),
			xok(xadvance(time.Minute), ``),
			xok(extName("DescribeTrainingJob", "ext-stop"), `{"TrainingJobStatus": "Stopped", "SecondaryStatus": "Stopped",
				"ModelArtifacts": {"S3ModelArtifacts": "s3://ext-bucket/out/ext-stop/output/model.tar.gz"}}`),
			xok(extName("DeleteTrainingJob", "ext-stop"), `{}`),
			xok(extName("DescribeTrainingJob", "ext-stop"), `{"TrainingJobStatus": "Deleting"}`),
			xok(xadvance(trainingjobtest.DefaultDeletingFor), ``),
			xfail(extName("DescribeTrainingJob", "ext-stop"), "ValidationException", trainingjobtest.NotFoundMessage),
		},
	},
	{
		name: "waiter to Completed",
		steps: []externalStep{
			xok(extCreate("ext-wait"), ``),
			xok(xwait("ext-wait", 5*time.Minute), `{}`),
			xok(extName("DescribeTrainingJob", "ext-wait"), `{
				"TrainingJobStatus": "Completed",
				"SecondaryStatus": "Completed",
				"ModelArtifacts": {"S3ModelArtifacts": "s3://ext-bucket/out/ext-wait/output/model.tar.gz"},
				"FailureReason": null,
				"TrainingTimeInSeconds": 1920,
				"BillableTimeInSeconds": 576
			}`),
		},
	},
}

// TestExternalClients runs externalCases through every client and compares
// what the clients give back with each other. Each client runs every case
// in one process (a process costs a second or so), in parallel with the
// others.
func TestExternalClients(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	all := map[string][][]externalResult{}
	t.Run("client", func(t *testing.T) {
		for _, client := range externalClients {
			t.Run(client, func(t *testing.T) {
				t.Parallel()
				got := runExternalCases(t, client, externalCases)
				mu.Lock()
				all[client] = got
				mu.Unlock()
			})
		}
	})
	compareExternal(t, externalCases, all)
}

// runExternalCases runs cases through client, each on a fake of its own,
// all in one run of the client, checks every step as a subtest of the
// case, and returns the results (nil for a case the client does not run).
func runExternalCases(t *testing.T, client string, cases []externalCase) [][]externalResult {
	t.Helper()
	var calls []externalCall
	targets := make([]*externalTarget, len(cases))
	for i, c := range cases {
		if c.clients != nil && !containsString(c.clients, client) {
			continue
		}
		targets[i] = newExternalTarget(t, c.fake...)
		for _, s := range c.steps {
			call := s.call
			call.target = targets[i]
			calls = append(calls, call)
		}
	}
	if len(calls) == 0 {
		t.Skipf("no case runs through %s", client)
	}
	start := time.Now()
	got := runExternal(t, client, nil, calls)
	t.Logf("%s: %d calls in %s", client, len(calls), time.Since(start).Round(time.Millisecond))

	results := make([][]externalResult, len(cases))
	for i, c := range cases {
		if targets[i] == nil {
			continue
		}
		results[i], got = got[:len(c.steps)], got[len(c.steps):]
		t.Run(c.name, func(t *testing.T) {
			for j, s := range c.steps {
				checkExternalStep(t, fmt.Sprintf("step %d (%s)", j, s.call.Op), s, results[i][j])
			}
			if c.check != nil {
				c.check(t, targets[i].fake)
			}
		})
	}
	return results
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// checkExternalStep checks one result against its step.
func checkExternalStep(t *testing.T, where string, s externalStep, got externalResult) {
	t.Helper()
	if s.err != nil {
		if !assert.NotNil(t, got.Error, "%s: wanted the error %s, got the output %v", where, s.err, got.Output) {
			return
		}
		assert.Equal(t, s.err.Code, got.Error.Code, "%s: error code (%s)", where, got.Error)
		if s.err.Message != "" {
			assert.Equal(t, s.err.Message, got.Error.Message, "%s: error message", where)
		}
		if s.err.HTTPStatus != 0 && got.Error.HTTPStatus != 0 {
			assert.Equal(t, s.err.HTTPStatus, got.Error.HTTPStatus, "%s: HTTP status", where)
		}
		if s.err.Modeled != nil && got.Error.Modeled != nil {
			assert.Equal(t, *s.err.Modeled, *got.Error.Modeled, "%s: whether the error is the modeled exception", where)
		}
		return
	}
	if !assert.Nil(t, got.Error, "%s: unexpected error", where) {
		return
	}
	if s.out == "" {
		return
	}
	var want any
	require.NoError(t, json.Unmarshal([]byte(s.out), &want), "%s: the step's want is not JSON: %s", where, s.out)
	for _, p := range matchExternal(canonicalJSON(want), map[string]any(got.Output), "") {
		t.Errorf("%s: %s\noutput: %s", where, p, mustJSON(got.Output))
	}
}

// matchExternal returns how got fails to match want (see xok), one line
// per difference, each naming the path of the member.
func matchExternal(want, got any, path string) []string {
	return diffExternal(want, got, path, false)
}

// diffExternal is matchExternal, or (exact) a comparison that also
// reports members got has and want does not.
func diffExternal(want, got any, path string, exact bool) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %s", pathOrRoot(path), mustJSON(got))}
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var diffs []string
		for _, k := range keys {
			gv, present := g[k]
			switch {
			case w[k] == nil && present:
				diffs = append(diffs, fmt.Sprintf("%s.%s: want absent, got %s", path, k, mustJSON(gv)))
			case w[k] == nil:
			case !present:
				diffs = append(diffs, fmt.Sprintf("%s.%s: want %s, absent", path, k, mustJSON(w[k])))
			default:
				diffs = append(diffs, diffExternal(w[k], gv, path+"."+k, exact)...)
			}
		}
		if exact {
			var extra []string
			for k := range g {
				if _, ok := w[k]; !ok {
					extra = append(extra, k)
				}
			}
			sort.Strings(extra)
			for _, k := range extra {
				diffs = append(diffs, fmt.Sprintf("%s.%s: want absent, got %s", path, k, mustJSON(g[k])))
			}
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %d elements like %s, got %s", pathOrRoot(path), len(w), mustJSON(w), mustJSON(got))}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, diffExternal(w[i], g[i], fmt.Sprintf("%s[%d]", path, i), exact)...)
		}
		return diffs
	default:
		if !reflect.DeepEqual(want, got) {
			return []string{fmt.Sprintf("%s: want %s, got %s", pathOrRoot(path), mustJSON(want), mustJSON(got))}
		}
		return nil
	}
}

func pathOrRoot(path string) string {
	if path == "" {
		return "output"
	}
	return path
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(data)
}

// compareExternal requires every client's results to equal the first
// client's (aws-sdk-go-v2's) wherever both ran: the whole output, and the
// error's Code and Message (Message only for the API's operations: a
// waiter's text is each client's own) and whichever of Fault, HTTPStatus
// and Modeled both report.
// opaqueTokens returns the output with its NextToken, if any, replaced by
// a mark: a token is opaque, and each client's fake seals its tokens with
// a key of its own, so only whether there is one can be compared.
func opaqueTokens(out map[string]any) map[string]any {
	if _, ok := out["NextToken"]; !ok {
		return out
	}
	c := make(map[string]any, len(out))
	for k, v := range out {
		c[k] = v
	}
	c["NextToken"] = "(a token)"
	return c
}

func compareExternal(t *testing.T, cases []externalCase, all map[string][][]externalResult) {
	t.Helper()
	ref, ok := all[externalClients[0]]
	if !ok {
		return
	}
	for _, client := range externalClients[1:] {
		got, ok := all[client]
		if !ok {
			continue
		}
		for i, c := range cases {
			if ref[i] == nil || got[i] == nil {
				continue
			}
			for j, s := range c.steps {
				where := fmt.Sprintf("%s: case %q step %d (%s)", client, c.name, j, s.call.Op)
				a, b := ref[i][j], got[i][j]
				if a.Error == nil && b.Error == nil {
					for _, d := range diffExternal(opaqueTokens(a.Output), opaqueTokens(b.Output), "", true) {
						t.Errorf("%s: %s (want: %s's)", where, d, externalClients[0])
					}
					continue
				}
				if a.Error == nil || b.Error == nil {
					t.Errorf("%s: %s gave %s, %s gave %s", where, externalClients[0], mustJSON(a), client, mustJSON(b))
					continue
				}
				assert.Equal(t, a.Error.Code, b.Error.Code, "%s: error code", where)
				if s.call.Op != opWait {
					assert.Equal(t, a.Error.Message, b.Error.Message, "%s: error message", where)
				}
				if a.Error.Fault != "" && b.Error.Fault != "" {
					assert.Equal(t, a.Error.Fault, b.Error.Fault, "%s: fault", where)
				}
				if a.Error.HTTPStatus != 0 && b.Error.HTTPStatus != 0 {
					assert.Equal(t, a.Error.HTTPStatus, b.Error.HTTPStatus, "%s: HTTP status", where)
				}
				if a.Error.Modeled != nil && b.Error.Modeled != nil {
					assert.Equal(t, *a.Error.Modeled, *b.Error.Modeled, "%s: modeled", where)
				}
			}
		}
	}
}

// The harness's comparisons: timestamps in each client's form are one
// value, and a want matches exactly what xok says.
func TestExternalHarnessMatching(t *testing.T) {
	t.Parallel()
	for _, form := range []string{"2024-03-01T12:00:01.500Z", "2024-03-01T12:00:01.5+00:00", "2024-03-01T12:00:01.500000+00:00",
		"2024-03-01T13:00:01.5+01:00", "2024-03-01T12:00:01.5Z"} {
		assert.Equal(t, map[string]any{"T": []any{"2024-03-01T12:00:01.5Z"}, "N": 1.0, "S": "2024-03-01 12:00:01"},
			canonicalJSON(map[string]any{"T": []any{form}, "N": 1.0, "S": "2024-03-01 12:00:01"}), form)
	}

	got := map[string]any{"A": "x", "B": map[string]any{"C": 1.0, "D": true}, "L": []any{map[string]any{"E": "e", "F": "f"}}}
	cases := []struct {
		name, want string
		diffs      []string // of matchExternal
		exact      []string // of diffExternal with exact
	}{
		{"the same", `{"A": "x", "B": {"C": 1, "D": true}, "L": [{"E": "e", "F": "f"}]}`, nil, nil},
		{"a subset", `{"B": {"D": true}, "L": [{"F": "f"}]}`, nil, []string{".B.C: want absent, got 1", ".L[0].E: want absent, got \"e\"", ".A: want absent, got \"x\""}},
		{"absent as null", `{"Z": null}`, nil, []string{".A: want absent, got \"x\"", ".B: want absent, got {\"C\":1,\"D\":true}", ".L: want absent, got [{\"E\":\"e\",\"F\":\"f\"}]"}},
		{"present though null", `{"A": null, "B": {"C": 1, "D": true}, "L": [{"E": "e", "F": "f"}]}`, []string{".A: want absent, got \"x\""}, []string{".A: want absent, got \"x\""}},
		{"missing", `{"A": "x", "B": {"C": 1, "D": true, "G": 2}, "L": [{"E": "e", "F": "f"}]}`, []string{".B.G: want 2, absent"}, []string{".B.G: want 2, absent"}},
		{"other value", `{"B": {"C": 2}}`, []string{".B.C: want 2, got 1"}, nil},
		{"other length", `{"L": []}`, []string{".L: want 0 elements like [], got [{\"E\":\"e\",\"F\":\"f\"}]"}, nil},
		{"not an object", `{"A": {"B": 1}}`, []string{".A: want an object, got \"x\""}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want any
			require.NoError(t, json.Unmarshal([]byte(c.want), &want))
			assert.Equal(t, c.diffs, matchExternal(want, got, ""))
			if c.exact != nil || c.diffs == nil {
				assert.Equal(t, c.exact, diffExternal(want, got, "", true))
			}
		})
	}
}
