package flow

import (
	"fmt"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// Path renders an lvalue as a stable string ("priv->np" and "priv.np" both
// become "priv.np"); "" when it is not a plain lvalue.
func Path(x cparse.Expr) string {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		return v.Name
	case *cparse.Member:
		base := Path(v.X)
		if base == "" {
			return ""
		}
		return base + "." + v.Name
	case *cparse.Unary:
		if v.Op == "*" && v.X != nil {
			if b := Path(v.X); b != "" {
				return "*" + b
			}
		}
	case *cparse.Index:
		if b := Path(v.X); b != "" {
			return b + "[]"
		}
	}
	return ""
}

// ArgPaths lists the paths an argument may name, most specific first:
// &x->dev names x.dev and x (the embedded struct device is x's).
func ArgPaths(m *model.Model, x cparse.Expr) []string {
	x = cparse.Unparen(x)
	if u, ok := x.(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
		var out []string
		if p := Path(u.X); p != "" {
			out = append(out, "&"+p, p)
		}
		if _, ok := cparse.Unparen(u.X).(*cparse.Member); ok {
			// &phydev->mdio.dev: the embedded device is phydev.mdio's
			// and phydev's
			p := Path(u.X)
			for i := strings.LastIndexByte(p, '.'); i > 0; i = strings.LastIndexByte(p, '.') {
				p = p[:i]
				out = append(out, p)
			}
		} else if p := Path(u.X); p != "" {
			// &args: the struct itself, for out-parameter fields
			out = append(out, p)
		}
		return out
	}
	if c, ok := x.(*cparse.Call); ok && len(c.Args) == 1 && m.Is(cparse.CalleeName(c), model.View) {
		// to_platform_device(d), of_fwnode_handle(np)
		return ArgPaths(m, c.Args[0])
	}
	if se, ok := x.(*cparse.StmtExpr); ok {
		if in := stmtExprInput(se); in != nil {
			return ArgPaths(m, in)
		}
	}
	if p := Path(x); p != "" {
		return []string{p}
	}
	return nil
}

func (a *Analysis) firstPath(x cparse.Expr) string {
	if ps := ArgPaths(a.opts.Model, x); len(ps) > 0 {
		return ps[len(ps)-1]
	}
	return ""
}

// ExprPaths lists every lvalue path in an expression.
func ExprPaths(x cparse.Expr) []string {
	var out []string
	cparse.Inspect(x, func(n cparse.Node) bool {
		if e, ok := n.(cparse.Expr); ok {
			if p := Path(e); p != "" {
				out = append(out, p)
			}
		}
		return true
	})
	return out
}

// ExprString renders an expression compactly for messages.
func ExprString(x cparse.Expr) string {
	switch v := x.(type) {
	case *cparse.Ident:
		return v.Name
	case *cparse.BasicLit:
		return v.Value
	case *cparse.Member:
		op := "."
		if v.Arrow {
			op = "->"
		}
		return ExprString(v.X) + op + v.Name
	case *cparse.Call:
		args := make([]string, len(v.Args))
		for i, a := range v.Args {
			args[i] = ExprString(a)
		}
		return ExprString(v.Fun) + "(" + strings.Join(args, ", ") + ")"
	case *cparse.Unary:
		if v.X == nil {
			return v.Op + "(...)"
		}
		if v.Postfix {
			return ExprString(v.X) + v.Op
		}
		return v.Op + ExprString(v.X)
	case *cparse.Binary:
		return ExprString(v.X) + " " + v.Op + " " + ExprString(v.Y)
	case *cparse.Assign:
		return ExprString(v.L) + " " + v.Op + " " + ExprString(v.R)
	case *cparse.Cast:
		return ExprString(v.X)
	case *cparse.Index:
		return ExprString(v.X) + "[" + ExprString(v.Index) + "]"
	case *cparse.Cond:
		return ExprString(v.C) + " ? " + ExprString(v.T) + " : " + ExprString(v.F)
	case *cparse.StmtExpr:
		if x := stmtExprValue(v); x != nil {
			return ExprString(x)
		}
		return "({...})"
	case *cparse.Opaque:
		return "..."
	}
	return fmt.Sprintf("(%T)", x)
}

// Assignments calls f with the value of each assignment to path in fn's
// body, the initializer of a local of that name included, and the
// assignment's operator ("=", "+=", ...; "=" for an initializer).
func Assignments(fn *cparse.Func, path string, f func(rhs cparse.Expr, op string)) {
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch v := n.(type) {
		case *cparse.VarDecl:
			if v.Name == path && v.Init != nil {
				f(v.Init, "=")
			}
		case *cparse.Assign:
			if Path(v.L) == path {
				f(v.R, v.Op)
			}
		}
		return true
	})
}

// stmtExprInput is the one outside value a statement expression computes
// its result from, when it reads no other: container_of(ptr, T, m) and
// to_of_node(fwnode) expand to ({ typeof(p) __x = (p); ... __x ... }),
// a view of p. nil for anything else.
func stmtExprInput(x *cparse.StmtExpr) cparse.Expr {
	if x.Body == nil || len(x.Body.List) < 2 {
		return nil
	}
	first, ok := x.Body.List[0].(*cparse.DeclStmt)
	if !ok || len(first.Decls) != 1 || first.Decls[0].Init == nil {
		return nil
	}
	in := first.Decls[0].Init
	for {
		if c, ok := cparse.Unparen(in).(*cparse.Cast); ok {
			in = c.X
			continue
		}
		break
	}
	if Path(in) == "" && !isAddrOfPath(in) {
		return nil
	}
	if _, ok := x.Body.List[len(x.Body.List)-1].(*cparse.ExprStmt); !ok {
		return nil
	}
	// every variable read after the first declaration is one of the
	// statement expression's own (or the input again, in a type check)
	own := map[string]bool{first.Decls[0].Name: true}
	inputs := map[string]bool{}
	for _, p := range ExprPaths(in) {
		root, _, _ := strings.Cut(strings.TrimLeft(p, "*&"), ".")
		inputs[strings.TrimSuffix(root, "[]")] = true
	}
	ok = true
	for _, st := range x.Body.List[1:] {
		cparse.Inspect(st, func(n cparse.Node) bool {
			switch v := n.(type) {
			case *cparse.VarDecl:
				own[v.Name] = true
			case *cparse.Call:
				for _, a := range v.Args {
					cparse.Inspect(a, func(n cparse.Node) bool {
						if id, isID := n.(*cparse.Ident); isID && !own[id.Name] && !inputs[id.Name] {
							ok = false
						}
						return ok
					})
				}
				return false
			case *cparse.Ident:
				if !own[v.Name] && !inputs[v.Name] {
					ok = false
				}
			}
			return ok
		})
	}
	if !ok {
		return nil
	}
	return in
}

func isAddrOfPath(x cparse.Expr) bool {
	u, ok := cparse.Unparen(x).(*cparse.Unary)
	return ok && u.Op == "&" && u.X != nil && Path(u.X) != ""
}
