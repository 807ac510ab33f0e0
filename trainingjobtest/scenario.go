package trainingjobtest

import (
	"sort"
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
// moment, so a fixture and the fake service tell the same story.
//
// A scenario is plain data. Its life is either Phases, a list of phases
// given outright, or, when Phases is empty, the shorthand fields below
// (Starting through Restarts), from which Plan builds the list. The zero
// value of every shorthand duration takes the default DefaultPhases
// returns.
type Scenario struct {
	// Name is the job's name; Region and Account make its ARN.
	Name, Region, Account string
	// Created is when the job was created; the history starts there.
	Created time.Time

	// Phases, when not empty, is the job's whole life, in order; when its
	// last phase is not terminal, Completed follows it. The shorthand
	// fields from Starting to Restarts are then ignored.
	Phases []Phase

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
	// Restarts is how many times the job restarts during training, as a
	// job with a RetryStrategy does after an internal error: each shows
	// Restarting, then Starting, Downloading and Training again. The fake
	// allows as many as the request's RetryStrategy does and fails the job
	// with an InternalServerError at the next.
	Restarts int
	// Spot marks a managed spot job: billable time leaves out the time
	// lost to interruptions, less SpotSavings.
	Spot bool
	// SpotSavings is the share of a spot job's trained time that is not
	// billed, between 0 and 1; DefaultSpotSavings when zero.
	SpotSavings float64
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
	// Updates are the times UpdateTrainingJob was called. Each shows
	// Updating for Updating (DefaultUpdating when zero); the phase it
	// interrupted then resumes for the time it had left.
	Updates  []time.Time
	Updating time.Duration

	// KeepAlive is the warm pool's keep-alive period
	// (ResourceConfig.KeepAlivePeriodInSeconds): a completed job keeps its
	// instances that long. ReusedBy and ReusedAt name the job that took
	// them over, and when. WarmStart marks a job that runs on another
	// job's warm pool: it starts in DefaultWarmStart (unless Starting is
	// set) and shows WarmPoolStatus InUse while it runs.
	KeepAlive time.Duration
	ReusedBy  string
	ReusedAt  time.Time
	WarmStart bool

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
	MessageResuming    = "Restarting the instances after an interruption"
	MessageRestarting  = "Restarting the training job after an internal error"
	MessageUpdating    = "Updating the training job"
	MessageStopping    = "Stopping the training job"
	MessageCompleted   = "Training job completed"
	MessageFailed      = "Training job failed"
	MessageStopped     = "Training job stopped"
	MessageMaxRuntime  = "Training job runtime exceeded MaxRuntimeInSeconds"
	MessageMaxWait     = "Training job wait time exceeded MaxWaitTimeInSeconds"
)

// Phase is one step of a job's life as plain data: the job shows Status as
// its secondary status for Duration, and the history entry it adds carries
// Message. A phase whose Status is terminal (Completed, Failed, Stopped,
// MaxRuntimeExceeded or MaxWaitTimeExceeded) ends the job; its Duration is
// ignored.
type Phase struct {
	Status   trainingjob.SecondaryStatus
	Duration time.Duration
	Message  string
}

// DefaultSpotSavings is the share of a managed spot job's trained time
// (interruptions left out) that is not billed when a Scenario sets no
// SpotSavings. Real spot jobs save 60 to 90 percent; the SageMaker Python
// SDK prints the figure as 1 - BillableTimeInSeconds/TrainingTimeInSeconds
// ("Managed Spot Training savings: 70.0%"), see
// https://aws.amazon.com/blogs/aws/managed-spot-training-save-up-to-90-on-your-amazon-sagemaker-training-jobs/
const DefaultSpotSavings = 0.7

// DefaultUpdating is how long a job shows Updating after
// UpdateTrainingJob when its Scenario sets no Updating.
const DefaultUpdating = 30 * time.Second

// minVisible is the least a scaled Stopping or Updating phase lasts.
const minVisible = 5 * time.Second

// DefaultWarmStart is how long Starting lasts for a job that runs on a
// warm pool another job kept alive: the instances are already there.
const DefaultWarmStart = 15 * time.Second

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// terminalSecondary reports whether a phase with this status ends the job.
func terminalSecondary(s trainingjob.SecondaryStatus) bool {
	switch s {
	case trainingjob.SecondaryStatusCompleted, trainingjob.SecondaryStatusFailed, trainingjob.SecondaryStatusStopped,
		trainingjob.SecondaryStatusMaxRuntimeExceeded, trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		return true
	}
	return false
}

// primaryOf is the TrainingJobStatus a job shows while its secondary
// status is s.
func primaryOf(s trainingjob.SecondaryStatus) trainingjob.Status {
	switch s {
	case trainingjob.SecondaryStatusCompleted:
		return trainingjob.StatusCompleted
	case trainingjob.SecondaryStatusFailed:
		return trainingjob.StatusFailed
	case trainingjob.SecondaryStatusStopped, trainingjob.SecondaryStatusMaxRuntimeExceeded, trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		return trainingjob.StatusStopped
	case trainingjob.SecondaryStatusStopping:
		return trainingjob.StatusStopping
	}
	return trainingjob.StatusInProgress
}

// Plan returns the job's life as a list of phases, the terminal one last.
// When Phases is set it is a copy of Phases up to the first terminal
// phase (with a Completed phase added when there is none); otherwise it is built from the
// shorthand fields: Starting, Pending, Downloading, Training (cut by
// Interruptions and Restarts), Uploading, and the end Outcome and FailIn
// ask for. A stop request or an update is not part of the plan: JobAt
// applies them to it.
func (s Scenario) Plan() []Phase {
	if len(s.Phases) > 0 {
		out := append([]Phase(nil), s.Phases...)
		for i, p := range out {
			if terminalSecondary(p.Status) {
				out = out[:i+1] // a terminal phase ends the life
				break
			}
		}
		if !terminalSecondary(out[len(out)-1].Status) {
			out = append(out, Phase{Status: trainingjob.SecondaryStatusCompleted, Message: MessageCompleted})
		}
		return out
	}
	def := DefaultPhases()
	starting := orDefault(s.Starting, def.Starting)
	if s.WarmStart && s.Starting <= 0 {
		starting = DefaultWarmStart
	}
	downloading := orDefault(s.Downloading, def.Downloading)
	training := orDefault(s.Training, def.Training)
	if limit := s.limit(); limit > 0 && training < limit+time.Minute {
		// A job that is to run out of time trains until it does.
		training = limit + time.Minute
	}
	end := func(segs []Phase, st trainingjob.SecondaryStatus) []Phase {
		return append(segs, Phase{Status: st, Message: terminalMessage(st)})
	}
	segs := []Phase{{trainingjob.SecondaryStatusStarting, starting, MessageStarting}}
	if s.Pending > 0 {
		segs = append(segs, Phase{trainingjob.SecondaryStatusPending, s.Pending, MessagePending})
	}
	if s.Outcome == trainingjob.OutcomeFailed && s.FailIn == trainingjob.SecondaryStatusStarting {
		return end(segs, trainingjob.SecondaryStatusFailed)
	}
	segs = append(segs, Phase{trainingjob.SecondaryStatusDownloading, downloading, MessageDownloading})

	// Interruptions and restarts cut training at points of its progress;
	// after each the job starts, downloads and trains again.
	type cut struct {
		at     time.Duration
		pause  Phase
		resume string
	}
	var cuts []cut
	for _, in := range s.Interruptions {
		cuts = append(cuts, cut{in.At, Phase{trainingjob.SecondaryStatusInterrupted, orDefault(in.Lasts, time.Minute), MessageInterrupted}, MessageResuming})
	}
	for i := 1; i <= s.Restarts; i++ {
		cuts = append(cuts, cut{training * time.Duration(i) / time.Duration(s.Restarts+1),
			Phase{trainingjob.SecondaryStatusRestarting, time.Minute, MessageRestarting}, MessageStarting})
	}
	sort.SliceStable(cuts, func(a, b int) bool { return cuts[a].at < cuts[b].at })
	done := time.Duration(0)
	for _, c := range cuts {
		if c.at <= done || c.at >= training {
			continue
		}
		segs = append(segs,
			Phase{trainingjob.SecondaryStatusTraining, c.at - done, MessageTraining},
			c.pause,
			Phase{trainingjob.SecondaryStatusStarting, starting, c.resume},
			Phase{trainingjob.SecondaryStatusDownloading, downloading, MessageDownloading})
		done = c.at
	}
	segs = append(segs, Phase{trainingjob.SecondaryStatusTraining, training - done, MessageTraining})
	if s.Outcome == trainingjob.OutcomeFailed && s.FailIn != "" && s.FailIn != trainingjob.SecondaryStatusUploading {
		for i := len(segs) - 1; i >= 0; i-- {
			if segs[i].Status == s.FailIn {
				return end(segs[:i+1], trainingjob.SecondaryStatusFailed)
			}
		}
	}
	segs = append(segs, Phase{trainingjob.SecondaryStatusUploading, orDefault(s.Uploading, def.Uploading), MessageUploading})
	switch s.Outcome {
	case trainingjob.OutcomeFailed:
		return end(segs, trainingjob.SecondaryStatusFailed)
	case trainingjob.OutcomeMaxRuntimeExceeded:
		return end(s.cutTraining(segs, s.limit()), trainingjob.SecondaryStatusMaxRuntimeExceeded)
	case trainingjob.OutcomeMaxWaitTimeExceeded:
		return end(s.cutTraining(segs, s.limit()), trainingjob.SecondaryStatusMaxWaitTimeExceeded)
	}
	return end(segs, trainingjob.SecondaryStatusCompleted)
}

// cutTraining ends the plan when limit has passed since the job started
// downloading (the runtime the limits count), before Uploading, followed by
// a Stopping phase.
func (s Scenario) cutTraining(segs []Phase, limit time.Duration) []Phase {
	var out []Phase
	elapsed, started := time.Duration(0), false
	for _, g := range segs {
		if g.Status == trainingjob.SecondaryStatusDownloading {
			started = true
		}
		if g.Status == trainingjob.SecondaryStatusUploading {
			break
		}
		if started && elapsed+g.Duration >= limit {
			g.Duration = limit - elapsed
			out = append(out, g)
			break
		}
		if started {
			elapsed += g.Duration
		}
		out = append(out, g)
	}
	return append(out, Phase{trainingjob.SecondaryStatusStopping, orDefault(s.Stopping, DefaultPhases().Stopping), MessageStopping})
}

// Scaled returns the scenario with its whole life Speed times shorter: its
// plan as Phases with every duration divided by speed, and its KeepAlive
// divided the same way. Stopping and Updating, which follow a client's
// call, are divided too but kept at least minVisible (5 seconds), so that
// a client that stops or updates a job and then describes it sees the
// phase. Times the scenario already
// holds (Created, StopRequested, Updates) are kept. A speed of 1 or less
// returns the scenario unchanged.
func (s Scenario) Scaled(speed float64) Scenario {
	if speed <= 1 {
		return copyScenario(s)
	}
	scale := func(d time.Duration) time.Duration {
		if d <= 0 {
			return d
		}
		out := time.Duration(float64(d) / speed).Round(time.Millisecond)
		if out < time.Millisecond {
			out = time.Millisecond
		}
		return out
	}
	out := copyScenario(s)
	out.Phases = s.Plan()
	for i := range out.Phases {
		out.Phases[i].Duration = scale(out.Phases[i].Duration)
	}
	// Stopping and Updating follow a client's call, and a client that
	// calls and then describes must be able to see them: they keep at
	// least minVisible (or their own length, when shorter).
	visible := func(d time.Duration) time.Duration { return max(scale(d), min(d, minVisible)) }
	out.Stopping = visible(orDefault(s.Stopping, DefaultPhases().Stopping))
	out.Updating = visible(orDefault(s.Updating, DefaultUpdating))
	out.KeepAlive = scale(s.KeepAlive)
	return out
}

// span is one entry of a job's history laid out in time.
type span struct {
	Phase
	start, end time.Time
}

// timeline lays the plan out from Created, applying the updates (each
// shows Updating, after which the interrupted phase resumes for what it
// had left) and the stop request (which cuts the current phase and is
// followed by Stopping and Stopped). The last span is the terminal one,
// of zero length.
func (s Scenario) timeline() []span {
	plan := s.Plan()
	terminal := plan[len(plan)-1]
	queue := plan[:len(plan)-1]
	updates := append([]time.Time(nil), s.Updates...)
	sort.Slice(updates, func(a, b int) bool { return updates[a].Before(updates[b]) })
	stop := s.StopRequested
	at := s.Created
	var out []span
	emit := func(p Phase, from, to time.Time) {
		out = append(out, span{p, from, to})
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		end := at.Add(p.Duration)
		for len(updates) > 0 && updates[0].Before(at) {
			updates = updates[1:] // an update before the phase began was applied already
		}
		if len(updates) > 0 && updates[0].Before(end) && (stop.IsZero() || updates[0].Before(stop)) {
			u := updates[0]
			updates = updates[1:]
			if u.After(at) {
				emit(p, at, u)
			}
			rest := Phase{p.Status, end.Sub(u), p.Message}
			next := []Phase{{trainingjob.SecondaryStatusUpdating, orDefault(s.Updating, DefaultUpdating), MessageUpdating}}
			if rest.Duration > 0 {
				next = append(next, rest)
			}
			queue = append(next, queue...)
			at = u
			continue
		}
		if !stop.IsZero() && !stop.After(end) && p.Status != trainingjob.SecondaryStatusStopping {
			if stop.Before(at) {
				stop = at
			}
			if stop.After(at) || len(out) == 0 {
				emit(p, at, stop)
			}
			stopping := orDefault(s.Stopping, DefaultPhases().Stopping)
			emit(Phase{trainingjob.SecondaryStatusStopping, stopping, MessageStopping}, stop, stop.Add(stopping))
			at = stop.Add(stopping)
			terminal = Phase{Status: trainingjob.SecondaryStatusStopped, Message: MessageStopped}
			break
		}
		emit(p, at, end)
		at = end
	}
	return append(out, span{terminal, at, at})
}

// JobAt returns the job as DescribeTrainingJob shows it at now: the history
// up to now (the last entry open while the job runs), both statuses, the
// training times, and, once finished, TrainingEndTime, billable time,
// ModelArtifacts (for a completed job, a stopped one that trained, and a
// failed one that reached Uploading), final metrics and the warm pool's
// status. Every job it returns passes strict validation.
func (s Scenario) JobAt(now time.Time) trainingjob.TrainingJob {
	if now.Before(s.Created) {
		now = s.Created
	}
	spans := s.timeline()
	var history []trainingjob.SecondaryStatusTransition
	var trainingStart time.Time
	ended, uploaded := false, false
	interrupted := time.Duration(0)
	for i, g := range spans {
		last := i == len(spans)-1
		if g.Status == trainingjob.SecondaryStatusDownloading && trainingStart.IsZero() {
			trainingStart = g.start
		}
		if g.Status == trainingjob.SecondaryStatusUploading {
			uploaded = true
		}
		if !last && now.Before(g.end) {
			history = append(history, trainingjob.SecondaryStatusTransition{Status: g.Status, StartTime: g.start, StatusMessage: g.Message})
			if g.Status == trainingjob.SecondaryStatusInterrupted {
				interrupted += now.Sub(g.start)
			}
			break
		}
		if g.Status == trainingjob.SecondaryStatusInterrupted {
			interrupted += g.end.Sub(g.start)
		}
		history = append(history, trainingjob.SecondaryStatusTransition{Status: g.Status, StartTime: g.start, EndTime: g.end, StatusMessage: g.Message})
		ended = last
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
	if s.KeepAlive > 0 {
		job.ResourceConfig.KeepAlivePeriodInSeconds = aws.Int32(int32(s.KeepAlive.Round(time.Second) / time.Second))
	}
	cur := history[len(history)-1]
	job.SecondaryStatus = cur.Status
	job.TrainingJobStatus = primaryOf(cur.Status)
	job.LastModifiedTime = cur.StartTime
	if ended {
		end := cur.StartTime
		job.TrainingEndTime = end
		trained := !trainingStart.IsZero()
		switch {
		case job.TrainingJobStatus == trainingjob.StatusCompleted,
			job.TrainingJobStatus == trainingjob.StatusStopped && trained,
			job.TrainingJobStatus == trainingjob.StatusFailed && uploaded:
			// A stopped job has time to save its model before it ends, and
			// a failure during Uploading leaves what was uploaded.
			job.ModelArtifacts = &types.ModelArtifacts{S3ModelArtifacts: aws.String("s3://sagemaker-" + s.region() + "-" + s.account() + "/" + s.Name + "/output/model.tar.gz")}
		}
		switch job.TrainingJobStatus {
		case trainingjob.StatusCompleted:
			job.FinalMetricDataList = []types.MetricData{{MetricName: aws.String("train:loss"), Value: aws.Float32(0.042), Timestamp: aws.Time(end)}}
		case trainingjob.StatusFailed:
			job.FailureReason = s.failureReason()
		}
		if keepsPool(job.TrainingJobStatus, job.FailureReason, trained) {
			job.WarmPoolStatus = s.warmPool(end, now)
		}
		if trained {
			secs := int32(end.Sub(trainingStart).Round(time.Second) / time.Second)
			if secs < 1 {
				secs = 1
			}
			job.TrainingTimeInSeconds = secs
			job.BillableTimeInSeconds = s.billable(end.Sub(trainingStart), interrupted)
		}
	} else {
		if !trainingStart.IsZero() && now.Sub(trainingStart) >= time.Second {
			job.TrainingTimeInSeconds = int32(now.Sub(trainingStart) / time.Second)
		}
		if s.WarmStart {
			job.WarmPoolStatus = &types.WarmPoolStatus{Status: types.WarmPoolResourceStatusInuse}
		}
	}
	job.SecondaryStatusTransitions = history
	return job
}

// billable is the billed part of a finished job's training time: all of
// it for an on-demand job; for a managed spot job, the time it trained
// (interruptions left out) less the spot savings. It is at least a second.
func (s Scenario) billable(training, interrupted time.Duration) int32 {
	d := training
	if s.Spot {
		savings := s.SpotSavings
		if savings <= 0 || savings >= 1 {
			savings = DefaultSpotSavings
		}
		d = time.Duration(float64(training-interrupted) * (1 - savings))
	}
	secs := int32(d.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return secs
}

// keepsPool reports whether a job that ended so keeps its instances in a
// warm pool, as the service does
// (https://docs.aws.amazon.com/sagemaker/latest/dg/train-warm-pools.html,
// "Warm pool creation"): a completed job does; so does a stopped one whose
// cluster had started, and one that failed with an algorithm or client
// error; other failures do not.
func keepsPool(status trainingjob.Status, reason string, started bool) bool {
	switch status {
	case trainingjob.StatusCompleted:
		return true
	case trainingjob.StatusStopped:
		return started
	case trainingjob.StatusFailed:
		return strings.HasPrefix(reason, "AlgorithmError") || strings.HasPrefix(reason, "ClientError")
	}
	return false
}

// warmPool is the status of the warm pool a finished job with a KeepAlive
// keeps: Available until the keep-alive period runs out, then
// Terminated, or Reused once a matching job took it. Its billable time is
// the time the instances were kept. See
// https://docs.aws.amazon.com/sagemaker/latest/dg/train-warm-pools.html
func (s Scenario) warmPool(end, now time.Time) *types.WarmPoolStatus {
	if s.KeepAlive <= 0 {
		return nil
	}
	expiry := end.Add(s.KeepAlive)
	seconds := func(d time.Duration) *int32 { return aws.Int32(int32(d.Round(time.Second) / time.Second)) }
	switch {
	case s.ReusedBy != "" && !s.ReusedAt.After(now) && s.ReusedAt.Before(expiry):
		return &types.WarmPoolStatus{Status: types.WarmPoolResourceStatusReused, ReusedByJob: aws.String(s.ReusedBy),
			ResourceRetainedBillableTimeInSeconds: seconds(s.ReusedAt.Sub(end))}
	case now.Before(expiry):
		return &types.WarmPoolStatus{Status: types.WarmPoolResourceStatusAvailable, ResourceRetainedBillableTimeInSeconds: seconds(now.Sub(end))}
	}
	return &types.WarmPoolStatus{Status: types.WarmPoolResourceStatusTerminated, ResourceRetainedBillableTimeInSeconds: seconds(s.KeepAlive)}
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

// nextStatusChange returns the first moment after now at which the job's
// TrainingJobStatus changes, and the zero time when it never changes
// again. It knows only the scenario: a later stop request or update
// changes the answer.
func (s Scenario) nextStatusChange(now time.Time) time.Time {
	spans := s.timeline()
	cur := trainingjob.StatusInProgress
	for _, g := range spans {
		if g.start.After(now) {
			break
		}
		cur = primaryOf(g.Status)
	}
	for _, g := range spans {
		if g.start.After(now) && primaryOf(g.Status) != cur {
			return g.start
		}
	}
	return time.Time{}
}
