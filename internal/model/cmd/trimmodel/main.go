// Command trimmodel writes the trimmed service model and waiters of package
// internal/model from botocore's full SageMaker model files.
//
// Run it from the repository's root with the paths of botocore's files:
//
//	go run ./internal/model/cmd/trimmodel \
//		-service path/to/botocore/data/sagemaker/2017-07-24/service-2.json \
//		-waiters path/to/botocore/data/sagemaker/2017-07-24/waiters-2.json
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/trainingjob-go/trainingjob/internal/model"
)

func main() {
	service := flag.String("service", "", "botocore's service-2.json for SageMaker (required)")
	waiters := flag.String("waiters", "", "botocore's waiters-2.json for SageMaker (optional)")
	dir := flag.String("dir", "internal/model", "directory to write the trimmed files into")
	flag.Parse()
	if err := run(*service, *waiters, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "trimmodel:", err)
		os.Exit(1)
	}
}

func run(service, waiters, dir string) error {
	if service == "" {
		return fmt.Errorf("-service is required (botocore/data/sagemaker/2017-07-24/service-2.json)")
	}
	full, err := os.ReadFile(service)
	if err != nil {
		return err
	}
	additions, err := os.ReadFile(filepath.Join(dir, model.AdditionsFile))
	if err != nil {
		return err
	}
	out, stale, err := model.Trim(full, model.Operations, model.ExtraShapes, additions)
	if err != nil {
		return err
	}
	for _, s := range stale {
		fmt.Fprintf(os.Stderr, "trimmodel: botocore now has %s: delete it from %s\n", s, model.AdditionsFile)
	}
	if err := os.WriteFile(filepath.Join(dir, model.ServiceFile), out, 0o644); err != nil {
		return err
	}
	if waiters == "" {
		return nil
	}
	full, err = os.ReadFile(waiters)
	if err != nil {
		return err
	}
	out, err = model.TrimWaiters(full, model.Operations)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, model.WaitersFile), out, 0o644)
}
