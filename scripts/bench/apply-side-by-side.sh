#!/usr/bin/env bash
# Applies the same WIM with jwim and with wimlib-imagex to a directory, in one run, for XPRESS
# and LZX, and prints median wall time, peak memory, throughput and the jwim/wimlib ratio.
# The WIMs are written by wimlib from a generated tree, so both tools read the same bytes.
# TARGETS picks the file systems applied to (default: dir, a directory under $TMPDIR):
#   tmpfs      a directory in /dev/shm
#   ext4, xfs  a fresh file system made on a loop file (mkfs, mount -o loop) before each apply
#              and unmounted after it (needs root; xfs needs mkfs.xfs, Debian: xfsprogs)
# jwim and wimlib alternate run by run, so that load from elsewhere hits both alike.
# Usage: [TARGETS="dir ext4 xfs tmpfs"] scripts/bench/apply-side-by-side.sh [MEGABYTES] [RUNS]
# Needs: wimlib-imagex (Debian: wimtools), GNU time (Debian: time), a built bench module
# (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs
mb=${1:-512}
runs=${2:-3}

targets=${TARGETS:-dir}

work=$(mktemp -d)
trap 'mountpoint -q "$work/mnt" && umount "$work/mnt"; rm -rf "$work" /dev/shm/jwim-bench.$$' EXIT
mkdir "$work/mnt"
java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$mb"
bytes=$(du -sb "$work/src" | awk '{print $1}')
echo "source: $(awk -v b="$bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}'), $(find "$work/src" -type f | wc -l) files"

# prepare TARGET: an empty directory to apply to, on a fresh file system for ext4 and xfs;
# prints its path
prepare() {
  mountpoint -q "$work/mnt" && umount "$work/mnt"
  case $1 in
    dir) rm -rf "$work/out"; mkdir "$work/out"; echo "$work/out" ;;
    tmpfs) rm -rf /dev/shm/jwim-bench.$$; mkdir /dev/shm/jwim-bench.$$; echo /dev/shm/jwim-bench.$$ ;;
    ext4|xfs)
      rm -f "$work/fs.img"; truncate -s $((mb * 4 + 1024))M "$work/fs.img"
      if [ "$1" = ext4 ]; then mkfs.ext4 -q -F "$work/fs.img"; else mkfs.xfs -q -f "$work/fs.img"; fi
      mount -o loop "$work/fs.img" "$work/mnt"; mkdir "$work/mnt/out"; echo "$work/mnt/out" ;;
    *) echo "unknown target $1 (dir, tmpfs, ext4, xfs)" >&2; exit 2 ;;
  esac
}

# once TARGET TOOL WIM: one apply with TOOL (jwim or wimlib) to a fresh TARGET; prints
# "seconds peak_kib"
once() {
  local out; out=$(prepare "$1")
  if [ "$2" = jwim ]; then
    /usr/bin/time -f "%e %M" -o "$work/t" "${jwim[@]}" apply "$3" 1 "$out" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    [ "$runs_done" -gt 0 ] || diff -r "$work/src" "$out" >/dev/null \
      || { echo "jwim's apply differs from the source" >&2; exit 1; }
  else
    /usr/bin/time -f "%e %M" -o "$work/t" wimlib-imagex apply "$3" 1 "$out" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
  fi
  cat "$work/t"
}

printf '%-6s %-7s | %8s %8s %8s | %8s %8s %8s | %7s %s\n' target comp jwim_s jwim_MiB jwim_MB/s \
  wim_s wim_MiB wim_MB/s t_ratio "ratios (each run)"
for comp in xpress lzx; do
  wimlib-imagex capture "$work/src" "$work/$comp.wim" --compress=$comp >/dev/null
  for target in $targets; do
    jt=() jm=() wt=() wm=() ratios=()
    for runs_done in $(seq 0 $((runs - 1))); do
      read -r s m < <(once "$target" jwim "$work/$comp.wim"); jt+=("$s"); jm+=("$m")
      read -r s2 m2 < <(once "$target" wimlib "$work/$comp.wim"); wt+=("$s2"); wm+=("$m2")
      ratios+=("$(echo "$s/$s2" | bc -l | xargs printf '%.2f')")
    done
    js=$(printf '%s\n' "${jt[@]}" | median); ws=$(printf '%s\n' "${wt[@]}" | median)
    printf '%-6s %-7s | %8.2f %8.0f %8.0f | %8.2f %8.0f %8.0f | %7.2f %s\n' "$target" "$comp" \
      "$js" "$(echo "$(printf '%s\n' "${jm[@]}" | median)/1024" | bc -l)" "$(echo "$bytes/1000000/$js" | bc -l)" \
      "$ws" "$(echo "$(printf '%s\n' "${wm[@]}" | median)/1024" | bc -l)" "$(echo "$bytes/1000000/$ws" | bc -l)" \
      "$(echo "$js/$ws" | bc -l)" "${ratios[*]}"
  done
done
echo "t_ratio = median jwim time / median wimlib time (below 1: jwim is faster); times include JVM start-up"
