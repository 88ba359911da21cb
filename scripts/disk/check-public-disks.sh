#!/usr/bin/env bash
# Checks jwim on disk images made by other systems (Windows-formatted NTFS, such as the CC0
# images of github.com/msuhanov/ntfs-samples, decompressed): for each DISK.raw given,
#  1. ./jwim capture-disk, then wimlib-imagex verify of jwim's WIM;
#  2. wimlib-imagex's own (NTFS-3G) capture of the first partition, and the two WIMs' `dir
#     --detailed` compared, layout fields (offsets, compressed sizes) left out;
#  3. ./jwim apply-disk of jwim's WIM onto a sparse copy of the disk, then ntfsfix -n, whose
#     report must be the source's (Windows keeps the backup boot sector where ntfsfix does not
#     look for it, so the source's may already say BAD), and a wimlib capture of the applied
#     partition compared with wimlib's capture of the source.
# Prints one line per disk; exits 1 if any step differs. Needs root (loop devices),
# wimlib-imagex, ntfs-3g's ntfsfix, sfdisk. Usage: scripts/disk/check-public-disks.sh DISK.raw...
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
layout='Offset in WIM\|Compressed size'
status=0
for disk in "$@"; do
  name=$(basename "$disk")
  start=$(sfdisk -d "$disk" | awk -F'[=,]' '/start=/{gsub(/ /, "", $2); print $2 * 512; exit}')
  out=""
  if ! ./jwim capture-disk "$disk" "$work/jwim.wim" --compress=xpress >"$work/log" 2>&1; then
    echo "$name: capture-disk failed: $(tail -1 "$work/log")"; status=1; continue
  fi
  wimlib-imagex verify "$work/jwim.wim" >/dev/null 2>&1 || { out+=" verify-FAILED"; status=1; }
  dev=$(losetup -f --show -r -o "$start" "$disk")
  wimlib-imagex capture "$dev" "$work/wimlib.wim" --compress=xpress >/dev/null 2>&1
  ntfsfix -n "$dev" >"$work/fix-source" 2>&1
  losetup -d "$dev"
  wimlib-imagex dir "$work/wimlib.wim" 1 --detailed | grep -v "$layout" >"$work/theirs"
  wimlib-imagex dir "$work/jwim.wim" 1 --detailed | grep -v "$layout" >"$work/ours"
  n=$(diff "$work/theirs" "$work/ours" | grep -c '^[<>]')
  out+=" capture-diffs=$n"
  [ "$n" = 0 ] || status=1
  cp --sparse=always "$disk" "$work/target.raw"
  if ./jwim apply-disk "$work/jwim.wim" "$work/target.raw" >"$work/log" 2>&1; then
    dev=$(losetup -f --show -o "$start" "$work/target.raw")
    ntfsfix -n "$dev" >"$work/fix-applied" 2>&1
    if cmp -s "$work/fix-source" "$work/fix-applied"; then out+=" ntfsfix=as-source"; else out+=" ntfsfix=DIFFERS"; status=1; fi
    wimlib-imagex capture "$dev" "$work/again.wim" --compress=xpress >/dev/null 2>&1
    losetup -d "$dev"
    wimlib-imagex dir "$work/again.wim" 1 --detailed | grep -v "$layout" >"$work/again"
    n=$(diff "$work/theirs" "$work/again" | grep -c '^[<>]')
    out+=" apply-diffs=$n"
    [ "$n" = 0 ] || status=1
  else
    out+=" apply-disk-FAILED: $(tail -1 "$work/log")"; status=1
  fi
  rm -f "$work"/*.wim "$work/target.raw"
  echo "$name:$out"
done
exit $status
