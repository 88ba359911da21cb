package org.jwim.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Inode;

class ReparseBuffersTest {
    /** Blob hashes wimlib-imagex 1.13.5 wrote when capturing these links on Linux. */
    @Test
    void symlinkDataMatchesWimlibUnixCapture() {
        byte[] rel = ReparseBuffers.symlinkFromUnix("a.txt");
        assertEquals(36, rel.length);
        assertEquals("92404143ce17f17f8a863eed8a65bdebed60a2ff", Sha1.digest(rel).toString());
        byte[] abs = ReparseBuffers.symlinkFromUnix("/etc/passwd");
        assertEquals(76, abs.length);
        assertEquals("d8c6abaae0bdddfd8cdff524bfc82f0ff33c77f7", Sha1.digest(abs).toString());
    }

    @Test
    void reverseMappingRestoresUnixTargets() {
        for (String t : new String[] {"a.txt", "../up/x", "/etc/passwd", "/", "dir/sub/ünï"}) {
            assertEquals(Optional.of(t),
                    ReparseBuffers.unixTarget(Inode.TAG_SYMLINK, ReparseBuffers.symlinkFromUnix(t)), t);
        }
    }

    @Test
    void junctionDriveAndDevicePrefixesAreStripped() {
        byte[] sym = ReparseBuffers.symlinkData("\\??\\C:\\dir1", "C:\\dir1", 0);
        // a junction has the same layout without the 4-byte flags field
        byte[] junction = new byte[sym.length - 4];
        System.arraycopy(sym, 0, junction, 0, 8);
        System.arraycopy(sym, 12, junction, 8, sym.length - 12);
        assertEquals(Optional.of("/dir1"), ReparseBuffers.unixTarget(Inode.TAG_MOUNT_POINT, junction));
        assertEquals(Optional.of("/"), ReparseBuffers.unixTarget(Inode.TAG_SYMLINK,
                ReparseBuffers.symlinkData("\\??\\D:", "D:", 0)));
    }

    @Test
    void malformedDataGivesEmpty() {
        assertTrue(ReparseBuffers.unixTarget(Inode.TAG_SYMLINK, new byte[5]).isEmpty());
        byte[] bad = ReparseBuffers.symlinkFromUnix("abc");
        bad[2] = (byte) 0xFF; // substitute length beyond the buffer
        assertTrue(ReparseBuffers.unixTarget(Inode.TAG_SYMLINK, bad).isEmpty());
        assertTrue(ReparseBuffers.unixTarget(0x80000017, ReparseBuffers.symlinkFromUnix("x")).isEmpty());
        assertTrue(ReparseBuffers.unixTarget(Inode.TAG_SYMLINK,
                ReparseBuffers.symlinkData("a\0b", "a", 1)).isEmpty());
    }

    @Test
    void filetimeConversionKeepsNanosecondsTo100ns() {
        FileTime t = FileTime.from(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        long ft = FileTimes.toFiletime(t);
        assertEquals((1_700_000_000L + 11_644_473_600L) * 10_000_000L + 1_234_567, ft);
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_700), FileTimes.toFileTime(ft).toInstant());
        FileTime before1970 = FileTime.from(Instant.parse("1960-01-05T03:04:05Z"));
        assertEquals(before1970, FileTimes.toFileTime(FileTimes.toFiletime(before1970)));
        assertEquals(0, FileTimes.toFiletime(FileTime.from(Instant.parse("1500-01-01T00:00:00Z"))));
    }
}
