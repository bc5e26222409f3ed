#!/usr/bin/env bash
# Runs each fuzz target for $FUZZTIME (default 30s), one after the other.
#
#   scripts/fuzz.sh                 all targets
#   scripts/fuzz.sh FuzzParse ...   only these
#   FUZZTIME=10m scripts/fuzz.sh    longer
#
# A crasher is written by go test to PKG/testdata/fuzz/TARGET/: keep that
# file as a regression seed (plain `go test ./...` then runs it) and fix
# the bug it shows. A target whose seeds already fail does not fuzz (go
# test stops at the seed corpus). The script runs every target and exits
# 1 if any failed.
# FUZZMINIMIZETIME (default 5s) bounds the minimization of each new
# interesting input; go test's default of 60s stalls short runs.
# A run that fails with "context deadline exceeded" at the end of
# $FUZZTIME and writes no new input is Go's fuzz coordinator race
# (go.dev/issue/75804, fixed in Go 1.27; this module is on 1.26), not a
# crasher: it is reported as a flake, not a failure.
set -euo pipefail

cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
minimize=${FUZZMINIMIZETIME:-5s}

failed=()
# every fuzz target of the module, found where it is defined (a package
# move must not leave the list pointing at a package that is gone)
targets=()
while IFS=: read -r file line; do
	name=${line#func }
	name=${name%%(*}
	targets+=("./$(dirname "${file#./}") $name")
done < <(grep -r --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*(' . | grep -v '^\./third_party/' | sort)

for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	if (($# > 0)); then
		want=0
		for a in "$@"; do [[ $a == "$name" ]] && want=1; done
		((want)) || continue
	fi
	echo "fuzz: $pkg $name for $fuzztime" >&2
	corpus="$pkg/testdata/fuzz/$name"
	before=$(ls "$corpus" 2>/dev/null | sort || true)
	log=$(mktemp)
	if go test "$pkg" -run '^$' -fuzz="^$name\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimize" 2>&1 | tee "$log"; then
		:
	elif grep -q 'context deadline exceeded' "$log" && [[ "$(ls "$corpus" 2>/dev/null | sort || true)" == "$before" ]]; then
		echo "fuzz: $name: flake of Go's fuzz coordinator (go.dev/issue/75804): no crasher written" >&2
	else
		failed+=("$name")
	fi
	rm -f "$log"
done
if ((${#failed[@]} > 0)); then
	echo "fuzz: failed: ${failed[*]}" >&2
	exit 1
fi
