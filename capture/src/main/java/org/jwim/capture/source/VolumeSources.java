package org.jwim.capture.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.jwim.capture.CaptureException;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Sniffer;
import org.jwim.common.Warning;
import org.jwim.ntfs.NtfsFile;
import org.jwim.wim.model.ImageTree;

/**
 * Picks the scanner for a capture source: a host directory, or a raw NTFS or FAT volume
 * (image file or device, opened read-only) recognised from its boot sector.
 */
public final class VolumeSources {
    /**
     * Settings shared by all volume scanners.
     *
     * @param keepWof keep WOF-compressed NTFS files raw (reparse point and compressed stream)
     *                instead of storing the decoded file
     * @param ntfsRecords told of each file of an NTFS volume as its MFT record is read, then of
     *                null (see {@link NtfsSource#records})
     */
    public record Options(CaptureConfig config, boolean force, ZoneId fatTimeZone,
            Consumer<Warning> warnings, boolean keepWof, Consumer<NtfsFile> ntfsRecords) {
        public static Options defaults() {
            return new Options(CaptureConfig.defaults(), false, ZoneOffset.UTC, w -> { }, false, f -> { });
        }

        public Options ntfsRecords(Consumer<NtfsFile> value) {
            return new Options(config, force, fatTimeZone, warnings, keepWof, value);
        }

        public Options config(CaptureConfig value) {
            return new Options(value, force, fatTimeZone, warnings, keepWof, ntfsRecords);
        }

        public Options force(boolean value) {
            return new Options(config, value, fatTimeZone, warnings, keepWof, ntfsRecords);
        }

        public Options fatTimeZone(ZoneId value) {
            return new Options(config, force, value, warnings, keepWof, ntfsRecords);
        }

        public Options warnings(Consumer<Warning> value) {
            return new Options(config, force, fatTimeZone, value, keepWof, ntfsRecords);
        }

        public Options keepWof(boolean value) {
            return new Options(config, force, fatTimeZone, warnings, value, ntfsRecords);
        }
    }

    private VolumeSources() {
    }

    /**
     * Scans the volume at {@code [offset, offset+length)} of {@code channel}; the file system is
     * recognised from its boot sector.
     */
    public static ImageTree scanVolume(FileChannel channel, long offset, long length,
            Options options) throws IOException {
        FileSystemKind fs = sniff(channel, offset, length);
        return switch (fs) {
            case NTFS -> NtfsSource.of(channel, offset, length).config(options.config())
                    .force(options.force()).keepWof(options.keepWof()).warnings(options.warnings())
                    .records(options.ntfsRecords()).scan();
            case FAT32, FAT16, FAT12 -> FatSource.of(channel, offset, length)
                    .timeZone(options.fatTimeZone()).warnings(options.warnings()).scan();
            default -> throw new CaptureException("the volume at offset " + offset + " holds "
                    + fs.label() + "; jwim captures NTFS and FAT volumes and directories");
        };
    }

    /** True if {@code source} is a directory (captured with {@link DirectorySource}). */
    public static boolean isDirectory(Path source) {
        return Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file system on the volume at {@code offset}. */
    public static FileSystemKind sniff(FileChannel channel, long offset, long length) throws IOException {
        int n = (int) Math.min(Sniffer.PROBE_SIZE, length);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                break;
            }
        }
        return Sniffer.sniff(java.util.Arrays.copyOf(buf.array(), buf.position()));
    }
}
