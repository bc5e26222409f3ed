package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	flag "github.com/spf13/pflag"

	"github.com/pcslint/pcslint/analyzer/driver"
)

// The kbuild check tests run pcslint with the argv `make C=1
// CHECK=pcslint` gives it (scripts/Makefile.build: $(CHECK) $(CHECKFLAGS)
// $(c_flags) $<), on a small configured-looking tree, without make.

// checkTree is a configured tree (include/generated/autoconf.h) whose
// drivers/foo/foo.c leaks a reference only when CONFIG_FOO_LEAK is defined,
// and only through foo_parent(), which its neighbour helper.c defines.
func checkTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"Kbuild", "Makefile", "include/linux/compiler-version.h", "include/linux/kconfig.h",
		"include/linux/compiler_types.h", "include/generated/autoconf.h"} {
		writeFile(t, filepath.Join(dir, p), "")
	}
	writeFile(t, filepath.Join(dir, "include/linux/of.h"), ofH)
	writeFile(t, filepath.Join(dir, "drivers/foo/helper.c"), `#include <linux/of.h>

struct device_node *foo_parent(struct device_node *np)
{
	return of_get_parent(np);
}
`)
	writeFile(t, filepath.Join(dir, "drivers/foo/foo.c"), `#include <linux/of.h>

struct device_node *foo_parent(struct device_node *np);

int foo_probe(struct device_node *np)
{
#ifdef CONFIG_FOO_LEAK
	struct device_node *p = foo_parent(np);

	if (!p)
		return -1;
#endif
	return 0;
}
`)
	return dir
}

// sparseFlags is kbuild's CHECKFLAGS on x86_64 6.12, CF= at its end of the
// first line.
func sparseFlags(cf ...string) []string {
	f := append([]string{"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute"}, cf...)
	return append(f, "-D__x86_64__", "--arch=x86", "-mlittle-endian", "-m64")
}

// cFlags is the part of kbuild's c_flags that the fake tree can honour.
func cFlags(defines ...string) []string {
	f := []string{"-Wp,-MMD,drivers/foo/.foo.o.d", "-nostdinc", "-I./arch/x86/include", "-I./arch/x86/include/generated", "-I./include",
		"-include", "./include/linux/compiler-version.h", "-include", "./include/linux/kconfig.h", "-include", "./include/linux/compiler_types.h",
		"-D__KERNEL__", "-fmacro-prefix-map=./=", "-Werror", "-std=gnu11", "-fshort-wchar", "-funsigned-char", "-fno-common", "-fno-PIE",
		"-mno-sse", "-mno-red-zone", "-mcmodel=kernel", "-Wall", "-Wno-sign-compare", "-O2"}
	f = append(f, defines...)
	return append(f, `-DKBUILD_MODFILE="drivers/foo/foo"`, `-DKBUILD_BASENAME="foo"`, `-DKBUILD_MODNAME="foo"`, "-D__KBUILD_MODNAME=kmod_foo")
}

func checkArgv(cf []string, defines ...string) []string {
	return append(append(sparseFlags(cf...), cFlags(defines...)...), "drivers/foo/foo.c")
}

// leakLine is the finding: flush left, gcc's format, the leak at the
// return of foo_probe(), line 13.
var leakLine = regexp.MustCompile(`(?m)^drivers/foo/foo\.c:13:2: warning: foo_probe\(\): .* \[ref-leak\]$`)

func TestKbuildCheck(t *testing.T) {
	t.Setenv("PCSLINT_FLAGS", "")
	tree := checkTree(t)

	t.Run("finding through a neighbour, with kbuild's defines", func(t *testing.T) {
		code, stdout, stderr := runIn(t, tree, checkArgv(nil, "-DCONFIG_FOO_LEAK")...)
		if code != 0 || stdout != "" {
			t.Errorf("exit %d, stdout %q; want 0 (the build goes on) and nothing on stdout", code, stdout)
		}
		if !leakLine.MatchString(stderr) {
			t.Errorf("no ref-leak finding in foo_probe() on stderr:\n%s", stderr)
		}
		for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if !regexp.MustCompile(`^drivers/foo/foo\.c:\d+:\d+: (warning|note): `).MatchString(l) {
				t.Errorf("not a gcc diagnostic of foo.c: %q", l)
			}
		}
	})
	t.Run("clean without the define: nothing printed", func(t *testing.T) {
		code, stdout, stderr := runIn(t, tree, checkArgv(nil)...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
		}
	})
	t.Run("--fail-on from CF=", func(t *testing.T) {
		for _, c := range []struct {
			cf   []string
			code int
		}{
			{[]string{"--fail-on=warning"}, 1},
			{[]string{"--fail-on", "warning"}, 1},
			{[]string{"--fail-on=error"}, 0},
		} {
			code, _, stderr := runIn(t, tree, checkArgv(c.cf, "-DCONFIG_FOO_LEAK")...)
			if code != c.code || !leakLine.MatchString(stderr) {
				t.Errorf("CF=%v: exit %d, want %d, and the finding on stderr:\n%s", c.cf, code, c.code, stderr)
			}
		}
	})
	t.Run("--fail-on from PCSLINT_FLAGS", func(t *testing.T) {
		t.Setenv("PCSLINT_FLAGS", "--fail-on warning --color=never")
		code, _, stderr := runIn(t, tree, checkArgv(nil, "-DCONFIG_FOO_LEAK")...)
		if code != 1 || !leakLine.MatchString(stderr) {
			t.Errorf("exit %d, want 1 and the finding:\n%s", code, stderr)
		}
	})
	t.Run("bad options stop the build with one line", func(t *testing.T) {
		for _, c := range []struct {
			env  string
			cf   []string
			want string
		}{
			{"", []string{"--fial-on=warning"}, `^pcslint: CF=--fial-on=warning: not a pcslint option`},
			{"--format sarif", nil, `^pcslint: --format sarif does not apply to a kbuild check`},
			{"--patch x.patch", nil, `^pcslint: --patch does not apply to a kbuild check`},
			{"drivers/foo", nil, `^pcslint: make C=1 CHECK=pcslint: kbuild names the file; PCSLINT_FLAGS names drivers/foo$`},
			{"'--fail-on", nil, `^pcslint: PCSLINT_FLAGS: `},
		} {
			t.Setenv("PCSLINT_FLAGS", c.env)
			code, _, stderr := runIn(t, tree, checkArgv(c.cf, "-DCONFIG_FOO_LEAK")...)
			if code != 2 || strings.Count(stderr, "\n") != 1 || !regexp.MustCompile(c.want).MatchString(strings.TrimSuffix(stderr, "\n")) {
				t.Errorf("PCSLINT_FLAGS=%q CF=%v: exit %d, stderr %q; want 2 and one line matching %s", c.env, c.cf, code, stderr, c.want)
			}
		}
	})
	t.Run("same findings as a run with a compile database", func(t *testing.T) {
		// the same flags, given the way a plain run takes them: the
		// check reports what `pcslint drivers/foo` reports for foo.c
		built := checkTree(t)
		var entries []map[string]any
		for _, f := range []string{"foo.c", "helper.c"} {
			args := append(append([]string{"gcc"}, cFlags("-DCONFIG_FOO_LEAK")...), "-c", "drivers/foo/"+f)
			entries = append(entries, map[string]any{"directory": built, "file": "drivers/foo/" + f, "arguments": args})
		}
		db, _ := json.Marshal(entries)
		writeFile(t, filepath.Join(built, "compile_commands.json"), string(db))
		_, plain, _ := runIn(t, built, "--color", "never", "drivers/foo")
		want := strings.Join(strings.Split(strings.TrimSuffix(plain, "\n"), "\n")[:strings.Count(plain, "\n")-1], "\n") + "\n"
		t.Setenv("PCSLINT_FLAGS", "")
		_, _, check := runIn(t, tree, checkArgv(nil, "-DCONFIG_FOO_LEAK")...)
		if check != want || !leakLine.MatchString(check) {
			t.Errorf("kbuild check:\n%s\nplain run with a compile database, less its summary:\n%s", check, want)
		}
	})
}

// TestKbuildCheckArgs: what of kbuild's argv is the compiler's, what is
// pcslint's, what is sparse's and dropped.
func TestKbuildCheckArgs(t *testing.T) {
	t.Setenv("PCSLINT_FLAGS", "--budget 30s")
	argv := checkArgv([]string{"--fail-on=error", "-Wsparse-all"})
	fs, _ := testFlagSet()
	k, ok := kbuildCheckArgs(fs, argv)
	if !ok || k.err != nil {
		t.Fatalf("kbuild's argv not recognized: %v", k.err)
	}
	if got := strings.Join(k.own, " "); got != "--budget 30s --fail-on=error" {
		t.Errorf("pcslint's options %q", got)
	}
	if k.unit.File != "drivers/foo/foo.c" || strings.Join(k.unit.Flags, " ") != strings.Join(cFlags(), " ") {
		t.Errorf("unit %s with flags %v, want c_flags exactly", k.unit.File, k.unit.Flags)
	}
	for _, args := range [][]string{
		{"drivers/foo/foo.c"},
		{"--format", "sarif", "drivers/foo/foo.c"},
		{"-D__KERNEL__", "drivers/foo"},
	} {
		if _, ok := kbuildCheckArgs(fs, args); ok {
			t.Errorf("%v taken for a kbuild check", args)
		}
	}
}

func testFlagSet() (*flag.FlagSet, *driver.Options) {
	var o driver.Options
	var patches multiFlag
	fs, _ := newFlagSet(&o, &patches)
	return fs, &o
}
