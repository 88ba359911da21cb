package org.jwim.ntfs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jwim.ntfs.data.StreamInput;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.RunList;

/**
 * One $DATA attribute of a file: the unnamed stream ("") or a named (alternate) stream.
 * Immutable; {@link #open()} may be called from several threads, each stream it returns is for
 * one reader.
 */
public final class NtfsStream {
    private final String name;
    private final long size;
    private final long initializedSize;
    private final byte[] resident;
    private final RunList runs;
    private final int compressionUnit;
    private final int flags;
    private final VolumeIo io;

    NtfsStream(String name, byte[] resident, VolumeIo io) {
        this(name, resident.length, resident.length, resident, null, 0, 0, io);
    }

    NtfsStream(String name, long size, long initializedSize, byte[] resident, RunList runs,
            int compressionUnit, int flags, VolumeIo io) {
        this.name = name;
        this.size = size;
        this.initializedSize = initializedSize;
        this.resident = resident;
        this.runs = runs;
        this.compressionUnit = compressionUnit;
        this.flags = flags;
        this.io = io;
    }

    /** Stream name, "" for the unnamed (main) data stream. */
    public String name() {
        return name;
    }

    /** Logical size in bytes (what {@link #open()} yields). */
    public long size() {
        return size;
    }

    /** Whether the bytes live inside the MFT record ({@link #residentData()}). */
    public boolean isResident() {
        return resident != null;
    }

    /** A copy of the resident bytes, or null for a non-resident stream. */
    public byte[] residentData() {
        return resident == null ? null : resident.clone();
    }

    /** LZNT1-compressed: {@link #extents()} then describe compressed clusters; use {@link #open()}. */
    public boolean isCompressed() {
        return compressionUnit != 0;
    }

    /** The attribute is marked sparse (holes appear as extents with offset -1). */
    public boolean isSparse() {
        return (flags & 0x8000) != 0;
    }

    /** EFS-encrypted: the bytes on disk (and from {@link #open()}) are ciphertext. */
    public boolean isEncrypted() {
        return (flags & 0x4000) != 0;
    }

    /**
     * Where the bytes are. For an uncompressed non-resident stream the extents cover exactly
     * {@link #size()} bytes in order (holes have offset -1; adjacent pieces are merged). For a
     * compressed stream they list the allocated (compressed or raw) clusters in stream order,
     * clipped to the allocated size: use them only for ordering and read through {@link #open()}.
     * Empty for resident streams.
     */
    public List<NtfsExtent> extents() {
        if (runs == null) {
            return List.of();
        }
        List<NtfsExtent> out = new ArrayList<>(runs.count() + 1);
        long cs = io.clusterSize();
        if (isCompressed()) {
            for (int i = 0; i < runs.count(); i++) {
                if (runs.lcn(i) != RunList.SPARSE) {
                    add(out, io.clusterOffset(runs.lcn(i)), runs.length(i) * cs);
                }
            }
            return Collections.unmodifiableList(out);
        }
        long pos = 0;
        for (int i = 0; i < runs.count() && pos < size; i++) {
            long runLen = Math.min(runs.length(i) * cs, size - pos);
            long lcn = runs.lcn(i);
            if (lcn == RunList.SPARSE || pos >= initializedSize) {
                add(out, -1, runLen);
            } else if (pos + runLen > initializedSize) {
                long valid = initializedSize - pos;
                add(out, io.clusterOffset(lcn), valid);
                add(out, -1, runLen - valid);
            } else {
                add(out, io.clusterOffset(lcn), runLen);
            }
            pos += runLen;
        }
        if (pos < size) {
            add(out, -1, size - pos);
        }
        return Collections.unmodifiableList(out);
    }

    private static void add(List<NtfsExtent> out, long offset, long length) {
        if (length <= 0) {
            return;
        }
        if (!out.isEmpty()) {
            NtfsExtent last = out.get(out.size() - 1);
            boolean bothHoles = offset < 0 && last.physicalOffset() < 0;
            boolean adjacent = offset >= 0 && last.physicalOffset() >= 0
                    && last.physicalOffset() + last.length() == offset;
            if (bothHoles || adjacent) {
                out.set(out.size() - 1, new NtfsExtent(last.physicalOffset(), last.length() + length));
                return;
            }
        }
        out.add(new NtfsExtent(offset, length));
    }

    /** Absolute channel offset of the first allocated cluster, -1 for resident or all-hole streams. */
    public long firstPhysicalOffset() {
        if (runs == null) {
            return -1;
        }
        for (int i = 0; i < runs.count(); i++) {
            if (runs.lcn(i) != RunList.SPARSE) {
                return io.clusterOffset(runs.lcn(i));
            }
        }
        return -1;
    }

    /**
     * The logical bytes ({@link #size()} of them): resident bytes, runs with holes as zeros,
     * compressed units decompressed. Reading throws {@link NtfsFormatException} on damaged data.
     */
    public InputStream open() throws IOException {
        if (resident != null) {
            return new ByteArrayInputStream(resident);
        }
        return new StreamInput(io, runs, size, initializedSize, compressionUnit);
    }

    @Override
    public String toString() {
        return "NtfsStream[" + (name.isEmpty() ? "::$DATA" : name) + ", " + size + " bytes"
                + (isResident() ? ", resident" : "") + (isCompressed() ? ", compressed" : "") + "]";
    }
}
