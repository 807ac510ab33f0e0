package trainingjob_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
)

// The markers stand for a secret that a hostile or careless document holds
// in a value the decoder rejects. Each is placed well past the most bytes
// an error may quote, so an error that holds one echoes more of the input
// than it should.
const (
	echoMarker      = "SECRET-MARKER-7f3a"
	echoDigitMarker = "31415926535897932384"
)

// longText returns about a kilobyte that starts with head and holds the
// text marker from byte 100 on, among filler.
func longText(head string) string {
	s := head + strings.Repeat("x", 100-len(head)) + echoMarker
	return s + strings.Repeat("y", 1024-len(s)-len(echoMarker)) + echoMarker
}

// longDigits returns about a kilobyte of digits that starts with head and
// holds the digit marker from byte 100 on.
func longDigits(head string) string {
	s := head + strings.Repeat("0", 100-len(head)) + echoDigitMarker
	return s + strings.Repeat("0", 1024-len(s))
}

// checkNoEcho holds the rules for an error built from hostile input: the
// marker is not in it, nor is any raw control byte or invalid UTF-8, and it
// stays short.
func checkNoEcho(t *testing.T, msg string) {
	t.Helper()
	assert.NotContains(t, msg, echoMarker)
	assert.NotContains(t, msg, echoDigitMarker)
	assert.Empty(t, errorTextProblem(errors.New(msg)), msg)
	// The longest is the detail-type's, with its 64 bytes of excerpt, each
	// at most four bytes once escaped.
	assert.Less(t, len(msg), 400, msg)
}

// errorTextProblem returns what is wrong with the text of an error that a
// fuzz target's input caused, or "" when it is as checkNoEcho wants it
// besides the markers: valid UTF-8, no control characters and short. A
// document's path adds at most a few dozen bytes a level beside the
// excerpts, and the job's members nest a few levels deep.
func errorTextProblem(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if !utf8.ValidString(msg) {
		return "invalid UTF-8"
	}
	for _, r := range msg {
		if r < ' ' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return "a control character"
		}
	}
	if len(msg) > 1024 {
		return "longer than 1 KB"
	}
	return ""
}

// TestDecodeErrorsDoNotEchoInput feeds a long, secret-looking value to
// every place where a decode error names the rejected text, and checks that
// the error quotes at most a short, escaped excerpt of it while keeping its
// kind, path and offset.
func TestDecodeErrorsDoNotEchoInput(t *testing.T) {
	// Control characters, a newline and an ANSI escape, escaped as JSON
	// must escape them, then invalid UTF-8, which JSON cannot escape.
	ctl := `\u0001\n\u001b[31m` + "\xff\xfe"
	for _, tt := range []struct {
		name string
		in   string
		kind error
		path string
		// want is the message, which must quote no more than its excerpt.
		want string
	}{
		{
			"timestamp, not a time", `{"CreationTime":"` + longText("Tue, "+ctl) + `"}`, tj.ErrTimestamp, "CreationTime",
			`not an epoch number or an ISO 8601 time: "Tue, \x01\n\x1b[31m\xff\xfe` + strings.Repeat("x", 24-14) + `"… (1013 bytes)`,
		},
		{
			"timestamp, digits then text", `{"SecondaryStatusTransitions":[{"StartTime":"` + longText("17098"+ctl) + `"}]}`,
			tj.ErrTimestamp, "SecondaryStatusTransitions[0].StartTime",
			`not an epoch number or an ISO 8601 time: "17098\x01\n\x1b[31m\xff\xfe` + strings.Repeat("x", 24-14) + `"… (1013 bytes)`,
		},
		{
			"timestamp, far too large", `{"CreationTime":` + longDigits("9") + `}`, tj.ErrTimestamp, "CreationTime",
			"timestamp out of range: 900000000000000000000000… (1024 bytes)",
		},
		{
			"timestamp, quoted and far too large", `{"LastModifiedTime":"` + longDigits("1") + `"}`, tj.ErrTimestamp, "LastModifiedTime",
			"timestamp out of range: 100000000000000000000000… (1024 bytes)",
		},
		{
			"timestamp, negative", `{"TrainingStartTime":-` + longDigits("1") + `}`, tj.ErrTimestamp, "TrainingStartTime",
			"timestamp before 1970: -10000000000000000000000… (1025 bytes)",
		},
		{
			"timestamp, exponent out of range", `{"CreationTime":1e` + longDigits("7") + `}`, tj.ErrTimestamp, "CreationTime",
			"timestamp out of range: 1e7000000000000000000000… (1026 bytes)",
		},
		{
			"timestamp, long fraction", `{"CreationTime":"5139-01-01T00:00:00.` + longDigits("1") + `Z"}`, tj.ErrTimestamp, "CreationTime",
			`timestamp outside the years 1970 to 5138: "5139-01-01T00:00:00.1000"… (1045 bytes)`,
		},
		{
			"integer, too many digits", `{"TrainingTimeInSeconds":` + longDigits("4") + `}`, tj.ErrType, "TrainingTimeInSeconds",
			"expected an integer of 32 bits, found 400000000000000000000000… (1024 bytes)",
		},
		{
			"integer, long fraction", `{"BillableTimeInSeconds":1.` + longDigits("5") + `}`, tj.ErrType, "BillableTimeInSeconds",
			"expected an integer of 32 bits, found 1.5000000000000000000000… (1026 bytes)",
		},
		{
			"metric value, a string", `{"FinalMetricDataList":[{"MetricName":"loss","Value":"` + longText("N\\u0000aN") + `"}]}`,
			tj.ErrType, "FinalMetricDataList[0].Value",
			`expected a number, found string "N\x00aNxxxxxxxxxxxxxxxxxxxx"… (1019 bytes)`,
		},
		{
			"metric value, out of range", `{"FinalMetricDataList":[{"Value":` + longDigits("7") + `}]}`, tj.ErrType, "FinalMetricDataList[0].Value",
			"number out of range for a 32-bit float: 700000000000000000000000… (1024 bytes)",
		},
		{
			"map key in the path", `{"HyperParameters":{"` + longText("lr\\n") + `":1}}`, tj.ErrType,
			`HyperParameters["lr\n` + strings.Repeat("x", 24-3) + `"… (1023 bytes)]`,
			"expected string, found number",
		},
		{
			"environment key in the path of a bad timestamp's neighbour", `{"Environment":{"` + longText("K") + `":"v","x":1}}`, tj.ErrType,
			`Environment["x"]`, "expected string, found number",
		},
		{
			"unknown member's name in the path", `{"ModelArtifacts":{"` + longText(`x\n`) + `":[}}`, tj.ErrSyntax,
			`ModelArtifacts["x\n` + strings.Repeat("x", 24-2) + `"… (1023 bytes)]`, "invalid character '}' looking for a value",
		},
		{
			"unknown member's long plain name in the path", `{"` + strings.Repeat("A", 65) + `":[}`, tj.ErrSyntax,
			`["` + strings.Repeat("A", 24) + `"… (65 bytes)]`, "invalid character '}' looking for a value",
		},
		{
			"unknown member's plain name in the path", `{"` + strings.Repeat("A", 64) + `":[}`, tj.ErrSyntax,
			strings.Repeat("A", 64), "invalid character '}' looking for a value",
		},
		{
			"invalid character", "{\"TrainingJobName\":\xff" + longText("") + "}", tj.ErrSyntax, "TrainingJobName",
			`invalid character '\xff' looking for a value`,
		},
		{
			"control character as a value", "{\"TrainingJobName\":\x1b" + longText("") + "}", tj.ErrSyntax, "TrainingJobName",
			`invalid character '\x1b' looking for a value`,
		},
		{
			"invalid escape", `{"TrainingJobName":"\` + longText("") + `"}`, tj.ErrSyntax, "TrainingJobName",
			`invalid escape character 'x'`,
		},
		{
			"event detail-type", `{"detail-type":"` + longText("SageMaker "+ctl) + `","detail":{}}`, tj.ErrUnsupportedDocument, "",
			`event detail-type "SageMaker \x01\n\x1b[31m\xff\xfe` + strings.Repeat("x", 64-19) + `"… (1013 bytes) is not "SageMaker Training Job State Change"`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Unmarshal reads the job's members; the detail-type is the
			// document reader's to check.
			var err error
			if strings.HasPrefix(tt.in, `{"detail-type"`) {
				var doc *tj.Document
				doc, err = tj.ReadDocument([]byte(tt.in))
				assert.Nil(t, doc)
			} else {
				var job tj.TrainingJob
				err = tj.Unmarshal([]byte(tt.in), &job)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			var de *tj.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.path, de.Path)
			assert.Equal(t, tt.want, de.Msg)
			assert.GreaterOrEqual(t, de.Offset, int64(0))
			assert.Less(t, de.Offset, int64(len(tt.in)))
			checkNoEcho(t, err.Error())
		})
	}
}

// TestDecodeErrorExcerptCutsWholeCharacters checks that a cut excerpt ends
// on a character boundary, so that it shows no escaped half of a character
// the input spells correctly.
func TestDecodeErrorExcerptCutsWholeCharacters(t *testing.T) {
	// 23 ASCII bytes and a 2-byte é straddle the 24-byte bound.
	in := `{"CreationTime":"` + strings.Repeat("a", 23) + "é" + strings.Repeat("b", 40) + `"}`
	var job tj.TrainingJob
	err := tj.Unmarshal([]byte(in), &job)
	var de *tj.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, `not an epoch number or an ISO 8601 time: "`+strings.Repeat("a", 23)+`"… (65 bytes)`, de.Msg)
	// A value at the bound is quoted whole.
	in = `{"CreationTime":"` + strings.Repeat("a", 24) + `"}`
	err = tj.Unmarshal([]byte(in), &job)
	require.ErrorAs(t, err, &de)
	assert.Equal(t, `not an epoch number or an ISO 8601 time: "`+strings.Repeat("a", 24)+`"`, de.Msg)
}

// TestParseErrorsDoNotEchoInput checks the other errors that name a value
// the caller passed in: ParseStatus's and ParseSecondaryStatus's, and
// MarshalEvent's refusal of another detail-type.
func TestParseErrorsDoNotEchoInput(t *testing.T) {
	_, err := tj.ParseStatus(longText("Comp\n"))
	require.ErrorIs(t, err, tj.ErrNotSupported)
	assert.Contains(t, err.Error(), `unknown Status "Comp\n`+strings.Repeat("x", 24-5)+`"… (1024 bytes); valid values: InProgress`)
	checkNoEcho(t, err.Error())

	_, err = tj.ParseSecondaryStatus(longText("\xffTrain"))
	require.ErrorIs(t, err, tj.ErrNotSupported)
	assert.Contains(t, err.Error(), `unknown SecondaryStatus "\xffTrain`+strings.Repeat("x", 24-6)+`"… (1024 bytes)`)
	checkNoEcho(t, err.Error())

	// A short value is still quoted whole, with its suggestion.
	_, err = tj.ParseStatus(" completed")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown Status " completed" (did you mean "Completed"?)`)

	job := tj.TrainingJob{TrainingJobName: "job", CreationTime: time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)}
	_, err = tj.MarshalEvent(&job, tj.Event{DetailType: longText("SageMaker\r")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `detail-type "SageMaker\r`+strings.Repeat("x", 64-10)+`"… (1024 bytes) is not`)
	checkNoEcho(t, err.Error())
}
