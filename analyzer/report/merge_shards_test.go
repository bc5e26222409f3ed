package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
)

// TestMergeSARIFRealShards runs pcslint on the rule fixtures (plus a file
// that cannot be parsed) unsharded and as 3 shards and merges the shards.
func TestMergeSARIFRealShards(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes the fixtures")
	}
	tree := t.TempDir()
	// all of rules/: the fixtures are in its packages' testdata (the Go
	// files are not analyzed)
	if err := os.CopyFS(tree, os.DirFS("../../rules")); err != nil {
		t.Fatal(err)
	}
	// fixtures named *xfile* need another file's summaries, which a shard
	// lacking that file does not see (README, sharding): left out here
	xfile, _ := filepath.Glob(filepath.Join(tree, "*", "testdata", "src", "*", "*xfile*"))
	for _, f := range xfile {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tree, "refleak", "testdata", "src", "ref-leak", "binary.c"), []byte("\x7fELF\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	t.Chdir(tree)
	run := func(shard, file string) string {
		t.Helper()
		var stderr bytes.Buffer
		p := filepath.Join(out, file)
		code, err := driver.Main(context.Background(), driver.Options{
			Format: "sarif", Output: p, Color: "never", FailOn: "note", Progress: "never", Standalone: true,
			Shard: shard, Jobs: 2, Stdout: &bytes.Buffer{}, Stderr: &stderr,
		})
		if err != nil || code == 2 || (shard == "" && code != 1) {
			t.Fatalf("--shard %q: exit %d, %v; stderr %s", shard, code, err, stderr.String())
		}
		return p
	}
	whole, err := os.ReadFile(run("", "whole.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(whole, []byte("cannot analyze: not a C source file")) || !bytes.Contains(whole, []byte(`"ruleId": "ref-leak"`)) {
		t.Fatalf("the unsharded log lacks the failed file or the findings:\n%s", whole)
	}
	shards := []string{run("1/3", "s1.sarif"), run("2/3", "s2.sarif"), run("3/3", "s3.sarif")}
	merged := filepath.Join(out, "merged.sarif")
	if err := report.MergeSARIF(shards, merged, nil); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, whole) {
		t.Errorf("merged shards differ from the unsharded run:\n%s", report.LineDiff(string(whole), string(got)))
	}
	// -o is written atomically: nothing but the logs is left beside it.
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".sarif") {
			t.Errorf("stray file %s left in the output directory", e.Name())
		}
	}
}
