package cparse

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed generated/*.h
var generatedFS embed.FS

//go:embed predefined_x86_64.h
var predefinedX86 string

// pristineFS holds, per architecture other than x86, what `make prepare`
// generates beyond the asm-generic wrappers (scripts/gen-pristine-arch.sh).
//
//go:embed pristine/*.tar.gz
var pristineFS embed.FS

// Overlay is an in-memory layer over the file system, keyed by absolute
// path: generated headers of a pristine tree and files changed by a patch.
// Paths it does not hold fall through to the disk (cc/v4 opens them itself).
type Overlay struct {
	mu    sync.RWMutex
	files map[string][]byte
	gone  map[string]bool // deleted by a patch
}

// NewOverlay returns an empty overlay.
func NewOverlay() *Overlay {
	return &Overlay{files: map[string][]byte{}, gone: map[string]bool{}}
}

// Set places content at the absolute path p.
func (o *Overlay) Set(p string, content []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	p = filepath.Clean(p)
	o.files[p] = content
	delete(o.gone, p)
}

// Delete hides the file at p.
func (o *Overlay) Delete(p string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	p = filepath.Clean(p)
	delete(o.files, p)
	o.gone[p] = true
}

// Clone copies the overlay, so a patched view can be layered on a base.
func (o *Overlay) Clone() *Overlay {
	o.mu.RLock()
	defer o.mu.RUnlock()
	c := NewOverlay()
	for k, v := range o.files {
		c.files[k] = v
	}
	for k := range o.gone {
		c.gone[k] = true
	}
	return c
}

// Get returns the overlay's content for p and whether it has one.
func (o *Overlay) Get(p string) ([]byte, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	b, ok := o.files[filepath.Clean(p)]
	return b, ok
}

// ReadFile reads p through the overlay.
func (o *Overlay) ReadFile(p string) ([]byte, error) {
	o.mu.RLock()
	b, ok := o.files[filepath.Clean(p)]
	gone := o.gone[filepath.Clean(p)]
	o.mu.RUnlock()
	if ok {
		return b, nil
	}
	if gone {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	return os.ReadFile(p)
}

// Size is the size of p through the overlay.
func (o *Overlay) Size(p string) (int64, error) {
	if b, ok := o.Get(p); ok {
		return int64(len(b)), nil
	}
	if _, gone := o.Has(p); gone {
		return 0, &fs.PathError{Op: "stat", Path: p, Err: fs.ErrNotExist}
	}
	st, err := os.Stat(p)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Open implements fs.FS for cc/v4: it serves overlay files and reports
// "not exist" for the rest, so that cc/v4 falls back to the disk.
func (o *Overlay) Open(name string) (fs.File, error) {
	p := filepath.Clean(filepath.FromSlash(name))
	o.mu.RLock()
	b, ok := o.files[p]
	gone := o.gone[p]
	o.mu.RUnlock()
	if !ok || gone {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), name: path.Base(name), size: int64(len(b))}, nil
}

// Has reports whether p is in the overlay; hidden reports a deletion.
func (o *Overlay) Has(p string) (has, hidden bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	p = filepath.Clean(p)
	_, has = o.files[p]
	return has, o.gone[p]
}

// Paths lists the overlay's files in order.
func (o *Overlay) Paths() []string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	var out []string
	for k := range o.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

var _ io.Reader = (*memFile)(nil)

// addPristineHeaders supplies what `make prepare` generates: asm wrapper
// headers from the Kbuild generic-y/mandatory-y lists, syscall number
// headers from the syscall tables, and fixed stubs (autoconf.h from pcslint's
// built-in x86_64 configuration, bounds.h, timeconst.h, ...).
func (o *Overlay) addPristineHeaders(root, arch string) error {
	archInc := filepath.Join(root, "arch", arch, "include")
	gen := filepath.Join(archInc, "generated")
	for _, w := range []struct{ kbuild, generic, own, out, prefix string }{
		{filepath.Join(archInc, "asm/Kbuild"), filepath.Join(root, "include/asm-generic/Kbuild"), filepath.Join(archInc, "asm"), filepath.Join(gen, "asm"), "asm-generic"},
		{filepath.Join(archInc, "uapi/asm/Kbuild"), filepath.Join(root, "include/uapi/asm-generic/Kbuild"), filepath.Join(archInc, "uapi/asm"), filepath.Join(gen, "uapi/asm"), "asm-generic"},
	} {
		names := kbuildList(w.kbuild, "generic-y")
		for _, m := range kbuildList(w.generic, "mandatory-y") {
			if !fileExists(filepath.Join(w.own, m)) {
				names = append(names, m)
			}
		}
		for _, n := range names {
			o.Set(filepath.Join(w.out, n), []byte(fmt.Sprintf("#include <%s/%s>\n", w.prefix, n)))
		}
	}
	if arch == "x86" {
		tbl := filepath.Join(root, "arch/x86/entry/syscalls")
		o.Set(filepath.Join(gen, "uapi/asm/unistd_64.h"), syscallHeader(filepath.Join(tbl, "syscall_64.tbl"), "_UAPI_ASM_UNISTD_64_H", map[string]bool{"common": true, "64": true}, ""))
		o.Set(filepath.Join(gen, "uapi/asm/unistd_x32.h"), syscallHeader(filepath.Join(tbl, "syscall_64.tbl"), "_UAPI_ASM_UNISTD_X32_H", map[string]bool{"common": true, "x32": true}, "__X32_SYSCALL_BIT + "))
		o.Set(filepath.Join(gen, "uapi/asm/unistd_32.h"), syscallHeader(filepath.Join(tbl, "syscall_32.tbl"), "_UAPI_ASM_UNISTD_32_H", map[string]bool{"i386": true}, ""))
		for _, n := range []string{"unistd_32_ia32.h", "unistd_64_x32.h", "syscalls_32.h", "syscalls_64.h", "syscalls_x32.h", "orc_hash.h", "xen-hypercalls.h"} {
			o.Set(filepath.Join(gen, "asm", n), []byte("/* pcslint: generated header stub */\n"))
		}
	}
	entries, err := generatedFS.ReadDir("generated")
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, _ := generatedFS.ReadFile("generated/" + e.Name())
		dst := filepath.Join(root, "include/generated", e.Name())
		if e.Name() == "version.h" {
			dst = filepath.Join(root, "include/generated/uapi/linux/version.h")
		}
		o.Set(dst, b)
	}
	if arch != "x86" {
		// the built-in x86_64 configuration and asm-offsets.h are replaced
		// by the architecture's
		return o.addArchGenerated(root, arch)
	}
	return nil
}

// addArchGenerated places the generated headers of arch's built-in
// configuration; an architecture pcslint has none for cannot be analyzed
// from a pristine tree (its sysreg or syscall headers would be missing).
func (o *Overlay) addArchGenerated(root, arch string) error {
	f, err := pristineFS.Open("pristine/" + arch + ".tar.gz")
	if err != nil {
		return fmt.Errorf("no built-in configuration for %s: configure the tree (make ARCH=%s defconfig prepare)", arch, arch)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		o.Set(filepath.Join(root, filepath.FromSlash(h.Name)), b)
	}
}

// kbuildList reads the names of a Kbuild variable (`generic-y += x.h`).
func kbuildList(file, variable string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 3 && fields[0] == variable && (fields[1] == "+=" || fields[1] == ":=") {
			out = append(out, fields[2:]...)
		}
	}
	return out
}

// syscallHeader writes __NR_ constants from a syscall table.
func syscallHeader(tbl, guard string, abis map[string]bool, offset string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "#ifndef %s\n#define %s\n", guard, guard)
	if f, err := os.Open(tbl); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 3 || strings.HasPrefix(fields[0], "#") || !abis[fields[1]] {
				continue
			}
			if offset != "" {
				fmt.Fprintf(&b, "#define __NR_%s (%s%s)\n", fields[2], offset, fields[0])
			} else {
				fmt.Fprintf(&b, "#define __NR_%s %s\n", fields[2], fields[0])
			}
		}
		f.Close()
	}
	fmt.Fprintf(&b, "#endif\n")
	return b.Bytes()
}
