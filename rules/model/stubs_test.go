package model_test

import (
	"testing"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// Every function the model names is declared in the stub headers, which
// fixtures and standalone files are analyzed with, taking the arguments
// the entry names: a model entry the stubs lack cannot have a fixture
// that includes its header like a driver would.
func TestModelFunctionsAreInStubs(t *testing.T) {
	decls, err := cparse.StubArities()
	if err != nil {
		t.Fatal(err)
	}
	// the arities are read right: a fixed, a void, a variadic function and
	// a macro
	for name, want := range map[string]cparse.Arity{
		"of_parse_phandle_with_args": {Min: 5, Max: 5},
		"rtnl_lock":                  {Min: 0, Max: 0},
		"_dev_err":                   {Min: 2, Max: -1},
		"devm_add_action_or_reset":   {Min: 3, Max: 3, Macro: true},
	} {
		if decls[name] != want {
			t.Errorf("%s: arity %+v, want %+v", name, decls[name], want)
		}
	}
	for _, f := range model.Builtin().All() {
		if f.Kind == model.NotAPI {
			continue
		}
		d, ok := decls[f.Name]
		if !ok {
			t.Errorf("%s (%s): declared in no stub header (cparse/include)", f.Name, f.Kind)
			continue
		}
		for _, r := range []*model.Ref{&f.Ref, f.Drops, f.Keeps, f.Holds, f.Action, f.Data, f.Flags} {
			if r != nil && !r.Ret && d.Max >= 0 && r.Arg >= d.Max {
				t.Errorf("%s: the model names arg%d, the stub takes %d arguments", f.Name, r.Arg, d.Max)
			}
		}
	}
}
