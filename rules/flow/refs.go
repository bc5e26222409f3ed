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
	// Borrowed: a get on an object the function already had (get_device(d),
	// try_module_get(owner), of_node_get(np); on its own). Keeping it past
	// a successful return is what an attach does, so only error returns
	// leak it, and the object outlives its put.
	Borrowed bool
}

// IsSummary says whether api was computed from the analyzed code rather
// than taken from the model.
func IsSummary(api *model.Func) bool {
	return api != nil && strings.HasPrefix(api.Source, "summary of ")
}

// mustRelease says whether the caller has to drop the reference itself:
// device-managed ones are released by devres at unbind.
func (r *Ref) mustRelease() bool {
	return r.API != nil && !r.Borrowed && r.API.Kind != model.Devm && !(r.API.Kind == model.Register && r.API.Devm)
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
	releasedBy     *cparse.Call // the call that dropped it
	// extra counts gets taken on the object itself (of_node_get(np) with
	// the result discarded, get_device(&pdev->dev)): each is one more put
	// the object can take before it is released.
	extra int
	// putWhileAuto: dropped by hand while bound to a cleanup variable,
	// whose cleanup drops it again unless the variable is cleared.
	putWhileAuto bool
	relClass     string // for tracked parameters: the class a release gave it
	// relSummary: dropped by a summarized function of the analyzed code,
	// which may drop another count than this one (a registration's).
	relSummary bool
	// passed: handed to a function the model does not know, which may
	// have taken a reference of its own (phy_attach_direct()).
	passed bool
	// statusFail is what a failing status value says about the reference
	// (Null for an errno acquire; ErrPtr for ret = PTR_ERR_OR_ZERO(p)).
	statusFail States
	// derived are pointer variables computed from the object by functions
	// the model does not know (iep = platform_get_drvdata(pdev)):
	// returning one hands the reference over with it.
	derived []string
	// conflated: the same call site acquired again while another name
	// still reached the previous object (prev = np; np = next(np)): the
	// one state stands for two objects, too unsure for put/use findings.
	conflated bool
	// guard holds branch facts true on every path where the reference is
	// held: a later test of the same variable going the other way means it
	// is not held there (if (!prev) np = get(); ... if (prev) ...).
	guard map[string]bool
	// weak lists handles that name the reference on some paths only
	// (joined from paths where the variable held something else).
	weak  map[string]bool
	steps []Step
}

func (r *refState) clone() *refState {
	c := *r
	c.handles = append([]string(nil), r.handles...)
	c.derived = append([]string(nil), r.derived...)
	if r.guard != nil {
		c.guard = make(map[string]bool, len(r.guard))
		for k, v := range r.guard {
			c.guard[k] = v
		}
	}
	if r.weak != nil {
		c.weak = make(map[string]bool, len(r.weak))
		for k := range r.weak {
			c.weak[k] = true
		}
	}
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
	delete(r.weak, h) // named here on this path
	if h == "" || r.hasHandle(h) {
		return
	}
	r.handles = append(r.handles, h)
	sort.Strings(r.handles)
}

func (r *refState) setWeak(h string) {
	if r.weak == nil {
		r.weak = map[string]bool{}
	}
	r.weak[h] = true
}

func (r *refState) dropHandle(h string) {
	delete(r.weak, h)
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
	// facts records what branches taken say about plain variables (true:
	// non-zero / non-NULL), so a later test of the same variable is not
	// taken both ways: if (!prev) np = get(); ... if (prev) ... else put(np).
	facts map[string]bool
}

// clobber forgets what branches said about a variable that changes.
func (e *env) clobber(v string) {
	if v == "" {
		return
	}
	delete(e.facts, v)
	for _, r := range e.refs {
		delete(r.guard, v)
	}
}

func newEnv() *env {
	return &env{refs: map[int]*refState{}, assigned: map[string]string{}, facts: map[string]bool{}}
}

func (e *env) clone() *env {
	c := &env{refs: make(map[int]*refState, len(e.refs)), assigned: make(map[string]string, len(e.assigned)), facts: make(map[string]bool, len(e.facts))}
	for k, v := range e.facts {
		c.facts[k] = v
	}
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
			for _, h := range c.handles {
				c.setWeak(h)
			}
			e.refs[id] = c
			changed = true
			continue
		}
		switch {
		case mine.set.Has(Held) && r.set.Has(Held):
			for k, v := range mine.guard {
				if ov, ok := r.guard[k]; !ok || ov != v {
					delete(mine.guard, k)
					changed = true
				}
			}
		case r.set.Has(Held):
			mine.guard = r.clone().guard
			changed = true
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
				mine.setWeak(h)
				changed = true
			} else if r.weak[h] && !mine.weak[h] {
				mine.setWeak(h)
				changed = true
			}
		}
		for _, h := range mine.handles {
			if !r.hasHandle(h) && !mine.weak[h] {
				mine.setWeak(h)
				changed = true
			}
		}
		for _, d := range r.derived {
			if !contains(mine.derived, d) {
				mine.derived = append(mine.derived, d)
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
			mine.status, mine.statusFailTrue, mine.statusFail = r.status, r.statusFailTrue, r.statusFail
			changed = true
		}
		if mine.releasedAt == token.NoPos && r.releasedAt != token.NoPos {
			mine.releasedAt, mine.releasedBy = r.releasedAt, r.releasedBy
		}
		if r.extra > mine.extra {
			// the larger count: never claim a put is one too many
			mine.extra = r.extra
			changed = true
		}
		if r.conflated && !mine.conflated {
			mine.conflated = true
			changed = true
		}
		if r.putWhileAuto && !mine.putWhileAuto || r.relSummary && !mine.relSummary || r.passed && !mine.passed {
			mine.putWhileAuto = mine.putWhileAuto || r.putWhileAuto
			mine.relSummary = mine.relSummary || r.relSummary
			mine.passed = mine.passed || r.passed
			changed = true
		}
	}
	for id, mine := range e.refs {
		if _, ok := o.refs[id]; !ok && !mine.set.Has(Absent) {
			mine.set |= Absent
			for _, h := range mine.handles {
				mine.setWeak(h)
			}
			changed = true
		}
	}
	for k, v := range e.facts {
		if ov, ok := o.facts[k]; !ok || ov != v {
			delete(e.facts, k)
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
	// ReleasedBy is the call that dropped the reference before (double
	// release, use after release).
	ReleasedBy *cparse.Call
	// ByIterator: the release is an iterator's step dropping its previous
	// result (of_get_next_child() in for_each_child_of_node()).
	ByIterator bool
	// Cleanup is the cleanup variable whose scope exit drops the reference
	// a second time (a __free() variable put by hand).
	Cleanup *cparse.VarDecl
}

// EventKind classifies events.
type EventKind int

const (
	Leak              EventKind = iota // held at a return, never handed off
	DoubleRelease                      // released when already released on every path
	UseAfterRelease                    // dereferenced or passed on after release
	ManualDevmRelease                  // devm object released by hand
	PutAfterLoop                       // iterator variable put after the loop ran out
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
	// cleanups are the function's cleanup (__free()) variables by name.
	cleanups map[string]*cparse.VarDecl
	// discarded is the call evaluated as a statement of its own, whose
	// result nobody keeps.
	discarded *cparse.Call
	// target is the variable the call being evaluated is assigned to.
	target     string
	targetCall *cparse.Call
	// releaseVia is the handle the release being applied was found by.
	releaseVia string
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
	Held     bool // the returned reference is held on some path here
	Owned    bool // ... and kept nowhere else (not stored, not a cleanup variable)
	ErrValue bool // NULL, ERR_PTR(...), negative constant
}

// Analyze runs the reference dataflow over f.
func Analyze(f *cparse.Func, opts Options) *Analysis {
	a := &Analysis{CFG: Build(f), opts: opts, bySite: map[token.Pos]*Ref{}, locals: map[string]bool{}, params: map[string]int{}, cleanups: map[string]*cparse.VarDecl{}}
	for i, p := range f.Params {
		a.locals[p.Name] = true
		a.params[p.Name] = i
	}
	cparse.Inspect(f.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && !d.Static {
			a.locals[d.Name] = true
			if d.Cleanup != "" {
				a.cleanups[d.Name] = d
			}
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
	out := make([]*env, len(g.Blocks))
	for _, blk := range g.Blocks {
		if in[blk.Index] == nil {
			continue
		}
		out[blk.Index] = in[blk.Index].clone()
		a.block(blk, out[blk.Index])
	}
	a.loopSteps(out)
	a.dedupe()
	sort.SliceStable(a.Events, func(i, j int) bool { return a.Events[i].Pos < a.Events[j].Pos })
}

// loopSteps replays each loop step (the iterator's next call) once per
// incoming edge: the join at the step hides that one path into it (a put
// before continue) has already dropped what the step drops.
func (a *Analysis) loopSteps(out []*env) {
	for _, pred := range a.CFG.Blocks {
		if out[pred.Index] == nil {
			continue
		}
		for _, edge := range pred.Succs {
			if !edge.To.LoopStep {
				continue
			}
			e := out[pred.Index].clone()
			if edge.Cond != nil && !a.refine(e, edge.Cond, edge.Branch) {
				continue
			}
			saved := a.Events
			a.Events = nil
			a.block(edge.To, e)
			for _, ev := range a.Events {
				if ev.Kind == DoubleRelease && ev.ByIterator {
					ev.Jump = pred.Jump // the continue, if any
					saved = append(saved, ev)
				}
			}
			a.Events = saved
		}
	}
}

// dedupe drops repeated events (the same event raised on several paths).
func (a *Analysis) dedupe() {
	type key struct {
		kind EventKind
		pos  token.Pos
		ref  int
	}
	seen := map[key]bool{}
	out := a.Events[:0]
	for _, ev := range a.Events {
		id := -1
		if ev.Ref != nil {
			id = ev.Ref.ID
		}
		k := key{ev.Kind, ev.Pos, id}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ev)
	}
	a.Events = out
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
			api := a.opts.Model.Lookup(name)
			if api == nil {
				api = a.opts.Summaries.Lookup(name)
			}
			if !compared {
				switch {
				case api != nil && api.Fail == model.FailErrno:
					failing = branch
				case api == nil && (a.returnsBool(name) || isPredicate(name)):
					if branch {
						return "when " + name + "() is true"
					}
					return "when " + name + "() is false"
				case api == nil && a.returnsPointer(name):
					failing = !branch // NULL is the failure
				case api == nil:
					// kernel convention: a non-zero int result is an error
					failing = branch
				}
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

func (a *Analysis) returnsPointer(name string) bool {
	t := a.opts.Summaries.Result(name)
	if t == nil {
		// cparse lists the declared results of functions returning
		// values; one it does not list returns a pointer
		return a.opts.Summaries.KnowsResults()
	}
	return t.Ptr > 0
}

func (a *Analysis) returnsBool(name string) bool {
	t := a.opts.Summaries.Result(name)
	return t != nil && t.Ptr == 0 && (t.Name == "bool" || t.Name == "_Bool")
}

// isPredicate guesses from its name whether a function answers a yes/no
// question (of_device_is_available, of_property_read_bool) rather than
// returning 0 or an error code.
func isPredicate(name string) bool {
	if strings.HasPrefix(name, "is_") || strings.HasPrefix(name, "has_") {
		return true
	}
	for _, s := range []string{"_is_", "_has_", "_bool", "_present", "_available", "_enabled", "_supported", "_valid"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return strings.HasSuffix(name, "_eq") || strings.HasSuffix(name, "_match")
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
				e.clobber(x.Name)
				a.unbind(e, x.Name, x.NamePos)
				continue
			}
			e.clobber(x.Name)
			if c, ok := cparse.Unparen(x.Init).(*cparse.Call); ok {
				a.target, a.targetCall = x.Name, c
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
			if c, ok := x.(*cparse.Call); ok {
				a.discarded = c
			}
			a.eval(e, x)
			a.discarded = nil
		}
	}
	for _, d := range blk.ScopeEnd {
		a.scopeExit(e, d)
	}
}

// scopeExit runs a cleanup variable's cleanup: a reference put by hand
// while bound to it is put a second time.
func (a *Analysis) scopeExit(e *env, d *cparse.VarDecl) {
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if !r.hasHandle(d.Name) || !r.putWhileAuto || r.set != Released || id >= len(a.Refs) {
			continue
		}
		ref := a.Refs[id]
		if ref.API == nil || !cleanupDrops(d.Cleanup, ref.API.Class) {
			continue
		}
		a.emit(Event{Kind: DoubleRelease, Ref: ref, Pos: r.releasedAt, Call: r.releasedBy, Callee: d.Cleanup,
			Released: r.releasedAt, ReleasedBy: r.releasedBy, State: r.set, Cleanup: d})
		r.putWhileAuto = false
	}
}

// cleanupDrops says whether a __free() cleanup function drops references
// of class (the DEFINE_FREE()s of include/linux/of.h, property.h, device.h).
func cleanupDrops(cleanup, class string) bool {
	switch strings.TrimPrefix(cleanup, "__free_") {
	case "device_node":
		return class == "of_node"
	case "fwnode_handle":
		return class == "fwnode"
	case "put_device", "platform_device_put":
		return class == "device"
	case "module_put":
		return class == "module"
	}
	return false
}

// value is what evaluating an expression yields for the dataflow.
type value struct {
	ref    *Ref // the expression denotes this reference's object
	alt    *Ref // ... or, on the other arm of a ?:, this one
	status *Ref // the expression is the status result of this acquire
	callee string
	null   bool // a NULL/0 constant
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
		if x.Op == "++" || x.Op == "--" || x.Op == "&" {
			e.clobber(Path(x.X)) // changed here, or through the pointer
		}
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
	if v.alt != nil {
		if r := e.refs[v.alt.ID]; r != nil {
			r.addHandle(path)
			r.stored = r.stored || !local
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
					os.stored = os.stored || !local
				}
			}
		}
		r := e.refs[v.ref.ID]
		if r != nil {
			r.addHandle(path)
			if !local {
				r.stored = true
			}
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
	if c, ok := cparse.Unparen(rhs).(*cparse.Call); ok && local {
		a.derive(e, path, c)
	}
}

// derive notes what a local computed by a call says about references:
// ret = PTR_ERR_OR_ZERO(p) is p's status; iep = platform_get_drvdata(pdev)
// is reached through pdev.
func (a *Analysis) derive(e *env, path string, c *cparse.Call) {
	name := cparse.CalleeName(c)
	if name == "PTR_ERR_OR_ZERO" && len(c.Args) == 1 {
		for _, p := range ArgPaths(c.Args[0]) {
			if ref := a.refByHandle(e, p); ref != nil {
				if r := e.refs[ref.ID]; r != nil {
					r.status, r.statusFailTrue, r.statusFail = path, true, ErrPtr
				}
				return
			}
		}
		return
	}
	if name == "" || a.opts.Model.Lookup(name) != nil || a.opts.Summaries.Lookup(name) != nil {
		return
	}
	if t := a.varType(path); t == nil || t.Ptr == 0 {
		return
	}
	for _, arg := range c.Args {
		for _, p := range ArgPaths(arg) {
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
		if len(r.handles) == 0 && r.set == Held && !r.stored && !r.returned && !r.auto && a.Refs[id].mustRelease() {
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

func (a *Analysis) checkUse(e *env, path string, pos token.Pos, how string) {
	if path == "" {
		return
	}
	for _, id := range sortedIDs(e) {
		r := e.refs[id]
		if r.hasHandle(path) && !r.weak[path] && r.set.Has(Released) && !r.set.Has(Held) && !r.set.Has(Absent) && !r.auto && a.mayBeFreed(id, r) {
			a.emit(Event{Kind: UseAfterRelease, Ref: a.Refs[id], Pos: pos, Handle: path, Released: r.releasedAt, ReleasedBy: r.releasedBy, Callee: how})
			r.dropHandle(path) // report the first use only
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
	if ref.Borrowed || r.relSummary || r.conflated {
		return false
	}
	if ref.API != nil && ref.API.Class == "device" && (r.passed || IsSummary(ref.API)) {
		// a subsystem it was handed to may hold the device; a wrapper of
		// the analyzed code may hand out a device someone else holds too
		return false
	}
	return true
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
	for _, p := range append([]string{Path(arg)}, ArgPaths(arg)...) {
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

func (a *Analysis) call(e *env, c *cparse.Call) (result value) {
	discarded := a.discarded == c
	a.discarded = nil
	target := ""
	if a.targetCall == c {
		target = a.target
	}
	a.target, a.targetCall = "", nil
	name := cparse.CalleeName(c)
	if name == "" {
		a.eval(e, c.Fun)
	}
	args := make([]value, len(c.Args))
	for i, arg := range c.Args {
		args[i] = a.eval(e, arg)
	}
	defer func() {
		// f(of_node_get(np)): a reference nothing names, passed on and not
		// dropped by the call, is the callee's to drop
		for _, v := range args {
			if v.ref == nil || v.ref == result.ref {
				continue
			}
			if rs := e.refs[v.ref.ID]; rs != nil && len(rs.handles) == 0 && rs.set.Has(Held) {
				rs.stored = true
			}
		}
	}()
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
	case "to_platform_device", "of_fwnode_handle", "to_of_node", "to_mdio_device":
		// views of the same object (functions here, macros in the kernel)
		if len(args) == 1 && api == nil {
			if r := a.argRef(e, c.Args[0], args[0]); r != nil {
				return value{ref: r, callee: name}
			}
		}
	}
	if api == nil {
		// an unmodelled callee only uses its arguments
		for i, arg := range c.Args {
			if r := a.argRef(e, arg, args[i]); r != nil {
				a.checkUse(e, firstPath(arg), arg.Pos(), "passed to "+name+"()")
				if rs := e.refs[r.ID]; rs != nil && rs.set.Has(Held) {
					rs.passed = true
					if len(rs.handles) == 0 {
						// f(of_node_get(np)): nothing else can drop it, the
						// callee consumes it
						rs.stored = true
					}
				}
			}
		}
		return value{callee: name}
	}
	if api.Drops != nil && api.Drops.Arg < len(c.Args) {
		for _, r := range a.releaseTargets(e, c.Args[api.Drops.Arg], args[api.Drops.Arg]) {
			a.release(e, r, c, name, api, true)
		}
	}
	switch api.Kind {
	case model.Release, model.Unregister:
		if api.Ref.Ret || api.Ref.Arg >= len(c.Args) {
			return value{callee: name}
		}
		for _, r := range a.releaseTargets(e, c.Args[api.Ref.Arg], args[api.Ref.Arg]) {
			if classMatch(r.API, api) {
				a.release(e, r, c, name, api, false)
			}
		}
		return value{callee: name}
	case model.Takes:
		if api.Ref.Arg < len(c.Args) {
			if r := a.argRef(e, c.Args[api.Ref.Arg], args[api.Ref.Arg]); r != nil {
				for _, o := range a.sameNamed(e, r, c.Args[api.Ref.Arg]) {
					a.markStored(e, o, c.Pos())
				}
			}
		}
		return value{callee: name}
	case model.Acquire, model.Pin, model.Devm, model.Register:
		if api.Keeps != nil && api.Keeps.Arg < len(c.Args) {
			// the new object keeps this argument (phy_create's node)
			if r := a.argRef(e, c.Args[api.Keeps.Arg], args[api.Keeps.Arg]); r != nil {
				a.markStored(e, r, c.Pos())
			}
		}
		if api.Kind == model.Register && api.Devm {
			return value{callee: name}
		}
		if r := a.getOnSelf(e, c, api, args, discarded); r != nil {
			return value{ref: r, callee: name}
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
		if len(e.facts) > 0 {
			st.guard = make(map[string]bool, len(e.facts))
			for k, v := range e.facts {
				st.guard[k] = v
			}
		}
		if old := e.refs[ref.ID]; old != nil && (old.conflated || !onlyNamedBy(old, target)) {
			st.conflated = true
		}
		if old := e.refs[ref.ID]; old != nil && old.set == Held && !old.stored && !old.returned && !old.auto && ref.mustRelease() &&
			onlyNamedBy(old, target) {
			// the same site acquiring again (a loop) while the last one is
			// still held: that one can no longer be dropped
			a.emit(Event{Kind: Leak, Ref: ref, Pos: c.Pos(), Steps: old.steps, State: old.set, Lost: true})
		}
		if api.Ref.Ret {
			e.refs[ref.ID] = st
			if discarded && api.Fail == model.FailNone && len(c.Args) > 0 {
				// of_node_get(np); on its own takes a reference named np
				// (to balance a later call that drops np, or to keep np)
				p := firstPath(c.Args[0])
				if p == "" {
					delete(e.refs, ref.ID) // nothing names it: not tracked
					return value{callee: name}
				}
				ref.Borrowed = true
				st.addHandle(p)
				st.stored = !isLocalHandle(p)
			}
			return value{ref: ref, callee: name, status: statusIf(api, ref)}
		}
		if api.Ref.Arg >= len(c.Args) {
			return value{callee: name}
		}
		paths := ArgPaths(c.Args[api.Ref.Arg])
		if len(paths) == 0 {
			return value{callee: name} // nothing names it: not tracked
		}
		e.refs[ref.ID] = st
		if api.Ref.Field != "" {
			// &args names the struct whose field is filled in
			st.addHandle(strings.TrimPrefix(paths[0], "&") + "." + api.Ref.Field)
		} else {
			// a get on the object passed in (get_device(dev),
			// try_module_get(owner)); one on an object reached through
			// another (&bus->dev, bus->owner) belongs to that one
			ref.Borrowed = true
			st.addHandle(paths[0])
			st.stored = !isLocalHandle(paths[0])
		}
		if api.Fail == model.FailErrno || api.Fail == model.FailFalse {
			return value{status: ref, callee: name}
		}
		return value{ref: ref, callee: name}
	case model.Revoke, model.Link, model.Lookup:
		return value{callee: name}
	}
	return value{callee: name}
}

// getOnSelf handles a get that cannot fail taken on an object already
// tracked, when no new name is given to the result: of_node_get(np); as a
// statement, get_device(&pdev->dev). It is one more count on that
// reference, not a new one.
func (a *Analysis) getOnSelf(e *env, c *cparse.Call, api *model.Func, args []value, discarded bool) *Ref {
	if api.Fail != model.FailNone || api.Ref.Field != "" || len(c.Args) == 0 {
		return nil
	}
	arg := 0
	if !api.Ref.Ret {
		arg = api.Ref.Arg
	} else if !discarded {
		return nil
	}
	if arg >= len(c.Args) {
		return nil
	}
	r := a.argRef(e, c.Args[arg], args[arg])
	if r == nil || r.API == nil || r.API.Class != api.Class {
		return nil
	}
	rs := e.refs[r.ID]
	if rs == nil || !rs.set.Has(Held) {
		return nil
	}
	if rs.extra < 3 { // bounded, for the fixpoint
		rs.extra++
	}
	return r
}

// isLocalHandle says whether a handle is a plain variable, not a place
// inside another object.
func isLocalHandle(h string) bool { return h != "" && !strings.ContainsAny(h, ".*[&") }

// onlyNamedBy says whether nothing but target (about to be overwritten)
// names r: another name would still reach the object.
func onlyNamedBy(r *refState, target string) bool {
	for _, h := range r.handles {
		if h != target {
			return false
		}
	}
	return true
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
	if acq.Class == "" {
		return false
	}
	// an OF node's fwnode is embedded in it: of_node_put(to_of_node(fw))
	// drops a fwnode reference, fwnode_handle_put(of_fwnode_handle(np))
	// an OF one
	return acq.Class == rel.Class || nodeClass(acq.Class) && nodeClass(rel.Class)
}

func nodeClass(c string) bool { return c == "of_node" || c == "fwnode" }

func (a *Analysis) release(e *env, ref *Ref, c *cparse.Call, name string, api *model.Func, byIterator bool) {
	r := e.refs[ref.ID]
	if r == nil {
		return
	}
	if ref.API != nil && ref.API.Kind == model.Devm && !api.Devm && !byIterator && r.set.Has(Held) {
		a.emit(Event{Kind: ManualDevmRelease, Ref: ref, Pos: c.Pos(), Call: c, Callee: name})
	}
	if r.extra > 0 && r.set.Has(Held) {
		r.extra-- // drops one of the extra gets
		return
	}
	summary := IsSummary(api) // a summarized drop or release may be partial
	certain := !summary && !r.relSummary && !ref.Borrowed && !r.conflated && !r.weak[a.releaseVia]
	if r.set.Has(Released) && !r.set.Has(Held) && !r.set.Has(Absent) && certain {
		a.emit(Event{Kind: DoubleRelease, Ref: ref, Pos: c.Pos(), Call: c, Callee: name, Released: r.releasedAt, ReleasedBy: r.releasedBy, State: r.set, ByIterator: byIterator})
	} else if r.set == Null && ref.Iterator && !byIterator && certain {
		a.emit(Event{Kind: PutAfterLoop, Ref: ref, Pos: c.Pos(), Call: c, Callee: name})
	}
	if r.set.Has(Held) {
		r.relSummary = summary
	}
	if r.set.Has(Held) {
		r.set = r.set&^Held | Released
	}
	r.releasedAt = c.Pos()
	r.releasedBy = c
	if r.auto && !byIterator {
		r.putWhileAuto = true
	}
	r.auto = false
	if ref.API == nil {
		r.relClass = api.Class
	}
}

func (a *Analysis) ret(e *env, x *cparse.Return) {
	info := ReturnInfo{Ret: x}
	var returned []*refState
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
		if v.alt != nil {
			if rs := e.refs[v.alt.ID]; rs != nil && !rs.returned {
				rs.returned = true
				returned = append(returned, rs)
			}
		}
		if p := Path(x.Result); r == nil && p != "" {
			for _, id := range sortedIDs(e) {
				if rs := e.refs[id]; contains(rs.derived, p) && !rs.returned {
					rs.returned = true
					returned = append(returned, rs)
				}
			}
		}
		if r != nil {
			if rs := e.refs[r.ID]; rs != nil {
				info.Ref = r
				info.Held = rs.set.Has(Held)
				// owned: on every path here the value is this reference,
				// kept nowhere else
				info.Owned = info.Held && !rs.stored && !rs.auto && !rs.weak[Path(x.Result)]
				for _, o := range a.sameNamed(e, r, x.Result) {
					if os := e.refs[o.ID]; os != nil && (os.stored || os.auto) {
						info.Owned = false // on another path it is kept elsewhere
					}
					if os := e.refs[o.ID]; os != nil && !os.returned {
						os.returned = true
						returned = append(returned, os)
					}
				}
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
		if r.set.Has(Held) && !r.stored && !r.returned && !r.auto && id < len(a.Refs) &&
			(a.Refs[id].mustRelease() || a.Refs[id].Borrowed && isErrorReturn(x.Result)) {
			handle := ""
			if len(r.handles) == 1 && !strings.ContainsAny(r.handles[0], ".*[&") {
				handle = r.handles[0]
			}
			a.emit(Event{Kind: Leak, Ref: a.Refs[id], Pos: x.At, Handle: handle, Steps: r.steps, State: r.set, Jump: x})
		}
	}
	for _, r := range returned {
		r.returned = false // only this path returns it
	}
}

// sameNamed lists ref and the other references an expression naming ref
// names on other paths (joined at a merge point).
func (a *Analysis) sameNamed(e *env, ref *Ref, x cparse.Expr) []*Ref {
	out := []*Ref{ref}
	rs := e.refs[ref.ID]
	if rs == nil {
		return out
	}
	p := ""
	for _, c := range append([]string{Path(x)}, ExprPaths(x)...) {
		if c != "" && rs.hasHandle(c) {
			p = c
			break
		}
	}
	if p == "" {
		return out
	}
	for _, id := range sortedIDs(e) {
		if id != ref.ID && id < len(a.Refs) && e.refs[id].hasHandle(p) && e.refs[id].set.Has(Held) {
			out = append(out, a.Refs[id])
		}
	}
	return out
}

// isErrorReturn says whether a returned value is plainly a failure: a
// negative constant, an ERR_PTR, NULL, an error code taken from a pointer.
func isErrorReturn(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Unary:
		return v.Op == "-"
	case *cparse.Ident:
		return v.Name == "NULL"
	case *cparse.Cast:
		if t, ok := cparse.Unparen(v.X).(*cparse.BasicLit); ok && v.Type != nil && v.Type.Ptr > 0 {
			return t.Value == "0" // ((void *)0)
		}
	case *cparse.Call:
		switch cparse.CalleeName(v) {
		case "ERR_PTR", "ERR_CAST", "PTR_ERR", "dev_err_probe":
			return true
		}
	}
	return false
}

// IsErrValue reports whether a returned expression is plainly an error:
// NULL, 0, a negative constant, ERR_PTR(), ERR_CAST(), dev_err_probe().
func IsErrValue(x cparse.Expr) bool { return isErrValue(x) }

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
		if isNullish(x.X) {
			subj, other = x.Y, x.X
		}
		switch x.Op {
		case "==", "!=":
			equal := branch == (x.Op == "==")
			if isErrPtrCall(x.Y) && equal {
				// pcs == ERR_PTR(-EPROBE_DEFER): the acquire failed
				return a.refineRef(e, x.X, func(s States) States { return s & (ErrPtr | Absent | Released) })
			}
			if c, ok := cparse.Unparen(x.X).(*cparse.Call); ok && cparse.CalleeName(c) == "PTR_ERR" && len(c.Args) == 1 && isNonZeroConst(x.Y) && equal {
				// PTR_ERR(p) == -ENOENT: p is an error pointer
				return a.refineRef(e, c.Args[0], func(s States) States { return s & (ErrPtr | Absent | Released) })
			}
			if isNonZeroConst(x.Y) && equal {
				// ret == -ENOENT: the status is non-zero
				return a.refineTruth(e, x.X, true)
			}
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
		c, ok := v.(*cparse.Call)
		if !ok || len(c.Args) == 0 {
			break
		}
		switch cparse.CalleeName(c) {
		case "likely", "unlikely", "__builtin_expect":
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

func isErrPtrCall(x cparse.Expr) bool {
	c, ok := cparse.Unparen(x).(*cparse.Call)
	return ok && cparse.CalleeName(c) == "ERR_PTR"
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
	if _, plain := cparse.Unparen(subj).(*cparse.Ident); plain && a.locals[p] {
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
func (a *Analysis) refineStatus(e *env, subj cparse.Expr, failing bool, _ bool) bool {
	p := Path(subj)
	ok := true
	for _, r := range e.refs {
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

// Result is the returned expression, nil for a bare return.
func (r ReturnInfo) Result() cparse.Expr {
	if r.Ret == nil {
		return nil
	}
	return r.Ret.Result
}
