#!/usr/bin/env bash
# Incremental capture (--update-of) of a raw NTFS image, jwim against wimlib-imagex (NTFS-3G
# mode), taking turns: a full XPRESS capture, then a re-capture of the unchanged volume, then of
# the volume with 5% of its files rewritten (through an ntfs-3g mount). Prints median wall
# seconds of each and the ratio of each incremental run to the same tool's full capture, and
# the median CPU seconds (user+sys) of the same runs.
# jwim runs through ./jwim: JDK 25 with its AOT cache when there is one (trained on first use);
# JWIM_AOT=0 runs java on PATH without it, JAVA=... a given java (see the launcher).
# jwim "capture" writes a new WIM (copying the reused blobs from the reference, as stored);
# "append" adds the image to a copy of the reference (as wimlib's append, which is timed too).
# Usage: scripts/bench/ntfs-update-side-by-side.sh [MEGABYTES] [RUNS] [THREADS]
#   defaults: 1024 MiB of generated files, 3 runs, 2 threads
# Needs root (ntfs-3g FUSE mount), wimtools, ntfs-3g, python3, GNU time, built jars.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
jwim=("$PWD/jwim")
needs mkntfs ntfs-3g python3
mb=${1:-1024}
runs=${2:-3}
thr=${3:-2}
work=$(mktemp -d)
mnt=$(mktemp -d)
trap 'mountpoint -q "$mnt" && umount "$mnt"; rm -rf "$work" "$mnt"' EXIT
img=$work/ntfs.img
ntfs_image "$img" $(( mb * 3 / 2 + 64 )) "$mb" "$mnt"
echo "image: ${mb} MiB of generated files; --threads=$thr; compression xpress"

# time_of TAG CMD...: runs once, appends the wall seconds to $work/TAG, the CPU seconds to $work/TAG.cpu
time_of() {
  local tag=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{print $1}' "$work/t" >> "$work/$tag"
  awk '{print $2 + $3}' "$work/t" >> "$work/$tag.cpu"
}
med() { median < "$work/$1"; }

"${jwim[@]}" capture "$img" "$work/jref.wim" --compress=xpress --threads="$thr" >/dev/null
wimlib-imagex capture "$img" "$work/wref.wim" --compress=xpress --threads="$thr" >/dev/null

# measure SUFFIX: full and incremental runs of both tools against the references
measure() {
  local s=$1
  for _ in $(seq "$runs"); do
    rm -f "$work"/j.wim "$work"/w.wim "$work"/ju.wim
    time_of "jfull$s" "${jwim[@]}" capture "$img" "$work/j.wim" --compress=xpress --threads="$thr"
    time_of "wfull$s" wimlib-imagex capture "$img" "$work/w.wim" --compress=xpress --threads="$thr"
    time_of "jcap$s" "${jwim[@]}" capture "$img" "$work/ju.wim" --compress=xpress --threads="$thr" \
      --update-of="$work/jref.wim:1"
    cp "$work/jref.wim" "$work/ja.wim"; cp "$work/wref.wim" "$work/wa.wim"
    time_of "japp$s" "${jwim[@]}" append "$img" "$work/ja.wim" update --threads="$thr" --update-of=1
    time_of "wapp$s" wimlib-imagex append "$img" "$work/wa.wim" update --threads="$thr" --update-of=1
  done
  printf '%-10s | full %6.2f | capture --update-of %6.2f (%5.1f%%) | append --update-of %6.2f (%5.1f%%)\n' \
    "jwim $s" "$(med "jfull$s")" "$(med "jcap$s")" "$(echo "100*$(med "jcap$s")/$(med "jfull$s")" | bc -l)" \
    "$(med "japp$s")" "$(echo "100*$(med "japp$s")/$(med "jfull$s")" | bc -l)"
  printf '%-10s | full %6.2f | %37s | append --update-of %6.2f (%5.1f%%)\n' \
    "wimlib $s" "$(med "wfull$s")" "" "$(med "wapp$s")" "$(echo "100*$(med "wapp$s")/$(med "wfull$s")" | bc -l)"
  printf '%-10s | CPU s: jwim full %6.2f, capture --update-of %5.2f, append --update-of %5.2f;' \
    "$s" "$(med "jfull$s.cpu")" "$(med "jcap$s.cpu")" "$(med "japp$s.cpu")"
  printf ' wimlib full %6.2f, append --update-of %5.2f\n' "$(med "wfull$s.cpu")" "$(med "wapp$s.cpu")"
}
measure unchanged
ntfs-3g "$img" "$mnt"
python3 - "$mnt/data" <<'PY'
import os, sys
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs)
for p in files[::20]:  # 5% of the files: first bytes rewritten, size kept
    with open(p, "r+b") as f:
        head = f.read(512)
        f.seek(0)
        f.write(bytes(b ^ 0x5A for b in head))
print(f"changed {len(files[::20])} of {len(files)} files", file=sys.stderr)
PY
umount "$mnt"
measure changed5
