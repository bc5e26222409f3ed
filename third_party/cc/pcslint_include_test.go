package cc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file including itself must stop at the include depth limit with an
// error, not recurse until the expansion budget runs out and then index an
// empty #include argument.
func TestPcslintSelfIncludeStops(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "self.c")
	if err := os.WriteFile(p, []byte("#include \"self.c\"\nint x;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, srcs := pcslintSources(t, "")
	cfg.IncludePaths = append(cfg.IncludePaths, dir)
	srcs[len(srcs)-1] = Source{Name: p}
	_, err := Parse(cfg, srcs)
	if err == nil || !strings.Contains(err.Error(), "too many include levels") {
		t.Fatalf("want a too many include levels error, got %v", err)
	}
}

// An #include whose argument expands to nothing is an error, not a panic.
func TestPcslintEmptyIncludeArgument(t *testing.T) {
	cfg, srcs := pcslintSources(t, "#define EMPTY\n#include EMPTY\nint x;\n")
	if _, err := Parse(cfg, srcs); err == nil {
		t.Fatal("no error for an empty #include argument")
	}
}
