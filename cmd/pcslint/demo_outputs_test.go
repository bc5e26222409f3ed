package main

import (
	"encoding/json"
	"testing"
)

// demoFinding is a finding of `pcslint -demo --format json`: what the
// SARIF and the text output must show, each in its own way.
type demoFinding struct {
	Rule       string `json:"rule"`
	Level      string `json:"level"`
	Message    string `json:"message"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Col        int    `json:"col"`
	Function   string `json:"function"`
	Suppressed bool   `json:"suppressed"`
}

// demo runs `pcslint -demo` with args; exit status 1 (findings) is
// expected.
func demo(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runIn(t, t.TempDir(), append([]string{"-demo"}, args...)...)
	if code != 1 {
		t.Fatalf("pcslint -demo %v: exit %d, want 1 (findings)\nstderr: %s", args, code, stderr)
	}
	return stdout
}

// demoFindings are the demo's unsuppressed findings, in report order.
func demoFindings(t *testing.T) []demoFinding {
	t.Helper()
	var doc struct {
		Findings []demoFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(demo(t, "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	var out []demoFinding
	for _, f := range doc.Findings {
		if !f.Suppressed {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("the demo has no findings")
	}
	return out
}
