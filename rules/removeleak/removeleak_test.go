package removeleak_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/removeleak"
)

func TestRemoveLeak(t *testing.T) {
	checktest.Run(t, "testdata/src/remove-leak", removeleak.Rule.Analyzer)
}
