package analyzer

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
)

// ReadSARIFReport reads a SARIF log that pcslint wrote (WriteSARIF) back
// into a Report: the inverse of WriteSARIF for everything WriteSARIF
// writes, so that WriteSARIF(ReadSARIFReport(WriteSARIF(r))) gives the
// same bytes. Rules, results (related locations, code flows, fixes,
// suppressions, baseline state, patch, fingerprint, function), artifacts
// (Files), error notifications of the invocations (Failed), the tool
// version, the tree kind, the patches and the root (originalUriBaseIds)
// come back. Results the log lists as absent go to Report.Absent.
//
// What WriteSARIF cut to stay within GitHub's limits (results past
// 25000, related locations past 10) is not in the log and cannot come
// back. A log with several pcslint runs is read as their merge (see
// MergeReports); runs of other tools are an error.
func ReadSARIFReport(path string) (*Report, error) {
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
	return MergeReports(reps, names)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// The subset of SARIF 2.1.0 that WriteSARIF writes.
type (
	sxLog struct {
		Version *string  `json:"version"`
		Runs    *[]sxRun `json:"runs"`
	}
	sxRun struct {
		Tool               *sxTool                       `json:"tool"`
		OriginalURIBaseIDs map[string]sxArtifactLocation `json:"originalUriBaseIds"`
		Artifacts          []struct {
			Location *sxArtifactLocation `json:"location"`
		} `json:"artifacts"`
		Invocations []struct {
			Notifications []sxNotification `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Properties map[string]json.RawMessage `json:"properties"`
		Results    []sxResult                 `json:"results"`
	}
	sxTool struct {
		Driver *struct {
			Name    *string  `json:"name"`
			Version string   `json:"version"`
			Rules   []sxRule `json:"rules"`
		} `json:"driver"`
	}
	sxRule struct {
		ID                   string     `json:"id"`
		ShortDescription     *sxMessage `json:"shortDescription"`
		FullDescription      *sxMessage `json:"fullDescription"`
		Help                 *sxMessage `json:"help"`
		HelpURI              string     `json:"helpUri"`
		DefaultConfiguration *struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
		Properties *struct {
			Tags []string `json:"tags"`
		} `json:"properties"`
	}
	sxMessage struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sxArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sxRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sxLocation struct {
		ID               *int       `json:"id"`
		Message          *sxMessage `json:"message"`
		PhysicalLocation *struct {
			ArtifactLocation *sxArtifactLocation `json:"artifactLocation"`
			Region           *sxRegion           `json:"region"`
		} `json:"physicalLocation"`
		LogicalLocations []struct {
			Name               string `json:"name"`
			FullyQualifiedName string `json:"fullyQualifiedName"`
			Kind               string `json:"kind"`
		} `json:"logicalLocations"`
	}
	sxNotification struct {
		Level     string       `json:"level"`
		Message   *sxMessage   `json:"message"`
		Locations []sxLocation `json:"locations"`
	}
	sxResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             *sxMessage        `json:"message"`
		Locations           []sxLocation      `json:"locations"`
		RelatedLocations    []sxLocation      `json:"relatedLocations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		BaselineState       string            `json:"baselineState"`
		CodeFlows           []struct {
			ThreadFlows []struct {
				Locations []struct {
					Location *sxLocation `json:"location"`
				} `json:"locations"`
			} `json:"threadFlows"`
		} `json:"codeFlows"`
		Fixes []struct {
			Description     *sxMessage `json:"description"`
			ArtifactChanges []struct {
				ArtifactLocation *sxArtifactLocation `json:"artifactLocation"`
				Replacements     []struct {
					DeletedRegion   *sxRegion  `json:"deletedRegion"`
					InsertedContent *sxMessage `json:"insertedContent"`
				} `json:"replacements"`
			} `json:"artifactChanges"`
		} `json:"fixes"`
		Suppressions []struct {
			Kind          string `json:"kind"`
			Justification string `json:"justification"`
		} `json:"suppressions"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
)

// parseSARIFRuns turns each run of a pcslint SARIF log into a Report.
func parseSARIFRuns(data []byte, path string) ([]*Report, error) {
	var log sxLog
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("%s is not a SARIF log: %v", path, oneLineErr(err))
	}
	if log.Version == nil || log.Runs == nil {
		return nil, fmt.Errorf("%s is not a SARIF log: no version and runs", path)
	}
	if *log.Version != "2.1.0" {
		return nil, fmt.Errorf("%s is SARIF %q; pcslint reads 2.1.0", path, *log.Version)
	}
	if len(*log.Runs) == 0 {
		return nil, fmt.Errorf("%s is a SARIF log with no runs", path)
	}
	var reps []*Report
	for i := range *log.Runs {
		r, err := reportFromRun(&(*log.Runs)[i], path)
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

func reportFromRun(run *sxRun, file string) (*Report, error) {
	if run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "pcslint" {
		name := "an unnamed tool"
		if run.Tool != nil && run.Tool.Driver != nil && run.Tool.Driver.Name != nil {
			name = fmt.Sprintf("%q", *run.Tool.Driver.Name)
		}
		return nil, fmt.Errorf("%s was written by %s, not pcslint", file, name)
	}
	drv := run.Tool.Driver
	r := &Report{ToolVersion: drv.Version}
	if base, ok := run.OriginalURIBaseIDs[srcRoot]; ok && base.URI != "" {
		u, err := url.Parse(base.URI)
		if err != nil || u.Scheme != "file" || u.Path == "" {
			return nil, fmt.Errorf("%s: bad %s base URI %q", file, srcRoot, base.URI)
		}
		r.Root = filepath.FromSlash(path.Clean(u.Path)) // no trailing slash
	}
	if raw, ok := run.Properties["pcslint/treeKind"]; ok {
		if err := json.Unmarshal(raw, &r.TreeKind); err != nil {
			return nil, fmt.Errorf("%s: bad pcslint/treeKind property: %v", file, oneLineErr(err))
		}
	}
	if raw, ok := run.Properties["pcslint/patches"]; ok {
		var ps []struct {
			Subject string `json:"subject"`
			File    string `json:"file"`
			New     int    `json:"new"`
			Fixed   int    `json:"fixed"`
		}
		if err := json.Unmarshal(raw, &ps); err != nil {
			return nil, fmt.Errorf("%s: bad pcslint/patches property: %v", file, oneLineErr(err))
		}
		for _, p := range ps {
			r.Patches = append(r.Patches, PatchInfo(p))
		}
	}

	ruleLevel := map[string]Level{}
	for _, sr := range drv.Rules {
		ri := RuleInfo{ID: sr.ID, HelpURI: sr.HelpURI}
		if sr.ShortDescription != nil {
			ri.Short = sr.ShortDescription.Text
		}
		if sr.FullDescription != nil {
			ri.Full = sr.FullDescription.Text
		}
		if sr.Help != nil {
			ri.Markdown = sr.Help.Markdown
			if ri.Short == "" && ri.Full == "" && ri.Markdown == "" {
				// help without descriptions: WriteSARIF makes it Full
				ri.Full = sr.Help.Text
			}
		}
		if sr.DefaultConfiguration != nil {
			ri.Level = Level(sr.DefaultConfiguration.Level)
		}
		if ri.Level == "" {
			ri.Level = LevelWarning
		}
		if sr.Properties != nil {
			ri.Tags = append([]string(nil), sr.Properties.Tags...)
		}
		ruleLevel[ri.ID] = ri.Level
		r.Rules = append(r.Rules, ri)
	}

	for _, a := range run.Artifacts {
		if a.Location != nil && a.Location.URI != "" {
			r.Files = append(r.Files, uriFile(a.Location.URI))
		}
	}
	for _, inv := range run.Invocations {
		for _, n := range inv.Notifications {
			if n.Level == "warning" && n.Message != nil {
				if msg, ok := strings.CutPrefix(n.Message.Text, DegradedMessage(DegradedFile{})); ok && len(n.Locations) > 0 {
					r.Degraded = append(r.Degraded, DegradedFile{File: locationOf(&n.Locations[0]).File, Stubs: strings.Split(msg, "; ")})
				}
				continue
			}
			if n.Level != "error" || n.Message == nil {
				continue
			}
			msg, ok := strings.CutPrefix(n.Message.Text, "cannot analyze: ")
			if !ok {
				continue
			}
			fe := FileError{Message: msg}
			if len(n.Locations) > 0 {
				l := locationOf(&n.Locations[0])
				fe.File, fe.Line, fe.Col = l.File, l.Line, l.Col
			}
			r.Failed = append(r.Failed, fe)
		}
	}

	for i := range run.Results {
		res := &run.Results[i]
		f := Finding{Rule: res.RuleID, Level: Level(res.Level)}
		if f.Rule == "" && res.RuleIndex != nil && *res.RuleIndex >= 0 && *res.RuleIndex < len(drv.Rules) {
			f.Rule = drv.Rules[*res.RuleIndex].ID
		}
		if f.Level == "" {
			f.Level = ruleLevel[f.Rule]
		}
		if f.Level == "" {
			f.Level = LevelWarning
		}
		if res.Message != nil {
			f.Message = res.Message.Text
		}
		if len(res.Locations) > 0 {
			loc := &res.Locations[0]
			f.Loc = locationOf(loc)
			for _, ll := range loc.LogicalLocations {
				if ll.Kind == "" || ll.Kind == "function" {
					f.Function = firstNonEmpty(ll.Name, ll.FullyQualifiedName)
					if f.Function != "" {
						break
					}
				}
			}
		}
		for j := range res.RelatedLocations {
			rl := &res.RelatedLocations[j]
			rel := Related{Loc: locationOf(rl)}
			if rl.Message != nil {
				rel.Message = rl.Message.Text
			}
			f.Related = append(f.Related, rel)
		}
		for _, cf := range res.CodeFlows {
			for _, tf := range cf.ThreadFlows {
				for _, tl := range tf.Locations {
					if tl.Location == nil {
						continue
					}
					st := Step{Loc: locationOf(tl.Location)}
					if tl.Location.Message != nil {
						st.Message = tl.Location.Message.Text
					}
					f.Path = append(f.Path, st)
				}
			}
		}
		for _, fx := range res.Fixes {
			var fix Fix
			if fx.Description != nil {
				fix.Description = fx.Description.Text
			}
			for _, ch := range fx.ArtifactChanges {
				file := ""
				if ch.ArtifactLocation != nil {
					file = uriFile(ch.ArtifactLocation.URI)
				}
				for _, rep := range ch.Replacements {
					e := Edit{Start: Location{File: file}, End: Location{File: file}}
					if rg := rep.DeletedRegion; rg != nil {
						e.Start.Line, e.Start.Col = rg.StartLine, rg.StartColumn
						e.End.Line, e.End.Col = rg.EndLine, rg.EndColumn
						if e.End.Line == 0 {
							e.End.Line = e.Start.Line
						}
					}
					if rep.InsertedContent != nil {
						e.Text = rep.InsertedContent.Text
					}
					fix.Edits = append(fix.Edits, e)
				}
			}
			if len(fix.Edits) > 0 {
				f.Fixes = append(f.Fixes, fix)
			}
		}
		f.Fingerprint = res.PartialFingerprints["primaryLocationLineHash"]
		for _, s := range res.Suppressions {
			f.Suppressed = true
			if f.Justification == "" {
				f.Justification = s.Justification
			}
		}
		f.BaselineState = res.BaselineState
		if raw, ok := res.Properties["patch"]; ok {
			_ = json.Unmarshal(raw, &f.Patch) // not a string: no patch
		}
		if f.BaselineState == "absent" {
			r.Absent = append(r.Absent, f)
		} else {
			r.Findings = append(r.Findings, f)
		}
	}
	return r, nil
}

// locationOf converts a physical location; no region means the whole file.
func locationOf(l *sxLocation) Location {
	var out Location
	pl := l.PhysicalLocation
	if pl == nil {
		return out
	}
	if pl.ArtifactLocation != nil {
		out.File = uriFile(pl.ArtifactLocation.URI)
	}
	if rg := pl.Region; rg != nil {
		out.Line, out.Col, out.EndLine, out.EndCol = rg.StartLine, rg.StartColumn, rg.EndLine, rg.EndColumn
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
