package io.heapsift.ingest.valgrindxml;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thin, forward-only walk over a {@link XMLStreamReader}: "next child element of the current one",
 * "text of this element", "skip this element", with file positions. Character data between elements
 * is handed to {@link LineAccounting#strayText} (it is the traced program's stderr, not valgrind's).
 */
final class XmlCursor {

    private final XMLStreamReader reader;
    private final XmlTextReader text;
    private final LineAccounting accounting;

    private XmlCursor(XMLStreamReader reader, XmlTextReader text, LineAccounting accounting) {
        this.reader = reader;
        this.text = text;
        this.accounting = accounting;
    }

    /**
     * Opens a hardened parser over {@code text}: no DTD processing, no external entities (so no file or
     * network access, whatever the document declares), no entity replacement beyond XML's five
     * predefined ones, coalesced text, no namespaces (valgrind uses none).
     */
    static XmlCursor open(XmlTextReader text, LineAccounting accounting) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entity " + systemId + " not loaded");
        });
        return new XmlCursor(f.createXMLStreamReader(text), text, accounting);
    }

    /** File line of the parser's position (just after the current event). */
    long line() {
        Location l = reader.getLocation();
        return text.lineOffset() + Math.max(1, l.getLineNumber());
    }

    int column() {
        return Math.max(1, reader.getLocation().getColumnNumber());
    }

    /** Name of the current element. */
    String name() {
        return reader.getLocalName();
    }

    /** Advances to the root element; reports a DOCTYPE (never written by valgrind) to {@code onDoctype}. */
    boolean root(Runnable onDoctype) throws XMLStreamException {
        while (reader.hasNext()) {
            int ev = reader.next();
            if (ev == XMLStreamConstants.START_ELEMENT) return true;
            if (ev == XMLStreamConstants.DTD) onDoctype.run();
        }
        return false;
    }

    /**
     * From a start tag or a previous child's end tag: advances to the next child start tag (true) or to
     * the end tag of the current element (false).
     */
    boolean nextChild() throws XMLStreamException {
        while (true) {
            int ev = reader.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.END_DOCUMENT:
                    throw endedInside();
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!reader.isWhiteSpace()) accounting.strayText(reader.getText(), line());
                    break;
                default:
                    break; // whitespace, comments, processing instructions: not data
            }
        }
    }

    /** The text of the current element, stripped; nested elements are skipped. Ends on its end tag. */
    String text() throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int ev = reader.next();
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
            else if (ev == XMLStreamConstants.END_DOCUMENT) throw endedInside();
            else if (depth == 1 && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE)) sb.append(reader.getText());
        }
        return sb.toString().strip();
    }

    /**
     * Collects the text of the leaf elements below the current one, keyed by their path relative to it
     * ({@code memory_in_use_at_exit/bytes}; the element's own text under {@code ""}). The first
     * occurrence of a path wins; at most {@value #MAX_LEAVES} leaves and {@value #MAX_DEPTH} levels are
     * kept, so a hostile document cannot make this grow. Ends on the element's end tag.
     */
    Map<String, String> leaves() throws XMLStreamException {
        Map<String, String> out = new LinkedHashMap<>();
        leaves("", out, 0);
        return out;
    }

    private static final int MAX_LEAVES = 64;
    private static final int MAX_DEPTH = 8;

    private void leaves(String path, Map<String, String> out, int depth) throws XMLStreamException {
        StringBuilder own = new StringBuilder();
        boolean children = false;
        while (true) {
            int ev = reader.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                children = true;
                String child = path.isEmpty() ? name() : path + "/" + name();
                if (depth < MAX_DEPTH) leaves(child, out, depth + 1);
                else skip();
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                throw endedInside();
            } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) && own.length() < 4096) {
                own.append(reader.getText());
            }
        }
        if (!children && out.size() < MAX_LEAVES) out.putIfAbsent(path, own.toString().strip());
    }

    /** Skips the current element and everything in it. Ends on its end tag. */
    void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = reader.next();
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
            else if (ev == XMLStreamConstants.END_DOCUMENT) throw endedInside();
        }
    }

    private XMLStreamException endedInside() {
        return new XMLStreamException("XML document structures must start and end within the same entity.",
                reader.getLocation());
    }

    /** After the root's end tag: true if the parser ends cleanly there. */
    void finish() throws XMLStreamException {
        while (reader.hasNext()) reader.next();
    }

    void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing to release beyond our own reader, which the format closes
        }
    }
}
