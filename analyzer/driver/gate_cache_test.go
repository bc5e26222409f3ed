package driver

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// A patch adding a leak to leaf.c and changing a header leaf.c includes
// (through of.h): the file after the patch is made of the patched header.
const gateCachePatch = `--- a/drivers/x/leaf.c
+++ b/drivers/x/leaf.c
@@ -8,3 +8,12 @@ int leaf(struct device_node *np)
 		return -1;
 	return 0;
 }
+
+int leaf2(struct device_node *np)
+{
+	struct device_node *p = PARENT_OF(np);
+
+	if (!p)
+		return -1;
+	return 0;
+}
--- a/include/linux/helper.h
+++ b/include/linux/helper.h
@@ -1,2 +1,3 @@
 /* the header the cache test edits: its includers must be redone */
 #define PARENT_OF(np) of_get_parent(np)
+#define HELPER_PATCHED 1
`

// The gate uses the cache for both sides of a patch and its result is the
// same warm as cold: the units are keyed by their content as the patch
// makes it, the patched header included.
func TestGateCacheWarmEqualsCold(t *testing.T) {
	root, _ := cacheTree(t)
	patch := filepath.Join(t.TempDir(), "leak.patch")
	if err := os.WriteFile(patch, []byte(gateCachePatch), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gate := func(uc *UnitCache) []byte {
		t.Helper()
		tree, err := cparse.OpenTree(root, "")
		if err != nil {
			t.Fatal(err)
		}
		cfg := Config{Tree: tree, Jobs: 2, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Cache: uc}
		rep, err := runGate(context.Background(), cfg, Options{Patches: []string{patch}, Stderr: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.WriteJSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := gate(nil)
	if !bytes.Contains(want, []byte(`"function": "leaf2"`)) || bytes.Contains(want, []byte(`"function": "leaf",`)) {
		t.Fatalf("the gate does not report exactly the new leak:\n%s", want)
	}
	cold := openTestCache(t, dir)
	if got := gate(cold); !bytes.Equal(got, want) {
		t.Errorf("cold, with the cache:\n%s\nwant\n%s", got, want)
	}
	if cold.Puts.Load() == 0 {
		t.Errorf("the gate wrote no entry")
	}
	warm := openTestCache(t, dir)
	if got := gate(warm); !bytes.Equal(got, want) {
		t.Errorf("warm:\n%s\nwant\n%s", got, want)
	}
	// leaf.c before and after the patch
	if warm.Hits.Load() != 2 {
		t.Errorf("warm gate served %d units from the cache, want 2", warm.Hits.Load())
	}
	// a plain run of the unpatched tree is served the gate's "before" entry
	plain := openTestCache(t, dir)
	runTree(t, root, []string{filepath.Join(root, "drivers/x/leaf.c")}, plain)
	if plain.Hits.Load() != 1 {
		t.Errorf("the unpatched leaf.c was not served the gate's entry (%d hits)", plain.Hits.Load())
	}
}

// pcslint --patch fills and reads the cache (--cache-dir), with the same
// report as --no-cache.
func TestGateCLIUsesCache(t *testing.T) {
	root, _ := cacheTree(t)
	patch := filepath.Join(t.TempDir(), "leak.patch")
	if err := os.WriteFile(patch, []byte(gateCachePatch), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "cache")
	t.Chdir(root)
	gate := func(noCache bool) []byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out.json")
		var stderr bytes.Buffer
		code, err := Main(context.Background(), Options{Patches: []string{patch}, Format: "json", Output: out, CacheDir: dir, NoCache: noCache,
			Color: "never", FailOn: "note", Progress: "never", Jobs: 2, Stdout: &bytes.Buffer{}, Stderr: &stderr})
		if err != nil || code != 1 {
			t.Fatalf("exit %d, %v; stderr %s", code, err, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	want := gate(true)
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("--no-cache wrote the cache")
	}
	if got := gate(false); !bytes.Equal(got, want) {
		t.Errorf("cold:\n%s\nwant\n%s", got, want)
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, "*", "*-d")); len(entries) == 0 {
		t.Errorf("the gate left no entry in %s", dir)
	}
	if got := gate(false); !bytes.Equal(got, want) {
		t.Errorf("warm:\n%s\nwant\n%s", got, want)
	}
}
