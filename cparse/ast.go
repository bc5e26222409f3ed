package cparse

import (
	"go/token"
	"sync"
)

// The syntax tree the rules see: a small C AST built from cc/v4's grammar
// tree. Macro-expanded code carries the position of the macro call site.

// Node is any syntax node.
type Node interface{ Pos() token.Pos }

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Type is a declared C type, reduced to what the rules ask about.
type Type struct {
	Name  string // "struct device", "int", a typedef name
	Ptr   int    // levels of pointer indirection
	Array bool
	Func  bool // function or pointer to function
	Const bool
}

// IsPtrTo reports whether t is exactly one pointer to a type named name.
func (t *Type) IsPtrTo(name string) bool { return t != nil && t.Ptr == 1 && t.Name == name }

func (t *Type) String() string {
	if t == nil {
		return "?"
	}
	s := t.Name
	for i := 0; i < t.Ptr; i++ {
		s += " *"
	}
	if t.Array {
		s += "[]"
	}
	return s
}

// File is one analyzed translation unit, reduced to the main file's
// functions and globals plus the unit's struct and typedef tables.
type File struct {
	Path     string // relative to the tree root, slash separated
	AbsPath  string
	Src      []byte
	TokFile  *token.File
	Funcs    []*Func
	Globals  []*VarDecl
	Structs  map[string]map[string]*Type // "struct foo" -> field -> type
	Typedefs map[string]*Type
	// Protos are return types of every function declared in the unit
	// (headers included), for type resolution of call results.
	Protos map[string]*Type
	// ProtoFiles: the file that declares each function the unit declares
	// without defining it (a driver's own header, or the kernel's).
	ProtoFiles map[string]string
	// Skipped: the unit names nothing the rules look at, so it was not
	// parsed (Parser.Interesting); Idents are its main file's identifiers.
	Skipped bool
	Idents  []string
	// Degraded lists what was stubbed to parse a unit that cannot build
	// for the configured architecture ("missing <asm/mpc52xx.h> stubbed
	// ..."); empty for a normal parse (degraded.go).
	Degraded []string

	definedOnce sync.Once
	defined     map[string]*Func
}

// Defined returns the function of the main file named name that has a
// body, or nil. The index is built once per file: rules ask it for every
// call they evaluate.
func (f *File) Defined(name string) *Func {
	if f == nil {
		return nil
	}
	return f.DefinedFuncs()[name]
}

// DefinedFuncs indexes the main file's functions that have a body by
// name. The map is shared: callers must not change it.
func (f *File) DefinedFuncs() map[string]*Func {
	f.definedOnce.Do(func() {
		f.defined = make(map[string]*Func, len(f.Funcs))
		for _, fn := range f.Funcs {
			if fn.Body != nil {
				f.defined[fn.Name] = fn
			}
		}
	})
	return f.defined
}

// Func is a function defined in the main file.
type Func struct {
	Name    string
	NamePos token.Pos
	Params  []*VarDecl
	Result  *Type
	Body    *Block
	Static  bool
	Start   token.Pos
	End     token.Pos
}

// VarDecl declares one object: a local, a parameter or a global.
type VarDecl struct {
	Name    string
	NamePos token.Pos
	Type    *Type
	Init    Expr // nil when absent
	Static  bool
	Extern  bool
	Cleanup string // __attribute__((cleanup(f))): f runs at scope exit
}

func (d *VarDecl) Pos() token.Pos { return d.NamePos }

// Expressions.
type (
	Ident struct {
		NamePos token.Pos
		Name    string
	}
	BasicLit struct {
		ValuePos token.Pos
		Kind     LitKind
		Value    string
	}
	Call struct {
		Fun    Expr
		Lparen token.Pos
		Args   []Expr
		Rparen token.Pos
	}
	// Member is X.Name or X->Name.
	Member struct {
		X       Expr
		Arrow   bool
		Name    string
		NamePos token.Pos
	}
	Index struct {
		X, Index Expr
	}
	// Unary covers prefix and postfix operators, sizeof and alignof.
	Unary struct {
		OpPos   token.Pos
		Op      string // "&", "*", "-", "+", "!", "~", "++", "--", "sizeof"
		X       Expr   // nil for sizeof(type)
		Postfix bool
	}
	// Binary covers arithmetic, comparison, &&, || and the comma operator.
	Binary struct {
		X     Expr
		OpPos token.Pos
		Op    string
		Y     Expr
	}
	Assign struct {
		L     Expr
		OpPos token.Pos
		Op    string // "=", "+=", ...
		R     Expr
	}
	Cond struct {
		C, T, F Expr
	}
	Cast struct {
		Lparen token.Pos
		Type   *Type
		X      Expr
	}
	// StmtExpr is a GNU statement expression ({ ... }); its value is the
	// last expression statement of Body.
	StmtExpr struct {
		Body *Block
	}
	// InitList is a brace initializer or a compound literal.
	InitList struct {
		Lbrace token.Pos
		Type   *Type // compound literal type, nil for a plain initializer
		Elts   []*InitElt
	}
	// Opaque stands for what the rules never look into (_Generic,
	// __builtin_offsetof, type names); it keeps a position.
	Opaque struct {
		At   token.Pos
		What string
	}
)

// InitElt is one element of an initializer list: Field is the designator
// path (".probe", ".driver.name"), empty when positional.
type InitElt struct {
	Field []string
	Value Expr
}

// LitKind classifies a literal.
type LitKind int

const (
	IntLit LitKind = iota
	FloatLit
	CharLit
	StringLit
)

func (x *Ident) Pos() token.Pos    { return x.NamePos }
func (x *BasicLit) Pos() token.Pos { return x.ValuePos }
func (x *Call) Pos() token.Pos     { return x.Fun.Pos() }
func (x *Member) Pos() token.Pos   { return x.X.Pos() }
func (x *Index) Pos() token.Pos    { return x.X.Pos() }
func (x *Unary) Pos() token.Pos {
	if x.Postfix && x.X != nil {
		return x.X.Pos()
	}
	return x.OpPos
}
func (x *Binary) Pos() token.Pos   { return x.X.Pos() }
func (x *Assign) Pos() token.Pos   { return x.L.Pos() }
func (x *Cond) Pos() token.Pos     { return x.C.Pos() }
func (x *Cast) Pos() token.Pos     { return x.Lparen }
func (x *StmtExpr) Pos() token.Pos { return x.Body.Lbrace }
func (x *InitList) Pos() token.Pos { return x.Lbrace }
func (x *Opaque) Pos() token.Pos   { return x.At }

func (*Ident) exprNode()    {}
func (*BasicLit) exprNode() {}
func (*Call) exprNode()     {}
func (*Member) exprNode()   {}
func (*Index) exprNode()    {}
func (*Unary) exprNode()    {}
func (*Binary) exprNode()   {}
func (*Assign) exprNode()   {}
func (*Cond) exprNode()     {}
func (*Cast) exprNode()     {}
func (*StmtExpr) exprNode() {}
func (*InitList) exprNode() {}
func (*Opaque) exprNode()   {}

// Statements.
type (
	Block struct {
		Lbrace token.Pos
		List   []Stmt
		Rbrace token.Pos
	}
	ExprStmt struct {
		X Expr
	}
	DeclStmt struct {
		At    token.Pos
		Decls []*VarDecl
	}
	If struct {
		If   token.Pos
		Cond Expr
		Then Stmt
		Else Stmt // nil when absent
	}
	// For is a for loop; Init is a *DeclStmt, an *ExprStmt or nil.
	For struct {
		For  token.Pos
		Init Stmt
		Cond Expr // nil: forever
		Post Expr
		Body Stmt
	}
	While struct {
		While token.Pos
		Cond  Expr
		Body  Stmt
	}
	DoWhile struct {
		Do   token.Pos
		Body Stmt
		Cond Expr
	}
	Switch struct {
		Switch token.Pos
		Tag    Expr
		Body   Stmt
	}
	// Case is a case or default label inside a switch body.
	Case struct {
		At      token.Pos
		Default bool
		Values  []Expr
		Stmt    Stmt
	}
	Labeled struct {
		At    token.Pos
		Label string
		Stmt  Stmt
	}
	Goto struct {
		At    token.Pos
		Label string // empty for a computed goto
	}
	Return struct {
		At     token.Pos
		Result Expr // nil when absent
	}
	Break struct {
		At token.Pos
	}
	Continue struct {
		At token.Pos
	}
	Empty struct {
		At token.Pos
	}
	// AsmStmt is inline assembly; its operands are kept as expressions.
	AsmStmt struct {
		At       token.Pos
		Operands []Expr
	}
)

func (s *Block) Pos() token.Pos    { return s.Lbrace }
func (s *ExprStmt) Pos() token.Pos { return s.X.Pos() }
func (s *DeclStmt) Pos() token.Pos { return s.At }
func (s *If) Pos() token.Pos       { return s.If }
func (s *For) Pos() token.Pos      { return s.For }
func (s *While) Pos() token.Pos    { return s.While }
func (s *DoWhile) Pos() token.Pos  { return s.Do }
func (s *Switch) Pos() token.Pos   { return s.Switch }
func (s *Case) Pos() token.Pos     { return s.At }
func (s *Labeled) Pos() token.Pos  { return s.At }
func (s *Goto) Pos() token.Pos     { return s.At }
func (s *Return) Pos() token.Pos   { return s.At }
func (s *Break) Pos() token.Pos    { return s.At }
func (s *Continue) Pos() token.Pos { return s.At }
func (s *Empty) Pos() token.Pos    { return s.At }
func (s *AsmStmt) Pos() token.Pos  { return s.At }

func (*Block) stmtNode()    {}
func (*ExprStmt) stmtNode() {}
func (*DeclStmt) stmtNode() {}
func (*If) stmtNode()       {}
func (*For) stmtNode()      {}
func (*While) stmtNode()    {}
func (*DoWhile) stmtNode()  {}
func (*Switch) stmtNode()   {}
func (*Case) stmtNode()     {}
func (*Labeled) stmtNode()  {}
func (*Goto) stmtNode()     {}
func (*Return) stmtNode()   {}
func (*Break) stmtNode()    {}
func (*Continue) stmtNode() {}
func (*Empty) stmtNode()    {}
func (*AsmStmt) stmtNode()  {}

// CalleeName returns the called function's name when the callee is a plain
// identifier, "" otherwise.
func CalleeName(c *Call) string {
	if id, ok := Unparen(c.Fun).(*Ident); ok {
		return id.Name
	}
	return ""
}

// Unparen strips casts that do not change what an expression denotes.
func Unparen(e Expr) Expr {
	for {
		c, ok := e.(*Cast)
		if !ok {
			return e
		}
		e = c.X
	}
}

// IdentAt returns the identifier written in the file at pos: the macro
// name for code a macro expanded to ("" when pos is outside the file or not
// at an identifier).
func (f *File) IdentAt(pos token.Pos) string {
	if f == nil || f.TokFile == nil || !pos.IsValid() {
		return ""
	}
	tf := f.TokFile
	if int(pos) < tf.Base() || int(pos) >= tf.Base()+tf.Size() {
		return ""
	}
	off := int(pos) - tf.Base()
	end := off
	for end < len(f.Src) && (isIdentStart(f.Src[end]) || f.Src[end] >= '0' && f.Src[end] <= '9') {
		end++
	}
	if end == off || f.Src[off] >= '0' && f.Src[off] <= '9' {
		return ""
	}
	return string(f.Src[off:end])
}

// Expected strips GCC's branch hint: __builtin_expect(x, c) is x (what the
// kernel's likely() and unlikely() expand to).
func Expected(e Expr) Expr {
	for {
		c, ok := Unparen(e).(*Call)
		if !ok || CalleeName(c) != "__builtin_expect" || len(c.Args) == 0 {
			return e
		}
		e = c.Args[0]
	}
}

// IsExpect says whether c is a call of GCC's branch hint __builtin_expect().
func IsExpect(c *Call) bool { return CalleeName(c) == "__builtin_expect" }
