package trainingjob_test

// Oracles that do not depend on this package's JSON or SDK code: a real
// aws-sdk-go-v2 sagemaker.Client and the AWS CLI read documents served by a
// local httptest server that speaks the SageMaker JSON 1.1 protocol. Here they
// check the samples in testdata/ against the SDK's own decoder and the CLI;
// forms_test.go uses the same helpers to check our marshaller and
// reader.
//
// Nothing here reaches AWS: every client points at 127.0.0.1, signs nothing
// and reads no shared configuration or credentials.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/testenv"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// X-Amz-Target values of the two operations the oracles call.
const (
	oracleDescribeTarget = "SageMaker.DescribeTrainingJob"
	oracleSearchTarget   = "SageMaker.Search"
)

// oracleServe starts a local server that answers every request with body, as
// the SageMaker JSON 1.1 protocol does, after checking that the request is a
// POST to / with the given X-Amz-Target, Content-Type
// application/x-amz-json-1.1, a JSON body and no signature. A request that
// is not gets a 400 and fails t. The server is closed when t ends.
func oracleServe(t testing.TB, target string, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := io.ReadAll(r.Body)
		var problems []string
		switch {
		case err != nil:
			problems = append(problems, "reading the request: "+err.Error())
		case !json.Valid(req):
			problems = append(problems, fmt.Sprintf("request body is not JSON: %q", req))
		}
		if r.Method != http.MethodPost {
			problems = append(problems, "method "+r.Method)
		}
		if r.URL.Path != "/" {
			problems = append(problems, "path "+r.URL.Path)
		}
		if got := r.Header.Get("X-Amz-Target"); got != target {
			problems = append(problems, fmt.Sprintf("X-Amz-Target %q, want %q", got, target))
		}
		if got := r.Header.Get("Content-Type"); got != "application/x-amz-json-1.1" {
			problems = append(problems, fmt.Sprintf("Content-Type %q", got))
		}
		if r.Header.Get("Authorization") != "" {
			problems = append(problems, "the request is signed: no credentials should be used")
		}
		if len(problems) > 0 {
			t.Errorf("oracle server: unexpected request: %s", strings.Join(problems, "; "))
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"__type":"ValidationException","message":%q}`, strings.Join(problems, "; "))
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", "0a1b2c3d-oracle-0000-0000-000000000000")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// oracleSDKClient returns a real SageMaker client that talks to srv only:
// anonymous credentials (no signing, no credential lookup), one attempt and
// no retries, no shared configuration; its HTTP client is wrapped by
// trainingjobtest.BufferedClient, which keeps a race between the SDK and
// net/http from failing tests on a busy machine.
func oracleSDKClient(srv *httptest.Server) *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{
		BaseEndpoint:     aws.String(srv.URL),
		Region:           "us-east-1",
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		Retryer:          aws.NopRetryer{},
		HTTPClient:       trainingjobtest.BufferedClient(srv.Client()),
	})
}

// oracleJobName returns the TrainingJobName member of a document, or a
// placeholder: the request needs a name, the server ignores it.
func oracleJobName(body []byte) string {
	var doc struct{ TrainingJobName string }
	if json.Unmarshal(body, &doc) == nil && doc.TrainingJobName != "" {
		return doc.TrainingJobName
	}
	return "oracle-job"
}

// describeViaSDK serves body as a DescribeTrainingJob response and returns
// what aws-sdk-go-v2's own client decodes from it. It fails t when the
// client reports an error.
func describeViaSDK(t testing.TB, body []byte) *sagemaker.DescribeTrainingJobOutput {
	t.Helper()
	srv := oracleServe(t, oracleDescribeTarget, body)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := oracleSDKClient(srv).DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{
		TrainingJobName: aws.String(oracleJobName(body)),
	})
	require.NoError(t, err, "the SDK client could not decode the DescribeTrainingJob response")
	return out
}

// searchViaSDK serves body as a Search response and returns what the SDK's
// client decodes from it.
func searchViaSDK(t testing.TB, body []byte) *sagemaker.SearchOutput {
	t.Helper()
	srv := oracleServe(t, oracleSearchTarget, body)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := oracleSDKClient(srv).Search(ctx, &sagemaker.SearchInput{Resource: types.ResourceTypeTrainingJob})
	require.NoError(t, err, "the SDK client could not decode the Search response")
	return out
}

// oracleCLIOptions selects how the AWS CLI prints timestamps.
type oracleCLIOptions struct {
	// TimestampFormat is the cli_timestamp_format setting; "" leaves the
	// CLI's default.
	TimestampFormat string
	// TZ is the operator's zone for iso8601 output, a POSIX TZ string such
	// as "<-05>5" (so no zone database is needed); "" means UTC.
	TZ string
}

// oracleAWS returns the path of the aws command, or skips t when it is not
// installed.
func oracleAWS(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skipf("the AWS CLI oracle needs aws on PATH: %v", err)
	}
	return path
}

// describeViaCLI serves body as a DescribeTrainingJob response and returns
// what `aws sagemaker describe-training-job --output json` prints from it,
// with the CLI's default timestamp format. It skips t when aws is not on
// PATH.
func describeViaCLI(t testing.TB, body []byte) []byte {
	t.Helper()
	return describeViaCLIWith(t, body, oracleCLIOptions{})
}

// describeViaCLIWith is describeViaCLI with a chosen timestamp format and zone.
func describeViaCLIWith(t testing.TB, body []byte, o oracleCLIOptions) []byte {
	t.Helper()
	srv := oracleServe(t, oracleDescribeTarget, body)
	return oracleRunCLI(t, o, "sagemaker", "describe-training-job",
		"--training-job-name", oracleJobName(body), "--endpoint-url", srv.URL)
}

// searchViaCLI serves body as a Search response and returns what
// `aws sagemaker search --resource TrainingJob` prints from it.
func searchViaCLI(t testing.TB, body []byte) []byte {
	t.Helper()
	srv := oracleServe(t, oracleSearchTarget, body)
	return oracleRunCLI(t, oracleCLIOptions{}, "sagemaker", "search", "--resource", "TrainingJob", "--endpoint-url", srv.URL)
}

// oracleRunCLI runs the AWS CLI isolated from the machine's AWS setup: no
// AWS_* variable of the caller's, a configuration file of its own, no
// credentials file, no instance metadata, unsigned requests, one attempt and
// bounded time.
func oracleRunCLI(t testing.TB, o oracleCLIOptions, args ...string) []byte {
	t.Helper()
	bin := oracleAWS(t)
	dir := t.TempDir()
	cfg := "[default]\nregion = us-east-1\nmax_attempts = 1\nretry_mode = standard\n"
	if o.TimestampFormat != "" {
		cfg += "cli_timestamp_format = " + o.TimestampFormat + "\n"
	}
	cfgPath := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(cfgPath, []byte(cfg), 0o600))
	credPath := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(credPath, nil, 0o600))

	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "TZ=") {
			continue
		}
		env = append(env, kv)
	}
	tz := o.TZ
	if tz == "" {
		tz = "UTC0"
	}
	env = append(env,
		"AWS_CONFIG_FILE="+cfgPath,
		"AWS_SHARED_CREDENTIALS_FILE="+credPath,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
		"TZ="+tz,
	)
	args = append(args, "--region", "us-east-1", "--no-sign-request", "--output", "json",
		"--cli-read-timeout", "30", "--cli-connect-timeout", "10")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("aws %s: %v\nstderr:\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// ---------------------------------------------------------------------------
// Reading JSON independently of the package: encoding/json with UseNumber,
// numbers compared exactly as decimal fractions.

// oracleTimeMembers are the member names that hold timestamps in the
// training-job shapes (top level, history entries, final metrics, rule
// evaluation statuses).
var oracleTimeMembers = map[string]bool{
	"CreationTime": true, "TrainingStartTime": true, "TrainingEndTime": true, "LastModifiedTime": true,
	"StartTime": true, "EndTime": true, "Timestamp": true,
}

// oracleParse decodes one JSON document with numbers kept as written.
func oracleParse(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v), "not JSON")
	_, err := dec.Token()
	require.ErrorIs(t, err, io.EOF, "trailing data after the JSON value")
	return v
}

// oracleRat reads a JSON number exactly.
func oracleRat(n json.Number) (*big.Rat, error) {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return nil, fmt.Errorf("number %q", n)
	}
	return r, nil
}

// oracleMillis reads a timestamp in any form the samples use: a JSON number
// of epoch seconds (integer, decimal or exponent form) or of epoch
// milliseconds (above 1e11), a string of digits holding milliseconds, or an
// ISO 8601 string. It fails when the instant is not a whole millisecond.
func oracleMillis(v any) (int64, error) {
	thousand := big.NewRat(1000, 1)
	switch v := v.(type) {
	case json.Number:
		r, err := oracleRat(v)
		if err != nil {
			return 0, err
		}
		if r.Cmp(big.NewRat(1e11, 1)) <= 0 {
			r.Mul(r, thousand)
		}
		if !r.IsInt() {
			return 0, fmt.Errorf("%s is finer than a millisecond", v)
		}
		return r.Num().Int64(), nil
	case string:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, nil
		}
		ts, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return 0, err
		}
		if ts.Nanosecond()%int(time.Millisecond) != 0 {
			return 0, fmt.Errorf("%s is finer than a millisecond", v)
		}
		return ts.UnixMilli(), nil
	}
	return 0, fmt.Errorf("timestamp of JSON type %T", v)
}

// oracleCanon returns v with every timestamp member replaced by its epoch
// milliseconds (int64) and every other number by its exact value as a
// string, so that documents in different forms compare with DeepEqual.
func oracleCanon(t testing.TB, v any, key string) any {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = oracleCanon(t, e, k)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = oracleCanon(t, e, key)
		}
		return out
	}
	if oracleTimeMembers[key] {
		ms, err := oracleMillis(v)
		require.NoError(t, err, "member %s", key)
		return ms
	}
	if n, ok := v.(json.Number); ok {
		r, err := oracleRat(n)
		require.NoError(t, err)
		return oracleNum(r.RatString())
	}
	return v
}

// oracleNum is a number in a canonical tree: its exact value as a fraction,
// so that 1.0E-4 and 0.0001 compare equal.
type oracleNum string

// oracleWire turns a canonical tree back into the API's wire form: epoch
// seconds with millisecond fractions.
func oracleWire(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = oracleWire(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = oracleWire(e)
		}
		return out
	case int64:
		return json.Number(new(big.Rat).SetFrac64(x, 1000).FloatString(3))
	case oracleNum:
		r, _ := new(big.Rat).SetString(string(x))
		if r.IsInt() {
			return json.Number(r.Num().String())
		}
		return json.Number(strings.TrimRight(r.FloatString(30), "0"))
	}
	return v
}

// oracleCompare walks the JSON value j and the SDK value v together and
// reports every disagreement: a member the SDK type lacks, a value it
// decoded differently, or a non-zero SDK member the JSON does not have.
// Member names are the SDK's Go field names, which equal the wire names.
type oracleComparison struct {
	problems []string
	times    int // timestamps compared
	leaves   int // scalar values compared
}

var oracleTimeType = reflect.TypeFor[time.Time]()

func (c *oracleComparison) fail(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

func (c *oracleComparison) compare(path string, j any, v reflect.Value) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if j != nil {
				c.fail(path, "JSON has %v, the SDK value is nil", j)
			}
			return
		}
		v = v.Elem()
	}
	if j == nil {
		if !v.IsZero() {
			c.fail(path, "JSON null, the SDK has %v", v)
		}
		return
	}
	if v.Type() == oracleTimeType {
		c.times++
		ms, err := oracleMillis(j)
		if err != nil {
			c.fail(path, "%v", err)
			return
		}
		got := v.Interface().(time.Time)
		if got.UnixMilli() != ms || got.Nanosecond()%int(time.Millisecond) != 0 {
			c.fail(path, "JSON %v is %s, the SDK decoded %s", j, time.UnixMilli(ms).UTC().Format(time.RFC3339Nano), got.UTC().Format(time.RFC3339Nano))
		}
		return
	}
	switch jv := j.(type) {
	case map[string]any:
		switch v.Kind() {
		case reflect.Struct:
			for k, e := range jv {
				f, ok := v.Type().FieldByName(k)
				if !ok || !f.IsExported() {
					c.fail(path+"."+k, "the SDK type %s has no member %s", v.Type(), k)
					continue
				}
				c.compare(path+"."+k, e, v.FieldByIndex(f.Index))
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() || f.Name == "ResultMetadata" {
					continue
				}
				if _, inJSON := jv[f.Name]; !inJSON && !v.Field(i).IsZero() {
					c.fail(path+"."+f.Name, "absent from the JSON, the SDK has %v", v.Field(i))
				}
			}
		case reflect.Map:
			if v.Len() != len(jv) {
				c.fail(path, "JSON has %d entries, the SDK %d", len(jv), v.Len())
			}
			for k, e := range jv {
				mv := v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key()))
				if !mv.IsValid() {
					c.fail(path+"["+strconv.Quote(k)+"]", "missing from the SDK value")
					continue
				}
				c.compare(path+"["+strconv.Quote(k)+"]", e, mv)
			}
		default:
			c.fail(path, "JSON object, SDK %s", v.Type())
		}
	case []any:
		if v.Kind() != reflect.Slice {
			c.fail(path, "JSON array, SDK %s", v.Type())
			return
		}
		if v.Len() != len(jv) {
			c.fail(path, "JSON has %d elements, the SDK %d", len(jv), v.Len())
			return
		}
		for i, e := range jv {
			c.compare(fmt.Sprintf("%s[%d]", path, i), e, v.Index(i))
		}
	case string:
		c.leaves++
		if v.Kind() != reflect.String || v.String() != jv {
			c.fail(path, "JSON %q, the SDK %v", jv, v)
		}
	case bool:
		c.leaves++
		if v.Kind() != reflect.Bool || v.Bool() != jv {
			c.fail(path, "JSON %v, the SDK %v", jv, v)
		}
	case json.Number:
		c.leaves++
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n, err := strconv.ParseInt(string(jv), 10, 64)
			if err != nil || n != v.Int() {
				c.fail(path, "JSON %s, the SDK %d", jv, v.Int())
			}
		case reflect.Float32:
			f, err := strconv.ParseFloat(string(jv), 32)
			if err != nil || float32(f) != float32(v.Float()) {
				c.fail(path, "JSON %s, the SDK %v", jv, v.Float())
			}
		case reflect.Float64:
			f, err := strconv.ParseFloat(string(jv), 64)
			if err != nil || f != v.Float() {
				c.fail(path, "JSON %s, the SDK %v", jv, v.Float())
			}
		default:
			c.fail(path, "JSON number %s, SDK %s", jv, v.Type())
		}
	default:
		c.fail(path, "unexpected JSON value %T", j)
	}
}

// oracleAgree fails t unless the SDK value decoded from a document holds
// exactly what encoding/json reads from it.
func oracleAgree(t testing.TB, doc any, sdkValue any) *oracleComparison {
	t.Helper()
	c := &oracleComparison{}
	c.compare("", doc, reflect.ValueOf(sdkValue))
	sort.Strings(c.problems)
	for _, p := range c.problems {
		t.Errorf("SDK and JSON disagree at %s", p)
	}
	return c
}

// oracleJobFromSDK fills a TrainingJob from an SDK value by member name,
// without this package's conversion code: pointers are dereferenced, enum
// strings converted, history entries copied member by member. Members the
// SDK value does not have (Tags on a describe response) stay zero.
func oracleJobFromSDK(t testing.TB, src any) tj.TrainingJob {
	t.Helper()
	var job tj.TrainingJob
	oracleConvert(t, "", reflect.ValueOf(&job).Elem(), reflect.ValueOf(src))
	return job
}

func oracleConvert(t testing.TB, path string, dst, src reflect.Value) {
	t.Helper()
	for src.Kind() == reflect.Pointer && dst.Kind() != reflect.Pointer {
		if src.IsNil() {
			return
		}
		src = src.Elem()
	}
	switch {
	case src.Type().AssignableTo(dst.Type()):
		dst.Set(src)
	case src.Kind() == reflect.Slice && dst.Kind() == reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(dst.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			oracleConvert(t, fmt.Sprintf("%s[%d]", path, i), s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case src.Kind() == reflect.Struct && dst.Kind() == reflect.Struct:
		for i := 0; i < dst.NumField(); i++ {
			f := dst.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if sf := src.FieldByName(f.Name); sf.IsValid() {
				oracleConvert(t, path+"."+f.Name, dst.Field(i), sf)
			}
		}
	case src.Type().ConvertibleTo(dst.Type()) && src.Kind() == dst.Kind():
		dst.Set(src.Convert(dst.Type()))
	default:
		t.Fatalf("oracleJobFromSDK: cannot put %s into %s at %s", src.Type(), dst.Type(), path)
	}
}

// ---------------------------------------------------------------------------
// The samples.

// oracleDescribeSamples lists the DescribeTrainingJob responses in the API's
// wire form: testdata/describe/*.json and the large one.
func oracleDescribeSamples(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "describe", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return append(files, filepath.Join("testdata", "large", "describe-large.json"))
}

func oracleRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

func oracleSampleName(path string) string {
	return filepath.ToSlash(strings.TrimPrefix(path, "testdata"+string(filepath.Separator)))
}

// TestOracleSDKDecodesSamples serves every API-form sample to a real
// aws-sdk-go-v2 client and checks that it decodes without error into exactly
// what encoding/json reads from the file: every member, every timestamp to
// the millisecond, nothing the SDK drops or adds.
func TestOracleSDKDecodesSamples(t *testing.T) {
	for _, path := range oracleDescribeSamples(t) {
		t.Run(oracleSampleName(path), func(t *testing.T) {
			t.Parallel()
			body := oracleRead(t, path)
			doc := oracleParse(t, body)
			out := describeViaSDK(t, body)
			c := oracleAgree(t, doc, out)
			require.Positive(t, c.times, "no timestamp compared")

			// The members the issue names, spelled out.
			m := doc.(map[string]any)
			assert.Equal(t, m["TrainingJobName"], aws.ToString(out.TrainingJobName))
			assert.Equal(t, m["TrainingJobStatus"], string(out.TrainingJobStatus))
			assert.Equal(t, m["SecondaryStatus"], string(out.SecondaryStatus))
			hist := m["SecondaryStatusTransitions"].([]any)
			require.Len(t, out.SecondaryStatusTransitions, len(hist))
			for i, e := range hist {
				want, err := oracleMillis(e.(map[string]any)["StartTime"])
				require.NoError(t, err)
				assert.Equal(t, want, out.SecondaryStatusTransitions[i].StartTime.UnixMilli(), "SecondaryStatusTransitions[%d].StartTime", i)
			}
			metrics, _ := m["FinalMetricDataList"].([]any)
			require.Len(t, out.FinalMetricDataList, len(metrics))
			for i, e := range metrics {
				e := e.(map[string]any)
				want, err := oracleMillis(e["Timestamp"])
				require.NoError(t, err)
				assert.Equal(t, want, out.FinalMetricDataList[i].Timestamp.UnixMilli(), "FinalMetricDataList[%d].Timestamp", i)
				f, err := strconv.ParseFloat(string(e["Value"].(json.Number)), 32)
				require.NoError(t, err)
				assert.Equal(t, float32(f), aws.ToFloat32(out.FinalMetricDataList[i].Value), "FinalMetricDataList[%d].Value", i)
			}
			t.Logf("%d timestamps and %d other values agree", c.times, c.leaves)
		})
	}
}

// TestOracleSDKDecodesSearchSamples does the same for the Search samples,
// through the SDK's Search operation.
func TestOracleSDKDecodesSearchSamples(t *testing.T) {
	response := oracleRead(t, filepath.Join("testdata", "search", "response.json"))
	result := oracleRead(t, filepath.Join("testdata", "search", "result.json"))
	for name, body := range map[string][]byte{
		"search/response.json": response,
		// A single record travels inside a response's Results.
		"search/result.json": []byte(`{"Results":[` + string(result) + `]}`),
	} {
		t.Run(name, func(t *testing.T) {
			out := searchViaSDK(t, body)
			c := oracleAgree(t, oracleParse(t, body), out)
			require.Len(t, out.Results, 1)
			require.NotNil(t, out.Results[0].TrainingJob)
			assert.NotEmpty(t, out.Results[0].TrainingJob.Tags)
			t.Logf("%d timestamps and %d other values agree", c.times, c.leaves)
		})
	}
}

// oracleTimestampForms counts how the timestamp members of a document are
// written: "integer", "decimal", "exponent", "ms" (milliseconds),
// "quoted-ms", "iso".
func oracleTimestampForms(v any, key string, counts map[string]int) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			oracleTimestampForms(e, k, counts)
		}
		return
	case []any:
		for _, e := range x {
			oracleTimestampForms(e, key, counts)
		}
		return
	}
	if !oracleTimeMembers[key] {
		return
	}
	switch x := v.(type) {
	case json.Number:
		s := string(x)
		switch {
		case strings.ContainsAny(s, "eE"):
			counts["exponent"]++
		case strings.Contains(s, "."):
			counts["decimal"]++
		case len(s) >= 12:
			counts["ms"]++
		default:
			counts["integer"]++
		}
	case string:
		if _, err := strconv.ParseInt(x, 10, 64); err == nil {
			counts["quoted-ms"]++
		} else {
			counts["iso"]++
		}
	}
}

// TestSampleFacts checks every DescribeTrainingJob sample against the facts
// about real histories that the package documentation and status.go record,
// and that each passes the default validation (built without this
// package's JSON or SDK code).
func TestSampleFacts(t *testing.T) {
	want := map[string][2]string{ // primary, secondary
		"completed.json":              {"Completed", "Completed"},
		"failed.json":                 {"Failed", "Failed"},
		"stopped.json":                {"Stopped", "Stopped"},
		"max-runtime-exceeded.json":   {"Stopped", "MaxRuntimeExceeded"},
		"max-wait-time-exceeded.json": {"Stopped", "MaxWaitTimeExceeded"},
		"spot-interrupted.json":       {"Completed", "Completed"},
		"in-progress.json":            {"InProgress", "Training"},
		"stopping-lagging.json":       {"Stopping", "Starting"},
		"deleting.json":               {"Deleting", "Completed"},
		"describe-large.json":         {"Completed", "Completed"},
	}
	var (
		mu             sync.Mutex
		seen           = map[string]bool{}
		forms          = map[string]int{}
		capitals       int
		nested         = map[string]int{}
		regions        = map[string]bool{}
		strictFailures []string
	)
	t.Run("each", func(t *testing.T) {
		for _, path := range oracleDescribeSamples(t) {
			t.Run(oracleSampleName(path), func(t *testing.T) {
				t.Parallel()
				body := oracleRead(t, path)
				out := describeViaSDK(t, body)
				base := filepath.Base(path)
				statuses, known := want[base]
				require.True(t, known, "no expectation for %s", base)
				counts := map[string]int{}
				oracleTimestampForms(oracleParse(t, body), "", counts)
				mu.Lock()
				seen[base] = true
				for k, n := range counts {
					forms[k] += n
				}
				mu.Unlock()

				name, arn := aws.ToString(out.TrainingJobName), aws.ToString(out.TrainingJobArn)
				assert.Equal(t, statuses[0], string(out.TrainingJobStatus))
				assert.Equal(t, statuses[1], string(out.SecondaryStatus))

				// The ARN: this account, one of the two regions, the name lower-cased.
				parts := strings.SplitN(arn, ":", 6)
				require.Len(t, parts, 6, "TrainingJobArn %q", arn)
				assert.Equal(t, "123456789012", parts[4], "account")
				assert.Contains(t, []string{"us-east-1", "eu-west-1"}, parts[3], "region")
				assert.Equal(t, "training-job/"+strings.ToLower(name), parts[5], "the name inside the ARN is lower-cased")
				mu.Lock()
				regions[parts[3]] = true
				if name != strings.ToLower(name) {
					capitals++
				}
				if len(out.FinalMetricDataList) > 0 {
					nested["FinalMetricDataList"]++
				}
				for _, s := range out.DebugRuleEvaluationStatuses {
					if s.LastModifiedTime != nil {
						nested["DebugRuleEvaluationStatuses"]++
					}
				}
				for _, s := range out.ProfilerRuleEvaluationStatuses {
					if s.LastModifiedTime != nil {
						nested["ProfilerRuleEvaluationStatuses"]++
					}
				}
				mu.Unlock()

				// The history.
				h := out.SecondaryStatusTransitions
				require.NotEmpty(t, h)
				require.NotNil(t, out.CreationTime)
				assert.True(t, h[0].StartTime.Equal(*out.CreationTime), "the first StartTime equals CreationTime")
				for i := 0; i+1 < len(h); i++ {
					if assert.NotNil(t, h[i].EndTime, "entry %d is closed", i) {
						assert.True(t, h[i].EndTime.Equal(*h[i+1].StartTime), "entry %d ends when entry %d starts", i, i+1)
					}
				}
				last := h[len(h)-1]
				assert.Equal(t, out.SecondaryStatus, last.Status, "the last entry's status is SecondaryStatus")

				finished := map[types.TrainingJobStatus]bool{"Completed": true, "Failed": true, "Stopped": true, "Deleting": true}[out.TrainingJobStatus]
				spot := aws.ToBool(out.EnableManagedSpotTraining)
				if finished {
					require.NotNil(t, out.TrainingEndTime, "a finished job has TrainingEndTime")
					require.NotNil(t, last.EndTime, "a finished job's last entry is closed")
					assert.True(t, last.StartTime.Equal(*last.EndTime) && last.EndTime.Equal(*out.TrainingEndTime),
						"the last entry starts and ends at TrainingEndTime")
					require.NotNil(t, out.TrainingStartTime)
					require.NotNil(t, out.TrainingTimeInSeconds)
					require.NotNil(t, out.BillableTimeInSeconds, "a finished job has BillableTimeInSeconds")
					span := out.TrainingEndTime.Sub(*out.TrainingStartTime)
					diff := span - time.Duration(*out.TrainingTimeInSeconds)*time.Second
					assert.True(t, diff > -time.Second && diff < time.Second,
						"TrainingTimeInSeconds %d within a second of %s", *out.TrainingTimeInSeconds, span)
					if spot {
						assert.Less(t, *out.BillableTimeInSeconds, *out.TrainingTimeInSeconds, "spot billing is below the training time")
					} else {
						assert.Equal(t, *out.TrainingTimeInSeconds, *out.BillableTimeInSeconds, "on demand, billable time equals training time")
					}
				} else {
					assert.Nil(t, last.EndTime, "a running job's last entry is open")
					assert.Nil(t, out.ModelArtifacts, "no ModelArtifacts while running")
					assert.Nil(t, out.TrainingEndTime, "no TrainingEndTime while running")
					assert.Nil(t, out.BillableTimeInSeconds, "no BillableTimeInSeconds while running")
				}
				if out.SecondaryStatus == "Completed" {
					assert.NotNil(t, out.ModelArtifacts, "a completed job has ModelArtifacts")
				}
				if out.TrainingJobStatus == "Failed" {
					require.GreaterOrEqual(t, len(h), 2)
					assert.Equal(t, types.SecondaryStatusUploading, h[len(h)-2].Status, "a failed job passes through Uploading")
					assert.NotEmpty(t, aws.ToString(out.FailureReason))
				}
				visits := map[types.SecondaryStatus]int{}
				for _, e := range h {
					visits[e.Status]++
				}
				switch base {
				case "spot-interrupted.json":
					assert.True(t, spot)
					for _, s := range []types.SecondaryStatus{"Starting", "Downloading", "Training"} {
						assert.Equal(t, 2, visits[s], "visits to %s", s)
					}
					assert.Equal(t, 1, visits["Interrupted"])
				case "max-wait-time-exceeded.json":
					assert.True(t, spot)
					assert.Positive(t, visits["Interrupted"])
				case "max-runtime-exceeded.json":
					assert.Greater(t, *out.TrainingTimeInSeconds, *out.StoppingCondition.MaxRuntimeInSeconds,
						"the runtime limit is enforced loosely")
				case "in-progress.json":
					assert.NotNil(t, out.TrainingTimeInSeconds, "elapsed time while running")
				case "describe-large.json":
					assert.Len(t, h, 1000)
					assert.Len(t, out.FinalMetricDataList, 40, "the service's limit")
					assert.Len(t, out.AlgorithmSpecification.MetricDefinitions, 40, "the service's limit")
					assert.Greater(t, visits["Interrupted"], 100)
				}

				// Default validation, on a TrainingJob filled by member name.
				job := oracleJobFromSDK(t, out)
				oracleAssertValid(t, base, job)
				if err := job.Validate(tj.Strict()); err != nil {
					mu.Lock()
					strictFailures = append(strictFailures, base+": "+err.Error())
					mu.Unlock()
				}
			})
		}
	})
	for base := range want {
		assert.True(t, seen[base], "sample %s is missing", base)
	}
	for _, f := range []string{"integer", "decimal", "exponent"} {
		assert.Positive(t, forms[f], "some sample writes timestamps in %s form", f)
	}
	assert.Positive(t, capitals, "some sample has capitals in its name")
	assert.Len(t, regions, 2, "samples from us-east-1 and eu-west-1")
	for _, k := range []string{"FinalMetricDataList", "DebugRuleEvaluationStatuses", "ProfilerRuleEvaluationStatuses"} {
		assert.Positive(t, nested[k], "some sample has %s with timestamps", k)
	}
	t.Logf("timestamp forms across the describe samples: %v", forms)
	sort.Strings(strictFailures)
	for _, s := range strictFailures {
		t.Logf("not strict (expected for what the service sends): %s", s)
	}
}

// oracleAssertValid checks that a sample passes default validation: every
// sample outside testdata/invalid does (TestSamplesAreValid walks them all).
func oracleAssertValid(t testing.TB, name string, job tj.TrainingJob) {
	t.Helper()
	assert.NoError(t, job.Validate(), "%s: default validation", name)
}

// oracleJobOf returns the training-job object inside a sample of any form.
func oracleJobOf(t testing.TB, doc any) map[string]any {
	t.Helper()
	m := doc.(map[string]any)
	switch {
	case m["detail"] != nil:
		return m["detail"].(map[string]any)
	case m["Results"] != nil:
		return m["Results"].([]any)[0].(map[string]any)["TrainingJob"].(map[string]any)
	case m["TrainingJob"] != nil:
		return m["TrainingJob"].(map[string]any)
	}
	delete(m, "$metadata")
	return m
}

// oracleWithout returns a copy of a canonical job without the named
// top-level members and without EndTime in its history entries when
// dropEndTimes is set.
func oracleWithout(job map[string]any, dropEndTimes bool, names ...string) map[string]any {
	out := make(map[string]any, len(job))
	for k, v := range job {
		out[k] = v
	}
	for _, n := range names {
		delete(out, n)
	}
	if dropEndTimes {
		if h, ok := out["SecondaryStatusTransitions"].([]any); ok {
			nh := make([]any, len(h))
			for i, e := range h {
				ne := map[string]any{}
				for k, v := range e.(map[string]any) {
					if k != "EndTime" {
						ne[k] = v
					}
				}
				nh[i] = ne
			}
			out["SecondaryStatusTransitions"] = nh
		}
	}
	return out
}

// oracleOnly returns a copy of job with only the members other has.
func oracleOnly(job, other map[string]any) map[string]any {
	out := map[string]any{}
	for k := range other {
		if v, ok := job[k]; ok {
			out[k] = v
		}
	}
	return out
}

// TestSampleFormsAgree checks that the samples in the other forms hold the
// same jobs as their DescribeTrainingJob counterparts, member for member,
// once timestamps are read as instants.
func TestSampleFormsAgree(t *testing.T) {
	canon := func(path string) map[string]any {
		return oracleCanon(t, oracleJobOf(t, oracleParse(t, oracleRead(t, filepath.FromSlash("testdata/"+path)))), "").(map[string]any)
	}
	completed := canon("describe/completed.json")
	inProgress := canon("describe/in-progress.json")
	spot := canon("describe/spot-interrupted.json")

	t.Run("cli-v2", func(t *testing.T) { assert.Equal(t, completed, canon("cli-v2/completed-offset.json")) })
	t.Run("js-sdk", func(t *testing.T) { assert.Equal(t, completed, canon("js-sdk/completed.json")) })
	for _, c := range []struct {
		path string
		job  map[string]any
	}{
		{"events/state-change-completed.json", completed},
		{"events/state-change-in-progress.json", inProgress},
	} {
		t.Run(c.path, func(t *testing.T) {
			doc := oracleParse(t, oracleRead(t, filepath.FromSlash("testdata/"+c.path))).(map[string]any)
			assert.Equal(t, "aws.sagemaker", doc["source"])
			assert.Equal(t, "SageMaker Training Job State Change", doc["detail-type"])
			assert.Equal(t, "0", doc["version"])
			assert.Equal(t, "123456789012", doc["account"])
			assert.NotEmpty(t, doc["id"])
			_, err := time.Parse(time.RFC3339, doc["time"].(string))
			assert.NoError(t, err, "envelope time")
			detail := oracleCanon(t, doc["detail"], "").(map[string]any)
			assert.Equal(t, []any{detail["TrainingJobArn"]}, doc["resources"])
			assert.Equal(t, strings.Split(detail["TrainingJobArn"].(string), ":")[3], doc["region"])
			for _, e := range detail["SecondaryStatusTransitions"].([]any) {
				assert.NotContains(t, e, "EndTime", "event entries carry no EndTime")
			}
			event := oracleWithout(detail, false, "Tags")
			assert.Equal(t, oracleOnly(oracleWithout(c.job, true), event), event)
		})
	}
	t.Run("invalid/other-detail-type.json", func(t *testing.T) {
		doc := oracleParse(t, oracleRead(t, filepath.FromSlash("testdata/invalid/other-detail-type.json"))).(map[string]any)
		assert.Equal(t, "aws.sagemaker", doc["source"])
		assert.NotEqual(t, "SageMaker Training Job State Change", doc["detail-type"])
		assert.Contains(t, doc["detail-type"], "SageMaker")
	})
	for _, path := range []string{"search/response.json", "search/result.json"} {
		t.Run(path, func(t *testing.T) {
			rec := canon(path)
			assert.NotEmpty(t, rec["Tags"])
			rec = oracleWithout(rec, false, "Tags")
			assert.Equal(t, oracleOnly(spot, rec), rec)
		})
	}
}

// TestSampleFormsValidate checks that the jobs in the samples of the other
// forms pass default validation too: each is rewritten in the API's form,
// decoded by the SDK's client and filled into a TrainingJob by member name.
func TestSampleFormsValidate(t *testing.T) {
	for _, path := range []string{
		"cli-v2/completed-offset.json", "js-sdk/completed.json",
		"events/state-change-completed.json", "events/state-change-in-progress.json",
		"search/response.json", "search/result.json",
	} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			job := oracleCanon(t, oracleJobOf(t, oracleParse(t, oracleRead(t, filepath.FromSlash("testdata/"+path)))), "").(map[string]any)
			delete(job, "Tags") // no member of a describe response
			body, err := json.Marshal(oracleWire(job))
			require.NoError(t, err)
			out := describeViaSDK(t, body)
			oracleAgree(t, oracleParse(t, body), out)
			j := oracleJobFromSDK(t, out)
			assert.NoError(t, j.Validate(), "default validation")
		})
	}
}

// ---------------------------------------------------------------------------
// The AWS CLI.

// oracleISOPattern is how the CLI writes a timestamp with
// cli_timestamp_format = iso8601 (and how CLI v2 writes one by default):
// six fraction digits, none for a whole second, and a ±hh:mm offset.
var oracleISOPattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d$`)

// oracleCheckCLITimes checks the form of every timestamp the CLI printed:
// numbers by default, ISO strings with the zone's offset in iso8601 mode.
func oracleCheckCLITimes(t testing.TB, v any, key string, iso bool, offset string) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			oracleCheckCLITimes(t, e, k, iso, offset)
		}
		return
	case []any:
		for _, e := range x {
			oracleCheckCLITimes(t, e, key, iso, offset)
		}
		return
	}
	if !oracleTimeMembers[key] {
		return
	}
	if !iso {
		_, ok := v.(json.Number)
		assert.True(t, ok, "%s printed as %v, want a JSON number", key, v)
		return
	}
	s, ok := v.(string)
	if !assert.True(t, ok, "%s printed as %v, want a string", key, v) {
		return
	}
	assert.Regexp(t, oracleISOPattern, s, key)
	assert.True(t, strings.HasSuffix(s, offset), "%s %s is not in the zone %s", key, s, offset)
	if ts, err := time.Parse(time.RFC3339Nano, s); assert.NoError(t, err) {
		assert.Equal(t, ts.Nanosecond() != 0, strings.Contains(s, "."), "%s %s: a fraction only when the second is not whole", key, s)
	}
}

// TestOracleCLIReadsSamples serves every API-form sample to the AWS CLI and
// checks what it prints: by default the same members with the timestamps
// as numbers of the same instants; with cli_timestamp_format = iso8601 in a
// -05:00 zone, ISO strings of the same instants in the form CLI v2 prints
// by default. For describe/completed.json that output must equal
// testdata/cli-v2/completed-offset.json.
//
// Each run of the CLI costs about a second of CPU, so by default only the
// representative cases run: describe/completed.json, the sample with the
// most members (nested timestamps in final metrics and in both kinds of
// rule evaluation statuses) and the one cli-v2/completed-offset.json must
// match, and the Search response, the CLI's other operation and its
// paginator. TRAININGJOB_ALL_ORACLES=1 runs every sample.
func TestOracleCLIReadsSamples(t *testing.T) {
	oracleAWS(t)
	for _, path := range oracleDescribeSamples(t) {
		t.Run(oracleSampleName(path), func(t *testing.T) {
			if oracleSampleName(path) != "describe/completed.json" {
				testenv.SkipUnlessAllOracles(t, "by default the AWS CLI reads only describe/completed.json of the describe samples")
			}
			t.Parallel()
			body := oracleRead(t, path)
			want := oracleCanon(t, oracleParse(t, body), "")

			printed := oracleParse(t, describeViaCLI(t, body))
			oracleCheckCLITimes(t, printed, "", false, "")
			assert.Equal(t, want, oracleCanon(t, printed, ""), "the CLI's default output holds the same job")

			iso := oracleParse(t, describeViaCLIWith(t, body, oracleCLIOptions{TimestampFormat: "iso8601", TZ: "<-05>5"}))
			oracleCheckCLITimes(t, iso, "", true, "-05:00")
			assert.Equal(t, want, oracleCanon(t, iso, ""), "the CLI's iso8601 output holds the same job")

			if filepath.Base(path) == "completed.json" {
				sample := oracleParse(t, oracleRead(t, filepath.Join("testdata", "cli-v2", "completed-offset.json")))
				assert.Equal(t, sample, iso, "testdata/cli-v2/completed-offset.json is what the CLI prints")
			}
		})
	}
	t.Run("search/response.json", func(t *testing.T) {
		t.Parallel()
		body := oracleRead(t, filepath.Join("testdata", "search", "response.json"))
		printed := oracleParse(t, searchViaCLI(t, body))
		// The CLI's paginator adds the result keys the response lacked, as null.
		assert.Nil(t, printed.(map[string]any)["TotalHits"])
		delete(printed.(map[string]any), "TotalHits")
		oracleCheckCLITimes(t, printed, "", false, "")
		assert.Equal(t, oracleCanon(t, oracleParse(t, body), ""), oracleCanon(t, printed, ""))
	})
}

// TestOracleCLITimestampExample records, in the test log, exactly what the
// installed CLI prints for one timestamp in each mode. By default it runs
// the CLI's default mode and iso8601 in a zone that is not UTC, which
// covers both forms and the zone's offset; TRAININGJOB_ALL_ORACLES=1 adds
// iso8601 in UTC.
func TestOracleCLITimestampExample(t *testing.T) {
	oracleAWS(t)
	body := []byte(`{"TrainingJobName":"Example-Job","TrainingJobArn":"arn:aws:sagemaker:us-east-1:123456789012:training-job/example-job",` +
		`"TrainingJobStatus":"InProgress","SecondaryStatus":"Starting","StoppingCondition":{"MaxRuntimeInSeconds":3600},` +
		`"CreationTime":1.709892000123E9,"LastModifiedTime":1709892060}`)
	for _, c := range []struct {
		name string
		o    oracleCLIOptions
		want map[string]string
	}{
		{"default", oracleCLIOptions{}, map[string]string{"CreationTime": "1709892000.123", "LastModifiedTime": "1709892060"}},
		{"iso8601 UTC", oracleCLIOptions{TimestampFormat: "iso8601"},
			map[string]string{"CreationTime": `"2024-03-08T10:00:00.123000+00:00"`, "LastModifiedTime": `"2024-03-08T10:01:00+00:00"`}},
		{"iso8601 -05:00", oracleCLIOptions{TimestampFormat: "iso8601", TZ: "<-05>5"},
			map[string]string{"CreationTime": `"2024-03-08T05:00:00.123000-05:00"`, "LastModifiedTime": `"2024-03-08T05:01:00-05:00"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "iso8601 UTC" {
				testenv.SkipUnlessAllOracles(t, "iso8601 in UTC differs from the -05:00 case only by its offset")
			}
			t.Parallel()
			out := describeViaCLIWith(t, body, c.o)
			var raw map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(out, &raw))
			for k, v := range c.want {
				assert.Equal(t, v, string(raw[k]), k)
			}
			t.Logf("CreationTime %s, LastModifiedTime %s", raw["CreationTime"], raw["LastModifiedTime"])
		})
	}
}
