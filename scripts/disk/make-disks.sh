#!/usr/bin/env bash
# Builds the disk fixtures for capture-disk tests: a GPT disk and an MBR disk (with a logical
# partition), each holding a FAT32 ESP, an unformatted MSR-like partition, an NTFS volume, an
# ext4 volume and an exFAT (GPT) or second NTFS (MBR, logical) volume, with a few files on the
# NTFS and FAT32 volumes. File systems are made in separate files and copied into place, so no
# loop device or mount is needed (ntfs-3g's ntfscp writes the NTFS files).
# Usage: make-disks.sh OUTDIR   (writes OUTDIR/gpt.img and OUTDIR/mbr.img, sparse, ~140 MiB each)
# Needs: sfdisk (fdisk), mkfs.fat + mtools, mkntfs + ntfscp (ntfs-3g), mkfs.ext4 (e2fsprogs),
#        mkfs.exfat (exfatprogs).
set -euo pipefail
out=${1:?usage: make-disks.sh OUTDIR}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MiB=$((1024 * 1024))

# place IMG PART_FILE START_MIB: copies a file system into the disk at START_MIB
place() { dd if="$2" of="$1" bs=1M seek="$3" conv=notrunc,sparse status=none; }

make_fat32() { # FILE MIB LABEL
  truncate -s "$2M" "$1"
  mkfs.fat -F 32 -s 1 -n "$3" "$1" >/dev/null
  printf 'boot manager\n' > "$tmp/bootmgr.txt"
  mmd -i "$1" ::/EFI ::/EFI/Boot
  mcopy -i "$1" "$tmp/bootmgr.txt" ::/EFI/Boot/bootx64.txt
  head -c 70000 /dev/urandom > "$tmp/shared.bin"
  mcopy -i "$1" "$tmp/shared.bin" ::/shared.bin
}

make_ntfs() { # FILE MIB LABEL START_SECTOR
  truncate -s "$2M" "$1"
  mkntfs -q -F -Q -s 512 -H 255 -S 63 -p "$4" -L "$3" "$1" >/dev/null 2>&1
  printf 'hello from %s\n' "$3" > "$tmp/hello.txt"
  ntfscp -q "$1" "$tmp/hello.txt" hello.txt >/dev/null 2>&1 || ntfscp "$1" "$tmp/hello.txt" hello.txt
  ntfscp -q "$1" "$tmp/shared.bin" shared.bin >/dev/null 2>&1 || ntfscp "$1" "$tmp/shared.bin" shared.bin
}

make_disk() { # IMG LABEL_TYPE
  local img=$1 kind=$2
  rm -f "$img"
  truncate -s 140M "$img"
  make_fat32 "$tmp/esp.img" 40 ESP
  make_ntfs "$tmp/ntfs1.img" 24 SYSTEM $((57 * 2048))
  truncate -s 16M "$tmp/ext4.img"; mkfs.ext4 -q -F "$tmp/ext4.img"
  if [ "$kind" = gpt ]; then
    truncate -s 16M "$tmp/exfat.img"; mkfs.exfat "$tmp/exfat.img" >/dev/null
    sfdisk -q "$img" <<'TABLE'
label: gpt
start=2048, size=40M, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
start=83968, size=16M, type=E3C9E316-0B5C-4DB8-817D-F92DF00215AE, name="MSR"
start=116736, size=24M, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="Windows"
start=165888, size=16M, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="Linux"
start=198656, size=16M, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="Data"
TABLE
    place "$img" "$tmp/exfat.img" 97
  else
    make_ntfs "$tmp/ntfs2.img" 16 DATA $((99 * 2048))
    sfdisk -q "$img" <<'TABLE'
label: dos
start=2048, size=40M, type=c
start=83968, size=16M, type=7
start=116736, size=24M, type=7
start=165888, type=5
start=167936, size=16M, type=83
start=202752, size=16M, type=7
TABLE
    place "$img" "$tmp/ntfs2.img" 99
  fi
  place "$img" "$tmp/esp.img" 1
  place "$img" "$tmp/ntfs1.img" 57
  if [ "$kind" = gpt ]; then place "$img" "$tmp/ext4.img" 81; else place "$img" "$tmp/ext4.img" 82; fi
}

make_disk "$out/gpt.img" gpt
make_disk "$out/mbr.img" mbr
