// Package lookupunlock defines the lookup-after-unlock rule: an entry found
// in a lock-protected registry is returned after the lock is dropped and
// only then pinned.
package lookupunlock

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/kernel"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `lookup-after-unlock: a registry entry is pinned only after the registry lock is dropped

A lookup that walks a global, lock-protected list (a provider registry)
and returns the entry it found after dropping the lock leaves a window:
between the unlock and the moment someone takes a reference on the entry
(try_module_get(), get_device(), kref_get(), ...), the provider can
unregister it and its driver free it. The references then land on freed
memory. Removal from the list is only safe against lookups that pin the
entry while still holding the lock.

The rule reports the reference taken after the unlock: in the lookup
itself, or in the same-file caller (or the same-file helper the result is
passed to) that pins what the lookup returned. The lookup's return and the
unlock are related locations. Locks are mutex_lock()/spin_lock() and
friends on a global lock, and guard()/scoped_guard(), whose lock is
dropped when the lookup returns.

Not reported: references taken before the unlock, or a caller that holds
the registry lock across the lookup and the references; a lookup that
pins the entry itself under the lock (then the references its caller
takes later are on an entry that can no longer be freed).

Fix: take the references inside the lookup, before mutex_unlock() (or
inside the guard's scope), and return the pinned entry.`

// Rule is the lookup-after-unlock rule.
var Rule = rules.New(rules.Spec{
	ID:    "lookup-after-unlock",
	Level: rules.Error,
	Tags:  []string{"lifetime", "locking", "race"},
	Doc:   doc,
	Run:   run,
	// No triaged finding yet.
	Standing: rules.Standing{CWE: []int{362, 367, 416}, Severity: "6.3"},
})

// lookup is a function returning a registry entry after dropping the lock.
type lookup struct {
	fn      *cparse.Func
	entries map[string]bool
	ret     *cparse.Return
	unlock  kernel.LockEvent
}

// refCalls lists calls in n that take a reference on var v: a pin or an
// acquire of its argument, a get on itself (of_node_get(np)), a count taken
// on an object (kref_get()).
func refCalls(m *model.Model, n cparse.Node, v string) []*cparse.Call {
	return refCallsVia(m, nil, n, v, 0)
}

// refCallsVia is refCalls that also counts a call of a same-file
// function (funcs) that takes the reference on the parameter it is given
// (cnic_hold(dev): atomic_inc(&dev->ref_count)), to depth more levels.
func refCallsVia(m *model.Model, funcs map[string]*cparse.Func, n cparse.Node, v string, depth int) []*cparse.Call {
	var out []*cparse.Call
	for _, c := range kernel.Calls(n) {
		arg := -1
		if api := m.Lookup(cparse.CalleeName(c)); api != nil {
			switch {
			case api.Kind == model.CountGet, api.Self:
				arg = 0
			case (api.Kind == model.Pin || api.Kind == model.Acquire) && !api.Ref.Ret && api.Ref.Field == "":
				arg = api.Ref.Arg
			}
		} else if h := funcs[cparse.CalleeName(c)]; h != nil && depth > 0 {
			for i, p := range h.Params {
				if i < len(c.Args) && kernel.Root(c.Args[i]) == v && len(refCallsVia(m, funcs, h.Body, p.Name, depth-1)) > 0 {
					arg = i
				}
			}
		}
		if arg >= 0 && arg < len(c.Args) && kernel.Root(c.Args[arg]) == v {
			out = append(out, c)
		}
	}
	return out
}

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	f := u.File
	globals := map[string]bool{}
	for _, g := range f.Globals {
		globals[g.Name] = true
	}
	byName := f.DefinedFuncs()
	reported := map[token.Pos]bool{}
	const why = "it can be unregistered and freed in between"
	emit := func(at *cparse.Call, msg, fix string, related []analysis.RelatedInformation) {
		if reported[at.Pos()] {
			return
		}
		reported[at.Pos()] = true
		rules.Report(pass, rules.Finding{Pos: at.Pos(), End: at.Rparen, Message: msg, Why: why, Fix: "take the references before " + fix, Related: related})
	}
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		lk := findLookup(u.Model, f, fn, globals)
		if lk == nil {
			continue
		}
		if pinnedUnderLock(u.Model, byName, lk) {
			// the lookup's own reference, taken under the lock, is the
			// pin: references taken later (a module reference in the
			// caller) are on an entry that can no longer be freed
			continue
		}
		lockName := lk.unlock.Lock
		var entry string
		if id, ok := cparse.Unparen(lk.ret.Result).(*cparse.Ident); ok {
			entry = id.Name
		}
		fix := lk.unlock.Name + "()"
		if lk.unlock.Guard {
			fix = "the end of the guard's scope"
		}
		related := []analysis.RelatedInformation{
			{Pos: lk.ret.At, Message: fmt.Sprintf("%s() returns %s here, after dropping %s", fn.Name, entry, lockName)},
			{Pos: lk.unlock.Pos, Message: lockName + " dropped here"},
		}
		// the lookup pins the entry itself, after the unlock
		for e := range lk.entries {
			for _, c := range refCalls(u.Model, fn.Body, e) {
				if !lk.unlock.Guard && c.Pos() > lk.unlock.Pos && c.Pos() < lk.ret.At {
					emit(c, fmt.Sprintf("takes its references on %s only after dropping %s", e, lockName), fix, related)
				}
			}
		}
		// callers pinning the result
		for _, cfn := range f.Funcs {
			if cfn.Body == nil {
				continue
			}
			cevs, cguards := kernel.LockEvents(u.Model, f, cfn, globals)
			for _, site := range callSites(cfn, fn.Name) {
				if kernel.Held(cevs, cguards, lockName, site.call.Pos()) {
					continue
				}
				rel := append(append([]analysis.RelatedInformation(nil), related...), analysis.RelatedInformation{Pos: site.call.Pos(), Message: fn.Name + "() called here"})
				if site.recv != "" {
					for _, c := range refCalls(u.Model, cfn.Body, site.recv) {
						if c.Pos() > site.call.Pos() && !kernel.Held(cevs, cguards, lockName, c.Pos()) {
							emit(c, fmt.Sprintf("%s() returns %s after dropping %s; the references are taken only afterwards, here", fn.Name, entry, lockName), fix, rel)
							break
						}
					}
				}
				// passed on to a same-file helper that pins it
				for _, pa := range site.passed {
					t := byName[pa.callee]
					if t == nil || pa.arg >= len(t.Params) {
						continue
					}
					if cs := refCalls(u.Model, t.Body, t.Params[pa.arg].Name); len(cs) > 0 {
						rel2 := append(rel, analysis.RelatedInformation{Pos: pa.at, Message: "passed to " + t.Name + "() here"})
						emit(cs[0], fmt.Sprintf("%s() returns %s after dropping %s; the references are taken only afterwards, here", fn.Name, entry, lockName), fix, rel2)
					}
				}
			}
		}
	}
	return nil, nil
}

// pinnedUnderLock says whether the lookup takes a reference on the entry
// before dropping the lock, itself or through a same-file helper.
func pinnedUnderLock(m *model.Model, funcs map[string]*cparse.Func, lk *lookup) bool {
	end := lk.unlock.Pos
	if lk.unlock.Guard {
		end = lk.ret.At
	}
	for e := range lk.entries {
		for _, c := range refCallsVia(m, funcs, lk.fn.Body, e, 2) {
			if c.Pos() < end {
				return true
			}
		}
	}
	return false
}

func findLookup(m *model.Model, f *cparse.File, fn *cparse.Func, globals map[string]bool) *lookup {
	list, v, loop := kernel.GlobalListLoop(m, f, fn)
	if list == "" {
		return nil
	}
	evs, guards := kernel.LockEvents(m, f, fn, globals)
	// the lock held over the loop
	var lock string
	var guarded bool
	for _, e := range evs {
		if !e.Unlock && e.Pos < loop.Pos() {
			if last := kernel.LastBefore(evs, e.Lock, loop.Pos()); last != nil && !last.Unlock {
				lock = e.Lock
			}
		}
	}
	for _, g := range guards {
		if g.Pos < loop.Pos() {
			lock, guarded = g.Lock, true
		}
	}
	if lock == "" {
		return nil
	}
	entries := kernel.LoopEntries(loop, v)
	var found *lookup
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		r, ok := n.(*cparse.Return)
		if !ok || r.Result == nil || found != nil {
			return found == nil
		}
		id, ok := cparse.Unparen(r.Result).(*cparse.Ident)
		if !ok || !entries[id.Name] {
			return true
		}
		if guarded {
			for _, g := range guards {
				if g.Lock == lock && g.Pos < r.At {
					found = &lookup{fn: fn, entries: entries, ret: r, unlock: g}
				}
			}
			return true
		}
		if last := kernel.LastBefore(evs, lock, r.At); last != nil && last.Unlock && last.Pos > loop.Pos() {
			found = &lookup{fn: fn, entries: entries, ret: r, unlock: *last}
		}
		return true
	})
	return found
}

type passedTo struct {
	callee string
	arg    int
	at     token.Pos
}

type callSite struct {
	call   *cparse.Call
	recv   string // variable receiving the result
	passed []passedTo
}

// callSites finds the calls of name in fn, what receives each result, and
// the same-file calls the result is passed to.
func callSites(fn *cparse.Func, name string) []callSite {
	var out []callSite
	// direct nesting: g(name(...))
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Call:
			for i, a := range x.Args {
				if in, ok := cparse.Unparen(a).(*cparse.Call); ok && cparse.CalleeName(in) == name {
					out = append(out, callSite{call: in, passed: []passedTo{{cparse.CalleeName(x), i, x.Pos()}}})
				}
			}
		case *cparse.Assign:
			if in, ok := cparse.Unparen(x.R).(*cparse.Call); ok && cparse.CalleeName(in) == name && x.Op == "=" {
				if id, ok := cparse.Unparen(x.L).(*cparse.Ident); ok {
					out = append(out, callSite{call: in, recv: id.Name})
				}
			}
		case *cparse.VarDecl:
			if x.Init != nil {
				if in, ok := cparse.Unparen(x.Init).(*cparse.Call); ok && cparse.CalleeName(in) == name {
					out = append(out, callSite{call: in, recv: x.Name})
				}
			}
		}
		return true
	})
	// the receiving variable passed on: g(x)
	for i := range out {
		s := &out[i]
		if s.recv == "" {
			continue
		}
		for _, c := range kernel.Calls(fn.Body) {
			if c.Pos() <= s.call.Pos() || cparse.CalleeName(c) == "" {
				continue
			}
			for j, a := range c.Args {
				if id, ok := cparse.Unparen(a).(*cparse.Ident); ok && id.Name == s.recv {
					s.passed = append(s.passed, passedTo{cparse.CalleeName(c), j, c.Pos()})
				}
			}
		}
	}
	return out
}
