package org.jwim.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsVolume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MFT scan throughput of {@link NtfsVolume#open}: MFT records per second (score = records/s).
 * The volume is either the image named by the system property {@code jwim.bench.ntfsImage}
 * (e.g. one made with scripts/ntfs/make-fixture.sh or a real disk image), or a synthetic volume
 * of {@link #RECORDS} 1 KiB records (a root directory holding files with a name, standard
 * information and a small resident $DATA each), written to a temporary file once per trial;
 * reads are then served from the page cache, so the score is the parse cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NtfsScanBenchmark {
    static final int RECORDS = 200_000;
    private static final int CLUSTER = 4096;
    private static final int RECORD = 1024;

    private Path file;
    private boolean temporary;
    private FileChannel channel;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String image = System.getProperty("jwim.bench.ntfsImage");
        if (image != null && !image.isEmpty()) {
            file = Path.of(image);
        } else {
            file = Files.createTempFile("jwim-ntfs-bench", ".img");
            temporary = true;
            writeSyntheticVolume(file, RECORDS);
        }
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.close();
        if (temporary) {
            Files.deleteIfExists(file);
        }
    }

    /** Opens the volume (all records parsed, tree built); score in records/s. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long scanMft() throws IOException {
        NtfsVolume vol = NtfsVolume.open(channel, 0, channel.size(), w -> { });
        long n = vol.recordCount();
        for (NtfsDirEntry e : vol.list(vol.root())) {
            n += e.name().length();
        }
        return n;
    }

    /** Writes a minimal NTFS volume: boot sector, contiguous $MFT, root directory, files. */
    public static void writeSyntheticVolume(Path path, int records) throws IOException {
        long mftLcn = 16;
        long mftBytes = (long) records * RECORD;
        long clusters = mftLcn + mftBytes / CLUSTER + 64;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer boot = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            boot.put(3, "NTFS    ".getBytes(StandardCharsets.US_ASCII));
            boot.putShort(0x0B, (short) 512).put(0x0D, (byte) (CLUSTER / 512));
            boot.putLong(0x28, clusters * (CLUSTER / 512) - 1).putLong(0x30, mftLcn).putLong(0x38, 8);
            boot.put(0x40, (byte) -10).put(0x44, (byte) 1).putLong(0x48, 0x1234).putShort(0x1FE, (short) 0xAA55);
            ch.write(boot, 0);
            ByteBuffer chunk = ByteBuffer.allocate(1024 * RECORD).order(ByteOrder.LITTLE_ENDIAN);
            for (int first = 0; first < records; first += 1024) {
                chunk.clear();
                int n = Math.min(1024, records - first);
                for (int i = 0; i < n; i++) {
                    record(chunk, i * RECORD, first + i, mftLcn, mftBytes);
                }
                chunk.limit(n * RECORD);
                ch.write(chunk, mftLcn * CLUSTER + (long) first * RECORD);
            }
            ch.write(ByteBuffer.allocate(1), clusters * CLUSTER - 1);
        }
    }

    private static void record(ByteBuffer b, int off, int number, long mftLcn, long mftBytes) {
        for (int i = 0; i < RECORD; i++) {
            b.put(off + i, (byte) 0);
        }
        if (number != 0 && number != 5 && number < 16) {
            return;                                    // other system records left unused
        }
        b.putInt(off, 0x454C4946).putShort(off + 4, (short) 0x30).putShort(off + 6, (short) 3);
        b.putShort(off + 0x10, (short) 1).putShort(off + 0x14, (short) 0x38);
        b.putShort(off + 0x16, (short) (number == 5 ? 3 : 1)).putInt(off + 0x1C, RECORD);
        int p = off + 0x38;
        // $STANDARD_INFORMATION, resident, 72 bytes
        p = residentHeader(b, p, 0x10, 72);
        b.putLong(p - 72, 132_000_000_000_000_000L + number).putInt(p - 72 + 0x20, 0x20);
        // $FILE_NAME in the root
        String name = number == 0 ? "$MFT" : number == 5 ? "." : "file-" + number + ".txt";
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        int fnLen = 0x42 + n.length;
        p = residentHeader(b, p, 0x30, fnLen);
        int v = p - ((fnLen + 7) & ~7);
        b.putLong(v, 5L | 1L << 48).put(v + 0x40, (byte) name.length()).put(v + 0x41, (byte) 3);
        b.put(v + 0x42, n);
        if (number == 0) {
            // non-resident $DATA: one run of the whole MFT
            b.putInt(p, 0x80).putInt(p + 4, 0x50).put(p + 8, (byte) 1).putShort(p + 0x0A, (short) 0x40);
            long vcns = mftBytes / CLUSTER;
            b.putLong(p + 0x18, vcns - 1).putShort(p + 0x20, (short) 0x40);
            b.putLong(p + 0x28, mftBytes).putLong(p + 0x30, mftBytes).putLong(p + 0x38, mftBytes);
            b.put(p + 0x40, (byte) 0x44).putInt(p + 0x41, (int) vcns).putInt(p + 0x45, (int) mftLcn);
            p += 0x50;
        } else if (number != 5) {
            p = residentHeader(b, p, 0x80, 40);
        }
        b.putInt(p, -1);
        b.putInt(off + 0x18, p + 8 - off);
        // fixups: USN 1, sector ends saved in the array
        b.putShort(off + 0x30, (short) 1);
        for (int s = 0; s < 2; s++) {
            int end = off + 512 * (s + 1) - 2;
            b.putShort(off + 0x32 + 2 * s, b.getShort(end));
            b.putShort(end, (short) 1);
        }
    }

    /** Writes a resident attribute header with a zeroed value of {@code len}; returns the next offset. */
    private static int residentHeader(ByteBuffer b, int p, int type, int len) {
        int total = 0x18 + ((len + 7) & ~7);
        b.putInt(p, type).putInt(p + 4, total).putInt(p + 0x10, len).putShort(p + 0x14, (short) 0x18);
        return p + total;
    }
}
