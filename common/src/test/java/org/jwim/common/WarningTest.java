package org.jwim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WarningTest {
    @Test
    void printsAsUsersSawTheOldTextWarnings() {
        assertEquals("/a/b: cannot read, skipped",
                new Warning("/a/b", Warning.Kind.SKIPPED, "cannot read, skipped").toString());
        assertEquals("volume was not cleanly unmounted",
                Warning.of(Warning.Kind.DAMAGED, "volume was not cleanly unmounted").toString());
    }

    @Test
    void placingUnderAVolumePrefixesThePathAndKeepsKindAndMessage() {
        Warning w = new Warning("/a", Warning.Kind.PROTECTED, "would overwrite the protected 'a', skipped");
        Warning placed = w.in("partition 2");
        assertEquals(new Warning("partition 2: /a", Warning.Kind.PROTECTED, w.message()), placed);
        assertEquals("partition 2: /a: would overwrite the protected 'a', skipped", placed.toString());
        Warning general = Warning.of(Warning.Kind.UNSAFE, "applied in place").in("image 1 -> C");
        assertEquals("image 1 -> C", general.path());
        assertEquals("image 1 -> C: applied in place", general.toString());
    }

    @Test
    void allPartsAreRequired() {
        assertThrows(NullPointerException.class, () -> new Warning(null, Warning.Kind.DAMAGED, "m"));
        assertThrows(NullPointerException.class, () -> new Warning("", null, "m"));
        assertThrows(NullPointerException.class, () -> new Warning("", Warning.Kind.DAMAGED, null));
    }
}
