package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// MergeSARIF merges the SARIF logs of sharded pcslint runs (--shard I/N)
// into one log: each is read back with readSARIFReport, the reports are
// combined with mergeReports and the result is written with WriteSARIF,
// to out (atomically: a temporary file in the same directory, then a
// rename) or, when out is "", to stdout. The merge of all shards of a run
// is byte for byte the log of the unsharded run.
func MergeSARIF(paths []string, out string, stdout io.Writer) error {
	if len(paths) == 0 {
		return fmt.Errorf("merge: no SARIF files given")
	}
	if out != "" {
		if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
			return fmt.Errorf("merge: -o %s: directory %s does not exist", out, filepath.Dir(out))
		}
	}
	reps := make([]*Report, len(paths))
	for i, p := range paths {
		r, err := readSARIFReport(p)
		if err != nil {
			return fmt.Errorf("merge: %v", err)
		}
		reps[i] = r
	}
	merged, err := mergeReports(reps, paths)
	if err != nil {
		return fmt.Errorf("merge: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, merged); err != nil {
		return fmt.Errorf("merge: %v", err)
	}
	if out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := WriteAtomic(out, buf.Bytes()); err != nil {
		return fmt.Errorf("merge: %v", err)
	}
	return nil
}

// mergeReports combines the reports of shards of one run; names (one per
// report, for errors) are usually their files. The reports must share a
// root (a report without one, an empty run, fits any). Rules are
// deduplicated by id (the first description wins) and sorted; files and
// failed files are unioned and sorted; findings are sorted with
// SortFindings and deduplicated by fingerprint, location, rule and
// message (see dedupFindings), as are absent findings; patches are unioned in order of appearance. The tool
// version and tree kind are the first ones set.
func mergeReports(reps []*Report, names []string) (*Report, error) {
	out := &Report{}
	rootFrom := ""
	seenRule := map[string]bool{}
	seenFile := map[string]bool{}
	seenFailed := map[FileError]bool{}
	seenPatch := map[PatchInfo]bool{}
	seenDegraded := map[string]bool{}
	for i, r := range reps {
		name := fmt.Sprintf("report %d", i+1)
		if i < len(names) {
			name = names[i]
		}
		if r.Root != "" {
			if out.Root == "" {
				out.Root, rootFrom = r.Root, name
			} else if r.Root != out.Root {
				return nil, fmt.Errorf("%s and %s analyzed different trees (%s and %s)", rootFrom, name, out.Root, r.Root)
			}
		}
		if out.ToolVersion == "" {
			out.ToolVersion = r.ToolVersion
		}
		if out.TreeKind == "" {
			out.TreeKind = r.TreeKind
		}
		for _, ri := range r.Rules {
			if !seenRule[ri.ID] {
				seenRule[ri.ID] = true
				out.Rules = append(out.Rules, ri)
			}
		}
		for _, f := range r.Files {
			if !seenFile[f] {
				seenFile[f] = true
				out.Files = append(out.Files, f)
			}
		}
		for _, fe := range r.Failed {
			if !seenFailed[fe] {
				seenFailed[fe] = true
				out.Failed = append(out.Failed, fe)
			}
		}
		for _, d := range r.Degraded {
			if !seenDegraded[d.File] {
				seenDegraded[d.File] = true
				out.Degraded = append(out.Degraded, d)
			}
		}
		for _, p := range r.Patches {
			if !seenPatch[p] {
				seenPatch[p] = true
				out.Patches = append(out.Patches, p)
			}
		}
		out.Findings = append(out.Findings, r.Findings...)
		out.Absent = append(out.Absent, r.Absent...)
	}
	sort.Slice(out.Rules, func(i, j int) bool { return out.Rules[i].ID < out.Rules[j].ID })
	sort.Strings(out.Files)
	sort.SliceStable(out.Degraded, func(i, j int) bool { return out.Degraded[i].File < out.Degraded[j].File })
	sort.SliceStable(out.Failed, func(i, j int) bool {
		a, b := out.Failed[i], out.Failed[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
	out.Findings = dedupFindings(out.Findings)
	out.Absent = dedupFindings(out.Absent)
	return out, nil
}

// dedupFindings sorts findings with SortFindings and keeps the first of
// those with the same fingerprint and location: the same finding that two
// shards both report (in a header they share). The rule and the message
// are part of the key too: two findings may share fingerprint and place
// and differ only in a number of their message ("acquired at line 180"
// and "at line 182"), which the fingerprint leaves out on purpose.
func dedupFindings(fs []Finding) []Finding {
	if len(fs) == 0 {
		return nil
	}
	SortFindings(fs)
	type key struct {
		fp, rule, msg string
		loc           Location
	}
	seen := map[key]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := key{fp: f.Fingerprint, rule: f.Rule, msg: f.Message, loc: f.Loc}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// WriteAtomic writes data to path without ever leaving a half-written
// report: a temporary file in the same directory, then a rename. Errors
// read "-o PATH: ...".
func WriteAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".pcslint-*")
	if err != nil {
		return fmt.Errorf("-o %s: %v", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("-o %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("-o %s: %v", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("-o %s: %v", path, err)
	}
	return nil
}
