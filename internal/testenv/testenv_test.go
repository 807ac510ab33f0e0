package testenv

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFullRunFollowsTheVariable(t *testing.T) {
	for _, tc := range []struct {
		value string
		all   bool
	}{{"1", true}, {"", false}, {"0", false}, {"true", false}} {
		t.Setenv(AllOraclesVar, tc.value)
		assert.Equal(t, tc.all, AllOracles(), "%q", tc.value)
		want := 10
		if tc.all {
			want = 100
		}
		assert.Equal(t, want, FullSize(10, 100), "%q", tc.value)
	}
}

func TestSkipUnlessAllOracles(t *testing.T) {
	t.Setenv(AllOraclesVar, "")
	var skipped bool
	t.Run("default", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		SkipUnlessAllOracles(t, "slow")
	})
	assert.True(t, skipped, "skips by default")
	t.Setenv(AllOraclesVar, "1")
	t.Run("full", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		SkipUnlessAllOracles(t, "slow")
	})
	assert.False(t, skipped, "runs with the variable set")
}
