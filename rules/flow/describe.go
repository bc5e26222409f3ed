package flow

import (
	"go/token"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// MacroAt returns the macro a call was expanded from (for_each_child_of_node
// for the of_get_next_child() it expands to): the identifier written at
// the call's position when it is not the callee itself; "" otherwise.
func MacroAt(f *cparse.File, c *cparse.Call) string {
	if c == nil {
		return ""
	}
	if name := f.IdentAt(c.Pos()); name != cparse.CalleeName(c) {
		return name
	}
	return ""
}

// Written is how the source names call c, for messages: the macro it was
// expanded from (dev_err for the _dev_err() it expands to,
// devm_request_region for __devm_request_region()), else its callee. A
// reader looks for the name in the source; the expansion is not there.
func Written(f *cparse.File, c *cparse.Call) string {
	if f != nil {
		if m := MacroAt(f, c); m != "" && isIdent(m) && calledAt(f, c.Pos(), m) {
			return m
		}
	}
	return cparse.CalleeName(c)
}

// calledAt says whether the identifier name at pos is written as a call
// (followed by '('): an expansion can be placed at another identifier of
// its statement (the 'ret' of 'ret = devm_add_action_or_reset(...)').
func calledAt(f *cparse.File, pos token.Pos, name string) bool {
	tf := f.TokFile
	if tf == nil {
		return false
	}
	i := int(pos) - tf.Base() + len(name)
	for i < len(f.Src) && (f.Src[i] == ' ' || f.Src[i] == '\t' || f.Src[i] == '\n' || f.Src[i] == '\\') {
		i++
	}
	return i < len(f.Src) && f.Src[i] == '('
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// writtenName is how the function's source writes calls of callee, when
// every call of it in the function is written the same way; callee
// otherwise (a variable tested later holds the result of one of them).
func (a *Analysis) writtenName(callee string) string {
	if a.writtenOf == nil {
		a.writtenOf = map[string]string{}
		cparse.Inspect(a.CFG.Func.Body, func(n cparse.Node) bool {
			if c, ok := n.(*cparse.Call); ok {
				name := cparse.CalleeName(c)
				w := a.written(c)
				if prev, seen := a.writtenOf[name]; seen && prev != w {
					w = name
				}
				a.writtenOf[name] = w
			}
			return true
		})
	}
	if w := a.writtenOf[callee]; w != "" {
		return w
	}
	return callee
}

// written is Written for the analyzed file.
func (a *Analysis) written(c *cparse.Call) string { return Written(a.opts.File, c) }

// describeCond says why a branch was taken ("when X() fails"): the step's
// Msg, and its Callee and Failed when the branch tests a call's result.
// neg says the source tests !cond: a test quoted as written is quoted
// with its negation.
func (a *Analysis) describeCond(e *env, cond cparse.Expr, branch, neg bool) Step {
	callee, said := "", ""
	var subject cparse.Expr = cond
	pos := branch      // the truth of subject on this edge
	failing := !branch // "if (p)": true means success
	compared := false
loop:
	for {
		switch x := cparse.Unparen(subject).(type) {
		case *cparse.Unary:
			if x.Op != "!" || x.X == nil {
				break loop
			}
			// !x, and the !!(x) of likely()/unlikely(): x inverted
			pos = !pos
			failing = !pos
			subject = x.X
		case *cparse.Binary:
			switch x.Op {
			case "==", "<":
				failing, compared = pos, true
			case "!=", ">=", ">", "<=":
				failing, compared = !pos, true
			default:
				break loop
			}
			subject = x.X
		case *cparse.Call:
			name := cparse.CalleeName(x)
			if cparse.IsExpect(x) && len(x.Args) > 0 {
				subject = x.Args[0] // a branch hint: its truth is its first argument's
				continue
			}
			if idiom := a.opts.Model.Lookup(name); idiom != nil && len(x.Args) == 1 &&
				(idiom.Kind == model.ErrTest && !idiom.Scalar || idiom.Kind == model.Hint) {
				if idiom.Kind == model.ErrTest {
					failing, compared = pos, true
				}
				subject = x.Args[0]
				continue
			}
			callee, said = name, a.written(x)
			api := a.api(name)
			if !compared {
				switch {
				case api != nil && api.Fail == model.FailErrno:
					failing = pos
				case api == nil && (a.returnsBool(name) || a.opts.Model.Is(name, model.Predicate)):
					return Step{Msg: "when " + said + "() is " + truth(pos)}
				case api == nil && a.returnsPointer(name):
					failing = !pos // NULL is the failure
				case api == nil:
					// kernel convention: a non-zero int result is an error
					failing = pos
				}
			}
			break loop
		case *cparse.Assign:
			subject = x.R
		case *cparse.Ident:
			callee = e.assigned[x.Name]
			said = a.writtenName(callee)
			if !compared && a.isStatusLike(x.Name) {
				if !a.isErrnoLike(x.Name, callee) {
					// a value (a clock rate, a count) tested for zero: no
					// call failed, say the test as written
					callee = ""
					break loop
				}
				failing = pos // "if (ret)": non-zero is an error code
			}
			break loop
		default:
			break loop
		}
	}
	if callee != "" {
		if said == "" {
			said = callee
		}
		if api := a.api(callee); said != callee && api != nil && api.Drops != nil {
			// an iterator macro's step (for_each_child_of_node())
			if failing {
				return Step{Msg: "when " + said + "() runs out", Callee: callee, Failed: true}
			}
			return Step{Msg: "when " + said + "() enters its body", Callee: callee}
		}
		if failing {
			return Step{Msg: "when " + said + "() fails", Callee: callee, Failed: true}
		}
		return Step{Msg: "when " + said + "() succeeds", Callee: callee}
	}
	if neg {
		return Step{Msg: "when " + a.condString(cond, "!") + " is " + truth(!branch)}
	}
	return Step{Msg: "when " + a.condString(cond, "") + " is " + truth(branch)}
}

func truth(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// maxCondLen bounds a condition quoted in a step: a macro's expansion
// can run to kilobytes.
const maxCondLen = 80

// condString is a condition as the source writes it: the macro's name
// when the test is a macro's expansion (WARN_ON(...), not its statement
// expression), else the expression, shortened.
func (a *Analysis) condString(cond cparse.Expr, not string) string {
	s := ExprString(cond)
	if m := a.opts.File.IdentAt(cond.Pos()); m != "" && !strings.HasPrefix(strings.TrimLeft(s, "!(*&-"), m) {
		return not + m + "()"
	}
	if not != "" {
		if _, ok := cparse.Unparen(cond).(*cparse.Binary); ok {
			s = "(" + s + ")"
		}
		s = not + s
	}
	if len(s) > maxCondLen {
		s = s[:maxCondLen-3] + "..."
	}
	return "'" + s + "'"
}

// isErrnoLike says whether a variable tested for non-zero holds an error
// code: a signed int, or the result of a call failing with one.
func (a *Analysis) isErrnoLike(name, callee string) bool {
	if callee != "" {
		if api := a.api(callee); api != nil && api.Fail == model.FailErrno {
			return true
		}
	}
	t := a.varType(name)
	if t == nil {
		return true
	}
	switch t.Name {
	case "int", "long", "signed int", "long int", "s32", "s64", "ssize_t", "short":
		return true
	}
	return false
}

func (a *Analysis) returnsPointer(name string) bool {
	t := a.opts.Summaries.Result(name)
	if t == nil {
		// cparse lists the declared results of functions returning
		// values; one it does not list returns a pointer
		return a.opts.Summaries.KnowsResults()
	}
	return t.Ptr > 0
}

func (a *Analysis) returnsBool(name string) bool {
	t := a.opts.Summaries.Result(name)
	return t != nil && t.Ptr == 0 && (t.Name == "bool" || t.Name == "_Bool")
}

// isStatusLike guesses whether a variable holds an int status (ret, err)
// rather than a pointer, from its declared type.
func (a *Analysis) isStatusLike(name string) bool {
	t := a.varType(name)
	return t != nil && t.Ptr == 0
}

func (a *Analysis) varType(name string) *cparse.Type {
	var found *cparse.Type
	for _, p := range a.CFG.Func.Params {
		if p.Name == name {
			return p.Type
		}
	}
	cparse.Inspect(a.CFG.Func.Body, func(n cparse.Node) bool {
		if d, ok := n.(*cparse.VarDecl); ok && d.Name == name && found == nil {
			found = d.Type
		}
		return found == nil
	})
	return found
}
