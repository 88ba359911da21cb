package org.jwim.wim.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * The integrity table: SHA-1 of each {@code chunkSize} piece of the file from the end of the
 * header to the end of the blob table.
 */
public record IntegrityTable(long chunkSize, List<Sha1> hashes) {
    /** Chunk size wimlib and jwim write: 10 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 10 * 1024 * 1024;
    private static final int HEADER = 12;

    public IntegrityTable {
        hashes = List.copyOf(hashes);
    }

    /** Parses a table; {@code coveredBytes} is the length it must cover. */
    public static IntegrityTable read(byte[] b, long fileOffset, long coveredBytes)
            throws WimFormatException {
        if (b.length < HEADER) {
            throw new WimFormatException(fileOffset, "integrity table of " + b.length
                    + " bytes is shorter than its 12-byte header");
        }
        long size = LE.u32(b, 0);
        long count = LE.u32(b, 4);
        long chunk = LE.u32(b, 8);
        if (size != b.length || size != HEADER + 20 * count) {
            throw new WimFormatException(fileOffset, "integrity table size " + size + " with "
                    + count + " entries does not match its resource size " + b.length);
        }
        if (chunk == 0) {
            throw new WimFormatException(fileOffset + 8, "integrity table chunk size is 0");
        }
        long expected = (coveredBytes + chunk - 1) / chunk;
        if (count != expected) {
            throw new WimFormatException(fileOffset + 4, "integrity table has " + count
                    + " entries, expected " + expected + " for " + coveredBytes + " bytes");
        }
        List<Sha1> list = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            list.add(Sha1.of(b, HEADER + 20 * i));
        }
        return new IntegrityTable(chunk, Collections.unmodifiableList(list));
    }

    public byte[] toBytes() {
        byte[] b = new byte[HEADER + 20 * hashes.size()];
        LE.put32(b, 0, b.length);
        LE.put32(b, 4, hashes.size());
        LE.put32(b, 8, chunkSize);
        for (int i = 0; i < hashes.size(); i++) {
            hashes.get(i).copyTo(b, HEADER + 20 * i);
        }
        return b;
    }
}
