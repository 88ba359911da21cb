package org.jwim.capture.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which paths a volume capture leaves out, in the wimscript.ini form DISM and wimlib read:
 * {@code [ExclusionList]} and {@code [ExclusionException]} sections of paths; a leading
 * {@code \} anchors a path at the volume root, otherwise it matches the last components of any
 * path; {@code *} and {@code ?} are wildcards; matching ignores case, as on Windows.
 */
public final class CaptureConfig {
    /** DISM's and wimlib's default exclusions for a Windows volume. */
    public static final List<String> DEFAULT_EXCLUSIONS = List.of("\\$ntfs.log", "\\hiberfil.sys",
            "\\pagefile.sys", "\\swapfile.sys", "\\System Volume Information", "\\RECYCLER",
            "\\$Recycle.Bin", "\\Windows\\CSC");

    private final List<Pattern> exclusions;
    private final List<Pattern> exceptions;

    private CaptureConfig(List<String> exclusions, List<String> exceptions) {
        this.exclusions = compile(exclusions);
        this.exceptions = compile(exceptions);
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
        return parse(text);
    }

    public static CaptureConfig parse(String text) {
        List<String> excl = new ArrayList<>();
        List<String> exc = new ArrayList<>();
        List<String> current = null;
        for (String raw : text.split("\r?\n")) {
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
                current.add(line.length() > 1 && line.startsWith("\"") && line.endsWith("\"")
                        ? line.substring(1, line.length() - 1) : line);
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

    private static boolean matches(List<Pattern> patterns, String path) {
        for (Pattern pat : patterns) {
            if (pat.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(List<String> paths) {
        List<Pattern> list = new ArrayList<>();
        for (String raw : paths) {
            String p = raw.replace('/', '\\');
            if (p.length() >= 2 && p.charAt(1) == ':') {
                p = p.substring(2); // "C:\x" means the root of the captured volume
            }
            // Unanchored paths match the last components of any path.
            StringBuilder re = new StringBuilder(p.startsWith("\\") ? "" : ".*\\\\");
            for (char c : p.toCharArray()) {
                switch (c) {
                    case '*' -> re.append("[^\\\\]*");
                    case '?' -> re.append("[^\\\\]");
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            list.add(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return list;
    }
}
