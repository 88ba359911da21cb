package org.jwim.capture.platform;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.io.IOException;
import org.jwim.capture.disk.MediaKind;

/**
 * Windows physical drives ({@code \\.\PhysicalDriveN}) through kernel32: size from
 * IOCTL_DISK_GET_LENGTH_INFO, sector size from IOCTL_DISK_GET_DRIVE_GEOMETRY, bus type and
 * removable flag from IOCTL_STORAGE_QUERY_PROPERTY. Written against the Win32 documentation;
 * not exercised by the Linux test suite.
 */
final class WindowsDisks {
    private static final int GENERIC_READ = 0x80000000;
    private static final int FILE_SHARE_READ_WRITE = 0x3;
    private static final int OPEN_EXISTING = 3;
    private static final int IOCTL_DISK_GET_LENGTH_INFO = 0x0007405C;
    private static final int IOCTL_DISK_GET_DRIVE_GEOMETRY = 0x00070000;
    private static final int IOCTL_STORAGE_QUERY_PROPERTY = 0x002D1400;
    private static final int BUS_TYPE_USB = 7;
    private static final Pointer INVALID_HANDLE = Pointer.createConstant(-1L);

    /** The kernel32 calls used here. */
    interface Kernel32 extends StdCallLibrary {
        Pointer CreateFile(String name, int access, int share, Pointer security, int creation,
                int flags, Pointer template);

        boolean DeviceIoControl(Pointer handle, int code, Pointer in, int inSize, Pointer out,
                int outSize, IntByReference returned, Pointer overlapped);

        boolean CloseHandle(Pointer handle);
    }

    private WindowsDisks() {
    }

    private static Kernel32 kernel32() {
        return Native.load("kernel32", Kernel32.class, W32APIOptions.UNICODE_OPTIONS);
    }

    private static Pointer open(Kernel32 k, String device) throws IOException {
        Pointer h = k.CreateFile(device, GENERIC_READ, FILE_SHARE_READ_WRITE, null, OPEN_EXISTING, 0, null);
        if (h == null || h.equals(INVALID_HANDLE)) {
            throw new IOException("cannot open " + device + " (error " + Native.getLastError() + ")");
        }
        return h;
    }

    static BlockDevices.Geometry geometry(String device) throws IOException {
        Kernel32 k = kernel32();
        Pointer h = open(k, device);
        try {
            Memory len = new Memory(8);
            IntByReference got = new IntByReference();
            if (!k.DeviceIoControl(h, IOCTL_DISK_GET_LENGTH_INFO, null, 0, len, 8, got, null)) {
                throw new IOException("IOCTL_DISK_GET_LENGTH_INFO failed on " + device);
            }
            Memory geo = new Memory(24);
            int sector = k.DeviceIoControl(h, IOCTL_DISK_GET_DRIVE_GEOMETRY, null, 0, geo, 24, got, null)
                    ? geo.getInt(20) : 512;
            return new BlockDevices.Geometry(len.getLong(0), sector);
        } finally {
            k.CloseHandle(h);
        }
    }

    /** Bus type and removable flag of a physical drive. */
    static MediaKind media(String device) throws IOException {
        Kernel32 k = kernel32();
        Pointer h = open(k, device);
        try {
            Memory query = new Memory(12);
            query.clear();
            // STORAGE_PROPERTY_QUERY { StorageDeviceProperty = 0, PropertyStandardQuery = 0 }
            Memory desc = new Memory(1024);
            IntByReference got = new IntByReference();
            if (!k.DeviceIoControl(h, IOCTL_STORAGE_QUERY_PROPERTY, query, 12, desc, 1024, got, null)) {
                return MediaKind.UNKNOWN;
            }
            // STORAGE_DEVICE_DESCRIPTOR: RemovableMedia (BOOLEAN) at 10, BusType (u32) at 28
            if (desc.getInt(28) == BUS_TYPE_USB) {
                return MediaKind.USB;
            }
            return desc.getByte(10) != 0 ? MediaKind.REMOVABLE : MediaKind.FIXED;
        } finally {
            k.CloseHandle(h);
        }
    }
}
