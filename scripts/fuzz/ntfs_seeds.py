"""Populates an ntfs-3g mount (argv: populate MOUNT) or cuts the fuzz seeds out of the finished
image (argv: extract IMAGE OUT_DIR). Seeds of NtfsRecordFuzzTest:
  mftRecords/rec-N : u16 LE record number + the record's on-disk bytes (fixups not applied)
  fileRecord/rec-N : the record's on-disk bytes
  lznt1/unit-N     : u16 LE decompressed length - 1 + a compression unit's LZNT1 chunks
"""
import hashlib
import os
import struct
import sys


def pattern(n, seed):
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{seed}-{i}".encode()).digest()
        i += 1
    return bytes(out[:n])


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def symlink_reparse(target):
    sub = target.encode("utf-16-le")
    body = struct.pack("<HHHHI", 0, len(sub), len(sub) + 2, len(sub), 1) + sub + b"\0\0" + sub + b"\0\0"
    return struct.pack("<IHH", 0xA000000C, len(body), 0) + body


def populate(mnt):
    os.chdir(mnt)
    os.makedirs("d1/d2/d3")
    write("d1/d2/d3/deep.txt", b"deep\n")
    write("d1/empty", b"")
    write("resident.bin", pattern(500, "res"))
    write("nonres.bin", pattern(9000, "nonres"))
    with open("sparse.bin", "wb") as f:          # data, hole, data
        f.write(pattern(3000, "sp1"))
        f.seek(200000)
        f.write(pattern(2000, "sp2"))
    os.mkdir("comp")
    os.setxattr("comp", "system.ntfs_attrib_be", struct.pack(">I", 0x810))
    write("comp/text.txt", b"compressible text line\n" * 2000)
    write("comp/mixed.bin", b"".join(hashlib.sha256(str(i).encode()).digest() * (1 + i % 5)
                                     for i in range(300)))
    write("comp/random.bin", pattern(6000, "incompressible"))
    os.mkdir("links")                            # 30 hard links: attribute list
    write("links/orig.bin", b"linked\n")
    for i in range(30):
        os.link("links/orig.bin", f"links/hard-link-with-a-long-name-number-{i}.bin")
    write("streams.txt", b"main\n")              # named streams, 20 of them: attribute list
    os.setxattr("streams.txt", "user.big", pattern(3000, "bigstream"))
    for i in range(20):
        os.setxattr("streams.txt", f"user.stream-number-{i}-with-a-long-name", f"value {i}".encode())
    write("symlink", b"")
    os.setxattr("symlink", "system.ntfs_reparse_data", symlink_reparse("d1\\empty"))
    write("objid.txt", b"oid\n")
    os.setxattr("objid.txt", "system.ntfs_object_id", bytes(range(16)))
    write("attrs.txt", b"attrs\n")
    os.setxattr("attrs.txt", "system.ntfs_attrib_be", struct.pack(">I", 0x27))
    os.mkdir("Ünïcödé")
    write("Ünïcödé/名前.txt", b"utf\n")
    os.mkdir("many")
    for i in range(60):
        write(f"many/entry-{i}.dat", b"")


def fixup(rec):
    rec = bytearray(rec)
    usa, count = struct.unpack_from("<HH", rec, 4)
    for i in range(1, count):
        rec[i * 512 - 2:i * 512] = rec[usa + 2 * i:usa + 2 * i + 2]
    return bytes(rec)


def attributes(rec):
    p = struct.unpack_from("<H", rec, 0x14)[0]
    while p + 8 <= len(rec):
        t, n = struct.unpack_from("<II", rec, p)
        if t == 0xFFFFFFFF or n == 0:
            return
        yield t, rec[p:p + n]
        p += n


def runs(attr):
    """(vcn, lcn or None, clusters) of a non-resident attribute."""
    p = struct.unpack_from("<H", attr, 0x20)[0]
    vcn, lcn, out = struct.unpack_from("<q", attr, 0x10)[0], 0, []
    while attr[p]:
        ln, lo = attr[p] & 15, attr[p] >> 4
        length = int.from_bytes(attr[p + 1:p + 1 + ln], "little")
        if lo:
            lcn += int.from_bytes(attr[p + 1 + ln:p + 1 + ln + lo], "little", signed=True)
        out.append((vcn, lcn if lo else None, length))
        vcn += length
        p += 1 + ln + lo
    return out


def extract(image, out):
    img = open(image, "rb").read()
    bps, spc = struct.unpack_from("<HB", img, 0x0B)
    cs = bps * spc
    mft_lcn = struct.unpack_from("<q", img, 0x30)[0]
    cpr = struct.unpack_from("<b", img, 0x40)[0]
    rs = 1 << -cpr if cpr < 0 else cpr * cs
    rec0 = fixup(img[mft_lcn * cs:mft_lcn * cs + rs])
    mft = [r for t, a in attributes(rec0) if t == 0x80 for r in runs(a)]
    offsets = []                                 # byte offset of every MFT record
    for vcn, lcn, n in mft:
        for c in range(n * cs // rs):
            offsets.append(lcn * cs + c * rs)
    for d in ("mftRecords", "fileRecord", "lznt1"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    units = 0
    for num, off in enumerate(offsets):
        raw = img[off:off + rs]
        if raw[:4] != b"FILE" or not struct.unpack_from("<H", raw, 0x16)[0] & 1:
            continue
        write(os.path.join(out, "mftRecords", f"rec-{num}"), struct.pack("<H", num) + raw)
        write(os.path.join(out, "fileRecord", f"rec-{num}"), raw)
        for t, a in attributes(fixup(raw)):
            flags = struct.unpack_from("<H", a, 0x0C)[0]
            if t != 0x80 or not a[8] or not flags & 1 or units >= 6:
                continue
            unit = cs << a[0x22]                 # bytes per compression unit
            for vcn, lcn, n in runs(a):
                if lcn is not None and vcn * cs % unit == 0 and n * cs < unit and units < 6:
                    data = img[lcn * cs:(lcn + n) * cs]
                    write(os.path.join(out, "lznt1", f"unit-{num}-{vcn}"), struct.pack("<H", unit - 1) + data)
                    units += 1


if __name__ == "__main__":
    if sys.argv[1] == "populate":
        populate(sys.argv[2])
    else:
        extract(sys.argv[2], sys.argv[3])
