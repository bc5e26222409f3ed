// Package report is what a pcslint run produced (Report, Finding and the
// rest of report.go) and everything that reads or writes it: the text,
// JSON and SARIF writers (WriteText, WriteJSON, WriteSARIF), the
// fingerprints that identify a finding across edits (Fingerprint), the
// SARIF reader behind --baseline (ReadBaseline, ApplyBaseline) and
// pcslint merge (MergeSARIF).
//
// It knows nothing of the rules or the C front end: a rule is the RuleInfo
// the driver fills in, its SARIF standing included.
package report
