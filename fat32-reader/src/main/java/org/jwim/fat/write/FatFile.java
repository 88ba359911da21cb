package org.jwim.fat.write;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file created by {@link FatWriter#createFile}: its entry is in its directory and its
 * clusters are allocated; {@link #write} fills them at any offset, so data can arrive in the
 * order it is stored in the source (several files sharing one blob get the same bytes).
 * Writing the last byte also zeroes the rest of the last cluster, so no old data survives in
 * the slack. Not thread-safe.
 */
public final class FatFile {
    private static final byte[] ZEROS = new byte[65536];
    private final FatWriter writer;
    private final String path;
    private final long size;
    private final int[] clusters;

    FatFile(FatWriter writer, String path, long size, int[] clusters) {
        this.writer = writer;
        this.path = path;
        this.size = size;
        this.clusters = clusters;
    }

    public String path() {
        return path;
    }

    /** Size in bytes as recorded in the entry. */
    public long size() {
        return size;
    }

    /**
     * Writes {@code len} bytes at {@code fileOffset}, one positional write per contiguous run
     * of clusters.
     *
     * @throws IllegalArgumentException when the range lies outside the file
     */
    public void write(long fileOffset, byte[] b, int off, int len) throws IOException {
        if (fileOffset < 0 || len < 0 || fileOffset > size - len) {
            throw new IllegalArgumentException(path + ": write of " + len + " bytes at " + fileOffset
                    + " lies outside the file's " + size + " bytes");
        }
        writeRange(fileOffset, ByteBuffer.wrap(b, off, len));
        long end = fileOffset + len;
        if (end == size && len > 0) {
            long slackEnd = (long) clusters.length * writer.clusterSize();
            long pos = end;
            while (pos < slackEnd) {
                int n = (int) Math.min(ZEROS.length, slackEnd - pos);
                writeRange(pos, ByteBuffer.wrap(ZEROS, 0, n));
                pos += n;
            }
        }
    }

    private void writeRange(long fileOffset, ByteBuffer data) throws IOException {
        int cs = writer.clusterSize();
        long pos = fileOffset;
        while (data.hasRemaining()) {
            int i = (int) (pos / cs);
            int within = (int) (pos % cs);
            int j = i;
            while (j + 1 < clusters.length && clusters[j + 1] == clusters[j] + 1
                    && (long) (j + 1 - i) * cs - within < data.remaining()) {
                j++;
            }
            int n = (int) Math.min(data.remaining(), (long) (j - i + 1) * cs - within);
            ByteBuffer part = data.slice().limit(n);
            writer.writeData(part, writer.clusterOffset(clusters[i]) + within);
            data.position(data.position() + n);
            pos += n;
        }
    }
}
