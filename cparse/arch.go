package cparse

import (
	"bufio"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// The architecture of a tree decides three things: the include directories
// (arch/$(SRCARCH)/include...), the predefined macros of the compiler
// (__aarch64__, __SIZEOF_LONG__, ...) that the arch headers test, and the
// compiler that runs gcc -E. A cross gcc knows its target's macros; the host
// gcc does not, so for a foreign target it runs with -undef and the target's
// predefined macro set, as sparse does with --arch.

// archInfo is what pcslint knows of one SRCARCH.
type archInfo struct {
	name   string   // SRCARCH
	symbol string   // the Kconfig symbol only this architecture sets
	goarch string   // cc/v4's ABI for the builtin preprocessor and parser
	cross  []string // Debian cross compiler prefixes, preferred first
	// flags are the target options of the arch Makefile that change what
	// the preprocessor sees (gcc -E with the compiler of this target)
	flags      []string
	predefined string // gcc -dM -E with flags, the target's macro set
	host       string // runtime.GOARCH of a machine whose gcc targets it
}

//go:embed predefined_arm64.h
var predefinedArm64 string

//go:embed predefined_powerpc.h
var predefinedPowerpc string

// commonFlags are the options of the top Makefile that define macros:
// __CHAR_UNSIGNED__, __OPTIMIZE__, __SSP_STRONG__, ...
var commonFlags = []string{"-nostdinc", "-fno-PIE", "-funsigned-char", "-fshort-wchar", "-fno-common",
	"-fno-strict-aliasing", "-O2", "-fstack-protector-strong"}

var arches = map[string]*archInfo{
	"x86": {name: "x86", symbol: "CONFIG_X86", goarch: "amd64", cross: []string{"x86_64-linux-gnu-"}, host: "amd64",
		flags: append(append([]string(nil), commonFlags...), "-m64", "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow",
			"-mno-avx", "-mno-80387", "-mno-fp-ret-in-387", "-mcmodel=kernel", "-fcf-protection=branch"),
		predefined: predefinedX86},
	"arm64": {name: "arm64", symbol: "CONFIG_ARM64", goarch: "arm64", cross: []string{"aarch64-linux-gnu-", "aarch64-linux-"}, host: "arm64",
		flags:      append(append([]string(nil), commonFlags...), "-mlittle-endian", "-mgeneral-regs-only", "-mabi=lp64"),
		predefined: predefinedArm64},
	"powerpc": {name: "powerpc", symbol: "CONFIG_PPC", goarch: "ppc64le", cross: []string{"powerpc64le-linux-gnu-", "powerpc64le-linux-"}, host: "ppc64le",
		flags: append(append([]string(nil), commonFlags...), "-m64", "-mlittle-endian", "-mabi=elfv2", "-mcpu=power8",
			"-mno-altivec", "-mno-vsx", "-msoft-float", "-mno-prefixed", "-mno-pcrel"),
		predefined: predefinedPowerpc},
}

// Arches lists the architectures pcslint can analyze without a cross
// compiler (it has their predefined macros).
func Arches() []string {
	var out []string
	for n := range arches {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// HostArch is the SRCARCH of the machine pcslint runs on, x86 when it is
// none pcslint knows.
func HostArch() string {
	for _, a := range arches {
		if a.host == runtime.GOARCH {
			return a.name
		}
	}
	return "x86"
}

func lookupArch(name string) (*archInfo, error) {
	if a, ok := arches[name]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("unknown architecture %q (known: %s)", name, strings.Join(Arches(), ", "))
}

// DetectArch returns the SRCARCH a configured tree was prepared for: the
// architecture symbol of include/config/auto.conf, else the one arch whose
// include/generated directory `make prepare` wrote. "" when neither says.
func DetectArch(root string) string {
	if f, err := os.Open(filepath.Join(root, "include/config/auto.conf")); err == nil {
		defer f.Close()
		set := map[string]bool{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if name, ok := strings.CutSuffix(sc.Text(), "=y"); ok {
				set[name] = true
			}
		}
		for _, a := range arches {
			if set[a.symbol] {
				return a.name
			}
		}
		// an architecture pcslint has no macro set for still has its
		// directories; the compiler must then come from the environment
		for sym, name := range otherArchSymbols {
			if set[sym] {
				return name
			}
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "arch/*/include/generated/asm"))
	if len(dirs) == 1 {
		return filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(dirs[0]))))
	}
	return ""
}

// otherArchSymbols are the Kconfig symbols of the SRCARCHes pcslint has no
// predefined macros for.
var otherArchSymbols = map[string]string{
	"CONFIG_ARM": "arm", "CONFIG_RISCV": "riscv", "CONFIG_S390": "s390", "CONFIG_MIPS": "mips",
	"CONFIG_LOONGARCH": "loongarch", "CONFIG_SPARC": "sparc", "CONFIG_PARISC": "parisc",
	"CONFIG_M68K": "m68k", "CONFIG_ARC": "arc", "CONFIG_CSKY": "csky", "CONFIG_MICROBLAZE": "microblaze",
	"CONFIG_NIOS2": "nios2", "CONFIG_OPENRISC": "openrisc", "CONFIG_SUPERH": "sh",
	"CONFIG_XTENSA": "xtensa", "CONFIG_ALPHA": "alpha", "CONFIG_HEXAGON": "hexagon", "CONFIG_UML": "um",
}

// otherArchGoarch is cc/v4's ABI name of the other 64-bit SRCARCHes.
var otherArchGoarch = map[string]string{"riscv": "riscv64", "s390": "s390x", "loongarch": "loong64", "arm": "arm"}

// compiler is how gcc -E runs for a tree.
type compiler struct {
	path string
	// emulate: the host gcc for a foreign target, run with -undef and the
	// target's predefined macros; its own -m options are dropped
	emulate bool
	flags   []string // target options put before the unit's
	err     error
}

var (
	lookPath   = exec.LookPath
	targetsMu  sync.Mutex
	targetsMem = map[string]string{}
)

// compilerArch is the SRCARCH a gcc generates code for (gcc -dumpmachine),
// "" when it cannot be asked.
func compilerArch(path string) string {
	targetsMu.Lock()
	defer targetsMu.Unlock()
	if a, ok := targetsMem[path]; ok {
		return a
	}
	out, err := exec.Command(path, "-dumpmachine").Output()
	a := ""
	if err == nil {
		a = tripletArch(strings.TrimSpace(string(out)))
	}
	targetsMem[path] = a
	return a
}

// tripletArch maps a GNU triplet's cpu to the kernel's SRCARCH.
func tripletArch(triplet string) string {
	cpu, _, _ := strings.Cut(triplet, "-")
	switch {
	case cpu == "x86_64" || len(cpu) == 4 && cpu[0] == 'i' && strings.HasSuffix(cpu, "86"):
		return "x86"
	case cpu == "aarch64" || cpu == "aarch64_be":
		return "arm64"
	case strings.HasPrefix(cpu, "powerpc") || strings.HasPrefix(cpu, "ppc"):
		return "powerpc"
	case strings.HasPrefix(cpu, "arm"):
		return "arm"
	case strings.HasPrefix(cpu, "riscv"):
		return "riscv"
	case strings.HasPrefix(cpu, "s390"):
		return "s390"
	case strings.HasPrefix(cpu, "mips"):
		return "mips"
	case strings.HasPrefix(cpu, "loongarch"):
		return "loongarch"
	}
	return cpu
}

// findCompiler chooses the compiler for arch: the one the compile
// database names, $CC, $CROSS_COMPILE's gcc, a cross gcc on PATH, the
// host gcc when it targets arch, else the host gcc emulating arch. A
// compiler for another target is passed over: a $CC left from an x86 build
// must not preprocess an arm64 tree.
func findCompiler(arch, dbCompiler string, getenv func(string) string) compiler {
	a := arches[arch]
	flags := commonFlags
	if a != nil {
		flags = a.flags
	}
	try := func(name string) string {
		if name == "" || strings.Contains(filepath.Base(name), "clang") {
			return "" // clang's -E differs in the GNU extensions prune relies on
		}
		p, err := lookPath(name)
		if err != nil || compilerArch(p) != arch {
			return ""
		}
		return p
	}
	if p := try(dbCompiler); p != "" {
		return compiler{path: p, flags: flags}
	}
	if f := strings.Fields(getenv("CC")); len(f) > 0 {
		name := f[0]
		if (name == "ccache" || name == "distcc") && len(f) > 1 {
			name = f[1]
		}
		if p := try(name); p != "" {
			return compiler{path: p, flags: flags}
		}
	}
	if cross := getenv("CROSS_COMPILE"); cross != "" {
		if p := try(cross + "gcc"); p != "" {
			return compiler{path: p, flags: flags}
		}
	}
	if p := try("gcc"); p != "" {
		return compiler{path: p, flags: flags}
	}
	if a != nil {
		for _, prefix := range a.cross {
			if p := try(prefix + "gcc"); p != "" {
				return compiler{path: p, flags: flags}
			}
		}
	}
	host, err := lookPath("gcc")
	if err != nil {
		return compiler{err: fmt.Errorf("no gcc")}
	}
	if a == nil {
		return compiler{err: fmt.Errorf("no compiler for architecture %s: set CROSS_COMPILE or CC, or install its cross gcc", arch)}
	}
	return compiler{path: host, emulate: true, flags: commonFlags}
}

// compilerMacros is a compiler's predefined macro set with the kernel's
// common flags.
func compilerMacros(c compiler) (string, error) {
	cmd := exec.Command(c.path, append(append([]string{"-std=gnu11"}, c.flags...), "-dM", "-E", "-")...)
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.Output()
	return string(out), err
}

// emulationMacros is the target's macro set for the host gcc run with
// -undef: the macros gcc keeps under -undef (the standard's) are left out,
// as redefining them is an error.
func emulationMacros(predefined string) string {
	var b strings.Builder
	for _, line := range strings.Split(predefined, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "#define" && strings.HasPrefix(f[1], "__STDC") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// predefFile writes the emulated target's macros once per parser, for gcc's
// -include.
type predefFile struct {
	once sync.Once
	path string
	err  error
}

func (p *Parser) predefPath() (string, error) {
	p.predef.once.Do(func() {
		f, err := os.CreateTemp("", "pcslint-predefined-*.h")
		if err != nil {
			p.predef.err = err
			return
		}
		if _, err := f.WriteString(emulationMacros(p.predefined)); err != nil {
			p.predef.err = err
		}
		if err := f.Close(); err != nil && p.predef.err == nil {
			p.predef.err = err
		}
		p.predef.path = f.Name()
	})
	return p.predef.path, p.predef.err
}

// Compiler returns the compiler gcc -E runs for the tree's files and the
// target options put before a file's flags (Flags); emulated is set when it
// is the host gcc standing in for a foreign target, which cannot check the
// target's code (tests compare pcslint's failures with the compiler's).
func (t *Tree) Compiler() (path string, flags []string, emulated bool, err error) {
	c := findCompiler(t.Arch, t.dbCompiler, os.Getenv)
	return c.path, c.flags, c.emulate, c.err
}
