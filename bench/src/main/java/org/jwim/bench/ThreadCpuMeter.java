package org.jwim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread role while a piece of work runs, so the serial part of the capture
 * pipeline (caller, reader) can be told apart from the compressors. The pipeline's threads end
 * with it, so a daemon thread samples every live thread's CPU time every few milliseconds and
 * keeps each thread's last value: a thread's CPU after its last sample (at most one period) is
 * not counted. Roles are thread names without trailing numbers ("jwim-compress-3-1" counts as
 * "jwim-compress"); JVM-internal threads (JIT, GC) are not Java threads and are only in the
 * process total.
 */
final class ThreadCpuMeter implements AutoCloseable {
    private static final long PERIOD_MS = 2;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> start = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final long processStart;
    private final Thread sampler;
    private final String caller = Thread.currentThread().getName();
    private final long callerId = Thread.currentThread().getId();
    private long callerMark = -1;
    private volatile boolean running = true;

    ThreadCpuMeter() {
        threads.setThreadCpuTimeEnabled(true);
        processStart = processCpu();
        sample(true);
        sampler = new Thread(this::run, "cpu-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running) {
            sample(false);
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample(boolean baseline) {
        long[] ids = threads.getAllThreadIds();
        for (long id : ids) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            if (!names.containsKey(id)) {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                names.put(id, info.getThreadName());
                // a thread born after the baseline counts from zero
                start.put(id, baseline ? cpu : 0L);
            }
            last.put(id, cpu);
        }
    }

    /**
     * Splits the caller's CPU here: before it counts as "caller-scan", after it as
     * "caller-write". Call on the thread that made the meter.
     */
    synchronized void mark() {
        callerMark = threads.getCurrentThreadCpuTime();
    }

    /**
     * Stops sampling; returns CPU nanoseconds per role, plus "process" for the whole JVM and
     * "busiest-thread", the most any one thread used: on enough cores, the bound of the wall time.
     */
    synchronized Map<String, Long> stop() {
        running = false;
        sampler.interrupt();
        sample(false);
        Map<String, Long> byRole = new TreeMap<>();
        long busiest = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            long used = e.getValue() - start.get(e.getKey());
            String name = names.get(e.getKey());
            if (!name.equals("cpu-meter")) {
                busiest = Math.max(busiest, used);
            }
            // under a millisecond is bookkeeping threads (reference handler, cleaners)
            if (e.getKey() == callerId && callerMark >= 0) {
                byRole.put("caller-scan", callerMark - start.get(callerId));
                byRole.put("caller-write", e.getValue() - callerMark);
            } else if (used >= 1_000_000 && !name.equals("cpu-meter")) {
                String role = name.equals(caller) ? "caller" : name.replaceAll("(-\\d+)+$", "");
                byRole.merge(role, used, Long::sum);
            }
        }
        byRole.put("process", processCpu() - processStart);
        byRole.put("busiest-thread", busiest);
        return byRole;
    }

    /** One line: CPU seconds per GiB of {@code bytes} for each role. */
    static String perGiB(Map<String, Long> byRole, long bytes) {
        StringBuilder sb = new StringBuilder("CPU s/GiB:");
        double gib = bytes / (double) (1L << 30);
        byRole.forEach((role, ns) -> sb.append(String.format(" %s=%.3f", role, ns / 1e9 / gib)));
        return sb.toString();
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
