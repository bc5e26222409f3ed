package all

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/rules"
)

func TestRulesAreWellFormed(t *testing.T) {
	var as []*analysis.Analyzer
	seen := map[string]bool{}
	for _, r := range Rules {
		as = append(as, r.Analyzer)
		id := r.ID
		if seen[id] {
			t.Errorf("duplicate rule %s", id)
		}
		seen[id] = true
		if !strings.HasPrefix(r.Analyzer.Doc, id+": ") {
			t.Errorf("%s: Doc must start with %q", id, id+": ")
		}
		if !strings.HasSuffix(r.Analyzer.URL, "/docs/rules/"+id+".md") {
			t.Errorf("%s: URL %q does not point at its docs page", id, r.Analyzer.URL)
		}
		// the docs page's examples and its fixture link come from there
		if cs, _ := filepath.Glob(filepath.Join("..", "..", r.FixtureDir(), "*.c")); len(cs) == 0 {
			t.Errorf("%s: no fixtures in %s", id, r.FixtureDir())
		}
		switch r.Level {
		case rules.Note, rules.Warning, rules.Error:
		default:
			t.Errorf("%s: bad level %q", id, r.Level)
		}
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
}

// The docs pages are generated from the code; this fails when they drift.
func TestDocsPagesAreCurrent(t *testing.T) {
	for _, r := range Rules {
		id := r.ID
		p := filepath.Join("..", "..", "docs", "rules", id+".md")
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: missing docs page: run go run ./internal/gendocs", id)
			continue
		}
		if string(got) != DocPage(r, filepath.Join("..", "..")) {
			t.Errorf("%s: docs page is stale: run go run ./internal/gendocs", p)
		}
	}
}
