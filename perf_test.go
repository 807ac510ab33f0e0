package trainingjob_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// The benchmarks compare like with like: the builder's job and the SDK
// literal are the small sample, and every decoder reads the samples fully.
func TestBenchJobsAreTheSample(t *testing.T) {
	want := benchJob(t, benchBodies[0].path)

	built, err := benchBuildSmall()
	require.NoError(t, err)
	assert.Equal(t, want, built, "the builder's job is the sample")
	require.NoError(t, built.Validate(tj.Strict()))
	assert.Equal(t, want.ToSDK(), benchSDKSmall(), "the SDK literal is the sample")

	for _, body := range benchBodies {
		data := benchRead(t, body.path)
		ours := benchJob(t, body.path)
		out, err := newBenchSDKDecoder().decode(data)
		require.NoError(t, err, body.name)
		assert.Equal(t, ours, tj.FromDescribeOutput(out), "%s: the SDK deserializer reads the same job", body.name)

		out, err = newBenchSDKClient(data).DescribeTrainingJob(t.Context(), &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String(ours.TrainingJobName)})
		require.NoError(t, err, body.name)
		assert.Equal(t, ours, tj.FromDescribeOutput(out), "%s: the SDK client reads the same job", body.name)

		var m benchMirrorJob
		require.NoError(t, json.Unmarshal(data, &m), body.name)
		require.NotNil(t, m.CreationTime)
		assert.Equal(t, float64(ours.CreationTime.UnixMilli())/1000, *m.CreationTime, body.name)
		assert.Len(t, m.SecondaryStatusTransitions, len(ours.SecondaryStatusTransitions), body.name)
		assert.Len(t, m.FinalMetricDataList, len(ours.FinalMetricDataList), body.name)
	}

	for _, n := range benchHistoryEntries {
		var job tj.TrainingJob
		require.NoError(t, tj.Unmarshal(benchHistoryDoc(n), &job))
		assert.Len(t, job.SecondaryStatusTransitions, n)
		require.NoError(t, job.Validate(tj.Strict()), "%d entries", n)
	}
}

// Decoding costs the same per history entry however long the history is
// (within a wide margin: the machine is shared and noisy).
func TestDecodeCostPerEntryIsConstant(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	if raceEnabled {
		t.Skip("timings under the race detector say nothing")
	}
	// Each measurement decodes about 200,000 entries in all, whatever the
	// history's length.
	perEntry := func(n int) float64 {
		data := benchHistoryDoc(n)
		rounds := max(1, 200_000/n)
		best := 0.0
		// The best of three: noise only ever makes a run slower.
		for range 3 {
			start := time.Now()
			for range rounds {
				job := new(tj.TrainingJob)
				benchSinkErr = tj.Unmarshal(data, job)
				benchSinkJob = job
			}
			ns := float64(time.Since(start).Nanoseconds()) / float64(rounds*n)
			if best == 0 || ns < best {
				best = ns
			}
		}
		require.NoError(t, benchSinkErr)
		return best
	}
	base := perEntry(100)
	for _, n := range []int{1000, 10000} {
		got := perEntry(n)
		t.Logf("%.0f ns per entry at 100 entries, %.0f at %d", base, got, n)
		assert.Less(t, got, 3*base, "per-entry cost at %d entries against 100 entries", n)
	}
}

// TestDecodeAgreesWithSDKDeserializer decodes every API-form sample with
// Unmarshal and with the SDK's own protocol deserializer (the one the
// benchmarks race against) and requires the same job from both.
func TestDecodeAgreesWithSDKDeserializer(t *testing.T) {
	for _, path := range oracleDescribeSamples(t) {
		t.Run(oracleSampleName(path), func(t *testing.T) {
			data := oracleRead(t, path)
			var ours tj.TrainingJob
			require.NoError(t, tj.Unmarshal(data, &ours))
			out, err := newBenchSDKDecoder().decode(data)
			require.NoError(t, err)
			assert.Equal(t, tj.FromDescribeOutput(out), ours)
		})
	}
}
