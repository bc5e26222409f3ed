package cache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func key(i int) Key { return sha256.Sum256([]byte(fmt.Sprint(i))) }

// Prune keeps the store under its bound by removing the entries used
// longest ago; the newest survive.
func TestPruneOldestFirst(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.Max = 64 << 10
	data := make([]byte, 4<<10)
	old := time.Now().Add(-time.Hour)
	for i := 0; i < 40; i++ {
		data[0] = byte(i)
		if err := s.Put(key(i), data); err != nil {
			t.Fatal(err)
		}
		// entries 0..19 older than 20..39
		if i < 20 {
			for _, suffix := range []string{"-a", "-d"} {
				matches, _ := filepath.Glob(filepath.Join(s.Dir(), "*", "*"+suffix))
				for _, m := range matches {
					if st, _ := os.Stat(m); st.ModTime().After(old) {
						os.Chtimes(m, old, old)
					}
				}
			}
		}
	}
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	var kept int
	for i := 0; i < 40; i++ {
		if _, ok := s.Get(key(i)); ok {
			kept++
			if i < 20 {
				t.Errorf("old entry %d kept", i)
			}
		}
	}
	if kept == 0 {
		t.Error("every entry pruned")
	}
}

// Clean removes the store and nothing else in its directory; Import
// unites two stores.
func TestCleanAndImport(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	sa, _ := Open(a)
	sb, _ := Open(b)
	sa.Put(key(1), []byte("one"))
	sb.Put(key(2), []byte("two"))
	if err := Import(a, b); err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int]string{1: "one", 2: "two"} {
		if got, ok := sa.Get(key(i)); !ok || string(got) != want {
			t.Errorf("after import, entry %d = %q, %v", i, got, ok)
		}
	}
	other := filepath.Join(a, "kernel")
	os.Mkdir(other, 0o755)
	if err := Clean(a); err != nil {
		t.Fatal(err)
	}
	if _, ok := sa.Get(key(1)); ok {
		t.Error("entry survived Clean")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("Clean removed a directory not its own")
	}
}

func TestDirHonoursXDG(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	if d, _ := Dir(""); d != "/x/cache/pcslint/units" {
		t.Errorf("Dir = %s", d)
	}
}
