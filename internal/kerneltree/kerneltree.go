// Package kerneltree gives tests and benchmarks the real corpus: Debian's
// linux-source-6.12, unpacked (and optionally configured) by
// scripts/kernel-tree.sh into a cache outside the repository.
package kerneltree

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	cache = map[string]result{}
)

type result struct {
	path string
	err  error
}

// Get returns the tree of the variant ("pristine" or "configured"),
// preparing it on first use; it skips tb when the tree cannot be had.
func Get(tb testing.TB, variant string) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("kernel tree: skipped in -short mode")
	}
	p, err := Path(variant)
	if err != nil {
		tb.Skipf("kernel tree (%s) unavailable, integration test skipped: %v", variant, err)
	}
	return p
}

// GetPrepared is Get for a tree that takes long to make (the powerpc
// one): it skips tb unless scripts/kernel-tree.sh already made it.
func GetPrepared(tb testing.TB, variant string) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("kernel tree: skipped in -short mode")
	}
	mu.Lock()
	r, ok := cache[variant]
	mu.Unlock()
	if !ok || r.err != nil {
		if r := prepare(variant, "PCSLINT_KERNEL_PREPARED_ONLY=1"); r.err != nil {
			tb.Skipf("kernel tree (%s) not prepared, integration test skipped (scripts/kernel-tree.sh %s makes it): %v", variant, variant, r.err)
		}
	}
	return Get(tb, variant)
}

// Path prepares the variant and returns its root.
func Path(variant string) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if r, ok := cache[variant]; ok {
		return r.path, r.err
	}
	r := prepare(variant)
	cache[variant] = r
	return r.path, r.err
}

func prepare(variant string, env ...string) result {
	script, err := scriptPath()
	if err != nil {
		return result{err: err}
	}
	cmd := exec.Command("bash", script, variant)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		return result{err: errors.New(err.Error() + ": " + msg)}
	}
	p := strings.TrimSpace(out.String())
	if _, err := os.Stat(filepath.Join(p, "Makefile")); err != nil {
		return result{err: errors.New("script printed no tree: " + p)}
	}
	return result{path: p}
}

func scriptPath() (string, error) {
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "scripts", "kernel-tree.sh")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("scripts/kernel-tree.sh not found above the test directory")
		}
		dir = parent
	}
}
