package flow

import (
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

// describeCond says why a branch was taken ("when X() fails"): the step's
// Msg, and its Callee and Failed when the branch tests a call's result.
func (a *Analysis) describeCond(e *env, cond cparse.Expr, branch bool) Step {
	callee := ""
	var subject cparse.Expr = cond
	failing := !branch // "if (p)": true means success
	compared := false
loop:
	for {
		switch x := cparse.Unparen(subject).(type) {
		case *cparse.Binary:
			switch x.Op {
			case "==", "<":
				failing, compared = branch, true
			case "!=", ">=", ">", "<=":
				failing, compared = !branch, true
			default:
				break loop
			}
			subject = x.X
		case *cparse.Call:
			name := cparse.CalleeName(x)
			if idiom := a.opts.Model.Lookup(name); idiom != nil && len(x.Args) == 1 &&
				(idiom.Kind == model.ErrTest && !idiom.Scalar || idiom.Kind == model.Hint) {
				if idiom.Kind == model.ErrTest {
					failing, compared = branch, true
				}
				subject = x.Args[0]
				continue
			}
			callee = name
			api := a.api(name)
			if !compared {
				switch {
				case api != nil && api.Fail == model.FailErrno:
					failing = branch
				case api == nil && (a.returnsBool(name) || a.opts.Model.Is(name, model.Predicate)):
					if branch {
						return Step{Msg: "when " + name + "() is true"}
					}
					return Step{Msg: "when " + name + "() is false"}
				case api == nil && a.returnsPointer(name):
					failing = !branch // NULL is the failure
				case api == nil:
					// kernel convention: a non-zero int result is an error
					failing = branch
				}
			}
			break loop
		case *cparse.Assign:
			subject = x.R
		case *cparse.Ident:
			callee = e.assigned[x.Name]
			if !compared && a.isStatusLike(x.Name) {
				failing = branch // "if (ret)": non-zero is an error code
			}
			break loop
		default:
			break loop
		}
	}
	if callee != "" {
		if failing {
			return Step{Msg: "when " + callee + "() fails", Callee: callee, Failed: true}
		}
		return Step{Msg: "when " + callee + "() succeeds", Callee: callee}
	}
	if branch {
		return Step{Msg: "when '" + ExprString(cond) + "' is true"}
	}
	return Step{Msg: "when '" + ExprString(cond) + "' is false"}
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
