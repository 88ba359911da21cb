package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded corruption of the full fixture: bytes of MFT records (headers, attributes, run lists,
 * attribute lists), of the boot sector and of compressed data clusters are changed, and the
 * whole tree is walked with every stream read. Each run must end with success (maybe with
 * warnings) or an {@link NtfsFormatException}; never another exception, never a hang.
 */
class NtfsMutationTest {
    private static final int ITERATIONS = 250;
    private static final long MAX_READ = 64 * 1024;

    @TempDir
    Path tmp;

    @Test
    void corruptedVolumesFailCleanly() throws Exception {
        Path img = tmp.resolve("mutated.img");
        Files.copy(Fixtures.image("full", 4096), img, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            NtfsVolume clean = NtfsVolume.open(ch, 0, ch.size(), w -> {
                if (!w.contains("\"orphan-record.txt\"")) {          // the fixture's orphan record
                    fail("clean fixture warns: " + w);
                }
            });
            long mft = mftOffset(ch);
            int rs = clean.fileRecordSize();
            List<Long> interesting = new ArrayList<>();
            for (long r = 0; r < 16; r++) {
                interesting.add(r);
            }
            List<long[]> compressedClusters = new ArrayList<>();
            collect(clean, clean.root(), interesting, compressedClusters);
            Random rnd = new Random(20261124);
            int warned = 0;
            int thrown = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                long pos;
                int span;
                int pick = rnd.nextInt(20);
                if (pick == 0) {
                    pos = 0;                                       // boot sector
                    span = 512;
                } else if (pick < 3 && !compressedClusters.isEmpty()) {
                    long[] e = compressedClusters.get(rnd.nextInt(compressedClusters.size()));
                    pos = e[0];
                    span = (int) Math.min(e[1], 65536);
                } else {
                    long rec = interesting.get(rnd.nextInt(interesting.size()));
                    pos = mft + rec * rs;                          // records are contiguous here
                    span = rs;
                }
                int flips = 1 + rnd.nextInt(4);
                long[] at = new long[flips];
                byte[] old = new byte[flips];
                for (int k = 0; k < flips; k++) {
                    at[k] = pos + rnd.nextInt(span);
                    old[k] = get(ch, at[k]);
                    byte nb = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (old[k] ^ (1 << rnd.nextInt(8)));
                    put(ch, at[k], nb);
                }
                int[] outcome = new int[1];
                String seed = "iteration " + i + " at " + pos;
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    List<String> warnings = new ArrayList<>();
                    try {
                        NtfsVolume v = NtfsVolume.open(ch, 0, ch.size(), warnings::add);
                        try {
                            Snapshot.ofReader(v, MAX_READ);
                        } catch (NtfsFormatException e) {
                            warnings.add(e.getMessage());    // damaged data read through a stream
                        }
                        outcome[0] = warnings.isEmpty() ? 0 : 1;
                    } catch (NtfsFormatException e) {
                        outcome[0] = 2;
                    } catch (RuntimeException | IOException | OutOfMemoryError e) {
                        throw new AssertionError(seed + ": " + e, e);
                    }
                }, seed);
                warned += outcome[0] == 1 ? 1 : 0;
                thrown += outcome[0] == 2 ? 1 : 0;
                for (int k = flips - 1; k >= 0; k--) {
                    put(ch, at[k], old[k]);
                }
            }
            System.out.printf("mutation: %d runs, %d with warnings, %d NtfsFormatException%n",
                    ITERATIONS, warned, thrown);
            if (warned + thrown < ITERATIONS / 10) {
                fail("only " + (warned + thrown) + " of " + ITERATIONS + " corruptions were noticed");
            }
        }
    }

    private static void collect(NtfsVolume vol, NtfsFile dir, List<Long> records, List<long[]> compressed) {
        List<NtfsFile> stack = new ArrayList<>();
        stack.add(dir);
        while (!stack.isEmpty()) {
            NtfsFile d = stack.remove(stack.size() - 1);
            records.add(d.recordNumber());
            for (NtfsDirEntry e : vol.list(d)) {
                NtfsFile f = e.file();
                if (f.isDirectory()) {
                    stack.add(f);
                } else if (f.recordNumber() % 20 == 0 || !f.streams().isEmpty() && f.streams().get(0).size() > 0) {
                    records.add(f.recordNumber());
                }
                for (NtfsStream s : f.streams()) {
                    if (s.isCompressed()) {
                        for (NtfsExtent x : s.extents()) {
                            compressed.add(new long[] {x.physicalOffset(), x.length()});
                        }
                    }
                }
            }
        }
    }

    private static long mftOffset(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ch.read(b, 0);
        int cluster = (b.getShort(0x0B) & 0xFFFF) * (b.get(0x0D) & 0xFF);
        return b.getLong(0x30) * cluster;
    }

    private static byte get(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, pos);
        return b.get(0);
    }

    private static void put(FileChannel ch, long pos, byte v) throws IOException {
        ch.write(ByteBuffer.wrap(new byte[] {v}), pos);
    }
}
