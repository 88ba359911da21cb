package org.jwim.capture.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A new regular file written through its file descriptor, which java.nio does not expose:
 * created, preallocated, written and given its times with one {@code open(2)} and no
 * {@code stat(2)} (the JDK's {@code setTimes} opens the file a second time). Linux on x86-64
 * and arm64 only (the open flags and {@code struct timespec} are those of that ABI); elsewhere
 * {@link #available()} is false and callers use java.nio. Thread-safe.
 */
public final class PosixFiles {
    private static final System.Logger LOG = System.getLogger(PosixFiles.class.getName());
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EPERM = 1;
    private static final int EEXIST = 17;
    private static final int EOPNOTSUPP = 95;
    private static final int ENOSYS = 38;
    private static final int EINVAL = 22;
    private static final boolean AVAILABLE = load();
    private static final Charset PATH_CHARSET = pathCharset();

    /**
     * The C library functions used, bound by JNA's direct mapping: a call costs a fraction of
     * what a proxied interface call does, which counts at several calls per applied file.
     */
    static final class LibC {
        private LibC() {
        }

        static native int open(byte[] path, int flags, int mode) throws LastErrorException;

        static native int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;

        static native int ftruncate(int fd, long length) throws LastErrorException;

        static native long pwrite(int fd, Pointer buf, long count, long offset) throws LastErrorException;

        static native int futimens(int fd, long[] times) throws LastErrorException;

        static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static native String strerror(int errnum);
    }

    private PosixFiles() {
    }

    private static boolean load() {
        if (!Platform.isLinux() || !Platform.is64Bit() || !(Platform.isIntel() || Platform.isARM())) {
            return false;
        }
        try {
            Native.register(LibC.class, "c");
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "libc not available; files are written through java.nio", e);
            return false;
        }
    }

    private static Charset pathCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** True if files can be written by descriptor on this platform. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** {@code path} as a NUL-terminated C string in the host's path encoding. */
    static byte[] cPath(Path path) {
        byte[] name = path.toString().getBytes(PATH_CHARSET);
        byte[] c = new byte[name.length + 1];
        System.arraycopy(name, 0, c, 0, name.length);
        return c;
    }

    /**
     * Creates {@code path} (mode 0666 less the umask), never following a link and never opening
     * an existing entry: {@link FileAlreadyExistsException} if something is there.
     *
     * @return the open file descriptor
     */
    public static int createNew(Path path) throws IOException {
        byte[] c = cPath(path);
        while (true) {
            try {
                return LibC.open(c, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw error(path, e);
                }
            }
        }
    }

    /**
     * Reserves {@code size} bytes for the file (its size stays 0 until written), so that the
     * file system can lay it out in one piece. False if this file system cannot (tmpfs before
     * Linux 3.5, FUSE file systems such as ntfs-3g): the caller stops asking. A full file
     * system is an error.
     */
    public static boolean preallocate(int fd, long size, Path path) throws IOException {
        try {
            LibC.fallocate(fd, 1 /* FALLOC_FL_KEEP_SIZE */, 0, size);
            return true;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EOPNOTSUPP || errno == ENOSYS || errno == EINVAL || errno == EINTR) {
                return false;
            }
            throw error(path, e);
        }
    }

    /** Sets the file's size; the bytes not written stay holes. */
    public static void truncate(int fd, long size, Path path) throws IOException {
        try {
            LibC.ftruncate(fd, size);
        } catch (LastErrorException e) {
            throw error(path, e);
        }
    }

    /** Writes {@code len} bytes of the direct buffer {@code buf} (from index 0) at {@code offset}. */
    public static void write(int fd, ByteBuffer buf, int len, long offset, Path path) throws IOException {
        Pointer base = Native.getDirectBufferPointer(buf); // index 0, whatever the buffer's position
        int done = 0;
        while (done < len) {
            try {
                done += (int) LibC.pwrite(fd, base.share(done), len - done, offset + done);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw error(path, e);
                }
            }
        }
    }

    /** Sets last access and last write time, to 100 ns precision as the WIM holds them. */
    public static void setTimes(int fd, FileTime access, FileTime modified, Path path) throws IOException {
        try {
            LibC.futimens(fd, timespecs(access, modified));
        } catch (LastErrorException e) {
            throw error(path, e);
        }
    }

    /**
     * Sets the times of {@code path} itself (a link's own, never its target's) in one call,
     * without opening it; false if nothing is there.
     */
    public static boolean setTimes(Path path, FileTime access, FileTime modified) throws IOException {
        try {
            LibC.utimensat(AT_FDCWD, cPath(path), timespecs(access, modified), AT_SYMLINK_NOFOLLOW);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return false;
            }
            throw error(path, e);
        }
    }

    private static long[] timespecs(FileTime access, FileTime modified) {
        return new long[] {access.toInstant().getEpochSecond(), access.toInstant().getNano(),
            modified.toInstant().getEpochSecond(), modified.toInstant().getNano()};
    }

    /** Closes the descriptor; a failure (a delayed write error on NFS, for one) is thrown. */
    public static void close(int fd, Path path) throws IOException {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != EINTR) { // Linux has closed the descriptor anyway
                throw error(path, e);
            }
        }
    }

    private static IOException error(Path path, LastErrorException e) {
        String file = path.toString();
        return switch (e.getErrorCode()) {
            case EEXIST -> new FileAlreadyExistsException(file);
            case ENOENT -> new NoSuchFileException(file);
            case EACCES, EPERM -> new AccessDeniedException(file);
            default -> new FileSystemException(file, null, LibC.strerror(e.getErrorCode()));
        };
    }
}
