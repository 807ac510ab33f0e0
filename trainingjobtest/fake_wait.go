package trainingjobtest

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smithywaiter "github.com/aws/smithy-go/waiter"

	"github.com/trainingjob-go/trainingjob"
)

// A Fake is a trainingjob.Clock: trainingjob.Watch and trainingjob.Wait
// given a Fake wait on the fake's clock, so that waiting on a fake whose
// clock moves only when told takes no real time. So are the clocks it runs
// on.
var (
	_ trainingjob.Clock = (*Fake)(nil)
	_ trainingjob.Clock = (*ManualClock)(nil)
	_ trainingjob.Clock = (*ScaledClock)(nil)
	_ trainingjob.Clock = WallClock{}
)

// Sleep moves the clock d forward, as if d had been waited, and returns
// nil at once, or ctx.Err() when ctx has ended. A ManualClock is moved by
// whoever waits on it: two goroutines that sleep 10 seconds each move it
// 20 seconds.
func (c *ManualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.Advance(d)
	}
	return nil
}

// Sleep waits until the clock has moved d, which takes d divided by the
// clock's speed in real time, or until ctx ends, when it returns
// ctx.Err().
func (c *ScaledClock) Sleep(ctx context.Context, d time.Duration) error {
	return sleepReal(ctx, time.Duration(float64(d)/c.speed))
}

// Sleep waits d, or until ctx ends, when it returns ctx.Err().
func (WallClock) Sleep(ctx context.Context, d time.Duration) error {
	return sleepReal(ctx, d)
}

func sleepReal(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Sleep waits d on the fake's clock, or until ctx ends, when it returns
// ctx.Err(). It makes the fake a trainingjob.Clock, which is why
// trainingjob.Wait(ctx, fake, name) needs no clock of its own: on the
// default ManualClock the wait moves the clock and returns at once, so a
// job's whole life passes in a few milliseconds; on a ScaledClock it takes
// d divided by the clock's speed; on a WallClock, d. A clock of the test's
// own that has a Sleep method of trainingjob.Clock's form is asked to
// sleep; any other clock is waited for in real time. The events of the
// changes the wait brings about are sent as Advance sends them.
func (f *Fake) Sleep(ctx context.Context, d time.Duration) error {
	var err error
	if c, ok := f.clock.(trainingjob.Clock); ok {
		err = c.Sleep(ctx, d)
	} else {
		err = sleepReal(ctx, d)
	}
	f.EmitEvents()
	return err
}

// The SDK waiter's defaults, used when its options leave the delays unset.
const (
	sdkWaiterMinDelay = 120 * time.Second
	sdkWaiterMaxDelay = 21600 * time.Second
)

// errWaiterTimeout is the SDK waiter's own error when its maximum wait
// passes before the job ends.
var errWaiterTimeout = errors.New("exceeded max wait time for TrainingJobCompletedOrStopped waiter")

// WaiterOptions sets up the SDK's TrainingJobCompletedOrStoppedWaiter to
// wait on the fake's clock, the way trainingjob.Wait does by itself:
//
//	w := sagemaker.NewTrainingJobCompletedOrStoppedWaiter(fake, fake.WaiterOptions)
//
// The waiter keeps its rules (which statuses end the wait, which errors
// stop it). On a fake whose clock moves only when told, the default, each
// delay the waiter computes from its MinDelay and MaxDelay (120 seconds and
// 6 hours unless set before WaiterOptions) moves the fake's clock instead
// of being slept, and the waiter's maximum wait is counted on the fake's
// clock too, ending with the waiter's own "exceeded max wait time" error:
// a job's whole life passes in milliseconds of real time. On a ScaledClock
// the delays are shortened by the clock's speed; on a WallClock they are
// left as they are.
//
// WaiterOptions may be given to NewTrainingJobCompletedOrStoppedWaiter or
// to each Wait or WaitForOutput call; giving it to both changes nothing
// more. One waiter may serve several waits, one after the other or at once.
func (f *Fake) WaiterOptions(o *sagemaker.TrainingJobCompletedOrStoppedWaiterOptions) {
	if o.MinDelay == virtualDelay && o.MaxDelay == virtualDelay {
		return // set up already
	}
	minDelay, maxDelay := o.MinDelay, o.MaxDelay
	if minDelay <= 0 {
		minDelay = sdkWaiterMinDelay
	}
	if maxDelay <= 0 {
		maxDelay = sdkWaiterMaxDelay
	}
	switch c := f.clock.(type) {
	case *ManualClock:
	case *ScaledClock:
		o.MinDelay = max(time.Duration(float64(minDelay)/c.speed), 1)
		o.MaxDelay = max(time.Duration(float64(maxDelay)/c.speed), o.MinDelay)
		return
	default:
		return
	}
	retryable := o.Retryable
	if retryable == nil {
		return // not made by NewTrainingJobCompletedOrStoppedWaiter
	}
	o.MinDelay, o.MaxDelay = virtualDelay, virtualDelay
	var waits sync.Map // context.Context → *virtualWait, one per wait
	o.Retryable = func(ctx context.Context, in *sagemaker.DescribeTrainingJobInput, out *sagemaker.DescribeTrainingJobOutput, err error) (bool, error) {
		again, err := retryable(ctx, in, out, err)
		if err != nil || !again {
			waits.Delete(ctx)
			return again, err
		}
		v, loaded := waits.Load(ctx)
		if !loaded {
			w := &virtualWait{remaining: maxDelay * 1000}
			if deadline, ok := ctx.Deadline(); ok {
				w.remaining = time.Until(deadline)
			}
			v, loaded = waits.LoadOrStore(ctx, w)
			if !loaded {
				context.AfterFunc(ctx, func() { waits.Delete(ctx) })
			}
		}
		w := v.(*virtualWait)
		delay, err := w.next(minDelay, maxDelay)
		if err != nil {
			waits.Delete(ctx)
			return false, err
		}
		if err := f.Sleep(ctx, delay); err != nil {
			waits.Delete(ctx)
			return false, err
		}
		return true, nil
	}
}

// virtualDelay is the real delay between two calls of a waiter that
// WaiterOptions has set up to wait on a ManualClock.
const virtualDelay = time.Nanosecond

// virtualWait is one wait of an SDK waiter on a ManualClock: how many
// delays it has taken and how much of its maximum wait remains, in the
// fake's time.
type virtualWait struct {
	mu        sync.Mutex
	attempt   int64
	remaining time.Duration
}

// next returns the delay before the waiter's next call, computed as the
// waiter computes it, or the waiter's timeout error when too little of
// the maximum wait remains for another call.
func (w *virtualWait) next(minDelay, maxDelay time.Duration) (time.Duration, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.attempt++
	// The waiter also takes the time of each call off what remains, which
	// on the fake's clock is none; "at most minDelay" stands for that.
	if w.remaining <= minDelay {
		return 0, errWaiterTimeout
	}
	delay, err := smithywaiter.ComputeDelay(w.attempt, minDelay, maxDelay, w.remaining)
	if err != nil {
		return 0, err
	}
	w.remaining -= delay
	return delay, nil
}
