package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimFile;

/**
 * Interrupting a raw NTFS apply-disk (issue 18). Crash-safe mode: SIGKILL at 21 points (time
 * points spread over a measured run, and pauses at each step of the commit) and SIGINT at 5;
 * after each the volume is clean for {@code ntfsfix -n}, mounts with ntfs-3g and holds either
 * the old content or the complete new image, the protected folder byte-identical. In place
 * (the old volume too full for crash-safe mode): SIGKILL mid-apply leaves the volume unusable,
 * which is what every raw apply did before; SIGINT still leaves it consistent. Also: the cost
 * of crash-safe mode (medians, printed), the new $Bitmap (ntfs-3g fills the freed space without
 * touching a file), and a raw FAT32 apply stopped by SIGINT (clean for fsck.fat).
 */
class KilledNtfsApplyTest {
    private static final String[] TOOLS = {"mkntfs", "ntfs-3g", "ntfsfix", "truncate", "kill"};
    private static final String[] PAUSES = {"data", "metadata", "switch", "backup"};
    private static final int TIMED_KILLS = 17;
    private static final double[] SIGINT_AT = {0.05, 0.25, 0.45, 0.65, 0.85};
    /** A zero pause at the writer's creation marks when the apply proper begins. */
    private static final String START = "start:0";
    private static final String STARTED = "jwim: test pause at start";

    @TempDir
    static Path tmp;
    private static NtfsKillFixture fx;

    @BeforeAll
    static void fixture() throws Exception {
        for (String t : TOOLS) {
            OracleTools.requireTool(t);
        }
        OracleTools.requireRoot();
        fx = NtfsKillFixture.create(tmp);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void everyKillLeavesTheOldVolumeOrTheCompleteNewOne() throws Exception {
        Path orig = fx.oldVolume("old.img", 20);
        Path vol = fx.dir.resolve("vol.img");
        Map<String, String> old = fx.mountedListing(orig);
        Map<String, String> fresh = fx.expectedNew(old);
        Jwim.Result dry = Jwim.ok("apply-disk", fx.wim, orig, "--dry-run");
        assertTrue(dry.out().contains("commit: crash-safe (needs "), dry.toString());

        // a full run, timed: the kill times are spread over it
        // times are counted from the moment the child creates its NTFS writer
        NtfsKillFixture.restore(orig, vol);
        Path log = fx.dir.resolve("child.log");
        Process p = fx.startApply(vol, START, log);
        assertTrue(NtfsKillFixture.awaitLog(p, log, STARTED), Files.readString(log));
        long t0 = System.nanoTime();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, Files.readString(log));
        long full = System.nanoTime() - t0;
        assertEquals(fresh, fx.mountedListing(vol), "a complete apply holds the image and the protected folder");

        int survived = 0;
        int sawOld = 0;
        int sawNew = 0;
        List<String> points = new ArrayList<>();
        for (int i = 0; i < TIMED_KILLS; i++) {
            points.add("t=" + (0.02 + 1.0 * i / (TIMED_KILLS - 1)));
        }
        points.addAll(Arrays.asList(PAUSES));
        for (String point : points) {
            NtfsKillFixture.restore(orig, vol);
            Files.deleteIfExists(log);
            p = fx.startApply(vol, point.startsWith("t=") ? START : point, log);
            if (point.startsWith("t=")) {
                assertTrue(NtfsKillFixture.awaitLog(p, log, STARTED), Files.readString(log));
                sleepUntil(System.nanoTime(), (long) (Double.parseDouble(point.substring(2)) * full));
            } else {
                assertTrue(NtfsKillFixture.awaitLog(p, log, "jwim: test pause at " + point), point + ": "
                        + Files.readString(log));
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            boolean isNew = check(vol, point, old, fresh, point.equals("backup"));
            survived++;
            if (isNew) {
                sawNew++;
            } else {
                sawOld++;
            }
        }
        System.out.printf("SIGKILL: %d of %d points survived (%d old volume, %d new volume), full run %.1f s%n",
                survived, points.size(), sawOld, sawNew, full / 1e9);
        assertTrue(sawOld > 0 && sawNew > 0, "the kill points cover both sides of the switch");

        for (double at : SIGINT_AT) {
            NtfsKillFixture.restore(orig, vol);
            Files.deleteIfExists(log);
            p = fx.startApply(vol, START, log);
            assertTrue(NtfsKillFixture.awaitLog(p, log, STARTED), Files.readString(log));
            sleepUntil(System.nanoTime(), (long) (at * full));
            signal(p, "-INT");
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "SIGINT at " + at + ": the apply did not stop");
            String out = Files.readString(log);
            boolean isNew = check(vol, "SIGINT at " + at, old, fresh, false);
            if (isNew) {
                assertTrue(p.exitValue() == 0 || p.exitValue() == 130, out);
            } else {
                assertEquals(130, p.exitValue(), out);
                assertTrue(out.contains("jwim: interrupted: volume 1 (NTFS) left as before the apply"), out);
            }
        }
    }

    @Test
    void inPlaceKillLeavesAnUnusableVolumeButSigintAConsistentOne() throws Exception {
        // 200 MB of old files: no room for the ~150 MB image beside them, so it is applied in place
        Path orig = fx.oldVolume("full.img", 100);
        Path vol = fx.dir.resolve("inplace.img");
        Map<String, String> old = fx.mountedListing(orig);
        Path log = fx.dir.resolve("inplace.log");
        Jwim.Result dry = Jwim.ok("apply-disk", fx.wim, orig, "--dry-run");
        assertTrue(dry.out().contains("commit: not crash-safe (needs "), dry.toString());
        byte[] before = Files.readAllBytes(orig);
        Jwim.Result refused = Jwim.run("apply-disk", fx.wim, orig, "--require-crash-safe");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("a crash-safe apply is not possible") && refused.err().contains("nothing was changed"),
                refused.toString());
        assertTrue(Arrays.equals(before, Files.readAllBytes(orig)), "--require-crash-safe changed the volume");

        NtfsKillFixture.restore(orig, vol);
        Process p = fx.startApply(vol, "data", log);
        assertTrue(NtfsKillFixture.awaitLog(p, log, "jwim: test pause at data"), Files.readString(log));
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        String out = Files.readString(log);
        assertTrue(out.contains("not crash-safe"), out);
        String fix = OracleTools.runResult(null, "ntfsfix", "-n", vol.toString()).output();
        assertTrue(fx.unmountable(vol) || !fix.contains("processed successfully"),
                "an in-place apply killed after its data overwrote the old volume: " + fix);

        NtfsKillFixture.restore(orig, vol);
        Files.deleteIfExists(log);
        p = fx.startApply(vol, null, log);
        // the warning comes right before the data is written; signalled at once, the signal lands
        // in the data (a fixed delay outlasted the whole 160 MB on an idle machine)
        assertTrue(NtfsKillFixture.awaitLog(p, log, "not crash-safe"), Files.readString(log));
        signal(p, "-TERM");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        out = Files.readString(log);
        assertEquals(143, p.exitValue(), out);
        assertTrue(out.contains("jwim: interrupted: volume 1 (NTFS) holds a partial image 1: re-run apply-disk"), out);
        fix = OracleTools.run(null, "ntfsfix", "-n", vol.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        Map<String, String> now = fx.mountedListing(vol);
        old.forEach((k, v) -> {
            if (k.startsWith("_SMSTaskSequence")) {
                assertEquals(v, now.get(k), k);
            }
        });
    }

    /**
     * A raw FAT32 apply stopped by SIGINT: finished at the next consistent point (files whose
     * data did not arrive are empty), clean for fsck.fat, the protected folder intact.
     */
    @Test
    void fatVolumeIsConsistentAfterSigint() throws Exception {
        Path orig = ApplyFixtures.bareFat(fx.dir.resolve("fat-orig.img"), "32", 256);
        Path ts = Files.createDirectories(fx.dir.resolve("ts/_SMSTaskSequence"));
        byte[] pkg = TestTrees.pattern(1_000_000, 77);
        Files.write(ts.resolve("pkg.cab"), pkg);
        ApplyFixtures.mtools("mcopy", "-s", "-i", orig.toString(), ts.toString(), "::/");
        Path vol = fx.dir.resolve("fat.img");
        Path log = fx.dir.resolve("fat.log");
        NtfsKillFixture.restore(orig, vol);
        Process p = fx.startApply(vol, null, log);
        long t0 = firstWrite(p, vol);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, Files.readString(log));
        long full = System.nanoTime() - t0;
        int interrupted = 0;
        for (double at : new double[] {0.2, 0.5, 0.8}) {
            NtfsKillFixture.restore(orig, vol);
            Files.deleteIfExists(log);
            p = fx.startApply(vol, null, log);
            sleepUntil(firstWrite(p, vol), (long) (at * full));
            signal(p, "-INT");
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            String out = Files.readString(log);
            if (out.contains("jwim: interrupted: volume 1 (FAT32) holds a partial image 1: re-run apply-disk")) {
                assertEquals(130, p.exitValue(), out);
                interrupted++;
            } else {
                // the signal came before the apply began (no output) or after its last stop point
                assertTrue((p.exitValue() == 0 || p.exitValue() == 130) && (out.isEmpty() || out.contains("restored: ")),
                        out);
            }
            ApplyFixtures.fsckClean(vol, 0, Files.size(vol), fx.dir.resolve("fsck.img"));
            Path back = fx.dir.resolve("pkg.cab");
            Files.deleteIfExists(back);
            ApplyFixtures.mtools("mcopy", "-i", vol.toString(), "::/_SMSTaskSequence/pkg.cab", back.toString());
            assertTrue(Arrays.equals(pkg, Files.readAllBytes(back)), "the protected file changed");
        }
        System.out.printf("FAT32 SIGINT: %d of 3 stopped mid-apply, all clean%n", interrupted);
        assertTrue(interrupted > 0, "no SIGINT landed during the apply");
    }

    /** Crash-safe vs in place, alternating in one JVM; prints the medians. */
    @Test
    void crashSafeCostsLittleApplyTime() throws Exception {
        Path orig = fx.oldVolume("cost.img", 20);
        Path vol = fx.dir.resolve("cost-vol.img");
        Map<String, String> fresh = fx.expectedNew(fx.mountedListing(orig));
        int rounds = 7;
        long[][] times = new long[2][rounds];
        try (WimFile w = WimFile.open(fx.wim)) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int mode = (r + k + 1) % 2;             // alternating order; the last run is crash-safe
                    NtfsKillFixture.restore(orig, vol);
                    long t = System.nanoTime();
                    try (FileChannel ch = FileChannel.open(vol, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        NtfsVolumeTarget.open(ch, 0, ch.size(), Protection.defaults(), m -> { })
                                .inPlace(mode == 1).apply(w.readImage(1), w::openBlob,
                                        ApplyOptions.defaults().readOrder(w.readOrder()));
                    }
                    times[mode][r] = System.nanoTime() - t;
                }
            }
        }
        assertEquals(fresh, fx.mountedListing(vol));
        bitmapFreesTheOldVolumeOnly(vol, fresh);
        double safe = median(times[0]);
        double inPlace = median(times[1]);
        System.out.printf("apply time, median of %d: crash-safe %.3f s, in place %.3f s, cost %+.1f%%%n",
                rounds, safe / 1e9, inPlace / 1e9, 100 * (safe / inPlace - 1));
        assertTrue(safe < inPlace * 1.5, "crash-safe mode costs more than half again the apply time");
    }

    /**
     * The new $Bitmap frees the old volume's clusters and keeps every used one: ntfs-3g fills
     * all the rest of the volume without touching a file.
     */
    private static void bitmapFreesTheOldVolumeOnly(Path vol, Map<String, String> fresh) throws Exception {
        long data = 0;
        for (String v : fresh.values()) {
            data += v.equals("dir") ? 0 : Long.parseLong(v.substring(0, v.indexOf(':')));
        }
        long written = 0;
        OracleTools.run(null, "ntfs-3g", vol.toString(), fx.mnt.toString());
        try (java.io.OutputStream out = Files.newOutputStream(fx.mnt.resolve("fill.bin"))) {
            byte[] b = TestTrees.pattern(1 << 20, 99);
            while (true) {
                out.write(b);
                written += b.length;
            }
        } catch (java.io.IOException e) {
            // the volume is full
        } finally {
            OracleTools.run(null, "umount", fx.mnt.toString());
        }
        long slack = 24L << 20;                         // metadata, $LogFile, cluster rounding
        assertTrue(written > NtfsKillFixture.VOLUME - data - slack, "only " + written
                + " bytes fitted beside " + data + " bytes of files: old clusters still marked used");
        String fix = OracleTools.run(null, "ntfsfix", "-n", vol.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        Map<String, String> now = fx.mountedListing(vol);
        now.remove("fill.bin");
        assertEquals(fresh, now, "filling the free space changed a file");
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Checks an interrupted volume: clean for ntfsfix -n, mountable, holding the old listing or
     * the new one. {@code backupLags}: killed between the two boot sector writes, where the
     * backup still names the old $MFT (ntfsfix -n reports only that; ntfsfix repairs it).
     *
     * @return true for the new content
     */
    private static boolean check(Path vol, String point, Map<String, String> old, Map<String, String> fresh,
            boolean backupLags) throws Exception {
        OracleTools.Result fix = OracleTools.runResult(null, "ntfsfix", "-n", vol.toString());
        if (backupLags && !fix.output().contains("processed successfully")) {
            assertTrue(fix.output().contains("$MFTMirr completed successfully")
                    && fix.output().contains("alternate boot sector... BAD"), point + ": " + fix.output());
            OracleTools.run(null, "ntfsfix", vol.toString());
            fix = OracleTools.runResult(null, "ntfsfix", "-n", vol.toString());
        }
        assertTrue(fix.exit() == 0 && fix.output().contains("processed successfully"), point + ": " + fix.output());
        Map<String, String> now = fx.mountedListing(vol);
        if (now.equals(fresh)) {
            return true;
        }
        assertEquals(old, now, point + ": neither the old volume nor the new one: "
                + NtfsKillFixture.diff(fresh, now));
        return false;
    }

    /** Sends a signal unless the process has ended already. */
    private static void signal(Process p, String sig) throws Exception {
        OracleTools.Result r = OracleTools.runResult(null, "kill", sig, Long.toString(p.pid()));
        assertTrue(r.exit() == 0 || !p.isAlive(), r.output());
    }

    /** Waits until {@code vol} is first written (its time of last modification moves); returns then. */
    private static long firstWrite(Process p, Path vol) throws Exception {
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(vol);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.getLastModifiedTime(vol).equals(before) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return System.nanoTime();
    }

    /** Sleeps until {@code offsetNanos} after {@code startNanos} ({@link System#nanoTime}). */
    private static void sleepUntil(long startNanos, long offsetNanos) throws InterruptedException {
        long wait = startNanos + offsetNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
