package org.jwim.wim.blob;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Bytes already in memory (metadata, reparse data, small generated blobs). */
public record MemorySource(byte[] data) implements BlobSource {
    @Override
    public long size() {
        return data.length;
    }

    @Override
    public long sortKey() {
        return Long.MAX_VALUE;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(data);
    }
}
