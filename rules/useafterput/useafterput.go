// Package useafterput defines the use-after-put rule: an object used after
// the reference that kept it alive was dropped.
package useafterput

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/refs"
)

const doc = `use-after-put: an object is used after its reference was dropped

Once the caller's reference is put (of_node_put(), put_device(),
fwnode_handle_put(), ...), nothing it owns keeps the object alive: the
last other holder can drop its own reference at any time (an overlay is
removed, the provider device is unbound and unregistered) and the object
is freed. Dereferencing the pointer, or passing it on (including to
dev_err(dev, "%pOF", np), which reads the node's name), after the put is a
use-after-free that only shows up under that timing.

Not a use: comparing the pointer, assigning the variable a new reference,
using it on a path where the put did not happen.

Fix: move the put after the last use (an error message included), or take
what is needed (a name, a value) before the put.`

// Rule is the use-after-put rule.
var Rule = rules.New(rules.Spec{
	ID:       "use-after-put",
	Level:    rules.Error,
	Tags:     []string{"lifetime", "refcount", "use-after-free"},
	Doc:      doc,
	Run:      run,
	Requires: []*analysis.Analyzer{refs.Analyzer},
	// No triaged finding yet.
	Standing: rules.Standing{CWE: []int{416, 911}, Severity: "7.0"},
})

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[refs.Analyzer].(*refs.Result)
	for _, fa := range res.Funcs {
		// the first use of each put: the later ones are the same mistake
		seen := map[*flow.Ref]bool{}
		for _, ev := range fa.Events {
			if ev.Kind != flow.UseAfterRelease || ev.Ref == nil || ev.Ref.API == nil || seen[ev.Ref] {
				continue
			}
			seen[ev.Ref] = true
			report(pass, ev)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, ev flow.Event) {
	api := ev.Ref.API
	how := "dereferenced"
	if ev.Use == flow.UsePassed {
		how = "passed to " + ev.UsedBy + "()"
	}
	put := "a put"
	if ev.ReleasedBy != nil && ev.Released.IsValid() {
		put = fmt.Sprintf("%s at line %d", flow.ExprString(ev.ReleasedBy), rules.Line(pass, ev.Released))
	}
	subject := rules.UnitOf(pass).Model.Noun(api.Class)
	what := "the " + subject + " may already be freed"
	if ev.Use == flow.UsePassed {
		what = "the callee reads a " + subject + " that may already be freed"
	}
	msg := fmt.Sprintf("'%s' is %s after %s dropped its reference (from %s() at line %d)",
		ev.Handle, how, put, api.Name, rules.Line(pass, ev.Ref.Site))
	why := "once the last other holder lets go (unbind, removal), " + what
	related := []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "acquired here by " + api.Name + "()"}}
	if ev.Ref.Lent {
		// the put of a count embedded in the object: the object goes with it
		what = "the object may already be freed"
		if ev.Use == flow.UsePassed {
			what = "the callee reads an object that may already be freed"
		}
		msg = fmt.Sprintf("'%s' is %s after %s, which frees it if that was the last reference",
			ev.Handle, how, put)
		why = "the count is embedded in '" + ev.Handle + "': when this put drops the last reference (the other holders gone after unbind or removal), the release callback frees the object"
		if ev.Use == flow.UsePassed {
			why += ", and the callee reads it"
		}
		related = nil
	}
	if ev.Released.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: ev.Released, Message: "reference dropped here"})
	}
	fix := "move the put after the last use, or take what is needed (a name, a value) before it"
	if ev.Ref.Lent {
		fix += "; where the release callback also frees the object's members, leave that freeing to it"
	}
	rules.Report(pass, rules.Finding{Pos: ev.Pos, Message: msg, Why: why, Fix: fix, Related: related})
}
