package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// newFlagSet returns a flag set that reports nothing itself: parseFlags
// turns its errors into usage errors and --help into the command's usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// errHelp reports that the command printed its usage for --help.
var errHelp = errors.New("help requested")

// parseFlags parses args with fs, allowing flags after the positional
// arguments (trainingjob inspect job.json --strict) as most tools do; "--"
// ends the flags. Flags may be written -name or --name, with their value
// after a space or "=". A -h or --help prints usage to stdout and returns
// errHelp.
func parseFlags(fs *flag.FlagSet, args []string, usage string, stdout io.Writer) ([]string, error) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return nil, errHelp
		}
		if err != nil {
			return nil, usageErrorf(fs.Name(), "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// flag.Parse stops at the first non-flag argument, or after "--",
		// which it consumes.
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// helpOrErr maps errHelp to a successful exit.
func helpOrErr(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// outputFlags are the display options of the commands that draw.
type outputFlags struct {
	noColor bool
	width   int
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.noColor, "no-color", false, "")
	fs.IntVar(&o.width, "width", 0, "")
}

// style decides colour and width for w: colour only when w is a terminal,
// NO_COLOR is unset or empty, TERM is not "dumb" and --no-color is not given.
// The width is --width, else $COLUMNS, else 80, and never below 40.
func (o *outputFlags) style(w io.Writer) style {
	s := style{color: !o.noColor && isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"}
	s.width = o.width
	if s.width <= 0 {
		if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
			s.width = n
		} else {
			s.width = 80
		}
	}
	s.width = max(s.width, 40)
	return s
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// style is how output is drawn.
type style struct {
	color bool
	width int
}

// ANSI SGR codes.
const (
	sgrBold    = "1"
	sgrDim     = "2"
	sgrRed     = "31"
	sgrGreen   = "32"
	sgrYellow  = "33"
	sgrBlue    = "34"
	sgrMagenta = "35"
	sgrCyan    = "36"
)

// paint wraps text in an SGR sequence when colour is on.
func (s style) paint(code, text string) string {
	if !s.color || code == "" || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// timeFlag is a flag holding an RFC 3339 time, or "now".
type timeFlag struct {
	t   time.Time
	set bool
}

func (f *timeFlag) String() string {
	if !f.set {
		return ""
	}
	return f.t.Format(time.RFC3339Nano)
}

func (f *timeFlag) Set(s string) error {
	if s == "now" {
		f.t, f.set = time.Now().UTC().Truncate(time.Millisecond), true
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("want an RFC 3339 time such as 2024-03-08T10:00:00Z, or now")
	}
	f.t, f.set = t.UTC(), true
	return nil
}

// speedFlag is a positive, finite clock speed.
type speedFlag float64

func (f *speedFlag) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }

func (f *speedFlag) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "x"), 64)
	if err != nil || !(v > 0) || v > 1e9 {
		return fmt.Errorf("want a number above 0 and up to 1e9, such as 60")
	}
	*f = speedFlag(v)
	return nil
}
