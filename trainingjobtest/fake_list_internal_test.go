package trainingjobtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyJobs returns a fake holding n jobs created a second apart, their
// names in an order unrelated to their creation.
func manyJobs(tb testing.TB, n int) *Fake {
	tb.Helper()
	f := NewFake()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	for _, i := range rng.Perm(n) {
		if _, err := f.CreateTrainingJob(ctx, suiteRequest(fmt.Sprintf("many-%07d", i))); err != nil {
			tb.Fatal(err)
		}
		f.Advance(time.Second)
	}
	return f
}

// listWork is the work of a round of listings: every sort and order, a
// first page and the page after it.
type listWork struct{ visited, steps, recomputed int }

func measureList(t *testing.T, f *Fake) listWork {
	t.Helper()
	ctx := context.Background()
	_, err := f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{}) // catch up first
	require.NoError(t, err)
	idx := f.listIdx
	before := listWork{idx.visited, idx.byName.steps + idx.byCreation.steps + idx.byStatus.steps, idx.recomputed}
	for _, by := range types.SortBy("").Values() {
		for _, order := range types.SortOrder("").Values() {
			in := &sagemaker.ListTrainingJobsInput{SortBy: by, SortOrder: order, MaxResults: aws.Int32(10), StatusEquals: types.TrainingJobStatusCompleted}
			out, err := f.ListTrainingJobs(ctx, in)
			require.NoError(t, err)
			require.NotNil(t, out.NextToken)
			in.NextToken = out.NextToken
			_, err = f.ListTrainingJobs(ctx, in)
			require.NoError(t, err)
		}
	}
	return listWork{idx.visited - before.visited, idx.byName.steps + idx.byCreation.steps + idx.byStatus.steps - before.steps, idx.recomputed - before.recomputed}
}

// A listing looks at the page and a logarithmic path to it, not at every
// job: the work of twelve listings hardly grows from 100 jobs to 3,000, and
// a status change costs work for the jobs that changed only.
func TestListWorkIndependentOfJobCount(t *testing.T) {
	t.Parallel()
	small, large := manyJobs(t, 100), manyJobs(t, 3000)
	ws, wl := measureList(t, small), measureList(t, large)
	t.Logf("100 jobs: %+v; 3000 jobs: %+v", ws, wl)
	assert.LessOrEqual(t, wl.visited, 12*11, "entries looked at")
	assert.Equal(t, ws.visited, wl.visited)
	assert.Zero(t, wl.recomputed, "no job changed status")
	assert.Less(t, wl.steps, 12*200, "skip list comparisons")
	assert.Less(t, wl.steps, 3*ws.steps, "comparisons grow with log n")

	// Ten more jobs complete (they were created a second apart): the next
	// listing recomputes those ten, not the 3,000.
	large.Advance(10 * time.Second)
	before := large.listIdx.recomputed
	_, err := large.ListTrainingJobs(context.Background(), nil)
	require.NoError(t, err)
	changed := large.listIdx.recomputed - before
	assert.Positive(t, changed)
	assert.LessOrEqual(t, changed, 2*10)
}

// backClock is a Clock a test can move back, which ManualClock refuses.
type backClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *backClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *backClock) set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// Whatever happens to the jobs, and wherever the clock goes, the indexed
// listing is the listing a sort of every job's current view gives.
func TestListIndexAgreesWithASort(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &backClock{now: DefaultFakeStart()}
	f := NewFake(WithFakeClock(clock), WithDefaultScenario(Scenario{Training: 5 * time.Minute}))
	rng := rand.New(rand.NewPCG(7, 7))
	var names []string
	for round := 0; round < 400; round++ {
		now := clock.Now()
		switch r := rng.IntN(20); {
		case r < 8:
			name := fmt.Sprintf("Job-%c%03d", 'a'+rng.IntN(26), round)
			if _, err := f.CreateTrainingJob(ctx, suiteRequest(name)); err == nil {
				names = append(names, name)
			}
		case r < 10 && len(names) > 0:
			_, _ = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(names[rng.IntN(len(names))])})
		case r < 12 && len(names) > 0:
			_, _ = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String(names[rng.IntN(len(names))])})
		case r < 13:
			clock.set(now.Add(-time.Duration(rng.IntN(120)) * time.Second)) // back
		default:
			clock.set(now.Add(time.Duration(rng.IntN(90)) * time.Second))
		}
		if round%10 != 0 {
			continue
		}
		by := types.SortBy("").Values()[rng.IntN(3)]
		order := types.SortOrder("").Values()[rng.IntN(2)]
		in := &sagemaker.ListTrainingJobsInput{SortBy: by, SortOrder: order, MaxResults: aws.Int32(int32(1 + rng.IntN(7)))}
		var got []string
		for page := 0; ; page++ {
			require.Less(t, page, 500)
			out, err := f.ListTrainingJobs(ctx, in)
			require.NoError(t, err)
			for _, s := range out.TrainingJobSummaries {
				got = append(got, fmt.Sprintf("%s %s", aws.ToString(s.TrainingJobName), s.TrainingJobStatus))
			}
			if out.NextToken == nil {
				break
			}
			in.NextToken = out.NextToken
		}
		require.Equal(t, sortedViews(f, by, order), got, "round %d, %s %s at %s", round, by, order, clock.Now())
	}
}

// sortedViews lists every job the slow way: the view of each, sorted.
func sortedViews(f *Fake, by types.SortBy, order types.SortOrder) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	type row struct {
		key, name string
		created   time.Time
		line      string
	}
	var rows []row
	for _, j := range f.jobs {
		if f.gone(j, now) {
			continue
		}
		v := f.view(j, now)
		r := row{name: v.TrainingJobName, created: v.CreationTime, line: fmt.Sprintf("%s %s", v.TrainingJobName, v.TrainingJobStatus)}
		switch by {
		case types.SortByName:
			r.key = v.TrainingJobName
		case types.SortByStatus:
			r.key = string(v.TrainingJobStatus)
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(a, b int) bool {
		c := strings.Compare(rows[a].key, rows[b].key)
		if c == 0 {
			c = rows[a].created.Compare(rows[b].created)
		}
		if c == 0 {
			c = strings.Compare(rows[a].name, rows[b].name)
		}
		if order == types.SortOrderDescending {
			return c > 0
		}
		return c < 0
	})
	out := []string{}
	for _, r := range rows {
		out = append(out, r.line)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// BenchmarkListTrainingJobs lists a page of ten, by each sort in turn, from
// fakes of 100 and 100,000 jobs; with the index the two cost about the
// same.
func BenchmarkListTrainingJobs(b *testing.B) {
	for _, n := range []int{100, 100000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			f := manyJobs(b, n)
			ctx := context.Background()
			sorts := types.SortBy("").Values()
			// The first call applies the status changes that fell due
			// while the jobs were made (most of the 100,000 have
			// completed), work that grows with the changes, not the
			// calls.
			if _, err := f.ListTrainingJobs(ctx, nil); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, err := f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(10), SortBy: sorts[i%len(sorts)]})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Updates of a running job, however many, leave the index's heap of
// pending changes as it was: serve's memory does not grow with calls.
func TestRepeatedUpdatesDoNotGrowTheIndex(t *testing.T) {
	f := NewFake()
	ctx := context.Background()
	_, err := f.CreateTrainingJob(ctx, suiteRequest("updated-often"))
	require.NoError(t, err)
	f.Advance(10 * time.Minute)
	_, err = f.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{})
	require.NoError(t, err)
	before := len(f.listIdx.pending)
	for i := range 2000 {
		_, err := f.UpdateTrainingJob(ctx, &sagemaker.UpdateTrainingJobInput{TrainingJobName: aws.String("updated-often"),
			RemoteDebugConfig: &types.RemoteDebugConfigForUpdate{EnableRemoteDebug: aws.Bool(i%2 == 0)}})
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, len(f.listIdx.pending), before+1, "an update that does not move the next change adds nothing")
}
