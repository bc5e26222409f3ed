package cparse

import (
	"embed"
	"io/fs"
	"path/filepath"
)

// Stub kernel headers for files analyzed outside a kernel tree (fixtures,
// a few files on their own): declarations of the APIs the rules model,
// written for pcslint, not copied from the kernel.
//
//go:embed include
var stubFS embed.FS

// stubRoot is the virtual include directory the stubs are served from.
const stubRoot = "/pcslint-stubs/include"

func addStubHeaders(o *Overlay) {
	_ = fs.WalkDir(stubFS, "include", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := stubFS.ReadFile(p)
		if err == nil {
			o.Set(filepath.Join(filepath.Dir(stubRoot), filepath.FromSlash(p)), b)
		}
		return err
	})
}
