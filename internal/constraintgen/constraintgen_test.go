package constraintgen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// modelPath is the trimmed service model kept in the repository.
const modelPath = "../model/service-2.training-job.json"

func readModel(t *testing.T) *model {
	t.Helper()
	data, err := os.ReadFile(modelPath)
	require.NoError(t, err)
	var m model
	require.NoError(t, json.Unmarshal(data, &m))
	return &m
}

// generated is the first run of Generate in this test binary, which the
// tests share: under -race -cover a run takes seconds.
var generated struct {
	once sync.Once
	src  string
	err  error
}

// generate returns the source Generate writes, from the shared first run.
func generate(t *testing.T) string {
	t.Helper()
	readModel(t)
	generated.once.Do(func() {
		src, err := Generate(modelPath, filepath.Join("..", ".."))
		generated.src, generated.err = string(src), err
	})
	require.NoError(t, generated.err)
	return generated.src
}

// generateAgain runs Generate anew.
func generateAgain(t *testing.T) string {
	t.Helper()
	readModel(t)
	src, err := Generate(modelPath, filepath.Join("..", ".."))
	require.NoError(t, err)
	return string(src)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := generate(t)
	b := generateAgain(t)
	assert.Equal(t, a, b)
	assert.True(t, strings.HasPrefix(a, Header+"\n"))
}

// Every structure shape reachable from the three roots that has a
// constraint somewhere below it gets a check function, every constrained
// string shape its pattern or enumeration, and the job and create request
// their entry points.
func TestEveryConstrainedShapeIsCovered(t *testing.T) {
	m := readModel(t)
	src := generate(t)
	g := &gen{shapes: m.Shapes, constrained: map[string]bool{}}
	seen := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		sh := m.Shapes[name]
		switch sh.Type {
		case "structure":
			for _, r := range sh.Members {
				walk(r.Shape)
			}
		case "list":
			walk(sh.Member.Shape)
		case "map":
			walk(sh.Key.Shape)
			walk(sh.Value.Shape)
		}
	}
	for _, root := range []string{"TrainingJob", "DescribeTrainingJobResponse", "CreateTrainingJobRequest"} {
		for _, r := range m.Shapes[root].Members {
			walk(r.Shape)
		}
	}
	checked := 0
	for name := range seen {
		sh := m.Shapes[name]
		switch {
		case name == "SecondaryStatusTransition" || name == "SecondaryStatus" || name == "TrainingJobStatus":
			// Checked by the hand-written rules of validate.go.
		case sh.Type == "structure" && g.isConstrained(name):
			assert.Contains(t, src, "func check"+name+"(", "structure %s", name)
			checked++
		case sh.Type == "string" && len(sh.Enum) > 0:
			assert.Contains(t, src, "enum"+name+" ", "enumeration %s", name)
			checked++
		case sh.Type == "string" && sh.Pattern != "":
			if !strings.Contains(src, "pattern"+name+" ") {
				assert.Contains(t, src, "//   - "+name+": ", "pattern %s is neither checked nor listed as unchecked", name)
			}
			checked++
		}
	}
	assert.Greater(t, checked, 60)
	assert.Contains(t, src, "func (v *validator) checkJobModel(")
	assert.Contains(t, src, "func checkCreateTrainingJobInput(")
}

func TestTranslatePattern(t *testing.T) {
	tests := []struct {
		in, want string
		noted    bool
		matches  []string
		rejects  []string
	}{
		{`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, `^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$`, false,
			[]string{"a", "a--b", "Job-1"}, []string{"", "-a", "a-", "a_b", " a"}},
		{`arn:[\p{Alnum}\-]+:lambda:.*`, `^(?:arn:[a-zA-Z0-9\-]+:lambda:.*)$`, true,
			[]string{"arn:aws-cn:lambda:x"}, []string{"arn:a_b:lambda:x"}},
		{`x/[\S]{1,2048}`, `^(?:x/[\S]{1,})$`, true, []string{"x/" + strings.Repeat("a", 3000)}, []string{"x/", "x/a b"}},
		{`([a-z]+)(?<!-)`, `^(?:([a-z]+))$`, true, []string{"abc"}, []string{"ab-"}},
		{`.*`, `^(?:.*)$`, false, []string{"", "anything"}, []string{"two\nlines"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			expr, note, ok := translatePattern(tt.in)
			require.True(t, ok)
			assert.Equal(t, tt.want, expr)
			assert.Equal(t, tt.noted, note != "", note)
			re := regexp.MustCompile(expr)
			for _, s := range tt.matches {
				assert.True(t, re.MatchString(s), "%q should match", s)
			}
			for _, s := range tt.rejects {
				assert.False(t, re.MatchString(s), "%q should not match", s)
			}
		})
	}
	_, note, ok := translatePattern(`a(?P<x`)
	assert.False(t, ok)
	assert.Contains(t, note, "not checked")
}

func TestGenerateErrors(t *testing.T) {
	readModel(t)
	_, err := Generate("no-such-model.json", filepath.Join("..", ".."))
	assert.Error(t, err)
	_, err = Generate(modelPath, t.TempDir())
	assert.Error(t, err, "no trainingjob.go to read")

	bad := filepath.Join(t.TempDir(), "model.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"shapes":{}}`), 0o644))
	_, err = Generate(bad, filepath.Join("..", ".."))
	assert.ErrorContains(t, err, "has no shape")
}
