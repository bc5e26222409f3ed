package kernel

import (
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Driver is one probe/remove pair read from a bus driver structure
// (struct platform_driver and the like: a type of role drivertype).
type Driver struct {
	Probe, Remove string
	// NoUnbind: the structure sets the field that forbids unbinding
	// through sysfs (.driver.suppress_bind_attrs = true).
	NoUnbind bool
}

// Drivers reads the driver structures among f's globals (arrays of them
// included) that name a probe function.
func Drivers(m *model.Model, f *cparse.File) []Driver {
	var out []Driver
	for _, g := range f.Globals {
		if g.Type == nil || g.Type.Ptr != 0 || m.TypeRole(g.Type.Name) != model.RoleDriverType {
			continue
		}
		il, ok := g.Init.(*cparse.InitList)
		if !ok {
			continue
		}
		if g.Type.Array {
			for _, e := range il.Elts {
				if sub, ok := e.Value.(*cparse.InitList); ok {
					if d := readDriver(m, sub); d.Probe != "" {
						out = append(out, d)
					}
				}
			}
			continue
		}
		if d := readDriver(m, il); d.Probe != "" {
			out = append(out, d)
		}
	}
	return out
}

func readDriver(m *model.Model, il *cparse.InitList) Driver {
	var d Driver
	for _, e := range il.Elts {
		if len(e.Field) == 0 {
			continue
		}
		// the bus driver's own callbacks, not those of the embedded
		// struct device_driver (.driver = { .probe = ... })
		inDriver := m.FieldRole(e.Field[0]) == model.RoleDriver
		if sub, ok := e.Value.(*cparse.InitList); ok {
			inner := readDriver(m, sub)
			d.NoUnbind = d.NoUnbind || inner.NoUnbind
			if d.Probe == "" && inner.Probe != "" && len(e.Field) == 1 && !inDriver {
				d.Probe = inner.Probe
			}
			if d.Remove == "" && inner.Remove != "" && len(e.Field) == 1 && !inDriver {
				d.Remove = inner.Remove
			}
			continue
		}
		nested := len(e.Field) > 1 && inDriver
		switch m.FieldRole(e.Field[len(e.Field)-1]) {
		case model.RoleProbe:
			if !nested {
				d.Probe = flow.FuncName(e.Value)
			}
		case model.RoleRemove:
			if !nested && d.Remove == "" {
				d.Remove = flow.FuncName(e.Value)
			}
		case model.RoleNoUnbind:
			d.NoUnbind = isSet(e.Value)
		}
	}
	return d
}

// SuppressesBind reports whether some structure among f's globals sets the
// field that forbids unbinding through sysfs.
func SuppressesBind(m *model.Model, f *cparse.File) bool {
	found := false
	for _, g := range f.Globals {
		if g.Init == nil {
			continue
		}
		cparse.Inspect(g.Init, func(n cparse.Node) bool {
			il, ok := n.(*cparse.InitList)
			if !ok {
				return !found
			}
			for _, e := range il.Elts {
				if len(e.Field) > 0 && m.FieldRole(e.Field[len(e.Field)-1]) == model.RoleNoUnbind && isSet(e.Value) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// isSet reads a flag's initializer: anything but a literal 0 or false
// sets it (a macro or an expression evaluating to true does).
func isSet(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.BasicLit:
		return v.Value != "0"
	case *cparse.Ident:
		return v.Name != "false"
	}
	return true
}

// RevokeAdvice says how a provider revokes objects of class from their
// holders ("phylink_release_pcs() under rtnl_lock()"), from the model's
// revoke entries.
func RevokeAdvice(m *model.Model, class string) string {
	rs := m.Revokes(class)
	if len(rs) == 0 {
		return "a revocation path that tells the holders"
	}
	s := rs[0].Name + "()"
	if rs[0].Lock != "" {
		s += " under " + rs[0].Lock + "()"
	}
	return s
}

// NoUnbindAdvice is the initializer that forbids unbinding through sysfs
// (".suppress_bind_attrs = true").
func NoUnbindAdvice(m *model.Model) string {
	if fs := m.Fields(model.RoleNoUnbind); len(fs) > 0 {
		return "." + fs[0] + " = true"
	}
	return "the driver's no-unbind flag"
}
