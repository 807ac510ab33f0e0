package trainingjobtest

import (
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// Interruption is one reclaim of a managed spot job's instances: after At of
// training the job is Interrupted for Lasts, then starts, downloads and
// trains again.
type Interruption struct {
	At    time.Duration
	Lasts time.Duration
}

// Scenario describes how one training job's life unfolds, phase by phase.
// JobAt turns it into the job as DescribeTrainingJob would show it at any
// moment, so a fixture and the fake service tell the same story. The zero
// value of every duration takes the default DefaultPhases returns.
type Scenario struct {
	// Name is the job's name; Region and Account make its ARN.
	Name, Region, Account string
	// Created is when the job was created; the history starts there.
	Created time.Time

	// How long each phase lasts. Pending is skipped when zero.
	Starting, Pending, Downloading, Training, Uploading time.Duration

	// Outcome says how the job ends when nothing stops it:
	// OutcomeSucceeded (the default), OutcomeFailed,
	// OutcomeMaxRuntimeExceeded or OutcomeMaxWaitTimeExceeded. A stop
	// request (StopRequested) ends it as OutcomeStoppedByUser.
	Outcome trainingjob.Outcome
	// FailIn is the phase at whose end a failing job fails (Uploading by
	// default, as real failures do; Starting for a job that never starts).
	FailIn trainingjob.SecondaryStatus
	// FailureReason is the reason a failing job gives.
	FailureReason string
	// Interruptions reclaim a spot job's instances during training.
	Interruptions []Interruption
	// Spot marks a managed spot job: billable time leaves out the time
	// lost to interruptions.
	Spot bool
	// Stopping is how long the Stopping phase lasts after a stop request
	// or a time limit.
	Stopping time.Duration
	// MaxRuntime is the runtime limit; a job whose Outcome is
	// OutcomeMaxRuntimeExceeded trains until it reaches it (ten minutes
	// when zero), counted from the start of its first download, and is then
	// stopped.
	MaxRuntime time.Duration
	// MaxWait is the spot wait limit, used the same way for
	// OutcomeMaxWaitTimeExceeded.
	MaxWait time.Duration
	// StopRequested, when not zero, is when StopTrainingJob was called.
	StopRequested time.Time

	// InstanceType and InstanceCount fill ResourceConfig.
	InstanceType  types.TrainingInstanceType
	InstanceCount int32
}

// PhaseDurations gives a length to each phase of a job's life that has a
// default in a Scenario.
type PhaseDurations struct {
	Starting, Downloading, Training, Uploading, Stopping time.Duration
}

// DefaultPhases returns the length of each phase when a Scenario leaves it
// zero: Starting 2 minutes, Downloading 1, Training 30, Uploading 1 and
// Stopping 30 seconds. Each call returns a new value, so changing it
// changes nothing for anyone else.
func DefaultPhases() PhaseDurations {
	return PhaseDurations{
		Starting:    2 * time.Minute,
		Downloading: time.Minute,
		Training:    30 * time.Minute,
		Uploading:   time.Minute,
		Stopping:    30 * time.Second,
	}
}

// Messages the scenarios put in the history, in the service's manner.
const (
	MessageStarting    = "Preparing the instances for training"
	MessagePending     = "Waiting for capacity to become available"
	MessageDownloading = "Downloading input data"
	MessageTraining    = "Training image download completed. Training in progress."
	MessageUploading   = "Uploading generated training model"
	MessageInterrupted = "Spot instances were interrupted; the job will resume"
	MessageRestarting  = "Restarting the instances after an interruption"
	MessageStopping    = "Stopping the training job"
	MessageCompleted   = "Training job completed"
	MessageFailed      = "Training job failed"
	MessageStopped     = "Training job stopped"
	MessageMaxRuntime  = "Training job runtime exceeded MaxRuntimeInSeconds"
	MessageMaxWait     = "Training job wait time exceeded MaxWaitTimeInSeconds"
)

type segment struct {
	status trainingjob.SecondaryStatus
	length time.Duration
	msg    string
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// plan lays out the phases a job goes through when nothing stops it, and
// the terminal status that follows.
func (s Scenario) plan() ([]segment, trainingjob.SecondaryStatus) {
	def := DefaultPhases()
	starting := orDefault(s.Starting, def.Starting)
	downloading := orDefault(s.Downloading, def.Downloading)
	training := orDefault(s.Training, def.Training)
	if limit := s.limit(); limit > 0 && training < limit+time.Minute {
		// A job that is to run out of time trains until it does.
		training = limit + time.Minute
	}
	segs := []segment{{trainingjob.SecondaryStatusStarting, starting, MessageStarting}}
	if s.Pending > 0 {
		segs = append(segs, segment{trainingjob.SecondaryStatusPending, s.Pending, MessagePending})
	}
	if s.Outcome == trainingjob.OutcomeFailed && s.FailIn == trainingjob.SecondaryStatusStarting {
		return segs, trainingjob.SecondaryStatusFailed
	}
	segs = append(segs, segment{trainingjob.SecondaryStatusDownloading, downloading, MessageDownloading})
	done := time.Duration(0)
	for _, in := range s.Interruptions {
		if in.At <= done || in.At >= training {
			continue
		}
		segs = append(segs,
			segment{trainingjob.SecondaryStatusTraining, in.At - done, MessageTraining},
			segment{trainingjob.SecondaryStatusInterrupted, orDefault(in.Lasts, time.Minute), MessageInterrupted},
			segment{trainingjob.SecondaryStatusStarting, starting, MessageRestarting},
			segment{trainingjob.SecondaryStatusDownloading, downloading, MessageDownloading})
		done = in.At
	}
	segs = append(segs, segment{trainingjob.SecondaryStatusTraining, training - done, MessageTraining})
	if s.Outcome == trainingjob.OutcomeFailed && s.FailIn != "" && s.FailIn != trainingjob.SecondaryStatusUploading {
		for i := len(segs) - 1; i >= 0; i-- {
			if segs[i].status == s.FailIn {
				return segs[:i+1], trainingjob.SecondaryStatusFailed
			}
		}
	}
	segs = append(segs, segment{trainingjob.SecondaryStatusUploading, orDefault(s.Uploading, def.Uploading), MessageUploading})
	switch s.Outcome {
	case trainingjob.OutcomeFailed:
		return segs, trainingjob.SecondaryStatusFailed
	case trainingjob.OutcomeMaxRuntimeExceeded:
		return s.cutTraining(segs, s.limit()), trainingjob.SecondaryStatusMaxRuntimeExceeded
	case trainingjob.OutcomeMaxWaitTimeExceeded:
		return s.cutTraining(segs, s.limit()), trainingjob.SecondaryStatusMaxWaitTimeExceeded
	}
	return segs, trainingjob.SecondaryStatusCompleted
}

// cutTraining ends the plan when limit has passed since the job started
// downloading (the runtime the limits count), before Uploading, followed by
// a Stopping phase.
func (s Scenario) cutTraining(segs []segment, limit time.Duration) []segment {
	var out []segment
	elapsed, started := time.Duration(0), false
	for _, g := range segs {
		if g.status == trainingjob.SecondaryStatusDownloading {
			started = true
		}
		if g.status == trainingjob.SecondaryStatusUploading {
			break
		}
		if started && elapsed+g.length >= limit {
			g.length = limit - elapsed
			out = append(out, g)
			break
		}
		if started {
			elapsed += g.length
		}
		out = append(out, g)
	}
	return append(out, segment{trainingjob.SecondaryStatusStopping, orDefault(s.Stopping, DefaultPhases().Stopping), MessageStopping})
}

// JobAt returns the job as DescribeTrainingJob shows it at now: the history
// up to now (the last entry open while the job runs), both statuses, the
// training times, and, once finished, TrainingEndTime, billable time,
// ModelArtifacts and final metrics. Every job it returns passes strict
// validation.
func (s Scenario) JobAt(now time.Time) trainingjob.TrainingJob {
	if now.Before(s.Created) {
		now = s.Created
	}
	segs, terminal := s.plan()
	stopAt := s.StopRequested
	var history []trainingjob.SecondaryStatusTransition
	at := s.Created
	var trainingStart, lastEnd time.Time
	ended := false
	interrupted := time.Duration(0)
	stopped := false
	for i := 0; i < len(segs); i++ {
		g := segs[i]
		end := at.Add(g.length)
		if !stopAt.IsZero() && !stopped && !stopAt.After(end) && g.status != trainingjob.SecondaryStatusStopping {
			// A stop request cuts the current phase short.
			if stopAt.Before(at) {
				stopAt = at
			}
			end = stopAt
			segs = append(segs[:i+1:i+1], segment{trainingjob.SecondaryStatusStopping, orDefault(s.Stopping, DefaultPhases().Stopping), MessageStopping})
			terminal, stopped = trainingjob.SecondaryStatusStopped, true
		}
		if g.status == trainingjob.SecondaryStatusDownloading && trainingStart.IsZero() {
			trainingStart = at
		}
		if g.status == trainingjob.SecondaryStatusInterrupted {
			interrupted += end.Sub(at)
		}
		if now.Before(end) {
			history = append(history, trainingjob.SecondaryStatusTransition{Status: g.status, StartTime: at, StatusMessage: g.msg})
			lastEnd = time.Time{}
			break
		}
		history = append(history, trainingjob.SecondaryStatusTransition{Status: g.status, StartTime: at, EndTime: end, StatusMessage: g.msg})
		at, lastEnd = end, end
		if i == len(segs)-1 {
			ended = true
		}
	}

	job := trainingjob.TrainingJob{
		TrainingJobName:   s.Name,
		TrainingJobArn:    "arn:aws:sagemaker:" + s.region() + ":" + s.account() + ":training-job/" + strings.ToLower(s.Name),
		CreationTime:      s.Created,
		TrainingStartTime: trainingStart,
		StoppingCondition: &types.StoppingCondition{MaxRuntimeInSeconds: aws.Int32(s.maxRuntimeSeconds())},
		ResourceConfig: &types.ResourceConfig{
			InstanceType: s.instanceType(), InstanceCount: aws.Int32(s.instanceCount()), VolumeSizeInGB: aws.Int32(30),
		},
		EnableManagedSpotTraining: s.Spot,
		RoleArn:                   "arn:aws:iam::" + s.account() + ":role/SageMakerRole",
	}
	if s.Spot {
		job.StoppingCondition.MaxWaitTimeInSeconds = aws.Int32(s.maxWaitSeconds())
	}
	if ended {
		end := lastEnd
		history = append(history, trainingjob.SecondaryStatusTransition{Status: terminal, StartTime: end, EndTime: end, StatusMessage: terminalMessage(terminal)})
		job.TrainingEndTime = end
		job.LastModifiedTime = end
		job.SecondaryStatus = terminal
		switch terminal {
		case trainingjob.SecondaryStatusCompleted:
			job.TrainingJobStatus = trainingjob.StatusCompleted
			job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://sagemaker-" + s.region() + "-" + s.account() + "/" + s.Name + "/output/model.tar.gz")}
			job.FinalMetricDataList = []types.MetricData{{MetricName: aws.String("train:loss"), Value: aws.Float32(0.042), Timestamp: aws.Time(end)}}
		case trainingjob.SecondaryStatusFailed:
			job.TrainingJobStatus = trainingjob.StatusFailed
			job.FailureReason = s.failureReason()
		default:
			job.TrainingJobStatus = trainingjob.StatusStopped
		}
		if !trainingStart.IsZero() {
			secs := int32(end.Sub(trainingStart).Round(time.Second) / time.Second)
			if secs < 1 {
				secs = 1
			}
			job.TrainingTimeInSeconds = secs
			billable := secs
			if s.Spot {
				billable = int32((end.Sub(trainingStart) - interrupted).Round(time.Second) / time.Second)
			}
			if billable < 1 {
				billable = 1
			}
			job.BillableTimeInSeconds = billable
		}
	} else {
		cur := history[len(history)-1]
		job.SecondaryStatus = cur.Status
		job.TrainingJobStatus = trainingjob.StatusInProgress
		if cur.Status == trainingjob.SecondaryStatusStopping {
			job.TrainingJobStatus = trainingjob.StatusStopping
		}
		job.LastModifiedTime = cur.StartTime
		if !trainingStart.IsZero() && now.Sub(trainingStart) >= time.Second {
			job.TrainingTimeInSeconds = int32(now.Sub(trainingStart) / time.Second)
		}
	}
	job.SecondaryStatusTransitions = history
	return job
}

func terminalMessage(s trainingjob.SecondaryStatus) string {
	switch s {
	case trainingjob.SecondaryStatusCompleted:
		return MessageCompleted
	case trainingjob.SecondaryStatusFailed:
		return MessageFailed
	case trainingjob.SecondaryStatusMaxRuntimeExceeded:
		return MessageMaxRuntime
	case trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		return MessageMaxWait
	}
	return MessageStopped
}

func (s Scenario) region() string {
	if s.Region == "" {
		return "us-east-1"
	}
	return s.Region
}

func (s Scenario) account() string {
	if s.Account == "" {
		return "123456789012"
	}
	return s.Account
}

func (s Scenario) instanceType() types.TrainingInstanceType {
	if s.InstanceType == "" {
		return types.TrainingInstanceTypeMlM5Xlarge
	}
	return s.InstanceType
}

func (s Scenario) instanceCount() int32 {
	if s.InstanceCount <= 0 {
		return 1
	}
	return s.InstanceCount
}

// defaultLimit is the time limit a job that is to run out of time gets
// when its scenario sets none.
const defaultLimit = 10 * time.Minute

// limit is the time after which a job whose Outcome is a time limit is
// stopped, counted from the start of its first download; 0 for other jobs.
func (s Scenario) limit() time.Duration {
	switch s.Outcome {
	case trainingjob.OutcomeMaxRuntimeExceeded:
		return orDefault(s.MaxRuntime, defaultLimit)
	case trainingjob.OutcomeMaxWaitTimeExceeded:
		return orDefault(s.MaxWait, defaultLimit)
	}
	return 0
}

// maxRuntimeSeconds is the StoppingCondition's runtime limit: the limit
// the job runs out of, the scenario's, or a day.
func (s Scenario) maxRuntimeSeconds() int32 {
	switch {
	case s.Outcome == trainingjob.OutcomeMaxRuntimeExceeded:
		return int32(s.limit() / time.Second)
	case s.MaxRuntime > 0:
		return int32(s.MaxRuntime / time.Second)
	case s.Outcome == trainingjob.OutcomeMaxWaitTimeExceeded:
		return int32(s.limit() / time.Second) // the service wants MaxWait >= MaxRuntime
	}
	return 86400
}

// maxWaitSeconds is the StoppingCondition's spot wait limit, never below
// the runtime limit, as the service requires.
func (s Scenario) maxWaitSeconds() int32 {
	w := 2 * s.maxRuntimeSeconds()
	switch {
	case s.Outcome == trainingjob.OutcomeMaxWaitTimeExceeded:
		w = int32(s.limit() / time.Second)
	case s.MaxWait > 0:
		w = int32(s.MaxWait / time.Second)
	}
	if r := s.maxRuntimeSeconds(); w < r {
		w = r
	}
	return w
}

func (s Scenario) failureReason() string {
	if s.FailureReason != "" {
		return s.FailureReason
	}
	if s.FailIn == trainingjob.SecondaryStatusStarting {
		return "CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type."
	}
	return "AlgorithmError: ExecuteUserScriptError: Command \"python train.py\" exited with code 1"
}
