package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/trainingjob-go/trainingjob"
)

// readInput reads file, or stdin for "-", up to one byte past the
// library's document limit (ReadDocument then refuses it). A regular file
// is read at once. Anything else may keep the command waiting for as long
// as the other end likes: standard input from a pipe or a terminal, a FIFO
// (whose opening waits for a writer), a device. Those are read in the
// background, and readInput returns ctx.Err() as soon as ctx ends (Ctrl-C):
// a read from a file it opened is stopped by closing the file; a read from
// stdin, and an open still waiting for a FIFO's writer, are left behind, to
// end with the process.
func readInput(ctx context.Context, file string, stdin io.Reader) ([]byte, error) {
	if file == "-" {
		if stdin == nil {
			return nil, errors.New("no standard input")
		}
		return inBackground(ctx, func(setCloser func(io.Closer) bool) ([]byte, error) {
			return readAll(stdin, file)
		})
	}
	fi, err := os.Stat(file)
	switch {
	case err != nil:
		return nil, err
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a directory", file)
	case fi.Mode().IsRegular():
		return readFile(file)
	}
	return inBackground(ctx, func(setCloser func(io.Closer) bool) ([]byte, error) {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if !setCloser(f) {
			return nil, context.Canceled // given up on while opening
		}
		return readAll(f, file)
	})
}

// readFile reads a regular file.
func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, file)
}

// readAll reads r up to one byte past the document limit.
func readAll(r io.Reader, file string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, trainingjob.MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", displayName(file), err)
	}
	return data, nil
}

// inBackground runs read in a goroutine and returns what it returns, or
// ctx.Err() as soon as ctx ends. read calls setCloser with the file it
// opened: when ctx ends, that file is closed, which stops a read waiting on
// a pipe or FIFO. setCloser reports false when ctx has already ended; read
// then gives up.
func inBackground(ctx context.Context, read func(setCloser func(io.Closer) bool) ([]byte, error)) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	var (
		mu     sync.Mutex
		closer io.Closer
		gaveUp bool
	)
	setCloser := func(c io.Closer) bool {
		mu.Lock()
		defer mu.Unlock()
		closer = c
		return !gaveUp
	}
	done := make(chan result, 1)
	go func() {
		data, err := read(setCloser)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		mu.Lock()
		gaveUp = true
		if closer != nil {
			closer.Close()
		}
		mu.Unlock()
		return nil, ctx.Err()
	}
}
