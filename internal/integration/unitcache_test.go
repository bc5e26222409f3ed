package integration

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/kerneltree"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// cacheRun analyzes files of tree with uc (nil: no cache) and returns the
// JSON report and the report.
func cacheRun(t *testing.T, tree *cparse.Tree, files []string, uc *driver.UnitCache) ([]byte, *report.Report) {
	t.Helper()
	rep, err := driver.Run(context.Background(), driver.Config{Tree: tree, Files: files, Jobs: 2,
		Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Cache: uc})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), rep
}

func configuredFiles(t *testing.T, dirs ...string) (*cparse.Tree, []string) {
	t.Helper()
	root := kerneltree.Get(t, "configured")
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range dirs {
		paths = append(paths, filepath.Join(root, d))
	}
	files, err := driver.CollectFiles(root, paths)
	if err != nil {
		t.Fatal(err)
	}
	return tree, files
}

// On real directories of the configured tree, the cache changes no byte
// of the report: filled, warm, after a .c file and after a header some of
// the units include changed (through the tree's overlay: the tree is not
// written), and it serves every unit whose inputs did not change.
func TestUnitCacheOnKernelTree(t *testing.T) {
	tree, files := configuredFiles(t, "drivers/net/pcs", "drivers/net/mdio")
	dir := t.TempDir()
	step := func(name string, tree *cparse.Tree, minHits, maxHits int64) {
		t.Helper()
		want, _ := cacheRun(t, tree, files, nil)
		uc, err := driver.OpenUnitCache(dir, "integration test")
		if err != nil {
			t.Fatal(err)
		}
		got, rep := cacheRun(t, tree, files, uc)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: report differs from a run without the cache:\n%s\nwant\n%s", name, got, want)
		}
		hits := uc.Hits.Load()
		t.Logf("%s: %d of %d units served, %d checked again, %d entries written", name, hits, len(files), rep.Rechecked, uc.Puts.Load())
		if hits < minHits || hits > maxHits {
			t.Errorf("%s: %d units served from the cache, want %d to %d", name, hits, minHits, maxHits)
		}
	}
	n := int64(len(files))
	failed := func() int64 {
		_, rep := cacheRun(t, tree, files, nil)
		return int64(len(rep.Failed) + len(rep.Degraded))
	}()
	step("cold", tree, 0, 0)
	step("warm", tree, n-failed, n)
	root := tree.Root
	xpcs := filepath.Join(root, "drivers/net/pcs/pcs-xpcs.c")
	src, err := os.ReadFile(xpcs)
	if err != nil {
		t.Fatal(err)
	}
	ov := tree.Overlay().Clone()
	ov.Set(xpcs, append(src, "\n/* touched */\n"...))
	step("a .c file changed", tree.WithOverlay(ov), n-failed-1, n-1)
	hdr := filepath.Join(root, "include/linux/pcs/pcs-xpcs.h")
	h, err := os.ReadFile(hdr)
	if err != nil {
		t.Fatal(err)
	}
	ov = tree.Overlay().Clone()
	ov.Set(hdr, append(h, "\n/* touched */\n"...))
	// its includers in these directories: pcs-xpcs*.c
	step("a header changed", tree.WithOverlay(ov), n-failed-6, n-2)
}

// Shards that share a cache, then one run over all their files with it,
// report exactly what one run does: the merging run re-checks only the
// units whose answers the whole table changes (docs/performance.md).
//
// By default on drivers/net/pcs and drivers/net/mdio (the merge's exactness
// does not depend on the size, and .ci/run has 20 minutes);
// PCSLINT_SHARDS_FULL=1 runs it on drivers/net and drivers/phy, the
// acceptance measurement of docs/performance.md.
func TestShardsMergedEqualOneRun(t *testing.T) {
	scanned := []string{"drivers/net/pcs", "drivers/net/mdio"}
	if os.Getenv("PCSLINT_SHARDS_FULL") != "" {
		scanned = []string{"drivers/net", "drivers/phy"}
	}
	tree, files := configuredFiles(t, scanned...)
	want, _ := cacheRun(t, tree, files, nil)
	dirs := make([]string, 4)
	for i := range dirs {
		// a cache of its own per shard, as CI jobs have
		dirs[i] = t.TempDir()
		uc, err := driver.OpenUnitCache(dirs[i], "integration test")
		if err != nil {
			t.Fatal(err)
		}
		cacheRun(t, tree, driver.Shard(files, i+1, 4), uc)
	}
	merged := t.TempDir()
	for _, d := range dirs {
		if err := driver.ImportCache(merged, d); err != nil {
			t.Fatal(err)
		}
	}
	uc, err := driver.OpenUnitCache(merged, "integration test")
	if err != nil {
		t.Fatal(err)
	}
	got, rep := cacheRun(t, tree, files, uc)
	t.Logf("merge: %d of %d units served, %d checked again", uc.Hits.Load(), len(files), rep.Rechecked)
	if !bytes.Equal(got, want) {
		t.Errorf("4 shards merged differ from one run:\n%s\nwant\n%s", got, want)
	}
	if uc.Hits.Load() == 0 {
		t.Error("the merging run served no unit from the shards' caches")
	}
}
