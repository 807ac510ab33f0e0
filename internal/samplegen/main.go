// Command samplegen writes testdata/large/describe-large.json: the
// DescribeTrainingJob response of a long managed spot job, interrupted 248
// times, with 1,000 history entries, and 40 metric definitions and 40 final
// metrics (the most the service allows), in the service's wire form (epoch
// seconds, exponent and decimal forms mixed). It is large and valid: every
// list stays within the service model's limits.
//
// The output depends on nothing but this source: run it again and it writes
// the same bytes. The test beside it fails when the committed file differs
// from what this program writes, so regenerate after changing it:
//
//	go generate ./internal/samplegen
package main

//go:generate go run . -o ../../testdata/large/describe-large.json

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// Shape of the generated job.
const (
	// HistoryEntries is the length of SecondaryStatusTransitions.
	HistoryEntries = 1000
	// Metrics is the length of FinalMetricDataList and of
	// AlgorithmSpecification.MetricDefinitions: 40, the service model's
	// limit on both.
	Metrics = 40

	name    = "BigCorpus-Pretrain-Spot-2024-02-01"
	account = "123456789012"
	region  = "us-east-1"
	bucket  = "s3://acme-foundation-" + account + "/pretrain"

	// Of the 248 interruptions, these resume through Pending (the job waits
	// for capacity again); the others go straight back to Starting.
	pendingEvery = 70
)

// created is the job's CreationTime.
var created = time.Date(2024, 2, 1, 0, 0, 0, 517_000_000, time.UTC)

// rng is a small deterministic generator (SplitMix64), so the output does not
// depend on math/rand's algorithm across Go releases.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// between returns a duration in [lo, hi) seconds with a millisecond fraction.
func (r *rng) between(lo, hi int) time.Duration {
	span := uint64(hi-lo) * 1000
	return time.Duration(lo)*time.Second + time.Duration(r.next()%span)*time.Millisecond
}

func (r *rng) float32(lo, hi float64) float32 {
	f := lo + (hi-lo)*float64(r.next()>>11)/float64(1<<53)
	// Four significant digits, as metric regexes usually capture.
	p := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(f))))
	return float32(math.Round(f*p) / p)
}

type entry struct {
	status  string
	start   time.Time
	message string
}

// history builds the visits: Starting, Downloading, Training, then 248
// interruptions each followed by Starting (some by Pending first),
// Downloading and Training, then Uploading and Completed.
func history(r *rng) (entries []entry, trainingStart, end time.Time, trainingTime time.Duration) {
	t := created
	add := func(status, msg string, d time.Duration) {
		entries = append(entries, entry{status, t, msg})
		if status == "Training" {
			trainingTime += d
		}
		t = t.Add(d)
	}
	add("Starting", "Preparing the instances for training", r.between(60, 240))
	trainingStart = t
	add("Downloading", "Downloading input data", r.between(15, 90))
	add("Training", "Training image download completed. Training in progress.", r.between(300, 1200))
	step := 0
	for cycle := 1; len(entries) < HistoryEntries-2; cycle++ {
		add("Interrupted", "Spot instances reclaimed; the job will resume", r.between(20, 180))
		if cycle%pendingEvery == 0 {
			add("Pending", "Waiting for spot capacity in "+region, r.between(300, 1800))
		}
		add("Starting", "Preparing the instances for training", r.between(60, 240))
		add("Downloading", "Downloading input data", r.between(15, 90))
		step += 1000 + int(r.next()%400)
		add("Training", "Training resumed from checkpoint at step "+strconv.Itoa(step), r.between(300, 1200))
	}
	add("Uploading", "Uploading generated training model", r.between(60, 200))
	end = t
	entries = append(entries, entry{"Completed", t, "Training job completed"})
	return entries, trainingStart, end, trainingTime
}

// expSeconds writes t as epoch seconds the way a Java service does:
// 1.706745600517E9.
func expSeconds(t time.Time) string {
	d := strconv.FormatInt(t.UnixMilli(), 10)
	mant := strings.TrimRight(d[1:], "0")
	if mant == "" {
		mant = "0"
	}
	return d[:1] + "." + mant + "E" + strconv.Itoa(len(d)-4)
}

// decSeconds writes t as epoch seconds in decimal form, without trailing
// zeros: 1706745600.517, 1706745600.5, 1706745600.
func decSeconds(t time.Time) string {
	ms := t.UnixMilli()
	s := strconv.FormatInt(ms/1000, 10)
	if f := ms % 1000; f != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%03d", f), "0")
	}
	return s
}

func q(s string) string { return strconv.Quote(s) }

// metricName is the name of metric i: the losses first, then statistics
// of the first layers.
func metricName(i int) string {
	switch i {
	case 0:
		return "train:loss"
	case 1:
		return "val:loss"
	}
	kinds := []string{"grad_norm", "weight_norm", "act_mean", "act_std"}
	return fmt.Sprintf("layer_%02d.%s:%s", (i-2)/8, []string{"attn", "mlp"}[(i-2)/4%2], kinds[(i-2)%4])
}

// metricDefinitions writes one definition per metric, the regular
// expression that finds it in the training log.
func metricDefinitions() string {
	var b strings.Builder
	b.WriteString("[")
	for i := range Metrics {
		if i > 0 {
			b.WriteString(",")
		}
		name := metricName(i)
		fmt.Fprintf(&b, `{"Name":%q,"Regex":%q}`, name, strings.NewReplacer(".", `\.`, ":", "/").Replace(name)+`=([0-9.eE+-]+)`)
	}
	b.WriteString("]")
	return b.String()
}

// Generate returns the document. Every call returns the same bytes.
func Generate() []byte {
	r := &rng{s: 20240201}
	entries, trainingStart, end, trainingTime := history(r)
	if len(entries) != HistoryEntries {
		panic(fmt.Sprintf("samplegen: %d history entries, want %d", len(entries), HistoryEntries))
	}
	total := int(math.Round(end.Sub(trainingStart).Seconds()))
	billable := int(trainingTime.Seconds() * 0.3)
	lower := strings.ToLower(name)

	var b bytes.Buffer
	member := func(k, raw string) { fmt.Fprintf(&b, "%q:%s,\n", k, raw) }
	b.WriteString("{\n")
	member("TrainingJobName", q(name))
	member("TrainingJobArn", q("arn:aws:sagemaker:"+region+":"+account+":training-job/"+lower))
	member("ModelArtifacts", `{"S3ModelArtifacts":`+q(bucket+"/output/"+name+"/output/model.tar.gz")+`}`)
	member("TrainingJobStatus", q("Completed"))
	member("SecondaryStatus", q("Completed"))
	member("HyperParameters", `{"model_size":"1.3b","seq_len":"2048","global_batch_size":"512","lr":"3e-4","warmup_steps":"2000","checkpoint_interval":"1000"}`)
	member("AlgorithmSpecification", `{"TrainingImage":`+q(account+".dkr.ecr."+region+".amazonaws.com/pretrain:2024.01")+
		`,"TrainingInputMode":"FastFile","MetricDefinitions":`+metricDefinitions()+`,"EnableSageMakerMetricsTimeSeries":true}`)
	member("RoleArn", q("arn:aws:iam::"+account+":role/foundation-training"))
	member("InputDataConfig", `[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":`+q(bucket+"/corpus/v3/")+
		`,"S3DataDistributionType":"ShardedByS3Key"}},"InputMode":"FastFile"}]`)
	member("OutputDataConfig", `{"S3OutputPath":`+q(bucket+"/output")+`}`)
	member("ResourceConfig", `{"InstanceType":"ml.p4d.24xlarge","InstanceCount":4,"VolumeSizeInGB":1000}`)
	member("StoppingCondition", `{"MaxRuntimeInSeconds":432000,"MaxWaitTimeInSeconds":518400}`)
	member("CreationTime", expSeconds(created))
	member("TrainingStartTime", expSeconds(trainingStart))
	member("TrainingEndTime", expSeconds(end))
	member("LastModifiedTime", decSeconds(end))
	b.WriteString(`"SecondaryStatusTransitions":[` + "\n")
	for i, e := range entries {
		stop := end
		if i+1 < len(entries) {
			stop = entries[i+1].start
		}
		// Alternate the number forms as a reader meets them in practice.
		format := expSeconds
		if i%3 == 2 {
			format = decSeconds
		}
		fmt.Fprintf(&b, `{"Status":%q,"StartTime":%s,"EndTime":%s,"StatusMessage":%q}`, e.status, format(e.start), format(stop), e.message)
		if i+1 < len(entries) {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("],\n")
	b.WriteString(`"FinalMetricDataList":[` + "\n")
	for i := 0; i < Metrics; i++ {
		metric := metricName(i)
		var v float32
		switch i {
		case 0:
			v = r.float32(1.9, 2.4)
		case 1:
			v = r.float32(2.0, 2.5)
		default:
			v = r.float32(1e-3, 40)
		}
		ts := end.Add(-time.Duration(90_000+int(r.next()%60_000)) * time.Millisecond)
		format := decSeconds
		if i%2 == 1 {
			format = expSeconds
		}
		fmt.Fprintf(&b, `{"MetricName":%q,"Value":%s,"Timestamp":%s}`, metric, strconv.FormatFloat(float64(v), 'g', -1, 32), format(ts))
		if i+1 < Metrics {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("],\n")
	member("EnableNetworkIsolation", "false")
	member("EnableInterContainerTrafficEncryption", "true")
	member("EnableManagedSpotTraining", "true")
	member("CheckpointConfig", `{"S3Uri":`+q(bucket+"/checkpoints/"+lower)+`,"LocalPath":"/opt/ml/checkpoints"}`)
	member("TrainingTimeInSeconds", strconv.Itoa(total))
	member("BillableTimeInSeconds", strconv.Itoa(billable))
	member("ProfilingStatus", q("Disabled"))
	b.WriteString(`"Environment":{"NCCL_DEBUG":"WARN","FI_EFA_USE_DEVICE_RDMA":"1"}` + "\n}\n")
	return b.Bytes()
}

func main() {
	out := flag.String("o", "", "file to write (default: standard output)")
	flag.Parse()
	data := Generate()
	if *out == "" {
		os.Stdout.Write(data)
		return
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "samplegen:", err)
		os.Exit(1)
	}
}
