package flow

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// refine narrows states on a branch; false means the branch is infeasible.
func (a *Analysis) refine(e *env, cond cparse.Expr, branch bool) bool {
	cond = cparse.Unparen(cond)
	switch x := cond.(type) {
	case *cparse.BasicLit:
		if x.Kind == cparse.IntLit {
			return isNonZeroConst(x) == branch // while (1), if (0)
		}
	case *cparse.StmtExpr:
		if v := stmtExprValue(x); v != nil {
			return a.refine(e, v, branch)
		}
		return true
	case *cparse.Cast:
		return a.refine(e, x.X, branch)
	case *cparse.Unary:
		if x.Op == "!" && x.X != nil {
			return a.refine(e, x.X, !branch)
		}
	case *cparse.Binary:
		var other cparse.Expr
		subj := x.X
		other = x.Y
		if IsNullish(x.X) {
			subj, other = x.Y, x.X
		}
		switch x.Op {
		case "==", "!=":
			equal := branch == (x.Op == "==")
			if a.isErrPtrCall(x.Y) && equal {
				// pcs == ERR_PTR(-EPROBE_DEFER): the acquire failed
				return a.refineRef(e, x.X, func(s States) States { return s & (ErrPtr | Absent | Released) })
			}
			if c, ok := cparse.Unparen(x.X).(*cparse.Call); ok && a.isErrCode(c, false) && len(c.Args) == 1 && isNonZeroConst(x.Y) && equal {
				// PTR_ERR(p) == -ENOENT: p is an error pointer
				return a.refineRef(e, c.Args[0], func(s States) States { return s & (ErrPtr | Absent | Released) })
			}
			if isNonZeroConst(x.Y) && equal {
				// ret == -ENOENT: the status is non-zero
				return a.refineTruth(e, x.X, true)
			}
			if !IsNullish(other) {
				return true
			}
			truthy := branch
			if x.Op == "==" {
				truthy = !branch
			}
			if as, ok := cparse.Unparen(subj).(*cparse.Assign); ok {
				// (np = of_find_all_nodes(np)) != NULL: a test of the
				// value assigned, and of the call that made it
				return a.refine(e, as, truthy)
			}
			return a.refineTruth(e, subj, truthy)
		case "<":
			if IsNullish(x.Y) {
				return a.refineStatus(e, x.X, branch)
			}
		case ">=":
			if IsNullish(x.Y) {
				return a.refineStatus(e, x.X, !branch)
			}
		}
		return true
	case *cparse.Call:
		idiom := a.opts.Model.Lookup(cparse.CalleeName(x))
		if idiom != nil && a.api(idiom.Name) != nil {
			idiom = nil // a reference entry of the user's shadows it
		}
		switch {
		case cparse.IsExpect(x) || idiom != nil && idiom.Kind == model.Hint:
			if len(x.Args) >= 1 {
				return a.refine(e, x.Args[0], branch)
			}
		case idiom != nil && idiom.Kind == model.ErrTest:
			if len(x.Args) != 1 {
				return true
			}
			mask := ErrPtr
			if idiom.Fail == model.FailErrOrNull {
				mask |= Null
			}
			if p := Path(x.Args[0]); branch && isLocalHandle(p) {
				a.failedCall(e, p)
			}
			return a.refineRef(e, x.Args[0], func(s States) States {
				if branch {
					return s & (mask | Absent | Released)
				}
				return s &^ mask
			})
		case idiom != nil && idiom.Kind == model.Predicate && idiom.Uncounted:
			if branch && idiom.Ref.Arg < len(x.Args) {
				a.forgetUncounted(e, x.Args[idiom.Ref.Arg])
			}
			return true
		case idiom != nil && idiom.Kind == model.Enable:
			if branch {
				a.enableFailed(e, x) // a non-zero result: it failed
			}
			return true
		case idiom != nil && idiom.Kind == model.ErrCode:
			if len(x.Args) == 1 {
				return a.refineRef(e, x.Args[0], func(s States) States {
					if branch {
						return s & (ErrPtr | Absent | Released)
					}
					return s &^ ErrPtr
				})
			}
		}
		if r, ok := a.bySite[x.Pos()]; ok && e.refs[r.ID] != nil {
			return a.applyTruth(e, r, branch)
		}
		return true
	case *cparse.Assign:
		if !a.refineTruth(e, x.L, branch) {
			return false
		}
		if c, ok := cparse.Unparen(x.R).(*cparse.Call); ok {
			if r, ok := a.bySite[c.Pos()]; ok && e.refs[r.ID] != nil {
				return a.applyTruth(e, r, branch)
			}
		}
		return true
	}
	return a.refineTruth(e, cond, branch)
}

// forgetUncounted stops tracking, on this path, the references arg names:
// the node has no refcount there, so nothing is held to leak or drop.
func (a *Analysis) forgetUncounted(e *env, arg cparse.Expr) {
	for _, p := range append([]string{Path(arg)}, ArgPaths(a.opts.Model, arg)...) {
		if p == "" {
			continue
		}
		e.facts[uncountedKey(p)] = true
		for _, id := range sortedIDs(e) {
			if e.refs[id].hasHandle(p) {
				delete(e.refs, id)
			}
		}
	}
}

// uncountedKey is the fact that the node p names has no refcount (nor
// the nodes found from it: an ACPI node's children are ACPI nodes).
func uncountedKey(p string) string { return "uncounted:" + p }

// fromUncounted says whether an acquire looks up from a node without a
// refcount on this path: what it finds has none either.
func (a *Analysis) fromUncounted(e *env, c *cparse.Call, api *model.Func) bool {
	if len(c.Args) == 0 || a.opts.Model.Class(api.Class).Role != model.RoleNode {
		return false
	}
	for _, p := range ArgPaths(a.opts.Model, c.Args[0]) {
		if e.facts[uncountedKey(p)] {
			return true
		}
	}
	return false
}

// factPath says whether a test of subj (path p) may be remembered: a
// local variable, or a member reached from one (pci_id->vendor), which
// keeps its value until it is assigned or handed to a call.
func (a *Analysis) factPath(subj cparse.Expr, p string) bool {
	switch x := cparse.Unparen(subj).(type) {
	case *cparse.Ident:
		return a.locals[p]
	case *cparse.Member:
		root, _, _ := strings.Cut(p, ".")
		return a.locals[root] && !strings.ContainsAny(p, "[*&")
	case *cparse.Unary:
		// *priv->phy_id: what such a path points to, tested twice with
		// no write between (env.clobber forgets it with the pointer)
		inner := strings.TrimPrefix(p, "*")
		return x.Op == "*" && x.X != nil && !strings.HasPrefix(inner, "*") && a.factPath(x.X, inner)
	}
	return false
}

// stmtExprValue finds what a statement expression used as a condition
// tests: WARN_ON(cond) is ({ int __ret = !!(cond); ...; unlikely(__ret); }).
func stmtExprValue(x *cparse.StmtExpr) cparse.Expr {
	if x.Body == nil || len(x.Body.List) == 0 {
		return nil
	}
	last, ok := x.Body.List[len(x.Body.List)-1].(*cparse.ExprStmt)
	if !ok {
		return nil
	}
	v := cparse.Unparen(last.X)
	for {
		if u, ok := v.(*cparse.Unary); ok && u.Op == "!" && u.X != nil {
			if u2, ok := cparse.Unparen(u.X).(*cparse.Unary); ok && u2.Op == "!" && u2.X != nil {
				v = cparse.Unparen(u2.X) // !!x
				continue
			}
		}
		if c, ok := v.(*cparse.Call); ok && cparse.IsExpect(c) && len(c.Args) > 0 {
			v = cparse.Unparen(c.Args[0])
			continue
		}
		break
	}
	id, ok := v.(*cparse.Ident)
	if !ok {
		return v
	}
	for _, st := range x.Body.List {
		if d, ok := st.(*cparse.DeclStmt); ok {
			for _, vd := range d.Decls {
				if vd.Name == id.Name && vd.Init != nil {
					return vd.Init
				}
			}
		}
	}
	return nil
}

// isErrPtrCall says whether x makes an error pointer (ERR_PTR()).
func (a *Analysis) isErrPtrCall(x cparse.Expr) bool {
	c, ok := cparse.Unparen(x).(*cparse.Call)
	if !ok {
		return false
	}
	f := a.opts.Model.Lookup(cparse.CalleeName(c))
	return f != nil && f.Kind == model.ErrValue && f.Fail == model.FailErrPtr
}

// isErrCode says whether c takes the error code of a pointer (PTR_ERR();
// with zero, PTR_ERR_OR_ZERO() too).
func (a *Analysis) isErrCode(c *cparse.Call, zero bool) bool {
	f := a.opts.Model.Lookup(cparse.CalleeName(c))
	return f != nil && f.Kind == model.ErrCode && (zero || !f.Zero)
}

func isNonZeroConst(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.BasicLit:
		return v.Kind == cparse.IntLit && strings.Trim(v.Value, "0xXuUlL") != ""
	case *cparse.Unary:
		return (v.Op == "-" || v.Op == "+") && v.X != nil && isNonZeroConst(v.X)
	}
	return false
}

// IsNullish reports whether x is NULL or a literal 0.
func IsNullish(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		return v.Name == "NULL"
	case *cparse.BasicLit:
		return v.Value == "0"
	}
	return false
}

// refineTruth handles "if (p)" / "if (ret)" for a pointer handle or a
// status variable.
func (a *Analysis) refineTruth(e *env, subj cparse.Expr, truthy bool) bool {
	p := Path(subj)
	if p == "" {
		return true
	}
	if a.factPath(subj, p) {
		if known, ok := e.facts[p]; ok && known != truthy {
			return false // the same test went the other way on this path
		}
		e.facts[p] = truthy
		for _, id := range sortedIDs(e) {
			r := e.refs[id]
			if g, ok := r.guard[p]; ok && g != truthy && !r.hasHandle(p) && r.status != p {
				r.set &^= Held // held only where the test went the other way
				if r.set == 0 {
					return false
				}
			} else if r.set.Has(Held) {
				if r.guard == nil {
					r.guard = map[string]bool{}
				}
				r.guard[p] = truthy
			}
		}
	}
	ok := true
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if r.enableStatus == p && truthy {
			r.enabled = false // ret = clk_enable(clk); if (ret): it failed
		}
		switch {
		case r.hasHandle(p) && (len(a.Refs) <= id || a.Refs[id].API == nil || a.Refs[id].API.Fail != model.FailErrno || a.Refs[id].API.Ref.Ret):
			if truthy {
				r.set &^= Null
			} else {
				r.set &= Null | Absent | Released
			}
		case r.status == p:
			fail := truthy == r.statusFailTrue
			r.set = r.applyStatus(fail)
		default:
			continue
		}
		if r.set == 0 {
			ok = false
		}
	}
	return ok
}

// applyStatus narrows the states by what the status variable says.
func (r *refState) applyStatus(fail bool) States {
	fs := r.statusFail
	if fs == 0 {
		fs = Null
	}
	if fail {
		return r.set & (fs | Absent | Released)
	}
	return r.set &^ fs
}

// refineStatus handles "if (ret < 0)": cond true means failure.
func (a *Analysis) refineStatus(e *env, subj cparse.Expr, failing bool) bool {
	p := Path(subj)
	ok := true
	for _, r := range e.refs {
		if r.enableStatus == p && p != "" && failing {
			r.enabled = false
		}
		if r.status != p || p == "" {
			continue
		}
		r.set = r.applyStatus(failing)
		if r.set == 0 {
			ok = false
		}
	}
	if c, isCall := cparse.Unparen(subj).(*cparse.Call); isCall {
		if r, found := a.bySite[c.Pos()]; found && e.refs[r.ID] != nil {
			rs := e.refs[r.ID]
			if failing {
				rs.set &= Null | Absent | Released
			} else {
				rs.set &^= Null
			}
			return rs.set != 0
		}
	}
	return ok
}

// applyTruth: the acquire call itself is the condition.
func (a *Analysis) applyTruth(e *env, r *Ref, truthy bool) bool {
	rs := e.refs[r.ID]
	fail := !truthy
	if r.API != nil && r.API.Fail == model.FailErrno {
		fail = truthy
	}
	if fail {
		rs.set &= Null | ErrPtr | Absent | Released
	} else {
		rs.set &^= Null
	}
	return rs.set != 0
}

func (a *Analysis) refineRef(e *env, subj cparse.Expr, f func(States) States) bool {
	p := Path(subj)
	ok := true
	for _, r := range e.refs {
		if p != "" && r.hasHandle(p) {
			r.set = f(r.set)
			if r.set == 0 {
				ok = false
			}
		}
	}
	return ok
}

// failedCall: p, the result of a call references were passed to, is an
// error pointer here; the call kept none of them.
func (a *Analysis) failedCall(e *env, p string) {
	for _, r := range e.refs {
		if r.passed && r.passedTo == p {
			r.passed, r.passedTo = false, ""
		}
	}
}
