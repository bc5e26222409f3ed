package cparse

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type benchUnit struct {
	name, main string
	src        []byte
}

// benchUnits reads the gcc -E outputs PCSLINT_PREPROCESSED lists
// (separated like PATH).
func benchUnits(b *testing.B) []benchUnit {
	paths := filepath.SplitList(os.Getenv("PCSLINT_PREPROCESSED"))
	if len(paths) == 0 {
		b.Skip("set PCSLINT_PREPROCESSED to gcc -E outputs")
	}
	var units []benchUnit
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, benchUnit{filepath.Base(p), mainFileOf(src), src})
	}
	return units
}

// mainFileOf is the file of a gcc -E output's first linemarker.
func mainFileOf(src []byte) string {
	s := scanner{src: src}
	for {
		t, ok := s.next()
		if !ok {
			return ""
		}
		if t.kind == tkLine {
			return s.file
		}
	}
}

// benchNorm does what Parser.treePath does to a name relative to the root.
func benchNorm(f string) string {
	if strings.HasPrefix(f, "<") {
		return f
	}
	return filepath.Clean(filepath.Join("/src/linux", f))
}

// chunkReader hands out at most n bytes a read, as gcc's pipe does.
type chunkReader struct {
	src []byte
	n   int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.src) == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n, len(r.src))
	copy(p, r.src[:k])
	r.src = r.src[k:]
	return k, nil
}

// PCSLINT_PREPROCESSED=a.i:b.i go test -run XXX -bench 'Prune|Split' -benchmem ./cparse
func BenchmarkPrune(b *testing.B) {
	for _, u := range benchUnits(b) {
		b.Run(u.name, func(b *testing.B) {
			b.SetBytes(int64(len(u.src)))
			for b.Loop() {
				prune(u.src, u.main, nil)
			}
		})
	}
}

// BenchmarkSplit takes gccPreprocess's path: split while reading the pipe,
// then prune. Units come from a warm pool, as in a scan; "all" splits the
// units one after the other.
func BenchmarkSplit(b *testing.B) {
	units := benchUnits(b)
	names := &fileNames{}
	split := func(b *testing.B, bu benchUnit) {
		u, err := splitStream(&chunkReader{bu.src, 64 << 10}, math.MaxInt64-1, benchNorm, names)
		if err != nil {
			b.Fatal(err)
		}
		u.prune(benchNorm(bu.main))
		u.release()
	}
	for _, bu := range units {
		b.Run(bu.name, func(b *testing.B) {
			b.SetBytes(int64(len(bu.src)))
			split(b, bu)
			for b.Loop() {
				split(b, bu)
			}
		})
	}
	if len(units) > 1 {
		b.Run("all", func(b *testing.B) {
			split(b, units[0])
			for b.Loop() {
				for _, bu := range units {
					split(b, bu)
				}
			}
		})
	}
}
