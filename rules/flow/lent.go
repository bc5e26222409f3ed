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
	if api.Kind != model.CountPut {
		if dev, ok := cparse.Unparen(u.X).(*cparse.Member); ok && a.noopRelease(id.Name, dev.Name) {
			return // the last put frees nothing: the object is its owner's to free
		}
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

// noopRelease reports whether the file sets X->FIELD.release, X of the
// type base has, to one of its own functions whose body is empty: a
// struct device whose release frees nothing (a genpd provider, an ac97
// codec "stop no dev release warning") lives in memory its owner frees by
// other means, so reading the embedding object after put_device() is no
// use after free.
func (a *Analysis) noopRelease(base, field string) bool {
	if a.opts.File == nil {
		return false // summaries of another file: no release callback to read
	}
	typ := ContainerType(a.CFG.Func, a.opts.File, base+"."+field)
	if typ == "" {
		return false
	}
	if a.noopReleases == nil {
		a.noopReleases = noopReleaseFields(a.opts.File)
	}
	return a.noopReleases[typ+"."+field]
}

// noopReleaseFields lists, as "struct type.field", the device fields the
// file sets X->FIELD.release of to one of its functions with an empty body.
func noopReleaseFields(f *cparse.File) map[string]bool {
	fields := map[string]bool{}
	if f == nil {
		return fields
	}
	empty := map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Body != nil && len(fn.Body.List) == 0 {
			empty[fn.Name] = true
		}
	}
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			as, ok := n.(*cparse.Assign)
			if !ok || as.Op != "=" {
				return true
			}
			rel, ok := cparse.Unparen(as.L).(*cparse.Member)
			if !ok || rel.Name != "release" {
				return true
			}
			dev, ok := cparse.Unparen(rel.X).(*cparse.Member)
			if !ok || !dev.Arrow {
				return true
			}
			base, ok := cparse.Unparen(dev.X).(*cparse.Ident)
			if !ok {
				return true
			}
			if fnName, ok := cparse.Unparen(as.R).(*cparse.Ident); ok && empty[fnName.Name] {
				if t := ContainerType(fn, f, base.Name+"."+dev.Name); t != "" {
					fields[t+"."+dev.Name] = true
				}
			}
			return true
		})
	}
	return fields
}
