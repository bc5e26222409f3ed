package flow

import (
	"sort"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// Summaries turn functions of the analyzed code into model entries for
// their callers: a function returning a held reference acquires, one that
// drops a parameter on every path releases it, one that stores a parameter
// takes it.
type Summaries struct {
	funcs map[string]*model.Func
	// results are the declared return types of the functions the analyzed
	// code calls, to read "if (!f())" by f's convention (NULL or errno).
	results map[string]*cparse.Type
}

// NewSummaries returns an empty table.
func NewSummaries() *Summaries {
	return &Summaries{funcs: map[string]*model.Func{}, results: map[string]*cparse.Type{}}
}

// KnowsResults says whether the table has declared return types at all.
func (s *Summaries) KnowsResults() bool { return s != nil && len(s.results) > 0 }

// Result returns the declared return type of name, nil when unknown.
func (s *Summaries) Result(name string) *cparse.Type {
	if s == nil {
		return nil
	}
	return s.results[name]
}

// Lookup returns the summary of name, nil when it has none.
func (s *Summaries) Lookup(name string) *model.Func {
	if s == nil {
		return nil
	}
	return s.funcs[name]
}

// Exported returns the summaries of f's functions that other files can
// call: a static function is private to its file, and another file's
// function of the same name is another function.
func (s *Summaries) Exported(f *cparse.File) *Summaries {
	out := NewSummaries()
	out.Merge(s)
	for _, fn := range f.Funcs {
		if fn.Static {
			delete(out.funcs, fn.Name)
		}
	}
	return out
}

// Over returns s with base under it: on a name clash s's entry wins (a
// file's own functions over other files').
func (s *Summaries) Over(base *Summaries) *Summaries {
	out := NewSummaries()
	out.Merge(s)
	out.Merge(base)
	return out
}

// Len is the number of summarized functions.
func (s *Summaries) Len() int { return len(s.funcs) }

// Merge adds o's summaries; on a name clash (static functions of two
// files) the first one, in sorted file order, wins.
func (s *Summaries) Merge(o *Summaries) {
	if o == nil {
		return
	}
	for k, v := range o.funcs {
		if _, ok := s.funcs[k]; !ok {
			s.funcs[k] = v
		}
	}
	for k, v := range o.results {
		if _, ok := s.results[k]; !ok {
			s.results[k] = v
		}
	}
}

// Names lists the summarized functions.
func (s *Summaries) Names() []string {
	var out []string
	for k := range s.funcs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Summarize computes summaries for a file's functions, callees first: it
// iterates until no summary changes (bounded), so wrappers of wrappers are
// found. global holds summaries from other files (may be nil).
func Summarize(f *cparse.File, m *model.Model, global *Summaries) *Summaries {
	local := NewSummaries()
	for name, t := range f.Protos {
		local.results[name] = t
	}
	view := NewSummaries()
	view.Merge(local)
	if global != nil {
		view.Merge(global)
	}
	for round := 0; round < 4; round++ {
		changed := false
		for _, fn := range f.Funcs {
			if m.Lookup(fn.Name) != nil {
				continue // the model is authoritative
			}
			sum := summarizeFunc(fn, m, view)
			old := local.funcs[fn.Name]
			if sum == nil {
				if old != nil {
					delete(local.funcs, fn.Name)
					delete(view.funcs, fn.Name)
					changed = true
				}
				continue
			}
			if old == nil || !sameSummary(old, sum) {
				local.funcs[fn.Name] = sum
				view.funcs[fn.Name] = sum
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return local
}

func summarizeFunc(fn *cparse.Func, m *model.Model, view *Summaries) *model.Func {
	a := Analyze(fn, Options{Model: m, Summaries: view})
	for _, r := range a.Returns {
		if !r.ErrValue && r.Result() != nil && !returnsOwnedRef(fn, r) {
			// a successful return of something else (an object found and
			// already registered, a plain pointer, data reached from the
			// reference): not a get
			return releaseSummary(fn, m, view)
		}
	}
	// returns a held reference on some path?
	var acquired *Ref
	var errPtr, null bool // failure returns seen
	for _, r := range a.Returns {
		if r.Ref != nil && r.Held && r.Ref.API != nil && (r.Ref.API.Kind == model.Acquire || r.Ref.API.Kind == model.Pin || r.Ref.API.Kind == model.Devm) {
			if acquired == nil {
				acquired = r.Ref
			}
		} else if r.ErrValue {
			if n, ok := cparse.Unparen(r.Ret.Result).(*cparse.Call); ok && (cparse.CalleeName(n) == "ERR_PTR" || cparse.CalleeName(n) == "ERR_CAST") {
				errPtr = true
			} else if fn.Result != nil && fn.Result.Ptr > 0 {
				null = true
			}
		}
	}
	fail := model.FailNone
	switch {
	case errPtr && null:
		fail = model.FailErrOrNull // callers must test IS_ERR_OR_NULL
	case errPtr:
		fail = model.FailErrPtr
	case null:
		fail = model.FailNull
	}
	if acquired != nil && fn.Result != nil && fn.Result.Ptr > 0 {
		api := acquired.API
		kind := model.Acquire
		if api.Kind == model.Devm {
			kind = model.Devm
		}
		if api.Fail == model.FailErrPtr || api.Fail == model.FailErrOrNull {
			// the acquire's own failure may be returned as it is
			if fail == model.FailNull {
				fail = model.FailErrOrNull
			} else if fail == model.FailNone {
				fail = api.Fail
			}
		}
		if api.Fail == model.FailNull && fail == model.FailNone {
			fail = model.FailNull
		}
		sum := &model.Func{Name: fn.Name, Kind: kind, Ref: model.Ref{Ret: true}, Class: api.Class, Fail: fail,
			Release: api.Release, Manual: api.Manual, Foreign: api.Foreign, Source: "summary of " + fn.Name + "() via " + api.Name + "()"}
		// an iterator step also drops the node it was given
		// (__of_get_next_child(node, prev) puts prev)
		p := Analyze(fn, Options{Model: m, Summaries: view, TrackParams: true})
		for i := range fn.Params {
			if fate, ok := p.ParamFate[i]; ok && fate.States.Has(Released) && !fate.Stored && !fate.Returned && fate.Class == api.Class {
				sum.Drops = &model.Ref{Arg: i}
				break
			}
		}
		return sum
	}
	return releaseSummary(fn, m, view)
}

// returnsOwnedRef says whether a return hands the caller a reference it
// alone holds: the acquired object itself, not something reached from it.
func returnsOwnedRef(fn *cparse.Func, r ReturnInfo) bool {
	if r.Ref == nil || !r.Owned || !r.Itself {
		return false
	}
	// &dev->field: the object only when a struct is returned (an embedded
	// device), not a scalar member
	if u, ok := cparse.Unparen(r.Result()).(*cparse.Unary); ok && u.Op == "&" {
		return fn.Result != nil && strings.HasPrefix(fn.Result.Name, "struct ")
	}
	return true
}

// releaseSummary summarizes what fn does to its parameters.
func releaseSummary(fn *cparse.Func, m *model.Model, view *Summaries) *model.Func {
	// releases a parameter on every path?
	p := Analyze(fn, Options{Model: m, Summaries: view, TrackParams: true})
	idxs := make([]int, 0, len(p.ParamFate))
	for i := range p.ParamFate {
		idxs = append(idxs, i)
	}
	sort.Ints(idxs)
	for _, i := range idxs {
		fate := p.ParamFate[i]
		if fate.States == Released && !fate.Stored && fate.Class != "" {
			return &model.Func{Name: fn.Name, Kind: model.Release, Ref: model.Ref{Arg: i}, Class: fate.Class, Fail: model.FailNone, Source: "summary of " + fn.Name + "()"}
		}
	}
	// keeps a parameter (hw->node = np) on some path? The caller's
	// reference is handed over, or lent for as long as the store lives.
	for _, i := range idxs {
		if fate := p.ParamFate[i]; fate.Stored && fate.States.Has(Held) {
			return &model.Func{Name: fn.Name, Kind: model.Takes, Ref: model.Ref{Arg: i}, Class: fate.Class, Fail: model.FailNone, Source: "summary of " + fn.Name + "()"}
		}
	}
	return nil
}

func sameSummary(a, b *model.Func) bool {
	return a.Kind == b.Kind && a.Ref == b.Ref && a.Class == b.Class && a.Fail == b.Fail && a.Source == b.Source &&
		(a.Drops == nil) == (b.Drops == nil) && (a.Drops == nil || *a.Drops == *b.Drops)
}
