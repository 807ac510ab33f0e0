package sdkgen

import (
	"bytes"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the trainingjob package, relative to this package's directory.
const root = "../.."

func TestGenerateIsDeterministic(t *testing.T) {
	first, err := GenerateDir(root)
	require.NoError(t, err)
	for range 5 {
		again, err := GenerateDir(root)
		require.NoError(t, err)
		require.Equal(t, string(first), string(again))
	}
}

func TestGenerateIsGofmtClean(t *testing.T) {
	src, err := GenerateDir(root)
	require.NoError(t, err)
	formatted, err := format.Source(src)
	require.NoError(t, err)
	assert.Equal(t, string(formatted), string(src))
}

func TestGenerateHeader(t *testing.T) {
	src, err := GenerateDir(root)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(src, []byte(Header+"\n\npackage trainingjob\n")), "unexpected start:\n%.200s", src)
}

func TestGenerateContents(t *testing.T) {
	src, err := GenerateDir(root)
	require.NoError(t, err)
	s := string(src)
	for _, want := range []string{
		"func trainingJobFromSDK(in *types.TrainingJob) TrainingJob {",
		"func trainingJobFromDescribeOutput(in *sagemaker.DescribeTrainingJobOutput) TrainingJob {",
		"func trainingJobToSDK(in *TrainingJob) types.TrainingJob {",
		"func trainingJobToDescribeOutput(in *TrainingJob) sagemaker.DescribeTrainingJobOutput {",
		"func trainingJobToCreateInput(in *TrainingJob) sagemaker.CreateTrainingJobInput {",
		"func transitionFromSDK(in *types.SecondaryStatusTransition) SecondaryStatusTransition {",
		"func transitionToSDK(in *SecondaryStatusTransition) types.SecondaryStatusTransition {",
		"func transitionsFromSDK(in []types.SecondaryStatusTransition) []SecondaryStatusTransition {",
		"func transitionsToSDK(in []SecondaryStatusTransition) []types.SecondaryStatusTransition {",
		// One member of each rule, both ways.
		"TrainingJobName: sdkDeref(in.TrainingJobName),",
		"TrainingJobName: sdkPtr(in.TrainingJobName),",
		"CreationTime: sdkDerefTime(in.CreationTime),",
		"CreationTime: sdkTimePtr(in.CreationTime),",
		"TrainingJobStatus: Status(in.TrainingJobStatus),",
		"TrainingJobStatus: types.TrainingJobStatus(in.TrainingJobStatus),",
		"SecondaryStatus: SecondaryStatus(in.SecondaryStatus),",
		"SecondaryStatusTransitions: transitionsFromSDK(in.SecondaryStatusTransitions),",
		"SecondaryStatusTransitions: transitionsToSDK(in.SecondaryStatusTransitions),",
		"HyperParameters: cloneMap(in.HyperParameters),",
		"ModelArtifacts: copyModelArtifacts(in.ModelArtifacts),",
		"Tags: copyTagSlice(in.Tags),",
		"ProfilingStatus: in.ProfilingStatus,",
	} {
		assert.Contains(t, squeeze(s), want)
	}
	for _, unwanted := range []string{"ResultMetadata:", "SessionChainingConfig:"} {
		assert.NotContains(t, squeeze(s), unwanted)
	}
	assert.Contains(t, s, "SessionChainingConfig (a create-time setting")
}

// squeeze collapses the indentation and alignment gofmt adds, so that
// each line reads "Name: expr,".
func squeeze(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// The generator run on the real SDK, with one member removed from or
// changed in our TrainingJob, refuses to write anything.
func TestGenerateRejectsDriftInRealTypes(t *testing.T) {
	tests := []struct {
		name, old, new, wantErr string
	}{
		{"member missing", "\tTags []types.Tag\n", "", "types.TrainingJob has member Tags, which TrainingJob lacks"},
		{"describe-only member missing", "\tProgressInfo *types.TrainingProgressInfo\n", "", "sagemaker.DescribeTrainingJobOutput has member ProgressInfo"},
		{"type without rule", "\tBillableTokenCount int64\n", "\tBillableTokenCount int32\n", "BillableTokenCount: no mapping rule for SDK type *int64 and our type int32"},
		{"enum without rule", "\tTrainingJobStatus Status\n", "\tTrainingJobStatus string\n", "TrainingJobStatus: no mapping rule"},
		{"enums swapped", "\tTrainingJobStatus Status\n", "\tTrainingJobStatus SecondaryStatus\n", "TrainingJobStatus: no mapping rule"},
		{"extra member", "\tTags []types.Tag\n", "\tTags []types.Tag\n\tMine string\n", "TrainingJob.Mine is carried by none of the SDK shapes"},
		{"allow-listed member added", "\tTags []types.Tag\n", "\tTags []types.Tag\n\tSessionChainingConfig *types.SessionChainingConfig\n", "SessionChainingConfig is allow-listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := sdkConfig(root)
			orig := cfg.readFile
			cfg.readFile = func(name string) ([]byte, error) {
				src, err := orig(name)
				if name != "trainingjob.go" || err != nil {
					return src, err
				}
				s := string(src)
				// Match the field whatever its column alignment.
				name0, typ := fieldParts(tt.old)
				i := indexField(s, name0, typ)
				require.GreaterOrEqual(t, i, 0, "field %q not found", tt.old)
				end := i + strings.Index(s[i:], "\n") + 1
				return []byte(s[:i] + tt.new + s[end:]), nil
			}
			_, err := generate(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func fieldParts(line string) (name, typ string) {
	f := strings.Fields(line)
	return f[0], f[1]
}

// indexField finds the line declaring field name of type typ.
func indexField(s, name, typ string) int {
	off := 0
	for _, line := range strings.SplitAfter(s, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == name && f[1] == typ {
			return off
		}
		off += len(line)
	}
	return -1
}

// --- Small, made-up shapes. ---

type fakeJob struct {
	Name   *string
	Count  *int32
	Flag   *bool
	When   *time.Time
	State  types.TrainingJobStatus
	Kind   types.ProfilingStatus
	Meta   *types.ModelArtifacts
	Params map[string]string
	Tags   []types.Tag
	marker struct{} // like the SDK's noSmithyDocumentSerde
}

type fakeExtra struct {
	Name  *string
	Extra *string
}

// fakeBadType is fakeJob with a Name that fits no rule.
type fakeBadType struct {
	Name   *int32
	Count  *int32
	Flag   *bool
	When   *time.Time
	State  types.TrainingJobStatus
	Kind   types.ProfilingStatus
	Meta   *types.ModelArtifacts
	Params map[string]string
	Tags   []types.Tag
}

type fakeHidden struct {
	Name   *string
	secret *string // seen by reflection only
}

const ourSrc = `package trainingjob

import (
	"time"

	sm "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

type Job struct {
	Name        string
	Count       int32
	Flag        bool
	When        time.Time
	State       Status
	Kind        sm.ProfilingStatus
	Meta        *sm.ModelArtifacts
	Params      map[string]string
	Tags        []sm.Tag
}
`

const copySrc = `package trainingjob

func cloneMap() {}
func copyModelArtifacts() {}
func copyTagSlice() {}
`

func fakeConfig(files map[string]string, shapes ...shape) config {
	cfg := sdkConfig(root)
	cfg.shapes = shapes
	cfg.ourFiles = []string{"ours.go"}
	cfg.copyFile = "copy.go"
	cfg.readFile = func(name string) ([]byte, error) {
		src, ok := files[name]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return []byte(src), nil
	}
	return cfg
}

func fakeFiles() map[string]string { return map[string]string{"ours.go": ourSrc, "copy.go": copySrc} }

func TestGenerateFakeShape(t *testing.T) {
	src, err := generate(fakeConfig(fakeFiles(), shape{
		sdk: reflect.TypeFor[fakeJob](), our: "Job", from: "jobFrom", to: "jobTo", what: "a job",
	}))
	require.NoError(t, err)
	s := squeeze(string(src))
	for _, want := range []string{
		"func jobFrom(in *sdkgen.fakeJob) Job {",
		"func jobTo(in *Job) sdkgen.fakeJob {",
		"Name: sdkDeref(in.Name),", "Name: sdkPtr(in.Name),",
		"Count: sdkDeref(in.Count),", "Flag: sdkPtr(in.Flag),",
		"When: sdkDerefTime(in.When),", "When: sdkTimePtr(in.When),",
		"State: Status(in.State),", "State: types.TrainingJobStatus(in.State),",
		"Kind: in.Kind,",
		"Meta: copyModelArtifacts(in.Meta),",
		"Params: cloneMap(in.Params),",
		"Tags: copyTagSlice(in.Tags),",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "marker")
}

func TestGenerateFailures(t *testing.T) {
	files := func(edit func(map[string]string)) map[string]string {
		f := fakeFiles()
		edit(f)
		return f
	}
	same := func(map[string]string) {}
	job := shape{sdk: reflect.TypeFor[fakeJob](), our: "Job", from: "jobFrom", to: "jobTo"}
	with := func(s shape, edit func(*shape)) shape { edit(&s); return s }

	tests := []struct {
		name    string
		files   map[string]string
		shape   shape
		wantErr string
	}{
		{"SDK member ours lacks", files(same),
			with(job, func(s *shape) { s.sdk = reflect.TypeFor[fakeExtra]() }),
			"has member Extra, which Job lacks"},
		{"stale allow-list entry", files(same),
			with(job, func(s *shape) { s.allow = map[string]string{"Gone": "why"} }),
			"has no member Gone any more"},
		{"allow-listed member ours has", files(same),
			with(job, func(s *shape) { s.allow = map[string]string{"Name": "why"} }),
			"Name is allow-listed as missing from Job, but Job now has it"},
		{"type pair without rule", files(same),
			with(job, func(s *shape) { s.sdk = reflect.TypeFor[fakeBadType]() }),
			"Name: no mapping rule for SDK type *int32 and our type string"},
		{"our member carried by nothing", files(same),
			with(job, func(s *shape) { s.sdk = reflect.TypeFor[fakeExtra](); s.allow = map[string]string{"Extra": "why"} }),
			"Job.Count is carried by none of the SDK shapes"},
		{"unexported SDK field with data", files(same),
			with(job, func(s *shape) { s.sdk = reflect.TypeFor[fakeHidden]() }),
			"fakeHidden.secret: unexported field of type *string would be lost"},
		{"SDK shape not a struct", files(same),
			with(job, func(s *shape) { s.sdk = reflect.TypeFor[*fakeJob]() }),
			"is not a struct"},
		{"missing deep-copy helper", files(func(f map[string]string) {
			f["copy.go"] = strings.Replace(copySrc, "func copyModelArtifacts() {}\n", "", 1)
		}), job, "copy.go has no function copyModelArtifacts"},
		{"no deep-copy file", files(func(f map[string]string) { delete(f, "copy.go") }), job,
			"reading the deep-copy helpers"},
		{"bad deep-copy file", files(func(f map[string]string) { f["copy.go"] = "package" }), job,
			"parsing the deep-copy helpers"},
		{"no source file", files(func(f map[string]string) { delete(f, "ours.go") }), job,
			"reading our types"},
		{"bad source file", files(func(f map[string]string) { f["ours.go"] = "package trainingjob\ntype Job struct {" }), job,
			"parsing our types"},
		{"struct not found", files(func(f map[string]string) {
			f["ours.go"] = strings.Replace(ourSrc, "type Job struct", "type Other struct", 1)
		}), job, "struct Job not found"},
		{"not a struct", files(func(f map[string]string) { f["ours.go"] = "package trainingjob\ntype Job int\n" }), job,
			"Job is not a struct type"},
		{"declared twice", files(func(f map[string]string) { f["ours.go"] = ourSrc + "type Job struct{}\n" }), job,
			"struct Job is declared twice"},
		{"embedded field", files(func(f map[string]string) {
			f["ours.go"] = strings.Replace(ourSrc, "\tName        string\n", "\tName        string\n\ttime.Time\n", 1)
		}), job, "embedded fields are not supported"},
		{"unexported field", files(func(f map[string]string) {
			f["ours.go"] = strings.Replace(ourSrc, "\tName        string\n", "\tName        string\n\tname string\n", 1)
		}), job, "Job.name: unexported fields are not supported"},
		{"unsupported type", files(func(f map[string]string) {
			f["ours.go"] = strings.Replace(ourSrc, "\tName        string\n", "\tName        func()\n", 1)
		}), job, "Job.Name: unsupported type expression"},
		{"unknown package", files(func(f map[string]string) {
			f["ours.go"] = strings.Replace(ourSrc, "\tName        string\n", "\tName        foo.Bar\n", 1)
		}), job, "Job.Name: package foo is not imported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := generate(fakeConfig(tt.files, tt.shape))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestGenerateAllowListIsRepeatedInComments(t *testing.T) {
	src, err := generate(fakeConfig(fakeFiles(), shape{
		sdk: reflect.TypeFor[fakeExtra](), our: "Job", to: "jobTo", allow: map[string]string{"Extra": "a reason"},
	}))
	require.NoError(t, err)
	assert.Contains(t, string(src), "// Left unset: Extra (a reason).")
	assert.Contains(t, string(src), "// Not carried, as sdkgen.fakeExtra lacks them: Count, Flag, When, State,")
}

func TestGenerateDirErrors(t *testing.T) {
	_, err := GenerateDir(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading our types")
}

// Generate reads the current directory, which go generate and the root
// package's tests set to the package; here it is this package, which holds
// no trainingjob.go.
func TestGenerateUsesWorkingDirectory(t *testing.T) {
	_, err := os.Stat(filepath.Join(".", "trainingjob.go"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = Generate()
	assert.Error(t, err)
}
