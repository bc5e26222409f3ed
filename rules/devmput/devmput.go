// Package devmput defines the devm-manual-put rule: a device-managed
// reference released by hand with the non-devm release.
package devmput

import (
	"bytes"
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
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

The same holds for what the devres action does besides the put: kfree() of
devm_kzalloc() memory, mdiobus_free() of a devm_mdiobus_alloc_size() bus,
clk_disable_unprepare() of a devm_clk_get_enabled() clock happen again at
unbind (a double free, an unbalanced disable). Within a function the
dataflow follows the object; across functions (probe allocates, .remove
frees) the rule goes by the object's struct type, when the file allocates
that type only with one devm getter.

Not reported: the devm release (devm_phy_put(), devm_clk_put(),
devm_kfree()), which also removes the devres action; plain getters paired
with plain releases; a type the file also allocates another way.

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
	// No triaged finding yet.
	Standing: rules.Standing{CWE: []int{415}, Severity: "5.5"},
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
	seen := map[token.Pos]bool{}
	for _, fa := range res.Funcs {
		for _, ev := range fa.Events {
			if ev.Kind != flow.ManualDevmRelease || ev.Ref == nil || ev.Ref.API == nil {
				continue
			}
			seen[ev.Pos] = true
			report(pass, ev)
		}
	}
	byType(pass, seen)
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
	var msg, why, fix string
	if rel := m.RefFunc(ev.Callee); rel != nil && rel.Kind == model.Release {
		fix = "remove it and let devres release it"
		if rel.Twin != "" {
			fix = "remove it, or use " + rel.Twin + "() if it must go before unbind"
		}
		msg = fmt.Sprintf("%s releases the %s from %s() at line %d by hand, but devres releases it again when the device is unbound",
			put, noun, api.Name, line)
		why = "double put of the " + noun
	} else {
		// kfree() of devm_kzalloc() memory, clk_disable_unprepare() of a
		// devm_clk_get_enabled() clock: undone twice
		msg = fmt.Sprintf("%s undoes by hand what the devres action of %s() at line %d undoes again when the device is unbound or probe fails",
			put, api.Name, line)
		why = "the " + noun + " is released twice"
		fix = "remove it and let devres do it, or use the non-devm getter"
	}
	rules.Report(pass, rules.Finding{
		Pos:     ev.Pos,
		Message: msg,
		Why:     why,
		Fix:     fix,
		Related: []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "device-managed reference taken here by " + api.Name + "()"}},
	})
}

// byType finds manual undos the dataflow cannot see because the object
// crosses functions: probe allocates it with a devm getter and stores it
// (in a field, or as driver data), and .remove frees it by hand
// (mdiobus_free(bus->mii_bus) of a devm_mdiobus_alloc_size() bus,
// kfree(dev_get_drvdata(dev)) of devm_kzalloc() memory). It works by the
// object's struct type: a struct type the file allocates only with one
// devm getter (every assignment of a value of that type is that getter,
// NULL, or a copy of another such value), freed by hand with one of the
// getter's manual releases. Anything the file assigns to that type from
// another call (kzalloc(), a macro) makes the type unknown.
func byType(pass *analysis.Pass, seen map[token.Pos]bool) {
	u := rules.UnitOf(pass)
	f := u.File
	getter := map[string]*model.Func{} // struct type -> its devm getter
	bad := map[string]bool{}
	note := func(t *cparse.Type, rhs cparse.Expr) {
		if t == nil || t.Ptr != 1 || !strings.HasPrefix(t.Name, "struct ") {
			return
		}
		switch r := stripCasts(rhs).(type) {
		case *cparse.Ident, *cparse.Member, *cparse.Index, *cparse.Unary:
			return // a copy, NULL or an address: says nothing new
		case *cparse.BasicLit:
			return
		case *cparse.Call:
			name := cparse.CalleeName(r)
			if api := u.Model.RefFunc(name); api != nil && api.Kind == model.Devm && len(api.Manual) > 0 {
				if g := getter[t.Name]; g == nil || g == api {
					getter[t.Name] = api
					return
				}
			}
			if u.Model.Is(name, model.DrvData) {
				return
			}
		}
		bad[t.Name] = true
	}
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			switch v := n.(type) {
			case *cparse.VarDecl:
				if v.Init != nil {
					note(v.Type, v.Init)
				}
			case *cparse.Assign:
				if v.Op == "=" {
					note(exprType(f, fn, v.L), v.R)
				}
			}
			return true
		})
	}
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			call, ok := n.(*cparse.Call)
			if !ok || seen[call.Pos()] || len(call.Args) == 0 {
				return true
			}
			name := cparse.CalleeName(call)
			for _, arg := range call.Args {
				t := exprType(f, fn, stripCasts(arg))
				if t == nil || t.Ptr != 1 || bad[t.Name] || getter[t.Name] == nil {
					continue
				}
				api := getter[t.Name]
				for _, m := range api.Manual {
					if m != name {
						continue
					}
					if k := u.Model.Lookup(m); k != nil && k.Kind == model.Disable {
						// a clock disabled in another function (runtime
						// suspend) is toggled, not freed: only the
						// dataflow, within one function, can tell
						continue
					}
					seen[call.Pos()] = true
					msg := fmt.Sprintf("%s frees by hand a %s that this file allocates only with %s(), whose devres action frees it again when the device is unbound",
						flow.ExprString(call), t.Name, api.Name)
					rules.Report(pass, rules.Finding{Pos: call.Pos(), Message: msg, Why: "double free", Fix: "remove it and let devres do it, or allocate with the non-devm allocator"})
					return true
				}
			}
			return true
		})
	}
}

func stripCasts(x cparse.Expr) cparse.Expr {
	for {
		x = cparse.Unparen(x)
		c, ok := x.(*cparse.Cast)
		if !ok {
			return x
		}
		x = c.X
	}
}

// exprType is the declared type of a variable or member chain in fn, nil
// when unknown.
func exprType(f *cparse.File, fn *cparse.Func, x cparse.Expr) *cparse.Type {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		for _, p := range fn.Params {
			if p.Name == v.Name {
				return p.Type
			}
		}
		var t *cparse.Type
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			if d, ok := n.(*cparse.VarDecl); ok && d.Name == v.Name && t == nil {
				t = d.Type
			}
			return t == nil
		})
		if t != nil {
			return t
		}
		for _, g := range f.Globals {
			if g.Name == v.Name {
				return g.Type
			}
		}
	case *cparse.Member:
		bt := exprType(f, fn, v.X)
		if bt == nil {
			return nil
		}
		name := bt.Name
		for i := 0; i < 4; i++ {
			if fields, ok := f.Structs[name]; ok {
				return fields[v.Name]
			}
			td := f.Typedefs[name]
			if td == nil {
				return nil
			}
			name = td.Name
		}
	case *cparse.Index:
		if bt := exprType(f, fn, v.X); bt != nil {
			return &cparse.Type{Name: bt.Name, Ptr: bt.Ptr - 1}
		}
	}
	return nil
}
