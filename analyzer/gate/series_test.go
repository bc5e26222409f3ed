package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/report"
)

// lore returns msg as a b4/lore mbox has it: mboxrd's From line, the
// message's own From line dropped.
func lore(msg string) string {
	_, rest, _ := strings.Cut(msg, "\n")
	return "From mboxrd@z Thu Jan  1 00:00:00 1970\n" + rest
}

// reviewReply answers patch 1 with an inline diff of its own (a reviewer's
// suggestion) and the patch quoted.
const reviewReply = `From mboxrd@z Thu Jan  1 00:00:00 1970
From: Re Viewer <r@example.com>
Date: Mon, 11 Jul 2022 13:00:00 -0400
Subject: Re: [RFC PATCH net-next v2 1/2] pcs: add a bug
In-Reply-To: <1@example.com>

On Mon, A U Thor wrote:
> diff --git a/drivers/net/pcs/core.c b/drivers/net/pcs/core.c
> --- a/drivers/net/pcs/core.c
> +++ b/drivers/net/pcs/core.c
> @@ -6,4 +6,5 @@ int a(void)
>  int b(void)
>  {
> +	BUG();

Rather do it this way:

diff --git a/drivers/net/pcs/core.c b/drivers/net/pcs/core.c
--- a/drivers/net/pcs/core.c
+++ b/drivers/net/pcs/core.c
@@ -1,3 +1,3 @@
 #include <linux/pcs.h>
-int a(void)
+int a_REVIEWER(void)
 {

`

const coverReply = `From mboxrd@z Thu Jan  1 00:00:00 1970
From: Re Viewer <r@example.com>
Subject: Re: [RFC PATCH net-next v2 0/2] pcs: a bug and its fix

Nice series.
`

// TestReadPatchesThread: a thread as b4 mbox or lore give it, in date
// order with replies between the patches: the series' two patches in n/m
// order, no reply applied.
func TestReadPatchesThread(t *testing.T) {
	thread := lore(coverLetter) + coverReply + lore(patch2) + reviewReply + lore(patch1)
	ps := readPatchText(t, thread)
	var subjects []string
	for _, p := range ps {
		subjects = append(subjects, p.Subject)
		for _, f := range p.Files {
			for _, fr := range f.TextFragments {
				if strings.Contains(fr.String(), "REVIEWER") {
					t.Errorf("patch %q carries the reviewer's diff", p.Subject)
				}
			}
		}
	}
	if want := []string{"pcs: add a bug", "pcs: fix the bug"}; !reflect.DeepEqual(subjects, want) {
		t.Fatalf("patches %q, want %q", subjects, want)
	}
	if !strings.HasSuffix(ps[0].Source, "#5") || !strings.HasSuffix(ps[1].Source, "#3") {
		t.Errorf("sources %s, %s: want the messages' places in the mbox", ps[0].Source, ps[1].Source)
	}
	// the series applies in order on the tree and gates as usual
	root := gateTree(t)
	r, err := Gate(context.Background(), root, nil, ps, (&bugRun{root: root}).run)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Patches) != 2 || r.Patches[0].New != 1 || r.Patches[1].Fixed != 1 {
		t.Errorf("patches %+v", r.Patches)
	}
}

// TestReadPatchesSeriesErrors: what cannot be a series is one line naming
// the problem.
func TestReadPatchesSeriesErrors(t *testing.T) {
	v3 := strings.ReplaceAll(patch2, "v2 2/2", "v3 2/2")
	unnumbered := strings.Replace(patch2, "[RFC PATCH net-next v2 2/2]", "[RFC PATCH net-next]", 1)
	onlyReply := strings.Replace(reviewReply, "mboxrd@z", "x", 1)
	for _, c := range []struct {
		name, mbox, want string
	}{
		{"missing patch", coverLetter + patch2, `series.mbox: series \[RFC PATCH net-next v2 x/2\] lacks patch 1/2$`},
		{"two versions", patch1 + v3, `series.mbox mixes series \[RFC PATCH net-next v2 x/2\] and \[RFC PATCH net-next v3 x/2\]: keep one version \(b4 am -v N\)$`},
		{"a patch twice", coverLetter + patch1 + patch1 + patch2, `series.mbox: patch 1/2 appears twice \(.*series.mbox#2 and .*series.mbox#3\)$`},
		{"unnumbered patch among numbered", patch1 + unnumbered, `series.mbox#2: "\[RFC PATCH net-next\] pcs: fix the bug" carries a diff but is not numbered like the series around it`},
		{"only a reply", onlyReply, `^no patches in .*series.mbox \(replies are not applied: 1 with a diff skipped\)$`},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "series.mbox")
			write(t, f, c.mbox)
			_, err := ReadPatches(f)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "\n") || !regexpMatch(c.want, err.Error()) {
				t.Errorf("error %q, want one line matching %s", err, c.want)
			}
		})
	}
}

// rangeRepo makes a git repository of gateTree with the series as commits:
// base, "pcs: add a bug", "pcs: fix the bug".
func rangeRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := gateTree(t)
	gitRun(t, root, "init", "-q")
	gitRun(t, root, "add", ".")
	gitRun(t, root, "commit", "-q", "-m", "base")
	for _, p := range []string{patch1, patch2} {
		f := filepath.Join(t.TempDir(), "p.patch")
		write(t, f, p)
		gitRun(t, root, "am", "-q", f)
	}
	return root
}

func TestRangePatches(t *testing.T) {
	root := rangeRepo(t)
	ps, before, err := RangePatches(context.Background(), root, "HEAD~2..HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, p := range ps {
		subjects = append(subjects, p.Subject)
	}
	if want := []string{"pcs: add a bug", "pcs: fix the bug"}; !reflect.DeepEqual(subjects, want) {
		t.Fatalf("patches %q, want %q", subjects, want)
	}
	if got := overlayText(t, before, filepath.Join(root, "include/linux/pcs.h")); got != pcsH {
		t.Errorf("before the range, pcs.h reads\n%s", got)
	}
	r, err := Gate(context.Background(), root, before, ps, (&bugRun{root: root}).run)
	if err != nil {
		t.Fatal(err)
	}
	want := []report.PatchInfo{{Subject: "pcs: add a bug", File: ps[0].Source, New: 1}, {Subject: "pcs: fix the bug", File: ps[1].Source, Fixed: 1}}
	if !reflect.DeepEqual(r.Patches, want) || !strings.HasPrefix(ps[0].Source, "commit ") {
		t.Errorf("patches %+v, want %+v", r.Patches, want)
	}

	for _, c := range []struct {
		name, rng, want string
		setup           func()
	}{
		{"checkout not at B", "HEAD~2..HEAD~1", `the checkout is not at HEAD~1 .*: check out HEAD~1 first$`, nil},
		{"not a range", "HEAD~2", `^--range HEAD~2: want A..B, two commits$`, nil},
		{"empty range", "HEAD..HEAD", `^--range HEAD..HEAD: no commits in the range$`, nil},
		{"a merge in the range", "HEAD~3..HEAD", `has 2 parents: --range takes a linear series$`, func() {
			gitRun(t, root, "checkout", "-q", "-b", "side", "HEAD~1")
			write(t, filepath.Join(root, "drivers/net/pcs/side.c"), "int s;\n")
			gitRun(t, root, "add", ".")
			gitRun(t, root, "commit", "-q", "-m", "side")
			gitRun(t, root, "checkout", "-q", "-")
			gitRun(t, root, "merge", "-q", "--no-edit", "side")
		}},
	} {
		if c.setup != nil {
			c.setup()
		}
		_, _, err := RangePatches(context.Background(), root, c.rng, nil)
		if err == nil || !regexpMatch(c.want, err.Error()) {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.want)
		}
	}
}

// TestRangeWorkingTreeIgnored: uncommitted edits of the files the range
// touches do not change what each commit is judged on.
func TestRangeWorkingTreeIgnored(t *testing.T) {
	root := rangeRepo(t)
	core := filepath.Join(root, "drivers/net/pcs/core.c")
	data, _ := os.ReadFile(core)
	write(t, core, string(data)+"/* BUG */\n")
	ps, before, err := RangePatches(context.Background(), root, "HEAD~2..HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Gate(context.Background(), root, before, ps, (&bugRun{root: root}).run)
	if err != nil {
		t.Fatal(err)
	}
	if r.Patches[0].New != 1 || r.Patches[1].Fixed != 1 || len(r.Findings) != 1 {
		t.Errorf("patches %+v, findings %+v", r.Patches, r.Findings)
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }
