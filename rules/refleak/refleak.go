// Package refleak defines the ref-leak rule: an acquired reference that is
// neither released nor handed off on some path out of the function.
package refleak

import (
	"bytes"
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
	"github.com/pcslint/pcslint/rules/refs"
)

const doc = `ref-leak: a reference is neither released nor handed off on some path

A reference taken with a counted-get API (of_node_get(), of_parse_phandle(),
of_find_device_by_node(), fwnode_find_reference(), try_module_get(), ...)
must be dropped with its release on every path that does not hand it off.
A leaked device reference pins the struct device forever, even after the
device is unbound and removed; a leaked node reference keeps the device tree
node alive; a leaked module reference makes the provider unremovable.

The finding is reported where the reference is lost: at the return that
leaks it, at the assignment that overwrites its last name, at the acquire
of a loop that acquires again while the previous one is held (put it
before the next iteration), or at a call whose result is only tested and
never kept; with the acquire as a related location and the path from the
acquire as a code flow.

Not a leak: returning the reference; storing it in a structure that outlives
the call (priv->np = np, dev->of_node, device_set_node()); passing it to a
function that takes ownership; a __free() cleanup variable; a branch where
the acquire failed (NULL, ERR_PTR, non-zero error code); the node a lookup
starts from, which the lookup drops (of_find_matching_node(from, ...),
of_get_next_child(parent, prev)); an ACPI fwnode, on a path where
is_acpi_node() holds (ACPI nodes have no refcount).

Fix: release the reference on the leaking path, usually by adding the
release under the error label the path jumps to, or use __free().`

// Rule is the ref-leak rule.
var Rule = rules.New(rules.Spec{
	ID:       "ref-leak",
	Level:    rules.Warning,
	Tags:     []string{"lifetime", "refcount"},
	Doc:      doc,
	Run:      run,
	Requires: []*analysis.Analyzer{refs.Analyzer},
	// docs/triage-6.12.md: 11 true of 11 (first table).
	Standing: rules.Standing{True: 11, CWE: []int{401, 911}, Severity: "4.0"},
})

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[refs.Analyzer].(*refs.Result)
	for _, fa := range res.Funcs {
		// one finding per reference: its first leaking exit, naming the others
		var order []int
		byRef := map[int][]flow.Event{}
		for _, ev := range fa.Events {
			if ev.Kind != flow.Leak || ev.Ref.API == nil {
				continue
			}
			if _, ok := byRef[ev.Ref.ID]; !ok {
				order = append(order, ev.Ref.ID)
			}
			byRef[ev.Ref.ID] = append(byRef[ev.Ref.ID], ev)
		}
		for _, id := range order {
			evs := byRef[id]
			// lead with an error path: the one a reviewer agrees is a bug
			first := 0
			for i, ev := range evs {
				if failedStep(ev) != "" {
					first = i
					break
				}
			}
			for i, ev := range evs {
				if ev.Lost {
					first = i // where it is lost says where the put belongs
					break
				}
			}
			rest := append(append([]flow.Event(nil), evs[:first]...), evs[first+1:]...)
			report(pass, fa, evs[first], rest)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, fa *flow.Analysis, ev flow.Event, more []flow.Event) {
	api := ev.Ref.API
	m := rules.UnitOf(pass).Model
	rel := "the release"
	if len(api.Release) > 0 {
		rel = api.Release[0] + "()"
	}
	when, via := "", ""
	for i := len(ev.Steps) - 1; i >= 0; i-- {
		st := ev.Steps[i]
		if via == "" && st.Kind == flow.StepGoto {
			via = st.Msg
		}
		if when == "" && st.Kind == flow.StepBranch {
			when = " " + st.Msg
		}
	}
	if failed := failedStep(ev); failed != "" {
		when = " " + failed // the failure that led here says more than a later test
	}
	success := func(ev flow.Event) bool {
		ret, ok := ev.Jump.(*cparse.Return)
		return ok && isSuccess(m, fa, ret)
	}
	if success(ev) && via == "" {
		when = " on the success path"
	}
	why := m.Class(api.Class).Leak
	if why == "" {
		why = "the provider object is never given back"
	}
	base := fmt.Sprintf("reference from %s() at line %d", api.Name, rules.Line(pass, ev.Ref.Site))
	pos := ev.Pos
	var head, fix string
	// where the storage is overwritten, and which leaks lie behind that
	// (there the reference is lost at the overwrite, not at the return)
	var ow *overwrite
	if !ev.Lost && !ev.Unnamed {
		ow = findOverwrite(m, fa.CFG, ev.Ref)
	}
	handle, root := handleOf(fa.CFG, ev.Ref)
	var kept []flow.Event
	lostAll := ow != nil && ow.after(fa.CFG, ev)
	for _, e := range more {
		if ow == nil || !ow.after(fa.CFG, e) {
			kept = append(kept, e)
		}
	}
	if ow != nil && len(kept) == len(more) && !lostAll {
		ow = nil // no leak lies behind it: it does not matter here
	}
	more = kept
	putH := rel
	if handle != "" && len(api.Release) > 0 {
		putH = api.Release[0] + "(" + handle + ")"
	}
	// leaking on success and on an error path alike: the put is missing
	// altogether, not from one error path
	all := append([]flow.Event{ev}, more...)
	// (not for an iterator, which a loop's next step releases)
	everyPath := handle != "" && api.Drops == nil && !ev.Ref.Iterator && !released(m, fa.CFG, api, handle) &&
		anySuccess(m, fa, all) && len(all) > 1 && !allSuccess(m, fa, all)
	switch {
	case ev.Lost && ev.Handle != "":
		head = fmt.Sprintf("%s leaks%s: '%s' is overwritten while it still holds it", base, when, ev.Handle)
		fix = fmt.Sprintf("call %s before '%s' is overwritten", rel, ev.Handle)
		more = nil
	case ev.Lost:
		head = base + " leaks: it is acquired again in a loop before the previous one is released"
		fix = "call " + rel + " before the next iteration"
		more = nil
	case ev.Unnamed:
		// if (!of_find_node_by_name(...)): nothing keeps the result, so
		// no later put can reach it; the leak is at the call
		pos, via = ev.Ref.Site, ""
		head = base + " leaks: its result is never kept, so nothing can release it"
		fix = "keep the result and call " + rel + " on it"
		more = nil
	case lostAll:
		head = fmt.Sprintf("%s is lost at line %d, where '%s' is overwritten", base, rules.Line(pass, ow.pos), ow.handle)
		if ow.by != nil {
			head += " by " + cparse.CalleeName(ow.by) + "()"
		}
		if ow.uses {
			fix = fmt.Sprintf("keep it in a variable of its own and call %s on that variable after line %d (the call there still reads it); a put at the returns would drop what '%s' holds by then",
				rel, rules.Line(pass, ow.pos), ow.handle)
		} else {
			fix = fmt.Sprintf("call %s once it is no longer needed, before line %d overwrites it; a put at the returns would drop what '%s' holds by then",
				putH, rules.Line(pass, ow.pos), ow.handle)
		}
	case ow != nil:
		// an out-parameter filled again: kept where the next call fails,
		// lost where it succeeds
		head = fmt.Sprintf("%s is lost at line %d, whose call overwrites '%s' (when that call fails, it leaks here)",
			base, rules.Line(pass, ow.pos), ow.handle)
		fix = fmt.Sprintf("call %s once it is no longer needed (after the last use of '%s'), before line %d", putH, root, rules.Line(pass, ow.pos))
	case everyPath:
		head = base + " is never released, on any path (the success return included)"
		fix = fmt.Sprintf("call %s once it is no longer needed (after the last use of '%s'), not on an error path only", putH, root)
	case via != "":
		head = fmt.Sprintf("%s leaks%s: %s skips %s", base, when, via, rel)
		fix = "call " + rel + " on this path, usually under the label it jumps to"
	default:
		head = fmt.Sprintf("%s leaks%s: this return skips %s", base, when, rel)
		fix = "call " + rel + " before this return"
	}
	related := []analysis.RelatedInformation{{Pos: ev.Ref.Site, Message: "acquired here by " + api.Name + "()"}}
	if ow != nil {
		related = append(related, analysis.RelatedInformation{Pos: ow.pos, Message: fmt.Sprintf("'%s' overwritten here: the reference is lost", ow.handle)})
	}
	if len(more) > 0 {
		var lines []string
		for _, m := range more {
			lines = append(lines, fmt.Sprint(rules.Line(pass, m.Pos)))
			related = append(related, analysis.RelatedInformation{Pos: m.Pos, Message: "also leaks here"})
		}
		word := "line "
		if len(lines) > 1 {
			word = "lines "
		}
		why += " (it also leaks at " + word + strings.Join(lines, ", ") + ")"
		if !everyPath && ow == nil {
			fix = "call " + rel + " on each of these paths"
		}
	}
	rules.Report(pass, rules.Finding{
		Pos:     pos,
		Message: head,
		Why:     why,
		Fix:     fix,
		Related: related,
		Path:    leakPath(ev, pos),
		Fixes:   mechanicalFix(pass, ev, via),
	})
}

// allSuccess says whether every leak is a success return.
func allSuccess(m *model.Model, fa *flow.Analysis, evs []flow.Event) bool {
	for _, ev := range evs {
		if ret, ok := ev.Jump.(*cparse.Return); !ok || !isSuccess(m, fa, ret) {
			return false
		}
	}
	return true
}

// anySuccess says whether one of the leaks is a success return.
func anySuccess(m *model.Model, fa *flow.Analysis, evs []flow.Event) bool {
	for _, ev := range evs {
		if ret, ok := ev.Jump.(*cparse.Return); ok && isSuccess(m, fa, ret) {
			return true
		}
	}
	return false
}

// leakPath is the path a finding shows: from the acquire to the leak; for
// a result never kept, the acquire alone.
func leakPath(ev flow.Event, pos token.Pos) []flow.Step {
	steps := ev.Steps
	if ev.Unnamed && len(steps) > 1 {
		steps = steps[:1]
	}
	return append(append([]flow.Step(nil), steps...), flow.Step{Pos: pos, Kind: flow.StepEnd, Msg: "leaked here"})
}

// failedStep is the last "when X() fails" step of the path, "" if none.
func failedStep(ev flow.Event) string {
	for i := len(ev.Steps) - 1; i >= 0; i-- {
		if st := ev.Steps[i]; st.Kind == flow.StepBranch && st.Failed {
			return st.Msg
		}
	}
	return ""
}

// isErrorVar: "return ret;" / "return err;" after a failed call counts as
// an error return; other variables do not.
func isErrorVar(m *model.Model, x cparse.Expr) bool {
	if c, ok := cparse.Unparen(x).(*cparse.Call); ok {
		return m.Is(cparse.CalleeName(c), model.ErrCode)
	}
	id, ok := cparse.Unparen(x).(*cparse.Ident)
	if !ok {
		return false
	}
	switch id.Name {
	case "ret", "err", "error", "rc", "res", "status", "rval", "retval":
		return true
	}
	return false
}

// isSuccess: "return 0;", or a pointer-returning function returning a
// value that is not an error.
func isSuccess(m *model.Model, fa *flow.Analysis, ret *cparse.Return) bool {
	if ret.Result == nil {
		return false
	}
	if lit, ok := cparse.Unparen(ret.Result).(*cparse.BasicLit); ok {
		return lit.Value == "0" && (fa.CFG.Func.Result == nil || fa.CFG.Func.Result.Ptr == 0)
	}
	r := fa.CFG.Func.Result
	return r != nil && r.Ptr > 0 && !flow.IsErrValue(m, ret.Result) && !isErrorVar(m, ret.Result)
}

// mechanicalFix inserts the release before a leaking return when that is
// certainly right: a device tree or fwnode reference named by one local
// variable, a return reached without a goto, standing as a statement of its
// own (the line before ends a statement or opens a block).
func mechanicalFix(pass *analysis.Pass, ev flow.Event, via string) []analysis.SuggestedFix {
	ret, ok := ev.Jump.(*cparse.Return)
	if !ok || via != "" || ev.Handle == "" || ev.Lost {
		return nil
	}
	api := ev.Ref.API
	if !rules.UnitOf(pass).Model.Class(api.Class).AutoFix || len(api.Release) == 0 {
		return nil
	}
	tf := pass.Fset.File(ret.At)
	if tf == nil {
		return nil
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	off := tf.Offset(ret.At)
	lineStart := off
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	indent := src[lineStart:off]
	if len(bytes.TrimLeft(indent, " \t")) != 0 {
		return nil // the return shares its line with other code
	}
	prev := bytes.TrimRight(src[:lineStart], " \t\n")
	if len(prev) == 0 || !bytes.ContainsAny(prev[len(prev)-1:], ";{}") {
		return nil // e.g. the body of a braceless if
	}
	text := fmt.Sprintf("%s(%s);\n%s", api.Release[0], ev.Handle, indent)
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("call %s(%s) before returning", api.Release[0], ev.Handle),
		TextEdits: []analysis.TextEdit{{Pos: ret.At, End: ret.At, NewText: []byte(text)}},
	}}
}
