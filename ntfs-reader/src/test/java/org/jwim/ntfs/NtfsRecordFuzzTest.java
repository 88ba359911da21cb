package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jwim.ntfs.data.Lznt1;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.BootSector;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.Fixup;
import org.jwim.ntfs.format.RunList;

/**
 * Per-structure NTFS fuzz targets: whole-image fuzzing spends its mutations on file data and
 * libFuzzer truncates multi-MiB images, so these feed inputs of a few KiB to the structures
 * themselves. Only {@link NtfsFormatException} may escape. Seeds (NtfsRecordFuzzTestInputs) and
 * the base volume {@code fuzz-base-ntfs.img.gz} (2 MiB, 512-byte clusters, 1 KiB records, with
 * compressed, sparse, hard-linked and many-stream files whose records carry attribute lists) are
 * made by scripts/fuzz/make-seeds.sh. The reader has no $I30 index parser (directories come from
 * $FILE_NAME parent references), so there is no index-block target.
 */
class NtfsRecordFuzzTest {
    /** Most records one mftRecords input overwrites (a base record and its extension records). */
    private static final int MAX_RECORDS = 4;
    private static final int GUARD = 64;
    private static final Base BASE = Base.load();

    /** The base volume and the byte offset of each of its MFT records. */
    private record Base(byte[] image, int recordSize, long[] recordOffsets) {
        static Base load() {
            try (InputStream in = new GZIPInputStream(
                    NtfsRecordFuzzTest.class.getResourceAsStream("fuzz-base-ntfs.img.gz"))) {
                byte[] img = in.readAllBytes();
                BootSector boot = BootSector.read(Arrays.copyOf(img, BootSector.SIZE), img.length);
                int rs = boot.fileRecordSize();
                int mft = (int) (boot.mftLcn() * boot.clusterSize());
                byte[] rec0 = Arrays.copyOfRange(img, mft, mft + rs);
                assertEquals(null, Fixup.apply(rec0, 0, rs));
                FileRecord r = FileRecord.parse(rec0, 0, rs, 0, boot.totalClusters(), new ArrayList<>());
                List<Long> offsets = new ArrayList<>();
                for (Attribute a : r.attributes()) {
                    if (a.type() == Attribute.TYPE_DATA && a.name().isEmpty()) {
                        RunList runs = a.runs();
                        for (int i = 0; i < runs.count(); i++) {
                            long first = runs.lcn(i) * boot.clusterSize();
                            for (long b = 0; b < runs.length(i) * boot.clusterSize(); b += rs) {
                                offsets.add(first + b);
                            }
                        }
                    }
                }
                return new Base(img, rs, offsets.stream().mapToLong(Long::longValue).toArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Overwrites up to {@value #MAX_RECORDS} consecutive MFT records of the base volume (input:
     * u16 LE first record number, then the records' on-disk bytes), opens the volume and walks
     * it: fixups, the attribute walk, resident and non-resident headers, run lists, attribute
     * lists and extension records, $STANDARD_INFORMATION/$FILE_NAME/reparse/EA values, the
     * directory tree, stream reads (LZNT1, sparse) and extents.
     */
    @FuzzTest(maxDuration = "30s")
    void mftRecords(byte[] data) throws IOException {
        if (data.length < 2) {
            return;
        }
        byte[] img = BASE.image();
        int rs = BASE.recordSize();
        long[] offsets = BASE.recordOffsets();
        int first = ((data[0] & 0xFF) | (data[1] & 0xFF) << 8) % offsets.length;
        int records = Math.min(Math.min(MAX_RECORDS, offsets.length - first), (data.length - 2 + rs - 1) / rs);
        byte[][] saved = new byte[records][];
        for (int i = 0; i < records; i++) {
            int at = (int) offsets[first + i];
            saved[i] = Arrays.copyOfRange(img, at, at + rs);
            int n = Math.min(rs, data.length - 2 - i * rs);
            System.arraycopy(data, 2 + i * rs, img, at, n);
        }
        try (MemoryChannel ch = new MemoryChannel(img, img.length)) {
            walk(NtfsVolume.open(ch, 0, img.length, w -> { }), img.length, 64 << 10);
        } catch (NtfsFormatException expected) {
            // the one documented failure
        } finally {
            for (int i = 0; i < records; i++) {
                System.arraycopy(saved[i], 0, img, (int) offsets[first + i], rs);
            }
        }
    }

    /** The base volume is valid and has what the seeds are meant to exercise. */
    @Test
    void baseVolumeHasTheSeededStructures() throws IOException {
        byte[] img = BASE.image();
        List<String> warnings = new ArrayList<>();
        try (MemoryChannel ch = new MemoryChannel(img, img.length)) {
            NtfsVolume vol = NtfsVolume.open(ch, 0, img.length, w -> warnings.add(w.toString()));
            assertEquals(List.of(), warnings);
            NtfsFile links = child(vol, vol.root(), "links");
            NtfsFile orig = child(vol, links, "orig.bin");
            assertEquals(31, vol.list(links).stream().filter(e -> e.file() == orig).count(), "hard links (attribute list)");
            NtfsFile streams = child(vol, vol.root(), "streams.txt");
            assertEquals(22, streams.streams().size(), "named streams (attribute list)");
            NtfsStream text = child(vol, child(vol, vol.root(), "comp"), "text.txt").stream("");
            assertTrue(text.isCompressed());
            try (InputStream in = text.open()) {
                assertArrayEquals("compressible text line\n".repeat(2000).getBytes(), in.readAllBytes());
            }
            assertTrue(child(vol, vol.root(), "sparse.bin").stream("").isSparse());
            assertTrue(child(vol, vol.root(), "symlink").isReparsePoint());
        }
        assertTrue(BASE.recordOffsets().length > 100, "MFT records: " + BASE.recordOffsets().length);
    }

    private static NtfsFile child(NtfsVolume vol, NtfsFile dir, String name) {
        return vol.list(dir).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().file();
    }

    /**
     * Walks every directory and reads the first {@code maxRead} bytes of every stream (shared
     * with the volume target; a valid sparse stream can be terabytes long). Each stream must keep
     * the {@link NtfsStream#extents()} contract: non-empty extents on the volume (its first
     * {@code volumeBytes} bytes), none for a resident stream, exactly {@link NtfsStream#size()}
     * bytes for an uncompressed one; and reading yields its size (up to {@code maxRead}) unless
     * it throws {@link NtfsFormatException}.
     */
    static void walk(NtfsVolume vol, long volumeBytes, int maxRead) throws IOException {
        ArrayDeque<NtfsFile> stack = new ArrayDeque<>();
        stack.push(vol.root());
        int visited = 0;
        while (!stack.isEmpty() && visited++ < 10_000) {
            for (NtfsDirEntry e : vol.list(stack.pop())) {
                NtfsFile f = e.file();
                f.securityDescriptor();
                if (f.isDirectory()) {
                    stack.push(f);
                }
                for (NtfsStream s : f.streams()) {
                    checkExtents(s, volumeBytes);
                    try (InputStream in = s.open()) {
                        assertEquals(Math.min(maxRead, s.size()), in.readNBytes(maxRead).length,
                                "bytes read from " + s);
                    }
                }
            }
        }
    }

    private static void checkExtents(NtfsStream s, long volumeBytes) {
        long extentBytes = 0;
        for (NtfsExtent x : s.extents()) {
            assertTrue(x.length() > 0, "empty extent in " + s);
            assertTrue(x.isHole() || x.physicalOffset() + x.length() <= volumeBytes, "extent " + x + " past the volume in " + s);
            extentBytes += x.length();
        }
        if (s.isResident()) {
            assertEquals(0, extentBytes, "extents of resident " + s);
        } else if (!s.isCompressed()) {
            assertEquals(s.size(), extentBytes, "extents of " + s);
        }
    }

    /**
     * One raw MFT record (1 KiB, or 4 KiB for longer inputs; zero-padded) through fixups and the
     * record parser, even when the fixups fail. A parsed record must respect its own bounds:
     * resident values inside the record, runs inside the volume and no longer than 2^32 clusters.
     */
    @FuzzTest(maxDuration = "30s")
    void fileRecord(byte[] data) {
        int rs = data.length <= 1024 ? 1024 : 4096;
        byte[] b = Arrays.copyOf(data, rs);
        long volumeClusters = 4096;
        Fixup.apply(b, 0, rs);
        try {
            FileRecord r = FileRecord.parse(b, 0, rs, 42, volumeClusters, new ArrayList<>());
            for (Attribute a : r.attributes()) {
                if (a.isResident()) {
                    assertTrue(a.value().length <= rs, "resident value longer than its record");
                } else {
                    RunList runs = a.runs();
                    assertTrue(runs.totalClusters() <= RunList.MAX_CLUSTERS, "run list over 2^32 clusters");
                    for (int i = 0; i < runs.count(); i++) {
                        long lcn = runs.lcn(i);
                        assertTrue(runs.length(i) > 0, "empty run");
                        assertTrue(lcn == RunList.SPARSE || lcn >= 0 && lcn + runs.length(i) <= volumeClusters,
                                "run outside the volume");
                        assertEquals(i, runs.find(runs.start(i)), "find() of a run's first VCN");
                    }
                }
            }
        } catch (NtfsFormatException expected) {
            // the one documented failure
        }
    }

    /**
     * LZNT1 (input: u16 LE output length - 1, then the compression unit): the decoder writes
     * only inside its output window, returns at most the window, and its result does not depend
     * on what the output buffer held before.
     */
    @FuzzTest(maxDuration = "30s")
    void lznt1(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int outLen = ((data[0] & 0xFF) | (data[1] & 0xFF) << 8) + 1;
        byte[] first = decode(data, outLen, (byte) 0x5A);
        byte[] second = decode(data, outLen, (byte) 0xA5);
        if (first != null || second != null) {
            assertArrayEquals(first, second, "output depends on the buffer's previous contents");
        }
    }

    /** @return the output window, or null when the decoder rejected the input */
    private static byte[] decode(byte[] data, int outLen, byte fill) {
        byte[] out = new byte[outLen + 2 * GUARD];
        Arrays.fill(out, fill);
        int produced;
        try {
            produced = Lznt1.decompress(data, 2, data.length - 2, out, GUARD, outLen);
        } catch (NtfsFormatException expected) {
            produced = -1;
        }
        for (int i = 0; i < GUARD; i++) {
            assertEquals(fill, out[i], "byte before the output window was written");
            assertEquals(fill, out[GUARD + outLen + i], "byte after the output window was written");
        }
        assertTrue(produced <= outLen, "produced " + produced + " of a " + outLen + "-byte window");
        return produced < 0 ? null : Arrays.copyOfRange(out, GUARD, GUARD + outLen);
    }
}
