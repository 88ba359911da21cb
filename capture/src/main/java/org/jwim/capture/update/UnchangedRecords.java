package org.jwim.capture.update;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jwim.capture.source.NtfsSource;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsStream;
import org.jwim.wim.WimWriter;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Compares the files of a raw NTFS volume with a {@link ReferenceImage} while the MFT is still
 * being read, so that the blobs of those found unchanged, and only those, are copied into the
 * new WIM beside the scan ({@link WimWriter#copyAhead(org.jwim.wim.WimFile, java.util.Collection)}):
 * a volume on which some files changed then costs one copy of the reused blobs, not a copy of
 * everything cut at the first change and a second of what followed it. A forecast only, by the
 * rules of {@link UnchangedFiles} (same record, identity and data stream sizes; directories and
 * reparse points are left to it): {@link UnchangedFiles} decides after the scan, and the writer
 * keeps what was copied ahead as far as it agrees.
 * <p>
 * The scanning thread {@link #accept}s each file record, then null (or {@link #end}); another
 * thread runs {@link #copyAhead}. Thread-safe between those two.
 */
public final class UnchangedRecords implements Consumer<NtfsFile> {
    /** Files handed over at a time, so the queue is touched once per chunk. */
    private static final int CHUNK = 256;
    /** Data bytes (uncompressed) of unchanged files per batch copied ahead: about the copy's write-back piece. */
    private static final long BATCH = 96L << 20;

    /** What the forecast needs of a file record: its identity and data streams' names and sizes. */
    private record Scanned(FileIdentity id, String[] names, long[] sizes) {
    }

    /** Chunks of records; an empty one ends the scan. */
    private final BlockingQueue<List<Scanned>> queue = new LinkedBlockingQueue<>();
    private List<Scanned> chunk = new ArrayList<>(CHUNK);
    private boolean ended;

    /** A file whose MFT record was read, or null once all are. */
    @Override
    public synchronized void accept(NtfsFile f) {
        if (f == null) {
            end();
        } else if (!ended && !f.isDirectory() && !f.isReparsePoint() && !f.isEncrypted()) {
            List<NtfsStream> streams = f.streams();
            String[] names = new String[streams.size()];
            long[] sizes = new long[streams.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = streams.get(i).name();
                sizes[i] = streams.get(i).size();
            }
            chunk.add(new Scanned(NtfsSource.identity(f), names, sizes));
            if (chunk.size() == CHUNK) {
                queue.add(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }
    }

    /** The scan is over (or failed): {@link #copyAhead} returns once it has copied what it was told of. */
    public synchronized void end() {
        if (!ended) {
            ended = true;
            if (!chunk.isEmpty()) {
                queue.add(chunk);
            }
            queue.add(List.of());
        }
    }

    /**
     * Copies ahead into {@code w}, a batch at a time, the blobs of {@code r} that the files told
     * of so far and found unchanged take, until {@link #end}.
     */
    public void copyAhead(ReferenceImage r, WimWriter w) throws IOException {
        List<Sha1> batch = new ArrayList<>();
        long bytes = 0;
        while (true) {
            List<Scanned> c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while comparing files with the --update-of image");
            }
            for (Scanned s : c) {
                bytes += taken(r, s, batch);
            }
            if (c.isEmpty() || bytes >= BATCH) {
                w.copyAhead(r.wim(), batch);
                batch.clear();
                bytes = 0;
            }
            if (c.isEmpty()) {
                return;
            }
        }
    }

    /** Adds the blobs {@code s} takes over from {@code r} to {@code batch} if it is unchanged; returns their bytes. */
    private static long taken(ReferenceImage r, Scanned s, List<Sha1> batch) {
        Inode old = r.sameRecord(s.id());
        if (old == null) {
            return 0;
        }
        int data = 0;
        for (StreamRef o : old.streams()) {
            if (o.kind() == StreamKind.DATA && o.size() > 0) {
                data++;
            }
        }
        int at = batch.size();
        long bytes = 0;
        for (int i = 0; i < s.names().length; i++) {
            if (s.sizes()[i] == 0) {
                continue;
            }
            StreamRef o = old.stream(StreamKind.DATA, s.names()[i]);
            Sha1 h = o == null || o.size() != s.sizes()[i] ? null : r.blob(old, s.names()[i]);
            if (h == null) {
                batch.subList(at, batch.size()).clear();
                return 0;
            }
            batch.add(h);
            bytes += s.sizes()[i];
            data--;
        }
        if (data != 0) {
            batch.subList(at, batch.size()).clear();
            return 0;
        }
        return bytes;
    }
}
