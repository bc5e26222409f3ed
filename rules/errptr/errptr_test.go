package errptr_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/errptr"
)

func TestErrPtrCheck(t *testing.T) {
	checktest.Run(t, "testdata/src/err-ptr-check", errptr.Rule.Analyzer)
}
