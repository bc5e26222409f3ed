package cparse

import (
	"context"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// stubHeaders lists the embedded stub headers, slash separated, relative to
// the include directory ("linux/of.h").
func stubHeaders(t *testing.T) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(stubFS, "include", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".h") {
			out = append(out, strings.TrimPrefix(p, "include/"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	if len(out) < 60 {
		t.Fatalf("only %d stub headers embedded", len(out))
	}
	return out
}

// stubSource is a driver-shaped file that includes every stub header and
// uses the macros whose expansion the rules depend on.
func stubSource(t *testing.T) string {
	var b strings.Builder
	for _, h := range stubHeaders(t) {
		b.WriteString("#include <" + h + ">\n")
	}
	b.WriteString(stubBody)
	return b.String()
}

const stubBody = `
#define CONFIG_ACME_ON 1
#if !IS_ENABLED(CONFIG_ACME_ON) || IS_ENABLED(CONFIG_ACME_OFF)
#error "IS_ENABLED() does not follow the CONFIG_ definitions"
#endif

struct acme_priv {
	struct device *dev;
	struct device_node *np;
	struct list_head node;
	struct mutex lock;
	struct phylink_pcs pcs;
};

static LIST_HEAD(acme_list);
static DEFINE_MUTEX(acme_lock);

static int acme_lookup(struct device *dev, struct device_node *parent)
{
	struct device_node *child;
	struct device_node *np __free(device_node) = of_get_child_by_name(parent, "pcs");
	struct acme_priv *priv, *found = NULL;
	struct device_link *link;
	int n = 0;

	for_each_child_of_node(parent, child) {
		if (of_device_is_available(child))
			break;
	}
	of_node_put(child);

	guard(mutex)(&acme_lock);
	list_for_each_entry(priv, &acme_list, node) {
		if (priv->np == np) {
			found = priv;
			break;
		}
	}
	if (!found)
		return -ENODEV;
	priv = container_of(&found->pcs, struct acme_priv, pcs);
	if (IS_ERR(priv->dev))
		return PTR_ERR(priv->dev);
	link = device_link_add(dev, priv->dev, DL_FLAG_AUTOREMOVE_CONSUMER);
	if (!link)
		return -EINVAL;
	scoped_guard(mutex, &priv->lock)
		n++;
	for_each_child_of_node_scoped(parent, c)
		if (c == np)
			return n;
	return 0;
}

static struct device_node *acme_keep(struct device_node *parent)
{
	struct device_node *np __free(device_node) = of_get_child_by_name(parent, "pcs");

	if (!np)
		return NULL;
	return_ptr(np);
}

static int acme_probe(struct platform_device *pdev)
{
	struct acme_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	platform_set_drvdata(pdev, priv);
	dev_info(&pdev->dev, "%d\n", acme_lookup(&pdev->dev, pdev->dev.of_node));
	return 0;
}

static void acme_remove(struct platform_device *pdev)
{
	struct acme_priv *priv = platform_get_drvdata(pdev);

	of_node_put(acme_keep(priv->np));
}

static const struct of_device_id acme_match[] = {
	{ .compatible = "acme,mac" },
	{ }
};
MODULE_DEVICE_TABLE(of, acme_match);

static struct platform_driver acme_driver = {
	.probe = acme_probe,
	.remove = acme_remove,
	.driver = {
		.name = "acme",
		.of_match_table = acme_match,
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(acme_driver);

int acme_exported(void)
{
	return 0;
}
EXPORT_SYMBOL_GPL(acme_exported);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stub header test");
`

// TestStubHeadersParse parses a file including every stub header with the
// standalone tree and checks that the kernel macros expand to the shapes
// the rules look for.
func TestStubHeadersParse(t *testing.T) {
	dir := t.TempDir()
	src := stubSource(t)
	abs := filepath.Join(dir, "acme.c")
	if err := os.WriteFile(abs, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := NewParser(StandaloneTree(dir), token.NewFileSet())
	if err != nil {
		t.Fatal(err)
	}
	f, err := p.Parse(context.Background(), abs)
	if err != nil {
		t.Fatalf("parse against the stub headers: %v", err)
	}
	funcs := map[string]*Func{}
	for _, fn := range f.Funcs {
		funcs[fn.Name] = fn
	}
	for _, name := range []string{"acme_lookup", "acme_keep", "acme_probe", "acme_remove", "acme_exported",
		"acme_driver_init", "acme_driver_exit"} {
		if funcs[name] == nil {
			t.Errorf("function %s not found (have %v)", name, stubFuncNames(f))
		}
	}
	fn := funcs["acme_lookup"]
	if fn == nil {
		t.FailNow()
	}
	lineOf := func(n Node) int { return p.Fset.Position(n.Pos()).Line }
	srcLine := func(sub string) int {
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, sub) {
				return i + 1
			}
		}
		t.Fatalf("no line with %q", sub)
		return 0
	}

	var fors []*For
	var decls []*VarDecl
	calls := map[string][]*Call{}
	stmtExprs := 0
	Inspect(fn.Body, func(n Node) bool {
		switch x := n.(type) {
		case *For:
			fors = append(fors, x)
		case *VarDecl:
			decls = append(decls, x)
		case *Call:
			calls[CalleeName(x)] = append(calls[CalleeName(x)], x)
		case *StmtExpr:
			stmtExprs++
		}
		return true
	})

	// for_each_child_of_node(parent, child) { ... break; }
	each := stubFindFor(fors, func(l *For) bool {
		es, ok := l.Init.(*ExprStmt)
		if !ok {
			return false
		}
		a, ok := es.X.(*Assign)
		post, ok2 := l.Post.(*Assign)
		return ok && ok2 && stubIsCallTo(a.R, "of_get_next_child") && stubIsCallTo(post.R, "of_get_next_child") && l.Cond != nil
	})
	if each == nil {
		t.Errorf("for_each_child_of_node: no for loop with child = of_get_next_child(...) in Init and Post")
	} else {
		if !stubHasNode(each.Body, func(n Node) bool { _, ok := n.(*Break); return ok }) {
			t.Errorf("for_each_child_of_node: the break is not in the loop body")
		}
		if got, want := lineOf(each), srcLine("for_each_child_of_node(parent, child)"); got != want {
			t.Errorf("for_each_child_of_node loop at line %d, want the macro's line %d", got, want)
		}
	}

	// struct device_node *np __free(device_node) = of_get_child_by_name(...)
	np := stubFindDecl(decls, "np")
	if np == nil || np.Cleanup != "__free_device_node" || !stubIsCallTo(np.Init, "of_get_child_by_name") {
		t.Errorf("__free(device_node): want np with Cleanup __free_device_node and an of_get_child_by_name() initializer, got %+v", np)
	} else if np.Type == nil || !np.Type.IsPtrTo("struct device_node") {
		t.Errorf("np has type %v, want struct device_node *", np.Type)
	}

	// guard(mutex)(&acme_lock): a class variable initialized from the lock
	var guardVar *VarDecl
	for _, d := range decls {
		if strings.HasPrefix(d.Name, "__UNIQUE_ID_guard") {
			guardVar = d
		}
	}
	if guardVar == nil {
		t.Errorf("guard(mutex): no __UNIQUE_ID_guard variable")
	} else {
		if guardVar.Cleanup != "class_mutex_destructor" {
			t.Errorf("guard(mutex): cleanup %q, want class_mutex_destructor", guardVar.Cleanup)
		}
		c, ok := guardVar.Init.(*Call)
		if !ok || CalleeName(c) != "class_mutex_constructor" || len(c.Args) != 1 || stubExprIdent(c.Args[0]) != "acme_lock" {
			t.Errorf("guard(mutex): initializer %#v, want class_mutex_constructor(&acme_lock)", guardVar.Init)
		}
		if guardVar.Type == nil || guardVar.Type.Name != "class_mutex_t" {
			t.Errorf("guard(mutex): type %v, want class_mutex_t", guardVar.Type)
		}
	}

	// list_for_each_entry(priv, &acme_list, node): a for loop over container_of()
	lfe := stubFindFor(fors, func(l *For) bool {
		return l.Cond != nil && stubHasNode(l.Cond, func(n Node) bool { return stubIsCallTo(n, "list_is_head") })
	})
	if lfe == nil {
		t.Errorf("list_for_each_entry: no for loop testing list_is_head()")
	} else if a, ok := lfe.Init.(*ExprStmt); !ok || !stubHasNode(a.X, func(n Node) bool { _, ok := n.(*StmtExpr); return ok }) {
		t.Errorf("list_for_each_entry: Init %#v does not assign a container_of() statement expression", lfe.Init)
	}

	// scoped_guard(mutex, &priv->lock) and for_each_child_of_node_scoped()
	scoped := stubFindFor(fors, func(l *For) bool {
		ds, ok := l.Init.(*DeclStmt)
		return ok && len(ds.Decls) == 1 && ds.Decls[0].Name == "scope" && ds.Decls[0].Cleanup == "class_mutex_destructor"
	})
	if scoped == nil {
		t.Errorf("scoped_guard(mutex): no for loop declaring scope with cleanup class_mutex_destructor")
	}
	scopedEach := stubFindFor(fors, func(l *For) bool {
		ds, ok := l.Init.(*DeclStmt)
		return ok && len(ds.Decls) == 1 && ds.Decls[0].Name == "c" && ds.Decls[0].Cleanup == "__free_device_node" &&
			stubIsCallTo(ds.Decls[0].Init, "of_get_next_child")
	})
	if scopedEach == nil {
		t.Errorf("for_each_child_of_node_scoped: no for loop declaring c __free(device_node) = of_get_next_child()")
	}

	if stmtExprs == 0 {
		t.Errorf("container_of: no statement expression in acme_lookup")
	}
	if len(calls["IS_ERR"]) != 1 || len(calls["PTR_ERR"]) != 1 {
		t.Errorf("IS_ERR/PTR_ERR: %d/%d calls, want 1/1", len(calls["IS_ERR"]), len(calls["PTR_ERR"]))
	}
	if l := calls["device_link_add"]; len(l) != 1 || len(l[0].Args) != 3 {
		t.Errorf("device_link_add: want one call with 3 arguments, got %v", l)
	}
	if len(calls["of_node_put"]) != 1 {
		t.Errorf("of_node_put: %d calls, want 1", len(calls["of_node_put"]))
	}

	// return_ptr(np) goes through no_free_ptr()'s statement expression
	if keep := funcs["acme_keep"]; keep != nil {
		var ret *Return
		Inspect(keep.Body, func(n Node) bool {
			if r, ok := n.(*Return); ok && r.Result != nil {
				ret = r
			}
			return true
		})
		if ret == nil || !stubHasNode(ret.Result, func(n Node) bool { return stubIsCallTo(n, "__must_check_fn") }) {
			t.Errorf("return_ptr(np): want a return of __must_check_fn(...), got %#v", ret)
		}
	}

	// the driver structure and the initcalls module_platform_driver() adds
	var drv *VarDecl
	for _, g := range f.Globals {
		if g.Name == "acme_driver" {
			drv = g
		}
	}
	if drv == nil || drv.Type == nil || drv.Type.Name != "struct platform_driver" {
		t.Errorf("acme_driver: global %+v, want a struct platform_driver", drv)
	} else if il, ok := drv.Init.(*InitList); !ok || !stubHasField(il, "suppress_bind_attrs") {
		t.Errorf("acme_driver: .driver.suppress_bind_attrs not in the initializer")
	}
	if init := funcs["acme_driver_init"]; init != nil {
		if !stubHasNode(init.Body, func(n Node) bool { return stubIsCallTo(n, "__platform_driver_register") }) {
			t.Errorf("module_platform_driver: acme_driver_init does not call __platform_driver_register()")
		}
	}
	// MODULE_*() add nothing; EXPORT_SYMBOL_GPL() redeclares the symbol
	exported := false
	for _, g := range f.Globals {
		if strings.HasPrefix(g.Name, "__") {
			t.Errorf("unexpected global %s (%v) from a stub macro", g.Name, g.Type)
		}
		if g.Name == "acme_exported" && g.Extern {
			exported = true
		}
	}
	if !exported {
		t.Errorf("EXPORT_SYMBOL_GPL(acme_exported): no extern redeclaration")
	}
	for name, fields := range map[string][]string{
		"struct device":          {"of_node", "fwnode", "driver_data", "parent", "driver"},
		"struct device_driver":   {"name", "owner", "of_match_table", "suppress_bind_attrs", "probe", "remove"},
		"struct platform_device": {"dev", "name", "id"},
		"struct phylink_pcs":     {"ops", "neg_mode", "poll", "dev", "list"},
		"struct phylink_pcs_ops": {"owner", "pcs_config", "pcs_get_state", "pcs_an_restart"},
		"struct of_phandle_args": {"np", "args_count", "args"},
		"struct mdio_device":     {"dev", "bus", "addr"},
		"struct mdio_driver":     {"mdiodrv", "probe", "remove"},
		"struct phy_device":      {"mdio"},
		"struct phy":             {"dev", "ops"},
		"struct phy_ops":         {"owner"},
		"struct mii_bus":         {"dev"},
		"struct dw_xpcs":         {"pcs"},
	} {
		for _, fld := range fields {
			if f.Structs[name][fld] == nil {
				t.Errorf("%s has no field %s", name, fld)
			}
		}
	}
}

// TestStubHeadersGCC checks the stub headers are valid GNU C for gcc too:
// the test source above, and each header on its own.
func TestStubHeadersGCC(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not installed")
	}
	inc := stubIncludeDir(t)
	check := func(name, src string) {
		t.Helper()
		c := filepath.Join(t.TempDir(), "t.c")
		if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(gcc, "-fsyntax-only", "-nostdinc", "-isystem", inc, "-std=gnu11",
			"-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types", c)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("gcc -fsyntax-only %s: %v\n%s", name, err, out)
		}
	}
	check("the stub test source", stubSource(t))
	for _, h := range stubHeaders(t) {
		// each header on its own, twice (include guards)
		check(h, "#include <"+h+">\n#include <"+h+">\n")
	}
}

// stubIncludeDir writes the stub headers to a directory for gcc.
func stubIncludeDir(t *testing.T) string {
	t.Helper()
	inc := t.TempDir()
	for _, h := range stubHeaders(t) {
		b, err := stubFS.ReadFile("include/" + h)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(inc, filepath.FromSlash(h))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return inc
}

func stubFuncNames(f *File) []string {
	var out []string
	for _, fn := range f.Funcs {
		out = append(out, fn.Name)
	}
	return out
}

func stubFindFor(fors []*For, ok func(*For) bool) *For {
	for _, l := range fors {
		if ok(l) {
			return l
		}
	}
	return nil
}

func stubFindDecl(decls []*VarDecl, name string) *VarDecl {
	for _, d := range decls {
		if d.Name == name {
			return d
		}
	}
	return nil
}

func stubIsCallTo(n Node, name string) bool {
	c, ok := n.(*Call)
	return ok && CalleeName(c) == name
}

func stubHasNode(root Node, ok func(Node) bool) bool {
	found := false
	if root == nil {
		return false
	}
	Inspect(root, func(n Node) bool {
		if !found && ok(n) {
			found = true
		}
		return !found
	})
	return found
}

func stubHasField(il *InitList, name string) bool {
	for _, e := range il.Elts {
		if len(e.Field) > 0 && e.Field[len(e.Field)-1] == name {
			return true
		}
		if sub, ok := e.Value.(*InitList); ok && stubHasField(sub, name) {
			return true
		}
	}
	return false
}

// stubExprIdent is the identifier x or &x denotes, "" otherwise.
func stubExprIdent(x Expr) string {
	x = Unparen(x)
	if u, ok := x.(*Unary); ok && u.Op == "&" {
		x = Unparen(u.X)
	}
	if id, ok := x.(*Ident); ok {
		return id.Name
	}
	return ""
}
