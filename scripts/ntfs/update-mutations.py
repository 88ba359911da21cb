#!/usr/bin/env python3
"""Populates (base) or changes (mutate) an ntfs-3g mount (streams_interface=xattr) for the
--update-of tests: every change a re-capture must see, each on its own files.
Usage: update-mutations.py MOUNTPOINT base|mutate
Cases (file names): unchanged.bin; rewrite.bin (content rewritten at equal size, all times
restored); ads-add.txt (named stream added); ads-change.txt (named stream rewritten at equal
size, times restored); attrs.txt (attributes changed); acl.txt (security descriptor changed);
rename-old.txt -> rename-new.txt; moved.txt -> sub/moved.txt; link.txt (hard link link2.txt
added); deleted.txt (deleted); created.txt (created); replaced.txt (replaced by another file of
the same name and size, its times copied from the old one, as a sync tool does)."""
import hashlib
import os
import struct
import sys

root, phase = sys.argv[1], sys.argv[2]
os.chdir(root)
SIZE = 6000  # non-resident (larger than an MFT record)
TIMES = "system.ntfs_times"  # creation, last write, last access (u64 FILETIMEs)


def pattern(n, seed):
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{seed}/{i}".encode()).digest()
        i += 1
    return bytes(out[:n])


def sid(authority, *subs):
    return struct.pack("<BB", 1, len(subs)) + authority.to_bytes(6, "big") + b"".join(
        struct.pack("<I", s) for s in subs)


def security_descriptor():
    """Self-relative: owner Administrators, group SYSTEM, DACL granting Everyone read."""
    owner, group, everyone = sid(5, 32, 544), sid(5, 18), sid(1, 0)
    ace = struct.pack("<BBHI", 0, 0, 8 + len(everyone), 0x001200A9) + everyone
    dacl = struct.pack("<BBHHH", 2, 0, 8 + len(ace), 1, 0) + ace
    header = struct.pack("<BBHIIII", 1, 0, 0x8004, 20, 20 + len(owner), 0, 20 + len(owner) + len(group))
    return header + owner + group + dacl


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def rewrite_keeping_times(path, data):
    """Overwrites in place and sets creation, write and access times back (MFT-change time moves)."""
    times = os.getxattr(path, TIMES)[:24]
    with open(path, "r+b") as f:
        f.write(data)
    os.setxattr(path, TIMES, times)


if phase == "base":
    os.mkdir("sub")
    for name in ["unchanged.bin", "rewrite.bin", "ads-add.txt", "ads-change.txt", "attrs.txt", "acl.txt",
                 "rename-old.txt", "moved.txt", "link.txt", "deleted.txt", "replaced.txt"]:
        write(name, pattern(SIZE, name))
    os.setxattr("ads-change.txt", "user.note", pattern(SIZE, "note"))
elif phase == "mutate":
    rewrite_keeping_times("rewrite.bin", pattern(SIZE, "rewrite.bin/2"))
    os.setxattr("ads-add.txt", "user.added", pattern(SIZE, "added"))
    times = os.getxattr("ads-change.txt", TIMES)[:24]
    os.setxattr("ads-change.txt", "user.note", pattern(SIZE, "note/2"))
    os.setxattr("ads-change.txt", TIMES, times)
    os.setxattr("attrs.txt", "system.ntfs_attrib", (0x21).to_bytes(4, "little"))  # READONLY|ARCHIVE
    os.setxattr("acl.txt", "system.ntfs_acl", security_descriptor())
    os.rename("rename-old.txt", "rename-new.txt")
    os.rename("moved.txt", "sub/moved.txt")
    os.link("link.txt", "link2.txt")
    os.unlink("deleted.txt")
    write("created.txt", pattern(SIZE, "created.txt"))
    write("replacement.tmp", pattern(SIZE, "replaced.txt/2"))
    os.setxattr("replacement.tmp", TIMES, os.getxattr("replaced.txt", TIMES)[:24])
    os.rename("replacement.tmp", "replaced.txt")
else:
    sys.exit("phase must be base or mutate")
