package useafterput_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/useafterput"
)

func TestUseAfterPut(t *testing.T) {
	checktest.Run(t, "testdata/src/use-after-put", useafterput.Rule.Analyzer)
}
