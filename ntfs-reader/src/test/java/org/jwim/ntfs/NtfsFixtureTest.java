package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader's view of the full fixture against ntfs-3g's view of the same image. */
class NtfsFixtureTest {
    private static Path image;
    private static FileChannel channel;
    private static NtfsVolume vol;
    private static final List<String> WARNINGS = new ArrayList<>();
    private static Map<String, Snapshot.Node> oracle;

    @BeforeAll
    static void setUp() throws Exception {
        image = Fixtures.image("full", 4096);
        Path mnt = Files.createTempDirectory("jwim-ntfs-mnt");
        OracleTools.run("ntfs-3g", "-o", "ro,streams_interface=xattr", image.toString(), mnt.toString());
        try {
            oracle = Snapshot.ofMount(mnt);
        } finally {
            OracleTools.run("umount", mnt.toString());
            Files.delete(mnt);
        }
        channel = FileChannel.open(image, StandardOpenOption.READ);
        vol = NtfsVolume.open(channel, 0, channel.size(), w -> WARNINGS.add(w.toString()));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** Each file is told as its MFT record is read, once, and then null, once (what --update-of forecasts with). */
    @Test
    void tellsEachFileAsItsRecordIsReadThenNull() throws IOException {
        List<Long> told = new ArrayList<>();
        int[] ends = {0};
        NtfsVolume v = NtfsVolume.open(channel, 0, channel.size(), w -> { }, f -> {
            if (f == null) {
                ends[0]++;
            } else {
                assertEquals(0, ends[0], "record " + f.recordNumber() + " told after the end");
                told.add(f.recordNumber());
            }
        });
        assertEquals(1, ends[0]);
        List<Long> files = new ArrayList<>();
        for (long r = 0; r < v.recordCount(); r++) {
            if (v.file(r) != null) {
                files.add(r);
            }
        }
        assertEquals(files, new ArrayList<>(new TreeSet<>(told)));
        assertEquals(files.size(), told.size(), "each file once");
    }

    private static NtfsDirEntry entry(String path) {
        NtfsFile dir = vol.root();
        NtfsDirEntry found = null;
        for (String part : path.substring(1).split("/")) {
            found = null;
            for (NtfsDirEntry e : vol.list(dir)) {
                if (e.name().equals(part)) {
                    found = e;
                }
            }
            assertNotNull(found, path + ": no " + part);
            dir = found.file();
        }
        return found;
    }

    @Test
    void openIsCleanAndVolumeMetadataMatches() {
        // the one thing the fixture leaves damaged on purpose: a record no directory index lists
        assertEquals(1, WARNINGS.size(), WARNINGS.toString());
        assertTrue(WARNINGS.get(0).contains("\"orphan-record.txt\"") && WARNINGS.get(0).contains("does not list it"),
                WARNINGS.toString());
        assertEquals(List.of("listed.txt"), vol.list(entry("/orphans").file()).stream().map(NtfsDirEntry::name).toList());
        assertEquals("JWIM fixture", vol.label());
        assertEquals(3, vol.majorVersion());
        assertEquals(1, vol.minorVersion());
        assertFalse(vol.isDirty());
        assertEquals(4096, vol.clusterSize());
        assertEquals(1024, vol.fileRecordSize());
        assertEquals('A', vol.upcase()['a']);
        assertTrue(vol.root().isDirectory());
        assertEquals(5, vol.root().recordNumber());
        assertNotNull(vol.root().securityDescriptor());
    }

    @Test
    void everyPathSizeHashAndInodeAgreesWithNtfs3g() throws IOException {
        Map<String, Snapshot.Node> mine = Snapshot.ofReader(vol, Long.MAX_VALUE);
        assertEquals(new TreeSet<>(oracle.keySet()), new TreeSet<>(mine.keySet()));
        for (Snapshot.Node o : oracle.values()) {
            Snapshot.Node m = mine.get(o.path());
            assertEquals(o.inode(), m.inode(), o.path() + " inode");
            if (o.symlink()) {
                continue;       // reparse points and Interix links: checked separately
            }
            assertEquals(o.directory(), m.directory(), o.path() + " directory");
            assertEquals(o.size(), m.size(), o.path() + " size");
            assertEquals(o.sha1(), m.sha1(), o.path() + " content");
            assertEquals(o.streams(), m.streams(), o.path() + " named streams");
            assertEquals(o.mtime(), m.mtime(), o.path() + " last write time");
        }
        assertTrue(mine.size() > 3250, "walked " + mine.size());
    }

    @Test
    void systemFilesAreHiddenButReachableByNumber() {
        for (NtfsDirEntry e : vol.list(vol.root())) {
            assertFalse(e.name().startsWith("$"), e.name());
            assertTrue(e.file().recordNumber() >= 16 || e.file().recordNumber() < 0, e.name());
        }
        assertEquals(0, vol.file(0).recordNumber());
        assertNotNull(vol.file(0).stream(""));
    }

    @Test
    void directoriesSortAsNtfsSorts() {
        List<NtfsDirEntry> many = vol.list(entry("/many").file());
        assertEquals(3000, many.size());
        assertEquals("entry-1.dat", many.get(0).name());
        assertEquals("entry-10.dat", many.get(1).name());
        List<String> root = new ArrayList<>();
        vol.list(vol.root()).forEach(e -> root.add(e.name()));
        int a = root.indexOf("A long file name.txt");
        int b = root.indexOf("attrs.txt");
        int f = root.indexOf("fragmented.bin");
        assertTrue(a < b && b < f, root.toString());
    }

    @Test
    void hardLinksShareOneFileAndNeedAnAttributeList() {
        NtfsFile original = entry("/links/original.bin").file();
        assertEquals(42, original.linkCount());
        assertEquals(original.recordNumber(), entry("/linked-in-root.bin").file().recordNumber());
        assertEquals(original.recordNumber(),
                entry("/links/hard-link-with-a-fairly-long-name-number-40.bin").file().recordNumber());
        assertEquals(41, vol.list(entry("/links").file()).size());
    }

    @Test
    void shortNamesArePaired() {
        assertEquals("ALONGF~1.TXT", entry("/A long file name.txt").shortName());
        assertEquals("PROGRA~1", entry("/Program Files").shortName());
        assertEquals("", entry("/dir1").shortName());
    }

    @Test
    void manyNamedStreamsSpanExtensionRecords() throws IOException {
        NtfsFile f = entry("/manystreams.txt").file();
        assertEquals(31, f.streams().size());
        assertEquals("", f.streams().get(0).name());
        NtfsStream s = f.stream("stream-number-30-with-a-long-name");
        try (InputStream in = s.open()) {
            assertEquals("value 30", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertNotNull(entry("/streamdir").file().stream("dirstream"));
    }

    @Test
    void fragmentedAndSparseFilesExposeExtentsInOrder() throws IOException {
        NtfsStream frag = entry("/fragmented.bin").file().stream("");
        List<NtfsExtent> ext = frag.extents();
        assertTrue(ext.size() > 1, "fragmented.bin has " + ext.size() + " extents");
        assertEquals(frag.size(), ext.stream().mapToLong(NtfsExtent::length).sum());
        assertEquals(ext.get(0).physicalOffset(), frag.firstPhysicalOffset());
        // reading the extents straight from the channel gives the same bytes as open()
        java.security.MessageDigest md = sha1();
        for (NtfsExtent e : ext) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate((int) e.length());
            channel.read(bb, e.physicalOffset());
            md.update(bb.array());
        }
        assertEquals(Snapshot.hash(frag, Long.MAX_VALUE), HexFormat.of().formatHex(md.digest()));

        NtfsFile sparse = entry("/sparse1.bin").file();
        assertTrue((sparse.attributes() & NtfsFile.ATTRIBUTE_SPARSE_FILE) != 0);
        NtfsStream s = sparse.stream("");
        assertTrue(s.isSparse());
        assertEquals(20005000, s.size());
        assertTrue(s.extents().stream().anyMatch(NtfsExtent::isHole));
        assertEquals(s.size(), s.extents().stream().mapToLong(NtfsExtent::length).sum());
        NtfsStream end = entry("/sparse-end.bin").file().stream("");
        assertEquals(List.of(new NtfsExtent(-1, 50000000)), end.extents());
        assertEquals(-1, end.firstPhysicalOffset());
    }

    @Test
    void compressedFilesAreFlaggedAndDecompressed() {
        NtfsFile dir = entry("/compressed").file();
        assertTrue((dir.attributes() & NtfsFile.ATTRIBUTE_COMPRESSED) != 0);
        NtfsFile text = entry("/compressed/text.txt").file();
        assertTrue((text.attributes() & NtfsFile.ATTRIBUTE_COMPRESSED) != 0);
        NtfsStream s = text.stream("");
        assertTrue(s.isCompressed());
        long onDisk = s.extents().stream().mapToLong(NtfsExtent::length).sum();
        assertTrue(onDisk < s.size() / 4, "compressed to " + onDisk + " of " + s.size());
        assertTrue(entry("/compressed/subdir/abc.txt").file().stream("").isCompressed());
    }

    @Test
    void reparsePointsSecurityObjectIdAndAttributes() throws IOException, InterruptedException {
        NtfsFile link = entry("/symlink-file").file();
        assertEquals(0xA000000C, link.reparseTag());
        assertTrue((link.attributes() & NtfsFile.ATTRIBUTE_REPARSE_POINT) != 0);
        byte[] data = link.reparseData();
        assertEquals(12 + 2 * ("dir1\\empty.txt".length() * 2 + 2), data.length);
        NtfsFile junction = entry("/junction-dir").file();
        assertEquals(0xA0000003, junction.reparseTag());
        assertTrue(junction.isDirectory());
        assertNull(entry("/dir1").file().reparseData());

        NtfsFile secured = entry("/secured.txt").file();
        String oracleSd = getfattr("system.ntfs_acl", "/secured.txt");
        assertEquals(oracleSd, HexFormat.of().formatHex(secured.securityDescriptor()));
        assertTrue(secured.securityId() >= 0x100, "security id " + secured.securityId());

        assertArrayEquals(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                java.util.Arrays.copyOf(entry("/objid.txt").file().objectId(), 16));
        assertNull(entry("/attrs.txt").file().objectId());
        assertEquals(0x27, entry("/attrs.txt").file().attributes() & 0x27);
        assertTrue((entry("/dir1").file().attributes() & NtfsFile.ATTRIBUTE_DIRECTORY) != 0);
        String crtime = getfattr("system.ntfs_crtime", "/dir1/one-byte");
        assertEquals(Long.reverseBytes(Long.parseUnsignedLong(crtime, 16)),
                entry("/dir1/one-byte").file().creationTime());
    }

    @Test
    void unicodeAndLongNames() {
        assertNotNull(entry("/Ünïcödé ñame/中文文件.txt"));
        assertNotNull(entry("/Ünïcödé ñame/smile-😀.txt"));
        assertNotNull(entry("/" + "L".repeat(251) + ".txt"));
    }

    /** Reads an ntfs-3g system.* attribute of a path through a read-only mount, as hex. */
    private static String getfattr(String name, String path) throws IOException, InterruptedException {
        Path mnt = Files.createTempDirectory("jwim-ntfs-mnt");
        OracleTools.run("ntfs-3g", "-o", "ro", image.toString(), mnt.toString());
        try {
            String out = OracleTools.run("getfattr", "--absolute-names", "-e", "hex", "-n", name,
                    mnt + path);
            int eq = out.indexOf(name + "=0x");
            assertTrue(eq >= 0, out);
            return out.substring(eq + name.length() + 3).trim();
        } finally {
            OracleTools.run("umount", mnt.toString());
            Files.delete(mnt);
        }
    }

    private static java.security.MessageDigest sha1() {
        try {
            return java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
