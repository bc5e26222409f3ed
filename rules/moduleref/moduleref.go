// Package moduleref defines the module-ref-guard rule: a module reference
// on a provider's owner used as the only guard of a provider object handed
// to a consumer.
package moduleref

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `module-ref-guard: a provider object is handed out guarded only by a module reference

try_module_get(x->ops->owner) keeps the provider's module text loaded; it
does not keep the provider device bound. The provider can still be
unbound at any moment (sysfs unbind, removal of a parent, probe failure,
hot-removal), and what its driver set up for the object goes with it.
What a get_device() next to it keeps depends on the object: one that
embeds its struct device (a phy, a framer, an mdio_device: get_device(&x->dev))
stays allocated, but the provider's driver data, register mappings and
IRQs its ops use are freed; a phylink_pcs lives in the provider's private
data and only points at the provider's device, so get_device(pcs->dev)
keeps that device, not the PCS. The model says, per class of object, what
unbind frees and which device really unbinds (class type=, embeds,
supplier=, unbind=).

The rule reports try_module_get()/__module_get() on a path ending in
"owner" below the object (x->ops->owner) when the function hands x to its
caller (returns it, stores it through an out-parameter or into a
structure), x belongs to a device (its type is a provider class of the
model, its structure has a struct device, or the function takes a device
reference on it) and the function adds no managed device link whose
result it checks. The finding carries both facts of the defect: the
module reference is no guard, and no managed link replaces it
(devlink-missing does not report the same hand-out again). Same-file
functions that only pass the object on (devm_*(), *_optional_get(),
*_by_index() wrappers) are related locations of the finding, not
findings of their own.

Not reported: functions that add a managed device link
(device_link_add() without DL_FLAG_STATELESS) and check it; module
references dropped again before the object is handed out; module
references on an ops structure itself (x->owner), which does live in
module data; objects with no device of their own (a crypto context the
caller allocated, a protocol or filesystem version found in a module
registry): there the module reference is the right guard.

Fix: add a managed device link from the consumer to the device that
really unbinds (phy->dev.parent for a phy, whose class device &phy->dev
never binds a driver; keep an existing stateless link to &phy->dev for
runtime PM), with device_link_add() without DL_FLAG_STATELESS, e.g.
DL_FLAG_AUTOREMOVE_CONSUMER, and check its result; or give the provider a
revocation path that tells holders before the object goes (e.g.
phylink_release_pcs() under rtnl_lock()).`

// Rule is the module-ref-guard rule.
var Rule = rules.New(rules.Spec{
	ID:    "module-ref-guard",
	Level: rules.Warning,
	Tags:  []string{"lifetime", "unbind"},
	Doc:   doc,
	Run:   run,
	// docs/triage-6.12.md: 3 true of 3 (first table).
	Standing: rules.Standing{True: 3, CWE: []int{416}, Severity: "4.0"},
})

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	guards := map[string][]kernel.ModuleGuard{}
	roots := map[string]bool{}
	for _, fn := range u.File.Funcs {
		if gs := kernel.ModuleGuards(u.Model, u.File, fn); len(gs) > 0 {
			guards[fn.Name] = gs
			roots[fn.Name] = true
		}
	}
	// a thin wrapper (devm_*, *_optional_get) that passes the object on is
	// the same defect: a related location of the root, not a finding
	fwd := kernel.Forwarders(u.File, roots)
	for _, fn := range u.File.Funcs {
		for _, g := range guards[fn.Name] {
			report(pass, u, fn, g, fwd[fn.Name])
		}
	}
	return nil, nil
}

// report words one module-guarded hand-out with both of its facts: the
// module reference is no guard, and no managed device link replaces it
// (devlink-missing leaves such a hand-out to this rule).
func report(pass *analysis.Pass, u *rules.Unit, fn *cparse.Func, g kernel.ModuleGuard, fwd []kernel.Forwarder) {
	m := u.Model
	c := g.Pin
	root := g.Object
	cls := kernel.ObjectClass(m, fn, root)
	link := kernel.LinkAdvice(m)
	role := func(c *cparse.Call) model.Role { return kernel.PinRole(m, c) }
	pins := []*cparse.Call{c}
	guard := cparse.CalleeName(c) + "(" + flow.ExprString(c.Args[0]) + ")"
	if g.GetDev != nil {
		pins = append(pins, g.GetDev)
		guard += " and " + cparse.CalleeName(g.GetDev) + "(" + flow.ExprString(g.GetDev.Args[0]) + ")"
	}
	stateless := kernel.FirstStateless(g.Links)
	var linkFact string
	switch {
	case kernel.Managed(g.Links):
		linkFact = fmt.Sprintf("its managed device link's result is never checked, so when %s() fails nothing guards it; check it and fail the lookup", link.Name)
	default:
		if stateless == nil {
			linkFact = "no device link ties the consumer to the provider: "
		}
		linkFact += kernel.LinkFix(m, cls, root, stateless)
	}
	// the enclosing function is printed before the headline: not again
	head := fmt.Sprintf("hands out %s guarded only by %s, which do not keep the provider bound", root, guard)
	why := kernel.PinsSay(cls, root, pins, role) + "; " + kernel.UnbindSays(cls, root)
	if fw := kernel.FwLinkSays(cls); fw != "" {
		why += "; " + fw
	}
	related := []analysis.RelatedInformation{{Pos: g.Hand.Pos, Message: fmt.Sprintf("%s %s here", root, map[string]string{"returns": "returned", "stores": "stored"}[g.Hand.How])}}
	if g.GetDev != nil {
		what := "keeps the struct device, not the provider's binding"
		if cls != nil && !cls.Embeds {
			what = "keeps the provider's struct device, not the " + cls.Noun
		}
		related = append(related, analysis.RelatedInformation{Pos: g.GetDev.Pos(), Message: cparse.CalleeName(g.GetDev) + "() " + what})
	}
	if stateless != nil {
		related = append(related, analysis.RelatedInformation{Pos: stateless.Call.Pos(), Message: "stateless device link: does not unbind the consumer"})
	}
	for _, w := range fwd {
		if kernel.Managed(kernel.Links(m, u.File, w.Fn)) {
			continue // the wrapper links its consumers itself
		}
		related = append(related, analysis.RelatedInformation{Pos: w.At, Message: fmt.Sprintf("%s() passes it on (the same defect, fixed here)", w.Fn.Name)})
	}
	rules.Report(pass, rules.Finding{Pos: c.Pos(), End: c.Rparen, Message: head, Why: why, Fix: linkFact, Related: related})
}
