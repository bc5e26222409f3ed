package refleak_test

import (
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/refleak"
)

func TestRefLeak(t *testing.T) {
	checktest.Run(t, "testdata/src/ref-leak", refleak.Rule.Analyzer)
}

// A leak out of a braced return gets a mechanical fix (SARIF "fixes");
// a return that is the body of a braceless if gets none.
func TestRefLeakFixes(t *testing.T) {
	rep := checktest.Run(t, "testdata/src/ref-leak", refleak.Rule.Analyzer)
	withFix, without := 0, 0
	for _, f := range rep.Findings {
		if len(f.Fixes) == 0 {
			without++
			continue
		}
		withFix++
		e := f.Fixes[0].Edits[0]
		if e.Start != e.End || !strings.HasSuffix(strings.TrimRight(e.Text, " \t"), ");\n") || !strings.Contains(e.Text, "_put(") {
			t.Errorf("%s:%d: unexpected fix %+v", f.Loc.File, f.Loc.Line, e)
		}
	}
	if withFix == 0 || without == 0 {
		t.Errorf("fixes on %d findings, none on %d: want some of each", withFix, without)
	}
}
