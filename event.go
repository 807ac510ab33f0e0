package trainingjob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/trainingjob-go/trainingjob/internal/wire"
)

// EventSource is the source of the events SageMaker sends to EventBridge.
const EventSource = "aws.sagemaker"

// EventVersion is the version of the EventBridge envelope, the same for
// every event.
const EventVersion = "0"

// MarshalEvent writes job as an EventBridge "SageMaker Training Job State
// Change" event, in the form SageMaker gives it: the envelope (version, id,
// detail-type, source, account, time, region, resources) and the job as
// the event's detail.
//
// The detail differs from Marshal's output in three ways, all taken from
// the documentation's sample event
// (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html#eventbridge-training,
// also kept at
// https://github.com/awsdocs/amazon-sagemaker-developer-guide/blob/master/doc_source/automating-sagemaker-with-eventbridge.md):
// timestamps are integer epoch milliseconds, history entries carry no
// EndTime, and Tags is one object whose members are the tags, present
// (as {}) even when the job has none. Every other member is written as
// Marshal writes it, absent members left out; the sample's "VpcConfig": {}
// for a job without a VPC is not copied, since an absent member reads the
// same and no captured event shows it. The sample quotes the training
// job's millisecond numbers ("1583831889050"), while the same page's
// endpoint and feature group samples write them as JSON numbers
// (1592411992203.0, 1611624059000); no public capture of a real training
// job event was found to settle it, and MarshalEvent writes plain integers
// (ReadDocument reads both). The envelope's time has whole seconds, as in
// every sample of that page.
//
// The members of env that are zero are filled in: Version with
// EventVersion, DetailType with EventDetailType, Source with EventSource,
// Account and Region from the job's ARN, Resources with the job's ARN,
// Time with the job's LastModifiedTime (else its CreationTime), and ID with
// an identifier in the form of a UUID derived from the job's ARN, statuses
// and the event's time, so that the same job gives the same event (the
// service's identifiers are random). A DetailType other than
// EventDetailType is an error, as is a nil job or a time that the event
// form cannot hold (before March 1973, when epoch milliseconds would read
// as seconds, or after 5138).
//
// ReadDocument reads the result back as a Document of FormEvent whose Job
// equals job without its history's end times, with its Tags sorted by key
// and an empty, non-nil Tags slice for a job without tags, and whose times
// are cut to the millisecond.
func MarshalEvent(job *TrainingJob, env Event) ([]byte, error) {
	if job == nil {
		return nil, errors.New("trainingjob: MarshalEvent of a nil *TrainingJob")
	}
	if env.DetailType == "" {
		env.DetailType = EventDetailType
	}
	if env.DetailType != EventDetailType {
		return nil, fmt.Errorf("trainingjob: MarshalEvent: detail-type %s is not %q", wire.Excerpt(env.DetailType, detailTypeExcerptMax), EventDetailType)
	}
	if env.Version == "" {
		env.Version = EventVersion
	}
	if env.Source == "" {
		env.Source = EventSource
	}
	region, account := arnRegionAccount(job.TrainingJobArn)
	if env.Region == "" {
		env.Region = region
	}
	if env.Account == "" {
		env.Account = account
	}
	if env.Resources == nil {
		env.Resources = []string{}
		if job.TrainingJobArn != "" {
			env.Resources = []string{job.TrainingJobArn}
		}
	}
	if env.Time.IsZero() {
		env.Time = job.LastModifiedTime
		if env.Time.IsZero() {
			env.Time = job.CreationTime
		}
	}
	if env.Time.IsZero() {
		return nil, errors.New("trainingjob: MarshalEvent: no event time: env.Time is zero and the job has neither LastModifiedTime nor CreationTime")
	}
	env.Time = env.Time.UTC().Truncate(time.Second)
	if env.Time.Unix() < 0 || env.Time.Year() > 9999 {
		return nil, fmt.Errorf("trainingjob: MarshalEvent: event time %s is outside the years 1970 to 9999", env.Time.Format(time.RFC3339))
	}
	if env.ID == "" {
		env.ID = eventID(job, env.Time)
	}
	if err := checkEventTimes(job); err != nil {
		return nil, err
	}

	detail := job.Clone()
	for i := range detail.SecondaryStatusTransitions {
		detail.SecondaryStatusTransitions[i].EndTime = time.Time{}
	}
	tags := make(map[string]string, len(detail.Tags))
	for _, t := range detail.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	detail.Tags = nil
	var de wire.Encoder
	de.Grow(2048)
	de.SetMillis(true)
	appendJob(&de, &detail)
	body, err := de.Finish()
	if err != nil {
		return nil, err
	}

	var e wire.Encoder
	e.Grow(len(body) + 512)
	mark := e.Begin()
	e.Key(mark, `"version":`)
	e.String(env.Version)
	e.Key(mark, `"id":`)
	e.String(env.ID)
	e.Key(mark, `"detail-type":`)
	e.String(env.DetailType)
	e.Key(mark, `"source":`)
	e.String(env.Source)
	e.Key(mark, `"account":`)
	e.String(env.Account)
	e.Key(mark, `"time":`)
	e.String(env.Time.Format("2006-01-02T15:04:05Z"))
	e.Key(mark, `"region":`)
	e.String(env.Region)
	e.Key(mark, `"resources":`)
	e.StringList(env.Resources)
	e.Key(mark, `"detail":`)
	// body is the detail object; Tags goes in before its closing brace.
	e.Raw(body[:len(body)-1])
	if len(body) > 2 {
		e.Raw([]byte{','})
	}
	e.Raw([]byte(`"Tags":`))
	e.StringMap(tags)
	e.End()
	e.End()
	return e.Finish()
}

// checkEventTimes names the first of the job's own and its history's times
// that epoch milliseconds cannot hold; a nested structure's time out of
// range is reported by the encoder, without its path.
func checkEventTimes(job *TrainingJob) error {
	check := func(path string, t time.Time) error {
		if t.IsZero() || (t.UnixMilli() >= 1e11 && t.Year() <= 5138) {
			return nil
		}
		return fmt.Errorf("trainingjob: MarshalEvent: %s: time %s cannot be written as epoch milliseconds: the event form holds times from March 1973 to 5138", path, t.Format(time.RFC3339Nano))
	}
	for _, m := range []struct {
		path string
		t    time.Time
	}{{"CreationTime", job.CreationTime}, {"TrainingStartTime", job.TrainingStartTime}, {"TrainingEndTime", job.TrainingEndTime}, {"LastModifiedTime", job.LastModifiedTime}} {
		if err := check(m.path, m.t); err != nil {
			return err
		}
	}
	for i, tr := range job.SecondaryStatusTransitions {
		if err := check("SecondaryStatusTransitions["+strconv.Itoa(i)+"].StartTime", tr.StartTime); err != nil {
			return err
		}
	}
	return nil
}

// arnRegionAccount returns the region and account an ARN names
// (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), or empty strings for a
// string of another shape.
func arnRegionAccount(arn string) (region, account string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", ""
	}
	return parts[3], parts[4]
}

// eventID derives an identifier shaped like a random (version 4) UUID from
// what makes an event of job at t unique.
func eventID(job *TrainingJob, t time.Time) string {
	h := sha256.New()
	for _, s := range []string{job.TrainingJobArn, job.TrainingJobName, string(job.TrainingJobStatus), string(job.SecondaryStatus),
		strconv.FormatInt(t.UnixMilli(), 10), strconv.FormatInt(job.LastModifiedTime.UnixMilli(), 10),
		strconv.Itoa(len(job.SecondaryStatusTransitions))} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	x := hex.EncodeToString(b[:])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
