// Package lsp is pcslint's language server (`pcslint lsp`): it publishes
// pcslint's findings on the C files an editor opens and saves, with their
// related locations and path, and offers the mechanical fixes as code
// actions.
//
// The protocol's types and method dispatch are github.com/tliron/glsp's
// (LSP 3.16), on github.com/sourcegraph/jsonrpc2's connection, which glsp
// uses itself: glsp's own server runs only on stdio, TCP or websockets,
// while Serve takes any stream, so that the tests drive the real server
// over a pipe. go.lsp.dev/protocol, the other maintained choice, was last
// released in 2022 and brings zap and segmentio/encoding along.
//
// What is analyzed, and when: docs/editors.md.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pcslint/pcslint/analyzer/driver"
	"github.com/pcslint/pcslint/analyzer/report"
)

// Options are the server's settings; the client's initializationOptions
// ({"onChangeDelayMs": 800}) override them.
type Options struct {
	// OnChangeDelay, when positive, also analyzes a buffer that has not
	// changed for that long since an edit, unsaved; 0 analyzes on open and
	// save only.
	OnChangeDelay time.Duration
}

// document is an open buffer and what its last analysis found.
type document struct {
	uri     protocol.DocumentUri
	path    string
	text    string
	version protocol.Integer
	timer   *time.Timer // pending on-change analysis
	// the last analysis: its root and findings, for code actions
	root     string
	findings []report.Finding
	help     map[string]string
}

// Server is one language server session.
type Server struct {
	ws      *driver.Workspace
	opts    Options
	handler protocol.Handler

	mu       sync.Mutex
	docs     map[protocol.DocumentUri]*document
	folders  []string // the client's workspace folders (standalone trees' roots)
	shutdown bool
	conn     *jsonrpc2.Conn

	queue   chan protocol.DocumentUri
	pending map[protocol.DocumentUri]bool
	ctx     context.Context
	cancel  context.CancelFunc
	worker  sync.WaitGroup
}

// NewServer returns a server analyzing with ws.
func NewServer(ws *driver.Workspace, opts Options) *Server {
	s := &Server{ws: ws, opts: opts, docs: map[protocol.DocumentUri]*document{}, pending: map[protocol.DocumentUri]bool{}, queue: make(chan protocol.DocumentUri, 64)}
	s.handler = protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:                       s.shutdownRequest,
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		CancelRequest:                  func(*glsp.Context, *protocol.CancelParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		TextDocumentCodeAction:         s.codeAction,
		WorkspaceDidChangeWatchedFiles: func(*glsp.Context, *protocol.DidChangeWatchedFilesParams) error { return nil },
	}
	return s
}

// Serve runs the session on rw (the client's messages in, the server's
// out) until the client sends exit or closes the stream. It returns an
// error when the session did not end with shutdown then exit, as LSP
// wants the server to exit with status 1 then.
func (s *Server) Serve(ctx context.Context, rw io.ReadWriteCloser) error {
	s.ctx, s.cancel = context.WithCancel(ctx)
	defer s.cancel()
	s.worker.Add(1)
	go s.analyzeLoop()
	conn := jsonrpc2.NewConn(s.ctx, jsonrpc2.NewBufferedStream(rw, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(s.handle))
	s.mu.Lock()
	s.conn = conn
	s.mu.Unlock()
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.cancel()
	s.worker.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.shutdown {
		return errors.New("lsp: the client went away without shutdown")
	}
	return nil
}

// handle dispatches one message with glsp's handler; exit closes the
// connection, which ends Serve.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Method == "exit" {
		return nil, conn.Close()
	}
	gctx := glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) { _ = conn.Notify(ctx, method, params) },
		Call:   func(method string, params, result any) { _ = conn.Call(ctx, method, params, result) },
	}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	r, validMethod, validParams, err := s.handler.Handle(&gctx)
	switch {
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

func (s *Server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range p.WorkspaceFolders {
		if path, err := uriPath(f.URI); err == nil {
			s.folders = append(s.folders, path)
		}
	}
	if p.RootURI != nil {
		if path, err := uriPath(*p.RootURI); err == nil {
			s.folders = append(s.folders, path)
		}
	} else if p.RootPath != nil && *p.RootPath != "" {
		s.folders = append(s.folders, filepath.Clean(*p.RootPath))
	}
	if raw, err := json.Marshal(p.InitializationOptions); err == nil {
		var o struct {
			OnChangeDelayMs *int `json:"onChangeDelayMs"`
		}
		if json.Unmarshal(raw, &o) == nil && o.OnChangeDelayMs != nil {
			s.opts.OnChangeDelay = time.Duration(*o.OnChangeDelayMs) * time.Millisecond
		}
	}
	caps := s.handler.CreateServerCapabilities()
	full, yes, no := protocol.TextDocumentSyncKindFull, true, false
	caps.TextDocumentSync = &protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &full, Save: &protocol.SaveOptions{IncludeText: &no}}
	caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}}
	version := driver.Version()
	return protocol.InitializeResult{Capabilities: caps, ServerInfo: &protocol.InitializeResultServerInfo{Name: "pcslint", Version: &version}}, nil
}

func (s *Server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	s.shutdown = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	return nil
}

func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.docs[p.TextDocument.URI] = &document{uri: p.TextDocument.URI, path: path, text: p.TextDocument.Text, version: p.TextDocument.Version}
	s.mu.Unlock()
	s.schedule(p.TextDocument.URI)
	return nil
}

func (s *Server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("didChange of %s, which is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = c.Text
		case protocol.TextDocumentContentChangeEvent:
			// an incremental change, from a client that syncs so anyway
			if c.Range == nil {
				d.text = c.Text
			} else {
				start, end := c.Range.IndexesIn(d.text)
				d.text = d.text[:start] + c.Text + d.text[end:]
			}
		}
	}
	d.version = p.TextDocument.Version
	if s.opts.OnChangeDelay > 0 {
		uri := d.uri
		if d.timer != nil {
			d.timer.Stop()
		}
		d.timer = time.AfterFunc(s.opts.OnChangeDelay, func() { s.schedule(uri) })
	}
	return nil
}

func (s *Server) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil {
		if p.Text != nil {
			d.text = *p.Text
		}
		if d.timer != nil {
			d.timer.Stop() // the save's analysis covers it
		}
	}
	var others []protocol.DocumentUri
	if d != nil && !isUnit(d.path) {
		// a header: the open .c files may include it
		for u, o := range s.docs {
			if isUnit(o.path) {
				others = append(others, u)
			}
		}
		sort.Strings(others)
	}
	s.mu.Unlock()
	if d == nil {
		return fmt.Errorf("didSave of %s, which is not open", p.TextDocument.URI)
	}
	s.schedule(p.TextDocument.URI)
	for _, u := range others {
		s.schedule(u)
	}
	return nil
}

// isUnit is whether path is a translation unit pcslint analyzes; other
// buffers (headers) are only the text the units read.
func isUnit(path string) bool { return filepath.Ext(path) == ".c" }

func (s *Server) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	if d := s.docs[p.TextDocument.URI]; d != nil && d.timer != nil {
		d.timer.Stop()
	}
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	// a closed file's findings go with it
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// schedule queues an analysis of uri, if it is a .c file; one already
// queued covers it.
func (s *Server) schedule(uri protocol.DocumentUri) {
	s.mu.Lock()
	if d := s.docs[uri]; d == nil || !isUnit(d.path) || s.pending[uri] || s.shutdown {
		s.mu.Unlock()
		return
	}
	s.pending[uri] = true
	s.mu.Unlock()
	select {
	case s.queue <- uri:
	case <-s.ctx.Done():
	}
}

// analyzeLoop analyzes the queued documents one at a time (an analysis
// uses every core for the file's neighbours) and publishes what it finds.
func (s *Server) analyzeLoop() {
	defer s.worker.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case uri := <-s.queue:
			s.analyze(uri)
		}
	}
}

func (s *Server) analyze(uri protocol.DocumentUri) {
	s.mu.Lock()
	delete(s.pending, uri)
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return // closed meanwhile
	}
	path, version := d.path, d.version
	var buffers []driver.Buffer
	for _, o := range s.docs {
		buffers = append(buffers, driver.Buffer{Path: o.path, Text: []byte(o.text)})
	}
	sort.Slice(buffers, func(i, j int) bool { return buffers[i].Path < buffers[j].Path })
	texts := map[string]string{}
	for _, o := range s.docs {
		texts[o.path] = o.text
	}
	standalone := s.folderOf(path)
	conn := s.conn
	s.mu.Unlock()

	rep, err := s.ws.CheckFile(s.ctx, path, buffers, standalone)
	if s.ctx.Err() != nil {
		return
	}
	var diags []protocol.Diagnostic
	if err != nil {
		diags = []protocol.Diagnostic{errorDiagnostic(protocol.Range{}, "pcslint: "+err.Error())}
	} else {
		diags = diagnostics(rep, path, newLines(texts))
	}

	s.mu.Lock()
	d = s.docs[uri]
	stale := d == nil || s.pending[uri]
	if !stale && err == nil {
		d.root, d.findings, d.help = rep.Root, rep.Findings, helpURIs(rep)
	}
	s.mu.Unlock()
	if stale {
		return // closed, or edited and queued again: that analysis publishes
	}
	v := protocol.UInteger(version)
	_ = conn.Notify(s.ctx, protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: diags})
}

// folderOf is the workspace folder holding path, the innermost one.
func (s *Server) folderOf(path string) string {
	best := ""
	for _, f := range s.folders {
		if r, err := filepath.Rel(f, path); err == nil && filepath.IsLocal(r) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return []protocol.CodeAction{}, nil
	}
	root, findings, help := d.root, d.findings, d.help
	texts := map[string]string{}
	for _, o := range s.docs {
		texts[o.path] = o.text
	}
	s.mu.Unlock()
	lines := newLines(texts)
	actions := []protocol.CodeAction{}
	quickfix := protocol.CodeActionKindQuickFix
	for _, f := range findings {
		if f.Suppressed || len(f.Fixes) == 0 || filepath.Join(root, filepath.FromSlash(f.Loc.File)) != d.path {
			continue
		}
		diag := findingDiagnostic(f, root, help, lines)
		if !overlaps(diag.Range, p.Range) {
			continue
		}
		for i, fx := range f.Fixes {
			edit := protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{}}
			for _, e := range fx.Edits {
				abs := filepath.Join(root, filepath.FromSlash(e.Start.File))
				u := pathURI(abs)
				edit.Changes[u] = append(edit.Changes[u], protocol.TextEdit{
					Range:   protocol.Range{Start: lines.position(abs, e.Start.Line, e.Start.Col), End: lines.position(abs, e.End.Line, e.End.Col)},
					NewText: e.Text,
				})
			}
			preferred := i == 0
			actions = append(actions, protocol.CodeAction{Title: fx.Description, Kind: &quickfix, Diagnostics: []protocol.Diagnostic{diag}, IsPreferred: &preferred, Edit: &edit})
		}
	}
	return actions, nil
}

// overlaps is whether two ranges share a position (an empty range, the
// cursor, inside or at the ends of the other counts).
func overlaps(a, b protocol.Range) bool {
	before := func(x, y protocol.Position) bool {
		return x.Line < y.Line || (x.Line == y.Line && x.Character < y.Character)
	}
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// uriPath is the file path of a file: URI.
func uriPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", fmt.Errorf("%q is not a file: URI", uri)
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}

func pathURI(path string) protocol.DocumentUri {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
