package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import org.jwim.capture.platform.PosixFiles;

/**
 * One regular file of a directory apply, created where nothing is (never following a link),
 * written front to back and given its times before it is closed. On Linux this is one
 * {@code open}, one {@code fallocate}, the writes, one {@code futimens} and one {@code close};
 * elsewhere java.nio does the same with more calls. A sparse file is sized first and its
 * all-zero blocks are left as holes instead of being preallocated. Not thread-safe (one
 * writer per file).
 */
abstract class NewFile implements AutoCloseable {
    private static final int BLOCK = 4096;
    final Path path;

    private NewFile(Path path) {
        this.path = path;
    }

    /** Where fallocate is refused (FUSE, some tmpfs), asked once per apply, not per file. */
    static final class Preallocation {
        private volatile boolean supported = true;
    }

    /**
     * Creates the file: {@link java.nio.file.FileAlreadyExistsException} if anything is at
     * {@code path}.
     *
     * @param size   the file's final size
     * @param sparse leave runs of zeros as holes
     */
    static NewFile create(Path path, long size, boolean sparse, Preallocation prealloc) throws IOException {
        if (!PosixFiles.available()) {
            return new Nio(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
        }
        int fd = PosixFiles.createNew(path);
        try {
            if (sparse) {
                PosixFiles.truncate(fd, size, path);
            } else if (size > 0 && prealloc.supported && !PosixFiles.preallocate(fd, size, path)) {
                prealloc.supported = false;
            }
        } catch (IOException | RuntimeException e) {
            PosixFiles.close(fd, path);
            throw e;
        }
        return new Fd(path, fd, sparse);
    }

    /** Writes {@code len} bytes of {@code b} next; {@code b} must be a direct buffer from index 0. */
    abstract void write(ByteBuffer b, int len) throws IOException;

    /** Sets the times (last write, last access) and closes the file. */
    abstract void finish(FileTime modified, FileTime access) throws IOException;

    /** Closes without setting times (after a failure); idempotent. */
    @Override
    public abstract void close() throws IOException;

    /** True if {@code len} bytes of {@code b} from {@code off} are all zero. */
    static boolean zeros(ByteBuffer b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static final class Fd extends NewFile {
        private final int fd;
        private final boolean sparse;
        private long pos;
        private boolean closed;

        Fd(Path path, int fd, boolean sparse) {
            super(path);
            this.fd = fd;
            this.sparse = sparse;
        }

        @Override
        void write(ByteBuffer b, int len) throws IOException {
            if (!sparse) {
                PosixFiles.write(fd, b, len, pos, path);
            } else {
                int run = -1; // start of the pending run of blocks holding data
                for (int off = 0; off <= len; off += BLOCK) {
                    int n = Math.min(BLOCK, len - off);
                    boolean data = n > 0 && !zeros(b, off, n);
                    if (data && run < 0) {
                        run = off;
                    } else if (!data && run >= 0) {
                        PosixFiles.write(fd, b.slice(run, off - run), off - run, pos + run, path);
                        run = -1;
                    }
                }
                if (run >= 0) {
                    PosixFiles.write(fd, b.slice(run, len - run), len - run, pos + run, path);
                }
            }
            pos += len;
        }

        @Override
        void finish(FileTime modified, FileTime access) throws IOException {
            PosixFiles.setTimes(fd, access, modified, path);
            close();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                PosixFiles.close(fd, path);
            }
        }
    }

    private static final class Nio extends NewFile {
        private final FileChannel ch;

        Nio(Path path, FileChannel ch) {
            super(path);
            this.ch = ch;
        }

        @Override
        void write(ByteBuffer b, int len) throws IOException {
            ByteBuffer slice = b.slice(0, len);
            while (slice.hasRemaining()) {
                ch.write(slice);
            }
        }

        @Override
        void finish(FileTime modified, FileTime access) throws IOException {
            ch.close();
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, access, null);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
