// Package rules holds what every pcslint rule shares: the analyzed unit the
// driver provides, rule metadata, and the conventions by which a rule's
// diagnostics carry related locations and paths.
package rules

import (
	"errors"
	"go/token"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Unit is one analyzed C file with the model and the run's summaries.
type Unit struct {
	File      *cparse.File
	Model     *model.Model
	Summaries *flow.Summaries
}

// Source provides the Unit; the driver fills its result instead of
// running it.
var Source = &analysis.Analyzer{
	Name:       "csource",
	Doc:        "csource provides the parsed C translation unit (filled in by the pcslint driver)",
	Run:        func(*analysis.Pass) (any, error) { return nil, errors.New("csource is provided by the driver") },
	ResultType: reflect.TypeOf((*Unit)(nil)),
}

// NewRule returns a rule's analyzer: it requires Source (then requires),
// and its URL is its page under docs/rules, named by its ID.
func NewRule(name, doc string, run func(*analysis.Pass) (any, error), requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      doc,
		URL:      "https://github.com/pcslint/pcslint/blob/main/docs/rules/" + strings.ReplaceAll(name, "_", "-") + ".md",
		Requires: append([]*analysis.Analyzer{Source}, requires...),
		Run:      run,
	}
}

// UnitOf returns the unit of a pass.
func UnitOf(pass *analysis.Pass) *Unit { return pass.ResultOf[Source].(*Unit) }

// Level is a rule's default severity (SARIF level).
type Level string

const (
	Note    Level = "note"
	Warning Level = "warning"
	Error   Level = "error"
)

// Meta is what SARIF and the docs need beyond the Analyzer itself.
type Meta struct {
	Level Level
	Tags  []string
}

// PathPrefix marks a RelatedInformation entry that is a step of the
// finding's path (a SARIF codeFlow) rather than a related location.
const PathPrefix = "path: "

// Finding builds a diagnostic: msg at pos, related locations, and the path.
type Finding struct {
	Pos     token.Pos
	End     token.Pos
	Message string
	Related []analysis.RelatedInformation
	Path    []flow.Step
	Fixes   []analysis.SuggestedFix
}

// Report sends f to the pass.
func Report(pass *analysis.Pass, f Finding) {
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End, Message: f.Message, Category: RuleID(pass.Analyzer), SuggestedFixes: f.Fixes}
	d.Related = append(d.Related, f.Related...)
	for _, s := range f.Path {
		if s.Pos.IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: PathPrefix + s.Msg})
		}
	}
	pass.Report(d)
}

// RuleID is the user-facing rule name (SARIF ruleId, docs page,
// suppression comments) of an analyzer: go/analysis wants identifiers, so
// "ref_leak" is the analyzer of rule "ref-leak".
func RuleID(a *analysis.Analyzer) string { return strings.ReplaceAll(a.Name, "_", "-") }

// Line returns the line of pos in the pass's file set.
func Line(pass *analysis.Pass, pos token.Pos) int { return pass.Fset.Position(pos).Line }
