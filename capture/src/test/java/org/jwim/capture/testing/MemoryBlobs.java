package org.jwim.capture.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jwim.capture.apply.BlobOpener;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.StreamRef;

/**
 * Plays the WIM writer and reader in memory for tests: {@link #store} reads every stream source
 * of a tree, resolves its hash and keeps the bytes; {@link #open} serves them and, like
 * WimFile.openBlob, throws WimFormatException when stored bytes no longer match their hash.
 */
public final class MemoryBlobs implements BlobOpener {
    private final Map<Sha1, byte[]> blobs = new HashMap<>();

    public ImageTree store(ImageTree tree) throws IOException {
        Deque<Dentry> stack = new ArrayDeque<>();
        stack.push(tree.root());
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            for (StreamRef s : d.inode().streams()) {
                if (s.source() != null) {
                    byte[] data;
                    try (InputStream in = s.source().open()) {
                        data = in.readAllBytes();
                    }
                    Sha1 h = Sha1.digest(data);
                    blobs.put(h, data);
                    s.resolve(data.length, h);
                }
            }
            d.children().forEach(stack::push);
        }
        return tree;
    }

    /** Stores raw bytes under a hash (possibly a wrong one, to simulate corruption). */
    public void put(Sha1 hash, byte[] data) {
        blobs.put(hash, data);
    }

    public int count() {
        return blobs.size();
    }

    @Override
    public InputStream open(Sha1 hash) throws IOException {
        byte[] data = blobs.get(hash);
        if (data == null) {
            throw new WimFormatException("no blob " + hash);
        }
        if (!Sha1.digest(data).equals(hash)) {
            return new InputStream() {
                private final ByteArrayInputStream in = new ByteArrayInputStream(data);

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b < 0) {
                        throw new WimFormatException("SHA-1 mismatch for blob " + hash);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n < 0) {
                        throw new WimFormatException("SHA-1 mismatch for blob " + hash);
                    }
                    return n;
                }
            };
        }
        return new ByteArrayInputStream(data);
    }
}
