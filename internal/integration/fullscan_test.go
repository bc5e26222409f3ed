package integration

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/kerneltree"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// fullScanMinParsed is the share of files the full pristine scan must
// parse, in percent: 95.0% measured (3,291 of 3,464, docs/robustness.md),
// with margin for the fast path's changes.
const fullScanMinParsed = 93.0

// TestFullPristineScan parses every .c file of drivers/net and drivers/phy
// of the pristine tree (3,464 files; 34 minutes on 2 shared cores, 5.1 GiB peak), as
// `pcslint --parse-all -j 2 drivers/net drivers/phy` does. It is opt-in:
// PCSLINT_FULL_SCAN=1.
func TestFullPristineScan(t *testing.T) {
	if os.Getenv("PCSLINT_FULL_SCAN") != "1" {
		t.Skip("the full pristine scan takes 15-35 minutes: set PCSLINT_FULL_SCAN=1 to run it")
	}
	root := kerneltree.Get(t, "pristine")
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := driver.CollectFiles(root, []string{filepath.Join(root, "drivers/net"), filepath.Join(root, "drivers/phy")})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep, err := driver.Run(context.Background(), driver.Config{
		Tree: tree, Files: files, Jobs: 2, Exhaustive: true,
		Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files in %v: %d parsed, %d failed, %d findings", len(files), time.Since(start).Round(time.Second), len(rep.Files), len(rep.Failed), len(rep.Findings))

	// every file is accounted for exactly once
	seen := map[string]int{}
	for _, f := range rep.Files {
		seen[f]++
	}
	for _, f := range rep.Failed {
		seen[f.File]++
		if strings.Contains(f.Message, "internal error in the C front end") {
			t.Errorf("%s: %s", f.File, firstLine([]byte(f.Message)))
		}
	}
	for _, abs := range files {
		rel := tree.Rel(abs)
		if seen[rel] != 1 {
			t.Errorf("%s is %d times in the report, want once (analyzed or failed)", rel, seen[rel])
		}
		delete(seen, rel)
	}
	for f := range seen {
		t.Errorf("%s is in the report but was not asked for", f)
	}

	// every failure is named in the text report and in SARIF
	var text bytes.Buffer
	if err := report.WriteText(&text, rep, false); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed {
		if !strings.Contains(text.String(), f.File) {
			t.Errorf("text report does not name %s", f.File)
		}
	}
	if summary := fmt.Sprintf("analyzed %d files, %d failed, ", len(rep.Files), len(rep.Failed)); !strings.Contains(text.String(), summary) {
		t.Errorf("text summary does not count the %d failures", len(rep.Failed))
	}
	var out bytes.Buffer
	if err := report.WriteSARIF(&out, rep); err != nil {
		t.Fatal(err)
	}
	log, err := sarif.FromBytes(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var notified []string
	for _, n := range log.Runs[0].Invocations[0].ToolExecutionNotifications {
		if n.Level == "error" {
			notified = append(notified, *n.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
	}
	var failed []string
	for _, f := range rep.Failed {
		failed = append(failed, f.File)
	}
	sort.Strings(notified)
	sort.Strings(failed)
	if strings.Join(notified, "\n") != strings.Join(failed, "\n") {
		t.Errorf("SARIF notifications name %d files, the report %d failures", len(notified), len(failed))
	}

	if pct := coverage(t, rep); pct < fullScanMinParsed {
		t.Errorf("full pristine scan: %.1f%% parsed, want >= %.1f%%", pct, fullScanMinParsed)
	}
}
