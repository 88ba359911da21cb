#!/usr/bin/env bash
# Is capture I/O-bound? Builds a FAT32 image of generated files on disk (not tmpfs), attaches it
# to a loop device, caps the device's read rate with the blkio/io cgroup controller, and times,
# with cold caches: a plain sequential read of the whole device (dd) and `jwim capture` of the
# device for each compression. Capture is I/O-bound at a rate where its time matches the time
# to read the data the volume holds (jwim reads only allocated clusters, in disk order).
# Usage: scripts/bench/throttled-capture.sh [MBPS...]   (default: 50 100 200)
# Needs root, losetup, mkfs.fat, mtools, a cgroup v1 blkio or v2 io controller, GNU time and a
# built jwim (mvn -q -DskipTests package). COMPRESS="none xpress" and DATA_MIB=400 by default.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs losetup mkfs.fat mcopy
if [ $# -gt 0 ]; then rates=("$@"); else rates=(50 100 200); fi
read -r -a rates <<< "${rates[*]}"
compress=${COMPRESS:-none xpress}
data_mib=${DATA_MIB:-400}
work=$(mktemp -d /var/tmp/jwim-throttle.XXXXXX)
loop=""
cg=""
cleanup() {
  [ -n "$cg" ] && rmdir "$cg" 2>/dev/null || true
  [ -n "$loop" ] && losetup -d "$loop" || true
  rm -rf "$work"
}
trap cleanup EXIT

truncate -s $((data_mib * 3 / 2))M "$work/fat.img"
mkfs.fat -F 32 -n DATA "$work/fat.img" >/dev/null
java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$data_mib" >/dev/null
MTOOLS_SKIP_CHECK=1 mcopy -s -i "$work/fat.img" "$work/src" ::/data
files=$(du -sb "$work/src" | cut -f1)
rm -rf "$work/src"
loop=$(losetup -f --show "$work/fat.img")
dev=$(lsblk -dno MAJ:MIN "$loop" | tr -d ' ')

if [ -d /sys/fs/cgroup/blkio ]; then
  cg=/sys/fs/cgroup/blkio/jwim-throttle.$$
  mkdir "$cg"
  limit() { echo "$dev $1" > "$cg/blkio.throttle.read_bps_device"; }
elif grep -qw io /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  echo +io > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
  cg=/sys/fs/cgroup/jwim-throttle.$$
  mkdir "$cg"
  limit() { echo "$dev rbps=$1" > "$cg/io.max"; }
else
  echo "no blkio (v1) or io (v2) cgroup controller here" >&2
  exit 1
fi

# cold: runs "$@" inside the throttled cgroup after dropping the page cache, prints seconds
cold() {
  bash -c 'echo $$ > "$1/cgroup.procs"; sync; echo 3 > /proc/sys/vm/drop_caches; shift; exec "$@"' \
    _ "$cg" /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
}

size=$(stat -c %s "$work/fat.img")
echo "FAT32 image $((size >> 20)) MiB on $loop holding ${data_mib} MiB of files; times in seconds, cold cache"
for mbps in "${rates[@]}"; do
  limit $((mbps * 1000 * 1000))
  t=$(cold dd if="$loop" of=/dev/null bs=1M status=none)
  printf '%4d MB/s cap: dd whole device %6.2f s (%5.1f MB/s), the files alone %6.2f s' \
    "$mbps" "$t" "$(echo "$size / $t / 1000000" | bc -l)" "$(echo "$files / ($mbps * 1000000)" | bc -l)"
  for c in $compress; do
    rm -f "$work/out.wim"
    t=$(cold "${jwim[@]}" capture "$loop" "$work/out.wim" --compress="$c" --threads=2)
    printf ', capture %s %6.2f s' "$c" "$t"
  done
  echo
done
