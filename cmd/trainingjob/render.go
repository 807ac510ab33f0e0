package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/trainingjob-go/trainingjob"
)

// textTime is how the text output writes a moment.
const textTime = "2006-01-02 15:04:05 UTC"

func textTimeOf(s *string) string {
	if s == nil {
		return ""
	}
	t, err := time.Parse(jsonTime, *s)
	if err != nil {
		return *s
	}
	return t.UTC().Format(textTime)
}

// fmtDuration writes d rounded to the second: 0s, 45s, 3m05s, 1h02m03s,
// 3d04h05m.
func fmtDuration(d time.Duration) string {
	if d > -500*time.Millisecond && d < 0 {
		return "-<1s"
	}
	if d > 0 && d < 500*time.Millisecond {
		return "<1s"
	}
	return fmtSeconds(int64(d.Round(time.Second) / time.Second))
}

// fmtSeconds writes n seconds as fmtDuration does, for any int64: the
// totals over a job's instances can be longer than a time.Duration holds.
func fmtSeconds(n int64) string {
	if n < 0 {
		// -n overflows for the smallest int64; a second more is no matter.
		return "-" + fmtSeconds(-max(n, -math.MaxInt64))
	}
	h, m, s := n/3600, n/60%60, n%60
	switch {
	case h >= 48:
		return fmt.Sprintf("%dd%02dh%02dm", h/24, h%24, m)
	case h > 0:
		return fmt.Sprintf("%dh%02dm%02ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

// fmtLimit writes a limit in seconds without its zero parts: 8h, 1h30m,
// 20m, 90s, 2d.
func fmtLimit(n int64) string {
	if n <= 0 {
		return fmtSeconds(n)
	}
	var b strings.Builder
	for _, u := range []struct {
		size int64
		name string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
		if n >= u.size {
			b.WriteString(strconv.FormatInt(n/u.size, 10) + u.name)
			n %= u.size
		}
	}
	return b.String()
}

// statusColor is the colour of a secondary status in the timeline.
func statusColor(s string) string {
	switch trainingjob.SecondaryStatus(s) {
	case trainingjob.SecondaryStatusStarting, trainingjob.SecondaryStatusPending, trainingjob.SecondaryStatusRestarting,
		trainingjob.SecondaryStatusLaunchingMLInstances, trainingjob.SecondaryStatusPreparingTrainingStack:
		return sgrBlue
	case trainingjob.SecondaryStatusDownloading, trainingjob.SecondaryStatusDownloadingTrainingImage, trainingjob.SecondaryStatusUpdating:
		return sgrCyan
	case trainingjob.SecondaryStatusTraining, trainingjob.SecondaryStatusCompleted:
		return sgrGreen
	case trainingjob.SecondaryStatusUploading:
		return sgrMagenta
	case trainingjob.SecondaryStatusInterrupted, trainingjob.SecondaryStatusStopping, trainingjob.SecondaryStatusStopped,
		trainingjob.SecondaryStatusMaxRuntimeExceeded, trainingjob.SecondaryStatusMaxWaitTimeExceeded:
		return sgrYellow
	case trainingjob.SecondaryStatusFailed:
		return sgrRed
	}
	return ""
}

// outcomeColor is the colour of an outcome's name.
func outcomeColor(o string) string {
	switch o {
	case trainingjob.OutcomeSucceeded.String():
		return sgrGreen
	case trainingjob.OutcomeFailed.String():
		return sgrRed
	case trainingjob.OutcomeStoppedByUser.String(), trainingjob.OutcomeMaxRuntimeExceeded.String(),
		trainingjob.OutcomeMaxWaitTimeExceeded.String():
		return sgrYellow
	case trainingjob.OutcomeRunning.String():
		return sgrCyan
	}
	return ""
}

// renderText writes inspect's text view of r.
func renderText(w io.Writer, r *report, st style) {
	r = sanitized(r)
	var b strings.Builder
	name := r.Name
	if name == "" {
		name = "(no TrainingJobName)"
	}
	writeWrapped(&b, "", "", name, st.width, st, sgrBold)
	if r.Arn != nil {
		writeWrapped(&b, "", "", *r.Arn, st.width, st, sgrDim)
	}
	b.WriteString("\n")
	renderSummary(&b, r, st)
	b.WriteString("\n")
	renderTimeline(&b, r, st)
	b.WriteString("\n")
	renderValidation(&b, r, st)
	// Every line is laid out to fit already; fitLines is the guard that
	// keeps a line the layout missed from running past the width.
	io.WriteString(w, fitLines(b.String(), st.width))
}

// writeWrapped writes text wrapped to width: the first line after first,
// the others after rest (prefixes of plain text), each line painted with
// color.
func writeWrapped(b *strings.Builder, first, rest, text string, width int, st style, color string) {
	prefix := first
	for _, l := range wrapText(text, width-max(textWidth(first), textWidth(rest))) {
		b.WriteString(prefix + st.paint(color, l) + "\n")
		prefix = rest
	}
}

// summaryIndent is where the summary's values start: after two spaces, a
// 14-column label and a space.
const summaryIndent = 2 + 14 + 1

func renderSummary(b *strings.Builder, r *report, st style) {
	// A value wraps to the width; its continuation lines, and the lines of
	// a value that has several (failure reasons do), line up with it.
	colored := func(label, value, color string) {
		if value == "" {
			return
		}
		prefix := fmt.Sprintf("  %-14s ", label)
		for _, para := range strings.Split(strings.TrimRight(value, "\n"), "\n") {
			writeWrapped(b, prefix, strings.Repeat(" ", summaryIndent), para, st.width, st, color)
			prefix = strings.Repeat(" ", summaryIndent)
		}
	}
	line := func(label, value string) { colored(label, value, "") }
	line("Document", formDescription(r))
	status := r.Status
	if status == "" {
		status = "(no TrainingJobStatus)"
	}
	if r.SecondaryStatus != "" {
		status += " / " + r.SecondaryStatus
	}
	line("Status", status)
	colored("Outcome", r.Outcome, outcomeColor(r.Outcome))
	if r.FailureReason != nil {
		colored("Failure", *r.FailureReason, sgrRed)
	}
	line("Created", textTimeOf(r.CreationTime))
	line("Started", textTimeOf(r.TrainingStartTime))
	line("Ended", textTimeOf(r.TrainingEndTime))
	line("Last modified", textTimeOf(r.LastModifiedTime))

	var inst []string
	if r.InstanceCount != nil || r.InstanceType != nil {
		s := ""
		if r.InstanceCount != nil {
			s = strconv.Itoa(*r.InstanceCount) + " × "
		}
		if r.InstanceType != nil {
			s += *r.InstanceType
		} else {
			s += "instances"
		}
		inst = append(inst, s)
	}
	if r.ManagedSpot {
		inst = append(inst, "managed spot")
	} else if len(inst) > 0 {
		inst = append(inst, "on demand")
	}
	line("Instances", strings.Join(inst, ", "))
	var limits []string
	if r.MaxRuntimeSeconds != nil {
		limits = append(limits, "runtime "+fmtLimit(*r.MaxRuntimeSeconds))
	}
	if r.MaxWaitTimeSeconds != nil {
		limits = append(limits, "spot wait "+fmtLimit(*r.MaxWaitTimeSeconds))
	}
	line("Limits", strings.Join(limits, ", "))
	line("Training time", perInstance(r.TrainingTimeSeconds, r.TotalTrainingSeconds, r.InstanceCount))
	line("Billable time", perInstance(r.BillableTimeSeconds, r.TotalBillableSeconds, r.InstanceCount))
	if r.SpotSavings != nil && (r.ManagedSpot || *r.SpotSavings != 0) {
		line("Spot savings", strconv.FormatFloat(*r.SpotSavings*100, 'f', 1, 64)+"% of the training time")
	}
	if r.ModelArtifacts != nil {
		line("Model", *r.ModelArtifacts)
	}
	var metrics []string
	for _, m := range r.FinalMetrics {
		v := "n/a"
		if m.Value != nil {
			v = strconv.FormatFloat(*m.Value, 'g', -1, 64)
		}
		metrics = append(metrics, m.Name+" "+v)
	}
	line("Final metrics", strings.Join(metrics, ", "))
	line("Hyperparams", settings(r.HyperParameters, r.SecretsShown))
	line("Environment", settings(r.Environment, r.SecretsShown))
}

// settings lists a map's keys in order, with their values when shown is
// set, and otherwise says that the values are hidden.
func settings(m map[string]string, shown bool) string {
	if len(m) == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(m))
	if !shown {
		return strings.Join(keys, ", ") + " (values hidden; --show-secrets shows them)"
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, ", ")
}

func formDescription(r *report) string {
	var s string
	switch r.Form {
	case "describe":
		s = "DescribeTrainingJob response"
	case "event":
		s = "EventBridge event"
		if e := r.Event; e != nil {
			var parts []string
			if e.ID != "" {
				parts = append(parts, e.ID)
			}
			if e.Time != nil {
				parts = append(parts, textTimeOf(e.Time))
			}
			if e.Region != "" {
				parts = append(parts, e.Region)
			}
			if len(parts) > 0 {
				s += " " + strings.Join(parts, ", ")
			}
		}
	case "search":
		s = "Search record"
	default:
		s = r.Form
	}
	file := r.File
	if file == "-" {
		file = "standard input"
	}
	return s + " (" + file + ")"
}

func perInstance(each, all *int64, count *int) string {
	if each == nil {
		return ""
	}
	s := fmtSeconds(*each)
	if count == nil {
		return s
	}
	s += " per instance"
	if all != nil && *count > 1 {
		s += ", " + fmtSeconds(*all) + " for " + strconv.Itoa(*count) + " instances"
	}
	return s
}

// timelineRows is the most rows the timeline shows: of a longer history,
// which no real job has (a few dozen entries), the first and last 500,
// and a line saying how many rows are left out between them.
const timelineRows = 1000

// renderTimeline writes the history as a table with a bar per phase, laid
// out on one time axis scaled to the output's width.
func renderTimeline(b *strings.Builder, r *report, st style) {
	tl := r.Timeline
	if len(tl.Phases) == 0 {
		b.WriteString(st.paint(sgrBold, "Timeline") + "\n  (the document has no SecondaryStatusTransitions)\n")
		return
	}
	// Times of day suffice when every phase starts on one UTC date.
	dates := map[string]bool{}
	for _, p := range tl.Phases {
		if !p.start.IsZero() {
			dates[p.start.UTC().Format("2006-01-02")] = true
		}
	}
	startLayout := "15:04:05"
	title := "Timeline"
	if len(dates) == 1 {
		for d := range dates {
			title += " (" + d + ", UTC)"
		}
	} else {
		startLayout = "01-02 15:04:05"
		title += " (UTC)"
	}
	writeWrapped(b, "", "", title, st.width, st, sgrBold)

	type row struct {
		idx, status, start, dur string
		color                   string
		from                    time.Time
		length                  time.Duration
		gap                     bool
	}
	var rows []row
	gaps := map[int]gap{}
	for _, g := range tl.Gaps {
		gaps[g.After] = g
	}
	anyOpen, anyInferred := false, false
	for _, p := range tl.Phases {
		rw := row{idx: strconv.Itoa(p.Index), status: p.Status, dur: fmtDuration(p.duration), color: statusColor(p.Status),
			from: p.start, length: p.duration}
		if p.Status == "" {
			rw.status = "(none)"
		}
		if !p.start.IsZero() {
			rw.start = p.start.UTC().Format(startLayout)
		}
		if p.Open {
			rw.dur += "*"
			anyOpen = true
		}
		anyInferred = anyInferred || p.EndInferred
		rows = append(rows, rw)
		if g, ok := gaps[p.Index]; ok {
			rows = append(rows, row{status: "(gap)", start: g.start.UTC().Format(startLayout), dur: fmtDuration(g.duration),
				from: g.start, length: g.duration, gap: true})
		}
	}
	// A history of more than timelineRows rows shows its first and last
	// timelineRows/2, and a line saying how many it leaves out.
	omitted := 0
	if len(rows) > timelineRows {
		omitted = len(rows) - timelineRows
		rows = append(rows[:timelineRows/2:timelineRows/2], rows[len(rows)-timelineRows/2:]...)
	}
	iw, sw, tw, dw := 1, len("Status"), len("Start"), len("Duration")
	for _, rw := range rows {
		iw, sw, tw, dw = max(iw, len(rw.idx)), max(sw, textWidth(rw.status)), max(tw, len(rw.start)),
			max(dw, len(rw.dur))
	}
	// The columns before the bars. Where the width is too small for them,
	// the status column gives up room, cutting statuses short; the bars
	// take what is left, and are left out when that is too little to say
	// anything.
	columns := func() int { return 2 + iw + 2 + sw + 2 + tw + 2 + dw }
	if over := columns() - st.width; over > 0 {
		sw = max(sw-over, minStatusWidth)
	}
	barWidth := st.width - columns() - 2
	if barWidth < minBarWidth {
		barWidth = 0
	}
	fmt.Fprintf(b, "  %*s  %s  %-*s  %*s\n", iw, "#", padText(cutText("Status", sw), sw), tw, "Start", dw, "Duration")

	origin := tl.Phases[0].start
	span := tl.Totals.total
	for i, rw := range rows {
		if omitted > 0 && i == timelineRows/2 {
			b.WriteString("  … " + plural(omitted, "row", "rows") + " omitted …\n")
		}
		status := padText(cutText(rw.status, sw), sw)
		fmt.Fprintf(b, "  %*s  %s  %-*s  %*s", iw, rw.idx, st.paint(rw.color, status), tw, rw.start, dw, rw.dur)
		if barWidth > 0 {
			bar := drawBar(rw.from.Sub(origin), rw.length, span, barWidth, rw.gap)
			b.WriteString("  " + strings.Repeat(" ", bar.indent) + st.paint(rw.color, bar.text))
		}
		b.WriteString("\n")
	}
	t := tl.Totals
	var parts []string
	for _, c := range []struct {
		name string
		d    time.Duration
	}{{"queued", t.queued}, {"downloading", t.downloading}, {"training", t.training},
		{"uploading", t.uploading}, {"interrupted", t.interrupted}} {
		if c.d > 0 {
			parts = append(parts, c.name+" "+fmtDuration(c.d))
		}
	}
	total := "Total " + fmtDuration(t.total)
	if len(parts) > 0 {
		total += ": " + strings.Join(parts, ", ")
	}
	writeWrapped(b, "  ", "    ", total, st.width, st, "")
	if anyOpen {
		src := "the latest time the document records; set it with --now"
		if r.AsOfSource == "flag" {
			src = "from --now"
		}
		writeWrapped(b, "  ", "    ", "* still open: measured to "+textTimeOf(r.AsOf)+" ("+src+")", st.width, st, "")
	}
	if anyInferred {
		writeWrapped(b, "  ", "    ", "Entries without an EndTime end where the next one starts.", st.width, st, "")
	}
}

// Narrowest timeline columns: a status cut to minStatusWidth columns still
// tells the statuses apart, and bars of fewer than minBarWidth cells show
// no proportions worth reading.
const (
	minStatusWidth = 6
	minBarWidth    = 10
)

type bar struct {
	indent int
	text   string
}

// drawBar places a span of length starting at offset on an axis of width
// cells that covers span. The number of cells follows the length, so that
// equal phases get equal bars; a span too short for half a cell (a terminal
// status has none) is a thin mark. A gap is drawn shaded.
func drawBar(offset, length, span time.Duration, width int, shaded bool) bar {
	if span <= 0 {
		span = 1
	}
	cells := func(d time.Duration) int {
		return int(math.Round(float64(d) / float64(span) * float64(width)))
	}
	from := min(max(cells(offset), 0), width-1)
	n := min(cells(length), width-from)
	if length <= 0 || n <= 0 {
		return bar{from, "▏"}
	}
	block := "█"
	if shaded {
		block = "░"
	}
	return bar{from, strings.Repeat(block, n)}
}

func renderValidation(b *strings.Builder, r *report, st style) {
	v := r.Validation
	title := st.paint(sgrBold, "Validation") + " (" + v.Strength + ")"
	strictNote := func() {
		if n := r.StrictFindingsSkipped; n > 0 {
			writeWrapped(b, "  ", "    ", "Strict validation (--strict) reports "+plural(n, "more problem", "more problems")+".",
				st.width, st, "")
		}
	}
	if v.Valid {
		b.WriteString(title + ": " + st.paint(sgrGreen, "valid") + "\n")
		strictNote()
		return
	}
	b.WriteString(title + ": " + st.paint(sgrRed, plural(v.total(), "problem", "problems")) + "\n")

	for _, f := range v.Findings {
		field := f.Field
		if field == "" {
			field = "(job)"
		}
		// The field is bold when it fits the first line whole.
		for i, l := range wrapText(field+": "+f.Problem, st.width-4) {
			switch {
			case i > 0:
				b.WriteString("    " + l + "\n")
			case strings.HasPrefix(l, field):
				b.WriteString("  " + st.paint(sgrBold, field) + l[len(field):] + "\n")
			default:
				b.WriteString("  " + l + "\n")
			}
		}
	}
	if v.Omitted > 0 {
		omitted := trainingjob.ValidationError{Omitted: v.Omitted}
		b.WriteString("  " + omitted.OmittedLine() + "\n")
	}
	strictNote()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// clean makes text from a document safe to print on a terminal: control
// characters (escape sequences among them) and bidirectional overrides are
// shown as Go escapes instead of acting. Newlines stay when keepNewlines is
// set; a tab becomes a space.
func clean(s string, keepNewlines bool) string {
	ok := true
	for _, c := range s {
		if unicode.IsControl(c) || unicode.Is(unicode.Bidi_Control, c) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' && keepNewlines:
			b.WriteRune(c)
		case c == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(c) || unicode.Is(unicode.Bidi_Control, c):
			q := strconv.QuoteRuneToASCII(c)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// sanitized returns a copy of r whose strings from the document are
// cleaned for a terminal (see clean). The JSON output needs none of this:
// the encoder escapes control characters.
func sanitized(r *report) *report {
	c := *r
	opt := func(p *string, nl bool) *string {
		if p == nil {
			return nil
		}
		v := clean(*p, nl)
		return &v
	}
	c.File = clean(r.File, false)
	c.Name = clean(r.Name, false)
	c.Arn = opt(r.Arn, false)
	c.Status = clean(r.Status, false)
	c.SecondaryStatus = clean(r.SecondaryStatus, false)
	c.FailureReason = opt(r.FailureReason, true)
	c.InstanceType = opt(r.InstanceType, false)
	c.ModelArtifacts = opt(r.ModelArtifacts, false)
	cleanMap := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		out := make(map[string]string, len(m))
		for k, v := range m {
			out[clean(k, false)] = clean(v, false)
		}
		return out
	}
	c.HyperParameters, c.Environment = cleanMap(r.HyperParameters), cleanMap(r.Environment)
	if r.Event != nil {
		e := *r.Event
		e.ID, e.Region, e.Source = clean(e.ID, false), clean(e.Region, false), clean(e.Source, false)
		c.Event = &e
	}
	c.FinalMetrics = make([]metric, len(r.FinalMetrics))
	for i, m := range r.FinalMetrics {
		m.Name = clean(m.Name, false)
		c.FinalMetrics[i] = m
	}
	c.Timeline.Phases = make([]phase, len(r.Timeline.Phases))
	for i, p := range r.Timeline.Phases {
		p.Status, p.Message = clean(p.Status, false), clean(p.Message, false)
		c.Timeline.Phases[i] = p
	}
	c.Validation.Findings = make([]finding, len(r.Validation.Findings))
	for i, f := range r.Validation.Findings {
		f.Field, f.Problem = clean(f.Field, false), clean(f.Problem, false)
		c.Validation.Findings[i] = f
	}
	return &c
}
