package gate_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/gate"
)

// TestParsePatchesStdin: --patch - reads the series from standard input.
func TestParsePatchesStdin(t *testing.T) {
	root := gate.GateTree(t)
	t.Chdir(root)
	var stdout, stderr bytes.Buffer
	o := driver.Options{Dir: root, Format: "text", Color: "never", FailOn: "note", Progress: "never", Standalone: true,
		Patches: []string{"-"}, Stdin: strings.NewReader(gate.CoverLetter + gate.Patch1 + gate.Patch2), Stdout: &stdout, Stderr: &stderr}
	code, err := driver.Main(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if code != 0 || !strings.Contains(out, `patch "pcs: add a bug": 0 new, 0 fixed`) || !strings.Contains(out, `patch "pcs: fix the bug": 0 new, 0 fixed`) {
		t.Errorf("exit %d:\n%s\n%s", code, out, stderr.String())
	}
}
