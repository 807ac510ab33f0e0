package trainingjob

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/internal/testenv"
)

// matchSamples returns strings for the differential tests: values the
// validator's fixtures use, the same values damaged, and random strings
// over ARN and URI characters, newlines, non-ASCII runes and invalid UTF-8.
func matchSamples(rng *rand.Rand, n int) []string {
	base := []string{
		"", "a", "-", "a-b", "a--b", "a-", "12K", "K", "fs-0123abcd", "fs-0123abc", "subnet-0abc", "sg-1",
		"arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-churn-2024-03-08-10-00-00-123",
		"arn:aws:sagemaker:us-east-1:123456789012:processing-job/a-b-c",
		"arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/t",
		"arn:aws:sagemaker:us-east-1:123456789012:labeling-job/l", "arn:aws:sagemaker:us-east-1:123456789012:automl-job/x",
		"arn:aws:sagemaker:us-east-1:123456789012:training-plan/p", "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/s",
		"arn:aws:sagemaker:us-east-1:123456789012:model-package/p/1", "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/g",
		"arn:aws:iam::123456789012:role/service-role/SageMaker-Role", "arn:aws:lambda:us-east-1:123456789012:function:f",
		"arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/m/1.0.0",
		"arn:aws:sagemaker:us-east-1:123456789012:hub-content/h/DataSet/d/1.2.3",
		"s3://bucket/key", "https://host/", "s3://b", "s3:///k", "KEY_1", "_k", "1k", "ml.m5.xlarge", "Ünïcödé tag", "a\u3000b",
	}
	alphabet := []string{"\n", "\r", "\xff", "\xc3", "é", "𝄞", "\u2028", " ", "-", "/", ":", ".", "_", "a", "Z", "0", "9", "K", "@", "+", "=", "\t"}
	out := append([]string(nil), base...)
	for len(out) < n {
		s := base[rng.IntN(len(base))]
		switch rng.IntN(4) {
		case 0:
			if len(s) > 0 {
				i := rng.IntN(len(s))
				s = s[:i] + alphabet[rng.IntN(len(alphabet))] + s[i+1:]
			}
		case 1:
			i := rng.IntN(len(s) + 1)
			s = s[:i] + alphabet[rng.IntN(len(alphabet))] + s[i:]
		case 2:
			s += strings.Repeat("a-", rng.IntN(80))
		default:
			var b strings.Builder
			for k := rng.IntN(30); k > 0; k-- {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			s = b.String()
		}
		out = append(out, s)
	}
	return out
}

// Every generated automaton accepts exactly what package regexp matches
// with the pattern's expression: on 1,000 samples by default, on 5,000
// with TRAININGJOB_ALL_ORACLES=1 (with -race and -cover every step of an
// automaton costs an atomic operation through the race runtime).
func TestModelPatternAutomataAgreeWithRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	samples := matchSamples(rng, testenv.FullSize(1000, 5000))
	withDFA := 0
	for _, p := range modelPatterns {
		re := regexp.MustCompile(p.expr)
		if p.m != nil {
			withDFA++
		}
		accepted := 0
		for _, s := range samples {
			want := re.MatchString(s)
			if want {
				accepted++
			}
			require.Equal(t, want, p.match(s), "%s on %q", p.expr, s)
		}
		require.Positive(t, accepted, "no sample matches %s", p.expr)
	}
	require.Greater(t, withDFA, len(modelPatterns)/2)
}

func FuzzModelPatterns(f *testing.F) {
	for _, s := range matchSamples(rand.New(rand.NewPCG(5, 6)), 40) {
		f.Add(s)
	}
	res := make([]*regexp.Regexp, len(modelPatterns))
	for i, p := range modelPatterns {
		res[i] = regexp.MustCompile(p.expr)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, p := range modelPatterns {
			if got, want := p.match(s), res[i].MatchString(s); got != want {
				t.Fatalf("%s on %q: automaton %v, regexp %v", p.expr, s, got, want)
			}
		}
	})
}
