package org.jwim.net;

import java.security.GeneralSecurityException;
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
 */
final class AesCmac implements com.hierynomus.security.Mac {
    private static final int BLOCK = 16;
    /** Bytes enciphered per call; the ciphertext is only needed for its last block. */
    private static final int SLICE = 64 << 10;

    private Cipher cbc;
    private SecretKeySpec key;
    private byte[] k1;
    private byte[] k2;
    private final byte[] pending = new byte[BLOCK];
    private int pendingLength;
    private final byte[] state = new byte[BLOCK];
    /** Grows up to {@value #SLICE} bytes: smbj makes one Mac per packet, most packets are small. */
    private byte[] scratch = new byte[BLOCK];

    @Override
    public void init(byte[] keyBytes) throws com.hierynomus.security.SecurityException {
        try {
            key = new SecretKeySpec(keyBytes, "AES");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, key);
            k1 = doubled(ecb.doFinal(new byte[BLOCK]));
            k2 = doubled(k1);
            cbc = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new com.hierynomus.security.SecurityException(e);
        }
        reset();
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
        update(new byte[] {b}, 0, 1);
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
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        try {
            int out = cbc.update(b, off, n, scratch, 0);
            System.arraycopy(scratch, out - BLOCK, state, 0, BLOCK);
        } catch (GeneralSecurityException e) {
            throw new Failure(e);
        }
    }

    @Override
    public byte[] doFinal() {
        byte[] last = new byte[BLOCK];
        System.arraycopy(pending, 0, last, 0, pendingLength);
        byte[] mask = k1;
        if (pendingLength < BLOCK) {
            last[pendingLength] = (byte) 0x80;
            mask = k2;
        }
        for (int i = 0; i < BLOCK; i++) {
            last[i] ^= mask[i];
        }
        encipher(last, 0, BLOCK);
        byte[] mac = state.clone();
        reset();
        return mac;
    }

    @Override
    public void reset() {
        try {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
        } catch (GeneralSecurityException e) {
            throw new Failure(e);
        }
        pendingLength = 0;
        java.util.Arrays.fill(state, (byte) 0);
    }
}
