// Package checktest runs rules over C fixtures and checks their findings
// against `/* want "regexp" */` comments, the analysistest convention: a
// comment names the findings expected on its line; a fixture without one
// expects none.
package checktest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

var wantRe = regexp.MustCompile("/\\*\\s*want\\s+((?:(?:\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)\\s*)+)\\*/")
var quotedRe = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`")
var anyWantRe = regexp.MustCompile(`/\*\s*want\b`)

// Run analyzes every .c file in dir with the analyzers and checks wants.
// It returns the report for further checks.
func Run(t *testing.T, dir string, analyzers ...*analysis.Analyzer) *report.Report {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.c"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i], _ = filepath.Abs(f)
	}
	rep, err := driver.Run(context.Background(), driver.Config{
		Tree:      cparse.StandaloneTree(dir),
		Files:     abs,
		Jobs:      2,
		Analyzers: analyzers,
		Meta:      all.Meta(),
		Model:     model.Builtin(),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed {
		t.Errorf("%s:%d:%d: fixture does not parse: %s", f.File, f.Line, f.Col, f.Message)
	}
	type key struct {
		file string
		line int
	}
	got := map[key][]report.Finding{}
	for _, f := range rep.Findings {
		if !f.Suppressed {
			got[key{f.Loc.File, f.Loc.Line}] = append(got[key{f.Loc.File, f.Loc.Line}], f)
		}
	}
	want := map[key][]*regexp.Regexp{}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		rel := filepath.Base(f)
		for i, line := range strings.Split(string(src), "\n") {
			if n := len(anyWantRe.FindAllString(line, -1)); n != len(wantRe.FindAllString(line, -1)) {
				t.Fatalf("%s:%d: malformed want comment (want \"regexp\" or `regexp`)", rel, i+1)
			}
			for _, m := range wantRe.FindAllStringSubmatch(line, -1) {
				for _, q := range quotedRe.FindAllString(m[1], -1) {
					s, err := strconv.Unquote(q)
					if err != nil {
						t.Fatalf("%s:%d: bad want %s", rel, i+1, q)
					}
					re, err := regexp.Compile(s)
					if err != nil {
						t.Fatalf("%s:%d: bad want regexp: %v", rel, i+1, err)
					}
					want[key{rel, i + 1}] = append(want[key{rel, i + 1}], re)
				}
			}
		}
	}
	var keys []key
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].file != keys[j].file {
			return keys[i].file < keys[j].file
		}
		return keys[i].line < keys[j].line
	})
	for _, k := range keys {
		fs := got[k]
		res := want[k]
		used := make([]bool, len(fs))
		for _, re := range res {
			found := false
			for i, f := range fs {
				if !used[i] && re.MatchString(Text(f)) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				t.Errorf("%s:%d: no finding matching %q (got %s)", k.file, k.line, re, describe(fs))
			}
		}
		for i, f := range fs {
			if !used[i] {
				t.Errorf("%s:%d: unexpected finding [%s] %s", k.file, k.line, f.Rule, Text(f))
			}
		}
	}
	return rep
}

// Text is a finding's headline followed by its why and fix notes, what a
// want matches: a fixture pins the wording of the fix as well.
func Text(f report.Finding) string {
	s := f.Message
	for _, r := range f.Related {
		if strings.HasPrefix(r.Message, rules.WhyPrefix) || strings.HasPrefix(r.Message, rules.FixPrefix) {
			s += "; " + r.Message
		}
	}
	return s
}

func describe(fs []report.Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	var s []string
	for _, f := range fs {
		s = append(s, fmt.Sprintf("[%s] %s", f.Rule, Text(f)))
	}
	return strings.Join(s, "; ")
}
