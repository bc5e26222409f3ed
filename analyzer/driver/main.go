package driver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/sample"
	"github.com/pcslint/pcslint/rules"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

// Options is a command line, parsed.
type Options struct {
	Dir             string
	CompileCommands string
	Arch            string // SRCARCH of a pristine tree; "": the configured one or the host's
	Format          string
	Output          string
	Jobs            int
	Color           string
	FailOn          string
	Patches         []string
	DiffRev         string
	Baseline        string
	Shard           string
	Budget          time.Duration
	MaxFileSize     int64 // bytes; 0: no limit (the command line's default is cparse.DefaultMaxFileSize)
	Progress        string
	CPP             string
	ParseAll        bool
	Demo            bool
	Standalone      bool
	Paths           []string
	Range           string // --range A..B: gate each commit of the git range
	Config          string // --config FILE, read after <root>/.pcslint.yaml
	// Check is one call of kbuild's checker (make C=1 CHECK=pcslint); an
	// empty FailOn then means that findings never fail the run.
	Check *KbuildUnit
	// CacheDir is --cache-dir ("": the default, cache.Dir); NoCache is
	// --no-cache (unitcache.go).
	CacheDir string
	NoCache  bool

	Stdin                  io.Reader // --patch -
	Stdout, Stderr         io.Writer
	StdoutFile, StderrFile *os.File
}

// UsageError is bad input: exit status 2 with one line on stderr.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usage(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// DefaultRules describes every rule.
func DefaultRules() []report.RuleInfo { return ruleInfos(all.Analyzers(nil), all.Meta()) }

// RulePage is the documentation of rule id, the text of docs/rules/ID.md
// (internal/gendocs) without the examples, which are taken from the
// fixtures of pcslint's source tree; ok is false when there is no such rule.
func RulePage(id string) (page string, ok bool) {
	for _, r := range all.Rules {
		if rules.RuleID(r.Analyzer) == id {
			return all.DocPage(r, ""), true
		}
	}
	return "", false
}

// Main runs pcslint as the command line asks; it returns the exit status.
func Main(ctx context.Context, o Options) (int, error) {
	memBudget := MemoryBudget()
	if os.Getenv("GOMEMLIMIT") == "" {
		// GOGC is high (cmd/pcslint) for speed; this soft limit makes the
		// GC work harder as the heap nears it instead: measured on
		// drivers/net/ethernet, 1.9 GB -> 0.9 GB peak at the same speed
		debug.SetMemoryLimit(min(memBudget, softMemoryLimit(jobs(o.Jobs, memBudget))))
	}
	failOn, shardI, shardN, err := checkOptions(o)
	if err != nil {
		return 2, err
	}
	// paths on the command line are relative to where pcslint was started,
	// not to -C's directory
	for _, p := range []*string{&o.Output, &o.Baseline, &o.CompileCommands, &o.Config, &o.CacheDir} {
		if *p != "" {
			*p, _ = filepath.Abs(*p)
		}
	}
	for i := range o.Patches {
		if o.Patches[i] != stdinPatch {
			o.Patches[i], _ = filepath.Abs(o.Patches[i])
		}
	}
	cleanup, err := enterTree(&o)
	defer cleanup()
	if err != nil {
		return 2, err
	}
	cwd, _ := os.Getwd()
	tree, cfgFile, m, err := openInputs(cwd, o)
	if err != nil {
		return 2, err
	}
	disabled := map[string]bool{}
	for _, d := range cfgFile.Disable {
		disabled[d] = true
	}
	gate := len(o.Patches) > 0 || o.DiffRev != "" || o.Range != ""
	var files []string
	if !gate {
		if files, err = sourceFiles(o, tree); err != nil {
			return 2, err
		}
	}
	collected := len(files)
	files = Shard(files, shardI, shardN)
	if err := checkLimits(o); err != nil {
		return 2, err
	}
	// read before the run: a bad baseline is bad input, better told before
	// minutes of analysis than after them
	var baseline map[string]report.Finding
	if o.Baseline != "" {
		if baseline, err = report.ReadBaseline(o.Baseline); err != nil {
			return 2, usage("--baseline %s: %v", o.Baseline, err)
		}
	}
	if !gate && collected == 0 {
		return 2, usage("no .c file in %s: nothing to analyze", strings.Join(o.Paths, ", "))
	}
	maxFileSize := o.MaxFileSize
	if maxFileSize == 0 {
		maxFileSize = -1 // no limit
	}
	cfg := Config{
		CPP:        o.CPP,
		Exhaustive: o.ParseAll,
		Budget:     o.Budget, MaxFileSize: maxFileSize, MemoryBudget: memBudget,
		Tree: tree, Files: files, Jobs: jobs(o.Jobs, memBudget), Analyzers: all.Analyzers(disabled), Meta: all.Meta(), Model: m,
	}
	if o.Check != nil {
		// the summaries of the driver's other files, as the gate uses them
		cfg.Elsewhere = neighbours(files)
	}
	// the gate too: its units are keyed by their content as the patches
	// make it, and its neighbours' summaries come from the cache
	cfg.Cache = openUnitCache(o, tree, cfgFile)
	if !gate && cfg.Cache != nil && len(files) < prescanMinFiles {
		// a run of a few files inside a tree: the summaries of every file
		// a larger run of the tree analyzed, from the cache (not the
		// gate's: its neighbours are its scope, warm or cold)
		cfg.Elsewhere = cfg.Cache.treeFiles(tree, files, cfg.Elsewhere)
	}
	var rep *report.Report
	if gate {
		rep, err = runGate(ctx, cfg, o)
	} else {
		cfg.Progress = progress(o, len(files))
		rep, err = Run(ctx, cfg)
	}
	if err != nil {
		return 2, err
	}
	complete(rep, cfg, o, gate, baseline)
	if o.Check != nil {
		return checkExit(rep, o, failOn)
	}
	return finish(rep, o, gate, failOn)
}

// complete adds to a run's report what the run itself does not know:
// the version, the tree's kind, the rules, the baseline's verdicts; and
// warns about suppression comments that match nothing.
func complete(rep *report.Report, cfg Config, o Options, gate bool, baseline map[string]report.Finding) {
	rep.ToolVersion = Version()
	rep.TreeKind = cfg.Tree.Kind.String()
	if len(rep.Rules) == 0 {
		rep.Rules = ruleInfos(cfg.Analyzers, cfg.Meta)
	}
	if o.Baseline != "" {
		report.ApplyBaseline(rep, baseline)
	}
	if !gate {
		warnIgnores(o.Stderr, cfg.Tree, rep, nil) // the gate warns as it reads each patched file
	}
}

// checkOptions rejects the option values that are bad on their own,
// before anything is read: it returns the --fail-on level and the shard.
func checkOptions(o Options) (failOn report.Level, shardI, shardN int, err error) {
	switch o.Format {
	case "text", "sarif", "json":
	default:
		return "", 0, 0, usage("unknown --format %q (want text, sarif or json)", o.Format)
	}
	failOn = report.Level(o.FailOn)
	if failOn.Rank() == 0 && (o.Check == nil || o.FailOn != "") {
		return "", 0, 0, usage("unknown --fail-on %q (want note, warning or error)", o.FailOn)
	}
	switch o.Color {
	case "auto", "always", "never":
	default:
		return "", 0, 0, usage("unknown --color %q (want auto, always or never)", o.Color)
	}
	if shardI, shardN, err = parseShard(o.Shard); err != nil {
		return "", 0, 0, err
	}
	if err := gateModes(o); err != nil {
		return "", 0, 0, err
	}
	if o.Output != "" {
		if err := checkWritable(o.Output); err != nil {
			return "", 0, 0, err
		}
	}
	return failOn, shardI, shardN, nil
}

// enterTree moves to the directory the run analyzes (-C, or the demo
// tree, which cleanup removes) and settles o.Paths.
func enterTree(o *Options) (cleanup func(), err error) {
	cleanup = func() {}
	if o.Dir != "" {
		st, err := os.Stat(o.Dir)
		if err != nil || !st.IsDir() {
			return cleanup, usage("-C %s: not a directory", o.Dir)
		}
		if err := os.Chdir(o.Dir); err != nil {
			return cleanup, usage("-C %s: %v", o.Dir, err)
		}
	}
	if o.Demo {
		dir, remove, err := sample.Extract()
		if err != nil {
			return cleanup, err
		}
		cleanup = remove
		if err := os.Chdir(dir); err != nil {
			return cleanup, err
		}
		o.Paths = []string{"."}
		o.Standalone = true
	}
	if o.Check != nil {
		o.Paths = []string{o.Check.File}
	}
	if len(o.Paths) == 0 {
		o.Paths = []string{"."}
	}
	for _, p := range o.Paths {
		if _, err := os.Stat(p); err != nil {
			return cleanup, usage("%s: no such file or directory", p)
		}
	}
	return cleanup, nil
}

// openInputs opens the tree at cwd (or the one kbuild names for --check)
// and reads its configuration and the model it extends.
func openInputs(cwd string, o Options) (*cparse.Tree, *model.Config, *model.Model, error) {
	tree, err := openTree(cwd, o)
	if err != nil {
		return nil, nil, nil, err
	}
	if o.Check != nil {
		if tree, err = kbuildTree(tree, o.Check, cwd); err != nil {
			return nil, nil, nil, err
		}
	}
	cfgFile, cfgName, err := loadConfig(tree.Root, o.Config)
	if err != nil {
		return nil, nil, nil, usage("%v", err)
	}
	m, err := model.WithConfig(cfgFile, cfgName)
	if err != nil {
		return nil, nil, nil, usage("%v", err)
	}
	return tree, cfgFile, m, nil
}

// sourceFiles lists the .c files below o.Paths (a kernel tree's must be
// inside it); symbolic links are told about, not followed.
func sourceFiles(o Options, tree *cparse.Tree) ([]string, error) {
	files, links, err := collectFiles(o.Paths)
	if err != nil {
		return nil, usage("%v", err)
	}
	for _, l := range links {
		fmt.Fprintf(o.Stderr, "pcslint: note: %s is a symbolic link, not followed (it could lead out of the tree); name its target to analyze it\n", l)
	}
	if tree.Kind != cparse.Standalone {
		for _, f := range files {
			if r, err := filepath.Rel(tree.Root, f); err != nil || strings.HasPrefix(r, "..") {
				return nil, usage("%s is outside the kernel tree %s", f, tree.Root)
			}
		}
	}
	return files, nil
}

// checkLimits rejects bad --cpp, --budget and --max-file-size values.
func checkLimits(o Options) error {
	switch o.CPP {
	case "", "auto", "gcc", "builtin":
	default:
		return usage("unknown --cpp %q (want auto, gcc or builtin)", o.CPP)
	}
	if o.Budget < 0 {
		return usage("bad --budget %v (want a positive duration)", o.Budget)
	}
	if o.MaxFileSize < 0 {
		return usage("bad --max-file-size %d (want a size in bytes, 0 for no limit)", o.MaxFileSize)
	}
	return nil
}

// finish writes the report and returns the exit status: 2 when the gate
// could not judge the patch or no file could be analyzed, else by
// --fail-on.
func finish(rep *report.Report, o Options, gate bool, failOn report.Level) (int, error) {
	if err := emit(rep, o); err != nil {
		return 2, err
	}
	if gate {
		if err := gateFailed(rep); err != nil {
			fmt.Fprintln(o.Stderr, "pcslint:", err)
			return 2, nil
		}
	}
	code := exitCode(rep, failOn)
	if code == 2 {
		// Nothing could be analyzed: the report lists the files; stderr
		// gets the one line every exit status 2 has.
		fe := rep.Failed[0]
		msg, _, _ := strings.Cut(fe.Message, "\n")
		return 2, usage("no file could be analyzed (%d failed; first: %s: %s)", len(rep.Failed), locString(fe), msg)
	}
	return code, nil
}

// jobs is -j: by default the CPUs, at most one per GiB of the memory
// budget (the parse phase's admission bounds memory more finely).
// softMemoryLimit is the heap pcslint aims to stay under with n units in
// flight: a unit peaks at 35-100 MiB, and a run keeps little of a unit
// once its rules have run. drivers/net + drivers/phy at -j 2: 768 MiB
// 58 s, 896 MiB 56 s and 0.95 GiB peak, 1 GiB 56 s and 1.01 GiB peak.
func softMemoryLimit(n int) int64 { return 640<<20 + int64(n)*128<<20 }

func jobs(n int, memBudget int64) int {
	if n > 0 {
		return n
	}
	n = runtime.NumCPU()
	if gib := int(memBudget >> 30); n > gib {
		n = max(gib, 1)
	}
	return n
}

func openTree(cwd string, o Options) (*cparse.Tree, error) {
	if o.Standalone {
		return cparse.StandaloneTree(cwd), nil
	}
	if o.Arch != "" && !slices.Contains(cparse.Arches(), o.Arch) {
		return nil, usage("--arch %s: unknown architecture (known: %s)", o.Arch, strings.Join(cparse.Arches(), ", "))
	}
	root := cparse.FindRoot(cwd)
	if root == "" {
		// a path argument may sit inside a tree
		for _, p := range o.Paths {
			if r := cparse.FindRoot(p); r != "" {
				root = r
				break
			}
		}
	}
	if root == "" {
		if o.CompileCommands != "" {
			return nil, usage("--compile-commands given but %s is not inside a kernel tree (no Kbuild, Makefile and include/linux/ above it)", cwd)
		}
		return cparse.StandaloneTree(cwd), nil
	}
	t, err := cparse.OpenTreeArch(root, o.CompileCommands, o.Arch)
	if err != nil {
		return nil, usage("%v", err)
	}
	return t, nil
}

func parseShard(s string) (int, int, error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, usage("bad --shard %q (want I/N with 1 <= I <= N)", s)
	}
	return i, n, nil
}

// Shard keeps the files of shard i of n: a stable split by sorted position.
func Shard(files []string, i, n int) []string {
	if n <= 1 {
		return files
	}
	var out []string
	for k, f := range files {
		if k%n == i-1 {
			out = append(out, f)
		}
	}
	return out
}

func checkWritable(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usage("-o %s is a directory", path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return usage("-o %s: directory %s does not exist", path, dir)
	}
	f, err := os.CreateTemp(dir, ".pcslint-check-*")
	if err != nil {
		return usage("-o %s: cannot write there: %v", path, err)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return nil
}

func progress(o Options, total int) func(done, total int) {
	show := o.Progress == "always" || (o.Progress == "auto" && total >= 20 && o.StderrFile != nil && term.IsTerminal(int(o.StderrFile.Fd())))
	if !show {
		return nil
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(o.Stderr),
		progressbar.OptionSetDescription("analyzing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
	// the total grows when units are checked a second time (Run)
	return func(done, n int) {
		if n != total {
			total = n
			bar.ChangeMax(n)
		}
		_ = bar.Set(done)
	}
}

func emit(rep *report.Report, o Options) error {
	var buf bytes.Buffer
	var err error
	switch o.Format {
	case "sarif":
		err = report.WriteSARIF(&buf, rep)
	case "json":
		err = report.WriteJSON(&buf, rep)
	default:
		color := false
		if o.Output == "" {
			color, err = report.ColorEnabled(o.Color, o.StdoutFile)
			if err != nil {
				return err
			}
		}
		err = report.WriteText(&buf, rep, color)
	}
	if err != nil {
		return err
	}
	// degraded files, in every format: the text report only counts them
	for _, d := range rep.Degraded {
		fmt.Fprintf(o.Stderr, "%s: warning: %s\n", d.File, report.DegradedMessage(d))
	}
	if o.Format != "text" && len(rep.Failed) > 0 {
		for _, f := range rep.Failed {
			fmt.Fprintf(o.Stderr, "%s: error: cannot analyze: %s\n", locString(f), f.Message)
		}
	}
	if o.Output == "" {
		_, err = o.Stdout.Write(buf.Bytes())
		return err
	}
	if err := report.WriteAtomic(o.Output, buf.Bytes()); err != nil {
		return usage("%v", err)
	}
	return nil
}

func locString(f report.FileError) string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
	}
	return f.File
}

// exitCode: 1 when an unsuppressed finding at or above failOn is new (not
// in the baseline), else 0; 2 when nothing could be analyzed. Files that
// failed are reported and counted; the gate treats them more strictly.
func exitCode(rep *report.Report, failOn report.Level) int {
	code := 0
	for _, f := range rep.Findings {
		if f.Suppressed || f.BaselineState == "unchanged" {
			continue
		}
		if f.Level.Rank() >= failOn.Rank() {
			code = 1
		}
	}
	if len(rep.Failed) > 0 && len(rep.Files) == 0 {
		return 2
	}
	return code
}
