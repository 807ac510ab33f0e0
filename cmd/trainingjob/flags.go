package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
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
// ends the flags and "-" is an argument. Flags may be written -name or
// --name, with their value after a space or "="; a boolean flag takes a
// value only after "=". A -h or --help prints the command's usage (usage,
// with its options filled in from fs) to stdout and returns errHelp.
// Mistakes are usage errors that name the option as --name (-n for a
// one-letter name), whatever the number of dashes typed.
func parseFlags(fs *flag.FlagSet, args []string, usage string, stdout io.Writer) ([]string, error) {
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return append(positional, args[i+1:]...), nil
		}
		if len(arg) < 2 || arg[0] != '-' {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(arg[1:], "-"), "=")
		if name == "" || name[0] == '-' {
			return nil, usageErrorf(fs.Name(), "unknown option %s", arg)
		}
		f := fs.Lookup(name)
		if f == nil && (name == "h" || name == "help") {
			fmt.Fprint(stdout, usageText(usage, fs))
			return nil, errHelp
		}
		if f == nil {
			return nil, usageErrorf(fs.Name(), "unknown option %s", optionName(name))
		}
		if !hasValue {
			if isBoolFlag(f) {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				valueName, _ := flag.UnquoteUsage(f)
				return nil, usageErrorf(fs.Name(), "option %s needs a value: %s %s", optionName(name), optionName(name), valueName)
			}
		}
		if err := fs.Set(name, value); err != nil {
			return nil, usageErrorf(fs.Name(), "invalid value %q for %s: %s", value, optionName(name), valueProblem(f, err))
		}
	}
	return positional, nil
}

// optionName writes a flag's name as the usage shows it: --name, or -n for
// a one-letter name.
func optionName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// isBoolFlag reports whether f is a flag that needs no value.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// valueProblem says what is wrong with a flag's value. The flag package's
// own values answer only "parse error" or "value out of range", so for them
// it says what a valid value looks like; the command's own flag types
// already explain themselves.
func valueProblem(f *flag.Flag, err error) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return err.Error()
	}
	switch g.Get().(type) {
	case bool:
		return "want true or false"
	case int, int64, uint, uint64:
		return "want a whole number"
	case float64:
		return "want a number"
	case time.Duration:
		return "want a duration such as 30s, 5m or 1h30m"
	}
	return err.Error()
}

// helpOrErr maps errHelp to a successful exit.
func helpOrErr(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// optionsHeading is the line of a command's usage under which usageText
// lists the options.
const optionsHeading = "\nOptions:\n"

// usageText is a command's usage: its prose, whose Options heading is
// followed by the options fs defines, one entry each, rendered from their
// names, value names and help texts, so that the list cannot drift from
// the flags.
func usageText(prose string, fs *flag.FlagSet) string {
	i := strings.Index(prose, optionsHeading)
	if i < 0 {
		return prose + optionsHeading + optionsBlock(fs)
	}
	i += len(optionsHeading)
	return prose[:i] + optionsBlock(fs) + prose[i:]
}

// Layout of the options block.
const (
	usageWidth  = 79 // the block fits 80 columns
	optionsTerm = 23 // the help text starts in this column, after "  --name VALUE"
)

// optionsBlock lists fs's flags in name order, then -h, --help. A flag
// whose value is another flag's (two names registered on one variable,
// such as -v and --verbose) is shown with it, as "-v, --verbose". A flag
// with a value shows its value name, the back-quoted word of its help text
// (flag.UnquoteUsage); a default other than the zero value is added to the
// help text.
func optionsBlock(fs *flag.FlagSet) string {
	// Names registered on one variable share its address.
	type target struct {
		typ  reflect.Type
		addr uintptr
	}
	key := func(f *flag.Flag) any {
		if v := reflect.ValueOf(f.Value); v.Kind() == reflect.Pointer {
			return target{v.Type(), v.Pointer()}
		}
		return f // a value that is not a pointer has no alias
	}
	aliases := map[any][]*flag.Flag{}
	fs.VisitAll(func(f *flag.Flag) { aliases[key(f)] = append(aliases[key(f)], f) })
	var b strings.Builder
	entry := func(names, help string) {
		b.WriteString("  " + names)
		col := 2 + len(names)
		lines := wrapText(help, usageWidth-optionsTerm)
		for j, l := range lines {
			if j == 0 && col+2 <= optionsTerm {
				b.WriteString(strings.Repeat(" ", optionsTerm-col) + l + "\n")
				continue
			}
			if j == 0 {
				b.WriteString("\n")
			}
			b.WriteString(strings.Repeat(" ", optionsTerm) + l + "\n")
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		same := aliases[key(f)]
		primary := same[0]
		for _, g := range same {
			if len(g.Name) > len(primary.Name) {
				primary = g
			}
		}
		if f != primary {
			return // listed with its primary name
		}
		var names []string
		for _, g := range same {
			if g != f {
				names = append(names, optionName(g.Name))
			}
		}
		names = append(names, optionName(f.Name))
		valueName, help := flag.UnquoteUsage(f)
		title := strings.Join(names, ", ")
		if !isBoolFlag(f) {
			title += " " + valueName
		}
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			help += " (default " + f.DefValue + ")"
		}
		entry(title, help)
	})
	entry("-h, --help", "show this help")
	return b.String()
}

// Width limits. Below minWidth columns the summary's values get fewer than
// 23 columns beside their labels and the timeline has no room for its bars;
// above maxWidth no terminal exists (a 4K screen in a small font shows
// about 600), and the timeline, which draws up to a cell per column for
// each history entry, would only grow: the 1,000-entry sample is about
// 3 MB at 1000 columns.
const (
	minWidth     = 40
	maxWidth     = 1000
	defaultWidth = 80
)

// widthFlag is --width: a number of columns from minWidth to maxWidth; 0
// when not given.
type widthFlag int

func (f *widthFlag) String() string {
	if *f == 0 {
		return ""
	}
	return strconv.Itoa(int(*f))
}

func (f *widthFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < minWidth || n > maxWidth {
		return fmt.Errorf("want a number of columns from %d to %d", minWidth, maxWidth)
	}
	*f = widthFlag(n)
	return nil
}

// outputFlags are the display options of the commands that draw.
type outputFlags struct {
	noColor bool
	width   widthFlag
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	o.registerColor(fs)
	fs.Var(&o.width, "width", fmt.Sprintf("lay the output out for `N` columns, %d to %d (default: the terminal's "+
		"width, else $COLUMNS, else %d)", minWidth, maxWidth, defaultWidth))
}

// registerColor registers --no-color alone, for the commands whose lines
// are not laid out to a width.
func (o *outputFlags) registerColor(fs *flag.FlagSet) {
	fs.BoolVar(&o.noColor, "no-color", false,
		"no colour (also off when NO_COLOR is set, TERM is dumb, or the output is not a terminal)")
}

// style decides colour and width for w: colour only when w is a terminal,
// NO_COLOR is unset or empty, TERM is not "dumb" and --no-color is not given.
// The width is --width, else the terminal's width when w is one, else
// $COLUMNS, else 80, brought within minWidth to maxWidth.
func (o *outputFlags) style(w io.Writer) style {
	isTerm, cols := terminalOf(w)
	s := style{color: !o.noColor && isTerm && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"}
	switch {
	case o.width > 0:
		s.width = int(o.width)
	case cols > 0:
		s.width = cols
	default:
		s.width = defaultWidth
		if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
			s.width = n
		}
	}
	s.width = min(max(s.width, minWidth), maxWidth)
	return s
}

// terminal is a stream that says for itself whether it is a terminal and
// how wide it is (0 when unknown). Tests pass one as standard input or
// output to stand in for a terminal; an *os.File is asked through
// golang.org/x/term instead.
type terminal interface {
	IsTerminal() bool
	Width() int
}

// terminalOf reports whether x, a stream, is a terminal, and its width in
// columns when it is one and the width can be read (else 0). Only a
// terminal counts: /dev/null, a character device too, does not.
func terminalOf(x any) (isTerm bool, width int) {
	switch s := x.(type) {
	case terminal:
		return s.IsTerminal(), s.Width()
	case *os.File:
		if s == nil {
			return false, 0
		}
		// Control, unlike Fd, leaves the file's blocking mode alone.
		rc, err := s.SyscallConn()
		if err != nil {
			return false, 0
		}
		_ = rc.Control(func(fd uintptr) {
			if isTerm = term.IsTerminal(int(fd)); isTerm {
				if w, _, err := term.GetSize(int(fd)); err == nil && w > 0 {
					width = w
				}
			}
		})
	}
	return isTerm, width
}

// isTerminal reports whether x, a stream, is a terminal.
func isTerminal(x any) bool {
	t, _ := terminalOf(x)
	return t
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
