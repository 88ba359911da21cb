package org.jwim.wim.format;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The WIM's XML data (UTF-16LE with BOM, no declaration): a WIM element with one IMAGE per
 * image and TOTALBYTES. Unknown elements are kept so that a rewrite preserves them.
 */
public final class XmlData {
    private final Document doc;
    private final Element root;

    private XmlData(Document doc) {
        this.doc = doc;
        this.root = doc.getDocumentElement();
    }

    /** An empty WIM element. */
    public static XmlData empty() {
        Document d = newBuilder().newDocument();
        d.appendChild(d.createElement("WIM"));
        return new XmlData(d);
    }

    /** Parses XML resource bytes; {@code fileOffset} is used in messages. */
    public static XmlData parse(byte[] raw, long fileOffset) throws WimFormatException {
        int start = 0;
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE) {
            start = 2;
        }
        String text = new String(raw, start, (raw.length - start) & ~1, StandardCharsets.UTF_16LE);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            text = text.substring(0, nul);
        }
        try {
            Document d = newBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            if (!"WIM".equals(d.getDocumentElement().getTagName())) {
                throw new WimFormatException(fileOffset, "XML root element is <"
                        + d.getDocumentElement().getTagName() + ">, expected <WIM>");
            }
            return new XmlData(d);
        } catch (SAXException | java.io.IOException e) {
            throw new WimFormatException(fileOffset, "XML data is not well-formed: " + e.getMessage());
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }

    /** IMAGE elements ordered by their INDEX attribute. */
    public List<Element> images() {
        List<Element> list = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("IMAGE")) {
                list.add(e);
            }
        }
        list.sort((a, b) -> Long.compare(index(a), index(b)));
        return list;
    }

    private static long index(Element e) {
        try {
            return Long.parseLong(e.getAttribute("INDEX").trim());
        } catch (NumberFormatException ex) {
            return Long.MAX_VALUE;
        }
    }

    /** Checks that the IMAGE INDEX values are exactly 1..count. */
    public void checkImages(long count, long fileOffset) throws WimFormatException {
        List<Element> imgs = images();
        if (imgs.size() != count) {
            throw new WimFormatException(fileOffset, "XML data lists " + imgs.size()
                    + " images but the header says " + count);
        }
        for (int i = 0; i < imgs.size(); i++) {
            if (index(imgs.get(i)) != i + 1) {
                throw new WimFormatException(fileOffset, "XML IMAGE INDEX values are not 1.."
                        + count + " (found " + imgs.get(i).getAttribute("INDEX") + ")");
            }
        }
    }

    public ImageSummary summary(int index) {
        Element e = images().get(index - 1);
        ImageInfo info = new ImageInfo(text(e, "NAME"), text(e, "DESCRIPTION"), text(e, "CREATOR"),
                text(e, "VERSION"));
        return new ImageSummary(index, info, number(e, "DIRCOUNT"), number(e, "FILECOUNT"),
                number(e, "TOTALBYTES"), number(e, "HARDLINKBYTES"), time(e, "CREATIONTIME"),
                time(e, "LASTMODIFICATIONTIME"));
    }

    /** Adds an IMAGE element with the next index, in the order wimlib writes children. */
    public void addImage(ImageInfo info, long dirCount, long fileCount, long totalBytes,
            long hardLinkBytes, long creationTime, long modificationTime) {
        Element img = doc.createElement("IMAGE");
        img.setAttribute("INDEX", Integer.toString(images().size() + 1));
        if (!info.name().isEmpty()) {
            child(img, "NAME", info.name());
        }
        child(img, "DIRCOUNT", Long.toString(dirCount));
        child(img, "FILECOUNT", Long.toString(fileCount));
        child(img, "TOTALBYTES", Long.toString(totalBytes));
        child(img, "HARDLINKBYTES", Long.toString(hardLinkBytes));
        timeChild(img, "CREATIONTIME", creationTime);
        timeChild(img, "LASTMODIFICATIONTIME", modificationTime);
        if (!info.description().isEmpty()) {
            child(img, "DESCRIPTION", info.description());
        }
        if (!info.creator().isEmpty()) {
            child(img, "CREATOR", info.creator());
        }
        if (!info.version().isEmpty()) {
            child(img, "VERSION", info.version());
        }
        Element total = directChild(root, "TOTALBYTES");
        root.insertBefore(img, total);
    }

    /**
     * Adds a copy of image {@code index} of another WIM's XML (times, WINDOWS details and all)
     * as the next image, named and described as {@code info} says.
     */
    public void addImageCopy(XmlData from, int index, ImageInfo info) {
        Element img = (Element) doc.importNode(from.images().get(index - 1), true);
        img.setAttribute("INDEX", Integer.toString(images().size() + 1));
        root.insertBefore(img, directChild(root, "TOTALBYTES"));
        int at = images().size();
        setImageProperty(at, "NAME", info.name());
        setImageProperty(at, "DESCRIPTION", info.description());
    }

    /** Removes image {@code index}; the images after it move down one index. */
    public void removeImage(int index) {
        List<Element> imgs = images();
        root.removeChild(imgs.get(index - 1));
        for (int i = index; i < imgs.size(); i++) {
            imgs.get(i).setAttribute("INDEX", Integer.toString(i));
        }
    }

    /**
     * Sets a property of image {@code index}: {@code path} names nested elements separated by
     * '/' (as wimlib's --image-property, e.g. {@code WINDOWS/EDITIONID} or {@code FLAGS});
     * missing elements are created, an empty value removes the element.
     */
    public void setImageProperty(int index, String path, String value) {
        Element e = images().get(index - 1);
        String[] names = path.split("/");
        for (int i = 0; i < names.length; i++) {
            if (!names[i].matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("bad image property name \"" + path + "\"");
            }
            Element c = directChild(e, names[i]);
            if (c == null) {
                if (value.isEmpty()) {
                    return;
                }
                c = doc.createElement(names[i]);
                e.appendChild(c);
            }
            e = c;
        }
        if (value.isEmpty()) {
            e.getParentNode().removeChild(e);
        } else {
            e.setTextContent(value);
        }
    }

    /** Sets the WIM-level TOTALBYTES (wimlib writes the XML's own file offset), after the images. */
    public void setTotalBytes(long value) {
        Element total = directChild(root, "TOTALBYTES");
        if (total != null) {
            root.removeChild(total);
        }
        child(root, "TOTALBYTES", Long.toString(value));
    }

    /** The document serialized compactly as wimlib does: BOM + UTF-16LE, no declaration. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        serialize(root, sb);
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[text.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    /** The XML as text (without BOM). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        serialize(root, sb);
        return sb.toString();
    }

    private static void serialize(Node n, StringBuilder sb) {
        if (n instanceof Element e) {
            sb.append('<').append(e.getTagName());
            var attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Node a = attrs.item(i);
                sb.append(' ').append(a.getNodeName()).append("=\"");
                escape(a.getNodeValue(), sb);
                sb.append('"');
            }
            sb.append('>');
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                serialize(c, sb);
            }
            sb.append("</").append(e.getTagName()).append('>');
        } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
            if (!n.getNodeValue().isBlank()) {
                escape(n.getNodeValue(), sb);
            }
        }
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    private void child(Element parent, String tag, String value) {
        Element c = doc.createElement(tag);
        c.setTextContent(value);
        parent.appendChild(c);
    }

    private void timeChild(Element parent, String tag, long filetime) {
        Element t = doc.createElement(tag);
        child(t, "HIGHPART", String.format("0x%08X", filetime >>> 32));
        child(t, "LOWPART", String.format("0x%08X", filetime & 0xFFFF_FFFFL));
        parent.appendChild(t);
    }

    private static Element directChild(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        Element e = directChild(parent, tag);
        return e == null ? "" : e.getTextContent().trim();
    }

    private static long number(Element parent, String tag) {
        try {
            return Long.parseLong(text(parent, tag));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long time(Element parent, String tag) {
        Element e = directChild(parent, tag);
        if (e == null) {
            return 0;
        }
        return (hex(text(e, "HIGHPART")) << 32) | hex(text(e, "LOWPART"));
    }

    private static long hex(String s) {
        try {
            String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
            return Long.parseLong(t, 16) & 0xFFFF_FFFFL;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
