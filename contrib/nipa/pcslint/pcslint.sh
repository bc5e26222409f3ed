#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pcslint as a NIPA patch test (tests/patch/pcslint/ of linux-netdev/nipa):
# the lifetime and refcount findings that the patch under test adds. NIPA
# runs it in the tree with the patch committed as HEAD; pcslint judges that
# commit alone (--range HEAD~1..HEAD), so a finding a later patch of the
# series fixes still counts against this one.
#
# Exit status, as NIPA reads it: 0 no new finding; 250 (warning) new
# warning- or note-level findings, or pcslint could not check the patch (a
# file it touches does not parse: pcslint's limit, not the patch's fault);
# 1 (fail) a new error-level finding. One line of description goes to
# DESC_FD; the report to stdout, pcslint's own messages to stderr.
#
# PCSLINT names the pcslint binary (default: pcslint in PATH).

pcslint=${PCSLINT:-pcslint}

desc() {
	if [ -n "$DESC_FD" ]; then
		echo "$1" >&"$DESC_FD"
	else
		echo "$1"
	fi
}

report=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$report" "$errors"' EXIT

"$pcslint" --range HEAD~1..HEAD --fail-on error --color never --progress never >"$report" 2>"$errors"
rc=$?
cat "$report"
cat "$errors" >&2

new=$(sed -n 's/^patch ".*": \([0-9]*\) new, [0-9]* fixed$/\1/p' "$report" | tail -n 1)
first=$(grep -m 1 -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning|note): ' "$report")

case $rc in
0)
	if [ "${new:-0}" -gt 0 ]; then
		desc "pcslint: $new new finding(s), first: $first"
		exit 250
	fi
	desc "pcslint: no new findings"
	exit 0
	;;
1)
	first=$(grep -m 1 -E '^[^ ]+:[0-9]+:[0-9]+: error: ' "$report")
	desc "pcslint: $new new finding(s), first error: $first"
	exit 1
	;;
*)
	desc "pcslint could not check the patch: $(head -n 1 "$errors")"
	exit 250
	;;
esac
