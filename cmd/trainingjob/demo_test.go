package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemo(t *testing.T) {
	began := time.Now()
	// At a million times real time the job's 52 minutes take 3 ms.
	r := runCLI(t, nil, "", "demo", "--speed", "1e6", "--start", "2024-03-08T10:00:00Z", "--no-color", "--width", "100")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Less(t, time.Since(began), 10*time.Second)
	golden(t, "demo.txt", r.stdout)

	out := r.stdout
	// Progress lines for every phase, in order, the interruption included.
	var order []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "2024-03-08 ") {
			order = append(order, strings.Fields(l)[3])
		}
	}
	assert.Equal(t, []string{"Starting", "Pending", "Downloading", "Training", "Interrupted",
		"Starting", "Downloading", "Training", "Uploading", "Completed"}, order)
	assert.Contains(t, out, "\nOutcome: Succeeded (Completed / Completed) after 52m00s\n")

	// It ends with the inspect view of the finished job.
	view := out[strings.Index(out, "\nresnet50-spot-demo\n")+1:]
	assert.True(t, strings.HasPrefix(view, "resnet50-spot-demo\narn:aws:sagemaker:us-east-1:123456789012:training-job/resnet50-spot-demo\n"))
	assert.Contains(t, view, "  Outcome        Succeeded\n")
	assert.Contains(t, view, "  Instances      2 × ml.g5.12xlarge, managed spot\n")
	assert.Contains(t, view, "  Spot savings   ")
	assert.Contains(t, view, "Timeline (2024-03-08, UTC)")
	assert.True(t, strings.HasSuffix(out, "Validation (default): valid\n"))
}

func TestDemoOptions(t *testing.T) {
	r := runCLI(t, nil, "", "demo", "--speed", "1e6", "--name", "My-Job-1", "--no-color")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "\nMy-Job-1\narn:aws:sagemaker:us-east-1:123456789012:training-job/my-job-1\n")

	for _, args := range [][]string{
		{"demo", "extra"},
		{"demo", "--speed", "0"},
		{"demo", "--speed", "-5"},
		{"demo", "--speed", "fast"},
		{"demo", "--start", "noon"},
		{"demo", "--name", "not a valid name!"},
	} {
		r := runCLI(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.NotEmpty(t, r.stderr, args)
	}
}

func TestDemoInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := runCLI(t, ctx, "", "demo", "--speed", "1", "--no-color")
	assert.Equal(t, exitInterrupted, r.code)
	assert.Contains(t, r.stderr, "trainingjob: demo: interrupted")
}
