package org.jwim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.capture.apply.UnixDataApply;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.StreamRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim extract WIM IMAGE [PATH|@LISTFILE]... [--dest-dir D | --to-stdout]}, as wimlib-imagex extract. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract files or directories of an image (the whole image without PATH) into a directory.",
                "PATH is from the image root, '/' or '\\' separated, with * and ? wildcards; @LISTFILE reads"
                        + " paths one per line (@- from standard input; ';' and '#' start comments) and"
                        + " keeps their directories."})
final class ExtractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Index or name.")
    String image;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "PATH|@LISTFILE")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dest-dir", paramLabel = "D", description = "Where to put them (default: current directory).")
    Path dest = Path.of(".");

    @Option(names = "--to-stdout", description = "Write the files' data to standard output (regular files only).")
    boolean toStdout;

    @Option(names = {"--no-globs", "--no-wildcards"}, description = "Take * and ? in paths literally.")
    boolean noGlobs;

    @Option(names = "--nullglob", description = "A path that matches nothing is a warning, not an error.")
    boolean nullGlob;

    @Option(names = "--preserve-dir-structure",
            description = "Put each path under its directories from the image root (as listfile paths are).")
    boolean preserveDirs;

    @Option(names = "--unix-data", description = "Restore UNIX owners, groups, modes and special files (see apply).")
    boolean unixData;

    @Option(names = "--no-acls", description = "Do not apply security descriptors.")
    boolean noAcls;

    @Option(names = {"--recover-data", "--skip-corrupt"}, description = "Skip (and list) files whose data is corrupt instead of failing.")
    boolean skipCorrupt;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        long warnings = 0;
        try (WimFile w = refs.open(wim)) {
            ImageTree tree = w.readImage(Cli.image(w, image));
            if (noAcls) {
                tree = tree.withoutSecurity();
            }
            // selected entries, each with whether it keeps its directories
            Map<Dentry, Boolean> selected = new LinkedHashMap<>();
            List<String> args = paths.isEmpty() ? List.of("/") : paths;
            for (String arg : args) {
                boolean list = arg.startsWith("@");
                for (String p : list ? ImagePaths.listFile(arg) : List.of(arg)) {
                    List<Dentry> found = ImagePaths.match(tree, p, !noGlobs);
                    if (found.isEmpty()) {
                        if (!nullGlob) {
                            throw new CaptureException("\"" + p + "\" does not exist in the image");
                        }
                        err.println("jwim: warning: \"" + p + "\" matches nothing in the image");
                        warnings++;
                    }
                    for (Dentry d : found) {
                        selected.merge(d, list || preserveDirs, Boolean::logicalOr);
                    }
                }
            }
            if (toStdout) {
                return toStdout(w, selected.keySet());
            }
            long[] totals = new long[3];
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Path, List<Dentry>> group : groups(selected).entrySet()) {
                Files.createDirectories(group.getKey());
                ApplyReport r = DirectoryTarget.of(group.getKey()).skipCorrupt(skipCorrupt)
                        .warnings(m -> err.println("jwim: warning: " + m)).readOrder(w.readOrder())
                        .extract(group.getValue(), w::openBlob);
                if (unixData) {
                    r = UnixDataApply.restore(group.getValue(), group.getKey(), r, m -> err.println("jwim: warning: " + m));
                }
                totals[0] += r.directories();
                totals[1] += r.files() + r.hardLinks() + r.symlinks();
                totals[2] += r.bytes();
                r.warnings().forEach(x -> problems.add(x.toString()));
                problems.addAll(r.corrupt());
            }
            out.printf("Extracted %d path(s) to %s: %d directories, %d files, %d bytes%n",
                    selected.size(), dest, totals[0], totals[1], totals[2]);
            return Main.exitCode(warnings > 0 || !problems.isEmpty());
        }
    }

    /** The directory each entry goes to: the destination, or its image directories below it. */
    private Map<Path, List<Dentry>> groups(Map<Dentry, Boolean> selected) {
        Map<Path, List<Dentry>> groups = new LinkedHashMap<>();
        for (Map.Entry<Dentry, Boolean> e : selected.entrySet()) {
            Dentry d = e.getKey();
            Path where = dest;
            if (e.getValue() && d.parent() != null && d.parent().parent() != null) {
                where = dest.resolve(d.parent().path().substring(1));
            }
            groups.computeIfAbsent(where, k -> new ArrayList<>()).add(d);
        }
        return groups;
    }

    /** wimlib's --to-stdout: the unnamed data of each file, in order; directories and links refused. */
    private int toStdout(WimFile w, Iterable<Dentry> selected) throws IOException {
        for (Dentry d : selected) {
            if (d.inode().isDirectory() || d.inode().isReparsePoint()) {
                throw new CaptureException("\"" + d.path() + "\" is not a regular file; --to-stdout extracts files only");
            }
        }
        Cli.out(spec).flush();
        OutputStream raw = Main.RAW_OUT.get();
        for (Dentry d : selected) {
            StreamRef data = d.inode().unnamedData();
            if (data == null || data.size() == 0) {
                continue;
            }
            try (InputStream in = w.openBlob(data.hash())) {
                in.transferTo(raw);
            }
        }
        raw.flush();
        return Main.OK;
    }
}
