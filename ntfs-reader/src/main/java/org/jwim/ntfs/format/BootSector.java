package org.jwim.ntfs.format;

import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;

/**
 * The NTFS boot sector (first 512 bytes of the volume), validated.
 *
 * @param bytesPerSector   512..4096, a power of two
 * @param clusterSize      bytes per cluster, 512 B .. 2 MiB, a power of two
 * @param totalSectors     sectors in the volume (the backup boot sector lies past them)
 * @param mftLcn           first cluster of $MFT
 * @param mftMirrLcn       first cluster of $MFTMirr
 * @param fileRecordSize   bytes per MFT record (256 B .. 64 KiB)
 * @param indexBlockSize   bytes per $I30 index block
 * @param serialNumber     volume serial number
 */
public record BootSector(int bytesPerSector, int clusterSize, long totalSectors, long mftLcn,
        long mftMirrLcn, int fileRecordSize, int indexBlockSize, long serialNumber) {

    public static final int SIZE = 512;
    private static final int OEM_ID = 0x03;            // "NTFS    "
    private static final int BYTES_PER_SECTOR = 0x0B;
    private static final int SECTORS_PER_CLUSTER = 0x0D;
    private static final int TOTAL_SECTORS = 0x28;
    private static final int MFT_LCN = 0x30;
    private static final int MFT_MIRR_LCN = 0x38;
    private static final int CLUSTERS_PER_RECORD = 0x40;
    private static final int CLUSTERS_PER_INDEX = 0x44;
    private static final int SERIAL = 0x48;
    private static final int END_MARKER = 0x1FE;       // 0x55 0xAA

    public static final int MAX_CLUSTER_SIZE = 2 << 20;
    private static final byte[] OEM = {'N', 'T', 'F', 'S', ' ', ' ', ' ', ' '};

    /** Number of clusters of the volume. */
    public long totalClusters() {
        return totalSectors / (clusterSize / bytesPerSector);
    }

    /** Parses and validates {@code b[0..512)}; {@code volumeLength} bounds the geometry. */
    public static BootSector read(byte[] b, long volumeLength) throws NtfsFormatException {
        if (b.length < SIZE) {
            throw new NtfsFormatException("boot sector: need 512 bytes, got " + b.length);
        }
        for (int i = 0; i < OEM.length; i++) {
            if (b[OEM_ID + i] != OEM[i]) {
                throw new NtfsFormatException("boot sector @0x3: OEM id is not \"NTFS    \"");
            }
        }
        if (LE.u16(b, END_MARKER) != 0xAA55) {
            throw new NtfsFormatException(String.format(
                    "boot sector @0x1FE: end marker 0x%04X, expected 0xAA55", LE.u16(b, END_MARKER)));
        }
        int bps = LE.u16(b, BYTES_PER_SECTOR);
        if (bps < 256 || bps > 4096 || Integer.bitCount(bps) != 1) {
            throw new NtfsFormatException("boot sector @0xB: bytes per sector " + bps
                    + " is not a power of two in 256..4096");
        }
        int spcRaw = LE.u8(b, SECTORS_PER_CLUSTER);
        long clusterSize;
        if (spcRaw == 0) {
            throw new NtfsFormatException("boot sector @0xD: sectors per cluster is 0");
        } else if (spcRaw <= 0x80) {
            if (Integer.bitCount(spcRaw) != 1) {
                throw new NtfsFormatException("boot sector @0xD: sectors per cluster " + spcRaw
                        + " is not a power of two");
            }
            clusterSize = (long) spcRaw * bps;
        } else {
            int shift = 256 - spcRaw;                   // 2^shift sectors per cluster
            if (shift > 20) {
                throw new NtfsFormatException("boot sector @0xD: sectors per cluster 2^" + shift
                        + " too large");
            }
            clusterSize = (long) bps << shift;
        }
        if (clusterSize > MAX_CLUSTER_SIZE || clusterSize < 512) {
            throw new NtfsFormatException("boot sector: cluster size " + clusterSize
                    + " outside 512..2 MiB");
        }
        int cs = (int) clusterSize;
        long totalSectors = LE.u64(b, TOTAL_SECTORS);
        if (totalSectors <= 0 || totalSectors > volumeLength / bps) {
            throw new NtfsFormatException("boot sector @0x28: total sectors " + Long.toUnsignedString(totalSectors)
                    + " exceed the volume (" + volumeLength + " bytes)");
        }
        long clusters = totalSectors / (cs / bps);
        long mftLcn = LE.u64(b, MFT_LCN);
        if (mftLcn <= 0 || mftLcn >= clusters) {
            throw new NtfsFormatException("boot sector @0x30: $MFT cluster " + Long.toUnsignedString(mftLcn)
                    + " outside the volume's " + clusters + " clusters");
        }
        long mirrLcn = LE.u64(b, MFT_MIRR_LCN);
        if (mirrLcn < 0 || mirrLcn >= clusters) {
            throw new NtfsFormatException("boot sector @0x38: $MFTMirr cluster "
                    + Long.toUnsignedString(mirrLcn) + " outside the volume");
        }
        int recordSize = decodeRecordSize(b[CLUSTERS_PER_RECORD], cs, "@0x40 file record");
        if (recordSize < 256 || recordSize > 65536) {
            throw new NtfsFormatException("boot sector @0x40: file record size " + recordSize
                    + " outside 256..64 KiB");
        }
        int indexSize = decodeRecordSize(b[CLUSTERS_PER_INDEX], cs, "@0x44 index block");
        return new BootSector(bps, cs, totalSectors, mftLcn, mirrLcn, recordSize, indexSize,
                LE.u64(b, SERIAL));
    }

    /** Positive: clusters per record; negative v: 2^-v bytes. */
    static int decodeRecordSize(byte raw, int clusterSize, String what) throws NtfsFormatException {
        if (raw > 0) {
            long size = (long) raw * clusterSize;
            if (Integer.bitCount(raw) != 1 || size > 1 << 24) {
                throw new NtfsFormatException("boot sector " + what + " size: " + raw + " clusters");
            }
            return (int) size;
        }
        int shift = -raw;
        if (shift < 8 || shift > 24) {
            throw new NtfsFormatException("boot sector " + what + " size: 2^" + shift + " bytes");
        }
        return 1 << shift;
    }
}
