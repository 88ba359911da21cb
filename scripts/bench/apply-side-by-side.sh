#!/usr/bin/env bash
# Applies the same WIM with jwim and with wimlib-imagex to a directory, in one run, for XPRESS
# and LZX, and prints median wall time, peak memory, throughput and the jwim/wimlib ratio.
# The WIMs are written by wimlib from a generated OS-like tree (bench OsLikeTree: FILES names,
# one directory per 20, 2.5% extra hard links, about MEGABYTES MiB), so both tools read the same
# bytes.
# TARGETS picks the file systems applied to (default: dir, a directory under $TMPDIR):
#   tmpfs      a directory in /dev/shm
#   ext4, xfs  a fresh file system made on a loop file (mkfs, mount -o loop) before each apply
#              and unmounted after it (needs root; xfs needs mkfs.xfs, Debian: xfsprogs)
#   ntfs       a fresh NTFS (mkntfs -Q) on a loop file, mounted with ntfs-3g (FUSE; needs root)
# jwim and wimlib alternate run by run, so that load from elsewhere hits both alike.
# STRACE=1 adds, per target and WIM, one more apply by each tool under strace -f -c and prints
# system calls per regular file (jwim's less those of `jwim --version`, the JVM's own).
# JWIM_ARGS adds options to jwim's apply (e.g. "--threads 1").
# Usage: [TARGETS="dir ext4 xfs tmpfs ntfs"] [STRACE=1] scripts/bench/apply-side-by-side.sh
#        [MEGABYTES] [RUNS] [FILES]
# Needs: wimlib-imagex (Debian: wimtools), GNU time (Debian: time), a built bench module
# (mvn -q -DskipTests package); for ntfs, ntfs-3g; for STRACE, strace.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
targets=${TARGETS:-dir}
tools=()
case " $targets " in *" ntfs "*) tools+=(ntfs-3g mkntfs) ;; esac
case " $targets " in *" xfs "*) tools+=(mkfs.xfs) ;; esac
[ -z "${STRACE:-}" ] || tools+=(strace)
needs "${tools[@]}"
mb=${1:-384}
runs=${2:-3}
nfiles=${3:-32000}
# shellcheck disable=SC2206 # split into words on purpose
jwim_args=(${JWIM_ARGS:-})

work=$(mktemp -d)
trap 'mountpoint -q "$work/mnt" && umount "$work/mnt"; rm -rf "$work" /dev/shm/jwim-bench.$$' EXIT
mkdir "$work/mnt"
java -cp "$bench" org.jwim.bench.OsLikeTree "$work/src" "$nfiles" "$mb"
bytes=$(du -sb "$work/src" | awk '{print $1}')
regular=$(find "$work/src" -type f -links 1 | wc -l)
regular=$((regular + $(find "$work/src" -type f -links +1 -printf '%i\n' | sort -u | wc -l)))
echo "source: $(awk -v b="$bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}'), $(find "$work/src" -type f | wc -l)" \
  "file names ($regular distinct files), $(find "$work/src" -type d | wc -l) directories"

# prepare TARGET: an empty directory to apply to, on a fresh file system for ext4, xfs, ntfs;
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
    ntfs)
      rm -f "$work/fs.img"; truncate -s $((mb * 4 + 1024))M "$work/fs.img"
      mkntfs -q -F -Q "$work/fs.img" >/dev/null 2>&1
      ntfs-3g "$work/fs.img" "$work/mnt"; mkdir "$work/mnt/out"; echo "$work/mnt/out" ;;
    *) echo "unknown target $1 (dir, tmpfs, ext4, xfs, ntfs)" >&2; exit 2 ;;
  esac
}

# once TARGET TOOL WIM: one apply with TOOL (jwim or wimlib) to a fresh TARGET; prints
# "seconds peak_kib"
once() {
  local out; out=$(prepare "$1")
  if [ "$2" = jwim ]; then
    /usr/bin/time -f "%e %M" -o "$work/t" "${jwim[@]}" apply "${jwim_args[@]}" "$3" 1 "$out" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    [ "$runs_done" -gt 0 ] || diff -r "$work/src" "$out" >/dev/null \
      || { echo "jwim's apply differs from the source" >&2; exit 1; }
  else
    /usr/bin/time -f "%e %M" -o "$work/t" wimlib-imagex apply "$3" 1 "$out" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
  fi
  cat "$work/t"
}

# calls FILE: "name count" per system call of an strace -c summary
calls() { awk '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $NF != "total" {print $NF, $4}' "$1"; }

# syscalls TARGET WIM: system calls per regular file, wimlib against jwim
syscalls() {
  local out
  [ -f "$work/base.calls" ] || { strace -f -c -o "$work/base.st" "${jwim[@]}" --version >/dev/null; calls "$work/base.st" >"$work/base.calls"; }
  out=$(prepare "$1"); strace -f -c -o "$work/w.st" wimlib-imagex apply "$2" 1 "$out" >/dev/null
  out=$(prepare "$1"); strace -f -c -o "$work/j.st" "${jwim[@]}" apply "${jwim_args[@]}" "$2" 1 "$out" >/dev/null
  calls "$work/w.st" >"$work/w.calls"; calls "$work/j.st" >"$work/j.calls"
  echo "system calls per regular file ($regular), $1 $(basename "$2"): wimlib / jwim (less jwim --version)"
  for c in openat open statx newfstatat fstat lstat stat fallocate ftruncate pwrite64 write utimensat \
      mkdir link symlink close futex; do
    local w j b
    w=$(awk -v c=$c '$1 == c {print $2}' "$work/w.calls"); j=$(awk -v c=$c '$1 == c {print $2}' "$work/j.calls")
    b=$(awk -v c=$c '$1 == c {print $2}' "$work/base.calls")
    [ -n "$w$j" ] || continue
    awk -v c=$c -v w="${w:-0}" -v j="${j:-0}" -v b="${b:-0}" -v n="$regular" \
      'BEGIN {printf "  %-10s %8.2f %8.2f\n", c, w / n, (j - b) / n}'
  done
}

# the load others put on the machine moves every figure; jwim picks its writers by it
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg), runnable now: $(cut -d' ' -f4 /proc/loadavg)"
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
    [ -z "${STRACE:-}" ] || syscalls "$target" "$work/$comp.wim"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "t_ratio = median jwim time / median wimlib time (below 1: jwim is faster); times include JVM start-up"
