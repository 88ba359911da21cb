package org.jwim.capture.disk;

import com.sun.jna.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.capture.platform.BlockDevices;
import org.jwim.common.Warning;

/**
 * A disk opened read-only (or, with {@link Options#writable}, read-write for apply): a disk-image file or a block device ({@code /dev/sdX},
 * {@code /dev/nvme0n1}, {@code /dev/loopN}; {@code \\.\PhysicalDriveN} on Windows), its
 * partition table and its volumes in table order. Thread-safe for reading.
 */
public final class Disk implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final MediaKind media;
    private final PartitionTable table;
    private final List<Volume> volumes;
    private final List<Warning> warnings;
    private final boolean writable;

    /**
     * Options for {@link #open(Path, Options)}.
     *
     * @param writable open the disk for reading and writing (apply); read-only by default
     */
    public record Options(MediaKind media, Path sysfsRoot, Consumer<Warning> warnings, boolean writable) {
        /** Media detected (image files count as fixed), the real /sys, warnings dropped, read-only. */
        public static Options defaults() {
            return new Options(null, Path.of("/sys"), w -> { }, false);
        }

        /** Open for writing too (an apply target); the default is read-only. */
        public Options writable(boolean value) {
            return new Options(media, sysfsRoot, warnings, value);
        }

        /** Treat the disk as this media kind instead of detecting it. */
        public Options media(MediaKind value) {
            return new Options(value, sysfsRoot, warnings, writable);
        }

        /** Read media kinds from this directory instead of /sys (tests). */
        public Options sysfsRoot(Path value) {
            return new Options(media, value, warnings, writable);
        }

        public Options warnings(Consumer<Warning> value) {
            return new Options(media, sysfsRoot, value, writable);
        }
    }

    private Disk(Path path, FileChannel channel, Options options) throws IOException {
        this.path = path;
        this.channel = channel;
        this.writable = options.writable();
        List<Warning> found = new ArrayList<>();
        Consumer<Warning> warn = w -> {
            found.add(w);
            options.warnings().accept(w);
        };
        int sectorSize = 0;
        MediaKind kind = options.media();
        if (BlockDevices.isDevice(path)) {
            BlockDevices.Geometry g = BlockDevices.geometry(path);
            this.size = g.size();
            sectorSize = g.sectorSize();
            if (kind == null) {
                kind = Platform.isWindows() ? BlockDevices.windowsMedia(path)
                        : new MediaProbe(options.sysfsRoot()).probe(path);
            }
        } else {
            this.size = channel.size();
            if (kind == null) {
                kind = MediaKind.FIXED;
            }
        }
        this.media = kind;
        this.table = PartitionTable.read(this::read, size, sectorSize, warn);
        List<Volume> list = new ArrayList<>();
        int index = 1;
        for (Partition p : table.partitions()) {
            byte[] probe = read(p.offset(), (int) Math.min(Sniffer.PROBE_SIZE, p.length()));
            FileSystemKind fs = Sniffer.sniff(probe);
            list.add(new Volume(index++, p, fs, media, Volume.skipReason(fs, media)));
        }
        this.volumes = List.copyOf(list);
        this.warnings = List.copyOf(found);
    }

    /** Opens a disk image or device read-only, detecting its media kind. */
    public static Disk open(Path path) throws IOException {
        return open(path, Options.defaults());
    }

    /** Opens a disk image or device for reading and writing (an apply target). */
    public static Disk openWritable(Path path) throws IOException {
        return open(path, Options.defaults().writable(true));
    }

    public static Disk open(Path path, Options options) throws IOException {
        FileChannel ch = options.writable()
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new Disk(path, ch, options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads {@code length} bytes at {@code offset}; fails past the end of the disk. */
    public byte[] read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new DiskFormatException("read of " + length + " bytes at offset " + offset
                    + " lies outside the " + size + "-byte disk " + path);
        }
        byte[] b = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new DiskFormatException(path + " ended at offset " + (offset + buf.position()));
            }
        }
        return b;
    }

    /** True when opened with {@link Options#writable}. */
    public boolean writable() {
        return writable;
    }

    public Path path() {
        return path;
    }

    /** The channel the volumes are read (and, when opened writable, written) through. */
    public FileChannel channel() {
        return channel;
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    public MediaKind media() {
        return media;
    }

    public PartitionTable table() {
        return table;
    }

    /** Volumes in table order (a bare disk has one). */
    public List<Volume> volumes() {
        return volumes;
    }

    /** Problems that were worked around (for example a damaged primary GPT header). */
    public List<Warning> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
