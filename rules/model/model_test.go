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
