// Package errptr defines the err-ptr-check rule: the result of a function
// that fails with an ERR_PTR checked only for NULL, or the result of a
// function that fails with NULL checked only with IS_ERR.
package errptr

import (
	"bytes"
	"fmt"
	"go/token"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `err-ptr-check: a lookup's result is checked with the wrong failure test

Kernel lookups report failure in one of two ways: an ERR_PTR-encoded errno
(devm_phy_get(), fwnode_find_reference(), phylink_create(),
xpcs_create_fwnode(), clk_get(), ...) or NULL (of_parse_phandle(),
of_find_device_by_node(), fwnode_mdio_find_device(), ...). Optional getters
(devm_phy_optional_get()) return an ERR_PTR on failure and NULL when the
object is absent. A consumer that tests an ERR_PTR-returning lookup only
with 'if (!x)' keeps the error pointer as if it were the provider's object
and dereferences it later, typically when the provider is missing or not
yet bound (-EPROBE_DEFER) or has been unbound; one that tests a
NULL-returning lookup only with IS_ERR() keeps a NULL provider.

The finding is reported at the wrong check, with the assignment as a
related location. The rule only reports when every check of the variable
between the assignment and its next reassignment is of the wrong kind; a
value that is returned to the caller is left to the caller. Functions of the
analyzed file are classified from their own return statements; others from
the API model (reference getters, and pointer-returning calls that take no
reference: devm_ioremap() fails with NULL, devm_platform_ioremap_resource(),
phy_connect() and nvmem_cell_read() with an ERR_PTR) and the summaries of
wrapper functions.

Fix: test ERR_PTR-returning lookups with IS_ERR() (and propagate PTR_ERR()),
optional getters with IS_ERR() and treat NULL as absent (or
IS_ERR_OR_NULL()), and NULL-returning lookups with 'if (!x)'.`

// Rule is the err-ptr-check rule.
var Rule = rules.New(rules.Spec{
	ID:    "err-ptr-check",
	Level: rules.Error,
	Tags:  []string{"lifetime", "error-handling"},
	Doc:   doc,
	Run:   run,
	// The reference getters make a file parsed anyway; a file whose only
	// pointer-returning calls are of the fails kind (devm_ioremap()) or
	// common (devm_kzalloc()) is parsed when its text may test one of their results the wrong way.
	Triggers: rules.Triggers{Text: failsText},
	// docs/triage-6.12.md: fixed_phy.c, false ("Fixed during triage"); no
	// other finding.
	Standing: rules.Standing{False: 1, CWE: []int{253}, Severity: "5.0"},
})

// assignCall matches "lhs = callee(" in raw source.
var assignCall = regexp.MustCompile(`([A-Za-z_][\w.\->\[\]]*)\s*=\s*([A-Za-z_]\w*)\s*\(`)

// failsText says whether src assigns the result of a fails-kind function
// and may test it the wrong way: an ERR_PTR-returning call's result that
// src never passes to an error-pointer test, or a NULL-returning call's
// result that it does pass to one. Raw text over-approximates (another
// variable of the same name), which only costs a parse.
func failsText(m *model.Model) func(src []byte, idents map[string]bool) bool {
	var errTests [][]byte
	for _, k := range []model.Kind{model.ErrTest, model.ErrCode} {
		for _, f := range m.OfKind(k) {
			errTests = append(errTests, []byte(f.Name+"("))
		}
	}
	tested := func(src, lhs []byte) bool {
		for _, t := range errTests {
			if bytes.Contains(src, append(append([]byte{}, t...), lhs...)) {
				return true
			}
		}
		return false
	}
	return func(src []byte, idents map[string]bool) bool {
		for _, sm := range assignCall.FindAllSubmatch(src, -1) {
			f := m.Lookup(string(sm[2]))
			if f == nil || f.Kind != model.Fails && !f.Common {
				continue
			}
			if f.Fail == model.FailNull == tested(src, sm[1]) {
				return true
			}
		}
		return false
	}
}

// class is how a function's pointer result reports failure.
type class int

const (
	clNone      class = iota // unknown, or never fails
	clErrPtr                 // ERR_PTR, never NULL
	clErrOrNull              // ERR_PTR on failure, NULL when absent
	clNull                   // NULL, never ERR_PTR
	clValid                  // a valid pointer (internal: &x, container_of)
)

type evKind int

const (
	evAssign evKind = iota
	evNull
	evErr
	evReturn
)

// event is something the walk saw, in evaluation (source) order.
type event struct {
	kind   evKind
	path   string
	from   string // evAssign: the path copied (alias), "" otherwise
	call   *cparse.Call
	lhs    cparse.Expr
	pos    token.Pos
	text   string      // checks: how the check reads
	errAPI *model.Func // evErr: the test (IS_ERR(), PTR_ERR(), ... or a comparison with ERR_PTR())
	subj   cparse.Expr
	depth  int // nesting of conditional blocks
}

// errFunc returns the entry of a function that tests or reads an error
// pointer (IS_ERR(), PTR_ERR(), ERR_CAST(), ...), nil for anything else.
func errFunc(m *model.Model, name string) *model.Func {
	if f := m.Lookup(name); f != nil && (f.Kind == model.ErrTest || f.Kind == model.ErrCode || f.Kind == model.ErrCast) {
		return f
	}
	return nil
}

type walker struct {
	m      *model.Model
	evs    []event
	ifCond cparse.Expr
	depth  int
}

func (w *walker) add(e event) {
	e.depth = w.depth
	w.evs = append(w.evs, e)
}

// nested walks a conditionally executed statement.
func (w *walker) nested(s cparse.Stmt) {
	w.depth++
	w.stmt(s)
	w.depth--
}

func (w *walker) stmt(s cparse.Stmt) {
	switch x := s.(type) {
	case nil:
	case *cparse.Block:
		if x == nil {
			return
		}
		for _, s := range x.List {
			w.stmt(s)
		}
	case *cparse.ExprStmt:
		w.expr(x.X, false)
	case *cparse.DeclStmt:
		for _, d := range x.Decls {
			w.decl(d)
		}
	case *cparse.If:
		w.cond(x.Cond)
		w.nested(x.Then)
		if x.Else != nil {
			w.nested(x.Else)
		}
	case *cparse.For:
		if x.Init != nil {
			w.stmt(x.Init)
		}
		if x.Cond != nil {
			w.cond(x.Cond)
		}
		w.nested(x.Body)
		if x.Post != nil {
			w.expr(x.Post, false)
		}
	case *cparse.While:
		w.cond(x.Cond)
		w.nested(x.Body)
	case *cparse.DoWhile:
		w.nested(x.Body)
		w.cond(x.Cond)
	case *cparse.Switch:
		w.expr(x.Tag, false)
		w.nested(x.Body)
	case *cparse.Case:
		for _, v := range x.Values {
			w.expr(v, false)
		}
		w.stmt(x.Stmt)
	case *cparse.Labeled:
		w.stmt(x.Stmt)
	case *cparse.Return:
		if x.Result != nil {
			w.expr(x.Result, false)
			if p := subjectPath(w.m, x.Result); p != "" {
				w.add(event{kind: evReturn, path: p, pos: x.At})
			}
		}
	case *cparse.AsmStmt:
		for _, o := range x.Operands {
			w.expr(o, false)
		}
	}
}

func (w *walker) decl(d *cparse.VarDecl) {
	if d.Init == nil {
		w.add(event{kind: evAssign, path: d.Name, pos: d.NamePos})
		return
	}
	w.expr(d.Init, false)
	w.add(event{kind: evAssign, path: d.Name, from: flow.Path(d.Init), call: callOf(d.Init),
		lhs: &cparse.Ident{NamePos: d.NamePos, Name: d.Name}, pos: d.NamePos})
}

func (w *walker) cond(c cparse.Expr) {
	saved := w.ifCond
	w.ifCond = cparse.Unparen(c)
	w.expr(c, true)
	w.ifCond = saved
}

// checkText renders a check for messages: "if (!phy)" when it is the
// whole condition of a statement, the expression otherwise.
func (w *walker) checkText(check cparse.Expr, s string) string {
	if check == w.ifCond {
		return "if (" + s + ")"
	}
	return s
}

func (w *walker) nullCheck(check cparse.Expr, subj cparse.Expr, s string) {
	if p := subjectPath(w.m, subj); p != "" {
		w.add(event{kind: evNull, path: p, pos: check.Pos(), text: w.checkText(check, s), subj: subjectExpr(w.m, subj)})
	}
}

// expr walks x; truth says x's value is tested for truth.
func (w *walker) expr(x cparse.Expr, truth bool) {
	if x == nil {
		return
	}
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Assign:
		w.expr(v.L, false)
		w.expr(v.R, false)
		if v.Op == "=" {
			if p := flow.Path(v.L); p != "" {
				w.add(event{kind: evAssign, path: p, from: flow.Path(v.R), call: callOf(v.R), lhs: v.L, pos: v.OpPos})
			}
		}
		if truth {
			w.nullCheck(v, v, flow.ExprString(v.L))
		}
	case *cparse.Unary:
		if v.X == nil || v.Op == "sizeof" {
			return
		}
		if v.Op == "!" {
			if subjectPath(w.m, v.X) != "" {
				w.expr(v.X, false)
				w.nullCheck(v, v.X, "!"+renderOperand(v.X))
				return
			}
			w.expr(v.X, true)
			return
		}
		if v.Op == "&" {
			w.expr(v.X, false)
			return
		}
		w.expr(v.X, false)
	case *cparse.Binary:
		switch v.Op {
		case "&&", "||":
			w.expr(v.X, true)
			w.expr(v.Y, true)
			return
		case ",":
			w.expr(v.X, false)
			w.expr(v.Y, truth)
			return
		}
		w.expr(v.X, false)
		w.expr(v.Y, false)
		if v.Op != "==" && v.Op != "!=" {
			return
		}
		subj, other := v.X, v.Y
		if isNullLit(subj) {
			subj, other = other, subj
		}
		if isNullLit(other) {
			w.nullCheck(v, subj, render(subj)+" "+v.Op+" NULL")
		} else if mk := errPtrMaker(w.m, v.Y); mk != nil || errPtrMaker(w.m, v.X) != nil {
			if mk != nil {
				subj = v.X
			} else {
				subj, mk = v.Y, errPtrMaker(w.m, v.X)
			}
			if p := subjectPath(w.m, subj); p != "" {
				w.add(event{kind: evErr, path: p, pos: v.Pos(), errAPI: mk, text: render(v)})
			}
		}
	case *cparse.Cond:
		w.expr(v.C, true)
		if v.T != v.C {
			w.expr(v.T, truth)
		}
		w.expr(v.F, truth)
	case *cparse.Call:
		w.expr(v.Fun, false)
		name := cparse.CalleeName(v)
		for _, a := range v.Args {
			w.expr(a, false)
		}
		if api := errFunc(w.m, name); api != nil && len(v.Args) >= 1 {
			if p := subjectPath(w.m, v.Args[0]); p != "" {
				w.add(event{kind: evErr, path: p, pos: v.Pos(), errAPI: api, text: w.checkText(v, render(v)), subj: subjectExpr(w.m, v.Args[0])})
			}
			return
		}
		// an address passed out may be written through: treat as a
		// reassignment of that variable
		for _, a := range v.Args {
			if u, ok := cparse.Unparen(a).(*cparse.Unary); ok && u.Op == "&" && u.X != nil {
				if p := flow.Path(u.X); p != "" {
					w.add(event{kind: evAssign, path: p, pos: u.OpPos})
				}
			}
		}
	case *cparse.Member:
		w.expr(v.X, false)
		if truth {
			w.nullCheck(v, v, render(v))
		}
	case *cparse.Index:
		w.expr(v.X, false)
		w.expr(v.Index, false)
		if truth {
			w.nullCheck(v, v, render(v))
		}
	case *cparse.Ident:
		if truth {
			w.nullCheck(v, v, v.Name)
		}
	case *cparse.StmtExpr:
		saved := w.ifCond
		w.ifCond = nil
		w.stmt(v.Body)
		w.ifCond = saved
	case *cparse.InitList:
		for _, e := range v.Elts {
			w.expr(e.Value, false)
		}
	}
}

func renderOperand(x cparse.Expr) string {
	switch cparse.Unparen(x).(type) {
	case *cparse.Assign, *cparse.Binary, *cparse.Cond:
		return "(" + render(x) + ")"
	}
	return render(x)
}

func render(x cparse.Expr) string {
	if isNullLit(x) {
		return "NULL"
	}
	return flow.ExprString(x)
}

// subjectPath is the variable a check tests: x, or the left side of an
// assignment tested in place ("if (!(np = of_parse_phandle(...)))").
func subjectPath(m *model.Model, x cparse.Expr) string {
	x = cparse.Unparen(x)
	if a, ok := x.(*cparse.Assign); ok && a.Op == "=" {
		return flow.Path(a.L)
	}
	if c, ok := x.(*cparse.Call); ok && len(c.Args) >= 1 && (cparse.IsExpect(c) || m.Is(cparse.CalleeName(c), model.Hint)) {
		return subjectPath(m, c.Args[0])
	}
	return flow.Path(x)
}

// subjectExpr is the expression subjectPath names.
func subjectExpr(m *model.Model, x cparse.Expr) cparse.Expr {
	x = cparse.Unparen(x)
	if a, ok := x.(*cparse.Assign); ok && a.Op == "=" {
		return a.L
	}
	if c, ok := x.(*cparse.Call); ok && len(c.Args) >= 1 && (cparse.IsExpect(c) || m.Is(cparse.CalleeName(c), model.Hint)) {
		return subjectExpr(m, c.Args[0])
	}
	return x
}

func callOf(x cparse.Expr) *cparse.Call {
	c, _ := cparse.Unparen(x).(*cparse.Call)
	return c
}

func isNullLit(x cparse.Expr) bool {
	switch v := cparse.Unparen(x).(type) {
	case *cparse.Ident:
		return v.Name == "NULL"
	case *cparse.BasicLit:
		return v.Kind == cparse.IntLit && (v.Value == "0" || v.Value == "0L" || v.Value == "0UL")
	}
	return false
}

// errPtrMaker returns the entry of the function x calls when it makes an
// error pointer (ERR_PTR(), ERR_CAST()), nil otherwise.
func errPtrMaker(m *model.Model, x cparse.Expr) *model.Func {
	c := callOf(x)
	if c == nil {
		return nil
	}
	if f := m.Lookup(cparse.CalleeName(c)); f != nil && (f.Kind == model.ErrValue && f.Fail == model.FailErrPtr || f.Kind == model.ErrCast) {
		return f
	}
	return nil
}

// classifier decides how functions report failure.
type classifier struct {
	u     *rules.Unit
	local map[string]*cparse.Func
	memo  map[string]class
	busy  map[string]bool
}

func newClassifier(u *rules.Unit) *classifier {
	c := &classifier{u: u, local: map[string]*cparse.Func{}, memo: map[string]class{}, busy: map[string]bool{}}
	for _, f := range u.File.Funcs {
		c.local[f.Name] = f
	}
	return c
}

func (c *classifier) of(name string) class {
	if name == "" {
		return clNone
	}
	if cl, ok := c.memo[name]; ok {
		return cl
	}
	if c.busy[name] {
		return clNone
	}
	c.busy[name] = true
	cl := c.compute(name)
	delete(c.busy, name)
	c.memo[name] = cl
	return cl
}

func (c *classifier) compute(name string) class {
	// a function defined in the file: its body is the truth (the model
	// may describe another kernel version)
	if fn := c.local[name]; fn != nil {
		return c.fromBody(fn)
	}
	if api := c.u.Model.Lookup(name); api != nil {
		return fromFail(api.Fail)
	}
	// summaries of other files' wrappers of a get
	if s := c.u.Summaries.Lookup(name); s != nil && s.Ref.Ret {
		return fromFail(s.Fail)
	}
	return clNone
}

func fromFail(f model.Fail) class {
	switch f {
	case model.FailErrPtr:
		return clErrPtr
	case model.FailErrOrNull:
		return clErrOrNull
	case model.FailNull:
		return clNull
	}
	return clNone
}

// fromBody classifies a function of the file from its return statements.
func (c *classifier) fromBody(fn *cparse.Func) class {
	if fn.Result == nil || fn.Result.Ptr == 0 || fn.Body == nil {
		return clNone
	}
	if len(fn.Body.List) == 1 {
		// "{ return NULL; }": a configuration stub of a function whose
		// real body (in the other #ifdef branch) may return ERR_PTRs
		return clNone
	}
	var v values
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if r, ok := n.(*cparse.Return); ok && r.Result != nil {
			c.addExpr(&v, r.Result, func(id *cparse.Ident) class { return c.varClass(fn, id.Name) })
		}
		return true
	})
	switch {
	case v.err && v.null:
		return clErrOrNull
	case v.err:
		return clErrPtr
	case v.null && !v.unknown:
		return clNull
	case !v.null && !v.unknown:
		return clValid
	}
	return clNone
}

// values is what an expression may evaluate to.
type values struct{ err, null, unknown bool }

func (v *values) add(cl class) {
	switch cl {
	case clErrPtr:
		v.err = true
	case clErrOrNull:
		v.err, v.null = true, true
	case clNull:
		v.null = true
	case clValid:
	default:
		v.unknown = true
	}
}

// addExpr adds what e may be: NULL, an ERR_PTR, what a classified callee
// returns, an address; ident classifies a variable (nil: unknown).
func (c *classifier) addExpr(v *values, e cparse.Expr, ident func(*cparse.Ident) class) {
	if isNullLit(e) {
		v.null = true
		return
	}
	switch x := cparse.Unparen(e).(type) {
	case *cparse.Call:
		if errPtrMaker(c.u.Model, x) != nil {
			v.err = true
		} else {
			v.add(c.of(cparse.CalleeName(x)))
		}
	case *cparse.Ident:
		if ident != nil {
			v.add(ident(x))
		} else {
			v.unknown = true
		}
	case *cparse.Unary:
		if x.Op != "&" {
			v.unknown = true
		}
	case *cparse.StmtExpr:
		// container_of(): a pointer into an object, not NULL
	default:
		v.unknown = true
	}
}

// varClass classifies a returned local from its assignments in fn.
func (c *classifier) varClass(fn *cparse.Func, name string) class {
	for _, p := range fn.Params {
		if p.Name == name {
			return clNone
		}
	}
	var v values
	any := false
	nullChecked := false
	consider := func(rhs cparse.Expr) {
		any = true
		c.addExpr(&v, rhs, nil)
	}
	w := &walker{m: c.u.Model}
	w.stmt(fn.Body)
	errChecked := false
	for _, e := range w.evs {
		if e.path != name {
			continue
		}
		switch e.kind {
		case evNull:
			nullChecked = true
		case evErr:
			errChecked = true
		}
	}
	// "struct foo *p = NULL;" then assignments: the initializer alone
	// does not make a NULL-returning function (p is usually overwritten
	// on every path that returns it)
	assigns, nulls := 0, 0
	flow.Assignments(fn, name, func(rhs cparse.Expr, op string) {
		if op != "=" {
			return
		}
		assigns++
		if isNullLit(rhs) {
			nulls++
		}
		consider(rhs)
	})
	initNull := false
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && d.Name == name && d.Init != nil && isNullLit(d.Init) {
			initNull = true
		}
		return !initNull
	})
	onlyInitNull := initNull && nulls == 1 && assigns > 1
	mayErr, mayNull := v.err, v.null
	if !any || v.unknown {
		if mayErr {
			return clErrPtr
		}
		return clNone
	}
	if nullChecked {
		// "if (!np) return ERR_PTR(-ENODEV); return np;": the NULL case
		// is returned as something else
		mayNull = false
	}
	if errChecked && !returnsOnErr(c.u.Model, fn, name) {
		// "if (IS_ERR(phy)) return NULL; return phy;"
		mayErr = false
	}
	switch {
	case mayErr && mayNull:
		return clErrOrNull
	case mayErr:
		return clErrPtr
	case mayNull && onlyInitNull:
		return clNone
	case mayNull:
		return clNull
	}
	return clValid
}

// returnsOnErr reports whether fn returns the variable name itself under
// an IS_ERR() test of it ("if (IS_ERR(phy)) return phy;").
func returnsOnErr(m *model.Model, fn *cparse.Func, name string) bool {
	found := false
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		s, ok := n.(*cparse.If)
		if !ok || found {
			return !found
		}
		tests := false
		cparse.Inspect(s.Cond, func(n cparse.Node) bool {
			if c, ok := n.(*cparse.Call); ok && errFunc(m, cparse.CalleeName(c)) != nil && len(c.Args) > 0 && subjectPath(m, c.Args[0]) == name {
				tests = true
			}
			return !tests
		})
		if !tests {
			return true
		}
		cparse.Inspect(s.Then, func(n cparse.Node) bool {
			if r, ok := n.(*cparse.Return); ok && r.Result != nil && subjectPath(m, r.Result) == name {
				found = true
			}
			return !found
		})
		return !found
	})
	return found
}

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	cl := newClassifier(u)
	for _, fn := range u.File.Funcs {
		if fn.Body == nil {
			continue
		}
		w := &walker{m: u.Model}
		w.stmt(fn.Body)
		checkFunc(pass, cl, fn, w.evs)
	}
	return nil, nil
}

func checkFunc(pass *analysis.Pass, cl *classifier, fn *cparse.Func, evs []event) {
	for i, a := range evs {
		if a.kind != evAssign || a.call == nil || a.path == "" {
			continue
		}
		name := cparse.CalleeName(a.call)
		c := cl.of(name)
		if c == clNone {
			continue
		}
		tracked := map[string]bool{a.path: true}
		var nulls, errs []event
		returned, orNull := false, false
	scan:
		for _, e := range evs[i+1:] {
			switch e.kind {
			case evAssign:
				if e.from != "" && tracked[e.from] {
					if e.path != a.path {
						tracked[e.path] = true
					}
					continue
				}
				if e.depth > a.depth && (tracked[e.path] || isPrefix(e.path, a.path)) {
					// a conditional reassignment ("if (!clk) clk =
					// fallback();"): later checks may cover both values
					continue
				}
				if e.path == a.path || isPrefix(e.path, a.path) {
					break scan
				}
				delete(tracked, e.path)
			case evNull:
				if tracked[e.path] {
					nulls = append(nulls, e)
				}
			case evErr:
				if tracked[e.path] {
					errs = append(errs, e)
					if e.errAPI.Kind == model.ErrTest && e.errAPI.Fail == model.FailErrOrNull {
						orNull = true
					}
				}
			case evReturn:
				if tracked[e.path] {
					returned = true
				}
			}
		}
		if returned {
			continue
		}
		switch c {
		case clErrPtr, clErrOrNull:
			if len(nulls) == 0 || len(errs) > 0 {
				continue
			}
			v := render(nulls[0].subj)
			m := cl.u.Model
			isErr, isErrOrNull := errTestName(m, model.FailErrPtr), errTestName(m, model.FailErrOrNull)
			absent := "failure"
			if c == clErrOrNull {
				absent = "failure and NULL only when the object is absent"
			} else {
				absent = "failure, never NULL"
			}
			head := fmt.Sprintf("%s() returns an %s on %s: '%s' lets the error pointer through",
				name, errPtrName(m), absent, nulls[0].text)
			why := "the error pointer is taken for the object, and a later use dereferences it (a deferred or missing provider becomes a crash)"
			fix := fmt.Sprintf("use %s(%s)", isErr, v)
			if c == clErrOrNull {
				fix = fmt.Sprintf("check %s(%s) first, or use %s(%s)", isErr, v, isErrOrNull, v)
			}
			if u := consumers(m, cl.u.File, fn, a.path); u.deref || len(u.tolerants) == 0 {
				head += " to be dereferenced"
			} else {
				// nothing dereferences it: what goes wrong is the error
				// that is dropped (a deferred probe that never retries)
				verb := "takes it and only warns"
				if len(u.tolerants) > 1 {
					verb = "take it and only warn"
				}
				why = fmt.Sprintf("nothing dereferences it: %s() %s about an error pointer, so the real defect is the swallowed error (-EPROBE_DEFER is lost and the device runs without it)",
					strings.Join(u.tolerants, "(), "), verb)
				fix = fmt.Sprintf("propagate the error: if (%s(%s)) return %s(%s);", isErr, v, errCodeName(m), v)
				if c == clErrOrNull {
					fix += " NULL stays 'absent'; not " + isErrOrNull + "(), which would treat the error as absent again"
				}
			}
			report(pass, nulls[0], a, name, head, why, fix)
		case clNull:
			if len(nulls) > 0 || orNull {
				continue
			}
			var at *event
			for k := range errs {
				// a test that says nothing of NULL: IS_ERR(), PTR_ERR_OR_ZERO()
				if api := errs[k].errAPI; api.Kind == model.ErrTest && api.Fail == model.FailErrPtr && !api.Scalar || api.Kind == model.ErrCode && api.Zero {
					at = &errs[k]
					break
				}
			}
			if at == nil {
				continue
			}
			v := render(at.subj)
			head := fmt.Sprintf("%s() returns NULL on failure, never an %s: '%s' lets NULL through to be dereferenced", name, errPtrName(cl.u.Model), at.text)
			report(pass, *at, a, name, head, "NULL is taken for the object, and a later use dereferences it", fmt.Sprintf("check 'if (!%s)'", v))
		}
	}
}

// errPtrName names an error pointer as the kernel writes it (ERR_PTR).
func errPtrName(m *model.Model) string {
	for _, f := range m.OfKind(model.ErrValue) {
		if f.Fail == model.FailErrPtr {
			return f.Name
		}
	}
	return "error pointer"
}

// errTestName is the pointer test the model lists first for a failure
// convention (IS_ERR() for errptr).
func errTestName(m *model.Model, fail model.Fail) string {
	for _, f := range m.OfKind(model.ErrTest) {
		if f.Fail == fail && !f.Scalar {
			return f.Name
		}
	}
	return "an error-pointer test"
}

// errCodeName is the function the model lists first for reading an error
// pointer's code (PTR_ERR()).
func errCodeName(m *model.Model) string {
	for _, f := range m.OfKind(model.ErrCode) {
		if !f.Zero {
			return f.Name
		}
	}
	return "the error code of"
}

func report(pass *analysis.Pass, at, assign event, name, head, why, fix string) {
	rules.Report(pass, rules.Finding{
		Pos:     at.pos,
		Message: head,
		Why:     why,
		Fix:     fix,
		Related: []analysis.RelatedInformation{{Pos: assign.pos, Message: "assigned here from " + name + "()"}},
	})
}

// isPrefix reports whether path p is a proper prefix of q ("priv" of
// "priv.phy"): reassigning p reassigns q.
func isPrefix(p, q string) bool {
	return len(p) < len(q) && q[:len(p)] == p && (q[len(p)] == '.' || q[len(p)] == '[')
}
