package flow

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// call evaluates a call: its arguments, then what the model (or a
// summary) says the callee does to references.
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
		e.clobberUnder(Path(arg)) // the callee may change what arg points to
	}
	defer func() { a.handOffUnnamed(e, args, result) }()
	if a.devmVars != nil && a.localCall(name) {
		// the callee may drop what the probe's memory holds
		for _, r := range e.refs {
			if r.inDevm {
				r.stored = true
			}
		}
	}
	if a.localCall(name) {
		// a pin taken on an object the function had (usb_get_intf(intf),
		// usb_get_dev(hdev)), then a function of the driver: it may drop
		// it through another name (hub_disconnect() puts hub->hdev and
		// hub->intfdev). Not of_node_get(np): the node is put by its name
		for id, rs := range e.refs {
			if id < len(a.Refs) && a.Refs[id].Borrowed && !a.Refs[id].Lent && a.Refs[id].API != nil && a.Refs[id].API.Kind == model.Pin && rs.set.Has(Held) {
				rs.stored = true
			}
		}
	}
	api := a.api(name)
	if api == nil {
		if on := a.enableCall(e, c, name, args); len(on) > 0 {
			defer func() { result.enables = on }()
		}
		if v, ok := a.idiomCall(e, c, name, args); ok {
			return v
		}
		return a.unmodelledCall(e, c, name, args, target)
	}
	if api.Drops != nil && api.Drops.Arg < len(c.Args) {
		for _, r := range a.releaseTargets(e, c.Args[api.Drops.Arg], args[api.Drops.Arg]) {
			a.release(e, r, c, name, api, true)
		}
	}
	switch api.Kind {
	case model.Release, model.Unregister:
		a.releaseCall(e, c, name, api, args)
	case model.Takes:
		a.takesCall(e, c, api, args)
	case model.Acquire, model.Pin, model.Devm, model.Register:
		return a.acquireCall(e, c, name, api, args, target, discarded)
	}
	return value{callee: name}
}

// enableCall turns on (clk_prepare_enable()) or off (clk_disable()) the
// references the call's argument names; it returns those turned on, whose
// hold the call's result, when tested, may yet say failed.
func (a *Analysis) enableCall(e *env, c *cparse.Call, name string, args []value) []*Ref {
	f := a.opts.Model.Lookup(name)
	if f == nil || f.Kind != model.Enable && f.Kind != model.Disable || f.Ref.Ret || f.Ref.Arg >= len(c.Args) {
		return nil
	}
	r := a.argRef(e, c.Args[f.Ref.Arg], args[f.Ref.Arg])
	if r == nil {
		return nil
	}
	var on []*Ref
	for _, o := range a.sameNamed(e, r, c.Args[f.Ref.Arg]) {
		rs := e.refs[o.ID]
		if rs == nil || !rs.set.Has(Held) || o.API != nil && o.API.Class != f.Class && !a.opts.Model.SameFamily(o.API.Class, f.Class) {
			continue
		}
		rs.enabled, rs.enableStatus = f.Kind == model.Enable, ""
		if rs.enabled {
			on = append(on, o)
		}
	}
	return on
}

// enableFailed: the enable call c (or the variable holding its result)
// says it failed, so what it would have turned on is not on.
func (a *Analysis) enableFailed(e *env, c *cparse.Call) {
	f := a.opts.Model.Lookup(cparse.CalleeName(c))
	if f == nil || f.Kind != model.Enable || f.Ref.Ret || f.Ref.Arg >= len(c.Args) {
		return
	}
	for _, p := range append([]string{Path(c.Args[f.Ref.Arg])}, ArgPaths(a.opts.Model, c.Args[f.Ref.Arg])...) {
		for _, id := range sortedIDs(e) {
			if p != "" && e.refs[id].hasHandle(p) {
				e.refs[id].enabled = false
			}
		}
	}
}

// handOffUnnamed: f(of_node_get(np)): a reference nothing names, passed
// on and not dropped by the call, is the callee's to drop.
func (a *Analysis) handOffUnnamed(e *env, args []value, result value) {
	for _, v := range args {
		if v.ref == nil || v.ref == result.ref {
			continue
		}
		if rs := e.refs[v.ref.ID]; rs != nil && len(rs.handles) == 0 && rs.set.Has(Held) {
			rs.stored = true
		}
	}
}

// idiomCall applies a kernel idiom of the model (ERR_CAST, no_free_ptr,
// IS_ERR, a view of the same object) to a callee with no reference entry;
// ok is false when name is no such idiom.
func (a *Analysis) idiomCall(e *env, c *cparse.Call, name string, args []value) (v value, ok bool) {
	idiom := a.opts.Model.Lookup(name)
	if idiom == nil {
		return value{}, false
	}
	switch idiom.Kind {
	case model.ErrCast, model.Steal:
		if len(args) == 1 {
			if r := a.argRef(e, c.Args[0], args[0]); r != nil {
				if rs := e.refs[r.ID]; rs != nil && idiom.Kind == model.Steal {
					rs.auto = false
				}
				return value{ref: r}, true
			}
		}
	case model.ErrTest, model.ErrCode:
		if !idiom.Scalar {
			return value{callee: name}, true
		}
	case model.Hint:
		if len(c.Args) == 1 {
			return value{callee: name}, true
		}
	case model.CountPut:
		// kref_put(&obj->kref, release): the release may free obj
		if idiom.Action != nil && !idiom.Ref.Ret && idiom.Ref.Arg < len(c.Args) && a.argRef(e, c.Args[idiom.Ref.Arg], args[idiom.Ref.Arg]) == nil {
			a.lentPut(e, c, name, idiom, c.Args[idiom.Ref.Arg])
			return value{callee: name}, true
		}
	case model.Deregister:
		if a.deregister(e, c, idiom, args) {
			return value{callee: name}, true
		}
		return value{}, false
	case model.Devres:
		if idiom.Reset {
			a.devresReset(e, c, name, idiom, args)
		}
		return value{callee: name}, true
	case model.View:
		// views of the same object (functions here, macros in the kernel)
		if len(args) == 1 {
			if r := a.argRef(e, c.Args[0], args[0]); r != nil {
				return value{ref: r, callee: name}, true
			}
		}
	}
	return value{}, false
}

// devresReset: devm_add_action_or_reset(dev, action, data) with an action
// that drops its data hands the reference over: devres drops it at unbind,
// or at once when the registration fails, so a put by the caller after it
// is a second put; the object stays until unbind, so a use is no use
// after free.
func (a *Analysis) devresReset(e *env, c *cparse.Call, name string, reg *model.Func, args []value) {
	if reg.Action == nil || reg.Data == nil || reg.Action.Arg >= len(c.Args) || reg.Data.Arg >= len(c.Args) {
		return
	}
	act := ReleaseAPI(a.opts.Model, a.opts.Summaries, FuncName(c.Args[reg.Action.Arg]))
	if act == nil {
		a.devresFields(e, c, name, FuncName(c.Args[reg.Action.Arg]), DevmAction{Data: c.Args[reg.Data.Arg]}.DataPath())
		return
	}
	if act.Ref.Ret || act.Ref.Arg != 0 {
		return
	}
	// a summary released its parameter on every path: certain here
	certain := *act
	certain.Summary = false
	certain.Name = FuncName(c.Args[reg.Action.Arg])
	for _, r := range a.releaseTargets(e, c.Args[reg.Data.Arg], args[reg.Data.Arg]) {
		if !classMatch(a.opts.Model, r.API, &certain) {
			continue
		}
		a.release(e, r, c, name, &certain, false)
		if rs := e.refs[r.ID]; rs != nil {
			rs.devres = true
		}
	}
}

// devresFields: devm_add_action_or_reset(host, remove, obj) whose action
// (a function of this file) drops a field of obj (put_device(obj->dev))
// hands over the reference that field holds, as devresReset does for the
// object itself: the reference named by data.field, or by a variable this
// function stored there (obj->dev = dev; get_device(dev)).
func (a *Analysis) devresFields(e *env, c *cparse.Call, name, action, data string) {
	if a.opts.File == nil || action == "" || data == "" || a.CFG == nil || a.CFG.Func == nil {
		return
	}
	funcs := a.opts.File.DefinedFuncs()
	act := funcs[action]
	if act == nil || len(act.Params) == 0 {
		return
	}
	rel := func(n string) *model.Func { return ReleaseAPI(a.opts.Model, a.opts.Summaries, n) }
	for _, f := range fieldReleases(a.opts.Model, act, 0, objRoot, funcs, rel, 3, map[*cparse.Func]bool{}) {
		api := rel(f.Release)
		if api == nil {
			continue
		}
		certain := *api
		certain.Summary = false
		certain.Name = f.Release
		field := data + "." + f.Field
		names := append([]string{field}, a.storedInto(field)...)
		for _, id := range sortedIDs(e) {
			rs := e.refs[id]
			if id >= len(a.Refs) || !rs.set.Has(Held) || !classMatch(a.opts.Model, a.Refs[id].API, &certain) {
				continue
			}
			for _, h := range names {
				if rs.hasHandle(h) && !rs.weak[h] {
					a.release(e, a.Refs[id], c, name, &certain, false)
					rs.devres = true
					break
				}
			}
		}
	}
}

// storedInto lists the plain variables the analyzed function assigns to
// the place path names (obj->dev = dev: "dev" for "obj.dev").
func (a *Analysis) storedInto(path string) []string {
	var out []string
	cparse.Inspect(a.CFG.Func.Body, func(n cparse.Node) bool {
		if as, ok := n.(*cparse.Assign); ok && as.Op == "=" && Path(as.L) == path {
			if id, ok := cparse.Unparen(as.R).(*cparse.Ident); ok && !contains(out, id.Name) {
				out = append(out, id.Name)
			}
		}
		return true
	})
	return out
}

// deregister: device_unregister(dev) after put_device(dev) of a lookup's
// reference: the registration's reference kept the object alive, and
// the call drops that one, not the caller's again. It reports false when
// the argument names no reference the caller already dropped: the call
// is then an ordinary use.
func (a *Analysis) deregister(e *env, c *cparse.Call, api *model.Func, args []value) bool {
	if api.Ref.Ret || api.Ref.Arg >= len(c.Args) {
		return false
	}
	r := a.argRef(e, c.Args[api.Ref.Arg], args[api.Ref.Arg])
	if r == nil {
		return false
	}
	rs := e.refs[r.ID]
	if rs == nil || !rs.set.Has(Released) || rs.set.Has(Held) {
		return false
	}
	if len(api.Release) > 0 {
		rs.regPut = api.Release
	} else {
		// the object may go here: a later use names this call
		rs.releasedAt, rs.releasedBy = c.Pos(), c
	}
	return true
}

// unmodelledCall: a callee neither the model nor a summary knows only
// uses its arguments.
func (a *Analysis) unmodelledCall(e *env, c *cparse.Call, name string, args []value, target string) value {
	for i, arg := range c.Args {
		if r := a.argRef(e, arg, args[i]); r != nil {
			a.manualUndo(e, r, c, name)
			u, isAddr := cparse.Unparen(arg).(*cparse.Unary)
			a.addrOf = isAddr && u.Op == "&"
			a.checkUse(e, a.firstPath(arg), arg.Pos(), UsePassed, a.written(c))
			a.addrOf = false
			if rs := e.refs[r.ID]; rs != nil && rs.set.Has(Held) {
				switch {
				case !rs.passed && isLocalHandle(target):
					rs.passedTo = target
				case rs.passedTo != target:
					rs.passedTo = ""
				}
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

// releaseCall drops the references the release's argument names.
func (a *Analysis) releaseCall(e *env, c *cparse.Call, name string, api *model.Func, args []value) {
	if api.Ref.Ret || api.Ref.Arg >= len(c.Args) {
		return
	}
	targets := a.releaseTargets(e, c.Args[api.Ref.Arg], args[api.Ref.Arg])
	for _, r := range targets {
		if classMatch(a.opts.Model, r.API, api) {
			a.release(e, r, c, name, api, false)
		}
	}
	if len(targets) == 0 {
		a.lentPut(e, c, name, api, c.Args[api.Ref.Arg])
	}
}

// takesCall: the callee takes the reference over.
func (a *Analysis) takesCall(e *env, c *cparse.Call, api *model.Func, args []value) {
	if api.Ref.Arg >= len(c.Args) {
		return
	}
	if r := a.argRef(e, c.Args[api.Ref.Arg], args[api.Ref.Arg]); r != nil {
		for _, o := range a.sameNamed(e, r, c.Args[api.Ref.Arg]) {
			a.markStored(e, o, c.Pos())
		}
	}
}

// acquireCall starts tracking the reference an acquire (or pin, devm
// acquire, registration) takes; target is the variable its result is
// assigned to, discarded says nobody keeps the result.
func (a *Analysis) acquireCall(e *env, c *cparse.Call, name string, api *model.Func, args []value, target string, discarded bool) value {
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
	if api.Ref.Ret && a.fromUncounted(e, c, api) {
		return value{callee: name} // an ACPI node's child: nothing to drop
	}
	ref := a.newRef(c.Pos(), c, api)
	ref.Iterator = api.Drops != nil
	ref.Backed = api.Self && len(c.Args) > 0 && a.argRef(e, c.Args[0], args[0]) == nil
	if api.Kind == model.Pin && api.Ref.Ret {
		// usb_get_dev(udev): a count kept while bound, like get_device()
		ref.Borrowed = true
	}
	st := a.acquiredState(e, c, name, api)
	a.reacquire(e, ref, st, c, target)
	if api.Ref.Ret {
		e.refs[ref.ID] = st
		if discarded && api.Fail == model.FailNone && len(c.Args) > 0 {
			// of_node_get(np); on its own takes a reference named np
			// (to balance a later call that drops np, or to keep np)
			p := a.firstPath(c.Args[0])
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
	return a.acquireOnArg(e, c, name, api, ref, st)
}

// acquiredState is the state of a reference just acquired: held, or
// failed the way the API fails.
func (a *Analysis) acquiredState(e *env, c *cparse.Call, name string, api *model.Func) *refState {
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
	st.steps = []Step{{Pos: c.Pos(), Kind: StepAcquire, Callee: name, Msg: "acquired by " + a.written(c) + "()"}}
	if len(e.facts) > 0 {
		st.guard = make(map[string]bool, len(e.facts))
		for k, v := range e.facts {
			st.guard[k] = v
		}
	}
	return st
}

// reacquire checks the site's previous reference when the same site
// acquires again (a loop): still held and named only by the variable
// being overwritten, it can no longer be dropped.
func (a *Analysis) reacquire(e *env, ref *Ref, st *refState, c *cparse.Call, target string) {
	old := e.refs[ref.ID]
	if old == nil {
		return
	}
	if old.conflated || !onlyNamedBy(old, target) {
		st.conflated = true
	}
	// held on some path and dropped on none (the others: the acquire
	// failed, or the first iteration had none)
	heldOnly := old.set.Has(Held) && old.set&^(Null|ErrPtr|Absent) == Held
	if heldOnly && !old.kept() && !old.returned && !old.auto && !old.enabled && ref.mustRelease() && onlyNamedBy(old, target) {
		a.emit(Event{Kind: Leak, Ref: ref, Pos: c.Pos(), Steps: old.steps, State: old.set, Lost: true})
	}
}

// acquireOnArg tracks a reference an acquire takes on, or fills into,
// its argument: get_device(dev), try_module_get(owner),
// of_parse_phandle_with_args(..., &args).
func (a *Analysis) acquireOnArg(e *env, c *cparse.Call, name string, api *model.Func, ref *Ref, st *refState) value {
	if api.Ref.Arg >= len(c.Args) {
		return value{callee: name}
	}
	paths := ArgPaths(a.opts.Model, c.Args[api.Ref.Arg])
	if len(paths) == 0 {
		return value{callee: name} // nothing names it: not tracked
	}
	if api.Ref.Field != "" {
		// &args names the struct whose field is filled in; a reference
		// already dropped that the field named before is not named by it
		// any more (a second lookup into the same args)
		h := strings.TrimPrefix(paths[0], "&") + "." + api.Ref.Field
		for _, id := range sortedIDs(e) {
			if r := e.refs[id]; id != ref.ID && r.hasHandle(h) && !r.set.Has(Held) {
				r.dropHandle(h)
			}
		}
		e.refs[ref.ID] = st
		st.addHandle(h)
	} else {
		e.refs[ref.ID] = st
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
func classMatch(m *model.Model, acq, rel *model.Func) bool {
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
	return m.SameFamily(acq.Class, rel.Class)
}

// manualUndo: a call that is no release but undoes by hand what a devm
// getter's devres action undoes at unbind (kfree() of devm_kzalloc()
// memory, clk_disable_unprepare() of a devm_clk_get_enabled() clock): the
// model lists it in the getter's manual=.
func (a *Analysis) manualUndo(e *env, ref *Ref, c *cparse.Call, name string) {
	if ref.API == nil || ref.API.Kind != model.Devm {
		return
	}
	if r := e.refs[ref.ID]; r == nil || !r.set.Has(Held) {
		return
	}
	for _, m := range ref.API.Manual {
		if m == name {
			a.emit(Event{Kind: ManualDevmRelease, Ref: ref, Pos: c.Pos(), Call: c, Callee: name})
			return
		}
	}
}

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
	if r.regPut != nil && contains(r.regPut, name) {
		r.regPut = nil // the registration's reference, not the caller's
		r.releasedAt, r.releasedBy = c.Pos(), c
		return
	}
	summary := api.Summary // a summarized drop or release may be partial
	certain := !summary && !r.relSummary && !ref.Borrowed && !ref.Lent && !r.conflated && !r.weak[a.releaseVia]
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

// holdsCall: x calls a function that keeps an argument with a reference
// of its own (kind holds).
func (a *Analysis) holdsCall(x cparse.Expr) bool {
	c, ok := cparse.Unparen(x).(*cparse.Call)
	if !ok {
		return false
	}
	api := a.api(cparse.CalleeName(c))
	return api != nil && api.Kind == model.Holds
}

// api is the entry of a callee for the reference dataflow: the model's,
// else a summary of the analyzed code; nil when neither has one.
func (a *Analysis) api(name string) *model.Func {
	if api := a.opts.Model.RefFunc(name); api != nil {
		return api
	}
	if a.opts.Summaries != nil {
		return a.opts.Summaries.Lookup(name)
	}
	return nil
}

func (a *Analysis) ret(e *env, x *cparse.Return) {
	info := ReturnInfo{Ret: x}
	var returned []*refState
	if x.Result != nil {
		v := a.eval(e, x.Result)
		r := v.ref
		if r == nil && !a.holdsCall(x.Result) {
			// returning something reached from a reference hands it off
			// (not the result of a call keeping its argument with a
			// reference of its own: return acme_pcs_wrap(mdio))
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
				info.Itself = v.ref == r
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
		info.ErrValue = IsErrValue(a.opts.Model, x.Result)
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
		kept := r.stored || r.inDevm && !a.probeFails(x)
		if r.set.Has(Held) && !kept && !r.returned && !r.auto && !r.enabled && id < len(a.Refs) &&
			(a.Refs[id].mustRelease() || a.Refs[id].Borrowed && (a.isErrorReturn(x.Result) || r.inDevm && !r.stored && a.probeFails(x))) {
			handle := ""
			if len(r.handles) == 1 && !strings.ContainsAny(r.handles[0], ".*[&") {
				handle = r.handles[0]
			}
			steps := r.steps
			if r.inDevm && !r.stored {
				if st, ok := a.probeFailStep(x); ok {
					steps = append(append([]Step(nil), steps...), st)
				}
			}
			a.emit(Event{Kind: Leak, Ref: a.Refs[id], Pos: x.At, Handle: handle, Steps: steps, State: r.set, Jump: x, Unnamed: !r.named})
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
func (a *Analysis) isErrorReturn(x cparse.Expr) bool {
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
		f := a.opts.Model.Lookup(cparse.CalleeName(v))
		return f != nil && (f.Kind == model.ErrValue || f.Kind == model.ErrCast || f.Kind == model.ErrCode && !f.Zero)
	}
	return false
}

// IsErrValue reports whether a returned expression is plainly an error:
// NULL, 0, a negative constant, ERR_PTR(), ERR_CAST(), dev_err_probe().
func IsErrValue(m *model.Model, x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		return v.Name == "NULL"
	case *cparse.BasicLit:
		return v.Value == "0"
	case *cparse.Unary:
		return v.Op == "-"
	case *cparse.Call:
		f := m.Lookup(cparse.CalleeName(v))
		return f != nil && (f.Kind == model.ErrValue || f.Kind == model.ErrCast)
	}
	return false
}
