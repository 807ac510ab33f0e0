package trainingjob_test

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// badInput is one entry of the catalogue of bad inputs docs/robustness.md lists
// under "Robustness": the input and the exact error Unmarshal gives.
type badInput struct {
	name   string
	in     string
	kind   error
	path   string
	offset int64
	msg    string
}

func checkDecodeError(t *testing.T, tt badInput, err error) {
	t.Helper()
	require.Error(t, err, tt.name)
	assert.ErrorIs(t, err, tt.kind, tt.name)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de, tt.name)
	assert.Equal(t, tt.path, de.Path, tt.name)
	assert.Equal(t, tt.offset, de.Offset, tt.name)
	assert.Equal(t, tt.msg, de.Msg, tt.name)
	assert.Contains(t, err.Error(), "(at byte "+strconv.FormatInt(tt.offset, 10)+")", tt.name)
}

func TestCatalogueDecoder(t *testing.T) {
	deep := `{"x":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`
	for _, tt := range []badInput{
		// Malformed and truncated JSON.
		{"truncated in an object", `{"TrainingJobName":"a"`, tj.ErrSyntax, "", 22, "unexpected end of input in object"},
		{"truncated in a string", `{"TrainingJobName":"a`, tj.ErrSyntax, "TrainingJobName", 21, "unexpected end of input in string"},
		{"truncated after {", `{`, tj.ErrSyntax, "", 1, "expected a member name"},
		{"missing colon", `{"TrainingJobName" "a"}`, tj.ErrSyntax, "", 19, "expected ':' after member name"},
		{"trailing comma", `{"a":1,}`, tj.ErrSyntax, "", 7, "expected a member name"},
		{"data after the document", `{} x`, tj.ErrSyntax, "", 3, "unexpected data after the document"},
		{"not an object", `[1]`, tj.ErrType, "", 0, "expected object, found array"},
		// Wrong member types.
		{"number for a string", `{"TrainingJobName":1}`, tj.ErrType, "TrainingJobName", 19, "expected string, found number"},
		{"boolean for a time", `{"CreationTime":true}`, tj.ErrType, "CreationTime", 16, "expected timestamp, found boolean"},
		{"object for a list", `{"SecondaryStatusTransitions":{}}`, tj.ErrType, "SecondaryStatusTransitions", 30, "expected array, found object"},
		{"array for a map", `{"HyperParameters":[]}`, tj.ErrType, "HyperParameters", 19, "expected object, found array"},
		{"number in a map", `{"HyperParameters":{"k":1}}`, tj.ErrType, `HyperParameters["k"]`, 24, "expected string, found number"},
		{"fraction for an integer", `{"TrainingTimeInSeconds":1.5}`, tj.ErrType, "TrainingTimeInSeconds", 25, "expected an integer of 32 bits, found 1.5"},
		{"integer overflow", `{"TrainingTimeInSeconds":4294967296}`, tj.ErrType, "TrainingTimeInSeconds", 25, "expected an integer of 32 bits, found 4294967296"},
		{"quoted integer", `{"TrainingTimeInSeconds":"10"}`, tj.ErrType, "TrainingTimeInSeconds", 25, "expected integer, found string"},
		{"quoted boolean", `{"EnableManagedSpotTraining":"true"}`, tj.ErrType, "EnableManagedSpotTraining", 29, "expected boolean, found string"},
		{"object for a history entry", `{"SecondaryStatusTransitions":[[]]}`, tj.ErrType, "SecondaryStatusTransitions[0]", 31, "expected object, found array"},
		// Timestamps in other formats.
		{"US date", `{"CreationTime":"08/03/2024 10:00"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "08/03/2024 10:00"`},
		{"space for T", `{"CreationTime":"2024-03-08 10:00:00"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "2024-03-08 10:00:00"`},
		{"RFC 1123", `{"CreationTime":"Fri, 08 Mar 2024 10:00:00 GMT"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "Fri, 08 Mar 2024 10:00:0"… (29 bytes)`},
		{"no zone", `{"CreationTime":"2024-03-08T10:00:00"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "2024-03-08T10:00:00"`},
		{"date only", `{"CreationTime":"2024-03-08"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "2024-03-08"`},
		{"words", `{"CreationTime":"yesterday"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "yesterday"`},
		// NaN, infinities, negative and far-future times.
		{"quoted NaN", `{"CreationTime":"NaN"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "NaN"`},
		{"quoted Infinity", `{"CreationTime":"Infinity"}`, tj.ErrTimestamp, "CreationTime", 16, `not an epoch number or an ISO 8601 time: "Infinity"`},
		{"overflowing number", `{"CreationTime":1e400}`, tj.ErrTimestamp, "CreationTime", 16, "timestamp out of range: 1e400"},
		{"negative", `{"CreationTime":-1}`, tj.ErrTimestamp, "CreationTime", 16, "timestamp before 1970: -1"},
		{"far future number", `{"CreationTime":1e20}`, tj.ErrTimestamp, "CreationTime", 16, "timestamp out of range: 1e20"},
		{"far future string", `{"CreationTime":"9999-12-31T23:59:59Z"}`, tj.ErrTimestamp, "CreationTime", 16, `timestamp outside the years 1970 to 5138: "9999-12-31T23:59:59Z"`},
		{"before 1970", `{"CreationTime":"1969-12-31T23:59:59Z"}`, tj.ErrTimestamp, "CreationTime", 16, `timestamp outside the years 1970 to 5138: "1969-12-31T23:59:59Z"`},
		// Deep nesting.
		{"deeply nested unknown member", deep, tj.ErrTooDeep, "x", 69, "nested deeper than 64 levels"},
	} {
		var job tj.TrainingJob
		checkDecodeError(t, tt, tj.Unmarshal([]byte(tt.in), &job))
		doc, err := tj.ReadDocument([]byte(tt.in))
		assert.Nil(t, doc, tt.name)
		assert.Error(t, err, tt.name)
	}

	// Too large: refused before decoding, whatever the content.
	var job tj.TrainingJob
	err := tj.Unmarshal(make([]byte, tj.MaxDocumentSize+1), &job)
	assert.ErrorIs(t, err, tj.ErrTooLarge)
}

// TestCatalogueDecoderNoValue covers positions that hold no JSON value at
// all where the decoder wants one: these are syntax errors, not type
// errors, whatever kind of value was wanted there.
func TestCatalogueDecoderNoValue(t *testing.T) {
	for _, tt := range []badInput{
		{"bare NaN", `{"CreationTime":NaN}`, tj.ErrSyntax, "CreationTime", 16, "invalid character 'N' looking for a value"},
		{"missing value", `{"TrainingJobName":}`, tj.ErrSyntax, "TrainingJobName", 19, "invalid character '}' looking for a value"},
		{"missing map value", `{"HyperParameters":{"a":}}`, tj.ErrSyntax, `HyperParameters["a"]`, 24, "invalid character '}' looking for a value"},
		{"missing number", `{"TrainingTimeInSeconds":,"x":1}`, tj.ErrSyntax, "TrainingTimeInSeconds", 25, "invalid character ',' looking for a value"},
		{"truncated after colon", `{"ResourceConfig":`, tj.ErrSyntax, "ResourceConfig", 18, "unexpected end of input, expected object"},
		{"empty input", ``, tj.ErrSyntax, "", 0, "unexpected end of input, expected object"},
		{"misspelt null", `nul`, tj.ErrSyntax, "", 0, "invalid literal"},
		{"misspelt true", `{"EnableNetworkIsolation":tru}`, tj.ErrSyntax, "EnableNetworkIsolation", 26, "invalid literal"},
		{"a real null is no syntax error", `{"EnableNetworkIsolation":null}`, nil, "", 0, ""},
		{"a real true for a string is a type error", `{"TrainingJobName":true}`, tj.ErrType, "TrainingJobName", 19, "expected string, found boolean"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var job tj.TrainingJob
			err := tj.Unmarshal([]byte(tt.in), &job)
			if tt.kind == nil {
				require.NoError(t, err)
				return
			}
			checkDecodeError(t, tt, err)
		})
	}
}

func TestCatalogueAcceptedOddities(t *testing.T) {
	// Duplicated members: the last one wins, as with encoding/json.
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal([]byte(`{"TrainingJobName":"a","TrainingJobName":"b","HyperParameters":{"k":"1","k":"2"}}`), &job))
	assert.Equal(t, "b", job.TrainingJobName)
	assert.Equal(t, map[string]string{"k": "2"}, job.HyperParameters)
	require.NoError(t, tj.Unmarshal([]byte(`{"SecondaryStatusTransitions":[],"SecondaryStatusTransitions":[{"Status":"Training"}]}`), &job))
	assert.Equal(t, []tj.SecondaryStatusTransition{{Status: tj.SecondaryStatusTraining}}, job.SecondaryStatusTransitions)

	// Invalid UTF-8 is kept byte for byte by the decoder. In a name the
	// pattern check of Validate rejects it; in free text (FailureReason,
	// status messages) it is kept and allowed, as messages are for people.
	require.NoError(t, tj.Unmarshal([]byte("{\"TrainingJobName\":\"a\xffb\",\"FailureReason\":\"bad \xc3\x28\"}"), &job))
	assert.Equal(t, "a\xffb", job.TrainingJobName)
	assert.Equal(t, "bad \xc3\x28", job.FailureReason)
	bad := completedJob()
	bad.TrainingJobName = "a\xffb"
	bad.TrainingJobArn = ""
	bad.SecondaryStatusTransitions[1].StatusMessage = "m\xff"
	err := bad.Validate()
	var ve *tj.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errors, 1, err.Error())
	assert.ErrorIs(t, err, tj.ErrInvalid)
	assert.Equal(t, "TrainingJobName", ve.Errors[0].Field)
	assert.Contains(t, err.Error(), `TrainingJobName: invalid: "a\xffb": does not match the pattern`)

	// An escaped lone surrogate becomes U+FFFD.
	require.NoError(t, tj.Unmarshal([]byte(`{"StatusMessage":"x","TrainingJobName":"\ud800"}`), &job))
	assert.Equal(t, "\ufffd", job.TrainingJobName)
}

// historyDoc is a describe response with n history entries.
func historyDoc(n int) []byte {
	var b strings.Builder
	b.Grow(n*50 + 200)
	b.WriteString(`{"TrainingJobName":"long","TrainingJobStatus":"InProgress","SecondaryStatus":"Training","CreationTime":1709892000,"SecondaryStatusTransitions":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"Status":"Training","StartTime":`)
		b.WriteString(strconv.Itoa(1709892000 + i))
		b.WriteString(`}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// decodeCost decodes doc and returns the bytes allocated and the time
// taken.
func decodeCost(t *testing.T, doc []byte, n int) (uint64, time.Duration) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	began := time.Now()
	var job tj.TrainingJob
	require.NoError(t, tj.Unmarshal(doc, &job))
	took := time.Since(began)
	runtime.ReadMemStats(&after)
	require.Len(t, job.SecondaryStatusTransitions, n)
	_ = job.Validate() // entries without EndTime in the middle: invalid, but validation must cope
	return after.TotalAlloc - before.TotalAlloc, took
}

// A history of MaxHistoryEntries entries decodes in linear time and
// memory; a million entries (45 MB) are refused at the first entry too
// many, having allocated little.
func TestCatalogueMillionHistoryEntries(t *testing.T) {
	million := historyDoc(1_000_000)
	require.Less(t, len(million), tj.MaxDocumentSize)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := tj.Unmarshal(million, new(tj.TrainingJob))
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, tj.ErrTooLarge)
	assert.ErrorContains(t, err, "SecondaryStatusTransitions[10000]: more than 10000 entries")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(32<<20), "a refused million entries")

	n := tj.MaxHistoryEntries
	small := n / 10
	bigDoc, smallDoc := historyDoc(n), historyDoc(small)

	bigAlloc, bigTime := decodeCost(t, bigDoc, n)
	smallAlloc, smallTime := decodeCost(t, smallDoc, small)
	t.Logf("%d entries (%d bytes): %d bytes allocated, %v; %d entries: %d bytes, %v",
		n, len(bigDoc), bigAlloc, bigTime, small, smallAlloc, smallTime)

	// Bounded memory: at most 256 bytes per entry of 80 (the decoder reads
	// the input in place and allocates about 180 bytes an entry, list growth
	// and the kept status messages included).
	assert.Less(t, bigAlloc, 256*uint64(n), "memory for %d entries", n)
	// Linear: ten times the entries cost about ten times the memory.
	assert.Less(t, float64(bigAlloc)/float64(smallAlloc), 20.0)

	if raceEnabled {
		t.Skip("timing is meaningless under the race detector")
	}
	// Linear time, with a wide margin for noisy machines: ten times the
	// entries take well under a hundred times as long.
	best := func(doc []byte, n int) time.Duration {
		d := time.Duration(1 << 62)
		for range 3 {
			_, took := decodeCost(t, doc, n)
			d = min(d, took)
		}
		return d
	}
	ratio := float64(best(bigDoc, n)) / float64(best(smallDoc, small))
	t.Logf("time ratio for ten times the entries: %.1f", ratio)
	assert.Less(t, ratio, 40.0)
}

func TestCatalogueErrorsMatch(t *testing.T) {
	// Every kind is distinct: errors.Is tells them apart.
	kinds := []error{tj.ErrSyntax, tj.ErrType, tj.ErrTimestamp, tj.ErrTooLarge, tj.ErrTooDeep, tj.ErrUnsupportedDocument}
	for i, a := range kinds {
		for j, b := range kinds {
			assert.Equal(t, i == j, errors.Is(a, b))
		}
	}
	for _, tt := range []struct {
		in, msg string
	}{
		{`{}`, "not a DescribeTrainingJob response, an EventBridge event or a Search record"},
		{`{"detail-type":"Other","detail":{}}`, `event detail-type "Other" is not "SageMaker Training Job State Change"`},
		{`{"Results":[]}`, "Search response has 0 results; ReadDocument reads exactly one"},
	} {
		_, err := tj.ReadDocument([]byte(tt.in))
		assert.ErrorIs(t, err, tj.ErrUnsupportedDocument, tt.in)
		assert.ErrorContains(t, err, tt.msg)
	}
}
