package cparse

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// inputSet gathers what one Parse call's outcome depends on besides the
// unit's own source and flags (Parser.Inputs): the files every gcc -E run
// of the unit read, a successful one or one that stopped at an error in
// the unit, those of the degraded retries included, and the tree headers
// that decided a degraded stub. A step whose outcome does not follow from
// files alone (a time budget, a cancelled context, gcc dying without a
// diagnostic, cc/v4's own preprocessor, which does not list what it read,
// a panic) makes the whole outcome unlisted: the caller must not keep it.
type inputSet struct {
	mu       sync.Mutex
	files    map[string]bool
	own      []string // directories of the parse's own stub files
	unlisted bool
}

type inputsKey struct{}

// withInputs returns ctx carrying a new input set, when p reports inputs.
func (p *Parser) withInputs(ctx context.Context) (context.Context, *inputSet) {
	if p.Inputs == nil {
		return ctx, nil
	}
	in := &inputSet{files: map[string]bool{}}
	return context.WithValue(ctx, inputsKey{}, in), in
}

func inputsOf(ctx context.Context) *inputSet {
	in, _ := ctx.Value(inputsKey{}).(*inputSet)
	return in
}

// addInputs records files among the inputs of ctx's parse.
func addInputs(ctx context.Context, files ...string) {
	if in := inputsOf(ctx); in != nil {
		in.mu.Lock()
		for _, f := range files {
			in.files[f] = true
		}
		in.mu.Unlock()
	}
}

// unlisted marks ctx's parse as depending on more than files.
func unlisted(ctx context.Context) {
	if in := inputsOf(ctx); in != nil {
		in.mu.Lock()
		in.unlisted = true
		in.mu.Unlock()
	}
}

// ownFiles marks dir as holding files the parse wrote itself (degraded
// stubs): not inputs, as their content follows from the decisions whose
// inputs are recorded.
func ownFiles(ctx context.Context, dir string) {
	if in := inputsOf(ctx); in != nil {
		in.mu.Lock()
		in.own = append(in.own, dir+string(filepath.Separator))
		in.mu.Unlock()
	}
}

// list is the sorted inputs; ok is false when the outcome is not a
// function of them.
func (in *inputSet) list() (files []string, ok bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.unlisted || len(in.files) == 0 {
		return nil, false
	}
	for f := range in.files {
		if !in.ownFile(f) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return files, true
}

func (in *inputSet) ownFile(f string) bool {
	for _, d := range in.own {
		if strings.HasPrefix(f, d) {
			return true
		}
	}
	return false
}
