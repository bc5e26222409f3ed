// Package cparse is pcslint's C front end: it turns one .c file of a
// kernel tree into the small syntax tree the rules read (File, Func, Stmt,
// Expr in ast.go), with positions in the file as written.
//
// A unit goes through these steps (Parser.Parse):
//
//   - Flags: the tree (tree.go) says how the file is compiled — exact
//     commands from compile_commands.json in a built tree, kbuild's flags
//     synthesized for a configured or pristine one (kbuild.go), pcslint's
//     stub headers (include/) for a file outside any tree. Pristine trees
//     get the headers `make prepare` would generate in memory (overlay.go,
//     generated/).
//   - Prescan (prescan.go): on large runs, a file whose raw text (and
//     driver-local headers) names nothing a rule looks for is counted and
//     not preprocessed.
//   - Preprocessing: gcc -E when installed (gcc.go, the fast path), its
//     output split into declarations and pruned to what the file uses
//     (prune.go); else cc/v4's own preprocessor. The unit's --budget is
//     gcc's deadline; the output is capped.
//   - Parsing with the patched cc/v4 (third_party/cc) and conversion of its
//     grammar tree into ours (convert.go). Macro-expanded code carries the
//     position of the macro call site, and File.IdentAt gives the
//     identifier written there (the macro's name).
//   - Degraded mode (degraded.go): a file of another architecture is
//     parsed best effort with stub headers and types, and says so.
//
// Every failure is an *Error naming the file and its first error; limits
// (size, time, nesting, expansion) are errors too, never a silent skip.
package cparse
