package trainingjobtest

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/trainingjob-go/trainingjob"
)

// ScenarioTagKey is the key of the tag with which a CreateTrainingJob
// request, from any client, asks the fake for a scenario: its value is a
// spec that ParseScenario reads, such as "fail=Training reason=AlgorithmError".
// The real service stores the tag like any other, so a request that carries
// it works against AWS too.
//
//	aws sagemaker create-training-job ... --tags Key=trainingjobtest:scenario,Value="interruptions=2"
const ScenarioTagKey = "trainingjobtest:scenario"

// Failure reasons ParseScenario's reason= word chooses from, each a message
// of the kind the service writes for that kind of failure.
const (
	ReasonAlgorithmError      = `AlgorithmError: ExecuteUserScriptError: Command "python train.py" exited with code 1`
	ReasonClientError         = "ClientError: Data download failed: NoSuchKey: the specified key does not exist in the input channel train"
	ReasonCapacityError       = "CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type."
	ReasonInternalServerError = "InternalServerError: We encountered an internal error. Please try again."
)

var reasons = map[string]string{
	"AlgorithmError":      ReasonAlgorithmError,
	"ClientError":         ReasonClientError,
	"CapacityError":       ReasonCapacityError,
	"InternalServerError": ReasonInternalServerError,
}

var outcomes = map[string]trainingjob.Outcome{
	"Completed":           trainingjob.OutcomeSucceeded,
	"Failed":              trainingjob.OutcomeFailed,
	"MaxRuntimeExceeded":  trainingjob.OutcomeMaxRuntimeExceeded,
	"MaxWaitTimeExceeded": trainingjob.OutcomeMaxWaitTimeExceeded,
}

// ParseScenario reads a scenario spec: words of the form key=value
// separated by spaces, each setting one thing about the job's life. The
// characters it uses are those a tag value may hold, so a spec can travel
// in the ScenarioTagKey tag.
//
//	outcome=O        Completed (the default), Failed, MaxRuntimeExceeded or
//	                 MaxWaitTimeExceeded (give the limit in the request's
//	                 StoppingCondition)
//	fail=PHASE       fail at the end of Starting, Downloading, Training or
//	                 Uploading (implies outcome=Failed)
//	reason=R         the FailureReason: AlgorithmError, ClientError,
//	                 CapacityError or InternalServerError (implies
//	                 outcome=Failed; CapacityError fails in Starting)
//	interruptions=N  N spot interruptions spread over training, 2 minutes each
//	restarts=N       N restarts during training, as under a RetryStrategy
//	savings=P        a spot job's savings, in percent (1 to 99)
//	pending=D        wait D for capacity after Starting
//	starting=D, downloading=D, training=D, uploading=D, stopping=D
//	                 how long each phase lasts, in Go's duration syntax
//	                 (90s, 2m, 1h30m)
//
// An empty spec is the default scenario. An unknown key, a bad value or a
// repeated key is an error that names the word.
func ParseScenario(spec string) (Scenario, error) {
	var s Scenario
	seen := map[string]bool{}
	interruptions := 0
	for _, word := range strings.Fields(spec) {
		key, value, ok := strings.Cut(word, "=")
		if !ok || value == "" {
			return Scenario{}, fmt.Errorf("scenario %q: word %q: want key=value", spec, word)
		}
		if seen[key] {
			return Scenario{}, fmt.Errorf("scenario %q: %s given twice", spec, key)
		}
		seen[key] = true
		bad := func(want string) error {
			return fmt.Errorf("scenario %q: %s=%s: want %s", spec, key, value, want)
		}
		switch key {
		case "outcome":
			o, ok := outcomes[value]
			if !ok {
				return Scenario{}, bad("Completed, Failed, MaxRuntimeExceeded or MaxWaitTimeExceeded")
			}
			s.Outcome = o
		case "fail":
			switch st := trainingjob.SecondaryStatus(value); st {
			case trainingjob.SecondaryStatusStarting, trainingjob.SecondaryStatusDownloading,
				trainingjob.SecondaryStatusTraining, trainingjob.SecondaryStatusUploading:
				s.FailIn = st
			default:
				return Scenario{}, bad("Starting, Downloading, Training or Uploading")
			}
		case "reason":
			r, ok := reasons[value]
			if !ok {
				return Scenario{}, bad("AlgorithmError, ClientError, CapacityError or InternalServerError")
			}
			s.FailureReason = r
			if value == "CapacityError" && !seen["fail"] {
				s.FailIn = trainingjob.SecondaryStatusStarting
			}
		case "interruptions", "restarts":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 || n > 100 {
				return Scenario{}, bad("a whole number from 0 to 100")
			}
			if key == "restarts" {
				s.Restarts = n
			} else {
				interruptions = n
			}
		case "savings":
			p, err := strconv.Atoi(value)
			if err != nil || p < 1 || p > 99 {
				return Scenario{}, bad("a percentage from 1 to 99")
			}
			s.SpotSavings = float64(p) / 100
		case "pending", "starting", "downloading", "training", "uploading", "stopping":
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 || d > 28*24*time.Hour {
				return Scenario{}, bad("a positive duration of at most 28 days, such as 90s or 2m")
			}
			*map[string]*time.Duration{
				"pending": &s.Pending, "starting": &s.Starting, "downloading": &s.Downloading,
				"training": &s.Training, "uploading": &s.Uploading, "stopping": &s.Stopping,
			}[key] = d
		default:
			return Scenario{}, fmt.Errorf("scenario %q: unknown key %q (known: outcome, fail, reason, interruptions, restarts, "+
				"savings, pending, starting, downloading, training, uploading, stopping)", spec, key)
		}
	}
	if (seen["fail"] || seen["reason"]) && !seen["outcome"] {
		s.Outcome = trainingjob.OutcomeFailed
	}
	if seen["outcome"] && s.Outcome != trainingjob.OutcomeFailed && (seen["fail"] || seen["reason"]) {
		return Scenario{}, fmt.Errorf("scenario %q: fail= and reason= need outcome=Failed", spec)
	}
	if interruptions > 0 {
		training := orDefault(s.Training, DefaultPhases().Training)
		for i := 1; i <= interruptions; i++ {
			s.Interruptions = append(s.Interruptions, Interruption{At: training * time.Duration(i) / time.Duration(interruptions+1), Lasts: 2 * time.Minute})
		}
	}
	return s, nil
}

// ScenarioRule gives the jobs whose names match Pattern (path.Match
// syntax, such as "flaky-*") the Scenario.
type ScenarioRule struct {
	Pattern  string
	Scenario Scenario
}

// scenarioRuleFile is one rule as a rules file writes it.
type scenarioRuleFile struct {
	Name          string `json:"name"`
	Scenario      string `json:"scenario"`
	FailureReason string `json:"failureReason"`
	Phases        []struct {
		Status   string `json:"status"`
		Duration string `json:"duration"`
		Message  string `json:"message"`
	} `json:"phases"`
}

// ReadScenarioRules reads a rules file: a JSON array of rules, each with
// a name pattern and either a spec in ParseScenario's syntax or a list of
// phases (with an optional failureReason for a job that ends Failed):
//
//	[
//	  {"name": "flaky-*", "scenario": "restarts=2"},
//	  {"name": "oom-*", "scenario": "fail=Training reason=AlgorithmError"},
//	  {"name": "custom", "phases": [
//	    {"status": "Starting", "duration": "30s", "message": "Launching instances"},
//	    {"status": "Downloading", "duration": "1m"},
//	    {"status": "Training", "duration": "5m"},
//	    {"status": "Failed", "message": "Training job failed"}],
//	   "failureReason": "ClientError: bad input"}
//	]
//
// Every problem is reported with the rule's position.
func ReadScenarioRules(r io.Reader) ([]ScenarioRule, error) {
	var file []scenarioRuleFile
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("scenario rules: %w", err)
	}
	var rules []ScenarioRule
	var problems []string
	for i, f := range file {
		where := fmt.Sprintf("rule %d (%q)", i+1, f.Name)
		if _, err := path.Match(f.Name, ""); err != nil || f.Name == "" {
			problems = append(problems, where+": name: want a pattern such as flaky-*")
			continue
		}
		if (f.Scenario != "") == (len(f.Phases) > 0) {
			problems = append(problems, where+": give either scenario or phases")
			continue
		}
		s, err := ParseScenario(f.Scenario)
		if err != nil {
			problems = append(problems, where+": "+err.Error())
			continue
		}
		for j, p := range f.Phases {
			st := trainingjob.SecondaryStatus(p.Status)
			if !st.IsKnown() {
				problems = append(problems, fmt.Sprintf("%s: phases[%d].status: unknown status %q", where, j, p.Status))
				continue
			}
			var d time.Duration
			if p.Duration != "" {
				if d, err = time.ParseDuration(p.Duration); err != nil || d < 0 {
					problems = append(problems, fmt.Sprintf("%s: phases[%d].duration: want a duration such as 90s", where, j))
					continue
				}
			}
			msg := p.Message
			if msg == "" {
				msg = defaultMessage(st)
			}
			s.Phases = append(s.Phases, Phase{Status: st, Duration: d, Message: msg})
		}
		if f.FailureReason != "" {
			s.FailureReason = f.FailureReason
		}
		rules = append(rules, ScenarioRule{Pattern: f.Name, Scenario: s})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("scenario rules: %s", strings.Join(problems, "; "))
	}
	return rules, nil
}

// defaultMessage is the history message of a phase whose rule gives none.
func defaultMessage(s trainingjob.SecondaryStatus) string {
	switch s {
	case trainingjob.SecondaryStatusStarting:
		return MessageStarting
	case trainingjob.SecondaryStatusPending:
		return MessagePending
	case trainingjob.SecondaryStatusDownloading:
		return MessageDownloading
	case trainingjob.SecondaryStatusTraining:
		return MessageTraining
	case trainingjob.SecondaryStatusUploading:
		return MessageUploading
	case trainingjob.SecondaryStatusInterrupted:
		return MessageInterrupted
	case trainingjob.SecondaryStatusRestarting:
		return MessageRestarting
	case trainingjob.SecondaryStatusUpdating:
		return MessageUpdating
	case trainingjob.SecondaryStatusStopping:
		return MessageStopping
	}
	if terminalSecondary(s) {
		return terminalMessage(s)
	}
	return string(s)
}
