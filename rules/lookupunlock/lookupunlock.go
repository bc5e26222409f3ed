// Package lookupunlock defines the lookup-after-unlock rule: an entry found
// in a lock-protected registry is returned after the lock is dropped and
// only then pinned.
package lookupunlock

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/devlink"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/unbind"
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
the registry lock across the lookup and the references.

Fix: take the references inside the lookup, before mutex_unlock() (or
inside the guard's scope), and return the pinned entry.`

// Analyzer is the lookup-after-unlock rule.
var Analyzer = rules.NewRule("lookup_after_unlock", doc, run)

// Meta is the rule's default severity and tags.
var Meta = rules.Meta{Level: rules.Error, Tags: []string{"lifetime", "locking", "race"}}

// lockEvent is a lock or unlock of a global lock.
type lockEvent struct {
	pos    token.Pos
	lock   string // the global lock
	unlock bool
	name   string // mutex_unlock, guard
}

func lockKind(name string) (isLock, isUnlock bool) {
	if name == "" || strings.Contains(name, "init") || strings.Contains(name, "held") || strings.Contains(name, "trylock") {
		return false, false
	}
	for _, p := range []string{"mutex_unlock", "spin_unlock", "raw_spin_unlock", "_raw_spin_unlock", "read_unlock", "write_unlock", "up_read", "up_write"} {
		if strings.HasPrefix(name, p) {
			return false, true
		}
	}
	for _, p := range []string{"mutex_lock", "spin_lock", "raw_spin_lock", "_raw_spin_lock", "read_lock", "write_lock", "down_read", "down_write"} {
		if strings.HasPrefix(name, p) {
			return true, false
		}
	}
	return false, false
}

func globalIn(e cparse.Node, globals map[string]bool) string {
	g := ""
	cparse.Inspect(e, func(n cparse.Node) bool {
		if id, ok := n.(*cparse.Ident); ok && globals[id.Name] && g == "" {
			g = id.Name
		}
		return g == ""
	})
	return g
}

// lockEvents lists fn's locks and unlocks of global locks in source order;
// a guard counts as a lock whose unlock is at every return.
func lockEvents(f *cparse.File, fn *cparse.Func, globals map[string]bool) (evs []lockEvent, guards []lockEvent) {
	seen := map[token.Pos]bool{}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Call:
			if seen[x.Pos()] {
				return true
			}
			name := devlink.IdentAt(f, x.Pos())
			l, u := lockKind(name)
			if !l && !u {
				name = cparse.CalleeName(x)
				l, u = lockKind(name)
			}
			if (l || u) && len(x.Args) > 0 {
				if g := globalIn(x.Args[0], globals); g != "" {
					seen[x.Pos()] = true
					evs = append(evs, lockEvent{pos: x.Pos(), lock: g, unlock: u, name: name})
				}
			}
		case *cparse.VarDecl:
			if strings.HasPrefix(x.Cleanup, "class_") && strings.HasSuffix(x.Cleanup, "_destructor") && x.Init != nil {
				if g := globalIn(x.Init, globals); g != "" {
					guards = append(guards, lockEvent{pos: x.NamePos, lock: g, name: "guard"})
				}
			}
		}
		return true
	})
	sort.Slice(evs, func(i, j int) bool { return evs[i].pos < evs[j].pos })
	return
}

// lastBefore returns the last event on lock before pos.
func lastBefore(evs []lockEvent, lock string, pos token.Pos) *lockEvent {
	var last *lockEvent
	for i := range evs {
		if evs[i].lock == lock && evs[i].pos < pos {
			last = &evs[i]
		}
	}
	return last
}

// lookup is a function returning a registry entry after dropping the lock.
type lookup struct {
	fn      *cparse.Func
	entries map[string]bool
	ret     *cparse.Return
	unlock  lockEvent
}

var refNames = map[string]bool{"try_module_get": true, "__module_get": true, "get_device": true, "kref_get": true, "kref_get_unless_zero": true,
	"refcount_inc": true, "refcount_inc_not_zero": true, "mdio_device_get": true, "of_node_get": true, "fwnode_handle_get": true}

// refCalls lists calls in n that take a reference on var v.
func refCalls(m *model.Model, n cparse.Node, v string) []*cparse.Call {
	var out []*cparse.Call
	for _, c := range devlink.Calls(n) {
		name := cparse.CalleeName(c)
		arg := -1
		if refNames[name] {
			arg = 0
		} else if api := m.Lookup(name); api != nil && (api.Kind == model.Pin || api.Kind == model.Acquire) && !api.Ref.Ret && api.Ref.Field == "" {
			arg = api.Ref.Arg
		}
		if arg >= 0 && arg < len(c.Args) && devlink.Root(c.Args[arg]) == v {
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
	byName := map[string]*cparse.Func{}
	for _, fn := range f.Funcs {
		if fn.Body != nil {
			byName[fn.Name] = fn
		}
	}
	reported := map[token.Pos]bool{}
	emit := func(at *cparse.Call, msg string, related []analysis.RelatedInformation) {
		if reported[at.Pos()] {
			return
		}
		reported[at.Pos()] = true
		rules.Report(pass, rules.Finding{Pos: at.Pos(), End: at.Rparen, Message: msg, Related: related})
	}
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		lk := findLookup(f, fn, globals)
		if lk == nil {
			continue
		}
		lockName := lk.unlock.lock
		var entry string
		if id, ok := cparse.Unparen(lk.ret.Result).(*cparse.Ident); ok {
			entry = id.Name
		}
		fix := lk.unlock.name + "()"
		if lk.unlock.name == "guard" {
			fix = "the end of the guard's scope"
		}
		related := []analysis.RelatedInformation{
			{Pos: lk.ret.At, Message: fmt.Sprintf("%s() returns %s here, after dropping %s", fn.Name, entry, lockName)},
			{Pos: lk.unlock.pos, Message: lockName + " dropped here"},
		}
		// the lookup pins the entry itself, after the unlock
		for e := range lk.entries {
			for _, c := range refCalls(u.Model, fn.Body, e) {
				if lk.unlock.name != "guard" && c.Pos() > lk.unlock.pos && c.Pos() < lk.ret.At {
					emit(c, fmt.Sprintf("%s() takes its references on %s only after dropping %s, so it can be unregistered and freed in between: take the references before %s", fn.Name, e, lockName, fix), related)
				}
			}
		}
		// callers pinning the result
		for _, cfn := range f.Funcs {
			if cfn.Body == nil {
				continue
			}
			cevs, cguards := lockEvents(f, cfn, globals)
			for _, site := range callSites(cfn, fn.Name) {
				if held(cevs, cguards, lockName, site.call.Pos()) {
					continue
				}
				rel := append(append([]analysis.RelatedInformation(nil), related...), analysis.RelatedInformation{Pos: site.call.Pos(), Message: fn.Name + "() called here"})
				if site.recv != "" {
					for _, c := range refCalls(u.Model, cfn.Body, site.recv) {
						if c.Pos() > site.call.Pos() && !held(cevs, cguards, lockName, c.Pos()) {
							emit(c, fmt.Sprintf("%s() returns %s after dropping %s; %s() takes its references only afterwards, so it can be unregistered and freed in between: take the references before %s", fn.Name, entry, lockName, cfn.Name, fix), rel)
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
						emit(cs[0], fmt.Sprintf("%s() returns %s after dropping %s; %s() takes its references only afterwards, so it can be unregistered and freed in between: take the references before %s", fn.Name, entry, lockName, t.Name, fix), rel2)
					}
				}
			}
		}
	}
	return nil, nil
}

// held reports whether lock is held at pos in a function.
func held(evs, guards []lockEvent, lock string, pos token.Pos) bool {
	if e := lastBefore(evs, lock, pos); e != nil && !e.unlock {
		return true
	}
	for _, g := range guards {
		if g.lock == lock && g.pos < pos {
			return true
		}
	}
	return false
}

func findLookup(f *cparse.File, fn *cparse.Func, globals map[string]bool) *lookup {
	list, v, loop := unbind.GlobalListLoop(f, fn)
	if list == "" {
		return nil
	}
	evs, guards := lockEvents(f, fn, globals)
	// the lock held over the loop
	var lock string
	var guarded bool
	for _, e := range evs {
		if !e.unlock && e.pos < loop.Pos() {
			if last := lastBefore(evs, e.lock, loop.Pos()); last != nil && !last.unlock {
				lock = e.lock
			}
		}
	}
	for _, g := range guards {
		if g.pos < loop.Pos() {
			lock, guarded = g.lock, true
		}
	}
	if lock == "" {
		return nil
	}
	entries := unbind.LoopEntries(loop, v)
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
				if g.lock == lock && g.pos < r.At {
					found = &lookup{fn: fn, entries: entries, ret: r, unlock: g}
				}
			}
			return true
		}
		if last := lastBefore(evs, lock, r.At); last != nil && last.unlock && last.pos > loop.Pos() {
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
		for _, c := range devlink.Calls(fn.Body) {
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
