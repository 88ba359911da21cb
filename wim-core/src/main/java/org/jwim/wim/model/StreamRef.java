package org.jwim.wim.model;

import java.util.Objects;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.blob.Sha1;

/**
 * One stream of an inode. When captured, {@code source} says where its bytes are and
 * {@code hash} may still be unknown (null); when read from a WIM, {@code hash} is known and the
 * bytes are found through the WIM's blob table. An empty stream has size 0 and hash
 * {@link Sha1#ZERO}.
 */
public final class StreamRef {
    private final StreamKind kind;
    private final String name;
    private long size;
    private Sha1 hash;
    private BlobSource source;

    private StreamRef(StreamKind kind, String name, long size, Sha1 hash, BlobSource source) {
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name);
        if (!name.isEmpty() && kind != StreamKind.DATA) {
            throw new IllegalArgumentException("only data streams have names");
        }
        this.size = size;
        this.hash = size == 0 && (hash == null || source != null) ? Sha1.ZERO : hash;
        this.source = size == 0 ? null : source;
    }

    /** A stream to capture from {@code source}; its hash is computed while it is written. */
    public static StreamRef fromSource(StreamKind kind, String name, BlobSource source) {
        return new StreamRef(kind, name, source.size(), null, source);
    }

    /**
     * A stream whose blob is known by hash (read from a WIM). Size 0 with a nonzero hash means
     * the blob is missing from the WIM; reading it fails.
     */
    public static StreamRef ofBlob(StreamKind kind, String name, long size, Sha1 hash) {
        return new StreamRef(kind, name, size, Objects.requireNonNull(hash), null);
    }

    public static StreamRef empty(StreamKind kind, String name) {
        return new StreamRef(kind, name, 0, Sha1.ZERO, null);
    }

    public StreamKind kind() {
        return kind;
    }

    /** Stream name; empty for the unnamed data stream, reparse and EFS streams. */
    public String name() {
        return name;
    }

    public boolean isUnnamedData() {
        return kind == StreamKind.DATA && name.isEmpty();
    }

    /** Size in bytes of the stream's (uncompressed) data. */
    public long size() {
        return size;
    }

    /** SHA-1 of the data, {@link Sha1#ZERO} if empty, null if not yet computed. */
    public Sha1 hash() {
        return hash;
    }

    /**
     * Where the bytes are read from during capture; null when read from a WIM. It stays after the
     * stream is written, so the same tree can be written again (to another WIM, or after a
     * cancelled write).
     */
    public BlobSource source() {
        return source;
    }

    /** Called by the writer once the blob is stored: the bytes read decide size and hash. */
    public void resolve(long actualSize, Sha1 actualHash) {
        this.size = actualSize;
        this.hash = Objects.requireNonNull(actualHash);
    }

    @Override
    public String toString() {
        return kind + (name.isEmpty() ? "" : ":" + name) + " " + size + " " + hash;
    }
}
