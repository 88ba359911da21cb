package org.jwim.capture.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.jwim.common.Warning;

/** GUID partition table: primary header at LBA 1, backup at the last LBA. */
final class Gpt {
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    /** Most partition entries accepted (the UEFI default array holds 128). */
    private static final long MAX_ENTRIES = 4096;

    private static final Map<String, String> TYPES = Map.of(
            "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI system",
            "E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved",
            "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data",
            "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows RE",
            "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem");

    /** No valid GPT at this sector size. */
    static final class NotGptException extends IOException {
        private static final long serialVersionUID = 1L;

        NotGptException(String message) {
            super(message);
        }
    }

    private Gpt() {
    }

    static List<Partition> read(PartitionTable.SectorReader disk, long diskSize, int ss,
            Consumer<Warning> warnings) throws IOException {
        long lastLba = diskSize / ss - 1;
        String primaryProblem;
        try {
            return entries(disk, diskSize, ss, 1, lastLba);
        } catch (NotGptException e) {
            primaryProblem = e.getMessage();
        }
        try {
            List<Partition> parts = entries(disk, diskSize, ss, lastLba, 1);
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, "primary GPT header is damaged (" + primaryProblem
                    + "); using the backup header at LBA " + lastLba));
            return parts;
        } catch (NotGptException e) {
            throw new NotGptException("GPT with " + ss + "-byte sectors: primary header: "
                    + primaryProblem + "; backup header: " + e.getMessage());
        }
    }

    private static List<Partition> entries(PartitionTable.SectorReader disk, long diskSize, int ss,
            long headerLba, long otherLba) throws IOException {
        byte[] h = disk.read(headerLba * ss, ss);
        if (!java.util.Arrays.equals(h, 0, 8, SIGNATURE, 0, 8)) {
            throw new NotGptException("no 'EFI PART' signature at LBA " + headerLba);
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = b.getInt(12);
        if (headerSize < 92 || headerSize > ss) {
            throw new NotGptException("header size " + headerSize + " at LBA " + headerLba);
        }
        long storedCrc = b.getInt(16) & 0xFFFF_FFFFL;
        byte[] copy = java.util.Arrays.copyOf(h, headerSize);
        java.util.Arrays.fill(copy, 16, 20, (byte) 0);
        if (crc(copy, 0, headerSize) != storedCrc) {
            throw new NotGptException("header CRC32 mismatch at LBA " + headerLba);
        }
        long myLba = b.getLong(24);
        if (myLba != headerLba) {
            throw new NotGptException("header at LBA " + headerLba + " says it is at LBA " + myLba);
        }
        long firstUsable = b.getLong(40);
        long lastUsable = b.getLong(48);
        long entryLba = b.getLong(72);
        long count = b.getInt(80) & 0xFFFF_FFFFL;
        long entrySize = b.getInt(84) & 0xFFFF_FFFFL;
        long entriesCrc = b.getInt(88) & 0xFFFF_FFFFL;
        if (entrySize < 128 || entrySize > 4096 || (entrySize & 7) != 0 || count > MAX_ENTRIES) {
            throw new NotGptException("entry array of " + count + " entries of " + entrySize
                    + " bytes at LBA " + headerLba + " is not plausible");
        }
        long arrayBytes = count * entrySize;
        if (entryLba <= 0 || entryLba > diskSize / ss || arrayBytes > diskSize - entryLba * ss) {
            throw new NotGptException("entry array at LBA " + entryLba + " lies outside the disk");
        }
        byte[] array = disk.read(entryLba * ss, (int) arrayBytes);
        if (crc(array, 0, array.length) != entriesCrc) {
            throw new NotGptException("entry array CRC32 mismatch (header at LBA " + headerLba + ")");
        }
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = (int) (i * entrySize);
            String type = guid(array, e);
            if (type.equals("00000000-0000-0000-0000-000000000000")) {
                continue;
            }
            long first = a.getLong(e + 32);
            long last = a.getLong(e + 40);
            if (first < firstUsable || last > lastUsable || last < first) {
                throw new DiskFormatException("GPT entry " + (i + 1) + " spans LBA " + first + ".."
                        + last + ", outside the usable LBAs " + firstUsable + ".." + lastUsable);
            }
            String name = new String(array, e + 56, 72, StandardCharsets.UTF_16LE).replace("\0", "");
            parts.add(new Partition(i + 1, first * ss, (last - first + 1) * ss,
                    TYPES.getOrDefault(type, type) + (name.isEmpty() ? "" : " \"" + name + "\"")));
        }
        for (Partition p : parts) {
            PartitionTable.checkRange("GPT entry " + p.number(), p.offset(), p.length(), diskSize);
        }
        PartitionTable.checkOverlaps(parts);
        return parts;
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }

    /** A GUID in its mixed-endian text form. */
    static String guid(byte[] b, int off) {
        ByteBuffer le = ByteBuffer.wrap(b, off, 16).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(off) & 0xFFFF_FFFFL;
        int d2 = le.getShort(off + 4) & 0xFFFF;
        int d3 = le.getShort(off + 6) & 0xFFFF;
        StringBuilder sb = new StringBuilder(String.format("%08X-%04X-%04X-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02X", b[off + i] & 0xFF));
        }
        return sb.toString();
    }
}
