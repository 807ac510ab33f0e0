package logs_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/logs"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// request returns a valid create request for a job on n instances.
func request(name string, n int32) *sagemaker.CreateTrainingJobInput {
	return &sagemaker.CreateTrainingJobInput{
		TrainingJobName: aws.String(name),
		RoleArn:         aws.String("arn:aws:iam::123456789012:role/LogsTestRole"),
		AlgorithmSpecification: &types.AlgorithmSpecification{
			TrainingImage:     aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1"),
			TrainingInputMode: types.TrainingInputModeFile,
		},
		OutputDataConfig:  &types.OutputDataConfig{S3OutputPath: aws.String("s3://logs-bucket/models/")},
		ResourceConfig:    &types.ResourceConfig{InstanceType: types.TrainingInstanceTypeMlM5Xlarge, InstanceCount: aws.Int32(n), VolumeSizeInGB: aws.Int32(30)},
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(86400)},
	}
}

func create(t *testing.T, f *trainingjobtest.Fake, in *sagemaker.CreateTrainingJobInput) {
	t.Helper()
	_, err := f.CreateTrainingJob(context.Background(), in)
	require.NoError(t, err)
}

// streamLines reads every stream of the job straight from the fake, one
// after the other: what the merged feed must hold, in another order.
func streamLines(t *testing.T, f *trainingjobtest.Fake, job string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	ds, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(logs.LogGroup), LogStreamNamePrefix: aws.String(job + "/")})
	require.NoError(t, err)
	out := map[string][]string{}
	for _, s := range ds.LogStreams {
		ev, err := f.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(logs.LogGroup), LogStreamName: s.LogStreamName, StartFromHead: aws.Bool(true)})
		require.NoError(t, err)
		for _, e := range ev.Events {
			out[*s.LogStreamName] = append(out[*s.LogStreamName], aws.ToString(e.Message))
		}
	}
	return out
}

// checkMerged requires lines to be in time order and to hold each stream's
// lines once, in the stream's order.
func checkMerged(t *testing.T, want map[string][]string, lines []logs.Line) {
	t.Helper()
	got := map[string][]string{}
	for i, l := range lines {
		if i > 0 {
			require.False(t, l.Time.Before(lines[i-1].Time), "line %d (%s) is before line %d (%s)", i, l.Time, i-1, lines[i-1].Time)
		}
		got[l.Stream] = append(got[l.Stream], l.Message)
		s, ok := logs.ParseStreamName(l.Stream)
		require.True(t, ok, l.Stream)
		assert.Equal(t, s.Instance, l.Instance)
		assert.False(t, l.Ingested.Before(l.Time))
	}
	assert.Equal(t, want, got)
}

func TestReadMergesTheInstances(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("read-three", 3))
	f.Advance(time.Hour)

	lines, err := logs.Read(context.Background(), f, "read-three")
	require.NoError(t, err)
	checkMerged(t, streamLines(t, f, "read-three"), lines)
	switches := 0
	for i := 1; i < len(lines); i++ {
		if lines[i].Instance != lines[i-1].Instance {
			switches++
		}
	}
	assert.Greater(t, switches, 30, "the instances' lines interleave")

	since := lines[len(lines)/2].Time
	later, err := logs.Read(context.Background(), f, "read-three", logs.WithSince(since))
	require.NoError(t, err)
	require.NotEmpty(t, later)
	assert.False(t, later[0].Time.Before(since))
	n := 0
	for _, l := range lines {
		if !l.Time.Before(since) {
			n++
		}
	}
	assert.Len(t, later, n)
}

func TestReadWhenThereIsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	_, err := logs.Read(ctx, f, "nobody")
	require.ErrorIs(t, err, logs.ErrNoLogGroup)
	assert.Contains(t, err.Error(), `"nobody"`)

	create(t, f, request("ran", 1))
	f.Advance(time.Hour)
	_, err = logs.Read(ctx, f, "nobody")
	require.ErrorIs(t, err, logs.ErrNoStreams)
	_, err = logs.Read(ctx, f, "ra")
	require.ErrorIs(t, err, logs.ErrNoStreams, "a prefix of another job's name is not that job")

	_, err = logs.Read(ctx, nil, "x")
	require.Error(t, err)
}

// Watch gives one feed in time order: the status changes of the job and
// its lines, each once, the lines between the Training and Uploading
// changes.
func TestWatchInterleavesStatusAndLines(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("feed", 2))
	var entries []logs.Entry
	var lines []logs.Line
	err := logs.Watch(context.Background(), f, f, "feed", func(e logs.Entry) error {
		entries = append(entries, e)
		if e.Line != nil {
			lines = append(lines, *e.Line)
		}
		return nil
	})
	require.NoError(t, err)
	checkMerged(t, streamLines(t, f, "feed"), lines)

	var order []string
	for i, e := range entries {
		require.True(t, (e.Line == nil) != (e.Status == nil), "entry %d is a line or a status", i)
		if i > 0 {
			require.False(t, e.Time.Before(entries[i-1].Time), "entry %d", i)
		}
		if e.Status != nil {
			order = append(order, fmt.Sprintf("%s/%s", e.Status.Job.TrainingJobStatus, e.Status.Job.SecondaryStatus))
			continue
		}
		if len(order) == 0 || order[len(order)-1] != "line" {
			order = append(order, "line")
		}
	}
	assert.Equal(t, []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "line",
		"InProgress/Uploading", "Completed/Completed"}, order)
	last := entries[len(entries)-1].Status
	require.NotNil(t, last)
	assert.Equal(t, trainingjob.OutcomeSucceeded, last.Outcome)
}

func TestFollowSixteenInstances(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("sixteen", 16))
	var lines []logs.Line
	var started []string
	err := logs.Follow(context.Background(), f, f, "sixteen", func(l logs.Line) error {
		lines = append(lines, l)
		return nil
	}, logs.WithNoticeHandler(func(n logs.Notice) error {
		if n.Kind == logs.NoticeNewStream {
			started = append(started, n.Stream)
		}
		return nil
	}))
	require.NoError(t, err)
	want := streamLines(t, f, "sixteen")
	require.Len(t, want, 16)
	checkMerged(t, want, lines)
	assert.Len(t, started, 16)
}

// A spot interruption ends the instances' streams and the next start
// opens new ones, which the feed follows.
func TestFollowFindsTheStreamsOfARestart(t *testing.T) {
	t.Parallel()
	s, err := trainingjobtest.ParseScenario("interruptions=1")
	require.NoError(t, err)
	f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario("spot", s))
	in := request("spot", 2)
	in.EnableManagedSpotTraining = aws.Bool(true)
	in.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(172800)
	create(t, f, in)

	var lines []logs.Line
	var notices []logs.Notice
	err = logs.Follow(context.Background(), f, f, "spot", func(l logs.Line) error {
		lines = append(lines, l)
		return nil
	}, logs.WithNoticeHandler(func(n logs.Notice) error {
		notices = append(notices, n)
		return nil
	}))
	require.NoError(t, err)
	want := streamLines(t, f, "spot")
	require.Len(t, want, 4, "two instances, two starts")
	checkMerged(t, want, lines)

	var kinds []string
	for _, n := range notices {
		kinds = append(kinds, n.Kind.String())
	}
	assert.Equal(t, []string{"NoLogGroup", "NewStream", "NewStream", "NewStream", "NewStream"}, kinds)
	interrupted, resumed := -1, -1
	for i, l := range lines {
		if strings.Contains(l.Message, "Spot interruption notice") {
			interrupted = i
		}
		if strings.Contains(l.Message, "Resuming from checkpoint") && resumed < 0 {
			resumed = i
		}
	}
	require.Positive(t, interrupted)
	assert.Greater(t, resumed, interrupted)
	assert.NotEqual(t, lines[interrupted].Stream, lines[resumed].Stream)
}

// Throttled calls are retried after a notice, and the feed loses nothing;
// past WithMaxRetries the throttling error ends it.
func TestFollowRetriesThrottling(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("throttled", 2))
	var lines []logs.Line
	retries := 0
	err := logs.Follow(context.Background(), f, f, "throttled", func(l logs.Line) error {
		if len(lines)%20 == 0 {
			f.ThrottleLogs(3)
		}
		lines = append(lines, l)
		return nil
	}, logs.WithNoticeHandler(func(n logs.Notice) error {
		if n.Kind == logs.NoticeRetry {
			retries++
			var apiErr smithy.APIError
			require.ErrorAs(t, n.Err, &apiErr)
			assert.Equal(t, trainingjobtest.CodeThrottlingException, apiErr.ErrorCode())
			assert.Positive(t, n.Wait)
		}
		return nil
	}))
	require.NoError(t, err)
	checkMerged(t, streamLines(t, f, "throttled"), lines)
	assert.Positive(t, retries)

	f2 := trainingjobtest.NewFake()
	create(t, f2, request("stuck", 1))
	f2.Advance(time.Hour)
	f2.ThrottleLogs(1000)
	err = logs.Follow(context.Background(), f2, f2, "stuck", nil, logs.WithMaxRetries(2))
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, trainingjobtest.CodeThrottlingException, apiErr.ErrorCode())
	assert.Contains(t, err.Error(), "3 failed attempts in a row")
}

// A job deleted while it is followed: the lines its streams hold are
// delivered, and the end says the job is gone unless the watch saw it
// being deleted.
func TestFollowAJobDeletedMeanwhile(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		deletingFor time.Duration
		wantErr     bool
	}{
		{"vanished", time.Second, true},
		{"seen-deleting", time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			f := trainingjobtest.NewFake(trainingjobtest.WithDeletingFor(tc.deletingFor))
			create(t, f, request("gone", 2))
			f.Advance(10 * time.Minute)
			var lines []logs.Line
			deleted := false
			err := logs.Follow(ctx, f, f, "gone", func(l logs.Line) error {
				lines = append(lines, l)
				if !deleted {
					deleted = true
					f.Advance(time.Hour)
					_, err := f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("gone")})
					require.NoError(t, err)
				}
				return nil
			}, logs.WithIngestionDelay(0))
			if tc.wantErr {
				require.ErrorIs(t, err, trainingjob.ErrJobNotFound)
			} else {
				require.NoError(t, err)
			}
			checkMerged(t, streamLines(t, f, "gone"), sortedByTime(lines))
		})
	}
}

// sortedByTime is lines in time order: with no ingestion delay, lines are
// delivered in the order of each poll.
func sortedByTime(lines []logs.Line) []logs.Line {
	out := append([]logs.Line(nil), lines...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (out[j].Time.Before(out[j-1].Time) || out[j].Time.Equal(out[j-1].Time) && out[j].Stream < out[j-1].Stream); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestFollowStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("cancelled", 2))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := logs.Follow(ctx, f, f, "cancelled", func(l logs.Line) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.GreaterOrEqual(t, n, 10)
	assert.Less(t, n, 100, "lines stop soon after the context ends")
}

func TestFollowReturnsTheHandlersError(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	create(t, f, request("handler", 1))
	stop := errors.New("enough")
	err := logs.Follow(context.Background(), f, f, "handler", func(logs.Line) error { return stop })
	require.Same(t, stop, err)
	err = logs.Follow(context.Background(), f, f, "handler", nil, logs.WithNoticeHandler(func(logs.Notice) error { return stop }))
	require.Same(t, stop, err)
}

func TestFollowAJobThatDoesNotExist(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	err := logs.Follow(context.Background(), f, f, "missing", nil)
	require.ErrorIs(t, err, trainingjob.ErrJobNotFound)
	assert.Contains(t, err.Error(), `"missing"`)
}

// The feed works over the wire too: the SDK's clients talk to the fake's
// server, whose errors arrive as the SDK's types.
func TestFollowOverHTTP(t *testing.T) {
	t.Parallel()
	srv := trainingjobtest.NewServer(nil)
	t.Cleanup(srv.Close)
	_, err := srv.SDKClient().CreateTrainingJob(context.Background(), request("wire", 2))
	require.NoError(t, err)
	var lines []logs.Line
	var kinds []logs.NoticeKind
	err = logs.Follow(context.Background(), srv.LogsClient(), srv.SDKClient(), "wire", func(l logs.Line) error {
		lines = append(lines, l)
		return nil
	}, logs.WithClock(srv.Fake.Now, srv.Fake.Sleep), logs.WithPollDelay(10*time.Second, time.Minute),
		logs.WithNoticeHandler(func(n logs.Notice) error {
			kinds = append(kinds, n.Kind)
			return nil
		}))
	require.NoError(t, err)
	checkMerged(t, streamLines(t, srv.Fake, "wire"), lines)
	assert.Equal(t, []logs.NoticeKind{logs.NoticeNoLogGroup, logs.NoticeNewStream, logs.NoticeNewStream}, kinds)
}

func TestOptionsInvalid(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	for name, opt := range map[string]logs.Option{
		"zero delay":         logs.WithPollDelay(0, time.Second),
		"max below min":      logs.WithPollDelay(time.Minute, time.Second),
		"negative ingestion": logs.WithIngestionDelay(-time.Second),
	} {
		err := logs.Follow(context.Background(), f, f, "x", nil, opt)
		assert.ErrorIs(t, err, trainingjob.ErrInvalidOption, name)
		_, err = logs.Read(context.Background(), f, "x", opt)
		assert.ErrorIs(t, err, trainingjob.ErrInvalidOption, name)
	}
	assert.Empty(t, f.Calls(), "options are checked before any call")
}

func TestParseStreamName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		ok   bool
		want logs.Stream
	}{
		{"job/algo-1-1709294580", true, logs.Stream{Job: "job", Instance: "algo-1", Host: 1, Started: time.Unix(1709294580, 0).UTC()}},
		{"my-job-2/algo-16-1572629516", true, logs.Stream{Job: "my-job-2", Instance: "algo-16", Host: 16, Started: time.Unix(1572629516, 0).UTC()}},
		{"job/algo-0-1", false, logs.Stream{}},
		{"job/algo-1", false, logs.Stream{}},
		{"job/algo-x-1", false, logs.Stream{}},
		{"job/algo-+1-1", false, logs.Stream{}},
		{"job/algo-1-+1", false, logs.Stream{}},
		{"job/host-1-1", false, logs.Stream{}},
		{"/algo-1-1", false, logs.Stream{}},
		{"algo-1-1", false, logs.Stream{}},
		{"", false, logs.Stream{}},
	}
	for _, tc := range cases {
		got, ok := logs.ParseStreamName(tc.name)
		assert.Equal(t, tc.ok, ok, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
}

func TestNoticeString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    logs.Notice
		want string
	}{
		{logs.Notice{Kind: logs.NoticeNoLogGroup}, "the log group /aws/sagemaker/TrainingJobs does not exist yet; waiting for the job's first line"},
		{logs.Notice{Kind: logs.NoticeNoStreams, Job: "j"}, `training job "j" has no log streams yet; waiting for its instances to start`},
		{logs.Notice{Kind: logs.NoticeNewStream, Stream: "j/algo-2-1709294580"}, "algo-2 started at 2024-03-01T12:03:00Z: stream j/algo-2-1709294580"},
		{logs.Notice{Kind: logs.NoticeNewStream, Stream: "j/other"}, "new stream j/other"},
		{logs.Notice{Kind: logs.NoticeRetry, Err: errors.New("Rate exceeded"), Wait: 10 * time.Second}, "Rate exceeded; trying again in 10s"},
		{logs.Notice{Kind: 99}, "NoticeKind(99)"},
	} {
		assert.Equal(t, tc.want, tc.n.String())
	}
}

// scripted is a CloudWatch Logs client whose streams hold given lines,
// each readable from its ingestion time on the fake's clock: it makes
// lines written in one order readable in another, as the service may.
type scripted struct {
	f       *trainingjobtest.Fake
	streams map[string][]scriptedLine
}

type scriptedLine struct {
	at, ingested time.Duration // after the fake's start
	msg          string
}

func (s *scripted) visible(name string) []scriptedLine {
	now := s.f.Now().Sub(trainingjobtest.DefaultFakeStart())
	var out []scriptedLine
	for _, l := range s.streams[name] {
		if l.ingested <= now {
			out = append(out, l)
		}
	}
	return out
}

func (s *scripted) DescribeLogStreams(_ context.Context, in *cloudwatchlogs.DescribeLogStreamsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogStreamsOutput, error) {
	out := &cloudwatchlogs.DescribeLogStreamsOutput{}
	for name := range s.streams {
		if len(s.visible(name)) > 0 && strings.HasPrefix(name, aws.ToString(in.LogStreamNamePrefix)) {
			out.LogStreams = append(out.LogStreams, cwtypes.LogStream{LogStreamName: aws.String(name)})
		}
	}
	return out, nil
}

func (s *scripted) GetLogEvents(_ context.Context, in *cloudwatchlogs.GetLogEventsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error) {
	from := 0
	if in.NextToken != nil {
		from, _ = strconv.Atoi(*in.NextToken)
	}
	lines := s.visible(*in.LogStreamName)
	out := &cloudwatchlogs.GetLogEventsOutput{NextForwardToken: aws.String(strconv.Itoa(len(lines)))}
	start := trainingjobtest.DefaultFakeStart()
	for _, l := range lines[from:] {
		out.Events = append(out.Events, cwtypes.OutputLogEvent{
			Timestamp: aws.Int64(start.Add(l.at).UnixMilli()), IngestionTime: aws.Int64(start.Add(l.ingested).UnixMilli()), Message: aws.String(l.msg)})
	}
	return out, nil
}

// A line written earlier on one instance but readable later than a line
// of another instance still comes first: the feed holds lines back for
// the ingestion delay. Without the delay, lines come in the order they
// became readable.
func TestFollowOrdersLinesReadableOutOfOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		delay time.Duration
		want  []string
	}{
		{"held back", logs.DefaultIngestionDelay, []string{"a1", "b1", "a2", "b2"}},
		{"no delay", 0, []string{"b1", "a1", "b2", "a2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := trainingjobtest.NewFake()
			create(t, f, request("scripted", 2))
			c := &scripted{f: f, streams: map[string][]scriptedLine{
				"scripted/algo-1-1709294580": {{200 * time.Second, 204 * time.Second, "a1"}, {300 * time.Second, 303 * time.Second, "a2"}},
				"scripted/algo-2-1709294580": {{201 * time.Second, 201300 * time.Millisecond, "b1"}, {301 * time.Second, 301 * time.Second, "b2"}},
			}}
			var got []string
			err := logs.Follow(context.Background(), c, f, "scripted", func(l logs.Line) error {
				got = append(got, l.Message)
				return nil
			}, logs.WithPollDelay(time.Second, time.Second), logs.WithIngestionDelay(tc.delay))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// FuzzParseStreamName reads any name: nothing panics, and a name it
// accepts has SageMaker's form: the job, "/algo-", a host number from 1,
// "-" and the start's epoch seconds.
func FuzzParseStreamName(f *testing.F) {
	for _, seed := range []string{
		"job/algo-1-1709294580", "my-job-2/algo-16-1572629516", "job/algo-0-1", "job/algo-1", "job/algo--1-1",
		"job/algo-1-99999999999999999999", "job/algo-01-001", "a/b/algo-1-1", "/algo-1-1", "job/algo-1-1/extra", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s, ok := logs.ParseStreamName(name)
		if !ok {
			if s != (logs.Stream{}) {
				t.Fatalf("%q: not ok, but %+v", name, s)
			}
			return
		}
		want := s.Job + "/" + s.Instance + "-"
		if !strings.HasPrefix(name, want) || s.Host < 1 || strings.ContainsRune(s.Job, '/') || s.Started.Unix() < 0 {
			t.Fatalf("%q gives %+v", name, s)
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(s.Instance, "algo-")); err != nil || n != s.Host {
			t.Fatalf("%q: instance %q, host %d", name, s.Instance, s.Host)
		}
	})
}
