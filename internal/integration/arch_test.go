package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/kerneltree"
)

// The SoC drivers pcslint is about are built for arm64 and powerpc: a tree
// configured for either must parse as well as the x86 one, with the
// architecture's own headers (docs/frontend.md, "Architectures").

// TestArm64TreeCoverage: on the arm64 tree (scripts/kernel-tree.sh arm64)
// at least 99% of the files of Dirs parse, every failure is one the cross
// gcc rejects too, and the findings of architecture-independent code are
// the x86 tree's.
//
// By default it scans the arm64 SoC drivers (Freescale/NXP DPAA, DPAA2,
// ENETC, fman), the PCS drivers and the MDIO drivers, which keeps .ci/run
// within its 20 minutes; PCSLINT_ARCH_FULL=1 scans all of Dirs (508 files,
// the acceptance measurement in docs/frontend.md).
func TestArm64TreeCoverage(t *testing.T) {
	dirs := []string{"drivers/net/pcs", "drivers/net/mdio", "drivers/net/ethernet/freescale"}
	if os.Getenv("PCSLINT_ARCH_FULL") != "" {
		dirs = Dirs
	}
	root, rep := scanDirs(t, "arm64", dirs)
	archCoverage(t, root, rep, "arm64")
	knownFindings(t, rep, dirs)
}

// TestPowerpcTreeCoverage is the same for the powerpc tree, on the
// Freescale drivers (fman, DPAA, gianfar: PowerPC SoCs' Ethernet) and the
// PCS drivers. It runs only when asked (PCSLINT_POWERPC=1) and the tree was
// prepared (`scripts/kernel-tree.sh powerpc`): a machine that once made the
// tree would otherwise pay three more minutes of CI on every run.
func TestPowerpcTreeCoverage(t *testing.T) {
	if os.Getenv("PCSLINT_POWERPC") == "" {
		t.Skip("powerpc tree coverage: set PCSLINT_POWERPC=1 (and run scripts/kernel-tree.sh powerpc)")
	}
	dirs := []string{"drivers/net/ethernet/freescale", "drivers/net/pcs"}
	kerneltree.GetPrepared(t, "powerpc")
	root, rep := scanDirs(t, "powerpc", dirs)
	archCoverage(t, root, rep, "powerpc")
	knownFindings(t, rep, dirs)
}

func archCoverage(t *testing.T, root string, rep *report.Report, arch string) {
	t.Helper()
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if tree.Arch != arch {
		t.Fatalf("%s tree opened as %s", arch, tree.Arch)
	}
	pct := coverage(t, rep)
	if pct < 99 {
		t.Errorf("%s tree: %.1f%% of all files parsed, want >= 99%%", arch, pct)
	}
	if len(rep.Findings) == 0 {
		t.Errorf("%s tree: no findings", arch)
	}
	gcc, targetFlags, emulated, err := tree.Compiler()
	if err != nil || emulated {
		t.Logf("no %s compiler (%v): failures not cross-checked", arch, err)
		return
	}
	for _, f := range rep.Failed {
		abs := filepath.Join(root, f.File)
		flags, _ := tree.Flags(abs)
		args := append(append(append([]string{"-fsyntax-only", "-w"}, targetFlags...), flags...), abs)
		cmd := exec.Command(gcc, args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Errorf("%s fails in pcslint (%s) but %s -fsyntax-only accepts it", f.File, f.Message, filepath.Base(gcc))
		} else {
			t.Logf("%s: %s rejects it too: %s", f.File, filepath.Base(gcc), firstLine(out))
		}
	}
}
