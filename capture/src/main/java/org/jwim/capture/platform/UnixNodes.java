package org.jwim.capture.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Creates FIFOs, sockets and device nodes with {@code mknod(2)}, which java.nio cannot (Linux
 * only; elsewhere {@link #available()} is false). Thread-safe.
 */
public final class UnixNodes {
    private static final System.Logger LOG = System.getLogger(UnixNodes.class.getName());
    private static final boolean AVAILABLE = load();

    /** The C library function used, bound by JNA's direct mapping. */
    static final class LibC {
        private LibC() {
        }

        static native int mknod(byte[] path, int mode, long dev) throws LastErrorException;

        static native String strerror(int errnum);
    }

    private UnixNodes() {
    }

    private static boolean load() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(LibC.class, "c");
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "mknod is not available", e);
            return false;
        }
    }

    /** True if {@link #create} works on this platform. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Creates the node {@code path} of type and permissions {@code mode} ({@code st_mode}) and,
     * for a device, number {@code rdev} (Linux encoding).
     *
     * @throws FileSystemException naming the path and the reason when the system refuses
     */
    public static void create(Path path, int mode, long rdev) throws IOException {
        if (!AVAILABLE) {
            throw new FileSystemException(path.toString(), null, "device nodes, FIFOs and sockets cannot be created here");
        }
        try {
            LibC.mknod(PosixFiles.cPath(path), mode, rdev);
        } catch (LastErrorException e) {
            throw new FileSystemException(path.toString(), null, LibC.strerror(e.getErrorCode()));
        }
    }
}
