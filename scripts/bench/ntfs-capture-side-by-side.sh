#!/usr/bin/env bash
# Captures the same raw NTFS image with jwim (pure Java reader) and with wimlib-imagex
# (NTFS-3G mode), taking turns, and prints median wall and CPU seconds, peak memory, WIM sizes
# and the jwim/wimlib ratios for each compression type.
# Usage: scripts/bench/ntfs-capture-side-by-side.sh [MEGABYTES] [RUNS] [THREADS] [COMPRESS...]
#   defaults: 1024 MiB of generated files, 3 runs, 2 threads, xpress lzx none
# jwim runs through ./jwim as users run it (JDK 25 with its AOT cache when installed, trained
# before the timed runs); JAVA and JAVA_OPTS choose another runtime (see ./jwim).
# Needs root (an ntfs-3g FUSE mount fills the image), wimtools, ntfs-3g, GNU time and a built
# jwim (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs mkntfs ntfs-3g
mb=${1:-1024}
runs=${2:-3}
thr=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
if [ $# -gt 0 ]; then comps=("$@"); else comps=(xpress lzx none); fi

work=$(mktemp -d)
mnt=$(mktemp -d)
trap 'mountpoint -q "$mnt" && umount "$mnt"; rm -rf "$work" "$mnt"' EXIT
img=$work/ntfs.img
ntfs_image "$img" $(( mb * 3 / 2 + 64 )) "$mb" "$mnt"
jwim=(./jwim)
./jwim --version >/dev/null # builds the jar and trains the AOT cache if needed, untimed
rt=$(JAVA_OPTS="${JAVA_OPTS:-} -XshowSettings:properties" ./jwim --version 2>&1 | sed -n 's/^ *java.home = //p')
echo "image: $(du -h --apparent-size "$img" | cut -f1), ${mb} MiB of generated files; --threads=$thr; jwim on $rt ${JAVA_OPTS:-}"

# one TAG CMD...: runs the command once, appends "wall cpu peak_kib" to $work/TAG
one() {
  local tag=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >> "$work/$tag"
}

# col TAG N: median of column N of $work/TAG
col() { awk -v c="$2" '{print $c}' "$work/$1" | median; }

printf '%-7s | %7s %7s %7s %11s | %7s %7s %7s %11s | %6s %6s %6s\n' comp \
  jwim_s cpu_s MiB bytes wim_s cpu_s MiB bytes t_rat c_rat s_rat
for comp in "${comps[@]}"; do
  rm -f "$work/j" "$work/w"
  for _ in $(seq "$runs"); do # alternate, so that a slow spell of the machine hits both
    rm -f "$work/j.wim" "$work/w.wim"
    one j "${jwim[@]}" capture "$img" "$work/j.wim" --compress="$comp" --threads="$thr"
    one w wimlib-imagex capture "$img" "$work/w.wim" --compress="$comp" --threads="$thr"
  done
  js=$(col j 1); jc=$(col j 2); jm=$(col j 3); ws=$(col w 1); wc=$(col w 2); wm=$(col w 3)
  jz=$(stat -c %s "$work/j.wim"); wz=$(stat -c %s "$work/w.wim")
  printf '%-7s | %7.2f %7.2f %7.0f %11d | %7.2f %7.2f %7.0f %11d | %6.2f %6.2f %6.3f\n' "$comp" \
    "$js" "$jc" "$(echo "$jm/1024" | bc -l)" "$jz" "$ws" "$wc" "$(echo "$wm/1024" | bc -l)" "$wz" \
    "$(echo "$js/$ws" | bc -l)" "$(echo "$jc/$wc" | bc -l)" "$(echo "$jz/$wz" | bc -l)"
done
echo "t_rat, c_rat, s_rat = jwim/wimlib wall time, CPU time, WIM size (<= 1.0: jwim at least as good)"
