package trainingjobtest

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

// logsTargetPrefix starts the X-Amz-Target of a CloudWatch Logs request:
// the service's JSON protocol names its operations
// "Logs_20140328.<Operation>".
const logsTargetPrefix = "Logs_20140328."

var logsOperations = map[string]func(h *handler, ctx context.Context, body []byte) ([]byte, error){
	"DescribeLogStreams": (*handler).describeLogStreams,
	"GetLogEvents":       (*handler).getLogEvents,
	"FilterLogEvents":    (*handler).filterLogEvents,
}

// The CloudWatch Logs protocol writes member names in lower camel case and
// times as integers of epoch milliseconds.

func (h *handler) describeLogStreams(ctx context.Context, body []byte) ([]byte, error) {
	var req struct {
		Descending          *bool   `json:"descending"`
		Limit               *int32  `json:"limit"`
		LogGroupIdentifier  *string `json:"logGroupIdentifier"`
		LogGroupName        *string `json:"logGroupName"`
		LogStreamNamePrefix *string `json:"logStreamNamePrefix"`
		NextToken           *string `json:"nextToken"`
		OrderBy             string  `json:"orderBy"`
	}
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	out, err := h.fake.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{
		Descending: req.Descending, Limit: req.Limit, LogGroupIdentifier: req.LogGroupIdentifier,
		LogGroupName: req.LogGroupName, LogStreamNamePrefix: req.LogStreamNamePrefix, NextToken: req.NextToken,
		OrderBy: cwtypes.OrderBy(req.OrderBy),
	})
	if err != nil {
		return nil, err
	}
	type wireStream struct {
		LogStreamName       *string `json:"logStreamName"`
		CreationTime        *int64  `json:"creationTime"`
		FirstEventTimestamp *int64  `json:"firstEventTimestamp"`
		LastEventTimestamp  *int64  `json:"lastEventTimestamp"`
		LastIngestionTime   *int64  `json:"lastIngestionTime"`
		Arn                 *string `json:"arn"`
		StoredBytes         *int64  `json:"storedBytes"`
	}
	resp := struct {
		LogStreams []wireStream `json:"logStreams"`
		NextToken  *string      `json:"nextToken,omitempty"`
	}{LogStreams: []wireStream{}, NextToken: out.NextToken}
	for _, s := range out.LogStreams {
		resp.LogStreams = append(resp.LogStreams, wireStream{s.LogStreamName, s.CreationTime, s.FirstEventTimestamp,
			s.LastEventTimestamp, s.LastIngestionTime, s.Arn, s.StoredBytes})
	}
	return json.Marshal(resp)
}

func (h *handler) getLogEvents(ctx context.Context, body []byte) ([]byte, error) {
	var req struct {
		EndTime            *int64  `json:"endTime"`
		Limit              *int32  `json:"limit"`
		LogGroupIdentifier *string `json:"logGroupIdentifier"`
		LogGroupName       *string `json:"logGroupName"`
		LogStreamName      *string `json:"logStreamName"`
		NextToken          *string `json:"nextToken"`
		StartFromHead      *bool   `json:"startFromHead"`
		StartTime          *int64  `json:"startTime"`
		Unmask             bool    `json:"unmask"`
	}
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	out, err := h.fake.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{
		EndTime: req.EndTime, Limit: req.Limit, LogGroupIdentifier: req.LogGroupIdentifier, LogGroupName: req.LogGroupName,
		LogStreamName: req.LogStreamName, NextToken: req.NextToken, StartFromHead: req.StartFromHead,
		StartTime: req.StartTime, Unmask: req.Unmask,
	})
	if err != nil {
		return nil, err
	}
	type wireEvent struct {
		Timestamp     *int64  `json:"timestamp"`
		Message       *string `json:"message"`
		IngestionTime *int64  `json:"ingestionTime"`
	}
	resp := struct {
		Events            []wireEvent `json:"events"`
		NextForwardToken  *string     `json:"nextForwardToken"`
		NextBackwardToken *string     `json:"nextBackwardToken"`
	}{Events: make([]wireEvent, 0, len(out.Events)), NextForwardToken: out.NextForwardToken, NextBackwardToken: out.NextBackwardToken}
	for _, e := range out.Events {
		resp.Events = append(resp.Events, wireEvent{e.Timestamp, e.Message, e.IngestionTime})
	}
	return json.Marshal(resp)
}

func (h *handler) filterLogEvents(ctx context.Context, body []byte) ([]byte, error) {
	var req struct {
		EndTime             *int64   `json:"endTime"`
		FilterPattern       *string  `json:"filterPattern"`
		Interleaved         *bool    `json:"interleaved"`
		Limit               *int32   `json:"limit"`
		LogGroupIdentifier  *string  `json:"logGroupIdentifier"`
		LogGroupName        *string  `json:"logGroupName"`
		LogStreamNamePrefix *string  `json:"logStreamNamePrefix"`
		LogStreamNames      []string `json:"logStreamNames"`
		NextToken           *string  `json:"nextToken"`
		StartFromHead       *bool    `json:"startFromHead"`
		StartTime           *int64   `json:"startTime"`
		Unmask              bool     `json:"unmask"`
	}
	if err := decodeMembers(body, &req); err != nil {
		return nil, err
	}
	out, err := h.fake.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{
		EndTime: req.EndTime, FilterPattern: req.FilterPattern, Interleaved: req.Interleaved, Limit: req.Limit,
		LogGroupIdentifier: req.LogGroupIdentifier, LogGroupName: req.LogGroupName,
		LogStreamNamePrefix: req.LogStreamNamePrefix, LogStreamNames: req.LogStreamNames, NextToken: req.NextToken,
		StartFromHead: req.StartFromHead, StartTime: req.StartTime, Unmask: req.Unmask,
	})
	if err != nil {
		return nil, err
	}
	type wireEvent struct {
		LogStreamName *string `json:"logStreamName"`
		Timestamp     *int64  `json:"timestamp"`
		Message       *string `json:"message"`
		IngestionTime *int64  `json:"ingestionTime"`
		EventID       *string `json:"eventId"`
	}
	resp := struct {
		Events    []wireEvent `json:"events"`
		NextToken *string     `json:"nextToken,omitempty"`
	}{Events: make([]wireEvent, 0, len(out.Events)), NextToken: out.NextToken}
	for _, e := range out.Events {
		resp.Events = append(resp.Events, wireEvent{e.LogStreamName, e.Timestamp, e.Message, e.IngestionTime, e.EventId})
	}
	return json.Marshal(resp)
}

// LogsClient returns an aws-sdk-go-v2 CloudWatch Logs client that talks to
// the server only, configured as SDKClient configures the SageMaker one:
// the server's URL, us-east-1, anonymous credentials, one attempt.
func (s *Server) LogsClient(optFns ...func(*cloudwatchlogs.Options)) *cloudwatchlogs.Client {
	return cloudwatchlogs.New(cloudwatchlogs.Options{
		BaseEndpoint:     aws.String(s.URL),
		Region:           "us-east-1",
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		Retryer:          aws.NopRetryer{},
		HTTPClient:       BufferedClient(s.Client()),
	}, optFns...)
}
