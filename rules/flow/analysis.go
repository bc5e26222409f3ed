package flow

import (
	"go/token"
	"sort"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// Event is something a rule may want to report, raised during the final
// walk over the fixpoint.
type Event struct {
	Kind EventKind
	Ref  *Ref
	Pos  token.Pos // where it happens
	Call *cparse.Call
	// Callee is the function called at Pos (the release, for releases).
	Callee string
	// Use, for UseAfterRelease: how the object is used; UsedBy the
	// function it is passed to.
	Use      UseKind
	UsedBy   string
	Handle   string
	Steps    []Step // the path since the acquire
	Released token.Pos
	State    States
	Jump     cparse.Stmt // the return (or goto leading to it) for leaks
	Lost     bool        // leak by overwriting the last handle
	// Unnamed: a leak of a reference no variable or place ever named (a
	// result only tested: if (!of_find_node_by_name(...))); it is lost at
	// the acquire.
	Unnamed bool
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

// UseKind is how an object is used.
type UseKind int

const (
	UseDeref  UseKind = iota // dereferenced
	UsePassed                // passed to a function (UsedBy)
)

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
	// File is the file the function is in, to quote conditions as the
	// source writes them (may be nil).
	File *cparse.File
	// TrackParams treats pointer parameters as held references (for
	// computing summaries).
	TrackParams bool
	// Probe: the function is a driver's probe. When it fails, devres
	// frees the memory it allocated with devm_*() and remove never runs,
	// so a reference stored there is leaked by the failing return.
	Probe bool
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
	// writtenOf: how the source writes each callee (writtenName).
	writtenOf map[string]string
	// releaseVia is the handle the release being applied was found by.
	releaseVia string
	// devmVars, in a probe: the locals naming memory it allocated with
	// devm_*() (probeDevmVars).
	devmVars map[string]bool
	// addrOf: the member being evaluated is the operand of &.
	addrOf bool
	// noopReleases: the file's device fields whose release callback is
	// empty (noopReleaseFields), computed at the first lent put.
	noopReleases map[string]bool
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
	Ret   *cparse.Return
	Ref   *Ref
	Held  bool // the returned reference is held on some path here
	Owned bool // ... and kept nowhere else (not stored, not a cleanup variable)
	// Itself: the value is the reference's object, not something reached
	// from it (dev_get_drvdata(get_device(dev)) returns the driver data).
	Itself   bool
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
	if opts.Probe {
		a.devmVars = probeDevmVars(opts.Model, f)
	}
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
							r.addStep(Step{Pos: gt.At, Kind: StepGoto, Label: gt.Label, Msg: "goto " + gt.Label})
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
	step := a.describeCond(e, edge.Cond, edge.Branch, edge.Negated)
	step.Pos, step.Kind = edge.Cond.Pos(), StepBranch
	for _, r := range e.refs {
		if r.set.Has(Held) && !r.stored && !r.returned { // a probe's devm memory: still leaks on failure
			r.addStep(step)
		}
	}
}

func (a *Analysis) newRef(site token.Pos, call *cparse.Call, api *model.Func) *Ref {
	if s, ok := a.CFG.StepSite[site]; ok {
		site = s
	}
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
		if ref.API == nil || !a.cleanupDrops(d.Cleanup, ref.API.Class) {
			continue
		}
		a.emit(Event{Kind: DoubleRelease, Ref: ref, Pos: r.releasedAt, Call: r.releasedBy, Callee: d.Cleanup,
			Released: r.releasedAt, ReleasedBy: r.releasedBy, State: r.set, Cleanup: d})
		r.putWhileAuto = false
	}
}

// cleanupDrops says whether a __free() cleanup function drops references
// of class (the DEFINE_FREE()s of include/linux/of.h, property.h, device.h).
func (a *Analysis) cleanupDrops(cleanup, class string) bool {
	c := a.opts.Model.FreeClass(cleanup)
	return c != nil && c.Name == class
}

// Result is the returned expression, nil for a bare return.
func (r ReturnInfo) Result() cparse.Expr {
	if r.Ret == nil {
		return nil
	}
	return r.Ret.Result
}
