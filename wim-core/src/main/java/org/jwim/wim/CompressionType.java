package org.jwim.wim;

/**
 * How the non-solid resources of a WIM are compressed. XPRESS, LZX and LZMS are the standard
 * formats that wimlib and DISM read; LZ4 and ZSTD are jwim-only fast modes under header flags no
 * other tool knows, so wimlib and DISM reject such WIMs.
 */
public enum CompressionType {
    NONE(0, 0, 0, 0, 0),
    XPRESS(1, 0x0002_0000, 4096, 65536, 32768),
    LZX(2, 0x0004_0000, 32768, 2 << 20, 32768),
    LZMS(3, 0x0008_0000, 32768, 1 << 30, 131072),
    /** Non-standard: readable by jwim only. */
    LZ4(0x10, 0x0100_0000, 4096, 1 << 20, 65536),
    /** Non-standard: readable by jwim only. */
    ZSTD(0x11, 0x0200_0000, 4096, 1 << 20, 131072);

    /** Header flag "resources may be compressed"; set together with one type flag. */
    public static final int HDR_FLAG_COMPRESSION = 0x0000_0002;
    /** Seen in the wild; wimlib reads it as XPRESS. */
    public static final int HDR_FLAG_COMPRESS_XPRESS_2 = 0x0020_0000;

    private final int solidFormat;
    private final int headerFlag;
    private final int minChunk;
    private final int maxChunk;
    private final int defaultChunk;

    CompressionType(int solidFormat, int headerFlag, int minChunk, int maxChunk, int defaultChunk) {
        this.solidFormat = solidFormat;
        this.headerFlag = headerFlag;
        this.minChunk = minChunk;
        this.maxChunk = maxChunk;
        this.defaultChunk = defaultChunk;
    }

    /** The number used for this type in solid resource headers (0 none .. 3 LZMS). */
    public int solidFormat() {
        return solidFormat;
    }

    /** The WIM header flag bit naming this type, 0 for {@link #NONE}. */
    public int headerFlag() {
        return headerFlag;
    }

    /** Default chunk size in bytes (0 for {@link #NONE}). */
    public int defaultChunkSize() {
        return defaultChunk;
    }

    /** True for the types wimlib and DISM can read. */
    public boolean isStandard() {
        return this.ordinal() <= LZMS.ordinal();
    }

    /** True if {@code size} is a power of two allowed for this type (only 0 for NONE). */
    public boolean isValidChunkSize(long size) {
        if (this == NONE) {
            return size == 0;
        }
        return size >= minChunk && size <= maxChunk && Long.bitCount(size) == 1;
    }

    /** Smallest allowed chunk size in bytes. */
    public int minChunkSize() {
        return minChunk;
    }

    /** Largest allowed chunk size in bytes. */
    public int maxChunkSize() {
        return maxChunk;
    }

    /**
     * Decodes the compression type from WIM header flags with wimlib's precedence (LZX, then
     * XPRESS, then LZMS, then the jwim-only types).
     *
     * @throws WimFormatException if COMPRESSION is set without a type, or a type without it
     */
    public static CompressionType fromHeaderFlags(int flags) throws WimFormatException {
        boolean compressed = (flags & HDR_FLAG_COMPRESSION) != 0;
        CompressionType type = NONE;
        if ((flags & LZX.headerFlag) != 0) {
            type = LZX;
        } else if ((flags & (XPRESS.headerFlag | HDR_FLAG_COMPRESS_XPRESS_2)) != 0) {
            type = XPRESS;
        } else if ((flags & LZMS.headerFlag) != 0) {
            type = LZMS;
        } else if ((flags & LZ4.headerFlag) != 0) {
            type = LZ4;
        } else if ((flags & ZSTD.headerFlag) != 0) {
            type = ZSTD;
        }
        if (compressed && type == NONE) {
            throw new WimFormatException(0x10, String.format(
                    "header flags 0x%08X set COMPRESSION but name no compression type", flags));
        }
        if (!compressed && type != NONE) {
            throw new WimFormatException(0x10, String.format(
                    "header flags 0x%08X name %s but lack the COMPRESSION flag", flags, type));
        }
        return type;
    }

    /** Parses a CLI name: none, xpress|fast, lzx|maximum, lzms|recovery, lz4, zstd. */
    public static CompressionType parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "none": return NONE;
            case "xpress": case "fast": return XPRESS;
            case "lzx": case "maximum": return LZX;
            case "lzms": case "recovery": return LZMS;
            case "lz4": return LZ4;
            case "zstd": return ZSTD;
            default:
                throw new IllegalArgumentException("unknown compression type '" + name
                        + "' (expected none, xpress|fast, lzx|maximum, lzms|recovery, lz4, zstd)");
        }
    }
}
