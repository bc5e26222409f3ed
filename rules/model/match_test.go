package model

import (
	"fmt"
	"path"
	"testing"
)

// match must answer as path.Match for every pattern of the model and
// names that stress the backtracking of '*'.
func TestMatchIsPathMatch(t *testing.T) {
	m := Builtin()
	var pats []string
	for _, p := range m.patterns {
		pats = append(pats, p.Name)
	}
	for _, p := range m.typePats {
		pats = append(pats, p.Name)
	}
	pats = append(pats, "*", "**", "a*b*c", "*_is_*", "x", "", "*a", "a*", "a?c", "[ab]*", `a\*`, "ab*ba", "a*a", "*aa*a", "a**b")
	names := []string{"", "a", "abc", "aXbYc", "abcabc", "_is_", "dev_is_pci", "is_", "is",
		"spin_lock", "spin_lock_irqsave", "spin_lock_init", "mutex_lock_nested",
		"of_node_get", "xa_is_err", "struct phy_driver", "struct phy_drivers",
		"class_mutex_destructor", "call_netdevice_notifiers", "a/b", "foo_eq", "foo_eq_x",
		"has_foo", "foo_has_bar", "acb", "a*", "x", "aba", "abba", "ababa", "aa", "aaa", "aaaa", "ab", "b"}
	for _, f := range m.funcs {
		names = append(names, f.Name)
	}
	for _, p := range pats {
		for _, n := range names {
			want, _ := path.Match(p, n)
			if got := match(p, n); got != want {
				t.Errorf("match(%q, %q) = %v, path.Match says %v", p, n, got, want)
			}
			if sh := compileShape(p); sh.match(n) != want {
				t.Errorf("shape of %q matches %q: %v, path.Match says %v", p, n, !want, want)
			}
		}
	}
}

// A pattern added after a name was looked up answers for that name: Add
// forgets the memoized answers.
func TestLookupAfterAdd(t *testing.T) {
	m := newModel()
	if f := m.Lookup("zz_frob_get"); f != nil {
		t.Fatalf("empty model answers %v", f)
	}
	m.Add(&Func{Name: "zz_*_get", Kind: CountGet})
	if f := m.Lookup("zz_frob_get"); f == nil || f.Name != "zz_*_get" {
		t.Fatalf("after Add: %v", f)
	}
}

// The memo is bounded, so names share its slots: whatever was asked
// before, Lookup answers as the patterns do.
func TestLookupMemoSharedSlots(t *testing.T) {
	m := Builtin()
	names := []string{"spin_lock_irqsave", "spin_lock_init", "of_node_get", "dev_is_pci", "foo_match", "mutex_lock_nested"}
	for i := 0; i < 3*memoSlots; i++ {
		names = append(names, fmt.Sprintf("helper%d_is_%d", i, i), fmt.Sprintf("drv%d_probe", i))
	}
	want := func(name string) *Func {
		f := m.funcs[name]
		if f == nil {
			f = m.matchPattern(name)
		}
		if f != nil && f.Kind == NotAPI {
			return nil
		}
		return f
	}
	for pass := 0; pass < 2; pass++ {
		for _, n := range names {
			if got, w := m.Lookup(n), want(n); got != w {
				t.Fatalf("pass %d: Lookup(%q) = %v, the patterns say %v", pass, n, got, w)
			}
		}
	}
	used := 0
	for i := range m.matched.slots {
		if m.matched.slots[i].Load() != nil {
			used++
		}
	}
	if used > memoSlots || used < memoSlots/2 {
		t.Errorf("%d memo slots used after %d names", used, len(names))
	}
}
