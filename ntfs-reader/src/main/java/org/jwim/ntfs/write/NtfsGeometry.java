package org.jwim.ntfs.write;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.format.BootSector;

/**
 * What a format keeps of a volume: size, sector, cluster, MFT record and index block sizes,
 * serial number, label, $LogFile size, and optionally the old boot sector (its boot code and
 * BIOS parameters are kept, only the $MFT/$MFTMirr positions change). Immutable.
 *
 * @param volumeLength   bytes of the volume (the backup boot sector goes in its last sector)
 * @param bytesPerSector 512 or 4096
 * @param clusterSize    bytes, 512 .. 2 MiB
 * @param recordSize     bytes per MFT record (1024 or 4096)
 * @param indexBlockSize bytes per INDX block (usually 4096)
 * @param totalSectors   sectors the boot sector declares (volume sectors - 1 by convention)
 * @param serialNumber   volume serial number
 * @param label          volume label ("" for none)
 * @param logFileSize    bytes of $LogFile (rounded up to clusters)
 * @param bootSector     the old 512-byte boot sector to patch, or null to write a fresh one
 */
public record NtfsGeometry(long volumeLength, int bytesPerSector, int clusterSize, int recordSize,
        int indexBlockSize, long totalSectors, long serialNumber, String label, long logFileSize,
        byte[] bootSector) {
    /** Smallest volume formatted: room for the system files and a few files. */
    public static final long MIN_VOLUME = 2L << 20;
    public static final long DEFAULT_LOG_FILE = 2L << 20;
    /** Windows 10 1903 and later format clusters up to 2 MiB. */
    public static final int MAX_CLUSTER = 2 << 20;

    public NtfsGeometry {
        Objects.requireNonNull(label);
        check(bytesPerSector == 512 || bytesPerSector == 1024 || bytesPerSector == 2048 || bytesPerSector == 4096,
                "bytes per sector " + bytesPerSector);
        check(Integer.bitCount(clusterSize) == 1 && clusterSize >= bytesPerSector && clusterSize <= MAX_CLUSTER,
                "cluster size " + clusterSize);
        check(recordSize == 1024 || recordSize == 4096, "MFT record size " + recordSize);
        check(Integer.bitCount(indexBlockSize) == 1 && indexBlockSize >= 1024 && indexBlockSize <= 65536,
                "index block size " + indexBlockSize);
        check(volumeLength >= MIN_VOLUME, "volume of " + volumeLength + " bytes (at least " + MIN_VOLUME + ")");
        check(totalSectors > 0 && totalSectors < volumeLength / bytesPerSector, "total sectors " + totalSectors);
        check(label.length() <= 128, "label longer than 128 characters");
        check(bootSector == null || bootSector.length == BootSector.SIZE, "boot sector template size");
        check(logFileSize >= 64 * 1024 && logFileSize <= volumeLength / 4, "$LogFile size " + logFileSize);
        check(totalSectors / (clusterSize / bytesPerSector) < (1L << 32), "more than 2^32 clusters");
        bootSector = bootSector == null ? null : bootSector.clone();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("NTFS geometry: unsupported " + what);
        }
    }

    /** A fresh volume: 512-byte sectors, 1 KiB records, 4 KiB index blocks, random serial. */
    public static NtfsGeometry defaults(long volumeLength, int clusterSize, String label) {
        int bps = 512;
        long sectors = volumeLength / bps - 1;
        long log = Math.min(DEFAULT_LOG_FILE, Math.max(64 * 1024, volumeLength / 16));
        return new NtfsGeometry(volumeLength, bps, clusterSize, 1024, 4096, sectors,
                ThreadLocalRandom.current().nextLong(), label, log, null);
    }

    /**
     * The geometry of an existing volume whose boot sector is {@code boot} (kept as template).
     *
     * @throws NtfsFormatException when the boot sector is invalid or describes a geometry the
     *         writer does not support (records other than 1 or 4 KiB, clusters over 2 MiB)
     */
    public static NtfsGeometry of(byte[] boot, long volumeLength, String label, long logFileSize)
            throws NtfsFormatException {
        BootSector b = BootSector.read(boot, volumeLength);
        if (b.clusterSize() > MAX_CLUSTER) {
            throw new NtfsFormatException("boot sector: cluster size " + b.clusterSize()
                    + " is larger than the 2 MiB NTFS allows");
        }
        long log = Math.max(64 * 1024, Math.min(logFileSize, volumeLength / 4));
        try {
            return new NtfsGeometry(volumeLength, b.bytesPerSector(), b.clusterSize(), b.fileRecordSize(),
                    b.indexBlockSize(), b.totalSectors(), b.serialNumber(), label, log,
                    java.util.Arrays.copyOf(boot, BootSector.SIZE));
        } catch (IllegalArgumentException e) {
            throw new NtfsFormatException("boot sector: " + e.getMessage());
        }
    }

    public long totalClusters() {
        return totalSectors / (clusterSize / bytesPerSector);
    }

    @Override
    public byte[] bootSector() {
        return bootSector == null ? null : bootSector.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtfsGeometry g && g.volumeLength == volumeLength && g.clusterSize == clusterSize
                && g.recordSize == recordSize && g.serialNumber == serialNumber && g.label.equals(label)
                && g.totalSectors == totalSectors && g.indexBlockSize == indexBlockSize
                && g.bytesPerSector == bytesPerSector && g.logFileSize == logFileSize
                && java.util.Arrays.equals(g.bootSector, bootSector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(volumeLength, clusterSize, recordSize, serialNumber, label);
    }

    @Override
    public String toString() {
        return "NtfsGeometry[" + volumeLength + " bytes, " + bytesPerSector + " B sectors, " + clusterSize
                + " B clusters, " + recordSize + " B records, " + indexBlockSize + " B index blocks, label '"
                + label + "', serial " + Long.toHexString(serialNumber) + "]";
    }
}
