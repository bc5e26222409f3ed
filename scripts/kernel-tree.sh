#!/usr/bin/env bash
# Installs Debian's linux-source-6.12 and unpacks it into a cache directory
# outside the repository; optionally produces a configured copy.
#
#   scripts/kernel-tree.sh            -> prints the pristine tree path
#   scripts/kernel-tree.sh configured -> prints the configured tree path
#   scripts/kernel-tree.sh built      -> a configured copy with the analyzed
#                                        directories compiled and a
#                                        compile_commands.json
#   scripts/kernel-tree.sh arm64      -> a copy configured and prepared for
#                                        arm64 with Debian's cross gcc
#                                        (defconfig + the pcslint options)
#   scripts/kernel-tree.sh powerpc    -> the same for 64-bit little-endian
#                                        powerpc (ppc64le_defconfig; the
#                                        Freescale drivers by COMPILE_TEST)
#
# Cache: $PCSLINT_KERNEL_CACHE (default ~/.cache/pcslint/kernel).
# PCSLINT_KERNEL_PREPARED_ONLY=1: exit 3 instead of making a cross tree.
# Exit 3 when the package cannot be had (tests then skip with that message).
set -euo pipefail

variant=${1:-pristine}
cache=${PCSLINT_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pcslint/kernel}
pkg=linux-source-6.12
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

log() { echo "kernel-tree: $*" >&2; }

# tests of the trees that take long to make ask only for a ready one
if [ -n "${PCSLINT_KERNEL_PREPARED_ONLY:-}" ] && [ ! -f "$cache/$variant/.done" ]; then
  log "the $variant tree is not prepared"; exit 3
fi

tarball() {
  ls /usr/src/linux-source-6.12.tar.xz 2>/dev/null && return 0
  if ! command -v apt-get >/dev/null; then
    log "apt-get not available; cannot obtain $pkg"; return 3
  fi
  log "installing $pkg with apt-get"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if ! $sudo apt-get install -y -qq "$pkg" >&2; then
    $sudo apt-get update -qq >&2 || true
    $sudo apt-get install -y -qq "$pkg" >&2 || { log "apt-get install $pkg failed"; return 3; }
  fi
  ls /usr/src/linux-source-6.12.tar.xz
}

pristine="$cache/pristine/linux-source-6.12"
if [ ! -f "$cache/pristine/.done" ]; then
  tb=$(tarball) || exit 3
  log "unpacking $tb into $cache/pristine"
  rm -rf "$cache/pristine"; mkdir -p "$cache/pristine"
  tar -C "$cache/pristine" -xf "$tb"
  # unpacked files are read-only so nothing (pcslint included) writes into the tree unnoticed
  touch "$cache/pristine/.done"
fi

if [ "$variant" = pristine ]; then
  echo "$pristine"; exit 0
fi
case "$variant" in configured|built|arm64|powerpc) ;; *) log "usage: $0 [pristine|configured|built|arm64|powerpc]"; exit 2;; esac

# the options beyond defconfig that make the analyzed drivers part of the build;
# changing this list rebuilds the configured copy
options="COMPILE_TEST SPI NET_VENDOR_FREESCALE PCI PHYLIB PHYLINK PCS_XPCS PCS_LYNX PCS_MTK_LYNXI PCS_RZN1_MIIC GENERIC_PHY NET_DSA STMMAC_ETH
  STMMAC_PLATFORM SFP MDIO_DEVICE OF FSL_FMAN FSL_DPAA2_ETH NET_DSA_MSCC_FELIX FSL_ENETC FSL_ENETC_QOS
  NET_SCH_TAPRIO PTP_1588_CLOCK NET_DSA_MICROCHIP_KSZ_COMMON NET_DSA_MICROCHIP_KSZ_PTP NET_DSA_SJA1105 NET_DSA_SJA1105_PTP"
stamp="$(echo $options)"

need_build_tools() {
  local need=""
  for t in make gcc flex bison bc; do
    command -v $t >/dev/null || need="$need $t"
  done
  if [ -n "$need" ]; then
    log "installing build tools:$need"
    apt-get install -y -qq make gcc flex bison bc libelf-dev libssl-dev >&2 || { log "cannot install build tools"; exit 3; }
  fi
}

# A cross-configured copy: the SoC drivers pcslint is about (Layerscape DPAA2
# and ENETC, fman, stmmac glue) are built for arm64 and powerpc, and only
# those architectures' headers show whether pcslint follows a non-x86 tree.
if [ "$variant" = arm64 ] || [ "$variant" = powerpc ]; then
  # the cross tree has its own lock: preparing it takes minutes and should
  # not hold back users of the x86 trees
  flock -u 9
  exec 8>"$cache/.lock-$variant"
  flock 8
  case "$variant" in
    arm64) karch=arm64; cross=aarch64-linux-gnu-; gccpkg=gcc-aarch64-linux-gnu; defconfig=defconfig
      extra="ARCH_LAYERSCAPE FSL_MC_BUS FSL_MC_DPIO FSL_DPAA_ETH FSL_DPAA2_SWITCH FSL_ENETC_VF FSL_ENETC_MDIO
        PHY_FSL_LYNX_28G DWMAC_GENERIC DWMAC_IMX8 DWMAC_ROCKCHIP DWMAC_MESON DWMAC_SUN8I DWMAC_QCOM_ETHQOS" ;;
    powerpc) karch=powerpc; cross=powerpc64le-linux-gnu-; gccpkg=gcc-powerpc64le-linux-gnu; defconfig=ppc64le_defconfig
      extra="FSL_DPAA_ETH GIANFAR FSL_PQ_MDIO FSL_XGMAC_MDIO" ;;
  esac
  dir="$cache/$variant"
  tree="$dir/linux-source-6.12"
  astamp="$karch $defconfig $stamp $(echo $extra)"
  if [ ! -f "$dir/.done" ] || [ "$(cat "$dir/.done")" != "$astamp" ]; then
    if [ -n "${PCSLINT_KERNEL_PREPARED_ONLY:-}" ]; then
      log "the $variant tree was prepared with other options"; exit 3
    fi
    need_build_tools
    if ! command -v "${cross}gcc" >/dev/null; then
      log "installing $gccpkg"
      apt-get install -y -qq "$gccpkg" >&2 || { log "cannot install $gccpkg"; exit 3; }
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    cp -a "$pristine" "$dir/"
    cd "$tree"
    log "make ARCH=$karch CROSS_COMPILE=$cross $defconfig + pcslint options + prepare"
    start=$(date +%s)
    make -s ARCH=$karch CROSS_COMPILE=$cross $defconfig >&2
    args=()
    for o in $options $extra; do args+=(-e "$o"); done
    scripts/config "${args[@]}" >&2
    make -s ARCH=$karch CROSS_COMPILE=$cross olddefconfig >&2
    make -s -j"$(nproc)" ARCH=$karch CROSS_COMPILE=$cross prepare >&2
    log "$variant tree prepared in $(( $(date +%s) - start ))s"
    echo "$astamp" > "$dir/.done"
  fi
  echo "$tree"; exit 0
fi

configured="$cache/configured/linux-source-6.12"
if [ ! -f "$cache/configured/.done" ] || [ "$(cat "$cache/configured/.done")" != "$stamp" ]; then
  need_build_tools
  rm -rf "$cache/configured"; mkdir -p "$cache/configured"
  cp -a "$pristine" "$cache/configured/"
  cd "$configured"
  log "make defconfig + pcslint options + prepare"
  make -s defconfig >&2
  args=()
  for o in $options; do args+=(-e "$o"); done
  scripts/config "${args[@]}" >&2
  make -s olddefconfig >&2
  make -s -j"$(nproc)" prepare >&2
  echo "$stamp" > "$cache/configured/.done"
fi
if [ "$variant" = configured ]; then
  echo "$configured"; exit 0
fi

built="$cache/built/linux-source-6.12"
dirs="drivers/net/pcs/ drivers/net/phy/ drivers/net/mdio/ drivers/phy/ drivers/net/dsa/ drivers/net/ethernet/stmicro/ drivers/net/ethernet/freescale/"
if [ ! -f "$cache/built/.done" ] || [ "$(cat "$cache/built/.done")" != "$stamp $dirs" ]; then
  rm -rf "$cache/built"; mkdir -p "$cache/built"
  cp -a "$configured" "$cache/built/"
  cd "$built"
  log "make $dirs"
  make -s -j"$(nproc)" $dirs >&2
  python3 scripts/clang-tools/gen_compile_commands.py -d . -o compile_commands.json >&2
  echo "$stamp $dirs" > "$cache/built/.done"
fi
echo "$built"
