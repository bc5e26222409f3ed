package report

import (
	"fmt"
	"sort"
	"strings"
)

// ruleStanding is what GitHub code scanning reads about a rule beyond its
// description: how often its findings are right, and what a finding
// risks. docs/sarif.md shows this table; a test keeps the two equal.
type ruleStanding struct {
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

// ruleStandings: every rule of pcslint is a memory-lifetime bug in kernel
// code, so every rule is tagged "security". Scores: a put too many frees
// an object others hold (high); a window in which the object can be freed
// under its user (a race, a devres double release, an ERR_PTR dereference)
// is medium; a use after free that needs an unbind (root, or a hot
// unplug) is medium-low; a leak is low to medium.
var ruleStandings = map[string]ruleStanding{
	// docs/triage-6.12.md: 11 true of 11 (first table).
	"ref-leak": {True: 11, CWE: []int{401, 911}, Severity: "4.0"},
	// 7 true and dwmac-tegra.c false (first table), plus dwmac-sun8i.c,
	// false ("Fixed during triage"); both false ones are fixed since.
	"remove-leak": {True: 7, False: 2, CWE: []int{401, 911}, Severity: "3.0"},
	// 9 true of 9 (first table), 2 true of 2 (third session).
	"devlink-missing": {True: 11, CWE: []int{416}, Severity: "4.0"},
	// 3 true of 3 (first table).
	"module-ref-guard": {True: 3, CWE: []int{416}, Severity: "4.0"},
	// fixed_phy.c, false ("Fixed during triage"); no other finding.
	"err-ptr-check":       {False: 1, CWE: []int{253}, Severity: "5.0"},
	"double-put":          {CWE: []int{415, 911}, Severity: "7.0"},
	"use-after-put":       {CWE: []int{416, 911}, Severity: "7.0"},
	"devm-manual-put":     {CWE: []int{415}, Severity: "5.5"},
	"lookup-after-unlock": {CWE: []int{362, 367, 416}, Severity: "6.3"},
	"unbind-unhandled":    {CWE: []int{416}, Severity: "4.0"},
}

// minTriaged is the number of triaged findings under which a rule's
// precision counts as unmeasured ("medium").
const minTriaged = 3

// precision is GitHub's precision of a rule from its triage: very-high for
// 10 or more findings, all true; high for all true, or at least 75% true;
// medium when fewer than minTriaged findings were triaged, or at least
// 50% true; low below.
func (s ruleStanding) precision() string {
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

// tags are the standing's tags for GitHub: "security" (which makes GitHub
// read security-severity) and one external/cwe/cwe-N a CWE, as CodeQL
// writes them.
func (s ruleStanding) tags() []string {
	out := []string{"security"}
	for _, c := range s.CWE {
		out = append(out, fmt.Sprintf("external/cwe/cwe-%d", c))
	}
	return out
}

// problemSeverity is GitHub's name for a level.
func problemSeverity(l Level) string {
	switch l {
	case LevelError:
		return "error"
	case LevelNote:
		return "recommendation"
	}
	return "warning"
}

// ruleName is id in PascalCase: "ref-leak" is RefLeak.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// mergeTags is the sorted union of tag lists, without duplicates.
func mergeTags(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, t := range l {
			if t != "" && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}
