package cparse

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTree is a configured tree skeleton: what OpenTree looks at.
func fakeTree(t *testing.T, autoConf string, extra ...string) string {
	root := t.TempDir()
	files := map[string]string{
		"Kbuild": "", "Makefile": "", "include/linux/types.h": "",
		"include/generated/autoconf.h": "",
		"arch/x86/include/asm/x.h":     "", "arch/arm64/include/asm/x.h": "", "arch/powerpc/include/asm/x.h": "",
		"arch/riscv/include/asm/x.h": "",
	}
	if autoConf != "" {
		files["include/config/auto.conf"] = autoConf
	}
	for _, e := range extra {
		files[e] = ""
	}
	writeFiles(t, root, files)
	return root
}

func TestDetectArch(t *testing.T) {
	for _, c := range []struct {
		name, autoConf string
		extra          []string
		want           string
	}{
		{"arm64", "CONFIG_64BIT=y\nCONFIG_ARM64=y\nCONFIG_ARCH_LAYERSCAPE=y\n", nil, "arm64"},
		{"x86", "CONFIG_64BIT=y\nCONFIG_X86_64=y\nCONFIG_X86=y\n", nil, "x86"},
		{"powerpc", "CONFIG_PPC64=y\nCONFIG_PPC=y\n", nil, "powerpc"},
		// an architecture pcslint has no macro set for is still named
		{"riscv", "CONFIG_RISCV=y\n", nil, "riscv"},
		// a symbol that merely starts like an arch's is not it
		{"prefix", "CONFIG_ARM64_4K_PAGES=y\nCONFIG_X86_FEATURE=m\n", []string{"arch/powerpc/include/generated/asm/x.h"}, "powerpc"},
		// no auto.conf: the one arch make prepare generated headers for
		{"generated", "", []string{"arch/arm64/include/generated/asm/cpucaps.h"}, "arm64"},
		{"none", "", nil, ""},
		{"ambiguous", "", []string{"arch/arm64/include/generated/asm/a.h", "arch/x86/include/generated/asm/a.h"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DetectArch(fakeTree(t, c.autoConf, c.extra...)); got != c.want {
				t.Errorf("DetectArch = %q, want %q", got, c.want)
			}
		})
	}
}

func TestOpenTreeArch(t *testing.T) {
	root := fakeTree(t, "CONFIG_ARM64=y\n")
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if tree.Arch != "arm64" || tree.Kind != Configured {
		t.Errorf("configured arm64 tree opened as %s %s", tree.Kind, tree.Arch)
	}
	flags := strings.Join(tree.kbuildFlags(filepath.Join(root, "drivers/x.c")), " ")
	if !strings.Contains(flags, "-I./arch/arm64/include/generated ") || strings.Contains(flags, "x86") {
		t.Errorf("arm64 tree's flags: %s", flags)
	}
	// --arch cannot turn a tree configured for arm64 into an x86 one
	if _, err := OpenTreeArch(root, "", "x86"); err == nil || !strings.Contains(err.Error(), "configured for arm64") {
		t.Errorf("--arch x86 on an arm64 tree: err = %v", err)
	}
	if tree, err := OpenTreeArch(root, "", "arm64"); err != nil || tree.Arch != "arm64" {
		t.Errorf("--arch arm64 on an arm64 tree: %v", err)
	}
	// a pristine tree takes --arch, if the tree has that architecture
	pristine := t.TempDir()
	writeFiles(t, pristine, map[string]string{"Kbuild": "", "Makefile": "", "include/linux/types.h": "", "arch/powerpc/include/asm/x.h": ""})
	tree, err = OpenTreeArch(pristine, "", "powerpc")
	if err != nil || tree.Arch != "powerpc" || tree.Kind != Pristine {
		t.Fatalf("pristine --arch powerpc: %v %v", tree, err)
	}
	// its configuration is powerpc's, not the built-in x86_64 one
	conf, _ := tree.Overlay().Get(filepath.Join(pristine, "include/generated/autoconf.h"))
	if !strings.Contains(string(conf), "#define CONFIG_PPC 1") || strings.Contains(string(conf), "#define CONFIG_X86 1") {
		t.Errorf("pristine powerpc tree's autoconf.h is not powerpc's")
	}
	if _, err := OpenTreeArch(pristine, "", "arm64"); err == nil {
		t.Error("pristine --arch arm64 without arch/arm64: no error")
	}
}

// fakeCompilers puts gcc stand-ins on PATH that answer -dumpmachine with
// the given triplets (name -> triplet), and nothing else of the PATH.
func fakeCompilers(t *testing.T, compilers map[string]string) string {
	dir := t.TempDir()
	files := map[string]string{}
	for name, triplet := range compilers {
		files[name] = "#!/bin/sh\necho " + triplet + "\n"
	}
	writeFiles(t, dir, files)
	for name := range files {
		if err := os.Chmod(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	return dir
}

func TestFindCompiler(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh for the fake compilers")
	}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	host := tripletOf(HostArch())
	for _, c := range []struct {
		name      string
		compilers map[string]string
		arch, db  string
		env       func(string) string
		want      string // base name of the chosen compiler
		emulate   bool
	}{
		{"cross on PATH", map[string]string{"gcc": host, "aarch64-linux-gnu-gcc": "aarch64-linux-gnu"}, "arm64", "", env(), "aarch64-linux-gnu-gcc", false},
		{"host for the host", map[string]string{"gcc": host, "aarch64-linux-gnu-gcc": "aarch64-linux-gnu"}, HostArch(), "", env(), "gcc", false},
		{"no cross: host emulates", map[string]string{"gcc": host}, foreignArch(), "", env(), "gcc", true},
		{"CROSS_COMPILE", map[string]string{"gcc": host, "my-aarch64-gcc": "aarch64-unknown-linux-gnu"}, "arm64", "", env("CROSS_COMPILE", "my-aarch64-"), "my-aarch64-gcc", false},
		{"CC through ccache", map[string]string{"gcc": host, "ccache": "x", "gcc-arm": "aarch64-linux-gnu"}, "arm64", "", env("CC", "ccache gcc-arm"), "gcc-arm", false},
		// $CC of an x86 build is not used for an arm64 tree
		{"CC of another target", map[string]string{"gcc": host, "x86-gcc": "x86_64-linux-gnu", "aarch64-linux-gnu-gcc": "aarch64-linux-gnu"}, "arm64", "", env("CC", "x86-gcc"), "aarch64-linux-gnu-gcc", false},
		{"compile database", map[string]string{"gcc": host, "aarch64-linux-gnu-gcc": "aarch64-linux-gnu", "db-gcc": "aarch64-linux-gnu"}, "arm64", "db-gcc", env("CC", "aarch64-linux-gnu-gcc"), "db-gcc", false},
		{"clang database", map[string]string{"gcc": host, "clang": "aarch64-linux-gnu", "aarch64-linux-gnu-gcc": "aarch64-linux-gnu"}, "arm64", "clang", env(), "aarch64-linux-gnu-gcc", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fakeCompilers(t, c.compilers)
			got := findCompiler(c.arch, c.db, c.env)
			if got.err != nil {
				t.Fatal(got.err)
			}
			if filepath.Base(got.path) != c.want || got.emulate != c.emulate {
				t.Errorf("compiler %s (emulate %v), want %s (emulate %v)", got.path, got.emulate, c.want, c.emulate)
			}
		})
	}
	t.Run("unknown arch without compiler", func(t *testing.T) {
		fakeCompilers(t, map[string]string{"gcc": host})
		if got := findCompiler("riscv", "", env()); got.err == nil || !strings.Contains(got.err.Error(), "CROSS_COMPILE") {
			t.Errorf("riscv with only the host gcc: %+v", got)
		}
	})
}

func tripletOf(arch string) string {
	return map[string]string{"x86": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu", "powerpc": "powerpc64le-linux-gnu"}[arch]
}

func foreignArch() string {
	if HostArch() == "arm64" {
		return "x86"
	}
	return "arm64"
}

// TestEmulatedTarget: the host gcc emulating a foreign target sees that
// target's macros and none of the host's, as the arch headers test them.
func TestEmulatedTarget(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil || compilerArch(gcc) != HostArch() {
		t.Skip("no host gcc")
	}
	target := foreignArch()
	p := &Parser{Tree: StandaloneTree(t.TempDir()), predefined: arches[target].predefined,
		compiler: compiler{path: gcc, emulate: true, flags: commonFlags}}
	defer p.Close()
	predef, err := p.predefPath()
	if err != nil {
		t.Fatal(err)
	}
	// the unit's own target options (kbuild's, for the target) are dropped
	args := p.gccArgs([]string{"-mgeneral-regs-only", "-mabi=lp64", "-m64", "-DX=1"}, "", predef)
	src := filepath.Join(t.TempDir(), "a.c")
	writeFiles(t, filepath.Dir(src), map[string]string{"a.c": "aarch64=__aarch64__ x86=__x86_64__ ppc=__powerpc64__ long=__SIZEOF_LONG__ gnu=__GNUC__ x=X\n"})
	out, err := exec.Command(gcc, append(args, "-P", src)...).CombinedOutput()
	if err != nil {
		t.Fatalf("gcc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	got := strings.Join(strings.Fields(string(out)), " ")
	want := map[string]string{
		"arm64": "aarch64=1 x86=__x86_64__ ppc=__powerpc64__ long=8 gnu=12 x=1",
		"x86":   "aarch64=__aarch64__ x86=1 ppc=__powerpc64__ long=8 gnu=12 x=1",
	}[target]
	// __GNUC__ is the target compiler's major version
	got = strings.Replace(got, "gnu="+gnuMajor(arches[target].predefined), "gnu=12", 1)
	if got != want {
		t.Errorf("emulated %s sees %q, want %q", target, got, want)
	}
}

func gnuMajor(predefined string) string {
	for _, l := range strings.Split(predefined, "\n") {
		if v, ok := strings.CutPrefix(l, "#define __GNUC__ "); ok {
			return v
		}
	}
	return ""
}

func TestTripletArch(t *testing.T) {
	for triplet, want := range map[string]string{
		"x86_64-linux-gnu": "x86", "i686-linux-gnu": "x86", "aarch64-linux-gnu": "arm64",
		"powerpc64le-linux-gnu": "powerpc", "powerpc-linux-gnu": "powerpc", "arm-linux-gnueabihf": "arm",
		"riscv64-linux-gnu": "riscv", "s390x-linux-gnu": "s390",
	} {
		if got := tripletArch(triplet); got != want {
			t.Errorf("tripletArch(%s) = %s, want %s", triplet, got, want)
		}
	}
}
