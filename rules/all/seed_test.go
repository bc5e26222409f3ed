package all_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/devlink"
	"github.com/pcslint/pcslint/rules/lookupunlock"
	"github.com/pcslint/pcslint/rules/moduleref"
	"github.com/pcslint/pcslint/rules/unbind"
)

// The seed RFC's drivers/net/pcs/core.c, one copy for the four rules
// that review found problems for.
func TestSeedCore(t *testing.T) {
	checktest.Run(t, "testdata/src/seed", moduleref.Rule.Analyzer, devlink.Rule.Analyzer, unbind.Rule.Analyzer, lookupunlock.Rule.Analyzer)
}
