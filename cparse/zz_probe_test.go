package cparse

import (
	"context"
	"fmt"
	"go/token"
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZProbe(t *testing.T) {
	root := os.Getenv("PROBE_ROOT")
	if root == "" {
		t.Skip()
	}
	tree, err := OpenTree(root, "")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := NewParser(tree, token.NewFileSet())
	for _, f := range strings.Fields(os.Getenv("PROBE_FILES")) {
		st := time.Now()
		file, err := p.Parse(context.Background(), root+"/"+f)
		if err != nil {
			fmt.Printf("%s: FAIL %v (%v)\n", f, err, time.Since(st))
			continue
		}
		fmt.Printf("%s: ok %d funcs %d globals %d structs (%v)\n", f, len(file.Funcs), len(file.Globals), len(file.Structs), time.Since(st))
		if os.Getenv("PROBE_DUMP") != "" {
			for _, fn := range file.Funcs {
				fmt.Println(" ", fn.Name, p.Fset.Position(fn.NamePos), fn.Result, len(fn.Params))
			}
		}
	}
}
