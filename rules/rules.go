// Package rules holds what every pcslint rule shares: the analyzed unit the
// driver provides, rule metadata, and the conventions by which a rule's
// diagnostics carry related locations and paths.
package rules

import (
	"errors"
	"go/token"
	"path"
	"reflect"
	"runtime"
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

// RefAPI is the entry of a callee for the reference rules: the model's
// (reference kinds), else a summary of the analyzed code; nil when neither
// has one.
func (u *Unit) RefAPI(name string) *model.Func {
	if api := u.Model.RefFunc(name); api != nil {
		return api
	}
	if u.Summaries != nil {
		return u.Summaries.Lookup(name)
	}
	return nil
}

// Source provides the Unit; the driver fills its result instead of
// running it.
var Source = &analysis.Analyzer{
	Name:       "csource",
	Doc:        "csource provides the parsed C translation unit (filled in by the pcslint driver)",
	Run:        func(*analysis.Pass) (any, error) { return nil, errors.New("csource is provided by the driver") },
	ResultType: reflect.TypeOf((*Unit)(nil)),
}

// Spec declares a rule: everything the driver, the reports and the docs
// need to know about it.
type Spec struct {
	// ID is the user-facing name: SARIF ruleId, docs page, suppression
	// comments ("ref-leak").
	ID    string
	Level Level
	Tags  []string
	// Standing is what GitHub code scanning is told of the rule's findings
	// (SARIF): their precision, CWEs and security severity.
	Standing Standing
	// Doc is "ID: one-line summary", a blank line, then the rule page's
	// body (docs/rules/ID.md is generated from it).
	Doc      string
	Run      func(*analysis.Pass) (any, error)
	Requires []*analysis.Analyzer
	// Triggers says which files may hold a finding, so that the others
	// need not be parsed.
	Triggers Triggers
}

// Triggers are what makes a file worth parsing for a rule: naming a
// function of one of the reference kinds of the model (always), a member
// of one of FieldRoles, or text that Text accepts.
type Triggers struct {
	FieldRoles []model.Role
	// Text, given the model, tests a file's raw text and identifiers.
	Text func(m *model.Model) func(src []byte, idents map[string]bool) bool
}

// Rule is a declared rule and its analyzer.
type Rule struct {
	Spec
	Analyzer *analysis.Analyzer
	// Dir is the rule's package directory below the repository root
	// (rules/refleak).
	Dir string
}

// FixtureDir is the directory, below the repository root, of the rule's
// fixtures: Dir/testdata/src/ID, analysistest's layout (the fixtures of
// "package" ID in the rule package's testdata), so that a rule package
// is self-contained and its test reads testdata/src/ID.
func (r *Rule) FixtureDir() string { return path.Join(r.Dir, "testdata", "src", r.ID) }

// New makes a rule from its spec: its analyzer requires Source (then
// Requires), and its URL is its page under docs/rules.
func New(s Spec) *Rule {
	r := &Rule{Spec: s, Dir: packageDir(s.Run)}
	r.Analyzer = &analysis.Analyzer{
		Name:     strings.ReplaceAll(s.ID, "-", "_"),
		Doc:      s.Doc,
		URL:      "https://github.com/pcslint/pcslint/blob/main/docs/rules/" + s.ID + ".md",
		Requires: append([]*analysis.Analyzer{Source}, s.Requires...),
		Run:      s.Run,
	}
	return r
}

// Meta is the rule's default severity, tags and standing.
func (r *Rule) Meta() Meta { return Meta{Level: r.Level, Tags: r.Tags, Standing: r.Standing} }

// packageDir is the directory, below the module root, of the package
// defining run: the rule's own package (from the function's symbol name,
// so that no rule has to repeat where it lives).
func packageDir(run any) string {
	fn := runtime.FuncForPC(reflect.ValueOf(run).Pointer())
	if fn == nil {
		return ""
	}
	name := fn.Name() // github.com/pcslint/pcslint/rules/refleak.run
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		if j := strings.IndexByte(name[i:], '.'); j >= 0 {
			name = name[:i+j]
		}
	}
	return strings.TrimPrefix(name, modulePath+"/")
}

const modulePath = "github.com/pcslint/pcslint"

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
	Level    Level
	Tags     []string
	Standing Standing
}

// Standing is what GitHub code scanning reads about a rule beyond its
// description: how often its findings are right, and what a finding
// risks. Every rule of pcslint is a memory-lifetime bug in kernel code,
// so every rule is a security rule. Scores: a put too many frees an
// object others hold (high); a window in which the object can be freed
// under its user (a race, a devres double release, an ERR_PTR
// dereference) is medium; a use after free that needs an unbind (root,
// or a hot unplug) is medium-low; a leak is low to medium.
// docs/sarif.md shows every rule's; a test keeps the two equal.
type Standing struct {
	// Triaged findings on real kernel code, true and false (what the rule
	// reported then, including findings fixed since). Update these from the
	// latest triage (docs/triage-6.12.md) whenever one is made: precision
	// is computed from them.
	True, False int
	// CWEs the bug is an instance of, and the CVSS-like score of its
	// security impact (GitHub: 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high).
	CWE      []int
	Severity string
}

// minTriaged is the number of triaged findings under which a rule's
// precision counts as unmeasured ("medium").
const minTriaged = 3

// Precision is GitHub's precision of a rule from its triage: very-high for
// 10 or more findings, all true; high for all true, or at least 75% true;
// medium when fewer than minTriaged findings were triaged, or at least
// 50% true; low below.
func (s Standing) Precision() string {
	n := s.True + s.False
	switch {
	case n < minTriaged:
		return "medium"
	case s.False == 0 && n >= 10:
		return "very-high"
	case 4*s.True >= 3*n:
		return "high"
	case 2*s.True >= n:
		return "medium"
	}
	return "low"
}

// PathPrefix marks a RelatedInformation entry that is a step of the
// finding's path (a SARIF codeFlow) rather than a related location.
const PathPrefix = "path: "

// WhyPrefix and FixPrefix mark the notes that carry a finding's why and
// its fix: the headline stays one short line, and text, JSON and SARIF
// carry the same words because all three print related locations.
const (
	WhyPrefix = "why: "
	FixPrefix = "fix: "
)

// Finding builds a diagnostic: msg at pos, related locations, and the path.
type Finding struct {
	Pos token.Pos
	End token.Pos
	// Message is the headline: what is wrong, at most about 120
	// characters, naming no function twice.
	Message string
	// Why says what the defect costs (what goes away, what stays
	// pinned), Fix what to change; each becomes a note at Pos.
	Why     string
	Fix     string
	Related []analysis.RelatedInformation
	Path    []flow.Step
	Fixes   []analysis.SuggestedFix
}

// Report sends f to the pass.
func Report(pass *analysis.Pass, f Finding) {
	d := analysis.Diagnostic{Pos: f.Pos, End: f.End, Message: f.Message, Category: RuleID(pass.Analyzer), SuggestedFixes: f.Fixes}
	if f.Why != "" {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.Pos, Message: WhyPrefix + f.Why})
	}
	if f.Fix != "" {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.Pos, Message: FixPrefix + f.Fix})
	}
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
