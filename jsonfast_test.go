package trainingjob

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The tests of the JSON runtime's fast paths (string and number scanning,
// timestamps, list buffers) are in internal/wire; this one checks, through
// Unmarshal, a layout the generated decoders meet.

// Whatever white space follows a colon, the member reads the same.
func TestWhiteSpaceAfterColon(t *testing.T) {
	for _, sep := range []string{"", " ", "  ", " \n", "\n", "\t ", " \r\n    "} {
		doc := `{"TrainingJobName":` + sep + `"a","MaxRuntime":` + sep + `1,"HyperParameters":` + sep + `{"k":` + sep + `"v"}}`
		var job TrainingJob
		if assert.NoError(t, Unmarshal([]byte(doc), &job), "%q", sep) {
			assert.Equal(t, "a", job.TrainingJobName, "%q", sep)
			assert.Equal(t, map[string]string{"k": "v"}, job.HyperParameters, "%q", sep)
		}
	}
	var job TrainingJob
	err := Unmarshal([]byte(`{"TrainingJobName": }`), &job)
	assert.ErrorIs(t, err, ErrSyntax)
}
