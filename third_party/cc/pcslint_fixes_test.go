// Copyright 2026 The CC Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cc // import "modernc.org/cc/v4"

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func pcslintSources(t *testing.T, src string) (*Config, []Source) {
	cfg, err := NewConfig(runtime.GOOS, runtime.GOARCH)
	if err != nil {
		t.Fatalf("NewConfig: %v", err)
	}

	return cfg, []Source{
		{Name: "<predefined>", Value: cfg.Predefined},
		{Name: "<builtin>", Value: Builtin},
		{Name: "test.c", Value: src},
	}
}

// GNU named variadic parameters: ", ## rest" drops the comma when rest is
// empty, as ", ## __VA_ARGS__" does.
func TestPcslintNamedVariadicCommaPaste(t *testing.T) {
	for _, v := range []struct{ src, want string }{
		{"#define B(x, rest...) f(x, ## rest)\nB(1)\n", "f(1)"},
		{"#define B(x, rest...) f(x, ## rest)\nB(1, 2)\n", "f(1,2)"},
		{"#define B(x, rest...) f(x, ## rest)\nB(1, 2, 3)\n", "f(1,2,3)"},
		{"#define B(x, rest...) f(x,##rest)\nB(1)\n", "f(1)"},
		{"#define B(x, rest...) f(x,##rest)\nB(1, 2)\n", "f(1,2)"},
		{"#define B(rest...) f(0, ## rest)\nB()\n", "f(0)"},
		{"#define C(x, ...) f(x, ##__VA_ARGS__)\nC(1)\n", "f(1)"},
		{"#define C(x, ...) f(x, ##__VA_ARGS__)\nC(1, 2)\n", "f(1,2)"},
	} {
		cfg, err := NewConfig(runtime.GOOS, runtime.GOARCH)
		if err != nil {
			t.Fatalf("NewConfig: %v", err)
		}

		var sb strings.Builder
		if err := Preprocess(cfg, []Source{
			{Name: "<predefined>", Value: cfg.Predefined},
			{Name: "test.c", Value: v.src},
		}, &sb); err != nil {
			t.Errorf("%q: %v", v.src, err)
			continue
		}

		if g, e := strings.Join(strings.Fields(sb.String()), ""), v.want; g != e {
			t.Errorf("%q: got %q, want %q", v.src, g, e)
		}
	}
}

// With the variable arguments present, the comma before ## is not pasted with
// the first of them, also without white space around ##.
func TestPcslintCommaPasteNonEmpty(t *testing.T) {
	for _, v := range []string{
		"#define B(x, rest...) f(x,##rest)\nint f(int, int); int g(void) { return B(1, 2); }\n",
		"#define B(x, ...) f(x,##__VA_ARGS__)\nint f(int, int); int g(void) { return B(1, 2); }\n",
		"#define B(x, rest...) f(x, ## rest)\nint f(int, int); int g(void) { return B(1, 2); }\n",
	} {
		cfg, sources := pcslintSources(t, v)
		if ast, err := Parse(cfg, sources); err != nil || ast == nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// typeof of a type name that starts with a type qualifier or an attribute.
func TestPcslintTypeofQualifiedTypeName(t *testing.T) {
	for _, v := range []string{
		"struct s { int i; }; __typeof__(const struct s) x;\n",
		"typeof(volatile int) y;\n",
		"typeof(const volatile int *) z;\n",
		"__typeof__(__attribute__((unused)) int) w;\n",
		"typeof(_Atomic int) a;\n",
		"int f(void) { int i; typeof(const int) j = i; return j; }\n",
	} {
		cfg, sources := pcslintSources(t, v)
		if ast, err := Parse(cfg, sources); err != nil || ast == nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// __auto_type after other declaration specifiers, like type qualifiers, and
// in the first clause of a for statement.
func TestPcslintAutoTypeAfterSpecifiers(t *testing.T) {
	for _, v := range []string{
		"void *f(short *s) { const __auto_type s0 = s; return s0; }\n",
		"int f(int i) { volatile __auto_type j = i; static const __auto_type k = 1; return j + k; }\n",
		"int f(int i) { __attribute__((unused)) __auto_type j = i; return i; }\n",
		"static const __auto_type g = 42;\n",
		"int f(int n) { int s = 0; for (__auto_type i = 0; i < n; i++) s += i; return s; }\n",
		"int f(int n) { int s = 0; for (const __auto_type m = n; s < m; s++); return s; }\n",
		"int f(int i) { __auto_type j = i; return j; }\n",
	} {
		cfg, sources := pcslintSources(t, v)
		if ast, err := Parse(cfg, sources); err != nil || ast == nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// The x86 named address spaces __seg_fs and __seg_gs are type qualifiers.
func TestPcslintSegAddressSpaces(t *testing.T) {
	const src = `struct s { int i; };
extern __seg_gs struct s gs_var;
extern const struct s __seg_fs fs_var;
__typeof__(const struct s __seg_gs) td;
int __seg_gs *p;
int f(void) { return *(__seg_gs int *)8 + ((const __seg_gs struct s *)0)->i; }
`
	cfg, sources := pcslintSources(t, src)
	ast, err := Parse(cfg, sources)
	if err != nil || ast == nil {
		t.Fatalf("%v", err)
	}

	n := 0
	for tu := ast.TranslationUnit; tu != nil; tu = tu.TranslationUnit {
		d := tu.ExternalDeclaration.Declaration
		if d == nil || d.Position().Filename != "test.c" {
			continue
		}

		for ds := d.DeclarationSpecifiers; ds != nil; ds = ds.DeclarationSpecifiers {
			if ds.Case == DeclarationSpecifiersTypeQual && ds.TypeQualifier.Case == TypeQualifierAddrSpace {
				n++
			}
		}
	}
	if g, e := n, 3; g != e {
		t.Errorf("got %v address space qualifiers in declaration specifiers, want %v", g, e)
	}

	// The type checker accepts them too. (Translate does not support
	// typeof(type-name) in declaration specifiers, so leave that line out.)
	cfg, sources = pcslintSources(t, strings.Replace(src, "__typeof__(const struct s __seg_gs) td;\n", "", 1))
	if _, err := Translate(cfg, sources); err != nil {
		t.Errorf("Translate: %v", err)
	}
}

// A name declared twice in an identifier list, or again in the function body,
// made Scope.ident return a nil *Declarator and checkTypeName dereference it.
func TestPcslintIdentifierListParameterNoPanic(t *testing.T) {
	for _, v := range []string{
		"int f(a, a) { return a; }\n",
		"int f(a) { int a; a = 1; return (a); }\n",
		"int f(a) int a; { int a; a = 1; return (a); }\n",
	} {
		func() {
			defer func() {
				if e := recover(); e != nil {
					t.Errorf("%q: panic: %v", v, e)
				}
			}()

			cfg, sources := pcslintSources(t, v)
			if ast, err := Parse(cfg, sources); ast == nil && err == nil {
				t.Errorf("%q: nil AST and nil error", v)
			}
		}()
	}
}

// Parse never returns a nil AST together with a nil error, also when no
// top-level declaration can start.
func TestPcslintTopLevelGarbageIsAnError(t *testing.T) {
	for _, v := range []string{"}\n", ")\n", "]\n", "1;\n", "+ x;\n", "= 1;\n", "{ }\n", "return 0;\n", "else;\n", "...\n"} {
		cfg, sources := pcslintSources(t, v)
		if _, err := Parse(cfg, sources); err == nil {
			t.Errorf("%q: no error", v)
		}
	}
}

// pcslintParseTimeout parses src and reports an error if that does not finish
// within a few seconds. A Parse that loops forever is left running.
func pcslintParseTimeout(t *testing.T, src string) (ast *AST, err error) {
	cfg, sources := pcslintSources(t, src)
	type result struct {
		ast *AST
		err error
	}
	ch := make(chan result, 1)
	go func() {
		ast, err := Parse(cfg, sources)
		ch <- result{ast, err}
	}()
	select {
	case r := <-ch:
		return r.ast, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("%q: Parse does not return", src)
		return nil, nil
	}
}

// Parse does not loop forever, allocating an error message per iteration,
// when the input ends after a '*' of a pointer or after 'enum'.
func TestPcslintParserEOFLoops(t *testing.T) {
	for _, v := range []string{"int *", "int *;", "int f(int *", "**", "enum", "struct s { enum"} {
		if _, err := pcslintParseTimeout(t, v); err == nil {
			t.Errorf("%q: no error", v)
		}
	}
}

// A backslash-newline at the end of a source does not make the scanner read
// past the end of it, or loop forever in an unterminated literal.
func TestPcslintScannerBackslashNewlineAtEOF(t *testing.T) {
	for _, v := range []string{"char *s = \"a\\", "char c = 'a\\", "char *s = \"a\\\n", "void f(void) { g(\"%d\\"} {
		if _, err := pcslintParseTimeout(t, v); err == nil {
			t.Errorf("%q: no error", v)
		}
	}
	for _, v := range []string{"int x; \\", "#define X 1 \\\n", "int x;\n#define X 1 \\"} {
		if _, err := pcslintParseTimeout(t, v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// TestPcslintTokenAllocs: the preprocessor hands tokens to the parser
// without allocating for each (gcc -E output of a kernel unit is hundreds
// of thousands of tokens). Before: cppParser.rune grew each line from nil
// and tokenizer.token appended to an output buffer sliced to zero
// capacity, 4.3 allocations a token here in all; after: 2.1 (the syntax
// tree's own).
func TestPcslintTokenAllocs(t *testing.T) {
	var b strings.Builder
	const lines = 2000
	for i := 0; i < lines; i++ {
		b.WriteString("int v" + strconv.Itoa(i) + " = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13;\n")
	}
	cfg, sources := pcslintSources(t, b.String())
	allocs := testing.AllocsPerRun(2, func() {
		if _, err := Parse(cfg, sources); err != nil {
			t.Fatal(err)
		}
	})
	const tokens = lines * 30
	t.Logf("%.0f allocations for %d tokens", allocs, tokens)
	if allocs > 3*tokens {
		t.Errorf("%.0f allocations for %d tokens: the token path allocates per token", allocs, tokens)
	}
}
