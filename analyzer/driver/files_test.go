package driver

import (
	"os"
	"path/filepath"
	"testing"
)

// Symbolic links to .c files are reported, not followed.
func TestCollectFilesReportsLinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.c"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "b.c"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "b.c"), filepath.Join(dir, "b.c")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	files, links, err := collectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || filepath.Base(files[0]) != "a.c" {
		t.Errorf("files %v", files)
	}
	if len(links) != 1 || filepath.Base(links[0]) != "b.c" {
		t.Errorf("links %v", links)
	}
}
