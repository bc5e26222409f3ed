package all

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
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

// TestStandingsDocumented: every rule has a standing, and docs/sarif.md
// shows each as its Spec has it.
func TestStandingsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/sarif.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		st := r.Standing
		if st.Severity == "" || len(st.CWE) == 0 {
			t.Errorf("rule %s has no standing (CWEs, security severity)", r.ID)
			continue
		}
		var cwes []string
		for _, c := range st.CWE {
			cwes = append(cwes, "CWE-"+strconv.Itoa(c))
		}
		row := "| " + r.ID + " | " + strings.Join(cwes, ", ") + " | " + st.Severity + " | " +
			strconv.Itoa(st.True) + " / " + strconv.Itoa(st.False) + " | " + st.Precision() + " |"
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/sarif.md lacks the row\n%s", row)
		}
	}
}
