package org.jwim.capture.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jwim.wim.model.Inode;

/**
 * Maps UNIX symbolic links to and from reparse data as wimlib's UNIX mode does. Reparse data
 * here is the buffer WITHOUT its 8-byte header (tag, length, reserved), as WIM stores it.
 * A relative link "a/b" becomes a symlink buffer with SYMLINK_FLAG_RELATIVE and target "a\b";
 * an absolute link "/x/y" becomes substitute name "\??\C:\x\y", print name "C:\x\y".
 */
public final class ReparseBuffers {
    /** SYMLINK_FLAG_RELATIVE of a symlink reparse buffer. */
    public static final int SYMLINK_FLAG_RELATIVE = 1;
    /** Largest reparse buffer NTFS allows, including the 8-byte header. */
    public static final int MAX_REPARSE_BUFFER = 16 * 1024;
    private static final String NT_PREFIX = "\\??\\";

    private ReparseBuffers() {
    }

    /** Reparse data (without header) of a symlink to {@code unixTarget}. */
    public static byte[] symlinkFromUnix(String unixTarget) {
        boolean relative = !unixTarget.startsWith("/");
        String win = unixTarget.replace('/', '\\');
        String substitute = relative ? win : NT_PREFIX + "C:" + win;
        String print = relative ? win : "C:" + win;
        return symlinkData(substitute, print, relative ? SYMLINK_FLAG_RELATIVE : 0);
    }

    /** Symlink reparse data: offsets, lengths, flags, then both names each NUL-terminated. */
    public static byte[] symlinkData(String substitute, String print, int flags) {
        byte[] sub = substitute.getBytes(StandardCharsets.UTF_16LE);
        byte[] pr = print.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[12 + sub.length + 2 + pr.length + 2];
        putU16(out, 0, 0);
        putU16(out, 2, sub.length);
        putU16(out, 4, sub.length + 2);
        putU16(out, 6, pr.length);
        putU16(out, 8, flags);
        putU16(out, 10, flags >>> 16);
        System.arraycopy(sub, 0, out, 12, sub.length);
        System.arraycopy(pr, 0, out, 12 + sub.length + 2, pr.length);
        return out;
    }

    /**
     * The UNIX link target for symlink or junction reparse data, or empty when the data is
     * malformed or of another tag. A "\??\X:" (or "\DosDevices\X:") drive prefix is removed,
     * leaving an absolute path; backslashes become slashes.
     *
     * @param tag  the inode's reparse tag
     * @param data reparse data without the 8-byte header
     */
    public static Optional<String> unixTarget(int tag, byte[] data) {
        int headerLen;
        if (tag == Inode.TAG_SYMLINK) {
            headerLen = 12;
        } else if (tag == Inode.TAG_MOUNT_POINT) {
            headerLen = 8;
        } else {
            return Optional.empty();
        }
        if (data.length < headerLen) {
            return Optional.empty();
        }
        int subOff = u16(data, 0);
        int subLen = u16(data, 2);
        boolean relative = tag == Inode.TAG_SYMLINK && (u16(data, 8) & SYMLINK_FLAG_RELATIVE) != 0;
        long end = (long) headerLen + subOff + subLen;
        if ((subLen & 1) != 0 || end > data.length || subLen == 0) {
            return Optional.empty();
        }
        String name = new String(data, headerLen + subOff, subLen, StandardCharsets.UTF_16LE);
        if (name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        if (!relative) {
            name = stripDevice(name);
        }
        return Optional.of(name.replace('\\', '/'));
    }

    /** Removes an NT device prefix with a drive letter: "\??\C:\x" -> "\x", "\??\C:" -> "\". */
    private static String stripDevice(String nt) {
        String rest = nt;
        if (rest.startsWith(NT_PREFIX)) {
            rest = rest.substring(NT_PREFIX.length());
        } else if (rest.regionMatches(true, 0, "\\DosDevices\\", 0, 12)) {
            rest = rest.substring(12);
        }
        if (rest.length() >= 2 && rest.charAt(1) == ':' && Character.isLetter(rest.charAt(0))) {
            rest = rest.substring(2);
        }
        return rest.isEmpty() ? "\\" : rest;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    private static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
