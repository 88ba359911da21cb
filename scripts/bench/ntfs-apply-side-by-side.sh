#!/usr/bin/env bash
# Applies the same WIM to a raw NTFS image file with jwim (pure Java, re-formats the volume
# keeping its geometry) and with wimlib-imagex (NTFS-3G mode), for XPRESS and LZX, and prints
# the median wall time, peak memory and the jwim/wimlib time ratio. The target is freshly
# made by mkntfs before every run (not timed).
# Usage: scripts/bench/ntfs-apply-side-by-side.sh [MEGABYTES] [RUNS]
# Needs: wimlib-imagex (wimtools), mkntfs (ntfs-3g), GNU time, a built jar
# (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mb=${1:-256}
runs=${2:-3}
jar=cli/target/jwim.jar
bench=bench/target/benchmarks.jar
[ -f "$jar" ] && [ -f "$bench" ] || mvn -q -DskipTests package
for t in wimlib-imagex mkntfs; do
  command -v $t >/dev/null || { echo "$t is missing" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "GNU time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$mb"
du -sb "$work/src" | awk '{printf "source: %.1f MiB\n", $1/1048576}'
img_mb=$(( mb * 2 + 128 ))

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run CMD...: fresh NTFS image, then the timed command; prints "median_seconds median_peak_kib"
run() {
  local times=() mems=()
  for _ in $(seq "$runs"); do
    rm -f "$work/t.img"
    truncate -s "${img_mb}M" "$work/t.img"
    mkntfs -F -q -f -c 4096 "$work/t.img" >/dev/null 2>&1
    sync
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r s m < "$work/t"
    times+=("$s"); mems+=("$m")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

printf '%-8s | %8s %8s | %8s %8s | %7s\n' comp jwim_s jwim_MiB wim_s wim_MiB t_ratio
for comp in xpress lzx; do
  wimlib-imagex capture "$work/src" "$work/s.wim" --compress=$comp >/dev/null
  read -r js jm < <(run java -jar "$jar" apply "$work/s.wim" 1 "$work/t.img")
  read -r ws wm < <(run wimlib-imagex apply "$work/s.wim" 1 "$work/t.img")
  printf '%-8s | %8.2f %8.0f | %8.2f %8.0f | %7.2f\n' "$comp" "$js" "$(echo "$jm/1024" | bc -l)" \
    "$ws" "$(echo "$wm/1024" | bc -l)" "$(echo "$js/$ws" | bc -l)"
done
echo "t_ratio = jwim time / wimlib time (lower is better; <= 1.0 means jwim is at least as fast)"
