package trainingjob_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	tj "github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/internal/reflectfill"
	"github.com/trainingjob-go/trainingjob/internal/sdkgen"
)

// Members of TrainingJob that each SDK shape lacks, and which a trip
// through that shape therefore loses. Written out by hand, so that a member
// added to TrainingJob or to an SDK shape makes the tests below fail until
// someone looks.
var (
	lostInSDKTrainingJob = []string{
		"BillableTokenCount", "InfraCheckConfig", "MlflowConfig", "MlflowDetails",
		"ProfilerRuleConfigurations", "ProfilerRuleEvaluationStatuses", "ProfilingStatus",
		"ProgressInfo", "RemoteDebugConfig", "ServerlessJobConfig",
	}
	lostInDescribeOutput = []string{"Tags"}
)

// The committed sdk_gen.go is what the generator writes today; run
// `go generate ./...` after upgrading aws-sdk-go-v2 or changing TrainingJob.
func TestSDKCodeIsFresh(t *testing.T) {
	want, err := sdkgen.Generate()
	require.NoError(t, err)
	got, err := os.ReadFile("sdk_gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "sdk_gen.go is stale: run go generate ./...")
}

// --- Completeness, by reflection over values with every field set. ---

func TestFromSDKCarriesEveryMember(t *testing.T) {
	var in types.TrainingJob
	reflectfill.Fill(&in, 11)
	require.Empty(t, reflectfill.ZeroFields(&in), "Fill sets every member")

	j := tj.FromSDK(&in)
	assertSDKCarried(t, reflect.ValueOf(in), reflect.ValueOf(j), sdkFromDir, "")
	assert.Equal(t, lostInSDKTrainingJob, sdkSortedPaths(reflectfill.ZeroFields(&j)),
		"members of TrainingJob left zero by FromSDK")

	out := j.ToSDK()
	assert.Equal(t, &in, out)
	assert.Empty(t, reflectfill.ZeroFields(out), "members dropped on the way back")
	assert.Empty(t, reflectfill.SharedReferences(&in, out))
	// Each direction copies on its own: two conversions of one value share
	// nothing, which they would if either passed the input's memory on.
	assert.Empty(t, reflectfill.SharedReferences(j, tj.FromSDK(&in)), "FromSDK shares memory with its input")
	assert.Empty(t, reflectfill.SharedReferences(out, j.ToSDK()), "ToSDK shares memory with its receiver")
}

func TestFromDescribeOutputCarriesEveryMember(t *testing.T) {
	var in sagemaker.DescribeTrainingJobOutput
	reflectfill.Fill(&in, 12)
	require.Empty(t, reflectfill.ZeroFields(&in), "Fill sets every member")

	j := tj.FromDescribeOutput(&in)
	assertSDKCarried(t, reflect.ValueOf(in), reflect.ValueOf(j), sdkFromDir, "")
	assert.Equal(t, lostInDescribeOutput, sdkSortedPaths(reflectfill.ZeroFields(&j)),
		"members of TrainingJob left zero by FromDescribeOutput")

	out := j.ToDescribeOutput()
	assert.Equal(t, &in, out)
	assert.Empty(t, reflectfill.ZeroFields(out), "members dropped on the way back")
	assert.Empty(t, reflectfill.SharedReferences(&in, out))
	assert.Empty(t, reflectfill.SharedReferences(j, tj.FromDescribeOutput(&in)), "FromDescribeOutput shares memory with its input")
	assert.Empty(t, reflectfill.SharedReferences(out, j.ToDescribeOutput()), "ToDescribeOutput shares memory with its receiver")
}

func TestTransitionFromSDKCarriesEveryMember(t *testing.T) {
	var in types.SecondaryStatusTransition
	reflectfill.Fill(&in, 13)
	require.Empty(t, reflectfill.ZeroFields(&in), "Fill sets every member")

	tr := tj.TransitionFromSDK(in)
	assertSDKCarried(t, reflect.ValueOf(in), reflect.ValueOf(tr), sdkFromDir, "")
	assert.Empty(t, reflectfill.ZeroFields(&tr))
	out := tr.ToSDK()
	assert.Equal(t, in, out)
	assert.Empty(t, reflectfill.ZeroFields(&out))
	assert.Empty(t, reflectfill.SharedReferences(&in, &out))
}

func TestToSDKCarriesEveryMember(t *testing.T) {
	var j tj.TrainingJob
	reflectfill.Fill(&j, 14)
	require.Empty(t, reflectfill.ZeroFields(&j), "Fill sets every member")

	tests := []struct {
		name string
		via  func(*testing.T, tj.TrainingJob) tj.TrainingJob
		lost []string
	}{
		{"types.TrainingJob", func(t *testing.T, j tj.TrainingJob) tj.TrainingJob {
			out := j.ToSDK()
			assertSDKCarried(t, reflect.ValueOf(*out), reflect.ValueOf(j), sdkToDir, "")
			assert.Empty(t, reflectfill.ZeroFields(out))
			assert.Empty(t, reflectfill.SharedReferences(out, j.ToSDK()), "ToSDK shares memory with its receiver")
			return tj.FromSDK(out)
		}, lostInSDKTrainingJob},
		{"DescribeTrainingJobOutput", func(t *testing.T, j tj.TrainingJob) tj.TrainingJob {
			out := j.ToDescribeOutput()
			assertSDKCarried(t, reflect.ValueOf(*out), reflect.ValueOf(j), sdkToDir, "")
			assert.Empty(t, reflectfill.ZeroFields(out))
			assert.Empty(t, reflectfill.SharedReferences(out, j.ToDescribeOutput()), "ToDescribeOutput shares memory with its receiver")
			return tj.FromDescribeOutput(out)
		}, lostInDescribeOutput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			back := tt.via(t, j)
			assert.Equal(t, tt.lost, sdkSortedPaths(reflectfill.ZeroFields(&back)), "members lost on the trip")
			assert.Equal(t, sdkWithZeroed(j, tt.lost), back, "members kept on the trip")
			assert.Empty(t, reflectfill.SharedReferences(j, back))
		})
	}
}

// What one shape loses the other keeps: together they carry every member.
func TestSDKShapesTogetherCarryEveryMember(t *testing.T) {
	var j tj.TrainingJob
	reflectfill.Fill(&j, 15)
	for _, n := range lostInSDKTrainingJob {
		require.NotContains(t, lostInDescribeOutput, n, "lost by both shapes")
	}

	merged := tj.FromDescribeOutput(j.ToDescribeOutput())
	fromSearch := tj.FromSDK(j.ToSDK())
	for _, name := range lostInDescribeOutput {
		reflect.ValueOf(&merged).Elem().FieldByName(name).Set(reflect.ValueOf(fromSearch).FieldByName(name))
	}
	assert.Equal(t, j, merged)
}

func TestToCreateInputCarriesEveryCreateMember(t *testing.T) {
	var j tj.TrainingJob
	reflectfill.Fill(&j, 16)
	require.Empty(t, reflectfill.ZeroFields(&j), "Fill sets every member")

	in := j.ToCreateInput()
	assert.Equal(t, []string{"SessionChainingConfig"}, reflectfill.ZeroFields(in),
		"a create member that TrainingJob has was not set")
	assertSDKCarried(t, reflect.ValueOf(*in), reflect.ValueOf(j), sdkToDir, "", "SessionChainingConfig")
	assert.Empty(t, reflectfill.SharedReferences(in, j.ToCreateInput()), "ToCreateInput shares memory with its receiver")

	// Every create member is a member of the describe response too, with
	// the same value, except the tags (the Search shape has those).
	d, s := reflect.ValueOf(*j.ToDescribeOutput()), reflect.ValueOf(*j.ToSDK())
	v := reflect.ValueOf(*in)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Name == "SessionChainingConfig" {
			continue
		}
		other := d.FieldByName(f.Name)
		if f.Name == "Tags" {
			other = s.FieldByName(f.Name)
		}
		if assert.True(t, other.IsValid(), f.Name) {
			assert.Equal(t, other.Interface(), v.Field(i).Interface(), f.Name)
		}
	}
}

// --- Property tests over random values. ---

const sdkPropertyIterations = 300

func TestSDKToOursToSDKProperty(t *testing.T) {
	shapes := []struct {
		name    string
		newSDK  func() any // pointer to a fresh SDK value
		through func(any) any
	}{
		{"types.TrainingJob", func() any { return new(types.TrainingJob) }, func(v any) any {
			return tj.FromSDK(v.(*types.TrainingJob)).ToSDK()
		}},
		{"DescribeTrainingJobOutput", func() any { return new(sagemaker.DescribeTrainingJobOutput) }, func(v any) any {
			return tj.FromDescribeOutput(v.(*sagemaker.DescribeTrainingJobOutput)).ToDescribeOutput()
		}},
		{"SecondaryStatusTransition", func() any { return new(types.SecondaryStatusTransition) }, func(v any) any {
			out := tj.TransitionFromSDK(*v.(*types.SecondaryStatusTransition)).ToSDK()
			return &out
		}},
	}
	for si, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			var seen, normalised sdkCases
			for i := range sdkPropertyIterations {
				seed := uint64(si)<<32 | uint64(i)
				in, orig, want := sh.newSDK(), sh.newSDK(), sh.newSDK()
				for _, v := range []any{in, orig, want} {
					newSDKRandomFiller(seed).fill(reflect.ValueOf(v).Elem(), 0)
				}
				sdkNormalizeTopLevel(reflect.ValueOf(want).Elem())
				seen.add(reflect.ValueOf(in).Elem())
				normalised.add(reflect.ValueOf(want).Elem())

				out := sh.through(in)
				if !assert.Equal(t, want, out, "seed %d", seed) {
					return
				}
				assert.Equal(t, orig, in, "the input changed, seed %d", seed)
				assert.Empty(t, reflectfill.SharedReferences(in, out), "seed %d", seed)
			}
			// The generator did produce each kind of case.
			assert.True(t, seen.nilPtr && seen.zeroPtr && seen.valuePtr, "pointers: %+v", seen)
			assert.False(t, normalised.zeroPtr, "the normaliser left a pointer to zero")
			assert.True(t, seen.unknownEnum && seen.knownEnum, "enums: %+v", seen)
			if sh.name != "SecondaryStatusTransition" {
				assert.True(t, seen.nilColl && seen.emptyColl && seen.fullColl, "collections: %+v", seen)
			}
		})
	}
}

// sdkCases records which kinds of top-level member values a property test met.
type sdkCases struct {
	nilPtr, zeroPtr, valuePtr    bool // pointers to plain scalars
	nilColl, emptyColl, fullColl bool
	knownEnum, unknownEnum       bool
}

func (c *sdkCases) add(v reflect.Value) {
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue
		}
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Pointer && sdkIsPlainScalar(f.Type().Elem()):
			c.nilPtr = c.nilPtr || f.IsNil()
			c.zeroPtr = c.zeroPtr || !f.IsNil() && f.Elem().IsZero()
			c.valuePtr = c.valuePtr || !f.IsNil() && !f.Elem().IsZero()
		case f.Kind() == reflect.Slice || f.Kind() == reflect.Map:
			c.nilColl = c.nilColl || f.IsNil()
			c.emptyColl = c.emptyColl || !f.IsNil() && f.Len() == 0
			c.fullColl = c.fullColl || f.Len() > 0
		case f.Kind() == reflect.String && f.Type().PkgPath() != "":
			c.unknownEnum = c.unknownEnum || strings.HasPrefix(f.String(), "Unknown-")
			c.knownEnum = c.knownEnum || f.Len() > 0 && !strings.HasPrefix(f.String(), "Unknown-")
		}
	}
}

func TestOursToSDKToOursProperty(t *testing.T) {
	for i := range sdkPropertyIterations {
		seed := 1<<40 | uint64(i)
		var j, orig tj.TrainingJob
		newSDKRandomFiller(seed).fill(reflect.ValueOf(&j).Elem(), 0)
		newSDKRandomFiller(seed).fill(reflect.ValueOf(&orig).Elem(), 0)

		viaSearch := tj.FromSDK(j.ToSDK())
		if !assert.Equal(t, sdkWithZeroed(orig, lostInSDKTrainingJob), viaSearch, "seed %d", seed) {
			return
		}
		viaDescribe := tj.FromDescribeOutput(j.ToDescribeOutput())
		if !assert.Equal(t, sdkWithZeroed(orig, lostInDescribeOutput), viaDescribe, "seed %d", seed) {
			return
		}
		for k, tr := range j.SecondaryStatusTransitions {
			assert.Equal(t, tr, tj.TransitionFromSDK(tr.ToSDK()), "seed %d entry %d", seed, k)
		}
		in := j.ToCreateInput()
		assertSDKCarried(t, reflect.ValueOf(*in), reflect.ValueOf(j), sdkToDir, fmt.Sprintf("seed %d: ", seed), "SessionChainingConfig")
		assert.Nil(t, in.SessionChainingConfig)

		assert.Equal(t, orig, j, "the receiver changed, seed %d", seed)
		assert.Empty(t, reflectfill.SharedReferences(j, viaSearch), "seed %d", seed)
		assert.Empty(t, reflectfill.SharedReferences(j, viaDescribe), "seed %d", seed)
	}
}

// --- The documented rules, case by case. ---

func TestSDKNormalisation(t *testing.T) {
	in := &types.TrainingJob{
		TrainingJobName:           aws.String(""),
		TrainingTimeInSeconds:     aws.Int32(0),
		EnableManagedSpotTraining: aws.Bool(false),
		CreationTime:              &time.Time{},
		FailureReason:             nil,
		HyperParameters:           map[string]string{},
		Environment:               nil,
		SecondaryStatusTransitions: []types.SecondaryStatusTransition{
			{Status: types.SecondaryStatusStarting, StatusMessage: aws.String(""), EndTime: &time.Time{}},
		},
		Tags:         []types.Tag{},
		VpcConfig:    &types.VpcConfig{},
		RoleArn:      aws.String("arn:aws:iam::123456789012:role/r"),
		AutoMLJobArn: nil,
	}
	j := tj.FromSDK(in)
	assert.Equal(t, tj.TrainingJob{
		HyperParameters:            map[string]string{},
		SecondaryStatusTransitions: []tj.SecondaryStatusTransition{{Status: tj.SecondaryStatusStarting}},
		Tags:                       []types.Tag{},
		VpcConfig:                  &types.VpcConfig{},
		RoleArn:                    "arn:aws:iam::123456789012:role/r",
	}, j)

	out := j.ToSDK()
	assert.Nil(t, out.TrainingJobName, "zero becomes nil")
	assert.Nil(t, out.TrainingTimeInSeconds)
	assert.Nil(t, out.EnableManagedSpotTraining)
	assert.Nil(t, out.CreationTime)
	assert.Nil(t, out.SecondaryStatusTransitions[0].StatusMessage)
	assert.Nil(t, out.SecondaryStatusTransitions[0].EndTime)
	assert.NotNil(t, out.HyperParameters, "an empty map stays empty")
	assert.Empty(t, out.HyperParameters)
	assert.Nil(t, out.Environment, "a nil map stays nil")
	assert.NotNil(t, out.Tags, "an empty slice stays empty")
	assert.Empty(t, out.Tags)
	assert.Equal(t, &types.VpcConfig{}, out.VpcConfig, "nested values are kept as they are")
	assert.Equal(t, "arn:aws:iam::123456789012:role/r", aws.ToString(out.RoleArn))

	// A zero time in some location is zero too (IsZero decides), and
	// becomes the plain zero time.
	zeroInZone := time.Time{}.In(time.FixedZone("operator", 3600))
	require.True(t, zeroInZone.IsZero())
	require.NotEqual(t, time.Time{}, zeroInZone)
	assert.Equal(t, time.Time{}, tj.FromSDK(&types.TrainingJob{TrainingEndTime: &zeroInZone}).TrainingEndTime)
	assert.Nil(t, tj.TrainingJob{TrainingEndTime: zeroInZone}.ToSDK().TrainingEndTime)

	empty := tj.FromSDK(&types.TrainingJob{SecondaryStatusTransitions: []types.SecondaryStatusTransition{}})
	assert.NotNil(t, empty.SecondaryStatusTransitions)
	assert.Empty(t, empty.SecondaryStatusTransitions)
	assert.NotNil(t, empty.ToSDK().SecondaryStatusTransitions)
	assert.Nil(t, tj.FromSDK(&types.TrainingJob{}).SecondaryStatusTransitions)
	assert.Nil(t, tj.TrainingJob{}.ToDescribeOutput().SecondaryStatusTransitions)
}

func TestSDKTimesKeptAsTheyAre(t *testing.T) {
	zone := time.FixedZone("operator", 5*3600+30*60)
	times := []time.Time{
		time.Date(2024, 3, 8, 10, 0, 0, 123_456_789, zone),
		time.Now(), // with a monotonic clock reading
		time.Date(2017, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Unix(1_678_785_164, 731_000_000), // local time
	}
	for _, tm := range times {
		in := &sagemaker.DescribeTrainingJobOutput{
			CreationTime:               aws.Time(tm),
			SecondaryStatusTransitions: []types.SecondaryStatusTransition{{StartTime: aws.Time(tm)}},
		}
		j := tj.FromDescribeOutput(in)
		assert.True(t, j.CreationTime == tm, "%v became %v", tm, j.CreationTime)
		assert.Equal(t, tm.Location(), j.CreationTime.Location())
		assert.True(t, j.SecondaryStatusTransitions[0].StartTime == tm)
		out := j.ToDescribeOutput()
		assert.True(t, *out.CreationTime == tm, "%v became %v", tm, *out.CreationTime)
		assert.True(t, *out.SecondaryStatusTransitions[0].StartTime == tm)
	}
}

func TestSDKUnknownStatusesSurvive(t *testing.T) {
	for _, s := range []struct {
		primary   string
		secondary string
	}{
		{"Paused", "Hibernating"},
		{"inprogress", "training"},
		{" InProgress", "Training\x00"},
		{"Завершено", "🚀"},
		{"", ""},
	} {
		in := &types.TrainingJob{
			TrainingJobStatus:          types.TrainingJobStatus(s.primary),
			SecondaryStatus:            types.SecondaryStatus(s.secondary),
			SecondaryStatusTransitions: []types.SecondaryStatusTransition{{Status: types.SecondaryStatus(s.secondary)}},
		}
		j := tj.FromSDK(in)
		assert.Equal(t, s.primary, string(j.TrainingJobStatus))
		assert.Equal(t, s.secondary, string(j.SecondaryStatus))
		assert.Equal(t, s.secondary, string(j.SecondaryStatusTransitions[0].Status))
		assert.Equal(t, in, j.ToSDK())

		d := j.ToDescribeOutput()
		assert.Equal(t, s.primary, string(d.TrainingJobStatus))
		assert.Equal(t, s.secondary, string(d.SecondaryStatus))
		assert.Equal(t, j, tj.FromDescribeOutput(d))

		tr := tj.SecondaryStatusTransition{Status: tj.SecondaryStatus(s.secondary)}
		assert.Equal(t, s.secondary, string(tr.ToSDK().Status))
		assert.Equal(t, tr, tj.TransitionFromSDK(tr.ToSDK()))
	}
	j := tj.FromSDK(&types.TrainingJob{TrainingJobStatus: "Paused"})
	assert.False(t, j.TrainingJobStatus.IsKnown())
}

func TestSDKNilAndZeroInputs(t *testing.T) {
	assert.Equal(t, tj.TrainingJob{}, tj.FromSDK(nil))
	assert.Equal(t, tj.TrainingJob{}, tj.FromDescribeOutput(nil))
	assert.Equal(t, tj.TrainingJob{}, tj.FromSDK(&types.TrainingJob{}))
	assert.Equal(t, tj.TrainingJob{}, tj.FromDescribeOutput(&sagemaker.DescribeTrainingJobOutput{}))
	assert.Equal(t, tj.SecondaryStatusTransition{}, tj.TransitionFromSDK(types.SecondaryStatusTransition{}))

	assert.Equal(t, &types.TrainingJob{}, tj.TrainingJob{}.ToSDK())
	assert.Equal(t, &sagemaker.DescribeTrainingJobOutput{}, tj.TrainingJob{}.ToDescribeOutput())
	assert.Equal(t, &sagemaker.CreateTrainingJobInput{}, tj.TrainingJob{}.ToCreateInput())
	assert.Equal(t, types.SecondaryStatusTransition{}, tj.SecondaryStatusTransition{}.ToSDK())
}

func TestFromDescribeOutputIgnoresResultMetadata(t *testing.T) {
	in := &sagemaker.DescribeTrainingJobOutput{TrainingJobName: aws.String("a")}
	in.ResultMetadata.Set("request-id", "abc")
	j := tj.FromDescribeOutput(in)
	assert.Equal(t, tj.TrainingJob{TrainingJobName: "a"}, j)
	out := j.ToDescribeOutput()
	assert.Nil(t, out.ResultMetadata.Get("request-id"))
	assert.Equal(t, "abc", in.ResultMetadata.Get("request-id"), "the input is left alone")
}

// Writing through every pointer, slice and map of a result never reaches
// the input.
func TestSDKResultsShareNothingWithInputs(t *testing.T) {
	t.Run("FromSDK", func(t *testing.T) {
		var in, snapshot types.TrainingJob
		reflectfill.Fill(&in, 21)
		reflectfill.Fill(&snapshot, 21)
		j := tj.FromSDK(&in)
		require.True(t, sdkMutate(reflect.ValueOf(&j).Elem()))
		assert.Equal(t, snapshot, in)
	})
	t.Run("FromDescribeOutput", func(t *testing.T) {
		var in, snapshot sagemaker.DescribeTrainingJobOutput
		reflectfill.Fill(&in, 22)
		reflectfill.Fill(&snapshot, 22)
		j := tj.FromDescribeOutput(&in)
		require.True(t, sdkMutate(reflect.ValueOf(&j).Elem()))
		assert.Equal(t, snapshot, in)
	})
	t.Run("TransitionFromSDK", func(t *testing.T) {
		var in, snapshot types.SecondaryStatusTransition
		reflectfill.Fill(&in, 23)
		reflectfill.Fill(&snapshot, 23)
		tr := tj.TransitionFromSDK(in)
		require.True(t, sdkMutate(reflect.ValueOf(&tr).Elem()))
		assert.Equal(t, snapshot, in)
	})
	var j, snapshot tj.TrainingJob
	reflectfill.Fill(&j, 24)
	reflectfill.Fill(&snapshot, 24)
	for name, convert := range map[string]func() any{
		"ToSDK":            func() any { return j.ToSDK() },
		"ToDescribeOutput": func() any { return j.ToDescribeOutput() },
		"ToCreateInput":    func() any { return j.ToCreateInput() },
		"TransitionToSDK": func() any {
			out := j.SecondaryStatusTransitions[0].ToSDK()
			return &out
		},
	} {
		t.Run(name, func(t *testing.T) {
			out := convert()
			require.True(t, sdkMutate(reflect.ValueOf(out).Elem()))
			assert.Equal(t, snapshot, j)
		})
	}
}

func ExampleFromDescribeOutput() {
	// out would come from (*sagemaker.Client).DescribeTrainingJob.
	out := &sagemaker.DescribeTrainingJobOutput{
		TrainingJobName:   aws.String("resnet-50"),
		TrainingJobStatus: types.TrainingJobStatusInProgress,
		SecondaryStatus:   types.SecondaryStatusTraining,
		HyperParameters:   map[string]string{"lr": "0.01"},
	}
	job := tj.FromDescribeOutput(out)
	fmt.Println(job.TrainingJobName, job.Outcome(), job.HyperParameters["lr"])

	// And back: a request that would create a job like it.
	req := job.ToCreateInput()
	fmt.Println(aws.ToString(req.TrainingJobName), req.HyperParameters["lr"])
	// Output:
	// resnet-50 Running 0.01
	// resnet-50 0.01
}

// --- Helpers. ---

type sdkDirection int

const (
	sdkFromDir sdkDirection = iota // sdk was converted to ours
	sdkToDir                       // ours was converted to sdk
)

// assertSDKCarried checks, with reflection and independently of the generated
// code, that every exported member of the SDK struct sdk has the value of
// the member of the same name in our struct ours: the same value for the
// same type, the pointed-to value (or zero for nil) for a pointer against a
// plain value, the same string for two enums, element by element for
// slices of structs. In the sdkToDir direction a zero value must have become
// nil. skip names SDK members ours lacks on purpose.
func assertSDKCarried(t *testing.T, sdk, ours reflect.Value, dir sdkDirection, prefix string, skip ...string) {
	t.Helper()
	for i := range sdk.NumField() {
		f := sdk.Type().Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" || slices.Contains(skip, f.Name) {
			continue
		}
		path := prefix + f.Name
		o := ours.FieldByName(f.Name)
		if !assert.True(t, o.IsValid(), "%s: no such member in %s", path, ours.Type()) {
			continue
		}
		s := sdk.Field(i)
		switch {
		case s.Type() == o.Type():
			assert.Equal(t, s.Interface(), o.Interface(), path)
		case s.Kind() == reflect.Pointer && s.Type().Elem() == o.Type():
			switch {
			case s.IsNil():
				assert.True(t, o.IsZero(), "%s: nil became %v", path, o)
			case dir == sdkToDir:
				assert.False(t, o.IsZero(), "%s: zero became a pointer, not nil", path)
				assert.Equal(t, o.Interface(), s.Elem().Interface(), path)
			default:
				assert.Equal(t, s.Elem().Interface(), o.Interface(), path)
			}
		case s.Kind() == reflect.String && o.Kind() == reflect.String:
			assert.Equal(t, s.String(), o.String(), path)
		case s.Kind() == reflect.Slice && o.Kind() == reflect.Slice && s.Type().Elem().Kind() == reflect.Struct:
			assert.Equal(t, s.IsNil(), o.IsNil(), "%s: nil", path)
			if assert.Equal(t, s.Len(), o.Len(), "%s: length", path) {
				for k := range s.Len() {
					assertSDKCarried(t, s.Index(k), o.Index(k), dir, fmt.Sprintf("%s[%d].", path, k))
				}
			}
		default:
			t.Errorf("%s: no rule for %s against %s", path, s.Type(), o.Type())
		}
	}
}

// sdkSortedPaths returns paths sorted, for comparison with a list.
func sdkSortedPaths(paths []string) []string {
	out := slices.Clone(paths)
	slices.Sort(out)
	return out
}

// sdkWithZeroed returns j with the named members set to their zero value.
func sdkWithZeroed(j tj.TrainingJob, names []string) tj.TrainingJob {
	v := reflect.ValueOf(&j).Elem()
	for _, n := range names {
		v.FieldByName(n).SetZero()
	}
	return j
}

var sdkTimeType = reflect.TypeFor[time.Time]()

// sdkIsPlainScalar reports whether t is a type TrainingJob holds as a plain
// value where the SDK has a pointer.
func sdkIsPlainScalar(t reflect.Type) bool {
	if t == sdkTimeType {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int32, reflect.Int64:
		return t.PkgPath() == ""
	}
	return false
}

// sdkNormalizeTopLevel applies the one documented normalisation to an SDK
// value: a pointer to a zero value, where TrainingJob (or
// SecondaryStatusTransition) has a plain value, becomes nil. Nested SDK
// structures are left alone: they are copied as they are.
func sdkNormalizeTopLevel(v reflect.Value) {
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue
		}
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Pointer && !f.IsNil() && sdkIsPlainScalar(f.Type().Elem()):
			zero := f.Elem().IsZero()
			if tm, ok := f.Interface().(*time.Time); ok {
				zero = tm.IsZero()
			}
			if zero {
				f.SetZero()
			}
		case f.Type() == reflect.TypeFor[[]types.SecondaryStatusTransition]():
			for k := range f.Len() {
				sdkNormalizeTopLevel(f.Index(k))
			}
		}
	}
}

// sdkRandomFiller sets values at random: each pointer is nil, points to a zero
// value or to a random value; each slice and map is nil, empty or holds a
// few random elements; each scalar is zero or random; enums are a known
// value or an unknown one; times carry nanoseconds and various locations.
type sdkRandomFiller struct{ r *rand.Rand }

func newSDKRandomFiller(seed uint64) sdkRandomFiller {
	return sdkRandomFiller{rand.New(rand.NewPCG(seed, 0x5ca1ab1e))}
}

const sdkMaxRandomDepth = 12

var sdkZones = []*time.Location{time.UTC, time.FixedZone("IST", 5*3600+1800), time.FixedZone("", -7*3600), time.Local}

func (g sdkRandomFiller) fill(v reflect.Value, depth int) {
	if (v.Kind() != reflect.Struct || v.Type() == sdkTimeType) && g.r.IntN(3) == 0 {
		v.SetZero()
		return
	}
	g.fillNonZero(v, depth)
}

// fillNonZero sets v to a random value; scalars are never zero.
func (g sdkRandomFiller) fillNonZero(v reflect.Value, depth int) {
	if v.Type() == sdkTimeType {
		sec := 1_483_228_800 + g.r.Int64N(400_000_000)
		v.Set(reflect.ValueOf(time.Unix(sec, g.r.Int64N(1e9)).In(sdkZones[g.r.IntN(len(sdkZones))])))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(g.randomString(v.Type()))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := g.r.Int64N(int64(1)<<(v.Type().Bits()-2)) + 1
		if g.r.IntN(4) == 0 {
			n = -n
		}
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(g.r.IntN(1_000_000)+1) / 64)
	case reflect.Pointer:
		if depth > sdkMaxRandomDepth {
			return
		}
		p := reflect.New(v.Type().Elem())
		if g.r.IntN(2) == 0 { // otherwise: a pointer to the zero value
			g.fillNonZero(p.Elem(), depth+1)
		}
		v.Set(p)
	case reflect.Slice:
		if depth > sdkMaxRandomDepth {
			return
		}
		n := 0
		if g.r.IntN(2) == 0 { // otherwise empty
			n = 1 + g.r.IntN(3)
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			g.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if depth > sdkMaxRandomDepth {
			return
		}
		m := reflect.MakeMap(v.Type())
		if g.r.IntN(2) == 0 { // otherwise empty
			for range 1 + g.r.IntN(3) {
				k := reflect.New(v.Type().Key()).Elem()
				g.fillNonZero(k, depth+1)
				e := reflect.New(v.Type().Elem()).Elem()
				g.fill(e, depth+1)
				m.SetMapIndex(k, e)
			}
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				g.fill(v.Field(i), depth+1)
			}
		}
	}
}

// randomString returns a non-empty string; for enum types, half the time
// one of the known values and otherwise an unknown one.
func (g sdkRandomFiller) randomString(t reflect.Type) string {
	if values := reflect.Zero(t).MethodByName("Values"); t.PkgPath() != "" && values.IsValid() {
		if g.r.IntN(2) == 0 {
			known := values.Call(nil)[0]
			if known.Len() > 0 {
				return known.Index(g.r.IntN(known.Len())).String()
			}
		}
		return fmt.Sprintf("Unknown-%d", g.r.IntN(1000))
	}
	const alphabet = "abcXYZ019-_:/ é🚀\"\\"
	runes := []rune(alphabet)
	b := make([]rune, 1+g.r.IntN(12))
	for i := range b {
		b[i] = runes[g.r.IntN(len(runes))]
	}
	return string(b)
}

// sdkMutate changes, in place, every scalar reachable from v through pointers,
// slices and maps, without replacing any pointer, slice or map, and adds an
// entry to every map. It reports whether it changed anything.
func sdkMutate(v reflect.Value) bool {
	if v.Type() == sdkTimeType {
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Second)))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Pointer:
		return !v.IsNil() && sdkMutate(v.Elem())
	case reflect.Slice:
		changed := false
		for i := range v.Len() {
			changed = sdkMutate(v.Index(i)) || changed
		}
		return changed
	case reflect.Map:
		if v.IsNil() {
			return false
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			sdkMutate(e)
			v.SetMapIndex(k, e)
		}
		if v.Type().Key().Kind() == reflect.String {
			v.SetMapIndex(reflect.ValueOf("added").Convert(v.Type().Key()), reflect.Zero(v.Type().Elem()))
		}
		return true
	case reflect.Struct:
		changed := false
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				changed = sdkMutate(v.Field(i)) || changed
			}
		}
		return changed
	default:
		return false
	}
	return true
}
