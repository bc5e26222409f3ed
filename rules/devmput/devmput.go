// Package devmput defines the devm-manual-put rule: a device-managed
// reference released by hand with the non-devm release.
package devmput

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
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
})

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
	fix := "remove it and let devres release it"
	if rel := m.RefFunc(ev.Callee); rel != nil && rel.Twin != "" {
		fix = "remove it, or use " + rel.Twin + "() if it must go before unbind"
	}
	noun := m.Noun(api.Class)
	msg := fmt.Sprintf("%s releases the %s from %s() at line %d by hand, but devres releases it again when the device is unbound: double put of the %s; %s",
		put, noun, api.Name, rules.Line(pass, ev.Ref.Site), noun, fix)
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "device-managed reference taken here by " + api.Name + "()"}},
	})
}
