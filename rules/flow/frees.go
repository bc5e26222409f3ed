package flow

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// freedFields computes, for each function of f other files can call, the
// struct fields it releases (of_node_put(mac->phy_node) with mac a
// struct spl2sw_mac *), directly or through the same-file functions it
// calls: what a driver's teardown in one file does to the state its probe
// in another file filled. release answers ReleaseAPI for f.
func freedFields(m *model.Model, f *cparse.File, release func(name string) *model.Func) map[string][]UnbindRelease {
	funcs := f.DefinedFuncs()
	memo := map[*cparse.Func][]UnbindRelease{}
	out := map[string][]UnbindRelease{}
	for _, fn := range f.Funcs {
		if fn.Body == nil || fn.Static {
			continue
		}
		if facts := dedupeUnbind(funcFrees(m, f, fn, funcs, release, 2, memo)); len(facts) > 0 {
			out[fn.Name] = facts
		}
	}
	return out
}

func funcFrees(m *model.Model, f *cparse.File, fn *cparse.Func, funcs map[string]*cparse.Func, release func(string) *model.Func, depth int, memo map[*cparse.Func][]UnbindRelease) []UnbindRelease {
	if v, ok := memo[fn]; ok {
		return v
	}
	memo[fn] = nil // a recursive call adds nothing
	var out []UnbindRelease
	for _, rc := range ReleaseCalls(fn.Body, release) {
		ps := ArgPaths(m, rc.Arg)
		if len(ps) == 0 {
			continue
		}
		p := strings.TrimLeft(ps[0], "&*")
		el := strings.Split(p, ".")
		if len(el) < 2 {
			continue
		}
		if st := ContainerType(fn, f, p); st != "" {
			out = append(out, UnbindRelease{Struct: st, Field: strings.TrimSuffix(el[len(el)-1], "[]"), Release: rc.Name, Class: rc.API.Class})
		}
	}
	if depth > 0 {
		for _, c := range callsIn(fn.Body) {
			if g := funcs[cparse.CalleeName(c)]; g != nil && g != fn {
				out = append(out, funcFrees(m, f, g, funcs, release, depth-1, memo)...)
			}
		}
	}
	memo[fn] = out
	return out
}

func callsIn(n cparse.Node) []*cparse.Call {
	var out []*cparse.Call
	cparse.Inspect(n, func(x cparse.Node) bool {
		if c, ok := x.(*cparse.Call); ok {
			out = append(out, c)
		}
		return true
	})
	return out
}

// ContainerType resolves the struct type holding the last field of path
// ("priv.port.np" -> the type of priv->port) in fn, "" when unknown.
func ContainerType(fn *cparse.Func, f *cparse.File, path string) string {
	el := strings.Split(path, ".")
	if len(el) < 2 {
		return ""
	}
	base := strings.TrimSuffix(el[0], "[]")
	t := VarType(fn, f, base)
	for _, e := range el[1 : len(el)-1] {
		if t == nil {
			return ""
		}
		fields := f.Structs[StructName(f, t)]
		if fields == nil {
			return ""
		}
		t = fields[strings.TrimSuffix(e, "[]")]
	}
	if t == nil {
		return ""
	}
	return StructName(f, t)
}

// StructName follows typedefs of t to a struct of f.
func StructName(f *cparse.File, t *cparse.Type) string {
	name := t.Name
	for i := 0; i < 4; i++ {
		if _, ok := f.Structs[name]; ok {
			return name
		}
		td := f.Typedefs[name]
		if td == nil {
			break
		}
		name = td.Name
	}
	return name
}

// VarType is the declared type of name in fn: a parameter, a local, or a
// global of f; nil when unknown.
func VarType(fn *cparse.Func, f *cparse.File, name string) *cparse.Type {
	for _, p := range fn.Params {
		if p.Name == name {
			return p.Type
		}
	}
	var t *cparse.Type
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && d.Name == name && t == nil {
			t = d.Type
		}
		return t == nil
	})
	if t != nil || f == nil {
		return t
	}
	for _, g := range f.Globals {
		if g.Name == name {
			return g.Type
		}
	}
	return nil
}
