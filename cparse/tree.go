package cparse

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/shlex"
)

// TreeKind says how much of a kernel build a tree has, which decides where
// compile flags come from.
type TreeKind int

const (
	// Standalone: no kernel tree; files are parsed against pcslint's
	// embedded stub headers (fixtures, a few files on their own).
	Standalone TreeKind = iota
	// Pristine: a kernel source tree with no configuration; pcslint
	// supplies the generated headers in memory.
	Pristine
	// Configured: include/generated/autoconf.h exists (make prepare ran).
	Configured
	// Built: a compile_commands.json gives each file's exact flags.
	Built
)

func (k TreeKind) String() string {
	return [...]string{"standalone", "pristine", "configured", "built"}[k]
}

// Tree is a kernel source tree (or the standalone pseudo-tree) and the
// knowledge needed to compile one of its files.
type Tree struct {
	Root string // absolute; for Standalone the common directory of the inputs
	Kind TreeKind
	Arch string // SRCARCH: "x86", "arm64", "powerpc", ...

	db         map[string][]string // absolute file -> compiler arguments
	dbCompiler string              // the compiler the compile database runs
	overlay    *Overlay
	kb         *kbuildCache
}

// FindRoot walks up from dir to the directory holding Kbuild, Makefile and
// include/linux/; it returns "" when there is none.
func FindRoot(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if isKernelRoot(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isKernelRoot(dir string) bool {
	for _, p := range []string{"Kbuild", "Makefile", "include/linux"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			return false
		}
	}
	return true
}

// OpenTree prepares a kernel tree rooted at root. compileCommands may be ""
// (then root/compile_commands.json is used when present). The architecture
// is the one the tree was configured for, the host's for a pristine tree.
func OpenTree(root, compileCommands string) (*Tree, error) {
	return OpenTreeArch(root, compileCommands, "")
}

// OpenTreeArch is OpenTree for the architecture arch (a SRCARCH; "": the
// configured one, else the host's). A configured tree is analyzed only for
// the architecture it was configured for: its generated headers are that
// architecture's.
func OpenTreeArch(root, compileCommands, arch string) (*Tree, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	t := &Tree{Root: root, overlay: NewOverlay(), kb: &kbuildCache{}}
	if compileCommands == "" {
		if p := filepath.Join(root, "compile_commands.json"); fileExists(p) {
			compileCommands = p
		}
	}
	switch {
	case compileCommands != "":
		db, compiler, err := readCompileDB(root, compileCommands)
		if err != nil {
			return nil, err
		}
		t.db, t.dbCompiler = db, compiler
		t.Kind = Built
	case fileExists(filepath.Join(root, "include/generated/autoconf.h")):
		t.Kind = Configured
	default:
		t.Kind = Pristine
	}
	t.Arch = HostArch()
	if t.Kind != Pristine {
		if configured := DetectArch(root); configured != "" {
			if arch != "" && arch != configured {
				return nil, fmt.Errorf("%s is configured for %s, not %s (--arch chooses the architecture of a pristine tree)", root, configured, arch)
			}
			t.Arch = configured
		}
	}
	if arch != "" {
		t.Arch = arch
	}
	if arch != "" && !isDir(filepath.Join(root, "arch", t.Arch, "include")) {
		return nil, fmt.Errorf("%s has no arch/%s/include: not an architecture of this tree", root, t.Arch)
	}
	if t.Kind == Pristine {
		if err := t.overlay.addPristineHeaders(root, t.Arch); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// StandaloneTree parses files against the embedded stub headers.
func StandaloneTree(root string) *Tree {
	abs, _ := filepath.Abs(root)
	return &Tree{Root: abs, Kind: Standalone, Arch: "x86", overlay: NewOverlay(), kb: &kbuildCache{}}
}

// Overlay returns the in-memory file layer of the tree (generated headers,
// patched files); it is never written to disk.
func (t *Tree) Overlay() *Overlay { return t.overlay }

// Rel returns path relative to the tree root, slash separated.
func (t *Tree) Rel(path string) string {
	if r, err := filepath.Rel(t.Root, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// DBFiles lists the files of the compile database.
func (t *Tree) DBFiles() []string {
	var out []string
	for f := range t.db {
		out = append(out, f)
	}
	return out
}

// Flags returns the compiler arguments used for the file at abs path.
func (t *Tree) Flags(abs string) ([]string, error) {
	if args, ok := t.db[abs]; ok {
		return args, nil // a compile database's, or WithUnitFlags'
	}
	switch t.Kind {
	case Built:
		if args, ok := t.db[abs]; ok {
			return args, nil
		}
		// Not compiled in this configuration: fall back to kbuild's flags.
		return t.kbuildFlags(abs), nil
	case Configured, Pristine:
		return t.kbuildFlags(abs), nil
	default:
		return []string{"-nostdinc", "-I" + filepath.Dir(abs), "-std=gnu11", "-D__KERNEL__"}, nil
	}
}

// kbuildFlags is kbuild's flag set for one object (read from `make V=1` of
// drivers/net/phy/mdio_device.o on x86_64 6.12); only the options that change
// what the preprocessor and parser see are kept.
func (t *Tree) kbuildFlags(abs string) []string {
	arch := "./arch/" + t.Arch
	base := strings.TrimSuffix(filepath.Base(abs), ".c")
	mod := strings.ReplaceAll(base, "-", "_")
	flags := []string{
		"-nostdinc",
		"-I" + arch + "/include",
		"-I" + arch + "/include/generated",
		"-I./include",
		"-I" + arch + "/include/uapi",
		"-I" + arch + "/include/generated/uapi",
		"-I./include/uapi",
		"-I./include/generated/uapi",
		"-include", "./include/linux/compiler-version.h",
		"-include", "./include/linux/kconfig.h",
		"-include", "./include/linux/compiler_types.h",
		"-D__KERNEL__",
		"-std=gnu11",
		"-DKBUILD_MODFILE=\"" + t.Rel(strings.TrimSuffix(abs, ".c")) + "\"",
		"-DKBUILD_BASENAME=\"" + mod + "\"",
		"-DKBUILD_MODNAME=\"" + mod + "\"",
		"-D__KBUILD_MODNAME=kmod_" + mod,
		"-I" + filepath.Dir(abs),
	}
	return append(flags, t.dirFlags(abs)...)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

type compileEntry struct {
	Directory string   `json:"directory"`
	File      string   `json:"file"`
	Command   string   `json:"command"`
	Arguments []string `json:"arguments"`
}

// readCompileDB reads compile_commands.json; entries must stay inside root.
// It also returns the compiler of the first entry.
func readCompileDB(root, path string) (map[string][]string, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("compile database: %w", err)
	}
	var entries []compileEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, "", fmt.Errorf("compile database %s: invalid JSON: %v", path, err)
	}
	db := make(map[string][]string, len(entries))
	compiler := ""
	for i, e := range entries {
		if e.File == "" || e.Directory == "" {
			return nil, "", fmt.Errorf("compile database %s: entry %d lacks file or directory", path, i)
		}
		file := e.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(e.Directory, file)
		}
		file = filepath.Clean(file)
		if r, err := filepath.Rel(root, file); err != nil || strings.HasPrefix(r, "..") {
			return nil, "", fmt.Errorf("compile database %s: entry %d (%s) points outside the tree %s", path, i, e.File, root)
		}
		args := e.Arguments
		if len(args) == 0 {
			args, err = shlex.Split(e.Command)
			if err != nil {
				return nil, "", fmt.Errorf("compile database %s: entry %d: %v", path, i, err)
			}
		}
		if len(args) == 0 {
			return nil, "", fmt.Errorf("compile database %s: entry %d has no command", path, i)
		}
		if compiler == "" {
			compiler = args[0]
		}
		db[file] = withoutInput(absolutize(args[1:], e.Directory), file, e.Directory)
	}
	return db, compiler, nil
}

// withoutInput drops the source file from a compile command's arguments:
// gcc -E is given the unit itself, and would otherwise preprocess it twice,
// doubling every definition and finding.
func withoutInput(args []string, file, dir string) []string {
	out := args[:0:0]
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && filepath.Clean(joinIfRel(dir, a)) == file {
			continue
		}
		out = append(out, a)
	}
	return out
}

// absolutize rewrites relative include paths against dir.
func absolutize(args []string, dir string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		for _, p := range []string{"-I", "-include", "-isystem", "-iquote", "-idirafter"} {
			if a == p && i+1 < len(args) {
				out = append(out, a)
				i++
				a = joinIfRel(dir, args[i])
				break
			}
			if strings.HasPrefix(a, p) && len(a) > len(p) && p != "-include" {
				a = p + joinIfRel(dir, a[len(p):])
				break
			}
		}
		out = append(out, a)
	}
	return out
}

func joinIfRel(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// unitOptions is what the preprocessor needs from a compiler command line.
type unitOptions struct {
	quote, system []string // -iquote, -I/-isystem
	after         []string // -idirafter: searched after the system directories
	includes      []string // -include files, in order
	macros        strings.Builder
	std           string
}

// parseFlags extracts preprocessor options; relative paths resolve against
// the tree root, as kbuild runs the compiler there.
func parseFlags(args []string, root string) *unitOptions {
	o := &unitOptions{std: "gnu11"}
	next := func(i *int) string {
		if *i+1 < len(args) {
			*i++
			return args[*i]
		}
		return ""
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-I" || a == "-isystem":
			o.system = append(o.system, joinIfRel(root, next(&i)))
		case a == "-iquote":
			o.quote = append(o.quote, joinIfRel(root, next(&i)))
		case a == "-idirafter":
			o.after = append(o.after, joinIfRel(root, next(&i)))
		case strings.HasPrefix(a, "-idirafter"):
			o.after = append(o.after, joinIfRel(root, a[len("-idirafter"):]))
		case a == "-include":
			o.includes = append(o.includes, joinIfRel(root, next(&i)))
		case a == "-D":
			o.define(next(&i))
		case a == "-U":
			fmt.Fprintf(&o.macros, "#undef %s\n", next(&i))
		case strings.HasPrefix(a, "-I"):
			o.system = append(o.system, joinIfRel(root, a[2:]))
		case strings.HasPrefix(a, "-isystem"):
			o.system = append(o.system, joinIfRel(root, a[len("-isystem"):]))
		case strings.HasPrefix(a, "-D"):
			o.define(a[2:])
		case strings.HasPrefix(a, "-U"):
			fmt.Fprintf(&o.macros, "#undef %s\n", a[2:])
		case strings.HasPrefix(a, "-std="):
			o.std = a[len("-std="):]
		case a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ" || a == "-x":
			i++
		}
	}
	return o
}

func (o *unitOptions) define(d string) {
	name, val, ok := strings.Cut(d, "=")
	if !ok {
		val = "1"
	}
	fmt.Fprintf(&o.macros, "#define %s %s\n", name, val)
}

// WithOverlay returns a copy of the tree that reads files through ov (a
// patched view); the original is untouched.
func (t *Tree) WithOverlay(ov *Overlay) *Tree {
	c := *t
	c.overlay = ov
	return &c
}

// WithUnitFlags returns a copy of the tree that compiles the file at abs
// with args: a compiler's options without the compiler and the file, as
// kbuild passes its c_flags to `make C=1 CHECK=...`; relative paths in them
// resolve against dir, where they were meant. The other files keep the
// tree's flags.
func (t *Tree) WithUnitFlags(abs string, args []string, dir string) *Tree {
	c := *t
	c.db = make(map[string][]string, len(t.db)+1)
	for f, a := range t.db {
		c.db[f] = a
	}
	c.db[abs] = absolutize(args, dir)
	return &c
}
