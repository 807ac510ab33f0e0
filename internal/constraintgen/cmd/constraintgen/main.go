// Command constraintgen writes constraints_gen.go for package trainingjob
// from the SageMaker service model; see package internal/constraintgen.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/trainingjob-go/trainingjob/internal/constraintgen"
)

func main() {
	modelPath := flag.String("model", "internal/model/service-2.training-job.json", "the trimmed service model (see package internal/model)")
	out := flag.String("o", "constraints_gen.go", "file to write")
	dir := flag.String("dir", ".", "directory holding the trainingjob package's source")
	flag.Parse()
	src, err := constraintgen.Generate(*modelPath, *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
