package main

import (
	"context"
	"io"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/lsp"
)

// runLSP serves the language server protocol on stdin and stdout until
// the client says exit (docs/editors.md).
func runLSP(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) > 0 {
		return usageErr("lsp takes no arguments (settings come from the client's initializationOptions)")
	}
	srv := lsp.NewServer(driver.NewWorkspace(), lsp.Options{})
	return srv.Serve(ctx, stdio{stdin, stdout})
}

// stdio is the client's stream: its messages on stdin, ours on stdout.
type stdio struct {
	io.Reader
	io.Writer
}

// Close ends the session; the process exits right after, which closes
// the descriptors.
func (stdio) Close() error { return nil }
