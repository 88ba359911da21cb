package org.jwim.capture;

import org.jwim.wim.CompressionType;

/**
 * How many volumes capture-disk reads at once. One volume's pipeline is bounded by its one
 * reader and the one writer; it keeps more compressor threads busy the more a byte costs to
 * compress. A second volume only pays when the threads outnumber the cores one volume keeps
 * busy, and only on a disk that does not seek: two readers alternating between two partitions
 * of a spinning disk would seek at every switch. The choice depends on the options and the
 * disk alone, never on timing, so the same capture gives the same file.
 */
final class VolumeOverlap {
    /**
     * CPU seconds per GiB measured on the 1 GiB NTFS image at 2 threads (docs/performance.md,
     * issue 24, goal 2): the three threads of one volume that cannot be spread (its reader, the
     * caller taking the chunks in order, the thread writing them behind), and the workers per
     * compression type (SHA-1, plus XPRESS or LZX at their default levels, from goal 1's
     * ms/MB). Types not measured count as compression-bound.
     */
    private static final double READER = 0.33;
    private static final double CALLER = 0.45;
    private static final double WRITE_BEHIND = 0.50;

    private VolumeOverlap() {
    }

    /** Worker CPU seconds per GiB, or a negative number when not measured. */
    private static double workers(CompressionType type) {
        return switch (type) {
            case NONE -> 0.57;
            case XPRESS -> 16;
            case LZX -> 150;
            default -> -1;
        };
    }

    /**
     * The cores one volume keeps busy: all the CPU its bytes cost, over the time its busiest
     * serial thread needs for them. About 4 uncompressed, about 35 with XPRESS, infinite when
     * not measured.
     */
    static double coresPerVolume(CompressionType type) {
        double w = workers(type);
        double serial = Math.max(READER, Math.max(CALLER, WRITE_BEHIND));
        return w < 0 ? Double.POSITIVE_INFINITY : (READER + CALLER + WRITE_BEHIND + w) / serial;
    }

    /**
     * @param requested 0 to decide, else the most volumes to read at once (1: one by one)
     * @param threads   compressor threads
     * @param volumes   volumes to capture
     * @param solidState the disk is known not to seek (see {@code MediaProbe.solidState})
     */
    static int lanes(int requested, int threads, CompressionType type, int volumes, boolean solidState) {
        int lanes = requested > 0 ? requested
                : solidState ? (int) Math.max(1, Math.floor(threads / Math.ceil(coresPerVolume(type)))) : 1;
        return Math.max(1, Math.min(lanes, volumes));
    }
}
