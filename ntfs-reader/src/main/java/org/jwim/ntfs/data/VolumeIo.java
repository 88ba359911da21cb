package org.jwim.ntfs.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.format.RunList;

/**
 * Positional reads from the volume's region of a channel. Thread-safe (positional reads only;
 * the channel's position is never used).
 *
 * @param channel        channel holding the volume
 * @param offset         byte offset of the volume in the channel
 * @param length         bytes of the volume
 * @param clusterSize    bytes per cluster
 * @param totalClusters  clusters of the volume
 */
public record VolumeIo(FileChannel channel, long offset, long length, int clusterSize, long totalClusters) {

    /** Absolute channel offset of cluster {@code lcn}. */
    public long clusterOffset(long lcn) {
        return offset + lcn * clusterSize;
    }

    /** Reads exactly {@code len} bytes at volume byte {@code pos}. */
    public void readFully(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < 0 || len > length || pos > length - len) {
            throw new NtfsFormatException("read of " + len + " bytes at volume offset " + pos
                    + " past the volume end (" + length + " bytes)");
        }
        ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
        long at = offset + pos;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, at);
            if (n < 0) {
                throw new NtfsFormatException("unexpected end of the channel at " + at
                        + " (volume claims " + length + " bytes)");
            }
            at += n;
        }
    }

    /**
     * Reads {@code len} logical bytes at {@code pos} of a non-resident attribute. Sparse runs and
     * bytes at or past {@code initializedSize} read as zeros; so do bytes past the run list.
     */
    public void readRuns(RunList runs, long initializedSize, long pos, byte[] dst, int off, int len)
            throws IOException {
        int cs = clusterSize;
        int done = 0;
        int run = runs.find(pos / cs);
        while (done < len) {
            long p = pos + done;
            int want = len - done;
            if (run < 0 || run >= runs.count() || p >= initializedSize) {
                Arrays.fill(dst, off + done, off + len, (byte) 0);
                return;
            }
            long runEnd = runs.start(run + 1) * cs;
            if (p >= runEnd) {
                run++;
                continue;
            }
            int n = (int) Math.min(want, Math.min(runEnd, initializedSize) - p);
            long lcn = runs.lcn(run);
            if (lcn == RunList.SPARSE) {
                Arrays.fill(dst, off + done, off + done + n, (byte) 0);
            } else {
                long inRun = p - runs.start(run) * cs;
                readFully(lcn * cs + inRun, dst, off + done, n);
            }
            done += n;
        }
    }
}
