package wire

import (
	"fmt"
	"strconv"
	"time"
)

// SetMillis switches how Time writes timestamps: with on, as integer epoch
// milliseconds, the form of EventBridge events; with off (the zero
// Encoder's mode), as epoch seconds with a millisecond fraction.
func (e *Encoder) SetMillis(on bool) { e.millis = on }

// Raw writes b as it is; b must be one complete JSON value.
func (e *Encoder) Raw(b []byte) { e.buf = append(e.buf, b...) }

// timeMillis writes t as epoch milliseconds. Only times that read back as
// milliseconds are accepted: from 1e11 ms (March 1973), below which a
// reader takes the number for seconds, to the end of the range Time
// accepts. Any other time is written all the same and makes Finish fail.
func (e *Encoder) timeMillis(t time.Time) {
	ms := t.UnixMilli()
	if (ms < millisecondThreshold || !inEpochRange(t)) && e.err == nil {
		e.err = fmt.Errorf("trainingjob: cannot write time %s as epoch milliseconds: the event form holds times from March 1973 to 5138", t.Format(time.RFC3339Nano))
	}
	e.buf = strconv.AppendInt(e.buf, ms, 10)
}
