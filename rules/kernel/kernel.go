// Package kernel reads the driver-model idioms the rules share out of a
// parsed unit: device links and their flags, the objects a function hands
// out, driver structures, provider registries (global lists and their
// lookups), lock scopes, and the file's call graph. What each kernel name
// means comes from the model; this package knows only how the idioms are
// written. No rule imports another rule: what two rules need is here.
package kernel

import (
	"go/token"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Root returns the variable an argument is rooted at: pcs for
// pcs->ops->owner, &phy->dev and *pcsp; "" when it has none.
func Root(e cparse.Expr) string {
	p := flow.Path(stripAddr(e))
	p = strings.TrimLeft(p, "*&")
	if i := strings.IndexAny(p, ".["); i >= 0 {
		p = p[:i]
	}
	return p
}

// PathOf renders an argument's lvalue path without a leading &.
func PathOf(e cparse.Expr) string { return flow.Path(stripAddr(e)) }

func stripAddr(e cparse.Expr) cparse.Expr {
	e = cparse.Unparen(e)
	if u, ok := e.(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
		return cparse.Unparen(u.X)
	}
	return e
}

// Locals maps fn's parameters and locals to their declarations.
func Locals(fn *cparse.Func) map[string]*cparse.VarDecl {
	m := map[string]*cparse.VarDecl{}
	for _, p := range fn.Params {
		m[p.Name] = p
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok {
			if _, seen := m[d.Name]; !seen {
				m[d.Name] = d
			}
		}
		return true
	})
	return m
}

// Calls lists the calls in n in source order.
func Calls(n cparse.Node) []*cparse.Call {
	var out []*cparse.Call
	cparse.Inspect(n, func(n cparse.Node) bool {
		if c, ok := n.(*cparse.Call); ok {
			out = append(out, c)
		}
		return true
	})
	return out
}

// Handout is one place a function hands a variable out.
type Handout struct {
	Pos token.Pos
	How string // "returns", "stores"
}

// Handouts maps each variable fn hands out (returns, or stores through a
// pointer or into a structure) to the places it does, in source order. A
// parameter counts only when returned: storing it keeps the caller's own
// object.
func Handouts(fn *cparse.Func) map[string][]Handout {
	out := map[string][]Handout{}
	add := func(name string, h Handout) {
		if name != "" {
			out[name] = append(out[name], h)
		}
	}
	params := map[string]bool{}
	for _, p := range fn.Params {
		params[p.Name] = true
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Return:
			if x.Result != nil {
				if id, ok := cparse.Unparen(x.Result).(*cparse.Ident); ok {
					add(id.Name, Handout{x.At, "returns"})
				}
			}
		case *cparse.Assign:
			if x.Op != "=" {
				return true
			}
			id, ok := cparse.Unparen(x.R).(*cparse.Ident)
			if !ok {
				return true
			}
			lp := flow.Path(x.L)
			if lp == "" || !strings.ContainsAny(lp, ".*[") || Root(x.L) == id.Name || params[id.Name] {
				// a parameter stored away is the caller's object, not
				// one this function hands out
				return true
			}
			add(id.Name, Handout{x.L.Pos(), "stores"})
		}
		return true
	})
	return out
}

// After returns the first hand-out at or after pos.
func After(hs []Handout, pos token.Pos) (Handout, bool) {
	for _, h := range hs {
		if h.Pos >= pos {
			return h, true
		}
	}
	return Handout{}, false
}

// Graph is a file's call graph between the functions it defines.
type Graph struct {
	Funcs   map[string]*cparse.Func    // defined functions with a body, by name (the file's shared index: read only)
	callees map[string]map[string]bool // every callee named in each body
}

// NewGraph builds f's call graph.
func NewGraph(f *cparse.File) *Graph {
	g := &Graph{Funcs: f.DefinedFuncs(), callees: map[string]map[string]bool{}}
	for _, fn := range g.Funcs {
		cs := map[string]bool{}
		for _, c := range Calls(fn.Body) {
			if n := cparse.CalleeName(c); n != "" {
				cs[n] = true
			}
		}
		g.callees[fn.Name] = cs
	}
	return g
}

// Callees is every function fn's body calls by name (defined in the file
// or not).
func (g *Graph) Callees(fn string) map[string]bool { return g.callees[fn] }

// Reaches says whether from calls to, through functions of the file, in at
// most depth calls.
func (g *Graph) Reaches(from, to string, depth int) bool {
	seen := map[string]bool{}
	var walk func(string, int) bool
	walk = func(n string, d int) bool {
		if n == to {
			return true
		}
		if seen[n] || d > depth {
			return false
		}
		seen[n] = true
		for c := range g.callees[n] {
			if g.Funcs[c] != nil && walk(c, d+1) {
				return true
			}
		}
		return false
	}
	return walk(from, 0)
}

// Closure extends set (functions of the file with a property) to the
// functions calling one of them, transitively, at most rounds deep.
func (g *Graph) Closure(f *cparse.File, set map[string]bool, rounds int) {
	for round := 0; round < rounds; round++ {
		changed := false
		for _, fn := range f.Funcs {
			if fn.Body == nil || set[fn.Name] {
				continue
			}
			for c := range g.callees[fn.Name] {
				if set[c] && g.Funcs[c] != nil {
					set[fn.Name], changed = true, true
					break
				}
			}
		}
		if !changed {
			return
		}
	}
}

// Reach is fn plus the functions of the file it calls, transitively, up
// to depth calls deep and at most limit functions (0: no limit).
func (g *Graph) Reach(fn *cparse.Func, depth, limit int) map[*cparse.Func]bool {
	set := map[*cparse.Func]bool{fn: true}
	frontier := []*cparse.Func{fn}
	for d := 0; d < depth && len(frontier) > 0 && (limit == 0 || len(set) < limit); d++ {
		var next []*cparse.Func
		for _, f := range frontier {
			for _, call := range Calls(f.Body) {
				if h := g.Funcs[cparse.CalleeName(call)]; h != nil && !set[h] {
					set[h] = true
					next = append(next, h)
				}
			}
		}
		frontier = next
	}
	return set
}

// OwnerOfOps says whether a module reference's argument is the owner of
// an object's ops (x->ops->owner: the module of another driver's code),
// not the owner field of an ops structure itself (x->owner, which lives in
// that module's data).
func OwnerOfOps(m *model.Model, arg cparse.Expr) bool {
	parts := strings.Split(strings.TrimLeft(PathOf(arg), "*"), ".")
	return len(parts) >= 3 && m.FieldRole(parts[len(parts)-1]) == model.RoleOwner
}

// PinRole is the role of the class a pin call pins (a struct device, a
// module), "" when c is no pin.
func PinRole(m *model.Model, c *cparse.Call) model.Role {
	api := m.RefFunc(cparse.CalleeName(c))
	if api == nil || api.Kind != model.Pin {
		return ""
	}
	return m.Class(api.Class).Role
}
