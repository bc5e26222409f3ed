package main

import (
	"os"
	"slices"
	"strings"

	"github.com/google/shlex"
	flag "github.com/spf13/pflag"

	"github.com/pcslint/pcslint/analyzer/driver"
)

// kbuildArgs is kbuild's checker call split up: `make C=1 CHECK=pcslint`
// runs `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` for each file it
// compiles.
type kbuildArgs struct {
	unit driver.KbuildUnit
	// own are pcslint's options: PCSLINT_FLAGS's, then those given in
	// CF=, which kbuild puts into CHECKFLAGS
	own []string
	err error // bad PCSLINT_FLAGS or CF=
}

// kbuildCheckArgs recognizes kbuild's checker call: the last argument a .c
// file and -D__KERNEL__, which kbuild's c_flags always hold, among the
// others (pcslint itself has no -D). c_flags start at kbuild's dependency
// option -Wp,-MMD,... (or -nostdinc); what comes before is CHECKFLAGS,
// sparse's options (-D__linux__ ... -Wbitwise ... --arch=x86 -mlittle-endian
// -m64), of which pcslint takes only its own long options, from CF=. The
// architecture is kbuild's, from c_flags' -I arch/X/include: CHECKFLAGS'
// --arch=$(ARCH) is sparse's, and is not pcslint's --arch. Without the
// marker, every argument but the file is a compiler flag.
func kbuildCheckArgs(fs *flag.FlagSet, args []string) (*kbuildArgs, bool) {
	if len(args) < 2 || !strings.HasSuffix(args[len(args)-1], ".c") || !slices.Contains(args, "-D__KERNEL__") {
		return nil, false
	}
	flags := args[:len(args)-1]
	k := &kbuildArgs{unit: driver.KbuildUnit{File: args[len(args)-1]}}
	if env := os.Getenv("PCSLINT_FLAGS"); env != "" {
		words, err := shlex.Split(env)
		if err != nil {
			k.err = usageErr("PCSLINT_FLAGS: %v", err)
			return k, true
		}
		k.own = append(k.own, words...)
	}
	start := slices.IndexFunc(flags, func(a string) bool { return strings.HasPrefix(a, "-Wp,-M") || a == "-nostdinc" })
	if start < 0 {
		start = 0
	}
	for i := 0; i < start; i++ {
		long, ok := strings.CutPrefix(flags[i], "--")
		name, _, inline := strings.Cut(long, "=")
		if !ok || name == "arch" || name == "os" {
			continue // sparse's
		}
		f := fs.Lookup(name)
		if f == nil {
			k.err = usageErr("CF=%s: not a pcslint option (pcslint --help lists them)", flags[i])
			return k, true
		}
		k.own = append(k.own, flags[i])
		if !inline && f.NoOptDefVal == "" && i+1 < start {
			i++
			k.own = append(k.own, flags[i])
		}
	}
	k.unit.Flags = slices.Clone(flags[start:])
	return k, true
}

// options completes o for a kbuild check: one file, kbuild's, and its
// diagnostics on stderr; findings fail the build only with --fail-on.
func (k *kbuildArgs) options(fs *flag.FlagSet, o *driver.Options) error {
	if len(o.Paths) > 0 {
		return usageErr("make C=1 CHECK=pcslint: kbuild names the file; PCSLINT_FLAGS names %s", strings.Join(o.Paths, " "))
	}
	for _, name := range []string{"patch", "diff", "range", "demo", "shard", "directory", "output", "standalone"} {
		if fs.Changed(name) {
			return usageErr("--%s does not apply to a kbuild check (make C=1 CHECK=pcslint)", name)
		}
	}
	if o.Format != "text" {
		return usageErr("--format %s does not apply to a kbuild check: its diagnostics go to stderr, as gcc's", o.Format)
	}
	if !fs.Changed("fail-on") {
		o.FailOn = ""
	}
	o.Check = &k.unit
	return nil
}
