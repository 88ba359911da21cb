package org.jwim.wim.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.wim.WimFormatException;

/**
 * The security data at the start of a metadata resource: a table of self-relative security
 * descriptors. {@code length} is where the root dentry starts (8-aligned).
 */
public record SecurityBlock(List<byte[]> descriptors, int length) {
    private static final int HEADER = 8;

    public SecurityBlock {
        descriptors = List.copyOf(descriptors);
    }

    public static SecurityBlock read(byte[] b, int limit) throws WimFormatException {
        if (limit < HEADER) {
            throw new WimFormatException(0, "metadata resource of " + limit
                    + " bytes is too short for its security data header");
        }
        long total = LE.u32(b, 0);
        long count = LE.u32(b, 4);
        if (total == 0) {
            total = HEADER;
        }
        total = Dentries.align8(total);
        if (total > limit) {
            throw new WimFormatException(0, "security data length " + total
                    + " exceeds the metadata resource size " + limit);
        }
        if (count > (total - HEADER) / 8) {
            throw new WimFormatException(4, "security data claims " + count
                    + " descriptors but is only " + total + " bytes long");
        }
        List<byte[]> list = new ArrayList<>((int) count);
        long p = HEADER + 8 * count;
        for (int i = 0; i < count; i++) {
            long size = LE.u64(b, HEADER + 8 * i);
            if (size < 0 || size > total - p) {
                throw new WimFormatException(HEADER + 8L * i, "security descriptor " + i
                        + " size " + Long.toUnsignedString(size) + " runs past the security data ("
                        + (total - p) + " bytes left)");
            }
            list.add(Arrays.copyOfRange(b, (int) p, (int) (p + size)));
            p += size;
        }
        return new SecurityBlock(list, (int) total);
    }

    /** Encodes descriptors; the result is already padded to 8 bytes. */
    public static byte[] encode(List<byte[]> descriptors) {
        long total = HEADER + 8L * descriptors.size();
        for (byte[] d : descriptors) {
            total += d.length;
        }
        int aligned = Math.toIntExact(Dentries.align8(total));
        byte[] b = new byte[aligned];
        LE.put32(b, 0, aligned);
        LE.put32(b, 4, descriptors.size());
        int p = HEADER + 8 * descriptors.size();
        for (int i = 0; i < descriptors.size(); i++) {
            byte[] d = descriptors.get(i);
            LE.put64(b, HEADER + 8 * i, d.length);
            System.arraycopy(d, 0, b, p, d.length);
            p += d.length;
        }
        return b;
    }
}
