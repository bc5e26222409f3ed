package cparse

import (
	"io/fs"
	"path/filepath"
	"strings"

	cc "github.com/pcslint/pcslint/third_party/cc"
)

// Arity is how a stub header declares a name: the number of arguments a
// call takes (at least Min, at most Max; Max is -1 when variadic), and
// whether it is a function-like macro rather than a function.
type Arity struct {
	Min, Max int
	Macro    bool
}

// StubArities parses every stub header together and returns the
// functions they declare and the function-like macros they define, by
// name, so that the model's entries can be checked against the
// declarations fixtures and standalone files are analyzed with.
func StubArities() (map[string]Arity, error) {
	var src strings.Builder
	err := fs.WalkDir(stubFS, "include", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".h") {
			src.WriteString("#include <" + strings.TrimPrefix(p, "include/") + ">\n")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	abi, err := cc.NewABI("linux", "amd64")
	if err != nil {
		return nil, err
	}
	o := NewOverlay()
	addStubHeaders(o)
	abs := filepath.Join(filepath.Dir(stubRoot), "all-stubs.c")
	cfg := &cc.Config{
		ABI: abi, FS: o, Predefined: predefinedX86,
		IncludePaths: []string{"", stubRoot}, SysIncludePaths: []string{stubRoot},
		DefaultSizeT: cc.ULong, DefaultPtrdiffT: cc.Long, DefaultWcharT: cc.Int,
	}
	if err := cfg.ApplyOptions("-std=gnu11"); err != nil {
		return nil, err
	}
	ast, err := cc.Parse(cfg, []cc.Source{
		{Name: "<predefined>", Value: predefinedX86},
		{Name: "<builtin>", Value: cc.Builtin},
		{Name: "<command-line>", Value: "#define __KERNEL__ 1\n"},
		{Name: abs, Value: src.String()},
	})
	if err != nil {
		return nil, err
	}
	out := map[string]Arity{}
	for name, m := range ast.Macros {
		if m.IsFnLike {
			a := Arity{Min: m.MinArgs, Max: len(m.Params), Macro: true}
			if m.VarArg >= 0 {
				a.Max = -1
			}
			out[name] = a
		}
	}
	fn := func(d *cc.Declarator) {
		if d == nil {
			return
		}
		// read from the syntax, as cc.Parse leaves declarations unchecked
		ptl := funcParams(d.DirectDeclarator)
		if ptl == nil {
			return
		}
		n := 0
		for pl := ptl.ParameterList; pl != nil; pl = pl.ParameterList {
			if pd := pl.ParameterDeclaration; pd != nil && !isVoidParam(pd) {
				n++
			}
		}
		a := Arity{Min: n, Max: n}
		if ptl.Case == cc.ParameterTypeListVar {
			a.Max = -1
		}
		out[d.Name()] = a
	}
	for tu := ast.TranslationUnit; tu != nil; tu = tu.TranslationUnit {
		ed := tu.ExternalDeclaration
		switch {
		case ed == nil:
		case ed.Case == cc.ExternalDeclarationFuncDef:
			fn(ed.FunctionDefinition.Declarator)
		case ed.Case == cc.ExternalDeclarationDecl && ed.Declaration != nil:
			for l := ed.Declaration.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
				if l.InitDeclarator != nil {
					fn(l.InitDeclarator.Declarator)
				}
			}
		}
	}
	return out, nil
}

// isVoidParam: the (void) of a function without parameters.
func isVoidParam(pd *cc.ParameterDeclaration) bool {
	if pd.Declarator != nil || pd.AbstractDeclarator != nil {
		return false
	}
	ds := pd.DeclarationSpecifiers
	return ds != nil && ds.DeclarationSpecifiers == nil && ds.Case == cc.DeclarationSpecifiersTypeSpec &&
		ds.TypeSpecifier != nil && ds.TypeSpecifier.Case == cc.TypeSpecifierVoid
}
