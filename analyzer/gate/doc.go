// Package gate checks changes rather than trees: it reads patches (a git
// format-patch file, an mbox series, a unified diff: ReadPatches), applies
// them to an overlay of the tree without touching it (ApplyPatch), makes
// them from git (DiffFiles for --diff, RangePatches for --range), and runs
// the analysis before and after each patch to report what each one
// introduced and fixed (Gate). The analysis itself is the caller's
// (RunFunc): gate imports package report, never the driver.
package gate
