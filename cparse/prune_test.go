package cparse

import (
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
	out := prune([]byte(src), "/t/main.c")
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
