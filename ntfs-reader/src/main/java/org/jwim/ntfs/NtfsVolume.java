package org.jwim.ntfs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.common.LE;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.BootSector;

/**
 * An opened NTFS volume: all MFT records are read once by {@link #open} (metadata only, a few
 * large sequential reads), after which the object is immutable and thread-safe. File data is
 * read on demand through {@link NtfsStream}, using positional reads on the channel (the channel
 * must stay open while streams are read; the caller owns and closes it).
 *
 * <p>The directory tree comes from the parent references of the $FILE_NAME attributes gathered
 * during the MFT pass (no $I30 index is read). System files (records 0..15 named in the root,
 * hence also everything under $Extend) are not listed; the root directory itself is.
 */
public final class NtfsVolume {
    private static final System.Logger LOG = System.getLogger(NtfsVolume.class.getName());
    static final int ROOT = 5;
    static final int FIRST_USER_RECORD = 16;
    private static final int REC_VOLUME = 3;
    private static final int REC_SECURE = 9;
    private static final int REC_UPCASE = 10;
    /** Largest $Secure:$SDS read into memory. */
    static final long MAX_SDS = 256L << 20;

    private final BootSector boot;
    private final NtfsFile[] files;
    private final DirectoryTree tree;
    private final char[] upcase;
    private final String label;
    private final int majorVersion;
    private final int minorVersion;
    private final int volumeFlags;

    private NtfsVolume(BootSector boot, NtfsFile[] files, DirectoryTree tree, char[] upcase,
            String label, int majorVersion, int minorVersion, int volumeFlags) {
        this.boot = boot;
        this.files = files;
        this.tree = tree;
        this.upcase = upcase;
        this.label = label;
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.volumeFlags = volumeFlags;
    }

    /** Opens the volume at {@code offset} (bytes) of {@code channel}; warnings go to the System.Logger. */
    public static NtfsVolume open(FileChannel channel, long offset, long length) throws IOException {
        return open(channel, offset, length, w -> LOG.log(Level.WARNING, w.toString()));
    }

    /**
     * Opens the volume of {@code length} bytes at {@code offset} of {@code channel} and reads its
     * MFT. Damaged records, attributes and links are reported to {@code warnings} and skipped.
     *
     * @throws NtfsFormatException when the volume cannot be read at all (no valid boot sector,
     *         $MFT record 0 unreadable, no root directory)
     */
    public static NtfsVolume open(FileChannel channel, long offset, long length,
            Consumer<Warning> warnings) throws IOException {
        return open(channel, offset, length, warnings, f -> { });
    }

    /**
     * As {@link #open(FileChannel, long, long, Consumer)}, telling {@code assembled} of each file
     * as soon as its MFT record is read (on the calling thread, in record order but for files
     * whose attributes span several records, which come last; names, object ids and security
     * descriptors not resolved yet), then of null once the whole MFT is read: an incremental
     * capture compares files with an earlier image meanwhile.
     */
    public static NtfsVolume open(FileChannel channel, long offset, long length,
            Consumer<Warning> warnings, Consumer<NtfsFile> assembled) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(warnings, "warnings");
        if (offset < 0 || length < BootSector.SIZE) {
            throw new NtfsFormatException("volume region " + offset + "+" + length + " is invalid");
        }
        BootSector boot = readBoot(channel, offset, length, warnings);
        VolumeIo io = new VolumeIo(channel, offset, length, boot.clusterSize(), boot.totalClusters());
        SecurityTable security = new SecurityTable();
        FileAssembler assembler = new FileAssembler(io, security, warnings);
        NtfsFile[] files = new MftScanner(io, boot, assembler, warnings).scan(assembled);
        if (files.length <= ROOT || files[ROOT] == null || !files[ROOT].isDirectory()) {
            throw new NtfsFormatException("MFT record 5 (root directory) is missing or damaged");
        }
        char[] upcase = readUpcase(files[REC_UPCASE], warnings);
        readSecure(files[REC_SECURE], security, io, warnings);
        ObjectIds.complete(files, io, assembler, warnings);
        String label = "";
        int major = 0;
        int minor = 0;
        int flags = 0;
        NtfsFile vol = files[REC_VOLUME];
        if (vol == null) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "MFT record 3 ($Volume) missing: no label, version or dirty flag"));
        } else {
            byte[] name = assembler.volumeName;
            if (name != null) {
                label = new String(name, StandardCharsets.UTF_16LE);
            }
            byte[] info = assembler.volumeInformation;
            if (info != null && info.length >= 12) {
                major = LE.u8(info, 8);
                minor = LE.u8(info, 9);
                flags = LE.u16(info, 10);
            }
        }
        DirectoryTree tree = DirectoryTree.build(files, upcase,
                new IndexedChildren(io, assembler.directoryIndexes, warnings), warnings);
        return new NtfsVolume(boot, files, tree, upcase, label, major, minor, flags);
    }

    private static BootSector readBoot(FileChannel channel, long offset, long length,
            Consumer<Warning> warnings) throws IOException {
        VolumeIo raw = new VolumeIo(channel, offset, length, 512, length / 512);
        byte[] b = new byte[BootSector.SIZE];
        raw.readFully(0, b, 0, b.length);
        try {
            return BootSector.read(b, length);
        } catch (NtfsFormatException primary) {
            long backup = (length / BootSector.SIZE - 1) * BootSector.SIZE;
            raw.readFully(backup, b, 0, b.length);
            try {
                BootSector bs = BootSector.read(b, length);
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "boot sector damaged (" + primary.getMessage() + "); using the backup at "
                        + backup));
                return bs;
            } catch (NtfsFormatException ignored) {
                throw primary;
            }
        }
    }

    private static char[] readUpcase(NtfsFile f, Consumer<Warning> warnings) {
        char[] table = new char[65536];
        NtfsStream s = f == null ? null : f.stream("");
        if (s != null && s.size() == 131072) {
            byte[] b = new byte[131072];
            try (InputStream in = s.open()) {
                if (in.readNBytes(b, 0, b.length) == b.length) {
                    for (int i = 0; i < table.length; i++) {
                        table[i] = (char) LE.u16(b, 2 * i);
                    }
                    return table;
                }
            } catch (IOException e) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED, "$UpCase unreadable: " + e.getMessage()));
            }
        }
        warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                "$UpCase missing or damaged; using the JDK's upper-case mapping"));
        for (int i = 0; i < table.length; i++) {
            table[i] = Character.toUpperCase((char) i);
        }
        return table;
    }

    private static void readSecure(NtfsFile f, SecurityTable security, VolumeIo io,
            Consumer<Warning> warnings) {
        NtfsStream sds = f == null ? null : f.stream("$SDS");
        if (sds == null) {
            return;                              // NTFS 1.x: only per-file descriptors
        }
        long size = sds.size();
        if (size > MAX_SDS || size > io.length()) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "$Secure:$SDS of " + size + " bytes too large; security ids unresolved"));
            return;
        }
        byte[] b = new byte[(int) size];
        try (InputStream in = sds.open()) {
            int n = in.readNBytes(b, 0, b.length);
            security.parseSds(b, n);
        } catch (IOException e) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, "$Secure:$SDS unreadable: " + e.getMessage()));
        }
    }

    /** Volume label from $Volume, "" when none. */
    public String label() {
        return label;
    }

    /** NTFS version from $Volume, e.g. 3 and 1. */
    public int majorVersion() {
        return majorVersion;
    }

    public int minorVersion() {
        return minorVersion;
    }

    /** The dirty flag of $Volume (chkdsk pending / not cleanly unmounted). */
    public boolean isDirty() {
        return (volumeFlags & 0x0001) != 0;
    }

    /** Bytes per cluster. */
    public int clusterSize() {
        return boot.clusterSize();
    }

    /** Bytes per MFT record. */
    public int fileRecordSize() {
        return boot.fileRecordSize();
    }

    /** Clusters of the volume. */
    public long totalClusters() {
        return boot.totalClusters();
    }

    public long serialNumber() {
        return boot.serialNumber();
    }

    /** A copy of the $UpCase table (65536 UTF-16 units) used to sort names. */
    public char[] upcase() {
        return upcase.clone();
    }

    /**
     * NTFS's order of names (file and attribute names): UTF-16 units upper-cased by this
     * volume's $UpCase, then ordinal for names equal so.
     */
    public int compareNames(String a, String b) {
        return DirectoryTree.compareNames(a, b, upcase);
    }

    /** Number of records in $MFT (in use or not). */
    public long recordCount() {
        return files.length;
    }

    /** The root directory (record 5). */
    public NtfsFile root() {
        return files[ROOT];
    }

    /** The in-use base record {@code number} (system files included), or null. */
    public NtfsFile file(long number) {
        return number < 0 || number >= files.length ? null : files[(int) number];
    }

    /**
     * Children of a directory, sorted as NTFS sorts ($UpCase order, then ordinal): one entry per
     * long name (hard links give several entries), DOS names folded into {@link NtfsDirEntry#shortName()}.
     * Every directory appears under exactly one parent, so walking from {@link #root()} always
     * terminates. Empty for non-directories.
     */
    public List<NtfsDirEntry> list(NtfsFile dir) {
        return tree.children(dir.recordNumber());
    }
}
