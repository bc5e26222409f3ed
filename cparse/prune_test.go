package cparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrune(t *testing.T) {
	src := `#line 1 "/t/h.h"
typedef unsigned int u32;
typedef int (cb_t)(u32 x);
typedef void (*fp_t)(void);
typedef struct { u32 counter; } atomic_t;
struct used { u32 a; cb_t *cb; };
struct unused { u32 b; };
enum { E_A, E_B };
int used_fn(u32 x);
int unused_fn(u32 x);
void foo(u32);
static inline int helper(int x) { return x + 1; }
#line 1 "/t/main.c"
struct used *g;
int f(atomic_t *a) { return used_fn(a->counter); }
`
	out, refs := prune([]byte(src), "/t/main.c")
	if !refs["used_fn"] || refs["helper"] {
		t.Errorf("main-file identifiers: %v", refs)
	}
	if n, m := strings.Count(src, "\n"), strings.Count(string(out), "\n"); n != m {
		t.Fatalf("line count changed: %d -> %d", n, m)
	}
	got := string(out)
	for _, keep := range []string{"typedef unsigned int u32;", "typedef int (cb_t)(u32 x);",
		"atomic_t;", "struct used { u32 a; cb_t *cb; };", "int used_fn(u32 x);", "int f(atomic_t *a)", "struct used *g;"} {
		if !strings.Contains(got, keep) {
			t.Errorf("dropped %q", keep)
		}
	}
	for _, drop := range []string{"fp_t", "struct unused", "unused_fn", "helper", "void foo"} {
		if strings.Contains(got, drop) {
			t.Errorf("kept %q", drop)
		}
	}
}

func TestDeclaredName(t *testing.T) {
	for src, want := range map[string]string{
		"int foo(int);":                      "foo",
		"void bar(u32);":                     "bar",
		"typedef int (cb_t)(int x);":         "cb_t",
		"typedef void (*fp_t)(void);":        "fp_t",
		"typedef struct { int c; } a_t;":     "a_t",
		"extern int x;":                      "x",
		"int __attribute__((cold)) f(void);": "f",
	} {
		var toks []tok
		s := scanner{src: []byte(src)}
		for {
			tk, ok := s.next()
			if !ok {
				break
			}
			toks = append(toks, tk)
		}
		if got := declaredName([]byte(src), toks); got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

func TestKbuildDirFlags(t *testing.T) {
	root := t.TempDir()
	for p, c := range map[string]string{
		"Kbuild": "", "Makefile": "", "include/linux/x.h": "",
		"drivers/net/Makefile":   "subdir-ccflags-y += -DNETDBG\n",
		"drivers/net/a/Makefile": "FMAN = $(srctree)/drivers/net/fman\nccflags-y += -I$(FMAN) \\\n  -DX=1\nccflags-$(CONFIG_FOO) += -DNO\nCFLAGS_b.o := -I$(src)/inc\n",
		"drivers/net/a/b.c":      "",
	} {
		full := root + "/" + p
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tree.dirFlags(root+"/drivers/net/a/b.c"), " ")
	want := "-DNETDBG -I" + root + "/drivers/net/fman -DX=1 -I" + root + "/drivers/net/a/inc"
	if got != want {
		t.Errorf("dir flags:\n got %s\nwant %s", got, want)
	}
}
