package driver

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/pcslint/pcslint/analyzer/report"
	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/internal/cache"
	"github.com/pcslint/pcslint/rules/flow"
	"github.com/pcslint/pcslint/rules/model"
)

// UnitCache is the persistent cache of per-unit results (docs/performance.md,
// "Persistent cache"). An entry is found by the unit's key (its path, its
// source, its flags, the tree's configuration, pcslint's build and the
// configuration it runs with) and is used only when every file the unit
// was made of last time (Parser.Inputs: the headers gcc read) still has
// the content it had: a changed header invalidates its includers. It holds
// what a run keeps of a unit: its exported summaries, its findings, and
// the questions it asked of other files' summaries with their answers, so
// that a unit is checked again exactly when one of those answers changed.
type UnitCache struct {
	store *cache.Store
	salt  [32]byte
	Hits  atomic.Int64 // units served from the cache
	Puts  atomic.Int64 // entries written
}

// OpenUnitCache opens the cache in dir ("": the default directory,
// cache.Dir); salt is everything besides the tree that decides a unit's
// results (pcslint's build, the configuration's model lines and disabled
// rules).
func OpenUnitCache(dir string, salt ...string) (*UnitCache, error) {
	d, err := cache.Dir(dir)
	if err != nil {
		return nil, err
	}
	s, err := cache.Open(d)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	for _, x := range salt {
		io.WriteString(h, x)
		h.Write([]byte{0})
	}
	uc := &UnitCache{store: s}
	h.Sum(uc.salt[:0])
	return uc, nil
}

// Dir is the cache's directory.
func (uc *UnitCache) Dir() string { return uc.store.Dir() }

// openUnitCache is the cache a run of a kernel tree uses, nil with
// --no-cache, for a standalone tree (the demo's is a new directory each
// time), or when it cannot be opened (a note, not an error: the run is
// only slower).
func openUnitCache(o Options, tree *cparse.Tree, cfgFile *model.Config) *UnitCache {
	if o.NoCache || tree.Kind == cparse.Standalone {
		return nil
	}
	conf, _ := json.Marshal(cfgFile)
	uc, err := OpenUnitCache(o.CacheDir, buildID(), string(conf))
	if err != nil {
		fmt.Fprintf(o.Stderr, "pcslint: note: no result cache: %v\n", err)
		return nil
	}
	return uc
}

// buildID identifies the running pcslint's code: its version when that
// names a commit or release exactly, else (a devel or dirty build) a hash
// of the executable, so that a rebuilt binary never reads its
// predecessor's results.
var buildID = sync.OnceValue(func() string {
	v := Version()
	if v != "devel" && !strings.HasSuffix(v, "+dirty") {
		return v
	}
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return v + " " + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	// no way to tell builds apart: a key no other process shares
	return v + " unidentified " + hex.EncodeToString(randomBytes())
})

func randomBytes() []byte {
	b := make([]byte, 16)
	f, err := os.Open("/dev/urandom")
	if err == nil {
		io.ReadFull(f, b)
		f.Close()
	}
	return b
}

// unitEntry is what the cache holds for one unit.
type unitEntry struct {
	// Inputs are the files the unit was made of, with their content hashes
	// (cparse.PrescanInput: the prescan's macro index).
	Inputs   []input          `json:"inputs"`
	Skipped  bool             `json:"skipped,omitempty"`
	Idents   []string         `json:"idents,omitempty"`
	Exported *flow.Table      `json:"exported,omitempty"`
	Findings []report.Finding `json:"findings,omitempty"`
	Asked    *flow.Asked      `json:"asked,omitempty"`
	// Degraded are the stubs of a unit parsed degraded (File.Degraded).
	Degraded []string `json:"degraded,omitempty"`
	// Failed is the error of a unit that could not be analyzed: as much a
	// function of its inputs as a success (cparse.Parser.Inputs is not
	// told the inputs of an outcome that is not, a time budget's).
	Failed *cparse.Error `json:"failed,omitempty"`
}

// sound says whether the entry's parts fit together (a damaged or
// foreign entry is a miss).
func (e *unitEntry) sound() bool {
	switch {
	case len(e.Inputs) == 0:
		return false
	case e.Failed != nil:
		return !e.Skipped && e.Exported == nil && e.Findings == nil && e.Asked == nil && e.Degraded == nil
	case e.Skipped:
		return e.Exported == nil
	}
	return true
}

type input struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
}

// unitState is what a run learns of one unit for the cache.
type unitState struct {
	key       cache.Key
	keyed     bool
	hit       *unitEntry
	skipped   bool     // in phase 1 (the entry's Skipped)
	idents    []string // of a skipped unit
	inputs1   []string // of this run's phase-1 parse (nil: not parsed then)
	inputs2   []string // of this run's phase-2 parse
	parsed1   bool
	parsed2   bool
	lateDone  bool          // findings of a skipped unit from its late entry
	failure   *cparse.Error // of this run's phase-1 parse
	degraded1 []string      // of this run's phase-1 parse, skipped
}

// runCache is one Run's use of the cache.
type runCache struct {
	uc     *UnitCache
	cfg    Config
	p      *cparse.Parser
	files  []string
	units  []unitState
	hashes sync.Map // abs path -> string ("" when unreadable)
	inputs sync.Map // abs path -> []string, from Parser.Inputs
	mode   string
	stamps *fileStamps
	digest func() [32]byte // prescanDigest, once
}

func (uc *UnitCache) begin(cfg Config, p *cparse.Parser, files []string) *runCache {
	if uc == nil {
		return nil
	}
	rc := &runCache{uc: uc, cfg: cfg, p: p, files: files, units: make([]unitState, len(files)), stamps: loadStamps(uc.store, p.Tree.Root)}
	rc.digest = sync.OnceValue(rc.prescanDigest)
	p.Inputs = func(abs string, files []string) { rc.inputs.Store(abs, files) }
	// what decides which units are parsed (not their results, but the
	// entries' shape: a skipped entry has no summaries)
	rc.mode = strings.Join([]string{p.CPP, boolStr(p.Interesting != nil), boolStr(p.Prescan)}, ",")
	return rc
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// key is unit abs's key in the given mode ("" when it cannot be read).
func (rc *runCache) key(abs, mode string) (cache.Key, bool) {
	sum, ok := rc.contentHash(abs)
	if !ok {
		return cache.Key{}, false
	}
	flags, err := rc.p.Tree.Flags(abs)
	if err != nil {
		return cache.Key{}, false
	}
	t := rc.p.Tree
	h := sha256.New()
	parts := []string{"pcslint unit v1", string(rc.uc.salt[:]), t.Root, t.Kind.String(), t.Arch, rc.fileHash(filepath.Join(t.Root, "include/config/auto.conf")),
		mode, boolStr(rc.cfg.Exhaustive), t.Rel(abs), strings.Join(flags, "\x00"),
		// the limits decide whether a unit fails (the time budget too, but
		// not reproducibly: a unit served once parsed in time is served)
		fmt.Sprint(rc.p.MaxFileSize, rc.p.MaxPreprocessedSize, rc.p.ExpansionLimit)}
	for _, s := range parts {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	h.Write(sum[:])
	var k cache.Key
	h.Sum(k[:0])
	return k, true
}

func lateKey(k cache.Key) cache.Key {
	return sha256.Sum256(append([]byte("late\x00"), k[:]...))
}

// inputHashBytes: 128 bits of SHA-256 tell a changed file from the old
// one as surely as 256 and halve the entries (a unit has hundreds of
// inputs, and their hashes do not compress).
const inputHashBytes = 16

// fileHash is the content hash of a file of the run (through the tree's
// overlay), memoized: the units of a run include mostly the same headers.
func (rc *runCache) fileHash(abs string) string {
	if v, ok := rc.hashes.Load(abs); ok {
		return v.(string)
	}
	var h string
	if abs == cparse.PrescanInput {
		d := rc.digest()
		h = hex.EncodeToString(d[:inputHashBytes])
	} else if name, ok := cparse.TreeHeaderName(abs); ok {
		d := rc.p.TreeHeaderDigest(name)
		h = hex.EncodeToString(d[:inputHashBytes])
	} else if sum, ok := rc.contentHash(abs); ok {
		h = hex.EncodeToString(sum[:inputHashBytes])
	}
	rc.hashes.Store(abs, h)
	return h
}

// contentHash is the SHA-256 of a file as the run sees it: through the
// tree's overlay (a patched file, a pristine tree's generated headers),
// else on disk by its stamp (stamps.go).
func (rc *runCache) contentHash(abs string) ([32]byte, bool) {
	ov := rc.p.Tree.Overlay()
	if b, ok := ov.Get(abs); ok {
		return sha256.Sum256(b), true
	}
	if _, gone := ov.Has(abs); gone {
		return [32]byte{}, false
	}
	return rc.stamps.hash(abs)
}

// prescanDigest is the parser's PrescanDigest, from the cache when the
// files its macro index is made of are unchanged: building the index
// reads every shared header, most of a warm run's time otherwise.
func (rc *runCache) prescanDigest() [32]byte {
	h := sha256.New()
	io.WriteString(h, "pcslint prescan digest v1\x00")
	h.Write(rc.uc.salt[:])
	for _, f := range rc.p.PrescanSources() {
		sum, ok := rc.contentHash(f)
		if !ok {
			continue // unreadable: the index skips it too
		}
		io.WriteString(h, f)
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	var k cache.Key
	h.Sum(k[:0])
	if d, ok := rc.uc.store.Get(k); ok && len(d) == 32 {
		return [32]byte(d)
	}
	d := rc.p.PrescanDigest()
	rc.uc.store.Put(k, d[:])
	return d
}

// pseudoInput says whether a "<...>" input stands for something of the
// tree (cparse.PrescanInput, cparse.TreeHeaderInput), not a file of gcc's.
func pseudoInput(path string) bool {
	_, header := cparse.TreeHeaderName(path)
	return path == cparse.PrescanInput || header
}

// get reads and validates the entry under k.
func (rc *runCache) get(k cache.Key) *unitEntry {
	data, ok := rc.uc.store.Get(k)
	if !ok {
		return nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var e unitEntry
	if json.NewDecoder(zr).Decode(&e) != nil || !e.sound() {
		return nil
	}
	for _, in := range e.Inputs {
		if h := rc.fileHash(in.Path); h == "" || h != in.Hash {
			return nil
		}
	}
	return &e
}

// lookupAll returns the valid entry (nil: none) of each of the n units,
// jobs at a time; all nil without a cache.
func (rc *runCache) lookupAll(ctx context.Context, n, jobs int) []*unitEntry {
	out := make([]*unitEntry, n)
	if rc == nil {
		return out
	}
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for i := range rc.files {
		g.Go(func() error {
			out[i] = rc.lookup(i)
			return nil
		})
	}
	_ = g.Wait()
	return out
}

// lookup returns unit i's valid entry, nil when there is none.
func (rc *runCache) lookup(i int) *unitEntry {
	if rc == nil {
		return nil
	}
	u := &rc.units[i]
	u.key, u.keyed = rc.key(rc.files[i], rc.mode)
	if !u.keyed {
		return nil
	}
	e := rc.get(u.key)
	if e == nil {
		return nil
	}
	u.hit, u.skipped, u.idents = e, e.Skipped, e.Idents
	rc.uc.Hits.Add(1)
	return e
}

// restore is unit i served from entry e.
func restoreUnit(abs, rel string, e *unitEntry) (*cparse.File, *flow.Summaries) {
	f := &cparse.File{Path: rel, AbsPath: abs, Skipped: e.Skipped, Idents: e.Idents, Degraded: e.Degraded}
	if e.Skipped {
		return f, nil
	}
	if e.Exported == nil {
		return f, flow.NewSummaries()
	}
	return f, flow.FromTable(*e.Exported)
}

// parsed records the outcome of unit i's parse just done (phase 1 or 2)
// and its inputs (nil when the parser did not list them: not cached).
func (rc *runCache) parsed(i int, phase2 bool, f *cparse.File, err error) {
	if rc == nil {
		return
	}
	abs := rc.files[i]
	v, _ := rc.inputs.LoadAndDelete(abs)
	in, _ := v.([]string)
	u := &rc.units[i]
	if phase2 {
		u.parsed2, u.inputs2 = true, in
		return
	}
	u.parsed1, u.inputs1 = true, in
	switch {
	case err != nil:
		u.failure, _ = err.(*cparse.Error)
	case f.Skipped:
		// skipped after a degraded gcc -E: the report lists its stubs
		u.skipped, u.idents, u.degraded1 = true, f.Idents, f.Degraded
	}
}

// late serves a skipped unit that calls a summarized function (phase 2)
// from its late entry when the answers it got are still those of final:
// its findings and, when the late parse was degraded, its stubs.
func (rc *runCache) late(i int, final *flow.Summaries) (*unitEntry, bool) {
	if rc == nil || !rc.units[i].keyed {
		return nil, false
	}
	e := rc.get(lateKey(rc.units[i].key))
	if e == nil || e.Asked == nil || e.Failed != nil || e.Asked.Stale(final) {
		return nil, false
	}
	rc.units[i].lateDone = true
	return e, true
}

// stale says whether unit i, served from the cache, must be checked again
// against final.
func (rc *runCache) stale(i int, final *flow.Summaries) bool {
	a := rc.units[i].hit.Asked
	return a == nil || a.Stale(final)
}

// finish writes the entries of the units this run parsed, then keeps the
// cache under its size bound.
func (rc *runCache) finish(failed []*cparse.Error, kept []*cparse.File, exported []*flow.Summaries, findings [][]report.Finding, answers []*flow.Answers) {
	if rc == nil {
		return
	}
	put := func(k cache.Key, in []string, e unitEntry) {
		for _, path := range in {
			if path == "" || path[0] == '<' && !pseudoInput(path) {
				continue // <built-in>, <command-line>
			}
			h := rc.fileHash(path)
			if h == "" {
				return // an input gone already: nothing to validate with
			}
			e.Inputs = append(e.Inputs, input{path, h})
		}
		sort.Slice(e.Inputs, func(a, b int) bool { return e.Inputs[a].Path < e.Inputs[b].Path })
		if len(e.Inputs) == 0 {
			return
		}
		// the paths compress well: a third to a fifth of the size
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		if json.NewEncoder(zw).Encode(e) != nil || zw.Close() != nil {
			return
		}
		if rc.uc.store.Put(k, b.Bytes()) == nil {
			rc.uc.Puts.Add(1)
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i := range rc.units {
		u := &rc.units[i]
		if !u.keyed {
			continue
		}
		if failed[i] != nil {
			// the phase-1 parse's own failure only, not a rule's or a
			// second parse's
			if u.parsed1 && !u.parsed2 && failed[i] == u.failure && u.inputs1 != nil {
				put(u.key, u.inputs1, unitEntry{Failed: u.failure})
			}
			continue
		}
		var asked *flow.Asked
		if answers[i] != nil {
			a := answers[i].Snapshot()
			asked = &a
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			switch {
			case u.skipped:
				if u.parsed1 && u.inputs1 != nil {
					put(u.key, u.inputs1, unitEntry{Skipped: true, Idents: u.idents, Degraded: u.degraded1})
				}
				if u.parsed2 && u.inputs2 != nil && asked != nil {
					put(lateKey(u.key), u.inputs2, unitEntry{Findings: findings[i], Asked: asked, Degraded: kept[i].Degraded})
				}
			case u.parsed1 || u.parsed2:
				in := u.inputs1
				if u.parsed2 {
					in = u.inputs2
				}
				if in == nil || exported[i] == nil || asked == nil {
					return
				}
				t := exported[i].Table()
				put(u.key, in, unitEntry{Exported: &t, Findings: findings[i], Asked: asked, Degraded: kept[i].Degraded})
			}
		}()
	}
	wg.Wait()
	rc.stamps.save(rc.uc.store, rc.p.Tree.Root)
	if len(rc.files) >= prescanMinFiles {
		rc.addTreeFiles()
	}
	rc.uc.store.Prune()
}

// served says whether unit i was served from the cache (not skipped).
func (rc *runCache) served(i int) bool {
	return rc != nil && rc.units[i].hit != nil && !rc.units[i].skipped
}

// summariesOf returns the exported summaries of a file outside the run
// (Config.Elsewhere) from its entry, whichever mode wrote it: nil, true
// for a unit that summarizes nothing; false when it has no valid entry.
func (rc *runCache) summariesOf(abs string) (*flow.Summaries, bool) {
	if rc == nil {
		return nil, false
	}
	for _, mode := range []string{rc.mode, rc.p.CPP + ",1,1", rc.p.CPP + ",1,0"} {
		k, ok := rc.key(abs, mode)
		if !ok {
			return nil, false
		}
		e := rc.get(k)
		switch {
		case e == nil:
			continue
		case e.Skipped, e.Failed != nil:
			return nil, true
		case e.Exported == nil:
			return flow.NewSummaries(), true
		}
		return flow.FromTable(*e.Exported), true
	}
	return nil, false
}

// treeKey names the list of a tree's files that runs of it analyzed.
func (uc *UnitCache) treeKey(tree *cparse.Tree) cache.Key {
	return sha256.Sum256([]byte("pcslint tree v1\x00" + string(uc.salt[:]) + "\x00" + tree.Root + "\x00" + tree.Kind.String()))
}

// treeFiles returns also, besides those in also, the files of tree that
// earlier runs analyzed (those still there), except files.
func (uc *UnitCache) treeFiles(tree *cparse.Tree, files, also []string) []string {
	data, ok := uc.store.Get(uc.treeKey(tree))
	if !ok {
		return also
	}
	var rels []string
	if json.Unmarshal(data, &rels) != nil {
		return also
	}
	seen := map[string]bool{}
	for _, f := range files {
		seen[f] = true
	}
	out := append([]string(nil), also...)
	for _, f := range also {
		seen[f] = true
	}
	for _, rel := range rels {
		abs := filepath.Join(tree.Root, rel)
		if !seen[abs] {
			seen[abs] = true
			if _, err := os.Stat(abs); err == nil {
				out = append(out, abs)
			}
		}
	}
	sort.Strings(out)
	return out
}

// addTreeFiles adds the run's files to the tree's list (treeFiles).
func (rc *runCache) addTreeFiles() {
	uc, tree := rc.uc, rc.p.Tree
	set := map[string]bool{}
	if data, ok := uc.store.Get(uc.treeKey(tree)); ok {
		var rels []string
		if json.Unmarshal(data, &rels) == nil {
			for _, r := range rels {
				set[r] = true
			}
		}
	}
	n := len(set)
	for _, f := range rc.files {
		set[tree.Rel(f)] = true
	}
	if len(set) == n {
		return
	}
	rels := make([]string, 0, len(set))
	for r := range set {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	if data, err := json.Marshal(rels); err == nil {
		uc.store.Put(uc.treeKey(tree), data)
	}
}

// ImportCache adds the entries of the cache directory src (a shard's) to
// the cache directory dst (cache.Import).
func ImportCache(dst, src string) error { return cache.Import(dst, src) }
