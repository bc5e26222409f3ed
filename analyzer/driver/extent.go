package driver

import (
	"go/token"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
)

// extent is the location of a finding in unit f from pos to end, the
// diagnostic's range. Without an end in the same file, the range is the
// identifier (or keyword) written at pos, or its one character when it
// is at none, so that SARIF regions and editors underline a word, not a
// point. EndCol is exclusive, as SARIF's endColumn.
func extent(fset *token.FileSet, f *cparse.File, pos, end token.Pos) report.Location {
	p := fset.Position(pos)
	loc := report.Location{File: f.Path, Line: p.Line, Col: p.Column}
	if end.IsValid() && end > pos && fset.File(end) == fset.File(pos) {
		e := fset.Position(end)
		loc.EndLine, loc.EndCol = e.Line, e.Column
		return loc
	}
	if p.Line > 0 {
		// a word, else the one character at pos (an operator)
		loc.EndLine, loc.EndCol = p.Line, p.Column+max(len(f.IdentAt(pos)), 1)
	}
	return loc
}
