// Package driver is pcslint's driver: C units in, rules run, findings out.
//
// Main is the command line (cmd/pcslint parses the flags into Options):
// it opens the tree, runs the rules over the files (Run, configured by
// Config), applies suppressions and the --baseline, runs the patch gate
// (--patch, --diff, --range) through package gate, and writes the report
// with package report. Around Run: the per-file result cache (UnitCache),
// the memory-bounded parallelism (MemoryBudget), the build's Version.
// Workspace is the language server's entry (one file, unsaved buffers);
// KbuildUnit is make C=1's (one file with kbuild's flags).
//
// Arrows go one way: cmd/pcslint and lsp import driver; driver imports
// gate, report, the rules and cparse; gate and report import neither the
// driver nor the rules.
package driver
