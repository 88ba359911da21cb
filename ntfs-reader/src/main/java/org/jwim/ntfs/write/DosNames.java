package org.jwim.ntfs.write;

/**
 * Names Windows stores once, in the WIN32_AND_DOS namespace: a long name that already is a
 * valid upper-case 8.3 name gets no separate DOS name. WIMs record such a name with an empty
 * short name (Microsoft's imagex and jwim) or with the name itself (wimlib).
 */
final class DosNames {
    private static final String SPECIALS = "$%'-_@~`!(){}^#&";

    private DosNames() {
    }

    /** 1-8 characters, optionally a dot and 1-3 more, each A-Z, 0-9 or one of {@code $%'-_@~`!(){}^#&}. */
    static boolean isDosName(String name) {
        int dot = name.indexOf('.');
        int base = dot < 0 ? name.length() : dot;
        int ext = dot < 0 ? 0 : name.length() - dot - 1;
        if (base < 1 || base > 8 || ext > 3 || (dot >= 0 && ext == 0)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i != dot && !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
