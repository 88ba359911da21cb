#!/usr/bin/env bash
# Regenerates the seed inputs of the volume and partition-table fuzz targets (small raw images;
# Jazzer's corpus must be raw files). Needs mkfs.fat + mtools, mkntfs + ntfscp, sfdisk.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
echo hello > h.txt
head -c 5000 /dev/urandom > r.bin

fat=$root/fat32-reader/src/test/resources/org/jwim/fat/FatVolumeFuzzTestInputs/openAndWalk
mkdir -p "$fat"
truncate -s 256K fat12.img
mkfs.fat -F 12 -n SEED fat12.img >/dev/null
mmd -i fat12.img ::/dir ::/dir/sub
mcopy -i fat12.img h.txt "::/dir/sub/Long File Name.txt"
mcopy -i fat12.img h.txt ::/SHORT.TXT
mcopy -i fat12.img r.bin ::/dir/r.bin
cp fat12.img "$fat/seed-fat12.img"

ntfs=$root/ntfs-reader/src/test/resources/org/jwim/ntfs/NtfsVolumeFuzzTestInputs/openAndWalk
mkdir -p "$ntfs"
truncate -s 2M ntfs.img
mkntfs -q -F -Q -s 512 -c 512 ntfs.img >/dev/null 2>&1
ntfscp -q ntfs.img h.txt hello.txt 2>/dev/null || ntfscp ntfs.img h.txt hello.txt
ntfscp -q ntfs.img r.bin random.bin 2>/dev/null || ntfscp ntfs.img r.bin random.bin
cp ntfs.img "$ntfs/seed-ntfs.img"

disk=$root/capture/src/test/resources/org/jwim/capture/disk/PartitionTableFuzzTestInputs/read
mkdir -p "$disk"
truncate -s 256K gpt.img
printf 'label: gpt\nfirst-lba: 34\nstart=40, size=100, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\nstart=200, size=100\n' | sfdisk -q gpt.img
truncate -s 256K mbr.img
printf 'label: dos\nstart=8, size=50, type=7\nstart=64, size=400, type=5\nstart=72, size=50, type=c\nstart=130, size=50, type=83\n' | sfdisk -q mbr.img
cp gpt.img "$disk/seed-gpt.img"
cp mbr.img "$disk/seed-mbr.img"
