package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// readSARIFReport reads a SARIF log that pcslint wrote (WriteSARIF) back
// into a Report: the inverse of WriteSARIF for everything WriteSARIF
// writes, so that WriteSARIF(readSARIFReport(WriteSARIF(r))) gives the
// same bytes. Rules, results (related locations, code flows, fixes,
// suppressions, baseline state, patch, fingerprint, function), artifacts
// (Files), error notifications of the invocations (Failed), the tool
// version, the tree kind, the patches and the root (originalUriBaseIds)
// come back. Results the log lists as absent go to Report.Absent.
//
// Messages lose their embedded links to related locations, and the code
// flow that shows the related locations a message does not link is not
// read as a path: both are WriteSARIF's rendering of the same finding.
// The fingerprint is read from the pcslint/v1 key, or from
// primaryLocationLineHash in logs of earlier pcslint versions.
//
// What WriteSARIF cut to stay within GitHub's limits (results past
// 25000) is not in the log and cannot come back. A log with several pcslint runs is read as their merge (see
// mergeReports); runs of other tools are an error.
func readSARIFReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	reps, err := parseSARIFRuns(data, path)
	if err != nil {
		return nil, err
	}
	if len(reps) == 1 {
		return reps[0], nil
	}
	names := make([]string, len(reps))
	for i := range names {
		names[i] = fmt.Sprintf("%s (run %d)", path, i+1)
	}
	return mergeReports(reps, names)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// decodeSARIF decodes a SARIF 2.1.0 log into go-sarif's model, as
// sarif.FromBytes does but without its default of making absent arrays
// empty, which would hide a missing "runs" (any JSON object decodes).
// Errors start with what (the file, "baseline FILE").
func decodeSARIF(data []byte, what string) (*sarif.Report, error) {
	var log sarif.Report
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("%s is not a SARIF log: %v", what, oneLineErr(err))
	}
	if log.Version == "" || log.Runs == nil {
		return nil, fmt.Errorf("%s is not a SARIF log: no version and runs", what)
	}
	if log.Version != "2.1.0" {
		return nil, fmt.Errorf("%s is SARIF %q; pcslint reads 2.1.0", what, log.Version)
	}
	return &log, nil
}

// parseSARIFRuns turns each run of a pcslint SARIF log into a Report.
func parseSARIFRuns(data []byte, path string) ([]*Report, error) {
	log, err := decodeSARIF(data, path)
	if err != nil {
		return nil, err
	}
	if len(log.Runs) == 0 {
		return nil, fmt.Errorf("%s is a SARIF log with no runs", path)
	}
	var reps []*Report
	for _, run := range log.Runs {
		r, err := reportFromRun(run, path)
		if err != nil {
			return nil, err
		}
		reps = append(reps, r)
	}
	return reps, nil
}

func oneLineErr(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// deref is *p, or the zero value for nil: go-sarif decodes absent
// optional properties, and JSON nulls in arrays, to nil pointers; both
// read as the empty value, as SARIF has it.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func msgText(m *sarif.Message) string {
	if m == nil {
		return ""
	}
	return deref(m.Text)
}

func mmsText(m *sarif.MultiformatMessageString) string {
	if m == nil {
		return ""
	}
	return deref(m.Text)
}

// property decodes the property key of bag, if it has it, into v.
// go-sarif keeps property values as decoded JSON (numbers as float64),
// so they are encoded again and decoded into v's type.
func property(bag *sarif.PropertyBag, key string, v any) error {
	if bag == nil {
		return nil
	}
	raw, ok := bag.Properties[key]
	if !ok {
		return nil
	}
	b, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	return err
}

func reportFromRun(run *sarif.Run, file string) (*Report, error) {
	if run == nil || run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "pcslint" {
		name := "an unnamed tool"
		if run != nil && run.Tool != nil && run.Tool.Driver != nil && run.Tool.Driver.Name != nil {
			name = fmt.Sprintf("%q", *run.Tool.Driver.Name)
		}
		return nil, fmt.Errorf("%s was written by %s, not pcslint", file, name)
	}
	drv := run.Tool.Driver
	r := &Report{ToolVersion: deref(drv.Version)}
	if base, ok := run.OriginalUriBaseIds[srcRoot]; ok && deref(base.URI) != "" {
		u, err := url.Parse(*base.URI)
		if err != nil || u.Scheme != "file" || u.Path == "" {
			return nil, fmt.Errorf("%s: bad %s base URI %q", file, srcRoot, *base.URI)
		}
		r.Root = filepath.FromSlash(path.Clean(u.Path)) // no trailing slash
	}
	if err := property(run.Properties, "pcslint/treeKind", &r.TreeKind); err != nil {
		return nil, fmt.Errorf("%s: bad pcslint/treeKind property: %v", file, oneLineErr(err))
	}
	var patches []PatchInfo // the fields' names are the keys, up to case
	if err := property(run.Properties, "pcslint/patches", &patches); err != nil {
		return nil, fmt.Errorf("%s: bad pcslint/patches property: %v", file, oneLineErr(err))
	}
	r.Patches = append(r.Patches, patches...)

	ruleLevel := map[string]Level{}
	for _, sr := range drv.Rules {
		if sr == nil {
			sr = &sarif.ReportingDescriptor{}
		}
		ri := RuleInfo{ID: deref(sr.ID), HelpURI: deref(sr.HelpURI), Short: mmsText(sr.ShortDescription), Full: mmsText(sr.FullDescription)}
		if sr.Help != nil {
			ri.Markdown = deref(sr.Help.Markdown)
			if ri.Short == "" && ri.Full == "" && ri.Markdown == "" {
				// help without descriptions: WriteSARIF makes it Full
				ri.Full = deref(sr.Help.Text)
			}
		}
		if sr.DefaultConfiguration != nil {
			ri.Level = Level(sr.DefaultConfiguration.Level)
		}
		if ri.Level == "" {
			ri.Level = LevelWarning
		}
		if sr.Properties != nil {
			readStanding(&ri, sr.Properties)
		}
		ruleLevel[ri.ID] = ri.Level
		r.Rules = append(r.Rules, ri)
	}

	for _, a := range run.Artifacts {
		if a != nil && a.Location != nil && deref(a.Location.URI) != "" {
			r.Files = append(r.Files, uriFile(*a.Location.URI))
		}
	}
	for _, inv := range run.Invocations {
		for _, n := range deref(inv).ToolExecutionNotifications {
			if n == nil || n.Message == nil {
				continue
			}
			var first *sarif.Location
			if len(n.Locations) > 0 {
				first = n.Locations[0]
			}
			switch n.Level {
			case "warning":
				if msg, ok := strings.CutPrefix(msgText(n.Message), DegradedMessage(DegradedFile{})); ok && len(n.Locations) > 0 {
					r.Degraded = append(r.Degraded, DegradedFile{File: locationOf(first).File, Stubs: strings.Split(msg, "; ")})
				}
			case "error":
				if msg, ok := strings.CutPrefix(msgText(n.Message), "cannot analyze: "); ok {
					l := locationOf(first)
					r.Failed = append(r.Failed, FileError{File: l.File, Line: l.Line, Col: l.Col, Message: msg})
				}
			}
		}
	}

	for _, res := range run.Results {
		if res == nil {
			res = &sarif.Result{}
		}
		f, absent := findingOf(res, drv.Rules, ruleLevel)
		if absent {
			r.Absent = append(r.Absent, f)
		} else {
			r.Findings = append(r.Findings, f)
		}
	}
	return r, nil
}

// findingOf converts a result; absent is its baseline state.
func findingOf(res *sarif.Result, rules []*sarif.ReportingDescriptor, ruleLevel map[string]Level) (f Finding, absent bool) {
	f = Finding{Rule: deref(res.RuleID), Level: Level(res.Level), Message: unlinkMessage(msgText(res.Message))}
	// go-sarif reads an absent ruleIndex as 0, not SARIF's -1; pcslint
	// always writes ruleId, so this only matters for logs it did not write.
	if f.Rule == "" && res.RuleIndex >= 0 && res.RuleIndex < len(rules) && rules[res.RuleIndex] != nil {
		f.Rule = deref(rules[res.RuleIndex].ID)
	}
	if f.Level == "" {
		f.Level = ruleLevel[f.Rule]
	}
	if f.Level == "" {
		f.Level = LevelWarning
	}
	if len(res.Locations) > 0 {
		loc := res.Locations[0]
		f.Loc = locationOf(loc)
		for _, ll := range deref(loc).LogicalLocations {
			if ll != nil && (deref(ll.Kind) == "" || *ll.Kind == "function") {
				f.Function = firstNonEmpty(deref(ll.Name), deref(ll.FullyQualifiedName))
				if f.Function != "" {
					break
				}
			}
		}
	}
	for _, rl := range res.RelatedLocations {
		f.Related = append(f.Related, Related{Loc: locationOf(rl), Message: msgText(deref(rl).Message)})
	}
	for _, cf := range res.CodeFlows {
		var kind string
		if cf != nil {
			_ = property(cf.Properties, "pcslint/flow", &kind)
		}
		if kind == relatedFlowKind {
			continue // the related locations again, already read
		}
		for _, tf := range deref(cf).ThreadFlows {
			for _, tl := range deref(tf).Locations {
				if tl == nil || tl.Location == nil {
					continue
				}
				f.Path = append(f.Path, Step{Loc: locationOf(tl.Location), Message: msgText(tl.Location.Message)})
			}
		}
	}
	for _, fx := range res.Fixes {
		if fix := fixOf(fx); len(fix.Edits) > 0 {
			f.Fixes = append(f.Fixes, fix)
		}
	}
	f.Fingerprint = resultFingerprint(res)
	for _, s := range res.Suppressions {
		f.Suppressed = true
		if f.Justification == "" && s != nil {
			f.Justification = deref(s.Justification)
		}
	}
	f.BaselineState = deref(res.BaselineState)
	_ = property(res.Properties, "patch", &f.Patch) // not a string: no patch
	return f, f.BaselineState == "absent"
}

// fixOf converts a fix; a replacement without a deleted region's end
// ends on its start line.
func fixOf(fx *sarif.Fix) Fix {
	if fx == nil {
		return Fix{}
	}
	fix := Fix{Description: msgText(fx.Description)}
	for _, ch := range fx.ArtifactChanges {
		if ch == nil {
			continue
		}
		file := ""
		if ch.ArtifactLocation != nil {
			file = uriFile(deref(ch.ArtifactLocation.URI))
		}
		for _, rep := range ch.Replacements {
			e := Edit{Start: Location{File: file}, End: Location{File: file}}
			if rep != nil && rep.DeletedRegion != nil {
				rg := rep.DeletedRegion
				e.Start.Line, e.Start.Col = deref(rg.StartLine), deref(rg.StartColumn)
				e.End.Line, e.End.Col = deref(rg.EndLine), deref(rg.EndColumn)
				if e.End.Line == 0 {
					e.End.Line = e.Start.Line
				}
			}
			if rep != nil && rep.InsertedContent != nil {
				e.Text = deref(rep.InsertedContent.Text)
			}
			fix.Edits = append(fix.Edits, e)
		}
	}
	return fix
}

// locationOf converts a physical location; no region means the whole file.
func locationOf(l *sarif.Location) Location {
	var out Location
	if l == nil || l.PhysicalLocation == nil {
		return out
	}
	pl := l.PhysicalLocation
	if pl.ArtifactLocation != nil {
		out.File = uriFile(deref(pl.ArtifactLocation.URI))
	}
	if rg := pl.Region; rg != nil {
		out.Line, out.Col, out.EndLine, out.EndCol = deref(rg.StartLine), deref(rg.StartColumn), deref(rg.EndLine), deref(rg.EndColumn)
	}
	return out
}

// uriFile inverts sarifArtifactLocation's URI: the unescaped path, without
// the "./" url.URL puts before a first segment holding a colon.
func uriFile(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	if u.Scheme == "file" || (u.Scheme == "" && u.Host == "") {
		p := u.Path
		if u.Opaque != "" {
			p = u.Opaque
		}
		if rest, ok := strings.CutPrefix(p, "./"); ok && strings.HasPrefix(uri, "./") {
			if seg, _, _ := strings.Cut(rest, "/"); strings.Contains(seg, ":") {
				p = rest
			}
		}
		return p
	}
	return uri
}

// resultFingerprint is pcslint's fingerprint of a result: its own key, or
// the key pcslint wrote it under before (logs and baselines of earlier
// versions).
func resultFingerprint(res *sarif.Result) string {
	if fp := res.PartialFingerprints[FingerprintKey]; fp != "" {
		return fp
	}
	return res.PartialFingerprints[legacyFingerprintKey]
}
