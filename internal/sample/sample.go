// Package sample bundles a small driver tree, so that `pcslint -demo`
// shows real findings on a machine with no kernel source.
package sample

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed tree
var tree embed.FS

// Extract writes the sample tree into a temporary directory.
func Extract() (dir string, cleanup func(), err error) {
	tmp, err := os.MkdirTemp("", "pcslint-sample-")
	if err != nil {
		return "", nil, err
	}
	root := filepath.Join(tmp, "sample")
	err = fs.WalkDir(tree, "tree", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("tree", p)
		dst := filepath.Join(root, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := tree.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	return root, func() { os.RemoveAll(tmp) }, nil
}
