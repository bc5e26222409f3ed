package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"
)

func rel(file string, line int, msg string) Related {
	return Related{Loc: Location{File: file, Line: line, Col: 1}, Message: msg}
}

func TestLinkMessage(t *testing.T) {
	for _, c := range []struct {
		name, msg string
		related   []Related
		want      string
		linked    []bool
	}{
		{"a call its message quotes",
			"reference from of_find_device_by_node() at line 37 leaks",
			[]Related{rel("a.c", 37, "acquired here by of_find_device_by_node()")},
			"reference from [of_find_device_by_node()](1) at line 37 leaks", []bool{true}},
		{"the callee of a call with other arguments",
			"hands out pcs guarded by get_device(pcs->dev): get_device() pins memory",
			[]Related{rel("a.c", 9, "get_device() pins only struct device memory")},
			"hands out pcs guarded by get_device(pcs->dev): [get_device()](1) pins memory", []bool{true}},
		{"a name without parentheses",
			"but acme_remove never calls of_node_put()",
			[]Related{rel("a.c", 128, "remove callback acme_remove()")},
			"but [acme_remove](1) never calls of_node_put()", []bool{true}},
		{"a member chain",
			"guarded by try_module_get(pcs->ops->owner) only",
			[]Related{rel("a.c", 5, "pcs->ops->owner is the module")},
			"guarded by try_module_get([pcs->ops->owner](1)) only", []bool{true}},
		{"line numbers, each used once",
			"leaks (also leaks at lines 70, 75)",
			[]Related{rel("a.c", 70, "also leaks here"), rel("a.c", 75, "also leaks here")},
			"leaks (also leaks at lines [70](1), [75](2))", []bool{true, true}},
		{"a number inside another is no anchor",
			"see line 170 and x1700",
			[]Related{rel("a.c", 17, "here")},
			"see line 170 and x1700", []bool{false}},
		{"an identifier inside a longer one is no anchor",
			"pcs_find_all() returns it",
			[]Related{rel("a.c", 3, "pcs_find() called here")},
			"pcs_find_all() returns it", []bool{false}},
		{"plain words are not anchors",
			"only unlinked here, never told",
			[]Related{rel("a.c", 47, "only unlinked here")},
			"only unlinked here, never told", []bool{false}},
		{"a second mention of the same call",
			"pcs_find() returns pcs; pcs_get_tail() takes it",
			[]Related{rel("a.c", 1, "pcs_find() returns pcs here"), rel("a.c", 2, "pcs_find() called here"), rel("a.c", 3, "passed to pcs_get_tail() here")},
			"[pcs_find()](1) returns pcs; [pcs_get_tail()](3) takes it", []bool{true, false, true}},
		{"brackets and backslashes are escaped, in and out of links",
			`ports[i] leaks from of_get_child_by_name() \ here`,
			[]Related{rel("a.c", 1, "acquired by of_get_child_by_name()")},
			`ports\[i\] leaks from [of_get_child_by_name()](1) \\ here`, []bool{true}},
		{"no related location",
			"a [plain] message",
			nil,
			`a \[plain\] message`, []bool{}},
	} {
		got, linked := linkMessage(c.msg, c.related)
		if got != c.want || !reflect.DeepEqual(linked, c.linked) {
			t.Errorf("%s:\n got %q %v\nwant %q %v", c.name, got, linked, c.want, c.linked)
		}
		if back := unlinkMessage(got); back != c.msg {
			t.Errorf("%s: unlinkMessage gives %q, want the message %q", c.name, back, c.msg)
		}
	}
}

func TestUnlinkMessage(t *testing.T) {
	for in, want := range map[string]string{
		"[a](1) and [b c](12)":        "a and b c",
		`\[x\] \\ y`:                  `[x] \ y`,
		"flags[0] of ports[i](x)":     "flags[0] of ports[i](x)", // written before escaping: kept
		"[unclosed":                   "[unclosed",
		"[a](1":                       "[a](1",
		"[a]()":                       "[a]()",
		`[a\]b](3)`:                   "a]b",
		`C:\path\file.c`:              `C:\path\file.c`,
		"[nested [x](1)](2) is plain": "[nested x](2) is plain",
	} {
		if got := unlinkMessage(in); got != want {
			t.Errorf("unlinkMessage(%q) = %q, want %q", in, got, want)
		}
	}
}

// linkRe matches an embedded link: escaped characters in its text, a
// decimal id (SARIF 2.1.0 §3.11.6).
var linkRe = regexp.MustCompile(`(?:^|[^\\])\[((?:[^\[\]\\]|\\.)*)\]\(([0-9]+)\)`)

// relatedNotShown lists each related location of a result that its
// message does not link and no code flow passes through, and each link to
// an id no related location has.
func relatedNotShown(res map[string]any) []string {
	var problems []string
	text, _ := res["message"].(map[string]any)["text"].(string)
	linked := map[int]bool{}
	for _, m := range linkRe.FindAllStringSubmatch(text, -1) {
		id, _ := strconv.Atoi(m[2])
		linked[id] = true
	}
	onFlow := map[string]bool{}
	flows, _ := res["codeFlows"].([]any)
	for _, cf := range flows {
		for _, tf := range cf.(map[string]any)["threadFlows"].([]any) {
			for _, tl := range tf.(map[string]any)["locations"].([]any) {
				pl, _ := json.Marshal(tl.(map[string]any)["location"].(map[string]any)["physicalLocation"])
				onFlow[string(pl)] = true
			}
		}
	}
	ids := map[int]bool{}
	related, _ := res["relatedLocations"].([]any)
	for _, r := range related {
		rl := r.(map[string]any)
		id := int(rl["id"].(float64))
		ids[id] = true
		pl, _ := json.Marshal(rl["physicalLocation"])
		if !linked[id] && !onFlow[string(pl)] {
			problems = append(problems, fmt.Sprintf("related location %d (%v) is neither linked from the message nor on a code flow; message: %s", id, rl["message"], text))
		}
	}
	for id := range linked {
		if !ids[id] {
			problems = append(problems, fmt.Sprintf("the message links to %d, which no related location is; message: %s", id, text))
		}
	}
	return problems
}

func TestWriteSARIFShowsEveryRelatedLocation(t *testing.T) {
	r := richReport()
	r.Findings = append(r.Findings, Finding{
		Rule: "unbind-unhandled", Level: LevelWarning, Message: "devm_pcs_register() registers a release that only unlinks",
		Loc:     Location{File: "drivers/net/pcs/core.c", Line: 73, Col: 9},
		Related: []Related{rel("drivers/net/pcs/core.c", 52, "the devm release"), rel("drivers/net/pcs/core.c", 47, "only unlinked here")},
	})
	var log map[string]any
	if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
		t.Fatal(err)
	}
	results := jget(t, log, "runs", 0, "results").([]any)
	for i, res := range results {
		for _, p := range relatedNotShown(res.(map[string]any)) {
			t.Errorf("result %d: %s", i, p)
		}
	}
	// The last one links nothing: its related locations are a flow of
	// their own, marked so that reading the log back does not take it
	// for the finding's path.
	last := results[len(results)-1]
	if got := jget(t, last, "codeFlows", 0, "properties", "pcslint/flow"); got != "related" {
		t.Errorf("the related locations' flow is marked %v", got)
	}
	// The check has teeth: without the flow, it fails.
	delete(last.(map[string]any), "codeFlows")
	if len(relatedNotShown(last.(map[string]any))) != 2 {
		t.Error("relatedNotShown accepted unlinked related locations without a flow")
	}
}

func TestAutomationID(t *testing.T) {
	scan, gate := fullReport(), fullReport()
	scan.Patches = nil
	for _, c := range []struct {
		r    *Report
		want string
	}{{scan, "pcslint/scan/"}, {gate, "pcslint/gate/"}} {
		var log map[string]any
		if err := json.Unmarshal(writeSARIF(t, c.r), &log); err != nil {
			t.Fatal(err)
		}
		if got := jget(t, log, "runs", 0, "automationDetails", "id"); got != c.want {
			t.Errorf("automationDetails.id = %v, want %s", got, c.want)
		}
	}
}

// legacyLog is a log as pcslint wrote it before the pcslint/v1 key: the
// fingerprint under primaryLocationLineHash.
func legacyLog(t *testing.T, r *Report) []byte {
	t.Helper()
	out := writeSARIF(t, r)
	legacy := bytes.ReplaceAll(out, []byte(`"`+FingerprintKey+`"`), []byte(`"primaryLocationLineHash"`))
	if bytes.Equal(legacy, out) {
		t.Fatal("no fingerprint to rewrite")
	}
	return legacy
}

func TestLegacyFingerprints(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.sarif")
	if err := os.WriteFile(old, legacyLog(t, fullReport()), 0o644); err != nil {
		t.Fatal(err)
	}
	// --baseline: an old baseline still matches.
	base, err := ReadBaseline(old)
	if err != nil {
		t.Fatal(err)
	}
	r := fullReport()
	ApplyBaseline(r, base)
	for _, f := range r.Findings {
		if f.BaselineState != "unchanged" {
			t.Errorf("%s: %s against the old baseline, want unchanged", f.Rule, f.BaselineState)
		}
	}
	// merge: an old shard and a new one holding the same findings merge
	// into one log with the new key.
	now := writeSARIFFile(t, dir, "new.sarif", fullReport())
	var merged bytes.Buffer
	if err := MergeSARIF([]string{old, now}, "", &merged); err != nil {
		t.Fatal(err)
	}
	if want := writeSARIF(t, fullReport()); !bytes.Equal(merged.Bytes(), want) {
		t.Errorf("old and new log of the same run merge into\n%s", lineDiff(string(want), merged.String()))
	}
	// a log with both keys (a pcslint/v1 log that went through upload-sarif)
	// is read by pcslint's own.
	both := bytes.ReplaceAll(writeSARIF(t, fullReport()), []byte(`"`+FingerprintKey+`": "`), []byte(`"primaryLocationLineHash": "gh:1", "`+FingerprintKey+`": "`))
	p := filepath.Join(dir, "both.sarif")
	if err := os.WriteFile(p, both, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := readSARIFReport(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := back.Findings[0].Fingerprint, fullReport().Findings[0].Fingerprint; got != want {
		t.Errorf("fingerprint %q read from a log with both keys, want pcslint's %q", got, want)
	}
}
