package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bluekeyes/go-gitdiff/gitdiff"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/gate"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/kerneltree"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// realBugsDir holds the corpus of real kernel fixes (testdata/realbugs,
// chosen as SELECTION.md there says; results in docs/realbugs.md).
const realBugsDir = "../../testdata/realbugs"

// The modes a case is measured in. gate: `pcslint --patch REVERT` from the
// tree root, REVERT being the fix reversed; file: `pcslint FILE` on the
// buggy file(s); dir: `pcslint DIR` on the .c files directly in the buggy
// file's directory (not its subdirectories: drivers/gpu/drm's would be all
// of DRM). file and dir read the buggy file through the analyzer's overlay,
// as the gate does, so the shared tree is never written.
var realBugModes = []string{"gate", "file", "dir"}

// realBugDirsEnv turns dir mode on. It is off by default: it parses whole
// driver directories (drivers/mfd, drivers/media/i2c) and takes about three
// times as long as gate and file mode together; on the corpus as measured
// in docs/realbugs.md it found exactly what file mode found.
const realBugDirsEnv = "PCSLINT_REALBUGS_DIRS"

// realBugCase is a case.json.
type realBugCase struct {
	Source struct {
		List      string `json:"list"`
		MessageID string `json:"message_id"`
		Lore      string `json:"lore"`
	} `json:"source"`
	Subject   string   `json:"subject"`
	Fixes     []string `json:"fixes"`
	Files     []string `json:"files"`
	Functions []string `json:"functions"`
	Class     string   `json:"class"`
	Rule      string   `json:"rule"`
	Trimmed   string   `json:"trimmed,omitempty"`
	// KnownMiss maps a mode to why pcslint misses the case there.
	KnownMiss map[string]string `json:"known_miss,omitempty"`

	name string // directory name, NN-slug
}

// loadRealBugs reads every case of the corpus, in directory order.
func loadRealBugs(t *testing.T) []*realBugCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(realBugsDir, "[0-9]*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases under %s (%v)", realBugsDir, err)
	}
	sort.Strings(dirs)
	var cases []*realBugCase
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, "case.json"))
		if err != nil {
			t.Fatal(err)
		}
		c := &realBugCase{name: filepath.Base(d)}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(c); err != nil {
			t.Fatalf("%s/case.json: %v", d, err)
		}
		if c.Rule == "" || len(c.Functions) == 0 || len(c.Files) == 0 {
			t.Fatalf("%s/case.json: rule, functions and files are required", d)
		}
		for m := range c.KnownMiss {
			if !validMode(m) {
				t.Fatalf("%s/case.json: known_miss names mode %q (want one of %v)", d, m, realBugModes)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

func validMode(m string) bool {
	for _, x := range realBugModes {
		if x == m {
			return true
		}
	}
	return false
}

// reversePatch reads a case's fix.patch and returns the patch that undoes
// it, that is, the one bringing the bug back.
func reversePatch(t *testing.T, fix string) *gate.Patch {
	t.Helper()
	ps, err := gate.ReadPatches(fix)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%s: %d patches, want 1", fix, len(ps))
	}
	rev := &gate.Patch{Subject: "Revert \"" + ps[0].Subject + "\"", Source: fix + " (reversed)"}
	for _, f := range ps[0].Files {
		if f.IsNew || f.IsDelete || f.IsRename || f.IsCopy || f.IsBinary {
			t.Fatalf("%s: %s: only modified text files can be reversed", fix, f.NewName)
		}
		r := *f
		r.OldOIDPrefix, r.NewOIDPrefix = f.NewOIDPrefix, f.OldOIDPrefix
		r.TextFragments = nil
		for _, frag := range f.TextFragments {
			rf := *frag
			rf.OldPosition, rf.NewPosition = frag.NewPosition, frag.OldPosition
			rf.OldLines, rf.NewLines = frag.NewLines, frag.OldLines
			rf.LinesAdded, rf.LinesDeleted = frag.LinesDeleted, frag.LinesAdded
			rf.Lines = make([]gitdiff.Line, len(frag.Lines))
			for i, l := range frag.Lines {
				switch l.Op {
				case gitdiff.OpAdd:
					l.Op = gitdiff.OpDelete
				case gitdiff.OpDelete:
					l.Op = gitdiff.OpAdd
				}
				rf.Lines[i] = l
			}
			if err := rf.Validate(); err != nil {
				t.Fatalf("%s: reversed hunk %s: %v", fix, frag.Header(), err)
			}
			r.TextFragments = append(r.TextFragments, &rf)
		}
		rev.Files = append(rev.Files, &r)
	}
	return rev
}

// writePatch writes p as a format-patch mail, the form `--patch` reads.
func writePatch(t *testing.T, p *gate.Patch) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: pcslint realbugs <realbugs@example.com>\nSubject: [PATCH] %s\n\n---\n", p.Subject)
	for _, f := range p.Files {
		b.WriteString(f.String())
	}
	b.WriteString("-- \n2.39.5\n")
	out := filepath.Join(t.TempDir(), "revert.patch")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// lineRange is the first and last line of a function definition.
type lineRange struct{ first, last int }

// functionRange finds the definition of fn in C source: a line starting in
// column 0 that names fn before '(' (the kernel puts definitions there,
// with the return type on the same or the previous line), whose parameter
// list is followed by '{'; the body ends at the matching '}'. Comments,
// strings and character literals are skipped when counting braces.
func functionRange(src []byte, fn string) (lineRange, bool) {
	re := regexp.MustCompile(`(?m)^(?:[A-Za-z_][^;{}()\n]*[\s*])?` + regexp.QuoteMeta(fn) + `\s*\(`)
	for _, loc := range re.FindAllIndex(src, -1) {
		i := loc[1] // just after '('
		depth := 1
		for i < len(src) && depth > 0 {
			switch src[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			i++
		}
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n') {
			i++
		}
		if i >= len(src) || src[i] != '{' {
			continue // a prototype or a call
		}
		end, ok := matchBrace(src, i)
		if !ok {
			return lineRange{}, false
		}
		return lineRange{lineOf(src, loc[0]), lineOf(src, end)}, true
	}
	return lineRange{}, false
}

// matchBrace returns the offset of the '}' closing the '{' at open.
func matchBrace(src []byte, open int) (int, bool) {
	depth := 0
	for i := open; i < len(src); i++ {
		switch c := src[i]; {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			if j < 0 {
				return 0, false
			}
			i += j + 3
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

func lineOf(src []byte, off int) int { return bytes.Count(src[:off], []byte("\n")) + 1 }

// realBugTarget is where a case's finding must be: the line ranges of its
// functions in the buggy files (the fix reversed), by file relative to the
// tree root.
type realBugTarget map[string]map[string]lineRange

// found reports whether one of fs is of the case's rule and lies inside one
// of its functions, with that finding; else it says what was reported in
// the buggy files.
func (tg realBugTarget) found(c *realBugCase, fs []report.Finding) (bool, string) {
	var other []string
	for _, f := range fs {
		ranges, buggy := tg[f.Loc.File]
		if f.Suppressed || !buggy {
			continue
		}
		for _, r := range ranges {
			if f.Rule == c.Rule && f.Loc.Line >= r.first && f.Loc.Line <= r.last {
				return true, fmt.Sprintf("line %d: %s", f.Loc.Line, f.Message)
			}
		}
		where := f.Function
		if where == "" {
			where = "file scope"
		}
		msg := f.Message
		if len(msg) > 120 {
			msg = msg[:120] + "..."
		}
		other = append(other, fmt.Sprintf("%s in %s (line %d): %s", f.Rule, where, f.Loc.Line, msg))
	}
	if len(other) == 0 {
		return false, "nothing reported in the buggy file"
	}
	return false, "reported instead: " + strings.Join(other, "; ")
}

// realBugResult is one case measured in every mode.
type realBugResult struct {
	c     *realBugCase
	ran   map[string]bool
	found map[string]bool
	why   map[string]string // a miss: what pcslint reported instead
}

// TestRealBugs measures pcslint on real kernel bugs: each case of
// testdata/realbugs is a fix from the mailing lists; reversed on the
// configured 6.12 tree it brings the bug back, and pcslint must report it
// in gate, file and dir mode. A case marked known_miss in a mode must be
// missed there, so that the marks stay honest. PCSLINT_REALBUGS_TABLE=FILE
// writes the results as the markdown table of docs/realbugs.md.
func TestRealBugs(t *testing.T) {
	root := kerneltree.Get(t, "configured")
	cases := loadRealBugs(t)
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	var results []realBugResult
	for _, c := range cases {
		res := realBugResult{c: c, ran: map[string]bool{}, found: map[string]bool{}, why: map[string]string{}}
		t.Run(c.name, func(t *testing.T) {
			measureRealBug(t, root, tree, c, &res)
		})
		results = append(results, res)
	}
	for _, m := range realBugModes {
		if m == "dir" && os.Getenv(realBugDirsEnv) != "1" {
			t.Logf("dir mode: not run (set %s=1)", realBugDirsEnv)
			continue
		}
		n, ran := 0, 0
		var misses []string
		for _, r := range results {
			switch {
			case !r.ran[m]:
			case r.found[m]:
				ran++
				n++
			default:
				ran++
				misses = append(misses, r.c.name)
			}
		}
		t.Logf("%s mode: found %d of %d; missed: %s", m, n, ran, strings.Join(misses, ", "))
	}
	if out := os.Getenv("PCSLINT_REALBUGS_TABLE"); out != "" {
		if err := os.WriteFile(out, realBugTable(results), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func measureRealBug(t *testing.T, root string, tree *cparse.Tree, c *realBugCase, res *realBugResult) {
	fix := filepath.Join(realBugsDir, c.name, "fix.patch")
	rev := reversePatch(t, fix)
	after, changed, _, err := gate.ApplyPatch(root, tree.Overlay(), rev)
	if err != nil {
		t.Fatalf("the fix does not reverse-apply to the tree: %v", err)
	}
	// Each function is looked up in the .c files the reversed fix changes.
	tg := realBugTarget{}
	var files []string
	dirs := map[string]bool{}
	for _, fn := range c.Functions {
		in := ""
		for _, abs := range changed {
			src, err := after.ReadFile(abs)
			if err != nil {
				t.Fatal(err)
			}
			r, ok := functionRange(src, fn)
			if !ok {
				continue
			}
			rel, _ := filepath.Rel(root, abs)
			rel = filepath.ToSlash(rel)
			if tg[rel] == nil {
				tg[rel] = map[string]lineRange{}
				files = append(files, abs)
				dirs[filepath.Dir(abs)] = true
			}
			tg[rel][fn] = r
			in = rel
		}
		if in == "" {
			t.Fatalf("no definition of %s() in the files the reversed fix changes (%v)", fn, changed)
		}
	}
	var dirAll []string
	for d := range dirs {
		dirAll = append(dirAll, dirFiles(t, d)...)
	}
	sort.Strings(dirAll)

	runs := map[string]func() ([]report.Finding, string){
		"gate": func() ([]report.Finding, string) { return realBugGate(t, root, rev) },
		"file": func() ([]report.Finding, string) { return realBugRun(t, tree, after, files, tg) },
		"dir":  func() ([]report.Finding, string) { return realBugRun(t, tree, after, dirAll, tg) },
	}
	for _, m := range realBugModes {
		if m == "dir" && os.Getenv(realBugDirsEnv) != "1" {
			continue
		}
		start := time.Now()
		fs, failed := runs[m]()
		t.Logf("%s mode: %v", m, time.Since(start).Round(time.Millisecond))
		ok, why := tg.found(c, fs)
		if failed != "" {
			// A buggy file pcslint cannot analyze is a miss, not a broken case.
			ok, why = false, failed
		}
		res.ran[m], res.found[m], res.why[m] = true, ok, why
		reason, marked := c.KnownMiss[m]
		switch {
		case ok && !marked:
			t.Logf("%s mode: found at %s", m, why)
		case ok && marked:
			t.Errorf("%s mode: now found: remove known_miss (%q)", m, reason)
		case !ok && !marked:
			t.Errorf("%s mode: no %s finding in %s(); %s", m, c.Rule, strings.Join(c.Functions, "()/"), why)
		case !ok:
			t.Logf("%s mode: known miss: %s (now: %s)", m, reason, why)
		}
	}
}

// realBugGate runs the gate on the reversed fix, as `pcslint --patch` from
// the tree root, and returns the findings it reports as new, or why the
// buggy file could not be analyzed.
func realBugGate(t *testing.T, root string, rev *gate.Patch) ([]report.Finding, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "gate.json")
	var stderr bytes.Buffer
	cwd, _ := os.Getwd()
	defer os.Chdir(cwd)
	code, err := driver.Main(context.Background(), driver.Options{
		Dir: root, Patches: []string{writePatch(t, rev)}, Format: "json", Output: out,
		Color: "never", FailOn: "note", Progress: "never", Stdout: &bytes.Buffer{}, Stderr: &stderr,
	})
	if code == 2 && err == nil && strings.Contains(stderr.String(), "could not be analyzed") {
		return nil, "not analyzed: " + strings.TrimSpace(strings.SplitN(stderr.String(), "\n", 2)[0])
	}
	if err != nil || code == 2 {
		t.Fatalf("gate: exit %d, %v (stderr: %s)", code, err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Rule, File, Function, Message string
			Line                          int
			Suppressed                    bool
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("gate: bad JSON: %v", err)
	}
	var fs []report.Finding
	for _, f := range doc.Findings {
		fs = append(fs, report.Finding{Rule: f.Rule, Function: f.Function, Message: f.Message, Suppressed: f.Suppressed,
			Loc: report.Location{File: f.File, Line: f.Line}})
	}
	return fs, ""
}

// realBugRun analyzes files (absolute) as ov shows them, like a plain
// \`pcslint FILES\` run on a tree holding the buggy file, and returns the
// findings, or why a buggy file of tg could not be analyzed.
func realBugRun(t *testing.T, tree *cparse.Tree, ov *cparse.Overlay, files []string, tg realBugTarget) ([]report.Finding, string) {
	t.Helper()
	rep, err := driver.Run(context.Background(), driver.Config{
		Tree: tree.WithOverlay(ov), Files: files, Jobs: 2,
		Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin(),
	})
	if err != nil {
		t.Fatalf("pcslint run on %d files: %v", len(files), err)
	}
	for _, fe := range rep.Failed {
		msg := firstLine([]byte(fe.Message))
		if _, buggy := tg[fe.File]; buggy {
			return nil, fmt.Sprintf("not analyzed: %s:%d:%d: %s", fe.File, fe.Line, fe.Col, msg)
		}
		t.Logf("not analyzed: %s: %s", fe.File, msg)
	}
	return rep.Findings, ""
}

// dirFiles lists the .c files directly in dir.
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".c") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// realBugTable renders the results as the table of docs/realbugs.md.
func realBugTable(results []realBugResult) []byte {
	var b bytes.Buffer
	b.WriteString("| # | subject | list | rule | gate | file | dir |\n|---|---|---|---|---|---|---|\n")
	mark := func(r realBugResult, m string) string {
		switch {
		case !r.ran[m]:
			return "not run"
		case r.found[m]:
			return "found"
		}
		return "**missed**"
	}
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | [%s](%s) | %s | %s | %s | %s | %s |\n", r.c.name[:2],
			strings.ReplaceAll(r.c.Subject, "|", `\|`), r.c.Source.Lore, r.c.Source.List, r.c.Rule,
			mark(r, "gate"), mark(r, "file"), mark(r, "dir"))
	}
	b.WriteString("\n")
	for _, m := range realBugModes {
		n, ran := 0, 0
		for _, r := range results {
			if r.ran[m] {
				ran++
			}
			if r.found[m] {
				n++
			}
		}
		if ran > 0 {
			fmt.Fprintf(&b, "- %s mode: %d of %d found\n", m, n, ran)
		}
	}
	b.WriteString("\nMisses, with what pcslint reports in the buggy file instead:\n\n")
	for _, r := range results {
		for _, m := range realBugModes {
			if r.ran[m] && !r.found[m] {
				fmt.Fprintf(&b, "- %s, %s mode: %s\n", r.c.name, m, r.why[m])
			}
		}
	}
	return b.Bytes()
}

// The reversed fix applied to the fixed file gives back the buggy one. No
// kernel tree is needed: the file lives in a temporary root.
func TestReversePatch(t *testing.T) {
	root := t.TempDir()
	buggy := "int f(struct device_node *np)\n{\n\tstruct device_node *c = of_get_child_by_name(np, \"x\");\n\n\tif (!c)\n\t\treturn -ENODEV;\n\treturn 0;\n}\n"
	fixed := strings.Replace(buggy, "\treturn 0;\n", "\tof_node_put(c);\n\treturn 0;\n", 1)
	fix := "From: A <a@example.com>\nSubject: [PATCH] x: fix a leak\n\nFixes: 123456789abc (\"x\")\n---\n" +
		"diff --git a/drivers/x.c b/drivers/x.c\n--- a/drivers/x.c\n+++ b/drivers/x.c\n" +
		"@@ -4,5 +4,6 @@ int f(struct device_node *np)\n \n \tif (!c)\n \t\treturn -ENODEV;\n+\tof_node_put(c);\n \treturn 0;\n }\n-- \n2.39.5\n"
	fixFile := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(fixFile, []byte(fix), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "drivers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "drivers/x.c"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	rev := reversePatch(t, fixFile)
	if rev.Subject != `Revert "x: fix a leak"` {
		t.Errorf("subject %q", rev.Subject)
	}
	after, changed, _, err := gate.ApplyPatch(root, nil, rev)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := after.ReadFile(filepath.Join(root, "drivers/x.c"))
	if string(got) != buggy || len(changed) != 1 {
		t.Errorf("reversed fix gives %q (changed %v), want %q", got, changed, buggy)
	}
	// What writePatch writes is what `--patch` reads back.
	back, err := gate.ReadPatches(writePatch(t, rev))
	if err != nil || len(back) != 1 || back[0].Subject != rev.Subject {
		t.Fatalf("written reversal reads back as %v, %v", back, err)
	}
	if a, b := back[0].Files[0].String(), rev.Files[0].String(); a != b {
		t.Errorf("written reversal reads back as\n%s\nwant\n%s", a, b)
	}
}

// The corpus is well formed without a kernel tree: every case.json decodes
// with the fields the measurement needs, and every fix.patch reverses.
func TestRealBugCorpus(t *testing.T) {
	for _, c := range loadRealBugs(t) {
		reversePatch(t, filepath.Join(realBugsDir, c.name, "fix.patch"))
	}
}

func TestFunctionRange(t *testing.T) {
	src := []byte(`static int helper(int x);
/* helper(1) { not a body } */
static const char *
helper_name(int x)
{
	return "}";
}

static int helper(int x)
{
	char c = '{';
	// }
	if (x) {
		return helper_name(x)[0];
	}
	return c;
}
`)
	for _, tc := range []struct {
		fn          string
		first, last int
	}{
		{"helper", 9, 17},
		{"helper_name", 3, 7}, // from its return type on the line above
	} {
		r, ok := functionRange(src, tc.fn)
		if !ok || r.first != tc.first || r.last != tc.last {
			t.Errorf("%s: lines %d-%d (%v), want %d-%d", tc.fn, r.first, r.last, ok, tc.first, tc.last)
		}
	}
	if _, ok := functionRange(src, "missing"); ok {
		t.Error("found a function that is not defined")
	}
}
