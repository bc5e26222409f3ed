package cparse

import (
	"context"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inputsParse parses file of the tree at root with gcc -E and returns
// what Parser.Inputs was told (called: whether it was).
func inputsParse(t *testing.T, root, file, cpp string, budget time.Duration) (inputs []string, called bool, f *File, err error) {
	t.Helper()
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewParser(tree, token.NewFileSet())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.CPP = cpp
	if budget > 0 {
		p.Budget = budget
	}
	abs := filepath.Join(root, file)
	p.Inputs = func(a string, files []string) {
		if a != abs {
			t.Errorf("inputs told for %s, want %s", a, abs)
		}
		if called {
			t.Errorf("inputs told twice for one parse")
		}
		inputs, called = files, true
	}
	f, err = p.Parse(context.Background(), abs)
	return inputs, called, f, err
}

func rels(root string, files []string) string {
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimPrefix(f, root+"/"))
	}
	return strings.Join(out, " ")
}

// The outcome of a parse is told with the files it follows from, a
// failure in the unit and a degraded parse as a success: for a degraded
// unit, the files of every gcc run, where the tree has the headers it
// misses, the header declaring a type it stubs, never the stubs themselves (files of the parse's own, gone once
// it ends). An outcome that does not follow from files is not told.
func TestInputsOfEveryOutcome(t *testing.T) {
	if _, err := lookPath("gcc"); err != nil {
		t.Skip("no gcc")
	}
	root := degradedTree(t, map[string]string{
		"drivers/net/foo/foo.c":     ppcDriver,
		"drivers/net/foo/syntax.c":  "#include <linux/types.h>\nstatic u32 f(void) { return ; + }\n",
		"drivers/net/foo/nowhere.c": "#include <linux/types.h>\n#include <asm/mpc5200.h>\n",
		"drivers/net/foo/ok.c":      "#include <linux/types.h>\nstatic u32 f(void) { return 1; }\n",
	})
	for _, c := range []struct {
		file, cpp string
		budget    time.Duration
		want      string // the inputs, relative; "-" when not told
		fails     bool
	}{
		{"drivers/net/foo/ok.c", "gcc", 0, "drivers/net/foo/ok.c include/linux/compiler-version.h include/linux/compiler_types.h include/linux/kconfig.h include/linux/types.h", false},
		{"drivers/net/foo/foo.c", "gcc", 0, "arch/x86/include/asm/io.h drivers/net/foo/foo.c include/linux/compiler-version.h include/linux/compiler_types.h include/linux/kconfig.h include/linux/types.h include/soc/fsl/cpm.h <tree-header:asm/mpc52xx.h>", false},
		{"drivers/net/foo/syntax.c", "gcc", 0, "drivers/net/foo/syntax.c include/linux/compiler-version.h include/linux/compiler_types.h include/linux/kconfig.h include/linux/types.h", true},
		// stubbed or not, by where the tree has the header
		{"drivers/net/foo/nowhere.c", "gcc", 0, "drivers/net/foo/nowhere.c include/linux/compiler-version.h include/linux/compiler_types.h include/linux/kconfig.h include/linux/types.h <tree-header:asm/mpc5200.h>", true},
		// cc/v4's preprocessor does not list what it reads
		{"drivers/net/foo/ok.c", "builtin", 0, "-", false},
		{"drivers/net/foo/syntax.c", "builtin", 0, "-", true},
		// out of time: a matter of load, not of files
		{"drivers/net/foo/ok.c", "gcc", time.Nanosecond, "-", true},
	} {
		inputs, called, f, err := inputsParse(t, root, c.file, c.cpp, c.budget)
		if (err != nil) != c.fails {
			t.Errorf("%s %s: error %v, want failure %v", c.file, c.cpp, err, c.fails)
		}
		if c.file == "drivers/net/foo/foo.c" && (f == nil || len(f.Degraded) != 2) {
			t.Errorf("%s: not degraded: %v", c.file, err)
		}
		got := "-"
		if called {
			got = rels(root, inputs)
		}
		// gcc's pseudo-files are inputs of no consequence
		got = strings.TrimSpace(strings.NewReplacer("<built-in> ", "", "<command-line> ", "").Replace(got + " "))
		if got != c.want {
			t.Errorf("%s %s budget %v: inputs\n%s\nwant\n%s", c.file, c.cpp, c.budget, got, c.want)
		}
	}
}
