#!/usr/bin/env bash
# Applies the same WIM with jwim and with wimlib-imagex to a directory, in one run, for XPRESS
# and LZX, and prints median wall time, peak memory, throughput and the jwim/wimlib ratio.
# The WIMs are written by wimlib from a generated tree, so both tools read the same bytes.
# Usage: scripts/bench/apply-side-by-side.sh [MEGABYTES] [RUNS]
# Needs: wimlib-imagex (Debian: wimtools), GNU time (Debian: time), a built bench module
# (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs
mb=${1:-512}
runs=${2:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$mb"
bytes=$(du -sb "$work/src" | awk '{print $1}')
echo "source: $(awk -v b="$bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}'), $(find "$work/src" -type f | wc -l) files"

# run CMD...: applies into $work/out RUNS times; prints "median_seconds median_peak_kib"
run() {
  local times=() mems=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"; mkdir "$work/out"
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r s m < "$work/t"
    times+=("$s"); mems+=("$m")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

printf '%-7s | %8s %8s %8s | %8s %8s %8s | %7s\n' comp jwim_s jwim_MiB jwim_MB/s wim_s wim_MiB wim_MB/s t_ratio
for comp in xpress lzx; do
  wimlib-imagex capture "$work/src" "$work/$comp.wim" --compress=$comp >/dev/null
  read -r js jm < <(run "${jwim[@]}" apply "$work/$comp.wim" 1 "$work/out")
  diff -r "$work/src" "$work/out" >/dev/null || { echo "jwim's apply differs from the source" >&2; exit 1; }
  read -r ws wm < <(run wimlib-imagex apply "$work/$comp.wim" 1 "$work/out")
  printf '%-7s | %8.2f %8.0f %8.0f | %8.2f %8.0f %8.0f | %7.2f\n' "$comp" \
    "$js" "$(echo "$jm/1024" | bc -l)" "$(echo "$bytes/1000000/$js" | bc -l)" \
    "$ws" "$(echo "$wm/1024" | bc -l)" "$(echo "$bytes/1000000/$ws" | bc -l)" "$(echo "$js/$ws" | bc -l)"
done
echo "t_ratio = jwim time / wimlib time (below 1: jwim is faster); times include JVM start-up"
