package trainingjobtest_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// logsReader is what the tests read logs through: the fake itself, or the
// SDK's client talking to the fake's HTTP server.
type logsReader interface {
	cloudwatchlogs.DescribeLogStreamsAPIClient
	cloudwatchlogs.GetLogEventsAPIClient
	cloudwatchlogs.FilterLogEventsAPIClient
}

// streamNames lists the streams whose names start with prefix, through the
// SDK's paginator.
func streamNames(t *testing.T, c logsReader, prefix string, pageSize int32) []string {
	t.Helper()
	in := &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), Limit: aws.Int32(pageSize)}
	if prefix != "" {
		in.LogStreamNamePrefix = aws.String(prefix)
	}
	p := cloudwatchlogs.NewDescribeLogStreamsPaginator(c, in)
	var names []string
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		for _, s := range out.LogStreams {
			names = append(names, aws.ToString(s.LogStreamName))
		}
	}
	return names
}

// streamEvents reads a stream from its head through the SDK's paginator, a
// page of pageSize events at a time. The paginator stops at a repeated
// forward token only when asked to (StopOnDuplicateToken): the service, and
// the fake, answer at the end with the token they were given.
func streamEvents(t *testing.T, c logsReader, stream string, pageSize int32) []cwtypes.OutputLogEvent {
	t.Helper()
	p := cloudwatchlogs.NewGetLogEventsPaginator(c, &cloudwatchlogs.GetLogEventsInput{
		LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamName: aws.String(stream), StartFromHead: aws.Bool(true),
	}, func(o *cloudwatchlogs.GetLogEventsPaginatorOptions) {
		o.Limit = pageSize
		o.StopOnDuplicateToken = true
	})
	var events []cwtypes.OutputLogEvent
	for pages := 0; p.HasMorePages(); pages++ {
		require.Less(t, pages, 100000, "the paginator does not stop")
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		events = append(events, out.Events...)
	}
	return events
}

// filterAll reads every event FilterLogEvents returns for the input.
func filterAll(t *testing.T, c logsReader, in *cloudwatchlogs.FilterLogEventsInput) []cwtypes.FilteredLogEvent {
	t.Helper()
	in.LogGroupName = aws.String(trainingjobtest.LogGroupName)
	p := cloudwatchlogs.NewFilterLogEventsPaginator(c, in)
	var events []cwtypes.FilteredLogEvent
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		events = append(events, out.Events...)
	}
	return events
}

func messages[E cwtypes.OutputLogEvent | cwtypes.FilteredLogEvent](events []E) []string {
	out := make([]string, len(events))
	for i, e := range events {
		switch e := any(e).(type) {
		case cwtypes.OutputLogEvent:
			out[i] = aws.ToString(e.Message)
		case cwtypes.FilteredLogEvent:
			out[i] = aws.ToString(e.Message)
		}
	}
	return out
}

var streamNameForm = regexp.MustCompile(`^([^/]+)/algo-(\d+)-(\d{10})$`)

// A job writes nothing before its containers start; then one stream per
// instance, named as SageMaker names them, whose lines are in time order,
// visible only once ingested, and end with the toolkit's verdict.
func TestFakeLogsOfACompletedJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("logs-done"))

	_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName)})
	var missing *cwtypes.ResourceNotFoundException
	require.ErrorAs(t, err, &missing, "no job has written a line: the group does not exist yet")
	assert.Equal(t, trainingjobtest.NoLogGroupMessage, aws.ToString(missing.Message))

	f.Advance(time.Hour)
	job := fkDescribe(t, f, "logs-done")
	require.Equal(t, trainingjob.StatusCompleted, job.TrainingJobStatus)
	var trainingAt time.Time
	for _, tr := range job.SecondaryStatusTransitions {
		if tr.Status == trainingjob.SecondaryStatusTraining {
			trainingAt = tr.StartTime
		}
	}
	names := streamNames(t, f, "logs-done/", 50)
	require.Len(t, names, 2, "one stream per instance")
	for i, name := range names {
		m := streamNameForm.FindStringSubmatch(name)
		require.NotNil(t, m, name)
		assert.Equal(t, "logs-done", m[1])
		assert.Equal(t, strconv.Itoa(i+1), m[2])
		assert.Equal(t, strconv.FormatInt(trainingAt.Unix(), 10), m[3], "the suffix is when the container started: at Training, after the download")

		events := streamEvents(t, f, name, 10000)
		require.NotEmpty(t, events)
		msgs := messages(events)
		assert.Contains(t, msgs[0], "bash: cannot set terminal process group")
		assert.Contains(t, strings.Join(msgs, "\n"), "Input data channel train: /opt/ml/input/data/train (from s3://fake-bucket/train/)")
		assert.Contains(t, strings.Join(msgs, "\n"), fmt.Sprintf("Host algo-%d of 2", i+1))
		assert.Contains(t, msgs[len(msgs)-1], "Reporting training SUCCESS")
		for k, e := range events {
			ts, ingest := aws.ToInt64(e.Timestamp), aws.ToInt64(e.IngestionTime)
			assert.GreaterOrEqual(t, ingest, ts, "line %d is ingested after it is written", k)
			assert.GreaterOrEqual(t, ts, trainingAt.UnixMilli(), "line %d", k)
			assert.LessOrEqual(t, ingest, job.TrainingEndTime.UnixMilli(), "line %d: a finished job's logs are whole", k)
			if k > 0 {
				assert.GreaterOrEqual(t, ts, aws.ToInt64(events[k-1].Timestamp), "line %d is in time order", k)
			}
		}
	}
}

// Lines appear as the job writes them: a reader polling with the forward
// token sees each line once, and the stream's listing follows the last
// line.
func TestFakeLogsGrowWhileTheJobRuns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("logs-live"))
	f.Advance(4 * time.Minute) // in Training since a minute
	names := streamNames(t, f, "logs-live/", 50)
	require.Len(t, names, 2)

	in := &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamName: aws.String(names[0]), StartFromHead: aws.Bool(true)}
	var seen []string
	var lastDescribed int64
	for step := 0; step < 40; step++ {
		out, err := f.GetLogEvents(ctx, in)
		require.NoError(t, err)
		for _, e := range out.Events {
			assert.LessOrEqual(t, aws.ToInt64(e.IngestionTime), f.Now().UnixMilli(), "a line shows only once ingested")
		}
		seen = append(seen, messages(out.Events)...)
		in.NextToken = out.NextForwardToken
		if len(out.Events) > 0 {
			ds, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamNamePrefix: aws.String(names[0])})
			require.NoError(t, err)
			require.Len(t, ds.LogStreams, 1)
			lastDescribed = aws.ToInt64(ds.LogStreams[0].LastEventTimestamp)
			assert.Equal(t, aws.ToInt64(out.Events[len(out.Events)-1].Timestamp), lastDescribed)
		}
		f.Advance(time.Minute)
	}
	assert.Equal(t, messages(streamEvents(t, f, names[0], 10000)), seen, "polling saw every line once, in order")
	assert.NotZero(t, lastDescribed)

	out, err := f.GetLogEvents(ctx, in)
	require.NoError(t, err)
	assert.Empty(t, out.Events)
	assert.Equal(t, aws.ToString(in.NextToken), aws.ToString(out.NextForwardToken), "at the end the forward token comes back unchanged")
	assert.NotEqual(t, aws.ToString(in.NextToken), aws.ToString(out.NextBackwardToken))
}

// The metric lines the instances print are what the job's MetricDefinitions
// match, and the FinalMetricDataList the fake reports is what applying
// those expressions to the logs gives: the last value each captured.
func TestFakeLogsAgreeWithFinalMetrics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		defs []types.MetricDefinition
		want []string // metric names reported
	}{
		{name: "default", want: []string{"train:loss"}},
		{name: "sdk-style", defs: []types.MetricDefinition{
			{Name: aws.String("train:loss"), Regex: aws.String(`loss: ([0-9\.]+)`)},
			{Name: aws.String("validation:accuracy"), Regex: aws.String(`val_acc=([0-9\.]+);`)},
			{Name: aws.String("epoch"), Regex: aws.String(`.*\[(\d+)\].*`)},
		}, want: []string{"train:loss", "validation:accuracy", "epoch"}},
		{name: "exponent", defs: []types.MetricDefinition{
			{Name: aws.String("lr"), Regex: aws.String(`lr=([0-9]\.[0-9]+e[-+][0-9]+)`)},
			{Name: aws.String("test:f1"), Regex: aws.String(`#quality_metric: host=\S+, test f1 <score>=(\S+)`)},
		}, want: []string{"lr", "test:f1"}},
		{name: "never-matches", defs: []types.MetricDefinition{
			{Name: aws.String("no-group"), Regex: aws.String(`loss=[0-9.]+`)},
			{Name: aws.String("lookahead"), Regex: aws.String(`loss(?=x)=([0-9.]+)`)}, // not RE2
			{Name: aws.String("letters"), Regex: aws.String(`loss=([a-z]+)`)},
			{Name: aws.String("ok"), Regex: aws.String(`ok=(\d+\.\d+)`)},
		}, want: []string{"ok"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := trainingjobtest.NewFake()
			in := fkRequest("metrics-" + tc.name)
			in.AlgorithmSpecification.MetricDefinitions = tc.defs
			fkCreate(t, f, in)
			f.Advance(time.Hour)
			job := fkDescribe(t, f, "metrics-"+tc.name)
			require.Equal(t, trainingjob.StatusCompleted, job.TrainingJobStatus)

			events := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{LogStreamNamePrefix: aws.String("metrics-" + tc.name + "/")})
			require.NotEmpty(t, events)
			defs := tc.defs
			if len(defs) == 0 {
				defs = []types.MetricDefinition{{Name: aws.String("train:loss"), Regex: aws.String(`train:loss=([0-9.]+)`)}}
			}
			want := map[string]float32{}
			for _, d := range defs {
				re, err := regexp.Compile(aws.ToString(d.Regex))
				if err != nil || re.NumSubexp() == 0 {
					continue
				}
				for _, e := range events { // in time order: the last match wins
					if m := re.FindStringSubmatch(aws.ToString(e.Message)); m != nil {
						if v, err := strconv.ParseFloat(m[1], 32); err == nil {
							want[aws.ToString(d.Name)] = float32(v)
						}
					}
				}
			}
			got := map[string]float32{}
			var order []string
			for _, m := range job.FinalMetricDataList {
				got[aws.ToString(m.MetricName)] = aws.ToFloat32(m.Value)
				order = append(order, aws.ToString(m.MetricName))
				assert.Equal(t, job.TrainingEndTime, aws.ToTime(m.Timestamp))
			}
			assert.Equal(t, tc.want, order)
			assert.Equal(t, want, got)
			if tc.name == "default" {
				assert.Equal(t, float32(0.042), got["train:loss"], "the value Scenario.JobAt gives")
			}
		})
	}
}

// Sixteen instances write sixteen streams that interleave: FilterLogEvents
// returns their lines in one time order.
func TestFakeLogsSixteenInstances(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	in := fkRequest("sixteen")
	in.ResourceConfig.InstanceCount = aws.Int32(16)
	fkCreate(t, f, in)
	f.Advance(time.Hour)

	names := streamNames(t, f, "sixteen", 5)
	require.Len(t, names, 16)
	hosts := map[string]bool{}
	for _, n := range names {
		m := streamNameForm.FindStringSubmatch(n)
		require.NotNil(t, m, n)
		hosts[m[2]] = true
	}
	assert.Len(t, hosts, 16)

	events := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{FilterPattern: aws.String(`epoch done`), Limit: aws.Int32(37)})
	require.NotEmpty(t, events)
	switches := 0
	for i := 1; i < len(events); i++ {
		assert.GreaterOrEqual(t, aws.ToInt64(events[i].Timestamp), aws.ToInt64(events[i-1].Timestamp), "event %d", i)
		if aws.ToString(events[i].LogStreamName) != aws.ToString(events[i-1].LogStreamName) {
			switches++
		}
	}
	assert.Greater(t, switches, len(events)/2, "the instances' lines interleave")
	perStream := map[string]int{}
	for _, e := range events {
		perStream[aws.ToString(e.LogStreamName)]++
		assert.Contains(t, aws.ToString(e.Message), "epoch")
	}
	assert.Len(t, perStream, 16)
}

// A spot interruption and a retry end the containers' streams and open new
// ones at the next start; the job resumes from its checkpoint.
func TestFakeLogsRestartsOpenNewStreams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		spec     string
		req      func(string) *sagemaker.CreateTrainingJobInput
		lastLine string // of each stream but the last start's
	}{
		{name: "spot", spec: "interruptions=2",
			req:      func(n string) *sagemaker.CreateTrainingJobInput { return fkSpot(fkRequest(n), 7200, 14400) },
			lastLine: "Spot interruption notice"},
		{name: "retry", spec: "restarts=1",
			req: func(n string) *sagemaker.CreateTrainingJobInput {
				in := fkRequest(n)
				in.RetryStrategy = &types.RetryStrategy{MaximumRetryAttempts: aws.Int32(2)}
				return in
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := trainingjobtest.ParseScenario(tc.spec)
			require.NoError(t, err)
			name := "restart-" + tc.name
			f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario(name, s))
			fkCreate(t, f, tc.req(name))
			f.Advance(3 * time.Hour)
			job := fkDescribe(t, f, name)
			require.Equal(t, trainingjob.StatusCompleted, job.TrainingJobStatus)
			starts := trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusTraining)
			require.Greater(t, starts, 1)

			names := streamNames(t, f, name+"/", 50)
			require.Len(t, names, 2*starts, "a stream per instance per start")
			suffixes := map[string][]string{} // suffix -> hosts
			for _, n := range names {
				m := streamNameForm.FindStringSubmatch(n)
				require.NotNil(t, m, n)
				suffixes[m[3]] = append(suffixes[m[3]], m[2])
			}
			require.Len(t, suffixes, starts, "each start has its own suffix")
			k := 0
			for _, tr := range job.SecondaryStatusTransitions {
				if tr.Status != trainingjob.SecondaryStatusTraining {
					continue
				}
				k++
				suffix := strconv.FormatInt(tr.StartTime.Unix(), 10)
				assert.ElementsMatch(t, []string{"1", "2"}, suffixes[suffix], "start %d at %s", k, tr.StartTime)
				all := strings.Join(messages(streamEvents(t, f, name+"/algo-1-"+suffix, 10000)), "\n")
				if k > 1 {
					assert.Contains(t, all, "Resuming from checkpoint", "start %d", k)
				} else {
					assert.NotContains(t, all, "Resuming from checkpoint")
				}
				if k < starts && tc.lastLine != "" {
					lines := strings.Split(all, "\n")
					assert.Contains(t, lines[len(lines)-1], tc.lastLine, "start %d", k)
				}
				if k == starts {
					assert.Contains(t, all, "Reporting training SUCCESS")
					assert.Contains(t, all, "epoch 30/30 done", "the last start finishes the epochs the first began")
				}
			}
		})
	}
}

// A failing job's first instance ends its log with a traceback whose last
// lines are the job's FailureReason; a job that fails before its containers
// start writes nothing.
func TestFakeLogsOfAFailure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, spec string
		reason     string // the scenario's own, when set
		streams    int
	}{
		{name: "algorithm", spec: "reason=AlgorithmError", streams: 2},
		{name: "in-training", spec: "fail=Training", streams: 2},
		{name: "multiline", reason: "AlgorithmError: ExecuteUserScriptError:\nCUDA out of memory. Tried to allocate 2.00 GiB", streams: 2},
		{name: "capacity", spec: "reason=CapacityError", streams: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := trainingjobtest.ParseScenario(tc.spec)
			require.NoError(t, err)
			if tc.reason != "" {
				s.Outcome, s.FailureReason = trainingjob.OutcomeFailed, tc.reason
			}
			name := "fails-" + tc.name
			// Another job's lines make the group exist.
			f := trainingjobtest.NewFake(trainingjobtest.WithJobScenario(name, s))
			fkCreate(t, f, fkRequest("other"))
			fkCreate(t, f, fkRequest(name))
			f.Advance(2 * time.Hour)
			job := fkDescribe(t, f, name)
			require.Equal(t, trainingjob.StatusFailed, job.TrainingJobStatus)

			names := streamNames(t, f, name+"/", 50)
			require.Len(t, names, tc.streams)
			if tc.streams == 0 {
				return
			}
			first := messages(streamEvents(t, f, names[0], 10000))
			reason := strings.Split(job.FailureReason, "\n")
			require.GreaterOrEqual(t, len(first), len(reason))
			assert.Equal(t, reason, first[len(first)-len(reason):], "the traceback ends with the FailureReason")
			assert.Contains(t, first, "Traceback (most recent call last):")
			second := messages(streamEvents(t, f, names[1], 10000))
			assert.Contains(t, second[len(second)-1], "Reporting training FAILURE")
		})
	}
}

// The three operations page as the service does: any page size gives the
// same events, once each; reading backwards from the end gives them
// reversed; FilterLogEvents's pages follow its time order.
func TestFakeLogsPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	for _, n := range []string{"page-a", "page-b", "page-c"} {
		fkCreate(t, f, fkRequest(n))
	}
	f.Advance(time.Hour)

	all := streamNames(t, f, "", 50)
	require.Len(t, all, 6)
	for _, size := range []int32{1, 4} {
		assert.Equal(t, all, streamNames(t, f, "", size), "DescribeLogStreams pages of %d", size)
	}

	whole := streamEvents(t, f, all[0], 10000)
	for _, size := range []int32{1, 7, 100} {
		assert.Equal(t, whole, streamEvents(t, f, all[0], size), "GetLogEvents pages of %d", size)
	}

	// Without a token and StartFromHead, the latest events come first;
	// the backward tokens then read towards the head.
	var backwards []cwtypes.OutputLogEvent
	in := &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamName: aws.String(all[0]), Limit: aws.Int32(9)}
	for pages := 0; ; pages++ {
		require.Less(t, pages, 1000)
		out, err := f.GetLogEvents(ctx, in)
		require.NoError(t, err)
		backwards = append(out.Events, backwards...)
		if in.NextToken != nil && aws.ToString(out.NextBackwardToken) == aws.ToString(in.NextToken) {
			break
		}
		in.NextToken = out.NextBackwardToken
	}
	assert.Equal(t, whole, backwards)

	filtered := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{})
	paged := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{Limit: aws.Int32(13)})
	assert.Equal(t, filtered, paged)
	ids := map[string]bool{}
	for _, e := range paged {
		assert.Len(t, aws.ToString(e.EventId), 56)
		assert.False(t, ids[aws.ToString(e.EventId)], "event ids are unique")
		ids[aws.ToString(e.EventId)] = true
	}

	// The time window excludes its end.
	mid := aws.ToInt64(whole[len(whole)/2].Timestamp)
	before := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{LogStreamNames: []string{all[0]}, EndTime: aws.Int64(mid)})
	after := filterAll(t, f, &cloudwatchlogs.FilterLogEventsInput{LogStreamNames: []string{all[0]}, StartTime: aws.Int64(mid)})
	assert.Equal(t, len(whole), len(before)+len(after))
	for _, e := range before {
		assert.Less(t, aws.ToInt64(e.Timestamp), mid)
	}
}

// Requests the service refuses get its errors, with its codes and words.
func TestFakeLogsErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("errs"))
	f.Advance(time.Hour)
	group := aws.String(trainingjobtest.LogGroupName)
	stream := aws.String(streamNames(t, f, "errs/", 50)[0])

	cases := []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"no such stream", func() error {
			_, err := f.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: group, LogStreamName: aws.String("errs/algo-9-1")})
			return err
		}, trainingjobtest.CodeResourceNotFoundException, trainingjobtest.NoLogStreamMessage},
		{"no such group", func() error {
			_, err := f.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String("/aws/sagemaker/Endpoints"), LogStreamName: stream})
			return err
		}, trainingjobtest.CodeResourceNotFoundException, trainingjobtest.NoLogGroupMessage},
		{"name and identifier", func() error {
			_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: group, LogGroupIdentifier: group})
			return err
		}, trainingjobtest.CodeInvalidParameterException, "LogGroup name and LogGroup ARN are mutually exclusive parameters."},
		{"neither", func() error {
			_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{})
			return err
		}, trainingjobtest.CodeInvalidParameterException, "Either logGroupName or logGroupIdentifier must be specified."},
		{"order by time with a prefix", func() error {
			_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: group, OrderBy: cwtypes.OrderByLastEventTime, LogStreamNamePrefix: aws.String("errs")})
			return err
		}, trainingjobtest.CodeInvalidParameterException, "Cannot order by LastEventTime with a logStreamNamePrefix."},
		{"limit too large", func() error {
			_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: group, Limit: aws.Int32(51)})
			return err
		}, "ValidationException", "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50"},
		{"limit zero", func() error {
			_, err := f.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: group, LogStreamName: stream, Limit: aws.Int32(0)})
			return err
		}, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"forged event token", func() error {
			_, err := f.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: group, LogStreamName: stream, NextToken: aws.String("f/123")})
			return err
		}, trainingjobtest.CodeInvalidParameterException, trainingjobtest.InvalidTokenMessage},
		{"forged stream token", func() error {
			_, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: group, NextToken: aws.String("not-a-token")})
			return err
		}, trainingjobtest.CodeInvalidParameterException, trainingjobtest.InvalidTokenMessage},
		{"names and prefix", func() error {
			_, err := f.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: group, LogStreamNames: []string{*stream}, LogStreamNamePrefix: aws.String("errs")})
			return err
		}, trainingjobtest.CodeInvalidParameterException, "Cannot specify both logStreamNames and logStreamNamePrefix."},
		{"pattern the fake does not speak", func() error {
			_, err := f.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: group, FilterPattern: aws.String(`{ $.level = "ERROR" }`)})
			return err
		}, trainingjobtest.CodeInvalidParameterException, `The fake supports filter patterns of plain terms and "quoted phrases" only; '{' uses another form of the filter pattern syntax`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.msg, fkAPIError(t, tc.call(), tc.code))
		})
	}

	// A group's ARN names it as well as its name does.
	arn := "arn:aws:logs:us-east-1:123456789012:log-group:" + trainingjobtest.LogGroupName + ":*"
	out, err := f.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupIdentifier: aws.String(arn)})
	require.NoError(t, err)
	assert.Len(t, out.LogStreams, 2)
}

// ThrottleLogs makes the next calls fail as a throttled caller's do; the
// SageMaker operations go on answering.
func TestFakeLogsThrottling(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("throttled"))
	f.Advance(time.Hour)
	f.ThrottleLogs(2)
	in := &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName)}
	for i := 0; i < 2; i++ {
		_, err := f.DescribeLogStreams(ctx, in)
		assert.Equal(t, trainingjobtest.ThrottlingMessage, fkAPIError(t, err, trainingjobtest.CodeThrottlingException), "call %d", i)
		fkDescribe(t, f, "throttled")
	}
	_, err := f.DescribeLogStreams(ctx, in)
	require.NoError(t, err, "the throttle ends after the calls it was given")

	f.ThrottleLogs(5)
	f.ThrottleLogs(0)
	_, err = f.DescribeLogStreams(ctx, in)
	require.NoError(t, err, "ThrottleLogs(0) ends a throttle")
}

// A job's logs outlive the job, as CloudWatch keeps them after
// DeleteTrainingJob.
func TestFakeLogsOutliveTheJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake(trainingjobtest.WithDeletingFor(time.Minute))
	fkCreate(t, f, fkRequest("deleted"))
	f.Advance(time.Hour)
	before := streamNames(t, f, "deleted/", 50)
	require.Len(t, before, 2)
	lines := messages(streamEvents(t, f, before[0], 10000))

	_, err := f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("deleted")})
	require.NoError(t, err)
	f.Advance(time.Hour)
	_, err = f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("deleted")})
	fkAPIError(t, err, "ValidationException")

	assert.Equal(t, before, streamNames(t, f, "deleted/", 50))
	assert.Equal(t, lines, messages(streamEvents(t, f, before[0], 10000)))
	assert.Equal(t, before, streamNames(t, f, "", 50), "listing without a prefix includes them")

	// A new job of the same name writes streams of its own beside them.
	fkCreate(t, f, fkRequest("deleted"))
	f.Advance(time.Hour)
	assert.Len(t, streamNames(t, f, "deleted/", 50), 4)
}

// The fake's HTTP server speaks the CloudWatch Logs protocol: the SDK's own
// client lists, reads, filters, pages and gets the service's errors as the
// SDK's typed errors.
func TestServerServesLogs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := trainingjobtest.NewServer(nil)
	t.Cleanup(srv.Close)
	_, err := srv.SDKClient().CreateTrainingJob(ctx, fkRequest("wire"))
	require.NoError(t, err)
	cw := srv.LogsClient()

	_, err = cw.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName)})
	var missing *cwtypes.ResourceNotFoundException
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, trainingjobtest.NoLogGroupMessage, missing.ErrorMessage())

	srv.Fake.Advance(time.Hour)
	names := streamNames(t, cw, "wire/", 1)
	assert.Equal(t, streamNames(t, srv.Fake, "wire/", 50), names)
	require.Len(t, names, 2)
	assert.Equal(t, streamEvents(t, srv.Fake, names[1], 10000), streamEvents(t, cw, names[1], 25))
	assert.Equal(t, filterAll(t, srv.Fake, &cloudwatchlogs.FilterLogEventsInput{FilterPattern: aws.String(`"epoch 30/30"`)}),
		filterAll(t, cw, &cloudwatchlogs.FilterLogEventsInput{FilterPattern: aws.String(`"epoch 30/30"`), Limit: aws.Int32(1)}))

	_, err = cw.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamName: aws.String("wire/algo-3-1")})
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, trainingjobtest.NoLogStreamMessage, missing.ErrorMessage())

	_, err = cw.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName), LogStreamName: aws.String(names[0]), NextToken: aws.String("b/x")})
	var invalid *cwtypes.InvalidParameterException
	require.ErrorAs(t, err, &invalid)
	assert.Equal(t, trainingjobtest.InvalidTokenMessage, invalid.ErrorMessage())

	srv.Fake.ThrottleLogs(1)
	_, err = cw.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName)})
	var throttled *cwtypes.ThrottlingException
	require.ErrorAs(t, err, &throttled)
	assert.Equal(t, trainingjobtest.ThrottlingMessage, throttled.ErrorMessage())

	// The SDK's standard retryer retries a throttled call by itself.
	srv.Fake.ThrottleLogs(2)
	_, err = cw.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(trainingjobtest.LogGroupName)},
		func(o *cloudwatchlogs.Options) {
			o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
				so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
			})
			o.RetryMaxAttempts = 3
		})
	require.NoError(t, err)
}
