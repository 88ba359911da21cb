package org.jwim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.jwim.capture.disk.DiskFormatException;
import org.jwim.common.JwimException;
import org.jwim.fat.FatFormatException;
import org.jwim.fat.write.FatVolumeFullException;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.wim.WimException;
import org.junit.jupiter.api.Test;

/** Every module's exception family hangs under one root, itself an IOException. */
class ExceptionRootTest {
    @Test
    void eachFamilyExtendsJwimException() {
        for (Class<?> c : List.of(WimException.class, NtfsFormatException.class, FatFormatException.class,
                FatVolumeFullException.class, DiskFormatException.class, CaptureException.class)) {
            assertEquals(JwimException.class, c.getSuperclass(), c.getName());
        }
        assertEquals(IOException.class, JwimException.class.getSuperclass());
    }
}
