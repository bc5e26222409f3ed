package flow

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// States a reference can be in on a path; a reference's state at a point
// is the set of states over the paths reaching it.
type States uint8

const (
	Held     States = 1 << iota // acquired, not yet dropped
	Released                    // dropped
	Null                        // the acquire failed with NULL / error code / false
	ErrPtr                      // the acquire failed with an ERR_PTR
	Absent                      // not acquired on this path
)

func (s States) Has(b States) bool { return s&b != 0 }

// Ref is one acquisition site.
type Ref struct {
	ID       int
	Site     token.Pos
	Call     *cparse.Call
	API      *model.Func // the model entry (or a summary turned into one)
	Iterator bool        // acquired by an iterator step that drops its argument
}

// Step is a notable event on the path a finding follows.
type Step struct {
	Pos token.Pos
	Msg string
}

type refState struct {
	set      States
	handles  []string // lvalue paths naming the object, sorted
	stored   bool     // saved where it outlives the call
	returned bool
	auto     bool // bound to a __free()/cleanup variable
	status   string
	// statusFailTrue: a true status value means the acquire failed (errno
	// convention); false means it succeeded (try_module_get).
	statusFailTrue bool
	releasedAt     token.Pos
	relClass       string // for tracked parameters: the class a release gave it
	steps          []Step
}

func (r *refState) clone() *refState {
	c := *r
	c.handles = append([]string(nil), r.handles...)
	c.steps = append([]Step(nil), r.steps...)
	return &c
}

func (r *refState) hasHandle(h string) bool {
	for _, x := range r.handles {
		if x == h {
			return true
		}
	}
	return false
}

func (r *refState) addHandle(h string) {
	if h == "" || r.hasHandle(h) {
		return
	}
	r.handles = append(r.handles, h)
	sort.Strings(r.handles)
}

func (r *refState) dropHandle(h string) {
	for i, x := range r.handles {
		if x == h {
			r.handles = append(r.handles[:i:i], r.handles[i+1:]...)
			return
		}
	}
}

func (r *refState) addStep(s Step) {
	if len(r.steps) >= 12 {
		r.steps = append(r.steps[:1], r.steps[2:]...)
	}
	r.steps = append(r.steps, s)
}

// env is the dataflow fact: the state of every reference, plus which call
// last assigned each local variable (for messages and status checks).
type env struct {
	refs     map[int]*refState
	assigned map[string]string // variable -> callee whose result it holds
}

func newEnv() *env { return &env{refs: map[int]*refState{}, assigned: map[string]string{}} }

func (e *env) clone() *env {
	c := &env{refs: make(map[int]*refState, len(e.refs)), assigned: make(map[string]string, len(e.assigned))}
	for k, v := range e.refs {
		c.refs[k] = v.clone()
	}
	for k, v := range e.assigned {
		c.assigned[k] = v
	}
	return c
}

// join merges o into e; it reports whether e changed.
func (e *env) join(o *env) bool {
	changed := false
	for id, r := range o.refs {
		mine, ok := e.refs[id]
		if !ok {
			c := r.clone()
			c.set |= Absent
			e.refs[id] = c
			changed = true
			continue
		}
		if mine.set|r.set != mine.set {
			if !mine.set.Has(Held) && r.set.Has(Held) {
				mine.steps = append([]Step(nil), r.steps...)
			}
			mine.set |= r.set
			changed = true
		}
		for _, h := range r.handles {
			if !mine.hasHandle(h) {
				mine.addHandle(h)
				changed = true
			}
		}
		if r.stored && !mine.stored || r.returned && !mine.returned || r.auto && !mine.auto {
			mine.stored = mine.stored || r.stored
			mine.returned = mine.returned || r.returned
			mine.auto = mine.auto || r.auto
			changed = true
		}
		if mine.status == "" && r.status != "" {
			mine.status, mine.statusFailTrue = r.status, r.statusFailTrue
			changed = true
		}
		if mine.releasedAt == token.NoPos && r.releasedAt != token.NoPos {
			mine.releasedAt = r.releasedAt
		}
	}
	for id, mine := range e.refs {
		if _, ok := o.refs[id]; !ok && !mine.set.Has(Absent) {
			mine.set |= Absent
			changed = true
		}
	}
	for k, v := range o.assigned {
		if cur, ok := e.assigned[k]; !ok {
			e.assigned[k] = v
			changed = true
		} else if cur != v && cur != "" {
			e.assigned[k] = ""
			changed = true
		}
	}
	return changed
}

// Event is something a rule may want to report, raised during the final
// walk over the fixpoint.
type Event struct {
	Kind     EventKind
	Ref      *Ref
	Pos      token.Pos // where it happens
	Call     *cparse.Call
	Callee   string
	Handle   string
	Steps    []Step // the path since the acquire
	Released token.Pos
	State    States
	Jump     cparse.Stmt // the return (or goto leading to it) for leaks
	Lost     bool        // leak by overwriting the last handle
}

// EventKind classifies events.
type EventKind int

const (
	Leak         EventKind = iota // held at a return, never handed off
	DoubleRelease                 // released when already released on every path
	UseAfterRelease               // dereferenced or passed on after release
	ManualDevmRelease             // devm object released by hand
	PutAfterLoop                  // iterator variable put after the loop ran out
)

// Options configure an analysis.
type Options struct {
	Model     *model.Model
	Summaries *Summaries // may be nil
	// TrackParams treats pointer parameters as held references (for
	// computing summaries).
	TrackParams bool
}

// Analysis is the result of running the reference dataflow on a function.
type Analysis struct {
	CFG    *CFG
	Refs   []*Ref
	Events []Event
	// ParamFate, with TrackParams: for each parameter index, the union of
	// its states at the returns, and whether it was stored or returned.
	ParamFate map[int]ParamFate
	// Returns lists, per return statement, the reference returned (or nil)
	// and whether the returned value is NULL / ERR_PTR-like.
	Returns []ReturnInfo
	locals  map[string]bool
	opts    Options
	bySite  map[token.Pos]*Ref
	report  bool
	params  map[string]int
}

// ParamFate summarizes what a function does to a pointer parameter.
type ParamFate struct {
	Class    string // class of the release applied to it
	States   States
	Stored   bool
	Returned bool
}

// ReturnInfo describes one return statement.
type ReturnInfo struct {
	Ret      *cparse.Return
	Ref      *Ref
	ErrValue bool // NULL, ERR_PTR(...), negative constant
}

// Analyze runs the reference dataflow over f.
func Analyze(f *cparse.Func, opts Options) *Analysis {
	a := &Analysis{CFG: Build(f), opts: opts, bySite: map[token.Pos]*Ref{}, locals: map[string]bool{}, params: map[string]int{}}
	for i, p := range f.Params {
		a.locals[p.Name] = true
		a.params[p.Name] = i
	}
	cparse.Inspect(f.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && !d.Static {
			a.locals[d.Name] = true
		}
		return true
	})
	a.solve()
	return a
}

func (a *Analysis) entryEnv() *env {
	e := newEnv()
	if a.opts.TrackParams {
		for i, p := range a.CFG.Func.Params {
			if p.Type == nil || p.Type.Ptr == 0 {
				continue
			}
			ref := a.newRef(token.Pos(-1-i), nil, nil)
			e.refs[ref.ID] = &refState{set: Held, handles: []string{p.Name}}
		}
	}
	return e
}

func (a *Analysis) solve() {
	g := a.CFG
	in := make([]*env, len(g.Blocks))
	in[g.Entry.Index] = a.entryEnv()
	work := []*Block{g.Entry}
	queued := map[*Block]bool{g.Entry: true}
	for iter := 0; len(work) > 0 && iter < 20000; iter++ {
		sort.Slice(work, func(i, j int) bool { return work[i].Index < work[j].Index })
		blk := work[0]
		work = work[1:]
		queued[blk] = false
		out := in[blk.Index].clone()
		a.block(blk, out)
		for _, e := range blk.Succs {
			next := out
			if e.Cond != nil {
				next = out.clone()
				if !a.refine(next, e.Cond, e.Branch) {
					continue // infeasible
				}
				a.noteBranch(next, e)
			}
			if blk.Jump != nil {
				if gt, ok := blk.Jump.(*cparse.Goto); ok && gt.Label != "" {
					next = next.clone()
					for _, r := range next.refs {
						if r.set.Has(Held) {
							r.addStep(Step{Pos: gt.At, Msg: "goto " + gt.Label})
						}
					}
				}
			}
			if in[e.To.Index] == nil {
				in[e.To.Index] = next.clone()
			} else if !in[e.To.Index].join(next) {
				continue
			}
			if !queued[e.To] {
				queued[e.To] = true
				work = append(work, e.To)
			}
		}
	}
	// final pass: raise events once, from the fixpoint
	a.report = true
	a.ParamFate = map[int]ParamFate{}
	for _, blk := range g.Blocks {
		if in[blk.Index] == nil {
			continue
		}
		a.block(blk, in[blk.Index].clone())
	}
	sort.SliceStable(a.Events, func(i, j int) bool { return a.Events[i].Pos < a.Events[j].Pos })
}

func (a *Analysis) noteBranch(e *env, edge Edge) {
	desc := a.describeCond(e, edge.Cond, edge.Branch)
	for _, r := range e.refs {
		if r.set.Has(Held) && !r.stored && !r.returned {
			r.addStep(Step{Pos: edge.Cond.Pos(), Msg: desc})
		}
	}
}

// describeCond says in words why a branch was taken: "when X() fails".
func (a *Analysis) describeCond(e *env, cond cparse.Expr, branch bool) string {
	callee := ""
	var subject cparse.Expr = cond
	failing := !branch // "if (p)": true means success
	compared := false
loop:
	for {
		switch x := cparse.Unparen(subject).(type) {
		case *cparse.Binary:
			switch x.Op {
			case "==", "<":
				failing, compared = branch, true
			case "!=", ">=", ">", "<=":
				failing, compared = !branch, true
			default:
				break loop
			}
			subject = x.X
		case *cparse.Call:
			name := cparse.CalleeName(x)
			if (name == "IS_ERR" || name == "IS_ERR_OR_NULL" || name == "unlikely" || name == "likely" || name == "WARN_ON") && len(x.Args) == 1 {
				if name == "IS_ERR" || name == "IS_ERR_OR_NULL" {
					failing, compared = branch, true
				}
				subject = x.Args[0]
				continue
			}
			callee = name
			if api := a.opts.Model.Lookup(name); api != nil && api.Fail == model.FailErrno && !compared {
				failing = branch
			}
			break loop
		case *cparse.Assign:
			subject = x.R
		case *cparse.Ident:
			callee = e.assigned[x.Name]
			if !compared && a.isStatusLike(x.Name) {
				failing = branch // "if (ret)": non-zero is an error code
			}
			break loop
		default:
			break loop
		}
	}
	if callee != "" {
		if failing {
			return "when " + callee + "() fails"
		}
		return "when " + callee + "() succeeds"
	}
	if branch {
		return "when '" + ExprString(cond) + "' is true"
	}
	return "when '" + ExprString(cond) + "' is false"
}

// isStatusLike guesses whether a variable holds an int status (ret, err)
// rather than a pointer, from its declared type.
func (a *Analysis) isStatusLike(name string) bool {
	t := a.varType(name)
	return t != nil && t.Ptr == 0
}

func (a *Analysis) varType(name string) *cparse.Type {
	var found *cparse.Type
	for _, p := range a.CFG.Func.Params {
		if p.Name == name {
			return p.Type
		}
	}
	cparse.Inspect(a.CFG.Func.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && d.Name == name && found == nil {
			found = d.Type
		}
		return found == nil
	})
	return found
}

func (a *Analysis) newRef(site token.Pos, call *cparse.Call, api *model.Func) *Ref {
	if r, ok := a.bySite[site]; ok {
		return r
	}
	r := &Ref{ID: len(a.Refs), Site: site, Call: call, API: api}
	a.Refs = append(a.Refs, r)
	a.bySite[site] = r
	return r
}

func (a *Analysis) emit(ev Event) {
	if a.report {
		a.Events = append(a.Events, ev)
	}
}

func (a *Analysis) block(blk *Block, e *env) {
	for _, n := range blk.Nodes {
		switch x := n.(type) {
		case *cparse.VarDecl:
			if x.Init == nil {
				a.unbind(e, x.Name, x.NamePos)
				continue
			}
			v := a.eval(e, x.Init)
			a.assignTo(e, x.Name, true, v, x.NamePos, x.Init)
			if x.Cleanup != "" {
				for _, r := range e.refs {
					if r.hasHandle(x.Name) {
						r.auto = true
					}
				}
			}
		case *cparse.Return:
			a.ret(e, x)
		case *cparse.Goto:
		case cparse.Expr:
			a.eval(e, x)
		}
	}
}

// value is what evaluating an expression yields for the dataflow.
type value struct {
	ref    *Ref // the expression denotes this reference's object
	status *Ref // the expression is the status result of this acquire
	callee string
	null   bool // a NULL/0 constant
}

func (a *Analysis) eval(e *env, x cparse.Expr) value {
	switch x := x.(type) {
	case *cparse.Call:
		return a.call(e, x)
	case *cparse.Assign:
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
		a.eval(e, x.X)
		if x.Arrow {
			a.checkUse(e, Path(x.X), x.Pos(), "dereferenced")
		}
		return value{ref: a.refByHandle(e, Path(x))}
	case *cparse.Unary:
		if x.X == nil || x.Op == "sizeof" {
			return value{}
		}
		v := a.eval(e, x.X)
		switch x.Op {
		case "*":
			a.checkUse(e, Path(x.X), x.Pos(), "dereferenced")
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
		a.eval(e, x.X)
		v := a.eval(e, x.Y)
		if x.Op == "," {
			return v
		}
		return value{}
	case *cparse.Cond:
		a.eval(e, x.C)
		t := a.eval(e, x.T)
		f := a.eval(e, x.F)
		if t.ref != nil {
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
			a.checkUse(e, Path(x.X), x.Pos(), "dereferenced")
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
	if v.ref != nil {
		r := e.refs[v.ref.ID]
		if r != nil {
			r.addHandle(path)
			if !local {
				r.stored = true
			}
		}
	}
	if v.status != nil {
		if r := e.refs[v.status.ID]; r != nil && local {
			r.status = path
		}
	}
}

// unbind removes a variable from the references it named; losing the last
// name of a held reference leaks it.
func (a *Analysis) unbind(e *env, name string, pos token.Pos) {
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
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
		if len(r.handles) == 0 && r.set == Held && !r.stored && !r.returned && !r.auto {
			a.emit(Event{Kind: Leak, Ref: a.Refs[id], Pos: pos, Handle: name, Steps: r.steps, State: r.set, Lost: true})
			r.set = Released // reported once
		}
	}
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

func (a *Analysis) checkUse(e *env, path string, pos token.Pos, how string) {
	if path == "" {
		return
	}
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if r.hasHandle(path) && r.set.Has(Released) && !r.set.Has(Held) && !r.set.Has(Absent) && !r.auto {
			a.emit(Event{Kind: UseAfterRelease, Ref: a.Refs[id], Pos: pos, Handle: path, Released: r.releasedAt, Callee: how})
			r.dropHandle(path) // report the first use only
		}
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
	for _, p := range ArgPaths(arg) {
		if r := a.refByHandle(e, p); r != nil {
			return r
		}
	}
	return nil
}

func (a *Analysis) call(e *env, c *cparse.Call) value {
	name := cparse.CalleeName(c)
	if name == "" {
		a.eval(e, c.Fun)
	}
	args := make([]value, len(c.Args))
	for i, arg := range c.Args {
		args[i] = a.eval(e, arg)
	}
	api := a.opts.Model.Lookup(name)
	if api == nil && a.opts.Summaries != nil {
		api = a.opts.Summaries.Lookup(name)
	}
	switch name {
	case "ERR_CAST", "no_free_ptr", "return_ptr", "__get_and_null":
		if len(args) == 1 {
			if r := a.argRef(e, c.Args[0], args[0]); r != nil {
				if rs := e.refs[r.ID]; rs != nil && name != "ERR_CAST" {
					rs.auto = false
				}
				return value{ref: r}
			}
		}
	case "IS_ERR", "IS_ERR_OR_NULL", "PTR_ERR", "PTR_ERR_OR_ZERO", "WARN_ON", "likely", "unlikely":
		return value{callee: name}
	}
	if api == nil {
		// an unmodelled callee only uses its arguments
		for i, arg := range c.Args {
			if r := a.argRef(e, arg, args[i]); r != nil {
				a.checkUse(e, firstPath(arg), arg.Pos(), "passed to "+name+"()")
			}
		}
		return value{callee: name}
	}
	if api.Drops != nil && api.Drops.Arg < len(c.Args) {
		if r := a.argRef(e, c.Args[api.Drops.Arg], args[api.Drops.Arg]); r != nil {
			a.release(e, r, c, name, api, true)
		}
	}
	switch api.Kind {
	case model.Release, model.Unregister:
		if api.Ref.Ret || api.Ref.Arg >= len(c.Args) {
			return value{callee: name}
		}
		arg := c.Args[api.Ref.Arg]
		r := a.argRef(e, arg, args[api.Ref.Arg])
		if r != nil && classMatch(r.API, api) {
			a.release(e, r, c, name, api, false)
		}
		return value{callee: name}
	case model.Takes:
		if api.Ref.Arg < len(c.Args) {
			if r := a.argRef(e, c.Args[api.Ref.Arg], args[api.Ref.Arg]); r != nil {
				a.markStored(e, r, c.Pos())
			}
		}
		return value{callee: name}
	case model.Acquire, model.Pin, model.Devm, model.Register:
		if api.Kind == model.Register && api.Devm {
			return value{callee: name}
		}
		ref := a.newRef(c.Pos(), c, api)
		ref.Iterator = api.Drops != nil
		st := &refState{set: Held}
		switch api.Fail {
		case model.FailNull:
			st.set |= Null
		case model.FailErrPtr:
			st.set |= ErrPtr
		case model.FailErrOrNull:
			st.set |= Null | ErrPtr
		case model.FailErrno:
			st.set |= Null
			st.statusFailTrue = true
		case model.FailFalse:
			st.set |= Null
		}
		st.steps = []Step{{Pos: c.Pos(), Msg: "acquired by " + name + "()"}}
		if old := e.refs[ref.ID]; old != nil && old.set == Held && !old.stored && !old.returned && !old.auto {
			// the same site acquiring again (a loop) while the last one is
			// still held: that one can no longer be dropped
			a.emit(Event{Kind: Leak, Ref: ref, Pos: c.Pos(), Steps: old.steps, State: old.set, Lost: true})
		}
		e.refs[ref.ID] = st
		if api.Ref.Ret {
			return value{ref: ref, callee: name, status: statusIf(api, ref)}
		}
		if api.Ref.Arg < len(c.Args) {
			for _, p := range ArgPaths(c.Args[api.Ref.Arg]) {
				h := p
				if api.Ref.Field != "" {
					h = p + "." + api.Ref.Field
				}
				st.addHandle(h)
				break
			}
			if api.Fail == model.FailErrno || api.Fail == model.FailFalse {
				return value{status: ref, callee: name}
			}
			return value{ref: ref, callee: name}
		}
	case model.Revoke, model.Link, model.Lookup:
		return value{callee: name}
	}
	return value{callee: name}
}

func statusIf(api *model.Func, ref *Ref) *Ref {
	if api.Fail == model.FailErrno || api.Fail == model.FailFalse {
		return ref
	}
	return nil
}

// classMatch says whether a release applies to references from acquire.
func classMatch(acq, rel *model.Func) bool {
	if acq == nil {
		return true // a tracked parameter
	}
	for _, r := range acq.Release {
		if r == rel.Name {
			return true
		}
	}
	for _, r := range acq.Manual {
		if r == rel.Name {
			return true
		}
	}
	return acq.Class != "" && acq.Class == rel.Class
}

func (a *Analysis) release(e *env, ref *Ref, c *cparse.Call, name string, api *model.Func, byIterator bool) {
	r := e.refs[ref.ID]
	if r == nil {
		return
	}
	if ref.API != nil && ref.API.Kind == model.Devm && !api.Devm && !byIterator {
		a.emit(Event{Kind: ManualDevmRelease, Ref: ref, Pos: c.Pos(), Call: c, Callee: name})
	}
	if r.set.Has(Released) && !r.set.Has(Held) && !r.set.Has(Absent) {
		a.emit(Event{Kind: DoubleRelease, Ref: ref, Pos: c.Pos(), Call: c, Callee: name, Released: r.releasedAt, State: r.set})
	} else if r.set == Null && ref.Iterator && !byIterator {
		a.emit(Event{Kind: PutAfterLoop, Ref: ref, Pos: c.Pos(), Call: c, Callee: name})
	}
	if r.set.Has(Held) {
		r.set = r.set&^Held | Released
	}
	r.releasedAt = c.Pos()
	r.auto = false
	if ref.API == nil {
		r.relClass = api.Class
	}
}

func (a *Analysis) ret(e *env, x *cparse.Return) {
	info := ReturnInfo{Ret: x}
	if x.Result != nil {
		v := a.eval(e, x.Result)
		r := v.ref
		if r == nil {
			// returning something reached from a reference hands it off
			for _, p := range ExprPaths(x.Result) {
				if rr := a.refByHandle(e, p); rr != nil {
					r = rr
					break
				}
			}
		}
		if r != nil {
			if rs := e.refs[r.ID]; rs != nil {
				rs.returned = true
				info.Ref = r
			}
		}
		info.ErrValue = isErrValue(x.Result)
	}
	if a.report {
		a.Returns = append(a.Returns, info)
	}
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if id < len(a.Refs) && a.Refs[id].Site < 0 {
			// a tracked parameter: record its fate
			idx := int(-1 - a.Refs[id].Site)
			if a.report {
				f := a.ParamFate[idx]
				f.States |= r.set
				f.Stored = f.Stored || r.stored
				f.Returned = f.Returned || r.returned
				if r.relClass != "" {
					f.Class = r.relClass
				}
				a.ParamFate[idx] = f
			}
			continue
		}
		if r.set.Has(Held) && !r.stored && !r.returned && !r.auto && id < len(a.Refs) {
			a.emit(Event{Kind: Leak, Ref: a.Refs[id], Pos: x.At, Steps: r.steps, State: r.set, Jump: x})
		}
		if info.Ref != nil && info.Ref.ID == id {
			r.returned = false // only this path returns it
		}
	}
}

func isErrValue(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		return v.Name == "NULL"
	case *cparse.BasicLit:
		return v.Value == "0"
	case *cparse.Unary:
		return v.Op == "-"
	case *cparse.Call:
		n := cparse.CalleeName(v)
		return n == "ERR_PTR" || n == "ERR_CAST" || n == "dev_err_probe"
	}
	return false
}

// refine narrows states on a branch; false means the branch is infeasible.
func (a *Analysis) refine(e *env, cond cparse.Expr, branch bool) bool {
	cond = cparse.Unparen(cond)
	switch x := cond.(type) {
	case *cparse.Unary:
		if x.Op == "!" && x.X != nil {
			return a.refine(e, x.X, !branch)
		}
	case *cparse.Binary:
		var other cparse.Expr
		subj := x.X
		other = x.Y
		if isNullish(x.X) {
			subj, other = x.Y, x.X
		}
		switch x.Op {
		case "==", "!=":
			if !isNullish(other) {
				return true
			}
			truthy := branch
			if x.Op == "==" {
				truthy = !branch
			}
			return a.refineTruth(e, subj, truthy)
		case "<":
			if isNullish(x.Y) {
				return a.refineStatus(e, x.X, branch, true)
			}
		case ">=":
			if isNullish(x.Y) {
				return a.refineStatus(e, x.X, !branch, true)
			}
		}
		return true
	case *cparse.Call:
		name := cparse.CalleeName(x)
		switch name {
		case "likely", "unlikely", "WARN_ON", "WARN_ON_ONCE", "__builtin_expect":
			if len(x.Args) >= 1 {
				return a.refine(e, x.Args[0], branch)
			}
		case "IS_ERR", "IS_ERR_OR_NULL", "IS_ERR_VALUE":
			if len(x.Args) != 1 {
				return true
			}
			mask := ErrPtr
			if name == "IS_ERR_OR_NULL" {
				mask |= Null
			}
			return a.refineRef(e, x.Args[0], func(s States) States {
				if branch {
					return s & (mask | Absent | Released)
				}
				return s &^ mask
			})
		case "PTR_ERR_OR_ZERO", "PTR_ERR":
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

func isNullish(x cparse.Expr) bool {
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
	ok := true
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		switch {
		case r.hasHandle(p) && (len(a.Refs) <= id || a.Refs[id].API == nil || a.Refs[id].API.Fail != model.FailErrno || a.Refs[id].API.Ref.Ret):
			if truthy {
				r.set &^= Null
			} else {
				r.set &= Null | Absent | Released
			}
		case r.status == p:
			fail := truthy == r.statusFailTrue
			if fail {
				r.set &= Null | Absent | Released
			} else {
				r.set &^= Null
			}
		default:
			continue
		}
		if r.set == 0 {
			ok = false
		}
	}
	return ok
}

// refineStatus handles "if (ret < 0)": cond true means failure.
func (a *Analysis) refineStatus(e *env, subj cparse.Expr, failing bool, _ bool) bool {
	p := Path(subj)
	ok := true
	for _, r := range e.refs {
		if r.status != p || p == "" {
			continue
		}
		if failing {
			r.set &= Null | Absent | Released
		} else {
			r.set &^= Null
		}
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
func ArgPaths(x cparse.Expr) []string {
	x = cparse.Unparen(x)
	if u, ok := x.(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
		var out []string
		if p := Path(u.X); p != "" {
			out = append(out, "&"+p, p)
		}
		if m, ok := cparse.Unparen(u.X).(*cparse.Member); ok {
			if p := Path(m.X); p != "" {
				out = append(out, p)
			}
		} else if p := Path(u.X); p != "" {
			// &args: the struct itself, for out-parameter fields
			out = append(out, p)
		}
		return out
	}
	if c, ok := x.(*cparse.Call); ok && len(c.Args) == 1 {
		// to_platform_device(d), of_fwnode_handle(np), dev_fwnode(...)
		switch cparse.CalleeName(c) {
		case "to_platform_device", "of_fwnode_handle", "to_of_node", "to_mdio_device":
			return ArgPaths(c.Args[0])
		}
	}
	if p := Path(x); p != "" {
		return []string{p}
	}
	return nil
}

func firstPath(x cparse.Expr) string {
	if ps := ArgPaths(x); len(ps) > 0 {
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
	}
	return fmt.Sprintf("(%T)", x)
}
