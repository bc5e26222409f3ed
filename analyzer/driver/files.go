package driver

import (
	"io/fs"
	"path/filepath"
	"strings"
)

func absPath(p string) (string, error) { return filepath.Abs(p) }

// walkC visits the .c files below dir. Symbolic links to .c files are
// not followed: a link could lead out of the tree; they go to skipped so
// that the caller reports them.
func walkC(dir string, visit func(abs string), skipped func(link string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".c") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if skipped != nil {
				skipped(p)
			}
			return nil
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		visit(abs)
		return nil
	})
}
