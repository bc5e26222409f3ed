#!/usr/bin/env bash
# check-cc-copy.sh: check that third_party/cc is still upstream
# modernc.org/cc/v4 v4.34.0 plus the patch series in third_party/cc/patches,
# and that the series still applies to upstream.
#
# Upstream comes from the Go module cache (`go mod download`, checked against
# sum.golang.org like any dependency), copied into a scratch git repository;
# each patch must pass `git apply --check` and is then applied, in order.
# Every .go file of the copy must then equal the patched upstream file once
# the copy's import of itself is turned back into modernc.org/cc/v4: that
# rewrite is the only change the copy may carry besides the patches (see
# third_party/cc/README.md). Upstream files the copy leaves out (parser.yy,
# the upstream tests, go.mod) are not compared.
#
# Exits 1 on a mismatch or a patch that does not apply, 2 when upstream
# cannot be downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

upstream=modernc.org/cc/v4@v4.34.0
self=github.com/pcslint/pcslint/third_party/cc
copy=$PWD/third_party/cc

scratch=$(mktemp -d "${TMPDIR:-/tmp}/check-cc-copy.XXXXXX")
trap 'chmod -R u+w "$scratch"; rm -rf "$scratch"' EXIT

# Outside this module, so that the download neither needs nor touches go.mod/go.sum.
if ! dir=$(cd "$scratch" && GOFLAGS=-mod=mod go mod download -json "$upstream" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || [ -z "$dir" ]; then
	echo "$0: cannot download $upstream" >&2
	exit 2
fi

cp -R "$dir" "$scratch/up"
chmod -R u+w "$scratch/up"
cd "$scratch/up"
git init -q .
git add -A
git -c user.name=check -c user.email=check@localhost commit -q -m "$upstream"

status=0
for p in "$copy"/patches/*.patch; do
	if ! git apply --check "$p"; then
		echo "$0: $(basename "$p") does not apply to $upstream" >&2
		exit 1
	fi
	git apply "$p"
done

for f in "$copy"/*.go; do
	name=$(basename "$f")
	if [ ! -f "$name" ]; then
		echo "$0: third_party/cc/$name is neither upstream nor made by a patch" >&2
		status=1
		continue
	fi
	if ! sed "s#\"$self\"#\"modernc.org/cc/v4\"#" "$f" | cmp -s - "$name"; then
		echo "$0: third_party/cc/$name differs from $upstream + patches:" >&2
		sed "s#\"$self\"#\"modernc.org/cc/v4\"#" "$f" | diff -u "$name" - | head -40 >&2 || true
		status=1
	fi
done
for f in *.go; do
	if [ ! -f "$copy/$f" ] && git ls-files --error-unmatch "$f" >/dev/null 2>&1 && ! grep -q '^//go:build ignore' "$f"; then
		case $f in
		*_test.go) ;; # upstream tests are left out on purpose
		*) echo "$0: upstream $f is missing from third_party/cc" >&2; status=1 ;;
		esac
	fi
done
[ $status -eq 0 ] && echo "third_party/cc = $upstream + $(ls "$copy"/patches/*.patch | wc -l) patches (imports of itself rewritten)"
exit $status
