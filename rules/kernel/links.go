package kernel

import (
	"strconv"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Link is one device link a function adds (a link entry of the model).
type Link struct {
	Call *cparse.Call
	API  *model.Func
	// Stateless: the flags include the model's stateless flag (ordering
	// only: the driver core does not unbind the consumer).
	Stateless bool
	// Checked: the result is tested (in a condition, directly or through
	// the variable it is assigned to).
	Checked bool
}

// Links lists the device links fn adds.
func Links(m *model.Model, f *cparse.File, fn *cparse.Func) []Link {
	var out []Link
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		c, ok := n.(*cparse.Call)
		if !ok {
			return true
		}
		api := m.Lookup(cparse.CalleeName(c))
		if api == nil || api.Kind != model.Link {
			return true
		}
		l := Link{Call: c, API: api}
		if api.Flags != nil && api.Flags.Arg < len(c.Args) {
			l.Stateless = isStateless(f, api, c.Args[api.Flags.Arg])
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

// ManagedChecked reports whether links hold a managed device link whose
// result is checked.
func ManagedChecked(links []Link) bool {
	for _, l := range links {
		if !l.Stateless && l.Checked {
			return true
		}
	}
	return false
}

// Managed reports whether links hold a managed device link (flags without
// the stateless flag; flags it cannot read count as managed).
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

// isStateless reads a link's flags: the stateless flag named in the
// source, or a constant with its bit set (the flag's macro expanded).
func isStateless(f *cparse.File, api *model.Func, flags cparse.Expr) bool {
	if api.StatelessFlag == "" {
		return false
	}
	named := false
	cparse.Inspect(flags, func(n cparse.Node) bool {
		if named {
			return false
		}
		if f.IdentAt(n.Pos()) == api.StatelessFlag {
			named = true
		}
		return true
	})
	if named {
		return true
	}
	if v, ok := constValue(flags); ok {
		return v&api.StatelessBit != 0
	}
	return false
}

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

// LinkAdvice is the link entry whose flags advice names (the model's
// first link function with a stateless flag); a placeholder when the
// model has none, so that messages still read.
func LinkAdvice(m *model.Model) *model.Func {
	for _, l := range m.Links() {
		if l.StatelessFlag != "" {
			return l
		}
	}
	return &model.Func{Name: "a device link", StatelessFlag: "the stateless flag", Managed: "a managed flag"}
}
