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
