package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// degradedReport is fullReport with one file parsed in degraded mode.
func degradedReport() *Report {
	r := fullReport()
	r.Files = append(r.Files, "drivers/net/ethernet/freescale/fec_mpc52xx.c")
	r.Degraded = []DegradedFile{{File: "drivers/net/ethernet/freescale/fec_mpc52xx.c", Stubs: []string{
		"missing <asm/mpc52xx.h> stubbed (it exists as arch/powerpc/include/asm/mpc52xx.h)",
		"unknown type cbd_t assumed (a typedef in include/soc/fsl/cpm.h, not included in this configuration)",
	}}}
	return r
}

func TestDegradedText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, degradedReport(), false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\nanalyzed 3 files (1 degraded), 1 failed, 2 findings, 1 suppressed\n") {
		t.Fatalf("summary line:\n%s", b.String())
	}
	r := degradedReport()
	r.Unparsed = 1
	b.Reset()
	if err := WriteText(&b, r, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\nanalyzed 3 files (1 name no modelled API, 1 degraded), 1 failed, 2 findings, 1 suppressed\n") {
		t.Fatalf("summary line:\n%s", b.String())
	}
}

func TestDegradedJSON(t *testing.T) {
	var doc struct {
		Degraded []struct {
			File  string   `json:"file"`
			Stubs []string `json:"stubs"`
		} `json:"degraded"`
		Summary map[string]any `json:"summary"`
	}
	r := degradedReport()
	if err := json.Unmarshal(writeJSON(t, r), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Degraded) != 1 || doc.Degraded[0].File != r.Degraded[0].File || !reflect.DeepEqual(doc.Degraded[0].Stubs, r.Degraded[0].Stubs) {
		t.Fatalf("degraded = %+v", doc.Degraded)
	}
	if doc.Summary["degraded"] != 1.0 {
		t.Fatalf("summary.degraded = %v", doc.Summary["degraded"])
	}
}

func TestDegradedSARIF(t *testing.T) {
	r := degradedReport()
	r.Failed = nil
	out := writeSARIF(t, r)
	if err := validateSARIF(sarifSchema(t), out); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	inv := jget(t, log, "runs", 0, "invocations", 0)
	if got := jget(t, inv, "executionSuccessful"); got != true {
		t.Errorf("executionSuccessful = %v: a degraded file is not a failure", got)
	}
	n := jget(t, inv, "toolExecutionNotifications", 0)
	if got := jget(t, n, "level"); got != "warning" {
		t.Errorf("notification level %v, want warning", got)
	}
	if got := jget(t, n, "message", "text"); got != DegradedMessage(r.Degraded[0]) {
		t.Errorf("notification message %v", got)
	}
	if got := jget(t, n, "locations", 0, "physicalLocation", "artifactLocation", "uri"); got != r.Degraded[0].File {
		t.Errorf("notification location %v", got)
	}
	// pcslint merge keeps them
	path := filepath.Join(t.TempDir(), "a.sarif")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := readSARIFReport(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Degraded, r.Degraded) {
		t.Fatalf("read back %+v, want %+v", back.Degraded, r.Degraded)
	}
	merged, err := mergeReports([]*Report{back, back}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(merged.Degraded, r.Degraded) {
		t.Fatalf("merged %+v", merged.Degraded)
	}
}
