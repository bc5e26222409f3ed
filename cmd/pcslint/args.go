package main

import (
	"strings"

	flag "github.com/spf13/pflag"
)

// normalizeArgs rewrites the spellings that Go's flag package accepted,
// which README and scripts use, into pflag's:
//
//   - a single-dash long flag (-demo, -format=sarif) gets its second dash;
//     pflag would read -demo as the shorthands -d -e -m -o;
//   - a double-dash one-letter flag (--o, --j, --C) loses one: those are
//     shorthands of --output, --jobs and --directory;
//   - "--color always" becomes --color=always, as a bare --color means
//     always and would leave the word as a path.
//
// A flag's separate value is never rewritten, and nothing after "--" is.
func normalizeArgs(fs *flag.FlagSet, args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) < 2 || a[0] != '-' {
			out = append(out, a)
			continue
		}
		var f *flag.Flag
		inline := strings.Contains(a, "=")
		if long, ok := strings.CutPrefix(a, "--"); ok {
			name, _, _ := strings.Cut(long, "=")
			if len(name) == 1 && fs.ShorthandLookup(name) != nil {
				a = a[1:]
				f = fs.ShorthandLookup(name)
			} else {
				f = fs.Lookup(name)
			}
		} else {
			name, _, _ := strings.Cut(a[1:], "=")
			switch {
			case len(name) > 1 && fs.Lookup(name) != nil:
				a = "-" + a
				f = fs.Lookup(name)
			case len(a) == 2:
				f = fs.ShorthandLookup(a[1:])
			default:
				// -j4: the value is attached
				inline = true
			}
		}
		if f == nil || inline || f.NoOptDefVal != "" && f.Name != "color" {
			out = append(out, a)
			continue
		}
		if f.Name == "color" {
			if i+1 < len(args) && (args[i+1] == "auto" || args[i+1] == "always" || args[i+1] == "never") {
				out = append(out, "--color="+args[i+1])
				i++
			} else {
				out = append(out, a)
			}
			continue
		}
		// the next argument is this flag's value, whatever it looks like
		out = append(out, a)
		if i+1 < len(args) {
			out = append(out, args[i+1])
			i++
		}
	}
	return out
}
