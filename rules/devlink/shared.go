package devlink

import (
	"go/token"
	"strconv"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
)

// Link is one device_link_add() call of a function.
type Link struct {
	Call *cparse.Call
	// Stateless: the flags include DL_FLAG_STATELESS (ordering only).
	Stateless bool
	// Checked: the result is tested (in a condition, directly or through
	// the variable it is assigned to).
	Checked bool
}

// dlStateless is DL_FLAG_STATELESS's value (BIT(0)).
const dlStateless = 1

// Links lists the device_link_add() calls in fn.
func Links(f *cparse.File, fn *cparse.Func) []Link {
	var out []Link
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		c, ok := n.(*cparse.Call)
		if !ok || cparse.CalleeName(c) != "device_link_add" {
			return true
		}
		l := Link{Call: c}
		if len(c.Args) >= 3 {
			l.Stateless = isStateless(f, c.Args[2])
		}
		out = append(out, l)
		return true
	})
	if len(out) > 0 {
		markChecked(fn, out)
	}
	return out
}

func markChecked(fn *cparse.Func, links []Link) {
	byCall := map[*cparse.Call]*Link{}
	for i := range links {
		byCall[links[i].Call] = &links[i]
	}
	vars := map[string]*Link{}
	var conds []cparse.Expr
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.If:
			conds = append(conds, x.Cond)
		case *cparse.Cond:
			conds = append(conds, x.C)
		case *cparse.Return:
			if x.Result != nil {
				conds = append(conds, x.Result)
			}
		case *cparse.Assign:
			if c, ok := cparse.Unparen(x.R).(*cparse.Call); ok && byCall[c] != nil {
				if p := flow.Path(x.L); p != "" {
					vars[p] = byCall[c]
				}
			}
		case *cparse.VarDecl:
			if x.Init != nil {
				if c, ok := cparse.Unparen(x.Init).(*cparse.Call); ok && byCall[c] != nil {
					vars[x.Name] = byCall[c]
				}
			}
		}
		return true
	})
	for _, e := range conds {
		cparse.Inspect(e, func(n cparse.Node) bool {
			if c, ok := n.(*cparse.Call); ok && byCall[c] != nil {
				byCall[c].Checked = true
			}
			if x, ok := n.(cparse.Expr); ok {
				if l := vars[flow.Path(x)]; l != nil {
					l.Checked = true
				}
			}
			return true
		})
	}
}

// ManagedChecked reports whether fn adds a managed device link whose
// result it checks.
func ManagedChecked(links []Link) bool {
	for _, l := range links {
		if !l.Stateless && l.Checked {
			return true
		}
	}
	return false
}

// Managed reports whether fn adds a managed device link (flags without
// DL_FLAG_STATELESS; flags it cannot read count as managed).
func Managed(links []Link) bool {
	for _, l := range links {
		if !l.Stateless {
			return true
		}
	}
	return false
}

// FirstStateless returns the first stateless link, nil when none.
func FirstStateless(links []Link) *Link {
	for i := range links {
		if links[i].Stateless {
			return &links[i]
		}
	}
	return nil
}

func isStateless(f *cparse.File, flags cparse.Expr) bool {
	named := false
	cparse.Inspect(flags, func(n cparse.Node) bool {
		if named {
			return false
		}
		if IdentAt(f, n.Pos()) == "DL_FLAG_STATELESS" {
			named = true
		}
		return true
	})
	if named {
		return true
	}
	if v, ok := constValue(flags); ok {
		return v&dlStateless != 0
	}
	return false
}

// IdentAt returns the identifier written in the main file at pos.
func IdentAt(f *cparse.File, pos token.Pos) string { return f.IdentAt(pos) }

func constValue(e cparse.Expr) (uint64, bool) {
	switch x := cparse.Unparen(e).(type) {
	case *cparse.BasicLit:
		if x.Kind != cparse.IntLit {
			return 0, false
		}
		s := strings.TrimRight(x.Value, "uUlL")
		v, err := strconv.ParseUint(s, 0, 64)
		return v, err == nil
	case *cparse.Binary:
		a, ok1 := constValue(x.X)
		b, ok2 := constValue(x.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch x.Op {
		case "|":
			return a | b, true
		case "<<":
			return a << b, true
		case "+":
			return a + b, true
		case "&":
			return a & b, true
		}
	}
	return 0, false
}

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

// After returns the first hand-out at or after pos.
func After(hs []Handout, pos token.Pos) (Handout, bool) {
	for _, h := range hs {
		if h.Pos >= pos {
			return h, true
		}
	}
	return Handout{}, false
}
