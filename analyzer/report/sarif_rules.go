package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// standingTags are the tags of a rule's standing for GitHub: "security"
// (which makes GitHub read security-severity) and one
// external/cwe/cwe-N a CWE, as CodeQL writes them.
func standingTags(ri RuleInfo) []string {
	if ri.Precision == "" {
		return nil
	}
	out := []string{"security"}
	for _, c := range ri.CWE {
		out = append(out, cweTagPrefix+strconv.Itoa(c))
	}
	return out
}

const cweTagPrefix = "external/cwe/cwe-"

// readStanding moves a rule's standing, as standingTags and ruleProperties
// wrote it, from the tags and properties read back into ri; the rule's own
// tags are left.
func readStanding(ri *RuleInfo, props *sarif.PropertyBag) {
	ri.Tags = props.Tags
	ri.Precision, _ = props.Properties["precision"].(string)
	if ri.Precision == "" {
		return
	}
	ri.SecuritySeverity, _ = props.Properties["security-severity"].(string)
	var own []string
	for _, t := range props.Tags {
		if n, ok := strings.CutPrefix(t, cweTagPrefix); ok {
			if c, err := strconv.Atoi(n); err == nil {
				ri.CWE = append(ri.CWE, c)
				continue
			}
		}
		if t != "security" {
			own = append(own, t)
		}
	}
	ri.Tags = own
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
