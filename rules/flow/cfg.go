// Package flow is pcslint's shared flow engine: a control-flow graph per C
// function and a path-sensitive dataflow over it that tracks each acquired
// reference (held, released, handed off, NULL, ERR_PTR) through the kernel
// API model.
package flow

import (
	"go/token"

	"github.com/pcslint/pcslint/cparse"
)

// Block is a basic block: nodes evaluated in order, then its edges.
type Block struct {
	Index int
	Nodes []cparse.Node // expressions, *cparse.VarDecl, *cparse.Return
	Succs []Edge
	// Jump is the goto, break, continue or return ending the block, for
	// path messages.
	Jump cparse.Stmt
	// ScopeEnd lists cleanup variables leaving scope at the end of the block.
	ScopeEnd []*cparse.VarDecl
	// LoopStep marks where continue leads: a for loop's step, a while
	// loop's test, a do-while's test.
	LoopStep bool
}

// Edge leads to another block; Cond, when set, holds on the edge with the
// value Branch.
type Edge struct {
	To     *Block
	Cond   cparse.Expr
	Branch bool
	// Negated: the source tests !Cond (Branch is Cond's value, not the
	// written test's), for quoting the test as written.
	Negated bool
}

// CFG is the control-flow graph of one function. Exit has no nodes; every
// return and the end of the body lead to it.
type CFG struct {
	Func   *cparse.Func
	Blocks []*Block
	Entry  *Block
	Exit   *Block
	// StepSite maps the call of a for loop's step to the call of its
	// init when both assign the same variable from the same function
	// (for (np = find(root, ..); np; np = find(np, ..))): one acquire
	// site, as in the for_each_*() macros, whose init and step expand
	// at one position.
	StepSite map[token.Pos]token.Pos
}

type builder struct {
	g         *CFG
	cur       *Block
	labels    map[string]*Block
	gotos     []pendingGoto
	breaks    []*Block
	continues []*Block
	scopes    [][]*cparse.VarDecl // cleanup variables per open block
}

type pendingGoto struct {
	from  *Block
	label string
}

// Build constructs the CFG of f.
func Build(f *cparse.Func) *CFG {
	b := &builder{g: &CFG{Func: f}, labels: map[string]*Block{}}
	b.g.Entry = b.newBlock()
	b.g.Exit = &Block{}
	b.cur = b.g.Entry
	b.stmt(f.Body)
	if b.cur != nil {
		// falling off the end is a return without a value
		end := &cparse.Return{At: f.End}
		b.add(end)
		b.cur.Jump = end
	}
	b.jump(b.g.Exit)
	for _, pg := range b.gotos {
		if to, ok := b.labels[pg.label]; ok {
			pg.from.Succs = append(pg.from.Succs, Edge{To: to})
		} else {
			pg.from.Succs = append(pg.from.Succs, Edge{To: b.g.Exit})
		}
	}
	b.g.Exit.Index = len(b.g.Blocks)
	b.g.Blocks = append(b.g.Blocks, b.g.Exit)
	return b.g
}

func (b *builder) newBlock() *Block {
	blk := &Block{Index: len(b.g.Blocks)}
	b.g.Blocks = append(b.g.Blocks, blk)
	return blk
}

func (b *builder) add(n cparse.Node) {
	if b.cur == nil { // unreachable code after a jump
		b.cur = b.newBlock()
	}
	b.cur.Nodes = append(b.cur.Nodes, n)
}

// jump ends the current block with an edge to to.
func (b *builder) jump(to *Block) {
	if b.cur != nil {
		b.cur.Succs = append(b.cur.Succs, Edge{To: to})
	}
	b.cur = nil
}

func (b *builder) startAt(blk *Block) {
	b.jump(blk)
	b.cur = blk
}

// cond lowers a branch on e to edges, splitting && and || so each edge
// carries an atomic condition.
func (b *builder) cond(e cparse.Expr, t, f *Block) { b.condN(e, t, f, false) }

// condN builds the edges of a test; neg says the source wrote !e.
func (b *builder) condN(e cparse.Expr, t, f *Block, neg bool) {
	if b.cur == nil {
		b.cur = b.newBlock()
	}
	switch x := e.(type) {
	case *cparse.Binary:
		switch x.Op {
		case "&&":
			mid := b.newBlock()
			b.cond(x.X, mid, f)
			b.cur = mid
			b.cond(x.Y, t, f)
			return
		case "||":
			mid := b.newBlock()
			b.cond(x.X, t, mid)
			b.cur = mid
			b.cond(x.Y, t, f)
			return
		case ",":
			b.add(x.X)
			b.cond(x.Y, t, f)
			return
		}
	case *cparse.Unary:
		if x.Op == "!" && x.X != nil {
			b.condN(x.X, f, t, !neg)
			return
		}
	}
	b.add(e)
	b.cur.Succs = append(b.cur.Succs, Edge{To: t, Cond: e, Branch: true, Negated: neg}, Edge{To: f, Cond: e, Branch: false, Negated: neg})
	b.cur = nil
}

func (b *builder) stmt(s cparse.Stmt) {
	switch x := s.(type) {
	case nil:
	case *cparse.Block:
		b.scopes = append(b.scopes, nil)
		for _, st := range x.List {
			b.stmt(st)
		}
		b.closeScope()
	case *cparse.ExprStmt:
		b.add(x.X)
	case *cparse.DeclStmt:
		for _, d := range x.Decls {
			b.add(d)
			if d.Cleanup != "" && len(b.scopes) > 0 {
				b.scopes[len(b.scopes)-1] = append(b.scopes[len(b.scopes)-1], d)
			}
		}
	case *cparse.If:
		then, after := b.newBlock(), b.newBlock()
		els := after
		if x.Else != nil {
			els = b.newBlock()
		}
		b.cond(x.Cond, then, els)
		b.cur = then
		b.stmt(x.Then)
		b.jump(after)
		if x.Else != nil {
			b.cur = els
			b.stmt(x.Else)
			b.jump(after)
		}
		b.cur = after
	case *cparse.For:
		b.scopes = append(b.scopes, nil)
		if x.Init != nil {
			b.stmt(x.Init)
		}
		head, body, post, after := b.newBlock(), b.newBlock(), b.newBlock(), b.newBlock()
		b.startAt(head)
		if x.Cond != nil {
			b.cond(x.Cond, body, after)
		} else {
			b.jump(body)
		}
		b.loopBody(x.Body, body, after, post)
		b.cur = post
		if x.Post != nil {
			b.add(x.Post)
			b.sameStep(x)
		}
		b.jump(head)
		b.cur = after
		b.closeScope()
	case *cparse.While:
		head, body, after := b.newBlock(), b.newBlock(), b.newBlock()
		b.startAt(head)
		b.cond(x.Cond, body, after)
		b.loopBody(x.Body, body, after, head)
		b.cur = after
	case *cparse.DoWhile:
		body, check, after := b.newBlock(), b.newBlock(), b.newBlock()
		b.startAt(body)
		b.loopBody(x.Body, body, after, check)
		b.cur = check
		if lit, ok := x.Cond.(*cparse.BasicLit); ok && lit.Value == "0" {
			b.jump(after) // do { } while (0) from macros
		} else {
			b.cond(x.Cond, body, after)
		}
		b.cur = after
	case *cparse.Switch:
		b.add(x.Tag)
		dispatch := b.cur
		b.cur = nil
		after := b.newBlock()
		b.breaks = append(b.breaks, after)
		hasDefault := false
		var cases []*Block
		b.switchBody(x.Body, &cases, &hasDefault)
		b.jump(after)
		b.breaks = b.breaks[:len(b.breaks)-1]
		for _, c := range cases {
			dispatch.Succs = append(dispatch.Succs, Edge{To: c})
		}
		if !hasDefault {
			dispatch.Succs = append(dispatch.Succs, Edge{To: after})
		}
		b.cur = after
	case *cparse.Case:
		// a case label outside switchBody's direct view (nested in a block)
		blk := b.newBlock()
		b.startAt(blk)
		b.stmt(x.Stmt)
	case *cparse.Labeled:
		blk := b.newBlock()
		b.labels[x.Label] = blk
		b.startAt(blk)
		b.stmt(x.Stmt)
	case *cparse.Goto:
		b.add(x)
		b.cur.Jump = x
		if x.Label == "" {
			b.jump(b.g.Exit)
			return
		}
		b.gotos = append(b.gotos, pendingGoto{from: b.cur, label: x.Label})
		b.cur = nil
	case *cparse.Return:
		b.add(x)
		b.cur.Jump = x
		b.cur.ScopeEnd = b.allCleanups()
		b.jump(b.g.Exit)
	case *cparse.Break:
		if n := len(b.breaks); n > 0 {
			b.add(x)
			b.cur.Jump = x
			b.jump(b.breaks[n-1])
		}
	case *cparse.Continue:
		if n := len(b.continues); n > 0 {
			b.add(x)
			b.cur.Jump = x
			b.jump(b.continues[n-1])
		}
	case *cparse.AsmStmt:
		for _, o := range x.Operands {
			b.add(o)
		}
	case *cparse.Empty:
	}
}

// sameStep records a for loop whose step repeats the init's acquire.
func (b *builder) sameStep(x *cparse.For) {
	init, ok := x.Init.(*cparse.ExprStmt)
	if !ok {
		return
	}
	iv, ic := assignedCall(init.X)
	pv, pc := assignedCall(x.Post)
	if ic == nil || pc == nil || iv != pv || cparse.CalleeName(ic) == "" || cparse.CalleeName(ic) != cparse.CalleeName(pc) {
		return
	}
	if b.g.StepSite == nil {
		b.g.StepSite = map[token.Pos]token.Pos{}
	}
	b.g.StepSite[pc.Pos()] = ic.Pos()
}

// assignedCall splits "v = f(...)" into the variable and the call.
func assignedCall(x cparse.Expr) (string, *cparse.Call) {
	as, ok := cparse.Unparen(x).(*cparse.Assign)
	if !ok || as.Op != "=" {
		return "", nil
	}
	id, ok := cparse.Unparen(as.L).(*cparse.Ident)
	if !ok {
		return "", nil
	}
	c, ok := cparse.Unparen(as.R).(*cparse.Call)
	if !ok {
		return "", nil
	}
	return id.Name, c
}

func (b *builder) loopBody(body cparse.Stmt, start, brk, cont *Block) {
	cont.LoopStep = true
	b.breaks = append(b.breaks, brk)
	b.continues = append(b.continues, cont)
	b.cur = start
	b.stmt(body)
	b.jump(cont)
	b.breaks = b.breaks[:len(b.breaks)-1]
	b.continues = b.continues[:len(b.continues)-1]
}

// switchBody gives each case label of the switch its own block.
func (b *builder) switchBody(s cparse.Stmt, cases *[]*Block, hasDefault *bool) {
	switch x := s.(type) {
	case *cparse.Block:
		for _, st := range x.List {
			b.switchBody(st, cases, hasDefault)
		}
	case *cparse.Case:
		blk := b.newBlock()
		*cases = append(*cases, blk)
		if x.Default {
			*hasDefault = true
		}
		b.startAt(blk)
		b.switchBody(x.Stmt, cases, hasDefault)
	default:
		b.stmt(s)
	}
}

func (b *builder) closeScope() {
	n := len(b.scopes)
	if n == 0 {
		return
	}
	vars := b.scopes[n-1]
	b.scopes = b.scopes[:n-1]
	if len(vars) > 0 {
		if b.cur == nil {
			b.cur = b.newBlock()
		}
		b.cur.ScopeEnd = append(b.cur.ScopeEnd, vars...)
		next := b.newBlock()
		b.startAt(next)
	}
}

func (b *builder) allCleanups() []*cparse.VarDecl {
	var out []*cparse.VarDecl
	for i := len(b.scopes) - 1; i >= 0; i-- {
		out = append(out, b.scopes[i]...)
	}
	return out
}

// Pos returns a printable position for a block's end.
func (blk *Block) Pos() token.Pos {
	if blk.Jump != nil {
		return blk.Jump.Pos()
	}
	if n := len(blk.Nodes); n > 0 {
		return blk.Nodes[n-1].Pos()
	}
	return token.NoPos
}
