package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/rules/model"
)

// Kernel knowledge lives in rules/model/kernel.model, not in the rules' Go
// code: no string literal of a rule (doc comments and the rule's Doc text
// aside, which document the rule for people) names a function, class,
// field, type or macro of the model, or anything written like a kernel
// call ("foo_bar()").
func TestNoKernelIdentifiersInRules(t *testing.T) {
	m := model.Builtin()
	vocab := map[string]bool{}
	add := func(names ...string) {
		for _, n := range names {
			// words of plain English (probe, owner, device) are fine in
			// messages; identifiers with an underscore or in capitals are not
			if strings.Contains(n, "_") || n == strings.ToUpper(n) && len(n) > 2 {
				vocab[n] = true
			}
		}
	}
	for _, f := range m.All() {
		add(f.Name)
		add(f.Release...)
		add(f.Manual...)
		add(f.Twin, f.Lock, f.StatelessFlag, f.Managed)
	}
	for _, r := range []model.Role{model.RoleNoUnbind, model.RoleRemove, model.RoleProbe, model.RoleDriver, model.RoleOwner, model.RoleNode} {
		add(m.Fields(r)...)
	}
	for _, r := range []model.Role{model.RoleListHead} {
		add(m.Macros(r)...)
	}
	for _, r := range []model.Role{model.RoleList, model.RoleKref, model.RoleDevice} {
		for _, t := range m.TypesOf(r) {
			add(strings.TrimPrefix(t, "struct "))
		}
	}
	call := regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\(\)`)
	ident := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	files, _ := filepath.Glob("*/*.go")
	top, _ := filepath.Glob("*.go")
	files = append(files, top...)
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || strings.HasPrefix(path, "model/") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for _, name := range vs.Names {
					if name.Name == "doc" {
						return false // the rule's documentation
					}
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, id := range ident.FindAllString(s, -1) {
				if vocab[id] {
					t.Errorf("%s: %q names %s, which belongs in kernel.model", fset.Position(lit.Pos()), s, id)
				}
			}
			for _, c := range call.FindAllString(s, -1) {
				t.Errorf("%s: %q names %s: kernel calls belong in kernel.model", fset.Position(lit.Pos()), s, c)
			}
			return true
		})
	}
	if checked < 20 {
		t.Fatalf("checked %d files: the glob no longer finds the rules", checked)
	}
}
