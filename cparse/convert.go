package cparse

import (
	"bytes"
	"go/token"
	"strings"

	cc "github.com/pcslint/pcslint/third_party/cc"
	mtoken "modernc.org/token"
)

// converter turns cc/v4's grammar tree into the small AST of ast.go.
type converter struct {
	mainName string // file name as cc reports it for the main file
	tf       *token.File
	src      []byte
	file     *File
	// fixCols: columns come from gcc -E output, where macro expansions
	// shift them; tokens are placed by matching their text in the line.
	fixCols bool
}

// pos maps a cc position to a token.Pos in the main file; positions in
// other files (headers) have no place in it and become NoPos.
func (c *converter) pos(p mtoken.Position) token.Pos {
	if p.Filename != c.mainName || p.Line < 1 || p.Line > c.tf.LineCount() {
		return token.NoPos
	}
	start := c.tf.LineStart(p.Line)
	off := c.tf.Offset(start) + p.Column - 1
	if off > c.tf.Size() {
		off = c.tf.Size()
	}
	return c.tf.Pos(off)
}

func (c *converter) tok(t cc.Token) token.Pos {
	p := t.Position()
	if !c.fixCols || p.Filename != c.mainName || p.Line < 1 || p.Line > c.tf.LineCount() {
		return c.pos(p)
	}
	start := c.tf.Offset(c.tf.LineStart(p.Line))
	end := len(c.src)
	if p.Line < c.tf.LineCount() {
		end = c.tf.Offset(c.tf.LineStart(p.Line + 1))
	}
	line := c.src[start:end]
	text := t.Src()
	best, bestDist := -1, 1<<30
	if len(text) > 0 {
		for i := 0; i+len(text) <= len(line); {
			j := bytes.Index(line[i:], text)
			if j < 0 {
				break
			}
			col := i + j
			d := col - (p.Column - 1)
			if d < 0 {
				d = -d
			}
			if d < bestDist {
				best, bestDist = col, d
			}
			i = col + 1
		}
	}
	if best < 0 {
		// text from a macro expansion: the line's first non-blank column
		best = len(line) - len(bytes.TrimLeft(line, " \t"))
	}
	return c.tf.Pos(start + best)
}

func (c *converter) inMain(n cc.Node) bool {
	return n != nil && n.Position().Filename == c.mainName
}

// translationUnit collects the main file's functions and globals and the
// unit-wide struct, typedef and prototype tables.
func (c *converter) translationUnit(tu *cc.TranslationUnit) {
	for ; tu != nil; tu = tu.TranslationUnit {
		ed := tu.ExternalDeclaration
		if ed == nil {
			continue
		}
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			fd := ed.FunctionDefinition
			c.collectTypes(fd.DeclarationSpecifiers)
			name := fd.Declarator.Name()
			result, _ := c.declType(fd.DeclarationSpecifiers, fd.Declarator)
			if result != nil {
				r := *result
				r.Func = false
				c.file.Protos[name] = &r
			}
			if c.inMain(fd.Declarator) {
				c.file.Funcs = append(c.file.Funcs, c.funcDef(fd))
			}
		case cc.ExternalDeclarationDecl:
			c.declaration(ed.Declaration, true)
		}
	}
}

func (c *converter) funcDef(fd *cc.FunctionDefinition) *Func {
	f := &Func{
		Name:    fd.Declarator.Name(),
		NamePos: c.tok(fd.Declarator.NameTok()),
		Static:  hasStorage(fd.DeclarationSpecifiers, cc.StorageClassSpecifierStatic),
		Start:   c.pos(fd.DeclarationSpecifiers.Position()),
	}
	if f.Start == token.NoPos {
		f.Start = f.NamePos
	}
	f.Result, _ = c.declType(fd.DeclarationSpecifiers, fd.Declarator)
	if f.Result != nil {
		f.Result.Func = false
	}
	if ptl := funcParams(fd.Declarator.DirectDeclarator); ptl != nil {
		for pl := ptl.ParameterList; pl != nil; pl = pl.ParameterList {
			pd := pl.ParameterDeclaration
			if pd == nil || pd.Declarator == nil {
				continue
			}
			t, _ := c.declType(pd.DeclarationSpecifiers, pd.Declarator)
			f.Params = append(f.Params, &VarDecl{Name: pd.Declarator.Name(), NamePos: c.tok(pd.Declarator.NameTok()), Type: t})
		}
	}
	f.Body = c.compound(fd.CompoundStatement)
	f.End = f.Body.Rbrace
	return f
}

// funcParams finds the parameter list of a function declarator.
func funcParams(dd *cc.DirectDeclarator) *cc.ParameterTypeList {
	for dd != nil {
		switch dd.Case {
		case cc.DirectDeclaratorFuncParam:
			if dd.DirectDeclarator != nil && dd.DirectDeclarator.Case == cc.DirectDeclaratorIdent {
				return dd.ParameterTypeList
			}
			dd = dd.DirectDeclarator
		case cc.DirectDeclaratorDecl:
			if dd.Declarator == nil {
				return nil
			}
			dd = dd.Declarator.DirectDeclarator
		case cc.DirectDeclaratorIdent:
			return nil
		default:
			dd = dd.DirectDeclarator
		}
	}
	return nil
}

func hasStorage(ds *cc.DeclarationSpecifiers, k cc.StorageClassSpecifierCase) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.Case == cc.DeclarationSpecifiersStorage && ds.StorageClassSpecifier != nil && ds.StorageClassSpecifier.Case == k {
			return true
		}
	}
	return false
}

// declaration handles a declaration at file scope (global) or in a block;
// it returns the declared objects (typedefs excluded).
func (c *converter) declaration(d *cc.Declaration, global bool) []*VarDecl {
	if d == nil || d.Case != cc.DeclarationDecl {
		if d != nil && d.Case == cc.DeclarationAuto && d.Declarator != nil {
			v := &VarDecl{Name: d.Declarator.Name(), NamePos: c.tok(d.Declarator.NameTok()), Type: &Type{Name: "__auto_type"}}
			v.Init = c.initializer(d.Initializer)
			return []*VarDecl{v}
		}
		return nil
	}
	c.collectTypes(d.DeclarationSpecifiers)
	typedef := hasStorage(d.DeclarationSpecifiers, cc.StorageClassSpecifierTypedef)
	static := hasStorage(d.DeclarationSpecifiers, cc.StorageClassSpecifierStatic)
	extern := hasStorage(d.DeclarationSpecifiers, cc.StorageClassSpecifierExtern)
	var out []*VarDecl
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		if id == nil || id.Declarator == nil {
			continue
		}
		t, _ := c.declType(d.DeclarationSpecifiers, id.Declarator)
		name := id.Declarator.Name()
		if typedef {
			c.file.Typedefs[name] = t
			continue
		}
		if t != nil && t.Func && t.Ptr == 0 {
			r := *t
			r.Func = false
			c.file.Protos[name] = &r
			if c.file.ProtoFiles != nil {
				c.file.ProtoFiles[name] = id.Declarator.Position().Filename
			}
			continue
		}
		if global && !c.inMain(id.Declarator) {
			continue
		}
		v := &VarDecl{Name: name, NamePos: c.tok(id.Declarator.NameTok()), Type: t, Static: static, Extern: extern}
		v.Cleanup = cleanupFunc(id)
		if id.Case == cc.InitDeclaratorInit {
			v.Init = c.initializer(id.Initializer)
		}
		out = append(out, v)
	}
	if global {
		c.file.Globals = append(c.file.Globals, out...)
	}
	return out
}

// cleanupFunc finds __attribute__((cleanup(f))) on a declarator (the
// kernel's __free() and guard() expand to it).
func cleanupFunc(id *cc.InitDeclarator) string {
	var toks []cc.Token
	if id.AttributeSpecifierList != nil {
		toks = append(toks, cc.NodeTokens(id.AttributeSpecifierList)...)
	}
	toks = append(toks, cc.NodeTokens(id.Declarator)...)
	for i := 0; i+2 < len(toks); i++ {
		s := toks[i].SrcStr()
		if (s == "cleanup" || s == "__cleanup__") && toks[i+1].SrcStr() == "(" {
			return toks[i+2].SrcStr()
		}
	}
	return ""
}

// declType builds the type of a declarator from its specifiers.
func (c *converter) declType(ds *cc.DeclarationSpecifiers, d *cc.Declarator) (*Type, string) {
	t := &Type{}
	for l := ds; l != nil; l = l.DeclarationSpecifiers {
		switch l.Case {
		case cc.DeclarationSpecifiersTypeSpec:
			c.typeSpec(t, l.TypeSpecifier)
		case cc.DeclarationSpecifiersTypeQual:
			if l.TypeQualifier != nil && l.TypeQualifier.Case == cc.TypeQualifierConst {
				t.Const = true
			}
		}
	}
	if t.Name == "" {
		t.Name = "int"
	}
	if d != nil {
		c.applyDeclarator(t, d.Pointer, d.DirectDeclarator)
	}
	return t, ""
}

func (c *converter) typeSpec(t *Type, ts *cc.TypeSpecifier) {
	if ts == nil {
		return
	}
	switch ts.Case {
	case cc.TypeSpecifierStructOrUnion:
		s := ts.StructOrUnionSpecifier
		kw := "struct"
		if s.StructOrUnion != nil && s.StructOrUnion.Case == cc.StructOrUnionUnion {
			kw = "union"
		}
		t.Name = kw + " " + s.Token.SrcStr()
		c.structDef(t.Name, s)
	case cc.TypeSpecifierEnum:
		t.Name = "enum " + ts.EnumSpecifier.Token2.SrcStr()
	case cc.TypeSpecifierTypeName:
		t.Name = ts.Token.SrcStr()
		if td, ok := c.file.Typedefs[t.Name]; ok && td != nil && strings.HasPrefix(td.Name, "struct ") && td.Ptr == 0 {
			t.Name = td.Name
		}
	case cc.TypeSpecifierTypeofExpr, cc.TypeSpecifierTypeofType:
		t.Name = "typeof"
	default:
		if t.Name == "" || t.Name == "int" {
			t.Name = ts.Token.SrcStr()
		} else {
			t.Name += " " + ts.Token.SrcStr()
		}
	}
}

func (c *converter) applyDeclarator(t *Type, p *cc.Pointer, dd *cc.DirectDeclarator) {
	for ; p != nil; p = p.Pointer {
		if p.Case != cc.PointerBlock {
			t.Ptr++
		}
	}
	for dd != nil {
		switch dd.Case {
		case cc.DirectDeclaratorIdent:
			return
		case cc.DirectDeclaratorDecl:
			if dd.Declarator != nil {
				c.applyDeclarator(t, dd.Declarator.Pointer, dd.Declarator.DirectDeclarator)
			}
			return
		case cc.DirectDeclaratorFuncParam, cc.DirectDeclaratorFuncIdent:
			t.Func = true
		default:
			t.Array = true
		}
		dd = dd.DirectDeclarator
	}
}

// typeName converts a type name (casts, sizeof, compound literals).
func (c *converter) typeName(tn *cc.TypeName) *Type {
	t := &Type{}
	if tn == nil {
		return t
	}
	for l := tn.SpecifierQualifierList; l != nil; l = l.SpecifierQualifierList {
		if l.Case == cc.SpecifierQualifierListTypeSpec {
			c.typeSpec(t, l.TypeSpecifier)
		}
	}
	if t.Name == "" {
		t.Name = "int"
	}
	for ad := tn.AbstractDeclarator; ad != nil; {
		for p := ad.Pointer; p != nil; p = p.Pointer {
			t.Ptr++
		}
		dad := ad.DirectAbstractDeclarator
		if dad == nil {
			break
		}
		if dad.Case == cc.DirectAbstractDeclaratorFunc {
			t.Func = true
		}
		ad = dad.AbstractDeclarator
	}
	return t
}

// structDef records the fields of a struct or union definition.
func (c *converter) structDef(name string, s *cc.StructOrUnionSpecifier) {
	if s.Case != cc.StructOrUnionSpecifierDef {
		return
	}
	fields := c.file.Structs[name]
	if fields == nil {
		fields = map[string]*Type{}
		if s.Token.SrcStr() != "" {
			c.file.Structs[name] = fields
		}
	}
	for l := s.StructDeclarationList; l != nil; l = l.StructDeclarationList {
		sd := l.StructDeclaration
		if sd == nil || sd.Case != cc.StructDeclarationDecl {
			continue
		}
		base := &Type{}
		for q := sd.SpecifierQualifierList; q != nil; q = q.SpecifierQualifierList {
			if q.Case == cc.SpecifierQualifierListTypeSpec {
				c.typeSpec(base, q.TypeSpecifier)
			}
		}
		for dl := sd.StructDeclaratorList; dl != nil; dl = dl.StructDeclaratorList {
			if dl.StructDeclarator == nil || dl.StructDeclarator.Declarator == nil {
				continue
			}
			d := dl.StructDeclarator.Declarator
			ft := *base
			c.applyDeclarator(&ft, d.Pointer, d.DirectDeclarator)
			fields[d.Name()] = &ft
		}
		if sd.StructDeclaratorList == nil && base.Name != "" {
			// anonymous struct/union member: its fields are reachable directly
			if inner, ok := c.file.Structs[base.Name]; ok {
				for k, v := range inner {
					fields[k] = v
				}
			}
		}
	}
}

func (c *converter) collectTypes(ds *cc.DeclarationSpecifiers) {
	for l := ds; l != nil; l = l.DeclarationSpecifiers {
		if l.Case == cc.DeclarationSpecifiersTypeSpec && l.TypeSpecifier != nil && l.TypeSpecifier.Case == cc.TypeSpecifierStructOrUnion {
			var t Type
			c.typeSpec(&t, l.TypeSpecifier)
		}
	}
}

func (c *converter) initializer(in *cc.Initializer) Expr {
	if in == nil {
		return nil
	}
	if in.Case == cc.InitializerExpr {
		return c.expr(in.AssignmentExpression)
	}
	return c.initList(c.tok(in.Token), nil, in.InitializerList)
}

func (c *converter) initList(at token.Pos, t *Type, l *cc.InitializerList) *InitList {
	il := &InitList{Lbrace: at, Type: t}
	for ; l != nil; l = l.InitializerList {
		e := &InitElt{Value: c.initializer(l.Initializer)}
		if l.Designation != nil {
			for dl := l.Designation.DesignatorList; dl != nil; dl = dl.DesignatorList {
				d := dl.Designator
				switch d.Case {
				case cc.DesignatorField:
					e.Field = append(e.Field, d.Token2.SrcStr())
				case cc.DesignatorField2:
					e.Field = append(e.Field, d.Token.SrcStr())
				default:
					e.Field = append(e.Field, "[]")
				}
			}
		}
		il.Elts = append(il.Elts, e)
	}
	return il
}

// Statements.

func (c *converter) compound(cs *cc.CompoundStatement) *Block {
	b := &Block{Lbrace: c.tok(cs.Token), Rbrace: c.tok(cs.Token2)}
	for l := cs.BlockItemList; l != nil; l = l.BlockItemList {
		bi := l.BlockItem
		if bi == nil {
			continue
		}
		switch bi.Case {
		case cc.BlockItemDecl:
			decls := c.declaration(bi.Declaration, false)
			if len(decls) == 1 && decls[0].Name == "__func__" {
				continue // cc/v4 declares __func__ in every function body
			}
			if len(decls) > 0 {
				b.List = append(b.List, &DeclStmt{At: c.pos(bi.Declaration.Position()), Decls: decls})
			}
		case cc.BlockItemStmt:
			b.List = append(b.List, c.stmt(bi.Statement))
		case cc.BlockItemFuncDef:
			// nested function (GNU): not analyzed
		}
	}
	return b
}

func (c *converter) stmt(s *cc.Statement) Stmt {
	if s == nil {
		return &Empty{}
	}
	switch s.Case {
	case cc.StatementLabeled:
		ls := s.LabeledStatement
		at := c.tok(ls.Token)
		inner := c.stmt(ls.Statement)
		switch ls.Case {
		case cc.LabeledStatementLabel:
			return &Labeled{At: at, Label: ls.Token.SrcStr(), Stmt: inner}
		case cc.LabeledStatementDefault:
			return &Case{At: at, Default: true, Stmt: inner}
		default:
			vals := []Expr{c.expr(ls.ConstantExpression)}
			if ls.ConstantExpression2 != nil {
				vals = append(vals, c.expr(ls.ConstantExpression2))
			}
			return &Case{At: at, Values: vals, Stmt: inner}
		}
	case cc.StatementCompound:
		return c.compound(s.CompoundStatement)
	case cc.StatementExpr:
		es := s.ExpressionStatement
		if es.ExpressionList == nil {
			return &Empty{At: c.tok(es.Token)}
		}
		return &ExprStmt{X: c.expr(es.ExpressionList)}
	case cc.StatementSelection:
		ss := s.SelectionStatement
		switch ss.Case {
		case cc.SelectionStatementSwitch:
			return &Switch{Switch: c.tok(ss.Token), Tag: c.expr(ss.ExpressionList), Body: c.stmt(ss.Statement)}
		default:
			n := &If{If: c.tok(ss.Token), Cond: c.expr(ss.ExpressionList), Then: c.stmt(ss.Statement)}
			if ss.Case == cc.SelectionStatementIfElse {
				n.Else = c.stmt(ss.Statement2)
			}
			return n
		}
	case cc.StatementIteration:
		is := s.IterationStatement
		at := c.tok(is.Token)
		switch is.Case {
		case cc.IterationStatementWhile:
			return &While{While: at, Cond: c.expr(is.ExpressionList), Body: c.stmt(is.Statement)}
		case cc.IterationStatementDo:
			return &DoWhile{Do: at, Body: c.stmt(is.Statement), Cond: c.expr(is.ExpressionList)}
		case cc.IterationStatementFor:
			f := &For{For: at, Cond: c.exprOrNil(is.ExpressionList2), Post: c.exprOrNil(is.ExpressionList3), Body: c.stmt(is.Statement)}
			if is.ExpressionList != nil {
				f.Init = &ExprStmt{X: c.expr(is.ExpressionList)}
			}
			return f
		default: // for with a declaration
			f := &For{For: at, Cond: c.exprOrNil(is.ExpressionList), Post: c.exprOrNil(is.ExpressionList2), Body: c.stmt(is.Statement)}
			if decls := c.declaration(is.Declaration, false); len(decls) > 0 {
				f.Init = &DeclStmt{At: at, Decls: decls}
			}
			return f
		}
	case cc.StatementJump:
		js := s.JumpStatement
		at := c.tok(js.Token)
		switch js.Case {
		case cc.JumpStatementGoto:
			return &Goto{At: at, Label: js.Token2.SrcStr()}
		case cc.JumpStatementGotoExpr:
			return &Goto{At: at}
		case cc.JumpStatementContinue:
			return &Continue{At: at}
		case cc.JumpStatementBreak:
			return &Break{At: at}
		default:
			return &Return{At: at, Result: c.exprOrNil(js.ExpressionList)}
		}
	case cc.StatementAsm:
		return c.asm(s.AsmStatement)
	}
	return &Empty{}
}

func (c *converter) asm(as *cc.AsmStatement) Stmt {
	a := &AsmStmt{At: c.tok(as.Token)}
	if as.Asm == nil {
		return a
	}
	a.At = c.tok(as.Asm.Token)
	for al := as.Asm.AsmArgList; al != nil; al = al.AsmArgList {
		for el := al.AsmExpressionList; el != nil; el = el.AsmExpressionList {
			if el.AssignmentExpression != nil {
				a.Operands = append(a.Operands, c.expr(el.AssignmentExpression))
			}
		}
	}
	return a
}

// Expressions.

func (c *converter) exprOrNil(n cc.ExpressionNode) Expr {
	if n == nil {
		return nil
	}
	return c.expr(n)
}

func (c *converter) binary(x cc.ExpressionNode, op cc.Token, y cc.ExpressionNode) Expr {
	return &Binary{X: c.expr(x), OpPos: c.tok(op), Op: op.SrcStr(), Y: c.expr(y)}
}

func (c *converter) expr(n cc.ExpressionNode) Expr {
	switch x := n.(type) {
	case nil:
		return &Opaque{What: "empty"}
	case *cc.ExpressionList:
		if x.ExpressionList == nil {
			return c.expr(x.AssignmentExpression)
		}
		// cc lists are right-recursive: a, b, c
		return &Binary{X: c.expr(x.AssignmentExpression), OpPos: c.tok(x.Token), Op: ",", Y: c.expr(x.ExpressionList)}
	case *cc.AssignmentExpression:
		if x.Case == cc.AssignmentExpressionCond {
			return c.expr(x.ConditionalExpression)
		}
		return &Assign{L: c.expr(x.UnaryExpression), OpPos: c.tok(x.Token), Op: x.Token.SrcStr(), R: c.expr(x.AssignmentExpression)}
	case *cc.ConditionalExpression:
		if x.Case == cc.ConditionalExpressionLOr {
			return c.expr(x.LogicalOrExpression)
		}
		cond := c.expr(x.LogicalOrExpression)
		var t Expr
		if x.ExpressionList != nil {
			t = c.expr(x.ExpressionList)
		} else {
			t = cond // GNU a ?: b
		}
		return &Cond{C: cond, T: t, F: c.expr(x.ConditionalExpression)}
	case *cc.ConstantExpression:
		return c.expr(x.ConditionalExpression)
	case *cc.LogicalOrExpression:
		if x.Case == cc.LogicalOrExpressionLAnd {
			return c.expr(x.LogicalAndExpression)
		}
		return c.binary(x.LogicalOrExpression, x.Token, x.LogicalAndExpression)
	case *cc.LogicalAndExpression:
		if x.Case == cc.LogicalAndExpressionOr {
			return c.expr(x.InclusiveOrExpression)
		}
		return c.binary(x.LogicalAndExpression, x.Token, x.InclusiveOrExpression)
	case *cc.InclusiveOrExpression:
		if x.Case == cc.InclusiveOrExpressionXor {
			return c.expr(x.ExclusiveOrExpression)
		}
		return c.binary(x.InclusiveOrExpression, x.Token, x.ExclusiveOrExpression)
	case *cc.ExclusiveOrExpression:
		if x.Case == cc.ExclusiveOrExpressionAnd {
			return c.expr(x.AndExpression)
		}
		return c.binary(x.ExclusiveOrExpression, x.Token, x.AndExpression)
	case *cc.AndExpression:
		if x.Case == cc.AndExpressionEq {
			return c.expr(x.EqualityExpression)
		}
		return c.binary(x.AndExpression, x.Token, x.EqualityExpression)
	case *cc.EqualityExpression:
		if x.Case == cc.EqualityExpressionRel {
			return c.expr(x.RelationalExpression)
		}
		return c.binary(x.EqualityExpression, x.Token, x.RelationalExpression)
	case *cc.RelationalExpression:
		if x.Case == cc.RelationalExpressionShift {
			return c.expr(x.ShiftExpression)
		}
		return c.binary(x.RelationalExpression, x.Token, x.ShiftExpression)
	case *cc.ShiftExpression:
		if x.Case == cc.ShiftExpressionAdd {
			return c.expr(x.AdditiveExpression)
		}
		return c.binary(x.ShiftExpression, x.Token, x.AdditiveExpression)
	case *cc.AdditiveExpression:
		if x.Case == cc.AdditiveExpressionMul {
			return c.expr(x.MultiplicativeExpression)
		}
		return c.binary(x.AdditiveExpression, x.Token, x.MultiplicativeExpression)
	case *cc.MultiplicativeExpression:
		if x.Case == cc.MultiplicativeExpressionCast {
			return c.expr(x.CastExpression)
		}
		return c.binary(x.MultiplicativeExpression, x.Token, x.CastExpression)
	case *cc.CastExpression:
		if x.Case == cc.CastExpressionUnary {
			return c.expr(x.UnaryExpression)
		}
		return &Cast{Lparen: c.tok(x.Token), Type: c.typeName(x.TypeName), X: c.expr(x.CastExpression)}
	case *cc.UnaryExpression:
		return c.unary(x)
	case *cc.PostfixExpression:
		return c.postfix(x)
	case *cc.PrimaryExpression:
		return c.primary(x)
	}
	return &Opaque{At: c.pos(n.Position()), What: "expr"}
}

func (c *converter) unary(x *cc.UnaryExpression) Expr {
	at := c.tok(x.Token)
	switch x.Case {
	case cc.UnaryExpressionPostfix:
		return c.expr(x.PostfixExpression)
	case cc.UnaryExpressionInc, cc.UnaryExpressionDec:
		return &Unary{OpPos: at, Op: x.Token.SrcStr(), X: c.expr(x.UnaryExpression)}
	case cc.UnaryExpressionSizeofExpr, cc.UnaryExpressionAlignofExpr:
		return &Unary{OpPos: at, Op: "sizeof", X: c.expr(x.UnaryExpression)}
	case cc.UnaryExpressionSizeofType, cc.UnaryExpressionAlignofType:
		return &Unary{OpPos: at, Op: "sizeof"}
	case cc.UnaryExpressionLabelAddr:
		return &Opaque{At: at, What: "&&label"}
	case cc.UnaryExpressionImag, cc.UnaryExpressionReal:
		return &Unary{OpPos: at, Op: "+", X: c.expr(x.UnaryExpression)}
	default:
		return &Unary{OpPos: at, Op: x.Token.SrcStr(), X: c.expr(x.CastExpression)}
	}
}

func (c *converter) postfix(x *cc.PostfixExpression) Expr {
	switch x.Case {
	case cc.PostfixExpressionPrimary:
		return c.expr(x.PrimaryExpression)
	case cc.PostfixExpressionIndex:
		return &Index{X: c.expr(x.PostfixExpression), Index: c.expr(x.ExpressionList)}
	case cc.PostfixExpressionCall:
		call := &Call{Fun: c.expr(x.PostfixExpression), Lparen: c.tok(x.Token), Rparen: c.tok(x.Token2)}
		for l := x.ArgumentExpressionList; l != nil; l = l.ArgumentExpressionList {
			call.Args = append(call.Args, c.expr(l.AssignmentExpression))
		}
		return call
	case cc.PostfixExpressionSelect, cc.PostfixExpressionPSelect:
		return &Member{X: c.expr(x.PostfixExpression), Arrow: x.Case == cc.PostfixExpressionPSelect, Name: x.Token2.SrcStr(), NamePos: c.tok(x.Token2)}
	case cc.PostfixExpressionInc, cc.PostfixExpressionDec:
		return &Unary{OpPos: c.tok(x.Token), Op: x.Token.SrcStr(), X: c.expr(x.PostfixExpression), Postfix: true}
	case cc.PostfixExpressionComplit:
		return c.initList(c.tok(x.Token), c.typeName(x.TypeName), x.InitializerList)
	}
	return &Opaque{At: c.pos(x.Position()), What: "postfix"}
}

func (c *converter) primary(x *cc.PrimaryExpression) Expr {
	at := c.tok(x.Token)
	switch x.Case {
	case cc.PrimaryExpressionIdent:
		return &Ident{NamePos: at, Name: x.Token.SrcStr()}
	case cc.PrimaryExpressionInt:
		return &BasicLit{ValuePos: at, Kind: IntLit, Value: x.Token.SrcStr()}
	case cc.PrimaryExpressionFloat:
		return &BasicLit{ValuePos: at, Kind: FloatLit, Value: x.Token.SrcStr()}
	case cc.PrimaryExpressionChar, cc.PrimaryExpressionLChar:
		return &BasicLit{ValuePos: at, Kind: CharLit, Value: x.Token.SrcStr()}
	case cc.PrimaryExpressionString, cc.PrimaryExpressionLString:
		return &BasicLit{ValuePos: at, Kind: StringLit, Value: x.Token.SrcStr()}
	case cc.PrimaryExpressionExpr:
		return c.expr(x.ExpressionList)
	case cc.PrimaryExpressionStmt:
		return &StmtExpr{Body: c.compound(x.CompoundStatement)}
	case cc.PrimaryExpressionGeneric:
		return c.generic(x.GenericSelection, at)
	}
	return &Opaque{At: at, What: "primary"}
}

// generic reduces _Generic to one association: the default one, else the
// first. The kernel's container_of_const() and to_*() helpers are _Generic
// over the same expression, so any branch shows what flows through.
func (c *converter) generic(g *cc.GenericSelection, at token.Pos) Expr {
	if g == nil {
		return &Opaque{At: at, What: "generic"}
	}
	var first cc.ExpressionNode
	for l := g.GenericAssociationList; l != nil; l = l.GenericAssociationList {
		a := l.GenericAssociation
		if a == nil {
			continue
		}
		if a.Case == cc.GenericAssociationDefault {
			return c.expr(a.AssignmentExpression)
		}
		if first == nil {
			first = a.AssignmentExpression
		}
	}
	if first != nil {
		return c.expr(first)
	}
	return &Opaque{At: at, What: "generic"}
}
