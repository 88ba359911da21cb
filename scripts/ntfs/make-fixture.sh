#!/usr/bin/env bash
# Builds an NTFS image exercising the structures ntfs-reader must handle, using mkntfs and an
# ntfs-3g FUSE mount (needs root, /dev/fuse, mkntfs, ntfs-3g, python3).
#   make-fixture.sh OUT.img [full|small] [CLUSTER_SIZE] [SECTOR_SIZE]
# full  : 96 MiB, 4 KiB clusters: nested dirs, empty/resident/large/fragmented (volume filled,
#         every other small file freed, then written into the holes)/sparse files,
#         LZNT1-compressed directory and files, hard links (41 names: needs an attribute list),
#         8.3 names, named streams on files and directories (30 streams: attribute list),
#         reparse points (symlink, junction, ntfs-3g symlink), custom security descriptor,
#         object id, hidden/system/readonly attributes, Unicode and 255-character names,
#         a 3000-entry directory, object ids with birth ids ($ObjId), extended attributes, a name
#         stored once as WIN32_AND_DOS, and an orphan record (in use, not in its parent's index).
# small : a few files only, to check other cluster sizes (and, with 4096-byte sectors, 4 KiB
#         MFT records).
# Population is one python3 process (os.setxattr for the ntfs-3g system.* attributes), since
# process start-up dominates on a loaded machine.
set -euo pipefail
out=${1:?usage: make-fixture.sh OUT.img [full|small] [CLUSTER_SIZE] [SECTOR_SIZE]}
kind=${2:-full}
cluster=${3:-4096}
sector=${4:-512}
here=$(cd "$(dirname "$0")" && pwd)
mnt=$(mktemp -d)
cleanup() { cd /; if mountpoint -q "$mnt"; then umount "$mnt"; fi; rmdir "$mnt"; }
trap cleanup EXIT

size=96M
[ "$kind" = small ] && size=$(( cluster > 65536 ? 1024 : cluster == 65536 ? 256 : 16 ))M
rm -f "$out"
truncate -s "$size" "$out"
mkntfs -F -q -f -c "$cluster" -s "$sector" -L "JWIM fixture" "$out" >/dev/null 2>&1
ntfs-3g -o compression,streams_interface=xattr "$out" "$mnt"
python3 "$here/populate.py" "$mnt" "$kind"
sync
if [ "$kind" = full ]; then
  umount "$mnt"
  python3 "$here/mark-orphan.py" "$out" orphan-record.txt >/dev/null
fi
