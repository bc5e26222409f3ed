#!/usr/bin/env bash
# Makes cparse/pristine/ARCH.tar.gz, what `make prepare` generates for ARCH
# beyond the asm-generic wrappers pcslint writes itself: the configuration
# (autoconf.h of defconfig plus the pcslint options), asm-offsets.h and the
# arch's own generated headers (arm64's sysreg-defs.h, the syscall tables).
# A pristine tree analyzed with --arch ARCH gets them in memory, as x86 gets
# cparse/generated. Input: the tree `scripts/kernel-tree.sh ARCH` prepared.
set -euo pipefail
arch=$1
cd "$(dirname "$0")/.."
out=$PWD/cparse/pristine/$arch.tar.gz
tree=$(scripts/kernel-tree.sh "$arch")
mkdir -p cparse/pristine
cd "$tree"
find "arch/$arch/include/generated" include/generated -type f ! -name '.*' ! -name rustc_cfg ! -name compile.h \
  ! -name utsrelease.h ! -name package.h -print0 | xargs -0 grep -L '^#include <asm-generic/' | LC_ALL=C sort |
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - -T - | gzip -n9 > "$out"
echo "$out: $(tar -tzf "$out" | wc -l) files"
