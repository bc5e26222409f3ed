package cparse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	cc "github.com/pcslint/pcslint/third_party/cc"
)

// Error is a file that could not be analyzed, with its first error.
type Error struct {
	Path string // relative to the tree root
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Parser parses the C files of one tree; it is safe for concurrent use.
type Parser struct {
	Tree *Tree
	Fset *token.FileSet
	// Budget bounds the wall time of one file; 0 means none.
	Budget time.Duration
	// ExpansionLimit bounds macro expansion work (tokens); 0 means none.
	ExpansionLimit int

	// Interesting, when set, lets the fast path skip parsing a unit whose
	// preprocessed main file names no identifier it accepts: such a unit
	// comes back with Skipped set and its identifiers in Idents.
	Interesting func(ident string) bool

	// Wants, when set with Interesting, is asked about units naming no
	// interesting identifier, with the main file's text and identifiers:
	// true has them parsed all the same.
	Wants func(src []byte, idents map[string]bool) bool

	// Prescan, with Interesting, skips a unit before preprocessing when
	// neither its text nor the quoted headers it includes name an
	// interesting identifier or a tree macro expanding to one (prescan.go).
	Prescan bool

	// MaxPreprocessedSize bounds gcc -E's output for one unit in bytes
	// (a runaway macro expansion); 0 means none.
	MaxPreprocessedSize int64

	// MaxFileSize bounds the size of a source file in bytes; 0 means none.
	MaxFileSize int64

	// CPP selects the preprocessor: "auto" (gcc -E when gcc exists, then
	// cc/v4's own on failure), "gcc" or "builtin" (cc/v4 only).
	CPP string

	// Inputs, when set, is told, once a Parse call returns, every file its
	// outcome was made of: the files gcc -E read (its linemarkers), of the
	// degraded retries too, with the tree headers that decided a stub; or,
	// for a unit the prescan skipped, the files it read and PrescanInput
	// for the macro index it used. It is not called when the outcome
	// depends on more than files (a time budget, gcc dying without a
	// diagnostic, cc/v4's preprocessor, a panic; inputs.go): what a
	// persistent cache of the outcome, a failure included, depends on.
	Inputs func(abs string, files []string)

	abi        *cc.ABI
	predefined string // the target's predefined macros, for cc/v4
	compiler   compiler
	predef     predefFile
	macrosOnce sync.Once
	macros     *macroIndex
	digestOnce sync.Once
	digest     [32]byte
	headers    sync.Map // path -> *rawScan (prescan)
	cache      *cc.SourceCache
	shadow     shadow
	fileNames  fileNames // of gcc -E's linemarkers, normalized
	deg        degradedIndex
}

// DefaultMaxFileSize is ten times the largest .c file of Linux 6.12 (1.8 MB).
const DefaultMaxFileSize = 16 << 20

// DefaultMaxPreprocessedSize is about 30 times the largest preprocessed
// unit of drivers/net (phy_device.c: 4 MB).
const DefaultMaxPreprocessedSize = 128 << 20

// NewParser returns a parser for files of tree, recording positions in fset.
func NewParser(tree *Tree, fset *token.FileSet) (*Parser, error) {
	comp := findCompiler(tree.Arch, tree.dbCompiler, os.Getenv)
	predefined, goarch := predefinedX86, "amd64"
	if a := arches[tree.Arch]; a != nil {
		predefined, goarch = a.predefined, a.goarch
	} else if comp.err == nil {
		// an architecture pcslint has no macro set for: its compiler's
		if m, err := compilerMacros(comp); err == nil {
			predefined, goarch = m, otherArchGoarch[tree.Arch]
		}
	}
	abi, err := cc.NewABI("linux", goarch)
	if err != nil {
		// sizes only matter to constant folding: amd64's are close enough
		// for the 64-bit targets cc/v4 does not know
		if abi, err = cc.NewABI("linux", "amd64"); err != nil {
			return nil, err
		}
	}
	if tree.Kind == Standalone {
		addStubHeaders(tree.overlay)
	}
	return &Parser{Tree: tree, Fset: fset, abi: abi, predefined: predefined, compiler: comp, cache: &cc.SourceCache{}, Budget: 60 * time.Second, ExpansionLimit: 200_000_000, MaxFileSize: DefaultMaxFileSize, MaxPreprocessedSize: DefaultMaxPreprocessedSize, CPP: "auto"}, nil
}

// Parse preprocesses and parses the file at abs (through the tree overlay)
// and converts the main file's functions and declarations. Failures come
// back as *Error; a panic inside the front end is one too.
func (p *Parser) Parse(ctx context.Context, abs string) (*File, error) {
	rel := p.Tree.Rel(abs)
	if p.MaxFileSize > 0 {
		if size, err := p.Tree.overlay.Size(abs); err == nil && size > p.MaxFileSize {
			return nil, &Error{Path: rel, Msg: fmt.Sprintf("file of %d bytes is over the %d-byte limit: not analyzed", size, p.MaxFileSize)}
		}
	}
	src, err := p.Tree.overlay.ReadFile(abs)
	if err != nil {
		return nil, &Error{Path: rel, Msg: "cannot read: " + unwrapPathErr(err)}
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, &Error{Path: rel, Msg: "not a C source file (binary content)"}
	}
	if d := maxNesting(src); d > maxNestingDepth {
		// cc/v4's recursive descent would overflow the goroutine stack,
		// which no recover() catches
		return nil, &Error{Path: rel, Msg: fmt.Sprintf("brackets nested %d deep (more than %d): not analyzed", d, maxNestingDepth)}
	}
	type result struct {
		f   *File
		err error
	}
	done := make(chan result, 1)
	var timeout <-chan time.Time
	if p.Budget > 0 {
		// the budget also bounds the child processes (gcc -E), which,
		// unlike cc/v4, can be stopped: they get it as their deadline
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Budget)
		defer cancel()
		t := time.NewTimer(p.Budget)
		defer t.Stop()
		timeout = t.C
	}
	ctx, in := p.withInputs(ctx)
	go func() {
		f, err := p.parse(ctx, abs, rel, src)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		if in != nil && ctx.Err() == nil {
			// a failure in the unit is reported as a success is: both
			// follow from the files read
			if files, ok := in.list(); ok {
				p.Inputs(abs, files)
			}
		}
		return r.f, r.err
	case <-timeout:
		// cc/v4 cannot be interrupted: the goroutine finishes on its own,
		// bounded by ExpansionLimit; the run goes on without it.
		return nil, &Error{Path: rel, Msg: p.budgetMsg()}
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && p.Budget > 0 {
			return nil, &Error{Path: rel, Msg: p.budgetMsg()}
		}
		return nil, &Error{Path: rel, Msg: ctx.Err().Error()}
	}
}

func (p *Parser) budgetMsg() string { return fmt.Sprintf("time budget of %v exceeded", p.Budget) }

func unwrapPathErr(err error) string {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	return err.Error()
}

func (p *Parser) parse(ctx context.Context, abs, rel string, src []byte) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			unlisted(ctx)
			f, err = nil, &Error{Path: rel, Msg: fmt.Sprintf("internal error in the C front end: %v\n%s", r, firstFrames(debug.Stack()))}
		}
	}()
	flags, err := p.Tree.Flags(abs)
	if err != nil {
		unlisted(ctx)
		return nil, &Error{Path: rel, Msg: err.Error()}
	}
	if p.Prescan && p.Interesting != nil {
		if f := p.prescan(ctx, abs, rel, src, flags); f != nil {
			return f, nil
		}
	}
	if p.CPP != "builtin" && p.Tree.Kind != Standalone {
		f, err := p.parseFast(ctx, abs, rel, src, flags)
		if err == nil {
			return f, nil
		}
		// an error in the unit is final (but for the degraded retries);
		// only a failure of gcc itself falls back to cc/v4's preprocessor
		if fe, ok := err.(*Error); ok {
			if f := p.degrade(ctx, abs, rel, src, flags, fe); f != nil {
				return f, nil
			}
			fe.Path = rel
			return nil, fe
		}
		if p.CPP == "gcc" {
			if f := p.degrade(ctx, abs, rel, src, flags, err); f != nil {
				return f, nil
			}
			return nil, &Error{Path: rel, Msg: err.Error()}
		}
	}
	// cc/v4's preprocessor does not tell which files it read
	unlisted(ctx)
	f, err = p.parseBuiltin(abs, rel, src, flags)
	if err != nil {
		// a driver of another architecture: best effort (degraded.go)
		if f := p.degrade(ctx, abs, rel, src, flags, err); f != nil {
			return f, nil
		}
	}
	return f, err
}

// skippedFile is a unit counted but not parsed, with the names it uses.
func skippedFile(rel, abs string, idents map[string]bool) *File {
	f := &File{Path: rel, AbsPath: abs, Skipped: true, Idents: make([]string, 0, len(idents))}
	for id := range idents {
		f.Idents = append(f.Idents, id)
	}
	sort.Strings(f.Idents)
	return f
}

// parseFast is the gcc -E + prune path.
func (p *Parser) parseFast(ctx context.Context, abs, rel string, src []byte, flags []string) (*File, error) {
	var skip func(map[string]bool) bool
	if interesting := p.Interesting; interesting != nil {
		wants := p.Wants
		skip = func(idents map[string]bool) bool {
			for id := range idents {
				if interesting(id) {
					return false
				}
			}
			return wants == nil || !wants(src, idents)
		}
	}
	text, idents, err := p.gccPreprocess(ctx, abs, flags, skip)
	if err != nil {
		if _, inUnit := err.(*Error); !inUnit {
			// gcc missing or dying without a diagnostic: not the files'
			unlisted(ctx)
		}
		return nil, err
	}
	if text == nil {
		return skippedFile(rel, abs, idents), nil
	}
	cfg := &cc.Config{ABI: p.abi, Predefined: p.predefined, DefaultSizeT: cc.ULong, DefaultPtrdiffT: cc.Long, DefaultWcharT: cc.Int, FSOnly: true, FS: NewOverlay()}
	if err := cfg.ApplyOptions("-std=gnu11"); err != nil {
		return nil, err
	}
	ast, err := cc.Parse(cfg, []cc.Source{
		{Name: "<predefined>", Value: p.predefined},
		{Name: "<builtin>", Value: cc.Builtin},
		{Name: abs + ".i", Value: text},
	})
	if err != nil {
		// final: gcc accepted the unit, so this is what cc/v4 rejects in it
		e := firstError(rel, abs, err)
		e.Msg = strings.ReplaceAll(e.Msg, p.Tree.Root+string(filepath.Separator), "")
		return nil, e
	}
	if ast == nil || ast.TranslationUnit == nil {
		return nil, fmt.Errorf("no syntax tree")
	}
	return p.convert(ast, abs, rel, src, true), nil
}

func (p *Parser) convert(ast *cc.AST, abs, rel string, src []byte, fixCols bool) *File {
	tf := p.Fset.AddFile(rel, -1, len(src))
	tf.SetLinesForContent(src)
	file := &File{
		Path: rel, AbsPath: abs, Src: src, TokFile: tf,
		Structs: map[string]map[string]*Type{}, Typedefs: map[string]*Type{}, Protos: map[string]*Type{}, ProtoFiles: map[string]string{},
	}
	conv := &converter{mainName: abs, tf: tf, src: src, file: file, fixCols: fixCols}
	conv.translationUnit(ast.TranslationUnit)
	return file
}

// parseBuiltin preprocesses with cc/v4 itself.
func (p *Parser) parseBuiltin(abs, rel string, src []byte, flags []string) (*File, error) {
	opts := parseFlags(flags, p.Tree.Root)
	if p.Tree.Kind == Standalone {
		opts.system = append(opts.system, stubRoot)
	}
	cfg := &cc.Config{
		ABI:             p.abi,
		FS:              p.Tree.overlay,
		Predefined:      p.predefined,
		IncludePaths:    append(append(append([]string{""}, opts.quote...), opts.system...), opts.after...),
		SysIncludePaths: append(append([]string(nil), opts.system...), opts.after...),
		SourceCache:     p.cache,
		ExpansionLimit:  p.ExpansionLimit,
		// cc/v4's fallbacks for the builtin types the kernel never declares
		DefaultSizeT:    cc.ULong,
		DefaultPtrdiffT: cc.Long,
		DefaultWcharT:   cc.Int,
	}
	if err := cfg.ApplyOptions("-std=" + opts.std); err != nil {
		return nil, &Error{Path: rel, Msg: err.Error()}
	}
	sources := []cc.Source{
		{Name: "<predefined>", Value: p.predefined},
		{Name: "<builtin>", Value: cc.Builtin},
		{Name: "<command-line>", Value: opts.macros.String()},
	}
	for _, inc := range opts.includes {
		sources = append(sources, cc.Source{Name: inc})
	}
	sources = append(sources, cc.Source{Name: abs, Value: src})
	ast, err := cc.Parse(cfg, sources)
	if err != nil {
		e := firstError(rel, abs, err)
		e.Msg = strings.ReplaceAll(e.Msg, p.Tree.Root+string(filepath.Separator), "")
		return nil, e
	}
	if ast == nil || ast.TranslationUnit == nil {
		return nil, &Error{Path: rel, Msg: "the C front end produced no syntax tree"}
	}
	return p.convert(ast, abs, rel, src, false), nil
}

// firstError turns cc/v4's error list into the first error, with paths made
// relative to the tree.
func firstError(rel, abs string, err error) *Error {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	e := &Error{Path: rel, Msg: msg}
	// cc messages start with "file:line:col: "
	if strings.HasPrefix(msg, abs+":") {
		var line, col int
		rest := msg[len(abs)+1:]
		if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n == 2 {
			e.Line, e.Col = line, col
			if i := strings.Index(rest, ": "); i >= 0 {
				e.Msg = strings.TrimSpace(rest[i+2:])
			}
		}
	} else if dir := filepath.Dir(abs); strings.Contains(msg, dir) {
		e.Msg = msg
	}
	return e
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 14 {
		lines = lines[:14]
	}
	return strings.Join(lines, "\n")
}

const maxNestingDepth = 2000

// maxNesting is the deepest bracket nesting of src (strings and comments
// are not skipped: it only needs to bound what the parser could face).
func maxNesting(src []byte) int {
	depth, max := 0, 0
	for _, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > max {
				max = depth
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return max
}
