package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestNormalizeArgs: the Go-style spellings become pflag's; values, paths
// and what follows "--" are left alone.
func TestNormalizeArgs(t *testing.T) {
	fs, _ := testFlagSet()
	for _, c := range []struct{ in, want []string }{
		{[]string{"-demo"}, []string{"--demo"}},
		{[]string{"-format", "sarif", "-o", "x"}, []string{"--format", "sarif", "-o", "x"}},
		{[]string{"-format=json", "-list-rules"}, []string{"--format=json", "--list-rules"}},
		{[]string{"--o", "x", "--j=2", "--C", "d"}, []string{"-o", "x", "-j=2", "-C", "d"}},
		{[]string{"-j4", "-j", "4", "-C", "-demo"}, []string{"-j4", "-j", "4", "-C", "-demo"}}, // -demo is -C's value here
		{[]string{"--color", "always", "x.c"}, []string{"--color=always", "x.c"}},
		{[]string{"--color", "x.c"}, []string{"--color", "x.c"}},
		{[]string{"-color", "never"}, []string{"--color=never"}},
		{[]string{"--max-file-size", "-1", "--patch", "-"}, []string{"--max-file-size", "-1", "--patch", "-"}},
		{[]string{"--", "-demo"}, []string{"--", "-demo"}},
		{[]string{"-h", "-x"}, []string{"-h", "-x"}},
	} {
		if got := normalizeArgs(fs, c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("normalizeArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFlagSpellings: each group of command lines is the same request, in
// the Go spellings README and scripts use and in GNU ones; all give the
// same report and exit status.
func TestFlagSpellings(t *testing.T) {
	tree := t.TempDir()
	writeFile(t, filepath.Join(tree, "drivers/a.c"), goodSrc)
	writeFile(t, filepath.Join(tree, "include/linux/of.h"), ofH)
	out := t.TempDir()
	file := func(name string) string { return filepath.Join(out, name) }
	groups := [][][]string{
		{{"-demo", "--color", "never"}, {"--demo", "--color=never"}, {"--color", "never", "-demo"}},
		{{"-standalone", "-format", "json", "drivers"}, {"--standalone", "--format=json", "drivers"}, {"--format", "json", "drivers", "--standalone"}},
		{{"-demo", "-j", "1", "-color", "never"}, {"--demo", "--jobs=1", "--color=never"}, {"-demo", "-j1", "--color=never"}},
		{{"--standalone", "--format", "json", "drivers"}, {"--standalone", "drivers", "--format", "json"}, {"drivers", "-standalone", "-format=json"}},
		{{"-demo", "--color"}, {"-demo", "--color", "always"}, {"-demo", "--color=always"}},
		{{"-C", tree, "--standalone", "--format", "json"}, {"--directory", tree, "--standalone", "--format", "json"}, {"--standalone", "--C", tree, "--format=json"}},
	}
	for _, g := range groups {
		var first string
		var firstCode int
		for i, args := range g {
			code, stdout, stderr := runIn(t, tree, args...)
			if code == 2 {
				t.Fatalf("%q: exit 2: %s", args, stderr)
			}
			if i == 0 {
				first, firstCode = stdout, code
				continue
			}
			if stdout != first || code != firstCode {
				t.Errorf("%q gives exit %d and\n%s\n%q gives exit %d and\n%s", g[0], firstCode, first, args, code, stdout)
			}
		}
	}
	if _, colored, _ := runIn(t, tree, "-demo", "--color"); !strings.Contains(colored, "\x1b[") {
		t.Errorf("a bare --color is not always:\n%s", colored)
	}
	// -o, --output and Go's --o write the same report (text: the demo
	// tree's temporary root is not in it)
	var reports []string
	for i, args := range [][]string{{"-o", file("1")}, {"--output", file("2")}, {"--o", file("3")}, {"--output=" + file("4")}} {
		if code, _, stderr := runIn(t, tree, append([]string{"-demo"}, args...)...); code == 2 {
			t.Fatalf("%q: %s", args, stderr)
		}
		data, err := os.ReadFile(file(string(rune('1' + i))))
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		reports = append(reports, string(data))
	}
	for i := 1; i < len(reports); i++ {
		if reports[i] != reports[0] {
			t.Errorf("report %d differs from the first", i+1)
		}
	}
}

// docPages reads docs/rules/*.md, the generated rule pages: id -> page.
func docPages(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../docs/rules/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule pages in docs/rules: %v", err)
	}
	pages := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[strings.TrimSuffix(filepath.Base(f), ".md")] = string(data)
	}
	return pages
}

// TestListRulesJSON: every rule of docs/rules, with the level its page
// states.
func TestListRulesJSON(t *testing.T) {
	pages := docPages(t)
	code, stdout, stderr := runIn(t, t.TempDir(), "--list-rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rules []struct {
		ID, Level, Short, HelpURI string
		Tags                      []string
	}
	if err := json.Unmarshal([]byte(stdout), &rules); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	var ids, want []string
	for _, r := range rules {
		ids = append(ids, r.ID)
		page := pages[r.ID]
		if !strings.Contains(page, "Default level: **"+r.Level+"**.") || !strings.Contains(page, "_"+r.Short+"_") {
			t.Errorf("%s: level %q, short %q are not its page's", r.ID, r.Level, r.Short)
		}
		if len(r.Tags) == 0 || !strings.HasSuffix(r.HelpURI, "docs/rules/"+r.ID+".md") {
			t.Errorf("%s: tags %v, helpUri %q", r.ID, r.Tags, r.HelpURI)
		}
	}
	for id := range pages {
		want = append(want, id)
	}
	sort.Strings(want)
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("rules %v, pages %v", ids, want)
	}
}

// exampleBlock is a page's example, taken from the fixtures, which
// --explain has not at hand.
var exampleBlock = regexp.MustCompile("(?s)(Reported \\(the `want` comment shows the finding\\)|Not reported):\n\n```c\n.*?```\n\n")

// TestExplain: --explain RULE prints the rule's page as internal/gendocs
// wrote it, but for the examples.
func TestExplain(t *testing.T) {
	for id, page := range docPages(t) {
		code, stdout, stderr := runIn(t, t.TempDir(), "--explain", id)
		if code != 0 || stderr != "" {
			t.Fatalf("--explain %s: exit %d, %s", id, code, stderr)
		}
		if want := exampleBlock.ReplaceAllString(page, ""); stdout != want {
			t.Errorf("--explain %s:\n%s\nwant docs/rules/%s.md less its examples:\n%s", id, stdout, id, want)
		}
	}
}

// TestConfigFlag: --config adds to <root>/.pcslint.yaml: a rule either
// disables is not run.
func TestConfigFlag(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "extra.yaml")
	writeFile(t, cfg, "disable: [unbind-unhandled]\n")
	_, all, _ := runIn(t, t.TempDir(), "-demo", "--color", "never")
	code, less, stderr := runIn(t, t.TempDir(), "-demo", "--color", "never", "--config", cfg)
	if code == 2 || !strings.Contains(all, "[unbind-unhandled]") || strings.Contains(less, "[unbind-unhandled]") {
		t.Errorf("--config disabling unbind-unhandled: exit %d, %s\nwithout:\n%s\nwith:\n%s", code, stderr, all, less)
	}
	if !strings.Contains(less, "[ref-leak]") && !strings.Contains(less, "[use-after-put]") {
		t.Errorf("--config disabled more than unbind-unhandled:\n%s", less)
	}
}

// TestIgnoreComments: a pcslint:ignore comment naming no rule or an
// unknown one is a warning on stderr, file:line; the summary counts what
// the good ones suppress.
func TestIgnoreComments(t *testing.T) {
	tree := t.TempDir()
	writeFile(t, filepath.Join(tree, "include/linux/of.h"), ofH)
	writeFile(t, filepath.Join(tree, "drivers/a.c"), `#include <linux/of.h>

int a(struct device_node *np)
{
	struct device_node *c = of_get_parent(np);

	if (!c)
		return -1;
	return 0; /* pcslint:ignore ref-leak the parent outlives us */
}

int b(struct device_node *np)
{
	struct device_node *c = of_get_parent(np);

	if (!c)
		return -1;
	/* pcslint:ignore ref-leek,all-wrong typo */
	return 0;
}

/* pcslint:ignore */
`)
	code, stdout, stderr := runIn(t, tree, "--color", "never", "--standalone", "drivers")
	wantErr := `drivers/a.c:18: warning: pcslint:ignore names unknown rule "ref-leek": it suppresses nothing (pcslint --list-rules lists the rules)
drivers/a.c:18: warning: pcslint:ignore names unknown rule "all-wrong": it suppresses nothing (pcslint --list-rules lists the rules)
drivers/a.c:22: warning: pcslint:ignore names no rule: it suppresses nothing
`
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	if code != 1 || !strings.HasSuffix(stdout, "\nanalyzed 1 files, 0 failed, 1 findings, 1 suppressed\n") || !strings.Contains(stdout, "drivers/a.c:19:2: warning: b():") {
		t.Errorf("exit %d:\n%s\nwant 1, b()'s leak shown and a()'s counted as suppressed", code, stdout)
	}
}
