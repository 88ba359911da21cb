package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.jwim.common.Warning;

/**
 * Fuzz target for the FAT metadata: boot sector/BPB, FSInfo, the FATs and directory clusters
 * (long names, deleted entries, chains), without spending mutations on file data. The input
 * overlays a region of one of three small valid base volumes (FAT12 256 KiB, FAT16 3 MiB,
 * FAT32 34 MiB; {@code fuzz-base-fat*.img.gz}, made with their seeds by
 * scripts/fuzz/make-seeds.sh): byte 0 picks the base (mod 3), bytes 1-2 the first 512-byte
 * sector (u16 LE), the rest (at most 16 KiB) replaces the bytes there. The volume is then opened
 * and walked, reading every file. Only {@link FatFormatException} may escape.
 */
class FatMetadataFuzzTest {
    private static final int MAX_OVERLAY = 16 << 10;
    private static final byte[][] BASES = {load(12), load(16), load(32)};

    private static byte[] load(int bits) {
        try (InputStream in = new GZIPInputStream(
                FatMetadataFuzzTest.class.getResourceAsStream("fuzz-base-fat" + bits + ".img.gz"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void overlay(byte[] data) throws IOException {
        if (data.length < 3) {
            return;
        }
        byte[] img = BASES[(data[0] & 0xFF) % BASES.length];
        long at = 512L * ((data[1] & 0xFF) | (data[2] & 0xFF) << 8);
        if (at >= img.length) {
            return;
        }
        int n = (int) Math.min(Math.min(data.length - 3, MAX_OVERLAY), img.length - at);
        byte[] saved = Arrays.copyOfRange(img, (int) at, (int) at + n);
        System.arraycopy(data, 3, img, (int) at, n);
        try (MemoryChannel ch = new MemoryChannel(img, img.length)) {
            walk(FatVolume.open(ch, 0, img.length, w -> { }), img.length);
        } catch (FatFormatException expected) {
            // the one documented failure
        } finally {
            System.arraycopy(saved, 0, img, (int) at, n);
        }
    }

    /** Every base volume is valid and has the structures the seeds are meant to exercise. */
    @Test
    void baseVolumesAreValid() throws IOException {
        FatType[] types = {FatType.FAT12, FatType.FAT16, FatType.FAT32};
        for (int b = 0; b < BASES.length; b++) {
            byte[] img = BASES[b];
            List<Warning> warnings = new ArrayList<>();
            try (MemoryChannel ch = new MemoryChannel(img, img.length)) {
                FatVolume vol = FatVolume.open(ch, 0, img.length, warnings::add);
                assertEquals(List.of(), warnings);
                assertEquals(types[b], vol.type());
                FatEntry many = vol.list(vol.root()).stream().filter(e -> e.longName().equals("many"))
                        .findFirst().orElseThrow();
                assertEquals(38, vol.list(many).size(), "entries of /many in base " + b);
                walk(vol, img.length);
            }
        }
    }

    /**
     * Walks the tree (bounded) and reads every file; extents must lie inside the volume and cover
     * exactly the file's size. Shared with {@link FatVolumeFuzzTest}.
     */
    static void walk(FatVolume vol, long volumeLength) throws IOException {
        ArrayDeque<FatEntry> stack = new ArrayDeque<>();
        stack.push(vol.root());
        int visited = 0;
        while (!stack.isEmpty() && visited++ < 10_000) {
            for (FatEntry e : vol.list(stack.pop())) {
                if (e.isDirectory()) {
                    stack.push(e);
                } else {
                    FatExtents x = e.extents();
                    for (int i = 0; i < x.count(); i++) {
                        assertTrue(x.start(i) >= 0 && x.length(i) > 0 && x.start(i) + x.length(i) <= volumeLength,
                                "extent " + i + " of " + e.path() + " outside the volume: " + x);
                    }
                    assertEquals(e.size(), x.totalLength(), "extents of " + e.path() + " vs its size");
                    try (InputStream in = e.open()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            }
        }
    }
}
