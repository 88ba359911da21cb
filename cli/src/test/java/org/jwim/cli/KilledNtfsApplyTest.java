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
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.testing.OracleTools;
import org.jwim.wim.WimFile;

/**
 * Interrupting a raw NTFS apply-disk (issue 18). Crash-safe mode: SIGKILL at 21 points (time
 * points spread over a measured run, and pauses at each step of the commit) and SIGINT at 5;
 * after each the volume is clean for {@code ntfsfix -n}, mounts with ntfs-3g and holds either
 * the old content or the complete new image, the protected folder byte-identical. In place
 * (the old volume too full for crash-safe mode): SIGKILL mid-apply leaves the volume unusable,
 * which is what every raw apply did before; SIGINT still leaves it consistent.
 */
class KilledNtfsApplyTest {
    private static final String[] TOOLS = {"mkntfs", "ntfs-3g", "ntfsfix", "truncate", "kill"};
    private static final String[] PAUSES = {"data", "metadata", "switch", "backup"};
    private static final int TIMED_KILLS = 17;
    private static final double[] SIGINT_AT = {0.15, 0.35, 0.55, 0.75, 0.92};

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

        // a full run, timed: the kill times are spread over it
        NtfsKillFixture.restore(orig, vol);
        Path log = fx.dir.resolve("child.log");
        long t0 = System.nanoTime();
        Process p = fx.startApply(vol, null, log);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, Files.readString(log));
        long full = System.nanoTime() - t0;
        assertEquals(fresh, fx.mountedListing(vol), "a complete apply holds the image and the protected folder");

        int survived = 0;
        int sawOld = 0;
        int sawNew = 0;
        List<String> points = new ArrayList<>();
        for (int i = 0; i < TIMED_KILLS; i++) {
            points.add("t=" + (0.05 + 0.95 * i / (TIMED_KILLS - 1)));
        }
        points.addAll(Arrays.asList(PAUSES));
        for (String point : points) {
            NtfsKillFixture.restore(orig, vol);
            Files.deleteIfExists(log);
            long start = System.nanoTime();
            p = fx.startApply(vol, point.startsWith("t=") ? null : point, log);
            if (point.startsWith("t=")) {
                sleepUntil(start, (long) (Double.parseDouble(point.substring(2)) * full));
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
            long start = System.nanoTime();
            p = fx.startApply(vol, null, log);
            sleepUntil(start, (long) (at * full));
            OracleTools.run(null, "kill", "-INT", Long.toString(p.pid()));
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
        assertTrue(NtfsKillFixture.awaitLog(p, log, "not crash-safe"), Files.readString(log));
        Thread.sleep(700);                              // into the data
        OracleTools.run(null, "kill", "-TERM", Long.toString(p.pid()));
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

    /** Crash-safe vs in place, alternating in one JVM; prints the medians. */
    @Test
    void crashSafeCostsLittleApplyTime() throws Exception {
        Path orig = fx.oldVolume("cost.img", 20);
        Path vol = fx.dir.resolve("cost-vol.img");
        Map<String, String> fresh = fx.expectedNew(fx.mountedListing(orig));
        int rounds = 5;
        long[][] times = new long[2][rounds];
        try (WimFile w = WimFile.open(fx.wim)) {
            for (int r = 0; r < rounds; r++) {
                for (int mode = 0; mode < 2; mode++) {
                    NtfsKillFixture.restore(orig, vol);
                    long t = System.nanoTime();
                    try (FileChannel ch = FileChannel.open(vol, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        NtfsVolumeTarget.open(ch, 0, ch.size(), Protection.defaults(), m -> { })
                                .inPlace(mode == 1).readOrder(w.readOrder()).apply(w.readImage(1), w::openBlob);
                    }
                    times[mode][r] = System.nanoTime() - t;
                }
            }
        }
        assertEquals(fresh, fx.mountedListing(vol));
        double safe = median(times[0]);
        double inPlace = median(times[1]);
        System.out.printf("apply time, median of %d: crash-safe %.3f s, in place %.3f s, cost %+.1f%%%n",
                rounds, safe / 1e9, inPlace / 1e9, 100 * (safe / inPlace - 1));
        assertTrue(safe < inPlace * 1.5, "crash-safe mode costs more than half again the apply time");
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

    /** Sleeps until {@code offsetNanos} after {@code startNanos} ({@link System#nanoTime}). */
    private static void sleepUntil(long startNanos, long offsetNanos) throws InterruptedException {
        long wait = startNanos + offsetNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
