// Package doubleput defines the double-put rule: a reference dropped again
// after it was already dropped on every path reaching the put.
package doubleput

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/refs"
)

const doc = `double-put: a reference is dropped twice

Every put must match one get. A second put of the same reference (an
explicit second of_node_put(), a put under an error label that the failing
path already did, a put inside for_each_child_of_node() before continue,
which the iterator's next step repeats, a hand put of a __free() variable,
whose cleanup puts again) drops a count somebody else owns: the object can
be freed while the device tree, the driver core or another driver still
uses it, which shows up as a use-after-free when the device is unbound or
the node is released, often far from the bug.

Also reported: putting the loop variable after a for_each_*() loop that can
only end by running out, where the variable is NULL and each element was
already dropped by the iterator: the put does nothing and hides a
misunderstanding of who owns the reference.

Not a double put: a put after a new get of the same object (of_node_get()),
puts on different paths, a put after the variable was given a new
reference, a __free() variable handed off with no_free_ptr() or cleared.

Fix: remove the extra put; inside for_each_*() loops, put the child only
before leaving the loop (break, goto, return).`

// Rule is the double-put rule.
var Rule = rules.New(rules.Spec{
	ID:       "double-put",
	Level:    rules.Error,
	Tags:     []string{"lifetime", "refcount"},
	Doc:      doc,
	Run:      run,
	Requires: []*analysis.Analyzer{refs.Analyzer},
	// No triaged finding yet.
	Standing: rules.Standing{CWE: []int{415, 911}, Severity: "7.0"},
})

func run(pass *analysis.Pass) (any, error) {
	unit := rules.UnitOf(pass)
	res := pass.ResultOf[refs.Analyzer].(*refs.Result)
	for _, fa := range res.Funcs {
		for _, ev := range fa.Events {
			if ev.Ref == nil || ev.Ref.API == nil {
				continue
			}
			switch ev.Kind {
			case flow.DoubleRelease:
				switch {
				case ev.ByIterator:
					iterator(pass, unit.File, ev)
				case ev.Cleanup != nil:
					cleanup(pass, ev)
				default:
					twice(pass, unit.File, ev)
				}
			case flow.PutAfterLoop:
				afterLoop(pass, unit.File, ev)
			}
		}
	}
	return nil, nil
}

func put(c *cparse.Call, fallback string) string {
	if c == nil {
		return fallback + "()"
	}
	return flow.ExprString(c)
}

func iterator(pass *analysis.Pass, f *cparse.File, ev flow.Event) {
	pos := ev.Released
	if !pos.IsValid() {
		pos = ev.Pos
	}
	p := put(ev.ReleasedBy, "the put")
	subject := rules.UnitOf(pass).Model.Noun(ev.Ref.API.Class)
	var msg, why, fix string
	if m := flow.MacroAt(f, ev.Call); m != "" {
		fix = "remove this put: the iterator drops each element itself"
		if _, ok := ev.Jump.(*cparse.Continue); ok {
			fix = "remove the put before continue: the iterator drops each element itself"
		}
		msg = fmt.Sprintf("%s drops the reference that %s() at line %d drops again on its next step", p, m, rules.Line(pass, ev.Pos))
		why = fmt.Sprintf("the %s's refcount goes one too low and it can be freed while still in use", subject)
	} else {
		msg = fmt.Sprintf("%s drops the reference that %s() at line %d drops again (it puts the %s it starts from)",
			p, ev.Callee, rules.Line(pass, ev.Pos), subject)
		why = fmt.Sprintf("the refcount goes one too low and the %s can be freed while still in use", subject)
		fix = "remove the put, or take another reference first"
	}
	rules.Report(pass, rules.Finding{
		Pos:     pos,
		Message: msg,
		Why:     why,
		Fix:     fix,
		Related: []analysis.RelatedInformation{{Pos: ev.Pos, Message: "dropped again here by " + ev.Callee + "()"}},
	})
}

func twice(pass *analysis.Pass, f *cparse.File, ev flow.Event) {
	api := ev.Ref.API
	first := "an earlier put"
	if ev.ReleasedBy != nil && ev.Released.IsValid() {
		first = fmt.Sprintf("%s at line %d", put(ev.ReleasedBy, ""), rules.Line(pass, ev.Released))
		if reg := rules.UnitOf(pass).Model.Lookup(cparse.CalleeName(ev.ReleasedBy)); reg != nil && reg.Kind == model.Devres && reg.Reset {
			first = fmt.Sprintf("%s() at line %d, which runs its action at once when it fails,", flow.Written(f, ev.ReleasedBy), rules.Line(pass, ev.Released))
		}
	}
	msg := fmt.Sprintf("%s drops the reference from %s() at line %d a second time: %s already dropped it",
		put(ev.Call, ev.Callee), api.Name, rules.Line(pass, ev.Ref.Site), first)
	why := fmt.Sprintf("the %s's refcount goes one too low and it can be freed while still in use", rules.UnitOf(pass).Model.Noun(api.Class))
	related := []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "acquired here by " + api.Name + "()"}}
	if ev.Released.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: ev.Released, Message: "first dropped here"})
	}
	rules.Report(pass, rules.Finding{Pos: ev.Pos, Message: msg, Why: why, Fix: "remove one of the puts", Related: related})
}

func cleanup(pass *analysis.Pass, ev flow.Event) {
	m := rules.UnitOf(pass).Model
	d := ev.Cleanup
	steal := "a steal of the pointer"
	if f := m.First(model.Steal); f != nil {
		steal = f.Name + "(" + d.Name + ")"
	}
	msg := fmt.Sprintf("%s drops the reference of %s variable '%s', whose cleanup drops it again when '%s' goes out of scope",
		put(ev.ReleasedBy, ev.Callee), model.FreeSpelling(d.Cleanup), d.Name, d.Name)
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Why:     fmt.Sprintf("the %s's refcount goes one too low", m.Noun(ev.Ref.API.Class)),
		Fix:     "remove the put, or take the reference out with " + steal + " first",
		Related: []analysis.RelatedInformation{{Pos: d.NamePos, Message: "cleanup variable declared here"}},
	})
}

func afterLoop(pass *analysis.Pass, f *cparse.File, ev flow.Event) {
	if flow.MacroAt(f, ev.Ref.Call) == "" {
		return // a lookup that drops its start node, not a for_each loop
	}
	v := "the loop variable"
	if ev.Call != nil && len(ev.Call.Args) > 0 {
		v = "'" + flow.ExprString(ev.Call.Args[len(ev.Call.Args)-1]) + "'"
	}
	msg := fmt.Sprintf("%s after the %s loop at line %d drops nothing: the loop only ends here by running out, when %s is NULL",
		put(ev.Call, ev.Callee), flow.MacroAt(f, ev.Ref.Call)+"()", rules.Line(pass, ev.Ref.Site), v)
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Why:     "the iterator has dropped every element; the put becomes a double put once a path leaves the loop after putting the element",
		Fix:     "remove it",
		Related: []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "loop here"}},
	})
}
