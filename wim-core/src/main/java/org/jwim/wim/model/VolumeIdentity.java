package org.jwim.wim.model;

import org.jwim.common.LE;

/**
 * jwim's tagged item on an image's root: the serial number and size of the volume the image was
 * captured from, so that {@code capture-disk --update-of} pairs each volume with its own earlier
 * image. Data: u64 serial number (NTFS: boot sector 0x48; FAT: the 32-bit volume id), u64 volume
 * size in bytes. wimlib skips tags it does not know. Immutable.
 */
public record VolumeIdentity(long serialNumber, long size) {
    /** The tag (a random constant, next to {@link FileIdentity#TAG}). */
    public static final int TAG = 0x6A770F02;
    public static final int SIZE = 16;
    private static final int SERIAL = 0x00;
    private static final int VOLUME_SIZE = 0x08;

    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        LE.put64(b, SERIAL, serialNumber);
        LE.put64(b, VOLUME_SIZE, size);
        return b;
    }

    /** The identity stored on {@code root}, or null. */
    public static VolumeIdentity of(Inode root) {
        byte[] data = TaggedItems.find(root.taggedItems(), TAG);
        return data == null || data.length < SIZE ? null
                : new VolumeIdentity(LE.u64(data, SERIAL), LE.u64(data, VOLUME_SIZE));
    }

    /** Stores this identity in {@code root}'s tagged items, replacing an earlier one. */
    public void storeIn(Inode root) {
        root.taggedItems(FileIdentity.replace(root.taggedItems(), TAG, toBytes()));
    }
}
