package cparse

import (
	"github.com/google/shlex"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Per-directory compiler flags of kbuild: `ccflags-y`, `subdir-ccflags-y`
// (inherited by subdirectories) and `CFLAGS_file.o`, read from the Makefiles
// and reduced to the -I, -D and -U options. Only unconditional (`-y`)
// assignments are used; make's variables are expanded for $(srctree),
// $(src), $(obj) and the Makefile's own simple assignments.

type makefileFlags struct {
	ccflags   []string
	subdir    []string
	perObject map[string][]string // "foo.o" or "sub/foo.o" -> flags
	exists    bool                // the directory has a Makefile or Kbuild
}

type kbuildCache struct {
	mu    sync.Mutex
	files map[string]*makefileFlags
}

var (
	assignRe = regexp.MustCompile(`^\s*([A-Za-z0-9_./$()-]+)\s*(:=|\+=|\?=|=)\s*(.*)$`)
	varRe    = regexp.MustCompile(`\$\(([A-Za-z0-9_]+)\)`)
)

// readMakefile parses dir/Makefile (or Kbuild).
func (t *Tree) readMakefile(dir string) *makefileFlags {
	t.kb.mu.Lock()
	defer t.kb.mu.Unlock()
	if t.kb.files == nil {
		t.kb.files = map[string]*makefileFlags{}
	}
	if mf, ok := t.kb.files[dir]; ok {
		return mf
	}
	mf := &makefileFlags{perObject: map[string][]string{}}
	t.kb.files[dir] = mf
	var data []byte
	for _, name := range []string{"Kbuild", "Makefile"} {
		if b, err := t.overlay.ReadFile(filepath.Join(dir, name)); err == nil {
			data = b
			break
		}
	}
	if data == nil {
		return mf
	}
	mf.exists = true
	vars := map[string]string{"srctree": t.Root, "src": dir, "obj": dir}
	expand := func(s string) string {
		for i := 0; i < 4 && strings.Contains(s, "$("); i++ {
			s = varRe.ReplaceAllStringFunc(s, func(m string) string {
				return vars[varRe.FindStringSubmatch(m)[1]]
			})
		}
		return s
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		m := assignRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name, op, val := m[1], m[2], expand(m[3])
		switch {
		case name == "ccflags-y" || name == "EXTRA_CFLAGS":
			mf.ccflags = appendFlags(mf.ccflags, op, val, dir)
		case name == "subdir-ccflags-y":
			mf.subdir = appendFlags(mf.subdir, op, val, dir)
		case strings.HasPrefix(name, "CFLAGS_") && strings.HasSuffix(name, ".o"):
			obj := strings.TrimPrefix(name, "CFLAGS_")
			mf.perObject[obj] = appendFlags(mf.perObject[obj], op, val, dir)
		case !strings.ContainsAny(name, "$()-."):
			if op == "+=" {
				vars[name] += " " + val
			} else if op != "?=" || vars[name] == "" {
				vars[name] = val
			}
		}
	}
	return mf
}

// appendFlags keeps the preprocessor options of a flags value.
func appendFlags(cur []string, op, val, dir string) []string {
	if op == ":=" || op == "=" {
		cur = nil
	}
	// make hands the value to the shell: -D'pr_fmt(fmt)=KBUILD_MODNAME ": " fmt'
	fields, err := shlex.Split(val)
	if err != nil {
		fields = strings.Fields(val)
	}
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		switch {
		case f == "-I" && i+1 < len(fields):
			i++
			cur = append(cur, "-I"+joinIfRel(dir, fields[i]))
		case strings.HasPrefix(f, "-I"):
			cur = append(cur, "-I"+joinIfRel(dir, f[2:]))
		case strings.HasPrefix(f, "-D") || strings.HasPrefix(f, "-U"):
			cur = append(cur, f)
		}
	}
	return cur
}

// dirFlags returns the Makefile flags that apply to the file at abs.
func (t *Tree) dirFlags(abs string) []string {
	dir := filepath.Dir(abs)
	var out []string
	// subdir-ccflags-y of every ancestor below the root, outermost first
	var ancestors []string
	for d := filepath.Dir(dir); strings.HasPrefix(d, t.Root) && d != t.Root; d = filepath.Dir(d) {
		ancestors = append(ancestors, d)
	}
	for i := len(ancestors) - 1; i >= 0; i-- {
		out = append(out, t.readMakefile(ancestors[i]).subdir...)
	}
	mf := t.readMakefile(dir)
	out = append(out, mf.subdir...)
	obj := strings.TrimSuffix(filepath.Base(abs), ".c") + ".o"
	// a directory without a Makefile has its objects built by an
	// ancestor's (obj-y += sub/foo.o), with that Makefile's ccflags-y
	for owner := dir; !mf.exists && strings.HasPrefix(filepath.Dir(owner), t.Root) && owner != t.Root; {
		owner = filepath.Dir(owner)
		mf = t.readMakefile(owner)
		rel, _ := filepath.Rel(owner, abs)
		obj = strings.TrimSuffix(rel, ".c") + ".o"
	}
	out = append(out, mf.ccflags...)
	out = append(out, mf.perObject[obj]...)
	return out
}
