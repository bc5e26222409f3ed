package driver

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
)

// KbuildUnit is one call of kbuild's checker, `make C=1 CHECK=pcslint`:
// kbuild runs `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` for each file it
// compiles (C=2: each file of the targets). The command line keeps c_flags,
// kbuild's exact compiler options for the file, and leaves out CHECKFLAGS,
// which are sparse's.
type KbuildUnit struct {
	File  string   // as kbuild names it, relative to the directory make runs in
	Flags []string // c_flags; relative paths are against that directory
}

// kbuildTree is tree with the unit's own flags for its file: no compile
// database is needed, and the architecture is kbuild's.
func kbuildTree(tree *cparse.Tree, u *KbuildUnit, cwd string) (*cparse.Tree, error) {
	if tree.Kind == cparse.Standalone {
		return nil, usage("%s is not inside a kernel tree (no Kbuild, Makefile and include/linux/ above it)", u.File)
	}
	abs, err := filepath.Abs(u.File)
	if err != nil {
		return nil, usage("%s: %v", u.File, err)
	}
	t := tree.WithUnitFlags(abs, u.Flags, cwd)
	if arch := kbuildArch(u.Flags); arch != "" {
		// the neighbours' synthesized flags and the prescan's macro
		// index follow the architecture being built
		t.Arch = arch
	}
	return t, nil
}

// archInclude is the -I of arch/$(SRCARCH)/include that kbuild's
// LINUXINCLUDE starts with.
var archInclude = regexp.MustCompile(`(?:^|/)arch/([^/]+)/include/?$`)

// kbuildArch returns SRCARCH as the flags name it, "" when they do not.
func kbuildArch(flags []string) string {
	for i, f := range flags {
		dir, ok := strings.CutPrefix(f, "-I")
		if !ok {
			continue
		}
		if dir == "" && i+1 < len(flags) {
			dir = flags[i+1]
		}
		if m := archInclude.FindStringSubmatch(dir); m != nil {
			return m[1]
		}
	}
	return ""
}

// checkExit prints a kbuild check's diagnostics on stderr, as gcc would
// and nothing when clean, and returns its exit status: 0 whatever it found
// unless --fail-on was given (sparse's convention: the build goes on).
func checkExit(rep *report.Report, o Options, failOn report.Level) (int, error) {
	color, err := report.ColorEnabled(o.Color, o.StderrFile)
	if err != nil {
		return 2, err
	}
	if err := report.WriteDiagnostics(o.Stderr, rep, color); err != nil {
		return 2, err
	}
	for _, d := range rep.Degraded {
		fmt.Fprintf(o.Stderr, "%s: warning: %s\n", d.File, report.DegradedMessage(d))
	}
	if o.FailOn == "" {
		return 0, nil
	}
	if code := exitCode(rep, failOn); code != 2 {
		return code, nil
	}
	return 2, usage("%s could not be analyzed", o.Check.File)
}
