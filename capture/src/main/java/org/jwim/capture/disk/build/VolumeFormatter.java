package org.jwim.capture.disk.build;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.FatVolumeTarget;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.common.Warning;
import org.jwim.fat.write.FatFormatter;
import org.jwim.ntfs.write.NtfsGeometry;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.ntfs.write.UpCase;

/**
 * Formats one new volume and fills it through the same apply targets {@code apply-disk} uses
 * (so a built volume holds exactly what an apply would write).
 */
final class VolumeFormatter {
    /** A new volume has nothing to protect. */
    private static final Protection NOTHING = Protection.of(List.of());

    private VolumeFormatter() {
    }

    /**
     * The NTFS cluster size mkntfs and Windows format choose: 4 KiB (at least one sector),
     * doubled until the volume has fewer than 2^32 clusters.
     */
    static int ntfsClusterSize(long volumeLength, int sectorSize) {
        int c = Math.max(4096, sectorSize);
        while (volumeLength / c >= (1L << 32) - 1 && c < 65536) {
            c *= 2;
        }
        return c;
    }

    /** A fresh NTFS geometry: mkntfs defaults (1 KiB records, or a sector when larger; 4 KiB index blocks). */
    static NtfsGeometry ntfsGeometry(long volumeLength, int sectorSize, String label, long serial) {
        int record = Math.max(1024, sectorSize);
        long log = Math.min(NtfsGeometry.DEFAULT_LOG_FILE, Math.max(64 * 1024, volumeLength / 16));
        return new NtfsGeometry(volumeLength, sectorSize, ntfsClusterSize(volumeLength, sectorSize), record, 4096,
                volumeLength / sectorSize - 1, serial, label, log, null);
    }

    /** Formats {@code p} and applies its content; returns the apply report or null for none. */
    static ApplyReport build(FileChannel ch, int ss, Placed p, Random random, Path scratch, Consumer<Warning> warnings)
            throws IOException {
        PartitionSpec s = p.spec();
        long offset = p.firstLba() * ss;
        long length = p.sectors() * ss;
        FileSystemKind fs = s.fileSystem();
        if (fs == FileSystemKind.UNFORMATTED) {
            return null;
        }
        Consumer<Warning> warn = m -> warnings.accept(m.in("partition " + p.number()));
        if (fs == FileSystemKind.NTFS) {
            NtfsWriter.create(ch, offset, ntfsGeometry(length, ss, s.label(), random.nextLong()), UpCase.generate())
                    .finish();
            if (s.content() instanceof VolumeContent.Empty) {
                return null;
            }
            try (VolumeContent.Source src = s.content().open(scratch, warn);
                    NtfsVolumeTarget t = NtfsVolumeTarget.open(ch, offset, length, NOTHING, warn).inPlace(true)) {
                return t.apply(src.tree(), src.blobs(), options(src, warn));
            }
        }
        FatFormatter.format(ch, offset, length, ss, fs == FileSystemKind.FAT32, s.label(), random.nextInt(), p.firstLba());
        if (s.content() instanceof VolumeContent.Empty) {
            return null;
        }
        try (VolumeContent.Source src = s.content().open(scratch, warn);
                FatVolumeTarget t = FatVolumeTarget.open(ch, offset, length, NOTHING)) {
            return t.apply(src.tree(), src.blobs(), options(src, warn));
        }
    }

    private static ApplyOptions options(VolumeContent.Source src, Consumer<Warning> warn) {
        return ApplyOptions.defaults().readOrder(src.readOrder()).warnings(warn);
    }
}
