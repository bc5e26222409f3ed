// Package refs runs the reference dataflow once per function for the
// rules that read it (ref-leak, double-put, use-after-put, devm-manual-put).
package refs

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
)

// Result holds the analysis of each function of the unit, in file order.
type Result struct {
	Funcs []*flow.Analysis
}

// Analyzer computes Result.
var Analyzer = &analysis.Analyzer{
	Name:       "refs",
	Doc:        "refs tracks acquired references through each function (shared by the reference rules)",
	Requires:   []*analysis.Analyzer{rules.Source},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		u := rules.UnitOf(pass)
		res := &Result{}
		probes := map[string]bool{}
		for _, d := range kernel.Drivers(u.Model, u.File) {
			probes[d.Probe] = true
		}
		for _, fn := range u.File.Funcs {
			res.Funcs = append(res.Funcs, flow.Analyze(fn, flow.Options{Model: u.Model, Summaries: u.Summaries, File: u.File, Probe: probes[fn.Name]}))
		}
		return res, nil
	},
}
