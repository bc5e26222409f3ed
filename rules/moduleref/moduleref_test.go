package moduleref_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/moduleref"
)

func TestModuleRefGuard(t *testing.T) {
	checktest.Run(t, "testdata/src/module-ref-guard", moduleref.Rule.Analyzer)
}
