// Package moduleref defines the module-ref-guard rule: a module reference
// on a provider's owner used as the only guard of a provider object handed
// to a consumer.
package moduleref

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `module-ref-guard: a provider object is handed out guarded only by a module reference

try_module_get(x->ops->owner) keeps the provider's module text loaded; it
does not keep the provider device bound, nor its driver data allocated.
The provider can still be unbound at any moment (sysfs unbind, removal of
a parent, probe failure), and its driver then frees the object (a PCS, a
PHY, ...) embedded in its private data while the consumer still holds a
pointer to it. get_device() next to it does not help: it pins only the
struct device memory, not the driver's data.

The rule reports try_module_get()/__module_get() on a path ending in
"owner" below the object (x->ops->owner) when the function hands x to its
caller (returns it, stores it through an out-parameter or into a
structure) and adds no managed device link whose result it checks.

Not reported: functions that add a managed device link
(device_link_add() without DL_FLAG_STATELESS); module references dropped
again before the object is handed out; module references on an ops
structure itself (x->owner), which does live in module data.

Fix: add a managed device link from the consumer to the provider
(device_link_add() without DL_FLAG_STATELESS, e.g.
DL_FLAG_AUTOREMOVE_CONSUMER, and check its result), or give the provider a
revocation path that tells holders before the object goes (e.g.
phylink_release_pcs() under rtnl_lock()).`

// Rule is the module-ref-guard rule.
var Rule = rules.New(rules.Spec{
	ID:    "module-ref-guard",
	Level: rules.Warning,
	Tags:  []string{"lifetime", "unbind"},
	Doc:   doc,
	Run:   run,
})

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	for _, fn := range u.File.Funcs {
		if fn.Body != nil {
			check(pass, u, fn)
		}
	}
	return nil, nil
}

// stmtCall is a call with its conditional depth in the function.
type stmtCall struct {
	call  *cparse.Call
	depth int
}

func check(pass *analysis.Pass, u *rules.Unit, fn *cparse.Func) {
	m := u.Model
	links := kernel.Links(m, u.File, fn)
	if kernel.ManagedChecked(links) {
		return
	}
	link := kernel.LinkAdvice(m)
	hand := kernel.Handouts(fn)
	calls := callsWithDepth(fn.Body)
	for _, sc := range calls {
		c := sc.call
		name := cparse.CalleeName(c)
		if kernel.PinRole(m, c) != model.RoleModule || len(c.Args) != 1 {
			continue
		}
		// x->ops->owner: the owner of the object's ops; x->owner is an
		// ops-like structure living in module data itself.
		if !kernel.OwnerOfOps(m, c.Args[0]) {
			continue
		}
		path := kernel.PathOf(c.Args[0])
		root := kernel.Root(c.Args[0])
		h, ok := kernel.After(hand[root], c.Pos())
		if !ok {
			continue
		}
		if droppedBefore(m, calls, path, c.Pos(), h.Pos) {
			continue
		}
		var getDev *cparse.Call
		for _, o := range calls {
			oc := o.call
			if kernel.PinRole(m, oc) == model.RoleDevice && len(oc.Args) == 1 && kernel.Root(oc.Args[0]) == root {
				getDev = oc
				break
			}
		}
		mod := name + "(" + flow.ExprString(c.Args[0]) + ")"
		var msg string
		if getDev != nil {
			gd := cparse.CalleeName(getDev) + "(" + flow.ExprString(getDev.Args[0]) + ")"
			msg = fmt.Sprintf("%s() hands out %s guarded only by %s and %s: the module reference pins the provider's module code and %s() pins only struct device memory, not %s, which its driver frees on unbind; add a managed device link (%s() without %s) or a revocation path",
				fn.Name, root, mod, gd, cparse.CalleeName(getDev), root, link.Name, link.StatelessFlag)
		} else {
			msg = fmt.Sprintf("%s() hands out %s guarded only by %s: that pins the provider's module code, not %s, which its driver frees on unbind; add a managed device link (%s() without %s) or a revocation path",
				fn.Name, root, mod, root, link.Name, link.StatelessFlag)
		}
		related := []analysis.RelatedInformation{{Pos: h.Pos, Message: fmt.Sprintf("%s %s here", root, map[string]string{"returns": "returned", "stores": "stored"}[h.How])}}
		if getDev != nil {
			related = append(related, analysis.RelatedInformation{Pos: getDev.Pos(), Message: cparse.CalleeName(getDev) + "() pins only struct device memory"})
		}
		if kernel.Managed(links) {
			msg += fmt.Sprintf(" (its managed device link's result is never checked: when %s() fails there is no guard)", link.Name)
		} else if l := kernel.FirstStateless(links); l != nil {
			msg += fmt.Sprintf(" (its device link is %s: ordering only)", link.StatelessFlag)
			related = append(related, analysis.RelatedInformation{Pos: l.Call.Pos(), Message: "stateless device link: does not unbind the consumer"})
		}
		rules.Report(pass, rules.Finding{Pos: c.Pos(), End: c.Rparen, Message: msg, Related: related})
	}
}

// droppedBefore reports whether the module reference on path is dropped
// unconditionally between the get and the hand-out.
func droppedBefore(m *model.Model, calls []stmtCall, path string, from, to token.Pos) bool {
	for _, sc := range calls {
		c := sc.call
		rel := m.IsRelease(cparse.CalleeName(c))
		if sc.depth == 0 && rel != nil && m.Class(rel.Class).Role == model.RoleModule && len(c.Args) == 1 &&
			kernel.PathOf(c.Args[0]) == path && c.Pos() > from && c.Pos() < to {
			return true
		}
	}
	return false
}

// callsWithDepth lists calls in source order with how many conditional
// statements (if, loops, switch) enclose them.
func callsWithDepth(body *cparse.Block) []stmtCall {
	var out []stmtCall
	var stmt func(s cparse.Stmt, depth int)
	expr := func(e cparse.Node, depth int) {
		if e == nil {
			return
		}
		cparse.Inspect(e, func(n cparse.Node) bool {
			if c, ok := n.(*cparse.Call); ok {
				out = append(out, stmtCall{c, depth})
			}
			if se, ok := n.(*cparse.StmtExpr); ok {
				stmt(se.Body, depth)
				return false
			}
			return true
		})
	}
	stmt = func(s cparse.Stmt, depth int) {
		switch x := s.(type) {
		case nil:
		case *cparse.Block:
			for _, t := range x.List {
				stmt(t, depth)
			}
		case *cparse.ExprStmt:
			expr(x.X, depth)
		case *cparse.DeclStmt:
			for _, d := range x.Decls {
				if d.Init != nil {
					expr(d.Init, depth)
				}
			}
		case *cparse.If:
			expr(x.Cond, depth)
			stmt(x.Then, depth+1)
			stmt(x.Else, depth+1)
		case *cparse.For:
			stmt(x.Init, depth)
			if x.Cond != nil {
				expr(x.Cond, depth)
			}
			stmt(x.Body, depth+1)
			if x.Post != nil {
				expr(x.Post, depth+1)
			}
		case *cparse.While:
			expr(x.Cond, depth)
			stmt(x.Body, depth+1)
		case *cparse.DoWhile:
			d := depth + 1
			if lit, ok := cparse.Unparen(x.Cond).(*cparse.BasicLit); ok && lit.Value == "0" {
				d = depth // do { } while (0)
			}
			stmt(x.Body, d)
			expr(x.Cond, d)
		case *cparse.Switch:
			expr(x.Tag, depth)
			stmt(x.Body, depth+1)
		case *cparse.Case:
			stmt(x.Stmt, depth)
		case *cparse.Labeled:
			stmt(x.Stmt, depth)
		case *cparse.Return:
			if x.Result != nil {
				expr(x.Result, depth)
			}
		}
	}
	stmt(body, 0)
	return out
}
