#!/usr/bin/env bash
# Side by side on a whole disk: jwim capture-disk (one run, all volumes, one WIM) against
# wimlib-imagex capturing each volume in turn (raw NTFS-3G mode for the NTFS volume, an
# mtools-extracted tree for the FAT32 ESP, appended into one WIM). Same compression and
# threads. Prints median wall seconds of RUNS runs, sizes and the jwim/wimlib ratio.
# Usage: scripts/bench/disk-side-by-side.sh [NTFS_MIB] [RUNS] [COMPRESS] [THREADS]
# Needs root (ntfs-3g FUSE mount to fill the NTFS volume), wimtools, ntfs-3g, dosfstools,
# mtools, fdisk, GNU time, and a built jwim (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
needs sfdisk mkfs.fat mcopy mkntfs ntfs-3g
mb=${1:-256}
runs=${2:-3}
comp=${3:-lzx}
thr=${4:-2}
work=$(mktemp -d)
mnt=$(mktemp -d)
trap 'mountpoint -q "$mnt" && umount "$mnt"; rm -rf "$work" "$mnt"' EXIT

# A GPT disk: 128 MiB FAT32 ESP with files, and an NTFS volume of MB MiB of generated files.
esp_mib=128
ntfs_mib=$((mb * 3 / 2 + 64))
disk=$work/disk.img
truncate -s $((esp_mib + ntfs_mib + 4))M "$disk"
printf 'label: gpt\nstart=2048, size=%dM, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\nsize=%dM, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n' \
  "$esp_mib" "$ntfs_mib" | sfdisk -q "$disk"
truncate -s ${esp_mib}M "$work/esp.img"
mkfs.fat -F 32 -n ESP "$work/esp.img" >/dev/null
java -cp "$bench" org.jwim.bench.SampleTrees "$work/esp-src" 64
MTOOLS_SKIP_CHECK=1 mcopy -s -i "$work/esp.img" "$work/esp-src" ::/data
ntfs_image "$work/ntfs.img" "$ntfs_mib" "$mb" "$mnt"
dd if="$work/esp.img" of="$disk" bs=1M seek=1 conv=notrunc status=none
dd if="$work/ntfs.img" of="$disk" bs=1M seek=$((1 + esp_mib)) conv=notrunc status=none
rm -rf "$work/esp-src"
mkdir -p "$work/esp-tree"
MTOOLS_SKIP_CHECK=1 mcopy -s -n -i "$work/esp.img" "::/" "$work/esp-tree"
echo "disk: $(du -h --apparent-size "$disk" | cut -f1), NTFS data ${mb} MiB, ESP data 64 MiB; --compress=$comp --threads=$thr"

jt=(); wt=()
for _ in $(seq "$runs"); do
  rm -f "$work/j.wim" "$work/w.wim"
  s=$(date +%s.%N)
  "${jwim[@]}" capture-disk "$disk" "$work/j.wim" --compress=$comp --threads=$thr >/dev/null
  jt+=("$(echo "$(date +%s.%N) - $s" | bc -l)")
  s=$(date +%s.%N)
  wimlib-imagex capture "$work/esp-tree" "$work/w.wim" esp --compress=$comp --threads=$thr >/dev/null
  wimlib-imagex append "$work/ntfs.img" "$work/w.wim" ntfs --threads=$thr >/dev/null
  wt+=("$(echo "$(date +%s.%N) - $s" | bc -l)")
done
j=$(printf '%s\n' "${jt[@]}" | median)
w=$(printf '%s\n' "${wt[@]}" | median)
printf 'jwim capture-disk : %6.2f s  %12d bytes\n' "$j" "$(stat -c %s "$work/j.wim")"
printf 'wimlib per volume : %6.2f s  %12d bytes\n' "$w" "$(stat -c %s "$work/w.wim")"
printf 'ratio jwim/wimlib : time %.2f, size %.3f\n' "$(echo "$j/$w" | bc -l)" \
  "$(echo "$(stat -c %s "$work/j.wim")/$(stat -c %s "$work/w.wim")" | bc -l)"
