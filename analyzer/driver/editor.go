package driver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// Workspace analyzes single files for an editor (pcslint lsp): each file
// of a kernel tree as the gate analyzes a touched file, with the unsaved
// text of the editor's buffers and the summaries of the .c files next to
// it. Trees are opened once and kept (opening a pristine tree builds its
// generated headers).
type Workspace struct {
	mu    sync.Mutex
	trees map[string]*cparse.Tree // by root
}

// NewWorkspace returns an empty workspace.
func NewWorkspace() *Workspace { return &Workspace{trees: map[string]*cparse.Tree{}} }

// Buffer is an editor's text of a file, saved or not.
type Buffer struct {
	Path string // absolute
	Text []byte
}

// CheckFile analyzes the .c file at path (absolute) with the editor's
// buffers in place of the files on disk (path's own among them, or the
// file on disk). The tree is the kernel tree above path, found as the
// command line finds it; outside of any, path is analyzed against
// pcslint's stub headers, with the locations relative to standaloneRoot
// (the editor's workspace folder; "" for path's directory).
//
// The report's locations are relative to its Root. A file that cannot be
// analyzed is in Report.Failed; the error is for a tree or configuration
// that cannot be read (a bad .pcslint.yaml).
func (w *Workspace) CheckFile(ctx context.Context, path string, buffers []Buffer, standaloneRoot string) (*report.Report, error) {
	tree, err := w.tree(filepath.Dir(path), standaloneRoot)
	if err != nil {
		return nil, err
	}
	cfgFile, err := model.LoadConfig(tree.Root)
	if err != nil {
		return nil, err
	}
	m, err := model.WithConfig(cfgFile, filepath.Join(tree.Root, model.ConfigName))
	if err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, d := range cfgFile.Disable {
		disabled[d] = true
	}
	ov := tree.Overlay().Clone()
	for _, b := range buffers {
		ov.Set(b.Path, b.Text)
	}
	memBudget := MemoryBudget()
	cfg := Config{
		Tree: tree.WithOverlay(ov), Files: []string{path}, Elsewhere: neighbours([]string{path}),
		Jobs: jobs(0, memBudget), MemoryBudget: memBudget,
		Analyzers: all.Analyzers(disabled), Meta: all.Meta(), Model: m,
	}
	if cfg.Cache = openUnitCache(Options{Stderr: io.Discard}, tree, cfgFile); cfg.Cache != nil {
		// the summaries of the tree's files a run of it left in the cache
		cfg.Elsewhere = cfg.Cache.treeFiles(tree, cfg.Files, cfg.Elsewhere)
	}
	rep, err := Run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	rep.ToolVersion = Version()
	return rep, nil
}

// tree is the tree of the files in dir: the kernel tree above it, or a
// standalone tree rooted at standaloneRoot (dir when "" or not above it).
func (w *Workspace) tree(dir, standaloneRoot string) (*cparse.Tree, error) {
	root, standalone := cparse.FindRoot(dir), false
	if root == "" {
		standalone = true
		root = dir
		if r, err := filepath.Rel(standaloneRoot, dir); standaloneRoot != "" && err == nil && !strings.HasPrefix(r, "..") {
			root = standaloneRoot
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	key := root
	if standalone {
		key = "standalone:" + root
	}
	if t := w.trees[key]; t != nil {
		return t, nil
	}
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("%s: %v", root, unwrapPathError(err))
	}
	t, err := openTree(root, Options{Standalone: standalone})
	if err != nil {
		return nil, err
	}
	w.trees[key] = t
	return t, nil
}
