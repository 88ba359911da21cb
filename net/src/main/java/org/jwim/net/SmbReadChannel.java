package org.jwim.net;

import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A file on an SMB share read by ranges ({@link RangeChannel}: announced resources fetched
 * ahead, several at once). A lost connection (server restart) is retried with backoff: the
 * backend logs on again, the file is opened again and the read resumes at its last byte, with
 * one warning line per retry.
 */
final class SmbReadChannel extends RangeChannel {
    private static final int MAX_RETRIES = 10;
    private static final long MAX_DELAY_MS = 5_000;
    private final SmbBackend backend;
    private final RemotePath path;
    private volatile File file;

    SmbReadChannel(SmbBackend backend, RemotePath path, File file) {
        super(path.toString(), file.getFileInformation().getStandardInformation().getEndOfFile());
        this.backend = backend;
        this.path = path;
        this.file = file;
    }

    @Override
    protected void fetch(long pos, byte[] dst, int off, int len) throws IOException {
        int got = 0;
        long delay = 100;
        for (int attempt = 0; got < len;) {
            try {
                int n = file.read(dst, pos + got, off + got, len - got);
                if (n <= 0) {
                    throw new NetException(path + ": the file ends at byte " + (pos + got) + ", before its size "
                            + size() + " (changed on the share while read?)");
                }
                got += n;
            } catch (SMBApiException e) {
                throw SmbBackend.failure(path, e);
            } catch (SMBRuntimeException e) {
                if (++attempt > MAX_RETRIES) {
                    throw new NetException(path + ": connection lost (" + e.getMessage() + "); gave up after "
                            + MAX_RETRIES + " retries", e);
                }
                NetPaths.config().warnings().accept(path + ": connection lost at byte " + (pos + got)
                        + "; resuming in " + delay + " ms");
                sleep(delay);
                delay = Math.min(MAX_DELAY_MS, delay * 2);
                reopen();
            }
        }
    }

    private synchronized void reopen() {
        backend.reconnect();
        try {
            file = backend.open(path, false, false, false);
        } catch (IOException | SMBRuntimeException e) {
            // the server is not back yet: the next attempt fails the same way and retries
        }
    }

    private void sleep(long ms) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + path);
        }
    }

    @Override
    protected void release() {
        try {
            file.close();
        } catch (SMBRuntimeException e) {
            // the connection is gone; the server closes the handle
        }
    }
}
