#!/usr/bin/env python3
"""Marks the deleted MFT record of NAME in use again, leaving its parent's index as it is, so the
record is an orphan (what a crash or a faulty driver leaves). Usage: mark-orphan.py IMAGE NAME"""
import struct
import sys

image, name = sys.argv[1], sys.argv[2].encode("utf-16-le")
with open(image, "r+b") as f:
    boot = f.read(512)
    sector, spc = struct.unpack_from("<HB", boot, 0x0B)
    cluster = sector * spc
    mft_lcn = struct.unpack_from("<Q", boot, 0x30)[0]
    cpr = struct.unpack_from("<b", boot, 0x40)[0]
    record = cpr * cluster if cpr > 0 else 1 << -cpr
    f.seek(mft_lcn * cluster)
    mft = f.read(4 << 20)             # the MFT's first extent: the fixture's records live there
    for off in range(0, len(mft) - record + 1, record):
        r = mft[off:off + record]
        if r[:4] == b"FILE" and name in r and not struct.unpack_from("<H", r, 0x16)[0] & 1:
            f.seek(mft_lcn * cluster + off + 0x16)
            f.write(struct.pack("<H", struct.unpack_from("<H", r, 0x16)[0] | 1))
            print(f"record {off // record} marked in use")
            sys.exit(0)
sys.exit(f"no deleted record named {sys.argv[2]}")
