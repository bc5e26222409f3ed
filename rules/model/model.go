// Package model is pcslint's kernel knowledge: which functions acquire,
// release, pin, link, register or revoke provider objects, and the kernel
// idioms the rules read around them (error pointers, views of one object,
// devres actions, locks, driver structures, device-link flags), read from
// an embedded, reviewable table (kernel.model) that users extend with
// .pcslint.yaml. Rules ask the Model typed questions; no rule names a
// kernel identifier itself.
package model

import (
	_ "embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed kernel.model
var builtin string

// Kind is what an entry of the model is: for functions, what a call does.
type Kind string

// Reference kinds: what a call does to counted references. These are the
// kinds that make a file worth parsing (Triggers).
const (
	Acquire    Kind = "acquire"
	Release    Kind = "release"
	Devm       Kind = "devm"
	Pin        Kind = "pin"
	Link       Kind = "link"
	Register   Kind = "register"
	Unregister Kind = "unregister"
	Revoke     Kind = "revoke"
	Takes      Kind = "takes"
	// Holds: the call keeps ref= with a reference of its own; the caller's
	// stays the caller's to put.
	Holds  Kind = "holds"
	Lookup Kind = "lookup"
)

// Idiom kinds: functions (or function-like macros) whose meaning the
// dataflow and the rules need, but which take no counted reference.
const (
	// View returns its argument's object seen as another type
	// (to_platform_device(), of_fwnode_handle()).
	View Kind = "view"
	// Steal returns the reference a cleanup variable holds and disarms
	// the cleanup (no_free_ptr(), return_ptr()).
	Steal Kind = "steal"
	// ErrCast passes an error pointer on under another type (ERR_CAST()).
	ErrCast Kind = "errcast"
	// ErrTest tests its argument for an error pointer (IS_ERR(); with
	// fail=errornull, NULL too).
	ErrTest Kind = "errtest"
	// ErrCode is the error code of a pointer (PTR_ERR(); with zero, 0 for
	// a valid pointer: PTR_ERR_OR_ZERO()).
	ErrCode Kind = "errcode"
	// ErrValue makes an error value (ERR_PTR(), dev_err_probe()).
	ErrValue Kind = "errvalue"
	// Hint is a branch hint that yields its argument's truth
	// (likely(), WARN_ON()).
	Hint Kind = "hint"
	// Devres registers a function the driver core runs when the device
	// unbinds (action=, data=); with reset, it also runs at once when
	// the registration fails.
	Devres Kind = "devres"
	// LockCall and UnlockCall take and drop the lock ref= names.
	LockCall   Kind = "lock"
	UnlockCall Kind = "unlock"
	// Guard is the cleanup of a scoped lock guard (guard(), scoped_guard()):
	// the lock is held until the variable goes out of scope.
	Guard Kind = "guard"
	// Unlist takes an entry off a list.
	Unlist Kind = "unlist"
	// Tell lets the holders of an object know (a notifier chain): a
	// revocation path.
	Tell Kind = "tell"
	// CountGet and CountPut take and drop a count embedded in an object
	// (kref_get(), refcount_dec_and_test()).
	CountGet Kind = "get"
	CountPut Kind = "put"
	// DrvData returns the driver data of the device ref= names.
	DrvData Kind = "drvdata"
	// Predicate answers a yes/no question (of_device_is_available()), by
	// the kernel's naming conventions, rather than returning 0 or an
	// error code.
	Predicate Kind = "predicate"
	// Fails returns a pointer that reports failure the way fail= says
	// (devm_ioremap(): NULL; devm_platform_ioremap_resource(): ERR_PTR)
	// and takes no counted reference: what err-ptr-check needs of it.
	Fails Kind = "fails"
	// Enable and Disable turn on and off what must be off before ref= is
	// released (clk.h: no clk_put() of an enabled clock); a reference
	// enabled and never disabled is kept for the system's life.
	Enable  Kind = "enable"
	Disable Kind = "disable"
	// Tolerates takes a pointer (ref=) that may be an error pointer and
	// returns without dereferencing it (gpiolib's validate_desc() warns
	// and bails out): an ERR_PTR reaching it is a swallowed error, not a
	// crash.
	Tolerates Kind = "tolerates"
	// NotAPI marks a name a pattern entry would otherwise match
	// (spin_lock_init() is no lock).
	NotAPI Kind = "none"
	// Deregister takes the registered object ref= off its registry and
	// drops the reference its registration holds (device_unregister()),
	// or, with release=, leaves that drop to the next of those releases
	// (device_del() then put_device()). The registration's reference
	// keeps the object alive up to that drop, whatever its caller put
	// before.
	Deregister Kind = "deregister"
)

// Non-function entries.
const (
	// ClassKind describes a class of references (class=).
	ClassKind Kind = "class"
	// FieldKind gives a struct member name a role (a driver's
	// .suppress_bind_attrs, .remove).
	FieldKind Kind = "field"
	// TypeKind gives a type a role (struct list_head, struct *_driver).
	TypeKind Kind = "type"
	// MacroKind gives an object-like or declaring macro a role
	// (LIST_HEAD()).
	MacroKind Kind = "macro"
)

// refKinds are the kinds whose calls take, drop or guard counted
// references.
var refKinds = map[Kind]bool{Acquire: true, Release: true, Devm: true, Pin: true, Link: true, Register: true, Unregister: true, Revoke: true, Takes: true, Holds: true, Lookup: true}

var funcKinds = map[Kind]bool{View: true, Steal: true, ErrCast: true, ErrTest: true, ErrCode: true, ErrValue: true, Hint: true,
	Devres: true, LockCall: true, UnlockCall: true, Guard: true, Unlist: true, Tell: true, CountGet: true, CountPut: true, DrvData: true, Predicate: true, Fails: true, Enable: true, Disable: true, Tolerates: true, NotAPI: true, Deregister: true}

// IsRef says whether k is a reference kind.
func (k Kind) IsRef() bool { return refKinds[k] }

// Fail is how a function reports failure.
type Fail string

const (
	FailNone      Fail = "none"
	FailNull      Fail = "null"
	FailErrPtr    Fail = "errptr"
	FailErrOrNull Fail = "errornull"
	FailErrno     Fail = "errno"
	FailFalse     Fail = "false"
)

// Ref says where the reference is: the return value, or argument Arg
// (Field set: the field of the struct argument Arg points to).
type Ref struct {
	Ret   bool
	Arg   int
	Field string
}

func (r Ref) String() string {
	if r.Ret {
		return "ret"
	}
	if r.Field != "" {
		return fmt.Sprintf("arg%d.%s", r.Arg, r.Field)
	}
	return fmt.Sprintf("arg%d", r.Arg)
}

// Func is one function entry of the model.
type Func struct {
	Name    string
	Kind    Kind
	Ref     Ref
	Class   string
	Fail    Fail
	Release []string // for acquire/pin/register: the matching releases
	Manual  []string // for devm: releases that must not be called by hand
	Drops   *Ref     // an argument this call also releases
	Keeps   *Ref     // an argument the created object keeps (its reference is handed over)
	Holds   *Ref     // an argument the created object keeps with a reference of its own
	Foreign bool     // the object belongs to another device
	Devm    bool     // a devm release (devm_phy_put): fine on devm objects
	// Common: named by so many files (devm_kzalloc()) that naming it
	// alone does not make a file worth parsing; the rules that need it
	// say when it does (their Triggers.Text).
	Common bool
	// Action and Data: for devres, the function run at unbind and the
	// argument it is given.
	Action *Ref
	Data   *Ref
	// Reset: a devres registration that runs its action at once when it
	// fails (devm_add_action_or_reset()).
	Reset bool
	// Zero: an errcode that is 0 for a valid pointer (PTR_ERR_OR_ZERO()).
	Zero bool
	// Scalar: an errtest of an unsigned long, not a pointer
	// (IS_ERR_VALUE()).
	Scalar bool
	// ClassDev: the device an acquire finds is a class device, whose
	// driver data is the subsystem's own object.
	ClassDev bool
	// Child: an acquire that finds a child of the node it is given; a
	// device made for a child of a device's own node is that device's
	// child, which cannot be linked as its supplier.
	Child bool
	// Twin, for a release: its devm_ counterpart.
	Twin string
	// Lock, for a revoke or a lookup: the lock it must run under.
	Lock string
	// Self: an acquire whose result is its first argument's object, with
	// one more count (of_node_get(np) returns np).
	Self bool
	// Uncounted, for a predicate: when it holds, the node ref= names has
	// no refcount (an ACPI fwnode: its get and put do nothing).
	Uncounted bool
	// Flags, for a link: the argument holding the link's flags, and the
	// flag (name and value) that makes it stateless.
	Flags         *Ref
	StatelessFlag string
	StatelessBit  uint64
	// Managed, for a link: the flag to advise for a managed link.
	Managed string
	Source  string // "builtin", the config file, or a summary (IsSummary)
	// Summary: computed from the analyzed code, not read from a model
	// file (a wrapper's summary may be partial).
	Summary bool
	// Via is the model function a summary was computed through.
	Via string
	// Of, for a none entry: the kinds it excludes (all when empty).
	Of []Kind
	// seq orders entries as the model file lists them (the first of a
	// kind is the one advice names).
	seq int
}

// Held is the argument the call keeps with a reference of its own (a
// holds entry's ref=, an acquire's holds=), nil when none.
func (f *Func) Held() *Ref {
	if f.Kind == Holds {
		r := f.Ref
		return &r
	}
	return f.Holds
}

// HandedOver is the argument whose reference the call takes over (a takes
// entry's ref=, an acquire's keeps=), nil when none.
func (f *Func) HandedOver() *Ref {
	if f.Kind == Takes {
		r := f.Ref
		return &r
	}
	return f.Keeps
}

// Role is what a class of references, a field, a type or a macro stands
// for in the driver model.
type Role string

const (
	// class roles
	RoleDevice   Role = "device"   // a struct device reference (get_device())
	RoleNode     Role = "node"     // a firmware node (of_node, fwnode): one family
	RoleModule   Role = "module"   // a module reference
	RoleLink     Role = "link"     // a device link
	RoleProvider Role = "provider" // an object a provider driver hands out (phy, pcs)
	RoleHandle   Role = "handle"   // a plain counted handle (clk)
	// field roles
	RoleNoUnbind Role = "nobind" // .suppress_bind_attrs
	RoleRemove   Role = "remove" // .remove
	RoleProbe    Role = "probe"  // .probe
	RoleDriver   Role = "driver" // the embedded struct device_driver (.driver = {...})
	RoleOwner    Role = "owner"  // the module owning an ops table (ops->owner)
	// RoleNode is also the field role of a device's firmware node
	// (dev->of_node, dev->fwnode), RoleDevice the type role of struct device.
	// type roles
	RoleDriverType Role = "drivertype" // a bus's driver structure (struct platform_driver)
	RoleList       Role = "list"       // a list head (struct list_head)
	RoleKref       Role = "kref"       // an embedded count (struct kref)
	// macro roles
	RoleListHead Role = "listhead" // declares a list head (LIST_HEAD())
)

// Class describes a class of references (the class= of entries).
type Class struct {
	Name string
	Role Role
	// Noun names the object in messages ("device tree node").
	Noun string
	// Leak says what a leaked reference costs.
	Leak string
	// Free lists the cleanup.h names (__free(NAME)) whose cleanup drops a
	// reference of this class.
	Free []string
	// AutoFix: inserting the release before a leaking return is a safe
	// mechanical fix (no teardown order to respect).
	AutoFix bool
	// Shared: a subsystem the reference is handed to may take its own,
	// so a put does not mean the object may be freed.
	Shared bool
	// Type is the C type of a provider object of this class ("struct
	// phy"): how a rule tells what kind of object a variable holds.
	Type string
	// Embeds: the object embeds its struct device (phy->dev), so a device
	// reference keeps the object itself allocated; what unbind takes away
	// is what the provider's driver set up for it (Unbind).
	Embeds bool
	// Supplier is the path, below the object, of the device whose driver
	// unbinds and takes the object's backing with it ("dev.parent" for a
	// phy: the class device &phy->dev never binds a driver).
	Supplier string
	// Device is the path, below the object, of the struct device it
	// embeds ("dev"): a link to it links to a class device.
	Device string
	// Unbind says what goes away when the supplier's driver unbinds.
	Unbind string
	// FwLink is the device tree property through which fw_devlink (on by
	// default) already makes a managed consumer-supplier link ("phys"):
	// the missing link then matters only where fw_devlink makes none.
	FwLink string
	Source string
}

// Named is a field, type or macro entry.
type Named struct {
	Name string
	Kind Kind
	Role Role
	// Value, for a macro constant.
	Value uint64
}

// Model is the set of entries.
type Model struct {
	funcs    map[string]*Func
	patterns []*Func // function entries whose name has a '*' (path.Match)
	shapes   []shape // of patterns, index for index
	classes  map[string]*Class
	fields   map[string]*Named
	types    map[string]*Named
	typePats []*Named
	macros   map[string]*Named
	seq      int
	// matched memoizes Lookup's pattern search by name (memo.go): the
	// rules ask about the same callees many times a unit, and matching
	// every pattern was most of the CPU of a unit calling many distinct
	// unmodelled helpers. Add clears it.
	matched *patternMemo
}

func newModel() *Model {
	return &Model{matched: newPatternMemo(), funcs: map[string]*Func{}, classes: map[string]*Class{}, fields: map[string]*Named{}, types: map[string]*Named{}, macros: map[string]*Named{}}
}

// Builtin returns the embedded kernel model.
func Builtin() *Model {
	m, err := Parse(builtin, "builtin")
	if err != nil {
		panic("kernel.model: " + err.Error())
	}
	return m
}

// Lookup returns the entry of a function (or function-like macro): an
// exact entry, else the first pattern entry matching it (exclusions
// first); nil when unmodelled. NotAPI entries answer nil.
func (m *Model) Lookup(name string) *Func {
	f := m.funcs[name]
	if f == nil && name != "" {
		f = m.matched.lookup(name, m)
	}
	if f == nil || f.Kind == NotAPI {
		return nil
	}
	return f
}

// matchPattern is the first pattern entry matching name, exclusions first.
func (m *Model) matchPattern(name string) *Func {
	var excluded map[Kind]bool
	for i, p := range m.patterns {
		if !m.shapes[i].match(name) || excluded[p.Kind] {
			continue
		}
		if p.Kind == NotAPI && len(p.Of) > 0 {
			// an exclusion of some kinds only: spin_lock_init() is
			// no lock, is_initialized() still a predicate
			if excluded == nil {
				excluded = map[Kind]bool{}
			}
			for _, k := range p.Of {
				excluded[k] = true
			}
			continue
		}
		return p
	}
	return nil
}

// RefFunc returns name's entry when it is of a reference kind (what the
// reference dataflow and the summaries read), nil otherwise.
func (m *Model) RefFunc(name string) *Func {
	if f := m.Lookup(name); f != nil && f.Kind.IsRef() {
		return f
	}
	return nil
}

// Is says whether name is a function of kind k.
func (m *Model) Is(name string, k Kind) bool {
	f := m.Lookup(name)
	return f != nil && f.Kind == k
}

// Add places f in the model, replacing an entry of the same name.
func (m *Model) Add(f *Func) {
	m.matched.clear()
	if !hasPattern(f.Name) {
		m.funcs[f.Name] = f
		return
	}
	defer m.compilePatterns()
	for i, p := range m.patterns {
		if p.Name == f.Name {
			m.patterns[i] = f
			return
		}
	}
	if f.Kind == NotAPI {
		// exclusions go first: spin_lock_init() is no spin_lock*()
		m.patterns = append([]*Func{f}, m.patterns...)
	} else {
		m.patterns = append(m.patterns, f)
	}
}

func (m *Model) compilePatterns() {
	m.shapes = m.shapes[:0]
	for _, p := range m.patterns {
		m.shapes = append(m.shapes, compileShape(p.Name))
	}
}

// shape is a pattern made ready for the names a run asks about: the
// model's patterns are literal chunks around '*' (mutex_lock*, *_is_*),
// matched as a prefix, a suffix and the chunks between, in order, each
// at its first place (which is exact for '*'-only patterns); other
// patterns go to match.
type shape struct {
	pattern        string
	general        bool // a metacharacter besides '*'
	star           bool
	prefix, suffix string
	mids           []string
	minLen         int
}

func compileShape(pattern string) shape {
	s := shape{pattern: pattern}
	if strings.ContainsAny(pattern, "?[\\/") {
		s.general = true
		return s
	}
	chunks := strings.Split(pattern, "*")
	if len(chunks) == 1 {
		s.prefix, s.minLen = pattern, len(pattern)
		return s
	}
	s.star = true
	s.prefix, s.suffix = chunks[0], chunks[len(chunks)-1]
	for _, c := range chunks[1 : len(chunks)-1] {
		if c != "" {
			s.mids = append(s.mids, c)
		}
	}
	for _, c := range chunks {
		s.minLen += len(c)
	}
	return s
}

func (s *shape) match(name string) bool {
	switch {
	case s.general || strings.Contains(name, "/"):
		return match(s.pattern, name)
	case !s.star:
		return name == s.prefix
	case len(name) < s.minLen || !strings.HasPrefix(name, s.prefix) || !strings.HasSuffix(name, s.suffix):
		return false
	}
	rest := name[len(s.prefix) : len(name)-len(s.suffix)]
	for _, c := range s.mids {
		i := strings.Index(rest, c)
		if i < 0 {
			return false
		}
		rest = rest[i+len(c):]
	}
	return true
}

// match is path.Match(pattern, name) for patterns whose only
// metacharacter is '*' (every pattern of kernel.model), without
// path.Match's per-chunk scanning: a unit asks it for each distinct name
// it calls, times every pattern.
func match(pattern, name string) bool {
	if strings.ContainsAny(pattern, "?[\\/") || strings.Contains(name, "/") {
		ok, _ := path.Match(pattern, name)
		return ok
	}
	// the classic greedy match: on a mismatch, let the last '*' eat one
	// more byte
	p, n, star, mark := 0, 0, -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && pattern[p] == name[n]:
			p++
			n++
		case star >= 0:
			mark++
			p, n = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func hasPattern(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] == '*' {
			return true
		}
	}
	return false
}

// Names lists the exactly named functions of the reference kinds, sorted.
func (m *Model) Names() []string {
	out := make([]string, 0, len(m.funcs))
	for n, f := range m.funcs {
		if f.Kind.IsRef() {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// All lists every exactly named function entry, sorted by name.
func (m *Model) All() []*Func {
	out := make([]*Func, 0, len(m.funcs))
	for _, f := range m.funcs {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// OfKind lists the exactly named functions of kind k in the order the
// model lists them (the first is the one advice names).
func (m *Model) OfKind(k Kind) []*Func {
	var out []*Func
	for _, f := range m.All() {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// First returns the first function of kind k the model lists, nil when
// none.
func (m *Model) First(k Kind) *Func {
	if fs := m.OfKind(k); len(fs) > 0 {
		return fs[0]
	}
	return nil
}

// FreeSpelling is how a cleanup function is written in the source:
// __free(device_node) for __free_device_node().
func FreeSpelling(cleanup string) string {
	if name, ok := strings.CutPrefix(cleanup, "__free_"); ok && name != "" {
		return "__free(" + name + ")"
	}
	return cleanup
}

// IsRelease returns name's entry when it releases or unregisters.
func (m *Model) IsRelease(name string) *Func {
	if f := m.RefFunc(name); f != nil && (f.Kind == Release || f.Kind == Unregister) {
		return f
	}
	return nil
}

// Class returns the description of a class; a class the model does not
// describe (a user's) gets an empty one named after it.
func (m *Model) Class(name string) *Class {
	if c := m.classes[name]; c != nil {
		return c
	}
	return &Class{Name: name}
}

// ClassOfType returns the provider class whose objects have C type typ
// ("struct phy"), nil when none.
func (m *Model) ClassOfType(typ string) *Class {
	if typ == "" {
		return nil
	}
	names := make([]string, 0, len(m.classes))
	for n := range m.classes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if c := m.classes[n]; c.Type == typ {
			return c
		}
	}
	return nil
}

// Noun names the object a class of references stands for, for messages.
func (m *Model) Noun(class string) string {
	if class == "" {
		return "object"
	}
	if c := m.classes[class]; c != nil {
		return c.Noun
	}
	return class
}

// SameFamily says whether a release of class b applies to references of
// class a: the same class, or two firmware-node classes (an OF node
// embeds its fwnode: of_node_put(to_of_node(fw)) drops a fwnode reference).
func (m *Model) SameFamily(a, b string) bool {
	if a == b {
		return true
	}
	return m.Class(a).Role == RoleNode && m.Class(b).Role == RoleNode
}

// FreeClass returns the class whose references a cleanup function drops
// (__free(device_node) runs __free_device_node()), nil when none.
func (m *Model) FreeClass(cleanup string) *Class {
	cleanup = strings.TrimPrefix(cleanup, "__free_")
	names := make([]string, 0, len(m.classes))
	for n := range m.classes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, f := range m.classes[n].Free {
			if f == cleanup {
				return m.classes[n]
			}
		}
	}
	return nil
}

// Revokes returns the revoke entries for class, sorted by name.
func (m *Model) Revokes(class string) []*Func {
	var out []*Func
	for _, f := range m.OfKind(Revoke) {
		if f.Class == class {
			out = append(out, f)
		}
	}
	return out
}

// FieldRole is the role of a struct member name, "" when none.
func (m *Model) FieldRole(name string) Role {
	if f := m.fields[name]; f != nil {
		return f.Role
	}
	return ""
}

// Fields lists the member names of role r, sorted.
func (m *Model) Fields(r Role) []string {
	var out []string
	for n, f := range m.fields {
		if f.Role == r {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// TypeRole is the role of a type name ("struct list_head"), "" when none.
func (m *Model) TypeRole(name string) Role {
	if t := m.types[name]; t != nil {
		return t.Role
	}
	for _, t := range m.typePats {
		if match(t.Name, name) {
			return t.Role
		}
	}
	return ""
}

// Macros lists the macro names of role r, sorted.
func (m *Model) Macros(r Role) []string {
	var out []string
	for n, mc := range m.macros {
		if mc.Role == r {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// TypesOf lists the exact type names of role r, sorted.
func (m *Model) TypesOf(r Role) []string {
	var out []string
	for n, t := range m.types {
		if t.Role == r {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Links lists the link entries (device_link_add()), sorted.
func (m *Model) Links() []*Func { return m.OfKind(Link) }

// merge adds o's entries to m, o's winning on a clash.
func (m *Model) merge(o *Model) {
	for _, f := range o.funcs {
		m.Add(f)
	}
	for _, f := range o.patterns {
		m.Add(f)
	}
	for k, v := range o.classes {
		m.classes[k] = v
	}
	for k, v := range o.fields {
		m.fields[k] = v
	}
	for k, v := range o.types {
		m.types[k] = v
	}
	for _, t := range o.typePats {
		m.typePats = append(m.typePats, t)
	}
	for k, v := range o.macros {
		m.macros[k] = v
	}
}
