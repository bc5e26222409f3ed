package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
)

// subset keeps the part of a report under the given directories.
func subset(r *report.Report, prefixes ...string) *report.Report {
	in := func(f string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return false
	}
	out := &report.Report{ToolVersion: driver.Version(), Root: r.Root, TreeKind: r.TreeKind, Rules: r.Rules}
	for _, f := range r.Files {
		if in(f) {
			out.Files = append(out.Files, f)
		}
	}
	for _, f := range r.Failed {
		if in(f.File) {
			out.Failed = append(out.Failed, f)
		}
	}
	for _, f := range r.Findings {
		if in(f.Loc.File) {
			out.Findings = append(out.Findings, f)
		}
	}
	return out
}

// The SARIF of a run over drivers/net/pcs and drivers/phy is valid against
// the OASIS 2.1.0 schema and Microsoft's SARIF multitool.
func TestSARIFOfRealRunIsValid(t *testing.T) {
	_, full := scanTree(t, "configured")
	rep := subset(full, "drivers/net/pcs/", "drivers/phy/")
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	schemaFile, _ := filepath.Abs("../../analyzer/report/testdata/sarif-schema-2.1.0.json")
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaFile, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF does not match the 2.1.0 schema: %v", err)
	}
	var log map[string]any
	_ = json.Unmarshal(buf.Bytes(), &log)
	t.Logf("%d findings, %d files, %d failed: valid against the schema", len(rep.Findings), len(rep.Files), len(rep.Failed))

	if _, err := exec.LookPath("npx"); err != nil {
		t.Skip("npx not installed: sarif-multitool validate skipped")
	}
	out := filepath.Join(t.TempDir(), "run.sarif")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "../../scripts/validate-sarif.sh", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool validate: %v\n%s", err, b)
	}
}
