package org.jwim.wim.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * Passes a blob's bytes through and checks size and SHA-1 when the end is reached; a mismatch
 * throws {@link WimFormatException} from the read that hits the end.
 */
public final class VerifyingInputStream extends FilterInputStream {
    /** Cloned per blob: cheaper than looking SHA-1 up among the providers each time. */
    private static final MessageDigest PROTOTYPE = Sha1.newDigest();
    private final MessageDigest digest = newDigest();
    private final Sha1 expected;
    private final long size;
    private final long fileOffset;
    private long seen;
    private boolean checked;

    public VerifyingInputStream(InputStream in, Sha1 expected, long size, long fileOffset) {
        super(in);
        this.expected = expected;
        this.size = size;
        this.fileOffset = fileOffset;
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return Sha1.newDigest();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            seen += n;
            if (seen > size) {
                throw new WimFormatException(fileOffset, "blob " + expected + " has more than its "
                        + size + " bytes");
            }
        } else if (n < 0) {
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws WimFormatException {
        if (checked) {
            return;
        }
        checked = true;
        if (seen != size) {
            throw new WimFormatException(fileOffset, "blob " + expected + " ended after " + seen
                    + " of " + size + " bytes");
        }
        Sha1 actual = Sha1.of(digest.digest());
        if (!actual.equals(expected)) {
            throw new WimFormatException(fileOffset, "blob data has SHA-1 " + actual
                    + ", expected " + expected);
        }
    }
}
