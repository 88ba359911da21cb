package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jwim.capture.Apply;
import org.jwim.capture.CaptureException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.WimFile;
import org.jwim.wim.compress.Codecs;
import picocli.CommandLine;

/** Helpers shared by the commands: image selection, time formatting, output. */
final class Cli {
    private static final DateTimeFormatter WIMLIB_TIME = DateTimeFormatter
            .ofPattern("EEE MMM dd HH:mm:ss yyyy 'UTC'", Locale.US).withZone(ZoneOffset.UTC);

    private Cli() {
    }

    static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static PrintWriter err(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** A time as wimlib prints it, e.g. "Tue Nov 24 07:40:09 2026 UTC". */
    static String time(Instant time) {
        return WIMLIB_TIME.format(time);
    }

    /**
     * Resolves an image given by 1-based index or by name.
     *
     * @throws CaptureException if there is no such image
     */
    static int image(WimFile wim, String spec) throws CaptureException {
        return Apply.imageIndex(wim, spec);
    }

    /** Images given as an index, a name or {@code all} (every image, in order). */
    static List<Integer> images(WimFile wim, String spec) throws CaptureException {
        if (spec.equalsIgnoreCase("all")) {
            return java.util.stream.IntStream.rangeClosed(1, wim.imageCount()).boxed().toList();
        }
        return List.of(image(wim, spec));
    }

    /** The only image of a WIM, or an error asking for one. */
    static int onlyImage(WimFile wim) throws CaptureException {
        return Apply.imageIndex(wim, null);
    }

    static WimFile open(Path path) throws IOException {
        return Errors.openWim(path);
    }

    /**
     * The compression {@code --compress=name} asks for; a usage error when the name is unknown
     * or this build cannot write that type (LZMS is read but not written).
     */
    static CompressionType compression(CommandLine.Model.CommandSpec spec, String name) {
        int colon = name.indexOf(':');
        String typeName = colon < 0 ? name : name.substring(0, colon);
        try {
            CompressionType t = CompressionType.parse(typeName);
            if (t != CompressionType.NONE) {
                Codecs.compressor(t, t.defaultChunkSize(), compressionLevel(spec, name));
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compress=" + name + ": " + e.getMessage());
        } catch (UnsupportedWimException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--compress=" + name + ": jwim reads this compression but cannot write it");
        }
    }

    /**
     * The LEVEL of wimlib's {@code --compress=TYPE:LEVEL} (a positive integer; 20 quick, 50 the
     * default, 100 high), or the default when there is none; a usage error when it is not a
     * positive number.
     */
    static int compressionLevel(CommandLine.Model.CommandSpec spec, String name) {
        int colon = name == null ? -1 : name.indexOf(':');
        if (colon < 0) {
            return Codecs.DEFAULT_LEVEL;
        }
        String level = name.substring(colon + 1);
        try {
            int n = Integer.parseInt(level);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--compress=" + name + ": the level must be a positive integer (20 quick, 50 default, 100 high)");
    }

    /**
     * wimlib's {@code --check} (true) and {@code --nocheck} (false) as one setting; null when
     * neither is given: a new WIM gets no integrity table, one appended to or rebuilt keeps what
     * it has ({@link org.jwim.wim.WriteOptions}).
     */
    static Boolean integrity(boolean check, boolean nocheck) throws CaptureException {
        if (check && nocheck) {
            throw new CaptureException("--check and --nocheck exclude each other");
        }
        return check ? Boolean.TRUE : nocheck ? Boolean.FALSE : null;
    }

    /**
     * The line a write of {@code wim} stopped by a signal prints: the writer removed its
     * temporary file and the WIM is as before ({@code existed}) or absent.
     */
    static String interruptedWrite(Path wim, boolean existed) {
        return "jwim: interrupted: " + wim + (existed ? " left as it was" : " not written") + "; no temporary file is left";
    }
}
