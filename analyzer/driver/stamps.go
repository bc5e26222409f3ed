package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/pcslint/pcslint/internal/cache"
)

// fileStamps remembers across runs the content hash of each file a run
// hashed, under what stat says of the file (size, modification and change
// times, inode, device), as git's index does: a warm run then stats the
// thousands of sources and headers its entries name instead of reading
// them. A stamp is trusted only when every field is the same. The change
// time (ctime) is set by the kernel on every write and cannot be set back
// by a user; a stamp is kept only for a file whose ctime is older than
// the run's start by more than the timestamps' granularity, so that a
// write after the file was read always shows (git's "racily clean"
// entries). What it assumes: a clock that does not go back, and a file
// system that keeps ctime (not one remounted with other inodes under the
// same path and the same times).
type fileStamps struct {
	mu      sync.Mutex
	known   map[string]fileStamp
	changed bool
	settled int64 // ctime (ns) before which a stamp may be kept
}

type fileStamp struct {
	Size, Mtime, Ctime int64
	Ino, Dev           uint64
	Hash               [32]byte
}

// stampSettle is how much older than the run a file's ctime must be for
// its stamp to be kept: more than any file system's timestamp granularity
// (ext4 and tmpfs take the kernel's coarse clock, a few milliseconds).
const stampSettle = 2 * time.Second

// stampsKey names the stamps of the files of the tree at root. They do
// not depend on pcslint's build: a rebuilt pcslint keeps them.
func stampsKey(root string) cache.Key {
	return sha256.Sum256([]byte("pcslint file stamps v1\x00" + root))
}

// loadStamps reads the stamps the store holds for root (none when
// unreadable: every file is read and hashed).
func loadStamps(s *cache.Store, root string) *fileStamps {
	fs := &fileStamps{known: map[string]fileStamp{}, settled: time.Now().Add(-stampSettle).UnixNano()}
	if data, ok := s.Get(stampsKey(root)); ok {
		var known map[string]fileStamp
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&known) == nil {
			fs.known = known
		}
	}
	return fs
}

// save writes the stamps back when the run added or changed some.
func (fs *fileStamps) save(s *cache.Store, root string) {
	if fs == nil {
		return
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if !fs.changed {
		return
	}
	// files gone since are dropped, so that the stamps do not grow with
	// every file a tree ever had
	for p := range fs.known {
		if _, err := os.Lstat(p); err != nil {
			delete(fs.known, p)
		}
	}
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(fs.known) == nil {
		s.Put(stampsKey(root), b.Bytes())
	}
}

func statStamp(path string) (fileStamp, bool) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return fileStamp{}, false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{Size: st.Size(), Mtime: st.ModTime().UnixNano(), Ctime: sys.Ctim.Nano(), Ino: sys.Ino, Dev: uint64(sys.Dev)}, true
}

// hash is the SHA-256 of the file at path on disk; false when it cannot
// be read. Nil stamps read every file.
func (fs *fileStamps) hash(path string) ([32]byte, bool) {
	st, statted := statStamp(path)
	if fs == nil {
		statted = false
	}
	if statted {
		fs.mu.Lock()
		k, ok := fs.known[path]
		fs.mu.Unlock()
		if ok {
			h := k.Hash
			k.Hash = [32]byte{}
			if k == st {
				return h, true
			}
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return [32]byte{}, false
	}
	h := sha256.Sum256(b)
	if statted && fs != nil && st.Ctime < fs.settled && int64(len(b)) == st.Size {
		st.Hash = h
		fs.mu.Lock()
		fs.known[path] = st
		fs.changed = true
		fs.mu.Unlock()
	}
	return h, true
}
