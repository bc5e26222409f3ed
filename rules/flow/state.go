package flow

import (
	"go/token"
	"sort"
	"strings"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// States a reference can be in on a path; a reference's state at a point
// is the set of states over the paths reaching it.
type States uint8

const (
	Held     States = 1 << iota // acquired, not yet dropped
	Released                    // dropped
	Null                        // the acquire failed with NULL / error code / false
	ErrPtr                      // the acquire failed with an ERR_PTR
	Absent                      // not acquired on this path
)

func (s States) Has(b States) bool { return s&b != 0 }

// Ref is one acquisition site.
type Ref struct {
	ID       int
	Site     token.Pos
	Call     *cparse.Call
	API      *model.Func // the model entry (or a summary turned into one)
	Iterator bool        // acquired by an iterator step that drops its argument
	// Borrowed: a get on an object the function already had (get_device(d),
	// try_module_get(owner), of_node_get(np); on its own). Keeping it past
	// a successful return is what an attach does, so only error returns
	// leak it, and the object outlives its put.
	Borrowed bool
	// Backed: one more count on an object something else already kept for
	// the caller (of_node_get(dev->of_node), of_node_get(param)): putting
	// it cannot free the object, so a later use is not a use-after-free.
	Backed bool
	// Lent: the put of a count embedded in an object the function did
	// not acquire (lentPut); the reference is born released.
	Lent bool
}

// mustRelease says whether the caller has to drop the reference itself:
// device-managed ones are released by devres at unbind.
func (r *Ref) mustRelease() bool {
	return r.API != nil && !r.Borrowed && r.API.Kind != model.Devm && !(r.API.Kind == model.Register && r.API.Devm)
}

// Step is a notable event on the path a finding follows.
type Step struct {
	Pos  token.Pos
	Kind StepKind
	// Msg says the step in words for the reader ("when foo() fails").
	Msg string
	// Callee: StepAcquire, the acquire; StepBranch, the call whose result
	// the branch tests ("" when it tests something else).
	Callee string
	// Failed, for StepBranch: the branch is the one where Callee failed.
	Failed bool
	// Label, for StepGoto.
	Label string
}

// StepKind classifies steps.
type StepKind int

const (
	StepAcquire StepKind = iota // the reference is taken
	StepBranch                  // a branch taken
	StepGoto                    // a goto to an error label
	StepEnd                     // where the finding happens (the leak)
)

type refState struct {
	set     States
	handles []string // lvalue paths naming the object, sorted
	stored  bool     // saved where it outlives the call
	// inDevm: saved only in memory the probe allocated with devm_*(),
	// which outlives the call unless the probe fails.
	inDevm   bool
	returned bool
	auto     bool // bound to a __free()/cleanup variable
	status   string
	// statusFailTrue: a true status value means the acquire failed (errno
	// convention); false means it succeeded (try_module_get).
	statusFailTrue bool
	releasedAt     token.Pos
	releasedBy     *cparse.Call // the call that dropped it
	// extra counts gets taken on the object itself (of_node_get(np) with
	// the result discarded, get_device(&pdev->dev)): each is one more put
	// the object can take before it is released.
	extra int
	// putWhileAuto: dropped by hand while bound to a cleanup variable,
	// whose cleanup drops it again unless the variable is cleared.
	putWhileAuto bool
	relClass     string // for tracked parameters: the class a release gave it
	// relSummary: dropped by a summarized function of the analyzed code,
	// which may drop another count than this one (a registration's).
	relSummary bool
	// passed: handed to a function the model does not know, which may
	// have taken a reference of its own (phy_attach_direct()).
	passed bool
	// passedTo: the variable the result of the only call it was passed
	// to went to (client = of_i2c_register_device(adap, ...)); a call
	// that failed with an error pointer kept nothing, so on the branch
	// where IS_ERR(client) holds the reference was not passed on.
	passedTo string
	// statusFail is what a failing status value says about the reference
	// (Null for an errno acquire; ErrPtr for ret = PTR_ERR_OR_ZERO(p)).
	statusFail States
	// derived are pointer variables computed from the object by functions
	// the model does not know (iep = platform_get_drvdata(pdev)):
	// returning one hands the reference over with it.
	derived []string
	// conflated: the same call site acquired again while another name
	// still reached the previous object (prev = np; np = next(np)): the
	// one state stands for two objects, too unsure for put/use findings.
	conflated bool
	// guard holds branch facts true on every path where the reference is
	// held: a later test of the same variable going the other way means it
	// is not held there (if (!prev) np = get(); ... if (prev) ...).
	guard map[string]bool
	// weak lists handles that name the reference on some paths only
	// (joined from paths where the variable held something else).
	weak  map[string]bool
	steps []Step
	// named: some variable or place named the reference on this path.
	named bool
	// devres: a devres action drops the reference at unbind (handed over
	// with devm_add_action_or_reset()); the object lives until then.
	devres bool
	// enabled: the object was turned on (clk_prepare_enable() succeeded,
	// clk_notifier_register()) and not off again on every path where it
	// is held. clk.h forbids clk_put() of an enabled clock, so keeping the
	// reference there is a hold for the system's life, not a leak.
	enabled bool
	// enableStatus: the variable holding the result of that enable call,
	// until it is assigned again: a test of it saying the call failed
	// means the object is not on.
	enableStatus string
	// regPut: a deregister (device_del()) left the registration's
	// reference to the next call of one of these releases; until then
	// the object lives, and that release is no second put.
	regPut []string
}

// kept: saved where it outlives the call, at least while the probe it is
// stored by succeeds.
func (r *refState) kept() bool { return r.stored || r.inDevm }

func (r *refState) clone() *refState {
	c := *r
	c.handles = append([]string(nil), r.handles...)
	c.derived = append([]string(nil), r.derived...)
	if r.guard != nil {
		c.guard = make(map[string]bool, len(r.guard))
		for k, v := range r.guard {
			c.guard[k] = v
		}
	}
	if r.weak != nil {
		c.weak = make(map[string]bool, len(r.weak))
		for k := range r.weak {
			c.weak[k] = true
		}
	}
	c.steps = append([]Step(nil), r.steps...)
	return &c
}

func (r *refState) hasHandle(h string) bool {
	for _, x := range r.handles {
		if x == h {
			return true
		}
	}
	return false
}

func (r *refState) addHandle(h string) {
	delete(r.weak, h) // named here on this path
	if h == "" || r.hasHandle(h) {
		return
	}
	r.named = true
	r.handles = append(r.handles, h)
	sort.Strings(r.handles)
}

func (r *refState) setWeak(h string) {
	if r.weak == nil {
		r.weak = map[string]bool{}
	}
	r.weak[h] = true
}

func (r *refState) dropHandle(h string) {
	delete(r.weak, h)
	for i, x := range r.handles {
		if x == h {
			r.handles = append(r.handles[:i:i], r.handles[i+1:]...)
			return
		}
	}
}

func (r *refState) addStep(s Step) {
	if len(r.steps) >= 12 {
		r.steps = append(r.steps[:1], r.steps[2:]...)
	}
	r.steps = append(r.steps, s)
}

// env is the dataflow fact: the state of every reference, plus which call
// last assigned each local variable (for messages and status checks).
type env struct {
	refs     map[int]*refState
	assigned map[string]string // variable -> callee whose result it holds
	// facts records what branches taken say about plain variables (true:
	// non-zero / non-NULL), so a later test of the same variable is not
	// taken both ways: if (!prev) np = get(); ... if (prev) ... else put(np).
	facts map[string]bool
}

// clobber forgets what branches said about a variable that changes.
func (e *env) clobber(v string) {
	if v == "" {
		return
	}
	delete(e.facts, v)
	delete(e.facts, uncountedKey(v))
	if base, ok := strings.CutSuffix(v, "[]"); ok {
		delete(e.facts, "*"+base) // p[i] = 0 may change *p
	}
	for _, r := range e.refs {
		delete(r.guard, v)
	}
	e.clobberUnder(v)
}

// clobberUnder forgets what branches said about the members of v (v.x,
// v.x.y): v changed, or was handed to a function that may change them.
func (e *env) clobberUnder(v string) {
	if v == "" {
		return
	}
	for k := range e.facts {
		if under(k, v) {
			delete(e.facts, k)
		}
	}
	for _, r := range e.refs {
		for k := range r.guard {
			if under(k, v) {
				delete(r.guard, k)
			}
		}
	}
}

// under says whether fact path k may change when v changes or is handed
// to a function: a member of v (v.x.y), or what v or such a member
// points to (*v, *v.x).
func under(k, v string) bool {
	d := strings.TrimPrefix(k, "*")
	return strings.HasPrefix(d, v+".") || d != k && d == v
}

func newEnv() *env {
	return &env{refs: map[int]*refState{}, assigned: map[string]string{}, facts: map[string]bool{}}
}

func (e *env) clone() *env {
	c := &env{refs: make(map[int]*refState, len(e.refs)), assigned: make(map[string]string, len(e.assigned)), facts: make(map[string]bool, len(e.facts))}
	for k, v := range e.facts {
		c.facts[k] = v
	}
	for k, v := range e.refs {
		c.refs[k] = v.clone()
	}
	for k, v := range e.assigned {
		c.assigned[k] = v
	}
	return c
}

// join merges o into e; it reports whether e changed.
func (e *env) join(o *env) bool {
	changed := false
	for id, r := range o.refs {
		mine, ok := e.refs[id]
		if !ok {
			c := r.clone()
			c.set |= Absent
			for _, h := range c.handles {
				c.setWeak(h)
			}
			e.refs[id] = c
			changed = true
			continue
		}
		switch {
		case mine.set.Has(Held) && r.set.Has(Held):
			if mine.enabled && !r.enabled {
				mine.enabled = false // on only where every held path turned it on
				changed = true
			}
			for k, v := range mine.guard {
				if ov, ok := r.guard[k]; !ok || ov != v {
					delete(mine.guard, k)
					changed = true
				}
			}
		case r.set.Has(Held):
			mine.guard = r.clone().guard
			mine.enabled = r.enabled
			changed = true
		}
		if mine.enableStatus == "" && r.enableStatus != "" {
			mine.enableStatus = r.enableStatus
			changed = true
		}
		if mine.set|r.set != mine.set {
			if !mine.set.Has(Held) && r.set.Has(Held) {
				mine.steps = append([]Step(nil), r.steps...)
			}
			mine.set |= r.set
			changed = true
		}
		for _, h := range r.handles {
			if !mine.hasHandle(h) {
				mine.addHandle(h)
				mine.setWeak(h)
				changed = true
			} else if r.weak[h] && !mine.weak[h] {
				mine.setWeak(h)
				changed = true
			}
		}
		for _, h := range mine.handles {
			if !r.hasHandle(h) && !mine.weak[h] {
				mine.setWeak(h)
				changed = true
			}
		}
		for _, d := range r.derived {
			if !contains(mine.derived, d) {
				mine.derived = append(mine.derived, d)
				changed = true
			}
		}
		if r.stored && !mine.stored || r.returned && !mine.returned || r.auto && !mine.auto || r.inDevm && !mine.inDevm {
			mine.stored = mine.stored || r.stored
			mine.inDevm = mine.inDevm || r.inDevm
			mine.returned = mine.returned || r.returned
			mine.auto = mine.auto || r.auto
			changed = true
		}
		if mine.status == "" && r.status != "" {
			mine.status, mine.statusFailTrue, mine.statusFail = r.status, r.statusFailTrue, r.statusFail
			changed = true
		}
		if mine.releasedAt == token.NoPos && r.releasedAt != token.NoPos {
			mine.releasedAt, mine.releasedBy = r.releasedAt, r.releasedBy
		}
		if r.extra > mine.extra {
			// the larger count: never claim a put is one too many
			mine.extra = r.extra
			changed = true
		}
		if r.named && !mine.named || r.devres && !mine.devres {
			mine.named = mine.named || r.named
			mine.devres = mine.devres || r.devres
			changed = true
		}
		if r.regPut != nil && mine.regPut == nil {
			mine.regPut = r.regPut
			changed = true
		}
		if r.conflated && !mine.conflated {
			mine.conflated = true
			changed = true
		}
		pt := mine.passedTo
		switch {
		case !r.passed:
		case !mine.passed:
			pt = r.passedTo
		case mine.passedTo != r.passedTo:
			pt = ""
		}
		if pt != mine.passedTo {
			mine.passedTo = pt
			changed = true
		}
		if r.putWhileAuto && !mine.putWhileAuto || r.relSummary && !mine.relSummary || r.passed && !mine.passed {
			mine.putWhileAuto = mine.putWhileAuto || r.putWhileAuto
			mine.relSummary = mine.relSummary || r.relSummary
			mine.passed = mine.passed || r.passed
			changed = true
		}
	}
	for id, mine := range e.refs {
		if _, ok := o.refs[id]; !ok && !mine.set.Has(Absent) {
			mine.set |= Absent
			for _, h := range mine.handles {
				mine.setWeak(h)
			}
			changed = true
		}
	}
	for k, v := range e.facts {
		if ov, ok := o.facts[k]; !ok || ov != v {
			delete(e.facts, k)
			changed = true
		}
	}
	for k, v := range o.assigned {
		if cur, ok := e.assigned[k]; !ok {
			e.assigned[k] = v
			changed = true
		} else if cur != v && cur != "" {
			e.assigned[k] = ""
			changed = true
		}
	}
	return changed
}
