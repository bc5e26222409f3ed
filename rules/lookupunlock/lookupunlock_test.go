package lookupunlock_test

import (
	"testing"

	"github.com/pcslint/pcslint/analyzer/checktest"
	"github.com/pcslint/pcslint/rules/lookupunlock"
)

func TestLookupAfterUnlock(t *testing.T) {
	checktest.Run(t, "testdata/src/lookup-after-unlock", lookupunlock.Rule.Analyzer)
}
