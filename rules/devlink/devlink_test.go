package devlink_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/devlink"
)

func TestDevlinkMissing(t *testing.T) {
	checktest.Run(t, "testdata/src/devlink-missing", devlink.Rule.Analyzer)
}
