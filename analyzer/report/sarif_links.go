package report

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// GitHub code scanning shows a related location only where the result's
// message links to it, SARIF's embedded link "[text](id)" (SARIF 2.1.0
// §3.11.6), and the VS Code SARIF viewer shows related locations only
// through those links. linkMessage finds, for each related location, the
// words of the finding's message that speak of it, from the data alone:
// a piece of code its own message quotes (a call, a field, an identifier
// with an underscore), else its line number. The message's wording is
// kept; a related location that no word of it names is put in a code flow
// instead (sarifResult).

// codeRe matches what a related location's message quotes of the code:
// an identifier, a member chain (pcs->ops->owner) and a call with its
// arguments, one level of nested parentheses deep.
var codeRe = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*(?:(?:->|\.)[A-Za-z_][A-Za-z0-9_]*)*(?:\((?:[^()]|\([^()]*\))*\))?`)

type linkSpan struct{ start, end, id int }

// linkMessage returns msg as the text of a SARIF message, with embedded
// links to the related locations (ids 1, 2, ... in order) it mentions and
// with SARIF's escapes, and which related locations got a link.
// unlinkMessage gives msg back.
func linkMessage(msg string, related []Related) (string, []bool) {
	linked := make([]bool, len(related))
	var spans []linkSpan
	free := func(s, e int) bool {
		for _, sp := range spans {
			if s < sp.end && sp.start < e {
				return false
			}
		}
		return true
	}
	for i, rel := range related {
		for _, c := range anchorCandidates(rel) {
			if s, ok := findAnchor(msg, c, free); ok {
				spans = append(spans, linkSpan{s, s + len(c), i + 1})
				linked[i] = true
				break
			}
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(escapeSARIFText(msg[at:sp.start]))
		b.WriteString("[" + escapeSARIFText(msg[sp.start:sp.end]) + "](" + strconv.Itoa(sp.id) + ")")
		at = sp.end
	}
	b.WriteString(escapeSARIFText(msg[at:]))
	return b.String(), linked
}

// anchorCandidates lists the texts that may stand for rel in a finding's
// message, most specific first: the code its message quotes (a call, then
// the call without its arguments, then the callee's name), longest first,
// then its line number.
func anchorCandidates(rel Related) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, m := range codeRe.FindAllString(rel.Message, -1) {
		if callee, _, isCall := strings.Cut(m, "("); isCall {
			add(m)
			add(callee + "()")
			add(callee)
		} else if strings.ContainsAny(m, "_.") || strings.Contains(m, "->") {
			add(m) // plain words are English, not code
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	if rel.Loc.Line > 0 {
		add(strconv.Itoa(rel.Loc.Line))
	}
	return out
}

// findAnchor returns the first occurrence of c in msg that stands alone
// (no identifier character glued to either end) and overlaps no link.
func findAnchor(msg, c string, free func(s, e int) bool) (int, bool) {
	for from := 0; from < len(msg); {
		i := strings.Index(msg[from:], c)
		if i < 0 {
			return 0, false
		}
		s, e := from+i, from+i+len(c)
		alone := (s == 0 || !isIdentByte(msg[s-1]) || !isIdentByte(c[0])) &&
			(e == len(msg) || !isIdentByte(msg[e]) || !isIdentByte(c[len(c)-1]))
		if alone && free(s, e) {
			return s, true
		}
		from = s + 1
	}
	return 0, false
}

func isIdentByte(c byte) bool {
	return c == '_' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// escapeSARIFText escapes what SARIF's message text would read as link
// syntax: backslash and square brackets.
func escapeSARIFText(s string) string {
	if !strings.ContainsAny(s, `\[]`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '[' || c == ']' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unlinkMessage is the plain text of a SARIF message: embedded links
// "[text](id)" become their text and escapes are undone. Text written
// before pcslint escaped brackets ("ports[0]") reads as it was.
func unlinkMessage(text string) string {
	if !strings.ContainsAny(text, `\[`) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\\' && i+1 < len(text) && strings.IndexByte(`\[]`, text[i+1]) >= 0 {
			b.WriteByte(text[i+1])
			i += 2
			continue
		}
		if c == '[' {
			if inner, n, ok := embeddedLink(text[i:]); ok {
				b.WriteString(unlinkMessage(inner))
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// embeddedLink parses "[text](id)" at the start of s: the raw text, the
// length of the link and whether s starts with one.
func embeddedLink(s string) (inner string, n int, ok bool) {
	for j := 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++ // an escaped character
		case '[':
			return "", 0, false
		case ']':
			rest := s[j+1:]
			if !strings.HasPrefix(rest, "(") {
				return "", 0, false
			}
			k := 1
			for k < len(rest) && isDigit(rest[k]) {
				k++
			}
			if k == 1 || k == len(rest) || rest[k] != ')' {
				return "", 0, false
			}
			return s[1:j], j + 1 + k + 1, true
		}
	}
	return "", 0, false
}
