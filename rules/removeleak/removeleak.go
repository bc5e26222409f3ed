// Package removeleak defines the remove-leak rule: a reference a driver
// takes in its probe path and keeps in its driver state is never released
// by its remove callback.
package removeleak

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `remove-leak: a reference kept in driver state is not released on unbind

A driver that takes a counted reference in its probe path (of_parse_phandle(),
of_find_device_by_node(), fwnode_mdio_find_device(), fwnode_find_reference(),
lynx_pcs_create_fwnode(), xpcs_create_fwnode(), phylink_create(), clk_get(),
..., or a wrapper of the analyzed code that returns such a reference) and stores it in its private state (priv->np = ...) owns that reference
for as long as it is bound. Every unbind (sysfs unbind, module removal,
removal of a parent, probe deferral of a later step) runs the driver's
.remove and frees its devres; a reference that .remove does not drop stays
behind: a device tree node or fwnode whose refcount never returns to zero, a
provider's struct device (and its MDIO or platform device) pinned forever, a
PCS or phylink instance never destroyed. Rebinding takes a second
reference, so the leak grows with each bind/unbind cycle.

The rule pairs .probe and .remove (or .remove_new) through the driver
structure (platform_driver, mdio_driver, phy_driver, i2c_driver,
spi_driver, any struct *_driver) and follows same-file functions called from
probe and from remove; a function of another file that remove calls counts
by its summary (the fields of which struct types it releases). A store is
fine when remove (or a helper it calls),
a devm action registered with devm_add_action_or_reset(), or any function
outside the probe path releases the field, when probe itself releases it
on its success path, when the value comes from a devm_ API, and when the
field belongs to an object that a function of any analyzed file returned
after registering a devm action on it that releases that field
(devm_stmmac_probe_config_dt() in stmmac_platform.c, whose action puts
plat->mdio_node, for a glue driver storing into plat->mdio_node). A driver
with .driver.suppress_bind_attrs and no .remove is skipped. A clock the
file enables (clk_prepare_enable()) and never disables is kept on for the
system's life on purpose, and clk.h forbids clk_put() of an enabled clock:
not reported. A store of the struct device embedded in a looked-up object
(priv->dev = &pdev->dev after of_find_device_by_node()) keeps the lookup's
reference. The finding is reported at the store, with the remove callback
as a related location.

Fix: release the reference in .remove (of_node_put(priv->np),
put_device(&priv->pdev->dev), lynx_pcs_destroy(priv->pcs), ...), or register
the release with devm_add_action_or_reset() right after the store, or drop
the reference in probe once it is no longer needed.`

// Rule is the remove-leak rule.
var Rule = rules.New(rules.Spec{
	ID:    "remove-leak",
	Level: rules.Warning,
	Tags:  []string{"lifetime", "refcount", "unbind"},
	Doc:   doc,
	Run:   run,
	// docs/triage-6.12.md: 7 true and dwmac-tegra.c false (first table),
	// plus dwmac-sun8i.c, false ("Fixed during triage"); both false ones
	// are fixed since.
	Standing: rules.Standing{True: 7, False: 2, CWE: []int{401, 911}, Severity: "3.0"},
})

// checker holds the per-file state.
type checker struct {
	pass  *analysis.Pass
	u     *rules.Unit
	funcs map[string]*cparse.Func
	graph *kernel.Graph
	// actions: functions registered with devm_add_action*(), with the path
	// their data argument names.
	actions map[string][]string
	// direct devm actions that are release functions: (release, data path).
	directActions []directAction
	// atUnbind: the devm actions of actions and the functions they call,
	// which run when the device unbinds even where probe's error path
	// calls them too.
	atUnbind map[*cparse.Func]bool
}

type directAction struct {
	release string
	arg     cparse.Expr
	fn      *cparse.Func
}

// store is a reference kept in a member.
type store struct {
	fn    *cparse.Func
	lhs   cparse.Expr
	path  string
	local string // the local the value came through, "" when direct
	api   *model.Func
	pos   token.Pos
	// pinned: for a pin that returns its argument (pci_dev_get(pdev)),
	// that argument
	pinned cparse.Expr
}

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	g := kernel.NewGraph(u.File)
	c := &checker{pass: pass, u: u, funcs: g.Funcs, graph: g, actions: map[string][]string{}}
	c.findActions()
	c.atUnbind = map[*cparse.Func]bool{}
	for _, name := range sortedKeys(c.actions) {
		if fn := c.funcs[name]; fn != nil {
			for f := range g.Reach(fn, 3, 60) {
				c.atUnbind[f] = true
			}
		}
	}
	reported := map[token.Pos]bool{}
	for _, d := range kernel.Drivers(u.Model, u.File) {
		probe := c.funcs[d.Probe]
		if probe == nil {
			continue
		}
		if d.Remove == "" && d.NoUnbind {
			continue // cannot be unbound through sysfs and has nothing to run
		}
		var remove *cparse.Func
		if d.Remove != "" {
			if remove = c.funcs[d.Remove]; remove == nil {
				continue // remove lives in another file: cannot tell
			}
		}
		probeSet := g.Reach(probe, 4, 60)
		uncond := c.uncondReach(probe, 4)
		removeSet := map[*cparse.Func]bool{}
		if remove != nil {
			removeSet = g.Reach(remove, 3, 60)
		}
		for _, fn := range sortedFuncs(probeSet) {
			var leaks []store
			for _, s := range c.stores(fn) {
				if reported[s.pos] {
					continue
				}
				if c.releasedOnSuccess(s, uncond) || c.releasedAfterStore(s) || c.handedOff(s) || c.releasedElsewhere(s, probeSet, removeSet) ||
					c.boundDevicePut(s, probe, remove, probeSet) || c.releasedAtUnbind(s) || c.keptEnabled(s) || c.releasedByCallee(s, removeSet) {
					continue
				}
				reported[s.pos] = true
				leaks = append(leaks, s)
			}
			for _, g := range c.fallbacks(leaks) {
				c.report(g[0], probe, remove, g[1:]...)
			}
		}
	}
	return nil, nil
}

func sortedFuncs(set map[*cparse.Func]bool) []*cparse.Func {
	out := make([]*cparse.Func, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// topLevel lists the statements of fn that run on its non-error paths:
// the body's statements before the first label, descending into blocks
// (if branches, loops) that neither return nor jump to a label.
func topLevel(fn *cparse.Func) []cparse.Stmt {
	var out []cparse.Stmt
	var walk func(s cparse.Stmt)
	walk = func(s cparse.Stmt) {
		switch x := s.(type) {
		case *cparse.Block:
			for _, t := range x.List {
				walk(t)
			}
		case *cparse.ExprStmt, *cparse.DeclStmt, *cparse.Return:
			out = append(out, s)
		case *cparse.If:
			if !jumps(x.Then) {
				walk(x.Then)
			}
			if x.Else != nil && !jumps(x.Else) {
				walk(x.Else)
			}
		case *cparse.For:
			if !jumps(x.Body) {
				walk(x.Body)
			}
		case *cparse.While:
			if !jumps(x.Body) {
				walk(x.Body)
			}
		case *cparse.DoWhile:
			if !jumps(x.Body) {
				walk(x.Body)
			}
		}
	}
	var prev cparse.Stmt
	for _, s := range fn.Body.List {
		if l, ok := s.(*cparse.Labeled); ok {
			// "ret = register(card); put: of_node_put(np); return ret;":
			// success falls into the label and runs its release too; a
			// label after a return or goto is reached by gotos only
			if prev == nil || terminates(prev) {
				break
			}
			s = l.Stmt
		}
		walk(s)
		prev = s
	}
	return out
}

// terminates reports whether s never falls through to the next statement
// of its list: a return or a goto, possibly labelled.
func terminates(s cparse.Stmt) bool {
	switch x := s.(type) {
	case *cparse.Return, *cparse.Goto:
		return true
	case *cparse.Labeled:
		return x.Stmt != nil && terminates(x.Stmt)
	case *cparse.Block:
		return len(x.List) > 0 && terminates(x.List[len(x.List)-1])
	}
	return false
}

// jumps reports whether s contains a return or a goto: an error branch.
func jumps(s cparse.Stmt) bool {
	found := false
	cparse.Inspect(s, func(n cparse.Node) bool {
		switch n.(type) {
		case *cparse.Return, *cparse.Goto:
			found = true
		case *cparse.StmtExpr:
			return false
		}
		return !found
	})
	return found
}

// uncondReach is fn plus the same-file functions called on straight-line
// paths (not under an if, a loop or an error label), transitively.
func (c *checker) uncondReach(fn *cparse.Func, depth int) map[*cparse.Func]bool {
	set := map[*cparse.Func]bool{fn: true}
	frontier := []*cparse.Func{fn}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []*cparse.Func
		for _, f := range frontier {
			for _, s := range topLevel(f) {
				cparse.Inspect(s, func(n cparse.Node) bool {
					switch n.(type) {
					case *cparse.StmtExpr, *cparse.Cond:
						return false
					}
					if call, ok := n.(*cparse.Call); ok {
						if g := c.funcs[cparse.CalleeName(call)]; g != nil && !set[g] {
							set[g] = true
							next = append(next, g)
						}
					}
					return true
				})
			}
		}
		frontier = next
	}
	return set
}

// acquireAPI returns the model entry of a counted-get whose result is the
// reference, nil for anything else (devm, iterators, lookups).
func (c *checker) acquireAPI(name string) *model.Func {
	api := c.u.RefAPI(name) // the model's, or a wrapper of the analyzed code
	if api == nil || len(api.Release) == 0 || api.Drops != nil {
		return nil
	}
	switch api.Kind {
	case model.Acquire:
		if api.Ref.Ret {
			return api
		}
	case model.Pin:
		// get_device(dev), of_node_get(np): the result is the argument.
		// Not a returned pin (usb_get_dev()): disconnect drops it through
		// another name (interface_to_usbdev(intf)) or a kref release,
		// which the stores cannot be matched with
		if api.Ref.Ret {
			return nil
		}
		if api.Ref.Arg == 0 && api.Ref.Field == "" && c.u.Model.Class(api.Class).Role != model.RoleModule {
			return api
		}
	}
	return nil
}

// stores finds the member stores of acquired references in fn.
func (c *checker) stores(fn *cparse.Func) []store {
	var out []store
	held := map[string]*model.Func{} // local -> acquire it holds
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch v := n.(type) {
		case *cparse.VarDecl:
			if call, ok := cparse.Unparen(v.Init).(*cparse.Call); ok && v.Init != nil {
				if api := c.acquireAPI(cparse.CalleeName(call)); api != nil {
					held[v.Name] = api
					return true
				}
			}
			delete(held, v.Name)
		case *cparse.Assign:
			if v.Op != "=" {
				return true
			}
			path := flow.Path(v.L)
			if path == "" {
				return true
			}
			var api *model.Func
			var pinned cparse.Expr
			local := ""
			switch r := cparse.Unparen(v.R).(type) {
			case *cparse.Call:
				api = c.acquireAPI(cparse.CalleeName(r))
				if api != nil && api.Kind == model.Pin && !api.Ref.Ret && api.Ref.Arg < len(r.Args) {
					pinned = r.Args[api.Ref.Arg]
				}
			case *cparse.Ident:
				if api = held[r.Name]; api != nil {
					local = r.Name
				}
			case *cparse.Unary:
				// "phy->control_dev = &control_pdev->dev": the device
				// embedded in the object a lookup returned is the same
				// reference (put_device() of it drops the lookup's count)
				if base := embeddedBase(r); base != "" {
					if api = held[base]; api != nil {
						local = base
					}
				}
			}
			if _, isMember := cparse.Unparen(v.L).(*cparse.Member); !isMember {
				if api != nil && local == "" {
					held[path] = api
				} else {
					delete(held, path)
				}
				return true
			}
			if api == nil || deviceNode(c.u.Model, fn, c.u.File, path) {
				return true
			}
			out = append(out, store{fn: fn, lhs: v.L, path: path, local: local, api: api, pos: v.OpPos, pinned: pinned})
		}
		return true
	})
	return out
}

// embeddedBase is the local whose member x takes the address of
// ("&pdev->dev" -> "pdev"), "" for anything else.
func embeddedBase(x cparse.Expr) string {
	u, ok := cparse.Unparen(x).(*cparse.Unary)
	if !ok || u.Op != "&" {
		return ""
	}
	m, ok := cparse.Unparen(u.X).(*cparse.Member)
	if !ok {
		return ""
	}
	id, ok := cparse.Unparen(m.X).(*cparse.Ident)
	if !ok {
		return ""
	}
	return id.Name
}

// deviceNode reports stores into a struct device's of_node/fwnode: the
// device core drops those when the device is released.
func deviceNode(m *model.Model, fn *cparse.Func, f *cparse.File, path string) bool {
	el := strings.Split(path, ".")
	if m.FieldRole(el[len(el)-1]) != model.RoleNode {
		return false
	}
	if len(el) >= 2 && el[len(el)-2] == "dev" {
		return true // the usual name of a struct device member
	}
	return m.TypeRole(flow.ContainerType(fn, f, path)) == model.RoleDevice
}

func (c *checker) releaseAPI(name string) *model.Func {
	return flow.ReleaseAPI(c.u.Model, c.u.Summaries, name)
}

func (c *checker) releasesIn(n cparse.Node) []flow.ReleaseCall {
	return flow.ReleaseCalls(n, c.releaseAPI)
}

// releaseFits reports whether release rel can drop a reference from acq.
func releaseFits(acq *model.Func, rel flow.ReleaseCall) bool {
	return fits(acq, rel.Name, rel.API.Class)
}

// fits reports whether release, of class, can drop a reference from acq.
func fits(acq *model.Func, release, class string) bool {
	for _, r := range acq.Release {
		if r == release {
			return true
		}
	}
	return class != "" && class == acq.Class
}

// matches reports whether argument arg of a release in function in names
// the stored field s. subst maps a leading variable to the path it stands
// for (devm action data, locals loaded from a field).
func (c *checker) matches(s store, arg cparse.Expr, in *cparse.Func, subst map[string]string) bool {
	stores := []string{s.path}
	if sp := flow.SubstPath(s.path, aliases(s.fn)); sp != s.path {
		stores = append(stores, sp)
	}
	for _, ap := range flow.ArgPaths(c.u.Model, arg) {
		ap = strings.TrimLeft(ap, "&*")
		cands := []string{ap}
		if sp := flow.SubstPath(ap, subst); sp != ap {
			cands = append(cands, sp)
		}
		for _, a := range cands {
			for _, b := range stores {
				if c.pathsMatch(a, in, b, s.fn) {
					return true
				}
			}
		}
	}
	return false
}

// pathsMatch compares a released path with a stored one: equal, same
// last two elements, or same field of the same (or an unknown) struct.
func (c *checker) pathsMatch(ap string, in *cparse.Func, sp string, sfn *cparse.Func) bool {
	if ap == sp {
		return true
	}
	a, b := strings.Split(ap, "."), strings.Split(sp, ".")
	if len(a) < 2 || len(b) < 2 || a[len(a)-1] != b[len(b)-1] {
		return false
	}
	if a[len(a)-2] == b[len(b)-2] {
		return true
	}
	ta, tb := flow.ContainerType(in, c.u.File, ap), flow.ContainerType(sfn, c.u.File, sp)
	return ta == "" || tb == "" || ta == tb
}

// aliases maps the locals of fn loaded from a member path ("np =
// priv->np") to that path.
func aliases(fn *cparse.Func) map[string]string {
	m := map[string]string{}
	bad := map[string]bool{}
	note := func(name string, rhs cparse.Expr) {
		p := flow.Path(rhs)
		if p == "" || !strings.Contains(p, ".") {
			bad[name] = true
			return
		}
		if old, ok := m[name]; ok && old != p {
			bad[name] = true
		}
		m[name] = p
	}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch v := n.(type) {
		case *cparse.VarDecl:
			if v.Init != nil {
				note(v.Name, v.Init)
			}
		case *cparse.Assign:
			if id, ok := cparse.Unparen(v.L).(*cparse.Ident); ok && v.Op == "=" {
				note(id.Name, v.R)
			}
		}
		return true
	})
	for k := range bad {
		delete(m, k)
	}
	return m
}

// releasedOnSuccess: probe (or a function it always calls) drops the
// reference on its straight-line path, so the field only borrows it.
func (c *checker) releasedOnSuccess(s store, uncond map[*cparse.Func]bool) bool {
	fns := []*cparse.Func{s.fn}
	for fn := range uncond {
		if fn != s.fn {
			fns = append(fns, fn)
		}
	}
	for _, fn := range fns {
		al := aliases(fn)
		for _, st := range topLevel(fn) {
			for _, rel := range c.releasesIn(st) {
				if !releaseFits(s.api, rel) {
					continue
				}
				if fn == s.fn && s.local != "" && (flow.Path(rel.Arg) == s.local || embeddedBase(rel.Arg) == s.local) {
					return true
				}
				if c.matches(s, rel.Arg, fn, al) {
					return true
				}
			}
		}
	}
	return false
}

// releasedAfterStore: the storing function drops the reference on the
// way on from the store, inside a branch that also has error returns
// (if (fixed_link) { ndev->phydev = of_phy_find_device(np); if (!ndev->phydev)
// return -EINVAL; ...; put_device(&ndev->phydev->mdio.dev); }): the field
// only borrows it.
func (c *checker) releasedAfterStore(s store) bool {
	al := aliases(s.fn)
	for _, st := range tailAfter(s.fn.Body.List, s.lhs) {
		for _, rel := range c.releasesIn(st) {
			if !releaseFits(s.api, rel) {
				continue
			}
			if s.local != "" && (flow.Path(rel.Arg) == s.local || embeddedBase(rel.Arg) == s.local) {
				return true
			}
			if c.matches(s, rel.Arg, s.fn, al) {
				return true
			}
		}
	}
	return false
}

// tailAfter lists the statements that run after the statement holding
// node x on its non-error path: the rest of each enclosing statement list,
// up to an unconditional return, a goto or an error label, skipping the
// branches that return or jump (as topLevel does). nil when x is in none
// of list.
func tailAfter(list []cparse.Stmt, x cparse.Node) []cparse.Stmt {
	for i, st := range list {
		if !contains(st, x) {
			continue
		}
		var out []cparse.Stmt
		switch v := st.(type) {
		case *cparse.Block:
			out = tailAfter(v.List, x)
		case *cparse.If:
			for _, br := range []cparse.Stmt{v.Then, v.Else} {
				if br != nil && contains(br, x) {
					out = tailAfter(asList(br), x)
				}
			}
		case *cparse.Labeled:
			return nil // under an error label
		}
		prev := st
		for _, t := range list[i+1:] {
			switch l := t.(type) {
			case *cparse.Return, *cparse.Goto:
				return out
			case *cparse.Labeled:
				if terminates(prev) {
					return out
				}
				t = l.Stmt // the non-error path falls into the label
			}
			prev = t
			out = append(out, topLevel(&cparse.Func{Body: &cparse.Block{List: []cparse.Stmt{t}}})...)
		}
		return out
	}
	return nil
}

func asList(s cparse.Stmt) []cparse.Stmt {
	if b, ok := s.(*cparse.Block); ok {
		return b.List
	}
	return []cparse.Stmt{s}
}

func contains(s cparse.Stmt, x cparse.Node) bool {
	found := false
	cparse.Inspect(s, func(n cparse.Node) bool {
		if n == x {
			found = true
		}
		return !found
	})
	return found
}

// boundDevicePut: the stored reference is a pin of the device probe is
// binding (adapter->pdev = pci_dev_get(pdev) with probe's pdev, directly
// or handed down to the helper that stores it), and remove puts its own
// device argument: the same object, named through remove's parameter.
func (c *checker) boundDevicePut(s store, probe, remove *cparse.Func, probeSet map[*cparse.Func]bool) bool {
	if s.pinned == nil || remove == nil || len(remove.Params) == 0 || len(probe.Params) == 0 {
		return false
	}
	base := flow.Path(s.pinned)
	if base == "" {
		base = embeddedBase(s.pinned)
	}
	if base == "" || strings.Contains(base, ".") || !c.isBoundDevice(s.fn, base, probe, probeSet, 4) {
		return false
	}
	dev := remove.Params[0].Name
	for _, rel := range c.releasesIn(remove.Body) {
		if !releaseFits(s.api, rel) {
			continue
		}
		for _, p := range flow.ArgPaths(c.u.Model, rel.Arg) {
			if p == dev {
				return true
			}
		}
	}
	return false
}

// isBoundDevice says whether variable name of fn is probe's device
// parameter: fn is probe and name its first parameter, or every call of
// fn from the probe path passes the bound device in name's place.
func (c *checker) isBoundDevice(fn *cparse.Func, name string, probe *cparse.Func, probeSet map[*cparse.Func]bool, depth int) bool {
	idx := -1
	for i, p := range fn.Params {
		if p.Name == name {
			idx = i
		}
	}
	if fn == probe {
		return idx == 0
	}
	if idx < 0 || depth == 0 {
		return false
	}
	calls := 0
	ok := true
	for caller := range probeSet {
		if caller.Body == nil || caller == fn {
			continue
		}
		cparse.Inspect(caller.Body, func(n cparse.Node) bool {
			call, isCall := n.(*cparse.Call)
			if !isCall || cparse.CalleeName(call) != fn.Name {
				return true
			}
			calls++
			if idx >= len(call.Args) {
				ok = false
				return true
			}
			id, isID := cparse.Unparen(call.Args[idx]).(*cparse.Ident)
			if !isID || !c.isBoundDevice(caller, id.Name, probe, probeSet, depth-1) {
				ok = false
			}
			return true
		})
	}
	return ok && calls > 0
}

// keptEnabled: the reference is enabled (clk_prepare_enable()) and
// nothing in the file disables it: the driver keeps it on for the life of
// the system, and releasing it while enabled is forbidden (clk.h), so
// there is nothing to put at unbind.
func (c *checker) keptEnabled(s store) bool {
	enabled, disabled := false, false
	for _, fn := range c.u.File.Funcs {
		if fn.Body == nil {
			continue
		}
		al := aliases(fn)
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			call, ok := n.(*cparse.Call)
			if !ok {
				return true
			}
			api := c.u.Model.Lookup(cparse.CalleeName(call))
			if api == nil || api.Kind != model.Enable && api.Kind != model.Disable || api.Ref.Ret || api.Ref.Arg >= len(call.Args) {
				return true
			}
			if api.Class != "" && api.Class != s.api.Class {
				return true
			}
			arg := call.Args[api.Ref.Arg]
			on := fn == s.fn && s.local != "" && flow.Path(arg) == s.local || c.matches(s, arg, fn, al)
			if on && api.Kind == model.Enable {
				enabled = true
			} else if on {
				disabled = true
			}
			return true
		})
	}
	return enabled && !disabled
}

// releasedByCallee: remove (or a helper it calls) calls a function of
// another file whose summary says it releases this field of this struct
// type (flow.Summaries.FieldReleases): spl2sw_remove() calls
// spl2sw_phy_remove() in spl2sw_phy.c, which puts each port's
// struct spl2sw_mac phy_node; sparx5's remove reaches
// sparx5_unregister_netdevs(), which destroys each port's phylink.
func (c *checker) releasedByCallee(s store, removeSet map[*cparse.Func]bool) bool {
	container := flow.ContainerType(s.fn, c.u.File, s.path)
	if container == "" || c.u.Summaries == nil {
		return false
	}
	el := strings.Split(s.path, ".")
	field := strings.TrimSuffix(el[len(el)-1], "[]")
	for fn := range removeSet {
		found := false
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			call, ok := n.(*cparse.Call)
			if !ok || found {
				return !found
			}
			name := cparse.CalleeName(call)
			if name == "" || c.funcs[name] != nil {
				return true // this file's functions are read directly
			}
			for _, fr := range c.u.Summaries.FieldReleases(name) {
				if fr.Struct == container && fr.Field == field && fits(s.api, fr.Release, fr.Class) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// handedOff: the field (or the local it came through) is passed to a
// function that takes the reference over.
func (c *checker) handedOff(s store) bool {
	found := false
	cparse.Inspect(s.fn.Body, func(n cparse.Node) bool {
		call, ok := n.(*cparse.Call)
		if !ok || found {
			return !found
		}
		api := c.u.Model.RefFunc(cparse.CalleeName(call))
		if api == nil || api.Kind != model.Takes || api.Ref.Ret || api.Ref.Arg >= len(call.Args) {
			return true
		}
		p := flow.Path(call.Args[api.Ref.Arg])
		if p != "" && (p == s.path || p == s.local) {
			found = true
		}
		return !found
	})
	return found
}

// releasedElsewhere: remove (or a helper it calls), a devm action, or any
// function outside the probe path releases the field.
func (c *checker) releasedElsewhere(s store, probeSet, removeSet map[*cparse.Func]bool) bool {
	for _, fn := range c.u.File.Funcs {
		if fn.Body == nil || (probeSet[fn] && !removeSet[fn] && !c.atUnbind[fn]) {
			continue
		}
		al := aliases(fn)
		for k, v := range c.actionSubst(fn) {
			al[k] = v
		}
		for _, rel := range c.releasesIn(fn.Body) {
			if releaseFits(s.api, rel) && c.matches(s, rel.Arg, fn, al) {
				return true
			}
		}
	}
	for _, d := range c.directActions {
		rel := flow.ReleaseCall{Name: d.release, API: c.releaseAPI(d.release), Arg: d.arg}
		if rel.API != nil && releaseFits(s.api, rel) && c.matches(s, d.arg, d.fn, aliases(d.fn)) {
			return true
		}
	}
	return false
}

// releasedAtUnbind: the field belongs to an object that a function of the
// analyzed code returned after registering a devm action that releases the
// field (its summary's flow.UnbindRelease), as
// devm_stmmac_probe_config_dt()'s action puts plat->mdio_node. Every
// assignment of the object in the storing function must come from such a
// call.
func (c *checker) releasedAtUnbind(s store) bool {
	el := strings.Split(s.path, ".")
	for i := len(el) - 1; i >= 1; i-- {
		obj, field := strings.Join(el[:i], "."), strings.Join(el[i:], ".")
		from := origins(s.fn, obj)
		if len(from) == 0 {
			continue
		}
		all := true
		for _, name := range from {
			released := false
			for _, u := range c.u.Summaries.Unbind(name) {
				if u.Field == field && fits(s.api, u.Release, u.Class) {
					released = true
					break
				}
			}
			all = all && released
		}
		if all {
			return true
		}
	}
	return false
}

// origins lists the functions whose results fn assigns to path (NULL
// aside); nil when path is assigned anything else or nothing.
func origins(fn *cparse.Func, path string) []string {
	var out []string
	bad := false
	flow.Assignments(fn, path, func(rhs cparse.Expr, op string) {
		if c, ok := cparse.Unparen(rhs).(*cparse.Call); ok && op == "=" && cparse.CalleeName(c) != "" {
			out = append(out, cparse.CalleeName(c))
		} else if op != "=" || !flow.IsNullish(rhs) {
			bad = true
		}
	})
	if bad {
		return nil
	}
	return out
}

// findActions records devm_add_action*(dev, fn, data) registrations.
func (c *checker) findActions() {
	al := map[*cparse.Func]map[string]string{}
	for _, a := range flow.DevmActions(c.u.Model, c.u.File) {
		if c.releaseAPI(a.Action) != nil {
			c.directActions = append(c.directActions, directAction{release: a.Action, arg: a.Data, fn: a.In})
			continue
		}
		if al[a.In] == nil {
			al[a.In] = aliases(a.In)
		}
		c.actions[a.Action] = append(c.actions[a.Action], flow.SubstPath(a.DataPath(), al[a.In]))
	}
}

// actionSubst maps a devm action's data parameter (and locals loaded from
// it) to the path registered as its data.
func (c *checker) actionSubst(fn *cparse.Func) map[string]string {
	datas := c.actions[fn.Name]
	if len(datas) == 0 || len(fn.Params) == 0 || datas[0] == "" {
		return nil
	}
	param := fn.Params[0].Name
	m := map[string]string{param: datas[0]}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if v, ok := n.(*cparse.VarDecl); ok && v.Init != nil && flow.Path(v.Init) == param {
			m[v.Name] = datas[0]
		}
		return true
	})
	return m
}

// fallbacks groups the leaking stores of one function: a store that only
// runs when an earlier store of the same field yielded nothing
// (np = of_parse_phandle(child, "new-name", 0); if (!np) np =
// of_parse_phandle(child, "old-name", 0);) holds the one reference the
// field keeps, and the one release in .remove that fixes the first fixes
// it: it joins the first store's finding instead of making its own.
func (c *checker) fallbacks(leaks []store) [][]store {
	var groups [][]store
next:
	for _, s := range leaks {
		for i, g := range groups {
			if g[0].path == s.path && g[0].api.Release[0] == s.api.Release[0] && c.onlyIfEmpty(s, g[0].path) {
				groups[i] = append(g, s)
				continue next
			}
		}
		groups = append(groups, []store{s})
	}
	return groups
}

// onlyIfEmpty reports whether store s sits under an if of its function
// that tests the field path for a failed lookup (!path, path == NULL,
// IS_ERR_OR_NULL(path) or another modelled error test).
func (c *checker) onlyIfEmpty(s store, path string) bool {
	found := false
	cparse.Inspect(s.fn.Body, func(n cparse.Node) bool {
		if found {
			return false
		}
		if x, ok := n.(*cparse.If); ok {
			found = contains(x.Then, s.lhs) && c.failTest(x.Cond, path) ||
				x.Else != nil && contains(x.Else, s.lhs) && c.failTest(&cparse.Unary{Op: "!", X: x.Cond}, path)
		}
		return !found
	})
	return found
}

// failTest reports whether cond is true when path holds no reference.
func (c *checker) failTest(cond cparse.Expr, path string) bool {
	switch x := cparse.Unparen(cond).(type) {
	case *cparse.Unary:
		if x.Op != "!" {
			return false
		}
		if flow.Path(x.X) == path {
			return true
		}
		// else branch of "if (np)" or "if (np != NULL)"
		b, ok := cparse.Unparen(x.X).(*cparse.Binary)
		return ok && b.Op == "!=" && (flow.Path(b.X) == path && flow.IsNullish(b.Y) || flow.Path(b.Y) == path && flow.IsNullish(b.X))
	case *cparse.Binary:
		return x.Op == "==" && (flow.Path(x.X) == path && flow.IsNullish(x.Y) || flow.Path(x.Y) == path && flow.IsNullish(x.X))
	case *cparse.Call:
		api := c.u.Model.Lookup(cparse.CalleeName(x))
		return api != nil && api.Kind == model.ErrTest && api.Ref.Arg < len(x.Args) && flow.Path(x.Args[api.Ref.Arg]) == path
	}
	return false
}

// report reports store s; also lists the fallback stores of the same
// field that the same release fixes.
func (c *checker) report(s store, probe, remove *cparse.Func, also ...store) {
	rel := s.api.Release[0] + "()"
	field := flow.ExprString(s.lhs)
	// the function the store is in is printed before the headline: name
	// the probe only when it is another function
	in := ""
	if s.fn != probe {
		in = " (" + probe.Name + "())"
	}
	why := "unbinding leaks the reference"
	if cost := rules.UnitOf(c.pass).Model.Class(s.api.Class).Leak; cost != "" {
		why += ": " + cost
	}
	var msg, fix string
	var related []analysis.RelatedInformation
	if remove == nil {
		msg = fmt.Sprintf("%s holds a reference from %s() taken in probe%s, and the driver has no .remove", field, apiName(s.api), in)
		fix = fmt.Sprintf("release it with %s in a .remove callback or use a devm action", rel)
	} else {
		msg = fmt.Sprintf("%s holds a reference from %s() taken in probe%s, but %s never calls %s on it", field, apiName(s.api), in, remove.Name, rel)
		fix = "release it in .remove or use a devm action"
		related = append(related, analysis.RelatedInformation{Pos: remove.NamePos, Message: "remove callback " + remove.Name + "()"})
	}
	related = append(related, analysis.RelatedInformation{Pos: probe.NamePos, Message: "probe callback " + probe.Name + "()"})
	for _, a := range also {
		related = append(related, analysis.RelatedInformation{Pos: a.pos, Message: fmt.Sprintf("%s also stores a reference from %s() when the first lookup found nothing", flow.ExprString(a.lhs), apiName(a.api))})
	}
	rules.Report(c.pass, rules.Finding{Pos: s.pos, Message: msg, Why: why, Fix: fix, Related: related})
}

func apiName(api *model.Func) string {
	return api.Name
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
