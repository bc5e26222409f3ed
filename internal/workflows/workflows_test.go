// Package workflows checks the repository's GitHub Actions workflows and the
// documented example with actionlint.
package workflows

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/rhysd/actionlint"
)

func TestWorkflowsLint(t *testing.T) {
	files := []string{"../../.github/workflows/ci.yml", "../../docs/examples/kernel-pr.yml", "../../docs/examples/tree-sharded.yml"}
	linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		errs, err := linter.LintFile(abs, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range errs {
			t.Errorf("%s:%d:%d: %s [%s]", f, e.Line, e.Column, e.Message, e.Kind)
		}
	}
}

// The linter must catch a broken workflow, or the test above proves nothing.
func TestLinterCatchesErrors(t *testing.T) {
	linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bad := []byte("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nonexistent_context_key }}\n")
	errs, err := linter.Lint("bad.yml", bad, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Fatal("actionlint found nothing wrong with a broken workflow")
	}
}
