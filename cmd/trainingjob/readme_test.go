package main

// The tests of README.md and docs/*.md: what they tell a reader to type
// must work as written, so that the pages cannot drift from the code.
//
//   - TestReadmeLength: the README stays short, and its first screen has
//     the demo, the install command and the test command.
//   - TestReadmeLinks: every relative link, anchors included, resolves
//     inside the repository.
//   - TestReadmeFlags: every --flag named in the prose beside a command
//     exists in that command's help.
//   - TestReadmeGoBlocks: every Go block appears line for line in
//     example_readme_test.go, which compiles it (and runs it where it can).
//   - TestReadmeCommands: every line of every sh and console block runs,
//     or is checked against the repository where running it makes no sense
//     (go install, .ci/run, the benchmark scripts): trainingjob commands run
//     in this process; the AWS CLI and python3 run when installed, against
//     the serve that an earlier line of the block started; the output shown
//     in a console block must be what the command prints.

import (
	"bytes"
	"context"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the repository's root, seen from this package.
const repoRoot = "../.."

// readmeMaxLines is the most lines README.md may have.
const readmeMaxLines = 300

// readmeFirstScreen is how many lines a reader sees first; the demo, the
// install command and the test command must all be there.
const readmeFirstScreen = 45

// readmeMirror is the file that holds every Go block of the pages.
const readmeMirror = "example_readme_test.go"

// mdBlock is one fenced code block of a Markdown page.
type mdBlock struct {
	file  string // path relative to the repository's root
	line  int    // line of the opening fence, from 1
	lang  string
	lines []string
}

func (b mdBlock) where() string { return fmt.Sprintf("%s:%d", b.file, b.line) }

// mdPage is a Markdown page split into its code blocks and its prose
// lines (everything outside the blocks, with line numbers).
type mdPage struct {
	file   string
	lines  []string
	blocks []mdBlock
	prose  map[int]string // line number (from 1) -> text, for lines outside blocks
}

// readPages reads README.md and every docs/*.md.
func readPages(t *testing.T) []mdPage {
	t.Helper()
	files := []string{"README.md"}
	docs, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	require.NoError(t, err)
	for _, d := range docs {
		rel, err := filepath.Rel(repoRoot, d)
		require.NoError(t, err)
		files = append(files, filepath.ToSlash(rel))
	}
	require.Greater(t, len(files), 1, "docs/*.md: no pages found")
	var pages []mdPage
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		require.NoError(t, err)
		pages = append(pages, parsePage(t, f, string(data)))
	}
	return pages
}

var fenceRE = regexp.MustCompile("^(```+|~~~+)\\s*([A-Za-z0-9_+-]*)\\s*$")

func parsePage(t *testing.T, file, text string) mdPage {
	t.Helper()
	p := mdPage{file: file, lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n"), prose: map[int]string{}}
	var cur *mdBlock
	var fence string
	for i, line := range p.lines {
		n := i + 1
		if cur != nil {
			if strings.TrimSpace(line) == fence {
				p.blocks = append(p.blocks, *cur)
				cur = nil
				continue
			}
			cur.lines = append(cur.lines, line)
			continue
		}
		if m := fenceRE.FindStringSubmatch(line); m != nil {
			cur, fence = &mdBlock{file: file, line: n, lang: m[2]}, m[1]
			continue
		}
		p.prose[n] = line
	}
	require.Nil(t, cur, "%s: a code block is not closed", file)
	return p
}

// proseUnits splits the prose of p into the units a flag is read in: each
// table row, each list item and each paragraph, with its first line.
func (p mdPage) proseUnits() []proseUnit {
	var units []proseUnit
	var cur *proseUnit
	flush := func() {
		if cur != nil {
			units = append(units, *cur)
			cur = nil
		}
	}
	for n := 1; n <= len(p.lines); n++ {
		line, ok := p.prose[n]
		trimmed := strings.TrimSpace(line)
		switch {
		case !ok || trimmed == "" || strings.HasPrefix(trimmed, "#"):
			flush()
		case strings.HasPrefix(trimmed, "|"):
			flush()
			units = append(units, proseUnit{line: n, text: trimmed})
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* "):
			flush()
			cur = &proseUnit{line: n, text: trimmed}
		default:
			if cur == nil {
				cur = &proseUnit{line: n}
			}
			cur.text += " " + trimmed
		}
	}
	flush()
	return units
}

type proseUnit struct {
	line int
	text string
}

func TestReadmeLength(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	assert.LessOrEqual(t, len(lines), readmeMaxLines, "README.md has %d lines; move long material to docs/", len(lines))

	first := strings.Join(lines[:min(readmeFirstScreen, len(lines))], "\n")
	for _, want := range []string{"go run ./cmd/trainingjob demo", "go install ./cmd/trainingjob", ciTestCommand(t, repoRoot)} {
		assert.Contains(t, first, want, "README.md's first %d lines should show it", readmeFirstScreen)
	}
}

// ciTestCommand returns the line of .ci/run, in the repository at root,
// that runs the tests.
func ciTestCommand(t *testing.T, root string) string {
	t.Helper()
	for _, line := range ciLines(t, root) {
		if strings.HasPrefix(line, "go vet ") && strings.Contains(line, "go test ") {
			return line
		}
	}
	require.Fail(t, ".ci/run has no line running go vet and go test")
	return ""
}

// ciLines returns the lines of .ci/run, in the repository at root, trimmed.
func ciLines(t *testing.T, root string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	return lines
}

var (
	linkRE   = regexp.MustCompile(`\[[^\]]*\]\(([^)\s]+)\)`)
	schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

func TestReadmeLinks(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	anchors := map[string]map[string]bool{} // page -> its heading anchors
	for _, p := range readPages(t) {
		for n := 1; n <= len(p.lines); n++ {
			line, ok := p.prose[n]
			if !ok {
				continue
			}
			for _, m := range linkRE.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if schemeRE.MatchString(target) {
					continue
				}
				path, anchor, _ := strings.Cut(target, "#")
				abs := filepath.Join(root, filepath.Dir(p.file), filepath.FromSlash(path))
				if path == "" {
					abs = filepath.Join(root, p.file)
				}
				rel, err := filepath.Rel(root, abs)
				if !assert.NoError(t, err) || !assert.False(t, rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)),
					"%s:%d: link %s leaves the repository", p.file, n, target) {
					continue
				}
				if _, err := os.Stat(abs); !assert.NoError(t, err, "%s:%d: link %s does not resolve", p.file, n, target) {
					continue
				}
				if anchor == "" {
					continue
				}
				if !assert.True(t, strings.HasSuffix(abs, ".md"), "%s:%d: link %s: an anchor in a file that is not Markdown", p.file, n, target) {
					continue
				}
				if anchors[rel] == nil {
					anchors[rel] = headingAnchors(t, abs)
				}
				assert.True(t, anchors[rel][anchor], "%s:%d: link %s: %s has no heading with anchor #%s", p.file, n, target, filepath.ToSlash(rel), anchor)
			}
		}
	}
}

// headingAnchors returns the anchors GitHub gives the headings of the
// Markdown file at path.
func headingAnchors(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	p := parsePage(t, path, string(data))
	out := map[string]bool{}
	for _, line := range p.prose {
		if strings.HasPrefix(line, "#") {
			out[headingAnchor(strings.TrimLeft(line, "#"))] = true
		}
	}
	return out
}

// headingAnchor is GitHub's anchor for a heading's text: lower case,
// spaces as hyphens, punctuation other than hyphens and underscores
// dropped.
func headingAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestHeadingAnchor(t *testing.T) {
	for heading, want := range map[string]string{
		" Try it":                           "try-it",
		"Before the module is published":    "before-the-module-is-published",
		"Pointing a client at `serve`":      "pointing-a-client-at-serve",
		"A job's life: timeline, durations": "a-jobs-life-timeline-durations",
		"inspect --json":                    "inspect---json",
	} {
		assert.Equal(t, want, headingAnchor(heading), heading)
	}
}

// subcommands are the commands whose flags the pages may name.
var subcommands = func() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}()

// helpFlags returns the flags (without dashes) that the help of command
// sub ("" for the main help) names.
func helpFlags(t *testing.T, sub string) map[string]bool {
	t.Helper()
	args := []string{"--help"}
	if sub != "" {
		args = []string{sub, "--help"}
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	require.NoError(t, err, "trainingjob %s: %s", strings.Join(args, " "), stderr.String())
	flags := map[string]bool{}
	for _, m := range helpFlagRE.FindAllStringSubmatch(stdout.String(), -1) {
		flags[m[1]] = true
	}
	require.NotEmpty(t, flags, "trainingjob %s names no flags", strings.Join(args, " "))
	return flags
}

var (
	helpFlagRE = regexp.MustCompile(`(?:^|[\s,\[(])--?([a-z][a-z0-9-]*)`)
	codeSpanRE = regexp.MustCompile("`([^`]+)`")
	spanFlagRE = regexp.MustCompile(`(?:^|[\s\[(=])--([a-z][a-z0-9-]*)`)
	// A command named in prose: "trainingjob serve", or a code span that
	// starts with a command's name ("serve --events FILE", "`watch`").
	proseCmdRE = regexp.MustCompile(`\btrainingjob (inspect|validate|watch|serve|demo)\b`)
	spanCmdRE  = regexp.MustCompile(`^(inspect|validate|watch|serve|demo)(\s|$)`)
)

// externalFlags are the flags of other tools the pages name beside them.
var externalFlags = map[string][]string{
	"aws": {"endpoint-url", "no-sign-request", "region", "training-job-name", "tags", "output", "query", "profile",
		"log-group-name", "log-stream-name", "log-stream-name-prefix", "filter-pattern", "start-from-head",
		"page-size", "max-items", "starting-token"},
	"npm": {"prefix", "no-audit", "no-fund"},
}

func TestReadmeFlags(t *testing.T) {
	all := helpFlags(t, "")
	of := map[string]map[string]bool{}
	for _, sub := range subcommands {
		of[sub] = helpFlags(t, sub)
		for f := range of[sub] {
			all[f] = true
		}
	}
	checked := 0
	for _, p := range readPages(t) {
		for _, u := range p.proseUnits() {
			var mentioned []string
			for _, m := range proseCmdRE.FindAllStringSubmatch(u.text, -1) {
				mentioned = append(mentioned, m[1])
			}
			spans := codeSpanRE.FindAllStringSubmatch(u.text, -1)
			for _, s := range spans {
				if m := spanCmdRE.FindStringSubmatch(s[1]); m != nil {
					mentioned = append(mentioned, m[1])
				}
			}
			for _, s := range spans {
				for _, m := range spanFlagRE.FindAllStringSubmatch(s[1], -1) {
					flag := m[1]
					checked++
					ok := false
					for _, sub := range mentioned {
						ok = ok || of[sub][flag]
					}
					if len(mentioned) == 0 {
						ok = all[flag]
					}
					for tool, flags := range externalFlags {
						if strings.Contains(u.text, tool+" ") && slices.Contains(flags, flag) {
							ok = true
						}
					}
					if len(mentioned) == 0 {
						assert.True(t, ok, "%s:%d: --%s is not a flag of any trainingjob command", p.file, u.line, flag)
					} else {
						assert.True(t, ok, "%s:%d: --%s is not a flag of trainingjob %s (see its --help)", p.file, u.line, flag, strings.Join(slices.Compact(slices.Sorted(slices.Values(mentioned))), " or "))
					}
				}
			}
		}
	}
	assert.Greater(t, checked, 20, "the pages should name the commands' flags")
}

func TestReadmeGoBlocks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, readmeMirror))
	require.NoError(t, err)
	mirror := strings.Split(string(data), "\n")
	n := 0
	for _, p := range readPages(t) {
		for _, b := range p.blocks {
			if b.lang != "go" {
				continue
			}
			n++
			if formatted, ok := gofmtBlock(b.lines); ok {
				assert.Equal(t, strings.Join(formatted, "\n"), strings.Join(b.lines, "\n"), "%s: the Go block is not formatted as gofmt would", b.where())
			}
			assert.True(t, containsBlock(mirror, b.lines),
				"%s: this Go block is not in %s line for line; put it there, inside an example, so that it is compiled:\n%s",
				b.where(), readmeMirror, strings.Join(b.lines, "\n"))
		}
	}
	assert.Positive(t, n, "the README should show Go code")
}

// gofmtBlock formats a block of statements as gofmt would inside a
// function body, and reports false when the block is not statements.
func gofmtBlock(block []string) ([]string, bool) {
	var src strings.Builder
	src.WriteString("package p\n\nfunc _() {\n")
	for _, l := range block {
		if l != "" {
			src.WriteString("\t")
		}
		src.WriteString(l + "\n")
	}
	src.WriteString("}\n")
	out, err := format.Source([]byte(src.String()))
	if err != nil {
		return nil, false
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	body := lines[3 : len(lines)-1]
	for i, l := range body {
		body[i] = strings.TrimPrefix(l, "\t")
	}
	return body, true
}

// containsBlock reports whether block appears in lines as consecutive
// lines, each indented by the same number of tabs (a block inside a
// function body is indented once).
func containsBlock(lines, block []string) bool {
	for len(block) > 0 && strings.TrimSpace(block[len(block)-1]) == "" {
		block = block[:len(block)-1]
	}
	if len(block) == 0 {
		return true
	}
	for indent := 0; indent <= 3; indent++ {
		prefix := strings.Repeat("\t", indent)
	start:
		for i := 0; i+len(block) <= len(lines); i++ {
			for j, want := range block {
				got := lines[i+j]
				if want == "" {
					if strings.TrimSpace(got) != "" {
						continue start
					}
					continue
				}
				if got != prefix+want {
					continue start
				}
			}
			return true
		}
	}
	return false
}

func TestGofmtBlock(t *testing.T) {
	got, ok := gofmtBlock([]string{"a := 1 // one", "bb := 22 // two", "", "if a > 0 {", "\tb()", "}"})
	require.True(t, ok)
	assert.Equal(t, []string{"a := 1   // one", "bb := 22 // two", "", "if a > 0 {", "\tb()", "}"}, got)
	_, ok = gofmtBlock([]string{"func f() {}"})
	assert.False(t, ok, "a declaration is not a statement")
}

func TestContainsBlock(t *testing.T) {
	lines := []string{"func f() {", "\ta := 1", "", "\tb := 2", "}"}
	assert.True(t, containsBlock(lines, []string{"a := 1", "", "b := 2"}))
	assert.True(t, containsBlock(lines, []string{"func f() {"}))
	assert.False(t, containsBlock(lines, []string{"a := 1", "b := 2"}))
	assert.False(t, containsBlock(lines, []string{"a := 2"}))
	assert.False(t, containsBlock(lines, []string{" a := 1"}))
}
