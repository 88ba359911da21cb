package org.jwim.capture.update;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Takes over the blobs of the files a fresh scan finds unchanged since a {@link ReferenceImage}:
 * their data streams then name the reference's blobs and are neither read nor hashed. Everything
 * else of the fresh tree (names, times, attributes, security, reparse data) stays as scanned.
 * <p>
 * A file is unchanged when
 * <ul>
 * <li>both images carry jwim's NTFS {@link FileIdentity} (raw NTFS source): the reference has an
 * inode of the same MFT record whose identity (sequence number, $STANDARD_INFORMATION
 * modification and MFT-change times, USN) is equal, and every data stream has the size it had;</li>
 * <li>otherwise (reference captured by another tool, FAT or directory source): the reference has
 * a file at the same path with equal creation and modification times and the same data streams
 * of the same sizes, and, where both carry a POSIX identity (directory source on Linux), the same
 * inode number and ctime.</li>
 * </ul>
 * Not thread-safe.
 */
public final class UnchangedFiles {
    private final ReferenceImage reference;
    private boolean verify;
    private Consumer<Warning> warnings = w -> { };

    private UnchangedFiles(ReferenceImage reference) {
        this.reference = reference;
    }

    public static UnchangedFiles against(ReferenceImage reference) {
        return new UnchangedFiles(reference);
    }

    /**
     * Read and hash the files taken as unchanged anyway and compare with the reference: a
     * mismatch is reported and the file's fresh data is captured.
     */
    public UnchangedFiles verify(boolean value) {
        this.verify = value;
        return this;
    }

    /** Receives one warning per file whose data differs from what the heuristic assumed. */
    public UnchangedFiles warnings(Consumer<Warning> value) {
        this.warnings = value;
        return this;
    }

    /** What {@link #apply} did. Sizes in bytes. */
    public record Result(long unchangedFiles, long reusedStreams, long reusedBytes, long mismatches) {
    }

    /** Rewrites the data streams of the unchanged files of {@code fresh} in place. */
    public Result apply(ImageTree fresh) throws IOException {
        boolean byRecord = reference.hasRecordIdentities();
        long files = 0;
        long streams = 0;
        long bytes = 0;
        long mismatches = 0;
        for (Inode in : fresh.root().inodes()) {
            if (in.dentries().isEmpty()) {
                continue;
            }
            Inode old = match(in, byRecord);
            if (old == null) {
                continue;
            }
            List<StreamRef> list = in.streams();
            Sha1[] hashes = new Sha1[list.size()];
            boolean ok = true;
            for (int i = 0; i < list.size() && ok; i++) {
                StreamRef s = list.get(i);
                if (s.kind() == StreamKind.DATA && s.size() > 0) {
                    hashes[i] = reference.blob(old, s.name());
                    ok = hashes[i] != null;
                }
            }
            if (!ok) {
                continue;
            }
            if (verify && !same(in, hashes)) {
                mismatches++;
                continue;
            }
            files++;
            for (int i = 0; i < list.size(); i++) {
                if (hashes[i] != null) {
                    StreamRef s = list.get(i);
                    list.set(i, StreamRef.ofBlob(s.kind(), s.name(), s.size(), hashes[i]));
                    streams++;
                    bytes += s.size();
                }
            }
        }
        return new Result(files, streams, bytes, mismatches);
    }

    /** The reference's inode {@code in} is an unchanged copy of, or null. */
    private Inode match(Inode in, boolean byRecord) {
        FileIdentity id = FileIdentity.of(in);
        Inode old;
        if (byRecord && id != null && id.kind() == FileIdentity.KIND_NTFS) {
            old = reference.sameRecord(id);
            return old != null && sameDataSizes(in, old) ? old : null;
        }
        old = reference.byPath(in.dentries().get(0).path());
        if (old == null || old.isDirectory() != in.isDirectory()
                || old.creationTime() != in.creationTime() || old.lastWriteTime() != in.lastWriteTime()
                || !sameDataSizes(in, old)) {
            return null;
        }
        FileIdentity was = FileIdentity.of(old);
        if (id != null && was != null && id.kind() == FileIdentity.KIND_POSIX && was.kind() == id.kind()
                && (id.fileId() != was.fileId() || id.changeTime() != was.changeTime())) {
            return null;
        }
        return old;
    }

    /** Same data stream names, each of the same size. */
    private static boolean sameDataSizes(Inode in, Inode old) {
        int n = 0;
        for (StreamRef s : in.streams()) {
            if (s.kind() == StreamKind.DATA) {
                StreamRef o = old.stream(StreamKind.DATA, s.name());
                if (o == null || o.size() != s.size()) {
                    return false;
                }
                n++;
            }
        }
        for (StreamRef o : old.streams()) {
            if (o.kind() == StreamKind.DATA) {
                n--;
            }
        }
        return n == 0;
    }

    /** Reads the streams taken as unchanged; false (and a warning) if one differs. */
    private boolean same(Inode in, Sha1[] hashes) throws IOException {
        List<StreamRef> list = in.streams();
        for (int i = 0; i < list.size(); i++) {
            if (hashes[i] == null) {
                continue;
            }
            StreamRef s = list.get(i);
            MessageDigest md = Sha1.newDigest();
            byte[] buf = new byte[1 << 16];
            try (InputStream is = s.source().open()) {
                for (int n; (n = is.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
            Sha1 actual = Sha1.of(md.digest());
            if (!actual.equals(hashes[i])) {
                String path = in.dentries().get(0).path() + (s.name().isEmpty() ? "" : ":" + s.name());
                warnings.accept(new Warning(path, Warning.Kind.UNSAFE, "taken as unchanged since image "
                        + reference.index() + " of " + reference.wim().path() + " but its data differs"
                        + " (SHA-1 " + actual + ", was " + hashes[i] + "); captured as it is now"));
                return false;
            }
        }
        return true;
    }
}
