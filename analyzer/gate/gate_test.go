package gate

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
)

const coreC = `#include <linux/pcs.h>
int a(void)
{
	return 0;
}
int b(void)
{
	return 1;
}
`

const pcsH = `#ifndef PCS_H
#define PCS_H
#endif
`

// patch1 adds a BUG() to b() and touches a header; patch2 removes it.
const patch1 = `From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: A U Thor <a@example.com>
Date: Mon, 11 Jul 2022 12:05:13 -0400
Subject: [RFC PATCH net-next v2 1/2] pcs: add a
 bug

A folded subject.

Signed-off-by: A U Thor <a@example.com>
---
 drivers/net/pcs/core.c | 1 +
 include/linux/pcs.h    | 1 +
 2 files changed, 2 insertions(+)

diff --git a/drivers/net/pcs/core.c b/drivers/net/pcs/core.c
index 1111111..2222222 100644
--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/core.c
@@ -6,4 +6,5 @@ int a(void)
 int b(void)
 {
+	BUG();
 	return 1;
 }
diff --git a/include/linux/pcs.h b/include/linux/pcs.h
index 3333333..4444444 100644
--- a/include/linux/pcs.h
+++ b/include/linux/pcs.h
@@ -1,3 +1,4 @@
 #ifndef PCS_H
 #define PCS_H
+int b(void);
 #endif
-- 
2.39.5

`

const patch2 = `From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
From: A U Thor <a@example.com>
Date: Mon, 11 Jul 2022 12:06:13 -0400
Subject: [RFC PATCH net-next v2 2/2] pcs: fix the bug

---
 drivers/net/pcs/core.c | 1 -
 1 file changed, 1 deletion(-)

diff --git a/drivers/net/pcs/core.c b/drivers/net/pcs/core.c
index 2222222..1111111 100644
--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/core.c
@@ -6,5 +6,4 @@ int a(void)
 int b(void)
 {
-	BUG();
 	return 1;
 }
-- 
2.39.5

`

const coverLetter = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: A U Thor <a@example.com>
Date: Mon, 11 Jul 2022 12:04:13 -0400
Subject: [RFC PATCH net-next v2 0/2] pcs: a bug and its fix

This series adds a bug and fixes it.

A U Thor (2):
  pcs: add a bug
  pcs: fix the bug

-- 
2.39.5

`

// gateTree makes a tree with core.c and pcs.h and returns its root.
func gateTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "drivers/net/pcs/core.c"), coreC)
	write(t, filepath.Join(root, "include/linux/pcs.h"), pcsH)
	return root
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readPatchText(t *testing.T, text string) []*Patch {
	t.Helper()
	f := filepath.Join(t.TempDir(), "series.mbox")
	write(t, f, text)
	ps, err := ReadPatches(f)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func overlayText(t *testing.T, ov *cparse.Overlay, p string) string {
	t.Helper()
	b, err := ov.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadPatchesSeries(t *testing.T) {
	ps := readPatchText(t, coverLetter+patch1+patch2)
	if len(ps) != 2 {
		t.Fatalf("%d patches, want 2 (the cover letter has no diff)", len(ps))
	}
	if ps[0].Subject != "pcs: add a bug" || ps[1].Subject != "pcs: fix the bug" {
		t.Fatalf("subjects %q, %q", ps[0].Subject, ps[1].Subject)
	}
	if !strings.HasSuffix(ps[0].Source, "series.mbox#2") || !strings.HasSuffix(ps[1].Source, "series.mbox#3") {
		t.Fatalf("sources %q, %q", ps[0].Source, ps[1].Source)
	}
	if n := len(ps[0].Files); n != 2 || ps[0].Files[1].NewName != "include/linux/pcs.h" {
		t.Fatalf("patch 1 files: %d", n)
	}
}

func TestReadPatchesErrors(t *testing.T) {
	dir := t.TempDir()
	cover := filepath.Join(dir, "cover.mbox")
	write(t, cover, coverLetter)
	if _, err := ReadPatches(cover); err == nil || err.Error() != "no patches in "+cover {
		t.Errorf("cover letter only: err = %v", err)
	}
	missing := filepath.Join(dir, "missing.patch")
	if _, err := ReadPatches(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: err = %v", err)
	}
	evil := filepath.Join(dir, "evil.patch")
	write(t, evil, "--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-x\n+y\n")
	if _, err := ReadPatches(evil); err == nil || !strings.Contains(err.Error(), "unsafe path") {
		t.Errorf("path outside the tree: err = %v", err)
	}
}

func TestCleanSubject(t *testing.T) {
	for in, want := range map[string]string{
		"[PATCH] net: x":                       "net: x",
		"[PATCH 3/9] net: x":                   "net: x",
		"[RFC PATCH net-next 3/9] net: pcs: y": "net: pcs: y",
		"Re: [PATCH v2 1/2]  net:  x ":         "net: x",
		"RE: Fwd: [net] [PATCH] x":             "x",
		"net: keep [brackets] inside":          "net: keep [brackets] inside",
		"=?UTF-8?q?[PATCH]_net:_caf=C3=A9?=":   "net: café",
	} {
		if got := cleanSubject(decodeHeader(in)); got != want {
			t.Errorf("cleanSubject(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadPatchesPlainDiff(t *testing.T) {
	root := gateTree(t)
	f := filepath.Join(t.TempDir(), "fix.diff")
	write(t, f, `--- a/drivers/net/pcs/core.c	2024-01-01 00:00:00.000000000 +0000
+++ b/drivers/net/pcs/core.c	2024-01-02 00:00:00.000000000 +0000
@@ -3,3 +3,3 @@
 {
-	return 0;
+	return 2;
 }
`)
	ps, err := ReadPatches(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Subject != "fix.diff" || ps[0].Source != f {
		t.Fatalf("got %d patches, subject %q", len(ps), ps[0].Subject)
	}
	after, changed, _, err := ApplyPatch(root, nil, ps[0])
	if err != nil {
		t.Fatal(err)
	}
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	if !reflect.DeepEqual(changed, []string{core}) || !strings.Contains(overlayText(t, after, core), "return 2;") {
		t.Fatalf("plain diff not applied -p1: changed %v", changed)
	}
}

// TestReadPatchesCorpus reads the real patch as posted in 2022 and as
// rebased on 6.12 (the latter with a folded Subject header).
func TestReadPatchesCorpus(t *testing.T) {
	dir := os.Getenv("PCSLINT_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus"
	}
	const base = "0003-net-pcs-Add-helpers-for-registering-and-finding-PCSs"
	for _, name := range []string{base + ".as-posted-2022.patch", base + ".patch"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("corpus not available (set PCSLINT_CORPUS): %v", err)
		}
		ps, err := ReadPatches(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 {
			t.Fatalf("%s: %d patches", name, len(ps))
		}
		if want := "net: pcs: Add helpers for registering and finding PCSs"; ps[0].Subject != want {
			t.Errorf("%s: subject %q, want %q", name, ps[0].Subject, want)
		}
		var names []string
		for _, f := range ps[0].Files {
			names = append(names, f.NewName)
		}
		want := []string{"MAINTAINERS", "drivers/net/pcs/Kconfig", "drivers/net/pcs/Makefile", "drivers/net/pcs/core.c", "drivers/of/property.c", "include/linux/pcs.h", "include/linux/phylink.h"}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("%s: files %v", name, names)
		}
		if f := ps[0].Files[3]; !f.IsNew || len(f.TextFragments) != 1 || f.TextFragments[0].NewLines != 226 {
			t.Errorf("%s: core.c is not a new 226-line file", name)
		}
	}
}

// TestApplyPatchKernel applies the corpus patches to linux-source-6.12
// (scripts/kernel-tree.sh): the rebased one applies, the 2022 posting
// stops at its first stale hunk.
func TestApplyPatchKernel(t *testing.T) {
	root := os.Getenv("PCSLINT_KERNEL_TREE")
	if root == "" {
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, ".cache/pcslint/kernel/pristine/linux-source-6.12")
	}
	dir := os.Getenv("PCSLINT_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus"
	}
	const base = "0003-net-pcs-Add-helpers-for-registering-and-finding-PCSs"
	for _, p := range []string{filepath.Join(root, "MAINTAINERS"), filepath.Join(dir, base+".patch")} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("kernel tree or corpus not available (PCSLINT_KERNEL_TREE, PCSLINT_CORPUS): %v", err)
		}
	}
	rebased, err := ReadPatches(filepath.Join(dir, base+".patch"))
	if err != nil {
		t.Fatal(err)
	}
	after, changed, deleted, err := ApplyPatch(root, nil, rebased[0])
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "drivers/net/pcs/core.c"), filepath.Join(root, "drivers/of/property.c")}
	if !reflect.DeepEqual(changed, want) || len(deleted) != 0 {
		t.Fatalf("changed %v deleted %v", changed, deleted)
	}
	if h := overlayText(t, after, filepath.Join(root, "include/linux/pcs.h")); !strings.Contains(h, "pcs_register") {
		t.Fatal("include/linux/pcs.h not created in the overlay")
	}
	posted, err := ReadPatches(filepath.Join(dir, base+".as-posted-2022.patch"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, err = ApplyPatch(root, nil, posted[0])
	if want := `patch "net: pcs: Add helpers for registering and finding PCSs": MAINTAINERS: hunk @@ -7450,6 +7450,7 @@ F:	include/linux/*mdio*.h does not apply`; err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

func TestApplyPatch(t *testing.T) {
	root := gateTree(t)
	ps := readPatchText(t, patch1)
	base := cparse.NewOverlay()
	after, changed, deleted, err := ApplyPatch(root, base, ps[0])
	if err != nil {
		t.Fatal(err)
	}
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	if !reflect.DeepEqual(changed, []string{core}) || len(deleted) != 0 {
		t.Fatalf("changed %v deleted %v: the header must not be listed", changed, deleted)
	}
	want := strings.Replace(coreC, "{\n\treturn 1;", "{\n\tBUG();\n\treturn 1;", 1)
	if got := overlayText(t, after, core); got != want {
		t.Fatalf("core.c after:\n%s", got)
	}
	if got := overlayText(t, after, filepath.Join(root, "include/linux/pcs.h")); !strings.Contains(got, "int b(void);") {
		t.Fatalf("header not applied to the overlay:\n%s", got)
	}
	if got, _ := os.ReadFile(core); string(got) != coreC {
		t.Fatal("ApplyPatch wrote to disk")
	}
	if len(base.Paths()) != 0 {
		t.Fatal("ApplyPatch changed its base overlay")
	}
}

func TestApplyPatchOffset(t *testing.T) {
	root := gateTree(t)
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	write(t, core, "/* 1 */\n/* 2 */\n/* 3 */\n"+coreC)
	after, _, _, err := ApplyPatch(root, nil, readPatchText(t, patch1)[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := overlayText(t, after, core); !strings.Contains(got, "/* 3 */\n#include") || !strings.Contains(got, "{\n\tBUG();\n\treturn 1;") {
		t.Fatalf("hunk not applied 3 lines down:\n%s", got)
	}
}

func TestApplyPatchDoesNotApply(t *testing.T) {
	root := gateTree(t)
	write(t, filepath.Join(root, "drivers/net/pcs/core.c"), strings.Replace(coreC, "return 1;", "return 2;", 1))
	_, _, _, err := ApplyPatch(root, nil, readPatchText(t, patch1)[0])
	want := `patch "pcs: add a bug": drivers/net/pcs/core.c: hunk @@ -6,4 +6,5 @@ int a(void) does not apply`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	// A missing file is named too.
	root2 := t.TempDir()
	_, _, _, err = ApplyPatch(root2, nil, readPatchText(t, patch1)[0])
	if want := `patch "pcs: add a bug": drivers/net/pcs/core.c: cannot patch: file does not exist`; err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

func TestApplyPatchCreateDeleteRename(t *testing.T) {
	root := gateTree(t)
	write(t, filepath.Join(root, "drivers/net/pcs/old.c"), "/* old */\nint o;\n")
	ps := readPatchText(t, `From 3333333333333333333333333333333333333333 Mon Sep 17 00:00:00 2001
From: A U Thor <a@example.com>
Subject: [PATCH] pcs: shuffle files

---
diff --git a/drivers/net/pcs/new.c b/drivers/net/pcs/new.c
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/drivers/net/pcs/new.c
@@ -0,0 +1,2 @@
+/* new */
+int n;
diff --git a/drivers/net/pcs/old.c b/drivers/net/pcs/old.c
deleted file mode 100644
index 4444444..0000000
--- a/drivers/net/pcs/old.c
+++ /dev/null
@@ -1,2 +0,0 @@
-/* old */
-int o;
diff --git a/drivers/net/pcs/core.c b/drivers/net/pcs/pcs-core.c
similarity index 90%
rename from drivers/net/pcs/core.c
rename to drivers/net/pcs/pcs-core.c
index 1111111..5555555 100644
--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/pcs-core.c
@@ -1,3 +1,3 @@
-#include <linux/pcs.h>
+#include <linux/pcs.h> /* renamed */
 int a(void)
 {
-- 
2.39.5
`)
	after, changed, deleted, err := ApplyPatch(root, nil, ps[0])
	if err != nil {
		t.Fatal(err)
	}
	abs := func(n string) string { return filepath.Join(root, "drivers/net/pcs", n) }
	if want := []string{abs("new.c"), abs("pcs-core.c")}; !reflect.DeepEqual(changed, want) {
		t.Errorf("changed %v, want %v", changed, want)
	}
	if want := []string{abs("core.c"), abs("old.c")}; !reflect.DeepEqual(deleted, want) {
		t.Errorf("deleted %v, want %v", deleted, want)
	}
	if got := overlayText(t, after, abs("new.c")); got != "/* new */\nint n;\n" {
		t.Errorf("new.c = %q", got)
	}
	if got := overlayText(t, after, abs("pcs-core.c")); !strings.HasPrefix(got, "#include <linux/pcs.h> /* renamed */\nint a(void)") || !strings.HasSuffix(got, "return 1;\n}\n") {
		t.Errorf("pcs-core.c = %q", got)
	}
	for _, gone := range []string{"old.c", "core.c"} {
		if _, err := after.ReadFile(abs(gone)); !os.IsNotExist(err) {
			t.Errorf("%s still readable through the overlay: %v", gone, err)
		}
		if _, err := os.Stat(abs(gone)); err != nil {
			t.Errorf("%s removed from disk", gone)
		}
	}
	// Creating a file that exists is an error.
	if _, _, _, err := ApplyPatch(root, after, ps[0]); err == nil || !strings.Contains(err.Error(), "drivers/net/pcs/new.c: cannot create: file already exists") {
		t.Errorf("second application: err = %v", err)
	}
}

// bugRun is a fake analyzer: one finding per line holding "BUG",
// fingerprinted by the line's content. It records what it was asked.
type bugRun struct {
	root  string
	calls [][]string
}

func (b *bugRun) run(_ context.Context, ov *cparse.Overlay, files []string) (*report.Report, error) {
	b.calls = append(b.calls, files)
	r := &report.Report{Root: b.root, ToolVersion: "test", Rules: []report.RuleInfo{{ID: "bug", Level: report.LevelError}}}
	for _, f := range files {
		rel, _ := filepath.Rel(b.root, f)
		r.Files = append(r.Files, rel)
		src, err := ov.ReadFile(f)
		if err != nil {
			r.Failed = append(r.Failed, report.FileError{File: rel, Message: err.Error()})
			continue
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, "BUG") {
				r.Findings = append(r.Findings, report.Finding{
					Rule: "bug", Level: report.LevelError, Message: "BUG() here", Loc: report.Location{File: rel, Line: i + 1, Col: 1},
					Fingerprint: report.Fingerprint("bug", "", strings.TrimSpace(line), 0),
				})
			}
		}
	}
	return r, nil
}

func TestGateSeries(t *testing.T) {
	root := gateTree(t)
	ps := readPatchText(t, coverLetter+patch1+patch2)
	br := &bugRun{root: root}
	r, err := Gate(context.Background(), root, nil, ps, br.run)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings, want the one patch 1 adds: %+v", len(r.Findings), r.Findings)
	}
	f := r.Findings[0]
	if f.Patch != "pcs: add a bug" || f.Loc.File != "drivers/net/pcs/core.c" || f.Loc.Line != 8 {
		t.Fatalf("finding %+v", f)
	}
	want := []report.PatchInfo{{Subject: "pcs: add a bug", File: ps[0].Source, New: 1}, {Subject: "pcs: fix the bug", File: ps[1].Source, Fixed: 1}}
	if !reflect.DeepEqual(r.Patches, want) {
		t.Fatalf("patches %+v, want %+v", r.Patches, want)
	}
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	// Before and after each patch; the header is never analyzed.
	if wantCalls := [][]string{{core}, {core}, {core}, {core}}; !reflect.DeepEqual(br.calls, wantCalls) {
		t.Fatalf("run calls %v", br.calls)
	}
	if !reflect.DeepEqual(r.Files, []string{"drivers/net/pcs/core.c"}) || len(r.Rules) != 1 || r.ToolVersion != "test" {
		t.Fatalf("report rows: files %v rules %v version %q", r.Files, r.Rules, r.ToolVersion)
	}
}

// TestGateExistingFindingIsNotNew: a BUG already in the tree, which the
// patch moves down (its hunk applies 1 line lower), is not the patch's.
func TestGateExistingFindingIsNotNew(t *testing.T) {
	root := gateTree(t)
	write(t, filepath.Join(root, "drivers/net/pcs/core.c"), strings.Replace(coreC, "\treturn 0;", "\tBUG_ON(1);\n\treturn 0;", 1))
	br := &bugRun{root: root}
	r, err := Gate(context.Background(), root, nil, readPatchText(t, patch1), br.run)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Loc.Line != 9 || r.Findings[0].Fingerprint != report.Fingerprint("bug", "", "BUG();", 0) {
		t.Fatalf("findings %+v: want only the new BUG() at line 9", r.Findings)
	}
	if r.Patches[0].New != 1 || r.Patches[0].Fixed != 0 {
		t.Fatalf("patch info %+v", r.Patches[0])
	}
}

func TestGateStopsAtBadPatch(t *testing.T) {
	root := gateTree(t)
	ps := readPatchText(t, patch2) // removes a line that is not there
	_, err := Gate(context.Background(), root, nil, ps, (&bugRun{root: root}).run)
	if err == nil || !strings.Contains(err.Error(), `patch "pcs: fix the bug": drivers/net/pcs/core.c: hunk @@ -6,5 +6,4 @@`) {
		t.Fatalf("err = %v", err)
	}
}

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestDiffFiles(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := gateTree(t)
	write(t, filepath.Join(root, "drivers/net/pcs/gone.c"), "int g; /* BUG */\n")
	gitRun(t, root, "init", "-q")
	gitRun(t, root, "add", ".")
	gitRun(t, root, "commit", "-q", "-m", "base")
	// Working tree: a BUG added to core.c, gone.c deleted, new.c created
	// and staged (git diff REV sees the index and working tree), the
	// header changed.
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	write(t, core, strings.Replace(coreC, "{\n\treturn 1;", "{\n\tBUG();\n\treturn 1;", 1))
	os.Remove(filepath.Join(root, "drivers/net/pcs/gone.c"))
	write(t, filepath.Join(root, "drivers/net/pcs/new.c"), "int n; /* BUG */\n")
	gitRun(t, root, "add", "drivers/net/pcs/new.c")
	write(t, filepath.Join(root, "include/linux/pcs.h"), strings.Replace(pcsH, "#endif", "int b(void);\n#endif", 1))

	p, before, err := DiffFiles(context.Background(), root, "HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "changes since HEAD" || len(p.Files) != 4 {
		t.Fatalf("patch %q with %d files", p.Subject, len(p.Files))
	}
	if got := overlayText(t, before, core); got != coreC {
		t.Fatalf("before overlay shows core.c as\n%s", got)
	}
	if got := overlayText(t, before, filepath.Join(root, "drivers/net/pcs/gone.c")); got != "int g; /* BUG */\n" {
		t.Fatalf("before overlay lacks the deleted file: %q", got)
	}
	if _, err := before.ReadFile(filepath.Join(root, "drivers/net/pcs/new.c")); !os.IsNotExist(err) {
		t.Fatalf("before overlay shows the new file: %v", err)
	}

	br := &bugRun{root: root}
	r, err := Gate(context.Background(), root, before, []*Patch{p}, br.run)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Loc.File+":"+f.Patch)
	}
	if want := []string{"drivers/net/pcs/core.c:changes since HEAD", "drivers/net/pcs/new.c:changes since HEAD"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("findings %v, want %v", got, want)
	}
	if r.Patches[0].Fixed != 1 {
		t.Fatalf("fixed %d, want 1 (gone.c's BUG)", r.Patches[0].Fixed)
	}

	if _, _, err := DiffFiles(context.Background(), root, "no-such-rev", nil); err == nil || !strings.Contains(err.Error(), "no-such-rev") {
		t.Fatalf("bad revision: err = %v", err)
	}
	var buf bytes.Buffer
	if err := report.WriteText(&buf, r, false); err != nil || !strings.Contains(buf.String(), `patch "changes since HEAD": 2 new, 1 fixed`) {
		t.Fatalf("text:\n%s", buf.String())
	}
}

// offsetRun reports each BUG like bugRun, fingerprinted like real findings:
// by the function and the line offset inside it, so lines added above a
// finding in its function change its fingerprint.
func offsetRun(root string) RunFunc {
	return func(_ context.Context, ov *cparse.Overlay, files []string) (*report.Report, error) {
		r := &report.Report{Root: root, ToolVersion: "test", Rules: []report.RuleInfo{{ID: "bug", Level: report.LevelError}}}
		for _, f := range files {
			rel, _ := filepath.Rel(root, f)
			r.Files = append(r.Files, rel)
			src, err := ov.ReadFile(f)
			if err != nil {
				return nil, err
			}
			fn, start := "", 0
			for i, line := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(line, "int ") {
					fn, start = strings.TrimSuffix(strings.TrimPrefix(line, "int "), "(void)"), i
				}
				if strings.Contains(line, "BUG") {
					msg := "BUG() here"
					r.Findings = append(r.Findings, report.Finding{Rule: "bug", Level: report.LevelError, Message: msg, Function: fn,
						Loc: report.Location{File: rel, Line: i + 1, Col: 1}, Fingerprint: report.Fingerprint("bug", fn, msg, i-start)})
				}
			}
		}
		return r, nil
	}
}

// TestGateMovedFindingIsNotNew: a patch that adds lines above an existing
// finding in the same function moves its fingerprint (its offset in the
// function changes); the gate follows the line through the patch and does
// not call it new. A second, identical finding the patch adds is new.
func TestGateMovedFindingIsNotNew(t *testing.T) {
	const withBug = "#include <linux/pcs.h>\nint a(void)\n{\n\treturn 0;\n}\nint b(void)\n{\n\tint x;\n\tBUG();\n\treturn 1;\n}\n"
	const addAbove = `--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/core.c
@@ -7,3 +7,5 @@ int b(void)
 {
+	int y;
+	int z;
 	int x;
 	BUG();
`
	const addSecond = `--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/core.c
@@ -7,4 +7,6 @@ int b(void)
 {
+	int y;
+	BUG();
 	int x;
 	BUG();
 	return 1;
`
	for _, c := range []struct {
		name, patch string
		newLines    []int
	}{
		{"lines added above", addAbove, nil},
		{"a second finding added above", addSecond, []int{9}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := gateTree(t)
			write(t, filepath.Join(root, "drivers/net/pcs/core.c"), withBug)
			r, err := Gate(context.Background(), root, nil, readPatchText(t, c.patch), offsetRun(root))
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, f := range r.Findings {
				got = append(got, f.Loc.Line)
			}
			if !reflect.DeepEqual(got, c.newLines) {
				t.Fatalf("new findings at lines %v, want %v", got, c.newLines)
			}
			if r.Patches[0].Fixed != 0 {
				t.Errorf("%d fixed, want 0", r.Patches[0].Fixed)
			}
		})
	}
}
