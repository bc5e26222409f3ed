package cparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompileDBDropsTheInput: an entry's command names its file (gcc ... -c
// -o x.o x.c); the unit's flags must not, or gcc -E would read it twice.
func TestCompileDBDropsTheInput(t *testing.T) {
	root := t.TempDir()
	db := `[{"directory": "` + root + `", "file": "drivers/x.c", "command": "gcc -nostdinc -I./include -DX=1 -c -o drivers/x.o drivers/x.c"},
 {"directory": "` + root + `/drivers", "file": "y.c", "arguments": ["gcc", "-I../include", "-c", "` + root + `/drivers/y.c"]}]`
	if err := os.WriteFile(filepath.Join(root, "cc.json"), []byte(db), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _, err := readCompileDB(root, filepath.Join(root, "cc.json"))
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"drivers/x.c": "-nostdinc -I" + root + "/include -DX=1 -c -o drivers/x.o",
		"drivers/y.c": "-I" + root + "/include -c",
	} {
		if args := strings.Join(got[filepath.Join(root, file)], " "); args != want {
			t.Errorf("%s: flags %q, want %q", file, args, want)
		}
	}
}
