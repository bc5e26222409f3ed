package kernel

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// ObjectClass is the provider class of the object variable obj of fn holds
// (from its declared type and the model's class type=), nil when unknown.
func ObjectClass(m *model.Model, fn *cparse.Func, obj string) *model.Class {
	d := Locals(fn)[obj]
	if d == nil || d.Type == nil || d.Type.Ptr != 1 {
		return nil
	}
	return m.ClassOfType(d.Type.Name)
}

// DeviceObject says whether obj's object belongs to a device: its type is
// a provider class of the model, or its structure has a struct device (or
// a pointer to one). An object with neither (a crypto algorithm's context,
// a protocol, a filesystem version) lives as long as its module.
func DeviceObject(m *model.Model, f *cparse.File, fn *cparse.Func, obj string) bool {
	if ObjectClass(m, fn, obj) != nil {
		return true
	}
	d := Locals(fn)[obj]
	if d == nil || d.Type == nil || d.Type.Ptr != 1 {
		return false
	}
	return HasDevice(m, f, d.Type.Name)
}

// HasDevice says whether the structure typ has a struct device member or
// a pointer to one.
func HasDevice(m *model.Model, f *cparse.File, typ string) bool {
	for _, t := range f.Structs[typ] {
		if t != nil && !t.Array && t.Ptr <= 1 && m.TypeRole(t.Name) == model.RoleDevice {
			return true
		}
	}
	return false
}

// SupplierOf renders, in C, the device whose driver unbinds under obj
// ("phy->dev.parent"); "" when the class does not say.
func SupplierOf(c *model.Class, obj string) string {
	if c == nil || c.Supplier == "" {
		return ""
	}
	return obj + "->" + c.Supplier
}

// LinksToOwnDevice says whether l links to the struct device obj embeds
// (&phy->dev): a class device, which never binds a driver, so even a
// managed link to it would never unbind the consumer.
func LinksToOwnDevice(l *Link, c *model.Class, obj string) bool {
	if l == nil || c == nil || c.Device == "" {
		return false
	}
	own := obj + "." + strings.ReplaceAll(c.Device, "->", ".")
	for _, a := range l.Call.Args {
		if PathOf(a) == own {
			return true
		}
	}
	return false
}

// PinsSay says what the pins (a module reference, a device reference) on
// obj keep and what they do not, for the kind of object obj is: a device
// reference keeps an object that embeds its struct device, not one that
// only points at its provider's device.
func PinsSay(c *model.Class, obj string, pins []*cparse.Call, role func(*cparse.Call) model.Role) string {
	var mod, dev string
	embedded := c != nil && c.Embeds
	for _, p := range pins {
		s := cparse.CalleeName(p) + "()"
		switch role(p) {
		case model.RoleModule:
			if mod == "" {
				mod = s
			}
		case model.RoleDevice:
			if dev == "" {
				dev = s
				// &x->dev: the device is part of x, so its count keeps x
				if u, ok := cparse.Unparen(p.Args[0]).(*cparse.Unary); ok && u.Op == "&" {
					embedded = true
				}
			}
		}
	}
	noun := obj
	if c != nil {
		noun = "the " + c.Noun
	}
	var keep []string
	switch {
	case dev != "" && embedded:
		keep = append(keep, dev+" keeps "+noun+" allocated")
	case dev != "":
		keep = append(keep, dev+" keeps the provider's struct device, not "+noun)
	}
	if mod != "" {
		keep = append(keep, mod+" keeps the provider's module code loaded")
	}
	if len(keep) == 0 {
		return ""
	}
	return strings.Join(keep, ", and ") + ", but nothing keeps the provider bound"
}

// UnbindSays says what the supplier's unbind takes away under obj.
func UnbindSays(c *model.Class, obj string) string {
	if c == nil || c.Unbind == "" {
		return "its driver frees " + obj + " on unbind"
	}
	if s := SupplierOf(c, obj); s != "" {
		return fmt.Sprintf("unbinding %s frees %s", s, c.Unbind)
	}
	return "unbinding the provider frees " + c.Unbind
}

// FwLinkSays qualifies a missing link for a class whose device tree
// consumers fw_devlink already links: true, but not for every consumer.
func FwLinkSays(c *model.Class) string {
	if c == nil || c.FwLink == "" {
		return ""
	}
	return fmt.Sprintf("fw_devlink (fw_devlink=on, the default) already makes a managed link for a consumer that names the %s in its device tree %q property, so this matters for consumers without that firmware link: fw_devlink=off or permissive, lookups not from the device tree, and dependency cycles fw_devlink does not enforce",
		c.Noun, c.FwLink)
}

// LinkFix is the advice for a consumer of obj that has at most a stateless
// link: a managed link to the device that really unbinds. A stateless link
// to the object's own class device (phy_get()'s, kept for runtime PM) is
// kept; the managed link goes to the provider.
func LinkFix(m *model.Model, c *model.Class, obj string, stateless *Link) string {
	link := LinkAdvice(m)
	to := "the provider's device"
	if s := SupplierOf(c, obj); s != "" {
		to = s
	}
	managed := fmt.Sprintf("a managed device link from the consumer to %s (%s() without %s, e.g. %s) and check the result",
		to, link.Name, link.StatelessFlag, link.Managed)
	switch {
	case stateless == nil:
		return "add " + managed
	case LinksToOwnDevice(stateless, c, obj):
		return fmt.Sprintf("its %s link points at %s, a class device that never binds a driver: keep it for runtime PM and add %s",
			link.StatelessFlag, flow.ExprString(stateless.Call.Args[1]), managed)
	default:
		return fmt.Sprintf("a %s link only orders probe and suspend/resume; add %s", link.StatelessFlag, managed)
	}
}

// ModuleGuard is a provider object a function hands out with a module
// reference on its ops' owner as its guard, and no managed device link
// whose result it checks.
type ModuleGuard struct {
	Pin    *cparse.Call // try_module_get(x->ops->owner)
	Object string       // x
	Hand   Handout
	GetDev *cparse.Call // a device reference on x, nil when none
	Links  []Link
}

// ModuleGuards lists fn's module-guarded hand-outs, one per pin call.
func ModuleGuards(m *model.Model, f *cparse.File, fn *cparse.Func) []ModuleGuard {
	if fn.Body == nil {
		return nil
	}
	links := Links(m, f, fn)
	if ManagedChecked(links) {
		return nil
	}
	hand := Handouts(fn)
	calls := CallsWithDepth(fn.Body)
	var out []ModuleGuard
	for _, sc := range calls {
		c := sc.Call
		if PinRole(m, c) != model.RoleModule || len(c.Args) != 1 {
			continue
		}
		// x->ops->owner: the owner of the object's ops; x->owner is an
		// ops-like structure living in module data itself.
		if !OwnerOfOps(m, c.Args[0]) {
			continue
		}
		path := PathOf(c.Args[0])
		root := Root(c.Args[0])
		h, ok := After(hand[root], c.Pos())
		if !ok || droppedBefore(m, calls, path, c.Pos(), h.Pos) {
			continue
		}
		// x->ops = table: the function picks the ops table itself (a
		// protocol, an algorithm, a version), so x is its own object and
		// the module reference pins the table it chose
		if PicksOps(fn, c) {
			continue
		}
		g := ModuleGuard{Pin: c, Object: root, Hand: h, Links: links}
		for _, o := range calls {
			oc := o.Call
			if PinRole(m, oc) == model.RoleDevice && len(oc.Args) == 1 && Root(oc.Args[0]) == root {
				g.GetDev = oc
				break
			}
		}
		// with no sign that x belongs to a device, x->ops is a table in
		// module data (a crypto algorithm, a protocol, a filesystem
		// version): there the module reference is the right guard
		if g.GetDev == nil && !DeviceObject(m, f, fn, root) {
			continue
		}
		out = append(out, g)
	}
	return out
}

// PicksOps says whether fn sets the ops table whose owner pin pins
// (x->ops = ... before try_module_get(x->ops->owner)).
func PicksOps(fn *cparse.Func, pin *cparse.Call) bool {
	path := PathOf(pin.Args[0])
	i := strings.LastIndex(path, ".")
	return i > 0 && setsBefore(fn, path[:i], pin.Pos())
}

// setsBefore says whether fn assigns the lvalue path before pos.
func setsBefore(fn *cparse.Func, path string, pos token.Pos) bool {
	found := false
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if a, ok := n.(*cparse.Assign); ok && a.Op == "=" && a.Pos() < pos && flow.Path(a.L) == path {
			found = true
		}
		return !found
	})
	return found
}

// droppedBefore reports whether the module reference on path is dropped
// unconditionally between the get and the hand-out.
func droppedBefore(m *model.Model, calls []DepthCall, path string, from, to token.Pos) bool {
	for _, sc := range calls {
		c := sc.Call
		rel := m.IsRelease(cparse.CalleeName(c))
		if sc.Depth == 0 && rel != nil && m.Class(rel.Class).Role == model.RoleModule && len(c.Args) == 1 &&
			PathOf(c.Args[0]) == path && c.Pos() > from && c.Pos() < to {
			return true
		}
	}
	return false
}

// DepthCall is a call with how many conditional statements enclose it.
type DepthCall struct {
	Call  *cparse.Call
	Depth int
}

// CallsWithDepth lists calls in source order with how many conditional
// statements (if, loops, switch) enclose them.
func CallsWithDepth(body *cparse.Block) []DepthCall {
	var out []DepthCall
	var stmt func(s cparse.Stmt, depth int)
	expr := func(e cparse.Node, depth int) {
		if e == nil {
			return
		}
		cparse.Inspect(e, func(n cparse.Node) bool {
			if c, ok := n.(*cparse.Call); ok {
				out = append(out, DepthCall{c, depth})
			}
			if se, ok := n.(*cparse.StmtExpr); ok {
				stmt(se.Body, depth)
				return false
			}
			return true
		})
	}
	stmt = func(s cparse.Stmt, depth int) {
		switch x := s.(type) {
		case nil:
		case *cparse.Block:
			for _, t := range x.List {
				stmt(t, depth)
			}
		case *cparse.ExprStmt:
			expr(x.X, depth)
		case *cparse.DeclStmt:
			for _, d := range x.Decls {
				if d.Init != nil {
					expr(d.Init, depth)
				}
			}
		case *cparse.If:
			expr(x.Cond, depth)
			stmt(x.Then, depth+1)
			stmt(x.Else, depth+1)
		case *cparse.For:
			stmt(x.Init, depth)
			if x.Cond != nil {
				expr(x.Cond, depth)
			}
			stmt(x.Body, depth+1)
			if x.Post != nil {
				expr(x.Post, depth+1)
			}
		case *cparse.While:
			expr(x.Cond, depth)
			stmt(x.Body, depth+1)
		case *cparse.DoWhile:
			d := depth + 1
			if lit, ok := cparse.Unparen(x.Cond).(*cparse.BasicLit); ok && lit.Value == "0" {
				d = depth // do { } while (0)
			}
			stmt(x.Body, d)
			expr(x.Cond, d)
		case *cparse.Switch:
			expr(x.Tag, depth)
			stmt(x.Body, depth+1)
		case *cparse.Case:
			stmt(x.Stmt, depth)
		case *cparse.Labeled:
			stmt(x.Stmt, depth)
		case *cparse.Return:
			if x.Result != nil {
				expr(x.Result, depth)
			}
		}
	}
	stmt(body, 0)
	return out
}

// Forwarder is a same-file function that only passes on what a root
// function hands out (devm_phy_get() around phy_get()): the defect is the
// root's, the forwarder a related location of it.
type Forwarder struct {
	Fn   *cparse.Func
	Root string    // the root function it leads to
	At   token.Pos // the call that forwards
}

// Forwarders maps each root name to the functions of f that hand out the
// result of a call to it, directly or through other forwarders.
func Forwarders(f *cparse.File, roots map[string]bool) map[string][]Forwarder {
	rootOf := map[string]string{}
	for r := range roots {
		rootOf[r] = r
	}
	out := map[string][]Forwarder{}
	for round := 0; round < 5; round++ {
		changed := false
		for _, fn := range f.Funcs {
			if fn.Body == nil || rootOf[fn.Name] != "" {
				continue
			}
			if r, at := forwards(fn, rootOf); r != "" {
				rootOf[fn.Name] = r
				out[r] = append(out[r], Forwarder{Fn: fn, Root: r, At: at})
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return out
}

// forwards finds a call to a function of rootOf whose result fn hands out
// (returns it, directly or through a local, or stores it).
func forwards(fn *cparse.Func, rootOf map[string]string) (string, token.Pos) {
	hand := Handouts(fn)
	root, at := "", token.NoPos
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if root != "" {
			return false
		}
		var c *cparse.Call
		var v string
		switch x := n.(type) {
		case *cparse.Return:
			if x.Result != nil {
				c, _ = cparse.Unparen(x.Result).(*cparse.Call)
			}
		case *cparse.Assign:
			if x.Op == "=" {
				c, _ = cparse.Unparen(x.R).(*cparse.Call)
				v = flow.Path(x.L)
			}
		case *cparse.VarDecl:
			if x.Init != nil {
				c, _ = cparse.Unparen(x.Init).(*cparse.Call)
				v = x.Name
			}
		}
		if c == nil {
			return true
		}
		r := rootOf[cparse.CalleeName(c)]
		if r == "" {
			return true
		}
		if _, isRet := n.(*cparse.Return); isRet || len(hand[v]) > 0 || strings.ContainsAny(v, ".*[") {
			root, at = r, c.Pos()
		}
		return true
	})
	return root, at
}
