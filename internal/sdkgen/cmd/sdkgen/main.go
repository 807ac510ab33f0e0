// Command sdkgen writes the trainingjob package's conversions to and from
// the aws-sdk-go-v2 SageMaker shapes (sdk_gen.go).
//
// It reads the package's own types from its source, so run it from the
// package directory, which is what go generate does:
//
//	//go:generate go run ./internal/sdkgen/cmd/sdkgen -o sdk_gen.go
//
// Pass -o - to print the source on standard output instead, and -dir to
// read the package from another directory.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/trainingjob-go/trainingjob/internal/sdkgen"
)

func main() {
	out := flag.String("o", "", "output file (- for standard output)")
	dir := flag.String("dir", ".", "directory of the trainingjob package")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen [-dir DIR] -o FILE")
		os.Exit(2)
	}
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	src, err := sdkgen.GenerateDir(dir)
	if err != nil {
		return err
	}
	if out == "-" {
		_, err = os.Stdout.Write(src)
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
