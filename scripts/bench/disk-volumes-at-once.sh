#!/usr/bin/env bash
# capture-disk of a GPT disk with two NTFS volumes of generated files (different seeds, so
# little is shared), volumes one by one (--volumes-at-once 1) against both at once (2),
# alternating, at each thread count. Prints median wall and CPU (user+system) seconds of RUNS
# runs per variant, the WIM sizes, and checks with wimlib that both WIMs verify and list the
# same entries (but for the blobs' offsets).
# Usage: scripts/bench/disk-volumes-at-once.sh [MIB_PER_VOLUME] [RUNS] [COMPRESS] [THREADS...]
# Needs root (ntfs-3g FUSE mount to fill the volumes), wimtools, ntfs-3g, fdisk, GNU time, and
# built jars (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs sfdisk mkntfs ntfs-3g
mb=${1:-256}
runs=${2:-3}
comp=${3:-none}
shift $(( $# < 3 ? $# : 3 ))
threads=("${@:-2}")
work=$(mktemp -d)
mnt=$(mktemp -d)
trap 'mountpoint -q "$mnt" && umount "$mnt"; [ -n "${KEEP:-}" ] || rm -rf "$work"; rm -rf "$mnt"' EXIT

vol_mib=$((mb * 3 / 2 + 64))
disk=$work/disk.img
truncate -s $((2 * vol_mib + 4))M "$disk"
printf 'label: gpt\nstart=2048, size=%dM, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\nsize=%dM, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n' \
  "$vol_mib" "$vol_mib" | sfdisk -q "$disk"
for i in 1 2; do
  truncate -s "${vol_mib}M" "$work/v$i.img"
  mkntfs -q -F -Q "$work/v$i.img" >/dev/null 2>&1
  ntfs-3g "$work/v$i.img" "$mnt"
  java -cp "$bench" org.jwim.bench.SampleTrees "$mnt/data" "$mb" "$i"
  umount "$mnt"
  dd if="$work/v$i.img" of="$disk" bs=1M seek=$((1 + (i - 1) * vol_mib)) conv=notrunc status=none
  rm "$work/v$i.img"
done
echo "disk: $(du -h --apparent-size "$disk" | cut -f1), 2 NTFS volumes of ${mb} MiB data; --compress=$comp; load $(cut -d' ' -f1-3 /proc/loadavg)"

# run N OUT: one capture, prints "wall cpu"
run() {
  rm -f "$2"
  /usr/bin/time -f '%e %U %S' -o "$work/t" "${jwim[@]}" capture-disk "$disk" "$2" --compress="$comp" \
    --threads="$thr" --volumes-at-once="$1" >/dev/null 2>&1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}

printf '%-8s %-14s %8s %8s %14s\n' threads volumes wall cpu bytes
for thr in "${threads[@]}"; do
  for n in 1 2; do : >"$work/r$n"; done
  for _ in $(seq "$runs"); do
    for n in 1 2; do run "$n" "$work/w$n.wim" >>"$work/r$n"; done
  done
  for n in 1 2; do
    printf '%-8s %-14s %8.2f %8.2f %14d\n' "$thr" "$([ "$n" = 1 ] && echo one-by-one || echo at-once)" \
      "$(cut -d' ' -f1 "$work/r$n" | median)" "$(cut -d' ' -f2 "$work/r$n" | median)" "$(stat -c %s "$work/w$n.wim")"
  done
  for n in 1 2; do wimlib-imagex verify "$work/w$n.wim" >/dev/null 2>&1; done
  for img in 1 2; do
    # the same entries and streams; only where the blobs lie differs
    cmp -s <(wimlib-imagex dir "$work/w1.wim" "$img" --detailed | grep -v '^Offset in WIM') \
      <(wimlib-imagex dir "$work/w2.wim" "$img" --detailed | grep -v '^Offset in WIM') \
      || { echo "image $img differs between one-by-one and at-once (in $work)" >&2; exit 1; }
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
