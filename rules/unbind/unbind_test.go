package unbind_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/unbind"
)

func TestUnbindUnhandled(t *testing.T) {
	checktest.Run(t, "testdata/src/unbind-unhandled", unbind.Rule.Analyzer)
}
