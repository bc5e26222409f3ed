// Package all lists pcslint's rules.
package all

import (
	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/devlink"
	"github.com/pcslint/pcslint/rules/devmput"
	"github.com/pcslint/pcslint/rules/doubleput"
	"github.com/pcslint/pcslint/rules/errptr"
	"github.com/pcslint/pcslint/rules/lookupunlock"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/moduleref"
	"github.com/pcslint/pcslint/rules/refleak"
	"github.com/pcslint/pcslint/rules/removeleak"
	"github.com/pcslint/pcslint/rules/unbind"
	"github.com/pcslint/pcslint/rules/useafterput"
)

// Rules is every rule, in documentation order.
var Rules = []*rules.Rule{
	moduleref.Rule,
	devlink.Rule,
	unbind.Rule,
	lookupunlock.Rule,
	refleak.Rule,
	useafterput.Rule,
	doubleput.Rule,
	devmput.Rule,
	errptr.Rule,
	removeleak.Rule,
}

// Interesting is whether naming id can make a file hold a finding of some
// rule: a function of one of the model's reference kinds (not a common
// one: devm_kzalloc() alone says nothing), or a member name
// a rule's triggers name (a driver structure's .suppress_bind_attrs).
// Files naming none are not parsed.
func Interesting(m *model.Model) func(id string) bool {
	fields := map[string]bool{}
	for _, r := range Rules {
		for _, role := range r.Triggers.FieldRoles {
			for _, f := range m.Fields(role) {
				fields[f] = true
			}
		}
	}
	return func(id string) bool {
		if f := m.RefFunc(id); f != nil {
			return !f.Common
		}
		return fields[id]
	}
}

// Wants is whether a file naming nothing Interesting may still hold a
// finding: its raw text passes some rule's Triggers.Text (a registry of
// its own for unbind-unhandled).
func Wants(m *model.Model) func(src []byte, idents map[string]bool) bool {
	var tests []func([]byte, map[string]bool) bool
	for _, r := range Rules {
		if r.Triggers.Text != nil {
			tests = append(tests, r.Triggers.Text(m))
		}
	}
	return func(src []byte, idents map[string]bool) bool {
		for _, t := range tests {
			if t(src, idents) {
				return true
			}
		}
		return false
	}
}

// Analyzers returns the rules' analyzers, less the disabled ones.
func Analyzers(disabled map[string]bool) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, r := range Rules {
		if !disabled[r.ID] {
			out = append(out, r.Analyzer)
		}
	}
	return out
}

// Meta returns the metadata of every rule by name.
func Meta() map[string]rules.Meta {
	m := map[string]rules.Meta{}
	for _, r := range Rules {
		m[r.ID] = r.Meta()
	}
	return m
}
