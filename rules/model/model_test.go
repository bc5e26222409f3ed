package model

import (
	"strings"
	"testing"
)

func TestBuiltinParses(t *testing.T) {
	m := Builtin()
	f := m.Lookup("of_parse_phandle_with_args")
	if f == nil || f.Kind != Acquire || f.Ref.Arg != 4 || f.Ref.Field != "np" || f.Fail != FailErrno {
		t.Fatalf("of_parse_phandle_with_args: %+v", f)
	}
	if f := m.Lookup("of_get_next_child"); f.Drops == nil || f.Drops.Arg != 1 {
		t.Fatalf("of_get_next_child drops: %+v", f)
	}
	if f := m.Lookup("lynx_pcs_create"); f.Holds == nil || f.Holds.Arg != 0 || f.Keeps != nil {
		t.Fatalf("lynx_pcs_create holds: %+v", f)
	}
	// every release named by an acquire is itself modelled as a release
	for _, n := range m.Names() {
		for _, r := range m.Lookup(n).Release {
			if rf := m.Lookup(r); rf == nil || (rf.Kind != Release && rf.Kind != Unregister) {
				t.Errorf("%s: release %s is not modelled as a release", n, r)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"f", "f frob ref=ret", "f acquire", "f acquire ref=x", "f acquire ref=ret fail=maybe", "f acquire ref=ret color=red"} {
		if _, err := Parse(bad, "t"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestConfig(t *testing.T) {
	c, err := ParseConfig([]byte("model:\n  - my_get acquire ref=ret class=device fail=null release=put_device\ndisable: [err-ptr-check]\n"), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := WithConfig(c, "x.yaml")
	if err != nil || m.Lookup("my_get") == nil || m.Lookup("of_node_get") == nil {
		t.Fatalf("config model: %v", err)
	}
	if _, err := ParseConfig([]byte("modle: []\n"), "x.yaml"); err == nil || !strings.Contains(err.Error(), "x.yaml") {
		t.Fatalf("unknown key accepted: %v", err)
	}
	if _, err := ParseConfig([]byte("model: [\"f acquire\"]\n"), "x.yaml"); err == nil {
		t.Fatal("bad model line accepted")
	}
}

func TestPatternsAndExclusions(t *testing.T) {
	m, err := Parse(`
spin_lock*      lock ref=arg0
*init*          none of=lock
is_*            predicate
exact_lock      release ref=arg0 class=c
`, "t")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		kind Kind // "" for no entry
	}{
		{"spin_lock_irqsave", LockCall},
		{"spin_lock_init", ""},        // excluded from the lock kinds
		{"is_initialized", Predicate}, // the exclusion is for locks only
		{"exact_lock", Release},       // exact entries first
		{"spin_unlock", ""},
	}
	for _, c := range cases {
		f := m.Lookup(c.name)
		switch {
		case c.kind == "" && f != nil:
			t.Errorf("%s: got %s, want no entry", c.name, f.Kind)
		case c.kind != "" && (f == nil || f.Kind != c.kind):
			t.Errorf("%s: got %+v, want %s", c.name, f, c.kind)
		}
	}
	if m.RefFunc("spin_lock") != nil || m.RefFunc("exact_lock") == nil {
		t.Error("RefFunc must answer reference kinds only")
	}
}

func TestClassesAndNames(t *testing.T) {
	m := Builtin()
	if !m.SameFamily("of_node", "fwnode") || m.SameFamily("of_node", "device") {
		t.Error("of_node and fwnode are one family, device is not")
	}
	if c := m.FreeClass("__free_device_node"); c == nil || c.Name != "of_node" {
		t.Errorf("__free(device_node): %+v", c)
	}
	if FreeSpelling("__free_fwnode_handle") != "__free(fwnode_handle)" {
		t.Error(FreeSpelling("__free_fwnode_handle"))
	}
	if m.Noun("") != "object" || m.Noun("unknown_class") != "unknown_class" || m.Noun("of_node") != "device tree node" {
		t.Error("nouns")
	}
	if len(m.Revokes("pcs")) == 0 || m.Revokes("pcs")[0].Lock == "" {
		t.Error("the PCS revoke entry and its lock")
	}
	if m.TypeRole("struct platform_driver") != RoleDriverType || m.TypeRole("struct list_head") != RoleList {
		t.Error("type roles")
	}
	if m.First(Steal) == nil || m.First(Steal).Name != "no_free_ptr" {
		t.Errorf("first steal: %+v", m.First(Steal))
	}
	// every class= of an entry is described, and every release a class
	// entry or an acquire names is modelled
	for _, f := range m.All() {
		if f.Class != "" && m.classes[f.Class] == nil {
			t.Errorf("%s: class %q has no class entry", f.Name, f.Class)
		}
		if f.Twin != "" && m.IsRelease(f.Twin) == nil {
			t.Errorf("%s: twin %s is not a release", f.Name, f.Twin)
		}
	}
}

func TestParseErrorsOfNewEntries(t *testing.T) {
	for _, bad := range []string{
		"c class role=nope noun=x", "c class role=node", "f devres", "f lock", "x field", "f none of=frob",
		`c class role=node noun="unterminated`, "f link ref=ret stateless=NOVALUE",
	} {
		if _, err := Parse(bad, "t"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	m, err := Parse(`c class role=node noun="two words # not a comment" autofix`, "t")
	if err != nil || m.Class("c").Noun != "two words # not a comment" || !m.Class("c").AutoFix {
		t.Errorf("quoted value: %v %+v", err, m.Class("c"))
	}
}
