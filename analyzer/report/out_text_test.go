package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The errorformats documented in out_text.go, as `:set` takes them.
const (
	efmBasic = `%f:%l:%c:\ %t%*[^:]:\ %m`
	efmFull  = `%f:%l:%c:\ %t%*[^:]:\ %m,%f:%l:\ %t%*[^:]:\ %m,%f:\ %trror:\ %m`
)

func textReport() *Report {
	return &Report{
		ToolVersion: "0.1.0",
		Root:        "/src/linux",
		Files:       []string{"drivers/net/pcs/core.c", "drivers/net/pcs/pcs-lynx.c", "drivers/net/pcs/pcs-xpcs.c"},
		Failed: []FileError{
			{File: "drivers/net/pcs/pcs-xpcs.c", Message: "no configuration for this file"},
			{File: "drivers/net/pcs/pcs-lynx.c", Line: 12, Col: 10, Message: "include/linux/foo.h: file not found"},
		},
		Findings: []Finding{
			{
				Rule: "lookup-after-unlock", Level: LevelWarning, Function: "pcs_find",
				Message: "pcs_mutex is released before the caller takes its references",
				Loc:     Location{File: "drivers/net/pcs/core.c", Line: 131, Col: 2},
				Related: []Related{{Loc: Location{File: "drivers/net/pcs/core.c", Line: 120, Col: 2}, Message: "pcs_mutex taken here"}},
				Path: []Step{
					{Loc: Location{File: "drivers/net/pcs/core.c", Line: 122, Col: 3}, Message: "pcs found in the list"},
					{Loc: Location{File: "drivers/net/pcs/core.c", Line: 131, Col: 2}, Message: "lock dropped"},
				},
				Patch: "net: pcs: Add helpers for registering and finding PCSs",
			},
			{
				Rule: "module-ref-guard", Level: LevelError, Function: "pcs_get_tail",
				Message: "try_module_get() does not keep the device bound",
				Loc:     Location{File: "drivers/net/pcs/core.c", Line: 150, Col: 7},
			},
			{
				Rule: "unbind-unhandled", Level: LevelNote, Suppressed: true, Justification: "reviewed",
				Message: "hidden", Loc: Location{File: "drivers/net/pcs/core.c", Line: 200, Col: 1},
			},
		},
	}
}

func TestWriteTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, textReport(), false); err != nil {
		t.Fatal(err)
	}
	want := `drivers/net/pcs/pcs-xpcs.c: error: cannot analyze: no configuration for this file [pcslint]
drivers/net/pcs/pcs-lynx.c:12:10: error: cannot analyze: include/linux/foo.h: file not found [pcslint]
drivers/net/pcs/core.c:131:2: warning: pcs_find(): pcs_mutex is released before the caller takes its references [lookup-after-unlock]
drivers/net/pcs/core.c:120:2: note: pcs_mutex taken here
drivers/net/pcs/core.c:122:3: note: step 1: pcs found in the list
drivers/net/pcs/core.c:131:2: note: step 2: lock dropped
drivers/net/pcs/core.c:131:2: note: introduced by patch "net: pcs: Add helpers for registering and finding PCSs"
drivers/net/pcs/core.c:150:7: error: pcs_get_tail(): try_module_get() does not keep the device bound [module-ref-guard]
analyzed 3 files, 2 failed, 2 findings, 1 suppressed
`
	if got := b.String(); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTextColor(t *testing.T) {
	var plain, colored bytes.Buffer
	if err := WriteText(&plain, textReport(), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&colored, textReport(), true); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Fatalf("uncolored output has escapes")
	}
	out := colored.String()
	for _, want := range []string{
		"\x1b[35;1mwarning\x1b[0;22m", "\x1b[31;1merror\x1b[0;22m", "\x1b[36;1mnote\x1b[0;22m",
		"\x1b[35m[lookup-after-unlock]\x1b[0m", "\x1b[31m[pcslint]\x1b[0m",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("colored output lacks %q:\n%s", want, out)
		}
	}
	// Stripping the escapes gives back the plain text.
	if stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, ""); stripped != plain.String() {
		t.Fatalf("colored output differs from plain beyond escapes:\n%s", stripped)
	}
}

func TestColorEnabled(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	for _, c := range []struct {
		mode, noColor string
		want          bool
	}{
		{"always", "1", true}, // the flag beats the environment
		{"never", "", false},
		{"auto", "", false}, // a regular file is no terminal
		{"auto", "1", false},
	} {
		t.Setenv("NO_COLOR", c.noColor)
		got, err := ColorEnabled(c.mode, f)
		if err != nil || got != c.want {
			t.Errorf("ColorEnabled(%q) with NO_COLOR=%q = %v, %v; want %v", c.mode, c.noColor, got, err, c.want)
		}
	}
	if _, err := ColorEnabled("sometimes", f); err == nil || !strings.Contains(err.Error(), `"sometimes"`) {
		t.Errorf("bad mode: err = %v", err)
	}
}

// qfEntry is one quickfix entry as vim (or qfParse) sees it.
type qfEntry struct {
	Valid     bool
	File      string
	Line, Col int
	Type      string
	Text      string
}

func (e qfEntry) String() string {
	return fmt.Sprintf("%v|%s|%d|%d|%s|%s", e.Valid, e.File, e.Line, e.Col, e.Type, e.Text)
}

// wantQuickfix is what both errorformats must give for textReport's output;
// the basic one has no entry for the failure without a line.
func wantQuickfix(full bool) []qfEntry {
	var out []qfEntry
	if full {
		out = append(out, qfEntry{true, "drivers/net/pcs/pcs-xpcs.c", 0, 0, "e", "cannot analyze: no configuration for this file [pcslint]"})
	} else {
		out = append(out, qfEntry{false, "", 0, 0, "", "drivers/net/pcs/pcs-xpcs.c: error: cannot analyze: no configuration for this file [pcslint]"})
	}
	out = append(out,
		qfEntry{true, "drivers/net/pcs/pcs-lynx.c", 12, 10, "e", "cannot analyze: include/linux/foo.h: file not found [pcslint]"},
		qfEntry{true, "drivers/net/pcs/core.c", 131, 2, "w", "pcs_find(): pcs_mutex is released before the caller takes its references [lookup-after-unlock]"},
		qfEntry{true, "drivers/net/pcs/core.c", 120, 2, "n", "pcs_mutex taken here"},
		qfEntry{true, "drivers/net/pcs/core.c", 122, 3, "n", "step 1: pcs found in the list"},
		qfEntry{true, "drivers/net/pcs/core.c", 131, 2, "n", "step 2: lock dropped"},
		qfEntry{true, "drivers/net/pcs/core.c", 131, 2, "n", `introduced by patch "net: pcs: Add helpers for registering and finding PCSs"`},
		qfEntry{true, "drivers/net/pcs/core.c", 150, 7, "e", "pcs_get_tail(): try_module_get() does not keep the device bound [module-ref-guard]"},
		qfEntry{false, "", 0, 0, "", `patch "net: pcs: Add helpers": 1 new, 0 fixed`},
		qfEntry{false, "", 0, 0, "", "analyzed 3 files, 2 failed, 2 findings, 1 suppressed"},
	)
	return out
}

// gateTextOutput is textReport's output plus a patch summary line, whose
// colons must not make a quickfix entry.
func gateTextOutput(t *testing.T) []byte {
	r := textReport()
	r.Patches = []PatchInfo{{Subject: "net: pcs: Add helpers", New: 1}}
	var b bytes.Buffer
	if err := WriteText(&b, r, false); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// qfParse is the Go equivalent of the documented errorformats: each
// pattern is tried in order, the first match makes a valid entry.
func qfParse(out string, full bool) []qfEntry {
	// no leading blanks: every diagnostic line, notes included, starts with
	// its file name, as gcc's do (vim's %f would skip blanks, grep would not)
	pats := []*regexp.Regexp{regexp.MustCompile(`^(\S+?):(\d+):(\d+): ([^:])[^:]*: (.*)$`)}
	if full {
		pats = append(pats,
			regexp.MustCompile(`^(\S+?):(\d+)(): ([^:])[^:]*: (.*)$`),
			regexp.MustCompile(`^(\S+?)()(): (e)rror: (.*)$`))
	}
	var es []qfEntry
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		e := qfEntry{Text: line}
		for _, p := range pats {
			if m := p.FindStringSubmatch(line); m != nil {
				l, _ := strconv.Atoi(m[2])
				c, _ := strconv.Atoi(m[3])
				e = qfEntry{true, m[1], l, c, m[4], m[5]}
				break
			}
		}
		es = append(es, e)
	}
	return es
}

func checkQuickfix(t *testing.T, what string, got, want []qfEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, want %d:\n%v", what, len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: entry %d\n got %v\nwant %v", what, i, got[i], want[i])
		}
	}
}

func TestTextErrorformatRegexp(t *testing.T) {
	out := string(gateTextOutput(t))
	checkQuickfix(t, "basic", qfParse(out, false), wantQuickfix(false))
	checkQuickfix(t, "full", qfParse(out, true), wantQuickfix(true))
}

// TestTextErrorformatVim loads the output into vim's quickfix list, with
// -q and with :cgetfile, and compares file, line, column, type and text.
func TestTextErrorformatVim(t *testing.T) {
	vim, err := exec.LookPath("vim")
	if err != nil {
		t.Skip("vim not installed (apt-get install -y vim-nox)")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pcslint.txt"), gateTextOutput(t), 0o644); err != nil {
		t.Fatal(err)
	}
	// The dump writes one line per entry in qfEntry.String's format.
	dump := `let s:out = []
for e in getqflist()
  call add(s:out, printf('%s|%s|%d|%d|%s|%s', e.valid ? 'true' : 'false', e.valid ? bufname(e.bufnr) : '', e.lnum, e.col, e.type, e.text))
endfor
call writefile(s:out, 'qf.txt')
qa!
`
	if err := os.WriteFile(filepath.Join(dir, "dump.vim"), []byte(dump), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []qfEntry {
		t.Helper()
		os.Remove(filepath.Join(dir, "qf.txt"))
		cmd := exec.Command(vim, append([]string{"-es", "-N", "-u", "NONE", "-i", "NONE", "-n"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("vim %v: %v\n%s", args, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, "qf.txt"))
		if err != nil {
			t.Fatalf("vim %v wrote no quickfix dump: %v", args, err)
		}
		var es []qfEntry
		for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			f := strings.SplitN(line, "|", 6)
			if len(f) != 6 {
				t.Fatalf("bad dump line %q", line)
			}
			l, _ := strconv.Atoi(f[2])
			c, _ := strconv.Atoi(f[3])
			es = append(es, qfEntry{f[0] == "true", f[1], l, c, f[4], f[5]})
		}
		return es
	}
	for _, c := range []struct {
		name string
		efm  string
		full bool
	}{{"basic", efmBasic, false}, {"full", efmFull, true}} {
		want := wantQuickfix(c.full)
		checkQuickfix(t, c.name+" cgetfile", run("-c", "set errorformat="+c.efm, "-c", "cgetfile pcslint.txt", "-S", "dump.vim"), want)
		checkQuickfix(t, c.name+" -q", run("--cmd", "set errorformat="+c.efm, "-q", "pcslint.txt", "-S", "dump.vim"), want)
	}
}

// TestTextDocMatchesTest keeps the errorformats documented in out_text.go
// the ones tested here.
func TestTextDocMatchesTest(t *testing.T) {
	src, err := os.ReadFile("out_text.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, efm := range []string{efmBasic, efmFull} {
		if !bytes.Contains(src, []byte(":set errorformat="+efm+"\n")) {
			t.Errorf("out_text.go does not document %s", efm)
		}
	}
}
