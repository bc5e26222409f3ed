package refleak_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/refleak"
)

func TestRefLeak(t *testing.T) {
	checktest.Run(t, "../../testdata/src/ref-leak", refleak.Analyzer)
}
