// Package unbind defines the unbind-unhandled rule: a provider registry
// whose removal only unlinks objects that consumers may still hold, and PCS
// provider drivers that neither revoke their PCS nor forbid unbinding.
package unbind

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
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
iterating a global list returns its entries, another function hands them
out, and the entries belong to a device: their structure has a struct
device or a pointer to one; a registry of static structures registered at
module init, such as a subsystem's drivers, lives as long as its modules):
- an unregister function that takes an entry off the list (list_del())
  and never tells holders (no notifier call chain, no revoke function of
  the model such as phylink_release_pcs(), no device_link_del(), no
  callback, no kref_put()/refcount_dec_and_test() of a wrapper; a kref
  release callback, run when the last holder is gone, is not reported);
- a devm registration whose release (devres_alloc(),
  devm_add_action_or_reset()) calls such an unregister function.
Not reported: registries whose lookup counts the entry it hands out
(kref_get() under the lock: holders keep it), and files that already
protect consumers (a managed device link added by the hand-out, or every
driver structure of the file forbidding unbind).

It also reports, in a provider driver, a call to a PCS register function of
the model (pcs_register(), devm_pcs_register(), fwnode_pcs_add_provider())
when the file never calls a revoke function of the model and no driver
structure sets .suppress_bind_attrs = true.

Fix: revoke the object from its holders on removal (for a PCS:
fwnode_pcs_del_provider(), then phylink_release_pcs() under rtnl_lock()),
or give consumers a refcounted wrapper that outlives the provider; as a
partial guard, set .suppress_bind_attrs = true in the provider driver
(it covers sysfs unbind only, not module removal, the removal of a parent
or hot-removal such as a PCI device going away).`

// Rule is the unbind-unhandled rule.
var Rule = rules.New(rules.Spec{
	ID:       "unbind-unhandled",
	Level:    rules.Warning,
	Tags:     []string{"lifetime", "unbind"},
	Doc:      doc,
	Run:      run,
	Triggers: rules.Triggers{FieldRoles: []model.Role{model.RoleNoUnbind}, Text: kernel.RegistryText},
	// No triaged finding yet.
	Standing: rules.Standing{CWE: []int{416}, Severity: "4.0"},
})

// noUnbindCovers is what forbidding sysfs unbind leaves open: the driver
// core still unbinds on module removal, a parent's removal and hot-removal
// (a PCI device going away).
const noUnbindCovers = "it stops sysfs unbind only, not module removal, the removal of a parent or hot-removal such as a PCI device going away"

// fixTail is the advice of a registry finding on entries of type elem:
// the model's revoke function for that kind of object when it has one (a
// PCS's is no advice for another subsystem's entries), else a notifier.
func fixTail(m *model.Model, elem string) string {
	revoke := "a notifier, or detaching it from its users under the lock they use"
	if c := m.ClassOfType(elem); c != nil && len(m.Revokes(c.Name)) > 0 {
		revoke = "a notifier, or " + kernel.RevokeAdvice(m, c.Name)
	}
	return fmt.Sprintf("revoke it from its holders before it goes (%s); %s in the provider driver is only a partial guard (%s)",
		revoke, kernel.NoUnbindAdvice(m), noUnbindCovers)
}

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

func countsEntry(m *model.Model, fn *cparse.Func, entries map[string]bool) bool {
	for _, c := range kernel.Calls(fn.Body) {
		if len(c.Args) > 0 && m.Is(cparse.CalleeName(c), model.CountGet) && entries[kernel.Root(c.Args[0])] {
			return true
		}
	}
	return false
}

// protected says whether the file already keeps consumers from outliving
// the provider: a managed device link some function adds (the driver core
// unbinds the consumer first), or every driver structure of the file
// forbidding unbind.
func protected(m *model.Model, f *cparse.File) bool {
	for _, fn := range f.Funcs {
		if fn.Body != nil && kernel.Managed(kernel.Links(m, f, fn)) {
			return true
		}
	}
	ds := kernel.Drivers(m, f)
	if len(ds) == 0 {
		return false
	}
	for _, d := range ds {
		if !d.NoUnbind {
			return false
		}
	}
	return true
}

func findRegistries(m *model.Model, f *cparse.File, g *kernel.Graph) []registry {
	var out []registry
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		list, v, loop := kernel.GlobalListLoop(m, f, fn)
		if list == "" || !returnsVar(fn, kernel.LoopEntries(loop, v)) {
			continue
		}
		d := kernel.Locals(fn)[v]
		if d == nil || d.Type == nil || d.Type.Ptr != 1 {
			continue
		}
		elem := d.Type.Name
		// entries with no struct device (a subsystem's drivers, registered
		// at module init) live as long as their modules, which the module
		// references of their users pin: no unbind frees them
		if !kernel.HasDevice(m, f, elem) {
			continue
		}
		// a lookup that counts the entry it returns (kref_get()) hands out
		// a refcounted entry: its holders keep it, unregistering does not
		// free it under them
		if countsEntry(m, fn, kernel.LoopEntries(loop, v)) {
			continue
		}
		handed := !fn.Static && fn.Result.IsPtrTo(elem)
		for _, h := range f.Funcs {
			if handed {
				break
			}
			if h != fn && h.Body != nil && h.Result.IsPtrTo(elem) && g.Reaches(h.Name, fn.Name, 6) {
				handed = true
			}
		}
		if handed {
			out = append(out, registry{list: list, elem: elem, lookup: fn})
		}
	}
	return out
}

// tellsDirect reports whether fn itself tells holders: a callback, a
// revoke function, a notifier chain, the removal of a device link, or the
// put of a refcounted wrapper.
func tellsDirect(m *model.Model, fn *cparse.Func) bool {
	for _, c := range kernel.Calls(fn.Body) {
		name := cparse.CalleeName(c)
		if name == "" {
			if _, ok := cparse.Unparen(c.Fun).(*cparse.Member); ok {
				return true // a callback
			}
			continue
		}
		if api := m.Lookup(name); api != nil {
			switch {
			case api.Kind == model.Revoke, api.Kind == model.Tell, api.Kind == model.CountPut,
				api.Kind == model.Release && m.Class(api.Class).Role == model.RoleLink:
				return true
			}
		}
	}
	return false
}

func registries(pass *analysis.Pass, u *rules.Unit) {
	f := u.File
	g := kernel.NewGraph(f)
	regs := findRegistries(u.Model, f, g)
	if len(regs) == 0 || protected(u.Model, f) {
		return
	}
	byName := g.Funcs
	tells := map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Body != nil && tellsDirect(u.Model, fn) {
			tells[fn.Name] = true
		}
	}
	g.Closure(f, tells, 5)
	type unreg struct {
		reg  registry
		del  *cparse.Call
		name string
	}
	unregs := map[string]unreg{}
	for _, fn := range f.Funcs {
		if fn.Body == nil || tells[fn.Name] || krefRelease(u.Model, fn) {
			continue
		}
		locals := kernel.Locals(fn)
		for _, r := range regs {
			if fn == r.lookup {
				continue
			}
			var del *cparse.Call
			var obj string
			for _, c := range kernel.Calls(fn.Body) {
				if !u.Model.Is(cparse.CalleeName(c), model.Unlist) || len(c.Args) == 0 {
					continue
				}
				root := kernel.Root(c.Args[0])
				if d := locals[root]; d != nil && d.Type != nil && d.Type.Ptr == 1 && d.Type.Name == r.elem {
					del, obj = c, root
					break
				}
			}
			if del == nil {
				continue
			}
			unregs[fn.Name] = unreg{r, del, obj}
			// reported at fn, whose name the report prints first: not again
			msg := fmt.Sprintf("only takes %s off %s: consumers that already got it from %s() are never told",
				obj, r.list, r.lookup.Name)
			rules.Report(pass, rules.Finding{Pos: fn.NamePos, Message: msg, Why: "they keep a dangling pointer once its driver is unbound and frees it", Fix: fixTail(u.Model, r.elem), Related: []analysis.RelatedInformation{
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
		for _, c := range kernel.Calls(fn.Body) {
			if !u.Model.Is(cparse.CalleeName(c), model.Devres) && !u.Model.Is(f.IdentAt(c.Pos()), model.Devres) {
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
					for callee := range g.Callees(rel.Name) {
						if x, ok := unregs[callee]; ok {
							un, via, direct = x, callee, true
							break
						}
					}
				}
				if !direct {
					continue
				}
				msg := fmt.Sprintf("registers %s() as a devm release, which only takes the object off %s through %s()",
					rel.Name, un.reg.list, via)
				rules.Report(pass, rules.Finding{Pos: c.Pos(), End: c.Rparen, Message: msg, Why: "on driver unbind, consumers that already got it are never told and keep a dangling pointer", Fix: fixTail(u.Model, un.reg.elem), Related: []analysis.RelatedInformation{
					{Pos: rel.NamePos, Message: "the devm release"},
					{Pos: un.del.Pos(), Message: "only unlinked here"},
				}})
				break
			}
		}
	}
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
		if api := u.Model.RefFunc(fn.Name); api != nil && (api.Kind == model.Register || api.Kind == model.Unregister) {
			continue // the registry's own implementation
		}
		for _, c := range kernel.Calls(fn.Body) {
			name := cparse.CalleeName(c)
			api := u.Model.RefFunc(name)
			if api == nil {
				continue
			}
			if api.Kind == model.Revoke {
				revokes = true
			}
			// a provider object whose class has a revocation path: the
			// driver registering it must use it
			if api.Kind == model.Register && len(u.Model.Revokes(api.Class)) > 0 && !defined[name] {
				regs = append(regs, site{c, fn, api})
			}
		}
	}
	if len(regs) == 0 || revokes || kernel.SuppressesBind(u.Model, f) {
		return
	}
	for _, r := range regs {
		noun := u.Model.Noun(r.api.Class)
		msg := fmt.Sprintf("%s() registers a %s, but this driver neither revokes it from its holders on removal nor forbids unbinding",
			flow.Written(f, r.call), noun)
		fix := fmt.Sprintf("call %s in the remove path (after unregistering it), or at least set %s in the driver (a partial guard: %s)",
			kernel.RevokeAdvice(u.Model, r.api.Class), kernel.NoUnbindAdvice(u.Model), noUnbindCovers)
		rules.Report(pass, rules.Finding{Pos: r.call.Pos(), End: r.call.Rparen, Message: msg, Why: fmt.Sprintf("after unbind the MACs holding it keep a dangling pointer to the freed %s", noun), Fix: fix})
	}
}

// krefRelease reports whether fn is a kref release callback: it runs when
// the last holder drops its reference, so there is no holder left to tell.
func krefRelease(m *model.Model, fn *cparse.Func) bool {
	for _, p := range fn.Params {
		if p.Type != nil && p.Type.Ptr == 1 && m.TypeRole(p.Type.Name) == model.RoleKref {
			return true
		}
	}
	return false
}
