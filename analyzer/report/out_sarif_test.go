package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// fullReport exercises every feature the SARIF writer renders.
func fullReport() *Report {
	return &Report{
		ToolVersion: "0.3.0",
		Root:        "/src/linux 6.12",
		TreeKind:    "pristine",
		Files:       []string{"drivers/net/pcs/core.c", "drivers/net/pcs/pcs-lynx.c"},
		Failed:      []FileError{{File: "drivers/net/pcs/pcs-lynx.c", Line: 3, Col: 10, Message: "linux/foo.h: file not found"}},
		Rules: []RuleInfo{
			{ID: "module-ref-guard", Short: "try_module_get() as a lifetime guard", Full: "A module reference does not keep a device bound.", Markdown: "# module-ref-guard\nUse a device link.", HelpURI: "https://github.com/pcslint/pcslint/blob/main/docs/rules/module-ref-guard.md", Level: LevelError, Tags: []string{"lifetime", "correctness"},
				Precision: "high", SecuritySeverity: "4.0", CWE: []int{416}},
			{ID: "lookup-after-unlock", Short: "lookup result used after the lock is dropped", Level: LevelWarning},
			{ID: "module-ref-guard", Short: "duplicate, dropped"},
		},
		Findings: []Finding{
			{
				Rule: "lookup-after-unlock", Level: LevelWarning, Function: "pcs_find",
				Message: "pcs_mutex is released before the caller takes its references",
				Loc:     Location{File: "drivers/net/pcs/core.c", Line: 131, Col: 2, EndLine: 131, EndCol: 24},
				Related: []Related{{Loc: Location{File: "drivers/net/pcs/core.c", Line: 120, Col: 2}, Message: "pcs_mutex taken here"}, {Loc: Location{File: "include/linux/pcs.h", Line: 20, Col: 1}, Message: "declared here"}},
				Path: []Step{
					{Loc: Location{File: "drivers/net/pcs/core.c", Line: 122, Col: 3}, Message: "pcs found in the list"},
					{Loc: Location{File: "drivers/net/pcs/core.c", Line: 131, Col: 2}, Message: "lock dropped"},
				},
				Fingerprint:   Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex is released before the caller takes its references", 11),
				BaselineState: "new",
				Patch:         "net: pcs: Add helpers for registering and finding PCSs",
			},
			{
				Rule: "module-ref-guard", Level: LevelError, Function: "pcs_get_tail",
				Message: "try_module_get() does not keep the device bound",
				Loc:     Location{File: "drivers/net/pcs/core.c", Line: 150, Col: 7},
				Fixes: []Fix{{Description: "add a device link", Edits: []Edit{
					{Start: Location{File: "drivers/net/pcs/core.c", Line: 150, Col: 7}, End: Location{File: "drivers/net/pcs/core.c", Line: 150, Col: 30}, Text: "device_link_add(dev, pcs->dev, DL_FLAG_STATELESS)"},
					{Start: Location{File: "drivers/net/pcs/core.c", Line: 160, Col: 1}, Text: "\tdevice_link_del(link);\n"},
				}}},
				Fingerprint:   Fingerprint("module-ref-guard", "pcs_get_tail", "try_module_get() does not keep the device bound", 4),
				BaselineState: "unchanged",
			},
			{
				Rule: "unbind-unhandled", Level: LevelNote, Suppressed: true, Justification: "holders are notified by the MAC driver",
				Message: "pcs_unregister() never tells holders", Loc: Location{File: "drivers/net/pcs/core.c", Line: 200},
				Fingerprint: Fingerprint("unbind-unhandled", "pcs_unregister", "pcs_unregister() never tells holders", 2),
			},
		},
		Patches: []PatchInfo{{Subject: "net: pcs: Add helpers for registering and finding PCSs", File: "0003.patch", New: 1}},
	}
}

func writeSARIF(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sarifSchema compiles the official OASIS SARIF 2.1.0 schema (errata 01),
// asserting formats (uri, uri-reference) too.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, out []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func TestWriteSARIFValidates(t *testing.T) {
	sch := sarifSchema(t)
	for name, r := range map[string]*Report{"full": fullReport(), "empty": {}} {
		if err := validateSARIF(sch, writeSARIF(t, r)); err != nil {
			t.Errorf("%s report: SARIF does not validate: %v", name, err)
		}
	}
	// The check has teeth: a level SARIF does not know is rejected.
	bad := fullReport()
	bad.Findings[0].Level = "fatal"
	if err := validateSARIF(sch, writeSARIF(t, bad)); err == nil {
		t.Fatal("schema accepted result level \"fatal\"")
	}
	// PCSLINT_SARIF_OUT=file keeps this log, to try scripts/validate-sarif.sh.
	if out := os.Getenv("PCSLINT_SARIF_OUT"); out != "" {
		if err := os.WriteFile(out, writeSARIF(t, fullReport()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWriteSARIFDeterministic(t *testing.T) {
	a, b := writeSARIF(t, fullReport()), writeSARIF(t, fullReport())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same report differ")
	}
	for _, s := range []string{"TimeUtc", "startTime", "endTime"} {
		if bytes.Contains(a, []byte(s)) {
			t.Errorf("output holds %q", s)
		}
	}
}

// jget walks decoded JSON by object keys and array indexes.
func jget(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: not an object", path)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("at %v: no key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at %v: no index %d", path, k)
			}
			v = a[k]
		}
	}
	return v
}

func TestWriteSARIFContent(t *testing.T) {
	var log map[string]any
	if err := json.Unmarshal(writeSARIF(t, fullReport()), &log); err != nil {
		t.Fatal(err)
	}
	run := jget(t, log, "runs", 0)
	eq := func(want any, path ...any) {
		t.Helper()
		if got := jget(t, run, path...); !reflect.DeepEqual(got, want) {
			t.Errorf("%v = %#v, want %#v", path, got, want)
		}
	}
	if v := jget(t, log, "version"); v != "2.1.0" {
		t.Errorf("version %v", v)
	}
	eq("pcslint", "tool", "driver", "name")
	eq("0.3.0", "tool", "driver", "version")
	eq(InformationURI, "tool", "driver", "informationUri")
	eq("file:///src/linux%206.12/", "originalUriBaseIds", "%SRCROOT%", "uri")

	// Rules: deduplicated (first wins), sorted, a bare one for a rule with
	// no RuleInfo.
	rules := jget(t, run, "tool", "driver", "rules").([]any)
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.(map[string]any)["id"].(string))
	}
	if want := []string{"lookup-after-unlock", "module-ref-guard", "unbind-unhandled"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("rule ids %v, want %v", ids, want)
	}
	eq("try_module_get() as a lifetime guard", "tool", "driver", "rules", 1, "shortDescription", "text")
	eq("A module reference does not keep a device bound.", "tool", "driver", "rules", 1, "fullDescription", "text")
	eq("A module reference does not keep a device bound.", "tool", "driver", "rules", 1, "help", "text")
	eq("# module-ref-guard\nUse a device link.", "tool", "driver", "rules", 1, "help", "markdown")
	eq("https://github.com/pcslint/pcslint/blob/main/docs/rules/module-ref-guard.md", "tool", "driver", "rules", 1, "helpUri")
	eq("error", "tool", "driver", "rules", 1, "defaultConfiguration", "level")
	eq([]any{"correctness", "external/cwe/cwe-416", "lifetime", "security"}, "tool", "driver", "rules", 1, "properties", "tags")
	eq("high", "tool", "driver", "rules", 1, "properties", "precision")
	eq("4.0", "tool", "driver", "rules", 1, "properties", "security-severity")
	// a rule without a standing has neither
	if p := jget(t, run, "tool", "driver", "rules", 0, "properties").(map[string]any); p["precision"] != nil || p["security-severity"] != nil {
		t.Errorf("lookup-after-unlock has no standing, yet properties %v", p)
	}
	eq("note", "tool", "driver", "rules", 2, "defaultConfiguration", "level")

	// Result 0: locations, related ids, code flow, fingerprint, baseline,
	// patch.
	eq("lookup-after-unlock", "results", 0, "ruleId")
	eq(0.0, "results", 0, "ruleIndex")
	eq("warning", "results", 0, "level")
	eq("[pcs_mutex](1) is released before the caller takes its references", "results", 0, "message", "text")
	eq("drivers/net/pcs/core.c", "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri")
	eq("%SRCROOT%", "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uriBaseId")
	eq(0.0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "index")
	eq(131.0, "results", 0, "locations", 0, "physicalLocation", "region", "startLine")
	eq(2.0, "results", 0, "locations", 0, "physicalLocation", "region", "startColumn")
	eq(24.0, "results", 0, "locations", 0, "physicalLocation", "region", "endColumn")
	eq("pcs_find", "results", 0, "locations", 0, "logicalLocations", 0, "name")
	eq("function", "results", 0, "locations", 0, "logicalLocations", 0, "kind")
	eq(1.0, "results", 0, "relatedLocations", 0, "id")
	eq(2.0, "results", 0, "relatedLocations", 1, "id")
	eq("declared here", "results", 0, "relatedLocations", 1, "message", "text")
	eq("include/linux/pcs.h", "results", 0, "relatedLocations", 1, "physicalLocation", "artifactLocation", "uri")
	eq("pcs found in the list", "results", 0, "codeFlows", 0, "threadFlows", 0, "locations", 0, "location", "message", "text")
	eq(131.0, "results", 0, "codeFlows", 0, "threadFlows", 0, "locations", 1, "location", "physicalLocation", "region", "startLine")
	eq(fullReport().Findings[0].Fingerprint, "results", 0, "partialFingerprints", FingerprintKey)
	if _, ok := jget(t, run, "results", 0, "partialFingerprints").(map[string]any)["primaryLocationLineHash"]; ok {
		t.Error("pcslint writes GitHub's primaryLocationLineHash: upload-sarif warns about it")
	}
	eq("new", "results", 0, "baselineState")
	eq("net: pcs: Add helpers for registering and finding PCSs", "results", 0, "properties", "patch")

	// Result 1: fix with a replacement and an insertion.
	eq(1.0, "results", 1, "ruleIndex")
	eq("add a device link", "results", 1, "fixes", 0, "description", "text")
	eq("drivers/net/pcs/core.c", "results", 1, "fixes", 0, "artifactChanges", 0, "artifactLocation", "uri")
	eq(30.0, "results", 1, "fixes", 0, "artifactChanges", 0, "replacements", 0, "deletedRegion", "endColumn")
	eq("device_link_add(dev, pcs->dev, DL_FLAG_STATELESS)", "results", 1, "fixes", 0, "artifactChanges", 0, "replacements", 0, "insertedContent", "text")
	eq(160.0, "results", 1, "fixes", 0, "artifactChanges", 0, "replacements", 1, "deletedRegion", "endLine")
	eq(1.0, "results", 1, "fixes", 0, "artifactChanges", 0, "replacements", 1, "deletedRegion", "endColumn")
	eq("unchanged", "results", 1, "baselineState")

	// Result 2: suppressed, kept.
	eq("inSource", "results", 2, "suppressions", 0, "kind")
	eq("holders are notified by the MAC driver", "results", 2, "suppressions", 0, "justification")
	eq(2.0, "results", 2, "ruleIndex")

	// Invocation and artifacts.
	eq(false, "invocations", 0, "executionSuccessful")
	eq("error", "invocations", 0, "toolExecutionNotifications", 0, "level")
	eq("cannot analyze: linux/foo.h: file not found", "invocations", 0, "toolExecutionNotifications", 0, "message", "text")
	eq("drivers/net/pcs/pcs-lynx.c", "invocations", 0, "toolExecutionNotifications", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri")
	eq(3.0, "invocations", 0, "toolExecutionNotifications", 0, "locations", 0, "physicalLocation", "region", "startLine")
	eq("drivers/net/pcs/pcs-lynx.c", "artifacts", 1, "location", "uri")
	eq("%SRCROOT%", "artifacts", 1, "location", "uriBaseId")
	eq(1.0, "artifacts", 1, "location", "index")
	eq("pristine", "properties", "pcslint/treeKind")

	if _, ok := jget(t, run, "results", 0).(map[string]any)["suppressions"]; ok {
		t.Error("an unsuppressed result has suppressions")
	}
	if inv := jget(t, run, "invocations", 0).(map[string]any); inv["startTimeUtc"] != nil || inv["endTimeUtc"] != nil {
		t.Error("invocation has times")
	}
}

func TestWriteSARIFSuccessfulRun(t *testing.T) {
	r := fullReport()
	r.Failed = nil
	var log map[string]any
	if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
		t.Fatal(err)
	}
	if got := jget(t, log, "runs", 0, "invocations", 0, "executionSuccessful"); got != true {
		t.Fatalf("executionSuccessful = %v with no failed file", got)
	}
	if n, ok := jget(t, log, "runs", 0, "invocations", 0).(map[string]any)["toolExecutionNotifications"]; ok {
		t.Fatalf("notifications %v with no failed file", n)
	}
}

func TestWriteSARIFLimits(t *testing.T) {
	r := &Report{Root: "/src", Files: []string{"a.c"}}
	many := Finding{Rule: "r", Level: LevelWarning, Message: "m", Loc: Location{File: "a.c", Line: 1, Col: 1}}
	for i := 0; i < 12; i++ {
		many.Related = append(many.Related, Related{Loc: Location{File: "a.c", Line: i + 2, Col: 1}, Message: fmt.Sprint("r", i)})
	}
	r.Findings = append(r.Findings, many)
	for i := 1; i <= maxSARIFResults; i++ {
		r.Findings = append(r.Findings, Finding{Rule: "r", Level: LevelNote, Message: fmt.Sprint("n", i), Loc: Location{File: "a.c", Line: i, Col: 1}})
	}
	out := writeSARIF(t, r)
	if err := validateSARIF(sarifSchema(t), out); err != nil {
		t.Fatalf("truncated SARIF does not validate: %v", err)
	}
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := jget(t, log, "runs", 0)
	results := jget(t, run, "results").([]any)
	if len(results) != maxSARIFResults {
		t.Fatalf("%d results, want %d", len(results), maxSARIFResults)
	}
	if last := jget(t, results, maxSARIFResults-1, "message", "text"); last != fmt.Sprint("n", maxSARIFResults-1) {
		t.Fatalf("last kept result is %v: not cut at the end", last)
	}
	// GitHub caps a result's locations, not its related locations: all 12 stay.
	rel := jget(t, results, 0, "relatedLocations").([]any)
	if len(rel) != 12 || jget(t, rel, 11, "message", "text") != "r11" {
		t.Fatalf("%d related locations, want all 12", len(rel))
	}
	want := map[string]any{
		"pcslint/resultsTruncated": map[string]any{"total": float64(maxSARIFResults + 1), "kept": float64(maxSARIFResults)},
	}
	for k, v := range want {
		if got := jget(t, run, "properties", k); !reflect.DeepEqual(got, v) {
			t.Errorf("run property %s = %v, want %v", k, got, v)
		}
	}
	for _, s := range []string{"pcslint/patches", "relatedLocationsTruncated"} {
		if strings.Contains(string(out), s) {
			t.Errorf("the log has %s", s)
		}
	}
}
