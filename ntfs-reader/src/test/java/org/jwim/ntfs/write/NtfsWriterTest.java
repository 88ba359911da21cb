package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes written by {@link NtfsWriter}, read back by jwim's own reader (no external tools). */
class NtfsWriterTest {
    private static final long T = 133_100_000_000_000_000L;

    @TempDir
    Path tmp;

    private FileChannel volume(long len) throws Exception {
        FileChannel ch = FileChannel.open(tmp.resolve("v.img"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(new byte[1]), len - 1);
        return ch;
    }

    private static void write(NtfsData d, byte[] b) throws Exception {
        d.write(b, 0, b.length);
    }

    /** One $EA entry (u32 next, u8 flags, u8 name length, u16 value length, name, NUL, value, padding). */
    private static byte[] ea(String name, int valueLength) {
        int size = (8 + name.length() + 1 + valueLength + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(size).put((byte) 0).put((byte) name.length()).putShort((short) valueLength);
        b.put(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.array();
    }

    @Test
    void theSpaceCheckCountsTheClustersOfLargeExtendedAttributesOnTheRootToo() throws Exception {
        long len = 32L << 20;
        try (FileChannel ch = volume(len)) {
            NtfsWriter w = NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, 4096, "T"), UpCase.generate());
            NtfsNode f = w.createFile(w.root(), "f.txt", null, NtfsMeta.of(0x20, T));
            long before = w.clustersNeeded();
            w.setExtendedAttributes(f, ea("SMALL", 100));
            assertEquals(before, w.clustersNeeded(), "a small $EA stays in its record");
            w.setExtendedAttributes(f, ea("LARGE", 6000));
            long withFile = w.clustersNeeded();
            assertEquals(before + 2, withFile, "6 KB in 4 KiB clusters");
            w.setExtendedAttributes(w.root(), ea("ROOT", 9000));
            assertEquals(withFile + 3, w.clustersNeeded(), "the root's $EA too");
        }
    }

    @Test
    void linksStreamsAndMetadataOverflowIntoAttributeListsAndReadBack() throws Exception {
        long len = 32L << 20;
        try (FileChannel ch = volume(len)) {
            NtfsWriter w = NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, 4096, "T"), UpCase.generate());
            NtfsNode dir = w.createDirectory(w.root(), "links", null, NtfsMeta.of(0x10, T));
            NtfsNode f = w.createFile(dir, "original.bin", "ORIGIN~1.BIN", new NtfsMeta(0x21, T, T + 1, T + 2, T + 3));
            write(w.addStream(f, "", 5000, false), new byte[5000]);
            for (int i = 0; i < 40; i++) {
                w.link(dir, "hard-link-with-a-fairly-long-name-number-" + i + ".bin", null, f);
            }
            NtfsNode s = w.createFile(w.root(), "manystreams.txt", null, NtfsMeta.of(0x20, T));
            write(w.addStream(s, "", 0, false), new byte[0]);
            for (int i = 0; i < 30; i++) {
                write(w.addStream(s, "stream-number-" + i + "-with-a-long-name", 7, false), ("value" + (i + 10)).getBytes());
            }
            NtfsNode link = w.createFile(w.root(), "symlink", null, NtfsMeta.of(0x420, T));
            byte[] rp = {0x0C, 0, 0, (byte) 0xA0, 4, 0, 0, 0, 1, 2, 3, 4};
            w.setReparsePoint(link, rp);
            write(w.addStream(link, "", 0, false), new byte[0]);
            byte[] sd = {1, 0, 4, (byte) 0x80, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
            w.setSecurityDescriptor(link, sd);
            byte[] oid = new byte[64];                 // GUID in $OBJECT_ID, birth/domain ids in $ObjId:$O
            oid[3] = 9;
            oid[17] = 8;
            oid[63] = 7;
            w.setObjectId(link, oid);
            assertEquals(List.of(), w.finish());

            List<String> warnings = new ArrayList<>();
            NtfsVolume v = NtfsVolume.open(ch, 0, len, x -> warnings.add(x.toString()));
            assertEquals(List.of(), warnings);
            Map<String, NtfsDirEntry> root = byName(v, v.root());
            Map<String, NtfsDirEntry> links = byName(v, root.get("links").file());
            assertEquals(41, links.size());
            NtfsFile orig = links.get("original.bin").file();
            assertEquals("ORIGIN~1.BIN", links.get("original.bin").shortName());
            assertEquals(41, orig.linkCount());
            assertEquals(0x21, orig.attributes());
            assertEquals(T + 1, orig.lastWriteTime());
            assertEquals(T + 3, orig.lastAccessTime());
            NtfsFile many = root.get("manystreams.txt").file();
            assertEquals(31, many.streams().size());
            try (InputStream in = many.stream("stream-number-29-with-a-long-name").open()) {
                assertEquals("value39", new String(in.readAllBytes()));
            }
            NtfsFile sl = root.get("symlink").file();
            assertEquals(0xA000000C, sl.reparseTag());
            assertArrayEquals(new byte[] {1, 2, 3, 4}, sl.reparseData());
            assertArrayEquals(sd, sl.securityDescriptor());
            assertArrayEquals(oid, sl.objectId());
        }
    }

    @Test
    void refusesClashingAndInvalidNamesAndReportsAFullVolume() throws Exception {
        long len = 4L << 20;
        try (FileChannel ch = volume(len)) {
            NtfsWriter w = NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, 4096, ""), UpCase.generate());
            NtfsNode a = w.createFile(w.root(), "Readme.txt", "README.TXT", NtfsMeta.of(0x20, T));
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "README.TXT", null, NtfsMeta.of(0, T)));
            w.createFile(w.root(), "posix", null, NtfsMeta.of(0, T));
            w.createFile(w.root(), "POSIX", null, NtfsMeta.of(0, T));      // POSIX names may differ in case only
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "a/b", null, NtfsMeta.of(0, T)));
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "x".repeat(256), null, NtfsMeta.of(0, T)));
            assertThrows(IllegalArgumentException.class, () -> w.addStream(a, "", -1, false));
            NtfsData big = w.addStream(a, "", 8L << 20, false);
            assertThrows(NtfsVolumeFullException.class, () -> big.write(new byte[4096], 0, 4096));
            assertThrows(IllegalStateException.class, () -> w.addStream(a, "x", 1, false).write(new byte[2], 0, 2));
            List<String> emptied = w.finish();
            assertTrue(emptied.size() == 2, emptied.toString());
            NtfsVolume v = NtfsVolume.open(ch, 0, len, m -> { });
            assertEquals(0, byName(v, v.root()).get("Readme.txt").file().stream("").size());
        }
    }

    private static Map<String, NtfsDirEntry> byName(NtfsVolume v, NtfsFile dir) {
        Map<String, NtfsDirEntry> m = new HashMap<>();
        for (NtfsDirEntry e : v.list(dir)) {
            m.put(e.name(), e);
        }
        return m;
    }
}
