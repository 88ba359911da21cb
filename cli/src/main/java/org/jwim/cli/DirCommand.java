package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.model.TaggedItems;
import org.jwim.wim.model.UnixData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim dir WIM [IMAGE] [--detailed]}: one absolute path per line; with --detailed the
 * per-dentry fields in the format and order of {@code wimlib-imagex dir --detailed}. Children
 * are listed in wimlib's order (case-insensitive, then case-sensitive). Link group ids are
 * numbered by jwim (1, 2, ... per image), not taken from the file.
 */
@Command(name = "dir", mixinStandardHelpOptions = true, description = "List the files of an image.")
final class DirCommand implements Callable<Integer> {
    static final String SEPARATOR =
            "----------------------------------------------------------------------------";
    private static final String[] ATTRIBUTE_NAMES = {
        "READONLY", "HIDDEN", "SYSTEM", null, "DIRECTORY", "ARCHIVE", "DEVICE", "NORMAL",
        "TEMPORARY", "SPARSE_FILE", "REPARSE_POINT", "COMPRESSED", "OFFLINE",
        "NOT_CONTENT_INDEXED", "ENCRYPTED", "INTEGRITY_STREAM", "VIRTUAL", "NO_SCRUB_DATA",
        "EA", "PINNED", "UNPINNED", null, "RECALL_ON_DATA_ACCESS"};
    private static final int RESHDR_FLAG_SOLID = 0x10;
    /**
     * Names case-insensitively, then exactly. One lambda of this class, which the AOT cache
     * holds, not {@code Comparator.comparing(..).thenComparing(..)}: lambdas made inside an
     * interface are not archived, and spinning them cost every dir 3-5 ms.
     */
    static final Comparator<Dentry> WIMLIB_ORDER = (a, b) -> {
        int c = String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name());
        return c != 0 ? c : a.name().compareTo(b.name());
    };

    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE", description = "Index or name.")
    String image;

    @Option(names = "--detailed", description = "Print every field of each entry, like wimlib-imagex.")
    boolean detailed;

    @Option(names = "--path", paramLabel = "PATH", description = "List the entries under PATH instead of the root.")
    String path;

    @Option(names = "--one-file-only", description = "List PATH alone, not what is under it.")
    boolean oneFileOnly;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        try (WimFile w = refs.open(wim)) {
            int index = image == null ? Cli.onlyImage(w) : Cli.image(w, image);
            ImageTree tree = w.readImage(index);
            Map<Sha1, BlobInfo> blobs = new HashMap<>();
            for (BlobInfo b : w.blobs()) {
                if (!b.metadata()) {
                    blobs.put(b.hash(), b);
                }
            }
            Deque<Dentry> stack = new ArrayDeque<>();
            if (path == null) {
                stack.push(tree.root());
            } else {
                Dentry start = tree.root();
                for (String part : path.replace('\\', '/').split("/")) {
                    start = part.isEmpty() || start == null ? start : start.child(part);
                }
                if (start == null) {
                    throw new CaptureException("\"" + path + "\" does not exist in image " + index + " of " + wim);
                }
                stack.push(start);
            }
            while (!stack.isEmpty()) {
                Dentry d = stack.pop();
                if (detailed) {
                    printDetailed(d, tree, blobs, out);
                } else {
                    out.println(d.path());
                }
                if (oneFileOnly) {
                    break;
                }
                List<Dentry> children = new ArrayList<>(d.children());
                children.sort(WIMLIB_ORDER);
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
            for (var warning : w.warnings()) {
                Cli.err(spec).println("jwim: warning: " + warning);
            }
        }
        return 0;
    }

    private static final String[] OBJECT_ID_FIELDS = {"Object ID", "Birth Volume ID", "Birth Object ID", "Domain ID"};

    static void printDetailed(Dentry d, ImageTree tree, Map<Sha1, BlobInfo> blobs,
            PrintWriter out) {
        Inode inode = d.inode();
        out.println(SEPARATOR);
        out.printf("Full Path           = \"%s\"%n", d.path());
        out.printf("Short Name          = \"%s\"%n", d.shortName());
        out.printf("Attributes          = 0x%08x%n", inode.attributes());
        for (int bit = 0; bit < ATTRIBUTE_NAMES.length; bit++) {
            if (ATTRIBUTE_NAMES[bit] != null && (inode.attributes() & (1 << bit)) != 0) {
                out.printf("    FILE_ATTRIBUTE_%s is set%n", ATTRIBUTE_NAMES[bit]);
            }
        }
        int sid = inode.securityId();
        if (sid >= 0 && sid < tree.security().size()) {
            out.printf("Security Descriptor = %s%n", HexFormat.of().formatHex(tree.security().get(sid)));
        }
        out.printf("Creation Time       = %s%n", Cli.time(inode.creationInstant()));
        out.printf("Last Write Time     = %s%n", Cli.time(inode.lastWriteInstant()));
        out.printf("Last Access Time    = %s%n", Cli.time(inode.lastAccessInstant()));
        if (inode.isReparsePoint()) {
            out.printf("Reparse Tag         = 0x%08x%n", inode.reparseTag());
        }
        out.printf("Link Group ID       = 0x%016x%n", inode.storedLinkGroup());
        out.printf("Link Count          = %d%n", inode.dentries().size());
        UnixData unix = UnixData.of(inode);
        if (unix != null) {
            out.printf("UNIX Data           = uid:%d gid:%d mode:0%o rdev:0x%x%n", unix.uid(), unix.gid(), unix.mode(),
                    unix.rdev());
        }
        printObjectId(TaggedItems.find(inode.taggedItems(), TaggedItems.TAG_OBJECT_ID), out);
        StreamRef first = inode.isReparsePoint() ? inode.stream(StreamKind.REPARSE, "") : inode.unnamedData();
        printStream(inode.isReparsePoint() ? "Reparse point stream:" : "Unnamed data stream:", first, blobs, out);
        for (StreamRef s : inode.streams()) {
            if (s.kind() == StreamKind.DATA && !s.name().isEmpty()) {
                printStream("Named data stream \"" + s.name() + "\":", s, blobs, out);
            }
        }
    }

    /** As wimlib prints a FILE_OBJECTID_BUFFER: each of its four GUIDs only when not all zero. */
    private static void printObjectId(byte[] id, PrintWriter out) {
        for (int i = 0; id != null && i < OBJECT_ID_FIELDS.length && 16 * (i + 1) <= id.length; i++) {
            byte[] guid = java.util.Arrays.copyOfRange(id, 16 * i, 16 * (i + 1));
            if (!java.util.Arrays.equals(guid, new byte[16])) {
                out.printf("%-20s= 0x%s%n", OBJECT_ID_FIELDS[i], HexFormat.of().formatHex(guid));
            }
        }
    }

    private static void printStream(String title, StreamRef s, Map<Sha1, BlobInfo> blobs, PrintWriter out) {
        out.println("\t" + title);
        Sha1 hash = s == null || s.hash() == null ? Sha1.ZERO : s.hash();
        BlobInfo b = hash.isZero() ? null : blobs.get(hash);
        out.printf("Hash              = 0x%s%n", hash);
        out.printf("Uncompressed size = %d bytes%n", s == null ? 0 : s.size());
        if (b != null && (b.flags() & RESHDR_FLAG_SOLID) != 0) {
            // wimlib also prints "Solid resource = stored => size @ offset" of the enclosing
            // solid resource; BlobInfo does not say which one that is, so only this line is kept
            out.printf("Solid offset      = %d bytes%n", b.offset());
        } else {
            out.printf("Compressed size   = %d bytes%n", b == null ? 0 : b.storedSize());
            out.printf("Offset in WIM     = %d bytes%n", b == null ? 0 : b.offset());
        }
        out.printf("Part Number       = %d%n", b == null ? 0 : b.partNumber());
        out.printf("Reference Count   = %d%n", b == null ? 0 : b.refCount());
        out.printf("Flags             = %s%n", b == null ? "" : resourceFlags(b.flags()));
        out.println();
    }

    /** Resource flags as wimlib prints them: each set flag's name followed by two spaces. */
    static String resourceFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"FREE", "METADATA", "COMPRESSED", "SPANNED", "SOLID"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append("WIM_RESHDR_FLAG_").append(names[i]).append("  ");
            }
        }
        return sb.toString();
    }
}
