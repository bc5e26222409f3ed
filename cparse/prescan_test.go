package cparse

import (
	"context"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	writeFiles(t, root, files)
	return root
}

// writeFiles writes files (path relative to root: content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// prescanParser opens the tree at root with a parser that prescans.
func prescanParser(t *testing.T, root string) (*Tree, *Parser) {
	t.Helper()
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewParser(tree, token.NewFileSet())
	if err != nil {
		t.Fatal(err)
	}
	p.Prescan = true
	return tree, p
}

func TestPrescan(t *testing.T) {
	root := writeTree(t, map[string]string{
		"Kbuild": "", "Makefile": "",
		"include/linux/of.h": "#define for_each_child_of_node(p, c) \\\n\tfor (c = of_get_next_child(p, NULL); c; \\\n\t     c = of_get_next_child(p, c))\n" +
			"#define of_for_each_child(p, c) for_each_child_of_node(p, c)\n#define harmless(x) ((x) + 1)\n",
		"drivers/a/local.h":    "#define A_PUT(n) of_node_put(n)\n",
		"drivers/a/plain.h":    "#define A_NOTHING 1\n",
		"drivers/a/direct.c":   "void f(void *n) { of_node_put(n); }\n",
		"drivers/a/macro.c":    "#include <linux/of.h>\nvoid f(void *p) { void *c; of_for_each_child(p, c) ; }\n",
		"drivers/a/viahdr.c":   "#include \"local.h\"\nvoid f(void *n) { A_PUT(n); }\n",
		"drivers/a/nothing.c":  "#include <linux/of.h>\n#include \"plain.h\"\nint f(int x) { return harmless(x) + A_NOTHING; }\n",
		"drivers/a/broken.c":   "#include <linux/missing.h>\nint f(int x) { return x; }\n",
		"drivers/a/registry.c": "static LIST_HEAD(things);\nvoid drop(struct thing *t) { list_del(&t->node); }\n",
		"drivers/a/member.c":   "struct s { struct list_head node; };\nvoid drop(struct s *t) { list_del(&t->node); }\n",
	})
	tree, p := prescanParser(t, root)
	p.Interesting = func(id string) bool { return id == "of_node_put" || id == "of_get_next_child" }
	p.Wants = func(src []byte, idents map[string]bool) bool {
		return idents["list_del"] && (idents["LIST_HEAD"])
	}
	for file, wantSkip := range map[string]bool{
		"direct.c": false, "macro.c": false, "viahdr.c": false, "nothing.c": true, "broken.c": true,
		"registry.c": false, "member.c": true,
	} {
		abs := filepath.Join(root, "drivers/a", file)
		flags, _ := tree.Flags(abs)
		src, _ := os.ReadFile(abs)
		f := p.prescan(context.Background(), abs, "drivers/a/"+file, src, flags)
		if got := f != nil && f.Skipped; got != wantSkip {
			t.Errorf("%s: skipped %v, want %v", file, got, wantSkip)
		}
	}
	// through Parse: a skipped unit is never preprocessed, so a missing
	// header does not matter; it cannot hold a finding
	f, err := p.Parse(context.Background(), filepath.Join(root, "drivers/a/broken.c"))
	if err != nil || !f.Skipped {
		t.Errorf("broken.c: %v, %+v", err, f)
	}
}

func TestAddDefines(t *testing.T) {
	out := map[string][]string{}
	addDefines([]byte("#define A(x) \\\n  b(x) + \\\n  c\n# define D e\n#  undef A\nint z;\n#define F\n"), out)
	has := func(name string, want ...string) {
		t.Helper()
		got := map[string]bool{}
		for _, id := range out[name] {
			got[id] = true
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%s: body identifiers %v, missing %s", name, out[name], w)
			}
		}
	}
	has("A", "b", "c", "x")
	has("D", "e")
	if _, ok := out["F"]; !ok {
		t.Error("empty macro F not recorded")
	}
	if _, ok := out["z"]; ok {
		t.Error("non-directive line recorded")
	}
	reaching := reachingMacros(map[string][]string{"A": {"B"}, "B": {"api"}, "C": {"D"}, "D": {"C"}}, func(id string) bool { return id == "api" })
	if !reaching["A"] || !reaching["B"] || reaching["C"] || reaching["D"] {
		t.Errorf("reaching macros: %v", reaching)
	}
}

// A skipped unit keeps the names it calls, for a late parse when another
// file summarizes one: its own calls and those its local headers' macros
// make, not the prototypes of those headers (every file of a driver
// includes them).
func TestPrescanSkippedCalls(t *testing.T) {
	root := writeTree(t, map[string]string{
		"Kbuild": "", "Makefile": "",
		"drivers/a/local.h": "int proto_only(int x);\n#define WRAP(x) \\\n\tvia_macro(x)\n#define OTHER 1\nint after_macro(int y);\n",
		"drivers/a/user.c":  "#include \"local.h\"\nint f(int x) { return direct(x) + WRAP(x) + OTHER; }\n",
	})
	tree, p := prescanParser(t, root)
	p.Interesting = func(string) bool { return false }
	abs := filepath.Join(root, "drivers/a/user.c")
	flags, _ := tree.Flags(abs)
	src, _ := os.ReadFile(abs)
	f := p.prescan(context.Background(), abs, "drivers/a/user.c", src, flags)
	if f == nil || !f.Skipped {
		t.Fatalf("user.c not skipped: %+v", f)
	}
	got := map[string]bool{}
	for _, id := range f.Idents {
		got[id] = true
	}
	for _, id := range []string{"direct", "f", "WRAP", "via_macro"} {
		if !got[id] {
			t.Errorf("%s missing from %v", id, f.Idents)
		}
	}
	for _, id := range []string{"proto_only", "after_macro"} {
		if got[id] {
			t.Errorf("%s (a header prototype) in %v", id, f.Idents)
		}
	}
}

func TestRawDefinitions(t *testing.T) {
	src := "static int\nfoo(int x)\n{\n\treturn bar(x);\n}\n\nstruct phylink_pcs *lynx_pcs_create(struct mdio_device *mdio)\n{\n}\n" +
		"int baz (void);\n#define M(x) q(x)\n  indented(1);\nEXPORT_SYMBOL(lynx_pcs_create);\n"
	var got []string
	RawDefinitions([]byte(src), func(name []byte) { got = append(got, string(name)) })
	want := "foo lynx_pcs_create baz EXPORT_SYMBOL"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}
