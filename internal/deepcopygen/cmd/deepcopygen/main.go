// Command deepcopygen writes the trainingjob package's deep-copy helpers.
//
// It is meant to be run through go generate from the repository root:
//
//	//go:generate go run ./internal/deepcopygen/cmd/deepcopygen -o deepcopy_gen.go
//
// Pass -o - to print the source on standard output instead.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/trainingjob-go/trainingjob/internal/deepcopygen"
)

func main() {
	out := flag.String("o", "", "output file (- for standard output)")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: deepcopygen -o FILE")
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string) error {
	src, err := deepcopygen.Generate()
	if err != nil {
		return err
	}
	if out == "-" {
		_, err = os.Stdout.Write(src)
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
