package trainingjob_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// sampleRoots are the folders that hold the repository's sample documents.
var sampleRoots = []string{
	"testdata",
	filepath.Join("cmd", "trainingjob", "testdata"),
	filepath.Join("trainingjobtest", "testdata"),
}

// notSamples are folders below the sample roots whose JSON files are not
// training job documents: the command's expected outputs (golden), the npm
// package of the JavaScript client (jsclient, node_modules below it) and
// the fuzz corpora.
var notSamples = map[string]bool{"golden": true, "jsclient": true, "fuzz": true}

// invalidSamples names the folders for samples that are invalid on purpose.
const invalidSamples = "invalid"

// TestSamplesAreValid walks every sample document: each one reads and
// passes the default validation, unless it lies in a folder named invalid,
// where each one must fail. A new sample that validation rejects fails
// here until it is fixed or moved into testdata/invalid, so that
// 'trainingjob validate testdata' reports nothing but the invalid/ folder.
func TestSamplesAreValid(t *testing.T) {
	seen := map[string]bool{}
	for _, root := range sampleRoots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if notSamples[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.EqualFold(filepath.Ext(path), ".json") {
				return nil
			}
			seen[filepath.ToSlash(path)] = true
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			doc, err := tj.ReadDocument(data)
			if err == nil {
				err = doc.Validate()
			}
			if slices.Contains(strings.Split(filepath.ToSlash(path), "/"), invalidSamples) {
				assert.Error(t, err, "%s is valid: move it out of the invalid folder", path)
				return nil
			}
			assert.NoError(t, err, "%s: a sample outside testdata/invalid must be valid", path)
			return nil
		})
		require.NoError(t, err)
	}
	for _, want := range []string{
		"testdata/describe/completed.json", "testdata/large/describe-large.json", "testdata/events/state-change-completed.json",
		"testdata/search/result.json", "testdata/invalid/other-detail-type.json",
	} {
		assert.True(t, seen[want], "the walk missed %s", want)
	}
}
