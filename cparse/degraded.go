package cparse

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Degraded parsing: a driver that cannot build for the configured
// architecture (a PowerPC-only Ethernet driver on an x86 tree) still holds
// real lifetime bugs, so instead of dropping it pcslint parses it best
// effort and says so (File.Degraded). Only two failures are stubbed, and
// only when the tree itself shows that the failure is the architecture's,
// not the file's:
//
//   - an angle include that is on no include path of the unit but exists
//     somewhere in the tree (arch/powerpc/include/asm/mpc52xx.h) becomes an
//     empty header, found through -idirafter after every real directory;
//   - a parse error on a line where an identifier at or before the error
//     column (nearest first) is declared as a typedef by the tree's headers
//     (include/, arch/*/include/), in a header the configuration leaves
//     out, gets `typedef struct pcslint_unknown_T T;` through an -include
//     file.
//
// Each retry must add a new stub and at most maxDegradedStubs are added, so
// the loop ends; when the stubs do not make the unit parse, the original
// error is reported. A genuine syntax error, or a header that exists
// nowhere in the tree, is never hidden. The stub files live in a temporary
// directory of the unit, removed when its parse ends.

// maxDegradedStubs bounds the stubs (and so the retries) of one unit.
const maxDegradedStubs = 8

// degradedIndex caches what the tree holds, built on the first degraded
// unit: every header path, and the typedef lookups done so far.
type degradedIndex struct {
	once     sync.Once
	headers  []string // relative, slash separated, sorted
	mu       sync.Mutex
	typedefs map[string]string // name -> header declaring it ("" none)
}

// degradation is the stub set of one unit.
type degradation struct {
	dir     string
	seen    map[string]bool // "h:asm/x.h", "t:cbd_t"
	headers bool            // dir/include holds header stubs
	types   []string        // typedef stubs, in order
	notes   []string
}

type stub struct {
	header  string // "asm/mpc52xx.h"
	typedef string // "cbd_t"
	note    string
	// decidedBy are the tree's headers (absolute) that showed the failure
	// to be the architecture's (a typedef's)
	decidedBy []string
}

// degrade retries a unit that failed with err under stubs; it returns the
// degraded file, or nil when stubs do not help (the caller keeps err).
func (p *Parser) degrade(ctx context.Context, abs, rel string, src []byte, flags []string, err error) *File {
	if p.Tree.Kind == Standalone || ctx.Err() != nil {
		return nil
	}
	d := &degradation{seen: map[string]bool{}}
	defer func() {
		if d.dir != "" {
			os.RemoveAll(d.dir)
		}
	}()
	for s := p.nextStub(ctx, d, abs, err); s != nil && len(d.notes) < maxDegradedStubs; {
		// what the tree showed to decide the stub: the note names it
		addInputs(ctx, s.decidedBy...)
		fl, aerr := d.add(s, flags)
		if aerr != nil {
			unlisted(ctx)
			return nil
		}
		if len(d.notes) == 1 {
			ownFiles(ctx, d.dir)
		}
		if ctx.Err() != nil {
			return nil
		}
		if p.CPP != "builtin" {
			f, ferr := p.parseFast(ctx, abs, rel, src, fl)
			if ferr == nil {
				f.Degraded = append([]string(nil), d.notes...)
				return f
			}
			// an error in the unit is as final here as in parse()
			if _, inUnit := ferr.(*Error); inUnit || p.CPP == "gcc" {
				s = p.nextStub(ctx, d, abs, ferr)
				continue
			}
			if s = p.nextStub(ctx, d, abs, ferr); s != nil {
				continue
			}
		}
		unlisted(ctx)
		f, berr := p.parseBuiltin(abs, rel, src, fl)
		if berr == nil {
			f.Degraded = append([]string(nil), d.notes...)
			return f
		}
		s = p.nextStub(ctx, d, abs, berr)
	}
	return nil
}

// add records s, writes its stub file and returns the unit's flags with
// every stub so far.
func (d *degradation) add(s *stub, flags []string) ([]string, error) {
	if d.dir == "" {
		dir, err := os.MkdirTemp("", "pcslint-degraded-")
		if err != nil {
			return nil, err
		}
		d.dir = dir
	}
	switch {
	case s.header != "":
		d.seen["h:"+s.header] = true
		p := filepath.Join(d.dir, "include", filepath.FromSlash(s.header))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte("/* pcslint: degraded-mode stub, the header is not built for this architecture */\n"), 0o600); err != nil {
			return nil, err
		}
		d.headers = true
	case s.typedef != "":
		d.seen["t:"+s.typedef] = true
		d.types = append(d.types, s.typedef)
		var b strings.Builder
		b.WriteString("/* pcslint: degraded-mode stubs, types the configuration does not declare */\n")
		for _, t := range d.types {
			fmt.Fprintf(&b, "typedef struct pcslint_unknown_%s %s;\n", t, t)
		}
		if err := os.WriteFile(filepath.Join(d.dir, "types.h"), []byte(b.String()), 0o600); err != nil {
			return nil, err
		}
	}
	d.notes = append(d.notes, s.note)
	out := append([]string(nil), flags...)
	if d.headers {
		out = append(out, "-idirafter", filepath.Join(d.dir, "include"))
	}
	if len(d.types) > 0 {
		out = append(out, "-include", filepath.Join(d.dir, "types.h"))
	}
	return out, nil
}

var (
	// "file:line:col: message", the first one of an error text
	errSiteRe = regexp.MustCompile(`((?:/|[A-Za-z0-9_.])[^\s:]*):(\d+):(\d+): (.*)`)
	// cc/v4: `include file not found: <asm/x.h>`
	ccMissingRe = regexp.MustCompile(`include file not found: ([<"])([^>"]+)[>"]`)
	// gcc: `fatal error: asm/x.h: No such file or directory`
	gccMissingRe = regexp.MustCompile(`fatal error: ([^:\s]+): No such file or directory`)
	identRe      = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
)

// errorSite finds where err happened: the file (absolute), line, column
// (0 when unknown) and the message.
func (p *Parser) errorSite(abs string, err error) (file string, line, col int, msg string) {
	var e *Error
	if errors.As(err, &e) && e.Line > 0 {
		return abs, e.Line, e.Col, e.Msg
	}
	msg = err.Error()
	if e != nil {
		msg = e.Msg
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	// tree paths relative, so that a root with spaces does not matter
	msg = strings.ReplaceAll(msg, p.Tree.Root+string(filepath.Separator), "")
	m := errSiteRe.FindStringSubmatch(msg)
	if m == nil {
		return "", 0, 0, msg
	}
	file = m[1]
	if !filepath.IsAbs(file) {
		file = filepath.Join(p.Tree.Root, file)
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return file, line, col, m[4]
}

// nextStub is the stub that could get the unit past err, nil when there is
// none (not an architecture failure, or already stubbed).
func (p *Parser) nextStub(ctx context.Context, d *degradation, abs string, err error) *stub {
	file, line, col, msg := p.errorSite(abs, err)
	header, angle := "", false
	if m := ccMissingRe.FindStringSubmatch(msg); m != nil {
		header, angle = m[2], m[1] == "<"
	} else if m := gccMissingRe.FindStringSubmatch(msg); m != nil {
		header = m[1]
		// gcc does not say which form; the line does
		text := p.sourceLine(file, line)
		angle = strings.Contains(text, "<"+header+">")
	}
	if header != "" {
		if !angle || d.seen["h:"+header] || !safeHeaderName(header) {
			return nil
		}
		where := p.headerInTree(header)
		// stubbed or not, the outcome depends on where the tree has it
		addInputs(ctx, TreeHeaderInput(header))
		if len(where) == 0 {
			return nil
		}
		if len(where) > 3 {
			where = append(where[:3:3], "...")
		}
		return &stub{header: header, note: fmt.Sprintf("missing <%s> stubbed (it exists as %s)", header, strings.Join(where, ", "))}
	}
	if line <= 0 || strings.Contains(msg, "include") {
		return nil
	}
	text := p.sourceLine(file, line)
	if text == "" {
		return nil
	}
	// identifiers up to the error column, nearest first: the unknown type
	// name may be followed by attribute macros (`cbd_t __iomem *p`)
	locs := identRe.FindAllStringIndex(text, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		if col > 0 && locs[i][0] > col-1 {
			continue
		}
		id := text[locs[i][0]:locs[i][1]]
		if cKeywords[id] || d.seen["t:"+id] {
			continue
		}
		if where := p.typedefInTree(id); where != "" {
			return &stub{typedef: id, note: fmt.Sprintf("unknown type %s assumed (a typedef in %s, not included in this configuration)", id, where),
				decidedBy: []string{filepath.Join(p.Tree.Root, filepath.FromSlash(where))}}
		}
	}
	return nil
}

// TreeHeaderInput stands, among a unit's inputs (Parser.Inputs), for the
// places in the tree of a header the unit misses (TreeHeaderDigest): a
// degraded stub is made for it, or the unit fails, depending on them.
func TreeHeaderInput(name string) string { return treeHeaderPrefix + name + ">" }

const treeHeaderPrefix = "<tree-header:"

// TreeHeaderName is the header a TreeHeaderInput stands for.
func TreeHeaderName(input string) (string, bool) {
	name, ok := strings.CutPrefix(input, treeHeaderPrefix)
	if !ok || !strings.HasSuffix(name, ">") {
		return "", false
	}
	return strings.TrimSuffix(name, ">"), true
}

// TreeHeaderDigest is a hash of the tree's paths ending in /name (walking
// the tree once a parser).
func (p *Parser) TreeHeaderDigest(name string) [32]byte {
	return sha256.Sum256([]byte(strings.Join(p.headerInTree(name), "\n")))
}

// safeHeaderName keeps a stub inside its directory.
func safeHeaderName(h string) bool {
	if h == "" || strings.HasPrefix(h, "/") {
		return false
	}
	for _, part := range strings.Split(h, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// sourceLine is line n (1-based) of file, read through the overlay.
func (p *Parser) sourceLine(file string, n int) string {
	if file == "" || n <= 0 {
		return ""
	}
	b, err := p.Tree.overlay.ReadFile(file)
	if err != nil {
		return ""
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(b, '\n')
		if j < 0 {
			return ""
		}
		b = b[j+1:]
	}
	if j := bytes.IndexByte(b, '\n'); j >= 0 {
		b = b[:j]
	}
	return string(b)
}

// treeHeaders lists the tree's .h files once.
func (p *Parser) treeHeaders() []string {
	p.deg.once.Do(func() {
		root := p.Tree.Root
		_ = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() {
				if path != root && strings.HasPrefix(e.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(e.Name(), ".h") && e.Type().IsRegular() {
				if rel, err := filepath.Rel(root, path); err == nil {
					p.deg.headers = append(p.deg.headers, filepath.ToSlash(rel))
				}
			}
			return nil
		})
		sort.Strings(p.deg.headers)
	})
	return p.deg.headers
}

// headerInTree returns the tree paths that end in /name, those of an
// architecture's include directory first; nil when there is none.
func (p *Parser) headerInTree(name string) []string {
	var arch, other []string
	for _, h := range p.treeHeaders() {
		if !strings.HasSuffix(h, "/"+name) {
			continue
		}
		if strings.HasPrefix(h, "arch/") && strings.Contains(h, "/include/") {
			arch = append(arch, h)
		} else {
			other = append(other, h)
		}
	}
	return append(arch, other...)
}

// typedefInTree returns a header of include/ or arch/*/include/ declaring
// name as a typedef (`typedef ... name;`, `} name;` at the start of a line,
// `typedef struct { ... } name;`), "" when none.
func (p *Parser) typedefInTree(name string) string {
	p.deg.mu.Lock()
	if where, ok := p.deg.typedefs[name]; ok {
		p.deg.mu.Unlock()
		return where
	}
	p.deg.mu.Unlock()
	re := regexp.MustCompile(`(?m)(?:\btypedef\b[^;{}]*[^A-Za-z0-9_]` + name + `\s*;|^\s*\}\s*` + name + `\s*;|\btypedef\s+(?:struct|union|enum)\b[^;{}]*\{[^{}]*\}\s*` + name + `\s*;)`)
	where := ""
	for _, h := range p.treeHeaders() {
		if !strings.HasPrefix(h, "include/") && !(strings.HasPrefix(h, "arch/") && strings.Contains(h, "/include/")) {
			continue
		}
		b, err := p.Tree.overlay.ReadFile(filepath.Join(p.Tree.Root, filepath.FromSlash(h)))
		if err != nil || !bytes.Contains(b, []byte(name)) {
			continue
		}
		if re.Match(b) {
			where = h
			break
		}
	}
	p.deg.mu.Lock()
	if p.deg.typedefs == nil {
		p.deg.typedefs = map[string]string{}
	}
	p.deg.typedefs[name] = where
	p.deg.mu.Unlock()
	return where
}

var cKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`auto break case char const continue default do double else enum extern
		float for goto if inline int long register restrict return short signed sizeof static struct switch
		typedef union unsigned void volatile while _Bool _Complex _Imaginary _Alignas _Alignof _Atomic
		_Generic _Noreturn _Static_assert _Thread_local asm __asm __asm__ __attribute__ __attribute
		__extension__ __inline __inline__ __restrict __restrict__ __signed__ __volatile__ __typeof__
		__typeof typeof __int128 __builtin_va_list __label__ __auto_type`) {
		cKeywords[k] = true
	}
}
