package org.jwim.capture.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jwim.common.Warning;
import org.jwim.wim.model.Dentry;

/**
 * The items a wipe keeps at the root of a volume (ConfigMgr's control folders). Matching is
 * case-insensitive and ignores trailing dots and spaces (which Windows strips, so
 * {@code "_SMSTaskSequence. "} names the same folder); an image entry matches when its long or
 * its short name matches. A nested path such as {@code _SMSTaskSequence\StateStore} protects
 * its top-level folder as a whole (the wipe works on root entries). Immutable, thread-safe.
 */
public final class Protection {
    /** ConfigMgr's task-sequence working folder, kept by default. */
    public static final String SMS_TASK_SEQUENCE = "_SMSTaskSequence";
    /** The folders MDT's wipe keeps. */
    public static final List<String> MDT = List.of("MININT", "SMSTSLog", "Drivers", "Deploy", "Sysprep",
            SMS_TASK_SEQUENCE, "RECYCLER", "System Volume Information");

    private final List<String> names;
    private final Set<String> keys;

    private Protection(List<String> names) {
        this.names = List.copyOf(names);
        Set<String> k = new LinkedHashSet<>();
        for (String n : names) {
            k.add(key(n));
        }
        this.keys = Set.copyOf(k);
    }

    /** Only {@code _SMSTaskSequence}. */
    public static Protection defaults() {
        return of(List.of(SMS_TASK_SEQUENCE));
    }

    /**
     * The given paths (relative to the volume root, '/' or '\' separated; a leading separator
     * and drive letter are ignored).
     *
     * @throws IllegalArgumentException for an empty path or one with a "." or ".." component
     */
    public static Protection of(List<String> paths) {
        Set<String> tops = new LinkedHashSet<>();
        for (String p : paths) {
            tops.add(topLevel(p));
        }
        return new Protection(new ArrayList<>(tops));
    }

    /** This protection plus {@code more} paths. */
    public Protection plus(List<String> more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(more);
        return of(all);
    }

    /** Top-level names protected, in the order given. */
    public List<String> names() {
        return names;
    }

    /** True when a root entry with this name is protected. */
    public boolean matches(String name) {
        return name != null && !name.isEmpty() && keys.contains(key(name));
    }

    /**
     * True when an image root entry would land on a protected item: its long or short name
     * matches, or its name looks like an 8.3 alias of a protected name ({@code _SMSTA~1}, any
     * tail number), which a FAT or NTFS volume mounted on the host could resolve to the
     * protected item.
     */
    public boolean matches(Dentry d) {
        return matches(d.name()) || matches(d.shortName()) || isShortAlias(d.name());
    }

    /** The warning for an image root entry left out because it would overwrite a kept item. */
    static Warning skipWarning(Dentry d) {
        return new Warning(d.path(), Warning.Kind.PROTECTED,
                "would overwrite the protected '" + d.name() + "', skipped");
    }

    private static final java.util.regex.Pattern ALIAS =
            java.util.regex.Pattern.compile("([^~.]{1,7})~[0-9]{1,7}(\\.[^.]{0,3})?");

    /** Conservative: any {@code PREFIX~N[.EXT]} whose prefix starts a protected name's 8.3 basis. */
    boolean isShortAlias(String name) {
        var m = ALIAS.matcher(strip(name).toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        String prefix = m.group(1);
        for (String k : keys) {
            String basis = k.replace(" ", "").replaceFirst("^\\.+", "");
            if (basis.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String topLevel(String path) {
        String p = path.replace('\\', '/');
        if (p.length() >= 2 && p.charAt(1) == ':') {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        String[] parts = p.split("/");
        for (String part : parts) {
            String t = strip(part);
            if (t.equals(".") || t.equals("..") || (t.isEmpty() && !part.isEmpty())) {
                throw new IllegalArgumentException("protected path '" + path + "' has a '.' or '..' component");
            }
        }
        String top = strip(parts[0]);
        if (top.isEmpty()) {
            throw new IllegalArgumentException("protected path '" + path + "' is empty");
        }
        return top;
    }

    private static String key(String name) {
        return strip(name).toUpperCase(Locale.ROOT);
    }

    /** Drops trailing dots and spaces, as Windows does when it resolves a name. */
    private static String strip(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        // "." and ".." stay themselves so they can be refused
        boolean dots = !s.isEmpty() && s.chars().allMatch(c -> c == '.');
        return dots && s.length() <= 2 ? s : s.substring(0, end);
    }
}
