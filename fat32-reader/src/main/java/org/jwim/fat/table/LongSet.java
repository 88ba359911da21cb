package org.jwim.fat.table;

import java.util.Arrays;

/** A compact open-addressing set of longs (8 bytes per slot, no boxing). Not thread-safe. */
public final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] slots = new long[16];
    private int size;
    private boolean hasEmptyKey;

    public LongSet() {
        Arrays.fill(slots, EMPTY);
    }

    public boolean contains(long v) {
        if (v == EMPTY) {
            return hasEmptyKey;
        }
        int mask = slots.length - 1;
        for (int i = hash(v) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == v) {
                return true;
            }
            if (slots[i] == EMPTY) {
                return false;
            }
        }
    }

    /** Adds {@code v}; returns false when it was present. */
    public boolean add(long v) {
        if (v == EMPTY) {
            boolean had = hasEmptyKey;
            hasEmptyKey = true;
            return !had;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = hash(v) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == v) {
                return false;
            }
            if (slots[i] == EMPTY) {
                slots[i] = v;
                size++;
                return true;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                add(v);
            }
        }
    }

    private static int hash(long v) {
        long h = v * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }
}
