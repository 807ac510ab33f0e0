package trainingjobtest_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// evCase is a job's life driven through a fake: its scenario, request and
// the calls made to it at given times after its creation.
type evCase struct {
	name     string
	scenario *trainingjobtest.Scenario
	req      func(string) *sagemaker.CreateTrainingJobInput
	acts     []evAct
	// want is the sequence of statuses the events tell, as
	// "Primary/Secondary".
	want []string
}

type evAct struct {
	at time.Duration
	op string // "stop", "update" or "delete"
}

var evCases = []evCase{
	{name: "completed", want: []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Uploading", "Completed/Completed"}},
	{name: "spot-interrupted",
		scenario: &trainingjobtest.Scenario{Interruptions: []trainingjobtest.Interruption{{At: 10 * time.Minute, Lasts: 6 * time.Minute}}},
		req:      func(n string) *sagemaker.CreateTrainingJobInput { return fkSpot(fkRequest(n), 7200, 14400) },
		want: []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Interrupted",
			"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Uploading", "Completed/Completed"}},
	{name: "capacity", scenario: &trainingjobtest.Scenario{Outcome: trainingjob.OutcomeFailed, FailIn: trainingjob.SecondaryStatusStarting},
		want: []string{"InProgress/Starting", "Failed/Failed"}},
	{name: "stop-in-training", acts: []evAct{{10 * time.Minute, "stop"}},
		want: []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "Stopping/Stopping", "Stopped/Stopped"}},
	{name: "update-then-delete", acts: []evAct{{10 * time.Minute, "update"}, {10*time.Minute + time.Second, "update"}, {3 * time.Hour, "delete"}},
		want: []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Updating", "InProgress/Training",
			"InProgress/Uploading", "Completed/Completed", "Deleting/Completed"}},
	{name: "max-runtime", req: func(n string) *sagemaker.CreateTrainingJobInput {
		in := fkRequest(n)
		in.StoppingCondition.MaxRuntimeInSeconds = aws.Int32(600)
		in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("vision")}}
		return in
	}, want: []string{"InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "Stopping/Stopping", "Stopped/MaxRuntimeExceeded"}},
}

func evFake(c evCase) *trainingjobtest.Fake {
	var opts []trainingjobtest.FakeOption
	if c.scenario != nil {
		opts = append(opts, trainingjobtest.WithJobScenario(c.name, *c.scenario))
	}
	return trainingjobtest.NewFake(opts...)
}

func evRequest(c evCase) *sagemaker.CreateTrainingJobInput {
	if c.req != nil {
		return c.req(c.name)
	}
	return fkRequest(c.name)
}

// evRun creates the case's job on f and drives it until until after its
// creation, making the case's calls at their times: with step zero the
// clock jumps from one call to the next, else it moves step by step.
func evRun(t *testing.T, f *trainingjobtest.Fake, c evCase, until, step time.Duration) {
	t.Helper()
	ctx := context.Background()
	fkCreate(t, f, evRequest(c))
	start := f.Now()
	moveTo := func(d time.Duration) {
		for f.Now().Sub(start) < d {
			left := d - f.Now().Sub(start)
			if step > 0 && step < left {
				left = step
			}
			f.Advance(left)
		}
	}
	for _, a := range c.acts {
		if a.at > until {
			break
		}
		moveTo(a.at)
		name := aws.String(c.name)
		var err error
		switch a.op {
		case "stop":
			_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: name})
		case "update":
			_, err = f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: name,
				ResourceConfig: &types.ResourceConfigForUpdate{KeepAlivePeriodInSeconds: aws.Int32(int32(60 + a.at/time.Second))}})
		case "delete":
			_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: name})
		}
		require.NoError(t, err, "%s at +%s", a.op, a.at)
	}
	moveTo(until)
}

func evDrain(s *trainingjobtest.Subscription) []trainingjobtest.JobEvent {
	var out []trainingjobtest.JobEvent
	for {
		select {
		case ev, ok := <-s.Events():
			if !ok {
				return out
			}
			out = append(out, ev)
		default:
			return out
		}
	}
}

// asEventForm returns a described job as an event of the same moment
// carries it: no end times in the history, the request's tags.
func asEventForm(job trainingjob.TrainingJob, tags []types.Tag) trainingjob.TrainingJob {
	job = job.Clone()
	for i := range job.SecondaryStatusTransitions {
		job.SecondaryStatusTransitions[i].EndTime = time.Time{}
	}
	// An event writes Tags as a map, {} when there are none, and the event
	// form reads {} as absent.
	job.Tags = nil
	if len(tags) > 0 {
		job.Tags = append([]types.Tag(nil), tags...)
	}
	return job
}

// The fake emits one event per change of either status, at the instant of
// the change, whether its clock moves minute by minute or in one jump, and
// every event reads back as the describe response of the same instant in
// the event form, valid by default.
func TestFakeEvents(t *testing.T) {
	t.Parallel()
	const life = 4 * time.Hour
	for _, c := range evCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var runs [][]trainingjobtest.JobEvent
			for _, step := range []time.Duration{0, time.Minute, 7 * time.Second} {
				f := evFake(c)
				sub := f.Subscribe(64)
				evRun(t, f, c, life, step)
				sub.Close()
				got := evDrain(sub)
				assert.Zero(t, sub.Dropped())
				runs = append(runs, got)
			}
			got := runs[0]
			for i := 1; i < len(runs); i++ {
				require.Equal(t, got, runs[i], "the events do not depend on how the clock moves")
			}

			var seq []string
			for _, ev := range got {
				seq = append(seq, string(ev.Status)+"/"+string(ev.SecondaryStatus))
			}
			require.Equal(t, c.want, seq)

			for i, ev := range got {
				if i > 0 {
					assert.False(t, ev.Time.Before(got[i-1].Time), "events in the order of their instants")
				}
				doc, err := trainingjob.ReadDocument(ev.Data)
				require.NoError(t, err, "event %d: %s", i, ev.Data)
				require.Equal(t, trainingjob.FormEvent, doc.Form)
				assert.Equal(t, ev.Time.Truncate(time.Second), doc.Event.Time)
				assert.Equal(t, "aws.sagemaker", doc.Event.Source)
				assert.Equal(t, "us-east-1", doc.Event.Region)
				assert.Equal(t, []string{doc.Job.TrainingJobArn}, doc.Event.Resources)
				assert.Equal(t, c.name, doc.Job.TrainingJobName)
				assert.Equal(t, ev.Status, doc.Job.TrainingJobStatus)
				assert.Equal(t, ev.SecondaryStatus, doc.Job.SecondaryStatus)
				assert.NoError(t, doc.Job.Validate(), "event %d passes default validation", i)

				// The same life on another fake, stopped at the event's
				// instant, describes the job the event carries.
				g := evFake(c)
				evRun(t, g, c, ev.Time.Sub(trainingjobtest.DefaultFakeStart()), 0)
				require.Equal(t, ev.Time, g.Now())
				described := fkDescribe(t, g, c.name)
				assert.Equal(t, asEventForm(described, evRequest(c).Tags), doc.Job, "event %d at %s", i, ev.Time)
			}
		})
	}
}

// Events have distinct ids, and events of several jobs come in the order of
// their instants.
func TestFakeEventsSeveralJobs(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake(
		trainingjobtest.WithJobScenario("quick", trainingjobtest.Scenario{Training: 5 * time.Minute}),
		trainingjobtest.WithJobScenario("slow", trainingjobtest.Scenario{Training: time.Hour}))
	sub := f.Subscribe(0)
	defer sub.Close()
	fkCreate(t, f, fkRequest("slow"))
	f.Advance(time.Second)
	fkCreate(t, f, fkRequest("quick"))
	f.Advance(3 * time.Hour)
	got := evDrain(sub)
	require.Len(t, got, 10)
	ids := map[string]bool{}
	var names, completed []string
	for i, ev := range got {
		doc, err := trainingjob.ReadDocument(ev.Data)
		require.NoError(t, err)
		ids[doc.Event.ID] = true
		names = append(names, ev.JobName)
		if ev.Status == trainingjob.StatusCompleted {
			completed = append(completed, ev.JobName)
		}
		if i > 0 {
			assert.False(t, ev.Time.Before(got[i-1].Time))
		}
	}
	assert.Len(t, ids, 10)
	assert.Equal(t, []string{"slow", "quick"}, names[:2])
	assert.Equal(t, []string{"quick", "slow"}, completed, "the quick job completes first")
}

// A subscription sees only the changes after it starts; a closed one sees
// nothing more, and its channel is closed.
func TestFakeSubscribeLifetime(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	fkCreate(t, f, fkRequest("early"))
	f.Advance(150 * time.Second) // Starting lasts 2m, Downloading 1m
	sub := f.Subscribe(8)
	assert.Empty(t, evDrain(sub), "no replay of earlier changes")
	f.Advance(time.Minute)
	got := evDrain(sub)
	require.Len(t, got, 1)
	assert.Equal(t, trainingjob.SecondaryStatusTraining, got[0].SecondaryStatus)

	other := f.Subscribe(8)
	sub.Close()
	sub.Close() // a second Close does nothing
	f.Advance(time.Hour)
	_, open := <-sub.Events()
	assert.False(t, open, "a closed subscription's channel is closed")
	assert.Len(t, evDrain(other), 2, "Uploading and Completed reach the other subscriber")
	other.Close()

	// Without subscribers the fake keeps no event state; a new subscriber
	// starts from the jobs' states at its start.
	fkCreate(t, f, fkRequest("late"))
	f.Advance(time.Minute)
	again := f.Subscribe(8)
	defer again.Close()
	f.Advance(90 * time.Second)
	got = evDrain(again)
	require.Len(t, got, 1)
	assert.Equal(t, "late", got[0].JobName)
	assert.Equal(t, trainingjob.SecondaryStatusDownloading, got[0].SecondaryStatus)
}

// A full buffer drops its oldest events, counts them, and never stalls the
// fake.
func TestFakeEventsSlowConsumer(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	sub := f.Subscribe(2)
	defer sub.Close()
	for i := range 3 {
		fkCreate(t, f, fkRequest("job-"+string(rune('a'+i))))
	}
	done := make(chan struct{})
	go func() {
		f.Advance(3 * time.Hour) // 15 events into a buffer of 2
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the fake waited for a subscriber")
	}
	got := evDrain(sub)
	require.Len(t, got, 2)
	assert.Equal(t, uint64(13), sub.Dropped())
	for _, ev := range got {
		assert.Equal(t, trainingjob.StatusCompleted, ev.Status, "the latest events are kept")
	}
}

// A fake on a running clock emits through a polling subscription, and
// concurrent calls and receivers are race-free.
func TestFakeEventsPolling(t *testing.T) {
	t.Parallel()
	clock := trainingjobtest.NewScaledClock(trainingjobtest.DefaultFakeStart(), 3600) // an hour a second
	f := trainingjobtest.NewFake(trainingjobtest.WithFakeClock(clock))
	sub := f.Subscribe(0, trainingjobtest.PollEvery(10*time.Millisecond))
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.CreateTrainingJob(context.Background(), fkRequest("poll-"+string(rune('a'+i))))
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	completed := map[string]bool{}
	deadline := time.After(20 * time.Second)
	for len(completed) < 4 {
		select {
		case ev := <-sub.Events():
			if ev.Status == trainingjob.StatusCompleted {
				completed[ev.JobName] = true
			}
		case <-deadline:
			t.Fatalf("only %d jobs reported completion", len(completed))
		}
	}
	sub.Close()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range completed {
			if !yield(n) {
				return
			}
		}
	})
	assert.Equal(t, []string{"poll-a", "poll-b", "poll-c", "poll-d"}, names)
}

// The server's fake emits the events of jobs driven over HTTP.
func TestServerEvents(t *testing.T) {
	t.Parallel()
	srv := trainingjobtest.NewServer(nil)
	defer srv.Close()
	sub := srv.Fake.Subscribe(16)
	defer sub.Close()
	client := srv.SDKClient()
	in := fkRequest("over-http")
	in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("nlp")}}
	_, err := client.CreateTrainingJob(context.Background(), in)
	require.NoError(t, err)
	srv.Fake.Advance(3 * time.Hour)
	got := evDrain(sub)
	require.Len(t, got, 5)
	last := got[len(got)-1]
	assert.Equal(t, trainingjob.StatusCompleted, last.Status)
	assert.True(t, strings.Contains(string(last.Data), `"Tags":{"team":"nlp"}`), "%s", last.Data)
}
