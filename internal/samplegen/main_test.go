package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

const committed = "../../testdata/large/describe-large.json"

// TestGenerateMatchesCommittedFile fails when the committed sample is stale:
// run `go generate ./internal/samplegen` after changing the generator.
func TestGenerateMatchesCommittedFile(t *testing.T) {
	want, err := os.ReadFile(filepath.FromSlash(committed))
	if err != nil {
		t.Fatal(err)
	}
	if got := Generate(); !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (%d bytes, the generator writes %d): run go generate ./internal/samplegen", committed, len(want), len(got))
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	if !bytes.Equal(Generate(), Generate()) {
		t.Fatal("two calls wrote different bytes")
	}
}

// TestGenerateShape checks the document against the facts the sample is
// meant to show: 1,000 contiguous entries, 40 final metrics (the service's
// limit) each with its metric definition, a closed terminal entry at
// TrainingEndTime, spot billing below the training time.
func TestGenerateShape(t *testing.T) {
	var doc struct {
		CreationTime, TrainingStartTime, TrainingEndTime json.Number
		TrainingTimeInSeconds, BillableTimeInSeconds     int
		SecondaryStatusTransitions                       []struct {
			Status             string
			StartTime, EndTime json.Number
		}
		FinalMetricDataList []struct {
			MetricName string
			Value      float32
			Timestamp  json.Number
		}
		AlgorithmSpecification struct {
			MetricDefinitions []struct{ Name, Regex string }
		}
	}
	dec := json.NewDecoder(bytes.NewReader(Generate()))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	ms := func(n json.Number) int64 {
		f, err := n.Float64()
		if err != nil {
			t.Fatal(err)
		}
		return int64(f*1000 + 0.5)
	}
	h := doc.SecondaryStatusTransitions
	if len(h) != HistoryEntries || len(doc.FinalMetricDataList) != Metrics {
		t.Fatalf("%d entries and %d metrics, want %d and %d", len(h), len(doc.FinalMetricDataList), HistoryEntries, Metrics)
	}
	if Metrics > 40 {
		t.Errorf("%d metrics: the service allows at most 40", Metrics)
	}
	defs := doc.AlgorithmSpecification.MetricDefinitions
	if len(defs) != Metrics {
		t.Fatalf("%d metric definitions, want %d", len(defs), Metrics)
	}
	for i, m := range doc.FinalMetricDataList {
		if m.MetricName != defs[i].Name || defs[i].Regex == "" {
			t.Errorf("final metric %d, %q, has no definition (definition %d is %+v)", i, m.MetricName, i, defs[i])
		}
	}
	if ms(h[0].StartTime) != ms(doc.CreationTime) {
		t.Error("first StartTime differs from CreationTime")
	}
	for i := 0; i+1 < len(h); i++ {
		if ms(h[i].EndTime) != ms(h[i+1].StartTime) {
			t.Fatalf("entry %d does not touch entry %d", i, i+1)
		}
	}
	last := h[len(h)-1]
	if last.Status != "Completed" || ms(last.StartTime) != ms(last.EndTime) || ms(last.EndTime) != ms(doc.TrainingEndTime) {
		t.Errorf("last entry %+v does not close at TrainingEndTime %s", last, doc.TrainingEndTime)
	}
	span := time.Duration(ms(doc.TrainingEndTime)-ms(doc.TrainingStartTime)) * time.Millisecond
	if d := span - time.Duration(doc.TrainingTimeInSeconds)*time.Second; d < -time.Second || d > time.Second {
		t.Errorf("TrainingTimeInSeconds %d is not within a second of %s", doc.TrainingTimeInSeconds, span)
	}
	if doc.BillableTimeInSeconds <= 0 || doc.BillableTimeInSeconds >= doc.TrainingTimeInSeconds {
		t.Errorf("BillableTimeInSeconds %d, want below TrainingTimeInSeconds %d for a spot job", doc.BillableTimeInSeconds, doc.TrainingTimeInSeconds)
	}
}
