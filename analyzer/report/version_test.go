package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

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
