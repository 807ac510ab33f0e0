// Command wiregen writes json_gen.go for package trainingjob; see package
// internal/wiregen. Run it through go generate from the module root.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/trainingjob-go/trainingjob/internal/wiregen"
)

func main() {
	out := flag.String("o", "json_gen.go", "file to write")
	dir := flag.String("dir", ".", "directory holding the trainingjob package's source")
	flag.Parse()
	src, err := wiregen.Generate(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
