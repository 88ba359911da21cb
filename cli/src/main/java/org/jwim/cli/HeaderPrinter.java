package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * {@code info --header} exactly as wimlib-imagex prints it: every raw field of the 208-byte
 * header, each resource header's size, flags, offset and original size, one line per set flag.
 * It reads the raw bytes because it shows them as stored, not as jwim interprets them.
 */
final class HeaderPrinter {
    private static final int HEADER_SIZE = 208;
    /** wimlib's names of the header flag bits, lowest first. */
    private static final String[][] FLAGS = {
        {"1", "RESERVED"}, {"2", "COMPRESSION"}, {"4", "READONLY"}, {"8", "SPANNED"}, {"10", "RESOURCE_ONLY"},
        {"20", "METADATA_ONLY"}, {"40", "WRITE_IN_PROGRESS"}, {"80", "RP_FIX"}, {"10000", "COMPRESS_RESERVED"},
        {"20000", "COMPRESS_XPRESS"}, {"40000", "COMPRESS_LZX"}, {"80000", "COMPRESS_LZMS"},
        {"200000", "COMPRESS_XPRESS_2"}};

    private HeaderPrinter() {
    }

    static void print(Path wim, PrintWriter out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(wim)) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill the header
            }
        }
        boolean pipable = b.get(0) == 'W';
        out.printf("Magic Characters            = %s\\0\\0\\0%n", pipable ? "WLPWM" : "MSWIM");
        out.printf("Header Size                 = %d%n", b.getInt(8));
        out.printf("Version                     = 0x%x%n", b.getInt(12));
        int flags = b.getInt(16);
        out.printf("Flags                       = 0x%x%n", flags);
        for (String[] f : FLAGS) {
            if ((flags & Integer.parseInt(f[0], 16)) != 0) {
                out.printf("    WIM_HDR_FLAG_%s is set%n", f[1]);
            }
        }
        out.printf("Chunk Size                  = %d%n", Integer.toUnsignedLong(b.getInt(20)));
        byte[] guid = new byte[16];
        b.get(24, guid);
        out.printf("GUID                        = %s%n", HexFormat.of().formatHex(guid));
        out.printf("Part Number                 = %d%n", Short.toUnsignedInt(b.getShort(40)));
        out.printf("Total Parts                 = %d%n", Short.toUnsignedInt(b.getShort(42)));
        out.printf("Image Count                 = %d%n", Integer.toUnsignedLong(b.getInt(44)));
        // wimlib's own labels, including its mixed "Original_size" / "Original Size"
        resource(b, 48, "Blob Table", "Original_size", out);
        resource(b, 72, "XML Data", "Original Size", out);
        resource(b, 96, "Boot Metadata", "Original Size", out);
        out.printf("Boot Index                  = %d%n", Integer.toUnsignedLong(b.getInt(120)));
        resource(b, 124, "Integrity", "Original_size", out);
    }

    private static void resource(ByteBuffer b, int at, String label, String original, PrintWriter out) {
        long size = b.getLong(at) & 0x00FF_FFFF_FFFF_FFFFL;
        int flags = b.get(at + 7) & 0xFF;
        out.printf("%-28s= %d%n", label + " Size", size);
        out.printf("%-28s= 0x%x%n", label + " Flags", flags);
        out.printf("%-28s= %d%n", label + " Offset", b.getLong(at + 8));
        out.printf("%-28s= %d%n", label + " " + original, b.getLong(at + 16));
    }
}
