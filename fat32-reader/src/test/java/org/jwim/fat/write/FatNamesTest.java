package org.jwim.fat.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.jwim.fat.format.ShortEntry;
import org.junit.jupiter.api.Test;

/** Short-name generation and long-name validity (Windows' basis name and numeric tail rules). */
class FatNamesTest {
    @Test
    void exactNamesNeedNoLongEntries() {
        assertEquals("README.TXT", FatNames.exact("README.TXT").display());
        assertEquals(0, FatNames.exact("README.TXT").ntFlags());
        assertEquals(ShortEntry.NT_LOWER_BASE | ShortEntry.NT_LOWER_EXT, FatNames.exact("readme.txt").ntFlags());
        assertEquals(ShortEntry.NT_LOWER_BASE, FatNames.exact("readme.TXT").ntFlags());
        assertEquals(ShortEntry.NT_LOWER_EXT, FatNames.exact("EFI.efi").ntFlags());
        assertEquals(0, FatNames.exact("EFI").ntFlags());
        assertNull(FatNames.exact("ReadMe.txt"), "mixed case needs a long name");
        assertNull(FatNames.exact("toolongname.txt"));
        assertNull(FatNames.exact("a.b.c"));
        assertNull(FatNames.exact("a b.txt"));
        assertNull(FatNames.exact("a+b.txt"));
        assertNull(FatNames.exact(".hidden"));
        assertNull(FatNames.exact("x.html"));
    }

    @Test
    void generatedNamesFollowTheBasisAndTailRules() {
        Set<String> taken = new HashSet<>();
        assertEquals("README.TXT", gen("ReadMe.txt", taken), "lossless basis is used as is");
        assertEquals("README~1.TXT", gen("readme.txt", taken), "taken basis gets a tail");
        assertEquals("ALONGF~1.TXT", gen("A Long File Name.txt", taken));
        assertEquals("ALONGF~2.TXT", gen("A Long File Name 2.txt", taken));
        assertEquals("X~1.HTM", gen("x.html", taken));
        assertEquals("HIDDEN~1", gen(".hidden", taken));
        assertEquals("A_B~1.TXT", gen("a+b.txt", taken));
        assertEquals("A_B~2.TXT", gen("a[b.txt", taken));
        assertEquals("__~1", gen("名前", taken), "each non-ASCII character becomes '_' with a tail");
        assertEquals("ABC~1.D", gen("a.b.c.d", taken));
        for (int i = 3; i <= 9; i++) {
            gen("A Long File Name " + i + ".txt", taken);
        }
        assertEquals("ALONG~10.TXT", gen("A Long File Name 10.txt", taken), "the basis shrinks for longer tails");
    }

    @Test
    void invalidLongNames() {
        for (String bad : new String[] {"", ".", "..", "a/b", "a\\b", "a:b", "a*b", "a?b", "a\"b", "a<b", "a|b",
                "trail.", "trail ", "ctl\u0001", "x".repeat(256), "CON", "nul.txt", "Aux .log", "com1", "LPT9.x"}) {
            assertNotNull(FatNames.invalidReason(bad), bad);
        }
        for (String ok : new String[] {"a", ".hidden", "a b", "名前", "a+b;c=d[e],f", "x".repeat(255), "CONFIG",
                "nul2.txt", "COM0", "com10", "xcon"}) {
            assertNull(FatNames.invalidReason(ok), ok);
        }
    }

    private static String gen(String name, Set<String> taken) {
        String s = FatNames.generate(name, taken).display();
        taken.add(FatNames.key(s));
        taken.add(FatNames.key(name));
        return s;
    }
}
