package org.jwim.ntfs.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.format.RunList;

/**
 * The logical bytes of a non-resident attribute: sparse runs and the region past the initialized
 * size read as zeros; LZNT1-compressed attributes are decompressed one compression unit at a
 * time. Not thread-safe (one stream per reader); buffers are allocated once per stream.
 */
public final class StreamInput extends InputStream {
    /** Largest compression unit accepted: 2^8 clusters of at most 4 KiB. */
    public static final int MAX_UNIT = 1 << 20;

    private final VolumeIo io;
    private final RunList runs;
    private final long size;
    private final long initializedSize;
    private final int unitClusters;     // 0 when not compressed
    private final byte[] unit;          // decompressed current unit (compressed streams only)
    private final byte[] packed;        // compressed bytes of the current unit
    private long unitIndex = -1;
    private long pos;

    /**
     * @param compressionUnit log2 clusters per compression unit; 0 = not compressed
     * @throws NtfsFormatException when a compressed attribute has an unsupported unit size
     */
    public StreamInput(VolumeIo io, RunList runs, long size, long initializedSize, int compressionUnit)
            throws NtfsFormatException {
        this.io = io;
        this.runs = runs;
        this.size = size;
        this.initializedSize = initializedSize;
        if (compressionUnit == 0) {
            unitClusters = 0;
            unit = null;
            packed = null;
        } else {
            long bytes = (long) io.clusterSize() << compressionUnit;
            if (compressionUnit > 8 || io.clusterSize() > 4096 || bytes > MAX_UNIT) {
                throw new NtfsFormatException("compressed attribute: unit of 2^" + compressionUnit
                        + " clusters of " + io.clusterSize() + " bytes is not supported");
            }
            unitClusters = 1 << compressionUnit;
            unit = new byte[(int) bytes];
            packed = new byte[(int) bytes];
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        if (unitClusters == 0) {
            io.readRuns(runs, initializedSize, pos, b, off, n);
        } else {
            int done = 0;
            while (done < n) {
                long p = pos + done;
                long u = p / unit.length;
                loadUnit(u);
                int inUnit = (int) (p - u * unit.length);
                int c = Math.min(n - done, unit.length - inUnit);
                System.arraycopy(unit, inUnit, b, off + done, c);
                done += c;
            }
        }
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long s = Math.min(n, Math.max(0, size - pos));
        pos += s;
        return s;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size - pos));
    }

    private void loadUnit(long u) throws IOException {
        if (u == unitIndex) {
            return;
        }
        unitIndex = -1;
        int cs = io.clusterSize();
        long vcn0 = u * unitClusters;
        long vcnEnd = vcn0 + unitClusters;
        // gather the allocated clusters of this unit, in VCN order
        int packedLen = 0;
        int allocated = 0;
        int run = runs.find(vcn0);
        long vcn = vcn0;
        while (run >= 0 && run < runs.count() && vcn < vcnEnd) {
            long runEnd = Math.min(runs.start(run + 1), vcnEnd);
            long lcn = runs.lcn(run);
            int clusters = (int) (runEnd - vcn);
            if (lcn != RunList.SPARSE) {
                long at = (lcn + (vcn - runs.start(run))) * cs;
                io.readFully(at, packed, packedLen, clusters * cs);
                packedLen += clusters * cs;
                allocated += clusters;
            }
            vcn = runEnd;
            run++;
        }
        if (allocated == unitClusters) {
            System.arraycopy(packed, 0, unit, 0, unit.length);
        } else if (allocated == 0) {
            Arrays.fill(unit, (byte) 0);
        } else {
            try {
                Lznt1.decompress(packed, 0, packedLen, unit, 0, unit.length);
            } catch (NtfsFormatException e) {
                throw new NtfsFormatException("compression unit " + u + " (byte " + u * unit.length
                        + "): " + e.getMessage(), e);
            }
        }
        long unitStart = u * unit.length;
        if (initializedSize < unitStart + unit.length) {
            int from = (int) Math.max(0, initializedSize - unitStart);
            Arrays.fill(unit, from, unit.length, (byte) 0);
        }
        unitIndex = u;
    }
}
