package cparse

import (
	"bytes"
	"strconv"
)

// prune shrinks a preprocessed translation unit before cc/v4 parses it:
// from headers it keeps only what parsing and type resolution of the main
// file need (typedefs, struct/union/enum definitions, prototypes of
// functions the main file names); everything of the main file is kept.
// Dropped text becomes newlines, so every kept line keeps its number.
//
// Input: gcc -E output whose linemarkers were rewritten to #line.
func prune(src []byte, mainFile string) ([]byte, map[string]bool) {
	decls := splitDecls(src)
	mainRefs := map[string]bool{}
	// what the main file needs, closed over what the kept declarations need
	needed := map[string]bool{}
	var work []string
	need := func(ids []string) {
		for _, id := range ids {
			if !needed[id] {
				needed[id] = true
				work = append(work, id)
			}
		}
	}
	// From headers only typedef names must be declared for the parser to
	// tell types from expressions; struct bodies and prototypes are kept for
	// what the main file names itself.
	typedefNames := map[string]bool{}
	for i := range decls {
		if decls[i].typedef {
			for _, n := range decls[i].names {
				typedefNames[n] = true
			}
		}
	}
	byName := map[string][]int{}
	for i := range decls {
		d := &decls[i]
		if d.file == mainFile {
			d.keep = true
			need(d.refs)
			for _, r := range d.refs {
				mainRefs[r] = true
			}
			continue
		}
		if d.funcDef || d.line {
			continue
		}
		for _, n := range d.names {
			byName[n] = append(byName[n], i)
		}
	}
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, i := range byName[id] {
			if !decls[i].keep {
				decls[i].keep = true
				for _, r := range decls[i].refs {
					if typedefNames[r] && !needed[r] {
						needed[r] = true
						work = append(work, r)
					}
				}
			}
		}
	}
	out := make([]byte, 0, len(src)/4)
	for _, d := range decls {
		if d.keep || d.line {
			out = append(out, src[d.start:d.end]...)
			continue
		}
		for _, c := range src[d.start:d.end] {
			if c == '\n' {
				out = append(out, '\n')
			}
		}
	}
	return out, mainRefs
}

// decl is a top-level declaration of a preprocessed unit (or a #line).
type decl struct {
	start, end int
	file       string
	line       bool
	funcDef    bool
	typedef    bool
	names      []string // typedef names, tags, the declared object or function
	refs       []string // identifiers it uses
	keep       bool
}

func splitDecls(src []byte) []decl {
	var decls []decl
	s := scanner{src: src}
	declStart := 0
	var toks []tok
	paren, brace := 0, 0
	file := ""
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		if t.kind == tkLine {
			if len(toks) == 0 {
				decls = append(decls, decl{start: declStart, end: t.end, line: true})
				declStart = t.end
			}
			continue
		}
		if len(toks) == 0 {
			file = s.file
		}
		toks = append(toks, t)
		switch src[t.start] {
		case '(':
			paren++
		case ')':
			paren--
		case '{':
			brace++
		case '}':
			brace--
		}
		if paren != 0 || brace != 0 {
			continue
		}
		c := src[t.start]
		funcDef := c == '}' && isFuncDef(src, toks)
		if c != ';' && !funcDef {
			continue
		}
		d := decl{start: declStart, end: t.end, file: file, funcDef: funcDef}
		for _, t := range toks {
			if w := t.text(src); w != "__extension__" {
				d.typedef = w == "typedef"
				break
			}
		}
		d.names, d.refs = declNames(src, toks)
		decls = append(decls, d)
		declStart = t.end
		toks = toks[:0]
	}
	if declStart < len(src) {
		decls = append(decls, decl{start: declStart, end: len(src), line: true})
	}
	return decls
}

// declNames returns what a declaration defines (tags of struct/union/enum
// definitions, typedef names, the declared object or function, enumerator
// constants) and every identifier it mentions.
func declNames(src []byte, toks []tok) (names, refs []string) {
	seen := map[string]bool{}
	for i, t := range toks {
		if t.kind != tkIdent {
			continue
		}
		w := t.text(src)
		if !seen[w] {
			seen[w] = true
			refs = append(refs, w)
		}
		if (w == "struct" || w == "union" || w == "enum") && i+2 < len(toks) && toks[i+1].kind == tkIdent && src[toks[i+2].start] == '{' {
			names = append(names, toks[i+1].text(src))
		}
	}
	if n := declaredName(src, toks); n != "" {
		names = append(names, n)
	}
	// enumerators: identifiers directly after '{' or ',' inside an enum body
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].text(src) == "enum" {
			depth := 0
			for j := i + 1; j < len(toks); j++ {
				switch src[toks[j].start] {
				case '{':
					depth++
				case '}':
					depth--
				}
				if depth == 1 && (src[toks[j].start] == '{' || src[toks[j].start] == ',') && j+1 < len(toks) && toks[j+1].kind == tkIdent {
					names = append(names, toks[j+1].text(src))
				}
				if depth == 0 && src[toks[j].start] == '}' {
					break
				}
			}
		}
	}
	return names, refs
}

// isFuncDef: the braces just closed belong to a function body, that is the
// first top-level '{' follows a ')' and no '=' came before it.
func isFuncDef(src []byte, toks []tok) bool {
	for i, t := range toks {
		switch src[t.start] {
		case '=':
			return false
		case '{':
			return i > 0 && src[toks[i-1].start] == ')'
		}
	}
	return false
}

var notNames = map[string]bool{"__attribute__": true, "__attribute": true, "typeof": true, "__typeof__": true, "__typeof": true,
	"__alignof__": true, "_Alignas": true, "asm": true, "__asm__": true, "__asm": true, "_Static_assert": true, "__declspec": true}

// declaredName finds the name a declaration declares: the identifier
// before its first top-level '(' (a function), else its last identifier
// before ';' or '='.
func declaredName(src []byte, toks []tok) string {
	depth := 0
	last := ""
	for i, t := range toks {
		w := t.text(src)
		switch w {
		case "{":
			depth++
		case "}":
			depth--
		case "(":
			if depth == 0 && i+1 < len(toks) {
				// (*name)(...) or (name)(...): a declarator in parentheses
				for j := i + 1; j < len(toks) && j < i+6; j++ {
					if w := toks[j].text(src); toks[j].kind == tkPunct && w != "*" {
						break
					}
					if toks[j].kind == tkIdent && !notNames[toks[j].text(src)] && j+2 < len(toks) && toks[j+1].text(src) == ")" &&
						(toks[j+2].text(src) == "(" || toks[j+2].text(src) == "[") {
						return toks[j].text(src)
					}
				}
			}
			if depth == 0 && i > 0 && toks[i-1].kind == tkIdent && !notNames[toks[i-1].text(src)] {
				return toks[i-1].text(src)
			}
			depth++
		case ")":
			depth--
		case "=", ";":
			if depth == 0 {
				return last
			}
		default:
			if depth == 0 && t.kind == tkIdent && !notNames[w] {
				last = w
			}
		}
	}
	return last
}

type tokKind int

const (
	tkPunct tokKind = iota
	tkIdent
	tkOther // numbers, strings, chars
	tkLine  // a #line directive
)

type tok struct {
	kind       tokKind
	start, end int
}

func (t tok) text(src []byte) string { return string(src[t.start:t.end]) }

// scanner is a minimal C tokenizer for preprocessed text; it tracks the
// current file from #line directives.
type scanner struct {
	src  []byte
	pos  int
	file string
	bol  bool
}

func (s *scanner) next() (tok, bool) {
	src := s.src
	if s.pos == 0 {
		s.bol = true
	}
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case c == '\n':
			s.pos++
			s.bol = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			s.pos++
			continue
		case c == '#' && s.bol:
			start := s.pos
			end := bytes.IndexByte(src[start:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += start
			}
			s.pos = end
			s.file = lineFile(src[start:end], s.file)
			return tok{kind: tkLine, start: start, end: end}, true
		}
		s.bol = false
		start := s.pos
		switch {
		case isIdentStart(c):
			for s.pos < len(src) && isIdentChar(src[s.pos]) {
				s.pos++
			}
			return tok{kind: tkIdent, start: start, end: s.pos}, true
		case c >= '0' && c <= '9' || c == '.' && s.pos+1 < len(src) && src[s.pos+1] >= '0' && src[s.pos+1] <= '9':
			for s.pos < len(src) && (isIdentChar(src[s.pos]) || src[s.pos] == '.' || (src[s.pos] == '+' || src[s.pos] == '-') && (src[s.pos-1] == 'e' || src[s.pos-1] == 'E' || src[s.pos-1] == 'p' || src[s.pos-1] == 'P')) {
				s.pos++
			}
			return tok{kind: tkOther, start: start, end: s.pos}, true
		case c == '"' || c == '\'':
			s.pos++
			for s.pos < len(src) && src[s.pos] != c && src[s.pos] != '\n' {
				if src[s.pos] == '\\' {
					s.pos++
				}
				s.pos++
			}
			s.pos++
			if s.pos > len(src) {
				s.pos = len(src)
			}
			return tok{kind: tkOther, start: start, end: s.pos}, true
		default:
			s.pos++
			return tok{kind: tkPunct, start: start, end: s.pos}, true
		}
	}
	return tok{}, false
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// lineFile returns the file a #line directive names, or cur.
func lineFile(line []byte, cur string) string {
	i := bytes.IndexByte(line, '"')
	if i < 0 {
		return cur
	}
	j := bytes.LastIndexByte(line, '"')
	if j <= i {
		return cur
	}
	if f, err := strconv.Unquote(string(line[i : j+1])); err == nil {
		return f
	}
	return string(line[i+1 : j])
}
