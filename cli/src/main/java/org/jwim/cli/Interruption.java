package org.jwim.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT or SIGTERM while a command writes: the JVM runs its shutdown hooks and then exits with
 * 128 + the signal's number (130, 143). The hook registered here cancels the job through its
 * progress listener, waits for the job to reach a consistent point and delete its temporary
 * files (the library does that when it stops), and prints one line "interrupted: ...".
 * Register it around one job with {@link #watch}; {@link #close} removes it.
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for the job to clean up before the JVM exits anyway. */
    private static final long GRACE_SECONDS = 10;
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile String outcome;

    private Interruption(ProgressPrinter job, PrintWriter err, String stopped, String unfinished) {
        this.outcome = stopped;
        this.hook = new Thread(() -> {
            STOPPING.set(true);
            job.cancel();
            boolean finished;
            try {
                finished = done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                finished = false;
            }
            job.finish();
            err.println("interrupted: " + (finished ? outcome : unfinished));
            err.flush();
        }, "jwim-interruption");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Watches one job: {@code stopped} is printed if it stops on the signal (or had not got
     * far), {@code unfinished} if it is still running when the grace period ends.
     */
    static Interruption watch(ProgressPrinter job, PrintWriter err, String stopped, String unfinished) {
        return new Interruption(job, err, stopped, unfinished);
    }

    /** The job completed after all: what the line says instead. */
    void completed(String message) {
        outcome = message;
    }

    /** True once a signal has started the shutdown: the job's failure is the signal's doing. */
    static boolean stopping() {
        return STOPPING.get();
    }

    /** The job returned or failed: lets the hook print, or unregisters it if no signal came. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (or ran): it prints the line
        }
    }
}
