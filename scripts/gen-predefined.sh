#!/usr/bin/env bash
# Regenerates cparse/predefined_*.h, the predefined macros of each target
# pcslint knows, from its cross gcc with the kernel's macro-relevant flags
# (the same lists as cparse/arch.go). Run after changing those flags.
set -euo pipefail
cd "$(dirname "$0")/.."
common="-nostdinc -std=gnu11 -fno-PIE -funsigned-char -fshort-wchar -fno-common -fno-strict-aliasing -O2 -fstack-protector-strong"
gen() { # out compiler flags...
  local out=$1 cc=$2; shift 2
  command -v "$cc" >/dev/null || { echo "gen-predefined: $cc not installed, $out kept" >&2; return 0; }
  "$cc" $common "$@" -dM -E - </dev/null | LC_ALL=C sort > "cparse/$out"
}
gen predefined_x86_64.h gcc -m64 -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -mno-80387 -mno-fp-ret-in-387 -mcmodel=kernel -fcf-protection=branch
gen predefined_arm64.h aarch64-linux-gnu-gcc -mlittle-endian -mgeneral-regs-only -mabi=lp64
gen predefined_powerpc.h powerpc64le-linux-gnu-gcc -m64 -mlittle-endian -mabi=elfv2 -mcpu=power8 -mno-altivec -mno-vsx -msoft-float -mno-prefixed -mno-pcrel
