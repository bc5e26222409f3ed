// Package cache is pcslint's persistent store of per-unit results: a
// content-addressed directory of keyed byte strings. The store itself is
// github.com/rogpeppe/go-internal/cache, a copy of the go command's build
// cache: entries are written to a temporary name and renamed, so two
// processes can share a directory; every output is checked against its
// SHA-256 when read, so a truncated or corrupt entry reads as a miss.
// This package adds the location rules, a size bound and cleaning.
package cache

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	gocache "github.com/rogpeppe/go-internal/cache"
)

// Key names an entry: the hash of everything its value depends on.
type Key = [sha256.Size]byte

// DefaultMaxBytes bounds the store: about 20 times what drivers/net +
// drivers/phy need (their 650 parsed units' entries take ~15 MB).
const DefaultMaxBytes = 512 << 20

// Dir is the store's directory: dir when given, else pcslint/units under
// the user's cache directory (XDG_CACHE_HOME on Linux). A subdirectory,
// since pcslint's cache directory also holds other things (kernel trees
// of the test suite) that cleaning must not touch.
func Dir(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "pcslint", "units"), nil
}

// Store is an open cache directory.
type Store struct {
	c   *gocache.Cache
	dir string
	// Max is the size bound Prune applies; 0 means DefaultMaxBytes.
	Max int64
}

// Open opens (creating it) the store in dir.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	c, err := gocache.Open(dir)
	if err != nil {
		return nil, err
	}
	return &Store{c: c, dir: dir}, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Get returns the value stored under key; ok is false when there is none
// or it is damaged.
func (s *Store) Get(key Key) (data []byte, ok bool) {
	data, _, err := s.c.GetBytes(key)
	return data, err == nil
}

// Put stores data under key.
func (s *Store) Put(key Key, data []byte) error {
	return s.c.PutBytes(key, data)
}

// pruneInterval is how often Prune walks the store to bound its size.
const pruneInterval = 10 * time.Minute

// Prune removes entries unused for days (the go cache's own trimming, at
// most once a day), then the least recently used ones until the store is
// under its bound. Safe while another process uses the store: an entry
// removed under it reads as a miss there.
func (s *Store) Prune() error {
	if err := s.c.Trim(); err != nil {
		return err
	}
	max := s.Max
	if max <= 0 {
		max = DefaultMaxBytes
	}
	// walking the store costs a few tenths of a second on a whole tree's:
	// at most once every pruneInterval (with Max set, a test, always)
	mark := filepath.Join(s.dir, "prune.txt")
	if st, err := os.Stat(mark); err == nil && s.Max == 0 && time.Since(st.ModTime()) < pruneInterval {
		return nil
	}
	os.WriteFile(mark, nil, 0o666)
	type file struct {
		path string
		size int64
		used int64
	}
	var files []file
	var total int64
	for _, sub := range subdirs(s.dir) {
		ents, _ := os.ReadDir(sub)
		for _, e := range ents {
			if !strings.HasSuffix(e.Name(), "-a") && !strings.HasSuffix(e.Name(), "-d") {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			files = append(files, file{filepath.Join(sub, e.Name()), info.Size(), info.ModTime().UnixNano()})
			total += info.Size()
		}
	}
	if total <= max {
		return nil
	}
	// the go cache touches a used entry at most once an hour: within the
	// hour, order is by write time
	sort.Slice(files, func(i, j int) bool { return files[i].used < files[j].used })
	for _, f := range files {
		if total <= max*9/10 {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
	return nil
}

// Clean removes the store's entries from dir, and nothing else there.
func Clean(dir string) error {
	var errs []error
	for _, sub := range subdirs(dir) {
		errs = append(errs, os.RemoveAll(sub))
	}
	for _, name := range []string{"README", "trim.txt", "prune.txt"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// subdirs are the store's 256 subdirectories (00 to ff) that exist.
func subdirs(dir string) []string {
	var out []string
	for i := 0; i < 256; i++ {
		sub := filepath.Join(dir, hex2(i))
		if st, err := os.Stat(sub); err == nil && st.IsDir() {
			out = append(out, sub)
		}
	}
	return out
}

func hex2(i int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[i>>4], digits[i&15]})
}

// Import copies into dst the entries of the store in src that dst lacks
// (a shard's cache into the merging job's). Entries are named by their
// key and content, so a union of stores is a store.
func Import(dst, src string) error {
	if _, err := Open(dst); err != nil {
		return err
	}
	for _, sub := range subdirs(src) {
		ents, err := os.ReadDir(sub)
		if err != nil {
			return err
		}
		for _, e := range ents {
			name := e.Name()
			if !strings.HasSuffix(name, "-a") && !strings.HasSuffix(name, "-d") {
				continue
			}
			to := filepath.Join(dst, filepath.Base(sub), name)
			if _, err := os.Stat(to); err == nil {
				continue
			}
			data, err := os.ReadFile(filepath.Join(sub, name))
			if err != nil {
				continue // pruned meanwhile
			}
			// written aside and renamed: a reader never sees half a file
			tmp := to + ".import"
			if err := os.WriteFile(tmp, data, 0o666); err != nil {
				return err
			}
			if err := os.Rename(tmp, to); err != nil {
				return err
			}
		}
	}
	return nil
}
