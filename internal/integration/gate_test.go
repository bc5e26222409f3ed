package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/gate"
	"github.com/pcslint/pcslint/internal/kerneltree"
)

const seedPatch = "0003-net-pcs-Add-helpers-for-registering-and-finding-PCSs.patch"

func corpus(t *testing.T, name string) string {
	t.Helper()
	for _, dir := range []string{os.Getenv("PCSLINT_CORPUS"), "../../../shared/corpus", "../../shared/corpus"} {
		if dir == "" {
			continue
		}
		if p, _ := filepath.Abs(filepath.Join(dir, name)); fileExists(p) {
			return p
		}
	}
	t.Skipf("corpus patch %s not found (set PCSLINT_CORPUS)", name)
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// newerThan lists files under dir modified after t.
func newerThan(t *testing.T, dir string, since time.Time) []string {
	var out []string
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.ModTime().After(since) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func gateRun(t *testing.T, root string, args ...string) (int, []byte, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var stderr bytes.Buffer
	o := driver.Options{Dir: root, Format: "sarif", Output: out, Color: "never", FailOn: "note", Progress: "never",
		Stdout: &bytes.Buffer{}, Stderr: &stderr}
	for i := 0; i < len(args); i += 2 {
		if args[i] == "--patch" {
			o.Patches = append(o.Patches, args[i+1])
		}
	}
	cwd, _ := os.Getwd()
	defer os.Chdir(cwd)
	code, err := driver.Main(context.Background(), o)
	if err != nil {
		t.Fatalf("pcslint: %v (stderr: %s)", err, stderr.String())
	}
	data, _ := os.ReadFile(out)
	return code, data, stderr.String()
}

type sarifLog struct {
	Runs []struct {
		Results []struct {
			RuleID     string `json:"ruleId"`
			Properties struct {
				Patch string `json:"patch"`
			} `json:"properties"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// The seed RFC applied to the pristine 6.12 tree: its findings, in lines the
// patch adds, labelled with its subject; exit 1; the tree untouched.
func TestSeedPatchGate(t *testing.T) {
	root := kerneltree.Get(t, "pristine")
	patch := corpus(t, seedPatch)
	start := time.Now().Add(-time.Second)
	code, data, stderr := gateRun(t, root, "--patch", patch)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (stderr: %s)", code, stderr)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("bad SARIF: %v", err)
	}
	added := addedLines(t, patch)
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if !added[loc.ArtifactLocation.URI][loc.Region.StartLine] {
			t.Errorf("%s:%d [%s] is not on a line the patch adds", loc.ArtifactLocation.URI, loc.Region.StartLine, r.RuleID)
		}
		if r.Properties.Patch != "net: pcs: Add helpers for registering and finding PCSs" {
			t.Errorf("finding labelled %q", r.Properties.Patch)
		}
		rules[r.RuleID] = true
	}
	for _, want := range []string{"module-ref-guard", "lookup-after-unlock", "unbind-unhandled"} {
		if !rules[want] {
			t.Errorf("seed patch: no %s finding", want)
		}
	}
	if rules["ref-leak"] {
		t.Errorf("seed patch: ref-leak reported on its fwnode_find_reference/fwnode_handle_put pairs")
	}
	for _, d := range []string{"drivers/net/pcs", "include/linux"} {
		if changed := newerThan(t, filepath.Join(root, d), start); len(changed) > 0 {
			t.Errorf("the tree was modified: %v", changed)
		}
	}
	if fileExists(filepath.Join(root, "drivers/net/pcs/core.c")) {
		t.Error("the patch was applied to disk")
	}
}

// addedLines maps each file of a patch to the line numbers its hunks add.
func addedLines(t *testing.T, patch string) map[string]map[int]bool {
	ps, err := gate.ReadPatches(patch)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[int]bool{}
	for _, p := range ps {
		for _, f := range p.Files {
			m := map[int]bool{}
			out[f.NewName] = m
			for _, frag := range f.TextFragments {
				line := int(frag.NewPosition)
				for _, l := range frag.Lines {
					switch l.Op.String() {
					case "+":
						m[line] = true
						line++
					case " ":
						line++
					}
				}
			}
		}
	}
	return out
}

// A series whose second patch fixes what the first introduced: a finding
// for patch 1, none for patch 2; the exit status reflects patch 1.
func TestSeriesFixedByLaterPatch(t *testing.T) {
	root := kerneltree.Get(t, "pristine")
	dir := t.TempDir()
	body := []string{
		"#include <linux/of.h>",
		"#include <linux/platform_device.h>",
		"",
		"int demo_count(struct device_node *np)",
		"{",
		"\tstruct device_node *child;",
		"\tint n = 0;",
		"",
		"\tfor_each_child_of_node(np, child) {",
		"\t\tif (!of_device_is_available(child))",
		"\t\t\treturn -EINVAL;",
		"\t\tn++;",
		"\t}",
		"\treturn n;",
		"}",
	}
	var p1 strings.Builder
	p1.WriteString("From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\nFrom: Dev <dev@example.com>\nSubject: [PATCH 1/2] net: pcs: add demo counter\n\n---\n")
	p1.WriteString("diff --git a/drivers/net/pcs/pcslint-demo.c b/drivers/net/pcs/pcslint-demo.c\nnew file mode 100644\n--- /dev/null\n+++ b/drivers/net/pcs/pcslint-demo.c\n")
	p1.WriteString("@@ -0,0 +1," + itoa(len(body)) + " @@\n")
	for _, l := range body {
		p1.WriteString("+" + l + "\n")
	}
	p1.WriteString("-- \n2.39.5\n\n")
	p2 := "From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\nFrom: Dev <dev@example.com>\nSubject: [PATCH 2/2] net: pcs: fix the demo counter leak\n\n---\n" +
		"diff --git a/drivers/net/pcs/pcslint-demo.c b/drivers/net/pcs/pcslint-demo.c\n--- a/drivers/net/pcs/pcslint-demo.c\n+++ b/drivers/net/pcs/pcslint-demo.c\n" +
		"@@ -9,6 +9,9 @@ int demo_count(struct device_node *np)\n \tfor_each_child_of_node(np, child) {\n \t\tif (!of_device_is_available(child))\n+\t\t{\n+\t\t\tof_node_put(child);\n \t\t\treturn -EINVAL;\n+\t\t}\n \t\tn++;\n \t}\n \treturn n;\n-- \n2.39.5\n"
	series := filepath.Join(dir, "series.mbox")
	if err := os.WriteFile(series, []byte(p1.String()+p2), 0o644); err != nil {
		t.Fatal(err)
	}
	code, data, stderr := gateRun(t, root, "--patch", series)
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("bad SARIF: %v (stderr %s)", err, stderr)
	}
	perPatch := map[string]int{}
	for _, r := range log.Runs[0].Results {
		perPatch[r.Properties.Patch]++
	}
	if perPatch["net: pcs: add demo counter"] != 1 || perPatch["net: pcs: fix the demo counter leak"] != 0 {
		t.Errorf("findings per patch: %v", perPatch)
	}
	if code != 1 {
		t.Errorf("exit %d: a series whose end state is clean still fails on what patch 1 introduced", code)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
