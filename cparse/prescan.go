package cparse

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
)

// The prescan skips a unit without preprocessing it when its raw text
// cannot produce an interesting identifier. It reads the .c file and every
// header it includes from outside the tree's shared include directories
// (driver-local headers), and looks each identifier up in Interesting and
// in the tree's macro index: the macros of include/ and arch/*/include
// whose expansion can reach an interesting identifier
// (for_each_child_of_node reaches of_get_next_child). Most units of
// drivers/net name no modelled API; gcc -E is then never run for them.
//
// What it cannot see: identifiers made by token pasting and macros defined
// on the command line. Both are rare in drivers and never carry the
// modelled APIs; TestPrescanEquivalence measures it on real directories.

// rawScan is what the prescan reads of one file.
type rawScan struct {
	idents     []string // every identifier, once
	calls      []string // those followed by '('
	macroCalls []string // calls in #define bodies
	includes   []include
}

func scanRaw(text []byte) *rawScan {
	r := &rawScan{includes: rawIncludes(text)}
	seen := map[string]bool{}
	inMacro := map[string]bool{}
	eachIdent(text, func(id []byte, call, macro bool) {
		v, ok := seen[string(id)]
		if !ok {
			r.idents = append(r.idents, string(id))
		}
		if call && !v {
			r.calls = append(r.calls, string(id))
		}
		seen[string(id)] = v || call
		if call && macro && !inMacro[string(id)] {
			inMacro[string(id)] = true
			r.macroCalls = append(r.macroCalls, string(id))
		}
	})
	return r
}

// headerScan reads a driver-local header once a run: the files of a driver
// directory include the same headers, some of them thousands of lines.
func (p *Parser) headerScan(path string) *rawScan {
	if r, ok := p.headers.Load(path); ok {
		return r.(*rawScan)
	}
	b, err := p.Tree.overlay.ReadFile(path)
	if err != nil {
		return nil
	}
	r, _ := p.headers.LoadOrStore(path, scanRaw(b))
	return r.(*rawScan)
}

// prescan decides, from the raw text alone, that a unit cannot name an
// interesting identifier; nil means "preprocess and look".
func (p *Parser) prescan(ctx context.Context, abs, rel string, src []byte, flags []string) *File {
	idx := p.macroIndex()
	opts := parseFlags(flags, p.Tree.Root)
	seen := map[string]bool{abs: true}
	var scans []*rawScan
	var visit func(path string, r *rawScan)
	visit = func(path string, r *rawScan) {
		scans = append(scans, r)
		for _, inc := range r.includes {
			hdr := p.resolveInclude(path, inc, opts)
			if hdr == "" || seen[hdr] || p.sharedHeader(hdr) {
				continue
			}
			seen[hdr] = true
			if h := p.headerScan(hdr); h != nil {
				visit(hdr, h)
			}
		}
	}
	visit(abs, scanRaw(src))
	idents := map[string]bool{}
	for _, r := range scans {
		for _, id := range r.idents {
			if p.Interesting(id) || idx.reaches(id) {
				return nil
			}
			idents[id] = true
		}
	}
	if p.Wants != nil && p.Wants(src, idents) {
		return nil
	}
	// Only what the unit calls can matter later (another file's wrapper
	// that turns out to acquire): kept instead of every identifier, it
	// takes a third of the memory of a scan of drivers/net off. Of a
	// header, only its macros can put a call in the unit's functions; its
	// prototypes would make every file of a driver (mt76) parsed late.
	calls := map[string]bool{}
	for i, r := range scans {
		ids := r.calls
		if i > 0 {
			ids = r.macroCalls
		}
		for _, id := range ids {
			calls[id] = true
		}
	}
	addInputs(ctx, PrescanInput)
	for path := range seen {
		addInputs(ctx, path)
	}
	return skippedFile(rel, abs, calls)
}

// PrescanInput stands, among a unit's inputs (Parser.Inputs), for the
// macro index the prescan decided with (PrescanDigest).
const PrescanInput = "<prescan>"

// PrescanDigest is a hash of the prescan's macro index: of what in the
// tree's shared headers can decide that a unit is skipped.
func (p *Parser) PrescanDigest() [32]byte {
	p.digestOnce.Do(func() {
		idx := p.macroIndex()
		names := make([]string, 0, len(idx.reaching))
		for n, ok := range idx.reaching {
			if ok {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		p.digest = sha256.Sum256([]byte(strings.Join(names, "\n")))
	})
	return p.digest
}

// include is one #include directive of raw text.
type include struct {
	name   string
	quoted bool
}

// rawIncludes lists the #include directives of text.
func rawIncludes(text []byte) []include {
	var out []include
	for line := range bytes.Lines(text) {
		l := bytes.TrimLeft(line, " \t")
		if len(l) == 0 || l[0] != '#' {
			continue
		}
		l = bytes.TrimLeft(l[1:], " \t")
		if !bytes.HasPrefix(l, []byte("include")) {
			continue
		}
		l = bytes.TrimLeft(l[len("include"):], " \t")
		if len(l) < 2 || l[0] != '"' && l[0] != '<' {
			continue
		}
		end := byte('"')
		if l[0] == '<' {
			end = '>'
		}
		if j := bytes.IndexByte(l[1:], end); j > 0 {
			out = append(out, include{name: string(l[1 : 1+j]), quoted: l[0] == '"'})
		}
	}
	return out
}

// rawIdents adds the identifiers of text (comments and strings included:
// a superset is safe) to set.
func rawIdents(text []byte, set map[string]bool) {
	eachIdent(text, func(id []byte, _, _ bool) {
		if _, ok := set[string(id)]; !ok {
			set[string(id)] = true
		}
	})
}

// eachIdent calls f with every identifier of text, whether '(' follows it
// and whether it is in a #define directive (continuation lines included).
func eachIdent(text []byte, f func(id []byte, call, macro bool)) {
	bol, macro := true, false
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == '\n':
			bol = true
			if macro && !(i > 0 && text[i-1] == '\\' || i > 1 && text[i-1] == '\r' && text[i-2] == '\\') {
				macro = false
			}
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#' && bol:
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			macro = bytes.HasPrefix(text[j:], []byte("define"))
		}
		bol = false
		if !isIdentStart(text[i]) {
			if text[i] >= '0' && text[i] <= '9' {
				for i < len(text) && isIdentChar(text[i]) {
					i++
				}
				continue
			}
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isIdentChar(text[j]) {
			j++
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		f(text[i:j], k < len(text) && text[k] == '(', macro)
		i = j
	}
}

// resolveInclude finds the file an #include names as gcc would (quoted:
// the including file's directory and -iquote first), "" when it is not in
// the tree.
func (p *Parser) resolveInclude(from string, inc include, opts *unitOptions) string {
	var dirs []string
	if inc.quoted {
		dirs = append(append(dirs, filepath.Dir(from)), opts.quote...)
	}
	dirs = append(append(dirs, opts.system...), opts.after...)
	for _, d := range dirs {
		path := filepath.Join(d, inc.name)
		if has, gone := p.Tree.overlay.Has(path); has {
			return path
		} else if gone {
			continue
		}
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			return path
		}
	}
	return ""
}

// sharedHeader: the header is covered by the macro index.
func (p *Parser) sharedHeader(path string) bool {
	for _, d := range p.sharedIncludeDirs() {
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (p *Parser) sharedIncludeDirs() []string {
	return []string{filepath.Join(p.Tree.Root, "include"), filepath.Join(p.Tree.Root, "arch", p.Tree.Arch, "include")}
}

// macroIndex is the set of macros defined under the shared include
// directories whose expansion can reach an interesting identifier.
type macroIndex struct {
	reaching map[string]bool
}

func (idx *macroIndex) reaches(name string) bool { return idx.reaching[name] }

// macroIndex is built on first use for the parser's Interesting, which
// must not change afterwards.
func (p *Parser) macroIndex() *macroIndex {
	p.macrosOnce.Do(func() {
		bodies := readDefines(p.Tree.overlay, p.sharedIncludeDirs())
		p.macros = &macroIndex{reaching: reachingMacros(bodies, p.Interesting)}
	})
	return p.macros
}

// reachingMacros walks the "is used in the body of" edges back from the
// interesting identifiers.
func reachingMacros(bodies map[string][]string, interesting func(string) bool) map[string]bool {
	usedBy := map[string][]string{}
	var work []string
	reaching := map[string]bool{}
	for name, ids := range bodies {
		for _, id := range ids {
			usedBy[id] = append(usedBy[id], name)
		}
	}
	for id, users := range usedBy {
		if interesting(id) {
			for _, u := range users {
				if !reaching[u] {
					reaching[u] = true
					work = append(work, u)
				}
			}
		}
	}
	for len(work) > 0 {
		id := work[len(work)-1]
		work = work[:len(work)-1]
		for _, u := range usedBy[id] {
			if !reaching[u] {
				reaching[u] = true
				work = append(work, u)
			}
		}
	}
	return reaching
}

// PrescanSources lists, sorted, the files the prescan's macro index is
// made of: PrescanDigest is a function of their contents (and of the
// parser's Interesting), so a cache can tell it unchanged without
// building the index.
func (p *Parser) PrescanSources() []string {
	files := headerFiles(p.Tree.overlay, p.sharedIncludeDirs())
	sort.Strings(files)
	return slices.Compact(files)
}

// readDefines maps each macro defined in the .h files under dirs (disk and
// overlay) to the identifiers of its bodies.
func readDefines(ov *Overlay, dirs []string) map[string][]string {
	files := headerFiles(ov, dirs)
	parts := make([]map[string][]string, runtime.GOMAXPROCS(0))
	var g errgroup.Group
	for w := range parts {
		parts[w] = map[string][]string{}
		g.Go(func() error {
			for i := w; i < len(files); i += len(parts) {
				if b, err := ov.ReadFile(files[i]); err == nil {
					addDefines(b, parts[w])
				}
			}
			return nil
		})
	}
	_ = g.Wait()
	bodies := map[string][]string{}
	for _, part := range parts {
		for name, ids := range part {
			bodies[name] = append(bodies[name], ids...)
		}
	}
	return bodies
}

// headerFiles lists the .h files under dirs, on disk and in the overlay.
func headerFiles(ov *Overlay, dirs []string) []string {
	var files []string
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(path, ".h") {
				files = append(files, path)
			}
			return nil
		})
	}
	for _, path := range ov.Paths() {
		for _, d := range dirs {
			if strings.HasPrefix(path, d+string(filepath.Separator)) && strings.HasSuffix(path, ".h") {
				files = append(files, path)
			}
		}
	}
	return files
}

// addDefines records the body identifiers of every #define of text.
func addDefines(text []byte, out map[string][]string) {
	for i := 0; i < len(text); {
		end := len(text)
		if j := bytes.IndexByte(text[i:], '\n'); j >= 0 {
			end = i + j
		}
		line := bytes.TrimLeft(text[i:end], " \t")
		if len(line) > 0 && line[0] == '#' {
			if l := bytes.TrimLeft(line[1:], " \t"); bytes.HasPrefix(l, []byte("define")) {
				from := end - len(l)
				// the directive runs on over backslash-newlines
				for end < len(text) && bytes.HasSuffix(bytes.TrimRight(text[i:end], " \t\r"), []byte{'\\'}) {
					if k := bytes.IndexByte(text[end+1:], '\n'); k >= 0 {
						end += 1 + k
					} else {
						end = len(text)
					}
				}
				def := text[from:end] // from "define"
				addDefine(bytes.TrimLeft(def[len("define"):], " \t"), out)
			}
		}
		i = end + 1
	}
}

// addDefine records one "NAME[(params)] body" definition.
func addDefine(def []byte, out map[string][]string) {
	k := 0
	for k < len(def) && isIdentChar(def[k]) {
		k++
	}
	if k == 0 {
		return
	}
	set := map[string]bool{}
	rawIdents(def[k:], set)
	name := string(def[:k])
	ids := out[name]
	for id := range set {
		ids = append(ids, id)
	}
	out[name] = ids
}

// RawDefinitions calls f with the name of every function the raw text may
// define: the identifier before the first '(' of a line that starts, in
// column 0, with an identifier (kernel style puts a definition's return
// type or name there). A superset: prototypes and macro calls at column 0
// are named too.
func RawDefinitions(text []byte, f func(name []byte)) {
	for line := range bytes.Lines(text) {
		if len(line) == 0 || !isIdentStart(line[0]) {
			continue
		}
		paren := bytes.IndexByte(line, '(')
		if paren < 0 {
			continue
		}
		end := paren
		for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
			end--
		}
		start := end
		for start > 0 && isIdentChar(line[start-1]) {
			start--
		}
		if start < end && isIdentStart(line[start]) {
			f(line[start:end])
		}
	}
}
