package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
)

// WriteText renders r in the style of gcc, one finding per line:
//
//	drivers/net/pcs/core.c:131:2: warning: pcs_find(): pcs_mutex released before ... [lookup-after-unlock]
//	drivers/net/pcs/core.c:120:2: note: pcs_mutex taken here
//	drivers/net/pcs/core.c:125:3: note: step 1: ...
//	drivers/net/pcs/foo.c: error: cannot analyze: ... [pcslint]
//	analyzed 2 files, 1 failed, 1 findings
//
// Files parsed in degraded mode (Report.Degraded) are listed on stderr, not
// here (emit in main.go); the summary counts them:
// "analyzed N files (D degraded), M failed, K findings".
//
// Locations are relative to Report.Root, so an editor started in the tree
// root opens them. Related locations and path steps follow their finding as
// note lines, flush left as gcc and clang print them, so that editors' gcc
// matchers and grep see them. Suppressed findings are not shown (they stay
// in SARIF and JSON); the last line is always the summary, counting
// unsuppressed findings and, when there are any, the suppressed ones
// (", S suppressed").
//
// Vim reads this output with the errorformat
//
//	:set errorformat=%f:%l:%c:\ %t%*[^:]:\ %m
//	:cgetfile pcslint.txt       (or: vim -q pcslint.txt)
//
// where %t takes the first letter of error/warning/note as the quickfix
// type (notes are entries of their own, as gcc's are). File-level failures
// have no line or column; this errorformat also takes them (the last
// pattern only matches "error" lines, so that the summary lines, which hold
// colons, stay plain text):
//
//	:set errorformat=%f:%l:%c:\ %t%*[^:]:\ %m,%f:%l:\ %t%*[^:]:\ %m,%f:\ %trror:\ %m
//
// out_text_test.go runs both through vim and an equivalent Go regexp.
func WriteText(w io.Writer, r *Report, useColor bool) error {
	bw := bufio.NewWriter(w)
	shown, suppressed := writeDiagnostics(bw, r, useColor)
	for _, p := range r.Patches {
		fmt.Fprintf(bw, "patch %q: %d new, %d fixed\n", p.Subject, p.New, p.Fixed)
	}
	if n, u := baselineCounts(r); n+u+len(r.Absent) > 0 {
		fmt.Fprintf(bw, "baseline: %d new, %d unchanged, %d absent\n", n, u, len(r.Absent))
	}
	var notes []string
	if r.Unparsed > 0 {
		notes = append(notes, fmt.Sprintf("%d name no modelled API", r.Unparsed))
	}
	if len(r.Degraded) > 0 {
		notes = append(notes, fmt.Sprintf("%d degraded", len(r.Degraded)))
	}
	if len(notes) > 0 {
		fmt.Fprintf(bw, "analyzed %d files (%s), %d failed, %d findings", len(r.Files), strings.Join(notes, ", "), len(r.Failed), shown)
	} else {
		fmt.Fprintf(bw, "analyzed %d files, %d failed, %d findings", len(r.Files), len(r.Failed), shown)
	}
	if suppressed > 0 {
		fmt.Fprintf(bw, ", %d suppressed", suppressed)
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

// WriteDiagnostics writes r's findings and the files it could not analyze
// as WriteText does, without the summary lines: nothing when there are
// none. It is the output of a kbuild check (make C=1 CHECK=pcslint).
func WriteDiagnostics(w io.Writer, r *Report, useColor bool) error {
	bw := bufio.NewWriter(w)
	writeDiagnostics(bw, r, useColor)
	return bw.Flush()
}

// writeDiagnostics writes the findings and failures of r and counts the
// unsuppressed findings shown and the suppressed ones.
func writeDiagnostics(bw *bufio.Writer, r *Report, useColor bool) (shown, suppressed int) {
	paint := func(l Level, bold bool) *color.Color {
		attrs := []color.Attribute{color.FgCyan}
		switch l {
		case LevelError:
			attrs[0] = color.FgRed
		case LevelWarning:
			attrs[0] = color.FgMagenta
		}
		if bold {
			attrs = append(attrs, color.Bold)
		}
		c := color.New(attrs...)
		// The caller decides, not fatih/color's global guess about stdout.
		if useColor {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	sev := func(l Level) string { return paint(l, true).Sprint(string(l)) }
	rule := func(l Level, id string) string { return paint(l, false).Sprint("[" + id + "]") }

	for _, fe := range r.Failed {
		fmt.Fprintf(bw, "%s: %s: cannot analyze: %s %s\n",
			textLoc(fe.File, fe.Line, fe.Col), sev(LevelError), oneLine(fe.Message), rule(LevelError, "pcslint"))
	}

	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed {
			suppressed++
			continue
		}
		shown++
		msg := oneLine(f.Message)
		if f.Function != "" {
			msg = f.Function + "(): " + msg
		}
		level := f.Level
		if level == "" {
			level = LevelWarning
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", textLoc(f.Loc.File, f.Loc.Line, f.Loc.Col), sev(level), msg, rule(level, f.Rule))
		note := sev(LevelNote)
		for _, rel := range f.Related {
			fmt.Fprintf(bw, "%s: %s: %s\n", textLoc(rel.Loc.File, rel.Loc.Line, rel.Loc.Col), note, oneLine(rel.Message))
		}
		for j, st := range f.Path {
			fmt.Fprintf(bw, "%s: %s: step %d: %s\n", textLoc(st.Loc.File, st.Loc.Line, st.Loc.Col), note, j+1, oneLine(st.Message))
		}
		if f.Patch != "" {
			fmt.Fprintf(bw, "%s: %s: introduced by patch %q\n", textLoc(f.Loc.File, f.Loc.Line, f.Loc.Col), note, f.Patch)
		}
	}

	return shown, suppressed
}

// baselineCounts counts the unsuppressed findings --baseline labelled new
// and unchanged.
func baselineCounts(r *Report) (newN, unchanged int) {
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		switch f.BaselineState {
		case "new":
			newN++
		case "unchanged":
			unchanged++
		}
	}
	return newN, unchanged
}

// textLoc renders path[:line[:col]].
func textLoc(file string, line, col int) string {
	s := file
	if line > 0 {
		s += ":" + strconv.Itoa(line)
		if col > 0 {
			s += ":" + strconv.Itoa(col)
		}
	}
	return s
}

// oneLine keeps a message on its line: a newline would start a line that
// no errorformat matches.
func oneLine(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\n' || c == '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}

// ColorEnabled decides whether text output to f is colored: mode "always"
// and "never" say so; "auto" colors a terminal unless NO_COLOR is set to a
// non-empty value (https://no-color.org) or TERM is "dumb", as fatih/color
// decides for stdout.
func ColorEnabled(mode string, f *os.File) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" || f == nil {
			return false, nil
		}
		fd := f.Fd()
		return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd), nil
	}
	return false, fmt.Errorf("invalid color mode %q (want auto, always or never)", mode)
}
