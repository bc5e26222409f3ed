package driver

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// cacheTree copies testdata/cachetree to a temporary directory with a
// compile database (gcc -E then reports every header a unit reads).
func cacheTree(t *testing.T) (root string, files []string) {
	t.Helper()
	root = t.TempDir()
	var db []map[string]any
	err := filepath.WalkDir("testdata/cachetree", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/cachetree", path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".c") {
			files = append(files, dst)
			db = append(db, map[string]any{"directory": root, "file": dst, "arguments": []string{"gcc", "-c", "-Iinclude", "-o", "x.o", dst}})
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(db)
	if err := os.WriteFile(filepath.Join(root, "compile_commands.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return root, files
}

// runTree runs every rule on files of the tree at root, with uc (nil: no
// cache), and returns the JSON report.
func runTree(t *testing.T, root string, files []string, uc *UnitCache) []byte {
	t.Helper()
	return runTreeFailing(t, root, files, uc, false)
}

// runTreeFailing is runTree where files may fail when failing is set.
func runTreeFailing(t *testing.T, root string, files []string, uc *UnitCache, failing bool) []byte {
	t.Helper()
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{Tree: tree, Files: files, Jobs: 2, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Cache: uc})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failed) > 0 && !failing {
		t.Fatalf("failed: %v", rep.Failed)
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func openTestCache(t *testing.T, dir string) *UnitCache {
	t.Helper()
	uc, err := OpenUnitCache(dir, "test build")
	if err != nil {
		t.Fatal(err)
	}
	return uc
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The cache changes no byte of a report: cold, warm, after a .c file
// changed (its callers' answers change) and after a header changed (its
// includers are redone); and it serves exactly the units it may.
func TestUnitCacheEqualsColdRun(t *testing.T) {
	root, files := cacheTree(t)
	dir := t.TempDir()
	step := func(name string, wantHits int64) {
		t.Helper()
		want := runTree(t, root, files, nil)
		uc := openTestCache(t, dir)
		got := runTree(t, root, files, uc)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the cached run's report differs from a cold run's:\n%s\nwant\n%s", name, got, want)
		}
		if wantHits >= 0 && uc.Hits.Load() != wantHits {
			t.Errorf("%s: %d units served from the cache, want %d", name, uc.Hits.Load(), wantHits)
		}
	}
	cold := runTree(t, root, files, nil)
	for _, want := range []string{"consumer.c", "leaf.c", "late.c"} {
		if !bytes.Contains(cold, []byte(`"file": "drivers/x/`+want+`"`)) {
			t.Fatalf("the fixture's findings lack %s:\n%s", want, cold)
		}
	}
	n := int64(len(files))
	step("cold", 0)
	step("warm", n)
	// the wrapper no longer returns a held reference: consumer.c and
	// late.c lose their leak though their own entries are valid
	edit(t, filepath.Join(root, "drivers/x/provider.c"), "return PARENT_OF(np);", "return np;")
	step("provider changed", n-1)
	step("provider changed, warm", n)
	edit(t, filepath.Join(root, "drivers/x/provider.c"), "return np;", "return PARENT_OF(np);")
	// the cache is content-addressed: the old entry serves again
	step("provider back", n)
	// a header three units include (through of.h); the prescan's index
	// changes with it, so the skipped units are redone too
	edit(t, filepath.Join(root, "include/linux/helper.h"), "of_get_parent(np)", "((struct device_node *)(np))")
	step("header changed", -1)
	step("header changed, warm", n)
	edit(t, filepath.Join(root, "include/linux/helper.h"), "((struct device_node *)(np))", "of_get_parent(np)")
	// one entry a unit source: the header's earlier version is not kept
	step("header back", -1)
	step("header back, warm", n)
	// a comment in the header: the two units gcc preprocessed with it are
	// redone; consumer.c, skipped by the prescan, depends on the shared
	// header only through the macro index, which this leaves unchanged
	// (its late check, through the header, is redone)
	edit(t, filepath.Join(root, "include/linux/helper.h"), "/* the header", "/* The header")
	step("header comment", n-2)
}

// Damaged entries are never trusted: every file of the cache truncated,
// then every byte flipped, the report stays a cold run's and the entries
// are rebuilt.
func TestUnitCacheDamagedEntries(t *testing.T) {
	root, files := cacheTree(t)
	dir := t.TempDir()
	want := runTree(t, root, files, nil)
	runTree(t, root, files, openTestCache(t, dir))
	damage := func(f func([]byte) []byte) int {
		n := 0
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, "-a") && !strings.HasSuffix(path, "-d") {
				return err
			}
			b, _ := os.ReadFile(path)
			n++
			return os.WriteFile(path, f(b), 0o644)
		})
		return n
	}
	for _, tc := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"flipped", func(b []byte) []byte {
			for i := range b {
				b[i] ^= 0x55
			}
			return b
		}},
		{"json damaged", nil},
	} {
		if tc.f == nil {
			// sound store entries holding values that are not: a cut gzip
			// stream, bad JSON, an entry naming no input, one whose input
			// hash is wrong
			uc := openTestCache(t, dir)
			tree, _ := cparse.OpenTree(root, "")
			p, err := cparse.NewParser(tree, nil)
			if err != nil {
				t.Fatal(err)
			}
			rc := &runCache{uc: uc, p: p, mode: "auto,1,1"}
			for i, f := range files {
				k, ok := rc.key(f, rc.mode)
				if !ok {
					t.Fatal("no key")
				}
				bad := [][]byte{[]byte(`{"inputs": [{"path"`), []byte(`{"inputs": [{"path"`), []byte(`{"inputs": [], "findings": []}`),
					[]byte(`{"inputs": [{"path": "` + f + `", "hash": "0"}]}`)}[i%4]
				var z bytes.Buffer
				zw := gzip.NewWriter(&z)
				zw.Write(bad)
				zw.Close()
				if i == 0 {
					bad = append([]byte(nil), z.Bytes()[:z.Len()/2]...) // a cut gzip stream
				} else {
					bad = z.Bytes()
				}
				if err := uc.store.Put(k, bad); err != nil {
					t.Fatal(err)
				}
			}
		} else if damage(tc.f) == 0 {
			t.Fatal("no cache entry written")
		}
		uc := openTestCache(t, dir)
		if got := runTree(t, root, files, uc); !bytes.Equal(got, want) {
			t.Errorf("%s: report differs from a cold run's:\n%s", tc.name, got)
		}
		if uc.Hits.Load() != 0 {
			t.Errorf("%s: %d damaged entries used", tc.name, uc.Hits.Load())
		}
		uc = openTestCache(t, dir)
		if got := runTree(t, root, files, uc); !bytes.Equal(got, want) || uc.Hits.Load() != int64(len(files)) {
			t.Errorf("%s: entries not rebuilt (%d hits)", tc.name, uc.Hits.Load())
		}
	}
}

// A run of one file inside a tree reads the summaries of the tree's other
// files from the cache a larger run filled: its findings are that run's
// findings for the file (here a leak through another file's wrapper).
func TestOneFileRunUsesTreeSummaries(t *testing.T) {
	root, files := cacheTree(t)
	uc := openTestCache(t, t.TempDir())
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	run := func(files, elsewhere []string) []report.Finding {
		rep, err := Run(context.Background(), Config{Tree: tree, Files: files, Elsewhere: elsewhere, Jobs: 2, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Cache: uc})
		if err != nil || len(rep.Failed) > 0 {
			t.Fatalf("run: %v %v", err, rep.Failed)
		}
		return rep.Findings
	}
	one := filepath.Join(root, "drivers/x/late.c")
	if fs := run([]string{one}, nil); len(fs) != 0 {
		t.Fatalf("the file alone has findings %v: the test needs one seen only through another file", fs)
	}
	var want []report.Finding
	for _, f := range run(files, nil) {
		if f.Loc.File == "drivers/x/late.c" {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		t.Fatal("the full run finds nothing in late.c")
	}
	got := run([]string{one}, uc.treeFiles(tree, []string{one}, nil))
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) {
		t.Errorf("one-file run:\n%s\nwant the full run's\n%s", g, w)
	}
}

// A unit that fails, or parses only degraded, is as much a function of its
// inputs as one that parses: served from the cache too, with the same
// report, and redone when a file it read, or a tree header that decided a
// degraded stub, changes.
func TestUnitCacheFailedAndDegraded(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc: degraded parses and inputs need gcc -E")
	}
	root := t.TempDir()
	decls := "struct device_node;\nstruct device_node *of_get_parent(struct device_node *np);\nvoid of_node_put(struct device_node *np);\n"
	tree := map[string]string{
		"Kbuild": "", "Makefile": "",
		"include/generated/autoconf.h":       "",
		"include/linux/compiler-version.h":   "",
		"include/linux/kconfig.h":            "",
		"include/linux/compiler_types.h":     "#define __iomem\n",
		"include/linux/types.h":              "typedef unsigned int u32;\n",
		"arch/x86/include/asm/io.h":          "",
		"arch/powerpc/include/asm/mpc52xx.h": "struct mpc52xx_fec { u32 ievent; };\n",
		"include/soc/fsl/cpm.h":              "typedef struct cpm_buf_desc {\n\tunsigned short cbd_sc;\n} cbd_t;\n",
		// built for PowerPC only: parsed degraded, with a leak
		"drivers/net/foo/ppc.c": "#include <linux/types.h>\n#include <asm/io.h>\n#include <asm/mpc52xx.h>\n" + decls +
			"struct priv { cbd_t __iomem *ring; u32 n; };\n" +
			"int ppc_probe(struct priv *p, struct device_node *np)\n{\n\tstruct device_node *q = of_get_parent(np);\n\n\tif (!q)\n\t\treturn -1;\n\treturn p->n;\n}\n",
		// an error in the file
		"drivers/net/foo/syntax.c": "#include <linux/types.h>\n" + decls + "u32 f(struct device_node *np) { of_node_put(np); return ; + }\n",
		// a header that exists nowhere
		"drivers/net/foo/nowhere.c": "#include <linux/types.h>\n#include <asm/mpc5200.h>\n" + decls + "void g(struct device_node *np) { of_node_put(np); }\n",
		// names nothing modelled: skipped, then parsed late (degraded)
		// for its call of provider.c's wrapper
		"drivers/net/foo/lateppc.c": "#include <linux/types.h>\n#include <asm/mpc52xx.h>\nstruct device_node;\nstruct device_node *my_get(struct device_node *np);\n" +
			"int lateppc(struct device_node *np)\n{\n\tstruct device_node *q = my_get(np);\n\n\tif (!q)\n\t\treturn -1;\n\treturn 0;\n}\n",
		"drivers/net/foo/provider.c": "#include <linux/types.h>\n" + decls + "struct device_node *my_get(struct device_node *np)\n{\n\treturn of_get_parent(np);\n}\n",
		// names a modelled function only where the preprocessor drops
		// it: preprocessed (degraded), then skipped
		"drivers/net/foo/skipppc.c": "#include <linux/types.h>\n#include <asm/mpc52xx.h>\n#ifdef CONFIG_NEVER\nvoid of_node_put(struct device_node *np);\n#endif\nint skipppc(int x) { return x; }\n",
		"drivers/net/foo/ok.c": "#include <linux/types.h>\n" + decls +
			"int ok(struct device_node *np)\n{\n\tstruct device_node *q = of_get_parent(np);\n\n\tif (!q)\n\t\treturn -1;\n\treturn 0;\n}\n",
	}
	for i := 1; i <= 4; i++ {
		tree[fmt.Sprintf("drivers/net/foo/plain%d.c", i)] = fmt.Sprintf("int plain%d(int x) { return x + %d; }\n", i, i)
	}
	var files []string
	for p, c := range tree {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, ".c") {
			files = append(files, full)
		}
	}
	dir := t.TempDir()
	step := func(name string, wantHits int64) []byte {
		t.Helper()
		want := runTreeFailing(t, root, files, nil, true)
		uc := openTestCache(t, dir)
		got := runTreeFailing(t, root, files, uc, true)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the cached run's report differs from a cold run's:\n%s\nwant\n%s", name, got, want)
		}
		if wantHits >= 0 && uc.Hits.Load() != wantHits {
			t.Errorf("%s: %d units served from the cache, want %d", name, uc.Hits.Load(), wantHits)
		}
		return got
	}
	cold := step("cold", 0)
	var doc struct {
		Degraded []struct{ File string }
		Findings []struct{ Function string }
	}
	if err := json.Unmarshal(cold, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Degraded) != 3 || doc.Degraded[0].File != "drivers/net/foo/lateppc.c" || doc.Degraded[2].File != "drivers/net/foo/skipppc.c" || len(doc.Findings) != 3 {
		t.Fatalf("the fixture's report lacks the degraded late unit's leak, or the degraded units:\n%s", cold)
	}
	for _, want := range []string{`"drivers/net/foo/ppc.c"`, "unknown type cbd_t assumed", `"file": "drivers/net/foo/syntax.c"`, "include file not found: <asm/mpc5200.h>", `"file": "drivers/net/foo/ok.c"`} {
		if !bytes.Contains(cold, []byte(want)) {
			t.Fatalf("the fixture's report lacks %s:\n%s", want, cold)
		}
	}
	n := int64(len(files))
	step("warm", n)
	// a header every unit includes: the failed and degraded ones redone too
	types := filepath.Join(root, "include/linux/types.h")
	if err := os.WriteFile(types, []byte("typedef unsigned int u32; /* changed */\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// the plain units and lateppc.c, skipped by the prescan (its late
	// entry is redone)
	step("header changed", 5)
	step("header changed, warm", n)
	// the header that made the degraded stub: gone, the unit fails
	ppcHdr := filepath.Join(root, "arch/powerpc/include/asm/mpc52xx.h")
	if err := os.Remove(ppcHdr); err != nil {
		t.Fatal(err)
	}
	if got := step("stub header gone", n-2); !bytes.Contains(got, []byte("include file not found: <asm/mpc52xx.h>")) {
		t.Errorf("ppc.c does not fail without the header:\n%s", got)
	}
	step("stub header gone, warm", n)
	if err := os.WriteFile(ppcHdr, []byte(tree["arch/powerpc/include/asm/mpc52xx.h"]), 0o644); err != nil {
		t.Fatal(err)
	}
	step("stub header back", -1)
	// the failing unit fixed: its entry no longer applies
	edit(t, filepath.Join(root, "drivers/net/foo/syntax.c"), "return ; + }", "return 0; }")
	if got := step("error fixed", n-1); bytes.Contains(got, []byte(`"file": "drivers/net/foo/syntax.c",\n      "line"`)) {
		t.Errorf("syntax.c still fails:\n%s", got)
	}
}
