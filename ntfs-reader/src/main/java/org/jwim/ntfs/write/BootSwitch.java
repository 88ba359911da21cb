package org.jwim.ntfs.write;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The last step of a write: the boot sector that points at the new $MFT and $MFTMirr. Before
 * it, everything else is on the medium ({@code force}); the primary boot sector is then one
 * sector write, forced, and only then the backup in the volume's last sector. When the rest of
 * the new volume lies in clusters the old volume did not use, this one write switches from
 * the old volume, complete, to the new one, complete. Named pause points let a test stop the
 * process at each step ({@link #PAUSE_PROPERTY}).
 */
final class BootSwitch {
    /**
     * Test hook: {@code -Djwim.test.ntfsPause=POINT[:MILLIS]} sleeps at that point (default
     * 5 s) after printing {@code jwim: test pause at POINT} on stderr. Points: {@code start}
     * (a writer was created), {@code data}
     * (all file data written), {@code metadata} (new metadata written, nothing switched),
     * {@code switch} (about to write the boot sector), {@code backup} (primary switched,
     * backup not yet).
     */
    static final String PAUSE_PROPERTY = "jwim.test.ntfsPause";

    private BootSwitch() {
    }

    /** Writes the primary boot sector (all of $Boot for a fresh volume), then the backup. */
    static void write(NtfsWriter w, FileChannel channel, byte[] sector, boolean fresh) throws IOException {
        NtfsGeometry g = w.geometry();
        channel.force(false);
        pause("switch");
        if (fresh) {
            byte[] boot = new byte[8192];
            System.arraycopy(sector, 0, boot, 0, sector.length);
            w.writeAt(0, boot, 0, boot.length);
        } else {
            w.writeAt(0, sector, 0, sector.length);
        }
        channel.force(false);
        pause("backup");
        w.writeAt(g.totalSectors() * g.bytesPerSector(), sector, 0, sector.length);
        channel.force(false);
    }

    /** The test pause at {@code point}, when {@link #PAUSE_PROPERTY} names it. */
    static void pause(String point) {
        String p = System.getProperty(PAUSE_PROPERTY);
        if (p == null) {
            return;
        }
        int colon = p.indexOf(':');
        String name = colon < 0 ? p : p.substring(0, colon);
        if (!name.equals(point)) {
            return;
        }
        long millis = colon < 0 ? 5000 : Long.parseLong(p.substring(colon + 1));
        System.err.println("jwim: test pause at " + point);
        System.err.flush();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
