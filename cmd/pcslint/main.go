// Command pcslint finds lifetime misuse of provider objects (PCS, generic
// PHY, MDIO devices) and reference-counting bugs in Linux kernel C.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	flag "github.com/spf13/pflag"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/cache"
)

// exitError carries an exit status with its message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
func (m *multiFlag) Type() string       { return "FILE" }

func main() {
	if os.Getenv("GOGC") == "" {
		// a unit's syntax tree is garbage once its rules ran: collecting
		// less often saves a fifth of the CPU for about twice the heap
		// (measured in docs/performance.md)
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// cliFlags are the flags the command line answers itself.
type cliFlags struct {
	cpuProfile, explain    *string
	showVersion, listRules *bool
}

// newFlagSet defines pcslint's flags on o and patches.
func newFlagSet(o *driver.Options, patches *multiFlag) (*flag.FlagSet, cliFlags) {
	// pflag gives GNU conventions (flags after paths, --flag=value, bare
	// bool flags) without a framework around one command and `merge`; the
	// Go-style single-dash long spellings (-demo, -format) stay valid
	// through normalizeArgs.
	fs := flag.NewFlagSet("pcslint", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported as one line; --help prints usage itself
	fs.SortFlags = false
	fs.StringVarP(&o.Dir, "directory", "C", "", "run as if started in `DIR`")
	fs.StringVar(&o.CompileCommands, "compile-commands", "", "compile database `FILE` (default: <root>/compile_commands.json when present)")
	fs.StringVar(&o.Arch, "arch", "", "architecture (SRCARCH) `ARCH` of a pristine tree: "+strings.Join(cparse.Arches(), ", ")+" (default: the host's; a configured tree's is its own)")
	fs.StringVar(&o.Format, "format", "text", "output format: text, sarif or json")
	fs.StringVarP(&o.Output, "output", "o", "", "write the report to `FILE` (atomically)")
	fs.IntVarP(&o.Jobs, "jobs", "j", 0, "files analyzed in parallel (default: CPUs, bounded by memory)")
	fs.StringVar(&o.Color, "color", "auto", "color text output: auto, always or never (NO_COLOR is honored); bare --color: always")
	fs.Lookup("color").NoOptDefVal = "always"
	fs.StringVar(&o.FailOn, "fail-on", "note", "lowest finding level that makes the exit status 1: note, warning or error")
	fs.Var(patches, "patch", "gate mode: a git format-patch `FILE`, an mbox series or a unified diff; - reads stdin (repeatable)")
	fs.StringVar(&o.DiffRev, "diff", "", "gate mode: compare the working tree against git `REV`")
	fs.StringVar(&o.Baseline, "baseline", "", "previous SARIF `FILE`: findings already in it do not fail the run")
	fs.StringVar(&o.Shard, "shard", "", "analyze only shard `I/N` of the files (1-based)")
	fs.DurationVar(&o.Budget, "budget", 0, "wall-time budget per file (default 60s)")
	fs.Int64Var(&o.MaxFileSize, "max-file-size", cparse.DefaultMaxFileSize, "a .c file over `BYTES` is reported as not analyzed (0: no limit)")
	fs.StringVar(&o.Progress, "progress", "auto", "progress bar on stderr: auto, always or never")
	fs.BoolVar(&o.Demo, "demo", false, "analyze the bundled sample tree")
	fs.StringVar(&o.CPP, "cpp", "auto", "preprocessor: auto (gcc -E when installed, else cc/v4's), gcc or builtin")
	fs.BoolVar(&o.ParseAll, "parse-all", false, "parse every file, even those that name no modelled API (coverage measurements)")
	fs.BoolVar(&o.Standalone, "standalone", false, "parse against pcslint's stub headers even inside a kernel tree")
	cpuProfile := fs.String("cpuprofile", "", "write a Go CPU profile of the run to `FILE` (for pcslint's developers)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	listRules := fs.Bool("list-rules", false, "list the rules and exit (--format json: as JSON)")
	fs.StringVar(&o.Range, "range", "", "gate mode: each commit of git range `A..B` in order, the tree checked out at B")
	fs.StringVar(&o.Config, "config", "", "a further config `FILE`, read after <root>/.pcslint.yaml")
	fs.StringVar(&o.CacheDir, "cache-dir", "", "keep per-file results in `DIR` (default: pcslint/units in the user cache directory, $XDG_CACHE_HOME)")
	fs.BoolVar(&o.NoCache, "no-cache", false, "neither use nor fill the result cache")
	explain := fs.String("explain", "", "print the documentation of `RULE` and exit")
	return fs, cliFlags{cpuProfile: cpuProfile, explain: explain, showVersion: showVersion, listRules: listRules}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "merge" {
		if from, rest, ok := mergeFrom(args[1:]); ok {
			// exact merge of shards: their caches united into this run's,
			// then one run that re-checks only units whose answers changed
			if err := importShards(rest, from); err != nil {
				return exitStatus(stderr, err)
			}
			return run(ctx, rest, stdout, stderr)
		}
		return exitStatus(stderr, runMerge(args[1:], stdout))
	}
	if len(args) > 0 && args[0] == "cache" {
		return exitStatus(stderr, runCache(args[1:], stdout))
	}
	if len(args) > 0 && args[0] == "lsp" {
		return exitStatus(stderr, runLSP(ctx, args[1:], os.Stdin, stdout))
	}
	var o driver.Options
	var patches multiFlag
	fs, c := newFlagSet(&o, &patches)
	fs.Usage = func() { usage(fs, stderr) }
	check, ok := kbuildCheckArgs(fs, args)
	if ok {
		// make C=1 CHECK=pcslint: pcslint's own options come from
		// PCSLINT_FLAGS and from CF= (check.go)
		if check.err != nil {
			return exitStatus(stderr, check.err)
		}
		args = check.own
	}
	if err := fs.Parse(normalizeArgs(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitStatus(stderr, usageErr("%v (pcslint --help lists the flags)", err))
	}
	if *c.showVersion {
		fmt.Fprintln(stdout, "pcslint", driver.Version())
		return 0
	}
	if *c.listRules {
		return exitStatus(stderr, printRules(stdout, o.Format))
	}
	if *c.explain != "" {
		page, ok := driver.RulePage(*c.explain)
		if !ok {
			return exitStatus(stderr, usageErr("--explain %s: no such rule (pcslint --list-rules lists them)", *c.explain))
		}
		fmt.Fprint(stdout, page)
		return 0
	}
	if *c.cpuProfile != "" {
		f, err := os.Create(*c.cpuProfile)
		if err != nil {
			return exitStatus(stderr, usageErr("--cpuprofile: %v", err))
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return exitStatus(stderr, usageErr("--cpuprofile: %v", err))
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	o.Patches = patches
	o.Paths = fs.Args()
	if ok {
		if err := check.options(fs, &o); err != nil {
			return exitStatus(stderr, err)
		}
	}
	o.Stdin = os.Stdin
	o.Stdout, o.Stderr = stdout, stderr
	o.StderrFile, _ = stderr.(*os.File)
	o.StdoutFile, _ = stdout.(*os.File)
	code, err := driver.Main(ctx, o)
	if err != nil {
		return exitStatus(stderr, err)
	}
	return code
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "usage: pcslint [flags] [path ...]\n       pcslint merge [-o FILE] a.sarif b.sarif ...\n"+
		"       pcslint merge --from DIR ... [flags] [path ...]   (exact merge of --shard runs' caches)\n"+
		"       pcslint cache clean|dir [--cache-dir DIR]\n"+
		"       make C=1 CHECK=pcslint [PCSLINT_FLAGS=...]   (kbuild's checker: one file a call)\n\nflags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nexit status: 0 no findings, 1 findings, 2 usage or tool error or no file could be analyzed\n")
	fmt.Fprintf(w, "files that cannot be analyzed (over --max-file-size or --budget, too deep, a runaway macro, a parse error)\n"+
		"are listed in the report (also on stderr for sarif and json), counted in the summary; the run goes on\n")
}

// printRules is --list-rules: a table, or JSON with --format json.
func printRules(w io.Writer, format string) error {
	rules := driver.DefaultRules()
	switch format {
	case "text":
		for _, r := range rules {
			fmt.Fprintf(w, "%-20s %-8s %s\n", r.ID, r.Level, r.Short)
		}
		return nil
	case "json":
		type rule struct {
			ID      string   `json:"id"`
			Level   string   `json:"level"`
			Short   string   `json:"short"`
			Tags    []string `json:"tags"`
			HelpURI string   `json:"helpUri"`
		}
		out := make([]rule, 0, len(rules))
		for _, r := range rules {
			tags := r.Tags
			if tags == nil {
				tags = []string{}
			}
			out = append(out, rule{r.ID, string(r.Level), r.Short, tags, r.HelpURI})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return usageErr("--list-rules --format %s: want text or json", format)
}

// exitStatus prints err, if any, on stderr as one line and returns the
// exit status it stands for.
func exitStatus(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintln(stderr, "pcslint:", oneLine(ee.msg))
		return ee.code
	}
	fmt.Fprintln(stderr, "pcslint:", oneLine(err.Error()))
	return 2
}

// oneLine joins the lines of a message (yaml's "unmarshal errors:" list,
// for one) so that an error is always one line on stderr.
func oneLine(msg string) string {
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}

// runCache is `pcslint cache clean [--cache-dir DIR]` and `pcslint cache
// dir`, which prints where the result cache is.
func runCache(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pcslint cache", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("cache-dir", "", "the cache `DIR`")
	if err := fs.Parse(normalizeArgs(fs, args)); err != nil {
		return usageErr("cache: %v", err)
	}
	if fs.NArg() != 1 || fs.Arg(0) != "clean" && fs.Arg(0) != "dir" {
		return usageErr("cache: want `pcslint cache clean` or `pcslint cache dir`")
	}
	d, err := cache.Dir(*dir)
	if err != nil {
		return err
	}
	if fs.Arg(0) == "dir" {
		fmt.Fprintln(stdout, d)
		return nil
	}
	return cache.Clean(d)
}

// mergeFrom splits `pcslint merge --from DIR ...` into the shards' cache
// directories and the arguments of the merging run; ok is false for the
// SARIF merge (no --from).
func mergeFrom(args []string) (from, rest []string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case (a == "--from" || a == "-from") && i+1 < len(args):
			from = append(from, args[i+1])
			i++
		case strings.HasPrefix(a, "--from="):
			from = append(from, strings.TrimPrefix(a, "--from="))
		default:
			rest = append(rest, a)
		}
	}
	return from, rest, len(from) > 0
}

// importShards adds the shards' cache entries to the cache the run with
// args uses (--cache-dir or the default).
func importShards(args, from []string) error {
	var o driver.Options
	var patches multiFlag
	fs, _ := newFlagSet(&o, &patches)
	if err := fs.Parse(normalizeArgs(fs, args)); err != nil {
		return usageErr("merge: %v", err)
	}
	if o.NoCache {
		return usageErr("merge --from needs the cache: drop --no-cache")
	}
	dst, err := cache.Dir(o.CacheDir)
	if err != nil {
		return err
	}
	for _, d := range from {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return usageErr("merge --from %s: not a directory", d)
		}
		if err := cache.Import(dst, d); err != nil {
			return fmt.Errorf("merge --from %s: %v", d, err)
		}
	}
	return nil
}

func runMerge(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pcslint merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the error is reported as one line
	out := fs.StringP("output", "o", "", "write the merged SARIF to `FILE`")
	// -o may come before, between or after the files
	// (pcslint merge a.sarif b.sarif -o all.sarif): pflag's default.
	if err := fs.Parse(normalizeArgs(fs, args)); err != nil {
		return usageErr("merge: %v", err)
	}
	files := fs.Args()
	if len(files) == 0 {
		return usageErr("merge: no SARIF files given")
	}
	return report.MergeSARIF(files, *out, stdout)
}
