package org.jwim.ntfs;

import java.util.HashMap;
import java.util.Map;
import org.jwim.common.LE;

/**
 * Security descriptors of $Secure:$SDS by security id. Filled once while the volume is opened,
 * read-only afterwards.
 */
final class SecurityTable {
    static final int BLOCK = 256 * 1024;      // $SDS is written in 256 KiB blocks, each mirrored
    private static final int ENTRY_HEADER = 20; // hash u32, id u32, offset u64, length u32
    private final Map<Integer, byte[]> byId = new HashMap<>();

    byte[] get(int securityId) {
        return securityId == 0 ? null : byId.get(securityId);
    }

    int size() {
        return byId.size();
    }

    /**
     * Adds the entries of the $SDS bytes. Entries are 16-byte aligned inside 256 KiB blocks;
     * odd blocks mirror the even ones and are skipped. An entry is accepted only if its stored
     * offset equals its position; anything else ends the scan of that block.
     */
    void parseSds(byte[] sds, int length) {
        long pos = 0;
        while (pos + ENTRY_HEADER <= length) {
            int p = (int) pos;
            long entryOffset = LE.u64(sds, p + 8);
            long entryLength = LE.u32(sds, p + 16);
            long blockEnd = (pos / BLOCK + 1) * BLOCK;
            if (entryOffset != pos || entryLength < ENTRY_HEADER + 20 || pos + entryLength > length
                    || pos + entryLength > blockEnd) {
                pos = blockEnd + BLOCK;    // next primary block, past the mirror
                continue;
            }
            int id = LE.i32(sds, p + 4);
            byte[] sd = new byte[(int) entryLength - ENTRY_HEADER];
            System.arraycopy(sds, p + ENTRY_HEADER, sd, 0, sd.length);
            byId.putIfAbsent(id, sd);
            pos = (pos + entryLength + 15) & ~15L;
            if (pos >= blockEnd) {
                pos = blockEnd + BLOCK;
            }
        }
    }
}
