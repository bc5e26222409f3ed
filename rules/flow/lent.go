package flow

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// A put of a count embedded in an object the function did not acquire
// (put_device(&fn->dev) of a parameter, kref_put(&intf->refcount,
// intf_free) of an object found through another) drops the reference the
// function was lent, and the object embedding the count goes with it when
// that was the last: reading the object afterwards is a use after put.
// The put is tracked as a reference of its own, born released (Ref.Lent),
// that only use-after-put reads.

// lentPut starts tracking the object whose embedded count the call drops,
// when no tracked reference names it: arg is &X->FIELD with X a local
// variable or parameter.
func (a *Analysis) lentPut(e *env, c *cparse.Call, name string, api *model.Func, arg cparse.Expr) {
	if a.opts.TrackParams {
		return // summaries track the parameters themselves
	}
	u, ok := cparse.Unparen(arg).(*cparse.Unary)
	if !ok || u.Op != "&" || u.X == nil {
		return
	}
	m, ok := cparse.Unparen(u.X).(*cparse.Member)
	if !ok {
		return
	}
	// the count is in the object the first -> reaches: &X->a.b is in *X,
	// &X->p->dev in *X->p, which X does not name. A struct device's
	// release frees what embeds it however deep (&phydev->mdio.dev); a
	// kref's release is the one of the struct right around it
	// (&edev->rdma_info.refcnt belongs to rdma_info, not to *edev)
	for !m.Arrow {
		if api.Kind == model.CountPut {
			return
		}
		inner, ok := cparse.Unparen(m.X).(*cparse.Member)
		if !ok {
			return
		}
		m = inner
	}
	id, ok := cparse.Unparen(m.X).(*cparse.Ident)
	if !ok || !a.locals[id.Name] || a.cleanups[id.Name] != nil {
		return
	}
	obj := id.Name
	for _, r := range e.refs {
		for _, h := range r.handles {
			if h == obj || strings.HasPrefix(h, obj+".") || strings.HasPrefix(h, "&"+obj+".") {
				return // a reference the function tracks: its own rules apply
			}
		}
	}
	ref := a.newRef(c.Pos(), c, api)
	ref.Lent = true
	e.refs[ref.ID] = &refState{set: Released, handles: []string{obj}, releasedAt: c.Pos(), releasedBy: c, named: true}
}
