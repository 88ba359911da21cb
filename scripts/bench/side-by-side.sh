#!/usr/bin/env bash
# Captures the same generated volume with jwim and with wimlib-imagex, in one run, for each
# compression type and thread count, and prints wall time, peak memory, output size and the
# jwim/wimlib ratios. Usage: scripts/bench/side-by-side.sh [MEGABYTES] [RUNS]
# Needs: wimlib-imagex (Debian: wimtools), GNU time (Debian: time), a built bench module
# (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs
mb=${1:-256}
runs=${2:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$mb"
du -sb "$work/src" | awk '{printf "source: %.1f MiB\n", $1/1048576}'

# median of a list of numbers

# run LABEL CMD...: prints "median_seconds median_peak_kib size_bytes"
run() {
  local out=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    rm -f "$out"
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r s m < "$work/t"
    times+=("$s"); mems+=("$m")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median) $(stat -c %s "$out")"
}

printf '%-8s %3s | %8s %8s %10s | %8s %8s %10s | %6s %6s\n' comp thr jwim_s jwim_MiB jwim_size wim_s wim_MiB wim_size t_ratio s_ratio
for comp in none xpress lzx; do
  for thr in 1 2; do
    read -r js jm jz < <(run "$work/j.wim" "${jwim[@]}" capture "$work/src" "$work/j.wim" --compress=$comp --threads=$thr)
    read -r ws wm wz < <(run "$work/w.wim" wimlib-imagex capture "$work/src" "$work/w.wim" --compress=$comp --threads=$thr)
    printf '%-8s %3s | %8.2f %8.0f %10d | %8.2f %8.0f %10d | %6.2f %6.3f\n' "$comp" "$thr" \
      "$js" "$(echo "$jm/1024" | bc -l)" "$jz" "$ws" "$(echo "$wm/1024" | bc -l)" "$wz" \
      "$(echo "$js/$ws" | bc -l)" "$(echo "$jz/$wz" | bc -l)"
  done
done
echo "t_ratio = jwim time / wimlib time (lower is better); s_ratio = jwim size / wimlib size"
