package kernel

import (
	"regexp"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// GlobalListLoop returns the global list head a loop of fn walks and the
// loop variable, for the first such loop ("" when none): the walk of a
// provider registry.
func GlobalListLoop(m *model.Model, f *cparse.File, fn *cparse.Func) (list, v string, loop *cparse.For) {
	globals := map[string]bool{}
	for _, g := range f.Globals {
		if g.Type != nil && g.Type.Ptr == 0 && m.TypeRole(g.Type.Name) == model.RoleList {
			globals[g.Name] = true
		}
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		fl, ok := n.(*cparse.For)
		if !ok || list != "" {
			return list == ""
		}
		var g string
		for _, e := range []cparse.Node{fl.Init, fl.Cond, fl.Post} {
			if e == nil || g != "" {
				continue
			}
			cparse.Inspect(e, func(n cparse.Node) bool {
				if u, ok := n.(*cparse.Unary); ok && u.Op == "&" {
					if id, ok := cparse.Unparen(u.X).(*cparse.Ident); ok && globals[id.Name] {
						g = id.Name
					}
				}
				return g == ""
			})
		}
		if g == "" {
			return true
		}
		var lv string
		switch in := fl.Init.(type) {
		case *cparse.ExprStmt:
			if a, ok := in.X.(*cparse.Assign); ok {
				if id, ok := cparse.Unparen(a.L).(*cparse.Ident); ok {
					lv = id.Name
				}
			}
		case *cparse.DeclStmt:
			if len(in.Decls) > 0 {
				lv = in.Decls[0].Name
			}
		}
		if lv != "" {
			list, v, loop = g, lv, fl
		}
		return list == ""
	})
	return
}

// LoopEntries is the loop variable v and the variables the loop body
// assigns it to (found = v; break;).
func LoopEntries(loop *cparse.For, v string) map[string]bool {
	entries := map[string]bool{v: true}
	cparse.Inspect(loop.Body, func(n cparse.Node) bool {
		if a, ok := n.(*cparse.Assign); ok && a.Op == "=" {
			if r, ok := cparse.Unparen(a.R).(*cparse.Ident); ok && r.Name == v {
				if l, ok := cparse.Unparen(a.L).(*cparse.Ident); ok {
					entries[l.Name] = true
				}
			}
		}
		return true
	})
	return entries
}

// RegistryText says, from a file's raw text and identifiers before it is
// parsed, whether it may implement a registry: it takes entries off a list
// and declares a list head of its own at file scope (in kernel style: at
// the start of a line).
func RegistryText(m *model.Model) func(src []byte, idents map[string]bool) bool {
	var unlists []string
	for _, f := range m.OfKind(model.Unlist) {
		unlists = append(unlists, f.Name)
	}
	var alts []string
	for _, mc := range m.Macros(model.RoleListHead) {
		alts = append(alts, regexp.QuoteMeta(mc)+`\(`)
	}
	var types []string
	for _, t := range m.TypesOf(model.RoleList) {
		types = append(types, strings.ReplaceAll(regexp.QuoteMeta(t), " ", `\s+`))
	}
	if len(types) > 0 {
		alts = append(alts, `(?:`+strings.Join(types, "|")+`)\s+\w+\s*[=;]`)
	}
	if len(unlists) == 0 || len(alts) == 0 {
		return func([]byte, map[string]bool) bool { return false }
	}
	fileScopeList := regexp.MustCompile(`(?m)^(?:static\s+)?(?:` + strings.Join(alts, "|") + `)`)
	return func(src []byte, idents map[string]bool) bool {
		for _, d := range unlists {
			if idents[d] {
				return fileScopeList.Match(src)
			}
		}
		return false
	}
}
