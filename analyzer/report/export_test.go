package report

// What the external tests (package report_test, which may import the
// driver) use of the package's internals.
var LineDiff = lineDiff
