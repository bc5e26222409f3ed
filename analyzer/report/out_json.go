package report

import (
	"encoding/json"
	"io"
)

// jsonVersion names the schema WriteJSON writes. It changes only when a
// field changes meaning or goes away; new fields may be added under it.
const jsonVersion = "pcslint-json/1"

// WriteJSON writes r as one JSON document of the pcslint-json/1 schema:
//
//	{
//	  "version":  "pcslint-json/1",
//	  "tool":     {"name": "pcslint", "version": "..."},
//	  "root":     "/abs/tree",            // locations are relative to it
//	  "treeKind": "standalone|pristine|configured|built",
//	  "files":    ["drivers/net/pcs/core.c", ...],  // analyzed, sorted
//	  "findings": [Finding, ...],         // report order: file, line, col, rule
//	  "absent":   [Finding, ...],         // baseline findings gone (--baseline)
//	  "failed":   [{"file", "line", "col", "message"}, ...],
//	  "degraded": [{"file", "stubs": ["missing <asm/x.h> stubbed (...)", ...]}, ...],  // parsed best effort, in files
//	  "patches":  [{"subject", "file", "new", "fixed"}, ...],  // gate mode
//	  "summary":  {"files", "failed", "degraded", "findings", "suppressed",
//	               "error", "warning", "note", "new", "unchanged", "absent"}
//	}
//
// where a Finding is
//
//	{"rule", "level": "error|warning|note", "message",
//	 "file", "line", "col", "endLine", "endCol",   // 1-based, col in bytes, 0 = unknown
//	 "function",                                  // "" at file scope
//	 "related": [{"file", "line", "col", "message"}],
//	 "path":    [{"file", "line", "col", "message"}],   // steps in order
//	 "fingerprint", "suppressed", "justification",
//	 "baselineState": "|new|unchanged|absent", "patch": "subject or empty",
//	 "fixes": [{"description", "edits": [{"file", "line", "col",
//	            "endLine", "endCol", "text"}]}]}
//
// Every key is always present (empty string, 0, false or []), so consumers
// need no existence checks, and the output is byte-identical for the same
// report. summary.findings counts unsuppressed findings; error, warning,
// note, new and unchanged count unsuppressed findings by level and by
// baseline state; absent counts the absent array.
func WriteJSON(w io.Writer, r *Report) error {
	doc := jsonReport{
		Version:  jsonVersion,
		Tool:     jsonTool{Name: "pcslint", Version: r.ToolVersion},
		Root:     r.Root,
		TreeKind: r.TreeKind,
		Files:    nonNil(r.Files),
		Findings: jsonFindings(r.Findings),
		Absent:   jsonFindings(r.Absent),
		Failed:   []jsonFailed{},
		Degraded: []jsonDegraded{},
		Patches:  []jsonPatch{},
	}
	for _, d := range r.Degraded {
		doc.Degraded = append(doc.Degraded, jsonDegraded{d.File, nonNil(d.Stubs)})
	}
	for _, fe := range r.Failed {
		doc.Failed = append(doc.Failed, jsonFailed{fe.File, fe.Line, fe.Col, fe.Message})
	}
	for _, p := range r.Patches {
		doc.Patches = append(doc.Patches, jsonPatch{p.Subject, p.File, p.New, p.Fixed})
	}
	s := &doc.Summary
	s.Files, s.Failed, s.Degraded, s.Absent = len(r.Files), len(r.Failed), len(r.Degraded), len(r.Absent)
	s.New, s.Unchanged = baselineCounts(r)
	for _, f := range r.Findings {
		if f.Suppressed {
			s.Suppressed++
			continue
		}
		s.Findings++
		switch f.Level {
		case LevelError:
			s.Error++
		case LevelWarning:
			s.Warning++
		case LevelNote:
			s.Note++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // messages hold "->" and "<linux/pcs.h>"
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

type jsonReport struct {
	Version  string         `json:"version"`
	Tool     jsonTool       `json:"tool"`
	Root     string         `json:"root"`
	TreeKind string         `json:"treeKind"`
	Files    []string       `json:"files"`
	Findings []jsonFinding  `json:"findings"`
	Absent   []jsonFinding  `json:"absent"`
	Failed   []jsonFailed   `json:"failed"`
	Degraded []jsonDegraded `json:"degraded"`
	Patches  []jsonPatch    `json:"patches"`
	Summary  jsonSummary    `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	Rule          string     `json:"rule"`
	Level         Level      `json:"level"`
	Message       string     `json:"message"`
	File          string     `json:"file"`
	Line          int        `json:"line"`
	Col           int        `json:"col"`
	EndLine       int        `json:"endLine"`
	EndCol        int        `json:"endCol"`
	Function      string     `json:"function"`
	Related       []jsonNote `json:"related"`
	Path          []jsonNote `json:"path"`
	Fingerprint   string     `json:"fingerprint"`
	Suppressed    bool       `json:"suppressed"`
	Justification string     `json:"justification"`
	BaselineState string     `json:"baselineState"`
	Patch         string     `json:"patch"`
	Fixes         []jsonFix  `json:"fixes"`
}

type jsonNote struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	EndLine int    `json:"endLine"`
	EndCol  int    `json:"endCol"`
	Text    string `json:"text"`
}

type jsonFailed struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

type jsonDegraded struct {
	File  string   `json:"file"`
	Stubs []string `json:"stubs"`
}

type jsonPatch struct {
	Subject string `json:"subject"`
	File    string `json:"file"`
	New     int    `json:"new"`
	Fixed   int    `json:"fixed"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Failed     int `json:"failed"`
	Degraded   int `json:"degraded"`
	Findings   int `json:"findings"`
	Suppressed int `json:"suppressed"`
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Note       int `json:"note"`
	New        int `json:"new"`
	Unchanged  int `json:"unchanged"`
	Absent     int `json:"absent"`
}

func jsonFindings(fs []Finding) []jsonFinding {
	out := []jsonFinding{}
	for _, f := range fs {
		j := jsonFinding{
			Rule: f.Rule, Level: f.Level, Message: f.Message,
			File: f.Loc.File, Line: f.Loc.Line, Col: f.Loc.Col, EndLine: f.Loc.EndLine, EndCol: f.Loc.EndCol,
			Function: f.Function, Related: []jsonNote{}, Path: []jsonNote{},
			Fingerprint: f.Fingerprint, Suppressed: f.Suppressed, Justification: f.Justification,
			BaselineState: f.BaselineState, Patch: f.Patch, Fixes: []jsonFix{},
		}
		for _, r := range f.Related {
			j.Related = append(j.Related, jsonNote{r.Loc.File, r.Loc.Line, r.Loc.Col, r.Message})
		}
		for _, s := range f.Path {
			j.Path = append(j.Path, jsonNote{s.Loc.File, s.Loc.Line, s.Loc.Col, s.Message})
		}
		for _, fx := range f.Fixes {
			jf := jsonFix{Description: fx.Description, Edits: []jsonEdit{}}
			for _, e := range fx.Edits {
				end := editEnd(e)
				jf.Edits = append(jf.Edits, jsonEdit{e.Start.File, e.Start.Line, e.Start.Col, end.Line, end.Col, e.Text})
			}
			j.Fixes = append(j.Fixes, jf)
		}
		out = append(out, j)
	}
	return out
}

// editEnd is where an edit's replaced bytes end; an unset End is an
// insertion at Start.
func editEnd(e Edit) Location {
	if e.End.Line == 0 {
		return e.Start
	}
	return e.End
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
