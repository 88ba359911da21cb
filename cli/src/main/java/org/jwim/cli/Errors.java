package org.jwim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.apply.FileErrors;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimFormatException;

/**
 * The one translation of failures into the error line a user reads: the file and the reason
 * ("nope.wim: no such file"), never a Java class name or "(null)".
 */
final class Errors {
    /** Bytes of a WIM header: a shorter file is not a WIM at all. */
    private static final long HEADER_SIZE = 208;

    private Errors() {
    }

    /** The text after "jwim: error: " for a failure that ended a command. */
    static String message(Throwable t) {
        Throwable x = t;
        while ((x instanceof UncheckedIOException || x.getMessage() == null) && x.getCause() != null) {
            x = x.getCause();
        }
        String m;
        if (x instanceof FileSystemException f && f.getFile() != null) {
            m = f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason(f);
        } else if (x.getMessage() != null && !x.getMessage().isBlank()) {
            m = x.getMessage();
        } else {
            m = "unexpected failure (rerun with --debug for details)";
        }
        return m.replace('\n', ' ');
    }

    /** The reason of a file-system error in lower case, as a message fragment. */
    private static String reason(IOException e) {
        String r = FileErrors.reason(e);
        if (r.equals("no such file or directory")) {
            return "no such file";
        }
        return r.length() > 1 && Character.isUpperCase(r.charAt(0)) && Character.isLowerCase(r.charAt(1))
                ? Character.toLowerCase(r.charAt(0)) + r.substring(1) : r;
    }

    /** Fails naming {@code path} when it is a directory where a disk or image file is wanted. */
    static void notADirectory(Path path, String wanted) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory, not " + wanted);
        }
    }

    /** Opens a WIM. */
    interface Opener {
        WimFile open() throws IOException;
    }

    /**
     * Opens a WIM file the user named; a failure names it ("x: is a directory", "x: not a WIM
     * file (bad magic ...)"), which matters where two files are in play.
     */
    static WimFile openWim(Path path) throws IOException {
        return openWim(path, () -> WimFile.open(path));
    }

    /** Opens a WIM {@code path} with {@code opener} (e.g. with its split parts), naming it on failure. */
    static WimFile openWim(Path path, Opener opener) throws IOException {
        notADirectory(path, "a WIM file");
        try {
            return opener.open();
        } catch (WimFormatException e) {
            boolean header = e.offset() == 0 && (e.getMessage().startsWith("bad magic") || Files.size(path) < HEADER_SIZE);
            throw new WimFormatException(path + (header ? ": not a WIM file (" : ": damaged or truncated WIM file (")
                    + e.getMessage() + ")");
        }
    }
}
