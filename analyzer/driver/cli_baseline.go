package driver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pcslint/pcslint/analyzer/gate"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
)

// gateModes refuses two gate modes at once: each reads the changes its own
// way, and one of them would be silently ignored.
func gateModes(o Options) error {
	var given []string
	if len(o.Patches) > 0 {
		given = append(given, "--patch")
	}
	if o.DiffRev != "" {
		given = append(given, "--diff")
	}
	if o.Range != "" {
		given = append(given, "--range")
	}
	if len(given) > 1 {
		return usage("%s are different gate modes: give one", strings.Join(given, " and "))
	}
	stdin := 0
	for _, p := range o.Patches {
		if p == stdinPatch {
			stdin++
		}
	}
	if stdin > 1 {
		return usage("--patch - given %d times: standard input is read once", stdin)
	}
	return nil
}

// runGate analyzes what --patch files, --diff REV or --range A..B
// introduce.
func runGate(ctx context.Context, cfg Config, o Options) (*report.Report, error) {
	tree := cfg.Tree
	warned := map[string]bool{}
	run := func(ctx context.Context, ov *cparse.Overlay, files []string) (*report.Report, error) {
		c := cfg
		c.Tree = tree.WithOverlay(ov)
		c.Files = files
		c.Elsewhere = neighbours(files)
		c.Progress = nil
		rep, err := Run(ctx, c)
		if err == nil {
			warnIgnores(o.Stderr, c.Tree, rep, warned)
		}
		return rep, err
	}
	if o.DiffRev != "" {
		p, before, err := gate.DiffFiles(ctx, tree.Root, o.DiffRev, tree.Overlay())
		if err != nil {
			return nil, usage("%v", err)
		}
		return gate.Gate(ctx, tree.Root, before, []*gate.Patch{p}, run)
	}
	base := tree.Overlay()
	var patches []*gate.Patch
	if o.Range != "" {
		ps, before, err := gate.RangePatches(ctx, tree.Root, o.Range, base)
		if err != nil {
			return nil, usage("%v", err)
		}
		patches, base = ps, before
	}
	for _, f := range o.Patches {
		var ps []*gate.Patch
		var err error
		if f == stdinPatch {
			ps, err = readStdinPatches(o.Stdin)
		} else {
			ps, err = gate.ReadPatches(f)
		}
		if err != nil {
			return nil, usage("%v", err)
		}
		patches = append(patches, ps...)
	}
	rep, err := gate.Gate(ctx, tree.Root, base, patches, run)
	if err != nil {
		if strings.Contains(err.Error(), "does not apply") || strings.Contains(err.Error(), "patch") {
			return nil, usage("%v", err)
		}
		return nil, err
	}
	return rep, nil
}

func readStdinPatches(stdin io.Reader) ([]*gate.Patch, error) {
	if stdin == nil {
		return nil, errors.New("--patch -: no standard input")
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		return nil, fmt.Errorf("--patch -: reading standard input: %v", err)
	}
	return gate.ParsePatches(data, "<stdin>")
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
func gateFailed(rep *report.Report) error {
	if len(rep.Failed) == 0 {
		return nil
	}
	var names []string
	for _, f := range rep.Failed {
		names = append(names, filepath.ToSlash(f.File))
	}
	return fmt.Errorf("gate: %d touched file(s) could not be analyzed: %s", len(rep.Failed), strings.Join(names, ", "))
}

// stdinPatch is the --patch argument that reads standard input.
const stdinPatch = "-"
