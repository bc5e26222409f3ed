package cparse

import (
	"bytes"
	"hash/maphash"
	"strconv"
	"sync"
)

// prune shrinks a preprocessed translation unit before cc/v4 parses it:
// from headers it keeps only what parsing and type resolution of the main
// file need (typedefs, struct/union/enum definitions, prototypes of
// functions the main file names); everything of the main file is kept.
// Each kept declaration is placed at its original file, line and column
// with a #line directive, so cc/v4 reads a few hundred kilobytes instead of
// megabytes of blank lines and linemarkers.
//
// src is gcc -E output (`# N "file" flags` linemarkers) or text with #line
// directives; norm maps a linemarker's file name to the absolute path
// positions should carry (nil: as written). It also returns the main
// file's identifiers.
func prune(src []byte, mainFile string, norm func(string) string) ([]byte, map[string]bool) {
	u := splitUnit(src, norm)
	defer u.release()
	return u.prune(mainFile)
}

// mainIdents returns the identifiers of the main file's declarations.
func (u *unit) mainIdents(mainFile string) map[string]bool {
	main := u.files.id(mainFile)
	for i := range u.decls {
		if d := &u.decls[i]; d.file == main {
			u.refs(d)
		}
	}
	// refs use the stamps while they are computed; now each id once
	u.stamp++
	ids := u.work[:0]
	for i := range u.decls {
		if d := &u.decls[i]; d.file == main {
			for _, r := range u.refs(d) {
				if u.seen[r] != u.stamp {
					u.seen[r] = u.stamp
					ids = append(ids, r)
				}
			}
		}
	}
	u.work = ids
	return u.strings(ids)
}

// strings is the set of identifiers ids, which are distinct.
func (u *unit) strings(ids []int32) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[u.name(id)] = true
	}
	return out
}

func (u *unit) prune(mainFile string) ([]byte, map[string]bool) {
	main := u.files.id(mainFile)
	for i := range u.decls {
		if d := &u.decls[i]; d.file == main {
			d.keep = true
			u.refs(d)
		}
	}
	// ids interned from here on (refs of header declarations) name nothing
	// declared, so these tables need not grow
	n := len(u.ids.spans)
	typedefName := zeroed(u.typedefName, n)
	needed := zeroed(u.needed, n)
	// byName: for each id, the declarations outside the main file (function
	// definitions aside) that declare it; all lists in one array
	ends := zeroed(u.ends, n)
	for i := range u.decls {
		d := &u.decls[i]
		if d.typedef {
			for _, id := range u.declNames(d) {
				typedefName[id] = true
			}
		}
		if d.file != main && !d.funcDef {
			for _, id := range u.declNames(d) {
				ends[id]++
			}
		}
	}
	total := int32(0)
	for id, c := range ends {
		ends[id] = total // the start for now
		total += c
	}
	byName := zeroed(u.byName, int(total))
	for i := range u.decls {
		if d := &u.decls[i]; d.file != main && !d.funcDef {
			for _, id := range u.declNames(d) {
				byName[ends[id]] = int32(i)
				ends[id]++
			}
		}
	}
	declaring := func(id int32) []int32 {
		start := int32(0)
		if id > 0 {
			start = ends[id-1]
		}
		return byName[start:ends[id]]
	}
	work := u.work[:0]
	need := func(id int32, typedefOnly bool) {
		if int(id) < n && !needed[id] && (!typedefOnly || typedefName[id]) {
			needed[id] = true
			work = append(work, id)
		}
	}
	// From headers only typedef names must be declared for the parser to
	// tell types from expressions; struct bodies and prototypes are kept for
	// what the main file names itself.
	for i := range u.decls {
		if d := &u.decls[i]; d.file == main {
			for _, r := range u.refs(d) {
				need(r, false)
			}
		}
	}
	mainRefs := u.strings(work)
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, i := range declaring(id) {
			d := &u.decls[i]
			if d.keep {
				continue
			}
			d.keep = true
			for _, r := range u.refs(d) {
				need(r, true)
			}
		}
	}
	u.typedefName, u.needed, u.ends, u.byName, u.work = typedefName, needed, ends, byName, work
	return u.emit(), mainRefs
}

// zeroed returns n zeros, in s's array if it is large enough.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// unit is a preprocessed translation unit split into top-level declarations,
// with identifiers interned.
type unit struct {
	src   []byte
	buf   []byte // splitStream's buffer, src when it read the unit
	toks  []tok  // the splitter's current declaration
	decls []decl
	arena []int32 // the decls' names and refs
	files fileTable
	ids   idTable
	seen  []uint32 // per id: stamp of the last declaration that used it
	stamp uint32

	// prune's tables, kept for the next unit
	typedefName, needed []bool
	ends, byName, work  []int32
	out                 []byte
}

// units keeps units, with their buffer and tables, from one to the next:
// a scan splits hundreds of units of megabytes each.
var units = sync.Pool{New: func() any { return new(unit) }}

// maxPooled: what a rare huge unit allocated is left to the collector.
const maxPooled = 32 << 20

func newUnit(norm func(string) string) *unit {
	u := units.Get().(*unit)
	u.files.norm = norm
	return u
}

// release hands the unit back for the next one. Nothing the unit returned
// refers to its buffer or tables: names and pruned text are copies.
func (u *unit) release() {
	if len(u.src) > maxPooled || cap(u.buf) > maxPooled {
		return
	}
	u.src = nil
	u.toks = u.toks[:0]
	u.decls = u.decls[:0]
	u.arena = u.arena[:0]
	u.files.reset()
	u.ids.reset()
	u.seen = u.seen[:0]
	u.stamp = 0
	units.Put(u)
}

// idTable interns identifiers as ranges of the unit's text: a name costs
// no string, and a pooled table refers to nothing of an earlier unit.
type idTable struct {
	slots  []int32  // id+1 by hash, 0: free; open addressing, half full at most
	spans  []span   // by id: where in src
	hashes []uint32 // by id
}

var idSeed = maphash.MakeSeed()

// intern returns the id of the identifier src[start:end].
func (u *unit) intern(start, end int) int32 {
	t := &u.ids
	if 2*len(t.spans) >= len(t.slots) {
		t.grow()
	}
	b := u.src[start:end]
	h := uint32(maphash.Bytes(idSeed, b))
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := t.slots[i]
		if slot == 0 {
			id := int32(len(t.spans))
			t.slots[i] = id + 1
			t.spans = append(t.spans, span{int32(start), int32(end - start)})
			t.hashes = append(t.hashes, h)
			u.seen = append(u.seen, 0)
			return id
		}
		if id := slot - 1; t.hashes[id] == h && bytes.Equal(t.spans[id].text(u.src), b) {
			return id
		}
	}
}

func (t *idTable) grow() {
	t.slots = make([]int32, max(1<<12, 2*len(t.slots)))
	mask := uint32(len(t.slots) - 1)
	for id, h := range t.hashes {
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(id) + 1
	}
}

func (t *idTable) reset() {
	clear(t.slots)
	t.spans = t.spans[:0]
	t.hashes = t.hashes[:0]
}

// name is the identifier id as a string, for what outlives the unit.
func (u *unit) name(id int32) string { return string(u.ids.spans[id].text(u.src)) }

// refs returns the identifiers d uses, each once. They are found only for
// the declarations the closure reaches: most header text is never kept.
func (u *unit) refs(d *decl) []int32 {
	if !d.refsDone {
		d.refsDone = true
		d.refs = u.refsOf(d)
	}
	return d.refs.of(u.arena)
}

func (u *unit) refsOf(d *decl) span {
	u.stamp++
	out := span{off: int32(len(u.arena))}
	s := scanner{src: u.src[:d.end], pos: int(d.start), files: &u.files}
	for {
		t, ok := s.next()
		if !ok {
			out.n = int32(len(u.arena)) - out.off
			return out
		}
		if t.kind != tkIdent {
			continue
		}
		id := u.intern(t.start, t.end)
		if u.seen[id] != u.stamp {
			u.seen[id] = u.stamp
			u.arena = append(u.arena, id)
		}
	}
}

// declNames returns what d defines (see declNames).
func (u *unit) declNames(d *decl) []int32 { return d.names.of(u.arena) }

// decl is one top-level declaration (or function definition). Units have
// tens of thousands: it is kept small.
type decl struct {
	start, end int32 // from its first token to its last
	line, col  int32 // of its first token
	file       int32 // in unit.files
	names      span  // typedef names, tags, the declared object or function, enumerators
	refs       span  // identifiers it uses (unit.refs)
	funcDef    bool
	typedef    bool
	directive  bool // holds a linemarker or other directive
	refsDone   bool
	keep       bool
}

// span is a range of unit.arena or unit.src.
type span struct{ off, n int32 }

func (s span) of(arena []int32) []int32 { return arena[s.off : s.off+s.n : s.off+s.n] }
func (s span) text(src []byte) []byte   { return src[s.off : s.off+s.n] }

// fileTable numbers a unit's files; equal names get equal numbers and 0
// is "", the file before any linemarker.
type fileTable struct {
	names  []string
	byRaw  map[string]int32 // by a linemarker's quoted name
	byName map[string]int32
	norm   func(string) string
	shared *fileNames // nil: none
}

// fileNames caches what linemarkers' quoted names normalize to for many
// units, which include mostly the same headers; all pass the same norm.
type fileNames struct {
	mu sync.RWMutex
	m  map[string]fileName // by quoted name
}

type fileName struct{ quoted, name string }

func (c *fileNames) get(quoted []byte, norm func(string) string) fileName {
	c.mu.RLock()
	f, ok := c.m[string(quoted)]
	c.mu.RUnlock()
	if ok {
		return f
	}
	f = fileName{string(quoted), markerFile(quoted, norm)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]fileName{}
	}
	if g, ok := c.m[f.quoted]; ok {
		return g
	}
	c.m[f.quoted] = f
	return f
}

// lookup numbers the file a linemarker's quoted name designates.
func (f *fileTable) lookup(quoted []byte) int32 {
	if id, ok := f.byRaw[string(quoted)]; ok {
		return id
	}
	if len(f.names) == 0 {
		if f.byRaw == nil {
			f.byRaw, f.byName = map[string]int32{}, map[string]int32{}
		}
		f.byName[""] = 0
		f.names = append(f.names, "")
	}
	var fn fileName
	if f.shared != nil {
		fn = f.shared.get(quoted, f.norm)
	} else {
		fn = fileName{string(quoted), markerFile(quoted, f.norm)}
	}
	id, ok := f.byName[fn.name]
	if !ok {
		id = int32(len(f.names))
		f.names = append(f.names, fn.name)
		f.byName[fn.name] = id
	}
	f.byRaw[fn.quoted] = id
	return id
}

func (f *fileTable) reset() {
	clear(f.names)
	f.names = f.names[:0]
	clear(f.byRaw)
	clear(f.byName)
	f.norm, f.shared = nil, nil
}

func (f *fileTable) name(id int32) string {
	if id == 0 {
		return ""
	}
	return f.names[id]
}

// id is name's number, -1 when no declaration is in it.
func (f *fileTable) id(name string) int32 {
	if name == "" {
		return 0
	}
	if id, ok := f.byName[name]; ok {
		return id
	}
	return -1
}

func splitUnit(src []byte, norm func(string) string) *unit {
	sp := newSplitter(norm)
	sp.feed(src, len(src))
	return sp.u
}

// splitter splits a unit while gcc is still writing it: feed may be
// called with ever longer prefixes of the output.
type splitter struct {
	u            *unit
	s            scanner
	cur          decl
	paren, brace int
}

func newSplitter(norm func(string) string) *splitter {
	u := newUnit(norm)
	return &splitter{u: u, s: scanner{files: &u.files}}
}

// feed splits src[:upto], src being the output so far; upto must end a
// line (tokens of preprocessed text never span lines).
func (sp *splitter) feed(src []byte, upto int) {
	sp.u.src = src
	sp.s.src = src[:upto]
	u, s := sp.u, &sp.s
	for {
		t, ok := s.next()
		if !ok {
			return
		}
		if t.kind == tkLine || t.kind == tkDirective {
			if len(u.toks) > 0 {
				sp.cur.directive = true
			}
			continue
		}
		if len(u.toks) == 0 {
			sp.cur = decl{start: int32(t.start), file: s.fileID, line: int32(s.line), col: int32(t.start - s.lineStart + 1)}
		}
		u.toks = append(u.toks, t)
		switch src[t.start] {
		case '(':
			sp.paren++
		case ')':
			sp.paren--
		case '{':
			sp.brace++
		case '}':
			sp.brace--
		}
		if sp.paren != 0 || sp.brace != 0 {
			continue
		}
		c := src[t.start]
		funcDef := c == '}' && isFuncDef(src, u.toks)
		if c != ';' && !funcDef {
			continue
		}
		sp.cur.end, sp.cur.funcDef = int32(t.end), funcDef
		for _, t := range u.toks {
			if w := t.text(src); w != "__extension__" {
				sp.cur.typedef = w == "typedef"
				break
			}
		}
		sp.cur.names = declNames(u, u.toks)
		u.decls = append(u.decls, sp.cur)
		u.toks = u.toks[:0]
	}
}

// emit writes the kept declarations, each at its original position. It
// writes to the unit's pooled buffer and returns a copy of just the right
// size: the text lives on while cc/v4 parses it.
func (u *unit) emit() []byte {
	out := u.out[:0]
	curFile, curLine := int32(0), 0 // where cc/v4's next line is
	for i := range u.decls {
		d := &u.decls[i]
		if !d.keep {
			continue
		}
		if gap := int(d.line) - curLine; d.file == curFile && gap >= 0 && gap <= 8 {
			for ; gap > 0; gap-- {
				out = append(out, '\n')
			}
		} else {
			out = appendLineDirective(out, int(d.line), u.files.name(d.file))
		}
		for c := int32(1); c < d.col; c++ {
			out = append(out, ' ')
		}
		text := u.src[d.start:d.end]
		if d.directive {
			out = u.appendRewritten(out, text)
			curFile = 0 // the next declaration gets its own #line
		} else {
			out = append(out, text...)
			curFile, curLine = d.file, int(d.line)+bytes.Count(text, []byte{'\n'})
		}
		out = append(out, '\n')
		curLine++
	}
	u.out = out
	return bytes.Clone(out)
}

func appendLineDirective(out []byte, line int, file string) []byte {
	out = append(out, "#line "...)
	out = strconv.AppendInt(out, int64(line), 10)
	out = append(out, ' ')
	out = strconv.AppendQuote(out, file)
	return append(out, '\n')
}

// appendRewritten copies text, turning linemarkers into #line directives
// that name normalized paths.
func (u *unit) appendRewritten(out, text []byte) []byte {
	for line := range bytes.Lines(text) {
		if l := bytes.TrimLeft(line, " \t"); len(l) > 0 && l[0] == '#' {
			if n, quoted, ok := splitLinemarker(l); ok {
				out = appendLineDirective(out, n, u.files.name(u.files.lookup(quoted)))
				continue
			}
		}
		out = append(out, line...)
	}
	return out
}

// declNames returns what a declaration defines: tags of struct/union/enum
// definitions, typedef names, the declared object or function, enumerator
// constants.
func declNames(u *unit, toks []tok) span {
	src := u.src
	names := span{off: int32(len(u.arena))}
	name := func(t tok) int32 { return u.intern(t.start, t.end) }
	for i, t := range toks {
		if t.kind != tkIdent {
			continue
		}
		if n := t.end - t.start; n >= 4 && n <= 6 && isTagKeyword(src[t.start:t.end]) &&
			i+2 < len(toks) && toks[i+1].kind == tkIdent && src[toks[i+2].start] == '{' {
			u.arena = append(u.arena, name(toks[i+1]))
		}
	}
	if i := declaredName(src, toks); i >= 0 {
		u.arena = append(u.arena, name(toks[i]))
	}
	// enumerators: identifiers directly after '{' or ',' inside an enum body
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != tkIdent || toks[i].end-toks[i].start != 4 || string(src[toks[i].start:toks[i].end]) != "enum" {
			continue
		}
		depth := 0
		for j := i + 1; j < len(toks); j++ {
			switch src[toks[j].start] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 1 && (src[toks[j].start] == '{' || src[toks[j].start] == ',') && j+1 < len(toks) && toks[j+1].kind == tkIdent {
				u.arena = append(u.arena, name(toks[j+1]))
			}
			if depth == 0 && src[toks[j].start] == '}' {
				break
			}
		}
	}
	names.n = int32(len(u.arena)) - names.off
	return names
}

func isTagKeyword(w []byte) bool {
	return string(w) == "struct" || string(w) == "union" || string(w) == "enum"
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

// notName: a keyword-like identifier that is never the declared name (an
// anonymous "enum { ... };" declares no "enum": every unit naming enum
// kept every anonymous enum of the headers, 40 KB of pcs-xpcs.c's 140).
// A switch, not a map: declaredName runs for every top-level declaration
// of every header.
func notName(w []byte) bool {
	if len(w) < 3 || len(w) > 14 || w[0] != '_' && w[0] != 't' && w[0] != 'a' && w[0] != 'e' && w[0] != 's' && w[0] != 'u' {
		return false
	}
	switch string(w) {
	case "__attribute__", "__attribute", "typeof", "__typeof__", "__typeof",
		"__alignof__", "_Alignas", "asm", "__asm__", "__asm", "_Static_assert", "__declspec",
		"enum", "struct", "union":
		return true
	}
	return false
}

// declaredName finds the token of the name a declaration declares: the
// identifier before its first top-level '(' (a function), else its last
// identifier before ';' or '='; -1 when there is none.
func declaredName(src []byte, toks []tok) int {
	depth := 0
	last := -1
	isName := func(i int) bool {
		t := toks[i]
		return t.kind == tkIdent && !notName(src[t.start:t.end])
	}
	is := func(i int, p byte) bool { return toks[i].kind == tkPunct && src[toks[i].start] == p }
	for i, t := range toks {
		if t.kind != tkPunct {
			if depth == 0 && isName(i) {
				last = i
			}
			continue
		}
		switch src[t.start] {
		case '{':
			depth++
		case '}':
			depth--
		case '(':
			if depth == 0 && i+1 < len(toks) {
				// (*name)(...) or (name)(...): a declarator in parentheses
				for j := i + 1; j < len(toks) && j < i+6; j++ {
					if toks[j].kind == tkPunct && !is(j, '*') {
						break
					}
					if isName(j) && j+2 < len(toks) && is(j+1, ')') && (is(j+2, '(') || is(j+2, '[')) {
						return j
					}
				}
			}
			if depth == 0 && i > 0 && isName(i-1) {
				return i - 1
			}
			depth++
		case ')':
			depth--
		case '=', ';':
			if depth == 0 {
				return last
			}
		}
	}
	return last
}

type tokKind int

const (
	tkPunct tokKind = iota
	tkIdent
	tkOther     // numbers, strings, chars
	tkLine      // a linemarker or #line directive
	tkDirective // another directive (#pragma)
)

type tok struct {
	kind       tokKind
	start, end int
}

func (t tok) text(src []byte) string { return string(src[t.start:t.end]) }

// scanner is a minimal C tokenizer for preprocessed text; it tracks the
// current file and line from linemarkers.
type scanner struct {
	src       []byte
	pos       int
	bol       bool
	file      string
	fileID    int32 // file's number in files
	line      int   // of the current position
	lineStart int   // offset where the current line starts
	files     *fileTable
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
			s.line++
			s.lineStart = s.pos
			continue
		case charClass[c]&clBlank != 0:
			s.pos++
			for s.pos < len(src) && charClass[src[s.pos]]&clBlank != 0 {
				s.pos++
			}
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
			if n, ok := s.linemarker(src[start:end]); ok {
				s.line = n - 1 // the marker's own newline moves to line n
				return tok{kind: tkLine, start: start, end: end}, true
			}
			return tok{kind: tkDirective, start: start, end: end}, true
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

// linemarker parses a linemarker line and moves to its file.
func (s *scanner) linemarker(line []byte) (int, bool) {
	n, quoted, ok := splitLinemarker(line)
	if !ok {
		return 0, false
	}
	if s.files == nil {
		s.files = &fileTable{}
	}
	s.fileID = s.files.lookup(quoted)
	s.file = s.files.name(s.fileID)
	return n, true
}

// markerFile is the file a linemarker's quoted name designates.
func markerFile(quoted []byte, norm func(string) string) string {
	f := unquoteFile(quoted)
	if norm != nil {
		f = norm(f)
	}
	return f
}

// splitLinemarker returns the line number and the quoted file name
// (quotes included) of a linemarker.
func splitLinemarker(line []byte) (int, []byte, bool) {
	i := 1 // past '#'
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if bytes.HasPrefix(line[i:], []byte("line")) {
		i += 4
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	n, j := 0, i
	for j < len(line) && line[j] >= '0' && line[j] <= '9' {
		n = n*10 + int(line[j]-'0')
		j++
	}
	if j == i {
		return 0, nil, false
	}
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	if j >= len(line) || line[j] != '"' {
		return 0, nil, false
	}
	k := j + 1
	for k < len(line) && line[k] != '"' {
		if line[k] == '\\' {
			k++
		}
		k++
	}
	if k >= len(line) {
		return 0, nil, false
	}
	return n, line[j : k+1], true
}

func unquoteFile(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	if f, err := strconv.Unquote(string(quoted)); err == nil {
		return f
	}
	return string(quoted[1 : len(quoted)-1])
}

const (
	clIdentStart = 1 << iota
	clIdentChar
	clBlank
)

var charClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if b == '_' || b == '$' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' {
			t[c] |= clIdentStart | clIdentChar
		}
		if b >= '0' && b <= '9' {
			t[c] |= clIdentChar
		}
		if b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v' {
			t[c] |= clBlank
		}
	}
	return
}()

func isIdentStart(c byte) bool { return charClass[c]&clIdentStart != 0 }
func isIdentChar(c byte) bool  { return charClass[c]&clIdentChar != 0 }
