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
(sysfs unbind, module removal, removal of a parent) frees the object while
the consumer still uses it. A stateless link (DL_FLAG_STATELESS) only
orders probe and suspend/resume: device_links_unbind_consumers() skips it.
Reference counts do not help either: get_device() pins only the struct
device memory and try_module_get() only the module code.

The rule looks for functions that return, store through an out-parameter
or store into a structure an object for which there is evidence it
belongs to another device: the driver data (platform_get_drvdata(),
dev_get_drvdata()) of a device found with a provider lookup
(of_find_device_by_node(), bus_find_device(), ...; not class_find_device(),
whose devices' data is the subsystem's own), an object the function
pins with try_module_get(x->ops->owner) (with or without get_device()),
an object created to keep a device found by such a lookup (a PCS keeping
the MDIO device fwnode_mdio_find_device() found: the PCS holds a
reference count on it, and when the MDIO bus's driver unbinds the device
is removed and its bus freed under the PCS), or the result of a function
of the same file that the rule reports. It reports the function when it
adds no device link, or only a stateless one. Callers of such a helper
(the MAC drivers calling lynx_pcs_create_fwnode()) are not reported
again: the link belongs in the helper, where it is reported.

Not reported: functions that add a managed device link (even when they
ignore its result).

Fix: device_link_add(consumer, supplier, DL_FLAG_AUTOREMOVE_CONSUMER)
(no DL_FLAG_STATELESS), check the result, and fail the lookup when the
link cannot be created.`

// Rule is the devlink-missing rule.
var Rule = rules.New(rules.Spec{
	ID:    "devlink-missing",
	Level: rules.Warning,
	Tags:  []string{"lifetime", "unbind", "device-link"},
	Doc:   doc,
	Run:   run,
})

// verdict is what a function does wrong, when it does.
type verdict struct {
	stateless *cparse.Call // the stateless link, nil: no link at all
	object    string       // what it hands out
	handPos   token.Pos
	evidence  []string
	related   []analysis.RelatedInformation
	via       string // same-file function the object comes from
	viaV      *verdict
}

func (v *verdict) isStateless() bool {
	for v != nil {
		if v.stateless != nil {
			return true
		}
		v = v.viaV
	}
	return false
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
	for _, fn := range f.Funcs {
		if v := verdicts[fn.Name]; v != nil {
			report(pass, fn, v)
		}
	}
	return nil, nil
}

func foreignDevice(u *rules.Unit, name string) *model.Func {
	api := u.RefAPI(name)
	if api != nil && api.Foreign && u.Model.Class(api.Class).Role == model.RoleDevice && api.Ref.Ret {
		return api
	}
	return nil
}

func judge(u *rules.Unit, fn *cparse.Func, verdicts map[string]*verdict, defined map[string]bool) *verdict {
	f := u.File
	links := kernel.Links(u.Model, f, fn)
	if kernel.Managed(links) {
		return nil
	}
	hand := kernel.Handouts(fn)
	// var -> calls whose result it is assigned
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
	looked := map[string]*cparse.Call{} // var -> foreign device lookup
	for v, cs := range src {
		for _, c := range cs {
			// a class device's driver data is normally the subsystem's own
			// refcounted object, not a driver's private data
			if api := foreignDevice(u, cparse.CalleeName(c)); api != nil && !api.ClassDev {
				looked[v] = c
			}
		}
	}
	calls := kernel.Calls(fn.Body)
	var v *verdict
	if l := kernel.FirstStateless(links); l != nil {
		v = &verdict{stateless: l.Call}
	} else {
		v = &verdict{}
	}
	// hand-outs in source order
	type ho struct {
		name string
		h    kernel.Handout
	}
	var hos []ho
	for n, hs := range hand {
		hos = append(hos, ho{n, hs[len(hs)-1]})
	}
	sort.Slice(hos, func(i, j int) bool { return hos[i].h.Pos < hos[j].h.Pos })
	for _, o := range hos {
		x := o.name
		// driver data of a looked-up device
		for _, c := range src[x] {
			if !isDrvData(u, c) {
				continue
			}
			if lk := looked[kernel.Root(c.Args[0])]; lk != nil {
				v.evidence = append(v.evidence, fmt.Sprintf("the driver data of a device found by %s()", cparse.CalleeName(lk)))
				v.related = append(v.related,
					analysis.RelatedInformation{Pos: lk.Pos(), Message: "another device, found by " + cparse.CalleeName(lk) + "()"},
					analysis.RelatedInformation{Pos: c.Pos(), Message: "its driver data, freed when that device is unbound"})
				break
			}
		}
		// an object that keeps a looked-up device: pcs = lynx_pcs_create(mdio)
		if len(v.evidence) == 0 {
			for _, c := range src[x] {
				if kept, lk := keptFound(u, c, looked); lk != nil {
					v.evidence = append(v.evidence, keepsEvidence(kept, lk, c))
					v.related = append(v.related, keptRelated(kept, lk, c)...)
					break
				}
			}
		}
		// pinned only: a module reference on x->ops->owner, and a struct
		// device reference next to it (get_device() alone is how
		// refcounted objects are got)
		var pins []*cparse.Call
		strong := false
		for _, c := range calls {
			if len(c.Args) != 1 || kernel.Root(c.Args[0]) != x {
				continue
			}
			switch kernel.PinRole(u.Model, c) {
			case model.RoleDevice:
			case model.RoleModule:
				if !kernel.OwnerOfOps(u.Model, c.Args[0]) {
					continue
				}
				strong = true
			default:
				continue
			}
			pins = append(pins, c)
		}
		for _, c := range pins {
			if !strong {
				break
			}
			name := cparse.CalleeName(c)
			s := name + "(" + flow.ExprString(c.Args[0]) + ")"
			what := "only module code"
			if kernel.PinRole(u.Model, c) == model.RoleDevice {
				what = "only struct device memory"
			}
			v.evidence = append(v.evidence, s)
			v.related = append(v.related, analysis.RelatedInformation{Pos: c.Pos(), Message: s + " pins " + what})
		}
		if len(v.evidence) == 0 {
			for _, c := range src[x] {
				if g := verdicts[cparse.CalleeName(c)]; g != nil && defined[cparse.CalleeName(c)] {
					v.via, v.viaV = cparse.CalleeName(c), g
					v.related = append(v.related, analysis.RelatedInformation{Pos: c.Pos(), Message: fmt.Sprintf("%s comes from %s()", x, v.via)})
					break
				}
			}
		}
		if len(v.evidence) > 0 || v.via != "" {
			v.object, v.handPos = x, o.h.Pos
			v.related = append(v.related, analysis.RelatedInformation{Pos: o.h.Pos, Message: fmt.Sprintf("%s %s here", x, map[string]string{"returns": "returned", "stores": "stored"}[o.h.How])})
			break
		}
	}
	if v.object == "" {
		// the driver data of a looked-up device stored or returned directly:
		// priv->x = platform_get_drvdata(pdev); return dev_get_drvdata(d);
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
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
			if kept, lk := keptFound(u, c, looked); lk != nil {
				if obj == "" {
					obj = "the result of " + cparse.CalleeName(c) + "()"
				}
				v.object, v.handPos = obj, at
				v.evidence = append(v.evidence, keepsEvidence(kept, lk, c))
				v.related = append(v.related, keptRelated(kept, lk, c)...)
				v.related = append(v.related, analysis.RelatedInformation{Pos: at, Message: "handed out here"})
				return false
			}
			if !isDrvData(u, c) {
				return true
			}
			lk := looked[kernel.Root(c.Args[0])]
			if lk == nil {
				return true
			}
			if obj == "" {
				obj = "the driver data of " + flow.ExprString(c.Args[0])
			}
			v.object, v.handPos = obj, at
			v.evidence = append(v.evidence, fmt.Sprintf("the driver data of a device found by %s()", cparse.CalleeName(lk)))
			v.related = append(v.related,
				analysis.RelatedInformation{Pos: lk.Pos(), Message: "another device, found by " + cparse.CalleeName(lk) + "()"},
				analysis.RelatedInformation{Pos: at, Message: "handed out here"})
			return false
		})
	}
	if v.object == "" {
		// return g(...) of a reported same-file function
		cparse.Inspect(fn.Body, func(n cparse.Node) bool {
			r, ok := n.(*cparse.Return)
			if !ok || r.Result == nil || v.object != "" {
				return v.object == ""
			}
			if c, ok := cparse.Unparen(r.Result).(*cparse.Call); ok {
				if g := verdicts[cparse.CalleeName(c)]; g != nil {
					v.via, v.viaV = cparse.CalleeName(c), g
					v.object, v.handPos = g.object, r.At
					v.related = append(v.related, analysis.RelatedInformation{Pos: r.At, Message: "returns what " + v.via + "() hands out"})
				}
			}
			return true
		})
	}
	if v.object == "" {
		return nil
	}
	if v.stateless != nil {
		v.related = append(v.related, analysis.RelatedInformation{Pos: v.stateless.Pos(), Message: "stateless device link: ordering only"})
	}
	return v
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
		{Pos: c.Pos(), Message: cparse.CalleeName(c) + "() keeps " + kept + " with a reference count only: its driver can still unbind"},
	}
}

func report(pass *analysis.Pass, fn *cparse.Func, v *verdict) {
	link := kernel.LinkAdvice(rules.UnitOf(pass).Model)
	var msg string
	what := v.object
	if len(v.evidence) > 0 {
		what = fmt.Sprintf("%s, another device's object (%s)", v.object, strings.Join(v.evidence, ", "))
	} else if v.via != "" && v.stateless != nil {
		what = fmt.Sprintf("%s from %s()", v.object, v.via)
	}
	stateless := fmt.Sprintf("%s() with %s only orders probe and suspend/resume; it does not unbind the consumer when the provider goes: drop %s (use %s) and check the result",
		link.Name, link.StatelessFlag, link.StatelessFlag, link.Managed)
	missing := fmt.Sprintf("when the provider is unbound its driver frees the object while the consumer still uses it; add a managed device link (%s() without %s, e.g. %s) and check the result",
		link.Name, link.StatelessFlag, link.Managed)
	switch {
	case v.stateless != nil:
		msg = fmt.Sprintf("%s() hands out %s with only a stateless device link: %s", fn.Name, what, stateless)
	case v.via != "" && v.isStateless():
		msg = fmt.Sprintf("%s() hands out %s from %s(), whose device link is stateless: %s", fn.Name, what, v.via, stateless)
	case v.via != "":
		msg = fmt.Sprintf("%s() hands out %s from %s(), which adds no device link: %s", fn.Name, what, v.via, missing)
	default:
		msg = fmt.Sprintf("%s() hands out %s with no device link: %s", fn.Name, what, missing)
	}
	rules.Report(pass, rules.Finding{Pos: fn.NamePos, Message: msg, Related: v.related})
}
