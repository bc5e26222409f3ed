package moduleref_test

import (
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/moduleref"
)

func TestModuleRefGuard(t *testing.T) {
	rep := checktest.Run(t, "testdata/src/module-ref-guard", moduleref.Rule.Analyzer)
	// once per defect: the wrappers of a root getter are related locations
	// of its finding, not findings of their own
	want := map[string][]string{
		"acme_phy_get": {"acme_devm_phy_get() passes it on", "acme_devm_phy_optional_get() passes it on", "acme_phy_optional_get() passes it on"},
	}
	for fn, rels := range want {
		var got []string
		for _, f := range rep.Findings {
			if f.Function == fn {
				for _, r := range f.Related {
					got = append(got, r.Message)
				}
			}
		}
		for _, w := range rels {
			found := false
			for _, g := range got {
				found = found || strings.HasPrefix(g, w)
			}
			if !found {
				t.Errorf("%s: no related location %q (got %q)", fn, w, got)
			}
		}
	}
}
