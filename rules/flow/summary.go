package flow

import (
	"sort"
	"strings"
	"sync"

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
	// unbind are the fields of the objects functions return that a devm
	// action they register releases when the device unbinds.
	unbind map[string][]UnbindRelease
	// frees are the fields a function releases of the objects it reaches
	// from its arguments, by struct type (FieldReleases).
	frees map[string][]UnbindRelease
	// base answers what this table does not (Over): a layer, not a copy,
	// since the table of a whole run is large.
	base *Summaries
	// live, on the base of a unit's view while a run is still summarizing
	// files, answers from the table being filled and records the answers
	// (Live.Base).
	live *Answers
}

// NewSummaries returns an empty table.
func NewSummaries() *Summaries {
	return &Summaries{funcs: map[string]*model.Func{}, results: map[string]*cparse.Type{}, unbind: map[string][]UnbindRelease{}, frees: map[string][]UnbindRelease{}}
}

// KnowsResults says whether the table has declared return types at all.
func (s *Summaries) KnowsResults() bool {
	for ; s != nil; s = s.base {
		if len(s.results) > 0 {
			return true
		}
		if s.live != nil {
			return s.live.knowsResults()
		}
	}
	return false
}

// Result returns the declared return type of name, nil when unknown.
func (s *Summaries) Result(name string) *cparse.Type {
	return find(s, name, func(l *Summaries) map[string]*cparse.Type { return l.results }, (*Answers).result)
}

// Lookup returns the summary of name, nil when it has none.
func (s *Summaries) Lookup(name string) *model.Func {
	return find(s, name, func(l *Summaries) map[string]*model.Func { return l.funcs }, (*Answers).lookup)
}

// Unbind returns the fields of the object name returns that are released
// when the device unbinds (UnbindRelease), nil when none are known.
func (s *Summaries) Unbind(name string) []UnbindRelease {
	return find(s, name, func(l *Summaries) map[string][]UnbindRelease { return l.unbind }, (*Answers).unbindOf)
}

// FieldReleases returns the fields name releases of the objects it
// reaches from its arguments (Struct set: spl2sw_phy_remove(comm) puts
// each port's struct spl2sw_mac phy_node), nil when none are known.
func (s *Summaries) FieldReleases(name string) []UnbindRelease {
	return find(s, name, func(l *Summaries) map[string][]UnbindRelease { return l.frees }, (*Answers).freesOf)
}

// find answers name from the first layer whose table has it, else from
// the live table under the last layer, else with the zero value.
func find[T any](s *Summaries, name string, table func(*Summaries) map[string]T, live func(*Answers, string) T) T {
	for ; s != nil; s = s.base {
		if v, ok := table(s)[name]; ok {
			return v
		}
		if s.live != nil {
			return live(s.live, name)
		}
	}
	var zero T
	return zero
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
			delete(out.unbind, fn.Name)
			delete(out.frees, fn.Name)
		}
	}
	return out
}

// Over returns s with base under it: on a name clash s's entry wins (a
// file's own functions over other files'). s and base must not change
// while the result is in use.
func (s *Summaries) Over(base *Summaries) *Summaries {
	out := NewSummaries()
	out.Merge(s)
	out.base = base
	return out
}

// Len is the number of summarized functions (layers included).
func (s *Summaries) Len() int { return len(s.Names()) }

// Merge adds o's summaries (all its layers); on a name clash (static
// functions of two files) the first one, in sorted file order, wins.
func (s *Summaries) Merge(o *Summaries) {
	for ; o != nil; o = o.base {
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
		for k, v := range o.unbind {
			if _, ok := s.unbind[k]; !ok {
				s.unbind[k] = v
			}
		}
		for k, v := range o.frees {
			if _, ok := s.frees[k]; !ok {
				s.frees[k] = v
			}
		}
	}
}

// Names lists the summarized functions.
func (s *Summaries) Names() []string {
	seen := map[string]bool{}
	var out []string
	for l := s; l != nil; l = l.base {
		for k := range l.funcs {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Live is the table of every file's exported summaries while a run is
// still filling it: a unit's rules run as soon as the unit is summarized,
// against what is known so far (Base), and the answers they got are
// checked against the final table afterwards (Answers.Stale), instead of
// every unit's syntax tree being kept until all files are summarized.
type Live struct {
	mu    sync.RWMutex
	table *Summaries
}

// NewLive returns an empty live table.
func NewLive() *Live { return &Live{table: NewSummaries()} }

// Add merges a file's exported summaries.
func (l *Live) Add(s *Summaries) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.table.Merge(s)
}

// Base returns the base of one unit's view, answering from the live table;
// each question is asked of it once and its answer kept, so that the unit
// sees one table throughout and the answers can be checked later.
func (l *Live) Base() (*Summaries, *Answers) {
	a := &Answers{live: l, funcs: map[string]*model.Func{}, results: map[string]*cparse.Type{}, unbind: map[string][]UnbindRelease{}, frees: map[string][]UnbindRelease{}}
	s := NewSummaries()
	s.live = a
	return s, a
}

// Answers are what a unit's view got from a live table.
type Answers struct {
	live    *Live
	mu      sync.Mutex
	funcs   map[string]*model.Func
	results map[string]*cparse.Type
	unbind  map[string][]UnbindRelease
	frees   map[string][]UnbindRelease
	knows   *bool
}

func (a *Answers) lookup(name string) *model.Func {
	return ask(a, a.funcs, name, (*Summaries).Lookup)
}

func (a *Answers) result(name string) *cparse.Type {
	return ask(a, a.results, name, (*Summaries).Result)
}

// ask answers a question from the live table the first time, and with
// that same answer afterwards.
func ask[T any](a *Answers, answered map[string]T, name string, from func(*Summaries, string) T) T {
	a.mu.Lock()
	defer a.mu.Unlock()
	v, ok := answered[name]
	if !ok {
		a.live.mu.RLock()
		v = from(a.live.table, name)
		a.live.mu.RUnlock()
		answered[name] = v
	}
	return v
}

func (a *Answers) unbindOf(name string) []UnbindRelease {
	return ask(a, a.unbind, name, (*Summaries).Unbind)
}

func (a *Answers) freesOf(name string) []UnbindRelease {
	return ask(a, a.frees, name, (*Summaries).FieldReleases)
}

func (a *Answers) knowsResults() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.knows == nil {
		a.live.mu.RLock()
		k := a.live.table.KnowsResults()
		a.live.mu.RUnlock()
		a.knows = &k
	}
	return *a.knows
}

// Asked calls f with every name the unit asked about.
func (a *Answers) Asked(f func(name string)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for name := range a.funcs {
		f(name)
	}
	for name := range a.results {
		f(name)
	}
	for name := range a.unbind {
		f(name)
	}
	for name := range a.frees {
		f(name)
	}
}

// Stale says whether final answers one of the questions otherwise: then
// the unit must be checked again against final.
func (a *Answers) Stale(final *Summaries) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.knows != nil && *a.knows != final.KnowsResults() {
		return true
	}
	for name, f := range a.funcs {
		if final.Lookup(name) != f {
			return true
		}
	}
	for name, t := range a.results {
		if final.Result(name) != t {
			return true
		}
	}
	for name, u := range a.unbind {
		if !sameUnbind(final.Unbind(name), u) {
			return true
		}
	}
	for name, u := range a.frees {
		if !sameUnbind(final.FieldReleases(name), u) {
			return true
		}
	}
	return false
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
	// A function's summary depends on the view only through the names it
	// uses: after the first round, only functions using a name whose
	// summary changed since they were last summarized are redone.
	uses := make([]map[string]bool, len(f.Funcs))
	summarizedAt := make([]int, len(f.Funcs))
	changedAt := map[string]int{}
	clock := 0
	for round := 0; round < 4; round++ {
		changed := false
		for i, fn := range f.Funcs {
			if m.RefFunc(fn.Name) != nil {
				continue // the model is authoritative
			}
			if round > 0 && !usesChanged(uses[i], changedAt, summarizedAt[i]) {
				continue
			}
			if uses[i] == nil {
				uses[i] = namesUsed(fn)
			}
			clock++
			summarizedAt[i] = clock
			sum := summarizeFunc(fn, m, view)
			old := local.funcs[fn.Name]
			if sum == nil {
				if old != nil {
					delete(local.funcs, fn.Name)
					delete(view.funcs, fn.Name)
					changed = true
					changedAt[fn.Name] = clock
				}
				continue
			}
			if old == nil || !sameSummary(old, sum) {
				local.funcs[fn.Name] = sum
				view.funcs[fn.Name] = sum
				changed = true
				changedAt[fn.Name] = clock
			}
		}
		if !changed {
			break
		}
	}
	local.unbind = unbindReleases(m, f, func(name string) *model.Func { return ReleaseAPI(m, view, name) })
	if local.unbind == nil {
		local.unbind = map[string][]UnbindRelease{}
	}
	local.frees = freedFields(m, f, func(name string) *model.Func { return ReleaseAPI(m, view, name) })
	return local
}

func usesChanged(uses map[string]bool, changedAt map[string]int, since int) bool {
	for name, at := range changedAt {
		if at >= since && uses[name] {
			return true
		}
	}
	return false
}

// namesUsed is every identifier fn's body names (callees among them).
func namesUsed(fn *cparse.Func) map[string]bool {
	out := map[string]bool{}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		if id, ok := n.(*cparse.Ident); ok {
			out[id.Name] = true
		}
		return true
	})
	return out
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
			if n, ok := cparse.Unparen(r.Ret.Result).(*cparse.Call); ok && makesErrPtr(m, n) {
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
			Release: api.Release, Manual: api.Manual, Foreign: api.Foreign, Source: summarySource, Summary: true, Via: api.Name}
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
			return &model.Func{Name: fn.Name, Kind: model.Release, Ref: model.Ref{Arg: i}, Class: fate.Class, Fail: model.FailNone, Source: summarySource, Summary: true}
		}
	}
	// keeps a parameter (hw->node = np) on some path? The caller's
	// reference is handed over, or lent for as long as the store lives;
	// unless the function takes a reference of its own first
	// (mdio_device_get(mdio); lynx->mdio = mdio): then it holds it.
	pinned, passed := ownRefs(fn, m, view)
	for _, i := range idxs {
		if fate := p.ParamFate[i]; fate.Stored && fate.States.Has(Held) {
			kind := model.Takes
			if pinned[i] || passed[i] {
				kind = model.Holds
			}
			return &model.Func{Name: fn.Name, Kind: kind, Ref: model.Ref{Arg: i}, Class: fate.Class, Fail: model.FailNone, Source: summarySource, Summary: true}
		}
	}
	// hands a parameter to a function that holds it (xpcs_create() to
	// xpcs_create_data()): holds it too
	for i := range fn.Params {
		if passed[i] {
			return &model.Func{Name: fn.Name, Kind: model.Holds, Ref: model.Ref{Arg: i}, Fail: model.FailNone, Source: summarySource, Summary: true}
		}
	}
	return nil
}

// ownRefs finds the parameters fn takes a reference of its own on: pinned
// (mdio_device_get(mdio), get_device(&mdio->dev)) or passed to a function
// that holds that argument (a holds summary, a model acquire with holds=).
func ownRefs(fn *cparse.Func, m *model.Model, view *Summaries) (pinned, passed map[int]bool) {
	pinned, passed = map[int]bool{}, map[int]bool{}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		c, ok := n.(*cparse.Call)
		if !ok {
			return true
		}
		name := cparse.CalleeName(c)
		api := m.RefFunc(name)
		if api == nil {
			api = view.Lookup(name)
		}
		if api == nil {
			return true
		}
		arg := func(r model.Ref) int {
			if r.Ret || r.Field != "" || r.Arg >= len(c.Args) {
				return -1
			}
			return paramIndex(m, fn, c.Args[r.Arg])
		}
		switch {
		case api.Kind == model.Pin:
			if i := arg(api.Ref); i >= 0 {
				pinned[i] = true
			}
		case api.Held() != nil:
			if i := arg(*api.Held()); i >= 0 {
				passed[i] = true
			}
		}
		return true
	})
	return pinned, passed
}

// paramIndex is the index of the parameter arg is or is reached from
// (mdio, &mdio->dev), -1 when none.
func paramIndex(m *model.Model, fn *cparse.Func, arg cparse.Expr) int {
	for _, p := range ArgPaths(m, arg) {
		root, _, _ := strings.Cut(strings.TrimPrefix(p, "&"), ".")
		for i, prm := range fn.Params {
			if prm.Name == root {
				return i
			}
		}
	}
	return -1
}

// summarySource is the Source of every summary (model.Func.Summary).
const summarySource = "summary"

// makesErrPtr says whether c makes an error pointer (ERR_PTR(), ERR_CAST()).
func makesErrPtr(m *model.Model, c *cparse.Call) bool {
	f := m.Lookup(cparse.CalleeName(c))
	return f != nil && (f.Kind == model.ErrValue && f.Fail == model.FailErrPtr || f.Kind == model.ErrCast)
}

func sameSummary(a, b *model.Func) bool {
	return a.Kind == b.Kind && a.Ref == b.Ref && a.Class == b.Class && a.Fail == b.Fail && a.Via == b.Via &&
		(a.Drops == nil) == (b.Drops == nil) && (a.Drops == nil || *a.Drops == *b.Drops)
}
