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
    private final FatDirectory parent;
    private final int entryOffset;
    private boolean complete;
    private long written;
    private boolean discarded;

    FatFile(FatWriter writer, String path, long size, int[] clusters, FatDirectory parent, int entryOffset) {
        this.writer = writer;
        this.path = path;
        this.size = size;
        this.clusters = clusters;
        this.parent = parent;
        this.entryOffset = entryOffset;
        this.complete = size == 0;
    }

    /** True once as many bytes as the size were written (always for an empty file). */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Gives the clusters back and leaves the file empty (size 0): for files whose data could
     * not be written, so that no stale bytes of wiped files appear as their content.
     */
    public void discard() {
        if (!discarded && clusters.length > 0) {
            writer.discard(parent, entryOffset, clusters);
        }
        discarded = true;
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
        if (discarded) {
            throw new IllegalStateException(path + ": discarded");
        }
        if (fileOffset < 0 || len < 0 || fileOffset > size - len) {
            throw new IllegalArgumentException(path + ": write of " + len + " bytes at " + fileOffset
                    + " lies outside the file's " + size + " bytes");
        }
        writeRange(fileOffset, ByteBuffer.wrap(b, off, len));
        long end = fileOffset + len;
        written += len;
        complete = written >= size;
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
