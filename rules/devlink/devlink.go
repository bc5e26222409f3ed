// Package devlink defines the devlink-missing rule: another device's object
// or driver data handed out with no managed device link to its provider.
package devlink

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/kernel"
	"github.com/pcslint/pcslint/rules/model"
)

const doc = `devlink-missing: another device's object is handed out with no managed device link

A function that finds another device's object (a PHY, a PCS, the driver
data of a device it looked up) and hands it to a consumer must make sure
the consumer cannot outlive the provider's binding. The driver core does
that only for a managed device link: when the supplier is unbound, the
consumers linked to it with device_link_add() (without
DL_FLAG_STATELESS) are unbound first. Without one, unbinding the provider
(sysfs unbind, module removal, removal of a parent, hot-removal) takes
away what the object depends on while the consumer still uses it. A
stateless link (DL_FLAG_STATELESS) only orders probe and suspend/resume:
device_links_unbind_consumers() skips it. Reference counts do not help
either: they keep memory (a device, an object embedding one), not the
provider's binding.

The rule looks for functions that return, store through an out-parameter
or store into a structure an object for which there is evidence it
belongs to another device: the driver data (platform_get_drvdata(),
dev_get_drvdata()) of a device found with a provider lookup
(of_find_device_by_node(), bus_find_device(), ...; not class_find_device(),
whose devices' data is the subsystem's own), or an object created to keep
a device found by such a lookup (a PCS keeping the MDIO device
fwnode_mdio_find_device() found: the PCS itself is the consumer's, the
MDIO device usually has no driver of its own, and the device that unbinds
is the MDIO controller, mdio->bus->parent, taking the bus with it). It
reports the function when it adds no device link, or only a stateless
one, and names the device the link should go to (from the model's class
supplier=).

One finding per defect: an object pinned with try_module_get(x->ops->owner)
is module-ref-guard's finding, which also says the link is missing; a
same-file function that only passes a reported object on (devm_*(),
*_optional_get(), *_by_index()) is a related location of the root's
finding; callers in other files (the MAC drivers calling
lynx_pcs_create_fwnode()) are not reported: the link belongs in the
helper.

Not reported: functions that add a managed device link (even when they
ignore its result); objects with no device of their own; the driver data
of a device made for a child of the consumer's own node
(of_get_child_by_name(dev->of_node, ...)): the consumer's own child, which
the driver core cannot link as its supplier.

Fix: device_link_add(consumer, supplier, DL_FLAG_AUTOREMOVE_CONSUMER)
(no DL_FLAG_STATELESS) to the device that really unbinds, check the
result, and fail the lookup when the link cannot be created; a helper not
given the consumer's device must take it as a parameter, or leave the link
to each caller.`

// Rule is the devlink-missing rule.
var Rule = rules.New(rules.Spec{
	ID:    "devlink-missing",
	Level: rules.Warning,
	Tags:  []string{"lifetime", "unbind", "device-link"},
	Doc:   doc,
	Run:   run,
	// docs/triage-6.12.md: 9 true of 9 (first table), 2 true of 2 (third
	// session).
	Standing: rules.Standing{True: 11, CWE: []int{416}, Severity: "4.0"},
})

// verdict is what a function does wrong, when it does.
type verdict struct {
	stateless *kernel.Link // the stateless link, nil: no link at all
	object    string       // what it hands out
	handPos   token.Pos
	evidence  []string
	related   []analysis.RelatedInformation
	via       string // same-file function the object comes from
	viaV      *verdict
	// supplier is the device whose driver unbinds under the object, in C
	// or in words; class the object's provider class when known.
	supplier string
	// drvdata: the object is another device's driver data, which the
	// model's drvdata class says what unbind takes from
	drvdata bool
	class   *model.Class
	// kept is the variable of the found device a created object keeps
	// (lynx_pcs_create(mdio)): the object is the consumer's own, what
	// goes away is what the kept device depends on.
	kept string
}

// root follows a wrapper's verdict to the function the defect is in.
func (v *verdict) root() *verdict {
	for v.viaV != nil {
		v = v.viaV
	}
	return v
}

func run(pass *analysis.Pass) (any, error) {
	u := rules.UnitOf(pass)
	f := u.File
	verdicts := map[string]*verdict{}
	defined := map[string]bool{}
	for _, fn := range f.Funcs {
		defined[fn.Name] = true
	}
	for round := 0; round < 5; round++ {
		changed := false
		for _, fn := range f.Funcs {
			if fn.Body == nil || verdicts[fn.Name] != nil {
				continue
			}
			if v := judge(u, fn, verdicts, defined); v != nil {
				verdicts[fn.Name] = v
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// a wrapper that passes a reported object on (devm_*, *_optional_get)
	// is the same defect: it becomes a related location of the root
	wrappers := map[*verdict][]analysis.RelatedInformation{}
	for _, fn := range f.Funcs {
		if v := verdicts[fn.Name]; v != nil && v.viaV != nil {
			r := v.root()
			wrappers[r] = append(wrappers[r], analysis.RelatedInformation{Pos: fn.NamePos, Message: fmt.Sprintf("%s() passes %s on (the same defect, fixed in the root)", fn.Name, v.object)})
		}
	}
	for _, fn := range f.Funcs {
		v := verdicts[fn.Name]
		if v == nil || v.viaV != nil || moduleGuarded(u, fn, v.object) {
			continue
		}
		report(pass, fn, v, wrappers[v])
	}
	return nil, nil
}

// moduleGuarded: module-ref-guard reports this hand-out, with the missing
// link as its second fact; one defect, one finding.
func moduleGuarded(u *rules.Unit, fn *cparse.Func, obj string) bool {
	for _, g := range kernel.ModuleGuards(u.Model, u.File, fn) {
		if g.Object == obj {
			return true
		}
	}
	return false
}

func foreignDevice(u *rules.Unit, name string) *model.Func {
	api := u.RefAPI(name)
	if api != nil && api.Foreign && u.Model.Class(api.Class).Role == model.RoleDevice && api.Ref.Ret {
		return api
	}
	return nil
}

func judge(u *rules.Unit, fn *cparse.Func, verdicts map[string]*verdict, defined map[string]bool) *verdict {
	links := kernel.Links(u.Model, u.File, fn)
	if kernel.Managed(links) {
		return nil
	}
	src := sources(fn)
	looked := lookups(u, src)
	v := &verdict{stateless: kernel.FirstStateless(links)}
	j := judgement{u: u, fn: fn, v: v, src: src, looked: looked, verdicts: verdicts, defined: defined}
	if !j.handedVariable() && !j.handedCall() && !j.returnedVia() {
		return nil
	}
	if v.stateless != nil {
		v.related = append(v.related, analysis.RelatedInformation{Pos: v.stateless.Call.Pos(), Message: "stateless device link: ordering only"})
	}
	return v
}

// judgement is one function being judged.
type judgement struct {
	u        *rules.Unit
	fn       *cparse.Func
	v        *verdict
	src      map[string][]*cparse.Call // var -> calls whose result it is assigned
	looked   map[string]*cparse.Call   // var -> foreign device lookup
	verdicts map[string]*verdict
	defined  map[string]bool
}

// sources maps each local to the calls whose results it is assigned.
func sources(fn *cparse.Func) map[string][]*cparse.Call {
	src := map[string][]*cparse.Call{}
	cparse.Inspect(fn.Body, func(n cparse.Node) bool {
		switch x := n.(type) {
		case *cparse.Assign:
			if id, ok := cparse.Unparen(x.L).(*cparse.Ident); ok && x.Op == "=" {
				if c, ok := cparse.Unparen(x.R).(*cparse.Call); ok {
					src[id.Name] = append(src[id.Name], c)
				}
			}
		case *cparse.VarDecl:
			if c, ok := cparse.Unparen(x.Init).(*cparse.Call); ok && x.Init != nil {
				src[x.Name] = append(src[x.Name], c)
			}
		}
		return true
	})
	return src
}

// lookups maps the locals assigned a device found by a provider lookup to
// that lookup.
func lookups(u *rules.Unit, src map[string][]*cparse.Call) map[string]*cparse.Call {
	looked := map[string]*cparse.Call{}
	for v, cs := range src {
		for _, c := range cs {
			// a class device's driver data is normally the subsystem's own
			// refcounted object, not a driver's private data
			if api := foreignDevice(u, cparse.CalleeName(c)); api != nil && !api.ClassDev && !ownChild(u.Model, src, c) {
				looked[v] = c
			}
		}
	}
	return looked
}

// ownChild says whether lookup c finds the device of a child of a
// device's own node (of_get_child_by_name(dev->of_node, ...)): that device
// is the caller's own child, which the driver core cannot make its
// supplier, so no device link can be the fix.
func ownChild(m *model.Model, src map[string][]*cparse.Call, c *cparse.Call) bool {
	if len(c.Args) == 0 {
		return false
	}
	for _, a := range src[kernel.Root(c.Args[0])] {
		api := m.RefFunc(cparse.CalleeName(a))
		if api == nil || !api.Child || len(a.Args) == 0 {
			continue
		}
		parts := strings.Split(kernel.PathOf(a.Args[0]), ".")
		if len(parts) > 1 && m.FieldRole(parts[len(parts)-1]) == model.RoleNode {
			return true
		}
	}
	return false
}

// handedVariable judges the variables fn hands out, in source order, and
// keeps the first with evidence that it is another device's.
func (j *judgement) handedVariable() bool {
	type ho struct {
		name string
		h    kernel.Handout
	}
	var hos []ho
	for n, hs := range kernel.Handouts(j.fn) {
		hos = append(hos, ho{n, hs[len(hs)-1]})
	}
	sort.Slice(hos, func(a, b int) bool { return hos[a].h.Pos < hos[b].h.Pos })
	calls := kernel.Calls(j.fn.Body)
	v := j.v
	for _, o := range hos {
		x := o.name
		if !j.drvDataOf(x) && !j.keeps(x) && !j.pinnedOnly(x, calls) {
			j.from(x)
		}
		if len(v.evidence) > 0 || v.via != "" {
			v.object, v.handPos = x, o.h.Pos
			v.related = append(v.related, analysis.RelatedInformation{Pos: o.h.Pos, Message: fmt.Sprintf("%s %s here", x, map[string]string{"returns": "returned", "stores": "stored"}[o.h.How])})
			return true
		}
	}
	return false
}

// drvDataOf: x is the driver data of a looked-up device.
func (j *judgement) drvDataOf(x string) bool {
	for _, c := range j.src[x] {
		if !isDrvData(j.u, c) {
			continue
		}
		if lk := j.looked[kernel.Root(c.Args[0])]; lk != nil {
			j.v.evidence = append(j.v.evidence, fmt.Sprintf("the driver data of a device found by %s()", cparse.CalleeName(lk)))
			j.v.supplier = fmt.Sprintf("the device %s() found (%s)", cparse.CalleeName(lk), flow.ExprString(c.Args[0]))
			j.v.drvdata = true
			j.v.related = append(j.v.related,
				analysis.RelatedInformation{Pos: lk.Pos(), Message: "another device, found by " + cparse.CalleeName(lk) + "()"},
				analysis.RelatedInformation{Pos: c.Pos(), Message: "its driver data: what that device's driver set up with devm goes when it is unbound"})
			return true
		}
	}
	return false
}

// keeps: x is an object that keeps a looked-up device (pcs =
// lynx_pcs_create(mdio)).
func (j *judgement) keeps(x string) bool {
	for _, c := range j.src[x] {
		if kept, lk := keptFound(j.u, c, j.looked); lk != nil {
			j.setKept(kept, lk, c)
			return true
		}
	}
	return false
}

func (j *judgement) setKept(kept string, lk, c *cparse.Call) {
	j.v.evidence = append(j.v.evidence, keepsEvidence(kept, lk, c))
	j.v.related = append(j.v.related, keptRelated(kept, lk, c)...)
	j.v.kept = kept
	j.v.class = kernel.ObjectClass(j.u.Model, j.fn, kept)
	j.v.supplier = kernel.SupplierOf(j.v.class, kept)
}

// pinnedOnly: a module reference on x->ops->owner, and a struct device
// reference next to it (get_device() alone is how refcounted objects are
// got).
func (j *judgement) pinnedOnly(x string, calls []*cparse.Call) bool {
	m := j.u.Model
	var pins []*cparse.Call
	strong := false
	for _, c := range calls {
		if len(c.Args) != 1 || kernel.Root(c.Args[0]) != x {
			continue
		}
		switch kernel.PinRole(m, c) {
		case model.RoleDevice:
		case model.RoleModule:
			if !kernel.OwnerOfOps(m, c.Args[0]) || kernel.PicksOps(j.fn, c) {
				continue
			}
			strong = true
		default:
			continue
		}
		pins = append(pins, c)
	}
	cls := kernel.ObjectClass(m, j.fn, x)
	if !strong || !kernel.DeviceObject(m, j.u.File, j.fn, x) && !pinsDevice(m, pins) {
		// a module reference alone, on an object with no device of its
		// own, guards an ops table in module data: not another device's
		return false
	}
	j.v.class = cls
	j.v.supplier = kernel.SupplierOf(j.v.class, x)
	for _, c := range pins {
		s := cparse.CalleeName(c) + "(" + flow.ExprString(c.Args[0]) + ")"
		j.v.evidence = append(j.v.evidence, s)
		j.v.related = append(j.v.related, analysis.RelatedInformation{Pos: c.Pos(), Message: s + " does not keep the provider bound"})
	}
	return true
}

func pinsDevice(m *model.Model, pins []*cparse.Call) bool {
	for _, c := range pins {
		if kernel.PinRole(m, c) == model.RoleDevice {
			return true
		}
	}
	return false
}

// from: x comes from a same-file function already judged.
func (j *judgement) from(x string) {
	for _, c := range j.src[x] {
		name := cparse.CalleeName(c)
		if g := j.verdicts[name]; g != nil && j.defined[name] {
			j.v.via, j.v.viaV = name, g
			j.v.related = append(j.v.related, analysis.RelatedInformation{Pos: c.Pos(), Message: fmt.Sprintf("%s comes from %s()", x, name)})
			return
		}
	}
}

// handedCall: the driver data of a looked-up device, or an object keeping
// one, stored or returned directly: priv->x = platform_get_drvdata(pdev);
// return dev_get_drvdata(d);
func (j *judgement) handedCall() bool {
	v := j.v
	cparse.Inspect(j.fn.Body, func(n cparse.Node) bool {
		if v.object != "" {
			return false
		}
		var rhs cparse.Expr
		var at token.Pos
		var obj string
		switch x := n.(type) {
		case *cparse.Assign:
			lp := flow.Path(x.L)
			if x.Op != "=" || lp == "" || !strings.ContainsAny(lp, ".*[") {
				return true
			}
			rhs, at, obj = x.R, x.L.Pos(), flow.ExprString(x.L)
		case *cparse.Return:
			if x.Result == nil {
				return true
			}
			rhs, at = x.Result, x.At
		default:
			return true
		}
		c, ok := cparse.Unparen(rhs).(*cparse.Call)
		if !ok {
			return true
		}
		if kept, lk := keptFound(j.u, c, j.looked); lk != nil {
			if obj == "" {
				obj = "the result of " + cparse.CalleeName(c) + "()"
			}
			v.object, v.handPos = obj, at
			j.setKept(kept, lk, c)
			v.related = append(v.related, analysis.RelatedInformation{Pos: at, Message: "handed out here"})
			return false
		}
		if !isDrvData(j.u, c) {
			return true
		}
		lk := j.looked[kernel.Root(c.Args[0])]
		if lk == nil {
			return true
		}
		if obj == "" {
			obj = "the driver data of " + flow.ExprString(c.Args[0])
		}
		v.object, v.handPos = obj, at
		v.evidence = append(v.evidence, fmt.Sprintf("the driver data of a device found by %s()", cparse.CalleeName(lk)))
		v.supplier = fmt.Sprintf("the device %s() found (%s)", cparse.CalleeName(lk), flow.ExprString(c.Args[0]))
		v.drvdata = true
		v.related = append(v.related,
			analysis.RelatedInformation{Pos: lk.Pos(), Message: "another device, found by " + cparse.CalleeName(lk) + "()"},
			analysis.RelatedInformation{Pos: at, Message: "handed out here"})
		return false
	})
	return v.object != ""
}

// returnedVia: return g(...) of a judged same-file function.
func (j *judgement) returnedVia() bool {
	v := j.v
	cparse.Inspect(j.fn.Body, func(n cparse.Node) bool {
		r, ok := n.(*cparse.Return)
		if !ok || r.Result == nil || v.object != "" {
			return v.object == ""
		}
		if c, ok := cparse.Unparen(r.Result).(*cparse.Call); ok {
			if g := j.verdicts[cparse.CalleeName(c)]; g != nil {
				v.via, v.viaV = cparse.CalleeName(c), g
				v.object, v.handPos = g.object, r.At
				v.related = append(v.related, analysis.RelatedInformation{Pos: r.At, Message: "returns what " + v.via + "() hands out"})
			}
		}
		return true
	})
	return v.object != ""
}

// keptFound: the call creates an object that keeps one of its arguments
// (model keeps= or holds=, or a summary: the function stores its
// parameter), and that argument is a device found by a provider lookup.
// The object then lives on a device whose driver can unbind under it: a
// reference count pins the struct, not the bus or driver data behind it.
func keptFound(u *rules.Unit, c *cparse.Call, looked map[string]*cparse.Call) (string, *cparse.Call) {
	api := u.RefAPI(cparse.CalleeName(c))
	if api == nil {
		return "", nil
	}
	for _, r := range []*model.Ref{api.HandedOver(), api.Held()} {
		if r == nil || r.Ret || r.Field != "" || r.Arg >= len(c.Args) {
			continue
		}
		if x := kernel.Root(c.Args[r.Arg]); looked[x] != nil {
			return x, looked[x]
		}
	}
	return "", nil
}

func keepsEvidence(kept string, lk, c *cparse.Call) string {
	return fmt.Sprintf("it keeps %s, a device found by %s(), through %s()", kept, cparse.CalleeName(lk), cparse.CalleeName(c))
}

// isDrvData says whether c reads the driver data of the device it is given.
func isDrvData(u *rules.Unit, c *cparse.Call) bool {
	return len(c.Args) == 1 && u.Model.Is(cparse.CalleeName(c), model.DrvData)
}

func keptRelated(kept string, lk, c *cparse.Call) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{
		{Pos: lk.Pos(), Message: "another device, found by " + cparse.CalleeName(lk) + "()"},
		{Pos: c.Pos(), Message: cparse.CalleeName(c) + "() keeps " + kept + " with a reference count only: what it depends on can still be unbound"},
	}
}

func report(pass *analysis.Pass, fn *cparse.Func, v *verdict, wrappers []analysis.RelatedInformation) {
	u := rules.UnitOf(pass)
	what := v.object
	if len(v.evidence) > 0 {
		what = fmt.Sprintf("%s, another device's object (%s)", v.object, strings.Join(v.evidence, ", "))
	}
	holder := v.object
	if v.kept != "" {
		holder = v.kept
	}
	fix := kernel.LinkFix(u.Model, v.class, holder, v.stateless)
	if v.class == nil && v.supplier != "" {
		// no class to name the supplier from: the device the lookup found
		fix = strings.Replace(fix, "the provider's device", v.supplier, 1)
	}
	var why string
	switch {
	case v.kept != "" && v.class != nil && v.class.Embeds:
		// the created object is the consumer's; its reference count keeps
		// the kept device's memory, not what that device depends on
		why = fmt.Sprintf("%s itself is the consumer's, but its reference count keeps %s allocated, not the device that unbinds: %s", v.object, v.kept, kernel.UnbindSays(v.class, v.kept))
		fix = consumerLink(u.Model, fn, fix)
	case v.kept != "":
		why = fmt.Sprintf("a reference count on %s does not keep its provider bound", v.kept)
		fix = consumerLink(u.Model, fn, fix)
	case v.class != nil:
		why = kernel.UnbindSays(v.class, v.object) + ", while the consumer still uses " + v.object
	case v.drvdata:
		// whether the structure itself is freed depends on how the other
		// driver allocated it; its devm resources go in any case
		who := "that device"
		if v.supplier != "" {
			who = v.supplier
		}
		why = fmt.Sprintf("when %s is unbound, its driver releases %s, while the consumer still uses %s", who, u.Model.Class("drvdata").Unbind, v.object)
	default:
		why = "when the provider is unbound its driver frees the object while the consumer still uses it"
	}
	if fw := kernel.FwLinkSays(v.class); fw != "" {
		why += "; " + fw
	}
	// the enclosing function is printed before the headline: not again
	head := fmt.Sprintf("hands out %s with no device link", what)
	if v.stateless != nil {
		head = fmt.Sprintf("hands out %s with only a stateless device link", what)
	}
	rules.Report(pass, rules.Finding{Pos: fn.NamePos, Message: head, Why: why, Fix: fix, Related: append(v.related, wrappers...)})
}

// consumerLink words the fix for a helper that may not know its consumer:
// the link needs the consumer's device, which fn must then be given.
func consumerLink(m *model.Model, fn *cparse.Func, fix string) string {
	for _, p := range fn.Params {
		if p.Type != nil && p.Type.Ptr == 1 && m.TypeRole(p.Type.Name) == model.RoleDevice {
			return fix
		}
	}
	return fix + " (" + fn.Name + "() is not given the consumer's device: take it as a parameter, or have each caller add the link)"
}
