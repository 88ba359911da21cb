package org.jwim.ntfs.write;

import java.io.IOException;
import java.util.Arrays;

/**
 * One $DATA stream of a file being written. Bytes arrive front to back through
 * {@link #write}; small streams are kept in memory and end up resident in the MFT record,
 * larger ones get contiguous clusters when their first bytes arrive. A sparse stream gets
 * clusters only for the clusters that are not all zeros. Not thread-safe.
 */
public final class NtfsData {
    private final NtfsWriter writer;
    private final String name;
    private long size;
    private final boolean sparse;
    byte[] resident;
    Runs runs;
    private long written;
    private byte[] stage;
    private int staged;
    private final boolean kept;
    private final boolean compressed;
    private byte[] unit;
    private byte[] packed;

    NtfsData(NtfsWriter writer, String name, long size, boolean sparse, boolean compressed, boolean residentCandidate) {
        this.writer = writer;
        this.name = name;
        this.size = size;
        this.sparse = sparse && !residentCandidate && !compressed;
        this.compressed = compressed && !residentCandidate;
        this.resident = residentCandidate ? new byte[(int) size] : null;
        this.kept = false;
    }

    /** A stream that keeps clusters already on the volume (a protected file carried over). */
    NtfsData(NtfsWriter writer, String name, long size, Runs existing) {
        this.writer = writer;
        this.name = name;
        this.size = size;
        this.sparse = existing.hasHoles();
        this.runs = existing;
        this.written = size;
        this.kept = true;
        this.compressed = false;
    }

    /** Stream name, "" for the unnamed stream. */
    public String name() {
        return name;
    }

    /** Logical size in bytes. */
    public long size() {
        return size;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    public boolean isComplete() {
        return written == size;
    }

    boolean isSparse() {
        return sparse && runs != null && runs.hasHoles();
    }

    boolean isKept() {
        return kept;
    }

    /**
     * Most clusters this stream takes once written: none when resident or kept (its clusters
     * are already reserved), whole compression units when compressed (a unit that does not
     * compress is written raw over all its clusters).
     */
    long maxClusters() {
        if (resident != null || kept) {
            return 0;
        }
        long clusters = writer.clustersFor(size);
        if (compressed) {
            long unit = NtfsWriter.COMPRESSION_UNIT_CLUSTERS;
            return (clusters + unit - 1) / unit * unit;
        }
        return clusters;
    }

    /** LZNT1-compressed in units of 16 clusters. */
    boolean isCompressed() {
        return compressed;
    }

    /**
     * Appends {@code len} bytes.
     *
     * @throws IllegalStateException when more than {@link #size()} bytes are written
     * @throws NtfsVolumeFullException when no clusters are left
     */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > size - written) {
            throw new IllegalStateException("stream '" + name + "': " + (written + len) + " bytes written, size is " + size);
        }
        if (len == 0) {
            return;
        }
        if (resident != null) {
            System.arraycopy(b, off, resident, (int) written, len);
            written += len;
            return;
        }
        if (compressed) {
            writeCompressed(b, off, len);
            return;
        }
        if (!sparse) {
            if (runs == null) {
                runs = new Runs();
                writer.allocate(writer.clustersFor(size), runs);
            }
            writer.writeRuns(runs, written, b, off, len);
            written += len;
            if (written == size) {
                writer.zeroTail(runs, size);
            }
            return;
        }
        if (runs == null) {
            runs = new Runs();
            stage = new byte[writer.clusterSize()];
        }
        int cs = stage.length;
        while (len > 0) {
            if (staged > 0 || len < cs) {
                int n = Math.min(cs - staged, len);
                System.arraycopy(b, off, stage, staged, n);
                staged += n;
                written += n;
                off += n;
                len -= n;
                if (staged == cs || written == size) {
                    Arrays.fill(stage, staged, cs, (byte) 0);
                    emit(stage, 0, cs);
                    staged = 0;
                }
                continue;
            }
            int whole = len / cs * cs;
            emit(b, off, whole);
            written += whole;
            off += whole;
            len -= whole;
        }
    }

    /** Stages bytes into compression units of 16 clusters and writes each unit when full. */
    private void writeCompressed(byte[] b, int off, int len) throws IOException {
        int unitBytes = NtfsWriter.COMPRESSION_UNIT_CLUSTERS * writer.clusterSize();
        if (unit == null) {
            runs = new Runs();
            unit = new byte[unitBytes];
            packed = new byte[unitBytes + unitBytes / Lznt1Compressor.CHUNK * 2 + 2];
        }
        while (len > 0) {
            int n = Math.min(unitBytes - staged, len);
            System.arraycopy(b, off, unit, staged, n);
            staged += n;
            written += n;
            off += n;
            len -= n;
            if (staged == unitBytes || written == size) {
                Arrays.fill(unit, staged, unitBytes, (byte) 0);
                emitUnit(staged);
                staged = 0;
            }
        }
        if (written == size) {
            unit = null;
            packed = null;
        }
    }

    /**
     * One compression unit: all zeros becomes a hole; else its 4 KiB chunks are LZNT1
     * compressed, and kept compressed (followed by a hole to the unit's end) when that saves
     * at least one cluster, else written raw over the whole unit.
     */
    private void emitUnit(int dataBytes) throws IOException {
        int cs = writer.clusterSize();
        int unitClusters = NtfsWriter.COMPRESSION_UNIT_CLUSTERS;
        if (NtfsWriter.isZero(unit, 0, unit.length)) {
            runs.add(Runs.SPARSE, unitClusters);
            return;
        }
        Lznt1Compressor lz = writer.lznt1();
        int c = 0;
        for (int p = 0; p < dataBytes; p += Lznt1Compressor.CHUNK) {
            c += lz.compressChunk(unit, p, Math.min(Lznt1Compressor.CHUNK, dataBytes - p), packed, c);
        }
        int need = (c + cs - 1) / cs;
        Runs piece = new Runs();
        if (need < unitClusters) {
            Arrays.fill(packed, c, need * cs, (byte) 0);
            writer.allocate(need, piece);
            writer.writeRuns(piece, 0, packed, 0, need * cs);
            runs.addAll(piece);
            runs.add(Runs.SPARSE, unitClusters - need);
        } else {
            writer.allocate(unitClusters, piece);
            writer.writeRuns(piece, 0, unit, 0, unit.length);
            runs.addAll(piece);
        }
    }

    /** Writes whole clusters of a sparse stream: zero clusters become holes. */
    private void emit(byte[] b, int off, int len) throws IOException {
        int cs = writer.clusterSize();
        int i = 0;
        int clusters = len / cs;
        while (i < clusters) {
            boolean zero = NtfsWriter.isZero(b, off + i * cs, cs);
            int j = i + 1;
            while (j < clusters && NtfsWriter.isZero(b, off + j * cs, cs) == zero) {
                j++;
            }
            if (zero) {
                runs.add(Runs.SPARSE, j - i);
            } else {
                Runs piece = new Runs();
                writer.allocate(j - i, piece);
                writer.writeRuns(piece, 0, b, off + i * cs, (j - i) * cs);
                runs.addAll(piece);
            }
            i = j;
        }
    }

    /** Drops the bytes of an incomplete stream (it becomes empty). */
    void discard() {
        if (runs != null && !kept) {
            writer.release(runs);
        }
        runs = null;
        resident = new byte[0];
        size = 0;
        written = 0;
    }

    /** Moves a resident stream's bytes to clusters (when the record has no room for them). */
    void makeNonResident() throws IOException {
        runs = writer.writeToNewClusters(resident);
        resident = null;
    }
}
