package cparse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The fast path: gcc -E preprocesses (about 5x faster than cc/v4's own
// preprocessor), prune drops the header declarations the main file does not
// need, and cc/v4 parses what is left. An error gcc finds in the unit is
// final (cc/v4 would reject it too, at ten times the cost); any other
// failure of gcc falls back to cc/v4's preprocessor.

// shadow mirrors the tree overlay on disk for gcc, which cannot read memory.
type shadow struct {
	once sync.Once
	dir  string
	err  error
}

func (p *Parser) shadowDir() (string, error) {
	p.shadow.once.Do(func() {
		paths := p.Tree.overlay.Paths()
		if len(paths) == 0 {
			return
		}
		dir, err := os.MkdirTemp("", "pcslint-shadow-")
		if err != nil {
			p.shadow.err = err
			return
		}
		for _, abs := range paths {
			rel, err := filepath.Rel(p.Tree.Root, abs)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			b, _ := p.Tree.overlay.Get(abs)
			dst := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
				err = os.WriteFile(dst, b, 0o644)
			}
			if err != nil {
				p.shadow.err = err
				return
			}
		}
		p.shadow.dir = dir
	})
	return p.shadow.dir, p.shadow.err
}

// Close removes the parser's temporary files.
func (p *Parser) Close() {
	if p.shadow.dir != "" {
		os.RemoveAll(p.shadow.dir)
	}
	if p.predef.path != "" {
		os.Remove(p.predef.path)
	}
}

var droppedFlags = map[string]bool{"-c": true, "-S": true, "-E": true, "-MD": true, "-MMD": true, "-MP": true, "-M": true, "-MM": true}
var droppedWithArg = map[string]bool{"-o": true, "-MF": true, "-MT": true, "-MQ": true}

// gccArgs builds gcc -E's arguments from the unit's compiler flags,
// putting the shadow copies of overlay headers first. predef is the
// emulated target's macro file, "" for a compiler of the target.
func (p *Parser) gccArgs(flags []string, shadowDir, predef string) []string {
	// macro expansion tracking only serves diagnostics: off, gcc -E is 35% faster
	args := append([]string{"-E", "-w", "-ftrack-macro-expansion=0"}, p.compiler.flags...)
	if predef != "" {
		// the target's macros replace the host's; -include puts them
		// before the unit's own -include files
		args = append(args, "-undef", "-include", predef)
	}
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		switch {
		case predef != "" && strings.HasPrefix(f, "-m"):
			continue // the target's options; the host gcc knows others
		case droppedFlags[f] || strings.HasPrefix(f, "-Wp,") || strings.HasPrefix(f, "-W") || strings.HasPrefix(f, "-f") && strings.Contains(f, "prefix-map"):
			continue
		case droppedWithArg[f]:
			i++
			continue
		}
		if shadowDir != "" {
			if dir, ok := strings.CutPrefix(f, "-I"); ok && dir != "" {
				if sd := p.shadowPath(shadowDir, dir); sd != "" {
					args = append(args, "-I"+sd)
				}
			}
			if f == "-include" && i+1 < len(flags) {
				if sd := p.shadowPath(shadowDir, flags[i+1]); sd != "" && fileExists(sd) {
					args = append(args, "-include", sd)
					i++
					continue
				}
			}
		}
		args = append(args, f)
	}
	return args
}

// shadowPath maps a path of the tree (relative to the root or absolute) to
// the shadow copy; "" when it is outside the tree.
func (p *Parser) shadowPath(shadowDir, path string) string {
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.Tree.Root, path)
	}
	rel, err := filepath.Rel(p.Tree.Root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	sd := filepath.Join(shadowDir, rel)
	if _, err := os.Stat(sd); err != nil {
		return ""
	}
	return sd
}

// gccPreprocess runs gcc -E on the unit and returns the pruned text, whose
// #line directives name absolute paths in the tree, and the main file's
// identifiers. With skip set, a unit whose main file names nothing skip
// accepts comes back as nil text (not pruned).
func (p *Parser) gccPreprocess(ctx context.Context, abs string, flags []string, skip func(map[string]bool) bool) ([]byte, map[string]bool, error) {
	if p.compiler.err != nil {
		return nil, nil, p.compiler.err
	}
	gcc := p.compiler.path
	shadowDir, err := p.shadowDir()
	if err != nil {
		return nil, nil, err
	}
	predef := ""
	if p.compiler.emulate {
		if predef, err = p.predefPath(); err != nil {
			return nil, nil, err
		}
	}
	input := abs
	args := p.gccArgs(flags, shadowDir, predef)
	if has, _ := p.Tree.overlay.Has(abs); has && shadowDir != "" {
		if sd := p.shadowPath(shadowDir, abs); sd != "" {
			input = sd
			// the original directory still serves #include "x.h"
			args = append(args, "-iquote", filepath.Dir(abs))
		}
	}
	args = append(args, input)
	// the unit's budget (Parse) is gcc's deadline
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, gcc, args...)
	cmd.Dir = p.Tree.Root
	// gcc runs cc1 as a child: stopping the unit must stop both, and
	// nothing may keep the pipes open after that
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var errb bytes.Buffer
	cmd.Stderr = &errb
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	limit := p.MaxPreprocessedSize
	if limit <= 0 || limit > maxUnitSize {
		limit = maxUnitSize
	}
	// split while gcc writes: most of the splitting is done when it exits
	u, readErr := splitStream(stdout, limit, p.treePath, &p.fileNames)
	if readErr != nil {
		cancel() // kills gcc and cc1
	} else {
		defer u.release()
	}
	waitErr := cmd.Wait()
	if readErr == errTooLarge {
		// the files read so far are gone with the unit's buffers
		unlisted(ctx)
		return nil, nil, &Error{Msg: fmt.Sprintf("preprocessed unit over %d bytes: not analyzed", limit)}
	}
	if waitErr != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			unlisted(ctx)
			// final: degraded retries and the builtin preprocessor would
			// only spend the same budget again
			return nil, nil, &Error{Msg: p.budgetMsg()}
		}
		if e := p.gccSourceError(errb.Bytes(), abs); e != nil {
			if readErr == nil {
				// gcc stopped at the error: what it read up to there
				addInputs(ctx, u.files.names...)
			} else {
				unlisted(ctx)
			}
			return nil, nil, e
		}
		msg := "gcc -E: " + waitErr.Error()
		if l := firstLineOf(errb.String()); l != "" {
			msg += ": " + l
		}
		return nil, nil, errors.New(msg)
	}
	if readErr != nil {
		return nil, nil, readErr
	}
	addInputs(ctx, u.files.names...)
	if skip != nil {
		if idents := u.mainIdents(abs); skip(idents) {
			return nil, idents, nil
		}
	}
	pruned, idents := u.prune(abs)
	return pruned, idents, nil
}

var errTooLarge = errors.New("too large")

// maxUnitSize: prune keeps offsets in int32.
const maxUnitSize = math.MaxInt32

// splitStream reads r to the end, splitting it into declarations as it
// comes; it fails with errTooLarge past limit bytes. names, if not nil,
// caches what norm makes of linemarkers' file names. The unit's text is in
// its pooled buffer: release the unit once done with it.
func splitStream(r io.Reader, limit int64, norm func(string) string, names *fileNames) (*unit, error) {
	sp := newSplitter(norm)
	sp.u.files.shared = names
	buf := sp.u.buf[:0]
	if cap(buf) == 0 {
		buf = make([]byte, 0, 4<<20)
	}
	fail := func(err error) (*unit, error) {
		sp.u.buf = buf
		sp.u.release()
		return nil, err
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return fail(errTooLarge)
		}
		if err == io.EOF {
			sp.feed(buf, len(buf))
			sp.u.buf = buf
			return sp.u, nil
		}
		if err != nil {
			return fail(err)
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			sp.feed(buf, i+1)
		}
	}
}

// gccSourceError turns gcc's first diagnostic about the unit's source
// ("file:line:col: error: msg") into an *Error in cc/v4's words, so that
// an error in the source is final instead of retried with cc/v4's slower
// preprocessor, which would only say the same. nil: not such an error.
func (p *Parser) gccSourceError(stderr []byte, abs string) *Error {
	for _, line := range strings.Split(string(stderr), "\n") {
		m := gccDiag.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		file, msg := p.treePath(m[1]), m[4]
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if name, ok := strings.CutSuffix(msg, ": No such file or directory"); ok {
			open, close := "<", ">"
			if l := p.sourceLine(file, ln); col >= 1 && col <= len(l) && l[col-1] == '"' {
				open, close = `"`, `"`
			}
			msg = "include file not found: " + open + name + close
		}
		if file == abs {
			return &Error{Line: ln, Col: col, Msg: msg}
		}
		return &Error{Msg: fmt.Sprintf("%s:%d:%d: %s", p.Tree.Rel(file), ln, col, msg)}
	}
	return nil
}

// treePath maps a file name gcc prints (relative to the root, or in the
// shadow directory) to its absolute path in the tree; "<built-in>" stays.
func (p *Parser) treePath(file string) string {
	if strings.HasPrefix(file, "<") {
		return file
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(p.Tree.Root, file)
	}
	if sd := p.shadow.dir; sd != "" {
		if rel, ok := strings.CutPrefix(file, sd+string(filepath.Separator)); ok {
			file = filepath.Join(p.Tree.Root, rel)
		}
	}
	return filepath.Clean(file)
}

var gccDiag = regexp.MustCompile(`^(.+?):(\d+):(\d+): (?:fatal )?error: (.*)$`)

func firstLineOf(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "error") {
			return strings.TrimSpace(l)
		}
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
