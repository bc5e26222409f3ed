// Package all lists pcslint's rules and their metadata.
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

// Interesting is whether naming id can make a file hold a finding of some
// rule: a function of the model, or a name a rule looks for (a driver
// structure's .suppress_bind_attrs). Files naming none are not parsed.
func Interesting(m *model.Model) func(id string) bool {
	return func(id string) bool { return m.Lookup(id) != nil || id == "suppress_bind_attrs" }
}

// Wants is whether a file naming nothing Interesting may still hold a
// finding: a registry of its own for unbind-unhandled.
func Wants(src []byte, idents map[string]bool) bool { return unbind.MayBeRegistry(src, idents) }

// Rule pairs an analyzer with its metadata.
type Rule struct {
	Analyzer *analysis.Analyzer
	Meta     rules.Meta
}

// Rules is every rule, in documentation order.
var Rules = []Rule{
	{moduleref.Analyzer, moduleref.Meta},
	{devlink.Analyzer, devlink.Meta},
	{unbind.Analyzer, unbind.Meta},
	{lookupunlock.Analyzer, lookupunlock.Meta},
	{refleak.Analyzer, refleak.Meta},
	{useafterput.Analyzer, useafterput.Meta},
	{doubleput.Analyzer, doubleput.Meta},
	{devmput.Analyzer, devmput.Meta},
	{errptr.Analyzer, errptr.Meta},
	{removeleak.Analyzer, removeleak.Meta},
}

// Analyzers returns the rules' analyzers, less the disabled ones.
func Analyzers(disabled map[string]bool) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, r := range Rules {
		if !disabled[rules.RuleID(r.Analyzer)] {
			out = append(out, r.Analyzer)
		}
	}
	return out
}

// Meta returns the metadata of every rule by name.
func Meta() map[string]rules.Meta {
	m := map[string]rules.Meta{}
	for _, r := range Rules {
		m[rules.RuleID(r.Analyzer)] = r.Meta
	}
	return m
}
