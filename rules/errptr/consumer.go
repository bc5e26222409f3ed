package errptr

import (
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// consumer is what the file does with a value that may be an error
// pointer: whether anything dereferences it, and the calls that take it
// and tolerate an error pointer (model kind tolerates).
type consumer struct {
	deref     bool     // dereferenced, or passed to a call not known to tolerate it
	tolerants []string // calls taking it that bail out on an error pointer
}

// consumers looks, over every function of the file, at the uses of the
// value stored at path: a local variable within its function, a
// structure member (gpios->enable) by its member name wherever it is
// read, since the value is usually stored in probe and used elsewhere.
func consumers(m *model.Model, f *cparse.File, fn *cparse.Func, path string) consumer {
	var c consumer
	member := ""
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		member = path[i+1:]
	}
	matches := func(x cparse.Expr) bool {
		x = cparse.Unparen(x)
		if member == "" {
			return flow.Path(x) == path
		}
		mb, ok := x.(*cparse.Member)
		return ok && mb.Name == member
	}
	seen := map[string]bool{}
	visit := func(body cparse.Node) {
		cparse.Inspect(body, func(n cparse.Node) bool {
			switch x := n.(type) {
			case *cparse.Member:
				if x.Arrow && matches(x.X) {
					c.deref = true
				}
			case *cparse.Unary:
				if x.Op == "*" && x.X != nil && matches(x.X) {
					c.deref = true
				}
			case *cparse.Call:
				name := cparse.CalleeName(x)
				if errFunc(m, name) != nil {
					return true
				}
				for i, a := range x.Args {
					if !matches(a) {
						continue
					}
					if api := m.Lookup(name); api != nil && api.Kind == model.Tolerates && !api.Ref.Ret && api.Ref.Arg == i {
						if !seen[name] {
							seen[name] = true
							c.tolerants = append(c.tolerants, name)
						}
					} else {
						c.deref = true
					}
				}
			}
			return true
		})
	}
	if member == "" {
		visit(fn.Body)
		return c
	}
	for _, g := range f.Funcs {
		visit(g.Body)
	}
	return c
}
