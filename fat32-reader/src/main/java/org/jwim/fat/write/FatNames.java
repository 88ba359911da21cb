package org.jwim.fat.write;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jwim.fat.format.SimpleCase;

/**
 * Long and 8.3 name rules for writing FAT directories: which long names are legal, when a long
 * name needs LFN entries, and how a unique short name is derived (the Windows "basis name"
 * plus {@code ~n} numeric tail). Short names use ASCII only: any other character becomes '_'
 * (a lossy conversion, so such names always get a numeric tail). Stateless, thread-safe.
 */
public final class FatNames {
    /** Longest long name in UTF-16 units. */
    public static final int MAX_LONG_NAME = 255;
    private static final String SHORT_SPECIALS = "$%'-_@~`!(){}^#&";
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$");

    private FatNames() {
    }

    /**
     * Why {@code name} cannot be a FAT long name, or null when it can: not empty, "." or "..",
     * at most 255 UTF-16 units, no control characters or {@code "*\/:<>?|}, not ending in a
     * space or dot (Windows would strip those, aliasing another name), and not a Windows
     * device name ({@code CON}, {@code NUL}, {@code COM1}, ... with or without an extension),
     * which Windows would open as the device instead of the file.
     */
    public static String invalidReason(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "name '" + name + "' is reserved";
        }
        if (name.length() > MAX_LONG_NAME) {
            return "name is longer than 255 characters";
        }
        char last = name.charAt(name.length() - 1);
        if (last == ' ' || last == '.') {
            return "name ends with a space or dot";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || "\"*/:<>?\\|".indexOf(c) >= 0 || c == 0x7F) {
                return "name contains the character U+" + String.format("%04X", (int) c);
            }
        }
        if (isDeviceName(name)) {
            return "name '" + name + "' is a reserved device name on Windows";
        }
        return null;
    }

    private static boolean isDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = SimpleCase.upper((dot < 0 ? name : name.substring(0, dot)).stripTrailing());
        return DEVICES.contains(base) || base.length() == 4 && (base.startsWith("COM") || base.startsWith("LPT"))
                && base.charAt(3) >= '1' && base.charAt(3) <= '9';
    }

    /**
     * The key two names collide under: upper case by simple one-to-one mapping, as Windows
     * compares FAT names ({@code straße} and {@code STRASSE} are distinct).
     */
    public static String key(String name) {
        return SimpleCase.upper(name);
    }

    static boolean isShortChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SHORT_SPECIALS.indexOf(c) >= 0;
    }

    /**
     * The short name (11 raw bytes, space padded) and NT case flags for a long name that needs
     * no LFN entries, or null when LFN entries are needed: base 1..8 and extension 0..3 valid
     * short characters, each part all upper or all lower case (lower case is recorded in the
     * NT flags as Windows does).
     */
    static Short83 exact(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (base.isEmpty() || base.length() > 8 || ext.length() > 3 || base.indexOf('.') >= 0) {
            return null;
        }
        int baseCase = caseOf(base);
        int extCase = caseOf(ext);
        if (baseCase < 0 || extCase < 0) {
            return null;
        }
        int flags = (baseCase == 2 ? 0x08 : 0) | (extCase == 2 ? 0x10 : 0);
        return new Short83(raw(SimpleCase.upper(base), SimpleCase.upper(ext)), flags);
    }

    /** 0 no letters, 1 all upper, 2 all lower, -1 mixed or invalid character. */
    private static int caseOf(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            int k;
            if (ch >= 'a' && ch <= 'z') {
                k = 2;
            } else if (ch >= 'A' && ch <= 'Z') {
                k = 1;
            } else if (isShortChar(ch)) {
                continue;
            } else {
                return -1;
            }
            if (c != 0 && c != k) {
                return -1;
            }
            c = k;
        }
        return c;
    }

    /**
     * A short name for a long name that needs LFN entries, unique among {@code taken} (keys of
     * the directory's long and short names): the basis name as is when the conversion lost
     * nothing and it is free, else {@code BASIS~n.EXT} with the lowest free n.
     *
     * @throws IllegalStateException when 999999 numeric tails are taken (cannot happen in a
     *                               directory of at most 65536 entries)
     */
    static Short83 generate(String name, Set<String> taken) {
        String upper = SimpleCase.upper(name);
        String stripped = stripSpacesAndLeadingDots(upper);
        boolean lossy = !stripped.equals(upper);
        int dot = stripped.lastIndexOf('.');
        String basePart = dot < 0 ? stripped : stripped.substring(0, dot);
        String extPart = dot < 0 ? "" : stripped.substring(dot + 1);
        StringBuilder base = new StringBuilder(8);
        for (int i = 0; i < basePart.length(); i++) {
            char c = basePart.charAt(i);
            if (c == '.') {
                lossy = true;
                continue;
            }
            if (base.length() == 8) {
                lossy = true;
                break;
            }
            base.append(map(c));
            lossy |= base.charAt(base.length() - 1) != c;
        }
        StringBuilder ext = new StringBuilder(3);
        for (int i = 0; i < extPart.length(); i++) {
            if (ext.length() == 3) {
                lossy = true;
                break;
            }
            char c = extPart.charAt(i);
            ext.append(map(c));
            lossy |= ext.charAt(ext.length() - 1) != c;
        }
        if (base.length() == 0) {
            base.append('_');
            lossy = true;
        }
        String e = ext.toString();
        if (!lossy && !taken.contains(display(base.toString(), e))) {
            return new Short83(raw(base.toString(), e), 0);
        }
        for (int n = 1; n < 1_000_000; n++) {
            String tail = "~" + n;
            String b = base.substring(0, Math.min(base.length(), 8 - tail.length())) + tail;
            if (!taken.contains(display(b, e))) {
                return new Short83(raw(b, e), 0);
            }
        }
        throw new IllegalStateException("no free short name for " + name);
    }

    private static String stripSpacesAndLeadingDots(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || (leading && c == '.')) {
                continue;
            }
            leading = false;
            b.append(c);
        }
        return b.toString();
    }

    private static char map(char c) {
        // '+,;=[]', other ASCII and every non-ASCII character are replaced (a lossy conversion)
        return isShortChar(c) ? c : '_';
    }

    static String display(String base, String ext) {
        return ext.isEmpty() ? base : base + "." + ext;
    }

    static byte[] raw(String base, String ext) {
        byte[] b = new byte[11];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] bb = base.getBytes(StandardCharsets.US_ASCII);
        byte[] eb = ext.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bb, 0, b, 0, bb.length);
        System.arraycopy(eb, 0, b, 8, eb.length);
        return b;
    }

    /**
     * An 8.3 name as stored.
     *
     * @param raw     the 11 name bytes, space padded
     * @param ntFlags 0x08 base shown in lower case, 0x10 extension shown in lower case
     */
    record Short83(byte[] raw, int ntFlags) {
        /** "BASE.EXT" as stored (upper case). */
        String display() {
            String s = new String(raw, StandardCharsets.US_ASCII);
            return FatNames.display(s.substring(0, 8).stripTrailing(), s.substring(8).stripTrailing());
        }
    }
}
