package org.jwim.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one little-endian accessor of jwim (WIM, NTFS and FAT structures). Unsigned reads return the value in a wider type
 * (u16 and u32 never sign-extend); callers check bounds before calling.
 */
public final class LE {
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LE() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xFFFF;
    }

    public static long u32(byte[] b, int off) {
        return (int) INT.get(b, off) & 0xFFFF_FFFFL;
    }

    /** A u32 field whose value is used as a bit pattern (flags, tags): no widening. */
    public static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    /** A u64 field; callers that use it as a size or offset must check it is not negative. */
    public static long u64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    public static void put16(byte[] b, int off, int v) {
        SHORT.set(b, off, (short) v);
    }

    public static void put32(byte[] b, int off, long v) {
        INT.set(b, off, (int) v);
    }

    public static void put64(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }
}
