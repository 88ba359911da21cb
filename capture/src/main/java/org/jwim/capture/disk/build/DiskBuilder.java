package org.jwim.capture.disk.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.common.Warning;

/**
 * Builds a disk image from nothing, in pure Java (no root, no mount, no external tool):
 * <pre>{@code
 * DiskBuilder.gpt(8L << 30)
 *         .partition(PartitionSpec.esp(100L << 20).fromImage(wim, 1))
 *         .partition(PartitionSpec.msr(16L << 20))
 *         .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(wim, 2))
 *         .write(Path.of("disk.img"));
 * }</pre>
 * The image is a sparse file: the partition table (GPT with protective MBR and backup, or MBR
 * with extended/logical partitions), then each volume formatted with mkfs.fat / mkntfs
 * defaults and filled through the apply targets. Partitions start on 1 MiB boundaries. No boot
 * code is written: the disk boots only after a boot loader is installed (bcdboot, syslinux).
 * A directory's content passes through an uncompressed scratch WIM next to the target (deleted
 * afterwards). Not thread-safe.
 */
public final class DiskBuilder {
    private final boolean gpt;
    private final long size;
    private final List<PartitionSpec> partitions = new ArrayList<>();
    private int sectorSize = 512;
    private Random random = new SecureRandom();
    private Consumer<Warning> warnings = w -> { };

    private DiskBuilder(boolean gpt, long size) {
        if (size < 4L << 20) {
            throw new IllegalArgumentException("a disk needs at least 4 MiB, got " + size + " bytes");
        }
        this.gpt = gpt;
        this.size = size;
    }

    /** A GPT disk of {@code size} bytes (rounded down to whole sectors). */
    public static DiskBuilder gpt(long size) {
        return new DiskBuilder(true, size);
    }

    /** An MBR disk of {@code size} bytes (rounded down to whole sectors). */
    public static DiskBuilder mbr(long size) {
        return new DiskBuilder(false, size);
    }

    /** Logical sector size, 512 (default) or 4096. */
    public DiskBuilder sectorSize(int value) {
        if (value != 512 && value != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096, got " + value);
        }
        this.sectorSize = value;
        return this;
    }

    /** Seeds GUIDs, disk signature and volume serials, so two builds give the same bytes of metadata. */
    public DiskBuilder seed(long value) {
        this.random = new Random(value);
        return this;
    }

    public DiskBuilder warnings(Consumer<Warning> value) {
        this.warnings = Objects.requireNonNull(value);
        return this;
    }

    /** Adds a partition after the ones added before. */
    public DiskBuilder partition(PartitionSpec spec) {
        partitions.add(Objects.requireNonNull(spec));
        return this;
    }

    /**
     * Writes the disk to {@code target} (replaced if it exists) and returns one apply report
     * per partition with content (null for the others). On failure the file is deleted.
     *
     * @throws IllegalArgumentException when the partitions do not fit or a size does not suit
     *         its file system
     */
    public List<ApplyReport> write(Path target) throws IOException {
        long bytes = size / sectorSize * sectorSize;
        List<Placed> placed = Layout.place(gpt, bytes, sectorSize, partitions);
        Path scratch = target.toAbsolutePath().getParent();
        List<ApplyReport> reports = new ArrayList<>();
        boolean done = false;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(new byte[sectorSize]), bytes - sectorSize);
            List<GptWriter.Region> table = gpt ? GptWriter.regions(bytes, sectorSize, placed, random)
                    : MbrWriter.regions(bytes, sectorSize, placed, random);
            for (GptWriter.Region r : table) {
                ByteBuffer b = ByteBuffer.wrap(r.bytes());
                while (b.hasRemaining()) {
                    ch.write(b, r.offset() + b.position());
                }
            }
            for (Placed p : placed) {
                reports.add(VolumeFormatter.build(ch, sectorSize, p, random, scratch, warnings));
            }
            ch.force(false);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return reports;
    }
}
