package flow

import (
	"go/token"
	"sort"

	"github.com/pcslint/pcslint/cparse"
)

// value is what evaluating an expression yields for the dataflow.
type value struct {
	ref    *Ref // the expression denotes this reference's object
	alt    *Ref // ... or, on the other arm of a ?:, this one
	status *Ref // the expression is the status result of this acquire
	// enables lists the references an enable call turned on: the
	// variable its result is assigned to says whether that call failed
	enables []*Ref
	callee  string
	null    bool // a NULL/0 constant
}

func (a *Analysis) eval(e *env, x cparse.Expr) value {
	switch x := x.(type) {
	case *cparse.Call:
		return a.call(e, x)
	case *cparse.Assign:
		e.clobber(Path(x.L))
		if c, ok := cparse.Unparen(x.R).(*cparse.Call); ok && x.Op == "=" {
			a.target, a.targetCall = Path(x.L), c
		}
		v := a.eval(e, x.R)
		if x.Op != "=" {
			return value{}
		}
		a.lvalueUse(e, x.L)
		path := Path(x.L)
		_, plain := cparse.Unparen(x.L).(*cparse.Ident)
		a.assignTo(e, path, plain && a.locals[path], v, x.OpPos, x.R)
		return v
	case *cparse.Ident:
		if x.Name == "NULL" {
			return value{null: true}
		}
		return value{ref: a.refByHandle(e, x.Name)}
	case *cparse.BasicLit:
		return value{null: x.Value == "0"}
	case *cparse.Cast:
		return a.eval(e, x.X)
	case *cparse.Member:
		addr := a.addrOf
		a.addrOf = false
		a.eval(e, x.X)
		if x.Arrow {
			a.addrOf = addr
			a.checkUse(e, Path(x.X), x.Pos(), UseDeref, "")
			a.addrOf = false
		}
		return value{ref: a.refByHandle(e, Path(x))}
	case *cparse.Unary:
		if x.X == nil || x.Op == "sizeof" {
			return value{}
		}
		a.addrOf = x.Op == "&"
		v := a.eval(e, x.X)
		a.addrOf = false
		if x.Op == "++" || x.Op == "--" || x.Op == "&" {
			e.clobber(Path(x.X)) // changed here, or through the pointer
		}
		switch x.Op {
		case "*":
			a.checkUse(e, Path(x.X), x.Pos(), UseDeref, "")
			return value{}
		case "&":
			// &obj->dev is the object itself for reference purposes
			if m, ok := cparse.Unparen(x.X).(*cparse.Member); ok {
				if r := a.refByHandle(e, Path(m.X)); r != nil {
					return value{ref: r}
				}
			}
			return v
		}
		return value{}
	case *cparse.Index:
		a.eval(e, x.X)
		a.eval(e, x.Index)
		return value{}
	case *cparse.Binary:
		l := a.eval(e, x.X)
		v := a.eval(e, x.Y)
		if x.Op == "," {
			return v
		}
		if (x.Op == "-" || x.Op == "+") && l.ref != nil {
			return value{ref: l.ref} // container_of(): the same object
		}
		return value{}
	case *cparse.Cond:
		a.eval(e, x.C)
		// each arm on its own path: root ? of_node_get(root) : of_find_node_by_path("/")
		et, ef := e.clone(), e.clone()
		t := a.eval(et, x.T)
		f := a.eval(ef, x.F)
		et.join(ef)
		*e = *et
		if t.ref != nil {
			if f.ref != nil && f.ref != t.ref {
				t.alt = f.ref
			}
			return t
		}
		return f
	case *cparse.StmtExpr:
		var last value
		for _, s := range x.Body.List {
			switch s := s.(type) {
			case *cparse.ExprStmt:
				last = a.eval(e, s.X)
			case *cparse.DeclStmt:
				for _, d := range s.Decls {
					if d.Init != nil {
						v := a.eval(e, d.Init)
						a.assignTo(e, d.Name, true, v, d.NamePos, d.Init)
					}
				}
				last = value{}
			default:
				last = value{}
			}
		}
		return last
	case *cparse.InitList:
		for _, el := range x.Elts {
			if el.Value != nil {
				if v := a.eval(e, el.Value); v.ref != nil {
					a.markStored(e, v.ref, el.Value.Pos())
				}
			}
		}
	}
	return value{}
}

func (a *Analysis) lvalueUse(e *env, l cparse.Expr) {
	switch x := cparse.Unparen(l).(type) {
	case *cparse.Member:
		a.eval(e, x.X)
		if x.Arrow {
			a.checkUse(e, Path(x.X), x.Pos(), UseDeref, "")
		}
	case *cparse.Index:
		a.eval(e, x.X)
		a.eval(e, x.Index)
	case *cparse.Unary:
		if x.X != nil {
			a.eval(e, x.X)
		}
	}
}

// assignTo binds the result v to the lvalue path; local says the target is
// a plain local variable (an alias), otherwise the object is stored where
// it outlives the call.
func (a *Analysis) assignTo(e *env, path string, local bool, v value, pos token.Pos, rhs cparse.Expr) {
	if local {
		a.unbind(e, path, pos)
		delete(e.assigned, path)
		if v.callee != "" {
			e.assigned[path] = v.callee
		}
	} else {
		for _, r := range e.refs {
			if r.hasHandle(path) && !r.set.Has(Held) {
				r.dropHandle(path)
			}
		}
	}
	if v.alt != nil {
		if r := e.refs[v.alt.ID]; r != nil {
			r.addHandle(path)
			a.markKept(r, path, local)
			if local && a.cleanups[path] != nil {
				r.auto = true
			}
		}
	}
	if v.ref != nil {
		for _, o := range a.sameNamed(e, v.ref, rhs) {
			if o != v.ref {
				if os := e.refs[o.ID]; os != nil {
					os.addHandle(path)
					a.markKept(os, path, local)
				}
			}
		}
		r := e.refs[v.ref.ID]
		if r != nil {
			r.addHandle(path)
			a.markKept(r, path, local)
			if local && a.cleanups[path] != nil {
				r.auto = true // a __free() variable's cleanup drops it
			}
		}
	}
	if v.status != nil {
		if r := e.refs[v.status.ID]; r != nil && local {
			r.status = path
		}
	}
	for _, o := range v.enables {
		if r := e.refs[o.ID]; r != nil && r.enabled && local {
			r.enableStatus = path
		}
	}
	if c, ok := cparse.Unparen(rhs).(*cparse.Call); ok && local {
		a.derive(e, path, c)
	}
}

// derive notes what a local computed by a call says about references:
// ret = PTR_ERR_OR_ZERO(p) is p's status; iep = platform_get_drvdata(pdev)
// is reached through pdev.
func (a *Analysis) derive(e *env, path string, c *cparse.Call) {
	name := cparse.CalleeName(c)
	if a.isErrCode(c, true) && !a.isErrCode(c, false) && len(c.Args) == 1 {
		for _, p := range ArgPaths(a.opts.Model, c.Args[0]) {
			if ref := a.refByHandle(e, p); ref != nil {
				if r := e.refs[ref.ID]; r != nil {
					r.status, r.statusFailTrue, r.statusFail = path, true, ErrPtr
				}
				return
			}
		}
		return
	}
	if name == "" || a.api(name) != nil {
		return
	}
	if t := a.varType(path); t == nil || t.Ptr == 0 {
		return
	}
	for _, arg := range c.Args {
		for _, p := range ArgPaths(a.opts.Model, arg) {
			if ref := a.refByHandle(e, p); ref != nil {
				if r := e.refs[ref.ID]; r != nil && r.set.Has(Held) && !contains(r.derived, path) {
					r.derived = append(r.derived, path)
				}
				break
			}
		}
	}
}

// unbind removes a variable from the references it named; losing the last
// name of a held reference leaks it.
func (a *Analysis) unbind(e *env, name string, pos token.Pos) {
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		for i, d := range r.derived {
			if d == name {
				r.derived = append(r.derived[:i:i], r.derived[i+1:]...)
				break
			}
		}
		if r.enableStatus == name {
			r.enableStatus = "" // no longer the enable's result
		}
		if !r.hasHandle(name) {
			if r.status == name {
				r.status = ""
			}
			continue
		}
		r.dropHandle(name)
		if r.status == name {
			r.status = ""
		}
		if len(r.handles) == 0 && r.set == Held && !r.kept() && !r.returned && !r.auto && !r.enabled && a.Refs[id].mustRelease() {
			a.emit(Event{Kind: Leak, Ref: a.Refs[id], Pos: pos, Handle: name, Steps: r.steps, State: r.set, Lost: true})
			r.set = Released // reported once
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedIDs(e *env) []int {
	ids := make([]int, 0, len(e.refs))
	for id := range e.refs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// refByHandle finds the most recent reference named by path.
func (a *Analysis) refByHandle(e *env, path string) *Ref {
	if path == "" {
		return nil
	}
	var best *Ref
	for id, r := range e.refs {
		if r.hasHandle(path) && (best == nil || id > best.ID) {
			best = a.Refs[id]
		}
	}
	return best
}

func (a *Analysis) checkUse(e *env, path string, pos token.Pos, use UseKind, callee string) {
	if path == "" {
		return
	}
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if a.addrOf && a.Refs[id].Lent {
			// &obj->done after a lent put: an address, not a read
			// (wait_for_completion(&adap->dev_released) waits for the
			// release, which cannot have freed it)
			continue
		}
		if r.hasHandle(path) && !r.weak[path] && r.regPut == nil && r.set.Has(Released) && !r.set.Has(Held) && !r.set.Has(Absent) && !r.auto && a.mayBeFreed(id, r) {
			a.emit(Event{Kind: UseAfterRelease, Ref: a.Refs[id], Pos: pos, Handle: path, Released: r.releasedAt, ReleasedBy: r.releasedBy, Use: use, UsedBy: callee})
			if a.report {
				// report the first use only; while solving, the name
				// stays so that a loop's back edge does not weaken it
				r.dropHandle(path)
			}
		}
	}
}

// mayBeFreed says whether a released reference was the last one the
// function can know of.
func (a *Analysis) mayBeFreed(id int, r *refState) bool {
	if id >= len(a.Refs) {
		return false
	}
	ref := a.Refs[id]
	if ref.Borrowed || ref.Backed || r.relSummary || r.conflated || r.devres {
		return false
	}
	if ref.API != nil && a.opts.Model.Class(ref.API.Class).Shared && (r.passed || ref.API.Summary) {
		// a subsystem it was handed to may hold the device; a wrapper of
		// the analyzed code may hand out a device someone else holds too
		return false
	}
	return true
}

// markKept records a store of r in path; local stores are aliases.
func (a *Analysis) markKept(r *refState, path string, local bool) {
	switch {
	case local:
	case devmRooted(path, a.devmVars):
		r.inDevm = true
	default:
		r.stored = true
	}
}

func (a *Analysis) markStored(e *env, ref *Ref, pos token.Pos) {
	if r := e.refs[ref.ID]; r != nil {
		r.stored = true
	}
}

// argRef finds the reference an argument denotes: the value it evaluated
// to, or a reference named by its path (&x->dev names x).
func (a *Analysis) argRef(e *env, arg cparse.Expr, v value) *Ref {
	if v.ref != nil {
		return v.ref
	}
	for _, p := range ArgPaths(a.opts.Model, arg) {
		if r := a.refByHandle(e, p); r != nil {
			return r
		}
	}
	return nil
}

// releaseTargets lists the references a release of arg drops: every held
// one the argument names (paths joined at a merge point each bring their
// own: np = of_get_child_by_name(..); if (!np) np = of_get_child_by_name(..)),
// else the one it names.
func (a *Analysis) releaseTargets(e *env, arg cparse.Expr, v value) []*Ref {
	a.releaseVia = ""
	best := a.argRef(e, arg, v)
	if best == nil {
		return nil
	}
	bs := e.refs[best.ID]
	if bs == nil {
		return []*Ref{best}
	}
	a.releaseVia = ""
	for _, p := range append([]string{Path(arg)}, ArgPaths(a.opts.Model, arg)...) {
		if p == "" || !bs.hasHandle(p) {
			continue
		}
		a.releaseVia = p
		var out []*Ref
		for _, id := range sortedIDs(e) {
			if r := e.refs[id]; r.hasHandle(p) && r.set.Has(Held) && id < len(a.Refs) {
				out = append(out, a.Refs[id])
			}
		}
		if len(out) > 0 {
			return out
		}
		break
	}
	return []*Ref{best}
}
