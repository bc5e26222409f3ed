package all

import (
	"fmt"
	"strings"

	"github.com/pcslint/pcslint/rules"
)

// DocPage renders a rule's docs/rules/NAME.md from its Analyzer.Doc, so
// the documentation cannot drift from the code.
func DocPage(r Rule) string {
	id := rules.RuleID(r.Analyzer)
	summary, body, _ := strings.Cut(r.Analyzer.Doc, "\n")
	summary = strings.TrimSpace(strings.TrimPrefix(summary, id+":"))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", id)
	fmt.Fprintf(&b, "_%s_\n\n", summary)
	fmt.Fprintf(&b, "Default level: **%s**. Tags: %s.\n\n", r.Meta.Level, strings.Join(r.Meta.Tags, ", "))
	fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(body))
	fmt.Fprintf(&b, "## Examples\n\nBad and good cases, with the exact findings expected, are the fixtures in\n[testdata/src/%s](../../testdata/src/%s/).\n\n", id, id)
	fmt.Fprintf(&b, "## Suppressing\n\n`/* pcslint:ignore %s reason */` on the line of the finding or the line above.\n\n", id)
	fmt.Fprintf(&b, "_Generated from the rule's Doc by `go run ./internal/gendocs`; edit the Go source, not this page._\n")
	return b.String()
}
