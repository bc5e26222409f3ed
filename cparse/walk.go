package cparse

// Inspect walks the tree rooted at n in depth-first order, calling f for each
// node; when f returns false the node's children are skipped. Nested
// statement expressions are walked too.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch x := n.(type) {
	case *Call:
		Inspect(x.Fun, f)
		for _, a := range x.Args {
			Inspect(a, f)
		}
	case *Member:
		Inspect(x.X, f)
	case *Index:
		Inspect(x.X, f)
		Inspect(x.Index, f)
	case *Unary:
		if x.X != nil {
			Inspect(x.X, f)
		}
	case *Binary:
		Inspect(x.X, f)
		Inspect(x.Y, f)
	case *Assign:
		Inspect(x.L, f)
		Inspect(x.R, f)
	case *Cond:
		Inspect(x.C, f)
		if x.T != x.C {
			Inspect(x.T, f)
		}
		Inspect(x.F, f)
	case *Cast:
		Inspect(x.X, f)
	case *StmtExpr:
		Inspect(x.Body, f)
	case *InitList:
		for _, e := range x.Elts {
			if e.Value != nil {
				Inspect(e.Value, f)
			}
		}
	case *Block:
		for _, s := range x.List {
			Inspect(s, f)
		}
	case *ExprStmt:
		Inspect(x.X, f)
	case *DeclStmt:
		for _, d := range x.Decls {
			Inspect(d, f)
		}
	case *VarDecl:
		if x.Init != nil {
			Inspect(x.Init, f)
		}
	case *If:
		Inspect(x.Cond, f)
		Inspect(x.Then, f)
		if x.Else != nil {
			Inspect(x.Else, f)
		}
	case *For:
		if x.Init != nil {
			Inspect(x.Init, f)
		}
		if x.Cond != nil {
			Inspect(x.Cond, f)
		}
		if x.Post != nil {
			Inspect(x.Post, f)
		}
		Inspect(x.Body, f)
	case *While:
		Inspect(x.Cond, f)
		Inspect(x.Body, f)
	case *DoWhile:
		Inspect(x.Body, f)
		Inspect(x.Cond, f)
	case *Switch:
		Inspect(x.Tag, f)
		Inspect(x.Body, f)
	case *Case:
		for _, v := range x.Values {
			Inspect(v, f)
		}
		Inspect(x.Stmt, f)
	case *Labeled:
		Inspect(x.Stmt, f)
	case *Return:
		if x.Result != nil {
			Inspect(x.Result, f)
		}
	case *AsmStmt:
		for _, o := range x.Operands {
			Inspect(o, f)
		}
	}
}
