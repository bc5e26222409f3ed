package report

import (
	"fmt"
	"net/url"
	"os"
	"sort"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// ReadBaseline reads a SARIF log that pcslint wrote earlier (--baseline)
// and returns its findings by fingerprint (the results'
// partialFingerprints["pcslint/v1"], or primaryLocationLineHash in the
// logs of pcslint versions before that key). Results without one cannot
// be matched and are left out, as are results the log itself lists as
// absent.
func ReadBaseline(path string) (map[string]Finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	log, err := decodeSARIF(data, "baseline "+path)
	if err != nil {
		return nil, err
	}
	out := map[string]Finding{}
	for _, run := range log.Runs {
		// JSON nulls in arrays decode to nil pointers.
		if run == nil || run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "pcslint" {
			name := "an unnamed tool"
			if run != nil && run.Tool != nil && run.Tool.Driver != nil && run.Tool.Driver.Name != nil {
				name = fmt.Sprintf("%q", *run.Tool.Driver.Name)
			}
			return nil, fmt.Errorf("baseline %s was written by %s, not pcslint", path, name)
		}
		for _, res := range run.Results {
			if res == nil {
				continue
			}
			fp := resultFingerprint(res)
			if fp == "" || (res.BaselineState != nil && *res.BaselineState == "absent") {
				continue
			}
			out[fp] = baselineFinding(run, res, fp)
		}
	}
	return out, nil
}

// baselineFinding rebuilds what a baseline finding needs: enough to show
// it when it is absent now.
func baselineFinding(run *sarif.Run, res *sarif.Result, fp string) Finding {
	f := Finding{Fingerprint: fp, Level: Level(res.Level)}
	if res.RuleID != nil {
		f.Rule = *res.RuleID
	} else if res.RuleIndex >= 0 && res.RuleIndex < len(run.Tool.Driver.Rules) && run.Tool.Driver.Rules[res.RuleIndex] != nil && run.Tool.Driver.Rules[res.RuleIndex].ID != nil {
		f.Rule = *run.Tool.Driver.Rules[res.RuleIndex].ID
	}
	if f.Level == "" {
		f.Level = LevelWarning
	}
	if res.Message != nil && res.Message.Text != nil {
		f.Message = unlinkMessage(*res.Message.Text)
	}
	if len(res.Locations) > 0 && res.Locations[0] != nil {
		loc := res.Locations[0]
		if pl := loc.PhysicalLocation; pl != nil {
			if al := pl.ArtifactLocation; al != nil && al.URI != nil {
				f.Loc.File = *al.URI
				if u, err := url.Parse(*al.URI); err == nil {
					f.Loc.File = u.Path
				}
			}
			if rg := pl.Region; rg != nil {
				f.Loc.Line, f.Loc.Col, f.Loc.EndLine, f.Loc.EndCol = deref(rg.StartLine), deref(rg.StartColumn), deref(rg.EndLine), deref(rg.EndColumn)
			}
		}
		for _, ll := range loc.LogicalLocations {
			if ll != nil && ll.Name != nil && (ll.Kind == nil || *ll.Kind == "function") {
				f.Function = *ll.Name
				break
			}
		}
	}
	if len(res.Suppressions) > 0 {
		f.Suppressed = true
		if s := res.Suppressions[0]; s != nil && s.Justification != nil {
			f.Justification = *s.Justification
		}
	}
	if res.Properties != nil {
		if p, ok := res.Properties.Properties["patch"].(string); ok {
			f.Patch = p
		}
	}
	return f
}

// ApplyBaseline labels r's findings "unchanged" when the baseline has
// their fingerprint and "new" otherwise (also when they have none), and
// sets r.Absent to the baseline findings no longer present, labelled
// "absent" and sorted like findings.
func ApplyBaseline(r *Report, base map[string]Finding) {
	present := map[string]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if _, ok := base[f.Fingerprint]; ok && f.Fingerprint != "" {
			f.BaselineState = "unchanged"
			present[f.Fingerprint] = true
		} else {
			f.BaselineState = "new"
		}
	}
	r.Absent = nil
	for fp, f := range base {
		if !present[fp] {
			f.BaselineState = "absent"
			r.Absent = append(r.Absent, f)
		}
	}
	// Map order is random: the fingerprint breaks ties.
	sort.Slice(r.Absent, func(i, j int) bool { return r.Absent[i].Fingerprint < r.Absent[j].Fingerprint })
	SortByLocation(r.Absent)
}
