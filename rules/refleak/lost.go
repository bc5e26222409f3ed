package refleak

import (
	"go/token"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// overwrite is where the storage naming a reference gets a new value
// before a leak: the reference is lost there, and a put at the leak would
// drop whatever the storage holds by then.
type overwrite struct {
	pos    token.Pos
	handle string       // the storage as written ("phydev", "queue_spec.np")
	by     *cparse.Call // the call whose result (or out-parameter) overwrites it, nil for another value
	// out: by fills an out-parameter, which it leaves alone when it fails
	out bool
	// uses: the overwriting expression still reads the old value
	// (phydev = phy_connect(ndev, phydev_name(phydev), ...))
	uses bool
	blk  *flow.Block
	idx  int
}

// handleOf is the storage an acquire puts its reference in: the variable
// its result is assigned to, or the field of its out-parameter.
func handleOf(cfg *flow.CFG, ref *flow.Ref) (handle, root string) {
	api := ref.API
	if ref.Call == nil || api == nil {
		return "", ""
	}
	if !api.Ref.Ret {
		if api.Ref.Arg >= len(ref.Call.Args) || api.Ref.Field == "" {
			return "", ""
		}
		u, ok := cparse.Unparen(ref.Call.Args[api.Ref.Arg]).(*cparse.Unary)
		if !ok || u.Op != "&" || u.X == nil {
			return "", ""
		}
		root = flow.ExprString(u.X)
		return root + "." + api.Ref.Field, root
	}
	for _, blk := range cfg.Blocks {
		for _, n := range blk.Nodes {
			switch x := n.(type) {
			case *cparse.Assign:
				if x.Op == "=" && cparse.Unparen(x.R) == cparse.Expr(ref.Call) {
					h := flow.ExprString(x.L)
					return h, h
				}
			case *cparse.VarDecl:
				if x.Init != nil && cparse.Unparen(x.Init) == cparse.Expr(ref.Call) {
					return x.Name, x.Name
				}
			}
		}
	}
	return "", ""
}

// findOverwrite is the first node after the acquire, on a path from it,
// that gives the reference's storage a new value: an assignment to it, or
// a call of a model acquire filling the same out-parameter field.
func findOverwrite(m *model.Model, cfg *flow.CFG, ref *flow.Ref) *overwrite {
	handle, root := handleOf(cfg, ref)
	if handle == "" {
		return nil
	}
	ab, ai := nodeOf(cfg, func(n cparse.Node) bool { return contains(n, ref.Call) })
	if ab == nil {
		return nil
	}
	// breadth-first from the node after the acquire: the nearest overwrite
	type at struct {
		blk *flow.Block
		idx int
	}
	seen := map[*flow.Block]bool{}
	queue := []at{{ab, ai + 1}}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for i := cur.idx; i < len(cur.blk.Nodes); i++ {
			if ow := overwrites(m, cur.blk.Nodes[i], ref.Call, handle, root); ow != nil {
				ow.blk, ow.idx = cur.blk, i
				return ow
			}
		}
		for _, e := range cur.blk.Succs {
			if e.To != nil && !seen[e.To] {
				seen[e.To] = true
				queue = append(queue, at{e.To, 0})
			}
		}
	}
	return nil
}

func overwrites(m *model.Model, n cparse.Node, acquire *cparse.Call, handle, root string) *overwrite {
	var found *overwrite
	cparse.Inspect(n, func(x cparse.Node) bool {
		if found != nil {
			return false
		}
		switch v := x.(type) {
		case *cparse.Assign:
			if l := flow.ExprString(v.L); v.Op == "=" && (l == handle || l == root) {
				c, _ := cparse.Unparen(v.R).(*cparse.Call)
				if c == acquire || c != nil && drops(m, c, handle) {
					// the acquire again (a loop), or an iterator step
					// that drops what it starts from: nothing lost here
					return false
				}
				found = &overwrite{pos: v.Pos(), handle: handle, by: c, uses: mentions(v.R, handle)}
			}
		case *cparse.Call:
			if v == acquire {
				return true
			}
			api := m.RefFunc(cparse.CalleeName(v))
			if api == nil || api.Ref.Ret || api.Ref.Arg >= len(v.Args) {
				return true
			}
			u, ok := cparse.Unparen(v.Args[api.Ref.Arg]).(*cparse.Unary)
			if ok && u.Op == "&" && u.X != nil && flow.ExprString(u.X) == root && root+"."+api.Ref.Field == handle {
				found = &overwrite{pos: v.Pos(), handle: handle, by: v, out: true}
			}
		}
		return true
	})
	return found
}

// drops says whether call c releases the storage named handle itself
// (pci_get_device(v, d, from) drops from).
func drops(m *model.Model, c *cparse.Call, handle string) bool {
	api := m.Lookup(cparse.CalleeName(c))
	if api == nil || api.Drops == nil || api.Drops.Ret || api.Drops.Arg >= len(c.Args) {
		return false
	}
	return flow.ExprString(c.Args[api.Drops.Arg]) == handle
}

// mentions says whether x reads the storage named handle.
func mentions(x cparse.Expr, handle string) bool {
	for _, p := range flow.ExprPaths(x) {
		if p == handle {
			return true
		}
	}
	return false
}

func contains(n cparse.Node, c *cparse.Call) bool {
	found := false
	cparse.Inspect(n, func(x cparse.Node) bool {
		if x == cparse.Node(c) {
			found = true
		}
		return !found
	})
	return found
}

func nodeOf(cfg *flow.CFG, match func(cparse.Node) bool) (*flow.Block, int) {
	for _, blk := range cfg.Blocks {
		for i, n := range blk.Nodes {
			if match(n) {
				return blk, i
			}
		}
	}
	return nil, 0
}

// after says whether a leak at pos lies behind the overwrite: every path
// from the acquire to it passes the overwrite, and, for an out-parameter
// the overwriting call fills only when it succeeds, the path is not the
// one where that call failed (there the old reference is still held).
func (ow *overwrite) after(cfg *flow.CFG, ev flow.Event) bool {
	if ow.out {
		name := cparse.CalleeName(ow.by)
		// the first test of that call after it is the test of its result
		for _, st := range ev.Steps {
			if st.Kind == flow.StepBranch && st.Callee == name && st.Pos > ow.pos {
				if st.Failed {
					return false
				}
				break
			}
		}
	}
	lb, li := nodeOf(cfg, func(n cparse.Node) bool {
		r, ok := n.(*cparse.Return)
		return ok && r.At == ev.Pos
	})
	if lb == nil {
		return false
	}
	if lb == ow.blk {
		return li > ow.idx
	}
	// the leak is behind the overwrite when it cannot be reached from
	// the acquire without passing the overwrite's block
	ab, _ := nodeOf(cfg, func(n cparse.Node) bool { return n.Pos() <= ev.Ref.Site && contains(n, ev.Ref.Call) })
	if ab == nil || ab == ow.blk {
		return true
	}
	seen := map[*flow.Block]bool{ab: true, ow.blk: true}
	stack := []*flow.Block{ab}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == lb {
			return false
		}
		for _, e := range b.Succs {
			if e.To != nil && !seen[e.To] {
				seen[e.To] = true
				stack = append(stack, e.To)
			}
		}
	}
	return true
}

// released says whether the function releases the storage anywhere: when
// it never does, the fix is one put once the reference is used, not a
// put on each error path.
func released(m *model.Model, cfg *flow.CFG, api *model.Func, handle string) bool {
	found := false
	for _, blk := range cfg.Blocks {
		for _, n := range blk.Nodes {
			cparse.Inspect(n, func(x cparse.Node) bool {
				c, ok := x.(*cparse.Call)
				if !ok || found {
					return !found
				}
				name := cparse.CalleeName(c)
				isRel := false
				for _, r := range api.Release {
					if r == name {
						isRel = true
					}
				}
				if !isRel {
					return true
				}
				for _, a := range c.Args {
					for _, p := range flow.ArgPaths(m, a) {
						if p == handle {
							found = true
						}
					}
				}
				return !found
			})
		}
	}
	return found
}
