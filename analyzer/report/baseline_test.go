package report

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeBaseline(t *testing.T, r *Report) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "base.sarif")
	if err := os.WriteFile(p, writeSARIF(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadBaselineRoundTrip(t *testing.T) {
	r := fullReport()
	r.Findings[0].Loc.File = "drivers/net/pcs/core 2.c" // escaped in the URI
	base, err := ReadBaseline(writeBaseline(t, r))
	if err != nil {
		t.Fatal(err)
	}
	if len(base) != 3 {
		t.Fatalf("%d baseline findings, want 3", len(base))
	}
	f := base[r.Findings[0].Fingerprint]
	want := Finding{
		Rule: "lookup-after-unlock", Level: LevelWarning, Function: "pcs_find",
		Message:     "pcs_mutex is released before the caller takes its references",
		Loc:         Location{File: "drivers/net/pcs/core 2.c", Line: 131, Col: 2, EndLine: 131, EndCol: 24},
		Fingerprint: r.Findings[0].Fingerprint, Patch: "net: pcs: Add helpers for registering and finding PCSs",
	}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("baseline finding\n got %+v\nwant %+v", f, want)
	}
	if s := base[r.Findings[2].Fingerprint]; !s.Suppressed || s.Justification != "holders are notified by the MAC driver" || s.Level != LevelNote {
		t.Fatalf("suppressed finding read as %+v", s)
	}
}

func TestApplyBaseline(t *testing.T) {
	old := fullReport()
	base, err := ReadBaseline(writeBaseline(t, old))
	if err != nil {
		t.Fatal(err)
	}
	// Now: the first finding is unchanged (it moved 5 lines down, same
	// fingerprint), the second is gone, a new one appeared.
	r := &Report{Files: old.Files, Findings: []Finding{old.Findings[0], old.Findings[2], {
		Rule: "module-ref-guard", Level: LevelError, Message: "new one", Loc: Location{File: "drivers/net/pcs/core.c", Line: 300, Col: 1},
		Fingerprint: Fingerprint("module-ref-guard", "pcs_put", "new one", 3),
	}, {Rule: "x", Message: "no fingerprint", Loc: Location{File: "a.c", Line: 1}}}}
	r.Findings[0].Loc.Line += 5
	r.Findings[0].BaselineState = ""
	ApplyBaseline(r, base)
	var states []string
	for _, f := range r.Findings {
		states = append(states, f.BaselineState)
	}
	if want := []string{"unchanged", "unchanged", "new", "new"}; !reflect.DeepEqual(states, want) {
		t.Fatalf("states %v, want %v", states, want)
	}
	if len(r.Absent) != 1 || r.Absent[0].Rule != "module-ref-guard" || r.Absent[0].Loc.Line != 150 || r.Absent[0].BaselineState != "absent" {
		t.Fatalf("absent %+v", r.Absent)
	}

	var text bytes.Buffer
	if err := WriteText(&text, r, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "baseline: 2 new, 1 unchanged, 1 absent\nanalyzed 2 files, 0 failed, 3 findings, 1 suppressed\n") {
		t.Fatalf("text summary:\n%s", text.String())
	}
	// The next run's baseline is this run's SARIF: the absent finding is
	// not carried over.
	again, err := ReadBaseline(writeBaseline(t, r))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := again[old.Findings[1].Fingerprint]; ok || len(again) != 3 {
		t.Fatalf("second baseline has %d findings (absent one included: %v)", len(again), ok)
	}
}

func TestApplyBaselineAbsentOrder(t *testing.T) {
	base := map[string]Finding{}
	for _, f := range []Finding{
		{Rule: "b", Loc: Location{File: "b.c", Line: 1}, Fingerprint: "1"},
		{Rule: "a", Loc: Location{File: "a.c", Line: 9}, Fingerprint: "2"},
		{Rule: "a", Loc: Location{File: "a.c", Line: 2}, Fingerprint: "4"},
		{Rule: "a", Loc: Location{File: "a.c", Line: 2}, Fingerprint: "3"},
	} {
		base[f.Fingerprint] = f
	}
	for i := 0; i < 20; i++ { // map order varies between iterations
		r := &Report{}
		ApplyBaseline(r, base)
		var got []string
		for _, f := range r.Absent {
			got = append(got, f.Fingerprint)
		}
		if want := []string{"3", "4", "2", "1"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("absent order %v, want %v", got, want)
		}
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ content, want string }{
		"text.sarif":  {"analyzed 3 files, 0 failed, 0 findings\n", "is not a SARIF log"},
		"json.sarif":  {`{"version": "pcslint-json/1", "findings": []}`, "is not a SARIF log: no version and runs"},
		"v1.sarif":    {`{"version": "1.0.0", "runs": []}`, `is SARIF "1.0.0"; pcslint reads 2.1.0`},
		"other.sarif": {`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}, "results": []}]}`, `was written by "CodeQL", not pcslint`},
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadBaseline(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to name the file and say %q", name, err, c.want)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "missing.sarif")); err == nil || !strings.Contains(err.Error(), "missing.sarif") {
		t.Errorf("missing file: err = %v", err)
	}
}
