package org.jwim.capture.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Path;

/**
 * The extended-attribute interface ntfs-3g offers for Windows metadata on a mounted NTFS volume
 * (Linux only): {@code system.ntfs_ea} takes a file's $EA value as NTFS stores it.
 */
public final class NtfsXattrs {
    private static final String EA = "system.ntfs_ea";
    private static final LibC LIBC = load();

    /** The C library function used; public for JNA's proxy. */
    public interface LibC extends Library {
        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;
    }

    private NtfsXattrs() {
    }

    private static LibC load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Sets the $EA of {@code file} (not following a final symbolic link).
     *
     * @return null when set, else why not (no ntfs-3g below the path, not Linux, ...)
     */
    public static String setExtendedAttributes(Path file, byte[] ea) {
        if (LIBC == null) {
            return "ntfs-3g's system.ntfs_ea is only available on Linux";
        }
        try {
            LIBC.lsetxattr(file.toString(), EA, ea, ea.length, 0);
            return null;
        } catch (LastErrorException e) {
            return EA + ": error " + e.getErrorCode() + " (the target is not an ntfs-3g mount?)";
        }
    }
}
