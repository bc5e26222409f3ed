package report_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
)

// TestRuleStandingsDocumented: every rule has a standing, and
// docs/sarif.md shows each as the code has it.
func TestRuleStandingsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/sarif.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, ri := range driver.DefaultRules() {
		st, ok := report.RuleStandings[ri.ID]
		if !ok {
			t.Errorf("rule %s has no entry in ruleStandings", ri.ID)
			continue
		}
		var cwes []string
		for _, c := range st.CWE {
			cwes = append(cwes, "CWE-"+strconv.Itoa(c))
		}
		row := "| " + ri.ID + " | " + strings.Join(cwes, ", ") + " | " + st.Severity + " | " +
			strconv.Itoa(st.True) + " / " + strconv.Itoa(st.False) + " | " + st.Precision() + " |"
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/sarif.md lacks the row\n%s", row)
		}
	}
	if len(report.RuleStandings) != len(driver.DefaultRules()) {
		t.Errorf("ruleStandings has %d rules, pcslint %d", len(report.RuleStandings), len(driver.DefaultRules()))
	}
}
