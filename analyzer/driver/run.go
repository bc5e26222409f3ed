package driver

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/tools/go/analysis"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// Config is one analysis run.
type Config struct {
	Tree      *cparse.Tree
	Files     []string // absolute paths of .c files
	Jobs      int
	Analyzers []*analysis.Analyzer
	Meta      map[string]rules.Meta
	Model     *model.Model
	// Progress, when set, is called after each file is analyzed, with the
	// total grown by the units checked a second time.
	Progress func(done, total int)
	// Parser overrides the parser (tests); nil builds one for Tree.
	Parser *cparse.Parser
	Fset   *token.FileSet
	// CPP selects the preprocessor (cparse.Parser.CPP); "" is auto.
	CPP string
	// Exhaustive parses every file, even those naming no modelled API
	// (coverage measurements); otherwise they are counted, not parsed.
	Exhaustive bool
	// Budget, when non-zero, is the parser's wall-time budget per file
	// (cparse.Parser.Budget; its default is 60s).
	Budget time.Duration
	// MaxFileSize, when non-zero, is the parser's size limit per file in
	// bytes (cparse.Parser.MaxFileSize); negative means no limit.
	MaxFileSize int64
	// MemoryBudget is the memory (bytes) the parse phase may fill with
	// units at once, each weighted by unitWeight; 0 means MemoryBudget().
	MemoryBudget int64
	// NoPrescan preprocesses every unit before deciding to skip it
	// (equivalence tests of the prescan).
	NoPrescan bool
	// Elsewhere are files of the tree that the run does not report on but
	// whose summaries one run over them would use (a gate's changed files'
	// siblings): those whose raw text defines a function the analyzed units
	// ask about are parsed and summarized, not checked.
	Elsewhere []string
	// NoLiveSummaries checks each unit first against no other file's
	// summaries, so that every unit calling another file's summarized
	// function is checked twice (equivalence tests of the live table).
	NoLiveSummaries bool
	// Cache, when set, serves units whose inputs are unchanged and keeps
	// the results of the others (unitcache.go).
	Cache *UnitCache
}

const prescanMinFiles = 8

// Run analyzes the files and returns the report (findings sorted).
func Run(ctx context.Context, cfg Config) (*report.Report, error) {
	if err := analysis.Validate(cfg.Analyzers); err != nil {
		return nil, err
	}
	fset := cfg.Fset
	if fset == nil {
		fset = token.NewFileSet()
	}
	p, closeParser, err := runParser(cfg, fset)
	if err != nil {
		return nil, err
	}
	defer closeParser()
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	files := append([]string(nil), cfg.Files...)
	sort.Strings(files)
	rc := cfg.Cache.begin(cfg, p, files)

	// Phase 1: parse. Besides -j, a unit starts only when its estimated
	// peak memory fits in what the units being parsed leave of the budget
	// (memory.go); one larger than the whole budget runs alone.
	capacity := cfg.MemoryBudget
	if capacity <= 0 {
		capacity = MemoryBudget()
	}
	mem := semaphore.NewWeighted(capacity)
	weight := func(abs string) int64 {
		size, _ := p.Tree.Overlay().Size(abs)
		if p.MaxFileSize > 0 && size > p.MaxFileSize {
			size = 0 // refused before it is read
		}
		return unitWeight(size, capacity)
	}
	// Phase 1: each unit is parsed, summarized and checked at once against
	// the other files' summaries known so far (flow.Live); then only its
	// report and the answers it got are kept, not its syntax tree.
	kept := make([]*cparse.File, len(files)) // the parsed or skipped unit, its syntax tree dropped
	exported := make([]*flow.Summaries, len(files))
	answers := make([]*flow.Answers, len(files))
	live := flow.NewLive()
	findings := make([][]report.Finding, len(files))
	failed := make([]*cparse.Error, len(files))
	// check runs the rules on unit i with its own summaries over base and
	// keeps only the report: the syntax tree goes with file.
	check := func(i int, file *cparse.File, own, base *flow.Summaries) {
		kept[i] = &cparse.File{Path: file.Path, AbsPath: file.AbsPath, Degraded: file.Degraded}
		findings[i], failed[i] = nil, nil
		fs, err := runUnit(fset, file, cfg, own.Over(base))
		if err != nil {
			failed[i] = &cparse.Error{Path: file.Path, Msg: err.Error()}
			return
		}
		findings[i] = fs
	}
	var done int
	var mu sync.Mutex
	tick := func(total int) {
		if cfg.Progress != nil {
			mu.Lock()
			done++
			cfg.Progress(done, total)
			mu.Unlock()
		}
	}
	// the units the cache serves first: their summaries are in the live
	// table before any unit is checked, and only the others are read to
	// be ordered
	var todo []int
	for i, e := range rc.lookupAll(ctx, len(files), jobs) {
		switch {
		case e == nil:
			todo = append(todo, i)
			continue
		case e.Failed != nil:
			failed[i] = e.Failed
		default:
			kept[i], exported[i] = restoreUnit(files[i], cfg.Tree.Rel(files[i]), e)
			if exported[i] != nil {
				live.Add(exported[i])
				findings[i] = e.Findings
			}
		}
		tick(len(files))
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, i := range providersFirst(ctx, p.Tree.Overlay(), files, todo, jobs) {
		f := files[i]
		g.Go(func() error {
			w := weight(f)
			if err := mem.Acquire(gctx, w); err != nil {
				failed[i] = &cparse.Error{Path: cfg.Tree.Rel(f), Msg: err.Error()}
				return nil
			}
			defer mem.Release(w)
			file, err := p.Parse(gctx, f)
			rc.parsed(i, false, file, err)
			if err != nil {
				pe, ok := err.(*cparse.Error)
				if !ok {
					pe = &cparse.Error{Path: cfg.Tree.Rel(f), Msg: err.Error()}
				}
				failed[i] = pe
			} else if file.Skipped {
				kept[i] = file
			} else {
				own := safeSummarize(file, cfg.Model)
				exported[i] = own.Exported(file)
				live.Add(exported[i])
				from := live
				if cfg.NoLiveSummaries {
					from = flow.NewLive()
				}
				var base *flow.Summaries
				base, answers[i] = from.Base()
				check(i, file, own, base)
			}
			tick(len(files))
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Phase 2: with every file's summaries known, a unit is checked again
	// when one of the answers it got has changed, and a skipped
	// unit is parsed after all when it calls a summarized function (it can
	// leak what that returns).
	global := flow.NewSummaries()
	for _, s := range mergeOrder(files, exported, summarizeElsewhere(ctx, cfg, p, rc, jobs, weight, mem, kept, answers)) {
		global.Merge(s)
	}
	var again []int
	for i, f := range kept {
		switch {
		case f == nil:
		case rc.served(i):
			if rc.stale(i, global) {
				again = append(again, i)
			}
		case answers[i] != nil:
			if answers[i].Stale(global) {
				again = append(again, i)
			}
		case p.Interesting != nil && anySummarized(f.Idents, global):
			if e, ok := rc.late(i, global); ok {
				kept[i], findings[i] = &cparse.File{Path: f.Path, AbsPath: f.AbsPath, Degraded: e.Degraded}, e.Findings
				continue
			}
			again = append(again, i)
		}
	}
	p.Interesting = nil
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, i := range again {
		g.Go(func() error {
			defer tick(len(files) + len(again))
			abs := kept[i].AbsPath
			w := weight(abs)
			if mem.Acquire(gctx, w) != nil {
				return nil
			}
			defer mem.Release(w)
			file, err := p.Parse(gctx, abs)
			rc.parsed(i, true, file, err)
			if err != nil {
				if answers[i] != nil || rc.served(i) {
					failed[i] = &cparse.Error{Path: kept[i].Path, Msg: "parsed once, not the second time: " + err.Error()}
				}
				return nil
			}
			// the answers are recorded for the cache (and are global's)
			base, rec := flow.Record(global)
			check(i, file, safeSummarize(file, cfg.Model), base)
			answers[i] = rec
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rc.finish(failed, kept, exported, findings, answers)
	rep := &report.Report{Root: cfg.Tree.Root, TreeKind: cfg.Tree.Kind.String(), Rechecked: len(again)}
	for i, f := range kept {
		if failed[i] != nil {
			rep.Failed = append(rep.Failed, report.FileError{File: failed[i].Path, Line: failed[i].Line, Col: failed[i].Col, Message: failed[i].Msg})
			continue
		}
		rep.Files = append(rep.Files, f.Path)
		if f.Skipped {
			rep.Unparsed++
		}
		if len(f.Degraded) > 0 {
			rep.Degraded = append(rep.Degraded, report.DegradedFile{File: f.Path, Stubs: f.Degraded})
		}
		rep.Findings = append(rep.Findings, findings[i]...)
	}
	report.SortFindings(rep.Findings)
	rep.Rules = ruleInfos(cfg.Analyzers, cfg.Meta)
	return rep, nil
}

// runParser is cfg.Parser, or a parser made for cfg's tree and limits
// (closed by the returned function); either way set to skip the units
// that name nothing the rules look at, unless cfg is exhaustive.
func runParser(cfg Config, fset *token.FileSet) (*cparse.Parser, func(), error) {
	p, closeParser := cfg.Parser, func() {}
	if p == nil {
		var err error
		if p, err = cparse.NewParser(cfg.Tree, fset); err != nil {
			return nil, nil, err
		}
		if cfg.CPP != "" {
			p.CPP = cfg.CPP
		}
		if cfg.Budget != 0 {
			p.Budget = cfg.Budget
		}
		switch {
		case cfg.MaxFileSize > 0:
			p.MaxFileSize = cfg.MaxFileSize
		case cfg.MaxFileSize < 0:
			p.MaxFileSize = 0
		}
		closeParser = func() { p.Close() }
	}
	if !cfg.Exhaustive && cfg.Model != nil {
		m := cfg.Model
		p.Interesting = all.Interesting(m)
		p.Wants = all.Wants(m)
		// the prescan's macro index costs a few tenths of a second: worth
		// it only when many units may be skipped
		p.Prescan = !cfg.NoPrescan && len(cfg.Files) >= prescanMinFiles
	}
	return p, closeParser, nil
}

// summarizeElsewhere summarizes the files of cfg.Elsewhere that may define
// a function the run's units asked about (or, skipped, call): from their
// raw text (cparse.RawDefinitions), then parsed as if they were analyzed,
// so that one naming nothing modelled is skipped and summarizes nothing.
func summarizeElsewhere(ctx context.Context, cfg Config, p *cparse.Parser, rc *runCache, jobs int, weight func(string) int64, mem *semaphore.Weighted,
	kept []*cparse.File, answers []*flow.Answers) map[string]*flow.Summaries {
	if len(cfg.Elsewhere) == 0 {
		return nil
	}
	asked := map[string]bool{}
	for i, a := range answers {
		if a != nil {
			a.Asked(func(name string) { asked[name] = true })
		} else if f := kept[i]; f != nil && f.Skipped {
			for _, id := range f.Idents {
				asked[id] = true
			}
		}
	}
	// which files may define one: from their raw text
	defines := make([]bool, len(cfg.Elsewhere))
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for i, abs := range cfg.Elsewhere {
		g.Go(func() error {
			if src, err := p.Tree.Overlay().ReadFile(abs); err == nil {
				cparse.RawDefinitions(src, func(name []byte) { defines[i] = defines[i] || asked[string(name)] })
			}
			return nil
		})
	}
	_ = g.Wait()
	var candidates []string
	for i, abs := range cfg.Elsewhere {
		if defines[i] {
			candidates = append(candidates, abs)
		}
	}
	// the prescan's macro index pays for itself only on many files (a gate
	// builds it twice, before and after the patch)
	if p.Interesting != nil && !cfg.NoPrescan && len(candidates) >= prescanMinFiles {
		p.Prescan = true
	}
	out := map[string]*flow.Summaries{}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, abs := range candidates {
		g.Go(func() error {
			if s, ok := rc.summariesOf(abs); ok {
				if s != nil {
					mu.Lock()
					out[abs] = s
					mu.Unlock()
				}
				return nil
			}
			w := weight(abs)
			if mem.Acquire(gctx, w) != nil {
				return nil
			}
			defer mem.Release(w)
			file, err := p.Parse(gctx, abs)
			if err != nil || file.Skipped {
				return nil
			}
			if own := safeSummarize(file, cfg.Model); own != nil {
				mu.Lock()
				out[abs] = own.Exported(file)
				mu.Unlock()
			}
			return nil
		})
	}
	_ = g.Wait()
	return out
}

// mergeOrder lists the exported summaries of the analyzed files and of
// the files elsewhere in the order of their paths, the order one run over
// all of them merges them in (on a name clash the first wins).
func mergeOrder(files []string, exported []*flow.Summaries, elsewhere map[string]*flow.Summaries) []*flow.Summaries {
	type entry struct {
		path string
		s    *flow.Summaries
	}
	var all []entry
	for i, s := range exported {
		if s != nil {
			all = append(all, entry{files[i], s})
		}
	}
	for path, s := range elsewhere {
		all = append(all, entry{path, s})
	}
	sort.Slice(all, func(a, b int) bool { return all[a].path < all[b].path })
	out := make([]*flow.Summaries, len(all))
	for i, e := range all {
		out[i] = e.s
	}
	return out
}

// providersFirst orders the files of idx so that a library is summarized
// before the drivers calling it, which then need no second check: files
// exporting more symbols (EXPORT_SYMBOL) first, then by size, largest
// first, so the run also ends with small units keeping both jobs busy.
func providersFirst(ctx context.Context, o *cparse.Overlay, files []string, idx []int, jobs int) []int {
	order := append([]int(nil), idx...)
	size := make([]int64, len(files))
	exports := make([]int, len(files))
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, i := range idx {
		f := files[i]
		g.Go(func() error {
			if n, err := o.Size(f); err != nil || n > 16<<20 {
				size[i] = n // read by the parser only, if at all
				return nil
			}
			if src, err := o.ReadFile(f); err == nil {
				size[i] = int64(len(src))
				exports[i] = bytes.Count(src, []byte("EXPORT_SYMBOL"))
			}
			return nil
		})
	}
	_ = g.Wait()
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if exports[x] != exports[y] {
			return exports[x] > exports[y]
		}
		return size[x] > size[y]
	})
	return order
}

func safeSummarize(f *cparse.File, m *model.Model) (s *flow.Summaries) {
	defer func() {
		if recover() != nil {
			s = nil
		}
	}()
	return flow.Summarize(f, m, nil)
}

// runUnit runs every analyzer (and what it requires) on one file.
func runUnit(fset *token.FileSet, f *cparse.File, cfg Config, global *flow.Summaries) (out []report.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error in a rule: %v", r)
		}
	}()
	unit := &rules.Unit{File: f, Model: cfg.Model, Summaries: global}
	results := map[*analysis.Analyzer]any{rules.Source: unit}
	var diags []struct {
		a *analysis.Analyzer
		d analysis.Diagnostic
	}
	var exec func(a *analysis.Analyzer) error
	exec = func(a *analysis.Analyzer) error {
		if _, ok := results[a]; ok {
			return nil
		}
		for _, req := range a.Requires {
			if err := exec(req); err != nil {
				return err
			}
		}
		pass := &analysis.Pass{
			Analyzer: a,
			Fset:     fset,
			ResultOf: map[*analysis.Analyzer]any{},
			Report: func(d analysis.Diagnostic) {
				diags = append(diags, struct {
					a *analysis.Analyzer
					d analysis.Diagnostic
				}{a, d})
			},
			ReadFile: func(string) ([]byte, error) { return f.Src, nil },
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		res, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("%s: %v", a.Name, err)
		}
		results[a] = res
		return nil
	}
	for _, a := range cfg.Analyzers {
		if err := exec(a); err != nil {
			return nil, err
		}
	}
	sup := suppressions(f.Src)
	for _, d := range diags {
		fd := toFinding(fset, f, d.a, d.d, cfg.Meta)
		if j, ok := sup.match(fd.Rule, fd.Loc.Line); ok {
			fd.Suppressed, fd.Justification = true, j
		}
		out = append(out, fd)
	}
	return out, nil
}

func toFinding(fset *token.FileSet, f *cparse.File, a *analysis.Analyzer, d analysis.Diagnostic, meta map[string]rules.Meta) report.Finding {
	loc := func(p token.Pos) report.Location {
		pos := fset.Position(p)
		return report.Location{File: f.Path, Line: pos.Line, Col: pos.Column}
	}
	level := report.LevelWarning
	if m, ok := meta[rules.RuleID(a)]; ok && m.Level != "" {
		level = report.Level(m.Level)
	}
	fd := report.Finding{Rule: rules.RuleID(a), Level: level, Message: d.Message, Loc: extent(fset, f, d.Pos, d.End)}
	fn := enclosing(f, d.Pos)
	lineInFunc := fd.Loc.Line
	if fn != nil {
		fd.Function = fn.Name
		lineInFunc = fd.Loc.Line - fset.Position(fn.Start).Line
	}
	for _, r := range d.Related {
		if strings.HasPrefix(r.Message, rules.PathPrefix) {
			fd.Path = append(fd.Path, report.Step{Loc: loc(r.Pos), Message: strings.TrimPrefix(r.Message, rules.PathPrefix)})
		} else {
			fd.Related = append(fd.Related, report.Related{Loc: loc(r.Pos), Message: r.Message})
		}
	}
	for _, sf := range d.SuggestedFixes {
		fx := report.Fix{Description: sf.Message}
		for _, te := range sf.TextEdits {
			fx.Edits = append(fx.Edits, report.Edit{Start: loc(te.Pos), End: loc(te.End), Text: string(te.NewText)})
		}
		fd.Fixes = append(fd.Fixes, fx)
	}
	fd.Fingerprint = report.Fingerprint(fd.Rule, fd.Function, fd.Message, lineInFunc)
	return fd
}

func enclosing(f *cparse.File, p token.Pos) *cparse.Func {
	for _, fn := range f.Funcs {
		if fn.Start <= p && p <= fn.End {
			return fn
		}
	}
	return nil
}

// suppression comments: /* pcslint:ignore RULE reason */ on the line or
// the line above.
var ignoreRe = regexp.MustCompile(`pcslint:ignore\s+([a-z0-9,-]+)\s*([^*\n]*)`)

type suppressionSet map[int][]struct{ rules, reason string }

func suppressions(src []byte) suppressionSet {
	s := suppressionSet{}
	if !strings.Contains(string(src), "pcslint:ignore") {
		return s
	}
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range ignoreRe.FindAllStringSubmatch(line, -1) {
			s[i+1] = append(s[i+1], struct{ rules, reason string }{m[1], strings.TrimSpace(m[2])})
		}
	}
	return s
}

func (s suppressionSet) match(rule string, line int) (string, bool) {
	for _, l := range []int{line, line - 1} {
		for _, e := range s[l] {
			for _, r := range strings.Split(e.rules, ",") {
				if r == rule || r == "all" {
					return e.reason, true
				}
			}
		}
	}
	return "", false
}

func ruleInfos(as []*analysis.Analyzer, meta map[string]rules.Meta) []report.RuleInfo {
	var out []report.RuleInfo
	for _, a := range as {
		id := rules.RuleID(a)
		short, full, _ := strings.Cut(a.Doc, "\n")
		full = strings.TrimSpace(full)
		para, _, _ := strings.Cut(full, "\n\n")
		m := meta[id]
		level := report.Level(m.Level)
		if level == "" {
			level = report.LevelWarning
		}
		ri := report.RuleInfo{ID: id, Short: strings.TrimSpace(strings.TrimPrefix(short, id+":")), Full: strings.Join(strings.Fields(para), " "),
			Markdown: "# " + id + "\n\n" + full + "\n", HelpURI: a.URL, Level: level, Tags: m.Tags}
		if st := m.Standing; st.Severity != "" {
			ri.Precision, ri.SecuritySeverity, ri.CWE = st.Precision(), st.Severity, st.CWE
		}
		out = append(out, ri)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// CollectFiles expands paths (files or directories, recursively) into .c
// files; symlinks leaving root are reported, not followed.
func CollectFiles(root string, paths []string) ([]string, error) {
	files, _, err := collectFiles(paths)
	return files, err
}

// collectFiles is CollectFiles that also returns the symbolic links to .c
// files it did not follow.
func collectFiles(paths []string) (out, links []string, err error) {
	seen := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: no such file or directory", p)
		}
		if !st.IsDir() {
			abs, _ := absPath(p)
			if !seen[abs] {
				seen[abs] = true
				out = append(out, abs)
			}
			continue
		}
		err = walkC(p, func(abs string) {
			if !seen[abs] {
				seen[abs] = true
				out = append(out, abs)
			}
		}, func(link string) { links = append(links, link) })
		if err != nil {
			return nil, nil, err
		}
	}
	sort.Strings(out)
	return out, links, nil
}

// anySummarized: the identifiers name a function of another file that
// acquires or releases a reference (a unit naming no modelled API holds a
// finding only through one of those).
func anySummarized(idents []string, s *flow.Summaries) bool {
	for _, id := range idents {
		if fn := s.Lookup(id); fn != nil && (fn.Kind == model.Acquire || fn.Kind == model.Release) {
			return true
		}
	}
	return false
}
