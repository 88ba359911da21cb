package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimHeaderInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim info WIM [IMAGE [NEWNAME [NEWDESC]]] [--header|--blobs|--xml] [--boot]
 * [--image-property NAME=VALUE]}: lines as wimlib-imagex info prints; with a new name, a new
 * description, --boot or --image-property the WIM is changed (atomically replaced).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show information about a WIM file and its images.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    NetOptions net;

    static final int HDR_FLAG_READONLY = 0x4;
    static final int HDR_FLAG_RESOURCE_ONLY = 0x10;
    static final int HDR_FLAG_METADATA_ONLY = 0x20;
    static final int HDR_FLAG_RP_FIX = 0x80;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE", description = "Index or name.")
    String image;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NEWNAME", description = "Rename the image.")
    String newName;

    @Parameters(index = "3", arity = "0..1", paramLabel = "NEWDESC", description = "New description.")
    String newDescription;

    @Option(names = "--boot", description = "Mark IMAGE bootable.")
    boolean boot;

    @Option(names = "--image-property", paramLabel = "NAME=VALUE",
            description = "Set an XML property of IMAGE, e.g. FLAGS=Core or WINDOWS/EDITIONID=Pro (repeatable).")
    List<String> properties = new ArrayList<>();

    @ArgGroup(exclusive = true)
    What what;

    static final class What {
        @Option(names = "--header", description = "Print the raw header fields.")
        boolean header;
        @Option(names = "--blobs", description = "Print the blob table.")
        boolean blobs;
        @Option(names = "--xml", description = "Print the XML data.")
        boolean xml;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        if (newName != null || boot || !properties.isEmpty()) {
            // the image is named by index afterwards: a rename changes its name
            image = Integer.toString(ImageEdit.apply(spec, wim, image, newName, newDescription, boot, properties));
        }
        try (WimFile w = Cli.open(wim)) {
            int index = image == null ? 0 : Cli.image(w, image);
            if (what != null && what.header) {
                HeaderPrinter.print(w.path(), out);
            } else if (what != null && what.blobs) {
                for (BlobInfo b : w.blobs()) {
                    printBlob(b, out);
                }
            } else if (what != null && what.xml) {
                out.println(w.xml());
            } else {
                printInfo(w, index, out);
            }
            for (var warning : w.warnings()) {
                Cli.err(spec).println("jwim: warning: " + warning);
            }
        }
        return 0;
    }

    /** The summary wimlib-imagex info prints; {@code index} 0 lists every image. */
    static void printInfo(WimFile w, int index, PrintWriter out) throws IOException {
        if (index != 0) {
            // wimlib prints only the image asked for, under its own title
            String title = "Information for Image " + index;
            out.println(title);
            out.println("-".repeat(title.length()));
            printImages(w, index, out);
            return;
        }
        WimHeaderInfo h = w.header();
        out.println("WIM Information:");
        out.println("----------------");
        out.printf("Path:           %s%n", w.path());
        out.printf("GUID:           0x%s%n", h.guid());
        out.printf("Version:        %d%n", h.version());
        out.printf("Image Count:    %d%n", w.imageCount());
        out.printf("Compression:    %s%n", compressionName(w.compression()));
        out.printf("Chunk Size:     %d bytes%n", w.chunkSize());
        out.printf("Part Number:    %d/%d%n", h.partNumber(), h.totalParts());
        out.printf("Boot Index:     %d%n", w.bootIndex());
        out.printf("Size:           %d bytes%n", xmlTotalBytes(w.xml()));
        out.printf("Attributes:     %s%n", attributes(w, h));
        if (!w.compression().isStandard()) {
            out.printf("Note:           %s compression is a jwim extension: this WIM is readable by"
                    + " jwim only (not by wimlib or DISM)%n", compressionName(w.compression()));
        }
        out.println();
        out.println("Available Images:");
        out.println("-----------------");
        printImages(w, 0, out);
    }

    private static void printImages(WimFile w, int index, PrintWriter out) throws IOException {
        for (ImageSummary s : w.images()) {
            if (index != 0 && s.index() != index) {
                continue;
            }
            out.printf("Index:                  %d%n", s.index());
            out.printf("Name:                   %s%n", s.info().name());
            out.printf("Description:            %s%n", s.info().description());
            if (!s.info().creator().isEmpty()) {
                out.printf("Creator:                %s%n", s.info().creator());
            }
            if (!s.info().version().isEmpty()) {
                out.printf("Image Version:          %s%n", s.info().version());
            }
            out.printf("Directory Count:        %d%n", s.dirCount());
            out.printf("File Count:             %d%n", s.fileCount());
            out.printf("Total Bytes:            %d%n", s.totalBytes());
            out.printf("Hard Link Bytes:        %d%n", s.hardLinkBytes());
            out.printf("Creation Time:          %s%n", Cli.time(s.creationInstant()));
            out.printf("Last Modification Time: %s%n", Cli.time(s.lastModificationInstant()));
            out.printf("WIMBoot compatible:     %s%n", wimboot(w.xml(), s.index()) ? "yes" : "no");
            out.println();
        }
    }

    static String compressionName(CompressionType t) {
        switch (t) {
            case NONE: return "None";
            case XPRESS: return "XPRESS";
            case LZX: return "LZX";
            case LZMS: return "LZMS";
            default: return t.name();
        }
    }

    /** The header's attributes in wimlib's words and order (it names no "Spanned"). */
    private static String attributes(WimFile w, WimHeaderInfo h) {
        List<String> a = new ArrayList<>();
        if (w.hasIntegrityTable()) {
            a.add("Integrity info");
        }
        if ((h.flags() & HDR_FLAG_RP_FIX) != 0) {
            a.add("Relative path junction");
        }
        if ((h.flags() & HDR_FLAG_RESOURCE_ONLY) != 0) {
            a.add("Resource only");
        }
        if ((h.flags() & HDR_FLAG_METADATA_ONLY) != 0) {
            a.add("Metadata only");
        }
        if ((h.flags() & HDR_FLAG_READONLY) != 0) {
            a.add("Readonly");
        }
        return String.join(", ", a);
    }

    /** The WIM-wide TOTALBYTES of the XML (after the last image), which wimlib shows as Size; 0 if absent. */
    static long xmlTotalBytes(String xml) {
        int from = Math.max(xml.lastIndexOf("</IMAGE>"), 0);
        Matcher m = Pattern.compile("<TOTALBYTES>(\\d+)</TOTALBYTES>").matcher(xml);
        return m.find(from) ? Long.parseLong(m.group(1)) : 0;
    }

    /** Whether image {@code index}'s XML says WIMBOOT 1. */
    static boolean wimboot(String xml, int index) {
        Matcher m = Pattern.compile("<IMAGE INDEX=\"" + index + "\">(.*?)</IMAGE>", Pattern.DOTALL).matcher(xml);
        return m.find() && m.group(1).contains("<WIMBOOT>1</WIMBOOT>");
    }

    /** One blob-table entry in wimlib-imagex info --blobs format. */
    static void printBlob(BlobInfo b, PrintWriter out) {
        out.printf("Hash              = 0x%s%n", b.hash());
        out.printf("Uncompressed size = %d bytes%n", b.size());
        out.printf("Compressed size   = %d bytes%n", b.storedSize());
        out.printf("Offset in WIM     = %d bytes%n", b.offset());
        out.printf("Part Number       = 1%n");
        out.printf("Reference Count   = %d%n", b.refCount());
        out.printf("Flags             = %s%n", DirCommand.resourceFlags(b.flags()));
        out.println();
    }
}
