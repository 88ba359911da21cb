#!/usr/bin/env python3
"""Populates an ntfs-3g mount (streams_interface=xattr, compression) for the ntfs-reader tests.
Usage: populate.py MOUNTPOINT full|small. See make-fixture.sh for what each part exercises."""
import hashlib
import os
import struct
import sys

root, kind = sys.argv[1], sys.argv[2]
os.chdir(root)


def pattern(n, seed):
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{seed}/{i}".encode()).digest()
        i += 1
    return bytes(out[:n])


def write(path, data, mode="wb"):
    with open(path, mode) as f:
        f.write(data)


def xattr(path, name, value):
    os.setxattr(path, name, value, follow_symlinks=False)


def reparse(kind, target):
    sub = (("\\??\\" + target) if kind == "junction" else target).encode("utf-16-le")
    prn = target.encode("utf-16-le")
    path = sub + b"\0\0" + prn + b"\0\0"
    if kind == "junction":
        body = struct.pack("<HHHH", 0, len(sub), len(sub) + 2, len(prn)) + path
        tag = 0xA0000003
    else:
        body = struct.pack("<HHHHI", 0, len(sub), len(sub) + 2, len(prn), 1) + path
        tag = 0xA000000C
    return struct.pack("<IHH", tag, len(body), 0) + body


def ea_list(*entries):
    """$EA value: per entry u32 next offset, u8 flags, u8 name length, u16 value length, name,
    NUL, value, padding to 4 (the layout Windows and ntfs-3g's system.ntfs_ea use)."""
    out = b""
    for flags, name, value in entries:
        body = struct.pack("<BBH", flags, len(name), len(value)) + name + b"\0" + value
        size = (4 + len(body) + 3) & ~3
        out += struct.pack("<I", size) + body + bytes(size - 4 - len(body))
    return out


def sid(authority, *subs):
    return struct.pack("<BB", 1, len(subs)) + authority.to_bytes(6, "big") + b"".join(
        struct.pack("<I", s) for s in subs)


def security_descriptor():
    owner = sid(5, 32, 544)           # BUILTIN\Administrators
    group = sid(5, 18)                # SYSTEM
    everyone = sid(1, 0)
    ace = struct.pack("<BBHI", 0, 0, 8 + len(everyone), 0x001200A9) + everyone
    dacl = struct.pack("<BBHHH", 2, 0, 8 + len(ace), 1, 0) + ace
    off_owner = 20
    off_group = off_owner + len(owner)
    off_dacl = off_group + len(group)
    header = struct.pack("<BBHIIII", 1, 0, 0x8004, off_owner, off_group, 0, off_dacl)
    return header + owner + group + dacl


if kind == "small":
    os.makedirs("a/b")
    write("a/b/hello.txt", b"small file\n")
    write("a/empty", b"")
    write("a/big.bin", pattern(300000, "big"))
    write("resident.bin", pattern(600, "res"))
    sys.exit(0)

# nested directories, empty, tiny and resident files
os.makedirs("dir1/dir2/dir3/dir4")
write("dir1/dir2/dir3/dir4/deep.txt", b"deep\n")
write("dir1/empty.txt", b"")
write("dir1/one-byte", b"x")
write("dir1/resident.bin", pattern(700, "resident"))
os.mkdir("emptydir")

# a large file, and a fragmented one: fill the volume, free every other small file, then write
# into the holes (ntfs-3g's allocator wraps around and takes the gaps)
write("large.bin", pattern(5 * 1024 * 1024 + 123, "large"))
os.mkdir("gaps")
for i in range(400):
    write(f"gaps/g{i}", pattern(16384, f"gap{i}"))
try:
    with open("filler", "wb") as f:
        while True:
            f.write(bytes(1 << 20))
            f.flush()
except OSError:
    pass
for i in range(0, 400, 2):
    os.remove(f"gaps/g{i}")
write("fragmented.bin", pattern(2 * 1024 * 1024 + 5, "fragmented"))
os.remove("filler")

# sparse files: hole in the middle, only a hole, leading hole
with open("sparse1.bin", "wb") as f:
    f.write(pattern(10000, "sp1"))
    f.seek(20000000)
    f.write(pattern(5000, "sp2"))
with open("sparse-end.bin", "wb") as f:
    f.truncate(50000000)
with open("sparse-lead.bin", "wb") as f:
    f.seek(3000000)
    f.write(pattern(70000, "lead"))

# LZNT1-compressed directory: files created inside inherit the compressed attribute
os.mkdir("compressed")
xattr("compressed", "system.ntfs_attrib_be", struct.pack(">I", 0x810))
write("compressed/text.txt", b"compressible text line\n" * 40000)
write("compressed/random.bin", pattern(100000, "incompressible"))
write("compressed/mixed.bin",
      b"".join(hashlib.sha256(str(i).encode()).digest() * (1 + i % 7) for i in range(6000)))
with open("compressed/sparse-compressed.bin", "wb") as f:
    f.seek(300000)
    f.write(b"tail\n")
write("compressed/empty", b"")
write("compressed/small.txt", b"small compressed\n")
os.mkdir("compressed/subdir")
write("compressed/subdir/abc.txt", b"abc" * 100000)

# hard links: 41 names, too many for one 1 KiB record -> attribute list
os.mkdir("links")
write("links/original.bin", pattern(5000, "linked"))
os.link("links/original.bin", "linked-in-root.bin")
for i in range(1, 41):
    os.link("links/original.bin", f"links/hard-link-with-a-fairly-long-name-number-{i}.bin")

# 8.3 names set explicitly
write("A long file name.txt", b"long name\n")
xattr("A long file name.txt", "system.ntfs_dos_name", b"ALONGF~1.TXT")
os.mkdir("Program Files")
xattr("Program Files", "system.ntfs_dos_name", b"PROGRA~1")
write("Program Files/readme.txt", b"in pf\n")
# a name that is its own 8.3 form: ntfs-3g then stores it once, as WIN32_AND_DOS (as Windows does)
write("UPPER.TXT", b"one name in both namespaces\n")
xattr("UPPER.TXT", "system.ntfs_dos_name", b"UPPER.TXT")

# named streams on a file and a directory; 30 streams -> attribute list
write("streams.txt", b"main data\n")
xattr("streams.txt", "user.small", b"alternate stream")
xattr("streams.txt", "user.big", pattern(40000, "bigstream"))
os.mkdir("streamdir")
xattr("streamdir", "user.dirstream", b"stream on a directory")
write("manystreams.txt", b"")
for i in range(1, 31):
    xattr("manystreams.txt", f"user.stream-number-{i}-with-a-long-name", f"value {i}".encode())

# reparse points: raw symlink and junction data, and an ntfs-3g symlink
write("symlink-file", b"")
xattr("symlink-file", "system.ntfs_reparse_data", reparse("symlink", "dir1\\empty.txt"))
os.mkdir("junction-dir")
xattr("junction-dir", "system.ntfs_reparse_data", reparse("junction", "C:\\Windows"))
os.symlink("dir1/one-byte", "posix-symlink")

# custom security descriptor, object id, attributes
write("secured.txt", b"secured\n")
xattr("secured.txt", "system.ntfs_acl", security_descriptor())
write("objid.txt", b"with object id\n")
xattr("objid.txt", "system.ntfs_object_id", bytes.fromhex("00112233445566778899aabbccddeeff"))
# full object ids as Windows keeps them: the GUID in $OBJECT_ID, birth volume/object and domain
# ids in $Extend\$ObjId:$O (ntfs-3g splits the 64 bytes the same way); one with only some set
write("objid-birth.txt", b"with birth ids\n")
xattr("objid-birth.txt", "system.ntfs_object_id", pattern(64, "objid"))
os.mkdir("objid-dir")
xattr("objid-dir", "system.ntfs_object_id", pattern(16, "dir-guid") + bytes(16) + pattern(16, "birth") + bytes(16))
# extended attributes as WSL writes them (uid, gid, mode) plus one flagged NEED_EA
write("ea.txt", b"with extended attributes\n")
xattr("ea.txt", "system.ntfs_ea", ea_list((0, b"$LXUID", struct.pack("<I", 1000)),
                                          (0, b"$LXGID", struct.pack("<I", 1000)),
                                          (0, b"$LXMOD", struct.pack("<I", 0o100644)),
                                          (0x80, b"APP.SETTING", b"needed value")))
os.mkdir("ea-dir")
xattr("ea-dir", "system.ntfs_ea", ea_list((0, b"DIR.EA", b"x" * 37)))
write("attrs.txt", b"attrs\n")
xattr("attrs.txt", "system.ntfs_attrib_be", struct.pack(">I", 0x27))

# Unicode and 255-character names
os.mkdir("Ünïcödé ñame")
write("Ünïcödé ñame/中文文件.txt", b"utf\n")
write("Ünïcödé ñame/smile-😀.txt", b"emoji\n")
write("Ünïcödé ñame/MixedCase.TXT", b"case\n")
write("L" * 251 + ".txt", b"long name\n")

# a directory with thousands of entries
os.mkdir("many")
for i in range(1, 3001):
    write(f"many/entry-{i}.dat", b"")
for i in (7, 77, 777, 2999):
    write(f"many/entry-{i}.dat", f"content {i}\n".encode())

# an orphan: a record in use whose parent's index does not list it (a crash or a faulty driver
# leaves such records; Windows and ntfs-3g never see them). Deleted here, the record is marked in
# use again by make-fixture.sh once the volume is unmounted (see mark-orphan.py).
os.mkdir("orphans")
write("orphans/listed.txt", b"listed\n")
write("orphans/orphan-record.txt", b"only the MFT knows me\n")
os.remove("orphans/orphan-record.txt")
