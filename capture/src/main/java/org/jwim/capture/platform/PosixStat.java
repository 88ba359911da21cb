package org.jwim.capture.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Allocated size of a file from {@code lstat(2)}, which java.nio does not expose. Used to mark
 * sparse files the way wimlib does on UNIX (allocated bytes below the file size). Works on
 * 64-bit Linux (x86-64 and the generic layout of arm64/riscv64 put {@code st_size} at byte 48
 * and {@code st_blocks} at byte 64); elsewhere {@link #allocatedBytes} returns empty.
 * Thread-safe.
 */
public final class PosixStat {
    private static final System.Logger LOG = System.getLogger(PosixStat.class.getName());
    private static final int STAT_BUFFER = 256;
    private static final int OFF_SIZE = 48;
    private static final int OFF_BLOCKS = 64;
    private static final LibC LIBC = load();

    /** The C library functions used; public for JNA's proxy. */
    public interface LibC extends Library {
        int lstat(byte[] path, byte[] statBuffer);
    }

    private PosixStat() {
    }

    private static LibC load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "lstat not available; sparse files not detected", e);
            return null;
        }
    }

    /** True if allocated sizes can be read on this platform. */
    public static boolean available() {
        return LIBC != null;
    }

    /**
     * Bytes allocated to {@code file} (512 times st_blocks), without following a final symbolic
     * link; empty if unavailable, if lstat fails, or if its size disagrees with {@code expectedSize}
     * (a changed file or an unexpected struct layout).
     */
    public static OptionalLong allocatedBytes(Path file, long expectedSize) {
        if (LIBC == null) {
            return OptionalLong.empty();
        }
        byte[] cPath = PosixFiles.cPath(file);
        byte[] st = new byte[STAT_BUFFER];
        try {
            if (LIBC.lstat(cPath, st) != 0) {
                return OptionalLong.empty();
            }
        } catch (LinkageError | RuntimeException e) {
            return OptionalLong.empty();
        }
        if (le64(st, OFF_SIZE) != expectedSize) {
            return OptionalLong.empty();
        }
        long blocks = le64(st, OFF_BLOCKS);
        return blocks < 0 || blocks > Long.MAX_VALUE / 512 ? OptionalLong.empty() : OptionalLong.of(blocks * 512);
    }

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }
}
