package trainingjob_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	tj "github.com/trainingjob-go/trainingjob"
)

// MarshalEvent writes a job as the EventBridge event SageMaker sends when
// its state changes; ReadDocument reads it back.
func ExampleMarshalEvent() {
	created := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	job := tj.TrainingJob{
		TrainingJobName:   "resnet-50",
		TrainingJobArn:    "arn:aws:sagemaker:eu-west-1:123456789012:training-job/resnet-50",
		TrainingJobStatus: tj.StatusInProgress,
		SecondaryStatus:   tj.SecondaryStatusDownloading,
		CreationTime:      created,
		LastModifiedTime:  created.Add(2 * time.Minute),
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{
			{Status: tj.SecondaryStatusStarting, StartTime: created, EndTime: created.Add(2 * time.Minute)},
			{Status: tj.SecondaryStatusDownloading, StartTime: created.Add(2 * time.Minute)},
		},
	}
	data, err := tj.MarshalEvent(&job, tj.Event{ID: "7c1e2f9a-0b4d-4e8f-9a6b-3d2c1b0a9f8e"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The envelope, then the members of the detail the event form writes
	// its own way: milliseconds, no EndTime, Tags as an object.
	envelope, _, _ := strings.Cut(string(data), `"detail":`)
	fmt.Println(envelope)
	var ev struct {
		Detail struct {
			CreationTime               json.Number
			SecondaryStatusTransitions []map[string]any
			Tags                       map[string]string
		} `json:"detail"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Detail.CreationTime, ev.Detail.SecondaryStatusTransitions, ev.Detail.Tags)

	doc, err := tj.ReadDocument(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Form, doc.Event.Region, doc.Job.SecondaryStatus)
	// Output:
	// {"version":"0","id":"7c1e2f9a-0b4d-4e8f-9a6b-3d2c1b0a9f8e","detail-type":"SageMaker Training Job State Change","source":"aws.sagemaker","account":"123456789012","time":"2024-03-08T10:02:00Z","region":"eu-west-1","resources":["arn:aws:sagemaker:eu-west-1:123456789012:training-job/resnet-50"],
	// 1709892000000 [map[StartTime:1709892000000 Status:Starting] map[StartTime:1709892120000 Status:Downloading]] map[]
	// EventBridge event eu-west-1 Downloading
}
