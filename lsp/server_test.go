package lsp

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/internal/sample"
	"github.com/pcslint/pcslint/lsp/lsptest"
)

// pipe is one direction's ends joined into a stream for each side.
type stream struct {
	io.Reader
	io.Writer
	close func() error
}

func (s stream) Close() error { return s.close() }

// session starts a server in-process and a client talking to it over
// pipes; the returned channel gets Serve's result.
func session(t *testing.T, opts Options) (*lsptest.Client, <-chan error) {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	srv := NewServer(driver.NewWorkspace(), opts)
	done := make(chan error, 1)
	go func() {
		done <- srv.Serve(context.Background(), stream{toServer, fromServer, func() error { fromServer.Close(); return toServer.Close() }})
	}()
	c := lsptest.Dial(context.Background(), stream{toClient, fromClient, func() error { fromClient.Close(); return toClient.Close() }})
	t.Cleanup(func() { c.Disconnect() })
	return c, done
}

// sampleFile extracts the bundled sample tree and returns its root, the
// URI and text of its MAC driver.
func sampleFile(t *testing.T) (root, uri, text string) {
	t.Helper()
	dir, cleanup, err := sample.Extract()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	path := filepath.Join(dir, "drivers/net/ethernet/acme/acme_mac.c")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return dir, pathURI(path), string(b)
}

// edit replaces old by new in text, exactly once.
func edit(t *testing.T, text, old, new string) string {
	t.Helper()
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("the sample holds %q %d times, want once", old, n)
	}
	return strings.Replace(text, old, new, 1)
}

func rules(p protocol.PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		code, _ := d.Code.Value.(string)
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

func next(t *testing.T, c *lsptest.Client, uri string) protocol.PublishDiagnosticsParams {
	t.Helper()
	p, err := c.Next(uri)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestSession is an editor's session on the sample driver: open, edit,
// take the offered fix, fix the rest by hand, close the server.
func TestSession(t *testing.T) {
	root, uri, text := sampleFile(t)
	c, done := session(t, Options{})
	res, err := c.Initialize(pathURI(root), nil)
	must(t, err)
	sync, _ := res.Capabilities.TextDocumentSync.(protocol.TextDocumentSyncOptions) // as glsp decodes it
	if res.ServerInfo == nil || res.ServerInfo.Name != "pcslint" || sync.Change == nil || *sync.Change != protocol.TextDocumentSyncKindFull || res.Capabilities.CodeActionProvider == nil {
		t.Errorf("initialize: %+v", res)
	}

	// The sample's bugs (see its comments): two leaks, a reference kept
	// after unbind, a device-managed reference put by hand.
	must(t, c.Open(uri, text, 1))
	p := next(t, c, uri)
	if got, want := rules(p), []string{"devm-manual-put", "ref-leak", "ref-leak", "remove-leak"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("on open: rules %v, want %v", got, want)
	}
	for _, d := range p.Diagnostics {
		if d.Source == nil || *d.Source != "pcslint" || d.Severity == nil || d.Range.End == d.Range.Start || d.CodeDescription == nil {
			t.Errorf("diagnostic %+v: want source pcslint, a severity, a range, the rule's page", d)
		}
		if len(d.RelatedInformation) == 0 {
			t.Errorf("%s at line %d has no related information", d.Code.Value, d.Range.Start.Line+1)
		}
		for _, ri := range d.RelatedInformation {
			if ri.Location.URI != uri || ri.Message == "" {
				t.Errorf("%s: related information %+v", d.Code.Value, ri)
			}
		}
	}

	// A return inside braces: the leak of the loop's node gets its fix.
	text = edit(t, text, "\t\tif (!of_device_is_available(child))\n\t\t\treturn -EINVAL;\n",
		"\t\tif (!of_device_is_available(child)) {\n\t\t\treturn -EINVAL;\n\t\t}\n")
	must(t, c.Change(uri, text, 2))
	must(t, c.Save(uri))
	p = next(t, c, uri)
	var leak *protocol.Diagnostic
	for i, d := range p.Diagnostics {
		if d.Code.Value == "ref-leak" && strings.Contains(d.Message, "of_get_next_child()") {
			leak = &p.Diagnostics[i]
		}
	}
	if leak == nil || p.Version == nil || *p.Version != 2 {
		t.Fatalf("after the edit: no leak of of_get_next_child()'s reference in version 2: %+v", p)
	}
	// the cursor on the diagnostic's first character
	actions, err := c.CodeActions(uri, protocol.Range{Start: leak.Range.Start, End: leak.Range.Start}, []protocol.Diagnostic{*leak})
	must(t, err)
	if len(actions) != 1 || actions[0].Title != "call of_node_put(child) before returning" || actions[0].Edit == nil || len(actions[0].Edit.Changes[uri]) != 1 {
		t.Fatalf("code actions %+v, want the one fix", actions)
	}
	te := actions[0].Edit.Changes[uri][0]
	start, end := te.Range.IndexesIn(text)
	text = text[:start] + te.NewText + text[end:]
	if !strings.Contains(text, "\t\t\tof_node_put(child);\n\t\t\treturn -EINVAL;\n") {
		t.Fatalf("the fix does not put the node before the return:\n%s", text)
	}
	must(t, c.Change(uri, text, 3))
	must(t, c.Save(uri))
	p = next(t, c, uri)
	if got, want := rules(p), []string{"devm-manual-put", "ref-leak", "remove-leak"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the fix: rules %v, want %v", got, want)
	}

	// The rest by hand: nothing left.
	text = edit(t, text, "free_port:\n\treturn err;", "free_port:\n\tput_device(&fm_pdev->dev);\n\treturn err;")
	text = edit(t, text, "\t\tphy_put(port->dev, serdes);\n", "")
	text = edit(t, text, "\tput_device(&port->fm_pdev->dev);\n", "\tof_node_put(port->pcs_np);\n\tput_device(&port->fm_pdev->dev);\n")
	must(t, c.Change(uri, text, 4))
	must(t, c.Save(uri))
	if p = next(t, c, uri); len(p.Diagnostics) != 0 {
		t.Fatalf("after fixing every bug: %v", rules(p))
	}

	must(t, c.Shutdown())
	if err := <-done; err != nil {
		t.Fatalf("Serve after shutdown and exit: %v", err)
	}
}

// TestAnalyzeOnChange: with a delay set, an unsaved edit is analyzed once
// the typing stops; closing the file clears its diagnostics.
func TestAnalyzeOnChange(t *testing.T) {
	root, uri, text := sampleFile(t)
	c, done := session(t, Options{})
	_, err := c.Initialize(pathURI(root), map[string]any{"onChangeDelayMs": 10})
	must(t, err)
	must(t, c.Open(uri, text, 1))
	if p := next(t, c, uri); len(rules(p)) != 4 {
		t.Fatalf("on open: %v", rules(p))
	}
	text = edit(t, text, "\t\tphy_put(port->dev, serdes);\n", "")
	must(t, c.Change(uri, text, 2))
	p := next(t, c, uri)
	if got, want := rules(p), []string{"ref-leak", "ref-leak", "remove-leak"}; !reflect.DeepEqual(got, want) || *p.Version != 2 {
		t.Fatalf("after an unsaved edit: version %v, rules %v, want 2, %v", *p.Version, got, want)
	}
	must(t, c.Close(uri))
	if p := next(t, c, uri); len(p.Diagnostics) != 0 {
		t.Fatalf("after close: %v", rules(p))
	}
	must(t, c.Shutdown())
	must(t, <-done)
}

// TestChangeWithoutDelay: by default an edit is analyzed on save, not
// before: the open's diagnostics are the only ones until then.
func TestChangeWithoutDelay(t *testing.T) {
	root, uri, text := sampleFile(t)
	c, done := session(t, Options{})
	_, err := c.Initialize(pathURI(root), nil)
	must(t, err)
	must(t, c.Open(uri, text, 1))
	next(t, c, uri)
	must(t, c.Change(uri, edit(t, text, "\t\tphy_put(port->dev, serdes);\n", ""), 2))
	// the server handles messages in order: once shutdown is answered, the
	// change was handled and published nothing
	must(t, c.Shutdown())
	must(t, <-done)
	if p, err := c.Next(uri); err == nil {
		t.Fatalf("an unsaved edit was analyzed without a delay set: %+v", p)
	}
}

// TestExitWithoutShutdown: LSP's exit status 1 when the client did not
// shut the server down first.
func TestExitWithoutShutdown(t *testing.T) {
	c, done := session(t, Options{})
	_, err := c.Initialize(pathURI(t.TempDir()), nil)
	must(t, err)
	must(t, c.Notify(protocol.MethodExit, nil))
	if err := <-done; err == nil {
		t.Fatal("Serve returned no error after exit without shutdown")
	}
}

// TestFileOutsideTheWorkspace: a file that cannot be parsed gets one
// error diagnostic saying why, not silence.
func TestUnparsableFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "broken.c")
	c, done := session(t, Options{})
	_, err := c.Initialize(pathURI(dir), nil)
	must(t, err)
	text := "#include <linux/of.h>\nint f(void) { return of_node_put(; }\n"
	must(t, os.WriteFile(path, []byte(text), 0o644))
	must(t, c.Open(pathURI(path), text, 1))
	p := next(t, c, pathURI(path))
	if len(p.Diagnostics) != 1 || *p.Diagnostics[0].Severity != protocol.DiagnosticSeverityError || !strings.HasPrefix(p.Diagnostics[0].Message, "cannot analyze: ") {
		t.Fatalf("diagnostics of a broken file: %+v", p.Diagnostics)
	}
	must(t, c.Shutdown())
	must(t, <-done)
}

// TestHeaderBuffer: a header is not analyzed itself, but the .c files
// read its unsaved text, and saving it checks them again.
func TestHeaderBuffer(t *testing.T) {
	dir := t.TempDir()
	hPath, cPath := filepath.Join(dir, "get.h"), filepath.Join(dir, "user.c")
	header := "#include <linux/of.h>\n#define put(np) do { } while (0)\n"
	unit := "#include \"get.h\"\nint f(struct device_node *parent)\n{\n\tstruct device_node *np = of_get_child_by_name(parent, \"x\");\n\n\tif (!np)\n\t\treturn -1;\n\tput(np);\n\treturn 0;\n}\n"
	must(t, os.WriteFile(hPath, []byte(header), 0o644))
	must(t, os.WriteFile(cPath, []byte(unit), 0o644))
	c, done := session(t, Options{})
	_, err := c.Initialize(pathURI(dir), nil)
	must(t, err)
	must(t, c.Open(pathURI(hPath), header, 1))
	must(t, c.Open(pathURI(cPath), unit, 1))
	if got := rules(next(t, c, pathURI(cPath))); !reflect.DeepEqual(got, []string{"ref-leak"}) {
		t.Fatalf("put() that puts nothing: %v, want a leak", got)
	}
	// put() becomes of_node_put(), unsaved on disk: saving the header
	// checks the .c file with it
	header = strings.Replace(header, "do { } while (0)", "of_node_put(np)", 1)
	must(t, c.Change(pathURI(hPath), header, 2))
	must(t, c.Save(pathURI(hPath)))
	if p := next(t, c, pathURI(cPath)); len(p.Diagnostics) != 0 {
		t.Fatalf("after the header's fix: %v", rules(p))
	}
	must(t, c.Shutdown())
	must(t, <-done)
	if p, err := c.Next(pathURI(hPath)); err == nil {
		t.Fatalf("the header itself was analyzed: %+v", p)
	}
}
