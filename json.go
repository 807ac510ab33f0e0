package trainingjob

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob/internal/wire"
)

//go:generate go run ./internal/wiregen/cmd/wiregen -o json_gen.go

// This file holds the package's JSON API and the decoders of the document
// forms around a job (events, Search records). The JSON runtime that they
// and the generated per-type code of json_gen.go drive, a reader, a writer,
// and the number and timestamp parsing, lives in internal/wire.

// Limits on the documents the decoders accept. They are refused before
// decoding starts (size) or as soon as a limit is crossed (depth, entries,
// allocation), before the allocation that would cross it, so a hostile
// document cannot make a decoder use unbounded memory or stack.
//
// Decoding a document of n bytes allocates, in all, at most
// AllocPerByte*n + AllocBase bytes (8n + 2 MiB), whatever the document
// holds; what the result keeps is part of that. The service's own
// documents take about 2n. The bound is the sum of three shares: the
// storage of lists, maps and structures is counted as it is allocated and
// may not pass 4n + 1 MiB (a document that would need more is refused
// with ErrTooLarge); the strings kept are copies of at most n bytes of
// text, held in buffers that take at most 2n; and the scalars behind the
// SDK's pointer members take at most 2n plus a few chunks of a few
// kilobytes (a *string of 16 bytes needs a member such as "Key":"" of 9).
const (
	// MaxDocumentSize is the largest document, in bytes, that Unmarshal,
	// ReadDocument and ReadDocumentFrom accept: 64 MiB, far above the
	// largest real response (a history of thousands of entries is a few
	// hundred kilobytes). Decoding one of that size may allocate up to
	// AllocPerByte times as much (see AllocPerByte).
	MaxDocumentSize = 64 << 20
	// MaxDepth is the deepest nesting of objects and arrays accepted. The
	// service's own documents nest about ten levels.
	MaxDepth = 64
	// MaxHistoryEntries is the most entries SecondaryStatusTransitions
	// may hold when decoded: 10,000. The service sets no limit, but
	// writes one entry per status a job passes through, a few dozen, and
	// some hundreds for a job interrupted and resumed many times.
	MaxHistoryEntries = 10_000
	// MaxListEntries is the most entries any other list of a job
	// (InputDataConfig, FinalMetricDataList, MetricDefinitions, Tags, the
	// Debugger and profiler lists, the lists of strings), and the most
	// keys any map (HyperParameters, Environment, rule parameters), may
	// hold when decoded: 1,000. The service model allows at most 100 in
	// each of them; Validate reports more than the model allows.
	MaxListEntries = 1_000
	// AllocPerByte and AllocBase bound what decoding allocates: at most
	// AllocPerByte bytes for each byte of the document plus AllocBase.
	AllocPerByte = 8
	AllocBase    = 2 << 20
)

// The runtime enforces wire's limits, which must equal the package's: each
// constant expression below does not compile when the two differ (one side
// would convert a negative constant to uint). The runtime's budget for
// lists, maps and structures must leave room in AllocPerByte and AllocBase
// for the strings and scalars (4n of AllocPerByte, 1 MiB of AllocBase).
const (
	_ = uint(MaxDepth-wire.MaxDepth) + uint(wire.MaxDepth-MaxDepth)
	_ = uint(MaxHistoryEntries-wire.MaxHistoryEntries) + uint(wire.MaxHistoryEntries-MaxHistoryEntries)
	_ = uint(MaxListEntries-wire.MaxListEntries) + uint(wire.MaxListEntries-MaxListEntries)
	_ = uint(AllocPerByte-wire.BudgetPerByte-4) + uint(wire.BudgetPerByte+4-AllocPerByte)
	_ = uint(AllocBase-wire.BudgetBase-1<<20) + uint(wire.BudgetBase+1<<20-AllocBase)
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
	// ErrTooLarge: the document is larger than MaxDocumentSize, a list
	// in it has more entries than MaxHistoryEntries or MaxListEntries
	// allow (the error's Path names the first entry too many), a map has
	// more keys than MaxListEntries, or its lists, maps and structures
	// would need more memory than the bound on AllocPerByte allows.
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
	// A map key, and a member name the document spells with other than
	// ASCII letters, digits, '-', '_' and '$' or longer than 64 bytes, is
	// written as ["key"], quoted, escaped and cut to its first 24 bytes.
	Path string
	// Offset is the byte offset in the input where the problem was found.
	Offset int64
	// Kind is one of ErrSyntax, ErrType, ErrTimestamp, ErrTooLarge,
	// ErrTooDeep or ErrUnsupportedDocument.
	Kind error
	// Msg says what was wrong. It names a rejected value, when it does, by
	// a quoted and escaped excerpt of at most 24 bytes (64 for an event's
	// detail-type), followed by "…" and the value's length when cut, so
	// that a value holding a secret does not end up whole in a log.
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

// decodeError converts the runtime's failure into a *DecodeError, with the
// package's error kind in place of the runtime's own; a kind the package
// passed to FailAt (ErrUnsupportedDocument) is kept as it is.
func decodeError(e *wire.Error) *DecodeError {
	kind := e.Kind
	switch kind {
	case wire.ErrSyntax:
		kind = ErrSyntax
	case wire.ErrType:
		kind = ErrType
	case wire.ErrTimestamp:
		kind = ErrTimestamp
	case wire.ErrTooDeep:
		kind = ErrTooDeep
	case wire.ErrTooLarge:
		kind = ErrTooLarge
	}
	return &DecodeError{Path: e.Path, Offset: e.Offset, Kind: kind, Msg: e.Msg}
}

// Marshal writes job in the service's JSON wire format, the body of a
// DecodeTrainingJob response: member names as the API spells them, absent
// members left out, timestamps as epoch seconds with a millisecond fraction,
// map keys sorted. The output is the same for equal jobs. Marshal fails only
// for a time before 1970 or after 5138, which the wire format cannot hold
// unambiguously (see Unmarshal).
//
// A nil slice or map is absent; an empty one is written as [] or {} so that
// Unmarshal gives it back empty. A plain scalar at its zero value (an empty
// string, a zero time, 0) is absent, except the three booleans
// EnableNetworkIsolation, EnableInterContainerTrafficEncryption and
// EnableManagedSpotTraining, which are always written, false included, as
// the service's DescribeTrainingJob response always has them. A nil job is
// written as null, which Unmarshal refuses: it holds no job.
func Marshal(job *TrainingJob) ([]byte, error) {
	if job == nil {
		return []byte("null"), nil
	}
	var e wire.Encoder
	e.Grow(2048)
	appendJob(&e, job)
	return e.Finish()
}

// MarshalJSON writes the job as Marshal does.
func (j TrainingJob) MarshalJSON() ([]byte, error) { return Marshal(&j) }

// MarshalJSON writes the history entry in the service's JSON form.
func (t SecondaryStatusTransition) MarshalJSON() ([]byte, error) {
	var e wire.Encoder
	appendHistoryEntry(&e, &t)
	return e.Finish()
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
// know are kept as they are; a skipped member must still be valid JSON
// (an invalid escape such as "\q" in it is an ErrSyntax error).
//
// The JSON corner cases follow one rule each, the same in Unmarshal,
// UnmarshalJSON and ReadDocument, and the same as in aws-sdk-go-v2's
// deserializer:
//
//   - A member given twice takes its last value, whole: two objects given
//     for one structure are not merged, and the last of two TrainingJob
//     members of a Search record is the job read.
//   - A null member is absent: it leaves the member as it was, so
//     {"TrainingJobName":"a","TrainingJobName":null} reads as "a". A null
//     in a list is a zero element, and a null map value an empty string.
//   - A document that is null holds no job: Unmarshal and ReadDocument
//     refuse it with an ErrType error, "expected object, found null", as
//     the SDK refuses it. UnmarshalJSON is the one exception, because
//     encoding/json calls it with null for a member that is null and, by
//     encoding/json's own convention, null leaves a value as it was: a
//     TrainingJob field of a user's struct reads {"job": null} without
//     error and unchanged.
//
// Unmarshal reads data in place, without copying
// it, and keeps no reference to it: data may be reused as soon as Unmarshal
// returns, but must not change while it runs. The decoded strings share a
// few buffers, and the SDK's pointer members draw from shared chunks, so
// decoding costs few allocations; a buffer or chunk stays in memory while
// anything decoded into it does.
//
// Errors are *DecodeError values naming the member path and the byte
// offset. Input larger than MaxDocumentSize or nested deeper than MaxDepth
// is refused, and so is a history of more than MaxHistoryEntries entries,
// another list or map of more than MaxListEntries, or a document that
// would make Unmarshal allocate more than AllocPerByte times its size plus
// AllocBase (ErrTooLarge): the check comes before the allocation, so that
// no input up to MaxDocumentSize makes Unmarshal allocate more, in all,
// than AllocPerByte*len(data) + AllocBase bytes.
func Unmarshal(data []byte, job *TrainingJob) error {
	if job == nil {
		return errors.New("trainingjob: Unmarshal into a nil *TrainingJob")
	}
	if len(data) > MaxDocumentSize {
		return tooLarge(int64(len(data)))
	}
	var d wire.Decoder
	d.Reset(data)
	*job = TrainingJob{}
	if d.Peek() != '{' {
		// null too: a document that is null holds no job (see Unmarshal).
		d.FailType("object")
	} else {
		decodeJob(&d, job)
	}
	return finish(&d)
}

// UnmarshalJSON decodes the job as Unmarshal does, except that null (with
// any white space around it) leaves the job as it was, as encoding/json
// expects of an Unmarshaler.
func (j *TrainingJob) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	return Unmarshal(data, j)
}

// UnmarshalJSON decodes one history entry, accepting the timestamp forms
// Unmarshal accepts. Like Unmarshal, it keeps no reference to data.
func (t *SecondaryStatusTransition) UnmarshalJSON(data []byte) error {
	if len(data) > MaxDocumentSize {
		return tooLarge(int64(len(data)))
	}
	var d wire.Decoder
	d.Reset(data)
	*t = SecondaryStatusTransition{}
	decodeHistoryEntry(&d, t)
	return finish(&d)
}

func tooLarge(n int64) error {
	return &DecodeError{Kind: ErrTooLarge, Offset: MaxDocumentSize,
		Msg: fmt.Sprintf("document of %d bytes or more is larger than the limit of %d", n, MaxDocumentSize)}
}

// finish checks that nothing but white space follows the value and returns
// the first error, as a *DecodeError.
func finish(d *wire.Decoder) error {
	if e := d.Finish(); e != nil {
		return decodeError(e)
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
// which ReadDocument decodes into the Document's Job. The detail is read as
// a DescribeTrainingJob response is, with one difference: there an empty
// object or list stands for an absent member (see ReadDocument).
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
// place and keeps no reference to it, and it follows Unmarshal's rules for
// duplicated members, null members and a null document.
//
// Empty structures in events: in the detail of an event, and there only, an
// empty object or an empty list given for a member that holds a structure,
// a list or a map, at any depth ("VpcConfig": {}, "Tags": {},
// "SecondaryStatusTransitions": [], "HyperParameters": {}), reads as the
// member absent (nil). The documentation's sample event writes absent
// structures so
// (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html),
// and read as given, "VpcConfig": {} would be a VPC configuration without
// subnets, which fails validation. In the other forms, which Marshal and
// the service write with absent members left out, [] and {} are kept as
// present and empty, so that a job round-trips through Marshal exactly.
//
// ReadDocument has Unmarshal's limits: it allocates at most
// AllocPerByte*len(data) + AllocBase bytes in all, and refuses, with
// ErrTooLarge, a document that would need more or whose lists are longer
// than MaxHistoryEntries and MaxListEntries allow.
func ReadDocument(data []byte) (*Document, error) {
	if len(data) > MaxDocumentSize {
		return nil, tooLarge(int64(len(data)))
	}
	var dec wire.Decoder
	d := &dec
	d.Reset(data)
	doc := &Document{}
	switch shape := classify(d); shape {
	case shapeDescribe:
		doc.Form = FormDescribe
		decodeJob(d, &doc.Job)
	case shapeEvent:
		doc.Form = FormEvent
		doc.Event = new(Event)
		decodeEvent(d, doc)
	case shapeSearchRecord:
		doc.Form = FormSearchRecord
		decodeSearchRecord(d, &doc.Job)
		requireSearchJob(d, &doc.Job)
	case shapeSearchResponse:
		doc.Form = FormSearchRecord
		decodeSearchResponse(d, &doc.Job)
		requireSearchJob(d, &doc.Job)
	default:
		d.FailAt(0, ErrUnsupportedDocument, "not a DescribeTrainingJob response, an EventBridge event or a Search record")
	}
	if err := finish(d); err != nil {
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
func classify(d *wire.Decoder) shape {
	result := shapeUnknown
	if d.Peek() != '{' {
		d.FailType("object")
		return result
	}
	if !d.OpenObject() {
		return result
	}
	for k, ok := d.FirstKey(); ok; k, ok = d.NextKey() {
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
		d.SkipValue()
	}
	if d.Failed() {
		return shapeUnknown
	}
	d.Rewind()
	return result
}

// detailTypeExcerptMax is the most bytes of a refused event's detail-type
// that an error quotes. A detail-type is one of the names EventBridge gives
// the events of a service, not a value a user writes: the service's own
// fit in 64 bytes ("SageMaker Model Building Pipeline Execution Step Status
// Change", one of the longest, has 62), and they share their first and last
// words, so only the whole name tells which event arrived. That is worth
// more than the shorter excerpt of other values; anything longer is cut
// and escaped as they are.
const detailTypeExcerptMax = 64

// decodeEvent reads an event's envelope and its detail. The detail is
// decoded only once the detail-type is known to be a training job's, which
// may come after it.
func decodeEvent(d *wire.Decoder, doc *Document) {
	ev := doc.Event
	detailAt, detailKeyAt := -1, -1
	if !d.OpenObject() {
		return
	}
	for k, ok := d.FirstKey(); ok; k, ok = d.NextKey() {
		if k != "detail" && d.Null() {
			continue // null is absent, and leaves an earlier value in place
		}
		d.Enter()
		switch k {
		case "version":
			ev.Version = d.StringValue()
		case "id":
			ev.ID = d.StringValue()
		case "detail-type":
			ev.DetailType = d.StringValue()
		case "source":
			ev.Source = d.StringValue()
		case "account":
			ev.Account = d.StringValue()
		case "time":
			ev.Time = d.TimeOrZero()
		case "region":
			ev.Region = d.StringValue()
		case "resources":
			ev.Resources = d.StringList()
		case "detail":
			// A null detail holds no job, like an absent one, and leaves
			// an earlier detail in place (see Null values on ReadDocument).
			if d.Null() {
				break
			}
			detailAt, detailKeyAt = d.Pos(), d.KeyAt()
			d.SkipValue()
		default:
			d.SkipValue()
		}
		d.Leave()
	}
	if d.Failed() {
		return
	}
	if ev.DetailType != EventDetailType {
		d.FailAt(0, ErrUnsupportedDocument, "event detail-type "+wire.Excerpt(ev.DetailType, detailTypeExcerptMax)+" is not "+strconv.Quote(EventDetailType))
		return
	}
	if detailAt < 0 {
		d.FailAt(0, ErrUnsupportedDocument, "event has no detail")
		return
	}
	end := d.Pos()
	d.Seek(detailAt)
	d.EnterAt(detailKeyAt)
	d.SetEmptyAsAbsent(true)
	decodeJob(d, &doc.Job)
	d.SetEmptyAsAbsent(false)
	d.Leave()
	if !d.Failed() {
		d.Seek(end)
	}
}

// decodeSearchRecord reads {"TrainingJob": {...}}, skipping other members.
// A TrainingJob given twice is read as the last one, whole: each non-null
// instance replaces what the ones before it gave, as every duplicated
// member does; a null one leaves the one before it in place.
func decodeSearchRecord(d *wire.Decoder, job *TrainingJob) {
	if !d.OpenObject() {
		return
	}
	for k, ok := d.FirstKey(); ok; k, ok = d.NextKey() {
		if k != "TrainingJob" {
			d.SkipValue()
			continue
		}
		if d.Null() {
			continue
		}
		d.Enter()
		*job = TrainingJob{}
		decodeJob(d, job)
		d.Leave()
	}
}

// requireSearchJob refuses a Search record whose TrainingJob is absent,
// null or names no job (neither TrainingJobName nor TrainingJobArn): it
// holds no job to read. Like every unsupported document, it is reported at
// the start of the document.
func requireSearchJob(d *wire.Decoder, job *TrainingJob) {
	if !d.Failed() && job.TrainingJobName == "" && job.TrainingJobArn == "" {
		d.FailAt(0, ErrUnsupportedDocument, "Search result holds no TrainingJob")
	}
}

// decodeSearchResponse reads {"Results": [record]}; it insists on exactly
// one record with a training job.
func decodeSearchResponse(d *wire.Decoder, job *TrainingJob) {
	if !d.OpenObject() {
		return
	}
	n := 0
	for k, ok := d.FirstKey(); ok; k, ok = d.NextKey() {
		if k != "Results" {
			d.SkipValue()
			continue
		}
		if d.Null() {
			continue // null leaves earlier Results in place
		}
		// Results given twice: the last one counts, whole.
		n = 0
		*job = TrainingJob{}
		d.Enter()
		if d.OpenArray() {
			for i := 0; d.More(i); i++ {
				d.EnterIndex(i)
				if n == 0 {
					decodeSearchRecord(d, job)
				} else {
					d.SkipValue()
				}
				n++
				d.Leave()
			}
		}
		d.Leave()
	}
	if !d.Failed() && n != 1 {
		d.FailAt(0, ErrUnsupportedDocument, fmt.Sprintf("Search response has %d results; ReadDocument reads exactly one", n))
	}
}

// decodeTags reads a tag list, either as the API writes it, a list of
// {"Key": ..., "Value": ...} objects, or as EventBridge events write it, one
// object whose members are the tags (sorted by key here, for a stable order).
func decodeTags(d *wire.Decoder) []types.Tag {
	if d.Peek() != '{' {
		return decodeTagList(d)
	}
	m := d.StringMap()
	// keys and out: a string and a Tag of two pointers a key.
	if d.Failed() || !d.Claim(len(m)*32) {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]types.Tag, len(keys))
	for i, k := range keys {
		v := m[k]
		out[i] = types.Tag{Key: d.NewString(k), Value: d.NewString(v)}
	}
	return out
}
