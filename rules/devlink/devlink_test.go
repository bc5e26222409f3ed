package devlink_test

import (
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/devlink"
)

func TestDevlinkMissing(t *testing.T) {
	rep := checktest.Run(t, "testdata/src/devlink-missing", devlink.Rule.Analyzer)
	// the wrapper of a reported getter is a related location of its finding
	found := false
	for _, f := range rep.Findings {
		if f.Function != "acme_serdes_get" {
			continue
		}
		for _, r := range f.Related {
			found = found || strings.HasPrefix(r.Message, "acme_serdes_get_by_index() passes serdes on")
		}
	}
	if !found {
		t.Error("acme_serdes_get: acme_serdes_get_by_index() not listed as a related location")
	}
}
