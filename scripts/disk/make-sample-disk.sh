#!/usr/bin/env bash
# Regenerates samples/sample-disk.img.xz, the disk `jwim capture-disk` captures when given no
# arguments: the GPT fixture of make-disks.sh (FAT32 ESP, unformatted MSR, NTFS, ext4, exFAT).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$root/scripts/disk/make-disks.sh" "$tmp"
xz -9 -T1 -c "$tmp/gpt.img" > "$root/samples/sample-disk.img.xz"
ls -l "$root/samples/sample-disk.img.xz"
