package driver

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// A pcslint:ignore comment on the line or the line above suppresses the
// finding of that rule only, and keeps it with its justification.
func TestSuppression(t *testing.T) {
	dir := t.TempDir()
	src := `#include <linux/of.h>

int a(struct device_node *np)
{
	struct device_node *c = of_get_parent(np);

	if (!c)
		return -1;
	/* pcslint:ignore ref-leak the parent is pinned for the device's life */
	return 0;
}

int b(struct device_node *np)
{
	struct device_node *c = of_get_parent(np);

	if (!c)
		return -1;
	return 0; /* pcslint:ignore double-put wrong rule */
}
`
	path := filepath.Join(dir, "s.c")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Config{Tree: cparse.StandaloneTree(dir), Files: []string{path}, Jobs: 1,
		Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin()})
	if err != nil || len(rep.Failed) > 0 {
		t.Fatalf("run: %v %v", err, rep.Failed)
	}
	var sup, open int
	for _, f := range rep.Findings {
		if f.Rule != "ref-leak" {
			continue
		}
		if f.Suppressed {
			sup++
			if f.Function != "a" || f.Justification != "the parent is pinned for the device's life" {
				t.Errorf("suppressed %s: %q", f.Function, f.Justification)
			}
		} else {
			open++
			if f.Function != "b" {
				t.Errorf("unsuppressed finding in %s", f.Function)
			}
		}
	}
	if sup != 1 || open != 1 {
		t.Fatalf("suppressed %d, open %d: want 1 and 1", sup, open)
	}
}

// Summaries cross files only for functions other files can call: a static
// helper of one file says nothing about another file's helper of the same
// name, and a file's own helper wins over another file's exported one.
func TestStaticSummariesStayInTheirFile(t *testing.T) {
	files := map[string]string{
		// find() acquires here...
		"a.c": `#include <linux/of.h>
static struct device_node *find(struct device_node *np)
{
	return of_get_parent(np);
}

int use_a(struct device_node *np)
{
	struct device_node *p = find(np);

	if (!p)
		return -1;
	return 0;
}
`,
		// ...and only looks here: no reference to drop
		"b.c": `#include <linux/of.h>
static struct device_node *find(struct device_node *np)
{
	return np;
}

int use_b(struct device_node *np)
{
	struct device_node *p = find(np);

	if (!p)
		return -1;
	return 0;
}
`,
	}
	rep := runSources(t, 2, files)
	got := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Rule == "ref-leak" {
			got[f.Function] = true
		}
	}
	if !got["use_a"] || got["use_b"] {
		t.Errorf("ref-leak findings in %v, want use_a only", got)
	}
}

// A unit's rules run as soon as it is summarized, against the other files'
// summaries known so far; one that got an answer the final table changes
// is checked again. Either order of provider and consumer gives the same
// findings.
func TestCrossFileSummariesInEitherOrder(t *testing.T) {
	provider := `#include <linux/of.h>
struct device_node *my_get(struct device_node *np)
{
	return of_get_parent(np);
}
`
	consumer := `#include <linux/of.h>
struct device_node *my_get(struct device_node *np);

int use(struct device_node *np)
{
	struct device_node *p = my_get(np);

	if (!p)
		return -1;
	return 0;
}
`
	pad := "\n/*" + strings.Repeat(" padding", 200) + " */\n"
	for _, tc := range []struct {
		name          string
		bigger        string // processed first unless the provider exports
		wantRechecked int
		export        bool
	}{
		{"consumer first", "consumer", 1, false},
		{"provider first", "provider", 0, false},
		{"exporting provider first", "consumer", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs := map[string]string{"provider.c": provider, "consumer.c": consumer}
			srcs[tc.bigger+".c"] += pad
			if tc.export {
				srcs["provider.c"] += "EXPORT_SYMBOL(my_get);\n"
			}
			rep := runSources(t, 1, srcs)
			var leaks []string
			for _, f := range rep.Findings {
				if f.Rule == "ref-leak" {
					leaks = append(leaks, f.Loc.File+":"+f.Function)
				}
			}
			if len(leaks) != 1 || leaks[0] != "consumer.c:use" {
				t.Errorf("ref-leak findings %v, want consumer.c:use only", leaks)
			}
			if rep.Rechecked != tc.wantRechecked {
				t.Errorf("rechecked %d units, want %d", rep.Rechecked, tc.wantRechecked)
			}
		})
	}
}

// A field released on unbind by a devm action another file's helper
// registers on the object it returns (flow.UnbindRelease) is not a
// remove-leak, whichever file is checked first: a consumer checked before
// the provider was summarized is checked again.
func TestCrossFileUnbindReleaseInEitherOrder(t *testing.T) {
	header := `#include <linux/of.h>
#include <linux/device.h>
#include <linux/platform_device.h>
struct cfg { struct device_node *mdio_node; };
struct cfg *devm_cfg_get(struct platform_device *pdev);
`
	provider := header + `
static void cfg_put(void *data)
{
	struct cfg *cfg = data;

	of_node_put(cfg->mdio_node);
}

struct cfg *devm_cfg_get(struct platform_device *pdev)
{
	struct cfg *cfg = devm_kzalloc(&pdev->dev, sizeof(*cfg), GFP_KERNEL);

	if (!cfg)
		return NULL;
	if (devm_add_action_or_reset(&pdev->dev, cfg_put, cfg))
		return NULL;
	return cfg;
}
`
	consumer := header + `
static int glue_probe(struct platform_device *pdev)
{
	struct cfg *cfg = devm_cfg_get(pdev);

	if (!cfg)
		return -ENOMEM;
	cfg->mdio_node = of_get_child_by_name(pdev->dev.of_node, "mdio");
	return 0;
}

static void glue_remove(struct platform_device *pdev)
{
}

static struct platform_driver glue_driver = {
	.probe = glue_probe,
	.remove = glue_remove,
};
`
	pad := "\n/*" + strings.Repeat(" padding", 200) + " */\n"
	for _, tc := range []struct {
		name          string
		bigger        string // processed first
		wantRechecked int
	}{
		{"consumer first", "consumer", 1},
		{"provider first", "provider", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs := map[string]string{"provider.c": provider, "consumer.c": consumer}
			srcs[tc.bigger+".c"] += pad
			rep := runSources(t, 1, srcs)
			for _, f := range rep.Findings {
				if f.Rule == "remove-leak" {
					t.Errorf("%s:%d: %s", f.Loc.File, f.Loc.Line, f.Message)
				}
			}
			if rep.Rechecked != tc.wantRechecked {
				t.Errorf("rechecked %d units, want %d", rep.Rechecked, tc.wantRechecked)
			}
		})
	}
}

// runSources writes srcs (name: C text) to a standalone tree and runs every
// rule on them with jobs jobs; no file may fail.
func runSources(t *testing.T, jobs int, srcs map[string]string) *report.Report {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, src := range srcs {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	rep, err := Run(context.Background(), Config{Tree: cparse.StandaloneTree(dir), Files: paths, Jobs: jobs,
		Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin()})
	if err != nil || len(rep.Failed) > 0 {
		t.Fatalf("run: %v %v", err, rep.Failed)
	}
	return rep
}
