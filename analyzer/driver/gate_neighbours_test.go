package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// A patch that leaks through a wrapper of an unpatched file next to the
// patched one: the gate reads that file's summaries (neighbours), as a run
// over the whole directory would, and reports the new leak.
func TestGateSeesNeighbourWrappers(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"provider.c": `#include <linux/of.h>
struct device_node *acme_get_parent(struct device_node *np)
{
	return of_get_parent(np);
}
`,
		"consumer.c": `#include <linux/of.h>
struct device_node *acme_get_parent(struct device_node *np);

int acme_use(struct device_node *np)
{
	return 0;
}
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	patch := filepath.Join(t.TempDir(), "leak.patch")
	if err := os.WriteFile(patch, []byte(`--- a/consumer.c
+++ b/consumer.c
@@ -4,4 +4,8 @@
 int acme_use(struct device_node *np)
 {
+	struct device_node *p = acme_get_parent(np);
+
+	if (!p)
+		return -1;
 	return 0;
 }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.json")
	var stderr bytes.Buffer
	t.Chdir(dir)
	code, err := Main(context.Background(), Options{Standalone: true, Patches: []string{patch}, Format: "json", Output: out,
		Color: "never", FailOn: "note", Progress: "never", Jobs: 2, Stdout: &bytes.Buffer{}, Stderr: &stderr})
	if err != nil || code != 1 {
		t.Fatalf("exit %d, %v; stderr %s", code, err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			Rule     string `json:"rule"`
			Function string `json:"function"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "ref-leak" || rep.Findings[0].Function != "acme_use" {
		t.Fatalf("findings %+v, want the new ref-leak in acme_use", rep.Findings)
	}
}
