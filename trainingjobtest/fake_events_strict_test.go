// Every event the fake emits passes strict validation as an event
// (trainingjob.AsEvent, (*Document).Validate), and its timeline, durations,
// progress lines and diffs are those of the describe response of the same
// instant, NewTimeline closing the event's history (Phase.EndInferred).

package trainingjobtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// Every event the fake emits passes strict validation as an event, and
// its timeline, durations, progress lines and diff are those of the
// describe response of the same instant.
func TestFakeEventsStrictAndTimeline(t *testing.T) {
	t.Parallel()
	for _, c := range evCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := evFake(c)
			sub := f.Subscribe(64)
			evRun(t, f, c, 4*time.Hour, 0)
			sub.Close()
			events := evDrain(sub)
			require.NotEmpty(t, events)
			var prevEvent, prevDescribed *trainingjob.TrainingJob
			for i, ev := range events {
				doc, err := trainingjob.ReadDocument(ev.Data)
				require.NoError(t, err)
				assert.NoError(t, doc.Validate(trainingjob.Strict()), "event %d (%s/%s), validated knowing its form", i, ev.Status, ev.SecondaryStatus)
				assert.NoError(t, doc.Job.Validate(trainingjob.Strict(), trainingjob.AsEvent()), "event %d, told it is an event", i)

				g := evFake(c)
				evRun(t, g, c, ev.Time.Sub(trainingjobtest.DefaultFakeStart()), 0)
				described := fkDescribe(t, g, c.name)

				et := trainingjob.NewTimeline(&doc.Job, ev.Time)
				dt := trainingjob.NewTimeline(&described, ev.Time)
				for k := range et.Phases {
					et.Phases[k].EndInferred = false // the only difference the forms may show
				}
				for k := range dt.Phases {
					dt.Phases[k].EndInferred = false
				}
				assert.Equal(t, dt, et, "event %d: timeline", i)
				assert.Equal(t, described.Durations(), doc.Job.Durations(), "event %d: durations", i)
				if prevEvent != nil {
					assert.Equal(t, trainingjob.ProgressLines(prevDescribed, &described), trainingjob.ProgressLines(prevEvent, &doc.Job), "event %d: progress lines", i)
					assert.Equal(t, trainingjob.Diff(prevDescribed, &described), trainingjob.Diff(prevEvent, &doc.Job), "event %d: diff", i)
				}
				job := doc.Job
				prevEvent, prevDescribed = &job, &described
			}
		})
	}
}
