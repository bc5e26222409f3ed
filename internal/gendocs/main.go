// Command gendocs writes docs/rules/NAME.md for every rule from its Doc
// and fixtures; run it from the repository root.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/all"
)

func main() {
	dir := "docs/rules"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, r := range all.Rules {
		p := filepath.Join(dir, rules.RuleID(r.Analyzer)+".md")
		if err := os.WriteFile(p, []byte(all.DocPage(r, ".")), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
