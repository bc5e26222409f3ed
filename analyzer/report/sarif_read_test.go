package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// richReport is fullReport plus the corners of the URI and rule encoding:
// escaped and colon-holding file names, a rule only a finding names, a
// rule with markdown help only, a finding on a whole file, a failed file
// without a position, a Windows-looking line ending in a message.
func richReport() *Report {
	r := fullReport()
	r.Files = append(r.Files, "drivers/phy/a b%c#d?.c", "x:y/z.c")
	r.Failed = append(r.Failed, FileError{File: "drivers/phy/broken.c", Message: "not a C source file (binary content)"})
	r.Rules = append(r.Rules, RuleInfo{ID: "md-only", Markdown: "# md-only\n\ntext", Level: LevelNote, Tags: []string{"b", "a"}})
	r.Findings = append(r.Findings,
		Finding{Rule: "no-descriptor", Level: LevelError, Message: "whole file\r\n<&>", Loc: Location{File: "x:y/z.c"}},
		Finding{Rule: "md-only", Level: LevelNote, Message: "in a strange file", Function: "f",
			Loc: Location{File: "drivers/phy/a b%c#d?.c", Line: 7, Col: 1}, Fingerprint: "abc", Suppressed: true,
			Path: []Step{{Loc: Location{File: "x:y/z.c", Line: 1}}, {Loc: Location{File: "drivers/phy/a b%c#d?.c", Line: 7, Col: 1}, Message: "here"}}},
	)
	r.Patches = append(r.Patches, PatchInfo{Subject: "second", File: "0004.patch", Fixed: 2})
	return r
}

func writeSARIFFile(t *testing.T, dir, name string, r *Report) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, writeSARIF(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadSARIFReportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for name, r := range map[string]*Report{"full": fullReport(), "rich": richReport(), "empty": {}, "root": {Root: "/", Files: []string{"a.c"}}} {
		first := writeSARIF(t, r)
		p := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(p, first, 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := readSARIFReport(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if second := writeSARIF(t, back); !bytes.Equal(first, second) {
			t.Errorf("%s: WriteSARIF(readSARIFReport(WriteSARIF(r))) differs:\n%s", name, lineDiff(string(first), string(second)))
		}
		if back.Root != r.Root {
			t.Errorf("%s: root %q, want %q", name, back.Root, r.Root)
		}
	}
}

// TestReadSARIFReportFields checks the report itself, not only its bytes.
func TestReadSARIFReportFields(t *testing.T) {
	r := richReport()
	back, err := readSARIFReport(writeSARIFFile(t, t.TempDir(), "r.sarif", r))
	if err != nil {
		t.Fatal(err)
	}
	want := richReport()
	// What WriteSARIF normalizes: duplicate rules dropped, rules sorted,
	// descriptors for rules only findings name, descriptions GitHub
	// requires filled (the short one, else the id), tags sorted, an
	// edit's unset end made explicit, columns of edits at least 1.
	want.Rules = []RuleInfo{
		{ID: "lookup-after-unlock", Short: "lookup result used after the lock is dropped", Full: "lookup result used after the lock is dropped", Level: LevelWarning},
		{ID: "md-only", Short: "md-only", Full: "md-only", Markdown: "# md-only\n\ntext", Level: LevelNote, Tags: []string{"a", "b"}},
		fullReport().Rules[0],
		{ID: "no-descriptor", Short: "no-descriptor", Full: "no-descriptor", Level: LevelError},
		{ID: "unbind-unhandled", Short: "unbind-unhandled", Full: "unbind-unhandled", Level: LevelNote},
	}
	want.Rules[2].Tags = []string{"correctness", "lifetime"}
	want.Findings[1].Fixes[0].Edits[1].End = want.Findings[1].Fixes[0].Edits[1].Start
	if !reflect.DeepEqual(back, want) {
		t.Errorf("read back\n got %+v\nwant %+v", back, want)
	}
}

func TestReadSARIFReportErrors(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ content, want string }{
		"text.sarif":   {"analyzed 3 files, 0 failed, 0 findings\n", "is not a SARIF log"},
		"json.sarif":   {`{"version": "pcslint-json/1", "findings": []}`, "is not a SARIF log: no version and runs"},
		"v1.sarif":     {`{"version": "1.0.0", "runs": []}`, `is SARIF "1.0.0"; pcslint reads 2.1.0`},
		"none.sarif":   {`{"version": "2.1.0", "runs": []}`, "a SARIF log with no runs"},
		"other.sarif":  {`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}, "results": []}]}`, `was written by "CodeQL", not pcslint`},
		"shape.sarif":  {`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pcslint"}}, "results": [{"level": 3}]}]}`, "is not a SARIF log"},
		"root.sarif":   {`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pcslint"}}, "originalUriBaseIds": {"%SRCROOT%": {"uri": "http://x/"}}}]}`, "bad %SRCROOT% base URI"},
		"broken.sarif": {"{\"version\": \"2.1.0\",\n\"runs\": [", "is not a SARIF log"},
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := readSARIFReport(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want one line naming the file and saying %q", name, err, c.want)
		}
	}
	if _, err := readSARIFReport(filepath.Join(dir, "missing.sarif")); err == nil || err.Error() != filepath.Join(dir, "missing.sarif")+": no such file" {
		t.Errorf("missing file: err = %v", err)
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(same lines)"
}
