package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func writeJSON(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestWriteJSONSchema(t *testing.T) {
	r := fullReport()
	r.Absent = []Finding{{Rule: "lookup-after-unlock", Level: LevelWarning, Message: "gone", Loc: Location{File: "drivers/net/pcs/core.c", Line: 90, Col: 1}, Fingerprint: "ab", BaselineState: "absent"}}
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, r), &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := keysOf(doc), []string{"absent", "degraded", "failed", "files", "findings", "patches", "root", "summary", "tool", "treeKind", "version"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("top-level keys %v, want %v", got, want)
	}
	if doc["version"] != "pcslint-json/1" {
		t.Fatalf("version %v", doc["version"])
	}
	f0 := doc["findings"].([]any)[0].(map[string]any)
	wantKeys := []string{"baselineState", "col", "endCol", "endLine", "file", "fingerprint", "fixes", "function", "justification", "level", "line", "message", "patch", "path", "related", "rule", "suppressed"}
	if got := keysOf(f0); !reflect.DeepEqual(got, wantKeys) {
		t.Fatalf("finding keys %v, want %v", got, wantKeys)
	}
	if got := keysOf(doc["absent"].([]any)[0].(map[string]any)); !reflect.DeepEqual(got, wantKeys) {
		t.Fatalf("absent finding keys %v", got)
	}
	for k, want := range map[string]any{
		"rule": "lookup-after-unlock", "level": "warning", "file": "drivers/net/pcs/core.c",
		"line": 131.0, "col": 2.0, "endCol": 24.0, "function": "pcs_find", "baselineState": "new",
		"patch":       "net: pcs: Add helpers for registering and finding PCSs",
		"fingerprint": r.Findings[0].Fingerprint, "suppressed": false,
	} {
		if f0[k] != want {
			t.Errorf("findings[0].%s = %#v, want %#v", k, f0[k], want)
		}
	}
	if got := f0["path"].([]any)[1]; !reflect.DeepEqual(got, map[string]any{"file": "drivers/net/pcs/core.c", "line": 131.0, "col": 2.0, "message": "lock dropped"}) {
		t.Errorf("path[1] = %v", got)
	}
	if got := f0["related"].([]any)[1].(map[string]any)["file"]; got != "include/linux/pcs.h" {
		t.Errorf("related[1].file = %v", got)
	}
	// An insertion's end is its start.
	edit := doc["findings"].([]any)[1].(map[string]any)["fixes"].([]any)[0].(map[string]any)["edits"].([]any)[1]
	if want := map[string]any{"file": "drivers/net/pcs/core.c", "line": 160.0, "col": 1.0, "endLine": 160.0, "endCol": 1.0, "text": "\tdevice_link_del(link);\n"}; !reflect.DeepEqual(edit, want) {
		t.Errorf("insertion edit = %v", edit)
	}
	wantSummary := map[string]any{"files": 2.0, "failed": 1.0, "degraded": 0.0, "findings": 2.0, "suppressed": 1.0, "error": 1.0, "warning": 1.0, "note": 0.0, "new": 1.0, "unchanged": 1.0, "absent": 1.0}
	if !reflect.DeepEqual(doc["summary"], wantSummary) {
		t.Errorf("summary %v, want %v", doc["summary"], wantSummary)
	}
	if got := doc["failed"].([]any)[0]; !reflect.DeepEqual(got, map[string]any{"file": "drivers/net/pcs/pcs-lynx.c", "line": 3.0, "col": 10.0, "message": "linux/foo.h: file not found"}) {
		t.Errorf("failed[0] = %v", got)
	}
	if got := doc["patches"].([]any)[0]; !reflect.DeepEqual(got, map[string]any{"subject": "net: pcs: Add helpers for registering and finding PCSs", "file": "0003.patch", "new": 1.0, "fixed": 0.0}) {
		t.Errorf("patches[0] = %v", got)
	}
}

func TestWriteJSONEmptyAndStable(t *testing.T) {
	out := writeJSON(t, &Report{})
	if bytes.Contains(out, []byte("null")) {
		t.Fatalf("empty report has null:\n%s", out)
	}
	for _, k := range []string{`"findings": []`, `"files": []`, `"failed": []`, `"absent": []`, `"patches": []`} {
		if !bytes.Contains(out, []byte(k)) {
			t.Errorf("empty report lacks %s", k)
		}
	}
	a, b := writeJSON(t, fullReport()), writeJSON(t, fullReport())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes differ")
	}
	if !strings.Contains(string(a), "pcs->dev") {
		t.Error("HTML characters are escaped")
	}
}
