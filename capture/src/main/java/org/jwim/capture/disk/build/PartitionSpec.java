package org.jwim.capture.disk.build;

import java.nio.file.Path;
import java.util.Objects;
import org.jwim.capture.disk.FileSystemKind;

/**
 * One partition to create: size (0 = the rest of the disk), type, file system (NTFS, FAT32,
 * FAT16, or UNFORMATTED), label, GPT name, MBR active flag and content. Immutable; the
 * {@code with} methods return changed copies.
 */
public record PartitionSpec(long size, PartitionType type, FileSystemKind fileSystem, String label, String name,
        boolean active, VolumeContent content) {
    public PartitionSpec {
        Objects.requireNonNull(type);
        Objects.requireNonNull(fileSystem);
        Objects.requireNonNull(label);
        Objects.requireNonNull(name);
        Objects.requireNonNull(content);
        if (size < 0) {
            throw new IllegalArgumentException("partition size " + size);
        }
        if (fileSystem != FileSystemKind.NTFS && fileSystem != FileSystemKind.FAT32
                && fileSystem != FileSystemKind.FAT16 && fileSystem != FileSystemKind.UNFORMATTED) {
            throw new IllegalArgumentException("cannot format " + fileSystem.label() + " (NTFS, FAT32 or FAT16)");
        }
        if (fileSystem == FileSystemKind.UNFORMATTED && !(content instanceof VolumeContent.Empty)) {
            throw new IllegalArgumentException("an unformatted partition cannot hold content");
        }
        if (name.length() > 36) {
            throw new IllegalArgumentException("GPT partition names hold at most 36 characters: " + name);
        }
    }

    /** A partition of {@code size} bytes (0 = the rest), named as Windows names its type. */
    public static PartitionSpec of(long size, PartitionType type, FileSystemKind fs) {
        return new PartitionSpec(size, type, fs, "", type.defaultName(), false, VolumeContent.empty());
    }

    /** An EFI system partition formatted FAT32. */
    public static PartitionSpec esp(long size) {
        return of(size, PartitionType.ESP, FileSystemKind.FAT32);
    }

    /** A Microsoft reserved partition (GPT), left unformatted. */
    public static PartitionSpec msr(long size) {
        return of(size, PartitionType.MSR, FileSystemKind.UNFORMATTED);
    }

    /** A basic data partition formatted NTFS. */
    public static PartitionSpec ntfs(long size) {
        return of(size, PartitionType.BASIC_DATA, FileSystemKind.NTFS);
    }

    /** A basic data partition formatted FAT32. */
    public static PartitionSpec fat32(long size) {
        return of(size, PartitionType.BASIC_DATA, FileSystemKind.FAT32);
    }

    /** A basic data partition formatted FAT16. */
    public static PartitionSpec fat16(long size) {
        return of(size, PartitionType.BASIC_DATA, FileSystemKind.FAT16);
    }

    public PartitionSpec label(String value) {
        return new PartitionSpec(size, type, fileSystem, value, name, active, content);
    }

    public PartitionSpec name(String value) {
        return new PartitionSpec(size, type, fileSystem, label, value, active, content);
    }

    /** Marks the partition active (MBR: the BIOS boots it). */
    public PartitionSpec markActive() {
        return new PartitionSpec(size, type, fileSystem, label, name, true, content);
    }

    public PartitionSpec content(VolumeContent value) {
        return new PartitionSpec(size, type, fileSystem, label, name, active, value);
    }

    /** Fills the volume with the tree under {@code dir}. */
    public PartitionSpec fromDirectory(Path dir) {
        return content(VolumeContent.directory(dir));
    }

    /** Fills the volume with image {@code index} of {@code wim}. */
    public PartitionSpec fromImage(Path wim, int index) {
        return content(VolumeContent.wimImage(wim, index));
    }
}
