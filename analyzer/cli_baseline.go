package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pcslint/pcslint/cparse"
)

func applyBaselineFile(rep *Report, path string) error {
	base, err := ReadBaseline(path)
	if err != nil {
		return usage("--baseline %s: %v", path, err)
	}
	ApplyBaseline(rep, base)
	return nil
}

// runGate analyzes what --patch files or --diff REV introduce.
func runGate(ctx context.Context, cfg Config, o Options) (*Report, error) {
	tree := cfg.Tree
	run := func(ctx context.Context, ov *cparse.Overlay, files []string) (*Report, error) {
		c := cfg
		c.Tree = tree.WithOverlay(ov)
		c.Files = files
		c.Elsewhere = neighbours(files)
		c.Progress = nil
		return Run(ctx, c)
	}
	if o.DiffRev != "" {
		p, before, err := DiffFiles(ctx, tree.Root, o.DiffRev, tree.Overlay())
		if err != nil {
			return nil, usage("%v", err)
		}
		return Gate(ctx, tree.Root, before, []*Patch{p}, run)
	}
	var patches []*Patch
	for _, f := range o.Patches {
		ps, err := ReadPatches(f)
		if err != nil {
			return nil, usage("%v", err)
		}
		patches = append(patches, ps...)
	}
	rep, err := Gate(ctx, tree.Root, tree.Overlay(), patches, run)
	if err != nil {
		if strings.Contains(err.Error(), "does not apply") || strings.Contains(err.Error(), "patch") {
			return nil, usage("%v", err)
		}
		return nil, err
	}
	return rep, nil
}

// neighbours lists the other .c files of the files' directories and of
// their parents: a driver's wrappers live next to its callers (or one
// level up: mt76/eeprom.c for mt76/mt7921/), and a gate that read only
// the patched files would miss what goes through them. Run parses only
// those defining a function the patched files call.
func neighbours(files []string) []string {
	in := map[string]bool{}
	for _, f := range files {
		in[f] = true
	}
	dirs := map[string]bool{}
	for _, f := range files {
		d := filepath.Dir(f)
		dirs[d] = true
		dirs[filepath.Dir(d)] = true
	}
	var out []string
	for d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p := filepath.Join(d, e.Name())
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".c") && !in[p] {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// gateFailed reports touched files that could not be analyzed: a gate
// must not pass silently on them.
func gateFailed(rep *Report) error {
	if len(rep.Failed) == 0 {
		return nil
	}
	var names []string
	for _, f := range rep.Failed {
		names = append(names, filepath.ToSlash(f.File))
	}
	return fmt.Errorf("gate: %d touched file(s) could not be analyzed: %s", len(rep.Failed), strings.Join(names, ", "))
}
