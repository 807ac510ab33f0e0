package trainingjobtest_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
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

// The load test runs rounds of calls. Within a round the fake's clock stands
// still, so what each call sees depends only on the calls made before it
// to the same job; between rounds the clock moves on by loadRoundStep, long
// enough for every job to finish its life (or its stop) and for a deleted
// job to be gone (loadDeletingFor). Each worker has names of its own, so a
// sequential model of its calls predicts every answer exactly.
const (
	loadRoundStep   = time.Hour
	loadDeletingFor = 30 * time.Minute
)

// modelJob is what the model knows of one job.
type modelJob struct {
	created, stopped, deleted int // rounds; -1 when it did not happen
}

// state gives the job's two statuses in round r, or ok false when it is
// gone.
func (j *modelJob) state(r int) (p trainingjob.Status, s trainingjob.SecondaryStatus, ok bool) {
	switch {
	case j.deleted >= 0 && r > j.deleted:
		return "", "", false
	case j.stopped >= 0 && r == j.stopped:
		p, s = trainingjob.StatusStopping, trainingjob.SecondaryStatusStopping
	case j.stopped >= 0:
		p, s = trainingjob.StatusStopped, trainingjob.SecondaryStatusStopped
	case r == j.created:
		p, s = trainingjob.StatusInProgress, trainingjob.SecondaryStatusStarting
	default:
		p, s = trainingjob.StatusCompleted, trainingjob.SecondaryStatusCompleted
	}
	if j.deleted >= 0 {
		p = trainingjob.StatusDeleting
	}
	return p, s, true
}

// loadWorker is one goroutine's client, names and model.
type loadWorker struct {
	id     int
	client *sagemaker.Client
	rng    *rand.Rand
	names  []string             // every name it has used, in order
	jobs   map[string]*modelJob // the current job of each live name
	calls  int
	errs   []string
	seen   map[string]int // what the calls met: an operation and its answer, or a status described
}

func (w *loadWorker) fail(format string, args ...any) {
	if len(w.errs) < 20 {
		w.errs = append(w.errs, fmt.Sprintf("worker %d call %d: ", w.id, w.calls)+fmt.Sprintf(format, args...))
	}
}

// live returns the model of name in round r, or nil when no job has it.
func (w *loadWorker) live(name string, r int) *modelJob {
	j := w.jobs[name]
	if j == nil {
		return nil
	}
	if _, _, ok := j.state(r); !ok {
		delete(w.jobs, name)
		return nil
	}
	return j
}

func (w *loadWorker) pick() string {
	if len(w.names) == 0 || w.rng.IntN(8) == 0 {
		return fmt.Sprintf("load-w%02d-never", w.id)
	}
	return w.names[w.rng.IntN(len(w.names))]
}

// expectCode checks err against the code the model predicts ("" for none).
func (w *loadWorker) expectCode(op, name string, err error, want string) bool {
	w.seen[op+" "+cmp.Or(want, "OK")]++
	got := ""
	if err != nil {
		var ae smithy.APIError
		if !errors.As(err, &ae) {
			w.fail("%s %s: unexpected error %v", op, name, err)
			return false
		}
		got = ae.ErrorCode()
	}
	if got != want {
		w.fail("%s %s: got error code %q (%v), the model says %q", op, name, got, err, want)
		return false
	}
	return true
}

func (w *loadWorker) round(ctx context.Context, r, calls int) {
	for w.calls < calls {
		w.calls++
		switch op := w.rng.IntN(10); {
		case op < 3: // create: a new name, or now and then one in use
			name := fmt.Sprintf("load-w%02d-j%04d", w.id, len(w.names))
			if len(w.names) > 0 && op == 0 {
				name = w.names[w.rng.IntN(len(w.names))]
			} else {
				w.names = append(w.names, name)
			}
			in := trainingjobtest.Completed(trainingjobtest.WithJobName(name)).BuildUnchecked().ToCreateInput()
			in.Environment = map[string]string{"WORKER": fmt.Sprint(w.id)}
			_, err := w.client.CreateTrainingJob(ctx, in)
			want := ""
			if w.live(name, r) != nil {
				want = trainingjobtest.CodeResourceInUse
			}
			if w.expectCode("create", name, err, want) && want == "" {
				w.jobs[name] = &modelJob{created: r, stopped: -1, deleted: -1}
			}
		case op < 6: // describe
			name := w.pick()
			out, err := w.client.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(name)})
			j := w.live(name, r)
			want := ""
			if j == nil {
				want = trainingjobtest.CodeValidationException
			}
			if !w.expectCode("describe", name, err, want) || want != "" {
				continue
			}
			job := trainingjob.FromDescribeOutput(out)
			p, s, _ := j.state(r)
			w.seen["describe "+string(p)]++
			if job.TrainingJobStatus != p || job.SecondaryStatus != s {
				w.fail("describe %s: %s/%s, the model says %s/%s", name, job.TrainingJobStatus, job.SecondaryStatus, p, s)
			}
			opts := []trainingjob.ValidateOption{trainingjob.Strict()}
			if p == trainingjob.StatusDeleting {
				opts = nil // Deleting is an inferred pairing, valid at the default strength
			}
			if err := job.Validate(opts...); err != nil {
				w.fail("describe %s: %v", name, err)
			}
			if job.Environment["WORKER"] != fmt.Sprint(w.id) {
				w.fail("describe %s: another worker's job", name)
			}
		case op < 8: // stop
			name := w.pick()
			_, err := w.client.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(name)})
			j := w.live(name, r)
			want := trainingjobtest.CodeValidationException
			if j != nil {
				if p, _, _ := j.state(r); p == trainingjob.StatusInProgress {
					want = ""
				}
			}
			if w.expectCode("stop", name, err, want) && want == "" {
				j.stopped = r
			}
		case op < 9: // delete
			name := w.pick()
			_, err := w.client.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(name)})
			j := w.live(name, r)
			want := trainingjobtest.CodeValidationException
			if j != nil {
				if p, _, _ := j.state(r); p.IsTerminal() {
					want = ""
				}
			}
			if w.expectCode("delete", name, err, want) && want == "" {
				j.deleted = r
			}
		default: // list the worker's own jobs, page by page
			w.calls += w.list(ctx, r) - 1
		}
	}
}

// list pages through the worker's jobs and compares them with the model;
// it returns the number of calls made.
func (w *loadWorker) list(ctx context.Context, r int) int {
	var got []string
	in := &sagemaker.ListTrainingJobsInput{
		NameContains: aws.String(fmt.Sprintf("-w%02d-", w.id)),
		MaxResults:   aws.Int32(int32(1 + w.rng.IntN(8))),
		SortBy:       types.SortByName,
		SortOrder:    types.SortOrderAscending,
	}
	p := sagemaker.NewListTrainingJobsPaginator(w.client, in)
	pages := 0
	for p.HasMorePages() {
		pages++
		out, err := p.NextPage(ctx)
		if err != nil {
			w.fail("list: %v", err)
			return pages
		}
		for _, s := range out.TrainingJobSummaries {
			got = append(got, fmt.Sprintf("%s %s/%s", aws.ToString(s.TrainingJobName), s.TrainingJobStatus, s.SecondaryStatus))
		}
	}
	if want := w.expectedList(r); !slices.Equal(got, want) {
		w.fail("list:\n got %q\nwant %q", got, want)
	}
	return pages
}

func (w *loadWorker) expectedList(r int) []string {
	want := []string{}
	for name := range w.jobs {
		if j := w.live(name, r); j != nil {
			p, s, _ := j.state(r)
			want = append(want, fmt.Sprintf("%s %s/%s", name, p, s))
		}
	}
	sort.Strings(want)
	return want
}

// TestLoadRealClients runs workers real SDK clients at once, each making
// calls checked against its model. By default 8 workers make 100 calls
// each, enough for every operation to meet every state of a job while
// other workers' requests are in flight (which the race detector watches);
// TRAININGJOB_ALL_ORACLES=1 runs the full load, 32 workers of 500 calls,
// which takes about two minutes under the race detector.
func TestLoadRealClients(t *testing.T) {
	workers, calls := 8, 100
	if testenv.AllOracles() && !testing.Short() {
		workers, calls = 32, 500
	}
	const rounds = 5
	fake := trainingjobtest.NewFake(trainingjobtest.WithDeletingFor(loadDeletingFor))
	srv := trainingjobtest.NewServer(fake)
	defer srv.Close()
	var requests atomic.Int64
	ws := make([]*loadWorker, workers)
	for i := range ws {
		// Each worker has its own client, with its own connections, as
		// separate processes would.
		httpClient := srv.Client()
		ws[i] = &loadWorker{
			id: i,
			client: srv.SDKClient(func(o *sagemaker.Options) {
				o.HTTPClient = countingClient{httpClient, &requests}
			}),
			rng:  rand.New(rand.NewPCG(uint64(i), 9)),
			jobs: map[string]*modelJob{},
			seen: map[string]int{},
		}
	}
	ctx := context.Background()
	began := time.Now()
	for r := range rounds {
		var wg sync.WaitGroup
		for _, w := range ws {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.round(ctx, r, calls*(r+1)/rounds)
			}()
		}
		wg.Wait()
		for _, w := range ws {
			require.Empty(t, w.errs)
		}
		fake.Advance(loadRoundStep)
	}
	elapsed := time.Since(began)
	n := requests.Load()
	t.Logf("%d workers, %d requests in %v: %.0f requests per second (race detector: %v)",
		workers, n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), raceEnabled)
	assert.GreaterOrEqual(t, n, int64(workers*calls))

	// However small the load, the calls met every answer of every
	// operation and every status a job goes through.
	seen := map[string]int{}
	for _, w := range ws {
		for k, c := range w.seen {
			seen[k] += c
		}
	}
	t.Logf("calls by what they met: %v", seen)
	for _, k := range []string{
		"create OK", "create " + trainingjobtest.CodeResourceInUse,
		"describe OK", "describe " + trainingjobtest.CodeValidationException,
		"stop OK", "stop " + trainingjobtest.CodeValidationException,
		"delete OK", "delete " + trainingjobtest.CodeValidationException,
		"describe InProgress", "describe Stopping", "describe Stopped", "describe Completed", "describe Deleting",
	} {
		assert.Positive(t, seen[k], "no call met %q", k)
	}

	// The final state: every job the model says is there, with its
	// statuses, and nothing else; every history strictly valid.
	var want []string
	for _, w := range ws {
		want = append(want, w.expectedList(rounds)...)
	}
	sort.Strings(want)
	var got []string
	p := sagemaker.NewListTrainingJobsPaginator(srv.SDKClient(), &sagemaker.ListTrainingJobsInput{
		MaxResults: aws.Int32(100), SortBy: types.SortByName, SortOrder: types.SortOrderAscending,
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, s := range out.TrainingJobSummaries {
			got = append(got, fmt.Sprintf("%s %s/%s", aws.ToString(s.TrainingJobName), s.TrainingJobStatus, s.SecondaryStatus))
			d, err := fake.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: s.TrainingJobName})
			require.NoError(t, err)
			job := trainingjob.FromDescribeOutput(d)
			require.NoError(t, job.Validate(trainingjob.Strict()), "%s", job.TrainingJobName)
		}
	}
	assert.Equal(t, want, got)
	require.NotEmpty(t, got)
	var kinds = map[trainingjob.Status]int{}
	for _, w := range ws {
		for _, j := range w.jobs {
			p, _, _ := j.state(rounds)
			kinds[p]++
		}
	}
	t.Logf("final jobs by status: %v", kinds)
}

// countingClient counts the requests sent through it.
type countingClient struct {
	c interface {
		Do(*http.Request) (*http.Response, error)
	}
	n *atomic.Int64
}

func (c countingClient) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.c.Do(r)
}
