package io.heapsift.gate;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit XML (the Ant/Surefire dialect CI servers read): one {@code testsuite} per trace, one {@code testcase} per
 * rule checked on it ({@code failure} with the rule's sentences), rules that do not apply as {@code skipped},
 * and an unusable input as a testcase {@code input} with an {@code error}.
 */
public final class JunitWriter {

    public void write(GateReport r, OutputStream os) throws IOException {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "heapsift gate");
            long tests = 0, failures = 0, errors = 0;
            for (TraceVerdict t : r.traces()) {
                tests += t.checked().size() + t.skipped().size();
                failures += failedRules(t).size();
                if (t.status() == TraceVerdict.Status.UNUSABLE) errors++;
            }
            w.writeAttribute("tests", Long.toString(tests));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeAttribute("errors", Long.toString(errors));
            for (TraceVerdict t : r.traces()) suite(w, t);
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static List<String> failedRules(TraceVerdict t) {
        List<String> out = new ArrayList<>();
        for (Violation v : t.violations()) {
            if (!out.contains(v.rule())) out.add(v.rule());
        }
        return out;
    }

    private void suite(XMLStreamWriter w, TraceVerdict t) throws XMLStreamException {
        String file = GateFiles.display(t.file());
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", file);
        w.writeAttribute("tests", Integer.toString(t.checked().size() + t.skipped().size()));
        w.writeAttribute("failures", Integer.toString(failedRules(t).size()));
        w.writeAttribute("errors", t.status() == TraceVerdict.Status.UNUSABLE ? "1" : "0");
        w.writeAttribute("skipped", Integer.toString(t.skipped().size()));
        for (String rule : t.checked()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "heapsift.gate." + t.name());
            w.writeAttribute("name", rule);
            w.writeAttribute("file", file);
            if (t.status() == TraceVerdict.Status.UNUSABLE) {
                w.writeStartElement("error");
                w.writeAttribute("message", t.error());
                w.writeAttribute("type", "unusable input");
                w.writeCharacters(file + ": " + t.error());
                w.writeEndElement();
            } else {
                failure(w, t, rule, file);
            }
            w.writeEndElement();
        }
        for (var e : t.skipped().entrySet()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "heapsift.gate." + t.name());
            w.writeAttribute("name", e.getKey());
            w.writeAttribute("file", file);
            w.writeEmptyElement("skipped");
            w.writeAttribute("message", e.getValue());
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static void failure(XMLStreamWriter w, TraceVerdict t, String rule, String file) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        String first = null;
        for (Violation v : t.violations()) {
            if (!v.rule().equals(rule)) continue;
            if (first == null) first = v.message();
            text.append(file).append(v.line() > 0 ? ":" + v.line() : "").append(": ").append(v.message()).append('\n');
        }
        if (first == null) return;
        w.writeStartElement("failure");
        w.writeAttribute("message", first);
        w.writeAttribute("type", rule);
        w.writeCharacters(text.toString());
        w.writeEndElement();
    }
}
