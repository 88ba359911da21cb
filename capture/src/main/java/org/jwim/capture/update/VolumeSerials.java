package org.jwim.capture.update;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.common.LE;
import org.jwim.wim.model.VolumeIdentity;

/**
 * The {@link VolumeIdentity} of a volume read from its boot sector alone, before it is scanned,
 * equal to what the NTFS and FAT readers report: NTFS u64 at 0x48; FAT32 u32 at 0x43 and FAT12/16
 * u32 at 0x27, each only after an extended boot signature 0x29 (else 0).
 */
final class VolumeSerials {
    private static final int NTFS_SERIAL = 0x48;
    private static final int FAT32_SIGNATURE = 0x42;
    private static final int FAT16_SIGNATURE = 0x26;
    private static final int EXTENDED_BOOT_SIGNATURE = 0x29;

    private VolumeSerials() {
    }

    /** Null for file systems jwim does not capture. */
    static VolumeIdentity read(FileChannel channel, long offset, long length, FileSystemKind fs) throws IOException {
        byte[] b = new byte[512];
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining() && channel.read(buf, offset + buf.position()) > 0) {
            // a short read is retried; end of file leaves zeros
        }
        return switch (fs) {
            case NTFS -> new VolumeIdentity(LE.u64(b, NTFS_SERIAL), length);
            case FAT32 -> new VolumeIdentity(fat(b, FAT32_SIGNATURE), length);
            case FAT16, FAT12 -> new VolumeIdentity(fat(b, FAT16_SIGNATURE), length);
            default -> null;
        };
    }

    private static long fat(byte[] b, int signature) {
        return LE.u8(b, signature) == EXTENDED_BOOT_SIGNATURE ? LE.u32(b, signature + 1) : 0;
    }
}
