package org.jwim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;

/**
 * Paths inside an image as wimlib-imagex takes them: from the root, '/' or '\' separated, the
 * leading separator optional, matched with case (as wimlib on UNIX); {@code *} and {@code ?}
 * match within one component, so a glob may name several entries.
 */
final class ImagePaths {
    private ImagePaths() {
    }

    /** The entries {@code path} names, in wimlib's listing order; empty when none. */
    static List<Dentry> match(ImageTree tree, String path, boolean globs) {
        List<Dentry> current = List.of(tree.root());
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            List<Dentry> next = new ArrayList<>();
            boolean wild = globs && (part.indexOf('*') >= 0 || part.indexOf('?') >= 0);
            Pattern glob = wild ? glob(part) : null;
            for (Dentry d : current) {
                if (!wild) {
                    Dentry c = d.child(part);
                    if (c != null) {
                        next.add(c);
                    }
                    continue;
                }
                List<Dentry> children = new ArrayList<>(d.children());
                children.sort(DirCommand.WIMLIB_ORDER);
                for (Dentry c : children) {
                    if (glob.matcher(c.name()).matches()) {
                        next.add(c);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * The paths of a wimlib listfile: one per line, UTF-8 or UTF-16LE (with its byte order
     * mark); surrounding blanks, empty lines and lines starting with ';' or '#' are ignored.
     */
    static List<String> listFile(byte[] raw) {
        String text = raw.length >= 2 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE
                ? new String(raw, 2, raw.length - 2, StandardCharsets.UTF_16LE)
                : new String(raw, StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith(";") && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    /** A listfile given as {@code @FILE}, or {@code @-} for standard input. */
    static List<String> listFile(String at) throws IOException {
        String name = at.substring(1);
        return listFile(name.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(name)));
    }

    private static Pattern glob(String part) {
        StringBuilder re = new StringBuilder();
        for (char c : part.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
