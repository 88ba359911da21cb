package org.jwim.capture.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void arraysComeInPowerOfTwoSizesAndAreReused() {
        BufferPool pool = new BufferPool(1 << 20);
        byte[] a = pool.take(5000);
        assertEquals(8192, a.length);
        assertEquals(4096, pool.take(1).length);
        assertEquals(4096, pool.take(4096).length);
        pool.give(a);
        assertSame(a, pool.take(4097));
        assertNotSame(a, pool.take(8192), "an array is handed out once");
    }

    @Test
    void hugeRequestsAndForeignArraysAreNotPooled() {
        BufferPool pool = new BufferPool(1 << 30);
        byte[] huge = pool.take((2 << 20) + 1);
        assertEquals((2 << 20) + 1, huge.length);
        pool.give(huge);
        assertNotSame(huge, pool.take(2 << 20), "an array of no pooled size is not kept");
        byte[] odd = new byte[10_000];
        pool.give(odd);
        assertNotSame(odd, pool.take(8192), "an array of no pooled size is not kept");
        assertNotSame(odd, pool.take(16384), "an array of no pooled size is not kept");
    }

    @Test
    void atMostTheCapIsKept() {
        BufferPool pool = new BufferPool(8192);
        byte[] a = pool.take(8192);
        byte[] b = pool.take(8192);
        pool.give(a);
        pool.give(b); // over the cap: dropped
        assertSame(a, pool.take(8192));
        assertNotSame(b, pool.take(8192));
    }
}
