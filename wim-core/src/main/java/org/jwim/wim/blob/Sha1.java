package org.jwim.wim.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-1 digest as a value type; {@link #ZERO} stands for "empty stream, no blob". */
public final class Sha1 implements Comparable<Sha1> {
    public static final int LENGTH = 20;
    public static final Sha1 ZERO = new Sha1(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hash;

    private Sha1(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies 20 bytes from {@code b[off]}. */
    public static Sha1 of(byte[] b, int off) {
        return new Sha1(Arrays.copyOfRange(b, off, off + LENGTH));
    }

    public static Sha1 of(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("SHA-1 needs 20 bytes, got " + digest.length);
        }
        return of(digest, 0);
    }

    public static Sha1 parse(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** The digest of {@code data}. */
    public static Sha1 digest(byte[] data) {
        return of(newDigest().digest(data));
    }

    /** A fresh SHA-1 {@link MessageDigest}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    public boolean isZero() {
        return this.equals(ZERO);
    }

    public void copyTo(byte[] b, int off) {
        System.arraycopy(bytes, 0, b, off, LENGTH);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha1 s && hash == s.hash && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Sha1 o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
