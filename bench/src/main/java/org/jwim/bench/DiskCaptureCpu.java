package org.jwim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jwim.capture.Capture;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;

/**
 * capture-disk's CPU per thread role ({@link ThreadCpuMeter}) with the volumes one by one and
 * all at once, taking turns in each round, so that what reading volumes concurrently moves
 * between threads shows even on a machine with too few cores for it to shorten the wall time:
 * the busiest thread's CPU is what bounds the wall time on enough cores. Round 0 warms up.
 * {@code java -cp bench/target/benchmarks.jar org.jwim.bench.DiskCaptureCpu DISK COMPRESSION THREADS ROUNDS}
 */
public final class DiskCaptureCpu {
    private DiskCaptureCpu() {
    }

    public static void main(String[] args) throws IOException {
        Path disk = Path.of(args[0]);
        CompressionType type = CompressionType.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path work = Files.createTempDirectory("jwim-disk-cpu");
        try {
            for (int round = 0; round <= rounds; round++) {
                for (int atOnce : new int[] {1, 2}) {
                    Path out = work.resolve("out.wim");
                    Files.deleteIfExists(out);
                    long t0 = System.nanoTime();
                    Map<String, Long> cpu;
                    try (ThreadCpuMeter meter = new ThreadCpuMeter()) {
                        Capture.disk(disk).to(out).compression(type).threads(threads).volumesAtOnce(atOnce).run();
                        cpu = meter.stop();
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    long bytes = 0;
                    try (WimFile wim = WimFile.open(out)) {
                        for (ImageSummary s : wim.images()) {
                            bytes += s.totalBytes();
                        }
                    }
                    System.out.printf("round %d at-once %d wall %.2f s %s%n", round, atOnce, wall,
                            ThreadCpuMeter.perGiB(cpu, bytes));
                }
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
    }
}
