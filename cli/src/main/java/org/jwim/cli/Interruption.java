package org.jwim.cli;

import java.util.concurrent.CountDownLatch;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;

/**
 * Turns SIGINT/SIGTERM into a cooperative cancellation while a job runs (a raw or directory
 * apply, a capture, append or capture-disk, whose writer then deletes its temporary file): the JVM's
 * shutdown hook asks the job to stop ({@link #cancelled()}) and then waits until the job has
 * reached a consistent point and {@link #close closed} this; the JVM then exits 130 (SIGINT)
 * or 143 (SIGTERM). SIGKILL cannot be caught: the crash-safe commit covers it.
 */
final class Interruption implements ProgressListener, AutoCloseable {
    private final ProgressListener delegate;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(ProgressListener delegate) {
        this.delegate = delegate;
        this.hook = new Thread(() -> {
            requested = true;
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jwim-interrupt");
    }

    /**
     * Starts watching for SIGINT/SIGTERM; events go on to {@code delegate}. When the JVM is
     * already exiting the job is cancelled from the start.
     */
    static Interruption watch(ProgressListener delegate) {
        Interruption i = new Interruption(delegate);
        try {
            Runtime.getRuntime().addShutdownHook(i.hook);
        } catch (IllegalStateException e) {
            i.requested = true;                         // a signal came before the job started
        }
        return i;
    }

    @Override
    public void onEvent(ProgressEvent event) {
        delegate.onEvent(event);
    }

    @Override
    public boolean cancelled() {
        return requested || delegate.cancelled();
    }

    /**
     * True once a signal asked the job to stop: its CancelledException is the signal's doing,
     * and the command prints one "jwim: interrupted: ..." line before it closes this.
     */
    boolean requested() {
        return requested;
    }

    /** The job is at a consistent end (finished, failed or stopped): a pending exit may proceed. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting (a signal arrived): the hook returns now that done is counted down
        }
    }
}
