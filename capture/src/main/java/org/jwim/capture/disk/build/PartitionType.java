package org.jwim.capture.disk.build;

import java.util.UUID;
import org.jwim.capture.disk.FileSystemKind;

/**
 * What a partition is for: its GPT type GUID, the name Windows gives such a partition, and its
 * MBR type byte (which, for data partitions, depends on the file system).
 */
public enum PartitionType {
    /** EFI system partition (FAT32). */
    ESP("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI system partition"),
    /** Microsoft reserved partition (GPT only, never formatted). */
    MSR("E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved partition"),
    /** Microsoft basic data (NTFS, FAT). */
    BASIC_DATA("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Basic data partition"),
    /** Windows recovery environment. */
    RECOVERY("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows RE"),
    /** Linux file system data. */
    LINUX("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem");

    private final UUID guid;
    private final String defaultName;

    PartitionType(String guid, String defaultName) {
        this.guid = UUID.fromString(guid);
        this.defaultName = defaultName;
    }

    public UUID guid() {
        return guid;
    }

    /** The GPT partition name Windows' setup gives this kind of partition. */
    public String defaultName() {
        return defaultName;
    }

    /**
     * The MBR type byte: 0xEF for an ESP, 0x27 for recovery, 0x83 for Linux; for data 0x07
     * (NTFS or unformatted), 0x0C (FAT32, LBA) or 0x0E (FAT16, LBA).
     *
     * @throws IllegalArgumentException for the MSR, which MBR disks do not have
     */
    public int mbrType(FileSystemKind fs) {
        return switch (this) {
            case ESP -> 0xEF;
            case MSR -> throw new IllegalArgumentException("an MBR disk has no Microsoft reserved partition");
            case RECOVERY -> 0x27;
            case LINUX -> 0x83;
            case BASIC_DATA -> fs == FileSystemKind.FAT32 ? 0x0C : fs == FileSystemKind.FAT16 ? 0x0E : 0x07;
        };
    }
}
