package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sarifSeeds are logs WriteSARIF writes, and near misses.
func sarifSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, r := range []*Report{fullReport(), richReport(), {}, {Root: "/", Files: []string{"a.c"}}} {
		var b bytes.Buffer
		if err := WriteSARIF(&b, r); err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b.Bytes())
	}
	for _, s := range []string{
		`{"version": "2.1.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}, "results": []}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pcslint", "rules": [{"id": "r"}]}}, "results": [{"ruleIndex": 5, "partialFingerprints": {"primaryLocationLineHash": "x"}}, {"ruleIndex": 0, "message": {}, "locations": [{}], "partialFingerprints": {"primaryLocationLineHash": "y"}}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pcslint"}}, "results": [{"ruleId": "r", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "%zz"}}}], "suppressions": [{}], "partialFingerprints": {"primaryLocationLineHash": "z"}, "properties": {"patch": 3}}]}]}`,
		`{"version": "1.0.0", "runs": []}`,
		`{}`, `[]`, `null`, ``,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// FuzzReadBaseline reads arbitrary bytes as a --baseline SARIF file and,
// with the same bytes, as a shard log of `pcslint merge`. Neither may
// panic; errors are one line naming the file; ReadBaseline keeps only
// findings with a fingerprint; a log readSARIFReport accepts is written
// back by WriteSARIF, and writing is then a fixed point (read, write,
// read, write gives the same bytes).
func FuzzReadBaseline(f *testing.F) {
	for _, s := range sarifSeeds(f) {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.sarif")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		base, err := ReadBaseline(p)
		if err != nil {
			if !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ReadBaseline error is not one line naming the file: %q", err)
			}
		}
		for fp, bf := range base {
			if fp == "" || bf.Fingerprint != fp {
				t.Fatalf("baseline finding under %q has fingerprint %q", fp, bf.Fingerprint)
			}
		}

		r, err := readSARIFReport(p)
		if err != nil {
			if !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("readSARIFReport error is not one line naming the file: %q", err)
			}
			return
		}
		var first bytes.Buffer
		if err := WriteSARIF(&first, r); err != nil {
			t.Fatalf("WriteSARIF of a log read back: %v", err)
		}
		p2 := filepath.Join(dir, "again.sarif")
		if err := os.WriteFile(p2, first.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		r2, err := readSARIFReport(p2)
		if err != nil {
			t.Fatalf("readSARIFReport rejects what WriteSARIF wrote: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := WriteSARIF(&second, r2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("write(read(x)) is no fixed point:\n%s", lineDiff(first.String(), second.String()))
		}
	})
}
