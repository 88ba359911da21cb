#!/usr/bin/env bash
# Builds wimlib-written, uncompressed oracle WIMs from a small NTFS volume (raw-NTFS capture mode).
# Usage: scripts/make-ntfs-wims.sh OUTDIR     (needs root, /dev/fuse, mkntfs, ntfs-3g, setfattr,
#                                               getfattr, wimlib-imagex)
# Produces in OUTDIR:
#   single.wim  one image "NtfsOne" of a volume holding: a hard link pair, a file with a named
#               data stream, a file with a short (8.3) name, a symlink reparse point (relative),
#               a junction reparse point (absolute \??\C:\dir1), a file with its own security
#               descriptor, Unicode names, an empty file, an empty directory, a 1.5 MB file
#   multi.wim   image 1 = the same volume, image 2 "NtfsTwo" = the volume after edits
#               (one file changed, one removed, one added; the rest shared by dedup)
set -euo pipefail
out="$(cd "${1:?usage: $0 OUTDIR}" && pwd)"
img="$out/vol.img"
mnt="$out/mnt"
mkdir -p "$mnt"

cleanup() { mountpoint -q "$mnt" && umount "$mnt" || true; }
trap cleanup EXIT

# UTF-16LE hex of an ASCII string (no 0x prefix)
u16hex() { local s="$1" i; for ((i = 0; i < ${#s}; i++)); do printf '%02x00' "'${s:i:1}"; done; }
le16() { printf '%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)); }

# symlink reparse buffer (with 8-byte header), flags: 1 = relative
symlink_rp() {
  local sub="$1" print="$2" flags="$3" s p
  s="$(u16hex "$sub")"; p="$(u16hex "$print")"
  local sl=$((${#s} / 2)) pl=$((${#p} / 2))
  local len=$((12 + sl + pl))
  printf '0x0c0000a0%s0000%s%s%s%s%s000000%s%s' "$(le16 $len)" "$(le16 0)" "$(le16 $sl)" \
    "$(le16 $sl)" "$(le16 $pl)" "$(printf '%02x' "$flags")" "$s" "$p"
}
# junction (mount point) reparse buffer, names NUL-terminated as Windows writes them
junction_rp() {
  local sub="$1" print="$2" s p
  s="$(u16hex "$sub")"; p="$(u16hex "$print")"
  local sl=$((${#s} / 2)) pl=$((${#p} / 2))
  local len=$((8 + sl + 2 + pl + 2))
  printf '0x030000a0%s0000%s%s%s%s%s0000%s0000' "$(le16 $len)" "$(le16 0)" "$(le16 $sl)" \
    "$(le16 $((sl + 2)))" "$(le16 $pl)" "$s" "$p"
}

rm -f "$img"
truncate -s 16M "$img"
mkntfs -F -Q -q "$img" >/dev/null 2>&1
ntfs-3g -o streams_interface=xattr "$img" "$mnt"
(
  cd "$mnt"
  mkdir dir1 "Ünïcödé dir" emptydir
  printf 'hello world\n' > dir1/file.txt
  ln dir1/file.txt hardlink.txt
  printf 'main data\n' > ads.txt
  setfattr -n user.stream1 -v "stream content" ads.txt
  setfattr -n user.second -v "another stream" ads.txt
  printf 'long name\n' > LongFileName.txt
  setfattr -n system.ntfs_dos_name -v "LONGFI~1.TXT" LongFileName.txt
  : > empty.txt
  printf 'ß\n' > "Ünïcödé dir/straße.txt"
  head -c 1500000 /dev/urandom > big.bin
  : > symlink.lnk
  setfattr -n system.ntfs_reparse_data -v "$(symlink_rp 'dir1\file.txt' 'dir1\file.txt' 1)" symlink.lnk
  mkdir junction
  setfattr -n system.ntfs_reparse_data -v "$(junction_rp '\??\C:\dir1' 'C:\dir1')" junction
  printf 'secured\n' > secured.txt
  acl="$(getfattr -n system.ntfs_acl -e hex secured.txt | sed -n 's/^system.ntfs_acl=//p')"
  setfattr -n system.ntfs_acl -v "${acl/ff011f00/a9001200}" secured.txt
)
umount "$mnt"
rm -f "$out/single.wim" "$out/multi.wim"
wimlib-imagex capture "$img" "$out/single.wim" NtfsOne "first NTFS image" --compress=none >/dev/null
wimlib-imagex capture "$img" "$out/multi.wim" NtfsOne "first NTFS image" --compress=none >/dev/null
ntfs-3g -o streams_interface=xattr "$img" "$mnt"
(
  cd "$mnt"
  printf 'changed\n' > LongFileName.txt
  rm empty.txt
  printf 'new in image two\n' > added.txt
)
umount "$mnt"
wimlib-imagex append "$img" "$out/multi.wim" NtfsTwo "second NTFS image" >/dev/null
rm -f "$img"
rmdir "$mnt"
echo "made $out/single.wim $out/multi.wim"
