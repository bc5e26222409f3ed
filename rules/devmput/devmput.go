// Package devmput defines the devm-manual-put rule: a device-managed
// reference released by hand with the non-devm release.
package devmput

import (
	"bytes"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/refs"
)

const doc = `devm-manual-put: a device-managed reference is released by hand

devm_phy_get(), devm_clk_get() and the other devm_ getters register a
devres action that releases the reference when the consumer device is
unbound. Releasing it by hand with the plain release (phy_put(),
clk_put(), ...) leaves that action in place: at unbind, or when probe
fails later, devres releases it a second time, dropping a count owned by
someone else (use-after-free of the provider object), and phy_put() also
removes the device link the devm getter relies on.

Not reported: the devm release (devm_phy_put(), devm_clk_put()), which
also removes the devres action; plain getters paired with plain releases.

Fix: drop the manual release and let devres do it, or use the devm_
release when the object must go early, or use the non-devm getter.`

// Rule is the devm-manual-put rule.
var Rule = rules.New(rules.Spec{
	ID:       "devm-manual-put",
	Level:    rules.Warning,
	Tags:     []string{"lifetime", "devres"},
	Doc:      doc,
	Run:      run,
	Requires: []*analysis.Analyzer{refs.Analyzer},
	Triggers: rules.Triggers{Text: manualText},
})

// manualText: a file naming a common devm getter (devm_kzalloc()), which
// alone does not make it parsed, and one of the calls that must not be
// used on its result (kfree()).
func manualText(m *model.Model) func(src []byte, idents map[string]bool) bool {
	type pair struct{ get, undo [][]byte }
	var ps []pair
	for _, f := range m.OfKind(model.Devm) {
		if !f.Common || len(f.Manual) == 0 {
			continue
		}
		p := pair{get: [][]byte{[]byte(f.Name + "(")}}
		for _, u := range f.Manual {
			p.undo = append(p.undo, []byte(u+"("))
		}
		ps = append(ps, p)
	}
	return func(src []byte, idents map[string]bool) bool {
		for _, p := range ps {
			if !bytes.Contains(src, p.get[0]) {
				continue
			}
			for _, u := range p.undo {
				if bytes.Contains(src, u) {
					return true
				}
			}
		}
		return false
	}
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[refs.Analyzer].(*refs.Result)
	for _, fa := range res.Funcs {
		for _, ev := range fa.Events {
			if ev.Kind != flow.ManualDevmRelease || ev.Ref == nil || ev.Ref.API == nil {
				continue
			}
			report(pass, ev)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, ev flow.Event) {
	api := ev.Ref.API
	put := ev.Callee + "()"
	if ev.Call != nil {
		put = flow.ExprString(ev.Call)
	}
	m := rules.UnitOf(pass).Model
	noun := m.Noun(api.Class)
	line := rules.Line(pass, ev.Ref.Site)
	var msg string
	if rel := m.RefFunc(ev.Callee); rel != nil && rel.Kind == model.Release {
		fix := "remove it and let devres release it"
		if rel.Twin != "" {
			fix = "remove it, or use " + rel.Twin + "() if it must go before unbind"
		}
		msg = fmt.Sprintf("%s releases the %s from %s() at line %d by hand, but devres releases it again when the device is unbound: double put of the %s; %s",
			put, noun, api.Name, line, noun, fix)
	} else {
		// kfree() of devm_kzalloc() memory, clk_disable_unprepare() of a
		// devm_clk_get_enabled() clock: undone twice
		msg = fmt.Sprintf("%s undoes by hand what the devres action of %s() at line %d undoes again when the device is unbound or probe fails: the %s is released twice; remove it and let devres do it, or use the non-devm getter",
			put, api.Name, line, noun)
	}
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "device-managed reference taken here by " + api.Name + "()"}},
	})
}
