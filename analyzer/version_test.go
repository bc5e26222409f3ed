package analyzer

import (
	"bytes"
	"encoding/json"
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

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v0.2.0":                             "0.2.0",
		"v0.0.0-20261207154000-0123456789ab": "0.0.0-20261207154000-0123456789ab",
		"v0.2.1-0.20261207154000-0123456789ab+dirty":     "0.2.1-0.20261207154000-0123456789ab+dirty",
		"v2.0.0+incompatible":                            "2.0.0+incompatible",
		"devel":                                          "",
		"0123456789abcdef0123456789abcdef01234567":       "",
		"0123456789abcdef0123456789abcdef01234567+dirty": "",
		"v1":     "", // Go's shorthand, not SemVer
		"v1.2":   "",
		"0.3.0":  "", // not a Go module version: no "v"
		"v1.2.x": "",
		"":       "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

// The SARIF driver carries the version as is, and as SemVer only when it is
// one: code scanning and other consumers may parse semanticVersion.
func TestSARIFDriverVersion(t *testing.T) {
	for _, tc := range []struct{ version, wantSemantic string }{
		{"v0.0.0-20261207154000-0123456789ab", "0.0.0-20261207154000-0123456789ab"},
		{"0123456789abcdef0123456789abcdef01234567+dirty", ""},
		{"devel", ""},
	} {
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, &Report{ToolVersion: tc.version}); err != nil {
			t.Fatal(err)
		}
		var log struct {
			Runs []struct {
				Tool struct {
					Driver map[string]any `json:"driver"`
				} `json:"tool"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		drv := log.Runs[0].Tool.Driver
		if drv["version"] != tc.version {
			t.Errorf("%s: driver version %v", tc.version, drv["version"])
		}
		sem, has := drv["semanticVersion"]
		if tc.wantSemantic == "" && has {
			t.Errorf("%s: driver semanticVersion %v, want none", tc.version, sem)
		}
		if tc.wantSemantic != "" && sem != tc.wantSemantic {
			t.Errorf("%s: driver semanticVersion %v, want %q", tc.version, sem, tc.wantSemantic)
		}
	}
}
