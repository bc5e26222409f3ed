package cparse

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
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
enum { E_USED = 3 };
int used_fn(u32 x);
int unused_fn(u32 x);
void foo(u32);
static inline int helper(int x) { return x + 1; }
#line 1 "/t/main.c"
struct used *g;
enum mode { M_A };
int f(atomic_t *a) { return used_fn(a->counter) + E_USED; }
`
	out, refs := prune([]byte(src), "/t/main.c", nil)
	if !refs["used_fn"] || refs["helper"] {
		t.Errorf("main-file identifiers: %v", refs)
	}
	got := string(out)
	for _, keep := range []string{"typedef unsigned int u32;", "typedef int (cb_t)(u32 x);",
		"atomic_t;", "struct used { u32 a; cb_t *cb; };", "int used_fn(u32 x);", "int f(atomic_t *a)", "struct used *g;", "E_USED = 3"} {
		if !strings.Contains(got, keep) {
			t.Errorf("dropped %q", keep)
		}
	}
	// an anonymous enum is kept for its enumerators, not because the main
	// file says "enum"
	for _, drop := range []string{"fp_t", "struct unused", "unused_fn", "helper", "void foo", "E_B"} {
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
		"enum { E_A, E_B };":                 "",
		"union { int a; long b; };":          "",
		"struct s;":                          "s",
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
		got := ""
		if i := declaredName([]byte(src), toks); i >= 0 {
			got = toks[i].text([]byte(src))
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

func TestKbuildDirFlags(t *testing.T) {
	root := t.TempDir()
	for p, c := range map[string]string{
		"Kbuild": "", "Makefile": "", "include/linux/x.h": "",
		"drivers/net/Makefile":      "subdir-ccflags-y += -DNETDBG\n",
		"drivers/net/a/Makefile":    "FMAN = $(srctree)/drivers/net/fman\nccflags-y += -I$(FMAN) \\\n  -DX=1\nccflags-$(CONFIG_FOO) += -DNO\nCFLAGS_b.o := -I$(src)/inc\n",
		"drivers/net/a/b.c":         "",
		"drivers/net/wg/Makefile":   "ccflags-y := -D'pr_fmt(fmt)=KBUILD_MODNAME \": \" fmt'\n",
		"drivers/net/wg/c.c":        "",
		"drivers/net/hns/Makefile":  "ccflags-y += -I$(src)/common\nCFLAGS_pf/main.o := -DPF\n",
		"drivers/net/hns/pf/main.c": "",
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
	got = strings.Join(tree.dirFlags(root+"/drivers/net/hns/pf/main.c"), " ")
	if want := "-DNETDBG -I" + root + "/drivers/net/hns/common -DPF"; got != want {
		t.Errorf("object built by a parent Makefile:\n got %s\nwant %s", got, want)
	}
	if got, want := tree.dirFlags(root+"/drivers/net/wg/c.c"), `-Dpr_fmt(fmt)=KBUILD_MODNAME ": " fmt`; len(got) != 2 || got[1] != want {
		t.Errorf("shell-quoted flag: got %q, want [-DNETDBG %q]", got, want)
	}
}

const positionsSrc = `# 0 "/t/main.c"
# 1 "<built-in>"
# 1 "/t/h.h" 1
typedef unsigned int u32;


struct s { u32 a;
# 40 "/t/h.h"
   u32 b; };
# 3 "/t/main.c" 2
int a; int
    b;
# 30 "/t/main.c"
static int f(struct s *p)
{
        return p->b;
}
#pragma GCC diagnostic push
  int g(void) { return 1; }
`

// Every token kept by prune keeps its file, line and column, whatever gaps,
// linemarkers and shared lines surround it.
func TestPruneKeepsPositions(t *testing.T) {
	src := positionsSrc
	type pos struct {
		file      string
		line, col int
	}
	positions := func(text string) map[string][]pos {
		m := map[string][]pos{}
		s := scanner{src: []byte(text)}
		for {
			tk, ok := s.next()
			if !ok {
				return m
			}
			if tk.kind == tkIdent {
				w := tk.text(s.src)
				m[w] = append(m[w], pos{s.file, s.line, tk.start - s.lineStart + 1})
			}
		}
	}
	out, _ := prune([]byte(src), "/t/main.c", nil)
	want, got := positions(src), positions(string(out))
	for _, w := range []string{"u32", "a", "b", "s", "f", "p", "return", "g"} {
		if len(got[w]) == 0 || !reflect.DeepEqual(got[w], want[w]) {
			t.Errorf("%s: got %v, want %v\n%s", w, got[w], want[w], out)
		}
	}
	if strings.Contains(string(out), "# 40") || strings.Contains(string(out), "pragma") {
		t.Errorf("linemarker or pragma kept as is:\n%s", out)
	}
}

// prune and the prescan's scanners read whatever gcc -E or a source file
// holds: no input may make them panic.
func FuzzPrune(f *testing.F) {
	f.Add([]byte("# 1 \"/t/h.h\" 1\ntypedef int u32;\nstruct s { u32 a; };\n# 3 \"/t/main.c\" 2\nint f(struct s *p) { return p->a; }\n"), true)
	f.Add([]byte("#line 7 \"/t/main.c\"\n#define X(a) of_node_put(a)\n#include \"x.h\"\nenum { A, B };\n"), false)
	f.Add([]byte("# 40 \"a\\\"b\" 1 3\n\"unterminated\n'x' ( { ) } ;"), true)
	f.Fuzz(func(t *testing.T, src []byte, main bool) {
		mainFile := "/t/h.h"
		if main {
			mainFile = "/t/main.c"
		}
		prune(src, mainFile, nil)
		sp := newSplitter(nil)
		if i := bytes.LastIndexByte(src, '\n'); i >= 0 {
			sp.feed(src, i+1)
		}
		sp.feed(src, len(src))
		sp.u.mainIdents(mainFile)
		set := map[string]bool{}
		rawIdents(src, set)
		scanRaw(src)
		addDefines(src, map[string][]string{})
	})
}

// The streamed path (pooled buffers, text read in chunks) gives what prune
// gives, also when consecutive units reuse one buffer: nothing a unit
// returns may alias it.
func TestSplitStreamMatchesPrune(t *testing.T) {
	type input struct {
		name, main string
		src        []byte
	}
	norm := func(f string) string { return "/abs/" + f }
	inputs := []input{{"positions", "/abs//t/main.c", []byte(positionsSrc)}}
	if gcc, err := exec.LookPath("gcc"); err == nil {
		c := filepath.Join(t.TempDir(), "t.c")
		if err := os.WriteFile(c, []byte(stubSource(t)), 0o644); err != nil {
			t.Fatal(err)
		}
		src, err := exec.Command(gcc, "-E", "-nostdinc", "-isystem", stubIncludeDir(t), "-std=gnu11", c).Output()
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"stubs", norm(c), src})
	}
	for _, p := range filepath.SplitList(os.Getenv("PCSLINT_PREPROCESSED")) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{filepath.Base(p), norm(mainFileOf(src)), src})
	}
	type result struct {
		out         []byte
		idents, all map[string]bool
	}
	var want []result
	for _, in := range inputs {
		out, idents := prune(bytes.Clone(in.src), in.main, norm)
		all := splitUnit(bytes.Clone(in.src), norm).mainIdents(in.main)
		if len(out) == 0 || len(idents) == 0 {
			t.Fatalf("%s: nothing kept", in.name)
		}
		want = append(want, result{out, idents, all})
	}
	names := &fileNames{}
	stream := func(in input, chunk int) (result, *byte) {
		u, err := splitStream(&chunkReader{in.src, chunk}, math.MaxInt64-1, norm, names)
		if err != nil {
			t.Error(err)
			return result{}, nil
		}
		buf := &u.buf[:1][0]
		all := u.mainIdents(in.main)
		out, idents := u.prune(in.main)
		u.release()
		return result{out, idents, all}, buf
	}
	check := func(i int, g result) {
		in, w := inputs[i%len(inputs)], want[i%len(inputs)]
		if !bytes.Equal(g.out, w.out) {
			t.Errorf("%s (run %d): pruned text differs", in.name, i/len(inputs))
		}
		if !reflect.DeepEqual(g.idents, w.idents) || !reflect.DeepEqual(g.all, w.all) {
			t.Errorf("%s (run %d): identifiers differ", in.name, i/len(inputs))
		}
	}
	var got []result
	var last *byte
	reused := 0
	for round := range 8 {
		for _, in := range inputs {
			r, buf := stream(in, []int{64 << 10, 4093}[round%2])
			if buf == last {
				reused++
			}
			last = buf
			// scribble over the buffer the next unit gets
			next := units.Get().(*unit)
			for i := range next.buf[:cap(next.buf)] {
				next.buf[:cap(next.buf)][i] = 'Z'
			}
			units.Put(next)
			got = append(got, r)
		}
	}
	if reused == 0 {
		t.Error("no unit reused the previous one's buffer")
	}
	for i, g := range got {
		check(i, g)
	}
	// as gccPreprocess runs: units in parallel, one name cache
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range 2 * len(inputs) {
				r, _ := stream(inputs[i%len(inputs)], 64<<10)
				check(i, r)
			}
		})
	}
	wg.Wait()
}
