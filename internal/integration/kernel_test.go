// Package integration runs pcslint on the real corpus, Debian's
// linux-source-6.12, and checks the front end's coverage and the findings
// the project promises on real code.
package integration

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/kerneltree"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// Dirs are the directories the acceptance criteria name.
var Dirs = []string{
	"drivers/net/pcs", "drivers/net/phy", "drivers/net/mdio", "drivers/phy",
	"drivers/net/dsa", "drivers/net/ethernet/stmicro", "drivers/net/ethernet/freescale",
}

type scan struct {
	rep *report.Report
	err error
}

var (
	scanOnce = map[string]*sync.Once{"configured": {}, "pristine": {}, "arm64": {}, "powerpc": {}}
	scans    = map[string]*scan{}
)

// scanTree analyzes Dirs of the variant once per test binary.
func scanTree(t *testing.T, variant string) (string, *report.Report) {
	t.Helper()
	return scanDirs(t, variant, Dirs)
}

// scanBudget: the cross trees' tests measure what parses, not how fast; a
// loaded machine must not turn a slow unit into a failure (a file that
// took 2 s of CPU ran past 60 s of wall time at load 45).
var scanBudget = map[string]time.Duration{"arm64": 10 * time.Minute, "powerpc": 10 * time.Minute}

// scanDirs analyzes dirs of the variant once per test binary.
func scanDirs(t *testing.T, variant string, dirs []string) (string, *report.Report) {
	t.Helper()
	root := kerneltree.Get(t, variant)
	scanOnce[variant].Do(func() {
		s := &scan{}
		scans[variant] = s
		tree, err := cparse.OpenTree(root, "")
		if err != nil {
			s.err = err
			return
		}
		var paths []string
		for _, d := range dirs {
			paths = append(paths, filepath.Join(root, d))
		}
		files, err := driver.CollectFiles(root, paths)
		if err != nil {
			s.err = err
			return
		}
		s.rep, s.err = driver.Run(context.Background(), driver.Config{
			Tree: tree, Files: files, Jobs: 2, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Exhaustive: true,
			Budget: scanBudget[variant],
		})
	})
	s := scans[variant]
	if s == nil || s.err != nil {
		t.Fatalf("scan of %s tree failed: %v", variant, s.err)
	}
	return root, s.rep
}

func coverage(t *testing.T, rep *report.Report) float64 {
	total := len(rep.Files) + len(rep.Failed)
	if total == 0 {
		t.Fatal("no files analyzed")
	}
	pct := 100 * float64(len(rep.Files)) / float64(total)
	t.Logf("parsed %d of %d files (%.1f%%)", len(rep.Files), total, pct)
	for _, f := range rep.Failed {
		t.Logf("  failed: %s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
	}
	return pct
}

// The configured tree: at least 99% of all files must parse, counting the
// files parsed in degraded mode (drivers of another architecture, with
// stubbed headers and types, docs/frontend.md). Every file that still
// fails must be one gcc rejects too with the same flags, and every degraded
// file must be one gcc rejects (degraded mode never replaces a clean parse).
func TestConfiguredTreeCoverage(t *testing.T) {
	root, rep := scanTree(t, "configured")
	raw := coverage(t, rep)
	for _, d := range rep.Degraded {
		t.Logf("  degraded: %s: %s", d.File, strings.Join(d.Stubs, "; "))
		for _, f := range findings(rep, d.File, "") {
			t.Logf("    finding in a degraded file: %s:%d: %s [%s]", f.Loc.File, f.Loc.Line, f.Message, f.Rule)
		}
	}
	t.Logf("configured tree: %d files parsed (%d degraded), %d failed: %.1f%%", len(rep.Files), len(rep.Degraded), len(rep.Failed), raw)
	if raw < 99 {
		t.Errorf("configured tree: %.1f%% of all files parsed, want >= 99%%", raw)
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Log("gcc not installed: failed and degraded files not cross-checked")
		return
	}
	tree, _ := cparse.OpenTree(root, "")
	gccAccepts := func(file string) (bool, string) {
		abs := filepath.Join(root, file)
		flags, _ := tree.Flags(abs)
		args := append([]string{"-fsyntax-only", "-w"}, flags...)
		args = append(args, abs)
		cmd := exec.Command("gcc", args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		return err == nil, firstLine(out)
	}
	for _, f := range rep.Failed {
		if ok, _ := gccAccepts(f.File); ok {
			t.Errorf("%s fails in pcslint (%s) but gcc -fsyntax-only accepts it", f.File, f.Message)
		} else {
			t.Logf("%s: gcc rejects it too", f.File)
		}
	}
	for _, d := range rep.Degraded {
		if ok, _ := gccAccepts(d.File); ok {
			t.Errorf("%s parsed in degraded mode but gcc -fsyntax-only accepts it", d.File)
		}
	}
}

func TestPristineTreeCoverage(t *testing.T) {
	_, rep := scanTree(t, "pristine")
	if pct := coverage(t, rep); pct < 97 {
		t.Errorf("pristine tree: %.1f%% parsed, want >= 97%%", pct)
	}
}

func firstLine(b []byte) string {
	s := string(bytes.TrimSpace(b))
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "error") {
			return line
		}
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// findings returns the unsuppressed findings of rule in file.
func findings(rep *report.Report, file, rule string) []report.Finding {
	var out []report.Finding
	for _, f := range rep.Findings {
		if f.Loc.File == file && (rule == "" || f.Rule == rule) && !f.Suppressed {
			out = append(out, f)
		}
	}
	return out
}

func TestRealFindings(t *testing.T) {
	_, rep := scanTree(t, "configured")
	knownFindings(t, rep, Dirs)
	if os.Getenv("PCSLINT_DUMP") != "" {
		var buf bytes.Buffer
		_ = report.WriteText(&buf, rep, false)
		_ = os.WriteFile(os.Getenv("PCSLINT_DUMP"), buf.Bytes(), 0o644)
	}
}

// knownFindings checks the findings (and the absence of the false
// positives) of the code the tree's architecture does not change, in those
// of dirs scanned.
func knownFindings(t *testing.T, rep *report.Report, dirs []string) {
	t.Helper()
	scanned := func(file string) bool {
		for _, d := range dirs {
			if strings.HasPrefix(file, d+"/") {
				return true
			}
		}
		return false
	}
	// fman_port_probe(): the of_find_device_by_node() reference leaks when
	// __devm_request_region() fails.
	found := false
	for _, f := range findings(rep, "drivers/net/ethernet/freescale/fman/fman_port.c", "ref-leak") {
		if f.Function == "fman_port_probe" && strings.Contains(f.Message, "of_find_device_by_node()") && strings.Contains(f.Message, "__devm_request_region() fails") && strings.Contains(f.Message, "goto free_port") {
			found = true
		}
	}
	if !found && scanned("drivers/net/ethernet/freescale") {
		t.Errorf("fman_port_probe: of_find_device_by_node() leak on the __devm_request_region() failure path not reported")
	}
	// mdio_bus.c: the child reference handed over by device_set_node().
	for _, f := range findings(rep, "drivers/net/phy/mdio_bus.c", "") {
		if f.Loc.Line >= 495 && f.Loc.Line <= 505 {
			t.Errorf("mdio_bus.c:%d: false positive: [%s] %s", f.Loc.Line, f.Rule, f.Message)
		}
	}
	// dwmac-tegra.c: plat->mdio_node is put by the devm action
	// devm_stmmac_probe_config_dt() (stmmac_platform.c) registers on plat.
	for _, f := range findings(rep, "drivers/net/ethernet/stmicro/stmmac/dwmac-tegra.c", "remove-leak") {
		if strings.Contains(f.Message, "plat->mdio_node") {
			t.Errorf("dwmac-tegra.c:%d: false positive: %s", f.Loc.Line, f.Message)
		}
	}
	// dwmac-rk.c: clk_phy is never clk_put(), here or elsewhere.
	if len(findings(rep, "drivers/net/ethernet/stmicro/stmmac/dwmac-rk.c", "remove-leak")) == 0 && scanned("drivers/net/ethernet/stmicro") {
		t.Errorf("dwmac-rk.c: bsp_priv->clk_phy from of_clk_get() never put: not reported")
	}
	// pcs-rzn1-miic.c: miic_create() adds a managed device link.
	for _, f := range findings(rep, "drivers/net/pcs/pcs-rzn1-miic.c", "devlink-missing") {
		if f.Function == "miic_create" {
			t.Errorf("miic_create: devlink-missing despite the managed link: %s", f.Message)
		}
	}
	// pcs-lynx.c / pcs-xpcs.c: the PCS keeps an MDIO device found by
	// fwnode_mdio_find_device() with a reference count and no device link
	// (the lifetime primer's case; reported where the fix goes, the helper)
	for file, fn := range map[string]string{"drivers/net/pcs/pcs-lynx.c": "lynx_pcs_create_fwnode", "drivers/net/pcs/pcs-xpcs.c": "xpcs_create_fwnode"} {
		found := false
		for _, f := range findings(rep, file, "devlink-missing") {
			if f.Function == fn && strings.Contains(f.Message, "a device found by fwnode_mdio_find_device()") {
				found = true
			}
		}
		if !found && scanned("drivers/net/pcs") {
			t.Errorf("%s: %s() keeps an MDIO device found by fwnode_mdio_find_device() with no link: not reported", file, fn)
		}
	}
}

func runDirs(t *testing.T, root string, dirs []string, jobs int, cpp string) *report.Report {
	t.Helper()
	return runDirsWith(t, root, dirs, func(c *driver.Config) { c.Jobs, c.CPP = jobs, cpp })
}

func runDirsWith(t *testing.T, root string, dirs []string, set func(*driver.Config)) *report.Report {
	t.Helper()
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
	cfg := driver.Config{Tree: tree, Files: files, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin()}
	set(&cfg)
	rep, err := driver.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	rep.ToolVersion = driver.Version()
	return rep
}

// Runs with different -j give byte-identical SARIF.
func TestDeterministicAcrossJobs(t *testing.T) {
	root := kerneltree.Get(t, "configured")
	dirs := []string{"drivers/net/pcs", "drivers/net/mdio"}
	var outs [2]bytes.Buffer
	for i, j := range []int{1, 2} {
		if err := report.WriteSARIF(&outs[i], runDirs(t, root, dirs, j, "")); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Fatal("SARIF differs between -j 1 and -j 2")
	}
}

// The gcc -E + pruning fast path finds exactly what cc/v4's own
// preprocessor path finds.
func TestFastPathEquivalence(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not installed: the fast path is off anyway")
	}
	root := kerneltree.Get(t, "configured")
	// cc/v4's own preprocessor takes 2-4 s a file: a PCS, an MDIO and a PHY
	// directory keep this under two minutes
	dirs := []string{"drivers/net/pcs", "drivers/net/mdio", "drivers/phy/ti"}
	key := func(r *report.Report) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Loc.File+":"+strconv.Itoa(f.Loc.Line)+":"+strconv.Itoa(f.Loc.Col)+" "+f.Rule+" "+f.Message)
		}
		for _, f := range r.Failed {
			out = append(out, "failed "+f.File)
		}
		return out
	}
	fast := key(runDirs(t, root, dirs, 2, "gcc"))
	slow := key(runDirs(t, root, dirs, 2, "builtin"))
	if strings.Join(fast, "\n") != strings.Join(slow, "\n") {
		t.Errorf("fast path differs from cc/v4's preprocessor:\nfast:\n%s\nbuiltin:\n%s", strings.Join(fast, "\n"), strings.Join(slow, "\n"))
	}
	t.Logf("%d findings, identical on both paths", len(fast))
}

// The speed levers change no finding: the prescan (skipping units before
// gcc -E from their raw text) finds what preprocessing every unit finds,
// and checking units against the live summaries (flow.Live) finds what
// checking them against the final table finds.
func TestPrescanEquivalence(t *testing.T) {
	root := kerneltree.Get(t, "configured")
	dirs := []string{"drivers/net/pcs", "drivers/net/mdio", "drivers/net/phy", "drivers/phy", "drivers/net/ethernet/stmicro"}
	key := func(r *report.Report) string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Loc.File+":"+strconv.Itoa(f.Loc.Line)+":"+strconv.Itoa(f.Loc.Col)+" "+f.Rule+" "+f.Message)
		}
		return strings.Join(out, "\n")
	}
	on := runDirsWith(t, root, dirs, func(c *driver.Config) { c.Jobs = 2 })
	off := runDirsWith(t, root, dirs, func(c *driver.Config) { c.Jobs, c.NoPrescan, c.NoLiveSummaries = 2, true, true })
	if key(on) != key(off) {
		t.Errorf("findings differ with the prescan and the live summaries:\non:\n%s\noff:\n%s", key(on), key(off))
	}
	// without the live table every unit calling another file's wrapper is
	// checked twice; with it, those whose provider was summarized first
	// are not
	if off.Rechecked == 0 || on.Rechecked >= off.Rechecked {
		t.Errorf("units checked twice: %d with the live summaries, %d without", on.Rechecked, off.Rechecked)
	}
	// the prescan reads driver-local headers too, so a unit may be parsed
	// late for a wrapper only a header calls: the counts may differ a little
	if on.Unparsed == 0 || on.Unparsed < off.Unparsed*9/10 {
		t.Errorf("units not parsed: %d with the prescan, %d without", on.Unparsed, off.Unparsed)
	}
	t.Logf("%d findings either way; %d of %d units not parsed (%d without the prescan); %d checked twice (%d without the live summaries)",
		len(on.Findings), on.Unparsed, len(on.Files), off.Unparsed, on.Rechecked, off.Rechecked)
}

// A built tree: every compile-database entry in the acceptance
// directories parses, with the database's own flags.
func TestBuiltTreeCoverage(t *testing.T) {
	root := kerneltree.Get(t, "built")
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if tree.Kind != cparse.Built {
		t.Fatalf("tree kind %v, want built", tree.Kind)
	}
	var files []string
	for _, f := range tree.DBFiles() {
		rel := tree.Rel(f)
		for _, d := range Dirs {
			if strings.HasPrefix(rel, d+"/") {
				files = append(files, f)
				break
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("the compile database has no entry in the analyzed directories")
	}
	rep, err := driver.Run(context.Background(), driver.Config{
		Tree: tree, Files: files, Jobs: 2, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(), Exhaustive: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	coverage(t, rep)
	if len(rep.Failed) > 0 {
		t.Errorf("built tree: %d of %d compile-database entries failed", len(rep.Failed), len(files))
	}
}
