package cparse

import (
	"context"
	"errors"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzRoot is a directory that does not exist: the fuzzed file lives only
// in the overlay, so nothing is read from (or written to) the disk but
// what the input #includes.
const fuzzRoot = "/pcslint-fuzz-root"

// fuzzSeeds returns the C fixtures of the repository (rule fixtures and
// the demo tree); they include the stub headers, which the fuzz tree
// has too.
func fuzzSeeds(f *testing.F) [][]byte {
	var paths []string
	for _, pat := range []string{"../rules/*/testdata/src/*/*.c", "../rules/*/testdata/src/*/*.h", "../internal/sample/tree/drivers/*/*.c", "../internal/sample/tree/drivers/*/*/*/*.c"} {
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
	f.Fuzz(checkParse)
}

// checkParse is FuzzParse's check of one input.
func checkParse(t *testing.T, src []byte) {
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
}

// TestParseProcessCrashers runs the inputs of testdata/fuzz/crashes-process
// (go test fuzz v1 files, like the seeds of testdata/fuzz/FuzzParse) in a
// child process each: inputs that do not fail FuzzParse's check but kill
// the whole process (cc/v4 overflowing the 1 GB goroutine stack on
// 100000 nested parentheses: a fatal error, no panic Parse could
// recover). They live outside testdata/fuzz/FuzzParse because such a seed
// would take down every `go test ./cparse` for half a minute and 1 GB of
// memory; once cc/v4 limits its nesting, move them there. Set
// PCSLINT_PROCESS_CRASHERS=1 to run them.
func TestParseProcessCrashers(t *testing.T) {
	if name := os.Getenv("PCSLINT_CRASHER_CHILD"); name != "" {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkParse(t, decodeFuzzV1(t, data))
		return
	}
	if os.Getenv("PCSLINT_PROCESS_CRASHERS") == "" {
		t.Skip("set PCSLINT_PROCESS_CRASHERS=1 to run the inputs that crash the process (slow, 1 GB)")
	}
	files, err := filepath.Glob("testdata/fuzz/crashes-process/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, f := range files {
		cmd := exec.Command(os.Args[0], "-test.run=^TestParseProcessCrashers$")
		cmd.Env = append(os.Environ(), "PCSLINT_CRASHER_CHILD="+f)
		out, err := cmd.CombinedOutput()
		if err != nil {
			head, _, _ := strings.Cut(string(out), "\n\n")
			t.Errorf("%s: %v\n%s", filepath.Base(f), err, head)
		}
	}
}

// decodeFuzzV1 reads a one-value []byte corpus file of go test -fuzz.
func decodeFuzzV1(t *testing.T, data []byte) []byte {
	_, rest, ok := strings.Cut(string(data), "\n")
	lit, ok2 := strings.CutPrefix(strings.TrimSpace(rest), "[]byte(")
	lit, ok3 := strings.CutSuffix(lit, ")")
	if !ok || !ok2 || !ok3 {
		t.Fatal("not a go test fuzz v1 []byte file")
	}
	s, err := strconv.Unquote(lit)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}
