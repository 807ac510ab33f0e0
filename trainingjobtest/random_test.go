package trainingjobtest_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// rndSeeds is how many seeds the property tests draw.
const rndSeeds = 2000

// rndJobs returns Random(0) to Random(rndSeeds-1), generated once.
var rndJobs = func() func() []trainingjob.TrainingJob {
	var jobs []trainingjob.TrainingJob
	return func() []trainingjob.TrainingJob {
		if jobs == nil {
			for seed := range uint64(rndSeeds) {
				jobs = append(jobs, trainingjobtest.Random(seed))
			}
		}
		return jobs
	}
}()

type rndPair struct {
	primary   trainingjob.Status
	secondary trainingjob.SecondaryStatus
}

// rndStrictPairs is the set of pairs of the status table that strict
// validation accepts, less the lagging ones the generator does not draw.
func rndStrictPairs() map[rndPair]bool {
	out := map[rndPair]bool{}
	for _, p := range trainingjob.Pairings() {
		if p.Evidence&trainingjob.EvidenceLagging == 0 {
			out[rndPair{p.Primary, p.Secondary}] = true
		}
	}
	return out
}

func TestRandomJobsAreStrictlyValid(t *testing.T) {
	for seed, job := range rndJobs() {
		require.NoError(t, job.Validate(trainingjob.Strict()), "seed %d", seed)
	}
}

// Over the seeds, the pairs seen are exactly the strict-legal pairs of the
// status table: every one of them, lagging ones never.
func TestRandomCoversEveryStrictPair(t *testing.T) {
	want := rndStrictPairs()
	require.Len(t, want, 22, "the status table changed: review the generator")
	seen := map[rndPair]int{}
	for _, job := range rndJobs() {
		seen[rndPair{job.TrainingJobStatus, job.SecondaryStatus}]++
	}
	got := map[rndPair]bool{}
	for p := range seen {
		got[p] = true
	}
	assert.Equal(t, want, got)
	for p, n := range seen {
		assert.Greater(t, n, rndSeeds/len(want)/3, "%v is drawn about as often as the others", p)
	}
}

func TestRandomIsDeterministic(t *testing.T) {
	for seed := range uint64(300) {
		assert.Equal(t, trainingjobtest.Random(seed), trainingjobtest.Random(seed), "seed %d", seed)
	}
	jobs := rndJobs()
	for _, seed := range []uint64{0, 1, 17, 1999} {
		assert.True(t, reflect.DeepEqual(jobs[seed], trainingjobtest.Random(seed)), "seed %d, drawn again later", seed)
	}

	a := trainingjobtest.NewGenerator(rand.New(rand.NewPCG(7, 8)))
	b := trainingjobtest.NewGenerator(rand.New(rand.NewPCG(7, 8)))
	for i := range 50 {
		assert.Equal(t, a.Job(), b.Job(), "job %d of two generators with the same source", i)
	}
}

func TestRandomSeedsGiveDifferentJobs(t *testing.T) {
	seen := map[string]int{}
	for seed, job := range rndJobs() {
		data, err := trainingjob.Marshal(&job)
		require.NoError(t, err)
		if prev, dup := seen[string(data)]; dup {
			t.Errorf("seeds %d and %d give the same job", prev, seed)
		}
		seen[string(data)] = seed
	}
	assert.NotEqual(t, trainingjobtest.Random(1), trainingjobtest.Random(2))
}

// rndAlways are the members every generated job has: what
// DescribeTrainingJob always returns. Every other member of TrainingJob is
// optional and must turn up both present and absent.
var rndAlways = map[string]bool{
	"TrainingJobName": true, "TrainingJobArn": true, "TrainingJobStatus": true, "SecondaryStatus": true,
	"CreationTime": true, "LastModifiedTime": true, "SecondaryStatusTransitions": true,
	"AlgorithmSpecification": true, "RoleArn": true, "OutputDataConfig": true, "ResourceConfig": true, "StoppingCondition": true,
}

func TestRandomOptionalMembersComeAndGo(t *testing.T) {
	typ := reflect.TypeFor[trainingjob.TrainingJob]()
	present := map[string]int{}
	for _, job := range rndJobs() {
		v := reflect.ValueOf(job)
		for i := range typ.NumField() {
			if !v.Field(i).IsZero() {
				present[typ.Field(i).Name]++
			}
		}
	}
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if rndAlways[name] {
			assert.Equal(t, rndSeeds, present[name], "%s is always there", name)
			continue
		}
		assert.Positive(t, present[name], "%s is present in some jobs", name)
		assert.Less(t, present[name], rndSeeds, "%s is absent from some jobs", name)
	}
}

// Nested optional members and the kinds of life vary too.
func TestRandomVariety(t *testing.T) {
	count := map[string]int{}
	sizes := map[string]map[int]bool{"HyperParameters": {}, "InputDataConfig": {}, "Tags": {}, "Environment": {}}
	for _, job := range rndJobs() {
		sizes["HyperParameters"][len(job.HyperParameters)] = true
		sizes["InputDataConfig"][len(job.InputDataConfig)] = true
		sizes["Tags"][len(job.Tags)] = true
		sizes["Environment"][len(job.Environment)] = true
		interruptions := trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusInterrupted)
		switch {
		case job.EnableManagedSpotTraining && interruptions > 1:
			count["spot, interrupted more than once"]++
		case job.EnableManagedSpotTraining && interruptions == 1:
			count["spot, interrupted once"]++
		case job.EnableManagedSpotTraining:
			count["spot, never interrupted"]++
		}
		if trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusRestarting) > 0 && job.IsTerminal() {
			count["finished after a retry"]++
		}
		if trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusUpdating) > 0 && job.IsTerminal() {
			count["finished after an update"]++
		}
		if trainingjob.Visits(job.SecondaryStatusTransitions, trainingjob.SecondaryStatusLaunchingMLInstances) > 0 && job.IsTerminal() {
			count["finished in 2018"]++
		}
		if job.TrainingJobStatus == trainingjob.StatusFailed && job.TrainingStartTime.IsZero() {
			count["failed before training"]++
		}
		if job.TrainingJobStatus == trainingjob.StatusStopped && job.TrainingStartTime.IsZero() {
			count["stopped before training"]++
		}
		if job.TrainingJobStatus.IsTerminal() && job.SecondaryStatus != trainingjob.SecondaryStatusCompleted && job.ModelArtifacts != nil {
			count["stopped with a model"]++
		}
		if job.VpcConfig != nil && len(job.VpcConfig.Subnets) > 1 {
			count["several subnets"]++
		}
		for _, c := range job.InputDataConfig {
			switch {
			case c.DataSource.S3DataSource != nil:
				count["S3 channel"]++
			case c.DataSource.FileSystemDataSource != nil:
				count["file system channel"]++
			case c.DataSource.DatasetSource != nil:
				count["dataset channel"]++
			}
		}
		if rc := job.ResourceConfig; len(rc.InstanceGroups) > 0 {
			count["instance groups"]++
		}
		for _, v := range job.HyperParameters {
			if utf8.RuneCountInString(v) == 2500 {
				count["hyperparameter value of the maximum length"]++
				if len(v) > 2500 {
					count["... longer in bytes than in characters"]++
				}
			}
		}
		if len(job.TrainingJobName) == 63 {
			count["name of the maximum length"]++
		}
	}
	for _, what := range []string{
		"spot, interrupted more than once", "spot, interrupted once", "spot, never interrupted",
		"finished after a retry", "finished after an update", "finished in 2018",
		"failed before training", "stopped before training", "stopped with a model", "several subnets",
		"S3 channel", "file system channel", "dataset channel", "instance groups",
		"hyperparameter value of the maximum length", "... longer in bytes than in characters", "name of the maximum length",
	} {
		assert.Positive(t, count[what], what)
	}
	for member, seen := range sizes {
		assert.GreaterOrEqual(t, len(seen), 5, "%s comes in many sizes", member)
	}
}

// Every time is UTC with millisecond precision: what the service sends and
// what survives the wire format unchanged.
func TestRandomTimesAreUTCMilliseconds(t *testing.T) {
	for seed, job := range rndJobs() {
		for _, tm := range fxTimes(&job) {
			require.Equal(t, time.UTC, tm.Location(), "seed %d", seed)
			require.Zero(t, tm.Nanosecond()%int(time.Millisecond), "seed %d: %s", seed, tm)
		}
	}
}

func rndInterruptedBefore(h []trainingjob.SecondaryStatusTransition, limit time.Time) time.Duration {
	var d time.Duration
	for _, tr := range h {
		if tr.Status == trainingjob.SecondaryStatusInterrupted && !tr.IsOpen() && !tr.EndTime.After(limit) {
			d += tr.EndTime.Sub(tr.StartTime)
		}
	}
	return d
}

// The members tell the same story as the history, beyond what strict
// validation checks.
func TestRandomStoriesAgree(t *testing.T) {
	for seed, job := range rndJobs() {
		h := job.SecondaryStatusTransitions
		statuses := fxStatuses(h)
		last := h[len(h)-1]
		finished := job.TrainingJobStatus.IsTerminal() || job.TrainingJobStatus == trainingjob.StatusDeleting
		sc := job.StoppingCondition
		spot := job.EnableManagedSpotTraining
		msg := func(what string) string { return what + " (seed " + strconv.Itoa(seed) + ")" }

		if i := slices.Index(statuses, trainingjob.SecondaryStatusDownloading); i >= 0 {
			assert.Equal(t, h[i].StartTime, job.TrainingStartTime, msg("training starts with the first download"))
		} else {
			assert.True(t, job.TrainingStartTime.IsZero(), msg("no download, no training start"))
			assert.Zero(t, job.TrainingTimeInSeconds, msg("no training time before training"))
		}
		if slices.Contains(statuses, trainingjob.SecondaryStatusInterrupted) || job.SecondaryStatus == trainingjob.SecondaryStatusMaxWaitTimeExceeded {
			assert.True(t, spot, msg("only spot jobs are interrupted or wait for capacity"))
		}
		if n := trainingjob.Visits(h, trainingjob.SecondaryStatusRestarting); n > 0 {
			require.NotNil(t, job.RetryStrategy, msg("only a job with a retry strategy restarts"))
			assert.LessOrEqual(t, int32(n), aws.ToInt32(job.RetryStrategy.MaximumRetryAttempts), msg("no more retries than allowed"))
		}
		if slices.ContainsFunc(statuses, trainingjob.SecondaryStatus.IsDeprecated) {
			assert.Equal(t, 2018, job.CreationTime.Year(), msg("the deprecated statuses are from 2018"))
			assert.False(t, spot, msg("no spot training in 2018"))
		}
		require.NotNil(t, sc.MaxRuntimeInSeconds, msg("a runtime limit"))
		if spot {
			require.NotNil(t, sc.MaxWaitTimeInSeconds, msg("spot jobs have a wait limit"))
			assert.GreaterOrEqual(t, *sc.MaxWaitTimeInSeconds, *sc.MaxRuntimeInSeconds, msg("the wait limit covers the runtime limit"))
		} else {
			assert.Nil(t, sc.MaxWaitTimeInSeconds, msg("on-demand jobs have no wait limit"))
		}

		if finished {
			assert.Equal(t, last.StartTime, job.TrainingEndTime, msg("ends with its terminal entry"))
			if job.TrainingJobStatus == trainingjob.StatusDeleting {
				assert.True(t, job.LastModifiedTime.After(job.TrainingEndTime), msg("deleted after it ended"))
			} else {
				assert.Equal(t, job.TrainingEndTime, job.LastModifiedTime, msg("last modified when it ended"))
			}
			if !job.TrainingStartTime.IsZero() {
				interrupted := rndInterruptedBefore(h, job.TrainingEndTime)
				if spot && interrupted > 0 {
					assert.Less(t, job.BillableTimeInSeconds, job.TrainingTimeInSeconds, msg("interruptions are not billed"))
				} else {
					assert.Equal(t, job.TrainingTimeInSeconds, job.BillableTimeInSeconds, msg("every second is billed"))
				}
			}
		} else {
			assert.True(t, last.IsOpen(), msg("a running job's last entry is open"))
			assert.Equal(t, last.StartTime, job.LastModifiedTime, msg("last modified when the current entry began"))
			assert.Zero(t, job.BillableTimeInSeconds, msg("billed at the end"))
			assert.Nil(t, job.ModelArtifacts, msg("no model while running"))
			assert.Nil(t, job.FinalMetricDataList, msg("no final metrics while running"))
			assert.Nil(t, job.WarmPoolStatus, msg("no warm pool while running"))
		}

		switch job.SecondaryStatus {
		case trainingjob.SecondaryStatusMaxRuntimeExceeded:
			stopping := h[len(h)-2]
			require.Equal(t, trainingjob.SecondaryStatusStopping, stopping.Status, msg("stops before it ends"))
			running := stopping.StartTime.Sub(job.TrainingStartTime) - rndInterruptedBefore(h, stopping.StartTime)
			assert.GreaterOrEqual(t, running, time.Duration(*sc.MaxRuntimeInSeconds)*time.Second, msg("ran as long as it could"))
			assert.Equal(t, trainingjob.SecondaryStatusTraining, h[len(h)-3].Status, msg("stopped while training"))
		case trainingjob.SecondaryStatusMaxWaitTimeExceeded:
			stopping := h[len(h)-2]
			require.Equal(t, trainingjob.SecondaryStatusStopping, stopping.Status, msg("stops before it ends"))
			wall := stopping.StartTime.Sub(job.TrainingStartTime)
			running := wall - rndInterruptedBefore(h, stopping.StartTime)
			assert.GreaterOrEqual(t, wall, time.Duration(*sc.MaxWaitTimeInSeconds)*time.Second, msg("waited as long as it could"))
			assert.Less(t, running, time.Duration(*sc.MaxRuntimeInSeconds)*time.Second, msg("never reached the runtime limit"))
		case trainingjob.SecondaryStatusCompleted, trainingjob.SecondaryStatusFailed, trainingjob.SecondaryStatusStopped:
			if !job.TrainingStartTime.IsZero() {
				running := job.TrainingEndTime.Sub(job.TrainingStartTime) - rndInterruptedBefore(h, job.TrainingEndTime)
				assert.LessOrEqual(t, running, time.Duration(*sc.MaxRuntimeInSeconds)*time.Second, msg("within the runtime limit"))
			}
		}
		if job.SecondaryStatus == trainingjob.SecondaryStatusStopped {
			assert.Equal(t, trainingjob.SecondaryStatusStopping, h[len(h)-2].Status, msg("a stopped job went through Stopping"))
		}
	}
}

// JobIn gives a job with the statuses asked for, for every pair strict
// validation accepts, and refuses any other pair.
func TestGeneratorJobIn(t *testing.T) {
	g := trainingjobtest.NewGenerator(rand.New(rand.NewPCG(2024, 3)))
	for p := range rndStrictPairs() {
		for range 25 {
			job := g.JobIn(p.primary, p.secondary)
			require.NoError(t, job.Validate(trainingjob.Strict()), "%v", p)
			assert.Equal(t, p.primary, job.TrainingJobStatus)
			assert.Equal(t, p.secondary, job.SecondaryStatus)
		}
	}
	for _, p := range []rndPair{
		{trainingjob.StatusStopping, trainingjob.SecondaryStatusTraining},  // lagging: not drawn
		{trainingjob.StatusCompleted, trainingjob.SecondaryStatusFailed},   // illegal
		{trainingjob.StatusInProgress, trainingjob.SecondaryStatusStopped}, // illegal
		{"Paused", trainingjob.SecondaryStatusTraining},                    // unknown
		{trainingjob.StatusInProgress, ""},
	} {
		assert.Panics(t, func() { g.JobIn(p.primary, p.secondary) }, "%v", p)
	}
	assert.Panics(t, func() { trainingjobtest.NewGenerator(nil) })
}

// FuzzRandom checks, for any seed, that the job is strictly valid and that
// it survives the wire format unchanged.
func FuzzRandom(f *testing.F) {
	for _, seed := range []uint64{0, 1, 42, 1 << 32, ^uint64(0)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		job := trainingjobtest.Random(seed)
		require.NoError(t, job.Validate(trainingjob.Strict()))
		data, err := trainingjob.Marshal(&job)
		require.NoError(t, err)
		var back trainingjob.TrainingJob
		require.NoError(t, trainingjob.Unmarshal(data, &back))
		assert.Equal(t, job, back)
	})
}
