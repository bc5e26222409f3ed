package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/pcslint/pcslint/internal/sample"
	"github.com/pcslint/pcslint/lsp/lsptest"
)

// TestLSPHelperProcess is `pcslint lsp` when the test binary runs itself
// as a child (TestLSPOverStdio); otherwise it does nothing.
func TestLSPHelperProcess(t *testing.T) {
	if os.Getenv("PCSLINT_LSP_HELPER") != "1" {
		return
	}
	os.Exit(run(context.Background(), []string{"lsp"}, os.Stdout, os.Stderr))
}

type pipes struct {
	io.Reader
	io.WriteCloser
}

// TestLSPOverStdio runs `pcslint lsp` as a process and talks to it on its
// stdin and stdout, as an editor does: the sample driver's findings are
// published on open, and shutdown then exit ends it with status 0.
func TestLSPOverStdio(t *testing.T) {
	dir, cleanup, err := sample.Extract()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	path := filepath.Join(dir, "drivers/net/ethernet/acme/acme_mac.c")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLSPHelperProcess$")
	cmd.Env = append(os.Environ(), "PCSLINT_LSP_HELPER=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := lsptest.Dial(context.Background(), pipes{stdout, stdin})
	if _, err := c.Initialize("file://"+filepath.ToSlash(dir), nil); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)
	if err := c.Open(uri, string(text), 1); err != nil {
		t.Fatal(err)
	}
	p, err := c.Next(uri)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range p.Diagnostics {
		code, _ := d.Code.Value.(string)
		got = append(got, code)
	}
	sort.Strings(got)
	if want := []string{"devm-manual-put", "ref-leak", "ref-leak", "remove-leak"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}
	if err := c.Shutdown(); err != nil {
		t.Fatal(err)
	}
	// the server's end closes first: Wait closes our end of its stdout
	select {
	case <-c.Done():
	case <-time.After(lsptest.Timeout):
		t.Fatal("pcslint lsp did not close its stdout after exit")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("pcslint lsp after shutdown and exit: %v", err)
	}
}
