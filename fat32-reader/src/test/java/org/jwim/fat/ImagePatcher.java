package org.jwim.fat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jwim.fat.format.Bpb;

/** Test helper: a writable copy of a fixture image with little-endian patch helpers. */
final class ImagePatcher implements AutoCloseable {
    final FileChannel ch;
    final Bpb bpb;

    ImagePatcher(Path fixture, Path copy) throws IOException {
        Files.copy(fixture, copy, StandardCopyOption.REPLACE_EXISTING);
        ch = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE);
        byte[] boot = new byte[512];
        ch.read(ByteBuffer.wrap(boot), 0);
        bpb = Bpb.read(boot, ch.size());
    }

    void put8(long pos, int v) throws IOException {
        ch.write(ByteBuffer.wrap(new byte[] {(byte) v}), pos);
    }

    void put16(long pos, int v) throws IOException {
        ch.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) v), pos);
    }

    void put32(long pos, long v) throws IOException {
        ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) v), pos);
    }

    int get8(long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, pos);
        return b.get(0) & 0xFF;
    }

    /** Sets the first cluster of the short entry at {@code entryOffset}. */
    void setFirstCluster(long entryOffset, long cluster) throws IOException {
        put16(entryOffset + 0x1A, (int) cluster & 0xFFFF);
        put16(entryOffset + 0x14, (int) (cluster >>> 16));
    }

    /** Writes FAT entry {@code cluster} of FAT copy {@code fat} (FAT16 and FAT32 only). */
    void setFat(int fat, long cluster, long value) throws IOException {
        long base = bpb.fatOffset(fat);
        switch (bpb.type()) {
            case FAT16 -> put16(base + cluster * 2, (int) value);
            case FAT32 -> put32(base + cluster * 4, value);
            default -> throw new IllegalArgumentException("FAT12 not supported by this helper");
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
