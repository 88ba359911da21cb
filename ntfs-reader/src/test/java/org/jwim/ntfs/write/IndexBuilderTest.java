package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.ntfs.format.Fixup;
import org.junit.jupiter.api.Test;

/** B-tree shape of built indexes: every entry once, in order, blocks well-formed. */
class IndexBuilderTest {
    private static List<byte[]> entries(int n, int keyLen) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[keyLen];
            LE.put32(key, 0, i);
            out.add(IndexBuilder.viewEntry(key, new byte[0]));
        }
        return out;
    }

    @Test
    void smallIndexStaysInTheRoot() {
        IndexBuilder.Result r = new IndexBuilder(4096, 4096, 0, 0x10).build(entries(5, 4), 600);
        assertTrue(r.blocks().isEmpty());
        assertNull(r.bitmap());
        List<Integer> keys = new ArrayList<>();
        walk(r, r.rootValue(), 0x10, keys, 1);
        assertEquals(List.of(0, 1, 2, 3, 4), keys);
    }

    @Test
    void largeIndexBuildsSeveralLevelsInOrder() {
        for (int n : new int[] {50, 51, 52, 400, 5000}) {
            for (int[] geo : new int[][] {{4096, 4096}, {4096, 65536}, {4096, 512}}) {
                IndexBuilder.Result r = new IndexBuilder(geo[0], geo[1], 0, 0x10).build(entries(n, 60), 0x60);
                List<Integer> keys = new ArrayList<>();
                walk(r, r.rootValue(), 0x10, keys, geo[0] >= geo[1] ? geo[0] / geo[1] : geo[0] / 512);
                List<Integer> want = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    want.add(i);
                }
                assertEquals(want, keys, n + " entries, clusters of " + geo[1]);
                assertTrue(r.blocks().size() >= (n > 60 ? 2 : 1));
                for (int i = 0; i < r.blocks().size(); i++) {
                    assertTrue((r.bitmap()[i >>> 3] & (1 << (i & 7))) != 0);
                }
            }
        }
    }

    /** In-order walk of the node whose header is at {@code hdr} of {@code b}. */
    private static void walk(IndexBuilder.Result r, byte[] b, int hdr, List<Integer> keys, int vcnPerBlock) {
        int p = hdr + (int) LE.u32(b, hdr);
        int end = hdr + (int) LE.u32(b, hdr + 4);
        while (p < end) {
            int len = LE.u16(b, p + 8);
            int flags = LE.u16(b, p + 0x0C);
            if ((flags & IndexBuilder.ENTRY_HAS_CHILD) != 0) {
                long vcn = LE.u64(b, p + len - 8);
                byte[] block = r.blocks().get((int) (vcn / vcnPerBlock)).clone();
                assertNull(Fixup.apply(block, 0, block.length));
                assertEquals(0x58444E49, LE.i32(block, 0));
                assertEquals(vcn, LE.u64(block, 0x10));
                walk(r, block, 0x18, keys, vcnPerBlock);
            }
            if ((flags & IndexBuilder.ENTRY_LAST) != 0) {
                return;
            }
            keys.add(LE.i32(b, p + 0x10));
            p += len;
        }
        throw new AssertionError("node without end entry");
    }
}
