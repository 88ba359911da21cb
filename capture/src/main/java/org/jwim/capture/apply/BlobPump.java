package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jwim.capture.CaptureException;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * The data phase of the raw volume targets: each blob is read once, in read order (small ones
 * ahead on workers, see {@link BlobPrefetch}), and written in large pieces to every stream that
 * holds it. A corrupt blob or a failing write (a full volume, an I/O error) stops it with a
 * {@link CaptureException} naming the blob's first path. Not thread-safe.
 *
 * @param <T> a target stream of a known size
 */
final class BlobPump<T> {
    private static final int BUFFER = 1 << 20;

    /** Writes to one target stream; {@code pos} is the offset of {@code b[off]} in the stream. */
    @FunctionalInterface
    interface Sink<T> {
        void write(T target, long pos, byte[] b, int off, int len) throws IOException;
    }

    private final Sink<T> sink;
    private final ToLongFunction<T> sizes;
    private final ProgressListener progress;

    BlobPump(Sink<T> sink, ToLongFunction<T> sizes, ProgressListener progress) {
        this.sink = sink;
        this.sizes = sizes;
        this.progress = progress;
    }

    /**
     * Writes every blob of {@code byBlob} to its streams.
     *
     * @param firstPath a path holding each blob, for messages
     * @return bytes read from the WIM
     */
    long run(Map<Sha1, List<T>> byBlob, Map<Sha1, String> firstPath, ToLongFunction<Sha1> readPosition,
            BlobOpener blobs, int threads) throws IOException {
        List<Sha1> order = new ArrayList<>(byBlob.keySet());
        order.sort(Comparator.comparingLong(readPosition::applyAsLong));
        blobs.plan(order);
        long total = 0;
        for (Sha1 h : order) {
            total += sizeOf(byBlob, h);
        }
        byte[] buf = new byte[BUFFER];
        long done = 0;
        try (BlobPrefetch ahead = new BlobPrefetch(order, h -> sizeOf(byBlob, h), blobs, threads)) {
            for (Sha1 h : order) {
                done += writeBlob(h, byBlob.get(h), firstPath.get(h), ahead, buf, done, total);
            }
        }
        return done;
    }

    private long sizeOf(Map<Sha1, List<T>> byBlob, Sha1 h) {
        return sizes.applyAsLong(byBlob.get(h).get(0));
    }

    private long writeBlob(Sha1 h, List<T> targets, String path, BlobPrefetch ahead, byte[] buf, long done,
            long total) throws IOException {
        if (progress.cancelled()) {
            throw new CancelledException("apply cancelled");
        }
        long size = sizes.applyAsLong(targets.get(0));
        long pos = 0;
        try (InputStream in = ahead.next()) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (progress.cancelled()) {
                    throw new CancelledException("apply cancelled");
                }
                if (pos + n > size) {
                    throw new WimFormatException("blob " + h + " is longer than the stream's " + size + " bytes");
                }
                for (T t : targets) {
                    try {
                        sink.write(t, pos, buf, 0, n);
                    } catch (IOException e) {
                        throw new CaptureException(path + ": " + e.getMessage(), e);
                    }
                }
                pos += n;
                progress.onEvent(new ProgressEvent.ApplyProgress(done + pos, total, path));
            }
            if (pos != size) {
                throw new WimFormatException("blob " + h + " gave " + pos + " bytes, expected " + size);
            }
        } catch (WimFormatException e) {
            throw new CaptureException(path + ": corrupt data: " + e.getMessage(), e);
        }
        return size;
    }
}
