// Package gensupport holds what the project's code generators share:
// reading a struct declaration from source without importing its package,
// and naming reflect types as Go source.
package gensupport

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
)

// Field is one field of a struct as declared in source.
type Field struct {
	// Name is the field's name.
	Name string
	// Type is the field's type as written, such as "*types.ModelArtifacts".
	Type string
}

// StructFields parses file and returns the fields of the struct type named
// typeName, in declaration order. Generators use it for the package they
// generate into, which they cannot import.
func StructFields(file, typeName string) ([]Field, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var fields []Field
	var found bool
	var ferr error
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != typeName || found {
			return !found
		}
		found = true
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			ferr = fmt.Errorf("%s: %s is not a struct type", file, typeName)
			return false
		}
		for _, fld := range st.Fields.List {
			var typ bytes.Buffer
			if err := format.Node(&typ, fset, fld.Type); err != nil {
				ferr = err
				return false
			}
			for _, id := range fld.Names {
				fields = append(fields, Field{Name: id.Name, Type: typ.String()})
			}
		}
		return false
	})
	if ferr != nil {
		return nil, ferr
	}
	if !found {
		return nil, fmt.Errorf("%s: no type %s", file, typeName)
	}
	return fields, nil
}

// TypeNamer writes reflect types as Go source and collects the imports the
// names need.
type TypeNamer struct {
	// Local is the import path of the package the code is generated into;
	// its types are named without a qualifier.
	Local string
	// Imports maps package names to import paths, filled as types are
	// named.
	Imports map[string]string
}

// Name returns t as Go source: a named type with its package qualifier,
// or a pointer, slice, array or map of such.
func (n *TypeNamer) Name(t reflect.Type) (string, error) {
	if t.Name() != "" {
		if t.PkgPath() == "" || t.PkgPath() == n.Local {
			return t.Name(), nil
		}
		pkgName, _, ok := strings.Cut(t.String(), ".")
		if !ok {
			return "", fmt.Errorf("cannot name type %s", t)
		}
		if n.Imports == nil {
			n.Imports = map[string]string{}
		}
		if prev, ok := n.Imports[pkgName]; ok && prev != t.PkgPath() {
			return "", fmt.Errorf("packages %q and %q are both named %s", prev, t.PkgPath(), pkgName)
		}
		n.Imports[pkgName] = t.PkgPath()
		return t.String(), nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		e, err := n.Name(t.Elem())
		return "*" + e, err
	case reflect.Slice:
		e, err := n.Name(t.Elem())
		return "[]" + e, err
	case reflect.Array:
		e, err := n.Name(t.Elem())
		return fmt.Sprintf("[%d]%s", t.Len(), e), err
	case reflect.Map:
		k, err := n.Name(t.Key())
		if err != nil {
			return "", err
		}
		v, err := n.Name(t.Elem())
		return "map[" + k + "]" + v, err
	}
	return "", fmt.Errorf("cannot name type %s", t)
}
