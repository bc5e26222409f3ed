package flow_test

import (
	"strings"
	"testing"

	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Wrappers are summarized as gets only when they return the reference
// itself, with every failure convention they use.
func TestWrapperSummaries(t *testing.T) {
	src := `
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
void *dev_get_drvdata(const struct device *dev);
struct device *bus_find_device_by_of_node(void *bus, struct device_node *np);
void *ERR_PTR(long e);
struct priv { struct device *dev; int x; };
struct device *foo_get(struct device *dev) { if (!dev) return NULL; return get_device(dev); }
void *fman_bind(struct device *fm_dev) { return (void *)(dev_get_drvdata(get_device(fm_dev))); }
struct priv *store_get(struct priv *p, struct device *dev) { p->dev = get_device(dev); return p; }
int *field_get(struct priv *p, struct device *dev) { struct device *d = get_device(dev); return &d->x; }
struct device *find(struct device_node *np, int k) {
	struct device *d;
	if (k < 0) return ERR_PTR(-22);
	d = bus_find_device_by_of_node(0, np);
	if (!d) return NULL;
	return d;
}
struct device *find2(struct device_node *np, int k) {
	struct device *d;
	if (k < 0) return NULL;
	d = bus_find_device_by_of_node(0, np);
	if (!d) return ERR_PTR(-517);
	return d;
}
`
	f := parseSnippet(t, src)
	s := flow.Summarize(f, model.Builtin(), nil)
	want := map[string]string{
		"foo_get":   "acquire null",
		"find":      "acquire errornull",
		"find2":     "acquire errornull",
		"fman_bind": "",
		"field_get": "",
	}
	for name, w := range want {
		got := ""
		if x := s.Lookup(name); x != nil {
			got = string(x.Kind) + " " + string(x.Fail)
		}
		if got != w {
			t.Errorf("%s: summary %q, want %q", name, got, w)
		}
	}
}

// Wrappers of wrappers defined callers first need several rounds; only the
// functions whose callees changed are summarized again, with the same
// outcome as summarizing everything every round.
func TestSummarizeWrapperChain(t *testing.T) {
	src := `
struct device *get_device(struct device *dev);
struct device *w3(struct device *dev) { return w2(dev); }
struct device *w2(struct device *dev) { return w1(dev); }
int unrelated(int x) { return x + 1; }
struct device *w1(struct device *dev) { return get_device(dev); }
`
	f := parseSnippet(t, src)
	s := flow.Summarize(f, model.Builtin(), nil)
	for _, name := range []string{"w1", "w2", "w3"} {
		if fn := s.Lookup(name); fn == nil || fn.Kind != model.Acquire || !fn.Ref.Ret {
			t.Errorf("%s: summary %+v, want an acquire returning the reference", name, fn)
		}
	}
	if s.Lookup("unrelated") != nil {
		t.Errorf("unrelated() summarized")
	}
}

// A unit's view answers from a live table once per name; the answers are
// stale when the final table answers otherwise.
func TestLiveAnswers(t *testing.T) {
	provider := parseSnippet(t, `
struct device *get_device(struct device *dev);
struct device *my_get(struct device *dev) { return get_device(dev); }
`)
	sums := flow.Summarize(provider, model.Builtin(), nil).Exported(provider)

	live := flow.NewLive()
	base, answers := live.Base()
	view := flow.NewSummaries().Over(base)
	if view.Lookup("my_get") != nil {
		t.Fatal("empty live table answered")
	}
	live.Add(sums)
	if view.Lookup("my_get") != nil {
		t.Error("a unit's view changed its answer while it ran")
	}
	if !answers.Stale(sums) {
		t.Error("answer none, final table has my_get: not stale")
	}

	base, answers = live.Base()
	view = flow.NewSummaries().Over(base)
	if view.Lookup("my_get") == nil || view.Lookup("other") != nil {
		t.Fatal("live table: wrong answers")
	}
	if answers.Stale(sums) {
		t.Error("same answers as the final table: stale")
	}
}

// A function that stores its parameter takes the caller's reference,
// unless it takes one of its own first: then it holds it, and so does a
// function passing the parameter on to it.
func TestHoldsSummaries(t *testing.T) {
	f := parseSnippet(t, `
struct mdio_device { int x; };
void mdio_device_get(struct mdio_device *mdiodev);
void *kzalloc(unsigned long size, unsigned int flags);
struct box { struct mdio_device *mdio; };
struct box *hold(struct mdio_device *mdio)
{
	struct box *b = kzalloc(sizeof(*b), 0);

	if (!b)
		return (void *)0;
	mdio_device_get(mdio);
	b->mdio = mdio;
	return b;
}
struct box *hold_too(struct mdio_device *mdio) { return hold(mdio); }
struct box *take(struct box *b, struct mdio_device *mdio) { b->mdio = mdio; return b; }
`)
	s := flow.Summarize(f, model.Builtin(), nil)
	for name, want := range map[string]model.Kind{"hold": model.Holds, "hold_too": model.Holds, "take": model.Takes} {
		if fn := s.Lookup(name); fn == nil || fn.Kind != want {
			t.Errorf("%s: summary %+v, want %s", name, fn, want)
		}
	}
}

// A function returning an object it registered a devm action on says which
// fields of the object the action releases (directly, through a local,
// through a helper of the file, or as the action's own data); static
// functions are not exported.
func TestUnbindReleases(t *testing.T) {
	src := `
struct clk;
void clk_put(struct clk *clk);
void *ERR_PTR(long e);
int __devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data, const char *name);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
struct port { struct device_node *np; };
struct cfg { struct device_node *mdio_node; struct device_node *phy_node; struct clk *clk; struct port port; int x; };
struct cfg *cfg_alloc(struct platform_device *pdev);
static void cfg_teardown(struct platform_device *pdev, struct cfg *c) { of_node_put(c->mdio_node); clk_put(c->clk); }
static void cfg_action(void *data) { struct cfg *c = data; cfg_teardown(0, c); of_node_put(c->port.np); }
struct cfg *cfg_get(struct platform_device *pdev) {
	struct cfg *c = cfg_alloc(pdev);
	int ret;
	if (!c) return ERR_PTR(-12);
	ret = __devm_add_action_or_reset(&pdev->dev, cfg_action, c, "cfg_action");
	if (ret) return ERR_PTR(ret);
	return c;
}
static void port_action(void *data) { struct port *p = data; of_node_put(p->np); }
static void put_node(void *np) { of_node_put(np); }
static struct cfg *cfg_get_port(struct platform_device *pdev) {
	struct cfg *c = cfg_alloc(pdev);
	devm_add_action(&pdev->dev, port_action, &c->port);
	devm_add_action(&pdev->dev, put_node, c->phy_node);
	return c;
}
struct cfg *cfg_other(struct platform_device *pdev, struct cfg *o) {
	struct cfg *c = cfg_alloc(pdev);
	devm_add_action(&pdev->dev, cfg_action, o);
	return c;
}
`
	f := parseSnippet(t, src)
	s := flow.Summarize(f, model.Builtin(), nil)
	str := func(us []flow.UnbindRelease) string {
		var out []string
		for _, u := range us {
			out = append(out, u.Field+":"+u.Release)
		}
		return strings.Join(out, " ")
	}
	want := map[string]string{
		"cfg_get":      "clk:clk_put mdio_node:of_node_put port.np:of_node_put",
		"cfg_get_port": "phy_node:put_node port.np:of_node_put",
		"cfg_other":    "",
		"cfg_action":   "",
	}
	for name, w := range want {
		if got := str(s.Unbind(name)); got != w {
			t.Errorf("%s: unbind releases %q, want %q", name, got, w)
		}
	}
	ex := s.Exported(f)
	if ex.Unbind("cfg_get_port") != nil || ex.Unbind("cfg_get") == nil {
		t.Errorf("exported: cfg_get_port %v (static), cfg_get %v", ex.Unbind("cfg_get_port"), ex.Unbind("cfg_get"))
	}

	// a unit that asked before the provider was summarized is stale
	live := flow.NewLive()
	base, answers := live.Base()
	view := flow.NewSummaries().Over(base)
	if view.Unbind("cfg_get") != nil {
		t.Fatal("empty live table answered")
	}
	live.Add(ex)
	if view.Unbind("cfg_get") != nil {
		t.Error("a unit's view changed its answer while it ran")
	}
	if !answers.Stale(ex) {
		t.Error("answer none, final table has cfg_get's releases: not stale")
	}
	asked := false
	answers.Asked(func(name string) { asked = asked || name == "cfg_get" })
	if !asked {
		t.Error("Asked does not list cfg_get")
	}
	base, answers = live.Base()
	view = flow.NewSummaries().Over(base)
	if str(view.Unbind("cfg_get")) != want["cfg_get"] || answers.Stale(ex) {
		t.Error("live table: wrong or stale unbind answers")
	}
}
