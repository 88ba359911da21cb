#!/usr/bin/env python3
"""Lists every entry of a FAT12/16/32 image straight from its directory entries, independent of
jwim's reader: one line per path (from the root, "/"-separated, long name when a valid long-name
set precedes the entry, else the 8.3 name with the NT lower-case flags applied):
    PATH<TAB>SHORT<TAB>ATTRIBUTES<TAB>CREATION LAST_WRITE LAST_ACCESS
SHORT is the stored 8.3 name (code page 437, as US Windows and jwim read it) when a long name
differs from it (what a Windows capture records as the DOS name), else empty. ATTRIBUTES are
the read-only, hidden, system, directory and archive bits as a WIM records them (0x80, NORMAL,
when none is set). Times are 100-ns FILETIMEs of the
local FAT times read as UTC (0 when the date is 0 or invalid); the creation time includes its
10-ms field.
    fat_entries.py IMG [--stamp]
--stamp first writes a distinct non-zero 10-ms creation field (1..199) into every entry, so
that sub-second (and odd-second) creation times exist to be compared."""
import calendar
import struct
import sys

img_path = sys.argv[1]
stamp = "--stamp" in sys.argv[2:]
with open(img_path, "rb") as f:
    img = bytearray(f.read())

bps, spc, reserved, nfats, root_entries, total16, fat16 = struct.unpack_from("<HBHBHHxH", img, 11)
total32, fat32, root_cluster = struct.unpack_from("<II4xI", img, 32)
fat_size = fat16 or fat32
total = total16 or total32
root_sectors = (root_entries * 32 + bps - 1) // bps
first_data = reserved + nfats * fat_size + root_sectors
clusters = (total - first_data) // spc
bits = 12 if clusters < 4085 else 16 if clusters < 65525 else 32
fat = reserved * bps
cluster_bytes = bps * spc


def next_cluster(c):
    if bits == 12:
        v = struct.unpack_from("<H", img, fat + c * 3 // 2)[0]
        return v >> 4 if c & 1 else v & 0xFFF
    if bits == 16:
        return struct.unpack_from("<H", img, fat + c * 2)[0]
    return struct.unpack_from("<I", img, fat + c * 4)[0] & 0x0FFFFFFF


def end(c):
    return c < 2 or c >= {12: 0xFF8, 16: 0xFFF8, 32: 0x0FFFFFF8}[bits]


def dir_offsets(cluster):
    """Byte offsets of every 32-byte slot of a directory (cluster 0: the FAT12/16 root)."""
    if cluster == 0 and bits != 32:
        start = (reserved + nfats * fat_size) * bps
        return range(start, start + root_entries * 32, 32)
    out = []
    c = cluster
    while not end(c):
        start = (first_data + (c - 2) * spc) * bps
        out.extend(range(start, start + cluster_bytes, 32))
        c = next_cluster(c)
    return out


def filetime(date, time=0, tenths=0):
    if date == 0:
        return 0
    y, mo, d = 1980 + (date >> 9), date >> 5 & 0xF, date & 0x1F
    h, mi, s = time >> 11, time >> 5 & 0x3F, (time & 0x1F) * 2
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and s <= 59 and tenths <= 199):
        return 0
    try:
        secs = calendar.timegm((y, mo, d, h, mi, s))
        if calendar.monthrange(y, mo)[1] < d:
            return 0
    except ValueError:
        return 0
    return secs * 10_000_000 + tenths * 100_000 + 116_444_736_000_000_000


def checksum(name11):
    s = 0
    for b in name11:
        s = ((s >> 1) | ((s & 1) << 7)) + b & 0xFF
    return s


counter = 0


def walk(cluster, prefix):
    global counter
    lfn = {}
    lfn_sum = None
    for off in dir_offsets(cluster):
        e = img[off:off + 32]
        if e[0] == 0:
            return
        if e[0] == 0xE5:
            lfn = {}
            continue
        attr = e[11]
        if attr & 0x3F == 0x0F:
            if e[0] & 0x40:
                lfn = {}
                lfn_sum = e[13]
            lfn[e[0] & 0x1F] = e[1:11] + e[14:26] + e[28:32]
            continue
        name11 = bytes(e[0:11])
        longparts, lfn = lfn, {}
        if attr & 0x08 or name11 in (b".          ", b"..         "):
            continue
        raw = b"\xe5" + name11[1:8] if name11[0] == 0x05 else name11[0:8]
        base, ext = raw.decode("cp437").rstrip(" "), name11[8:11].decode("cp437").rstrip(" ")
        stored = base + "." + ext if ext else base
        long_name = None
        if longparts and lfn_sum == checksum(name11) and sorted(longparts) == list(range(1, len(longparts) + 1)):
            chars = b"".join(longparts[i] for i in sorted(longparts)).decode("utf-16-le")
            long_name = chars.split("\0", 1)[0]
        if long_name is None:
            b = base.lower() if e[12] & 0x08 else base
            x = ext.lower() if e[12] & 0x10 else ext
            name, short = (b + "." + x if x else b), ""
        else:
            name, short = long_name, ("" if long_name == stored else stored)
        if stamp:
            counter += 1
            img[off + 13] = counter % 199 + 1
        tenths, ctime, cdate, adate = struct.unpack_from("<BHHH", img, off + 13)
        wtime, wdate = struct.unpack_from("<HH", img, off + 22)
        bits_kept = attr & 0x37
        path = prefix + "/" + name
        sys.stdout.buffer.write(("%s\t%s\t0x%08x\t%d %d %d\n" % (
            path, short, bits_kept or 0x80, filetime(cdate, ctime, tenths), filetime(wdate, wtime),
            filetime(adate))).encode("utf-8"))
        if attr & 0x10:
            hi, lo = struct.unpack_from("<H", e, 20)[0], struct.unpack_from("<H", e, 26)[0]
            walk(hi << 16 | lo if bits == 32 else lo, path)


walk(root_cluster if bits == 32 else 0, "")
if stamp:
    with open(img_path, "r+b") as f:
        f.write(img)
