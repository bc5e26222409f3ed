package kernel

import (
	"go/token"
	"sort"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// LockEvent is a lock or an unlock of a global lock.
type LockEvent struct {
	Pos    token.Pos
	Lock   string // the global lock
	Unlock bool
	// Name is the call as written (the unlock to advise moving); "" for a
	// scoped guard.
	Name string
	// Guard: a scoped guard, whose unlock is at every exit of its scope.
	Guard bool
}

// LockEvents lists fn's locks and unlocks of the global locks (globals) in
// source order, and its scoped guards on them.
func LockEvents(m *model.Model, f *cparse.File, fn *cparse.Func, globals map[string]bool) (evs []LockEvent, guards []LockEvent) {
	seen := map[token.Pos]bool{}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Call:
			if seen[x.Pos()] {
				return true
			}
			// the name written in the source first (spin_lock() for the
			// _raw_spin_lock() it expands to)
			name := f.IdentAt(x.Pos())
			l, u := lockKind(m, name)
			if !l && !u {
				name = cparse.CalleeName(x)
				l, u = lockKind(m, name)
			}
			if (l || u) && len(x.Args) > 0 {
				if g := globalIn(x.Args[0], globals); g != "" {
					seen[x.Pos()] = true
					evs = append(evs, LockEvent{Pos: x.Pos(), Lock: g, Unlock: u, Name: name})
				}
			}
		case *cparse.VarDecl:
			if m.Is(x.Cleanup, model.Guard) && x.Init != nil {
				if g := globalIn(x.Init, globals); g != "" {
					guards = append(guards, LockEvent{Pos: x.NamePos, Lock: g, Guard: true})
				}
			}
		}
		return true
	})
	sort.Slice(evs, func(i, j int) bool { return evs[i].Pos < evs[j].Pos })
	return
}

func lockKind(m *model.Model, name string) (isLock, isUnlock bool) {
	f := m.Lookup(name)
	if f == nil {
		return false, false
	}
	return f.Kind == model.LockCall, f.Kind == model.UnlockCall
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

// LastBefore returns the last event on lock before pos.
func LastBefore(evs []LockEvent, lock string, pos token.Pos) *LockEvent {
	var last *LockEvent
	for i := range evs {
		if evs[i].Lock == lock && evs[i].Pos < pos {
			last = &evs[i]
		}
	}
	return last
}

// Held reports whether lock is held at pos in a function with those lock
// events and guards.
func Held(evs, guards []LockEvent, lock string, pos token.Pos) bool {
	if e := LastBefore(evs, lock, pos); e != nil && !e.Unlock {
		return true
	}
	for _, g := range guards {
		if g.Lock == lock && g.Pos < pos {
			return true
		}
	}
	return false
}
