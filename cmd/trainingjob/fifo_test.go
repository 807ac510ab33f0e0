//go:build unix

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mkfifo makes a FIFO at path. When the test ends it opens the FIFO for
// writing and closes it, which lets a reader still waiting in open (left
// behind by a cancelled read) finish.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	t.Cleanup(func() {
		// Non-blocking: it fails at once when no reader is waiting.
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
}

// cancelSoon returns a context that ends after a moment, as Ctrl-C would
// end main's.
func cancelSoon(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	t.Cleanup(cancel)
	return ctx
}

// runWithin runs the command as runCLIWithContext does, and fails the test
// if it has not returned within limit, rather than hang with it.
func runWithin(t *testing.T, limit time.Duration, ctx context.Context, stdin io.Reader, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- runCLIWithContext(t, ctx, stdin, args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(limit):
		t.Fatalf("trainingjob %v still runs after %s", args, limit)
		return result{}
	}
}

// A FIFO nobody writes to keeps open waiting forever, and one whose writer
// is silent keeps read waiting; so does standard input from a pipe. The
// commands return as soon as their context ends, with exit status 130.
func TestReadingAFIFOHonoursCancellation(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "job.json")
	mkfifo(t, fifo)
	silent := filepath.Join(dir, "silent.json")
	mkfifo(t, silent)
	go func() {
		// A writer that opens the FIFO and never writes: the reader's
		// open returns, its read waits.
		f, err := os.OpenFile(silent, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		<-t.Context().Done()
		f.Close()
	}()
	blocked, writer := io.Pipe() // standard input that never ends
	t.Cleanup(func() { writer.Close() })

	tests := []struct {
		name  string
		stdin io.Reader
		args  []string
	}{
		{"inspect FIFO", nil, []string{"inspect", fifo}},
		{"validate FIFO", nil, []string{"validate", fifo}},
		{"inspect FIFO with a silent writer", nil, []string{"inspect", silent}},
		{"validate FIFO with a silent writer", nil, []string{"validate", silent}},
		{"inspect, standard input", blocked, []string{"inspect"}},
		{"validate -", blocked, []string{"validate", "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWithin(t, 5*time.Second, cancelSoon(t), tt.stdin, tt.args...)
			assert.Equal(t, exitInterrupted, r.code, r.stderr)
			assert.Contains(t, r.stderr, ": interrupted\n")
		})
	}
}

// A FIFO that a writer feeds is read like a file.
func TestReadingAFIFOWithAWriter(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "job.json")
	mkfifo(t, fifo)
	data, err := os.ReadFile(filepath.Join(samples, "describe", "completed.json"))
	require.NoError(t, err)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.Write(data)
	}()
	r := runWithin(t, 10*time.Second, t.Context(), nil, "validate", fifo)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "1 document: 1 valid, 0 invalid\n", r.stdout)
}

// A FIFO found by walking a directory is skipped with a note, and does
// not keep validate waiting: no context is cancelled here.
func TestValidateSkipsFIFOsInADirectory(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "a-pipe.json"))
	require.NoError(t, os.Symlink("a-pipe.json", filepath.Join(dir, "link-to-pipe.json")))
	data, err := os.ReadFile(filepath.Join(samples, "describe", "completed.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.json"), data, 0o600))
	require.NoError(t, os.Symlink("ok.json", filepath.Join(dir, "link-to-ok.json")))

	r := runWithin(t, 10*time.Second, context.Background(), nil, "validate", dir)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "2 documents: 2 valid, 0 invalid, 2 files skipped\n", r.stdout)
	assert.Equal(t, "trainingjob: validate: skipping "+filepath.Join(dir, "a-pipe.json")+": a named pipe (FIFO), not a regular file\n"+
		"trainingjob: validate: skipping "+filepath.Join(dir, "link-to-pipe.json")+": a named pipe (FIFO), not a regular file\n",
		r.stderr)
}
