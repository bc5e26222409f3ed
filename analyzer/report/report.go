package report

import (
	"sort"
	"strings"
)

// Report is everything one pcslint run produced; the output writers
// (text, JSON, SARIF) render it and nothing else.
type Report struct {
	ToolVersion string
	Root        string   // absolute tree root; locations are relative to it
	TreeKind    string   // standalone, pristine, configured, built
	Files       []string // analyzed files, relative, sorted
	// Unparsed counts the analyzed files that name no modelled API after
	// preprocessing: nothing in them can be reported, so they were not
	// parsed (they are in Files).
	Unparsed int
	Failed   []FileError
	// Degraded lists the analyzed files that cannot build for the
	// configured architecture and were parsed best effort, with what was
	// stubbed (cparse.File.Degraded); they are in Files.
	Degraded []DegradedFile
	// Rechecked counts the units parsed a second time once every file's
	// summaries were known (analyzer.Run); not part of the outputs.
	Rechecked int
	Findings  []Finding // sorted by file, line, column, rule
	Rules     []RuleInfo
	// Absent lists baseline findings no longer present (--baseline).
	Absent []Finding
	// Patches lists, in gate mode, the patches applied in order.
	Patches []PatchInfo
}

// Level is a finding's severity, with SARIF's names.
type Level string

const (
	LevelNote    Level = "note"
	LevelWarning Level = "warning"
	LevelError   Level = "error"
)

// Rank orders levels for --fail-on.
func (l Level) Rank() int {
	switch l {
	case LevelError:
		return 3
	case LevelWarning:
		return 2
	case LevelNote:
		return 1
	}
	return 0
}

// Location is a place in a file of the tree. Line and Col are 1-based;
// Col counts bytes. EndLine/EndCol are optional (0).
type Location struct {
	File    string // relative to Report.Root, slash separated
	Line    int
	Col     int
	EndLine int
	EndCol  int
}

// Related is a secondary location with its own message.
type Related struct {
	Loc     Location
	Message string
}

// Step is one step of the path a path-sensitive finding follows; it
// becomes a SARIF threadFlow location.
type Step struct {
	Loc     Location
	Message string
}

// Fix is a mechanical fix: insert Text at Loc (Line/Col); when End is set,
// the text replaces Loc..End.
type Fix struct {
	Description string
	Edits       []Edit
}

// Edit replaces the bytes from Start up to End (End == Start: insertion).
type Edit struct {
	Start Location
	End   Location
	Text  string
}

// Finding is one diagnostic.
type Finding struct {
	Rule     string
	Level    Level
	Message  string
	Loc      Location
	Function string // enclosing C function, "" at file scope
	Related  []Related
	Path     []Step
	Fixes    []Fix
	// Suppressed holds the justification of a pcslint:ignore comment;
	// suppressed findings are kept in SARIF and hidden in text.
	Suppressed    bool
	Justification string
	// Fingerprint identifies the finding across unrelated edits: rule,
	// function, normalized message and the line offset inside the function.
	Fingerprint string
	// BaselineState is "", "new", "unchanged" or "absent".
	BaselineState string
	// Patch is the subject of the patch that introduced the finding (gate).
	Patch string
}

// FileError is a file that could not be analyzed, with its first error.
type FileError struct {
	File    string
	Line    int
	Col     int
	Message string
}

// DegradedFile is a file parsed in degraded mode: Stubs says what was
// assumed ("missing <asm/mpc52xx.h> stubbed (...)").
type DegradedFile struct {
	File  string
	Stubs []string
}

// DegradedMessage is the one-line message of a degraded file.
func DegradedMessage(d DegradedFile) string {
	return "parsed in degraded mode: " + strings.Join(d.Stubs, "; ")
}

// RuleInfo describes a rule for SARIF's tool.driver.rules and docs.
type RuleInfo struct {
	ID       string
	Short    string // one line
	Full     string // a paragraph
	Markdown string // full help in markdown
	HelpURI  string
	Level    Level
	Tags     []string
	// What GitHub code scanning reads of the rule's findings (WriteSARIF):
	// precision ("very-high", "high", "medium", "low"), security-severity
	// (a CVSS-like score) and the CWEs the bug is an instance of. A rule
	// without a Precision has no standing.
	Precision        string
	SecuritySeverity string
	CWE              []int
}

// PatchInfo names a patch of a gate run.
type PatchInfo struct {
	Subject string
	File    string
	New     int // findings it introduced
	Fixed   int // findings present before it and gone after it
}

// SortFindings orders findings by file, line, column, rule, message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Loc.File != b.Loc.File {
			return a.Loc.File < b.Loc.File
		}
		if a.Loc.Line != b.Loc.Line {
			return a.Loc.Line < b.Loc.Line
		}
		if a.Loc.Col != b.Loc.Col {
			return a.Loc.Col < b.Loc.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// SortByLocation orders findings by file, line, column and rule, keeping
// the order of those equal in all four (SortFindings also orders them by
// message).
func SortByLocation(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Loc, fs[j].Loc
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return fs[i].Rule < fs[j].Rule
	})
}
