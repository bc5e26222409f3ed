package cparse

import (
	"os"
	"testing"
)

// PCSLINT_PREPROCESSED=unit.i (gcc -E output) go test -bench Prune ./cparse
func BenchmarkPrune(b *testing.B) {
	path := os.Getenv("PCSLINT_PREPROCESSED")
	if path == "" {
		b.Skip("set PCSLINT_PREPROCESSED to a gcc -E output")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	main := ""
	s := scanner{src: src}
	for {
		t, ok := s.next()
		if !ok {
			break
		}
		if t.kind == tkLine && main == "" {
			main = s.file
		}
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		prune(src, main, nil)
	}
}
