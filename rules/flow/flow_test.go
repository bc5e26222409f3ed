package flow_test

import (
	"context"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

const header = `
#define NULL ((void *)0)
typedef _Bool bool;
typedef unsigned int u32;
struct device_node;
struct device { struct device_node *of_node; };
struct platform_device { struct device dev; };
struct of_phandle_args { struct device_node *np; int args_count; };
struct phy;
struct device_node *of_node_get(struct device_node *np);
void of_node_put(struct device_node *np);
struct device_node *of_parse_phandle(const struct device_node *np, const char *name, int index);
int of_parse_phandle_with_args(const struct device_node *np, const char *list, const char *cells, int index, struct of_phandle_args *out);
struct device_node *of_get_parent(const struct device_node *np);
struct device_node *of_get_next_child(const struct device_node *np, struct device_node *prev);
struct device_node *of_find_node_by_name(struct device_node *from, const char *name);
int of_property_read_u32(const struct device_node *np, const char *name, u32 *v);
bool of_device_is_available(const struct device_node *np);
struct phy *devm_phy_get(struct device *dev, const char *s);
bool IS_ERR(const void *p);
long PTR_ERR(const void *p);
int use(void *p);
#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; \
	     child = of_get_next_child(parent, child))
static inline void __free_device_node(void *p) { of_node_put(*(struct device_node **)p); }
#define __free(n) __attribute__((__cleanup__(__free_##n)))
`

// parseSnippet parses src after a small kernel-like header.
func parseSnippet(t *testing.T, src string) *cparse.File {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.c")
	if err := os.WriteFile(path, []byte(header+src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := cparse.NewParser(cparse.StandaloneTree(dir), token.NewFileSet())
	if err != nil {
		t.Fatal(err)
	}
	f, err := p.Parse(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// analyze parses src (after a small kernel-like header) and runs the
// reference dataflow on every function, with the file's summaries.
func analyze(t *testing.T, src string) map[string]*flow.Analysis {
	t.Helper()
	f := parseSnippet(t, src)
	m := model.Builtin()
	sums := flow.Summarize(f, m, nil)
	out := map[string]*flow.Analysis{}
	for _, fn := range f.Funcs {
		out[fn.Name] = flow.Analyze(fn, flow.Options{Model: m, Summaries: sums})
	}
	return out
}

func kinds(a *flow.Analysis, k flow.EventKind) []flow.Event {
	var out []flow.Event
	for _, ev := range a.Events {
		if ev.Kind == k {
			out = append(out, ev)
		}
	}
	return out
}

func TestOutParamFieldReleased(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np)
{
	struct of_phandle_args args;
	if (of_parse_phandle_with_args(np, "a", "#c", 0, &args))
		return -1;
	of_node_put(args.np);
	return 0;
}`)["f"]
	if evs := kinds(fa, flow.Leak); len(evs) != 0 {
		t.Errorf("of_node_put(args.np) should drop the out-parameter's reference; got %d leaks", len(evs))
	}
}

func TestDevmNeverLeaks(t *testing.T) {
	fa := analyze(t, `
int f(struct device *dev)
{
	struct phy *phy = devm_phy_get(dev, "x");
	if (IS_ERR(phy))
		return PTR_ERR(phy);
	return use(phy);
}`)["f"]
	if evs := kinds(fa, flow.Leak); len(evs) != 0 {
		t.Errorf("a devm reference is released by devres; got %d leaks", len(evs))
	}
}

func TestPutBeforeContinue(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np)
{
	struct device_node *child;
	int n = 0;
	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child)) {
			of_node_put(child);
			continue;
		}
		n++;
	}
	return n;
}
int g(struct device_node *np)
{
	struct device_node *child;
	int n = 0;
	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			continue;
		n++;
	}
	return n;
}`)
	evs := kinds(fa["f"], flow.DoubleRelease)
	if len(evs) != 1 || !evs[0].ByIterator || evs[0].ReleasedBy == nil || cparse.CalleeName(evs[0].ReleasedBy) != "of_node_put" {
		t.Errorf("put before continue: want one iterator double release after of_node_put, got %+v", evs)
	} else if _, ok := evs[0].Jump.(*cparse.Continue); !ok {
		t.Errorf("the event should name the continue, got %T", evs[0].Jump)
	}
	if n := len(fa["g"].Events); n != 0 {
		t.Errorf("plain continue: want no events, got %d", n)
	}
}

func TestCleanupVariablePut(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np)
{
	struct device_node *n __free(device_node) = of_parse_phandle(np, "a", 0);
	if (!n)
		return -1;
	of_node_put(n);
	return 0;
}
int g(struct device_node *np)
{
	struct device_node *n __free(device_node) = of_parse_phandle(np, "a", 0);
	if (!n)
		return -1;
	of_node_put(n);
	n = NULL;
	return 0;
}`)
	if evs := kinds(fa["f"], flow.DoubleRelease); len(evs) != 1 || evs[0].Cleanup == nil || evs[0].Cleanup.Name != "n" {
		t.Errorf("hand put of a __free() variable: want one double release naming n, got %+v", evs)
	}
	if evs := kinds(fa["g"], flow.DoubleRelease); len(evs) != 0 {
		t.Errorf("cleared after the put: want none, got %+v", evs)
	}
}

func TestDiscardedGet(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *dn)
{
	struct device_node *ports;
	of_node_get(dn);
	ports = of_find_node_by_name(dn, "ports");
	if (!ports)
		return -1;
	of_node_put(ports);
	return 0;
}
int g(struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "a", 0);
	if (!n)
		return -1;
	of_node_get(n);
	of_node_put(n);
	use(n);
	of_node_put(n);
	return 0;
}`)
	if n := len(fa["f"].Events); n != 0 {
		t.Errorf("of_node_get(dn) balancing of_find_node_by_name(dn): want no events, got %+v", fa["f"].Events)
	}
	if n := len(fa["g"].Events); n != 0 {
		t.Errorf("a second get allows a second put: want no events, got %+v", fa["g"].Events)
	}
}

func TestOverwrittenParamIsNotReleased(t *testing.T) {
	fa := analyze(t, `
void f(struct device_node *np)
{
	np = of_get_parent(np);
	of_node_put(np);
}
void caller(struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "a", 0);
	f(n);
}`)
	if evs := kinds(fa["caller"], flow.Leak); len(evs) != 1 {
		t.Errorf("f() drops its own parent lookup, not its argument: want the caller's leak, got %+v", fa["caller"].Events)
	}
}

func TestDescribeUnmodelledCondition(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np, u32 *v)
{
	struct device_node *n = of_get_parent(np);
	if (!n)
		return -1;
	if (of_property_read_u32(n, "reg", v))
		return -2;
	if (!of_device_is_available(n))
		return -3;
	of_node_put(n);
	return 0;
}`)["f"]
	var msgs []string
	for _, ev := range kinds(fa, flow.Leak) {
		for _, s := range ev.Steps {
			if strings.HasPrefix(s.Msg, "when ") {
				msgs = append(msgs, s.Msg)
			}
		}
	}
	got := strings.Join(msgs, "|")
	for _, want := range []string{"when of_property_read_u32() fails", "when of_device_is_available() is false"} {
		if !strings.Contains(got, want) {
			t.Errorf("want step %q, got %q", want, got)
		}
	}
}

func TestMergedHandleReleasesEachPath(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np)
{
	struct device_node *ports;
	ports = of_get_child_by_name(np, "ports");
	if (!ports)
		ports = of_get_child_by_name(np, "ethernet-ports");
	if (!ports)
		return -1;
	use(ports);
	of_node_put(ports);
	return 0;
}`)["f"]
	if n := len(fa.Events); n != 0 {
		t.Errorf("one put after either lookup: want no events, got %+v", fa.Events)
	}
}

func TestEmbeddedDeviceAddress(t *testing.T) {
	fa := analyze(t, `
struct mdio_device { struct device dev; };
struct phy_device { struct mdio_device mdio; };
struct phy_device *of_phy_find_device(struct device_node *np);
void put_device(struct device *dev);
int f(struct device_node *np)
{
	struct phy_device *phy = of_phy_find_device(np);
	if (!phy)
		return -1;
	put_device(&phy->mdio.dev);
	return 0;
}`)["f"]
	if n := len(fa.Events); n != 0 {
		t.Errorf("put_device(&phy->mdio.dev) drops phy's reference: want no events, got %+v", fa.Events)
	}
}

func TestErrnoAndErrPtrComparisons(t *testing.T) {
	fa := analyze(t, `
struct phylink_pcs;
struct phylink_pcs *miic_create(struct device *dev, struct device_node *np);
void *ERR_PTR(long e);
int f(struct device_node *np)
{
	struct of_phandle_args args;
	int err = of_parse_phandle_with_args(np, "a", "#c", 0, &args);
	if (err == -2)
		return 0;
	else if (err)
		return err;
	of_node_put(args.np);
	return 0;
}
int g(struct device *dev, struct device_node *np)
{
	struct phylink_pcs *pcs = miic_create(dev, np);
	if (pcs == ERR_PTR(-517))
		return -517;
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	return use(pcs);
}`)
	if n := len(kinds(fa["f"], flow.Leak)); n != 0 {
		t.Errorf("err == -ENOENT means the acquire failed: want no leak, got %+v", fa["f"].Events)
	}
	for _, ev := range kinds(fa["g"], flow.Leak) {
		if ev.Pos.IsValid() && ev.Jump != nil {
			if r, ok := ev.Jump.(*cparse.Return); ok && r.Result != nil && flow.ExprString(r.Result) == "-517" {
				t.Errorf("pcs == ERR_PTR(...) means the acquire failed: want no leak there")
			}
		}
	}
}

func TestBorrowedPin(t *testing.T) {
	fa := analyze(t, `
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int attach(struct device *d, int x)
{
	get_device(d);
	if (x < 0)
		return -5;
	return 0;
}
struct bus { struct device dev; };
void keep(struct bus *bus)
{
	get_device(&bus->dev);
}`)
	evs := kinds(fa["attach"], flow.Leak)
	if len(evs) != 1 || flow.ExprString(evs[0].Jump.(*cparse.Return).Result) != "-5" {
		t.Errorf("a get on the caller's object leaks on the error return only; got %+v", evs)
	}
	if n := len(fa["keep"].Events); n != 0 {
		t.Errorf("a get on an object reached through another belongs to it: got %+v", fa["keep"].Events)
	}
}

func TestLoopKeepsAliasedChild(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *np, struct device_node **out)
{
	struct device_node *child, *kept = NULL;
	for_each_child_of_node(np, child) {
		if (!of_device_is_available(child))
			continue;
		of_node_get(child);
		kept = child;
	}
	*out = kept;
	return 0;
}`)["f"]
	for _, ev := range fa.Events {
		if ev.Kind == flow.Leak && ev.Lost {
			t.Errorf("the child kept through another name is not lost at the next step: %+v", ev)
		}
	}
}

func TestPtrErrOrZeroStatus(t *testing.T) {
	fa := analyze(t, `
struct phylink_pcs;
struct fwnode_handle;
struct phylink_pcs *xpcs_create_fwnode(struct fwnode_handle *fw, int mode);
int PTR_ERR_OR_ZERO(const void *p);
struct priv { struct phylink_pcs *pcs; };
int f(struct priv *priv, struct fwnode_handle *fw)
{
	struct phylink_pcs *pcs = xpcs_create_fwnode(fw, 0);
	int ret = PTR_ERR_OR_ZERO(pcs);
	if (ret)
		return ret;
	priv->pcs = pcs;
	return 0;
}`)["f"]
	if n := len(fa.Events); n != 0 {
		t.Errorf("ret = PTR_ERR_OR_ZERO(pcs); if (ret) return ret;: want no events, got %+v", fa.Events)
	}
}

func TestDerivedPointerReturned(t *testing.T) {
	fa := analyze(t, `
struct platform_device *of_find_device_by_node(struct device_node *np);
void *platform_get_drvdata(struct platform_device *pdev);
void put_device(struct device *dev);
void *get_iep(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	void *iep;
	if (!pdev)
		return NULL;
	iep = platform_get_drvdata(pdev);
	if (!iep) {
		put_device(&pdev->dev);
		return NULL;
	}
	return iep;
}
int leak(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	int ret;
	if (!pdev)
		return -1;
	ret = use(pdev);
	return ret;
}`)
	if n := len(fa["get_iep"].Events); n != 0 {
		t.Errorf("returning the provider's drvdata keeps the device reference with it: got %+v", fa["get_iep"].Events)
	}
	if n := len(kinds(fa["leak"], flow.Leak)); n != 1 {
		t.Errorf("an int computed from the device does not hand it over: want 1 leak, got %+v", fa["leak"].Events)
	}
}

func TestStoringCalleeTakes(t *testing.T) {
	fa := analyze(t, `
struct hw { struct device_node *node; };
void add_hw(struct hw *hw, struct device_node *np)
{
	hw->node = np;
}
int f(struct hw *hw, struct device_node *np)
{
	struct device_node *n = of_parse_phandle(np, "a", 0);
	if (!n)
		return -1;
	add_hw(hw, n);
	return 0;
}`)
	if n := len(fa["f"].Events); n != 0 {
		t.Errorf("add_hw() keeps its node: want no events, got %+v", fa["f"].Events)
	}
}

func TestCorrelatedBranches(t *testing.T) {
	fa := analyze(t, `
int f(struct device_node *prev, struct device_node *np)
{
	struct device_node *node;
	if (!prev)
		node = of_get_parent(np);
	if (prev)
		use(prev);
	else if (node)
		of_node_put(node);
	return 0;
}
int g(struct device_node *np)
{
	struct device_node *port;
	while (1) {
		port = of_get_parent(np);
		if (!port)
			return -1;
		if (of_device_is_available(port)) {
			of_node_put(port);
			return 0;
		}
		of_node_put(port);
	}
}`)
	if n := len(fa["f"].Events); n != 0 {
		t.Errorf("if (!prev) get ...; if (prev) ... else put: want no events, got %+v", fa["f"].Events)
	}
	if n := len(fa["g"].Events); n != 0 {
		t.Errorf("while (1) never exits by its test: want no events, got %+v", fa["g"].Events)
	}
}

func TestOfNodeAndFwnodeShareReferences(t *testing.T) {
	fa := analyze(t, `
struct fwnode_handle;
struct fwnode_handle *device_get_next_child_node(const struct device *dev, struct fwnode_handle *child);
void fwnode_handle_put(struct fwnode_handle *fw);
struct device_node *to_of_node(struct fwnode_handle *fw);
int f(struct device *dev)
{
	struct fwnode_handle *fw = device_get_next_child_node(dev, NULL);
	struct device_node *node;
	if (!fw)
		return -1;
	node = to_of_node(fw);
	of_node_put(node);
	return 0;
}`)["f"]
	if n := len(fa.Events); n != 0 {
		t.Errorf("of_node_put(to_of_node(fw)) drops fw's reference: want no events, got %+v", fa.Events)
	}
}

func TestConditionalAcquire(t *testing.T) {
	fa := analyze(t, `
struct device_node *of_find_node_by_path(const char *path);
int f(struct device_node *root)
{
	root = root ? of_node_get(root) : of_find_node_by_path("/");
	if (!root)
		return -1;
	use(root);
	of_node_put(root);
	return 0;
}`)["f"]
	if n := len(fa.Events); n != 0 {
		t.Errorf("either arm's reference is dropped by the one put: want no events, got %+v", fa.Events)
	}
}

// PTR_ERR(p) == -ENOENT means p is an error pointer: no reference held.
func TestPtrErrCompareMeansErrPtr(t *testing.T) {
	src := `
struct fwnode_handle;
struct fwnode_handle *fwnode_find_reference(struct fwnode_handle *f, const char *n, unsigned i);
void fwnode_handle_put(struct fwnode_handle *f);
void *f(struct fwnode_handle *fw)
{
	struct fwnode_handle *r;

	r = fwnode_find_reference(fw, "a", 0);
	if (PTR_ERR(r) == -2)
		return 0;
	if (IS_ERR(r))
		return r;
	fwnode_handle_put(r);
	return 0;
}
`
	if evs := kinds(analyze(t, src)["f"], flow.Leak); len(evs) != 0 {
		t.Fatalf("leak reported after PTR_ERR(r) == -ENOENT: %v", evs)
	}
}

// Steps quote a test as written: a value tested for zero is not a failed
// call, and its negation is kept; a branch hint is its argument's test.
func TestDescribeWrittenCondition(t *testing.T) {
	fa := analyze(t, `
unsigned long get_rate(struct device_node *np);
int f(struct device *dev, unsigned long *out)
{
	struct device_node *n = of_parse_phandle(dev->of_node, "clk", 0);
	unsigned long rate;
	if (__builtin_expect(!!(!n), 0))
		return -1;
	rate = get_rate(n);
	if (!rate)
		return -2;
	*out = rate;
	return 0;
}`)["f"]
	var msgs []string
	for _, ev := range kinds(fa, flow.Leak) {
		for _, s := range ev.Steps {
			if strings.HasPrefix(s.Msg, "when ") {
				msgs = append(msgs, s.Msg)
			}
		}
	}
	got := strings.Join(msgs, "|")
	for _, want := range []string{"when of_parse_phandle() succeeds", "when '!rate' is true", "when '!rate' is false"} {
		if !strings.Contains(got, want) {
			t.Errorf("want step %q, got %q", want, got)
		}
	}
	if strings.Contains(got, "get_rate() fails") || strings.Contains(got, "__builtin_expect") {
		t.Errorf("steps %q: a rate is no error code, a hint no call", got)
	}
}
