package flow

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// A reference a probe stores in memory it allocated with devm_*() is kept
// only as long as that memory: when the probe fails, devres frees it and
// remove never runs, so nothing can drop the reference any more. The
// store hands the reference over on the success path only.

// probeDevmVars lists the local pointers of a probe that name memory it
// allocated with a devm acquire (priv = devm_kzalloc(...)), or memory
// inside such memory (mvusb = mdio->priv), on every assignment. None when
// the probe registers a devres action: the action, run when the probe
// fails, may drop what the memory holds.
func probeDevmVars(m *model.Model, f *cparse.Func) map[string]bool {
	if f.Body == nil {
		return nil
	}
	devm := map[string]bool{}
	other := map[string]bool{}
	devres := false
	var assigns []struct {
		name string
		rhs  cparse.Expr
	}
	cparse.Inspect(f.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Call:
			if api := m.Lookup(cparse.CalleeName(x)); api != nil && api.Kind == model.Devres {
				devres = true
			}
		case *cparse.VarDecl:
			if x.Init != nil {
				assigns = append(assigns, struct {
					name string
					rhs  cparse.Expr
				}{x.Name, x.Init})
			}
		case *cparse.Assign:
			if id, ok := cparse.Unparen(x.L).(*cparse.Ident); ok {
				if x.Op != "=" {
					other[id.Name] = true
				}
				assigns = append(assigns, struct {
					name string
					rhs  cparse.Expr
				}{id.Name, x.R})
			}
		case *cparse.Unary:
			if id, ok := cparse.Unparen(x.X).(*cparse.Ident); ok && x.Op == "&" {
				other[id.Name] = true // its address escapes: set elsewhere
			}
		}
		return true
	})
	if devres {
		return nil
	}
	// a fixpoint: mvusb = mdio->priv is devm memory once mdio is
	for changed := true; changed; {
		changed = false
		for _, as := range assigns {
			if devm[as.name] || other[as.name] {
				continue
			}
			if devmSource(m, as.rhs, devm) {
				devm[as.name] = true
				changed = true
			}
		}
	}
	for _, as := range assigns {
		if devm[as.name] && !devmSource(m, as.rhs, devm) {
			delete(devm, as.name) // also assigned something else
		}
	}
	for _, p := range f.Params {
		delete(devm, p.Name)
	}
	if len(devm) == 0 {
		return nil
	}
	return devm
}

// devmSource: x is a devm allocation, or a place inside memory known to
// be one.
func devmSource(m *model.Model, x cparse.Expr, devm map[string]bool) bool {
	x = cparse.Unparen(x)
	if c, ok := x.(*cparse.Cast); ok {
		x = cparse.Unparen(c.X)
	}
	switch v := x.(type) {
	case *cparse.Call:
		api := m.Lookup(cparse.CalleeName(v))
		return api != nil && api.Kind == model.Devm && api.Ref.Ret
	case *cparse.Unary:
		if v.Op == "&" && v.X != nil {
			return devmRooted(Path(v.X), devm)
		}
	case *cparse.Member:
		return devmRooted(Path(v), devm)
	}
	return false
}

// devmRooted: the lvalue path lies in memory one of devm names
// (priv.client, priv.port[].np).
func devmRooted(path string, devm map[string]bool) bool {
	if path == "" || len(devm) == 0 || !strings.Contains(path, ".") {
		return false
	}
	root := path[:strings.IndexByte(path, '.')]
	return devm[root]
}

// localCall: the callee is a function of the analyzed file or a function
// pointer; it may reach the probe's memory and drop what it holds.
func (a *Analysis) localCall(name string) bool {
	if name == "" {
		return true
	}
	return a.opts.File.Defined(name) != nil
}

// probeFails: a return of the probe that fails it, always (return
// -ENODEV; return PTR_ERR(x);) or when the call it returns the result of
// fails (return of_mdiobus_register(...);): devres frees the probe's
// memory.
func (a *Analysis) probeFails(ret *cparse.Return) bool {
	if ret.Result == nil {
		return false
	}
	_, ok := a.probeFailStep(ret)
	return a.isErrorReturn(ret.Result) || ok
}

// probeFailStep is the failure a probe's return of a call's result
// passes on ("when of_mdiobus_register() fails"), for a callee outside the
// file (which cannot drop what the probe's memory holds) that is no
// error-pointer idiom.
func (a *Analysis) probeFailStep(ret *cparse.Return) (Step, bool) {
	if ret.Result == nil {
		return Step{}, false
	}
	c, ok := cparse.Unparen(ret.Result).(*cparse.Call)
	if !ok || a.CFG.Func.Result == nil || a.CFG.Func.Result.Ptr != 0 {
		return Step{}, false
	}
	name := cparse.CalleeName(c)
	if a.localCall(name) || a.opts.Model.Lookup(name) != nil {
		return Step{}, false
	}
	return Step{Pos: c.Pos(), Kind: StepBranch, Callee: name, Failed: true, Msg: "when " + name + "() fails"}, true
}
