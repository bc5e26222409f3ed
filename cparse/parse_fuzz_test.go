package cparse

import (
	"context"
	"errors"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fuzzRoot is a directory that does not exist: the fuzzed file lives only
// in the overlay, so nothing is read from (or written to) the disk but
// what the input #includes.
const fuzzRoot = "/pcslint-fuzz-root"

var includeKdecls = regexp.MustCompile(`(?m)^#include "kdecls.h".*$`)

// fuzzSeeds returns the C fixtures of the repository (rule fixtures and
// the demo tree), each with its fixture's kdecls.h pasted in place of its
// #include so that the seeds reach the parser, not a missing header.
func fuzzSeeds(f *testing.F) [][]byte {
	var paths []string
	for _, pat := range []string{"../testdata/src/*/*.c", "../testdata/src/*/*.h", "../internal/sample/tree/drivers/*/*.c", "../internal/sample/tree/drivers/*/*/*/*.c"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		f.Fatal("no C fixtures found")
	}
	var seeds [][]byte
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if decls, err := os.ReadFile(filepath.Join(filepath.Dir(p), "kdecls.h")); err == nil {
			src = includeKdecls.ReplaceAllLiteral(src, decls)
		}
		seeds = append(seeds, src)
	}
	return seeds
}

// FuzzParse parses arbitrary bytes as a .c file against the stub headers:
// Parse must return a File or a *Error, never panic or hang, and a panic
// of the front end (which Parse turns into an error) is a bug too.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte(""))
	f.Add([]byte("int f(void) { return 0; }\n"))
	f.Add([]byte("#define A(x) A(x)\nA(1)\n"))
	f.Add([]byte("#if\n#endif\n"))
	f.Add([]byte("int f(void) { goto out; out: return ({ int x = 1; x; }); }\n"))
	f.Add([]byte("static int g(int a[static 3]) { return a[0] ?: 1; }\n"))
	f.Add([]byte("#include <linux/types.h>\nu32 v = sizeof(struct { int a; });\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		tree := StandaloneTree(fuzzRoot)
		abs := filepath.Join(fuzzRoot, "fuzz.c")
		tree.Overlay().Set(abs, src)
		p, err := NewParser(tree, token.NewFileSet())
		if err != nil {
			t.Fatal(err)
		}
		p.Budget = 5 * time.Second
		p.ExpansionLimit = 2_000_000
		file, err := p.Parse(context.Background(), abs)
		switch {
		case err == nil && file == nil:
			t.Fatal("Parse returned neither a file nor an error")
		case err != nil && file != nil:
			t.Fatalf("Parse returned a file and an error: %v", err)
		case err != nil:
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error of type %T, want *cparse.Error: %v", err, err)
			}
			if pe.Path != "fuzz.c" || pe.Msg == "" {
				t.Fatalf("error %+v: want path fuzz.c and a message", pe)
			}
			if strings.Contains(pe.Msg, "internal error in the C front end") {
				t.Fatalf("the front end panicked: %s", pe.Msg)
			}
			if strings.Contains(pe.Msg, "time budget") {
				t.Fatalf("parsing %d bytes took longer than %v", len(src), p.Budget)
			}
		default:
			if file.Path != "fuzz.c" {
				t.Fatalf("file path %q", file.Path)
			}
			// the converted tree can be walked
			for _, fn := range file.Funcs {
				if fn.Body != nil {
					Inspect(fn.Body, func(Node) bool { return true })
				}
			}
		}
	})
}
