package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The matchers editors apply to a compiler's output, copied as they are
// (docs/editors.md says how to use each).
const (
	// VS Code's $gcc problem matcher, contributed by the C/C++ extension
	// (ms-vscode.cpptools, Extension/package.json, "problemMatchers"):
	// file 1, line 2, column 3, severity 4, message 5.
	vscodeGCC = `^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$`

	// Emacs compilation-mode's `gnu` entry of
	// compilation-error-regexp-alist-alist (lisp/progmodes/compile.el,
	// Emacs 28.2, printed by emacs --batch): file 1, line 2, column 3,
	// type (6 . 7): group 6 a warning, group 7 an info, else an error.
	emacsGNU = "^\\(?:[[:alpha:]][-[:alnum:].]+: ?\\|[ \t]+\\(?:in \\|from\\)\\)?\\(?1:\\(?:[0-9]*[^0-9\n]\\)\\(?:[^\n :]\\| [^-/\n]\\|:[^ \n]\\)*?\\)\\(?:: ?\\)\\(?2:[0-9]+\\)\\(?:-\\(?4:[0-9]+\\)\\(?:\\.\\(?5:[0-9]+\\)\\)?\\|[.:]\\(?3:[0-9]+\\)\\(?:-\\(?:\\(?4:[0-9]+\\)\\.\\)?\\(?5:[0-9]+\\)\\)?\\)?:\\(?: *\\(?6:\\(?:FutureWarning\\|RuntimeWarning\\|W\\(?::\\|arning\\)\\|warning\\)\\)\\| *\\(?7:[Ii]nfo\\(?:\\>\\|rmationa?l?\\)\\|I:\\|\\[ skipping .+ ]\\|instantiated from\\|required from\\|[Nn]ote\\)\\| *\\(?:[Ee]rror\\)\\|\\(?:[0-9]?\\)\\(?:[^0-9\n]\\|$\\)\\|[0-9][0-9][0-9]\\)"

	// emacsGNUGo is emacsGNU in Go's syntax: \(?N: groups become named
	// ones (RE2 numbers groups by position only), \> becomes \b.
	emacsGNUGo = `^(?:[[:alpha:]][-[:alnum:].]+: ?|[ \t]+(?:in |from))?(?P<file>(?:[0-9]*[^0-9\n])(?:[^\n :]| [^-/\n]|:[^ \n])*?)(?:: ?)(?P<line>[0-9]+)(?:-(?:[0-9]+)(?:\.(?:[0-9]+))?|[.:](?P<col>[0-9]+)(?:-(?:(?:[0-9]+)\.)?(?:[0-9]+))?)?:(?: *(?P<warning>(?:FutureWarning|RuntimeWarning|W(?::|arning)|warning))| *(?P<info>[Ii]nfo(?:\b|rmationa?l?)|I:|\[ skipping .+ ]|instantiated from|required from|[Nn]ote)| *(?:[Ee]rror)|(?:[0-9]?)(?:[^0-9\n]|$)|[0-9][0-9][0-9])`
)

// vimGCC is Vim's errorformat for gcc, `:compiler gcc`
// (runtime/compiler/gcc.vim, Vim 9.0), one entry a line, and each
// entry's meaning in Go: vim anchors an entry at both ends, %f before a
// plain character is .\{-1,} (after an optional drive letter), %l and %c
// are numbers, %t one character, %m the rest, %*[^x] and %*\D skip. The
// %D/%X/%DMaking entries follow make's directory messages and are left
// out: no line of pcslint's starts like them.
var vimGCC = []struct{ efm, re string }{
	{`%*[^"]"%f"%*\D%l:%c: %m`, `^[^"]*"(?P<f>.+?)"\D*(?P<l>\d+):(?P<c>\d+): (?P<m>.+)$`},
	{`%*[^"]"%f"%*\D%l: %m`, `^[^"]*"(?P<f>.+?)"\D*(?P<l>\d+): (?P<m>.+)$`},
	{`"%f"%*\D%l:%c: %m`, `^"(?P<f>.+?)"\D*(?P<l>\d+):(?P<c>\d+): (?P<m>.+)$`},
	{`"%f"%*\D%l: %m`, `^"(?P<f>.+?)"\D*(?P<l>\d+): (?P<m>.+)$`},
	{`%-G%f:%l: %trror: (Each undeclared identifier is reported only once`, `^(?P<skip>)(?:[A-Za-z]:)?.+?:\d+: .rror: \(Each undeclared identifier is reported only once$`},
	{`%-G%f:%l: %trror: for each function it appears in.)`, `^(?P<skip>)(?:[A-Za-z]:)?.+?:\d+: .rror: for each function it appears in.\)$`},
	{`%f:%l:%c: %trror: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+):(?P<c>\d+): (?P<t>.)rror: (?P<m>.+)$`},
	{`%f:%l:%c: %tarning: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+):(?P<c>\d+): (?P<t>.)arning: (?P<m>.+)$`},
	{`%f:%l:%c: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+):(?P<c>\d+): (?P<m>.+)$`},
	{`%f:%l: %trror: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+): (?P<t>.)rror: (?P<m>.+)$`},
	{`%f:%l: %tarning: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+): (?P<t>.)arning: (?P<m>.+)$`},
	{`%f:%l: %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):(?P<l>\d+): (?P<m>.+)$`},
	{`%f:\(%*[^\)]\): %m`, `^(?:[A-Za-z]:)?(?P<f>.+?):\([^)]*\): (?P<m>.+)$`},
	{`"%f"\, line %l%*\D%c%*[^ ] %m`, `^"(?P<f>.+?)", line (?P<l>\d+)\D*(?P<c>\d+)[^ ]* (?P<m>.+)$`},
}

// editorEntry is what an editor takes from one line: a location, a
// severity ("error" or "warning") and the rule, the last [word] of the
// message.
type editorEntry struct {
	File      string
	Line, Col int
	Severity  string
	Rule      string
}

var ruleSuffix = regexp.MustCompile(`\[([a-z0-9-]+)\]$`)

func ruleOf(msg string) string {
	if m := ruleSuffix.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// wantEntries are the demo's findings as the editors must read them.
func wantEntries(t *testing.T) []editorEntry {
	var out []editorEntry
	for _, f := range demoFindings(t) {
		out = append(out, editorEntry{f.File, f.Line, f.Col, f.Level, f.Rule})
	}
	return out
}

func checkEntries(t *testing.T, editor string, got, want []editorEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d errors and warnings, the demo has %d findings:\n%v", editor, len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: finding %d read as\n%+v\nwant\n%+v", editor, i, got[i], want[i])
		}
	}
}

func demoTextLines(t *testing.T) []string {
	return strings.Split(strings.TrimSuffix(demo(t, "--color", "never"), "\n"), "\n")
}

func TestEditorsVSCodeGCCMatcher(t *testing.T) {
	re := regexp.MustCompile(vscodeGCC)
	var got []editorEntry
	for _, line := range demoTextLines(t) {
		if m := re.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			got = append(got, editorEntry{m[1], l, c, m[4], ruleOf(m[5])})
		}
	}
	checkEntries(t, "VS Code $gcc", got, wantEntries(t))
}

func TestEditorsEmacsGNURegexp(t *testing.T) {
	re := regexp.MustCompile(emacsGNUGo)
	var got []editorEntry
	for _, line := range demoTextLines(t) {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		g := func(name string) string { return m[re.SubexpIndex(name)] }
		sev := "error"
		switch {
		case g("warning") != "":
			sev = "warning"
		case g("info") != "":
			continue // notes: compilation-mode's info, not a finding
		}
		l, _ := strconv.Atoi(g("line"))
		c, _ := strconv.Atoi(g("col"))
		got = append(got, editorEntry{g("file"), l, c, sev, ruleOf(line)})
	}
	checkEntries(t, "Emacs gnu", got, wantEntries(t))
}

// vimParse reads lines as vim's quickfix does with vimGCC: the first
// matching entry wins; a %-G entry drops the line. Entries whose type is
// e or w are the errors and warnings.
func vimParse(lines []string) []editorEntry {
	var got []editorEntry
	for _, line := range lines {
		for _, e := range vimGCC {
			re := regexp.MustCompile(e.re)
			m := re.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			if re.SubexpIndex("skip") >= 0 {
				break
			}
			g := func(name string) string {
				if i := re.SubexpIndex(name); i >= 0 {
					return m[i]
				}
				return ""
			}
			sev := map[string]string{"e": "error", "w": "warning"}[g("t")]
			if sev != "" {
				l, _ := strconv.Atoi(g("l"))
				c, _ := strconv.Atoi(g("c"))
				got = append(got, editorEntry{g("f"), l, c, sev, ruleOf(g("m"))})
			}
			break
		}
	}
	return got
}

func TestEditorsVimGCCErrorformat(t *testing.T) {
	checkEntries(t, "Vim :compiler gcc", vimParse(demoTextLines(t)), wantEntries(t))
}

// TestEditorsVimGCCErrorformatCopy keeps vimGCC equal to the errorformat
// of the vim installed here, when there is one.
func TestEditorsVimGCCErrorformatCopy(t *testing.T) {
	vim, err := exec.LookPath("vim")
	if err != nil {
		t.Skip("vim not installed (apt-get install -y vim-nox)")
	}
	dir := t.TempDir()
	cmd := exec.Command(vim, "-es", "-N", "-u", "NONE", "-i", "NONE", "-n", "-c", "compiler gcc", "-c", "call writefile([&errorformat], 'efm.txt')", "-c", "qa!")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("vim: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "efm.txt"))
	if err != nil {
		t.Fatal(err)
	}
	efm := strings.TrimSpace(string(b))
	// entries are separated by commas; a comma inside one is escaped
	entries := map[string]bool{}
	for _, e := range regexp.MustCompile(`(?:[^,\\]|\\.)+`).FindAllString(efm, -1) {
		entries[e] = true
	}
	for _, e := range vimGCC {
		if !entries[e.efm] {
			t.Errorf("vim's :compiler gcc errorformat has no entry %q:\n%s", e.efm, efm)
		}
	}
}

// TestEditorsRealVimAndEmacs loads the demo's text output into the
// editors installed here: vim's quickfix list with :compiler gcc, and an
// Emacs compilation-mode buffer with the gnu regexp.
func TestEditorsRealVimAndEmacs(t *testing.T) {
	vim, vimErr := exec.LookPath("vim")
	emacs, emacsErr := exec.LookPath("emacs")
	if vimErr != nil && emacsErr != nil {
		t.Skip("neither vim nor emacs installed (apt-get install -y vim-nox emacs-nox)")
	}
	text := demo(t, "--color", "never")
	want := wantEntries(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pcslint.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// One line an entry: file, line, column, type, text.
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if l != "" {
				rows = append(rows, strings.SplitN(l, "\t", 5))
			}
		}
		return rows
	}
	entries := func(rows [][]string, sev map[string]string) []editorEntry {
		var got []editorEntry
		for _, r := range rows {
			if s := sev[r[3]]; s != "" && len(r) == 5 {
				l, _ := strconv.Atoi(r[1])
				c, _ := strconv.Atoi(r[2])
				got = append(got, editorEntry{r[0], l, c, s, ruleOf(r[4])})
			}
		}
		return got
	}
	if vimErr == nil {
		dump := "let s:out = []\nfor e in getqflist()\n  if e.valid\n    call add(s:out, join([bufname(e.bufnr), e.lnum, e.col, e.type, e.text], \"\\t\"))\n  endif\nendfor\ncall writefile(s:out, 'vim.txt')\nqa!\n"
		if err := os.WriteFile(filepath.Join(dir, "dump.vim"), []byte(dump), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(vim, "-es", "-N", "-u", "NONE", "-i", "NONE", "-n", "-c", "compiler gcc", "-c", "cgetfile pcslint.txt", "-S", "dump.vim")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("vim: %v\n%s", err, out)
		}
		checkEntries(t, "vim :compiler gcc", entries(read("vim.txt"), map[string]string{"e": "error", "w": "warning"}), want)
	}
	if emacsErr == nil {
		// compilation-mode marks each line it parses with a message: its
		// location and type (2 error, 1 warning, 0 info).
		el := `(require 'compile)
(with-temp-buffer
  (insert-file-contents "pcslint.txt")
  (compilation-mode)
  (setq-local compilation-error-regexp-alist '(gnu))
  (compilation--ensure-parse (point-max))
  (goto-char (point-min))
  (let (rows)
    (while (not (eobp))
      (let ((msg (get-text-property (line-beginning-position) 'compilation-message)))
        (when msg
          (let ((loc (compilation--message->loc msg)))
            (push (format "%s\t%s\t%s\t%s\t%s" (caar (compilation--loc->file-struct loc))
                          (compilation--loc->line loc) (compilation--loc->col loc)
                          (compilation--message->type msg)
                          (buffer-substring-no-properties (point) (line-end-position)))
                  rows))))
      (forward-line 1))
    (with-temp-file "emacs.txt"
      (insert (mapconcat #'identity (nreverse rows) "\n") "\n"))))
`
		if err := os.WriteFile(filepath.Join(dir, "parse.el"), []byte(el), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(emacs, "--batch", "-Q", "-l", "parse.el")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("emacs: %v\n%s", err, out)
		}
		checkEntries(t, "emacs compilation-mode", entries(read("emacs.txt"), map[string]string{"2": "error", "1": "warning"}), want)
		// and the copy in emacsGNU is the regexp of this Emacs
		cmd = exec.Command(emacs, "--batch", "-Q", "-l", "compile", "--eval", `(princ (nth 1 (assq 'gnu compilation-error-regexp-alist-alist)))`)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("emacs: %v", err)
		}
		if string(out) != emacsGNU {
			t.Errorf("this Emacs's gnu regexp differs from the copy in emacsGNU:\n%s", out)
		}
	}
}
