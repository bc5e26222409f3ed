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

// Analyzer is the devm-manual-put rule.
var Analyzer = rules.NewRule("devm_manual_put", doc, run, refs.Analyzer)

// Meta is the rule's default severity and tags.
var Meta = rules.Meta{Level: rules.Warning, Tags: []string{"lifetime", "devres"}}

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
	fix := "remove it and let devres release it"
	if alt := devmVariant(ev.Callee); alt != "" {
		fix = "remove it, or use " + alt + "() if it must go before unbind"
	}
	msg := fmt.Sprintf("%s releases the %s from %s() at line %d by hand, but devres releases it again when the device is unbound: double put of the %s; %s",
		put, flow.Subject(api.Class), api.Name, rules.Line(pass, ev.Ref.Site), flow.Subject(api.Class), fix)
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "device-managed reference taken here by " + api.Name + "()"}},
	})
}

// devmVariant names the devm release matching a plain one, when it exists.
func devmVariant(release string) string {
	switch release {
	case "phy_put":
		return "devm_phy_put"
	case "clk_put":
		return "devm_clk_put"
	case "phy_destroy":
		return "devm_phy_destroy"
	}
	return ""
}
