package doubleput_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/doubleput"
)

func TestDoublePut(t *testing.T) {
	checktest.Run(t, "testdata/src/double-put", doubleput.Rule.Analyzer)
}
