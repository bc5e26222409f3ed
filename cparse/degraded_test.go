package cparse

import (
	"context"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// degradedTree is a tiny configured tree: x86 is configured, a PowerPC
// header exists only under arch/powerpc, and cbd_t is a typedef of a header
// no file includes.
func degradedTree(t *testing.T, files map[string]string) string {
	t.Helper()
	// a space in the root, as in "/src/linux 6.12", must not matter
	root := filepath.Join(t.TempDir(), "linux 6.12")
	base := map[string]string{
		"Kbuild": "", "Makefile": "",
		"include/generated/autoconf.h":       "",
		"include/linux/compiler-version.h":   "",
		"include/linux/kconfig.h":            "",
		"include/linux/compiler_types.h":     "#define __iomem\n",
		"include/linux/types.h":              "typedef unsigned int u32;\n",
		"arch/x86/include/asm/io.h":          "",
		"arch/powerpc/include/asm/mpc52xx.h": "struct mpc52xx_fec { u32 ievent; };\n",
		"include/soc/fsl/cpm.h":              "typedef struct cpm_buf_desc {\n\tunsigned short cbd_sc;\n} cbd_t;\n",
		"include/linux/widgets.h":            "struct widget;\n",
	}
	for p, c := range files {
		base[p] = c
	}
	writeFiles(t, root, base)
	return root
}

func degradedParse(t *testing.T, root, file, cpp string) (*File, error) {
	t.Helper()
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if tree.Kind != Configured {
		t.Fatalf("tree kind %v, want configured", tree.Kind)
	}
	p, err := NewParser(tree, token.NewFileSet())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.CPP = cpp
	return p.Parse(context.Background(), filepath.Join(root, file))
}

func cppModes(t *testing.T) []string {
	if _, err := lookPath("gcc"); err != nil {
		t.Log("no gcc: only the builtin preprocessor is tested")
		return []string{"builtin"}
	}
	return []string{"gcc", "builtin", "auto"}
}

const ppcDriver = `#include <linux/types.h>
#include <asm/io.h>
#include <asm/mpc52xx.h>

struct priv {
	cbd_t __iomem *ring;
	u32 n;
};

static int foo_probe(struct priv *p)
{
	cbd_t __iomem *bd = p->ring;

	return bd != 0;
}
`

func TestDegradedParse(t *testing.T) {
	root := degradedTree(t, map[string]string{"drivers/net/foo/foo.c": ppcDriver})
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, cpp := range cppModes(t) {
		t.Run(cpp, func(t *testing.T) {
			f, err := degradedParse(t, root, "drivers/net/foo/foo.c", cpp)
			if err != nil {
				t.Fatalf("not parsed in degraded mode: %v", err)
			}
			want := []string{
				"missing <asm/mpc52xx.h> stubbed (it exists as arch/powerpc/include/asm/mpc52xx.h)",
				"unknown type cbd_t assumed (a typedef in include/soc/fsl/cpm.h, not included in this configuration)",
			}
			if strings.Join(f.Degraded, "\n") != strings.Join(want, "\n") {
				t.Errorf("Degraded:\n%s\nwant:\n%s", strings.Join(f.Degraded, "\n"), strings.Join(want, "\n"))
			}
			if len(f.Funcs) != 1 || f.Funcs[0].Name != "foo_probe" {
				t.Errorf("functions %v, want foo_probe", f.Funcs)
			}
		})
	}
	// no stub directory is left behind
	if m, _ := filepath.Glob(filepath.Join(tmp, "pcslint-degraded-*")); len(m) > 0 {
		t.Errorf("stub directories left: %v", m)
	}
}

func TestDegradedNotForBuildableFiles(t *testing.T) {
	root := degradedTree(t, map[string]string{"drivers/net/foo/ok.c": "#include <linux/types.h>\nstatic u32 f(void) { return 1; }\n"})
	for _, cpp := range cppModes(t) {
		f, err := degradedParse(t, root, "drivers/net/foo/ok.c", cpp)
		if err != nil || len(f.Degraded) != 0 {
			t.Errorf("%s: err %v, degraded %v; want a normal parse", cpp, err, f.Degraded)
		}
	}
}

// Degraded mode hides no real failure: a syntax error of the file, a
// header or a type that exists nowhere in the tree, a quoted include.
func TestDegradedKeepsRealFailures(t *testing.T) {
	for name, c := range map[string]struct{ src, want string }{
		"syntax error": {
			strings.Replace(ppcDriver, "return bd != 0;", "return bd != ;", 1), "",
		},
		"syntax error on a line with an unknown type": {
			strings.Replace(ppcDriver, "cbd_t __iomem *bd = p->ring;", "cbd_t __iomem *bd = p->ring +;", 1), "",
		},
		"header nowhere in the tree": {
			strings.Replace(ppcDriver, "<asm/mpc52xx.h>", "<asm/mpc5200.h>", 1), "mpc5200.h",
		},
		"quoted include": {
			strings.Replace(ppcDriver, "<asm/mpc52xx.h>", `"asm/mpc52xx.h"`, 1), "mpc52xx.h",
		},
		"type nowhere in the tree": {
			strings.Replace(ppcDriver, "cbd_t __iomem *ring;", "widget_t __iomem *ring;", 1), "",
		},
	} {
		root := degradedTree(t, map[string]string{"drivers/net/foo/foo.c": c.src})
		for _, cpp := range cppModes(t) {
			f, err := degradedParse(t, root, "drivers/net/foo/foo.c", cpp)
			if err == nil {
				t.Errorf("%s, %s: parsed (degraded %v); want the error", name, cpp, f.Degraded)
				continue
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: error %v, want it to name %s", name, cpp, err, c.want)
			}
		}
	}
}

func TestDegradedBounded(t *testing.T) {
	// more unknown types than stubs allowed: the unit fails
	var decls, hdr strings.Builder
	hdr.WriteString("#define __iomem\n")
	for i := 0; i <= maxDegradedStubs; i++ {
		name := "t" + string(rune('a'+i)) + "_t"
		hdr.WriteString("typedef struct { int x; } " + name + ";\n")
		decls.WriteString("\t" + name + " *f" + string(rune('a'+i)) + ";\n")
	}
	root := degradedTree(t, map[string]string{
		"include/soc/many.h":    hdr.String(),
		"drivers/net/foo/foo.c": "#include <linux/types.h>\nstruct s {\n" + decls.String() + "};\n",
	})
	for _, cpp := range cppModes(t) {
		if f, err := degradedParse(t, root, "drivers/net/foo/foo.c", cpp); err == nil {
			t.Errorf("%s: parsed with %d stubs, more than %d", cpp, len(f.Degraded), maxDegradedStubs)
		}
	}
	// exactly the bound parses
	decls.Reset()
	for i := 0; i < maxDegradedStubs; i++ {
		decls.WriteString("\tt" + string(rune('a'+i)) + "_t *f" + string(rune('a'+i)) + ";\n")
	}
	os.WriteFile(filepath.Join(root, "drivers/net/foo/foo.c"), []byte("#include <linux/types.h>\nstruct s {\n"+decls.String()+"};\n"), 0o644)
	for _, cpp := range cppModes(t) {
		if f, err := degradedParse(t, root, "drivers/net/foo/foo.c", cpp); err != nil || len(f.Degraded) != maxDegradedStubs {
			t.Errorf("%s: err %v; want %d stubs", cpp, err, maxDegradedStubs)
		}
	}
}

func TestParseFlagsIdirafter(t *testing.T) {
	o := parseFlags([]string{"-I./include", "-idirafter", "/tmp/stubs", "-idirafterrel"}, "/k")
	if strings.Join(o.after, " ") != "/tmp/stubs /k/rel" || strings.Join(o.system, " ") != "/k/include" {
		t.Errorf("after %v, system %v", o.after, o.system)
	}
}
