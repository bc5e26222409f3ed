package report

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// shardReports splits r into n reports the way --shard does: files by
// sorted position, with their findings and failures.
func shardReports(r *Report, n int) []*Report {
	var files []string
	files = append(files, r.Files...)
	for _, fe := range r.Failed {
		files = append(files, fe.File)
	}
	shardOf := map[string]int{}
	for i, f := range sortedUnique(files) {
		shardOf[f] = i % n
	}
	out := make([]*Report, n)
	for i := range out {
		out[i] = &Report{ToolVersion: r.ToolVersion, Root: r.Root, TreeKind: r.TreeKind, Rules: r.Rules, Patches: r.Patches}
	}
	for _, f := range r.Files {
		out[shardOf[f]].Files = append(out[shardOf[f]].Files, f)
	}
	for _, fe := range r.Failed {
		out[shardOf[fe.File]].Failed = append(out[shardOf[fe.File]].Failed, fe)
	}
	for _, f := range r.Findings {
		s := shardOf[f.Loc.File] // findings in headers go to shard 0
		out[s].Findings = append(out[s].Findings, f)
	}
	return out
}

func sortedUnique(ss []string) []string {
	m := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !m[s] {
			m[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func TestMergeSARIFShardsOfReport(t *testing.T) {
	r := richReport()
	SortFindings(r.Findings)
	want := writeSARIF(t, r)
	for _, n := range []int{1, 2, 3} {
		dir := t.TempDir()
		var paths []string
		for i, s := range shardReports(r, n) {
			paths = append(paths, writeSARIFFile(t, dir, "shard"+string(rune('1'+i))+".sarif", s))
		}
		// the order of the arguments does not matter
		for _, ps := range [][]string{paths, reversed(paths)} {
			var got bytes.Buffer
			if err := MergeSARIF(ps, "", &got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%d shards: merged log is not the unsharded one:\n%s", n, lineDiff(string(want), got.String()))
			}
		}
	}
}

func reversed(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[len(ss)-1-i] = s
	}
	return out
}

func TestMergeReportsDedup(t *testing.T) {
	a := fullReport()
	b := fullReport()
	b.Findings = b.Findings[:1] // the same finding in two logs
	b.Failed = append(b.Failed, FileError{File: "a.c", Message: "x"})
	m, err := mergeReports([]*Report{a, b, {}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Findings) != 3 || len(m.Failed) != 2 || m.Failed[0].File != "a.c" || len(m.Rules) != 2 || len(m.Patches) != 1 || len(m.Files) != 2 {
		t.Errorf("merged %d findings, %d failed, %d rules, %d patches, %d files; want 3, 2, 2, 1, 2: %+v", len(m.Findings), len(m.Failed), len(m.Rules), len(m.Patches), len(m.Files), m)
	}
	// Same fingerprint at another place is another finding.
	c := fullReport()
	c.Findings[0].Loc.Line++
	if m, _ := mergeReports([]*Report{a, c}, nil); len(m.Findings) != 4 {
		t.Errorf("%d findings, want 4 (a moved copy is kept)", len(m.Findings))
	}
	// Same fingerprint and place, messages differing in a number (which
	// the fingerprint ignores): two findings, as the unsharded run has.
	d := fullReport()
	d.Findings[0].Message = strings.Replace(d.Findings[0].Message, "released", "released at line 7", 1)
	e := fullReport()
	e.Findings[0].Message = strings.Replace(e.Findings[0].Message, "released", "released at line 9", 1)
	if m, _ := mergeReports([]*Report{d, e}, nil); len(m.Findings) != 4 {
		t.Errorf("%d findings, want 4 (findings differing in a number of the message are kept)", len(m.Findings))
	}
}

func TestMergeSARIFErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeSARIFFile(t, dir, "a.sarif", fullReport())
	other := fullReport()
	other.Root = "/src/other"
	otherPath := writeSARIFFile(t, dir, "b.sarif", other)
	notSARIF := filepath.Join(dir, "c.sarif")
	if err := os.WriteFile(notSARIF, []byte("drivers/x.c:1:1: warning: y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.sarif")
	for _, c := range []struct {
		name  string
		paths []string
		out   string
		want  string
	}{
		{"missing", []string{good, filepath.Join(dir, "nope.sarif")}, out, "merge: " + filepath.Join(dir, "nope.sarif") + ": no such file"},
		{"not SARIF", []string{good, notSARIF}, out, "merge: " + notSARIF + " is not a SARIF log"},
		{"roots", []string{good, otherPath}, out, "merge: " + good + " and " + otherPath + " analyzed different trees (/src/linux 6.12 and /src/other)"},
		{"out dir", []string{good}, filepath.Join(dir, "no", "out.sarif"), "merge: -o " + filepath.Join(dir, "no", "out.sarif") + ": directory " + filepath.Join(dir, "no") + " does not exist"},
		{"none", nil, out, "merge: no SARIF files given"},
	} {
		err := MergeSARIF(c.paths, c.out, &bytes.Buffer{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want one line starting %q", c.name, err, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%s: a failed merge wrote %s", c.name, out)
		}
	}
}
