package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob"
	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

func TestInspectHidesSecrets(t *testing.T) {
	const secret = "sk-live-0123456789"
	job := trainingjobtest.Completed(trainingjobtest.WithJobName("leaky")).
		WithEnvironmentVariable("API_KEY", secret).
		WithHyperParameter("token", secret).
		MustBuild()
	// A key the service model refuses, with a secret value: the finding
	// names the key, never the value.
	job.Environment["1 bad"] = secret
	doc, err := trainingjob.Marshal(&job)
	require.NoError(t, err)

	for _, args := range [][]string{
		{"inspect", "--no-color", "-"},
		{"inspect", "--json", "-"},
		{"inspect", "--strict", "--no-color", "-"},
	} {
		r := runCLI(t, nil, string(doc), args...)
		assert.Equal(t, exitProblem, r.code, "%v: the bad key makes it invalid", args)
		assert.NotContains(t, r.stdout+r.stderr, secret, "%v", args)
		assert.Contains(t, r.stdout, "API_KEY", "%v keeps the keys", args)
		assert.Contains(t, r.stdout, "token", "%v keeps the keys", args)
		assert.Contains(t, r.stdout, `1 bad`, "%v reports the bad key", args)
	}

	text := runCLI(t, nil, string(doc), "inspect", "--no-color", "-")
	assert.Contains(t, text.stdout, "  Environment    1 bad, API_KEY (values hidden; --show-secrets shows them)\n")
	js := runCLI(t, nil, string(doc), "inspect", "--json", "-")
	var obj struct {
		Environment     map[string]string `json:"environment"`
		HyperParameters map[string]string `json:"hyperParameters"`
		SecretsShown    bool              `json:"secretsShown"`
	}
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &obj))
	assert.False(t, obj.SecretsShown)
	assert.Equal(t, map[string]string{"API_KEY": trainingjob.RedactedValue, "1 bad": trainingjob.RedactedValue}, obj.Environment)
	assert.Equal(t, trainingjob.RedactedValue, obj.HyperParameters["token"])

	// --show-secrets shows them, in both outputs.
	text = runCLI(t, nil, string(doc), "inspect", "--no-color", "--show-secrets", "-")
	assert.Contains(t, text.stdout, "  Environment    1 bad="+secret+", API_KEY="+secret+"\n")
	assert.NotContains(t, text.stdout, "values hidden")
	js = runCLI(t, nil, string(doc), "inspect", "--json", "--show-secrets", "-")
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &obj))
	assert.True(t, obj.SecretsShown)
	assert.Equal(t, job.Environment, obj.Environment)
	assert.Equal(t, secret, obj.HyperParameters["token"])

	// A job without either map: null in --json, no line in the text.
	bare := trainingjobtest.Completed().MustBuild()
	bare.HyperParameters, bare.Environment = nil, nil
	doc, err = trainingjob.Marshal(&bare)
	require.NoError(t, err)
	js = runCLI(t, nil, string(doc), "inspect", "--json", "-")
	assert.Contains(t, js.stdout, `"hyperParameters": null,`)
	assert.Contains(t, js.stdout, `"environment": null,`)
	text = runCLI(t, nil, string(doc), "inspect", "--no-color", "-")
	assert.False(t, strings.Contains(text.stdout, "Hyperparams") || strings.Contains(text.stdout, "Environment"))

	// Control characters in keys and values are escaped for the terminal.
	bare.Environment = map[string]string{"K\x1b[31m": "v\x1b[0m"}
	doc, err = trainingjob.Marshal(&bare)
	require.NoError(t, err)
	text = runCLI(t, nil, string(doc), "inspect", "--no-color", "--show-secrets", "-")
	assert.Contains(t, text.stdout, `K\x1b[31m=v\x1b[0m`)
	assert.NotContains(t, text.stdout, "\x1b")
}
