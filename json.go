package trainingjob

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

//go:generate go run ./internal/wiregen/cmd/wiregen -o json_gen.go

// Limits on the documents the decoders accept. They are refused before
// decoding starts (size) or as soon as the limit is crossed (depth), so a
// hostile document cannot make a decoder use unbounded memory or stack.
const (
	// MaxDocumentSize is the largest document, in bytes, that Unmarshal,
	// ReadDocument and ReadDocumentFrom accept: 64 MiB, far above the
	// largest real response (a history of thousands of entries is a few
	// hundred kilobytes).
	MaxDocumentSize = 64 << 20
	// MaxDepth is the deepest nesting of objects and arrays accepted. The
	// service's own documents nest about ten levels.
	MaxDepth = 64
)

// The kinds of decoding error. A *DecodeError matches one of them with
// errors.Is.
var (
	// ErrSyntax: the input is not well-formed JSON (including truncated
	// input).
	ErrSyntax = errors.New("invalid JSON")
	// ErrType: a member has the wrong JSON type, such as a string where a
	// number belongs, or a number that does not fit the member.
	ErrType = errors.New("wrong JSON type")
	// ErrTimestamp: a timestamp that is neither an epoch number nor an ISO
	// 8601 string, or that lies outside the years 1970 to 5138.
	ErrTimestamp = errors.New("invalid timestamp")
	// ErrTooLarge: the document is larger than MaxDocumentSize.
	ErrTooLarge = errors.New("document too large")
	// ErrTooDeep: the document nests deeper than MaxDepth.
	ErrTooDeep = errors.New("document nested too deeply")
	// ErrUnsupportedDocument: ReadDocument does not recognise the document's
	// shape, or it is an event about something other than a training job.
	ErrUnsupportedDocument = errors.New("unsupported document")
)

// DecodeError describes why a document could not be decoded and where.
type DecodeError struct {
	// Path locates the member being decoded, in wire names
	// (SecondaryStatusTransitions[2].StartTime); "" is the document itself.
	Path string
	// Offset is the byte offset in the input where the problem was found.
	Offset int64
	// Kind is one of ErrSyntax, ErrType, ErrTimestamp, ErrTooLarge,
	// ErrTooDeep or ErrUnsupportedDocument.
	Kind error
	// Msg says what was wrong.
	Msg string
}

// Error formats the error with its path and byte offset.
func (e *DecodeError) Error() string {
	s := "trainingjob: "
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg + " (at byte " + strconv.FormatInt(e.Offset, 10) + ")"
}

// Unwrap returns the kind of error.
func (e *DecodeError) Unwrap() error { return e.Kind }

// Marshal writes job in the service's JSON wire format, the body of a
// DecodeTrainingJob response: member names as the API spells them, absent
// members left out, timestamps as epoch seconds with a millisecond fraction,
// map keys sorted. The output is the same for equal jobs. Marshal fails only
// for a time before 1970 or after 5138, which the wire format cannot hold
// unambiguously (see Unmarshal).
//
// A nil slice or map is absent; an empty one is written as [] or {} so that
// Unmarshal gives it back empty. A plain scalar at its zero value (an empty
// string, a zero time, 0, false) is absent.
func Marshal(job *TrainingJob) ([]byte, error) {
	if job == nil {
		return []byte("null"), nil
	}
	e := encoder{buf: make([]byte, 0, 2048)}
	appendJob(&e, job)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// MarshalJSON writes the job as Marshal does.
func (j TrainingJob) MarshalJSON() ([]byte, error) { return Marshal(&j) }

// MarshalJSON writes the history entry in the service's JSON form.
func (t SecondaryStatusTransition) MarshalJSON() ([]byte, error) {
	var e encoder
	appendHistoryEntry(&e, &t)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// Unmarshal decodes one training job from data into *job, replacing what
// *job held. data is a JSON object with the members of the API's TrainingJob
// or DescribeTrainingJob response (ReadDocument accepts the other document
// shapes).
//
// Timestamps may be written in any form met in practice: a JSON number of
// epoch seconds in integer, decimal or exponent form (1709892000,
// 1709892000.123, 1.709892000123E9); a number of epoch milliseconds, as in
// EventBridge events, told apart by its size (a value of 1e11 or more is
// milliseconds, since no training job predates 2017); the same numbers
// quoted as strings; or an ISO 8601 string with Z or a numeric offset and
// any number of fraction digits, as the AWS CLI v2 and the JavaScript SDK
// print them. Decoded times are in UTC, and must lie between 1970 and
// November 5138 (past that, seconds would read as milliseconds).
//
// Unknown members are skipped, and enumeration values this package does not
// know are kept as they are. Unmarshal reads data in place, without copying
// it, and keeps no reference to it: data may be reused as soon as Unmarshal
// returns, but must not change while it runs. The decoded strings share a
// few buffers, and the SDK's pointer members draw from shared chunks, so
// decoding costs few allocations; a buffer or chunk stays in memory while
// anything decoded into it does.
//
// Errors are *DecodeError values naming the member path and the byte
// offset. Input larger than MaxDocumentSize or nested deeper than MaxDepth
// is refused.
func Unmarshal(data []byte, job *TrainingJob) error {
	if job == nil {
		return errors.New("trainingjob: Unmarshal into a nil *TrainingJob")
	}
	if len(data) > MaxDocumentSize {
		return tooLarge(int64(len(data)))
	}
	var d decoder
	d.init(viewOf(data))
	*job = TrainingJob{}
	decodeJob(&d, job)
	return d.finish()
}

// UnmarshalJSON decodes the job as Unmarshal does.
func (j *TrainingJob) UnmarshalJSON(data []byte) error { return Unmarshal(data, j) }

// UnmarshalJSON decodes one history entry, accepting the timestamp forms
// Unmarshal accepts. Like Unmarshal, it keeps no reference to data.
func (t *SecondaryStatusTransition) UnmarshalJSON(data []byte) error {
	if len(data) > MaxDocumentSize {
		return tooLarge(int64(len(data)))
	}
	var d decoder
	d.init(viewOf(data))
	*t = SecondaryStatusTransition{}
	decodeHistoryEntry(&d, t)
	return d.finish()
}

func tooLarge(n int64) error {
	return &DecodeError{Kind: ErrTooLarge, Offset: MaxDocumentSize,
		Msg: fmt.Sprintf("document of %d bytes or more is larger than the limit of %d", n, MaxDocumentSize)}
}

// finish checks that nothing but white space follows the value and returns
// the first error.
func (d *decoder) finish() error {
	if d.err == nil {
		d.ws()
		if d.pos < len(d.src) {
			d.fail(ErrSyntax, "unexpected data after the document")
		}
	}
	if d.err != nil {
		return d.err
	}
	return nil
}

// Form says which kind of document ReadDocument found.
type Form uint8

// The document forms ReadDocument recognises.
const (
	// FormDescribe: a DescribeTrainingJob response, as the API sends it or
	// as the AWS CLI prints it.
	FormDescribe Form = iota + 1
	// FormEvent: an EventBridge "SageMaker Training Job State Change"
	// event.
	FormEvent
	// FormSearchRecord: a record of a Search response, {"TrainingJob":
	// {...}}, or a whole Search response with one result.
	FormSearchRecord
)

// String returns the form's name.
func (f Form) String() string {
	switch f {
	case FormDescribe:
		return "DescribeTrainingJob response"
	case FormEvent:
		return "EventBridge event"
	case FormSearchRecord:
		return "Search record"
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// EventDetailType is the detail-type of the EventBridge events SageMaker
// sends when a training job changes state.
const EventDetailType = "SageMaker Training Job State Change"

// Event is the envelope of an EventBridge event: everything but the detail,
// which ReadDocument decodes into the Document's Job.
type Event struct {
	Version    string
	ID         string
	DetailType string
	Source     string
	Account    string
	Time       time.Time
	Region     string
	Resources  []string
}

// Document is a training job read from one of the JSON forms users meet,
// with what the form says beside the job.
type Document struct {
	// Form is the shape the document had.
	Form Form
	// Job is the training job the document describes.
	Job TrainingJob
	// Event is the event's envelope when Form is FormEvent, and nil
	// otherwise.
	Event *Event
}

// ReadDocument reads a training job from any of the JSON documents users
// meet, telling them apart by their shape: a DescribeTrainingJob response
// (from the API or the AWS CLI, in any timestamp form Unmarshal accepts), an
// EventBridge "SageMaker Training Job State Change" event, or a Search record
// ({"TrainingJob": {...}}, or a Search response with exactly one result). An
// event of another detail-type, or a document of no known shape, gives an
// error matching ErrUnsupportedDocument. Like Unmarshal, it reads data in
// place and keeps no reference to it.
func ReadDocument(data []byte) (*Document, error) {
	if len(data) > MaxDocumentSize {
		return nil, tooLarge(int64(len(data)))
	}
	var dec decoder
	d := &dec
	d.init(viewOf(data))
	doc := &Document{}
	switch shape := d.classify(); shape {
	case shapeDescribe:
		doc.Form = FormDescribe
		decodeJob(d, &doc.Job)
	case shapeEvent:
		doc.Form = FormEvent
		doc.Event = new(Event)
		d.decodeEvent(doc)
	case shapeSearchRecord:
		doc.Form = FormSearchRecord
		d.decodeSearchRecord(&doc.Job)
		d.requireSearchJob(&doc.Job)
	case shapeSearchResponse:
		doc.Form = FormSearchRecord
		d.decodeSearchResponse(&doc.Job)
		d.requireSearchJob(&doc.Job)
	default:
		if d.err == nil {
			d.pos = 0
			d.fail(ErrUnsupportedDocument, "not a DescribeTrainingJob response, an EventBridge event or a Search record")
		}
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return doc, nil
}

// ReadDocumentFrom reads the whole of r, up to MaxDocumentSize bytes, and
// then calls ReadDocument. A longer input is refused without reading it all.
func ReadDocumentFrom(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("trainingjob: reading document: %w", err)
	}
	if len(data) > MaxDocumentSize {
		return nil, tooLarge(int64(len(data)))
	}
	return ReadDocument(data)
}

type shape uint8

const (
	shapeUnknown shape = iota
	shapeDescribe
	shapeEvent
	shapeSearchRecord
	shapeSearchResponse
)

// classify looks at the top-level member names, without decoding values,
// and then rewinds. It stops at the first name that decides the shape.
func (d *decoder) classify() shape {
	result := shapeUnknown
	d.ws()
	if d.pos >= len(d.src) || d.src[d.pos] != '{' {
		d.errTypeMsg("object")
		return result
	}
	if !d.openObject() {
		return result
	}
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		switch k {
		case "detail-type", "detail":
			result = shapeEvent
		case "TrainingJob":
			result = shapeSearchRecord
		case "Results":
			result = shapeSearchResponse
		case "TrainingJobName", "TrainingJobArn", "TrainingJobStatus", "SecondaryStatus", "SecondaryStatusTransitions":
			result = shapeDescribe
		}
		if result != shapeUnknown {
			break
		}
		d.skipValue()
	}
	if d.err != nil {
		return shapeUnknown
	}
	d.pos, d.depth = 0, 0
	return result
}

// decodeEvent reads an event's envelope and its detail. The detail is
// decoded only once the detail-type is known to be a training job's, which
// may come after it.
func (d *decoder) decodeEvent(doc *Document) {
	ev := doc.Event
	detailAt, detailKeyAt := -1, -1
	if !d.openObject() {
		return
	}
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		d.enter()
		switch k {
		case "version":
			ev.Version = d.stringValue()
		case "id":
			ev.ID = d.stringValue()
		case "detail-type":
			ev.DetailType = d.stringValue()
		case "source":
			ev.Source = d.stringValue()
		case "account":
			ev.Account = d.stringValue()
		case "time":
			ev.Time, _ = d.timeValue()
		case "region":
			ev.Region = d.stringValue()
		case "resources":
			ev.Resources = d.stringList()
		case "detail":
			// A null detail holds no job, like an absent one.
			if d.null() {
				detailAt = -1
				break
			}
			detailAt, detailKeyAt = d.pos, d.keyAt
			d.skipValue()
		default:
			d.skipValue()
		}
		d.leave()
	}
	if d.err != nil {
		return
	}
	if ev.DetailType != EventDetailType {
		d.pos = 0
		d.fail(ErrUnsupportedDocument, fmt.Sprintf("event detail-type %q is not %q", ev.DetailType, EventDetailType))
		return
	}
	if detailAt < 0 {
		d.pos = 0
		d.fail(ErrUnsupportedDocument, "event has no detail")
		return
	}
	end := d.pos
	d.pos = detailAt
	d.enterAt(detailKeyAt)
	decodeJob(d, &doc.Job)
	d.leave()
	if d.err == nil {
		d.pos = end
	}
}

// decodeSearchRecord reads {"TrainingJob": {...}}, skipping other members.
func (d *decoder) decodeSearchRecord(job *TrainingJob) {
	if !d.openObject() {
		return
	}
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		if k != "TrainingJob" {
			d.skipValue()
			continue
		}
		d.enter()
		decodeJob(d, job)
		d.leave()
	}
}

// requireSearchJob refuses a Search record whose TrainingJob is absent,
// null or names no job (neither TrainingJobName nor TrainingJobArn): it
// holds no job to read. Like every unsupported document, it is reported at
// the start of the document.
func (d *decoder) requireSearchJob(job *TrainingJob) {
	if d.err == nil && job.TrainingJobName == "" && job.TrainingJobArn == "" {
		d.pos = 0
		d.fail(ErrUnsupportedDocument, "Search result holds no TrainingJob")
	}
}

// decodeSearchResponse reads {"Results": [record]}; it insists on exactly
// one record with a training job.
func (d *decoder) decodeSearchResponse(job *TrainingJob) {
	if !d.openObject() {
		return
	}
	n := 0
	for k, ok := d.firstKey(); ok; k, ok = d.nextKey() {
		if k != "Results" {
			d.skipValue()
			continue
		}
		d.enter()
		if d.openArray() {
			for i := 0; d.more(i); i++ {
				d.enterIndex(i)
				if n == 0 {
					d.decodeSearchRecord(job)
				} else {
					d.skipValue()
				}
				n++
				d.leave()
			}
		}
		d.leave()
	}
	if d.err == nil && n != 1 {
		d.pos = 0
		d.fail(ErrUnsupportedDocument, fmt.Sprintf("Search response has %d results; ReadDocument reads exactly one", n))
	}
}
