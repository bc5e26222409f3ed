package errptr_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/analyzer"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/errptr"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/removeleak"
)

func TestZZReal(t *testing.T) {
	list := os.Getenv("REAL_LIST")
	if list == "" {
		t.Skip()
	}
	root := "/root/.cache/pcslint/kernel/configured/linux-source-6.12"
	data, _ := os.ReadFile(list)
	var files []string
	for _, l := range strings.Fields(string(data)) {
		files = append(files, filepath.Join(root, l))
	}
	tree, err := cparse.OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analyzer.Run(context.Background(), analyzer.Config{
		Tree: tree, Files: files, Jobs: 2,
		Analyzers: []*analysis.Analyzer{errptr.Analyzer, removeleak.Analyzer},
		Meta:      map[string]rules.Meta{"err-ptr-check": errptr.Meta, "remove-leak": removeleak.Meta},
		Model:     model.Builtin(),
	})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("files %d failed %d\n", len(rep.Files), len(rep.Failed))
	for _, f := range rep.Failed {
		fmt.Printf("FAILED %s:%d: %s\n", f.File, f.Line, f.Message)
	}
	for _, f := range rep.Findings {
		fmt.Printf("%s:%d: [%s] %s\n", f.Loc.File, f.Loc.Line, f.Rule, f.Message)
	}
}
