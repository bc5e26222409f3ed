#!/bin/sh
# validate-sarif.sh FILE: check a SARIF log with Microsoft's SARIF
# multitool (npm @microsoft/sarif-multitool, a self-contained Linux binary;
# no .NET install needed). Exits non-zero if the log cannot be read or the
# multitool reports an error; its warnings are printed but do not fail.
#
# The multitool's checks are its SARIF rules (SARIF1xxx errors, SARIF2xxx
# warnings), its GitHub rules (GH1xxx, GH2xxx: what code scanning
# requires and ignores) and JSON syntax. Version 5.7.0 runs the GitHub
# rules with or without --rule-kind; it is named all the same. The
# backslash keeps the shell that the npm wrapper runs the binary through
# from reading ';' as the end of a command. It does not check the JSON schema: version
# 5.7.0 passes a result with level "fatal" and a run without "tool". The
# schema check is analyzer/report/out_sarif_test.go, which validates against the
# OASIS SARIF 2.1.0 schema in analyzer/report/testdata.
#
# Needs node/npx and, on first use, the npm registry (about 45 MB).
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 FILE.sarif" >&2
	exit 2
fi
in=$1
if [ ! -r "$in" ]; then
	echo "$0: cannot read $in" >&2
	exit 2
fi

out=$(mktemp "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")
trap 'rm -f "$out"' EXIT

# The multitool exits 0 even when it finds errors, so its own SARIF
# output is what decides.
npx --yes @microsoft/sarif-multitool validate --rule-kind 'Sarif\;Gh' "$in" --output "$out" --log ForceOverwrite

node - "$out" <<'JS'
const fs = require('fs');
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let errors = 0;
for (const run of log.runs || []) {
  for (const inv of run.invocations || []) {
    if (inv.executionSuccessful === false) {
      console.error('sarif-multitool did not run to completion');
      errors++;
    }
    for (const n of inv.toolExecutionNotifications || []) {
      if (n.level === 'error') {
        console.error('sarif-multitool: ' + (n.message && n.message.text));
        errors++;
      }
    }
  }
  for (const r of run.results || []) {
    if (r.level === 'error') errors++;
  }
}
if (errors > 0) {
  console.error(`validate-sarif: ${errors} error(s)`);
  process.exit(1);
}
console.error('validate-sarif: no errors');
JS
