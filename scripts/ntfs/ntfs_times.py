#!/usr/bin/env python3
"""Prints the NTFS times of every entry under an ntfs-3g mount as ntfs-3g reads them from
$STANDARD_INFORMATION (xattr system.ntfs_times: creation, data change, access, MFT change, as
100-ns FILETIMEs), one line per path: PATH<TAB>CREATION LAST_WRITE LAST_ACCESS. Paths start
with "/"; the root is "/". An oracle for jwim's 100-ns time fidelity, independent of jwim.
    ntfs_times.py MOUNTPOINT"""
import os
import struct
import sys


def times(path):
    cr, mt, at, _ = struct.unpack("<4Q", os.getxattr(path, "system.ntfs_times", follow_symlinks=False))
    return b"\t%d %d %d\n" % (cr, mt, at)


root = sys.argv[1]
out = sys.stdout.buffer
out.write(b"/" + times(root))
for top, dirs, files in os.walk(root):  # symlinked directories are listed, not entered
    for name in dirs + files:
        path = os.path.join(top, name)
        out.write(b"/" + os.fsencode(os.path.relpath(path, root)) + times(path))
