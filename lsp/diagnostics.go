package lsp

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pcslint/pcslint/analyzer/report"
)

// diagnostics are the report's findings on the file at path and, if it
// could not be analyzed or was parsed in degraded mode, why. Related
// locations and the steps of the path are the diagnostics' related
// information, as the text output lists them under a finding.
func diagnostics(rep *report.Report, path string, lines *lineCache) []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	rel := func(file string) string { return filepath.Join(rep.Root, filepath.FromSlash(file)) }
	for _, fe := range rep.Failed {
		if rel(fe.File) == path {
			at := lines.position(path, fe.Line, fe.Col)
			out = append(out, errorDiagnostic(protocol.Range{Start: at, End: at}, "cannot analyze: "+fe.Message))
		}
	}
	for _, dg := range rep.Degraded {
		if rel(dg.File) == path {
			info := protocol.DiagnosticSeverityInformation
			out = append(out, protocol.Diagnostic{Severity: &info, Source: source(), Message: report.DegradedMessage(dg)})
		}
	}
	help := helpURIs(rep)
	for _, f := range rep.Findings {
		if !f.Suppressed && rel(f.Loc.File) == path {
			out = append(out, findingDiagnostic(f, rep.Root, help, lines))
		}
	}
	return out
}

// helpURIs are the rules' pages by id.
func helpURIs(rep *report.Report) map[string]string {
	help := map[string]string{}
	for _, r := range rep.Rules {
		help[r.ID] = r.HelpURI
	}
	return help
}

func source() *string { s := "pcslint"; return &s }

func errorDiagnostic(r protocol.Range, msg string) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityError
	return protocol.Diagnostic{Range: r, Severity: &sev, Source: source(), Code: &protocol.IntegerOrString{Value: "pcslint"}, Message: msg}
}

// findingDiagnostic is a finding as an LSP diagnostic: its range, level,
// rule (the code, linking to the rule's page), message, related locations
// and path.
func findingDiagnostic(f report.Finding, root string, help map[string]string, lines *lineCache) protocol.Diagnostic {
	abs := func(file string) string { return filepath.Join(root, filepath.FromSlash(file)) }
	sev := protocol.DiagnosticSeverityWarning
	switch f.Level {
	case report.LevelError:
		sev = protocol.DiagnosticSeverityError
	case report.LevelNote:
		sev = protocol.DiagnosticSeverityInformation
	}
	d := protocol.Diagnostic{
		Range:    lines.span(abs(f.Loc.File), f.Loc),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: f.Rule},
		Source:   source(),
		Message:  f.Message,
	}
	if u := help[f.Rule]; u != "" {
		d.CodeDescription = &protocol.CodeDescription{HRef: u}
	}
	info := func(l report.Location, msg string) {
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: pathURI(abs(l.File)), Range: lines.span(abs(l.File), l)},
			Message:  msg,
		})
	}
	for _, r := range f.Related {
		info(r.Loc, r.Message)
	}
	for i, st := range f.Path {
		info(st.Loc, "step "+strconv.Itoa(i+1)+": "+st.Message)
	}
	return d
}

// lineCache has the lines of the files diagnostics point into: the open
// buffers' text, else the file on disk. LSP counts columns in UTF-16
// code units, pcslint in bytes.
type lineCache struct {
	buffers map[string]string
	files   map[string][]string
}

func newLines(buffers map[string]string) *lineCache {
	return &lineCache{buffers: buffers, files: map[string][]string{}}
}

func (c *lineCache) line(path string, n int) string {
	ls, ok := c.files[path]
	if !ok {
		text, open := c.buffers[path]
		if !open {
			b, _ := os.ReadFile(path) // a file that went away: byte columns
			text = string(b)
		}
		ls = strings.Split(text, "\n")
		c.files[path] = ls
	}
	if n < 1 || n > len(ls) {
		return ""
	}
	return ls[n-1]
}

// position is line and byte column (1-based; 0: unknown) as an LSP
// position.
func (c *lineCache) position(path string, line, col int) protocol.Position {
	if line < 1 {
		return protocol.Position{}
	}
	text, off := c.line(path, line), max(col-1, 0)
	if off > len(text) {
		// past the line as the buffer holds it now: as pcslint saw it
		return protocol.Position{Line: protocol.UInteger(line - 1), Character: protocol.UInteger(off)}
	}
	return protocol.Position{Line: protocol.UInteger(line - 1), Character: protocol.UInteger(utf16Len(text[:off]))}
}

// span is a location's range: to its end when it has one, else the word
// at its start (or one character), which editors underline.
func (c *lineCache) span(path string, l report.Location) protocol.Range {
	start := c.position(path, l.Line, l.Col)
	if l.EndLine > 0 {
		return protocol.Range{Start: start, End: c.position(path, l.EndLine, l.EndCol)}
	}
	if l.Line < 1 {
		return protocol.Range{Start: start, End: start}
	}
	text := c.line(path, l.Line)
	from := min(max(l.Col-1, 0), len(text))
	end := from
	for end < len(text) && isWordByte(text[end]) {
		end++
	}
	if end == from && end < len(text) {
		_, w := utf8.DecodeRuneInString(text[end:])
		end += w
	}
	return protocol.Range{Start: start, End: c.position(path, l.Line, end+1)}
}

func isWordByte(b byte) bool {
	return b == '_' || ('0' <= b && b <= '9') || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}
