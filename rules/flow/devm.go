package flow

import (
	"sort"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// DevmAction is one devm_add_action*(dev, action, data) registration.
type DevmAction struct {
	In     *cparse.Func // the registering function
	Action string       // the action function
	Data   cparse.Expr  // its data argument
}

// DataPath is the path the data argument names ("priv", "priv.port" for
// &priv->port), "" when it is not a plain lvalue.
func (d DevmAction) DataPath() string {
	if u, ok := cparse.Unparen(d.Data).(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
		return Path(u.X)
	}
	return Path(d.Data)
}

// DevmActions lists the devm action registrations in f's functions whose
// action is a named function and which pass it data
// (devm_add_action*(dev, action, data)), in source order.
func DevmActions(m *model.Model, f *cparse.File) []DevmAction {
	var out []DevmAction
	for _, fn := range f.Funcs {
		if fn.Body == nil {
			continue
		}
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			call, ok := n.(*cparse.Call)
			if !ok {
				return true
			}
			reg := m.Lookup(cparse.CalleeName(call))
			if reg == nil || reg.Kind != model.Devres || reg.Data == nil || reg.Data.Arg >= len(call.Args) || reg.Action.Arg >= len(call.Args) {
				return true
			}
			if name := FuncName(call.Args[reg.Action.Arg]); name != "" {
				out = append(out, DevmAction{In: fn, Action: name, Data: call.Args[reg.Data.Arg]})
			}
			return true
		})
	}
	return out
}

// FuncName is the function a function pointer expression names (f or
// &f), "" for anything else.
func FuncName(x cparse.Expr) string {
	x = cparse.Unparen(x)
	if u, ok := x.(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
		x = cparse.Unparen(u.X)
	}
	if id, ok := x.(*cparse.Ident); ok && id.Name != "NULL" {
		return id.Name
	}
	return ""
}

// ReleaseAPI returns the entry of a function releasing an argument: the
// model's release or unregister, or a release summary; nil otherwise.
func ReleaseAPI(m *model.Model, s *Summaries, name string) *model.Func {
	if m != nil {
		if api := m.IsRelease(name); api != nil {
			return api
		}
	}
	if s != nil {
		if f := s.Lookup(name); f != nil && f.Kind == model.Release {
			return f
		}
	}
	return nil
}

// ReleaseCall is a call dropping the reference its argument Arg holds.
type ReleaseCall struct {
	Name string
	API  *model.Func
	Arg  cparse.Expr
}

// ReleaseCalls lists the release calls in n; release returns a function's
// release entry (ReleaseAPI), nil when it releases nothing.
func ReleaseCalls(n cparse.Node, release func(name string) *model.Func) []ReleaseCall {
	var out []ReleaseCall
	cparse.Inspect(n, func(n cparse.Node) bool {
		call, ok := n.(*cparse.Call)
		if !ok {
			return true
		}
		name := cparse.CalleeName(call)
		api := release(name)
		if api == nil || api.Ref.Ret || api.Ref.Arg >= len(call.Args) {
			return true
		}
		out = append(out, ReleaseCall{Name: name, API: api, Arg: call.Args[api.Ref.Arg]})
		return true
	})
	return out
}

// SubstPath replaces the leading variable of p by the path subst maps it
// to ("np.x" with np -> "priv.np" is "priv.np.x").
func SubstPath(p string, subst map[string]string) string {
	head, rest, _ := strings.Cut(p, ".")
	if r, ok := subst[head]; ok && r != "" {
		if rest == "" {
			return r
		}
		return r + "." + rest
	}
	return p
}

// UnbindRelease says that a field of the object a function returns is
// released when the device unbinds: the function registered a devm action
// on the object (devm_add_action_or_reset(dev, action, obj)) and the
// action, or a function of its file it hands the object to, calls Release
// on obj->Field.
type UnbindRelease struct {
	// Struct, for FieldReleases: the struct type Field is a member of
	Struct  string `json:",omitempty"`
	Field   string // below the object: "mdio_node", "port.np"
	Release string // "of_node_put"
	Class   string // the release's class
}

// objRoot stands for the returned object in the paths of fieldReleases.
const objRoot = "$"

// unbindReleases computes the UnbindRelease facts of f's functions that
// return a pointer; release answers ReleaseAPI for f.
func unbindReleases(m *model.Model, f *cparse.File, release func(name string) *model.Func) map[string][]UnbindRelease {
	acts := map[*cparse.Func][]DevmAction{}
	for _, a := range DevmActions(m, f) {
		acts[a.In] = append(acts[a.In], a)
	}
	if len(acts) == 0 {
		return nil
	}
	funcs := f.DefinedFuncs()
	var out map[string][]UnbindRelease
	for _, fn := range f.Funcs {
		if len(acts[fn]) == 0 || fn.Result == nil || fn.Result.Ptr == 0 {
			continue
		}
		rets := returnedPaths(fn)
		var facts []UnbindRelease
		for _, a := range acts[fn] {
			obj := objectPath(a.DataPath(), rets)
			if obj == "" {
				continue
			}
			if api := release(a.Action); api != nil {
				// devm_add_action_or_reset(dev, put_node, obj->np)
				if obj != objRoot && api.Ref.Arg == 0 && !api.Ref.Ret {
					facts = append(facts, UnbindRelease{Field: strings.TrimPrefix(obj, objRoot+"."), Release: a.Action, Class: api.Class})
				}
				continue
			}
			if act := funcs[a.Action]; act != nil && len(act.Params) > 0 {
				facts = append(facts, fieldReleases(m, act, 0, obj, funcs, release, 3, map[*cparse.Func]bool{})...)
			}
		}
		if facts = dedupeUnbind(facts); len(facts) > 0 {
			if out == nil {
				out = map[string][]UnbindRelease{}
			}
			out[fn.Name] = facts
		}
	}
	return out
}

// returnedPaths lists the plain lvalues fn returns ("return plat;").
func returnedPaths(fn *cparse.Func) []string {
	var out []string
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if r, ok := n.(*cparse.Return); ok && r.Result != nil {
			if p := Path(r.Result); p != "" && !strings.HasPrefix(p, "*") {
				out = append(out, p)
			}
		}
		return true
	})
	return out
}

// objectPath rewrites a devm action's data path relative to the returned
// object: "$" for the object, "$.port" for &obj->port; "" when the data is
// not the returned object or part of it.
func objectPath(data string, rets []string) string {
	if data == "" {
		return ""
	}
	for _, r := range rets {
		if data == r {
			return objRoot
		}
		if strings.HasPrefix(data, r+".") {
			return objRoot + data[len(r):]
		}
	}
	return ""
}

// fieldReleases lists the releases fn calls on fields of the object (or
// part of it) its parameter i stands for, obj ("$" or "$.port"), directly
// or through the same-file functions it passes the object to.
func fieldReleases(m *model.Model, fn *cparse.Func, i int, obj string, funcs map[string]*cparse.Func, release func(string) *model.Func, depth int, seen map[*cparse.Func]bool) []UnbindRelease {
	if i >= len(fn.Params) || fn.Params[i].Name == "" || seen[fn] {
		return nil
	}
	seen[fn] = true
	defer delete(seen, fn)
	subst := map[string]string{fn.Params[i].Name: obj}
	// locals loaded from the parameter: struct priv *priv = data;
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		var name string
		var rhs cparse.Expr
		switch v := n.(type) {
		case *cparse.VarDecl:
			name, rhs = v.Name, v.Init
		case *cparse.Assign:
			if id, ok := cparse.Unparen(v.L).(*cparse.Ident); ok && v.Op == "=" {
				name, rhs = id.Name, v.R
			}
		}
		if rhs == nil || name == fn.Params[i].Name {
			return true
		}
		p := Path(rhs)
		if u, ok := cparse.Unparen(rhs).(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
			p = Path(u.X)
		}
		if sp := SubstPath(p, subst); strings.HasPrefix(sp, objRoot) && sp != p {
			subst[name] = sp
		}
		return true
	})
	var out []UnbindRelease
	for _, rc := range ReleaseCalls(fn.Body, release) {
		for _, ap := range ArgPaths(m, rc.Arg) {
			sp := SubstPath(strings.TrimLeft(ap, "&*"), subst)
			if strings.HasPrefix(sp, objRoot+".") {
				out = append(out, UnbindRelease{Field: sp[len(objRoot)+1:], Release: rc.Name, Class: rc.API.Class})
			}
		}
	}
	if depth == 0 {
		return out
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		call, ok := n.(*cparse.Call)
		if !ok {
			return true
		}
		callee := funcs[cparse.CalleeName(call)]
		if callee == nil {
			return true
		}
		for j, arg := range call.Args {
			p := Path(arg)
			if u, ok := cparse.Unparen(arg).(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
				p = Path(u.X)
			}
			if sp := SubstPath(p, subst); p != "" && sp != p && strings.HasPrefix(sp, objRoot) {
				out = append(out, fieldReleases(m, callee, j, sp, funcs, release, depth-1, seen)...)
			}
		}
		return true
	})
	return out
}

func dedupeUnbind(in []UnbindRelease) []UnbindRelease {
	if len(in) == 0 {
		return nil
	}
	sort.Slice(in, func(a, b int) bool {
		x, y := in[a], in[b]
		if x.Struct != y.Struct {
			return x.Struct < y.Struct
		}
		if x.Field != y.Field {
			return x.Field < y.Field
		}
		if x.Release != y.Release {
			return x.Release < y.Release
		}
		return x.Class < y.Class
	})
	out := in[:1]
	for _, u := range in[1:] {
		if u != out[len(out)-1] {
			out = append(out, u)
		}
	}
	return out
}

func sameUnbind(a, b []UnbindRelease) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
