// Command pcslint finds lifetime misuse of provider objects (PCS, generic
// PHY, MDIO devices) and reference-counting bugs in Linux kernel C.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/pcslint/pcslint/analyzer"
	"github.com/pcslint/pcslint/cparse"
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "merge" {
		return report(stderr, runMerge(args[1:], stdout))
	}
	if len(args) > 0 && args[0] == "lsp" {
		return report(stderr, runLSP(ctx, args[1:], os.Stdin, stdout))
	}
	fs := flag.NewFlagSet("pcslint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o analyzer.Options
	var patches multiFlag
	fs.StringVar(&o.Dir, "C", "", "run as if started in `DIR`")
	fs.StringVar(&o.CompileCommands, "compile-commands", "", "compile database `FILE` (default: <root>/compile_commands.json when present)")
	fs.StringVar(&o.Format, "format", "text", "output format: text, sarif or json")
	fs.StringVar(&o.Output, "o", "", "write the report to `FILE` (atomically)")
	fs.IntVar(&o.Jobs, "j", 0, "files analyzed in parallel (default: CPUs, bounded by memory)")
	fs.StringVar(&o.Color, "color", "auto", "color text output: auto, always or never (NO_COLOR is honored)")
	fs.StringVar(&o.FailOn, "fail-on", "note", "lowest finding level that makes the exit status 1: note, warning or error")
	fs.Var(&patches, "patch", "gate mode: a git format-patch `FILE`, an mbox series or a unified diff (repeatable)")
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
	listRules := fs.Bool("list-rules", false, "list the rules and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: pcslint [flags] [path ...]\n       pcslint merge [-o FILE] a.sarif b.sarif ...\n\nflags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nexit status: 0 no findings, 1 findings, 2 usage or tool error or no file could be analyzed\n")
		fmt.Fprintf(stderr, "files that cannot be analyzed (over --max-file-size or --budget, too deep, a runaway macro, a parse error)\n"+
			"are listed in the report (also on stderr for sarif and json), counted in the summary; the run goes on\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "pcslint", analyzer.Version())
		return 0
	}
	if *listRules {
		for _, r := range analyzer.DefaultRules() {
			fmt.Fprintf(stdout, "%-20s %-8s %s\n", r.ID, r.Level, r.Short)
		}
		return 0
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return report(stderr, usageErr("--cpuprofile: %v", err))
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return report(stderr, usageErr("--cpuprofile: %v", err))
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	o.Patches = patches
	o.Paths = fs.Args()
	o.Stdout, o.Stderr = stdout, stderr
	o.StderrFile, _ = stderr.(*os.File)
	o.StdoutFile, _ = stdout.(*os.File)
	code, err := analyzer.Main(ctx, o)
	if err != nil {
		return report(stderr, err)
	}
	return code
}

func report(stderr io.Writer, err error) int {
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

func runMerge(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pcslint merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the error is reported as one line
	out := fs.String("o", "", "write the merged SARIF to `FILE`")
	// -o may come before, between or after the files
	// (pcslint merge a.sarif b.sarif -o all.sarif).
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return usageErr("merge: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		return usageErr("merge: no SARIF files given")
	}
	return analyzer.MergeSARIF(files, *out, stdout)
}
