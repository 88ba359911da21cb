#!/usr/bin/env bash
# Regenerates the seed inputs of the volume and partition-table fuzz targets (small raw images;
# Jazzer's corpus must be raw files) and the base images of the overlay targets
# (NtfsRecordFuzzTest, FatMetadataFuzzTest: gzip-compressed test resources).
# Needs mkfs.fat + mtools, mkntfs + ntfscp, sfdisk, and for the NTFS base image root, /dev/fuse,
# ntfs-3g and python3.
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

# NTFS base of the record targets: 2 MiB, 512-byte clusters, 1 KiB records, with compressed,
# sparse, hard-linked (attribute list), many-stream (attribute list), reparse, object-id files.
# The image is also a whole-volume seed; its records and LZNT1 units seed the record targets.
res=$root/ntfs-reader/src/test/resources/org/jwim/ntfs
truncate -s 2M rich.img
mkntfs -q -F -f -s 512 -c 512 -L fuzz rich.img >/dev/null 2>&1
mkdir mnt
ntfs-3g -o compression,streams_interface=xattr rich.img mnt
python3 "$root/scripts/fuzz/ntfs_seeds.py" populate mnt
sync
umount mnt
rm -rf "$res/NtfsRecordFuzzTestInputs"
python3 "$root/scripts/fuzz/ntfs_seeds.py" extract rich.img "$res/NtfsRecordFuzzTestInputs"
cp rich.img "$ntfs/seed-ntfs-rich.img"
gzip -9n <rich.img >"$res/fuzz-base-ntfs.img.gz"

# FAT bases of the metadata overlay target (FAT12, FAT16, FAT32) and its seeds: base number,
# u16 LE sector, then the original bytes of that region (boot sector + FATs, root directory,
# subdirectory clusters), so that every seed starts from a valid volume.
fres=$root/fat32-reader/src/test/resources/org/jwim/fat
fseeds=$fres/FatMetadataFuzzTestInputs/overlay
rm -rf "$fseeds"
mkdir -p "$fseeds"
n=0
for spec in "12 256K 4" "16 3M 1" "32 34M 1"; do
  read -r bits size spc <<<"$spec"
  img=fat$bits-base.img
  truncate -s "$size" "$img"
  mkfs.fat -F "$bits" -s "$spc" -n "BASE$bits" "$img" >/dev/null
  mmd -i "$img" ::/dir ::/dir/sub ::/many ::/emptydir
  mcopy -i "$img" h.txt "::/dir/sub/A long file name, with spaces.txt"
  mcopy -i "$img" h.txt ::/SHORT.TXT
  mcopy -i "$img" r.bin ::/dir/r.bin
  for i in $(seq 1 40); do mcopy -i "$img" h.txt "::/many/entry-number-$i.txt"; done
  mcopy -i "$img" r.bin ::/frag.bin          # freed clusters in the middle, then a larger file
  mdel -i "$img" ::/many/entry-number-3.txt ::/many/entry-number-9.txt
  head -c 20000 /dev/urandom >big.bin
  mcopy -i "$img" big.bin ::/dir/big.bin
  mattrib -i "$img" +h +s +r ::/SHORT.TXT
  gzip -9n <"$img" >"$fres/fuzz-base-fat$bits.img.gz"
  python3 - "$img" "$n" "$fseeds" <<'PY'
import struct, sys
img, base, out = open(sys.argv[1], "rb").read(), int(sys.argv[2]), sys.argv[3]
bps, spc, res, nfats, rootents, tot16, _, fat16 = struct.unpack_from("<HBHBHHBH", img, 0x0B)
fatsz = fat16 or struct.unpack_from("<I", img, 0x24)[0]
root = res + nfats * fatsz
data = root + (rootents * 32 + bps - 1) // bps
def seed(name, sector, n):
    with open(f"{out}/base{base}-{name}", "wb") as f:
        f.write(bytes([base]) + struct.pack("<H", sector) + img[sector * bps:(sector + n) * bps])
seed("boot-fat", 0, min(res + fatsz + 1, 16))
if rootents:
    seed("rootdir", root, min(data - root, 16))
seed("data", data, 16)
PY
  n=$((n + 1))
done

disk=$root/capture/src/test/resources/org/jwim/capture/disk/PartitionTableFuzzTestInputs/read
mkdir -p "$disk"
truncate -s 256K gpt.img
printf 'label: gpt\nfirst-lba: 34\nstart=40, size=100, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\nstart=200, size=100\n' | sfdisk -q gpt.img
truncate -s 256K mbr.img
printf 'label: dos\nstart=8, size=50, type=7\nstart=64, size=400, type=5\nstart=72, size=50, type=c\nstart=130, size=50, type=83\n' | sfdisk -q mbr.img
cp gpt.img "$disk/seed-gpt.img"
cp mbr.img "$disk/seed-mbr.img"
