package gensupport

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStructFields(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.go")
	require.NoError(t, os.WriteFile(file, []byte(`package x

type A struct {
	Name, Other string
	When        *time.Time
	List        []map[string]int
}

type B int
`), 0o644))
	fields, err := StructFields(file, "A")
	require.NoError(t, err)
	assert.Equal(t, []Field{{"Name", "string"}, {"Other", "string"}, {"When", "*time.Time"}, {"List", "[]map[string]int"}}, fields)

	_, err = StructFields(file, "B")
	assert.ErrorContains(t, err, "not a struct")
	_, err = StructFields(file, "C")
	assert.ErrorContains(t, err, "no type C")
	_, err = StructFields(filepath.Join(t.TempDir(), "missing.go"), "A")
	assert.Error(t, err)
}

type local struct{}

func TestTypeNamer(t *testing.T) {
	n := TypeNamer{Local: reflect.TypeFor[local]().PkgPath()}
	for typ, want := range map[reflect.Type]string{
		reflect.TypeFor[*time.Time]():              "*time.Time",
		reflect.TypeFor[[]map[string][2]int]():     "[]map[string][2]int",
		reflect.TypeFor[local]():                   "local",
		reflect.TypeFor[map[time.Month][]*local](): "map[time.Month][]*local",
	} {
		got, err := n.Name(typ)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	assert.Equal(t, map[string]string{"time": "time"}, n.Imports)
	_, err := n.Name(reflect.TypeFor[chan int]())
	assert.Error(t, err)
}
