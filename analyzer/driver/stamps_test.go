package driver

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pcslint/pcslint/internal/cache"
)

// A file whose stamp is unchanged is not read again; one whose size,
// inode or times differ is.
func TestStampsServeUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.h")
	if err := os.WriteFile(p, []byte("#define A 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// every file counts as settled
	fs := &fileStamps{known: map[string]fileStamp{}, settled: time.Now().Add(time.Hour).UnixNano()}
	want := sha256.Sum256([]byte("#define A 1\n"))
	if h, ok := fs.hash(p); !ok || h != want {
		t.Fatalf("hash %x %v, want %x", h, ok, want)
	}
	// the stamp answers, not the content: a planted hash comes back
	st := fs.known[p]
	st.Hash = [32]byte{1}
	fs.known[p] = st
	if h, _ := fs.hash(p); h != [32]byte{1} {
		t.Fatalf("the unchanged file was read again")
	}
	// the same size and modification time, another inode (a rename over
	// it, as editors and git do)
	q := filepath.Join(dir, "b.h")
	if err := os.WriteFile(q, []byte("#define B 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if err := os.Chtimes(q, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(q, p); err != nil {
		t.Fatal(err)
	}
	if h, _ := fs.hash(p); h != sha256.Sum256([]byte("#define B 1\n")) {
		t.Fatalf("a file replaced under the same size and time was served its old stamp")
	}
	// a file gone: no hash
	os.Remove(p)
	if _, ok := fs.hash(p); ok {
		t.Fatalf("a removed file has a hash")
	}
}

// A file changed less than stampSettle ago gets no stamp: a write later in
// the same clock tick would not show in its times.
func TestStampsNotKeptForRecentFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.h")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := &fileStamps{known: map[string]fileStamp{}, settled: time.Now().Add(-stampSettle).UnixNano()}
	if _, ok := fs.hash(p); !ok {
		t.Fatal("no hash")
	}
	if len(fs.known) != 0 || fs.changed {
		t.Fatalf("a file written just now was stamped")
	}
}

// The stamps go through the store and back; those of files gone are
// dropped; damaged ones are none.
func TestStampsSaved(t *testing.T) {
	dir := t.TempDir()
	s, err := cache.Open(filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	keep, gone := filepath.Join(dir, "keep.h"), filepath.Join(dir, "gone.h")
	for _, p := range []string{keep, gone} {
		if err := os.WriteFile(p, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := &fileStamps{known: map[string]fileStamp{}, settled: time.Now().Add(time.Hour).UnixNano()}
	fs.hash(keep)
	fs.hash(gone)
	os.Remove(gone)
	fs.save(s, "/tree")
	back := loadStamps(s, "/tree")
	if len(back.known) != 1 || back.known[keep] != fs.known[keep] {
		t.Fatalf("read back %v, want the stamp of %s only", back.known, keep)
	}
	if other := loadStamps(s, "/other"); len(other.known) != 0 {
		t.Fatalf("another tree's stamps: %v", other.known)
	}
	s.Put(stampsKey("/tree"), []byte("not gob"))
	if back := loadStamps(s, "/tree"); len(back.known) != 0 {
		t.Fatalf("damaged stamps read as %v", back.known)
	}
}
