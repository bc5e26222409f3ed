package devmput_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/devmput"
)

func TestDevmManualPut(t *testing.T) {
	checktest.Run(t, "testdata/src/devm-manual-put", devmput.Rule.Analyzer)
}
