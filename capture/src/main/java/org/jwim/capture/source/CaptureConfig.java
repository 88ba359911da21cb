package org.jwim.capture.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jwim.capture.CaptureException;

/**
 * Which paths a capture leaves out, in the wimscript.ini form DISM and wimlib read:
 * {@code [ExclusionList]} and {@code [ExclusionException]} sections of globs; a leading
 * {@code \} or {@code /} anchors a glob at the root, otherwise it is one component matching the
 * last of any path; {@code *} and {@code ?} are wildcards within a component; matching ignores
 * case, as on Windows, unless {@link #caseSensitive()} (wimlib on UNIX, for directories).
 */
public final class CaptureConfig {
    /** DISM's and wimlib's default exclusions for a Windows volume. */
    public static final List<String> DEFAULT_EXCLUSIONS = List.of("\\$ntfs.log", "\\hiberfil.sys",
            "\\pagefile.sys", "\\swapfile.sys", "\\System Volume Information", "\\RECYCLER",
            "\\$RECYCLE.BIN", "\\$Recycle.Bin", "\\Windows\\CSC");

    private final List<String> exclusionGlobs;
    private final List<String> exceptionGlobs;
    private final boolean ignoreCase;
    private final List<Glob> exclusions;
    private final List<Glob> exceptions;
    /** Absolute exceptions split into components, for {@link #mayExceptBelow}. */
    private final List<List<Pattern>> absoluteExceptions;

    private CaptureConfig(List<String> exclusions, List<String> exceptions) {
        this(exclusions, exceptions, true);
    }

    private CaptureConfig(List<String> exclusions, List<String> exceptions, boolean ignoreCase) {
        this.exclusionGlobs = List.copyOf(exclusions);
        this.exceptionGlobs = List.copyOf(exceptions);
        this.ignoreCase = ignoreCase;
        this.exclusions = compile(exclusions, ignoreCase);
        this.exceptions = compile(exceptions, ignoreCase);
        this.absoluteExceptions = new ArrayList<>();
        for (String e : exceptions) {
            String p = normalize(e);
            if (p.startsWith("\\")) {
                List<Pattern> parts = new ArrayList<>();
                for (String c : p.substring(1).split("\\\\")) {
                    parts.add(Pattern.compile(glob(c), flags(ignoreCase)));
                }
                absoluteExceptions.add(parts);
            }
        }
    }

    /**
     * The same globs matched with case, as wimlib does on UNIX for a directory capture (NTFS
     * volumes keep Windows' case-insensitive matching).
     */
    public CaptureConfig caseSensitive() {
        return ignoreCase ? new CaptureConfig(exclusionGlobs, exceptionGlobs, false) : this;
    }

    /** The default exclusions and no exceptions. */
    public static CaptureConfig defaults() {
        return new CaptureConfig(DEFAULT_EXCLUSIONS, List.of());
    }

    /** Nothing excluded. */
    public static CaptureConfig none() {
        return new CaptureConfig(List.of(), List.of());
    }

    /** Reads a wimscript.ini-style file (UTF-8, or UTF-16LE with a BOM). */
    public static CaptureConfig read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = raw.length >= 2 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE
                ? new String(raw, 2, raw.length - 2, StandardCharsets.UTF_16LE)
                : new String(raw, StandardCharsets.UTF_8).replace("\uFEFF", "");
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new CaptureException(file + ":" + e.getMessage());
        }
    }

    /**
     * Parses wimscript.ini text.
     *
     * @throws IllegalArgumentException "LINE: reason" for a relative glob of several components,
     *         which wimlib refuses too
     */
    public static CaptureConfig parse(String text) {
        List<String> excl = new ArrayList<>();
        List<String> exc = new ArrayList<>();
        List<String> current = null;
        int number = 0;
        for (String raw : text.split("\r?\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                String section = line.toLowerCase(Locale.ROOT);
                current = section.equals("[exclusionlist]") ? excl
                        : section.equals("[exclusionexception]") ? exc : null;
                continue;
            }
            if (current != null) {
                boolean quoted = line.length() > 1 && (line.startsWith("\"") && line.endsWith("\"")
                        || line.startsWith("'") && line.endsWith("'"));
                String glob = quoted ? line.substring(1, line.length() - 1) : line;
                String p = normalize(glob);
                if (!p.startsWith("\\") && p.indexOf('\\') >= 0) {
                    throw new IllegalArgumentException(number + ": relative pattern \"" + glob
                            + "\" has more than one component; anchor it at the root with a leading /");
                }
                current.add(glob);
            }
        }
        return new CaptureConfig(excl, exc);
    }

    /**
     * True if the path (from the volume root, '\' or '/' separated, leading separator) is
     * excluded and not saved by an exception.
     */
    public boolean excludes(String path) {
        String p = path.replace('/', '\\');
        if (!p.startsWith("\\")) {
            p = "\\" + p;
        }
        return matches(exclusions, p) && !matches(exceptions, p);
    }

    /** True if an {@code [ExclusionList]} glob matches the path itself (see {@link #excludes}). */
    public boolean matchesExclusion(String path) {
        return matches(exclusions, rooted(path));
    }

    /** True if an {@code [ExclusionException]} glob matches the path itself. */
    public boolean matchesException(String path) {
        return matches(exceptions, rooted(path));
    }

    /**
     * True if an absolute exception may match something below the directory {@code path}:
     * wimlib then captures an excluded directory for the sake of those entries alone.
     */
    public boolean mayExceptBelow(String path) {
        String p = rooted(path);
        String[] parts = p.length() == 1 ? new String[0] : p.substring(1).split("\\\\");
        for (List<Pattern> e : absoluteExceptions) {
            if (e.size() <= parts.length) {
                continue;
            }
            boolean prefix = true;
            for (int i = 0; i < parts.length && prefix; i++) {
                prefix = e.get(i).matcher(parts[i]).matches();
            }
            if (prefix) {
                return true;
            }
        }
        return false;
    }

    private static String rooted(String path) {
        String p = path.replace('/', '\\');
        return p.startsWith("\\") ? p : "\\" + p;
    }

    /**
     * A compiled glob; {@code separators}: for one anchored at the root, the number of
     * separators every path it matches has (wildcards stop at them), else -1.
     */
    private record Glob(Pattern pattern, int separators) {
    }

    private static boolean matches(List<Glob> globs, String path) {
        int separators = -1;
        for (Glob g : globs) {
            if (g.separators >= 0) {
                if (separators < 0) {
                    separators = separators(path);
                }
                if (g.separators != separators) {
                    continue; // most paths of a volume: no regex run (a sixth of an NTFS scan)
                }
            }
            if (g.pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static int separators(String path) {
        int n = 0;
        for (int i = path.indexOf('\\'); i >= 0; i = path.indexOf('\\', i + 1)) {
            n++;
        }
        return n;
    }

    private static List<Glob> compile(List<String> paths, boolean ignoreCase) {
        List<Glob> list = new ArrayList<>();
        for (String raw : paths) {
            String p = normalize(raw);
            // Unanchored paths match the last components of any path.
            boolean anchored = p.startsWith("\\");
            String re = (anchored ? "" : ".*\\\\") + glob(p);
            list.add(new Glob(Pattern.compile(re, flags(ignoreCase)), anchored ? separators(p) : -1));
        }
        return list;
    }

    /** Backslashes only; "C:\x" means the root of the captured volume; no trailing separator. */
    private static String normalize(String raw) {
        String p = raw.replace('/', '\\');
        p = p.length() >= 2 && p.charAt(1) == ':' ? p.substring(2) : p;
        while (p.length() > 1 && p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static int flags(boolean ignoreCase) {
        return ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    }

    /** A glob as a regular expression: {@code *} and {@code ?} stop at a separator. */
    private static String glob(String p) {
        StringBuilder re = new StringBuilder();
        for (char c : p.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^\\\\]*");
                case '?' -> re.append("[^\\\\]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
