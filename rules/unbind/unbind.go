// Package unbind defines the unbind-unhandled rule: a provider registry
// whose removal only unlinks objects that consumers may still hold, and PCS
// provider drivers that neither revoke their PCS nor forbid unbinding.
package unbind

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/devlink"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `unbind-unhandled: a provider object goes away on unbind without its holders being told

When a provider driver is unbound, its objects are freed with its private
data. A registry that hands such objects to consumers (a lookup returning
an entry of a global list) must, on unregistration, revoke the object from
the consumers that already hold it: notify them, detach it under the lock
they use (phylink_release_pcs() under rtnl_lock() for a PCS), or keep the
object alive behind a refcounted wrapper. Taking it off the list only
stops new lookups; existing holders keep a dangling pointer.

The rule reports, in a file that implements such a registry (a function
iterating a global list returns its entries and another function hands
them out):
- an unregister function that takes an entry off the list (list_del())
  and never tells holders (no notifier call chain, no revoke function of
  the model such as phylink_release_pcs(), no device_link_del(), no
  callback, no kref_put()/refcount_dec_and_test() of a wrapper; a kref
  release callback, run when the last holder is gone, is not reported);
- a devm registration whose release (devres_alloc(),
  devm_add_action_or_reset()) calls such an unregister function.

It also reports, in a provider driver, a call to a PCS register function of
the model (pcs_register(), devm_pcs_register(), fwnode_pcs_add_provider())
when the file never calls a revoke function of the model and no driver
structure sets .suppress_bind_attrs = true.

Fix: revoke the object from its holders on removal (for a PCS:
fwnode_pcs_del_provider(), then phylink_release_pcs() under rtnl_lock()),
or give consumers a refcounted wrapper that outlives the provider; as a
partial guard, set .suppress_bind_attrs = true in the provider driver
(it covers sysfs unbind only, not module or parent removal).`

// Analyzer is the unbind-unhandled rule.
var Analyzer = rules.NewRule("unbind_unhandled", doc, run)

// Meta is the rule's default severity and tags.
var Meta = rules.Meta{Level: rules.Warning, Tags: []string{"lifetime", "unbind"}}

const fixTail = "revoke it from its holders before it goes (a notifier, or phylink_release_pcs() under rtnl_lock() for a PCS), or at least set .suppress_bind_attrs = true in the provider driver"

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	registries(pass, u)
	drivers(pass, u)
	return nil, nil
}

// registry is a global list whose entries a lookup returns.
type registry struct {
	list   string // the global list head
	elem   string // "struct phylink_pcs"
	lookup *cparse.Func
}

// GlobalListLoop returns the global list head a loop of fn walks and the
// loop variable, for the first such loop ("" when none).
func GlobalListLoop(f *cparse.File, fn *cparse.Func) (list, v string, loop *cparse.For) {
	globals := map[string]bool{}
	for _, g := range f.Globals {
		if g.Type != nil && g.Type.Ptr == 0 && (g.Type.Name == "struct list_head" || g.Type.Name == "struct hlist_head") {
			globals[g.Name] = true
		}
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		fl, ok := n.(*cparse.For)
		if !ok || list != "" {
			return list == ""
		}
		var g string
		for _, e := range []cparse.Node{fl.Init, fl.Cond, fl.Post} {
			if e == nil || g != "" {
				continue
			}
			cparse.Inspect(e, func(n cparse.Node) bool {
				if u, ok := n.(*cparse.Unary); ok && u.Op == "&" {
					if id, ok := cparse.Unparen(u.X).(*cparse.Ident); ok && globals[id.Name] {
						g = id.Name
					}
				}
				return g == ""
			})
		}
		if g == "" {
			return true
		}
		var lv string
		switch in := fl.Init.(type) {
		case *cparse.ExprStmt:
			if a, ok := in.X.(*cparse.Assign); ok {
				if id, ok := cparse.Unparen(a.L).(*cparse.Ident); ok {
					lv = id.Name
				}
			}
		case *cparse.DeclStmt:
			if len(in.Decls) > 0 {
				lv = in.Decls[0].Name
			}
		}
		if lv != "" {
			list, v, loop = g, lv, fl
		}
		return list == ""
	})
	return
}

// LoopEntries is the loop variable v and the variables the loop body
// assigns it to (found = v; break;).
func LoopEntries(loop *cparse.For, v string) map[string]bool {
	entries := map[string]bool{v: true}
	cparse.Inspect(loop.Body, func(n cparse.Node) bool {
		if a, ok := n.(*cparse.Assign); ok && a.Op == "=" {
			if r, ok := cparse.Unparen(a.R).(*cparse.Ident); ok && r.Name == v {
				if l, ok := cparse.Unparen(a.L).(*cparse.Ident); ok {
					entries[l.Name] = true
				}
			}
		}
		return true
	})
	return entries
}

func returnsVar(fn *cparse.Func, vs map[string]bool) bool {
	found := false
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if r, ok := n.(*cparse.Return); ok && r.Result != nil {
			if id, ok := cparse.Unparen(r.Result).(*cparse.Ident); ok && vs[id.Name] {
				found = true
			}
		}
		return !found
	})
	return found
}

func calleesOf(fn *cparse.Func) map[string]bool {
	out := map[string]bool{}
	for _, c := range devlink.Calls(fn.Body) {
		if n := cparse.CalleeName(c); n != "" {
			out[n] = true
		}
	}
	return out
}

func findRegistries(f *cparse.File) []registry {
	byName := map[string]*cparse.Func{}
	callees := map[string]map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Body != nil {
			byName[fn.Name] = fn
			callees[fn.Name] = calleesOf(fn)
		}
	}
	reaches := func(from, to string) bool {
		seen := map[string]bool{}
		var walk func(string, int) bool
		walk = func(n string, d int) bool {
			if n == to {
				return true
			}
			if seen[n] || d > 6 {
				return false
			}
			seen[n] = true
			for c := range callees[n] {
				if byName[c] != nil && walk(c, d+1) {
					return true
				}
			}
			return false
		}
		return walk(from, 0)
	}
	var out []registry
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		list, v, loop := GlobalListLoop(f, fn)
		if list == "" || !returnsVar(fn, LoopEntries(loop, v)) {
			continue
		}
		d := devlink.Locals(fn)[v]
		if d == nil || d.Type == nil || d.Type.Ptr != 1 {
			continue
		}
		elem := d.Type.Name
		handed := !fn.Static && fn.Result.IsPtrTo(elem)
		for _, h := range f.Funcs {
			if handed {
				break
			}
			if h != fn && h.Body != nil && h.Result.IsPtrTo(elem) && reaches(h.Name, fn.Name) {
				handed = true
			}
		}
		if handed {
			out = append(out, registry{list: list, elem: elem, lookup: fn})
		}
	}
	return out
}

// fileScopeList matches a list head declared at file scope, in kernel
// style: at the start of a line.
var fileScopeList = regexp.MustCompile(`(?m)^(?:static\s+)?(?:H?LIST_HEAD\(|struct\s+h?list_head\s+\w+\s*[=;])`)

// MayBeRegistry: a file's text that takes entries off a list and declares a
// list head of its own may implement a registry; from its identifiers and
// raw text, before it is parsed.
func MayBeRegistry(src []byte, idents map[string]bool) bool {
	for d := range listDels {
		if idents[d] {
			return fileScopeList.Match(src)
		}
	}
	return false
}

// listDels take an entry off a list: in a file that hands out entries of a
// file-scope list, the unregistration.
var listDels = map[string]bool{"list_del": true, "list_del_init": true, "list_del_rcu": true, "hlist_del": true, "hlist_del_init": true, "hlist_del_rcu": true}

// tellsDirect reports whether fn itself tells holders.
func tellsDirect(m *model.Model, fn *cparse.Func) bool {
	for _, c := range devlink.Calls(fn.Body) {
		name := cparse.CalleeName(c)
		if name == "" {
			if _, ok := cparse.Unparen(c.Fun).(*cparse.Member); ok {
				return true // a callback
			}
			continue
		}
		if api := m.Lookup(name); api != nil && api.Kind == model.Revoke {
			return true
		}
		switch {
		case strings.Contains(name, "notifier_call_chain"), strings.HasPrefix(name, "call_") && strings.HasSuffix(name, "notifiers"),
			name == "device_link_del", name == "device_link_remove", name == "kref_put", name == "refcount_dec_and_test",
			name == "kref_put_mutex", name == "kref_put_lock":
			return true
		}
	}
	return false
}

func registries(pass *analysis.Pass, u *rules.Unit) {
	f := u.File
	regs := findRegistries(f)
	if len(regs) == 0 {
		return
	}
	byName := map[string]*cparse.Func{}
	for _, fn := range f.Funcs {
		if fn.Body != nil {
			byName[fn.Name] = fn
		}
	}
	tells := map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Body != nil && tellsDirect(u.Model, fn) {
			tells[fn.Name] = true
		}
	}
	for round := 0; round < 5; round++ {
		changed := false
		for _, fn := range f.Funcs {
			if fn.Body == nil || tells[fn.Name] {
				continue
			}
			for c := range calleesOf(fn) {
				if tells[c] && byName[c] != nil {
					tells[fn.Name], changed = true, true
					break
				}
			}
		}
		if !changed {
			break
		}
	}
	type unreg struct {
		reg  registry
		del  *cparse.Call
		name string
	}
	unregs := map[string]unreg{}
	for _, fn := range f.Funcs {
		if fn.Body == nil || tells[fn.Name] || krefRelease(fn) {
			continue
		}
		locals := devlink.Locals(fn)
		for _, r := range regs {
			if fn == r.lookup {
				continue
			}
			var del *cparse.Call
			var obj string
			for _, c := range devlink.Calls(fn.Body) {
				if !listDels[cparse.CalleeName(c)] || len(c.Args) == 0 {
					continue
				}
				root := devlink.Root(c.Args[0])
				if d := locals[root]; d != nil && d.Type != nil && d.Type.Ptr == 1 && d.Type.Name == r.elem {
					del, obj = c, root
					break
				}
			}
			if del == nil {
				continue
			}
			unregs[fn.Name] = unreg{r, del, obj}
			msg := fmt.Sprintf("%s() only takes %s off %s: consumers that already got it from %s() are never told, and keep a dangling pointer once its driver is unbound and frees it; %s",
				fn.Name, obj, r.list, r.lookup.Name, fixTail)
			rules.Report(pass, rules.Finding{Pos: fn.NamePos, Message: msg, Related: []analysis.RelatedInformation{
				{Pos: del.Pos(), Message: "only unlinked here"},
				{Pos: r.lookup.NamePos, Message: r.lookup.Name + "() hands the entries out"},
			}})
			break
		}
	}
	if len(unregs) == 0 {
		return
	}
	// devm registrations whose release calls such an unregister
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		for _, c := range devlink.Calls(fn.Body) {
			name := cparse.CalleeName(c)
			macro := devlink.IdentAt(f, c.Pos())
			if !isDevresRegistration(name) && !isDevresRegistration(macro) {
				continue
			}
			for _, a := range c.Args {
				id, ok := cparse.Unparen(a).(*cparse.Ident)
				if !ok {
					continue
				}
				rel := byName[id.Name]
				if rel == nil || tells[rel.Name] {
					continue
				}
				un, direct := unregs[rel.Name]
				via := rel.Name
				if !direct {
					for callee := range calleesOf(rel) {
						if x, ok := unregs[callee]; ok {
							un, via, direct = x, callee, true
							break
						}
					}
				}
				if !direct {
					continue
				}
				msg := fmt.Sprintf("%s() registers %s() as a devm release, which only takes the object off %s through %s(): on driver unbind, consumers that already got it are never told and keep a dangling pointer; %s",
					fn.Name, rel.Name, un.reg.list, via, fixTail)
				rules.Report(pass, rules.Finding{Pos: c.Pos(), End: c.Rparen, Message: msg, Related: []analysis.RelatedInformation{
					{Pos: rel.NamePos, Message: "the devm release"},
					{Pos: un.del.Pos(), Message: "only unlinked here"},
				}})
				break
			}
		}
	}
}

func isDevresRegistration(name string) bool {
	switch name {
	case "devres_alloc", "__devres_alloc_node", "devres_alloc_node", "devm_add_action", "devm_add_action_or_reset", "__devm_add_action", "__devm_add_action_or_reset", "__devm_add_action_or_ireset":
		return true
	}
	return false
}

// drivers reports PCS registrations in provider drivers that neither
// revoke nor forbid unbinding.
func drivers(pass *analysis.Pass, u *rules.Unit) {
	f := u.File
	defined := map[string]bool{}
	for _, fn := range f.Funcs {
		defined[fn.Name] = true
	}
	type site struct {
		call *cparse.Call
		fn   *cparse.Func
		api  *model.Func
	}
	var regs []site
	revokes := false
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		if api := u.Model.Lookup(fn.Name); api != nil && (api.Kind == model.Register || api.Kind == model.Unregister) {
			continue // the registry's own implementation
		}
		for _, c := range devlink.Calls(fn.Body) {
			name := cparse.CalleeName(c)
			api := u.Model.Lookup(name)
			if api == nil {
				continue
			}
			if api.Kind == model.Revoke {
				revokes = true
			}
			if api.Kind == model.Register && api.Class == "pcs" && !defined[name] {
				regs = append(regs, site{c, fn, api})
			}
		}
	}
	if len(regs) == 0 || revokes || suppressesBind(f) {
		return
	}
	for _, r := range regs {
		msg := fmt.Sprintf("%s() registers a PCS, but this driver neither revokes it from its holders on removal nor forbids unbinding: after unbind the MACs holding it keep a dangling pointer to the freed PCS; call phylink_release_pcs() under rtnl_lock() in the remove path (after unregistering it), or at least set .suppress_bind_attrs = true in the driver (a partial guard: sysfs unbind only)",
			cparse.CalleeName(r.call))
		rules.Report(pass, rules.Finding{Pos: r.call.Pos(), End: r.call.Rparen, Message: msg})
	}
}

// suppressesBind reports whether a global initializer sets
// .suppress_bind_attrs to a non-zero value.
func suppressesBind(f *cparse.File) bool {
	found := false
	for _, g := range f.Globals {
		if g.Init == nil {
			continue
		}
		cparse.Inspect(g.Init, func(n cparse.Node) bool {
			il, ok := n.(*cparse.InitList)
			if !ok {
				return !found
			}
			for _, e := range il.Elts {
				if strings.HasSuffix(strings.Join(e.Field, "."), "suppress_bind_attrs") {
					if lit, ok := cparse.Unparen(e.Value).(*cparse.BasicLit); !ok || (lit.Value != "0" && lit.Value != "false") {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// krefRelease reports whether fn is a kref release callback: it runs when
// the last holder drops its reference, so there is no holder left to tell.
func krefRelease(fn *cparse.Func) bool {
	for _, p := range fn.Params {
		if p.Type.IsPtrTo("struct kref") {
			return true
		}
	}
	return false
}
