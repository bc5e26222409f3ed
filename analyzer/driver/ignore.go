package driver

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
)

// ignoreComment is any pcslint:ignore comment and the word after it. The
// suppression itself (run.go) reads only well-formed rule ids, so a
// misspelt or renamed id would otherwise suppress nothing, silently.
var ignoreComment = regexp.MustCompile(`pcslint:ignore\b[ \t]*([^\s*]*)`)

// warnIgnores prints a warning, file:line, for each pcslint:ignore comment
// of the report's files that names no rule or a rule that does not exist.
// seen, when not nil, holds the warnings already printed (a gate reads a
// file before and after each patch).
func warnIgnores(w io.Writer, tree *cparse.Tree, rep *report.Report, seen map[string]bool) {
	known := map[string]bool{"all": true}
	for _, r := range DefaultRules() {
		known[r.ID] = true
	}
	for _, rel := range rep.Files {
		src, err := tree.Overlay().ReadFile(filepath.Join(tree.Root, filepath.FromSlash(rel)))
		if err != nil || !bytes.Contains(src, []byte("pcslint:ignore")) {
			continue
		}
		for i, line := range bytes.Split(src, []byte("\n")) {
			for _, m := range ignoreComment.FindAllSubmatch(line, -1) {
				var msgs []string
				if len(m[1]) == 0 {
					msgs = append(msgs, "pcslint:ignore names no rule: it suppresses nothing")
				}
				for _, id := range strings.Split(string(m[1]), ",") {
					if id != "" && !known[id] {
						msgs = append(msgs, fmt.Sprintf("pcslint:ignore names unknown rule %q: it suppresses nothing (pcslint --list-rules lists the rules)", id))
					}
				}
				for _, msg := range msgs {
					line := fmt.Sprintf("%s:%d: warning: %s", rel, i+1, msg)
					if seen != nil {
						if seen[line] {
							continue
						}
						seen[line] = true
					}
					fmt.Fprintln(w, line)
				}
			}
		}
	}
}
