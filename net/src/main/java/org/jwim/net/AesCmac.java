package org.jwim.net;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jwim.net.SmbSecurity.Failure;

/**
 * AES-CMAC (RFC 4493), the signature of every SMB 3 packet, on the JDK's AES, which uses the
 * processor's AES instructions: smbj's default (Bouncy Castle's AES in plain Java) spent more
 * CPU on signatures than the rest of an apply from a share. The message runs through AES-CBC
 * with a zero IV; the last block, kept back until {@link #doFinal}, is masked with subkey K1
 * (whole) or K2 (padded) first. Not thread-safe, like every smbj {@code Mac}.
 *
 * <p>smbj makes a new Mac for every packet it signs or checks, always with the session's key,
 * so the keyed cipher and the subkeys ({@link Keyed}) are kept per thread for the last key: a
 * Mac takes its thread's one for its own while it works and gives it back at {@link #doFinal}.
 */
final class AesCmac implements com.hierynomus.security.Mac {
    private static final int BLOCK = 16;
    /**
     * Bytes enciphered per call; the ciphertext is only needed for its last block. Small, so
     * that calls are many: the JDK enciphers CBC with its AES-NI intrinsic only in C2-compiled
     * code of {@code CipherBlockChaining.encrypt}'s callers, and C2 compiles that call after
     * some 5000 calls. With 64 KiB per call a 56 MB transfer made 900 and ran block by block
     * throughout, at half the speed (18 ms of CPU per 8 MiB against 6.6 ms; 1 KiB calls cost
     * no more once compiled).
     */
    static final int SLICE = 1 << 10;
    /** Calls of the cipher {@link #warmUp} makes: more than C2's threshold, under load too. */
    static final int WARM_UP_CALLS = 20_000;
    private static final AtomicBoolean WARMING = new AtomicBoolean();
    private static final ThreadLocal<Keyed> LAST = new ThreadLocal<>();

    /** What one key costs to set up: a CBC cipher on it with a zero IV, K1, K2, a buffer. */
    private static final class Keyed {
        final byte[] keyBytes;
        final SecretKeySpec key;
        final Cipher cbc;
        final byte[] k1;
        final byte[] k2;
        /** Ciphertext of a slice: grows up to {@value #SLICE} bytes. */
        byte[] scratch = new byte[BLOCK];

        /** {@code keyBytes} is the Mac's own copy, never changed. */
        Keyed(byte[] keyBytes) throws GeneralSecurityException {
            this.keyBytes = keyBytes;
            key = new SecretKeySpec(keyBytes, "AES");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, key);
            k1 = doubled(ecb.doFinal(new byte[BLOCK]));
            k2 = doubled(k1);
            cbc = Cipher.getInstance("AES/CBC/NoPadding");
            restart();
        }

        /** Back to a zero chaining value; {@code doFinal} does this by itself. */
        void restart() throws GeneralSecurityException {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
        }
    }

    /**
     * Starts, once per JVM, a thread that calls the JDK's AES-CBC {@value #WARM_UP_CALLS} times
     * on one block, so that C2 compiles it with its intrinsic while the logon waits for the
     * server (the first signed packets follow the logon); else the first megabytes of a
     * transfer are signed or checked block by block.
     *
     * @return the thread it started, or null when an earlier call started it
     */
    static Thread warmUp() {
        if (!WARMING.compareAndSet(false, true)) {
            return null;
        }
        Thread t = new Thread(() -> {
            try {
                Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
                cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[BLOCK], "AES"),
                        new IvParameterSpec(new byte[BLOCK]));
                byte[] block = new byte[BLOCK];
                for (int i = 0; i < WARM_UP_CALLS; i++) {
                    cbc.update(block, 0, BLOCK, block, 0);
                }
            } catch (GeneralSecurityException e) {
                // the first real signature reports a broken installation
            }
        }, "jwim-aes-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private byte[] keyBytes;
    /** This Mac's own keyed cipher, or null when given back (after doFinal). */
    private Keyed keyed;
    /** Whether the cipher has enciphered part of an unfinished message. */
    private boolean started;
    private final byte[] pending = new byte[BLOCK];
    private int pendingLength;

    @Override
    public void init(byte[] key) throws com.hierynomus.security.SecurityException {
        keyBytes = key.clone();
        keyed = null;
        try {
            take();
        } catch (GeneralSecurityException e) {
            throw new com.hierynomus.security.SecurityException(e);
        }
        started = false;
        pendingLength = 0;
    }

    /** Takes the thread's keyed cipher if it has this key, else makes one. */
    private void take() throws GeneralSecurityException {
        Keyed last = LAST.get();
        if (last != null && Arrays.equals(last.keyBytes, keyBytes)) {
            LAST.set(null); // this Mac's alone until doFinal: another Mac would make its own
            keyed = last;
        } else {
            keyed = new Keyed(keyBytes);
        }
    }

    private Keyed keyed() {
        if (keyed == null) {
            try {
                take();
            } catch (GeneralSecurityException e) {
                throw new Failure(e);
            }
        }
        return keyed;
    }

    /** Multiplication by x in GF(2^128), as RFC 4493 derives the subkeys. */
    private static byte[] doubled(byte[] b) {
        byte[] d = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            d[i] = (byte) ((b[i] << 1) | (i + 1 < BLOCK ? (b[i + 1] & 0xff) >>> 7 : 0));
        }
        if (b[0] < 0) {
            d[BLOCK - 1] ^= (byte) 0x87;
        }
        return d;
    }

    @Override
    public void update(byte b) {
        if (pendingLength == BLOCK) {
            encipher(pending, 0, BLOCK);
            pendingLength = 0;
        }
        pending[pendingLength++] = b;
    }

    @Override
    public void update(byte[] b) {
        update(b, 0, b.length);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        while (len > 0) {
            if (pendingLength == BLOCK) { // more follows, so the held block is not the last
                encipher(pending, 0, BLOCK);
                pendingLength = 0;
            }
            if (pendingLength == 0 && len > BLOCK) {
                int n = Math.min(SLICE, (len - 1) / BLOCK * BLOCK); // keeps 1..16 bytes back
                encipher(b, off, n);
                off += n;
                len -= n;
                continue;
            }
            int n = Math.min(BLOCK - pendingLength, len);
            System.arraycopy(b, off, pending, pendingLength, n);
            pendingLength += n;
            off += n;
            len -= n;
        }
    }

    private void encipher(byte[] b, int off, int n) {
        Keyed k = keyed();
        if (k.scratch.length < n) {
            k.scratch = new byte[n];
        }
        try {
            k.cbc.update(b, off, n, k.scratch, 0);
        } catch (GeneralSecurityException e) {
            throw new Failure(e);
        }
        started = true;
    }

    @Override
    public byte[] doFinal() {
        Keyed k = keyed();
        byte[] mask = k.k1;
        if (pendingLength < BLOCK) {
            Arrays.fill(pending, pendingLength, BLOCK, (byte) 0);
            pending[pendingLength] = (byte) 0x80;
            mask = k.k2;
        }
        for (int i = 0; i < BLOCK; i++) {
            pending[i] ^= mask[i];
        }
        byte[] mac = new byte[BLOCK];
        try {
            k.cbc.doFinal(pending, 0, BLOCK, mac, 0); // and back to the zero IV
        } catch (GeneralSecurityException e) {
            throw new Failure(e);
        }
        started = false;
        pendingLength = 0;
        keyed = null;
        LAST.set(k);
        return mac;
    }

    @Override
    public void reset() {
        if (started) {
            try {
                keyed().restart();
            } catch (GeneralSecurityException e) {
                throw new Failure(e);
            }
            started = false;
        }
        pendingLength = 0;
    }
}
