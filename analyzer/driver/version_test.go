package driver

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-compiler", Value: "gc"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-07T15:40:00Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	main := func(version string) debug.Module {
		return debug.Module{Path: "github.com/pcslint/pcslint", Version: version}
	}
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "devel"},
		{"go run, or -buildvcs=false", &debug.BuildInfo{Main: main("(devel)")}, "devel"},
		{"empty main version", &debug.BuildInfo{Main: main("")}, "devel"},
		{"go install @pseudo-version", &debug.BuildInfo{Main: main("v0.0.0-20261207154000-0123456789ab")}, "v0.0.0-20261207154000-0123456789ab"},
		{"go install @release", &debug.BuildInfo{Main: main("v0.2.0")}, "v0.2.0"},
		{"source build, clean", &debug.BuildInfo{Main: main("(devel)"), Settings: vcs("false")}, rev},
		{"source build, uncommitted changes", &debug.BuildInfo{Main: main("(devel)"), Settings: vcs("true")}, rev + "+dirty"},
		// Go 1.24+ also stamps a source build with a version from the
		// nearest tag; the commit is the exact answer.
		{"source build stamped by go 1.24+", &debug.BuildInfo{Main: main("v0.2.1-0.20261207154000-0123456789ab+dirty"), Settings: vcs("true")}, rev + "+dirty"},
	} {
		if got := versionOf(tc.bi); got != tc.want {
			t.Errorf("%s: versionOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}
