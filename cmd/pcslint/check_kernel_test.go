package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/internal/kerneltree"
)

// TestKbuildCheckKernel runs the argv kbuild really gives its checker
// (testdata/kbuild-argv: `make C=2 CHECK=<a script logging its arguments>
// drivers/net/pcs/` on the configured x86_64 6.12 tree, one argument a
// line) in the configured tree, without make: each file's diagnostics are
// the plain run's over the whole directory, for that file.
func TestKbuildCheckKernel(t *testing.T) {
	root := kerneltree.Get(t, "configured")
	files, _ := filepath.Glob("testdata/kbuild-argv/*.argv")
	var argvs [][]string
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		argvs = append(argvs, strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"))
	}
	if len(argvs) == 0 {
		t.Fatal("no argv in testdata/kbuild-argv")
	}
	t.Setenv("PCSLINT_FLAGS", "--color=never")
	_, plain, stderr := runIn(t, root, "--color", "never", "--progress", "never", "drivers/net/pcs")
	if !strings.HasPrefix(lastLine(plain), "analyzed ") {
		t.Fatalf("plain run: %s\n%s", plain, stderr)
	}
	findings := 0
	for _, argv := range argvs {
		file := argv[len(argv)-1]
		code, stdout, check := runIn(t, root, argv...)
		if code != 0 || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want 0 and nothing", file, code, stdout)
		}
		want := linesOf(plain, file)
		if check != want {
			t.Errorf("%s: the kbuild check says\n%s\nthe plain run of drivers/net/pcs says\n%s", file, check, want)
		}
		findings += strings.Count(want, ": warning: ") + strings.Count(want, ": error: ")
	}
	if findings == 0 {
		t.Error("no finding in the checked files: the comparison proves nothing")
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// linesOf keeps the findings of a text report in file, each with its
// notes (which may be in other files).
func linesOf(report, file string) string {
	finding := regexp.MustCompile(`^\S+:\d+:\d+: (warning|error): `)
	var b strings.Builder
	keep := false
	for _, l := range strings.Split(report, "\n") {
		switch {
		case finding.MatchString(l):
			keep = strings.HasPrefix(l, file+":")
		case !strings.Contains(l, ": note: "):
			keep = false
		}
		if keep {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
