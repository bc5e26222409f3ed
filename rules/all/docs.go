package all

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pcslint/pcslint/rules"
)

// DocPage renders a rule's docs/rules/NAME.md from its Analyzer.Doc and,
// when root is the repository's root directory, a bad and a good example
// taken from the rule's fixtures, so the documentation cannot drift from
// the code or the tests.
func DocPage(r *rules.Rule, root string) string {
	id := r.ID
	summary, body, _ := strings.Cut(r.Doc, "\n")
	summary = strings.TrimSpace(strings.TrimPrefix(summary, id+":"))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", id)
	fmt.Fprintf(&b, "_%s_\n\n", summary)
	fmt.Fprintf(&b, "Default level: **%s**. Tags: %s.\n\n", r.Level, strings.Join(r.Tags, ", "))
	fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(body))
	fmt.Fprintf(&b, "## Examples\n\n")
	// root == "": pcslint --explain, which has no source tree at hand
	if root != "" {
		fixtures := filepath.Join(root, filepath.FromSlash(r.FixtureDir()))
		if bad := example(fixtures, "bad", true); bad != "" {
			fmt.Fprintf(&b, "Reported (the `want` comment shows the finding):\n\n```c\n%s```\n\n", bad)
		}
		if good := example(fixtures, "good", false); good != "" {
			fmt.Fprintf(&b, "Not reported:\n\n```c\n%s```\n\n", good)
		}
	}
	fmt.Fprintf(&b, "All bad and good cases, with the exact findings expected, are the fixtures in\n[%s](../../%s/).\n\n", r.FixtureDir(), r.FixtureDir())
	fmt.Fprintf(&b, "## Suppressing\n\n`/* pcslint:ignore %s reason */` on the line of the finding or the line above.\n\n", id)
	fmt.Fprintf(&b, "_Generated from the rule's Doc by `go run ./internal/gendocs`; edit the Go source, not this page._\n")
	return b.String()
}

// example returns the first function of the first prefix*.c fixture in
// dir (the first one with a want comment when wantFinding), with the
// comment block above it.
func example(dir, prefix string, wantFinding bool) string {
	files, _ := filepath.Glob(filepath.Join(dir, prefix+"*.c"))
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		lines := strings.Split(string(src), "\n")
		comment, start := -1, -1
		for i, l := range lines {
			switch {
			case start >= 0:
				if l == "}" {
					fn := strings.Join(lines[start:i+1], "\n")
					if !wantFinding || strings.Contains(fn, "want ") {
						return fn + "\n"
					}
					start, comment = -1, -1
				}
			case strings.HasPrefix(l, "/*") || strings.HasPrefix(l, " *") || strings.HasPrefix(l, "//"):
				if comment < 0 {
					comment = i
				}
			case l != "" && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, " ") &&
				strings.Contains(l, "(") && !strings.HasSuffix(l, ";") && !strings.Contains(l, "="):
				start = i
				if comment >= 0 {
					start = comment
				}
			default:
				comment = -1
			}
		}
	}
	return ""
}
