package model

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// memoSlots bounds Lookup's memo of pattern answers. The rules ask about
// the same callees many times a unit, and the prescan about every
// identifier of every file it reads: memoizing by name in a map grew with
// every distinct identifier of a run (63,504 names for drivers/net/phy
// alone). A direct-mapped table keeps what a unit asks repeatedly and
// forgets the rest; a collision only costs a pattern match.
const memoSlots = 1 << 13

type memoEntry struct {
	name string
	f    *Func // nil: no pattern matches
}

// patternMemo is the memo: lock-free, a slot replaced whole.
type patternMemo struct {
	seed  maphash.Seed
	used  atomic.Bool // a slot was filled since the last clear
	slots [memoSlots]atomic.Pointer[memoEntry]
}

func newPatternMemo() *patternMemo { return &patternMemo{seed: maphash.MakeSeed()} }

func (pm *patternMemo) slot(name string) *atomic.Pointer[memoEntry] {
	return &pm.slots[maphash.String(pm.seed, name)&(memoSlots-1)]
}

// lookup returns name's answer, matching m's patterns on a miss.
func (pm *patternMemo) lookup(name string, m *Model) *Func {
	s := pm.slot(name)
	if e := s.Load(); e != nil && e.name == name {
		return e.f
	}
	f := m.matchPattern(name)
	// a copy: the name may be part of a larger string the memo must not
	// keep alive
	s.Store(&memoEntry{name: strings.Clone(name), f: f})
	pm.used.Store(true)
	return f
}

// clear empties the memo (Add, some hundred times as a model is read).
func (pm *patternMemo) clear() {
	if !pm.used.Swap(false) {
		return
	}
	for i := range pm.slots {
		pm.slots[i].Store(nil)
	}
}
