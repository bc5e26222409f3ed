// Package lsptest is a minimal language server client for tests: it
// drives a server over a stream as an editor does and collects the
// diagnostics it publishes.
package lsptest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Timeout bounds each wait for the server; it is far above what an
// analysis takes, only there so that a broken server fails the test
// instead of hanging it.
const Timeout = 2 * time.Minute

// Client is one editor session.
type Client struct {
	conn  *jsonrpc2.Conn
	mu    sync.Mutex
	diags map[string][]protocol.PublishDiagnosticsParams // by URI, in arrival order
	seen  map[string]int                                 // diagnostics of each URI already returned
	wake  chan struct{}
}

// Dial starts a client on rw, the server's output in and its input out.
func Dial(ctx context.Context, rw io.ReadWriteCloser) *Client {
	c := &Client{diags: map[string][]protocol.PublishDiagnosticsParams{}, seen: map[string]int{}, wake: make(chan struct{}, 1)}
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rw, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(c.handle))
	return c
}

func (c *Client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Method != protocol.ServerTextDocumentPublishDiagnostics || req.Params == nil {
		return nil, nil
	}
	var p protocol.PublishDiagnosticsParams
	if err := json.Unmarshal(*req.Params, &p); err != nil {
		return nil, err
	}
	// glsp v0.2.2 decodes no diagnostic code (IntegerOrString's
	// UnmarshalJSON has a value receiver): read them again.
	var codes struct {
		Diagnostics []struct {
			Code any `json:"code"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(*req.Params, &codes); err != nil {
		return nil, err
	}
	for i, d := range codes.Diagnostics {
		if d.Code != nil && i < len(p.Diagnostics) {
			p.Diagnostics[i].Code = &protocol.IntegerOrString{Value: d.Code}
		}
	}
	c.mu.Lock()
	c.diags[p.URI] = append(c.diags[p.URI], p)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return nil, nil
}

// Call sends a request and decodes its result into result.
func (c *Client) Call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	return c.conn.Notify(context.Background(), method, params)
}

// Initialize sends initialize (root, with options as initializationOptions)
// then initialized, and returns the server's answer.
func (c *Client) Initialize(rootURI string, options any) (*protocol.InitializeResult, error) {
	var res protocol.InitializeResult
	if err := c.Call(protocol.MethodInitialize, protocol.InitializeParams{RootURI: &rootURI, InitializationOptions: options}, &res); err != nil {
		return nil, err
	}
	return &res, c.Notify(protocol.MethodInitialized, protocol.InitializedParams{})
}

// Open sends didOpen of a C file.
func (c *Client) Open(uri, text string, version int) error {
	return c.Notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "c", Version: protocol.Integer(version), Text: text}})
}

// Change sends didChange with the whole new text.
func (c *Client) Change(uri, text string, version int) error {
	return c.Notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}}})
}

// Save sends didSave.
func (c *Client) Save(uri string) error {
	return c.Notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// Close sends didClose.
func (c *Client) Close(uri string) error {
	return c.Notify(protocol.MethodTextDocumentDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// CodeActions asks for the code actions at r.
func (c *Client) CodeActions(uri string, r protocol.Range, diags []protocol.Diagnostic) ([]protocol.CodeAction, error) {
	var actions []protocol.CodeAction
	err := c.Call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: r,
		Context: protocol.CodeActionContext{Diagnostics: diags}}, &actions)
	return actions, err
}

// Shutdown sends shutdown then exit.
func (c *Client) Shutdown() error {
	var null json.RawMessage
	if err := c.Call(protocol.MethodShutdown, nil, &null); err != nil {
		return err
	}
	if string(null) != "null" {
		return fmt.Errorf("shutdown answered %s, want null", null)
	}
	return c.Notify(protocol.MethodExit, nil)
}

// Next waits for the next diagnostics published for uri.
func (c *Client) Next(uri string) (protocol.PublishDiagnosticsParams, error) {
	deadline := time.After(Timeout)
	for {
		c.mu.Lock()
		if n := c.seen[uri]; n < len(c.diags[uri]) {
			c.seen[uri] = n + 1
			p := c.diags[uri][n]
			c.mu.Unlock()
			return p, nil
		}
		c.mu.Unlock()
		select {
		case <-c.wake:
		case <-c.conn.DisconnectNotify():
			return protocol.PublishDiagnosticsParams{}, fmt.Errorf("the server closed the connection; no diagnostics for %s", uri)
		case <-deadline:
			return protocol.PublishDiagnosticsParams{}, fmt.Errorf("no diagnostics for %s within %v", uri, Timeout)
		}
	}
}

// Disconnect closes the client's end.
func (c *Client) Disconnect() error { return c.conn.Close() }

// Done is closed when the server closed the connection.
func (c *Client) Done() <-chan struct{} { return c.conn.DisconnectNotify() }
