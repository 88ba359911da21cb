package org.jwim.fat.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one little-endian accessor of fat32-reader. Unsigned reads return the value in a wider
 * type (u16 and u32 never sign-extend); callers check bounds before calling.
 */
public final class LE {
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

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

    public static void put16(byte[] b, int off, int v) {
        SHORT.set(b, off, (short) v);
    }

    public static void put32(byte[] b, int off, long v) {
        INT.set(b, off, (int) v);
    }
}
